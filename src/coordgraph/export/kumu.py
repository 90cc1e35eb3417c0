"""Kumu: elements and connections in one Excel workbook, with the analysis as of a date.

Kumu's spreadsheet import reads a sheet named ``Elements`` (``Label``, or ``ID`` as first
column) and a sheet named ``Connections`` (``From`` and ``To``, or ``ID`` first); every
further column becomes a field Kumu can filter and colour by, and ``|`` separates values
inside a cell (docs.kumu.io, "Structure your data for Kumu"). With an ``ID`` column,
Kumu matches rows to what it imported before, so a re-import updates instead of
duplicating ("How do I avoid duplicating data?"). The ids here depend only on the
dataset, never on the date or the order of records.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import IO, Any

import networkx as nx

from coordgraph.dates import FuzzyDate
from coordgraph.export.analysis import (
    analyse,
    finding_fields,
    pair_id,
)
from coordgraph.io.safe import safe_cell
from coordgraph.routes.detail import with_route_detail
from coordgraph.time_rules import TimeRules

__all__ = [
    "CONNECTION_COLUMNS",
    "ELEMENT_COLUMNS",
    "kumu_tables",
    "kumu_workbook",
    "write_kumu",
]

#: The first columns of each sheet (Kumu's own, then the analysis); every record field
#: follows as its own column.
ELEMENT_COLUMNS = (
    "ID",
    "Label",
    "Type",
    "Description",
    "Tags",
    "Gap findings",
    "Highest severity",
    "Finding kinds",
    "Findings",
    "As of",
)
CONNECTION_COLUMNS = (
    "ID",
    "From",
    "To",
    "Type",
    "Direction",
    "Label",
    "Start",
    "End",
    "Link status",
    "Link kind",
    "Severity",
    "Finding",
)

#: Node attributes that already have a column of their own, or that say nothing in Kumu.
_ELEMENT_SKIP = {"kind", "label", "name", "notes", "id"}
_TAG_FIELDS = ("type", "scope", "purposes", "victims", "mode", "status", "level")

#: Characters an .xlsx cell cannot hold (C0 controls but tab/newline/return).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _column(name: str) -> str:
    """A field name as a Kumu column: ``in_force`` -> ``In force``."""
    return name.replace("_", " ").strip().capitalize()


def _field_column(name: str, row: dict[str, Any]) -> str:
    """A record field's column, prefixed with ``Record`` where Kumu's own column (``Type``,
    ``Start``...) already has that name."""
    col = _column(name)
    return f"Record {name.replace('_', ' ')}" if col in row else col


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, FuzzyDate | dt.date):
        return str(value) if isinstance(value, FuzzyDate) else value.isoformat()
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, tuple | list | set | frozenset):
        items = [str(_cell(v)) for v in value]
        return "|".join(items) if items else None
    return str(value)


def _text(value: Any, neutralise: bool = True) -> Any:
    """Formula-safe, xlsx-safe text; numbers and booleans stay typed."""
    value = _cell(value)
    if isinstance(value, str):
        return _ILLEGAL.sub("\ufffd", safe_cell(value, neutralise=neutralise))
    return value


def kumu_tables(
    G: nx.MultiDiGraph, *, as_of: dt.date | str | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The rows of the ``Elements`` and ``Connections`` sheets, as dicts per row.

    Elements: one per node, each route of the graph's table among them (see
    :func:`~coordgraph.routes.detail.with_route_detail`); ``ID`` is the graph node
    id, ``Type`` its kind, ``Tags`` its type, scope, purposes and victims; then every
    field of the record as its own column and the analysis as of ``as_of`` (``Gap
    findings``, ``Highest severity``, ``Finding kinds``, ``Findings``, ``As of``).

    Connections: one per relationship (``ID`` ``source>key>target``) with ``Start`` and
    ``End`` (see :meth:`coordgraph.time_rules.TimeRules.link_spell`) and its own fields; then
    one ``Route pair`` connection per pair of places the route analysis checked, with
    ``Link status`` (linked, unlinked, unresolved), ``Link kind``, ``Severity``,
    ``Finding``, ``Near misses``, ``Evidence``, ``Sources``, ``Routes``, ``As of``.
    """
    analysis = analyse(G, as_of=as_of)
    day = analysis.as_of.isoformat()
    D = with_route_detail(G)
    elements: list[dict[str, Any]] = []
    for n, attrs in sorted(D.nodes(data=True)):
        tags: list[str] = []
        for name in _TAG_FIELDS:
            value = attrs.get(name)
            if isinstance(value, tuple | list):
                tags += [str(v) for v in value]
            elif value is not None:
                tags.append(str(value))
        row: dict[str, Any] = {
            "ID": n,
            "Label": attrs.get("label", n),
            "Type": attrs.get("kind"),
            "Description": attrs.get("notes") or attrs.get("name"),
            "Tags": list(dict.fromkeys(tags)),
            "Record id": attrs.get("id"),
        }
        start, end = TimeRules.record_spell(attrs)
        row["Start"], row["End"] = start, end
        for k, v in sorted(attrs.items()):
            if k not in _ELEMENT_SKIP:
                row[_field_column(k, row)] = v
        summary = analysis.node_summary(n)
        row.update({_column(k): v for k, v in summary.items()})
        row["As of"] = day
        elements.append(row)
    connections: list[dict[str, Any]] = []
    for u, v, key, attrs in sorted(D.edges(keys=True, data=True), key=lambda e: e[:3]):
        relation = str(attrs.get("relation", key))
        first, last = TimeRules.link_spell(D, u, v, attrs)
        row = {
            "ID": f"{u}>{key}>{v}",
            "From": u,
            "To": v,
            "Type": relation.replace("_", " ").lower(),
            "Direction": "directed",
            "Label": None,
            "Start": first,
            "End": last,
        }
        for k, x in sorted(attrs.items()):
            if k != "relation":
                row[_field_column(k, row)] = x
        connections.append(row)
    for f in analysis.pairs:
        a, b = f.subjects
        fields = finding_fields(f)
        row = {
            "ID": pair_id(f),
            "From": a,
            "To": b,
            "Type": "route pair",
            "Direction": "directed",
            "Label": fields["link_status"],
        }
        row.update({_column(k): x for k, x in fields.items()})
        connections.append(row)
    return {"Elements": elements, "Connections": connections}


