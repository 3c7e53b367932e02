#!/usr/bin/env python
"""Speed, start-up, memory and scaling of govtext over a folder of texts, in one run.

    python benchmarks/bench.py [FOLDER] [--json OUT] [--repeats N] [--dask] [--copies K]

FOLDER (or ``--folder``) defaults to ``../shared/corpus/docs`` beside the
repository. The run reports:

- characters per second of ``jieba.lcut`` (default dictionary, HMM on),
  ``jieba.posseg.lcut``, ``govtext.segment`` and ``govtext.extract`` over the
  same texts: processor time, the functions taking turns text by text, the best
  of ``--repeats`` passes after one warm-up pass;
- the ratio of ``extract`` time to ``jieba.lcut`` time;
- ``import govtext`` time and ``govtext --help`` wall time (fresh processes,
  median of several), first-call latency (a fresh process: import and the
  first ``extract`` of a short text) and the peak resident memory of a fresh
  process that extracts the whole folder (``ru_maxrss``);
- the wall time of ``govtext extract FOLDER -o TMP --quiet`` with ``--jobs 1``
  and ``--jobs 2`` (and ``--engine dask --jobs 2`` with ``--dask``), the
  speed-up, and the peak memory of the main process and of each worker (their
  ``VmHWM``, read from /proc during one more, untimed run); with ``--copies K`` the
  same over K copies of the folder, where the fixed costs of a run weigh less.

It prints a table and writes every figure, the targets of issue 9 and the
machine (processors, CPU model, Python and jieba versions, load average before
and after: other work on the machine slows the figures down) as JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = REPOSITORY.parent / "shared" / "corpus" / "docs"
DEFAULT_JSON = REPOSITORY / "benchmarks" / "results.json"
SHORT_TEXT = "5月11日，区政协开展协商议政活动近60场次，报送各类履职成果46件。"
# fresh processes are cheap, so start-up figures take the median of more runs than the passes
STARTUP_RUNS = 7
# how often the process tree of a CLI run is sampled for its memory
MEMORY_POLL_SECONDS = 0.05

# issue 9's targets: (figure, comparison, bound, description)
TARGETS = [
    ("extract_to_lcut_ratio", "<=", 1.0, "extract time / jieba.lcut time"),
    ("import_seconds", "<", 0.3, "import govtext (s)"),
    ("help_seconds", "<", 0.5, "govtext --help wall time (s)"),
    ("cli_speedup_jobs2", ">=", 1.7, "--jobs 2 speed-up over --jobs 1"),
    ("cli_worker_peak_mb", "<", 300, "peak memory per worker (MB)"),
]


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder_arg", nargs="?", metavar="FOLDER",
                        help=f"folder of texts (default: {DEFAULT_FOLDER})")
    parser.add_argument("--folder", help="folder of texts (the same as FOLDER)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, metavar="OUT",
                        help="where the JSON goes (default: benchmarks/results.json)")
    parser.add_argument("--repeats", type=int, default=3, metavar="N",
                        help="timed passes of each throughput and CLI measure; the best counts (default: 3)")
    parser.add_argument("--dask", action="store_true",
                        help="also time the CLI with --engine dask --jobs 2 (needs govtext[dask])")
    parser.add_argument("--copies", type=int, default=0, metavar="K",
                        help="also time --jobs 1 and --jobs 2 over K copies of the folder, where the fixed "
                             "costs of a run weigh less (default: 0, not run)")
    args = parser.parse_args(argv)
    if args.folder and args.folder_arg and args.folder != args.folder_arg:
        parser.error("give the folder once, as FOLDER or as --folder")
    args.folder = Path(args.folder or args.folder_arg or DEFAULT_FOLDER)
    if not args.folder.is_dir():
        parser.error(f"no such folder: {args.folder}")
    if args.repeats < 1:
        parser.error("--repeats must be 1 or more")
    return args


# ---------------------------------------------------------------- the machine


def cpu_model() -> str | None:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or None


def load_average() -> list[float] | None:
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return None


def machine() -> dict:
    import jieba

    import govtext

    processors = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPOSITORY,
                            capture_output=True, text=True).stdout.strip()
    return {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "processors": processors,
        "cpu_model": cpu_model(),
        "python": platform.python_version(),
        "jieba": jieba.__version__,
        "govtext": govtext.__version__,
        "platform": platform.platform(),
        "commit": commit or None,
        "load_average_before": load_average(),
    }


# ---------------------------------------------------------------- in this process


def read_texts(folder: Path) -> list[str]:
    from govtext.cli import collect_inputs
    from govtext.reader import read_document

    return [read_document(path) for path in collect_inputs([folder])]


def alternating_best_seconds(functions: dict, texts, repeats: int) -> dict[str, float]:
    """The processor seconds each of ``functions`` takes over ``texts``: the best of
    ``repeats`` passes, after one warm-up pass. The functions take turns text by text,
    in an order that rotates, so that a change in the machine's load falls on all of
    them alike, and processor time leaves out the time other processes take."""
    for text in texts:  # loads dictionaries, lexicons and compiled patterns outside the timings
        for function in functions.values():
            function(text)
    names = list(functions)
    best = dict.fromkeys(names, float("inf"))
    for repeat in range(repeats):
        seconds = dict.fromkeys(names, 0.0)
        for index, text in enumerate(texts):
            shift = (index + repeat) % len(names)
            for name in names[shift:] + names[:shift]:
                start = time.process_time()
                functions[name](text)
                seconds[name] += time.process_time() - start
        best = {name: min(best[name], seconds[name]) for name in names}
    return best


def throughput(texts, repeats: int) -> dict:
    import logging

    import jieba
    import jieba.posseg

    import govtext

    jieba.setLogLevel(logging.WARNING)
    characters = sum(map(len, texts))
    functions = {
        "jieba.lcut": jieba.lcut,  # the default dictionary, HMM on
        "jieba.posseg.lcut": jieba.posseg.lcut,
        "govtext.segment": govtext.segment,
        "govtext.extract": govtext.extract,
    }
    print("  timing " + ", ".join(functions) + " in turns ...", file=sys.stderr, flush=True)
    best = alternating_best_seconds(functions, texts, repeats)
    return {name: {"seconds": round(seconds, 4), "chars_per_second": round(characters / seconds)}
            for name, seconds in best.items()}


# ---------------------------------------------------------------- fresh processes


def python_output(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def median_of(runs: int, measure) -> float:
    return statistics.median(measure() for _ in range(runs))


def wall_seconds(command) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def govtext_command() -> list[str]:
    """The ``govtext`` console script of this Python, else the module."""
    script = Path(sys.executable).with_name("govtext")
    if script.exists():
        return [str(script)]
    found = shutil.which("govtext")
    return [found] if found else [sys.executable, "-m", "govtext.cli"]


IMPORT_CODE = """\
import sys, time
start = time.perf_counter()
import govtext
seconds = time.perf_counter() - start
heavy = sorted({'jieba', 'pandas', 'sklearn', 'dask', 'distributed'} & set(sys.modules))
print(seconds, ','.join(heavy))
"""

FIRST_CALL_CODE = f"""\
import time
start = time.perf_counter()
import govtext
govtext.extract({SHORT_TEXT!r})
print(time.perf_counter() - start)
"""

PEAK_MEMORY_CODE = """\
import resource, sys
import govtext
from govtext.cli import collect_inputs
from govtext.reader import read_document
for path in collect_inputs([sys.argv[1]]):
    govtext.extract(read_document(path))
