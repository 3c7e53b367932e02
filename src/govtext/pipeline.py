"""normalize -> structure and description -> reference date -> analysed document ->
match (extractors) -> resolve (overlaps between record types) -> attribute -> Document."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt

import regex

from .describe import describe, level_of
from .document import Document
from .extractors import (
    Context,
    EventExtractor,
    IndicatorExtractor,
    InitiativeExtractor,
    TimeExtractor,
    carry_names,
)
from .extractors.base import Spans
from .lexicons import user_lexicons
from .normalize import NormalizedText, normalize
from .reference import infer_reference_date, planned_year, reviewed_year
from .structure import Section, boilerplate_spans, parse_sections, section_path
from .targets import find_targets

_ISO_DATE = regex.compile(r"(?P<year>\d{4})(?:-(?P<month>\d\d)(?:-(?P<day>\d\d))?)?")


def _reference(text: str, year, date, sections) -> str | None:
    if date is not None:
        if isinstance(date, dt.datetime):
            date = date.date()
        if isinstance(date, dt.date):
            return date.isoformat()
        if isinstance(date, str) and _ISO_DATE.fullmatch(date):
            if len(date) == 10:
                dt.date.fromisoformat(date)  # raises ValueError for 2024-02-30
            return date
        raise ValueError(f"date must be a datetime.date or an ISO string like '2024-03-05', not {date!r}")
    if year is not None:
        if isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 9999:
            raise ValueError(f"year must be a four-digit int like 2024, not {year!r}")
        return str(year)
    return infer_reference_date(text, sections)


def extract(
    text: str,
    *,
    doc_id: str | None = None,
    year: int | None = None,
    date=None,
    kind: str | None = None,
    title: str | None = None,
    region: str | None = None,
    level: str | None = None,
    lexicons=None,
) -> Document:
    """Extract indicators, times and initiatives from ``text``.

    ``date`` (a ``datetime.date`` or ISO string) or ``year`` is when the text was
    delivered or published; without them it is inferred from the text (a
    delivery line, a dateline, a title year), or left None. ``kind``, ``title``,
    ``region`` and ``level`` describe the document where the caller knows them.
    ``lexicons`` (a folder or a list of folders) holds the user's own lexicon files,
    named and written like those of ``data/lexicons`` (``units.tsv``,
    ``domain_terms.tsv``, ``initiatives.tsv`` …): their entries are added to the
    built-in ones for this call only (see :func:`govtext.lexicons.user_lexicons`).

    Example:
        >>> doc = extract("5月11日，区政协开展协商议政活动近60场次。", year=2024)
        >>> doc.indicators[0].text, doc.times[0].value
        ('近60场次', '2024-05-11')
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() takes the text as a str, not {type(text).__name__}; "
                        "use govtext.read(path) to read a file")
    if lexicons is not None:
        with user_lexicons(lexicons):
            return extract(text, doc_id=doc_id, year=year, date=date, kind=kind, title=title,
                           region=region, level=level)
    view = normalize(text)
    # the title as the text writes it (政 府 工 作 报 告 keeps its spaces)
    described = describe(view.translated or view.text)
    # the sections need the kind (a work report opens with its review) and the year
    # planned (its plan opens with 2002年是…); the year from the sections' titles is
    # the last resort of the reference date
    stated_date = _reference(view.text, year, date, ())
    sections = parse_sections(view.text, kind=kind or described["kind"],
                              planned_year=planned_year(stated_date))
    reference_date = stated_date or _reference(view.text, year, date, sections)
    reference_year = int(reference_date[:4]) if reference_date else None
    if region:  # the caller's region decides the level, unless the caller gives it too
        level = level or level_of(region)
    level = level or described["level"]
    context = Context(view, reference_year, reviewed_year(reference_date), sections=tuple(sections),
                      reference_date=reference_date, level=level)
    original_sections = tuple(_to_original(view, s) for s in sections)
    boilerplate = tuple((*view.span(start, end), kind_) for start, end, kind_ in boilerplate_spans(view.text))
    # web chrome and a collector's header are not the document's own text: no records there
    outside = Spans((start, end) for start, end, kind_ in boilerplate if kind_ != "opening")

    def kept(records):
        return [r for r in records if not outside.overlaps(r.start, r.end)]

    # match
    initiatives = kept(InitiativeExtractor()(context))
    quantities = kept(IndicatorExtractor()(context))
    times = kept(TimeExtractor()(context))
    # resolve: a count inside an initiative's name (四大工程, 两个维护) is not a quantity
    named = Spans((r.start, r.end) for r in initiatives)
    quantities = [q for q in quantities if not named.overlaps(q.start, q.end)]
    # attribute (each step's records replace the last's: a large text's are not held twice)
    placed = _SectionIndex(original_sections)  # where each record stands, looked up by one index
    quantities = carry_names(context, quantities)
    indicators = _placed_all(quantities, placed)
    del quantities
    events = EventExtractor()(context, times)
    return Document(
        doc_id=doc_id,
        text=text,
        reference_date=reference_date,
        kind=kind or described["kind"],
        title=title or described["title"],
        region=region or described["region"],
        level=level,
        indicators=indicators,
        # a report delivered in December plans the next year
        targets=find_targets(text, indicators, original_sections, planned_year(reference_date),
                             plain=view.translated or None),
        times=_placed_all(times, placed),
        initiatives=_placed_all(initiatives, placed),
        events=_placed_all(events, placed),
        sections=original_sections,
        boilerplate=boilerplate,
    )


def _to_original(view: NormalizedText, section: Section) -> Section:
    start, end = view.span(section.start, section.end)
    children = tuple(_to_original(view, child) for child in section.children)
    return dataclasses.replace(section, start=start, end=end, children=children)


def _placed_all(records, index: _SectionIndex) -> tuple:
    """The records, each with the path of the sections (``index``) it stands in."""
    return tuple(_with_section(r, path) if (path := index.path(r.start)) else r for r in records)


class _SectionIndex:
    """:func:`section_path` of any position, looked up by bisection: the path is the same
    from one start or end of a section to the next, so it is found once per stretch."""

    def __init__(self, sections):
        points: set[int] = set()
        stack = list(sections)
        while stack:
            section = stack.pop()
            points.update((section.start, section.end))
            stack.extend(section.children)
        self.sections = sections
        self.points = sorted(points)
        self.paths = [section_path(sections, point) for point in self.points]

    def path(self, position: int) -> tuple[str, ...]:
        index = bisect.bisect_right(self.points, position) - 1
        return self.paths[index] if index >= 0 else section_path(self.sections, position)


def _with_section(record, path):
    """``dataclasses.replace(record, section=path)`` in a fifth of its time: a new record
    with the fields' values copied (the records are plain frozen dataclasses, with no
    ``__post_init__`` to run again); the record passed in is not changed."""
    if not hasattr(record, "__dict__") or hasattr(record, "__post_init__"):
        return dataclasses.replace(record, section=path)
    placed = object.__new__(type(record))
    placed.__dict__.update(record.__dict__)
    object.__setattr__(placed, "section", path)  # frozen: set as the dataclass's __init__ does
    return placed
