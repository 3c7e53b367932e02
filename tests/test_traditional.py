"""Texts in traditional characters are read through a simplified view, character for
character (normalize.py, data/lexicons/traditional_characters.tsv)."""

from collections import Counter

import pytest

import govtext
from govtext.errors import LexiconError
from govtext.normalize import normalize, simplified


def test_simplified_view_keeps_every_offset():
    text = "國內生產總值增長５.２％，提高1.5個百分點；於2024年完成。"
    plain = simplified(text)
    assert len(plain) == len(text)
    assert plain == "国内生产总值增长5.2%,提高1.5个百分点;于2024年完成。"
    assert normalize(text).text == plain


def test_simplified_text_is_left_as_it_is():
    text = "乾县乾陵景区接待游客120万人次,著力发展文旅产业。"
    assert simplified(text) == text


def test_records_keep_the_original_characters():
    text = "2023年，全省糧食產量達到1500億斤，高於全國0.3個百分點。"
    document = govtext.extract(text)
    for record in (*document.indicators, *document.times):
        assert text[record.start : record.end] == record.text
    assert [i.text for i in document.indicators] == ["1500億斤", "0.3個百分點"]
    assert [i.unit for i in document.indicators] == ["斤", "个百分点"]


def test_a_table_entry_of_two_characters_is_refused(tmp_path):
    (tmp_path / "traditional_characters.tsv").write_text("臺灣\t台湾\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="one character for one"):
        govtext.extract("臺灣", lexicons=tmp_path)


def test_traditional_twin_of_a_national_report(corpus):
    opencc = pytest.importorskip("opencc_purepy")
    text = (corpus / "docs" / "nat-2024.txt").read_text(encoding="utf-8")
    twin = opencc.OpenCC("s2t").convert(text)
    assert twin != text and "國內生產總值" in twin
    original, traditional = govtext.extract(text), govtext.extract(twin)
    for field in ("kind", "level", "region", "reference_date"):
        assert getattr(traditional, field) == getattr(original, field), field
    assert [t.indicator for t in traditional.targets] == [t.indicator for t in original.targets]
    assert [t.value for t in traditional.targets] == [t.value for t in original.targets]
    values = Counter((i.value, i.unit) for i in original.indicators)
    twin_values = Counter((i.value, i.unit) for i in traditional.indicators)
    assert sum((values & twin_values).values()) >= 0.95 * sum(values.values())
    assert len(traditional.initiatives) >= 0.95 * len(original.initiatives)
