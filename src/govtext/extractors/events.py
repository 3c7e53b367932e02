"""Events: the times that anchor a happening, with its action, actors and places.

For each time whose ``event`` is true, the clause after it is read for who acts
(an organization, titles and a name: ``区政协党组书记、主席郑政平``), where
(``深圳市光明区``, ``合肥市长丰县``) and what is done (the predicate, from its first
verb: ``带队前往…``). Titles, organization endings and place endings are lexicons.

Example:
    >>> from govtext import extract
    >>> event = extract("5月11日，区政协主席郑政平带队前往深圳市光明区考察学习。", year=2024).events[0]
    >>> event.value, [a.text for a in event.actors], [p.text for p in event.places]
    ('2024-05-11', ['区政协主席郑政平'], ['深圳市光明区'])
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from ..lexicons import alternation, cached_per_lexicons, table, words
from ..records import Event, Mention
from ..segment import cut, word_role
from .base import Context
from .times import meeting_name

_CLAUSE_STOP = regex.compile(r"[;。!?\n]")
_VERB_WORD = regex.compile(r"\p{Han}{2,}")  # a verb of two characters or more starts an action
_MAX_CLAUSE = 120
_RESTATED = regex.compile(r"[(（][^()（）\n]{1,12}[)）]")
_PLACE_ENDS = frozenset("省市县区州旗盟镇乡村")


# where a place list starts: the clause start, or after a word of going or being
_PLACE_CUE = r"(?:前往|赴|到|在|至|来到|走进|深入|从|亲临)"


@cached_per_lexicons
def _patterns():
    titles = alternation(words("titles.tsv"))
    organizations = alternation(words("organization_suffixes.tsv"))
    places = alternation(words("place_suffixes.tsv"))
    # 区政协党组书记、主席郑政平 (leftmost-longest: 区政协常委会, not 区政协常委)
    titled = regex.compile(
        rf"(?P<org>(?:\p{{Han}}{{1,6}}?(?:{organizations}))+)?"
        rf"(?:{titles})(?:[、和](?:{titles}))*(?P<person>\p{{Han}}{{2,3}})?",
        regex.POSIX,
    )
    # 区政协常委会, 民主监督小组
    organization = regex.compile(rf"(?:\p{{Han}}{{1,6}}?(?:{organizations}))+", regex.POSIX)
    # one or more place names in a row (合肥市长丰县), not led by 我/本/全/该 (我区, 全市),
    # not the start of a body's name (区政协)
    place = regex.compile(
        rf"(?![我本全该各])(?:\p{{Han}}{{2,6}}?(?:{places}))+(?!\p{{Han}}?(?:{organizations}))"
    )
    # 习近平总书记, 李强总理: a name, then its title
    after_name = alternation(words("titles_after_name.tsv"))
    name_titled = regex.compile(rf"(?P<person>\p{{Han}}{{2,3}}?)(?:{after_name})")
    return titled, organization, place, name_titled


@cached_per_lexicons
def _meeting_heads() -> tuple[str, ...]:
    return tuple(word for word, kind in table("meeting_names.tsv", 2) if kind == "head")


@cached_per_lexicons
def _day_part() -> regex.Pattern:
    return regex.compile(alternation(words("day_parts.tsv")))


@cached_per_lexicons
def _event_verbs() -> frozenset[str]:
    """Verbs of a happening (调研, 会见), an action whatever the tokenizer's role of them."""
    return frozenset(words("event_verbs.tsv"))


@cached_per_lexicons
def _gazetteer() -> regex.Pattern:
    """Regions written without their suffix (在广州召开, 亲临广东): the short names of
    ``regions.tsv``, each perhaps followed by places with their suffix (广州天河区)."""
    names = set()
    for full, short, _, others in table("regions.tsv", 2, 4):
        names.update(form for form in (short, *others.split()) if len(form) >= 2 and form != full)
    return regex.compile(rf"(?:{alternation(names)})")


class _Span(NamedTuple):
    """A place found without a regex match: its span, as a match gives it."""

    start_: int
    end_: int
    text: str

    def span(self) -> tuple[int, int]:
        return self.start_, self.end_

    def end(self) -> int:
        return self.end_


def _suffixed_place(text: str, position: int, end: int):
    """Place names with their suffix (深圳市光明区); not a phrase that ends in one
    (梅州看望老区: a verb inside)."""
    match = _patterns()[2].match(text, position, end)
    if match and any(word_role(word) == "verb" for word in cut(match.group())):
        return None
    return match


def _short_place(text: str, position: int, end: int):
    """Regions of the gazetteer without their suffix, where they end a word (在广州召开,
    福建宁德; not 中山 in 中山大学), or with the places after them (广州天河区)."""
    gazetteer, here = _gazetteer(), position
    while (match := gazetteer.match(text, here, end)) is not None:
        here = match.end()  # 福建宁德: a province, then a city
    if here == position:
        return None
    boundaries, offset = set(), position
    for word in cut(text[position : position + 12]):
        offset += len(word)
        boundaries.add(offset)
    if here not in boundaries:
        return None
    return _suffixed_place(text, position, end) or _Span(position, here, text[position:here])


