"""Where govtext keeps the files it makes once and reads at every start (the tokenizer's).

The folder is ``$GOVTEXT_CACHE_DIR``, else ``$XDG_CACHE_HOME/govtext``, else
``~/.cache/govtext``: the user's own, not the temporary folder that every user of
the machine can write into (a cache file there could be planted by another user,
and it is loaded with ``marshal``). Where no such folder can be made, nothing is
cached and the files are made again at each start.

Example:
    >>> import os, tempfile
    >>> os.environ["GOVTEXT_CACHE_DIR"] = tempfile.mkdtemp()
    >>> cache_dir() == os.environ.pop("GOVTEXT_CACHE_DIR")
    True
"""

from __future__ import annotations

import os


def cache_dir() -> str | None:
    """The user's govtext cache folder, made if needed (private to the user); None if it cannot be."""
    folder = os.environ.get("GOVTEXT_CACHE_DIR")
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "govtext")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK | os.X_OK) else None
