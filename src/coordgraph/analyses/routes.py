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

Every date rule (when a route is observed, when an agreement has effect, when a State
is a party or member, when a record counts at all) is asked of
:class:`coordgraph.time_rules.TimeRules`. An unlinked pair is a *policy gap* when the
recorded facts say why no link holds, and a *data gap* when something may link the two
States that the sources do not settle (parties not recorded, status unknown since an
observation, scope or victims not recorded, a focal point not recorded).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from coordgraph.analyses.criteria import Grade, Status, exploitation_status, grade_pair
from coordgraph.analyses.route_pairs import merge_citations, route_pairs
from coordgraph.dates import parse_as_of
from coordgraph.findings import Finding, FindingKind, GapType, LinkKind, Severity
from coordgraph.lookup import (
    ALL_GROUPS,
    CHILD_GROUPS,
    Facts,
    cite,
    declined,
    label,
    wanted_states,
    working,
)
from coordgraph.taxonomy import Rules, default_rules
from coordgraph.time_rules import EffectStatus, TimeRules, Undated
from coordgraph.vocab import (
    AgreementKind,
    AgreementScope,
    Level,
    MechanismStatus,
    MechanismType,
    NodeKind,
    Relation,
)

__all__ = ["is_channel", "link_between", "unlinked_routes"]

SCOPE_GROUPS = {
    "children": CHILD_GROUPS,
    "women_and_children": frozenset({"girls", "boys", "women"}),
    "all_persons": ALL_GROUPS,
}
LOCAL_LEVELS = {str(Level.LOCAL), str(Level.SUBNATIONAL)}


def is_channel(attrs: dict[str, object], rules: Rules | None = None) -> bool:
    """Whether a network or agreement has a coordination or focal-point function, so a
    missing focal point in it is worth offering as a near-miss channel (a project or
    programme such as LUTRENA or YPP is not)."""
    if attrs.get("requires_focal_point"):
        return True
    if attrs.get("kind") == NodeKind.AGREEMENT:
        return False
    rules = rules or default_rules()
    return str(attrs.get("type")) in rules.coordinating_network_kinds and bool(
        attrs.get("coordinating", True)
    )


@dataclass
class PairLink:
    """The answer for one pair of places."""

    link_kind: LinkKind
    kinds_found: list[LinkKind] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    because: list[str] = field(default_factory=list)
    near_misses: list[str] = field(default_factory=list)
    #: ``data`` when a near-miss is a link the sources do not settle; else ``policy``
    gap_type: GapType = GapType.POLICY
    #: how far each shared agreement got: not_effective, victims_not_covered,
    #: exploitation_excluded or linked (read by the link criteria)
    stages: dict[str, str] = field(default_factory=dict)


class _Links:
    """Per-call indexes: mechanisms by State and area, local links between States."""

    def __init__(self, facts: Facts, rules: TimeRules) -> None:
        self.facts = facts
        self.rules = rules
        self.as_of = rules.as_of
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
        #: agreements whose party list is incomplete, with the network they belong to
        self.incomplete: list[tuple[str, str | None]] = []
        for ag in facts.nodes(NodeKind.AGREEMENT):
            attrs = G.nodes[ag]
            expected = attrs.get("party_count")
            if bool(attrs.get("parties_complete", True)) and not (
                expected and expected > len(facts.members_of.get(ag, {}))
            ):
                continue
            network = next(
                (v for _, v, r in G.out_edges(ag, data="relation") if r == Relation.PART_OF),
                None,
            )
            self.incomplete.append((ag, network))
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

        self._state_pairs: dict[tuple[str, str, frozenset[LinkKind], bool], _StatePair] = {}
        #: per pair of States: the networks and agreements of both on the day, and where
        #: one is recorded as not designating a focal point (see analyses.criteria)
        self.common: dict[tuple[str, str], list[str]] = {}
        self.refusals: dict[tuple[str, str], list[str]] = {}

    def state_pair(
        self, a: str, b: str, *, kinds: frozenset[LinkKind], require_in_force: bool
    ) -> _StatePair:
        """What links States ``a`` and ``b`` whatever the victims and purposes (cached)."""
        key = (a, b, kinds, require_in_force)
        if key not in self._state_pairs:
            self._state_pairs[key] = _state_pair(self.facts, self, a, b, kinds, require_in_force)
        return self._state_pairs[key]

    def is_local(self, m: str) -> bool:
        return self.facts.attrs(m).get("level") in LOCAL_LEVELS

    def working(self, m: str) -> bool:
        """:func:`coordgraph.lookup.working` on the day of these indexes."""
        return working(self.rules, m)


