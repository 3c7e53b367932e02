"""benchmarks/snapshot.py: how two snapshots of the corpus's records are matched and reported,
on small made-up snapshots; and that the stored snapshot covers exactly the corpus's documents."""

import importlib
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "snapshot.py"
STORED = ROOT / "tests" / "snapshot" / "corpus.jsonl"


def _load_script():
    # imported by its own name from a folder on sys.path, as its worker processes import it
    if str(SCRIPT.parent) not in sys.path:
        sys.path.insert(0, str(SCRIPT.parent))
    return importlib.import_module(SCRIPT.stem)


snapshot = _load_script()

TEXT = "2024年，区政协开展协商议政活动近60场次，答复率、满意率均为100%。"


def document(doc="d", **fields):
    return {"doc": doc, "type": "document", "kind": "cppcc_review", "title": None, "region": "武进区",
            "level": "county", "reference_date": "2025", "targets": [], **fields}


def indicator(start, end, name, doc="d", **fields):
    return {"doc": doc, "type": "indicators", "start": start, "end": end, "text": TEXT[start:end],
            "value": 100, "unit": "%", "qualifier": None, "name": name, **fields}


def time_(start, end, value, doc="d", **fields):
    return {"doc": doc, "type": "times", "start": start, "end": end, "text": TEXT[start:end], "value": value,
            "event": False, **fields}


def kinds(changes):
    return [(change.kind, change.type, change.fields) for change in changes]


def test_the_same_snapshot_has_no_differences():
    rows = [document(), time_(0, 5, "2024"), indicator(32, 36, "答复率"), indicator(32, 36, "满意率")]
    assert snapshot.compare(rows, list(reversed(rows))) == []


def test_a_changed_name_is_a_change_not_a_removal_and_an_addition():
    old = [indicator(32, 36, "答复率"), indicator(32, 36, "满意率")]
    new = [indicator(32, 36, "满意率"), indicator(32, 36, "办结率")]
    changes = snapshot.compare(old, new)
    assert kinds(changes) == [("changed", "indicators", ["name"])]
    assert (changes[0].old["name"], changes[0].new["name"]) == ("答复率", "办结率")


def test_records_sharing_a_span_pair_by_name_before_other_fields():
    old = [indicator(32, 36, "答复率", status="achieved"), indicator(32, 36, "满意率")]
    new = [indicator(32, 36, "满意率", status="achieved"), indicator(32, 36, "答复率")]
    changes = snapshot.compare(old, new)
    assert sorted((change.new["name"], change.fields) for change in changes) == [
        ("满意率", ["status"]), ("答复率", ["status"])]


def test_an_extra_record_on_a_shared_span_is_an_addition():
    old = [indicator(32, 36, "答复率")]
    new = [indicator(32, 36, "答复率"), indicator(32, 36, "满意率")]
    changes = snapshot.compare(old, new)
    assert kinds(changes) == [("added", "indicators", [])]
    assert changes[0].new["name"] == "满意率"


def test_an_overlapping_new_span_is_a_change_of_span():
    old = [indicator(18, 22, "协商议政活动")]            # 60场次
    new = [indicator(17, 22, "协商议政活动", qualifier="nearly")]  # 近60场次
    assert kinds(snapshot.compare(old, new)) == [("changed", "indicators", ["start", "text", "qualifier"])]


def test_records_elsewhere_are_added_and_removed():
    old = [time_(0, 5, "2024")]
    new = [indicator(32, 36, "答复率")]
    assert kinds(snapshot.compare(old, new)) == [("added", "indicators", []), ("removed", "times", [])]


def test_a_missing_key_equals_null_and_empty_but_not_a_value():
    old = [time_(0, 5, "2024")]
    assert snapshot.compare(old, [time_(0, 5, "2024", rule=None, places=[])]) == []
    changes = snapshot.compare(old, [time_(0, 5, "2024", rule="year")])
    assert kinds(changes) == [("changed", "times", ["rule"])]


def test_document_metadata_and_targets_change_field_by_field():
    target = {"indicator": "cpi", "value": 3, "qualifier": "at_most", "sentence": "居民消费价格涨幅控制在3%以内"}
    old = [document(targets=[target])]
    new = [document(region="常州市武进区", targets=[{**target, "qualifier": "about"}])]
    changes = snapshot.compare(old, new)
    assert kinds(changes) == [("changed", "document", ["region", "targets"])]
    assert snapshot.value_changes(changes[0]) == [
        ("region", "武进区", "常州市武进区"), ("targets[cpi].qualifier", "at_most", "about")]


def test_a_document_gone_or_new_is_reported():
    old = [document("a"), document("b")]
    new = [document("b"), document("c")]
    assert [(change.kind, change.doc) for change in snapshot.compare(old, new)] == [
        ("removed", "a"), ("added", "c")]


def test_filters_select_types_documents_and_fields():
    rows = [document("nat-2024"), time_(0, 5, "2024", doc="nat-2024"), time_(0, 5, "2024", doc="city-x")]
    assert snapshot.select_rows(rows, ["times"], "nat-*") == [rows[1]]
    changes = snapshot.compare([indicator(32, 36, "答复率")], [indicator(32, 36, "满意率", status="achieved")])
    assert snapshot.select_field(changes, "status") == changes
    assert snapshot.select_field(changes, "unit") == []


