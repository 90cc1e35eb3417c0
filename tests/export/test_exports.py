"""Exports read back by the tools they are for, without changing the graph."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest
import shapely.geometry
from click.testing import CliRunner

from coordgraph.cli import cli
from coordgraph.dataset import Dataset
from coordgraph.errors import ExportError
from coordgraph.export import kumu_workbook, to_geojson, to_node_link, write_export
from coordgraph.model import DatasetInfo, Source
from coordgraph.routes.detail import with_route_detail


def _snapshot(G):
    return (dict(G.nodes(data=True)), list(G.edges(keys=True, data=True)))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_round_trip(bundled_graph, tmp_path: Path, fmt: str):
    before = _snapshot(bundled_graph)
    path = write_export(bundled_graph, fmt, tmp_path / f"g.{fmt}")
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    # exports list every route with its stops and legs (routes are not graph nodes)
    detailed = with_route_detail(bundled_graph)
    assert back.number_of_nodes() == detailed.number_of_nodes()
    pairs = [e for e in back.edges(data="relation") if e[2] == "ROUTE_PAIR"]
    assert pairs
    assert back.number_of_edges() - len(pairs) == detailed.number_of_edges()
    agreement = back.nodes["Agreement:alb-grc-2006"]
    assert agreement["signed"] == "2006-02"
    assert agreement["requires_focal_point"] is False
    net = back.nodes["Network:rcm"]
    assert net["member_count"] == 11
    assert _snapshot(bundled_graph) == before


def test_gexf_has_timeline_dates(bundled_graph, tmp_path: Path):
    text = write_export(bundled_graph, "gexf", tmp_path / "g.gexf").read_text(encoding="utf-8")
    assert 'start="2006-02-01"' in text


def test_node_link_json_round_trip(bundled_graph):
    data = json.loads(json.dumps(to_node_link(bundled_graph)))
    back = nx.node_link_graph(data, edges="edges", multigraph=True, directed=True)
    assert back.number_of_edges() == with_route_detail(bundled_graph).number_of_edges()
    assert back.nodes["Agreement:alb-grc-2006"]["sources"][0].startswith("tp2008:")


def test_geojson_is_valid(bundled_graph):
    doc = json.loads(json.dumps(to_geojson(bundled_graph)))
    assert doc["type"] == "FeatureCollection"
    kinds = {f["properties"]["kind"] for f in doc["features"]}
    assert kinds == {"Country", "Route", "RoutePair"}
    for f in doc["features"]:
        assert shapely.geometry.shape(f["geometry"]).is_valid
    assert "Route:phl-online" in doc["omitted_routes"] or any(
        f["properties"]["id"] == "Route:phl-online" and f["properties"]["partial"]
        for f in doc["features"]
    )


def test_kumu_neutralises_formulas():
    nasty = '=HYPERLINK("http://example.invalid","x")'
    ds = Dataset.from_records(
        DatasetInfo(name="t", title="t"), [Source(id="s", title="t", name=nasty)]
    )
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(kumu_workbook(ds.to_networkx())))
    rows = list(wb["Elements"].iter_rows(values_only=True))
    assert rows[0][:5] == ("ID", "Label", "Type", "Description", "Tags")
    assert rows[1][1] == "'" + nasty


def test_failed_export_leaves_previous_file_intact(bundled_graph, tmp_path: Path, monkeypatch):
    target = tmp_path / "g.graphml"
    target.write_text("previous export", encoding="utf-8")

    def half_then_fail(G, handle, **kwargs):
        handle.write(b"<?xml half written")
        raise RuntimeError("disk full")

    monkeypatch.setattr("coordgraph.export.writers.nx.write_graphml", half_then_fail)
    with pytest.raises(RuntimeError):
        write_export(bundled_graph, "graphml", target)
    assert target.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["g.graphml"]


def test_unknown_format_is_an_export_error(bundled_graph, tmp_path: Path):
    with pytest.raises(ExportError):
        write_export(bundled_graph, "xlsx", tmp_path / "x")


def test_cli_export_cypher_and_kumu(tmp_path: Path):
    runner = CliRunner()
    r = runner.invoke(cli, ["export", "--format", "cypher", "-o", str(tmp_path / "g.cypher")])
    assert r.exit_code == 0
    assert "MERGE (n:Agreement" in (tmp_path / "g.cypher").read_text(encoding="utf-8")
    r = runner.invoke(cli, ["export", "--format", "kumu", "-o", str(tmp_path / "kumu.xlsx")])
    assert r.exit_code == 0
    assert (tmp_path / "kumu.xlsx").read_bytes()[:2] == b"PK"
