"""The reference date of a document: when it was delivered or published.

In order of trust: a delivery line (``2024年3月5日在第十四届全国人民代表大会…``,
``在…会议上（2013年1月25日）``), a dateline (``发布日期：2026-07-23``, ``来源：…
2022年04月12日``, an RSS date, see :func:`read_dateline`), a year in the title (a
year-end review of 2024 such as ``…2024年履职答卷`` is dated in 2025), else None.
Relative times (``今年``, ``过去一年``) are resolved against it, never against today.

Example:
    >>> infer_reference_date("政府工作报告\\n——2024年3月5日在第十四届全国人民代表大会第二次会议上")
    '2024-03-05'
"""

from __future__ import annotations

import datetime as dt
import itertools

import regex

from .lexicons import alternation, cached_per_lexicons, table
from .numerals import parse_chinese

_HEAD = 1500  # delivery lines, datelines and titles stand near the top
_CN = "〇零○一二三四五六七八九十"
_YEAR = rf"(?P<year>(?:19|20)\d\d|[{_CN}]{{4}})"
_DATE = rf"{_YEAR}年(?P<month>\d{{1,2}}|[{_CN}]{{1,2}})月(?P<day>\d{{1,2}}|[{_CN}]{{1,3}})日"
_DELIVERY = regex.compile(rf"{_DATE}在[^\n]{{0,60}}?(?:会议|大会)")
# the date after the meeting, in brackets: 在四川省第十二届人民代表大会第一次会议上（2013年1月25日）
_DELIVERY_DATE_AFTER = regex.compile(rf"在[^\n]{{0,60}}?(?:会议|大会)上?\s*[(（]\s*{_DATE}\s*[)）]")
_DATE_DIGITS = r"(?P<year>(?:19|20)\d\d)[-年/.](?P<month>\d{1,2})[-月/.](?P<day>\d{1,2})"
# 发布日期：2026-07-23 anywhere in the head, or a line that is only a date (and time)
_DATELINE = regex.compile(rf"(?:发布日期|发布时间|日期|时间|发布)[:：]\s*{_DATE_DIGITS}")
_DATE_LINE = regex.compile(rf"^\s*{_DATE_DIGITS}日?(?:\s+[\d:]+)?\s*$", regex.MULTILINE)
# 来源：杭州日报  2022年04月12日, 2022年04月12日 09:30 来源：…: a date on the line of a
# source, an author or an editor, or on a line of its own, in digits or in words
_BYLINE_WORDS = r"来源|稿源|作者|编辑|责任编辑|发布者|发布机构|浏览|阅读|点击|字号|时间|日期"
_BYLINE = regex.compile(rf"^[^\n,，。;；]{{0,80}}?(?:{_BYLINE_WORDS})[^\n,，。;；]{{0,80}}$", regex.MULTILINE)
_ANY_DATE = regex.compile(rf"{_DATE}|{_DATE_DIGITS.replace('?P<', '?P<d_')}")
_CHINESE_DATE_LINE = regex.compile(rf"^\s*{_DATE}(?:\s+[\d:]+)?\s*$", regex.MULTILINE)
# an RSS or e-mail date: Tue, 12 Apr 2022 (09:30:00 +0800)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_RSS_DATE = regex.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?(?P<day>\d{1,2})\s+"
    rf"(?P<month>{'|'.join(_MONTHS)})[a-z]*\.?,?\s+(?P<year>(?:19|20)\d\d)\b"
)
_HEADING = regex.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])")
_PROSE = regex.compile(r"[,，。;；]")  # titles have no clause punctuation
_TITLE_YEAR = regex.compile(rf"{_YEAR}年")
_LOOKS_BACK = regex.compile(r"过去一年|这一年|一年来")
_LOOKS_AHEAD = regex.compile(r"新的一年|新一年|明年")


@cached_per_lexicons
def _title_cues():
    cues = dict(table("reference_cues.tsv", 2))
    return cues, regex.compile(alternation(cues))


def _number(numeral: str) -> int:
    if numeral.isdigit():
        return int(numeral)
    if len(numeral) == 4:  # a year written digit by digit: 二〇二四
        return int("".join(str(parse_chinese(ch)) for ch in numeral))
    return int(parse_chinese(numeral))


