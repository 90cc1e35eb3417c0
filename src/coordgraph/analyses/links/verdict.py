"""The verdict of the link rule on a pair of places: linked (and how well), or the
near-misses and whether what is missing is a policy gap or a data gap.

:class:`LinkRule` answers for a pair of States (:class:`PairLink`),
:func:`internal_link` for two places in one State, and :class:`Verdicts` turns answers
into what a route finding says (:class:`Verdict`), each distinct answer once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from coordgraph.analyses.absence import capped, claimed, coverage_basis, not_claimed
from coordgraph.analyses.links.agreements import (
    Entry,
    agreement_in_effect,
    agreement_scope,
    possible_agreements,
)
from coordgraph.analyses.links.channels import focal_point_channel, local_links, possible_channels
from coordgraph.analyses.links.grading import (
    Grade,
    Stage,
    Status,
    exploitation_status,
    grade_internal,
    grade_pair,
)
from coordgraph.analyses.links.index import LinkIndex
from coordgraph.findings import FindingKind, GapType, LinkKind, Severity
from coordgraph.lookup import CHILD_GROUPS, Facts, cite, label
from coordgraph.time_rules import TimeRules
from coordgraph.vocab import CoverageOf, MechanismStatus, NodeKind

__all__ = ["LinkRule", "PairLink", "StatePair", "Verdict", "Verdicts", "internal_link"]


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
    #: how far each shared agreement got (read by the link criteria)
    stages: dict[str, Stage] = field(default_factory=dict)
    #: the coverage statement by which the dataset lists every agreement of both States
    #: on the day (DESIGN.md section 9), if any: "not recorded" then means "none"
    coverage: str | None = None


@dataclass
class StatePair:
    """What links two States whatever a route's victims and purposes.

    ``agreements``: each agreement both are recorded parties to, with the near-miss
    that rules it out (not in effect, not both parties on the day) or, when it has
    effect and binds both, the phrase saying why it has effect (its scope then decides:
    :func:`~coordgraph.analyses.links.agreements.agreement_scope`). ``possible``:
    agreements that may link them
    (:func:`~coordgraph.analyses.links.agreements.possible_agreements`); ``channels``:
    focal-point channels in the networks and agreements they share; ``local``: direct
    links between their local mechanisms.
    """

    agreements: list[tuple[str, Entry | str]]
    possible: list[tuple[str, str]]
    channels: list[tuple[str, Entry]]
    local: list[tuple[LinkKind, list[str], str]]
    #: the coverage statement that lists all agreements of both States (or ``None``)
    coverage: str | None = None


class LinkRule:
    """The link rule on one day: how two States are linked, strongest first.

    1. an agreement in force between both (bilateral, or multilateral with both as
       parties) whose scope covers the route's victims and whose forms of exploitation
       do not exclude the route's (:mod:`~coordgraph.analyses.links.agreements`);
    2. a focal-point channel: both have a designated focal point in a common network or
       agreement (:mod:`~coordgraph.analyses.links.channels`);
    3. a recorded direct link between local mechanisms of the two States.

    Everything that does not depend on a route's victims and purposes is worked out once
    per pair of States (:meth:`state_pair`); :meth:`between` adds the victims and
    purposes. Every date is asked of :class:`~coordgraph.time_rules.TimeRules`.
    """

    def __init__(self, facts: Facts, rules: TimeRules) -> None:
        self.facts = facts
        self.rules = rules
        self.index = LinkIndex(facts, rules)
        self._state_pairs: dict[tuple[str, str, frozenset[LinkKind], bool], StatePair] = {}

    def state_pair(
        self, a: str, b: str, *, kinds: frozenset[LinkKind], require_in_force: bool
    ) -> StatePair:
        """What links States ``a`` and ``b`` whatever the victims and purposes (cached)."""
        key = (a, b, kinds, require_in_force)
        if key not in self._state_pairs:
            index = self.index
            shared = sorted(index.agreements_of(a) & index.agreements_of(b))
            self._state_pairs[key] = StatePair(
                agreements=[
                    (ag, agreement_in_effect(index, ag, a, b, require_in_force)) for ag in shared
                ],
                possible=possible_agreements(index, a, b) + possible_channels(index, a, b),
                channels=[
                    (target, focal_point_channel(index, target, a, b, kinds))
                    for target in sorted(index.shared(a, b))
                ],
                local=local_links(index, a, b) if LinkKind.LOCAL_LINK in kinds else [],
                coverage=coverage_basis(self.facts, self.rules, CoverageOf.AGREEMENTS, (a, b)),
            )
        return self._state_pairs[key]

    def between(
        self,
        a: str,
        b: str,
        victims: frozenset[str],
        *,
        kinds: frozenset[LinkKind],
        require_in_force: bool = False,
        purposes: frozenset[str] = frozenset(),
    ) -> PairLink:
        """How States ``a`` and ``b`` are linked for a route with these victims and
        purposes, on the day the rule looks at."""
        pair = self.state_pair(a, b, kinds=kinds, require_in_force=require_in_force)
        entries = [
            held
            if isinstance(held, Entry)
            else agreement_scope(
                self.facts,
                ag,
                held,
                victims,
                kinds,
                purposes=purposes,
                excluded=self.index.exclusions(ag, a, b),
            )
            for ag, held in pair.agreements
        ]
        return _link(pair, entries)


def _link(pair: StatePair, entries: list[Entry]) -> PairLink:
    """The answer for a pair of States, given the entry of each agreement both are
    recorded parties to (in the order of ``pair.agreements``)."""
    found: list[tuple[LinkKind, list[str], str]] = []
    near: list[str] = []
    near_ev: list[str] = []
    data_gap = False
    stages: dict[str, Stage] = {}
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
    result.coverage = pair.coverage
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
    if best is LinkKind.LEGAL_BASIS:
        # an agreement that might have carried cases (not in force, not covering the
        # victims) is part of the answer: cited with it
        evidence.extend(
            e
            for e in dict.fromkeys(near_ev)
            if e not in evidence and e.startswith(f"{NodeKind.AGREEMENT}:")
        )
    return PairLink(
        best,
        sorted({k for k, _, _ in found}, key=lambda k: k.strength),
        evidence,
        [w for _, _, w in found],
        near,
    )


def internal_link(index: LinkIndex, a: str, b: str, kinds: frozenset[LinkKind]) -> PairLink:
    """How two places in one State are linked: local mechanisms working at both (when
    both are areas), or a working national referral mechanism; else the near-misses.

    When nothing is recorded (no mechanism at all), the gap is a data gap unless the
    dataset claims to list every referral mechanism of the State (a coverage statement,
    :func:`~coordgraph.analyses.absence.coverage_basis`); a mechanism recorded as not
    functioning, ended or not yet in place is a policy gap resting on that record."""
    result = _internal(index, a, b, kinds)
    if result.link_kind is not LinkKind.NONE:
        return result
    if result.evidence:  # a recorded mechanism says why: a policy gap on that record
        return result
    state = index.facts.state_of(a) or ""
    result.coverage = coverage_basis(
        index.facts, index.rules, CoverageOf.MECHANISMS, (state,), types=("referral_mechanism",)
    )
    result.gap_type = GapType.POLICY if result.coverage else GapType.DATA
    return result


def _internal(index: LinkIndex, a: str, b: str, kinds: frozenset[LinkKind]) -> PairLink:
    facts = index.facts
    G = facts.G
    state = facts.state_of(a) or ""
    found: list[tuple[LinkKind, list[str], str]] = []
    near: list[str] = []
    near_ev: list[str] = []
    areas = [p for p in (a, b) if G.nodes[p].get("kind") == NodeKind.AREA]
    if len(areas) == 2 and LinkKind.LOCAL_MECHANISMS in kinds:
        at = {p: [m for m in index.local_by_area.get(p, []) if index.working(m)] for p in areas}
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
    for m in index.referral_by_state.get(state, []):
        near_ev.append(m)
        if not index.working(m):
            a_m = facts.attrs(m)
            status = str(a_m.get("status", MechanismStatus.ACTIVE))
            if status == MechanismStatus.ACTIVE:
                why = index.rules.replaced_phrase(m) or (
                    f"ended {a_m.get('valid_to')}"
                    if index.rules.ended(m)
                    else f"not yet in place ({index.rules.start(m).phrase})"
                )
                near.append(f"{label(G, m)}: {why}")
                continue
            when = f" (as of {a_m['status_as_of']})" if a_m.get("status_as_of") else ""
            near.append(f"{label(G, m)} is {status.replace('_', ' ')}{when}")
        elif LinkKind.NATIONAL_REFERRAL in kinds:
            found.append(
                (LinkKind.NATIONAL_REFERRAL, [m], f"national referral mechanism {label(G, m)}")
            )
    if not index.referral_by_state.get(state):
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
class Verdict:
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
    #: what a policy gap from absence rests on: the record that states it, or the
    #: coverage statement by which the dataset lists everything of that kind
    absence_basis: str | None = None

    @classmethod
    def of(
        cls,
        G: nx.MultiDiGraph,
        result: PairLink,
        grade: Grade | None,
        victims: frozenset[str],
        *,
        internal: bool | None = None,
        states: tuple[str, ...] = (),
        sources: tuple[str, ...] | None = None,
    ) -> Verdict:
        """The verdict on a link (inside one State: ``internal``, or ``grade`` ``None``)
        between ``states``, whose party and membership records it cites beside the
        records of its evidence (:func:`~coordgraph.lookup.cite`; ``sources``: those
        citations when the caller has them already)."""
        internal = grade is None if internal is None else internal
        evidence = tuple(result.evidence)
        near = tuple(result.near_misses)
        basis: str | None = None
        gap_type: GapType | None
        if result.link_kind is LinkKind.NONE:
            kind = FindingKind.ROUTE_UNLINKED
            rule = "routes.internal_unlinked" if internal else "routes.unlinked"
            severity = Severity.MEDIUM if internal else Severity.HIGH
            because, gap_type, basis = _unlinked_because(G, result, internal)
            if gap_type is GapType.DATA:
                severity = capped(severity)
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
            if grade is not None and grade.legal_basis_only:
                because, gap_type, basis = _legal_basis_because(G, result, grade)
        return cls(
            result=result,
            internal=internal,
            criteria=grade.details() if grade is not None else None,
            kinds_found=tuple(str(k) for k in result.kinds_found),
            evidence=evidence,
            sources=cite(G, evidence, states=states) if sources is None else sources,
            graded=_graded(grade),
            kind=kind,
            rule=rule,
            severity=severity,
            because=because,
            near_misses=near,
            gap_type=gap_type,
            absence_basis=basis,
        )


def _legal_basis_because(
    G: nx.MultiDiGraph, result: PairLink, grade: Grade
) -> tuple[str, GapType, str | None]:
    """The end of the message of a pair linked only by a legal basis, its kind of gap
    and what it rests on.

    The instrument binds both States but carries no cases; whether something else does
    is open (a data gap) unless a coverage statement says the dataset lists every
    agreement of both, and then the missing channel is a policy gap on that basis
    (DESIGN.md sections 9 and 10)."""
    what = "all of their agreements"
    because = (
        f"{'; '.join(result.because)}, a legal basis only: no operational agreement, "
        "focal-point channel or local link between them is recorded"
    )
    if result.coverage:
        because += f", and {claimed(G, result.coverage, what)}"
        return because + _grade_phrase(grade), GapType.POLICY, result.coverage
    because += f", and {not_claimed(what)}"
    return because + _grade_phrase(grade), GapType.DATA, None


def _unlinked_because(
    G: nx.MultiDiGraph, result: PairLink, internal: bool
) -> tuple[str, GapType, str | None]:
    """The end of an unlinked finding's message, its kind of gap and what it rests on.

    Near-misses are facts the sources record (an agreement not in force, a focal point
    not designated): a policy gap resting on the first such record, unless one of them
    is something the sources leave open (a data gap). With no near-miss the finding
    rests on absence alone: a data gap, unless a coverage statement says the dataset
    lists everything of that kind (DESIGN.md section 9)."""
    near = result.near_misses
    if internal:
        what = "all of its referral mechanisms"
        missing = "; no referral mechanism or local link is recorded"
    else:
        what = "all of their agreements"
        missing = "; no agreement or channel between them is recorded"
    if near:
        because = "; nearest: " + "; ".join(near)
        if result.gap_type is GapType.POLICY:
            basis = result.coverage or (result.evidence[0] if result.evidence else None)
            if result.coverage:
                because += f"; {claimed(G, result.coverage, what)}"
            return because, GapType.POLICY, basis
        if not result.coverage:
            because += f"; {not_claimed(what)}"
        return because, GapType.DATA, None
    if result.coverage:
        said = claimed(G, result.coverage, what)
        return f"{missing}, and {said}", GapType.POLICY, result.coverage
    return f"{missing}, and {not_claimed(what)}", GapType.DATA, None


class Verdicts:
    """The verdicts of one :func:`~coordgraph.analyses.routes.unlinked_routes` call, each
    worked out once.

    A verdict depends on the two places only through their States (inside one State,
    on the places), and on the victims and purposes only when an agreement that binds
    both States on the day is there to cover them (else only whether children are
    concerned matters): the caches are keyed accordingly, so a million routes need as
    many verdicts as there are distinct answers.
    """

    def __init__(
        self, rule: LinkRule, *, kinds: frozenset[LinkKind], require_in_force: bool
    ) -> None:
        self.rule = rule
        self.facts = rule.facts
        self.index = rule.index
        self.kinds = kinds
        self.require_in_force = require_in_force
        #: the orientation a pair of States, victims and purposes was first met in: the
        #: answer for it is worded that way round whichever way it is met later
        self.orientation: dict[tuple[str, str, frozenset[str], frozenset[str]], tuple[str, str]]
        self.orientation = {}
        self.results: dict[tuple[object, ...], PairLink] = {}
        self.entries: dict[tuple[object, ...], Entry] = {}
        self.distinct: dict[tuple[object, ...], Entry] = {}
        self.statuses: dict[tuple[str, frozenset[str]], tuple[Status | None, str]] = {}
        self.grades: dict[tuple[object, ...], Grade] = {}
        self.verdicts: dict[tuple[object, ...], Verdict] = {}
        #: the citations of each answer (by identity: answers are kept in ``results``)
        self.cited: dict[int, tuple[str, ...]] = {}

    def scope(
        self,
        ag: str,
        why: str,
        victims: frozenset[str],
        purposes: frozenset[str],
        pair: tuple[str, str],
    ) -> Entry:
        """:func:`~coordgraph.analyses.links.agreements.agreement_scope`, one object per
        distinct answer (so that answers can be compared by identity); ``pair``'s
        reservations decide what the agreement excludes between them."""
        excluded = self.index.exclusions(ag, *pair)
        key = (ag, why, victims, purposes, excluded)
        entry = self.entries.get(key)
        if entry is None:
            entry = agreement_scope(
                self.facts,
                ag,
                why,
                victims,
                self.kinds,
                purposes=purposes,
                excluded=excluded,
            )
            same = (
                entry.found and (entry.found[0], *entry.found[1], entry.found[2]),
                entry.near,
                entry.data_gap,
                entry.stage,
            )
            entry = self.entries[key] = self.distinct.setdefault(same, entry)
        return entry

    def exploitation(self, ag: str, purposes: frozenset[str]) -> tuple[Status | None, str]:
        """:func:`~coordgraph.analyses.links.grading.exploitation_status` of an agreement
        for these purposes (cached)."""
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
        mode: str = "physical",
    ) -> Verdict:
        facts, index = self.facts, self.index
        if sa == sb:
            children = not victims or bool(victims & CHILD_GROUPS)
            key: tuple[object, ...] = (a, b, children)
            if key not in self.verdicts:
                result = internal_link(index, a, b, self.kinds)
                # a child route linked by mechanisms: are they for children?
                linked = result.link_kind is not LinkKind.NONE
                grade = grade_internal(facts, result.evidence) if linked and children else None
                self.verdicts[key] = Verdict.of(facts.G, result, grade, victims, internal=True)
            return self.verdicts[key]
        x, y = self.orientation.setdefault((min(sa, sb), max(sa, sb), victims, purposes), (sa, sb))
        pair = self.rule.state_pair(x, y, kinds=self.kinds, require_in_force=self.require_in_force)
        entries = [
            held if isinstance(held, Entry) else self.scope(ag, held, victims, purposes, (x, y))
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
            if stage in (Stage.LINKED, Stage.EXPLOITATION_EXCLUDED)
        )
        key = (sa, sb, id(result), children, covered, mode)
        grade = self.grades.get(key)
        if grade is None:
            grade = grade_pair(
                index,
                sa,
                sb,
                victims,
                purposes,
                stages=result.stages,
                kinds_found=result.kinds_found,
                mode=mode,
            )
            self.grades[key] = grade
        key = (id(grade), id(result), children)
        if key not in self.verdicts:
            # the citations of one answer (its evidence, for these two States), once
            sources = self.cited.get(id(result))
            if sources is None:
                sources = self.cited[id(result)] = cite(facts.G, result.evidence, states=(x, y))
            self.verdicts[key] = Verdict.of(
                facts.G, result, grade, victims, states=(x, y), sources=sources
            )
        return self.verdicts[key]
