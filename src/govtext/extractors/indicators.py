"""Indicators: quantities with a unit, a qualifier and the name of what they measure.

``开展协商议政活动近60场次`` -> value 60, unit 场次, qualifier nearly, name 协商议政活动.
Units, qualifiers, magnitude words, directions, status cues and name words are
lexicons in ``data/lexicons``; this module only says how they combine.

Example:
    >>> from govtext import extract
    >>> [(i.value, i.unit, i.qualifier, i.name) for i in extract("开展协商议政活动近60场次。").indicators]
    [(Decimal('60'), '场次', 'nearly', '协商议政活动')]
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import regex

from ..lexicons import alternation, cached_per_lexicons, mapping, table, words
from ..numerals import (
    ROUGH_PAIRS,
    chinese_numeral_chars,
    magnitudes,
    parse_chinese,
    parse_number,
    parse_year,
    range_scale,
)
from ..records import Indicator
from ..segment import cut, word_frequency, word_role, word_tag
from ..spans import sentence_bounds
from .base import Context, Spans

_ARABIC = r"\d+[万亿]\d+[千百十]?(?=\p{Han})|\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_RANGE_SEPARATOR = r"(?:[-~—–―]{1,2}|至|到)"
# a minus before a number (增速-3.8%, 增长负3.9%); a dash is a range separator, never a sign
_SIGN = r"[-−负]"
# a sign follows a word or a mark, never a number or a percent (5%-6个百分点 is no minus)
_SIGN_AFTER = r"(?<=^|[\p{Han}\s,，:：;；(（、])"
# kinds of unit whose value may be below zero: a rate or an amount of money
_SIGNED_KINDS = frozenset({"percent", "currency"})
# words that join the parts of a name (问题和困难) and never end one
_JOINERS = frozenset("、和及与")
_LIST_JOINER = regex.compile(r"、|和|及|与")
_ROUGH_RANGE = regex.compile(rf"(?P<pair>{ROUGH_PAIRS})(?P<scale>[十百千万亿]*)")
_FUNCTION_TAGS = frozenset({"d", "p", "c"})  # jieba's adverb, preposition, conjunction
_COMMON_WORD_FREQUENCY = 20  # in jieba's dictionary: 集约 43, 赶超 88; 费约 2
# a comparison right before the number: 比上年高0.2个百分点, 比去年少3个
_COMPARED = regex.compile(r"比[^,，;；。]{1,12}?([高低多少])$")
_ANOTHER_ITEM = regex.compile(r"、\p{Han}{2,}")
_CHINESE_DIGIT = regex.compile("[零〇一二两三四五六七八九]")
# digits without a zero or a unit between them (一一列举) are no number; 三〇〇间 is 300
_DIGITS_ONLY = regex.compile("[一二两三四五六七八九]{2,}")
_HAN = regex.compile(r"\p{Han}")
_HAN_WORD = regex.compile(r"\p{Han}+")
_AMOUNT_OF = regex.compile(r"^[的级]")
_QUOTES = frozenset("“”‘’\"")
_MARKUP = "`*#_~| \u3000"  # Markdown and layout characters around a name
_ACTION = regex.compile(r"\p{Han}{2,}(?=[,，、;；。]|$)")
_WHITE_SPACE = regex.compile(r"\s+")
_VALUE_START = regex.compile(r"[\d零〇一二两三四五六七八九十百]")
# the text before a number that follows another value in its clause (意见建议2979件、提案)
_AFTER_LAST_VALUE = regex.compile(r"[\d%][^、]*、")
_ENDS_WITH_VALUE = regex.compile(r"(?:\d\p{Han}?|%)$")
# what a name never starts with: a year (2023年地区生产总值), or anything up to a long
# number inside the clause (服务热线0471-8212345全年受理来电)
_YEAR_WORD = r"(?:\d{4}|[〇○零一二三四五六七八九]{4})年?"
_NOT_NAME_START = regex.compile(
    rf"^(?:.*\d[\d-]{{4,}}\d[^\p{{Han}}]*|(?:{_YEAR_WORD}(?:到|至|—|-)?)+(?:度|底|末|初)?)"
)
# a unit of reference before the number (粮食单产达到每亩420公斤)
_PER_UNIT_END = regex.compile(r"每\p{Han}{1,2}$")
# a comparison or starting point after the name: 从1997年的…, 由…, 比上年…, 较…
_COMPARISON = regex.compile(
    r"(?:从|由|比|较)(?=\d|上年|去年|年初|上年末|同期|\p{Han}{0,4}的)"
    r"|(?:是|等于|相当于)(?=[^,;。]{1,14}的$)"  # 高新技术企业数量是2020年的2倍
)
_SHARED = regex.compile(r"(?:均为|均达到|均达|都是|都为|均是|均)$")
# The largest value an indicator may have. The corpus's largest is 1.036e19 (10.36百亿亿次,
# a computing speed); a number beyond 1e20 is a run of digits or magnitude words, not
# a quantity, and would not fit a JSON reader's or a table's number column sanely.
MAX_VALUE = Decimal("1e20")


@cached_per_lexicons
def _lexicon():
    units = dict(table("units.tsv", 2))
    qualifiers = {(word, position): cls for word, position, cls in table("qualifiers.tsv", 3)}
    before = [w for w, p in qualifiers if p in ("before", "verb")]
    inside = [w for w, p in qualifiers if p == "inside"]
    after = [w for w, p in qualifiers if p == "after"]
    numeral_chars = regex.escape(chinese_numeral_chars())
    # a magnitude word may not eat the start of a unit (3.2万千瓦: 万 + 千瓦, not 万千 + 瓦)
    magnitude = "|".join(
        regex.escape(m)
        + "".join(f"(?!{regex.escape(u[len(m):])})" for u in units if u.startswith(m) and u != m)
        for m in sorted(magnitudes(), key=len, reverse=True)
    )
    chinese = rf"[{numeral_chars}]+(?:点[{numeral_chars}]+)?"
    number = rf"(?:{_ARABIC}|{chinese})"
    second_sign = r"(?P<sign2>(?<=[至到~])[-−]|负)?"
    # 六倍半, 五天半: a half after a measure or a multiple; 4个半山酒店 and 5个半小时 are no 4.5个
    half_units = alternation(u for u, kind in units.items() if kind in ("measure", "multiple"))
    # 5000亿元至6000亿元, 1万元--5万元: a range whose ends both carry the unit is one
    # quantity when the two units are the same (the lookahead asks for it)
    unit_of_both_ends = (
        rf"(?P<unit1>{alternation(units)})"
        rf"(?={_RANGE_SEPARATOR}(?:[-−]|负)?{number}(?:{magnitude})?(?P=unit1))"
    )
    pattern = regex.compile(
        rf"(?P<before>{alternation(before)})?"
        rf"(?<![\d.\p{{Latin}}{numeral_chars}第+])(?:{_SIGN_AFTER}(?P<sign>{_SIGN}(?=\d)))?"
        rf"(?P<num>{number})(?P<mag1>{magnitude})?(?:{unit_of_both_ends})?"
        rf"(?:(?P<sep>{_RANGE_SEPARATOR}){second_sign}(?P<num2>{number}))?"
        rf"(?P<inside_before_magnitude>{alternation(inside)})?(?P<mag>{magnitude})?"
        rf"(?P<inside>{alternation(inside)})?(?P<unit>{alternation(units)})(?!\+)"
        rf"(?:(?<=(?:{half_units}))(?P<half>半))?(?P<after>{alternation(after)})?"
    )
    percent_words = regex.compile(
        rf"(?P<before>{alternation(before)})?(?P<fraction>百分之|千分之)(?P<num>{chinese}|{_ARABIC})"
        rf"(?:(?P<sep>{_RANGE_SEPARATOR})(?:百分之|千分之)?(?P<num2>{chinese}|{_ARABIC}))?"
        rf"(?P<after>{alternation(after)})?"
    )
    # 三成 (30%), 9成, 9.5成, 三成半 (35%); not 一成不变, 成立, 250成都
    tenths = regex.compile(
        rf"(?P<before>{alternation(before)})?(?P<num>[二两三四五六七八九]|(?<![\d.])\d(?:\.\d+)?)成(?P<half>半)?"
        rf"(?![立为果员就效本品熟长功都自交型绩年])(?P<after>{alternation(after)})?"
    )
    not_quantities = regex.compile(alternation(words("not_quantities.tsv")))
    links = [word for word, role in table("name_words.tsv", 2) if role in ("link", "aux")]
    directions = {word: direction for word, direction, _ in table("directions.tsv", 3)}
    direction_verbs = [word for word, _, part in table("directions.tsv", 3) if part == "verb"]
    status_cues = mapping("status_cues.tsv")
    modals = [word for word, status in status_cues.items() if status == "modal"]
    # the times extractor's words (今年, 全年, 上半年) and 年内, which it does not resolve
    time_words = [row[0] for row in (*table("relative_times.tsv", 3), *table("time_parts.tsv", 2))] + ["年内"]
    return {
        "units": units,
        # a count at the start of a clause part (1596个|“千项万亿”重大项目完成投资…)
        "count_start": regex.compile(
            rf"^\d[\d.,]*[万亿]?(?:{alternation(u for u, kind in units.items() if kind == 'counter')})"
        ),
        "ordinal_counters": mapping("ordinal_counters.tsv"),
        # qualifiers that are verbs, left out of the quantity's span
        "verb_qualifiers": frozenset(w for w, position in qualifiers if position == "verb"),
        "qualifiers": qualifiers,
        # the rule each pattern gives its records: 5.2%, 百分之五, 三成
        "patterns": {"quantity": pattern, "percent_words": percent_words, "tenths": tenths},
        "not_quantities": not_quantities,
        # words that begin with a counter without being one (人民, 人口)
        "not_units": regex.compile(alternation(words("not_units.tsv"))),
        "directions": directions,
        "direction_re": regex.compile(f"(?:{alternation(directions)})"),
        # a name drops a direction verb at its end (国内生产总值|增长), keeps a rate (…涨幅)
        "direction_end": regex.compile(f"(?:{alternation(direction_verbs)})(?:了)?$"),
        "link_end": regex.compile(f"(?:{alternation(links)})$"),
        # a direction verb with its complement: 扩大到, 下降至
        "direction_to": regex.compile(f"(?:{alternation(direction_verbs)})(?:到|至)$"),
        # a time before the link (国民收入1987年|达到, 教育支出五年|累计, 连续9年|稳定在): the
        # time words of the times extractor, a year, or a number of years
        "time_end": regex.compile(
            rf"(?:\d{{4}}年(?:底|末|初)?|[今去明本]?(?:{alternation(time_words)})|(?:连续|比前|比上一个|由前)?"
            r"(?<![\d〇零一二两三四五六七八九十])(?:\d{1,2}|[一二两三四五六七八九十]{1,2})年(?:来|间|内)?)$"
        ),
        "status_cues": status_cues,
        "status_re": regex.compile(
            # 去年GDP增长8.5%: a past period reports a result; 比去年增长 only compares.
            # First, so that 今年以来 (achieved) wins over 今年 (target) at one position
            f"(?<![比较同于从由])(?:{alternation(w for w, s in status_cues.items() if s == 'achieved')})|"
            + alternation(word for word, status in status_cues.items() if status not in ("modal", "achieved"))
            # 每年要增长, 将达到: a modal right before a direction or link verb plans a value;
            # 只要降低… (if only) is a condition
            + f"|(?<![只主需重必])(?:{alternation(modals)})"
            + f"(?=(?:{alternation([*direction_verbs, *(w for w in links if len(w) > 1)])}))"
        ),
    }


def _qualifier_inside_word(text: str, match) -> bool:
    """Whether a one-character qualifier before the number is the end of a common word
    (节约, 最近, 赶超) as jieba cuts the characters around it; rare words of jieba's
    dictionary (费约 in 降费约1.3万亿元) do not count."""
    before = match.groupdict().get("before")
    if not before or len(before) != 1 or match.start() == 0:
        return False
    window_start = max(0, match.start() - 4)
    position = window_start
    for token in cut(text[window_start : match.end("before") + 2]):
        if position < match.start() < position + len(token):  # the token runs across it
            return word_frequency(token) >= _COMMON_WORD_FREQUENCY
        position += len(token)
    return False


def _value(numeral: str, qualified: bool = False, magnitude: str = "") -> Decimal | None:
    """Value of one numeral with the magnitude word after it; Chinese numerals must look
    like numbers: not 一 alone, and not a bare 千 or 万 unless a qualifier vouches for it
    (近千公里). A Chinese numeral takes its magnitude as one more numeral character:
    二十五亿七千(多)万 is 二十五亿 and 七千万."""
    if numeral[0].isdigit():
        return parse_number(numeral + magnitude)  # 1亿3千 + 万: the 万 scales the 3千 only
    if numeral in ("零", "〇", "○"):
        return None  # 零门槛, 零支付: zero before a word is no count
    if numeral == "一" and not qualified:
        return None
    if _DIGITS_ONLY.fullmatch(numeral):
        return None  # 一一列举: not a count
    if not (_CHINESE_DIGIT.search(numeral) or numeral[0] == "十" or qualified):
        return None
    return parse_chinese(numeral + magnitude)


def _quantity_values(groups, qualified: bool) -> tuple[Decimal | None, Decimal | None]:
    """Value and upper value of a matched quantity, without its sign.

    A magnitude word written once, after the high end of a range, applies to both
    ends (两到三万元, 5—6万人, 一百二十到一百五十万元) unless the low end read with it
    would pass the high end (从8500到3万元: 8500 to 30000); an end with its own
    magnitude word keeps it (1万元--5万元, 九千万至九千二百万吨).
    """
    numeral, high_numeral = groups["num"], groups.get("num2")
    magnitude = groups.get("mag") or ""
    if not high_numeral:
        magnitude = magnitude or groups.get("mag1") or ""
        value, value_max = _rough_range(numeral, magnitude)
        if value is None:
            value = _value(numeral, qualified=qualified, magnitude=magnitude)
        return value, value_max
    high = _value(high_numeral, magnitude=magnitude)
    if groups.get("mag1"):
        return _value(numeral, qualified=True, magnitude=groups["mag1"]), high
    low = _value(numeral, qualified=True)
    if low is None or high is None or _has_magnitude(numeral):
        return low, high
    if high_numeral[0].isdigit():
        scale = magnitude
    else:
        scale = range_scale(numeral, high_numeral)
    scaled = _value(numeral, qualified=True, magnitude=scale) if scale else None
    return (scaled if scaled is not None and scaled <= high else low), high


def _is_minus(text: str, match) -> bool:
    """Whether the sign before the number is a minus: not the 负 that ends a common
    word with the character before it (减负370亿元, 税负, 辜负)."""
    sign = match.groupdict().get("sign")
    if not sign:
        return False
    position = match.start("sign")
    if sign != "负" or position == 0:
        return True
    return word_frequency(text[position - 1 : position + 1]) < _COMMON_WORD_FREQUENCY


def _is_vague(text: str, match) -> bool:
    """数十个, 几十亿元, 一百几十亿元: 数 or 几 right before a bare 十, 百 or 千 makes a vague
    amount, not 10 or 1e9 (人数120万人 keeps its number)."""
    numeral_start = match.start("num")
    return text[numeral_start - 1 : numeral_start] in ("数", "几") and match.group("num")[0] in "十百千万亿"


def _has_magnitude(numeral: str) -> bool:
    """Whether a Chinese numeral carries its own magnitude word (九千万, 八十万)."""
    return not numeral[0].isdigit() and any(word in numeral for word in "万亿")


def _begins_other_word(text: str, unit_start: int, unit_end: int) -> bool:
    """Whether the counter at ``unit_start`` is the start of a longer word of
    not_units.tsv (人民, 人口, 家庭); a longer unit that holds such a word (人民币) is
    a unit."""
    word = _lexicon()["not_units"].match(text, unit_start)
    return word is not None and word.end() > unit_end


def _rough_range(numeral: str, magnitude: str) -> tuple[Decimal | None, Decimal | None]:
    """两三 (2 to 3), 三五 (3 to 5), 二三百 (200 to 300): two digits side by side give a
    rough range, not 23.

    Example:
        >>> _rough_range("两三", ""), _rough_range("四五万", ""), _rough_range("二十", "")
        ((Decimal('2'), Decimal('3')), (Decimal('40000'), Decimal('50000')), (None, None))
    """
    rough = _ROUGH_RANGE.fullmatch(numeral)
    if not rough:
        return None, None
    low, high = (digit + rough.group("scale") for digit in rough.group("pair"))
    return _value(low, qualified=True, magnitude=magnitude), _value(high, qualified=True, magnitude=magnitude)


class IndicatorExtractor:
    """Finds quantities with their unit, qualifier, name, direction and status."""

    name = "indicators"

    def __call__(self, context: Context) -> list[Indicator]:
        lexicon = _lexicon()
        text = context.text
        blocked = Spans(m.span() for m in lexicon["not_quantities"].finditer(text))
        # the matches of all patterns in text order, so that each knows where the quantity
        # before it ends (sorted() is stable: at one start the patterns keep their order)
        matches = sorted(
            ((rule, m) for rule, pattern in lexicon["patterns"].items() for m in pattern.finditer(text)),
            key=lambda pair: pair[1].start(),
        )
        found = []
        previous_end = 0
        for rule, match in matches:
            records = self._record(context, match, blocked, rule, previous_end)
            if records:
                previous_end = max(previous_end, match.end())
            found.extend(records)
        return sorted(found, key=lambda r: (r.start, r.end))

    def _record(self, context: Context, match, blocked: Spans, rule: str,
                previous_end: int = 0) -> list[Indicator]:
        lexicon = _lexicon()
        groups = match.groupdict()
        start, end = match.span()
        if _qualifier_inside_word(context.text, match):
            groups["before"], start = None, match.end("before")  # 节约|二千八百亿元
        unit = groups.get("unit")
        if unit is None:
            unit = "‰" if groups.get("fraction") == "千分之" else "%"
        number_start = match.start("num")
        if (
            blocked.overlaps(number_start, end)
            or context.quoted.covering(number_start)
            or context.titled.covering(number_start)
        ):
            return []
        if groups.get("unit") and _begins_other_word(context.text, match.start("unit"), match.end("unit")):
            return []  # 六万万人民, 11亿人口: the counter begins a word
        qualified = bool(groups.get("before")) or lexicon["units"].get(unit) == "percent"
        value, value_max = _quantity_values(groups, qualified)
        if value is None or self._is_ordinal(context, match, unit) or _is_vague(context.text, match):
            return []
        if groups.get("num2") and value_max is None:
            return []
        if abs(value) > MAX_VALUE or (value_max is not None and abs(value_max) > MAX_VALUE):
            return []  # 9999…9亿元: a run of digits or magnitude words, not a quantity
        if rule == "tenths":
            value = value * 10 + (5 if groups.get("half") else 0)
        elif groups.get("half"):
            value += Decimal("0.5")
        signed = lexicon["units"].get(unit) in _SIGNED_KINDS
        if _is_minus(context.text, match) and signed:
            value = -value  # 下降-0.3%: the text's own sign, not turned by the verb
        elif groups.get("sign") and not groups.get("before"):
            start = number_start  # 减负370亿元, 歼-20架: 负 ends a word, a dash before a count
        if groups.get("sign2") and value_max is not None and signed:
            value_max = -value_max
        qualifier = self._qualifier(groups)
        name, names, name_rule = self._names(context, start, end, unit, previous_end)
        name, names = _clean_name(name), names and [n for n in map(_clean_name, names) if n]
        direction = self._direction(context, start)
        status = self._status(context, start)
        if groups.get("before") in lexicon["verb_qualifiers"]:
            start = match.end("before")  # 控制在4.5%以内: the verb is not part of the quantity
        ostart, oend, otext = context.original(start, end)
        return [
            Indicator(ostart, oend, otext, value, unit, qualifier, n, value_max, direction, status,
                      indicator=canonical_indicator(n), rule=f"{rule}/{name_rule if n else 'unnamed'}")
            for n in (names or [name])
        ]

    @staticmethod
    def _is_ordinal(context: Context, match, unit: str) -> bool:
        """二期工程, 机场三期, 七次全委会: a Chinese numeral with 期 (or with 次/届 before a
        noun) names a phase or a session; so does one after 届 (十一届三次、四次全会) and a
        lone 二, which counts nothing (a count says 两): 二轮延包, 二回线路."""
        when = _lexicon()["ordinal_counters"].get(unit)
        if match.group("num")[0].isdigit() or when is None:
            return False
        if when == "always" or match.group("num") == "二":
            return True
        if when == "after_two":
            return False
        if context.text[max(0, match.start("num") - 1) : match.start("num")] == "届":
            return True
        following = context.text[match.end() : match.end() + 6]
        if not _HAN.match(following):
            return False
        return word_role(cut(following)[0]) != "verb"  # 两次降低…: a count of actions

    @staticmethod
    def _qualifier(groups) -> str | None:
        lexicon = _lexicon()
        qualifiers = lexicon["qualifiers"]
        order = (("before", ("before", "verb")), ("inside_before_magnitude", ("inside",)),
                 ("inside", ("inside",)), ("after", ("after",)))
        if groups.get("before") in lexicon["verb_qualifiers"] and groups.get("after"):
            order = order[1:]  # 控制在15%左右: the word after the number says more than the verb
        for group, positions in order:
            word = groups.get(group)
            if word:
                return next(qualifiers[(word, p)] for p in positions if (word, p) in qualifiers)
        return None

    def _names(self, context: Context, start: int, end: int, unit: str, previous_end: int = 0):
        """The name of what is measured, and the names a shared value is given to."""
        text = context.text
        before = text[context.clause_start(start) : start]
        # the names a value shares stand after the quantity before it (收入和支出均增长5%|收入…)
        own = before[max(0, previous_end - (start - len(before))) :]
        shared = _SHARED.search(_lexicon()["direction_end"].sub("", own))
        if shared and _LIST_JOINER.search(own[: shared.start()]):
            names = _list_names(own[: shared.start()])
            if len(names) > 1:
                return names[0], names, "shared"
        distributed = _distributed_name(before)
        if distributed:
            return distributed, None, "distributed"
        # 155条社情民意信息; 发行1400亿元(的)长期建设国债: a count, or an amount that is
        # the object of a verb, measures the noun phrase after it
        lexicon = _lexicon()
        kind = lexicon["units"].get(unit)
        after = text[end : context.clause_end(end)]
        # 两次降低存款准备金率: a count of actions (次 before a verb) counts the verb phrase
        action = _action_after(after) if lexicon["ordinal_counters"].get(unit) == "before_noun" else None
        if action:
            return action, None, "action"
        # …18公里供水管网和|19公里城市道路: in a list of amounts each names what follows it
        in_list = before[-1:] in _JOINERS
        if kind == "counter" or (kind in ("currency", "measure") and (in_list or _ends_with_verb(before))):
            # 1400亿元的国债, 30万千瓦级煤电机组
            named = _name_after(after if kind == "counter" else _AMOUNT_OF.sub("", after))
            if named:
                return named, None, "name_after"
        return _name_before(before), None, "name_before"

    @staticmethod
    def _direction(context: Context, start: int) -> str | None:
        """The direction word nearest before the quantity in its clause (分别增长5%、6%:
        both up)."""
        window = context.text[context.clause_start(start) : start]
        compared = _COMPARED.search(window)
        if compared:  # 比去年预算高0.2个百分点
            return "up" if compared.group(1) in "高多" else "down"
        hits = list(_lexicon()["direction_re"].finditer(window))
        if not hits or _ANOTHER_ITEM.search(window, hits[-1].end()):
            return None  # 增至14条、运营里程580公里: the direction word belongs to the item before
        direction = _lexicon()["directions"][hits[-1].group()]
        return None if direction == "none" else direction

    @staticmethod
    def _status(context: Context, start: int) -> str:
        sentence_start, sentence_end = context.sentence_bounds(start)
        cue_re = _lexicon()["status_re"]
        cues = {m.group() for m in cue_re.finditer(context.text, sentence_start, sentence_end)}
        estimate = "预计" in cues and "今年" not in cues
        role = context.role_at(start)
        # the section says what a quantity is: a review reports, targets and tasks plan
        if role == "review":
            return "estimated" if estimate else "achieved"
        nearest = _nearest_status_cue(context, start, sentence_start, sentence_end)
        if role in ("targets", "tasks"):
            # …a plan that looks back first: 五年来，我国领导人访问了46个国家
            looks_back = nearest and _lexicon()["status_cues"].get(nearest[0]) == "achieved"
            return "achieved" if looks_back and nearest[2] else "target"
        # elsewhere (a news article, a report without parts) plans and results stand side
        # by side: the cue nearest to the quantity says which it is
        if nearest is not None:
            cue, scope_cues, _ = nearest
            status = _lexicon()["status_cues"].get(cue, "target")
            if status == "estimated":
                return "target" if "今年" in scope_cues else "estimated"
            return "achieved" if status == "achieved" else "target"
        if _names_future_year(context, sentence_start, start):
            return "target"
        return "achieved"


def _nearest_status_cue(context: Context, start: int, sentence_start: int, sentence_end: int):
    """The status cue that governs the quantity at ``start``, the cues of its scope, and
    whether it stands in the quantity's own clause.

    The quantity's own clause comes first (the last cue before the quantity, else the
    first after it), then the clauses before it in the sentence (nearest first),
    then those after it: ``去年增长8.5%，今年预期增长6%`` gives 8.5% 去年 and 6% 预期.
    """
    statuses = _lexicon()["status_cues"]
    found = _lexicon()["status_re"].finditer(context.text, sentence_start, sentence_end)
    cues = [(m.start(), m.group()) for m in found]
    if not cues:
        return None
    clause_start, clause_end = context.clause_start(start), context.clause_end(start)
    own = [cue for cue in cues if clause_start <= cue[0] < clause_end]
    before = [cue for cue in own if cue[0] < start] or [cue for cue in cues if cue[0] < clause_start]
    if before:
        scope = [word for position, word in before if position >= context.clause_start(before[-1][0])]
        return before[-1][1], set(scope), before[-1][0] >= clause_start
    # a past period after the quantity is another clause's (抓好1000户，去年已经…)
    later = [cue for cue in cues if cue[0] >= clause_end and statuses.get(cue[1]) != "achieved"]
    after = [cue for cue in own if cue[0] >= start] or later
    if not after:
        return None
    scope = [word for position, word in after if position < context.clause_end(after[0][0])]
    return after[0][1], set(scope), after[0][0] < clause_end


@cached_per_lexicons
def _aliases():
    ids = {}
    for indicator, aliases in table("indicators.tsv", 2):
        for alias in aliases.split("、"):
            ids[alias] = indicator
    return ids, regex.compile(alternation(ids))


def canonical_indicator(name: str | None) -> str | None:
    """The id of the recurring indicator a name stands for: that of the longest alias
    it contains.

    Example:
        >>> canonical_indicator("单位国内生产总值能耗"), canonical_indicator("全省生产总值")
        ('energy_intensity', 'gdp')
    """
    if not name:
        return None
    ids, pattern = _aliases()
    found = pattern.findall(_WHITE_SPACE.sub("", name), overlapped=True)
    return ids[max(found, key=len)] if found else None


_CARRY_MARKS = "。!?;\n"  # a name is carried within a sentence, not across a ；
_RATE_KINDS = frozenset({"percent", "multiple"})


def carry_names(context: Context, records) -> list[Indicator]:
    """A quantity without a name of its own (国内生产总值超过126万亿元，增长5.2%) measures
    what the quantity before it in the same sentence measures.

    The pipeline runs this attribution step after it has settled the overlaps between
    record types, on the indicators in text order.
    """
    kinds = _lexicon()["units"]
    out, last_name, last_kind, last_sentence = [], None, None, None
    for record in records:
        start = context.view.position(record.start)
        sentence = sentence_bounds(context.text, start, marks=_CARRY_MARKS)
        if sentence != last_sentence:
            last_name, last_sentence = None, sentence
        kind = kinds.get(record.unit)
        # a rate may measure the amount next to it (投资90亿元，增长5%); a count after an
        # amount of money, or the other way round, measures something else (投资90亿元，完成1.8万户)
        carries = kind == last_kind or {kind, last_kind} & _RATE_KINDS
        if record.name is None and last_name is not None and carries:
            record = dataclasses.replace(record, name=last_name, indicator=canonical_indicator(last_name),
                                         rule=record.rule.replace("/unnamed", "/carried"))
        if record.name:
            last_name, last_kind = record.name, kind
        out.append(record)
    return out


_BY_YEAR = regex.compile(r"(?:到|至|在)(\d{4}|[〇零一二三四五六七八九]{4})年")


def _names_future_year(context: Context, start: int, end: int) -> bool:
    """到2025年…, 到一九八五年…: a year after the report's own sets a target."""
    if context.reference_year is None:
        return False
    years = [parse_year(m.group(1)) for m in _BY_YEAR.finditer(context.text, start, end)]
    return any(year > context.reference_year for year in years)


