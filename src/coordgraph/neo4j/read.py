"""Read the current dataset back from the server as the same typed graph and route table."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx

from coordgraph.errors import BackendError
from coordgraph.findings import Finding
from coordgraph.neo4j.connection import Connection, cypher_file
from coordgraph.neo4j.convert import from_db
from coordgraph.neo4j.history import last_event, state_file, when
from coordgraph.neo4j.loader import (
    LAYOUT,
    ROUTE_PLACES,
    current_dataset,
    older_layout,
    restore_dataset_facts,
)
from coordgraph.routes.table import ROUTE_COLUMNS, RouteTable
from coordgraph.verification import DEFAULT_LEVELS, keep_levels

if TYPE_CHECKING:
    import polars as pl

__all__ = ["check_current", "gaps_from_server", "graph_from_server", "routes_from_rows"]


#: reads of the whole dataset before giving up when a load keeps replacing it meanwhile
READ_ATTEMPTS = 3


def graph_from_server(conn: Connection) -> nx.MultiDiGraph:
    """The current dataset as a :class:`networkx.MultiDiGraph` like :func:`build_graph`'s,
    with its route table (``G.graph["routes"]``) rebuilt from the ``:Route`` rows, the
    dataset's ``name``, ``as_of`` (the date it speaks for), ``expects`` and ``profiles``
    as the loaded graph had them, and which dataset it is in ``G.graph["server_dataset"]`` (``tag``,
    ``loaded_at`` as text, ``server``).

    Raises :class:`~coordgraph.errors.BackendError` when the server holds no coordgraph
    dataset (an empty database has nothing to analyse, which is not "no gaps"), or holds
    an older dataset than the last one this computer loaded or cleared there (see
    :func:`check_current`). A dataset replaced while it was being read is read again.
    """
    for _ in range(READ_ATTEMPTS):
        meta = current_dataset(conn)
        check_current(conn, meta)
        assert meta is not None  # checked
        G = _read_dataset(conn, meta)
        again = current_dataset(conn)
        if again is not None and again["tag"] == meta["tag"]:
            # the dataset's name, date and profiles, as build_graph gives them: analyses
            # of the read graph default to the date the loaded dataset speaks for
            restore_dataset_facts(G, meta)
            G.graph["server_dataset"] = {
                "tag": str(meta["tag"]),
                "loaded_at": when(meta.get("loaded_at")),
                "server": conn.safe_uri,
            }
            return G
    raise BackendError(
        f"the dataset on the server at {conn.safe_uri} was replaced while it was being read, "
        f"{READ_ATTEMPTS} times; run again when the loads have finished"
    )


def check_current(conn: Connection, meta: dict[str, Any] | None) -> None:
    """Refuse to read a server that holds no dataset, one stored by an older coordgraph,
    or an older dataset than the last one this computer loaded (or cleared) there: a
    server restarted from an older snapshot answers with it as if it were current."""
    known = last_event(conn)
    shown = f"the server at {conn.safe_uri}"
    if meta is None:
        lost = ""
        if known is not None and known.get("event") == "load":
            lost = (
                f"; this computer loaded {known.get('tag')} there {when(known['at'])}, so the "
                "server has lost it (restarted without saving its data?)"
            )
        raise BackendError(
            f"{shown} holds no coordgraph dataset{lost}; load one with `coordgraph neo4j load`"
        )
    if meta.get("layout") != LAYOUT:
        raise older_layout(conn, meta)
    if known is None or meta["tag"] == known.get("tag"):
        return
    loaded = meta.get("loaded_at")
    if isinstance(loaded, int) and not isinstance(loaded, bool) and loaded >= known["at"]:
        return  # a later load (from another computer)
    did = (
        f"loaded {known.get('tag')} there {when(known['at'])}"
        if known.get("event") == "load"
        else f"cleared it {when(known['at'])}"
    )
    raise BackendError(
        f"{shown} holds dataset {meta['tag']} (loaded {when(loaded)}), older than what this "
        f"computer last did there ({did}): the server has lost later data (restarted from "
        "an older snapshot?). Load the dataset again with `coordgraph neo4j load --replace` "
        f"(or remove {state_file()} to read what the server holds)"
    )


def _read_dataset(conn: Connection, meta: dict[str, Any]) -> nx.MultiDiGraph:
    """The nodes, relationships and routes stored under the tag of ``meta``."""
    G = nx.MultiDiGraph()
    tag = meta["tag"]
    for row in conn.run(cypher_file("read_nodes.cypher"), tag=tag):
        props = {k: v for k, v in row["props"].items() if k != "dataset"}
        G.add_node(f"{row['label']}:{row['id']}", **from_db(row["label"], props))
    for row in conn.run(cypher_file("read_relationships.cypher"), tag=tag):
        props = {k: v for k, v in row["props"].items() if k not in ("dataset", "key")}
        attrs: dict[str, Any] = from_db(row["type"], props, edge=True)
        attrs["relation"] = row["type"]
        G.add_edge(
            f"{row['from_label']}:{row['src']}",
            f"{row['to_label']}:{row['dst']}",
            key=row["props"].get("key", row["type"]),
            **attrs,
        )
    rows = conn.run(cypher_file("read_routes.cypher"), tag=tag)
    table = routes_from_rows([row["props"] for row in rows])
    G.graph["routes"] = table
    if meta.get("routes_in_graph"):
        _add_route_nodes(G, table)
    return G


def _stored_schema() -> dict[str, Any]:
    """Column types of a stored ``:Route`` row (``seq``, ``stops``, the other fields)."""
    import polars as pl

    schema = RouteTable.empty().df.schema
    rest = {name: dtype for name, dtype in schema.items() if name not in ROUTE_PLACES}
    return {"seq": pl.Int64, "stops": pl.List(pl.String), **rest}


def routes_from_rows(rows: list[dict[str, Any]]) -> RouteTable:
    """The route table from stored ``:Route`` rows (property maps, any order)."""
    import polars as pl

    return _table(pl.DataFrame(rows, schema=_stored_schema()))


def _table(stored: pl.DataFrame) -> RouteTable:
    """Rows in ``seq`` order, origin, transits and destination from ``stops``, columns
    typed and ordered as the model says."""
    import polars as pl

    stops = pl.col("stops")
    df = stored.sort("seq").with_columns(
        stops.list.first().alias("origin"),
        stops.list.slice(1, stops.list.len() - 2).alias("transits"),
        stops.list.last().alias("destination"),
    )
    return RouteTable(df.select(list(ROUTE_COLUMNS)).cast(RouteTable.empty().df.schema))


def _add_route_nodes(G: nx.MultiDiGraph, table: RouteTable) -> None:
    """Give the graph a node per route, with its stop and leg edges, as
    :func:`~coordgraph.graph.build_graph` did while routes were graph nodes (a dataset
    loaded from such a graph reads back the same)."""
    from coordgraph.graph import add_edges, node_attributes

    for route in table.records():
        G.add_node(route.node_id, **node_attributes(route))
    for route in table.records():
        add_edges(G, route)


def gaps_from_server(
    conn: Connection, *, levels: Iterable[str] = DEFAULT_LEVELS, **kwargs: Any
) -> list[Finding]:
    """Run :func:`coordgraph.analyses.find_gaps` on the graph read from the server, keeping
    the records of these verification levels (default verified only)."""
    from coordgraph.analyses import find_gaps

    return find_gaps(keep_levels(graph_from_server(conn), levels), **kwargs)
