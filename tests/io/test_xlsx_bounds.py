"""Workbooks are read with work bounded by the values they hold, not by what their XML
declares or pads; what Excel hides or never shows is a problem, not data."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import resource
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

import coordgraph
from coordgraph.errors import ValidationFailed
from coordgraph.io import xlsx
from tests.io import hostile_books

MEMORY_CAP = 1536 * 1024**2  # address space: Python, polars and openpyxl need about 0.9 GB


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ValidationFailed) as info:
        coordgraph.load(path)
    return [str(p) for p in info.value.problems]


def validate_capped(path: Path) -> tuple[int, str, float]:
    """``coordgraph validate`` under a memory cap: exit code, output, CPU seconds."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run(
        [sys.executable, "-m", "coordgraph", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=cap,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return run.returncode, run.stdout + run.stderr, cpu


@pytest.mark.parametrize(
    ("name", "message"),
    [
        # 2 MB on disk, 1.4 GB of <row/>: was 6 GB and 250 s, then MemoryError
        ("empty-rows", "xl/worksheets/sheet1.xml unpacks to 1,467 MB from 2.2 MB"),
        # 50 KB, 200,000 rows with one value in column XFD: was 281 s
        ("far-column", "199,980 more values in columns with no name in the header"),
        # 2 MB holding 1.9 GB of blanks: was 23 s and 2 GB
        ("whitespace", "mostly blank space or empty rows, which coordgraph does not read"),
    ],
)
def test_hostile_workbooks_are_refused_in_bounded_time_and_memory(
    tmp_path: Path, name: str, message: str
) -> None:
    book = hostile_books.BUILDERS[name](tmp_path / f"{name}.xlsx")
    code, output, cpu = validate_capped(book)
    assert code == 2, output
    assert message in output
    assert "MemoryError" not in output and "Traceback" not in output
    assert cpu < 60, cpu


def test_empty_rows_below_the_ratio_limit_end_reading_and_a_later_value_is_found(
    tmp_path: Path,
) -> None:
    quiet = hostile_books.empty_rows(tmp_path / "quiet.xlsx", megabytes=1)
    assert len(coordgraph.load(quiet)) == 0  # a header and nothing else: no records
    loud = hostile_books.empty_rows(
        tmp_path / "loud.xlsx", megabytes=1, after=["r1", "ALB", "GRC", "girls"]
    )
    found = problems_of(loud)
    assert len(found) == 1
    assert found[0].startswith("loud.xlsx:routes!2:2: values after 10,000 empty rows")


def test_values_right_of_the_header_are_reported_then_counted(tmp_path: Path) -> None:
    book = hostile_books.far_column(tmp_path / "far.xlsx", rows=1000)
    found = problems_of(book)
    assert len(found) == xlsx.MAX_STRAY_REPORTED + 1
    stray = [p for p in found if "a value in a column with no name in the header" in p]
    assert len(stray) == xlsx.MAX_STRAY_REPORTED
    assert stray[0].startswith("far.xlsx:routes!XFD2: ")
    assert any("980 more values in columns with no name" in p for p in found)


def test_rows_past_the_last_excel_row_and_rows_too_wide(tmp_path: Path) -> None:
    past = hostile_books._book(
        tmp_path / "past.xlsx",
        [hostile_books._header_xml(), hostile_books._row_xml(1_048_577, ["r1", "ALB", "GRC"])],
    )
    assert any(
        "rows past row 1,048,576, the last row of an Excel sheet" in p for p in problems_of(past)
    )
    wide = hostile_books._book(
        tmp_path / "wide.xlsx",
        [hostile_books._header_xml(), b"<row>" + b"<c/>" * 16_385 + b"</row>"],
    )
    assert any("a row with more than 16,384 cells" in p for p in problems_of(wide))


def test_reading_memory_follows_the_values_not_the_rows(tmp_path: Path) -> None:
    """A sheet's XML is not kept: the rows read are dropped as they are read."""
    import tracemalloc

    book = hostile_books.empty_rows(tmp_path / "e.xlsx", megabytes=30)  # below the ratio floor
    tracemalloc.start()
    with contextlib.suppress(ValidationFailed):
        coordgraph.load(book)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 40 * 1024**2, peak


# ----------------------------------------------------------------------------- hidden


def sheet_book(
    tmp_path: Path, rows: list[list[object]], name: str = "h.xlsx"
) -> tuple[Path, openpyxl.Workbook]:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "routes"
    ws.append(["id", "origin", "destination", "volume"])
    for row in rows:
        ws.append(row)
    return tmp_path / name, wb


ROUTES = [["r1", "ALB", "GRC", 5], ["r2", "ALB", "ITA", 7], ["r3", "MKD", "GRC", 9]]


def test_rows_hidden_by_hand_are_problems(tmp_path: Path) -> None:
    path, wb = sheet_book(tmp_path, ROUTES)
    wb.active.row_dimensions[3].hidden = True
    wb.active.row_dimensions[4].hidden = True
    wb.active.row_dimensions[9].hidden = True  # empty: nothing hidden
    wb.save(path)
    assert problems_of(path) == [
        "h.xlsx:routes!3:4: 2 rows holding values are hidden (rows 3-4): a dataset is only "
        "what its reader can see (unhide them (select the rows on both sides, right-click, "
        "Unhide) or delete them)"
    ]


def test_rows_hidden_by_a_filter_are_problems(tmp_path: Path) -> None:
    path, wb = sheet_book(tmp_path, ROUTES)
    ws = wb.active
    ws.auto_filter.ref = "A1:D4"
    ws.auto_filter.add_filter_column(1, ["MKD"])
    ws.row_dimensions[2].hidden = True
    ws.row_dimensions[3].hidden = True
    wb.save(path)
    (found,) = problems_of(path)
    assert "2 rows holding values are hidden by a filter (rows 2-3)" in found
    assert "clear the filter (Data > Clear)" in found


def test_hidden_columns_are_problems(tmp_path: Path) -> None:
    path, wb = sheet_book(tmp_path, ROUTES)
    wb.active.column_dimensions["D"].hidden = True
    wb.active.column_dimensions["H"].hidden = True  # nothing in it
    wb.save(path)
    assert problems_of(path) == [
        "h.xlsx:routes!D:D:volume: column D (volume) is hidden: a dataset is only what its "
        "reader can see (unhide it (select the columns on both sides, right-click, Unhide) "
        "or delete it)"
    ]


@pytest.mark.parametrize(
    ("serial", "message"),
    [
        (-5, "the date cell holds -5, which Excel shows as ####: not a date"),
        (0, "the date cell holds 0, which Excel shows as ####: not a date"),
        (60, "the date cell shows 1900-02-29, a day that never was"),
        (60.5, "the date cell shows 1900-02-29, a day that never was"),
        (2_958_466, "the date cell holds 2.95847e+06, which Excel shows as ####"),
    ],
)
def test_date_serials_excel_does_not_show_as_dates_are_problems(
    tmp_path: Path, serial: float, message: str
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "agreements"
    ws.append(["id", "type", "parties", "scope", "signed"])
    ws.append(["a", "bilateral", "ALB|GRC", "children", serial])
    ws["E2"].number_format = "yyyy-mm-dd"
    wb.save(tmp_path / "d.xlsx")
    found = problems_of(tmp_path / "d.xlsx")
    assert len(found) == 1 and found[0].startswith("d.xlsx:agreements!E2: " + message), found


@pytest.mark.parametrize(
    ("serial", "expected"), [(59, "1900-02-28"), (61, "1900-03-01"), (1, "1900-01-01")]
)
def test_date_serials_around_the_leap_day_read_as_excel_shows_them(
    tmp_path: Path, serial: int, expected: str
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "sources"
    ws.append(["id", "title", "date"])
    ws.append(["s1", "A source", serial])
    ws["C2"].number_format = "yyyy-mm-dd"
    wb.save(tmp_path / "d.xlsx")
    assert str(coordgraph.load(tmp_path / "d.xlsx").sources[0].date) == expected
    assert dt.date.fromisoformat(expected)


def test_cells_and_rows_without_references_are_placed_in_order(tmp_path: Path) -> None:
    """Some writers leave out the ``r`` of rows and cells: each is the next one."""
    row = (
        b"<row>"
        + b"".join(
            b'<c t="inlineStr"><is><t>%s</t></is></c>' % v
            for v in (b"r1", b"ALB", b"GRC", b"girls")
        )
        + b"</row>"
    )
    stray = row.replace(b"</row>", b'<c t="inlineStr"><is><t>x</t></is></c></row>')
    book = hostile_books._book(
        tmp_path / "plain.xlsx", [hostile_books._header_xml(), row, row.replace(b"r1", b"r2")]
    )
    ds = coordgraph.load(book)
    assert [(r.id, r.origin, r.destination, r.victims) for r in ds.routes] == [
        ("r1", "ALB", "GRC", ("girls",)),
        ("r2", "ALB", "GRC", ("girls",)),
    ]
    book = hostile_books._book(tmp_path / "stray.xlsx", [hostile_books._header_xml(), stray])
    assert problems_of(book) == [
        "stray.xlsx:routes!E2: a value in a column with no name in the header (give the "
        "column a name or clear it)"
    ]
