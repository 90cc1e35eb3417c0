"""Planning aids: the greedy plan against brute force, what-if, timeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import coordgraph
from coordgraph.analyses import unlinked_routes
from coordgraph.cli import cli
from coordgraph.dataset import Dataset
from coordgraph.findings import FindingKind
from coordgraph.model import Agreement, Route
from coordgraph.planning import candidate_actions, plan_actions, timeline, whatif
from coordgraph.synth import synthesize


def _unlinked_weight(ds: Dataset, as_of: str) -> int:
    total = 0
    for f in unlinked_routes(ds.to_networkx(), as_of=as_of):
        if f.kind is FindingKind.ROUTE_UNLINKED and not f.details.get("internal"):
            total += f.volume if f.volume else len(f.details["routes"])
    return total


@pytest.mark.parametrize("seed", range(6))
def test_first_action_is_best_against_brute_force(seed: int):
    ds = synthesize(countries=8, routes=25, agreements=6, mechanisms=4, seed=seed)
    as_of = "2012"
    before = _unlinked_weight(ds, as_of)
    actions = plan_actions(ds, as_of=as_of, top=40)
    if not actions:
        pytest.skip("nothing to close in this draw")
    first = actions[0]
    measured = before - _unlinked_weight(ds.with_records(first.records), as_of)
    assert measured == first.weight
    # brute force: apply every single candidate and rerun the analysis
    gains = [
        before - _unlinked_weight(ds.with_records(c.records), as_of)
        for c in candidate_actions(ds, as_of=as_of)
    ]
    assert max(gains) == first.weight


def test_greedy_counts_only_what_is_left():
    ds = synthesize(countries=8, routes=30, agreements=4, mechanisms=4, seed=11)
    actions = plan_actions(ds, as_of="2012", top=3)
    if len(actions) < 2:
        pytest.skip("fewer than two actions")
    closed = set()
    for a in actions:
        assert not closed & {tuple(s) for s in a.closes}
        closed |= {tuple(s) for s in a.closes}
    both = ds.with_records([*actions[0].records, *actions[1].records])
    assert (
        _unlinked_weight(ds, "2012") - _unlinked_weight(both, "2012")
        == actions[0].weight + actions[1].weight
    )


def test_whatif_albania_greece_in_force_links_the_pair(bundled):
    route = Route(id="test-alb-grc", origin="ALB", destination="GRC", victims="children")
    ds = bundled.only_verified().with_records([route])
    current = next(a for a in ds.agreements if a.id == "alb-grc-2006")
    data = current.model_dump(mode="json")
    data.update(in_force="2008-08", not_in_force_on=None)
    in_force = Agreement.model_validate(data)
    result = whatif(ds, [in_force], as_of="2008-12")

    def pair(findings):
        return next(f for f in findings if set(f.subjects) == {"Country:ALB", "Country:GRC"})

    assert pair(result["before"]).kind is FindingKind.ROUTE_UNLINKED
    assert pair(result["after"]).kind is FindingKind.ROUTE_LINKED
    assert coordgraph.load().agreements == bundled.agreements  # nothing written


def test_whatif_cli(tmp_path: Path):
    f = tmp_path / "w.yaml"
    f.write_text(
        "agreements:\n  - {id: mda-rus-test, type: bilateral, parties: [MDA, RUS], in_force: 2005, "
        "scope: all_persons}\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(
        cli, ["plan", "--what-if", str(f), "--as-of", "2008"], catch_exceptions=False
    )
    assert r.exit_code == 0
    assert "no longer: Moldova -> Russian Federation" in r.output


def test_plan_cli_and_timeline(tmp_path: Path):
    r = CliRunner().invoke(
        cli, ["plan", "west-africa", "--top", "2", "--as-of", "2019"], catch_exceptions=False
    )
    assert r.exit_code == 0 and r.output.startswith("1. agreement")
    out = tmp_path / "t.png"
    r = CliRunner().invoke(
        cli,
        ["timeline", "west-africa", "--from", "1999", "--to", "2020", "-o", str(out)],
        catch_exceptions=False,
    )
    assert r.exit_code == 0 and out.exists()


def test_timeline_steps_at_entry_into_force():
    rows = timeline(coordgraph.load("west-africa").only_verified(), start=2017, end=2019)
    linked = [r["linked_share"] for r in rows]
    assert linked == sorted(linked)
    assert linked[1] > linked[0]  # Benin-Gabon, 9 November 2018
    assert any("Bénin et le Gabon" in e for e in rows[1]["agreements_taking_effect"])
