"""Every wait on the graph server is bounded: connecting, each statement, the lock wait,
over Bolt and the native client. Tested against endpoints that really do not answer: a
listening socket that never replies, and a real FalkorDB server stopped (SIGSTOP) half-way
through a load and a read. Also what a refused log-on on FalkorDB's own port says."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

import coordgraph
from coordgraph.cli import cli
from coordgraph.errors import BackendUnavailable, UsageError
from coordgraph.neo4j import connect, current_tag, graph_from_server, load_graph
from coordgraph.neo4j.connection import ATTEMPTS
from coordgraph.synth import synthesize
from tests.neo4j.conftest import Server, start_server

pytestmark = pytest.mark.server

#: what a slow shared machine may add to a limit before a test calls it a hang
SLACK = 15.0


@pytest.fixture
def silent() -> Iterator[int]:
    """The port of a socket that accepts connections (the kernel does, up to the backlog)
    and never answers a byte."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(64)
        yield s.getsockname()[1]


@pytest.fixture
def own_server() -> Iterator[Server]:
    """A server of its own, since these tests stop it."""
    srv = start_server()
    yield srv
    if srv.process.poll() is None:
        os.kill(srv.process.pid, signal.SIGCONT)
        srv.stop()


def _bundled():
    return coordgraph.load().to_networkx()


@pytest.mark.parametrize("scheme", ["falkordb", "bolt"])
def test_a_server_that_never_answers_fails_within_the_connect_limit(silent, scheme):
    conn = connect(f"{scheme}://127.0.0.1:{silent}", "u", "", timeout=1, query_timeout=60)
    started = time.monotonic()
    with pytest.raises(BackendUnavailable, match=r"no answer within 1 s") as caught:
        load_graph(_bundled(), conn)
    took = time.monotonic() - started
    tries = ATTEMPTS if scheme == "bolt" else 1
    assert took < tries * 1 + SLACK, took
    assert "COORDGRAPH_CONNECT_TIMEOUT" in str(caught.value)
    assert len(str(caught.value).splitlines()) == 1


@pytest.mark.parametrize("scheme", ["falkordb", "bolt"])
def test_cli_load_to_a_silent_address_is_one_line_and_exit_3(silent, scheme, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "")
    monkeypatch.setenv("COORDGRAPH_CONNECT_TIMEOUT", "1")
    started = time.monotonic()
    r = CliRunner().invoke(
        cli, ["neo4j", "load", "--quiet", "--uri", f"{scheme}://127.0.0.1:{silent}"]
    )
    took = time.monotonic() - started
    assert r.exit_code == 3, r.output
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: cannot reach"), r.output
    assert "within 1 s" in lines[0] and "Traceback" not in r.output
    assert took < ATTEMPTS + SLACK + 10, took  # + reading the dataset


@pytest.mark.parametrize("scheme", ["falkordb", "bolt"])
def test_a_server_stopped_mid_load_fails_within_the_query_limit(own_server, scheme):
    """SIGSTOP after the second batch: the next statement waits its limit, then one
    error; nothing is tried again and no clean-up waits for the stopped server."""
    uri = own_server.uri if scheme == "bolt" else f"falkordb://127.0.0.1:{own_server.port}"
    conn = connect(uri, "falkordb", "", timeout=2, query_timeout=2)
    G = synthesize(countries=20, routes=300, seed=5).to_networkx()
    stopped: list[float] = []

    def stop(done: int, total: int) -> None:
        if done == 2:
            os.kill(own_server.process.pid, signal.SIGSTOP)
            stopped.append(time.monotonic())

    with pytest.raises(BackendUnavailable, match=r"did not answer a query within 2 s"):
        load_graph(G, conn, on_batch=stop, batch_size=50)
    took = time.monotonic() - stopped[0]
    assert took < 2 + SLACK, took
    os.kill(own_server.process.pid, signal.SIGCONT)


@pytest.mark.parametrize("scheme", ["falkordb", "bolt"])
def test_a_read_from_a_stopped_server_fails_within_the_query_limit(own_server, scheme):
    uri = own_server.uri if scheme == "bolt" else f"falkordb://127.0.0.1:{own_server.port}"
    conn = connect(uri, "falkordb", "", timeout=2, query_timeout=2)
    load_graph(_bundled(), conn, replace=True)
    assert current_tag(conn)  # connected, then the server stops answering
    os.kill(own_server.process.pid, signal.SIGSTOP)
    started = time.monotonic()
    with pytest.raises(BackendUnavailable, match=r"did not answer a query within 2 s"):
        graph_from_server(conn)
    assert time.monotonic() - started < 2 + SLACK
    os.kill(own_server.process.pid, signal.SIGCONT)
    assert set(graph_from_server(conn).nodes) == set(_bundled().nodes)  # answers again


