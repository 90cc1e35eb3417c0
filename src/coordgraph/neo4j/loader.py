"""Batched, idempotent loading with an all-or-nothing replace.

Every node and relationship carries ``dataset`` = the tag of the load that wrote it, and
one ``(:CoordgraphMeta {id: 'current'})`` node names the tag readers use. A replacing
load writes under a new tag and switches the meta node only once every batch is in;
then the old tag is deleted. A load that fails half-way removes what it wrote (or, if
the server is gone, leaves it under a tag no reader uses), so the previous dataset stays
as it was. Batches are bounded by rows and by serialised size measured as the bytes
will travel (after the percent-encoding FalkorDB needs): FalkorDB's Bolt endpoint fails
on messages over about 8 KB, so a value too long for one message is sent in pieces.

One writer at a time: a load (or clear) holds the ``(:CoordgraphMeta {id: 'lock'})``
node, refreshing it as it goes. Another load waits for it (``wait`` seconds), then gives
up with :class:`~coordgraph.errors.BackendBusy`; a lock its holder stopped refreshing
(killed process) is taken over after ``LOCK_STALE_SECONDS``. So two concurrent
``--replace`` loads both succeed one after the other and leave one complete dataset.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx

from coordgraph.errors import BackendBusy, BackendError
from coordgraph.neo4j.connection import Connection, cypher_file
from coordgraph.neo4j.convert import encode_strings, to_db
from coordgraph.vocab import NodeKind, Relation

__all__ = ["LoadResult", "clear", "counts", "current_tag", "load_graph"]

MAX_BATCH_BYTES = 3500
#: a value longer than this, once encoded, travels in pieces of at most this size
MAX_VALUE_BYTES = 1500
LOCK_STALE_SECONDS = 30.0
_REFRESH_EVERY = 5.0
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LABELS = {str(k) for k in NodeKind}
_TYPES = {str(r) for r in Relation}


@dataclass(frozen=True)
class LoadResult:
    tag: str
    nodes: int
    relationships: int
    batches: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return (self.nodes + self.relationships) / self.seconds if self.seconds else 0.0


def _split(node: str) -> tuple[str, str]:
    kind, _, ident = node.partition(":")
    if kind not in _LABELS:
        raise BackendError(f"node {node!r} has no known kind")
    return kind, ident


Statement = tuple[str, dict[str, Any]]
Encoder = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _size(value: Any, encode: Encoder) -> int:
    """Bytes ``value`` takes in a message once encoded for the server."""
    return len(json.dumps(encode(value), ensure_ascii=False).encode("utf-8"))


def _pieces(value: Any, encode: Encoder) -> list[Any]:
    """``value`` (a long text or list) cut into parts of at most MAX_VALUE_BYTES encoded."""
    parts: list[Any] = []
    if isinstance(value, str):
        current: list[str] = []
        size = 2
        for ch in value:
            n = _size(ch, encode) - 2
            if current and size + n > MAX_VALUE_BYTES:
                parts.append("".join(current))
                current, size = [], 2
            current.append(ch)
            size += n
        parts.append("".join(current))
        return parts
    items: list[Any] = []
    size = 2
    for item in value:
        n = _size(item, encode) + 1
        if n > MAX_VALUE_BYTES:
            raise BackendError(
                f"one list item is {n} bytes once encoded; the server accepts messages of "
                f"about {MAX_BATCH_BYTES} bytes"
            )
        if items and size + n > MAX_VALUE_BYTES:
            parts.append(items)
            items, size = [], 2
        items.append(item)
        size += n
    parts.append(items)
    return parts


def _split_row(
    row: dict[str, Any], encode: Encoder
) -> tuple[dict[str, Any], list[tuple[str, list[Any]]]]:
    """The row to send in a batch, and the long values to send afterwards in pieces."""
    props = dict(row["props"])
    later: list[tuple[str, list[Any]]] = []
    sizes = sorted(((_size(v, encode), k) for k, v in props.items()), reverse=True)
    total = _size(row, encode)
    for size, key in sizes:
        value = props[key]
        if size <= MAX_VALUE_BYTES and total <= MAX_BATCH_BYTES:
            break
        if not isinstance(value, str | list) or not _KEY.match(key):
            raise BackendError(f"the value of {key!r} is too long to send to the server")
        later.append((key, _pieces(props.pop(key), encode)))
        total -= size
    return {**row, "props": props}, later


def _batches(
    rows: list[dict[str, Any]], batch_size: int, encode: Encoder = _identity
) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    size = 0
    for row in rows:
        row_size = _size(row, encode) + 1
        if row_size > MAX_BATCH_BYTES:
            raise BackendError(
                f"one record is {row_size} bytes once encoded; the server accepts "
                f"messages of about {MAX_BATCH_BYTES} bytes"
            )
        if batch and (len(batch) >= batch_size or size + row_size > MAX_BATCH_BYTES):
            yield batch
            batch, size = [], 0
        batch.append(row)
        size += row_size
    if batch:
        yield batch


def _props(attrs: dict[str, Any], drop: set[str]) -> dict[str, Any]:
    return {k: to_db(v) for k, v in attrs.items() if k not in drop and v is not None}


def plan_statements(
    G: nx.MultiDiGraph, batch_size: int, *, encode: Encoder = _identity
) -> list[Statement]:
    """The parameterised statements (query, parameters) that write ``G``, in order.

    ``encode`` is what the connection does to values before sending them
    (:func:`~coordgraph.neo4j.convert.encode_strings` for FalkorDB): sizes are measured
    after it, so no message exceeds what the server accepts.
    """
    node_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node, attrs in G.nodes(data=True):
        kind, ident = _split(node)
        node_rows[kind].append({"id": ident, "props": _props(attrs, {"id"})})
    edge_rows: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, key, attrs in G.edges(keys=True, data=True):
        (ku, iu), (kv, iv) = _split(u), _split(v)
        rel = str(attrs["relation"])
        if rel not in _TYPES:
            raise BackendError(f"relationship {rel!r} is not a known type")
        edge_rows[(ku, rel, kv)].append(
            {"src": iu, "dst": iv, "key": str(key), "props": _props(attrs, {"relation", "key"})}
        )
    node_query = cypher_file("load_nodes.cypher")
    rel_query = cypher_file("load_relationships.cypher")
    node_piece = cypher_file("append_node_property.cypher")
    rel_piece = cypher_file("append_relationship_property.cypher")
    out: list[Statement] = []

    def add(query: str, piece_query: str, rows: list[dict[str, Any]]) -> None:
        sent, later = [], []
        for row in rows:
            small, pieces = _split_row(row, encode)
            sent.append(small)
            later += [(small, key, parts) for key, parts in pieces]
        out.extend((query, {"rows": batch}) for batch in _batches(sent, batch_size, encode))
        for row, key, parts in later:
            where: dict[str, Any] = {k: row[k] for k in ("id", "src", "dst", "key") if k in row}
            for i, part in enumerate(parts):
                params: dict[str, Any] = {**where, "first": i == 0, "value": part}
                out.append((piece_query.replace("__KEY__", key), params))

    for kind in sorted(node_rows):
        label = {"__LABEL__": kind}
        add(_fill(node_query, label), _fill(node_piece, label), node_rows[kind])
    for ku, rel, kv in sorted(edge_rows):
        names = {"__FROM__": ku, "__TO__": kv, "__TYPE__": rel}
        add(_fill(rel_query, names), _fill(rel_piece, names), edge_rows[(ku, rel, kv)])
    return out


def _fill(query: str, names: dict[str, str]) -> str:
    """Put names from coordgraph's fixed lists into a query's placeholders."""
    for placeholder, name in names.items():
        query = query.replace(placeholder, name)
    return query


class _Lock:
    """The server's write lock, held by one process at a time (see the module doc)."""

    def __init__(self, conn: Connection, *, wait: float) -> None:
        self.conn = conn
        self.wait = wait
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._last = 0.0

    def __enter__(self) -> _Lock:
        self.conn.run(cypher_file("ensure_lock.cypher"))
        deadline = time.monotonic() + self.wait
        while True:
            rows = self.conn.run(
                cypher_file("acquire_lock.cypher"),
                owner=self.owner,
                stale_ms=int(LOCK_STALE_SECONDS * 1000),
            )
            holder = rows[0]["owner"] if rows else None
            if holder == self.owner:
                self._last = time.monotonic()
                return self
            if time.monotonic() >= deadline:
                raise BackendBusy(
                    f"another coordgraph load or clear (process {holder}) is writing to the "
                    f"server at {self.conn.safe_uri}; waited {self.wait:.0f} s. Run again when "
                    "it has finished (or give --wait more seconds); nothing was changed"
                )
            time.sleep(min(0.5, max(0.05, deadline - time.monotonic())))

    def refresh(self, force: bool = False) -> None:
        """Keep the lock; fail if another process took it over as stale."""
        if not force and time.monotonic() - self._last < _REFRESH_EVERY:
            return
        rows = self.conn.run(cypher_file("refresh_lock.cypher"), owner=self.owner)
        if not rows or not rows[0]["held"]:
            raise BackendBusy(
                "this load lost the server's write lock (it was idle too long and another "
                "process took over); nothing of it was made current"
            )
        self._last = time.monotonic()

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(BackendError):
            self.conn.run(cypher_file("release_lock.cypher"), owner=self.owner)


