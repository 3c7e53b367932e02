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

import functools
from decimal import Decimal

import regex

from ..lexicons import alternation, mapping, table, words
from ..numerals import chinese_numeral_chars, magnitudes, parse_chinese, parse_number
from ..records import Indicator
from ..segment import cut, word_role
from .base import Context, Spans

_ARABIC = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_RANGE_SEPARATOR = r"[-~—–―至到]{1,2}"
# After a count, these words say it is not a count of things (`3个月` is a duration).
_JOINERS = frozenset("、和及与")
_SHARED = regex.compile(r"(?:均为|均达到|均达|都是|都为|均是|均)$")


@functools.lru_cache(maxsize=1)
def _lexicon():
    units = dict(table("units.tsv", 2))
    qualifiers = {(word, position): cls for word, position, cls in table("qualifiers.tsv", 3)}
    before = [w for w, p in qualifiers if p == "before"]
    inside = [w for w, p in qualifiers if p == "inside"]
    after = [w for w, p in qualifiers if p == "after"]
    numeral_chars = regex.escape(chinese_numeral_chars())
    # a magnitude word may not eat the start of a unit (3.2万千瓦: 万 + 千瓦, not 万千 + 瓦)
    magnitude = "|".join(
        regex.escape(m)
        + "".join(f"(?!{regex.escape(u[len(m):])})" for u in units if u.startswith(m) and u != m)
        for m in sorted(magnitudes(), key=len, reverse=True)
    )
    number = rf"(?:{_ARABIC}|[{numeral_chars}]+)"
    pattern = regex.compile(
        rf"(?P<before>{alternation(before)})?"
        rf"(?<![\d.\p{{Latin}}{numeral_chars}第+])"
        rf"(?P<num>{number})(?P<mag1>{magnitude})?(?P<unit1>%)?"
        rf"(?:(?P<sep>{_RANGE_SEPARATOR})(?P<num2>{number}))?"
        rf"(?P<mag>{magnitude})?(?P<inside>{alternation(inside)})?"
        rf"(?P<unit>{alternation(units)})(?!\+)"
        rf"(?P<after>{alternation(after)})?"
    )
    percent_words = regex.compile(
        rf"(?P<before>{alternation(before)})?百分之(?P<num>[{numeral_chars}]+|{_ARABIC})"
        rf"(?:(?P<sep>{_RANGE_SEPARATOR})(?:百分之)?(?P<num2>[{numeral_chars}]+|{_ARABIC}))?"
        rf"(?P<after>{alternation(after)})?"
    )
    tenths = regex.compile(
        rf"(?P<before>{alternation(before)})?(?P<num>[二两三四五六七八九])成"
        rf"(?![立为果员就效本品熟长功])(?P<after>{alternation(after)})?"
    )
    not_quantities = regex.compile(alternation(words("not_quantities.tsv")))
    return {
        "units": units,
        "qualifiers": qualifiers,
        "patterns": (pattern, percent_words, tenths),
        "not_quantities": not_quantities,
        "directions": mapping("directions.tsv"),
        "direction_re": regex.compile(f"(?:{alternation(mapping('directions.tsv'))})"),
        "status": mapping("status_cues.tsv"),
        "status_re": regex.compile(alternation(mapping("status_cues.tsv"))),
    }


def _value(numeral: str) -> Decimal | None:
    """Value of one numeral; Chinese numerals must look like numbers (not 一, not 千 alone)."""
    if numeral[0].isdigit():
        return parse_number(numeral)
    if numeral == "一" or not (regex.search("[零〇一二两三四五六七八九]", numeral) or numeral[0] == "十"):
        return None
    return parse_chinese(numeral)


