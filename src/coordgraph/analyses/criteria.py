"""Link grades: what the channel between the two ends of a route can do for its victims.

A route pair is not only linked or unlinked. The thematic paper (001: 2226-2253, and
recommendation 12.2.2 at 2605-2611) asks whether the agreement covers the form of
exploitation on the route, whether it has provisions specific to children, whether it
sets a procedure for safe return, and whether officials at both ends can reach each
other. Each of these is a *criterion*, graded for every cross-border route pair:

``in_force``
    an agreement between the two States has effect on the day and binds both;
``victims_covered``
    such an agreement's scope covers the route's victims;
``exploitation_covered``
    its exploitation forms cover the route's purposes (unknown when either side is not
    recorded; an agreement whose forms exclude all of the route's purposes does not
    link the pair at all);
``operational_channel``
    a designated focal point at both ends in a common network or agreement, or a direct
    link between local mechanisms of the two States;
``child_specific_provisions``
    (routes with child victims) the agreement is on children, or provides guardianship,
    individual case assessment, family tracing or protection of separated children;
``return_procedure``
    the agreement provides for safe return (``return_procedure``, or ``repatriation``
    among its purposes); unknown when not recorded.

Each criterion is ``met``, ``missing`` (the records say it is not there), ``unknown``
(the sources are silent: a data gap) or ``not_applicable``. The criteria read the answer
:func:`coordgraph.analyses.routes.link_between` already gives for the pair, so the date
rules are applied in one place only.

:func:`rec_12_2_2` is recommendation 12.2.2 as its own check: for cross-border child
routes, are local officials at the origin and at the place of exploitation linked,
directly or through focal points of their central governments at both ends?
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import networkx as nx

from coordgraph.findings import Finding, FindingKind, GapType, LinkKind, Severity
from coordgraph.lookup import CHILD_GROUPS, Facts, cite, declined, label, wanted_states
from coordgraph.time_rules import TimeRules, Undated
from coordgraph.vocab import AgreementProvision, ExploitationForm, NodeKind

if TYPE_CHECKING:
    from coordgraph.analyses.routes import PairLink, _Links

__all__ = [
    "CHILD_PROVISIONS",
    "CRITERIA",
    "Criterion",
    "Grade",
    "Status",
    "exploitation_status",
    "grade_pair",
    "rec_12_2_2",
]


class Criterion(StrEnum):
    """The criteria, most basic first (the first one missing is the worst)."""

    IN_FORCE = "in_force"
    VICTIMS_COVERED = "victims_covered"
    EXPLOITATION_COVERED = "exploitation_covered"
    OPERATIONAL_CHANNEL = "operational_channel"
    CHILD_SPECIFIC_PROVISIONS = "child_specific_provisions"
    RETURN_PROCEDURE = "return_procedure"


CRITERIA: tuple[str, ...] = tuple(str(c) for c in Criterion)
#: criteria an agreement fills (the others come from focal points or local links)
AGREEMENT_CRITERIA = frozenset(
    {
        Criterion.IN_FORCE,
        Criterion.VICTIMS_COVERED,
        Criterion.EXPLOITATION_COVERED,
        Criterion.CHILD_SPECIFIC_PROVISIONS,
        Criterion.RETURN_PROCEDURE,
    }
)
#: what matters most when the victims are children (a social inquiry needs all three)
CHILD_CRITICAL = frozenset(
    {
        Criterion.OPERATIONAL_CHANNEL,
        Criterion.CHILD_SPECIFIC_PROVISIONS,
        Criterion.RETURN_PROCEDURE,
    }
)


class Status(StrEnum):
    MET = "met"
    MISSING = "missing"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


CHILD_PROVISIONS = frozenset(
    {
        str(AgreementProvision.GUARDIANSHIP),
        str(AgreementProvision.INDIVIDUAL_CASE_ASSESSMENT),
        str(AgreementProvision.FAMILY_TRACING),
        str(AgreementProvision.SEPARATED_CHILDREN),
    }
)
#: a form of exploitation an agreement names also covers these route purposes
IMPLIES = {
    "sexual_exploitation": frozenset({"sexual_exploitation", "online_sexual_exploitation"}),
    "labour": frozenset({"labour", "domestic_servitude"}),
}


def _words(values: Iterable[Any]) -> frozenset[str]:
    if isinstance(values, tuple):
        return _tuple_words(values)
    return frozenset(str(v) for v in values or ())


@functools.lru_cache(maxsize=4096)
def _tuple_words(values: tuple[Any, ...]) -> frozenset[str]:
    # the same few lists of words (an agreement's forms, provisions) are read per pair
    return frozenset(str(v) for v in values)


def route_purposes(values: Iterable[Any]) -> frozenset[str]:
    """A route's recorded purposes, without ``unknown``."""
    return frozenset(_words(values) - {"unknown"})


