"""Where govtext keeps the files it makes once and reads at every start (the tokenizer's).

The folder is ``$GOVTEXT_CACHE_DIR``, else ``$XDG_CACHE_HOME/govtext``, else
``~/.cache/govtext``: the user's own, not the temporary folder that every user of
the machine can write into (a cache file there could be planted by another user,
and it is loaded with ``marshal``). Where no such folder can be made, or the folder
is another user's or writable by others, nothing is cached and the files are made
again at each start (nothing is written anywhere else). :func:`read_cache` reads a cache
file only when it is a regular file of the user's (never a FIFO, which would block).

Example:
    >>> import os, tempfile
    >>> os.environ["GOVTEXT_CACHE_DIR"] = tempfile.mkdtemp()
    >>> cache_dir() == os.environ.pop("GOVTEXT_CACHE_DIR")
    True
"""

from __future__ import annotations

import os


def cache_dir() -> str | None:
    """The user's govtext cache folder, made if needed (private to the user); None when it
    cannot be made or must not be trusted: a folder of another user's, or one that others
    may write into (group- or world-writable), whose files anyone could have planted.
    The temporary files of caches whose writer was killed are removed.
    """
    folder = os.environ.get("GOVTEXT_CACHE_DIR")
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "govtext")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        status = os.stat(folder)
    except (OSError, ValueError):
        return None
    if hasattr(os, "getuid") and (status.st_uid != os.getuid() or status.st_mode & 0o022):
        return None
    if not os.access(folder, os.W_OK | os.X_OK):
        return None
    from .files import remove_stale_temporaries

    remove_stale_temporaries(folder)  # of a cache being written when its process was killed
    return folder


def read_cache(path: str | os.PathLike) -> bytes | None:
    """The bytes of the cache file at ``path``; None when there is none, or when it is not
    a regular file owned by this user (a FIFO, a device, a link, another user's file),
    which is then never read. The caller still checks what the bytes decode to.

    Example:
        >>> import os, tempfile
        >>> fifo = os.path.join(tempfile.mkdtemp(), "jieba.cache")
        >>> os.mkfifo(fifo)
        >>> read_cache(fifo) is None  # opened without waiting for a writer, and refused
        True
    """
    import stat

    # O_NONBLOCK: opening a FIFO does not wait for a writer; O_NOFOLLOW: no planted link
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except (OSError, ValueError):
        return None
    with open(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return None
        if hasattr(os, "getuid") and status.st_uid != os.getuid():
            return None
        try:
            return handle.read()
        except OSError:
            return None
