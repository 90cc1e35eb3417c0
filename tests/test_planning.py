"""Planning aids: the greedy plan against brute force, what-if, timeline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import coordgraph
from coordgraph.analyses import unlinked_routes
from coordgraph.cli import cli
from coordgraph.dataset import Dataset
from coordgraph.findings import FindingKind, LinkKind
from coordgraph.model import Agreement, DatasetInfo, Network, Route
from coordgraph.planning import candidate_actions, plan_actions, plan_value, timeline, whatif
from coordgraph.synth import synthesize


def _value(ds: Dataset, as_of: str) -> int:
    """Route weight times criteria met over cross-border pairs, computed here from the
    findings (not through the planning module)."""
    total = 0
    for f in unlinked_routes(ds.to_networkx(), as_of=as_of):
        if f.kind in (FindingKind.ROUTE_LINKED, FindingKind.ROUTE_UNLINKED) and not f.details.get(
            "internal"
        ):
            weight = f.volume if f.volume else len(f.details["routes"])
            total += weight * len(f.criteria_met)
    return total


@pytest.mark.parametrize("seed", range(6))
def test_first_action_is_best_against_brute_force(seed: int):
    ds = synthesize(countries=8, routes=25, agreements=6, mechanisms=4, seed=seed)
    as_of = "2012"
    before = _value(ds, as_of)
    assert plan_value(ds, as_of=as_of) == before
    actions = plan_actions(ds, as_of=as_of, top=3)
    if not actions:
        pytest.skip("nothing to fill in this draw")
    first = actions[0]
    measured = _value(ds.with_records(first.records), as_of) - before
    assert measured == first.weight > 0
    assert sum(f["weight"] for f in first.to_dict()["fills"]) == first.weight
    # brute force: apply every single candidate, rerun the whole analysis, and compare
    # gain per unit of cost
    best = max(
        (_value(ds.with_records(c.records), as_of) - before) / c.cost
        for c in candidate_actions(ds, as_of=as_of)
    )
    assert first.weight / first.cost == best


def test_greedy_counts_only_what_is_left():
    ds = synthesize(countries=8, routes=30, agreements=4, mechanisms=4, seed=11)
    actions = plan_actions(ds, as_of="2012", top=3)
    if len(actions) < 2:
        pytest.skip("fewer than two actions")
    both = ds.with_records([*actions[0].records, *actions[1].records])
    assert _value(both, "2012") - _value(ds, "2012") == actions[0].weight + actions[1].weight


def test_plan_proposes_more_than_bilateral_agreements():
    """On the bundled data, an action that is not a new bilateral agreement fills more per
    unit of cost and comes first; each says which criteria it fills for which routes."""
    for name, as_of in (("ecpat-2008", "2026"), ("west-africa", "2019")):
        ds = coordgraph.load(name).only_verified()
        actions = plan_actions(ds, as_of=as_of, top=5)
        assert actions[0].kind != "agreement"
        # a new treaty, or for a pair bound by a legal basis only an arrangement under it
        assert any(a.kind in ("agreement", "arrangement") for a in actions)
        first = actions[0].to_dict()
        assert first["fills"] and all(f["criteria"] and f["routes"] for f in first["fills"])
    # first an arrangement for Moldova-Russia (bound by the universal protocols only),
    # then the Norway-Russia agreement's provisions
    first, ecpat = plan_actions(coordgraph.load().only_verified(), as_of="2026", top=2)
    assert first.kind == "arrangement" and first.states == ("MDA", "RUS")
    assert ecpat.kind == "provisions" and ecpat.network == "Agreement:nor-rus-2002"
    assert set(ecpat.to_dict()["fills"][0]["criteria"]) >= {
        "child_specific_provisions",
        "return_procedure",
    }


def test_focal_points_are_designated_in_pairs():
    ds = Dataset.from_records(
        DatasetInfo(name="t", title="test"),
        [
            Network(id="net", type="contact_point_network", members=["ALB", "GRC"]),
            Route(id="r", origin="ALB", destination="GRC", victims=["girls"]),
        ],
    )
    actions = candidate_actions(ds, as_of="2020", actions=["focal-point"])
    (pair,) = actions
    assert pair.states == ("ALB", "GRC") and pair.cost == 2
    assert {r.country for r in pair.records} == {"ALB", "GRC"}
    assert pair.to_dict()["fills"][0]["criteria"] == ["operational_channel"]


def test_whatif_albania_greece_in_force_links_the_pair(bundled):
    route = Route(id="test-alb-grc", origin="ALB", destination="GRC", victims="children")
    ds = bundled.only_verified().with_records([route])
    current = next(a for a in ds.agreements if a.id == "alb-grc-2006")
    data = current.model_dump(mode="json")
    data.update(in_force="2008-08", not_in_force_on=None)
    in_force = Agreement.model_validate(data)
    result = whatif(ds, [in_force], as_of="2008-12")

    def pair(findings):
        return next(
            f
            for f in findings
            if set(f.subjects) == {"Country:ALB", "Country:GRC"} and f.kind.startswith("route_")
        )

    # before: bound by a universal instrument only (a legal basis, no channel)
    assert pair(result["before"]).link_kind in (LinkKind.NONE, LinkKind.LEGAL_BASIS)
    assert pair(result["after"]).link_kind is LinkKind.BILATERAL_AGREEMENT
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
    assert r.exit_code == 0 and r.stdout.startswith("1. Amend an agreement: Benin and Nigeria")
    assert "Benin → Nigeria: provisions for children" in r.stdout
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


def test_plan_says_what_it_changes_with_units_names_and_today():
    """Issue 27: "fills 900" and "fills 3" side by side with no unit, ids for names
    (plan-GNB-SEN), nothing on what links the pair today, an action that rests on another
    without saying so."""
    r = CliRunner().invoke(cli, ["plan", "west-africa", "--as-of", "2019"], catch_exceptions=False)
    out = r.stdout
    # every action: what it changes with units, and per pair what links it today
    assert re.search(r"fills \d+ link criteri(on|a) on \d+ route pairs? \(\d+ routes?", out)
    assert "recorded cases)" in out and "today: linked by " in out
    assert not re.search(r"\b[A-Z]{3}/[A-Z]{3}\b|plan-[A-Z]{3}-[A-Z]{3}", out)  # names, not ids
    actions = plan_actions(coordgraph.load("west-africa").only_verified(), as_of="2019")
    made = {r.node_id: n for n, a in enumerate(actions, 1) for r in a.records}
    for n, action in enumerate(actions, 1):
        # an action acting in a record an earlier action proposes says which
        if action.network and action.network.startswith("Agreement:plan-"):
            assert action.after == made[action.network] < n
            assert f"(after action {action.after})" in out


def test_no_accession_outside_the_parties_region():
    """Issue 27: the plan proposed Türkiye and the UAE joining a Central Asian agreement.
    With no eligibility recorded, a State joins only an agreement or network of its
    region (its parties' or members' sub-regions)."""
    central = ["KAZ", "KGZ", "TJK", "UZB"]
    ds = Dataset.from_records(
        DatasetInfo(name="t", title="test"),
        [
            Agreement(
                id="ca", type="multilateral", parties=central, in_force=2005, scope="all_persons"
            ),
            Network(id="can", type="contact_point_network", members=central),
            Route(id="r1", origin="TUR", destination="KAZ", victims=["women"]),
            Route(id="r2", origin="UZB", destination="KAZ", victims=["women"]),
            Route(id="r3", origin="TKM", destination="KAZ", victims=["women"]),
        ],
    )
    joins = candidate_actions(ds, as_of="2020", actions=["join", "membership"])
    joining = {a.states[0] for a in joins}
    assert "TUR" not in joining
    assert "TKM" in joining  # Central Asia too


def _conv(parties: list[dict[str, str]], **kw: object) -> Dataset:
    return Dataset.from_records(
        DatasetInfo(name="t", title="test"),
        [
            Network(id="region", type="intergovernmental", members=["FRA", "DEU", "ITA"]),
            Agreement.model_validate(
                {
                    "id": "conv",
                    "name": "The convention",
                    "type": "multilateral",
                    "network": "region",
                    "in_force": "2001",
                    "scope": "all_persons",
                    "parties": parties,
                    **kw,
                }
            ),
            Route(id="r1", origin="DEU", destination="FRA", victims=["girls"], valid_from="2005"),
        ],
    )


def _joins(ds: Dataset, as_of: str) -> list[str]:
    return [a.why for a in candidate_actions(ds, as_of=as_of, actions=["join"])]


def test_a_later_party_is_proposed_to_accede_by_the_date_asked_and_told_when_it_did():
    # Germany is recorded as ratifying in 2012: in 2008 the planner needs the accession
    # (not a new treaty) and to know the sources record it four years on
    ds = _conv([{"country": "FRA", "ratified": "2001"}, {"country": "DEU", "ratified": "2012"}])
    (why,) = _joins(ds, "2008")
    assert why.startswith("Germany accedes to The convention, to which France is party")
    assert "the sources record it becoming a party only in 2012" in why
    (join,) = candidate_actions(ds, as_of="2008", actions=["join"])
    # the accession the plan tries replaces the later date, it does not add a second party
    (record,) = join.make()
    assert isinstance(record, Agreement)
    assert [str(p.ratified) for p in record.parties if p.country == "DEU"] == ["2008-12-31"]
    assert not _joins(ds, "2013")  # a party by then


def test_no_accession_where_whether_the_state_is_a_party_is_open():
    # known to be a party only by a bound still to come: it may already be one
    bound = _conv([{"country": "FRA", "ratified": "2001"}, {"country": "DEU", "ratified": "<2012"}])
    assert not _joins(bound, "2008")
    # not recorded, in a party list that says it is incomplete: it may be a party
    incomplete = _conv([{"country": "FRA", "ratified": "2001"}], parties_complete=False)
    assert not _joins(incomplete, "2008")
    # not recorded in a complete list: not a party, proposed
    complete = _conv([{"country": "FRA", "ratified": "2001"}], parties_complete=True)
    assert _joins(complete, "2008") == [
        "Germany accedes to The convention, to which France is party"
    ]


def test_plan_proposes_setting_up_a_missing_structure_with_its_cost(tmp_path):
    """Issue 26: designating a rapporteur or a helpline is an action with its cost.
    A State recorded without a helpline (a coverage statement lists its mechanisms)
    gets one action that fills the expectation, at the cost of a body with a mandate;
    the State whose referral system is recorded not working is asked to make it work."""
    import json

    import yaml
    from click.testing import CliRunner

    from coordgraph.cli import cli
    from coordgraph.planning import DESIGNATE_COST, designate_actions

    data = {
        "dataset": {"name": "t", "title": "T", "expects": ["thematic-paper-2008", "osce-nrm"]},
        "sources": [{"id": "s1", "title": "Inventory", "date": "2010"}],
        "mechanisms": [
            {
                "id": "nrm",
                "name": "Referral system",
                "type": "referral_mechanism",
                "level": "national",
                "country": "MDA",
                "status": "not_functioning",
                "status_as_of": 2009,
                "sources": ["s1"],
            }
        ],
        "routes": [{"id": "r1", "origin": "MDA", "destination": "RUS", "valid_from": 2004}],
    }
    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    actions = designate_actions(coordgraph.load(path), as_of="2010", top=50)
    assert actions and all(a.kind == "designate" for a in actions)
    by = {(a.states, a.fills[0]["structure"]): a for a in actions}
    nrm = by[(("MDA",), "national_referral_mechanism")]
    assert nrm.cost == DESIGNATE_COST["mechanism"] == 2
    # making the one record work answers every structure it fails: one action
    assert [f["structure"] for f in nrm.fills] == [
        "national_referral_mechanism",
        "local_reach",
        "referral_mechanism",
    ]
    assert [f["profiles"] for f in nrm.fills] == [
        ["thematic-paper-2008"],
        ["thematic-paper-2008"],
        ["osce-nrm"],
    ]
    assert nrm.weight == 3 and nrm.says[0] == "plan.designate.revive"
    failed = {f["structure"] for f in nrm.fills}
    others = [a for a in actions if a.states == ("MDA",) and a is not nrm]
    assert not failed & {f["structure"] for a in others for f in a.fills}
    focal = by[(("RUS",), "focal_point_for_states")]
    assert focal.cost == 1 and focal.says[0] == "plan.designate.unrecorded"
    # the sources' word (not working) before silence
    assert actions[0] is nrm
    # one mechanism with a child procedure also is the OSCE's referral mechanism
    rus = by[(("RUS",), "national_referral_mechanism")]
    assert [f["structure"] for f in rus.fills] == [
        "national_referral_mechanism",
        "referral_mechanism",
    ]
    # as a user runs it
    runner = CliRunner()
    r = runner.invoke(
        cli,
        ["plan", str(path), "--as-of", "2010", "--actions", "designate", "--format", "json"],
        catch_exceptions=False,
    )
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out[0]["action"] == "designate" and out[0]["cost"] == 2
    r = runner.invoke(cli, ["plan", str(path), "--as-of", "2010"], catch_exceptions=False)
    assert "Set up an expected structure: Moldova (cost 2)" in r.stdout
    assert "Moldova makes Referral system work, or sets up a national referral mechanism" in (
        r.stdout
    )


def test_a_rapporteur_that_is_the_coordinating_body_gets_one_set_up_apart():
    """Bulgaria's equivalent mechanism is its National Commission, which coordinates
    (europe, 2009): with the thematic paper applied, the first structure to set up is an
    independent rapporteur beside it, a policy gap before any data gap."""
    import dataclasses

    from coordgraph.planning import designate_actions
    from coordgraph.text.tables import designation_lines

    ds = coordgraph.load("europe")
    ds = dataclasses.replace(
        ds, info=ds.info.model_copy(update={"expects": ("thematic-paper-2008",)})
    )
    first = designate_actions(ds, as_of="2013", top=1)[0]
    assert first.states == ("BGR",) and first.cost == 2
    assert first.says[0] == "plan.designate.apart"
    assert first.fills[0]["structure"] == "independent_rapporteur"
    assert first.fills[0]["lacks"] == ["independent"]
    (line,) = designation_lines(first)
    assert line.endswith("today: present; lacks independence from the coordinating body")


def test_a_pair_not_linked_today_is_not_said_linked_by_its_near_misses():
    """As of 2000, Nepal and India are parties to agreements not yet in force (Palermo,
    SAARC...): the pair's link evidence names them, but nothing links it. The plan that
    newly links the pair must not say "today: linked by" them, in English or French."""
    from coordgraph.text.tables import action_pairs

    actions = plan_actions(coordgraph.load("ecpat-2008").only_verified(), as_of="2000", top=1)
    fill = actions[0].fills[0]
    assert fill["newly_linked"] and not fill["linked_before"] and fill["linked_by"]
    en, fr = action_pairs(actions[0])[0], action_pairs(actions[0], "fr")[0]
    assert "linked by" not in en and "lié par" not in fr
    first = fill["linked_by"][0]
    assert f"today: no link; agreements on record that do not link them: {first}; " in en
    assert f"aujourd'hui : aucun lien ; accords enregistrés qui ne les lient pas : {first}" in fr
