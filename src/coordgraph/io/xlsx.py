"""A dataset as an Excel workbook: one sheet per table of the CSV layout.

The sheets are the tables of :mod:`coordgraph.io.csvdir` (``routes``, ``agreements``,
``agreement_parties`` ...) with the same columns, read by the same code
(:func:`~coordgraph.io.csvdir.records_from_tables`) and written from the same tables
(:func:`~coordgraph.io.csvdir.dataset_tables`). A ``dataset`` sheet holds the name and
title that a CSV folder keeps in ``datapackage.json``; a ``README`` sheet explains the
others, and sheets whose name starts with ``_`` are notes or lists coordgraph ignores.

How cells typed by Excel reach the schema (docs/spreadsheets.md):

* a number is the text a person typed: ``2006.0`` is ``2006``, ``12.5`` stays ``12.5``;
* ``TRUE``/``FALSE`` are ``true``/``false``;
* a date cell keeps the precision its number format shows: ``yyyy-mm-dd`` (or any format
  with a day) gives ``2006-02-14``, ``mmm-yy`` (what Excel makes of ``2006-02``) gives
  ``2006-02``, ``yyyy`` gives ``2006``. A time of day is dropped;
* a formula is refused, never computed and never read from Excel's cache: the value a
  record cites must be the value in the file. ``=TRUE()`` and ``=FALSE()``, which is how
  LibreOffice saves a boolean cell, are the booleans;
* merged cells, error values (``#REF!``), hidden data sheets and values in a column with
  no header are refused with the sheet and cell.

openpyxl reads the file (read-only, streaming: https://openpyxl.readthedocs.io/en/stable/
optimized.html) and writes it (comments: .../comments.html, drop-down lists:
.../validation.html).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import io
import re
import typing
import zipfile
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from coordgraph.errors import DataError, Problem
from coordgraph.io.csvdir import (
    CHILD_TABLES,
    OutTable,
    Table,
    cell_text,
    column_aliases,
    dataset_tables,
    records_from_tables,
)
from coordgraph.io.raw import RawRecord
from coordgraph.io.safe import put_xlsx_text
from coordgraph.model import RECORD_TYPES, SECTIONS, DatasetInfo, OwnProfile, parse_place
from coordgraph.vocab import NodeKind

__all__ = ["XLSX_SUFFIXES", "read_xlsx", "write_xlsx", "xlsx_bytes"]

XLSX_SUFFIXES = (".xlsx", ".xlsm")
README_SHEET = "README"
DATASET_SHEET = "dataset"
#: the dataset's own expectation profiles, a row each (written when it has some)
PROFILES_SHEET = "profiles"
_PROFILE_COLUMNS = ("id", "name", "expects", "source", "why", "every_state", "from")
LISTS_SHEET = "_lists"
#: refuse workbooks that unpack to more than this (a "zip bomb" is a few KB on disk)
MAX_UNPACKED_BYTES = 2 * 1024**3
MAX_COLUMNS = 200
#: Excel's own limits: no sheet has more rows or columns, so reading stops there
MAX_ROWS = 1_048_576
MAX_SHEET_COLUMNS = 16_384
#: a run of this many rows without a value ends the reading of a sheet (values after
#: it are found by a fast scan and reported)
MAX_EMPTY_RUN = 10_000
#: values in columns with no header reported one by one; the rest are counted
MAX_STRAY_REPORTED = 20
#: a part larger than MIN_RATIO_BYTES unpacked may unpack to at most this many times
#: its packed size: Excel packs its own XML about 5 to 20 to 1, while a few MB of
#: blanks or empty rows can unpack to gigabytes
MAX_PACK_RATIO = 100
MIN_RATIO_BYTES = 32 * 1024**2
#: Excel's own limit on the characters of one cell
MAX_CELL_CHARS = 32767
_LAST_ROW = 1048576
_SINGULAR = {"members": "member", "parties": "party"}
_DATASET_FIELDS = (
    "name",
    "title",
    "description",
    "licence",
    "synthetic",
    "homepage",
    "as_of",
    "include",
    "expects",
)
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")
#: formulas that are a constant, not a computation: LibreOffice saves booleans so
_CONSTANTS = {"=TRUE()": "true", "=FALSE()": "false", "=TRUE": "true", "=FALSE": "false"}
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

Locate = Callable[[Problem], Problem]


# ----------------------------------------------------------------------------- reading


def read_xlsx(
    path: Path,
) -> tuple[DatasetInfo | None, list[RawRecord], list[Problem], Locate]:
    """Read a workbook into raw records, with every problem found in it.

    Returns the dataset info (from the ``dataset`` sheet), the raw records, the
    problems, and a function that rewrites a later problem (from validation) so that it
    points at its cell: ``book.xlsx:routes!C5``.
    """
    book = path.name
    problems: list[Problem] = []
    headers: dict[str, list[str]] = {}

    def locate(problem: Problem) -> Problem:
        if problem.cell is not None or problem.file not in headers:
            return problem
        sheet = problem.file
        return dataclasses.replace(
            problem,
            file=book,
            cell=_cell_ref(sheet, headers[sheet], problem.row, problem.field),
        )

    refused = _check_container(path)
    if refused is not None:
        return None, [], [Problem(book, None, None, refused)], locate
    try:
        wb = _open_workbook(path)
    except Exception as exc:  # openpyxl raises many types for a malformed file
        message = f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})"
        return None, [], [Problem(book, None, None, message[:300])], locate
    try:
        tables: dict[str, Table] = {}
        own: dict[str, Table] = {}  # the dataset sheet and its profiles
        seen: dict[str, str] = {}
        known = [*SECTIONS, *CHILD_TABLES]
        for ws in wb.worksheets:
            title = str(ws.title)
            key = title.strip().lower()
            if key == README_SHEET.lower() or key.startswith("_"):
                continue
            if key not in (DATASET_SHEET, PROFILES_SHEET) and key not in known:
                problems.append(_unknown_sheet(book, title, known))
                continue
            if key in seen:
                problems.append(
                    Problem(
                        book,
                        None,
                        None,
                        f"two sheets for {key}: {seen[key]!r} and {title!r}",
                        "keep one",
                        title,
                    )
                )
                continue
            seen[key] = title
            if ws.sheet_state != "visible":
                problems.append(
                    Problem(
                        book,
                        None,
                        None,
                        "the sheet is hidden: a dataset is only what its reader can see",
                        "unhide it (right-click a sheet tab, Unhide) or delete it",
                        title,
                    )
                )
            table = _read_sheet(wb, ws, book, title, problems)
            if table is None:
                continue
            headers[title] = table.header
            if key in (DATASET_SHEET, PROFILES_SHEET):
                own[key] = table
            else:
                tables[key] = table
        info = _info_of(own, book, problems)
    except Exception as exc:  # a malformed sheet part surfaces only while streaming
        problems.append(
            Problem(book, None, None, f"unreadable workbook ({type(exc).__name__}: {exc})"[:300])
        )
        return None, [], problems, locate
    finally:
        wb.close()
    if not seen:
        problems.append(
            Problem(
                book,
                None,
                None,
                "no sheet is named after a table of the dataset",
                "name sheets routes, agreements, networks ... (coordgraph init makes a template)",
            )
        )
    found: list[Problem] = []
    raws = records_from_tables(tables, found, suffix=" sheet")
    problems.extend(locate(p) for p in found)
    return info, raws, problems, locate


def _open_workbook(path: Path) -> Any:
    """The workbook, read-only, without openpyxl's scan of each sheet for its size.

    openpyxl finds a sheet's size from its ``<dimension>`` element, and when there is
    none it parses the whole sheet (and holds every row element) before reading it. The
    reader here never asks a sheet its size, so its sheets skip that scan.
    """
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class Sheet(ReadOnlyWorksheet):
        def _get_size(self) -> None:
            return None

    class Reader(ExcelReader):
        def read_worksheets(self) -> None:
            for sheet, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files or "chartsheet" in rel.Type:
                    continue
                ws = Sheet(self.wb, sheet.name, rel.target, self.shared_strings)
                ws.sheet_state = sheet.state or "visible"
                self.wb._sheets.append(ws)  # type: ignore[attr-defined]

    reader = Reader(path, read_only=True, data_only=False)
    try:
        reader.read()
    except BaseException:
        reader.archive.close()
        raise
    return reader.wb


def _check_container(path: Path) -> str | None:
    """Why the file cannot be a workbook, before openpyxl opens it; None when it can."""
    try:
        with path.open("rb") as handle:
            magic = handle.read(8)
    except OSError as exc:
        return f"cannot read the file: {exc.strerror or exc}"
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        return (
            "an old Excel (.xls) or password-protected workbook, which coordgraph cannot "
            "read; save it as an unprotected Excel Workbook (.xlsx)"
        )
    if not zipfile.is_zipfile(path):
        return "not an .xlsx workbook (not a zip container); save it as Excel Workbook (.xlsx)"
    try:
        with zipfile.ZipFile(path) as archive:
            items = archive.infolist()
            unpacked = sum(item.file_size for item in items)
    except (zipfile.BadZipFile, OSError) as exc:
        return f"not a readable .xlsx workbook ({exc})"
    if unpacked > MAX_UNPACKED_BYTES:
        return (
            f"the workbook unpacks to {unpacked / 1024**3:.1f} GB, more than coordgraph "
            f"reads ({MAX_UNPACKED_BYTES // 1024**3} GB); use a CSV folder for data this large"
        )
    for item in items:
        if item.file_size > MIN_RATIO_BYTES and item.file_size > MAX_PACK_RATIO * max(
            item.compress_size, 1
        ):
            ratio = item.file_size // max(item.compress_size, 1)
            return (
                f"{item.filename} unpacks to {_size(item.file_size)} from "
                f"{_size(item.compress_size)} ({ratio:,} to 1; Excel packs its files "
                "about 10 to 1): mostly blank space or empty rows, which coordgraph does not "
                "read; open the workbook in Excel and save it again"
            )
    return None


def _size(count: int) -> str:
    if count >= 10_000_000:
        return f"{count / 1e6:,.0f} MB"
    if count >= 1_000_000:
        return f"{count / 1e6:.1f} MB"
    return f"{count / 1e3:,.0f} KB"


def _unknown_sheet(book: str, title: str, known: list[str]) -> Problem:
    import difflib

    close = difflib.get_close_matches(
        title.strip().lower(), [DATASET_SHEET, *known], n=1, cutoff=0.75
    )
    hint = (
        f"did you mean {close[0]!r}?"
        if close
        else "a sheet whose name starts with _ is ignored (for notes); known sheets: "
        + ", ".join([DATASET_SHEET, *known])
    )
    return Problem(book, None, None, "unknown sheet", hint, title)


@dataclass
class _Sheet:
    """What the streaming reader saw of a sheet besides its values."""

    #: the header's width once known: cells further right are only checked for a value
    width: int | None = None
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: set[int] = field(default_factory=set)
    filtered: bool = False
    merged: list[str] = field(default_factory=list)
    #: cells holding a value (``<v>``, ``<is>`` or ``<f>``) seen, to compare with a scan
    value_tags: int = 0
    stray: int = 0


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _SHEET_DATA, _COL = (_NS + t for t in ("row", "c", "sheetData", "col"))
_VALUE, _INLINE, _FORMULA = (_NS + t for t in ("v", "is", "f"))
_HOLDERS = frozenset({_VALUE, _INLINE, _FORMULA})
_FILTER_TAG, _FILTER_COLUMN, _MERGE_CELL = (
    _NS + t for t in ("autoFilter", "filterColumn", "mergeCell")
)


def _is_true(value: str | None) -> bool:
    return value is not None and value.strip().lower() in {"1", "true"}


def _is_zero(value: str | None) -> bool:
    try:
        return value is not None and float(value) == 0
    except ValueError:
        return False


def _read_sheet(wb: Any, ws: Any, book: str, title: str, problems: list[Problem]) -> Table | None:
    """A sheet's header and records, read by streaming its XML with bounded work.

    Only the cells in the file are read (a sheet that declares or pads a huge size costs
    nothing), to the header's width: a value further right is a problem, reported for
    the first :data:`MAX_STRAY_REPORTED` cells and then counted. Reading stops at
    Excel's last row (:data:`MAX_ROWS`) and at a run of :data:`MAX_EMPTY_RUN` rows
    without a value; any value after such a run is found by a fast scan and reported.
    Memory holds the values and one row of XML.
    """
    sheet = _Sheet()
    rows = _sheet_rows(wb, ws, book, title, problems, sheet)
    first = next(rows, None)
    if first is None or first[0] != 1:
        problems.append(
            Problem(
                book,
                1,
                None,
                "the sheet is empty" if first is None else "row 1 must hold the column names",
                "give at least a header row",
                f"{title}!1:1",
            )
        )
        rows.close()
        return None
    header = _sheet_header(first[1], book, title, problems)
    if header is None:
        rows.close()
        return None
    sheet.width = len(header)
    out: list[tuple[int, dict[str, str]]] = []
    used: set[int] = set(range(1, len(header) + 1))
    for row_number, cells in rows:
        record = _sheet_record(cells, header, (book, title, row_number), sheet, used, problems)
        if record:
            out.append((row_number, record))
    if sheet.stray > MAX_STRAY_REPORTED:
        problems.append(
            Problem(
                book,
                None,
                None,
                f"{sheet.stray - MAX_STRAY_REPORTED:,} more values in columns with no name "
                "in the header",
                "give the columns names or clear them",
                title,
            )
        )
    problems.extend(_hidden_problems(book, title, header, sheet, used))
    for ref in sheet.merged:
        problems.append(
            Problem(
                book,
                None,
                None,
                f"merged cells {ref}",
                "unmerge them and fill in every row: each row is one record",
                f"{title}!{ref}",
            )
        )
    return Table(title, header, out)


def _sheet_header(
    cells: list[Any], book: str, title: str, problems: list[Problem]
) -> list[str] | None:
    """The column names of a sheet's first row (a gap is an empty name; empty names at
    the end dropped), or None with its problems: too many columns, a column without a
    name, a name used twice."""
    from openpyxl.utils import get_column_letter

    header: list[str] = []
    for cell in cells:
        if isinstance(cell, Problem):
            problems.append(cell)
            continue
        while len(header) < cell.column - 1:
            header.append("")
        header.append("" if _blank(cell.value) else str(cell.value).strip())
    while header and not header[-1]:
        header.pop()
    if len(header) > MAX_COLUMNS:
        problems.append(
            Problem(
                book,
                1,
                None,
                f"{len(header)} columns; a table has at most {MAX_COLUMNS}",
                None,
                f"{title}!1:1",
            )
        )
        return None
    bad_header = False
    for index, name in enumerate(header):
        letter = get_column_letter(index + 1)
        if not name:
            problems.append(
                Problem(
                    book,
                    1,
                    None,
                    f"column {index + 1} has no name in the header",
                    None,
                    f"{title}!{letter}1",
                )
            )
            bad_header = True
        elif header.index(name) != index:
            problems.append(
                Problem(
                    book, 1, name, "column named twice in the header", None, f"{title}!{letter}1"
                )
            )
            bad_header = True
    return None if bad_header else header


def _sheet_record(
    cells: list[Any],
    header: list[str],
    where: tuple[str, str, int],
    sheet: _Sheet,
    used: set[int],
    problems: list[Problem],
) -> dict[str, str]:
    """One row's values by column name; a value right of the header (counted into
    ``sheet``, its column into ``used``, the first ones reported) or one that cannot be
    read as text is a problem."""
    from openpyxl.utils import get_column_letter

    book, title, row_number = where
    record: dict[str, str] = {}
    for cell in cells:
        if isinstance(cell, Problem):
            problems.append(cell)
            continue
        if not isinstance(cell, _Stray) and _blank(cell.value):
            continue
        index = cell.column - 1
        letter = get_column_letter(cell.column)
        here = f"{title}!{letter}{row_number}"
        if index >= len(header):
            used.add(cell.column)
            sheet.stray += 1
            if sheet.stray <= MAX_STRAY_REPORTED:
                problems.append(
                    Problem(
                        book,
                        row_number,
                        None,
                        "a value in a column with no name in the header",
                        "give the column a name or clear it",
                        here,
                    )
                )
            continue
        text = _text(cell)
        if isinstance(text, Problem):
            problems.append(Problem(book, row_number, header[index], text.message, text.hint, here))
            continue
        if text.strip():
            record[header[index]] = text
    return record


def _hidden_problems(
    book: str, title: str, header: list[str], sheet: _Sheet, used: set[int]
) -> list[Problem]:
    """Rows and columns that hold values a person looking at the sheet cannot see."""
    from openpyxl.utils import get_column_letter

    out = []
    for column in sorted(sheet.hidden_columns & used):
        letter = get_column_letter(column)
        name = header[column - 1] if column <= len(header) else None
        shown = f" ({name})" if name else ""
        out.append(
            Problem(
                book,
                1,
                name,
                f"column {letter}{shown} is hidden: a dataset is only what its reader can see",
                "unhide it (select the columns on both sides, right-click, Unhide) or delete it",
                f"{title}!{letter}:{letter}",
            )
        )
    if sheet.hidden_rows:
        spans: list[list[int]] = []
        for row in sheet.hidden_rows:
            if spans and row == spans[-1][1] + 1:
                spans[-1][1] = row
            else:
                spans.append([row, row])
        text = ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in spans[:10])
        if len(spans) > 10:
            text += ", …"
        count = len(sheet.hidden_rows)
        what = "row" if count == 1 else "rows"
        how = "hidden by a filter" if sheet.filtered else "hidden"
        hint = (
            "clear the filter (Data > Clear) so that every row shows, or delete the rows"
            if sheet.filtered
            else "unhide them (select the rows on both sides, right-click, Unhide) or delete them"
        )
        first, last = spans[0]
        out.append(
            Problem(
                book,
                first,
                None,
                f"{count:,} {what} holding values {'is' if count == 1 else 'are'} {how} "
                f"({what} {text}): a dataset is only what its reader can see",
                hint,
                f"{title}!{first}:{last}",
            )
        )
    return out


def _sheet_rows(
    wb: Any, ws: Any, book: str, title: str, problems: list[Problem], sheet: _Sheet
) -> Generator[tuple[int, list[Any]], None, None]:
    """``(row number, cells)`` for each row of the sheet's XML that holds a value.

    A cell is an openpyxl read-only cell, or a :class:`Problem` when its value cannot
    be read (a date serial Excel shows as ``####`` or as 29 February 1900).
    Rows and columns that are hidden, the filter and merged ranges go into ``sheet``.
    """
    from openpyxl.cell.read_only import ReadOnlyCell
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.functions import iterparse

    source = ws._get_source()
    parser = WorkSheetParser(
        source,
        ws._shared_strings,
        data_only=False,
        epoch=wb.epoch,
        date_formats=wb._date_formats,
        timedelta_formats=wb._timedelta_formats,
    )
    epoch_1900 = wb.epoch.year == 1899
    data: Any = None
    row_number = 0
    last_value_row = 0
    empty_run = 0
    cells_in_row = 0
    stopped: str | None = None
    bad_number = ""
    try:
        for event, element in iterparse(source, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == _CELL:
                    cells_in_row += 1
                    if cells_in_row > MAX_SHEET_COLUMNS:
                        stopped = "columns"
                        break
                elif tag == _ROW:
                    cells_in_row = 0
                elif tag == _SHEET_DATA:
                    data = element
                continue
            if tag == _ROW:
                number = element.get("r")
                try:
                    row_number = int(float(number)) if number is not None else row_number + 1
                except ValueError:
                    stopped = "number"
                    bad_number = str(number)[:20]
                    break
                if row_number > MAX_ROWS:
                    stopped = "rows"
                    break
                hidden = _is_true(element.get("hidden")) or _is_zero(element.get("ht"))
                parser.row_counter, parser.col_counter = row_number, 0
                cells = _row_cells(
                    element, parser, ws, sheet, (book, title, row_number), epoch_1900
                )
                if data is not None:
                    data.clear()  # the row is read: keep no XML of it
                if any(not isinstance(c, ReadOnlyCell) or not _blank(c.value) for c in cells):
                    if hidden:
                        sheet.hidden_rows.append(row_number)
                    empty_run = 0
                    last_value_row = row_number
                    yield row_number, cells
                else:
                    empty_run += 1
                    if empty_run >= MAX_EMPTY_RUN:
                        stopped = "empty"
                        break
            elif tag in (_COL, _FILTER_TAG, _MERGE_CELL):
                _sheet_layout(tag, element, sheet)
            elif data is None:
                element.clear()
    finally:
        source.close()
    if stopped is not None:
        _stopped(
            stopped, wb, ws, sheet, problems, (book, title, row_number), last_value_row, bad_number
        )


def _row_cells(
    element: Any, parser: Any, ws: Any, sheet: _Sheet, where: tuple[str, str, int], epoch_1900: bool
) -> list[Any]:
    """The cells of one ``<row>`` element: openpyxl read-only cells, a :class:`Problem`
    for a date serial Excel cannot show, a :class:`_Stray` for text right of the
    header's last column (counting the value tags into ``sheet``)."""
    from openpyxl.cell.read_only import ReadOnlyCell

    book, title, row_number = where
    cells: list[Any] = []
    for c in element:
        if c.tag != _CELL:
            continue
        holds = [child for child in c if child.tag in _HOLDERS]
        sheet.value_tags += len(holds)
        if sheet.width is not None:
            column = _column_of(c, parser.col_counter)
            if column > sheet.width:
                parser.col_counter = column
                if any(_holds_text(child) for child in holds):
                    cells.append(_Stray(column))
                continue
            parser.col_counter = column - 1  # parse_cell counts it again
        bad = _bad_serial(c, parser, epoch_1900)
        parsed = parser.parse_cell(c)
        if bad is not None:
            letter = _column_letter(parsed["column"])
            cells.append(
                Problem(book, row_number, None, bad[0], bad[1], f"{title}!{letter}{row_number}")
            )
            continue
        cells.append(
            ReadOnlyCell(
                ws,
                row_number,
                parsed["column"],
                parsed["value"],
                parsed["data_type"],
                parsed["style_id"],
            )
        )
    return cells


def _sheet_layout(tag: str, element: Any, sheet: _Sheet) -> None:
    """What a ``<col>``, ``<autoFilter>`` or ``<mergeCell>`` element says about the
    sheet: hidden columns, a filter, merged ranges."""
    if tag == _COL:
        if _is_true(element.get("hidden")) or _is_zero(element.get("width")):
            low, high = int(element.get("min", 0)), int(element.get("max", 0))
            sheet.hidden_columns.update(range(max(low, 1), min(high, MAX_COLUMNS + 1) + 1))
    elif tag == _FILTER_TAG:
        sheet.filtered = any(c.tag == _FILTER_COLUMN for c in element)
    elif tag == _MERGE_CELL:
        ref = element.get("ref")
        if ref:
            sheet.merged.append(ref)


def _stopped(
    why: str,
    wb: Any,
    ws: Any,
    sheet: _Sheet,
    problems: list[Problem],
    where: tuple[str, str, int],
    last_value_row: int,
    bad_number: str,
) -> None:
    """The problem that made :func:`_sheet_rows` stop reading a sheet early (``why``:
    rows, columns, empty, number); after a long empty run the rest of the sheet is
    scanned for values, merged ranges and a filter."""
    book, title, row_number = where
    if why == "rows":
        problems.append(
            Problem(
                book,
                None,
                None,
                f"rows past row {MAX_ROWS:,}, the last row of an Excel sheet",
                "use a CSV folder for data this large",
                title,
            )
        )
    elif why == "columns":
        problems.append(
            Problem(
                book,
                row_number + 1,
                None,
                f"a row with more than {MAX_SHEET_COLUMNS:,} cells, the most an Excel sheet holds",
                None,
                f"{title}!{row_number + 1}:{row_number + 1}",
            )
        )
    elif why == "empty":
        scan = _scan_rest(wb, ws)
        sheet.merged.extend(scan.merged)
        sheet.filtered = sheet.filtered or scan.filtered
        if scan.value_tags > sheet.value_tags:
            problems.append(
                Problem(
                    book,
                    last_value_row + 1,
                    None,
                    f"values after {MAX_EMPTY_RUN:,} empty rows (the last value before them "
                    f"is on row {last_value_row:,}): coordgraph stops reading a sheet at "
                    "such a gap",
                    "delete the empty rows (select them, right-click, Delete) and save",
                    f"{title}!{last_value_row + 1}:{last_value_row + 1}",
                )
            )
    elif why == "number":
        problems.append(
            Problem(book, None, None, f"a row numbered {bad_number!r}: not a workbook", None, title)
        )


@dataclass(frozen=True)
class _Stray:
    """A value right of the header's last column (not read: only reported)."""

    column: int


_COLUMN_LETTERS = re.compile(r"[A-Za-z]{1,3}")


def _column_of(c: Any, previous: int) -> int:
    """A cell element's column: from its reference, or the one after the previous."""
    from openpyxl.utils import column_index_from_string

    ref = c.get("r")
    if ref is None:
        return previous + 1
    match = _COLUMN_LETTERS.match(ref)
    try:
        return column_index_from_string(match.group()) if match else previous + 1
    except ValueError:
        return previous + 1


def _holds_text(child: Any) -> bool:
    """Whether a ``<v>``, ``<is>`` or ``<f>`` element holds something not blank."""
    if child.tag == _FORMULA:
        return True
    return any((t or "").strip() for t in child.itertext())


def _column_letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column) if 1 <= column <= 18278 else "?"


