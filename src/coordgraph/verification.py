"""Which records an analysis reads: the verification levels, in one place.

``verified``, ``unverified`` and ``disputed`` are three levels (DESIGN.md section 8).
The command line keeps verified records, adds unverified ones with
``--include-unverified`` and disputed ones with ``--include-disputed``; disputed facts
never enter otherwise. A record, a party or membership, and a route each carry their
own level (a record without one is verified).

:func:`kept` is the rule; :func:`keep_levels` applies it to a graph (the graph-server
path reads everything it stores and filters here), ``Dataset.at_levels`` to records,
and both use :func:`routes_at_levels` for the route table.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from coordgraph.routes.table import RouteTable, routes_of
from coordgraph.vocab import Verification

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["DEFAULT_LEVELS", "keep_levels", "kept", "levels_from_flags", "routes_at_levels"]

#: The verification levels analysed unless asked otherwise.
DEFAULT_LEVELS: frozenset[str] = frozenset({str(Verification.VERIFIED)})


def levels_from_flags(*, include_unverified: bool, include_disputed: bool) -> frozenset[str]:
    """The verification levels two command-line flags ask for (each adds one level)."""
    levels = {str(Verification.VERIFIED)}
    if include_unverified:
        levels.add(str(Verification.UNVERIFIED))
    if include_disputed:
        levels.add(str(Verification.DISPUTED))
    return frozenset(levels)


def kept(verification: Any, levels: Iterable[str]) -> bool:
    """Whether a record, party, membership or route of this verification level is read
    when ``levels`` are asked for (no level recorded: verified)."""
    level = Verification.VERIFIED if verification is None else verification
    return str(level) in {str(x) for x in levels}


def routes_at_levels(table: RouteTable, levels: Iterable[str]) -> RouteTable:
    """The routes of a route table whose verification is one of ``levels``."""
    import polars as pl

    level = pl.col("verification").fill_null(str(Verification.VERIFIED))
    return table.filter(level.is_in(sorted({str(x) for x in levels})))


def keep_levels(G: nx.MultiDiGraph, levels: Iterable[str] = DEFAULT_LEVELS) -> nx.MultiDiGraph:
    """A copy of ``G`` without the records, parties and memberships of other levels
    (routes included: its route table keeps the routes of these levels).

    The graph-server path reads everything it stores and filters here, so it analyses
    what ``Dataset.at_levels`` gives the in-memory path.
    """
    keep = frozenset(str(x) for x in levels)
    out = G.copy()
    out.remove_nodes_from(
        [n for n, a in out.nodes(data=True) if not kept(a.get("verification"), keep)]
    )
    out.remove_edges_from(
        [
            (u, v, k)
            for u, v, k, a in out.edges(keys=True, data=True)
            if not kept(a.get("verification"), keep)
        ]
    )
    if "routes" in out.graph:
        out.graph["routes"] = routes_at_levels(routes_of(out), keep)
    return out
