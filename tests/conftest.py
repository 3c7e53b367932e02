"""Shared fixtures: where the real corpus is, when it is there."""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture
def corpus() -> Path:
    """The real-report corpus folder, or a skip saying why it is absent."""
    if not (CORPUS / "docs").is_dir():
        pytest.skip(f"the real-report corpus is not at {CORPUS} (it lives beside the "
                    "checkout in ../shared, which a user's clone does not have)")
    return CORPUS