#: Excel's date serials: 1 is 1900-01-01, 60 is the 29 February 1900 Excel believes in,
#: 2958465 is 9999-12-31; outside 1 to 2958465 (0 to 2957003 in the 1904 system) a
#: date cell shows ####.
_LAST_SERIAL_1900 = 2_958_465
_LAST_SERIAL_1904 = 2_957_003
_LEAP_DAY_1900 = 60


def _bad_serial(c: Any, parser: Any, epoch_1900: bool) -> tuple[str, str] | None:
    """Why a date cell's number is not a date Excel shows, or None."""
    if c.get("t", "n") != "n":
        return None
    style = c.get("s")
    if not style or int(style) not in parser.date_formats or int(style) in parser.timedelta_formats:
        return None
    if c.find(_FORMULA) is not None:
        return None
    text = c.findtext(_VALUE)
    try:
        serial = float(text or "")
    except ValueError:
        return None
    first, last = (1, _LAST_SERIAL_1900) if epoch_1900 else (0, _LAST_SERIAL_1904)
    if epoch_1900 and int(serial) == _LEAP_DAY_1900:
        return (
            "the date cell shows 1900-02-29, a day that never was (Excel counts 1900 as a "
            "leap year)",
            "type the date meant, as text: 1900-02-28 or 1900-03-01",
        )
    if serial < first or serial >= last + 1:
        return (
            f"the date cell holds {serial:g}, which Excel shows as ####: not a date",
            "type the date, e.g. 2006-02-14",
        )
    return None


