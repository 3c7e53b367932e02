"""The main expected targets of work reports."""

import json
from pathlib import Path

import pytest

import govtext

CASES = Path(__file__).parent / "cases" / "targets.jsonl"

# The GDP growth target each national report states, read by hand from its target
# passage: (value, value_max, qualifier), or None where the report sets none (2020).
GDP_TARGETS = {
    1990: (5, None, None), 1991: (4.5, None, None), 1992: (6, None, None), 1993: (8, None, None),
    1994: (9, None, None), 1995: (8, 9, None), 1996: (8, None, None), 1997: (8, None, None),
    1998: (8, None, None), 1999: (7, None, "about"), 2000: "none", 2001: "none", 2002: "none",
    2003: (7, None, "about"), 2004: (7, None, "about"), 2005: (8, None, "about"), 2006: (8, None, "about"),
    2007: (8, None, "about"), 2008: (8, None, "about"), 2009: (8, None, "about"), 2010: (8, None, "about"),
    2011: (8, None, "about"), 2012: (7.5, None, None), 2013: (7.5, None, "about"), 2014: (7.5, None, "about"),
    2015: (7, None, "about"), 2016: (6.5, 7, None), 2017: (6.5, None, "about"), 2018: (6.5, None, "about"),
    2019: (6, 6.5, None), 2020: None, 2021: (6, None, "over"), 2022: (5.5, None, "about"),
    2023: (5, None, "about"), 2024: (5, None, "about"), 2025: (5, None, "about"), 2026: (4.5, 5, None),
}
# 1990-1999: 国家计划要求今年的国民生产总值比上年增长百分之五 (1990), 一九九一年…主要目标是：…国民
# 生产总值增长4.5% (1991), 今年计划国内生产总值增长百分之九 (1994), 宏观调控目标，定为百分之八至九
# (1995), 经济增长速度的调控目标定为8% (1996, 1997), 经济增长预期为7%左右 (1999). The reports of
# 2000 and 2002 state no GDP target; 2001's is the tenth plan's (“十五”期间年均…7%左右), a plan target.


@pytest.mark.parametrize("year", sorted(GDP_TARGETS))
def test_gdp_growth_target_of_national_reports(corpus, year):
    text = (corpus / "docs" / f"nat-{year}.txt").read_text(encoding="utf-8")
    gdp = [t for t in govtext.extract(text).targets if t.indicator == "gdp" and t.horizon == "year"]
    if GDP_TARGETS[year] == "none":
        assert gdp == []
        return
    assert len(gdp) == 1
    assert gdp[0].period == str(year)
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
    quoted = text[target.start : target.end]
    assert quoted and quoted in target.sentence


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


# The GDP growth target of each 2026 provincial report of the corpus (四川 is not in it), read by
# hand from its target paragraph (the line of prov-<name>-2026.txt in brackets): (value,
# value_max, qualifier).
PROVINCIAL_GDP_2026 = {
    "anhui": (5, 5.5, None),        # [52] 全省地区生产总值增长5%—5.5%
    "beijing": (5, None, "about"),  # [48] 地区生产总值增长5%左右
    "chongqing": (5, None, "over"),  # [46] 地区生产总值增长5%以上
    "fujian": (5, None, "about"),   # [77] 全省地区生产总值增长5%左右
    "gansu": (5.5, None, "about"),  # [52] 地区生产总值增长5.5%左右
    "guangdong": (4.5, 5, None),    # [61-63] 今年经济社会发展的\n主要预期目标\n是：地区生产总值增长4.5%—5%
    "guangxi": (5, None, "about"),  # [57] 经济增长5%左右
    "guizhou": (5, None, "about"),  # [41] 地区生产总值增长5%左右
    "hainan": (6, None, "about"),   # [110] 地区生产总值增长6%左右
    "hebei": (5, None, "over"),     # [43] 地区生产总值增长5%以上
    "heilongjiang": (4.5, 5, None),  # [52] 地区生产总值增长4.5-5%
    "henan": (5, None, "about"),    # [47] 经济增长5%左右
    "hubei": (5.5, None, "about"),  # [58] 经济增长5.5%左右
    "hunan": (5, None, "about"),    # [55] 地区生产总值增长5%左右
    "jiangsu": (5, None, None),     # [46] 地区生产总值按增长5%安排
    "jiangxi": (5, 5.5, None),      # [47] 地区生产总值增长5%-5.5%
    "jilin": (5, None, "about"),    # [34] 地区生产总值增长5%左右
    "liaoning": (4.5, None, "about"),  # [40] 地区生产总值增长4.5%左右
    "neimenggu": (5, None, "about"),  # [33] 地区生产总值增长5%左右
    "ningxia": (5, None, "about"),  # [79] 地区生产总值增长5%左右
    "qinghai": (4.5, None, "about"),  # [58] 全省地区生产总值增长4.5%左右
    "shaanxi": (5, None, "about"),  # [44] 生产总值增长5％左右
    "shandong": (5, None, "over"),  # [45] 地区生产总值增长5%以上
    "shanghai": (5, None, "about"),  # [62] 全市生产总值增长5%左右
    "shanxi": (4.5, 5, None),       # [54] 地区生产总值增长4.5%—5%
    "tianjin": (4.5, None, None),   # [70] 地区生产总值增长4.5%
    "xinjiang": (5.5, 6, None),     # [53] 地区生产总值增长5.5%—6%
    "xizang": (7, None, "over"),    # [51] 地区生产总值增长7%以上
    "yunnan": (4.5, None, "about"),  # [67] 地区生产总值增长4.5%左右
    "zhejiang": (5, 5.5, None),     # [59] 全省生产总值增长5%—5.5%
}


def _number(value):
    return None if value is None else float(value)


@pytest.mark.parametrize("province", sorted(PROVINCIAL_GDP_2026))
def test_gdp_target_of_2026_provincial_reports(corpus, province):
    text = (corpus / "docs" / f"prov-{province}-2026.txt").read_text(encoding="utf-8")
    gdp = [t for t in govtext.extract(text).targets if t.indicator == "gdp" and t.horizon == "year"]
    assert len(gdp) == 1
    target = gdp[0]
    value, value_max, qualifier = PROVINCIAL_GDP_2026[province]
    assert (float(target.value), _number(target.value_max), target.qualifier, target.unit, target.period) == (
        value, _number(value_max), qualifier, "%", "2026")


def _cases():
    with open(CASES, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip() and not line.lstrip().startswith("//"):
                case = json.loads(line)
                marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
                yield pytest.param(case, id=f"targets.jsonl:{number}", marks=marks)


@pytest.mark.parametrize("case", list(_cases()))
def test_target_case(case):
    found = [t.to_dict() for t in govtext.extract(case["text"], year=case["year"]).targets]
    assert [t["indicator"] for t in found] == [e["indicator"] for e in case["expected"]], found
    for target, want in zip(found, case["expected"], strict=True):
        for field, value in want.items():
            assert target[field] == value, (field, target)


def test_targets_table_chooses_a_horizon():
    document = govtext.extract("“十五五”时期主要目标是：地区生产总值年均增长5%左右。\n"
                               "今年主要预期目标是：地区生产总值增长5.5%左右。", doc_id="a", year=2026)
    assert govtext.targets_table([document])[["horizon", "value"]].values.tolist() == [["year", 5.5]]
    assert govtext.targets_table([document], horizon="plan")["period"].tolist() == ["2026/2030"]
    assert len(govtext.targets_table([document], horizon=None)) == 2
