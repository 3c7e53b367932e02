"""Keyword attention: how much of a document speaks about a lexicon's subject.

The recipe of the attention papers (陈诗一、陈登科 2018 and the many after it), made
explicit so that a figure can be reproduced:

1. the lexicon's terms are added as words to a copy of govtext's jieba tokenizer
   (:func:`govtext.segment.tokenizer_with`), so a multi-word term such as
   ``生态环境保护`` comes out as one token and counts once; the shared tokenizer, and
   so every later ``extract``, is left as it was;
2. the text is normalized (full-width forms as half-width), split into sentences and
   segmented; a **token** is a word that holds a letter, digit or Chinese character
   (punctuation and whitespace are not tokens);
3. a **hit** is a token equal to a lexicon term; the longest segmentation wins, so with
   both ``生态`` and ``生态环境保护`` in the lexicon, ``生态环境保护`` is one hit for
   the latter only;
4. **characters** are the non-whitespace characters of the text; **sentences** are the
   sentences that hold at least one token.

Measures, one row a document (:func:`attention`): ``hits``; ``token_share`` = hits /
tokens; ``character_share`` = characters of the hits / characters; ``sentence_share``
= sentences with a hit / sentences; ``hits_per_10k_characters`` = hits / characters ×
10,000. A share is NaN where its denominator is 0. The hits of each term, in long format
(one row a document and term, zeros included), come from :func:`attention_terms`.

A lexicon is the name of a shipped one (:func:`shipped_lexicons`: ``environment``,
``digital_economy``, ``innovation``, ``nqpf``, ``public_services``, ``hqd``, in
``data/lexicons/attention/``, each with a header on its source), the path of a word
list of your own (UTF-8, one term a line, optionally ``term<TAB>group``, ``#`` for
comments), a list of terms, a ``{term: group}`` dict from :func:`lexicon_terms`, or a
``{group: [terms]}`` dict such as ``{"carbon": ["碳达峰", "碳中和"]}``.

Example:
    >>> from govtext.attention import attention
    >>> text = "加强生态环境保护。打好污染防治攻坚战。稳步推进改革。"
    >>> row = attention([text], ["生态环境保护", "污染防治"]).iloc[0]
    >>> int(row["hits"]), int(row["tokens"]), int(row["sentences"]), float(row["sentence_share"])
    (2, 8, 3, 0.6666666666666666)
"""

from __future__ import annotations

import bisect
import math
import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .document import Document, require_pandas
from .errors import GovtextError, LexiconError
from .lexicons import lexicon_dir, read_rows, table
from .normalize import normalize
from .reference import infer_reference_date
from .segment import sentence_spans, tokenizer_with

ATTENTION_FOLDER = "attention"

ATTENTION_COLUMNS = (
    "doc_id", "year", "region", "level", "kind",
    "characters", "tokens", "sentences", "hits",
    "token_share", "character_share", "sentence_share", "hits_per_10k_characters",
)
TERM_COLUMNS = ("document", "doc_id", "year", "term", "group", "hits")


def shipped_lexicons() -> tuple[str, ...]:
    """Names of the attention lexicons that ship with govtext.

    Example:
        >>> shipped_lexicons()
        ('digital_economy', 'environment', 'hqd', 'innovation', 'nqpf', 'public_services')
    """
    folder = lexicon_dir() / ATTENTION_FOLDER
    return tuple(sorted(path.stem for path in folder.glob("*.tsv")))


def lexicon_terms(lexicon, *, groups=None) -> dict[str, str]:
    """The terms of an attention lexicon, each with its group (``""`` where it has none).

    ``lexicon`` is a shipped lexicon's name, a path to a word list, a list of terms or
    a ``{term: group}`` dict. ``groups`` keeps only the terms of those groups, e.g. the
    replication list of the environment lexicon.

    Example:
        >>> terms = lexicon_terms("environment", groups=["chen2018"])
        >>> len(terms), terms["环境保护"]
        (15, 'chen2018')
    """
    entries = _entries_of(lexicon)
    for term in entries:
        if not isinstance(term, str) or not term or any(ch.isspace() for ch in term):
            raise LexiconError(f"lexicon term {term!r} must be a non-empty str without spaces "
                               "(jieba cannot keep a term with a space whole)")
    # terms are matched against the normalized text, where full-width forms are half-width
    entries = {normalize(term).text: group for term, group in entries.items()}
    if groups is not None:
        wanted = {groups} if isinstance(groups, str) else set(groups)
        known = set(entries.values())
        if not wanted <= known:
            raise LexiconError(f"unknown groups {sorted(wanted - known)}; this lexicon has "
                               f"{sorted(g for g in known if g) or 'no groups'}")
        entries = {term: group for term, group in entries.items() if group in wanted}
    if not entries:
        raise LexiconError(f"the lexicon {lexicon!r} has no terms")
    return entries