@dataclass
class _Scan:
    value_tags: int = 0
    merged: list[str] = field(default_factory=list)
    filtered: bool = False


_VALUE_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:v|is|f)[\s/>]")
_END_DATA = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?sheetData\s*>")
_FILTER = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?filterColumn[\s/>]")


_PLAIN_TAGS = tuple(b"<" + name + end for name in (b"v", b"is", b"f") for end in (b">", b" ", b"/"))
_ODD_TAGS = (
    b":v",
    b":is",
    b":f",
    *(b"<" + name + end for name in (b"v", b"is", b"f") for end in (b"\t", b"\r", b"\n")),
)


def _count_value_tags(data: bytes) -> int:
    """How many ``<v>``, ``<is>`` and ``<f>`` elements start in ``data``: counted with
    ``bytes.count`` (memory speed), or the regular expression when a tag may carry a
    namespace prefix or be followed by a line break or tab."""
    if any(odd in data for odd in _ODD_TAGS):
        return len(_VALUE_TAG.findall(data))
    return sum(data.count(tag) for tag in _PLAIN_TAGS)


def _scan_rest(wb: Any, ws: Any) -> _Scan:
    """Count the value tags of a whole sheet part fast (no XML tree), with its merged
    ranges and whether a filter hides rows: for the part after a long empty run."""
    scan = _Scan()
    tail = b""
    in_data = True
    found: dict[bytes, None] = {}
    with wb._archive.open(ws._worksheet_path) as handle:
        while chunk := handle.read(1 << 20):
            block = tail + chunk
            keep = 300
            if in_data:
                end = _END_DATA.search(block)
                counted = block[: end.start()] if end else block[: max(0, len(block) - keep)]
                scan.value_tags += _count_value_tags(counted)
                if end:
                    in_data = False
                    block = block[end.end() :]
                else:
                    tail = block[len(counted) :]
                    continue
            found.update((m.group(1), None) for m in _MERGE.finditer(block))
            scan.filtered = scan.filtered or bool(_FILTER.search(block))
            tail = block[-keep:]
    if in_data:
        scan.value_tags += _count_value_tags(tail)
    scan.merged = [ref.decode("ascii") for ref in found]
    return scan


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(cell: Any) -> str | Problem:
    """The text a person meant by a cell, or why it cannot be read."""
    value = cell.value
    kind = getattr(cell, "data_type", None)
    if kind == "f" and isinstance(value, str) and value.strip().upper() in _CONSTANTS:
        return _CONSTANTS[value.strip().upper()]  # how LibreOffice saves TRUE and FALSE
    if kind == "f" or type(value).__name__ in {"ArrayFormula", "DataTableFormula"}:
        formula = value if isinstance(value, str) else getattr(value, "text", "") or ""
        return Problem(
            "",
            None,
            None,
            f"a formula ({str(formula)[:60]}) is not read",
            "replace it by its value: Copy, then Paste Special > Values",
        )
    if kind == "e":
        return Problem("", None, None, f"the cell holds the error {value}", "type the value")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return f"{value:.15g}"
    if isinstance(value, dt.datetime | dt.date):
        return _date_text(value, str(getattr(cell, "number_format", "") or ""))
    if isinstance(value, dt.time | dt.timedelta):
        return Problem("", None, None, f"a time ({value}) where text or a date is expected")
    return str(value)


