"""The ``govtext`` command: batch extraction over files and folders.

Usage::

    govtext extract PATH... [-o OUT.jsonl | -o FOLDER] [options]
    govtext extract --example                  a readable table for the built-in example

The work is split into walking (:func:`collect_inputs`), working
(:func:`process_file`, run in a process pool), writing (:class:`DocumentLog`,
:mod:`govtext.export`) and reporting (:class:`Progress`, the summary). Every file
that cannot be read or processed gets a line in ``errors.jsonl`` and is counted;
the run goes on. Exit code 0 when none failed, 1 when some did, 2 for usage
errors.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import fnmatch
import hashlib
import json
import os
import sys
import time
from collections import deque
from importlib import resources
from pathlib import Path

from . import __version__
from .errors import GovtextError
from .export import TABLE_FORMATS
from .numerals import as_json_number
from .reader import DOCUMENT_SUFFIXES

EXAMPLE_NAME = "example_report.txt"
# Results the pool may hold ahead of the one written next, per worker: enough to
# keep every worker busy, few enough that a slow file does not pile up memory.
_RESULTS_AHEAD_PER_WORKER = 4

EXTRACT_EPILOG = """\
examples:
  govtext extract --example
      the records of the built-in example report, as a table
  govtext extract reports/ -o records.jsonl
      one JSON line per document; failures in records.errors.jsonl
  govtext extract reports/ more/2024年苏州市政府工作报告.txt -o out/
      out/documents.jsonl, out/{documents,indicators,times,initiatives}.csv, out/errors.jsonl
  govtext extract reports/ -o out/ --format parquet --jobs 4
      Parquet tables (pip install 'govtext[parquet]'), four worker processes
  govtext extract reports/ --include '*.html' --exclude 'drafts/*' -o out/
      only the HTML pages, nothing under drafts/
  govtext extract reports/ -o out/ --resume
      finish an interrupted run without redoing the documents already written
  govtext extract reports/ -o out/ --html
      also out/html/: a highlighted page per document and an index.html
  govtext extract reports/ -o out/ --engine dask --scheduler tcp://10.0.0.5:8786
      run on a Dask cluster (pip install 'govtext[dask]'); without --scheduler,
      a local cluster of --jobs worker processes
  govtext extract reports/ -o out/ --lexicons my_lexicons/
      add the entries of my_lexicons/initiatives.tsv, units.tsv, domain_terms.tsv …
      (named and written like govtext's data/lexicons) to the built-in ones

Folders are walked recursively, in sorted order, for %(suffixes)s
(names starting with "." are skipped); files named on the command line are
always read. Year, region and kind are also read from file names such as
2024年苏州市政府工作报告.txt (the year only where the text has no date).
Exit status: 0 every file done, 1 some failed, 2 usage error.
"""


PANEL_EPILOG = """\
examples:
  govtext panel reports/ -o panel.csv
      environmental attention and the main targets, one row per report
  govtext panel reports/ --lexicon environment --lexicon innovation --lexicon my_terms.txt
      several lexicons: shipped ones by name, your own word-list file by path
  govtext panel reports/ --lexicon environment --lexicons my_lexicons/
      --lexicons adds folders of lexicon files to the built-in ones, for the extraction
      and the attention counts: my_lexicons/attention/environment.tsv adds terms to
      the environment columns
"""

TOPICS_EPILOG = """\
examples:
  govtext topics reports/ -k 8
      the top terms of 8 LDA topics
  govtext topics reports/ -k 8 --method nmf -o shares.csv
      NMF topics, and each document's topic shares written to shares.csv
"""


def _year(value: str) -> int:
    """A four-digit year, or a usage error (rather than every file failing on it)."""
    try:
        year = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a four-digit year like 2024, not {value!r}") from None
    if not 1000 <= year <= 9999:
        raise argparse.ArgumentTypeError(f"must be a four-digit year like 2024, not {year}")
    return year


def _count(number: int, noun: str) -> str:
    """``1 document``, ``2 documents``."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _jobs(value: str) -> int:
    jobs = int(value)
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {jobs}")
    return jobs


def default_jobs() -> int:
    """The number of processors this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def parse_args(argv=None) -> argparse.Namespace:
    """The command line as a namespace; usage errors exit with status 2.

    Example:
        >>> args = parse_args(["extract", "--example"])
        >>> args.command, args.example, args.format
        ('extract', True, 'csv')
    """
    parser = argparse.ArgumentParser(
        prog="govtext",
        description="Structured data from Chinese government texts: indicators, times and "
                    "named initiatives with exact offsets.",
        epilog="run 'govtext extract --help' for the options and examples of extract",
    )
    parser.add_argument("--version", action="version", version=f"govtext {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract = commands.add_parser(
        "extract",
        help="extract indicators, times and initiatives from files or folders",
        description="Extract records from text, Markdown, HTML, .docx and .pdf files and folders of them.",
        epilog=EXTRACT_EPILOG % {"suffixes": ", ".join(DOCUMENT_SUFFIXES)},
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    extract.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    extract.add_argument(
        "-o", "--output", metavar="OUT",
        help="OUT.jsonl: one JSON line per document; any other name: a folder for documents.jsonl, "
             "the tables and errors.jsonl (default: JSON lines on stdout)",
    )
    extract.add_argument("--format", choices=TABLE_FORMATS, default="csv",
                         help="format of the tables written into an output folder: csv, parquet "
                              "(pip install 'govtext[parquet]'), xlsx (pip install 'govtext[xlsx]') "
                              "or dta for Stata (pip install 'govtext[pandas]') (default: csv)")
    extract.add_argument("--bom", action="store_true",
                         help="start each CSV table with a UTF-8 byte-order mark, for Excel on Windows")
    _add_walk_filters(extract)
    extract.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                         help="worker processes (default: all processors)")
    extract.add_argument("--engine", choices=("local", "dask"), default="local",
                         help="local: a pool of worker processes on this machine (default); dask: a Dask "
                              "cluster (pip install 'govtext[dask]')")
    extract.add_argument("--scheduler", metavar="ADDRESS",
                         help="with --engine dask: the address of a running Dask scheduler, e.g. "
                              "tcp://10.0.0.5:8786 (default: start a local cluster of --jobs workers)")
    extract.add_argument("--resume", action="store_true",
                         help="keep the documents an interrupted run already wrote (same path and "
                              "content) and do the rest")
    extract.add_argument("-q", "--quiet", action="store_true",
                         help="no progress and no summary on stderr, only the failures")
    extract.add_argument("--example", action="store_true",
                         help="run on the built-in example report and print a table")
    extract.add_argument("--year", type=_year, help="reference year for every document")
    extract.add_argument("--html", action="store_true",
                         help="with -o FOLDER: also FOLDER/html, a page per document with its records "
                              "highlighted and an index.html (works offline)")
    extract.add_argument("--lexicons", action="append", default=[], metavar="DIR", help=_LEXICONS_HELP)
    panel = commands.add_parser(
        "panel", help="one row per document: metadata, main targets and attention measures",
        description="A document-level panel: kind, region, level, year, characters, tokens, the main "
                    "targets and the attention measures of each lexicon.",
        epilog=PANEL_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    topics = commands.add_parser(
        "topics", help="fit a topic model and print the top terms of each topic",
        description="Fit an LDA (or NMF) topic model to the documents and print each topic's top terms.",
        epilog=TOPICS_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    for command in (panel, topics):
        command.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
        command.add_argument("-o", "--output", metavar="OUT.csv",
                             help="write the table here (default: stdout)")
        command.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                             help="worker processes for the extraction (default: all processors)")
        command.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
        command.add_argument("--lexicons", action="append", default=[], metavar="DIR", help=_LEXICONS_HELP)
        _add_walk_filters(command)
    panel.add_argument("--lexicon", action="append", default=[], metavar="NAME_OR_FILE",
                       help="a shipped attention lexicon (environment, innovation, …) or a word-list file "
                            "(repeatable; default: environment)")
    topics.add_argument("-k", "--topics", type=_jobs, default=10, metavar="K", help="number of topics")
    topics.add_argument("--method", choices=("lda", "nmf"), default="lda", help="the model (default: lda)")
    topics.add_argument("--terms", type=_jobs, default=10, metavar="N", help="top terms shown per topic")
    topics.add_argument("--seed", type=int, default=0, help="random_state of the model (default: 0)")
    args = parser.parse_args(argv)
    if args.command == "extract":
        _check_extract_args(extract, args)
    not_folders = [folder for folder in args.lexicons if not os.path.isdir(folder)]
    if not_folders:
        parser.error(f"--lexicons takes a folder; no such folder: {', '.join(not_folders)}")
    return args


def _add_walk_filters(command) -> None:
    """``--include`` and ``--exclude``, the same for every command that walks folders."""
    command.add_argument("--include", action="append", default=[], metavar="GLOB",
                         help="walk only files whose name or path below the folder matches (repeatable)")
    command.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                         help="skip files and folders whose name or path below the folder matches "
                              "(repeatable)")


_LEXICONS_HELP = ("a folder of your own lexicon files, named and written like govtext's data/lexicons "
                  "(initiatives.tsv, units.tsv, domain_terms.tsv, …): their entries are added to the "
                  "built-in ones (repeatable)")


def _lexicons_error(folders) -> str | None:
    """What is wrong with the user lexicons in ``folders`` (None when nothing is), found by
    extracting the example report with them before any worker starts."""
    if not folders:
        return None
    from .pipeline import extract

    try:
        extract(example_text(), lexicons=folders)
    except GovtextError as error:
        return str(error)
    return None


def _check_extract_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if not args.paths and not args.example:
        parser.error("extract needs at least one PATH, or --example")
    missing = [path for path in args.paths if not os.path.lexists(path)]
    if missing:
        parser.error(f"no such file or folder: {', '.join(missing)}")
    if args.scheduler and args.engine != "dask":
        parser.error("--scheduler needs --engine dask")
    output = args.output
    if output is None:
        if args.resume:
            parser.error("--resume needs -o OUT: it continues the documents written there")
        if args.format != "csv" or args.bom:
            parser.error("--format and --bom need -o FOLDER: tables are written into an output folder")
        if args.html:
            parser.error("--html needs -o FOLDER: the pages are written into FOLDER/html")
        return
    if output.endswith(".jsonl") and args.html:
        parser.error("--html needs -o FOLDER, not a .jsonl file: the pages are written into FOLDER/html")
    if output.endswith(".jsonl"):
        if os.path.isdir(output):
            parser.error(f"{output} is a folder; name a .jsonl file or a folder without the suffix")
        if args.format != "csv" or args.bom:
            parser.error("--format and --bom apply to an output folder; OUT.jsonl holds JSON lines only")
    elif os.path.exists(output) and not os.path.isdir(output):
        parser.error(f"{output} is a file; give a folder, or a name ending in .jsonl")


def example_text() -> str:
    """The built-in example report (our own writing, not a real report)."""
    return (resources.files("govtext") / EXAMPLE_NAME).read_text(encoding="utf-8")


# ---------------------------------------------------------------- walking


def _matches(patterns, name: str, relative: str) -> bool:
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(relative, p) for p in patterns)


def collect_inputs(paths, include=(), exclude=(), on_error=None) -> list[Path]:
    """Every file to process, in order: files as given, folders walked recursively.

    A walk takes files with a suffix of ``DOCUMENT_SUFFIXES`` (any case) whose
    name or path below the walked folder matches an ``include`` glob (all of
    them without one) and no ``exclude`` glob; folders matching ``exclude`` and
    names starting with ``.`` are skipped. Files and folders are visited in
    sorted order. A folder named like a document (``x.txt``) is listed too, so
    that it is reported instead of passed over silently, and walked as a folder.
    A file reached twice is listed once. ``on_error(path, reason)`` is called
    for a folder that cannot be listed.

    Example:
        >>> import tempfile, pathlib
        >>> root = pathlib.Path(tempfile.mkdtemp())
        >>> for name in ("b.txt", "a.html", "notes.jpg", "drafts/c.txt"):
        ...     (root / name).parent.mkdir(exist_ok=True)
        ...     _ = (root / name).write_text("报告")
        >>> [str(p.relative_to(root)) for p in collect_inputs([root], exclude=["drafts"])]
        ['a.html', 'b.txt']
    """
    found, seen = [], set()

    def add(path: Path) -> None:
        key = os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            found.append(path)

    def unlisted(error: OSError) -> None:
        if on_error is not None:
            on_error(error.filename, f"cannot list the folder: {error.strerror or error}")

    for top in map(Path, paths):
        if not top.is_dir():
            add(top)
            continue
        for root, folders, files in os.walk(top, onerror=unlisted):
            root = Path(root)
            kept_folders = []
            for name in sorted(folders):
                relative = (root / name).relative_to(top).as_posix()
                if name.startswith(".") or _matches(exclude, name, relative):
                    continue
                kept_folders.append(name)
            folders[:] = kept_folders
            # a folder named like a document, listed among the files so it is reported
            misnamed = [name for name in kept_folders if name.lower().endswith(DOCUMENT_SUFFIXES)]
            for name in sorted(files + misnamed):
                relative = (root / name).relative_to(top).as_posix()
                if (
                    name.startswith(".")
                    or not name.lower().endswith(DOCUMENT_SUFFIXES)
                    or (include and not _matches(include, name, relative))
                    or _matches(exclude, name, relative)
                ):
                    continue
                add(root / name)
    return found


# ---------------------------------------------------------------- working


@dataclasses.dataclass(frozen=True)
class Task:
    """One file to process, with the options that apply to it."""

    index: int
    path: str
    year: int | None = None
    # where a worker reads the file, when not at ``path`` as given: the absolute
    # path, for workers whose working folder is not this one's (a Dask cluster)
    source: str | None = None
    # whether the worker also makes the document's lines of the CSV tables
    tables: bool = False
    # folders of user lexicons (absolute paths) added to the built-in ones
    lexicons: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What became of one file: a JSON line for ``documents.jsonl``, or a failure."""

    index: int
    path: str
    line: str | None = None
    sha256: str | None = None
    records: int = 0
    stage: str | None = None
    reason: str | None = None
    tables: dict | None = None  # the document's CSV lines, by table (Task.tables)

    @property
    def failed(self) -> bool:
        return self.line is None

    def error(self) -> dict:
        """The line of ``errors.jsonl`` for a failure."""
        return {"path": self.path, "stage": self.stage, "reason": self.reason}

    def message(self) -> str:
        """The line on stderr for a failure."""
        return f"govtext: failed: {self.path}: {self.stage}: {self.reason}"


def extract_file(text: str, path: str, year: int | None = None):
    """``govtext.extract`` on a file's text, with what its file name says where the text lacks it.

    The year of the name is used only when the text gives no date of its own
    (``reference_date`` comes out None); region and kind of the name are passed
    as they are.

    Example:
        >>> doc = extract_file("报送履职成果46件。", "2024年苏州市政府工作报告.txt")
        >>> doc.doc_id, doc.reference_date, doc.region, doc.kind
        ('2024年苏州市政府工作报告', '2024', '苏州市', 'work_report')
    """
    from .metadata import metadata_from_filename
    from .pipeline import extract

    named = metadata_from_filename(path)
    fields = {"doc_id": Path(path).stem, "kind": named.get("kind"), "region": named.get("region")}
    document = extract(text, year=year, **fields)
    if document.reference_date is None and "year" in named:
        # times resolve against the year, so the document is extracted again with it
        document = extract(text, year=named["year"], **fields)
    return document


def process_file(task: Task) -> Outcome:
    """Read, extract and serialize one file; every failure comes back as an Outcome.

    Runs in the worker processes: it imports what it needs on first use, so
    each worker loads the lexicons and the tokenizer once.
    """
    from . import reader
    from .lexicons import user_lexicons

    path = Path(task.source or task.path)
    stage = "read"
    try:
        data = reader.read_bytes(path)
        sha256 = hashlib.sha256(data).hexdigest()
        text = reader.document_text(data, path.suffix)
        stage = "extract"
        with user_lexicons(task.lexicons):
            document = extract_file(text, task.path, task.year)
        row = {**document.to_dict(), "govtext_version": __version__, "path": task.path, "sha256": sha256,
               "text": document.text}
        line = json.dumps(row, ensure_ascii=False) + "\n"
        tables = None
        if task.tables:
            from .export import csv_chunks

            tables = csv_chunks(json.loads(line))  # from the line, as a later pass over the file reads it
    except GovtextError as error:
        reason = str(error).removeprefix(f"{task.path}: ").removeprefix(f"{path}: ")
        return Outcome(task.index, task.path, stage=stage, reason=reason)
    except Exception as error:  # a bug must not abort the batch; report it with its type
        return Outcome(task.index, task.path, stage=stage, reason=f"{type(error).__name__}: {error}")
    records = len(document.indicators) + len(document.times) + len(document.initiatives)
    return Outcome(task.index, task.path, line=line, sha256=sha256, records=records, tables=tables)


def crashed(task: Task, reason: str = "") -> Outcome:
    """The outcome of a file whose worker died (also used by the dask engine)."""
    return Outcome(task.index, task.path, stage="worker",
                   reason=reason or "the worker process died on this file (killed, out of memory or crashed)")


def _result(task: Task, future) -> Outcome | None:
    """The outcome of a finished or running ``future``; None when its pool broke before it was done."""
    from concurrent.futures import CancelledError
    from concurrent.futures.process import BrokenProcessPool

    if future is None:
        return None
    try:
        return future.result()
    except (BrokenProcessPool, CancelledError):
        return None
    except Exception as error:  # e.g. a result that cannot be sent back; report it, go on
        return crashed(task, f"{type(error).__name__}: {error}")


def _one_at_a_time(stranded):
    """Outcomes of the tasks a broken pool left, each unfinished one run alone in a one-worker pool.

    One task at a time, so a pool that breaks again pins the crash on that task;
    the worker is reused until then, so it loads the lexicons once.
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = None
    try:
        for task, future in stranded:
            outcome = _result(task, future)
            if outcome is None:
                pool = pool or ProcessPoolExecutor(max_workers=1)
                try:
                    outcome = _result(task, pool.submit(process_file, task))
                except BrokenProcessPool:
                    outcome = None
                if outcome is None:
                    outcome = crashed(task)
                    pool.shutdown(wait=True)
                    pool = None
            yield outcome
    finally:
        if pool is not None:
            pool.shutdown(wait=True)


def run_tasks(tasks, jobs: int):
    """Outcomes of ``tasks`` in task order, from ``jobs`` worker processes (in-process for 1).

    A worker that dies breaks the whole pool (``BrokenProcessPool``): the tasks
    it had not finished are then run one at a time (:func:`_one_at_a_time`), so
    that only the file that kills its worker is reported, and the run goes on in
    a new pool.
    """
    if jobs == 1:
        yield from map(process_file, tasks)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    def submit(task):
        try:
            return pool.submit(process_file, task)
        except BrokenProcessPool:  # broken by a task already in it: this one waits for the retry
            return None

    tasks = iter(tasks)
    pending: deque = deque()
    pool = ProcessPoolExecutor(max_workers=jobs)
    try:
        while True:
            while len(pending) < jobs * _RESULTS_AHEAD_PER_WORKER:
                task = next(tasks, None)
                if task is None:
                    break
                pending.append((task, submit(task)))
            if not pending:
                return
            task, future = pending[0]
            outcome = _result(task, future)
            if outcome is not None:
                pending.popleft()
                yield outcome
                continue
            pool.shutdown(wait=True, cancel_futures=True)
            stranded = list(pending)
            pending.clear()
            yield from _one_at_a_time(stranded)
            pool = ProcessPoolExecutor(max_workers=jobs)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------- writing


@dataclasses.dataclass(frozen=True)
class _Entry:
    sha256: str
    offset: int
    length: int
    records: int


class DocumentLog:
    """``documents.jsonl`` as it is being written: safe to kill, resumable, in input order.

    Documents are appended, one whole line a write, to ``<final>.partial`` as
    they come. :meth:`finish` copies them in input order into a temporary file
    that replaces ``final`` at once, then removes the partial file. With
    ``resume``, the complete lines of a partial file left by a killed run (or of
    ``final``, if the run had finished) are kept, a half-written last line is cut
    off, and :meth:`done` says which files need no work.
    """

    def __init__(self, final: str | os.PathLike, resume: bool = False):
        self.final = Path(final)
        self.partial = self.final.with_name(self.final.name + ".partial")
        self.entries: dict[str, _Entry] = {}
        if resume:
            self._load()
        else:
            self.partial.unlink(missing_ok=True)
        self._handle = open(self.partial, "ab", buffering=0)

    def _load(self) -> None:
        import shutil

        if not self.partial.exists():
            if not self.final.exists():
                return
            shutil.copyfile(self.final, self.partial)
        good_end = 0
        with open(self.partial, "rb") as handle:
            for raw in iter(handle.readline, b""):
                offset, good_end = good_end, good_end + len(raw)
                try:
                    if not raw.endswith(b"\n"):
                        raise ValueError("a line cut off by the kill")
                    row = json.loads(raw)
                    records = sum(len(row[kind]) for kind in ("indicators", "times", "initiatives"))
                    self.entries[row["path"]] = _Entry(row["sha256"], offset, len(raw), records)
                except (ValueError, KeyError, TypeError):
                    good_end = offset
                    break
        os.truncate(self.partial, good_end)

    def done(self, path: str) -> _Entry | None:
        """The entry of ``path`` when it was written before and the file has not changed since."""
        entry = self.entries.get(path)
        if entry is None:
            return None
        digest = hashlib.sha256()
        try:
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        except OSError:
            return None
        return entry if digest.hexdigest() == entry.sha256 else None

    def append(self, outcome: Outcome) -> None:
        """Add a processed document (one write of one whole line)."""
        data = outcome.line.encode("utf-8")
        offset = self._handle.seek(0, os.SEEK_END)
        view = memoryview(data)
        while view:
            view = view[self._handle.write(view):]
        self.entries[outcome.path] = _Entry(outcome.sha256, offset, len(data), outcome.records)

    def finish(self, paths) -> None:
        """Write ``final`` with the documents of ``paths``, in that order, and drop the partial file."""
        from .export import atomic_writer

        self._handle.close()
        with open(self.partial, "rb") as source, atomic_writer(self.final, "wb") as target:
            for path in paths:
                entry = self.entries[path]
                source.seek(entry.offset)
                target.write(source.read(entry.length))
        self.partial.unlink()

    def close(self) -> None:
        """Stop writing, keeping the partial file for ``--resume``."""
        self._handle.close()


# ---------------------------------------------------------------- reporting


class Progress:
    """Progress on stderr: a bar on a terminal, a plain line every ``interval`` seconds otherwise."""

    def __init__(self, total: int, stream=None, quiet: bool = False, interval: float = 10.0):
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.interval = interval
        self.bar = not quiet and self.stream.isatty()
        self.started = self.shown = time.monotonic()
        self.done = self.failed = 0

    def _line(self) -> str:
        elapsed = time.monotonic() - self.started
        return f"{self.done}/{self.total} files, {self.failed} failed, {elapsed:.0f}s"

    def update(self, done: int, failed: int) -> None:
        """Record that ``done`` files are finished, ``failed`` of them failed."""
        self.done, self.failed = done, failed
        if self.quiet:
            return
        now = time.monotonic()
        if self.bar:
            if now - self.shown >= 0.1 or done == self.total:
                self.shown = now
                self._draw()
        elif now - self.shown >= self.interval:
            self.shown = now
            print(f"govtext: {self._line()}", file=self.stream, flush=True)

    def _draw(self) -> None:
        width = 30
        filled = width * self.done // self.total if self.total else width
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self._line()}\x1b[K")
        self.stream.flush()

    def message(self, text: str) -> None:
        """Print a line of its own (a failure, shown even when quiet) without breaking the bar."""
        if self.bar:
            self.stream.write("\r\x1b[K")
        print(text, file=self.stream, flush=True)
        if self.bar:
            self._draw()

    def close(self) -> None:
        if self.bar:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()


def _table(document) -> str:
    lines = [f"reference date: {document.reference_date}", "", "INDICATORS"]
    for r in document.indicators:
        value = as_json_number(r.value)
        if r.value_max is not None:
            value = f"{value}–{as_json_number(r.value_max)}"
        lines.append(f"  {r.text:<14} {value!s:>14} {r.unit:<6} {r.qualifier or '':<8} "
                     f"{r.direction or '':<5} {r.status or '':<9} {r.name or ''}")
    lines += ["", "TIMES"]
    for r in document.times:
        lines.append(f"  {r.text:<14} {r.value:<14} {'event' if r.event else ''}")
    lines += ["", "INITIATIVES"]
    for r in document.initiatives:
        members = "、".join(r.members)
        components = "; ".join(f"{k}: {v}" for k, v in r.components)
        lines.append(f"  {r.name:<14} {r.category or '':<10} {members}{components}")
    return "\n".join(lines)


def _output_paths(output: str) -> tuple[Path, Path, Path | None]:
    """``documents.jsonl``, ``errors.jsonl`` and the table folder (None for OUT.jsonl)."""
    if output.endswith(".jsonl"):
        documents = Path(output)
        return documents, documents.with_name(documents.stem + ".errors.jsonl"), None
    folder = Path(output)
    return folder / "documents.jsonl", folder / "errors.jsonl", folder


def run_extract(args) -> int:
    """Run ``govtext extract`` for parsed ``args``; the exit status."""
    from .export import csv_tables

    problem = _lexicons_error(args.lexicons)
    if problem:
        print(f"govtext: {problem}", file=sys.stderr)
        return 2
    if args.example:
        from .pipeline import extract

        document = extract(example_text(), doc_id="example", year=args.year, lexicons=args.lexicons or None)
        print(_table(document))
        if not args.paths:
            return 0
    if args.bom and args.format != "csv":
        print("govtext: --bom applies to CSV tables only", file=sys.stderr)
        return 2
    extras = {"parquet": ("pyarrow", "Parquet tables need pyarrow: pip install 'govtext[parquet]'"),
              "xlsx": ("openpyxl", "Excel tables need openpyxl: pip install 'govtext[xlsx]'"),
              "dta": ("pandas", "Stata tables need pandas: pip install 'govtext[pandas]'")}
    if args.format in extras:
        import importlib.util

        module, message = extras[args.format]
        if importlib.util.find_spec(module) is None:
            print(f"govtext: {message}", file=sys.stderr)
            return 2
    if args.engine == "dask":
        import importlib.util

        if importlib.util.find_spec("dask") is None or importlib.util.find_spec("distributed") is None:
            print("govtext: --engine dask needs dask and distributed: pip install 'govtext[dask]'",
                  file=sys.stderr)
            return 2

    failures = []  # folders that could not be listed first, then files in input order

    def unlisted(path, reason):
        failures.append(Outcome(-1, str(path), stage="walk", reason=reason))

    files = [str(path) for path in collect_inputs(args.paths, args.include, args.exclude, unlisted)]
    log = errors_path = folder = None
    if args.output:
        documents_path, errors_path, folder = _output_paths(args.output)
        documents_path.parent.mkdir(parents=True, exist_ok=True)
        from .export import remove_stale_temporaries

        # a killed run leaves the hidden temporary files of the tables it was writing
        remove_stale_temporaries(documents_path.parent)
        log = DocumentLog(documents_path, resume=args.resume)

    progress = Progress(len(files), quiet=args.quiet)
    tasks, written, records = [], [], 0
    lexicons = tuple(os.path.abspath(folder) for folder in args.lexicons)
    for index, path in enumerate(files):
        entry = log.done(path) if log and args.resume else None
        if entry is None:
            tasks.append(Task(index, path, args.year, lexicons=lexicons))
        else:
            written.append((index, path))
            records += entry.records
    resumed, unlisted_folders = len(written), len(failures)
    # the workers make the CSV lines and the tables are written as documents come, in
    # input order; a resumed run, whose kept documents are not redone, writes them at the end
    stream_tables = folder is not None and args.format == "csv" and not resumed
    if stream_tables:
        tasks = [dataclasses.replace(task, tables=True) for task in tasks]
    for outcome in failures:
        progress.message(outcome.message())
    progress.update(len(written), 0)
    jobs = min(args.jobs or default_jobs(), max(len(tasks), 1))
    if args.engine == "dask":
        from .dask import run_tasks as run_on_dask

        outcomes = run_on_dask(tasks, jobs, args.scheduler)
    else:
        outcomes = run_tasks(tasks, jobs)
    try:
        # an exception leaves the tables as they were: they are replaced only at the end
        with csv_tables(folder, args.bom) if stream_tables else contextlib.nullcontext() as append_rows:
            for outcome in outcomes:
                if outcome.failed:
                    failures.append(outcome)
                    progress.message(outcome.message())
                else:
                    records += outcome.records
                    written.append((outcome.index, outcome.path))
                    if log:
                        log.append(outcome)
                    else:
                        sys.stdout.write(outcome.line)
                    if append_rows:
                        append_rows(outcome.tables)
                progress.update(len(written) + len(failures) - unlisted_folders, len(failures))
    except KeyboardInterrupt:
        progress.close()
        if log:
            log.close()
        print("govtext: interrupted; run again with --resume to finish", file=sys.stderr)
        return 130
    except GovtextError as error:  # the engine could not start, e.g. no Dask scheduler at that address
        progress.close()
        if log:
            log.close()
        print(f"govtext: {error}; nothing more was done", file=sys.stderr)
        return 2
    progress.close()

    if log:
        from .export import atomic_writer, write_tables

        log.finish(path for _, path in sorted(written))
        with atomic_writer(errors_path, encoding="utf-8") as handle:
            for outcome in failures:
                handle.write(json.dumps(outcome.error(), ensure_ascii=False) + "\n")
        if folder is not None and not stream_tables:
            write_tables(log.final, folder, args.format, args.bom)
        if folder is not None and args.html:
            from .render import write_report

            write_report(_documents_of(log.final), [o.error() for o in failures], folder / "html")
    if not args.quiet:
        kept = f" ({resumed} kept from the interrupted run)" if resumed else ""
        print(f"govtext: {_count(len(written), 'document')}, {_count(records, 'record')}, "
              f"{len(failures)} failed{kept}",
              file=sys.stderr)
    return 1 if failures else 0


def _documents_of(jsonl_path):
    """The Documents of a ``documents.jsonl``, one at a time."""
    from .document import Document

    with open(jsonl_path, encoding="utf-8") as handle:
        for line in handle:
            yield Document.from_dict(json.loads(line))


def extract_documents(paths, jobs=None, quiet=False, lexicons=(), include=(), exclude=()):
    """Documents of the files under ``paths`` (in input order) and the failures, using the
    worker pool of ``govtext extract`` (with the user lexicon folders ``lexicons``, and
    the folders walked as ``--include``/``--exclude`` say: :func:`collect_inputs`)."""
    from .document import Document

    failures = []

    def unlisted(path, reason):
        failures.append(Outcome(-1, str(path), stage="walk", reason=reason))

    files = [str(p) for p in collect_inputs(paths, include, exclude, on_error=unlisted)]
    lexicons = tuple(os.path.abspath(folder) for folder in lexicons)
    tasks = [Task(index, path, lexicons=lexicons) for index, path in enumerate(files)]
    progress = Progress(len(tasks), quiet=quiet)
    documents = []
    for outcome in run_tasks(tasks, min(jobs or default_jobs(), max(len(tasks), 1))):
        if outcome.failed:
            failures.append(outcome)
            progress.message(outcome.message())
        else:
            documents.append((outcome.index, Document.from_dict(json.loads(outcome.line))))
        progress.update(len(documents) + len(failures), len(failures))
    progress.close()
    return [d for _, d in sorted(documents, key=lambda pair: pair[0])], failures


def _write_csv(frame, output) -> None:
    if output:
        from .export import atomic_writer

        with atomic_writer(Path(output), encoding="utf-8", newline="") as handle:
            frame.to_csv(handle, index=False)
    else:
        frame.to_csv(sys.stdout, index=False)


def run_panel(args) -> int:
    """Run ``govtext panel``: a CSV of one row per document."""
    from .lexicons import user_lexicons
    from .panel import panel

    problem = _lexicons_error(args.lexicons)
    if problem:
        print(f"govtext: {problem}", file=sys.stderr)
        return 2
    documents, failures = extract_documents(args.paths, args.jobs, args.quiet, args.lexicons,
                                            args.include, args.exclude)
    try:
        # the user's lexicons also count in the attention measures (attention/*.tsv) and tokens
        with user_lexicons(args.lexicons):
            frame = panel(documents, lexicons=args.lexicon or ["environment"])
    except GovtextError as error:
        print(f"govtext: {error}", file=sys.stderr)
        return 2
    _write_csv(frame, args.output)
    return 1 if failures else 0


def run_topics(args) -> int:
    """Run ``govtext topics``: the top terms of each topic, and the shares with ``-o``."""
    from .lexicons import user_lexicons
    from .topics import TopicModel

    problem = _lexicons_error(args.lexicons)
    if problem:
        print(f"govtext: {problem}", file=sys.stderr)
        return 2
    documents, failures = extract_documents(args.paths, args.jobs, args.quiet, args.lexicons,
                                            args.include, args.exclude)
    if len(documents) < 2:
        print("govtext: a topic model needs at least two documents", file=sys.stderr)
        return 2
    try:
        # the user's stopwords.tsv and domain terms apply to the model's tokens too
        with user_lexicons(args.lexicons):
            model = TopicModel(n_topics=args.topics, method=args.method, random_state=args.seed)
            shares = model.fit_transform(documents)
    except ValueError as error:  # too few documents or terms for the model's settings
        print(f"govtext: cannot fit {args.topics} topics to {len(documents)} documents: {error}",
              file=sys.stderr)
        return 2
    for number, terms in enumerate(model.top_terms(args.terms)):
        print(f"topic {number}: {' '.join(terms)}")
    if args.output:
        import pandas

        frame = pandas.DataFrame(shares, columns=[f"topic_{i}" for i in range(shares.shape[1])])
        frame.insert(0, "doc_id", [d.doc_id for d in documents])
        _write_csv(frame, args.output)
    return 1 if failures else 0


def main(argv=None) -> int:
    """The ``govtext`` command; the exit status (usage errors raise ``SystemExit(2)``)."""
    args = parse_args(argv)
    runners = {"extract": run_extract, "panel": run_panel, "topics": run_topics}
    return runners[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