class IndicatorExtractor:
    """Finds quantities with their unit, qualifier, name, direction and status."""

    name = "indicators"

    def __call__(self, context: Context) -> list[Indicator]:
        lexicon = _lexicon()
        text = context.text
        blocked = Spans(
            [m.span() for m in lexicon["not_quantities"].finditer(text)] + list(context.claimed)
        )
        found = []
        for pattern in lexicon["patterns"]:
            for match in pattern.finditer(text):
                record = self._record(context, match, blocked)
                if record:
                    found.extend(record)
        found.sort(key=lambda r: (r.start, r.end))
        return found

    def _record(self, context: Context, match, blocked: Spans) -> list[Indicator]:
        lexicon = _lexicon()
        groups = match.groupdict()
        unit = groups.get("unit")
        if unit is None:
            unit = "%"
        elif lexicon["units"][unit] == "time":
            return []
        if groups.get("unit1") and unit != "%":
            return []
        start, end = match.span()
        number_start = match.start("num")
        if (
            blocked.overlaps(number_start, end)
            or context.quoted.covering(number_start)
            or context.titled.covering(number_start)
        ):
            return []
        value = _value(groups["num"])
        if value is None:
            return []
        magnitude = groups.get("mag") or groups.get("mag1")
        value_max = _value(groups["num2"]) if groups.get("num2") else None
        if groups.get("num2") and value_max is None:
            return []
        if magnitude:
            multiplier = magnitudes()[magnitude] if magnitude in magnitudes() else Decimal(1)
            value *= multiplier
            if value_max is not None:
                value_max *= multiplier
        if pattern_is_tenths(match):
            value *= 10
        qualifier = self._qualifier(groups)
        name, names = self._names(context, start, end, unit)
        direction = self._direction(context, start)
        status = self._status(context, start)
        ostart, oend, otext = context.original(start, end)
        return [
            Indicator(ostart, oend, otext, value, unit, qualifier, n, value_max, direction, status)
            for n in (names or [name])
        ]

    @staticmethod
    def _qualifier(groups) -> str | None:
        qualifiers = _lexicon()["qualifiers"]
        for position in ("before", "inside", "after"):
            word = groups.get(position)
            if word:
                return qualifiers[(word, position)]
        return None

    def _names(self, context: Context, start: int, end: int, unit: str):
        """The name of what is measured, and the names a shared value is given to."""
        text = context.text
        before = text[context.clause_start(start) : start]
        shared = _SHARED.search(before)
        if shared and "、" in before:
            names = [_trim_name(part) for part in before[: shared.start()].split("、")]
            names = [n for n in names if n]
            if len(names) > 1:
                return names[0], names
        if _lexicon()["units"].get(unit) == "counter":
            after = _name_after(text[end : context.clause_end(end)])
            if after:
                return after, None
        return _name_before(before), None

    @staticmethod
    def _direction(context: Context, start: int) -> str | None:
        window = context.text[max(context.clause_start(start), start - 12) : start]
        hits = list(_lexicon()["direction_re"].finditer(window))
        if not hits:
            return None
        return _lexicon()["directions"][hits[-1].group()]

    @staticmethod
    def _status(context: Context, start: int) -> str:
        sentence_start, sentence_end = context.sentence_bounds(start)
        cue_re = _lexicon()["status_re"]
        cues = {m.group() for m in cue_re.finditer(context.text, sentence_start, sentence_end)}
        if "预计" in cues and "今年" not in cues:
            return "estimated"
        if cues - {"预计"}:
            return "target"
        return "achieved"


def pattern_is_tenths(match) -> bool:
    return match.re is _lexicon()["patterns"][2]


def _trim_name(phrase: str) -> str:
    """Drop link words at the end and lead words at the start of a name phrase."""
    tokens = [t for t in cut(phrase) if t.strip()]
    while tokens and word_role(tokens[-1]) == "link":
        tokens.pop()
    while tokens and word_role(tokens[0]) in ("lead", "link"):
        tokens.pop(0)
    return "".join(tokens)


def _name_before(before: str) -> str | None:
    """The phrase after the last verb of the clause part before the number."""
    tokens = [t for t in cut(before) if t.strip()]
    while tokens and word_role(tokens[-1]) in ("link", "verb") and _is_link_or_direction(tokens[-1]):
        tokens.pop()
    verbs = [i for i, t in enumerate(tokens) if word_role(t) == "verb"]
    if verbs and verbs[-1] < len(tokens) - 1:
        phrase = tokens[verbs[-1] + 1 :]
    elif verbs:
        # the clause ends in a verb (委员参与, 领导同志批示): the verb with what precedes it
        previous = verbs[-2] + 1 if len(verbs) > 1 else 0
        phrase = tokens[previous:]
        if "、" in phrase:
            phrase = phrase[len(phrase) - phrase[::-1].index("、") :]
    else:
        phrase = tokens
    while phrase and (word_role(phrase[0]) in ("lead", "link") or phrase[0] in _JOINERS):
        phrase = phrase[1:]
    while phrase and phrase[-1] in _JOINERS:
        phrase = phrase[:-1]
    return "".join(phrase) or None


def _is_link_or_direction(token: str) -> bool:
    return word_role(token) == "link" or token in _lexicon()["directions"]


def _name_after(after: str) -> str | None:
    """The noun phrase right after a counter (155条社情民意信息)."""
    if not after or not regex.match(r"\p{Han}", after):
        return None
    phrase = []
    for token in cut(after[:20]):
        if not regex.fullmatch(r"\p{Han}+", token) or word_role(token) != "noun":
            break
        phrase.append(token)
    return "".join(phrase) or None