SCHEMA_VERSION = 1


def ensure_schema(conn: Connection) -> None:
    """Create the indexes of ``schema.cypher`` once per database.

    A ``(:CoordgraphMeta {id: 'schema'})`` node records that they exist: FalkorDB answers
    an index that exists already with an error that also drops the connection.
    """
    rows = conn.run("MATCH (m:CoordgraphMeta {id: 'schema'}) RETURN m.version AS v")
    if rows and rows[0].get("v") == SCHEMA_VERSION:
        return
    for statement in cypher_file("schema.cypher").split(";"):
        if statement.strip():
            with contextlib.suppress(BackendError):  # an index that exists already
                conn.run(statement.strip())
    conn.run("MERGE (m:CoordgraphMeta {id: 'schema'}) SET m.version = $v", v=SCHEMA_VERSION)


def current_tag(conn: Connection) -> str | None:
    rows = conn.run(cypher_file("current_tag.cypher"))
    return str(rows[0]["tag"]) if rows and rows[0].get("tag") else None


def _delete_tag(conn: Connection, tag: str, lock: _Lock | None = None) -> None:
    query = cypher_file("delete_tag.cypher")
    while conn.run(query, tag=tag)[0]["deleted"]:
        if lock is not None:
            lock.refresh()


def _other_tags(conn: Connection, keep: str) -> list[str]:
    rows = conn.run(
        "MATCH (n) WHERE n.dataset IS NOT NULL AND n.dataset <> $tag "
        "RETURN DISTINCT n.dataset AS tag",
        tag=keep,
    )
    return [str(r["tag"]) for r in rows]


