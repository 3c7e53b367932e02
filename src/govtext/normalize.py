"""A normalized view of a text whose every position maps back to the original.

Extractors match on the normalized view and report offsets into the caller's
text. The view differs from the original in four ways:

* full-width ASCII forms (``０-９``, ``Ａ-Ｚ``, ``，``, ``％`` …) and the ideographic
  space become their half-width forms, and the rarer dashes (``─``, ``‐``, ``〜``) the
  common ones (a 1:1 translation that keeps offsets);
* traditional characters become simplified ones, one character for one
  (``data/lexicons/traditional_characters.tsv``), so ``12個百分點`` is read as
  ``12个百分点`` while records keep the original characters;
* spaces inside numbers, dates and percentages, as in ``1 9 9 8 年``, ``7 4 7 7 亿元``,
  ``34 065元``, ``2610 公里``, ``近 三 年`` or ``百 分 之 五``, are dropped;
* a line break that cuts a sentence of a prose paragraph in two
  (``线上\\n\\n推送各类学习内容``) is dropped.

Example:
    >>> view = normalize("增长１ ２％")
    >>> view.text
    '增长12%'
    >>> view.span(2, 5)
    (2, 6)
    >>> normalize("國內生產總值增長５％").text
    '国内生产总值增长5%'
"""

from __future__ import annotations

import array
import bisect
import functools
import sys
from dataclasses import dataclass, field

import regex

from .errors import LexiconError
from .lexicons import cached_per_lexicons, table

_FULL_TO_HALF = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_TO_HALF[0x3000] = 0x20
# dashes that PDF and old web pages use in ranges (9%─10%, 2‐3个百分点) read as the
# common ones: box-drawing lines as the em dash, hyphens as the hyphen-minus, the wave dash as ~
_DASHES = {ord(dash): ord(common) for dashes, common in (("─━", "—"), ("‐‑‒﹣", "-"), ("〜", "~"))
           for dash in dashes}


@cached_per_lexicons
def _translation() -> str:
    """The character-for-character part of the view: full-width forms and traditional characters.

    A string whose character at each code point is what that character becomes, up to
    the highest code point translated: ``str.translate`` looks a character up in it
    by index, in about 60% of the time of a dict (which it asks for every character
    of the text, and which raises KeyError for nearly all of them); characters past
    its end stay as they are.
    """
    translation = _FULL_TO_HALF | _DASHES
    for traditional, simplified_ in table("traditional_characters.tsv", 2):
        if len(traditional) != 1 or len(simplified_) != 1:
            # one character for one, or the offsets into the original would drift
            raise LexiconError(
                f"traditional_characters.tsv: {traditional!r} -> {simplified_!r} is not one character for one"
            )
        translation[ord(traditional)] = ord(simplified_)
    # every character as itself, then the changes (a C unsigned int: the four bytes a code
    # of utf-32 takes)
    codes = array.array("I", range(max(translation) + 1))
    for code, replacement in translation.items():
        codes[code] = replacement
    # decoded whole (surrogates, which a text read with surrogateescape may hold, as themselves)
    return codes.tobytes().decode(f"utf-32-{sys.byteorder[0]}e", "surrogatepass")


def simplified(text: str) -> str:
    """``text`` with full-width forms half-width and traditional characters simplified,
    character for character: ``simplified(text)[i]`` stands for ``text[i]``.

    Example:
        >>> simplified("兩個百分點，１２％")
        '两个百分点,12%'
    """
    return text.translate(_translation())

# A space after a lone digit (digits spaced out one by one, 1 9 9 7 年) and before
# what continues the number or its unit; `2026-03-06 20:48` keeps its space.
_SPACE_IN_NUMBER = regex.compile(r"(?<=(?<!\d)\d)[ \t]+(?=[\d.%\p{Han}])")


# Chinese is written without spaces between words: a space inside a number, a date or a
# percentage is layout, and the expression reads on across it. Dropped: a space between
# a number and a Han character (2610 公里, 27.5 万人, 达 6658.43), between Han characters
# when one is a numeral character or 点 (近 三 年, 一 百 五 十 个, 四点 五个百分点) or the
# first stands alone between spaces (百 分 之 五, 2009 年 到 2010 年), and a group of three
# digits after one to three digits: the thousands of one number (人均可支配收入34 065元).
# Two numbers side by side keep their space (2026-03-06 20:48, the columns of a table), and
# so do two words (三江两岸 指钱塘江…: a glossary's term and its explanation).
@cached_per_lexicons
def _space_between_words():
    numeral = regex.escape("".join(char for char, _, _ in table("numerals.tsv", 3)) + "点")
    return regex.compile(
        rf"(?<=\d|[{numeral}]|(?<=^|[ \t\u00a0])\p{{Han}})[ \t\u00a0]+(?=\p{{Han}})"
        rf"|(?<=\p{{Han}})[ \t\u00a0]+(?=\d|[{numeral}])"
        r"|(?<=(?<![\d.,])\d{1,3})[ \u00a0](?=\d{3}(?![\d.]))",
        regex.MULTILINE,
    )


