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
