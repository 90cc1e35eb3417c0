"""Duplicated coordination mechanisms, national plans and regional initiatives.

Two mechanisms are a duplication candidate when they work in the same jurisdiction at
the same level, have the same function (coordination, referral or monitoring: recorded,
else their type's default in ``data/rules.yaml``), are both working on the date asked,
and their issue scopes overlap in the scope taxonomy (``data/scopes.yaml``). A body and
a body above or below it (part of it, reporting to it, overseeing it, up the chain) are
not duplicates, nor are two sub-bodies of one parent, nor a body and the one it
replaced, nor a local and a national body; plans are compared only at one level, and
networks only when they do the same thing. A pair where one side's newest evidence is
older than the staleness horizon is a data gap that asks to re-check. Whether a record
is working on the date is asked of
:mod:`coordgraph.time_rules` (an undated body counts from its earliest dated source).
Severity rises when their lead agencies differ and when no coordination or parent link
joins them. Plans of action are compared within a State, area or network while both are
in effect (a plan shared by two States in each); regional initiatives across networks
whose memberships overlap.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from itertools import combinations

import networkx as nx

from coordgraph.analyses.absence import capped
from coordgraph.analyses.context import Context, context_for
from coordgraph.findings import Finding, FindingKind, GapType, Severity
from coordgraph.lookup import Facts, cite, label, set_up, state_of, wanted_states
from coordgraph.taxonomy import Rules, Taxonomy, default_rules, default_taxonomy
from coordgraph.time_rules import TimeRules, Undated
from coordgraph.vocab import NodeKind, Relation

__all__ = ["duplicated_mechanisms"]


#: relations that put one body above another: (relation, True when the edge runs from
#: the lower body to the upper one)
_ABOVE = ((Relation.PART_OF, True), (Relation.REPORTS_TO, True), (Relation.OVERSEES, False))


class Design:
    """How bodies are put together in a graph (parts, reporting lines, leads, where they
    work), read from its :class:`~coordgraph.lookup.Facts`; each answer about a body is
    worked out once per call."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self._ancestors: dict[str, frozenset[str]] = {}
        self._above: dict[str, frozenset[str]] = {}
        self._leads: dict[str, frozenset[str]] = {}

    def leads(self, node: str) -> frozenset[str]:
        """The agencies that lead a body."""
        found = self._leads.get(node)
        if found is None:
            found = self._leads[node] = frozenset(self.facts.pointing_to(node, Relation.LEADS))
        return found

    def ancestors(self, node: str) -> frozenset[str]:
        """The bodies of its own kind a body is part of, up the chain (first parent)."""
        found = self._ancestors.get(node)
        if found is None:
            found = self._ancestors[node] = frozenset(self._chain(node))
        return found

    def _chain(self, node: str) -> set[str]:
        facts = self.facts
        kind = facts.attrs(node).get("kind")
        out: set[str] = set()
        current = node
        while True:
            parents = [
                p
                for p in facts.targets(current, Relation.PART_OF)
                if facts.attrs(p).get("kind") == kind
            ]
            if not parents or parents[0] in out:
                return out
            current = parents[0]
            out.add(current)

    def above(self, node: str) -> frozenset[str]:
        """Every body above ``node`` in a designed structure: what it is part of, reports
        to or is overseen by, followed up the chain."""
        found = self._above.get(node)
        if found is None:
            facts = self.facts
            out: set[str] = set()
            todo = [node]
            while todo:
                current = todo.pop()
                ups = [
                    other
                    for rel, upward in _ABOVE
                    for other in (
                        facts.targets(current, rel) if upward else facts.pointing_to(current, rel)
                    )
                ]
                for up in ups:
                    if up not in out and up != node:
                        out.add(up)
                        todo.append(up)
            found = self._above[node] = frozenset(out)
        return found

    def parents(self, node: str) -> frozenset[str]:
        """Everything a body is part of."""
        return frozenset(self.facts.targets(node, Relation.PART_OF))

    def joined_by(self, a: str, b: str, relation: Relation) -> bool:
        """Whether an edge of ``relation`` runs between two records, either way."""
        facts = self.facts
        return b in facts.targets(a, relation) or a in facts.targets(b, relation)

    def places(self, node: str) -> list[str]:
        """Where a body works or a plan applies (sorted): its areas, else its States or
        networks, else ``["international"]``."""
        facts = self.facts
        targets = sorted(
            (*facts.targets(node, Relation.OPERATES_IN), *facts.targets(node, Relation.ADOPTED_BY))
        )
        areas = [t for t in targets if facts.attrs(t).get("kind") == NodeKind.AREA]
        return areas or targets or ["international"]


