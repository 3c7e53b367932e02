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
    for kind in ("indicators", "times", "initiatives"):
        for record in getattr(document, kind):
            assert 0 <= record.start <= record.end <= len(text)
            assert text[record.start : record.end] == record.text


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


# Sentences of the shape the name chunker reads: words before the name, the name (a
# run of nouns), a link or direction word, and a quantity.
_BEFORE = st.sampled_from(["", "全年", "今年", "累计", "其中", "开展", "新开工", "2023年", "一季度", "全市"])
_NOUNS = st.lists(
    st.sampled_from(["研发", "强度", "地区", "生产总值", "社会", "消费品", "零售总额", "固定资产",
                     "城镇", "居民", "项目", "企业", "标准厂房", "高标准农田", "贷款", "余额"]),
    min_size=1, max_size=4,
)
_LINKS = ["", "达到", "增长", "提高到", "为", "比上年增长", "同比增长", "稳定在", "累计达", "预计达到"]
_QUANTITIES = st.sampled_from(["5.2%", "3个百分点", "120亿元", "1.5万吨", "46万平方米"])


@settings(max_examples=200, deadline=None)
@given(_BEFORE, _NOUNS, st.sampled_from(_LINKS), _QUANTITIES)
def test_a_name_is_the_noun_phrase_before_its_quantity(before, nouns, link, quantity):
    """The name ends with the last noun before the quantity: never with a link, a
    direction word, a number or a time, and it never starts with one."""
    phrase = "".join(nouns)
    text = f"{before}{phrase}{link}{quantity}。"
    found = govtext.extract(text, year=2024).indicators
    assert [i.text for i in found] == [quantity]
    name = found[0].name
    assert name is not None and name in text
    assert name.endswith(nouns[-1])
    assert not any(name.endswith(word) or name.startswith(word) for word in _LINKS if word)
    assert not any(character.isdigit() for character in name)
    assert not name.startswith(("全年", "今年", "累计", "其中", "开展", "新开工", "一季度"))
