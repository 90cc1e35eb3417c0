"""Read the current dataset back from the server as the same typed graph."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from coordgraph.errors import BackendError
from coordgraph.findings import Finding
from coordgraph.neo4j.connection import Connection, cypher_file
from coordgraph.neo4j.convert import from_db
from coordgraph.neo4j.loader import current_tag
from coordgraph.time_rules import DEFAULT_LEVELS, keep_levels

__all__ = ["gaps_from_server", "graph_from_server"]


def graph_from_server(conn: Connection) -> nx.MultiDiGraph:
    """The current dataset as a :class:`networkx.MultiDiGraph` like :func:`build_graph`'s.

    Raises :class:`~coordgraph.errors.BackendError` when the server holds no coordgraph
    dataset: an empty database has nothing to analyse, which is not "no gaps".
    """
    G = nx.MultiDiGraph()
    tag = current_tag(conn)
    if tag is None:
        raise BackendError(
            f"the server at {conn.safe_uri} holds no coordgraph dataset; "
            "load one first with `coordgraph neo4j load`"
        )
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
    return G


def gaps_from_server(
    conn: Connection, *, levels: Iterable[str] = DEFAULT_LEVELS, **kwargs: Any
) -> list[Finding]:
    """Run :func:`coordgraph.analyses.find_gaps` on the graph read from the server, keeping
    the records of these verification levels (default verified only)."""
    from coordgraph.analyses import find_gaps

    return find_gaps(keep_levels(graph_from_server(conn), levels), **kwargs)
