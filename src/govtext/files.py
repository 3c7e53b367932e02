"""Files written safely: whole or not at all, by one run at a time, and what a killed writer
left cleaned up."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
from pathlib import Path

from .errors import GovtextError


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


class OutputBusy(GovtextError):
    """Another process is writing the same output (it holds its lock)."""


def lock_path(path: str | os.PathLike) -> Path:
    """The hidden lock file of the output ``path``: ``.NAME.lock`` beside it."""
    path = Path(path)
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def output_lock(path: str | os.PathLike):
    """Hold the lock of the output ``path`` for the block; yields whether it could be locked.

    The lock is the operating system's (``fcntl`` on a hidden ``.NAME.lock`` beside
    ``path``), which the kernel drops when its process ends, however it ends: the lock
    file of a killed run blocks nothing. It is held by this process, not by the worker
    processes it starts, and guards against other processes only. Another process
    holding it raises :class:`OutputBusy`, whose message names that process. Where there
    are no such locks (Windows, a file system without them) the block runs unlocked and
    yields False. A link or a special file at the lock's name is replaced, never opened.

    Example:
        >>> import tempfile, pathlib
        >>> output = pathlib.Path(tempfile.mkdtemp()) / "documents.jsonl"
        >>> with output_lock(output) as locked:
        ...     locked, lock_path(output).name
        (True, '.documents.jsonl.lock')
        >>> lock_path(output).exists()
        False
    """
    lock = lock_path(path)
    descriptor = _locked_descriptor(path, lock)
    if descriptor is None:
        yield False
        return
    try:
        os.ftruncate(descriptor, 0)
        os.write(descriptor, f"{os.getpid()}\n".encode())
        yield True
    finally:
        # removed while still locked, so that a run about to lock this file sees it is gone
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(descriptor)


def _locked_descriptor(path, lock: Path) -> int | None:
    """A descriptor of ``lock``, locked; None where the system or the file system has no locks."""
    try:
        import fcntl
    except ImportError:  # Windows
        return None

    while True:
        descriptor = _open_lock_file(lock)
        try:
            # a record lock (fcntl), not flock: the worker processes forked while it is
            # held do not share it, so that it goes with the run's own process
            fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EACCES, errno.EAGAIN):  # no locks here (ENOLCK, EOPNOTSUPP)
                os.close(descriptor)
                with contextlib.suppress(OSError):
                    os.unlink(lock)
                return None
            holder = os.read(descriptor, 32).decode("ascii", "replace").strip()
            os.close(descriptor)
            holder = f"process {holder}" if holder.isdigit() else "another process"
            raise OutputBusy(f"{path} is being written by another govtext run ({holder}); "
                             "wait for it to end, or give another -o") from None
        # a run that ended between our open and our lock removed the file we locked
        if _same_file(descriptor, lock):
            return descriptor
        os.close(descriptor)


def _open_lock_file(lock: Path) -> int:
    """A descriptor of the regular file ``lock``, made if needed; a link or special file
    there is removed first (a FIFO would block, a link would lead elsewhere)."""
    while True:
        try:
            descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                                 | getattr(os, "O_NONBLOCK", 0), 0o644)
        except OSError:
            if not os.path.islink(lock):
                raise
            os.unlink(lock)
            continue
        if stat.S_ISREG(os.fstat(descriptor).st_mode):
            return descriptor
        os.close(descriptor)
        os.unlink(lock)


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        named = os.lstat(path)
    except OSError:
        return False
    opened = os.fstat(descriptor)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)
