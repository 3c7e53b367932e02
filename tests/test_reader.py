"""govtext.read: every encoding real folders hold, CRLF as LF, clear errors."""

import codecs

import pytest

import govtext
from govtext.errors import ReadError

TEXT = "政府工作报告\n2024年3月5日\n国内生产总值增长5.2%，“十四五”开局。\n"


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        TEXT.encode("utf-16-le"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.encode("gbk"),
        TEXT.replace("\n", "\r\n").encode("gb18030"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-nobom", "crlf", "gbk", "gb18030-crlf"],
)
def test_read_encodings(tmp_path, encoded):
    path = tmp_path / "report.txt"
    path.write_bytes(encoded)
    assert govtext.read(path) == TEXT


def test_read_missing_file_says_so(tmp_path):
    with pytest.raises(ReadError, match="missing.txt"):
        govtext.read(tmp_path / "missing.txt")


def test_read_folder_says_so(tmp_path):
    folder = tmp_path / "x.txt"
    folder.mkdir()
    with pytest.raises(ReadError, match="folder"):
        govtext.read(folder)


def test_read_binary_is_an_error(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ReadError):
        govtext.read(path)


def test_gbk_originals_equal_their_utf8_twins(corpus):
    originals = sorted((corpus / "orig").glob("*.txt"))
    assert originals
    for original in originals:
        twin = corpus / "docs" / original.name
        assert govtext.read(original) == twin.read_text(encoding="utf-8"), original.name


def test_read_html_gives_the_visible_text(tmp_path):
    page = tmp_path / "report.htm"
    page.write_text("<html><head><title>网站</title><script>var x=1;</script></head>"
                    "<body><p>国内生产总值增长5.2%。</p></body></html>", encoding="utf-8")
    assert govtext.read(page) == "国内生产总值增长5.2%。"


def test_read_docx_gives_its_paragraphs(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("城镇新增就业1244万人。")
    document.save(tmp_path / "report.docx")
    assert govtext.read(tmp_path / "report.docx") == "城镇新增就业1244万人。"


def test_read_is_the_command_line_reader():
    from govtext import reader

    assert reader.read_document is reader.read is govtext.read


@pytest.mark.parametrize("name, reason", [("report.doc", "old Word file"), ("table.xlsx", "spreadsheet"),
                                          ("empty.txt", "empty"), ("scan.pdf", "pdf")])
def test_read_says_what_it_could_not_read(tmp_path, name, reason):
    (tmp_path / name).write_bytes(b"" if name == "empty.txt" else b"\xd0\xcf\x11\xe0 binary")
    if name == "scan.pdf":
        pytest.importorskip("pypdf")
    with pytest.raises(ReadError, match=rf"{name}: .*{reason}"):
        govtext.read(tmp_path / name)


@pytest.mark.parametrize(
    "page, expected",
    [
        # a wrap inside a word of a full line, with or without a blank at the break
        ("做好科技金融、绿色金融、普惠金融五篇大\n文章，推动高质量发展取得新成效。",
         "做好科技金融、绿色金融、普惠金融五篇大文章，推动高质量发展取得新成效。"),
        ("我们坚持稳中求进工作总基调，完整准确全 \n 面贯彻新发展理念。",
         "我们坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。"),
        # a blank between two characters of a line is the extractor's
        ("全年粮食产量1.39万亿斤，五篇大 文章", "全年粮食产量1.39万亿斤，五篇大文章"),
        # a heading and a paragraph's last line keep their break
        ("二、政府工作任务\n全面深化改革，推动经济实现质的有效提升和量的合理增长。\n加快发展新质生产力。",
         "二、政府工作任务\n全面深化改革，推动经济实现质的有效提升和量的合理增长。\n加快发展新质生产力。"),
        # Latin words keep their spaces
        ("GDP grew 5.2% in 2024\nand more", "GDP grew 5.2% in 2024\nand more"),
    ],
)
def test_pdf_lines_are_joined_inside_chinese_text(page, expected):
    from govtext.reader import join_pdf_lines

    assert join_pdf_lines(page) == expected
