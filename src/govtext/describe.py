"""What a document is: its kind, title, region and level, read from the text.

Kinds: ``work_report`` (政府工作报告), ``npc_report`` (人大常委会工作报告),
``cppcc_report`` (政协常委会工作报告), ``news`` (an article with a dateline, a
reporter or a collector's header), ``other``. Levels: ``national``,
``provincial``, ``municipal``, ``county``. The region comes from the delivery
line (``在海拉尔区第十四届人民代表大会``), the opening (``我代表国务院``), the title
(``2026年上海市政府工作报告``), a body named with its region (``政协常州市武进区第十五届委员会``),
the publisher of a collected article, or the province named most often.

Example:
    >>> describe("2026年上海市政府工作报告\\n——2026年2月3日在上海市第十六届人民代表大会第四次会议上")
    {'kind': 'work_report', 'title': '2026年上海市政府工作报告', 'region': '上海市', 'level': 'provincial'}
"""

from __future__ import annotations

from collections import Counter

import regex

from .lexicons import cached_per_lexicons, table
from .structure import boilerplate_spans

_HEAD = 2000
_REGION = r"\p{Han}{2,20}?"
_UNIT_SUFFIX = r"(?:省|自治区|市|自治州|州|盟|地区|区|县|旗)"
_DELIVERY_REGION = regex.compile(
    rf"日在(?:中华人民共和国)?(?P<region>{_REGION}{_UNIT_SUFFIX})?(?:第[一二三四五六七八九十]+届)?(?P<national>全国)?人民代表大会"
)
_OPENING = regex.compile(rf"我代表(?P<who>国务院|{_REGION}{_UNIT_SUFFIX}?(?:人民)?政府|{_REGION}常务委员会)")
_TITLE_REGION = regex.compile(rf"(?:\d{{4}}年)?(?P<region>{_REGION}{_UNIT_SUFFIX})(?:人民)?政府工作报告")
_BODY_REGION = regex.compile(
    rf"(?:政协(?P<a>{_REGION}{_UNIT_SUFFIX})第|(?P<b>{_REGION}{_UNIT_SUFFIX})人民政府(?!网)"
    rf"|(?P<c>{_REGION}{_UNIT_SUFFIX})(?:人大常委会|政协))"
)
_PUBLISHER = regex.compile(rf"(?:媒体或发布机构|来源)[:：]\s*(?P<region>{_REGION}{_UNIT_SUFFIX})人民政府网")
_NEWS_MARKS = regex.compile(r"记者|通讯员|发布日期|来源[:：]|责任编辑|\n\d{4}-\d\d-\d\d[ \d:]*\n")
_WORK_REPORT = regex.compile(r"政府工作报告")
# the opening of a report: 现在，我代表国务院，向大会报告政府工作 / 我代表区政府向大会作工作报告
_REPORTING = regex.compile(r"我代表(?P<who>[^\n,，。]{2,30}?)[,，]?向大会(?:报告|作)")
_NPC_REPORT = regex.compile(r"人民代表大会常务委员会工作报告|人大常委会工作报告")
_CPPCC_REPORT = regex.compile(r"政治协商会议[^\n]{0,20}常务委员会工作报告|政协[^\n]{0,20}常务委员会工作报告")
_TITLE_LABEL = regex.compile(r"^标题[:：]\s*(?P<title>.+)$", regex.MULTILINE)
_NOT_TITLE = regex.compile(r"^(?:[—―─-]{1,}|各位|现在|[一二三四五六七八九十]+、|[(（]|\d+[.、])")
_FORMAL_REGION = regex.compile(r"^(?:\p{Han}{2,12}?(?:人民)?政府|\p{Han}{2,12}?常务委员会)$")


@cached_per_lexicons
def _provinces() -> dict[str, str]:
    """Short and full names of the provincial-level divisions -> full name."""
    names = {}
    for full, short in table("regions.tsv", 2):
        names[full] = full
        names[short] = full
    return names


def level_of(region: str | None) -> str | None:
    """The level of a region name: ``海拉尔区`` -> county.

    Example:
        >>> level_of("全国"), level_of("广东省"), level_of("重庆市"), level_of("常州市武进区")
        ('national', 'provincial', 'provincial', 'county')
    """
    if not region:
        return None
    if region == "全国":
        return "national"
    if region in _provinces().values():  # the four municipalities are listed there too
        return "provincial"
    if region.endswith(("省", "自治区")):
        return "provincial"
    if region.endswith(("区", "县", "旗")):
        return "county"
    if region.endswith(("市", "州", "盟", "地区")):
        return "municipal"
    return None


def _region(text: str, head: str) -> str | None:
    delivery = _DELIVERY_REGION.search(head)
    if delivery:
        return "全国" if delivery["national"] else delivery["region"]
    opening = _OPENING.search(head)
    if opening and opening["who"] == "国务院":
        return "全国"
    if opening:
        who = regex.sub(r"(?:人民)?政府$|常务委员会$", "", opening["who"])
        if regex.search(rf"{_UNIT_SUFFIX}$", who) and len(who) > 1 and who not in ("区", "县", "市"):
            return who
    for pattern in (_TITLE_REGION, _PUBLISHER):
        match = pattern.search(head)
        if match:
            return match["region"]
    # bodies named with their region, the most specific form first (政协X第…届 over X政协)
    matches = list(_BODY_REGION.finditer(text[:20000]))
    for group in ("a", "b", "c"):
        named = [m[group] for m in matches if m[group] and not m[group].startswith(("全", "各", "本", "我"))]
        if named:
            return Counter(named).most_common(1)[0][0]
    counts = Counter()
    for name, full in _provinces().items():
        hits = text.count(name)
        if hits:
            counts[full] += hits
    return counts.most_common(1)[0][0] if counts else None


def _kind(head: str, title: str | None) -> str:
    title = regex.sub(r"\s+", "", title or "")
    for kind, pattern in (("cppcc_report", _CPPCC_REPORT), ("npc_report", _NPC_REPORT),
                          ("work_report", _WORK_REPORT)):
        if pattern.search(title):
            return kind
    reporting = _REPORTING.search(head)
    if reporting:
        who = reporting["who"]
        if "常务委员会" in who or "常委会" in who:
            return "cppcc_report" if "政协" in who or "政治协商" in who else "npc_report"
        return "work_report"
    if _NEWS_MARKS.search(head):
        return "news"
    return "other"


def _title(head: str) -> str | None:
    label = _TITLE_LABEL.search(head)
    if label:
        return label["title"].strip()
    skipped = {start for start, _, _ in boilerplate_spans(head)}
    position = 0
    for line in head.split("\n"):
        start, position = position, position + len(line) + 1
        stripped = line.strip().strip("#*` ")
        if not stripped or start in skipped or len(stripped) > 60 or stripped.endswith((":", "：")):
            continue
        if _NOT_TITLE.match(stripped):
            return None
        return regex.split(r"——|--", stripped)[0].strip() or None
    return None


def describe(text: str) -> dict:
    """``kind``, ``title``, ``region`` and ``level`` of a (normalized) text."""
    head = text[:_HEAD]
    region = _region(text, head)
    title = _title(head)
    return {"kind": _kind(head, title), "title": title, "region": region, "level": level_of(region)}
