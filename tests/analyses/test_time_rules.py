"""The date and evidence rules, each from a small dataset that states the case.

Every rule is asked on both sides of its boundary. The facts are made up
for the test (real ISO codes stand for "State A", "State B", as the schema wants codes).
"""

from __future__ import annotations

import pytest

from coordgraph.analyses import coverage, duplicated_mechanisms, find_gaps, unlinked_routes
from coordgraph.analyses.plans import plan_gaps
from coordgraph.dataset import Dataset
from coordgraph.findings import FindingKind, GapType, LinkKind
from coordgraph.model import (
    ActionPlan,
    Agency,
    Agreement,
    DatasetInfo,
    FocalPoint,
    Mechanism,
    Network,
    Party,
    Route,
    Source,
)
from coordgraph.planning import plan_actions, timeline

INFO = DatasetInfo(name="time-rules-test", title="Test cases for the date rules")
S2005 = Source(id="s2005", title="A test source dated 2005", date="2005")
S2008 = Source(id="s2008", title="A test source dated 2008", date="2008-07")
SNONE = Source(id="snone", title="A test source with no date")


def ds(*records):
    return Dataset.from_records(INFO, [S2005, S2008, SNONE, *records])


def pair(findings, a, b):
    hits = [f for f in findings if f.details.get("states") == [a, b]]
    assert len(hits) == 1, [f.message for f in findings]
    return hits[0]


def route(id_="r", origin="FRA", destination="DEU", **kw):
    kw.setdefault("victims", "children")
    return Route(id=id_, origin=origin, destination=destination, **kw)


# ------------------------------------------------------------------ start of a record


def test_undated_agreement_links_only_from_its_earliest_dated_source():
    G = ds(
        route(valid_from="2000"),
        Agreement(
            id="undated",
            type="bilateral",
            parties=["FRA", "DEU"],
            scope="all_persons",
            sources=["s2008:1", "s2005:2"],
        ),
    ).to_networkx()
    before = pair(unlinked_routes(G, as_of="2004"), "FRA", "DEU")
    assert before.kind is FindingKind.ROUTE_UNLINKED
    assert any("not attested before 2005" in n for n in before.near_misses)
    after = pair(unlinked_routes(G, as_of="2005-01"), "FRA", "DEU")
    assert after.link_kind is LinkKind.BILATERAL_AGREEMENT
    assert "attested 2005" in after.message
    # --undated always: the old reading, on every date
    old = pair(unlinked_routes(G, as_of="2004", undated="always"), "FRA", "DEU")
    assert old.link_kind is LinkKind.BILATERAL_AGREEMENT
    assert "start date not recorded" in old.message


def test_record_with_no_dated_source_is_flagged_or_excluded():
    G = ds(
        route(valid_from="2000"),
        Agreement(
            id="nodate",
            type="bilateral",
            parties=["FRA", "DEU"],
            scope="all_persons",
            sources=["snone"],
        ),
    ).to_networkx()
    kept = pair(unlinked_routes(G, as_of="2001"), "FRA", "DEU")
    assert kept.link_kind is LinkKind.BILATERAL_AGREEMENT
    assert "start date not recorded" in kept.message
    assert kept.details["dates"]["Agreement:nodate"]["start_basis"] == "not_recorded"
    left_out = pair(unlinked_routes(G, as_of="2001", undated="exclude"), "FRA", "DEU")
    assert left_out.kind is FindingKind.ROUTE_UNLINKED
    assert left_out.gap_type is GapType.DATA


def test_source_not_before_dates_an_undated_document():
    late = Source(id="late", title="Undated, cites 2021 documents", not_before="2021-04")
    G = Dataset.from_records(INFO, [late, route(sources=["late"])]).to_networkx()
    assert not unlinked_routes(G, as_of="2021-03")
    assert unlinked_routes(G, as_of="2021-04")


