"""Topic models of government texts: a scikit-learn estimator over jieba words.

:class:`TopicModel` wraps scikit-learn's ``LatentDirichletAllocation`` (on word counts)
and ``NMF`` (on tf-idf weights). Texts are segmented by govtext's own jieba tokenizer
(with its government-domain lexicon) through :class:`ContentWords`, a picklable
analyzer that keeps words of two or more characters and drops punctuation, numbers
and the stopwords of ``data/lexicons/stopwords.tsv`` (generic words such as 发展,
建设, 推进, 加强 that every report uses).

This module needs scikit-learn (a core dependency), which takes about a second to
import, so ``import govtext`` does not load it: use ``govtext.topics.TopicModel`` or
``from govtext.topics import TopicModel``.

Example:
    >>> from govtext.topics import TopicModel
    >>> texts = ["治理大气污染，改善空气质量。", "改善空气质量，治理水污染。",
    ...          "发展学前教育，办好义务教育。", "办好义务教育，发展职业教育。"]
    >>> model = TopicModel(n_topics=2, min_df=1, max_df=1.0, random_state=0).fit(texts)
    >>> topic = model.transform(texts).argmax(axis=1)   # the main topic of each text
    >>> bool(topic[0] == topic[1] != topic[2] == topic[3])
    True
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from .document import Document, require_pandas
from .lexicons import cached_per_lexicons, words
from .normalize import normalize
from .segment import cut
from .structure import boilerplate_spans

METHODS = ("lda", "nmf")
# max_iter when left None: LDA's batch updates converge in tens of passes, NMF's
# coordinate descent needs hundreds on small corpora
_DEFAULT_MAX_ITER = {"lda": 50, "nmf": 500}
# a word made only of these is a number or an ordinal (二十, 三百, 第一), not a topic word,
# and so is one that adds a measure word (二十个, 三项); 三农 or 两会 are topic words
_NUMBER_CHARACTERS = frozenset("〇零一二三四五六七八九十百千万亿两第")
_MEASURE_WORDS = frozenset("个项件次家条批名位年月日天种")


@cached_per_lexicons
def government_stopwords() -> frozenset[str]:
    """The stopwords of ``data/lexicons/stopwords.tsv``.

    Example:
        >>> {"发展", "建设", "推进", "加强"} <= government_stopwords()
        True
    """
    return frozenset(words("stopwords.tsv"))


class ContentWords:
    """Analyzer for scikit-learn vectorizers: a text's content words, in order.

    Segments with govtext's jieba tokenizer (``govtext.segment.cut``) on the normalized
    text and drops single characters, words without a letter or Chinese character
    (punctuation, ``2024``, ``5.2%``), numerals (``二十``, ``第一``, ``二十个``) and ``stopwords``
    (by default govtext's government stopwords). A module-level class rather than a
    lambda, so that fitted models pickle and run in process pools.

    Example:
        >>> ContentWords()("第一，2024年加快发展数字经济，新增项目二十个，增长5.2%。")
        ['数字经济', '新增', '项目', '增长']
    """

    def __init__(self, stopwords=None):
        self.stopwords = government_stopwords() if stopwords is None else frozenset(stopwords)

    def __call__(self, text: str) -> list[str]:
        return [word for word in cut(normalize(text).text) if self._keeps(word)]

    def _keeps(self, word: str) -> bool:
        return (
            len(word) >= 2
            and any(ch.isalpha() for ch in word)
            and not all(ch in _NUMBER_CHARACTERS for ch in word.rstrip("".join(_MEASURE_WORDS)))
            and word not in self.stopwords
        )

    def __eq__(self, other) -> bool:
        return isinstance(other, ContentWords) and other.stopwords == self.stopwords

    def __hash__(self) -> int:
        return hash(self.stopwords)

    def __repr__(self) -> str:
        return f"ContentWords(<{len(self.stopwords)} stopwords>)"


def _texts(texts) -> list[str]:
    """The document's own text of each of ``texts`` (raw strings or Documents): without
    the web-page chrome and the collector's header (``来源链接：https://….html``), which
    every downloaded page shares and which would make a topic of their own."""
    if isinstance(texts, (str, Document)):
        raise TypeError("pass a list of texts or Documents, not a single one")
    strings = []
    for text in texts:
        if isinstance(text, Document):
            strings.append(_without(text.text, text.boilerplate))
        elif isinstance(text, str):
            view = normalize(text).text
            strings.append(_without(view, boilerplate_spans(view)))
        else:
            raise TypeError(f"texts must be str or Documents, not {type(text).__name__}")
    return strings


def _without(text: str, boilerplate) -> str:
    """``text`` with its chrome and header lines blanked (the opening address is the document's)."""
    pieces, position = [], 0
    for start, end, kind in sorted(boilerplate):
        if kind == "opening" or start < position:
            continue
        pieces += [text[position:start], "\n"]
        position = end
    return "".join(pieces) + text[position:]


def _rows_summing_to_one(weights: np.ndarray) -> np.ndarray:
    """Each row divided by its sum; a row of zeros (no known word) becomes uniform."""
    weights = np.asarray(weights, dtype=float)
    sums = weights.sum(axis=1, keepdims=True)
    uniform = np.full_like(weights, 1.0 / weights.shape[1])
    return np.divide(weights, sums, out=uniform, where=sums > 0)


class TopicModel(TransformerMixin, BaseEstimator):
    """A topic model of government texts (scikit-learn estimator).

    Parameters:
        n_topics: number of topics.
        method: ``"lda"`` (LatentDirichletAllocation on word counts, batch learning) or
            ``"nmf"`` (NMF on tf-idf weights, ``nndsvda`` start).
        random_state: seed; two fits with the same seed and texts give the same topics.
        max_features, min_df, max_df: vocabulary limits, as in scikit-learn's
            ``CountVectorizer`` (a word must be in ``min_df`` documents at least, in no
            more than a ``max_df`` share of them, and the ``max_features`` most frequent
            words are kept).
        max_iter: iterations of the model; None means 50 for LDA and 500 for NMF.
        extra_stopwords: words to drop besides govtext's government stopwords.

    Learned attributes: ``vectorizer_`` (the fitted vectorizer), ``model_`` (the fitted
    scikit-learn model), ``terms_`` (the vocabulary, in column order of
    ``model_.components_``).

    Example:
        >>> from sklearn.base import clone
        >>> clone(TopicModel(n_topics=4, method="nmf", random_state=1)).get_params()["n_topics"]
        4
    """

    def __init__(self, n_topics=10, method="lda", random_state=None, max_features=5000, min_df=2,
                 max_df=0.95, max_iter=None, extra_stopwords=None):
        self.n_topics = n_topics
        self.method = method
        self.random_state = random_state
        self.max_features = max_features
        self.min_df = min_df
        self.max_df = max_df
        self.max_iter = max_iter
        self.extra_stopwords = extra_stopwords

    def fit(self, texts, y=None):
        """Learn the vocabulary and the topics of ``texts`` (raw strings or Documents); returns self."""
        self.fit_transform(texts)
        return self

    def fit_transform(self, texts, y=None):
        """Fit, and return the document-topic shares of ``texts`` (segmenting them only once)."""
        if self.method not in METHODS:
            raise ValueError(f"method must be one of {', '.join(METHODS)}, not {self.method!r}")
        stopwords = government_stopwords() | frozenset(self.extra_stopwords or ())
        vectorizer_class = CountVectorizer if self.method == "lda" else TfidfVectorizer
        vectorizer = vectorizer_class(analyzer=ContentWords(stopwords), max_features=self.max_features,
                                      min_df=self.min_df, max_df=self.max_df)
        matrix = vectorizer.fit_transform(_texts(texts))
        max_iter = self.max_iter or _DEFAULT_MAX_ITER[self.method]
        if self.method == "lda":
            model = LatentDirichletAllocation(n_components=self.n_topics, learning_method="batch",
                                              max_iter=max_iter, random_state=self.random_state)
        else:
            model = NMF(n_components=self.n_topics, init="nndsvda", max_iter=max_iter,
                        random_state=self.random_state)
        weights = model.fit_transform(matrix)
        self.vectorizer_ = vectorizer
        self.model_ = model
        self.terms_ = vectorizer.get_feature_names_out()
        return _rows_summing_to_one(weights)

    def transform(self, texts):
        """Document-topic shares of ``texts``: an array of ``len(texts)`` rows that sum to 1."""
        check_is_fitted(self, "model_")
        return _rows_summing_to_one(self.model_.transform(self.vectorizer_.transform(_texts(texts))))

    def top_terms(self, n=10) -> list[list[str]]:
        """The ``n`` heaviest words of each topic, heaviest first (one list per topic)."""
        check_is_fitted(self, "model_")
        order = np.argsort(-self.model_.components_, axis=1, kind="stable")[:, :n]
        return [[str(self.terms_[index]) for index in row] for row in order]

    def shares_by(self, texts_or_matrix, labels):
        """Mean topic shares per label (e.g. year or region) as a pandas DataFrame.

        ``texts_or_matrix``: texts or Documents (transformed here), or the array that
        :meth:`transform` returned; ``labels``: one label per row. The frame has one
        row per label (sorted) and the columns ``topic_0`` … ``topic_{n-1}``.
        Needs the ``pandas`` extra.
        """
        pandas = require_pandas()
        check_is_fitted(self, "model_")
        if isinstance(texts_or_matrix, np.ndarray):
            shares = texts_or_matrix
            if shares.ndim != 2 or shares.shape[1] != self.model_.n_components:
                raise ValueError(f"the matrix must have {self.model_.n_components} columns, one "
                                 f"per topic, not shape {shares.shape}")
        else:
            shares = self.transform(texts_or_matrix)
        labels = list(labels)
        if len(labels) != len(shares):
            raise ValueError(f"{len(labels)} labels for {len(shares)} documents")
        columns = [f"topic_{k}" for k in range(shares.shape[1])]
        frame = pandas.DataFrame(shares, columns=columns)
        return frame.groupby(pandas.Index(labels, name="label")).mean()
