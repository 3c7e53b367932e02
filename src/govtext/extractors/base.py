"""What every extractor reads: one analysed document, built once per text.

The :class:`Context` holds the normalized view of the text, its sections and
reference dates, its clauses (found once, by one scan) and the tokens of each
clause (cut once, on first use). All positions are offsets into the normalized
view; :meth:`Context.original` maps a span back to the caller's text. Nothing
in it changes after it is built: extractors read it and return candidates.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from ..normalize import NormalizedText
from ..segment import cut
from ..spans import SENTENCE_MARKS, SENTENCE_WINDOW
from ..structure import role_at

# Quoted and titled stretches of the normalized text: “…”, ‘…’, "…", 《…》, 「…」.
_QUOTED = regex.compile(r"“[^“”\n]{1,80}”|‘[^‘’\n]{1,60}’|\"[^\"\n]{1,80}\"|「[^「」\n]{1,80}」")
_TITLED = regex.compile(r"《[^《》\n]{1,120}》")
# A clause ends at these (on the normalized text, where ，；： are half-width).
CLAUSE_END = ",;:。!?\n"
# (re, not regex: re finds the characters of a plain class in 60% of the time)
_CLAUSE_END_RE = re.compile(r"[,;:。!?\n]")
# A clause of a real report is rarely longer than 100 characters; a text without
# clause marks (a table flattened to one line) is read in pieces of this size, so
# that every window around a position stays bounded and extraction linear.
MAX_CLAUSE = 200
# Clauses whose tokens a Context keeps: every clause of a long report (2,500 at most in the corpus),
# while a text of many megabytes, whose tokens would take ten times its size, is cut again
# where an extractor comes back to a clause it left long before.
MAX_CACHED_CLAUSES = 4096


@functools.lru_cache(maxsize=16)
def _marks_pattern(marks: str):
    """A character class of ``marks``: the regex engine finds them much faster than a
    Python loop over every character of the text."""
    return re.compile("[" + "".join(f"\\U{ord(mark):08x}" for mark in marks) + "]")


def group_values(match) -> dict[str, str | None]:
    """``match.groupdict()``, in a third of its time: regex builds that dict slowly
    for a pattern of many groups, while ``groups()`` is one call.

    Example:
        >>> group_values(regex.match(r"(?P<number>\\d+)(%)?(?P<unit>个)?", "12%"))
        {'number': '12', 'unit': None}
    """
    names = _group_names(match.re)
    return {name: value for name, value in zip(names, match.groups(), strict=True) if name is not None}


@functools.lru_cache(maxsize=64)
def _group_names(pattern) -> tuple[str | None, ...]:
    """The name of each group of ``pattern`` in order, None for a group without one."""
    names: list[str | None] = [None] * pattern.groups
    for name, index in pattern.groupindex.items():
        names[index - 1] = name
    return tuple(names)


class Word(NamedTuple):
    """A token of a clause: its normalized offsets and text."""

    start: int
    end: int
    text: str


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


@dataclass(frozen=True, eq=False)
class Context:
    """One document as the extractors see it.

    ``view`` is the normalized text (extractors match on ``view.text``);
    ``reference_year`` is the year the document was delivered or published;
    ``review_year`` is the year a review looks back on (``过去一年``);
    ``reference_date`` resolves days relative to a dateline (``昨天``);
    ``level`` is the document's level (national, provincial, municipal, county), if known.
    """

    view: NormalizedText
    reference_year: int | None = None
    review_year: int | None = None
    sections: tuple = field(default_factory=tuple)
    reference_date: str | None = None  # ISO, as precise as known: 2024-03-05, 2025
    level: str | None = None

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

    @functools.cached_property
    def _clause_marks(self) -> list[int]:
        return [m.start() for m in _CLAUSE_END_RE.finditer(self.text)]

    def clause_start(self, position: int) -> int:
        """Start of the clause that contains ``position``. A stretch longer than
        ``MAX_CLAUSE`` without clause marks is read in pieces of that size, counted from
        its start, so that the positions of one piece share one clause (and one cut).

        Example:
            >>> from govtext.normalize import normalize
            >>> context = Context(normalize("甲乙，丙丁" + "戊" * 450))
            >>> context.clause_start(4), context.clause_start(300), context.clause_end(300)
            (3, 203, 403)
        """
        marks = self._clause_marks
        index = bisect.bisect_left(marks, position) - 1
        start = marks[index] + 1 if index >= 0 else 0
        return start + (position - start) // MAX_CLAUSE * MAX_CLAUSE

    def clause_end(self, position: int) -> int:
        """End of the clause that contains ``position`` (its mark, or the end of its piece)."""
        marks = self._clause_marks
        index = bisect.bisect_left(marks, position)
        end = marks[index] if index < len(marks) else len(self.text)
        return min(end, self.clause_start(position) + MAX_CLAUSE)

    def words(self, start: int, end: int) -> tuple[Word, ...]:
        """The tokens of the clause(s) that lie wholly inside ``[start, end)``, each clause
        cut once; a token is never cut in two by the range's edges as long as they fall
        on token bounds.

        Example:
            >>> from govtext.normalize import normalize
            >>> [w.text for w in Context(normalize("开展协商议政活动近60场次。")).words(0, 8)]
            ['开展', '协商议政', '活动']
        """
        out: tuple[Word, ...] = ()
        position = start
        while position < end:
            clause_start, clause_end = self.clause_start(position), self.clause_end(position)
            clause, starts, ends = self._words_of(clause_start, clause_end)
            # the tokens inside the range are a run of the clause's (their starts and ends rise)
            out += clause[bisect.bisect_left(starts, start) : bisect.bisect_right(ends, end)]
            position = max(clause_end + 1, position + 1)
        return out

    @functools.cached_property
    def _words_cache(self) -> OrderedDict[tuple[int, int], tuple[tuple[Word, ...], list[int], list[int]]]:
        return OrderedDict()

    def _words_of(self, start: int, end: int) -> tuple[tuple[Word, ...], list[int], list[int]]:
        """The tokens of the clause ``[start, end)``, their starts and their ends (the
        ``MAX_CACHED_CLAUSES`` clauses used last are kept)."""
        cache = self._words_cache
        cached = cache.get((start, end))
        if cached is not None:
            cache.move_to_end((start, end))
            return cached
        tokens = cut(self.text[start:end])
        bounds = list(itertools.accumulate(map(len, tokens), initial=start))
        spans = [(first, last, token)
                 for (first, last), token in zip(itertools.pairwise(bounds), tokens, strict=True)
                 if token.strip()]
        # Word(...) through the Python __new__ of a NamedTuple costs twice as much
        words = tuple([tuple.__new__(Word, span) for span in spans])
        cached = cache[(start, end)] = (words, [s[0] for s in spans], [s[1] for s in spans])
        if len(cache) > MAX_CACHED_CLAUSES:
            cache.popitem(last=False)
        return cached

    def sentence_bounds(self, position: int, marks: str = SENTENCE_MARKS) -> tuple[int, int]:
        """Start and end (after its closing mark) of the stretch around ``position`` that
        ``marks`` delimit, at most ``SENTENCE_WINDOW`` characters either way: what
        :func:`govtext.spans.sentence_bounds` gives, from an index of the marks built once.

        Example:
            >>> from govtext.normalize import normalize
            >>> Context(normalize("甲。乙丙。丁")).sentence_bounds(3)
            (2, 5)
        """
        positions = self._mark_positions(marks)
        index = bisect.bisect_left(positions, position)
        floor = max(0, position - SENTENCE_WINDOW)
        left = positions[index - 1] + 1 if index and positions[index - 1] >= floor else floor
        ceiling = min(len(self.text), position + SENTENCE_WINDOW)
        right = positions[index] + 1 if index < len(positions) and positions[index] < ceiling else ceiling
        return left, right

    def _mark_positions(self, marks: str) -> list[int]:
        positions = self._marks_cache.get(marks)
        if positions is None:
            found = _marks_pattern(marks).finditer(self.text)
            positions = self._marks_cache[marks] = [m.start() for m in found]
        return positions

    @functools.cached_property
    def _marks_cache(self) -> dict[str, list[int]]:
        return {}

    def original(self, start: int, end: int) -> tuple[int, int, str]:
        """Original ``(start, end, text)`` of the normalized span ``[start, end)``."""
        ostart, oend = self.view.span(start, end)
        return ostart, oend, self.view.original[ostart:oend]
