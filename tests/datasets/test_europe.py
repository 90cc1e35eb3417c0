"""The Europe dataset: designated focal points with dates, and what a planner reads at 2013
and 2023. Every expectation below is a fact of a cited source (see the record's notes)."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

import coordgraph
from coordgraph.analyses import coverage, missing_focal_points, unlinked_routes
from coordgraph.cli import cli
from coordgraph.findings import FindingKind, LinkKind
from coordgraph.time_rules import TimeRules
from coordgraph.vocab import FocalPointStatus, Verification

NREM = "Network:eu-nrem"
CBSS = "Network:cbss-children-at-risk"


@pytest.fixture(scope="module")
def eu():
    return coordgraph.load("europe")


@pytest.fixture(scope="module")
def eu_graph(eu):
    return eu.only_verified().to_networkx()


def _by_country(findings, network=NREM):
    """Member findings of one network, keyed by ISO code."""
    return {
        f.subjects[0].partition(":")[2]: f
        for f in findings
        if f.kind is FindingKind.MEMBER_WITHOUT_FOCAL_POINT and f.subjects[1] == network
    }


def _members_on(G, network, day):
    """Member States of a network on a day, by the one date rule (time_rules)."""
    from coordgraph.lookup import Facts
    from coordgraph.time_rules import TimeRules

    return Facts.from_graph(G).active_members(f"Network:{network}", TimeRules(G, day))


def _record(ds, section, id_):
    return next(r for r in getattr(ds, section) if r.id == id_)


def test_every_record_cites_a_source_with_a_url(eu):
    ids = {s.id for s in eu.sources}
    for record in eu:
        if record.SECTION != "sources":
            assert record.sources, record.id
            assert all(c.source in ids for c in record.sources), record.id
    assert all(s.url for s in eu.sources)
    links = [
        *(m for n in eu.networks for m in n.members),
        *(p for a in eu.agreements for p in a.parties),
    ]
    assert all(link.sources for link in links)
    cited = {
        c.source for r in [*eu, *links] if getattr(r, "SECTION", "") != "sources" for c in r.sources
    }
    assert ids == cited, ids - cited  # no source is listed without being used


def test_bundled_and_listed():
    result = CliRunner().invoke(cli, ["datasets"], catch_exceptions=False)
    assert result.exit_code == 0 and "europe" in result.output
    assert CliRunner().invoke(cli, ["validate", "europe"]).exit_code == 0


def test_membership_follows_eu_accession_and_withdrawal(eu, eu_graph):
    net = _record(eu, "networks", "eu-nrem")
    assert str(net.valid_from) == "2009-06-04"

    def members_on(day):
        return _members_on(eu_graph, "eu-nrem", day)

    before, after = members_on(dt.date(2013, 6, 30)), members_on(dt.date(2013, 7, 1))
    assert "HRV" not in before and "HRV" in after and len(after) == 28
    assert "GBR" in members_on(dt.date(2020, 1, 31))
    assert "GBR" not in members_on(dt.date(2020, 2, 1))
    assert len(members_on(dt.date(2023, 12, 31))) == 27


def test_2013_and_2023_differ_and_say_why(eu_graph):
    at_2013 = _by_country(missing_focal_points(eu_graph, as_of="2013"))
    at_2023 = _by_country(missing_focal_points(eu_graph, as_of="2023"))
    assert set(at_2013) == {
        "AUT", "CYP", "DEU", "ESP", "FRA", "HUN", "IRL", "ITA", "LUX", "SVK",
    }  # fmt: skip
    assert set(at_2023) == {"AUT", "ESP", "HUN", "SVK"}
    # a policy gap only where a source says there is none
    policy = {c for c, f in at_2013.items() if f.rule == "focal_points.not_designated"}
    assert policy == {"LUX"}
    assert all(f.rule == "focal_points.not_recorded" for c, f in at_2013.items() if c not in policy)


def test_malta_had_none_in_2009_then_a_committee_then_the_human_rights_directorate(eu_graph):
    at_2010 = _by_country(missing_focal_points(eu_graph, as_of="2010"))["MLT"]
    assert at_2010.rule == "focal_points.not_designated" and "mvcr-mlt" in at_2010.sources
    # the Commission page naming the committee is undated but cites the 2011 Directive
    assert "MLT" not in _by_country(missing_focal_points(eu_graph, as_of="2013"))
    rules = TimeRules(eu_graph, dt.date(2023, 12, 31))
    assert rules.exists("FocalPoint:mlt-nrem-hrd")
    assert rules.start("FocalPoint:mlt-nrem-hrd").basis == "attested"


def test_lithuania_rapporteur_takes_over_from_the_coordinator_in_2016(eu_graph):
    coordinator, rapporteur = "FocalPoint:ltu-nrem-coordinator", "FocalPoint:ltu-nrem-2016"
    before, after = (
        TimeRules(eu_graph, dt.date(2015, 12, 31)),
        TimeRules(eu_graph, dt.date(2016, 12, 31)),
    )
    assert before.exists(coordinator) and not before.exists(rapporteur)
    assert after.exists(rapporteur) and not after.exists(coordinator)


def test_luxembourg_had_none_in_2009_then_the_ccdh_from_the_law_of_9_april_2014(eu_graph):
    before = _by_country(missing_focal_points(eu_graph, as_of="2014-04-08"))["LUX"]
    assert before.rule == "focal_points.not_designated"
    assert "mvcr-lux" in before.sources and "is recorded as not having designated one" in (
        before.message
    )
    assert "LUX" not in _by_country(missing_focal_points(eu_graph, as_of="2014-04-09"))


def test_a_designation_still_to_come_is_a_data_gap_not_a_lapse(eu_graph):
    france = _by_country(missing_focal_points(eu_graph, as_of="2013"))["FRA"]
    assert france.rule == "focal_points.not_recorded"
    assert "one is recorded from 2014-05" in france.message
    assert france.evidence == (NREM, "FocalPoint:fra-nrem")
    ireland = _by_country(missing_focal_points(eu_graph, as_of="2020-09"))["IRL"]
    assert "2020-10" in ireland.message
    assert "IRL" not in _by_country(missing_focal_points(eu_graph, as_of="2020-10"))
    germany = _by_country(missing_focal_points(eu_graph, as_of="2022-10"))["DEU"]
    assert "2022-11-01" in germany.message
    assert "DEU" not in _by_country(missing_focal_points(eu_graph, as_of="2022-11-01"))


def test_croatia_counts_only_from_its_accession(eu_graph):
    june = missing_focal_points(eu_graph, as_of="2013-06-30")
    assert not any("Country:HRV" in f.subjects for f in june)
    # its national coordinator (in office since March 2002) serves from the accession on
    july = _by_country(missing_focal_points(eu_graph, as_of="2013-07-01"))
    assert "HRV" not in july
    assert TimeRules(eu_graph, dt.date(2013, 7, 1)).exists("FocalPoint:hrv-nrem")


def test_united_kingdom_designation_ends_with_its_membership(eu_graph):
    # ends that follow: the designation ended when the United Kingdom left the EU; it
    # is neither a missing focal point nor one pointing to nothing
    for as_of in ("2020-01-31", "2020-02", "2023"):
        gbr = [
            f
            for f in missing_focal_points(eu_graph, as_of=as_of)
            if any("GBR" in s or "gbr" in s for s in f.subjects)
        ]
        assert gbr == [], as_of


def test_russia_lapses_from_the_cbss_group_in_march_2022(eu, eu_graph):
    members = _members_on(eu_graph, "cbss-children-at-risk", dt.date(2022, 2, 28))
    assert "RUS" in members
    # "left: 2022-03" ends with March
    assert "RUS" not in _members_on(eu_graph, "cbss-children-at-risk", dt.date(2022, 4, 1))
    for as_of in ("2021", "2023"):
        findings = missing_focal_points(eu_graph, as_of=as_of, network="cbss-children-at-risk")
        assert not any(
            "Country:RUS" in f.subjects or "rus-cbss" in str(f.subjects) for f in findings
        )
    fp = _record(eu, "focal_points", "rus-cbss")
    assert str(fp.valid_to) == "2022-03"


def test_unverified_records_only_when_asked(eu):
    everything = eu.to_networkx()
    at_2013 = _by_country(missing_focal_points(everything, as_of="2013"))
    # Germany's 2009 reply: no national rapporteur (silent on an equivalent mechanism)
    assert at_2013["DEU"].rule == "focal_points.not_designated"
    # Austria's coordinator and Ireland's AHTU are possible equivalents, not verified ones
    assert "AUT" not in at_2013 and "IRL" not in at_2013
    unverified = {r.id for r in eu if r.verification is Verification.UNVERIFIED}
    assert {"deu-nrem-2009", "aut-nrem-coordinator", "irl-nrem-ahtu"} <= unverified
    germany = _record(eu, "focal_points", "deu-nrem-2009")
    assert germany.status is FocalPointStatus.NOT_DESIGNATED


def test_coverage_table_for_2013(eu_graph):
    cov = coverage(eu_graph, network="eu-nrem", as_of="2013")
    status = {c: m["focal_point"] for c, m in cov.members.items()}
    assert len(cov.member_codes) == 28
    assert status["LUX"] == "not designated" and status["MLT"] == "designated"
    assert status["FRA"] == "not recorded"
    assert status["NLD"] == status["GRC"] == "designated"  # Greece from 25 November 2013
    assert cov.members["POL"]["national_coordinating_body"] == [
        "Committee for Combating and Preventing Trafficking in Human Beings (Poland)"
    ]


def test_council_of_europe_convention_party_dates(eu):
    cets = _record(eu.own(), "agreements", "cets-197")
    assert str(cets.signed) == "2005-05-16" and str(cets.in_force) == "2008-02-01"
    ratified = {p.country: p.ratified for p in cets.parties}
    assert str(ratified["ALB"]) == "2007-02-06" and str(ratified["BIH"]) == "2008-01-11"
    first_ten = {"ALB", "AUT", "BGR", "HRV", "CYP", "DNK", "GEO", "MDA", "ROU", "SVK"}
    assert all(ratified[c].end <= dt.date(2007, 10, 24) for c in first_ten)
    assert ratified["DEU"].before and str(ratified["DEU"]) == "<2014"
    assert not cets.parties_complete and cets.party_count == 48
    # merged with the reference layer: its list is complete, and Moldova's exact date
    # (inside this file's "<2007-10-25") is taken from it
    merged = _record(eu, "agreements", "cets-197")
    assert merged.parties_complete and str(merged.function) == "legal_basis"
    assert str(next(p.ratified for p in merged.parties if p.country == "MDA")) == "2006-05-19"


def test_albania_greece_agreement_was_not_in_force_in_july_2008(eu):
    ag = _record(eu, "agreements", "alb-grc-2006")
    assert str(ag.signed) == "2006-02-27" and str(ag.not_in_force_on) == "2008-07"
    greece = next(p for p in ag.parties if p.country == "GRC")
    assert str(greece.ratified) == "2008-08-25"
    assert ag.in_force is None  # no source read gives it


def test_network_diagram_and_gaps_from_the_command_line(tmp_path):
    runner = CliRunner()
    out = tmp_path / "nrem.png"
    result = runner.invoke(
        cli,
        ["diagram", "network", "europe", "--network", "eu-nrem", "--as-of", "2023", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    gaps = {
        year: runner.invoke(cli, ["gaps", "focal-points", "europe", "--as-of", year]).output
        for year in ("2013", "2023")
    }
    assert gaps["2013"] != gaps["2023"]
    assert "Luxembourg" in gaps["2013"] and "Luxembourg" not in gaps["2023"]


def test_routes_are_linked_only_through_recorded_designations(eu_graph):
    found = {tuple(f.details["states"]): f for f in unlinked_routes(eu_graph, as_of="2016")}
    # the rapporteurs monitor and report: their network is not a channel for cases
    for pair in (("ROU", "NLD"), ("BGR", "NLD"), ("POL", "NLD"), ("ROU", "PRT")):
        assert found[pair].link_kind is not LinkKind.FOCAL_POINT_CHANNEL, pair
        assert any("not a channel for cases" in n for n in found[pair].near_misses), pair
    # both are bound by the conventions of the reference layer: a legal basis, no channel
    assert found[("MDA", "PRT")].link_kind is LinkKind.LEGAL_BASIS
    albania = found[("ALB", "GRC")]
    assert albania.link_kind is LinkKind.LEGAL_BASIS
    assert any("not in force on 2008-07" in n for n in albania.near_misses)
