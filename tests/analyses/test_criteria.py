"""Link criteria of route pairs and recommendation 12.2.2, each pinned on a small dataset
that states the case."""

from __future__ import annotations

from typing import Any

import pytest

from coordgraph.analyses import find_gaps, unlinked_routes
from coordgraph.dataset import Dataset
from coordgraph.findings import FindingKind, Severity
from coordgraph.model import (
    Agreement,
    DatasetInfo,
    FocalPoint,
    Mechanism,
    Network,
    Record,
    Route,
)


def _ds(*records: Record) -> Dataset:
    return Dataset.from_records(DatasetInfo(name="t", title="test"), records)


def _route(purposes: Any = ("labour",), victims: Any = ("children",), **kw: Any) -> Route:
    return Route(id="r", origin="NPL", destination="IND", victims=victims, purposes=purposes, **kw)


def _agreement(**kw: Any) -> Agreement:
    data: dict[str, Any] = {
        "id": "ag",
        "type": "multilateral",
        "parties": ["NPL", "IND", "BGD"],
        "signed": "2002",
        "scope": "women_and_children",
    }
    data.update(kw)
    return Agreement.model_validate(data)


def _finding(ds: Dataset, as_of: str = "2010"):
    (f,) = [
        f
        for f in unlinked_routes(ds.to_networkx(), as_of=as_of)
        if f.kind in (FindingKind.ROUTE_LINKED, FindingKind.ROUTE_UNLINKED)
    ]
    return f


def test_prostitution_convention_does_not_cover_a_labour_route():
    ds = _ds(_agreement(exploitation=["sexual_exploitation"]), _route(purposes=["labour"]))
    f = _finding(ds)
    assert f.kind is FindingKind.ROUTE_UNLINKED and f.severity is Severity.HIGH
    assert "covers only sexual exploitation, not labour" in " ".join(f.near_misses)
    assert "exploitation_covered" in f.criteria_missing
    assert "in_force" in f.criteria_met and "victims_covered" in f.criteria_met


def test_prostitution_convention_covers_a_sexual_exploitation_route():
    ds = _ds(
        _agreement(exploitation=["sexual_exploitation"]),
        _route(purposes=["online_sexual_exploitation"]),
    )
    f = _finding(ds)
    assert f.kind is FindingKind.ROUTE_LINKED
    assert "exploitation_covered" in f.criteria_met


def test_partial_exploitation_coverage_links_but_is_missing():
    ds = _ds(
        _agreement(exploitation=["sexual_exploitation"]),
        _route(purposes=["labour", "sexual_exploitation"]),
    )
    f = _finding(ds)
    assert f.kind is FindingKind.ROUTE_LINKED
    assert "exploitation_covered" in f.criteria_missing
    assert f.is_gap


def test_unknown_exploitation_is_a_data_gap():
    f = _finding(_ds(_agreement(), _route()))
    assert f.kind is FindingKind.ROUTE_LINKED
    assert "exploitation_covered" in f.criteria_unknown
    assert "data gap" in f.details["criteria"]["exploitation_covered"]["because"]
    f = _finding(_ds(_agreement(exploitation=["labour"]), _route(purposes=())))
    assert "exploitation_covered" in f.criteria_unknown


def test_child_specific_agreement_meets_child_specific_provisions():
    f = _finding(_ds(_agreement(scope="children", exploitation=["all"]), _route()))
    assert "child_specific_provisions" in f.criteria_met
    assert f.severity is Severity.INFO and not f.is_gap


def test_general_agreement_does_not_meet_child_specific_provisions():
    f = _finding(_ds(_agreement(scope="all_persons", exploitation=["all"]), _route()))
    assert f.kind is FindingKind.ROUTE_LINKED
    assert "child_specific_provisions" in f.criteria_missing
    assert f.worst_missing == "child_specific_provisions"
    assert f.severity is Severity.MEDIUM and f.is_gap  # linked but flagged
    assert "but missing child_specific_provisions" in f.message


def test_general_agreement_with_guardianship_meets_child_specific_provisions():
    ag = _agreement(scope="all_persons", provisions=["guardianship", "return_procedure"])
    f = _finding(_ds(ag, _route()))
    assert {"child_specific_provisions", "return_procedure"} <= set(f.criteria_met)


