"""Unlinked route endpoints: is there a channel between the two ends of every route leg?

For each route, the endpoint pair (origin, destination) and every consecutive leg is
checked as of a date. Two different States are linked, strongest first, by

1. an agreement in force between both (bilateral, or multilateral with both as parties)
   whose scope covers the route's victims;
2. a focal-point channel: both have an active focal point in a common network or agreement;
3. a recorded direct link between local mechanisms of the two States.

An agreement whose recorded forms of exploitation exclude every purpose of the route does
not link it. Each cross-border pair is also graded against the link criteria of
:mod:`coordgraph.analyses.criteria` (coverage of the exploitation, child-specific
provisions, return procedure, an operational channel), which set its severity.

Places in one State (an internal route) are linked by local mechanisms at both ends, or
a functioning national referral mechanism. An ``unknown`` end is reported unresolved.
Pairs are analysed once per (places, victims) however many routes share them, so the
cost is linear in routes plus agreements.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from coordgraph.analyses._facts import (
    ALL_GROUPS,
    CHILD_GROUPS,
    Facts,
    active,
    cite,
    dated,
)
from coordgraph.analyses.criteria import Grade, exploitation_status, grade_pair, route_purposes
from coordgraph.dates import parse_as_of
from coordgraph.findings import Finding, FindingKind, LinkKind, Severity
from coordgraph.vocab import (
    AgreementKind,
    Level,
    MechanismStatus,
    MechanismType,
    NodeKind,
    Relation,
)

__all__ = ["agreement_effect", "link_between", "unlinked_routes"]

SCOPE_GROUPS = {
    "children": CHILD_GROUPS,
    "women_and_children": frozenset({"girls", "boys", "women"}),
    "all_persons": ALL_GROUPS,
}
LOCAL_LEVELS = {str(Level.LOCAL), str(Level.SUBNATIONAL)}


def agreement_effect(
    attrs: dict[str, object], as_of: dt.date, *, require_in_force: bool = False
) -> tuple[bool, str]:
    """Whether an agreement has effect on ``as_of``, and a phrase that says why.

    Entry into force counts when recorded. Otherwise an MoU counts from signature, and
    so does an agreement whose entry into force is not recorded (unless
    ``require_in_force``); an agreement recorded as not in force never counts.
    """
    signed = dated(attrs.get("signed"))
    in_force = dated(attrs.get("in_force"))
    not_in_force = dated(attrs.get("not_in_force_on"))
    ended = dated(attrs.get("valid_to"))
    form = str(attrs.get("form", "unknown"))
    if in_force is not None:
        if not in_force.started_by(as_of):
            return False, f"enters into force only in {in_force}"
        basis = f"in force since {in_force}"
    elif not_in_force is not None:
        signed_text = f"signed {signed}, " if signed else ""
        return False, f"{signed_text}recorded as not in force on {not_in_force}"
    elif signed is not None:
        if not signed.started_by(as_of):
            return False, f"not yet signed (signed {signed})"
        if form == "mou":
            basis = f"MoU signed {signed}, effective from signature"
        elif require_in_force:
            return False, f"signed {signed}; entry into force not recorded"
        else:
            basis = f"signed {signed}; entry into force not recorded, counted from signature"
    elif require_in_force:
        return False, "no signature or entry-into-force date recorded"
    else:
        basis = "no dates recorded"
    if ended is not None and ended.ended_by(as_of):
        return False, f"expired {ended}"
    return True, basis


@dataclass
class PairLink:
    """The answer for one pair of places."""

    link_kind: LinkKind
    kinds_found: list[LinkKind] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    because: list[str] = field(default_factory=list)
    near_misses: list[str] = field(default_factory=list)
    #: how far each shared agreement got: not_effective, victims_not_covered,
    #: exploitation_excluded or linked (read by the link criteria)
    stages: dict[str, str] = field(default_factory=dict)


class _Links:
    """Per-call indexes: mechanisms by State and area, local links between States."""

    def __init__(self, facts: Facts, as_of: dt.date) -> None:
        self.facts = facts
        self.as_of = as_of
        G = facts.G
        self.mech_state: dict[str, str] = {}
        self.local_by_area: dict[str, list[str]] = defaultdict(list)
        self.referral_by_state: dict[str, list[str]] = defaultdict(list)
        for m in facts.nodes(NodeKind.MECHANISM):
            for _, target, rel in G.out_edges(m, data="relation"):
                if rel != Relation.OPERATES_IN:
                    continue
                kind = G.nodes[target].get("kind")
                if kind == NodeKind.COUNTRY:
                    self.mech_state[m] = target.partition(":")[2]
                elif kind == NodeKind.AREA:
                    self.local_by_area[target].append(m)
                    state = facts.area_country.get(target)
                    if state:
                        self.mech_state.setdefault(m, state)
            a = G.nodes[m]
            if (
                a.get("type") == MechanismType.REFERRAL_MECHANISM
                and a.get("level") == Level.NATIONAL
            ):
                state = self.mech_state.get(m)
                if state:
                    self.referral_by_state[state].append(m)
        self.local_links: dict[frozenset[str], list[tuple[str, str]]] = defaultdict(list)
        for u, v, rel in G.edges(data="relation"):
            if rel != Relation.COORDINATES_WITH:
                continue
            if not (self.working(u) and self.working(v)):
                continue
            if {G.nodes[u].get("level"), G.nodes[v].get("level")} <= LOCAL_LEVELS:
                su, sv = self.mech_state.get(u), self.mech_state.get(v)
                if su and sv and su != sv:
                    self.local_links[frozenset((su, sv))].append((u, v))

    def is_local(self, m: str) -> bool:
        return self.facts.attrs(m).get("level") in LOCAL_LEVELS

    def working(self, m: str) -> bool:
        a = self.facts.attrs(m)
        return a.get("status", MechanismStatus.ACTIVE) == MechanismStatus.ACTIVE and active(
            a, self.as_of
        )


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("label", node)) if node in G else node


def link_between(
    facts: Facts,
    links: _Links,
    a: str,
    b: str,
    victims: frozenset[str],
    as_of: dt.date,
    *,
    kinds: frozenset[LinkKind],
    require_in_force: bool = False,
    purposes: frozenset[str] = frozenset(),
) -> PairLink:
    """How States ``a`` and ``b`` are linked for a route with these victims and purposes."""
    G = facts.G
    found: list[tuple[LinkKind, list[str], str]] = []
    near: list[str] = []
    near_ev: list[str] = []
    groups = victims or ALL_GROUPS
    stages: dict[str, str] = {}
    shared = facts.parties.get(a, {}).keys() & facts.parties.get(b, {}).keys()
    for ag in sorted(shared):
        attrs = facts.attrs(ag)
        name = _label(G, ag)
        kind = (
            LinkKind.BILATERAL_AGREEMENT
            if attrs.get("type") == AgreementKind.BILATERAL
            else LinkKind.MULTILATERAL_AGREEMENT
        )
        effective, why = agreement_effect(attrs, as_of, require_in_force=require_in_force)
        near_ev.append(ag)
        stages[ag] = "not_effective"
        if not effective:
            near.append(f"{name}: {why}")
            continue
        late = [c for c in (a, b) if not facts.is_member(c, ag, as_of)]
        if late:
            near.append(f"{name}: {', '.join(late)} not yet a party on {as_of.isoformat()}")
            continue
        stages[ag] = "victims_not_covered"
        scope = str(attrs.get("scope", "all_persons"))
        covered = SCOPE_GROUPS.get(scope, ALL_GROUPS)
        if not groups <= covered:
            missing = ", ".join(sorted(groups - covered))
            who = "the route's victims are not recorded" if not victims else f"covers no {missing}"
            near.append(f"{name} ({scope.replace('_', ' ')}, {why}): {who}")
            continue
        covers, phrase = exploitation_status(attrs, purposes)
        if covers is None:
            stages[ag] = "exploitation_excluded"
            near.append(f"{name} ({why}) {phrase}")
            continue
        stages[ag] = "linked"
        if kind not in kinds:
            near.append(f"{name} ({why}) is a {kind.value.replace('_', ' ')}, not counted here")
            continue
        found.append((kind, [ag], f"{name} ({scope.replace('_', ' ')}; {why})"))
    # focal-point channels through a common network or agreement
    common = (facts.memberships.get(a, {}).keys() | facts.parties.get(a, {}).keys()) & (
        facts.memberships.get(b, {}).keys() | facts.parties.get(b, {}).keys()
    )
    for target in sorted(common):
        if not (facts.is_member(a, target, as_of) and facts.is_member(b, target, as_of)):
            continue
        fps = {
            c: [fp for fp in facts.focal_points_for(c, target) if facts.designated(fp, as_of)]
            for c in (a, b)
        }
        name = _label(G, target)
        if fps[a] and fps[b]:
            if LinkKind.FOCAL_POINT_CHANNEL in kinds:
                found.append(
                    (
                        LinkKind.FOCAL_POINT_CHANNEL,
                        [target, fps[a][0], fps[b][0]],
                        f"focal points of {a} and {b} in {name}",
                    )
                )
            continue
        if G.nodes[target].get("kind") != NodeKind.NETWORK:
            continue
        near_ev.append(target)
        for c in (a, b):
            if fps[c]:
                continue
            recorded = facts.focal_points_for(c, target)
            if any(facts.attrs(fp).get("status") == "not_designated" for fp in recorded):
                near.append(f"{c} is in {name} but recorded as not designating a focal point")
            else:
                near.append(f"{c} is in {name} but no focal point is recorded for it")
    if LinkKind.LOCAL_LINK in kinds:
        for u, v in links.local_links.get(frozenset((a, b)), []):
            found.append(
                (LinkKind.LOCAL_LINK, [u, v], f"{_label(G, u)} works directly with {_label(G, v)}")
            )
    result = _pick(found, near, near_ev)
    result.stages = stages
    return result


def _pick(
    found: list[tuple[LinkKind, list[str], str]], near: list[str], near_ev: list[str]
) -> PairLink:
    if not found:
        return PairLink(LinkKind.NONE, evidence=list(dict.fromkeys(near_ev)), near_misses=near)
    found.sort(key=lambda f: f[0].strength)
    best = found[0][0]
    evidence: list[str] = []
    for _, ev, _ in found:
        evidence.extend(e for e in ev if e not in evidence)
    return PairLink(
        best,
        sorted({k for k, _, _ in found}, key=lambda k: k.strength),
        evidence,
        [w for _, _, w in found],
        near,
    )


def _internal(facts: Facts, links: _Links, a: str, b: str, kinds: frozenset[LinkKind]) -> PairLink:
    G = facts.G
    state = facts.state_of(a) or ""
    found: list[tuple[LinkKind, list[str], str]] = []
    near: list[str] = []
    near_ev: list[str] = []
    areas = [p for p in (a, b) if G.nodes[p].get("kind") == NodeKind.AREA]
    if len(areas) == 2 and LinkKind.LOCAL_MECHANISMS in kinds:
        at = {p: [m for m in links.local_by_area.get(p, []) if links.working(m)] for p in areas}
        if all(at.values()):
            found.append(
                (
                    LinkKind.LOCAL_MECHANISMS,
                    [at[a][0], at[b][0]],
                    f"local mechanisms at both ends ({_label(G, at[a][0])}; {_label(G, at[b][0])})",
                )
            )
        else:
            near.extend(
                f"no working local mechanism recorded in {_label(G, p)}" for p in areas if not at[p]
            )
    for m in links.referral_by_state.get(state, []):
        near_ev.append(m)
        if not links.working(m):
            a_m = facts.attrs(m)
            when = f" (as of {a_m['status_as_of']})" if a_m.get("status_as_of") else ""
            near.append(
                f"{_label(G, m)} is {str(a_m.get('status', 'inactive')).replace('_', ' ')}{when}"
            )
        elif LinkKind.NATIONAL_REFERRAL in kinds:
            found.append(
                (LinkKind.NATIONAL_REFERRAL, [m], f"national referral mechanism {_label(G, m)}")
            )
    if not links.referral_by_state.get(state):
        near.append(f"no national referral mechanism recorded for {state}")
    return _pick(found, near, near_ev)


def _graded(grade: Grade | None) -> dict[str, tuple[str, ...]]:
    if grade is None:
        return {}
    return {
        "criteria_met": grade.met,
        "criteria_missing": grade.missing,
        "criteria_unknown": grade.unknown,
    }


def _grade_phrase(grade: Grade | None) -> str:
    """What a link that holds still lacks, and what the sources leave open."""
    if grade is None:
        return ""
    out = ""
    if grade.missing:
        out += "; but missing " + "; ".join(f"{c} ({grade.because[c]})" for c in grade.missing)
    if grade.unknown:
        out += "; not recorded (data gap): " + ", ".join(grade.unknown)
    return out


def unlinked_routes(
    G: nx.MultiDiGraph,
    *,
    as_of: dt.date | str | None = None,
    link_kinds: Iterable[LinkKind | str] | None = None,
    countries: Iterable[str] | None = None,
    network: str | None = None,
    children_only: bool = False,
    require_in_force: bool = False,
) -> list[Finding]:
    """Check every route's endpoint pair and legs for a link; findings sorted, gaps first.

    Parameters
    ----------
    G
        A graph from :func:`coordgraph.build_graph`.
    as_of
        The day to look at (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a date); default today.
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

    Returns
    -------
    list[Finding]
        One finding per pair of places and victims: ``route_linked`` (info),
        ``route_unlinked`` or ``route_unresolved``.
    """
    day = parse_as_of(as_of)
    kinds = frozenset(LinkKind(k) for k in link_kinds) if link_kinds else frozenset(LinkKind)
    wanted = {c.upper() for c in countries} if countries else None
    facts = Facts.from_graph(G)
    links = _Links(facts, day)
    net_node = f"{NodeKind.NETWORK}:{network}" if network else None
    pairs: dict[tuple[str, str, frozenset[str]], list[tuple[str, str, int | None]]] = defaultdict(
        list
    )
    purposes: dict[tuple[str, str, frozenset[str]], set[str]] = defaultdict(set)
    for route in facts.routes():
        victims = route.victims
        if children_only:
            victims = victims & CHILD_GROUPS
            if not victims:
                continue
        stops = route.stops
        if len(stops) < 2:
            continue
        legs = [(stops[0], stops[-1], "endpoints")]
        if len(stops) > 2:
            legs += [
                (stops[i], stops[i + 1], f"leg {i + 1} of {len(stops) - 1}")
                for i in range(len(stops) - 1)
            ]
        for a, b, role in legs:
            pairs[(a, b, victims)].append((route.node, role, route.volume))
            purposes[(a, b, victims)] |= route_purposes(route.attrs.get("purposes", ()))
    cache: dict[tuple[str, str, frozenset[str], frozenset[str]], PairLink] = {}
    findings: list[Finding] = []
    for (a, b, victims), uses in pairs.items():
        what = frozenset(purposes[(a, b, victims)])
        sa, sb = facts.state_of(a), facts.state_of(b)
        if wanted is not None and not ({sa, sb} & wanted):
            continue
        if net_node is not None and not (
            sa and sb and facts.is_member(sa, net_node, day) and facts.is_member(sb, net_node, day)
        ):
            continue
        route_nodes = sorted({r for r, _, _ in uses})
        volumes = [v for _, _, v in uses if v is not None]
        volume = sum(volumes) if volumes else None
        details = {
            "routes": route_nodes,
            "roles": sorted({role for _, role, _ in uses}),
            "victims": sorted(victims) or ["not recorded"],
            "purposes": sorted(what) or ["not recorded"],
            "states": [sa, sb],
        }
        subjects = (a, b)
        who = f"{_label(G, a)} -> {_label(G, b)}"
        if sa is None or sb is None:
            unknown = a if sa is None else b
            findings.append(
                Finding(
                    FindingKind.ROUTE_UNRESOLVED,
                    "routes.endpoint_unknown",
                    Severity.MEDIUM,
                    subjects,
                    f"{who}: the {'origin' if unknown == a else 'other end'} "
                    f"({_label(G, unknown)}) is not identified, so no link can be checked",
                    sources=cite(G, route_nodes),
                    link_kind=LinkKind.NONE,
                    as_of=day,
                    volume=volume,
                    details=details,
                )
            )
            continue
        grade = None
        if sa == sb:
            result = _internal(facts, links, a, b, kinds)
            internal = True
        else:
            key = (min(sa, sb), max(sa, sb), victims, what)
            if key not in cache:
                cache[key] = link_between(
                    facts,
                    links,
                    sa,
                    sb,
                    victims,
                    day,
                    kinds=kinds,
                    require_in_force=require_in_force,
                    purposes=what,
                )
            result = cache[key]
            internal = False
            grade = grade_pair(facts, sa, sb, victims, what, result, day)
            details["criteria"] = grade.details()
        details["internal"] = internal
        details["link_kinds_found"] = [str(k) for k in result.kinds_found]
        evidence = tuple(result.evidence)
        sources = cite(G, [*route_nodes, *evidence])
        graded = _graded(grade)
        if result.link_kind is LinkKind.NONE:
            near = tuple(result.near_misses)
            because = (
                "; nearest: " + "; ".join(near) if near else "; nothing links them in this dataset"
            )
            findings.append(
                Finding(
                    FindingKind.ROUTE_UNLINKED,
                    "routes.internal_unlinked" if internal else "routes.unlinked",
                    Severity.MEDIUM if internal else Severity.HIGH,
                    subjects,
                    f"{who} ({len(route_nodes)} route{'s' if len(route_nodes) > 1 else ''}) "
                    f"has no link as of {day.isoformat()}{because}",
                    evidence=evidence,
                    sources=sources,
                    link_kind=LinkKind.NONE,
                    near_misses=near,
                    as_of=day,
                    volume=volume,
                    details=details,
                    **graded,
                )
            )
        else:
            findings.append(
                Finding(
                    FindingKind.ROUTE_LINKED,
                    f"routes.{result.link_kind.value}",
                    grade.severity(
                        linked=True, children=not victims or bool(victims & CHILD_GROUPS)
                    )
                    if grade
                    else Severity.INFO,
                    subjects,
                    f"{who} is linked as of {day.isoformat()} by {result.because[0]}"
                    + _grade_phrase(grade),
                    evidence=evidence,
                    sources=sources,
                    link_kind=result.link_kind,
                    near_misses=tuple(result.near_misses),
                    as_of=day,
                    volume=volume,
                    details=details,
                    **graded,
                )
            )
    return sorted(findings, key=Finding.sort_key)
