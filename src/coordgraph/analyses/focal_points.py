"""States missing focal points, and focal points that point to nothing.

* Members of each network or agreement that expects focal points
  (``requires_focal_point``) with no active designated focal point on the date asked.
  "Recorded as not designated" (a policy gap) is told apart from "no focal point
  recorded in this dataset" (a data gap).
* For each cross-border route, each endpoint State that shares a network expecting focal
  points with the State at the other end but has no focal point in any such network.
* Focal points whose network or agreement has ended, whose agency has gone, or whose
  State is no longer a member.
* Networks and agreements whose recorded membership is incomplete, so a missing focal
  point may not be visible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from coordgraph.analyses.absence import list_complete
from coordgraph.analyses.context import Context, context_for
from coordgraph.analyses.route_pairs import first_route_per_state_pair, merge_citations
from coordgraph.findings import Finding, FindingKind, GapType, Severity
from coordgraph.lookup import Facts, cite, declined, label, wanted_states
from coordgraph.time_rules import TimeRules, Undated
from coordgraph.vocab import NodeKind, Relation

__all__ = ["missing_focal_points"]


def _when(value: object) -> str:
    """A start date as a sentence reads it: ``2014-05``, or ``before 2016`` for ``<2016``."""
    text = str(value)
    return "before " + text[1:] if text.startswith("<") else text


@dataclass(frozen=True)
class _Ask:
    """What one :func:`missing_focal_points` call looks at."""

    G: nx.MultiDiGraph
    facts: Facts
    rules: TimeRules
    day: dt.date
    wanted: frozenset[str] | None
    net_node: str | None
    #: :func:`first_route_per_state_pair` on the day (worked out once per context)
    route_ends: list[tuple[str, str, str, tuple[str, ...]]]

    def keep(self, *codes: str) -> bool:
        """Whether a finding about these States is asked for (``countries=``)."""
        return self.wanted is None or bool(set(codes) & self.wanted)


def missing_focal_points(
    G: nx.MultiDiGraph,
    *,
    as_of: dt.date | str | None = None,
    countries: Iterable[str] | None = None,
    network: str | None = None,
    undated: Undated | str = Undated.ATTESTED,
    stale_after: float | None = None,
    context: Context | None = None,
) -> list[Finding]:
    """Members and route endpoint States without a focal point; orphaned focal points.

    Three checks, one function each: :func:`members_without_focal_points`,
    :func:`endpoints_without_focal_points` and :func:`orphan_focal_points`.

    Parameters
    ----------
    G
        A graph from :func:`coordgraph.build_graph`.
    as_of
        The day to look at; default today.
    countries
        Keep findings about these States (ISO alpha-3 codes or names).
    network
        Look only at this network id.
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
    rules = ctx.rules
    ask = _Ask(
        G,
        ctx.facts,
        rules,
        ctx.day,
        wanted_states(countries),
        f"{NodeKind.NETWORK}:{network}" if network else None,
        ctx.once(_route_ends),
    )
    findings = [
        *members_without_focal_points(ask),
        *endpoints_without_focal_points(ask),
        *orphan_focal_points(ask),
    ]
    return sorted((rules.annotate(f) for f in findings), key=Finding.sort_key)


def _route_ends(facts: Facts, rules: TimeRules) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """:func:`first_route_per_state_pair` of the graph on the day (for
    :meth:`Context.once <coordgraph.analyses.context.Context.once>`: the same for every
    network asked about)."""
    return first_route_per_state_pair(facts.G, facts, rules)


