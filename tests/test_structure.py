"""Document structure: heading forms, section roles, kind, title, region, level."""

import csv
import json
import unicodedata
from pathlib import Path

import pytest

import govtext
from govtext.describe import level_of

CASES = Path(__file__).parent / "cases" / "headings.jsonl"


def _heading_cases():
    with open(CASES, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip() and not line.startswith("//"):
                yield pytest.param(json.loads(line), id=f"headings:{number}")


@pytest.mark.parametrize("case", list(_heading_cases()))
def test_heading_forms(case):
    document = govtext.extract(case["text"], year=2024)
    found = [[s.title.replace("，", ","), s.role, len(s.children)] for s in document.sections]
    assert found == case["expected"]
    for section in document.sections:
        assert 0 <= section.start <= section.end <= len(case["text"])


def test_records_carry_their_section_path():
    text = "一、2023年工作回顾\n报送履职成果46件。\n二、2024年政府工作任务\n（一）扩大内需。新增就业1200万人。\n"
    document = govtext.extract(text, year=2024)
    paths = [i.section for i in document.indicators]
    assert paths == [("一、2023年工作回顾",), ("二、2024年政府工作任务", "(一)扩大内需")]
    assert document.to_dict()["indicators"][0]["section"] == ["一、2023年工作回顾"]


def test_boilerplate_is_marked_not_deleted():
    text = "下载\n打印\n2026年某省政府工作报告\n各位代表：\n现在，我代表省人民政府，向大会报告工作，请予审议。\n一、2025年工作回顾\n"
    document = govtext.extract(text)
    kinds = [kind for _, _, kind in document.boilerplate]
    assert kinds == ["chrome", "chrome", "opening"]
    assert document.text == text
    assert document.title == "2026年某省政府工作报告"
    assert (document.kind, document.level) == ("work_report", "provincial")


def test_caller_metadata_wins():
    document = govtext.extract("报送履职成果46件。", region="苏州市", kind="work_report", title="t")
    assert (document.region, document.level, document.kind, document.title) == (
        "苏州市", "municipal", "work_report", "t")


@pytest.mark.parametrize(
    "region,level",
    [("全国", "national"), ("广东省", "provincial"), ("北京市", "provincial"), ("新疆维吾尔自治区", "provincial"),
     ("苏州市", "municipal"), ("海拉尔区", "county"), ("常州市武进区", "county"), ("长丰县", "county"),
     (None, None)],
)
def test_level_of_region(region, level):
    assert level_of(region) == level


def _manifest(corpus):
    with open(corpus / "manifest.tsv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_metadata_agrees_with_the_manifest(corpus):
    disagreements = []
    for row in _manifest(corpus):
        text = (corpus / "docs" / f"{row['id']}.txt").read_text(encoding="utf-8")
        document = govtext.extract(text, doc_id=row["id"])
        region = document.region or ""
        region_agrees = bool(region) and (region in row["region"] or row["region"] in region)
        year = (document.reference_date or "")[:4]
        if (document.kind, document.level, year) != (row["kind"], row["level"], row["year"]) or not region_agrees:
            disagreements.append((row["id"], document.kind, document.level, region, year))
    assert disagreements == []


# Top-level headings as they stand in the reports (read by hand), by role.
EXPECTED_PARTS = {
    "nat-2003": {"review": "一、过去五年政府工作的回顾", "tasks": "二、对今年政府工作的建议"},
    "nat-2004": {"review": "一、一年来工作回顾", "tasks": "二、2004年主要任务"},
    "nat-2006": {"review": "一、去年工作回顾", "tasks": "二、今年主要任务"},
    "nat-2009": {"review": "一、2008年工作回顾", "targets": "二、2009年工作总体部署", "tasks": "三、2009年主要任务"},
    "nat-2011": {"review": "一、“十一五”时期国民经济和社会发展的回顾", "targets": "二、“十二五”时期的主要目标和任务",
                 "tasks": "三、2011年的工作"},
    "nat-2013": {"review": "一、过去五年工作回顾", "targets": "二、今年经济社会发展的总体要求、主要预期目标和宏观经济政策",
                 "tasks": "三、对今年政府工作的建议"},
    "nat-2015": {"review": "一、2014年工作回顾", "targets": "二、2015年工作总体部署"},
    "nat-2019": {"review": "一、2018年工作回顾", "targets": "二、2019年经济社会发展总体要求和政策取向",
                 "tasks": "三、2019年政府工作任务"},
    "nat-2024": {"review": "一、2023年工作回顾", "targets": "二、2024年经济社会发展总体要求和政策取向",
                 "tasks": "三、2024年政府工作任务"},
    "prov-gansu-2026": {"review": "“十四五”时期工作回顾", "targets": "“十五五”时期的主要目标任务",
                        "tasks": "2026年重点工作"},
    "prov-shandong-2025": {"review": "", "targets": "二、2025年工作总体要求和主要目标", "tasks": "三、2025年重点工作"},
    "prov-zhejiang-2026": {"review": "一、2025年主要工作和“十四五”发展成就", "targets": "二、“十五五”时期的主要目标任务",
                           "tasks": "三、2026年重点工作"},
    "prov-guangdong-2026": {"review": "一、2025年和“十四五”时期工作回顾", "targets": "二、“十五五”时期的主要目标和重点任务",
                            "tasks": "三、2026年工作安排"},
    "prov-beijing-2026": {"review": "一、2025年工作回顾", "tasks": "三、2026年重点工作"},
    "prov-hainan-2026": {"tasks": "三、2026年主要工作", "self_building": "四、加强政府自身建设"},
    "county-hailar-2016": {"review": "一、“十二五”时期和2015年工作回顾", "tasks": "三、2016年工作安排"},
    "county-hailar-2019": {"review": "一、2018年工作回顾", "tasks": "二、2019年工作安排",
                           "self_building": "三、加强政府自身建设"},
}


@pytest.mark.parametrize("doc", sorted(EXPECTED_PARTS))
def test_top_level_parts_of_real_reports(corpus, doc):
    text = (corpus / "docs" / f"{doc}.txt").read_text(encoding="utf-8")
    document = govtext.extract(text, doc_id=doc)
    first_of_role = {}
    for section in document.sections:
        first_of_role.setdefault(section.role, section.title.strip())
    for role, title in EXPECTED_PARTS[doc].items():
        assert first_of_role.get(role, "") == unicodedata.normalize("NFKC", title), (role, first_of_role)
        section = next(s for s in document.sections if s.role == role)
        heading = unicodedata.normalize("NFKC", text[section.start : section.end]).lstrip()
        assert heading.startswith(unicodedata.normalize("NFKC", title)), role
