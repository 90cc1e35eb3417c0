"""The indexes the link rule reads, built once per call from a graph and a day."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from coordgraph.analyses.absence import recorded_complete
from coordgraph.analyses.links.binding import agreement_name, exclusions, without_exclusions
from coordgraph.lookup import Facts, declined, designated, label, working
from coordgraph.taxonomy import default_rules
from coordgraph.time_rules import TimeRules
from coordgraph.vocab import Level, MechanismType, NetworkKind, NodeKind, Relation

__all__ = ["LOCAL_LEVELS", "LinkIndex", "shared_memberships"]

#: levels of a local mechanism
LOCAL_LEVELS = {str(Level.LOCAL), str(Level.SUBNATIONAL)}


class LinkIndex:
    """What the link rule looks up, indexed once per call: mechanisms by State and by
    area, national referral mechanisms, agreements whose party list is incomplete,
    direct links between local mechanisms of two States, and (cached as asked) the
    networks and agreements two States share on the day and where one of them is
    recorded as not designating a focal point."""

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
        #: agreements whose party list, and channel networks whose member list, is
        #: incomplete, each with the networks whose members may be unrecorded parties or
        #: members (its region: :meth:`region`). A listed State known only by a date
        #: bound (``<2017-03-31``) opens no other State: its own near-miss is a data gap
        #: (:meth:`~coordgraph.time_rules.TimeRules.bound_pending`)
        self.incomplete: list[tuple[str, tuple[str, ...]]] = []
        self.incomplete_networks: list[tuple[str, tuple[str, ...]]] = []
        for ag in facts.nodes(NodeKind.AGREEMENT):
            if recorded_complete(facts, ag):
                continue
            self.incomplete.append((ag, self.region(ag)))
        channel_rules = default_rules()
        for net in facts.nodes(NodeKind.NETWORK):
            attrs = G.nodes[net]
            if not channel_rules.is_operational(channel_rules.function_of(attrs)):
                continue
            if recorded_complete(facts, net):
                continue
            region = self.region(net, parties=False)
            if region:
                self.incomplete_networks.append((net, region))
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

        self._common: dict[tuple[str, str], list[str]] = {}
        self._refusals: dict[tuple[str, str], list[str]] = {}
        #: local mechanisms by State (sorted), built when first asked; working ones by
        #: route end, as asked
        self._local_by_state: dict[str, list[str]] | None = None
        self._local_at: dict[tuple[str, str], list[str]] = {}
        self._shared: dict[tuple[str, str], set[str]] = {}
        #: per State, the networks and agreements it is recorded in (any date)
        self._held: dict[str, frozenset[str]] = {}
        self._agreements: dict[str, frozenset[str]] = {}
        self._names: dict[str, str] = {}
        self._excluded: dict[tuple[str, str, str], tuple[frozenset[str], str]] = {}
        self._binding: dict[tuple[str, str, str], dict[str, Any]] = {}
        #: per (State, network or agreement): member on the day; per record: counts
        #: on the day; per (agreement, State, require_in_force): party on the day
        self._member: dict[tuple[str, str], bool] = {}
        self._exists: dict[str, bool] = {}
        self._party: dict[tuple[str, str, bool], tuple[bool, str, bool]] = {}
        #: what other rule functions of the link rule work out once per State and
        #: network or agreement on these indexes, keyed by what they are first
        #: (:func:`~coordgraph.analyses.links.channels.designated_for`)
        self.memo: dict[tuple[str, ...], Any] = {}

    def agreement_name(self, ag: str) -> str:
        """:func:`~coordgraph.analyses.links.binding.agreement_name` (once per agreement)."""
        found = self._names.get(ag)
        if found is None:
            found = self._names[ag] = agreement_name(self.facts.G, ag)
        return found

    def shared(self, a: str, b: str) -> set[str]:
        """:func:`shared_memberships` of two States (worked out once per pair)."""
        key = (a, b)
        found = self._shared.get(key)
        if found is None:
            found = self._shared[key] = set(self.held(a) & self.held(b))
        return found

    def agreements_of(self, state: str) -> frozenset[str]:
        """The agreements a State is recorded a party to, any date (once per State)."""
        found = self._agreements.get(state)
        if found is None:
            found = self._agreements[state] = frozenset(self.facts.parties.get(state, {}))
        return found

    def held(self, state: str) -> frozenset[str]:
        """The networks and agreements a State is recorded in, any date (once per
        State): :func:`shared_memberships` of two States is what both hold."""
        found = self._held.get(state)
        if found is None:
            facts = self.facts
            found = self._held[state] = frozenset(
                facts.memberships.get(state, {}).keys() | facts.parties.get(state, {}).keys()
            )
        return found

    def exclusions(self, ag: str, a: str, b: str) -> tuple[frozenset[str], str]:
        """:func:`~coordgraph.analyses.links.binding.exclusions` of an agreement between
        two States (worked out once per agreement and pair)."""
        key = (ag, a, b)
        found = self._excluded.get(key)
        if found is None:
            found = self._excluded[key] = exclusions(self.facts, ag, a, b)
        return found

    def binding(self, ag: str, a: str, b: str) -> dict[str, Any]:
        """An agreement's attributes as they bind two States, their reservations' exclusions
        left out (:func:`~coordgraph.analyses.links.binding.without_exclusions`; once per
        agreement and pair)."""
        key = (ag, a, b)
        found = self._binding.get(key)
        if found is None:
            excluded = self.exclusions(ag, a, b)[0]
            found = self._binding[key] = without_exclusions(self.facts.attrs(ag), excluded)
        return found

    def member(self, state: str, target: str) -> bool:
        """:meth:`coordgraph.lookup.Facts.is_member` on the day (once per State and
        network or agreement)."""
        key = (state, target)
        found = self._member.get(key)
        if found is None:
            found = self._member[key] = self.facts.is_member(state, target, self.rules)
        return found

    def exists(self, node: str) -> bool:
        """:meth:`~coordgraph.time_rules.TimeRules.exists` (once per record)."""
        found = self._exists.get(node)
        if found is None:
            found = self._exists[node] = self.rules.exists(node)
        return found

    def party(self, ag: str, state: str, require_in_force: bool) -> tuple[bool, str, bool]:
        """Whether a State is a party to an agreement on the day, the phrase saying so
        (:meth:`~coordgraph.time_rules.TimeRules.is_member`), and whether the sources
        leave open since when (:meth:`~coordgraph.time_rules.TimeRules.bound_pending`);
        once per agreement, State and ``require_in_force``."""
        key = (ag, state, require_in_force)
        found = self._party.get(key)
        if found is None:
            rules = self.rules
            link = self.facts.member_link(state, ag)
            holds, phrase = rules.is_member(link, ag, require_in_force=require_in_force)
            found = self._party[key] = (holds, phrase, not holds and rules.bound_pending(link))
        return found

    def region(self, node: str, *, parties: bool = True) -> tuple[str, ...]:
        """The networks whose members may be unrecorded parties of an agreement (or
        members of a network) whose list is incomplete: the network it belongs to, and
        for an agreement the regional organisations (intergovernmental networks) every
        recorded party is a member of on the day. The ECOWAS/ECCAS agreement of 2006,
        recorded with ECOWAS as its network and Cameroon as its one verified party, may
        bind any ECOWAS or ECCAS member; the Palermo protocol, whose recorded parties
        share no region, none that is not recorded."""
        facts, rules, G = self.facts, self.rules, self.facts.G
        own = {v for _, v, r in G.out_edges(node, data="relation") if r == Relation.PART_OF}
        common: set[str] | None = None
        for c in facts.members_of.get(node, {}) if parties else ():
            nets = {
                n
                for n in facts.memberships.get(c, {})
                if G.nodes[n].get("type") == NetworkKind.INTERGOVERNMENTAL
                and facts.is_member(c, n, rules)
            }
            common = nets if common is None else common & nets
            if not common:
                break
        return tuple(sorted(own | (common or set())))

    def is_local(self, m: str) -> bool:
        return self.facts.attrs(m).get("level") in LOCAL_LEVELS

    def working(self, m: str) -> bool:
        """:func:`coordgraph.lookup.working` on the day of these indexes."""
        return working(self.rules, m)

    def common(self, a: str, b: str) -> list[str]:
        """Networks and agreements both States are members of or parties to on the day
        (worked out once per pair)."""
        key = (a, b)
        if key not in self._common:
            self._common[key] = sorted(t for t in self.shared(a, b) if self._both_in(a, b, t))
        return self._common[key]

    def _both_in(self, a: str, b: str, target: str) -> bool:
        """Whether both States are members of (parties to) ``target`` on the day, and it
        counts then: :meth:`common` is the networks and agreements they share for which
        this holds."""
        return self.exists(target) and self.member(a, target) and self.member(b, target)

    def focal_targets(self, state: str) -> frozenset[str]:
        """The networks and agreements a State has a focal point recorded in, any date and
        status (once per State)."""
        key = ("focal targets", state)
        found = self.memo.get(key)
        if found is None:
            serves = self.facts.serves
            found = self.memo[key] = frozenset(
                serves[fp] for fp in self.facts.focal_points.get(state, ()) if fp in serves
            )
        return found

    def common_with_focal_points(self, a: str, b: str) -> list[str]:
        """:meth:`common` of two States, only the networks and agreements in which both
        have a focal point recorded (the others can hold no focal-point channel between
        them): found from the few focal points of each, not by asking every membership
        they share."""
        key = ("common with focal points", a, b)
        found = self.memo.get(key)
        if found is None:
            held_a, held_b = self.held(a), self.held(b)
            found = self.memo[key] = sorted(
                t
                for t in self.focal_targets(a) & self.focal_targets(b)
                if t in held_a and t in held_b and self._both_in(a, b, t)
            )
        return found

    def refusals(self, a: str, b: str) -> list[str]:
        """Networks and agreements of both States in which one is recorded as not
        designating a focal point (and has none designated), as phrases (worked out once
        per pair)."""
        key = (a, b)
        if key not in self._refusals:
            facts, rules = self.facts, self.rules
            refused = []
            for target in self.common(a, b):
                for c in (a, b):
                    recorded = facts.focal_points_for(c, target)
                    if any(declined(facts.attrs(fp)) for fp in recorded) and not any(
                        designated(rules, fp) for fp in recorded
                    ):
                        refused.append(
                            f"{c} is recorded as not designating one in {label(facts.G, target)}"
                        )
            self._refusals[key] = refused
        return self._refusals[key]

    def local_mechanisms(self, place: str, state: str) -> list[str]:
        """Working local mechanisms at a route end: in its area, or anywhere in its State
        (worked out once per route end)."""
        key = (place, state)
        found = self._local_at.get(key)
        if found is None:
            if self.facts.G.nodes[place].get("kind") == NodeKind.AREA:
                candidates = self.local_by_area.get(place, [])
            else:
                if self._local_by_state is None:
                    by_state: dict[str, list[str]] = defaultdict(list)
                    for m, s in sorted(self.mech_state.items()):
                        if self.is_local(m):
                            by_state[s].append(m)
                    self._local_by_state = by_state
                candidates = self._local_by_state.get(state, [])
            found = self._local_at[key] = [m for m in candidates if self.working(m)]
        return found


def shared_memberships(facts: Facts, a: str, b: str) -> set[str]:
    """Networks and agreements both States are recorded in (any date)."""
    return (facts.memberships.get(a, {}).keys() | facts.parties.get(a, {}).keys()) & (
        facts.memberships.get(b, {}).keys() | facts.parties.get(b, {}).keys()
    )
