"""A dataset as a folder of CSV files, one per kind, described by ``datapackage.json``.

Multi-value cells separate values with ``|``. Memberships of networks and parties to
agreements, which carry dates, go in child tables (``network_members.csv``,
``agreement_parties.csv``) with a column naming their parent; a plain ``members`` or
``parties`` cell (``KHM|THA``) works too when there are no dates to give.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import compress
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, overload

from pydantic import ValidationError

import coordgraph.io.columnar as columnar
from coordgraph.errors import DataError, Problem
from coordgraph.io.atomic import TMP_PREFIX, OutputFolder
from coordgraph.io.columnar import MULTILINE_COLUMNS
from coordgraph.io.raw import RawRecord
from coordgraph.io.safe import CELL_ESCAPE, restore_cell, safe_cell, safe_cells_expr
from coordgraph.io.tree import read_bytes, read_json_tree, read_text
from coordgraph.model import RECORD_TYPES, SECTIONS, DatasetInfo, Link, Record, Route
from coordgraph.suggest import did_you_mean

if TYPE_CHECKING:
    import polars as pl

    from coordgraph.routes.table import RouteTable

__all__ = [
    "CHILD_TABLES",
    "ColumnarRoutes",
    "FrameRows",
    "OutTable",
    "Table",
    "cell_text",
    "column_aliases",
    "datapackage",
    "dataset_tables",
    "read_csv_dir",
    "records_from_tables",
    "sniff_delimiter",
    "write_csv_dir",
]


def _child_tables() -> dict[str, tuple[str, str, str, type[Link]]]:
    """child table stem -> (parent section, parent column, field, link model)."""
    tables: dict[str, tuple[str, str, str, type[Link]]] = {}
    for cls in RECORD_TYPES:
        for ref in cls.REFS:
            if ref.link:
                annotation = cls.model_fields[ref.field].annotation
                link_cls = annotation.__args__[0]  # type: ignore[union-attr]
                parent_col = cls.KIND.lower()
                tables[f"{parent_col}_{ref.field}"] = (cls.SECTION, parent_col, ref.field, link_cls)
    return tables


CHILD_TABLES = _child_tables()


#: Largest CSV file read (a million routes take about 60 MB).
MAX_CSV_BYTES = 200_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


_SEP_LINE = re.compile(r"^\ufeff?sep=([,;\t])\r?$", re.IGNORECASE)


def sniff_delimiter(text: str, known: Iterable[str] = ()) -> tuple[str, int]:
    """The column separator of a CSV text, and how many lines come before its header.

    Commas, unless the file says otherwise unambiguously:

    * a first line ``sep=;`` (or ``sep=,``, ``sep=<tab>``), which Excel writes and reads;
    * a header with no comma that splits on ``;`` into column names all in ``known``
      (what Excel saves under a French, German or Spanish locale).

    A comma-decimal number in such a file (``12,5``) is read as the text ``12,5``, which
    the schema then refuses where a number is expected; it is never split or rounded.

    >>> sniff_delimiter("id;name;origin\\nr1;Route;ALB\\n", {"id", "name", "origin"})
    (';', 0)
    >>> sniff_delimiter("sep=;\\nid;origin\\n")
    (';', 1)
    >>> sniff_delimiter("id;notes\\n", {"id"})
    (',', 0)
    """
    lines = text.split("\n", 2)
    first = lines[0]
    match = _SEP_LINE.match(first)
    if match:
        return match.group(1), 1
    names = [n.strip().strip('"').strip() for n in first.rstrip("\r").split(";")]
    known = set(known)
    if "," not in first and len(names) > 1 and all(n in known for n in names):
        return ";", 0
    return ",", 0


def _read_table(
    path: Path,
    problems: list[Problem],
    known: frozenset[str] = frozenset(),
    *,
    restore: bool = False,
) -> list[tuple[int, dict[str, str]]] | None:
    """The rows of one CSV file (line, column -> cell), or None with its problems;
    ``restore`` removes the apostrophe coordgraph put before formula-like cells."""
    name = path.name
    try:
        data = read_bytes(path, MAX_CSV_BYTES)
    except DataError as exc:
        problems.append(Problem(name, None, None, str(exc).removeprefix(f"{path}: ")))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(
                name,
                data[: exc.start].count(b"\n") + 1,
                None,
                f"not UTF-8 text (byte 0x{data[exc.start]:02x})",
                "the file looks Latin-1/Windows-1252 encoded; save it as CSV UTF-8",
            )
        )
        return None
    if not text.strip():
        problems.append(
            Problem(name, None, None, "the file is empty", "give at least a header row")
        )
        return None
    delimiter, skip = sniff_delimiter(text, known)
    lines = text.splitlines()
    header_line = lines[skip] if len(lines) > skip else ""
    del lines
    if delimiter == "," and "," not in header_line and (";" in header_line or "\t" in header_line):
        sep = "';'" if ";" in header_line else "tab"
        problems.append(
            Problem(
                name,
                1,
                None,
                f"columns are separated by {sep}, not commas",
                "save as comma-separated CSV (UTF-8), or make the first line sep=" + sep.strip("'")
                if sep != "tab"
                else "save as comma-separated CSV (UTF-8)",
            )
        )
        return None
    rows = _csv_rows(name, text, problems, delimiter, skip)
    if rows is None:
        return None
    if not rows:
        problems.append(
            Problem(name, None, None, "the file is empty", "give at least a header row")
        )
        return None
    header = [h.strip() for h in rows[0][1]]
    blank = [i + 1 for i, h in enumerate(header) if not h]
    if blank:
        problems.append(Problem(name, 1, None, f"column {blank[0]} has no name in the header"))
        return None
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        problems.append(Problem(name, 1, dupes[0], "column named twice in the header"))
        return None
    out: list[tuple[int, dict[str, str]]] = []
    # Whole-file facts that let a row skip per-cell work: a file with no control
    # character has none in any cell, and restore_cell leaves a cell that does not
    # start with the escape as it is (so a file without one has nothing to restore).
    plain = _CONTROL.search(text) is None
    restore = restore and CELL_ESCAPE in text
    for (line, last), cells in rows[1:]:
        row = _table_row(name, header, line, last, cells, problems, restore=restore, plain=plain)
        if row is not None:
            out.append((line, row))
    return out


def _table_row(
    name: str,
    header: list[str],
    line: int,
    last: int,
    cells: list[str],
    problems: list[Problem],
    *,
    restore: bool,
    plain: bool = False,
) -> dict[str, str] | None:
    """One row of a CSV file (rows ``line`` to ``last``) as column -> cell, its empty
    cells left out; None for a blank row, or with its problems (a cell count that is not
    the header's, a quoted cell running over rows, a control character). ``plain``: the
    file holds no control character, so a row on one line has no cell to check."""
    if not any(map(str.strip, cells)):
        return None
    if len(cells) != len(header):
        problems.append(
            Problem(
                name,
                line,
                None,
                f"row has {len(cells)} cells but the header has {len(header)} columns",
                "check for an unquoted comma or a missing cell",
            )
        )
        return None
    if plain and last == line:
        return _kept_cells(header, cells, restore=restore)
    bad = False
    for column, cell in zip(header, cells, strict=True):
        if last > line and ("\n" in cell or "\r" in cell) and column not in MULTILINE_COLUMNS:
            problems.append(
                Problem(
                    name,
                    line,
                    column,
                    f"a quoted cell runs from row {line} to row {last}",
                    'check for a quote (") that is never closed',
                )
            )
            bad = True
        elif _CONTROL.search(cell):
            char = _CONTROL.search(cell).group()  # type: ignore[union-attr]
            problems.append(
                Problem(name, line, column, f"contains the control character U+{ord(char):04X}")
            )
            bad = True
    if bad:
        return None
    return _kept_cells(header, cells, restore=restore)


def _kept_cells(header: list[str], cells: list[str], *, restore: bool) -> dict[str, str]:
    """Column -> cell for the cells that are not blank (only white space is blank)."""
    if restore:
        cells = list(map(restore_cell, cells))
    # the same test as ``c.strip() != ""``, run without a Python loop per cell
    return dict(compress(zip(header, cells, strict=True), map(str.strip, cells)))


def _csv_rows(
    name: str, text: str, problems: list[Problem], delimiter: str = ",", skip: int = 0
) -> list[tuple[tuple[int, int], list[str]]] | None:
    """Rows with the lines each starts and ends on; a quoting error is a problem at its row."""
    body = io.StringIO(text, newline="")
    for _ in range(skip):
        body.readline()
    reader = csv.reader(body, delimiter=delimiter, strict=True)
    rows: list[tuple[tuple[int, int], list[str]]] = []
    while True:
        start = reader.line_num + 1 + skip
        try:
            cells = next(reader)
        except StopIteration:
            return rows
        except csv.Error as exc:
            reason = str(exc)
            if "unexpected end of data" in reason:
                message = f"a quoted cell that starts on row {start} is never closed"
                hint = 'check for an unbalanced quote (")'
            elif "field larger than field limit" in reason:
                message = f"a cell longer than {csv.field_size_limit()} characters"
                hint = 'check for an unbalanced quote (")'
            else:
                message = f"unreadable CSV: {reason}"
                hint = "a quoted cell must be followed by a comma or the end of the row"
            problems.append(Problem(name, start, None, message, hint))
            return None
        rows.append(((start, reader.line_num + skip), cells))


#: How close a column name must be to a known one to be read as a typo of it.
_TYPO_CUTOFF = 0.75


def _check_columns(
    name: str,
    cls: type[Any],
    columns: set[str],
    problems: list[Problem],
    extra_ok: frozenset[str] = frozenset(),
) -> bool:
    """Check a table's columns; ``False`` when a required one is missing (the table
    cannot be read). A column coordgraph does not know is left out: a problem when it
    looks like a typo of a known column, a warning naming ``notes`` otherwise, and
    nothing at all when its name starts with ``_`` (the user's own column)."""
    import difflib

    known = set(cls.model_fields) | set(extra_ok) | set(column_aliases(cls))
    ok = True
    for col in sorted(columns - known):
        if col.startswith("_") or carried_into_notes(col):
            continue
        close = difflib.get_close_matches(col, sorted(known), n=1, cutoff=_TYPO_CUTOFF)
        if not close:
            close = [k for k in known if k.lower() == col.strip().lower()]
        if close:
            problems.append(Problem(name, 1, col, "unknown column", f"did you mean {close[0]!r}?"))
            continue
        notes = "notes" in cls.model_fields
        problems.append(
            Problem(
                name,
                1,
                col,
                "a column coordgraph does not read; its text is left out",
                (
                    f"to keep its text, name the column notes, or 'notes: {col}' when there is"
                    " a notes column already; "
                    if notes
                    else ""
                )
                + f"to leave it out quietly, name it _{col}",
                warning=True,
            )
        )
    required = {n for n, f in cls.model_fields.items() if f.is_required()} - set(extra_ok)
    present = columns | {column_aliases(cls).get(c, c) for c in columns}
    for col in sorted(required - present):
        problems.append(Problem(name, 1, col, "required column is missing"))
        ok = False
    return ok


def carried_into_notes(column: str) -> bool:
    """Whether a column's text joins the record's ``notes``: a column named
    ``notes: Comments`` (or ``notes (Comments)``, ``notes_comments``)."""
    head = column.strip().lower()
    return head.startswith("notes") and head != "notes" and not head[5].isalnum()


def _fold_notes(row: dict[str, str], known: frozenset[str]) -> dict[str, str]:
    """The row with the columns coordgraph does not read left out, and the text of the
    ``notes: ...`` columns added to ``notes`` (each as ``Comments: text``)."""
    kept = {k: v for k, v in row.items() if k in known}
    extra = [
        f"{k.strip()[5:].strip(' :_-()[]') or 'notes'}: {v.strip()}"
        for k, v in row.items()
        if k not in known and carried_into_notes(k) and v.strip()
    ]
    if extra:
        kept["notes"] = "; ".join([*([kept["notes"]] if kept.get("notes") else []), *extra])
    return kept


def _copy_row(row: dict[str, str], known: frozenset[str]) -> dict[str, str]:
    """What :func:`_fold_notes` gives for a row whose columns are all ``known``."""
    return dict(row)


def column_aliases(cls: type[Any]) -> dict[str, str]:
    """Other column names a field accepts (``kind`` for ``type``)."""
    out: dict[str, str] = {}
    for name, info in cls.model_fields.items():
        choices = getattr(info.validation_alias, "choices", None) or ()
        out.update({str(c): name for c in choices if c != name})
    return out


@dataclass
class Table:
    """One table of the layout as read from a file or a sheet.

    ``name`` is what problems call it (``routes.csv``, or the sheet's title in a
    workbook); ``rows`` are ``(row number, {column: text})`` with blank cells left out.
    """

    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]