def _list_names(phrase: str) -> list[str]:
    """Names of a list (A、B和C), each trimmed."""
    parts = _LIST_JOINER.split(phrase)
    names = [_trim_name(part) for part in parts]
    if names and len(names[-1]) > 1 and len(names) > 1:
        names[0] = _name_before(parts[0]) or names[0]
    return [n for n in names if n]


def _distributed_name(before: str) -> str | None:
    """In ``A、B分别增长5%、6%`` the n-th value belongs to the n-th name."""
    marker = before.rfind("分别")
    if marker < 0:
        return None
    names = _list_names(_COMPARISON.split(before[:marker])[0])
    values = before[marker:]
    first_digit = _VALUE_START.search(values)
    index = len(_LIST_JOINER.findall(values[first_digit.start() :])) if first_digit else 0
    return names[index] if len(names) > 1 and index < len(names) else None


def _trim_name(phrase: str) -> str:
    """Drop link words at the end and lead words at the start of a name phrase."""
    tokens = [t for t in cut(phrase) if t.strip()]
    while tokens and word_role(tokens[-1]) == "link":
        tokens.pop()
    while tokens and word_role(tokens[0]) in ("lead", "link"):
        tokens.pop(0)
    return "".join(tokens)


def _name_before(before: str) -> str | None:
    """The name in the clause part before the number, or None when it names nothing
    (增长, 拟按, 比上年增加).

    The name ends where the link words before the number (达到, 提高到, 拟按) start,
    and starts after the last verb that leaves a name of two characters or more
    holding a noun (开展|协商议政活动); verbs inside a compound stay (科技创新投入).
    """
    if _ENDS_WITH_VALUE.search(before):
        return None  # 全区96户177人: the name is the subject of the first value
    after_last_value = _AFTER_LAST_VALUE.split(before)[-1]
    subject = _COMPARISON.split(after_last_value)[0]
    if not subject.strip() and subject != after_last_value:
        return None  # 比上年增加…: the name is the subject of the sentence
    subject = _NOT_NAME_START.sub("", _lexicon()["count_start"].sub("", _strip_links(subject)))
    tokens = [t for t in cut(subject) if t.strip()]
    while tokens and word_role(tokens[-1]) == "link":
        tokens.pop()
    cuts = [i + 1 for i, t in enumerate(tokens) if word_role(t) in ("verb", "aux") or t in _JOINERS]
    for cut_at in [*reversed(cuts), 0]:
        phrase = tokens[cut_at:]
        while phrase and (word_role(phrase[0]) in ("lead", "link") or phrase[0] in _JOINERS):
            phrase = phrase[1:]
        # 移动电话用户|由, 物价涨幅|要|从: an adverb, preposition, conjunction or link word
        # does not end a name
        while len(phrase) > 1 and (word_tag(phrase[-1]) in _FUNCTION_TAGS or word_role(phrase[-1]) == "link"):
            phrase = phrase[:-1]
        name = "".join(phrase)
        # the whole phrase may be all verbs by jieba's tags (提案, 委员参与)
        if len(name) >= 2 and (cut_at == 0 or any(word_role(t) == "noun" for t in phrase)):
            return name
    return None


