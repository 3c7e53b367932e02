"""The ``govtext`` command: batch extraction over files and folders.

Usage::

    govtext extract PATH... [-o OUT.jsonl]     one JSON line per document
    govtext extract --example                  a readable table for the built-in example

Every file that cannot be read or processed is reported on stderr and counted;
the run goes on. Exit code 0 when none failed, 1 when some did, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from importlib import resources
from pathlib import Path

from . import __version__
from .numerals import as_json_number

EXAMPLE_NAME = "example_report.txt"
TEXT_SUFFIXES = (".txt",)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="govtext",
        description="Structured data from Chinese government texts.",
    )
    parser.add_argument("--version", action="version", version=f"govtext {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser(
        "extract",
        help="extract indicators, times and initiatives from files or folders",
        description="Extract records from text files (folders are walked for *.txt).",
    )
    extract.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    extract.add_argument("-o", "--output", metavar="OUT.jsonl",
                         help="write one JSON line per document here (default: stdout)")
    extract.add_argument("--example", action="store_true",
                         help="run on the built-in example report and print a table")
    extract.add_argument("--year", type=int, help="reference year for every document")
    args = parser.parse_args(argv)
    if args.command == "extract" and not args.paths and not args.example:
        parser.error("extract needs at least one PATH, or --example")
    return args


def example_text() -> str:
    """The built-in example report (our own writing, not a real report)."""
    return (resources.files("govtext") / EXAMPLE_NAME).read_text(encoding="utf-8")


def iter_files(paths):
    """Every file to process: files as given, folders walked for *.txt in sorted order."""
    for path in map(Path, paths):
        if path.is_dir():
            for root, folders, files in os.walk(path):
                folders.sort()
                for name in sorted(files):
                    if name.lower().endswith(TEXT_SUFFIXES):
                        yield Path(root) / name
        else:
            yield path


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


def run_extract(args) -> int:
    from .errors import GovtextError
    from .pipeline import extract
    from .reader import read

    if args.example:
        print(_table(extract(example_text(), doc_id="example", year=args.year)))
        if not args.paths:
            return 0
    output = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    done = failed = records = 0
    try:
        for path in iter_files(args.paths):
            try:
                document = extract(read(path), doc_id=path.stem, year=args.year)
            except GovtextError as error:
                failed += 1
                print(f"govtext: failed: {error}", file=sys.stderr)
                continue
            except Exception as error:  # a bug must not abort the batch; report it
                failed += 1
                print(f"govtext: failed: {path}: {type(error).__name__}: {error}", file=sys.stderr)
                continue
            row = {**document.to_dict(), "path": str(path)}
            output.write(json.dumps(row, ensure_ascii=False) + "\n")
            done += 1
            records += len(document.indicators) + len(document.times) + len(document.initiatives)
    finally:
        if output is not sys.stdout:
            output.close()
    print(f"govtext: {done} documents, {records} records, {failed} failed", file=sys.stderr)
    return 1 if failed else 0


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.command == "extract":
        return run_extract(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
