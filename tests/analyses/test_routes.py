"""Unlinked route endpoints, tested on cited facts of the bundled dataset.

Where the studies name an agreement but no route between its parties, the test adds a
route of its own (clearly a test route) to ask the question the planner would ask.
"""

from __future__ import annotations

import pytest

from coordgraph.analyses import unlinked_routes
from coordgraph.findings import FindingKind, LinkKind
from coordgraph.model import Route


def _agreement(ds, *parties):
    wanted = set(parties)
    found = [a for a in ds.agreements if set(a.party_codes) == wanted]
    assert found, f"no agreement between {parties} in the bundled dataset"
    return found[0]


def _pair(findings, a, b, victims=None):
    hits = [f for f in findings if set(f.subjects) == {f"Country:{a}", f"Country:{b}"}]
    if victims is not None:
        hits = [f for f in hits if f.details["victims"] == victims]
    assert len(hits) == 1, hits
    return hits[0]


def _no_operational_link(f):
    """No agreement, channel or local link carries cases: unlinked, or linked only by a
    legal basis of the reference layer (the Palermo protocol, the OPSC...)."""
    return f.link_kind in (LinkKind.NONE, LinkKind.LEGAL_BASIS)


def _with_route(ds, origin, destination, victims, rid="test-route"):
    route = Route(id=rid, origin=origin, destination=destination, victims=victims)
    return ds.only_verified().with_records([route]).to_networkx()


def test_albania_greece_not_linked_in_july_2008(bundled):
    ag = _agreement(bundled, "ALB", "GRC")
    assert ag.in_force is None and str(ag.not_in_force_on) == "2008-07"
    G = _with_route(bundled, "ALB", "GRC", "children")
    f = _pair(unlinked_routes(G, as_of="2008-07"), "ALB", "GRC")
    assert _no_operational_link(f)
    assert any("signed 2006-02" in n and "not in force" in n for n in f.near_misses)
    assert any(c.startswith("tp2008:") for c in f.sources)


def test_cambodia_thailand_linked_from_2003(bundled):
    ag = _agreement(bundled, "KHM", "THA")
    assert str(ag.scope) == "all_persons"
    G = _with_route(bundled, "KHM", "THA", "children|adults")
    linked = _pair(unlinked_routes(G, as_of="2003"), "KHM", "THA")
    assert linked.kind is FindingKind.ROUTE_LINKED
    assert linked.link_kind is LinkKind.BILATERAL_AGREEMENT
    assert f"Agreement:{ag.id}" in linked.evidence
    assert "entry into force not recorded" in linked.message
    before = _pair(unlinked_routes(G, as_of="2002"), "KHM", "THA")
    assert before.kind is FindingKind.ROUTE_UNLINKED
    assert any("not yet signed" in n for n in before.near_misses)


def test_require_in_force_does_not_count_signature_only(bundled):
    G = _with_route(bundled, "KHM", "THA", "children")
    f = _pair(unlinked_routes(G, as_of="2008", require_in_force=True), "KHM", "THA")
    assert _no_operational_link(f) and "Agreement:khm-tha-2003" not in f.evidence[:1]


def test_children_only_agreement_does_not_cover_adults(bundled):
    ag = _agreement(bundled, "CIV", "MLI")
    assert str(ag.scope) == "children"
    adults = _pair(
        unlinked_routes(_with_route(bundled, "MLI", "CIV", "adults"), as_of="2008"), "MLI", "CIV"
    )
    assert _no_operational_link(adults)
    assert any("covers no men, women" in n for n in adults.near_misses)
    children = _pair(
        unlinked_routes(_with_route(bundled, "MLI", "CIV", "boys"), as_of="2008"), "MLI", "CIV"
    )
    assert children.link_kind is LinkKind.BILATERAL_AGREEMENT


def test_women_and_children_agreement_does_not_cover_men(bundled):
    _agreement(bundled, "NOR", "RUS")
    G = _with_route(bundled, "RUS", "NOR", "men")
    f = _pair(unlinked_routes(G, as_of="2008"), "RUS", "NOR", victims=["men"])
    assert _no_operational_link(f)
    cited = _pair(unlinked_routes(bundled.to_networkx(), as_of="2008"), "RUS", "NOR")
    assert cited.link_kind is LinkKind.BILATERAL_AGREEMENT


def test_moldova_russia_route_is_unlinked(bundled_graph):
    f = _pair(unlinked_routes(bundled_graph, as_of="2008"), "MDA", "RUS")
    assert _no_operational_link(f)


def test_a_project_is_not_offered_as_a_channel(bundled_graph):
    # Nepal and India are both in YPP, a project (type programme): it has no
    # coordination or focal-point function, so a missing focal point there is no near-miss
    f = _pair(unlinked_routes(bundled_graph, as_of="2008"), "NPL", "IND")
    assert _no_operational_link(f)
    assert not any("Youth Partnership" in n for n in f.near_misses)
    assert "Network:ypp" not in f.evidence


def test_online_route_unknown_end_is_unresolved(bundled_graph):
    findings = unlinked_routes(bundled_graph, as_of="2021")
    online = [
        f
        for f in findings
        if "Country:PHL" in f.subjects and f.kind is FindingKind.ROUTE_UNRESOLVED
    ]
    assert online, "the online route to unnamed demand-side countries must be reported unresolved"
    assert any(s.startswith("UnknownPlace:") for s in online[0].subjects)


def test_link_kinds_filter_counts_only_chosen_kinds(bundled):
    G = _with_route(bundled, "KHM", "THA", "children")
    f = _pair(unlinked_routes(G, as_of="2008", link_kinds=["multilateral_agreement"]), "KHM", "THA")
    assert f.kind is FindingKind.ROUTE_UNLINKED
    assert any("not counted here" in n for n in f.near_misses)


def test_every_route_pair_is_reported_once(bundled_graph):
    findings = unlinked_routes(bundled_graph, as_of="2008")
    keys = [(f.subjects, tuple(f.details["victims"])) for f in findings]
    assert len(keys) == len(set(keys))
    assert findings == sorted(findings, key=lambda f: f.sort_key())


def test_analysis_does_not_mutate_graph(bundled_graph):
    before = (bundled_graph.number_of_nodes(), bundled_graph.number_of_edges())
    snapshot = dict(bundled_graph.nodes(data=True))
    unlinked_routes(bundled_graph, as_of="2008")
    assert (bundled_graph.number_of_nodes(), bundled_graph.number_of_edges()) == before
    assert dict(bundled_graph.nodes(data=True)) == snapshot


@pytest.mark.parametrize("as_of", ["2008", "2008-07", "2008-07-31"])
def test_as_of_precision_is_accepted(bundled_graph, as_of):
    assert unlinked_routes(bundled_graph, as_of=as_of)
