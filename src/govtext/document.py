"""The result of :func:`govtext.extract`: a document with its records."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from .errors import MissingExtraError
from .records import SCHEMA_VERSION, Event, Indicator, Initiative, Sentence, TimeExpression

RECORD_KINDS = ("indicators", "times", "initiatives", "events", "sections")


@dataclass(frozen=True)
class Document:
    """A text with the records extracted from it, in text order.

    Example:
        >>> from govtext import extract
        >>> doc = extract("2024年，报送履职成果46件。", doc_id="demo")
        >>> doc.to_dict()["indicators"][0]["value"], doc.reference_date
        (46, None)
    """

    doc_id: str | None
    text: str
    reference_date: str | None
    kind: str | None = None
    title: str | None = None
    region: str | None = None
    level: str | None = None
    indicators: tuple[Indicator, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    # the times that anchor a happening, with action, actors and places
    events: tuple[Event, ...] = ()
    # the main expected targets of a work report (govtext.targets)
    targets: tuple = ()
    sections: tuple = ()
    boilerplate: tuple[tuple[int, int, str], ...] = ()
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def sentences(self) -> list[Sentence]:
        """Sentences with jieba tokens (segmented on first access)."""
        if "sentences" not in self._cache:
            from .segment import segment

            self._cache["sentences"] = segment(self.text)
        return self._cache["sentences"]

    def to_dict(self) -> dict:
        """The stable JSON shape: ids, dates, schema version and the three record lists."""
        return {
            "doc_id": self.doc_id,
            "reference_date": self.reference_date,
            "schema_version": SCHEMA_VERSION,
            "kind": self.kind,
            "title": self.title,
            "region": self.region,
            "level": self.level,
            "sections": [s.to_dict() for s in self.sections],
            "boilerplate": [{"start": s, "end": e, "kind": k} for s, e, k in self.boilerplate],
            "targets": [t.to_dict() for t in self.targets],
            "events": [e.to_dict() for e in self.events],
            "indicators": [r.to_dict() for r in self.indicators],
            "times": [r.to_dict() for r in self.times],
            "initiatives": [r.to_dict() for r in self.initiatives],
        }

    @classmethod
    def from_dict(cls, data: dict, text: str | None = None) -> Document:
        """The Document of a ``to_dict()`` (a line of ``documents.jsonl``, which carries the
        ``text``; otherwise pass ``text``).

        Example:
            >>> from govtext import extract
            >>> doc = extract("报送履职成果46件。", doc_id="demo")
            >>> Document.from_dict(doc.to_dict(), text=doc.text).to_dict() == doc.to_dict()
            True
        """
        from .structure import Section
        from .targets import Target

        return cls(
            doc_id=data.get("doc_id"),
            text=data.get("text", "") if text is None else text,
            reference_date=data.get("reference_date"),
            kind=data.get("kind"),
            title=data.get("title"),
            region=data.get("region"),
            level=data.get("level"),
            indicators=tuple(Indicator.from_dict(r) for r in data.get("indicators") or ()),
            times=tuple(TimeExpression.from_dict(r) for r in data.get("times") or ()),
            initiatives=tuple(Initiative.from_dict(r) for r in data.get("initiatives") or ()),
            events=tuple(Event.from_dict(r) for r in data.get("events") or ()),
            targets=tuple(Target.from_dict(r) for r in data.get("targets") or ()),
            sections=tuple(Section.from_dict(s) for s in data.get("sections") or ()),
            boilerplate=tuple((b["start"], b["end"], b["kind"]) for b in data.get("boilerplate") or ()),
        )

    def to_frame(self, kind: str = "indicators"):
        """The records of one kind as a pandas DataFrame (needs the ``pandas`` extra).

        ``kind`` is one of ``indicators``, ``times``, ``initiatives``, ``events``,
        ``sections``, or ``targets`` (the rows of :func:`govtext.targets_table`).

        Example:
            >>> from govtext import extract
            >>> doc = extract("今年主要预期目标是：国内生产总值增长5%左右。", year=2024)
            >>> doc.to_frame("targets")[["indicator", "value"]].values.tolist()
            [['gdp', 5]]
        """
        if kind == "targets":
            from .targets import targets_table

            return targets_table([self])
        if kind not in RECORD_KINDS:
            raise ValueError(f"kind must be one of {', '.join((*RECORD_KINDS, 'targets'))}, not {kind!r}")
        return records_frame([self], kind)

    def _repr_html_(self) -> str:
        """The text with its records highlighted, for Jupyter (see :func:`govtext.render`)."""
        from .render import render  # only notebooks need it

        return render(self)


@functools.lru_cache(maxsize=1)
def require_pandas():
    """The pandas module, or a :class:`MissingExtraError` saying how to install it.

    Example:
        >>> require_pandas().__name__
        'pandas'
    """
    try:
        import pandas
    except ImportError as error:
        raise MissingExtraError(
            "DataFrames need pandas: pip install 'govtext[pandas]'"
        ) from error
    return pandas


_COLUMNS = {
    "indicators": ["start", "end", "text", "value", "value_max", "unit", "qualifier", "name",
                   "direction", "status", "indicator", "rule", "section"],
    "times": ["start", "end", "text", "value", "event", "rule", "section"],
    "events": ["start", "end", "text", "value", "event", "rule", "section", "action", "actors", "places"],
    "initiatives": ["start", "end", "text", "name", "category", "members", "components", "members_source",
                    "rule", "section"],
    "sections": ["title", "depth", "start", "end", "role"],
}
# document columns that lead every record row, so rows of many documents stay apart
DOCUMENT_COLUMNS = ["doc_id", "kind", "region", "level", "year"]


def _flat_sections(sections):
    for section in sections:
        yield section
        yield from _flat_sections(section.children)


def records_frame(documents, kind: str):
    """One DataFrame of the ``kind`` records of many documents; each row starts with
    the document's ``doc_id``, ``kind``, ``region``, ``level`` and ``year``."""
    pandas = require_pandas()
    rows = []
    for document in documents:
        leading = {
            "doc_id": document.doc_id,
            "kind": document.kind,
            "region": document.region,
            "level": document.level,
            "year": int(document.reference_date[:4]) if document.reference_date else None,
        }
        records = _flat_sections(document.sections) if kind == "sections" else getattr(document, kind)
        for record in records:
            row = record.to_dict()
            if kind == "sections":  # a section's level is its depth, not the document's level
                row["depth"] = row.pop("level")
                row.pop("children")
            rows.append({**row, **leading})
    return pandas.DataFrame(rows, columns=[*DOCUMENT_COLUMNS, *_COLUMNS[kind]])
