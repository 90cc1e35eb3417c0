"""What each State is expected to have (expectation profiles, data/rules.yaml): present,
recorded absent (a policy gap on a basis) or not recorded (a data gap)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import coordgraph
from coordgraph.analyses import find_gaps, structure_gaps
from coordgraph.cli import cli
from coordgraph.errors import DataError
from coordgraph.expectations import default_profiles, parse_application
from coordgraph.findings import Finding, FindingKind, GapType, Severity

SOURCE = {"id": "s1", "title": "Inventory", "date": "2010", "url": "https://example.org/list"}
THREE_STATES = [
    {"id": "r1", "origin": "MDA", "destination": "RUS", "victims": ["girls"], "valid_from": 2004},
    {"id": "r2", "origin": "NPL", "destination": "IND", "victims": ["girls"], "valid_from": 2004},
]


def _graph(tmp_path: Path, info: dict[str, Any] | None = None, **sections: Any) -> Any:
    data: dict[str, Any] = {
        "dataset": {"name": "t", "title": "T", **(info or {})},
        "sources": [SOURCE],
    }
    data.update(sections)
    path = tmp_path / "dataset.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return coordgraph.load(path).to_networkx()


def _of(findings: list[Finding], state: str, structure: str) -> Finding:
    (found,) = [
        f
        for f in findings
        if f.subjects[0] == f"Country:{state}"
        and structure in f.details.get("structures", [f.details["structure"]])
    ]
    return found


def test_route_states_in_no_network_each_get_a_focal_point_data_gap(tmp_path: Path) -> None:
    """Issue 26: route States in no network gave "No gaps found"."""
    G = _graph(tmp_path, routes=THREE_STATES)
    findings = structure_gaps(G, as_of="2010")
    states = sorted(f.subjects[0] for f in findings)
    assert states == ["Country:IND", "Country:MDA", "Country:NPL", "Country:RUS"]
    for f in findings:
        assert f.kind is FindingKind.STRUCTURE_MISSING
        assert f.details["structure"] == "focal_point_for_states"
        assert f.gap_type is GapType.DATA and f.severity is Severity.LOW
        assert "does not claim to list all of its focal points" in f.message
        assert "001:1906-1913" in f.message
        assert "absence_basis" not in f.details
    # and they are part of gaps all
    assert {f.key for f in findings} <= {f.key for f in find_gaps(G, as_of="2010")}


def test_before_yokohama_no_focal_point_is_expected(tmp_path: Path) -> None:
    G = _graph(tmp_path, routes=THREE_STATES)
    assert structure_gaps(G, as_of="2000") == []


def test_a_focal_point_recorded_not_designated_is_a_policy_gap(tmp_path: Path) -> None:
    G = _graph(
        tmp_path,
        routes=THREE_STATES,
        networks=[
            {"id": "n", "name": "Network", "type": "intergovernmental", "members": ["MDA", "RUS"]}
        ],
        focal_points=[
            {
                "id": "fp-mda",
                "country": "MDA",
                "network": "n",
                "status": "not_designated",
                "sources": ["s1"],
            },
            {"id": "fp-rus", "country": "RUS", "network": "n", "sources": ["s1"]},
        ],
    )
    findings = structure_gaps(G, as_of="2010")
    mda = _of(findings, "MDA", "focal_point_for_states")
    assert mda.gap_type is GapType.POLICY and mda.rule == "structures.recorded_absent"
    assert mda.details["absence_basis"] == "FocalPoint:fp-mda"
    rus = _of(findings, "RUS", "focal_point_for_states")
    assert rus.kind is FindingKind.STRUCTURE_PRESENT and rus.evidence == ("FocalPoint:fp-rus",)
    assert not rus.is_gap


def test_a_rapporteur_network_focal_point_is_no_contact_point_for_other_states(
    tmp_path: Path,
) -> None:
    """Issue 26: Luxembourg's EU rapporteurs' network focal point recorded not designated
    (2009) was read as "no focal point for other States to contact" (Stockholm), and a
    designated one as that focal point: a monitoring network's focal point is neither."""
    network = {
        "id": "nrem",
        "name": "Rapporteurs' network",
        "type": "contact_point_network",
        "function": "monitoring",
        "members": ["MDA", "RUS"],
    }
    G = _graph(
        tmp_path,
        routes=THREE_STATES,
        networks=[network],
        focal_points=[
            {
                "id": "fp-mda",
                "country": "MDA",
                "network": "nrem",
                "status": "not_designated",
                "sources": ["s1"],
            },
            {"id": "fp-rus", "country": "RUS", "network": "nrem", "sources": ["s1"]},
        ],
    )
    findings = structure_gaps(G, as_of="2010")
    for state in ("MDA", "RUS"):
        f = _of(findings, state, "focal_point_for_states")
        assert f.rule == "structures.not_recorded", f.message
        assert f.gap_type is GapType.DATA and "absence_basis" not in f.details


