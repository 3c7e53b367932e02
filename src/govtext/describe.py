"""What a document is: its kind, title, region and level, read from the text.

Kinds: ``work_report`` (政府工作报告), ``npc_report`` (人大常委会工作报告),
``cppcc_report`` (政协常委会工作报告), ``news`` (an article with a dateline, a
reporter or a collector's header), ``other``. Levels: ``national``,
``provincial``, ``municipal``, ``county``. The region comes from the delivery
line (``在海拉尔区第十四届人民代表大会``), the opening (``我代表国务院``), the title
(``2026年上海市政府工作报告``), a body named with its region (``政协常州市武进区第十五届委员会``),
the publisher of a collected article, or the province named most often. A region
is a real place (:func:`real_place`: a province or prefecture of
``data/lexicons/regions.tsv``, perhaps followed by county names), never the words
before a level word (``并请市政协`` names no place). A report that calls itself by
its level word alone (``我代表市人民政府``) has that level, and the place of that
level it names most often.

Example:
    >>> describe("2026年上海市政府工作报告\\n——2026年2月3日在上海市第十六届人民代表大会第四次会议上")
    {'kind': 'work_report', 'title': '2026年上海市政府工作报告', 'region': '上海市', 'level': 'provincial'}
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from .lexicons import alternation, cached_per_lexicons, table, words
from .reference import read_dateline
from .structure import boilerplate_spans

_HEAD = 2000
_REGION = r"\p{Han}{2,20}?"
_UNIT_SUFFIX = r"(?:省|自治区|市|自治州|州|盟|地区|区|县|旗)"
_ENDING_UNIT = regex.compile(rf"{_UNIT_SUFFIX}$")
# the delivery line, with markup or a line break inside it (在合肥市**\n\n**第十七届人民代表大会);
# a bare unit (在自治州第十五届…) only says the level
_GAP = r"[\s*]*"
_DELIVERY_REGION = regex.compile(
    rf"日在{_GAP}(?:中华人民共和国)?(?P<region>\p{{Han}}{{0,20}}?{_UNIT_SUFFIX})?{_GAP}"
    rf"(?:第[一二三四五六七八九十]+届)?{_GAP}(?P<national>全国)?人民代表大会"
)
_OPENING = regex.compile(rf"我代表(?P<who>国务院|{_REGION}{_UNIT_SUFFIX}?(?:人民)?政府|{_REGION}常务委员会)")
# 2026年上海市政府工作报告, 合肥市2022年政府工作报告, 湖北省人民政府2006年工作报告,
# 昆明市人民政府2011年《政府工作报告》
_TITLE_REGION = regex.compile(
    rf"(?P<region>{_REGION}{_UNIT_SUFFIX})(?:人民政府)?(?:\d{{4}}年)?《?(?:(?:人民)?政府)?工作报告"
)
_BODY_REGION = regex.compile(
    rf"(?:政协(?P<a>{_REGION}{_UNIT_SUFFIX})第|(?P<b>{_REGION}{_UNIT_SUFFIX})人民政府(?!网)"
    rf"|(?P<c>{_REGION}{_UNIT_SUFFIX})(?:人大常委会|政协))"
)
_PUBLISHER = regex.compile(rf"(?:媒体或发布机构|来源)[:：]\s*(?P<region>{_REGION}{_UNIT_SUFFIX})人民政府网")
# a level word alone, perhaps after a term (我代表市人民政府, 我代表第九届省人民政府): the
# report says its level, not its name
_BARE_UNIT = regex.compile(rf"(?:第[一二三四五六七八九十]+届)?(?P<unit>{_UNIT_SUFFIX})")
# below the prefecture level: a county, district, banner or county-level city
_COUNTY_SEGMENT = r"\p{Han}{2,8}?(?:自治县|自治旗|新区|区|县|旗|市)"
_COUNTY_CHAIN = regex.compile(rf"(?:{_COUNTY_SEGMENT}){{1,2}}")
# a place unknown to the lexicon is accepted only where a report names itself, and
# only in the form of a county-level name (海拉尔区, 昆山市, 长阳土家族自治县)
_OPEN_PLACE = regex.compile(r"\p{Han}{2,4}(?:区|县|旗|市)|\p{Han}{2,8}(?:自治县|自治旗)")
_NOT_IN_PLACE = regex.compile(r"[第届]")  # a session (第九届省), not a place
_NEWS_MARKS = regex.compile(r"记者|通讯员|发布日期|来源[:：]|责任编辑|\n\d{4}-\d\d-\d\d[ \d:]*\n")
_WORK_REPORT = regex.compile(r"政府工作报告")
# the opening of a report: 现在，我代表国务院，向大会报告政府工作 / 我代表区政府向大会作工作报告 /
# 我代表无锡市人民政府，向市第十四届人民代表大会第一次会议报告
_REPORTING = regex.compile(
    r"我代表(?P<who>[^\n,，。]{2,30}?)[,，]?向[^\n,，。;；]{0,30}?(?:大会|会议)(?:报告|作)"
)
_NPC_REPORT = regex.compile(r"人民代表大会常务委员会工作报告|人大常委会工作报告")
_CPPCC_REPORT = regex.compile(r"政治协商会议[^\n]{0,20}常务委员会工作报告|政协[^\n]{0,20}常务委员会工作报告")
_TITLE_LABEL = regex.compile(r"^(?:标题|title)[:：]\s*(?P<title>.+)$", regex.MULTILINE)
_NOT_TITLE = regex.compile(r"^(?:[—―─-]{1,}|各位|现在|[一二三四五六七八九十]+、|[(（]|\d+[.、])")
_FORMAL_REGION = regex.compile(r"^(?:\p{Han}{2,12}?(?:人民)?政府|\p{Han}{2,12}?常务委员会)$")
# a title has no clause punctuation: 政府工作报告。 贵州日报天眼新闻记者 李森 摄 is a photo caption
_PROSE = regex.compile(r"[,，。;；!！?？]")
# a photo caption closes with its photographer's credit (…记者 李森 摄), perhaps run into the
# title by the line-break repair
_PHOTO_CAPTION = regex.compile(r"^.*?\s摄(?![影像制])\s*")
# a breadcrumb (首页 > 政务信息 > 宁夏要闻): on one line, or one item a line between separator lines
_CRUMB_SEPARATOR = regex.compile(r"[>»›/]")
_CRUMB_LINE = regex.compile(r"\S\s*[>»›]\s*\S")
# a heading shows the kind of the document within its first lines
_TITLE_LINES = 8


@dataclass(frozen=True)
class _Places:
    full_of: dict  # every written form (full name, short name, other short forms) -> full name
    provincial: frozenset
    prefectural: frozenset
    forms: dict  # full name -> its forms to count in a text (short name, other short forms)
    suffixed: regex.Pattern  # the forms that end in a unit suffix (合肥市, 怒江州), longest first


@cached_per_lexicons
def _places() -> _Places:
    full_of, provincial, prefectural, forms = {}, set(), set(), {}
    for full, short, province, others in table("regions.tsv", 2, 4):
        (prefectural if province else provincial).add(full)
        other_forms = others.split()
        forms[full] = [short] + [form for form in other_forms if short not in form]
        for form in (full, short, *other_forms):
            if province and form in full_of:
                continue  # a short name shared with a province (吉林, 海南) means the province
            full_of[form] = full
    suffixed = [form for form, full in full_of.items() if form == full or form.endswith("州")]
    return _Places(full_of, frozenset(provincial), frozenset(prefectural), forms,
                   regex.compile(alternation(suffixed)))


@cached_per_lexicons
def _organization_words() -> regex.Pattern:
    return regex.compile(alternation(w for w in words("organization_suffixes.tsv") if len(w) > 1))


def real_place(candidate: str, *, self_named: bool = False) -> str | None:
    """The place name ``candidate`` ends with, or None when no real place ends it.

    A place starts with a province or prefecture of ``regions.tsv`` (its full name
    or a short form with 州) and may go on with one or two county-level names
    (常州市武进区). Words before a unit suffix are not a place (并请市, 第九届省).
    Where a report names itself (``self_named``: its delivery line, its opening,
    its title) a county-level name unknown to the lexicon is a place too
    (海拉尔区); provinces and prefectures never are, since the lexicon lists them all.

    Example:
        >>> real_place("自觉接受市人大和市"), real_place("并请合肥市"), real_place("怒江州")
        (None, '合肥市', '怒江傈僳族自治州')
        >>> real_place("常州市武进区"), real_place("海拉尔区"), real_place("海拉尔区", self_named=True)
        ('常州市武进区', None, '海拉尔区')
    """
    if _bare_unit(candidate):
        return None  # 自治区, 地区: a level, not a name
    places = _places()
    for match in places.suffixed.finditer(candidate, overlapped=True):
        tail = candidate[match.end():]
        if not tail or (_COUNTY_CHAIN.fullmatch(tail) and _plain_name(tail)):
            return places.full_of[match.group()] + tail
    if self_named and _OPEN_PLACE.fullmatch(candidate) and _plain_name(candidate):
        return candidate
    return None


def _plain_name(name: str) -> bool:
    """No session number and no body's name inside (人大和市 is not a place)."""
    return not _NOT_IN_PLACE.search(name) and not _organization_words().search(name)