def test_neo4j_gaps_against_a_stopped_server_exits_3_within_its_limits(own_server, tmp_path):
    """A real process, the server stopped while it reads: one line, exit 3, within the
    limits (before: over 12 minutes, and SIGTERM did not end it)."""
    conn = connect(own_server.uri, "falkordb", "")
    load_graph(_bundled(), conn, replace=True)
    conn.close()
    env = {
        **os.environ,
        "NEO4J_URI": own_server.uri,
        "NEO4J_USER": "falkordb",
        "NEO4J_PASSWORD": "",
        "COORDGRAPH_CONNECT_TIMEOUT": "2",
        "COORDGRAPH_QUERY_TIMEOUT": "3",
    }
    exe = [sys.executable, "-c", "from coordgraph.cli import main; main()"]
    os.kill(own_server.process.pid, signal.SIGSTOP)
    started = time.monotonic()
    proc = subprocess.run(
        [*exe, "neo4j", "gaps", "all"], env=env, capture_output=True, text=True, timeout=300
    )
    took = time.monotonic() - started
    assert proc.returncode == 3, proc.stderr
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Error:"), proc.stderr
    assert "within 2 s" in err[0] or "within 3 s" in err[0]
    assert took < ATTEMPTS * 2 + 3 + SLACK + 20, took  # + starting Python on a busy machine


def test_the_lock_wait_is_bounded_against_a_stopped_server(own_server):
    conn = connect(own_server.uri, "falkordb", "", timeout=1, query_timeout=2)
    load_graph(_bundled(), conn, replace=True)
    os.kill(own_server.process.pid, signal.SIGSTOP)
    started = time.monotonic()
    with pytest.raises(BackendUnavailable):
        load_graph(_bundled(), conn, replace=True, wait=60)
    assert time.monotonic() - started < 2 + SLACK


def test_limits_come_from_the_environment_and_are_checked(monkeypatch):
    monkeypatch.setenv("COORDGRAPH_CONNECT_TIMEOUT", "7.5")
    monkeypatch.setenv("COORDGRAPH_QUERY_TIMEOUT", "30")
    conn = connect("bolt://localhost:7687", "u", "")
    assert (conn.timeout, conn.query_timeout) == (7.5, 30.0)
    assert connect("bolt://localhost:7687", "u", "", query_timeout=4).query_timeout == 4
    for bad in ("0", "-1", "soon", "nan", "inf"):
        monkeypatch.setenv("COORDGRAPH_QUERY_TIMEOUT", bad)
        with pytest.raises(UsageError, match="COORDGRAPH_QUERY_TIMEOUT"):
            connect("bolt://localhost:7687", "u", "")
    monkeypatch.setenv("COORDGRAPH_QUERY_TIMEOUT", "soon")
    r = CliRunner().invoke(cli, ["neo4j", "gaps", "all", "--uri", "bolt://localhost:1"])
    assert r.exit_code == 2 and "--query-timeout" in r.output, r.output


# -- log-on to FalkorDB's own port ---------------------------------------------------


@pytest.fixture(scope="module")
def locked_server() -> Iterator[Server]:
    srv = start_server(password="c0rrect-horse")
    yield srv
    srv.stop()


def test_the_right_password_with_user_neo4j_names_the_user_as_the_problem(
    locked_server, monkeypatch
):
    """FalkorDB's port knows its Redis ACL users (only 'default' here): the password
    is right, the user is not, and the message says so (before: 'did not accept user
    'neo4j' (check NEO4J_USER and NEO4J_PASSWORD)')."""
    uri = f"falkordb://127.0.0.1:{locked_server.port}"
    with pytest.raises(BackendUnavailable, match=r"has no user 'neo4j'.*--user default") as e:
        connect(uri, "neo4j", "c0rrect-horse").run("RETURN 1 AS x")
    assert "c0rrect-horse" not in str(e.value)
    with pytest.raises(BackendUnavailable, match=r"refused user 'neo4j' with this password"):
        connect(uri, "neo4j", "wrong").run("RETURN 1 AS x")
    with pytest.raises(BackendUnavailable, match=r"refused the password of user 'default'"):
        connect(uri, "default", "wrong").run("RETURN 1 AS x")
    with pytest.raises(BackendUnavailable, match=r"asks for a password"):
        connect(uri, "default", "").run("RETURN 1 AS x")
    assert connect(uri, "default", "c0rrect-horse").run("RETURN 1 AS x") == [{"x": 1}]
    monkeypatch.delenv("NEO4J_USER", raising=False)
    # without a user given, falkordb:// logs on as the ACL's default user
    assert connect(uri, None, "c0rrect-horse").run("RETURN 1 AS x") == [{"x": 1}]
    monkeypatch.setenv("NEO4J_PASSWORD", "c0rrect-horse")
    r = CliRunner().invoke(cli, ["neo4j", "gaps", "all", "--uri", uri, "--user", "neo4j"])
    assert r.exit_code == 3
    assert "has no user 'neo4j'" in r.output and "c0rrect-horse" not in r.output