def test_one_record_not_working_is_one_finding_naming_what_it_fails(tmp_path: Path) -> None:
    """Issue 26: Romania's referral system recorded as not working (ecpat-2008) gave three
    findings; it is one, about the record, naming each expectation it fails."""
    referral = {
        "id": "nrm",
        "name": "Victim referral system",
        "type": "referral_mechanism",
        "level": "national",
        "country": "MDA",
        "status": "not_functioning",
        "status_as_of": 2009,
        "sources": ["s1"],
    }
    G = _graph(
        tmp_path,
        {"expects": ["thematic-paper-2008", "osce-nrm"]},
        routes=THREE_STATES,
        mechanisms=[referral],
    )
    idle = [f for f in structure_gaps(G, as_of="2010") if f.rule == "structures.not_working"]
    (f,) = idle
    assert f.subjects == ("Country:MDA", "Mechanism:nrm")
    assert all(s in G for s in f.subjects)
    assert f.details["structures"] == [
        "local_reach",
        "national_referral_mechanism",
        "referral_mechanism",
    ]
    assert set(f.details["profiles"]) == {"thematic-paper-2008", "osce-nrm"}
    assert f.gap_type is GapType.POLICY and f.severity is Severity.MEDIUM
    assert f.message.startswith(
        "Moldova has no working national body that reaches local mechanisms, national "
        "referral mechanism with a procedure for children or national referral mechanism: "
        "Victim referral system is recorded as not working; expected by "
    )
    # past the staleness horizon, the same one finding asks to re-check
    (old,) = [f for f in structure_gaps(G, as_of="2020") if f.rule == "structures.not_working"]
    assert old.gap_type is GapType.DATA and "re-check" in old.message


def test_a_coverage_statement_makes_a_missing_mechanism_a_policy_gap(tmp_path: Path) -> None:
    G = _graph(
        tmp_path,
        {"expects": ["osce-nrm"]},
        routes=THREE_STATES,
        coverage=[
            {
                "id": "all-mech",
                "name": "The inventory",
                "lists": "mechanisms",
                "countries": ["MDA"],
                "sources": ["s1"],
            }
        ],
    )
    findings = structure_gaps(G, as_of="2010", profile="osce-nrm")
    mda = _of(findings, "MDA", "referral_mechanism")
    assert mda.gap_type is GapType.POLICY
    assert mda.details["absence_basis"] == "Coverage:all-mech"
    assert _of(findings, "NPL", "referral_mechanism").gap_type is GapType.DATA


COORDINATOR = {
    "id": "ncb",
    "name": "National Committee",
    "type": "coordinating_body",
    "level": "national",
    "country": "MDA",
    "valid_from": 2005,
    "sources": ["s1"],
}


