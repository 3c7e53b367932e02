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

import calendar
import datetime as dt
import re

import regex

from ..lexicons import alternation, cached_per_lexicons, table, words
from ..numerals import parse_chinese, parse_year
from ..records import TimeExpression
from ..segment import cut, word_role
from .base import Context, group_values

_CN_DIGIT = "〇零○一二三四五六七八九"
_NOT_DURATION = r"(?=年(?!代|来|多|间|前|后|左右|内|里|中|的时间))"
# a two-digit year (98年 -> 1998) only from 50 on, where a clause or 在/从/到… opens it and
# 年 does not go on into a duration (30年来, 70年代): below 50 it is a number of years,
# except with a leading zero (08年 -> 2008: no count is written so) or before a month
# or the end of the year (15年3月2日, 19年底); Chinese digits likewise (零八年 -> 2008,
# 九七年 -> 1997), never 三五年 (three to five years)
_TWO_DIGIT_YEAR = (
    rf"(?<=^|[\s,，。;；:：、在于从自到至])[5-9]\d{_NOT_DURATION}"
    rf"|(?<![\d.])0\d{_NOT_DURATION}"
    r"|(?<=^|[\s,，。;；:：、在于从自到至])[1-4]\d"
    r"(?=年(?:(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月|底|末|初))"
    rf"|(?<![{_CN_DIGIT}十百千万])(?:[零〇○][{_CN_DIGIT}]|九[{_CN_DIGIT}]){_NOT_DURATION}"
)
# a year said as a number (两千零四年, and 两千年 before a month): 两千年 alone may be a
# duration (两千年的历史)
_SPOKEN_YEAR = (
    rf"(?<![{_CN_DIGIT}十百千万])[两二]千(?:零[一二三四五六七八九](?=年)"
    r"|(?=年(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月))"
)
_YEAR = rf"(?P<year>(?<!\d)(?:1[89]|20|21)\d\d(?!\d)|[{_CN_DIGIT}]{{4}}|{_TWO_DIGIT_YEAR}|{_SPOKEN_YEAR})"
_MONTH = r"(?P<month>(?<!\d)(?:1[0-2]|0?[1-9])(?!\d)|十[一二]?|[一二三四五六七八九])"
_DAY = (
    r"(?P<day>(?<!\d)(?:3[01]|[12]\d|0?[1-9])(?!\d)"
    r"|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
)
_RANGE = r"[-—–―~至到]{1,2}"
# an open period: from the time on (9月以来, 2024年起, 自2024年1月1日起施行 -> 2024-01-01/; 从今年开始
# stays the point 今年, as in the gold), or
# up to it, a deadline (2035年前, 年底前, 5月中旬前 -> /2023-05; 前三季度, 前五个月 and 前后
# are not deadlines). 到2035年 stays the point 2035: the year a target is set for.
# A day with 开始 (从2016年3月1日开始) opens a period too; 从今年开始 stays the point 今年,
# as in the gold. After 自从 (自从2018年) a time is where a period starts.
# The time itself is inside either way: 2023年及以前, 2015年1月1日或之后 (a query's or a
# rule's bound) read as 2023年以前 and 2015年1月1日之后.
_SINCE = (
    r"(?:(?P<since>以来|至今|起(?![草诉步飞点来])|[或及]?(?:以后|之后)|(?<=[日号])开始)"
    r"|(?P<before>(?:[或及]?[之以])?前(?![后期夕列沿]|[三两一二四五六七八九十\d几半]+(?:个|季|年|天|日|月|周|批|名|位|次|家))))?"
)
# a plan's count is no end of a longer run of numerals (“一二三四五”总体工作格局, “三三五”基层
# 治理体系: a slogan's name)
_NOT_IN_NUMERALS = r"(?<![一二三四五六七八九十])"
# a five-year plan (十四五) where the text names it as one: followed by 时期, 规划, …
_PLAN = (
    rf"{_NOT_IN_NUMERALS}(?P<plan>十[一二三四五六七八九]五|[一二三四五六七八九]五"
    r"|(?<=[“\"‘])十五(?=[”\"’](?:计划|时期|期间)))"  # “十五”计划, the tenth plan, quoted
    r"(?=[”\"’]?(?:时期|期间|规划|计划|末|初|以来|开局|收官|圆满|目标|[,。、的”\"’]))"
    r"(?![”\"’]?普法)"
    r"(?:[”\"’]?(?P<plan_end>期末|末))?"  # “十三五”末: the plan's last year
)
# a five-year legal education plan (“八五”普法, 2021-2025): its own count, from 1986
_LEGAL_PLAN = rf"{_NOT_IN_NUMERALS}(?P<legal_plan>[一二三四五六七八九]五)(?=[”\"’]?普法)"
# a decade (九十年代, 上世纪80年代, 20世纪80年代, 本世纪20年代, 1990年代); without a century,
# the 1900s. A part of one (八十年代初, 70年代末以来) gives no record rather than a wrong one.
_DECADE = (
    r"(?:(?P<century>上世纪|本世纪|(?<!\d)(?:1[5-9]|2[01])世纪|十[五六七八九]世纪|二十一?世纪))?"
    r"(?<![\d{_CN}十])(?P<decade>[1-9]0|[二三四五六七八九]十|1[5-9][1-9]0|20[0-9]0)年代"
    r"(?!末|中期|初期|前期|后期|初(?!步)|以来)"  # 70年代末以来: a part of a decade is not read
).replace("{_CN}", _CN_DIGIT)
# a third of a month (6月上旬) keeps the month's value, as 5月中旬前 -> /2023-05 in the gold;
# 月初, 月底, 月末 likewise
_MONTH_TAIL = r"(?:上旬|中旬|下旬|初|底|末)?"
# a count of months or years (前五个月, 近三年, 过去十年)
_COUNT = r"(?:1[0-9]|[1-9]|十[一二三四五六七八九]?|[二三四五六七八九]十|[一二三四五六七八九两])"
# the N years before the reference year (近三年, 过去十年, 这五年, 近5年来) or from it on
# (今后十年, 未来三年); not 将近十年 (a duration)
_WINDOW = (
    rf"(?<![将接])(?P<window>近|最近|过去的?|这|今后|未来)(?P<window_years>{_COUNT})年"
    r"(?:来|内|间)?(?![代前后底末初])"
)
# a numeric date (2010-01-29, 2019/04/19, 2019.04.19): the same separator twice; a range
# of two (2018/1/10-2018/7/10); spaces between the parts only with two-digit months and
# days (2010 01 29: the columns of a table are rarely written 01)
_NUMERIC_DATE = (
    r"(?<![\d./-])(?P<numeric_year>(?:19|20)\d\d)(?P<numeric_sep>[-/.])"
    r"(?P<numeric_month>1[0-2]|0?[1-9])(?P=numeric_sep)(?P<numeric_day>3[01]|[12]\d|0?[1-9])"
    r"(?:[-—–―~至到](?P<numeric_year2>(?:19|20)\d\d)(?P=numeric_sep)"
    r"(?P<numeric_month2>1[0-2]|0?[1-9])(?P=numeric_sep)(?P<numeric_day2>3[01]|[12]\d|0?[1-9])"
    r"(?!\d|[./-]\d)"
    rf"|(?!\d|[./-]\d){_SINCE})"
)


