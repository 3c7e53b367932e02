"""Flat tables of extracted documents: CSV, Parquet, Excel or Stata, one row per document or record.

The command line writes ``documents.jsonl`` (one :meth:`Document.to_dict` a line,
plus ``path``, ``sha256`` and ``text``) and turns it into four tables with
:func:`write_tables`. Every row starts with the context columns ``doc_id``,
``path``, ``region``, ``level``, ``year`` so a table can be used alone; the
column order is :data:`TABLE_COLUMNS` and does not depend on the data. Lists and
mappings (an initiative's ``members`` and ``components``) are JSON text in their
cell; a field that does not apply is an empty cell (CSV, Excel, Stata) or null
(Parquet). Values are exact decimals in ``documents.jsonl``; the number columns of
Parquet, Excel and Stata tables (``value``, ``value_max``) are floats, so a value
beyond int64 (``10.36百亿亿次`` ≈ 1.036e19) is kept, to 15 significant digits.

Every table says what made it: ``documents`` has ``govtext_version`` and
``schema_version`` columns, and Parquet files carry both in their schema metadata,
Excel workbooks in their properties (``creator``, ``description``), Stata files in
their data label. The formats:

* ``csv``: UTF-8 with a header row; ``bom=True`` (``--bom``) starts each file with a
  byte-order mark, which Excel on Windows needs to show Chinese characters;
* ``parquet``: typed columns (the ``parquet`` extra, pyarrow);
* ``xlsx``: one workbook per table (the ``xlsx`` extra, openpyxl); cells hold at most
  32,767 characters and no control characters, as Excel requires;
* ``dta``: Stata 15+ files (format 118, Unicode; the ``pandas`` extra): booleans are
  0/1, lists are joined with ``"; "``, mappings are JSON text, missing text is ``""``;
  ``end``, a reserved word in Stata, is named ``end_``.

Example:
    >>> row = {"doc_id": "a", "path": "a.txt", "reference_date": "2024-03-05", "region": None,
    ...        "indicators": [{"start": 0, "end": 3, "text": "46件", "value": 46, "unit": "件"}]}
    >>> next(table_rows(row)["indicators"])["year"], TABLE_COLUMNS["indicators"][:7]
    (2024, ('doc_id', 'path', 'region', 'level', 'year', 'start', 'end'))
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

from .errors import MissingExtraError
from .files import atomic_writer
from .records import RECORD_TYPES

CONTEXT_COLUMNS = ("doc_id", "path", "region", "level", "year")
DOCUMENT_COLUMNS = (
    *CONTEXT_COLUMNS,
    "kind", "title", "reference_date", "schema_version", "govtext_version", "sha256", "chars",
    "n_indicators", "n_times", "n_initiatives",
)
# A record table has the context columns, then the record's own fields in the
# order of its dataclass, so a field added to a record type is a column at once.
TABLE_COLUMNS = {
    "documents": DOCUMENT_COLUMNS,
    **{
        kind: (*CONTEXT_COLUMNS, *(f.name for f in dataclasses.fields(record_type)))
        for kind, record_type in RECORD_TYPES.items()
    },
}
TABLE_FORMATS = ("csv", "parquet", "xlsx", "dta")
# Stata string variables longer than this many bytes must be strL
_STATA_STR_BYTES = 2045
_EXCEL_CELL_CHARS = 32767
LIST_SEPARATOR = "; "
# columns whose name is a Stata reserved word, and their name in a .dta file
STATA_NAMES = {"end": "end_"}


def _year(reference_date: str | None) -> int | None:
    return int(reference_date[:4]) if reference_date else None


def table_rows(document: dict) -> dict[str, Iterator[dict]]:
    """The rows one document (a line of ``documents.jsonl``) adds to each table, made as
    they are read."""
    context = {
        "doc_id": document.get("doc_id"),
        "path": document.get("path"),
        "region": document.get("region"),
        "level": document.get("level"),
        "year": _year(document.get("reference_date")),
    }
    records = {kind: document.get(kind) or [] for kind in RECORD_TYPES}
    summary = {
        **context,
        **{column: document.get(column) for column in ("kind", "title", "reference_date",
                                                        "schema_version", "govtext_version", "sha256")},
        "chars": len(document["text"]) if "text" in document else None,
        **{f"n_{kind}": len(rows) for kind, rows in records.items()},
    }
    rows = {"documents": iter([summary])}
    for kind, kind_records in records.items():
        # made as they are read: a large document's records are not copied all at once
        rows[kind] = ({**context, **record} for record in kind_records)
    return rows


def _cell(value):
    """A CSV or Parquet cell: lists and mappings as JSON text."""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def iter_documents(documents_path: str | os.PathLike):
    """The documents of a ``documents.jsonl`` file, as dicts, in file order."""
    with open(documents_path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def write_tables(
    documents_path: str | os.PathLike, folder: str | os.PathLike, format: str = "csv", bom: bool = False
) -> list[Path]:
    """Write ``documents``, ``indicators``, ``times`` and ``initiatives`` tables into ``folder``.

    ``format`` is one of :data:`TABLE_FORMATS` (see the module docstring): ``csv``
    (UTF-8, a header row, a byte-order mark first if ``bom``), ``parquet`` (the
    ``parquet`` extra), ``xlsx`` (the ``xlsx`` extra) or ``dta`` (Stata, the ``pandas``
    extra). Returns the paths written.

    Example:
        >>> import json, tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> line = {"doc_id": "a", "path": "a.txt", "reference_date": "2024", "text": "近60场次",
        ...         "indicators": [{"start": 0, "end": 5, "text": "近60场次", "value": 60, "unit": "场次"}]}
        >>> _ = (folder / "documents.jsonl").write_text(json.dumps(line) + "\\n", encoding="utf-8")
        >>> [p.name for p in write_tables(folder / "documents.jsonl", folder)]
        ['documents.csv', 'indicators.csv', 'times.csv', 'initiatives.csv']
        >>> (folder / "indicators.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[:10]
        ['a', 'a.txt', '', '', '2024', '0', '5', '近60场次', '60', '场次']
    """
    if format not in TABLE_FORMATS:
        raise ValueError(f"format must be one of {', '.join(TABLE_FORMATS)}, not {format!r}")
    folder = Path(folder)
    paths = {table: folder / f"{table}.{format}" for table in TABLE_COLUMNS}
    if format == "parquet":
        _write_parquet(documents_path, paths)
    elif format == "xlsx":
        _write_xlsx(documents_path, paths)
    elif format == "dta":
        _write_dta(documents_path, paths)
    else:
        _write_csv(documents_path, folder, bom)
    return list(paths.values())


def csv_chunks(document: dict) -> dict[str, str]:
    """The CSV lines (no header) that one document adds to each table.

    Worker processes make them as each document is done, so that the main process
    only appends text (:class:`CsvTables`).
    """
    chunks = {}
    for table, rows in table_rows(document).items():
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=TABLE_COLUMNS[table], extrasaction="ignore",
                                lineterminator="\n")
        writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
        chunks[table] = buffer.getvalue()
    return chunks


@contextlib.contextmanager
def csv_tables(folder: str | os.PathLike, bom: bool = False):
    """The four CSV tables of ``folder``, written atomically: yields a function that
    appends the :func:`csv_chunks` of one document; the files replace the old ones
    only when the block ends without an error. ``bom`` starts each file with a
    UTF-8 byte-order mark (for Excel)."""
    folder = Path(folder)
    encoding = "utf-8-sig" if bom else "utf-8"
    with contextlib.ExitStack() as stack:
        handles = {}
        for table, columns in TABLE_COLUMNS.items():
            handle = stack.enter_context(
                atomic_writer(folder / f"{table}.csv", encoding=encoding, newline="")
            )
            csv.writer(handle, lineterminator="\n").writerow(columns)
            handles[table] = handle

        def append(chunks: dict[str, str]) -> None:
            for table, text in chunks.items():
                handles[table].write(text)

        yield append


def _write_csv(documents_path, folder: Path, bom: bool = False) -> None:
    with csv_tables(folder, bom) as append:
        for document in iter_documents(documents_path):
            append(csv_chunks(document))


def column_kinds() -> dict[str, dict[str, str]]:
    """The kind of every column of every table: ``int``, ``float``, ``bool`` or ``text``.

    Example:
        >>> column_kinds()["indicators"]["value"], column_kinds()["times"]["event"]
        ('float', 'bool')
    """
    by_annotation = {"int": "int", "Decimal": "float", "Decimal | None": "float", "bool": "bool"}
    known = {"year": "int", "start": "int", "end": "int", "chars": "int"}
    kinds = {}
    for table, columns in TABLE_COLUMNS.items():
        annotations = {}
        if table in RECORD_TYPES:
            annotations = {f.name: str(f.type) for f in dataclasses.fields(RECORD_TYPES[table])}
        kinds[table] = {
            column: known.get(column)
            or ("int" if column.startswith("n_") else None)
            or by_annotation.get(annotations.get(column), "text")
            for column in columns
        }
    return kinds


def _arrow_types(pyarrow) -> dict[str, dict[str, object]]:
    """The Parquet type of every column: integers, floats, booleans, else text."""
    types = {"int": pyarrow.int64(), "float": pyarrow.float64(), "bool": pyarrow.bool_(),
             "text": pyarrow.string()}
    return {table: {column: types[kind] for column, kind in kinds.items()}
            for table, kinds in column_kinds().items()}


def _columns(documents_path) -> dict[str, dict[str, list]]:
    """The cells of every table, column by column, as the JSON lines give them."""
    columns = {table: {column: [] for column in names} for table, names in TABLE_COLUMNS.items()}
    for document in iter_documents(documents_path):
        for table, rows in table_rows(document).items():
            for row in rows:
                for column, values in columns[table].items():
                    values.append(row.get(column))
    return columns


def _made_by() -> dict[str, str]:
    from . import __version__
    from .records import SCHEMA_VERSION

    return {"govtext_version": __version__, "schema_version": SCHEMA_VERSION}


def _write_parquet(documents_path, paths: dict[str, Path]) -> None:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as error:
        raise MissingExtraError("Parquet tables need pyarrow: pip install 'govtext[parquet]'") from error
    types = _arrow_types(pyarrow)
    for table, values in _columns(documents_path).items():
        arrays = []
        for column, cells in values.items():
            kind = types[table][column]
            cells = [_cell(cell) for cell in cells]
            arrays.append(pyarrow.array(_as_floats(cells) if kind == pyarrow.float64() else cells, type=kind))
        frame = pyarrow.Table.from_arrays(arrays, names=list(values))
        frame = frame.replace_schema_metadata(_made_by())
        with atomic_writer(paths[table], "wb") as handle:
            pyarrow.parquet.write_table(frame, handle)


def _as_floats(values: list) -> list:
    """Numbers of a float column as floats: a whole value is a JSON int, and one beyond
    int64 (10.36百亿亿次 = 1.036e19) would not convert to a float column otherwise."""
    return [float(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in values]


def _write_xlsx(documents_path, paths: dict[str, Path]) -> None:
    try:
        import openpyxl
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    except ImportError as error:
        raise MissingExtraError("Excel tables need openpyxl: pip install 'govtext[xlsx]'") from error
    made_by = _made_by()
    kinds = column_kinds()

    def excel_cell(value, kind):
        if value is None:
            return None
        if kind == "float":
            return float(value)
        value = _cell(value)
        if isinstance(value, str):
            # Excel refuses control characters and cells beyond 32,767 characters
            return ILLEGAL_CHARACTERS_RE.sub("", value)[:_EXCEL_CELL_CHARS]
        return value

    for table, values in _columns(documents_path).items():
        workbook = openpyxl.Workbook(write_only=True)
        workbook.properties.creator = f"govtext {made_by['govtext_version']}"
        workbook.properties.description = "; ".join(f"{k}={v}" for k, v in made_by.items())
        sheet = workbook.create_sheet(table)
        sheet.append(list(values))
        for row in zip(*values.values(), strict=True):
            sheet.append([excel_cell(v, kinds[table][c]) for c, v in zip(values, row, strict=True)])
        with atomic_writer(paths[table], "wb") as handle:
            workbook.save(handle)


def _stata_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return LIST_SEPARATOR.join(value)
    return str(_cell(value))


def _write_dta(documents_path, paths: dict[str, Path]) -> None:
    try:
        import pandas
    except ImportError as error:
        raise MissingExtraError("Stata tables need pandas: pip install 'govtext[pandas]'") from error
    made_by = _made_by()
    label = f"govtext {made_by['govtext_version']}, schema {made_by['schema_version']}"
    kinds = column_kinds()
    for table, values in _columns(documents_path).items():
        data, strl = {}, []
        for column, cells in values.items():
            kind = kinds[table][column]
            if kind == "bool":
                data[column] = pandas.array([None if c is None else int(c) for c in cells], dtype="Int8")
            elif kind in ("int", "float"):
                # Stata's missing value is a float one; numbers beyond int64 stay floats
                data[column] = pandas.array([None if c is None else float(c) for c in cells], dtype="float64")
            else:
                texts = [_stata_text(c) for c in cells]
                data[column] = pandas.Series(texts, dtype=object)
                if any(len(t.encode("utf-8")) > _STATA_STR_BYTES for t in texts):
                    strl.append(column)
        frame = pandas.DataFrame(data).rename(columns=STATA_NAMES)
        with atomic_writer(paths[table], "wb") as handle:
            frame.to_stata(handle, write_index=False, version=118, data_label=label,
                           convert_strl=strl)