def _entries_of(lexicon) -> dict[str, str]:
    if isinstance(lexicon, Mapping):
        listed = [not isinstance(value, str) and value is not None for value in lexicon.values()]
        if any(listed):
            if not all(listed):
                raise LexiconError("a lexicon dict is either {term: group} or {group: [terms]}, "
                                   "not a mix of both")
            # {group: [terms]}, as panel's {prefix: [terms]} is written
            return {term: group for group, terms in lexicon.items() for term in terms}
        return {term: group or "" for term, group in lexicon.items()}
    if isinstance(lexicon, str) and lexicon in shipped_lexicons():
        return dict(table(f"{ATTENTION_FOLDER}/{lexicon}.tsv", 1, 2))
    if isinstance(lexicon, (str, os.PathLike)):
        path = Path(lexicon)
        if not path.is_file():
            raise LexiconError(f"{str(lexicon)!r} is neither a shipped attention lexicon "
                               f"({', '.join(shipped_lexicons())}) nor a file")
        try:
            return dict(read_rows(path, 1, 2))
        except UnicodeDecodeError as error:
            raise LexiconError(f"{path}: not UTF-8 text ({error.reason}); save it as UTF-8") from error
    if isinstance(lexicon, Document):
        raise TypeError("the lexicon comes second: attention(docs, lexicon)")
    return {term: "" for term in lexicon}


@dataclass
class _Counts:
    """What one document (or its selected sections) holds."""

    characters: int = 0
    tokens: int = 0
    sentences: int = 0
    hits: int = 0
    hit_characters: int = 0
    hit_sentences: int = 0
    per_term: Counter = field(default_factory=Counter)

    def measures(self) -> dict:
        return {
            "characters": self.characters,
            "tokens": self.tokens,
            "sentences": self.sentences,
            "hits": self.hits,
            "token_share": _ratio(self.hits, self.tokens),
            "character_share": _ratio(self.hit_characters, self.characters),
            "sentence_share": _ratio(self.hit_sentences, self.sentences),
            "hits_per_10k_characters": _ratio(self.hits * 10_000, self.characters),
        }


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else math.nan


def _is_token(word: str) -> bool:
    return any(ch.isalnum() for ch in word)


def _count(text: str, own_tokenizer, terms, spans) -> _Counts:
    """Tokens, sentences and hits of ``text``, only inside ``spans`` when they are given."""
    view = normalize(text)
    counts = _Counts()
    if spans is None:
        counts.characters = sum(not ch.isspace() for ch in text)
    else:
        counts.characters = sum(not ch.isspace() for start, end in spans for ch in text[start:end])
        span_starts = [start for start, _ in spans]
    for start, end in sentence_spans(view):
        sentence_tokens = sentence_hits = 0
        for word, token_start, token_end in own_tokenizer.tokenize(view.text[start:end]):
            if not _is_token(word):
                continue
            if spans is not None:
                original_start, original_end = view.span(start + token_start, start + token_end)
                index = bisect.bisect_right(span_starts, original_start) - 1
                if index < 0 or original_end > spans[index][1]:
                    continue
            sentence_tokens += 1
            if word in terms:
                sentence_hits += 1
                counts.hit_characters += len(word)
                counts.per_term[word] += 1
        counts.tokens += sentence_tokens
        counts.hits += sentence_hits
        counts.sentences += sentence_tokens > 0
        counts.hit_sentences += sentence_hits > 0
    return counts


def _section_spans(document, position: int, roles) -> list[tuple[int, int]] | None:
    """The merged ``(start, end)`` of the document's sections of the given roles."""
    if roles is None:
        return None
    sections = getattr(document, "sections", None)
    if sections is None:
        name = getattr(document, "doc_id", None) or f"document {position}"
        raise GovtextError(
            f"section= needs document structure, and {name} has none: restricting counts to "
            "sections needs Documents with a `sections` attribute (sections with a role such "
            "as review, targets or tasks); raw strings never have one. Leave section= out to "
            "count over the whole text."
        )
    merged: list[list[int]] = []
    for start, end in sorted((s.start, s.end) for s in _all_sections(sections) if s.role in roles):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _all_sections(sections):
    """Sections and, depth first, their subsections (``children``)."""
    for section in sections:
        yield section
        yield from _all_sections(getattr(section, "children", ()))


