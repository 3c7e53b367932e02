"""Times: dates, months, years, parts of years, relative years, plan periods.

Values are ISO 8601 truncated to their granularity (``2024-05-11``, ``2024-11``,
``2024``, ``2024-Q1``), a period is ``start/end`` and an open period ``start/``.
A month or day without a year takes the year of its passage: the nearest
preceding year that the text states; without one, the year a review looks back
on, else the reference year.

Example:
    >>> from govtext import extract
    >>> [t.value for t in extract("2024年，区政协召开会议。5月11日，主席带队前往深圳。").times]
    ['2024', '2024-05-11']
"""

from __future__ import annotations

import datetime as dt

import regex

from ..lexicons import alternation, cached_per_lexicons, table, words
from ..numerals import parse_chinese, parse_year
from ..records import TimeExpression
from .base import Context

_CN_DIGIT = "〇零○一二三四五六七八九"
# a two-digit year (98年 -> 1998) only from 50 on, where a clause or 在/从/到… opens it and
# 年 does not go on into a duration (30年来, 70年代): below 50 it is a number of years
_TWO_DIGIT_YEAR = (
    r"(?<=^|[\s,，。;；:：、在于从自到至])[5-9]\d(?=年(?!代|来|多|间|前|后|左右|内|里|中|的时间))"
)
_YEAR = rf"(?P<year>(?<!\d)(?:1[89]|20|21)\d\d(?!\d)|[{_CN_DIGIT}]{{4}}|{_TWO_DIGIT_YEAR})"
_MONTH = r"(?P<month>(?<!\d)(?:1[0-2]|0?[1-9])(?!\d)|十[一二]?|[一二三四五六七八九])"
_DAY = (
    r"(?P<day>(?<!\d)(?:3[01]|[12]\d|0?[1-9])(?!\d)"
    r"|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
)
_RANGE = r"[-—–―~至到]{1,2}"
_SINCE = r"(?P<since>以来|至今)?"
# a five-year plan (十四五) where the text names it as one: followed by 时期, 规划, …
_PLAN = (
    r"(?P<plan>十[一二三四五六七八九]五|[一二三四五六七八九]五"
    r"|(?<=[“\"‘])十五(?=[”\"’](?:计划|时期|期间)))"  # “十五”计划, the tenth plan, quoted
    r"(?=[”\"’]?(?:时期|期间|规划|计划|末|初|以来|开局|收官|圆满|目标|[,。、的”\"’]))"
)


