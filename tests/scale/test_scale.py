"""Synthetic data and the case importer (synthetic fixture: CTDC data may not be shared)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import coordgraph
from coordgraph.cli import cli
from coordgraph.io.cases import routes_from_cases
from coordgraph.synth import synthesize

DATA = Path(__file__).parent / "data"


def test_synth_is_deterministic_and_labelled(tmp_path: Path):
    runner = CliRunner()
    for d in ("a", "b"):
        r = runner.invoke(cli, ["synth", "--routes", "50", "--seed", "7", "-o", str(tmp_path / d)])
        assert r.exit_code == 0, r.output
    for f in (tmp_path / "a").iterdir():
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes(), f.name
    ds = coordgraph.load(tmp_path / "a")
    assert ds.info.synthetic
    assert all(s.synthetic for s in ds.sources)
    assert len(ds.routes) == 50


def test_synthetic_datasets_have_the_structures_the_analyses_look_for():
    ds = synthesize(seed=2)
    assert any(a.not_in_force_on for a in ds.agreements)
    assert any(str(fp.status) == "not_designated" for fp in ds.focal_points)
    assert any(
        r.origin.startswith("unknown") or r.destination.startswith("unknown") for r in ds.routes
    )
    assert any(n.requires_focal_point for n in ds.networks)


def test_cases_aggregate_with_threshold():
    ds = routes_from_cases(DATA / "cases.csv", min_volume=1)
    by = {(r.origin, r.destination, r.victims): r.volume for r in ds.routes}
    assert by[("ALB", "GRC", ("girls",))] == 5
    assert by[("MDA", "RUS", ("men",))] == 2
    assert any(r.destination.startswith("unknown") for r in ds.routes)
    five = routes_from_cases(DATA / "cases.csv", min_volume=5)
    assert [(r.origin, r.destination) for r in five.routes] == [("ALB", "GRC")]


def test_import_cli_writes_a_valid_dataset(tmp_path: Path):
    r = CliRunner().invoke(
        cli,
        [
            "import",
            "cases",
            str(DATA / "cases.csv"),
            "-o",
            str(tmp_path / "o"),
            "--min-volume",
            "2",
        ],
    )
    assert r.exit_code == 0, r.output
    assert len(coordgraph.load(tmp_path / "o").routes) == 2


def test_import_missing_column_is_clean(tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["import", "cases", str(bad), "-o", str(tmp_path / "o")])
    assert r.exit_code == 2
    assert "missing column" in r.output and "Traceback" not in r.output


def test_synth_writes_the_agreements_asked_for(tmp_path: Path):
    """A bilateral pair drawn twice is replaced by a free pair, so the command writes
    every agreement asked for; when there are not enough pairs of States it says why."""
    out = tmp_path / "world"
    args = ["synth", "--countries", "40", "--agreements", "600", "--routes", "5", "-o", str(out)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    ds = coordgraph.load(out)
    assert len(ds.agreements) == 600
    bilateral = [frozenset(a.party_codes) for a in ds.agreements if a.type == "bilateral"]
    assert len(bilateral) == 540 == len(set(bilateral))
    # the library default is unchanged (the golden findings were written with it)
    assert len(synthesize(countries=40, agreements=600, routes=5).agreements) < 600
    few = ["synth", "--countries", "4", "--agreements", "20", "-o", str(tmp_path / "x")]
    result = CliRunner().invoke(cli, few)
    assert result.exit_code == 0
    assert "12 of the 20 agreements asked are not written" in result.output
    assert len(coordgraph.load(tmp_path / "x").agreements) == 20 - 12