def _strip_links(phrase: str) -> str:
    """Drop the direction verb right before the number (国内生产总值|增长), then link
    phrases (预期目标为, 扣除物价因素, 平均每年) at the end of ``phrase``; a direction
    word before a link is part of the name (经济增长|预期目标为)."""
    phrase = _PER_UNIT_END.sub("", phrase)
    phrase = _lexicon()["direction_end"].sub("", _lexicon()["direction_to"].sub("", phrase))
    link_end = _lexicon()["link_end"]
    while True:
        link = link_end.search(phrase)
        if link and len(link.group()) == 1 and _ends_word(phrase, link.start()):
            return phrase  # 主业投资占比: 比 ends the word 占比, it links nothing
        shorter = _lexicon()["time_end"].sub("", link_end.sub("", phrase))
        if shorter == phrase:
            return phrase
        phrase = shorter


def _ends_word(text: str, position: int) -> bool:
    """Whether the character at ``position`` ends a common noun with the one before it
    (占比, not 已有)."""
    word = text[max(0, position - 1) : position + 1]
    return len(word) == 2 and word_frequency(word) >= _COMMON_WORD_FREQUENCY and word_role(word) == "noun"


def _clean_name(name: str | None) -> str | None:
    """A name without the markup some texts carry at its edges (`地区生产总值, “四好农村路”**)."""
    return (name or "").strip(_MARKUP) or None


