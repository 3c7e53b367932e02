"""Read a text file in whatever encoding real folders hold, line breaks as LF.

Tried in order: a byte-order mark (UTF-8, UTF-16, UTF-32), strict UTF-8, UTF-16
without a mark (many NUL bytes), GB2312, GB18030 (a superset of GBK), then Big5.
GB2312 goes before GB18030 because the two map a few punctuation marks
differently (``―`` U+2015 versus ``—`` U+2014) and files that fit GB2312 were
written with it. Big5 bytes nearly always decode as GB18030 too, into rare
characters and private-use code points (Big5's ``，`` is GB18030's U+E4C6), so
GB18030 and Big5 must each give text that looks like prose to be chosen; only
when neither does is the first of them taken that decodes with few private-use
characters. A file cut off inside a character is reported as truncated.

:func:`read` reads every format a folder of reports holds, as the command line
does: plain text as above, the visible text of an HTML page, the paragraphs of a
``.docx`` file, the text layer of a ``.pdf`` (the last two through the ``docx`` and
``pdf`` extras); :func:`read_text` reads plain text only.

Example:
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "gbk.txt"
    >>> _ = path.write_bytes("政府工作报告\\r\\n".encode("gbk"))
    >>> read_text(path)
    '政府工作报告\\n'
"""

from __future__ import annotations

import codecs
import io
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import regex

from .errors import MissingExtraError, ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHINESE_ENCODINGS = ("gb18030", "big5", "big5hkscs")
# Where the characters of Chinese prose live: ASCII, general punctuation, CJK
# symbols, CJK ideographs, full-width forms.
_PROSE_RANGES = ((0x09, 0x7E), (0x2000, 0x206F), (0x3000, 0x303F), (0x4E00, 0x9FFF), (0xFF00, 0xFFEF))


def _plausible_text(data: bytes, encoding: str) -> bool:
    """Whether ``data`` decodes with ``encoding`` to text that looks like Chinese prose.

    UTF-16 without a byte-order mark has no marker of its own; GBK bytes read as
    UTF-16 give code points scattered over the whole plane, prose does not.
    """
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return False
    if not text:
        return False
    sample = text[:2000]
    inside = sum(any(low <= ord(ch) <= high for low, high in _PROSE_RANGES) for ch in sample)
    return inside >= 0.95 * len(sample)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _private_use(text: str) -> bool:
    """Whether more than 1% of ``text`` is private-use code points: bytes read in the wrong encoding."""
    return sum(0xE000 <= ord(ch) <= 0xF8FF for ch in text) > 0.01 * len(text)


def _cut_off(data: bytes, encoding: str) -> bool:
    """Whether ``data`` is text in ``encoding`` but for a character cut off at the end."""
    try:
        data.decode(encoding)
    except UnicodeDecodeError as error:
        incomplete = error.reason in ("unexpected end of data", "incomplete multibyte sequence")
        return incomplete and error.end == len(data)
    return False


def detect_encoding(data: bytes) -> str:
    """The encoding ``data`` decodes with (see the module docstring)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    if b"\x00" not in data:
        if _decodes(data, "utf-8"):
            return "utf-8"
        if _cut_off(data, "utf-8"):  # else its bytes would pass for GB18030 and give nonsense
            raise ReadError("truncated: the file ends inside a UTF-8 character")
    for encoding in ("utf-16-le", "utf-16-be"):
        if len(data) % 2 == 0 and _plausible_text(data, encoding):
            return encoding
    if _decodes(data, "gb2312"):
        return "gb2312"
    for encoding in _CHINESE_ENCODINGS:
        if _plausible_text(data, encoding):
            return encoding
    for encoding in _CHINESE_ENCODINGS:
        if _decodes(data, encoding) and not _private_use(data.decode(encoding)):
            return encoding
    if _cut_off(data, "gb18030"):
        raise ReadError("truncated: the file ends inside a GB18030/GBK character")
    raise ReadError("not text in UTF-8, UTF-16, GB18030/GBK/GB2312 or Big5")


def decode(data: bytes) -> str:
    """Text of ``data``, CRLF and CR turned into LF."""
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ReadError(f"cannot decode as {encoding}: {error}") from error
    if "\x00" in text:
        raise ReadError("binary data (NUL characters) in the text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_bytes(path: str | os.PathLike) -> bytes:
    """The bytes of the file at ``path``; a :class:`~govtext.errors.ReadError` naming the file if not."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except IsADirectoryError as error:
        raise ReadError(f"{path}: is a folder, not a file") from error
    except OSError as error:
        raise ReadError(f"{path}: {error.strerror or error}") from error


