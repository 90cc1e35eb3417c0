"""States missing focal points, tested on cited facts of the bundled dataset."""

from __future__ import annotations

from coordgraph.analyses import missing_focal_points
from coordgraph.dataset import Dataset
from coordgraph.findings import FindingKind
from coordgraph.model import DatasetInfo, FocalPoint, Network


def test_rcm_members_without_designated_institution_are_listed(bundled_graph):
    findings = missing_focal_points(bundled_graph, as_of="2008", network="rcm")
    members = {f.subjects[0] for f in findings if f.kind is FindingKind.MEMBER_WITHOUT_FOCAL_POINT}
    assert len(members) == 11
    assert all(
        "no focal point recorded in this dataset" in f.message
        for f in findings
        if f.kind is FindingKind.MEMBER_WITHOUT_FOCAL_POINT
    )


def test_verified_only_rcm_reports_incomplete_membership(bundled):
    G = bundled.only_verified().to_networkx()
    findings = missing_focal_points(G, as_of="2008", network="rcm")
    kinds = {f.kind for f in findings}
    assert FindingKind.MEMBERSHIP_INCOMPLETE in kinds


def _net_dataset(*records):
    net = Network(id="net", members="ALB|GRC|MKD", requires_focal_point=True)
    return Dataset.from_records(DatasetInfo(name="t", title="t"), [net, *records])


def test_data_gap_is_told_apart_from_policy_gap():
    ds = _net_dataset(
        FocalPoint(id="fp-alb", country="ALB", network="net", valid_from="2005"),
        FocalPoint(id="fp-grc", country="GRC", network="net", status="not_designated"),
    )
    findings = missing_focal_points(ds.to_networkx(), as_of="2008")
    by_country = {
        f.subjects[0]: f for f in findings if f.kind is FindingKind.MEMBER_WITHOUT_FOCAL_POINT
    }
    assert set(by_country) == {"Country:GRC", "Country:MKD"}
    assert by_country["Country:GRC"].rule == "focal_points.not_designated"
    assert by_country["Country:MKD"].rule == "focal_points.not_recorded"
    # the policy gap names the record it rests on; the data gap rests on nothing
    assert by_country["Country:GRC"].details["absence_basis"] == "FocalPoint:fp-grc"
    assert "absence_basis" not in by_country["Country:MKD"].details


def test_focal_point_before_designation_date_does_not_count():
    ds = _net_dataset(FocalPoint(id="fp-alb", country="ALB", network="net", valid_from="2009"))
    findings = missing_focal_points(ds.to_networkx(), as_of="2008")
    assert "Country:ALB" in {f.subjects[0] for f in findings}


def test_orphan_focal_point_when_network_ended():
    net = Network(id="old", members="ALB|GRC", valid_to="2004", requires_focal_point=True)
    fp = FocalPoint(id="fp", country="ALB", network="old")
    ds = Dataset.from_records(DatasetInfo(name="t", title="t"), [net, fp])
    findings = missing_focal_points(ds.to_networkx(), as_of="2008")
    assert [f.kind for f in findings] == [FindingKind.ORPHAN_FOCAL_POINT]