def _date_text(value: dt.date, number_format: str) -> str:
    """A date cell as YYYY, YYYY-MM or YYYY-MM-DD: the parts its format shows."""
    shown = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", number_format.lower())
    shows_day = "d" in shown
    shows_month = "m" in re.sub(r"h+:?m+|m+:?s+", "", shown) or "mmm" in shown
    shows_year = "y" in shown or "e" in shown
    if not shown.strip() or shown.strip() == "general" or shows_day or not shows_year:
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if shows_month:
        return f"{value.year:04d}-{value.month:02d}"
    return f"{value.year:04d}"


def _info_of(own: dict[str, Table], book: str, problems: list[Problem]) -> DatasetInfo | None:
    """The dataset sheet, with the dataset's own profiles from their sheet."""
    if DATASET_SHEET in own:
        return _read_info(own[DATASET_SHEET], book, problems, own.get(PROFILES_SHEET))
    if PROFILES_SHEET in own:
        why = "the dataset's own profiles belong to a dataset sheet, and there is none"
        problems.append(Problem(book, None, None, why, "add a dataset sheet", PROFILES_SHEET))
    return None


def _read_profiles(
    table: Table | None, book: str, problems: list[Problem]
) -> list[dict[str, Any]] | None:
    """The ``profiles`` sheet: a row per profile of the dataset's own, each checked
    (a problem at its cell); ``None`` when any row is wrong (the dataset's ``expects``
    is then not checked against them)."""
    if table is None:
        return []
    out: list[dict[str, Any]] = []
    whole = True
    for line, row in table.rows:
        values = {k: v for k, v in row.items() if k in _PROFILE_COLUMNS and v.strip()}
        for name in sorted(set(row) - set(_PROFILE_COLUMNS)):
            whole = False
            problems.append(
                Problem(
                    book,
                    line,
                    name,
                    f"unknown profile field {name!r}",
                    "known: " + ", ".join(_PROFILE_COLUMNS),
                    _cell_ref(table.name, table.header, line, name),
                )
            )
        try:
            out.append(OwnProfile.model_validate(values).model_dump(mode="json"))
        except ValidationError as exc:
            whole = False
            for err in exc.errors(include_url=False):
                name = str(err["loc"][0]) if err.get("loc") else "id"
                name = "from" if name == "valid_from" else name
                message = str(err["msg"]).removeprefix("Value error, ")
                if err.get("type") == "missing":
                    message = "required field is missing"
                ref = _cell_ref(table.name, table.header, line, name)
                problems.append(Problem(book, line, name, message, None, ref))
    return out if whole else None


