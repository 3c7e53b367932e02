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


_FORMULA_TEXT = st.text(alphabet=st.sampled_from(list("“”‘’\"是即指为就1233a,;。\n平台体系")), max_size=40)


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(["1", "3", "", "a1", "是", "”"]), _FORMULA_TEXT)
def test_a_formula_part_is_defined_where_its_quoted_definition_first_stands(part, text):
    import importlib

    import regex

    initiatives = importlib.import_module("govtext.extractors.initiatives")
    defines = initiatives._DEFINES
    # the part in quotes, a defining word and what follows up to the next part's definition
    quoted = regex.compile(
        rf"[“‘\"]{regex.escape(part)}[”’\"]{defines}(?P<definition>.+?)"
        rf"(?=[,;。\n]?[“‘\"][^”’\"]{{1,3}}[”’\"]{defines}|[。;\n]|$)"
    ).search(text)
    found = initiatives._definition_of(part, text)
    assert (found and (found.group("definition"), found.end())) == (
        quoted and (quoted.group("definition"), quoted.end()))


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_sentences_cover_their_text(text):
    for sentence in govtext.segment(text):
        assert text[sentence.start : sentence.end] == sentence.text
        for token in sentence.tokens:
            assert sentence.start <= token.start < token.end <= sentence.end
            assert text[token.start : token.end] == token.text


_MAGNITUDES = {"万": 10_000, "亿": 100_000_000}
_CHINESE_DIGITS = "一二三四五六七八九"


@settings(max_examples=60, deadline=None)
@given(st.decimals(min_value="0.1", max_value="99.9", places=1), st.sampled_from(["-", "负"]))
def test_a_signed_rate_keeps_its_sign(number, sign):
    text = f"全市地区生产总值增速{sign}{number}%，与全省持平。"
    (indicator,) = govtext.extract(text, year=2020).indicators
    assert indicator.value == -number
    assert indicator.text == f"{sign}{number}%"


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 998), st.data(), st.sampled_from(sorted(_MAGNITUDES)), st.booleans())
def test_a_magnitude_written_once_applies_to_both_ends(low, data, magnitude, unit_on_both_ends):
    """3—5万人 and 5000亿元至6000亿元: one range, both ends scaled."""
    high = data.draw(st.integers(low + 1, 999))
    first = f"{low}{magnitude}元至" if unit_on_both_ends else f"{low}—"
    (indicator,) = govtext.extract(f"项目总投资{first}{high}{magnitude}元。", year=2024).indicators
    scale = _MAGNITUDES[magnitude]
    assert (indicator.value, indicator.value_max) == (low * scale, high * scale)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 8), st.data())
def test_a_chinese_range_shares_the_magnitude_of_its_high_end(low, data):
    """两到三万元 is 20000 to 30000, not 2 to 30000."""
    high = data.draw(st.integers(low + 1, 9))
    text = f"人均增收{_CHINESE_DIGITS[low - 1]}到{_CHINESE_DIGITS[high - 1]}万元。"
    (indicator,) = govtext.extract(text, year=2024).indicators
    assert (indicator.value, indicator.value_max) == (low * 10_000, high * 10_000)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 9), st.data())
def test_a_low_end_that_would_pass_the_high_end_stays_as_written(high, data):
    """从8500到3万元: 8500 (8500万 would pass 3万), value_max 30000."""
    low = data.draw(st.integers(high + 1, high * 10_000 - 1))
    (indicator,) = govtext.extract(f"奖补标准从{low}到{high}万元不等。", year=2024).indicators
    assert (indicator.value, indicator.value_max) == (low, high * 10_000)


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


def _written(number: int, digits: str) -> str:
    """``number`` (below 1e12) written with its places, as a Chinese numeral or with
    Arabic digits between the places (``digits`` gives 0 to 9): 54603 is 五万四千六百零三
    or 5万4千6百零3; a gap before a digit is one 零."""
    text, pending_zero = "", False
    for section, section_place in ((number // 10**8, "亿"), (number // 10**4 % 10**4, "万"), (number % 10**4, "")):
        if not section:
            pending_zero = pending_zero or bool(text)
            continue
        for place_value, place in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = section // place_value % 10
            if digit:
                text += ("零" if pending_zero else "") + digits[digit] + place
                pending_zero = False
            elif text:
                pending_zero = True
        text += section_place
    return text


@settings(max_examples=80, deadline=None)
@given(st.integers(11, 99_999_999).filter(lambda n: len(str(n).strip("0")) > 1))
def test_arabic_digits_between_places_read_as_the_chinese_numeral(number):
    """5万4千6百元 is 五万四千六百元: the same places, the same value."""
    for digits in ("0123456789", "零一二三四五六七八九"):
        (indicator,) = govtext.extract(f"项目投资{_written(number, digits)}元。", year=2024).indicators
        assert indicator.value == number, (_written(number, digits), indicator)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 9999), st.integers(10**8, 10**12 - 1))
def test_zhao_above_an_yi_section_is_ten_to_the_twelfth(upper, lower):
    """四十九兆九千五百九十二亿元: 兆 is the place above 亿, the numeral read whole."""
    chinese = "零一二三四五六七八九"
    lower_written = ("零" if lower < 10**11 else "") + _written(lower, chinese)
    text = f"预算总额为{_written(upper, chinese)}兆{lower_written}元。"
    (indicator,) = govtext.extract(text, year=2024).indicators
    assert indicator.value == upper * 10**12 + lower, (text, indicator)
