"""The main expected targets of work reports."""

import pytest

import govtext

# The GDP growth target each national report states, read by hand from its target
# passage: (value, value_max, qualifier), or None where the report sets none (2020).
GDP_TARGETS = {
    2003: (7, None, "about"), 2004: (7, None, "about"), 2005: (8, None, "about"), 2006: (8, None, "about"),
    2007: (8, None, "about"), 2008: (8, None, "about"), 2009: (8, None, "about"), 2010: (8, None, "about"),
    2011: (8, None, "about"), 2012: (7.5, None, None), 2013: (7.5, None, "about"), 2014: (7.5, None, "about"),
    2015: (7, None, "about"), 2016: (6.5, 7, None), 2017: (6.5, None, "about"), 2018: (6.5, None, "about"),
    2019: (6, 6.5, None), 2020: None, 2021: (6, None, "over"), 2022: (5.5, None, "about"),
    2024: (5, None, "about"),
}


@pytest.mark.parametrize("year", sorted(GDP_TARGETS))
def test_gdp_growth_target_of_national_reports(corpus, year):
    text = (corpus / "docs" / f"nat-{year}.txt").read_text(encoding="utf-8")
    gdp = [t for t in govtext.extract(text).targets if t.indicator == "gdp" and t.horizon == "year"]
    assert len(gdp) == 1
    target = gdp[0]
    if GDP_TARGETS[year] is None:
        assert target.absent and target.value is None
        assert "具体目标" in target.sentence
        return
    value, value_max, qualifier = GDP_TARGETS[year]
    assert (float(target.value), target.value_max and float(target.value_max), target.qualifier) == (
        value, value_max, qualifier)
    assert target.unit == "%"
    assert not target.absent
    assert text[target.start : target.end].replace("％", "%").startswith(("6", "7", "8", "5", "６", "７", "８"))


@pytest.mark.parametrize(
    "text,expected",
    [
        ("今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上，城镇调查失业率5.5%左右；"
         "居民消费价格涨幅3%左右；粮食产量1.3万亿斤以上；单位国内生产总值能耗降低2.5%左右。",
         [("gdp", 5, "about", False), ("urban_new_jobs", 12000000, "over", True),
          ("surveyed_unemployment", 5.5, "about", False), ("cpi", 3, "about", False),
          ("grain_output", 1300000000000, "over", True), ("energy_intensity", 2.5, "about", False)]),
        ("今年全市经济社会发展的主要预期目标是：地区生产总值增长6%以上，确保一般公共预算收入增长5%。",
         [("gdp", 6, "over", True), ("general_budget_revenue", 5, None, True)]),
        ("过去一年，地区生产总值增长5.2%。", []),
    ],
)
def test_targets_of_a_target_passage(text, expected):
    found = [(t.indicator, float(t.value), t.qualifier, t.hard) for t in govtext.extract(text, year=2024).targets]
    assert found == [(i, float(v), q, h) for i, v, q, h in expected]


def test_targets_table_stacks_documents():
    documents = [
        govtext.extract("今年主要预期目标是：国内生产总值增长5%左右。", doc_id="a", year=2024, region="全国"),
        govtext.extract("今年主要预期目标是：地区生产总值增长6%左右。", doc_id="b", year=2024, region="苏州市"),
    ]
    table = govtext.targets_table(documents)
    assert table[["doc_id", "region", "level", "year", "indicator", "value"]].values.tolist() == [
        ["a", "全国", "national", 2024, "gdp", 5], ["b", "苏州市", "municipal", 2024, "gdp", 6]]


def test_a_document_frame_of_its_targets():
    document = govtext.extract("今年主要预期目标是：地区生产总值增长6%左右，城镇新增就业10万人以上。", doc_id="b",
                               year=2024, region="苏州市")
    frame = document.to_frame("targets")
    assert frame.equals(govtext.targets_table([document]))
    assert frame["indicator"].tolist() == ["gdp", "urban_new_jobs"]
    with pytest.raises(ValueError, match="targets"):
        document.to_frame("target")
