"""Online and mixed routes are graded on the criteria that fit them (issue 26): a
reporting channel at each end, a law-enforcement channel, data access; not return and
guardianship."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

import coordgraph
from coordgraph.analyses import unlinked_routes
from coordgraph.findings import Finding

SOURCE = {"id": "s1", "title": "Inventory", "date": "2010", "url": "https://example.org/list"}


def _route(mode: str) -> dict[str, Any]:
    return {
        "id": "r1",
        "origin": "PHL",
        "destination": "GBR",
        "victims": ["children"],
        "purposes": ["online_sexual_exploitation"],
        "mode": mode,
        "valid_from": 2015,
    }


def _pair(tmp_path: Path, mode: str, **sections: Any) -> Finding:
    data: dict[str, Any] = {
        "dataset": {"name": "t", "title": "T"},
        "sources": [SOURCE],
        "routes": [_route(mode)],
        **sections,
    }
    path = tmp_path / f"{mode}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    G = coordgraph.load(path).to_networkx()
    (finding,) = unlinked_routes(G, as_of="2020")
    return finding


def _criteria(f: Finding) -> dict[str, str]:
    return {c: v["status"] for c, v in f.details["criteria"].items()}


def test_an_online_route_is_graded_on_online_criteria(tmp_path: Path) -> None:
    physical = _criteria(_pair(tmp_path, "physical"))
    online_finding = _pair(tmp_path, "online")
    online = _criteria(online_finding)
    assert physical != online
    assert "reporting_channel" not in physical
    assert physical["return_procedure"] == "missing"
    assert online["return_procedure"] == "not_applicable"
    assert online["child_specific_provisions"] == "not_applicable"
    for criterion in ("reporting_channel", "law_enforcement_channel", "data_access"):
        assert online[criterion] == "unknown"
        assert criterion in online_finding.criteria_unknown
    assert online_finding.details["mode"] == "online"


def test_a_mixed_route_is_graded_on_both(tmp_path: Path) -> None:
    mixed = _criteria(_pair(tmp_path, "mixed"))
    assert mixed["return_procedure"] == "missing" and mixed["reporting_channel"] == "unknown"


def test_hotlines_a_database_and_an_agreement_meet_the_online_criteria(tmp_path: Path) -> None:
    f = _pair(
        tmp_path,
        "online",
        networks=[
            {
                "id": "icse",
                "name": "ICSE database",
                "type": "law_enforcement_database",
                "members": ["GBR"],
            }
        ],
        agencies=[
            {
                "id": "phl-police",
                "name": "PHL police unit",
                "type": "law_enforcement",
                "country": "PHL",
                "connected_to": [{"to": "icse", "valid_from": 2012}],
            },
            {"id": "gbr-hotline", "name": "UK hotline", "type": "hotline", "country": "GBR"},
        ],
        mechanisms=[
            {
                "id": "phl-hotline",
                "name": "PHL hotline",
                "type": "hotline",
                "level": "national",
                "country": "PHL",
                "valid_from": 2010,
            }
        ],
        agreements=[
            {
                "id": "mla",
                "name": "PHL-GBR mutual legal assistance",
                "type": "bilateral",
                "parties": ["PHL", "GBR"],
                "in_force": 2012,
                "scope": "all_persons",
                "provisions": ["information_exchange"],
            }
        ],
    )
    criteria = _criteria(f)
    assert criteria["reporting_channel"] == "met"
    assert criteria["law_enforcement_channel"] == "met"
    assert criteria["data_access"] == "met"
    assert "return_procedure" not in f.criteria_missing


def test_plan_proposes_online_actions_for_online_routes(tmp_path: Path) -> None:
    from coordgraph.planning import plan_actions

    def actions(mode: str) -> list[Any]:
        data: dict[str, Any] = {
            "dataset": {"name": "t", "title": "T"},
            "sources": [SOURCE],
            "routes": [_route(mode)],
        }
        path = tmp_path / f"plan-{mode}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return plan_actions(coordgraph.load(path), as_of="2020", top=5)

    physical = {(a.kind, a.why) for a in actions("physical")}
    online = actions("online")
    assert {(a.kind, a.why) for a in online} != physical
    kinds = {a.kind for a in online}
    assert "hotline" in kinds
    (agreement,) = [a for a in online if a.kind == "agreement"]
    assert "information exchange" in agreement.why and "return procedure" not in agreement.why
    (hotline,) = [a for a in online if a.kind == "hotline"]
    assert set(hotline.states) == {"PHL", "GBR"} and hotline.cost == 2
    assert any("return procedure" in why for _, why in physical)


def _internal(tmp_path: Path, **nrm: Any) -> Finding:
    data: dict[str, Any] = {
        "dataset": {"name": "t", "title": "T"},
        "sources": [SOURCE],
        "areas": [
            {"id": "north", "name": "North", "country": "MDA"},
            {"id": "capital", "name": "Capital", "country": "MDA"},
        ],
        "mechanisms": [
            {
                "id": "nrm",
                "name": "National referral mechanism",
                "type": "referral_mechanism",
                "level": "national",
                "country": "MDA",
                "valid_from": 2005,
                **nrm,
            }
        ],
        "routes": [
            {
                "id": "r1",
                "origin": "area:north",
                "destination": "area:capital",
                "victims": ["girls"],
                "valid_from": 2006,
            }
        ],
    }
    path = tmp_path / "internal.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    (finding,) = unlinked_routes(coordgraph.load(path).to_networkx(), as_of="2010")
    return finding


def test_a_girls_internal_route_linked_by_an_all_victims_mechanism_is_not_child_specific(
    tmp_path: Path,
) -> None:
    general = _internal(tmp_path, scope=["trafficking_in_persons"])
    assert general.link_kind == "national_referral"
    assert general.criteria_missing == ("child_specific_provisions",)
    assert general.severity == "medium" and general.gap_type == "policy"
    assert "no procedure for children recorded" in general.message
    child = _internal(tmp_path, scope=["trafficking_in_persons"], child_procedure=True)
    assert child.criteria_met == ("child_specific_provisions",)
    assert not child.is_gap
    unknown = _internal(tmp_path)
    assert unknown.criteria_unknown == ("child_specific_provisions",)
