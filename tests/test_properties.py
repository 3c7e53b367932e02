"""Property tests: extract never raises on any string and every offset holds."""

from hypothesis import given, settings
from hypothesis import strategies as st

import govtext

# Characters the extractors react to, so that random text hits their rules.
_ALPHABET = st.sampled_from(
    list("0123456789０１２.,，、；;:：。!？%％～~-—―+ \n\t“”‘’\"《》()（）")
    + list("一二两三四五六七八九十百千万亿〇零年月日号季度上下半以来至今近超余多约左右以上以内")
    + list("个件次场条人名家元吨倍成分之第届周岁大项工程模式品牌即是今去明新过一十四五")
    + list("增长下降提高减少预计力争目标协商活动区政协开展")
)
_TEXT = st.one_of(st.text(), st.text(alphabet=_ALPHABET, max_size=200))


def _check_offsets(text, document):
    for kind in ("indicators", "times", "initiatives", "events"):
        for record in getattr(document, kind):
            assert 0 <= record.start <= record.end <= len(text)
            assert text[record.start : record.end] == record.text
            assert record.rule, (kind, record)  # every record names the rule that made it


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_extract_never_raises_and_offsets_hold(text):
    _check_offsets(text, govtext.extract(text))


@settings(max_examples=100, deadline=None)
@given(_TEXT, st.integers(min_value=1949, max_value=2100))
def test_extract_with_a_year_never_raises(text, year):
    document = govtext.extract(text, year=year)
    _check_offsets(text, document)
    assert document.to_dict()["reference_date"] == str(year)


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_sentences_cover_their_text(text):
    for sentence in govtext.segment(text):
        assert text[sentence.start : sentence.end] == sentence.text
        for token in sentence.tokens:
            assert sentence.start <= token.start < token.end <= sentence.end
            assert text[token.start : token.end] == token.text