def test_the_report_counts_and_shows_each_change_in_its_text():
    old = [document(), indicator(32, 36, "答复率"), time_(0, 5, "2024")]
    new = [document(), indicator(32, 36, "满意率")]
    changes = snapshot.compare(old, new)
    report = snapshot.report(changes, {"d": TEXT}, old, new, limit=20)
    assert "snapshot: 1 documents, 2 records; current: 1 documents, 1 records" in report
    assert "indicators fields changed: name 1" in report
    assert '~ [32:36] 100%  name: "答复率" → "满意率"' in report
    assert "满意率均为【100%】。" in report
    assert "- [0:5] 2024年" in report
    assert "【2024年】，区政协开展协商议政活动" in report


def test_the_report_keeps_to_its_limit():
    old = [time_(0, 5, "2024")]
    new = [time_(0, 5, str(year)) for year in (2023,)] + [indicator(32, 36, name) for name in "甲乙丙"]
    report = snapshot.report(snapshot.compare(old, new), {}, old, new, limit=2)
    assert report.count("+ [32:36]") == 2
    assert "... 1 more indicators differences" in report


def test_lines_are_sorted_and_read_back(tmp_path):
    rows = [indicator(32, 36, "满意率"), time_(0, 5, "2024"), indicator(32, 36, "答复率"), document()]
    path = tmp_path / "snapshot.jsonl"
    snapshot.write_rows(rows, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["type"] for line in lines] == ["document", "indicators", "indicators", "times"]
    assert lines[1] < lines[2]  # records of one span in the order of their whole line
    assert snapshot.read_rows(path) == snapshot.sort_rows(rows)


def test_document_rows_keep_every_field_but_the_section_and_cut_target_sentences():
    document_ = {"kind": "work_report", "title": "t", "region": None, "level": None, "reference_date": "2024",
                 "targets": [{"indicator": "gdp", "sentence": "国" * 100, "start": 0, "end": 1}],
                 "times": [{"start": 0, "end": 5, "text": "2024年", "value": "2024", "event": False,
                            "section": ["一、回顾"], "rule": "year"}]}
    head, time_row = snapshot.document_rows("d", document_)
    assert head["targets"][0]["sentence"] == "国" * snapshot.CUT + "…"
    assert time_row == {"doc": "d", "type": "times", "start": 0, "end": 5, "text": "2024年", "value": "2024",
                        "event": False, "rule": "year"}


def test_diff_exits_1_on_a_difference_and_0_without(tmp_path, capsys):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "d.txt").write_text(TEXT, encoding="utf-8")
    old, new = tmp_path / "old.jsonl", tmp_path / "new.jsonl"
    snapshot.write_rows([document(), indicator(32, 36, "答复率")], old)
    snapshot.write_rows([document(), indicator(32, 36, "满意率")], new)
    arguments = ["diff", "--corpus", str(tmp_path), "--snapshot", str(old)]
    assert snapshot.main([*arguments, "--new", str(new)]) == 1
    assert "满意率均为【100%】" in capsys.readouterr().out
    assert snapshot.main([*arguments, "--new", str(old)]) == 0
    assert "no differences" in capsys.readouterr().out
    assert snapshot.main([*arguments, "--new", str(new), "--field", "unit"]) == 0


def test_write_then_diff_over_a_small_corpus(tmp_path, capsys):
    (tmp_path / "docs").mkdir()
    (tmp_path / "manifest.tsv").write_text("id\ttitle\nd\tt\ne\tt\n", encoding="utf-8")
    (tmp_path / "docs" / "d.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "docs" / "e.txt").write_text("国内生产总值增长5.2%。", encoding="utf-8")
    stored = tmp_path / "corpus.jsonl"
    assert snapshot.main(["write", "--corpus", str(tmp_path), "--snapshot", str(stored)]) == 0
    rows = snapshot.read_rows(stored)
    assert [row["doc"] for row in rows if row["type"] == "document"] == ["d", "e"]
    assert all(TEXT[row["start"]:row["end"]] == row["text"] for row in rows if row["doc"] == "d"
               and row["type"] != "document")
    assert snapshot.main(["diff", "--corpus", str(tmp_path), "--snapshot", str(stored)]) == 0
    assert "no differences" in capsys.readouterr().out


small_records = st.lists(st.builds(
    lambda start, length, name, record_type: {"doc": "d", "type": record_type, "start": start,
                                               "end": start + length, "text": "x" * length, "name": name},
    st.integers(0, 6), st.integers(1, 3), st.sampled_from(["甲", "乙", None]),
    st.sampled_from(["indicators", "times"])), max_size=8)


@settings(max_examples=200, deadline=None)
@given(small_records, small_records)
def test_every_record_is_accounted_for_once(old, new):
    changes = snapshot.compare(old, new)
    assert snapshot.compare(old, list(reversed(old))) == []
    for record_type in ("indicators", "times"):
        of_type = [change for change in changes if change.type == record_type]
        added = sum(change.kind == "added" for change in of_type)
        removed = sum(change.kind == "removed" for change in of_type)
        assert added - removed == (sum(row["type"] == record_type for row in new)
                                   - sum(row["type"] == record_type for row in old))
    # no record stands in two changes
    assert len({id(change.old) for change in changes if change.old}) == sum(bool(change.old) for change in changes)
    assert len({id(change.new) for change in changes if change.new}) == sum(bool(change.new) for change in changes)


def test_the_stored_snapshot_lists_the_documents_of_the_manifest(corpus):
    if not STORED.is_file():
        pytest.fail(f"no snapshot at {STORED}: python benchmarks/snapshot.py write")
    stored = [row["doc"] for row in snapshot.read_rows(STORED) if row["type"] == "document"]
    assert len(stored) == len(set(stored)), "a document has two lines in the snapshot"
    assert sorted(stored) == sorted(snapshot.manifest_ids(corpus))
