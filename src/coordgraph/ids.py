"""Ids given on the command line, checked against the dataset they are meant for.

An id that names nothing (``--network no-such``) would otherwise filter every finding
away and print "No findings."; here it is an error that says what exists and, when one is
close (in any case), which was probably meant.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

import networkx as nx

from coordgraph.errors import DataError
from coordgraph.vocab import NodeKind

__all__ = ["check_ids", "list_ids", "suggest"]

#: what the command line calls each kind of id
_OPTION = {
    NodeKind.NETWORK: "--network",
    NodeKind.AGREEMENT: "--agreement",
    NodeKind.COUNTRY: "--country",
}


def _ids(G: nx.MultiDiGraph, kind: NodeKind) -> dict[str, str]:
    """Record id -> label of every node of ``kind``."""
    out = {}
    for node, attrs in G.nodes(data=True):
        if attrs.get("kind") == kind:
            ident = node.partition(":")[2]
            out[ident] = str(attrs.get("label") or ident)
    return dict(sorted(out.items()))


def suggest(value: str, known: Iterable[str]) -> list[str]:
    """Known ids close to ``value``: the same id in another case first, then look-alikes."""
    known = list(known)
    folded = {k.casefold(): k for k in known}
    if value.casefold() in folded:
        return [folded[value.casefold()]]
    close = difflib.get_close_matches(value.casefold(), list(folded), n=3, cutoff=0.7)
    return [folded[c] for c in close]


def _check(G: nx.MultiDiGraph, kind: NodeKind, value: str) -> None:
    known = _ids(G, kind)
    if value in known:
        return
    label, plural = {
        NodeKind.NETWORK: ("network", "networks"),
        NodeKind.AGREEMENT: ("agreement", "agreements"),
    }.get(kind, ("country", "countries"))
    close = suggest(value, known)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    listing = ", ".join(known) if len(known) <= 12 else ", ".join(list(known)[:12]) + ", ..."
    raise DataError(
        f"{_OPTION[kind]}: no {label} {value!r} in this dataset{hint} "
        f"({plural}: {listing or 'none'}; `coordgraph networks` lists them)"
    )


def check_ids(
    G: nx.MultiDiGraph,
    *,
    networks: Iterable[str] = (),
    agreements: Iterable[str] = (),
    countries: Iterable[str] = (),
) -> None:
    """Raise :class:`~coordgraph.errors.DataError` for the first id that names nothing.

    ``countries`` are ISO alpha-3 codes already normalised (``--country Albania`` is
    ``ALB`` by then); a real country the dataset does not hold is an error too.
    """
    for value in networks:
        _check(G, NodeKind.NETWORK, value)
    for value in agreements:
        _check(G, NodeKind.AGREEMENT, value)
    for value in countries:
        _check(G, NodeKind.COUNTRY, value)


def list_ids(G: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """The ids a command line can name: networks and agreements (with their names and
    member or party counts) and countries."""
    out: dict[str, list[dict[str, Any]]] = {"networks": [], "agreements": [], "countries": []}
    for kind, key in (
        (NodeKind.NETWORK, "networks"),
        (NodeKind.AGREEMENT, "agreements"),
        (NodeKind.COUNTRY, "countries"),
    ):
        for ident, label in _ids(G, kind).items():
            row: dict[str, Any] = {"id": ident, "name": label}
            if kind is not NodeKind.COUNTRY:
                node = f"{kind}:{ident}"
                row["states"] = len(
                    {u for u, _ in G.in_edges(node) if G.nodes[u].get("kind") == NodeKind.COUNTRY}
                )
            out[key].append(row)
    return out
