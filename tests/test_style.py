"""The source is ruff clean (skipped where ruff is not installed); every lexicon file says
what it is and where its entries come from."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_clean():
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (pip install '.[test]' brings it)")
    result = subprocess.run([ruff, "check", "src", "tests"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "path", sorted((ROOT / "data" / "lexicons").rglob("*.tsv")), ids=lambda path: path.name
)
def test_lexicon_opens_with_its_header(path):
    header = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    assert header, f"{path.name} has no header comment"
    text = " ".join(header).lower()
    assert "source" in text or "publication" in text, f"{path.name}: the header does not say where the entries come from"