def _foreign_parts(prefix: str, separator: str) -> str:
    """a, b and c of a date written with the same separator twice (see _foreign_date),
    in groups named ``prefix_a`` …, ``separator`` defining the group ``foreign_sep`` or
    matching it again; after a dot, c is a four-digit year (3.1.2 numbers a section)."""
    return (
        rf"(?P<{prefix}_a>\d{{1,2}}){separator}(?P<{prefix}_b>\d{{1,2}})(?P=foreign_sep)"
        rf"(?P<{prefix}_c>(?:1[89]|20)\d\d|(?<![.])\d{{1,2}})"
    )


@cached_per_lexicons
def _lexicon():
    relative = {word: (anchor, offset) for word, anchor, offset in table("relative_times.tsv", 3)}
    parts = dict(table("time_parts.tsv", 2))
    # 今年初, 上年末, 年内: the parts of a year written after a word that ends in 年
    tails = alternation(k[1:] for k in parts if k.startswith("年"))
    part = (
        rf"(?:(?P<part>{alternation(parts)})|前(?P<first_months>{_COUNT})个月"  # 前五个月 = 01/05
        rf"|(?<=年)(?P<year_tail>{tails}))?"
    )
    relative_month = _MONTH.replace("month", "relative_month")  # 今年3月
    relative_day = _DAY.replace("day", "relative_day_of_month")  # 去年5月12日
    year2, month2, day2 = (_YEAR.replace("year", "year2"), _MONTH.replace("month", "month2"),
                           _DAY.replace("day", "day2"))
    last_month = _MONTH.replace("month", "last_month")
    # 5月11日至13日, 8月11日至8月22日 (the year and month carried to the second date)
    day_range = rf"{_RANGE}(?:{last_month}月)?{day2}[日号]"
    # a day may leave out 日 where the expression ends (二零零四年八月十五, 一月二十三) or
    # before a range that closes with it (从一月19到20日)
    day_tail = rf"(?:[日号](?:{day_range})?{_SINCE}|{day_range}|(?=[\s,，。;；、!?！？)）]|$))"
    # a part of a year alone (年底前, 年内, 年初确定的目标): not in 三年内, 青年初创, 新年初
    lone_year_part = (
        rf"(?<![\d{_CN_DIGIT}十两几多数半百千万今明去前后上下本当每历同学周少成整全跨新青老中童壮晚早末元近远逐连])"
        rf"(?P<lone_year_part>{alternation(k for k in parts if k.startswith('年'))})(?!(?<=年初)[心创中期])"
    )
    periods = alternation(w for w, _, _ in table("relative_periods.tsv", 3))
    # the years a number of years from the reference year (去年, 明年; not 全年, 过去五年)
    year_words = [w for w, (anchor, shift) in relative.items() if anchor == "reference" and "/" not in shift]
    period_day = _DAY.replace("day", "period_day")
    units = [w for w, role, _, _ in table("counted_periods.tsv", 3, 4) if role == "unit"]
    counted_periods = "|".join(
        rf"(?P<counted_direction>{regex.escape(w)})(?P<counted>[1-9]\d?|[一二两三四五六七八九])"
        rf"(?P<counted_unit>{alternation(u for u in units if u not in not_with.split())})"
        for w, role, _, not_with in table("counted_periods.tsv", 3, 4) if role == "direction"
    )
    # 三月三, 八月十五: a lunar festival, where no 日 follows (festival_dates.tsv)
    festivals = alternation(w for w, in table("festival_dates.tsv", 1))
    not_festival = rf"(?!(?:{festivals})(?![日号\d{_CN_DIGIT}十]))"
    # (rule, pattern): a record names the alternative that found it
    alternatives = [
        ("year_month_range", rf"{_YEAR}年{_MONTH}月{_RANGE}{year2}年{month2}月"),  # 2023年12月至2024年2月
        # 2016-2018年, 2013年至2017年; 2007年与2009年之间
        ("year_range", rf"{_YEAR}年?(?: ?{_RANGE} ?{year2}年|年?[与和]{year2}年(?:之间|间))"),
        # 从2016到2018: two four-digit years after 从 or 自 need no 年 (nothing may follow
        # that makes them amounts)
        ("bare_year_range",
         rf"(?<=[从自])(?P<year>(?:1[89]|20)\d\d){_RANGE}(?P<year2>(?:1[89]|20)\d\d)(?![\d.%\p{{Han}}\p{{Latin}}])"),
        ("decade", _DECADE),
        # 2018年1-9月份, 2017年8月至11月: one period
        ("year_months", rf"{_YEAR}年{_MONTH}(?:月(?:份)?)?{_RANGE}{month2}月(?:份)?{_SINCE}"),
        # 2017年12月28日至2018年1月3日, 18年10月1日到19年2月3日
        ("date_range", rf"{_YEAR}年{_MONTH}月{_DAY}[日号]{_RANGE}{year2}年{month2}月{day2}[日号]"),
        ("date", rf"{_YEAR}年{_MONTH}月{_DAY}{day_tail}"),
        ("year_month", rf"{_YEAR}年{_MONTH}月(?:份)?{_MONTH_TAIL}{_SINCE}"),
        ("year_end", rf"{_YEAR}(?P<year_part>年底|年末|年初){_SINCE}"),
        ("year", rf"{_YEAR}年(?:度)?{part}{_SINCE}"),
        ("numeric_date", _NUMERIC_DATE),
        # 13.5.2015, 3-7-07, 12/25/2020, 12-11-10, and a range of two (10/1/2018-10/7/2018):
        # a date written day or month first, or year first with a two-digit year
        ("foreign_date",
         rf"(?<![\d./-]){_foreign_parts('foreign', '(?P<foreign_sep>[-/.])')}"
         rf"(?:[-—–―~至到]{_foreign_parts('foreign2', '(?P=foreign_sep)')})?(?!\d|[./-]\d)"),
        # 1789-01-29, 1357年6月10日, 三六七年一月一日: a year before 1800 in a whole date, or
        # (在789年，) after 在 or 于 where the clause ends at 年; 1500元, 300年 and
        # 在100年的奋斗中 are amounts and durations
        ("old_date",
         r"(?<![\d./-])(?P<numeric_year>1[0-7]\d\d)-(?P<numeric_month>1[0-2]|0[1-9])-"
         r"(?P<numeric_day>3[01]|[12]\d|0[1-9])(?!\d|[./-]\d)"
         rf"|(?<![\d{_CN_DIGIT}十百千万])(?P<year>1[0-7]\d\d|[1-9]\d\d|[一二三四五六七八九][{_CN_DIGIT}]{{2}})"
         rf"年{_MONTH}月{_DAY}[日号]"),
        ("old_year", r"(?<=[在于])(?P<year>1[0-7]\d\d|[1-9]\d\d)年(?![\p{Han}\d])"),
        # 12/1 (month first, as in Chinese): a clause of its own, or after 在/于; 1/3 after a
        # Han character or before more (占全国1/3, 1/3以上) is a fraction
        ("numeric_month_day",
         r"(?<=^|[,，。;；在于])(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])(?=$|[,，。;；!?！？])"),
        ("spaced_date",
         r"(?<![\d.])(?P<numeric_year>(?:19|20)\d\d) (?P<numeric_month>1[0-2]|0[1-9]) "
         r"(?P<numeric_day>3[01]|[12]\d|0[1-9])(?![\d.:])"),
        ("month_day", rf"(?<![\d年]){not_festival}{_MONTH}月{_DAY}{day_tail}"),
        ("month_range", rf"(?<![\d年个月]){_MONTH}(?:月(?:份)?)?(?P<month_sep>{_RANGE}){month2}月"),
        # 三月和九月之间, 10月和5月间: one period, as 2007年与2009年之间
        ("month_between", rf"(?<![\d年个{_CN_DIGIT}十]){_MONTH}月[与和]{month2}月(?:之间|间)"),
        # not 一月一碰头, “一月三问” (once a month, thrice a month)
        ("month",
         rf"(?<![\d年个{_CN_DIGIT}十]){not_festival}{_MONTH}月(?:份)?{_MONTH_TAIL}{_SINCE}"
         r"(?![\d日号]|(?<=一月)[一二三四五六七八九十两])"),
        # 去年本月十日: a period of the dateline's in a year said relative to it
        ("year_relative_period",
         rf"(?P<relative>{alternation(year_words)})(?P<relative_period>{periods})(?:{period_day}[日号])?"),
        ("relative",
         rf"(?P<relative>{alternation(relative)})"
         rf"(?:{relative_month}(?:(?:月(?:份)?)?{_RANGE}{month2}月(?:份)?"  # 今年1-5月
         rf"|月(?:{relative_day}[日号]|{_MONTH_TAIL}))|{part}){_SINCE}"),
        ("window", _WINDOW),
        # 未来两天, 今后三天内: the days after the dateline
        ("day_window", rf"(?<![将接])(?:今后|未来)(?P<window_days>{_COUNT})天(?:内|里)?"),
        ("part", rf"(?<![年\d])(?P<lonepart>{alternation(k for k in parts if k[0] != '年')}){_SINCE}"),
        ("year_part", rf"{lone_year_part}{_SINCE}"),
        ("first_months", rf"(?<![\d{_CN_DIGIT}十个年提之以])前(?P<first_months>{_COUNT})个月"),
        ("legal_plan", _LEGAL_PLAN),
        # 本月, 上个季度, 本月10日: against the dateline's month
        ("relative_period", rf"(?<!年)(?P<relative_period>{periods})(?:{period_day}[日号])?"),
        # 上2个月, 下1年, 下1天: the N periods before or after the dateline's (counted_periods.tsv);
        # not in 以上1年, 之下3个月 (bounds)
        ("counted_period", rf"(?<![以之])(?:{counted_periods})"),
        # a day alone (29日，… ; 记者29日从…获悉; 下次的12号) in a dated text: the dateline's
        # month, or the month before when the day is still to come; not a count of days
        # (30日内), and 号 only where the clause ends at it: 12号线, 3号、4号工位, 国发〔2020〕12号
        # and 第6号令 are names and numbers
        ("lone_day",
         r"(?<=^|[\s,，。;；:：、在于者])(?P<lone_day>3[01]|[12]\d|0?[1-9])日"
         r"(?![内后前起以之左上]|[0-9])"
         r"|(?<=^|[\s,，。;；在于的])(?P<lone_day>3[01]|[12]\d|0?[1-9])号(?=$|[\s,，。;；!?！？])"),
        ("plan", _PLAN),
        ("years_back", rf"(?<![\d{_CN_DIGIT}十])(?P<years_back>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})年来"),
        ("listed_year", rf"{_YEAR}(?=[、和及]{_YEAR.replace('year', 'listed_year')}年)"),
        # a day relative to the dateline, where it opens a clause (昨天，…; 昨天下午…); not
        # where it goes on into what makes it no day (今天的西藏, the present age: relative_days.tsv)
        ("relative_day",
         rf"(?<=^|\P{{Han}}|于)(?P<relative_day>{_relative_day_words()})"),
        # 昨日(14日): the day of the month a relative day stands for, said in brackets
        ("bracketed_day",
         rf"(?<=(?:{alternation(_relative_days())})[(（])"
         rf"{_DAY.replace('day', 'bracketed_day')}[日号](?=[)）])"),
    ]
    # every time starts with a digit or the first character of a time word: looking
    # ahead for one lets the search skip the rest of the text fast
    words = [*relative, *parts, *_relative_days(),
             *(w for w, _, _ in table("relative_periods.tsv", 3))]
    first = set("0123456789" + _CN_DIGIT + "十两本上前近最过这今未") | {w[0] for w in words}
    starts = regex.escape("".join(sorted(first)))
    # each alternative is a group named rule_<rule>
    pattern = regex.compile(
        f"(?=[{starts}])(?:" + "|".join(f"(?P<rule_{rule}>{a})" for rule, a in alternatives) + ")"
    )
    # (the possible starts found with re, which finds a plain character class in 60% of regex's time)
    possible_starts = re.compile(f"[{re.escape(''.join(sorted(first)))}]")
    return relative, parts, pattern, tuple(rule for rule, _ in alternatives), possible_starts


