"""Keyword attention: the counts, the lexicons it accepts, sections, and the shipped
lexicons checked against an independent jieba count on real reports."""

import logging
import math
from collections import Counter, namedtuple

import pytest

import govtext
from govtext.attention import attention, attention_terms, lexicon_terms, shipped_lexicons
from govtext.document import require_pandas
from govtext.errors import GovtextError, LexiconError, MissingExtraError
from govtext.lexicons import lexicon_dir, table
from govtext.segment import cut, tokenizer_with

# a stand-in for the structure parser's sections: only role, start, end, children are read
Section = namedtuple("Section", "role start end children", defaults=((),))

SHIPPED = ("digital_economy", "environment", "hqd", "innovation", "nqpf", "public_services")


def row_of(text, lexicon, **options):
    return attention([text], lexicon, **options).iloc[0]


def test_measures_of_a_hand_counted_text():
    # tokens: 治理|大气污染|。 改善|空气质量|。 发展|数字经济|。 -> 6 word tokens, 3 sentences
    row = row_of("治理大气污染。改善空气质量。\n发展数字经济。", ["大气污染", "空气质量"])
    assert (row["characters"], row["tokens"], row["sentences"], row["hits"]) == (21, 6, 3, 2)
    assert row["token_share"] == 2 / 6
    assert row["character_share"] == 8 / 21
    assert row["sentence_share"] == 2 / 3
    assert row["hits_per_10k_characters"] == pytest.approx(2 / 21 * 10_000)


def test_a_multi_word_term_is_one_hit_not_two():
    assert cut("加强生态环境保护") == ["加强", "生态", "环境保护"]
    terms = attention_terms(["加强生态环境保护，保护生态。"], ["生态环境保护", "环境保护", "生态"])
    assert terms.set_index("term")["hits"].to_dict() == {"生态环境保护": 1, "环境保护": 0, "生态": 1}


def test_counting_leaves_the_shared_tokenizer_and_later_counts_alone():
    text = "加强生态环境保护，推动绿色低碳发展。"
    before = row_of(text, lexicon_terms("environment", groups=["chen2018"]))
    attention([text], "environment")  # the extended list has 生态环境保护 and 绿色低碳
    after = row_of(text, lexicon_terms("environment", groups=["chen2018"]))
    assert cut(text)[:3] == ["加强", "生态", "环境保护"]
    assert before["hits"] == after["hits"] == 4  # 生态, 环境保护, 绿色, 低碳
    assert tokenizer_with(["生态环境保护"]).lcut("生态环境保护") == ["生态环境保护"]


def test_documents_carry_their_metadata_and_raw_strings_infer_the_year():
    doc = govtext.extract("推进节能减排。", doc_id="d1", year=2019, region="浙江省", level="province",
                          kind="work_report")
    frame = attention([doc, "2024年3月5日在第十四届全国人民代表大会第二次会议上\n推进节能减排。"], "environment")
    assert frame[["doc_id", "region", "level", "kind"]].iloc[0].tolist() == ["d1", "浙江省", "province",
                                                                            "work_report"]
    assert frame["year"].tolist() == [2019, 2024]
    assert frame["doc_id"].isna().tolist() == [False, True]
    assert attention(doc, "environment")["doc_id"].tolist() == ["d1"]  # one document alone


def test_an_empty_text_has_no_shares():
    row = row_of("", ["环保"])
    assert (row["characters"], row["tokens"], row["hits"]) == (0, 0, 0)
    assert math.isnan(row["token_share"]) and math.isnan(row["sentence_share"])


def test_full_width_forms_match_half_width_terms():
    assert row_of("ＰＭ２．５浓度下降。", ["PM2.5"])["hits"] == 1


def test_term_hits_sum_to_the_document_hits():
    texts = ["打赢蓝天保卫战，守护蓝天碧水。", "发展数字经济。", "加强污染防治和生态保护。"]
    totals = attention_terms(texts, "environment").groupby("document")["hits"].sum()
    assert totals.tolist() == attention(texts, "environment")["hits"].tolist() == [3, 0, 2]


@pytest.mark.parametrize("lexicon", [["碧水", "净土"], {"碧水": "water", "净土": "soil"}])
def test_a_list_or_dict_of_terms_is_a_lexicon(lexicon):
    assert row_of("守护碧水净土。", lexicon)["hits"] == 2


