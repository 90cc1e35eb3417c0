"""Outputs list routes from the route table, not from Route nodes in the graph.

DESIGN.md section 7: routes live in ``routes_of(G)`` and enter the graph aggregated, so
every output that lists routes one by one (exports, pictures, the explorer, the report)
must read them from the table. Each test here removes the Route nodes, their stops and
legs from a built graph (adding the aggregate ROUTE_PAIR edges the builder adds
instead) and checks the outputs are unchanged, byte for byte.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import matplotlib
import networkx as nx
import pytest

import coordgraph
from coordgraph.dataset import Dataset
from coordgraph.export import kumu_tables, to_geojson, to_node_link, write_export
from coordgraph.export.geojson import write_geojson
from coordgraph.export.writers import write_node_link
from coordgraph.model import (
    Agreement,
    Area,
    CountryInfo,
    DatasetInfo,
    Party,
    Route,
    Source,
)
from coordgraph.routes.detail import (
    detail_edges,
    detail_node_ids,
    detail_nodes,
    with_route_detail,
)
from coordgraph.routes.table import routes_of
from coordgraph.vocab import NodeKind, Relation

DATA = Path(__file__).parent / "data"
AS_OF = "2019"


def tricky_dataset() -> Dataset:
    """Routes that pass a place twice, stay inside one State, start in an area whose
    State they then reach, go through unknown places, cite a source twice."""
    records = [
        Source(id="s", title="A study", date="2008"),
        Source(id="t", title="A report", date="2010"),
        CountryInfo(id="ALB"),
        CountryInfo(id="GRC"),
        Area(id="tirana", name="Tirana", country="ALB", type="city"),
        Agreement(
            id="alb-grc",
            name="ALB-GRC",
            type="bilateral",
            scope="all_persons",
            parties=[Party(country="ALB"), Party(country="GRC")],
            signed="2006-02",
            sources=["s:p. 4"],
        ),
        Route(
            id="r1",
            name="Tirana to Athens and back",
            origin="area:tirana",
            transits=["ALB", "unknown:sea", "GRC"],
            destination="ALB",
            victims=["girls", "women"],
            purposes=["sexual_exploitation"],
            volume=12,
            sources=["s:p. 1", "t", "s:p. 2"],
            valid_from="2007-03",
            valid_to="2009",
            notes='said "often"\nat sea',
        ),
        Route(id="r0", origin="GRC", destination="unknown", mode="online"),
        Route(
            id="r2",
            origin="ALB",
            transits=["unknown"],
            destination="area:tirana",
            verification="unverified",
        ),
        Route(id="r3", origin="ITA", destination="ALB", valid_from="<2004-07-22"),
        Route(id="r4", name="Within Albania", origin="ALB", destination="ALB", volume=0),
        Route(id="r5", origin="ALB", transits=["GRC"], destination="ALB", sources=["t:annex"]),
    ]
    return Dataset.from_records(DatasetInfo(name="tricky", title="Tricky routes"), records)


def without_route_nodes(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``G`` as the columnar builder makes it: no Route nodes, stops or legs; one
    ROUTE_PAIR edge per consecutive pair of places; unknown places listed first (so
    outputs cannot lean on where the builder puts them)."""
    routes = {n for n, k in G.nodes(data="kind") if k == NodeKind.ROUTE}
    unknown = [n for n, k in G.nodes(data="kind") if k == NodeKind.UNKNOWN_PLACE]
    H = nx.MultiDiGraph(**G.graph)
    for n in [*unknown, *(n for n in G if n not in routes and n not in unknown)]:
        H.add_node(n, **G.nodes[n])
    pairs = set()
    for u, v, key, attrs in G.edges(keys=True, data=True):
        if attrs["relation"] == Relation.ROUTE_LEG:
            pairs.add((u, v))
        elif u not in routes:
            H.add_edge(u, v, key=key, **attrs)
    for u, v in sorted(pairs):
        H.add_edge(u, v, key="ROUTE_PAIR", relation="ROUTE_PAIR", routes=1)
    return H