@cached_per_lexicons
def _lexicon():
    relative = {word: (anchor, offset) for word, anchor, offset in table("relative_times.tsv", 3)}
    parts = dict(table("time_parts.tsv", 2))
    part = rf"(?P<part>{alternation(parts)})?"
    relative_month = _MONTH.replace("month", "relative_month")  # 今年3月
    relative_day = _DAY.replace("day", "relative_day_of_month")  # 去年5月12日
    year2, month2, day2 = (_YEAR.replace("year", "year2"), _MONTH.replace("month", "month2"),
                           _DAY.replace("day", "day2"))
    day_range = rf"(?:{_RANGE}{day2}[日号])?"  # 5月11日至13日
    # (rule, pattern): a record names the alternative that found it
    alternatives = [
        ("year_month_range", rf"{_YEAR}年{_MONTH}月{_RANGE}{year2}年{month2}月"),  # 2023年12月至2024年2月
        ("year_range", rf"{_YEAR}年?{_RANGE}{year2}年"),
        ("date", rf"{_YEAR}年{_MONTH}月{_DAY}[日号]{day_range}{_SINCE}"),
        ("year_month", rf"{_YEAR}年{_MONTH}月(?:份)?{_SINCE}"),
        ("year_end", rf"{_YEAR}(?P<year_part>年底|年末|年初)"),
        ("year", rf"{_YEAR}年(?:度)?{part}{_SINCE}"),
        ("month_day", rf"(?<![\d年]){_MONTH}月{_DAY}[日号]{day_range}{_SINCE}"),
        ("month_range", rf"(?<![\d年个]){_MONTH}(?:月(?:份)?)?(?P<month_sep>{_RANGE}){month2}月"),
        ("month", rf"(?<![\d年个{_CN_DIGIT}十]){_MONTH}月(?:份)?{_SINCE}(?![\d日号])"),
        ("relative",
         rf"(?P<relative>{alternation(relative)})(?:{relative_month}月(?:{relative_day}[日号])?)?{part}{_SINCE}"),
        ("part", rf"(?P<lonepart>{alternation(k for k in parts if not k.startswith('年'))})"),
        ("plan", _PLAN),
        ("years_back", rf"(?<![\d{_CN_DIGIT}十])(?P<years_back>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})年来"),
        ("listed_year", rf"{_YEAR}(?=[、和及]{_YEAR.replace('year', 'listed_year')}年)"),
        # a day relative to the dateline, where it opens a clause (昨天，…; 昨天下午…); 今天的西藏
        # (today's Tibet) is the present age, not a day
        ("relative_day",
         rf"(?<!\p{{Han}})(?P<relative_day>{alternation(w for w, _ in table('relative_days.tsv', 2))})"
         r"(?!(?<=今天)的)"),
        # 昨日(14日): the day of the month a relative day stands for, said in brackets
        ("bracketed_day",
         rf"(?<=(?:{alternation(w for w, _ in table('relative_days.tsv', 2))})[(（])"
         rf"{_DAY.replace('day', 'bracketed_day')}[日号](?=[)）])"),
    ]
    # every time starts with a digit or the first character of a time word: looking
    # ahead for one lets the search skip the rest of the text fast
    words = [*relative, *parts, *(w for w, _ in table("relative_days.tsv", 2))]
    first = set("0123456789" + _CN_DIGIT + "十本") | {w[0] for w in words}
    starts = regex.escape("".join(sorted(first)))
    # each alternative is a group named rule_<rule>
    pattern = regex.compile(
        f"(?=[{starts}])(?:" + "|".join(f"(?P<rule_{rule}>{a})" for rule, a in alternatives) + ")"
    )
    return relative, parts, pattern, tuple(rule for rule, _ in alternatives)


_EVENT_WINDOW = 60
_DIGIT = regex.compile(r"\d")
_YEAR_OR_PART = regex.compile(r"^\d{4}(?:-[QH]\d)?$")  # 2024, 2024-Q1, 2024-H2
_EVENT_CLAUSE_END = regex.compile(r"[;；。!?！？\n]")
# the rest of a meeting's name, up to where it is held: …经济形势分析会暨省委财经委会议|在广州召开
_MEETING_NAME = regex.compile(r"\p{Han}{0,40}?会议?(?=在|于|召开|举行|开幕|隆重)")


@cached_per_lexicons
def _event_verbs():
    return regex.compile(alternation(words("event_verbs.tsv")))


@cached_per_lexicons
def _relative_days() -> dict[str, str]:
    return dict(table("relative_days.tsv", 2))


def _dated(year: int, month: str, day: str | None, since: str, stated_year: int | None,
           last_day: str | None = None):
    """(value, stated year, event) of a month, a day or a range of days (11日至13日) of
    ``year``; None for a day the calendar does not have."""
    if day:
        value = _day_value(year, _small(month), _small(day), since)
        if value and last_day:
            last = _day_value(year, _small(month), _small(last_day), "")
            value = f"{value}/{last}" if last else None
        return (value, stated_year, True) if value else None
    return f"{year}-{_small(month):02d}{since}", stated_year, True


def _day_value(year: int, month: int, day: int, since: str) -> str | None:
    """ISO day, or None for a day the calendar does not have (2月30日)."""
    try:
        return dt.date(year, month, day).isoformat() + since
    except ValueError:
        return None


def _year(numeral: str) -> int:
    return parse_year(numeral) + (1900 if len(numeral) == 2 else 0)