def test_old_evidence_is_marked_with_its_date():
    G = ds(route(valid_from="2000", sources=["s2008"])).to_networkx()
    recent = pair(unlinked_routes(G, as_of="2012"), "FRA", "DEU")
    assert "last attested" not in recent.message
    stale = pair(unlinked_routes(G, as_of="2014"), "FRA", "DEU")
    assert "last attested 2008-07" in stale.message


# ------------------------------------------------------------------ routes


def test_route_is_analysed_only_from_its_first_observed_date():
    G = ds(route(valid_from="2006-05")).to_networkx()
    assert not unlinked_routes(G, as_of="2006-04")
    assert pair(unlinked_routes(G, as_of="2006-05"), "FRA", "DEU")


def test_undated_route_is_observed_from_its_earliest_dated_source():
    G = ds(route(sources=["s2008"])).to_networkx()
    assert not unlinked_routes(G, as_of="2008-06")
    assert pair(unlinked_routes(G, as_of="2008-07"), "FRA", "DEU")


def test_route_whose_period_ended_is_still_reported_with_its_period():
    G = ds(route(valid_from="2003", valid_to="2004")).to_networkx()
    during = pair(unlinked_routes(G, as_of="2004"), "FRA", "DEU")
    assert "observed" not in during.message
    after = pair(unlinked_routes(G, as_of="2019"), "FRA", "DEU")
    assert "(observed 2003-2004)" in after.message
    assert after.details["route_periods"] == {"Route:r": "observed 2003-2004"}


# ------------------------------------------------------------------ observations


def _observed(**kw):
    return ds(
        route(valid_from="2005"),  # recent enough not to be stale in 2008-2009
        Agreement(
            id="obs",
            type="bilateral",
            parties=["FRA", "DEU"],
            scope="all_persons",
            signed="2006-02",
            not_in_force_on="2008-07",
            **kw,
        ),
    ).to_networkx()


def test_not_in_force_on_holds_on_its_date_then_status_is_unknown():
    G = _observed()
    on = pair(unlinked_routes(G, as_of="2008-07"), "FRA", "DEU")
    assert on.gap_type is GapType.POLICY
    assert any("not in force on 2008-07" in n and "unknown" not in n for n in on.near_misses)
    later = pair(unlinked_routes(G, as_of="2008-08"), "FRA", "DEU")
    assert later.kind is FindingKind.ROUTE_UNLINKED
    assert later.gap_type is GapType.DATA
    assert any("status unknown since 2008-07" in n for n in later.near_misses)


def test_a_later_entry_into_force_settles_the_status():
    G = _observed(in_force="2009-03")
    assert pair(unlinked_routes(G, as_of="2009-02"), "FRA", "DEU").gap_type is GapType.POLICY
    linked = pair(unlinked_routes(G, as_of="2009-03"), "FRA", "DEU")
    assert linked.link_kind is LinkKind.BILATERAL_AGREEMENT


def test_draft_agreement_is_a_draft_on_its_date_and_unknown_after():
    G = ds(
        route(valid_from="2015"),
        Agreement(
            id="draft",
            type="bilateral",
            parties=["FRA", "DEU"],
            scope="children",
            status="draft",
            drafted="2017-04",
        ),
    ).to_networkx()
    on = pair(unlinked_routes(G, as_of="2017-04"), "FRA", "DEU")
    assert any("a draft on 2017-04" in n for n in on.near_misses)
    assert on.gap_type is GapType.POLICY
    after = pair(unlinked_routes(G, as_of="2018"), "FRA", "DEU")
    assert after.gap_type is GapType.DATA


def test_a_draft_cannot_be_signed():
    with pytest.raises(ValueError, match="draft"):
        Agreement(
            id="x", type="bilateral", parties=["FRA", "DEU"], scope="children", status="draft",
            signed="2017",
        )  # fmt: skip


# ------------------------------------------------------------------ parties and members


