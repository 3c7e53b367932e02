"""Initiatives: named programmes, slogans, brands and models, with their members.

Found forms: a quoted name followed by a category noun (``“红武共进 界别同行”党建品牌``);
a quoted numbered slogan or formula (``“两个全覆盖”``, ``“1+3+N”``); a numbered
name whose head is a category noun (``三大攻坚战``); a name of the gazetteer
``data/lexicons/initiatives.tsv`` anywhere. Members come from a list right
before the name (``凝心铸魂、双链融合、同行聚力、清风护航“四大工程”``), from a list
after it (``即…``, ``分别是…``, ``包括…``, a parenthesis), else from the gazetteer;
a formula's components from the sentences that explain each part (``“1”是…``).

Example:
    >>> from govtext import extract
    >>> [(i.name, i.members) for i in extract("实施甲乙、丙丁“两大工程”。").initiatives]
    [('两大工程', ('甲乙', '丙丁'))]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from ..lexicons import alternation, cached_per_lexicons, table, words
from ..numerals import ROUGH_PAIRS, parse_chinese
from ..records import Initiative
from ..segment import cut, is_idiom, is_noun, word_frequency, word_role, word_tag
from .base import CLAUSE_END, Context, Spans

_NUMERAL = "一二两三四五六七八九十"
# what a numbered slogan may start with: numerals, and 双/百/千/万 (双碳, 百千万工程)
_SLOGAN_NUMERAL = _NUMERAL + "双百千万"
# the counters after a slogan's numeral (四大工程, 三个1亿人, 两项制度, 十条措施, 三张清单)
_COUNTERS = "大个项条张件类"
# 双 counts two where it starts a short slogan (双千: 千项技改、千企提质; 双碳, 双循环)
_PAIR = "双"
# a modifier between a quoted name and its category noun (“…”党建品牌); words that
# start a predicate (是, 为, 的) cannot be part of it
_MODIFIER = r"[^\P{Han}是为的和与及在等即]"
# 1+3+N, 415X, 132, 智能+, 科学家+企业家, 民营经济32条
_FORMULA = regex.compile(r"\+|^\d{3,}[A-Za-z]?$|^\d{2,}[A-Za-z]$|\p{Han}\d+\p{Han}")
# a named programme's version: “澜湄合作2.0版”, “工业4.0”
_VERSIONED = regex.compile(r"\p{Han}\d+\.\d+版?$")
_NUMBERED = regex.compile(rf"[{_SLOGAN_NUMERAL}]+(?:大|个|项|张|条|件)?\p{{Han}}")
# a chain of further quoted phrases (“府院联动”“府检联动”)
_ANOTHER_QUOTED = r"[、,]?[“‘\"「][^”’\"」]{1,30}[”’\"」]"
# How many further quoted phrases a chain may hold before its shared category. The
# corpus's longest chain has 12 (温州 2021's “健康防疫”“明眸皓齿”…); an unbounded
# chain is rescanned from each of its phrases, which costs quadratic time on a text
# of thousands of quoted phrases in a row.
_MAX_CHAIN = 20
_MORE_QUOTED = rf"(?:{_ANOTHER_QUOTED}){{0,{_MAX_CHAIN}}}"
_CHAIN = regex.compile(rf"{_MORE_QUOTED}(?:、?等)?")  # more quoted names, then maybe 等
_HAN_WORD = regex.compile(r"\p{Han}+")
_GLOSS = regex.compile(r"[(（][^()（）]*[)）]")  # a gloss in brackets inside a name
_PHRASE = regex.compile(r"[\p{Han}\d()（）]+")  # a slogan of one stretch: no marks but brackets
_JOINING_WORDS = frozenset({"和", "及", "与", "或", "以及"})  # a head noun stops before them
_COUNTED = regex.compile(rf"[{_NUMERAL}]+(?=[{_COUNTERS}]|\p{{Han}}{{1,2}}$)|{_PAIR}(?=\p{{Han}}{{1,2}}$)")
# members listed as 一是…，二是…，三是…
_ORDINAL_ITEM = regex.compile(r"[一二三四五六七八九十]是([^,，;；。:：]+)")
_CLAUSE_REST = regex.compile(r"\p{Han}{0,9}")
_CLAUSE_MARKS = frozenset(CLAUSE_END + "、")  # the text is normalized: half-width marks
_NOT_CATEGORY_START = _JOINING_WORDS | {"为", "的", "是"}
_SEGMENTS = regex.compile(r"[,，、\s]+")
_DEFINES = "(?:是|即|指|为|就是)"
# a list after the name, maybe after its head noun: “两区一园”建设，即高新区、经开区和大学科技园
# 即 and 指 as cues, not as the first character of 即将, 即时, 指挥, 指导, 指标 …
_LIST_AFTER = regex.compile(
    r"^(?P<between>\p{Han}{0,6})[,:]?\s*"
    r"(?:即(?![将时可使便刻])|分别是|分别为|包括|是指|指(?![挥导标数引出定令示望针])|主要包括)[:,]?"
)
_ORDINALS_AFTER = regex.compile(r"^(?P<between>\p{Han}{0,6})[,:：]?\s*(?=一是)")
# “三个一”服务（一张清单、…）
_PARENTHESIS = regex.compile(r"^(?P<between>\p{Han}{0,6})\((?P<items>[^()]{2,80})\)")
# what may not stand between a name and the list after it: 的 or another counted name
# (“一带一路”的八项行动，分别为…: the list is the 八项行动's)
_NOT_BETWEEN = regex.compile(rf"的|[{_NUMERAL}]+[{_COUNTERS}]")
# the longest member the text states after a name (the corpus's longest right one:
# 农商文旅体融合发展服务平台, 无黑恶(势力)镇区, 精神文明建设水平提升工程)
_MAX_STATED_ITEM = 20
_ITEM_OF_LIST = regex.compile(r"\p{Han}{0,4}[、等]")
_QUANTITY_END = regex.compile(r"\d+\p{Han}?$")
_AFTER_A_QUOTED_NAME = regex.compile(r"[”’\"」](?:和|及|与|是指|指|即)(?=[^“”‘’\"「」]+$)")
_QUOTE_MARKS = regex.compile(r"[“”‘’\"「」]")
_QUOTED_LIST_END = regex.compile(r"[“‘\"「](?P<items>[^“”‘’\"「」]+)[”’\"」]$")
_ITEM_SPLIT = regex.compile(r"、|和|及|与|以及")
# how many characters may stand between a word of kind `before` and the quote (防止政策执行“一刀切”)
_MAX_BEFORE_QUOTE = 4
_LIST_END = regex.compile(r"[。;\n]")  # where a list stated after a name ends


@dataclass(frozen=True)
class _Lexicon:
    # name -> (members, category, members_source, earlier): earlier holds (last year, members)
    # pairs, the members the name had in texts of that year and before (四个全面 until 2020)
    gazetteer: dict
    quoted: regex.Pattern  # a quoted name with the category noun after it, if any
    numbered: regex.Pattern  # 三大攻坚战, 六大林业生态工程
    known: re.Pattern | None  # numbered gazetteer names, found unquoted
    head: regex.Pattern  # a category noun ending a name (双高计划)
    category_after: regex.Pattern  # a category noun right after an unquoted name (放管服改革)
    not_heads: regex.Pattern  # what follows quotes that are not initiatives (“…”等问题)
    # a category that ends with one of them says the same (“…”的怒江脱贫攻坚精神, 城市精神)
    not_head_end: regex.Pattern
    # further quoted names, then the category they share (“包抓联”“六必访”服务)
    shared_category: regex.Pattern
    weak_categories: frozenset  # generic heads (要求, 服务) that a figurative word may stand before
    not_names: frozenset  # quoted names that are never initiatives (四人帮)
    not_kind: regex.Pattern  # quoted phrases of a kind never an initiative (“幸福指数”, questions)
    # what stands before a quoted problem or outcome the text fights (遏制耕地“非农化”, 不搞“一刀切”)
    not_before: regex.Pattern
    # a contrast of two quoted phrases (从“个别美”走向“全域美”): what follows the first, and
    # what precedes the second
    contrast_after: regex.Pattern
    contrast_before: regex.Pattern
    # heads that name the category of an initiative found by other evidence (“六稳”工作)
    evidence_heads: frozenset
    parts: frozenset  # heads that name a part of an initiative (规划目标任务 -> 规划)
    about: frozenset  # heads that a head inside the name wins over (“千万工程”经验 -> 工程)
    verbs: frozenset  # verbs that take a name or its members as object (实施, 开展, 推进)


@cached_per_lexicons
def _lexicon() -> _Lexicon:
    gazetteer, found_anywhere = {}, []
    for name, members, category, verified, _source, found, earlier in table("initiatives.tsv", 6, 7):
        # members from an entry nobody has checked (M) say so in every record that has them
        source = "gazetteer" if verified == "V" else "gazetteer-unverified"
        gazetteer[name] = (_gazetteer_members(members), category or None, source, _earlier_members(earlier))
        if found == "any":
            found_anywhere.append(name)
    rows = table("initiative_categories.tsv", 1, 2)
    categories = [(word, strength) for word, strength in rows if strength != "evidence"]
    evidence_heads = frozenset(word for word, strength in rows if strength == "evidence")
    category = alternation(word for word, _ in categories)
    head = rf"{_MODIFIER}{{0,4}}(?:{category})"  # 党建品牌, 协商新模式
    quoted = regex.compile(
        r"(?P<open>[“‘\"「])(?P<name>[^“”‘’\"「」\n]{1,30})(?P<close>[”’\"」])"
        r"(?:\([^()\n]{1,80}\))?"  # the members in brackets may stand before the category
        # so may the mark of a note at the text's end (“一链四极”[2]布局); it is passed over
        # only before a category, for what else follows a mark is read as after no quote
        rf"(?:(?:\[\d{{1,3}}\])?(?P<category>(?:(?<=以[“‘\"「][^”’\"」]{{1,30}}[”’\"」])为)?{head}))?"
    )
    numbered = regex.compile(
        rf"(?<![{_NUMERAL}第])(?P<name>(?!一[大个项]|(?:{ROUGH_PAIRS})[大个项])[{_NUMERAL}]+(?:大|个|项)\p{{Han}}{{0,4}}?"
        rf"(?P<category>{category}))"
    )
    # unquoted, only the names the gazetteer marks `any` (千万工程, 六稳, 放管服): 新发展理念 or
    # 专精特新 unquoted are a concept or an adjective the text uses, not a programme it names
    # (with re, which finds a plain alternation of words in 40% of regex's time)
    known = re.compile(alternation(found_anywhere)) if found_anywhere else None
    not_head_rows = table("not_initiative_heads.tsv", 1, 2)
    not_heads = regex.compile(rf"{_MORE_QUOTED}等?(?P<word>{alternation(w for w, _ in not_head_rows)})")
    # the words marked `end` say it at the end of a longer category too (城市精神)
    ends = [word for word, where in not_head_rows if where == "end"]
    not_head_end = regex.compile(rf"(?:{alternation(ends)})$" if ends else r"(?!)")
    shared_category = regex.compile(rf"(?:{_ANOTHER_QUOTED}){{1,{_MAX_CHAIN}}}(?:、?等)?(?P<category>{head})")
    weak = frozenset(word for word, strength in categories if strength in ("weak", "part"))
    kinds = table("not_initiative_kinds.tsv", 2)
    endings = [word for word, where in kinds if where == "end"]
    starts = [word for word, where in kinds if where == "start"]
    anywhere = [word for word, where in kinds if where == "any"]
    not_kind = regex.compile("|".join(
        ([rf"(?:{alternation(endings)})$"] if endings else [])
        + ([rf"^(?:{alternation(starts)})"] if starts else [])
        + ([alternation(anywhere)] if anywhere else [])
    ) or r"(?!)")
    before = [word for word, where in kinds if where == "before"]
    # the word, then at most what a short object takes (耕地, 政策执行) before the quote
    not_before = regex.compile(
        rf"(?:{alternation(before)})\p{{Han}}{{0,{_MAX_BEFORE_QUOTE}}}$" if before else r"(?!)"
    )
    between = alternation(word for word, where in kinds if where == "between")
    contrast_after = regex.compile(rf"(?:{between})[“‘\"「]" if between else r"(?!)")
    contrast_before = regex.compile(rf"[”’\"」](?:{between})$" if between else r"(?!)")
    return _Lexicon(gazetteer, quoted, numbered, known, regex.compile(rf"(?:{category})$"),
                    regex.compile(head), not_heads, not_head_end, shared_category, weak,
                    frozenset(words("not_initiatives.tsv")), not_kind, not_before, contrast_after,
                    contrast_before, evidence_heads,
                    frozenset(word for word, strength in categories if strength == "part"),
                    frozenset(word for word, strength in categories if strength == "about"),
                    frozenset(words("initiative_verbs.tsv")))


def _gazetteer_members(members: str) -> tuple[str, ...]:
    # members are joined by | where one of them holds a 、 (两个维护), else by 、
    separator = "|" if "|" in members else "、"
    return tuple(m.strip() for m in members.split(separator) if m.strip())


def _earlier_members(field: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """The gazetteer's earlier members of a name, oldest first: ``2020:甲、乙;2030:丙、丁``
    (the members up to 2020, then up to 2030; the members column holds today's)."""
    variants = []
    for variant in filter(None, (v.strip() for v in field.split(";"))):
        year, _, members = variant.partition(":")
        variants.append((int(year), _gazetteer_members(members)))
    return tuple(sorted(variants))


def _members_in(known: tuple, year: int | None) -> tuple[str, ...]:
    """The gazetteer's members of a name in a text of ``year``: the earliest variant
    whose last year the text is not after, else today's (also when the year is unknown)."""
    if year is not None:
        for last, members in known[3]:
            if year <= last:
                return members
    return known[0]


def announced_count(name: str) -> int | None:
    """How many members a numbered name announces: 四大工程 and 两个全覆盖 (a numeral with
    a counter), 六稳 (a numeral and one word); None for 三去一降一补 or 一企一策一专班,
    whose numerals count something else, and for 八八战略, whose numerals are a label;
    双 with one or two characters counts two (双千, 双循环; not 双招双引).

    Example:
        >>> announced_count("四大工程"), announced_count("两个维护"), announced_count("八八战略")
        (4, 2, None)
        >>> announced_count("双千"), announced_count("双招双引")
        (2, None)
    """
    if any(mark in name for mark in "、,，"):
        return None  # 四个革命、一个合作: two counts, of different things
    match = _COUNTED.match(name)
    # 八八战略, 三三制: numerals that repeat without 十 are a label, not a number
    if not match or (len(match.group()) > 1 and "十" not in match.group()):
        return None
    value = 2 if match.group() == _PAIR else parse_chinese(match.group())
    return int(value) if value is not None else None


def _clean_item(item: str) -> str:
    return item.strip(" ,;:“”‘’\"「」")


def _split_items(phrase: str) -> list[str]:
    """The items of a list joined by 、, 和, 及, 与 or 以及, where these stand as words
    (not the 与 of 参与 or the 及 of 及时)."""
    items = []
    for part in phrase.split("、"):
        item = ""
        for word in cut(part):
            if _ITEM_SPLIT.fullmatch(word):
                items.append(item)
                item = ""
            else:
                item += word
        items.append(item)
    return [i for i in (_clean_item(p) for p in items) if i]



class InitiativeExtractor:
    """Finds named initiatives with their category, members and components."""

    name = "initiatives"

    def __call__(self, context: Context) -> list[Initiative]:
        lexicon = _lexicon()
        text = context.text
        found: dict[tuple[int, int], Initiative] = {}

        def add(start, end, category, span_end, rule):
            if (start, end) in found or context.titled.covering(start):
                return
            name = text[start:end]
            # a name a PDF line wrap split (五篇大 文章) is still the gazetteer's
            known = lexicon.gazetteer.get(name) or lexicon.gazetteer.get("".join(name.split()))
            category = category or (known[1] if known else None)
            # the members the text ties to the name, else the gazetteer's, else some of
            # them that the text lists before the name with 等
            members = self._members_stated(context, span_end, name, category)
            partial = False
            if not members:
                members, partial = self._members_before(context, start, span_end, name)
            source = "text" if members else None
            if (partial or not members) and known and known[0]:
                members, source = _members_in(known, context.reference_year), known[2]
            elif partial:
                source = "text-partial"
            components = self._components(context, span_end, name)
            if rule == "quoted" and _FORMULA.search(name):
                rule = "formula"
            ostart, oend, otext = context.original(start, end)
            # the name as written (full-width punctuation kept), white space collapsed
            found[(start, end)] = Initiative(
                ostart, oend, otext, " ".join(otext.split()), category, tuple(members), components,
                members_source=source, rule=rule,
            )

        for match in lexicon.quoted.finditer(text):
            raw = match.group("name")
            name = raw.strip()
            name_start = match.start("name") + len(raw) - len(raw.lstrip())
            category = self._quoted_category(context, match, name)
            if (category and lexicon.not_head_end.search(category) and name not in lexicon.gazetteer
                    and not _FORMULA.search(name)):
                continue  # “马上就办”工作精神, “走出去”的企业
            if category is not False:
                # members and components are read from right after the closing quote
                add(name_start, name_start + len(name), category, match.end("close"), "quoted")
        for match in lexicon.numbered.finditer(text):
            # 三大战略性新兴产业 holds no 三大战略: the head goes on into a longer word
            end, category = match.end(), match.group("category")
            # a category noun right after the first one ends the name (三大战略行动, 十大为民办
            # 实事工程): the name is its longest
            longer = lexicon.category_after.match(text, end)
            if (longer and lexicon.head.fullmatch(longer.group())
                    and _ends_word(text, match.start(), longer.end())):
                # the part a head names says which part (改造项目 -> 改造, 攻坚任务 -> 攻坚)
                end, category = longer.end(), _first_head(category + longer.group())
            if not context.quoted.covering(match.start()) and _ends_word(text, match.start(), end):
                add(match.start(), end, category, end, "numbered")
        if lexicon.known is not None:
            taken = Spans(found)
            for match in lexicon.known.finditer(text):
                if taken.overlaps(*match.span()):
                    continue  # 三保 inside “两不愁、三保障”
                head = lexicon.category_after.match(text, match.end())
                category = _first_head(head.group()) if head else _evidence_head(text, match.end())
                if category is None or category in lexicon.about:
                    category = _inner_head(match.group()) or category
                add(match.start(), match.end(), category, match.end(), "gazetteer")
        return sorted(found.values(), key=lambda r: (r.start, r.end))

    @staticmethod
    def _quoted_category(context: Context, match, name: str):
        """The category of a quoted initiative (None when it has none), or False when
        the quoted phrase is not an initiative."""
        lexicon = _lexicon()
        # “园”“地”融合发展机制: a single character is a figure, not a name; “（徐林、岳宗）”
        # quotes a bracket (the reporters' names), not a name
        if len(name) < 2 or name[0] in "(（" or name in lexicon.not_names:
            return False
        category = match.group("category")
        # an index or a question (“幸福指数”, “钱从哪里来…”), unless a count or a category
        # noun makes it a name (“一赛一榜一指数”, “高质量发展，我们怎么干”大讨论活动)
        # a problem or outcome the text fights is no programme (遏制耕地“非农化”, 不搞“一刀切”)
        opening = match.start("open")
        fought = lexicon.not_before.search(context.text, max(0, opening - 12), opening)
        # one side of a contrast is a figure (从“个别美”走向“全域美”, 让“盆景”变成“风景”)
        contrast = name not in lexicon.gazetteer and not _FORMULA.search(name) and (
            lexicon.contrast_after.match(context.text, match.end("close"))
            or lexicon.contrast_before.search(context.text, max(0, opening - 6), opening))
        if (lexicon.not_kind.search(name) or fought or contrast) and not _NUMBERED.match(name):
            after = match.end("close") + context.text.startswith("等", match.end("close"))
            # “周末去哪儿”等旅游品牌; “零审批”“零收费”园区试点
            if not (lexicon.category_after.match(context.text, after)
                    or lexicon.shared_category.match(context.text, match.end())):
                return False
        text = context.text
        if category:
            if category in lexicon.weak_categories and _is_plain_word(name):
                return False  # 落实“优先”要求
            category = category.removeprefix("为")
            if category in lexicon.about or category in lexicon.parts:
                # “千万工程”经验 is a 工程, and so are “百千工程”项目; not “…招引好项目”为目标
                inner = _inner_head(name)
                return inner if inner and inner not in lexicon.parts else category
            return _first_head(category)
        if _not_head_after(context.text, match.end()) or "的" in name:
            return False
        # an idiom is a figure of speech (“一马当先”, “万众一心”, “一刀切”), though it may start
        # with a numeral, unless a head after it names what it is (“门前三包”责任制)
        # A known or counted name is no figure (“七通一平”; “三结合”的制度, “三落实”“四不摘”)
        if (is_idiom(name) and not _evidence_head(text, match.end())
                and not _named_idiom(text, match.end(), name)):
            return False
        shared = lexicon.shared_category.match(context.text, match.end())
        if shared:
            # a name with a head of its own is what that says (“森林保卫战”、“…”等硬仗)
            return _inner_head(name) or shared.group("category")
        if _NUMBERED.match(name) and len(name) <= 10:
            # a head of evidence may follow a chain of names that it ends (“六稳”、“六保”工作)
            return _head_category(name) or _evidence_head(text, _CHAIN.match(text, match.end()).end())
        if "+" in name:  # the last part of a formula is not its head: “政策+活动”双轮驱动
            evidence = _evidence_head(text, match.end())
            if evidence:
                return evidence
            category = _following_noun(text, match.end(), whole_clause=True)
            return None if category and _predicate_goes_on(text, match.end(), category) else category
        inner = _inner_head(name)
        if inner:
            return inner  # “双高计划”, “文化扶贫工程”; not “新品牌”
        named = (_FORMULA.search(name) or _VERSIONED.search(name) or name in lexicon.gazetteer
                 or _is_system(name))
        if named or _is_slogan(name):
            category = _evidence_head(text, match.end()) or _following_noun(text, match.end())
            # a slogan that only describes the noun after 的 is a motto (“时时放心不下”的责任意识,
            # “湘吐一家亲”的深情厚谊); one with a head noun there is named (“稳住一头，放开一片”的方针)
            # (“厚道枣庄人、放心农产品”的品牌影响力 holds a head: 品牌)
            holds_head = category and any(
                lexicon.head.search(category, 0, end) for end in range(2, len(category) + 1))
            if not named and category and text.startswith("的", match.end()) and not holds_head:
                return False
            # a phrase that starts a predicate about the slogan is no head noun of it
            # (“民情地图”广受好评, “断头路”全面打通, “最多跑一次”率达100%), nor is a
            # predicate without a noun (“交通+旅游”融合发展, “高效办成一件事”扩面提质)
            # (a word that makes the quote no initiative still says so: “先涨后补”等违规违法行为)
            if (category and not lexicon.not_head_end.search(category)
                    and (_predicate_goes_on(text, match.end(), category) or _holds_no_noun(category))):
                return None
            return category
        return False

    @staticmethod
    def _members_stated(context: Context, span_end: int, name: str, category: str | None) -> list[str]:
        """Members the text states right after the name: 即/分别是/包括 …, a parenthesis,
        一是…二是…; as many as a counted name announces, else none."""
        expected = announced_count(name)
        after = context.text[span_end : span_end + 200]

        def tied(match) -> bool:
            # only the name's own category may stand between it and the list
            between = match.group("between")
            return not between or between == category or not _NOT_BETWEEN.search(between)

        def counted(items: list[str]) -> bool:
            # items of a sentence that defines the name are not a list (“单一窗口”：是指…)
            # nor is a clause with a comma (“打伞干活”是指一旦出现疫情，做到…、精准管控)
            return (len(items) > 1 and (expected is None or len(items) == expected)
                    and all(len(i) <= _MAX_STATED_ITEM and "," not in i for i in items))

        parenthesis = _PARENTHESIS.match(after)
        if parenthesis and parenthesis.group("between") in ("", category):
            items = _split_items(parenthesis.group("items"))
            if counted(items):
                return items
        cue = _LIST_AFTER.match(after)
        if cue and tied(cue):
            rest = after[cue.end() :]
            stop = _LIST_END.search(rest)
            items = _split_items(rest[: stop.start() if stop else len(rest)].rstrip("等"))
            if counted(items):
                return items
        following = _next_sentence_list(context.text, span_end - len(name), after, expected, category)
        if following:  # 全面落实五大任务。抓住…关键点，加快去产能、去库存、去杠杆、降成本、补短板。
            return following
        ordinals = _ORDINALS_AFTER.match(after)
        if ordinals and tied(ordinals):  # “三项工程”：一是产业强基，二是城市更新，三是民生提质
            items = [m.group(1).strip() for m in _ORDINAL_ITEM.finditer(after, ordinals.end())]
            items = items[:expected] if expected else items
            if counted(items):
                return items
        return []

    @staticmethod
    def _members_before(context: Context, start: int, span_end: int, name: str) -> tuple[list[str], bool]:
        """A list right before a counted name (A、B、C、D“四大工程”) that is the whole
        enumeration of its clause and numbers what the name counts, and whether it is
        partial: with 等, fewer items than the count (退耕还林、天然林保护、京津风沙源治理等
        六大林业生态工程).

        Not members: a longer list whose last items happen to number the count
        (低收入人口、…、困境儿童和农村“三留守”), items that quote other names
        (增强“四个意识”、坚定“四个自信”、做到“两个维护”), or a verb that takes the
        name as its object (推动…发展、实现“两个率先”).
        """
        none = ([], False)
        expected = announced_count(name)
        if not expected or expected < 2:
            return none
        text = context.text
        quote_start = start - 1 if start and text[start - 1] in "“‘\"「" else start
        before = text[context.clause_start(quote_start) : quote_start]
        partial = before.endswith("等")
        before = before.removesuffix("等")
        # a quoted list (树立“创新、协调、绿色、开放、共享”五大发展理念) starts at its quote
        quoted_list = _QUOTED_LIST_END.search(before)
        if quoted_list:
            before = quoted_list.group("items")
        # a list is joined by 、 (a 和 only before its last item): 残疾人和…“两项补贴”
        # is not a list of two
        items = before.split("、")
        # items that quote other names are phrases about them (坚定“四个自信”、做到“两个维护”);
        # the first item may quote one before the list starts (支持“双区”和横琴、前海、南沙
        # 三大平台), unless the item is about it (深刻领悟“两个确立”的决定性意义、坚决做到…)
        if _QUOTE_MARKS.search("".join(items[1:])) or "”的" in items[0]:
            return none
        if _QUOTE_MARKS.search(items[0]):
            # only a conjunction or a definition joins the quoted name to the list
            start = _AFTER_A_QUOTED_NAME.search(items[0])
            if not start:
                return none
            items[0] = items[0][start.end() :]
        joined = len(items) == expected - 1 and len(_split_items(items[-1])) == 2
        if joined:
            items[-1:] = _split_items(items[-1])
        # the name (with a noun after it) is itself an item of a list: 推进…、基层“三保”、
        # 地方政府债务管理; 开展适龄女孩HPV疫苗接种、妇女“两癌”筛查等
        if _ITEM_OF_LIST.match(text, span_end):
            return none
        if len(items) > expected or len(items) < 2 or (len(items) < expected and not partial):
            return none
        items = [_clean_item(i).removesuffix("的") for i in items]
        if not all(items[1:]):
            return none
        # verbs that take the name, not its members (统筹推进、一体落实“两区”建设)
        verbs = _lexicon().verbs
        if all(cut(i)[-1] in verbs for i in items if i):
            return none
        # the clause's verb before the first member (扎实开展压减燃煤、… -> 压减燃煤)
        items[0] = _after_last_verb(items[0], verbs)
        # two items joined by 和/及 alone are a list only when the clause holds nothing
        # else (蓝天和碧水“两大行动”; not 为适龄妇女开展HPV疫苗接种和“两癌”筛查)
        if joined and len(items) == 2 and len(items[0]) > 6:
            return none
        paired = _COUNTED.match(name).group() == _PAIR
        if paired:
            # 双 says less than a count does: the two things may be what the slogan is about
            # (事故起数、死亡人数持续“双下降”), not its parts. A known slogan keeps the
            # gazetteer's members (郑州大学、河南大学“双一流”建设); two nouns of their own,
            # whole, are its parts (千项技改、千企提质“双千”工程)
            known = _lexicon().gazetteer.get(name)
            if (known and known[0]) or not all(_is_noun_item(i) for i in items):
                return none
            # the clause's words before the first part (大力开展千项技改, 健全点将赛): the two
            # parts are of about one length
            items[0] = _trim_to_length(items[0], len(items[1]) + 1)
        elif not quoted_list:
            items[0] = _trim_to_length(items[0], max(len(i) for i in items[1:]))
        # the last item is the verb that takes the name (推动…发展、实现“两个率先”), unless
        # every item is one (执法、治理、宣教三项行动)
        if not all(items) or any(len(i) > 12 for i in items):
            return none
        if not quoted_list and _is_lone_verb(items[-1]) and not all(_is_lone_verb(i) for i in items):
            return none
        # the last item ends with the verb that takes the name (人员实现“三下降”)
        if word_role(cut(items[-1])[-1]) == "link":
            return none
        # a count of the phrase the name starts (新增4个…示范区、4个“两山”实践创新基地)
        if _QUANTITY_END.search(items[-1]):
            return none
        # two items joined by 和/及 alone are a list only when neither ends with a verb
        # (各级政府及其工作人员要深刻领悟“两个确立”)
        if joined and len(items) == 2 and any(word_tag(cut(i)[-1]) == "v" for i in items):
            return none
        return items, len(items) < expected

    def _components(self, context: Context, span_end: int, name: str) -> tuple[tuple[str, str], ...]:
        if "+" not in name:
            return ()
        following = context.text[span_end : span_end + 1500]
        components = []
        for part in dict.fromkeys(name.split("+")):
            definition = _definition_of(part, following)
            if definition:
                components.append((part, definition.group("definition").strip()))
        return tuple(components)


# what the text says a part of a formula in quotes stands for, after the part: ”是一个平台
_DEFINITION = regex.compile(
    rf"[”’\"]{_DEFINES}(?P<definition>.+?)(?=[,;。\n]?[“‘\"][^”’\"]{{1,3}}[”’\"]{_DEFINES}|[。;\n]|$)"
)


def _definition_of(part: str, following: str):
    """The first definition of ``part`` in ``following``: “1”是一个平台.

    (The part found as a string and _DEFINITION matched after it, instead of a pattern
    compiled for each part: the corpus holds 500 parts, and regex takes half a
    millisecond to compile one.)

    Example:
        >>> _definition_of("1", "其中,“1”是一个平台,“3”是三大体系。").group("definition")
        '一个平台'
    """
    position = following.find(part)
    while position >= 0:
        if position and following[position - 1] in "“‘\"":
            definition = _DEFINITION.match(following, position + len(part))
            if definition:
                return definition
        position = following.find(part, position + 1)
    return None


# what stands between a slogan and its head noun: more quoted slogans, 等 or 的, a count
_BEFORE_HEAD = regex.compile(rf"{_MORE_QUOTED}(?:、?等|的)?(?:[{_NUMERAL}]+大)?")


# what goes on from a phrase as its predicate: a word of its own (not 的, 等, a joining
# word) or a figure
_PREDICATE_GOES_ON = regex.compile(r"(?![的等和及与或以而])[\p{Han}\d]")


@cached_per_lexicons
def _adverbs() -> frozenset:
    """Adverbs jieba tags as nouns (基本, 全面): the words name_chunks.tsv marks ``adverb``."""
    rows = table("name_chunks.tsv", 2, 3)
    return frozenset(word for word, kinds, _ in rows if "adverb" in kinds.split(","))


def _predicate_goes_on(text: str, position: int, category: str) -> bool:
    """Whether the phrase ``category`` read after a slogan that ends at ``position`` is
    the start of a predicate about the slogan, not its head noun: in the same clause a
    word or a figure goes on from it (上线|运行, 广受|好评, 基本|建成, 率达|100%), and it
    ends with a word that is no noun of the dictionary (广受, 率达, 正式, 国家级) or is an
    adverb (基本, 全面). A phrase that ends with a category noun, or with a noun
    (“齐鲁号”欧亚班列|开行, “2+4+X”主导产业|占), is the slogan's head all the same."""
    start = _BEFORE_HEAD.match(text, position).end()
    if not text.startswith(category, start) or _ends_with_head(category):
        return False
    if not _PREDICATE_GOES_ON.match(text, start + len(category)):
        return False
    last = cut(category)[-1]
    return not is_noun(last) or last in _adverbs()


_COUNT_START = regex.compile(rf"[{_NUMERAL}]+[{_COUNTERS}]")


def _holds_no_noun(category: str) -> bool:
    """Whether a phrase read after a slogan is a predicate, not a head noun: no category
    noun ends it, and none of its words is a noun of the dictionary, whether it holds two
    or more (融合|发展, 扩面|提质, 深入|发展, 成效|明显) or one that jieba only makes up
    from characters (提效, 扩围, 同城化). A single word of the dictionary (管理, 教育,
    检查) may name what the slogan is."""
    if _ends_with_head(category) or _COUNT_START.match(category):
        return False  # a count starts a noun phrase (三张清单)
    words = cut(category)
    if any(is_noun(word) for word in words):
        return False
    return len(words) > 1 or word_frequency(category) == 0


def _ends_with_head(category: str) -> bool:
    """Whether a category noun or a head of evidence (建设, 工作) ends ``category``."""
    return bool(_lexicon().head.search(category)) or any(
        category.endswith(head) for head in _lexicon().evidence_heads)


def _following_noun(text: str, position: int, whole_clause: bool = False) -> str | None:
    """The noun phrase after a quoted slogan, as its category: “132”总体工作部署,
    “油路到县”、“送电到乡”等工程, “稳住一头，放开一片”的方针.

    With ``whole_clause`` (formula names), a category may also start with a verb when
    it fills the rest of its clause and ends with a noun: “科学家+企业家”创新联合体,
    “高校+平台+企业”结对合作.
    """
    position = _BEFORE_HEAD.match(text, position).end()
    phrase = ""
    has_verb = False
    for word in cut(text[position : position + 10]):
        if not _HAN_WORD.fullmatch(word) or word_role(word) != "noun" or word in _JOINING_WORDS:
            break
        # a verb that takes an initiative, inside a word jieba holds as a noun (全面推行, 深入开展),
        # makes the phrase what the text does with the slogan, not what the slogan is
        # (“建链补链延链强链”全面推行链长制, “非禁即入”普遍落实, “…”廉政谈话深入开展), unless a
        # category noun ends the phrase (闭环落实机制)
        if not has_verb and any(word.endswith(verb) for verb in _lexicon().verbs):
            has_verb = True
        phrase += word
    if has_verb and not _lexicon().head.search(phrase):
        return _clause_category(text, position) if whole_clause else None
    if 2 <= len(phrase) <= 8:
        return phrase
    return _clause_category(text, position) if whole_clause else None


def _clause_category(text: str, position: int) -> str | None:
    """The rest of the clause from ``position``, as a category, when it is short and
    ends with a noun (创新联合体, 结对合作)."""
    clause = _CLAUSE_REST.match(text, position).group()
    end = position + len(clause)
    if not 2 <= len(clause) <= 8 or text[end : end + 1] not in _CLAUSE_MARKS:
        return None
    words = cut(clause)
    if len(words) > 1 and word_role(words[-1]) == "noun" and words[0] not in _NOT_CATEGORY_START:
        return clause
    return None


_MAX_HEAD_STRETCH = 10  # how far a category noun may end a phrase that starts with a not-head


def _not_head_after(text: str, position: int) -> bool:
    """Whether a word of not_initiative_heads.tsv follows (after more quoted phrases and
    等) as a word of its own: “新强旧弱”等问题, “马上就办”精神; not 精神文明 (“讲社会公德、
    做文明武汉人”精神文明创建活动)."""
    head = _lexicon().not_heads.match(text, position)
    if not head:
        return False
    word, start = head.group("word"), head.start("word")
    if len(cut(text[start : start + 8])[0]) <= len(word):
        return True
    # a longer word that starts with it (精神文明) and a phrase that ends with a category noun
    stretch = _HAN_WORD.match(text, start).group()[:_MAX_HEAD_STRETCH]
    heads = _lexicon().head
    return not any(heads.search(stretch[:end]) for end in range(len(word) + 1, len(stretch) + 1))


# how far past a head the segmentation is read to see whether the head ends a word
_WORD_WINDOW = 8


def _ends_word(text: str, start: int, end: int) -> bool:
    """Whether ``end`` ends a word in the segmentation of the text from ``start``: a
    category noun that goes on into a longer word (三大战略|性新兴产业, 五大新兴服务|业,
    两个试点|县) ends no name. A word that joins the head to a word of its own (工程建设,
    战略规划, 行动计划) is a compound: the head ends there.

    Example:
        >>> _ends_word("三大战略性新兴产业", 0, 4), _ends_word("六大工程建设", 0, 4)
        (False, True)
    """
    position = start
    for word in cut(text[start : end + _WORD_WINDOW]):
        position += len(word)
        if position == end:
            return True
        if position > end:
            rest = text[end:position]
            return len(rest) >= 2 and len(cut(rest)[0]) >= 2
    return True


# another quoted numbered name right after one (“三落实”“四不摘”)
_QUOTED_NUMBERED = regex.compile(rf"[、,]?[“‘\"「][{_SLOGAN_NUMERAL}]")


def _named_idiom(text: str, position: int, name: str) -> bool:
    """Whether a quoted word that jieba holds as an idiom is a name all the same: a name
    of the gazetteer (七通一平), or a name that counts two or more (三结合, 三落实) with a
    category noun after it (maybe after 的: “三结合”的制度) or another quoted numbered name
    (“三落实”“四不摘”). 一马当先, 一刀切 and 万众一心 count nothing."""
    if name in _lexicon().gazetteer:
        return True
    if (announced_count(name) or 0) < 2:
        return False
    after = position + text.startswith("的", position)
    return bool(_lexicon().category_after.match(text, after) or _QUOTED_NUMBERED.match(text, position))


def _is_slogan(name: str) -> bool:
    """Whether a quoted phrase reads as a slogan or programme, not a figurative word.

    Parallel segments of about one length (巩固、增强、提升、畅通; 企业认定、政府认账;
    抓住机遇，深化改革，…) are slogans; so is a short phrase of several words
    (最多跑一次, 府院联动, 油路到县). A single word, or 新 with one word (方向盘,
    主旋律, 新抓手), is a figure of speech; a long phrase is a topic or a title.
    """
    if name.startswith("更"):
        return False  # a comparison (“更宜居”, “更加开放、更有深度”): a quality, not a name
    # glosses in brackets are not part of the slogan's length: “引大（大通河）入秦（秦王川）”
    name = _GLOSS.sub("", name) or name
    segments = [s for s in _SEGMENTS.split(name) if s]
    if len(segments) > 1:
        lengths = [len(s) for s in segments]
        return max(lengths) <= 8 and max(lengths) - min(lengths) <= 1
    if not 3 <= len(name) <= 10 or not _PHRASE.fullmatch(name):
        return False
    words = cut(name)
    if words and words[0] == "新":
        words = words[1:]
    return len(words) >= 2


def _is_system(name: str) -> bool:
    """Whether a quoted name is a system: it ends with 制 as a word of its own or as
    the end of a short word (包干制, 河长制, 揭榜制, 告知承诺制); not a verb (零限制,
    量身定制) or an idiom (建章立制)."""
    words = cut(name)
    last = words[-1] if words else ""
    return (len(name) >= 3 and last.endswith("制") and len(last) <= 3
            and word_tag(last) != "v")


def _is_plain_word(name: str) -> bool:
    """A two-character word that is neither numbered (双控, 四稳) nor in the gazetteer."""
    return len(name) == 2 and not _NUMBERED.match(name) and name not in _lexicon().gazetteer


# a sentence the name ends (全面落实五大任务。), then the next one
_ENDS_SENTENCE = regex.compile(r"^(?P<between>\p{Han}{0,6})。(?P<next>[^。;\n]{4,150})[。;\n]")
_CLAUSE_SPLIT = regex.compile(r"[,，:：]")
# (compiled once: regex.split with the pattern's text looks it up in regex's cache, which
# takes 30 times as long as the split of a heading's few characters)
_SENTENCE_END = re.compile(r"[。;；!！?？\n]")
_PHRASE_ITEM = regex.compile(r"[的等]")  # an item that describes (团结的民运会) or lists (机场等)
# the words a heading puts before the name it announces (全面落实, 深入实施)
_MAX_HEADING_LEAD = 6


def _next_sentence_list(text: str, start: int, after: str, expected: int | None,
                        category: str | None) -> list[str]:
    """The members a counted name that ends a sentence of a heading's length gets from
    the next sentence: its one enumeration that numbers what the name counts (全面落实
    五大任务。…，加快去产能、去库存、去杠杆、降成本、补短板。). None when no clause or
    more than one holds such a list, when the list's items hold 的 or 等 (phrases, not
    names: 办成一届特色、成功、团结的民运会), or when the name counts fewer than three (a
    pair is too often something else). A name inside a longer sentence (三是抓好决胜…
    三大攻坚战。要分别提出时间表、路线图、优先序) is followed by what the text says about it."""
    if not expected or expected < 3:
        return []
    lead = text[max(0, start - _MAX_HEADING_LEAD - 2) : start].rstrip("“‘\"「")
    lead = _SENTENCE_END.split(lead)[-1]
    if len(lead) > _MAX_HEADING_LEAD or _CLAUSE_SPLIT.search(lead):
        return []
    sentence = _ENDS_SENTENCE.match(after)
    if not sentence or sentence.group("between") not in ("", category):
        return []
    lists = []
    for clause in _CLAUSE_SPLIT.split(sentence.group("next")):
        items = clause.split("、")
        if len(items) == expected - 1 and len(_split_items(items[-1])) == 2:
            items[-1:] = _split_items(items[-1])
        if len(items) != expected:
            continue
        items = [_clean_item(i) for i in items]
        items[0] = _after_last_verb(items[0], _lexicon().verbs)
        items[0] = _trim_to_length(items[0], max(len(i) for i in items[1:]))
        items[-1] = items[-1].removesuffix("等")
        lists.append(items)
    if len(lists) != 1 or not all(2 <= len(i) <= _MAX_STATED_ITEM and _HAN_WORD.fullmatch(i)
                                  and not _PHRASE_ITEM.search(i) for i in lists[0]):
        return []
    return lists[0]


def _is_noun_item(item: str) -> bool:
    """Whether a list item is a noun phrase of two characters or more, without figures,
    that ends with a noun (千项技改, 点将赛; not 强度持续, 48个学科入选, 市)."""
    words = cut(item)
    return (len(item) >= 2 and bool(_HAN_WORD.fullmatch(item)) and word_role(words[-1]) == "noun"
            and word_role(words[0]) == "noun")


def _is_lone_verb(item: str) -> bool:
    """Whether a list item is one verb (实现, 打造, 做到): the verb of the name after it."""
    words = cut(item)
    return len(words) == 1 and len(item) > 1 and word_tag(item) == "v"


def _after_last_verb(item: str, verbs: frozenset) -> str:
    """What follows the last of ``verbs`` among the words of ``item`` (all of it when
    none is there)."""
    words = cut(item)
    last = max((k for k, word in enumerate(words) if word in verbs), default=-1)
    return "".join(words[last + 1 :])


def _trim_to_length(item: str, length: int) -> str:
    """Drop leading words of the first list item (大力实施凝心铸魂) until it is as long
    as the longest other item: the clause's verb stands before the list."""
    tokens = cut(item)
    while len(tokens) > 1 and len("".join(tokens)) > length:
        tokens = tokens[1:]
    return "".join(tokens)


def _inner_head(name: str) -> str | None:
    """The category noun a name ends with after a modifier of two characters or more
    (千万工程 -> 工程, 双高计划 -> 计划); not 新品牌, whose 新 only qualifies the noun, nor
    a formula's last part (互联网+监管)."""
    if "+" in name:
        return None
    inner = _lexicon().head.search(name)
    modifier = name[: len(name) - len(inner.group())] if inner else ""
    return inner.group() if len(modifier) >= 2 and modifier != "新" else None


def _first_head(category: str) -> str:
    """A category without the part of it the text speaks of: “十四五”规划目标任务 -> 规划,
    “三化”改造项目 -> 改造; 目标任务 and 服务体系 stay whole."""
    for part in _lexicon().parts:
        head = category.removesuffix(part)
        if head != category and head not in _lexicon().parts and _lexicon().head.fullmatch(head):
            return _first_head(head)
    return category


def _evidence_head(text: str, position: int) -> str | None:
    """A head that names the category of an initiative found by other evidence, as a
    whole word right after it: “六稳”工作, “两重”建设 (not 工作机制, 建设者)."""
    heads = _lexicon().evidence_heads
    if not any(text.startswith(head, position) for head in heads):
        return None  # no head there, whole or not: the text need not be cut
    words = cut(text[position : position + 8])
    if words and words[0] in heads:
        return words[0]
    return None


def _head_category(name: str) -> str | None:
    """The category noun a numbered name ends with (四大工程 -> 工程)."""
    match = _lexicon().head.search(name)
    return match.group() if match else None