high_water = None
try:
    with open("/proc/self/status") as handle:
        high_water = next(int(line.split()[1]) for line in handle if line.startswith("VmHWM:"))
except OSError:
    pass
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, high_water)  # KiB on Linux
"""


def startup() -> dict:
    imports = [python_output(IMPORT_CODE).partition(" ")[::2] for _ in range(STARTUP_RUNS)]
    loaded = sorted({name for _, names in imports for name in names.split(",") if name})
    help_command = [*govtext_command(), "--help"]
    bare_python = [sys.executable, "-c", ""]
    return {
        "python_startup_seconds": round(median_of(STARTUP_RUNS, lambda: wall_seconds(bare_python)), 4),
        "import_seconds": round(statistics.median(float(seconds) for seconds, _ in imports), 4),
        "modules_loaded_by_import": loaded,
        "help_seconds": round(median_of(STARTUP_RUNS, lambda: wall_seconds(help_command)), 4),
        "help_command": " ".join(help_command),
        "first_call_seconds": round(median_of(3, lambda: float(python_output(FIRST_CALL_CODE))), 4),
    }


def peak_memory(folder: Path) -> dict:
    """Peak resident set (MB) of a fresh process that extracts every file of ``folder``.

    Linux carries ``ru_maxrss`` over from the process that started this one, so it is
    only right while this benchmark is still small: main() measures it before the
    throughput tests load jieba here. ``VmHWM`` (this process's own memory) checks it.
    """
    result = subprocess.run([sys.executable, "-c", PEAK_MEMORY_CODE, str(folder)],
                            capture_output=True, text=True, check=True)
    maxrss, high_water = result.stdout.split()
    return {"ru_maxrss_mb": round(int(maxrss) / 1024, 1),
            "vmhwm_mb": None if high_water == "None" else round(int(high_water) / 1024, 1)}


# ---------------------------------------------------------------- the command line


def _children(pid: int) -> list[int]:
    """The child processes of ``pid`` (started by any of its threads), from /proc."""
    children = []
    try:
        for thread in os.scandir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{thread.name}/children", encoding="utf-8") as handle:
                children.extend(int(child) for child in handle.read().split())
    except OSError:  # the process or thread ended meanwhile
        pass
    return children


def _peak_kib(pid: int) -> int | None:
    """The peak resident set (VmHWM) of process ``pid`` so far, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def run_command(command, watch_memory: bool = False) -> tuple[float, int | None, list[int]]:
    """Run ``command``: its wall time and, with ``watch_memory``, the peak resident set of it and
    of each of its descendants (KiB).

    VmHWM only grows, so the last value read before a process ends is its peak up to
    the last sample: close to, and never above, the true peak. The sampling costs
    processor time, which would slow the run it watches: timed runs do not watch.
    """
    peaks: dict[int, int] = {}
    # stderr into a file, not a pipe, which would block a run with many failure lines
    errors = tempfile.TemporaryFile()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
    watch_memory = watch_memory and os.path.isdir(f"/proc/{process.pid}/task")
    while watch_memory and process.poll() is None:
        pending = [process.pid]
        while pending:
            pid = pending.pop()
            pending.extend(_children(pid))
            peak = _peak_kib(pid)
            if peak is not None:
                peaks[pid] = max(peaks.get(pid, 0), peak)
        time.sleep(MEMORY_POLL_SECONDS)
    process.wait()
    seconds = time.perf_counter() - start
    errors.seek(0)
    message = errors.read().decode("utf-8", "replace")
    errors.close()
    if process.returncode not in (0, 1):  # 1: some files failed, which the output records
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}: {message}")
    main_peak = peaks.pop(process.pid, None)
    return seconds, main_peak, list(peaks.values())


