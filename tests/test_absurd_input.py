"""Absurd input gives sane records: repeated sentences give each repetition's records
once, and a number too large to be a quantity gives no record, never a failed
document or export."""

import json

import pytest

import govtext
from govtext.export import write_tables
from govtext.extractors.indicators import MAX_VALUE


def test_each_repetition_names_its_own_shared_value():
    # 收入 and 支出 share each 5%: two records a repetition, not the names of all before it
    doc = govtext.extract("收入和支出均增长5%" * 160)
    assert len(doc.indicators) == 320
    assert [i.name for i in doc.indicators] == ["收入", "支出"] * 160
    assert {(i.text, i.value, i.direction) for i in doc.indicators} == {("5%", 5, "up")}


ABSURD = {
    "538 magnitude words": "建成" + "一" + "亿" * 538 + "个",
    "30 magnitude words": "建成" + "一" + "亿" * 30 + "个",
    "5,000 digits": "完成投资" + "9" * 5000 + "亿元",
    "25 digits": "完成投资" + "9" * 25 + "元",
    "an exponent": "完成投资1e400元",
    "a range to an absurd end": "增长5%-" + "9" * 30 + "%",
}


@pytest.mark.parametrize("name", list(ABSURD))
def test_absurd_number_gives_no_record_and_exports(tmp_path, name):
    doc = govtext.extract(ABSURD[name])
    assert all(i.value <= MAX_VALUE and (i.value_max or 0) <= MAX_VALUE for i in doc.indicators)
    line = json.dumps({**doc.to_dict(), "path": "a.txt"}, ensure_ascii=False)
    (tmp_path / "documents.jsonl").write_text(line + "\n", encoding="utf-8")
    write_tables(tmp_path / "documents.jsonl", tmp_path)
    pytest.importorskip("pyarrow")
    write_tables(tmp_path / "documents.jsonl", tmp_path, format="parquet")


def test_largest_real_value_exports_to_parquet(tmp_path):
    # 10.36百亿亿次 (河南 2026) is 1.036e19, beyond int64: the value column is float64
    pyarrow_parquet = pytest.importorskip("pyarrow.parquet")
    doc = govtext.extract("算力总规模达到10.36百亿亿次/秒。", year=2026)
    line = json.dumps({**doc.to_dict(), "path": "a.txt"}, ensure_ascii=False)
    (tmp_path / "documents.jsonl").write_text(line + "\n", encoding="utf-8")
    write_tables(tmp_path / "documents.jsonl", tmp_path, format="parquet")
    values = pyarrow_parquet.read_table(tmp_path / "indicators.parquet").column("value").to_pylist()
    assert values == [1.036e19]
