"""A universal instrument is a legal basis, not an operational channel (DESIGN.md section
10, #25 item 5): a pair linked only by one is "linked, legal basis only" (medium), a data
gap unless a coverage statement lists every agreement of both States."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

import coordgraph
from coordgraph.analyses import unlinked_routes
from coordgraph.findings import Finding, FindingKind, GapType, LinkKind, Severity

SOURCE = {"id": "s1", "title": "Depositary", "date": "2010", "url": "https://example.org/st"}
ROUTE = {"id": "r1", "origin": "MDA", "destination": "PRT", "victims": ["girls"]}
ROUTE["valid_from"] = "2008"
ROUTE["purposes"] = ["sexual_exploitation"]


def _protocol(**kw: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "protocol",
        "name": "The protocol",
        "type": "multilateral",
        "form": "treaty",
        "function": "legal_basis",
        "in_force": "2003-12-25",
        "scope": "all_persons",
        "exploitation": ["all"],
        "parties": [
            {"country": "MDA", "ratified": "2005-09-16"},
            {"country": "PRT", "ratified": "2004-05-10"},
        ],
        "sources": ["s1"],
    }
    data.update(kw)
    return data


def _finding(tmp_path: Path, *, as_of: str = "2010", **sections: Any) -> Finding:
    data: dict[str, Any] = {"dataset": {"name": "t", "title": "T"}, "sources": [SOURCE]}
    data.update(sections)
    data.setdefault("routes", [ROUTE])
    path = tmp_path / "dataset.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    G = coordgraph.load(path).to_networkx()
    (f,) = [f for f in unlinked_routes(G, as_of=as_of) if not f.details.get("internal")]
    return f


def test_a_legal_basis_links_but_is_not_a_channel(tmp_path: Path) -> None:
    f = _finding(tmp_path, agreements=[_protocol()])
    assert f.kind is FindingKind.ROUTE_LINKED
    assert f.link_kind is LinkKind.LEGAL_BASIS and f.rule == "routes.legal_basis"
    assert f.severity is Severity.MEDIUM and f.gap_type is GapType.DATA
    assert {"in_force", "victims_covered", "exploitation_covered"} <= set(f.criteria_met)
    assert "operational_channel" in f.criteria_unknown
    assert "a legal basis only" in f.message
    assert "does not claim to list all of their agreements" in f.message
    assert "absence_basis" not in f.details


def test_an_operational_agreement_is_not_a_legal_basis(tmp_path: Path) -> None:
    operational = _protocol(function=None)
    f = _finding(tmp_path, agreements=[operational])
    assert f.link_kind is LinkKind.MULTILATERAL_AGREEMENT
    assert "legal basis" not in f.message


def test_a_coverage_statement_makes_the_missing_channel_a_policy_gap(tmp_path: Path) -> None:
    statement = {
        "id": "all-agreements",
        "name": "The 2010 inventory",
        "lists": "agreements",
        "countries": ["MDA", "PRT"],
        "sources": ["s1"],
    }
    f = _finding(tmp_path, agreements=[_protocol()], coverage=[statement])
    assert f.link_kind is LinkKind.LEGAL_BASIS and f.severity is Severity.MEDIUM
    assert f.gap_type is GapType.POLICY
    assert f.details["absence_basis"] == "Coverage:all-agreements"


def test_a_channel_beside_the_legal_basis_links_the_pair(tmp_path: Path) -> None:
    network = {
        "id": "net",
        "type": "contact_point_network",
        "requires_focal_point": True,
        "members": ["MDA", "PRT"],
        "sources": ["s1"],
    }
    fps = [
        {"id": f"fp-{c.lower()}", "country": c, "network": "net", "sources": ["s1"]}
        for c in ("MDA", "PRT")
    ]
    f = _finding(tmp_path, agreements=[_protocol()], networks=[network], focal_points=fps)
    assert f.link_kind is LinkKind.FOCAL_POINT_CHANNEL
    assert "legal_basis" in f.details["link_kinds_found"]
    assert "operational_channel" in f.criteria_met and "in_force" in f.criteria_met
    assert f.severity is not Severity.HIGH


def test_link_kinds_can_leave_legal_bases_out(tmp_path: Path) -> None:
    data: dict[str, Any] = {"dataset": {"name": "t", "title": "T"}, "sources": [SOURCE]}
    data.update(agreements=[_protocol()], routes=[ROUTE])
    path = tmp_path / "dataset.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    G = coordgraph.load(path).to_networkx()
    (f,) = unlinked_routes(G, as_of="2010", link_kinds=["multilateral_agreement"])
    assert f.kind is FindingKind.ROUTE_UNLINKED
    assert "is a legal basis, not counted here" in " ".join(f.near_misses)


def test_plan_proposes_an_arrangement_under_the_legal_basis_not_a_treaty(tmp_path: Path) -> None:
    from coordgraph.planning import plan_actions

    data: dict[str, Any] = {"dataset": {"name": "t", "title": "T"}, "sources": [SOURCE]}
    data.update(agreements=[_protocol()], routes=[ROUTE])
    path = tmp_path / "dataset.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    actions = plan_actions(coordgraph.load(path), as_of="2010", top=5)
    kinds = [a.kind for a in actions]
    assert kinds[0] == "arrangement", kinds
    assert "agreement" not in kinds  # no new treaty for a pair the protocol binds
    assert not any(a.kind == "provisions" and a.network == "Agreement:protocol" for a in actions)
    first = actions[0]
    assert first.cost == 2 and "not a new treaty" in first.why
    assert "operational_channel" in first.fills[0]["criteria"]


def test_a_focal_point_under_a_legal_basis_is_not_a_channel(tmp_path: Path) -> None:
    fps = [
        {"id": f"fp-{c.lower()}", "country": c, "agreement": "protocol", "sources": ["s1"]}
        for c in ("MDA", "PRT")
    ]
    f = _finding(tmp_path, agreements=[_protocol()], focal_points=fps)
    assert f.link_kind is LinkKind.LEGAL_BASIS
    assert "operational_channel" not in f.criteria_met
    assert any("not a channel for cases" in n for n in f.near_misses)


def test_a_legal_basis_on_children_is_not_a_child_specific_provision(tmp_path: Path) -> None:
    f = _finding(tmp_path, agreements=[_protocol(scope="children")])
    assert "child_specific_provisions" in f.criteria_missing
    with_provision = _protocol(scope="children", provisions=["guardianship"])
    f = _finding(tmp_path, agreements=[with_provision])
    assert "child_specific_provisions" in f.criteria_met


def test_a_finding_calls_an_instrument_by_its_acronym(tmp_path: Path) -> None:
    f = _finding(tmp_path, agreements=[_protocol(acronym="the protocol")])
    assert "linked as of 2010-12-31 by the protocol (all persons" in f.message
    assert f.details["criteria"]["in_force"]["because"] == "the protocol"


def test_a_legal_basis_finding_cites_the_instrument_and_the_two_parties_only(
    tmp_path: Path,
) -> None:
    # the verdict rests on what the protocol is (s1) and on what makes MDA and PRT
    # parties: not on the source of a third party's date
    sources = [SOURCE, *({**SOURCE, "id": i, "title": i} for i in ("s-mda", "s-prt", "s-ita"))]
    parties = [
        {"country": "MDA", "ratified": "2005-09-16", "sources": ["s-mda"]},
        {"country": "PRT", "ratified": "2004-05-10", "sources": ["s-prt"]},
        {"country": "ITA", "ratified": "2006-08-02", "sources": ["s-ita"]},
    ]
    f = _finding(tmp_path, sources=sources, agreements=[_protocol(parties=parties)])
    assert f.link_kind is LinkKind.LEGAL_BASIS
    assert f.sources == ("s1", "s-mda", "s-prt")
