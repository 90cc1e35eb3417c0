"""The analyses, as pure functions of a graph: ``(G, *, as_of, ...) -> list[Finding]``.

They never change the graph and never read or write files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import networkx as nx

from coordgraph.analyses.context import Context, context_for
from coordgraph.analyses.coverage import Coverage, coverage
from coordgraph.analyses.duplicates import duplicated_mechanisms
from coordgraph.analyses.focal_points import missing_focal_points
from coordgraph.analyses.links import CRITERIA
from coordgraph.analyses.local_officials import rec_12_2_2
from coordgraph.analyses.plans import plan_gaps
from coordgraph.analyses.routes import unlinked_routes
from coordgraph.analyses.structures import structure_gaps
from coordgraph.findings import Finding, LinkKind
from coordgraph.time_rules import Undated

__all__ = [
    "ANALYSES",
    "CRITERIA",
    "Context",
    "Coverage",
    "coverage",
    "duplicated_mechanisms",
    "find_gaps",
    "missing_focal_points",
    "plan_gaps",
    "rec_12_2_2",
    "structure_gaps",
    "unlinked_routes",
]

ANALYSES = ("routes", "duplicates", "focal-points", "plans", "structures")


def find_gaps(
    G: nx.MultiDiGraph,
    *,
    which: Iterable[str] = ANALYSES,
    as_of: dt.date | str | None = None,
    countries: Iterable[str] | None = None,
    network: str | None = None,
    link_kinds: Iterable[LinkKind | str] | None = None,
    children_only: bool = False,
    require_in_force: bool = False,
    undated: Undated | str = Undated.ATTESTED,
    profile: str | None = None,
    stale_after: float | None = None,
    context: Context | None = None,
) -> list[Finding]:
    """Run the chosen analyses (default all) and return their findings, sorted.

    ``undated`` says how records with no start date are read, ``stale_after`` the
    staleness horizon in years (default: the graph's ``stale_after``, else 5; see
    :mod:`coordgraph.time_rules`); every analysis reads dates the same way. ``profile``
    keeps one expectation profile in the structures analysis (``"all"``: every profile
    for every State of the dataset; see :mod:`coordgraph.analyses.structures`).

    The analyses share one :class:`~coordgraph.analyses.context.Context` (the graph's
    indexes and the date rules of the day): ``context`` when given (a caller running
    several ``find_gaps`` on one graph and day builds it once with
    :meth:`Context.of <coordgraph.analyses.context.Context.of>`), else one built here.
    """
    chosen = set(which)
    unknown = chosen - set(ANALYSES)
    if unknown:
        raise ValueError(
            f"unknown analysis {sorted(unknown)[0]!r}; choose from {', '.join(ANALYSES)}"
        )
    codes = list(countries) if countries else None
    ctx = context_for(G, context, as_of=as_of, undated=undated, stale_after=stale_after)
    day = ctx.day
    findings: list[Finding] = []
    if "routes" in chosen:
        findings += unlinked_routes(
            G,
            as_of=day,
            link_kinds=link_kinds,
            countries=codes,
            network=network,
            children_only=children_only,
            require_in_force=require_in_force,
            undated=undated,
            context=ctx,
        )
        findings += rec_12_2_2(
            G, as_of=day, countries=codes, network=network, undated=undated, context=ctx
        )
    if "duplicates" in chosen:
        findings += duplicated_mechanisms(
            G, as_of=day, countries=codes, undated=undated, context=ctx
        )
    if "focal-points" in chosen:
        findings += missing_focal_points(
            G, as_of=day, countries=codes, network=network, undated=undated, context=ctx
        )
    if "plans" in chosen:
        findings += plan_gaps(G, as_of=day, countries=codes, undated=undated, context=ctx)
    if "structures" in chosen:
        findings += structure_gaps(
            G, as_of=day, countries=codes, profile=profile, undated=undated, context=ctx
        )
    return sorted(findings, key=Finding.sort_key)
