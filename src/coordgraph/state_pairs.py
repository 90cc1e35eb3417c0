"""Route findings as one row per pair of States, for people reading at scale.

The route analysis gives a finding per pair of places and set of victims, and
recommendation 12.2.2 one per cross-border pair of places with child victims: at a
hundred thousand routes, tens of thousands of findings, several per pair of States.
A planner acts on a pair of States. :func:`state_pairs` groups those findings by the
States at their two ends (``details.states``) and says, per pair, what a planner needs
first: the link status, how many routes and cases, the most basic criterion missing,
the nearest miss, and the records and sources the verdict rests on. Every other
finding (duplicates, focal points, plans, structures) is passed through as it is.

A pure function of the findings: it reads their public fields and ``details``
(``states``, ``routes``, ``dates``, ``criteria``) and decides nothing anew.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from coordgraph.analyses.links.grading import CRITERIA
from coordgraph.findings import (
    ROUTE_KINDS,
    ROUTE_STATUS,
    Finding,
    FindingKind,
    GapType,
    LinkKind,
    Severity,
    jsonable,
)
from coordgraph.routes.table import route_node

__all__ = ["PAIR_KINDS", "PairTables", "StatePair", "pair_tables", "state_pairs"]

#: The findings grouped into pairs of States; any other kind keeps its own row.
PAIR_KINDS = ROUTE_KINDS | {
    FindingKind.LOCAL_OFFICIALS_LINKED,
    FindingKind.LOCAL_OFFICIALS_UNLINKED,
}

#: A pair's link status is its worst route finding's: unlinked, then unresolved.
_STATUS_ORDER = tuple(ROUTE_STATUS.values())

#: The prefix of a route's node id (its dates stay with it, not in the shared records).
_ROUTE = route_node("")

#: The State of an end the sources do not identify.
UNKNOWN_STATE = "unknown"


@dataclass(frozen=True)
class StatePair:
    """The route findings between two States, as one row.

    Attributes
    ----------
    states
        ISO codes of the two States, in route order (``unknown`` for an end the
        sources do not identify); the same code twice for routes inside one State.
    link_status
        ``unlinked`` when any pair of places between them has no link, else
        ``unresolved`` when an end is not identified, else ``linked``; ``None`` when
        only recommendation 12.2.2 findings are about them.
    link_kind, gap_type, rule, message, near_misses
        From the pair's lead finding: its most severe route finding, then largest by
        volume (the order findings are sorted in).
    severity
        The highest of its findings.
    routes
        Distinct routes of its findings.
    volume
        Cases recorded on those routes, each route once; ``None`` when none recorded.
    kinds
        How many findings of each kind the row stands for.
    worst_missing
        The most basic link criterion missing in any of its findings.
    nearest_miss
        The first near-miss of the most severe finding that has one.
    evidence, sources
        The records and citations the lead finding rests on.
    criteria
        Per criterion of the lead finding: ``{"status", "because"}``.
    findings
        The findings it stands for (``--detail`` lists them).
    """

    states: tuple[str, str]
    link_status: str | None
    link_kind: LinkKind | None
    severity: Severity
    gap_type: GapType | None
    rule: str
    message: str
    near_misses: tuple[str, ...]
    routes: int
    volume: int | None
    kinds: dict[str, int]
    worst_missing: str | None
    nearest_miss: str | None
    evidence: tuple[str, ...]
    sources: tuple[str, ...]
    criteria: dict[str, dict[str, Any]] = field(default_factory=dict)
    findings: tuple[Finding, ...] = field(default=(), repr=False)

    @property
    def is_gap(self) -> bool:
        return any(f.is_gap for f in self.findings)

    @property
    def lead(self) -> Finding:
        """The finding the row's verdict is taken from."""
        route = [f for f in self.findings if f.kind in ROUTE_KINDS]
        return (route or list(self.findings))[0]

    @property
    def subjects(self) -> tuple[str, str]:
        """The two States as graph node ids (``Country:MDA``)."""
        a, b = self.states
        return (_node(a), _node(b))


def _node(state: str) -> str:
    return f"UnknownPlace:{UNKNOWN_STATE}" if state == UNKNOWN_STATE else f"Country:{state}"


def _states(f: Finding) -> tuple[str, str]:
    states = f.details.get("states")
    if not states or len(states) != 2:
        places = [s.partition(":")[2] for s in f.subjects]
        states = [*places, UNKNOWN_STATE, UNKNOWN_STATE][:2]
    a, b = states
    return (str(a) if a else UNKNOWN_STATE, str(b) if b else UNKNOWN_STATE)