@dataclass
class ColumnarRoutes:
    """``routes.csv`` being read column-wise (see :mod:`coordgraph.io.columnar`) in a
    thread of its own, while the other tables are read and validated (polars releases
    the interpreter while it parses), with the way back to its rows should the screen
    or a rule across tables refuse it (then every problem is worded by the record path).
    """

    path: Path
    pending: Future[RouteTable | None]
    restore: bool = False

    @classmethod
    def start(cls, path: Path, *, restore: bool = False) -> ColumnarRoutes:
        """Start reading ``path`` column-wise (``restore``: see :func:`_read_table`)."""
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="routes.csv")
        pending = pool.submit(
            columnar.read_routes_csv, path, max_bytes=MAX_CSV_BYTES, restore=restore
        )
        pool.shutdown(wait=False)
        return cls(path, pending, restore)

    def table(self) -> RouteTable | None:
        """The routes as a validated table (waiting for the read to end), or ``None``
        when the file is to be read row by row."""
        return self.pending.result()

    def raw_records(self, problems: list[Problem]) -> list[RawRecord]:
        """The file read row by row, as the record path reads it."""
        known = _known_columns(Route.SECTION)
        rows = _read_table(self.path, problems, known, restore=self.restore)
        if rows is None:
            return []
        table = Table(self.path.name, _header(self.path, known), rows)
        return records_from_tables({Route.SECTION: table}, problems)


