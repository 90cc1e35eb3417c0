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
    link between local mechanisms of the two States (an operational agreement gives none
    by itself either; an instrument whose function is ``legal_basis`` says so);
``child_specific_provisions``
    (routes with child victims) the agreement is on children, or provides guardianship,
    individual case assessment, family tracing or protection of separated children;
``return_procedure``
    the agreement provides for safe return (``return_procedure``, or ``repatriation``
    among its purposes); unknown when not recorded.

Routes of mode ``online`` or ``mixed`` are graded also on the online criteria of
:mod:`coordgraph.analyses.online` (a reporting channel at each end, a law-enforcement
channel, data access); for a pair whose routes are all online the child-specific
provisions and the return procedure do not apply.

Each criterion is ``met``, ``missing`` (the records say it is not there), ``unknown``
(the sources are silent: a data gap) or ``not_applicable``.

A pair linked only by instruments whose function is not operational (the Palermo
protocol, the OPSC, CETS 197, ILO C182, the SAARC convention: ``legal_basis`` in
``data/rules.yaml``) is *linked, legal basis only* (:attr:`Grade.legal_basis_only`): the
instrument meets ``in_force``, ``victims_covered`` and ``exploitation_covered``, its
recorded provisions are read as any agreement's, and with no operational channel
recorded the pair is of medium severity whatever else it meets (DESIGN.md section 10).

The criteria read the answer the link rule (:mod:`coordgraph.analyses.links.verdict`)
already gives for the pair, so the date rules are applied in one place only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from coordgraph.analyses.links.binding import (
    IMPLIES,
    agreement_name,
    exclusions,
    without_exclusions,
    words,
)
from coordgraph.analyses.links.index import LinkIndex
from coordgraph.analyses.online import NOT_FITTING, ONLINE_CRITERIA, ONLINE_MODES, online_criteria
from coordgraph.analyses.structures import for_children
from coordgraph.findings import LinkKind, Severity
from coordgraph.lookup import CHILD_GROUPS, Facts, label
from coordgraph.taxonomy import Rules, default_rules
from coordgraph.vocab import ALL_EXPLOITATION, AgreementKind, AgreementProvision

__all__ = [
    "CHILD_PROVISIONS",
    "CRITERIA",
    "Criterion",
    "Grade",
    "Stage",
    "Status",
    "agreement_link_kind",
    "agreement_name",
    "exclusions",
    "exploitation_status",
    "grade_internal",
    "grade_pair",
    "without_exclusions",
]


class Stage(StrEnum):
    """How far an agreement both States are recorded parties to got in linking a pair."""

    #: it has no effect on the day, or does not bind both then
    NOT_EFFECTIVE = "not_effective"
    #: its scope does not cover the route's victims (or either is not recorded)
    VICTIMS_NOT_COVERED = "victims_not_covered"
    #: its forms of exploitation exclude every purpose of the route
    EXPLOITATION_EXCLUDED = "exploitation_excluded"
    #: it links the pair
    LINKED = "linked"


class Criterion(StrEnum):
    """The criteria, most basic first (the first one missing is the worst)."""

    IN_FORCE = "in_force"
    VICTIMS_COVERED = "victims_covered"
    EXPLOITATION_COVERED = "exploitation_covered"
    OPERATIONAL_CHANNEL = "operational_channel"
    CHILD_SPECIFIC_PROVISIONS = "child_specific_provisions"
    RETURN_PROCEDURE = "return_procedure"


CRITERIA: tuple[str, ...] = tuple(str(c) for c in Criterion) + ONLINE_CRITERIA
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


def agreement_link_kind(attrs: dict[str, Any], rules: Rules | None = None) -> LinkKind:
    """The kind of link an agreement that links a pair gives: a bilateral or multilateral
    agreement when its function (recorded, else its type's default in ``rules.yaml``) is
    operational, else a legal basis only (the Palermo protocol, the OPSC, CETS 197: in
    force, covering the victims and their exploitation, with no channel for cases of its
    own; DESIGN.md section 10)."""
    rules = rules or default_rules()
    if not rules.is_operational(rules.function_of(attrs)):
        return LinkKind.LEGAL_BASIS
    if attrs.get("type") == AgreementKind.BILATERAL:
        return LinkKind.BILATERAL_AGREEMENT
    return LinkKind.MULTILATERAL_AGREEMENT


