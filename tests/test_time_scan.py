"""The times extractor's fast scan finds what ``finditer`` of its pattern finds."""

import importlib

from hypothesis import given, settings
from hypothesis import strategies as st

times = importlib.import_module("govtext.extractors.times")

# the characters of times and of what stands around them, so that every alternative,
# its lookbehinds and the windows at the ends of the text occur
_ALPHABET = st.sampled_from(
    list("0123456789〇零○一二两三四五六七八九十百千万年月日号份度季旬底末初半上中下前后来以起至今到")
    + list("去明本当这近最过未新的整全春节世纪代期间内起之从自在于者将接第个提数几")
    + list("十四五三普法规划计划时期“”\"‘’,，。;；:：、-—–~/. \n和与及天昨周")
)


def _spans(matches):
    return [(m.span(), m.groupdict()) for m in matches]


def _check(text):
    _, _, pattern, _, starts = times._lexicon()
    assert _spans(times._scan(pattern, starts, text)) == _spans(pattern.finditer(text))


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_scan_finds_what_finditer_finds(text):
    _check(text)


def test_scan_finds_what_finditer_finds_in_report_sentences():
    times._openings().clear()
    # the same characters after one that a lookbehind refuses (年) and one it takes (者)
    for text in ("去年29日，记者29日获悉", "98年3月在98年3月",
                 "2023年12月至2024年2月，“十四五”时期，今年1-5月以来，近三年",
                 "2010-01-29、2019/04/19，在98年，1—6月，前五个月，年底前，29日，上世纪80年代",
                 "年初确定的目标，本月10日，“八五”普法，10年来，2016—2018年，2007年与2009年之间"):
        _check(text)
        _check(text)  # from the kept answers
