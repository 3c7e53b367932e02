"""Hostile input costs linear time: each text below takes at most 10 times as long
as ordinary report text of the same size (a generous bound, not a benchmark)."""

import time

import pytest

import govtext

# ordinary report text of our own writing, repeated to the size of each hostile text
ORDINARY = (
    "一、2025年工作回顾\n过去一年，全县地区生产总值增长5.6%，一般公共预算收入达到12.4亿元，"
    "城镇新增就业3200人以上。3月8日，县政府召开优化营商环境大会；9月以来，组织开展“暖心帮办”"
    "专项行动，走访企业300余家，收集意见建议150余条，办结率、满意率均为100%。"
    "我们坚持以人民为中心的发展思想，统筹发展和安全，深化改革开放，推动经济实现质的有效提升和量的合理增长，"
    "持续保障和改善民生，加强生态环境保护，全面加强政府自身建设，各项事业取得新进展新成效。\n"
)
HOSTILE = {
    "5 MB on one line": lambda: (ORDINARY.replace("\n", "") * 40_000)[:5_000_000],
    "1 MB of digits": lambda: "1234567890" * 100_000,
    "100,000 nested quotes": lambda: "“" * 100_000 + "‘" * 100_000 + "’" * 100_000 + "”" * 100_000,
    "100,000 unmatched quotes": lambda: "“政协" * 100_000,
    "200,000 listed items": lambda: "、".join(["凝心铸魂"] * 200_000) + "“四大工程”",
    # issue 14: each of these once read an unbounded window (85-280 times ordinary text)
    "120,000 characters without clause marks": lambda: (_without(ORDINARY, "，。、；：\n") * 500)[:120_000],
    "120,000 characters of Chinese without punctuation": lambda: (_han_only(ORDINARY) * 500)[:120_000],
    "2,000 percentages in a row": lambda: "5%" * 2000,
    "2,000 quoted phrases in a chain": lambda: "“甲乙”，" * 2000,
    "2,000 quoted formulas in a chain": lambda: "“1+3+N”" * 2000,
    "a numeral of 538 magnitude words": lambda: "一" + "亿" * 538 + "个",
    "a numeral of 50,000 magnitude words": lambda: "一" + "亿" * 50_000 + "个",
    "5,000 digits of money": lambda: "9" * 5000 + "亿元",
    # other pathological forms
    "5,000 numbers listed with 、": lambda: "、".join(["12个"] * 5000),
    "5,000 plus signs": lambda: "+".join(["1"] * 5000),
    "1,000 一是…二是… pairs": lambda: "一是加强管理，二是推进改革，" * 1000,
    "10,000 percent signs": lambda: "%" * 10_000,
    "26,000 Chinese numerals on one line": lambda: "一二三四五六七八九十百千万" * 2000,
    "10,000 empty quotes": lambda: "“”" * 10_000,
    "10,000 dashes": lambda: "——" * 10_000,
    "5,000 dash-led lines": lambda: "\n——经济运行回升向好" * 5000,
    "3,000 names sharing one value": lambda: "、".join(["收入"] * 3000) + "均增长5%",
    "3,000 values distributed over two names": lambda: "甲、乙分别增长" + "5%、" * 3000,
}


def _without(text: str, marks: str) -> str:
    return text.translate({ord(mark): None for mark in marks})


def _han_only(text: str) -> str:
    return "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")


def _seconds(text: str) -> float:
    # processor time, best of three: other processes on a loaded machine do not count
    times = []
    for _ in range(3):
        start = time.process_time()
        govtext.extract(text)
        times.append(time.process_time() - start)
    return min(times)


@pytest.fixture(scope="module")
def warm():
    govtext.extract(ORDINARY)  # the tokenizer and lexicons load once, outside the timings


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_text_costs_linear_time(warm, name):
    text = HOSTILE[name]()
    ordinary = (ORDINARY * (len(text) // len(ORDINARY) + 1))[: len(text)]
    assert _seconds(text) <= 10 * max(_seconds(ordinary), 0.05), name
