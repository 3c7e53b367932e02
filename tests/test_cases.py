"""Table-driven extractor tests: one cases file per extractor in tests/cases/.

Each line of ``cases/<kind>.jsonl`` is ``{"text": …, "year": …, "expected": [...]}``
(``date`` may stand for ``year``; ``level`` is the document's level where it matters;
``xfail`` gives the reason of a known gap). The
records of that kind must be exactly the expected ones, in text order, each
having at least the fields the case gives. ``cases/negatives.jsonl`` holds texts
from which the named kinds must yield nothing.
"""

import json
from pathlib import Path

import pytest

import govtext

CASES = Path(__file__).parent / "cases"
KINDS = ("indicators", "times", "initiatives")


def _load(name):
    with open(CASES / name, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip() and not line.lstrip().startswith("//"):
                case = json.loads(line)
                marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
                yield pytest.param(case, id=f"{name}:{number}", marks=marks)


def _extract(case):
    return govtext.extract(case["text"], year=case.get("year"), date=case.get("date"), level=case.get("level"))


def _comparable(record: dict) -> dict:
    # members are compared as sets; components by their parts only (the keys), as
    # eval/score.py does: where an explanation ends is not fixed by the contract
    return {k: (sorted(v) if k in ("members", "components") else v) for k, v in record.items()}


@pytest.mark.parametrize("kind", KINDS)
def test_cases_files_exist(kind):
    assert (CASES / f"{kind}.jsonl").is_file()


@pytest.mark.parametrize(
    "kind,case",
    [pytest.param(kind, *p.values, id=p.id, marks=p.marks) for kind in KINDS for p in _load(f"{kind}.jsonl")],
)
def test_extractor_case(kind, case):
    found = [r.to_dict() for r in getattr(_extract(case), kind)]
    expected = case["expected"]
    assert [r["text"] for r in found] == [e["text"] for e in expected], found
    for record, want in zip(found, expected, strict=True):
        record = _comparable(record)
        for field, value in _comparable(want).items():
            assert record.get(field) == value, (field, record)


@pytest.mark.parametrize("case", list(_load("negatives.jsonl")))
def test_negative_case(case):
    document = _extract(case)
    for kind in case.get("kinds", KINDS):
        assert [r.text for r in getattr(document, kind)] == [], kind
