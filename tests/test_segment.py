"""The tokenizer's start-up shortcuts give what the slow paths give."""

import importlib
import subprocess
import sys

# the module, which ``govtext.segment`` (the function) hides as an attribute
segment = importlib.import_module("govtext.segment")


def test_name_endings_survive_a_broken_or_stale_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVTEXT_CACHE_DIR", str(tmp_path))
    cache = tmp_path / "name-endings.cache"
    built = segment._ending_tags.__wrapped__()
    assert built["开展"] == "v" and "活动" not in built
    assert cache.exists()
    assert segment._ending_tags.__wrapped__() == built  # read back from the cache

    cache.write_bytes(b"not marshal data")
    assert segment._ending_tags.__wrapped__() == built

    stale = segment.marshal.dumps([[0, 0, ["v"]], {"活动": "v"}])
    cache.write_bytes(stale)
    assert segment._ending_tags.__wrapped__() == built


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
