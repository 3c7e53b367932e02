"""govtext.render: highlighted HTML whose elements match the records one for one and whose
text is the document's text; checked by parsing the HTML and, where Chromium is installed,
in the browser itself."""

from __future__ import annotations

import dataclasses
import html
import json
import re
import shutil
import subprocess
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govtext
from govtext import Document, Indicator, Initiative, TimeExpression
from govtext.render import page_file_name, record_label, render, render_page, write_report

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
KINDS = ("indicators", "times", "initiatives")
VOID_ELEMENTS = {"meta", "br", "img", "link", "input", "hr"}
HOSTILE_TEXT = ('开头<script>alert(1)</script>中间&amp;与"未闭合的引号和\'单引号 '
                '<img src=x onerror=alert(2)>结尾&lt;</div></mark>')


class Element:
    def __init__(self, tag: str, attributes: dict):
        self.tag, self.attributes, self.children = tag, attributes, []

    def text(self) -> str:
        """The character data inside, as a browser's DOM holds it (style and script left out)."""
        if self.tag in ("style", "script"):
            return ""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, **attributes) -> list[Element]:
        return [e for e in self.iter()
                if all(e.attributes.get(name.replace("_", "-")) == value for name, value in attributes.items())]

    def with_attribute(self, name: str) -> list[Element]:
        return [e for e in self.iter() if name in e.attributes]


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self.open.append(element)

    def handle_endtag(self, tag):
        assert self.open[-1].tag == tag, f"</{tag}> closes <{self.open[-1].tag}>: elements do not nest"
        self.open.pop()

    def handle_data(self, data):
        self.open[-1].children.append(data)


def parse(markup: str) -> Element:
    builder = TreeBuilder()
    builder.feed(markup)
    builder.close()
    assert builder.open == [builder.root], "unclosed elements"
    return builder.root


def text_element(tree: Element) -> Element:
    (element,) = tree.find_all(**{"class": "gt-text"})
    return element


def pieces_of(tree: Element, kind: str, index: int) -> list[Element]:
    """A record's element followed by its continuation pieces, in text order."""
    return [e for e in tree.iter()
            if (e.attributes.get("data-kind"), e.attributes.get("data-record")) == (kind, str(index))
            or e.attributes.get("data-continues") == f"{kind} {index}"]


def assert_faithful(doc, kinds=KINDS) -> Element:
    """One element per record, pieces that spell the record's text, the document's text intact."""
    tree = parse(render(doc, kinds=kinds))
    assert text_element(tree).text() == doc.text
    for kind in kinds:
        elements = tree.find_all(data_kind=kind)
        indices = sorted(int(e.attributes["data-record"]) for e in elements)
        assert indices == list(range(len(getattr(doc, kind))))
        for index, record in enumerate(getattr(doc, kind)):
            pieces = pieces_of(tree, kind, index)
            assert "".join(p.text() for p in pieces) == record.text, (kind, index)
            assert [("data-label" in p.attributes) for p in pieces] == [False] * (len(pieces) - 1) + [True]
    return tree


def hand_made(text: str, **records) -> Document:
    return Document(doc_id="hand-made", text=text, reference_date="2024", **records)


def indicator(start, end, text, value=1, unit="个", **fields):
    return Indicator(start, end, text[start:end], Decimal(value), unit, **fields)


def time(start, end, text, value="2024", event=False):
    return TimeExpression(start, end, text[start:end], value, event)


def initiative(start, end, text, name, members=(), components=()):
    return Initiative(start, end, text[start:end], name, None, tuple(members), tuple(components))


def test_extracted_records_are_one_element_each_and_the_text_survives():
    text = "2024年，报送各类履职成果46件，\n\n答复率、满意率均为100%；实施“四大工程”。\n5月11日，开展活动近60场次。"
    doc = govtext.extract(text, doc_id="sample")
    assert len(doc.indicators) >= 4 and doc.times and doc.initiatives
    tree = assert_faithful(doc)
    shared = [e for e in tree.find_all(data_kind="indicators") if e.text() == "100%"]
    assert len(shared) == 2, "two indicators on one 100% are two nested elements"


def test_shared_crossing_and_empty_spans_nest_without_breaking_the_text():
    text = "甲乙丙丁戊己庚辛壬癸"
    doc = hand_made(
        text,
        indicators=(indicator(0, 4, text), indicator(0, 4, text), indicator(5, 5, text)),
        initiatives=(initiative(2, 8, text, "丙丁"),),
        times=(time(6, 10, text), time(7, 8, text)),
    )
    tree = assert_faithful(doc)
    assert len(tree.with_attribute("data-continues")) >= 1, "a crossing record comes in pieces"


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_spans_render_faithfully(data):
    text = data.draw(st.text(alphabet="一二三<>&\"'\n \r", min_size=0, max_size=30))
    span = st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted)
    spans = {kind: data.draw(st.lists(span, max_size=6)) for kind in KINDS}
    doc = hand_made(
        text,
        indicators=tuple(indicator(a, b, text) for a, b in spans["indicators"]),
        times=tuple(time(a, b, text) for a, b in spans["times"]),
        initiatives=tuple(initiative(a, b, text, "x") for a, b in spans["initiatives"]),
    )
    assert_faithful(doc)


