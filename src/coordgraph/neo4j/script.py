"""A standalone Cypher script that recreates the graph (for ``cypher-shell`` or Browser).

Values are written as escaped literals (a script cannot carry parameters); labels and
relationship types come from coordgraph's fixed lists only.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from coordgraph.neo4j.convert import to_db
from coordgraph.neo4j.loader import dataset_facts, split_node_id
from coordgraph.routes.detail import with_route_detail

__all__ = ["cypher_literal", "cypher_script"]


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a primitive or list; strings are quoted with every quote,
    backslash and control character escaped, so no value can end the string early."""
    value = to_db(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    text = json.dumps(str(value), ensure_ascii=True)[1:-1].replace("'", "\\'")
    return "'" + text + "'"


def _map(props: dict[str, Any]) -> str:
    items = [f"`{k.replace('`', '')}`: {cypher_literal(v)}" for k, v in sorted(props.items())]
    return "{" + ", ".join(items) + "}"


def cypher_script(G: nx.MultiDiGraph, *, tag: str = "script") -> str:
    """Statements, one per line and each ending with ';', that recreate ``G`` with each
    route of its table as a ``Route`` node and its relationships (see
    :func:`~coordgraph.routes.detail.with_route_detail`); the meta node keeps what the
    dataset says as a whole, as a load does (its name, as_of, the expectation profiles
    it applies to every State and its own profiles:
    :func:`~coordgraph.neo4j.loader.dataset_facts`)."""
    facts = {"tag": tag, **dataset_facts(G)}  # what the dataset says as a whole
    G = with_route_detail(G)
    lines = [
        "// coordgraph graph export: run in an empty database or one without this tag.",
        f"MERGE (m:CoordgraphMeta {{id: 'current'}}) SET m += {_map(facts)};",
    ]
    for node, attrs in sorted(G.nodes(data=True)):
        kind, ident = split_node_id(node)
        props = {k: v for k, v in attrs.items() if v is not None and k != "id"}
        lines.append(
            f"MERGE (n:{kind} {{id: {cypher_literal(ident)}, dataset: {cypher_literal(tag)}}}) "
            f"SET n += {_map(props)};"
        )
    for u, v, key, attrs in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        (ku, iu), (kv, iv) = split_node_id(u), split_node_id(v)
        props = {k: val for k, val in attrs.items() if k != "relation" and val is not None}
        lines.append(
            f"MATCH (a:{ku} {{id: {cypher_literal(iu)}, dataset: {cypher_literal(tag)}}}), "
            f"(b:{kv} {{id: {cypher_literal(iv)}, dataset: {cypher_literal(tag)}}}) "
            f"MERGE (a)-[r:{attrs['relation']} {{key: {cypher_literal(str(key))}, "
            f"dataset: {cypher_literal(tag)}}}]->(b) SET r += {_map(props)};"
        )
    return "\n".join(lines) + "\n"
