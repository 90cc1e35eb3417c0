"""The Neo4j backend against a real Bolt server (FalkorDB): load, parity, faults."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import coordgraph
from coordgraph.analyses import find_gaps
from coordgraph.cli import cli
from coordgraph.errors import BackendUnavailable
from coordgraph.neo4j import counts, graph_from_server, load_graph
from coordgraph.synth import synthesize
from tests.neo4j.conftest import stored_counts

pytestmark = pytest.mark.server


def _keys(findings):
    return {f.key for f in findings}


def test_load_twice_gives_the_same_counts(conn, bundled_graph):
    result = load_graph(bundled_graph, conn)
    first = counts(conn)
    load_graph(bundled_graph, conn)
    assert counts(conn) == first == stored_counts(bundled_graph)
    assert first == (result.nodes, result.relationships)


def test_graph_read_back_equals_graph_loaded(conn, bundled_graph):
    load_graph(bundled_graph, conn, batch_size=50)
    back = graph_from_server(conn)
    assert set(back.nodes) == set(bundled_graph.nodes)
    assert set(back.edges(keys=True)) == set(bundled_graph.edges(keys=True))
    for node, attrs in bundled_graph.nodes(data=True):
        assert back.nodes[node] == attrs, node


@pytest.mark.parametrize("as_of", ["2003", "2008-07", "2021"])
def test_findings_from_server_equal_in_memory(conn, bundled, as_of):
    G = bundled.to_networkx()
    load_graph(G, conn)
    server = find_gaps(graph_from_server(conn), as_of=as_of)
    memory = find_gaps(G, as_of=as_of)
    assert _keys(server) == _keys(memory)
    assert [f.to_dict() for f in server] == [f.to_dict() for f in memory]


@pytest.mark.parametrize("seed", range(20))
def test_parity_on_random_datasets(conn, seed):
    G = synthesize(countries=12, routes=40, agreements=15, mechanisms=12, seed=seed).to_networkx()
    load_graph(G, conn, replace=True, batch_size=100)
    back = graph_from_server(conn)
    for as_of in ("2005", "2015"):
        assert _keys(find_gaps(back, as_of=as_of)) == _keys(find_gaps(G, as_of=as_of))
        # the link criteria of every pair, too
        assert sorted(_graded(f) for f in find_gaps(back, as_of=as_of)) == sorted(
            _graded(f) for f in find_gaps(G, as_of=as_of)
        )


def _graded(f):
    victims = str(f.details.get("victims"))
    return (
        str(f.key),
        victims,
        f.severity.rank,
        f.criteria_met,
        f.criteria_missing,
        f.criteria_unknown,
    )


def test_agreement_coverage_survives_the_round_trip(conn):
    G = coordgraph.load("west-africa").to_networkx()
    load_graph(G, conn, replace=True)
    back = graph_from_server(conn)
    node = "Agreement:mli-sen-2004"
    for field in ("exploitation", "provisions"):
        assert back.nodes[node][field] == G.nodes[node][field]
    assert back.nodes[node]["exploitation"] == (
        "begging",
        "domestic_servitude",
        "sexual_exploitation",
    )
    memory = [f.to_dict() for f in find_gaps(G, as_of="2019", which=["routes"])]
    assert [f.to_dict() for f in find_gaps(back, as_of="2019", which=["routes"])] == memory


def test_failed_replace_leaves_previous_dataset_intact(conn, bundled_graph):
    load_graph(bundled_graph, conn, replace=True)
    before = counts(conn)
    other = synthesize(countries=8, routes=30, seed=3).to_networkx()

    def boom(done: int, total: int) -> None:
        if done == 3:
            raise RuntimeError("simulated failure half-way")

    with pytest.raises(RuntimeError):
        load_graph(other, conn, replace=True, on_batch=boom)
    assert counts(conn) == before
    assert set(graph_from_server(conn).nodes) == set(bundled_graph.nodes)
    rows = conn.run("MATCH (n) WHERE n.dataset IS NOT NULL RETURN DISTINCT n.dataset AS t")
    assert len(rows) == 1


def test_replace_switches_to_the_new_dataset(conn, bundled_graph):
    load_graph(bundled_graph, conn)
    other = synthesize(countries=8, routes=30, seed=4).to_networkx()
    load_graph(other, conn, replace=True)
    assert counts(conn) == stored_counts(other)


def test_cli_load_then_gaps_match_in_memory_cli(conn):
    runner = CliRunner()
    r = runner.invoke(cli, ["neo4j", "load", "--replace"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert "loaded" in r.output
    import json

    for form in ([], ["--detail"]):
        server = runner.invoke(
            cli,
            ["neo4j", "gaps", "all", "--as-of", "2008-07", "--format", "json", *form],
            catch_exceptions=False,
        )
        memory = runner.invoke(
            cli,
            ["gaps", "all", "--as-of", "2008-07", "--format", "json", *form],
            catch_exceptions=False,
        )
        a, b = json.loads(server.stdout), json.loads(memory.stdout)
        assert a["findings"] == b["findings"]
        for table in ("pairs", "records", "criteria"):
            assert a.get(table) == b.get(table), table
        assert ("pairs" in a) is not bool(form)
    # which dataset was read: its tag and load time, on stderr and in the document
    assert a["dataset"].startswith("load-") and a["dataset_loaded_at"].endswith(" UTC")
    assert f"read dataset {a['dataset']} (loaded {a['dataset_loaded_at']})" in server.stderr


def test_unreachable_server_exits_3_without_traceback(monkeypatch):
    from tests.neo4j.conftest import _free_port

    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-pass")
    r = CliRunner().invoke(
        cli, ["neo4j", "gaps", "all", "--uri", f"bolt://127.0.0.1:{_free_port()}", "--user", "u"]
    )
    assert r.exit_code == 3
    assert r.output.startswith("Error: cannot reach")
    assert "Traceback" not in r.output and "s3cret-pass" not in r.output


def test_server_killed_mid_load_exits_3():
    from coordgraph.neo4j import connect
    from tests.neo4j.conftest import start_server

    srv = start_server()
    try:
        conn = connect(srv.uri, "falkordb", "", timeout=2)
        G = synthesize(countries=20, routes=300, seed=5).to_networkx()

        def kill(done: int, total: int) -> None:
            if done == 2:
                srv.process.kill()

        with pytest.raises(BackendUnavailable):
            load_graph(G, conn, on_batch=kill)
        conn.close()
    finally:
        if srv.process.poll() is None:
            srv.stop()


def test_values_that_look_like_cypher_are_only_parameters(conn):
    from coordgraph.dataset import Dataset
    from coordgraph.model import DatasetInfo, Source

    nasty = "x'}) DETACH DELETE n //"
    ds = Dataset.from_records(DatasetInfo(name="t", title="t"), [Source(id="s", title=nasty)])
    load_graph(ds.to_networkx(), conn)
    back = graph_from_server(conn)
    assert back.nodes["Source:s"]["title"] == nasty


def test_script_escapes_values():
    from coordgraph.neo4j.script import cypher_literal

    assert cypher_literal("a'b\\c") == "'a\\'b\\\\c'"
    assert cypher_literal(["x", 1, True, None]) == "['x', 1, true, null]"
    assert coordgraph.load()  # the script export runs on the bundled dataset


def test_cli_load_exits_3_when_the_server_dies_mid_load(tmp_path):
    """A real process, a real server killed while it loads: exit 3, one line, no traceback."""
    import os
    import subprocess
    import sys
    import time

    from coordgraph.io.csvdir import write_csv_dir
    from tests.neo4j.conftest import start_server

    data = write_csv_dir(
        synthesize(countries=40, routes=4000, agreements=200, seed=9), tmp_path / "d"
    )
    srv = start_server()
    env = {
        **os.environ,
        "NEO4J_URI": srv.uri,
        "NEO4J_USER": "falkordb",
        "NEO4J_PASSWORD": "p4ss-w0rd",
    }
    exe = [sys.executable, "-c", "from coordgraph.cli import main; main()"]
    proc = subprocess.Popen(
        [*exe, "neo4j", "load", str(data), "--quiet"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(2.0)
        srv.process.kill()
        _, err = proc.communicate(timeout=60)
    finally:
        if srv.process.poll() is None:
            srv.stop()
    assert proc.returncode == 3, err
    assert err.strip().startswith("Error:") and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and "p4ss-w0rd" not in err


def test_password_is_never_logged(caplog, server):
    import logging

    from coordgraph.neo4j import connect

    caplog.set_level(logging.DEBUG)
    conn = connect(server.uri, "falkordb", "")
    conn.run("RETURN 1 AS x")
    wrong = connect(server.uri, "falkordb", "sekr1t-value")
    with pytest.raises(BackendUnavailable, match="did not accept user 'falkordb'"):
        wrong.run("RETURN 1 AS x")
    assert "sekr1t-value" not in repr(wrong)
    assert "sekr1t-value" not in caplog.text


def test_wrong_password_exits_3_on_the_command_line(server, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password")
    r = CliRunner().invoke(cli, ["neo4j", "gaps", "all", "--uri", server.uri, "--user", "falkordb"])
    assert r.exit_code == 3
    assert "did not accept user" in r.output
    assert "not-the-password" not in r.output and "Traceback" not in r.output


@pytest.mark.slow
def test_previous_dataset_intact_after_restart_mid_replace(tmp_path):
    """Snapshot taken half-way through a replacing load, server killed, restarted from the
    snapshot: readers still see the previous dataset, and the next load cleans up."""
    from coordgraph.neo4j import connect
    from tests.neo4j.conftest import save_snapshot, start_server

    srv = start_server(data_dir=str(tmp_path))
    port, bolt = srv.port, srv.bolt_port
    conn = connect(srv.uri, "falkordb", "", timeout=3)
    first = coordgraph.load().to_networkx()
    load_graph(first, conn, replace=True)
    before = counts(conn)
    second = synthesize(countries=30, routes=2000, seed=1).to_networkx()

    def snapshot_then_kill(done: int, total: int) -> None:
        if done == 5:
            save_snapshot(srv)  # the snapshot holds the first dataset and part of the second
            srv.process.kill()

    with pytest.raises(BackendUnavailable):
        load_graph(second, conn, replace=True, on_batch=snapshot_then_kill)
    srv.process.wait()
    conn.close()
    srv = start_server(data_dir=str(tmp_path), port=port, bolt_port=bolt)
    try:
        conn = connect(srv.uri, "falkordb", "", timeout=3)
        assert counts(conn) == before
        assert set(graph_from_server(conn).nodes) == set(first.nodes)
        load_graph(second, conn, replace=True)
        assert counts(conn) == stored_counts(second)
        tags = conn.run("MATCH (n) WHERE n.dataset IS NOT NULL RETURN DISTINCT n.dataset AS t")
        assert len(tags) == 1
        conn.close()
    finally:
        srv.stop()
