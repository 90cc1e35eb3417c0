"""The graph server as an adversary meets it: two writers at once, an empty database,
edited reloads, long values full of quotes, bad URIs, numbers too large. All against the
real FalkorDB server the suite starts (tests/neo4j/conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import polars as pl
import pytest
from click.testing import CliRunner

from coordgraph.analyses import find_gaps
from coordgraph.cli import cli
from coordgraph.errors import BackendBusy, BackendError, UsageError
from coordgraph.neo4j import connect, counts, current_tag, graph_from_server, load_graph
from coordgraph.neo4j.connection import check_uri
from coordgraph.neo4j.loader import _Lock
from coordgraph.routes.table import RouteTable, routes_of
from coordgraph.synth import synthesize
from tests.neo4j.conftest import stored_counts

pytestmark = pytest.mark.server


def _env(server) -> dict[str, str]:
    return {
        **os.environ,
        "NEO4J_URI": server.uri,
        "NEO4J_USER": "falkordb",
        "NEO4J_PASSWORD": "",
    }


def _load_process(server, dataset: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            str(Path(sys.executable).with_name("coordgraph")),
            *("-q", "neo4j", "load", dataset, "--replace", "--quiet", "--wait", "120"),
        ],
        env=_env(server),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_concurrent_replacing_loads_leave_one_complete_dataset(conn, server):
    import coordgraph

    graphs = {
        name: coordgraph.load(name).only_verified().to_networkx()
        for name in ("ecpat-2008", "west-africa")
    }
    expected = {name: (set(G.nodes), G.number_of_edges()) for name, G in graphs.items()}
    procs = {name: _load_process(server, name) for name in expected}
    results = {name: p.communicate(timeout=300) for name, p in procs.items()}
    for name, p in procs.items():
        out, err = results[name]
        # the second waits for the first; exit 3 (one line) only if the server's Bolt
        # handshake stalled past every retry, never a half-written dataset
        assert p.returncode in (0, 3), (name, out, err)
        assert "Traceback" not in err
    assert any(p.returncode == 0 for p in procs.values())
    back = graph_from_server(conn)
    winners = [
        name
        for name, (nodes, edges) in expected.items()
        if set(back.nodes) == nodes and back.number_of_edges() == edges
    ]
    assert len(winners) == 1, (back.number_of_nodes(), back.number_of_edges())
    assert counts(conn) == stored_counts(back)
    # nothing of the other load is left under another tag
    tags = conn.run("MATCH (n) WHERE n.dataset IS NOT NULL RETURN DISTINCT n.dataset AS t")
    assert [r["t"] for r in tags] == [current_tag(conn)]


def test_two_replacing_loads_in_threads_leave_one_complete_dataset(conn, server):
    """Without the lock both loads reported success and left the database empty
    (measured: 3 of 3 trials); with it the later one wins, whole."""
    import threading

    import coordgraph

    graphs = {
        name: coordgraph.load(name).only_verified().to_networkx()
        for name in ("ecpat-2008", "west-africa")
    }
    errors: list[BaseException] = []

    def run(name: str) -> None:
        try:
            load_graph(graphs[name], connect(server.uri, "falkordb", ""), replace=True)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(name,)) for name in graphs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert errors == []
    back = graph_from_server(conn)
    complete = [
        name
        for name, G in graphs.items()
        if set(back.nodes) == set(G.nodes) and back.number_of_edges() == G.number_of_edges()
    ]
    assert len(complete) == 1


def test_a_second_writer_waits_then_fails_with_exit_3_and_changes_nothing(
    conn, server, bundled_graph, monkeypatch
):
    load_graph(bundled_graph, conn, replace=True)
    before = (current_tag(conn), counts(conn))
    other = connect(server.uri, "falkordb", "")
    with _Lock(other, wait=0):
        monkeypatch.setenv("NEO4J_URI", server.uri)
        r = CliRunner().invoke(cli, ["neo4j", "load", "west-africa", "--replace", "--wait", "0.5"])
        assert r.exit_code == 3
        lines = r.output.strip().splitlines()
        assert len(lines) == 1 and "another coordgraph load" in lines[0]
        with pytest.raises(BackendBusy):
            load_graph(bundled_graph, conn, wait=0)
    assert (current_tag(conn), counts(conn)) == before
    # once released, the next load goes through
    load_graph(bundled_graph, conn, replace=True, wait=0)


def test_a_lock_left_by_a_killed_load_is_taken_over(conn, server, bundled_graph):
    conn.run("MERGE (l:CoordgraphMeta {id: 'lock'}) SET l.owner = 'gone:1:x', l.heartbeat = 0")
    result = load_graph(bundled_graph, conn, replace=True, wait=0)
    # the structure's nodes, and one :Route row per route of the table
    assert result.nodes == bundled_graph.number_of_nodes() + len(routes_of(bundled_graph))
    rows = conn.run("MATCH (l:CoordgraphMeta {id: 'lock'}) RETURN l.owner AS o")
    assert rows[0]["o"] is None


def test_gaps_on_an_empty_server_is_exit_3_not_no_findings(conn, server, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", server.uri)
    r = CliRunner().invoke(cli, ["neo4j", "gaps", "all", "--fail-on-gaps"])
    assert r.exit_code == 3
    assert "No findings" not in r.output
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and "holds no coordgraph dataset" in lines[0]


def test_unknown_network_on_the_server_is_exit_2(conn, server, bundled_graph, monkeypatch):
    load_graph(bundled_graph, conn)
    monkeypatch.setenv("NEO4J_URI", server.uri)
    r = CliRunner().invoke(cli, ["neo4j", "gaps", "all", "--network", "RCM", "--fail-on-gaps"])
    assert r.exit_code == 2
    assert "did you mean 'rcm'?" in r.output.strip().splitlines()[-1]


def test_reload_without_replace_drops_removed_properties(conn, bundled_graph):
    load_graph(bundled_graph, conn)
    edited = bundled_graph.copy()
    agreement = "Agreement:nor-rus-2002"  # its signature links Norway and Russia in 2008
    del edited.nodes[agreement]["signed"]
    edge = next((u, v, k) for u, v, k, a in edited.edges(keys=True, data=True) if len(a) > 2)
    removed = next(k for k in edited.edges[edge] if k not in ("relation", "key"))
    del edited.edges[edge][removed]
    load_graph(edited, conn)  # no --replace
    back = graph_from_server(conn)
    assert "signed" not in back.nodes[agreement]
    assert back.nodes[agreement] == edited.nodes[agreement]
    assert removed not in back.edges[edge]
    changed = False
    for as_of in ("2003", "2008-07", "2021"):
        server = [f.to_dict() for f in find_gaps(back, as_of=as_of)]
        memory = [f.to_dict() for f in find_gaps(edited, as_of=as_of)]
        assert server == memory
        changed |= memory != [f.to_dict() for f in find_gaps(bundled_graph, as_of=as_of)]
    assert changed  # the edit matters, so keeping the old property would have shown


def test_long_values_full_of_quotes_load_and_read_back(conn, server, bundled_graph):
    G = bundled_graph.copy()
    node = next(n for n, a in G.nodes(data=True) if a.get("kind") == "Agreement")
    long_text = ("'\"\\%" * 1250)[:5000]  # 5,000 characters, the schema's longest text
    G.nodes[node]["notes"] = long_text
    G.nodes[node]["title_alt"] = "\u2019" * 3000
    u, v, k = next(iter(G.edges(keys=True)))
    G.edges[u, v, k]["notes"] = "'" * 4000
    load_graph(G, conn, replace=True)
    back = graph_from_server(conn)
    assert back.nodes[node]["notes"] == long_text
    assert back.nodes[node]["title_alt"] == "\u2019" * 3000
    assert back.edges[u, v, k]["notes"] == "'" * 4000
    # the server is still up and answering
    assert connect(server.uri, "falkordb", "").run("RETURN 1 AS x") == [{"x": 1}]


def test_numbers_too_large_for_the_server_fail_cleanly(conn, bundled_graph):
    load_graph(bundled_graph, conn, replace=True)
    before = (current_tag(conn), counts(conn))
    G = nx.MultiDiGraph(bundled_graph)
    agreement = next(n for n, a in G.nodes(data=True) if a.get("kind") == "Agreement")
    G.nodes[agreement]["notes_count"] = 2**70
    with pytest.raises(BackendError, match="too large"):
        load_graph(G, conn, replace=True)
    assert (current_tag(conn), counts(conn)) == before
    G.nodes[agreement]["notes_count"] = 2**63 - 1
    # a route's volume (a 64-bit column of the route table) round-trips at its largest
    table = routes_of(G)
    route = table.ids()[0]
    G.graph["routes"] = RouteTable(
        table.df.with_columns(
            pl.when(pl.col("id") == route)
            .then(pl.lit(10**9, dtype=pl.Int64))  # the model's largest count
            .otherwise(pl.col("volume"))
            .alias("volume")
        )
    )
    load_graph(G, conn, replace=True)
    back = graph_from_server(conn)
    assert back.nodes[agreement]["notes_count"] == 2**63 - 1
    assert routes_of(back).row(route)["volume"] == 10**9


@pytest.mark.parametrize(
    ("uri", "words"),
    [
        ("http://localhost:7687", "not a Bolt scheme"),
        ("ftp://x", "not a Bolt scheme"),
        ("localhost:7687", "has no scheme"),
        ("127.0.0.1", "has no scheme"),
        ("bolt://u:s3cretpw@127.0.0.1:7687", "carries a user or password"),
        ("neo4j://user:s3cretpw@db.example.org", "carries a user or password"),
        ("bolt://[::1", "not a valid URI"),
        ("bolt://localhost:99999", "not a valid URI"),
        ("bolt://", "names no host"),
        ("neo4j://localhost:7687/neo4j", "a path is not part"),
        ("bolt://localhost:7687?policy=x", "only a neo4j:// URI takes a query"),
    ],
)
def test_bad_uris_are_one_line_exit_2_and_never_echo_a_password(uri, words, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "env-s3cretpw")
    with pytest.raises(UsageError, match=words):
        check_uri(uri)
    for command in (["neo4j", "gaps", "all"], ["neo4j", "load"], ["neo4j", "clear"]):
        r = CliRunner().invoke(cli, [*command, "--uri", uri])
        assert r.exit_code == 2, (command, r.output)
        lines = r.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: --uri") and words in lines[0]
        assert "s3cretpw" not in r.output and "Traceback" not in r.output


def test_neo4j_scheme_against_a_single_server_says_use_bolt(server, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "")
    # the driver waits for a routing table as long as the connection may take: the
    # suite's 30 s (for a loaded machine) made this the slowest test; 5 s shows the same
    monkeypatch.setenv("COORDGRAPH_CONNECT_TIMEOUT", "5")
    started = time.monotonic()
    uri = server.uri.replace("bolt://", "neo4j://")
    r = CliRunner().invoke(cli, ["neo4j", "gaps", "all", "--uri", uri, "--user", "falkordb"])
    assert r.exit_code == 3, r.output
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and "bolt://" in lines[0]
    assert time.monotonic() - started < 120


def test_parity_after_an_edited_synthetic_reload(conn):
    """Server and memory agree after a reload of an edited dataset, without --replace."""
    ds = synthesize(countries=10, routes=30, agreements=12, mechanisms=8, seed=3)
    G = ds.to_networkx()
    load_graph(G, conn)
    H = G.copy()
    for _, attrs in H.nodes(data=True):
        if attrs.get("kind") == "Agreement":
            attrs.pop("in_force", None)
            attrs.pop("signed", None)
    load_graph(H, conn)
    back = graph_from_server(conn)
    for as_of in ("2005", "2015"):
        # which finding shows which example route depends on the order records come
        # back in; the findings themselves must be the same
        assert {f.key for f in find_gaps(back, as_of=as_of)} == {
            f.key for f in find_gaps(H, as_of=as_of)
        }


def test_gaps_csv_from_the_server_is_formula_safe_unless_raw_cells(conn, server, tmp_path):
    """`neo4j gaps --format csv` writes what `gaps --format csv` writes: no cell a
    spreadsheet would run, and --raw-cells (for programs) the text as the data holds it."""
    import csv
    import io

    from coordgraph.io.safe import formula_like
    from tests.cli.test_outputs_content import EVIL

    evil = tmp_path / "evil.yaml"
    evil.write_text(EVIL, encoding="utf-8")
    load = CliRunner().invoke(cli, ["neo4j", "load", str(evil), "--replace", "--quiet"])
    assert load.exit_code == 0, load.output
    texts = {}
    for extra in ([], ["--raw-cells"]):
        r = CliRunner().invoke(
            cli, ["neo4j", "gaps", "all", "--as-of", "2010", "--format", "csv", *extra]
        )
        assert r.exit_code == 0, r.output
        texts[bool(extra)] = r.stdout
    safe = [c for row in csv.reader(io.StringIO(texts[False])) for c in row]
    assert [c for c in safe if formula_like(c)] == []
    assert any(c.startswith("'@SUM(1+1)*cmd|' /C calc'!A0") for c in safe)
    raw = [c for row in csv.reader(io.StringIO(texts[True])) for c in row]
    assert any(c.startswith("@SUM(1+1)*cmd|' /C calc'!A0") for c in raw)
