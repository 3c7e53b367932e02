"""Documents as HTML with their records highlighted, to check a data set against its text.

:func:`render` gives a self-contained fragment (a notebook shows it through
``Document._repr_html_``), :func:`render_page` a standalone page and
:func:`write_report` a folder of pages with an ``index.html``. The output has no
scripts and loads nothing from elsewhere: it works offline and can be mailed.

Each record is exactly one element carrying ``data-kind`` and ``data-record``
(its index in ``doc.indicators``, ``doc.times``, …). Records that overlap
without nesting split the text into pieces: the first piece is the record's
element, the others carry ``data-continues`` instead, so counting
``[data-kind=indicators]`` still gives ``len(doc.indicators)``. Labels are
drawn by CSS (``::after`` with ``attr(data-label)``), so the text of the
``gt-text`` element is the document's text, character for character.

Example:
    >>> from govtext import extract
    >>> html = render(extract("5月11日，开展协商议政活动近60场次。", year=2024))
    >>> 'data-label="60 场次 · nearly"' in html, 'data-label="2024-05-11"' in html
    (True, True)
"""

from __future__ import annotations

import html
import re
import urllib.parse
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

DEFAULT_KINDS = ("indicators", "times", "initiatives")
RENDERED_KINDS = ("indicators", "times", "initiatives", "events")
"""The record kinds :func:`render` can highlight (``events`` are the times that anchor a happening)."""
LABEL_LIMIT = 30
"""Labels longer than this many characters are cut with ``…``; the title has them whole."""

_CSS_CLASS = {
    "indicators": "gt-indicator",
    "times": "gt-time",
    "initiatives": "gt-initiative",
    "events": "gt-event",
}
_SINGULAR = {"indicators": "indicator", "times": "time", "initiatives": "initiative", "events": "event"}
_FIELDS_SHOWN_ELSEWHERE = ("start", "end", "text")

STYLE = """
.govtext-doc { color: #1f2328; background: #fff; padding: 0.5em 1em; max-width: 60em;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  "WenQuanYi Micro Hei", sans-serif; font-size: 16px; }
.govtext-doc .gt-meta { font-size: 0.85em; color: #57606a; border-bottom: 1px solid #d0d7de;
  margin-bottom: 0.8em; padding-bottom: 0.4em; }
.govtext-doc .gt-meta p { margin: 0.2em 0; }
.govtext-doc .gt-doc-title { font-size: 1.2em; font-weight: 600; color: #1f2328; }
.govtext-doc .gt-key { display: inline-block; padding: 0 0.4em; margin-right: 0.5em; border-radius: 0.3em; }
.govtext-doc .gt-text { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 2.1; }
.govtext-doc mark { color: inherit; padding: 0.1em 0; border-radius: 0.2em; }
.govtext-doc mark[data-label]::after { content: attr(data-label); font-size: 0.68em; font-weight: 600;
  padding: 0 0.35em; margin: 0 0.15em; border-radius: 0.3em; vertical-align: 0.1em; color: #fff;
  white-space: nowrap; }
.govtext-doc .gt-indicator { background: #ddf4ff; box-shadow: inset 0 -2px #0969da; }
.govtext-doc mark.gt-indicator[data-label]::after { background: #0969da; }
.govtext-doc .gt-time { background: #fff1cc; box-shadow: inset 0 -2px #bf8700; }
.govtext-doc mark.gt-time[data-label]::after { background: #9a6700; }
.govtext-doc .gt-time.gt-event, .govtext-doc .gt-event { background: #ffe2cc;
  box-shadow: inset 0 -2px #bc4c00; }
.govtext-doc mark.gt-event[data-label]::after { background: #bc4c00; }
.govtext-doc .gt-initiative { background: #fbefff; box-shadow: inset 0 -2px #8250df; }
.govtext-doc mark.gt-initiative[data-label]::after { background: #8250df; }
.govtext-doc .gt-heading { font-weight: 700; color: #0d1117; }
.govtext-doc .gt-level-1 { font-size: 1.3em; }
.govtext-doc .gt-level-2 { font-size: 1.15em; }
.govtext-doc .gt-level-3 { font-size: 1.05em; }
"""


