"""The main expected targets of a work report, and a table of them across reports.

A target is an indicator with a canonical id (gdp, cpi, …) whose status is
``target`` and that stands in a sentence setting this year's targets (``今年…
预期目标``, ``主要目标``) or, failing that, in the section of targets. The first
such indicator of each id is the target. A report that declines to set a target
(2020: ``没有提出全年经济增速具体目标``) gets a record with ``absent`` true.

Example:
    >>> import govtext
    >>> doc = govtext.extract("今年主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上。",
    ...                       year=2024)
    >>> [(t.indicator, float(t.value), t.qualifier, t.hard) for t in doc.targets]
    [('gdp', 5.0, 'about', False), ('urban_new_jobs', 12000000.0, 'over', True)]
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from .lexicons import cached_per_lexicons, mapping, table
from .normalize import simplified
from .numerals import as_json_number
from .records import decimal_or_none
from .spans import sentence_bounds

# a sentence that sets this year's targets
_SETS_TARGETS = regex.compile(r"预期目标|主要目标|目标是|目标为|增长预期为|预期为")
_CLAUSE_END = "。;；\n,，"


@dataclass(frozen=True)
class Target:
    """One main target: ``gdp`` 5 ``%`` about (soft), or ``absent``."""

    indicator: str
    name: str | None
    value: Decimal | None
    value_max: Decimal | None
    unit: str | None
    qualifier: str | None
    hard: bool | None
    sentence: str
    start: int
    end: int
    absent: bool = False

    def to_dict(self) -> dict:
        return {
            "indicator": self.indicator,
            "name": self.name,
            "value": as_json_number(self.value),
            "value_max": as_json_number(self.value_max),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "hard": self.hard,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "absent": self.absent,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Target:
        return cls(
            data["indicator"], data.get("name"), decimal_or_none(data.get("value")),
            decimal_or_none(data.get("value_max")),
            data.get("unit"), data.get("qualifier"), data.get("hard"), data.get("sentence", ""),
            data["start"], data["end"], data.get("absent", False),
        )


@cached_per_lexicons
def _cues():
    return mapping("target_cues.tsv"), [(i, regex.compile(p)) for i, p in table("absent_targets.tsv", 2)]


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    return sentence_bounds(text, start, end, marks="。\n")


def _clause(text: str, start: int, end: int) -> str:
    left, right = sentence_bounds(text, start, end, marks=_CLAUSE_END)
    return text[left:right].rstrip(_CLAUSE_END)


def _hard(clause: str) -> bool | None:
    cues, _ = _cues()
    kinds = {kind for cue, kind in cues.items() if cue in clause}
    if "hard" in kinds:
        return True
    return False if "soft" in kinds else None


def find_targets(text: str, indicators, sections, plain: str | None = None) -> tuple[Target, ...]:
    """The main targets among ``indicators`` of a document ``text`` with ``sections``;
    ``plain`` is ``simplified(text)`` where the caller has it already."""
    # cues are matched in simplified characters (預期目標 is 预期目标); offsets are the same
    # and the sentences quoted keep the document's own characters
    plain = simplified(text) if plain is None else plain
    targets_sections = [s for s in sections if s.role == "targets"]
    ranked = []
    for indicator in indicators:
        if indicator.indicator is None or indicator.status != "target":
            continue
        left, right = _sentence_bounds(text, indicator.start, indicator.end)
        sentence = text[left:right]
        if _SETS_TARGETS.search(plain, left, right):
            rank = 0
        elif any(s.start <= indicator.start < s.end for s in targets_sections):
            rank = 1
        else:
            continue
        ranked.append((rank, indicator.start, indicator, sentence.strip()))
    chosen = {}
    for _, _, indicator, sentence in sorted(ranked, key=lambda r: (r[0], r[1])):
        if indicator.indicator in chosen:
            continue
        clause = _clause(plain, indicator.start, indicator.end)
        chosen[indicator.indicator] = Target(
            indicator.indicator, indicator.name, indicator.value, indicator.value_max, indicator.unit,
            indicator.qualifier, _hard(clause), sentence, indicator.start, indicator.end,
        )
    _, absences = _cues()
    for indicator_id, pattern in absences:
        if indicator_id in chosen:
            continue
        match = pattern.search(plain)
        if match:
            left, right = _sentence_bounds(text, match.start(), match.end())
            chosen[indicator_id] = Target(indicator_id, None, None, None, None, None, None,
                                          text[left:right].strip(), match.start(), match.end(), absent=True)
    return tuple(sorted(chosen.values(), key=lambda t: t.start))


def targets_table(documents):
    """The targets of many documents in one DataFrame, each row with the document's
    ``doc_id``, ``region``, ``level`` and ``year`` (needs the ``pandas`` extra)."""
    from .document import require_pandas

    pandas = require_pandas()
    rows = []
    for document in documents:
        year = int(document.reference_date[:4]) if document.reference_date else None
        for target in document.targets:
            rows.append({"doc_id": document.doc_id, "region": document.region, "level": document.level,
                         "year": year, **target.to_dict()})
    columns = ["doc_id", "region", "level", "year", "indicator", "name", "value", "value_max", "unit",
               "qualifier", "hard", "absent", "sentence", "start", "end"]
    return pandas.DataFrame(rows, columns=columns)
