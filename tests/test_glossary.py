"""The glossary of initiatives across documents."""

import govtext
from govtext.glossary import canonical_name

# Words that are quoted as figures of speech or topics, never named initiatives.
FIGURATIVE = {"方向盘", "主旋律", "助推器", "新抓手", "新品牌", "新活力", "压舱石", "链主", "口袋公园",
              "沉睡资产", "优先", "小巨人"}


def test_glossary_groups_mentions_across_documents():
    documents = [
        govtext.extract("全力做好“六稳”工作，落实“六保”任务。", doc_id="a", year=2020, region="全国"),
        govtext.extract("扎实做好“六稳”工作。", doc_id="b", year=2021, region="广东省"),
    ]
    table = govtext.glossary(documents)
    row = table[table["name"] == "六稳"].iloc[0]
    assert (row["first_year"], row["last_year"], row["mentions"]) == (2020, 2021, 2)
    assert row["documents"] == ["a", "b"]
    assert row["regions"] == ["全国", "广东省"]
    assert row["members"] == ["稳就业", "稳金融", "稳外贸", "稳外资", "稳投资", "稳预期"]
    assert row["members_source"] == "gazetteer"


def test_canonical_name_ignores_quotes_and_spaces():
    assert canonical_name("“红武共进 界别同行”") == canonical_name("红武共进界别同行")


def test_most_frequent_entries_of_the_corpus_are_initiatives(corpus):
    paths = sorted((corpus / "docs").glob("*.txt"))
    documents = [govtext.extract(p.read_text(encoding="utf-8"), doc_id=p.stem) for p in paths]
    top = govtext.glossary(documents).head(30)["name"].tolist()
    wrong = [name for name in top if canonical_name(name) in FIGURATIVE or len(canonical_name(name)) > 16]
    assert wrong == [], f"the 30 most frequent entries: {top}"


def test_glossary_groups_the_variants_of_a_name_and_says_where_members_come_from():
    documents = [
        govtext.extract("做好金融“五篇大文章”。", doc_id="a", year=2024),
        govtext.extract("做好金融“五篇大 文章”。", doc_id="b", year=2025),  # a PDF line wrap
        govtext.extract("做好金融五篇大文章。", doc_id="c", year=2025),
    ]
    table = govtext.glossary(documents)
    row = table[table["name"] == "五篇大文章"].iloc[0]
    assert row["mentions"] == 3
    assert row["members"] == ["科技金融", "绿色金融", "普惠金融", "养老金融", "数字金融"]
    assert row["members_source"] == "gazetteer"


def test_a_partial_list_gives_way_to_the_gazetteer_and_a_stated_list_wins():
    partial = govtext.extract("稳就业、稳金融等“六稳”工作。", doc_id="a", year=2020)
    assert partial.initiatives[0].members_source == "gazetteer"
    documents = [govtext.extract("推出甲乙、丙丁等“四大工程”。", doc_id="a", year=2024),
                 govtext.extract("推出“四大工程”，即甲乙、丙丁、戊己、庚辛。", doc_id="b", year=2024)]
    row = govtext.glossary(documents).iloc[0]
    assert (row["members"], row["members_source"]) == (["甲乙", "丙丁", "戊己", "庚辛"], "text")
    row = govtext.glossary(documents[:1]).iloc[0]
    assert (row["members"], row["members_source"]) == (["甲乙", "丙丁"], "text-partial")


# What a quoted phrase of the provincial reports may be and still not be an initiative:
# an index, a question, an honour (issue 17)
NOT_NAMES = {"幸福指数", "辛苦指数", "发展指数", "两院", "钱从哪里来、用到哪里去、怎么用得好"}


def test_the_2026_provincial_glossary_lists_no_index_question_or_common_noun(corpus):
    paths = sorted((corpus / "docs").glob("prov-*-2026.txt"))
    documents = [govtext.extract(p.read_text(encoding="utf-8"), doc_id=p.stem) for p in paths]
    top = govtext.glossary(documents).head(50)["name"].tolist()
    wrong = [name for name in top if canonical_name(name) in FIGURATIVE | NOT_NAMES
             or canonical_name(name).endswith("指数")]
    assert wrong == [], f"the 50 most frequent entries: {top}"
