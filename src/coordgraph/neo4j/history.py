"""What this computer last did to each graph server: which dataset it loaded there
(tag and the server's load time) or when it cleared it.

A server can lose its latest data without a word: a FalkorDB (redis) server restarted
from an older snapshot, a database restored from a backup. It then answers readers with
an older dataset as if it were the current one. Readers compare the server's current
dataset with this record and refuse an older one (see
:func:`coordgraph.neo4j.read.graph_from_server`).

The record is one small JSON file, ``server-datasets.json``, in ``COORDGRAPH_STATE_DIR``
(default ``$XDG_STATE_HOME/coordgraph``, else ``~/.local/state/coordgraph``), keyed by the
server's address (never its credentials) and database or graph; times are the server's
own clock (``timestamp()``, milliseconds), so clocks of different computers never meet.
A record that cannot be read or written is logged and otherwise ignored: it never stops
a load.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coordgraph.neo4j.connection import Connection

__all__ = ["STATE_DIR_ENV", "last_event", "record_clear", "record_load", "state_file", "when"]

STATE_DIR_ENV = "COORDGRAPH_STATE_DIR"
_FILE = "server-datasets.json"

log = logging.getLogger(__name__)


def state_file() -> Path:
    """Where the record lives."""
    folder = os.environ.get(STATE_DIR_ENV)
    if not folder:
        base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
        folder = str(Path(base) / "coordgraph")
    return Path(folder) / _FILE


def _key(conn: Connection) -> str:
    where = getattr(conn, "graph_name", None) or conn.database or ""
    return f"{conn.safe_uri}#{where}"


def when(ms: object) -> str:
    """A server time in milliseconds as ``2026-12-07 03:40:12 UTC`` (``?`` if unknown)."""
    if not isinstance(ms, int) or isinstance(ms, bool):
        return "at an unknown time"
    moment = dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("cannot read %s (%s); the last loads are unknown", path, exc)
        return {}
    return data if isinstance(data, dict) else {}


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold a lock beside ``path`` (two loads at once both keep their line)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_suffix(".lock").open("a", encoding="utf-8") as handle:
        try:
            import fcntl
        except ImportError:  # not on POSIX: the last writer wins
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write(conn: Connection, entry: dict[str, Any]) -> None:
    path = state_file()
    try:
        with _locked(path):
            data = _read(path)
            data[_key(conn)] = entry
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".server-datasets.")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, indent=1, sort_keys=True)
            Path(tmp).replace(path)
    except OSError as exc:
        log.warning("cannot record the load in %s (%s)", path, exc)


def record_load(conn: Connection, tag: str, loaded_at: object) -> None:
    """Remember that ``tag`` became the server's current dataset at ``loaded_at``."""
    _write(conn, {"event": "load", "tag": tag, "at": loaded_at, "server": conn.safe_uri})


def record_clear(conn: Connection, cleared_at: object) -> None:
    """Remember that the server was cleared at ``cleared_at``."""
    _write(conn, {"event": "clear", "tag": None, "at": cleared_at, "server": conn.safe_uri})


def last_event(conn: Connection) -> dict[str, Any] | None:
    """The last load or clear this computer recorded for the server, or ``None``."""
    entry = _read(state_file()).get(_key(conn))
    return entry if isinstance(entry, dict) and isinstance(entry.get("at"), int) else None
