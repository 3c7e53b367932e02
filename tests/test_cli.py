"""govtext extract: walking, formats, encodings, outputs, failures, parallel runs, --resume."""

import codecs
import json
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import govtext
from files_helper import write_files
from govtext import batch, cli, export, reader
from govtext.cli import main
from govtext.errors import ReadError
from govtext.metadata import metadata_from_filename

README = Path(__file__).resolve().parents[1] / "README.md"
TEXT = "政府工作报告\n2024年3月5日在第十四届全国人民代表大会第二次会议上\n国内生产总值增长5.2%，城镇新增就业1244万人。\n"
# The same report in traditional characters, for Big5 (which has no simplified forms).
TRADITIONAL = "政府工作報告\n2024年3月5日在第十四屆全國人民代表大會第二次會議上\n國內生產總值增長5.2%，城鎮新增就業1244萬人。\n"


def run(argv, capsys):
    """``main(argv)``: exit status, stdout and stderr."""
    status = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def jsonl(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def records(document):
    return {kind: document[kind] for kind in ("indicators", "times", "initiatives")}


# ---------------------------------------------------------------- walking


WALKED = ["a.txt", "b.md", "c.html", "d.HTM", "notes.jpg", "sub/e.txt", "sub/drafts/f.txt", ".hidden/g.txt",
          ".h.txt", "sub/2024年报告.pdf"]


@pytest.mark.parametrize(
    "include, exclude, expected",
    [
        ([], [], ["a.txt", "b.md", "c.html", "d.HTM", "sub/2024年报告.pdf", "sub/e.txt", "sub/drafts/f.txt"]),
        (["*.txt"], [], ["a.txt", "sub/e.txt", "sub/drafts/f.txt"]),
        (["*.html", "*.HTM"], [], ["c.html", "d.HTM"]),
        ([], ["drafts"], ["a.txt", "b.md", "c.html", "d.HTM", "sub/2024年报告.pdf", "sub/e.txt"]),
        ([], ["sub/*"], ["a.txt", "b.md", "c.html", "d.HTM"]),
        (["*.txt"], ["e.txt"], ["a.txt", "sub/drafts/f.txt"]),
        (["2024*"], [], ["sub/2024年报告.pdf"]),
    ],
    ids=["default", "include-txt", "include-html", "exclude-folder", "exclude-path", "both", "chinese-name"],
)
def test_walk_include_exclude(tmp_path, include, expected, exclude):
    write_files(tmp_path, {name: TEXT for name in WALKED})
    found = cli.collect_inputs([tmp_path], include, exclude)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == expected


def test_walk_keeps_named_files_and_lists_each_file_once(tmp_path):
    write_files(tmp_path, {"a.txt": TEXT, "notes.text": TEXT})
    found = cli.collect_inputs([tmp_path / "notes.text", tmp_path, tmp_path / "a.txt"], exclude=["a.txt"])
    assert [p.name for p in found] == ["notes.text", "a.txt"]  # --exclude only filters the walk
    assert [p.name for p in cli.collect_inputs([tmp_path / "a.txt", tmp_path])] == ["a.txt"]


# ---------------------------------------------------------------- encodings and formats


@pytest.mark.parametrize(
    "encoded, text",
    [
        (TEXT.encode("utf-8"), TEXT),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT),
        (TEXT.encode("utf-16"), TEXT),
        (TEXT.encode("utf-16-le"), TEXT),
        (TEXT.replace("\n", "\r\n").encode("utf-8"), TEXT),
        (TEXT.encode("gb2312"), TEXT),
        (TEXT.encode("gbk"), TEXT),
        (TEXT.replace("\n", "\r\n").encode("gb18030"), TEXT),
        (TRADITIONAL.encode("big5"), TRADITIONAL),
        (TRADITIONAL.replace("\n", "\r\n").encode("big5"), TRADITIONAL),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-nobom", "utf8-crlf", "gb2312", "gbk", "gb18030-crlf",
         "big5", "big5-crlf"],
)
def test_each_encoding_gives_the_records_of_utf8(tmp_path, capsys, encoded, text):
    write_files(tmp_path / "in", {"report.txt": encoded, "twin/report.txt": text})
    status, out, _ = run(["extract", tmp_path / "in", "--jobs", "1"], capsys)
    document, twin = (json.loads(line) for line in out.splitlines())
    assert status == 0
    assert document["text"] == text
    assert records(document) == records(twin) and document["indicators"]


