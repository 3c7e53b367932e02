"""Document structure: heading forms, section roles, kind, title, region, level."""

import csv
import json
import unicodedata
from pathlib import Path

import pytest

import govtext
from govtext.describe import level_of, real_place
from govtext.lexicons import table

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


@pytest.mark.parametrize(
    "region,level",
    [("呼和浩特市", "municipal"), ("大理州", "municipal"), ("巴音郭楞蒙古自治州", "municipal"), ("吉林市", "municipal"),
     ("吉林省", "provincial"), ("呼伦贝尔市海拉尔区", "county"), ("阿里地区", "municipal"),
     ("吉林省长春市", "municipal"), ("昆山市", "county"), ("长丰县", "county")],
)
def test_level_of_prefectures(region, level):
    assert level_of(region) == level


@pytest.mark.parametrize(
    "candidate,self_named,place",
    [("自觉接受市人大和市", False, None), ("并请市", False, None), ("第九届省", True, None), ("自治区", True, None),
     ("自治州", True, None), ("并请合肥市", False, "合肥市"), ("怒江州", False, "怒江傈僳族自治州"),
     ("常州市武进区", False, "常州市武进区"), ("海拉尔区", False, None), ("海拉尔区", True, "海拉尔区"),
     ("某省", True, None), ("吉林市", False, "吉林市")],
)
def test_a_region_is_a_real_place(candidate, self_named, place):
    assert real_place(candidate, self_named=self_named) == place


def test_regions_lexicon_lists_every_prefecture_under_its_province():
    rows = table("regions.tsv", 2, 4)
    provinces = {full for full, _, province, _ in rows if not province}
    prefectures = [(full, province) for full, _, province, _ in rows if province]
    assert len(prefectures) == 333
    assert {province for _, province in prefectures} <= provinces
    assert ("呼和浩特市", "内蒙古自治区") in prefectures