def _ends_with_verb(before: str) -> bool:
    """Whether the clause part before a quantity ends with a verb that takes it as its
    object (发行|1400亿元, 形成|3.28万亿元, 完成|15万平方米); direction verbs (增长5%)
    and one-character links (有, 为) do not."""
    tail = before[-8:]
    if not tail or not _HAN.match(tail[-1]) or _lexicon()["direction_end"].search(tail):
        return False
    last = cut(tail)[-1]
    # 完成|15万平方米老旧小区改造: a link verb takes the amount as its object too (not 有, 为)
    return word_role(last) in ("verb", "aux") or (word_role(last) == "link" and len(last) > 1)


def _action_after(after: str) -> str | None:
    """What a count of actions counts: the verb phrase after it up to the next mark
    (两次|降低存款准备金率、两次下调政策利率), when it is short."""
    phrase = _ACTION.match(after)
    if not phrase or word_role(cut(phrase.group())[0]) != "verb" or len(phrase.group()) > 10:
        return None
    return phrase.group()


def _name_after(after: str) -> str | None:
    """The noun phrase right after a quantity (155条社情民意信息, 206个“两重”项目)."""
    if not _HAN.match(after.lstrip("“‘\"")):
        return None
    phrase = []
    for token in cut(after[:20]):
        if token in _QUOTES:  # 206个“两重”项目
            phrase.append(token)
            continue
        if not _HAN_WORD.fullmatch(token) or word_role(token) != "noun":
            break
        phrase.append(token)
    # 县级医院和…: the list goes on past the clause part; a quote left open ends nothing
    while phrase and (phrase[-1] in _JOINERS or phrase[-1] in _QUOTES):
        phrase.pop()
    name = "".join(phrase)
    if name.count("“") > name.count("”"):  # 高校“双一流…: the quote closes past the phrase
        name = name[: name.rindex("“")]
    return name or None