def related(design: Design, a: str, b: str) -> str | None:
    """Why two records are never duplicates of each other, if they are not: one is part
    of the other, reports to it or oversees it (a designed structure, followed up the
    chain), both are parts of one parent, or one replaced the other."""
    if a in design.ancestors(b) or b in design.ancestors(a):
        return "one is part of the other"
    if a in design.above(b) or b in design.above(a):
        return "one reports to or oversees the other"
    if design.parents(a) & design.parents(b):
        return "sub-bodies of one parent"
    if design.joined_by(a, b, Relation.REPLACES):
        return "one replaced the other"
    return None


def _joined(design: Design, a: str, b: str) -> str | None:
    """How two records are formally related, if at all."""
    if design.joined_by(a, b, Relation.COORDINATES_WITH):
        return "coordinates_with"
    if design.ancestors(a) & design.ancestors(b):
        return "same parent"
    return None


def _severity(leads_differ: bool, joined: str | None) -> Severity:
    score = int(leads_differ) + int(joined is None)
    return [Severity.LOW, Severity.MEDIUM, Severity.HIGH][score]


def _broadest(shared: frozenset[str], taxonomy: Taxonomy) -> list[str]:
    """The shared tags no other shared tag includes (what a person reads first)."""
    return sorted(t for t in shared if not any(t in taxonomy.expand([u]) for u in shared if u != t))


def _pair_finding(
    ask: _Ask,
    kind: FindingKind,
    rule: str,
    a: str,
    b: str,
    shared: frozenset[str],
    where: str,
    extra: str = "",
) -> Finding:
    G, design = ask.G, ask.design
    la, lb = design.leads(a), design.leads(b)
    leads_differ = bool(la and lb and not (la & lb))
    joined = _joined(design, a, b)
    broadest = ask.broadest.get(shared)
    if broadest is None:
        broadest = ask.broadest[shared] = _broadest(shared, ask.taxonomy)

    def name(n: str) -> str:
        return str(G.nodes[n].get("label", n))

    parts = [
        f"{name(a)} and {name(b)} ({where}) overlap on {', '.join(broadest)}{extra}",
    ]
    if leads_differ:
        parts.append(
            "led by "
            + ", ".join(name(x) for x in sorted(la))
            + " vs "
            + ", ".join(name(x) for x in sorted(lb))
        )
    parts.append(
        f"joined by {joined}" if joined else "no coordination or parent link recorded between them"
    )
    subjects = tuple(sorted((a, b)))
    return Finding(
        kind,
        rule,
        _severity(leads_differ, joined),
        subjects,
        "; ".join(parts),
        evidence=tuple(sorted(la | lb)),
        sources=cite(G, list(subjects)),
        as_of=ask.day,
        gap_type=GapType.POLICY,
        details={
            "shared_scope": sorted(shared),
            "leads": {a: sorted(la), b: sorted(lb)},
            "leads_differ": leads_differ,
            "joined_by": joined,
            "jurisdiction": where,
        },
    )


@dataclass(frozen=True)
class _Ask:
    """What one :func:`duplicated_mechanisms` call looks at."""

    G: nx.MultiDiGraph
    facts: Facts
    when: TimeRules
    day: dt.date
    wanted: frozenset[str] | None
    taxonomy: Taxonomy
    rules: Rules
    design: Design
    #: the broadest tags of each shared scope (:func:`_broadest`), as worked out
    broadest: dict[frozenset[str], list[str]] = field(default_factory=dict)


