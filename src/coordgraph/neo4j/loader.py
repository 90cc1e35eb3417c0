"""Batched, idempotent loading with an all-or-nothing replace.

Every node and relationship carries ``dataset`` = the tag of the load that wrote it, and
one ``(:CoordgraphMeta {id: 'current'})`` node names the tag readers use. A replacing
load writes under a new tag and switches the meta node only once every batch is in;
then the old tag is deleted. A load that fails half-way removes what it wrote (or, if
the server is gone, leaves it under a tag no reader uses), so the previous dataset stays
as it was. Batches are bounded by rows and by serialised size: FalkorDB's Bolt endpoint
fails on messages over about 8 KB.
"""

from __future__ import annotations

import contextlib
import json
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx

from coordgraph.errors import BackendError
from coordgraph.neo4j.connection import Connection, cypher_file
from coordgraph.neo4j.convert import to_db
from coordgraph.vocab import NodeKind, Relation

__all__ = ["LoadResult", "clear", "counts", "current_tag", "load_graph"]

MAX_BATCH_BYTES = 3500
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


def _batches(rows: list[dict[str, Any]], batch_size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    size = 0
    for row in rows:
        row_size = len(json.dumps(row, ensure_ascii=False).encode("utf-8")) + 1
        if row_size > MAX_BATCH_BYTES:
            raise BackendError(
                f"one record is {row_size} bytes once serialised; the server accepts "
                f"messages of about {MAX_BATCH_BYTES} bytes (shorten its notes or names)"
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


def plan_statements(G: nx.MultiDiGraph, batch_size: int) -> list[tuple[str, list[dict[str, Any]]]]:
    """The parameterised statements (query, rows) that write ``G``, in order."""
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
    out: list[tuple[str, list[dict[str, Any]]]] = []
    for kind in sorted(node_rows):
        query = node_query.replace("__LABEL__", kind)
        out.extend((query, batch) for batch in _batches(node_rows[kind], batch_size))
    for ku, rel, kv in sorted(edge_rows):
        query = rel_query.replace("__FROM__", ku).replace("__TO__", kv).replace("__TYPE__", rel)
        out.extend((query, batch) for batch in _batches(edge_rows[(ku, rel, kv)], batch_size))
    return out


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


def _delete_tag(conn: Connection, tag: str) -> None:
    query = cypher_file("delete_tag.cypher")
    while conn.run(query, tag=tag)[0]["deleted"]:
        pass


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
    on_batch: Callable[[int, int], None] | None = None,
) -> LoadResult:
    """Write ``G`` to the server.

    Without ``replace`` the graph is merged into the current dataset (loading the same
    graph twice changes nothing). With ``replace`` it becomes the current dataset only
    once every batch is written; the previous one is then deleted.

    ``on_batch(done, total)`` is called after each batch (progress bars use it).
    """
    if batch_size < 1:
        raise BackendError("batch size must be at least 1")
    started = time.perf_counter()
    ensure_schema(conn)
    previous = current_tag(conn)
    tag = previous if (previous and not replace) else f"load-{uuid.uuid4().hex[:12]}"
    statements = plan_statements(G, batch_size)
    try:
        for done, (query, rows) in enumerate(statements, start=1):
            conn.run(query, rows=rows, tag=tag)
            if on_batch is not None:
                on_batch(done, len(statements))
    except BaseException:
        if tag != previous:
            # if the server is gone, the partial load stays under a tag nobody reads
            with contextlib.suppress(BackendError):
                _delete_tag(conn, tag)
        raise
    conn.run(cypher_file("switch_tag.cypher"), tag=tag)
    for old in _other_tags(conn, tag):
        if old != tag:
            _delete_tag(conn, old)
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


def clear(conn: Connection) -> int:
    """Delete every node coordgraph wrote (all tags) and the meta node."""
    removed = 0
    for tag in _other_tags(conn, ""):
        before = conn.run("MATCH (n) WHERE n.dataset = $tag RETURN count(n) AS c", tag=tag)
        removed += int(before[0]["c"])
        _delete_tag(conn, tag)
    conn.run("MATCH (m:CoordgraphMeta {id: 'current'}) DETACH DELETE m")
    return removed