def link_between(
    facts: Facts,
    links: _Links,
    a: str,
    b: str,
    victims: frozenset[str],
    *,
    kinds: frozenset[LinkKind],
    require_in_force: bool = False,
    purposes: frozenset[str] = frozenset(),
) -> PairLink:
    """How States ``a`` and ``b`` are linked for a route with these victims and purposes,
    on the day ``links.rules`` looks at.

    What does not depend on the victims and purposes (which agreements have effect and
    bind both States, possible agreements, focal-point channels, local links) is worked
    out once per pair of States (:meth:`_Links.state_pair`)."""
    pair = links.state_pair(a, b, kinds=kinds, require_in_force=require_in_force)
    entries = [
        held
        if isinstance(held, _Entry)
        else agreement_scope(facts, ag, held, victims, kinds, purposes=purposes)
        for ag, held in pair.agreements
    ]
    return _link(pair, entries)


def _link(pair: _StatePair, entries: list[_Entry]) -> PairLink:
    """The answer for a pair of States, given the entry of each agreement both are
    recorded parties to (in the order of ``pair.agreements``)."""
    found: list[tuple[LinkKind, list[str], str]] = []
    near: list[str] = []
    near_ev: list[str] = []
    data_gap = False
    stages: dict[str, str] = {}
    for (ag, _), entry in zip(pair.agreements, entries, strict=True):
        stages[ag] = entry.stage
        near_ev.append(ag)
        if entry.found is not None:
            found.append(entry.found)
        else:
            near.append(entry.near)
            data_gap = data_gap or entry.data_gap
    for ag, why in pair.possible:
        near_ev.append(ag)
        near.append(why)
        data_gap = True
    for target, entry in pair.channels:
        if entry.found is not None:
            found.append(entry.found)
        elif entry.near:
            near_ev.append(target)
            near.extend(entry.near.split("\n"))
            data_gap = data_gap or entry.data_gap
    found.extend(pair.local)
    result = _pick(found, near, near_ev)
    result.gap_type = GapType.DATA if data_gap else GapType.POLICY
    result.stages = stages
    return result


@dataclass
class _StatePair:
    """What links two States whatever a route's victims and purposes.

    ``agreements``: each agreement both are recorded parties to, with the near-miss
    that rules it out (not in effect, not both parties on the day) or, when it has
    effect and binds both, the phrase saying why it has effect (its scope then decides,
    see :func:`agreement_scope`). ``possible``: agreements that may link them
    (:func:`possible_agreements`); ``channels``: focal-point channels in the networks
    and agreements they share; ``local``: direct links between their local mechanisms.
    """

    agreements: list[tuple[str, _Entry | str]]
    possible: list[tuple[str, str]]
    channels: list[tuple[str, _Entry]]
    local: list[tuple[LinkKind, list[str], str]]


def _state_pair(
    facts: Facts,
    links: _Links,
    a: str,
    b: str,
    kinds: frozenset[LinkKind],
    require_in_force: bool,
) -> _StatePair:
    shared = sorted(facts.parties.get(a, {}).keys() & facts.parties.get(b, {}).keys())
    local = []
    if LinkKind.LOCAL_LINK in kinds:
        local = [
            (
                LinkKind.LOCAL_LINK,
                [u, v],
                f"{label(facts.G, u)} works directly with {label(facts.G, v)}",
            )
            for u, v in links.local_links.get(frozenset((a, b)), [])
        ]
    return _StatePair(
        agreements=[
            (ag, agreement_in_effect(facts, links, ag, a, b, require_in_force)) for ag in shared
        ],
        possible=possible_agreements(facts, links, a, b),
        channels=[
            (target, focal_point_channel(facts, links, target, a, b, kinds))
            for target in sorted(shared_memberships(facts, a, b))
        ],
        local=local,
    )


@dataclass
class _Entry:
    """One candidate link between two States: found, or a near-miss and its kind of gap."""

    found: tuple[LinkKind, list[str], str] | None = None
    near: str = ""
    data_gap: bool = False
    #: for an agreement: not_effective, victims_not_covered, exploitation_excluded, linked
    stage: str = "not_effective"