def test_a_rapporteur_that_is_the_coordinating_body_is_no_independent_rapporteur(
    tmp_path: Path,
) -> None:
    rapporteur = {
        "id": "rap",
        "name": "National Committee acting as rapporteur",
        "type": "rapporteur",
        "level": "national",
        "country": "MDA",
        "valid_from": 2005,
        "reports_to": ["ncb"],
        "sources": ["s1"],
    }
    G = _graph(tmp_path, routes=THREE_STATES, mechanisms=[COORDINATOR, rapporteur])
    f = _of(structure_gaps(G, as_of="2010", profile="all"), "MDA", "independent_rapporteur")
    assert f.kind is FindingKind.STRUCTURE_INCOMPLETE
    assert f.rule == "structures.not_independent" and f.gap_type is GapType.POLICY
    assert "no independent rapporteur" in f.message
    assert f.details["absence_basis"] == "Mechanism:rap"
    assert f.criteria_missing == ("independent",)
    # recorded independent: present
    G = _graph(
        tmp_path,
        routes=THREE_STATES,
        mechanisms=[COORDINATOR, {**rapporteur, "reports_to": [], "independent": True}],
    )
    f = _of(structure_gaps(G, as_of="2010", profile="all"), "MDA", "independent_rapporteur")
    assert f.kind is FindingKind.STRUCTURE_PRESENT
    # not said: a data gap about the requirement
    G = _graph(
        tmp_path,
        routes=THREE_STATES,
        mechanisms=[COORDINATOR, {**rapporteur, "reports_to": []}],
    )
    f = _of(structure_gaps(G, as_of="2010", profile="all"), "MDA", "independent_rapporteur")
    assert f.rule == "structures.requirement_not_recorded" and f.gap_type is GapType.DATA


def test_requirements_of_plans_and_bodies_are_read_from_their_fields(tmp_path: Path) -> None:
    plan = {
        "id": "npa",
        "name": "National plan",
        "country": "MDA",
        "valid_from": 2006,
        "scope": ["trafficking_in_persons"],
        "budget": False,
        "timetable": True,
        "sources": ["s1"],
    }
    G = _graph(
        tmp_path,
        {"expects": ["thematic-paper-2008"]},
        routes=THREE_STATES,
        mechanisms=[{**COORDINATOR, "child_protection_tie": True, "evaluated": 2008}],
        action_plans=[plan],
    )
    findings = structure_gaps(G, as_of="2010", profile="thematic-paper-2008")
    f = _of(findings, "MDA", "action_plan")
    assert f.gap_type is GapType.POLICY and "budget" in f.criteria_missing
    assert "timetable" in f.criteria_met and "evaluated" in f.criteria_unknown
    ncb = _of(findings, "MDA", "national_coordinating_body")
    assert ncb.kind is FindingKind.STRUCTURE_PRESENT


def test_network_expectations_apply_to_members_from_their_date(tmp_path: Path) -> None:
    network = {
        "id": "eu",
        "name": "Union",
        "members": [{"country": "MDA", "joined": 2009}, {"country": "DNK", "joined": 2009}],
        "expects": ["eu-directive-2011-36-art19 except DNK"],
    }
    G = _graph(tmp_path, routes=THREE_STATES, networks=[network])
    assert not [f for f in structure_gaps(G, as_of="2012") if f.subjects[0] == "Country:DNK"]
    later = structure_gaps(G, as_of="2014")
    f = _of(later, "MDA", "rapporteur_or_equivalent")
    assert "Article 19" in f.message and f.gap_type is GapType.DATA
    assert not [
        f
        for f in later
        if f.details["structure"] == "rapporteur_or_equivalent" and f.subjects[0] == "Country:DNK"
    ]


def test_an_unknown_profile_is_a_data_error(tmp_path: Path) -> None:
    G = _graph(tmp_path, routes=THREE_STATES)
    with pytest.raises(DataError, match="no profile 'nope'"):
        structure_gaps(G, profile="nope")


def test_a_dataset_can_define_its_own_profile(tmp_path: Path) -> None:
    own = {
        "id": "my-law",
        "name": "National law",
        "expects": ["helpline"],
        "source": "Act 12, s. 4",
    }
    G = _graph(tmp_path, {"profiles": [own], "expects": ["my-law"]}, routes=THREE_STATES)
    f = _of(structure_gaps(G, as_of="2010"), "MDA", "helpline")
    assert "National law (Act 12, s. 4)" in f.message