def _small(numeral: str) -> int:
    return int(numeral) if numeral.isdigit() else int(parse_chinese(numeral))


def plan_period(name: str) -> str:
    """The years of a five-year plan: ``十四五`` -> ``2021/2025``."""
    number = int(parse_chinese(name[:-1]))
    first = 1953 + 5 * (number - 1) if number <= 2 else 1966 + 5 * (number - 3)
    return f"{first}/{first + 4}"


def _with_part(year: int, part: str | None) -> str:
    if not part:
        return str(year)
    suffix = _lexicon()[1][part]
    if suffix.startswith("-"):
        return f"{year}{suffix}"
    if "/" in suffix:
        first, last = suffix.split("/")
        return f"{year}-{first}/{year}-{last}"
    return f"{year}-{suffix}"


class TimeExtractor:
    """Finds time expressions and resolves them against the document's dates."""

    name = "times"

    def __call__(self, context: Context) -> list[TimeExpression]:
        relative, _, pattern, rules = _lexicon()
        text = context.text
        found = []
        # (year, position, how): how is True for a year said as 去年/今年, "left" once a
        # paragraph without sections ends after it
        anchor: tuple[int, int, bool | str] | None = None
        scanned = 0  # the text up to here has no paragraph break after the anchor
        for match in pattern.finditer(text):
            start, end = match.span()
            if context.titled.covering(start):
                continue
            if anchor and anchor[2] is True and self._leaves_passage(context, max(anchor[1], scanned), start):
                anchor = (*anchor[:2], "left")
            scanned = start
            groups = match.groupdict()
            resolved = self._resolve(context, groups, anchor, start, relative)
            if resolved is None:
                continue
            value, stated_year, event = resolved
            event = self._anchors_happening(context, end, value, event)
            if stated_year is not None and self._plausible_anchor(context, stated_year):
                anchor = (stated_year, start, bool(groups.get("relative")))
            ostart, oend, otext = context.original(start, end)
            rule = next(rule for rule in rules if match.start(f"rule_{rule}") >= 0)
            found.append(TimeExpression(ostart, oend, otext, value, event, rule=rule))
        return found

    @staticmethod
    def _anchors_happening(context: Context, end: int, value: str, event: bool) -> bool:
        """A year or part of a year anchors a happening when its clause has a verb of one
        (去年，我们召开了…大会); a month since which a figure is counted does not
        (2023年10月以来，全市新增城镇就业3.2万人)."""
        clause = context.text[end : end + _EVENT_WINDOW]
        stop = _EVENT_CLAUSE_END.search(clause, 1)
        clause = clause[: stop.start()] if stop else clause
        has_verb = bool(_event_verbs().search(clause))
        if event:  # a figure counted over the time, with no happening, is a frame (1—6月，…增长6.8%)
            return has_verb or not _DIGIT.search(clause)
        single = _YEAR_OR_PART.match(value)
        if single and _MEETING_NAME.match(clause):
            return False  # 2026年全省上半年经济形势分析会暨…会议在广州召开: a meeting's name
        return bool(single and has_verb)

    @staticmethod
    def _leaves_passage(context: Context, since: int, position: int) -> bool:
        """Whether a paragraph ends between ``since`` and ``position`` where no section
        frames the text: in a news article a year said as 去年 (去年GDP增长8.5%) holds in
        its own paragraph only, and the next one's 4月8日 is dated by the dateline."""
        return context.role_at(position) is None and "\n" in context.text[since:position]

    @staticmethod
    def _plausible_anchor(context: Context, year: int) -> bool:
        reference = context.reference_year
        return reference is None or reference - 10 <= year <= reference + 1

    def _passage_year(self, context: Context, anchor, position: int, month=None) -> int | None:
        """The year a time without one falls in: that of the passage's last explicit year,
        else the document's. Against a dateline, a month more than half a year after it
        is in the year before (12月30日 in news of 2026-01-02 is 2025-12-30). A month
        after the paragraph of a 去年 in a text without sections (news) is dated by the
        dateline, not by that 去年."""
        if anchor is not None and not (month is not None and anchor[2] == "left"):
            return anchor[0]
        year = context.reference_year
        if month is not None and year is not None and len(context.reference_date or "") == 10:
            if _small(month) - int(context.reference_date[5:7]) > 6:
                return year - 1
        return year

    @staticmethod
    def _relative_day(context: Context, word: str):
        """昨天 -> the day before the dateline; 近日 -> a period ending on it."""
        if context.reference_date is None or len(context.reference_date) != 10:
            return None
        dateline = dt.date.fromisoformat(context.reference_date)
        offset = _relative_days()[word]
        if offset == "recent":
            return f"/{dateline.isoformat()}", None, True
        return (dateline + dt.timedelta(days=int(offset))).isoformat(), None, True

    @staticmethod
    def _day_near_dateline(context: Context, day: int):
        """A day of the month with no month: that of the dateline, or of the month before
        when the day is after the dateline's (近日(30日) in news of 2022-05-02). It restates
        the relative day before it, which alone anchors the happening (one event)."""
        if context.reference_date is None or len(context.reference_date) != 10:
            return None
        dateline = dt.date.fromisoformat(context.reference_date)
        month = dateline.replace(day=1)
        if day > dateline.day + 1:
            month = (month - dt.timedelta(days=1)).replace(day=1)
        value = _day_value(month.year, month.month, day, "")
        return (value, None, False) if value else None

    def _resolve(self, context: Context, groups, anchor, position: int, relative):
        since = "/" if groups.get("since") else ""
        if groups.get("plan"):
            return plan_period(groups["plan"]), None, False
        if groups.get("relative_day"):
            return self._relative_day(context, groups["relative_day"])
        if groups.get("bracketed_day"):
            return self._day_near_dateline(context, _small(groups["bracketed_day"]))
        if groups.get("years_back"):
            back = _small(groups["years_back"])
            if context.review_year is None or back < 1:
                return None
            first, last = context.review_year - back + 1, context.review_year
            return (str(last) if back == 1 else f"{first}/{last}"), None, False
        if groups.get("year2") and groups.get("month2"):
            first, last = _year(groups["year"]), _year(groups["year2"])
            value = f"{first}-{_small(groups['month']):02d}/{last}-{_small(groups['month2']):02d}"
            return value, None, True
        if groups.get("year2"):
            return f"{_year(groups['year'])}/{_year(groups['year2'])}", None, False
        if groups.get("year"):
            year = _year(groups["year"])
            if groups.get("month"):
                return _dated(year, groups["month"], groups.get("day"), since, year, groups.get("day2"))
            return _with_part(year, groups.get("part") or groups.get("year_part")) + since, year, False
        if groups.get("relative"):
            anchor_kind, offset = relative[groups["relative"]]
            if anchor_kind == "absolute":
                return offset, None, False
            base = {
                "reference": context.reference_year,
                "review": context.review_year,
                "passage": self._passage_year(context, anchor, position),
            }[anchor_kind]
            if base is None:
                return None
            if "/" in offset:
                first, last = (base + int(o) for o in offset.split("/"))
                return f"{first}/{last}", None, False
            year = base + int(offset)
            if groups.get("relative_month"):  # 今年3月, 去年5月12日
                day = groups.get("relative_day_of_month")
                return _dated(year, groups["relative_month"], day, since, year)
            return _with_part(year, groups.get("part")) + since, year, False
        year = self._passage_year(context, anchor, position, groups.get("month"))
        if year is None:
            return None
        if groups.get("lonepart"):
            return _with_part(year, groups["lonepart"]), None, False
        if groups.get("month2"):
            first, last = _small(groups["month"]), _small(groups["month2"])
            return f"{year}-{first:02d}/{year}-{last:02d}", None, True
        if groups.get("month"):
            return _dated(year, groups["month"], groups.get("day"), since, None, groups.get("day2"))
        return None