def read_csv_dir(
    path: Path, *, columnar: bool = True
) -> tuple[DatasetInfo | None, list[RawRecord], list[Problem], ColumnarRoutes | None]:
    """Read every ``<section>.csv`` and child table in a folder.

    Returns the descriptor's info, the rows as raw records, the problems found so far
    and, when ``columnar`` and there is a ``routes.csv``, that file being read
    column-wise (its rows are then not among the raw records; see
    :func:`coordgraph.io.raw.build_dataset`).
    """
    routes_file = path / f"{Route.SECTION}.csv"
    restore = cells_escaped(path)
    routes = (
        ColumnarRoutes.start(routes_file, restore=restore)
        if columnar and routes_file.exists()
        else None
    )
    problems: list[Problem] = []
    info = _read_descriptor(path, problems)
    known_files = set(SECTIONS) | set(CHILD_TABLES)
    for csv_path in sorted(path.glob("*.csv")):
        if csv_path.name.startswith(TMP_PREFIX):
            continue  # a write in progress, or left by a killed one (swept by the next)
        if csv_path.stem not in known_files:
            problems.append(
                Problem(
                    csv_path.name,
                    None,
                    None,
                    "unknown table",
                    "known tables: " + ", ".join(sorted(known_files)),
                )
            )
    tables: dict[str, Table] = {}
    for stem in [*SECTIONS, *CHILD_TABLES]:
        file = path / f"{stem}.csv"
        if not file.exists() or (routes is not None and stem == Route.SECTION):
            continue
        known = _known_columns(stem)
        rows = _read_table(file, problems, known, restore=restore)
        if rows is not None:
            tables[stem] = Table(file.name, _header(file, known), rows)
    return info, records_from_tables(tables, problems), problems, routes


