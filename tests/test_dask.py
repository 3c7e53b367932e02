"""The Dask engine: a local cluster of two workers gives the local run's output, failures included."""

import doctest
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govtext import cli
from govtext.cli import main
from govtext.errors import GovtextError

HAS_DASK = all(importlib.util.find_spec(name) is not None for name in ("dask", "distributed"))
needs_dask = pytest.mark.skipif(
    not HAS_DASK, reason="dask and distributed are not installed (pip install 'govtext[dask]' or '.[test]')")

# two single-threaded worker processes on 127.0.0.1 only, no dashboard (the scheduler's
# HTTP server for health checks on a free port, not on 8787, which another cluster may hold)
LOCAL_CLUSTER = {"n_workers": 2, "threads_per_worker": 1, "processes": True, "host": "127.0.0.1",
                 "dashboard_address": None, "scheduler_kwargs": {"dashboard_address": "127.0.0.1:0"}}

# Texts of our own writing, in the styles of the corpus: a work report, a CPPCC
# review, a news item in GBK, an HTML page, a file whose name gives year and region.
TEXTS = {
    "county-2025.txt": "政府工作报告\n2025年1月8日在县第十八届人民代表大会第五次会议上\n"
                       "一、2024年工作回顾\n过去一年，全县地区生产总值增长5.6%，一般公共预算收入达到12.4亿元，"
                       "城镇新增就业3200人以上。3月8日，县政府召开优化营商环境大会。\n"
                       "二、2025年主要目标\n地区生产总值增长5.5%左右，居民消费价格涨幅3%左右。\n",
    "cppcc/review.md": "区政协2024年履职答卷\n全年开展协商议政活动近60场次，报送各类履职成果46件，"
                       "答复率、满意率均为100%。深入实施“四大工程”：凝心铸魂、双链融合、同行聚力、清风护航。\n",
    "news/2025-07-23.html": "<html><title>网站</title><p>发布日期：2025-07-23</p>"
                            "<p>7月22日，市政协召开“1+3+N”协商新模式推进会，走访企业300余家。</p></html>",
    "2024年苏州市政府工作报告.txt": "报送履职成果46件，办结率达到98%。",
}
GBK_TEXT = "9月以来，组织开展“暖心帮办”专项行动，收集意见建议150余条。"


