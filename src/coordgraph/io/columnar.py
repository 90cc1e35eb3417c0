"""``routes.csv`` read column-wise into a :class:`~coordgraph.routes.table.RouteTable`.

The record path (:func:`coordgraph.io.csvdir.read_csv_dir`) reads a CSV file row by row
and validates one record per row, which words every problem precisely but takes minutes
for a million routes. This reader parses the file with polars and validates it column by
column (:mod:`coordgraph.routes.columns`). It is a screen, not a second validator: it accepts a
file only when it is sure the record path would accept it too, and on anything unusual
(a quoting irregularity, a blank line between rows, a cell that breaks a rule) it returns
``None`` and the file is read row by row, so every problem is reported exactly as before.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from coordgraph.errors import DataError
from coordgraph.io.tree import read_bytes

if TYPE_CHECKING:
    import polars as pl

    from coordgraph.routes.table import RouteTable

__all__ = ["MULTILINE_COLUMNS", "read_routes_csv", "text_columns"]

#: Columns whose cells may hold line breaks (free text).
MULTILINE_COLUMNS = frozenset(
    {"name", "notes", "title", "description", "evaluation", "office", "contact", "author"}
)


#: Control characters the record path refuses in any cell (as bytes: UTF-8 never uses
#: these byte values inside a multi-byte character).
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
#: A well-formed quoted cell: opened at the start of a cell, closed at its end, inner
#: quotes doubled. A file whose every quote lies in one of these parses the same way in
#: Python's csv module (strict) and in polars.
_QUOTED = re.compile(rb'(?<![^,\n])"(?:[^"]|"")*+"(?=[,\r\n]|\Z)')


def read_routes_csv(path: Path, *, max_bytes: int, restore: bool = False) -> RouteTable | None:
    """The routes of ``path`` as a validated table, or ``None`` when the file should be
    read row by row (it may hold a problem, or something this reader does not vouch for).
    ``restore`` removes the apostrophe coordgraph put before formula-like cells
    (:func:`coordgraph.io.safe.restore_cell`).

    Cross-record rules (duplicate ids, citations, areas) are checked by the caller, who
    knows the other tables.
    """
    from coordgraph.routes.columns import route_table_from_text

    text = text_columns(path, max_bytes=max_bytes)
    if text is None:
        return None
    if restore:
        import polars as pl

        from coordgraph.io.safe import restore_cells_expr

        text = text.select(restore_cells_expr(pl.col(c)).alias(c) for c in text.columns)
    return route_table_from_text(text, max_cell=csv.field_size_limit())


def text_columns(path: Path, *, max_bytes: int) -> pl.DataFrame | None:
    """A CSV file's cells as text columns named by the stripped header (``None`` for an
    empty cell), or ``None`` when the file is not plainly well-formed: too large, not
    UTF-8, a control character, a carriage return that does not end a line, a ``sep=``
    line or another separator, a header with a blank, repeated or quoted name, a
    malformed quote, a row with too few or too many cells, a blank line between rows, a
    line break in a cell of a one-line column."""
    import polars as pl

    try:
        data = read_bytes(path, max_bytes)
    except DataError:
        return None
    data = data.removeprefix(b"\xef\xbb\xbf").rstrip(b"\r\n")
    if (
        not data
        or len(data.translate(None, _CONTROL_BYTES)) != len(data)
        or (b"\r" in data and data.count(b"\r") != data.count(b"\r\n"))
    ):
        return None
    first, _, _ = data.partition(b"\n")
    if b'"' in first or b"," not in first or first.lower().startswith(b"sep="):
        return None
    try:
        header = [h.strip() for h in first.decode("utf-8").rstrip("\r").split(",")]
    except UnicodeDecodeError:
        return None
    if any(not h for h in header) or len(set(header)) != len(header):
        return None
    quoted = _quoted_cells(data)
    if quoted is None:
        return None
    in_quotes, line_breaks = quoted
    try:
        frame = pl.read_csv(
            io.BytesIO(data), has_header=True, new_columns=header, infer_schema=False
        )
    except Exception:  # polars refuses the file: the record path will say why
        return None
    if data.count(b",") - in_quotes != (len(header) - 1) * (frame.height + 1):
        return None  # a row with too few cells, or a blank line between rows
    if line_breaks:
        one_line = [n for n in header if n not in MULTILINE_COLUMNS]
        if frame.select(pl.any_horizontal(pl.col(one_line).str.contains("[\r\n]").any())).item():
            return None
    return frame


def _quoted_cells(data: bytes) -> tuple[int, bool] | None:
    """How many commas lie inside quoted cells and whether one holds a line break;
    ``None`` when a quote is malformed."""
    if b'"' not in data:
        return 0, False
    quotes = data.count(b'"')
    commas = covered = 0
    line_breaks = False
    for match in _QUOTED.finditer(data):
        cell = match.group()
        covered += cell.count(b'"')
        commas += cell.count(b",")
        line_breaks = line_breaks or b"\n" in cell
    return (commas, line_breaks) if covered == quotes else None