# how many characters from a possible start _scan shows the pattern before it tries it whole
_PEEK = 3
# the most of those short windows _scan keeps the answer for (a corpus of 186 reports
# holds about 155,000: 103,000 of _PEEK characters and their shorter windows)
_MOST_OPENINGS = 200_000


@cached_per_lexicons
def _openings() -> dict[str, bool]:
    """Whether the time pattern may match at a position, by the character before it
    and the ``_PEEK`` characters from it on (see _scan)."""
    return {}


def _scan(pattern, starts, text: str):
    """The matches of ``pattern.finditer(text)``, found in about a fifth of its time.

    The pattern's 25 alternatives are tried at every character that may start a time
    (one in fifteen of a report: digits, 年, 上, 全 …), which is where the time goes.
    Whether any alternative can match at a position at all depends only on the
    character before it (the pattern's lookbehinds read one character back) and the
    first characters of the match: a partial match on the ``_PEEK`` characters after
    the position answers it, and the answer is kept for that short window. Only where
    it is yes is the whole pattern tried, at that position, as finditer would try it.
    """
    openings = _openings()
    position = 0
    for start_match in starts.finditer(text):
        start = start_match.start()
        if start < position:
            continue
        if start:
            window = text[start - 1 : start + _PEEK]
            may_match = openings.get(window)
            if may_match is None:
                if len(openings) >= _MOST_OPENINGS:
                    openings.clear()  # a long run over random text must not grow it without bound
                may_match = openings[window] = _may_open(pattern, text, start, openings)
            if not may_match:
                continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            position = match.end()


