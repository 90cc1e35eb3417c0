"""Indexes the analyses build from a graph once per call (never stored on the graph).

Reading attributes node by node is slow at scale; each analysis builds only the indexes
it needs, keyed so that a State pair is answered by set intersection, not by a scan.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from coordgraph.time_rules import TimeRules, dated
from coordgraph.vocab import NodeKind, Relation

__all__ = ["Facts", "cite", "dated", "victim_groups"]


def cite(G: nx.MultiDiGraph, nodes: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Citations (``source:locator``) of the given nodes, in order, without repeats."""
    out: list[str] = []
    for n in nodes:
        if n in G:
            for c in G.nodes[n].get("sources", ()):
                if c not in out:
                    out.append(str(c))
    return tuple(out)


@dataclass
class Facts:
    """What the analyses look up, indexed from one graph."""

    G: nx.MultiDiGraph
    by_kind: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    #: country -> agreement node -> party edge attrs
    parties: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: defaultdict(dict))
    #: agreement/network node -> {country: edge attrs}
    members_of: dict[str, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    #: country -> network node -> membership attrs
    memberships: dict[str, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    #: country -> focal point nodes
    focal_points: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    #: focal point -> served node
    serves: dict[str, str] = field(default_factory=dict)
    #: area node -> country code
    area_country: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_graph(cls, G: nx.MultiDiGraph) -> Facts:
        facts = cls(G)
        for n, kind in G.nodes(data="kind"):
            facts.by_kind[kind].append(n)
        country_prefix = f"{NodeKind.COUNTRY}:"
        for u, v, attrs in G.edges(data=True):
            rel = attrs.get("relation")
            if rel == Relation.PARTY_TO:
                code = u.removeprefix(country_prefix)
                facts.parties[code][v] = attrs
                facts.members_of[v][code] = attrs
            elif rel == Relation.MEMBER_OF and u.startswith(country_prefix):
                code = u.removeprefix(country_prefix)
                facts.memberships[code][v] = attrs
                facts.members_of[v][code] = attrs
            elif rel == Relation.DESIGNATES:
                facts.focal_points[u.removeprefix(country_prefix)].append(v)
            elif rel == Relation.SERVES:
                facts.serves[u] = v
            elif rel == Relation.LOCATED_IN and G.nodes[u].get("kind") == NodeKind.AREA:
                facts.area_country[u] = v.removeprefix(country_prefix)
        return facts

    def nodes(self, kind: NodeKind) -> list[str]:
        return self.by_kind.get(str(kind), [])

    def attrs(self, node: str) -> dict[str, Any]:
        return self.G.nodes[node]  # type: ignore[no-any-return]

    def member_link(self, country: str, target: str) -> dict[str, Any] | None:
        """The PARTY_TO/MEMBER_OF edge attributes of a State and a network or agreement."""
        return self.members_of.get(target, {}).get(country)

    def is_member(
        self, country: str, target: str, rules: TimeRules, *, require_in_force: bool = False
    ) -> bool:
        """Whether a State is a member of a network or party to an agreement on the day the
        rules look at (party and member dates: see :mod:`coordgraph.time_rules`)."""
        return rules.is_member(
            self.member_link(country, target), target, require_in_force=require_in_force
        )[0]

    def active_members(self, target: str, rules: TimeRules) -> list[str]:
        return sorted(
            c for c in self.members_of.get(target, {}) if self.is_member(c, target, rules)
        )

    def designated(self, fp: str, rules: TimeRules) -> bool:
        a = self.attrs(fp)
        return a.get("status", "designated") == "designated" and rules.exists(fp)

    def focal_points_for(self, country: str, target: str) -> list[str]:
        return [fp for fp in self.focal_points.get(country, []) if self.serves.get(fp) == target]

    def state_of(self, place: str) -> str | None:
        """The State a route place is in (``None`` for an unknown place)."""
        kind = self.G.nodes[place].get("kind")
        if kind == NodeKind.COUNTRY:
            return str(self.G.nodes[place].get("iso3") or place.partition(":")[2])
        if kind == NodeKind.AREA:
            return self.area_country.get(place)
        return None


_GROUPS = {
    "girls": {"girls"},
    "boys": {"boys"},
    "children": {"girls", "boys"},
    "women": {"women"},
    "men": {"men"},
    "adults": {"women", "men"},
}
ALL_GROUPS = frozenset({"girls", "boys", "women", "men"})
CHILD_GROUPS = frozenset({"girls", "boys"})


def victim_groups(victims: Any) -> frozenset[str]:
    """Victims as sex/age groups; no victims recorded means any group may be concerned."""
    out: set[str] = set()
    for v in victims or ():
        out |= _GROUPS.get(str(v), set())
    return frozenset(out) if out else frozenset()