def test_big5_is_not_taken_for_gb18030():
    assert reader.detect_encoding(TRADITIONAL.encode("big5")) == "big5"
    assert reader.detect_encoding(TEXT.encode("gbk")) == "gb2312"
    assert reader.detect_encoding("政府工作报告：堃".encode("gb18030")) == "gb18030"
    assert reader.detect_encoding("①②③④⑤⑥，Ⅰ".encode("gbk")) == "gb2312"


@pytest.mark.parametrize(
    "data, reason",
    [
        (TEXT.encode("utf-8")[:-2], "truncated: the file ends inside a UTF-8 character"),
        (TEXT.encode("gbk")[:-4], "truncated: the file ends inside a GB18030/GBK character"),
        (TEXT.encode("utf-8")[:-5] + b"abc", "not text"),  # UTF-8 broken inside: not GB18030 nonsense
    ],
    ids=["utf8-cut", "gbk-cut", "utf8-broken"],
)
def test_cut_off_and_broken_text_is_an_error(data, reason):
    with pytest.raises(ReadError, match=reason):
        reader.decode(data)


PAGE = """<!DOCTYPE html><html><head><meta charset="gbk"><title>网站标题</title>
<style>p {color: red}</style><script>var x = "5.2%";</script></head>
<body><div class="nav">首页 &gt; 要闻</div>
<h1>政府工作报告</h1>
<p>2024年3月5日在第十四届全国人民代表大会第二次会议上</p>
<p>国内生产总值增长<b>5.2%</b>，城镇新增就业
1244万人。</p><ul><li>一是稳增长</li><li>二是促改革</li></ul></body></html>"""


def test_html_gives_the_visible_text_and_offsets_into_it(tmp_path, capsys):
    write_files(tmp_path, {"page.html": PAGE.encode("gbk")})
    status, out, _ = run(["extract", tmp_path / "page.html", "--jobs", "1"], capsys)
    document = json.loads(out)
    assert status == 0
    assert document["text"] == ("首页 > 要闻\n政府工作报告\n2024年3月5日在第十四届全国人民代表大会第二次会议上\n"
                                "国内生产总值增长5.2%，城镇新增就业 1244万人。\n一是稳增长\n二是促改革")
    assert "网站标题" not in document["text"] and "var x" not in document["text"]
    assert document["reference_date"] == "2024-03-05"
    assert "5.2%" in [i["text"] for i in document["indicators"]]
    for kind in ("indicators", "times", "initiatives"):
        for record in document[kind]:
            assert document["text"][record["start"]:record["end"]] == record["text"]


def test_docx_paragraphs_and_tables(tmp_path, capsys):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in TEXT.splitlines():
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "粮食产量", "1.39万亿斤"
    document.save(tmp_path / "report.docx")
    status, out, _ = run(["extract", tmp_path / "report.docx", "--jobs", "1"], capsys)
    assert status == 0
    assert json.loads(out)["text"] == TEXT.rstrip("\n") + "\n粮食产量\t1.39万亿斤"


