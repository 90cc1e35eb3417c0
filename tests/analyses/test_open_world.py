"""Findings an expert would sign (DESIGN.md section 9): absence is a data gap unless a
record or a coverage statement says otherwise, what a body does decides what it can do,
designed structures are not duplicates, and old evidence asks to be re-checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import coordgraph
from coordgraph.analyses import duplicated_mechanisms, missing_focal_points, unlinked_routes
from coordgraph.findings import Finding, FindingKind, GapType, Severity

SOURCE = {"id": "s1", "title": "Inventory", "date": "2010", "url": "https://example.org/list"}
ROUTE = {"id": "r1", "origin": "MDA", "destination": "PRT", "victims": ["girls"]}


def _graph(tmp_path: Path, **sections: Any) -> Any:
    data: dict[str, Any] = {"dataset": {"name": "t", "title": "T"}, "sources": [SOURCE]}
    data.update(sections)
    path = tmp_path / "dataset.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return coordgraph.load(path).to_networkx()


def _route_finding(findings: list[Finding], a: str = "MDA", b: str = "PRT") -> Finding:
    (found,) = [f for f in findings if {s.partition(":")[2] for s in f.subjects} == {a, b}]
    return found


def test_nothing_recorded_is_a_data_gap_that_says_so(tmp_path: Path) -> None:
    G = _graph(tmp_path, routes=[{**ROUTE, "valid_from": "2008"}])
    f = _route_finding(unlinked_routes(G, as_of="2010"))
    assert f.kind is FindingKind.ROUTE_UNLINKED
    assert f.gap_type is GapType.DATA and f.severity is Severity.MEDIUM
    assert "does not claim to list all of their agreements" in f.message
    assert "nothing links them" not in f.message
    assert "absence_basis" not in f.details


def test_a_coverage_statement_turns_absence_into_a_policy_gap(tmp_path: Path) -> None:
    statement = {
        "id": "all-agreements",
        "name": "The 2010 inventory",
        "lists": "agreements",
        "countries": ["MDA", "PRT"],
        "sources": ["s1"],
    }
    G = _graph(tmp_path, routes=[{**ROUTE, "valid_from": "2008"}], coverage=[statement])
    f = _route_finding(unlinked_routes(G, as_of="2010"))
    assert f.gap_type is GapType.POLICY and f.severity is Severity.HIGH
    assert f.details["absence_basis"] == "Coverage:all-agreements"
    assert "The 2010 inventory says the dataset lists all of their agreements" in f.message


def test_a_statement_outside_its_period_or_of_one_type_is_no_basis(tmp_path: Path) -> None:
    statements = [
        {"id": "old", "lists": "agreements", "countries": ["MDA", "PRT"], "valid_from": "2000",
         "valid_to": "2005", "sources": ["s1"]},
        {"id": "bilaterals", "lists": "agreements", "types": ["bilateral"],
         "countries": ["MDA", "PRT"], "sources": ["s1"]},
        {"id": "one-state", "lists": "agreements", "countries": ["MDA"], "sources": ["s1"]},
    ]  # fmt: skip
    G = _graph(tmp_path, routes=[{**ROUTE, "valid_from": "2008"}], coverage=statements)
    assert _route_finding(unlinked_routes(G, as_of="2010")).gap_type is GapType.DATA


def test_a_network_statement_covers_its_members_on_the_day(tmp_path: Path) -> None:
    network = {"id": "coe", "type": "intergovernmental", "function": "policy_forum",
               "members": ["MDA", "PRT"]}  # fmt: skip
    statement = {"id": "by-net", "lists": "agreements", "network": "coe", "sources": ["s1"]}
    G = _graph(
        tmp_path,
        networks=[network],
        routes=[{**ROUTE, "valid_from": "2008"}],
        coverage=[statement],
    )
    f = _route_finding(unlinked_routes(G, as_of="2010"))
    assert f.details["absence_basis"] == "Coverage:by-net"


def _two_states_with_focal_points(function: str | None) -> dict[str, Any]:
    network: dict[str, Any] = {
        "id": "net",
        "name": "Rapporteurs network",
        "type": "contact_point_network",
        "members": ["MDA", "PRT"],
        "requires_focal_point": True,
    }
    if function:
        network["function"] = function
    return {
        "networks": [network],
        "focal_points": [
            {"id": f"fp-{c.lower()}", "country": c, "network": "net", "valid_from": "2005",
             "sources": ["s1"]}
            for c in ("MDA", "PRT")
        ],
        "routes": [{**ROUTE, "valid_from": "2008"}],
    }  # fmt: skip


def test_only_an_operational_network_is_a_channel_for_cases(tmp_path: Path) -> None:
    linked = _route_finding(
        unlinked_routes(_graph(tmp_path, **_two_states_with_focal_points(None)), as_of="2010")
    )
    assert linked.kind is FindingKind.ROUTE_LINKED
    monitoring = _route_finding(
        unlinked_routes(
            _graph(tmp_path, **_two_states_with_focal_points("monitoring")), as_of="2010"
        )
    )
    assert monitoring.kind is FindingKind.ROUTE_UNLINKED
    assert monitoring.gap_type is GapType.DATA
    assert (
        "Rapporteurs network: a network for monitoring and reporting, not a channel for cases"
        in monitoring.message
    )


def test_a_route_not_seen_for_years_asks_to_be_rechecked(tmp_path: Path) -> None:
    old = {**ROUTE, "valid_from": "2003", "valid_to": "2004"}
    G = _graph(tmp_path, routes=[old])
    f = _route_finding(unlinked_routes(G, as_of="2026"))
    assert f.gap_type is GapType.DATA and f.severity is Severity.MEDIUM
    assert "(observed 2003-2004)" in f.message
    assert "nothing recorded on this route since 2004: re-check" in f.message
    assert f.details["stale"] == {"last_seen": "2004", "years": 5}
    # within the horizon it is not stale; a wider horizon keeps it current
    assert "stale" not in _route_finding(unlinked_routes(G, as_of="2008")).details
    assert "stale" not in _route_finding(unlinked_routes(G, as_of="2026", stale_after=30)).details


def _mechanism(id_: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": id_,
        "type": "coordinating_body",
        "level": "national",
        "country": "IRL",
        "scope": ["trafficking_in_persons"],
        "valid_from": "2008",
        "sources": ["s1"],
        **extra,
    }


@pytest.mark.parametrize(
    "extra",
    [
        {"reports_to": ["hlg"]},
        {"function": "monitoring"},
    ],
    ids=["reports-to", "different-function"],
)
def test_designed_structures_are_not_duplicates(tmp_path: Path, extra: dict[str, Any]) -> None:
    G = _graph(tmp_path, mechanisms=[_mechanism("hlg"), _mechanism("unit", **extra)])
    assert duplicated_mechanisms(G, as_of="2010") == []


def test_oversight_up_the_chain_is_a_structure(tmp_path: Path) -> None:
    mechanisms = [
        _mechanism("top", type="monitoring_body", function="coordination", oversees=["mid"]),
        _mechanism("mid"),
        _mechanism("low", reports_to=["mid"]),
    ]
    G = _graph(tmp_path, mechanisms=mechanisms)
    assert duplicated_mechanisms(G, as_of="2010") == []


def test_a_duplicate_with_an_old_side_is_a_data_gap(tmp_path: Path) -> None:
    G = _graph(tmp_path, mechanisms=[_mechanism("a"), _mechanism("b", valid_from="2009")])
    (current,) = duplicated_mechanisms(G, as_of="2012")
    assert current.gap_type is GapType.POLICY
    (aged,) = duplicated_mechanisms(G, as_of="2019")
    assert aged.gap_type is GapType.DATA and aged.severity.rank <= Severity.MEDIUM.rank
    assert "nothing recorded since 2010: re-check" in aged.message


def test_plans_are_compared_at_one_level(tmp_path: Path) -> None:
    plans = [
        {"id": "npa", "country": "PHL", "scope": ["child_trafficking"], "adopted": "2008",
         "sources": ["s1"]},
        {"id": "provincial", "country": "PHL", "level": "subnational",
         "scope": ["child_trafficking"], "adopted": "2008", "sources": ["s1"]},
    ]  # fmt: skip
    G = _graph(tmp_path, action_plans=plans)
    assert duplicated_mechanisms(G, as_of="2009") == []


def test_a_designation_ends_when_its_state_leaves(tmp_path: Path) -> None:
    network = {
        "id": "eu",
        "type": "contact_point_network",
        "requires_focal_point": True,
        "members": [{"country": "GBR", "joined": "2009", "left": "2020-01-31"}, "FRA"],
    }
    fp = {"id": "gbr-fp", "country": "GBR", "network": "eu", "valid_from": "2009",
          "sources": ["s1"]}  # fmt: skip
    G = _graph(tmp_path, networks=[network], focal_points=[fp])
    kinds = {f.kind for f in missing_focal_points(G, as_of="2023")}
    assert FindingKind.ORPHAN_FOCAL_POINT not in kinds


def test_an_internal_route_with_nothing_recorded_is_a_data_gap(tmp_path: Path) -> None:
    route = {"id": "r", "origin": "PHL", "destination": "PHL", "valid_from": "2008"}
    (f,) = unlinked_routes(_graph(tmp_path, routes=[route]), as_of="2010")
    assert f.gap_type is GapType.DATA
    statement = {"id": "nrms", "lists": "mechanisms", "types": ["referral_mechanism"],
                 "countries": ["PHL"], "sources": ["s1"]}  # fmt: skip
    (g,) = unlinked_routes(_graph(tmp_path, routes=[route], coverage=[statement]), as_of="2010")
    assert g.gap_type is GapType.POLICY and g.details["absence_basis"] == "Coverage:nrms"


# --- the bundled datasets, read as a regional expert would


@pytest.mark.parametrize(
    ("name", "as_of"),
    [("europe", "2013"), ("europe", "2023"), ("west-africa", "2019"), ("ecpat-2008", "2008-07")],
)
def test_no_policy_gap_from_absence_without_its_basis(name: str, as_of: str) -> None:
    G = coordgraph.load(name).only_verified().to_networkx()
    for f in unlinked_routes(G, as_of=as_of):
        assert "nothing links them" not in f.message
        if f.kind is FindingKind.ROUTE_UNLINKED and f.gap_type is GapType.POLICY:
            assert f.details.get("absence_basis"), f.message
    for f in missing_focal_points(G, as_of=as_of):
        if f.gap_type is GapType.POLICY:
            assert f.details.get("absence_basis"), f.message


def test_expert_reading_of_europe() -> None:
    G = coordgraph.load("europe").only_verified().to_networkx()
    rou_prt = _route_finding(unlinked_routes(G, as_of="2013"), "ROU", "PRT")
    assert "focal_point_channel" not in rou_prt.details["link_kinds_found"]
    assert any("not a channel for cases" in n for n in rou_prt.near_misses)
    irl = duplicated_mechanisms(G, as_of="2013", countries=["IRL"])
    assert irl == []
    gbr = [f for f in missing_focal_points(G, as_of="2023") if "Country:GBR" in f.subjects]
    assert gbr == [] and not any(
        "gbr" in s for f in missing_focal_points(G, as_of="2023") for s in f.subjects
    )


def test_moldova_russia_today_is_a_stale_data_gap() -> None:
    G = coordgraph.load("ecpat-2008").only_verified().to_networkx()
    f = _route_finding(unlinked_routes(G, as_of="2026-12-07"), "MDA", "RUS")
    assert f.gap_type is GapType.DATA and f.severity.rank <= Severity.MEDIUM.rank
    assert "re-check" in f.message


def test_a_dataset_speaks_for_its_date(tmp_path: Path) -> None:
    G = _graph(tmp_path, routes=[{**ROUTE, "valid_from": "2008"}])
    G.graph["as_of"] = "2010-06"
    (f,) = unlinked_routes(G)
    assert f.as_of is not None and f.as_of.isoformat() == "2010-06-30"
    (g,) = unlinked_routes(G, as_of="today")
    assert g.as_of is not None and g.as_of.isoformat() > "2026"
    ds = coordgraph.load("ecpat-2008")
    assert ds.day_asked().isoformat() == "2008-07-31"
    assert ds.day_asked("2012").isoformat() == "2012-12-31"
    assert coordgraph.load("ecpat-2008").to_networkx().graph["as_of"] == "2008-07"


def test_gaps_says_which_date_it_used() -> None:
    from click.testing import CliRunner

    from coordgraph.cli import cli

    r = CliRunner().invoke(cli, ["gaps", "all", "--format", "json"], catch_exceptions=False)
    assert r.exit_code == 0
    assert '"as_of": "2008-07-31"' in r.stdout or '"as_of":"2008-07-31"' in r.stdout
    text = CliRunner().invoke(cli, ["gaps", "all", "--format", "text"], catch_exceptions=False)
    assert "in ecpat-2008 as of 2008-07-31" in text.stdout.splitlines()[0]


def test_a_plan_without_structure_reads_the_coverage_statement(tmp_path: Path) -> None:
    """Issue 26: ``plans.no_structure_recorded`` ignored coverage statements; where the
    dataset says it lists every coordinating body of the State, "no structure" is a
    policy gap naming that statement."""
    from coordgraph.analyses import plan_gaps

    plan = {
        "id": "npa",
        "name": "National plan",
        "country": "MDA",
        "valid_from": "2008",
        "sources": ["s1"],
    }
    coverage = {
        "id": "all-bodies",
        "name": "The inventory",
        "lists": "mechanisms",
        "types": ["coordinating_body", "task_force"],
        "countries": ["MDA"],
        "sources": ["s1"],
    }

    def finding(**more: Any) -> Finding:
        found = plan_gaps(_graph(tmp_path, action_plans=[plan], **more), as_of="2010")
        (f,) = [f for f in found if f.kind is FindingKind.PLAN_WITHOUT_STRUCTURE]
        return f

    silent = finding()
    assert silent.rule == "plans.no_structure_recorded" and silent.gap_type is GapType.DATA
    said = finding(coverage=[coverage])
    assert said.rule == "plans.no_structure" and said.gap_type is GapType.POLICY
    assert said.details["absence_basis"] == "Coverage:all-bodies"
    assert "The inventory says the dataset lists all of its mechanisms" in said.message