def level_of(region: str | None) -> str | None:
    """The level of a region name: ``海拉尔区`` -> county.

    A name ends with its own level: ``吉林省长春市`` is a city. Since regions.tsv lists
    every prefecture-level city, a 市 it does not list (``昆山市``) is county-level.

    Example:
        >>> level_of("全国"), level_of("广东省"), level_of("重庆市"), level_of("常州市武进区")
        ('national', 'provincial', 'provincial', 'county')
        >>> level_of("呼和浩特市"), level_of("怒江州"), level_of("吉林省长春市"), level_of("昆山市")
        ('municipal', 'municipal', 'municipal', 'county')
    """
    if not region:
        return None
    if region == "全国":
        return "national"
    places = _places()
    ends = [m.group() for m in places.suffixed.finditer(region, overlapped=True) if m.end() == len(region)]
    last = ends[0] if ends else region
    full = places.full_of.get(last) or places.full_of.get(region)
    if full in places.provincial:  # the four municipalities are listed there too
        return "provincial"
    if full in places.prefectural:
        return "municipal"
    if region.endswith(("省", "自治区")):
        return "provincial"
    if region.endswith("地区"):  # a prefecture (阿里地区), not a district
        return "municipal"
    if region.endswith(("区", "县", "旗", "市")):
        return "county"
    if region.endswith(("州", "盟")):
        return "municipal"
    return None


