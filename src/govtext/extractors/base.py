"""What every extractor shares: the context of one document and span helpers."""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field

import regex

from ..normalize import NormalizedText
from ..spans import sentence_bounds
from ..structure import role_at

# Quoted and titled stretches of the normalized text: “…”, ‘…’, "…", 《…》, 「…」.
_QUOTED = regex.compile(r"“[^“”\n]{1,80}”|‘[^‘’\n]{1,60}’|\"[^\"\n]{1,80}\"|「[^「」\n]{1,80}」")
_TITLED = regex.compile(r"《[^《》\n]{1,120}》")
# A clause ends at these (on the normalized text, where ，；： are half-width).
CLAUSE_END = ",;:。!?\n"
_CLAUSE_END_RE = regex.compile(r"[,;:。!?\n]")
# The longest clause the extractors read around a position. Real clauses are far
# shorter; a text without clause marks (a 5 MB line) would otherwise make every
# quantity read the whole text before it, which costs quadratic time.
CLAUSE_WINDOW = 200


class Spans:
    """A sorted set of non-overlapping ``(start, end)`` spans with a fast ``covers``."""

    def __init__(self, spans):
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def covering(self, position: int) -> tuple[int, int] | None:
        """The span that contains ``position``, if any."""
        index = bisect.bisect_right(self.starts, position) - 1
        if index >= 0 and position < self.ends[index]:
            return self.starts[index], self.ends[index]
        return None

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.ends, start + 1)
        return index < len(self.starts) and self.starts[index] < end


@dataclass
class Context:
    """One document as the extractors see it.

    ``view`` is the normalized text (extractors match on ``view.text``);
    ``reference_year`` is the year the document was delivered or published;
    ``review_year`` is the year a review looks back on (``过去一年``);
    ``reference_date`` resolves days relative to a dateline (``昨天``).
    """

    view: NormalizedText
    reference_year: int | None = None
    review_year: int | None = None
    claimed: list[tuple[int, int]] = field(default_factory=list)
    sections: list = field(default_factory=list)
    reference_date: str | None = None  # ISO, as precise as known: 2024-03-05, 2025
    # (normalized start, end, time record) of the times that anchor a happening
    event_times: list = field(default_factory=list)

    def role_at(self, position: int) -> str | None:
        """Role of the top-level section at normalized ``position`` (review, targets, …)."""
        return role_at(self.sections, position)

    @property
    def text(self) -> str:
        return self.view.text

    @functools.cached_property
    def quoted(self) -> Spans:
        """Inside of quotes (without the quote marks)."""
        return Spans((m.start() + 1, m.end() - 1) for m in _QUOTED.finditer(self.text))

    @functools.cached_property
    def titled(self) -> Spans:
        """Book and document titles in 《》, marks included."""
        return Spans(m.span() for m in _TITLED.finditer(self.text))

    def clause_start(self, position: int) -> int:
        """Start of the clause that contains ``position``, at most ``CLAUSE_WINDOW``
        characters before it."""
        floor = max(0, position - CLAUSE_WINDOW)
        best = max(self.text.rfind(mark, floor, position) for mark in CLAUSE_END)
        return best + 1 if best >= 0 else floor

    def clause_end(self, position: int) -> int:
        """End of the clause that contains ``position``, at most ``CLAUSE_WINDOW``
        characters after it."""
        match = _CLAUSE_END_RE.search(self.text, position, position + CLAUSE_WINDOW)
        return match.start() if match else min(len(self.text), position + CLAUSE_WINDOW)

    def sentence_bounds(self, position: int) -> tuple[int, int]:
        """Start and end of the sentence that contains ``position``."""
        return sentence_bounds(self.text, position)

    def original(self, start: int, end: int) -> tuple[int, int, str]:
        """Original ``(start, end, text)`` of the normalized span ``[start, end)``."""
        ostart, oend = self.view.span(start, end)
        return ostart, oend, self.view.original[ostart:oend]
