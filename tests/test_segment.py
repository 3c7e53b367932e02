"""The tokenizer's start-up shortcuts give what the slow paths give."""

import importlib
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

# the module, which ``govtext.segment`` (the function) hides as an attribute
segment = importlib.import_module("govtext.segment")


def test_name_endings_survive_a_broken_or_stale_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVTEXT_CACHE_DIR", str(tmp_path))
    cache = tmp_path / "name-endings.cache"
    built = segment._dictionary_tags.__wrapped__()
    tags, idioms = built
    assert tags["开展"] == "v" and "活动" not in tags
    assert "一马当先" in idioms and "开展" not in idioms
    assert cache.exists()
    assert segment._dictionary_tags.__wrapped__() == built  # read back from the cache

    cache.write_bytes(b"not marshal data")
    assert segment._dictionary_tags.__wrapped__() == built

    stale = segment.marshal.dumps([[0, 0, ["v"]], {"活动": "v"}])
    cache.write_bytes(stale)
    assert segment._dictionary_tags.__wrapped__() == built

    # a cache of the time before idioms were kept is remade, not misread
    cache.write_bytes(segment.marshal.dumps([[0, 0, ["v"]], {"活动": "v"}, []]))
    assert segment._dictionary_tags.__wrapped__() == built


def test_other_tags_survive_a_broken_or_stale_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVTEXT_CACHE_DIR", str(tmp_path))
    cache = tmp_path / "other-tags.cache"
    built = segment._other_tags.__wrapped__()
    assert "正式" in built and "系统" not in built and "开展" not in built
    assert cache.exists()
    assert segment._other_tags.__wrapped__() == built  # read back from the cache
    key, _ = segment.marshal.loads(cache.read_bytes())
    for broken in (b"not marshal data", segment.marshal.dumps([[0, 0], {"系统": "n"}]), segment.marshal.dumps(key),
                   segment.marshal.dumps([key, {"正式": 1}]), segment.marshal.dumps([key, ["正式"]])):
        cache.write_bytes(broken)
        assert segment._other_tags.__wrapped__() == built


def test_the_caches_are_the_users_not_the_shared_temporary_folder(tmp_path, monkeypatch):
    import os
    import tempfile

    from govtext.cache import cache_dir

    monkeypatch.delenv("GOVTEXT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == str(tmp_path / "xdg" / "govtext")
    assert os.stat(cache_dir()).st_mode & 0o077 == 0  # private to the user
    assert not cache_dir().startswith(tempfile.gettempdir() + os.sep + "govtext")
    monkeypatch.setenv("GOVTEXT_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == str(tmp_path / "mine")
    # a fresh process writes jieba's cache and govtext's there
    env = {**os.environ, "GOVTEXT_CACHE_DIR": str(tmp_path / "fresh")}
    subprocess.run([sys.executable, "-c", "import govtext; govtext.extract('开展协商议政活动近60场次。')"],
                   env=env, check=True, capture_output=True)
    assert sorted(p.name for p in (tmp_path / "fresh").iterdir()) == ["jieba.cache", "name-endings.cache"]


def test_jieba_is_imported_without_pkg_resources():
    code = (
        "import sys, govtext; govtext.extract('开展协商议政活动近60场次。');"
        "print('jieba' in sys.modules, 'pkg_resources' in sys.modules)"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.split() == ["True", "False"]


# characters of jieba's blocks and of what splits them, with words of its dictionary
# and of the domain lexicon, so that routes, ties and the HMM's unknown runs all occur
_CUT_ALPHABET = st.sampled_from(
    list("的一是在不了有和人这中大为上个国以要时来用们生到作地于出就分对成会可主发年动同工也能下过子")
    + list("说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体")
    + list("协商议政活动近场次新质生产力城乡居民收入增长率昕骅犇")
    + list("0123456789%.-+#&_abcXYZ ，、“”()（）《》：；！？\n\t\r　")
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(alphabet=_CUT_ALPHABET, max_size=60), st.text(max_size=30)))
def test_cut_gives_what_jieba_gives(text):
    assert segment.cut(text) == segment.tokenizer().lcut(text)


def test_cut_gives_what_jieba_gives_on_report_sentences():
    sentences = ["开展协商议政活动近60场次，报送各类履职成果46件。",
                 "全市地区生产总值增长5.2%左右，城乡居民人均可支配收入分别增长4.8%、6.9%。",
                 "新质生产力加快发展，“1+3+N”政策体系不断完善，2024年12月31日前完成。",
                 "雄安新区和粤港澳大湾区建设取得新进展 ， 犇骉骉犇 ABC-123_x。"]
    for sentence in sentences:
        assert segment.cut(sentence) == segment.tokenizer().lcut(sentence)


def test_cut_breaks_ties_as_jieba_does():
    # 甲乙 as one word scores log(1/4); as 甲|乙, 2·log(2/4): the same float, and jieba
    # takes the longer word
    import jieba

    own = jieba.Tokenizer()
    own.FREQ, own.total, own.initialized = {"甲": 2, "乙": 2, "甲乙": 1, "丙": 2}, 4, True
    for text in ("甲乙", "丙甲乙", "甲乙甲乙丙"):
        tokens: list[str] = []
        segment._cut_block(own, text, tokens)
        assert tokens == own.lcut(text)
    assert own.lcut("甲乙") == ["甲乙"]