def agreement_link(
    facts: Facts,
    links: _Links,
    ag: str,
    a: str,
    b: str,
    victims: frozenset[str],
    kinds: frozenset[LinkKind],
    require_in_force: bool,
    *,
    purposes: frozenset[str] = frozenset(),
) -> _Entry:
    """Whether one agreement both States are recorded parties to links them: it has
    effect and binds both on the day (:func:`agreement_in_effect`), its scope covers
    the victims, and its forms of exploitation do not exclude the route's
    (:func:`agreement_scope`)."""
    held = agreement_in_effect(facts, links, ag, a, b, require_in_force)
    if isinstance(held, _Entry):
        return held
    return agreement_scope(facts, ag, held, victims, kinds, purposes=purposes)


def agreement_in_effect(
    facts: Facts, links: _Links, ag: str, a: str, b: str, require_in_force: bool
) -> _Entry | str:
    """The near-miss when an agreement has no effect on the day or does not bind both
    States then; else the phrase that says why it has effect."""
    rules = links.rules
    name = label(facts.G, ag)
    effect = rules.agreement_effect(ag, require_in_force=require_in_force)
    why = effect.why
    if not effect.holds:
        return _Entry(near=f"{name}: {why}", data_gap=effect.status is EffectStatus.UNKNOWN)
    not_party = []
    for c in (a, b):
        holds, phrase = rules.is_member(
            facts.member_link(c, ag), ag, require_in_force=require_in_force
        )
        if not holds:
            not_party.append(f"{c} {phrase}")
    if not_party:
        return _Entry(
            near=f"{name}: not a party on {rules.as_of.isoformat()} ({'; '.join(not_party)})"
        )
    return why


def agreement_scope(
    facts: Facts,
    ag: str,
    why: str,
    victims: frozenset[str],
    kinds: frozenset[LinkKind],
    *,
    purposes: frozenset[str] = frozenset(),
) -> _Entry:
    """Whether an agreement that has effect and binds both States (``why``: the phrase
    saying why it has effect) covers the route's victims and its forms of exploitation,
    and is a kind of link counted here."""
    attrs = facts.attrs(ag)
    name = label(facts.G, ag)
    kind = (
        LinkKind.BILATERAL_AGREEMENT
        if attrs.get("type") == AgreementKind.BILATERAL
        else LinkKind.MULTILATERAL_AGREEMENT
    )
    scope = str(attrs.get("scope", "all_persons"))
    if scope == AgreementScope.UNKNOWN:
        return _Entry(
            near=f"{name} ({why}): whom it covers is not recorded",
            data_gap=True,
            stage="victims_not_covered",
        )
    covered = SCOPE_GROUPS.get(scope, ALL_GROUPS)
    groups = victims or ALL_GROUPS
    if not groups <= covered:
        missing = ", ".join(sorted(groups - covered))
        if not victims:
            return _Entry(
                near=f"{name} ({scope.replace('_', ' ')}, {why}): the route's victims are "
                "not recorded",
                data_gap=True,
                stage="victims_not_covered",
            )
        return _Entry(
            near=f"{name} ({scope.replace('_', ' ')}, {why}): covers no {missing}",
            stage="victims_not_covered",
        )
    covers, phrase = exploitation_status(attrs, purposes)
    if covers is None:
        return _Entry(near=f"{name} ({why}) {phrase}", stage="exploitation_excluded")
    if kind not in kinds:
        return _Entry(
            near=f"{name} ({why}) is a {kind.value.replace('_', ' ')}, not counted here",
            stage="linked",
        )
    return _Entry(found=(kind, [ag], f"{name} ({scope.replace('_', ' ')}; {why})"), stage="linked")


def possible_agreements(facts: Facts, links: _Links, a: str, b: str) -> list[tuple[str, str]]:
    """Agreements that may link two States but whose parties are not all recorded.

    A State may be an unrecorded party when the agreement's party list is incomplete and
    the State is a recorded member of the agreement's network on the day asked. An
    agreement counts here when both States are recorded or possible parties, and not
    both recorded. This is a data gap: the sources do not say whether they are parties.
    """
    rules = links.rules
    out: list[tuple[str, str]] = []
    both = facts.parties.get(a, {}).keys() & facts.parties.get(b, {}).keys()
    for ag, network in links.incomplete:
        if ag in both:
            continue
        recorded = facts.members_of.get(ag, {})
        possible = []
        for c in (a, b):
            possible.append(
                c in recorded or (network is not None and facts.is_member(c, network, rules))
            )
        if not all(possible):
            continue
        effect = rules.agreement_effect(ag)
        if not effect.holds and effect.status is not EffectStatus.UNKNOWN:
            continue
        name = label(facts.G, ag)
        out.append(
            (
                ag,
                f"possibly linked by {name} ({effect.why}), whose parties are not all "
                f"recorded ({a} and {b} are members of {label(facts.G, network or '')})",
            )
        )
    return sorted(out)


