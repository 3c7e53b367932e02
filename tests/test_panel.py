"""The document panel: its columns, targets as columns, attention by lexicon, real reports."""

import math

import pytest

import govtext
from govtext.attention import attention
from govtext.document import require_pandas
from govtext.errors import MissingExtraError
from govtext.panel import DEFAULT_TARGETS, panel, target_ids

TARGET_REPORT = ("今年发展主要预期目标是：国内生产总值增长6%-6.5%；城镇新增就业1100万人以上；"
                 "居民消费价格涨幅3%左右。加强生态环境保护，打好污染防治攻坚战，推动科技创新。")
NO_TARGET_REPORT = "我们没有提出全年经济增速具体目标。加强生态环境保护。"
PLAIN_TEXT = "推动数字经济发展，建设数字中国。"


@pytest.fixture
def docs():
    return [
        govtext.extract(TARGET_REPORT, doc_id="targets", year=2019, kind="work_report", region="全国"),
        govtext.extract(NO_TARGET_REPORT, doc_id="absent", year=2020, kind="work_report", region="全国"),
        govtext.extract(PLAIN_TEXT, doc_id="plain", year=2021),
    ]


def test_columns_in_order(docs):
    frame = panel(docs, ["environment", "innovation"], targets=["gdp", "cpi"])
    assert frame.columns.tolist() == [
        "doc_id", "kind", "region", "level", "year", "characters", "tokens",
        "gdp_target", "gdp_target_max", "gdp_qualifier", "gdp_unit",
        "cpi_target", "cpi_target_max", "cpi_qualifier", "cpi_unit",
        "environment_tokens", "environment_hits", "environment_token_share", "environment_character_share",
        "environment_sentence_share", "environment_hits_per_10k_characters",
        "innovation_tokens", "innovation_hits", "innovation_token_share", "innovation_character_share",
        "innovation_sentence_share", "innovation_hits_per_10k_characters",
    ]
    assert frame["doc_id"].tolist() == ["targets", "absent", "plain"]
    assert frame["year"].tolist() == [2019, 2020, 2021]
    assert frame[["kind", "region", "level"]].iloc[0].tolist() == ["work_report", "全国", "national"]


def test_targets_become_columns(docs):
    frame = panel(docs, (), targets=["gdp", "urban_new_jobs", "cpi", "grain_output"]).set_index("doc_id")
    given = frame.loc["targets"]
    assert (given["gdp_target"], given["gdp_target_max"]) == (6.0, 6.5)
    assert (given["urban_new_jobs_target"], given["urban_new_jobs_qualifier"]) == (11_000_000.0, "over")
    assert (given["cpi_target"], given["cpi_qualifier"]) == (3.0, "about")
    assert math.isnan(given["cpi_target_max"])
    # a range has no qualifier; a target the report does not set is missing in all three columns
    assert require_pandas().isna(given["gdp_qualifier"])
    assert given[["grain_output_target", "grain_output_target_max", "grain_output_qualifier",
                  "grain_output_unit"]].isna().all()
    assert given["gdp_unit"] == "%"


def test_a_target_the_report_declines_to_set_is_missing(docs):
    assert [t.absent for t in docs[1].targets if t.indicator == "gdp"] == [True]
    row = panel(docs, (), targets=["gdp"]).set_index("doc_id").loc["absent"]
    assert row[["gdp_target", "gdp_target_max", "gdp_qualifier"]].isna().all()


def test_default_targets_are_known_ids(docs):
    assert set(DEFAULT_TARGETS) <= set(target_ids())
    frame = panel(docs, ())
    assert [c[: -len("_target")] for c in frame.columns if c.endswith("_target")] == list(DEFAULT_TARGETS)


def test_attention_columns_are_those_of_attention(docs):
    frame = panel(docs, "environment", targets=())
    expected = attention(docs, "environment")
    for measure in ("tokens", "hits", "token_share", "character_share", "sentence_share",
                    "hits_per_10k_characters"):
        assert frame[f"environment_{measure}"].tolist() == expected[measure].tolist(), measure
    assert frame["characters"].tolist() == expected["characters"].tolist()
    # 生态环境保护 is one token with the environment lexicon, 生态 + 环境保护 without it
    assert (frame["tokens"] - frame["environment_tokens"]).tolist() == [1, 1, 0]
    assert frame["environment_hits"].tolist() == [2, 1, 0]


def test_tokens_are_words_of_the_segmenter(docs):
    frame = panel(docs, (), targets=())
    words = [sum(any(ch.isalnum() for ch in t.text) for s in govtext.segment(d.text) for t in s.tokens)
             for d in docs]
    assert frame["tokens"].tolist() == words
    assert frame["characters"].tolist() == [sum(not ch.isspace() for ch in d.text) for d in docs]