def records_from_tables(
    tables: dict[str, Table], problems: list[Problem], *, suffix: str = ".csv"
) -> list[RawRecord]:
    """Turn the tables of the layout (keyed by section or child-table stem) into raw
    records: check the columns against the schema and attach child rows to their parents.

    The CSV folder and the workbook reader both call this, so both read one layout;
    ``suffix`` names a missing table in messages (``networks.csv``, or a sheet).
    """
    raws: list[RawRecord] = []
    by_id: dict[tuple[str, str], RawRecord] = {}
    for section, cls in SECTIONS.items():
        table = tables.get(section)
        if table is None:
            continue
        columns = set().union(*(r.keys() for _, r in table.rows)) if table.rows else set()
        if not _check_columns(table.name, cls, set(table.header) or columns, problems):
            continue
        known = _known_columns(section)
        fold = _fold_notes if not columns <= known else _copy_row
        for line, row in table.rows:
            raw = RawRecord(section, fold(row, known), table.name, line)
            raws.append(raw)
            if "id" in row:
                by_id.setdefault((section, row["id"].strip()), raw)
    for stem, (section, parent_col, field, link_cls) in CHILD_TABLES.items():
        table = tables.get(stem)
        if table is None:
            continue
        if not _check_columns(
            table.name, link_cls, set(table.header), problems, frozenset({parent_col})
        ):
            continue
        if parent_col not in set(table.header):
            problems.append(Problem(table.name, 1, parent_col, "required column is missing"))
            continue
        parent_table = tables.get(section)
        parent_name = parent_table.name if parent_table else f"{section}{suffix}"
        known = _known_columns(stem)
        parent_ids = sorted(i for s, i in by_id if s == section)
        columns = set().union(*(r.keys() for _, r in table.rows)) if table.rows else set()
        fold = _fold_notes if not columns <= known else _copy_row
        for line, whole in table.rows:
            row = fold(whole, known)
            parent_id = row.pop(parent_col, "").strip()
            parent = by_id.get((section, parent_id))
            if parent is None:
                problems.append(
                    Problem(
                        table.name,
                        line,
                        parent_col,
                        f"{parent_id!r} is not an id in {parent_name}",
                        did_you_mean(parent_id, parent_ids),
                    )
                )
                continue
            existing = parent.data.get(field)
            items: list[Any] = (
                existing  # the list made for an earlier row of this table: grow it
                if isinstance(existing, list)
                else [p.strip() for p in existing.split("|") if p.strip()]
                if isinstance(existing, str)
                else list(existing or [])
            )
            parent.origins[(field, len(items))] = (table.name, line)
            items.append(row)
            parent.data[field] = items
    return raws


