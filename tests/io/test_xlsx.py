"""Workbooks: the CSV layout in sheets, read and written by the same code; cells typed by
Excel reach the schema as the text a person meant; hostile workbooks give problems."""

from __future__ import annotations

import csv
import datetime as dt
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import coordgraph
from coordgraph.analyses import find_gaps
from coordgraph.cli import cli
from coordgraph.errors import ValidationFailed
from coordgraph.io.convert import write_dataset
from coordgraph.io.csvdir import write_csv_dir
from coordgraph.io.load import bundled_datasets
from coordgraph.io.xlsx import write_xlsx
from coordgraph.synth import synthesize


def records(ds):
    return {type(r).__name__ + ":" + r.id: r.model_dump(mode="json") for r in ds}


def findings(ds, as_of: str = "2019"):
    return [f.to_dict() for f in find_gaps(ds.to_networkx(), as_of=as_of)]


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ValidationFailed) as info:
        coordgraph.load(path)
    return [str(p) for p in info.value.problems]


def header(ws) -> list[str]:
    return [c.value for c in ws[1]]


def put(ws, row: int, column: str, value, number_format: str | None = None):
    cell = ws.cell(row=row, column=header(ws).index(column) + 1, value=value)
    if number_format:
        cell.number_format = number_format
    return cell


# ----------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("name", sorted(bundled_datasets()))
def test_bundled_dataset_yaml_to_xlsx_and_back_is_identical(name: str, tmp_path: Path) -> None:
    ds = coordgraph.load(name)
    book = write_xlsx(ds, tmp_path / f"{name}.xlsx")
    from_book = coordgraph.load(book)
    assert records(from_book) == records(ds)
    assert from_book.info == ds.info
    assert findings(from_book) == findings(ds)
    write_dataset(from_book, tmp_path / "back.yaml")
    back = coordgraph.load(tmp_path / "back.yaml")
    assert records(back) == records(ds) and back.info == ds.info
    # The YAML written from the workbook is byte for byte the YAML written from the source.
    write_dataset(ds, tmp_path / "direct.yaml")
    assert (tmp_path / "back.yaml").read_bytes() == (tmp_path / "direct.yaml").read_bytes()


def test_csv_and_xlsx_convert_into_each_other_unchanged(tmp_path: Path) -> None:
    ds = synthesize(countries=25, routes=400, agreements=30, mechanisms=40, seed=3)
    write_csv_dir(ds, tmp_path / "csv")
    from_csv = coordgraph.load(tmp_path / "csv")
    write_dataset(from_csv, tmp_path / "s.xlsx")
    from_book = coordgraph.load(tmp_path / "s.xlsx")
    write_dataset(from_book, tmp_path / "csv2")
    from_csv2 = coordgraph.load(tmp_path / "csv2")
    assert records(from_csv) == records(ds) == records(from_book) == records(from_csv2)
    assert from_book.info == ds.info == from_csv2.info
    assert findings(from_book, "2015") == findings(ds, "2015")
    assert ds.info.synthetic and from_book.info.synthetic