def _may_open(pattern, text: str, start: int, openings: dict[str, bool]) -> bool:
    """Whether ``pattern`` may match at ``start``, by a partial match on the window of
    ``_PEEK`` characters (see _scan), tried on its shorter windows first: a window that
    no match can begin with rules out every longer one, and the short windows recur far
    more (a third of the corpus holds 7,800 of one character after the one before, 44,000
    of three). A first pass over new text then tries a sixth fewer partial matches (each
    costs more than a match of the whole pattern), most of them on one or two characters,
    and spends a fifth less time in _scan. Every answer found is kept in ``openings``.
    """
    for peek in range(1, _PEEK + 1):
        window = text[start - 1 : start + peek]
        may_match = openings.get(window)
        if may_match is None:
            may_match = openings[window] = pattern.match(text, start, start + peek, partial=True) is not None
        if not may_match:
            return False
    return True


# the word before a time that makes it the start of an open period (自从2018年)
_SINCE_WORD = "自从"
_EVENT_WINDOW = 60
_DIGIT = regex.compile(r"\d")
# 2024, 2024-Q1, 2024-H2, 2024-01 (今年初), /2024-12 (年底前)
_YEAR_OR_PART = regex.compile(r"^/?\d{4}(?:-[QH]\d|-\d\d)?$")
_EVENT_CLAUSE_END = regex.compile(r"[;；。!?！？\n]")
_COMMA = regex.compile(r"[,，:：]")
_CLAUSE_OPENING = ",;:。!?\n \t"
_SHORT_CLAUSE = 10  # the most characters of a clause that only says more of the time (春节前夕)
# a count in a clause (举办展会120个以上, 开工25.9万平方米), not a year, a date, an ordinal or
# an anniversary (75周年)
_COUNTED = regex.compile(r"(?<![\d.第])\d+(?:\.\d+)?(?![\d.年月日号届周])")
# 昨日(14日),: the day said again in brackets after the time
_RESTATED_DAY = regex.compile(r"[(（][^()（）\n]{1,12}[)）]")


@cached_per_lexicons
def _event_verbs():
    return regex.compile(alternation(words("event_verbs.tsv")))


@cached_per_lexicons
def _event_frames():
    """The time words that frame a year (全年, 年内, 当年) and what, opening the clause
    after a time, makes it a frame (是, 的, 预计): ``event_frames.tsv``."""
    rows = table("event_frames.tsv", 2)
    frames = tuple(word for word, where in rows if where == "time")
    openers = regex.compile(rf"[,:]?(?:{alternation(w for w, where in rows if where == 'after')})")
    return frames, openers


