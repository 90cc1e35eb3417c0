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
    "not_claimed",
    "on_basis",
    "re_check",
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