def cli_runs(folder: Path, repeats: int, configurations: dict[str, list[str]], memory: bool = True) -> dict:
    """Wall time (best of ``repeats``) of ``govtext extract FOLDER`` with each option set, and
    (with ``memory``, in one more run) the peak memory of its main process and workers."""
    figures, outputs = {}, {}
    with tempfile.TemporaryDirectory(prefix="govtext-bench-") as scratch:
        for name, options in configurations.items():
            print(f"  timing govtext extract {folder} {' '.join(options)} ...", file=sys.stderr, flush=True)
            output = Path(scratch) / name
            command = [*govtext_command(), "extract", str(folder), "-o", str(output), "--quiet", *options]
            best = min(run_command(command)[0] for _ in range(repeats))
            figures[name] = {"seconds": round(best, 3)}
            if memory:
                _, main_peak, worker_peaks = run_command(command, watch_memory=True)
                figures[name]["main_peak_mb"] = round(main_peak / 1024, 1) if main_peak else None
                # with --jobs 1 the main process does the work itself and has no workers
                figures[name]["worker_peak_mb"] = round(max(worker_peaks) / 1024, 1) if worker_peaks else None
            outputs[name] = (output / "documents.jsonl").read_bytes()
    figures["speedup_jobs2"] = round(figures["jobs1"]["seconds"] / figures["jobs2"]["seconds"], 2)
    figures["same_output"] = len(set(outputs.values())) == 1
    return figures


def scaled_cli_runs(folder: Path, copies: int, repeats: int) -> dict:
    """``--jobs 1`` and ``--jobs 2`` over ``copies`` copies of the folder (symbolic links), a bigger corpus.

    The fixed costs of a run (start-up, loading the tokenizer in each process,
    writing the tables) weigh less on a bigger folder; the speed-up there shows
    what the workers themselves gain.
    """
    from govtext.cli import collect_inputs

    files = collect_inputs([folder])
    with tempfile.TemporaryDirectory(prefix="govtext-bench-copies-") as scratch:
        for copy in range(copies):
            target = Path(scratch) / f"copy{copy}"
            target.mkdir()
            for path in files:
                (target / path.name).symlink_to(path.resolve())
        figures = cli_runs(Path(scratch), repeats, {"jobs1": ["--jobs", "1"], "jobs2": ["--jobs", "2"]},
                           memory=False)
    return {"copies": copies, "files": copies * len(files), **figures}


