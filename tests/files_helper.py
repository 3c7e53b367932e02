"""A helper the test modules share: writing a folder of files."""

from pathlib import Path


def write_files(root: Path, files: dict) -> Path:
    """Write ``{relative name: text or bytes}`` below ``root``; returns ``root``."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root
