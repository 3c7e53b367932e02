"""govtext on a Dask cluster: the documents of many files as a dask bag, and ``--engine dask``.

Needs the ``dask`` extra (``pip install 'govtext[dask]'``: dask and distributed).
dask is imported inside the functions, so ``import govtext`` and ``govtext --help``
never load it. The workers read the files themselves: on a cluster of several
machines each worker needs govtext installed and the files at the same absolute
path (a shared file system), and so do the folders of user lexicons
(``lexicons=``, ``--lexicons``). Each worker process loads the lexicons and the
tokenizer once.

Example (skipped by the docstring tests where dask is not installed;
``tests/test_dask.py`` runs it where it is):
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("开展协商议政活动近60场次。", encoding="utf-8")
    >>> documents = extract_bag([folder]).compute(scheduler="sync")   # doctest: +SKIP
    >>> documents[0]["doc_id"], documents[0]["indicators"][0]["text"]   # doctest: +SKIP
    ('a', '近60场次')
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
from collections import deque

from .batch import Outcome, Task, collect_inputs, crashed, process_file, shown_path
from .errors import GovtextError, MissingExtraError, ReadError
from .lexicons import check_lexicon_folders

# Tasks per chunk sent to a worker: enough chunks per worker thread to even out
# files of different sizes, few enough that the scheduler's per-task cost stays small.
_CHUNKS_PER_THREAD = 8
_MAX_TASKS_PER_CHUNK = 64
# Chunks submitted ahead of the one gathered next, per worker thread: every
# worker stays busy while finished results do not pile up on the cluster.
_CHUNKS_AHEAD_PER_THREAD = 4


def _require_dask() -> None:
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as error:
        raise MissingExtraError(
            "the Dask engine needs dask and distributed: pip install 'govtext[dask]'"
        ) from error


def _work(paths, include=(), exclude=(), year=None, lexicons=()) -> list:
    """A failure per folder that cannot be listed, then a task per file (read from its absolute path)."""
    unlisted = []

    def on_error(path, reason):
        unlisted.append(Outcome(-1, shown_path(str(path)), stage="walk", reason=reason))

    files = [str(path) for path in collect_inputs(paths, include, exclude, on_error)]
    # checked here, so that a bad folder stops the run before any worker gets it
    lexicons = tuple(str(folder) for folder in check_lexicon_folders(lexicons))
    tasks = [Task(index, shown_path(path), year, source=os.path.abspath(path), lexicons=lexicons)
             for index, path in enumerate(files)]
    return unlisted + tasks


def _outcome(item) -> Outcome:
    return item if isinstance(item, Outcome) else process_file(item)


def outcome_bag(paths, *, include=(), exclude=(), year=None, partition_size: int | None = None, lexicons=()):
    """A dask bag of the :class:`govtext.batch.Outcome` of every file under ``paths``: documents and failures.

    ``paths``, ``include``, ``exclude``, ``year`` and ``lexicons`` (folders of user
    lexicons) mean what they mean to ``govtext extract``; folders are walked here,
    the files are read and extracted by the workers. A folder that cannot be listed comes first, as a
    failure of stage ``walk``; the files follow in input order. An outcome's
    ``line`` is the line of ``documents.jsonl`` (UTF-8 bytes); a failure's ``error()`` is the
    line of ``errors.jsonl``.

    Example:
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "empty.txt").write_text("")
        >>> [o.error() for o in outcome_bag([folder]).compute(scheduler="sync")]   # doctest: +SKIP
        [{'path': '...empty.txt', 'stage': 'read', 'reason': '...'}]
    """
    _require_dask()
    import dask.bag

    work = _work(paths, include, exclude, year, lexicons)
    if partition_size is None:
        partition_size = max(1, min(_MAX_TASKS_PER_CHUNK, len(work) // ((os.cpu_count() or 1) * 4)))
    return dask.bag.from_sequence(work, partition_size=partition_size).map(_outcome)


def _document(outcome: Outcome) -> dict:
    return json.loads(outcome.line)


def _document_or_raise(outcome: Outcome) -> dict:
    if outcome.failed:
        error = ReadError if outcome.stage in ("read", "walk") else GovtextError
        raise error(f"{outcome.path}: {outcome.stage}: {outcome.reason}")
    return _document(outcome)


def extract_bag(paths, *, include=(), exclude=(), year=None, partition_size: int | None = None,
                errors: str = "raise", lexicons=()):
    """A dask bag of the documents of every file under ``paths``, as ``govtext extract`` writes them.

    Each item is the dict of a line of ``documents.jsonl``: ``Document.to_dict()``
    plus ``path``, ``sha256`` and ``text``, the same as a local run's. Folders
    are walked recursively (``include``/``exclude`` globs as in the command);
    ``year`` is the reference year of every document; ``lexicons`` are folders of
    user lexicons added to the built-in ones (:func:`govtext.lexicons.user_lexicons`).
    A file that fails raises a :class:`~govtext.errors.GovtextError` naming it when the bag is computed
    (``errors="raise"``) or is left out (``errors="skip"``); to keep the
    failures as well, use :func:`outcome_bag`.

    Example:
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.txt").write_text("5月11日，区政协开展协商议政活动近60场次。")
        >>> bag = extract_bag([folder], year=2024)   # doctest: +SKIP
        >>> [(d["path"].endswith("a.txt"), d["times"][0]["value"]) for d in bag.compute()]   # doctest: +SKIP
        [(True, '2024-05-11')]
    """
    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
    outcomes = outcome_bag(paths, include=include, exclude=exclude, year=year, partition_size=partition_size,
                           lexicons=lexicons)
    if errors == "skip":
        return outcomes.filter(lambda outcome: not outcome.failed).map(_document)
    return outcomes.map(_document_or_raise)


# ---------------------------------------------------------------- govtext extract --engine dask


def process_files(tasks: list[Task]) -> list[Outcome]:
    """The outcomes of a chunk of tasks, run on a worker."""
    return [process_file(task) for task in tasks]


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int):
    """A client of the cluster at ``scheduler``, or of a local cluster of ``workers`` processes."""
    import logging

    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler)
        except (OSError, TimeoutError) as error:
            raise GovtextError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error
        with client:
            yield client
        return
    # One single-threaded process per job, like the local engine. Everything listens on
    # 127.0.0.1 only; no dashboard, and the scheduler's small HTTP server (health checks)
    # takes a free port instead of 8787, which another cluster may hold.
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                           silence_logs=logging.ERROR)
    with cluster, Client(cluster) as client:
        yield client


def _chunk_outcomes(client, chunk: list[Task], future) -> list[Outcome]:
    """The outcomes of a submitted chunk; if it failed as a whole, each task again on its own.

    A chunk fails only when the cluster lost it (a worker died on one of its files
    more often than Dask retries, or the connection broke): process_file itself
    turns every error into an outcome. Retrying the tasks one by one pins the loss
    on the file that causes it and keeps the others.
    """
    try:
        return future.result()
    except Exception:  # KilledWorker, CancelledError, a lost connection: try the files one by one
        pass
    outcomes = []
    for task in chunk:
        try:
            outcomes.append(client.submit(process_file, task, pure=False).result())
        except Exception as error:
            killed = type(error).__name__ == "KilledWorker"
            outcomes.append(crashed(task, "" if killed else f"{type(error).__name__}: {error}"))
    return outcomes


def run_tasks(tasks, jobs: int, scheduler: str | None = None):
    """The outcomes of ``tasks`` computed on Dask, in the order of ``tasks``.

    ``scheduler`` is the address of a running Dask scheduler
    (``tcp://host:8786``); without it a local cluster of ``jobs`` worker processes
    is started and stopped with the run. This is what ``govtext extract
    --engine dask`` runs; the outcomes are those of the local engine
    (:func:`govtext.batch.run_tasks`).

    Example:
        >>> from govtext.cli import example_text
        >>> import pathlib, tempfile
        >>> report = pathlib.Path(tempfile.mkdtemp()) / "report.txt"
        >>> _ = report.write_text(example_text(), encoding="utf-8")
        >>> [o.records > 0 for o in run_tasks([Task(0, str(report))], jobs=1)]   # doctest: +SKIP
        [True]
    """
    # workers elsewhere have another working folder: they read each file from its absolute path
    tasks = [dataclasses.replace(task, source=task.source or os.path.abspath(task.path)) for task in tasks]
    if not tasks:
        return
    _require_dask()
    with _client(scheduler, jobs) as client:
        threads = sum(client.nthreads().values()) or jobs
        size = max(1, min(_MAX_TASKS_PER_CHUNK, len(tasks) // (threads * _CHUNKS_PER_THREAD)))
        chunks = iter([tasks[start:start + size] for start in range(0, len(tasks), size)])
        pending: deque = deque()
        while True:
            while len(pending) < threads * _CHUNKS_AHEAD_PER_THREAD:
                chunk = next(chunks, None)
                if chunk is None:
                    break
                pending.append((chunk, client.submit(process_files, chunk, pure=False)))
            if not pending:
                return
            chunk, future = pending.popleft()
            outcomes = _chunk_outcomes(client, chunk, future)
            future.release()
            yield from outcomes