def test_text_that_looks_like_a_formula_or_number_stays_text(tmp_path: Path) -> None:
    doc = {
        "dataset": {"name": "t", "title": "T"},
        "sources": [{"id": "2006", "title": '=HYPERLINK("http://x")', "notes": "+12"}],
        "routes": [{"id": "r1", "origin": "ALB", "destination": "GRC", "notes": "0012"}],
    }
    (tmp_path / "t.json").write_text(json.dumps(doc), encoding="utf-8")
    ds = coordgraph.load(tmp_path / "t.json")
    book = write_xlsx(ds, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(book)["sources"]
    title = ws.cell(2, header(ws).index("title") + 1)
    assert (title.value, title.data_type) == ('=HYPERLINK("http://x")', "s")
    assert ws.cell(2, 1).value == "2006"
    assert records(coordgraph.load(book)) == records(ds)


def test_a_value_a_workbook_cannot_hold_is_refused_before_writing(tmp_path: Path) -> None:
    doc = {"routes": [{"id": "r1", "origin": "ALB", "destination": "GRC", "notes": "a\u0001b"}]}
    (tmp_path / "t.json").write_text(json.dumps(doc), encoding="utf-8")
    r = CliRunner().invoke(cli, ["convert", str(tmp_path / "t.json"), str(tmp_path / "t.xlsx")])
    assert r.exit_code == 2
    assert "routes 'r1': notes holds the control character U+0001" in r.output
    assert not (tmp_path / "t.xlsx").exists()


# ----------------------------------------------------------------------------- the template


def test_template_documents_every_column_and_offers_drop_downs(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["init", str(tmp_path / "focal.xlsx")])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(tmp_path / "focal.xlsx")
    assert wb.sheetnames[:2] == ["README", "dataset"]
    assert {"routes", "focal_points", "network_members", "agreement_parties"} <= set(wb.sheetnames)
    assert wb["_lists"].sheet_state == "hidden"
    readme = "\n".join(str(c.value) for row in wb["README"].iter_rows() for c in row if c.value)
    assert "coordgraph validate" in readme and "focal_points" in readme
    for name in wb.sheetnames:
        if name in {"README", "dataset", "_lists"}:
            continue
        for cell in wb[name][1]:
            assert cell.comment is not None and cell.comment.text.startswith(cell.value), (
                name,
                cell.value,
            )

    def validation(sheet: str, column: str) -> str:
        ws = wb[sheet]
        letter = openpyxl.utils.get_column_letter(header(ws).index(column) + 1)
        found = [
            dv.formula1
            for dv in ws.data_validations.dataValidation
            if letter + "2" in str(dv.sqref)
        ]
        assert found, (sheet, column)
        return found[0]

    lists = wb["_lists"]
    mode_col = next(c for c in lists[1] if c.value == "Mode").column_letter
    assert validation("routes", "mode") == f"'_lists'!${mode_col}$2:${mode_col}$4"
    assert validation("routes", "origin").startswith("'countries'!$A$2")
    assert validation("focal_points", "network").startswith("'networks'!$A$2")
    assert validation("focal_points", "status").startswith("'_lists'!")
    assert validation("network_members", "network").startswith("'networks'!$A$2")
    assert validation("agreements", "requires_focal_point").startswith("'_lists'!")
    assert (
        "origin (required)"
        in wb["routes"]["A1"].parent.cell(1, header(wb["routes"]).index("origin") + 1).comment.text
    )
    # An empty template is a valid, empty dataset.
    assert len(coordgraph.load(tmp_path / "focal.xlsx")) == 0


def test_init_never_replaces_what_exists(tmp_path: Path) -> None:
    book = tmp_path / "mine.xlsx"
    book.write_bytes(b"someone's workbook")
    r = CliRunner().invoke(cli, ["init", str(book)])
    assert r.exit_code == 2 and "already exists" in r.output
    assert book.read_bytes() == b"someone's workbook"
    r = CliRunner().invoke(cli, ["init", str(book), "--overwrite"])
    assert r.exit_code == 0
    assert zipfile.is_zipfile(book)
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "letter.docx").write_text("x")
    r = CliRunner().invoke(cli, ["init", str(folder)])
    assert r.exit_code == 2, r.output
    assert [p.name for p in folder.iterdir()] == ["letter.docx"]
    # --overwrite writes beside the user's files and never touches them.
    r = CliRunner().invoke(cli, ["init", str(folder), "--overwrite"])
    assert r.exit_code == 0, r.output
    assert (folder / "letter.docx").read_text() == "x"
    assert (folder / "routes.csv").exists()
    src = tmp_path / "src.yaml"
    src.write_text("routes:\n  - {id: r1, origin: ALB, destination: GRC}\n")
    for target in (src, tmp_path / "new" / "inside.yaml"):
        r = CliRunner().invoke(
            cli,
            [
                "convert",
                str(src if target == src else tmp_path / "new"),
                str(target),
                "--overwrite",
            ],
        )
        assert r.exit_code == 2, r.output
    r = CliRunner().invoke(cli, ["init", str(tmp_path / "new")])
    assert r.exit_code == 0
    assert (tmp_path / "new" / "datapackage.json").exists()
    assert (tmp_path / "new" / "routes.csv").read_text().startswith("id,name,sources,")
    assert len(coordgraph.load(tmp_path / "new")) == 0