def test_child_specific_provisions_do_not_apply_to_adult_routes():
    f = _finding(_ds(_agreement(scope="all_persons"), _route(victims=["women"])))
    names = {*f.criteria_met, *f.criteria_missing, *f.criteria_unknown}
    assert "child_specific_provisions" not in names
    assert f.details["criteria"]["child_specific_provisions"]["status"] == "not_applicable"


def test_return_procedure_met_unknown():
    f = _finding(_ds(_agreement(provisions=["return_procedure"]), _route()))
    assert "return_procedure" in f.criteria_met
    f = _finding(_ds(_agreement(purposes=["repatriation"]), _route()))
    assert "return_procedure" in f.criteria_met
    f = _finding(_ds(_agreement(provisions=["information_exchange"]), _route()))
    assert "return_procedure" in f.criteria_unknown


def _network_case(*focal_points: FocalPoint) -> Dataset:
    return _ds(
        _agreement(scope="children", exploitation=["all"]),
        Network(
            id="net",
            type="contact_point_network",
            requires_focal_point=True,
            members=["NPL", "IND"],
        ),
        _route(),
        *focal_points,
    )


def test_focal_point_channel_with_one_end_undesignated_is_not_operational():
    npl = FocalPoint(id="fp-npl", country="NPL", network="net")
    f = _finding(_network_case(npl))
    assert "operational_channel" not in f.criteria_met
    assert "operational_channel" in f.criteria_unknown  # India's is not recorded
    refused = FocalPoint(id="fp-ind", country="IND", network="net", status="not_designated")
    f = _finding(_network_case(npl, refused))
    assert "operational_channel" in f.criteria_missing  # recorded as not designated
    assert f.severity is Severity.MEDIUM


def test_focal_points_at_both_ends_meet_operational_channel():
    both = (
        FocalPoint(id="fp-npl", country="NPL", network="net"),
        FocalPoint(id="fp-ind", country="IND", network="net"),
    )
    f = _finding(_network_case(*both))
    assert "operational_channel" in f.criteria_met


def test_local_link_meets_operational_channel_and_rec_12_2_2():
    npl = Mechanism(
        id="npl-local",
        type="local_committee",
        level="local",
        country="NPL",
        coordinates_with=["ind-local"],
    )
    ind = Mechanism(id="ind-local", type="local_committee", level="local", country="IND")
    ds = _ds(_agreement(), _route(), npl, ind)
    f = _finding(ds)
    assert "operational_channel" in f.criteria_met
    (rec,) = [
        g
        for g in find_gaps(ds.to_networkx(), as_of="2010")
        if g.rule.startswith("routes.rec_12_2_2")
    ]
    assert rec.kind is FindingKind.LOCAL_OFFICIALS_LINKED
    assert rec.rule == "routes.rec_12_2_2.direct"


@pytest.mark.parametrize(
    ("focal_points", "rule", "severity"),
    [
        (True, "routes.rec_12_2_2.focal_points", Severity.INFO),
        (False, "routes.rec_12_2_2", Severity.MEDIUM),
    ],
)
def test_rec_12_2_2_through_focal_points_at_both_ends(focal_points, rule, severity):
    records: list[Record] = [
        _route(),
        Network(id="net", type="contact_point_network", members=["NPL", "IND"]),
        Mechanism(id="npl-local", type="local_committee", level="local", country="NPL"),
        Mechanism(id="ind-local", type="local_committee", level="local", country="IND"),
    ]
    if focal_points:
        records += [
            FocalPoint(id="fp-npl", country="NPL", network="net"),
            FocalPoint(id="fp-ind", country="IND", network="net"),
        ]
    (rec,) = [
        g
        for g in find_gaps(_ds(*records).to_networkx(), as_of="2010")
        if g.rule.startswith("routes.rec_12_2_2")
    ]
    assert (rec.rule, rec.severity) == (rule, severity)


def test_rec_12_2_2_no_local_mechanism_recorded_is_a_data_gap():
    (rec,) = [
        g
        for g in find_gaps(_ds(_route()).to_networkx(), as_of="2010")
        if g.rule.startswith("routes.rec_12_2_2")
    ]
    assert rec.rule == "routes.rec_12_2_2.not_recorded" and str(rec.gap_type) == "data"
    assert "no working local mechanism is recorded at Nepal" in rec.message


def test_rec_12_2_2_skips_adult_routes():
    gaps = find_gaps(_ds(_route(victims=["women"])).to_networkx(), as_of="2010")
    assert not [g for g in gaps if g.rule.startswith("routes.rec_12_2_2")]