def test_hostile_text_is_escaped_in_the_text_and_in_every_attribute():
    text = HOSTILE_TEXT
    start = text.index("<script>")
    hostile_name = '"><script>alert(3)</script>'
    doc = Document(
        doc_id='x"><script>alert(4)</script>', text=text, reference_date=None, title="<b>title</b>",
        initiatives=(initiative(start, start + 8, text, hostile_name, members=("'a", '"b')),),
    )
    markup = render_page(doc)
    assert "<script" not in markup.lower() and "<img" not in markup.lower()
    assert "alert(1)&lt;/script&gt;" in markup and "&amp;amp;" in markup
    tree = parse(markup)
    assert {e.tag for e in tree.iter()} <= {"#root", "html", "head", "meta", "title", "style", "body",
                                            "div", "p", "span", "mark"}
    assert text_element(tree).text() == text
    (element,) = tree.find_all(data_kind="initiatives")
    assert hostile_name in element.attributes["title"]
    assert tree.find_all(data_label=record_label("initiatives", doc.initiatives[0]))


def test_labels_show_the_normalized_value():
    text = "近60场次增长2-3个百分点"
    assert record_label("indicators", indicator(0, 5, text, 60, "场次", qualifier="nearly")) == "60 场次 · nearly"
    ranged = indicator(7, 14, text, 2, "个百分点", value_max=Decimal(3))
    assert record_label("indicators", ranged) == "2–3 个百分点"
    assert record_label("indicators", indicator(0, 5, text, "1390000000000.00", "斤")) == "1,390,000,000,000 斤"
    assert record_label("times", time(0, 2, text, "2024-05-11", True)) == "2024-05-11"
    works = initiative(0, 4, "四大工程", "四大工程", members=("凝心铸魂", "双链融合", "同行聚力", "清风护航"))
    assert record_label("initiatives", works) == "四大工程: 凝心铸魂、双链融合、同行聚力、清风护航"
    formula = initiative(0, 5, "1+3+N", "1+3+N", components=(("1", "一个平台"), ("3", "三项机制")))
    assert record_label("initiatives", formula) == "1+3+N: 1: 一个平台; 3: 三项机制"
    long_one = initiative(0, 4, "四大工程", "四大工程", members=tuple("甲乙丙丁戊己庚辛壬癸" * 2))
    assert len(record_label("initiatives", long_one)) == 30 and record_label("initiatives", long_one).endswith("…")


def test_section_headings_are_set_apart_when_the_document_has_sections():
    text = "一、2023年工作回顾\n过去一年，增长5.2%。\n（一）稳增长\n今年，增长5%左右。"
    # any objects with title, level, start and end will do; the heading is looked up inside its section
    inner = SimpleNamespace(title="（一）稳增长", level=2, start=text.index("\n（") + 1, end=len(text))
    part = SimpleNamespace(title="一、2023年工作回顾", level=1, start=0, end=len(text), role="review",
                           children=(inner,))
    doc = dataclasses.replace(govtext.extract(text), sections=(part,))
    tree = assert_faithful(doc)
    headings = tree.find_all(role="heading")
    assert [(h.text(), h.attributes["aria-level"]) for h in headings] == [
        ("一、2023年工作回顾", "1"), ("（一）稳增长", "2")]
    plain = Document(doc_id=None, text=text, reference_date=None)
    assert not parse(render(plain)).find_all(role="heading")


def test_kinds_choose_what_is_highlighted():
    doc = govtext.extract("5月11日，区政协召开会议，开展活动近60场次。2024年全年", year=2024)
    tree = assert_faithful(doc, kinds=("events",))
    assert len(tree.find_all(data_kind="events")) == len(doc.events) == 1
    assert not tree.find_all(data_kind="indicators")
    with pytest.raises(ValueError, match="kinds must be among"):
        render(doc, kinds=("sentences",))


def test_a_document_displays_itself_in_a_notebook():
    doc = govtext.extract("报送履职成果46件。", doc_id="demo")
    assert doc._repr_html_() == render(doc)


def test_output_loads_nothing_from_elsewhere():
    doc = govtext.extract("访问 https://example.org 的报告：报送履职成果46件。", doc_id="demo")
    markup = render_page(doc).lower()
    markup = markup.replace("https://example.org", "")  # the document's own text, escaped
    for needle in ("http:", "https:", "src=", "url(", "@import", "@font-face", "<link", "<script"):
        assert needle not in markup