def test_convert_writes_nothing_from_an_invalid_source(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("routes:\n  - id: r1\n    origin: Atlantis\n")
    r = CliRunner().invoke(cli, ["convert", str(tmp_path / "bad.yaml"), str(tmp_path / "o.xlsx")])
    assert r.exit_code == 2
    assert "Atlantis" in r.output and "Traceback" not in r.output
    assert not (tmp_path / "o.xlsx").exists()


# ----------------------------------------------------------------------------- done when


def test_a_template_filled_as_a_person_would_validates_and_round_trips(tmp_path: Path) -> None:
    """coordgraph init, then typing in Excel: dates as dates, numbers as numbers."""
    book = tmp_path / "west.xlsx"
    assert CliRunner().invoke(cli, ["init", str(book)]).exit_code == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["dataset"]
    ws["B3"] = "Two States and a network, typed in by hand"  # title
    s = wb["sources"]
    s.append(["unodc2020", "UNODC report", None, None, None, "verified"])
    put(s, 2, "title", "Global Report on Trafficking in Persons 2020")
    put(s, 2, "date", dt.datetime(2021, 2, 2), "yyyy-mm-dd")
    n = wb["networks"]
    put(n, 2, "id", "ecowas")
    put(n, 2, "name", "ECOWAS focal institutions")
    put(n, 2, "type", "intergovernmental")
    put(n, 2, "requires_focal_point", True)
    put(n, 2, "member_count", 15)
    put(n, 2, "members_complete", False)
    put(n, 2, "sources", "unodc2020:p. 12")
    m = wb["network_members"]
    for row, (country, joined) in enumerate([("Benin", 1975), ("TGO", 1975.0)], start=2):
        put(m, row, "network", "ecowas")
        put(m, row, "country", country)
        put(m, row, "joined", joined)
    a = wb["agreements"]
    put(a, 2, "id", "ben-nga-2005")
    put(a, 2, "type", "bilateral")
    ap = wb["agreement_parties"]
    for row, party in enumerate(["BEN", "Nigeria"], start=2):
        put(ap, row, "agreement", "ben-nga-2005")
        put(ap, row, "country", party)
    put(ap, 3, "signed", dt.datetime(2005, 6, 1), "mmm-yy")
    put(a, 2, "signed", dt.datetime(2005, 6, 1), "mmm-yy")  # Excel's reading of "2005-06"
    put(a, 2, "in_force", dt.datetime(2006, 1, 9), "dd/mm/yyyy")
    put(a, 2, "scope", "children")
    put(a, 2, "sources", "unodc2020")
    f = wb["focal_points"]
    put(f, 2, "id", "ben-ecowas")
    put(f, 2, "country", "BEN")
    put(f, 2, "network", "ecowas")
    put(f, 2, "valid_from", dt.datetime(2009, 1, 1), "yyyy")
    put(f, 2, "sources", "unodc2020")
    r = wb["routes"]
    for row, (rid, origin, dest, volume) in enumerate(
        [("ben-nga", "BEN", "NGA", 12.0), ("tgo-ben", "Togo", "BEN", 3)], start=2
    ):
        put(r, row, "id", rid)
        put(r, row, "origin", origin)
        put(r, row, "destination", dest)
        put(r, row, "victims", "girls|boys")
        put(r, row, "volume", volume)
        put(r, row, "sources", "unodc2020")
    wb.save(book)

    runner = CliRunner()
    v = runner.invoke(cli, ["validate", str(book)])
    assert v.exit_code == 0, v.output
    ds = coordgraph.load(book)
    ag = ds.agreements[0]
    assert (str(ag.signed), str(ag.in_force)) == ("2005-06", "2006-01-09")
    assert str(ds.focal_points[0].valid_from) == "2009"
    assert [str(x.joined) for x in ds.networks[0].members] == ["1975", "1975"]
    assert [r.volume for r in ds.routes] == [12, 3]
    assert ds.networks[0].requires_focal_point and not ds.networks[0].members_complete
    assert ds.info.title == "Two States and a network, typed in by hand"

    y = tmp_path / "west.yaml"
    assert runner.invoke(cli, ["convert", str(book), str(y)]).exit_code == 0
    b2 = tmp_path / "west2.xlsx"
    assert runner.invoke(cli, ["convert", str(y), str(b2)]).exit_code == 0
    again = coordgraph.load(b2)
    assert records(again) == records(ds) == records(coordgraph.load(y))
    assert again.info == ds.info
    assert findings(again, "2022") == findings(ds, "2022")
    kinds = {f["kind"] for f in findings(ds, "2022")}
    assert {"route_unlinked", "member_without_focal_point"} <= kinds, kinds


# ----------------------------------------------------------------------------- Excel's cells


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A small valid workbook to break in each test."""
    ds = coordgraph.load("west-africa")
    return write_xlsx(ds, tmp_path / "wa.xlsx")


def edit(path: Path, fn) -> Path:
    wb = openpyxl.load_workbook(path)
    fn(wb)
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [
        (dt.datetime(2006, 2, 14), "yyyy-mm-dd", "2006-02-14"),
        (dt.datetime(2006, 2, 14, 15, 30), "yyyy-mm-dd h:mm", "2006-02-14"),
        (dt.datetime(2006, 2, 1), "mmm-yy", "2006-02"),
        (dt.datetime(2006, 2, 1), "mmmm yyyy", "2006-02"),
        (dt.datetime(2006, 1, 1), "yyyy", "2006"),
        (dt.datetime(2006, 2, 14), "d mmm yyyy", "2006-02-14"),
        (2006, "General", "2006"),
        (2006.0, "General", "2006"),
        ("2006-02", "@", "2006-02"),
    ],
)
def test_a_date_cell_keeps_the_precision_it_shows(
    book: Path, value, number_format: str, expected: str
) -> None:
    edit(book, lambda wb: put(wb["agreements"], 2, "signed", value, number_format))
    ds = coordgraph.load(book)
    assert str(ds.agreements[0].signed) == expected


def test_numbers_and_booleans_typed_in_excel(book: Path) -> None:
    def fill(wb):
        put(wb["routes"], 2, "volume", 40.0)
        put(wb["networks"], 2, "requires_focal_point", False)
        put(wb["networks"], 2, "member_count", 15.0)

    ds = coordgraph.load(edit(book, fill))
    assert ds.routes[0].volume == 40
    assert ds.networks[0].requires_focal_point is False
    assert ds.networks[0].member_count == 15


def test_a_fraction_where_a_whole_number_is_expected_is_refused_as_in_csv(
    book: Path, tmp_path: Path
) -> None:
    edit(book, lambda wb: put(wb["routes"], 3, "volume", 12.5))
    found = problems_of(book)
    ws = openpyxl.load_workbook(book)["routes"]
    letter = openpyxl.utils.get_column_letter(header(ws).index("volume") + 1)
    assert found == [
        f"wa.xlsx:routes!{letter}3:volume: '12.5' is not a whole number; write digits only, "
        "e.g. 120"
    ]
    # The same mistake in the CSV folder says the same thing.
    write_csv_dir(coordgraph.load("west-africa"), tmp_path / "csv")
    routes = tmp_path / "csv" / "routes.csv"
    with routes.open(newline="") as handle:
        rows = list(csv.reader(handle))
    rows[2][rows[0].index("volume")] = "12.5"
    with routes.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    csv_found = problems_of(tmp_path / "csv")
    assert [p.split(": ", 1)[1] for p in csv_found] == [found[0].split(": ", 1)[1]]
    assert csv_found[0].startswith("routes.csv:3:volume: ")


def test_problems_point_at_sheet_and_cell_with_the_csv_messages(book: Path, tmp_path: Path) -> None:
    def break_it(wb):
        put(wb["routes"], 4, "origin", "Atlantis")
        put(wb["focal_points"], 2, "network", "no-such-network")
        put(wb["agreement_parties"], 3, "country", "GRX")

    found = problems_of(edit(book, break_it))
    joined = "\n".join(found)
    assert "wa.xlsx:routes!" in joined and "4:origin: 'Atlantis' is not a known country" in joined
    assert "wa.xlsx:focal_points!" in joined and "2:network: " in joined
    assert "wa.xlsx:agreement_parties!" in joined and "GRX" in joined
    for line in found:
        assert line.startswith("wa.xlsx:") and "!" in line.split(": ")[0]


def test_formulas_are_refused_never_computed(book: Path) -> None:
    def fill(wb):
        put(wb["routes"], 2, "volume", "=SUM(1,2)")
        put(wb["routes"], 3, "notes", '=A3&"x"')

    found = problems_of(edit(book, fill))
    assert len(found) == 2
    assert all("is not read (replace it by its value" in p for p in found)
    assert "=SUM(1,2)" in found[0] or "=SUM(1,2)" in found[1]


def test_libreoffice_booleans_are_read_as_booleans(book: Path) -> None:
    """LibreOffice saves a TRUE cell as the formula =TRUE(): a constant, not a computation."""

    def fill(wb):
        put(wb["networks"], 2, "requires_focal_point", "=TRUE()")
        put(wb["networks"], 2, "coordinating", "=FALSE()")

    ds = coordgraph.load(edit(book, fill))
    assert ds.networks[0].requires_focal_point is True
    assert ds.networks[0].coordinating is False


def test_error_cells_are_refused(book: Path) -> None:
    def fill(wb):
        cell = put(wb["routes"], 2, "volume", "#REF!")
        cell.data_type = "e"

    found = problems_of(edit(book, fill))
    assert found and "the cell holds the error #REF!" in found[0]


# ----------------------------------------------------------------------------- hostile books


def test_merged_cells_extra_hidden_and_stray_cells_are_problems(book: Path) -> None:
    def fill(wb):
        wb["routes"].merge_cells("B3:B4")
        wb.create_sheet("Sheet1")["A1"] = "my notes"
        wb.create_sheet("_notes")["A1"] = "ignored: starts with _"
        wb["agencies"].sheet_state = "hidden"
        wb["mechanisms"].cell(row=3, column=40, value="stray")

    found = problems_of(edit(book, fill))
    assert "wa.xlsx:routes!B3:B4: merged cells B3:B4" in found[-1] or any(
        p.startswith("wa.xlsx:routes!B3:B4: merged cells B3:B4") for p in found
    )
    assert any(p.startswith("wa.xlsx:Sheet1: unknown sheet") for p in found)
    assert any(p.startswith("wa.xlsx:agencies: the sheet is hidden") for p in found)
    assert any(
        p.startswith("wa.xlsx:mechanisms!AN3: a value in a column with no name") for p in found
    )
    assert not any("_notes" in p for p in found)
    assert len(found) == 4, found


def test_headers_in_another_order_and_missing_sheets_are_fine(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Routes"
    ws.append(["destination", "origin", "id", "victims"])
    ws.append(["GRC", "Albania", "r1", "girls"])
    wb.save(tmp_path / "few.xlsx")
    ds = coordgraph.load(tmp_path / "few.xlsx")
    assert [(r.id, r.origin, r.destination) for r in ds.routes] == [("r1", "ALB", "GRC")]
    assert ds.info.name == "few"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a workbook at all", "not an .xlsx workbook (not a zip container)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old Excel (.xls) or password"),
        (b"PK\x03\x04" + b"\0" * 60, "not"),
        (b"", "not an .xlsx workbook"),
    ],
)
def test_files_that_are_not_workbooks(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    r = CliRunner().invoke(cli, ["validate", str(path)])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert message in r.output.splitlines()[0]


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    found = problems_of(path)
    assert len(found) == 1 and found[0].startswith("x.xlsx: not a readable .xlsx workbook")


def test_a_zip_bomb_is_refused_before_unpacking(tmp_path: Path, monkeypatch) -> None:
    import coordgraph.io.xlsx as xlsx

    book = write_xlsx(coordgraph.load("ecpat-2008"), tmp_path / "b.xlsx")
    monkeypatch.setattr(xlsx, "MAX_UNPACKED_BYTES", 1000)
    found = problems_of(book)
    assert found[0].startswith("b.xlsx: the workbook unpacks to")


def test_empty_sheets_duplicate_headers_and_too_many_columns(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "routes"
    wb.create_sheet("agreements").append(["id", "id", "type"])
    wb.create_sheet("networks").append([f"c{i}" for i in range(300)])
    wb.create_sheet(" Networks")
    wb.save(tmp_path / "h.xlsx")
    found = problems_of(tmp_path / "h.xlsx")
    assert "h.xlsx:routes!1:1: the sheet is empty (give at least a header row)" in found
    assert "h.xlsx:agreements!B1:id: column named twice in the header" in found
    assert any(p.startswith("h.xlsx:networks!1:1: 300 columns") for p in found)
    assert any("two sheets for networks" in p for p in found)


def test_a_sheet_declaring_a_huge_size_is_read_by_its_cells(tmp_path: Path) -> None:
    ds = coordgraph.load("ecpat-2008")
    book = write_xlsx(ds, tmp_path / "big.xlsx")
    # Rewrite the declared dimension of every sheet to the whole grid.
    out = tmp_path / "huge.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                import re

                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)
            dst.writestr(item, data)
    assert records(coordgraph.load(out)) == records(ds)


def test_xls_and_ods_are_named(tmp_path: Path) -> None:
    for name in ("old.xls", "calc.ods"):
        (tmp_path / name).write_bytes(b"x")
        r = CliRunner().invoke(cli, ["validate", str(tmp_path / name)])
        assert r.exit_code == 2 and "save it as an Excel Workbook (.xlsx)" in r.output