def members_without_focal_points(ask: _Ask) -> list[Finding]:
    """Members of each network or agreement that expects focal points
    (``requires_focal_point``) with no designated focal point on the day; and networks
    whose recorded membership is incomplete, so a missing focal point may not show."""
    facts, rules = ask.facts, ask.rules
    targets = [
        n
        for kind in (NodeKind.NETWORK, NodeKind.AGREEMENT)
        for n in facts.nodes(kind)
        if (ask.net_node is None or n == ask.net_node)
        and facts.attrs(n).get("requires_focal_point")
        and rules.exists(n)
    ]
    findings: list[Finding] = []
    for target in sorted(targets):
        if ask.net_node is not None and target != ask.net_node:
            continue
        members = facts.active_members(target, rules)
        incomplete = _incomplete_membership(ask, target, members)
        # about the States recorded as members: with countries=, kept for those only
        if incomplete is not None and ask.keep(*members):
            findings.append(incomplete)
        for code in members:
            if not ask.keep(code):
                continue
            finding = _member_without_focal_point(ask, target, code)
            if finding is not None:
                findings.append(finding)
    return findings


def _incomplete_membership(ask: _Ask, target: str, members: list[str]) -> Finding | None:
    """A network or agreement whose recorded members are fewer than the source gives, or
    marked incomplete: a data gap."""
    attrs = ask.facts.attrs(target)
    expected = attrs.get("member_count") or attrs.get("party_count")
    complete = list_complete(ask.facts, ask.rules, target)
    if not ((expected and expected > len(members)) or (not complete and not expected)):
        return None
    return Finding(
        FindingKind.MEMBERSHIP_INCOMPLETE,
        "focal_points.membership_incomplete",
        Severity.LOW,
        (target,),
        f"{label(ask.G, target)}: {len(members)} member State(s) recorded"
        + (f" of {expected} the source gives" if expected else "")
        + "; focal points of unrecorded members cannot be checked",
        sources=cite(ask.G, [target]),
        as_of=ask.day,
        details={"recorded_members": members, "expected_members": expected},
        gap_type=GapType.DATA,
    )


def _member_without_focal_point(ask: _Ask, target: str, code: str) -> Finding | None:
    """A member State with no focal point designated in ``target`` on the day: recorded as
    not designating one or lapsed (policy gaps), or none recorded then (a data gap)."""
    G, facts, rules = ask.G, ask.facts, ask.rules
    recorded = facts.focal_points_for(code, target)
    if any(facts.designated(fp, rules) for fp in recorded):
        return None
    country = f"{NodeKind.COUNTRY}:{code}"
    refused = [fp for fp in recorded if declined(facts.attrs(fp))]
    # a designation that starts after the date says nothing about the date itself
    later = [fp for fp in recorded if fp not in refused and not rules.started(fp)]
    lapsed = [fp for fp in recorded if fp not in refused and fp not in later]
    gap = GapType.POLICY
    if refused:
        rule, severity = "focal_points.not_designated", Severity.HIGH
        why = "is recorded as not having designated one"
    elif lapsed:
        rule, severity = "focal_points.lapsed", Severity.HIGH
        why = "had a focal point whose designation is not in effect on this date"
    elif later:
        gap = GapType.DATA
        rule, severity = "focal_points.not_recorded", Severity.MEDIUM
        starts = ", ".join(sorted({_when(rules.start(fp).date) for fp in later}))
        why = (
            f"has no focal point recorded on this date; one is recorded from {starts} "
            "(a data gap, not necessarily a policy gap)"
        )
    else:
        gap = GapType.DATA
        rule, severity = "focal_points.not_recorded", Severity.MEDIUM
        why = (
            "has no focal point recorded in this dataset (a data gap, not necessarily a policy gap)"
        )
    shown = [*refused, *lapsed] if refused or lapsed else later
    return Finding(
        FindingKind.MEMBER_WITHOUT_FOCAL_POINT,
        rule,
        severity,
        (country, target),
        f"{label(G, country)} is a member of {label(G, target)}, which expects focal points, "
        f"but {why}",
        evidence=(target, *shown),
        sources=cite(G, [target, *shown]),
        as_of=ask.day,
        details={
            "recorded": bool(recorded),
            "not_designated": bool(refused),
            # a policy gap rests on the record that states it (open world, DESIGN 9)
            **({"absence_basis": shown[0]} if gap is GapType.POLICY else {}),
        },
        gap_type=gap,
    )


