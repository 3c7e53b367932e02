"""Chinese and Arabic numerals, with magnitude words, to exact ``Decimal`` values.

Example:
    >>> parse_number("1.39万亿")
    Decimal('1390000000000.00')
    >>> parse_number("一千二百万")
    Decimal('12000000')
    >>> parse_number("二〇二四")
    Decimal('2024')
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

from .lexicons import alternation, cached_per_lexicons, table


@cached_per_lexicons
def _numeral_table() -> tuple[dict[str, int], dict[str, int]]:
    digits, units = {}, {}
    for char, value, kind in table("numerals.tsv", 3):
        if kind in ("digit", "unit"):
            (digits if kind == "digit" else units)[char] = int(value)
    return digits, units


@cached_per_lexicons
def high_places() -> dict[str, int]:
    """The places above 亿 that count only before an 亿 section (兆 -> 10^12).

    Example:
        >>> high_places()
        {'兆': 1000000000000}
    """
    return {char: int(value) for char, value, kind in table("numerals.tsv", 3) if kind == "high"}


def high_place_pattern() -> str:
    """A pattern for a high place and the rest of its numeral after it, which must hold
    an 亿 (兆九千五百九十二亿), or a pattern that never matches when there is none."""
    highs = high_places()
    if not highs:
        return "(?!)"
    chars = regex.escape(chinese_numeral_chars())
    yi = "".join(char for char, value in _numeral_table()[1].items() if value == 100_000_000)
    return rf"[{regex.escape(''.join(highs))}](?=[{chars}]*[{regex.escape(yi)}])[{chars}]+"


@cached_per_lexicons
def magnitudes() -> dict[str, Decimal]:
    """Magnitude word -> multiplier (``万`` -> 10000)."""
    return {word: Decimal(value) for word, value in table("magnitudes.tsv", 2)}


@cached_per_lexicons
def numeral_digits() -> frozenset:
    """The Chinese digit characters from 1 to 9, ordinary and financial (一, 壹, 两 …)."""
    return frozenset(char for char, value in _numeral_table()[0].items() if value)


def chinese_numeral_chars() -> str:
    digits, units = _numeral_table()
    return "".join(digits) + "".join(units)


def magnitude_pattern() -> str:
    return alternation(magnitudes())


# The longest Chinese numeral read as a number. Every value up to 1e20 can be written
# in fewer characters (a digit and a unit for each of its 21 places, with 万/亿 and 零);
# a longer run (一亿亿亿…) is no number, and reading it would cost quadratic time in
# ever larger integers.
_LONGEST_NUMERAL = 50


def parse_chinese(numeral: str) -> Decimal | None:
    """Value of a Chinese numeral (``二十``, ``十二``, ``一万五千亿``, ``二〇二四``,
    ``十一点八``, ``万亿``), or None.

    Example:
        >>> parse_chinese("一百二十"), parse_chinese("万亿"), parse_chinese("亿")
        (Decimal('120'), Decimal('1000000000000'), Decimal('100000000'))
    """
    if len(numeral) > _LONGEST_NUMERAL:
        return None
    digits, units = _numeral_table()
    numeral = numeral.replace("万万", "亿")  # the old form: 六万万 = 六亿
    for high, place in high_places().items():
        upper, mark, lower = numeral.partition(high)
        if mark:  # 四十九兆九千五百九十二亿: the part after 兆 fills the places below it
            upper_value, lower_value = parse_chinese(upper), parse_chinese(lower)
            if upper_value is None or lower_value is None or "点" in upper or lower[0] not in digits:
                return None  # 五十兆亿: the places below 兆 begin with a digit
            if not 100_000_000 <= lower_value < place:
                return None  # 一兆五 is no number: 兆 is a place only above an 亿 section
            return upper_value * place + lower_value
    whole, point, fraction = numeral.partition("点")
    if point:  # 十一点八: the fraction is read digit by digit
        if not fraction or any(ch not in digits for ch in fraction):
            return None
        integer = parse_chinese(whole) if whole else Decimal(0)
        if integer is None:
            return None
        return integer + Decimal("0." + "".join(str(digits[ch]) for ch in fraction))
    if not numeral or any(ch not in digits and ch not in units for ch in numeral):
        return None
    if len(numeral) > 1 and all(ch in digits for ch in numeral):
        # read digit by digit, as years are written: 二〇二四
        return Decimal("".join(str(digits[ch]) for ch in numeral))
    return _read_places([digits.get(ch, ch) for ch in numeral], units)


def _read_places(tokens: list, units: dict[str, int]) -> Decimal | None:
    """Value of a numeral cut in numbers and place characters: ``[2, "千", 0, 30, "万"]``
    (2千零30万) is 20300000. A number after a place stands for the places below it
    (一百零五, 3万4000), or for the next lower place when it is one digit right after
    百, 千, 万 or 亿 (两千四百五 is 2450, 13万2 is 132000, 百三 is 130).

    Example:
        >>> _read_places([5, "万", 4, "千", 6, "百"], _numeral_table()[1])
        Decimal('54600')
    """
    total, section, number = 0, 0, None
    smallest = 10_000  # the smallest place written so far in this section
    for token in tokens:
        if isinstance(token, int):
            # 零 only holds a place: 一万零十二 is 10012, 零十 is 10
            number = token or None
            continue
        unit = units[token]
        # a magnitude word with nothing before it counts one of itself: 近亿 is 1e8, 万亿 is 1e12
        leading = not (total or section or number)
        if unit == 100_000_000:
            total = (1 if leading else total + section + (number or 0)) * unit
            section, smallest = 0, 10_000
        elif unit == 10_000:
            total += (1 if leading else section + (number or 0)) * unit
            section, smallest = 0, 10_000
        else:
            if unit >= smallest or (number or 0) >= 10:
                return None  # 七十百, 十十, 15千: the places of a number only go down
            section += (1 if number is None else number) * unit
            smallest = unit
        number = None
    if number is None:
        return Decimal(total + section)
    after_place = len(tokens) > 1 and isinstance(tokens[-2], str) and units[tokens[-2]] >= 100
    if number < 10 and after_place:
        number *= units[tokens[-2]] // 10
    elif number >= smallest:
        return None  # 3万40000, 5千6000: the number overflows the place before it
    return Decimal(total + section + number)


def parse_year(digits: str) -> int:
    """A year written digit by digit, in Arabic or Chinese numerals.

    Example:
        >>> parse_year("2025"), parse_year("一九八五"), parse_year("二〇二四")
        (2025, 1985, 2024)
    """
    if digits.isdigit():
        return int(digits)
    return int("".join(str(parse_chinese(digit)) for digit in digits))


def parse_arabic(numeral: str) -> Decimal | None:
    """Value of an Arabic numeral with optional thousands separators (``1,234.5``)."""
    try:
        return Decimal(numeral.replace(",", ""))
    except InvalidOperation:
        return None


# two digits side by side that give a rough range (两三个: 2 to 3; 三五年: 3 to 5), not 23
ROUGH_PAIRS = "一二|两三|二三|三四|三五|四五|五六|六七|七八|八九"

_ARABIC = regex.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
# 13万2千, 3万4000, 13万2, 1亿3千万, 5万4千6百, 2千零30万, 1十万零1: Arabic digits with the Chinese
# places between them, read as a Chinese numeral (a 万 after the low part of an 亿 number
# scales that part only: 1亿3千万 is 1.3亿)
MIXED_NUMERAL = r"\d+(?:[万亿千百十]+零?\d+)+[万亿千百十]*"
_MIXED = regex.compile(MIXED_NUMERAL)
_MIXED_TOKEN = regex.compile(r"\d+|\D")


def parse_number(numeral: str) -> Decimal | None:
    """Value of an Arabic or Chinese numeral followed by magnitude words, or None.

    ``1.39万亿`` -> 1390000000000; ``3万`` -> 30000; ``十二`` -> 12; ``13万2千`` -> 132000;
    ``1亿3千万`` -> 130000000; ``2千零30万`` -> 20300000.
    """
    numeral = numeral.strip()
    if _MIXED.fullmatch(numeral):
        digits, units = _numeral_table()
        tokens = [int(token) if token.isdigit() else digits.get(token, token)
                  for token in _MIXED_TOKEN.findall(numeral)]
        return _read_places(tokens, units)
    match = _ARABIC.match(numeral)
    if match:
        value, rest = parse_arabic(match.group()), numeral[match.end() :]
    else:
        end = len(numeral)
        # the longest Chinese-numeral prefix that leaves a magnitude suffix (or nothing)
        while end > 0:
            rest = numeral[end:]
            if not rest or _magnitude_value(rest) is not None:
                value = parse_chinese(numeral[:end])
                if value is not None:
                    return value * (_magnitude_value(rest) or 1)
            end -= 1
        return None
    if value is None:
        return None
    if not rest:
        return value
    multiplier = _magnitude_value(rest)
    return None if multiplier is None else value * multiplier


def _magnitude_value(words: str) -> Decimal | None:
    """Multiplier of a run of magnitude words (``万亿`` or ``万`` + ``亿``)."""
    table_ = magnitudes()
    if words in table_:
        return table_[words]
    for cut in range(len(words) - 1, 0, -1):
        head, tail = words[:cut], words[cut:]
        if head in table_:
            rest = _magnitude_value(tail)
            if rest is not None:
                return table_[head] * rest
    return None


_BIG_MAGNITUDE_END = regex.compile("[万亿]+$")


def range_scale(low: str, high: str) -> str:
    """The magnitude word that closes the high end of a Chinese range and that a bare
    low end shares (两到三万: 万), or ``""``. One digit before a lower unit goes with it
    when the low end is one digit too (两到三千万: 千万).

    Example:
        >>> range_scale("两", "三万"), range_scale("两", "三千万"), range_scale("一百二十", "一百五十万")
        ('万', '千万', '万')
        >>> range_scale("二十", "三十"), range_scale("二十", "三十万")
        ('', '万')
    """
    big = _BIG_MAGNITUDE_END.search(high)
    if big is None or big.start() == 0:
        return ""
    digits, units = _numeral_table()
    head = high[: big.start()]
    if len(low) == 1 and low in digits and len(head) == 2 and head[0] in digits and head[1] in "十百千":
        scale = head[1] + big.group()
        if scale in magnitudes():
            return scale
    return big.group()


def as_json_number(value: Decimal | None):
    """``int`` for whole values, else ``float``; None stays None."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)