def _as_documents(docs) -> list:
    if isinstance(docs, (str, Document)):
        return [docs]
    documents = list(docs)
    for document in documents:
        if not isinstance(document, (str, Document)):
            raise TypeError(f"docs must be Documents or str, not {type(document).__name__}")
    return documents


def _metadata(document) -> dict:
    if isinstance(document, str):
        reference = infer_reference_date(normalize(document).text)
        return {"doc_id": None, "year": int(reference[:4]) if reference else None,
                "region": None, "level": None, "kind": None}
    reference = document.reference_date
    return {"doc_id": document.doc_id, "year": int(reference[:4]) if reference else None,
            "region": document.region, "level": document.level, "kind": document.kind}


def _measure(docs, lexicon, section):
    """(metadata, counts) of each document, and the lexicon's {term: group}."""
    terms = lexicon_terms(lexicon)
    roles = None if section is None else frozenset([section] if isinstance(section, str) else section)
    own_tokenizer = tokenizer_with(terms)
    split = [term for term in terms if own_tokenizer.lcut(term) != [term]]
    if split:
        raise LexiconError(f"jieba cannot keep these terms whole: {split} (it splits at punctuation "
                           "other than + # & . _ % -); remove those characters from the terms")
    results = []
    for position, document in enumerate(_as_documents(docs)):
        text = document if isinstance(document, str) else document.text
        spans = _section_spans(document, position, roles)
        results.append((_metadata(document), _count(text, own_tokenizer, terms, spans)))
    return results, terms


def attention(docs, lexicon, *, section=None):
    """Attention measures of each document for one lexicon, as a pandas DataFrame.

    ``docs``: Documents (from :func:`govtext.extract`) or raw strings (their ``doc_id``,
    ``region``, ``level`` and ``kind`` are None and the year is inferred from the text);
    the frame's index is the position in ``docs``. ``lexicon``: see the module
    docstring. ``section``: a role name or list of role names (``review``, ``targets``,
    ``tasks``, ``self_building`` …) to count inside the sections of those roles only
    (their subsections included); it needs Documents, whose ``sections`` (objects with
    ``role``, ``start``, ``end``, ``children``) the structure parser fills. A document
    without a section of those roles counts nothing, so its shares are NaN.

    Columns: ``doc_id``, ``year``, ``region``, ``level``, ``kind``, ``characters``,
    ``tokens``, ``sentences``, ``hits``, ``token_share``, ``character_share``,
    ``sentence_share``, ``hits_per_10k_characters``. Needs the ``pandas`` extra.

    Example:
        >>> import govtext
        >>> doc = govtext.extract("深入打好污染防治攻坚战，加强生态环境保护。", doc_id="demo", year=2024)
        >>> row = attention([doc], "environment").iloc[0]
        >>> row["doc_id"], int(row["year"]), int(row["hits"]), int(row["tokens"])
        ('demo', 2024, 2, 7)
        >>> int(row["characters"]), round(float(row["character_share"]), 3)   # 10 of 21 characters
        (21, 0.476)
    """
    pandas = require_pandas()
    results, _ = _measure(docs, lexicon, section)
    rows = [{**metadata, **counts.measures()} for metadata, counts in results]
    frame = pandas.DataFrame(rows, columns=list(ATTENTION_COLUMNS))
    frame["year"] = frame["year"].astype("Int64")
    return frame


def attention_terms(docs, lexicon, *, section=None):
    """Hits of each lexicon term in each document, in long format (a pandas DataFrame).

    One row per document and term, terms with no hit included (so sums and pivots are
    complete): ``document`` (position in ``docs``), ``doc_id``, ``year``, ``term``,
    ``group``, ``hits``. Arguments as for :func:`attention`; the ``hits`` of a document
    sum to its ``hits`` there.

    Example:
        >>> frame = attention_terms(["打赢蓝天保卫战，守护蓝天碧水。"], "environment")
        >>> hit = frame[frame["hits"] > 0]
        >>> list(zip(hit["term"], hit["group"], hit["hits"]))
        [('蓝天保卫战', 'extended', 1), ('碧水', 'extended', 1), ('蓝天', 'extended', 1)]
    """
    pandas = require_pandas()
    results, terms = _measure(docs, lexicon, section)
    rows = [
        (position, metadata["doc_id"], metadata["year"], term, group, counts.per_term[term])
        for position, (metadata, counts) in enumerate(results)
        for term, group in terms.items()
    ]
    frame = pandas.DataFrame(rows, columns=list(TERM_COLUMNS))
    frame["year"] = frame["year"].astype("Int64")
    return frame