def write_folder(root: Path) -> Path:
    """The texts above plus the kinds of file the run must report, not lose."""
    for name, text in TEXTS.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "news" / "gbk.txt").write_bytes(GBK_TEXT.encode("gbk"))
    (root / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (root / "empty.txt").write_bytes(b"")
    (root / "x.txt").mkdir()  # a folder named like a document
    return root


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def outputs(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def cluster():
    """A client of a local cluster of two workers, for the module's tests."""
    if not HAS_DASK:
        pytest.skip("dask and distributed are not installed (pip install 'govtext[dask]' or '.[test]')")
    from distributed import Client, LocalCluster

    with LocalCluster(**LOCAL_CLUSTER) as local_cluster, Client(local_cluster) as client:
        yield client


@pytest.fixture(scope="module")
def local_run(tmp_path_factory):
    """The folder and the output of the local engine over it (one process)."""
    root = tmp_path_factory.mktemp("dask")
    inputs = write_folder(root / "in")
    status = main(["extract", str(inputs), "-o", str(root / "local"), "--jobs", "1", "--quiet"])
    assert status == 1  # the three broken files
    return inputs, root / "local"


@needs_dask
def test_cli_on_a_running_cluster_writes_the_local_runs_output(cluster, local_run, tmp_path, capsys):
    inputs, local = local_run
    status = main(["extract", str(inputs), "-o", str(tmp_path / "dask"), "--engine", "dask",
                   "--scheduler", cluster.scheduler.address])
    err = capsys.readouterr().err
    assert status == 1
    assert outputs(tmp_path / "dask") == outputs(local)
    assert [e["stage"] for e in jsonl(tmp_path / "dask" / "errors.jsonl")] == ["read"] * 3
    assert err.count("govtext: failed: ") == 3 and err.rstrip().endswith("3 failed")


@needs_dask
def test_cli_starts_its_own_local_cluster(local_run, tmp_path):
    inputs, local = local_run
    # a fresh process, as a user runs it: the cluster is started and stopped by the command
    command = [sys.executable, "-m", "govtext.cli", "extract", str(inputs), "-o", str(tmp_path / "dask"),
               "--engine", "dask", "--jobs", "2", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert outputs(tmp_path / "dask") == outputs(local)


@needs_dask
def test_extract_bag_holds_the_documents_of_the_local_run(cluster, local_run):
    from govtext.dask import extract_bag, outcome_bag

    inputs, local = local_run
    assert extract_bag([inputs], errors="skip").compute() == jsonl(local / "documents.jsonl")
    failures = [o.error() for o in outcome_bag([inputs]).compute() if o.failed]
    assert failures == jsonl(local / "errors.jsonl")
    with pytest.raises(GovtextError, match=r"(binary|empty|x)\.txt: read: "):  # whichever fails first
        extract_bag([inputs]).compute()


@needs_dask
def test_a_file_that_kills_its_worker_is_reported_and_the_rest_kept(tmp_path, capsys):
    import dask
    from distributed import Client, LocalCluster, WorkerPlugin

    class CrashOnMarker(WorkerPlugin):
        """Makes a worker die, as on running out of memory, when a file holds CRASH."""

        def setup(self, worker):
            from govtext import reader

            original = reader.document_text

            def crash_on_marker(data, suffix):
                if b"CRASH" in data:
                    os._exit(1)
                return original(data, suffix)

            reader.document_text = crash_on_marker

    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(6):
        (inputs / f"{n}.txt").write_text(f"第{n}号：城镇新增就业{n + 1}00人。", encoding="utf-8")
    (inputs / "3.txt").write_text("CRASH", encoding="utf-8")
    # Dask retries a task whose worker died; no retries keep the test short
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            LocalCluster(**LOCAL_CLUSTER) as local_cluster, Client(local_cluster) as client:
        client.register_plugin(CrashOnMarker())
        status = main(["extract", str(inputs), "-o", str(tmp_path / "out"), "--engine", "dask",
                       "--scheduler", local_cluster.scheduler_address, "--quiet"])
    assert status == 1
    [error] = jsonl(tmp_path / "out" / "errors.jsonl")
    assert (Path(error["path"]).name, error["stage"]) == ("3.txt", "worker")
    assert [Path(d["path"]).name for d in jsonl(tmp_path / "out" / "documents.jsonl")] == [
        "0.txt", "1.txt", "2.txt", "4.txt", "5.txt"]
    assert "3.txt: worker: " in capsys.readouterr().err


@needs_dask
def test_docstring_examples_run_with_dask():
    # the examples are marked to skip for the docstring tests, which run without dask too
    import govtext.dask

    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in doctest.DocTestFinder().find(govtext.dask):
        for example in test.examples:
            example.options.pop(doctest.SKIP, None)
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_import_and_help_do_not_load_dask():
    code = ("import sys\nimport govtext\nfrom govtext.cli import main\ntry:\n    main(['extract', '--help'])\n"
            "except SystemExit:\n    pass\nprint(sorted({'dask', 'distributed'} & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().endswith("[]")


def test_dask_engine_without_dask_is_named(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text("报送履职成果46件。", encoding="utf-8")
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: None if name in ("dask", "distributed") else find_spec(name, *args))
    assert main(["extract", str(tmp_path), "-o", str(tmp_path / "out"), "--engine", "dask"]) == 2
    assert "pip install 'govtext[dask]'" in capsys.readouterr().err


def test_scheduler_needs_the_dask_engine(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("报送履职成果46件。", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        cli.parse_args(["extract", str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786"])
    assert exit_info.value.code == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err