def test_lexicons_by_name_path_and_mapping(docs, tmp_path):
    word_list = tmp_path / "digital.txt"
    word_list.write_text("数字经济\n数字中国\n", encoding="utf-8")
    by_path = panel(docs, [word_list], targets=())
    by_mapping = panel(docs, {"digital": ["数字经济", "数字中国"]}, targets=())
    assert by_path["digital_hits"].tolist() == by_mapping["digital_hits"].tolist() == [0, 0, 2]
    assert by_path.columns.tolist() == by_mapping.columns.tolist()


def test_no_lexicon_no_attention_columns(docs):
    assert panel(docs, (), targets=()).columns.tolist() == [
        "doc_id", "kind", "region", "level", "year", "characters", "tokens"]


def test_an_empty_list_of_documents_gives_the_columns():
    frame = panel([], targets=["gdp"])
    assert len(frame) == 0
    assert frame.columns.tolist()[-2:] == ["environment_sentence_share", "environment_hits_per_10k_characters"]


@pytest.mark.parametrize(
    "arguments,error,message",
    [
        ({"targets": ["gdp", "gdp_growth"]}, ValueError, r"unknown target ids \['gdp_growth'\]"),
        ({"lexicons": [["数字经济"]]}, TypeError, "needs a column prefix"),
        ({"lexicons": ["environment", "environment"]}, ValueError, "two lexicons"),
        ({"lexicons": {"two words": ["数字经济"]}}, ValueError, "column prefix"),
    ],
)
def test_bad_arguments_say_what_to_do(docs, arguments, error, message):
    with pytest.raises(error, match=message):
        panel(docs, **arguments)


def test_raw_strings_are_refused_with_a_hint():
    with pytest.raises(TypeError, match=r"govtext.extract\(text"):
        panel(["加强生态环境保护。"])


def test_without_pandas_the_error_names_the_extra(docs, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "pandas", None)
    require_pandas.cache_clear()
    try:
        with pytest.raises(MissingExtraError, match=r"govtext\[pandas\]"):
            panel(docs)
    finally:
        require_pandas.cache_clear()


def test_panel_of_national_reports(corpus):
    years = (2019, 2020, 2024)
    docs = [govtext.extract((corpus / "docs" / f"nat-{year}.txt").read_text(encoding="utf-8"),
                            doc_id=f"nat-{year}", kind="work_report", region="全国")
            for year in years]
    frame = panel(docs, ["environment", "innovation"]).set_index("doc_id")
    assert frame.index.tolist() == ["nat-2019", "nat-2020", "nat-2024"]
    assert frame["year"].tolist() == list(years)
    assert frame["level"].tolist() == ["national"] * 3
    # the GDP growth targets as read by hand (tests/test_targets.py): 6-6.5%, none in 2020, about 5%
    gdp = frame[["gdp_target", "gdp_target_max", "gdp_qualifier"]]
    assert gdp.loc["nat-2019"].tolist()[:2] == [6.0, 6.5]
    assert gdp.loc["nat-2020"].isna().all()
    assert (gdp.loc["nat-2024", "gdp_target"], gdp.loc["nat-2024", "gdp_qualifier"]) == (5.0, "about")
    assert math.isnan(gdp.loc["nat-2024", "gdp_target_max"])
    # every target value is the one targets_table gives
    table = govtext.targets_table(docs)
    table = table[~table["absent"] & table["indicator"].isin(DEFAULT_TARGETS)]
    for row in table.itertuples():
        assert frame.loc[row.doc_id, f"{row.indicator}_target"] == float(row.value)
    assert frame["urban_new_jobs_target"].loc["nat-2024"] == 12_000_000
    for lexicon in ("environment", "innovation"):
        expected = attention(docs, lexicon)
        assert frame[f"{lexicon}_hits"].tolist() == expected["hits"].tolist()
        assert frame[f"{lexicon}_token_share"].tolist() == expected["token_share"].tolist()
        assert (frame[f"{lexicon}_hits"] > 0).all()
    assert (frame["characters"] > 10_000).all()
    assert ((frame["tokens"] - frame["environment_tokens"]).abs() < 50).all()


def test_a_horizon_chooses_the_targets():
    document = govtext.extract("“十五五”时期主要目标是：地区生产总值年均增长5%左右。\n"
                               "今年主要预期目标是：地区生产总值增长5.5%左右。", doc_id="a", year=2026)
    assert panel([document], (), targets=["gdp"])["gdp_target"].tolist() == [5.5]
    assert panel([document], (), targets=["gdp"], horizon="plan")["gdp_target"].tolist() == [5.0]
    with pytest.raises(ValueError, match="horizon"):
        panel([document], (), targets=["gdp"], horizon="years")
