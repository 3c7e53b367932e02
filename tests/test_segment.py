"""The tokenizer's start-up shortcuts give what the slow paths give."""

import importlib
import subprocess
import sys

# the module, which ``govtext.segment`` (the function) hides as an attribute
segment = importlib.import_module("govtext.segment")


def test_name_endings_survive_a_broken_or_stale_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(segment.tempfile, "gettempdir", lambda: str(tmp_path))
    cache = tmp_path / "govtext-name-endings.cache"
    built = segment._ending_tags.__wrapped__()
    assert built["开展"] == "v" and "活动" not in built
    assert cache.exists()
    assert segment._ending_tags.__wrapped__() == built  # read back from the cache

    cache.write_bytes(b"not marshal data")
    assert segment._ending_tags.__wrapped__() == built

    stale = segment.marshal.dumps([[0, 0, ["v"]], {"活动": "v"}])
    cache.write_bytes(stale)
    assert segment._ending_tags.__wrapped__() == built


def test_jieba_is_imported_without_pkg_resources():
    code = (
        "import sys, govtext; govtext.extract('开展协商议政活动近60场次。');"
        "print('jieba' in sys.modules, 'pkg_resources' in sys.modules)"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.split() == ["True", "False"]