def _convention():
    return ds(
        route("r-fd", "FRA", "DEU", valid_from="2000"),
        Network(
            id="net",
            type="intergovernmental",
            members=[{"country": "FRA"}, {"country": "DEU", "joined": "2010"}],
        ),
        Agreement(
            id="conv",
            type="multilateral",
            scope="all_persons",
            in_force="2005",
            network="net",
            parties=[
                {"country": "FRA", "ratified": "2004"},
                {"country": "DEU", "signed": "2005", "ratified": "2010", "withdrawn": "2015"},
            ],
        ),
    )


@pytest.mark.parametrize(
    ("as_of", "linked"),
    [("2009", False), ("2010", True), ("2015", True), ("2016", False)],
)
def test_a_state_is_party_from_ratification_until_withdrawal(as_of, linked):
    G = _convention().to_networkx()
    f = pair(unlinked_routes(G, as_of=as_of), "FRA", "DEU")
    assert (f.link_kind is LinkKind.MULTILATERAL_AGREEMENT) is linked
    if as_of == "2009":
        assert any("becomes a party only in 2010" in n for n in f.near_misses)
    if as_of == "2016":
        assert any("withdrew 2015" in n for n in f.near_misses)


@pytest.mark.parametrize("as_of", ["2009", "2010", "2012", "2016"])
def test_coverage_and_routes_agree_on_one_state_on_one_date(as_of):
    G = _convention().to_networkx()
    route_link = pair(unlinked_routes(G, as_of=as_of), "FRA", "DEU").link_kind
    cov = coverage(G, network="net", as_of=as_of)
    if "DEU" in cov.member_codes:
        assert cov.links[("DEU", "FRA")] is route_link
    else:
        # not yet a member of the network: not in the table, and not linked by its treaty
        assert as_of == "2009" and route_link is LinkKind.NONE


def test_signature_alone_counts_unless_entry_into_force_is_required():
    G = ds(
        route(valid_from="2000"),
        Agreement(
            id="signed-only",
            type="multilateral",
            scope="all_persons",
            in_force="2001",
            parties=[{"country": "FRA", "ratified": "2001"}, {"country": "DEU", "signed": "2002"}],
        ),
    ).to_networkx()
    assert pair(unlinked_routes(G, as_of="2001"), "FRA", "DEU").link_kind is LinkKind.NONE
    signed = pair(unlinked_routes(G, as_of="2002"), "FRA", "DEU")
    assert signed.link_kind is LinkKind.MULTILATERAL_AGREEMENT
    strict = pair(unlinked_routes(G, as_of="2002", require_in_force=True), "FRA", "DEU")
    assert strict.link_kind is LinkKind.NONE


# ------------------------------------------------------------------ verification


def test_three_verification_levels():
    data = ds(
        route("checked", valid_from="2000"),
        route("unsure", "FRA", "ITA", valid_from="2000", verification="unverified"),
        route("debunked", "FRA", "ESP", valid_from="2000", verification="disputed"),
    )

    def ends(levels):
        G = data.at_levels(levels).to_networkx()
        return {f.details["states"][1] for f in unlinked_routes(G, as_of="2001")}

    assert ends({"verified"}) == {"DEU"}
    assert ends({"verified", "unverified"}) == {"DEU", "ITA"}
    assert ends({"verified", "unverified", "disputed"}) == {"DEU", "ITA", "ESP"}


def test_graph_filter_keeps_the_same_levels_as_the_dataset_filter():
    from coordgraph.verification import keep_levels

    data = _convention().with_records(
        [route("debunked", "FRA", "ESP", valid_from="2000", verification="disputed")]
    )
    for levels in ({"verified"}, {"verified", "unverified"}, {"verified", "disputed"}):
        by_records = find_gaps(data.at_levels(levels).to_networkx(), as_of="2012")
        by_graph = find_gaps(keep_levels(data.to_networkx(), levels), as_of="2012")
        assert [f.to_dict() for f in by_graph] == [f.to_dict() for f in by_records]


# ------------------------------------------------------------------ data and policy gaps


