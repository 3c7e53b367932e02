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

import bisect
import dataclasses
import itertools
import re
from decimal import Decimal

import regex

from ..lexicons import alternation, cached_per_lexicons, mapping, table, words
from ..numerals import (
    MIXED_NUMERAL,
    ROUGH_PAIRS,
    chinese_numeral_chars,
    high_place_pattern,
    high_places,
    magnitudes,
    numeral_digits,
    parse_chinese,
    parse_number,
    parse_year,
    range_scale,
)
from ..records import Indicator
from ..segment import cut, is_idiom, is_noun, word_frequency, word_role, word_tag
from .base import Context, Spans, Word, group_values

_ARABIC = MIXED_NUMERAL + r"(?=\p{Han})|\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# 20-100个, and 20 - 100个 with one space on each side of the dash
_RANGE_SEPARATOR = r"(?:[-~—–―]{1,2}| [-~—–―]{1,2} |至|到)"
# a minus before a number (增速-3.8%, 增长负3.9%, 负三十二元); a dash is a range separator, never
# a sign
_SIGN = r"[-−负]"
# 零下 (below zero) is a minus too: 气温零下5摄氏度 is -5, never 5
_BELOW_ZERO = "零下"
# a sign follows a word or a mark, never a number or a percent (5%-6个百分点 is no minus)
_SIGN_AFTER = r"(?<=^|[\p{Han}\s,，:：;；(（、])"
# kinds of unit whose value may be below zero: a rate or an amount of money
_SIGNED_KINDS = frozenset({"percent", "currency", "measure"})  # 负0.2千米, 海拔-154米, -5℃
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
_MARKUP = "`*#_~| \u3000"  # Markdown and layout characters around a name
_WHITE_SPACE = regex.compile(r"\s+")
_VALUE_START = regex.compile(r"[\d零〇一二两三四五六七八九十百]")
# a value right after a direction word (增至14条, 增长了5%), not a name (年增|销售收入12亿元)
_VALUE_AFTER_DIRECTION = regex.compile(r"\P{Han}{0,2}\p{Han}?" + _VALUE_START.pattern)
# (patterns without \p{…} classes that are tried for every quantity or token are compiled
# with re, which matches a plain pattern in about half of regex's time)
_SHARED = re.compile(r"(?:均为|均达到|均达|都是|都为|均是|均)$")
# the tokens of a name's chunker (see _kind): words that join the parts of a name
# (问题和困难, 首店、旗舰店); quote marks, brackets (入园(班)率) and the + of formula names
# kept inside a name
_JOINING_WORDS = frozenset({"、", "和", "及", "与", "或", "以及"})
_INSIDE_MARKS = frozenset("“”‘’\"+()")
_DIGIT = regex.compile(r"\d")
_WORD_CHARACTER = regex.compile(r"[\p{Han}\p{Latin}\d]")
_LATIN = regex.compile(r"\p{Latin}")
_MAGNITUDE_WORDS = frozenset("万亿")
# a list counted by a numbered grouping: 新型材料、绿色食品|五大产业增加值 is not one name
_NUMBERED_GROUP = re.compile(r"[一二两三四五六七八九十]+[大个项类]")
# a unit of reference before the number (粮食单产达到每亩420公斤)
_PER_UNIT = regex.compile(r"每\p{Han}{1,2}")
# 每人每年 as one token: a per-unit frame that stays inside a name (国家助学贷款每人每年最高额度)
# and never is one alone (补助标准提高到每人每年|240元)
_PER_UNIT_PAIR = regex.compile(r"(?:每\p{Han}{1,2}){2}")
# how far back a time glued to a name is looked for (五年|内二产)
_LONGEST_TIME_BEFORE = 4
# tokens dropped from the end of a name, and what a name never starts with
_NOT_NAME_END = frozenset({"link", "direction", "time", "function", "lead", "joiner", "etc", "of",
                           "compare", "stop", "number", "modifier"})
