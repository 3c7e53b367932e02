"""Files written safely: whole or not at all, and what a killed writer left cleaned up."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from pathlib import Path


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike, mode: str = "w", **open_args):
    """Open a temporary file beside ``path`` that replaces it only when the block succeeds.

    A run killed while writing leaves ``path`` as it was (or absent), never half
    written.

    Example:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "table.csv"
        >>> with atomic_writer(target, encoding="utf-8") as handle:
        ...     _ = handle.write("doc_id\\n")
        >>> target.read_text(encoding="utf-8")
        'doc_id\\n'
    """
    path = Path(path)
    # mode "x" rather than tempfile.mkstemp: the file gets the usual permissions, not 0600;
    # the name says which process writes it (remove_stale_temporaries)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temporary, mode.replace("w", "x"), **open_args) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


_TEMPORARY = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.tmp")


def remove_stale_temporaries(folder: str | os.PathLike) -> list[Path]:
    """Remove the temporary files that :func:`atomic_writer` left in ``folder`` when its
    process was killed (those of a process still running are kept); the paths removed.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / ".indicators.csv.999999999.0a1b2c3d.tmp").write_text("doc_id")
        >>> [p.name for p in remove_stale_temporaries(folder)]
        ['.indicators.csv.999999999.0a1b2c3d.tmp']
    """
    removed = []
    for path in sorted(Path(folder).glob(".*.tmp")):
        match = _TEMPORARY.fullmatch(path.name)
        if match is None or _running(int(match["pid"])):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except PermissionError:  # another user's process
        return True
    except (OverflowError, OSError):  # none by that number
        return False
    return True