def test_write_report_writes_linked_pages_and_an_index(tmp_path):
    documents = [
        govtext.extract("报送履职成果46件。", doc_id="demo"),
        govtext.extract("5月11日，开展活动近60场次。", doc_id="demo", year=2024),
        govtext.extract("答复率为100%。", doc_id=None),
        govtext.extract("实施“四大工程”。", doc_id="index"),
    ]
    errors = [{"path": "bad <1>.txt", "stage": "read", "reason": "not text in UTF-8 & co"}]
    index = write_report(documents, errors, tmp_path / "report")
    assert index == tmp_path / "report" / "index.html"
    tree = parse(index.read_text(encoding="utf-8"))
    links = [e.attributes["href"] for e in tree.iter() if e.tag == "a"]
    assert len(links) == 4 and len(set(links)) == 4
    for link, doc in zip(links, documents, strict=True):
        page = parse((index.parent / link).read_text(encoding="utf-8"))
        assert text_element(page).text() == doc.text
        assert [e.attributes["href"] for e in page.iter() if e.tag == "a"] == ["index.html"]
    cells = [e.text() for e in tree.iter() if e.tag == "td"]
    assert cells[:6] == ["demo", documents[0].title or "", "", "1", "0", "0"]
    assert ["bad <1>.txt", "read", "not text in UTF-8 & co"] == cells[-3:]
    assert "4 documents" in tree.text() and "1 failed" in tree.text()


def test_page_file_names_are_safe_and_unique():
    taken = {"index.html"}
    names = [page_file_name(doc_id, taken) for doc_id in ("报告/2024", "报告 2024", "..", "Index", "a" * 300)]
    assert names == ["报告-2024.html", "报告-2024-2.html", "document.html", "Index-2.html", "a" * 100 + ".html"]


# --- in the browser ------------------------------------------------------------------------------

ALERT_SPY = "<script>window.alerts = []; window.alert = (m) => window.alerts.push(String(m));</script>"
PROBE = """<script>
const KINDS = JSON_KINDS;
const result = {counts: {}, continued: document.querySelectorAll('[data-continues]').length,
  text: document.querySelector('.gt-text').innerText, alerts: window.alerts,
  scripts: document.scripts.length, images: document.images.length};
for (const kind of KINDS) result.counts[kind] = document.querySelectorAll('[data-kind="' + kind + '"]').length;
const out = document.createElement('pre');
out.id = 'gt-probe';
out.textContent = JSON.stringify(result);
document.body.appendChild(out);
</script>""".replace("JSON_KINDS", json.dumps(list(KINDS)))


@pytest.fixture
def chromium() -> str:
    """The Chromium executable, or a skip saying how to get it."""
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run installs it)")


def run_chromium(chromium: str, profile: Path, *arguments: str) -> str:
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--hide-scrollbars", f"--user-data-dir={profile}", *arguments]
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def browser_view(chromium: str, page: str, folder: Path) -> dict:
    """What the browser sees of ``page``: counts per kind, the text's innerText, alerts, scripts.

    The probe scripts go into a copy of the page made for the test; the rendered page has none.
    """
    probed = page.replace("<head>", "<head>" + ALERT_SPY, 1).replace("</body>", PROBE + "</body>", 1)
    path = folder / "probed.html"
    path.write_text(probed, encoding="utf-8")
    dom = run_chromium(chromium, folder / "profile", "--dump-dom", path.as_uri())
    found = re.search(r'<pre id="gt-probe">(.*?)</pre>', dom, re.S)
    assert found, f"the probe did not run; the browser gave: {dom[:500]}"
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.parametrize("name", ["seed-wujin-cppcc-2024", "nat-2024"])
def test_in_chromium_highlights_match_the_records_and_the_text_is_intact(corpus, chromium, tmp_path, name):
    text = (corpus / "docs" / f"{name}.txt").read_text(encoding="utf-8")
    doc = govtext.extract(text, doc_id=name)
    page = render_page(doc)
    assert "<script" not in page
    view = browser_view(chromium, page, tmp_path)
    assert view["counts"] == {kind: len(getattr(doc, kind)) for kind in KINDS}
    assert view["text"] == doc.text
    assert view["scripts"] == 2, "only the test's own probe scripts run"

    ARTIFACTS.mkdir(exist_ok=True)
    page_path = ARTIFACTS / f"render-{name}.html"
    page_path.write_text(page, encoding="utf-8")
    screenshot = ARTIFACTS / f"render-{name}.png"
    screenshot.unlink(missing_ok=True)
    run_chromium(chromium, tmp_path / "profile", f"--screenshot={screenshot}", "--window-size=1200,3000",
                 page_path.as_uri())
    assert screenshot.stat().st_size > 10_000


def test_in_chromium_hostile_text_shows_as_text_and_runs_nothing(chromium, tmp_path):
    start = HOSTILE_TEXT.index("<img")
    doc = Document(doc_id="hostile", text=HOSTILE_TEXT, reference_date=None,
                   initiatives=(initiative(start, start + 10, HOSTILE_TEXT, "\"'><script>alert(5)</script>"),))
    view = browser_view(chromium, render_page(doc), tmp_path)
    assert view["alerts"] == []
    assert view["scripts"] == 2 and view["images"] == 0
    assert view["text"] == HOSTILE_TEXT
    assert view["counts"] == {"indicators": 0, "times": 0, "initiatives": 1}