_NOT_NAME_START = frozenset({"link", "direction", "function", "lead", "joiner", "etc", "of", "stop"})
# words a compound name holds between its nouns (研发|投入|强度, 中央对地方|均衡性转移支付)
_INSIDE_COMPOUND = frozenset({"verb", "function", "direction", "of"})
_NOUN_LIKE = frozenset({"noun", "quote", "modifier", "amount"})
# the longest link or direction phrase jieba cuts in pieces (稳定|在, 扣除|物价|因素|后)
_LONGEST_LINK = 4
# the most verbs a compound holds between its nouns (一般公共|预算 支出|规模), and the
# most words of the head they qualify (研发|投入|强度; 省内|转化|重大科技成果 is a clause)
_LONGEST_RUN = 2
_LONGEST_HEAD = 1
# what stands right before a percentage that is a value reached, not a share (达到|20%的…)
_NOT_SHARE_BEFORE = frozenset({"link", "direction", "compare", "compare_of", "modifier", "function"})
# the verb of a share: 出口规模|占|全国比重
_SHARE = "占"
# what follows a direction verb before the number (提高|至2.49%, 增加|到, 下降|了)
_DIRECTION_COMPLEMENTS = frozenset({"到", "至", "了"})
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
    chinese = rf"[{numeral_chars}]+(?:{high_place_pattern()})?(?:点[{numeral_chars}]+)?"
    digit = rf"(?:[1-9]|[{regex.escape(''.join(sorted(numeral_digits())))}])(?!\d)"
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
    # a unit written as a numeral character (两, fifty grams) is one only where no Han
    # character follows it: 二两, 三千两百两, but 昌九两地 and 四两拨千斤 are no 九两, 四两
    numeral_units = [u for u in units if all(ch in chinese_numeral_chars() for ch in u)]
    # (两两 is pairwise: the weight is written 二两)
    numeral_unit_end = (rf"(?!(?<={alternation(numeral_units)})\p{{Han}})"
                        + "".join(rf"(?<!{regex.escape(u + u)})" for u in numeral_units))
    # 20个比特币: a currency counted in pieces is still the currency (a one-character one
    # is not: 两个元宝)
    currency_words = alternation(u for u, kind in units.items() if kind == "currency" and len(u) > 1)
    counted_currency = rf"(?:个(?={currency_words}))?"
    pattern = regex.compile(
        rf"(?P<before>{alternation(before)})?"
        # (no number starts inside another: 一兆五元 is no 五元, as 兆 with no 亿 after it is unread)
        rf"(?<![\d.\p{{Latin}}{numeral_chars}{regex.escape(''.join(high_places()))}第+])(?:{_SIGN_AFTER}(?P<sign>{_SIGN}(?=\d)|负(?=[{numeral_chars}])|{_BELOW_ZERO}(?=[\d{numeral_chars}])))?"
        rf"(?P<num>{number})(?P<mag1>{magnitude})?(?:{unit_of_both_ends})?"
        rf"(?:(?P<sep>{_RANGE_SEPARATOR}){second_sign}(?P<num2>{number}))?"
        rf"(?P<inside_before_magnitude>{alternation(inside)})?(?P<mag>{magnitude})?"
        rf"(?P<inside>{alternation(inside)})?{counted_currency}(?P<unit>{alternation(units)})(?!\+)(?!(?<=\p{{Latin}})[\p{{Latin}}\d²³])"
        rf"{numeral_unit_end}"
        rf"(?:(?<=(?:{half_units}))(?P<half>半))?"
        # 五元三毛, 50元6角三分, 两美元又三美分: the smaller coins after the amount
        rf"(?:(?<=[元块])(?P<jiao>{digit})[角毛](?:(?P<fen>{digit})分)?|(?<=美元)又?(?P<cents>{number})美分)?"
        rf"(?P<after>{alternation(after)})?"
    )
    # 百分之五, 千分之三 (‰), 万分之三 and 百万分之五 (in %); not 五百分之二 (a five-hundredth)
    unit_chars = regex.escape("".join(u for u in chinese_numeral_chars() if (parse_chinese(u) or 0) >= 10))
    fraction = rf"(?<![{numeral_chars}])[{unit_chars}]+分之"
    percent_words = regex.compile(
        rf"(?P<before>{alternation(before)})?(?P<fraction>{fraction})(?P<num>{chinese}|{_ARABIC})"
        rf"(?:(?P<sep>{_RANGE_SEPARATOR})(?:{fraction})?(?P<num2>{chinese}|{_ARABIC}))?"
        rf"(?P<after>{alternation(after)})?"
    )
    # an amount after a currency symbol ($20, ￥300, €1.5亿); with a unit after it too
    # (￥300元) the quantity pattern reads it
    symbols = alternation(u for u, kind in units.items() if kind == "currency" and not _HAN.search(u))
    symbol_amount = regex.compile(
        rf"(?P<unit>{symbols})(?>(?P<num>{_ARABIC})(?P<mag>{magnitude})?)(?![\d.]|\p{{Latin}}|{alternation(units)})"
    )
    # an amount or a range after a currency word (注册资本人民币5000万, 港元3亿, 日元100,
    # 日元100万至200万): ending in a magnitude word or its phrase (not 人民币1年期); with a unit after it
    # (人民币500元) the quantity pattern reads it and takes the currency before; a currency
    # word right after a number is that number's unit (4人民币5美元). Every currency of
    # units.tsv named in two or more Han characters is its own unit there, save the few
    # currency_prefixes.tsv maps (人民币5000万 is in 元)
    currency_prefixes = {unit: unit for unit, kind in units.items()
                         if kind == "currency" and len(unit) > 1 and regex.fullmatch(r"\p{Han}+", unit)}
    currency_prefixes |= mapping("currency_prefixes.tsv")
    magnitude_chars = regex.escape("".join(sorted(set("".join(magnitudes())))))
    currency_prefix = regex.compile(
        rf"(?<![\d{numeral_chars}])(?P<prefix>{alternation(currency_prefixes)})"
        rf"(?P<before>{alternation(before)})?"
        rf"(?P<num>{number})(?P<mag1>{magnitude})?(?:(?P<sep>{_RANGE_SEPARATOR})(?P<num2>{number}))?(?P<mag>{magnitude})?"
        rf"(?![\d.\p{{Latin}}]|{alternation(units)})(?:(?<=[{magnitude_chars}])|(?!\p{{Han}}))"
    )
    # 三成 (30%), 9成, 9.5成, 三成半 (35%), 八点五成, 十成, 半成 (5%); not 一成不变, 成立, 250成都
    tenths = regex.compile(
        rf"(?P<before>{alternation(before)})?"
        rf"(?P<num>(?<![点點一二三四五六七八九十两兩])"  # 八點五成 is not 五成
        rf"(?:[二两三四五六七八九]点[一二三四五六七八九]|[二两三四五六七八九十半])|(?<![\d.])(?:10|\d(?:\.\d+)?))"
        rf"成(?P<half>半)?(?![立为果员就效本品熟长功都自交型绩年])(?P<after>{alternation(after)})?"
    )
    # a discount (打八折 -> 80%, 七五折 -> 75%, 9.5折 -> 95%, 对折 -> 50%); not 一波三折, 百折不挠,
    # 七折八扣, 折合, 折旧
    discount = regex.compile(
        r"(?P<num>(?<![波百千万曲转挫周骨夭点點一二两兩三四五六七八九十])"
        r"(?:[一二两三四五六七八九](?:点?[一二三四五六七八九])?|对|半)|(?<![\d.])\d{1,2}(?:\.\d)?)"
        r"折(?![合旧算射返腾叠价线让扣八不])"
    )
    # (plain alternations of words are compiled with re, which matches them in half of regex's time)
    not_quantities = re.compile(alternation(words("not_quantities.tsv")))
    links = [word for word, role in table("name_words.tsv", 2) if role in ("link", "aux")]
    directions = {word: direction for word, direction, _ in table("directions.tsv", 3)}
    direction_verbs = [word for word, _, part in table("directions.tsv", 3) if part == "verb"]
    status_cues = mapping("status_cues.tsv")
    modals = [word for word, status in status_cues.items() if status == "modal"]
    # the times extractor's words (今年, 全年, 上半年) and 年内, which it does not resolve
    time_words = [row[0] for row in (*table("relative_times.tsv", 3), *table("time_parts.tsv", 2))] + ["年内"]
    chunks = table("name_chunks.tsv", 2, 3)
    return {
        # how the name chunker reads a word: compare, relative, whole, amount, modifier, measure, split
        "chunk_kinds": {word: frozenset(kinds.split(",")) for word, kinds, _ in chunks},
        "splits": {word: expansion.split("、") for word, kinds, expansion in chunks if "split" in kinds},
        "measures": tuple(word for word, kinds, _ in chunks if "measure" in kinds.split(",")),
        # what a number leaves behind it among the tokens (2023|年, 10亿元|以上, 30多|个), and
        # what makes it a date (1987|年)
        "number_tail": regex.compile(
            f"(?:{alternation(w for w, kinds, _ in chunks if 'number_tail' in kinds.split(','))})+"
        ),
        "date_words": frozenset(w for w, kinds, _ in chunks if "date" in kinds.split(",")),
        # verbs our lexicon says end a name (发放, 培育, 新开通): they govern a phrase, never
        # sit inside one
        "governing": frozenset(word for word, role in table("name_words.tsv", 2) if role == "verb")
        | frozenset(word for word, kinds, *_ in chunks if "governs" in kinds.split(",")),
        "direction_verbs": frozenset(direction_verbs),
        # the words _classify may read as a link or a direction verb (besides 每 with a unit)
        "links_and_directions": frozenset(direction_verbs) | frozenset(
            word for word, role in table("name_words.tsv", 2) if role in ("link", "aux")),
        # a token that places the clause in time (今年, 一季度, 五年, 年内): it ends a name
        "qualifiers_before": frozenset(before),
        "time_word": regex.compile(
            rf"(?:{alternation(time_words)}|[今去明本上当]年|(?:连续)?[一二两三四五六七八九十]{{1,2}}年(?:来|间|内)?"
            r"|[〇○零一二三四五六七八九]{4}年"
            r"|年(?:内|底|末|初)|连续)"
        ),
        "units": units,
        "ordinal_counters": mapping("ordinal_counters.tsv"),
        "place_suffixes": frozenset(words("place_suffixes.tsv")),
        "counts_of_one": frozenset(words("counts_of_one.tsv")),
        "currency_prefixes": currency_prefixes,
        # the currency word that ends where an amount begins (港币|50亿元), and how far back it starts
        "currency_prefix_before": regex.compile(
            rf"(?<![\d{numeral_chars}])(?:{alternation(currency_prefixes)})$"),
        "longest_currency_prefix": max(map(len, currency_prefixes), default=0),
        # qualifiers that are verbs, left out of the quantity's span
        "verb_qualifiers": frozenset(w for w, position in qualifiers if position == "verb"),
        "qualifiers": qualifiers,
        # the rule each pattern gives its records: 5.2%, 百分之五, 三成
        "patterns": {"quantity": pattern, "percent_words": percent_words, "tenths": tenths,
                     "symbol": symbol_amount, "currency_prefix": currency_prefix,
                     "discount": discount},
        "not_quantities": not_quantities,
        # words that begin with a counter without being one (人民, 人口)
        "not_units": re.compile(alternation(words("not_units.tsv"))),
        "directions": directions,
        "direction_re": re.compile(f"(?:{alternation(directions)})"),
        # a name drops a direction verb at its end (国内生产总值|增长), keeps a rate (…涨幅)
        "direction_end": re.compile(f"(?:{alternation(direction_verbs)})(?:了)?$"),
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


def _qualifier_inside_word(text: str, match, groups) -> bool:
    """Whether a one-character qualifier before the number is the end of a common word
    (节约, 最近, 赶超) as jieba cuts the characters around it; rare words of jieba's
    dictionary (费约 in 降费约1.3万亿元) do not count."""
    before = groups.get("before")
    if not before or len(before) != 1 or match.start() == 0 or match.start("before") != match.start():
        return False  # (人民币约500万: a qualifier after a currency word starts no word)
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
        # the financial forms (壹佰伍拾) count in a numeral of two characters or more: 伍
        # alone is 队伍's, 拾 收拾's
        if len(numeral) < 2 or not any(ch in numeral_digits() for ch in numeral):
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
        # 3万多亿元, 10万万元: two magnitude words multiply
        magnitude = (groups.get("mag1") or "") + magnitude
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


def discount_percent(numeral: str) -> Decimal | None:
    """The price paid after a discount, in %: its digits are tenths, then hundredths.

    Example:
        >>> [str(discount_percent(n)) for n in ("八", "七五", "八点五", "9.5", "75", "对")]
        ['80', '75', '85', '95', '75', '50']
    """
    if numeral in ("对", "半"):
        return Decimal(50)
    digits = numeral.replace("点", "").replace(".", "")
    if not digits.isdigit():
        digits = "".join(str(parse_chinese(digit)) for digit in digits)
    if not digits or len(digits) > 2 or digits == "0":
        return None
    return Decimal(digits.ljust(2, "0"))


def _counts_one(text: str, match, groups, unit: str) -> bool:
    """Whether a lone 一 counts one thing: before a counter of counts_of_one.tsv that
    closes its phrase (友城一对, 直升机一架, 戒指一对八千), not before a noun (一对夫妇).

    Example:
        >>> from govtext import extract
        >>> [i.text for i in extract("购置直升机一架，一对夫妇。").indicators]
        ['一架']
    """
    if groups["num"] != "一" or unit not in _lexicon()["counts_of_one"]:
        return False
    following = text[match.end() : match.end() + 1]
    return not _HAN.match(following) or following in chinese_numeral_chars()


def _is_minus(text: str, match, groups) -> bool:
    """Whether the sign before the number is a minus: not the 负 that ends a common
    word with the character before it (减负370亿元, 税负, 辜负)."""
    sign = groups.get("sign")
    if not sign:
        return False
    position = match.start("sign")
    if sign != "负" or position == 0:
        return True
    return word_frequency(text[position - 1 : position + 1]) < _COMMON_WORD_FREQUENCY


def _is_vague(text: str, match, groups) -> bool:
    """数十个, 几十亿元, 一百几十亿元: 数 or 几 right before a bare 十, 百 or 千 makes a vague
    amount, not 10 or 1e9 (人数120万人 keeps its number)."""
    numeral_start = match.start("num")
    magnitude = groups.get("mag") or ""
    if groups.get("inside_before_magnitude") in ("数", "几") and magnitude[:1] in ("十", "百", "千"):
        return True  # 一百几十亿元: some tens of 亿 (二十几万元 is 20万 and more)
    return text[numeral_start - 1 : numeral_start] in ("数", "几") and match.group("num")[0] in "十百千万亿"


def _fraction_of(fraction: str | None) -> Decimal | None:
    """The denominator of 百分之 (100), 千分之 (1000), 万分之, 百万分之 …: a power of ten, or
    None (十十分之, 千百分之 are no denominators)."""
    if not fraction:
        return Decimal(100)
    denominator = parse_chinese(fraction[:-2])
    if denominator is None or denominator < 10 or denominator.normalize().as_tuple().digits != (1,):
        return None
    return denominator


def _small(numeral: str) -> Decimal:
    """A number of coins (三 in 五元三毛, 6 in 50元6角, 三 in 两美元又三美分)."""
    return parse_number(numeral) or Decimal(0)


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


class _QuantityEnds:
    """Where the matches of the quantity patterns end, to find the quantity before a
    position in its clause without matching the clause again for every quantity."""

    def __init__(self, matches):
        spans = sorted((m.end(), m.start()) for m in matches)
        self.ends = [end for end, _ in spans]
        self.starts = [start for _, start in spans]

    def floor(self, clause_start: int, position: int) -> int:
        """The end of the last quantity that lies between ``clause_start`` and ``position``, or 0."""
        index = bisect.bisect_right(self.ends, position) - 1
        return self.ends[index] if index >= 0 and self.starts[index] >= clause_start else 0

    def ending_at(self, position: int) -> int | None:
        """The start of the quantity that ends at ``position``, if one does."""
        index = bisect.bisect_right(self.ends, position) - 1
        return self.starts[index] if index >= 0 and self.ends[index] == position else None


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
        # a number inside quotes is part of a name (“双百双新”项目634个): it ends no name
        ends = _QuantityEnds(m for _, m in matches if not context.quoted.covering(m.start("num")))
        self._sentence_cues: dict[tuple[int, int], list[tuple[int, str]]] = {}
        self._heading_statuses: dict[tuple[int, int], str | None] = {}
        found = []
        previous_end = 0
        for rule, match in matches:
            records = self._record(context, match, blocked, rule, ends, previous_end)
            if records:
                previous_end = max(previous_end, match.end())
            found.extend(records)
        return sorted(found, key=lambda r: (r.start, r.end))

    def _record(self, context: Context, match, blocked: Spans, rule: str, ends: _QuantityEnds,
                previous_end: int = 0) -> list[Indicator]:
        lexicon = _lexicon()
        groups = group_values(match)
        start, end = match.span()
        if _qualifier_inside_word(context.text, match, groups):
            groups["before"], start = None, match.end("before")  # 节约|二千八百亿元
        unit = groups.get("unit")
        if groups.get("prefix"):
            unit = lexicon["currency_prefixes"][groups["prefix"]]
        elif rule == "quantity" and lexicon["units"].get(unit) == "currency" and len(unit) == 1:
            # 港币50亿元: the currency written before the amount is what its 元 counts (a
            # currency named after the amount names its own: 人民币5美元)
            window = max(0, start - lexicon["longest_currency_prefix"])
            prefix = lexicon["currency_prefix_before"].search(context.text, window, start)
            if prefix:
                start, unit = prefix.start(), lexicon["currency_prefixes"][prefix.group()]
        if unit is None:
            denominator = _fraction_of(groups.get("fraction"))
            if denominator is None:
                return []
            unit = "‰" if denominator == 1000 else "%"
        number_start = match.start("num")
        if (
            blocked.overlaps(number_start, end)
            or context.quoted.covering(number_start)
            or context.titled.covering(number_start)
        ):
            return []
        if groups.get("unit") and _begins_other_word(context.text, match.start("unit"), match.end("unit")):
            return []  # 六万万人民, 11亿人口: the counter begins a word
        # 一吨半: a half after the unit vouches for 一 as a number, and so does a currency
        # of more than one character (一美元; 一元 may be 一元化; 千万美元项目 is a class)
        kind = lexicon["units"].get(unit)
        qualified = (bool(groups.get("before")) or kind == "percent" or bool(groups.get("half"))
                     or (groups["num"] == "一" and len(unit) > 1 and kind == "currency")
                     or _counts_one(context.text, match, groups, unit))
        value, value_max = _quantity_values(groups, qualified)
        if rule == "discount":
            value, value_max = discount_percent(groups["num"]), None
        elif rule == "percent_words" and value is not None and unit == "%":
            scale = Decimal(100) / denominator  # 万分之三 is 0.03%
            value, value_max = value * scale, value_max and value_max * scale
        if value is not None and (groups.get("jiao") or groups.get("fen") or groups.get("cents")):
            value += sum(Decimal(_small(groups.get(part) or "0")) / Decimal(scale)
                         for part, scale in (("jiao", 10), ("fen", 100), ("cents", 100)))
        elif rule == "tenths" and groups["num"] == "半":
            value = Decimal("0.5")  # 半成: half a tenth
        if value is None or self._is_ordinal(context, match, unit) or _is_vague(context.text, match, groups):
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
        if _is_minus(context.text, match, groups) and signed:
            value = -value  # 下降-0.3%: the text's own sign, not turned by the verb
        elif groups.get("sign") and not groups.get("before"):
            start = number_start  # 减负370亿元, 歼-20架: 负 ends a word, a dash before a count
        if groups.get("sign2") and value_max is not None and signed:
            value_max = -value_max
        qualifier = self._qualifier(groups)
        name, names, name_rule = self._names(context, start, end, unit, ends, previous_end)
        name, names = _clean_name(name), names and [n for n in map(_clean_name, names) if n]
        direction = self._direction(context, start) or _rate_after(context, end)
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

    def _names(self, context: Context, start: int, end: int, unit: str, ends: _QuantityEnds,
               previous_end: int = 0):
        """The name of what is measured, the names a shared value is given to, and the
        rule that found them (see "Names" below)."""
        lexicon = _lexicon()
        clause = list(context.words(context.clause_start(start), start))[-_MOST_WORDS_BEFORE:]
        clause = clause[:-_SPLIT_WINDOW] + _split_link_end(clause[-_SPLIT_WINDOW:])
        distributed = _distributed_name(context, clause, start, ends)
        if distributed:
            return distributed, None, "distributed"
        before = _words_before(context, clause, start, ends, previous_end)
        # the names a value shares stand after the quantity before it (收入和支出均增长5%|收入…)
        shared = _shared_names(context, [w for w in before if w.start >= previous_end], start)
        if shared:
            return shared[0], shared, "shared"
        after = None  # the tokens after the quantity, read only by the rules that need them
        # 两次降低存款准备金率: a count of actions (次 before a verb) counts the verb phrase
        if lexicon["ordinal_counters"].get(unit) == "before_noun":
            after = _words_after(context, end)
            action = _action_after(context, after)
            if action:
                return action, None, "action"
        # 155条社情民意信息; 发行1400亿元(的)长期建设国债; …18公里供水管网和|19公里城市道路;
        # 661.5亿元中央新增财政资金直达市县: a count, or an amount that is the object of a
        # verb, in a list or at the start of its clause, measures the noun phrase after it
        kind = lexicon["units"].get(unit)
        adjacent = [w for w in before if w.end == start]
        in_list = bool(adjacent) and _kind(adjacent[-1].text) == "joiner"
        ends_with_verb = bool(adjacent) and _takes_object(adjacent[-1].text)
        # 化医|45万吨|合成氨: a measure right before a noun measures that product
        # (not a level: 总产量稳定在|306.5万吨|水平); 87%的|乡镇企业: a share (below)
        if after is None and (kind == "percent" or "capacity" in _chunk_kinds(unit)):
            after = _words_after(context, end)
        product = ("capacity" in _chunk_kinds(unit) and bool(after) and _kind(after[0].text) == "noun"
                   and "frame" not in _chunk_kinds(after[0].text))
        amount_object = kind in ("currency", "measure") and (in_list or ends_with_verb or not before
                                                             or product)
        # 帮助中小微企业|3万多家次|解决融资: a count right after a noun counts that noun; a
        # verb after the count is then the predicate, not a modifier of a noun after it
        counts_noun_before = bool(adjacent) and _kind(adjacent[-1].text) == "noun"
        # 87%的|乡镇企业进行了改制, 促进70%的|农户…: a percentage before 的 and a noun phrase
        # is the share of those things, unless it is what a link or a direction verb
        # reaches (达到了20%的增长速度, 占比未达30%的镇街)
        share_of = (kind == "percent" and bool(after) and after[0].text == "的"
                    and _is_share(clause, start, after))
        # 投资3500万元的二三级供水管网改造、|3800万元|的背街巷道改造: an amount listed after
        # one a word of amount governs is that amount of what follows its 的
        if in_list and kind == "currency":
            after = _words_after(context, end) if after is None else after
            measure = _listed_amount_word(clause)
            owner = (_phrase_text(context, _owner_phrase(after[1:]))
                     if measure and after and after[0].text == "的" else None)
            if owner:
                return owner + measure, None, "amount_of"
        if kind == "counter" or amount_object or share_of:
            after = _words_after(context, end) if after is None else after
            named = _name_after(context, after, end, modified=kind == "counter" and not counts_noun_before)
            if named:
                return named, None, "name_after"
        phrase = _left_phrase(before)
        name = _phrase_text(context, phrase)
        # 投资4500万元的伊敏河沿河道路工程: the amount of what follows 的
        if name and "amount" in _chunk_kinds(name):
            after = _words_after(context, end) if after is None else after
            of = bool(after) and after[0].text == "的"
            owner = _phrase_text(context, _owner_phrase(after[1:])) if of else None
            if owner:
                return owner + name, None, "amount_of"
        # 总量突破90万亿元, 占全市工业增加值比重达82%: a relative measure that starts its
        # clause measures the subject before it (carry_names gives it that subject)
        # (…增至82万辆、|占比达到45%: a joiner before it starts no other subject)
        opening = next((w for w in before if _kind(w.text) not in ("joiner", "stop")), None)
        if name and _is_relative(name) and phrase[0] is opening:
            return name, None, "relative"
        # 全国|重点实验室45家 in a province's report: the nation is not the text's own region,
        # and what it qualifies is another quantity (national labs, not labs)
        index = next((i for i, w in enumerate(before) if w is phrase[0]), 0) if name else 0
        if (index and context.level not in (None, "national") and not _is_relative(name)
                and "national" in _chunk_kinds(before[index - 1].text)):
            name = context.text[before[index - 1].start : phrase[-1].end]
        # 规模以上工业企业完成|增加值100.2亿元, 航空产业实现|产值: a measure alone after a
        # link measures the subject before the link
        if (index > 1 and len(phrase) == 1 and "measure" in _chunk_kinds(phrase[0].text)
                and _kind(before[index - 1].text) == "link"):
            subject_phrase = _left_phrase(before[: index - 1])
            subject = _phrase_text(context, subject_phrase)
            # (预计带动|实现产值: a verb is no subject)
            if subject and not _is_relative(subject) and _kind(subject_phrase[0].text) != "verb":
                return subject + name, None, "subject"
        # 过|亿元项目: the qualifier of an amount that starts a name is part of it
        qualified = index and before[index - 1].text in lexicon["qualifiers_before"]
        if qualified and _kind(phrase[0].text) == "amount":
            name = context.text[before[index - 1].start : phrase[-1].end]
        threshold = _threshold_before(context, clause, phrase, ends)
        if threshold:
            return threshold, None, "threshold"
        return name, None, "name_before"

    @staticmethod
    def _direction(context: Context, start: int) -> str | None:
        """The direction word nearest before the quantity in its clause (分别增长5%、6%:
        both up)."""
        window = context.text[context.clause_start(start) : start]
        compared = _COMPARED.search(window)
        if compared:  # 比去年预算高0.2个百分点
            return "up" if compared.group(1) in "高多" else "down"
        hits = list(_lexicon()["direction_re"].finditer(window))
        # 增至14条、运营里程580公里: the direction word belongs to the item before; one before
        # a name governs a list of names and values (压减粗钢产能788万吨、炼铁586万吨: both down)
        if not hits:
            return None
        if _ANOTHER_ITEM.search(window, hits[-1].end()) and not _governs_list(window, hits[-1]):
            return None
        direction = _lexicon()["directions"][hits[-1].group()]
        return None if direction == "none" else direction

    def _status(self, context: Context, start: int) -> str:
        sentence_start, sentence_end = context.sentence_bounds(start)
        cues = self._sentence_cues.get((sentence_start, sentence_end))
        if cues is None:  # the quantities of a sentence share its cues: found once
            found = _lexicon()["status_re"].finditer(context.text, sentence_start, sentence_end)
            cues = self._sentence_cues[sentence_start, sentence_end] = [(m.start(), m.group()) for m in found]
        if not cues and _heading_status(context, start, self._heading_statuses) == "estimated":
            return "estimated"  # 初步预计，…。…: a cue that heads the paragraph governs it
        words = {word for _, word in cues}
        estimate = "预计" in words and "今年" not in words
        role = context.role_at(start)
        # the section says what a quantity is: a review reports, targets and tasks plan
        if role == "review":
            return "estimated" if estimate else "achieved"
        nearest = _nearest_status_cue(context, start, cues)
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


# the longest stretch of a paragraph a cue at a sentence's head governs, and the longest
# such heading (初步预计)
_PARAGRAPH_WINDOW = 2000
_LONGEST_HEADING = 6


def _heading_status(context: Context, start: int, known: dict[tuple[int, int], str | None]) -> str | None:
    """The status of the cue that heads a sentence before ``start`` in its paragraph as a
    clause of its own (``初步预计，本市生产总值…。全口径财政收入超过4000亿元…``: the
    figures of the sentences after it are estimates too): that of the nearest sentence
    before with a cue, when the cue heads it. ``known`` keeps the answer for each
    sentence and paragraph start, which all the quantities of a sentence share."""
    text = context.text
    floor = max(0, start - _PARAGRAPH_WINDOW)
    line_break = text.rfind("\n", floor, start)
    if line_break < 0 and floor > 0:
        return None  # a paragraph longer than the window (or no text with paragraphs)
    floor = line_break + 1
    sentence_start = context.sentence_bounds(start)[0]
    if (sentence_start, floor) not in known:
        known[sentence_start, floor] = _status_of_heading_before(context, sentence_start, floor, known)
    return known[sentence_start, floor]


def _status_of_heading_before(context: Context, position: int, floor: int, known) -> str | None:
    """The status that the nearest sentence with a cue between ``floor`` and the sentence
    at ``position`` gives, when its cue heads it as a clause of its own."""
    text = context.text
    cue_re = _lexicon()["status_re"]
    statuses = _lexicon()["status_cues"]
    while position > floor:
        position = context.sentence_bounds(position - 1)[0]
        sentence_end = context.sentence_bounds(position)[1]
        if cue_re.search(text, position, sentence_end) is None:
            if (position, floor) in known:  # a sentence without a cue: what holds before it
                return known[position, floor]
            continue  # look further back
        heading_end = context.clause_end(position)
        heading = text[position:heading_end].strip(_MARKUP + "—-")
        if text[heading_end : heading_end + 1] not in (",", ":") or len(heading) > _LONGEST_HEADING:
            return None
        return next((statuses[cue] for cue in statuses if heading.endswith(cue)), None)
    return None


def _rate_after(context: Context, end: int) -> str | None:
    """The direction of a rate of change the quantity is the value of (保持20%左右的增速,
    实现7%左右的增长速度, 年均8%左右的|年均|增长): up or down."""
    text = context.text
    if text[end : end + 1] != "的":
        return None
    position = end + 1
    first = cut(text[position : position + 6])[:1]
    if first and "modifier" in _chunk_kinds(first[0]):
        position += len(first[0])  # 年均
    hit = _lexicon()["direction_re"].match(text, position)
    direction = _lexicon()["directions"][hit.group()] if hit else None
    return None if direction == "none" else direction


def _governs_list(window: str, hit) -> bool:
    """Whether the direction word ``hit`` of the clause ``window`` (which ends at a
    quantity) governs a list of names with values: a verb of its own (not 增加值, 增速), a
    name after it, then a value and 、 before the last item, which is a name alone
    (压减|粗钢产能788万吨、炼铁; not 增至|14条、运营里程, nor 风电增速器、天通储能电池等|45个:
    no value before the 、)."""
    position = hit.end()
    if (hit.group() not in _lexicon()["direction_verbs"]
            or cut(window[hit.start() : position + 2])[0] != hit.group()):
        return False
    if _VALUE_AFTER_DIRECTION.match(window, position):
        return False
    last_item = window.rfind("、")
    if _VALUE_START.search(window, position, last_item) is None:
        return False
    # the last item is a name alone, without a verb of its own (not 总量达|53.09万户, 开工|8000公里)
    return all(_kind(word) in ("noun", "quote", "modifier") for word in cut(window[last_item + 1 :]))


def _nearest_status_cue(context: Context, start: int, cues: list[tuple[int, str]]):
    """The status cue that governs the quantity at ``start``, the cues of its scope, and
    whether it stands in the quantity's own clause; ``cues`` are the positions and words
    of the status cues of its sentence.

    The quantity's own clause comes first (the last cue before the quantity, else the
    first after it), then the clauses before it in the sentence (nearest first),
    then those after it: ``去年增长8.5%，今年预期增长6%`` gives 8.5% 去年 and 6% 预期.
    """
    statuses = _lexicon()["status_cues"]
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
    return ids, regex.compile(alternation(ids)), mapping("target_ratios.tsv")


# a share of a part in a whole (研发经费支出占地区生产总值比重, …相当于GDP的比例)
# (占全市总农户, 民生支出占一般公共预算支出: a share before 的 names its whole without 比重)
_SHARE_NAME = regex.compile(r"(?P<part>.*?)(?:占|相当于)(?P<whole>.+?)的?(?:比重|比例)?")
_SHARE_END = regex.compile(r"(?:占比|比例|比重)$")  # a share whose whole goes unsaid (研发投入占比)
_GDP_IDS = frozenset({"gdp", "gdp_level"})


def canonical_indicator(name: str | None) -> str | None:
    """The id of the recurring indicator a name stands for: that of the longest alias
    it contains; a share of a whole has none, unless ``target_ratios.tsv`` gives its
    ratio to GDP one.

    Example:
        >>> canonical_indicator("单位国内生产总值能耗"), canonical_indicator("全省生产总值")
        ('energy_intensity', 'gdp')
    """
    if not name:
        return None
    seen = _indicators_seen()
    if name in seen:
        return seen[name]
    if len(seen) >= _MOST_KINDS_SEEN:
        seen.clear()  # a long run over random text must not grow it without bound
    indicator = seen[name] = _indicator_of(_WHITE_SPACE.sub("", name))
    return indicator


def _indicator_of(name: str) -> str | None:
    ids, pattern, ratios_to_gdp = _aliases()
    share = _SHARE_NAME.fullmatch(name)
    if share:
        # a share is neither of its parts: a ratio to GDP has an id of its own
        # (target_ratios.tsv: 研发投入占GDP比重 is rd_intensity), another share none
        whole = _indicator_of(share.group("whole"))
        return ratios_to_gdp.get(_indicator_of(share.group("part")) or "") if whole in _GDP_IDS else None
    if _SHARE_END.search(name):
        return None
    found = pattern.findall(name, overlapped=True)
    return ids[max(found, key=len)] if found else None


@cached_per_lexicons
def _indicators_seen() -> dict[str, str | None]:
    """The canonical ids of the names read so far (names recur: 地区生产总值, 增加值)."""
    return {}


_CARRY_MARKS = "。!?;\n"  # a name is carried within a sentence, not across a ；
_RESPECTIVELY = "分别"
# what ends a name at the start of a part of a list (环卫工人工资|再次提高, …预算收入|均实现翻番)
_ENDS_LISTED_NAME = frozenset({"link", "function", "direction", "stop", "time", "compare", "number",
                               "of", "etc"})
# the marks between two clauses of one sentence that a list of names may stand before
_CLAUSE_COMMAS = frozenset("，,")
_RATE_KINDS = frozenset({"percent", "multiple"})


def carry_names(context: Context, records) -> list[Indicator]:
    """A quantity without a name of its own (国内生产总值超过126万亿元，增长5.2%) measures
    what the quantity before it in the same sentence measures; a relative measure said
    alone (总量, 占比, 占全市工业增加值比重) measures it too, and is named after it
    (国内生产总值增长6.6%，总量突破90万亿元: 国内生产总值总量). Values given one each
    with 分别 and no names of their own take the names of as many quantities before them
    (接待游客6721.9万人次，实现旅游总收入594.1亿元，分别增长23.7%和30.13%).

    The pipeline runs this attribution step after it has settled the overlaps between
    record types, on the indicators in text order.
    """
    kinds = _lexicon()["units"]
    records = list(records)
    positions = [context.view.position(record.start) for record in records]
    runs = _respective_runs(context, records, positions)
    out, names, given, last_kind, last_sentence, last_end = [], [], [], None, None, 0
    for index, (record, start) in enumerate(zip(records, positions, strict=True)):
        sentence = context.sentence_bounds(start, marks=_CARRY_MARKS)
        if sentence != last_sentence:
            names, last_sentence = [], sentence
        last_name = names[-1] if names else None
        kind = kinds.get(record.unit)
        # a rate may measure the amount next to it (投资90亿元，增长5%); a count after an
        # amount of money, or the other way round, measures something else (投资90亿元，完成1.8万户)
        carries = kind == last_kind or {kind, last_kind} & _RATE_KINDS
        if index in runs:
            # the k-th of n values given with 分别 takes the k-th of the last n names
            first, count = runs[index]
            if index == first:
                given = names[-count:] if len(names) >= count else []
            if given:
                name = given[index - first]
                record = dataclasses.replace(record, name=name, indicator=canonical_indicator(name),
                                             rule=record.rule.replace("/unnamed", "/distributed"))
        if record.name is None and last_name is not None and carries:
            record = dataclasses.replace(record, name=last_name, indicator=canonical_indicator(last_name),
                                         rule=record.rule.replace("/unnamed", "/carried"))
        elif record.rule.endswith("/relative"):
            # (市场经营主体增量提质，|总量突破1000万户: the subject of a clause with no quantity)
            subject = last_name if last_name is not None else _subject_before(context, start, sentence[0])
            if subject is not None and not _is_relative(subject):
                # (…占全市经济比重由12%提高到15.9%: the second value's subject is named already)
                name = subject if subject.endswith(record.name) else subject + record.name
                record = dataclasses.replace(record, name=name, indicator=canonical_indicator(name),
                                             rule=record.rule.replace("/relative", "/subject"))
        elif record.rule.endswith("/name_before") and last_name is not None:
            name = _parallel_name(context.text[last_end:start], last_name, record.name)
            if name:
                record = dataclasses.replace(record, name=name, indicator=canonical_indicator(name),
                                             rule=record.rule.replace("/name_before", "/parallel"))
        if record.name:
            names.append(record.name)
            last_kind = kind
            last_end = context.view.position(record.end)
        out.append(record)
    return out


def _parallel_name(between: str, last_name: str, name: str | None) -> str | None:
    """The name of a measure said alone right after the quantity before it (``between``
    is the text from that quantity to this one) whose name ends in another measure: the
    two share what the measures are of (一般公共预算收入增长2.3%、支出首次超过7000亿元 ->
    一般公共预算支出).

    Example:
        >>> _parallel_name("、支出首次", "地方一般公共预算收入", "支出")
        '地方一般公共预算支出'
    """
    if not name or "measure" not in _chunk_kinds(name) or not between.startswith(("、" + name, "，" + name)):
        return None
    for size in range(min(len(last_name) - 2, _LONGEST_LINK), 0, -1):
        other = last_name[-size:]
        if other != name and "measure" in _chunk_kinds(other):
            shared = last_name[:-size]
            # 糖料蔗种植|面积172.1万亩、产量…: the verb before a measure is the measure's
            verb = 2 if len(shared) > 2 and _kind(shared[-2:]) == "verb" else 0
            return shared[: len(shared) - verb] + name
    return None


def _subject_before(context: Context, position: int, sentence_start: int) -> str | None:
    """The noun phrase that opens the clause before the one at ``position``, in its
    sentence: the subject a relative measure said alone measures when no quantity stands
    before it (市场经营主体增量提质，总量突破1000万户 -> 市场经营主体; the words of the
    relative measures and frames end it: 增量).

    Example:
        >>> from govtext.normalize import normalize
        >>> _subject_before(Context(normalize("市场经营主体增量提质，总量突破1000万户")), 11, 0)
        '市场经营主体'
    """
    clause_start = context.clause_start(position)
    if clause_start - 1 <= sentence_start:
        return None
    words = context.words(max(sentence_start, context.clause_start(clause_start - 1)), clause_start - 1)
    opening = []
    for word in words:
        if _kind(word.text) not in _NOUN_LIKE or _chunk_kinds(word.text) & {"relative", "frame", "adverb"}:
            break
        opening.append(word)
    return _phrase_text(context, opening) if 0 < len(opening) < len(words) else None


def _respective_runs(context: Context, records, positions) -> dict[int, tuple[int, int]]:
    """The quantities without a name given one each with 分别 (…，分别增长23.7%和30.13%):
    for each, the index of the first of its clause's run and the run's length."""
    runs: dict[int, tuple[int, int]] = {}
    clause_of = [context.clause_start(position) for position in positions]
    index = 0
    while index < len(records):
        position = positions[index]
        if records[index].name is None and _RESPECTIVELY in context.text[clause_of[index] : position]:
            last = index
            while (last + 1 < len(records) and records[last + 1].name is None
                   and clause_of[last + 1] == clause_of[index]):
                last += 1
            runs.update({member: (index, last - index + 1) for member in range(index, last + 1)})
            index = last + 1
        else:
            index += 1
    return runs


def _is_relative(name: str | None) -> bool:
    """Whether a name is a relative measure that needs a subject: 总量, 占比, 占全国比重."""
    if not name:
        return False
    kinds = _lexicon()["chunk_kinds"]
    return "relative" in _chunk_kinds(name) or (name[0] == "占" and any(
        name.endswith(word) for word, kind in kinds.items() if "relative" in kind))


_BY_YEAR = regex.compile(r"(?:到|至|在)(\d{4}|[〇零一二三四五六七八九]{4})年")


def _names_future_year(context: Context, start: int, end: int) -> bool:
    """到2025年…, 到一九八五年…: a year after the report's own sets a target."""
    if context.reference_year is None:
        return False
    years = [parse_year(m.group(1)) for m in _BY_YEAR.finditer(context.text, start, end)]
    return any(year > context.reference_year for year in years)


# Names
#
# A name is the noun phrase that says what a quantity measures, read on the tokens of
# its clause (Context.words: the clause is cut once, with offsets). Every token has a
# kind (_kind): a noun, a verb, a function word (adverb, preposition, conjunction), a
# link (达到, 为), a direction verb (增长), a lead word (各类, 全市), a joining word
# (和, 、), a time, a number, a comparison (比上年, 好于) and so on.
#
# - _left_phrase reads the tokens before the quantity from right to left: it cuts a
#   comparison off, drops links, direction verbs, times and function words right
#   before the number, then takes nouns, compounds with a verb inside (研发投入强度)
#   and coordinations (问题和困难) until a verb that governs the phrase, a lead word,
#   a number, a time or the start of the clause.
# - _words_before says which tokens of the clause may hold the name: those before a
#   comparison or a base (生猪存栏恢复到|正常年份的96.5%) and after the last number.
# - _right_phrase reads the noun phrase after a count (155条|社情民意信息), and
#   _owner_phrase the one after an amount and 的 (投资4500万元的|伊敏河沿河道路工程).
# - _shared_names (A、B均为100%) and _distributed_name (A、B分别增长5%、6%) read the
#   conjuncts of a list, each with _left_phrase.
# - carry_names, run by the pipeline afterwards, gives a quantity without a name the
#   name before it in its sentence, and a relative measure at the start of a clause
#   (占比, 总量) its subject.


# The tokens before a quantity that its name is looked for in. The longest list of names
# a 分别 distributes in the corpus spans about 30; a long list of quantities in one
# clause (12个、12个、…) would otherwise have each quantity read all the tokens before it.
_MOST_WORDS_BEFORE = 60
# the tokens after a quantity that the phrase it counts is looked for in (a name after a
# count is a noun phrase of a few words: 155条|社情民意信息)
_MOST_WORDS_AFTER = 30
# a corpus of 186 reports holds about 60,000 distinct tokens
_MOST_KINDS_SEEN = 200_000


@cached_per_lexicons
def _kinds_seen() -> dict[str, str]:
    """The kinds of the tokens read so far (a token's kind depends on the lexicons only)."""
    return {}


def _kind(word: str) -> str:
    """How the name chunker reads a token.

    Example:
        >>> [_kind(w) for w in ("研发", "投入", "达到", "增长", "和", "2023", "今年", "好于")]
        ['noun', 'verb', 'link', 'direction', 'joiner', 'number', 'time', 'compare']
    """
    seen = _kinds_seen()
    kind = seen.get(word)
    if kind is None:
        if len(seen) >= _MOST_KINDS_SEEN:
            seen.clear()  # a long run over random text must not grow it without bound
        kind = seen[word] = _classify(word)
    return kind


def _kinds_of(words) -> list[str]:
    """``[_kind(w.text) for w in words]``, with the cache looked up once."""
    seen = _kinds_seen()
    return [seen.get(w.text) or _kind(w.text) for w in words]


def _may_link_or_direct(word: str) -> bool:
    """Whether ``_kind(word)`` may be ``link`` or ``direction``: only the words of the
    lexicons and 每 with a unit are (see _classify). Most words jieba's pieces join to
    (国内生产总值增长) are neither, and need not be classified and kept."""
    return word[:1] == "每" or word in _lexicon()["links_and_directions"]


def _classify(word: str) -> str:
    lexicon = _lexicon()
    chunk_kinds = _chunk_kinds(word)
    if "compare" in chunk_kinds:
        return "compare"
    if "compare_of" in chunk_kinds:
        return "compare_of"
    if "modifier" in chunk_kinds or _PER_UNIT_PAIR.fullmatch(word):
        return "modifier"
    if "verbal" in chunk_kinds:
        return "verb"
    if word in _JOINING_WORDS:
        return "joiner"
    if word in _INSIDE_MARKS:
        return "quote"
    if not _WORD_CHARACTER.search(word):
        return "stop"
    if word == "等":
        return "etc"
    if word == "的":
        return "of"
    if _DIGIT.search(word) and not _LATIN.search(word):
        return "number"
    if word[0] in _MAGNITUDE_WORDS and word[1:] in lexicon["units"]:
        return "amount"  # 招引落地|亿元|以上重大产业项目, 万元|生产总值能耗
    if lexicon["time_word"].fullmatch(word):
        return "time"
    if word in lexicon["direction_verbs"]:
        return "direction"
    if _PER_UNIT.fullmatch(word):
        return "link"
    role = word_role(word)
    if role in ("link", "aux"):
        return "link"
    if role == "lead":
        return "lead"
    if role == "verb":
        return "function" if word_tag(word) in _FUNCTION_TAGS else "verb"
    return "noun"


def _chunk_kinds(word: str) -> frozenset:
    """The kinds name_chunks.tsv gives a word (compare, relative, whole, amount, …)."""
    return _lexicon()["chunk_kinds"].get(word, frozenset())


def _words_before(context: Context, clause, start: int, ends: _QuantityEnds, previous_end: int = -1) -> list:
    """The tokens of the clause before ``start`` that may hold its name: those before a
    comparison (国内生产总值|从1997年的…; 高新技术企业数量|是2020年的2倍), and after the
    last number of the clause part (意见建议2979件、|提案…; 10亿元以上|制造业项目), unless
    that number is a date between the name and its link (国民收入|1987年|达到)."""
    words = list(clause)
    kinds = _kinds_of(words)
    compare = [i for i, k in enumerate(kinds) if k == "compare"
               or (k == "compare_of" and words and words[-1].text == "的")]
    if compare:
        words = words[: compare[-1]]
    # 生猪存栏恢复到|正常年份的|96.5%: a base after the link verb, the name before it;
    # what is completed names the share of it done (企业完成了|利润计划的|百分之五百)
    if words and words[-1].text == "的":
        links = [i for i, w in enumerate(words[:-1]) if _kind(w.text) in ("link", "direction")
                 and w.text not in _DIRECTION_COMPLEMENTS - {"到", "至"}]
        base = [w for w in words[links[-1] + 1 : -1] if w.text != "了"] if links else []
        if base and "completes" in _chunk_kinds(words[links[-1]].text):
            return base
        if base and all(_kind(w.text) in (*_NOUN_LIKE, "lead", "function") for w in base):
            cut_at = links[-1]
            complement = words[cut_at].text in _DIRECTION_COMPLEMENTS
            if complement and cut_at and _kind(words[cut_at - 1].text) == "verb":
                cut_at -= 1  # 恢复|到
            words = words[:cut_at]
    # a number with the counter of a name (65岁以上老年人) belongs to the name
    kinds = kinds[: len(words)]  # words is what is left of the start of the clause's tokens
    following = [w.text for w in words[1:]] + [""]
    # a number inside quotes is part of a name (市“251”工程项目)
    # (and so is the quantity recorded before, in Chinese numerals, that closes an item of
    # a list: 直升机三架、|消防车两台; not the count of a name: 二类公厕, 三项基本医疗保险)
    numbers = [i for i, kind in enumerate(kinds)
               if ((kind == "number" and "counted" not in _chunk_kinds(following[i]))
                   or (kind == "amount" and _lexicon()["number_tail"].fullmatch(following[i]))
                   or (words[i].end == previous_end and _CHINESE_DIGIT.match(words[i].text)
                       and following[i] in _JOINING_WORDS))
               and not context.quoted.covering(words[i].start)]
    last_number = numbers[-1] if numbers else -1
    # the unit of the quantity before, and what a number leaves behind it (年, 以上); a
    # quantity in Chinese numerals has no digit token (铁路交付运营里程一百二十七公里、|复线里程)
    floor = ends.floor(clause[0].start, start) if clause else 0
    if last_number < 0:
        # (not 港口万吨级|码头, 科技三项|费用支出, “最多跑一次”|办事事项)
        spelled = floor and len(_CHINESE_DIGIT.findall(context.text[ends.ending_at(floor) : floor])) > 1
        return [w for w in words if w.start >= floor] if spelled else words
    after = [w for w in words[last_number + 1 :] if w.start >= floor]
    if floor and after and after[0].start > floor:  # 42个|国省考断面 (see _glued_rest)
        after = [w for w in _glued_rest(context, floor) if w.end == after[0].start] + after
    dated = bool(after) and after[0].text in _lexicon()["date_words"]
    while after and _lexicon()["number_tail"].fullmatch(after[0].text):
        after = after[1:]
    if dated and not _left_phrase(after):
        return _words_before(context, words[:last_number], words[last_number].start, ends, previous_end)
    return after


def _threshold_before(context: Context, clause, phrase, ends: _QuantityEnds) -> str | None:
    """A head noun alone (项目) after an amount with its tail names the class the amount
    bounds: 亿元以上|项目, 过亿元|项目, 10亿元以上|项目 (亿元以上重大产业项目 is named by
    重大产业项目 alone).

    Example:
        >>> from govtext import extract
        >>> [i.name for i in extract("引进落地亿元以上项目904个。").indicators]
        ['亿元以上项目']
    """
    if len(phrase) != 1 or "head" not in _chunk_kinds(phrase[0].text):
        return None
    index = next((i for i, w in enumerate(clause) if w.start == phrase[0].start), None)
    if not index:
        return None
    last = index - 1
    while last > 0 and _lexicon()["number_tail"].fullmatch(clause[last].text):
        last -= 1
    start = ends.ending_at(phrase[0].start)
    if start is None:
        start = ends.ending_at(clause[last].end)
    if start is None and _kind(clause[last].text) == "amount":
        start = clause[last].start  # 亿元以上: an amount without a number is no quantity
    if start is None:
        return None
    # an amount of money or a measure bounds a class; a count does not (343个项目已有273个)
    units = _lexicon()["units"]
    amount = context.text[start : clause[last].end]
    sizes = range(1, min(len(amount), 4) + 1)
    if not any(units.get(amount[-size:]) in ("currency", "measure") for size in sizes):
        return None
    return context.text[start : phrase[0].end]


def _strip_end(words, kinds):
    """Drop the direction verb right before the number (国内生产总值|增长), then the
    link, time and function words at the end of a phrase, also those jieba cuts in
    pieces (稳定|在, 扣除|物价|因素, 实际|增长); a direction word before a link is part
    of the name (经济增长|预期目标为)."""
    if kinds and words[-1].text in _DIRECTION_COMPLEMENTS and len(words) > 1:
        without = _strip_joined(words[:-1], kinds[:-1], ("direction",))
        if len(without[0]) < len(words) - 1:
            words, kinds = without  # 提高|至, 下降|了
    words, kinds = _strip_joined(words, kinds, ("direction",))
    if words and words[-1].text == _SHARE:  # 建筑业总产值|占|12%
        words, kinds = words[:-1], kinds[:-1]
    while words:
        # 建筑业总产值占|全区|52%: what a share is of stays in its name (…占全区)
        if (len(words) > 2 and words[-2].text == _SHARE and kinds[-1] == "lead"
                and "region" in _chunk_kinds(words[-1].text)):
            break
        shorter = _strip_joined(words, kinds, ("link",))
        if len(shorter[0]) < len(words):
            words, kinds = shorter
        elif (kinds[-1] in _NOT_NAME_END and kinds[-1] != "direction") or (
                len(words) > 1 and _chunk_kinds(words[-1].text) & {"locative", "adverb"}):
            complement = words[-1].text in _DIRECTION_COMPLEMENTS
            words, kinds = words[:-1], kinds[:-1]
            if complement:  # 低保标准提高|到|每人每月
                words, kinds = _strip_joined(words, kinds, ("direction",))
        else:
            break
    return words, kinds


def _strip_joined(words, kinds, dropped):
    """``words`` without the word of a kind in ``dropped`` (link, direction) that ends
    them, whole or cut in pieces (增长, 实际|增长, 扣除|物价|因素)."""
    texts = [w.text for w in words[-_LONGEST_LINK:]]
    for size in range(len(texts), 0, -1):
        if size == 1 and dropped == ("link",):
            break  # one token is judged by its own kind
        joined = "".join(texts[-size:])
        if _may_link_or_direct(joined) and _kind(joined) in dropped:
            return words[:-size], kinds[:-size]
    return words, kinds


# the tokens next to a quantity where a link joined to a word is cut off (规模养殖|率达|45%,
# 31个|重点对标项目|中有|18个)
_SPLIT_WINDOW = 8


@cached_per_lexicons
def _links():
    """The link words of name_words.tsv (not the direction verbs), and their last characters."""
    lexicon = _lexicon()
    links = lexicon["links_and_directions"] - lexicon["direction_verbs"]
    return links, frozenset(word[-1] for word in links)


def _split_link_end(words) -> list:
    """The tokens around a quantity with each link that jieba's HMM joined to the word
    before it cut off: 规模养殖|率达|45% -> 率|达, 项目|已达|4个 -> 已|达, 国际|友城达|137对
    -> 友城|达, 31个|重点对标项目|中有|18个 -> 中|有. Only a token out of jieba's dictionary
    is cut (下达, 到达 are words), and not before a noun: 村均|集体收入, 国达|化工 are a
    modifier and a name."""
    links, last_characters = _links()
    out = []
    for index, word in enumerate(words):
        if len(word.text) < 2 or word.text[-1] not in last_characters:
            out.append(word)  # most tokens end in no link: no need to look them up
            continue
        following = words[index + 1].text if index + 1 < len(words) else None
        # 参保|率均|稳定: an adverb after it stands before the predicate, not in a name
        if not word_frequency(word.text) and (following is None or _kind(following) not in _NOUN_LIKE
                                              or "adverb" in _chunk_kinds(following)):
            size = next((size for size in range(len(word.text) - 1, 0, -1) if word.text[-size:] in links), 0)
            if size:
                cut_at = word.end - size
                out += [Word(word.start, cut_at, word.text[:-size]),
                        Word(cut_at, word.end, word.text[-size:])]
                continue
        out.append(word)
    return out


def _left_phrase(words) -> list:
    """The name's tokens at the end of ``words`` (the tokens before a quantity).

    Example (on ``处置批而未供和闲置土地|62.3万亩``): the tokens 批而, 未供, 和, 闲置,
    土地; ``处置`` governs the phrase and is left out.
    """
    words = list(words)
    # 占全市总农户的|30%: what a share before 的 is of is read as a relative measure (占 and its
    # region stay, and so does a subject before 占), not as the thing measured
    share_of_whole = len(words) > 2 and words[-1].text == "的" and any(w.text == _SHARE for w in words)
    words, kinds = _strip_end(words, _kinds_of(words))
    if not words:
        return []
    governing = _lexicon()["governing"]
    first = len(words) - 1
    relative = share_of_whole or _is_relative(words[-1].text)
    while first > 0 and "whole" not in _chunk_kinds(words[first].text):
        # 新型材料、绿色食品|五大产业增加值: the list before a numbered grouping is its members
        if _NUMBERED_GROUP.match(words[first].text):
            break
        previous = kinds[first - 1]
        # “自审自发”项目: a quoted phrase is taken whole
        if words[first - 1].text == "”":
            opening = next((i for i in range(first - 2, -1, -1) if words[i].text == "“"), None)
            if opening is not None:
                first = opening
                continue
        # “十五”时期|全省生产总值, “十三五”期间|进出口总额: a period frames the name
        if "period" in _chunk_kinds(words[first - 1].text):
            break
        # 改善|型|住宅项目, 开工|类|项目: a bound suffix makes the verb before it a modifier
        if "suffix" in _chunk_kinds(words[first].text) and previous in ("verb", "direction"):
            first -= 1
            continue
        # R|&|D|经费支出: Latin letters joined by & are one word
        if (words[first - 1].text == "&" and first >= 2 and _LATIN.search(words[first].text[:1])
                and _LATIN.search(words[first - 2].text[-1:])):
            first -= 2
            continue
        # 占|全市工业增加值比重 at the start of the clause: the share of the subject before it
        if first == 1 and relative and words[0].text == _SHARE:
            first = 0
            break
        if previous in _NOUN_LIKE:
            first -= 1
            continue
        # 出口规模占|全国|比重: what a share is of keeps its 全国
        share_of = previous == "lead" and relative and first >= 2 and kinds[first - 2] == "verb"
        # 系列产品|全国|市场占有率: a region inside a phrase is part of it
        share_of = share_of or ("region" in _chunk_kinds(words[first - 1].text)
                                and first >= 2 and kinds[first - 2] in _NOUN_LIKE)
        counted = previous == "number" and "counted" in _chunk_kinds(words[first].text)
        if share_of or counted:
            first -= 1
            continue
        # a verb between two nouns is inside a compound when it qualifies a short head
        # (研发|投入|强度, 一般公共预算|支出|规模) or a relative measure (产销量|占|全球比重),
        # or is a preposition (服务业|对|经济增长贡献率) or says new (国家|新增|用地指标);
        # a governing verb never is (省人大常委会|审议|地方性法规)
        run = first - 1
        while run >= 0 and first - run <= _LONGEST_RUN and kinds[run] in _INSIDE_COMPOUND:
            # 参合农民的|补助|标准: a 的 before a verb ends the compound
            if kinds[run] == "of" and "verb" in kinds[run + 1 : first]:
                break
            run -= 1
        inside = [w.text for w in words[run + 1 : first]]
        new_things = all("new" in _chunk_kinds(w) for w in inside)
        # 研发|投入|占|GDP比重, 民生|支出|占|…比重: a verb jieba tags in the subject of a share
        # (a noun before it) is part of that subject
        share_subject = relative and inside[-1:] == [_SHARE] and all(
            k == "verb" for k in kinds[run + 1 : first - 1])
        qualifies = (len(words) - first <= _LONGEST_HEAD or share_subject or new_things
                     or all(k == "function" for k in kinds[run + 1 : first]))
        # 国内生产总值|的|比重, 消费对经济|增长的|贡献率; not 用于项目|建设的|地方政府专项
        # 债券额度 (a clause)
        relative_clause = "of" in kinds[run + 1 : first] and "verb" in kinds[run + 1 : first]
        if (inside and run >= 0 and kinds[run] in _NOUN_LIKE and qualifies and not relative_clause
                and (new_things or not any(w in governing for w in inside))):
            first = run
            continue
        # 组建|创新|联合体: the verb after a governing verb modifies the phrase
        if (previous == "verb" and first == len(words) - 1 >= 2 and words[first - 2].text in governing
                and "verbal" not in _chunk_kinds(words[first - 1].text)):
            first -= 1
            break
        # A和B, A、B sharing the head: 批而未供和闲置土地, 首店、旗舰店; not a list counted
        # by a numbered grouping (新型材料、绿色食品|五大产业增加值)
        if (previous == "joiner" and first >= 2 and kinds[first - 2] in _NOUN_LIKE
                and not _NUMBERED_GROUP.match(words[first].text)):
            first -= 1  # the joiner; the part before it is read on the next round
            continue
        # 减税降费|及|退税|缓费: a verb and its object after a joiner are a conjunct of the
        # phrase before it (an amount named by what is done)
        # (not 答复率、反馈|率: a head of one character takes its verb, below)
        if (previous == "verb" and first == len(words) - 1 and first >= 3 and kinds[first - 2] == "joiner"
                and kinds[first - 3] in _NOUN_LIKE and not is_noun(words[first].text)
                and len(words[first].text) > 1):
            first -= 2
            continue
        # 汽车、家电等|销售: what is done to a list of things like these (a verbal noun
        # alone after 等) is named with the list
        if (previous == "etc" and first == len(words) - 1 >= 4 and not is_noun(words[first].text)
                and kinds[first - 3] == "joiner" and kinds[first - 2] in _NOUN_LIKE):
            first -= 2
            continue
        break
    # 办结|率: a head of one character takes the word before it, whatever its kind
    if first == len(words) - 1 and len(words[first].text) == 1 and first > 0 and kinds[first - 1] == "verb":
        first -= 1
    # 扶贫|项目, 签约|项目, 入驻|企业: a generic head noun alone takes the verb of two
    # characters or more that modifies it (not 在|孵|企业), unless that verb governs it (实施|项目)
    # (死亡|人数, 参保|人数: so does a measure of people)
    elif (first == len(words) - 1 and first > 0
          and (_is_head(words[first].text) or "people" in _chunk_kinds(words[first].text))
          and len(words[first].text) == 2 and kinds[first - 1] == "verb"
          and len(words[first - 1].text) > 1 and words[first - 1].text not in governing):
        first -= 1
    # 在|湘|世界500强企业, 对|俄|进出口: a one-character place after its preposition is read
    # with it (在湘), not as a fragment of a name
    place = (0 < first < len(words) - 1 and len(words[first].text) == 1 and kinds[first] == "noun"
             and not _chunk_kinds(words[first].text)
             and "place_before" in _chunk_kinds(words[first - 1].text))
    phrase, phrase_kinds = words[first - place :], kinds[first - place :]
    while phrase_kinds and phrase_kinds[0] in _NOT_NAME_START and not place:
        phrase, phrase_kinds = phrase[1:], phrase_kinds[1:]
    # 先|发行, 之所以|确定: a verb after an adverb is a predicate, not a name
    if phrase_kinds == ["verb"] and first > 0 and kinds[first - 1] == "function":
        return []
    return _without_governing_verb(phrase, first - place > 0 and words[first - place - 1].text in governing)


def _without_governing_verb(phrase, governed: bool = False) -> list:
    """``phrase`` without the verb of kind ``object`` (name_chunks.tsv) that starts it and
    governs the rest: a token of its own (整治|长江干堤及汉江遥堤 -> 长江干堤及汉江遥堤;
    not before a head, a measure or a character alone: 整治|面积, 入库|项目, 解决|率, nor
    when a governing verb before it governs the whole, ``governed``: 培育|入库|商贸企业,
    where 关停|整治|“散乱污”企业 are two verbs), or one that a first token holds together
    with its object, a word of jieba's dictionary (筹集资金|5.21亿元 -> 资金, 解决问题|诉求
    -> 问题诉求).

    Example:
        >>> [w.text for w in _without_governing_verb([Word(0, 4, "申请专利")])]
        ['专利']
    """
    first = phrase[0].text if phrase else ""
    if "object" in _chunk_kinds(first) and len(phrase) > 1 and not governed:
        rest = phrase[1].text
        alone = len(phrase) == 2 and (len(rest) == 1 or _is_head(rest) or _chunk_kinds(rest))
        return phrase if alone else phrase[1:]
    for size in range(2, len(first) - 1):
        if "object" in _chunk_kinds(first[:size]) and is_noun(first[size:]):
            return [Word(phrase[0].start + size, phrase[0].end, first[size:]), *phrase[1:]]
    return phrase


def _right_phrase(words, modified: bool = True) -> list:
    """The noun phrase at the start of ``words`` (the tokens after a count):
    155条|社情民意信息, 8个|在建项目, 5个|新建、改扩建项目, 155个|国家或地区,
    13672户的|年度改造任务.

    Verbs before the noun modify it only after a count (``modified``): an amount at the
    start of a clause may be the subject of the verb after it (1万亿元|国债支持…). A
    verb after a head noun is its predicate (重大项目|开工建设, 5.01万名农民工|追回欠薪)."""
    words = list(words)
    kinds = _kinds_of(words)
    region = bool(words) and "region" in _chunk_kinds(words[0].text)  # 9个|全国重点实验室
    if not words or (kinds[0] not in (*_NOUN_LIKE, "verb") and not region):
        return []
    if kinds[0] == "verb" and not modified:
        return []
    if len(words[0].text) == 1 and words[0].text in _lexicon()["units"]:
        return []  # 3万多家|次: the end of a unit
    if "locative" in _chunk_kinds(words[0].text) and (len(words) == 1 or kinds[1] == "stop"):
        return []  # 未完成的12项|中，: the set the clause's subject is taken from
    if all(ch in chinese_numeral_chars() for ch in words[0].text) and (len(words) == 1 or kinds[1] == "stop"):
        return []  # 戒指一对|八千: a numeral alone after a count is another amount (not 2个|五千亿级产业集群)
    taken = 1 if region else 0
    while taken < len(words) and "whole" not in _chunk_kinds(words[taken].text):
        kind = kinds[taken]
        following = kinds[taken + 1] if taken + 1 < len(words) else None
        if words[taken].text == "“":  # 15项|“技术攻关+产业化应用”科技示范工程
            closing = next((i for i in range(taken + 1, len(words)) if words[i].text == "”"), None)
            if closing is not None:
                taken = closing + 1
                continue
        if taken and "locative" in _chunk_kinds(words[taken].text):
            break  # 337个|重点城市|中|排名靠前: the set ends the phrase
        # 7家|国家区域医疗中心|基本|建成: an adverb before the predicate (5所|独立学院|顺利|
        # 转设: before a word jieba makes up, which is no noun of its dictionary)
        if taken and "adverb" in _chunk_kinds(words[taken].text) and (
                following not in _NOUN_LIKE or not word_frequency(words[taken + 1].text)):
            break
        if kind in _NOUN_LIKE:
            taken += 1
            continue
        # 504个|省市重点|实施|类|项目: a bound suffix makes the verb before it a modifier
        if kind in ("verb", "direction") and taken + 1 < len(words) and "suffix" in _chunk_kinds(
                words[taken + 1].text):
            taken += 2
            continue
        # 661.5亿元|中央|新增|财政资金, 1400亿元|长期|建设|国债
        if (taken and kinds[taken - 1] == "noun" and _chunk_kinds(words[taken].text) & {"new", "verbal"}
                and following == "noun"):
            taken += 1
            continue
        modifiers_only = all(k in ("verb", "joiner") for k in kinds[:taken])
        # 在建|项目, 新建、改扩建|项目: verbs before the noun modify it
        if kind in ("verb", "joiner") and modifiers_only and following in ("noun", "quote", "verb", "joiner"):
            taken += 1
            continue
        # 436个|省|、|市|重点项目: two levels of one character share the head after them
        if (words[taken].text == "、" and taken == 1 and following == "noun" and kinds[0] == "noun"
                and len(words[0].text) == len(words[2].text) == 1):
            taken += 2
            continue
        # 1000个|农村|互助|幸福院, 13672户的|年度|改造|任务: a verb after one short modifier
        # is inside the phrase; after a head noun it is its predicate (4个|集群|获评…)
        if (kind == "verb" and modified and taken == 1 and len(words[0].text) <= 2 and following == "noun"
                and words[taken].text not in _lexicon()["governing"]):
            nouns = taken + 1
            while nouns < len(words) and kinds[nouns] == "noun":
                nouns += 1
            if nouns == len(words) or kinds[nouns] != "number":
                taken = nouns
                continue
        # 20处|综合性|休闲|渔业|基地, 504个|省市|重点|实施|类|项目: after a count, verbs between
        # modifiers and a head noun are inside the phrase, when no head stands before them
        # (not a verb whose subject the counted things are: 2.3万户|稳定脱贫户|参与|产业扶贫项目)
        if (kind == "verb" and modified and words[taken].text not in _lexicon()["governing"]
                and "predicate" not in _chunk_kinds(words[taken].text)
                and not any(_is_head(w.text) for w in words[:taken])):
            head_end = _head_ahead(words, kinds, taken)
            if head_end:
                taken = head_end
                continue
        # 155个|国家或地区: two words joined at the end of the clause part (not a list that
        # goes on: 7条|线路和三亚站等…)
        if (kind == "joiner" and taken == 1 and following == "noun"
                and (taken + 2 == len(words) or kinds[taken + 2] == "stop")):
            taken += 2
            continue
        break
    phrase = words[:taken]
    # 478家|沿江|化工企业|关改|搬|转、: words jieba makes up and verbs after a head noun, up
    # to the end of the clause part, are the predicate of the counted things (not 城中村综合
    # 整治|项目, where a noun follows); a head alone keeps it, as it names nothing without it
    # (13个|项目|达产|达效)
    part_end = next((i for i in range(taken, len(words)) if kinds[i] in ("joiner", "stop")), len(words))
    if modified and not any(is_noun(w.text) for w in words[taken:part_end]):
        nouns = [i for i, w in enumerate(phrase) if is_noun(w.text) and kinds[i] == "noun"]
        last_noun = nouns[-1] if nouns else -1
        made_up = all(not word_frequency(w.text) or k == "verb"
                      for w, k in zip(phrase[last_noun + 1 :], kinds[last_noun + 1 :], strict=False))
        if (0 < last_noun < len(phrase) - 1 and made_up and _is_head(phrase[last_noun].text)
                and not any(w.text in _INSIDE_MARKS for w in phrase)):
            phrase = phrase[: last_noun + 1]
    while phrase and (_kind(phrase[-1].text) in ("joiner", "verb", "function", "quote", "modifier")
                      or "adverb" in _chunk_kinds(phrase[-1].text)):
        if phrase[-1].text == "”":
            break
        phrase = phrase[:-1]
    # 12480个|入河排污口|整治, 298处|隐患|有效|整治: a verb jieba tags as a noun is the
    # predicate of the counted nouns, with its adverbs (not 9项|专项|整治, a noun of its own,
    # nor 16个|老旧小区环境|综合|整治, where 综合 is no noun)
    if phrase and "object" in _chunk_kinds(phrase[-1].text):
        subject = phrase[:-1]
        while subject and "adverb" in _chunk_kinds(subject[-1].text):
            subject = subject[:-1]
        noun = bool(subject) and (is_noun(subject[-1].text) or not word_frequency(subject[-1].text))
        if noun and (len(subject) > 1 or len(subject[0].text) > 2):
            phrase = subject
    return phrase if len(phrase) > int(region) else []  # 18个|全省|最优 names nothing


# the most words between a verb inside a counted phrase and its head (实施|类|项目)
_LONGEST_TO_HEAD = 4


def _is_head(word: str) -> bool:
    """Whether a word is or ends in a head noun of name_chunks.tsv (项目, 重点项目, 采摘园)."""
    return any("head" in _chunk_kinds(word[-size:]) for size in range(1, min(len(word), 3) + 1))


def _head_ahead(words, kinds, position: int) -> int | None:
    """The end of the head noun that closes the noun phrase from ``position`` on (verbs
    and nouns only, at most _LONGEST_TO_HEAD words), if there is one."""
    for index in range(position, min(len(words), position + _LONGEST_TO_HEAD)):
        if kinds[index] not in ("noun", "verb", "modifier", "direction"):  # 城市|照明|提升|工程
            return None
        if _is_head(words[index].text) and (index + 1 == len(words) or kinds[index + 1] not in _NOUN_LIKE):
            return index + 1
    return None


def _is_share(clause, start: int, after) -> bool:
    """Whether a percentage before 的 is the share of the things named after it (87%的|乡镇
    企业, 市区64%的|小区): not when a link, a direction verb or a comparison right before
    it makes it a value reached (达到了20%的增长速度, 低于4%的调控目标), nor after a
    relative measure (研发经费支出占GDP比重1%以下的县), nor before what frames a value
    (name_chunks.tsv kind frame: 6%以上的经济增长目标, 减按15%的税率)."""
    adjacent = clause[-1] if clause and clause[-1].end == start else None
    if adjacent is not None and (_kind(adjacent.text) in _NOT_SHARE_BEFORE or _is_relative(adjacent.text)):
        return False
    joined = ""
    for word in after[1:4]:  # 的|基础|上: a frame jieba cuts in two
        joined += word.text
        if any("frame" in _chunk_kinds(joined[-size:]) for size in range(1, min(len(joined), 3) + 1)):
            return False
    return True


def _words_after(context: Context, end: int) -> list:
    """The tokens after the quantity that ends at ``end`` that a name after it is looked for
    in, with a link jieba joined to a word cut off (see _split_link_end) and the rest of a
    token the quantity's end cuts read as a word (see _glued_rest)."""
    glued = _glued_rest(context, end)
    after = glued + list(context.words(end, context.clause_end(end))[: _MOST_WORDS_AFTER - len(glued)])
    return _split_link_end(after[:_SPLIT_WINDOW]) + after[_SPLIT_WINDOW:]


def _glued_rest(context: Context, end: int) -> list:
    """The part after ``end`` of a token that a quantity ending there cuts in two, as a
    token of its own: jieba glues a counter to the word after it, and the name after the
    count starts where the count ends (12480|个入|河|排污口 -> 入|河|排污口, 42|个国省|考|
    断面 -> 国省|考|断面, 2000|家小|微企业 -> 小|微企业). A token that holds a numeral of
    the quantity is a word of its own (五台山, 两条线), and gives nothing.

    Example:
        >>> from govtext.normalize import normalize
        >>> [w.text for w in _glued_rest(Context(normalize("完成12480个入河排污口整治")), 8)]
        ['入']
    """
    if not 0 < end < len(context.text):
        return []
    clause = context.words(context.clause_start(end - 1), context.clause_end(end))
    index = bisect.bisect_left([w.end for w in clause], end + 1)
    word = clause[index] if index < len(clause) else None
    if word is None or word.start >= end:
        return []
    inside, rest = word.text[: end - word.start], word.text[end - word.start :]
    # (项|次, 艘|次: the rest of a compound unit names nothing; 82项|获|国家层面认可: a verb
    # that governs what follows is the predicate of the count)
    numeral = any(ch in chinese_numeral_chars() or ch.isdigit() for ch in inside)
    if numeral or rest in _lexicon()["units"] or rest in _lexicon()["governing"]:
        return []
    if rest[0] in _JOINING_WORDS and len(rest) > 1:  # 10家|和省|创新型中小企业
        return [Word(end, end + 1, rest[0]), Word(end + 1, word.end, rest[1:])]
    return [Word(end, word.end, rest)]


def _name_after(context: Context, after, end: int, modified: bool) -> str | None:
    """The name of the noun phrase that ``after`` (the tokens after the count or amount
    that ends at ``end``) starts with, if any (see _right_phrase and _glued_rest).

    The rest of a glued token that starts no name is read with the word after it when
    that is no noun (6条|未|贯通|道路, 2个|互|嵌式|社区: 未贯通, not a verb, link or
    preposition: 7项|是|由于, 9项|由|成都), else left out.

    Example:
        >>> from govtext.normalize import normalize
        >>> context = Context(normalize("推进6条未贯通道路建设"))
        >>> _name_after(context, _words_after(context, 4), 4, modified=True)
        '未贯通道路'
    """
    readings = [after]
    glued = _glued_rest(context, end) if after and after[0].start == end else []
    # (a place, or an item a joiner or a mark ends, is a name of one character: 1958个|村,
    # 6条|沟|及…; not 8条|新|启动)
    complete = len(after) < 2 or _kind(after[1].text) in ("joiner", "stop")
    if (len(glued) == 1 and not complete and not is_noun(after[1].text)
            and _kind(glued[0].text) in ("noun", "function") and word_tag(glued[0].text) != "p"):
        readings.append([Word(glued[0].start, after[1].end, glued[0].text + after[1].text), *after[2:]])
    if glued:
        readings.append(after[len(glued) :])
    for tokens in readings:
        phrase = _right_phrase(_after_of(tokens), modified=modified)
        # 13个|镇 names the towns; 6.3万户|次 is the end of a unit
        shortest = 1 if phrase and phrase[0].text not in _lexicon()["units"] else 2
        named = _phrase_text(context, phrase, shortest=shortest)
        if named and (len(named) > 1 or tokens is not after or not glued or complete
                      or named in _lexicon()["place_suffixes"]):
            return named
    return None


def _owner_phrase(words) -> list:
    """What an amount before 的 belongs to: the phrase up to the predicate that follows
    it (投资599万元的|污水处理厂一期改造工程|完工, …黑羊站水厂改扩建工程|开工建设,
    投资100亿元的|华勤通讯南昌生产基地)."""
    phrase = []
    for word in words:
        # 公路客运总站|基本|完工: an adverb starts the predicate
        if (_kind(word.text) not in (*_NOUN_LIKE, "verb", "joiner", "direction")
                or phrase and "adverb" in _chunk_kinds(word.text)):
            break
        phrase.append(word)
    kinds = _kinds_of(phrase)
    following = words[len(phrase)].text if len(phrase) < len(words) else None
    # an action listed as a thing keeps its verb (3800万元的背街巷道改造、…, 740万元的公交新型
    # 客车更换等项目)
    listed = following is not None and _kind(following) == "etc"
    while phrase and kinds[-1] == "joiner":
        phrase, kinds, listed = phrase[:-1], kinds[:-1], True
    if listed and kinds[-1:] == ["verb"] and "noun" in kinds:
        return phrase
    # the thing ends at its last head noun (西出口道路工程|进展顺利, 市级重点项目|投资计划)
    heads = [i for i, word in enumerate(phrase) if _is_head(word.text)]
    if heads:
        return phrase[: heads[-1] + 1]
    # 机场快速路|建成|通车，: a verb followed by nouns alone to the end of the clause or an
    # adverb starts the predicate (not 主城区|排水|整治|一期项目)
    ends_clause = following is None or _kind(following) == "stop" or "adverb" in _chunk_kinds(following)
    verb = next((i for i in range(1, len(phrase) - 1) if kinds[i] == "verb"
                 and all(k == "noun" for k in kinds[i + 1 :])), None) if ends_clause else None
    if verb is not None:
        return phrase[:verb]
    # the predicate at the end: a verb, or two (开工|建设, 建成|投产; not 生产|基地)
    while phrase and (_kind(phrase[-1].text) != "noun" or "verbal" in _chunk_kinds(phrase[-1].text)):
        phrase = phrase[:-1]
    return phrase


def _listed_amount_word(clause) -> str | None:
    """The word of amount that governs the first amount of a list in the clause (投资|3500万元
    的…、3800万元的…), if any."""
    return next((clause[i].text for i in range(len(clause) - 2, -1, -1)
                 if "amount" in _chunk_kinds(clause[i].text) and _kind(clause[i + 1].text) == "number"),
                None)


def _after_of(words) -> list:
    """The tokens after a quantity without the 的 or 级 that ties it to its noun
    (1400亿元的|国债, 30万千瓦级|煤电机组)."""
    words = list(words)
    return words[1:] if words and words[0].text in ("的", "级") else words


def _phrase_text(context: Context, phrase, shortest: int = 2) -> str | None:
    """The text of a phrase of tokens; a quote or bracket opened in it and not closed
    is left out (高校“双一流…: the quote closes past the phrase), and so is one closed
    and not opened. A name before its quantity has two characters at least (率 alone
    names nothing); one after a count may have one (13个|镇)."""
    if not phrase:
        return None
    name = context.text[phrase[0].start : phrase[-1].end]
    if _glued_to_time(context.text, phrase[0]):
        name = name[1:]
    for opening, closing in (("“", "”"), ("(", ")")):
        if name.count(opening) > name.count(closing):
            name = name[: name.rindex(opening)]
        if name.count(closing) > name.count(opening):
            name = name[name.index(closing) + 1 :]
    name = name.strip("+").lstrip("、")
    return name if len(name) >= shortest else None


def _glued_to_time(text: str, word) -> bool:
    """Whether the end of a time before a name is the name's first character, glued by
    jieba to a word of no dictionary (2012|年全|社会固定资产投资, 五年|内二产) or left
    alone (五年|内|新增电力装机): the number before it and that character are a date
    (2012年) or the time and it a time word (五年内).

    Example: on ``5年全社会固定资产投资完成2万亿元`` the name is 全社会固定资产投资."""
    glued = word.text[:1]
    if not glued or len(word.text) > 1 and word_frequency(word.text):
        return False
    lexicon = _lexicon()
    before = text[max(0, word.start - _LONGEST_TIME_BEFORE) : word.start]
    if glued in lexicon["date_words"] and before[-1:] and (
            before[-1].isdigit() or before[-1] in chinese_numeral_chars()):
        return True
    return any(lexicon["time_word"].fullmatch(before[-length:] + glued)
               for length in range(2, len(before) + 1))


def _takes_object(word: str) -> bool:
    """Whether a word right before an amount takes it as its object (发行|1400亿元,
    形成|3.28万亿元, 完成|15万平方米老旧小区改造); direction verbs (增长5%) and
    one-character links (有, 为) do not."""
    kind = _kind(word)
    return kind == "verb" or (kind == "link" and len(word) > 1)


def _conjuncts(words) -> list[list]:
    """The parts of a list of names (A、B和C), split at the joining words."""
    parts: list[list] = [[]]
    for word in words:
        if _kind(word.text) == "joiner":
            parts.append([])
        else:
            parts[-1].append(word)
    return [p for p in parts if p]


def _shared_names(context: Context, words, start: int) -> list[str] | None:
    """答复率、满意率均为100%: each name of the list before 均/都 takes the value."""
    if not words:
        return None
    clause_start = words[0].start
    shared = _SHARED.search(_lexicon()["direction_end"].sub("", context.text[clause_start:start]))
    if not shared:
        return None
    listed = [w for w in words if w.end <= clause_start + shared.start()]
    if not any(_kind(w.text) == "joiner" for w in listed):
        return None
    names = [_phrase_text(context, _left_phrase(part)) for part in _conjuncts(listed)]
    names = [n for n in names if n]
    return names if len(names) > 1 else None


def _distributed_name(context: Context, clause, start: int, ends: _QuantityEnds) -> str | None:
    """In ``A、B分别增长5%、6%`` the n-th value belongs to the n-th name.

    The parts of the list share what the last one measures (新能源汽车、集成电路、工业机器人
    产量: 新能源汽车产量, …), and a pair word stands for its two names (城乡居民人均可支配
    收入分别增长8.2%、9%: 城镇居民…, 农村居民…)."""
    if not clause or _RESPECTIVELY not in context.text[clause[0].start : start]:
        return None  # no 分别 among the clause's tokens, as no 分别 in its text
    marker = next((i for i in range(len(clause) - 1, -1, -1) if clause[i].text == _RESPECTIVELY), None)
    if marker is None:
        return None
    listed = _words_before(context, clause[:marker], clause[marker].start, ends)
    phrases = [p for p in (_left_phrase(part) for part in _conjuncts(listed)) if p]
    names = [_phrase_text(context, p) for p in phrases]
    if not phrases:
        # 企业退休人员基本养老金、城镇低保标准…和环卫工人工资再次提高，月人均分别提高221元、90元…
        names = _list_before(context, clause[0].start)
    if len(names) == 1 and names[0]:
        names = _split_pair(names[0])
    elif len(phrases) > 1:
        names = [_shared_head(context, phrase, phrases[-1]) or name
                 for name, phrase in zip(names, phrases, strict=True)]
    values = context.text[clause[marker].end : start]
    first_digit = _VALUE_START.search(values)
    index = len(_LIST_JOINER.findall(values[first_digit.start() :])) if first_digit else 0
    return names[index] if len(names) > 1 and index < len(names) else None


def _list_before(context: Context, clause_start: int) -> list[str]:
    """The names the clause before lists, when it is one of the same sentence and holds
    names and no number: what a clause of values given one each with 分别 and no names of
    its own measures (城市居民人均可支配收入和农民人均纯收入，|分别增加1154元和664元)."""
    mark = clause_start - 1
    if mark < 1 or context.text[mark] not in _CLAUSE_COMMAS:
        return []
    words = list(context.words(context.clause_start(mark), mark))
    kinds = _kinds_of(words)
    if "number" in kinds or "joiner" not in kinds:
        return []
    # each part is a name at its start, and what the last says of them is left out
    # (…和环卫工人工资|再次提高)
    leading = [list(itertools.takewhile(
        lambda w: _kind(w.text) not in _ENDS_LISTED_NAME and not is_idiom(w.text), part))
        for part in _conjuncts(words)]
    phrases = [_left_phrase(part) for part in leading]
    # a part whose name is not all of it is no name of a list (来源于广东的|财政总收入)
    whole = all(phrase and phrase[0] is part[0] for phrase, part in zip(phrases, leading, strict=True))
    if len(phrases) < 2 or not whole:
        return []
    names = [_phrase_text(context, phrase) for phrase in phrases]
    return names if all(names) else []


def _shared_head(context: Context, phrase, last) -> str | None:
    """The name a part of a distributed list takes from the last part: its tail, after a
    word parallel to the part (城镇和|农村|居民人均可支配收入), or what the last part
    measures (新能源汽车、集成电路、工业机器人|产量)."""
    if phrase is last or len(last) < 2:
        return None
    name = _phrase_text(context, phrase)
    if name is None:
        return None
    if len(phrase) == 1 and len(phrase[0].text) == len(last[0].text):
        return name + context.text[last[1].start : last[-1].end]
    # 数字经济核心产业增加值、金融业增加值|占GDP比重: what follows the part's own head in
    # the last part is said of both
    head = phrase[-1].text
    inside = next((i for i in range(1, len(last) - 1) if last[i].text == head), None)
    if inside is not None:
        return name + context.text[last[inside + 1].start : last[-1].end]
    measure = last[-1].text
    # (not 安全事故起数、死亡|人数: the measure of a verb is that verb's; not 旅游总收入、网络
    # 零售额: a part that ends in a measure has its own)
    if ("measure" in _chunk_kinds(measure) and not _ends_in_measure(phrase[-1].text)
            and not ("people" in _chunk_kinds(measure) and _kind(last[-2].text) == "verb")):
        return name + measure
    return None


def _ends_in_measure(word: str) -> bool:
    """Whether a word is or ends in a measure of name_chunks.tsv (产量, 总收入, 营业收入)."""
    return any(word.endswith(measure) for measure in _lexicon()["measures"])


def _split_pair(name: str) -> list[str]:
    """The two names a pair word stands for (城乡居民收入: 城镇居民收入, 农村居民收入).

    Example:
        >>> _split_pair("城乡居民人均可支配收入")
        ['城镇居民人均可支配收入', '农村居民人均可支配收入']
    """
    for word, expansion in sorted(_lexicon()["splits"].items(), key=lambda item: -len(item[0])):
        if name.startswith(word) and len(name) > len(word):
            return [part + name[len(word) :] for part in expansion]
    return [name]


def _clean_name(name: str | None) -> str | None:
    """A name without the markup some texts carry at its edges (`地区生产总值, “四好农村路”**)."""
    return (name or "").strip(_MARKUP) or None


def _action_after(context: Context, words) -> str | None:
    """What a count of actions counts: the verb phrase after it up to the next mark
    (两次|降低存款准备金率、两次下调政策利率), when it is short."""
    phrase = []
    for word in words:
        if _kind(word.text) in ("joiner", "stop", "number"):
            break
        phrase.append(word)
    if not phrase or _kind(phrase[0].text) not in ("verb", "direction"):
        return None
    text = context.text[phrase[0].start : phrase[-1].end]
    return text if 2 <= len(text) <= 10 else None
