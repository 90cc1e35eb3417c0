"""Recommendation 12.2.2 of the thematic paper as its own check: for cross-border child
routes, are local officials at the origin and at the place of exploitation linked,
directly or through focal points of their central governments at both ends?
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import networkx as nx

from coordgraph.analyses.context import Context, context_for
from coordgraph.analyses.links import LinkIndex, LinkRule
from coordgraph.analyses.links.channels import designated_for
from coordgraph.analyses.route_pairs import (
    endpoint_pairs,
    merge_citations,
    observed_routes,
    with_child_victims,
)
from coordgraph.bulk import paused_gc
from coordgraph.findings import Finding, FindingKind, GapType, Severity
from coordgraph.lookup import cite, label, wanted_states
from coordgraph.time_rules import Undated
from coordgraph.vocab import NodeKind

__all__ = ["rec_12_2_2"]


def rec_12_2_2(
    G: nx.MultiDiGraph,
    *,
    as_of: dt.date | str | None = None,
    countries: Iterable[str] | None = None,
    network: str | None = None,
    children_only: bool = False,
    undated: Undated | str = Undated.ATTESTED,
    stale_after: float | None = None,
    context: Context | None = None,
) -> list[Finding]:
    """Recommendation 12.2.2 of the thematic paper (001: 2605-2611), one finding per
    cross-border child route (origin and place of exploitation).

    Local officials at both ends are linked when a local mechanism of one State works
    directly with one of the other (``routes.rec_12_2_2.direct``), or when both ends have
    a working local mechanism and both States a designated focal point in a common
    network or agreement (``routes.rec_12_2_2.focal_points``). Otherwise the finding
    names what is missing: ``routes.rec_12_2_2`` (medium) when both ends have local
    mechanisms that nothing joins, ``routes.rec_12_2_2.not_recorded`` (low, a data gap)
    when no local mechanism is recorded at one end. ``context``: the facts and date
    rules of ``G`` on the day shared by several analyses
    (:class:`coordgraph.analyses.context.Context`; default: built for this call).
    """
    del children_only  # the check is about children whatever the option
    net_node = f"{NodeKind.NETWORK}:{network}" if network else None
    # the context's indexes and the findings are many small objects, none cyclic: the
    # collector runs when the call is over and only the findings are left
    with paused_gc():
        ctx = context_for(G, context, as_of=as_of, undated=undated, stale_after=stale_after)
        findings = _officials_findings(G, ctx, wanted_states(countries), net_node)
        del ctx
    return findings


def _officials_findings(
    G: nx.MultiDiGraph, ctx: Context, wanted: frozenset[str] | None, net_node: str | None
) -> list[Finding]:
    """The findings of :func:`rec_12_2_2` on the day of ``ctx``, sorted."""
    facts, rules = ctx.facts, ctx.rules
    # the link rule's indexes, shared with unlinked_routes when both read one context
    index = ctx.once(LinkRule).index
    findings: list[Finding] = []
    for a, b, route_nodes, citations in endpoint_pairs(
        with_child_victims(observed_routes(G, rules))
    ):
        sa, sb = facts.state_of(a), facts.state_of(b)
        if sa is None or sb is None or sa == sb:
            continue
        if wanted is not None and not ({sa, sb} & wanted):
            continue
        if net_node is not None and not (
            facts.is_member(sa, net_node, rules) and facts.is_member(sb, net_node, rules)
        ):
            continue
        findings.append(_officials_finding(index, a, b, sa, sb, route_nodes, citations))
    return sorted((rules.annotate(f) for f in findings), key=Finding.sort_key)


def _officials_finding(
    index: LinkIndex,
    a: str,
    b: str,
    sa: str,
    sb: str,
    route_nodes: list[str],
    citations: tuple[str, ...],
) -> Finding:
    """Recommendation 12.2.2 on one cross-border pair of places (States ``sa``, ``sb``)."""
    G, rules = index.facts.G, index.rules
    day = rules.as_of
    who = f"{label(G, a)} -> {label(G, b)}"
    gap_type: GapType | None = None
    details: dict[str, Any] = {"routes": route_nodes, "states": [sa, sb]}
    direct = index.local_links.get(frozenset((sa, sb)), [])
    local = {p: index.local_mechanisms(p, s) for p, s in ((a, sa), (b, sb))}
    # only a network or agreement in which both have a focal point can be a channel
    channel = [
        (t, fa, fb)
        for t in index.common_with_focal_points(sa, sb)
        for fa in designated_for(index, sa, t)
        for fb in designated_for(index, sb, t)
    ]
    if direct:
        u, v = direct[0]
        rule, kind, severity = (
            "routes.rec_12_2_2.direct",
            FindingKind.LOCAL_OFFICIALS_LINKED,
            Severity.INFO,
        )
        evidence: tuple[str, ...] = (u, v)
        message = (
            f"{who}: local officials are linked directly ({label(G, u)} works with "
            f"{label(G, v)}) as of {day.isoformat()}"
        )
    elif channel and all(local.values()):
        t, fa, fb = channel[0]
        rule, kind, severity = (
            "routes.rec_12_2_2.focal_points",
            FindingKind.LOCAL_OFFICIALS_LINKED,
            Severity.INFO,
        )
        evidence = (local[a][0], local[b][0], t, fa, fb)
        message = (
            f"{who}: local officials ({label(G, local[a][0])}; {label(G, local[b][0])}) "
            f"can reach each other through the focal points of both States in "
            f"{label(G, t)} as of {day.isoformat()}"
        )
    else:
        missing = [
            f"no working local mechanism is recorded at {label(G, p)}"
            for p in (a, b)
            if not local[p]
        ]
        if not channel:
            missing.append("no designated focal point at both ends in a common network")
        # both ends have local officials, yet nothing joins them: a policy gap;
        # otherwise what is missing is only not recorded (a data gap)
        both = all(local.values())
        rule, kind, severity = (
            "routes.rec_12_2_2" if both else "routes.rec_12_2_2.not_recorded",
            FindingKind.LOCAL_OFFICIALS_UNLINKED,
            Severity.MEDIUM if both else Severity.LOW,
        )
        gap_type = GapType.POLICY if both else GapType.DATA
        evidence = tuple(m for p in (a, b) for m in local[p][:1])
        message = (
            f"{who}: local officials at the origin and the place of exploitation are not "
            f"linked directly or through focal points as of {day.isoformat()} "
            f"(recommendation 12.2.2): {'; '.join(missing)}"
        )
        details["missing"] = missing
    return Finding(
        kind,
        rule,
        severity,
        (a, b),
        message,
        evidence=evidence,
        sources=merge_citations(citations, cite(G, evidence)),
        link_kind=None,
        as_of=day,
        details=details,
        gap_type=gap_type,
    )