def exploitation_status(
    attrs: dict[str, Any], purposes: frozenset[str]
) -> tuple[Status | None, str]:
    """Whether an agreement's exploitation forms cover a route's purposes.

    Returns ``(MET | MISSING | UNKNOWN, phrase)``, or ``(None, phrase)`` when the forms
    exclude every purpose of the route (the agreement does not link it at all).
    """
    forms = _words(attrs.get("exploitation", ()))
    if str(ExploitationForm.ALL) in forms:
        return Status.MET, "covers all forms of exploitation"
    if not forms:
        return Status.UNKNOWN, "the forms of exploitation it covers are not recorded"
    if not purposes:
        return Status.UNKNOWN, "the route's form of exploitation is not recorded"
    covered = set().union(*(IMPLIES.get(f, frozenset({f})) for f in forms))
    named = ", ".join(sorted(forms)).replace("_", " ")
    if purposes <= covered:
        return Status.MET, f"covers {named}"
    if purposes & covered:
        rest = ", ".join(sorted(purposes - covered)).replace("_", " ")
        return Status.MISSING, f"covers {named} but not {rest}"
    return None, f"covers only {named}, not {', '.join(sorted(purposes)).replace('_', ' ')}"


@dataclass
class Grade:
    """The criteria of one route pair: status and a phrase saying why, per criterion."""

    status: dict[str, Status] = field(default_factory=dict)
    because: dict[str, str] = field(default_factory=dict)

    def names(self, status: Status) -> tuple[str, ...]:
        return tuple(c for c in CRITERIA if self.status.get(c) is status)

    @property
    def met(self) -> tuple[str, ...]:
        return self.names(Status.MET)

    @property
    def missing(self) -> tuple[str, ...]:
        return self.names(Status.MISSING)

    @property
    def unknown(self) -> tuple[str, ...]:
        return self.names(Status.UNKNOWN)

    def set(self, criterion: Criterion, status: Status, because: str) -> None:
        self.status[str(criterion)] = status
        self.because[str(criterion)] = because

    def details(self) -> dict[str, dict[str, str]]:
        return {
            c: {"status": str(self.status[c]), "because": self.because[c]}
            for c in CRITERIA
            if c in self.status
        }

    def severity(self, *, linked: bool, children: bool) -> Severity:
        """What is missing decides: no link, high; a child route missing what a child's
        case needs (child-specific provisions, return, a channel), medium; anything
        else missing, low; only data gaps, info."""
        if not linked:
            return Severity.HIGH
        missing = {Criterion(c) for c in self.missing}
        if children and missing & CHILD_CRITICAL:
            return Severity.MEDIUM
        return Severity.LOW if missing else Severity.INFO


