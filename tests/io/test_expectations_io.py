"""A dataset's expectation profiles through every format (issue 26): its own profiles
and the ones it applies survive a workbook or CSV round trip, and a profile name that
exists nowhere is a problem at its file, row and field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

import coordgraph
from coordgraph.analyses import structure_gaps
from coordgraph.cli import cli

OWN = {
    "id": "my-law",
    "name": "A national law on helplines",
    "expects": ["helpline", "focal_point_for_states"],
    "source": "Act 12/2010, art. 4",
    "why": "Every district keeps a helpline",
    "from": "2010-05",
}


def _write(tmp_path: Path, *, expects: list[str], network_expects: list[str]) -> Path:
    data: dict[str, Any] = {
        "dataset": {
            "name": "t",
            "title": "T",
            "expects": expects,
            "profiles": [OWN],
        },
        "sources": [{"id": "s1", "title": "Inventory", "date": "2010"}],
        "networks": [
            {
                "id": "n",
                "name": "Network",
                "type": "intergovernmental",
                "members": ["MDA", "RUS"],
                "expects": network_expects,
            }
        ],
        "routes": [{"id": "r1", "origin": "MDA", "destination": "RUS", "valid_from": 2004}],
    }
    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_unknown_profile_names_are_problems_at_their_row(tmp_path: Path) -> None:
    path = _write(
        tmp_path, expects=["stockholm-yokohama", "nope"], network_expects=["osce-nmr", "my-law"]
    )
    r = _run("validate", str(path))
    assert r.exit_code == 2
    lines = r.output.splitlines()
    text = path.read_text(encoding="utf-8").splitlines()
    dataset_row = next(n for n, line in enumerate(text, 1) if line.strip() == "expects:")
    assert lines[0].startswith(f"d.yaml:{dataset_row}:dataset.expects: no profile 'nope'; ")
    # the network's profile: a typo is told with its likely name; my-law, the dataset's
    # own, is known even though the dataset's expects failed
    network = [line for line in lines if "network 'n'" in line]
    assert len(network) == 1
    assert ":expects: network 'n': no profile 'osce-nmr' (did you mean 'osce-nrm'?)" in network[0]
    assert "Error: 2 problems found in the dataset" in r.output


def test_known_profile_names_validate(tmp_path: Path) -> None:
    path = _write(tmp_path, expects=["my-law"], network_expects=["osce-nrm from 2005"])
    r = _run("validate", str(path))
    assert r.exit_code == 0, r.output


def test_own_profiles_survive_the_workbook_and_csv_round_trips(tmp_path: Path) -> None:
    path = _write(tmp_path, expects=["my-law"], network_expects=["osce-nrm"])
    book, folder = tmp_path / "d.xlsx", tmp_path / "csv"
    back_book, back_csv = tmp_path / "back-book.yaml", tmp_path / "back-csv.yaml"
    for src, dst in ((path, book), (book, back_book), (path, folder), (folder, back_csv)):
        r = _run("convert", str(src), str(dst))
        assert r.exit_code == 0, r.output
    original = coordgraph.load(path).info
    for again in (book, back_book, folder, back_csv):
        info = coordgraph.load(again).info
        assert info.expects == original.expects == ("my-law",), again
        assert info.profiles == original.profiles, again
    # and the analysis gives the same answer from each
    findings = [f.to_dict() for f in structure_gaps(coordgraph.load(path).to_networkx())]
    assert any("my-law" in f["details"]["profiles"] for f in findings)
    for again in (book, folder):
        G = coordgraph.load(again).to_networkx()
        assert [f.to_dict() for f in structure_gaps(G)] == findings, again
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["coordgraph"]["profiles"][0]["id"] == "my-law"


def test_a_wrong_profile_row_in_the_workbook_is_told_at_its_cell(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = _write(tmp_path, expects=["my-law"], network_expects=[])
    book = tmp_path / "d.xlsx"
    assert _run("convert", str(path), str(book)).exit_code == 0
    wb = load_workbook(book)
    ws = wb["profiles"]
    assert [c.value for c in ws[1]][:3] == ["id", "name", "expects"]
    ws["C2"] = "helpline | no_such_structure"
    wb.save(book)
    r = _run("validate", str(book))
    assert r.exit_code == 2
    assert "profiles!C2" in r.output and "no structure 'no_such_structure'" in r.output


def test_a_profiles_sheet_without_a_dataset_sheet_is_told(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = _write(tmp_path, expects=["my-law"], network_expects=[])
    book = tmp_path / "d.xlsx"
    assert _run("convert", str(path), str(book)).exit_code == 0
    wb = load_workbook(book)
    del wb["dataset"]
    wb.save(book)
    r = _run("validate", str(book))
    assert r.exit_code == 2
    assert "d.xlsx:profiles: the dataset's own profiles belong to a dataset sheet" in r.output