def test_every_cross_border_pair_carries_its_criteria(bundled):
    for f in unlinked_routes(bundled.only_verified().to_networkx(), as_of="2008-07"):
        if (
            f.kind in (FindingKind.ROUTE_LINKED, FindingKind.ROUTE_UNLINKED)
            and not f.details["internal"]
        ):
            assert set(f.criteria_met) | set(f.criteria_missing) | set(f.criteria_unknown)
            assert set(f.details["criteria"]) >= {"in_force", "operational_channel"}


def test_exploitation_all_is_alone():
    with pytest.raises(ValueError, match="all"):
        _agreement(exploitation=["all", "labour"])


def test_what_an_agreement_covers_survives_every_input_format(tmp_path):
    import json

    import coordgraph
    from coordgraph.io.csvdir import write_csv_dir
    from coordgraph.model import Agreement as AgreementModel

    ds = coordgraph.load("west-africa")
    want = {a.id: (a.exploitation, a.provisions) for a in ds.agreements}
    assert want["mli-sen-2004"][0]  # enriched from its source
    write_csv_dir(ds, tmp_path / "csv")
    back = coordgraph.load(tmp_path / "csv")
    assert {a.id: (a.exploitation, a.provisions) for a in back.agreements} == want
    header = (tmp_path / "csv" / "agreements.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "exploitation" in header and "provisions" in header
    doc = {
        "agreements": [
            {
                "id": "x",
                "type": "bilateral",
                "parties": ["ALB", "GRC"],
                "scope": "children",
                "exploitation": ["begging"],
                "provisions": ["guardianship", "return_procedure"],
            }
        ]
    }
    (tmp_path / "d.json").write_text(json.dumps(doc), encoding="utf-8")
    (ag,) = coordgraph.load(tmp_path / "d.json").agreements
    assert [str(x) for x in ag.provisions] == ["guardianship", "return_procedure"]
    schema = AgreementModel.model_json_schema()
    assert {"exploitation", "provisions"} <= set(schema["properties"])


def test_unknown_provision_is_a_one_line_problem(tmp_path):
    import coordgraph
    from coordgraph.errors import ValidationFailed

    (tmp_path / "d.yaml").write_text(
        "agreements:\n  - {id: x, type: bilateral, parties: [ALB, GRC], scope: children,"
        " provisions: [guardianship, hugs]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as err:
        coordgraph.load(tmp_path / "d.yaml")
    (problem,) = err.value.problems
    assert problem.row == 2 and str(problem.field).startswith("provisions")


def test_bundled_agreements_say_what_their_sources_say(bundled):
    ag = {a.id: a for a in bundled.agreements}
    words = {
        k: ({str(x) for x in a.exploitation}, {str(x) for x in a.provisions}) for k, a in ag.items()
    }
    # tp2008:2241-2244: provisional guardians, individual case assessment, safe repatriation
    assert {"guardianship", "individual_case_assessment", "return_procedure"} <= words[
        "alb-grc-2006"
    ][1]
    # tp2008:408-410: "focuses exclusively on trafficking for the purpose of prostitution"
    assert words["saarc-convention-2002"][0] == {"sexual_exploitation"}
    # tp2008:2226-2231: treated and assisted in returning; adults and children
    for general in ("khm-tha-2003", "ben-nga-2006"):
        assert words[general][1] == {"victim_assistance", "return_procedure"}
        assert not words[general][0]  # the paper does not say which forms: unknown
    assert not words["nor-rus-2002"][0] and not words["nor-rus-2002"][1]


def test_bundled_general_agreements_flag_child_routes(bundled):
    findings = unlinked_routes(bundled.only_verified().to_networkx(), as_of="2008-07")
    (nor,) = [f for f in findings if set(f.subjects) == {"Country:RUS", "Country:NOR"}]
    assert nor.kind is FindingKind.ROUTE_LINKED and nor.severity is Severity.MEDIUM
    assert nor.criteria_missing == ("child_specific_provisions",)
    import coordgraph

    wa = coordgraph.load("west-africa").only_verified().to_networkx()
    (mli_sen,) = [
        f
        for f in unlinked_routes(wa, as_of="2019")
        if set(f.subjects) == {"Country:MLI", "Country:SEN"}
    ]
    # the Mali-Senegal agreement covers begging, domestic work and prostitution
    assert "exploitation_covered" in mli_sen.criteria_met