def _header(file: Path, known: frozenset[str] = frozenset()) -> list[str]:
    try:
        text = file.read_bytes().decode("utf-8-sig")
        delimiter, skip = sniff_delimiter(text, known)
        first = text.splitlines()[skip]
    except (UnicodeDecodeError, IndexError):
        return []
    return [h.strip() for h in next(csv.reader([first], delimiter=delimiter))]


def _known_columns(stem: str) -> frozenset[str]:
    """Every column name a table accepts (fields, aliases, a child table's parent)."""
    if stem in SECTIONS:
        cls: type[Any] = SECTIONS[stem]
        extra: set[str] = set()
    else:
        _section, parent_col, _field, cls = CHILD_TABLES[stem]
        extra = {parent_col}
    return frozenset(set(cls.model_fields) | set(column_aliases(cls)) | extra)


def cells_escaped(path: Path) -> bool:
    """Whether the folder's ``datapackage.json`` says coordgraph put an apostrophe
    before formula-like cells (``"coordgraph": {"cell_escape": "'"}``); the descriptor's
    problems are reported by :func:`_read_descriptor`."""
    try:
        desc = json.loads(read_text(path / "datapackage.json"))
    except (DataError, OSError, ValueError):
        return False
    extra = desc.get("coordgraph") if isinstance(desc, dict) else None
    return isinstance(extra, dict) and extra.get("cell_escape") == CELL_ESCAPE


def _coordgraph_block(extra: object, bad: Callable[[str, str], None]) -> dict[str, Any]:
    """The ``coordgraph`` object of ``datapackage.json``: what the dataset is beyond a
    data package (synthetic, include, as_of, its expects and own profiles), checked."""
    out: dict[str, Any] = {"synthetic": False}
    if extra is None:
        return out
    if not isinstance(extra, dict):
        bad("coordgraph", 'must be an object such as {"synthetic": false}')
        return out
    synthetic = extra.get("synthetic", False)
    if not isinstance(synthetic, bool):
        bad("coordgraph", "synthetic must be true or false")
        synthetic = False
    out["synthetic"] = synthetic
    if extra.get("cell_escape", CELL_ESCAPE) != CELL_ESCAPE:
        bad("coordgraph", f"cell_escape must be {CELL_ESCAPE!r} (or left out)")
    out["include"] = extra.get("include") or ()
    out.update({k: extra[k] for k in ("expects", "profiles") if extra.get(k)})
    as_of = extra.get("as_of")
    if as_of is not None and not isinstance(as_of, str):
        bad("coordgraph", 'as_of must be a date in text, such as "2019-06"')
        as_of = None
    out["as_of"] = as_of
    return out


