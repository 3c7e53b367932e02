"""Events: who did what, when and where; the timeline of many documents."""

import pytest

import govtext
from govtext.timeline import granularity, timeline

SEED_EVENTS = {
    "5月11日": ("2024-05-11", ["区政协党组书记、主席郑政平"], ["深圳市光明区", "合肥市长丰县"], "带队前往"),
    "7月11日": ("2024-07-11", ["区政协常委会"], [], "开展专题协商"),
    "9月以来": ("2024-09/", ["民主监督小组"], [], "组织开展实地考察"),
    "11月": ("2024-11", [], ["牛塘镇"], "揭牌投用"),
}


def test_seed_events_have_actors_places_and_actions(corpus):
    text = (corpus / "docs" / "seed-wujin-cppcc-2024.txt").read_text(encoding="utf-8")
    document = govtext.extract(text)
    found = {e.text: e for e in document.events}
    assert set(found) == set(SEED_EVENTS)
    for time, (value, actors, places, action) in SEED_EVENTS.items():
        event = found[time]
        assert event.value == value
        assert [a.text for a in event.actors] == actors
        assert [p.text for p in event.places] == places
        assert action in event.action.text
        for mention in (event.action, *event.actors, *event.places):
            assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    "text,actors,places",
    [
        ("3月8日，县政府召开优化营商环境大会。", ["县政府"], []),
        ("6月2日，市委书记、市长张三率队赴杭州市、宁波市考察。", ["市委书记、市长张三"], ["杭州市", "宁波市"]),
        ("10月，省政协调研组在某某县开展专题调研。", ["省政协调研组"], ["某某县"]),
        # news: a name before its title, a region without its suffix, one record per place
        ("2023年4月，习近平总书记在湛江考察调研。", ["习近平总书记"], ["湛江"]),
        ("5月9日，李强总理到福建宁德考察。", ["李强总理"], ["福建宁德"]),
        ("9月20日，全市招商引资推进会在绍兴召开。", [], ["绍兴"]),
        ("7月3日，市长带队到深圳市学习考察。", ["市长"], ["深圳市"]),
        ("4月12日，习近平总书记亲临海南，到三亚看望科研人员。", ["习近平总书记"], ["海南", "三亚"]),
        # a part of the day before the actors; a title followed by a word of going has no name
        ("8月18日上午，市政协主席李明在福州会见外宾。", ["市政协主席李明"], ["福州"]),
        ("10月9日下午，市长到鼓楼区调研。", ["市长"], ["鼓楼区"]),
        ("6月2日，区政协党组书记、主席王华带队到南京市、苏州市学习考察。", ["区政协党组书记、主席王华"], ["南京市", "苏州市"]),
        # a meeting's name is not its actor; a delegation to a session is one body
        ("9月10日，全省政协工作会议在福州召开。", [], ["福州"]),
        ("3月5日下午，十三届全国人大二次会议福建代表团在驻地举行全体会议。", ["十三届全国人大二次会议福建代表团"], []),
        ("11月6日，习近平总书记亲临福建考察并出席全国运动会开幕式。", ["习近平总书记"], ["福建"]),
    ],
)
def test_event_parts(text, actors, places):
    event = govtext.extract(text, year=2025).events[0]
    assert [a.text for a in event.actors] == actors
    assert [p.text for p in event.places] == places
    assert event.action is not None


def test_frames_are_not_events():
    document = govtext.extract("2024年，区政协始终确保与区委同心同向。过去一年，我们攻坚克难。", year=2025)
    assert document.events == ()


@pytest.mark.parametrize(
    "value,expected",
    [("2024-05-11", "day"), ("2024-11", "month"), ("2024-Q1", "quarter"), ("2024-H1", "half"),
     ("2024", "year"), ("2024-09/", "period"), ("2021/2025", "period")],
)
def test_granularity(value, expected):
    assert granularity(value) == expected


def test_timeline_orders_events_of_many_documents():
    first = govtext.extract("7月11日，区政协常委会开展专题协商。", doc_id="b", year=2024)
    second = govtext.extract("5月11日，区政协主席带队前往深圳市考察。", doc_id="a", year=2024)
    frame = timeline([first, second])
    assert frame["doc_id"].tolist() == ["a", "b"]
    assert frame["date"].tolist() == ["2024-05-11", "2024-07-11"]
    assert frame.loc[0, "sentence"] == "5月11日，区政协主席带队前往深圳市考察。"


def test_a_meetings_name_is_not_an_event():
    document = govtext.extract("8月5日，2025年全市上半年经济运行分析会在惠州召开。", year=2025)
    assert [e.text for e in document.events] == ["8月5日"]
    assert [p.text for p in document.events[0].places] == ["惠州"]


def test_an_event_after_a_restated_day_has_its_actor():
    document = govtext.extract("昨日（14日），市政协主席马卫光带队到萧山区调研。", date="2022-04-15")
    event = document.events[0]
    assert (event.text, event.value) == ("昨日", "2022-04-14")
    assert [a.text for a in event.actors] == ["市政协主席马卫光"]
    assert [p.text for p in event.places] == ["萧山区"]


def test_a_restated_day_with_a_part_of_the_day_keeps_the_event():
    document = govtext.extract("前天（13日）下午，省长王伟中在佛山召开座谈会。", date="2022-04-15")
    assert [(t.text, t.value, t.event) for t in document.times] == [
        ("前天", "2022-04-13", True), ("13日", "2022-04-13", False)]
    event = document.events[0]
    assert [a.text for a in event.actors] == ["省长王伟中"]
    assert [p.text for p in event.places] == ["佛山"]
    assert event.action.text.startswith("召开座谈会")
