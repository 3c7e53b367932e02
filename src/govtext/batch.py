"""The batch engine: walk inputs, process files in a pool, write resumably, report progress.

Used by the ``govtext`` command (:mod:`govtext.cli`, which only parses arguments and
prints) and by :mod:`govtext.dask`. The work is split into walking
(:func:`collect_inputs`), working (:func:`process_file` on each :class:`Task`, run
in a process pool by :func:`run_tasks`, each giving an :class:`Outcome`), writing
(:class:`DocumentLog`, :mod:`govtext.export`) and reporting (:class:`Progress`). A
file that cannot be read or processed comes back as a failed Outcome; the run goes on.

Example:
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("报送履职成果46件。", encoding="utf-8")
    >>> documents, failures = extract_documents([folder], jobs=1, quiet=True)
    >>> [d.indicators[0].text for d in documents], failures
    (['46件'], [])
"""

from __future__ import annotations

import dataclasses
import fnmatch
import hashlib
import json
import os
import stat
import sys
import time
from collections import deque
from pathlib import Path

from . import __version__
from .errors import GovtextError
from .reader import DOCUMENT_SUFFIXES

# Results the pool may hold ahead of the one written next, per worker: enough to
# keep every worker busy, few enough that a slow file does not pile up memory.
_RESULTS_AHEAD_PER_WORKER = 4

def default_jobs() -> int:
    """The number of processors this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


# ---------------------------------------------------------------- walking


def _matches(patterns, name: str, relative: str) -> bool:
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(relative, p) for p in patterns)


def _identity(path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def collect_inputs(paths, include=(), exclude=(), on_error=None, skip=()) -> list[Path]:
    """Every file to process, in order: files as given, folders walked recursively.

    A walk takes files with a suffix of ``DOCUMENT_SUFFIXES`` (any case) whose
    name or path below the walked folder matches an ``include`` glob (all of
    them without one) and no ``exclude`` glob; folders matching ``exclude`` and
    names starting with ``.`` are skipped. Files and folders are visited in
    sorted order. A folder named like a document (``x.txt``) is listed too, so
    that it is reported instead of passed over silently, and walked as a folder.
    A file reached twice is listed once. ``on_error(path, reason)`` is called
    for a folder that cannot be listed. The folders ``skip`` (the output folder of
    the run, which may lie inside an input folder: its HTML pages are not inputs)
    are not walked, under whatever name they are reached.

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

    skipped = {identity for identity in map(_identity, skip) if identity is not None}
    for top in map(Path, paths):
        if not top.is_dir():
            add(top)
            continue
        if _identity(top) in skipped:
            continue
        for root, folders, files in os.walk(top, onerror=unlisted):
            root = Path(root)
            kept_folders = []
            for name in sorted(folders):
                relative = (root / name).relative_to(top).as_posix()
                if name.startswith(".") or _matches(exclude, name, relative):
                    continue
                if skipped and _identity(root / name) in skipped:
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


def shown_path(path: str | os.PathLike) -> str:
    """``path`` as written into JSON, CSV and messages: the bytes of a name that are not
    UTF-8 (a GBK name from a zip made on Windows) as ``\\xNN``, so that every output can be
    encoded; other names are unchanged.

    ``os.listdir`` gives such bytes as lone surrogates, which no UTF-8 file can hold.

    Example:
        >>> shown_path(os.fsdecode(b"in/\\xb1\\xa8.txt")), shown_path("in/报告.txt")
        ('in/\\\\xb1\\\\xa8.txt', 'in/报告.txt')
    """
    path = os.fspath(path)
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


def task_for(index: int, path: str, year: int | None = None, **options) -> Task:
    """The Task of the file at ``path``, named by :func:`shown_path` and read where it is."""
    shown = shown_path(path)
    return Task(index, shown, year, source=None if shown == path else path, **options)