def _read_descriptor(path: Path, problems: list[Problem]) -> DatasetInfo | None:
    """The dataset's name and title from ``datapackage.json``; every problem has its line."""
    file = path / "datapackage.json"
    if not file.exists():
        return None
    name = file.name
    try:
        text = read_text(file)
    except DataError as exc:
        problems.append(Problem(name, None, None, str(exc).removeprefix(f"{file}: ")))
        return None
    if not text.strip():
        problems.append(Problem(name, None, None, "the file is empty"))
        return None
    tree = read_json_tree(text, name)
    problems.extend(tree.problems)
    desc, lines = tree.value, tree.lines
    if tree.problems:
        return None
    if not isinstance(desc, dict):
        problems.append(
            Problem(name, 1, None, "expected a JSON object (a Data Package descriptor)")
        )
        return None

    def bad(key: str, message: str) -> None:
        problems.append(Problem(name, lines.get((key,), 1), key, message))

    fields: dict[str, Any] = {}
    for key in ("name", "title", "description", "homepage"):
        value = desc.get(key)
        if value is not None and not isinstance(value, str):
            bad(key, "must be text")
        elif value:
            fields[key] = value
    licences = desc.get("licenses")
    licence = None
    if licences is not None:
        if not isinstance(licences, list) or not all(isinstance(x, dict) for x in licences):
            bad("licenses", 'must be a list of objects such as {"name": "CC-BY-4.0"}')
        elif licences:
            first = licences[0].get("name") or licences[0].get("title")
            if first is not None and not isinstance(first, str):
                bad("licenses", "a licence name must be text")
            licence = first
    extra = _coordgraph_block(desc.get("coordgraph"), bad)
    dataset_name = fields.get("name") or path.name
    dataset_name = fields.get("name") or path.name
    given: dict[str, Any] = {
        "name": dataset_name,
        "title": fields.get("title") or dataset_name,
        "description": fields.get("description"),
        "licence": licence,
        "homepage": fields.get("homepage"),
        **extra,
    }
    expectations = {k for k in ("expects", "profiles") if k in extra}
    try:
        return DatasetInfo(**given)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            key = str(err["loc"][0]) if err["loc"] else "name"
            if key in expectations:
                line = lines.get(("coordgraph", key), lines.get(("coordgraph",), 1))
                field = ".".join(["coordgraph", *(str(x) for x in err["loc"])])
                message = str(err["msg"]).removeprefix("Value error, ")
                problems.append(Problem(name, line, field, message))
                continue
            if key == "include":
                problems.append(
                    Problem(
                        name,
                        lines.get(("coordgraph", "include"), lines.get(("coordgraph",), 1)),
                        "coordgraph.include",
                        str(err["msg"]).removeprefix("Value error, "),
                        'e.g. "include": ["reference"]',
                    )
                )
                continue
            bad(key, str(err["msg"]).removeprefix("Value error, "))
        if {str(e["loc"][0]) for e in exc.errors() if e["loc"]} == {"expects"}:
            # said; the records are still checked against the dataset's own profiles
            return DatasetInfo(**{k: v for k, v in given.items() if k != "expects"})
        return None


# ----------------------------------------------------------------------------- writing


#: Between the values of a multi-value cell.
LIST_SEPARATOR = "|"