@dataclass(frozen=True)
class _Highlight:
    """A span of the text to wrap in an element: a record or a section heading."""

    start: int
    end: int
    rank: tuple[int, int]  # breaks ties between spans with the same start and end, outermost first
    tag: str
    classes: str
    first_piece_attributes: dict = field(default_factory=dict)
    other_piece_attributes: dict = field(default_factory=dict)
    every_piece_attributes: dict = field(default_factory=dict)
    label: str | None = None

    @property
    def nesting_key(self) -> tuple:
        """Outer spans first: earlier start, then longer span, then rank."""
        return (self.start, -self.end, self.rank)


def _number(value) -> str:
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    return f"{value.normalize():,f}"


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_LIMIT else label[: LABEL_LIMIT - 1] + "…"


def record_label(kind: str, record) -> str:
    """The short label shown after a record: its normalized value.

    Example:
        >>> from decimal import Decimal
        >>> from govtext import Indicator, Initiative
        >>> record_label("indicators", Indicator(0, 5, "近60场次", Decimal(60), "场次", "nearly"))
        '60 场次 · nearly'
        >>> works = Initiative(0, 4, "四大工程", "四大工程", members=("凝心铸魂", "双链融合"))
        >>> record_label("initiatives", works)
        '四大工程: 凝心铸魂、双链融合'
    """
    if kind == "indicators":
        value = _number(record.value)
        if record.value_max is not None:
            value += f"–{_number(record.value_max)}"
        label = f"{value} {record.unit}".strip()
        if record.qualifier:
            label += f" · {record.qualifier}"
        return _shorten(label)
    if kind in ("times", "events"):
        return record.value
    components = "; ".join(f"{part}: {meaning}" for part, meaning in record.components)
    parts = "、".join(record.members) or components
    return _shorten(f"{record.name}: {parts}" if parts else record.name)


def _record_title(kind: str, index: int, record) -> str:
    """The hover text: every field of the record but its offsets and text, empty ones left out."""
    lines = [f"{_SINGULAR[kind]} {index}"]
    for key, value in record.to_dict().items():
        if key in _FIELDS_SHOWN_ELSEWHERE or value in (None, False, [], {}, ()):
            continue
        if key == "section":  # the path of headings down to the record
            value = " › ".join(map(str, value))
        elif isinstance(value, bool):
            value = "yes"
        elif isinstance(value, (int, float)):
            value = _number(value)
        elif isinstance(value, list):
            value = "、".join(map(str, value))
        elif isinstance(value, dict):
            value = "; ".join(f"{part}: {meaning}" for part, meaning in value.items())
        lines.append(f"{key}: {value}")
    return "\n".join(lines)


def _record_highlights(doc, kinds) -> list[_Highlight]:
    highlights = []
    for kind_rank, kind in enumerate(kinds, start=1):
        for index, record in enumerate(getattr(doc, kind)):
            if not 0 <= record.start <= record.end <= len(doc.text):
                raise ValueError(f"{_SINGULAR[kind]} {index} has offsets {record.start}:{record.end} "
                                 f"outside the document text (length {len(doc.text)})")
            classes = f"gt-mark {_CSS_CLASS[kind]}"
            if kind == "times" and record.event:
                classes += " gt-event"
            highlights.append(_Highlight(
                start=record.start,
                end=record.end,
                rank=(kind_rank, index),
                tag="mark",
                classes=classes,
                first_piece_attributes={"data-kind": kind, "data-record": str(index)},
                other_piece_attributes={"data-continues": f"{kind} {index}"},
                every_piece_attributes={"title": _record_title(kind, index, record)},
                label=record_label(kind, record),
            ))
    return highlights


def _walk_sections(sections):
    for section in sections or ():
        yield section
        yield from _walk_sections(getattr(section, "children", ()))