def test_an_agreement_whose_parties_are_not_recorded_is_a_possible_link():
    G = ds(
        route(valid_from="2000"),
        Network(id="region", type="intergovernmental", members=["FRA", "DEU"]),
        Agreement(
            id="regional-convention",
            name="Regional convention",
            type="multilateral",
            scope="all_persons",
            signed="2002",
            network="region",
            parties_complete=False,
        ),
    ).to_networkx()
    before = pair(unlinked_routes(G, as_of="2001"), "FRA", "DEU")
    assert not any("possibly linked" in n for n in before.near_misses)
    f = pair(unlinked_routes(G, as_of="2003"), "FRA", "DEU")
    assert f.kind is FindingKind.ROUTE_UNLINKED
    assert f.gap_type is GapType.DATA
    assert "possibly linked by Regional convention" in f.message
    assert "nothing links them" not in f.message


def test_only_coordinating_networks_are_offered_as_channels():
    def near(kind):
        G = ds(
            route(valid_from="2000"),
            Network(id="n", name="Network N", type=kind, members=["FRA", "DEU"]),
            Agency(id="fra-agency", country="FRA"),
            FocalPoint(id="fp-fra", country="FRA", agency="fra-agency", network="n"),
        ).to_networkx()
        return pair(unlinked_routes(G, as_of="2001"), "FRA", "DEU")

    project = near("programme")
    assert not any("Network N" in n for n in project.near_misses)
    # nothing else recorded: absence in a partial dataset is a data gap (open world)
    assert project.gap_type is GapType.DATA
    assert "does not claim to list all of their agreements" in project.message
    channel = near("contact_point_network")
    assert any("DEU is in Network N but no focal point" in n for n in channel.near_misses)
    assert channel.gap_type is GapType.DATA


def test_scope_unknown_is_a_data_gap():
    G = ds(
        route(valid_from="2000"),
        Agreement(id="a", type="bilateral", parties=["FRA", "DEU"], scope="unknown", signed="2000"),
    ).to_networkx()
    f = pair(unlinked_routes(G, as_of="2001"), "FRA", "DEU")
    assert f.kind is FindingKind.ROUTE_UNLINKED and f.gap_type is GapType.DATA
    assert any("whom it covers is not recorded" in n for n in f.near_misses)


# ------------------------------------------------------------------ structures


def _body(id_, **kw):
    kw.setdefault("type", "coordinating_body")
    kw.setdefault("level", "national")
    kw.setdefault("country", "FRA")
    kw.setdefault("scope", ["trafficking_in_persons"])
    return Mechanism(id=id_, **kw)


def test_sub_bodies_of_one_parent_are_not_duplicates():
    G = ds(
        _body("parent", valid_from="2000"),
        _body("child-a", parent="parent", valid_from="2000"),
        _body("child-b", parent="parent", valid_from="2000"),
    ).to_networkx()
    assert duplicated_mechanisms(G, as_of="2001") == []


def test_a_replaced_body_ends_when_its_replacement_starts():
    G = ds(
        _body("old", valid_from="2002"),
        _body("new", valid_from="2023-02-14", replaces=["old"]),
        _body("other", valid_from="2002", type="task_force"),
    ).to_networkx()
    before = duplicated_mechanisms(G, as_of="2023-02-13")
    assert {f.subjects for f in before} == {("Mechanism:old", "Mechanism:other")}
    after = duplicated_mechanisms(G, as_of="2023-02-14")
    assert {f.subjects for f in after} == {("Mechanism:new", "Mechanism:other")}


def test_an_undated_body_does_not_duplicate_the_ones_before_its_earliest_source():
    G = ds(
        _body("a", valid_from="2000"),
        _body("undated", type="task_force", sources=["s2008"]),
    ).to_networkx()
    assert duplicated_mechanisms(G, as_of="2007") == []
    assert len(duplicated_mechanisms(G, as_of="2008-07")) == 1