@cached_per_lexicons
def _compared() -> dict[str, regex.Pattern]:
    """For each year word, the cues of a comparison just before it (比上年, 较去年; 是上年的
    2.1倍, not 一是去年出台的): ``comparison_cues.tsv``, whose second field names the only
    words a cue is read before."""
    rows = table("comparison_cues.tsv", 1, 2)
    years = [w for w, (anchor, offset) in _lexicon()[0].items() if (anchor, offset) == ("reference", "-1")]
    cues = {year: [cue for cue, only in rows if not only or year in only.split()] for year in years}
    return {year: regex.compile(rf"(?:{alternation(before)})$") for year, before in cues.items()}


@cached_per_lexicons
def _not_happenings():
    """Words that hold a verb of a happening without telling one (新开工项目)."""
    return regex.compile(alternation(w for w, where in table("event_frames.tsv", 2) if where == "word"))


@cached_per_lexicons
def _meeting_name():
    """The rest of a meeting's name, up to where it is held (…经济形势分析会暨省委财经委会议|
    在广州召开; …座谈会7月22日上午|在广州召开): ``meeting_names.tsv``."""
    heads, held = (alternation(w for w, k in table("meeting_names.tsv", 2) if k == kind)
                   for kind in ("head", "held"))
    return regex.compile(
        rf"\p{{Han}}{{0,40}}?(?:{heads})(?:(?:\d{{1,2}}月)?\d{{1,2}}[日号])?"
        rf"(?:{alternation(words('day_parts.tsv'))})?(?={held})"
    )


def meeting_name(text: str, start: int, end: int):
    """The match of a meeting's name at ``start`` (2026年全省上半年经济形势分析会暨省委财经委
    会议|在广州召开), or None; not a clause that tells a happening before a meeting (习近平
    总书记亲临广东视察并出席第十五届全国运动会|开幕式)."""
    match = _meeting_name().match(text, start, end)
    return None if match is None or _event_verbs().search(match.group()) else match


@cached_per_lexicons
def _relative_periods() -> dict[str, tuple[str, int]]:
    return {word: (unit, int(offset)) for word, unit, offset in table("relative_periods.tsv", 3)}


@cached_per_lexicons
def _counted_periods() -> dict[str, str]:
    """The direction (-1, 1) or unit (year, quarter, month, day) of each word of
    ``counted_periods.tsv``."""
    return {word: value for word, _, value, _ in table("counted_periods.tsv", 3, 4)}


@cached_per_lexicons
def _relative_days() -> dict[str, str]:
    return {word: offset for word, offset, _ in table("relative_days.tsv", 2, 3)}


def _relative_day_words() -> str:
    """The relative days as an alternation, each with the characters it may not go on
    into (今天的西藏, 后天的努力: ``relative_days.tsv``)."""
    return "|".join(
        regex.escape(word) + (f"(?![{regex.escape(not_after)}])" if not_after else "")
        for word, _, not_after in sorted(table("relative_days.tsv", 2, 3), key=lambda row: -len(row[0]))
    )


def _dated(year: int, month: str, day: str | None, since: str, stated_year: int | None,
           last_day: str | None = None, last_month: str | None = None):
    """(value, stated year, event) of a month, a day or a range of days (11日至13日,
    8月11日至8月22日) of ``year``; None for a day the calendar does not have."""
    if day:
        value = _day_value(year, _small(month), _small(day), since)
        if value and last_day:
            last = _day_value(year, _small(last_month or month), _small(last_day), "")
            value = f"{value}/{last}" if last and last > value else None
        return (value, stated_year, True) if value else None
    return f"{year}-{_small(month):02d}{since}", stated_year, True


# the year a time without one is given when the document has no reference date either: a
# leap year, so that 2月29日 is kept; its digits are written XXXX in the value
_UNKNOWN_YEAR = 2000


def _partial(value: str) -> str:
    """``2000-05-11`` of an unknown year -> ``XXXX-05-11`` (ISO 8601-2 unspecified digits)."""
    return regex.sub(rf"(?<!\d){_UNKNOWN_YEAR}(?=-)", "XXXX", value)


def _decade(groups) -> str:
    """九十年代 -> 1990/1999; 上世纪80年代 -> 1980/1989; 本世纪20年代 -> 2020/2029."""
    decade = groups["decade"]
    if len(decade) == 4:
        first = int(decade)
    else:
        century = groups.get("century") or "上世纪"
        if century == "上世纪":
            hundreds = 1900
        elif century == "本世纪":
            hundreds = 2000
        else:
            hundreds = (_small(century[:-2]) - 1) * 100
        first = hundreds + _small(decade)
    return f"{first}/{first + 9}"


def _day_value(year: int, month: int, day: int, since: str) -> str | None:
    """ISO day, or None for a day the calendar does not have (2月30日)."""
    try:
        return dt.date(year, month, day).isoformat() + since
    except ValueError:
        return None


def _foreign_date(first: str, second: str, last: str) -> str | None:
    """The date of a, b, c, or None. Its year is a part written with two or four digits:
    the first where it has two and the last not four (12-11-10 -> 2012-11-10, 27-7-3),
    else the last, after the day (3-7-07 -> 2007-07-03, 1/2/2020 -> 2020-02-01) or,
    where that is no date, after the month (12/25/2020). Example:

        >>> _foreign_date("10", "1", "2018"), _foreign_date("27", "7", "3")
        ('2018-01-10', '2027-07-03')
    """
    readings = []
    if len(first) == 2 and len(last) < 4:
        readings.append((_year(first), int(second), int(last)))
    if len(last) in (2, 4):
        readings += [(_year(last), int(second), int(first)), (_year(last), int(first), int(second))]
    return next((date for date in (_day_value(*reading, "") for reading in readings) if date), None)


def _year(numeral: str) -> int:
    """A year as written; two digits are of the 1900s from 50 on, else of the 2000s."""
    if "千" in numeral:  # 两千零四
        return int(parse_chinese(numeral))
    year = parse_year(numeral)
    if len(numeral) == 2:
        year += 1900 if year >= 50 else 2000
    return year


