"""FalkorDB through its native client (``falkordb://``): the same Cypher files, the
same data as over Bolt, routes as one ``:Route`` row each, findings equal to memory."""

from __future__ import annotations

import networkx as nx
import polars as pl
import pytest

import coordgraph
from coordgraph.analyses import find_gaps
from coordgraph.errors import UsageError
from coordgraph.neo4j import clear, connect, counts, graph_from_server, load_graph
from coordgraph.neo4j.connection import FalkorConnection, Literal, check_uri
from coordgraph.neo4j.convert import cypher_list
from coordgraph.neo4j.loader import plan_load, route_rows
from coordgraph.neo4j.read import routes_from_rows
from coordgraph.routes.table import RouteTable, routes_of
from coordgraph.synth import synthesize
from tests.neo4j.conftest import stored_counts


def _findings(G, as_of):
    return [f.to_dict() for f in find_gaps(G, as_of=as_of)]


def _without_route_nodes(G):
    """``G`` as build_graph makes it once routes have left the graph: no route nodes,
    no stop or leg edges; the table stays."""
    H = nx.MultiDiGraph(G)
    H.remove_nodes_from([n for n, a in G.nodes(data=True) if a["kind"] == "Route"])
    H.remove_edges_from(
        [(u, v, k) for u, v, k, a in H.edges(keys=True, data=True) if a["relation"] == "ROUTE_LEG"]
    )
    return H


@pytest.fixture
def native(server):
    c = connect(f"falkordb://127.0.0.1:{server.port}", "falkordb", "")
    clear(c)
    yield c
    clear(c)
    c.close()


# -- without a server ---------------------------------------------------------------


def test_falkordb_uris_name_the_graph_in_the_path():
    assert check_uri("falkordb://localhost:6379") == "falkordb://localhost:6379"
    c = connect("falkordb://localhost:6379/cases_2026", "u", "")
    assert isinstance(c, FalkorConnection) and c.graph_name == "cases_2026"
    assert connect("falkordb://localhost:6379", "u", "").graph_name == "falkordb"
    assert connect("falkordb://h:1", "u", "", database="g2").graph_name == "g2"
    with pytest.raises(UsageError, match="names the graph"):
        check_uri("falkordb://localhost:6379/a/b c")
    with pytest.raises(UsageError, match="carries a user or password"):
        check_uri("falkordb://u:pw@localhost:6379")


def test_route_rows_round_trip_without_a_server():
    table = routes_of(synthesize(countries=10, routes=300, seed=2).to_networkx())
    stored = route_rows(table).to_dicts()
    assert stored[0]["props"]["stops"][0] == table.df["origin"][0]
    back = routes_from_rows([{**r["props"], "id": r["id"]} for r in reversed(stored)])
    assert back.df.equals(table.df)


def test_cypher_list_writes_what_the_native_client_writes():
    from falkordb.helpers import stringify_param_value

    odd = ['a"b\\c', "{x:1}, ]", "tab\tline\nbell\x07", "ünï €", "", "%27'"]
    df = pl.DataFrame(
        {
            "id": odd,
            "props": [
                {"n": s, "l": [s, "k"], "v": i if i % 2 else None} for i, s in enumerate(odd)
            ],
        }
    )
    text = cypher_list(df)
    assert isinstance(text, Literal)
    rows = [
        {"id": r["id"], "props": {k: v for k, v in r["props"].items() if v is not None}}
        for r in df.to_dicts()
    ]
    assert text == stringify_param_value(rows).replace("`", "")


def test_batches_over_neo4j_are_sized_by_rows_only():
    G = synthesize(countries=10, routes=250, seed=1).to_networkx()
    plan = plan_load(G, 100, limit=None)
    route_batches = [len(p["rows"]) for q, p in plan.statements if "Route" in q.split("\n")[1]]
    assert route_batches == [100, 100, 50]


# -- against the server ------------------------------------------------------------


