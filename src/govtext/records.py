"""The records govtext produces: small frozen dataclasses with a JSON-ready ``to_dict``.

Field names and meanings are those of the annotation contract (ANNOTATION.md);
``section`` is the path of titles of the sections the record stands in.
Every record's ``start``/``end`` are half-open character offsets into the
document text and ``text == document_text[start:end]``.

Example:
    >>> from decimal import Decimal
    >>> Indicator(0, 4, "46件", Decimal(46), "件", name="履职成果").to_dict()["value"]
    46
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .numerals import as_json_number

SCHEMA_VERSION = "1.0"


def decimal_or_none(value) -> Decimal | None:
    """A JSON number back as the exact decimal it was written from."""
    return None if value is None else Decimal(str(value))


@dataclass(frozen=True)
class Token:
    """A jieba token with its offsets into the document text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """A sentence of the document with its tokens."""

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True)
class Indicator:
    """A quantity: ``近60场次`` -> value 60, unit ``场次``, qualifier ``nearly``."""

    start: int
    end: int
    text: str
    value: Decimal
    unit: str
    qualifier: str | None = None
    name: str | None = None
    value_max: Decimal | None = None
    direction: str | None = None
    status: str | None = None
    section: tuple[str, ...] = ()
    # canonical id of a recurring indicator (gdp, cpi, …), from data/lexicons/indicators.tsv
    indicator: str | None = None
    # the pattern that found the quantity and the rule that named it: "quantity/name_before"
    rule: str | None = None

    def to_dict(self) -> dict:
        out = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": as_json_number(self.value),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "name": self.name,
        }
        # the contract leaves these out when they do not apply
        if self.value_max is not None:
            out["value_max"] = as_json_number(self.value_max)
        if self.direction is not None:
            out["direction"] = self.direction
        if self.status is not None:
            out["status"] = self.status
        out["indicator"] = self.indicator
        out["rule"] = self.rule
        out["section"] = list(self.section)
        return out

    @classmethod
    def from_dict(cls, data: dict) -> Indicator:
        """The record of a ``to_dict()`` (values become ``Decimal`` again)."""
        return cls(
            data["start"], data["end"], data["text"], decimal_or_none(data["value"]), data["unit"],
            data.get("qualifier"), data.get("name"), decimal_or_none(data.get("value_max")),
            data.get("direction"), data.get("status"), tuple(data.get("section") or ()),
            data.get("indicator"), data.get("rule"),
        )


@dataclass(frozen=True)
class TimeExpression:
    """A time expression normalized to ISO 8601: ``5月11日`` -> ``2024-05-11``.

    ``event`` is true when the time anchors a concrete happening in its clause.
    """

    start: int
    end: int
    text: str
    value: str
    event: bool = False
    section: tuple[str, ...] = ()
    # the alternative of the time pattern that matched: "date", "relative", "plan", …
    rule: str | None = None

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "event": self.event,
            "rule": self.rule,
            "section": list(self.section),
        }

    @classmethod
    def from_dict(cls, data: dict) -> TimeExpression:
        return cls(data["start"], data["end"], data["text"], data["value"], data.get("event", False),
                   tuple(data.get("section") or ()), data.get("rule"))


@dataclass(frozen=True)
class Initiative:
    """A named programme, slogan or brand: ``四大工程`` with its four members."""

    start: int
    end: int
    text: str
    name: str
    category: str | None = None
    members: tuple[str, ...] = ()
    components: tuple[tuple[str, str], ...] = field(default=())
    section: tuple[str, ...] = ()
    # where the members come from: "text" (listed in the document), "text-partial" (some of
    # them, listed with 等: 甲、乙等六大工程), "gazetteer" (govtext's list, checked against a
    # source) or "gazetteer-unverified" (govtext's list, unchecked)
    members_source: str | None = None
    # what found the name: "quoted" (“…” with or without a category), "numbered" (四大工程),
    # "formula" (1+3+N), "gazetteer" (an entry of data/lexicons/initiatives.tsv)
    rule: str | None = None

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "name": self.name,
            "category": self.category,
            "members": list(self.members),
            "components": dict(self.components),
            "members_source": self.members_source,
            "rule": self.rule,
            "section": list(self.section),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Initiative:
        return cls(
            data["start"], data["end"], data["text"], data["name"], data.get("category"),
            tuple(data.get("members") or ()), tuple((data.get("components") or {}).items()),
            tuple(data.get("section") or ()), data.get("members_source"), data.get("rule"),
        )


@dataclass(frozen=True)
class Mention:
    """A stretch of text a record points to: an event's action, actor or place."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict) -> Mention:
        return cls(data["start"], data["end"], data["text"])


@dataclass(frozen=True)
class Event(TimeExpression):
    """A time that anchors a happening, with who did what where.

    ``5月11日,区政协党组书记、主席郑政平带队前往深圳市光明区…`` -> value 2024-05-11,
    actors [区政协党组书记、主席郑政平], places [深圳市光明区], action 带队前往….
    """

    event: bool = True
    action: Mention | None = None
    actors: tuple[Mention, ...] = ()
    places: tuple[Mention, ...] = ()

    def to_dict(self) -> dict:
        return {
            **super().to_dict(),
            "action": self.action.to_dict() if self.action else None,
            "actors": [a.to_dict() for a in self.actors],
            "places": [p.to_dict() for p in self.places],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Event:
        time = TimeExpression.from_dict(data)
        action = data.get("action")
        return cls(
            time.start, time.end, time.text, time.value, time.event, time.section, time.rule,
            action=Mention.from_dict(action) if action else None,
            actors=tuple(Mention.from_dict(a) for a in data.get("actors") or ()),
            places=tuple(Mention.from_dict(p) for p in data.get("places") or ()),
        )


RECORD_TYPES = {"indicators": Indicator, "times": TimeExpression, "initiatives": Initiative}