def _header(rows: list[dict[str, Any]], first: tuple[str, ...]) -> list[str]:
    seen = dict.fromkeys(first)
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def kumu_workbook(
    G: nx.MultiDiGraph, *, as_of: dt.date | str | None = None, neutralise: bool = True
) -> bytes:
    """The Kumu import workbook (.xlsx) as bytes; see :func:`write_kumu`."""
    buf = io.BytesIO()
    write_kumu(G, buf, as_of=as_of, neutralise=neutralise)
    return buf.getvalue()


def write_kumu(
    G: nx.MultiDiGraph,
    handle: IO[bytes],
    *,
    as_of: dt.date | str | None = None,
    neutralise: bool = True,
) -> None:
    """Write the Kumu import workbook (.xlsx) to a binary ``handle``; see
    :func:`kumu_tables` for the columns.

    Cells a spreadsheet would run as a formula get a leading ``'`` (unless not
    ``neutralise``) and are stored as text; lists are ``|``-joined; dates are text with
    their precision (``2006-02``). The sheets are streamed (openpyxl's write-only mode):
    each row goes to the file as it is made and is then let go, so memory holds the
    rows of the tables, not a workbook of cell objects as well.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    tables = kumu_tables(G, as_of=as_of)
    wb = Workbook(write_only=True)
    for name, first in (("Elements", ELEMENT_COLUMNS), ("Connections", CONNECTION_COLUMNS)):
        ws = wb.create_sheet(name)
        ws.freeze_panes = "A2"
        rows = tables.pop(name)
        header = _header(rows, first)
        ws.append(header)
        for index, row in enumerate(rows):
            cells: list[Any] = []
            for h in header:
                value = _text(row.get(h), neutralise)
                if isinstance(value, str):
                    cell = WriteOnlyCell(ws, value=value)
                    cell.data_type = "s"  # never a formula, whatever it starts with
                    value = cell
                cells.append(value)
            ws.append(cells)
            rows[index] = {}  # written: let it go
        del rows
    wb.save(handle)