def _agreement_grade(
    grade: Grade,
    facts: Facts,
    stages: dict[str, str],
    purposes: frozenset[str],
    children: bool,
) -> None:
    G = facts.G
    effective = [ag for ag, s in stages.items() if s != "not_effective"]
    victims_ok = [ag for ag in effective if stages[ag] in ("linked", "exploitation_excluded")]
    linking = [ag for ag in effective if stages[ag] == "linked"]
    if effective:
        names = "; ".join(label(G, ag) for ag in effective)
        grade.set(Criterion.IN_FORCE, Status.MET, names)
    else:
        why = "no agreement between the two States is recorded"
        if stages:
            why = "no agreement between them has effect and binds both on the day"
        grade.set(Criterion.IN_FORCE, Status.MISSING, why)
    if victims_ok:
        grade.set(Criterion.VICTIMS_COVERED, Status.MET, label(G, victims_ok[0]))
    else:
        why = "no agreement in force" if not effective else "its scope excludes these victims"
        grade.set(Criterion.VICTIMS_COVERED, Status.MISSING, why)
    if not victims_ok:
        grade.set(Criterion.EXPLOITATION_COVERED, Status.MISSING, "no agreement covers the pair")
    elif not linking:
        phrases = [
            f"{label(G, ag)} {exploitation_status(facts.attrs(ag), purposes)[1]}"
            for ag in victims_ok
        ]
        grade.set(Criterion.EXPLOITATION_COVERED, Status.MISSING, "; ".join(phrases))
    else:
        found = [(exploitation_status(facts.attrs(ag), purposes), ag) for ag in linking]
        rank = {Status.MET: 0, Status.UNKNOWN: 1, Status.MISSING: 2}
        (status, phrase), ag = min(found, key=lambda x: rank[x[0][0] or Status.MISSING])
        if status is Status.UNKNOWN:
            phrase = f"data gap: {phrase}"
        grade.set(Criterion.EXPLOITATION_COVERED, status or Status.MISSING, _both(G, ag, phrase))
    if not children:
        grade.set(
            Criterion.CHILD_SPECIFIC_PROVISIONS, Status.NOT_APPLICABLE, "no child victims recorded"
        )
    for criterion in (Criterion.CHILD_SPECIFIC_PROVISIONS, Criterion.RETURN_PROCEDURE):
        if str(criterion) in grade.status:
            continue
        if not linking:
            grade.set(criterion, Status.MISSING, "no agreement covers the route")
            continue
        results = [(_provision(facts.attrs(ag), criterion), ag) for ag in linking]
        rank = {Status.MET: 0, Status.UNKNOWN: 1, Status.MISSING: 2}
        (status, phrase), ag = min(results, key=lambda x: rank[x[0][0]])
        grade.set(criterion, status, _both(G, ag, phrase))


def _both(G: nx.MultiDiGraph, ag: str, phrase: str) -> str:
    return f"{label(G, ag)}: {phrase}"


def _provision(attrs: dict[str, Any], criterion: Criterion) -> tuple[Status, str]:
    """One agreement against ``child_specific_provisions`` or ``return_procedure``.

    An agreement on children meets the first; a general one (all persons, or women and
    children) meets it only with a child-specific provision recorded, and otherwise
    misses it: its provisions apply to adults and children alike (001: 2247-2250). A
    return procedure is met when recorded and unknown otherwise (sources describe
    agreements in part, so an unlisted provision is not known to be absent).
    """
    provisions = _words(attrs.get("provisions", ()))
    purposes = _words(attrs.get("purposes", ()))
    if criterion is Criterion.CHILD_SPECIFIC_PROVISIONS:
        if str(attrs.get("scope")) == "children":
            return Status.MET, "an agreement on children"
        child = sorted(provisions & CHILD_PROVISIONS)
        if child:
            return Status.MET, "provides " + ", ".join(child).replace("_", " ")
        scope = str(attrs.get("scope", "all_persons")).replace("_", " ")
        return (
            Status.MISSING,
            f"a general agreement ({scope}) with no child-specific provision recorded",
        )
    if "return_procedure" in provisions:
        return Status.MET, "provides a return procedure"
    if "repatriation" in purposes:
        return Status.MET, "provides for repatriation"
    return Status.UNKNOWN, "data gap: no return procedure is recorded"


def _channel_grade(
    grade: Grade, facts: Facts, a: str, b: str, link: PairLink, links: _Links
) -> None:
    if LinkKind.FOCAL_POINT_CHANNEL in link.kinds_found or LinkKind.LOCAL_LINK in link.kinds_found:
        kind = (
            LinkKind.FOCAL_POINT_CHANNEL
            if LinkKind.FOCAL_POINT_CHANNEL in link.kinds_found
            else LinkKind.LOCAL_LINK
        )
        grade.set(Criterion.OPERATIONAL_CHANNEL, Status.MET, str(kind).replace("_", " "))
        return
    key = (a, b)
    if key not in links.refusals:
        links.refusals[key] = _refusals(facts, links, a, b)
    refused = links.refusals[key]
    if refused:
        grade.set(Criterion.OPERATIONAL_CHANNEL, Status.MISSING, "; ".join(refused))
    else:
        grade.set(
            Criterion.OPERATIONAL_CHANNEL,
            Status.UNKNOWN,
            "data gap: no designated focal point at both ends and no local link is recorded",
        )


def _refusals(facts: Facts, links: _Links, a: str, b: str) -> list[str]:
    """Networks and agreements of both States in which one is recorded as not
    designating a focal point (and has none designated)."""
    rules = links.rules
    refused = []
    for target in _common(facts, links, a, b):
        for c in (a, b):
            recorded = facts.focal_points_for(c, target)
            if any(declined(facts.attrs(fp)) for fp in recorded) and not any(
                facts.designated(fp, rules) for fp in recorded
            ):
                refused.append(
                    f"{c} is recorded as not designating one in {label(facts.G, target)}"
                )
    return refused


