"""import treaty-status: the two saved page layouts, a CSV, damaged files, the difference
from a dataset, and writing the dataset with the table's parties."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from coordgraph.cli import cli
from coordgraph.errors import ValidationFailed
from coordgraph.io.load import load
from coordgraph.io.treaty_status import read_treaty_status
from coordgraph.status_diff import compare
from coordgraph.vocab import ConsentForm

DATA = Path(__file__).parent / "data" / "treaty_status"
UNTC = DATA / "untc-xviii-12-a.html"
COE = DATA / "coe-197-chart.html"
CSV = DATA / "palermo-status.csv"
DATASET = DATA / "dataset.yaml"


def _rows(path: Path) -> dict[str, object]:
    return {r.country: r for r in read_treaty_status(path).rows}


def test_untc_page() -> None:
    table = read_treaty_status(UNTC)
    assert table.layout == "untc"
    assert str(table.status_as_at) == "2008-09-26"
    assert table.url is not None and "mtdsg_no=XVIII-12-a" in table.url
    assert table.title is not None and table.title.startswith("12. a Protocol to Prevent")
    rows = {r.country: r for r in table.rows}
    assert len(rows) == 10 and len(table.parties) == 9
    algeria = rows["DZA"]  # a footnote number after the name
    assert algeria.name == "Algeria"
    assert (str(algeria.signed), str(algeria.consented)) == ("2001-06-06", "2004-03-09")
    assert algeria.consent is ConsentForm.RATIFICATION
    assert algeria.reservations is not None and "article 15 (2)" in algeria.reservations
    assert algeria.declarations is not None and "Israel" in algeria.declarations
    assert rows["AUS"].declarations is not None and rows["AUS"].reservations is None
    assert (rows["BHR"].signed, rows["BHR"].consent) == (None, ConsentForm.ACCESSION)
    assert rows["MNE"].consent is ConsentForm.SUCCESSION
    assert rows["BHS"].consented is None and str(rows["BHS"].signed) == "2001-04-09"
    # the European Community approved it (AA): named, not recorded as a State party
    assert table.not_states == ((47, "European Community"),)


def test_coe_chart() -> None:
    table = read_treaty_status(COE)
    assert table.layout == "coe"
    assert str(table.status_as_at) == "2013-12-01"
    assert table.url == (
        "https://www.coe.int/en/web/conventions/full-list?module=signatures-by-treaty&treatynum=197"
    )
    assert table.title == (
        "Chart of signatures and ratifications of Treaty 197: Council of Europe Convention "
        "on Action against Trafficking in Human Beings"
    )
    rows = {r.country: r for r in table.rows}
    assert len(rows) == 13  # the two section rows are headings, not States
    assert (str(rows["MDA"].signed), str(rows["MDA"].consented)) == ("2005-05-16", "2006-05-19")
    assert rows["BLR"].consent is ConsentForm.ACCESSION and rows["BLR"].signed is None
    assert "reservations (R.)" in str(rows["DNK"].notes)
    assert "declarations (D.)" in str(rows["AZE"].notes)
    assert rows["ALB"].notes is None


def test_csv_table() -> None:
    rows = _rows(CSV)
    assert rows["BHR"].consent is ConsentForm.ACCESSION  # type: ignore[attr-defined]
    assert "article 15 (2)" in str(rows["BHR"].reservations)  # type: ignore[attr-defined]
    assert str(rows["ALB"].consented) == "2002-08-21"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("source", "edits", "expected"),
    [
        (
            UNTC,
            [("<td>Armenia</td>", "<td>Atlantis</td>"), ("9 Mar 2004", "31 Feb 2004"),
             ("26 Sep 2003 a", "26 Sep 2003 x")],
            [
                "bad.html:39:ratification: '31 Feb 2004': 2004-02 has no day 31",
                "bad.html:41:country: 'Atlantis' is not a known country",
                "bad.html:46:ratification: '26 Sep 2003 x' is not a date as the UN writes them",
            ],
        ),
        (
            COE,
            [("19/05/2006", "19/13/2006"), ("<td>a</td>", "<td>q</td>")],
            [
                "bad.html:41:ratification: '19/13/2006': month 13 is not between 01 and 12",
                "bad.html:43:notes: 'q' is not a note of the chart",
            ],
        ),
        (
            CSV,
            [("Belize,,26 Sep 2003 a", "Belize,,soon"), ("Bahamas,", "Albania,")],
            [
                "bad.html:4:ratification: 'soon' is not a date",
                "bad.html:5:country: 'Albania' is listed twice (first at row 2)",
            ],
        ),
    ],
)  # fmt: skip
def test_a_damaged_file_is_refused_with_every_row_at_once(
    tmp_path: Path, source: Path, edits: list[tuple[str, str]], expected: list[str]
) -> None:
    text = source.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    bad = tmp_path / "bad.html"
    bad.write_text(text, encoding="utf-8")
    layout = "csv" if source == CSV else None
    with pytest.raises(ValidationFailed) as failed:
        read_treaty_status(bad, layout=layout)
    shown = [str(p) for p in failed.value.problems]
    assert len(shown) == len(expected)
    for line, start in zip(shown, expected, strict=True):
        assert line.startswith(start), line


def test_a_page_without_a_status_table_is_one_error(tmp_path: Path) -> None:
    page = tmp_path / "other.html"
    page.write_text("<html><body><table><tr><td>x</td></tr></table></body></html>")
    result = CliRunner().invoke(
        cli, ["import", "treaty-status", str(page), "--agreement", "palermo-protocol",
              "--dataset", str(DATASET)],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "no status table found" in result.output


def test_the_difference_from_the_dataset() -> None:
    diff = compare(load(DATASET), "palermo-protocol", read_treaty_status(UNTC))
    added = {c.country for c in diff.of("added")}
    assert added == {"ARG", "ARM", "AUS", "AUT", "BHS", "BHR", "BLZ", "MNE"}
    (changed,) = diff.of("changed")
    assert (changed.country, changed.fields) == ("DZA", (("ratified", "2004-03-08", "2004-03-09"),))
    assert [c.country for c in diff.of("not_listed")] == ["NPL"]
    assert diff.unchanged == 1  # Albania
    montenegro = next(c for c in diff.changes if c.country == "MNE")
    assert ("as", None, "succession") in montenegro.fields


def test_the_command_prints_the_difference_and_writes_nothing(tmp_path: Path) -> None:
    before = sorted(p.name for p in DATA.iterdir())
    result = CliRunner().invoke(
        cli, ["import", "treaty-status", str(UNTC), "--agreement", "palermo-protocol",
              "--dataset", str(DATASET)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "dates added or changed: 1" in result.stdout
    assert "DZA Algeria (row 39): ratified 2004-03-08 -> 2004-03-09" in result.stdout
    assert "NPL Nepal" in result.stdout
    assert "not States, not imported: European Community (row 47)" in result.stdout
    assert "Nothing was written" in result.stderr
    assert sorted(p.name for p in DATA.iterdir()) == before
    as_json = CliRunner().invoke(
        cli, ["import", "treaty-status", str(COE), "--agreement", "palermo-protocol",
              "--dataset", str(DATASET), "--format", "json"],
    )  # fmt: skip
    doc = json.loads(as_json.stdout)
    assert doc["layout"] == "coe" and doc["status_as_at"] == "2013-12-01"


def test_writing_the_dataset_with_the_table_parties(tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    args = ["import", "treaty-status", str(UNTC), "--agreement", "palermo-protocol",
            "--dataset", str(DATASET), "-o", str(out)]  # fmt: skip
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    ds = load(out)
    parties = {p.country: p for p in ds.agreements[0].parties}
    assert len(parties) == 11  # the ten States of the table, and Nepal kept
    source = next(s for s in ds.sources if s.id == "palermo-protocol-status-2008-09-26")
    assert str(source.date) == "2008-09-26" and "XVIII-12-a" in str(source.url)
    assert [str(c) for c in parties["DZA"].sources] == [f"{source.id}:Algeria"]
    assert str(parties["DZA"].ratified) == "2004-03-09"
    assert parties["DZA"].notes == "a day off for the test"  # kept
    assert parties["DZA"].reservations is not None
    assert parties["MNE"].consent is ConsentForm.SUCCESSION and parties["MNE"].succeeded
    assert parties["NPL"].verification == "unverified"
    # never over what it did not write
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 2 and "already exists" in again.output
    over_input = CliRunner().invoke(cli, [*args[:-1], str(DATASET), "--overwrite"])
    assert over_input.exit_code == 2


def test_writing_needs_an_address_and_a_date(tmp_path: Path) -> None:
    base = ["import", "treaty-status", str(CSV), "--agreement", "palermo-protocol",
            "--dataset", str(DATASET), "-o", str(tmp_path / "o.yaml")]  # fmt: skip
    no_url = CliRunner().invoke(cli, base)
    assert no_url.exit_code == 2 and "give it with --url" in no_url.output
    no_date = CliRunner().invoke(cli, [*base, "--url", "https://example.org/status"])
    assert no_date.exit_code == 2 and "--retrieved" in no_date.output
    ok = CliRunner().invoke(
        cli, [*base, "--url", "https://example.org/status", "--retrieved", "2026-12-01"]
    )
    assert ok.exit_code == 0, ok.output
    (source,) = [s for s in load(tmp_path / "o.yaml").sources if s.id.startswith("palermo")]
    assert str(source.date) == "2026-12-01" and "retrieved 2026-12-01" in str(source.notes)


def test_an_agreement_from_an_included_dataset_gets_an_own_record(tmp_path: Path) -> None:
    for name in ("mini-reference.yaml", "region.yaml"):
        shutil.copy(Path(__file__).parents[1] / "data" / "include" / name, tmp_path / name)
    out = tmp_path / "sub" / "region-2008.yaml"
    result = CliRunner().invoke(
        cli, ["import", "treaty-status", str(UNTC), "--agreement", "palermo-protocol",
              "--dataset", str(tmp_path / "region.yaml"), "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "the record of mini-reference, status as at 2008-09-26" in result.stdout
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert doc["dataset"]["include"] == ["../mini-reference.yaml"]
    own = next(a for a in doc["agreements"] if a["id"] == "palermo-protocol")
    assert {"type", "scope", "parties"} <= own.keys() and "in_force" not in own
    merged = next(a for a in load(out).agreements if a.id == "palermo-protocol")
    assert str(merged.in_force) == "2003-12-25"  # from the included record
    assert len(merged.parties) == 10
