#!/usr/bin/env python
"""A reviewed snapshot of govtext's records over every text of the corpus, and a diff against it.

    python benchmarks/snapshot.py write [--corpus DIR] [--snapshot FILE]
    python benchmarks/snapshot.py diff [--corpus DIR] [--snapshot FILE] [--new FILE]
                                       [--type TYPE] [--field FIELD] [--docs GLOB] [--limit N]

``write`` runs ``govtext.extract(text, doc_id=id)`` (as ``../shared/eval/score.py``
does: no metadata from the manifest, so the snapshot also shows what govtext infers)
over every text listed in ``CORPUS/manifest.tsv`` (``CORPUS`` defaults to
``../shared/corpus`` beside the repository) with two worker processes, and writes
``tests/snapshot/corpus.jsonl``. ``diff`` runs the current code the same way (or reads
a second snapshot with ``--new``) and prints what changed: per record type the records
added, removed and changed, per field the number of changes, then each change grouped
by document with the text around it. It exits 1 when it shows any difference, else 0.
Read the diff; when every change is right, ``write`` again and commit the snapshot with
the change that caused it.

The snapshot holds one JSON line per document, then one per record, sorted by
document, record type (indicators, times, initiatives, events) and offsets:

- document: ``{"doc", "type": "document", "kind", "title", "region", "level",
  "reference_date", "targets"}``; each target as its ``to_dict()`` with its
  ``sentence`` cut to 40 characters (the sentence is derived from the text; the
  offsets point to it). A document govtext failed on has ``"error"`` instead.
- record: ``{"doc", "type", "start", "end", "text", ...}`` followed by every other key
  of the record's ``to_dict()`` except ``section`` (so a field added to the records,
  such as ``rule``, is kept without a change here): for indicators value, unit,
  qualifier, name, value_max, direction, status, indicator; for times value and
  event; for initiatives name, category, members, components, members_source; for
  events also action, actors and places. Nothing else is cut.

Records are matched between two snapshots by (document, type, start, end) and, where
several records share one span (``答复率、满意率均为100%``), by their name, so that a
changed name shows as a change. Records left over in one document and type whose spans
overlap are then paired as changes of span (``60场次`` -> ``近60场次``), largest overlap
first; the rest are additions and removals. A key missing from a line counts as null,
and null, ``[]`` and ``{}`` count as equal.
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import json
import multiprocessing
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPOSITORY.parent / "shared" / "corpus"
DEFAULT_SNAPSHOT = REPOSITORY / "tests" / "snapshot" / "corpus.jsonl"
JOBS = 2
# the order of the lines of one document; "document" is the line of its metadata
TYPES = ("document", "indicators", "times", "initiatives", "events")
RECORD_TYPES = TYPES[1:]
DOCUMENT_FIELDS = ("kind", "title", "region", "level", "reference_date")
# long fields derived from the text are cut to this many characters
CUT = 40
# characters of text shown on each side of a record in the report
CONTEXT = 15
# the commonest changes of a field's value shown in the summary, per type
TRANSITIONS = 5
# the identity of a line, not a field that can change
KEY_FIELDS = ("doc", "type")
SPAN_FIELDS = ("start", "end", "text")


# ---------------------------------------------------------------- writing


def manifest_ids(corpus: Path) -> list[str]:
    """The document ids of ``corpus/manifest.tsv``, in its order."""
    with open(corpus / "manifest.tsv", encoding="utf-8", newline="") as handle:
        return [row["id"] for row in csv.DictReader(handle, delimiter="\t")]


def read_text(corpus: Path, doc_id: str) -> str:
    """The text of one document as score.py reads it (UTF-8; its offsets are the contract's)."""
    return (corpus / "docs" / f"{doc_id}.txt").read_text(encoding="utf-8")


def _cut(text, length: int = CUT):
    if isinstance(text, str) and len(text) > length:
        return text[:length] + "…"
    return text


def document_rows(doc_id: str, document: dict) -> list[dict]:
    """The snapshot lines of one ``Document.to_dict()``, unsorted.

    Example:
        >>> import govtext
        >>> rows = document_rows("demo", govtext.extract("报送履职成果46件。", year=2024).to_dict())
        >>> [(row["type"], row.get("text")) for row in rows]
        [('document', None), ('indicators', '46件')]
    """
    head = {"doc": doc_id, "type": "document", **{key: document.get(key) for key in DOCUMENT_FIELDS}}
    head["targets"] = [{**target, "sentence": _cut(target.get("sentence"))}
                       for target in document.get("targets") or ()]
    rows = [head]
    for record_type in RECORD_TYPES:
        for record in document.get(record_type) or ():
            row = {"doc": doc_id, "type": record_type}
            row.update({key: record[key] for key in SPAN_FIELDS})
            row.update({key: value for key, value in record.items() if key not in row and key != "section"})
            rows.append(row)
    return rows


def offset_problems(text: str, rows: list[dict]) -> list[str]:
    """The records of ``rows`` whose text is not ``text[start:end]``, described."""
    return [f"{row['doc']} {row['type']} [{row['start']}:{row['end']}] {row['text']!r} "
            f"!= {text[row['start']:row['end']]!r}"
            for row in rows if row["type"] != "document" and text[row["start"]:row["end"]] != row["text"]]


def snapshot_document(task: tuple[str, str]) -> tuple[list[dict], list[str]]:
    """Worker: the snapshot lines of one document and its problems (a failure is a line too)."""
    import govtext

    corpus, doc_id = task
    try:
        text = read_text(Path(corpus), doc_id)
        rows = document_rows(doc_id, govtext.extract(text, doc_id=doc_id).to_dict())
    except Exception as error:  # a failing document never stops the run; its line says why
        message = f"{type(error).__name__}: {error}"
        return [{"doc": doc_id, "type": "document", "error": message}], [f"{doc_id}: {message}"]
    return rows, offset_problems(text, rows)


def run_corpus(corpus: Path, jobs: int = JOBS) -> tuple[list[dict], list[str]]:
    """The snapshot lines of every document of the manifest (sorted) and the problems found."""
    ids = manifest_ids(corpus)
    missing = [doc_id for doc_id in ids if not (corpus / "docs" / f"{doc_id}.txt").is_file()]
    if missing:
        raise SystemExit(f"snapshot.py: {len(missing)} documents of the manifest have no text in "
                         f"{corpus / 'docs'}, e.g. {missing[0]}")
    # the longest first, so that the two workers end at about the same time
    tasks = sorted(((str(corpus), doc_id) for doc_id in ids),
                   key=lambda task: -(corpus / "docs" / f"{task[1]}.txt").stat().st_size)
    rows, problems = [], []
    # fresh processes, not forks of a caller that may run threads; a worker that dies raises
    # BrokenProcessPool here instead of leaving the run waiting
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        for document_lines, document_problems in pool.map(snapshot_document, tasks):
            rows.extend(document_lines)
            problems.extend(document_problems)
    return sort_rows(rows), sorted(problems)


def line(row: dict) -> str:
    """One snapshot line: compact JSON, Chinese as it is, keys in the order of the row."""
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def sort_key(row: dict):
    return (row["doc"], TYPES.index(row["type"]), row.get("start", -1), row.get("end", -1), line(row))


def sort_rows(rows) -> list[dict]:
    """``rows`` in snapshot order: by document, type, start, end (then the whole line)."""
    return sorted(rows, key=sort_key)


def write_rows(rows, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
        for row in sort_rows(rows):
            handle.write(line(row) + "\n")
    temporary.replace(path)


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(text) for text in handle if text.strip()]


# ---------------------------------------------------------------- comparing


def _empty(value) -> bool:
    return value is None or value == [] or value == {}


def field_changes(old: dict, new: dict) -> list[str]:
    """The fields whose values differ between two lines (missing, null, [] and {} are equal).

    Example:
        >>> field_changes({"name": "a", "status": None}, {"name": "b", "rule": []})
        ['name']
    """
    changed = []
    for key in dict.fromkeys([*old, *new]):
        if key in KEY_FIELDS:
            continue
        before, after = old.get(key), new.get(key)
        if not (_empty(before) and _empty(after)) and before != after:
            changed.append(key)
    return changed


@dataclass
class Change:
    """One difference: ``old`` None for an addition, ``new`` None for a removal."""

    doc: str
    type: str
    old: dict | None
    new: dict | None
    fields: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "changed"

    @property
    def row(self) -> dict:
        return self.new if self.new is not None else self.old


def _pair_best(olds: list[dict], news: list[dict], pairs: list) -> tuple[list[dict], list[dict]]:
    """Pair each of ``olds`` with the one of ``news`` that differs in the fewest fields."""
    news = list(news)
    left = []
    for old in olds:
        if not news:
            left.append(old)
            continue
        best = min(news, key=lambda new: len(field_changes(old, new)))
        news.remove(best)
        pairs.append((old, best))
    return left, news


Pairs = list[tuple[dict, dict]]


def match_span(olds: list[dict], news: list[dict]) -> tuple[Pairs, list[dict], list[dict]]:
    """Pair the records of one (document, type, start, end): identical ones, then equal names,
    then the most alike. Returns the pairs and the records of each side left over (at most one
    side has any).

    Example:
        >>> old = [{"name": "答复率", "value": 100}, {"name": "满意率", "value": 100}]
        >>> new = [{"name": "满意率", "value": 100}, {"name": "办结率", "value": 100}]
        >>> pairs, _, _ = match_span(old, new)
        >>> [(a["name"], b["name"]) for a, b in pairs]
        [('满意率', '满意率'), ('答复率', '办结率')]
    """
    pairs: list[tuple[dict, dict]] = []
    olds, news = list(olds), list(news)
    for test in (lambda a, b: not field_changes(a, b),
                 lambda a, b: a.get("name") is not None and a.get("name") == b.get("name")):
        for old in list(olds):
            partner = next((new for new in news if test(old, new)), None)
            if partner is not None:
                pairs.append((old, partner))
                olds.remove(old)
                news.remove(partner)
    olds, news = _pair_best(olds, news, pairs)
    return pairs, olds, news


def match_overlaps(olds: list[dict], news: list[dict]) -> tuple[Pairs, list[dict], list[dict]]:
    """Pair records of one document and type whose spans overlap, largest overlap first."""
    candidates = []
    for i, old in enumerate(olds):
        for j, new in enumerate(news):
            overlap = min(old["end"], new["end"]) - max(old["start"], new["start"])
            if overlap > 0:
                candidates.append((-overlap, len(field_changes(old, new)), i, j))
    pairs, used_old, used_new = [], set(), set()
    for _, _, i, j in sorted(candidates):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((olds[i], news[j]))
    return (pairs, [old for i, old in enumerate(olds) if i not in used_old],
            [new for j, new in enumerate(news) if j not in used_new])


def compare(old_rows, new_rows) -> list[Change]:
    """Every difference between two snapshots (lists of lines), in snapshot order.

    Example:
        >>> old = [{"doc": "d", "type": "times", "start": 0, "end": 5, "text": "2024年", "value": "2024"}]
        >>> new = [{"doc": "d", "type": "times", "start": 0, "end": 5, "text": "2024年", "value": "2023"}]
        >>> [(c.kind, c.fields) for c in compare(old, new)]
        [('changed', ['value'])]
    """
    groups: dict[tuple, tuple[list, list]] = defaultdict(lambda: ([], []))
    for side, rows in enumerate((old_rows, new_rows)):
        for row in rows:
            groups[(row["doc"], row["type"], row.get("start"), row.get("end"))][side].append(row)
    changes = []
    leftovers: dict[tuple, tuple[list, list]] = defaultdict(lambda: ([], []))
    for (doc, record_type, _, _), (olds, news) in groups.items():
        if record_type == "document":
            olds, news = olds[:1], news[:1]  # one line per document
            if olds and news:
                fields = field_changes(olds[0], news[0])
                if fields:
                    changes.append(Change(doc, record_type, olds[0], news[0], fields))
            elif olds or news:
                changes.append(Change(doc, record_type, olds[0] if olds else None, news[0] if news else None))
            continue
        pairs, olds, news = match_span(olds, news)
        changes.extend(Change(doc, record_type, old, new, fields)
                       for old, new in pairs if (fields := field_changes(old, new)))
        leftovers[(doc, record_type)][0].extend(olds)
        leftovers[(doc, record_type)][1].extend(news)
    for (doc, record_type), (olds, news) in leftovers.items():
        pairs, olds, news = match_overlaps(olds, news)
        changes.extend(Change(doc, record_type, old, new, field_changes(old, new)) for old, new in pairs)
        changes.extend(Change(doc, record_type, old, None) for old in olds)
        changes.extend(Change(doc, record_type, None, new) for new in news)
    return sorted(changes, key=lambda change: (*sort_key(change.row)[:4], change.kind))


def select_rows(rows, types=None, docs=None) -> list[dict]:
    """The lines of the given types (all when None) of the documents whose id matches the glob ``docs``.

    Example:
        >>> rows = [{"doc": "nat-2024", "type": "times"}, {"doc": "city-x", "type": "times"}]
        >>> select_rows(rows, ["times"], "nat-*")
        [{'doc': 'nat-2024', 'type': 'times'}]
    """
    return [row for row in rows
            if (not types or row["type"] in types) and (not docs or fnmatch.fnmatchcase(row["doc"], docs))]


def select_field(changes: list[Change], field_name: str | None) -> list[Change]:
    """The changed records where ``field_name`` changed (every change when it is None)."""
    return [change for change in changes if not field_name or field_name in change.fields]


# ---------------------------------------------------------------- the report


def _show(value, length: int = 60) -> str:
    shown = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return shown if len(shown) <= length else shown[:length - 1] + "…"


def context(text: str | None, start: int, end: int) -> str:
    """The record's text in 【】 with up to ``CONTEXT`` characters either side, on one line.

    Example:
        >>> context("开展协商议政活动近60场次，报送各类履职成果46件", 8, 13)
        '开展协商议政活动【近60场次】，报送各类履职成果46件'
    """
    if text is None:
        return ""
    before = text[max(0, start - CONTEXT):start]
    after = text[end:end + CONTEXT]
    shown = f"{before}【{text[start:end]}】{after}"
    return shown.replace("\r", " ").replace("\n", "⏎")


def value_changes(change: Change) -> list[tuple[str, object, object]]:
    """(field, old value, new value) of each changed field but the span; a document's targets
    field by field, named ``targets[id].field``, where one target stands on both sides.

    Example:
        >>> old = {"targets": [{"indicator": "cpi", "qualifier": "at_most"}]}
        >>> new = {"targets": [{"indicator": "cpi", "qualifier": "about"}]}
        >>> value_changes(Change("d", "document", old, new, ["targets"]))
        [('targets[cpi].qualifier', 'at_most', 'about')]
    """
    changes = []
    for key in change.fields:
        if key in SPAN_FIELDS:
            continue
        before, after = change.old.get(key), change.new.get(key)
        if key != "targets" or change.type != "document":
            changes.append((key, before, after))
            continue
        old_targets = {target.get("indicator"): target for target in before or ()}
        new_targets = {target.get("indicator"): target for target in after or ()}
        for indicator in dict.fromkeys([*old_targets, *new_targets]):
            old_target, new_target = old_targets.get(indicator), new_targets.get(indicator)
            if old_target is None or new_target is None:
                changes.append((f"targets[{indicator}]", old_target, new_target))
            else:
                changes.extend((f"targets[{indicator}].{name}", old_target.get(name), new_target.get(name))
                               for name in field_changes(old_target, new_target))
    return changes


def describe_change(change: Change, text: str | None) -> list[str]:
    """The lines of the report for one change."""
    row = change.row
    if change.type == "document":
        if change.kind != "changed":
            return [f"{'+' if change.kind == 'added' else '-'} document {_show(row, 200)}"]
        return ["~ document"] + [f"    {key}: {_show(before, 90)} → {_show(after, 90)}"
                                 for key, before, after in value_changes(change)]
    span = f"[{row['start']}:{row['end']}] {row['text']}"
    if change.kind == "changed":
        old, new = change.old, change.new
        if (old["start"], old["end"]) != (new["start"], new["end"]):
            span = f"[{old['start']}:{old['end']}] {old['text']} → {span}"
        # which record of the span, where its name does not show already
        if new.get("name") not in (None, new["text"]) and "name" not in change.fields:
            span += f" ({new['name']})"
        shown = [f"{key}: {_show(before)} → {_show(after)}" for key, before, after in value_changes(change)]
        lines = [f"~ {span}  {'; '.join(shown)}".rstrip()]
    else:
        sign = "+" if change.kind == "added" else "-"
        shown = [f"{key}={_show(value, 40)}" for key, value in row.items()
                 if key not in KEY_FIELDS + SPAN_FIELDS and not _empty(value)]
        lines = [f"{sign} {span}  {' '.join(shown)}".rstrip()]
    if text is not None:
        start = min(row["start"], change.old["start"]) if change.old else row["start"]
        end = max(row["end"], change.old["end"]) if change.old else row["end"]
        lines.append(f"      {context(text, start, end)}")
    return lines


def report(changes: list[Change], texts: dict[str, str | None], old_rows, new_rows, limit: int = 20) -> str:
    """The readable report of ``changes``: counts per type and per field, then each change by
    document and type (at most ``limit`` per type; 0 shows all)."""
    totals = {"old": Counter(row["type"] for row in old_rows),
              "new": Counter(row["type"] for row in new_rows)}
    lines = [f"{name}: {len({row['doc'] for row in rows})} documents, "
             f"{sum(1 for row in rows if row['type'] != 'document')} records"
             for name, rows in (("snapshot", old_rows), ("current", new_rows))]
    lines = ["; ".join(lines)]
    if not changes:
        lines.append("no differences")
        return "\n".join(lines)
    by_type: dict[str, list[Change]] = defaultdict(list)
    for change in changes:
        by_type[change.type].append(change)
    lines.append("")
    lines.append(f"{'type':<12} {'snapshot':>9} {'current':>9} {'added':>7} {'removed':>8} {'changed':>8}")
    for record_type in TYPES:
        kinds = Counter(change.kind for change in by_type.get(record_type, ()))
        if record_type in by_type or totals["old"][record_type] or totals["new"][record_type]:
            lines.append(f"{record_type:<12} {totals['old'][record_type]:>9} {totals['new'][record_type]:>9} "
                         f"{kinds['added']:>7} {kinds['removed']:>8} {kinds['changed']:>8}")
    for record_type in TYPES:
        fields = Counter(key for change in by_type.get(record_type, ()) for key in change.fields)
        if fields:
            counts = ", ".join(f"{key} {count}" for key, count in fields.most_common())
            lines.append(f"  {record_type} fields changed: {counts}")
        # a rule change shows as the same change many times: the commonest say what happened
        transitions = Counter((key.split("[")[0] + ("." + key.split(".")[-1] if "." in key else ""),
                               _show(before, 30), _show(after, 30))
                              for change in by_type.get(record_type, ()) if change.kind == "changed"
                              for key, before, after in value_changes(change))
        for (key, before, after), count in transitions.most_common(TRANSITIONS):
            if count > 1:
                lines.append(f"    {count:>6} × {key}: {before} → {after}")
    for record_type in TYPES:
        shown = by_type.get(record_type)
        if not shown:
            continue
        lines += ["", f"=== {record_type}: {len(shown)} differences ==="]
        current_doc = None
        for number, change in enumerate(shown):
            if limit and number >= limit:
                lines.append(f"... {len(shown) - limit} more {record_type} differences (--limit 0 shows all)")
                break
            if change.doc != current_doc:
                current_doc = change.doc
                lines.append(f"--- {current_doc}")
            lines.extend(f"  {entry}" for entry in describe_change(change, texts.get(change.doc)))
    return "\n".join(lines)


# ---------------------------------------------------------------- command line


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, summary in (("write", "run govtext over the corpus and write the snapshot"),
                          ("diff", "run govtext over the corpus and show what differs from the snapshot")):
        command = commands.add_parser(name, help=summary, description=summary)
        command.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, metavar="DIR",
                             help=f"the corpus: DIR/manifest.tsv and DIR/docs/ (default: {DEFAULT_CORPUS})")
        command.add_argument("--snapshot", type=Path, default=DEFAULT_SNAPSHOT, metavar="FILE",
                             help="the snapshot file (default: tests/snapshot/corpus.jsonl)")
    diff = commands.choices["diff"]
    diff.add_argument("--new", type=Path, metavar="FILE",
                      help="compare with this snapshot file instead of running the current code")
    diff.add_argument("--type", choices=TYPES, action="append", dest="types", metavar="TYPE",
                      help=f"only this type ({', '.join(TYPES)}); may be repeated")
    diff.add_argument("--field", metavar="FIELD", help="only changed records where FIELD changed (e.g. name)")
    diff.add_argument("--docs", metavar="GLOB", help="only documents whose id matches GLOB (e.g. 'nat-20*')")
    diff.add_argument("--limit", type=int, default=20, metavar="N",
                      help="differences shown per type (default: 20; 0 shows all)")
    args = parser.parse_args(argv)
    if args.command == "diff" and not args.snapshot.is_file():
        parser.error(f"no snapshot at {args.snapshot}: run 'write' first")
    if args.command == "write" or args.new is None:
        if not (args.corpus / "manifest.tsv").is_file():
            parser.error(f"no corpus at {args.corpus} (it needs manifest.tsv and docs/); give --corpus DIR")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.command == "write":
        started = time.perf_counter()
        rows, problems = run_corpus(args.corpus)
        write_rows(rows, args.snapshot)
        seconds = time.perf_counter() - started
        counts = Counter(row["type"] for row in rows)
        print(f"wrote {args.snapshot}: {counts['document']} documents, "
              + ", ".join(f"{counts[t]} {t}" for t in RECORD_TYPES)
              + f"; {args.snapshot.stat().st_size / 1e6:.1f} MB in {seconds:.1f} s")
        for problem in problems:
            print(f"problem: {problem}", file=sys.stderr)
        return 1 if problems else 0
    old_rows = read_rows(args.snapshot)
    if args.new is not None:
        new_rows, problems = read_rows(args.new), []
    else:
        new_rows, problems = run_corpus(args.corpus)
    old_rows = select_rows(old_rows, args.types, args.docs)
    new_rows = select_rows(new_rows, args.types, args.docs)
    changes = select_field(compare(old_rows, new_rows), args.field)
    docs = {change.doc for change in changes}
    texts = {}
    for doc_id in docs:
        try:
            texts[doc_id] = read_text(args.corpus, doc_id)
        except OSError:
            texts[doc_id] = None  # the report goes without the text around the records
    try:
        print(report(changes, texts, old_rows, new_rows, args.limit))
    except BrokenPipeError:  # the reader (| head) has seen enough
        sys.stderr.close()
        return 1
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if changes or problems else 0


if __name__ == "__main__":
    sys.exit(main())