def _read_info(
    table: Table,
    book: str,
    problems: list[Problem],
    profiles_table: Table | None = None,
) -> DatasetInfo | None:
    """The ``dataset`` sheet: a ``field`` column and a ``value`` column; with the
    dataset's own profiles (from the ``profiles`` sheet)."""
    profiles = _read_profiles(profiles_table, book, problems)
    if "field" not in table.header or "value" not in table.header:
        problems.append(
            Problem(
                book,
                1,
                None,
                "the dataset sheet needs the columns field and value",
                None,
                f"{table.name}!1:1",
            )
        )
        return None
    values: dict[str, Any] = {}
    rows: dict[str, int] = {}
    for line, row in table.rows:
        name = row.get("field", "").strip()
        if not name:
            continue
        if name not in _DATASET_FIELDS:
            problems.append(
                Problem(
                    book,
                    line,
                    "field",
                    f"unknown dataset field {name!r}",
                    "known: " + ", ".join(_DATASET_FIELDS),
                    _cell_ref(table.name, table.header, line, "field"),
                )
            )
            continue
        rows[name] = line
        if "value" in row:
            values[name] = row["value"]
    if profiles is None:  # wrong profiles were said: expects is not checked against them
        values.pop("expects", None)
    elif profiles:
        values["profiles"] = profiles
    try:
        return DatasetInfo.model_validate(values) if values else None
    except ValueError as exc:
        errors: list[Any] = getattr(exc, "errors", list)()
        for err in errors or [{"loc": ("name",), "msg": str(exc)}]:
            name = str(err["loc"][0]) if err.get("loc") else "name"
            line = rows.get(name, 1)
            message = str(err["msg"]).removeprefix("Value error, ")
            if err.get("type") == "missing":
                message = "required field is missing"
            problems.append(
                Problem(
                    book,
                    line,
                    name,
                    message,
                    None,
                    _cell_ref(table.name, table.header, line, "value"),
                )
            )
        if {str(e["loc"][0]) for e in errors if e.get("loc")} == {"expects"}:
            # said; the sheets are still checked against the dataset's own profiles
            values.pop("expects")
            return DatasetInfo.model_validate(values)
        return None


