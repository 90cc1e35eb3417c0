"""The West and Central Africa dataset: cited facts, and the findings a planner reads."""

from __future__ import annotations

import pytest

import coordgraph
from coordgraph.analyses import duplicated_mechanisms, unlinked_routes
from coordgraph.findings import FindingKind, LinkKind
from coordgraph.model import Route
from coordgraph.vocab import Verification


@pytest.fixture(scope="module")
def wa():
    return coordgraph.load("west-africa")


@pytest.fixture(scope="module")
def wa_graph(wa):
    return wa.only_verified().to_networkx()


def _agreement(ds, id_):
    return next(a for a in ds.agreements if a.id == id_)


def _pair(findings, a, b, victims=None):
    hits = [f for f in findings if f.details.get("states") == [a, b]]
    if victims is not None:
        hits = [f for f in hits if f.details["victims"] == victims]
    assert hits, (a, b)
    return hits


def test_every_record_cites_an_existing_source_with_a_url(wa):
    ids = {s.id for s in wa.sources}
    for record in wa:
        if record.SECTION != "sources":
            assert record.sources, record.id
            assert all(c.source in ids for c in record.sources), record.id
    assert all(s.url for s in wa.sources if s.id != "compilation-unverified")


def test_dates_keep_source_precision(wa):
    assert str(_agreement(wa, "ben-gab-2018").signed) == "2018-11-09"
    mli_civ = _agreement(wa, "mli-civ-2000")
    assert str(mli_civ.signed) == "2000-09" and str(mli_civ.scope) == "children"
    before = _agreement(wa, "mli-bfa-before-2004").signed
    assert before is not None and before.before and str(before) == "<2004-07-22"


def test_unverified_facts_are_not_upgraded(wa):
    abidjan = _agreement(wa, "abidjan-2005")
    verified = [p.country for p in abidjan.parties if p.verification is Verification.VERIFIED]
    assert verified == ["BEN"]
    # the 2025 exits come from the reference layer, cited (this file's unverified ones
    # were superseded)
    ecowas = next(n for n in wa.networks if n.id == "ecowas")
    left = {m.country: m for m in ecowas.members if m.left and m.left.start.year == 2025}
    assert set(left) == {"BFA", "MLI", "NER"}
    assert all(m.verification is Verification.VERIFIED for m in left.values())
    assert all("premiumtimes-2025-01-29" in {c.source for c in m.sources} for m in left.values())


def test_ecowas_eccas_signed_on_6_july_2006_and_keeps_the_thesis_date_in_its_notes(wa):
    ag = _agreement(wa, "ecowas-eccas-2006")
    assert str(ag.signed) == "2006-07-06"  # Cameroon's treaty database, Afrik.com
    assert {c.source for c in ag.sources} >= {"cameroun-accord-2006", "memoireonline-2010"}
    assert "7 July 2006" in (ag.notes or "")


def test_benin_gabon_linked_only_from_the_2018_agreement(wa_graph):
    before = unlinked_routes(wa_graph, as_of="2018-11-08")
    after = unlinked_routes(wa_graph, as_of="2018-11-10")
    # before it, only the universal instruments of the reference layer: a legal basis
    assert all(
        f.link_kind in (LinkKind.NONE, LinkKind.LEGAL_BASIS) for f in _pair(before, "BEN", "GAB")
    )
    linked = _pair(after, "BEN", "GAB")
    assert all(f.link_kind is LinkKind.BILATERAL_AGREEMENT for f in linked)
    assert all("Agreement:ben-gab-2018" in f.evidence for f in linked)


def test_mali_cote_divoire_children_only_from_september_2000(wa):
    # the dataset's own Mali -> Côte d'Ivoire route is first observed in 2013, so the
    # question "as of 2000" needs test routes (undated, so counted on every date)
    adults = Route(id="test-adults", origin="MLI", destination="CIV", victims="adults")
    kids = Route(id="test-children", origin="MLI", destination="CIV", victims="children")
    G = wa.only_verified().with_records([adults, kids]).to_networkx()
    f = unlinked_routes(G, as_of="2000-09")
    children = _pair(f, "MLI", "CIV", victims=["boys", "girls"])
    assert all(x.link_kind is LinkKind.BILATERAL_AGREEMENT for x in children)
    grown = _pair(f, "MLI", "CIV", victims=["men", "women"])[0]
    assert grown.kind is FindingKind.ROUTE_UNLINKED
    assert any("covers no men, women" in n for n in grown.near_misses)
    earlier = _pair(unlinked_routes(G, as_of="2000-08"), "MLI", "CIV", victims=["boys", "girls"])
    assert all(x.kind is FindingKind.ROUTE_UNLINKED for x in earlier)


def test_edo_to_italy_reports_every_leg(wa_graph, wa):
    route = next(r for r in wa.routes if r.id == "edo-ita")
    assert route.transits == ("NER", "LBY") and route.destination == "ITA"
    findings = [
        f for f in unlinked_routes(wa_graph, as_of="2016") if "Route:edo-ita" in f.details["routes"]
    ]
    roles = {role for f in findings for role in f.details["roles"]}
    assert roles == {"endpoints", "leg 1 of 3", "leg 2 of 3", "leg 3 of 3"}
    assert all(f.link_kind is not None for f in findings)


def test_cote_divoire_oversight_committee_is_not_a_duplicate_of_the_one_it_oversees(wa_graph):
    # decree 2011-366: the CNS monitors and evaluates; the CIM (decree 2011-365) coordinates
    assert duplicated_mechanisms(wa_graph, as_of="2012", countries=["CIV"]) == []
    assert wa_graph.nodes["Mechanism:civ-cns"]["type"] == "monitoring_body"


def test_togo_commissions_overlap_only_from_2023_under_different_ministries(wa_graph):
    assert duplicated_mechanisms(wa_graph, as_of="2022", countries=["TGO"]) == []
    dupes = duplicated_mechanisms(wa_graph, as_of="2023-03", countries=["TGO"])
    assert len(dupes) == 1
    assert dupes[0].details["leads_differ"]
    assert set(dupes[0].subjects) == {"Mechanism:tgo-cnarsevt", "Mechanism:tgo-cnltp"}


def test_unverified_records_change_findings_only_when_asked(wa):
    verified = unlinked_routes(wa.only_verified().to_networkx(), as_of="2008")
    everything = unlinked_routes(wa.to_networkx(), as_of="2008")
    linked = lambda fs: {f.subjects for f in fs if f.kind is FindingKind.ROUTE_LINKED}  # noqa: E731
    assert linked(verified) <= linked(everything)