# A run of line breaks (with the blanks around them).
_LINE_BREAK = regex.compile(r"[ \t]*\n[\s]*")
# A space between a number and its percent sign (增长 13 %左右, 比重达到24 %):
# a % never starts a number, so the space is layout.
_SPACE_BEFORE_PERCENT = regex.compile(r"(?<=\d)[ \t\u00a0]+(?=%)")
_PROSE_PUNCTUATION = regex.compile(r"[,，、;；。]")
# a line that starts like a heading (一、 （一） 1.) is never joined to the next one
_HEADING_START = regex.compile(
    r"^[\s#*>`]*(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、．](?!\d))"
)
_CONTINUES = regex.compile(r"[\p{Han}\w]")
# a part heading run onto the end of the paragraph before it (…提出意见。一、…的回顾): the
# collector lost the line break before the heading; the one after it ends the heading
GLUED_PART_HEADING = regex.compile(
    r"[。!！]\**(?P<heading>[一二三四五六七八九十]{1,3}、[^。!！?？\n]{2,60})\**[ \t]*$"
)
_MIN_PROSE_LINE = 20


@dataclass(frozen=True)
class NormalizedText:
    """The normalized ``text`` and the map of its positions back to ``original``."""

    original: str
    text: str
    # positions in ``text`` where characters of the original were dropped, and the
    # number of original characters dropped before each of those positions
    _cut_at: tuple[int, ...] = ()
    _dropped_before: tuple[int, ...] = ()
    # simplified(original), the view before the drops, kept for whoever reads the
    # original offsets in simplified characters (the targets); "" when not made
    translated: str = field(default="", repr=False, compare=False)

    def offset(self, position: int) -> int:
        """The original offset of normalized ``position`` (start side)."""
        index = bisect.bisect_right(self._cut_at, position) - 1
        return position + (self._dropped_before[index] if index >= 0 else 0)

    def position(self, original: int) -> int:
        """The normalized position of ``original`` (an offset into the original text);
        an offset inside dropped characters maps to where they were dropped.

        Example:
            >>> normalize("增长１ ２％").position(4)
            3
        """
        index = bisect.bisect_right(self._original_cuts, original) - 1
        if index < 0:
            return original
        return max(self._cut_at[index], original - self._dropped_before[index])

    @functools.cached_property
    def _original_cuts(self) -> tuple[int, ...]:
        # where each drop ends in the original text
        return tuple(cut + dropped for cut, dropped in zip(self._cut_at, self._dropped_before, strict=True))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``(start, end)`` of the normalized span ``text[start:end]``."""
        if end <= start:
            original = self.offset(start)
            return original, original
        return self.offset(start), self.offset(end - 1) + 1


def _joinable_break(original: str, match) -> bool:
    line_start = original.rfind("\n", 0, match.start()) + 1
    line = original[line_start : match.start()]
    following = original[match.end() : match.end() + 1]
    return (
        len(line) >= _MIN_PROSE_LINE
        and not _HEADING_START.match(line)
        and not GLUED_PART_HEADING.search(line)
        and bool(_CONTINUES.match(line[-1:]))
        and bool(_PROSE_PUNCTUATION.search(line))
        and bool(_CONTINUES.match(following))
    )


# A full-width comma between half-width digits separates two numbers (第2，102个, $20，300美圆):
# the view writes it as another clause mark, so that it is never read as the thousands
# separator of one number (a number typed in full-width forms keeps it: １２，３４５).
_COMMA_BETWEEN_NUMBERS = regex.compile(r"(?<=[0-9])，(?=[0-9])")


def normalize(original: str) -> NormalizedText:
    """Build the normalized view of ``original`` (see the module docstring)."""
    translated = simplified(_COMMA_BETWEEN_NUMBERS.sub(";", original))
    drops = [m.span() for m in _SPACE_IN_NUMBER.finditer(translated)]
    drops += [m.span() for m in _space_between_words().finditer(translated)]
    drops += [m.span() for m in _LINE_BREAK.finditer(translated) if _joinable_break(translated, m)]
    drops += [m.span() for m in _SPACE_BEFORE_PERCENT.finditer(translated)]
    if not drops:
        return NormalizedText(original, translated, translated=translated)
    drops.sort()
    pieces, cut_at, dropped_before = [], [], []
    position = dropped = 0
    for start, end in drops:
        if start < position:  # overlapping drops: keep the first
            continue
        pieces.append(translated[position:start])
        dropped += end - start
        cut_at.append(start - dropped + (end - start))
        dropped_before.append(dropped)
        position = end
    pieces.append(translated[position:])
    return NormalizedText(original, "".join(pieces), tuple(cut_at), tuple(dropped_before), translated)