def endpoints_without_focal_points(ask: _Ask) -> list[Finding]:
    """For each cross-border route, each endpoint State that shares a network expecting
    focal points with the State at the other end but has no focal point in any such
    network on the day (a data gap)."""
    G, facts, rules = ask.G, ask.facts, ask.rules
    findings: list[Finding] = []
    for route, a, b, citations in ask.route_ends:
        for me, other in ((a, b), (b, a)):
            if not ask.keep(me, other):
                continue
            both = facts.memberships.get(me, {}).keys() & facts.memberships.get(other, {}).keys()
            if ask.net_node is not None:
                both &= {ask.net_node}
            shared = sorted(
                n
                for n in both
                if facts.attrs(n).get("requires_focal_point")
                and rules.exists(n)
                and facts.is_member(me, n, rules)
                and facts.is_member(other, n, rules)
            )
            if not shared:
                continue
            if any(
                facts.designated(fp, rules) for n in shared for fp in facts.focal_points_for(me, n)
            ):
                continue
            names = ", ".join(label(G, n) for n in shared)
            findings.append(
                Finding(
                    FindingKind.ENDPOINT_WITHOUT_FOCAL_POINT,
                    "focal_points.route_endpoint",
                    Severity.MEDIUM,
                    (f"{NodeKind.COUNTRY}:{me}", f"{NodeKind.COUNTRY}:{other}"),
                    f"{label(G, 'Country:' + me)} is at one end of a route with "
                    f"{label(G, 'Country:' + other)} and shares {names} with it, but has no "
                    "focal point recorded in any of them",
                    evidence=tuple(shared),
                    sources=merge_citations(citations, cite(G, shared)),
                    as_of=ask.day,
                    details={"shared_networks": shared, "example_route": route},
                    gap_type=GapType.DATA,
                )
            )
    return findings


def _left(facts: Facts, rules: TimeRules, code: str, served: str) -> bool:
    """Whether a State has left the network (or withdrawn from the agreement) a focal
    point serves, by the day asked: its designation ended with its membership."""
    link = facts.member_link(code, served)
    if link is None:
        return False
    until = rules.member_until(link)
    return until is not None and until.ended_by(rules.as_of)


def orphan_focal_points(ask: _Ask) -> list[Finding]:
    """Focal points designated on the day that point to nothing: their network or
    agreement has ended, their State is no longer a member of it (when its member list
    is complete), or their agency has gone (policy gaps)."""
    G, facts, rules = ask.G, ask.facts, ask.rules
    findings: list[Finding] = []
    for fp in sorted(facts.nodes(NodeKind.FOCAL_POINT)):
        if not facts.designated(fp, rules):
            continue
        code = next(
            (
                u.partition(":")[2]
                for u, _, r in G.in_edges(fp, data="relation")
                if r == Relation.DESIGNATES
            ),
            "",
        )
        if ask.net_node is not None and facts.serves.get(fp) != ask.net_node:
            continue
        if not ask.keep(code):
            continue
        problems: list[str] = []
        served = facts.serves.get(fp)
        if served is not None:
            if _left(facts, rules, code, served):
                # ends that follow: the designation ended when the State left
                continue
            if rules.ended(served):
                problems.append(f"{label(G, served)} has ended")
            elif not facts.is_member(code, served, rules) and list_complete(facts, rules, served):
                # with an incomplete member list, a missing membership says nothing
                problems.append(f"{code} is not a member of {label(G, served)} on this date")
        for _, agency, r in G.out_edges(fp, data="relation"):
            if r == Relation.HELD_BY and rules.ended(agency):
                problems.append(f"the agency {label(G, agency)} no longer exists")
        if problems:
            findings.append(
                Finding(
                    FindingKind.ORPHAN_FOCAL_POINT,
                    "focal_points.orphan",
                    Severity.LOW,
                    (fp,),
                    f"Focal point {label(G, fp)} points to nothing: " + "; ".join(problems),
                    evidence=tuple(x for x in (served,) if x),
                    sources=cite(G, [fp]),
                    as_of=ask.day,
                    details={"reasons": problems},
                    gap_type=GapType.POLICY,
                )
            )
    return findings