def _pdf(text: str) -> bytes:
    """A one-page PDF showing ``text`` (ASCII) in Helvetica, with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_text_layer(tmp_path, capsys):
    pytest.importorskip("pypdf")
    write_files(tmp_path, {"report.pdf": _pdf("GDP grew 5.2% in 2024."), "broken.pdf": _pdf("x")[:200]})
    status, out, err = run(["extract", tmp_path, "--jobs", "1"], capsys)
    assert status == 1
    assert "GDP grew 5.2% in 2024." in json.loads(out)["text"]
    assert "broken.pdf: read: not a readable .pdf file" in err


@pytest.mark.parametrize("module, suffix, extra", [("docx", ".docx", "docx"), ("pypdf", ".pdf", "pdf")])
def test_missing_extra_is_named(tmp_path, capsys, monkeypatch, module, suffix, extra):
    # None in sys.modules makes the import fail, as if the extra were not installed
    monkeypatch.setitem(sys.modules, module, None)
    write_files(tmp_path, {f"report{suffix}": b"PK\x03\x04 not really", "ok.txt": TEXT})
    status, _, _ = run(["extract", tmp_path, "-o", tmp_path / "out", "--jobs", "1"], capsys)
    [error] = jsonl(tmp_path / "out" / "errors.jsonl")
    assert status == 1
    assert error["stage"] == "read" and f"pip install 'govtext[{extra}]'" in error["reason"]


# ---------------------------------------------------------------- metadata from file names


@pytest.mark.parametrize(
    "name, expected",
    [
        ("2024年苏州市政府工作报告.txt", {"year": 2024, "region": "苏州市", "kind": "work_report"}),
        ("2024年江苏省苏州市人民政府工作报告.docx", {"year": 2024, "region": "江苏省苏州市", "kind": "work_report"}),
        ("海拉尔区2015年政府工作报告.txt", {"year": 2015, "region": "海拉尔区", "kind": "work_report"}),
        ("2023年苏州市人大常委会工作报告.md", {"year": 2023, "region": "苏州市", "kind": "npc_report"}),
        ("政协广东省委员会常务委员会工作报告.txt", {"region": "广东省", "kind": "cppcc_report"}),
        ("2019年政府工作报告.html", {"year": 2019, "kind": "work_report"}),
        ("county-hailar-2012.txt", {"year": 2012}),
        ("report-12345.txt", {}),
    ],
)
def test_metadata_from_filename(name, expected):
    assert metadata_from_filename(Path("some/folder") / name) == expected


def test_file_name_year_only_where_the_text_has_no_date(tmp_path, capsys):
    write_files(tmp_path, {"2023年苏州市政府工作报告.txt": "报送履职成果46件。今年新增就业1万人。",
                           "2020年海拉尔区政府工作报告.txt": TEXT})
    status, out, _ = run(["extract", tmp_path, "--jobs", "1"], capsys)
    dated, undated = (json.loads(line) for line in out.splitlines())
    assert status == 0
    assert (undated["reference_date"], undated["region"], undated["kind"]) == ("2023", "苏州市", "work_report")
    assert dated["reference_date"] == "2024-03-05"


# ---------------------------------------------------------------- failures and usage errors


def make_broken_files(folder: Path) -> dict:
    """Broken inputs beside good ones; the stage and reason each must be reported with."""
    gbk = TEXT.encode("gbk")
    write_files(folder, {"binary.txt": bytes(range(256)) * 8, "empty.txt": b"", "blank.md": " \n\r\n",
                         "truncated.txt": gbk[: gbk.index("报".encode("gbk")) + 1]})
    (folder / "x.txt").mkdir(exist_ok=True)
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    expected = {"binary.txt": "not text", "empty.txt": "empty", "blank.md": "blank",
                "truncated.txt": "truncated", "x.txt": "is a folder", "dangling.txt": "No such file"}
    if os.geteuid() != 0:  # root reads files whatever their permissions
        write_files(folder, {"locked.txt": TEXT})
        (folder / "locked.txt").chmod(0)
        expected["locked.txt"] = "Permission denied"
    return expected


def test_broken_files_are_reported_counted_and_do_not_stop_the_run(tmp_path, capsys):
    inputs = tmp_path / "in"
    write_files(inputs, {"good.txt": TEXT, "x.txt/inside.txt": TEXT})
    expected = make_broken_files(inputs)
    status, _, err = run(["extract", inputs, "-o", tmp_path / "out", "--jobs", "1"], capsys)
    errors = {Path(e["path"]).name: e for e in jsonl(tmp_path / "out" / "errors.jsonl")}
    documents = jsonl(tmp_path / "out" / "documents.jsonl")
    assert status == 1
    assert sorted(errors) == sorted(expected)
    for name, reason in expected.items():
        assert errors[name]["stage"] == "read" and reason in errors[name]["reason"], errors[name]
    assert [Path(d["path"]).name for d in documents] == ["good.txt", "inside.txt"]
    assert err.splitlines()[-1] == f"govtext: 2 documents, {sum(map(len_records, documents))} records, " \
                                   f"{len(expected)} failed"


def len_records(document):
    return sum(len(rows) for rows in records(document).values())


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path, capsys, monkeypatch):
    write_files(tmp_path / "in", {"a.txt": TEXT, "locked/b.txt": TEXT})
    locked, scandir = tmp_path / "in" / "locked", os.scandir

    def refuse_locked(path="."):  # as for a folder without read permission, which root could still read
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse_locked)
    status, _, err = run(["extract", tmp_path / "in", "-o", tmp_path / "out", "--jobs", "1"], capsys)
    assert status == 1
    assert jsonl(tmp_path / "out" / "errors.jsonl") == [
        {"path": str(locked), "stage": "walk", "reason": "cannot list the folder: Permission denied"}]
    assert err.splitlines()[-1].startswith("govtext: 1 document,") and err.endswith(" 1 failed\n")


def test_no_failure_exits_0_and_writes_an_empty_errors_file(tmp_path, capsys):
    write_files(tmp_path / "in", {"a.txt": TEXT})
    status, _, err = run(["extract", tmp_path / "in", "-o", tmp_path / "out.jsonl", "--jobs", "1"], capsys)
    assert status == 0
    assert (tmp_path / "out.errors.jsonl").read_text() == ""
    assert re.fullmatch(r"govtext: 1 document, \d+ records, 0 failed\n", err)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["extract"],
        ["unknown"],
        ["extract", "{missing}"],
        ["extract", "{in}", "--resume"],
        ["extract", "{in}", "--format", "parquet"],
        ["extract", "{in}", "-o", "{out}.jsonl", "--format", "parquet"],
        ["extract", "{in}", "-o", "{out}", "--format", "sav"],
        ["extract", "{in}", "--bom"],
        ["extract", "{in}", "--year", "24"],
        ["extract", "{in}", "--year", "twenty"],
        ["panel", "{in}", "--include"],
        ["extract", "{in}", "--jobs", "0"],
        ["extract", "{in}", "-o", "{in}/a.txt"],
    ],
)
def test_usage_errors_exit_2(tmp_path, capsys, argv):
    write_files(tmp_path / "in", {"a.txt": TEXT})
    names = {"in": tmp_path / "in", "out": tmp_path / "out", "missing": tmp_path / "missing"}
    with pytest.raises(SystemExit) as exit_info:
        main([arg.format(**names) for arg in argv])
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_worker_crash_is_reported_and_the_run_goes_on(tmp_path, capsys, monkeypatch):
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the crash is planted by patching the parent, which only forked workers inherit")
    original = reader.document_text

    def crash_on_marker(data, suffix):
        if b"CRASH" in data:
            os._exit(1)
        return original(data, suffix)

    monkeypatch.setattr(reader, "document_text", crash_on_marker)
    write_files(tmp_path / "in", {f"{n}.txt": TEXT + str(n) for n in range(4)} | {"1.txt": "CRASH"})
    status, _, _ = run(["extract", tmp_path / "in", "-o", tmp_path / "out", "--jobs", "2", "-q"], capsys)
    [error] = jsonl(tmp_path / "out" / "errors.jsonl")
    assert status == 1
    assert (Path(error["path"]).name, error["stage"]) == ("1.txt", "worker")
    assert [Path(d["path"]).name for d in jsonl(tmp_path / "out" / "documents.jsonl")] == ["0.txt", "2.txt", "3.txt"]


# ---------------------------------------------------------------- outputs


def test_jsonl_and_folder_outputs_hold_the_same_documents(tmp_path, capsys):
    write_files(tmp_path / "in", {"a.txt": TEXT, "b/2024年苏州市政府工作报告.txt": "报送履职成果46件。"})
    run(["extract", tmp_path / "in", "-o", tmp_path / "records.jsonl", "--jobs", "1"], capsys)
    run(["extract", tmp_path / "in", "-o", tmp_path / "out", "--jobs", "1"], capsys)
    _, stdout, _ = run(["extract", tmp_path / "in", "--jobs", "1"], capsys)
    folder = tmp_path / "out"
    assert (tmp_path / "records.jsonl").read_bytes() == (folder / "documents.jsonl").read_bytes()
    assert (folder / "documents.jsonl").read_text(encoding="utf-8") == stdout
    tables = [f"{table}.csv" for table in export.TABLE_COLUMNS]
    assert sorted(p.name for p in folder.iterdir()) == sorted(["documents.jsonl", "errors.jsonl", *tables])
    first = jsonl(folder / "documents.jsonl")[0]
    assert list(first)[-3:] == ["path", "sha256", "text"]


def test_tables_load_in_pandas_with_the_documented_columns(tmp_path, capsys):
    pandas = pytest.importorskip("pandas")
    write_files(tmp_path / "in", {"a.txt": TEXT, "2024年苏州市政府工作报告.txt": "开展“四大工程”，报送履职成果46件。"})
    run(["extract", tmp_path / "in", "-o", tmp_path / "out", "--jobs", "1"], capsys)
    documents = jsonl(tmp_path / "out" / "documents.jsonl")
    for table, columns in export.TABLE_COLUMNS.items():
        frame = pandas.read_csv(tmp_path / "out" / f"{table}.csv")
        assert tuple(frame.columns) == columns
        expected_rows = len(documents) if table == "documents" else sum(len(d[table]) for d in documents)
        assert len(frame) == expected_rows
    indicators = pandas.read_csv(tmp_path / "out" / "indicators.csv")
    assert set(indicators["year"]) == {2024}
    assert set(indicators.loc[indicators["path"].str.contains("苏州"), "region"]) == {"苏州市"}


def test_parquet_tables(tmp_path, capsys):
    pytest.importorskip("pyarrow")
    pandas = pytest.importorskip("pandas")
    write_files(tmp_path / "in", {"a.txt": TEXT})
    status, _, _ = run(["extract", tmp_path / "in", "-o", tmp_path / "out", "--format", "parquet", "--jobs", "1"],
                       capsys)
    assert status == 0
    for table, columns in export.TABLE_COLUMNS.items():
        frame = pandas.read_parquet(tmp_path / "out" / f"{table}.parquet")
        assert tuple(frame.columns) == columns
    indicators = pandas.read_parquet(tmp_path / "out" / "indicators.parquet")
    assert indicators["value"].dtype == "float64" and 5.2 in list(indicators["value"])
    assert indicators["start"].dtype == "int64" and indicators["year"].tolist()[0] == 2024


BIG = "河南省算力规模达到10.36百亿亿次/秒，推进“一带一路”建设。城镇新增就业110万人。"


def _table_files(tmp_path, capsys, table_format):
    write_files(tmp_path / "in", {"a.txt": TEXT, "big.txt": BIG})
    status, _, _ = run(["extract", tmp_path / "in", "-o", tmp_path / "out", "--format", table_format,
                        "--jobs", "1"], capsys)
    assert status == 0
    return tmp_path / "out"


@pytest.mark.parametrize("table_format, module", [("parquet", "pyarrow"), ("xlsx", "openpyxl"), ("dta", "pandas")])
def test_every_table_format_loads_in_pandas(tmp_path, capsys, table_format, module):
    pytest.importorskip(module)
    pandas = pytest.importorskip("pandas")
    folder = _table_files(tmp_path, capsys, table_format)
    read = {"parquet": pandas.read_parquet, "xlsx": pandas.read_excel, "dta": pandas.read_stata}[table_format]
    documents = jsonl(folder / "documents.jsonl")
    frames = {table: read(folder / f"{table}.{table_format}") for table in export.TABLE_COLUMNS}
    for table, columns in export.TABLE_COLUMNS.items():
        if table_format == "dta":
            columns = tuple(export.STATA_NAMES.get(c, c) for c in columns)
        assert tuple(frames[table].columns) == columns, table
        expected_rows = len(documents) if table == "documents" else sum(len(d[table]) for d in documents)
        assert len(frames[table]) == expected_rows, table
    # a value beyond int64 is kept, as a float
    assert 1.036e19 in list(frames["indicators"]["value"])
    assert str(frames["documents"]["govtext_version"][0]) == govtext.__version__
    assert sorted(frames["times"]["event"].astype(int).unique()) in ([0], [0, 1], [1])
    members = [m for m in frames["initiatives"]["members"] if isinstance(m, str) and m]
    if table_format == "dta":  # lists joined, not JSON
        assert any("; " in m for m in members) and not any(m.startswith("[") for m in members)


def test_tables_say_which_govtext_made_them(tmp_path, capsys):
    pytest.importorskip("pyarrow")
    openpyxl = pytest.importorskip("openpyxl")
    pandas = pytest.importorskip("pandas")
    import pyarrow.parquet

    folder = _table_files(tmp_path, capsys, "parquet")
    [line, *_] = jsonl(folder / "documents.jsonl")
    assert line["govtext_version"] == govtext.__version__ and line["schema_version"] == govtext.SCHEMA_VERSION
    metadata = pyarrow.parquet.read_schema(folder / "indicators.parquet").metadata
    assert metadata[b"govtext_version"].decode() == govtext.__version__
    assert metadata[b"schema_version"].decode() == govtext.SCHEMA_VERSION
    export.write_tables(folder / "documents.jsonl", folder, "xlsx")
    properties = openpyxl.load_workbook(folder / "times.xlsx").properties
    assert f"govtext_version={govtext.__version__}" in properties.description
    export.write_tables(folder / "documents.jsonl", folder, "dta")
    with pandas.io.stata.StataReader(folder / "times.dta") as stata:
        assert stata.data_label == f"govtext {govtext.__version__}, schema {govtext.SCHEMA_VERSION}"


@pytest.mark.parametrize("resume", [False, True])
def test_csv_with_a_byte_order_mark(tmp_path, capsys, resume):
    write_files(tmp_path / "in", {"a.txt": TEXT})
    argv = ["extract", tmp_path / "in", "-o", tmp_path / "out", "--jobs", "1"]
    assert run(argv, capsys)[0] == 0
    assert not (tmp_path / "out" / "indicators.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    # streamed tables, and tables written at the end of a resumed run
    assert run([*argv, "--bom", *(["--resume"] if resume else [])], capsys)[0] == 0
    for table in export.TABLE_COLUMNS:
        data = (tmp_path / "out" / f"{table}.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbfdoc_id,path,"), table
        assert data.count(b"\xef\xbb\xbf") == 1


def test_readme_documents_the_table_columns():
    documented = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|\s*`(\w+)\.csv`\s*\|(.*)\|\s*$", line)
        if match:
            documented[match[1]] = tuple(re.findall(r"`(\w+)`", match[2]))
    assert documented == export.TABLE_COLUMNS, "update the table of columns in README.md's Command line section"


# ---------------------------------------------------------------- parallel runs and --resume


def many_reports(folder: Path, count: int) -> Path:
    report = cli.example_text()
    return write_files(folder, {f"{n // 10}/report-{n:03}.txt": f"第{n}号\n{report * 3}" for n in range(count)})


def assert_same_output_with_1_and_2_jobs(inputs, tmp_path, capsys) -> str:
    """Run into out1 and out2 with --jobs 1 and 2 (some inputs broken: exit 1); the
    outputs must be byte-identical. Returns the stderr of the second run."""
    outputs = {}
    for jobs in (1, 2):
        status, _, err = run(["extract", inputs, "-o", tmp_path / f"out{jobs}", "--jobs", jobs], capsys)
        assert status == 1
        outputs[jobs] = {p.name: p.read_bytes() for p in (tmp_path / f"out{jobs}").iterdir()}
    assert outputs[1] == outputs[2]
    return err


def test_jobs_1_and_2_give_identical_output(tmp_path, capsys):
    inputs = many_reports(tmp_path / "in", 12)
    make_broken_files(inputs)
    assert_same_output_with_1_and_2_jobs(inputs, tmp_path, capsys)
    assert len(jsonl(tmp_path / "out1" / "documents.jsonl")) == 12


def test_resume_keeps_written_documents_and_cuts_a_half_line(tmp_path, capsys, monkeypatch):
    inputs = many_reports(tmp_path / "in", 6)
    make_broken_files(inputs)
    run(["extract", inputs, "-o", tmp_path / "whole", "--jobs", "1"], capsys)
    whole = {p.name: p.read_bytes() for p in (tmp_path / "whole").iterdir()}
    # an interrupted run: three documents written, the fourth cut off mid-line, no final files
    lines = whole["documents.jsonl"].splitlines(keepends=True)
    (tmp_path / "cut").mkdir()
    (tmp_path / "cut" / "documents.jsonl.partial").write_bytes(b"".join(lines[:3]) + lines[3][:50])
    processed = []
    original = batch.process_file

    def counting(task):
        processed.append(Path(task.path).name)
        return original(task)

    monkeypatch.setattr(batch, "process_file", counting)
    status, _, err = run(["extract", inputs, "-o", tmp_path / "cut", "--jobs", "1", "--resume"], capsys)
    assert status == 1
    assert {p.name: p.read_bytes() for p in (tmp_path / "cut").iterdir()} == whole
    assert "report-000.txt" not in processed and "report-003.txt" in processed
    assert "(3 kept from the interrupted run)" in err
    # resuming a finished run redoes no document
    processed.clear()
    run(["extract", inputs, "-o", tmp_path / "cut", "--jobs", "1", "--resume"], capsys)
    assert not [name for name in processed if name.startswith("report")]
    assert (tmp_path / "cut" / "documents.jsonl").read_bytes() == whole["documents.jsonl"]


def test_resume_after_sigkill_ends_as_an_uninterrupted_run(tmp_path, capsys):
    inputs = many_reports(tmp_path / "in", 80)
    out = tmp_path / "out"
    partial = out / "documents.jsonl.partial"
    command = [sys.executable, "-m", "govtext.cli", "extract", str(inputs), "-o", str(out), "--jobs", "1", "-q"]
    process = subprocess.Popen(command)
    try:
        while process.poll() is None:
            if partial.exists() and partial.read_bytes().count(b"\n") >= 5:
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert not (out / "documents.jsonl").exists()
    status, _, _ = run(["extract", inputs, "-o", out, "--jobs", "1", "--resume"], capsys)
    run(["extract", inputs, "-o", tmp_path / "whole", "--jobs", "1"], capsys)
    assert status == 0
    assert not partial.exists()
    for name in ("documents.jsonl", *(f"{table}.csv" for table in export.TABLE_COLUMNS)):
        assert (out / name).read_bytes() == (tmp_path / "whole" / name).read_bytes(), name


def test_resume_redoes_a_file_that_changed(tmp_path, capsys):
    write_files(tmp_path / "in", {"a.txt": TEXT, "b.txt": TEXT})
    run(["extract", tmp_path / "in", "-o", tmp_path / "out.jsonl", "--jobs", "1"], capsys)
    (tmp_path / "in" / "a.txt").write_text("城镇新增就业1244万人。", encoding="utf-8")
    status, _, err = run(["extract", tmp_path / "in", "-o", tmp_path / "out.jsonl", "--jobs", "1", "--resume"],
                         capsys)
    first, second = jsonl(tmp_path / "out.jsonl")
    assert status == 0 and "(1 kept" in err
    assert first["text"] == "城镇新增就业1244万人。" and second["text"] == TEXT


# ---------------------------------------------------------------- help, version, progress


def test_help_version_and_example(capsys):
    for argv, expected in ((["--version"], "govtext "), (["--help"], "extract"),
                           (["extract", "--help"], "examples:")):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 0
        assert expected in capsys.readouterr().out
    status, out, _ = run(["extract", "--example"], capsys)
    assert status == 0 and out.startswith("reference date: 2025-01-18\n\nINDICATORS\n")


def test_help_does_not_import_the_heavy_libraries():
    code = ("import sys\nfrom govtext.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted({'jieba', 'pandas', 'sklearn', 'pyarrow'} & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().endswith("[]")


class FakeTerminal:
    def __init__(self):
        self.written = []

    def isatty(self):
        return True

    def write(self, text):
        self.written.append(text)

    def flush(self):
        pass


def test_progress_bar_on_a_terminal_plain_lines_otherwise_only_failures_when_quiet(tmp_path, capsys):
    terminal = FakeTerminal()
    progress = cli.Progress(4, stream=terminal)
    progress.update(4, 1)
    progress.close()
    assert "\r[" in "".join(terminal.written) and "4/4 files, 1 failed" in "".join(terminal.written)

    progress = cli.Progress(4, interval=0)
    progress.update(2, 0)
    assert capsys.readouterr().err.startswith("govtext: 2/4 files, 0 failed")

    write_files(tmp_path / "in", {"a.txt": TEXT, "empty.txt": ""})
    status, _, err = run(["extract", tmp_path / "in", "-o", tmp_path / "out", "--jobs", "1", "--quiet"], capsys)
    assert status == 1
    assert err == f"govtext: failed: {tmp_path / 'in' / 'empty.txt'}: read: no text: the file is empty or blank\n"


# ---------------------------------------------------------------- the real corpus


def test_corpus_folder_with_gbk_html_and_broken_files(tmp_path, capsys, corpus):
    """The acceptance run of issue 7 on the real reports of ../shared/corpus."""
    inputs = tmp_path / "in"
    (inputs / "docs").mkdir(parents=True)
    (inputs / "orig").mkdir()
    for source in sorted((corpus / "docs").glob("*.txt")):
        (inputs / "docs" / source.name).write_bytes(source.read_bytes())
    for source in sorted((corpus / "orig").iterdir()):
        if source.suffix in (".txt", ".html"):
            (inputs / "orig" / source.name).write_bytes(source.read_bytes())
    expected_errors = make_broken_files(inputs)
    good = len(list((inputs / "docs").iterdir())) + len(list((inputs / "orig").iterdir()))
    err = assert_same_output_with_1_and_2_jobs(inputs, tmp_path, capsys)
    documents = {Path(d["path"]).relative_to(inputs).as_posix(): d for d in jsonl(tmp_path / "out1" / "documents.jsonl")}
    errors = jsonl(tmp_path / "out1" / "errors.jsonl")
    assert len(documents) == good
    assert sorted(Path(e["path"]).name for e in errors) == sorted(expected_errors)
    total = sum(map(len_records, documents.values()))
    assert err.splitlines()[-1] == f"govtext: {good} documents, {total} records, {len(expected_errors)} failed"
    for name, document in documents.items():
        if name.startswith("orig/") and name.endswith(".txt"):
            twin = documents[name.replace("orig/", "docs/")]
            assert records(document) == records(twin), name
    page, twin = documents["orig/nat-2019.html"], documents["docs/nat-2019.txt"]
    without_offsets = [{k: v for k, v in r.items() if k not in ("start", "end")} for r in page["indicators"]]
    assert without_offsets == [{k: v for k, v in r.items() if k not in ("start", "end")} for r in twin["indicators"]]


# --html, panel and topics ------------------------------------------------------------

def _two_reports(folder):
    folder.mkdir()
    (folder / "a.txt").write_text(
        "2024年政府工作报告\n今年发展主要预期目标是：国内生产总值增长5%左右。加强生态环境保护，推进污染防治。\n",
        encoding="utf-8")
    (folder / "b.txt").write_text(
        "2023年政府工作报告\n今年发展主要预期目标是：国内生产总值增长6%左右。加快科技创新，发展数字经济。\n",
        encoding="utf-8")
    return folder


def test_html_pages_beside_the_tables(tmp_path):
    folder = _two_reports(tmp_path / "in")
    assert main(["extract", str(folder), "-o", str(tmp_path / "out"), "--html", "--quiet"]) == 0
    pages = sorted(p.name for p in (tmp_path / "out" / "html").iterdir())
    assert pages == ["a.html", "b.html", "index.html"]
    assert "国内生产总值" in (tmp_path / "out" / "html" / "a.html").read_text(encoding="utf-8")


def test_html_needs_an_output_folder(tmp_path):
    folder = _two_reports(tmp_path / "in")
    with pytest.raises(SystemExit) as exit_:
        main(["extract", str(folder), "-o", str(tmp_path / "out.jsonl"), "--html"])
    assert exit_.value.code == 2


def test_panel_command_writes_one_row_per_document(tmp_path, capsys):
    folder = _two_reports(tmp_path / "in")
    out = tmp_path / "panel.csv"
    assert main(["panel", str(folder), "-o", str(out), "--lexicon", "environment", "--jobs", "1", "-q"]) == 0
    import pandas

    frame = pandas.read_csv(out)
    assert frame["doc_id"].tolist() == ["a", "b"]
    assert frame["gdp_target"].tolist() == [5, 6]
    assert "environment_hits" in frame.columns


@pytest.mark.parametrize("command", ["panel", "topics"])
def test_panel_and_topics_walk_folders_as_extract_does(tmp_path, capsys, command):
    folder = _two_reports(tmp_path / "in")
    for name in ("c.txt", "drafts/d.txt", "notes.md"):
        write_files(folder, {name: "加强生态环境保护，推进污染防治。加快科技创新，发展数字经济。\n"})
    out = tmp_path / "shares.csv"
    argv = [command, str(folder), "-o", str(out), "--jobs", "1", "-q", "--include", "*.txt", "--exclude", "drafts"]
    if command == "topics":
        argv += ["-k", "2"]
    assert main(argv) == 0
    import pandas

    assert pandas.read_csv(out)["doc_id"].tolist() == ["a", "b", "c"]


def test_topics_command_prints_k_topics(tmp_path, capsys):
    folder = _two_reports(tmp_path / "in")
    (folder / "c.txt").write_text("加强生态环境保护，推进污染防治，建设美丽中国。加快科技创新。\n", encoding="utf-8")
    (folder / "d.txt").write_text("发展数字经济，加快科技创新，推进生态环境保护。\n", encoding="utf-8")
    assert main(["topics", str(folder), "-k", "2", "--terms", "3", "--jobs", "1", "-q"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["topic 0", "topic 1"]


def test_panel_over_the_corpus_has_one_row_per_document(tmp_path, corpus):
    out = tmp_path / "panel.csv"
    documents = sorted((corpus / "docs").glob("*.txt"))
    assert main(["panel", str(corpus / "docs"), "-o", str(out), "-q"]) == 0
    import pandas

    frame = pandas.read_csv(out)
    assert sorted(frame["doc_id"]) == sorted(p.stem for p in documents)
    assert frame.loc[frame["doc_id"] == "nat-2024", "gdp_target"].item() == 5


@pytest.mark.parametrize("resume", [False, True])
def test_a_run_removes_the_temporaries_a_killed_run_left(tmp_path, capsys, resume):
    write_files(tmp_path / "in", {"a.txt": TEXT})
    out = tmp_path / "out"
    argv = ["extract", tmp_path / "in", "-o", out, "--jobs", "1", "--html"]
    assert run(argv, capsys)[0] == 0
    # what a run killed while writing its tables and pages leaves (its process is gone)
    stale = [".indicators.csv.999999999.0a1b2c3d.tmp", "html/.a.html.999999999.0a1b2c3d.tmp"]
    # and what is not a stale temporary of govtext's: a live process's, the user's own
    kept = [f".times.csv.{os.getpid()}.0a1b2c3d.tmp", ".notes.tmp", f"html/.index.html.{os.getpid()}.0a1b2c3d.tmp"]
    write_files(out, dict.fromkeys(stale + kept, "doc_id,"))
    assert run([*argv, "--resume"] if resume else argv, capsys)[0] == 0
    assert [name for name in stale + kept if (out / name).exists()] == kept
