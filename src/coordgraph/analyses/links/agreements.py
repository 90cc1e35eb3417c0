"""Agreements in the link rule: does an agreement both States are parties to link them?

It must have effect on the day and bind both then (:func:`agreement_in_effect`, the
dates asked of :class:`~coordgraph.time_rules.TimeRules`), cover the route's victims and
not exclude its forms of exploitation (:func:`agreement_scope`). An agreement whose
party list is incomplete may link two States nobody recorded as parties
(:func:`possible_agreements`): a data gap, never "nothing links them".
"""

from __future__ import annotations

from dataclasses import dataclass

from coordgraph.analyses.links.grading import (
    Stage,
    agreement_link_kind,
    agreement_name,
    exploitation_status,
    without_exclusions,
)
from coordgraph.analyses.links.index import LinkIndex
from coordgraph.findings import LinkKind
from coordgraph.lookup import ALL_GROUPS, CHILD_GROUPS, Facts, label
from coordgraph.time_rules import EffectStatus
from coordgraph.vocab import AgreementScope

__all__ = [
    "SCOPE_GROUPS",
    "Entry",
    "agreement_in_effect",
    "agreement_link_kind",
    "agreement_scope",
    "possible_agreements",
    "possible_members",
]

#: the victims each agreement scope covers
SCOPE_GROUPS = {
    "children": CHILD_GROUPS,
    "women_and_children": frozenset({"girls", "boys", "women"}),
    "all_persons": ALL_GROUPS,
}


@dataclass
class Entry:
    """One candidate link between two States: found, or a near-miss and its kind of gap."""

    found: tuple[LinkKind, list[str], str] | None = None
    near: str = ""
    data_gap: bool = False
    #: for an agreement: how far it got (see :class:`Stage`)
    stage: Stage = Stage.NOT_EFFECTIVE


def agreement_in_effect(
    index: LinkIndex, ag: str, a: str, b: str, require_in_force: bool
) -> Entry | str:
    """The near-miss when an agreement has no effect on the day or does not bind both
    States then; else the phrase that says why it has effect."""
    rules = index.rules
    name = index.agreement_name(ag)
    effect = rules.agreement_effect(ag, require_in_force=require_in_force)
    why = effect.why
    if not effect.holds:
        return Entry(near=f"{name}: {why}", data_gap=effect.status is EffectStatus.UNKNOWN)
    not_party = []
    bound = False
    for c in (a, b):
        holds, phrase, pending = index.party(ag, c, require_in_force)
        if not holds:
            not_party.append(f"{c} {phrase}")
            # a party "by <2017-03-31" only: when it became one the sources do not say
            bound = bound or pending
    if not_party:
        return Entry(
            near=f"{name}: not a party on {rules.as_of.isoformat()} ({'; '.join(not_party)})",
            data_gap=bound,
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
    excluded: tuple[frozenset[str], str] = (frozenset(), ""),
) -> Entry:
    """Whether an agreement that has effect and binds both States (``why``: the phrase
    saying why it has effect) covers the route's victims and its forms of exploitation,
    and is a kind of link counted here. ``excluded`` is what the two States'
    reservations exclude between them, and the phrase saying so
    (:func:`~coordgraph.analyses.links.grading.exclusions`): the agreement binds the
    pair without those forms and provisions."""
    attrs = without_exclusions(facts.attrs(ag), excluded[0])
    name = agreement_name(facts.G, ag)
    if excluded[1]:
        why = f"{why}; {excluded[1]}"
    kind = agreement_link_kind(attrs)
    scope = str(attrs.get("scope", "all_persons"))
    if scope == AgreementScope.UNKNOWN:
        return Entry(
            near=f"{name} ({why}): whom it covers is not recorded",
            data_gap=True,
            stage=Stage.VICTIMS_NOT_COVERED,
        )
    covered = SCOPE_GROUPS.get(scope, ALL_GROUPS)
    groups = victims or ALL_GROUPS
    if not groups <= covered:
        missing = ", ".join(sorted(groups - covered))
        if not victims:
            return Entry(
                near=f"{name} ({scope.replace('_', ' ')}, {why}): the route's victims are "
                "not recorded",
                data_gap=True,
                stage=Stage.VICTIMS_NOT_COVERED,
            )
        return Entry(
            near=f"{name} ({scope.replace('_', ' ')}, {why}): covers no {missing}",
            stage=Stage.VICTIMS_NOT_COVERED,
        )
    covers, phrase = exploitation_status(attrs, purposes)
    if covers is None:
        return Entry(near=f"{name} ({why}) {phrase}", stage=Stage.EXPLOITATION_EXCLUDED)
    if kind not in kinds:
        return Entry(
            near=f"{name} ({why}) is a {kind.value.replace('_', ' ')}, not counted here",
            stage=Stage.LINKED,
        )
    return Entry(
        found=(kind, [ag], f"{name} ({scope.replace('_', ' ')}; {why})"), stage=Stage.LINKED
    )


def possible_agreements(index: LinkIndex, a: str, b: str) -> list[tuple[str, str]]:
    """Agreements that may link two States but whose parties are not all recorded.

    A State may be an unrecorded party when the agreement's party list is incomplete
    (``parties_complete`` false, fewer parties than ``party_count``, or no party listed)
    and the State is a member, on the day asked, of a network of its region
    (:meth:`~coordgraph.analyses.links.index.LinkIndex.region`: the network it belongs
    to, and the regional organisations its recorded parties share). An agreement counts
    here when both States are recorded or possible parties, and not both recorded. This
    is a data gap: the sources do not say whether they are parties.
    """
    facts, rules = index.facts, index.rules
    out: list[tuple[str, str]] = []
    # recorded parties of both are asked of each agreement with an incomplete list (none,
    # most often), not worked out as a set for every pair of States
    of_a, of_b = index.agreements_of(a), index.agreements_of(b)
    for ag, region in index.incomplete:
        if ag in of_a and ag in of_b:
            continue
        why = possible_members(index, ag, region, a, b)
        if why is None:
            continue
        effect = rules.agreement_effect(ag)
        if not effect.holds and effect.status is not EffectStatus.UNKNOWN:
            continue
        name = agreement_name(facts.G, ag)
        out.append(
            (
                ag,
                f"possibly linked by {name} ({effect.why}), whose parties are not all "
                f"recorded ({why})",
            )
        )
    return sorted(out)


def possible_members(
    index: LinkIndex, target: str, region: tuple[str, ...], a: str, b: str
) -> str | None:
    """Why both States may be parties to (or members of) ``target``, whose list is
    incomplete: each is recorded, or a member of a network of its region on the day
    ("GNB and SEN are members of Economic Community of West African States"); ``None``
    when one of them is neither."""
    facts, rules = index.facts, index.rules
    recorded = facts.members_of.get(target, {})
    said: dict[str, list[str]] = {}
    for c in (a, b):
        if c in recorded:
            said.setdefault("recorded", []).append(c)
            continue
        nets = [n for n in region if facts.is_member(c, n, rules)]
        if not nets:
            return None
        said.setdefault(label(facts.G, nets[0]), []).append(c)
    parts = []
    for where, codes in said.items():
        who = " and ".join(codes)
        if where == "recorded":
            parts.append(f"{who} {'is' if len(codes) == 1 else 'are'} recorded")
        else:
            parts.append(f"{who} {'is a member' if len(codes) == 1 else 'are members'} of {where}")
    return "; ".join(parts)