def test_profiles_cite_their_source() -> None:
    profiles = default_profiles()
    assert {
        "stockholm-yokohama",
        "thematic-paper-2008",
        "osce-nrm",
        "eu-directive-2011-36-art19",
        "online-protection",
    } <= set(profiles)
    assert profiles["thematic-paper-2008"].cite("independent_rapporteur").startswith("seed 001:")
    assert str(parse_application({"profile": "osce-nrm", "from": "2004"})) == "osce-nrm from 2004"


def test_europe_lists_the_article_19_profile_per_eu_member() -> None:
    result = CliRunner().invoke(
        cli,
        ["gaps", "structures", "europe", "--as-of", "2023", "--format", "json", "--show-linked"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["findings"]
    art19 = {
        f["subjects"][0]
        for f in findings
        if "eu-directive-2011-36-art19" in f["details"]["profiles"]
    }
    # 27 Member States in 2023 (the United Kingdom left in 2020), Denmark excepted
    assert len(art19) == 26 and "Country:DNK" not in art19 and "Country:GBR" not in art19
    early = CliRunner().invoke(
        cli, ["gaps", "structures", "europe", "--as-of", "2012", "--format", "json"]
    )
    assert "eu-directive-2011-36-art19" not in early.output


def test_a_law_enforcement_database_and_a_hotline_network_are_not_duplicates(
    tmp_path: Path,
) -> None:
    from coordgraph.analyses import duplicated_mechanisms

    members = ["PHL", "USA", "GBR"]
    G = _graph(
        tmp_path,
        networks=[
            {
                "id": "icse",
                "name": "ICSE database",
                "type": "law_enforcement_database",
                "scope": ["child_sexual_abuse_material"],
                "members": members,
            },
            {
                "id": "inhope",
                "name": "Hotline network",
                "type": "hotline_network",
                "scope": ["child_sexual_abuse_material"],
                "members": members,
            },
            {
                "id": "region",
                "name": "Regional process",
                "type": "regional_process",
                "scope": ["child_sexual_abuse_material"],
                "members": members,
            },
        ],
    )
    overlaps = [
        f
        for f in duplicated_mechanisms(G, as_of="2020")
        if f.kind is FindingKind.OVERLAPPING_NETWORKS
    ]
    assert not [f for f in overlaps if {"Network:icse", "Network:inhope"} <= set(f.subjects)]
    assert not [f for f in overlaps if "Network:icse" in f.subjects]


def test_the_seed_online_bodies_are_records_of_their_kinds(bundled_graph: Any) -> None:
    G = bundled_graph
    assert G.nodes["Network:interpol-icse"]["type"] == "law_enforcement_database"
    assert G.nodes["Mechanism:usa-cybertipline"]["type"] == "hotline"
    assert "Agency:iwf" in G
    # INHOPE rests on a citation of its web site only: no type or function is stated
    assert "function" not in G.nodes["Network:inhope"]
    f = _of(structure_gaps(G, as_of="2021", profile="all"), "USA", "reporting_hotline")
    assert f.kind is FindingKind.STRUCTURE_PRESENT
    assert f.evidence == ("Mechanism:usa-cybertipline",)
    phl = _of(structure_gaps(G, as_of="2021", profile="all"), "PHL", "icse_connection")
    assert phl.gap_type is GapType.DATA
    nld = _of(structure_gaps(G, as_of="2021", profile="all"), "NLD", "independent_rapporteur")
    assert nld.kind is FindingKind.STRUCTURE_PRESENT


def test_the_bundled_dataset_applies_the_thematic_paper_and_later_the_online_profile(
    bundled_graph: Any,
) -> None:
    in_2008 = structure_gaps(bundled_graph)
    profiles = {p for f in in_2008 for p in f.details["profiles"]}
    # the OSCE's participating States come from the reference layer: osce-nrm applies too
    assert profiles == {"stockholm-yokohama", "thematic-paper-2008", "osce-nrm"}
    romania = _of(in_2008, "ROU", "national_referral_mechanism")
    assert romania.rule == "structures.not_working"
    phl = {f.details["structure"] for f in in_2008 if f.subjects[0] == "Country:PHL"}
    assert "helpline" in phl and "specialised_police" not in phl
    in_2021 = structure_gaps(bundled_graph, as_of="2021")
    assert "online-protection" in {p for f in in_2021 for p in f.details["profiles"]}


def test_a_national_body_reaches_local_mechanisms_it_names_or_that_are_part_of_it(
    tmp_path: Path,
) -> None:
    local = {
        "id": "mdt",
        "name": "District team",
        "type": "multidisciplinary_team",
        "level": "local",
        "country": "MDA",
        "valid_from": 2006,
        "sources": ["s1"],
    }
    info = {"expects": ["thematic-paper-2008"]}
    alone = _graph(tmp_path, info, routes=THREE_STATES, mechanisms=[COORDINATOR, local])
    f = _of(structure_gaps(alone, as_of="2010"), "MDA", "local_reach")
    assert f.criteria_unknown == ("reaches_local",)
    reaching = _graph(
        tmp_path,
        info,
        routes=THREE_STATES,
        mechanisms=[{**COORDINATOR, "reaches": ["mdt"]}, local],
    )
    findings = structure_gaps(reaching, as_of="2010")
    assert _of(findings, "MDA", "local_reach").kind is FindingKind.STRUCTURE_PRESENT
    assert _of(findings, "MDA", "local_referral_mechanism").evidence == ("Mechanism:mdt",)
    body = _of(findings, "MDA", "national_coordinating_body")
    assert body.criteria_unknown == ("child_protection_tie", "evaluated")


def test_the_report_has_a_table_per_state_of_expected_and_present(bundled: Any) -> None:
    from coordgraph.report.build import report_content
    from coordgraph.report.markdown import report_markdown

    content, _ = report_content(bundled)
    (phl,) = [s for s in content.states if s.code == "PHL"]
    rows = {what: (status, record) for what, status, record in phl.expected}
    assert rows["a national body that reaches local mechanisms"] == (
        "present",
        "Inter-Agency Council against Trafficking (Philippines)",
    )
    assert rows["a focal point for other States to contact"][0] == "not recorded (data gap)"
    assert "| expected | status | record |" in report_markdown(content)


def test_the_dataset_expectations_are_read_from_any_graph_in_one_order(tmp_path: Path) -> None:
    """The graph-server path reads the dataset's own profiles back (G.graph); the record
    that shows a structure is the best by requirements, then the first by id."""
    plans = [
        {
            "id": f"npa-{n}",
            "name": f"Plan {n}",
            "country": "MDA",
            "valid_from": 2006,
            "sources": ["s1"],
        }
        for n in ("b", "a")
    ]
    G = _graph(
        tmp_path, {"expects": ["thematic-paper-2008"]}, routes=THREE_STATES, action_plans=plans
    )
    assert G.graph["expects"] == ("thematic-paper-2008",)
    f = _of(structure_gaps(G, as_of="2010"), "MDA", "action_plan")
    assert f.evidence == ("ActionPlan:npa-a",)


def test_every_expected_structure_has_its_french_words(bundled_graph: Any) -> None:
    """A label of rules.yaml without French words leaves the report's table and the
    findings naming it in English (two were missing); the one not-working finding of
    the bundled dataset (Romania) reads in French."""
    from coordgraph.expectations import default_structures
    from coordgraph.text import locale_fr
    from coordgraph.text.i18n import translate_message

    for s in default_structures().values():
        bare = s.label.removeprefix("a ").removeprefix("an ")
        assert f"structure.{bare}" in locale_fr.VALUES, s.label
    (romania,) = [f for f in structure_gaps(bundled_graph) if f.rule == "structures.not_working"]
    said = translate_message(romania.message, "fr", data=["Victim referral system (Romania)"])
    assert said.startswith(
        "Romania : organe national relié aux mécanismes locaux, mécanisme national "
        "d'orientation doté d'une procédure pour les enfants ou mécanisme national "
        "d'orientation : aucun en fonctionnement : Victim referral system (Romania) est "
        "enregistré comme ne fonctionnant pas"
    ), said


def test_no_profile_asks_anything_before_its_source_was_issued(bundled_graph: Any) -> None:
    """`--profile all` on 2008 expected a connection to INTERPOL's ICSE database, by a
    report of 21 January 2020 (002:8): the profile applies from that day, whoever asks."""
    before = structure_gaps(bundled_graph, profile="all")
    assert "online-protection" not in {p for f in before for p in f.details["profiles"]}
    after = structure_gaps(bundled_graph, as_of="2020-01-21", profile="all")
    assert "online-protection" in {p for f in after for p in f.details["profiles"]}


def test_a_rapporteur_designated_to_a_monitoring_network_is_read_for_independence(
    tmp_path: Path,
) -> None:
    """Bulgaria named its National Commission (the body that leads coordination) as its
    equivalent mechanism to the EU rapporteurs' network (europe, 2009): no independent
    rapporteur, a policy gap, a re-check once the record is old; a rapporteur whose
    office leads nothing is one, its independence not recorded (it was "none recorded")."""
    agencies = [
        {"id": "commission", "name": "National Commission", "type": "government_agency"},
        {"id": "ombudsman", "name": "Ombudsman", "type": "government_agency"},
    ]
    for a, state in zip(agencies, ("MDA", "RUS"), strict=True):
        a["country"] = state
    body = {**COORDINATOR, "leads": ["commission"]}
    network = {
        "id": "nrem",
        "name": "Rapporteurs' network",
        "type": "contact_point_network",
        "function": "monitoring",
        "members": ["MDA", "RUS"],
    }
    fps = [
        {"id": "fp-mda", "country": "MDA", "network": "nrem", "agency": "commission"},
        {"id": "fp-rus", "country": "RUS", "network": "nrem", "agency": "ombudsman"},
    ]
    G = _graph(
        tmp_path,
        {"expects": ["thematic-paper-2008"]},
        routes=THREE_STATES,
        agencies=agencies,
        mechanisms=[body],
        networks=[network],
        focal_points=[{**fp, "valid_from": 2009, "sources": ["s1"]} for fp in fps],
    )
    mda = _of(structure_gaps(G, as_of="2010"), "MDA", "independent_rapporteur")
    assert mda.rule == "structures.not_independent" and mda.gap_type is GapType.POLICY
    assert mda.details["absence_basis"] == "FocalPoint:fp-mda"
    rus = _of(structure_gaps(G, as_of="2010"), "RUS", "independent_rapporteur")
    assert rus.rule == "structures.requirement_not_recorded"
    assert rus.criteria_unknown == ("independent",) and rus.evidence == ("FocalPoint:fp-rus",)
    old = _of(structure_gaps(G, as_of="2020"), "MDA", "independent_rapporteur")
    assert old.gap_type is GapType.DATA and old.severity is Severity.LOW
    assert "(last attested 2010; re-check)" in old.message


def test_europe_reads_no_rapporteur_network_record_as_a_stockholm_absence() -> None:
    """`gaps structures europe --as-of 2013` as a user runs it: Luxembourg's NREM record
    "not designated" (2009) no longer gives "no focal point for other States" as a
    policy gap; no State's Stockholm focal point rests on an NREM record."""
    r = CliRunner().invoke(
        cli,
        ["gaps", "structures", "europe", "--as-of", "2013", "--format", "json", "--show-linked"],
        catch_exceptions=False,
    )
    found = json.loads(r.stdout)["findings"]
    stockholm = [f for f in found if f["details"]["structure"] == "focal_point_for_states"]
    lux = [f for f in stockholm if f["subjects"][0] == "Country:LUX"]
    assert [f["rule"] for f in lux] == ["structures.not_recorded"]
    assert not any("nrem" in " ".join(f["evidence"]) for f in stockholm)