def _iso(match) -> str | None:
    if match["year"] is None:  # the digits-only form of _ANY_DATE (see _iso_digits)
        return None
    try:
        return dt.date(_number(match["year"]), _number(match["month"]), _number(match["day"])).isoformat()
    except (ValueError, TypeError):
        return None


def infer_reference_date(text: str, sections=()) -> str | None:
    """ISO date (``2024-03-05``) or year (``2025``) the text was delivered or published.

    ``sections`` (top-level sections with roles) date a report that has no
    delivery line and no title: ``一、2018年工作回顾`` says it was delivered in 2019.
    """
    head = text[:_HEAD]
    for match in itertools.chain(_DELIVERY.finditer(head), _DELIVERY_DATE_AFTER.finditer(head)):
        if _iso(match):
            return _iso(match)
    return read_dateline(head) or _title_year(text) or _year_from_sections(sections)


def read_dateline(text: str) -> str | None:
    """ISO date of the dateline near the top of a published text, or None.

    Read: ``发布时间：2011-10-15``, a line that is only a date (``2022-04-12 09:30``,
    ``2022年04月12日``), a date on a source or author line (``来源：杭州日报
    2022年04月12日``) and an RSS date (``Tue, 12 Apr 2022``).

    Example:
        >>> read_dateline("市政协召开主席会议\\n来源：杭州日报  2022年04月12日\\n正文")
        '2022-04-12'
        >>> read_dateline("Tue, 12 Apr 2022 09:30:00 +0800")
        '2022-04-12'
    """
    head = text[:_HEAD]
    for pattern in (_DATELINE, _DATE_LINE, _CHINESE_DATE_LINE):
        for match in pattern.finditer(head):
            if _iso(match):
                return _iso(match)
    for line in _BYLINE.finditer(head):
        for match in _ANY_DATE.finditer(line.group()):
            found = _iso(match) or _iso_digits(match)
            if found:
                return found
    for match in _RSS_DATE.finditer(head):
        month = str(_MONTHS.index(match["month"][:3]) + 1)
        found = _iso({"year": match["year"], "month": month, "day": match["day"]})
        if found:
            return found
    return None


def _iso_digits(match) -> str | None:
    if not match["d_year"]:
        return None
    return _iso({"year": match["d_year"], "month": match["d_month"], "day": match["d_day"]})


def reviewed_year(reference_date: str | None) -> int | None:
    """The year a document looks back on: the one before its delivery or publication,
    or its own year when it was delivered in December (a report delivered on
    2022-12-26 reviews 2022 and plans 2023: its 今年 is 2022, its 明年 2023).

    Example:
        >>> reviewed_year("2024-03-05"), reviewed_year("2022-12-26"), reviewed_year("2025")
        (2023, 2022, 2024)
    """
    if not reference_date:
        return None
    year = int(reference_date[:4])
    return year if reference_date[5:7] == "12" else year - 1


def planned_year(reference_date: str | None) -> int | None:
    """The year a work report plans, whose targets it sets: the year after the one it
    reviews (2024 for a report of 2024-03-05, 2023 for one of 2022-12-26).

    Example:
        >>> planned_year("2024-03-05"), planned_year("2022-12-26")
        (2024, 2023)
    """
    reviewed = reviewed_year(reference_date)
    return None if reviewed is None else reviewed + 1


def _year_from_sections(sections) -> str | None:
    for section in sections:
        match = _TITLE_YEAR.search(section.title)
        if match and section.role in ("targets", "tasks"):
            return str(_number(match["year"]))
        if match and section.role == "review" and "五年" not in section.title:
            return str(_number(match["year"]) + 1)
    return None


def _title_year(text: str) -> str | None:
    cues, cue_re = _title_cues()
    for line in text[:_HEAD].split("\n"):
        line = line.strip()
        if not line or len(line) > 60 or _PROSE.search(line) or _HEADING.match(line):
            continue
        match = _TITLE_YEAR.search(line)
        if not match:
            continue
        year = _number(match["year"])
        kinds = {cues[m.group()] for m in cue_re.finditer(line)}
        if "report" not in kinds and (
            "review" in kinds or (_LOOKS_BACK.search(text) and _LOOKS_AHEAD.search(text))
        ):
            year += 1
        return str(year)
    return None