def _common(facts: Facts, links: _Links, a: str, b: str) -> list[str]:
    """Networks and agreements both States are members of or parties to on the day
    (cached per call)."""
    key = (a, b)
    if key not in links.common:
        links.common[key] = _common_now(facts, a, b, links.rules)
    return links.common[key]


def _common_now(facts: Facts, a: str, b: str, rules: TimeRules) -> list[str]:
    shared = (facts.memberships.get(a, {}).keys() | facts.parties.get(a, {}).keys()) & (
        facts.memberships.get(b, {}).keys() | facts.parties.get(b, {}).keys()
    )
    return sorted(
        t
        for t in shared
        if rules.exists(t) and facts.is_member(a, t, rules) and facts.is_member(b, t, rules)
    )


def grade_pair(
    facts: Facts,
    links: _Links,
    a: str,
    b: str,
    victims: frozenset[str],
    purposes: frozenset[str],
    link: PairLink,
) -> Grade:
    """The criteria of a cross-border pair of States ``a`` and ``b``.

    ``link`` is the answer of :func:`~coordgraph.analyses.routes.link_between` for the
    pair (with ``link.stages``, how far each shared agreement got).
    """
    grade = Grade()
    children = not victims or bool(victims & CHILD_GROUPS)
    _agreement_grade(grade, facts, link.stages, purposes, children)
    _channel_grade(grade, facts, a, b, link, links)
    return grade


# ------------------------------------------------------------------- recommendation 12.2.2


def _local_mechanisms(links: _Links, facts: Facts, place: str, state: str) -> list[str]:
    """Working local mechanisms at a route end: in its area, or anywhere in its State."""
    G = facts.G
    if G.nodes[place].get("kind") == NodeKind.AREA:
        return [m for m in links.local_by_area.get(place, []) if links.working(m)]
    return sorted(
        m
        for m, s in links.mech_state.items()
        if s == state and links.is_local(m) and links.working(m)
    )


def rec_12_2_2(
    G: nx.MultiDiGraph,
    *,
    as_of: dt.date | str | None = None,
    countries: Iterable[str] | None = None,
    network: str | None = None,
    children_only: bool = False,
    undated: Undated | str = Undated.ATTESTED,
) -> list[Finding]:
    """Recommendation 12.2.2 of the thematic paper (001: 2605-2611), one finding per
    cross-border child route (origin and place of exploitation).

    Local officials at both ends are linked when a local mechanism of one State works
    directly with one of the other (``routes.rec_12_2_2.direct``), or when both ends have
    a working local mechanism and both States a designated focal point in a common
    network or agreement (``routes.rec_12_2_2.focal_points``). Otherwise the finding
    names what is missing: ``routes.rec_12_2_2`` (medium) when both ends have local
    mechanisms that nothing joins, ``routes.rec_12_2_2.not_recorded`` (low, a data gap)
    when no local mechanism is recorded at one end.
    """
    from coordgraph.analyses.route_pairs import (
        endpoint_pairs,
        merge_citations,
        observed_routes,
        with_child_victims,
    )
    from coordgraph.analyses.routes import _Links
    from coordgraph.dates import parse_as_of

    del children_only  # the check is about children whatever the option
    day = parse_as_of(as_of)
    facts = Facts.from_graph(G)
    rules = TimeRules(G, day, undated=undated)
    links = _Links(facts, rules)
    wanted = wanted_states(countries)
    net_node = f"{NodeKind.NETWORK}:{network}" if network else None
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
        who = f"{label(G, a)} -> {label(G, b)}"
        gap_type: GapType | None = None
        details: dict[str, Any] = {"routes": route_nodes, "states": [sa, sb]}
        direct = links.local_links.get(frozenset((sa, sb)), [])
        local = {p: _local_mechanisms(links, facts, p, s) for p, s in ((a, sa), (b, sb))}
        channel = [
            (t, fa, fb)
            for t in _common(facts, links, sa, sb)
            for fa in facts.focal_points_for(sa, t)
            for fb in facts.focal_points_for(sb, t)
            if facts.designated(fa, rules) and facts.designated(fb, rules)
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
        findings.append(
            Finding(
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
        )
    return sorted((rules.annotate(f) for f in findings), key=Finding.sort_key)
