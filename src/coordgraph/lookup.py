"""Reading the graph: what a node is called, which State it is in, whether it works.

Every analysis, the report, the explorer and the pictures read these answers here, so
one finding is filed under the same State everywhere and a mechanism "works" by one rule:

* :func:`node_id`, :func:`place_node`: a record's and a route place's node id
  (``"Kind:id"``; defined beside the schema in :mod:`coordgraph.model`);
* :func:`label`: what a node is called;
* :func:`state_of` / :func:`states_of_finding`: the State of a place (a country, or an
  area's country) and the States a finding concerns;
* :func:`working`, :func:`set_up`: whether a mechanism works on the day (active and
  counting), or exists at all (even if not functioning);
* :func:`designated`, :func:`declined`: whether a focal point is designated on the day,
  or recorded as not designated;
* :func:`wanted_states`: the one reading of every ``countries=`` argument (codes or
  names, normalised to ISO alpha-3 as the records are);
* :class:`Facts`: the indexes the analyses build from a graph once per call (never
  stored on the graph), keyed so that a State pair is answered by set intersection.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx

from coordgraph.countries import normalise_country
from coordgraph.model import node_id, place_node
from coordgraph.time_rules import TimeRules, dated
from coordgraph.vocab import MechanismStatus, NodeKind, Relation

if TYPE_CHECKING:
    from coordgraph.findings import Finding

__all__ = [
    "ALL_GROUPS",
    "CHILD_GROUPS",
    "Facts",
    "cite",
    "dated",
    "declined",
    "designated",
    "label",
    "node_id",
    "place_node",
    "set_up",
    "state_of",
    "states_of_finding",
    "victim_groups",
    "wanted_states",
    "working",
]

_COUNTRY_PREFIX = f"{NodeKind.COUNTRY}:"
#: statuses of a mechanism that exists, whether or not it functions
_SET_UP = frozenset(
    {
        str(MechanismStatus.ACTIVE),
        str(MechanismStatus.NOT_FUNCTIONING),
        str(MechanismStatus.UNKNOWN),
    }
)


def label(G: nx.MultiDiGraph, node: str) -> str:
    """What a node is called: its ``label``; for a node the graph does not hold (or one
    without a label), its record id."""
    if node in G and "label" in G.nodes[node]:
        return str(G.nodes[node]["label"])
    return node.partition(":")[2] if ":" in node else node


def state_of(G: nx.MultiDiGraph, place: str) -> str | None:
    """The State (ISO alpha-3) a route place is in: a country is its own State, an area
    is in the country it is located in; ``None`` for an unknown place."""
    if place not in G:
        return None
    attrs = G.nodes[place]
    kind = attrs.get("kind")
    if kind == NodeKind.COUNTRY:
        return str(attrs.get("iso3") or place.partition(":")[2])
    if kind == NodeKind.AREA:
        for _, target, rel in G.out_edges(place, data="relation"):
            if rel == Relation.LOCATED_IN:
                return str(target).removeprefix(_COUNTRY_PREFIX)
    return None


def states_of_finding(G: nx.MultiDiGraph, finding: Finding) -> list[str]:
    """The States a finding concerns (ISO codes, in order, without repeats): those in
    ``details["states"]``, then the State of each subject that is a place, or that is
    located in or operates in a State (directly or in one of its areas)."""
    out: list[str] = []

    def add(code: object) -> None:
        if code and str(code) not in out:
            out.append(str(code))

    for code in finding.details.get("states", ()) or ():
        add(code)
    for node in finding.subjects:
        if node not in G:
            if node.startswith(_COUNTRY_PREFIX):
                add(node.removeprefix(_COUNTRY_PREFIX))
            continue
        if G.nodes[node].get("kind") in (NodeKind.COUNTRY, NodeKind.AREA):
            add(state_of(G, node))
            continue
        for _, target, rel in G.out_edges(node, data="relation"):
            if rel in (Relation.LOCATED_IN, Relation.OPERATES_IN):
                add(state_of(G, target))
    return out


def wanted_states(countries: Iterable[str] | None) -> frozenset[str] | None:
    """The States a ``countries=`` argument asks for, as ISO alpha-3 codes (``None``:
    all). Codes and names are read as the records' are (``MDA``, ``md``, ``Moldova``);
    an unknown or ambiguous one raises :class:`coordgraph.countries.CountryCodeError`."""
    if countries is None:
        return None
    if isinstance(countries, str):
        countries = [countries]
    codes = [str(c) for c in countries]
    if not codes:
        return None
    return frozenset(normalise_country(c) for c in codes)


def working(rules: TimeRules, mechanism: str) -> bool:
    """Whether a mechanism works on the day the rules look at: recorded as active (the
    default) and counting then (started, not ended or replaced)."""
    status = str(rules.attrs(mechanism).get("status", MechanismStatus.ACTIVE))
    return status == MechanismStatus.ACTIVE and rules.exists(mechanism)


def set_up(rules: TimeRules, mechanism: str) -> bool:
    """Whether a mechanism exists on the day, working or not: active, not functioning
    or of unknown status, and counting then. Two such bodies can duplicate each other
    even when one does not function."""
    status = str(rules.attrs(mechanism).get("status", MechanismStatus.ACTIVE))
    return status in _SET_UP and rules.exists(mechanism)


def designated(rules: TimeRules, focal_point: str) -> bool:
    """Whether a focal point is designated on the day the rules look at: recorded as
    designated (the default) and counting then."""
    status = rules.attrs(focal_point).get("status", "designated")
    return bool(status == "designated") and rules.exists(focal_point)


def declined(attrs: dict[str, Any]) -> bool:
    """Whether a focal-point record says the State does not designate one (a positive
    statement of absence, unlike a focal point not recorded)."""
    return bool(attrs.get("status") == "not_designated")


def cite(
    G: nx.MultiDiGraph, nodes: list[str] | tuple[str, ...], *, states: Iterable[str] = ()
) -> tuple[str, ...]:
    """Citations (``source:locator``) of the given nodes, in order, without repeats.

    With ``states`` (ISO codes), each node's citations are followed by those of these
    States' party or membership links to it: a finding about two States bound by a
    convention rests on the convention's own sources (what it is, when in force) and on
    the records that make those two States parties, not on every party's source.
    """
    out: list[str] = []
    codes = tuple(states)
    for n in nodes:
        if n not in G:
            continue
        cited = list(G.nodes[n].get("sources", ()))
        for code in codes:
            for attrs in (G.get_edge_data(place_node(code), n) or {}).values():
                if attrs.get("relation") in (Relation.PARTY_TO, Relation.MEMBER_OF):
                    cited.extend(attrs.get("sources", ()))
        for c in cited:
            if str(c) not in out:
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
    #: (node, relation) -> the nodes it points to by that relation, in the graph's order
    #: (:meth:`targets`); route pairs left out (routes are read from their table)
    out_by: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    #: (node, relation) -> the nodes that point to it by that relation (:meth:`pointing_to`)
    in_by: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_graph(cls, G: nx.MultiDiGraph) -> Facts:
        facts = cls(G)
        for n, kind in G.nodes(data="kind"):
            facts.by_kind[kind].append(n)
        country_prefix = f"{NodeKind.COUNTRY}:"
        out_by: dict[tuple[str, str], list[str]] = defaultdict(list)
        in_by: dict[tuple[str, str], list[str]] = defaultdict(list)
        for u, v, attrs in G.edges(data=True):
            rel = attrs.get("relation")
            if rel != Relation.ROUTE_PAIR:
                out_by[(u, rel)].append(v)
                in_by[(v, rel)].append(u)
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
        facts.out_by = {k: tuple(v) for k, v in out_by.items()}
        facts.in_by = {k: tuple(v) for k, v in in_by.items()}
        return facts

    def nodes(self, kind: NodeKind) -> list[str]:
        return self.by_kind.get(str(kind), [])

    def attrs(self, node: str) -> dict[str, Any]:
        return self.G.nodes[node]  # type: ignore[no-any-return]

    def targets(self, node: str, relation: Relation) -> tuple[str, ...]:
        """The nodes ``node`` points to by ``relation``, in the order of
        ``G.out_edges(node)`` (not for route pairs: routes are read from their table)."""
        return self.out_by.get((node, relation), ())

    def pointing_to(self, node: str, relation: Relation) -> tuple[str, ...]:
        """The nodes that point to ``node`` by ``relation``, in the order of ``G.edges``
        (not for route pairs)."""
        return self.in_by.get((node, relation), ())

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
        """:func:`designated`."""
        return designated(rules, fp)

    def focal_points_for(self, country: str, target: str) -> list[str]:
        return [fp for fp in self.focal_points.get(country, []) if self.serves.get(fp) == target]

    def state_of(self, place: str) -> str | None:
        """:func:`state_of`, read from the index (``None`` for an unknown place)."""
        kind = self.G.nodes[place].get("kind")
        if kind == NodeKind.AREA:
            return self.area_country.get(place)
        return state_of(self.G, place)


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
