"""A glossary of the named initiatives of many documents: one row per initiative.

Mentions are grouped by their name with quotes and white space removed; the row
keeps the most frequent way of writing it, its most frequent category, the
members a text gives (else the gazetteer's, else a partial list with 等; its
``members_source`` says which), the first and last year, and the documents and
regions that mention it.

Example:
    >>> import govtext
    >>> docs = [govtext.extract("全力做好“六稳”工作。", doc_id="a", year=2020),
    ...         govtext.extract("扎实做好“六稳”“六保”工作。", doc_id="b", year=2021)]
    >>> glossary(docs)[["name", "first_year", "last_year", "mentions"]].values.tolist()[0]
    ['六稳', 2020, 2021, 2]
"""

from __future__ import annotations

from collections import Counter, defaultdict

import regex

from .document import require_pandas

COLUMNS = ["name", "category", "members", "members_source", "first_year", "last_year", "documents",
           "regions", "mentions"]
# whose members a row shows, best first
_MEMBER_SOURCES = ("text", "gazetteer", "gazetteer-unverified", "text-partial")
_NOT_IN_KEY = regex.compile(r"[\s\"'“”‘’「」『』《》·・]")


def canonical_name(name: str) -> str:
    """The key mentions are grouped by: the name without quotes and white space."""
    return _NOT_IN_KEY.sub("", name)


def glossary(documents):
    """One DataFrame row per canonical initiative across ``documents``, most mentioned
    first (needs the ``pandas`` extra)."""
    pandas = require_pandas()
    groups = defaultdict(list)
    for document in documents:
        year = int(document.reference_date[:4]) if document.reference_date else None
        for initiative in document.initiatives:
            groups[canonical_name(initiative.name)].append((document, year, initiative))
    rows = []
    for mentions in groups.values():
        names = Counter(i.name for _, _, i in mentions)
        categories = Counter(i.category for _, _, i in mentions if i.category)
        # the members a text states, else the gazetteer's, else a text's partial list
        sources = Counter(i.members_source for _, _, i in mentions if i.members)
        source = next((s for s in _MEMBER_SOURCES if sources[s]), None)
        members = Counter(i.members for _, _, i in mentions
                          if i.members and i.members_source == source).most_common(1)
        years = [y for _, y, _ in mentions if y is not None]
        rows.append({
            "name": names.most_common(1)[0][0],
            "category": categories.most_common(1)[0][0] if categories else None,
            "members": list(members[0][0]) if members else [],
            "members_source": source if members else None,
            "first_year": min(years) if years else None,
            "last_year": max(years) if years else None,
            "documents": sorted({d.doc_id for d, _, _ in mentions if d.doc_id is not None}),
            "regions": sorted({d.region for d, _, _ in mentions if d.region}),
            "mentions": len(mentions),
        })
    frame = pandas.DataFrame(rows, columns=COLUMNS)
    frame = frame.sort_values(["mentions", "name"], ascending=[False, True], kind="stable")
    return frame.reset_index(drop=True)
