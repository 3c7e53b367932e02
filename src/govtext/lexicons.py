"""Load and validate the lexicon files of ``data/lexicons``.

Every lexicon is UTF-8 text, one entry a line, fields separated by tabs, ``#``
starting a comment line. A malformed or duplicate line raises
:class:`~govtext.errors.LexiconError` naming ``file:line``.

In an installed wheel the files live in ``govtext/data/lexicons``; in a source
checkout (editable install) they are read from the repository's
``data/lexicons``. They are never looked up in the working directory.

Example:
    >>> from govtext.lexicons import table
    >>> ("%", "percent") in table("units.tsv", 2)
    True
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from .errors import LexiconError


@functools.lru_cache(maxsize=1)
def lexicon_dir() -> Path:
    """The folder that holds the lexicon files."""
    packaged = resources.files("govtext") / "data" / "lexicons"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "data" / "lexicons"
    if checkout.is_dir():
        return checkout
    raise LexiconError(
        "govtext's lexicon folder is missing from the installation; reinstall govtext "
        "(pip install --force-reinstall govtext)"
    )


def lexicon_path(name: str) -> Path:
    path = lexicon_dir() / name
    if not path.is_file():
        raise LexiconError(f"lexicon {name!r} not found in {lexicon_dir()}")
    return path


def _entries(path: Path):
    """Yield (line_number, fields) of the non-comment, non-blank lines of ``path``."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n").rstrip("\r")
            if number == 1 and line.startswith("\ufeff"):
                raise LexiconError(f"{path}:1: remove the byte-order mark")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            yield number, line.split("\t")


@functools.cache
def table(name: str, min_fields: int = 1, max_fields: int | None = None) -> tuple[tuple[str, ...], ...]:
    """Rows of a lexicon file as tuples padded with ``""`` to ``max_fields``.

    The first field is the key: an empty or repeated key is an error.
    """
    return read_rows(lexicon_path(name), min_fields, max_fields)


def read_rows(path: Path, min_fields: int = 1, max_fields: int | None = None) -> tuple[tuple[str, ...], ...]:
    """Rows of a lexicon-format file anywhere (a user's word list), checked like :func:`table`'s."""
    max_fields = max_fields or min_fields
    rows, seen = [], {}
    for number, fields in _entries(path):
        fields = [f.strip() for f in fields]
        if not (min_fields <= len(fields) <= max_fields) or not fields[0]:
            raise LexiconError(
                f"{path}:{number}: expected {min_fields} to {max_fields} tab-separated "
                f"fields with a non-empty first field, got {fields!r}"
            )
        if fields[0] in seen:
            raise LexiconError(
                f"{path}:{number}: duplicate entry {fields[0]!r} (first at line {seen[fields[0]]})"
            )
        seen[fields[0]] = number
        rows.append(tuple(fields + [""] * (max_fields - len(fields))))
    return tuple(rows)


def words(name: str) -> tuple[str, ...]:
    """The entries of a one-column word list."""
    return tuple(row[0] for row in table(name, 1))


def mapping(name: str) -> dict[str, str]:
    """A two-column lexicon as a dict from its first to its second field."""
    return dict(table(name, 2))


def alternation(items) -> str:
    """A regex alternation of literal ``items``, longest first so the longest wins."""
    import regex

    return "|".join(regex.escape(w) for w in sorted(set(items), key=lambda w: (-len(w), w)))