def exploitation_status(
    attrs: dict[str, Any], purposes: frozenset[str]
) -> tuple[Status | None, str]:
    """Whether an agreement's exploitation forms cover a route's purposes.

    Returns ``(MET | MISSING | UNKNOWN, phrase)``, or ``(None, phrase)`` when the forms
    exclude every purpose of the route (the agreement does not link it at all).
    """
    forms = words(attrs.get("exploitation", ()))
    if ALL_EXPLOITATION in forms:
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
    #: the pair is linked only by instruments that are a legal basis (no operational
    #: agreement, focal-point channel or local link)
    legal_basis_only: bool = False
    #: the criteria of each status, in order (worked out when first asked after a change)
    _by_status: dict[Status, tuple[str, ...]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def names(self, status: Status) -> tuple[str, ...]:
        if self._by_status is None:
            found: dict[Status, list[str]] = {s: [] for s in Status}
            for c in CRITERIA:
                if c in self.status:
                    found[self.status[c]].append(c)
            self._by_status = {s: tuple(cs) for s, cs in found.items()}
        return self._by_status[status]

    @property
    def met(self) -> tuple[str, ...]:
        return self.names(Status.MET)

    @property
    def missing(self) -> tuple[str, ...]:
        return self.names(Status.MISSING)

    @property
    def unknown(self) -> tuple[str, ...]:
        return self.names(Status.UNKNOWN)

    def set(self, criterion: Criterion | str, status: Status, because: str) -> None:
        self.status[str(criterion)] = status
        self.because[str(criterion)] = because
        self._by_status = None

    def details(self) -> dict[str, dict[str, str]]:
        return {
            c: {"status": str(self.status[c]), "because": self.because[c]}
            for c in CRITERIA
            if c in self.status
        }

    def severity(self, *, linked: bool, children: bool) -> Severity:
        """What is missing decides: no link, high; a legal basis only, medium (no
        channel for cases); a child route missing what a child's case needs
        (child-specific provisions, return, a channel), medium; anything else missing,
        low; only data gaps, info."""
        if not linked:
            return Severity.HIGH
        if self.legal_basis_only:
            return Severity.MEDIUM
        missing = {Criterion(c) for c in self.missing}
        if children and missing & CHILD_CRITICAL:
            return Severity.MEDIUM
        return Severity.LOW if missing else Severity.INFO


def _agreement_grade(
    grade: Grade,
    index: LinkIndex,
    stages: dict[str, Stage],
    purposes: frozenset[str],
    children: bool,
    pair: tuple[str, str],
) -> None:
    def attrs_of(ag: str) -> dict[str, Any]:
        return index.binding(ag, *pair)

    effective = [ag for ag, s in stages.items() if s is not Stage.NOT_EFFECTIVE]
    victims_ok = [
        ag for ag in effective if stages[ag] in (Stage.LINKED, Stage.EXPLOITATION_EXCLUDED)
    ]
    linking = [ag for ag in effective if stages[ag] is Stage.LINKED]
    if effective:
        names = "; ".join(index.agreement_name(ag) for ag in effective)
        grade.set(Criterion.IN_FORCE, Status.MET, names)
    else:
        why = "no agreement between the two States is recorded"
        if stages:
            why = "no agreement between them has effect and binds both on the day"
        grade.set(Criterion.IN_FORCE, Status.MISSING, why)
    if victims_ok:
        grade.set(Criterion.VICTIMS_COVERED, Status.MET, index.agreement_name(victims_ok[0]))
    else:
        why = "no agreement in force" if not effective else "its scope excludes these victims"
        grade.set(Criterion.VICTIMS_COVERED, Status.MISSING, why)
    if not victims_ok:
        grade.set(Criterion.EXPLOITATION_COVERED, Status.MISSING, "no agreement covers the pair")
    elif not linking:
        phrases = [
            f"{index.agreement_name(ag)} {exploitation_status(attrs_of(ag), purposes)[1]}"
            for ag in victims_ok
        ]
        grade.set(Criterion.EXPLOITATION_COVERED, Status.MISSING, "; ".join(phrases))
    else:
        found = [(exploitation_status(attrs_of(ag), purposes), ag) for ag in linking]
        rank = {Status.MET: 0, Status.UNKNOWN: 1, Status.MISSING: 2}
        (status, phrase), ag = min(found, key=lambda x: rank[x[0][0] or Status.MISSING])
        if status is Status.UNKNOWN:
            phrase = f"data gap: {phrase}"
        grade.set(
            Criterion.EXPLOITATION_COVERED, status or Status.MISSING, _both(index, ag, phrase)
        )
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
        results = [(_provision(attrs_of(ag), criterion), ag) for ag in linking]
        rank = {Status.MET: 0, Status.UNKNOWN: 1, Status.MISSING: 2}
        (status, phrase), ag = min(results, key=lambda x: rank[x[0][0]])
        grade.set(criterion, status, _both(index, ag, phrase))


def _both(index: LinkIndex, ag: str, phrase: str) -> str:
    return f"{index.agreement_name(ag)}: {phrase}"


def _provision(attrs: dict[str, Any], criterion: Criterion) -> tuple[Status, str]:
    """One agreement against ``child_specific_provisions`` or ``return_procedure``.

    An agreement on children meets the first; a general one (all persons, or women and
    children) meets it only with a child-specific provision recorded, and otherwise
    misses it: its provisions apply to adults and children alike (001: 2247-2250). A
    return procedure is met when recorded and unknown otherwise (sources describe
    agreements in part, so an unlisted provision is not known to be absent).
    """
    provisions = words(attrs.get("provisions", ()))
    purposes = words(attrs.get("purposes", ()))
    if criterion is Criterion.CHILD_SPECIFIC_PROVISIONS:
        legal = agreement_link_kind(attrs) is LinkKind.LEGAL_BASIS
        if str(attrs.get("scope")) == "children" and not legal:
            return Status.MET, "an agreement on children"
        child = sorted(provisions & CHILD_PROVISIONS)
        if child:
            return Status.MET, "provides " + ", ".join(child).replace("_", " ")
        scope = str(attrs.get("scope", "all_persons")).replace("_", " ")
        if legal:
            # a legal basis on children (the OPSC) obliges States; what two of them do
            # for a child is in the provisions recorded, or in an arrangement between them
            return (
                Status.MISSING,
                f"a legal basis ({scope}) with no child-specific provision recorded",
            )
        return (
            Status.MISSING,
            f"a general agreement ({scope}) with no child-specific provision recorded",
        )
    if "return_procedure" in words(attrs.get("excluded", ())):
        return Status.MISSING, "a party's reservation excludes its return procedure"
    if "return_procedure" in provisions:
        return Status.MET, "provides a return procedure"
    if "repatriation" in purposes:
        return Status.MET, "provides for repatriation"
    return Status.UNKNOWN, "data gap: no return procedure is recorded"


def _channel_grade(
    grade: Grade, index: LinkIndex, a: str, b: str, kinds_found: Iterable[LinkKind]
) -> None:
    found = set(kinds_found)
    grade.legal_basis_only = found == {LinkKind.LEGAL_BASIS}
    if LinkKind.FOCAL_POINT_CHANNEL in found or LinkKind.LOCAL_LINK in found:
        kind = (
            LinkKind.FOCAL_POINT_CHANNEL
            if LinkKind.FOCAL_POINT_CHANNEL in found
            else LinkKind.LOCAL_LINK
        )
        grade.set(Criterion.OPERATIONAL_CHANNEL, Status.MET, str(kind).replace("_", " "))
        return
    refused = index.refusals(a, b)
    if refused:
        grade.set(Criterion.OPERATIONAL_CHANNEL, Status.MISSING, "; ".join(refused))
    else:
        why = "data gap: no designated focal point at both ends and no local link is recorded"
        if grade.legal_basis_only:
            why += " (the legal basis gives no channel for cases of its own)"
        grade.set(Criterion.OPERATIONAL_CHANNEL, Status.UNKNOWN, why)


def grade_internal(facts: Facts, mechanisms: Iterable[str]) -> Grade:
    """The criterion of a child route inside one State linked by mechanisms (a national
    referral mechanism, or local mechanisms at both ends): ``child_specific_provisions``
    is met when each has a procedure for children, missing when one covers all victims
    with no procedure for children recorded ("linked but not child-specific", as for
    agreements), unknown when a scope is not recorded
    (:func:`coordgraph.analyses.structures.for_children`)."""
    grade = Grade()
    rank = {Status.MET: 0, Status.UNKNOWN: 1, Status.MISSING: 2}
    found: list[tuple[Status, str]] = []
    for m in mechanisms:
        answer = for_children(facts.attrs(m))
        name = label(facts.G, m)
        if answer is None:
            found.append((Status.UNKNOWN, f"data gap: {name}: whom it serves is not recorded"))
        elif answer:
            found.append((Status.MET, f"{name}: a procedure for children"))
        else:
            found.append(
                (Status.MISSING, f"{name} covers all victims; no procedure for children recorded")
            )
    if found:
        status, because = max(found, key=lambda x: rank[x[0]])
        grade.set(Criterion.CHILD_SPECIFIC_PROVISIONS, status, because)
    return grade


def grade_pair(
    index: LinkIndex,
    a: str,
    b: str,
    victims: frozenset[str],
    purposes: frozenset[str],
    *,
    stages: dict[str, Stage],
    kinds_found: Iterable[LinkKind],
    mode: str = "physical",
) -> Grade:
    """The criteria of a cross-border pair of States ``a`` and ``b``.

    ``stages`` (how far each agreement both are parties to got) and ``kinds_found``
    (the kinds of link that hold) are the link rule's answer for the pair
    (:class:`~coordgraph.analyses.links.verdict.PairLink`), so the date rules are
    applied in one place only. ``mode`` is the pair's route mode
    (:func:`coordgraph.analyses.online.pair_mode`).
    """
    grade = Grade()
    children = not victims or bool(victims & CHILD_GROUPS)
    _agreement_grade(grade, index, stages, purposes, children, (a, b))
    _channel_grade(grade, index, a, b, kinds_found)
    if mode in ONLINE_MODES:
        effective = [ag for ag, s in stages.items() if s is not Stage.NOT_EFFECTIVE]
        for criterion, status, because in online_criteria(
            index.facts, index.rules, a, b, effective
        ):
            grade.set(criterion, Status(status), because)
        if mode == "online":
            for criterion in NOT_FITTING:
                grade.set(
                    criterion,
                    Status.NOT_APPLICABLE,
                    "an online route: no child is moved across the border",
                )
    return grade
