"""Issue 27: a filled workbook template with nine mistakes shows all nine in one run of
``coordgraph validate``, each at its cell, in a person's words, with a suggestion that
names what was probably meant; a column the user added is kept out with a warning that
names ``notes``."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from coordgraph.cli import cli
from coordgraph.dates import FuzzyDate
from coordgraph.io.convert import write_template

#: The nine mistakes: (cell, words the problem must say, the suggestion).
MISTAKES = [
    ("agreement_parties!A2", "'ag-1' is not an id in agreements", "did you mean 'ag1'?"),
    ("agreement_parties!E3", "'Kazakstan' is not a known country", "Kazakhstan (KAZ)"),
    ("agreements!T2", "'repatriaton' is not one of the values", "did you mean 'repatriation'?"),
    ("agreements!L2", "'12.03.2015' could be 2015-03-12 or 2015-12-03", "12 March 2015"),
    ("network_members!A3", "'nett' is not an id in networks", "did you mean 'net'?"),
    ("networks!J2", "'child_traficking' is not a scope tag", "did you mean 'child_trafficking'?"),
    ("routes!J2", "'UAE' is not a known country", "did you mean United Arab Emirates (ARE)?"),
    ("routes!L2", "'domestic servitude' is not one of the values", "'domestic_servitude'"),
    ("routes!C3", "refers to Source 's2', which does not exist", None),
]


def _row(book: openpyxl.Workbook, sheet: str, **cells: str) -> None:
    ws = book[sheet]
    header = [c.value for c in ws[1]]
    row = ws.max_row + 1
    for column, value in cells.items():
        if column not in header:
            ws.cell(1, len(header) + 1, column)
            header.append(column)
        ws.cell(row, header.index(column) + 1, value)


def _filled(tmp_path: Path) -> Path:
    path = tmp_path / "network.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    _row(book, "sources", id="s1", title="A report", date="2019")
    _row(book, "networks", id="net", name="Net", sources="s1", scope="child_traficking")
    # 'March 2018' is not a mistake: it can mean one month only, and is read as 2018-03
    _row(book, "network_members", network="net", country="BEN", sources="s1", joined="March 2018")
    _row(book, "network_members", network="nett", country="TGO", sources="s1")
    _row(
        book,
        "agreements",
        id="ag1",
        name="Ag",
        sources="s1",
        type="bilateral",
        signed="12.03.2015",
        purposes="repatriaton",
        scope="children",
    )
    _row(book, "agreement_parties", agreement="ag-1", country="BEN", sources="s1")
    _row(book, "agreement_parties", agreement="ag1", country="Kazakstan", sources="s1")
    _row(
        book,
        "routes",
        id="r1",
        sources="s1",
        origin="BEN",
        destination="UAE",
        victims="girls",
        purposes="domestic servitude",
        Comments="seen twice",
    )
    _row(book, "routes", id="r2", sources="s2", origin="TGO", destination="GAB", victims="girls")
    book.save(path)
    return path


def test_nine_mistakes_in_one_run(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    lines = result.output.splitlines()
    problems = [line for line in lines if line.startswith("network.xlsx:")]
    assert len(problems) == 9, result.output
    for (cell, words, hint), line in zip(MISTAKES, problems, strict=True):
        assert line.startswith(f"network.xlsx:{cell}:"), (cell, line)
        assert words in line, line
        assert hint is None or hint in line, line
    assert lines[-1] == "Error: 9 problems found in the dataset"
    (warning,) = [line for line in lines if line.startswith("warning:")]
    assert "routes!O1:Comments" in warning and "notes" in warning and "_Comments" in warning
    for internal in ("Input should be", "PydanticUndefined", "purposes.0", "members.", "parties."):
        assert internal not in result.output


def test_json_lists_problems_and_warnings(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(_filled(tmp_path)), "--format", "json"])
    data = json.loads(result.output)
    assert len(data["problems"]) == 9
    assert [w["field"] for w in data["warnings"]] == ["Comments"]


def test_fixed_workbook_is_valid_and_keeps_notes(tmp_path: Path) -> None:
    path = tmp_path / "ok.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    _row(book, "sources", id="s1", title="A report")
    _row(
        book,
        "routes",
        id="r1",
        sources="s1",
        origin="BEN",
        destination="United Arab Emirates",
        victims="girls",
        valid_from="mars 2018",
        **{"notes: page": "p. 4", "_mine": "left out quietly"},
    )
    book.save(path)
    result = CliRunner().invoke(cli, ["validate", str(path), "--format", "json"])
    assert json.loads(result.output) == {"valid": True, "records": 2}, result.output
    from coordgraph import load

    (route,) = load(path).routes
    assert route.notes == "page: p. 4"
    assert str(route.valid_from) == "2018-03"


def test_template_offers_scope_tags_and_says_no_internal_words(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    comments = [c.comment.text for ws in book.worksheets for c in ws[1] if c.comment]
    assert not [c for c in comments if "Pydantic" in c]
    networks = book["networks"]
    scope = next(c.column_letter for c in networks[1] if c.value == "scope")
    (drop_down,) = [
        dv for dv in networks.data_validations.dataValidation if str(dv.sqref).startswith(scope)
    ]
    lists = book["_lists"]
    column = next(c.column_letter for c in lists[1] if c.value == "scope tags")
    assert f"${column}$2" in drop_down.formula1
    tags = [c.value for c in lists[column][1:] if c.value]
    assert "child_trafficking" in tags
    assert "child_trafficking" in networks[f"{scope}1"].comment.text


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("March 2018", "2018-03"),
        ("mars 2018", "2018-03"),
        ("14 février 2006", "2006-02-14"),
        ("25.03.2015", "2015-03-25"),
        ("03/2018", "2018-03"),
        ("2015/03/25", "2015-03-25"),
        ("05.05.2015", "2015-05-05"),
    ],
)
def test_unambiguous_spellings_are_read(typed: str, read: str) -> None:
    assert str(FuzzyDate.parse(typed)) == read


@pytest.mark.parametrize("typed", ["12.03.2015", "03/12/2015", "12-03-2015"])
def test_ambiguous_spellings_answer_with_both_iso_forms(typed: str) -> None:
    with pytest.raises(ValueError, match="could be 2015-") as refused:
        FuzzyDate.parse(typed)
    assert "2015-03-12" in str(refused.value) and "2015-12-03" in str(refused.value)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("UAE", "United Arab Emirates (ARE)"),
        ("Emirats", "United Arab Emirates (ARE)"),
        ("Allemagne", "Germany (DEU)"),
        ("Guinée équatoriale", "Equatorial Guinea (GNQ)"),
        ("Kazakstan", "Kazakhstan (KAZ)"),
        ("DRC", "(COD)"),
    ],
)
def test_country_suggestions_give_names_and_codes(typed: str, meant: str) -> None:
    """Initials, French names and misspellings get a suggestion a person can check: the
    name and the code (only suggested: the value is still refused)."""
    from coordgraph.countries import CountryCodeError, normalise_country

    with pytest.raises(CountryCodeError) as refused:
        normalise_country(typed)
    assert meant in str(refused.value.hint)