def read_text(path: str | os.PathLike) -> str:
    """The text of the plain-text file at ``path``: any of the encodings above, LF line breaks.

    Raises :class:`~govtext.errors.ReadError` for a missing, unreadable or
    non-text file. :func:`read` reads the other formats too.
    """
    data = read_bytes(path)
    try:
        return decode(data)
    except ReadError as error:
        raise ReadError(f"{path}: {error}") from error


# The file formats read knows; any other name is read as plain text.
HTML_SUFFIXES = (".html", ".htm")
DOCUMENT_SUFFIXES = (".txt", ".md", *HTML_SUFFIXES, ".docx", ".pdf")
# Formats often found beside reports that govtext cannot read, and what to do instead.
_UNREADABLE_SUFFIXES = {
    ".doc": "an old Word file: save it as .docx or .txt",
    ".wps": "a WPS file: save it as .docx or .txt",
    ".rtf": "an RTF file: save it as .docx or .txt",
    ".xls": "a spreadsheet, not a report",
    ".xlsx": "a spreadsheet, not a report",
    ".ppt": "a slide deck: save it as .pdf",
    ".pptx": "a slide deck: save it as .pdf",
    ".caj": "a CNKI CAJ file: save it as .pdf",
    ".ofd": "an OFD file: save it as .pdf",
}


def read(path: str | os.PathLike) -> str:
    """The text govtext extracts from, for a file of any format the command line reads.

    Plain text (``.txt``, ``.md`` and unknown suffixes) in any of the encodings
    above; HTML as the visible text of the page (:func:`html_text`); ``.docx``
    paragraphs and tables and the text layer of a ``.pdf`` through the ``docx``
    and ``pdf`` extras. What cannot be read is a
    :class:`~govtext.errors.ReadError` naming the file and saying why: missing,
    a folder, not text, empty or blank, a PDF without a text layer, a format
    govtext does not read (``.doc``, ``.xls`` …); a missing extra is a
    :class:`~govtext.errors.MissingExtraError` naming it.

    Example:
        >>> import tempfile, pathlib
        >>> page = pathlib.Path(tempfile.mkdtemp()) / "report.html"
        >>> _ = page.write_text("<html><title>网站</title><p>政府工作报告</p><p>国内生产总值增长5%</p>")
        >>> read(page)
        '政府工作报告\\n国内生产总值增长5%'
    """
    try:
        return document_text(read_bytes(path), Path(path).suffix)
    except MissingExtraError:
        raise
    except ReadError as error:
        message = str(error)
        if message.startswith(f"{path}: "):
            raise
        raise ReadError(f"{path}: {message}") from error


# the name this function had before it read every format; the same function
read_document = read


def document_text(data: bytes, suffix: str) -> str:
    """The text of a file's bytes, read according to its ``suffix`` (see :func:`read`)."""
    suffix = suffix.lower()
    if suffix in _UNREADABLE_SUFFIXES:
        raise ReadError(f"govtext does not read {suffix} files ({_UNREADABLE_SUFFIXES[suffix]})")
    if suffix == ".docx":
        text = _docx_text(data)
    elif suffix == ".pdf":
        text = _pdf_text(data)
    elif suffix in HTML_SUFFIXES:
        text = html_text(decode(data))
    else:
        text = decode(data)
    if not text.strip():
        if suffix == ".pdf":
            raise ReadError("the PDF has no text layer (scanned pages?); run OCR on it first")
        raise ReadError("no text: the file is empty or blank")
    return text


# Elements whose content a browser does not show as text of the page.
_HIDDEN_ELEMENTS = frozenset({"script", "style", "title", "noscript", "template"})
# Elements that start on a line of their own.
_BLOCK_ELEMENTS = frozenset(
    "address article aside blockquote body dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tr ul".split()
)
_CELL_ELEMENTS = frozenset({"td", "th"})
_HTML_WHITESPACE = re.compile(r"[ \t\n\r\f]+")


