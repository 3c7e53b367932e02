"""The ``govtext`` command: batch extraction over files and folders.

Usage::

    govtext extract PATH... [-o OUT.jsonl | -o FOLDER] [options]
    govtext extract --example                  a readable table for the built-in example

This module parses the arguments and prints; the work is done by the batch engine,
:mod:`govtext.batch` (walking, the worker pool, the resumable log, progress). Every
file that cannot be read or processed gets a line in ``errors.jsonl`` and is counted;
the run goes on. Exit code 0 when none failed, 1 when some did, 2 for usage
errors, outputs that cannot be written and outputs that another run is writing.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import sys
from importlib import resources
from pathlib import Path

from . import __version__
from .batch import (
    DocumentLog,
    Outcome,
    Progress,
    collect_inputs,
    default_jobs,
    extract_documents,
    run_tasks,
    shown_path,
    task_for,
)
from .errors import GovtextError
from .export import TABLE_FORMATS
from .numerals import as_json_number
from .reader import DOCUMENT_SUFFIXES

EXAMPLE_NAME = "example_report.txt"

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
always read; a FIFO, device or socket is reported as failed without being opened. A
file name whose bytes are not UTF-8 (a GBK name from a zip made on Windows) is
written into every output with those bytes as \\xNN. Year, region and kind are
also read from file names such as 2024年苏州市政府工作报告.txt (the year only where
the text has no date).
Exit status: 0 every file done, 1 some failed, 2 usage error or an output that
cannot be written (stdout closed early, a full disk: said in one line) or that
another govtext run is writing (each output is locked by the run writing it).
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
    """Run ``govtext extract`` for parsed ``args``; the exit status. An output is written
    by one run at a time: a second run writing it is refused (status 2)."""
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
        failures.append(Outcome(-1, shown_path(str(path)), stage="walk", reason=reason))

    documents_path, _, output_folder = _output_paths(args.output) if args.output else (None, None, None)
    # an output folder inside an input folder holds no inputs (its HTML pages would be read back)
    files = [str(path) for path in collect_inputs(args.paths, args.include, args.exclude, unlisted,
                                                  skip=[output_folder] if output_folder else ())]
    if not args.output:
        return _extract_files(args, files, failures)
    from .files import OutputBusy, output_lock

    documents_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with output_lock(documents_path) as locked:
            if not locked:
                print(f"govtext: warning: {documents_path} cannot be locked here (no file locks on this "
                      "system); another run writing it at the same time would mix their outputs",
                      file=sys.stderr)
            return _extract_files(args, files, failures)
    except OutputBusy as error:
        print(f"govtext: {error}", file=sys.stderr)
        return 2


def _extract_files(args, files: list[str], failures: list[Outcome]) -> int:
    """Extract ``files`` into the outputs of ``args`` (locked by the caller); the exit status.
    ``failures`` holds those of the walk, and gets those of the files."""
    from .export import csv_tables

    log = errors_path = folder = None
    if args.output:
        documents_path, errors_path, folder = _output_paths(args.output)
        from .files import remove_stale_temporaries

        # a killed run leaves the hidden temporary files of the tables and pages it was writing
        remove_stale_temporaries(documents_path.parent)
        if folder is not None and not (folder / "html").is_symlink():
            remove_stale_temporaries(folder / "html")
        log = DocumentLog(documents_path, resume=args.resume)

    progress = Progress(len(files), quiet=args.quiet)
    tasks, written, records = [], [], 0
    lexicons = tuple(os.path.abspath(folder) for folder in args.lexicons)
    for index, path in enumerate(files):
        task = task_for(index, path, args.year, lexicons=lexicons)
        entry = log.done(task.path, task.source) if log and args.resume else None
        if entry is None:
            tasks.append(task)
        else:
            written.append((index, task.path))
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
                        _write_stdout(outcome.line)
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
        from .export import write_tables
        from .files import atomic_writer

        log.finish(path for _, path in sorted(written))
        with atomic_writer(errors_path, encoding="utf-8") as handle:
            for outcome in failures:
                handle.write(json.dumps(outcome.error(), ensure_ascii=False) + "\n")
        if folder is not None and not stream_tables:
            write_tables(log.final, folder, args.format, args.bom)
        if folder is not None and args.html:
            from .render import write_report

            pages = folder / "html"
            if pages.is_symlink():  # govtext's folder, not a way to write elsewhere
                pages.unlink()
            write_report(_documents_of(log.final), [o.error() for o in failures], pages)
    if not args.quiet:
        kept = f" ({resumed} kept from the interrupted run)" if resumed else ""
        print(f"govtext: {_count(len(written), 'document')}, {_count(records, 'record')}, "
              f"{len(failures)} failed{kept}",
              file=sys.stderr)
    return 1 if failures else 0


def _write_stdout(line: bytes) -> None:
    """Write the bytes ``line`` to stdout, after what was printed there (as text) before."""
    sys.stdout.flush()
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None:  # a stdout replaced by a text-only stream (a notebook's)
        sys.stdout.write(line.decode("utf-8"))
    else:
        binary.write(line)


def _documents_of(jsonl_path):
    """The Documents of a ``documents.jsonl``, one at a time."""
    from .document import Document

    with open(jsonl_path, encoding="utf-8") as handle:
        for line in handle:
            yield Document.from_dict(json.loads(line))


def _write_csv(frame, output) -> None:
    if output:
        from .files import atomic_writer

        with atomic_writer(Path(output), encoding="utf-8", newline="") as handle:
            frame.to_csv(handle, index=False)
    else:
        frame.to_csv(sys.stdout, index=False)


def _extracted_inputs(args):
    """``(documents, failures, None)`` of the inputs of ``govtext panel`` or ``topics``, or
    ``([], [], 2)`` when their lexicon folders are unusable (said on stderr)."""
    problem = _lexicons_error(args.lexicons)
    if problem:
        print(f"govtext: {problem}", file=sys.stderr)
        return [], [], 2
    documents, failures = extract_documents(args.paths, args.jobs, args.quiet, args.lexicons,
                                            args.include, args.exclude)
    return documents, failures, None


def run_panel(args) -> int:
    """Run ``govtext panel``: a CSV of one row per document."""
    from .lexicons import user_lexicons
    from .panel import panel

    documents, failures, status = _extracted_inputs(args)
    if status is not None:
        return status
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

    documents, failures, status = _extracted_inputs(args)
    if status is not None:
        return status
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
    """The ``govtext`` command; the exit status (usage errors raise ``SystemExit(2)``).

    An output that cannot be written (an unwritable ``-o``, a full disk, stdout closed
    early as by ``| head``) ends the run with one line on stderr and status 2; an
    interrupted ``-o`` run can be finished with ``--resume``.
    """
    args = parse_args(argv)
    runners = {"extract": run_extract, "panel": run_panel, "topics": run_topics}
    try:
        status = runners[args.command](args)
        sys.stdout.flush()  # a full disk behind stdout shows only here
        return status
    except BrokenPipeError:
        _silence_stdout()
        print("govtext: the output was closed before the run ended (a pipe whose reader quit); "
              "stopped", file=sys.stderr)
        return 2
    except OSError as error:
        _silence_stdout()
        where = f"{os.fsdecode(error.filename)}: " if error.filename is not None else "the output: "
        from .batch import shown_path

        print(f"govtext: cannot write {shown_path(where)}{error.strerror or error}; stopped",
              file=sys.stderr)
        return 2


def _silence_stdout() -> None:
    """Point stdout at the null device, so that flushing it at exit raises nothing more."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


if __name__ == "__main__":
    sys.exit(main())
