"""Load and validate the lexicon files of ``data/lexicons``.

Every lexicon is UTF-8 text, one entry a line, fields separated by tabs, ``#``
starting a comment line. A malformed or duplicate line raises
:class:`~govtext.errors.LexiconError` naming ``file:line``.

In an installed wheel the files live in ``govtext/data/lexicons``; in a source
checkout (editable install) they are read from the repository's
``data/lexicons``. They are never looked up in the working directory.

Users extend them without editing the package: :func:`user_lexicons` (what
``govtext.extract(text, lexicons=DIR)`` and ``govtext extract --lexicons DIR``
use) adds the entries of the files of the same names in their own folders, for
the duration of a call. What is compiled from the lexicons is cached once for
the built-in files and once per set of user files (:func:`cached_per_lexicons`).

Example:
    >>> from govtext.lexicons import table
    >>> ("%", "percent") in table("units.tsv", 2)
    True
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
import threading
from importlib import resources
from pathlib import Path

from .errors import GovtextError, LexiconError


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
        try:
            lines = handle.readlines()
        except UnicodeDecodeError as error:
            raise LexiconError(f"{path}: not UTF-8 text ({error.reason}); save it as UTF-8") from error
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\n").rstrip("\r")
        if number == 1:
            line = line.removeprefix("\ufeff")  # Notepad and Excel save UTF-8 with a byte-order mark
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield number, line.split("\t")


def table(name: str, min_fields: int = 1, max_fields: int | None = None) -> tuple[tuple[str, ...], ...]:
    """Rows of a lexicon file as tuples padded with ``""`` to ``max_fields``.

    The first field is the key: an empty or repeated key is an error. While
    :func:`user_lexicons` are in use, their rows of the same file follow the
    built-in ones, and a user row whose key is a built-in one's takes its place.
    """
    overlay = _active.get()
    if not overlay.files_of(name):
        return builtin_table(name, min_fields, max_fields)
    return _merged_table(overlay, name, min_fields, max_fields)


@functools.cache
def builtin_table(
    name: str, min_fields: int = 1, max_fields: int | None = None
) -> tuple[tuple[str, ...], ...]:
    """Rows of the shipped lexicon file alone, whatever user lexicons are in use (see :func:`table`).

    Example:
        >>> builtin_table("units.tsv", 2)[0]
        ('%', 'percent')
    """
    return read_rows(lexicon_path(name), min_fields, max_fields)


def read_rows(path: Path, min_fields: int = 1, max_fields: int | None = None) -> tuple[tuple[str, ...], ...]:
    """Rows of a lexicon-format file anywhere (a user's word list), checked like :func:`table`'s."""
    return tuple(row for _, row in _numbered_rows(path, min_fields, max_fields))


def _numbered_rows(path: Path, min_fields: int = 1, max_fields: int | None = None):
    """``(line number, row)`` of the entries of ``path``, checked and padded as :func:`table` says."""
    max_fields = max_fields or min_fields
    rows, seen = [], {}
    for number, fields in _entries(path):
        fields = [f.strip() for f in fields]
        if not (min_fields <= len(fields) <= max_fields) or not fields[0]:
            expected = min_fields if min_fields == max_fields else f"{min_fields} to {max_fields}"
            raise LexiconError(
                f"{path}:{number}: expected {expected} tab-separated fields with a non-empty "
                f"first field, got {fields!r}"
            )
        if fields[0] in seen:
            raise LexiconError(
                f"{path}:{number}: duplicate entry {fields[0]!r} (first at line {seen[fields[0]]})"
            )
        seen[fields[0]] = number
        rows.append((number, tuple(fields + [""] * (max_fields - len(fields)))))
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


# ---------------------------------------------------------------- user lexicons

# the most fields any lexicon has: a user file is checked against it when it is put
# in use, and against the fields its readers expect when they read it (table)
_MOST_FIELDS = 16
# compiled lexicons kept per cached function besides the built-in ones' (each set of
# user folders in use is one)
_USER_SETS_KEPT = 4


class _Overlay:
    """The user lexicon files in use: ``(lexicon name, path, mtime_ns, size)`` in folder order.

    Equal overlays (the same files, unchanged) share what is cached for them.
    """

    __slots__ = ("folders", "files", "_hash")

    def __init__(self, folders=(), files=()):
        self.folders = tuple(folders)
        self.files = tuple(files)
        self._hash = hash(self.files)

    def __hash__(self):
        return self._hash

    def __eq__(self, other):
        return isinstance(other, _Overlay) and self.files == other.files

    def files_of(self, name: str) -> list[Path]:
        return [path for lexicon, path, _, _ in self.files if lexicon == name]


_BUILT_IN_ONLY = _Overlay()
_active: contextvars.ContextVar[_Overlay] = contextvars.ContextVar("govtext_user_lexicons",
                                                                   default=_BUILT_IN_ONLY)


@functools.cache
def known_lexicons() -> tuple[str, ...]:
    """The names a file in a user lexicon folder may have: those of the shipped lexicons.

    Example:
        >>> {"units.tsv", "initiatives.tsv", "domain_terms.tsv"} <= set(known_lexicons())
        True
    """
    root = lexicon_dir()
    return tuple(sorted(path.relative_to(root).as_posix() for path in root.rglob("*.tsv")))


def _folders(folders) -> list[Path]:
    if isinstance(folders, (str, os.PathLike)):
        folders = [folders]
    try:
        folders = [Path(folder) for folder in folders]
    except TypeError as error:
        raise TypeError(f"lexicons must be a folder path or a list of them, not {folders!r}") from error
    for folder in folders:
        if not folder.exists():
            raise LexiconError(f"lexicon folder {folder} does not exist; give a folder that holds files "
                               "named like govtext's lexicons (units.tsv, initiatives.tsv, …)")
        if not folder.is_dir():
            raise LexiconError(f"{folder} is a file; lexicons= and --lexicons take a folder that holds "
                               "files named like govtext's lexicons (units.tsv, initiatives.tsv, …)")
    return [folder.resolve() for folder in folders]


def _overlay_of(folders) -> _Overlay:
    """The overlay of ``folders``: every file checked for its name and its lines."""
    folders = _folders(folders)
    known = set(known_lexicons())
    files = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            # editor and system files (.DS_Store, .units.tsv.swp) are not lexicons
            if any(part.startswith(".") for part in relative.parts) or not path.is_file():
                continue
            name = relative.as_posix()
            if name not in known:
                raise LexiconError(
                    f"{path}: not a govtext lexicon; the files of a lexicon folder are named like the "
                    f"built-in ones: {', '.join(sorted(known))}"
                )
            stat = path.stat()
            files.append((name, path, stat.st_mtime_ns, stat.st_size))
            _user_rows(path, stat.st_mtime_ns, stat.st_size, 1, _MOST_FIELDS)  # its lines, checked now
    return _Overlay(folders, files)


@contextlib.contextmanager
def user_lexicons(folders):
    """Use the lexicon files in ``folders`` besides the built-in ones, inside the ``with`` block.

    ``folders`` is a folder or a list of them; each holds files named like the
    built-in lexicons (``units.tsv``, ``domain_terms.tsv``, ``initiatives.tsv``,
    ``attention/environment.tsv`` …; see :func:`known_lexicons`) in the same
    format. Their entries are added to the built-in ones; an entry whose key (its
    first field) is a built-in one's replaces it, and a later folder's replaces an
    earlier one's. Folders add to those already in use. The setting belongs to the
    current thread or async task, and ends with the block.

    A missing folder, a file named like no lexicon, or a malformed line (named
    ``file:line``) raises :class:`~govtext.errors.LexiconError`.

    Example:
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "units.tsv").write_text("垛\\tcounter\\n", encoding="utf-8")
        >>> with user_lexicons(folder):
        ...     ("垛", "counter") in table("units.tsv", 2)
        True
        >>> ("垛", "counter") in table("units.tsv", 2)
        False
    """
    outer = _active.get()
    overlay = _overlay_of(folders)
    if outer.files:
        overlay = _Overlay(outer.folders + overlay.folders, outer.files + overlay.files)
    token = _active.set(overlay)
    try:
        yield overlay.folders
    finally:
        _active.reset(token)


def check_lexicon_folders(folders) -> tuple[Path, ...]:
    """The absolute paths of the user lexicon ``folders``, after checking them as
    :func:`user_lexicons` does (it raises the same errors).

    Example:
        >>> check_lexicon_folders("no/such/folder")
        Traceback (most recent call last):
        ...
        govtext.errors.LexiconError: lexicon folder no/such/folder does not exist; ...
    """
    return _overlay_of(folders).folders


def user_entries(name: str, min_fields: int = 1, max_fields: int | None = None):
    """``(path, line number, row)`` of each entry of the user files named ``name`` in use, in order.

    For readers that must point at a user's line (a frequency that is no number).

    Example:
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "domain_terms.tsv").write_text("# mine\\n农机购置补贴\\n", encoding="utf-8")
        >>> with user_lexicons(folder):
        ...     [(path.name, line, row) for path, line, row in user_entries("domain_terms.tsv", 1, 3)]
        [('domain_terms.tsv', 2, ('农机购置补贴', '', ''))]
    """
    entries = []
    for lexicon, path, mtime, size in _active.get().files:
        if lexicon == name:
            rows = _user_rows(path, mtime, size, min_fields, max_fields)
            entries += [(path, number, row) for number, row in rows]
    return tuple(entries)


@functools.lru_cache(maxsize=256)
def _user_rows(path: Path, mtime_ns: int, size: int, min_fields: int, max_fields: int | None):
    # keyed on the file's modification time and size, so an edited file is read again
    return _numbered_rows(path, min_fields, max_fields)


@functools.lru_cache(maxsize=256)
def _merged_table(overlay: _Overlay, name: str, min_fields: int, max_fields: int | None):
    rows = {row[0]: row for row in builtin_table(name, min_fields, max_fields)}
    for _, _, row in user_entries(name, min_fields, max_fields):
        rows[row[0]] = row  # a replaced entry keeps its place
    return tuple(rows.values())


def cached_per_lexicons(function):
    """Cache ``function``'s result (something compiled from lexicons) per set of lexicons in use.

    The result for the built-in lexicons is kept for good; one per set of user
    folders (:func:`user_lexicons`) for the last few sets. Stands where
    ``functools.lru_cache(maxsize=1)`` would. An error that the user's entries
    cause while the result is made is raised as a
    :class:`~govtext.errors.LexiconError` naming the folders.

    Example:
        >>> @cached_per_lexicons
        ... def unit_count():
        ...     return len(table("units.tsv", 2))
        >>> unit_count() == len(builtin_table("units.tsv", 2))
        True
    """
    results: dict = {}
    # the built-in result of a function without arguments, looked up most often: kept
    # apart so that the common call costs no key to build and hash
    built_in: list = []
    lock = threading.Lock()

    @functools.wraps(function)
    def cached(*args):
        overlay = _active.get()
        if built_in and overlay is _BUILT_IN_ONLY and not args:
            return built_in[0]
        key = (overlay, args)
        try:
            return results[key]
        except KeyError:
            pass
        try:
            value = function(*args)
        except GovtextError:
            raise
        except Exception as error:
            if not overlay.files:
                raise
            folders = ", ".join(str(folder) for folder in overlay.folders)
            raise LexiconError(
                f"the lexicons in {folders} do not fit what govtext reads from them "
                f"({function.__module__}.{function.__qualname__}: {type(error).__name__}: {error}); "
                "check the fields of the entries added there against the header of the built-in file"
            ) from error
        with lock:
            if overlay.files:
                users = [k for k in results if k[0].files]
                for old in users[: max(0, len(users) - _USER_SETS_KEPT + 1)]:
                    del results[old]
            results[key] = value
            if overlay is _BUILT_IN_ONLY and not args and not built_in:
                built_in.append(value)
        return value

    def cache_clear():
        results.clear()
        built_in.clear()

    cached.cache_clear = cache_clear
    return cached