class EventExtractor:
    """Turns the times that anchor a happening (``event`` true) into events."""

    name = "events"

    def __call__(self, context: Context, times) -> list[Event]:
        events = []
        for time in times:
            if not time.event:
                continue
            end = context.view.position(time.end)
            restated = _RESTATED.match(context.text, end)  # 昨日(14日),: the day said again
            end = restated.end() if restated else end
            part = _day_part().match(context.text, end)  # 8月18日上午,: a part of the day
            end = part.end() if part else end
            clause_start = end + (1 if context.text[end : end + 1] in ",:" else 0)
            stop = _CLAUSE_STOP.search(context.text, clause_start, clause_start + _MAX_CLAUSE)
            clause_end = stop.start() if stop else min(len(context.text), clause_start + _MAX_CLAUSE)
            meeting = meeting_name(context.text, clause_start, clause_end)
            if meeting:  # 省委人大工作会议在广州召开: a meeting's name, not its actor
                actors, action_start = [], meeting.end()
            else:
                actors, action_start = self._actors(context, clause_start, clause_end)
            places = self._places(context, clause_start, clause_end)
            action = self._action(context, action_start, clause_end)
            events.append(
                Event(time.start, time.end, time.text, time.value, rule=time.rule, action=action,
                      actors=tuple(actors), places=tuple(places))
            )
        return events

    @staticmethod
    def _actor_end(match) -> int:
        """End of a titled actor: the name is a whole word (郑政平 in 郑政平带队), and no name
        when a verb or a word of going follows the title (主席带队, 市长到萧山区调研)."""
        person = match.group("person")
        if not person:
            return match.end()
        word = cut(match.string[match.start("person") : match.start("person") + 6])[0]
        if word_role(word) in ("verb", "link"):
            return match.start("person")
        return match.start("person") + len(word)

    @staticmethod
    def _body_of_session(text: str, body, end: int) -> tuple[int, int]:
        """A body's span, with the session and the body of it that follow (十四届全国人大|
        四次会议|广东省代表团: the delegation, not the congress)."""
        session = cut(text[body.end() : body.end() + 12])[0]
        if not session.endswith(_meeting_heads()):
            return body.span()
        delegation = _patterns()[1].match(text, body.end() + len(session), end)
        return (body.start(), delegation.end()) if delegation else body.span()

    def _actors(self, context: Context, start: int, end: int) -> tuple[list[Mention], int]:
        """Actors at the start of the clause (joined by 、 or 和), and where the rest starts."""
        titled, organization, _, name_titled = _patterns()
        text = context.text
        actors, position = [], start
        while position < end:
            spans = []
            with_title = titled.match(text, position, end)
            if with_title:
                spans.append((with_title.start(), self._actor_end(with_title)))
            body = organization.match(text, position, end)
            if body:
                spans.append(self._body_of_session(text, body, end))
            named = name_titled.match(text, position, end)
            person = named and named.group("person")
            # a whole word, not a place (天津市市长戴相龙 is read by ``titled``)
            if person and cut(text[position : position + 8])[0] == person and person[-1] not in _PLACE_ENDS:
                spans.append(named.span())
            if not spans:
                break
            span = max(spans, key=lambda s: s[1])
            actors.append(Mention(*context.original(*span)))
            position = span[1]
            if text[position : position + 1] not in ("、", "和"):
                break
            position += 1
        return actors, position

    @staticmethod
    def _places(context: Context, start: int, end: int) -> list[Mention]:
        """Places at the start of the clause or after a word of going (前往, 赴, 在),
        with the places listed after them (、和)."""
        text = context.text
        spans = []
        starts = {start} | {start + m.end() for m in regex.finditer(_PLACE_CUE, text[start:end])}
        for position in sorted(starts):
            while True:
                match = _suffixed_place(text, position, end) or _short_place(text, position, end)
                if not match:
                    break
                spans.append(match.span())
                position = match.end()
                if text[position : position + 1] not in ("、", "和"):
                    break
                position += 1
        # one record per place: 到深圳市 read from the clause start gives way to 深圳市
        kept = [s for s in spans if not any(o != s and s[0] <= o[0] and o[1] <= s[1] for o in spans)]
        return [Mention(*context.original(*span)) for span in sorted(set(kept))]

    @staticmethod
    def _action(context: Context, start: int, end: int) -> Mention | None:
        """The predicate: from the first verb after the actors to the end of its comma
        clause (带队前往深圳市光明区、合肥市长丰县; 揭牌投用)."""
        text = context.text
        position = start
        for word in cut(text[start:end]):
            if (word_role(word) == "verb" or word in _event_verbs()) and _VERB_WORD.fullmatch(word):
                comma = text.find(",", position, end)
                ostart, oend, otext = context.original(position, comma if comma > 0 else end)
                return Mention(ostart, oend, otext) if otext.strip() else None
            position += len(word)
        return None
