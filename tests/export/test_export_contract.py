"""Every exporter: types survive the round trip, G is untouched, failures leave nothing."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import shapely.geometry
from click.testing import CliRunner

from coordgraph.cli import cli
from coordgraph.dataset import Dataset
from coordgraph.errors import ExportError
from coordgraph.export import (
    FORMATS,
    analyse,
    analysis_graph,
    flat_graph,
    kumu_tables,
    kumu_workbook,
    to_geojson,
    to_node_link,
    write_export,
)
from coordgraph.model import (
    Agreement,
    CountryInfo,
    DatasetInfo,
    Party,
    Route,
    Source,
)
from coordgraph.routes.detail import with_route_detail
from coordgraph.vocab import NodeKind

DATA = Path(__file__).parent / "data"


def tiny_graph() -> nx.MultiDiGraph:
    """Two countries, one agreement, one route through an unknown transit, one source."""
    records = [
        Source(id="s", title="A study", date="2008"),
        CountryInfo(id="ALB"),
        CountryInfo(id="GRC"),
        Agreement(
            id="alb-grc",
            name="ALB-GRC agreement",
            type="bilateral",
            scope="children",
            parties=[Party(country="ALB"), Party(country="GRC")],
            signed="2006-02",
            sources=["s:p. 4"],
            requires_focal_point=True,
        ),
        Route(
            id="r1",
            name="Albania to Greece",
            origin="ALB",
            transits=["unknown"],
            destination="GRC",
            victims=["children"],
            volume=3,
            sources=["s"],
        ),
    ]
    ds = Dataset.from_records(DatasetInfo(name="tiny", title="Tiny"), records)
    return ds.to_networkx()


def _typed(value: Any) -> Any:
    """A value with its exact type, so a snapshot notices enum -> str or tuple -> list."""
    if isinstance(value, tuple | list):
        return (type(value).__name__, tuple(_typed(v) for v in value))
    return (type(value).__name__, repr(value))


def _snapshot(G: nx.MultiDiGraph) -> Any:
    return (
        {k: _typed(v) for k, v in G.graph.items()},
        [(n, {k: _typed(v) for k, v in a.items()}) for n, a in G.nodes(data=True)],
        [
            (u, v, k, {x: _typed(y) for x, y in a.items()})
            for u, v, k, a in G.edges(keys=True, data=True)
        ],
    )


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_exporters_do_not_mutate_the_graph(bundled_graph, tmp_path: Path, fmt: str):
    before = _snapshot(bundled_graph)
    write_export(bundled_graph, fmt, tmp_path / f"out.{'xlsx' if fmt == 'kumu' else fmt}")
    assert _snapshot(bundled_graph) == before


def test_in_memory_exporters_do_not_mutate_the_graph(bundled_graph):
    before = _snapshot(bundled_graph)
    to_node_link(bundled_graph)
    to_geojson(bundled_graph)
    kumu_tables(bundled_graph)
    flat_graph(bundled_graph)
    analysis_graph(bundled_graph, analyse(bundled_graph))
    assert _snapshot(bundled_graph) == before


def _read(fmt: str, path: Path) -> nx.Graph:
    if fmt == "graphml":
        return nx.read_graphml(path, force_multigraph=True)
    return nx.read_gexf(path)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_every_attribute_keeps_value_and_type(bundled_graph, tmp_path: Path, fmt: str):
    flat = analysis_graph(bundled_graph, analyse(bundled_graph))
    back = _read(fmt, write_export(bundled_graph, fmt, tmp_path / f"g.{fmt}"))
    assert back.is_directed()
    assert set(back.nodes) == set(flat.nodes)
    assert back.number_of_edges() == flat.number_of_edges()
    for n, attrs in flat.nodes(data=True):
        got = dict(back.nodes[n])
        if fmt == "gexf":  # the GEXF node id is the graph id; the record id moves
            got["id"] = got.pop("record_id")
            got.pop("start", None)
            got.pop("end", None)
        for k, v in attrs.items():
            assert got[k] == v, (n, k)
            assert type(got[k]) is type(v), (n, k, type(got[k]), type(v))
    # edges: same (u, v, relation) multiset, with their typed attributes
    want = sorted((u, v, k, sorted(a.items())) for u, v, k, a in flat.edges(keys=True, data=True))
    have = []
    for u, v, k, a in back.edges(keys=True, data=True):
        a = {x: y for x, y in a.items() if x not in {"id", "networkx_key", "start", "end"}}
        key = k if fmt == "graphml" else back.edges[u, v, k].get("networkx_key", k)
        have.append((u, v, key, sorted(a.items())))
    assert sorted(have) == want


def test_graphml_marks_booleans_and_integers(bundled_graph, tmp_path: Path):
    text = write_export(bundled_graph, "graphml", tmp_path / "g.graphml").read_text("utf-8")
    assert 'attr.name="requires_focal_point" attr.type="boolean"' in text
    assert 'attr.name="member_count" attr.type="long"' in text


def test_gexf_is_dynamic_with_start_and_end(bundled_graph, tmp_path: Path):
    path = write_export(bundled_graph, "gexf", tmp_path / "g.gexf")
    text = path.read_text("utf-8")
    assert 'mode="dynamic"' in text
    assert 'timeformat="date"' in text
    back = nx.read_gexf(path)
    starts = {n: a["start"] for n, a in back.nodes(data=True) if "start" in a}
    assert starts["Agreement:alb-grc-2006"] == "2006-02-01"
    for n, a in bundled_graph.nodes(data=True):
        if a.get("valid_from") and not (a.get("signed") or a.get("in_force")):
            assert starts[n] == a["valid_from"].start.isoformat()


def test_node_link_round_trip_keeps_lists_and_types(bundled_graph):
    # exports list every route with its stops and legs (routes are not graph nodes)
    detailed = with_route_detail(bundled_graph)
    data = json.loads(json.dumps(to_node_link(bundled_graph)))
    assert "edges" in data
    back = nx.node_link_graph(data, edges="edges")
    assert back.is_multigraph()
    assert back.is_directed()
    assert back.number_of_nodes() == detailed.number_of_nodes()
    assert back.number_of_edges() == detailed.number_of_edges()
    for n, attrs in detailed.nodes(data=True):
        assert back.nodes[n]["record_id"] == attrs["id"]
        for k, v in attrs.items():
            got = back.nodes[n]["record_id" if k == "id" else k]
            if isinstance(v, bool | int):
                assert type(got) is type(v)
                assert got == v
            elif isinstance(v, tuple):
                assert got == [str(x) for x in v]
            else:
                assert got == str(v)


def test_node_link_golden_file():
    """A tiny dataset's node-link JSON is byte-for-byte the stored one.

    Set COORDGRAPH_REGENERATE_GOLDEN=1 to rewrite it after an intended change.
    """
    golden = DATA / "tiny-node-link.json"
    text = json.dumps(to_node_link(tiny_graph()), indent=1, ensure_ascii=False, sort_keys=True)
    if os.environ.get("COORDGRAPH_REGENERATE_GOLDEN"):
        golden.write_text(text + "\n", encoding="utf-8")
    assert text + "\n" == golden.read_text(encoding="utf-8")


def test_geojson_features_are_valid_and_complete(bundled_graph):
    detailed = with_route_detail(bundled_graph)  # routes as nodes, from the table
    doc = json.loads(json.dumps(to_geojson(bundled_graph)))
    assert doc["type"] == "FeatureCollection"
    for f in doc["features"]:
        assert f["type"] == "Feature"
        geom = shapely.geometry.shape(f["geometry"])
        assert geom.is_valid
        assert not geom.is_empty
        props = f["properties"]
        if props["kind"] == "RoutePair":
            assert set(props["places"]) <= set(detailed)
        else:
            assert props["id"] in detailed
        assert props["label"]
    ids = [f["properties"]["id"] for f in doc["features"]]
    countries = [n for n, k in bundled_graph.nodes(data="kind") if k == NodeKind.COUNTRY]
    routes = [n for n, k in detailed.nodes(data="kind") if k == NodeKind.ROUTE]
    assert set(countries) <= set(ids)
    # every route is drawn or listed as omitted, never silently dropped
    assert set(routes) == {i for i in ids if i.startswith("Route:")} | set(doc["omitted_routes"])


def test_geojson_route_with_unknown_transit_is_partial():
    doc = to_geojson(tiny_graph())
    (route,) = [f for f in doc["features"] if f["properties"]["id"] == "Route:r1"]
    assert route["geometry"]["type"] == "LineString"
    assert len(route["geometry"]["coordinates"]) == 2
    assert route["properties"]["partial"] is True
    assert route["properties"]["victims"] == ["children"]
    assert shapely.geometry.shape(route["geometry"]).is_valid


def test_kumu_neutralises_formula_labels_in_both_sheets():
    import io

    import openpyxl

    G = tiny_graph()
    G.nodes["Country:ALB"]["label"] = "=cmd|' /C calc'!A0"
    G.edges["Country:ALB", "Agreement:alb-grc", "PARTY_TO"]["notes"] = "+1+cmd|x"
    wb = openpyxl.load_workbook(io.BytesIO(kumu_workbook(G)))
    elements = list(wb["Elements"].iter_rows(values_only=True))
    connections = list(wb["Connections"].iter_rows(values_only=True))
    assert elements[0][:5] == ("ID", "Label", "Type", "Description", "Tags")
    (alb,) = [r for r in elements if r[0] == "Country:ALB"]
    assert alb[1] == "'=cmd|' /C calc'!A0"
    assert connections[0][:3] == ("ID", "From", "To")
    pairs = [r for r in connections[1:] if r[3] == "route pair"]
    detailed = with_route_detail(G)  # routes as nodes with their stops, from the table
    assert len(connections) - 1 - len(pairs) == detailed.number_of_edges()
    assert len(elements) - 1 == detailed.number_of_nodes()
    for sheet in ("Elements", "Connections"):
        for row in wb[sheet].iter_rows(min_row=2):
            for cell in row:
                assert cell.data_type != "f", cell.value
                if isinstance(cell.value, str):
                    assert cell.value[:1] not in {"=", "+", "-", "@", "\t", "\r"}, cell.value


def test_export_to_unwritable_path_is_a_clean_error(bundled_graph, tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    for fmt in sorted(FORMATS):
        with pytest.raises(ExportError, match="cannot write"):
            write_export(bundled_graph, fmt, blocker / f"out.{fmt}.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_cli_unwritable_path_prints_one_line_and_leaves_nothing(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    r = CliRunner().invoke(cli, ["export", "--format", "json", "-o", str(blocker / "g.json")])
    assert r.exit_code == 2
    assert r.output.strip().splitlines()[-1].startswith("Error: cannot write")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_kumu_failing_half_way_leaves_previous_workbook(bundled_graph, tmp_path: Path, monkeypatch):
    target = tmp_path / "kumu.xlsx"
    target.write_bytes(b"previous workbook")

    def fail(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("coordgraph.export.writers.write_kumu", fail)
    with pytest.raises(ExportError, match="cannot write"):
        write_export(bundled_graph, "kumu", target)
    assert target.read_bytes() == b"previous workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["kumu.xlsx"]


def test_cypher_without_neo4j_module_is_an_export_error(bundled_graph, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "coordgraph.neo4j.script", None)
    with pytest.raises(ExportError, match=r"the cypher export needs coordgraph\.neo4j"):
        write_export(bundled_graph, "cypher", tmp_path / "g.cypher")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "geojson"])
def test_cli_writes_each_file_format(tmp_path: Path, fmt: str):
    out = tmp_path / f"g.{fmt}"
    r = CliRunner().invoke(cli, ["export", "--format", fmt, "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_cli_include_unverified_adds_records(tmp_path: Path, bundled):
    runner = CliRunner()
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert runner.invoke(cli, ["export", "--format", "json", "-o", str(a)]).exit_code == 0
    r = runner.invoke(cli, ["export", "--format", "json", "--include-unverified", "-o", str(b)])
    assert r.exit_code == 0, r.output
    na = len(json.loads(a.read_text("utf-8"))["nodes"])
    nb = len(json.loads(b.read_text("utf-8"))["nodes"])
    assert nb >= na