def _heading_highlights(doc) -> list[_Highlight]:
    """Headings of ``doc.sections`` (and their ``children``) where the document has them:
    objects with title, level, start and end. A title not found inside its section is left plain."""
    highlights = []
    for index, section in enumerate(_walk_sections(getattr(doc, "sections", None))):
        title = (getattr(section, "title", "") or "").strip()
        section_end = section.end if section.end > section.start else len(doc.text)
        start = doc.text.find(title, section.start, section_end) if title else -1
        if start < 0:
            continue
        level = min(max(int(getattr(section, "level", None) or 1), 1), 6)
        role = getattr(section, "role", None)
        highlights.append(_Highlight(
            start=start,
            end=start + len(title),
            rank=(0, index),
            tag="span",
            classes=f"gt-heading gt-level-{level}",
            first_piece_attributes={"role": "heading", "aria-level": str(level)},
            every_piece_attributes={"title": f"section, level {level}" + (f", {role}" if role else "")},
        ))
    return highlights


def _escape_text(text: str) -> str:
    # An HTML parser turns a raw CR into LF; a character reference keeps it.
    return html.escape(text, quote=False).replace("\r", "&#13;")


def _attributes(attributes: dict) -> str:
    return "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in attributes.items())


def _markup(text: str, highlights: list[_Highlight]) -> str:
    """``text`` escaped, each highlight wrapped in elements that nest properly.

    The text is cut at every highlight boundary; each piece lies inside the
    highlights that cover it, opened outermost first. A highlight that crosses
    another one is closed and opened again, so it may come in several pieces.
    """
    boundaries = sorted({0, len(text), *(h.start for h in highlights), *(h.end for h in highlights)})
    starting, ending, empty = {}, {}, {}
    for h in highlights:
        if h.start == h.end:
            empty.setdefault(h.start, []).append(h)
        else:
            starting.setdefault(h.start, []).append(h)
            ending.setdefault(h.end, []).append(h)

    # events: ("open", highlight, piece number), ("close", highlight), ("text", string)
    events: list[tuple] = []
    pieces: dict[int, int] = {}
    stack: list[_Highlight] = []
    active: set[int] = set()
    by_id = {id(h): h for h in highlights}
    for position, left in enumerate(boundaries):
        right = boundaries[position + 1] if position + 1 < len(boundaries) else None
        active -= {id(h) for h in ending.get(left, ())}
        active |= {id(h) for h in starting.get(left, ())}
        wanted = sorted((by_id[i] for i in active), key=lambda h: h.nesting_key) if right else []
        kept = 0
        while kept < min(len(stack), len(wanted)) and stack[kept] is wanted[kept]:
            kept += 1
        for h in reversed(stack[kept:]):
            events.append(("close", h))
        del stack[kept:]
        for h in sorted(empty.get(left, ()), key=lambda h: h.nesting_key):
            events += [("open", h, 0), ("close", h)]
            pieces[id(h)] = 1
        for h in wanted[kept:]:
            events.append(("open", h, pieces.get(id(h), 0)))
            pieces[id(h)] = pieces.get(id(h), 0) + 1
            stack.append(h)
        if right is not None:
            events.append(("text", text[left:right]))

    out = []
    for event in events:
        if event[0] == "text":
            out.append(_escape_text(event[1]))
        elif event[0] == "close":
            out.append(f"</{event[1].tag}>")
        else:
            _, h, piece = event
            attributes = {"class": h.classes if piece == 0 else f"{h.classes} gt-continued"}
            attributes.update(h.first_piece_attributes if piece == 0 else h.other_piece_attributes)
            attributes.update(h.every_piece_attributes)
            if h.label is not None and piece == pieces[id(h)] - 1:
                attributes["data-label"] = h.label
            out.append(f"<{h.tag}{_attributes(attributes)}>")
    return "".join(out)


