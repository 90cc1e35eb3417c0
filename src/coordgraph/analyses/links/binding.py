"""How an agreement binds two States: what their reservations exclude, the agreement's
attributes as they bind the pair, and what a finding calls it. The link index asks these
once per agreement and pair (:mod:`coordgraph.analyses.links.index`); the grades read
them through it (:mod:`coordgraph.analyses.links.grading`)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

import networkx as nx

from coordgraph.lookup import Facts, label
from coordgraph.vocab import ALL_EXPLOITATION, ExploitationForm

__all__ = [
    "EVERY_FORM",
    "IMPLIES",
    "agreement_name",
    "exclusions",
    "without_exclusions",
    "words",
]

#: every form of exploitation an agreement on ``all`` forms covers
EVERY_FORM = frozenset(str(f.value) for f in ExploitationForm if f.value != ALL_EXPLOITATION)
#: a form of exploitation an agreement names also covers these route purposes
IMPLIES = {
    "sexual_exploitation": frozenset({"sexual_exploitation", "online_sexual_exploitation"}),
    "labour": frozenset({"labour", "domestic_servitude"}),
}


def words(values: Iterable[Any]) -> frozenset[str]:
    """A list of vocabulary values as a set of words (lists seen often are cached)."""
    if isinstance(values, tuple):
        return _tuple_words(values)
    return frozenset(str(v) for v in values or ())


@functools.lru_cache(maxsize=4096)
def _tuple_words(values: tuple[Any, ...]) -> frozenset[str]:
    # the same few lists of words (an agreement's forms, provisions) are read per pair
    return frozenset(str(v) for v in values)


def exclusions(facts: Facts, ag: str, a: str, b: str) -> tuple[frozenset[str], str]:
    """What the reservations of States ``a`` and ``b`` to an agreement exclude between
    them (their parties' ``excludes``: forms of exploitation, provisions), and the phrase
    that says so ("MLT's reservation excludes labour"); empty when nothing is excluded."""
    out: set[str] = set()
    said = []
    for c in (a, b):
        link = facts.member_link(c, ag) or {}
        mine = sorted(str(x) for x in link.get("excludes") or ())
        if mine:
            out |= set(mine)
            said.append(f"{c}'s reservation excludes {', '.join(mine).replace('_', ' ')}")
    return frozenset(out), "; ".join(said)


def without_exclusions(attrs: dict[str, Any], excluded: frozenset[str]) -> dict[str, Any]:
    """An agreement's attributes as they bind a pair whose reservations exclude
    ``excluded``: those forms of exploitation (and the purposes they imply) and those
    provisions left out (an agreement on ``all`` forms then covers every other form)."""
    if not excluded:
        return attrs
    gone = frozenset().union(*(IMPLIES.get(e, frozenset({e})) for e in excluded))
    out = dict(attrs)
    forms = words(attrs.get("exploitation", ()))
    if forms & gone or (ALL_EXPLOITATION in forms and gone & EVERY_FORM):
        if ALL_EXPLOITATION in forms:
            forms = EVERY_FORM
        out["exploitation"] = tuple(sorted(forms - gone)) or ("other",)
    provisions = words(attrs.get("provisions", ()))
    if provisions & excluded:
        out["provisions"] = tuple(sorted(provisions - excluded))
    out["excluded"] = tuple(sorted(excluded))
    return out


def agreement_name(G: nx.MultiDiGraph, ag: str) -> str:
    """What a finding calls an agreement: its acronym when one is recorded ("CETS 197"),
    else its name."""
    acronym = G.nodes[ag].get("acronym") if ag in G else None
    return str(acronym) if acronym else label(G, ag)
