"""Read a text file in whatever encoding real folders hold, line breaks as LF.

Tried in order: a byte-order mark (UTF-8, UTF-16, UTF-32), strict UTF-8, UTF-16
without a mark (many NUL bytes), GB2312, then GB18030 (a superset of GBK).
GB2312 goes before GB18030 because the two map a few punctuation marks
differently (``―`` U+2015 versus ``—`` U+2014) and files that fit GB2312 were
written with it.

Example:
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "gbk.txt"
    >>> _ = path.write_bytes("政府工作报告\\r\\n".encode("gbk"))
    >>> read(path)
    '政府工作报告\\n'
"""

from __future__ import annotations

import codecs
import os

from .errors import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_FALLBACKS = ("gb2312", "gb18030")
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
    inside = sum(any(low <= ord(ch) <= high for low, high in _PROSE_RANGES) for ch in text[:2000])
    return inside >= 0.95 * min(len(text), 2000)


def detect_encoding(data: bytes) -> str:
    """The encoding ``data`` decodes with (see the module docstring)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    if b"\x00" not in data:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return "utf-8"
    for encoding in ("utf-16-le", "utf-16-be"):
        if len(data) % 2 == 0 and _plausible_text(data, encoding):
            return encoding
    for encoding in _FALLBACKS:
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    raise ReadError("not text in UTF-8, UTF-16 or GB18030/GBK")


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


def read(path: str | os.PathLike) -> str:
    """The text of the file at ``path``: any of the encodings above, LF line breaks.

    Raises :class:`~govtext.errors.ReadError` for a missing, unreadable or
    non-text file.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except IsADirectoryError as error:
        raise ReadError(f"{path}: is a folder, not a file") from error
    except OSError as error:
        raise ReadError(f"{path}: {error.strerror or error}") from error
    try:
        return decode(data)
    except ReadError as error:
        raise ReadError(f"{path}: {error}") from error