def not_regular(path: str | os.PathLike) -> str | None:
    """Why the file at ``path`` must not be opened (a FIFO would wait for a writer forever,
    a device could be endless), or None for a regular file, a folder or a missing one (the
    reader reports those).

    Example:
        >>> not_regular("/dev/null")
        'not a regular file (a character device)'
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kinds = {stat.S_ISFIFO: "a FIFO", stat.S_ISCHR: "a character device", stat.S_ISBLK: "a block device",
             stat.S_ISSOCK: "a socket"}
    kind = next((name for test, name in kinds.items() if test(mode)), "a special file")
    return f"not a regular file ({kind})"


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
    """What became of one file: a JSON line for ``documents.jsonl`` (UTF-8 bytes), or a failure."""

    index: int
    path: str
    line: bytes | None = None
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
    special = not_regular(path)
    if special:
        return Outcome(task.index, task.path, stage=stage, reason=special)
    try:
        data = reader.read_bytes(path)
        sha256 = hashlib.sha256(data).hexdigest()
        text = reader.document_text(data, path.suffix)
        del data
        stage = "extract"
        with user_lexicons(task.lexicons):
            document = extract_file(text, task.path, task.year)
        records = len(document.indicators) + len(document.times) + len(document.initiatives)
        row = {**document.to_dict(), "govtext_version": __version__, "path": task.path, "sha256": sha256,
               "text": document.text}
        # what a large file's records take is freed before their JSON is made (README: memory)
        del document, text
        tables = None
        if task.tables:
            from .export import csv_chunks

            # the same lines as from the JSON line read back (a later pass over the file):
            # to_dict holds only what JSON gives back as it was, but tuples (written alike)
            tables = csv_chunks(row)
        line = json_line(row)
    except GovtextError as error:
        reason = str(error).removeprefix(f"{task.path}: ").removeprefix(f"{path}: ")
        return Outcome(task.index, task.path, stage=stage, reason=reason)
    except Exception as error:  # a bug must not abort the batch; report it with its type
        return Outcome(task.index, task.path, stage=stage, reason=f"{type(error).__name__}: {error}")
    return Outcome(task.index, task.path, line=line, sha256=sha256, records=records, tables=tables)


def json_line(row: dict) -> bytes:
    """``json.dumps(row, ensure_ascii=False) + "\\n"`` in UTF-8, made a record at a time;
    ``row`` is emptied on the way.

    A file of many megabytes has a line of a hundred megabytes and more: ``json.dumps``
    would hold it twice as text (its pieces, then the whole) besides ``row``, whose
    records are dropped here as soon as they are written.

    Example:
        >>> row = {"doc_id": "报告", "indicators": [{"value": 46}, {"value": 1.5}], "times": []}
        >>> expected = (json.dumps(row, ensure_ascii=False) + "\\n").encode("utf-8")
        >>> json_line(row) == expected, row
        (True, {})
    """
    import io

    def encoded(value) -> bytes:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")

    # a BytesIO gives its bytes without copying them (a bytearray would be copied whole)
    line = io.BytesIO()
    line.write(b"{")
    for number, key in enumerate(list(row)):
        value = row.pop(key)
        line.write((b", " if number else b"") + encoded(key) + b": ")
        if isinstance(value, (list, tuple)) and value:
            items = list(value)
            del value
            items.reverse()  # popped from the end, in their order
            line.write(b"[" + encoded(items.pop()))
            while items:
                line.write(b", " + encoded(items.pop()))
            line.write(b"]")
        else:
            line.write(encoded(value))
    line.write(b"}\n")
    return line.getvalue()


def crashed(task: Task, reason: str = "") -> Outcome:
    """The outcome of a file whose worker died (also used by the dask engine)."""
    return Outcome(task.index, task.path, stage="worker",
                   reason=reason or "the worker process died on this file (killed, out of memory or crashed)")


# How often a worker looks whether the process that started it is still there.
_PARENT_CHECK_SECONDS = 1.0


def _pool(workers: int):
    """A process pool whose workers exit when the process that made it dies."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, initializer=_exit_with_parent, initargs=(os.getpid(),))