def _small(numeral: str) -> int:
    return int(numeral) if numeral.isdigit() else int(parse_chinese(numeral))


def plan_period(name: str) -> str:
    """The years of a five-year plan: ``十四五`` -> ``2021/2025``."""
    number = int(parse_chinese(name[:-1]))
    first = 1953 + 5 * (number - 1) if number <= 2 else 1966 + 5 * (number - 3)
    return f"{first}/{first + 4}"


def _with_part(year: int, part: str | None) -> str:
    if not part:
        return f"{year:04d}"
    suffix = _lexicon()[1][part]
    if suffix == ".":  # the whole year (年内)
        return str(year)
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
        relative, _, pattern, rules, starts = _lexicon()
        rule_groups = [(rule, f"rule_{rule}") for rule in rules]
        text = context.text
        found = []
        # (year, position, how): how is True for a year said as 去年/今年, "left" once a
        # paragraph without sections ends after it
        anchor: tuple[int, int, bool | str] | None = None
        scanned = 0  # the text up to here has no paragraph break after the anchor
        last_start = last_end = -1  # where the last time found lies
        said = None  # (year, position) of the last year the text says (2013年, 去年), for comparisons
        for match in _scan(pattern, starts, text):
            start, end = match.span()
            if context.titled.covering(start):
                continue
            if match.start("rule_relative_day") >= 0 and context.quoted.covering(start):
                continue  # “明天计划”, “今天再晚也是早，明天再早也是晚”: a name or a motto, not a day
            if anchor and anchor[2] is True and self._leaves_passage(context, max(anchor[1], scanned), start):
                anchor = (*anchor[:2], "left")
            scanned = start
            groups = group_values(match)
            resolved = self._resolve(context, groups, anchor, start, relative, said)
            if resolved is None:
                continue
            value, stated_year, event = resolved
            if groups.get("before") and "/" not in value:  # 2035年前 -> /2035
                value = "/" + value
            elif text.endswith(_SINCE_WORD, 0, start) and "/" not in value:  # 自从2018年 -> 2018/
                value += "/"
            event = self._anchors_happening(context, start, end, value, event)
            if stated_year is not None and self._says_year(context, groups, start, relative):
                said = (stated_year, start)
            if stated_year is not None and self._plausible_anchor(context, stated_year):
                anchor = (stated_year, start, bool(groups.get("relative")))
            rule = next(rule for rule, group in rule_groups if groups[group] is not None)
            if found and found[-1].value.endswith("/") and value.startswith("/") and last_end == start:
                # 2010年之后2018年之前: the bounds of one period
                start, value, event = last_start, found.pop().value + value[1:], False
            ostart, oend, otext = context.original(start, end)
            found.append(TimeExpression(ostart, oend, otext, value, event, rule=rule))
            last_start, last_end = start, end
        return found

    @staticmethod
    def _anchors_happening(context: Context, start: int, end: int, value: str, event: bool) -> bool:
        """A year or part of a year anchors a happening when its own comma clause tells
        one, with a verb of one and no count (去年，我们召开了…大会; 在去年…成功承办十五运会);
        not a year framed whole (全年, 年内, 当年: event_frames.tsv), described (2022年是…
        召开之年) or forecast (2019年预计达26%), nor a count (今年计划实施市重点项目340项),
        nor a year in a meeting's name. A month since which a figure is counted does not
        either (2023年10月以来，全市新增城镇就业3.2万人)."""
        restated = _RESTATED_DAY.match(context.text, end)
        end = restated.end() if restated else end
        clause = context.text[end : end + _EVENT_WINDOW]
        stop = _EVENT_CLAUSE_END.search(clause, 1)
        clause = clause[: stop.start()] if stop else clause
        verbs = _event_verbs()
        if event:  # a figure counted over the time, with no happening, is a frame (1—6月，…增长6.8%)
            return bool(verbs.search(clause)) or not _DIGIT.search(clause)
        if not _YEAR_OR_PART.match(value):
            return False
        frames, openers = _event_frames()
        if context.text[start:end].endswith(frames) or openers.match(clause):
            return False
        if meeting_name(clause, 0, len(clause)):
            return False
        own = clause[1:] if _COMMA.match(clause) else clause  # 去年，…: the clause after the comma
        comma = _COMMA.search(own)
        short = own[: comma.start()] if comma else own
        opens = start == 0 or context.text[start - 1] in _CLAUSE_OPENING
        if opens and comma and len(short) <= _SHORT_CLAUSE and not verbs.search(short) and not any(
            word_role(word) == "verb" for word in cut(short)
        ):  # 2025年春节前夕，再次亲临辽宁考察: a short clause without a verb goes on (not in
            # 成功申办2026年省运会，顺利举办…, where the year is inside a clause)
            comma = _COMMA.search(own, comma.end())
        own = own[: comma.start()] if comma else own
        if _COUNTED.search(own):
            return False
        return bool(verbs.search(_not_happenings().sub("", own)))

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

    def _passage_year(self, context: Context, anchor, position: int, month=None, day=None) -> int | None:
        """The year a time without one falls in: that of the passage's last explicit year,
        else the document's. Against a dateline, a month more than half a year after it
        is in the year before (12月30日 in news of 2026-01-02 is 2025-12-30). A month
        after the paragraph of a 去年 in a text without sections (news) is dated by the
        dateline, not by that 去年. 2月29日 dated by the document alone is in the
        nearest leap year (2016 in a text of 2017, 2020 in one of 2019)."""
        if anchor is not None and not (month is not None and anchor[2] == "left"):
            return anchor[0]
        year = context.reference_year
        if month is not None and year is not None and len(context.reference_date or "") == 10:
            if _small(month) - int(context.reference_date[5:7]) > 6:
                year -= 1
        if year is not None and month and day and (_small(month), _small(day)) == (2, 29):
            year = min(range(year - 3, year + 4), key=lambda y: (not calendar.isleap(y), abs(y - year)))
        return year

    @staticmethod
    def _compares(context: Context, groups, position: int, relative) -> bool:
        """Whether a year before the reference year (上年, 去年) is the term of a comparison
        (比上年, 较去年, 与去年同期相比: ``comparison_cues.tsv``)."""
        cues = _compared().get(groups.get("relative") or "")
        return (cues is not None and not groups.get("relative_month")
                and cues.search(context.text, max(0, position - 4), position) is not None)

    def _says_year(self, context: Context, groups, position: int, relative) -> bool:
        """Whether a time says its year itself (2013年, 去年), not from its passage (全年)
        nor as the term of a comparison (比上年)."""
        if groups.get("year") or groups.get("numeric_year"):
            return True
        word = groups.get("relative")
        return (bool(word) and relative[word][0] == "reference"
                and not self._compares(context, groups, position, relative))

    @staticmethod
    def _reported_year(context: Context, said, position: int) -> int | None:
        """The year a sentence reports on: the year it says before the comparison (1982年
        重工业总产值比上年增长9.8%), else the year its part reviews (a review) or plans
        (tasks, targets), else the reference year."""
        if said is not None and said[1] >= context.sentence_bounds(position)[0]:
            return said[0]
        role = context.role_at(position)
        if role == "review" and context.review_year is not None:
            return context.review_year
        if role in ("tasks", "targets") and context.review_year is not None:
            return context.review_year + 1
        return context.reference_year

    @staticmethod
    def _relative_period(context: Context, word: str, day: str | None, years: int = 0):
        """上个月 -> the month before the dateline's; 本季度 -> its quarter; 上个半年 -> the
        half-year before its own; 本月10日 -> a day; 去年本月十日 -> that day ``years`` from
        the dateline's year."""
        if context.reference_date is None or len(context.reference_date) < 7:
            return None
        year, month = int(context.reference_date[:4]) + years, int(context.reference_date[5:7])
        unit, offset = _relative_periods()[word]
        if unit == "quarter":
            quarters = year * 4 + (month - 1) // 3 + offset
            return (None if day else f"{quarters // 4}-Q{quarters % 4 + 1}"), None, True
        if unit == "half":  # 上个半年 in news of 2019-09-03 -> 2019-H1
            halves = year * 2 + (month - 1) // 6 + offset
            return (None if day else f"{halves // 2}-H{halves % 2 + 1}"), None, True
        months = year * 12 + month - 1 + offset
        year, month = months // 12, months % 12 + 1
        if day:
            value = _day_value(year, month, _small(day), "")
            return (value, None, True) if value else None
        return f"{year}-{month:02d}", None, True

    @staticmethod
    def _counted_period(context: Context, direction: str, count: int, unit: str):
        """上2个月 in news of 2017-03-22 -> 2017-01/2017-02; 下1年 -> 2018; 下3天 ->
        2017-03-23/2017-03-25: whole periods of the calendar next to the dateline's."""
        if context.reference_date is None or len(context.reference_date) < 7 or count < 1:
            return None
        sign = int(_counted_periods()[direction])
        first, last = (-count, -1) if sign < 0 else (1, count)
        year, month = int(context.reference_date[:4]), int(context.reference_date[5:7])
        kind = _counted_periods()[unit]
        if kind == "day":
            if len(context.reference_date) != 10:
                return None
            dateline = dt.date.fromisoformat(context.reference_date)
            values = [(dateline + dt.timedelta(days=offset)).isoformat() for offset in (first, last)]
        elif kind == "year":
            values = [str(year + offset) for offset in (first, last)]
        elif kind == "quarter":
            quarters = [year * 4 + (month - 1) // 3 + offset for offset in (first, last)]
            values = [f"{q // 4}-Q{q % 4 + 1}" for q in quarters]
        else:
            months = [year * 12 + month - 1 + offset for offset in (first, last)]
            values = [f"{m // 12}-{m % 12 + 1:02d}" for m in months]
        return (values[0] if count == 1 else "/".join(values)), None, False

    @staticmethod
    def _lone_day(context: Context, day: int):
        """29日 in news of 2026-08-30 -> 2026-08-29; in news of 2026-08-03 -> 2026-07-29."""
        if context.reference_date is None or len(context.reference_date) != 10:
            return None
        dateline = dt.date.fromisoformat(context.reference_date)
        year, month = dateline.year, dateline.month
        if day > dateline.day:
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        value = _day_value(year, month, day, "")
        if value is None and day <= 31:  # 29日 in news of 2018-03-22: the last month that has one
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
            value = _day_value(year, month, day, "")
        return (value, None, True) if value else None

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

    def _resolve(self, context: Context, groups, anchor, position: int, relative, said=None):
        since = "/" if groups.get("since") else ""
        if groups.get("plan"):
            period = plan_period(groups["plan"])
            if groups.get("plan_end"):  # “十三五”末 -> 2020
                return period.split("/")[1], None, False
            return period, None, False
        if groups.get("legal_plan"):  # “八五”普法 -> 2021/2025
            first = 1986 + 5 * (int(parse_chinese(groups["legal_plan"][0])) - 1)
            return f"{first}/{first + 4}", None, False
        if groups.get("decade"):
            return _decade(groups), None, False
        if groups.get("numeric_year"):
            year = int(groups["numeric_year"])
            value = _day_value(year, int(groups["numeric_month"]), int(groups["numeric_day"]), "")
            if value and groups.get("numeric_year2"):  # 2018/1/10-2018/7/10
                last = _day_value(int(groups["numeric_year2"]), int(groups["numeric_month2"]),
                                  int(groups["numeric_day2"]), "")
                return (f"{value}/{last}", None, True) if last and last > value else None
            return (value + since, year, True) if value else None
        if groups.get("foreign_a"):
            value = _foreign_date(groups["foreign_a"], groups["foreign_b"], groups["foreign_c"])
            if value and groups.get("foreign2_a"):  # 10/1/2018-10/7/2018
                last = _foreign_date(groups["foreign2_a"], groups["foreign2_b"], groups["foreign2_c"])
                value = f"{value}/{last}" if last and last > value else None
            return (value, None, True) if value else None
        if groups.get("relative_period"):
            years = int(relative[groups["relative"]][1]) if groups.get("relative") else 0
            return self._relative_period(context, groups["relative_period"], groups.get("period_day"), years)
        if groups.get("counted"):
            return self._counted_period(context, groups["counted_direction"], _small(groups["counted"]),
                                        groups["counted_unit"])
        if groups.get("lone_day"):
            return self._lone_day(context, int(groups["lone_day"]))
        if groups.get("window_days"):
            return self._day_window(context, _small(groups["window_days"]))
        if groups.get("window"):
            return self._window(context, groups["window"], _small(groups["window_years"]))
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
        if groups.get("year2") and groups.get("day2"):  # 2017年12月28日至2018年1月3日
            first = _day_value(_year(groups["year"]), _small(groups["month"]), _small(groups["day"]), "")
            last = _day_value(_year(groups["year2"]), _small(groups["month2"]), _small(groups["day2"]), "")
            return (f"{first}/{last}", None, True) if first and last and first < last else None
        if groups.get("year2") and groups.get("month2"):
            first, last = _year(groups["year"]), _year(groups["year2"])
            value = f"{first}-{_small(groups['month']):02d}/{last}-{_small(groups['month2']):02d}"
            return value, None, True
        if groups.get("year2"):
            first, last = _year(groups["year"]), _year(groups["year2"])
            return (f"{first}/{last}", None, False) if first < last else None
        if groups.get("year"):
            year = _year(groups["year"])
            if groups.get("month2"):  # 2018年1-9月份
                return self._months(year, groups["month"], groups["month2"]), year, True
            if groups.get("month"):
                return _dated(year, groups["month"], groups.get("day"), since, year, groups.get("day2"),
                              groups.get("last_month"))
            return self._year_part(year, groups) + since, year, False
        if groups.get("relative"):
            anchor_kind, offset = relative[groups["relative"]]
            if anchor_kind == "absolute":
                return offset, None, False
            if self._compares(context, groups, position, relative):
                # 比上年增长7.7%: the year before the one the sentence reports on; in a review
                # it says that the passage is of the year reviewed, elsewhere nothing of it
                base = self._reported_year(context, said, position)
                if base is None:
                    return None
                reviewed = context.review_year if context.role_at(position) == "review" else None
                return self._year_part(base - 1, groups), reviewed, False
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
            if groups.get("relative_month") and groups.get("month2"):  # 今年1-5月
                return self._months(year, groups["relative_month"], groups["month2"]), year, True
            if groups.get("relative_month"):  # 今年3月, 去年5月12日
                day = groups.get("relative_day_of_month")
                return _dated(year, groups["relative_month"], day, since, year)
            return self._year_part(year, groups) + since, year, False
        year = self._passage_year(context, anchor, position, groups.get("month"), groups.get("day"))
        partial = year is None  # no year in the text nor a reference date: 5月11日 -> XXXX-05-11
        if partial:
            year = _UNKNOWN_YEAR
        resolved = self._in_passage_year(year, groups, since)
        if resolved is None:
            return None
        return (_partial(resolved[0]), *resolved[1:]) if partial else resolved

    def _in_passage_year(self, year: int, groups, since: str):
        """(value, stated year, event) of a time that takes the year of its passage."""
        if groups.get("lonepart"):
            return _with_part(year, groups["lonepart"]) + since, None, False
        if groups.get("lone_year_part"):
            return _with_part(year, groups["lone_year_part"]) + since, None, False
        if groups.get("first_months"):
            return self._year_part(year, groups), None, False
        if groups.get("month2"):
            return self._months(year, groups["month"], groups["month2"]), None, True
        if groups.get("month"):
            return _dated(year, groups["month"], groups.get("day"), since, None, groups.get("day2"),
                          groups.get("last_month"))
        return None

    @staticmethod
    def _months(year: int, first: str, last: str) -> str:
        """2018年1-9月 -> 2018-01/2018-09; 11月至2月 runs into the next year."""
        first_month, last_month = _small(first), _small(last)
        last_year = year + 1 if last_month < first_month else year
        return f"{year}-{first_month:02d}/{last_year}-{last_month:02d}"

    @staticmethod
    def _year_part(year: int, groups) -> str:
        """A year with its part: 一季度, 年底, 前五个月 (01/05), a tail after 年 (今年初)."""
        if groups.get("first_months"):
            last = _small(groups["first_months"])
            if last == 1:
                return f"{year}-01"
            return f"{year}-01/{year}-{last:02d}" if 1 < last <= 12 else str(year)
        if groups.get("year_tail"):
            return _with_part(year, "年" + groups["year_tail"])
        return _with_part(year, groups.get("part") or groups.get("year_part"))

    @staticmethod
    def _day_window(context: Context, days: int):
        """未来两天 in news of 2017-03-22 -> 2017-03-23/2017-03-24."""
        if context.reference_date is None or len(context.reference_date) != 10 or days < 1:
            return None
        dateline = dt.date.fromisoformat(context.reference_date)
        first, last = dateline + dt.timedelta(days=1), dateline + dt.timedelta(days=days)
        value = first.isoformat() if days == 1 else f"{first.isoformat()}/{last.isoformat()}"
        return value, None, False

    @staticmethod
    def _window(context: Context, word: str, years: int):
        """近三年 -> the three years before the reference year; 未来三年 -> it and the two after."""
        if context.reference_year is None or years < 1:
            return None
        reference = context.reference_year
        if word in ("今后", "未来"):
            first, last = reference, reference + years - 1
        else:
            first, last = reference - years, reference - 1
        return (str(first) if first == last else f"{first}/{last}"), None, False
