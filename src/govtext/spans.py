"""Where the sentence or clause around a position begins and ends.

Searches look no further than ``window`` characters either way, so that a text
without sentence marks (one 5 MB line) costs linear time, not quadratic.

Example:
    >>> sentence_bounds("甲。乙丙。丁", 3)
    (2, 5)
"""

from __future__ import annotations

SENTENCE_MARKS = "。!?！？\n"
SENTENCE_WINDOW = 1000


def sentence_bounds(text: str, start: int, end: int | None = None, marks: str = SENTENCE_MARKS,
                    window: int = SENTENCE_WINDOW) -> tuple[int, int]:
    """``(left, right)`` of the stretch around ``text[start:end]`` delimited by ``marks``;
    ``right`` includes the closing mark."""
    end = start if end is None else end
    floor = max(0, start - window)
    left = max(text.rfind(mark, floor, start) for mark in marks)
    left = left + 1 if left >= 0 else floor
    ceiling = min(len(text), end + window)
    rights = [i for i in (text.find(mark, end, ceiling) for mark in marks) if i >= 0]
    return left, (min(rights) + 1 if rights else ceiling)
