"""Duplicated mechanisms and plans, tested on cited facts of the bundled dataset."""

from __future__ import annotations

from coordgraph.analyses import duplicated_mechanisms
from coordgraph.findings import FindingKind


def _country_of(G, node):
    return {
        v for _, v, r in G.out_edges(node, data="relation") if r in ("OPERATES_IN", "ADOPTED_BY")
    }


def test_indonesia_two_2002_plans_are_one_duplicate_pair(bundled_graph):
    findings = duplicated_mechanisms(bundled_graph, as_of="2008")
    idn = [
        f
        for f in findings
        if f.kind is FindingKind.DUPLICATE_ACTION_PLANS
        and all("Country:IDN" in _country_of(bundled_graph, s) for s in f.subjects)
    ]
    assert len(idn) == 1
    assert "child_trafficking_sexual" in idn[0].details["shared_scope"]
    assert any(c.startswith("tp2008:") for c in idn[0].sources)


def test_indonesia_plans_not_duplicates_before_adoption(bundled_graph):
    findings = duplicated_mechanisms(bundled_graph, as_of="2001", countries=["IDN"])
    assert not [f for f in findings if f.kind is FindingKind.DUPLICATE_ACTION_PLANS]


def test_rapporteur_and_council_with_its_committees_are_not_duplicates(bundled_graph):
    findings = duplicated_mechanisms(bundled_graph, as_of="2008", countries=["NLD", "PHL"])
    assert [f for f in findings if f.kind is FindingKind.DUPLICATE_MECHANISMS] == []


def test_overlapping_un_mechanisms_are_flagged(bundled_graph):
    findings = duplicated_mechanisms(bundled_graph, as_of="2008")
    labels = [
        {str(bundled_graph.nodes[s].get("label", "")) for s in f.subjects}
        for f in findings
        if f.kind is FindingKind.DUPLICATE_MECHANISMS
    ]
    assert any(any("Rapporteur" in x for x in pair) for pair in labels), labels


def test_severity_rises_when_leads_differ_and_nothing_joins_them():
    from coordgraph.dataset import Dataset
    from coordgraph.model import Agency, DatasetInfo, Mechanism

    agencies = [Agency(id="min-a", country="TGO"), Agency(id="min-b", country="TGO")]
    base = {
        "type": "coordinating_body",
        "level": "national",
        "country": "TGO",
        "valid_from": "2002",
    }
    m1 = Mechanism(id="m1", scope="child_trafficking", leads="min-a", **base)
    m2 = Mechanism(id="m2", scope="trafficking_in_persons", leads="min-b", **base)
    info = DatasetInfo(name="t", title="t")
    high = duplicated_mechanisms(Dataset.from_records(info, [*agencies, m1, m2]).to_networkx())
    assert [f.severity for f in high] == ["high"]
    m2_joined = m2.model_copy(update={"coordinates_with": ("m1",), "leads": ("min-a",)})
    low = duplicated_mechanisms(
        Dataset.from_records(info, [*agencies, m1, m2_joined]).to_networkx()
    )
    assert [f.severity for f in low] == ["low"]
    sub = m2.model_copy(update={"parent": "m1"})
    assert (
        duplicated_mechanisms(Dataset.from_records(info, [*agencies, m1, sub]).to_networkx()) == []
    )
    local = m2.model_copy(update={"level": "local"})
    assert (
        duplicated_mechanisms(Dataset.from_records(info, [*agencies, m1, local]).to_networkx())
        == []
    )