# ---------------------------------------------------------------- report


def summary(results: dict) -> dict:
    throughput_ = results["throughput"]
    cli = results["cli"]
    lcut = throughput_["jieba.lcut"]["seconds"]
    figures = {
        "extract_to_lcut_ratio": round(throughput_["govtext.extract"]["seconds"] / lcut, 3),
        "import_seconds": results["startup"]["import_seconds"],
        "help_seconds": results["startup"]["help_seconds"],
        "cli_speedup_jobs2": cli["speedup_jobs2"],
        "cli_worker_peak_mb": cli["jobs2"]["worker_peak_mb"],
    }
    checks = {}
    for key, comparison, bound, description in TARGETS:
        value = figures[key]
        met = None
        if value is not None:
            met = {"<": value < bound, "<=": value <= bound, ">=": value >= bound}[comparison]
        checks[key] = {"value": value, "target": f"{comparison} {bound}", "met": met, "what": description}
    return checks


def table(results: dict) -> str:
    rows = [("measure", "value", "target", "met")]
    characters = results["corpus"]["characters"]
    for name, figure in results["throughput"].items():
        rows.append((f"{name} chars/s", f"{figure['chars_per_second']:,}", "", ""))
    startup_ = results["startup"]
    rows += [
        ("python startup (s)", f"{startup_['python_startup_seconds']:.3f}", "", ""),
        ("first call: import + extract (s)", f"{startup_['first_call_seconds']:.3f}", "", ""),
        ("peak memory, whole folder in one process (MB, ru_maxrss)",
         f"{results['peak_memory']['ru_maxrss_mb']:.0f}", "", ""),
    ]
    for label, runs in (("CLI", results["cli"]), ("CLI scaled", results.get("cli_scaled"))):
        if runs is None:
            continue
        if "copies" in runs:
            label = f"CLI, {runs['copies']} copies ({runs['files']} files)"
        for name, figure in runs.items():
            if isinstance(figure, dict):
                memory = ""
                if figure.get("main_peak_mb"):
                    memory = f"; main {figure['main_peak_mb']:.0f} MB"
                if figure.get("worker_peak_mb"):
                    memory += f", workers {figure['worker_peak_mb']:.0f} MB"
                rows.append((f"{label} {name} (s{memory})", f"{figure['seconds']:.2f}", "", ""))
        rows.append((f"{label} --jobs 2 speed-up", f"{runs['speedup_jobs2']:.2f}", "", ""))
        rows.append((f"{label} output identical across options", str(runs["same_output"]), "True", ""))
    for check in results["targets"].values():
        met = "n/a" if check["met"] is None else ("yes" if check["met"] else "NO")
        rows.append((check["what"], str(check["value"]), check["target"], met))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    corpus = results["corpus"]
    lines = [f"{corpus['files']} files, {characters:,} characters in {corpus['folder']}"]
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def main(argv=None) -> int:
    args = parse_args(argv)
    results = {"machine": machine()}
    print(f"govtext benchmark over {args.folder}", file=sys.stderr)
    texts = read_texts(args.folder)
    results["corpus"] = {"folder": str(args.folder), "files": len(texts), "characters": sum(map(len, texts))}
    results["repeats"] = args.repeats
    # fresh processes first, while this one is small (see peak_memory)
    print("  timing start-up and memory ...", file=sys.stderr, flush=True)
    results["startup"] = startup()
    results["peak_memory"] = peak_memory(args.folder)
    configurations = {"jobs1": ["--jobs", "1"], "jobs2": ["--jobs", "2"]}
    if args.dask:
        configurations["dask_jobs2"] = ["--engine", "dask", "--jobs", "2"]
    results["cli"] = cli_runs(args.folder, args.repeats, configurations)
    if args.copies:
        results["cli_scaled"] = scaled_cli_runs(args.folder, args.copies, args.repeats)
    results["throughput"] = throughput(texts, args.repeats)
    results["targets"] = summary(results)
    results["machine"]["load_average_after"] = load_average()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    print(f"JSON written to {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