def duplicated_mechanisms(
    G: nx.MultiDiGraph,
    *,
    as_of: dt.date | str | None = None,
    countries: list[str] | tuple[str, ...] | None = None,
    taxonomy: Taxonomy | None = None,
    rules: Rules | None = None,
    undated: Undated | str = Undated.ATTESTED,
    stale_after: float | None = None,
    context: Context | None = None,
) -> list[Finding]:
    """Pairs of mechanisms, plans or regional initiatives whose remits overlap.

    Three checks, one function each: :func:`duplicate_mechanisms`,
    :func:`duplicate_plans` and :func:`overlapping_networks`.

    Parameters
    ----------
    G
        A graph from :func:`coordgraph.build_graph`.
    as_of
        The day to look at; default today. Both of a pair must be working then.
    countries
        Keep findings in these States (ISO alpha-3 codes or names).
    taxonomy, rules
        Scope taxonomy and function rules; default the ones shipped in ``data/``.
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
    when = ctx.rules
    ask = _Ask(
        G,
        ctx.facts,
        when,
        ctx.day,
        wanted_states(countries),
        taxonomy or default_taxonomy(),
        rules or default_rules(),
        Design(ctx.facts),
    )
    findings = [*duplicate_mechanisms(ask), *duplicate_plans(ask), *overlapping_networks(ask)]
    return sorted((when.annotate(_aged(ask, f)) for f in findings), key=Finding.sort_key)


def _aged(ask: _Ask, finding: Finding) -> Finding:
    """A duplicate where one side's newest evidence is older than the staleness horizon
    is a data gap that asks to re-check, not a current duplication (DESIGN.md section 9)."""
    old = [(s, ask.when.stale(s)) for s in finding.subjects]
    old = [(s, d) for s, d in old if d is not None]
    if not old:
        return finding
    said = "; ".join(f"{label(ask.G, s)}: nothing recorded since {d}" for s, d in old)
    return replace(
        finding,
        severity=capped(finding.severity),
        gap_type=GapType.DATA,
        message=f"{finding.message}; {said}: re-check whether it still works",
        details={**finding.details, "stale": {s: str(d) for s, d in old}},
    )


def duplicate_mechanisms(ask: _Ask) -> list[Finding]:
    """Two mechanisms in one jurisdiction, at one level, that share a function
    (``data/rules.yaml``), both set up on the day, whose scopes overlap and that are not
    one part of the other, parts of one parent, or one the replacement of the other."""
    G, facts, when, wanted = ask.G, ask.facts, ask.when, ask.wanted
    taxonomy, rules = ask.taxonomy, ask.rules
    findings: list[Finding] = []

    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    # what each body does decides: a monitoring body is never a duplicate of the body it
    # monitors; only the functions rules.yaml compares are compared
    function: dict[str, str] = {}
    for m in facts.nodes(NodeKind.MECHANISM):
        m_attrs = facts.attrs(m)
        if not set_up(when, m):
            continue
        if not m_attrs.get("scope"):
            continue
        does = rules.function_of(m_attrs)
        if does is None or does not in rules.functions:
            continue
        function[m] = does
        groups[(ask.design.places(m)[0], str(m_attrs.get("level")))].append(m)
    for (where, level), members in groups.items():
        if wanted is not None and state_of(G, where) not in wanted:
            continue
        for a, b in combinations(sorted(members), 2):
            if function[a] != function[b] or related(ask.design, a, b):
                continue
            shared = taxonomy.overlap(
                tuple(facts.attrs(a)["scope"]), tuple(facts.attrs(b)["scope"])
            )
            if not shared:
                continue
            place = str(G.nodes[where].get("label", where)) if where in G else where
            findings.append(
                _pair_finding(
                    ask,
                    FindingKind.DUPLICATE_MECHANISMS,
                    f"duplicates.mechanisms.{function[a]}",
                    a,
                    b,
                    shared,
                    f"{level} {function[a]}" + ("" if where == "international" else f" in {place}"),
                )
            )
    return findings


def duplicate_plans(ask: _Ask) -> list[Finding]:
    """Two plans of action in effect on the day in one State, area or network (a plan
    shared by two States in each) whose scopes overlap, not related to each other."""
    G, facts, when, day, wanted = ask.G, ask.facts, ask.when, ask.day, ask.wanted
    taxonomy = ask.taxonomy
    findings: list[Finding] = []

    plans: dict[str, list[str]] = defaultdict(list)
    for p in facts.nodes(NodeKind.ACTION_PLAN):
        p_attrs = facts.attrs(p)
        if p_attrs.get("scope") and when.exists(p):
            for where in ask.design.places(p):
                plans[where].append(p)
    for where, members in plans.items():
        if wanted is not None and state_of(G, where) not in wanted:
            continue
        for a, b in combinations(sorted(members), 2):
            if related(ask.design, a, b):
                continue
            # plans are compared at one level: a provincial plan (even with no area
            # recorded) is not a duplicate of a national one
            if facts.attrs(a).get("level") != facts.attrs(b).get("level"):
                continue
            shared = taxonomy.overlap(
                tuple(facts.attrs(a)["scope"]), tuple(facts.attrs(b)["scope"])
            )
            if shared:
                place = str(G.nodes[where].get("label", where)) if where in G else where
                findings.append(
                    _pair_finding(
                        ask,
                        FindingKind.DUPLICATE_ACTION_PLANS,
                        "duplicates.action_plans",
                        a,
                        b,
                        shared,
                        f"plans in effect in {place} on {day.isoformat()}",
                    )
                )
    return findings


def overlapping_networks(ask: _Ask) -> list[Finding]:
    """Two coordinating regional initiatives in effect on the day whose scopes overlap
    and that share member States or agencies."""
    G, facts, when, wanted = ask.G, ask.facts, ask.when, ask.wanted
    taxonomy, rules = ask.taxonomy, ask.rules
    findings: list[Finding] = []

    nets = [
        n
        for n in facts.nodes(NodeKind.NETWORK)
        if str(facts.attrs(n).get("type")) in rules.coordinating_network_kinds
        and facts.attrs(n).get("coordinating", True)
        and facts.attrs(n).get("scope")
        and when.exists(n)
    ]
    for a, b in combinations(sorted(nets), 2):
        if related(ask.design, a, b):
            continue
        if rules.function_of(facts.attrs(a)) != rules.function_of(facts.attrs(b)):
            continue  # networks that do different things are not duplicates
        shared = taxonomy.overlap(tuple(facts.attrs(a)["scope"]), tuple(facts.attrs(b)["scope"]))
        if not shared:
            continue
        common = sorted(set(facts.active_members(a, when)) & set(facts.active_members(b, when)))
        agencies = sorted(_agency_members(facts, a) & _agency_members(facts, b))
        if not common and not agencies:
            continue
        if wanted is not None and not (set(common) & wanted):
            continue
        shared_members = ", ".join(common + [str(G.nodes[x].get("label", x)) for x in agencies])
        finding = _pair_finding(
            ask,
            FindingKind.OVERLAPPING_NETWORKS,
            "duplicates.networks",
            a,
            b,
            shared,
            "regional initiatives",
            extra=f" and share {len(common) + len(agencies)} members ({shared_members})",
        )
        finding.details["common_members"] = common + agencies
        findings.append(finding)
    return findings


def _agency_members(facts: Facts, network: str) -> set[str]:
    """The agencies recorded as members of a network."""
    return {
        u
        for u in facts.pointing_to(network, Relation.MEMBER_OF)
        if facts.attrs(u).get("kind") == NodeKind.AGENCY
    }
