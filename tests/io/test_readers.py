"""YAML, JSON and CSV readers give the same dataset; dates keep their precision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import coordgraph
from coordgraph.dates import FuzzyDate, Precision, parse_as_of
from coordgraph.errors import ValidationFailed
from coordgraph.io.csvdir import write_csv_dir

MINI = {
    "dataset": {"name": "mini", "title": "Mini"},
    "sources": [{"id": "tp2008", "title": "Child Trafficking for Sexual Purposes", "date": 2008}],
    "networks": [
        {
            "id": "rcm",
            "name": "Regional Conference on Migration",
            "members": ["MEX", {"country": "GTM", "joined": "1996"}],
            "requires_focal_point": True,
        }
    ],
    "agreements": [
        {
            "id": "alb-grc",
            "kind": "bilateral",
            "parties": ["ALB", {"country": "GR", "signed": "2006-02"}],
            "signed": "2006-02",
            "not_in_force_on": "2008-07",
            "scope": "children",
            "sources": ["tp2008:2231"],
        }
    ],
    "areas": [{"id": "cri-san-jose", "name": "San José", "country": "Costa Rica"}],
    "routes": [
        {"id": "r1", "origin": "Norway", "destination": "RUS", "victims": ["women", "children"]},
        {"id": "r2", "origin": "CRI", "destination": "area:cri-san-jose", "transits": []},
        {"id": "r3", "origin": "PHL", "destination": "unknown: Western demand-side countries"},
    ],
}


@pytest.fixture
def yaml_path(tmp_path: Path) -> Path:
    p = tmp_path / "mini.yaml"
    p.write_text(yaml.safe_dump(MINI, allow_unicode=True), encoding="utf-8")
    return p


def _dump(ds):
    return {type(r).__name__ + ":" + r.id: r.model_dump(mode="json") for r in ds}


def test_yaml_json_and_csv_give_the_same_dataset(yaml_path: Path, tmp_path: Path) -> None:
    from_yaml = coordgraph.load(yaml_path)
    json_path = tmp_path / "mini.json"
    json_path.write_text(json.dumps(MINI), encoding="utf-8")
    from_json = coordgraph.load(json_path)
    csv_dir = write_csv_dir(from_yaml, tmp_path / "csv")
    assert (csv_dir / "datapackage.json").exists()
    assert (csv_dir / "network_members.csv").exists()
    from_csv = coordgraph.load(csv_dir)
    assert _dump(from_yaml) == _dump(from_json) == _dump(from_csv)
    assert from_csv.info.name == "mini"


def test_countries_and_places_are_normalised(yaml_path: Path) -> None:
    ds = coordgraph.load(yaml_path)
    assert ds.agreements[0].party_codes == ("ALB", "GRC")
    routes = {r.id: r for r in ds.routes}
    assert routes["r1"].origin == "NOR"
    assert routes["r2"].destination == "area:cri-san-jose"
    assert routes["r3"].destination == "unknown:Western demand-side countries"


def test_norway_is_not_false_in_yaml(tmp_path: Path) -> None:
    p = tmp_path / "d.yaml"
    p.write_text("routes:\n  - id: r\n    origin: NO\n    destination: RU\n", encoding="utf-8")
    assert coordgraph.load(p).routes[0].origin == "NOR"


@pytest.mark.parametrize(
    ("text", "precision", "start", "end"),
    [
        ("2006", Precision.YEAR, "2006-01-01", "2006-12-31"),
        ("2006-02", Precision.MONTH, "2006-02-01", "2006-02-28"),
        ("2008-02-29", Precision.DAY, "2008-02-29", "2008-02-29"),
        ("<2004-07-22", Precision.DAY, "2004-07-21", "2004-07-21"),
    ],
)
def test_dates_keep_precision(text: str, precision: Precision, start: str, end: str) -> None:
    d = FuzzyDate.parse(text)
    assert str(d) == text
    assert d.precision is precision
    assert (d.start.isoformat(), d.end.isoformat()) == (start, end)


def test_as_of_means_last_day_of_period() -> None:
    assert parse_as_of("2008-07").isoformat() == "2008-07-31"
    assert parse_as_of("2008").isoformat() == "2008-12-31"


def test_every_problem_reported_at_once(tmp_path: Path) -> None:
    bad = dict(MINI)
    bad["agreements"] = [
        {"id": "a1", "kind": "bilateral", "parties": ["ALB", "GRC", "MKD"], "scope": "children"},
        {"id": "a2", "kind": "bilateral", "parties": ["ALB", "Grece"], "scope": "children"},
        {"id": "a3", "kind": "multilateral", "scope": "children", "signed": "2006-13"},
        {"id": "a4", "kind": "multilateral", "scope": "children", "network": "nope"},
        {"id": "a5", "kind": "multilateral", "scope": "children", "sources": ["missing"]},
    ]
    p = tmp_path / "bad.yaml"
    p.write_text(yaml.safe_dump(bad), encoding="utf-8")
    with pytest.raises(ValidationFailed) as exc:
        coordgraph.load(p)
    text = exc.value.report()
    assert "exactly two parties" in text
    assert "did you mean Greece (GRC)?" in text
    assert "month 13" in text
    assert "Network 'nope', which does not exist" in text
    assert "Source 'missing'" in text
    assert all(pr.file == "bad.yaml" and pr.row for pr in exc.value.problems)


def test_csv_problems_name_file_row_and_field(tmp_path: Path) -> None:
    d = tmp_path / "csvbad"
    d.mkdir()
    (d / "agreements.csv").write_text(
        "id,kind,parties,scope,signed\n"
        "a1,bilateral,ALB|GRC,children,2006-02\n"
        "a2,bilateral,ALB|XXX,children,2006\n"
        "a3,trilateral,ALB|GRC,children,2006\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as exc:
        coordgraph.load(d)
    where = {(p.file, p.row, p.field) for p in exc.value.problems}
    assert ("agreements.csv", 3, "parties") in where  # the column, no index into the cell
    assert ("agreements.csv", 4, "kind") in where


def test_mechanism_parent_cycle_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "c.yaml"
    p.write_text(
        "mechanisms:\n"
        "  - {id: a, type: coordinating_body, level: national, parent: b}\n"
        "  - {id: b, type: coordinating_body, level: national, parent: a}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed, match="1 problem"):
        coordgraph.load(p)