# Openings written for these tests after the forms of real reports (the report each form
# was seen in is named; the text that showed the error is a different one).
METADATA_CASES = [
    # words before 市政协 are not a place (太原市-2002, 海口市-2022 say 市人大和市政协 too)
    ("各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n一、2021年工作回顾\n过去一年，海口市经济稳中有进。"
     "我们自觉接受市人大和市政协的监督，海口自贸港建设加快，海口港吞吐量增长。",
     {"kind": "work_report", "region": "海口市", "level": "municipal"}),
    # 并请市政协 (巴彦淖尔市-2015); a prefecture-level city of an autonomous region is municipal
    ("各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议，并请市政协委员和列席人员提出意见。\n"
     "过去一年，巴彦淖尔经济平稳增长，巴彦淖尔市河套灌区节水改造完成，巴彦淖尔农畜产品走向全国。",
     {"region": "巴彦淖尔市", "level": "municipal"}),
    # a term before the level word: 我代表第十一届省人民政府 (our own opening)
    ("各位代表：\n我代表第十一届省人民政府，向大会报告工作，请予审议，并请省政协委员提出意见。\n"
     "五年来，江西全省生产总值跨上新台阶，江西制造业加快升级，江西省生态优势巩固。",
     {"kind": "work_report", "region": "江西省", "level": "provincial"}),
    # 我代表自治区人民政府 and 并请自治区政协 (广西壮族自治区-2022)
    ("各位代表：\n现在，我代表自治区人民政府，向大会报告工作，请予审议，并请自治区政协委员提出意见。\n"
     "过去一年，广西经济持续恢复，广西壮族自治区向海经济壮大，广西糖业转型。",
     {"region": "广西壮族自治区", "level": "provincial"}),
    # an autonomous prefecture that names itself 自治州 in its delivery line and 伊犁州 in its text
    ("——2024年1月8日在自治州第十五届人民代表大会第三次会议上\n各位代表：\n现在，我代表自治州人民政府向大会报告工作。\n"
     "过去一年，伊犁州经济稳步增长，伊犁河谷旅游升温，伊犁州直农业丰收。",
     {"kind": "work_report", "region": "伊犁哈萨克自治州", "level": "municipal"}),
    # 我代表州人民政府 (甘孜藏族自治州-2025)
    ("各位代表：\n现在，我代表州人民政府，向大会报告工作，请予审议，并请州政协委员提出意见。\n"
     "过去一年，红河州工业提速，红河口岸开放扩大，红河州蒙自经济技术开发区晋位升级。",
     {"region": "红河哈尼族彝族自治州", "level": "municipal"}),
    # a delivery line broken by markup (合肥市-2022 form, another city)
    ("**——2023年1月12日在拉萨市**\n\n**第十二届人民代表大会第二次会议上**\n\n各位代表：\n"
     "现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。",
     {"kind": "work_report", "region": "拉萨市", "level": "municipal"}),
    # a county named where the report names itself
    ("——2024年1月5日在长丰县第十七届人民代表大会第四次会议上\n各位代表：\n"
     "现在，我代表县人民政府，向大会报告工作，请予审议。",
     {"kind": "work_report", "region": "长丰县", "level": "county"}),
    # a work report known by its heading under a title that does not say it (杭州市-2012 form)
    ("---\ntitle: 绍兴市人民政府\n---\n\n**政府工作报告（摘要）**\n\n（2013年1月6日在绍兴市第七届人民代表大会第三次会议上）\n\n"
     "**一、2012年工作回顾**\n",
     {"kind": "work_report", "title": "绍兴市人民政府", "region": "绍兴市", "level": "municipal"}),
    # a collector's front matter: its title is the document's, its lines are a header (石家庄市-2018 form)
    ("---\nsource: https://www.example.gov.cn/zfgzbg/1.html\ntitle: 2019年洛阳市政府工作报告\n---\n\n"
     "一、2018年工作回顾\n\n过去一年，洛阳经济运行稳中向好。\n",
     {"kind": "work_report", "title": "2019年洛阳市政府工作报告", "region": "洛阳市", "level": "municipal",
      "boilerplate": ["header"] * 4, "reference_date": "2019"}),
    # a title pasted twice by the collector (广州市-2024 form)
    ("---\ntitle: 2021年昆明市政府工作报告2021年昆明市政府工作报告\n---\n\n各位代表：\n",
     {"title": "2021年昆明市政府工作报告"}),
    # a breadcrumb, one item a line (宁夏-2026 and 云南-2026 forms, another site)
    ("当前位置：\n首页\n>\n要闻动态\n>\n本地要闻\n2024年西宁市政府工作报告\n发布时间：\n2024-02-01 09:00\n各位代表：\n",
     {"title": "2024年西宁市政府工作报告", "region": "西宁市", "level": "municipal"}),
    # a breadcrumb on one line, then the column's name, then the title
    ("首页 > 政务公开 > 政府工作报告\n政务要闻\n2024年桂林市政府工作报告\n各位代表：\n",
     {"title": "2024年桂林市政府工作报告", "kind": "work_report", "region": "桂林市"}),
    # a photo caption above the title (湖南-2026, 江苏-2026), and run into it (贵州-2026)
    ("省长作政府工作报告。本报记者 朱江 摄\n2026年江苏省政府工作报告\n——2026年1月27日在江苏省第十四届人民代表大会第四次会议上\n",
     {"title": "2026年江苏省政府工作报告", "region": "江苏省", "level": "provincial"}),
    ("大会现场。 本报记者 刘尚文 摄\n2026年湖南省政府工作报告\n（2026年2月3日在湖南省第十四届人民代表大会第四次会议上）\n",
     {"title": "2026年湖南省政府工作报告", "kind": "work_report", "region": "湖南省"}),
    # the delivery date after the meeting, in brackets (四川省-2012 form, another province)
    ("**政府工作报告**\n在贵州省第十三届人民代表大会第一次会议上（2018年1月25日）\n贵州省人民政府省长\n各位代表：\n",
     {"kind": "work_report", "reference_date": "2018-01-25", "region": "贵州省"}),
]


@pytest.mark.parametrize("text,expected", METADATA_CASES, ids=[f"metadata:{n}" for n in range(len(METADATA_CASES))])
def test_metadata_of_openings(text, expected):
    document = govtext.extract(text)
    found = {"kind": document.kind, "title": document.title, "region": document.region, "level": document.level,
             "boilerplate": [kind for _, _, kind in document.boilerplate], "reference_date": document.reference_date}
    assert {key: found[key] for key in expected} == expected