def _in_order(items: Iterable[Iterable[str]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(chain.from_iterable(items)))


#: each criterion's place in :data:`CRITERIA` (the most basic first)
_CRITERION_ORDER = {c: i for i, c in enumerate(CRITERIA)}


def _worst_missing(findings: Sequence[Finding]) -> str | None:
    order = _CRITERION_ORDER
    missing = {c for f in findings for c in f.criteria_missing}
    return min(missing, key=lambda c: (order.get(c, len(order)), c), default=None)


def _volume(
    findings: Sequence[Finding], routes: Sequence[str], volumes: Mapping[str, int] | None
) -> int | None:
    if volumes is not None:
        known = [v for v in map(volumes.get, routes) if v is not None]
        return sum(known) if known else None
    known = [f.volume for f in findings if f.volume is not None]
    return sum(known) if known else None


def _pair(
    states: tuple[str, str], findings: list[Finding], volumes: Mapping[str, int] | None
) -> StatePair:
    """The row of ``findings`` (in :meth:`Finding.sort_key` order, so the first is the
    most severe)."""
    route_findings = [f for f in findings if f.kind in ROUTE_KINDS]
    lead = route_findings[0] if route_findings else findings[0]
    statuses = {ROUTE_STATUS[f.kind] for f in route_findings}
    routes = list(_in_order(map(str, f.details.get("routes", ())) for f in findings))
    return StatePair(
        states=states,
        link_status=next((s for s in _STATUS_ORDER if s in statuses), None),
        link_kind=lead.link_kind,
        severity=findings[0].severity,
        gap_type=lead.gap_type,
        rule=lead.rule,
        message=lead.message,
        near_misses=lead.near_misses,
        routes=len(routes),
        volume=_volume(findings, routes, volumes),
        kinds=dict(sorted(_count(str(f.kind) for f in findings).items())),
        worst_missing=_worst_missing(findings),
        nearest_miss=next((f.near_misses[0] for f in findings if f.near_misses), None),
        evidence=lead.evidence,
        sources=lead.sources,
        criteria=jsonable(lead.details.get("criteria") or {}),
        findings=tuple(findings),
    )


def _count(items: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in items:
        out[item] = out.get(item, 0) + 1
    return out


def state_pairs(
    findings: Iterable[Finding], *, route_volumes: Mapping[str, int] | None = None
) -> tuple[list[StatePair], list[Finding]]:
    """Group the route findings of ``findings`` by pair of States.

    Returns the pairs, ranked by volume (largest first; pairs without one last), then
    by severity and by the two States, and the findings of other kinds, in their order.
    ``route_volumes`` (route node id -> recorded cases) counts each route of a pair
    once; without it a pair's volume is the sum of its findings' volumes (a route that
    is both a pair's two ends and one of its legs then counts twice).

    Examples
    --------
    >>> from coordgraph import load
    >>> from coordgraph.analyses import find_gaps
    >>> pairs, others = state_pairs(find_gaps(load().to_networkx(), as_of="2008-07"))
    >>> pairs[0].link_status in ("linked", "unlinked", "unresolved", None)
    True
    """
    groups: dict[tuple[str, str], list[Finding]] = {}
    others: list[Finding] = []
    for f in sorted(findings, key=Finding.sort_key):
        if f.kind in PAIR_KINDS:
            groups.setdefault(_states(f), []).append(f)
        else:
            others.append(f)
    pairs = [_pair(states, group, route_volumes) for states, group in groups.items()]
    pairs.sort(key=lambda p: (p.volume is None, -(p.volume or 0), -p.severity.rank, p.states))
    return pairs, others


@dataclass(frozen=True)
class PairTables:
    """What several rows share, written once: the dates of each record the findings
    rest on (``details.dates``, by node id), and each distinct criterion verdict
    (``{"criterion", "status", "because"}``) under a short id (``c1``, ``c2``, ...)."""

    records: dict[str, dict[str, Any]]
    criteria: dict[str, dict[str, Any]]
    criterion_ids: dict[tuple[str, str, str], str]

    def criteria_of(self, pair: StatePair) -> list[str]:
        """The ids of a pair's criterion verdicts, in criteria order."""
        return [
            self.criterion_ids[(name, str(c.get("status")), str(c.get("because")))]
            for name, c in pair.criteria.items()
        ]


def pair_tables(pairs: Sequence[StatePair], others: Sequence[Finding] = ()) -> PairTables:
    """The shared tables of ``pairs`` (and of ``others``' dates): see :class:`PairTables`."""
    records: dict[str, dict[str, Any]] = {}
    for f in chain(chain.from_iterable(p.findings for p in pairs), others):
        for node, dates in (f.details.get("dates") or {}).items():
            # the few records recur in many findings; each route's dates stay with it
            if node not in records and not str(node).startswith(_ROUTE):
                records[str(node)] = jsonable(dates)
    ids: dict[tuple[str, str, str], str] = {}
    criteria: dict[str, dict[str, Any]] = {}
    for p in pairs:
        for name, c in p.criteria.items():
            key = (name, str(c.get("status")), str(c.get("because")))
            if key not in ids:
                ids[key] = f"c{len(ids) + 1}"
                criteria[ids[key]] = {"criterion": name, **c}
    return PairTables(dict(sorted(records.items())), criteria, ids)
