"""Rules across records added for issue 28, warnings that do not block, --as-of forms,
case imports that validate, and a folder named like a workbook."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import coordgraph
from coordgraph.cli import cli
from coordgraph.errors import DataError, Problem, ValidationFailed
from tests.bad_inputs.make_corpus import BASE


def write(tmp_path: Path, change: Any) -> Path:
    data = copy.deepcopy(BASE)
    change(data)
    path = tmp_path / "dataset.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def problems(path: Path, **kw: Any) -> list[str]:
    with pytest.raises(ValidationFailed) as info:
        coordgraph.load(path, **kw)
    return [str(p) for p in info.value.problems]


def add_agency(d: dict[str, Any]) -> None:
    d["agencies"].append({"id": "min-g", "name": "G", "country": "GRC", "type": "ministry"})
    d["focal_points"][0]["agency"] = "min-g"


RULES = [
    (
        lambda d: d["agreements"][0].update(not_in_force_on="2004"),
        "not_in_force_on: not_in_force_on (2004) is before signed (2006-02): the agreement "
        "did not exist yet",
    ),
    (
        lambda d: d["action_plans"][0].update(evaluated="2003"),
        "evaluated (2003) is before adopted (2005)",
    ),
    (
        lambda d: d["action_plans"][0].update(valid_to="2004"),
        "adopted (2005) is after valid_to (2004), when the plan had ended",
    ),
    (
        lambda d: d["networks"][0].update(member_count=1),
        "member_count: member_count (1) is less than the 2 members listed",
    ),
    (add_agency, "agency: focal point 'fp' of ALB: agency 'min-g' belongs to GRC"),
    (
        lambda d: d["mechanisms"][0].update(network="net"),
        "a mechanism works in a country (or an area of it) or for a network, not both",
    ),
    (
        lambda d: d["mechanisms"][0].update(area="cri-san-jose"),
        "area: mechanism 'm1' works in ALB, but its area 'cri-san-jose' is in CRI",
    ),
    (lambda d: d["mechanisms"][0].update(coordinates_with=["m1"]), "'m1' coordinates with itself"),
    (
        lambda d: d["sources"][0].update(sources=["nosuch:3"]),
        "sources: 's1' refers to Source 'nosuch', which does not exist",
    ),
    (
        lambda d: d["routes"][0].update(notes="signed on 2006-02-30 in Tirana"),
        "notes: '2006-02-30' in the text is not a date (no such day)",
    ),
    (
        lambda d: d["dataset"].update(description="as of 2006-13-01"),
        "dataset.description: '2006-13-01' in the text is not a date",
    ),
    (
        lambda d: d["agreements"][0].update(signed="\u0662\u0660\u0660\u0666"),
        "is not a date; write YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    (
        lambda d: d["routes"].append(
            {"id": "r2", "origin": "MDA", "transits": ["Moldova"], "destination": "RUS"}
        ),
        "transits: transit MDA is also the route's origin",
    ),
    (
        lambda d: d["routes"].append(
            {"id": "r2", "origin": "MDA", "transits": ["UKR", "RU"], "destination": "RUS"}
        ),
        "transits: transit RUS is also the route's destination",
    ),
]


@pytest.mark.parametrize(("change", "message"), RULES)
def test_each_rule_has_its_own_message(tmp_path: Path, change: Any, message: str) -> None:
    found = problems(write(tmp_path, change))
    assert len(found) == 1, found
    assert message in found[0]
    assert found[0].startswith("dataset.yaml:")


def test_rules_hold_for_routes_read_column_wise(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "routes.csv").write_text(
        "id,origin,transits,destination\nr1,MDA,Moldova,RUS\nr2,MDA,UKR|RU,RUS\n"
        "r3,unknown,unknown,GRC\n",
        encoding="utf-8",
    )
    found = problems(folder)
    assert found == [
        "routes.csv:2:transits: transit MDA is also the route's origin (list only the places "
        "between origin and destination)",
        "routes.csv:3:transits: transit RUS is also the route's destination (list only the "
        "places between origin and destination)",
    ]


def test_what_the_rules_allow(tmp_path: Path) -> None:
    def fine(d: dict[str, Any]) -> None:
        d["agreements"][0].update(not_in_force_on="2006-02")  # the month it was signed
        d["action_plans"][0].update(evaluated="2005", valid_to="2005")
        d["networks"][0].update(member_count=2)
        d["agencies"].append({"id": "igo", "name": "An IGO", "type": "igo"})
        d["focal_points"].append({"id": "fp2", "country": "GRC", "network": "net", "agency": "igo"})
        d["mechanisms"].append(
            {"id": "m3", "type": "coordinating_body", "level": "regional", "network": "net"}
        )
        d["routes"][0].update(notes="met on 2008-02-29 (a leap day) and 2006-02")
        d["routes"].append(
            {"id": "r2", "origin": "unknown", "transits": ["unknown: sea"], "destination": "GRC"}
        )

    coordgraph.load(write(tmp_path, fine))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["agreements"][0].update(signed="2099"), "signed (2099) is after today"),
        (lambda d: d["sources"][0].update(date="2062"), "date (2062) is after today"),
        (
            lambda d: d["routes"][0].update(valid_from="2090"),
            "valid_from (2090) is after today ({today}): the route is left out of today's findings",
        ),
        (
            lambda d: d["agreements"][0].update(
                parties=[{"country": "ALB", "ratified": "2091"}, "GRC"]
            ),
            "parties.0.ratified: ratified (2091) is after today",
        ),
        (
            lambda d: d["agencies"].append({"id": "MIN-A", "name": "M", "country": "ALB"}),
            "id: 'MIN-A' and 'min-a' differ only by case: two records in agencies",
        ),
    ],
)
def test_warnings_do_not_block_and_strict_makes_them_problems(
    tmp_path: Path, change: Any, message: str
) -> None:
    import datetime as dt

    message = message.format(today=dt.date.today())
    path = write(tmp_path, change)
    warnings: list[Problem] = []
    coordgraph.load(path, warnings=warnings)
    assert len(warnings) == 1 and message in str(warnings[0]), warnings
    assert coordgraph.load(path)  # nothing asked, nothing said
    assert any(message in p for p in problems(path, strict=True))
    r = CliRunner().invoke(cli, ["validate", str(path)])
    assert r.exit_code == 0 and "warning: dataset.yaml:" in r.output and message in r.output
    assert "valid (" in r.output and "1 warning)" in r.output
    r = CliRunner().invoke(cli, ["validate", str(path), "--format", "json"])
    (warning,) = json.loads(r.output)["warnings"]
    assert message.split(": ")[-1] in warning["message"]
    r = CliRunner().invoke(cli, ["validate", str(path), "--strict"])
    assert r.exit_code == 2 and message in r.output


def test_bundled_datasets_have_no_warnings() -> None:
    from coordgraph.io.load import bundled_datasets

    for name in bundled_datasets():
        warnings: list[Problem] = []
        coordgraph.load(name, warnings=warnings)
        assert warnings == [], (name, warnings)


@pytest.mark.parametrize(
    "value", ["<2008", "\u0662\u0660\u0660\u0668", "\uff12\uff10\uff10\uff18", "2008-2", "tomorrow"]
)
def test_as_of_takes_only_the_documented_forms(value: str) -> None:
    r = CliRunner().invoke(cli, ["gaps", "routes", "--as-of", value])
    assert r.exit_code == 2
    assert "is not a date to look at; write YYYY, YYYY-MM, YYYY-MM-DD or today" in r.output
    assert "Traceback" not in r.output


@pytest.mark.parametrize("value", ["2008", "2008-07", "2008-07-31", "today"])
def test_as_of_documented_forms(value: str) -> None:
    assert CliRunner().invoke(cli, ["gaps", "routes", "--as-of", value]).exit_code == 0


CASES = (
    "citizenship,CountryOfExploitation,yearOfRegistration,ageBroad,gender,"
    "typeOfExploitConcatenated\n"
    "AL,GR,2006,9--17,Female,Sexual exploitation\n"
    "AL,AL,2007,18--20,Male,Labour\n"
    ",,2006,9--17,Female,Sexual exploitation\n"
    "XX,-99,2008,,,\n"
    "-99,GR,,,,\n"
)


@pytest.mark.parametrize("endings", ["\n", "\r\n", "\r"])
def test_imported_cases_validate(tmp_path: Path, endings: str) -> None:
    source = tmp_path / "cases.csv"
    source.write_bytes(CASES.replace("\n", endings).encode())
    runner = CliRunner()
    r = runner.invoke(cli, ["import", "cases", str(source), "-o", str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    v = runner.invoke(cli, ["validate", str(tmp_path / "out")])
    assert v.exit_code == 0, v.output
    ds = coordgraph.load(tmp_path / "out")
    ends = {(r.origin, r.destination) for r in ds.routes}
    assert ("unknown:origin not recorded", "unknown:destination not recorded") in ends


def test_a_case_year_no_date_can_have_is_a_problem(tmp_path: Path, monkeypatch) -> None:
    import coordgraph.io.cases as cases

    source = tmp_path / "cases.csv"
    source.write_text(CASES + "AL,GR,0999,,,\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["import", "cases", str(source), "-o", str(tmp_path / "out")])
    assert r.exit_code == 2, r.output
    assert "cases.csv:7:yearOfRegistration: '0999' is not a year a record can have" in r.output
    assert not (tmp_path / "out").exists()
    monkeypatch.setattr(cases, "_groups_by_column", lambda *args: None)  # row by row
    with pytest.raises(DataError, match=r"cases\.csv:7:yearOfRegistration: '0999' is not a year"):
        cases.routes_from_cases(source)


def test_a_folder_named_like_a_workbook_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "x.xlsx"
    folder.mkdir()
    (folder / "routes.csv").write_text("id,origin,destination\nr1,ALB,GRC\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"a folder named like a \.xlsx file"):
        coordgraph.load(folder)
    r = CliRunner().invoke(cli, ["validate", str(folder)])
    assert r.exit_code == 2 and "a folder named like a .xlsx file" in r.output


@pytest.mark.parametrize("ending", [b"\r", b"\r\n"])
def test_bom_and_old_mac_line_endings_are_read(tmp_path: Path, ending: bytes) -> None:
    text = yaml.safe_dump(BASE, allow_unicode=True, sort_keys=False).encode()
    (tmp_path / "dataset.yaml").write_bytes(b"\xef\xbb\xbf" + text.replace(b"\n", ending))
    assert len(coordgraph.load(tmp_path / "dataset.yaml")) == 11
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "routes.csv").write_bytes(
        b"\xef\xbb\xbfid,origin,destination,notes"
        + ending
        + b'r1,ALB,GRC,"two'
        + ending
        + b'lines"'
        + ending
    )
    assert coordgraph.load(folder).routes[0].origin == "ALB"