def _region(text: str, head: str, title: str | None) -> tuple[str | None, str | None]:
    """The region, and the level word the report calls itself by when it does not say
    its name (市 in 我代表市人民政府, 省 in 我代表第九届省人民政府), else None."""
    unit = None
    delivery = _DELIVERY_REGION.search(head)
    if delivery and delivery["national"]:
        return "全国", None
    if delivery and delivery["region"]:
        found = real_place(delivery["region"], self_named=True)
        if found:
            return found, None
        unit = _bare_unit(delivery["region"])
    opening = _OPENING.search(head)
    if opening and opening["who"] == "国务院":
        return "全国", None
    if opening:
        who = regex.sub(r"(?:人民)?政府$|常务委员会$", "", opening["who"])
        found = real_place(who, self_named=True)
        if found:
            return found, None
        unit = unit or _bare_unit(who)
    for pattern, source, self_named in ((_TITLE_REGION, title or "", True), (_TITLE_REGION, head, False),
                                        (_PUBLISHER, head, False)):
        for match in pattern.finditer(source):
            found = real_place(match["region"], self_named=self_named)
            if found and _has_unit(found, unit):
                return found, unit
    # bodies named with their region, the most specific form first (政协X第…届 over X政协)
    matches = list(_BODY_REGION.finditer(text[:20000]))
    for group in ("a", "b", "c"):
        named = [real_place(m[group]) for m in matches if m[group]]
        named = [name for name in named if name and _has_unit(name, unit)]
        if named:
            return Counter(named).most_common(1)[0][0], unit
    return _most_named(text, unit), unit


def _bare_unit(candidate: str) -> str | None:
    match = _BARE_UNIT.fullmatch(candidate)
    return match["unit"] if match else None


