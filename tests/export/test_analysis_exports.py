"""Exports that carry the analysis as of a date, read back by the library their users use:
openpyxl for Kumu, shapely for GeoJSON, networkx for GEXF and GraphML."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import openpyxl
import pytest
import shapely.geometry
import shapely.validation
from click.testing import CliRunner

from coordgraph.cli import cli
from coordgraph.dataset import Dataset
from coordgraph.export import kumu_workbook, to_geojson, write_export
from coordgraph.model import (
    Agreement,
    CountryInfo,
    DatasetInfo,
    FocalPoint,
    Membership,
    Network,
    Party,
    Route,
    Source,
)


def linked_from_2007() -> nx.MultiDiGraph:
    """ALB -> GRC (children) is linked by a bilateral agreement in force from March 2007;
    ALB -> ITA never is; a network ALB joined in 2004 and left in 2010; a focal point
    designated from 2005."""
    records = [
        Source(id="s", title="A study", date="2004"),
        CountryInfo(id="ALB"),
        CountryInfo(id="GRC"),
        CountryInfo(id="ITA"),
        Agreement(
            id="alb-grc",
            name="ALB-GRC agreement",
            type="bilateral",
            scope="children",
            parties=[Party(country="ALB", ratified="2006-11"), Party(country="GRC")],
            signed="2006-02",
            in_force="2007-03",
            sources=["s:p. 4"],
        ),
        Network(
            id="net",
            name="A network",
            members=[
                Membership(country="ALB", joined="2004", left="2010-06"),
                Membership(country="GRC", joined="2004"),
            ],
            requires_focal_point=True,
            sources=["s"],
        ),
        FocalPoint(id="alb-fp", country="ALB", network="net", valid_from="2005-05", sources=["s"]),
        Route(id="alb-grc", origin="ALB", destination="GRC", victims=["children"], sources=["s"]),
        Route(id="alb-ita", origin="ALB", destination="ITA", victims=["children"], sources=["s"]),
    ]
    return Dataset.from_records(DatasetInfo(name="tiny", title="Tiny"), records).to_networkx()


def _sheet(wb: Any, name: str) -> list[dict[str, Any]]:
    rows = list(wb[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def _kumu(G: nx.MultiDiGraph, as_of: str) -> Any:
    return openpyxl.load_workbook(io.BytesIO(kumu_workbook(G, as_of=as_of)))


def test_kumu_connections_carry_link_status_and_severity_as_of_the_date():
    G = linked_from_2007()
    before = _sheet(_kumu(G, "2006"), "Connections")
    after = _sheet(_kumu(G, "2008"), "Connections")

    def pair(rows, origin, dest):
        (row,) = [
            r for r in rows if r["Type"] == "route pair" and r["From"] == origin and r["To"] == dest
        ]
        return row

    old, new = pair(before, "Country:ALB", "Country:GRC"), pair(after, "Country:ALB", "Country:GRC")
    assert (old["Link status"], old["Severity"], old["Link kind"]) == ("unlinked", "high", "none")
    assert (new["Link status"], new["Severity"]) == ("linked", "info")
    assert new["Link kind"] == "bilateral_agreement"
    assert new["As of"] == "2008-12-31" and old["As of"] == "2006-12-31"
    assert "Agreement:alb-grc" in new["Evidence"].split("|")
    assert "linked as of 2008-12-31" in new["Finding"]
    ita = pair(after, "Country:ALB", "Country:ITA")
    assert ita["Link status"] == "unlinked"
    assert ita["Finding"].startswith("Albania -> Italy")


def test_kumu_ids_are_stable_so_a_reimport_updates():
    G = linked_from_2007()
    a, b = _kumu(G, "2006"), _kumu(linked_from_2007(), "2020")
    for sheet in ("Elements", "Connections"):
        ids_a = [r["ID"] for r in _sheet(a, sheet)]
        ids_b = [r["ID"] for r in _sheet(b, sheet)]
        assert ids_a == ids_b
        assert len(set(ids_a)) == len(ids_a), f"duplicate ids in {sheet}"
        assert all(ids_a)
    # From/To name element ids, as Kumu expects when the ID column comes first
    element_ids = {r["ID"] for r in _sheet(a, "Elements")}
    for row in _sheet(a, "Connections"):
        assert row["From"] in element_ids and row["To"] in element_ids


def test_kumu_every_field_is_its_own_column_with_type_and_tags():
    wb = _kumu(linked_from_2007(), "2008")
    assert wb.sheetnames == ["Elements", "Connections"]
    elements = {r["ID"]: r for r in _sheet(wb, "Elements")}
    agreement = elements["Agreement:alb-grc"]
    assert agreement["Type"] == "Agreement"
    assert agreement["Signed"] == "2006-02"
    assert agreement["In force"] == "2007-03"
    assert agreement["Scope"] == "children"
    assert "bilateral" in agreement["Tags"].split("|")
    assert agreement["Record type"] == "bilateral"
    ita = elements["Country:ITA"]
    assert ita["Gap findings"] >= 1 and ita["Highest severity"] == "medium"  # data gaps
    connections = _sheet(wb, "Connections")
    (member,) = [r for r in connections if r["ID"] == "Country:ALB>MEMBER_OF>Network:net"]
    assert (member["Joined"], member["Left"]) == ("2004", "2010-06")
    assert (member["Start"], member["End"]) == ("2004-01-01", "2010-06-30")


def test_geojson_routes_carry_status_kind_date_and_message():
    doc = json.loads(json.dumps(to_geojson(linked_from_2007(), as_of="2008-07")))
    assert doc["as_of"] == "2008-07-31"
    routes = {
        f["properties"]["id"]: f for f in doc["features"] if f["properties"]["kind"] == "Route"
    }
    grc = routes["Route:alb-grc"]
    assert shapely.geometry.shape(grc["geometry"]).geom_type == "LineString"
    props = grc["properties"]
    assert props["link_status"] == "linked"
    assert props["link_kind"] == "bilateral_agreement"
    assert props["as_of"] == "2008-07-31"
    assert "linked as of 2008-07-31" in props["finding"]
    assert routes["Route:alb-ita"]["properties"]["link_status"] == "unlinked"
    earlier = to_geojson(linked_from_2007(), as_of="2006")
    (old,) = [f for f in earlier["features"] if f["properties"]["id"] == "Route:alb-grc"]
    assert old["properties"]["link_status"] == "unlinked"
    pairs = [f for f in doc["features"] if f["properties"]["kind"] == "RoutePair"]
    assert {f["properties"]["link_status"] for f in pairs} == {"linked", "unlinked"}
    countries = {
        f["properties"]["id"]: f["properties"]
        for f in doc["features"]
        if f["properties"]["kind"] == "Country"
    }
    assert countries["Country:ITA"]["highest_severity"] == "medium"  # data gaps


@pytest.mark.parametrize("name", ["ecpat-2008", "west-africa", "europe"])
def test_geojson_outlines_and_internal_routes_are_valid_shapes(name: str):
    import coordgraph

    G = coordgraph.load(name).to_networkx()
    doc = json.loads(json.dumps(to_geojson(G, as_of="2019", outlines=True)))
    kinds: dict[str, set[str]] = {}
    for f in doc["features"]:
        geom = shapely.geometry.shape(f["geometry"])
        assert geom.is_valid, (f["properties"]["id"], shapely.validation.explain_validity(geom))
        assert not geom.is_empty
        kinds.setdefault(f["properties"]["kind"], set()).add(geom.geom_type)
    assert "MultiPolygon" in kinds["Country"]
    internal = [
        f
        for f in doc["features"]
        if f["properties"]["kind"] == "RoutePair" and f["properties"].get("detail_internal")
    ]
    if name != "europe":  # the others record routes inside one State
        assert internal, "the bundled data has internal routes"
    assert all(f["geometry"]["type"] == "Point" for f in internal)


def test_gexf_is_a_dynamic_graph_with_dated_memberships_parties_and_designations(tmp_path: Path):
    path = write_export(linked_from_2007(), "gexf", tmp_path / "g.gexf", as_of="2008")
    root = ET.parse(path).getroot()
    ns = {"g": "http://www.gexf.net/1.2draft"}
    graph = root.find("g:graph", ns)
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    G = nx.read_gexf(path)
    edges = {d["id"]: d for _, _, d in G.edges(data=True)}
    member = edges["Country:ALB>MEMBER_OF>Network:net"]
    assert (member["start"], member["end"]) == ("2004-01-01", "2010-06-30")
    party = edges["Country:ALB>PARTY_TO>Agreement:alb-grc"]
    assert party["start"] == "2006-11-01"  # ratified
    designation = edges["Country:ALB>DESIGNATES>FocalPoint:alb-fp"]
    assert designation["start"] == "2005-05-01"
    pair = [d for d in edges.values() if d.get("relation") == "ROUTE_PAIR"]
    by_route = {d["routes"]: d for d in pair}
    assert by_route["Route:alb-grc"]["link_status"] == "linked"
    assert by_route["Route:alb-grc"]["as_of"] == "2008-12-31"
    assert by_route["Route:alb-ita"]["severity"] == "medium"  # nothing recorded: data gap
    assert G.nodes["Agreement:alb-grc"]["start"] == "2007-03-01"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_control_characters_still_give_well_formed_xml(tmp_path: Path, fmt: str):
    G = linked_from_2007()
    nasty = "Bureau\x00\x07\x1b[31m\x0b\ufffe end"
    G.nodes["Country:ALB"]["label"] = nasty
    G.nodes["Agreement:alb-grc"]["notes"] = "line\x0cfeed"
    G.add_node("Agency:x\x01y", kind="Agency", label="x\x02", id="x\x01y")
    G.add_edge("Agency:x\x01y", "Country:ALB", key="LOCATED_IN", relation="LOCATED_IN")
    path = write_export(G, fmt, tmp_path / f"g.{fmt}", as_of="2008")
    ET.parse(path)  # raises on a character XML cannot hold
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert back.nodes["Country:ALB"]["label"] == "Bureau\ufffd\ufffd\ufffd[31m\ufffd\ufffd end"
    assert "Agency:x\ufffdy" in back


def test_kumu_with_control_characters_opens(tmp_path: Path):
    G = linked_from_2007()
    G.nodes["Country:ALB"]["label"] = "A\x07B"
    wb = _kumu(G, "2008")
    (alb,) = [r for r in _sheet(wb, "Elements") if r["ID"] == "Country:ALB"]
    assert alb["Label"] == "A\ufffdB"


def test_cli_export_as_of_and_bad_inputs(tmp_path: Path):
    runner = CliRunner()
    out = tmp_path / "k.xlsx"
    r = runner.invoke(cli, ["export", "--format", "kumu", "--as-of", "2008-07", "-o", str(out)])
    assert r.exit_code == 0, r.output
    rows = _sheet(openpyxl.load_workbook(out), "Connections")
    assert {r["As of"] for r in rows if r["Type"] == "route pair"} == {"2008-07-31"}
    r = runner.invoke(cli, ["export", "--format", "gexf", "--as-of", "2008-13", "-o", "x.gexf"])
    assert r.exit_code == 2
    assert "--as-of" in r.output
    geo = tmp_path / "c.geojson"
    r = runner.invoke(
        cli, ["export", "west-africa", "--format", "geojson", "--outlines", "-o", str(geo)]
    )
    assert r.exit_code == 0, r.output
    shapes = [
        shapely.geometry.shape(f["geometry"])
        for f in json.loads(geo.read_text(encoding="utf-8"))["features"]
        if f["properties"]["kind"] == "Country"
    ]
    # a State with no shipped outline (an island State the reference layer adds) is a point
    assert shapes and all(s.is_valid for s in shapes)
    assert all(s.geom_type in ("MultiPolygon", "Point") for s in shapes)
    assert sum(s.geom_type == "MultiPolygon" for s in shapes) > len(shapes) / 2
    geo.unlink()
    r = runner.invoke(
        cli, ["export", "--format", "gexf", "--outlines", "-o", str(tmp_path / "x.gexf")]
    )
    assert r.exit_code == 2
    r = runner.invoke(cli, ["export", "--format", "kumu", "-o", str(tmp_path / "folder")])
    assert r.exit_code == 2
    assert r.output.strip().endswith("not " + str(tmp_path / "folder"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.xlsx"]
