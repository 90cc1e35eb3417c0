"""After a server restart, reads name the dataset they read and never silently read an
older one than the last loaded: a FalkorDB server restarted from an older snapshot (on
its data dir) answers with that snapshot's dataset as if it were current."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

import coordgraph
from coordgraph.cli import cli
from coordgraph.errors import BackendError
from coordgraph.neo4j import connect, graph_from_server, load_graph
from coordgraph.neo4j.history import state_file
from coordgraph.synth import synthesize
from tests.neo4j.conftest import save_snapshot, start_server

pytestmark = pytest.mark.server


def _gaps(uri: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(
        cli,
        ["neo4j", "gaps", "all", "--uri", uri, "--user", "falkordb", "--format", "json"],
        env={"NEO4J_PASSWORD": ""},
    )
    return r.exit_code, r.stdout, r.stderr


def test_a_server_restarted_from_an_older_snapshot_is_refused_then_reloaded(tmp_path):
    srv = start_server(data_dir=str(tmp_path))
    port, bolt = srv.port, srv.bolt_port
    try:
        conn = connect(srv.uri, "falkordb", "", timeout=3)
        older = coordgraph.load().to_networkx()
        first = load_graph(older, conn, replace=True)
        save_snapshot(srv)  # the snapshot holds the first dataset
        newer = synthesize(countries=12, routes=60, seed=3).to_networkx()
        second = load_graph(newer, conn, replace=True)
        code, out, err = _gaps(srv.uri)
        assert code == 0 and f"read dataset {second.tag} (loaded 20" in err
        head = json.loads(out)
        assert head["dataset"] == second.tag and head["dataset_loaded_at"].startswith("20")
        conn.close()
        srv.stop()  # killed: the second load was never saved

        srv = start_server(data_dir=str(tmp_path), port=port, bolt_port=bolt)
        conn = connect(srv.uri, "falkordb", "", timeout=3)
        with pytest.raises(BackendError) as caught:
            graph_from_server(conn)
        message = str(caught.value)
        assert f"holds dataset {first.tag} (loaded 20" in message
        assert f"loaded {second.tag} there" in message and "--replace" in message
        assert str(state_file()) in message
        # the command line: one line, exit 3, no findings of the older dataset
        code, out, err = _gaps(srv.uri)
        assert code == 3 and out == "" and len(err.strip().splitlines()) == 1
        assert err.startswith("Error: the server at") and first.tag in err

        # the next replacing load makes the server current again, and reads name it
        third = load_graph(newer, conn, replace=True)
        code, out, err = _gaps(srv.uri)
        assert code == 0, err
        assert re.search(rf"read dataset {third.tag} \(loaded \d{{4}}-\d\d-\d\d ", err)
        assert set(graph_from_server(conn).nodes) == set(newer.nodes)
        assert graph_from_server(conn).graph["server_dataset"]["tag"] == third.tag
        conn.close()
    finally:
        srv.stop()


def test_a_server_restarted_empty_says_it_lost_the_last_load(tmp_path):
    srv = start_server(data_dir=str(tmp_path))
    port, bolt = srv.port, srv.bolt_port
    try:
        native = f"falkordb://127.0.0.1:{port}"
        conn = connect(native, "falkordb", "", timeout=3)
        loaded = load_graph(coordgraph.load().to_networkx(), conn, replace=True)
        conn.close()
        srv.stop()  # nothing was ever saved
        srv = start_server(data_dir=str(tmp_path), port=port, bolt_port=bolt)
        conn = connect(native, "falkordb", "", timeout=3)
        with pytest.raises(BackendError, match=r"holds no coordgraph dataset") as caught:
            graph_from_server(conn)
        assert f"loaded {loaded.tag} there" in str(caught.value)
        assert "lost it" in str(caught.value)
        conn.close()
    finally:
        srv.stop()


def test_a_dataset_from_another_computer_loaded_later_is_read(server, monkeypatch, tmp_path):
    """What matters is the server's load time: a later load this computer did not make
    (another state folder stands for another computer) is current, and is read."""
    conn = connect(server.uri, "falkordb", "")
    mine = load_graph(coordgraph.load().to_networkx(), conn, replace=True)
    monkeypatch.setenv("COORDGRAPH_STATE_DIR", str(tmp_path / "elsewhere"))
    theirs = load_graph(
        synthesize(countries=8, routes=20, seed=2).to_networkx(), conn, replace=True
    )
    monkeypatch.undo()
    assert mine.tag != theirs.tag
    assert graph_from_server(conn).graph["server_dataset"]["tag"] == theirs.tag