def cell_text(value: Any) -> str:
    """A value as the text of one cell (CSV or workbook): empty for nothing, ``true`` or
    ``false``, a list joined by ``LIST_SEPARATOR``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(cell_text(v) for v in value)
    return str(value)


def _columns(cls: type[Any], skip: set[str]) -> list[str]:
    return [n for n in cls.model_fields if n not in skip]


class FrameRows(Sequence[list[Any]]):
    """The rows of a table held as a polars DataFrame (the routes), read a chunk at a
    time: what :class:`OutTable` holds for a section that is a table, not records."""

    #: Rows turned into Python lists (or CSV text) at a time.
    CHUNK = 50_000

    def __init__(self, frame: pl.DataFrame) -> None:
        self.frame = frame

    def __len__(self) -> int:
        return self.frame.height

    @overload
    def __getitem__(self, index: int) -> list[Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[list[Any]]: ...
    def __getitem__(self, index: int | slice) -> list[Any] | list[list[Any]]:
        if isinstance(index, slice):
            return [list(row) for row in self.frame[index].iter_rows()]
        return list(self.frame.row(index))

    def __iter__(self) -> Iterator[list[Any]]:
        for chunk in self.frame.iter_slices(self.CHUNK):
            yield from (list(row) for row in chunk.iter_rows())


@dataclass
class OutTable:
    """One table of the layout to write: its stem, the model that describes its columns,
    the header and one list of values per record (JSON values: text, numbers, booleans,
    lists for multi-value cells, ``None`` for blank); the routes as :class:`FrameRows`."""

    stem: str
    model: type[Any]
    header: list[str]
    rows: Sequence[list[Any]]


def _required(cls: type[Record], links: set[str]) -> set[str]:
    return {n for n, f in cls.model_fields.items() if f.is_required() and n not in links}


def _route_table(table: RouteTable, *, every_column: bool) -> OutTable:
    """The routes section from the route table, column-wise (see :func:`dataset_tables`)."""
    import polars as pl

    columns = _columns(Route, set())
    df = table.df.select(columns)
    if not every_column:
        blank = [
            (pl.col(c).list.len().fill_null(0) > 0).any()
            if isinstance(df.schema[c], pl.List)
            else (pl.col(c).cast(pl.String).fill_null("") != "").any()
            for c in columns
        ]
        used = dict(zip(columns, df.select(blank).row(0), strict=True)) if df.height else {}
        keep = {"id"} | _required(Route, set())
        columns = [c for c in columns if used.get(c) or c in keep]
    return OutTable(Route.SECTION, Route, columns, FrameRows(df.select(columns)))


def dataset_tables(dataset: Any, *, every_column: bool = False) -> list[OutTable]:
    """The tables of the layout for a dataset, in schema order; the routes come from
    the dataset's route table, column-wise.

    By default a table is written only when it has rows and a column only when some
    record uses it (or it is required); ``every_column`` gives every table and column,
    as a template does.
    """
    out: list[OutTable] = []
    for cls in RECORD_TYPES:
        if cls is Route:
            table: RouteTable = dataset.route_table
            if len(table) or every_column:
                out.append(_route_table(table, every_column=every_column))
            continue
        records: tuple[Record, ...] = dataset.of(cls)
        if not records and not every_column:
            continue
        links = {ref.field for ref in cls.REFS if ref.link}
        columns = _columns(cls, links)
        dumped = [r.model_dump(mode="json") for r in records]
        if not every_column:
            used = {
                c
                for c in columns
                if c == "id" or any(d.get(c) not in (None, [], "") for d in dumped)
            }
            columns = [c for c in columns if c in used or c in _required(cls, links)]
        out.append(
            OutTable(cls.SECTION, cls, columns, [[d.get(c) for c in columns] for d in dumped])
        )
        for field in sorted(links):
            stem = f"{cls.KIND.lower()}_{field}"
            link_cls = CHILD_TABLES[stem][3]
            link_cols = [cls.KIND.lower(), *_columns(link_cls, set())]
            rows = [
                [d["id"], *(item.get(c) for c in link_cols[1:])]
                for d in dumped
                for item in d.get(field) or []
            ]
            if rows or every_column:
                out.append(OutTable(stem, link_cls, link_cols, rows))
    return out


def write_csv_dir(
    dataset: Any,
    path: Path,
    *,
    overwrite: bool = False,
    command: str = "coordgraph",
    inputs: tuple[Path, ...] = (),
    every_column: bool = False,
    neutralise: bool = True,
) -> Path:
    """Write a dataset as a CSV folder with ``datapackage.json``, as
    :class:`~coordgraph.io.atomic.OutputFolder` writes (refuses a non-empty folder
    coordgraph did not create unless ``overwrite``; never replaces others' files).

    ``every_column`` writes every table with every column, even empty (a template).
    The routes are written from the route table a chunk at a time, never as one text.
    With ``neutralise`` (the default) a cell a spreadsheet would run as a formula gets a
    leading apostrophe (:func:`coordgraph.io.safe.safe_cell`) and ``datapackage.json``
    says so (``coordgraph.cell_escape``), so reading the folder gives the text back.
    """
    with OutputFolder(Path(path), overwrite=overwrite, command=command, inputs=inputs) as tmp:
        for table in dataset_tables(dataset, every_column=every_column):
            with tmp.open(f"{table.stem}.csv", "w", encoding="utf-8", newline="") as handle:
                _write(handle, table, neutralise=neutralise)
        descriptor = datapackage(dataset.info, cell_escape=neutralise)
        tmp.write_text(
            "datapackage.json", json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
        )
    return Path(path)


def _write(handle: IO[str], table: OutTable, *, neutralise: bool = True) -> None:
    """One table as CSV (``|`` between values of a cell, blank for none)."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(table.header)
    if not isinstance(table.rows, FrameRows):
        writer.writerows(
            [safe_cell(cell_text(v), neutralise=neutralise) for v in row] for row in table.rows
        )
        return
    import polars as pl

    df = table.rows.frame
    as_text = [
        pl.col(c).list.join(LIST_SEPARATOR) if isinstance(df.schema[c], pl.List) else pl.col(c)
        for c in df.columns
    ]
    for rows in df.iter_slices(FrameRows.CHUNK):
        chunk = rows.select(as_text).select(pl.all().cast(pl.String).replace("", None))
        carriage = chunk.select(pl.any_horizontal(pl.all().str.contains("\r", literal=True)))
        if carriage.to_series().any():
            # the csv module leaves a lone carriage return unquoted; polars quotes it
            writer.writerows(
                [safe_cell(cell_text(v), neutralise=neutralise) for v in row]
                for row in rows.iter_rows()
            )
            continue
        if neutralise:
            chunk = chunk.select(safe_cells_expr(pl.col(c)).alias(c) for c in chunk.columns)
        buf = io.BytesIO()
        chunk.write_csv(buf, include_header=False, line_terminator="\n", null_value="")
        handle.write(buf.getvalue().decode("utf-8"))


def datapackage(info: DatasetInfo, *, cell_escape: bool = False) -> dict[str, Any]:
    """A Frictionless Data Package descriptor for the CSV layout, made from the schema;
    ``cell_escape`` records that cells were written by :func:`~coordgraph.io.safe.safe_cell`
    (``"coordgraph": {"cell_escape": "'"}``), so a reader removes the apostrophe."""
    resources = []
    for cls in RECORD_TYPES:
        links = {ref.field for ref in cls.REFS if ref.link}
        fields = [
            {
                "name": n,
                "type": _dp_type(f.annotation),
                **({"description": f.description} if f.description else {}),
            }
            for n, f in cls.model_fields.items()
            if n not in links
        ]
        foreign = []
        for ref in cls.REFS:
            if ref.link or ref.field == "sources" or ref.targets == ("Country",):
                continue
            target_cls = next(c for c in RECORD_TYPES if c.KIND in ref.targets)
            foreign.append(
                {"fields": ref.field, "reference": {"resource": target_cls.SECTION, "fields": "id"}}
            )
        resources.append(
            {
                "name": cls.SECTION,
                "path": f"{cls.SECTION}.csv",
                "profile": "tabular-data-resource",
                "description": cls.DESCRIPTION,
                "schema": {
                    "fields": fields,
                    "primaryKey": "id",
                    "foreignKeys": foreign,
                    "missingValues": [""],
                },
            }
        )
    for stem, (section, parent_col, _field, link_cls) in CHILD_TABLES.items():
        fields = [{"name": parent_col, "type": "string"}] + [
            {"name": n, "type": _dp_type(f.annotation)} for n, f in link_cls.model_fields.items()
        ]
        resources.append(
            {
                "name": stem,
                "path": f"{stem}.csv",
                "profile": "tabular-data-resource",
                "schema": {
                    "fields": fields,
                    "foreignKeys": [
                        {"fields": parent_col, "reference": {"resource": section, "fields": "id"}}
                    ],
                },
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": info.name,
        "title": info.title,
        **({"description": info.description} if info.description else {}),
        **({"homepage": info.homepage} if info.homepage else {}),
        **({"licenses": [{"name": info.licence}]} if info.licence else {}),
        "coordgraph": {
            "synthetic": info.synthetic,
            "multi_value_separator": "|",
            **({"include": [str(i) for i in info.include]} if info.include else {}),
            **({"as_of": str(info.as_of)} if info.as_of else {}),
            **({"expects": list(info.expects)} if info.expects else {}),
            **(
                {"profiles": [p.model_dump(mode="json", exclude_none=True) for p in info.profiles]}
                if info.profiles
                else {}
            ),
            **({"cell_escape": CELL_ESCAPE} if cell_escape else {}),
        },
        "resources": resources,
    }


def _dp_type(annotation: Any) -> str:
    text = str(annotation)
    if "bool" in text:
        return "boolean"
    if "int" in text and "Citation" not in text:
        return "integer"
    return "string"
