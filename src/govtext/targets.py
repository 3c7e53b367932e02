"""The main expected targets of a work report, and a table of them across reports.

A target is an indicator with a canonical id (gdp, cpi, …) whose status is
``target``. Each has a horizon: ``year`` (the target for the year the report plans)
or ``plan`` (a multi-year target: ``“十五五”时期…年均增长``, ``到2030年``), with the
``period`` it covers (``2026``, ``2026/2030``). The year's targets are those of the
target paragraph, found by what it says (``今年…主要预期目标是：``, ``今年计划…``,
``经济增长速度的调控目标定为``) and read to its end, across line breaks inside the
cue; where a report has no such paragraph, those of a sentence naming targets or of
the section of targets. Figures that report the past (``年均增长4.8%，2025年总量比
2020年增加``) are never targets. The first target of each id and horizon is kept.
A report that declines to set a target (2020: ``没有提出全年经济增速具体目标``)
gets a record with ``absent`` true.

Example:
    >>> import govtext
    >>> doc = govtext.extract("今年主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上。",
    ...                       year=2024)
    >>> [(t.indicator, float(t.value), t.qualifier, t.hard) for t in doc.targets]
    [('gdp', 5.0, 'about', False), ('urban_new_jobs', 12000000.0, 'over', True)]
    >>> [(t.horizon, t.period) for t in doc.targets]
    [('year', '2024'), ('year', '2024')]
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from .extractors.indicators import canonical_indicator
from .extractors.times import plan_period
from .lexicons import alternation, cached_per_lexicons, mapping, table
from .normalize import simplified
from .numerals import as_json_number
from .records import decimal_or_none
from .reference import planned_year
from .spans import sentence_bounds
from .structure import title_roles

# a sentence that sets targets
_SETS_TARGETS = regex.compile(r"预期目标|主要目标|目标是|目标为|增长预期为|预期为")
_CLAUSE_END = "。;；\n,，"
# the cue of a target paragraph: 主要预期目标是：, 调控目标定为, 今年计划…; the words
# may be broken across lines (今年经济社会发展的\n主要预期目标\n是：)
_PARAGRAPH_CUE = regex.compile(
    r"(?:预\s*期\s*目\s*标|主\s*要\s*目\s*标|调\s*控\s*目\s*标)\s*(?:建议)?\s*[，,]?\s*(?:是|为|定为|确定为|安排为)\s*[：:，,]?"
    r"|(?:今年|明年|本年度?)[^。\n]{0,6}计划(?:要求)?|计划要求(?:今年|明年)")
# the patterns of years and named plans that make a figure a plan's or the past's; the
# words that do are data/lexicons/target_horizons.tsv
_HORIZON_PATTERNS = {
    "lead_plan": [r"十[一二三四五六七八九]?五", r"到20\d\d年", r"20\d\d年[—–至到-]20\d\d年"],
    "lead_past": [],
    "clause_plan": [r"(?:到|至)20\d\d年", r"十[一二三四五六七八九]?五"],
    "clause_past": [r"比20\d\d年"],
}


@cached_per_lexicons
def _horizons() -> dict[str, regex.Pattern]:
    """A pattern per kind of horizon word (lead_plan, lead_past, clause_plan, clause_past)."""
    words = {kind: [] for kind in _HORIZON_PATTERNS}
    for word, kinds in table("target_horizons.tsv", 2):
        for kind in kinds.split():
            words[kind].append(word)
    return {kind: regex.compile("|".join([*patterns, alternation(words[kind])]))
            for kind, patterns in _HORIZON_PATTERNS.items()}


# a name that measures a share of what it names (对经济增长的贡献率, 固定资产投资率)
_SHARE_OF = regex.compile(r"(?:的(?:贡献率|比重|比例|占比|份额|弹性)|投资率)$")
# a name that measures something per unit of GDP (单位国内生产总值用水量) names no target
# of its own unless the lexicon has it (energy_intensity)
_PER_UNIT = regex.compile(r"单位(?:国内|地区)?(?:生产总值|GDP)(?!能耗|二氧化碳)")
_PLAN_NAME = regex.compile(r"十[一二三四五六]?五")
_YEAR = regex.compile(r"(?<!\d)(20\d\d|19\d\d)年")


@dataclass(frozen=True)
class Target:
    """One main target: ``gdp`` 5 ``%`` about (soft), or ``absent``."""

    indicator: str
    name: str | None
    value: Decimal | None
    value_max: Decimal | None
    unit: str | None
    qualifier: str | None
    hard: bool | None
    sentence: str
    start: int
    end: int
    absent: bool = False
    # "year" (the target for the year the report plans) or "plan" (a multi-year target)
    horizon: str = "year"
    # the year or years it covers: "2026", "2026/2030"; None where the text does not say
    period: str | None = None

    def to_dict(self) -> dict:
        return {
            "indicator": self.indicator,
            "name": self.name,
            "value": as_json_number(self.value),
            "value_max": as_json_number(self.value_max),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "hard": self.hard,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "absent": self.absent,
            "horizon": self.horizon,
            "period": self.period,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Target:
        return cls(
            data["indicator"], data.get("name"), decimal_or_none(data.get("value")),
            decimal_or_none(data.get("value_max")),
            data.get("unit"), data.get("qualifier"), data.get("hard"), data.get("sentence", ""),
            data["start"], data["end"], data.get("absent", False), data.get("horizon", "year"),
            data.get("period"),
        )


@cached_per_lexicons
def _cues():
    return mapping("target_cues.tsv"), [(i, regex.compile(p)) for i, p in table("absent_targets.tsv", 2)]


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    return sentence_bounds(text, start, end, marks="。\n")


def _clause(text: str, start: int, end: int) -> str:
    left, right = sentence_bounds(text, start, end, marks=_CLAUSE_END)
    return text[left:right].rstrip(_CLAUSE_END)


def _hard(clause: str) -> bool | None:
    cues, _ = _cues()
    kinds = {kind for cue, kind in cues.items() if cue in clause}
    if "hard" in kinds:
        return True
    return False if "soft" in kinds else None


def _lead(plain: str, cue_start: int) -> str:
    # the words before a cue in its sentence, which may run over line breaks
    left = max(plain.rfind("。", 0, cue_start) + 1, cue_start - 40)
    return plain[left:cue_start]


def _paragraphs(plain: str, year: int | None):
    """The spans of the target paragraphs of a text, each with its horizon and period."""
    spans = []
    for cue in _PARAGRAPH_CUE.finditer(plain):
        lead = _lead(plain, cue.start())
        if _horizons()["lead_past"].search(lead) or _earlier_year(lead, year):
            continue
        if "计划" in cue.group():
            # an older report's plan is said in one sentence among others
            end = plain.find("。", cue.end())
        else:
            # the paragraph after the cue, which may stand on a line of its own
            first = regex.compile(r"\s*").match(plain, cue.end()).end()
            end = plain.find("\n", first)
        end = len(plain) if end < 0 else end
        horizons = _horizons()
        if not _names_this_year(lead, year) and (horizons["lead_plan"].search(lead)
                                                 or horizons["clause_plan"].search(lead)):
            spans.append((cue.start(), end, "plan", _plan_period(lead, year), cue.end(), lead))
        else:
            spans.append((cue.start(), end, "year", None if year is None else str(year), cue.end(), lead))
    return spans


def _names_this_year(words: str, year: int | None) -> bool:
    """Whether ``words`` name the year planned (今年, 全年, 2026年 in a report of 2026)."""
    return bool(regex.search(r"今年|本年|明年|全年" + (f"|{year}年" if year else ""), words))


def _earlier_year(words: str, year: int | None) -> bool:
    return year is not None and any(int(y) < year for y in _YEAR.findall(words))


def _plan_period(words: str, year: int | None) -> str | None:
    """The years a plan covers: a named five-year plan's, or this year to 到20XX年's."""
    named = _PLAN_NAME.search(words)
    if named:
        return plan_period(named.group())
    until = regex.search(r"(?:到|至)(20\d\d)年", words)
    if until:
        return f"{year}/{until.group(1)}" if year else until.group(1)
    if year and regex.search(r"今后五年|未来五年", words):
        return f"{year}/{year + 4}"
    return None


# how far back a clause's start is looked for first (a clause is rarely longer)
_NEAR_LEAD = 200


def _clause_lead(plain: str, start: int) -> str:
    # the last mark is looked for near ``start`` first: rfind for a mark the text lacks
    # (the full-width ones of a translated text) reads back to the text's start
    for floor in (max(0, start - _NEAR_LEAD), 0):
        left = max(plain.rfind(mark, floor, start) for mark in "。；;，,：:、\n")
        if left >= 0:
            break
    return plain[left + 1 : start]


@cached_per_lexicons
def _ratio_ids():
    return mapping("target_ratios.tsv")


# a ratio of something to GDP (研发经费支出相当于全市生产总值的比例): what stands before it
_RATIO = regex.compile(r"(.*?)(?:相当于|占)[^，,；;。]*?(?:比例|比重)")


def _target_id(plain: str, indicator, cue_lead: str = "") -> str | None:
    """The target's id: the indicator's, or one its clause gives (经济增长5%: gdp); a
    ratio to GDP (研发经费支出相当于全市生产总值的比例) is not GDP, and a level of GDP
    (240亿元) is not its growth."""
    lead = _clause_lead(plain, indicator.start)
    if not indicator.indicator and cue_lead and len(lead) <= 3:
        # a figure right after its cue is named before it (经济增长速度的宏观调控目标，定为百分之八)
        lead = cue_lead[-16:]
    ratio = _RATIO.search(lead)
    if ratio:
        return _ratio_ids().get(canonical_indicator(ratio.group(1)) or "")
    if indicator.name and (_SHARE_OF.search(indicator.name) or _PER_UNIT.search(indicator.name)):
        return None  # 科技进步对经济增长的贡献率 measures a share of growth, not growth
    found = indicator.indicator or (canonical_indicator(lead) if len(lead) <= 16 else None)
    if found == "gdp" and indicator.unit != "%":
        per_head = "人均" in (indicator.name or "")
        return "gdp_level" if indicator.unit and indicator.unit.endswith("元") and not per_head else None
    return found


def _preference(candidate) -> tuple:
    # the nearer cue first, then a rate before an amount of money (地方财政收入26亿元，可比增长
    # 10.6%: the target is the growth), then text order
    rank, start, *_ = candidate
    indicator = candidate[5]
    return rank, bool(indicator.unit and indicator.unit.endswith("元")), start


def find_targets(text: str, indicators, sections, year: int | None = None,
                 plain: str | None = None) -> tuple[Target, ...]:
    """The main targets among ``indicators`` of a document ``text`` with ``sections``,
    planned in ``year`` (the report's year, for each target's horizon and period);
    ``plain`` is ``simplified(text)`` where the caller has it already.

    Example:
        >>> import govtext
        >>> doc = govtext.extract("“十五五”时期主要目标是：地区生产总值年均增长5%左右。"
        ...                       "今年主要预期目标是：地区生产总值增长5.5%左右。", year=2026)
        >>> [(t.horizon, t.period, float(t.value)) for t in doc.targets]
        [('plan', '2026/2030', 5.0), ('year', '2026', 5.5)]
    """
    # cues are matched in simplified characters (預期目標 is 预期目标); offsets are the same
    # and the sentences quoted keep the document's own characters
    plain = simplified(text) if plain is None else plain
    # 二、2023年工作总体要求和目标任务: a report's only plan part is its tasks and its targets
    targets_sections = [s for s in sections if s.role == "targets" or "targets" in title_roles(s.title)]
    paragraphs = _paragraphs(plain, year)
    ranked = []
    for indicator in indicators:
        # the nearest cue before it: a paragraph may hold a second one (…。今年主要预期目标是：)
        paragraph = max((p for p in paragraphs if p[0] <= indicator.start < p[1]), default=None)
        # what a target paragraph says is a target, whatever the words of its sentence
        if indicator.status != "target" and not paragraph:
            continue
        indicator_id = _target_id(plain, indicator, paragraph[5] if paragraph and
                                  indicator.start - paragraph[4] <= 3 else "")
        if indicator_id is None:
            continue
        left, right = _sentence_bounds(text, indicator.start, indicator.end)
        sentence = text[left:right]
        clause = _clause(plain, indicator.start, indicator.end)
        if paragraph:
            rank, horizon, period = 0, paragraph[2], paragraph[3]
            if horizon == "year" and _horizons()["clause_plan"].search(clause):
                horizon, period = "plan", _plan_period(clause, year)
        elif _SETS_TARGETS.search(plain, left, right) or any(
                s.start <= indicator.start < s.end for s in targets_sections):
            rank = 1
            if _horizons()["clause_past"].search(plain, left, right) or _earlier_year(
                    _PLAN_NAME.sub("", plain[left:right]), year):
                continue
            # the plan a sentence names after its figures (…；努力完成“十三五”规划目标任务)
            # is not theirs
            before = plain[left:indicator.start]
            horizons = _horizons()
            if horizons["clause_plan"].search(clause) or (horizons["lead_plan"].search(before)
                                                          and not _names_this_year(before, year)):
                horizon, period = "plan", _plan_period(before + clause, year)
            else:
                # a figure of the tasks (打好投资“翻身仗”，固定资产投资增长3%左右) is a
                # year's target too, after those of the target paragraph
                horizon, period = "year", None if year is None else str(year)
        else:
            continue
        if horizon == "plan" and period is None:
            # the plan's section says which plan (二、“十五五”时期主要目标任务)
            period = _plan_period(" ".join(indicator.section), year)
        ranked.append((rank, indicator.start, indicator_id, horizon, period, indicator, sentence.strip(),
                       clause))
    chosen = {}
    for _, _, indicator_id, horizon, period, indicator, sentence, clause in sorted(
            ranked, key=_preference):
        if (indicator_id, horizon) in chosen:
            continue
        chosen[indicator_id, horizon] = Target(
            indicator_id, indicator.name, indicator.value, indicator.value_max, indicator.unit,
            indicator.qualifier, _hard(clause), sentence, indicator.start, indicator.end,
            horizon=horizon, period=period,
        )
    _, absences = _cues()
    for indicator_id, pattern in absences:
        if (indicator_id, "year") in chosen:
            continue
        match = pattern.search(plain)
        if match:
            left, right = _sentence_bounds(text, match.start(), match.end())
            chosen[indicator_id, "year"] = Target(
                indicator_id, None, None, None, None, None, None, text[left:right].strip(), match.start(),
                match.end(), absent=True, period=None if year is None else str(year))
    return tuple(sorted(chosen.values(), key=lambda t: t.start))


def targets_table(documents, horizon: str | None = "year"):
    """The targets of many documents in one DataFrame, each row with the document's
    ``doc_id``, ``region``, ``level`` and ``year``, the year the targets are for
    (:func:`govtext.reference.planned_year`; needs the ``pandas`` extra).
    ``horizon``: ``year`` (the default: the targets for the year each report plans),
    ``plan`` (multi-year targets) or None for both."""
    from .document import require_pandas

    pandas = require_pandas()
    rows = []
    for document in documents:
        year = planned_year(document.reference_date)  # 2023 for a report of 2022-12-26
        for target in document.targets:
            if horizon is not None and target.horizon != horizon:
                continue
            rows.append({"doc_id": document.doc_id, "region": document.region, "level": document.level,
                         "year": year, **target.to_dict()})
    columns = ["doc_id", "region", "level", "year", "indicator", "name", "value", "value_max", "unit",
               "qualifier", "hard", "absent", "horizon", "period", "sentence", "start", "end"]
    return pandas.DataFrame(rows, columns=columns)
