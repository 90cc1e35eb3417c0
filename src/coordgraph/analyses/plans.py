"""Plans of action the thematic paper asks about: never evaluated, or without a structure.

The 2008 thematic paper notes that some States adopted a plan "without establishing a
structure to ensure cooperation between the organisations involved", and that reviews or
evaluations of plans and structures helped States rationalise them (Indonesia, 2008). So,
on the date asked:

* a plan in effect (or one whose period has ended) with no evaluation recorded, once it
  has run :data:`~coordgraph.time_rules.STALE_AFTER_YEARS` years or its period is over,
  is reported ``plan_not_evaluated``;
* a national or shared plan in effect whose coordinating mechanism is not recorded, in a
  State with no national coordinating body or task force working on that date, is
  reported ``plan_without_structure``; a plan whose recorded mechanism is not working on
  that date is reported too.

Both rest on what the sources record: "no evaluation recorded" and "no structure
recorded" are data gaps; a recorded mechanism that is not working is a policy gap, and
so is "no structure" where a coverage statement says the dataset lists every
coordinating body of the State (``plans.no_structure``, DESIGN.md section 9).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import networkx as nx

from coordgraph.analyses.absence import claimed, coverage_basis, on_basis, re_check
from coordgraph.analyses.context import Context, context_for
from coordgraph.findings import Finding, FindingKind, GapType, Severity
from coordgraph.lookup import Facts, cite, label, wanted_states, working
from coordgraph.time_rules import STALE_AFTER_YEARS, TimeRules, Undated, dated, period
from coordgraph.vocab import CoverageOf, Level, MechanismType, NodeKind, Relation

__all__ = ["plan_gaps"]

_STRUCTURES = {str(MechanismType.COORDINATING_BODY), str(MechanismType.TASK_FORCE)}


def plan_gaps(
    G: nx.MultiDiGraph,
    *,
    as_of: dt.date | str | None = None,
    countries: Iterable[str] | None = None,
    undated: Undated | str = Undated.ATTESTED,
    stale_after: float | None = None,
    context: Context | None = None,
) -> list[Finding]:
    """Plans with no evaluation recorded, and plans without a coordinating structure.

    Parameters
    ----------
    G
        A graph from :func:`coordgraph.build_graph`.
    as_of
        The day to look at; default today.
    countries
        Keep findings about plans of these States (ISO alpha-3).
    undated
        Records with no start date (see :mod:`coordgraph.time_rules`).
    stale_after
        The staleness horizon in years (default: the graph's ``stale_after``, else 5;
        see :mod:`coordgraph.time_rules`).
    context
        The facts and date rules of ``G`` on the day, shared by several analyses
        (:class:`coordgraph.analyses.context.Context`); default: built for this call.
    """
    ctx = context_for(G, context, as_of=as_of, undated=undated, stale_after=stale_after)
    facts, rules = ctx.facts, ctx.rules
    wanted = wanted_states(countries)
    bodies: dict[str, list[str]] = {}
    for m in facts.nodes(NodeKind.MECHANISM):
        a = facts.attrs(m)
        if str(a.get("type")) not in _STRUCTURES or a.get("level") != Level.NATIONAL:
            continue
        for _, v, rel in G.out_edges(m, data="relation"):
            if rel == Relation.OPERATES_IN and G.nodes[v].get("kind") == NodeKind.COUNTRY:
                bodies.setdefault(v.partition(":")[2], []).append(m)
    findings: list[Finding] = []
    for p in sorted(facts.nodes(NodeKind.ACTION_PLAN)):
        if not rules.started(p):
            continue
        states = sorted(
            v.partition(":")[2]
            for _, v, rel in G.out_edges(p, data="relation")
            if rel == Relation.ADOPTED_BY and G.nodes[v].get("kind") == NodeKind.COUNTRY
        )
        if wanted is not None and not (set(states) & wanted):
            continue
        for finding in (
            plan_not_evaluated(G, rules, p, states),
            plan_without_structure(facts, rules, p, states, bodies),
        ):
            if finding is not None:
                findings.append(finding)
    return sorted((rules.annotate(f) for f in findings), key=Finding.sort_key)


def plan_not_evaluated(
    G: nx.MultiDiGraph, rules: TimeRules, p: str, states: list[str]
) -> Finding | None:
    """A plan that has ended, or has run longer than :data:`STALE_AFTER_YEARS` years,
    with no evaluation recorded by the day (a data gap)."""
    day = rules.as_of
    a = rules.attrs(p)
    start = rules.start(p).date
    evaluated = dated(a.get("evaluated"))
    over = rules.ended(p)
    long_running = start is not None and (day - start.start).days > 365.25 * STALE_AFTER_YEARS
    if not ((evaluated is None or not evaluated.started_by(day)) and (over or long_running)):
        return None
    since = f"ran {period(start, dated(a.get('valid_to')))}" if over else f"in effect since {start}"
    return Finding(
        FindingKind.PLAN_NOT_EVALUATED,
        "plans.not_evaluated",
        Severity.LOW,
        (p,),
        f"{label(G, p)} ({since}) has no evaluation recorded by {day.isoformat()}",
        sources=cite(G, [p]),
        as_of=day,
        details={"states": states, "period_over": over},
        gap_type=GapType.DATA,
    )


def plan_without_structure(
    facts: Facts,
    rules: TimeRules,
    p: str,
    states: list[str],
    bodies: dict[str, list[str]],
) -> Finding | None:
    """A national plan in effect whose named coordinating structures none work on the day
    (a policy gap), or, with none named, whose States have no working national
    coordinating body recorded (a data gap). ``bodies``: national coordinating bodies
    and task forces by State."""
    G = facts.G
    day = rules.as_of
    name = label(G, p)
    if (
        rules.ended(p)
        or not states
        or rules.attrs(p).get("level", Level.NATIONAL) != Level.NATIONAL
    ):
        return None
    implemented = [
        v for _, v, rel in G.out_edges(p, data="relation") if rel == Relation.IMPLEMENTED_BY
    ]
    if implemented:
        idle = [m for m in implemented if not working(rules, m)]
        if len(idle) != len(implemented):
            return None
        return Finding(
            FindingKind.PLAN_WITHOUT_STRUCTURE,
            "plans.structure_not_working",
            Severity.MEDIUM,
            (p, *idle),
            f"{name} is in effect but its coordinating structure "
            f"({', '.join(label(G, m) for m in idle)}) is not working on "
            f"{day.isoformat()}",
            evidence=tuple(idle),
            sources=cite(G, [p, *idle]),
            as_of=day,
            details={"states": states},
            gap_type=GapType.POLICY,
        )
    without = [c for c in states if not any(working(rules, m) for m in bodies.get(c, ()))]
    if not without:
        return None
    subjects = (p, *(f"{NodeKind.COUNTRY}:{c}" for c in without))
    details: dict[str, object] = {"states": states, "without_structure": without}
    said = (
        f"{name} is in effect but no structure to coordinate it is recorded: no "
        f"mechanism is named for it and {', '.join(without)} has no national "
        f"coordinating body recorded on {day.isoformat()}"
    )
    basis = coverage_basis(facts, rules, CoverageOf.MECHANISMS, without, types=sorted(_STRUCTURES))
    if basis is None:
        return Finding(
            FindingKind.PLAN_WITHOUT_STRUCTURE,
            "plans.no_structure_recorded",
            Severity.MEDIUM,
            subjects,
            said,
            sources=cite(G, [p]),
            as_of=day,
            details=details,
            gap_type=GapType.DATA,
        )
    # the dataset claims to list every coordinating body of those States: none is there
    severity, gap_type = on_basis(rules.stale(basis))
    return Finding(
        FindingKind.PLAN_WITHOUT_STRUCTURE,
        "plans.no_structure",
        severity,
        subjects,
        f"{said}: {claimed(G, basis, 'all of its mechanisms')}{re_check(rules.stale(basis))}",
        evidence=(basis,),
        sources=cite(G, [p, basis]),
        as_of=day,
        details={**details, "absence_basis": basis},
        gap_type=gap_type,
    )