def _manifest(corpus):
    with open(corpus / "manifest.tsv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


# Rows of manifest.tsv that disagree with their text (read by hand), and what the text says.
MANIFEST_ERRATA = {
    # the report delivered on 2013-01-25 (在四川省第十二届人民代表大会第一次会议上（2013年1月25日）,
    # 代省长魏宏; its parts: 过去五年工作回顾, 今后五年主要目标任务, 2013年工作重点): the report
    # of 2013, filed as 2012 by the collector (its title: 2012年四川省人民政府工作报告)
    "prov-四川省-2012": {"year": "2013"},
}


def test_metadata_agrees_with_the_manifest(corpus):
    disagreements = []
    for row in _manifest(corpus):
        row = {**row, **MANIFEST_ERRATA.get(row["id"], {})}
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
    # parts without numbers, listed in the opening (报告分六个部分：一、…；二、…)
    "nat-1978": {"review": "三年来的斗争和新时期的总任务", "tasks": "把揭批\"四人帮\"的斗争进行到底"},
    # two (一) parts named 关于…
    "nat-1985": {"review": "（一）关于经济形势", "tasks": "（二）关于经济体制改革"},
    # parts named by their content
    "nat-1993": {"review": "一、改革开放和现代化建设取得伟大成就的五年", "tasks": "二、争取国民经济再上一个新台阶"},
    "prov-宁夏回族自治区-2002": {"review": "一、国民经济持续快速发展“十五”计划开局良好",
                         "targets": "", "tasks": "二、深入实施西部大开发战略打造加快发展的坚实基础"},
    # the review told before 一、 (首先报告２００１年的工作。), the plan opened by ２００２年是…
    "nat-2002": {"review": "", "targets": "", "tasks": "一、扩大和培育内需，促进经济较快增长"},
    "nat-2000": {"review": "一、1999年国内工作回顾", "targets": "", "tasks": "二、坚持实行扩大内需的方针"},
    # part headings run onto the paragraphs before them
    "prov-云南省-2003": {"review": "一、第九届省人民政府工作的回顾", "tasks": "二、对第十届省人民政府工作的建议"},
    # the work of 2006 in the report of 2007
    "prov-浙江省-2007": {"review": "一、2006年政府的主要工作", "targets": "二、2007年工作主要目标和总体要求",
                     "tasks": "三、加快结构调整和增长方式转变 提高经济增长质量和效益"},
    "city-烟台市-2011": {"review": "一、“十一五”时期的政府工作", "targets": "二、“十二五”时期的奋斗目标",
                      "tasks": "三、2011年政府工作安排"},
    "pref-大理白族自治州-2022": {"review": "一、十四届州人民政府在艰难环境中创造佳绩",
                           "targets": "二、面临的挑战机遇和今后五年的目标任务", "tasks": "三、2022年工作重点"},
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
        # the section starts at its line, Markdown marks (**一、…**) included; its title leaves them out
        heading = unicodedata.normalize("NFKC", text[section.start : section.end]).lstrip().lstrip("#*>` ")
        assert heading.startswith(unicodedata.normalize("NFKC", title)), role


# Work reports of the corpus that have no review part and no tasks part, with the reason
# (read by hand): nothing in the text to find them by.
WITHOUT_REVIEW_AND_TASKS = {
    # the first report of the State Council: no heading of any form (no numbers, no
    # title lines, no list of parts in the opening); the speech runs by subject
    # (industry, agriculture, trade, finance, the people's livelihood, the state organs,
    # defence, foreign affairs), each subject telling the five years since 1949 and what
    # is to be done next in the same paragraphs, so no stretch of it is the review alone
    # or the plan alone
    "nat-1954",
}


def test_every_work_report_has_its_review_and_tasks_parts(corpus):
    lacking = []
    for row in _manifest(corpus):
        if row["kind"] != "work_report" or row["id"] in WITHOUT_REVIEW_AND_TASKS:
            continue
        text = (corpus / "docs" / f"{row['id']}.txt").read_text(encoding="utf-8")
        roles = {section.role for section in govtext.extract(text, doc_id=row["id"]).sections}
        if not {"review", "tasks"} <= roles:
            lacking.append((row["id"], sorted(r for r in roles if r)))
    assert lacking == []


@pytest.mark.parametrize(
    "dateline,date",
    [
        ("Tue, 12 Apr 2022 09:30:00 +0800", "2022-04-12"),
        ("2022-04-12 09:30", "2022-04-12"),
        ("发布时间：2011-10-15", "2011-10-15"),
        ("来源：杭州日报  2022年04月12日", "2022-04-12"),
        ("2022年04月12日 09:30  来源：杭州日报", "2022-04-12"),
        ("时间：2022/4/12  作者：记者 张三", "2022-04-12"),
        ("2022年4月12日", "2022-04-12"),
    ],
)
def test_datelines_date_a_news_article(dateline, date):
    document = govtext.extract(f"市政协召开主席会议\n{dateline}\n昨天，市政协召开主席会议。")
    assert (document.reference_date, document.kind) == (date, "news")


def test_a_date_in_prose_is_not_a_dateline():
    text = "全市经济工作会议召开\n2022年4月12日，全市经济工作会议召开，部署全年工作。"
    assert govtext.extract(text).reference_date != "2022-04-12"