def _has_unit(region: str, unit: str | None) -> bool:
    """Whether ``region`` agrees with the level word the report uses for itself
    (州 is short for 自治州; 区 is a district, not an autonomous region)."""
    if unit is None:
        return True
    own = _ENDING_UNIT.search(_places().full_of.get(region, region))
    return bool(own) and (own.group() == unit or {own.group(), unit} == {"州", "自治州"})


def _most_named(text: str, unit: str | None) -> str | None:
    """The division of the report's own level (``unit``) named most often in ``text``;
    without a level word, the province named most often."""
    places = _places()
    if unit is None:
        candidates = places.provincial
    else:  # the lexicon stops at the prefecture level: no county is counted
        candidates = [full for full in places.full_of.values() if _has_unit(full, unit)]
    counts = Counter()
    for full in set(candidates):
        hits = sum(text.count(form) for form in places.forms[full])
        if hits:
            counts[full] = hits
    ranked = counts.most_common(2)
    if not ranked:
        return None
    if unit is not None and (ranked[0][1] < 3 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1])):
        return None  # too few mentions to tell a report's own place from the places it names
    return ranked[0][0]


def _kind(head: str, title: str | None) -> str:
    # the title first, then the other heading lines of the top (政府工作报告（摘要） under a
    # collector's title): a report is known by its heading even without a delivery line
    for line in [title or "", *_title_lines(head)]:
        line = regex.sub(r"\s+", "", line)
        for kind, pattern in (("cppcc_report", _CPPCC_REPORT), ("npc_report", _NPC_REPORT),
                              ("work_report", _WORK_REPORT)):
            if pattern.search(line):
                return kind
    reporting = _REPORTING.search(head)
    if reporting:
        who = reporting["who"]
        if "常务委员会" in who or "常委会" in who:
            return "cppcc_report" if "政协" in who or "政治协商" in who else "npc_report"
        return "work_report"
    if _NEWS_MARKS.search(head) or read_dateline(head):
        return "news"
    return "other"


def _title_lines(head: str) -> list[str]:
    """The lines at the top that could be the title, before the text proper starts.

    Skipped: boilerplate (web chrome, a collector's header), labels (来源：), a
    breadcrumb (the items around a ``>`` line), and prose (a photo caption).
    """
    skipped = {start for start, _, _ in boilerplate_spans(head)}
    lines, position = [], 0
    for line in head.split("\n"):
        start, position = position, position + len(line) + 1
        stripped = _PHOTO_CAPTION.sub("", line.strip()).strip("#*` ")
        if stripped and start not in skipped:
            lines.append(stripped)
    found = []
    for index, line in enumerate(lines):
        if _NOT_TITLE.match(line) or len(found) == _TITLE_LINES:
            break
        crumb = _CRUMB_SEPARATOR.fullmatch(line) or _CRUMB_LINE.search(line) or any(
            _CRUMB_SEPARATOR.fullmatch(lines[n]) for n in (index - 1, index + 1) if 0 <= n < len(lines))
        if crumb or len(line) > 60 or line.endswith((":", "：")) or _PROSE.search(line):
            continue
        found.append(line)
    return found


def _title(head: str) -> str | None:
    label = _TITLE_LABEL.search(head)
    lines = [label["title"].strip()] if label else _title_lines(head)
    if not lines:
        return None
    # the first line that says what the document is (2026年政府工作报告 under a column name)
    title = next((line for line in lines if _WORK_REPORT.search(regex.sub(r"\s+", "", line))), lines[0])
    title = regex.split(r"——|--", title)[0].strip()
    half = len(title) // 2
    if title and title[:half] == title[half:]:
        title = title[:half]  # a heading pasted twice by the collector
    return title or None


def describe(text: str) -> dict:
    """``kind``, ``title``, ``region`` and ``level`` of a (normalized) text."""
    head = text[:_HEAD]
    title = _title(head)
    region, unit = _region(text, head, title)
    # a report that gives only its level word (我代表省人民政府) still says its level
    level = level_of(region) or level_of(unit)
    return {"kind": _kind(head, title), "title": title, "region": region, "level": level}