class _VisibleText(HTMLParser):
    """Collects the text a browser shows, one line per block element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.hidden_depth = 0
        self.pre_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN_ELEMENTS:
            self.hidden_depth += 1
        elif tag == "br" or tag in _BLOCK_ELEMENTS:
            self.pieces.append("\n")
        elif tag in _CELL_ELEMENTS:
            self.pieces.append("\t")
        if tag == "pre":
            self.pre_depth += 1

    def handle_startendtag(self, tag, attrs):
        if tag == "br" or tag in _BLOCK_ELEMENTS:
            self.pieces.append("\n")

    def handle_endtag(self, tag):
        if tag in _HIDDEN_ELEMENTS:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag in _BLOCK_ELEMENTS:
            self.pieces.append("\n")
        if tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)

    def handle_data(self, data):
        if self.hidden_depth:
            return
        if self.pre_depth:
            self.pieces.append(data.replace("\r\n", "\n").replace("\r", "\n"))
        else:
            self.pieces.append(_HTML_WHITESPACE.sub(" ", data))


def html_text(markup: str) -> str:
    """The visible text of an HTML page: one line per paragraph, heading or list item.

    Scripts, styles and the page head are left out, entities are resolved and runs
    of HTML white space become one space, as a browser shows them. Record offsets
    of an HTML file refer to this text.

    Example:
        >>> html_text("<h5>一、工作回顾</h5><p>增长<b>5.2%</b>&nbsp;左右</p><script>x=1</script>")
        '一、工作回顾\\n增长5.2%\\xa0左右'
    """
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    lines = "".join(parser.pieces).split("\n")
    return "\n".join(stripped for line in lines if (stripped := line.strip(" \t")))


def _docx_text(data: bytes) -> str:
    try:
        import docx
    except ImportError as error:
        raise MissingExtraError(
            "reading .docx files needs python-docx: pip install 'govtext[docx]'"
        ) from error
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises zip, XML and key errors alike
        raise ReadError(f"not a readable .docx file ({type(error).__name__}: {error})") from error
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            lines.extend("\t".join(cell.text for cell in row.cells) for row in block.rows)
        else:
            lines.append(block.text)
    return "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n")


def _pdf_text(data: bytes) -> str:
    try:
        import pypdf
    except ImportError as error:
        raise MissingExtraError("reading .pdf files needs pypdf: pip install 'govtext[pdf]'") from error
    try:
        pdf = pypdf.PdfReader(io.BytesIO(data))
        if pdf.is_encrypted and not pdf.decrypt(""):
            raise ReadError("the PDF is encrypted with a password")
        pages = [join_pdf_lines(page.extract_text() or "") for page in pdf.pages]
    except ReadError:
        raise
    except Exception as error:  # pypdf raises its own errors and plain ones for broken files
        raise ReadError(f"not a readable .pdf file ({type(error).__name__}: {error})") from error
    return "\n".join(pages).replace("\r\n", "\n").replace("\r", "\n")


# A CJK character: ideographs, CJK punctuation (，。、“”《》…) and full-width forms.
_CJK = r"[\p{Han}\u3000-\u303f\uff01-\uff5e\u201c\u201d\u2018\u2019\u2026\u2014]"
# Blanks between two CJK characters on one line: the text extractor's guess at a gap.
_GAP_BETWEEN_CJK = regex.compile(rf"(?<={_CJK})[ \t]+(?={_CJK})")
# A line break between two CJK characters, with the blanks around it; not after the end
# of a sentence, where a full line may end a paragraph.
_BREAK_BETWEEN_CJK = regex.compile(rf"(?<={_CJK})(?<![。！？；：])[ \t]*\n[ \t]*(?={_CJK})")
# a wrapped line fills the width of the page: this share of the page's longest line
_FULL_LINE_SHARE = 0.8
_MIN_WRAPPED_LINE = 12


def join_pdf_lines(page: str) -> str:
    """The text of a PDF page with the layout's line wraps inside Chinese text undone.

    Chinese is written without spaces: blanks between two CJK characters of a line
    are the extractor's, and a line that fills the page's width and ends (not with
    the end of a sentence) and goes on with CJK characters was wrapped by the layout,
    so it is joined to the next without a space (``五篇大\\n文章`` is ``五篇大文章``).
    Shorter lines (headings, the last line of a paragraph) keep their break.

    Example:
        >>> join_pdf_lines("一、工作回顾\\n做好科技金融、绿色金融五篇大\\n文章，推动高质量发展。")
        '一、工作回顾\\n做好科技金融、绿色金融五篇大文章，推动高质量发展。'
    """
    page = _GAP_BETWEEN_CJK.sub("", page)
    lengths = [len(line.strip()) for line in page.split("\n")]
    full = max(_MIN_WRAPPED_LINE, _FULL_LINE_SHARE * max(lengths, default=0))

    def joined(match) -> str:
        line_start = page.rfind("\n", 0, match.start()) + 1
        return "" if len(page[line_start : match.start()].strip()) >= full else match.group()

    return _BREAK_BETWEEN_CJK.sub(joined, page)