def test_sub_national_and_shared_plans():
    from coordgraph.model import Area

    data = ds(
        Area(id="fra-north", country="FRA", type="region"),
        ActionPlan(
            id="national", country="FRA", scope=["trafficking_in_persons"], valid_from="2001"
        ),
        ActionPlan(
            id="north",
            country="FRA",
            area="fra-north",
            level="subnational",
            scope=["trafficking_in_persons"],
            valid_from="2001",
        ),
        ActionPlan(
            id="shared",
            country="FRA",
            shared_with=["DEU"],
            scope=["child_trafficking"],
            valid_from="2003",
        ),
    )
    G = data.to_networkx()
    # the regional plan is compared within its area only; the shared plan in each State
    pairs = {f.subjects for f in duplicated_mechanisms(G, as_of="2004")}
    assert pairs == {("ActionPlan:national", "ActionPlan:shared")}
    assert duplicated_mechanisms(G, as_of="2002") == []


def test_plans_never_evaluated_and_without_a_structure():
    G = ds(
        ActionPlan(id="p", country="FRA", scope=["csec"], valid_from="2002", valid_to="2006"),
        ActionPlan(id="q", country="DEU", scope=["csec"], valid_from="2002", evaluated="2008"),
        _body("deu-body", country="DEU", valid_from="2004"),
    ).to_networkx()
    kinds = {(f.kind, f.subjects[0]) for f in plan_gaps(G, as_of="2003")}
    assert kinds == {
        (FindingKind.PLAN_WITHOUT_STRUCTURE, "ActionPlan:p"),
        (FindingKind.PLAN_WITHOUT_STRUCTURE, "ActionPlan:q"),
    }
    # q has run more than five years by 2007 and is evaluated only in 2008
    running = {(f.kind, f.subjects[0]) for f in plan_gaps(G, as_of="2007")}
    assert running == {
        (FindingKind.PLAN_NOT_EVALUATED, "ActionPlan:p"),
        (FindingKind.PLAN_NOT_EVALUATED, "ActionPlan:q"),
    }
    later = {(f.kind, f.subjects[0]) for f in plan_gaps(G, as_of="2008")}
    assert later == {(FindingKind.PLAN_NOT_EVALUATED, "ActionPlan:p")}
    assert all(f.gap_type is GapType.DATA for f in plan_gaps(G, as_of="2003"))


# ------------------------------------------------------------------ plan and timeline


def test_plan_and_timeline_read_dates_as_gaps_does():
    data = ds(route(valid_from="2006"), route("late", "FRA", "ITA", valid_from="2010"))
    assert plan_actions(data, as_of="2005") == []
    actions = plan_actions(data, as_of="2007", top=5)
    assert actions[0].states == ("DEU", "FRA")
    # only the route observed by 2007 is filled, whatever the action
    assert {r for a in actions for r in a.routes} == {"Route:r"}
    rows = {r["year"]: r["route_pairs"] for r in timeline(data, start=2005, end=2010)}
    assert rows == {2005: 0, 2006: 1, 2007: 1, 2008: 1, 2009: 1, 2010: 2}


@pytest.mark.parametrize(("as_of", "linked"), [("2006-10-22", False), ("2006-10-23", True)])
def test_a_state_is_party_from_succession(as_of, linked):
    # Montenegro's notice of succession (UN depositary tables mark it "d")
    G = ds(
        route("r-fm", "FRA", "MNE", valid_from="2000"),
        Agreement(
            id="protocol",
            type="multilateral",
            scope="all_persons",
            in_force="2003",
            parties=[
                {"country": "FRA", "ratified": "2002"},
                {"country": "MNE", "succeeded": "2006-10-23"},
            ],
        ),
    ).to_networkx()
    f = pair(unlinked_routes(G, as_of=as_of), "FRA", "MNE")
    assert (f.link_kind is LinkKind.MULTILATERAL_AGREEMENT) is linked
    if not linked:
        assert any("becomes a party only in 2006-10-23" in n for n in f.near_misses)


def test_a_party_becomes_one_once():
    with pytest.raises(ValueError, match="becomes a party once"):
        Party(country="MNE", ratified="2006", succeeded="2006-10-23")
    with pytest.raises(ValueError, match="withdrawn"):
        Party(country="MNE", succeeded="2006-10-23", withdrawn="2005")
