"""CSV saved by a French-locale Excel (columns separated by ';') is read when the file
says so unambiguously; a comma-decimal number is never silently misread."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import coordgraph
from coordgraph.errors import ValidationFailed
from coordgraph.io.csvdir import sniff_delimiter, write_csv_dir


def records(ds):
    return {type(r).__name__ + ":" + r.id: r.model_dump(mode="json") for r in ds}


def to_semicolons(folder: Path, *, sep_line: bool) -> None:
    """Rewrite every CSV of a folder as Excel does under a French locale."""
    for path in folder.glob("*.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        out = io.StringIO()
        if sep_line:
            out.write("sep=;\r\n")
        csv.writer(out, delimiter=";").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8-sig")


@pytest.mark.parametrize("sep_line", [False, True])
def test_a_semicolon_folder_reads_as_the_comma_folder(tmp_path: Path, sep_line: bool) -> None:
    ds = coordgraph.load("west-africa")
    write_csv_dir(ds, tmp_path / "csv")
    to_semicolons(tmp_path / "csv", sep_line=sep_line)
    assert "," in (tmp_path / "csv" / "agencies.csv").read_text()  # names with commas
    assert records(coordgraph.load(tmp_path / "csv")) == records(ds)


def test_rows_count_from_the_header_after_a_sep_line(tmp_path: Path) -> None:
    (tmp_path / "routes.csv").write_text("sep=;\nid;origin;destination\nr1;ALB;Atlantis\n")
    with pytest.raises(ValidationFailed) as info:
        coordgraph.load(tmp_path)
    assert [str(p).split(": ")[0] for p in info.value.problems] == ["routes.csv:3:destination"]


def test_a_comma_decimal_is_refused_where_a_number_is_expected(tmp_path: Path) -> None:
    (tmp_path / "routes.csv").write_text("id;origin;destination;volume\nr1;ALB;GRC;12,5\n")
    with pytest.raises(ValidationFailed) as info:
        coordgraph.load(tmp_path)
    assert str(info.value.problems[0]).startswith("routes.csv:2:volume: Input should be")


def test_ambiguous_headers_are_not_guessed() -> None:
    known = {"id", "origin", "destination", "notes"}
    assert sniff_delimiter("id;origin;destination\n", known) == (";", 0)
    assert sniff_delimiter("id,origin;destination\n", known) == (",", 0)  # has a comma
    assert sniff_delimiter("id;origine;destination\n", known) == (",", 0)  # unknown column
    assert sniff_delimiter("id\n", known) == (",", 0)
    assert sniff_delimiter("SEP=;\r\nid;origin\n", known) == (";", 1)
    assert sniff_delimiter("\ufeffsep=;\nid;origin\n", known) == (";", 1)


def test_a_semicolon_header_with_an_unknown_column_is_one_problem(tmp_path: Path) -> None:
    (tmp_path / "routes.csv").write_text("id;origine;destination\nr1;ALB;GRC\n")
    with pytest.raises(ValidationFailed) as info:
        coordgraph.load(tmp_path)
    assert [str(p) for p in info.value.problems] == [
        "routes.csv:1: columns are separated by ';', not commas (save as comma-separated CSV "
        "(UTF-8), or make the first line sep=;)"
    ]
