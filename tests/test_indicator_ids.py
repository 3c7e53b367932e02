"""The id of the recurring indicator a name stands for, from tests/cases/indicator_ids.tsv."""

from pathlib import Path

import pytest

from govtext.extractors.indicators import canonical_indicator

CASES = Path(__file__).parent / "cases" / "indicator_ids.tsv"
ROWS = [line.split("\t") for line in CASES.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")]


@pytest.mark.parametrize(("name", "expected"), ROWS, ids=[name for name, _ in ROWS])
def test_the_id_a_name_stands_for(name, expected):
    assert canonical_indicator(name) == (None if expected == "-" else expected)