@pytest.fixture
def pinned(monkeypatch):
    """Run the analyses of a bare graph on the graph it was made from: while the
    analyses still read Route nodes, this keeps the findings fixed so only the outputs'
    own reading of routes is tested."""
    full: dict[int, nx.MultiDiGraph] = {}

    def pin(module: Any, name: str) -> None:
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda G, *a, **k: real(full.get(id(G), G), *a, **k))

    import coordgraph.analyses
    import coordgraph.explorer.data
    import coordgraph.render.plots
    import coordgraph.report.build

    pin(coordgraph.analyses, "find_gaps")
    # the explorer and the report build one Context for all their analyses: on the
    # graph the analyses are pinned to
    from coordgraph.analyses.context import Context

    real_of = Context.of
    monkeypatch.setattr(
        Context, "of", staticmethod(lambda G, *a, **k: real_of(full.get(id(G), G), *a, **k))
    )
    for module in (coordgraph.explorer.data, coordgraph.report.build):
        pin(module, "find_gaps")
    for name in ("unlinked_routes", "coverage"):
        pin(coordgraph.render.plots, name)
    pin(coordgraph.report.build, "coverage")

    def bare(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
        H = without_route_nodes(G)
        full[id(H)] = G
        return H

    return bare


def _graph(name: str) -> nx.MultiDiGraph:
    return (
        tricky_dataset().to_networkx() if name == "tricky" else coordgraph.load(name).to_networkx()
    )


def test_node_link_matches_the_graph_built_with_route_nodes():
    """The stored file was written by the exporter of a graph whose routes were nodes."""
    golden = (DATA / "tricky-node-link.json").read_text(encoding="utf-8")
    G = tricky_dataset().to_networkx()
    assert json.dumps(to_node_link(G), indent=1, ensure_ascii=False) + "\n" == golden
    buf = io.StringIO()
    write_node_link(G, buf)
    assert buf.getvalue() == golden


@pytest.mark.parametrize("name", ["tricky", "ecpat-2008", "west-africa"])
def test_streamed_detail_is_the_detail_graph_in_order(name):
    G = _graph(name)
    D = with_route_detail(G)
    assert [n for n, _ in detail_nodes(G)] == list(D.nodes) == detail_node_ids(G)
    assert [(n, dict(a)) for n, a in detail_nodes(G)] == [
        (n, dict(a)) for n, a in D.nodes(data=True)
    ]
    assert list(detail_edges(G)) == list(D.edges(keys=True, data=True))
    routes = routes_of(G)
    assert sum(1 for _, k in D.nodes(data="kind") if k == NodeKind.ROUTE) == len(routes)


@pytest.mark.parametrize("name", ["tricky", "ecpat-2008", "west-africa"])
def test_exports_list_routes_without_route_nodes(name, pinned, tmp_path: Path):
    G = _graph(name)
    bare = pinned(G)
    assert not any(k == NodeKind.ROUTE for _, k in bare.nodes(data="kind"))
    assert to_node_link(bare) == to_node_link(G)
    assert to_geojson(bare, as_of=AS_OF) == to_geojson(G, as_of=AS_OF)
    assert kumu_tables(bare, as_of=AS_OF) == kumu_tables(G, as_of=AS_OF)
    routes = {f"Route:{r}" for r in routes_of(G).ids()}
    listed = {n["id"] for n in to_node_link(bare)["nodes"] if n["kind"] == "Route"}
    assert listed == routes
    for fmt in ("json", "geojson", "graphml", "gexf", "cypher"):
        a = write_export(G, fmt, tmp_path / f"full.{fmt}", as_of=AS_OF).read_bytes()
        b = write_export(bare, fmt, tmp_path / f"bare.{fmt}", as_of=AS_OF).read_bytes()
        assert a == b, fmt


def test_streamed_exports_equal_the_documents(bundled_graph):
    buf = io.StringIO()
    write_node_link(bundled_graph, buf)
    assert (
        buf.getvalue()
        == json.dumps(to_node_link(bundled_graph), indent=1, ensure_ascii=False) + "\n"
    )
    buf = io.StringIO()
    write_geojson(bundled_graph, buf, as_of=AS_OF)
    doc = to_geojson(bundled_graph, as_of=AS_OF)
    assert buf.getvalue() == json.dumps(doc, ensure_ascii=False) + "\n"


def _texts(fig: Any) -> list[str]:
    return sorted(t.get_text() for t in fig.findobj(matplotlib.text.Text))


@pytest.mark.parametrize("name", ["tricky", "west-africa"])
def test_pictures_and_explorer_list_routes_without_route_nodes(name, pinned):
    from coordgraph.explorer.data import explorer_data
    from coordgraph.render import plot_map, plot_routes

    G = _graph(name)
    bare = pinned(G)
    for plot in (plot_map, plot_routes):
        with matplotlib.rc_context({"svg.hashsalt": "coordgraph"}):
            a, b = io.StringIO(), io.StringIO()
            plot(G, as_of=AS_OF)[0].savefig(a, format="svg", metadata={"Date": None})
            plot(bare, as_of=AS_OF)[0].savefig(b, format="svg", metadata={"Date": None})
        assert a.getvalue() == b.getvalue(), plot.__name__
    data = explorer_data(bare, as_of=AS_OF)
    assert data == explorer_data(G, as_of=AS_OF)
    assert set(data["routes"]) == {f"Route:{r}" for r in routes_of(G).ids()}


def test_report_lists_routes_without_route_nodes(pinned, monkeypatch, tmp_path: Path):
    import coordgraph.planning
    from coordgraph.report.build import write_report

    ds = coordgraph.load("west-africa")
    write_report(ds, tmp_path / "full", as_of=AS_OF)
    # the action plan builds its own graph from the dataset: keep its (route-free) answer
    plan = coordgraph.planning.plan_actions(ds, as_of=AS_OF, top=5)
    monkeypatch.setattr(coordgraph.planning, "plan_actions", lambda *a, **k: plan)
    build = Dataset.to_networkx
    monkeypatch.setattr(Dataset, "to_networkx", lambda self: pinned(build(self)))
    write_report(ds, tmp_path / "bare", as_of=AS_OF)
    for path in sorted((tmp_path / "full").iterdir()):
        if path.name.startswith("."):
            continue
        assert path.read_bytes() == (tmp_path / "bare" / path.name).read_bytes(), path.name


def test_picture_sources_name_what_routes_cite_without_route_nodes(pinned):
    from coordgraph.render.common import source_line

    G = _graph("tricky")
    bare = pinned(G)
    routes = [f"Route:{r}" for r in routes_of(G).ids()]
    assert source_line(bare, routes) == source_line(G, routes)
    assert source_line(bare, routes) == "Sources: A report (2010); A study (2008)"
    assert [n for n in detail_node_ids(bare) if not n.startswith("Source:")] == [
        n for n in with_route_detail(G) if not n.startswith("Source:")
    ]