def shared_memberships(facts: Facts, a: str, b: str) -> set[str]:
    """Networks and agreements both States are recorded in (any date)."""
    return (facts.memberships.get(a, {}).keys() | facts.parties.get(a, {}).keys()) & (
        facts.memberships.get(b, {}).keys() | facts.parties.get(b, {}).keys()
    )


def focal_point_channel(
    facts: Facts, links: _Links, target: str, a: str, b: str, kinds: frozenset[LinkKind]
) -> _Entry:
    """Whether both States have a focal point in one network or agreement they share.

    Near-misses (one State without a focal point) are offered only for a network or
    agreement with a coordination or focal-point function (:func:`is_channel`).
    """
    rules = links.rules
    if not (
        rules.exists(target)
        and facts.is_member(a, target, rules)
        and facts.is_member(b, target, rules)
    ):
        return _Entry()
    fps = {
        c: [fp for fp in facts.focal_points_for(c, target) if facts.designated(fp, rules)]
        for c in (a, b)
    }
    name = label(facts.G, target)
    if fps[a] and fps[b]:
        if LinkKind.FOCAL_POINT_CHANNEL not in kinds:
            return _Entry()
        return _Entry(
            found=(
                LinkKind.FOCAL_POINT_CHANNEL,
                [target, fps[a][0], fps[b][0]],
                f"focal points of {a} and {b} in {name}",
            )
        )
    if facts.G.nodes[target].get("kind") != NodeKind.NETWORK or not is_channel(facts.attrs(target)):
        return _Entry()
    near: list[str] = []
    data_gap = False
    for c in (a, b):
        if fps[c]:
            continue
        recorded = facts.focal_points_for(c, target)
        if any(declined(facts.attrs(fp)) for fp in recorded):
            near.append(f"{c} is in {name} but recorded as not designating a focal point")
        else:
            near.append(f"{c} is in {name} but no focal point is recorded for it")
            data_gap = True
    return _Entry(near="\n".join(near), data_gap=data_gap)


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
                    f"local mechanisms at both ends ({label(G, at[a][0])}; {label(G, at[b][0])})",
                )
            )
        else:
            near.extend(
                f"no working local mechanism recorded in {label(G, p)}" for p in areas if not at[p]
            )
    for m in links.referral_by_state.get(state, []):
        near_ev.append(m)
        if not links.working(m):
            a_m = facts.attrs(m)
            status = str(a_m.get("status", MechanismStatus.ACTIVE))
            if status == MechanismStatus.ACTIVE:
                why = links.rules.replaced_phrase(m) or (
                    f"ended {a_m.get('valid_to')}"
                    if links.rules.ended(m)
                    else f"not yet in place ({links.rules.start(m).phrase})"
                )
                near.append(f"{label(G, m)}: {why}")
                continue
            when = f" (as of {a_m['status_as_of']})" if a_m.get("status_as_of") else ""
            near.append(f"{label(G, m)} is {status.replace('_', ' ')}{when}")
        elif LinkKind.NATIONAL_REFERRAL in kinds:
            found.append(
                (LinkKind.NATIONAL_REFERRAL, [m], f"national referral mechanism {label(G, m)}")
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


@dataclass(frozen=True)
class _Verdict:
    """What a route finding says about the link between its two ends, the same for
    every pair of places with the same States, victims and purposes."""

    result: PairLink
    internal: bool
    criteria: dict[str, dict[str, str]] | None
    kinds_found: tuple[str, ...]
    evidence: tuple[str, ...]
    sources: tuple[str, ...]
    graded: dict[str, tuple[str, ...]]
    kind: FindingKind
    rule: str
    severity: Severity
    #: the end of the message: the nearest misses, or the link and what it lacks
    because: str
    near_misses: tuple[str, ...]
    gap_type: GapType | None

    @classmethod
    def of(
        cls, G: nx.MultiDiGraph, result: PairLink, grade: Grade | None, victims: frozenset[str]
    ) -> _Verdict:
        """The verdict on a link (``grade`` is ``None`` inside one State)."""
        internal = grade is None
        evidence = tuple(result.evidence)
        near = tuple(result.near_misses)
        if result.link_kind is LinkKind.NONE:
            kind = FindingKind.ROUTE_UNLINKED
            rule = "routes.internal_unlinked" if internal else "routes.unlinked"
            severity = Severity.MEDIUM if internal else Severity.HIGH
            because = (
                "; nearest: " + "; ".join(near) if near else "; nothing links them in this dataset"
            )
            gap_type: GapType | None = result.gap_type
        else:
            kind = FindingKind.ROUTE_LINKED
            rule = f"routes.{result.link_kind.value}"
            severity = (
                grade.severity(linked=True, children=not victims or bool(victims & CHILD_GROUPS))
                if grade
                else Severity.INFO
            )
            because = result.because[0] + _grade_phrase(grade)
            gap_type = GapType.POLICY if grade and grade.missing else None
        return cls(
            result=result,
            internal=internal,
            criteria=grade.details() if grade is not None else None,
            kinds_found=tuple(str(k) for k in result.kinds_found),
            evidence=evidence,
            sources=cite(G, evidence),
            graded=_graded(grade),
            kind=kind,
            rule=rule,
            severity=severity,
            because=because,
            near_misses=near,
            gap_type=gap_type,
        )


class _Verdicts:
    """The verdicts of one :func:`unlinked_routes` call, each worked out once.

    A verdict depends on the two places only through their States (inside one State,
    on the places), and on the victims and purposes only when an agreement that binds
    both States on the day is there to cover them (else only whether children are
    concerned matters): the caches are keyed accordingly, so a million routes need as
    many verdicts as there are distinct answers.
    """

    def __init__(
        self, facts: Facts, links: _Links, *, kinds: frozenset[LinkKind], require_in_force: bool
    ) -> None:
        self.facts = facts
        self.links = links
        self.kinds = kinds
        self.require_in_force = require_in_force
        #: the orientation a pair of States, victims and purposes was first met in: the
        #: answer for it is worded that way round whichever way it is met later
        self.orientation: dict[tuple[str, str, frozenset[str], frozenset[str]], tuple[str, str]]
        self.orientation = {}
        self.results: dict[tuple[object, ...], PairLink] = {}
        self.entries: dict[tuple[str, str, frozenset[str], frozenset[str]], _Entry] = {}
        self.distinct: dict[tuple[object, ...], _Entry] = {}
        self.statuses: dict[tuple[str, frozenset[str]], tuple[Status | None, str]] = {}
        self.grades: dict[tuple[object, ...], Grade] = {}
        self.verdicts: dict[tuple[object, ...], _Verdict] = {}

    def scope(self, ag: str, why: str, victims: frozenset[str], purposes: frozenset[str]) -> _Entry:
        """:func:`agreement_scope`, one object per distinct answer (so that answers
        can be compared by identity)."""
        key = (ag, why, victims, purposes)
        entry = self.entries.get(key)
        if entry is None:
            entry = agreement_scope(self.facts, ag, why, victims, self.kinds, purposes=purposes)
            same = (
                entry.found and (entry.found[0], *entry.found[1], entry.found[2]),
                entry.near,
                entry.data_gap,
                entry.stage,
            )
            entry = self.entries[key] = self.distinct.setdefault(same, entry)
        return entry

    def exploitation(self, ag: str, purposes: frozenset[str]) -> tuple[Status | None, str]:
        """:func:`exploitation_status` of an agreement for these purposes (cached)."""
        key = (ag, purposes)
        if key not in self.statuses:
            self.statuses[key] = exploitation_status(self.facts.attrs(ag), purposes)
        return self.statuses[key]

    def verdict(
        self,
        a: str,
        b: str,
        sa: str,
        sb: str,
        victims: frozenset[str],
        purposes: frozenset[str],
    ) -> _Verdict:
        facts, links = self.facts, self.links
        if sa == sb:
            key: tuple[object, ...] = (a, b)
            if key not in self.verdicts:
                result = _internal(facts, links, a, b, self.kinds)
                self.verdicts[key] = _Verdict.of(facts.G, result, None, victims)
            return self.verdicts[key]
        x, y = self.orientation.setdefault((min(sa, sb), max(sa, sb), victims, purposes), (sa, sb))
        pair = links.state_pair(x, y, kinds=self.kinds, require_in_force=self.require_in_force)
        entries = [
            held if isinstance(held, _Entry) else self.scope(ag, held, victims, purposes)
            for ag, held in pair.agreements
        ]
        key = (x, y, *map(id, entries))
        found = self.results.get(key)
        if found is None:
            found = self.results[key] = _link(pair, entries)
        result = found
        children = not victims or bool(victims & CHILD_GROUPS)
        # the grade reads the purposes only through what each agreement that covers
        # the victims says about them
        covered = tuple(
            self.exploitation(ag, purposes)
            for ag, stage in result.stages.items()
            if stage in ("linked", "exploitation_excluded")
        )
        key = (sa, sb, id(result), children, covered)
        grade = self.grades.get(key)
        if grade is None:
            grade = grade_pair(facts, links, sa, sb, victims, purposes, result)
            self.grades[key] = grade
        key = (id(grade), id(result), children)
        if key not in self.verdicts:
            self.verdicts[key] = _Verdict.of(facts.G, result, grade, victims)
        return self.verdicts[key]


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

    Returns
    -------
    list[Finding]
        One finding per pair of places and victims: ``route_linked`` (info),
        ``route_unlinked`` or ``route_unresolved``.
    """
    day = parse_as_of(as_of)
    kinds = frozenset(LinkKind(k) for k in link_kinds) if link_kinds else frozenset(LinkKind)
    wanted = wanted_states(countries)
    facts = Facts.from_graph(G)
    rules = TimeRules(G, day, undated=undated)
    links = _Links(facts, rules)
    net_node = f"{NodeKind.NETWORK}:{network}" if network else None
    verdicts = _Verdicts(facts, links, kinds=kinds, require_in_force=require_in_force)
    findings: list[Finding] = []
    for pair in route_pairs(G, rules, children_only=children_only):
        a, b, victims, what = pair.a, pair.b, pair.victims, pair.purposes
        sa, sb = facts.state_of(a), facts.state_of(b)
        if wanted is not None and not ({sa, sb} & wanted):
            continue
        if net_node is not None and not (
            sa
            and sb
            and facts.is_member(sa, net_node, rules)
            and facts.is_member(sb, net_node, rules)
        ):
            continue
        route_nodes = pair.routes
        volume = pair.volume
        details: dict[str, object] = {
            "routes": route_nodes,
            "roles": pair.roles,
            "victims": sorted(victims) or ["not recorded"],
            "purposes": sorted(what) or ["not recorded"],
            "states": [sa, sb],
            "route_periods": pair.periods,
        }
        subjects = (a, b)
        who = f"{label(G, a)} -> {label(G, b)}"
        if pair.all_ended:
            who += " (" + "; ".join(sorted(set(pair.periods.values()))) + ")"
        if sa is None or sb is None:
            unknown = a if sa is None else b
            findings.append(
                Finding(
                    FindingKind.ROUTE_UNRESOLVED,
                    "routes.endpoint_unknown",
                    Severity.MEDIUM,
                    subjects,
                    _dated(
                        rules,
                        f"{who}: the {'origin' if unknown == a else 'other end'} "
                        f"({label(G, unknown)}) is not identified, so no link can be checked",
                        details,
                        subjects,
                    ),
                    sources=pair.citations,
                    link_kind=LinkKind.NONE,
                    as_of=day,
                    volume=volume,
                    details=details,
                    gap_type=GapType.DATA,
                )
            )
            continue
        verdict = verdicts.verdict(a, b, sa, sb, victims, what)
        if verdict.criteria is not None:
            details["criteria"] = verdict.criteria
        details["internal"] = verdict.internal
        details["link_kinds_found"] = list(verdict.kinds_found)
        sources = merge_citations(pair.citations, verdict.sources)
        if verdict.result.link_kind is LinkKind.NONE:
            n = len(route_nodes)
            message = (
                f"{who} ({n} route{'s' if n > 1 else ''}) "
                f"has no link as of {day.isoformat()}{verdict.because}"
            )
        else:
            message = f"{who} is linked as of {day.isoformat()} by {verdict.because}"
        findings.append(
            Finding(
                verdict.kind,
                verdict.rule,
                verdict.severity,
                subjects,
                _dated(rules, message, details, (*subjects, *verdict.evidence)),
                evidence=verdict.evidence,
                sources=sources,
                link_kind=verdict.result.link_kind,
                near_misses=verdict.near_misses,
                as_of=day,
                volume=volume,
                details=details,
                gap_type=verdict.gap_type,
                **verdict.graded,
            )
        )
    return sorted(findings, key=Finding.sort_key)


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
