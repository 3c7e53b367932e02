"""The project's own gold files (benchmarks/gold/*.jsonl) are well formed: every region lies
inside its document, every record's text is the document's text at its offsets and lies in
its region, and every field holds a value that ANNOTATION.md allows (skipped where the
corpus of ../shared is absent, since the documents live there)."""

import json
import math
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "gold"
FILES = sorted(GOLD.glob("*.jsonl"))

QUALIFIERS = {None, "about", "over", "nearly", "at_least", "at_most"}
DIRECTIONS = {"up", "down"}
STATUSES = {"target", "achieved", "estimated"}
FIELDS = {
    "indicators": {"start", "end", "text", "value", "value_max", "unit", "qualifier", "name",
                   "direction", "status", "optional"},
    "times": {"start", "end", "text", "value", "event", "optional"},
    "initiatives": {"start", "end", "text", "name", "category", "members", "components", "optional"},
}


def _regions(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(n, json.loads(line)) for n, line in enumerate(lines, 1) if line.strip()]


def test_there_is_a_gold_file():
    assert FILES, f"no *.jsonl under {GOLD}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_records_are_the_text_at_their_offsets(path, corpus):
    seen = set()
    for n, region in _regions(path):
        where = f"{path.name}:{n} ({region.get('doc')})"
        assert set(region) == {"doc", "start", "end", "indicators", "times", "initiatives"}, where
        doc = corpus / "docs" / f"{region['doc']}.txt"
        assert doc.is_file(), f"{where}: no document {doc}"
        text = doc.read_text(encoding="utf-8")
        assert 0 <= region["start"] < region["end"] <= len(text), where
        key = (region["doc"], region["start"], region["end"])
        assert key not in seen, f"{where}: the same region twice"
        seen.add(key)
        for kind, allowed in FIELDS.items():
            for record in region[kind]:
                at = f"{where} {kind} {record.get('text')!r} at {record.get('start')}"
                assert set(record) <= allowed, f"{at}: unknown fields {set(record) - allowed}"
                assert region["start"] <= record["start"] < record["end"] <= region["end"], f"{at}: outside its region"
                assert text[record["start"]:record["end"]] == record["text"], f"{at}: not the text at its offsets"
                assert record.get("optional", False) in (True, False), at


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_fields_hold_values_the_contract_allows(path):
    for n, region in _regions(path):
        where = f"{path.name}:{n} ({region['doc']})"
        for record in region["indicators"]:
            at = f"{where} indicator {record['text']!r} at {record['start']}"
            assert isinstance(record["value"], (int, float)) and math.isfinite(record["value"]), at
            if "value_max" in record:
                assert record["value_max"] > record["value"], at
            assert record["unit"] and isinstance(record["unit"], str), at
            assert record["qualifier"] in QUALIFIERS, at
            assert record["name"] and isinstance(record["name"], str), at
            assert record.get("direction", "up") in DIRECTIONS, at
            assert record.get("status", "target") in STATUSES, at
        for record in region["times"]:
            at = f"{where} time {record['text']!r} at {record['start']}"
            assert isinstance(record["value"], str) and record["value"], at
            assert isinstance(record["event"], bool), at
        for record in region["initiatives"]:
            at = f"{where} initiative {record['text']!r} at {record['start']}"
            assert record["name"] and isinstance(record["name"], str), at
            assert " ".join(record["name"].split()) == record["name"], f"{at}: white space not collapsed"
            assert all(m and isinstance(m, str) for m in record.get("members", [])), at


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_time_values_are_iso_truncated(path):
    import re

    one = r"\d{4}(?:-(?:\d{2}(?:-\d{2})?|Q[1-4]|H[12]))?"
    shape = re.compile(rf"^(?:{one}|{one}/(?:{one})?|/{one})$")
    for n, region in _regions(path):
        for record in region["times"]:
            assert shape.match(record["value"]), f"{path.name}:{n} {record['text']!r} → {record['value']!r}"
