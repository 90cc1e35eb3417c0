"""What absence means: the open-world rule every analysis asks (DESIGN.md section 9).

A dataset is a partial record of the world. When an analysis finds nothing (no agreement
between two States, no referral mechanism in a State), "not recorded" becomes "none"
only on a basis:

* a record that positively states the absence (a focal point ``not_designated``, an
  agreement recorded as not in force): the analysis names that record; or
* a **coverage statement** of the dataset (the ``coverage`` section): it claims to list
  every record of one kind (``agreements``, ``focal_points``, ``mechanisms``,
  ``action_plans``, optionally of some ``types``) for some States or for the members of
  a network, over a period, and cites the source that says so.

:func:`coverage_basis` finds the statement that covers a question; without one the
finding is a data gap, at most of medium severity, and says that the dataset does not
claim to list everything of that kind. The basis travels with the finding as
``details["absence_basis"]``, so a reader can check it.

A list of parties or members is complete on a day only when its record says so and none
of its parties or members is known only by a date bound still to come
(:func:`list_complete`): such a State may already be one, so the list cannot say who is
not.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from coordgraph.dates import FuzzyDate
from coordgraph.findings import GapType, Severity
from coordgraph.lookup import Facts, label
from coordgraph.time_rules import TimeRules
from coordgraph.vocab import CoverageOf, NodeKind

__all__ = [
    "DATA_GAP_CEILING",
    "capped",
    "claimed",
    "coverage_basis",
    "list_complete",
    "not_claimed",
    "on_basis",
    "re_check",
    "recorded_complete",
]

#: the highest severity of a finding that rests on absence with no basis (a data gap)
DATA_GAP_CEILING = Severity.MEDIUM


def coverage_basis(
    facts: Facts,
    rules: TimeRules,
    lists: CoverageOf,
    states: Iterable[str],
    *,
    types: Iterable[str] = (),
) -> str | None:
    """The coverage statement (node id) by which the dataset claims to list every record
    of kind ``lists`` (and of each of ``types``, when given) for all ``states`` on the
    day ``rules`` looks at; ``None`` when no statement does.

    A statement covers a State it names in ``countries``, or one that is a member of its
    ``network`` on the day; it counts over its period (``valid_from``/``valid_to``, read
    by :class:`~coordgraph.time_rules.TimeRules` like any record's). A statement with no
    ``types`` covers every type of its kind. Several statements may together cover the
    types asked; the first (by id) is named.
    """
    wanted = list(dict.fromkeys(states))
    needed = set(types)
    found: list[str] = []
    covered: set[str] = set()
    for node in sorted(facts.nodes(NodeKind.COVERAGE)):
        attrs = facts.attrs(node)
        if str(attrs.get("lists")) != lists or not rules.exists(node):
            continue
        if not all(_covers_state(facts, rules, node, attrs, s) for s in wanted):
            continue
        kinds = set(attrs.get("types") or ())
        if not kinds:
            return node
        if kinds & needed:
            found.append(node)
            covered |= kinds
            if needed and needed <= covered:
                return found[0]
    return None


def _covers_state(
    facts: Facts, rules: TimeRules, node: str, attrs: dict[str, object], state: str
) -> bool:
    countries = attrs.get("countries") or ()
    if state in countries:  # type: ignore[operator]
        return True
    network = attrs.get("network")
    return bool(network) and facts.is_member(state, f"{NodeKind.NETWORK}:{network}", rules)


def not_claimed(what: str) -> str:
    """The words of a finding from absence with no basis: the dataset does not claim to
    list everything of that kind ("all of their agreements")."""
    return f"this dataset does not claim to list {what}"


def claimed(G: nx.MultiDiGraph, basis: str, what: str) -> str:
    """The words of a finding from absence on a coverage statement."""
    return f"{label(G, basis)} says the dataset lists {what}"


def capped(severity: Severity) -> Severity:
    """A data gap's severity: at most :data:`DATA_GAP_CEILING`."""
    return severity if severity.rank <= DATA_GAP_CEILING.rank else DATA_GAP_CEILING


def recorded_complete(facts: Facts, node: str) -> bool:
    """Whether the record of an agreement (network) claims to list every party (member):
    its ``parties_complete`` / ``members_complete`` flag (true unless set; an agreement's
    flag already reads its ``party_count``), and for a network at least ``member_count``
    members listed. A State it does not list is then no party (member); whether a listed
    one already is on a given day is :func:`list_complete`'s question."""
    attrs = facts.attrs(node)
    network = attrs.get("kind") == NodeKind.NETWORK
    if not attrs.get("members_complete" if network else "parties_complete", True):
        return False
    expected = attrs.get("member_count") if network else None
    return not (expected and expected > len(facts.members_of.get(node, {})))


def list_complete(facts: Facts, rules: TimeRules, node: str) -> bool:
    """Whether the recorded parties of an agreement (members of a network) are all of
    them on the day ``rules`` looks at: the record claims a complete list
    (:func:`recorded_complete`) and no listed party or member is known only by a date
    bound still to come on the day (:meth:`TimeRules.bound_pending`: the OSCE's
    ``joined: <2000-09-11`` asked of 1999), since that State may already be one. Who is
    a member on the day, and how many, is known only of a complete list.
    """
    if not recorded_complete(facts, node):
        return False
    links = facts.members_of.get(node, {}).values()
    return not any(rules.bound_pending(link) for link in links)


def on_basis(
    stale: FuzzyDate | None, severity: Severity = Severity.MEDIUM
) -> tuple[Severity, GapType]:
    """The severity and gap type of a finding that rests on a basis (a record stating the
    absence, a record recorded as not working, a coverage statement): a policy gap of
    ``severity``; when the basis's newest evidence is past the staleness horizon
    (``stale``: its last attested date), a low data gap that asks to re-check (DESIGN.md
    section 9, "Evidence ages")."""
    if stale is None:
        return severity, GapType.POLICY
    return capped(Severity.LOW), GapType.DATA


def re_check(stale: FuzzyDate | None) -> str:
    """The words a finding on a stale basis adds: `` (last attested 2009; re-check)``."""
    return "" if stale is None else f" (last attested {stale}; re-check)"