def _cell_ref(sheet: str, header: list[str], row: int | None, field: str | None) -> str:
    """``sheet!C5`` for a field's column on a row, ``sheet!5:5`` for a whole row."""
    from openpyxl.utils import get_column_letter

    if row is None:
        return sheet
    column = None
    if field:
        parts = field.split(".")
        for name in (field, parts[0], parts[-1]):
            if name in header:
                column = header.index(name)
                break
        else:
            aliases = {alias: name for name, alias in _all_aliases().items()}
            for name in (parts[0], parts[-1]):
                if aliases.get(name) in header:
                    column = header.index(aliases[name])
                    break
    if column is None:
        return f"{sheet}!{row}:{row}"
    return f"{sheet}!{get_column_letter(column + 1)}{row}"


def _all_aliases() -> dict[str, str]:
    """alias -> field over every record type (``kind`` -> ``type``)."""
    out: dict[str, str] = {}
    for cls in RECORD_TYPES:
        out.update(column_aliases(cls))
    return out


# ----------------------------------------------------------------------------- writing


def write_xlsx(
    dataset: Any,
    path: Path,
    *,
    template: bool = False,
    inputs: Iterable[Path] = (),
    neutralise: bool = True,
    translate: Callable[[str], str] | None = None,
) -> Path:
    """Write a dataset as a workbook (atomically: the file appears complete or not at all).

    Every table gets a sheet with every column, header comments from the schema and
    drop-down lists for vocabularies and for ids of other sheets; ``template`` only
    changes the README's wording. Never written over one of ``inputs``. Raises
    :class:`~coordgraph.errors.DataError` when a value cannot be stored in a workbook
    (a control character, over 32,767 characters). Text is stored as text, never as a
    formula (:func:`coordgraph.io.safe.put_xlsx_text`; ``neutralise`` adds the
    quote-prefix style to formula-like cells). Its help (README, column comments,
    drop-down messages) is passed through ``translate`` when given.
    """
    from coordgraph.io.atomic import atomic_write_bytes

    data = xlsx_bytes(
        dataset,
        template=template,
        file_name=Path(path).name,
        neutralise=neutralise,
        translate=translate,
    )
    atomic_write_bytes(Path(path), data, inputs=inputs)
    return Path(path)


def xlsx_bytes(
    dataset: Any,
    *,
    template: bool = False,
    file_name: str = "FILE.xlsx",
    neutralise: bool = True,
    translate: Callable[[str], str] | None = None,
) -> bytes:
    """The workbook :func:`write_xlsx` writes, as bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    tables = dataset_tables(dataset, every_column=True)
    wb = Workbook()
    readme: Any = wb.active
    readme.title = README_SHEET
    lists = wb.create_sheet(LISTS_SHEET)
    vocab_ranges = _write_lists(lists)
    lists.sheet_state = "hidden"
    info_ws = wb.create_sheet(DATASET_SHEET, 1)
    _write_info(info_ws, dataset.info, neutralise=neutralise)
    if dataset.info.profiles:
        _write_profiles(wb.create_sheet(PROFILES_SHEET, 2), dataset.info, neutralise=neutralise)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for table in tables:
        ws = wb.create_sheet(table.stem, wb.sheetnames.index(LISTS_SHEET))
        ws.append(table.header)
        for index, name in enumerate(table.header, start=1):
            cell = ws.cell(row=1, column=index)
            cell.font = bold
            cell.fill = fill
            _comment(cell, _column_help(table, name))
            ws.column_dimensions[cell.column_letter].width = _width(table, name)
        ws.freeze_panes = "A2"
        for row_index, row in enumerate(table.rows, start=2):
            for col_index, value in enumerate(row, start=1):
                if value is None or value == [] or value == "":
                    continue
                _put(
                    ws,
                    (row_index, col_index),
                    value,
                    table,
                    table.header[col_index - 1],
                    neutralise,
                )
        _add_validations(ws, table, vocab_ranges)
    _write_readme(readme, tables, dataset.info, template=template, file_name=file_name)
    if translate is not None:
        _translate_help(wb, translate)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _translate_help(wb: Any, workbook_text: Callable[[str], str]) -> None:
    """The workbook's help through ``workbook_text`` (a language's words): the
    README's texts, the dataset sheet's meanings, every column's comment and
    every drop-down's message. Column names, sheet names and values stay as they are."""
    for row in wb[README_SHEET].iter_rows():
        filled = [cell for cell in row if isinstance(cell.value, str)]
        # a sentence alone on its row, the table's header, or what a sheet holds
        header = bool(filled) and filled[0].value == "sheet"
        for cell in filled:
            if len(filled) == 1 or header or cell.column == 2:
                cell.value = workbook_text(cell.value)
    info = wb[DATASET_SHEET]
    for row in info.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.column == 3:  # field, value: read
                cell.value = workbook_text(cell.value)
    for ws in wb.worksheets:
        for cell in ws[1]:
            if cell.comment is not None:
                _comment(cell, workbook_text(cell.comment.text))
        for dv in ws.data_validations.dataValidation:
            if dv.error:
                dv.error = workbook_text(dv.error)[:255]


def _width(table: OutTable, name: str) -> int:
    """A column wide enough for what it usually holds."""
    if name in {"name", "title", "notes", "description", "office", "contact", "url"}:
        return 36
    if name in {"id", "sources", "purposes", "scope", "agencies", "members", "leads"}:
        return 22
    return max(12, len(name) + 4)


