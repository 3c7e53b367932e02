"""One table of the events of many documents, in date order.

Example:
    >>> import govtext
    >>> doc = govtext.extract("5月11日，区政协主席带队前往深圳市考察。", doc_id="a", year=2024)
    >>> timeline([doc])[["doc_id", "date", "granularity", "action"]].values.tolist()
    [['a', '2024-05-11', 'day', '带队前往深圳市考察']]
"""

from __future__ import annotations

import regex

from .document import require_pandas
from .spans import sentence_bounds

COLUMNS = ["doc_id", "date", "granularity", "text", "action", "actors", "places", "sentence", "start", "end"]
# a partial time (no year known: XXXX-05-11) keeps the granularity of what it gives
_GRANULARITY = (
    (regex.compile(r"^(?:\d{4}|XXXX)-\d\d-\d\d$"), "day"),
    (regex.compile(r"^(?:\d{4}|XXXX)-\d\d$"), "month"),
    (regex.compile(r"^(?:\d{4}|XXXX)-Q\d$"), "quarter"),
    (regex.compile(r"^(?:\d{4}|XXXX)-H\d$"), "half"),
    (regex.compile(r"^\d{4}$"), "year"),
)


def granularity(value: str) -> str:
    """``day``, ``month``, ``quarter``, ``half``, ``year``, or ``period`` (``2024-09/``).

    Example:
        >>> granularity("2024-05-11"), granularity("XXXX-05-11"), granularity("/2035")
        ('day', 'day', 'period')
    """
    for pattern, name in _GRANULARITY:
        if pattern.match(value):
            return name
    return "period"


def _sentence(text: str, start: int, end: int) -> str:
    left, right = sentence_bounds(text, start, end)
    return text[left:right].strip()


def timeline(documents):
    """A DataFrame of the events of ``documents`` sorted by date (then document and
    position): document id, date, granularity, the time as written, action, actors,
    places (joined by ``、``) and the sentence. Needs the ``pandas`` extra."""
    pandas = require_pandas()
    rows = []
    for document in documents:
        for event in document.events:
            rows.append({
                "doc_id": document.doc_id,
                "date": event.value,
                "granularity": granularity(event.value),
                "text": event.text,
                "action": event.action.text if event.action else None,
                "actors": "、".join(a.text for a in event.actors),
                "places": "、".join(p.text for p in event.places),
                "sentence": _sentence(document.text, event.start, event.end),
                "start": event.start,
                "end": event.end,
            })
    frame = pandas.DataFrame(rows, columns=COLUMNS)
    return frame.sort_values(["date", "doc_id", "start"], kind="stable").reset_index(drop=True)
