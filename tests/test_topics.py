"""The topic model: a scikit-learn estimator that is deterministic, clonable and picklable."""

import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

import govtext
from govtext.topics import ContentWords, TopicModel, government_stopwords

# three themes of our own writing, four short texts each, each text naming most of its
# theme's words
THEMES = {
    "environment": ["治理大气污染，改善空气质量，防治水污染。", "改善空气质量，防治水污染，守护绿水青山。",
                    "治理大气污染，守护绿水青山，空气质量改善。", "防治水污染和大气污染，守护绿水青山。"],
    "education": ["办好义务教育，发展学前教育，关心教师。", "发展职业教育，办好义务教育，尊重教师。",
                  "学前教育和义务教育都要办好，教师是关键。", "办好义务教育、学前教育和职业教育。"],
    "digital": ["发展数字经济，建设数据中心，推广人工智能。", "推广人工智能，壮大数字经济，建设数据中心。",
                "数据中心加快建设，数字经济提速，人工智能落地。", "人工智能赋能产业，数字经济壮大。"],
}
TEXTS = [text for texts in THEMES.values() for text in texts]
LABELS = [theme for theme, texts in THEMES.items() for _ in texts]


def fitted(**params):
    return TopicModel(n_topics=3, min_df=2, random_state=0, **params).fit(TEXTS)


def test_the_analyzer_keeps_content_words_only():
    words = ContentWords()("2024年，我们要加快发展数字经济，第一，新增项目二十个，增长5.2%！")
    assert words == ["数字经济", "新增", "项目", "增长"]
    assert {"发展", "建设", "推进", "加强"} <= government_stopwords()
    assert ContentWords(stopwords={"数字经济"})("发展数字经济") == ["发展"]


@pytest.mark.parametrize("method", ["lda", "nmf"])
def test_two_fits_with_the_same_seed_give_the_same_topics(method):
    first, second = fitted(method=method), fitted(method=method)
    assert np.array_equal(first.model_.components_, second.model_.components_)
    assert first.top_terms(5) == second.top_terms(5)


@pytest.mark.parametrize("method", ["lda", "nmf"])
def test_topics_separate_the_themes(method):
    model = fitted(method=method)
    shares = model.transform(TEXTS)
    assert shares.shape == (12, 3)
    assert np.allclose(shares.sum(axis=1), 1)
    main = shares.argmax(axis=1)
    # each theme's texts share one main topic, and the themes get different ones
    assert [len(set(main[i : i + 4])) for i in (0, 4, 8)] == [1, 1, 1]
    assert len({main[0], main[4], main[8]}) == 3
    assert all(len(terms) == 4 for terms in model.top_terms(4))
    assert not set(model.terms_) & government_stopwords()


def test_fit_returns_self_and_learned_state_ends_in_underscore():
    model = TopicModel(n_topics=3, random_state=0)
    with pytest.raises(NotFittedError):
        model.transform(TEXTS)
    assert model.fit(TEXTS) is model
    assert {"vectorizer_", "model_", "terms_"} <= set(vars(model))
    assert model.get_params()["n_topics"] == 3


def test_clone_gives_an_unfitted_copy_with_the_same_parameters():
    model = fitted(method="nmf", extra_stopwords=("算力",))
    copy = clone(model)
    assert copy.get_params() == model.get_params()
    assert not hasattr(copy, "model_")
    assert "算力" not in copy.fit(TEXTS).terms_


def test_a_fitted_model_pickles():
    model = fitted()
    restored = pickle.loads(pickle.dumps(model))
    assert np.array_equal(restored.transform(TEXTS), model.transform(TEXTS))


def test_documents_and_raw_texts_give_the_same_shares():
    model = fitted()
    documents = [govtext.Document(doc_id=str(i), text=text, reference_date=None) for i, text in enumerate(TEXTS)]
    assert np.array_equal(model.transform(documents), model.transform(TEXTS))
    with pytest.raises(TypeError, match="list of texts"):
        model.transform(TEXTS[0])


def test_shares_by_label():
    model = fitted()
    shares = model.transform(TEXTS)
    by_theme = model.shares_by(shares, LABELS)
    assert by_theme.index.tolist() == ["digital", "education", "environment"]
    assert by_theme.columns.tolist() == ["topic_0", "topic_1", "topic_2"]
    assert np.allclose(by_theme.loc["education"], shares[4:8].mean(axis=0))
    assert np.allclose(model.shares_by(TEXTS, LABELS), by_theme)
    with pytest.raises(ValueError, match="labels"):
        model.shares_by(shares, LABELS[:3])


def test_an_unknown_method_is_refused():
    with pytest.raises(ValueError, match="lda, nmf"):
        TopicModel(method="lsa").fit(TEXTS)


def test_topics_loads_lazily_from_the_package():
    assert govtext.topics.TopicModel is TopicModel


def test_topics_of_real_reports(corpus):
    names = ["nat-1985", "nat-1995", "nat-2005", "nat-2015", "nat-2021", "nat-2024"]
    texts = [(corpus / "docs" / f"{name}.txt").read_text(encoding="utf-8") for name in names]
    model = TopicModel(n_topics=3, random_state=0, max_iter=20)
    shares = model.fit_transform(texts)
    assert np.allclose(shares.sum(axis=1), 1)
    top = model.top_terms(10)
    assert len(top) == 3 and not {w for terms in top for w in terms} & government_stopwords()
    by_decade = model.shares_by(shares, [name[4:7] for name in names])
    assert by_decade.index.tolist() == ["198", "199", "200", "201", "202"]


def test_web_page_leftovers_make_no_topic():
    # each downloaded page starts with the collector's header; none of its words is a topic word
    header = ("标题：{0}\n媒体或发布机构：市人民政府网\n发布日期：2026-05-06\n"
              "来源链接1：https://www.example.gov.cn/content/post_{1}.html\n\n")
    # half of the texts come from a web page (a word in every text would be dropped anyway)
    texts = [header.format(text[:6], number) + text if number % 2 else text for number, text in enumerate(TEXTS)]
    model = TopicModel(n_topics=3, min_df=2, random_state=0).fit(texts)
    vocabulary = set(model.vectorizer_.get_feature_names_out())
    assert not vocabulary & {"https", "www", "html", "来源", "链接", "发布", "媒体", "标题"}
    documents = [govtext.extract(text) for text in texts]
    assert np.allclose(model.transform(documents), model.transform(texts))