def _exit_with_parent(parent: int) -> None:
    """Start a thread that ends this worker once ``parent`` is gone.

    A parent killed alone (SIGKILL, the OOM killer) cannot stop its pool; its
    workers would go on for ever, holding the output pipe open (``govtext … | wc``
    would never end). An orphan is adopted by another process, so its parent's
    number changes.
    """
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK_SECONDS)
        os._exit(1)

    if hasattr(os, "getppid"):
        threading.Thread(target=watch, name="govtext-exit-with-parent", daemon=True).start()


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
    from concurrent.futures.process import BrokenProcessPool

    pool = None
    try:
        for task, future in stranded:
            outcome = _result(task, future)
            if outcome is None:
                pool = pool or _pool(1)
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
    from concurrent.futures.process import BrokenProcessPool

    def submit(task):
        try:
            return pool.submit(process_file, task)
        except BrokenProcessPool:  # broken by a task already in it: this one waits for the retry
            return None

    tasks = iter(tasks)
    pending: deque = deque()
    pool = _pool(jobs)
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
            pool = _pool(jobs)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------- writing


# Bytes copied at a time: the line of a file of many megabytes is not read whole again.
_COPY_BLOCK = 1 << 20


def _regular_file(path: Path) -> bool:
    """Whether ``path`` is a regular file itself (not a link to one)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


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
    off, and :meth:`done` says which files need no work. A link at either name is
    neither read nor written through: a linked partial file is removed, a linked
    ``final`` is not resumed from (and replaced by :meth:`finish`).
    """

    def __init__(self, final: str | os.PathLike, resume: bool = False):
        self.final = Path(final)
        self.partial = self.final.with_name(self.final.name + ".partial")
        self.entries: dict[str, _Entry] = {}
        if resume and _regular_file(self.partial):
            self._load()
        else:
            # a link planted at the partial file's name is removed, never written through
            self.partial.unlink(missing_ok=True)
            if resume and _regular_file(self.final):
                import shutil

                shutil.copyfile(self.final, self.partial)
                self._load()
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        self._handle = open(os.open(self.partial, flags, 0o666), "ab", buffering=0)

    def _load(self) -> None:
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

    def done(self, path: str, source: str | None = None) -> _Entry | None:
        """The entry of ``path`` when it was written before and the file (read at ``source``
        when given, see :class:`Task`) has not changed since."""
        entry = self.entries.get(path)
        if entry is None or not_regular(source or path):
            return None
        digest = hashlib.sha256()
        try:
            with open(source or path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        except OSError:
            return None
        return entry if digest.hexdigest() == entry.sha256 else None

    def append(self, outcome: Outcome) -> None:
        """Add a processed document (one write of one whole line)."""
        offset = self._handle.seek(0, os.SEEK_END)
        view = memoryview(outcome.line)
        while view:
            view = view[self._handle.write(view):]
        self.entries[outcome.path] = _Entry(outcome.sha256, offset, len(outcome.line), outcome.records)

    def finish(self, paths) -> None:
        """Write ``final`` with the documents of ``paths``, in that order, and drop the partial file."""
        from .files import atomic_writer

        self._handle.close()
        with open(self.partial, "rb") as source, atomic_writer(self.final, "wb") as target:
            for path in paths:
                entry = self.entries[path]
                source.seek(entry.offset)
                left = entry.length
                while left:
                    block = source.read(min(left, _COPY_BLOCK))
                    target.write(block)
                    left -= len(block)
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


def extract_documents(paths, jobs=None, quiet=False, lexicons=(), include=(), exclude=()):
    """Documents of the files under ``paths`` (in input order) and the failures, using the
    worker pool of ``govtext extract`` (with the user lexicon folders ``lexicons``, and
    the folders walked as ``--include``/``--exclude`` say: :func:`collect_inputs`)."""
    from .document import Document

    failures = []

    def unlisted(path, reason):
        failures.append(Outcome(-1, shown_path(str(path)), stage="walk", reason=reason))

    files = [str(p) for p in collect_inputs(paths, include, exclude, on_error=unlisted)]
    lexicons = tuple(os.path.abspath(folder) for folder in lexicons)
    tasks = [task_for(index, path, lexicons=lexicons) for index, path in enumerate(files)]
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