@pytest.mark.server
@pytest.mark.parametrize("as_of", ["2003", "2008-07", "2021"])
def test_native_load_reads_back_the_same_graph_table_and_findings(native, bundled, as_of):
    G = bundled.to_networkx()
    result = load_graph(G, native, replace=True)
    assert counts(native) == stored_counts(G) == (result.nodes, result.relationships)
    back = graph_from_server(native)
    assert set(back.nodes) == set(G.nodes)
    assert set(back.edges(keys=True)) == set(G.edges(keys=True))
    for node, attrs in G.nodes(data=True):
        assert back.nodes[node] == attrs, node
    assert routes_of(back).df.equals(routes_of(G).df)
    assert _findings(back, as_of) == _findings(G, as_of)


@pytest.mark.slow
@pytest.mark.server
def test_parity_at_a_few_thousand_routes_through_both_protocols(native, conn):
    ds = synthesize(countries=60, routes=3000, agreements=300, mechanisms=120, seed=11)
    G = ds.to_networkx()
    load_graph(G, native, replace=True)
    over_bolt = graph_from_server(conn)  # the same graph, read over Bolt
    native_back = graph_from_server(native)
    for back in (native_back, over_bolt):
        assert routes_of(back).df.equals(routes_of(G).df)
        for as_of in ("2005", "2015"):
            assert _findings(back, as_of) == _findings(G, as_of)


@pytest.mark.server
def test_graph_without_route_nodes_reads_back_without_them(native, bundled_graph):
    """Once build_graph keeps routes only in the table, the server path does the same."""
    H = _without_route_nodes(bundled_graph)
    load_graph(H, native, replace=True)
    back = graph_from_server(native)
    assert set(back.nodes) == set(H.nodes)
    assert set(back.edges(keys=True)) == set(H.edges(keys=True))
    assert routes_of(back).df.equals(routes_of(H).df)
    assert counts(native) == stored_counts(H)


@pytest.mark.server
def test_route_text_with_quotes_and_control_characters_round_trips(native, bundled_graph):
    G = nx.MultiDiGraph(bundled_graph)
    table = routes_of(G)
    odd = ['it\'s "x" \\b', "tab\tand\nline", "%27 ünï €", "C:\\users"]
    # control characters travel as they are, as the native client sends them
    notes = ["bell\x07", *(odd[i % len(odd)] for i in range(1, len(table)))]
    names = pl.Series(notes)
    G.graph["routes"] = RouteTable(table.df.with_columns(notes=names))
    load_graph(G, native, replace=True, batch_size=7)
    assert routes_of(graph_from_server(native)).df.equals(routes_of(G).df)


@pytest.mark.server
def test_failed_native_load_leaves_the_previous_dataset(native, bundled_graph):
    load_graph(bundled_graph, native, replace=True)
    before = counts(native)
    other = synthesize(countries=8, routes=300, seed=3).to_networkx()

    def boom(done: int, total: int) -> None:
        if done == total - 1:
            raise RuntimeError("simulated failure half-way")

    with pytest.raises(RuntimeError):
        load_graph(other, native, replace=True, batch_size=20, on_batch=boom)
    assert counts(native) == before
    assert routes_of(graph_from_server(native)).df.equals(routes_of(bundled_graph).df)
    rows = native.run("MATCH (n) WHERE n.dataset IS NOT NULL RETURN DISTINCT n.dataset AS t")
    assert len(rows) == 1


@pytest.mark.server
def test_unlinked_pairs_query_reads_the_stops_list(native):
    from coordgraph.neo4j.connection import cypher_file
    from coordgraph.neo4j.loader import current_tag

    G = coordgraph.load().to_networkx()
    load_graph(G, native, replace=True)
    rows = native.run(cypher_file("unlinked_pairs.cypher"), tag=current_tag(native))
    assert rows
    table = routes_of(G)
    for row in rows:
        for route in row["routes"]:
            stops = table.stops(route)
            assert (stops[0], stops[-1]) == (row["origin"], row["destination"])
