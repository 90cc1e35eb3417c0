"""The bundled ecpat-2008 dataset: the facts it cites from the four seed documents hold."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import coordgraph
from coordgraph.model import UNKNOWN
from coordgraph.vocab import (
    AgreementKind,
    MechanismStatus,
    MechanismType,
    Mode,
    Verification,
)

SEEDS = {
    "tp2008": "001_1aee448535594116.txt",
    "cn2008": "000_038ebaa87edf91e6.txt",
    "sr2020": "002_987238ca6b8e7ea0.txt",
    "wp2021": "003_56099784fd528f5f.txt",
}
# The source texts, when a copy sits beside the repository (the line-range check skips
# otherwise); the dataset's Source records name each file in their locator.
SEED_DIR = Path(__file__).resolve().parents[3] / "shared" / "seeds"
GENERAL_KNOWLEDGE = "not stated in the source documents; general knowledge"


@pytest.fixture(scope="module")
def ds():
    return coordgraph.load("ecpat-2008")


def _by_id(records, id_):
    found = [r for r in records if r.id == id_]
    assert len(found) == 1, id_
    return found[0]


def _bilateral(ds):
    return {frozenset(a.party_codes): a for a in ds.agreements if a.type is AgreementKind.BILATERAL}


def _links(ds):
    """Network memberships and agreement parties, with the record that holds them."""
    for net in ds.networks:
        for m in net.members:
            yield net, m
    for ag in ds.agreements:
        for p in ag.parties:
            yield ag, p


def test_one_source_per_seed_document(ds):
    ds = ds.own()  # the file as written, without the reference layer
    seeds = {s.id: s.locator for s in ds.sources if s.url is None}
    assert seeds == SEEDS
    # any other source is a public page with its address (UNICEF for the Benin-Nigeria date)
    others = [s for s in ds.sources if s.url is not None]
    assert [s.id for s in others] == ["unicef-ben-nga-2005"]
    tp = _by_id(ds.sources, "tp2008")
    assert tp.author == "Mike Dottridge" and tp.publisher == "ECPAT International"
    assert str(tp.date) == "2008"


def test_every_record_cites_an_existing_source(ds):
    ids = {s.id for s in ds.sources}
    for record in ds:
        if record.SECTION == "sources":
            continue
        assert record.sources, record.id
        assert all(c.source in ids for c in record.sources), record.id
    for holder, link in _links(ds):
        if link.verification is not Verification.VERIFIED:
            assert link.sources, (holder.id, link.country)
            assert all(c.source in ids for c in link.sources), (holder.id, link.country)


def test_citations_are_line_ranges_inside_their_seed_file(ds):
    lengths = {
        sid: len((SEED_DIR / name).read_text(encoding="utf-8").splitlines())
        for sid, name in SEEDS.items()
        if (SEED_DIR / name).exists()
    }
    if not lengths:
        pytest.skip("seed documents not available")
    citations = [c for r in ds for c in r.sources]
    citations += [c for _, link in _links(ds) for c in link.sources]
    # a seed is cited by its lines; a public page beside the seeds (with an address) is not
    pages = {s.id for s in ds.sources if s.url is not None}
    for c in (c for c in citations if c.source not in pages):
        match = re.fullmatch(r"(\d+)(?:-(\d+))?", c.locator or "")
        assert match, str(c)
        first, last = int(match[1]), int(match[2] or match[1])
        assert 1 <= first <= last, str(c)
        if c.source in lengths:
            assert last <= lengths[c.source], str(c)


def test_nothing_is_synthetic(ds):
    assert not ds.info.synthetic
    assert not any(s.synthetic for s in ds.sources)


def test_general_knowledge_only_for_commit_and_rcm_members_and_marked_unverified(ds):
    ds = ds.own()  # the file as written, without the reference layer
    unverified = {}
    for holder, link in _links(ds):
        if link.verification is Verification.UNVERIFIED:
            assert GENERAL_KNOWLEDGE in (link.notes or ""), (holder.id, link.country)
            unverified.setdefault(holder.id, set()).add(link.country)
    mekong = {"KHM", "CHN", "LAO", "MMR", "THA", "VNM"}
    rcm = {"BLZ", "CAN", "CRI", "DOM", "SLV", "GTM", "HND", "MEX", "NIC", "PAN", "USA"}
    assert unverified == {"commit": mekong, "commit-mou-2004": mekong, "rcm": rcm}
    for record in ds:
        assert record.verification is not Verification.UNVERIFIED, record.id


def test_albania_greece_signed_but_not_in_force_in_july_2008(ds):
    ag = _by_id(ds.agreements, "alb-grc-2006")
    assert set(ag.party_codes) == {"ALB", "GRC"}
    assert str(ag.signed) == "2006-02"
    assert ag.in_force is None
    assert str(ag.not_in_force_on) == "2008-07"
    assert str(ag.scope) == "children"
    assert any(str(c) == "tp2008:2241-2245" for c in ag.sources)


def test_five_bilateral_agreements_with_their_scopes(ds):
    expected = {
        frozenset({"KHM", "THA"}): ("2003", "all_persons"),
        frozenset({"BEN", "NGA"}): ("2005-06-09", "all_persons"),
        frozenset({"CIV", "MLI"}): ("2000", "children"),
        frozenset({"ALB", "GRC"}): ("2006-02", "children"),
        frozenset({"NOR", "RUS"}): ("2002", "women_and_children"),
    }
    bilateral = _bilateral(ds)
    assert set(bilateral) == set(expected)
    for pair, (signed, scope) in expected.items():
        ag = bilateral[pair]
        assert (str(ag.signed), str(ag.scope)) == (signed, scope), ag.id
        assert ag.in_force is None, ag.id  # no document gives an entry-into-force date
    assert [str(p) for p in bilateral[frozenset({"NOR", "RUS"})].purposes] == ["border_cooperation"]


def test_only_cote_divoire_mali_and_albania_greece_are_child_specific(ds):
    children_only = {pair for pair, ag in _bilateral(ds).items() if str(ag.scope) == "children"}
    assert children_only == {frozenset({"CIV", "MLI"}), frozenset({"ALB", "GRC"})}


def test_no_albania_greece_route_is_invented(ds):
    assert not [r for r in ds.routes if {r.origin, r.destination} == {"ALB", "GRC"}]


def test_multilateral_agreements_do_not_claim_unlisted_parties(ds):
    ds = ds.own()  # the file as written, without the reference layer
    for id_ in ("ecowas-eccas-2006", "saarc-convention-2002", "coe-convention-2005"):
        ag = _by_id(ds.agreements, id_)
        assert ag.type is AgreementKind.MULTILATERAL
        assert ag.parties == () and ag.parties_complete is False, id_
    mou = _by_id(ds.agreements, "commit-mou-2004")
    assert str(mou.form) == "mou" and str(mou.signed) == "2004-10" and mou.network == "commit"
    assert mou.party_count == 6 and not mou.parties_complete


def test_indonesia_has_two_plans_adopted_2002_and_evaluated_2008(ds):
    plans = [p for p in ds.action_plans if p.country == "IDN"]
    assert len(plans) == 2
    assert all(str(p.adopted) == "2002" and str(p.evaluated) == "2008" for p in plans)
    assert sorted(tuple(p.scope) for p in plans) == [("csec",), ("trafficking_women_children",)]
    assert all(p.evaluation and not p.leads for p in plans)


def test_rcm_expects_focal_points_from_eleven_states(ds):
    rcm = _by_id(ds.networks, "rcm")
    assert rcm.requires_focal_point
    assert rcm.member_count == 11 and not rcm.members_complete
    assert any(str(c) == "tp2008:2259-2265" for c in rcm.sources)


def test_network_counts_and_listed_members(ds):
    assert _by_id(ds.networks, "commit").member_count == 6
    assert _by_id(ds.networks, "asia-acts").member_count == 8
    ypp = _by_id(ds.networks, "ypp")
    assert {m.country for m in ypp.members} == {"BGD", "IND", "NPL"}
    assert all(m.verification is Verification.VERIFIED for m in ypp.members)
    baltic = _by_id(ds.networks, "baltic-contact-points")
    assert baltic.requires_focal_point and not baltic.members and not baltic.members_complete
    gift = _by_id(ds.networks, "un-gift")
    assert str(gift.type) == "un_interagency"
    assert set(gift.agencies) == {"unodc", "ilo", "iom", "unicef", "osce-org", "ohchr"}


def test_no_focal_point_is_invented(ds):
    assert ds.focal_points == ()


def test_romania_referral_system_not_functioning_in_2006(ds):
    rou = _by_id(ds.mechanisms, "rou-referral")
    assert rou.country == "ROU" and rou.type is MechanismType.REFERRAL_MECHANISM
    assert rou.status is MechanismStatus.NOT_FUNCTIONING and str(rou.status_as_of) == "2006"


def test_netherlands_rapporteur_is_a_rapporteur(ds):
    nld = _by_id(ds.mechanisms, "nld-rapporteur")
    assert nld.country == "NLD" and nld.type is MechanismType.RAPPORTEUR


def test_philippine_council_and_its_sub_bodies(ds):
    council = _by_id(ds.mechanisms, "phl-iacat")
    assert council.type is MechanismType.COORDINATING_BODY
    assert set(council.leads) == {"phl-doj", "phl-dswd"} and str(council.valid_from) == "2003"
    regional = _by_id(ds.mechanisms, "phl-regional-committees")
    assert regional.parent == "phl-iacat" and str(regional.level) == "subnational"
    assert set(regional.scope) == {"trafficking_in_persons", "violence_against_women_children"}
    local = _by_id(ds.mechanisms, "phl-local-committee-model")
    assert local.status is MechanismStatus.MODEL and str(local.level) == "local"
    online = _by_id(ds.mechanisms, "phl-osec-units")
    assert online.type is MechanismType.SPECIALISED_UNIT


def test_international_mechanisms_have_no_country(ds):
    international = [m for m in ds.mechanisms if str(m.level) == "international"]
    assert {m.id for m in international} >= {
        "un-sr-sale-of-children",
        "un-sr-trafficking",
        "icat",
        "un-gift-steering",
    }
    assert all(m.country is None for m in international)
    dates = {m.id: str(m.valid_from) for m in international}
    assert dates["un-sr-sale-of-children"] == "1990" and dates["un-sr-trafficking"] == "2004"
    assert dates["icat"] == "2006-09" and dates["un-gift-steering"] == "2007-03"


def test_online_route_has_an_unknown_destination(ds):
    route = _by_id(ds.routes, "phl-online")
    assert route.origin == "PHL" and route.mode is Mode.ONLINE
    assert route.destination.startswith(UNKNOWN)
    assert [str(p) for p in route.purposes] == ["online_sexual_exploitation"]


def test_routes_keep_the_documented_details(ds):
    mda_rus = _by_id(ds.routes, "mda-rus")
    assert (str(mda_rus.valid_from), str(mda_rus.valid_to)) == ("2003", "2004")
    mda_tur = _by_id(ds.routes, "mda-tur-perceived")
    assert mda_tur.verification is Verification.DISPUTED and "IOM" in (mda_tur.notes or "")
    costa_rica = [r for r in ds.routes if r.destination == "area:cri-san-jose"]
    origins = {r.origin for r in costa_rica}
    assert origins == {"area:cri-northern-border", "area:cri-southern-border"}
    thailand = _by_id(ds.routes, "to-tha-labour")
    assert thailand.origin.startswith(UNKNOWN) and thailand.destination == "THA"
    assert _by_id(ds.routes, "xkx-internal").origin == "XKX"
