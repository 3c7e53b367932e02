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