def test_a_user_word_list_file(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("# my terms\n碧水\twater\n净土\n\n", encoding="utf-8")
    assert lexicon_terms(path) == {"碧水": "water", "净土": ""}
    assert row_of("守护碧水净土。", str(path))["hits"] == 2


def test_a_user_word_list_with_a_duplicate_names_the_line(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("碧水\n净土\n碧水\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"mine.txt:3: duplicate"):
        lexicon_terms(path)


@pytest.mark.parametrize(
    "lexicon,message",
    [("environmnet", "neither a shipped attention lexicon"), (["碧 水"], "without spaces"),
     (["“双碳”"], "cannot keep these terms whole"), ([], "has no terms")],
)
def test_bad_lexicons_say_what_is_wrong(lexicon, message):
    with pytest.raises(LexiconError, match=message):
        attention(["守护碧水。"], lexicon)


def test_groups_select_part_of_a_lexicon():
    assert set(lexicon_terms("environment", groups="chen2018").values()) == {"chen2018"}
    with pytest.raises(LexiconError, match="unknown groups"):
        lexicon_terms("environment", groups=["chen2019"])


def test_section_restricts_the_counts_to_those_roles():
    review, tasks = "一、回顾\n治理大气污染。\n", "二、任务\n改善空气质量。发展数字经济。\n"
    text = review + tasks
    doc = govtext.Document(doc_id="s", text=text, reference_date="2024", sections=(
        Section("review", 0, len(review)),
        Section("tasks", len(review), len(text), (Section(None, len(review) + 5, len(text)),)),
    ))
    row = row_of(doc, ["大气污染", "空气质量"], section="tasks")
    alone = row_of(tasks, ["大气污染", "空气质量"])
    assert row[["characters", "tokens", "sentences", "hits"]].tolist() == \
        alone[["characters", "tokens", "sentences", "hits"]].tolist()
    assert row["hits"] == 1
    assert row_of(doc, ["大气污染", "空气质量"], section=["review", "tasks"])["hits"] == 2
    assert math.isnan(row_of(doc, ["大气污染"], section="glossary")["token_share"])


def test_section_on_a_raw_string_says_structure_is_needed():
    with pytest.raises(GovtextError, match="needs document structure"):
        attention(["治理大气污染。"], ["大气污染"], section="tasks")


def test_without_pandas_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "pandas", None)
    require_pandas.cache_clear()
    try:
        with pytest.raises(MissingExtraError, match=r"govtext\[pandas\]"):
            attention(["治理大气污染。"], ["大气污染"])
    finally:
        require_pandas.cache_clear()


def test_the_shipped_lexicons():
    assert shipped_lexicons() == SHIPPED
    for name in SHIPPED:
        path = lexicon_dir() / "attention" / f"{name}.tsv"
        header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
        # every header says where its lists come from
        assert "publication" in " ".join(header), name
        terms = lexicon_terms(name)
        assert len(terms) >= 10
        own = tokenizer_with(terms)
        assert [t for t in terms if own.lcut(t) != [t]] == [], name


# -- real reports -----------------------------------------------------------------

def test_environmental_attention_of_the_2024_national_report(corpus):
    text = (corpus / "docs" / "nat-2024.txt").read_text(encoding="utf-8")
    row = row_of(text, "environment")
    assert row["hits"] > 20 and 0 < row["token_share"] < 0.05
    terms = attention_terms([text], "environment").set_index("term")["hits"]
    # 生态环境保护 is counted whole: never also as 生态 + 环境保护
    assert terms["生态环境保护"] == text.count("生态环境保护") > 0


def test_section_counts_of_a_real_report_match_the_section_text(corpus):
    text = (corpus / "docs" / "nat-2024.txt").read_text(encoding="utf-8")
    doc = govtext.extract(text, doc_id="nat-2024")
    tasks = [s for s in doc.sections if s.role == "tasks"]
    if not tasks:
        pytest.skip("the structure parser finds no tasks section here")
    in_tasks = row_of(doc, "environment", section="tasks")
    alone = row_of(text[tasks[0].start : tasks[0].end], "environment")
    assert in_tasks["hits"] == alone["hits"] > 0
    assert in_tasks["tokens"] == alone["tokens"]
    assert in_tasks["hits"] < row_of(doc, "environment")["hits"]


@pytest.fixture(scope="module")
def plain_jieba():
    """A new jieba.Tokenizer with govtext's domain terms: the independent counter."""
    import jieba

    jieba.setLogLevel(logging.WARNING)

    def make(terms):
        own = jieba.Tokenizer()
        for word, frequency, _ in table("domain_terms.tsv", 1, 3):
            own.add_word(word, int(frequency) if frequency else 100_000)
        for term in terms:
            own.add_word(term, 100_000)
        return own

    return make


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_lexicon_figures_match_an_independent_count(corpus, plain_jieba, name):
    terms = lexicon_terms(name)
    own = plain_jieba(terms)
    for doc_id in ("nat-2024", "prov-zhejiang-2026"):
        text = (corpus / "docs" / f"{doc_id}.txt").read_text(encoding="utf-8")
        tokens = [word for word in own.lcut(text) if any(ch.isalnum() for ch in word)]
        hits = Counter(word for word in tokens if word in terms)
        characters = sum(not ch.isspace() for ch in text)
        row = row_of(text, name)
        assert (row["tokens"], row["hits"], row["characters"]) == (len(tokens), hits.total(), characters)
        assert row["token_share"] == hits.total() / len(tokens)
        assert row["character_share"] == sum(len(w) * n for w, n in hits.items()) / characters
        per_term = attention_terms([text], name).set_index("term")["hits"]
        assert {t: n for t, n in per_term.items() if n} == dict(hits), doc_id


def test_a_dict_of_groups_and_their_terms_is_a_lexicon():
    # the shape panel takes, {prefix: [terms]}: each term counts for its group
    lexicon = {"carbon": ["碳达峰", "碳中和"], "water": ["碧水"]}
    assert lexicon_terms(lexicon) == {"碳达峰": "carbon", "碳中和": "carbon", "碧水": "water"}
    assert row_of("积极稳妥推进碳达峰碳中和，守护碧水。", lexicon)["hits"] == 3
    with pytest.raises(LexiconError, match="not a mix"):
        lexicon_terms({"carbon": ["碳达峰"], "碧水": "water"})


def test_a_word_list_saved_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("\ufeff碧水\twater\n净土\n", encoding="utf-8")
    assert lexicon_terms(path) == {"碧水": "water", "净土": ""}


def test_the_parts_after_the_review_of_a_1990s_report_are_tasks():
    text = ("一、1998年工作回顾\n过去一年，治理大气污染取得进展。\n"
            "二、继续扩大内需\n加强生态环境保护。\n三、大力推进国有企业改革\n改善空气质量。\n")
    row = row_of(govtext.extract(text), ["生态环境保护", "空气质量", "大气污染"], section="tasks")
    assert row["hits"] == 2 and not math.isnan(row["token_share"])
