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

import functools

import regex

from ..lexicons import alternation, table, words
from ..numerals import parse_chinese
from ..records import Initiative
from ..segment import cut
from .base import Context

_NUMERAL = "一二两三四五六七八九十"
# a modifier between a quoted name and its category noun (“…”党建品牌); words that
# start a predicate (是, 为, 的) cannot be part of it
_MODIFIER = r"[^\P{Han}是为的和与及在等即]"
_FORMULA = regex.compile(r"[\dA-Za-z]+(?:\+[\dA-Za-z]+)+|\d{2,}[A-Za-z]")
_NUMBERED = regex.compile(rf"[{_NUMERAL}]+(?:大|个|项|张|条|件)?\p{{Han}}")
_DEFINES = "(?:是|即|指|为|就是)"
_LIST_AFTER = regex.compile(r"^[,:]?\s*(?:即|分别是|分别为|包括|是指|指|主要包括)[:,]?")
_PARENTHESIS = regex.compile(r"^\(([^()]{2,80})\)")
_ITEM_SPLIT = regex.compile(r"、|和|及|与|以及")


@functools.lru_cache(maxsize=1)
def _lexicon():
    gazetteer = {}
    for name, members, category, _verified, _source in table("initiatives.tsv", 5):
        gazetteer[name] = (tuple(m for m in members.split("、") if m), category or None)
    categories = words("initiative_categories.tsv")
    category = alternation(categories)
    quoted = regex.compile(
        r"(?P<open>[“‘\"「])(?P<name>[^“”‘’\"「」\n]{1,30})(?P<close>[”’\"」])"
        rf"(?P<category>(?:(?<=以[“‘\"「][^”’\"」]{{1,30}}[”’\"」])为)?{_MODIFIER}{{0,4}}(?:{category}))?"
    )
    numbered = regex.compile(
        rf"(?<![{_NUMERAL}第])(?P<name>(?!一[大个项])[{_NUMERAL}]+(?:大|个|项)(?P<category>{category}))"
    )
    known = regex.compile(alternation(gazetteer)) if gazetteer else None
    head = regex.compile(rf"(?:{category})$")
    return gazetteer, quoted, numbered, known, head


def _count(name: str) -> int | None:
    """How many members a numbered name announces (四大工程 -> 4)."""
    match = regex.match(rf"[{_NUMERAL}]+", name)
    if not match:
        return None
    value = parse_chinese(match.group())
    return int(value) if value is not None else None


def _clean_item(item: str) -> str:
    return item.strip(" ,;:“”‘’\"「」")


def _split_items(phrase: str) -> list[str]:
    return [i for i in (_clean_item(p) for p in _ITEM_SPLIT.split(phrase)) if i]


class InitiativeExtractor:
    """Finds named initiatives with their category, members and components."""

    name = "initiatives"

    def __call__(self, context: Context) -> list[Initiative]:
        gazetteer, quoted, numbered, known, _ = _lexicon()
        text = context.text
        found: dict[tuple[int, int], Initiative] = {}

        def add(start, end, name, category, span_end):
            if (start, end) in found or context.titled.covering(start):
                return
            members = self._members(context, start, end, span_end, name)
            if not members and name in gazetteer:
                members = gazetteer[name][0]
            if category is None and name in gazetteer:
                category = gazetteer[name][1]
            components = self._components(context, span_end, name)
            context.claimed.append((start, end))
            ostart, oend, otext = context.original(start, end)
            found[(start, end)] = Initiative(
                ostart, oend, otext, " ".join(name.split()), category, tuple(members), components
            )

        for match in quoted.finditer(text):
            name = match.group("name").strip()
            category = match.group("category")
            is_formula = bool(_FORMULA.fullmatch(name))
            is_numbered = bool(_NUMBERED.match(name)) and len(name) <= 10
            if not (category or is_formula or is_numbered or name in gazetteer):
                continue
            if category and category.startswith("为"):
                category = category[1:]
            if not category and is_numbered:
                category = _head_category(name)
            name_start = match.start("name") + (len(match.group("name")) - len(match.group("name").lstrip()))
            add(name_start, name_start + len(name), name, category or None, match.end())
        for match in numbered.finditer(text):
            if context.quoted.covering(match.start()):
                continue
            add(match.start(), match.end(), match.group("name"), match.group("category"), match.end())
        if known is not None:
            for match in known.finditer(text):
                add(match.start(), match.end(), match.group(), None, match.end())
        return sorted(found.values(), key=lambda r: (r.start, r.end))

    def _members(self, context: Context, start: int, end: int, span_end: int, name: str) -> list[str]:
        expected = _count(name)
        text = context.text
        # a list right after the name: 即/分别是/包括 …, or a parenthesis
        after = text[span_end : span_end + 200]
        parenthesis = _PARENTHESIS.match(after)
        cue = _LIST_AFTER.match(after)
        if parenthesis:
            items = _split_items(parenthesis.group(1))
            if len(items) > 1 and (expected is None or len(items) == expected):
                return items
        if cue:
            rest = after[cue.end() :]
            stop = regex.search(r"[。;\n]", rest)
            items = _split_items(rest[: stop.start() if stop else len(rest)].rstrip("等"))
            if len(items) > 1 and (expected is None or len(items) == expected):
                return items
        # a list right before the name (A、B、C、D“四大工程”)
        if expected and expected > 1:
            quote_start = start - 1 if start and text[start - 1] in "“‘\"「" else start
            before = text[context.clause_start(quote_start) : quote_start]
            items = before.split("、")
            if len(items) >= expected and all(items[-expected + 1 :]):
                items = [_clean_item(i) for i in items[-expected:]]
                items[0] = _trim_to_length(items[0], max(len(i) for i in items[1:]))
                if all(items) and all(len(i) <= 12 for i in items):
                    return items
        return []

    def _components(self, context: Context, span_end: int, name: str) -> tuple[tuple[str, str], ...]:
        if "+" not in name:
            return ()
        following = context.text[span_end : span_end + 1500]
        components = []
        for part in dict.fromkeys(name.split("+")):
            definition = regex.search(
                rf"[“‘\"]{regex.escape(part)}[”’\"]{_DEFINES}(?P<definition>.+?)(?=[,;。\n]?[“‘\"][^”’\"]{{1,3}}[”’\"]{_DEFINES}|[。;\n]|$)",
                following,
            )
            if definition:
                components.append((part, definition.group("definition").strip()))
        return tuple(components)


def _trim_to_length(item: str, length: int) -> str:
    """Drop leading words of the first list item (大力实施凝心铸魂) until it is as long
    as the longest other item: the clause's verb stands before the list."""
    tokens = cut(item)
    while len(tokens) > 1 and len("".join(tokens)) > length:
        tokens = tokens[1:]
    return "".join(tokens)


def _head_category(name: str) -> str | None:
    """The category noun a numbered name ends with (四大工程 -> 工程)."""
    match = _lexicon()[4].search(name)
    return match.group() if match else None
