"""Unlinked route endpoints: is there a channel between the two ends of every route leg?

For each route, the endpoint pair (origin, destination) and every consecutive leg is
checked as of a date. Two different States are linked, strongest first, by

1. an agreement in force between both (bilateral, or multilateral with both as parties)
   whose scope covers the route's victims;
2. a focal-point channel: both have an active focal point in a common network or agreement;
3. a recorded direct link between local mechanisms of the two States.

An agreement whose recorded forms of exploitation exclude every purpose of the route does
not link it. Each cross-border pair is also graded against the link criteria of
:mod:`coordgraph.analyses.links.grading` (coverage of the exploitation, child-specific
provisions, return procedure, an operational channel), which set its severity.

The rule itself lives in :mod:`coordgraph.analyses.links` (the index it reads,
agreements, channels, grading and the verdict, one file each); this module applies it
to every route pair and words the findings.

Places in one State (an internal route) are linked by local mechanisms at both ends, or
a functioning national referral mechanism. An ``unknown`` end is reported unresolved.
Pairs are analysed once per (places, victims) however many routes share them, so the
cost is linear in routes plus agreements.

Every date rule (when a route is observed, when an agreement has effect, when a State
is a party or member, when a record counts at all) is asked of
:class:`coordgraph.time_rules.TimeRules`. An unlinked pair is a *policy gap* when the
recorded facts say why no link holds, and a *data gap* when something may link the two
States that the sources do not settle (parties not recorded, status unknown since an
observation, scope or victims not recorded, a focal point not recorded).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import networkx as nx

from coordgraph.analyses.absence import capped
from coordgraph.analyses.context import Context, context_for
from coordgraph.analyses.links import LinkRule, Verdict, Verdicts
from coordgraph.analyses.links.grading import agreement_link_kind
from coordgraph.analyses.route_pairs import RoutePair, merge_citations, route_pairs
from coordgraph.bulk import paused_gc
from coordgraph.findings import Finding, FindingKind, GapType, LinkKind, Severity
from coordgraph.lookup import Facts, label, wanted_states
from coordgraph.time_rules import Dormancy, TimeRules, Undated
from coordgraph.vocab import Mode, NodeKind

_AGREEMENT_PREFIX = f"{NodeKind.AGREEMENT}:"

__all__ = ["unlinked_routes"]


def unlinked_routes(
    G: nx.MultiDiGraph,
    *,
    as_of: dt.date | str | None = None,
    link_kinds: Iterable[LinkKind | str] | None = None,
    countries: Iterable[str] | None = None,
    network: str | None = None,
    children_only: bool = False,
    require_in_force: bool = False,
    undated: Undated | str = Undated.ATTESTED,
    stale_after: float | None = None,
    context: Context | None = None,
) -> list[Finding]:
    """Check every route's endpoint pair and legs for a link; findings sorted, gaps first.

    Parameters
    ----------
    G
        A graph from :func:`coordgraph.build_graph`.
    as_of
        The day to look at (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a date); default today.
        Routes first observed later are left out; a route whose observed period ended
        earlier is still checked, and its finding says when it was observed.
    link_kinds
        Count only these kinds of link (e.g. ``["bilateral_agreement"]``); default all.
    countries
        Keep pairs with at least one end in these States (ISO alpha-3).
    network
        Keep pairs whose two States are both members of this network id.
    children_only
        Consider only child victims; routes with no recorded child victims are skipped.
    require_in_force
        Do not count agreements whose entry into force is not recorded (MoUs still count).
    undated
        Records with no start date: ``attested`` (from their earliest dated source),
        ``exclude`` or ``always`` (see :mod:`coordgraph.time_rules`).
    stale_after
        The staleness horizon in years (default: the graph's ``stale_after``, else 5):
        an unlinked pair whose routes have no evidence more recent than this before
        ``as_of`` is a data gap that asks to re-check, and so is a pair linked only
        through agreements whose recorded meetings all lie further back (possibly
        dormant, :meth:`TimeRules.dormant`).
    context
        The facts and date rules of ``G`` on the day, shared by several analyses
        (:class:`coordgraph.analyses.context.Context`); default: built for this call.

    Returns
    -------
    list[Finding]
        One finding per pair of places and victims: ``route_linked`` (info),
        ``route_unlinked`` or ``route_unresolved``.
    """
    kinds = frozenset(LinkKind(k) for k in link_kinds) if link_kinds else frozenset(LinkKind)
    wanted = wanted_states(countries)
    net_node = f"{NodeKind.NETWORK}:{network}" if network else None
    # the indexes of the context, the verdicts and the findings are many small objects,
    # none cyclic: the collector runs when the call is over and only the findings are left
    with paused_gc():
        ctx = context_for(G, context, as_of=as_of, undated=undated, stale_after=stale_after)
        verdicts = Verdicts(ctx.once(LinkRule), kinds=kinds, require_in_force=require_in_force)
        findings = _findings(G, ctx.facts, ctx.rules, verdicts, wanted, net_node, children_only)
        findings.sort(key=Finding.sort_key)
        del ctx, verdicts
    return findings


def _findings(
    G: nx.MultiDiGraph,
    facts: Facts,
    rules: TimeRules,
    verdicts: Verdicts,
    wanted: frozenset[str] | None,
    net_node: str | None,
    children_only: bool,
) -> list[Finding]:
    """One finding per route pair kept by ``wanted`` (States) and ``net_node`` (a
    network both States are members of), in the order of the pairs."""
    findings: list[Finding] = []
    dormancy: dict[int, tuple[dict[str, Dormancy], list[str]]] = {}
    # a few hundred places: the State and the label of each, once
    places: dict[str, tuple[str | None, str]] = {}
    # the lists of the details, one per distinct value (read, never changed, by the
    # findings that share it): fewer objects for the collector to walk
    listed: dict[frozenset[str], list[str]] = {}
    states: dict[tuple[str | None, str | None], list[str | None]] = {}
    for pair in route_pairs(G, rules, children_only=children_only):
        a, b, victims, what = pair.a, pair.b, pair.victims, pair.purposes
        for p in (a, b):
            if p not in places:
                places[p] = (facts.state_of(p), label(G, p))
        (sa, name_a), (sb, name_b) = places[a], places[b]
        if wanted is not None and not ({sa, sb} & wanted):
            continue
        if net_node is not None and not (
            sa
            and sb
            and facts.is_member(sa, net_node, rules)
            and facts.is_member(sb, net_node, rules)
        ):
            continue
        for group in (victims, what):
            if group not in listed:
                listed[group] = sorted(group) or ["not recorded"]
        if (sa, sb) not in states:
            states[sa, sb] = [sa, sb]
        details: dict[str, object] = {
            "routes": pair.routes,
            "roles": pair.roles,
            "victims": listed[victims],
            "purposes": listed[what],
            "states": states[sa, sb],
            "route_periods": pair.periods,
        }
        who = f"{name_a} -> {name_b}"
        if pair.all_ended:
            who += " (" + "; ".join(sorted(set(pair.periods.values()))) + ")"
        if sa is None or sb is None:
            findings.append(_unresolved(G, rules, pair, who, details, a if sa is None else b))
        else:
            mode = pair.mode
            if mode != Mode.PHYSICAL:
                details["mode"] = mode
            verdict = verdicts.verdict(a, b, sa, sb, victims, what, mode)
            # verdicts are shared by the pairs with the same answer (and kept alive by
            # ``verdicts``): whether the link rests on dormant agreements, and the kinds
            # of link found as a list, once each
            if id(verdict) not in dormancy:
                dormancy[id(verdict)] = (_dormant_link(rules, verdict), list(verdict.kinds_found))
            dormant, kinds_found = dormancy[id(verdict)]
            findings.append(
                _linked_or_not(rules, pair, who, details, verdict, dormant, kinds_found)
            )
    return findings


def _unresolved(
    G: nx.MultiDiGraph,
    rules: TimeRules,
    pair: RoutePair,
    who: str,
    details: dict[str, object],
    unknown: str,
) -> Finding:
    """A pair of places one of which is not identified: no link can be checked (a data
    gap, never silently passed)."""
    subjects = (pair.a, pair.b)
    end = "origin" if unknown == pair.a else "other end"
    return Finding(
        FindingKind.ROUTE_UNRESOLVED,
        "routes.endpoint_unknown",
        Severity.MEDIUM,
        subjects,
        _dated(
            rules,
            f"{who}: the {end} ({label(G, unknown)}) is not identified, so no link can be checked",
            details,
            subjects,
        ),
        sources=pair.citations,
        link_kind=LinkKind.NONE,
        as_of=rules.as_of,
        volume=pair.volume,
        details=details,
        gap_type=GapType.DATA,
    )


def _linked_or_not(
    rules: TimeRules,
    pair: RoutePair,
    who: str,
    details: dict[str, object],
    verdict: Verdict,
    dormant: dict[str, Dormancy],
    kinds_found: list[str],
) -> Finding:
    """The finding for a pair of places from the link rule's verdict on it (``dormant``:
    :func:`_dormant_link` of the verdict; ``kinds_found``: its kinds of link found as a
    list, shared by the findings of that verdict)."""
    day = rules.as_of
    subjects = (pair.a, pair.b)
    if verdict.criteria is not None:
        details["criteria"] = verdict.criteria
    details["internal"] = verdict.internal
    details["link_kinds_found"] = kinds_found
    severity, gap_type = verdict.severity, verdict.gap_type
    if verdict.result.link_kind is LinkKind.NONE:
        n = len(pair.routes)
        message = (
            f"{who} ({n} route{'s' if n > 1 else ''}) "
            f"has no link as of {day.isoformat()}{verdict.because}"
        )
    else:
        message = f"{who} is linked as of {day.isoformat()} by {verdict.because}"
    if gap_type is not None and pair.all_stale:
        # evidence ages: a gap on a route nobody has recorded for years asks to be
        # re-checked, it is not a current policy gap
        message += (
            f"; nothing recorded on this route since {pair.last_seen}: re-check whether "
            "it is still used before acting on it"
        )
        details["stale"] = {"last_seen": pair.last_seen, "years": rules.stale_after}
        severity, gap_type = capped(severity), GapType.DATA
    elif verdict.absence_basis and gap_type is GapType.POLICY:
        details["absence_basis"] = verdict.absence_basis
    if dormant:
        # a link through agreements whose joint commissions no longer meet, as far as the
        # sources tell, is a data gap that asks to re-check (DESIGN.md section 9)
        message += "; " + "; ".join(
            f"{rules.attrs(n).get('label', n)}: {d.phrase}" for n, d in dormant.items()
        )
        details["dormant"] = {n.partition(":")[2]: d.details() for n, d in dormant.items()}
        severity = capped(max(severity, Severity.MEDIUM, key=lambda s: s.rank))
        gap_type = GapType.DATA
    return Finding(
        verdict.kind,
        verdict.rule,
        severity,
        subjects,
        _dated(rules, message, details, (*subjects, *verdict.evidence)),
        evidence=verdict.evidence,
        sources=merge_citations(pair.citations, verdict.sources),
        link_kind=verdict.result.link_kind,
        near_misses=verdict.near_misses,
        as_of=day,
        volume=pair.volume,
        details=details,
        gap_type=gap_type,
        **verdict.graded,
    )


#: the link kinds an agreement makes
_AGREEMENT_LINKS = frozenset({LinkKind.BILATERAL_AGREEMENT, LinkKind.MULTILATERAL_AGREEMENT})


def _dormant_link(rules: TimeRules, verdict: Verdict) -> dict[str, Dormancy]:
    """The agreements a link rests on when every one of them is possibly dormant and
    nothing but agreements links the pair (else empty: the link stands)."""
    # a legal basis binding the pair too (the Palermo protocol) carries no cases: it
    # neither keeps the link standing nor is judged for meetings
    if verdict.result.link_kind not in _AGREEMENT_LINKS or any(
        LinkKind(k) not in _AGREEMENT_LINKS | {LinkKind.LEGAL_BASIS} for k in verdict.kinds_found
    ):
        return {}
    agreements = [
        n
        for n in verdict.evidence
        if n.startswith(_AGREEMENT_PREFIX)
        and agreement_link_kind(rules.attrs(n)) is not LinkKind.LEGAL_BASIS
    ]
    found = {n: rules.dormant(n) for n in agreements}
    if not agreements or any(d is None for d in found.values()):
        return {}
    return {n: d for n, d in found.items() if d is not None}


def _dated(rules: TimeRules, message: str, details: dict[str, object], nodes: Iterable[str]) -> str:
    """What :meth:`TimeRules.annotate` adds to a route finding, added while it is made:
    the date facts of its records and routes under ``details["dates"]``, the phrases
    in its message (returned)."""
    routes = details["routes"]
    assert isinstance(routes, list)
    dates, said = rules.date_notes(nodes, routes)
    if dates:
        details["dates"] = dates
    if said:
        message += " [dates: " + "; ".join(said) + "]"
    return message