def _check_kinds(kinds) -> tuple[str, ...]:
    kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    unknown = [kind for kind in kinds if kind not in RENDERED_KINDS]
    if unknown:
        raise ValueError(f"kinds must be among {', '.join(RENDERED_KINDS)}, "
                         f"not {', '.join(map(repr, unknown))}")
    return kinds


def _display_name(doc) -> str:
    return doc.title or doc.doc_id or "govtext document"


def _page_title(doc) -> str:
    """The doc_id first: many reports share a title (政府工作报告) and tabs must tell them apart."""
    return " · ".join(part for part in (doc.doc_id, doc.title) if part) or "govtext document"


def render(doc, *, kinds=DEFAULT_KINDS) -> str:
    """A self-contained HTML fragment of ``doc.text`` with the records of ``kinds`` highlighted.

    Each record is one ``<mark>`` with ``data-kind`` and ``data-record`` (its
    index), its fields on hover and its normalized value in a label drawn by CSS.
    Line breaks are kept; headings of ``doc.sections`` are set apart where the
    document has sections. The text is escaped; the fragment has an inline
    ``<style>`` and no scripts.

    Example:
        >>> from govtext import extract
        >>> doc = extract("答复率、满意率均为100%。<script>")
        >>> html = render(doc)
        >>> html.count('data-kind="indicators"') == len(doc.indicators) == 2
        True
        >>> "<script>" in html, "&lt;script&gt;" in html
        (False, True)
    """
    kinds = _check_kinds(kinds)
    highlights = _heading_highlights(doc) + _record_highlights(doc, kinds)
    keys = [(kind, len(getattr(doc, kind))) for kind in kinds]
    if "times" in kinds and "events" not in kinds:  # events are times drawn in their own colour
        keys.append(("events", len(doc.events)))
    legend = "".join(f'<span class="gt-key {_CSS_CLASS[kind]}">{kind} {count}</span>' for kind, count in keys)
    details = []
    if doc.doc_id and doc.title:
        details.append(f"doc_id {doc.doc_id}")
    details.append(f"reference date {doc.reference_date or 'unknown'}")
    return (
        '<div class="govtext-doc">'
        f"<style>{STYLE}</style>"
        '<div class="gt-meta">'
        f'<p class="gt-doc-title">{html.escape(_display_name(doc))}</p>'
        f"<p>{legend}{html.escape(' · '.join(details))}</p>"
        "</div>"
        f'<div class="gt-text" lang="zh-CN">{_markup(doc.text, highlights)}</div>'
        "</div>"
    )


