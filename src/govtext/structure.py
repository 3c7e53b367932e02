"""Headings, sections and their roles, and boilerplate lines.

The heading forms of these texts: ``一、`` parts (level 1), ``（一）`` sections
(level 2; often a bold first sentence ending in ``。``), ``1.`` items (level 3).
Reports without numbered parts (some provincial ones) title their parts with a
bare line such as ``2026年重点工作``; those lines count as level 1 when they carry
a role cue. A report whose first numbered part is ``二、`` gets an untitled first
part, and so does a long stretch of running text before ``一、`` with no heading
(2002: ``首先报告2001年的工作。``). After an annex or glossary line (``附件1``,
``名词解释``) numbering starts again inside it. Older forms: a part heading run onto
the end of the paragraph before it (``…提出意见。一、…的回顾``), and parts headed by
their titles alone where the opening lists them (``报告分六个部分：一、…；二、…``).

Each top-level section gets a role from ``data/lexicons/section_roles.tsv``; a work
report's first part is its review whatever it is called, and a part on a year before
the one the plan names (``一、2006年政府的主要工作``) too.
Web chrome and a collector's header are marked by ``data/lexicons/boilerplate.tsv``.

Example:
    >>> parts = parse_sections("一、2023年工作回顾\\n过去一年……\\n二、2024年政府工作任务\\n今年……")
    >>> [(s.title, s.role) for s in parts]
    [('一、2023年工作回顾', 'review'), ('二、2024年政府工作任务', 'tasks')]
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field

import regex

from .lexicons import alternation, cached_per_lexicons, table
from .normalize import GLUED_PART_HEADING

_PART_NUMERAL = "一二三四五六七八九十"
_LINE = regex.compile(r"[^\n]*")
# leading blanks and Markdown marks (#, *, >, `) before a heading
_LEAD = regex.compile(r"^[\s#*>`]*")
_PART = regex.compile(rf"^([{_PART_NUMERAL}]{{1,3}})、")
_SECTION = regex.compile(rf"^[(（]([{_PART_NUMERAL}]{{1,3}})[)）]")
_ITEM = regex.compile(r"^(\d{1,2})[.、．](?!\d)")
_CLAUSE_MARK = regex.compile(r"[,，;；:：]")
_ITEM_LEVEL = 4
# 一是…二是…: an ordinal + 是 at the start of a line or after a clause mark
_ENUMERATION = regex.compile(r"(?:(?<=^|[\n。;；:：,，])\s*)(?P<ordinal>[一二三四五六七八九十])是(?=\p{Han})")
_ENUMERATION_NEXT = regex.compile(r"(?<=[\n。;；:：,，]\s*)二是")
# review highlights: a line led by a dash (——经济运行回升向好。…)
_HIGHLIGHT = regex.compile(r"(?m)^[ \t\u3000]*(?P<dash>[—―─]{1,2})(?=\p{Han})")
_CLAUSE_OR_LINE_END = regex.compile(r"[。;；:：,，\n]")
_MAX_PART_TITLE = 60
_MAX_BARE_TITLE = 30
_MAX_TITLE = 80
# an opening that lists the parts (报告分六个部分：一、A；二、B；…): after a colon, two or
# more numbered items separated by semicolons
_ANNOUNCED_PARTS = regex.compile(
    rf"[:：]\s*(?P<parts>[{_PART_NUMERAL}]{{1,3}}、[^\n；;]{{2,{_MAX_PART_TITLE}}}"
    rf"(?:[；;]\s*[{_PART_NUMERAL}]{{1,3}}、[^\n；;]{{2,{_MAX_PART_TITLE}}})+)"
)
_ANNOUNCED_ITEM = regex.compile(rf"[{_PART_NUMERAL}]{{1,3}}、(?P<title>[^；;]+)")
# running text before 一、 longer than this is a part told without a heading (2002:
# 首先报告2001年的工作。…); the introductions before 一、 in the corpus run 50-250 characters
_MIN_UNTITLED_PART = 1000
# an opening that lists the report's parts stands within this many characters of the top
_OPENING_LENGTH = 5000
# a year in a part's title (2006年政府的主要工作)
_TITLE_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d\d)年")
# a collector's metadata block at the very top, between two --- lines (title: …, source: …)
# a web address (https://…, www.…) or a mail address, to the first character no address holds;
# a mail address's name is tried only from its first character (a run of digits would be
# tried from each of its characters: quadratic)
_LINK = regex.compile(r"(?:https?://|www\.)[!-~]+|(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
                      regex.ASCII)
_FRONT_MATTER = regex.compile(r"\A---[ \t]*\n(?:[^\n]*\n){0,30}?---[ \t]*(?:\n|\Z)")


@dataclass(frozen=True)
class Section:
    """A heading and the text it governs: ``[start, end)`` offsets, ``level`` 1-3."""

    title: str
    level: int
    start: int
    end: int
    role: str | None = None
    children: tuple[Section, ...] = field(default=())

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "level": self.level,
            "start": self.start,
            "end": self.end,
            "role": self.role,
            "children": [c.to_dict() for c in self.children],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Section:
        return cls(data["title"], data["level"], data["start"], data["end"], data.get("role"),
                   tuple(cls.from_dict(c) for c in data.get("children") or ()))


@cached_per_lexicons
def _roles():
    cues = table("section_roles.tsv", 2)
    priority = ("glossary", "self_building", "targets", "review", "tasks")
    return cues, priority


@cached_per_lexicons
def _boilerplate():
    rows = table("boilerplate.tsv", 2)
    chrome = {pattern for pattern, kind in rows if kind == "chrome"}
    labels = [pattern for pattern, kind in rows if kind == "header"]
    header = regex.compile(
        "^(?:" + "|".join(regex.escape(p) for p in sorted(labels, key=len, reverse=True)) + r")\s*[:：]"
    )
    return chrome, header


@cached_per_lexicons
def _annex():
    """A line that is only a glossary cue (附件1, 名词解释): the start of an annex."""
    cues, _ = _roles()
    return regex.compile(rf"^(?:{alternation(c for c, role in cues if role == 'glossary')})\s*\d*[:：]?$")


def title_roles(title: str) -> list[str]:
    """Roles whose cues the title carries, in priority order."""
    cues, priority = _roles()
    found = {role for cue, role in cues if cue in title}
    return [role for role in priority if role in found]


def _lines(text: str):
    for match in _LINE.finditer(text):
        if match.start() == match.end() and match.start() > 0 and text[match.start() - 1] != "\n":
            continue
        yield match.start(), match.group()


def _heading(line: str):
    """(level, title) when ``line`` is a heading, else None."""
    stripped = _LEAD.sub("", line).rstrip().rstrip("*`")
    if not stripped:
        return None
    if _PART.match(stripped):
        body = stripped.rstrip("。")
        if len(stripped) <= _MAX_PART_TITLE and "。" not in body:
            return 1, stripped
        return None
    for level, pattern in ((2, _SECTION), (3, _ITEM)):
        if pattern.match(stripped):
            title = stripped.split("。", 1)[0]
            return (level, title[:_MAX_TITLE]) if len(title) <= _MAX_TITLE else None
    if _annex().match(stripped):
        return -1, stripped
    if (
        len(stripped) <= _MAX_BARE_TITLE
        and not _CLAUSE_MARK.search(stripped)
        and not stripped.endswith(("。", "!", "?", "！", "？"))
        and title_roles(stripped)
    ):
        return 0, stripped  # a bare title: a part only where the report has no numbered parts
    return None


def _body_start(text: str) -> int:
    """Where the text proper starts: after the opening address (各位代表：)."""
    match = regex.search(r"各位(?:代表|委员)[:：!！]", text[:3000])
    return match.end() if match else 0


def parse_sections(text: str, kind: str | None = None, planned_year: int | None = None) -> list[Section]:
    """The section tree of ``text`` (offsets into ``text``), top-level sections with roles.

    ``kind`` is the document's kind: the first part of a ``work_report`` is its review
    even when its title names it by its content (see :func:`_assign_roles`).
    ``planned_year`` is the year a report plans: a review that ends with the paragraph
    opening the plan (2002年是…) gives that paragraph on to an untitled targets part."""
    announced = _announced_parts(text)
    headings = []  # (level, title, start)
    for start, line in _lines(text):
        stripped = _LEAD.sub("", line).rstrip().rstrip("*`")
        found = (1, stripped) if stripped.rstrip("。") in announced else _heading(line)
        if found:
            level, title = found
            headings.append((level, title, start + len(line) - len(line.lstrip())))
            continue
        glued = GLUED_PART_HEADING.search(line)
        found = _heading(glued.group("heading")) if glued else None
        if found and found[0] == 1:
            headings.append((1, found[1], start + glued.start("heading")))
    numbered_parts = [h for h in headings if h[0] == 1]
    bare_first = any(level == 0 for level, _, _ in headings[: headings.index(numbered_parts[0])]) \
        if numbered_parts else False
    if bare_first:
        # 2022年工作回顾 / 2023年工作安排 / 一、着力稳增长… : the bare titles are the parts
        # and the numbered parts after them are the items of the plan
        headings = [(1 if level == 0 else level, title, start) for level, title, start in headings]
    elif numbered_parts:
        headings = [h for h in headings if h[0] != 0]
    else:
        headings = [(1 if level == 0 else level, title, start) for level, title, start in headings]
    headings = _annex_levels(headings)
    if numbered_parts:
        untitled = _untitled_first_part(text, headings, numbered_parts[0])
        if untitled is not None:
            headings.insert(0, (1, "", untitled))
    headings = sorted(headings + _items(text), key=lambda h: h[2])
    sections = _clip_items(text, _tree(headings, 0, len(text), 1))
    sections = _assign_roles(sections, opens_with_review=kind == "work_report")
    return _plan_opened_in_review(text, sections, planned_year) if planned_year else sections


def _plan_opened_in_review(text: str, parts: list[Section], planned_year: int) -> list[Section]:
    """A report's plan opens with a paragraph on the year it plans (2002年是…一年。…今年工作的
    总体要求是…). Where that paragraph ends the review, the next heading being the first
    task (一、1999年国内工作回顾 … 2000年是世纪交替之年… 二、坚持实行扩大内需的方针), it
    and the rest of the review are an untitled targets part."""
    opening = regex.compile(rf"(?m)^[\s#*>]*{planned_year}年是")
    out = []
    for part in parts:
        turn = opening.search(text, part.start, part.end) if part.role == "review" else None
        if turn is None:
            out.append(part)
            continue
        split = turn.start() + len(turn.group()) - len(turn.group().lstrip())
        kept = tuple(_clipped(child, split) for child in part.children if child.start < split)
        given = tuple(child for child in part.children if child.start >= split)
        out.append(Section(part.title, part.level, part.start, split, part.role, kept))
        out.append(Section("", part.level, split, part.end, "targets", given))
    return out


def _clipped(section: Section, end: int) -> Section:
    """``section`` and its children ending at ``end`` at the latest."""
    if section.end <= end:
        return section
    children = tuple(_clipped(child, end) for child in section.children if child.start < end)
    return Section(section.title, section.level, section.start, end, section.role, children)


def _announced_parts(text: str) -> frozenset[str]:
    """The titles of the parts an opening lists (报告分六个部分：一、A；二、B；…), which head
    their parts as lines without numbers (A, B)."""
    match = _ANNOUNCED_PARTS.search(text, 0, _OPENING_LENGTH)
    if not match:
        return frozenset()
    items = _ANNOUNCED_ITEM.finditer(match.group("parts"))
    return frozenset(item.group("title").strip().rstrip("。") for item in items)


def _untitled_first_part(text: str, headings, first_part) -> int | None:
    """Where a first part without a heading starts, or None: the text between the opening
    address and the first numbered part when that part is not 一、 (the review has no
    heading), or when it is a long stretch with no heading at all (首先报告2001年的工作。…)."""
    _, title, first = first_part
    body = _body_start(text[:first])
    before = text[body:first].strip()
    numbered = _PART.match(_LEAD.sub("", title))
    starts_later = bool(numbered) and numbered.group(1) != "一"
    unheaded = len(before) > _MIN_UNTITLED_PART and not any(start < first for _, _, start in headings)
    return body if before and (starts_later or unheaded) else None


def _items(text: str) -> list[tuple[int, str, int]]:
    """Inline enumerations (一是…二是…, from 二是 on) and review highlights led by ——,
    as level-4 headings titled by their first clause."""
    items = []
    for match in _ENUMERATION.finditer(text):
        if match.group("ordinal") != "一" or _ENUMERATION_NEXT.search(text, match.end(), match.end() + 2000):
            items.append((_ITEM_LEVEL, _first_clause(text, match.start()), match.start()))
    for match in _HIGHLIGHT.finditer(text):
        items.append((_ITEM_LEVEL, _first_clause(text, match.start("dash")), match.start("dash")))
    return items


def _first_clause(text: str, start: int) -> str:
    end = _CLAUSE_OR_LINE_END.search(text, start)
    return text[start : end.start() if end else len(text)][:_MAX_TITLE]


def _clip_items(text: str, sections) -> list[Section]:
    """An inline item ends, at the latest, with its paragraph."""
    out = []
    for section in sections:
        end = section.end
        if section.level == _ITEM_LEVEL:
            paragraph_end = text.find("\n", section.start, end)
            end = paragraph_end if paragraph_end >= 0 else end
        out.append(Section(section.title, section.level, section.start, end, section.role,
                           tuple(_clip_items(text, section.children))))
    return out


def _annex_levels(headings):
    """Inside an annex (附件, 名词解释) numbered parts are its items, one level down."""
    out, in_annex = [], False
    for level, title, start in headings:
        if level == -1:
            in_annex = True
            out.append((1, title, start))
        elif in_annex:
            out.append((level + 1, title, start))
        else:
            out.append((level, title, start))
    return out


def _tree(headings, start: int, end: int, level: int) -> list[Section]:
    sections = []
    tops = [i for i, h in enumerate(headings) if h[0] == level]
    for n, index in enumerate(tops):
        _, title, section_start = headings[index]
        next_index = tops[n + 1] if n + 1 < len(tops) else len(headings)
        section_end = headings[next_index][2] if next_index < len(headings) else end
        inner = headings[index + 1 : next_index]
        children = _tree(inner, section_start, section_end, level + 1) if inner else []
        sections.append(Section(title, level, section_start, section_end, None, tuple(children)))
    if not tops and headings:
        return _tree(headings, start, end, level + 1)
    return sections


def _assign_roles(parts: list[Section], opens_with_review: bool = False) -> list[Section]:
    """Roles from the title cues. Where ``opens_with_review`` (a work report), a first
    part whose title has no cue is the review: reports that name their parts by their
    content (一、改革开放和现代化建设取得伟大成就的五年, 一、十四届州人民政府在艰难环境中创造佳绩)
    still look back first. An inline item (一是…) is no part."""
    out, seen_review, after_plan = [], False, False
    for part in parts:
        roles = title_roles(part.title)
        first_part = not out and part.level < _ITEM_LEVEL
        if first_part and (not part.title or opens_with_review and not roles):
            roles = ["review"]
        if "review" in roles and (not seen_review or len(roles) == 1) and not after_plan:
            role = "review"
        else:
            role = next((r for r in roles if r != "review"), roles[0] if roles else None)
        if role is None:
            # after the review, a part without a cue is this year's work: the national
            # reports of 1990-2002 name theirs by subject (二、大力推进国有企业改革)
            role = "tasks" if after_plan or seen_review else "other"
        seen_review = seen_review or role == "review"
        after_plan = after_plan or role in ("targets", "tasks")
        if role in ("glossary", "self_building"):
            after_plan = False
        out.append(Section(part.title, part.level, part.start, part.end, role, part.children))
    return _repeats_keep_roles(_plan_holds_tasks(_past_years_reviewed(out)))


def _repeats_keep_roles(parts: list[Section]) -> list[Section]:
    """A part headed as an earlier one has its role: a file that holds its report twice
    (nat-1991: 一、1990年计划的执行情况 … 三、… and again 一、1990年计划的执行情况 …)."""
    first_roles, out = {}, []
    for part in parts:
        role = first_roles.setdefault(part.title, part.role) if part.title else part.role
        out.append(Section(part.title, part.level, part.start, part.end, role, part.children))
    return out


def _past_years_reviewed(parts: list[Section]) -> list[Section]:
    """In a report with no review part, the parts that open it with the work of a year
    before the one its plan names are the review, though their words name work
    (一、2006年政府的主要工作 before 二、2007年工作主要目标和总体要求)."""
    planned = [int(year) for part in parts if part.role in ("targets", "tasks")
               for year in _TITLE_YEAR.findall(part.title)]
    if not planned or any(part.role == "review" for part in parts):
        return parts
    out = list(parts)
    for i, part in enumerate(parts):
        years = [int(year) for year in _TITLE_YEAR.findall(part.title)]
        if not years or max(years) >= max(planned) or part.role not in ("tasks", "other"):
            break
        out[i] = Section(part.title, part.level, part.start, part.end, "review", part.children)
    return out


def _plan_holds_tasks(parts: list[Section]) -> list[Section]:
    """A report with no tasks part plans its year in its last targets part
    (二、2012年政府工作总体要求和目标任务), else in the parts without a role between its
    review and its self-building part (三、一鼓作气勇争先，全力推动“十五五”开好局): those
    parts are the tasks."""
    if any(part.role == "tasks" for part in parts):
        return parts
    plans = [i for i, part in enumerate(parts) if part.role == "targets" and "任务" in part.title
             or part.role == "targets" and "tasks" in title_roles(part.title)]
    if plans:
        plans = plans[-1:]
    elif any(part.role == "review" for part in parts):
        # the parts without a role from the review to the government's own conduct
        after_review = itertools.dropwhile(lambda i: parts[i].role != "review", range(len(parts)))
        ahead = itertools.takewhile(lambda i: parts[i].role not in ("self_building", "glossary"),
                                    after_review)
        plans = [i for i in ahead if parts[i].role == "other"]
    for i in plans:
        part = parts[i]
        parts[i] = Section(part.title, part.level, part.start, part.end, "tasks", part.children)
    return parts


def boilerplate_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of web chrome and collector-header lines near the top
    (a ``---`` front-matter block included), of the opening address of a report
    (``各位代表：现在，我代表…``) and of web and mail addresses (``link``).

        >>> boilerplate_spans("详见 https://a.gov.cn/q?x=30%25 。")
        [(3, 29, 'link')]
    """
    chrome, header = _boilerplate()
    spans = []
    front_matter = _FRONT_MATTER.match(text)
    for start, line in _lines(text[:5000]):
        stripped = line.strip()
        if not stripped:
            continue
        if front_matter and start < front_matter.end():
            spans.append((start, start + len(line), "header"))
        elif stripped in chrome:
            spans.append((start, start + len(line), "chrome"))
        elif header.match(stripped):
            spans.append((start, start + len(line), "header"))
    opening = regex.search(r"各位代表[:：]\s*\n?\s*现在[,，]?我代表[^\n]*", text[:5000])
    if opening:
        spans.append((opening.start(), opening.end(), "opening"))
    # a web or mail address anywhere (its 30%25, 2020 and post_591449 are no quantities or
    # times), unless a header line already holds it
    marked = list(spans)
    spans += [(m.start(), m.end(), "link") for m in _LINK.finditer(text)
              if not any(start < m.end() and m.start() < end for start, end, _ in marked)]
    return sorted(spans)


def _containing(sections, position: int) -> Section | None:
    """The section of ``sections`` (sorted, not overlapping) that contains ``position``."""
    index = bisect.bisect_right(sections, position, key=lambda s: s.start) - 1
    if index >= 0 and position < sections[index].end:
        return sections[index]
    return None


def section_path(sections, position: int) -> tuple[str, ...]:
    """Titles of the sections that contain ``position``, outermost first."""
    path = []
    inner = _containing(sections, position)
    while inner is not None:
        path.append(inner.title)
        inner = _containing(inner.children, position)
    return tuple(path)


def role_at(sections, position: int) -> str | None:
    """Role of the top-level section that contains ``position``."""
    top = _containing(sections, position)
    return top.role if top else None
