"""One rule, one place (issue #23): where two copies of a rule gave different answers.

Each test states a case on which a copy disagreed with the rule the analyses use; it
failed before the copy was replaced by a call to the rule. The facts are made up for
the test (real ISO codes stand for "State A", "State B").
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import coordgraph.analyses
import coordgraph.time_rules
from coordgraph.dataset import Dataset
from coordgraph.explorer.data import explorer_data
from coordgraph.export.kumu import kumu_tables
from coordgraph.export.writers import write_gexf
from coordgraph.model import Agreement, DatasetInfo, Route, Source
from coordgraph.time_rules import TimeRules

INFO = DatasetInfo(name="one-rule-test", title="Test cases for one rule, one place")
SOURCE = Source(id="s", title="A test source", date="2000")


def ds(*records):
    return Dataset.from_records(INFO, [SOURCE, *records]).to_networkx()


# ------------------------------------------------------------------ party dates


def _acceded_and_withdrew():
    return ds(
        Agreement(
            id="conv",
            type="multilateral",
            in_force="2001",
            parties=[
                {"country": "FRA", "ratified": "2001"},
                {"country": "DEU", "acceded": "2005", "withdrawn": "2010"},
            ],
            scope="all_persons",
            sources=["s"],
        ),
        Route(id="r", origin="FRA", destination="DEU", victims="children", sources=["s"]),
    )


PARTY = ("Country:DEU", "Agreement:conv")


def test_the_analyses_read_accession_and_withdrawal():
    G = _acceded_and_withdrew()
    link = G.edges[(*PARTY, "PARTY_TO")]
    assert not TimeRules(G, dt.date(2003, 6, 1)).is_member(link, PARTY[1])[0]
    assert TimeRules(G, dt.date(2007, 6, 1)).is_member(link, PARTY[1])[0]
    assert not TimeRules(G, dt.date(2012, 6, 1)).is_member(link, PARTY[1])[0]


def test_kumu_party_spell_is_the_party_rule():
    conn = kumu_tables(_acceded_and_withdrew(), as_of="2007")["Connections"]
    row = next(r for r in conn if (r["From"], r["To"]) == PARTY)
    assert (row["Start"], row["End"]) == (dt.date(2005, 1, 1), dt.date(2010, 12, 31))


def test_explorer_party_spell_is_the_party_rule():
    data = explorer_data(_acceded_and_withdrew(), as_of="2007")
    edge = next(e for e in data["network"]["edges"] if (e["u"], e["v"]) == PARTY)
    assert (edge["start"], edge["end"]) == ("2005-01-01", "2010-12-31")


def test_gexf_party_spell_is_the_party_rule(tmp_path: Path):
    write_gexf(_acceded_and_withdrew(), tmp_path / "g.gexf", as_of="2007")
    root = ET.parse(tmp_path / "g.gexf").getroot()
    edges = [e for e in root.iter() if e.tag.endswith("}edge")]
    edge = next(e for e in edges if (e.get("source"), e.get("target")) == PARTY)
    assert (edge.get("start"), edge.get("end")) == ("2005-01-01", "2010-12-31")


# ------------------------------------------------------------------ agreement effect


def test_agreement_effect_is_asked_of_time_rules_only():
    G = ds(
        Agreement(
            id="old", type="bilateral", in_force="2001", parties=["FRA", "DEU"], scope="all_persons"
        ),
        Agreement(
            id="new",
            type="bilateral",
            in_force="2010",
            parties=["FRA", "DEU"],
            replaces=["old"],
            scope="all_persons",
        ),
    )
    effect = TimeRules(G, dt.date(2015, 1, 1)).agreement_effect("Agreement:old")
    assert not effect.holds
    assert effect.why.startswith("replaced by")
    # the copies that said "in force since 2001" are gone
    assert not hasattr(coordgraph.analyses, "agreement_effect")
    assert not hasattr(coordgraph.time_rules, "agreement_effect")


# ------------------------------------------------------------------ reading the graph


def test_every_countries_argument_reads_names_and_codes_alike(bundled_graph):
    from coordgraph.analyses import (
        duplicated_mechanisms,
        missing_focal_points,
        plan_gaps,
        rec_12_2_2,
        unlinked_routes,
    )

    for analysis in (
        unlinked_routes,
        rec_12_2_2,
        duplicated_mechanisms,
        missing_focal_points,
        plan_gaps,
    ):
        by_code = analysis(bundled_graph, as_of="2008", countries=["MDA"])
        by_name = analysis(bundled_graph, as_of="2008", countries=["Moldova"])
        by_alpha2 = analysis(bundled_graph, as_of="2008", countries=["md"])
        assert by_name == by_code == by_alpha2, analysis.__name__
    assert unlinked_routes(bundled_graph, as_of="2008", countries=["Moldova"])


def test_report_and_explorer_file_a_finding_under_the_same_state():
    from coordgraph.analyses import duplicated_mechanisms
    from coordgraph.lookup import states_of_finding
    from coordgraph.model import Agency, Mechanism
    from coordgraph.report import build

    base = {"type": "coordinating_body", "level": "national", "country": "TGO"}
    G = ds(
        Agency(id="min-a", country="TGO"),
        Agency(id="min-b", country="TGO"),
        Mechanism(id="m1", scope="child_trafficking", leads="min-a", valid_from="2002", **base),
        Mechanism(
            id="m2", scope="trafficking_in_persons", leads="min-b", valid_from="2003", **base
        ),
    )
    (finding,) = duplicated_mechanisms(G, as_of="2008")
    assert states_of_finding(G, finding) == ["TGO"]
    shown = explorer_data(G, as_of="2008")["findings"]
    (item,) = [f for f in shown if f["kind"] == finding.kind]
    assert item["countries"] == ["TGO"]
    # the report files findings by the same function (it kept its own copy before)
    assert build.states_of_finding is states_of_finding


def test_overlapping_networks_kept_by_a_country_name_or_code():
    from coordgraph.analyses import duplicated_mechanisms
    from coordgraph.model import Network

    common = {"type": "regional_process", "scope": "child_trafficking", "valid_from": "2001"}
    G = ds(
        Network(id="n1", members=["FRA", "DEU"], **common),
        Network(id="n2", members=["FRA", "ITA"], **common),
    )
    every = [f for f in duplicated_mechanisms(G, as_of="2008") if f.kind == "overlapping_networks"]
    assert len(every) == 1
    for asked in (["FRA"], ["France"], ["fr"]):
        assert duplicated_mechanisms(G, as_of="2008", countries=asked) == every, asked
    assert duplicated_mechanisms(G, as_of="2008", countries=["ITA"]) == []


def test_node_ids_labels_and_states_are_read_in_one_module():
    from coordgraph import lookup, model

    G = _acceded_and_withdrew()
    assert lookup.node_id is model.node_id
    assert lookup.place_node("FRA") == "Country:FRA"
    assert lookup.label(G, "Country:FRA") == "France"
    # a node the graph does not hold is called by its record id
    assert lookup.label(G, "Network:none") == "none"
    assert lookup.state_of(G, "Country:DEU") == "DEU"
    assert lookup.state_of(G, "UnknownPlace:unknown") is None


# ------------------------------------------------------------------ a list with a date bound


def _bounded_membership():
    """A network claiming its members complete, one of whom (DEU) is known to have joined
    only before 2005: before then, whether DEU is already a member the sources do not say."""
    from coordgraph.model import FocalPoint, Network

    return ds(
        Network(
            id="body",
            type="intergovernmental",
            valid_from="1990",
            members_complete=True,
            members=[{"country": "FRA", "joined": "1990"}, {"country": "DEU", "joined": "<2005"}],
            sources=["s"],
        ),
        FocalPoint(id="fp-deu", country="DEU", network="body", valid_from="2001", sources=["s"]),
    )


def test_a_member_known_only_by_a_bound_leaves_the_list_incomplete_until_the_bound():
    from coordgraph.analyses import coverage, missing_focal_points
    from coordgraph.analyses.absence import list_complete
    from coordgraph.lookup import Facts

    G = _bounded_membership()
    facts = Facts.from_graph(G)
    link = facts.member_link("DEU", "Network:body")
    early, late = TimeRules(G, dt.date(2003, 1, 1)), TimeRules(G, dt.date(2006, 1, 1))
    assert early.bound_pending(link) and not late.bound_pending(link)
    assert early.is_member(link, "Network:body")[1].startswith("a member by 2004-12-31")
    assert not list_complete(facts, early, "Network:body")
    assert list_complete(facts, late, "Network:body")
    # the membership picture and report count members on the one rule
    assert not coverage(G, network="body", as_of="2003").complete
    assert coverage(G, network="body", as_of="2006").complete
    # a focal point of the State whose joining is bounded is not called "not a member"
    early_fps = missing_focal_points(G, as_of="2003")
    assert not [f for f in early_fps if "not a member" in f.message]


# ------------------------------------------------------------------ a basis ages


def test_a_stale_basis_reads_the_same_in_structures_and_plans():
    """A record recorded not working and a coverage statement are bases for "none"; past
    the staleness horizon each gives a low data gap that asks to re-check, by the one
    rule in analyses/absence.py (structures.py decided it twice, by hand)."""
    from coordgraph.analyses import plan_gaps, structure_gaps
    from coordgraph.analyses.absence import on_basis
    from coordgraph.dates import FuzzyDate
    from coordgraph.findings import GapType, Severity
    from coordgraph.model import ActionPlan, Coverage, Mechanism

    G = ds(
        Mechanism(
            id="nrm",
            name="Referral system",
            type="referral_mechanism",
            level="national",
            country="FRA",
            status="not_functioning",
            status_as_of="2001",
            sources=["s"],
        ),
        Coverage(
            id="all",
            name="Inventory",
            lists="mechanisms",
            countries=["FRA"],
            valid_from="2000",
            sources=["s"],
        ),
        ActionPlan(id="npa", name="Plan", country="FRA", valid_from="2000", sources=["s"]),
        Route(id="r", origin="FRA", destination="DEU", victims="children", sources=["s"]),
    )
    G.graph["expects"] = ("osce-nrm",)
    assert on_basis(None) == (Severity.MEDIUM, GapType.POLICY)
    assert on_basis(FuzzyDate.parse("2001")) == (Severity.LOW, GapType.DATA)
    for day, expected in (("2002", on_basis(None)), ("2015", on_basis(FuzzyDate.parse("2001")))):
        (idle,) = [f for f in structure_gaps(G, as_of=day) if f.rule == "structures.not_working"]
        (plan,) = [f for f in plan_gaps(G, as_of=day) if f.rule == "plans.no_structure"]
        assert (idle.severity, idle.gap_type) == expected, day
        assert (plan.severity, plan.gap_type) == expected, day
        assert ("re-check" in idle.message) == ("re-check" in plan.message) == (day == "2015")


# ------------------------------------------------------------------ route finding kinds


def test_the_kinds_of_route_finding_are_listed_in_one_place():
    """The kinds of route-pair finding and their link status were written out three
    times (the map, the exports, the State pairs): a kind added to one list only would
    be drawn, exported or grouped by some outputs and not others."""
    import ast

    from coordgraph.export.analysis import link_status
    from coordgraph.findings import ROUTE_KINDS, ROUTE_STATUS, Finding, FindingKind, Severity
    from coordgraph.state_pairs import PAIR_KINDS

    assert {k for k in FindingKind if k.startswith("route_")} == ROUTE_KINDS
    assert ROUTE_KINDS <= PAIR_KINDS
    for kind, status in ROUTE_STATUS.items():
        assert link_status(Finding(kind, "x", Severity.INFO, ("a", "b"), "m")) == status
    # no other module spells all the route kinds out itself
    src = Path(coordgraph.analyses.__file__).parents[1]
    route_names = {k.name for k in ROUTE_KINDS}
    for path in src.rglob("*.py"):
        if path.name == "findings.py" and path.parent == src:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Set | ast.Dict | ast.Tuple | ast.List):
                items = node.keys if isinstance(node, ast.Dict) else node.elts
                names = {i.attr for i in items if isinstance(i, ast.Attribute)}
                assert not route_names <= names, f"{path.relative_to(src)}:{node.lineno}"


# ------------------------------------------------------------------ a route's node id


def test_a_route_node_id_is_spelled_by_route_node_only():
    """A route's node id (``Route:<id>``) is made by :func:`route_node`; a module that
    spells the prefix itself (``"Route:"``, ``f"{NodeKind.ROUTE}:"``) would keep finding
    routes by the old spelling if it changed."""
    import ast

    src = Path(coordgraph.analyses.__file__).parents[1]
    # the column-wise route pairs (analyses/route_pairs.py) are left to their owner
    allowed = {src / "routes" / "table.py", src / "analyses" / "route_pairs.py"}
    for path in sorted(set(src.rglob("*.py")) - allowed):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(src)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Expr):
                continue  # a docstring may show an id
            if isinstance(node, ast.JoinedStr):
                spelled = ast.unparse(node)
                assert "NodeKind.ROUTE}:" not in spelled, where
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.Constant) and isinstance(child.value, str):
                    assert not child.value.startswith("Route:"), where