def _page(title: str, body: str, style: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"{f'<style>{style}</style>' if style else ''}\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def render_page(doc, *, kinds=DEFAULT_KINDS, index_href: str | None = None) -> str:
    """A standalone HTML page (UTF-8, titled after the document) showing :func:`render`.

    ``index_href`` adds a link back to a report's index.

    Example:
        >>> from govtext import extract
        >>> page = render_page(extract("报送履职成果46件。", doc_id="demo", title="履职报告"))
        >>> page.startswith("<!DOCTYPE html>"), "<title>demo · 履职报告</title>" in page
        (True, True)
    """
    nav = ""
    if index_href is not None:
        nav = f'<nav class="gt-nav"><a href="{html.escape(index_href)}">← all documents</a></nav>\n'
    return _page(_page_title(doc), nav + render(doc, kinds=kinds),
                 style="body { margin: 1em; } .gt-nav { font-family: sans-serif; margin-bottom: 0.5em; }")


_PAGE_STEM_BYTES = 200


def page_file_name(doc_id, taken: set[str]) -> str:
    """A file name for a document's page, unique among ``taken`` (compared without case,
    for case-insensitive file systems), which it joins.

    Example:
        >>> taken = {"index.html"}
        >>> page_file_name("nat-2024", taken), page_file_name("NAT-2024", taken), page_file_name(None, taken)
        ('nat-2024.html', 'NAT-2024-2.html', 'document.html')
        >>> page_file_name("index", taken), page_file_name("../etc/passwd", taken)
        ('index-2.html', 'etc-passwd.html')
    """
    stem = re.sub(r"[^\w.-]+", "-", str(doc_id or "")).strip("-.")[:100]
    # file systems limit a name to 255 bytes, not characters (85 Chinese ones); room is left
    # for "-<number>.html"
    stem = stem.encode("utf-8")[:_PAGE_STEM_BYTES].decode("utf-8", "ignore").strip("-.") or "document"
    name, number = f"{stem}.html", 1
    while name.lower() in taken:
        number += 1
        name = f"{stem}-{number}.html"
    taken.add(name.lower())
    return name


INDEX_STYLE = """
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
  color: #1f2328; margin: 1.5em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border-bottom: 1px solid #d0d7de; padding: 0.3em 0.8em; text-align: left; vertical-align: top; }
td.count { text-align: right; font-variant-numeric: tabular-nums; }
td.reason { white-space: pre-wrap; }
"""


def write_report(documents, errors, folder, *, kinds=DEFAULT_KINDS) -> Path:
    """Write one page per document and an ``index.html`` into ``folder``; return the index's path.

    The index lists the documents with their record counts, then the
    ``errors``: dicts with ``path``, ``stage`` and ``reason`` (a file that could
    not be read or processed). Page names come from ``doc_id``, made unique.

    Example:
        >>> import tempfile
        >>> from govtext import extract
        >>> folder = Path(tempfile.mkdtemp())
        >>> errors = [{"path": "bad.txt", "stage": "read", "reason": "not text"}]
        >>> index = write_report([extract("报送履职成果46件。", doc_id="demo")], errors, folder)
        >>> sorted(p.name for p in folder.iterdir()), "bad.txt" in index.read_text(encoding="utf-8")
        (['demo.html', 'index.html'], True)
    """
    kinds = _check_kinds(kinds)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    taken = {"index.html"}
    rows = []
    total_records = 0
    for doc in documents:
        name = page_file_name(doc.doc_id, taken)
        _write_page(folder / name, render_page(doc, kinds=kinds, index_href="index.html"))
        counts = [len(getattr(doc, kind)) for kind in kinds]
        total_records += sum(counts)
        cells = "".join(f'<td class="count">{count}</td>' for count in counts)
        link = f'<a href="{html.escape(urllib.parse.quote(name))}">{html.escape(doc.doc_id or name)}</a>'
        rows.append(f"<tr><td>{link}</td><td>{html.escape(doc.title or '')}</td>"
                    f"<td>{html.escape(doc.reference_date or '')}</td>{cells}</tr>")
    error_rows = [
        "<tr>" + "".join(f'<td class="{key}">{html.escape(str(error.get(key, "")))}</td>'
                         for key in ("path", "stage", "reason")) + "</tr>"
        for error in errors
    ]
    headers = "".join(f"<th>{kind}</th>" for kind in kinds)
    body = [
        "<h1>govtext report</h1>",
        f"<p>{len(rows)} documents, {total_records} records, {len(error_rows)} failed</p>",
        "<h2>Documents</h2>",
        f"<table><thead><tr><th>document</th><th>title</th><th>reference date</th>{headers}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>" if rows else "<p>No documents.</p>",
        "<h2>Errors</h2>",
        "<table><thead><tr><th>path</th><th>stage</th><th>reason</th></tr></thead>"
        f"<tbody>{''.join(error_rows)}</tbody></table>" if error_rows else "<p>No errors.</p>",
    ]
    index = folder / "index.html"
    _write_page(index, _page("govtext report", "\n".join(body), style=INDEX_STYLE))
    return index


def _write_page(path: Path, page: str) -> None:
    """Write ``page`` at ``path`` whole or not at all (:func:`govtext.files.atomic_writer`):
    a link left in the folder (to a file elsewhere) is replaced, never written through."""
    from .files import atomic_writer

    with atomic_writer(path, encoding="utf-8") as handle:
        handle.write(page)