def _put(
    ws: Any, at: tuple[int, int], value: Any, table: OutTable, name: str, neutralise: bool
) -> None:
    row, column = at
    cell = ws.cell(row=row, column=column)
    if isinstance(value, bool | int) and not isinstance(value, str):
        cell.value = value
        return
    text = cell_text(value)
    bad = _ILLEGAL.search(text)
    if bad or len(text) > MAX_CELL_CHARS:
        record = table.rows[row - 2][0] if table.rows[row - 2] else "?"
        why = (
            f"holds the control character U+{ord(bad.group()):04X}"
            if bad
            else f"is {len(text)} characters long (Excel keeps {MAX_CELL_CHARS})"
        )
        raise DataError(
            f"{table.stem} {record!r}: {name} {why}, which a workbook cannot store; "
            "fix the value or convert to YAML or CSV instead"
        )
    put_xlsx_text(cell, text, neutralise=neutralise)  # text stays text, even "=1+1"


def _comment(cell: Any, text: str) -> None:
    from openpyxl.comments import Comment

    comment = Comment(text, "coordgraph")
    comment.width = 320
    comment.height = min(400, 60 + 16 * (len(text) // 45 + text.count("\n")))
    cell.comment = comment


def _write_info(ws: Any, info: DatasetInfo, *, neutralise: bool = True) -> None:
    from openpyxl.styles import Font

    ws.append(["field", "value", "what it is"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    meaning = {
        "name": "Short id of the dataset (letters, digits, - or _)",
        "title": "Title shown in summaries and reports",
        "description": "What the dataset covers",
        "licence": "Licence of the data, e.g. CC-BY-4.0",
        "synthetic": "true for generated, not real, data",
        "homepage": "Where the dataset is published",
        "as_of": (
            "The date the dataset speaks for (YYYY, YYYY-MM or YYYY-MM-DD); commands default to it"
        ),
        "include": "Datasets taken in, e.g. reference (or reference: cets-197 | ecowas)",
        "expects": (
            "Expectation profiles for every State it names, e.g. thematic-paper-2008 | "
            "online-protection from 2020-01-21"
        ),
    }
    dumped = info.model_dump(mode="json")
    dumped["include"] = "; ".join(str(i) for i in info.include) or None
    dumped["expects"] = " | ".join(info.expects) or None
    for name in _DATASET_FIELDS:
        value = dumped.get(name)
        ws.append([name, None, meaning[name]])
        if value is not None:
            cell = ws.cell(row=ws.max_row, column=2)
            if isinstance(value, bool):
                cell.value = value
            else:
                put_xlsx_text(cell, str(value), neutralise=neutralise)
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["C"].width = 50


def _write_profiles(ws: Any, info: DatasetInfo, *, neutralise: bool = True) -> None:
    """The dataset's own expectation profiles, a row each (``expects`` its structures
    separated by ``|``), read back by :func:`_read_profiles`."""
    from openpyxl.styles import Font

    ws.append(list(_PROFILE_COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for profile in info.profiles:
        dumped = profile.model_dump(mode="json")
        dumped["from"] = dumped.pop("valid_from", None)
        dumped["expects"] = " | ".join(profile.expects)
        ws.append([None] * len(_PROFILE_COLUMNS))
        for column, name in enumerate(_PROFILE_COLUMNS, start=1):
            value = dumped.get(name)
            cell = ws.cell(row=ws.max_row, column=column)
            if isinstance(value, bool):
                cell.value = value
            elif value is not None:
                put_xlsx_text(cell, str(value), neutralise=neutralise)
    for letter, width in zip("ABCDEFG", (22, 30, 40, 40, 50, 12, 12), strict=True):
        ws.column_dimensions[letter].width = width


# ----------------------------------------------------------------------------- schema help


def _model_of(table: OutTable, name: str) -> tuple[type[Any], str] | None:
    """The model and field a column stands for (None for a child table's parent column)."""
    if name in table.model.model_fields:
        return table.model, name
    return None


def _walk(annotation: Any) -> Iterable[Any]:
    yield annotation
    for arg in typing.get_args(annotation):
        yield from _walk(arg)


def _enum_of(annotation: Any) -> type[enum.Enum] | None:
    for part in _walk(annotation):
        if isinstance(part, type) and issubclass(part, enum.Enum):
            return part
    return None


def _is_multi(annotation: Any) -> bool:
    return any(typing.get_origin(p) is tuple for p in _walk(annotation))


def _is_place(annotation: Any) -> bool:
    return any(getattr(p, "func", None) is parse_place for p in _walk(annotation))


def _is_date(annotation: Any) -> bool:
    from coordgraph.dates import FuzzyDate

    return any(p is FuzzyDate for p in _walk(annotation))


def _targets(table: OutTable, name: str) -> tuple[NodeKind, ...]:
    """Which kinds of record a column's values are ids of."""
    if name not in table.model.model_fields:  # a child table's parent column
        section = CHILD_TABLES[table.stem][0]
        return (SECTIONS[section].KIND,)
    if table.stem in CHILD_TABLES and name == "country":
        return (NodeKind.COUNTRY,)
    for ref in getattr(table.model, "REFS", ()):
        if ref.field == name and not ref.link:
            return tuple(ref.targets)
    info = table.model.model_fields[name]
    if _is_place(info.annotation) or any(
        getattr(m, "func", None) is parse_place for m in info.metadata
    ):
        return (NodeKind.COUNTRY,)
    return ()


def _section_of(kind: NodeKind) -> str:
    return next(c.SECTION for c in RECORD_TYPES if kind == c.KIND)


def _column_help(table: OutTable, name: str) -> str:
    """A header comment: what the column holds, from the schema."""
    found = _model_of(table, name)
    if found is None:
        section = CHILD_TABLES[table.stem][0]
        return f"{name} (required)\nThe id of a record in the {section} sheet this row belongs to."
    model, field = found
    info = model.model_fields[field]
    lines = [f"{name}" + (" (required)" if info.is_required() else "")]
    if info.description:
        lines.append(info.description.rstrip(".") + ".")
    annotation = info.annotation
    vocab = _enum_of(annotation)
    multi = _is_multi(annotation)
    targets = _targets(table, name)
    described = (info.description or "").lower()
    if vocab is not None and all(str(v.value) in described for v in vocab):
        if multi:
            lines.append("Several may be given, separated by |.")
    elif vocab is not None:
        lines.append(
            ("Values (several separated by |): " if multi else "One of: ")
            + ", ".join(str(v.value) for v in vocab)
        )
    elif _is_date(annotation):
        lines.append("A date: 2006, 2006-02 or 2006-02-14 (a date cell keeps what it shows).")
    elif field == "sources":
        lines.append(
            "Ids from the sources sheet, each optionally ':page or lines'; several separated by |."
        )
    elif targets == (NodeKind.COUNTRY,) and "country" in described:
        pass
    elif targets == (NodeKind.COUNTRY,):
        lines.append(
            "A country: ISO alpha-3 (ALB), alpha-2 or English name"
            + ("; several separated by |." if multi else ".")
        )
    elif targets:
        sheets = " or ".join(_section_of(k) for k in targets)
        lines.append(
            f"The id of a record in the {sheets} sheet"
            + ("s; several separated by |." if multi else ".")
        )
    elif annotation is bool:
        lines.append(f"true or false (default {str(info.default).lower()}).")
    elif "int" in str(annotation):
        lines.append("A whole number.")
    elif _is_scope_tags(table, name):
        lines.append(
            "Scope tags (several separated by |; the drop-down offers one, type more): "
            + ", ".join(_scope_tags())
            + "."
        )
    elif multi:
        lines.append("Several values separated by |.")
    if not info.is_required() and info.default not in (None, (), "") and vocab is not None:
        lines.append(f"Default: {getattr(info.default, 'value', info.default)}.")
    return "\n".join(lines)


#: The column of the lists sheet holding the scope tags of the taxonomy.
SCOPE_TAGS = "scope tags"


def _scope_tags() -> list[str]:
    from coordgraph.taxonomy import default_taxonomy

    return sorted(default_taxonomy().includes)


def _is_scope_tags(table: OutTable, name: str) -> bool:
    """Whether a column holds scope tags of the taxonomy (not an agreement's ``scope``,
    which is whom it covers)."""
    found = _model_of(table, name)
    if found is None or found[1] != "scope":
        return False
    model, field = found
    return _enum_of(model.model_fields[field].annotation) is None


def _write_lists(ws: Any) -> dict[str, str]:
    """One column per vocabulary on the hidden lists sheet; vocabulary -> range."""
    from openpyxl.utils import get_column_letter

    vocabularies: dict[str, list[str]] = {}
    for cls in RECORD_TYPES:
        for model in [
            cls,
            *(CHILD_TABLES[s][3] for s in CHILD_TABLES if CHILD_TABLES[s][0] == cls.SECTION),
        ]:
            for info in model.model_fields.values():
                vocab = _enum_of(info.annotation)
                if vocab is not None:
                    vocabularies[vocab.__name__] = [str(v.value) for v in vocab]
    vocabularies["boolean"] = ["true", "false"]
    vocabularies[SCOPE_TAGS] = _scope_tags()
    out = {}
    for index, (name, values) in enumerate(sorted(vocabularies.items()), start=1):
        letter = get_column_letter(index)
        ws.cell(row=1, column=index, value=name)
        for row, value in enumerate(values, start=2):
            ws.cell(row=row, column=index, value=value)
        out[name] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    return out


def _add_validations(ws: Any, table: OutTable, vocab_ranges: dict[str, str]) -> None:
    """Drop-down lists: a vocabulary, or the ids of the sheet a column refers to."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for index, name in enumerate(table.header, start=1):
        letter = get_column_letter(index)
        info = table.model.model_fields.get(name)
        annotation = info.annotation if info is not None else None
        multi = annotation is not None and _is_multi(annotation)
        vocab = _enum_of(annotation) if annotation is not None else None
        strict = False
        if vocab is not None:
            formula = vocab_ranges[vocab.__name__]
            strict = not multi
            prompt = ", ".join(str(v.value) for v in vocab)
        elif annotation is bool:
            formula = vocab_ranges["boolean"]
            strict = True
            prompt = "true or false"
        elif _is_scope_tags(table, name):
            formula = vocab_ranges[SCOPE_TAGS]
            prompt = "a scope tag; several separated by |"
        else:
            targets = _targets(table, name)
            if name == "sources" and table.stem != "sources":
                targets = (NodeKind.SOURCE,)
            if not targets or len(targets) > 1:
                continue
            section = _section_of(targets[0])
            formula = f"'{section}'!$A$2:$A$5000"
            prompt = f"an id from the {section} sheet"
        dv = DataValidation(type="list", formula1=formula, allow_blank=True)
        dv.error = (
            f"Use one of: {prompt}." if strict else f"Not in the list ({prompt}); kept as typed."
        )[:255]
        dv.errorTitle = name[:32]
        dv.errorStyle = "stop" if strict else "information"
        dv.showErrorMessage = strict
        ws.add_data_validation(dv)
        dv.add(f"{letter}2:{letter}{_LAST_ROW}")


def _write_readme(
    ws: Any, tables: list[OutTable], info: DatasetInfo, *, template: bool, file_name: str
) -> None:
    from openpyxl.styles import Alignment, Font

    lines: list[list[str]] = [
        [f"coordgraph dataset: {info.title}"],
        [],
        [
            "Each sheet is one kind of record; each row one record; row 1 names the columns."
            " Point at a column name to read what it holds."
        ],
        [
            "Several values in one cell are separated by | (ALB|GRC). Dates are 2006,"
            " 2006-02 or 2006-02-14: type them as text, or as Excel dates (a date cell keeps"
            " the precision its format shows: Feb-06 is 2006-02)."
        ],
        [
            "Countries: ISO alpha-3 (ALB), alpha-2 (AL) or the English name. Every record"
            " cites its sources: an id from the sources sheet, optionally :page or lines."
        ],
        [
            "Formulas are not read (type or paste values). Sheets whose name starts with _"
            " are ignored: use one for your notes. Do not merge cells."
        ],
        [
            ("Fill in the sheets, save, then check" if template else "Check")
            + f" the workbook:   coordgraph validate {file_name}"
            + f"   (every problem at once, as {file_name}:sheet!C5: message)"
        ],
        [],
        ["sheet", "what it holds", "required columns"],
    ]
    bold_rows = {1, len(lines)}
    lines.append(["dataset", "The dataset's name, title, description and licence.", "name, title"])
    for table in tables:
        if table.stem in CHILD_TABLES:
            section, parent_col, field, _link = CHILD_TABLES[table.stem]
            what = (
                f"One row per {_SINGULAR.get(field, field)} of a record in"
                f" {section}, with its dates ({parent_col} is that record's id)."
                f" With no dates to give, a {field} column added to {section} may hold"
                " ALB|GRC instead."
            )
        else:
            what = table.model.DESCRIPTION
        required = [
            n
            for n in table.header
            if n not in table.model.model_fields or table.model.model_fields[n].is_required()
        ]
        lines.append([table.stem, what, ", ".join(required)])
    for row in lines:
        ws.append(row)
    for row_index in bold_rows:
        for cell in ws[row_index]:
            cell.font = Font(bold=True, size=14 if row_index == 1 else 11)
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 100
    ws.column_dimensions["C"].width = 30
    for row in ws.iter_rows(min_row=len(lines) - len(tables)):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        # Spreadsheets do not grow a row for wrapped text written by a program: size it.
        text = str(row[1].value or "")
        ws.row_dimensions[row[0].row].height = 15 * max(1, -(-len(text) // 110))