def load_graph(
    G: nx.MultiDiGraph,
    conn: Connection,
    *,
    batch_size: int = 200,
    replace: bool = False,
    wait: float = 60.0,
    on_batch: Callable[[int, int], None] | None = None,
) -> LoadResult:
    """Write ``G`` to the server.

    Without ``replace`` the graph is merged into the current dataset (loading the same
    graph twice changes nothing; each record written gets exactly the properties it has
    in ``G``). With ``replace`` it becomes the current dataset only once every batch is
    written; the previous one is then deleted.

    Only one load writes at a time: if another holds the server's write lock, this one
    waits up to ``wait`` seconds, then raises :class:`~coordgraph.errors.BackendBusy`.

    ``on_batch(done, total)`` is called after each batch (progress bars use it).
    """
    if batch_size < 1:
        raise BackendError("batch size must be at least 1")
    started = time.perf_counter()
    ensure_schema(conn)
    encode = encode_strings if conn.mangles_strings else _identity
    statements = plan_statements(G, batch_size, encode=encode)
    with _Lock(conn, wait=wait) as lock:
        previous = current_tag(conn)
        tag = previous if (previous and not replace) else f"load-{uuid.uuid4().hex[:12]}"
        try:
            for done, (query, params) in enumerate(statements, start=1):
                conn.run(query, **params, tag=tag)
                lock.refresh()
                if on_batch is not None:
                    on_batch(done, len(statements))
            lock.refresh(force=True)
        except BaseException:
            if tag != previous:
                # if the server is gone, the partial load stays under a tag nobody reads
                with contextlib.suppress(BackendError):
                    _delete_tag(conn, tag)
            raise
        conn.run(cypher_file("switch_tag.cypher"), tag=tag)
        for old in _other_tags(conn, tag):
            if old != tag:
                _delete_tag(conn, old, lock)
    return LoadResult(
        tag,
        G.number_of_nodes(),
        G.number_of_edges(),
        len(statements),
        time.perf_counter() - started,
    )


def counts(conn: Connection) -> tuple[int, int]:
    """Nodes and relationships of the current dataset."""
    tag = current_tag(conn)
    if tag is None:
        return (0, 0)
    n = conn.run("MATCH (n) WHERE n.dataset = $tag RETURN count(n) AS c", tag=tag)[0]["c"]
    r = conn.run("MATCH ()-[r]->() WHERE r.dataset = $tag RETURN count(r) AS c", tag=tag)[0]["c"]
    return int(n), int(r)


def clear(conn: Connection, *, wait: float = 60.0) -> int:
    """Delete every node coordgraph wrote (all tags) and the meta node, holding the
    write lock like a load."""
    removed = 0
    with _Lock(conn, wait=wait) as lock:
        for tag in _other_tags(conn, ""):
            before = conn.run("MATCH (n) WHERE n.dataset = $tag RETURN count(n) AS c", tag=tag)
            removed += int(before[0]["c"])
            _delete_tag(conn, tag, lock)
        conn.run("MATCH (m:CoordgraphMeta {id: 'current'}) DETACH DELETE m")
    return removed
