"""Batched, idempotent loading with an all-or-nothing replace.

Every node and relationship carries ``dataset`` = the tag of the load that wrote it, and
one ``(:CoordgraphMeta {id: 'current'})`` node names the tag readers use. A replacing
load writes under a new tag and switches the meta node only once every batch is in;
then the old tag is deleted. A load that fails half-way removes what it wrote (or, if
the server is gone, leaves it under a tag no reader uses), so the previous dataset stays
as it was. Batches are bounded by rows and by serialised size measured as the bytes
will travel (with the escapes FalkorDB's Bolt endpoint reads, which it removes again: the
stored text is the dataset's own): that endpoint fails on messages over about 8 KB, so a
value too long for one message is sent in pieces.

The meta node also says when the dataset became current (``switched_at``, the server's
clock); the loading computer records it too (:mod:`coordgraph.neo4j.history`), so that
a reader can tell when a server answers with an older dataset than the last one loaded.

One writer at a time: a load (or clear) holds the ``(:CoordgraphMeta {id: 'lock'})``
node, refreshing it as it goes. Another load waits for it (``wait`` seconds), then gives
up with :class:`~coordgraph.errors.BackendBusy`; a lock its holder stopped refreshing
(killed process) is taken over after ``LOCK_STALE_SECONDS``. So two concurrent
``--replace`` loads both succeed one after the other and leave one complete dataset.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import socket
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from coordgraph.errors import BackendBusy, BackendError
from coordgraph.model import Route
from coordgraph.neo4j.connection import MAX_FALKORDB_BOLT_BYTES, Connection, cypher_file
from coordgraph.neo4j.convert import cypher_list, escape_for_falkordb_bolt, to_db
from coordgraph.neo4j.history import record_clear, record_load
from coordgraph.routes.table import ROUTE_COLUMNS, RouteTable, route_node, routes_of, stops_column
from coordgraph.vocab import NodeKind, Relation

if TYPE_CHECKING:
    import polars as pl

__all__ = ["LoadResult", "clear", "counts", "current_tag", "load_graph", "split_node_id"]

MAX_BATCH_BYTES = MAX_FALKORDB_BOLT_BYTES
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


def split_node_id(node: str) -> tuple[str, str]:
    """A node id (``Agency:min-a``) as its server label and its record id."""
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
    row: dict[str, Any], encode: Encoder, limit: int = MAX_BATCH_BYTES
) -> tuple[dict[str, Any], list[tuple[str, list[Any]]]]:
    """The row to send in a batch, and the long values to send afterwards in pieces."""
    props = dict(row["props"])
    later: list[tuple[str, list[Any]]] = []
    sizes = sorted(((_size(v, encode), k) for k, v in props.items()), reverse=True)
    total = _size(row, encode)
    for size, key in sizes:
        value = props[key]
        if size <= MAX_VALUE_BYTES and total <= limit:
            break
        if not isinstance(value, str | list) or not _KEY.match(key):
            raise BackendError(f"the value of {key!r} is too long to send to the server")
        later.append((key, _pieces(props.pop(key), encode)))
        total -= size
    return {**row, "props": props}, later


def _batches(
    rows: list[dict[str, Any]],
    batch_size: int,
    encode: Encoder = _identity,
    limit: int | None = MAX_BATCH_BYTES,
) -> Iterator[list[dict[str, Any]]]:
    """``rows`` in batches of ``batch_size`` rows and, with a ``limit``, at most that
    many bytes once encoded."""
    if limit is None:
        for start in range(0, len(rows), batch_size):
            yield rows[start : start + batch_size]
        return
    batch: list[dict[str, Any]] = []
    size = 0
    for row in rows:
        row_size = _size(row, encode) + 1
        if row_size > limit:
            raise BackendError(
                f"one record is {row_size} bytes once encoded; the server accepts "
                f"messages of about {limit} bytes"
            )
        if batch and (len(batch) >= batch_size or size + row_size > limit):
            yield batch
            batch, size = [], 0
        batch.append(row)
        size += row_size
    if batch:
        yield batch


def _props(attrs: dict[str, Any], drop: set[str]) -> dict[str, Any]:
    return {k: to_db(v) for k, v in attrs.items() if k not in drop and v is not None}


#: the id prefix of a route's node, in graphs that still have one per route (its own
#: stop and leg edges go with it: the server keeps a route as one ``:Route`` row)
_ROUTE_NODE = route_node("")


@dataclass(frozen=True)
class Plan:
    """What a load writes: the statements in order and how many rows they carry."""

    statements: Iterator[Statement]
    batches: int
    nodes: int
    relationships: int
    routes_in_graph: bool


def plan_load(
    G: nx.MultiDiGraph,
    batch_size: int,
    *,
    encode: Encoder = _identity,
    limit: int | None = None,
    fresh: bool = False,
    literals: bool = False,
) -> Plan:
    """The parameterised statements (query, parameters) that write ``G``, in order.

    The structure (every node and relationship but routes' own) is written with
    ``load_nodes.cypher`` and ``load_relationships.cypher``; the routes, one ``:Route``
    row each from the graph's route table (stops as one list), with ``load_nodes.cypher``
    too. Into a ``fresh`` tag, which holds nothing yet, rows are created without being
    looked up (``create_*.cypher``).

    ``encode`` is what the connection does to values before sending them
    (:func:`~coordgraph.neo4j.convert.escape_for_falkordb_bolt` for FalkorDB over Bolt),
    used only to measure them: the statements hold the values as they are. ``limit`` is
    the bytes a message may take: a value too long is then sent in pieces.
    ``literals``: route batches go as Cypher text written column-wise
    (:func:`~coordgraph.neo4j.convert.cypher_list`), for the native FalkorDB client.
    """
    table = routes_of(G)
    routes_in_graph = False
    node_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node, attrs in G.nodes(data=True):
        if node.startswith(_ROUTE_NODE):
            routes_in_graph = True
            continue
        kind, ident = split_node_id(node)
        node_rows[kind].append({"id": ident, "props": _props(attrs, {"id"})})
    if routes_in_graph and "routes" not in G.graph:
        raise BackendError(
            "the graph has route nodes but no route table (G.graph['routes']); "
            "build it with coordgraph.build_graph"
        )
    edge_rows: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, key, attrs in G.edges(keys=True, data=True):
        rel = str(attrs["relation"])
        if rel == Relation.ROUTE_LEG or u.startswith(_ROUTE_NODE) or v.startswith(_ROUTE_NODE):
            continue  # a route's own: its row in the table says it
        if rel not in _TYPES:
            raise BackendError(f"relationship {rel!r} is not a known type")
        (ku, iu), (kv, iv) = split_node_id(u), split_node_id(v)
        edge_rows[(ku, rel, kv)].append(
            {"src": iu, "dst": iv, "key": str(key), "props": _props(attrs, {"relation", "key"})}
        )
    verb = "create" if fresh else "load"
    node_query = cypher_file(f"{verb}_nodes.cypher")
    rel_query = cypher_file(f"{verb}_relationships.cypher")
    node_piece = cypher_file("append_node_property.cypher")
    rel_piece = cypher_file("append_relationship_property.cypher")
    out: list[Statement] = []

    def add(query: str, piece_query: str, rows: list[dict[str, Any]]) -> None:
        sent, later = rows, []
        if limit is not None:
            sent = []
            for row in rows:
                small, pieces = _split_row(row, encode, limit)
                sent.append(small)
                later += [(small, key, parts) for key, parts in pieces]
        out.extend((query, {"rows": batch}) for batch in _batches(sent, batch_size, encode, limit))
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

    route_label = {"__LABEL__": str(NodeKind.ROUTE)}
    route_query = _fill(node_query, route_label)
    stored = route_rows(table)
    routes: Iterator[Statement]
    if limit is not None:
        # a server that takes small messages: sized, and long values in pieces, as above
        add(route_query, _fill(node_piece, route_label), _python_rows(stored))
        routes, count = iter(()), 0
    else:
        # batches made one at a time as the load goes: a million rows are never all
        # held as Python values
        routes = _route_batches(route_query, stored, batch_size, literals=literals)
        count = -(-stored.height // batch_size)
    structure = sum(len(rows) for rows in node_rows.values())
    return Plan(
        statements=itertools.chain(out, routes),
        batches=len(out) + count,
        nodes=structure + stored.height,
        relationships=sum(len(rows) for rows in edge_rows.values()),
        routes_in_graph=routes_in_graph,
    )


#: route fields the server keeps as one ``stops`` list
ROUTE_PLACES = Route.PLACES


def route_rows(table: RouteTable) -> pl.DataFrame:
    """The ``:Route`` rows a load writes: ``id`` and ``props`` (a struct): ``seq`` (the
    route's position in the table), ``stops`` (origin, transits, destination) and every
    other column of the table as it is."""
    import polars as pl

    df = table.df
    rest = [pl.col(name) for name in ROUTE_COLUMNS if name not in ("id", *ROUTE_PLACES)]
    return df.select(
        pl.col("id"),
        pl.struct(
            pl.int_range(pl.len(), dtype=pl.Int64).alias("seq"),
            stops_column(),
            *rest,
        ).alias("props"),
    )


def _python_rows(rows: pl.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts, the unset (null) properties left out."""
    return [
        {"id": row["id"], "props": {k: v for k, v in row["props"].items() if v is not None}}
        for row in rows.iter_rows(named=True)
    ]


def _route_batches(
    query: str, rows: pl.DataFrame, batch_size: int, *, literals: bool
) -> Iterator[Statement]:
    """The route rows in batches of ``batch_size``, made one batch at a time."""
    for start in range(0, rows.height, batch_size):
        part = rows.slice(start, batch_size)
        yield query, {"rows": cypher_list(part) if literals else _python_rows(part)}


def _ahead(statements: Iterator[Statement]) -> Iterator[Statement]:
    """``statements``, each one made in a thread while the server runs the one before
    (writing a batch of routes as text takes a good part of the time of loading it)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        coming = pool.submit(next, statements, None)
        while (statement := coming.result()) is not None:
            coming = pool.submit(next, statements, None)
            yield statement


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
        if self.conn.lost:
            return  # the server did not answer: the lock goes stale and is taken over
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


def current_dataset(conn: Connection) -> dict[str, Any] | None:
    """The current dataset's meta node: ``tag``, ``loaded_at`` (the server's clock, in
    milliseconds), ``layout``, ``routes_in_graph``, and the dataset's ``name`` and
    ``as_of`` (the date it speaks for; ``None`` if it declares none); ``None`` when the
    server holds no coordgraph dataset."""
    rows = conn.run(cypher_file("current_tag.cypher"))
    return rows[0] if rows and rows[0].get("tag") else None


def current_tag(conn: Connection) -> str | None:
    """The tag of the dataset readers see, or ``None``."""
    meta = current_dataset(conn)
    return str(meta["tag"]) if meta else None


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


#: what the current dataset's meta node says about how it was stored: 3 is routes as
#: ``:Route`` rows with a ``stops`` list and every text exactly as given; 2 was the same
#: with text sent to FalkorDB over Bolt stored percent-encoded (``it%27s``); 1 was a node
#: per route and stop relationships. A dataset of an older layout is read by nobody and
#: stored again by the next ``--replace`` load.
LAYOUT = 3


def dataset_facts(G: nx.MultiDiGraph) -> dict[str, Any]:
    """What the graph says of the dataset as a whole (``G.graph``), as the meta node
    keeps it: its ``name``, ``as_of`` (the date it speaks for), the expectation profiles
    it applies to every State (``expects``) and its own ``profiles`` (JSON text)."""
    return {
        "name": G.graph.get("name"),
        "as_of": G.graph.get("as_of"),
        "expects": [str(e) for e in G.graph.get("expects", ()) or ()],
        "profiles": json.dumps(list(G.graph.get("profiles", ()) or ()), sort_keys=True),
    }


def restore_dataset_facts(G: nx.MultiDiGraph, meta: dict[str, Any]) -> None:
    """Put back on a graph read from the server what :func:`dataset_facts` kept, as
    :func:`~coordgraph.graph.build_graph` sets it (nothing for what the dataset lacks)."""
    for key in ("name", "as_of"):
        if meta.get(key):
            G.graph[key] = str(meta[key])
    if meta.get("expects"):
        G.graph["expects"] = tuple(str(e) for e in meta["expects"])
    profiles = json.loads(meta["profiles"]) if meta.get("profiles") else []
    if profiles:
        G.graph["profiles"] = tuple(profiles)


def older_layout(conn: Connection, meta: dict[str, Any]) -> BackendError:
    """The error for a current dataset stored by an older coordgraph."""
    return BackendError(
        f"the dataset {meta['tag']} on the server at {conn.safe_uri} was stored by an older "
        "coordgraph (its text may be percent-encoded, e.g. it%27s); load it again with "
        "`coordgraph neo4j load --replace`"
    )


def load_graph(
    G: nx.MultiDiGraph,
    conn: Connection,
    *,
    batch_size: int | None = None,
    replace: bool = False,
    wait: float = 60.0,
    on_batch: Callable[[int, int], None] | None = None,
) -> LoadResult:
    """Write ``G`` to the server: its structure, and its routes from ``G.graph["routes"]``.

    Without ``replace`` the graph is merged into the current dataset (loading the same
    graph twice changes nothing; each record written gets exactly the properties it has
    in ``G``). With ``replace`` it becomes the current dataset only once every batch is
    written; the previous one is then deleted.

    Batches hold ``batch_size`` rows (default: the connection's own, 1,000 over Bolt and
    10,000 through the native FalkorDB client); over FalkorDB's Bolt endpoint they are
    also capped in bytes.

    Only one load writes at a time: if another holds the server's write lock, this one
    waits up to ``wait`` seconds, then raises :class:`~coordgraph.errors.BackendBusy`.

    ``on_batch(done, total)`` is called after each batch (progress bars use it).
    """
    size = conn.default_batch_size if batch_size is None else batch_size
    if size < 1:
        raise BackendError("batch size must be at least 1")
    started = time.perf_counter()
    ensure_schema(conn)
    encode = escape_for_falkordb_bolt if conn.parses_string_parameters else _identity
    with _Lock(conn, wait=wait) as lock:
        meta = current_dataset(conn)
        previous = str(meta["tag"]) if meta else None
        if meta and meta.get("layout") != LAYOUT and not replace:
            raise older_layout(conn, meta)
        tag = previous if (previous and not replace) else f"load-{uuid.uuid4().hex[:12]}"
        plan = plan_load(
            G,
            size,
            encode=encode,
            limit=conn.max_message_bytes,
            fresh=tag != previous,
            literals=conn.takes_literals,
        )
        try:
            for done, (query, params) in enumerate(_ahead(plan.statements), start=1):
                conn.run(query, **params, tag=tag)
                lock.refresh()
                if on_batch is not None:
                    on_batch(done, plan.batches)
            lock.refresh(force=True)
        except BaseException:
            if tag != previous and not conn.lost:
                # if the server is gone, the partial load stays under a tag nobody reads
                with contextlib.suppress(BackendError):
                    _delete_tag(conn, tag)
            raise
        switched = conn.run(
            cypher_file("switch_tag.cypher"),
            tag=tag,
            layout=LAYOUT,
            routes_in_graph=plan.routes_in_graph,
            **dataset_facts(G),
        )
        record_load(conn, tag, switched[0]["loaded_at"] if switched else None)
        for old in _other_tags(conn, tag):
            if old != tag:
                _delete_tag(conn, old, lock)
    return LoadResult(
        tag, plan.nodes, plan.relationships, plan.batches, time.perf_counter() - started
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
        record_clear(conn, conn.run("RETURN timestamp() AS now")[0]["now"])
    return removed
