"""Planning aids: which action fills the most missing link criteria at least cost, what-if,
and timelines.

:func:`plan_actions` looks at every cross-border route pair of a date and the link
criteria it does not meet (:mod:`coordgraph.analyses.links.grading`: missing, or not
recorded), and ranks the actions that would fill them:

* ``local-link`` — two working local mechanisms, one in each State, agree to work
  together directly (fills ``operational_channel``); cost 1;
* ``focal-point`` — the two States of a route designate focal points in a network or
  agreement they share, both ends together (fills ``operational_channel``); cost 1 per
  State that designates;
* ``membership`` — a State joins a network where the other end has a focal point, and
  designates one; cost 2;
* ``provisions`` — an agreement that already links the pair gains child-specific
  provisions (guardianship, individual case assessment), a return procedure and/or
  coverage of all forms of exploitation; cost 2;
* ``join`` — a State accedes to a multilateral agreement in force to which the other
  end is party; cost 2;
* ``agreement`` — a new bilateral agreement in force (on children when all the pairs'
  victims are children), covering all forms of exploitation, with a return procedure
  and, for child routes, guardianship and individual case assessment; for online routes
  (:mod:`coordgraph.analyses.online`) an agreement for information exchange and joint
  investigation (data access, mutual legal assistance) instead; cost 4. For a pair
  already bound by a legal basis only (the Palermo protocol, CETS 197: no channel of
  their own), not a new treaty but:
* ``arrangement`` — an operational arrangement under the legal basis: a bilateral MoU
  naming focal points at both ends, with the same provisions; cost 2. A legal basis is
  never proposed for amendment, nor as a place to designate focal points;
* ``hotline`` — (online routes) a State with no reporting hotline recorded sets one up
  (fills ``reporting_channel``); cost 1;
* ``database`` — (online routes) a State joins a law-enforcement database the dataset
  records (INTERPOL's ICSE) that the other end is connected to (fills
  ``law_enforcement_channel``); cost 1.

The value of a plan is the route weight times the criteria met, summed over pairs; an
action's gain is measured, not estimated: the pairs of States it can change are decided
again, by the same link and criteria functions, on a graph of their records with its
hypothetical records added (:class:`_Judge`); the rest of the route analysis runs once
per plan. Selection is
greedy on gain per unit of cost: each next action starts from the dataset with the
earlier ones applied. Weight is the recorded route volume, or the number of routes
where none is recorded.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from coordgraph.analyses import (
    duplicated_mechanisms,
    find_gaps,
    missing_focal_points,
    unlinked_routes,
)
from coordgraph.analyses.absence import recorded_complete
from coordgraph.analyses.links import LinkIndex, LinkRule, grade_pair, is_channel
from coordgraph.analyses.links.agreements import agreement_link_kind
from coordgraph.analyses.online import (
    LAW_ENFORCEMENT_CHANNEL,
    REPORTING_CHANNEL,
    channel_holders,
)
from coordgraph.dataset import Dataset
from coordgraph.dates import FuzzyDate
from coordgraph.findings import Finding, FindingKind, LinkKind, Severity
from coordgraph.lookup import CHILD_GROUPS, Facts
from coordgraph.model import (
    ActionPlan,
    Agency,
    Agreement,
    Area,
    FocalPoint,
    Mechanism,
    Network,
    Record,
    Route,
)
from coordgraph.routes.places import subregion
from coordgraph.routes.table import RouteTable
from coordgraph.text.i18n import action_words
from coordgraph.time_rules import TimeRules, Undated
from coordgraph.vocab import AgreementKind, NodeKind, Relation

__all__ = [
    "ACTIONS",
    "ACTION_COST",
    "Action",
    "candidate_actions",
    "plan_actions",
    "plan_value",
    "timeline",
    "whatif",
]

ACTIONS = (
    "local-link",
    "focal-point",
    "membership",
    "provisions",
    "join",
    "arrangement",
    "agreement",
    "hotline",
    "database",
)
#: rough effort: an administrative act 1, one treaty step (amendment, accession) 2,
#: negotiating, signing and bringing into force a new bilateral agreement 4
ACTION_COST = {
    "local-link": 1,
    "focal-point": 1,
    "membership": 2,
    "provisions": 2,
    "join": 2,
    "arrangement": 2,
    "agreement": 4,
    "hotline": 1,
    "database": 1,
}
_AGREEMENT_GAPS = frozenset(
    {"in_force", "victims_covered", "exploitation_covered", "child_specific_provisions"}
)
_HYPOTHETICAL = "hypothetical (coordgraph plan)"
_CHANNEL = "operational_channel"
#: which criteria an action of each kind can fill: a focal point, a membership or a
#: local link gives a channel and nothing else; an amendment changes what an agreement
#: provides, not whether there is a channel
_FILLS = {
    "focal-point": "channel",
    "membership": "channel",
    "local-link": "channel",
    "provisions": "agreement",
}


@dataclass
class Action:
    """One candidate action, what it costs, and what it fills for which routes."""

    kind: str
    states: tuple[str, ...]
    network: str | None
    weight: int
    closes: list[tuple[str, ...]]
    routes: list[str]
    why: str
    records: list[Record] = field(default_factory=list)
    cost: int = 1
    fills: list[dict[str, Any]] = field(default_factory=list)
    scope: frozenset[str] = frozenset()
    #: the pairs of States it can change (each a set of two ISO codes)
    reach: frozenset[frozenset[str]] = field(default=frozenset(), repr=False, compare=False)
    #: the pairs it changes, decided again with its records (set when measured)
    after_pairs: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    make: Callable[[], list[Record]] | None = field(default=None, repr=False, compare=False)
    #: ``why`` as a phrase id of :mod:`coordgraph.text.locale_en` and its params (codes
    #: of States as tuples, names as recorded), so that it reads in any language
    says: tuple[str, dict[str, Any]] | None = field(default=None, repr=False, compare=False)
    #: the name of the network or agreement it acts in (``network`` is its node id)
    target_name: str | None = None
    #: the number (from 1) of the earlier chosen action whose record it acts in (a
    #: focal point in an agreement the plan proposes), else None
    after: int | None = None

    def word(self) -> Action:
        """Say ``why`` in English from :attr:`says` (done for the actions returned only:
        a step has tens of thousands of candidates)."""
        if self.says is not None and not self.why:
            self.why = action_words(self.kind, self.says, "en")[1]
        return self

    def build(self) -> None:
        """Make the action's records (kept for the candidates that are measured)."""
        if self.make is not None and not self.records:
            self.records = self.make()

    @property
    def per_cost(self) -> float:
        return self.weight / self.cost

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.kind,
            "states": list(self.states),
            "network": self.network,
            "cost": self.cost,
            "filled_weight": self.weight,
            "newly_linked_weight": sum(
                f["weight"]
                for f in self.fills
                if f.get("newly_linked")  # designate: none
            ),
            "fills": self.fills,
            "closes": [list(s) for s in self.closes],
            "routes": self.routes,
            "why": self.why,
            "target_name": self.target_name,
            "after": self.after,
        }


@dataclass(frozen=True)
class _Pair:
    key: tuple[tuple[str, ...], tuple[str, ...]]
    states: tuple[str, str]
    weight: int
    routes: tuple[str, ...]
    met: frozenset[str]
    unmet: frozenset[str]
    linked: bool
    children: bool
    agreements: tuple[str, ...]
    victims: frozenset[str] = frozenset()
    purposes: frozenset[str] = frozenset()
    volume: int = 0
    severity: Severity = Severity.INFO
    #: linked only by a legal basis (no operational agreement, channel or local link)
    legal_basis: bool = False
    #: the route mode of the pair (``physical``, ``online``, ``mixed``)
    mode: str = "physical"

    @property
    def where(self) -> frozenset[str]:
        """The two States, unordered."""
        return frozenset(self.states)

    def sort_key(self) -> tuple[int, int, str, tuple[str, ...]]:
        """Where its finding stands among the findings (:meth:`Finding.sort_key`)."""
        kind = FindingKind.ROUTE_LINKED if self.linked else FindingKind.ROUTE_UNLINKED
        return (-self.severity.rank, -self.volume, str(kind), self.key[0])


_Pairs = dict[tuple[tuple[str, ...], tuple[str, ...]], _Pair]
_NOT_RECORDED = "not recorded"


def _recorded(values: Any) -> frozenset[str]:
    return frozenset(str(v) for v in values or () if v != _NOT_RECORDED)


def _pairs(
    G: Any,
    day: dt.date,
    children_only: bool,
    undated: Undated | str,
    countries: Iterable[str] | None = None,
    found: Iterable[Finding] | None = None,
) -> _Pairs:
    """The cross-border route pairs of ``G`` on ``day``, from ``found`` when given (the
    findings of :func:`unlinked_routes` on ``G`` with these options, or of any call
    that includes them, such as :func:`find_gaps`), else from a run of it."""
    out = {}
    if found is None:
        found = unlinked_routes(
            G, as_of=day, children_only=children_only, countries=countries, undated=undated
        )
    for f in found:
        if f.kind not in (FindingKind.ROUTE_LINKED, FindingKind.ROUTE_UNLINKED):
            continue
        if f.details.get("internal"):
            continue
        victims = tuple(f.details.get("victims", ()))
        key = (f.subjects, victims)
        routes = tuple(f.details["routes"])
        a, b = f.details["states"]
        out[key] = _Pair(
            key,
            (a, b),
            f.volume if f.volume else len(routes),
            routes,
            frozenset(f.criteria_met),
            frozenset(f.criteria_missing) | frozenset(f.criteria_unknown),
            f.kind is FindingKind.ROUTE_LINKED,
            not (set(victims) <= {"women", "men"}),
            tuple(e for e in f.evidence if e.startswith(f"{NodeKind.AGREEMENT}:")),
            _recorded(victims),
            _recorded(f.details.get("purposes")),
            f.volume or 0,
            f.severity,
            legal_basis=f.link_kind is LinkKind.LEGAL_BASIS,
            mode=str(f.details.get("mode", "physical")),
        )
    return out


def plan_value(
    dataset: Dataset,
    *,
    as_of: dt.date | str | None = None,
    undated: Undated | str = Undated.ATTESTED,
) -> int:
    """Route weight times link criteria met, summed over cross-border pairs (what a plan
    raises)."""
    day = dataset.day_asked(as_of)
    pairs = _pairs(dataset.to_networkx(), day, False, undated)
    return sum(p.weight * len(p.met) for p in pairs.values())


def plan_actions(
    dataset: Dataset,
    *,
    as_of: dt.date | str | None = None,
    top: int = 5,
    actions: Iterable[str] = ACTIONS,
    children_only: bool = False,
    undated: Undated | str = Undated.ATTESTED,
    graph: Any = None,
    found: Iterable[Finding] | None = None,
    _all: bool = False,
    _rebuild: bool = False,
) -> list[Action]:
    """The ``top`` actions, chosen greedily, that fill the most link criteria (weighted
    by route volume) per unit of cost; each says what it fills for which routes.

    Gaps, members and focal points are read on ``as_of`` with the date rules of
    :mod:`coordgraph.time_rules`, exactly as ``gaps`` reads them.

    The route analysis runs once on the whole dataset. An action is then measured on
    the pairs of States it can change only (:attr:`Action.reach`), with the analysis
    run on a graph of the records of those States and the action's records; candidates
    are measured in order of the most they could fill per unit of cost, and measuring
    stops when no candidate left could beat the best one measured. Each next step starts
    from the pairs the chosen actions changed, and makes again only the candidates the
    action chosen last can change (:class:`_Menu`; all of them with ``_rebuild``).

    ``graph`` is the dataset's graph when the caller has it, and ``found`` the findings
    of :func:`~coordgraph.analyses.find_gaps` (or of the route analysis) on it on
    ``as_of`` with ``undated`` and no other option (not used when ``children_only``):
    given, they are not computed again.
    """
    day = dataset.day_asked(as_of)
    kinds = set(actions)
    unknown = kinds - set(ACTIONS)
    if unknown:
        raise ValueError(f"unknown action {sorted(unknown)[0]!r}; choose from {', '.join(ACTIONS)}")
    current = dataset
    G = G0 = dataset.to_networkx() if graph is None else graph
    pairs = today = _pairs(G, day, children_only, undated, found=None if children_only else found)
    chosen: list[Action] = []
    kept: dict[Any, Any] = {}
    judge = _Judge(_Structure(dataset), pairs, day, undated)
    menu = _Menu(kinds, incremental=not _rebuild)
    while len(chosen) < top:
        if G is None:
            G = _Structure.graph(current)
        rules = TimeRules(G, day, undated=undated)
        candidates = menu.candidates(_Candidates(current, G, rules, kept), pairs)
        G = None
        if _all:
            measured = [judge.measure(c) for c in candidates]
            return [c.word() for c in measured if c.weight > 0]
        best = judge.best(candidates)
        if best is None:
            break
        _as_today(best, chosen, today, G0)
        menu.chosen = best
        judge.apply(best)
        chosen.append(best.word())
        pairs = {**pairs, **best.after_pairs}
        current = current.with_records(best.records)
    return chosen


def _as_today(action: Action, chosen: list[Action], today: _Pairs, G: Any) -> None:
    """Say what links each pair the action changes in the dataset as it is (not as the
    earlier actions leave it), and which earlier action made the record it acts in."""
    made = {r.node_id: n for n, a in enumerate(chosen, 1) for r in a.records if r.node_id not in G}
    action.after = made.get(action.network) if action.network else None
    for fill in action.fills:
        pair = today.get((tuple(fill["subjects"]), tuple(fill["victims"])))
        if pair is not None:
            fill["linked_before"] = pair.linked
            fill["linked_by"] = [str(G.nodes[a].get("label", a)) for a in pair.agreements if a in G]


def _rank(a: Action) -> tuple[float, int, int, tuple[str, ...], str]:
    return (a.per_cost, a.weight, -a.cost, tuple(reversed(a.states)), a.kind)


def candidate_actions(
    dataset: Dataset,
    *,
    as_of: dt.date | str | None = None,
    actions: Iterable[str] = ACTIONS,
    children_only: bool = False,
    undated: Undated | str = Undated.ATTESTED,
) -> list[Action]:
    """Every single action considered at the first step, measured, with its records."""
    return plan_actions(
        dataset,
        as_of=as_of,
        top=1,
        actions=actions,
        children_only=children_only,
        undated=undated,
        _all=True,
    )


class _Structure:
    """The structure records of a dataset by the pairs of States they concern, so that
    a few pairs of States can be decided on a graph of their records alone.

    What decides a pair of States (:meth:`~coordgraph.analyses.links.LinkRule.between` and
    :func:`~coordgraph.analyses.links.grade_pair`) reads the agreements both are
    parties to, the networks and agreements both are in and their focal points, their
    mechanisms and areas, agreements whose party list is incomplete (a State may be an
    unrecorded party), which records replace which, and the sources' dates. Sources,
    countries, networks, incomplete agreements and records that replace or amend others
    are kept for every pair (as is any other kind of record but agencies and action
    plans, which it does not read); an agreement goes with each pair of its parties,
    focal points with their State, mechanisms and areas with the State they are in.
    """

    def __init__(self, dataset: Dataset) -> None:
        self.info = dataset.info
        self.empty = RouteTable(dataset.route_table.df.head(0))
        self.everywhere: list[tuple[int, Record]] = []
        self.by_state: dict[str, list[tuple[int, Record]]] = defaultdict(list)
        self.by_pair: dict[frozenset[str], list[tuple[int, Record]]] = defaultdict(list)
        area_state = {a.id: a.country for a in dataset.areas}
        self.size = 0
        for i, record in enumerate(dataset.structure()):
            self.size = i + 1
            if isinstance(record, ActionPlan):
                continue  # not read by the link rule
            if isinstance(record, Agency) and record.country:
                # read by the online criteria (a hotline, a connection to a database)
                self.by_state[record.country].append((i, record))
                continue
            if bool(getattr(record, "replaces", None)):
                self.everywhere.append((i, record))
            elif isinstance(record, Agreement):
                if record.amends or not record.parties_complete or record.party_count:
                    self.everywhere.append((i, record))
                else:
                    codes = sorted(set(record.party_codes))
                    for n, a in enumerate(codes):
                        for b in codes[n + 1 :]:
                            self.by_pair[frozenset((a, b))].append((i, record))
            elif isinstance(record, FocalPoint | Area):
                self.by_state[record.country].append((i, record))
            elif isinstance(record, Mechanism):
                state = record.country or area_state.get(record.area or "")
                if state:
                    self.by_state[state].append((i, record))
            else:
                # sources, countries, networks and any other kind of record
                self.everywhere.append((i, record))

    def dataset(self, pairs: Iterable[frozenset[str]], extra: Iterable[Record] = ()) -> Dataset:
        """The records that decide ``pairs`` of States, with ``extra`` added (a record with
        an existing id replaces it, as :meth:`Dataset.with_records` does)."""
        chosen: dict[tuple[type[Record], str], tuple[int, Record]] = {}
        pairs = set(pairs)
        found = [*self.everywhere]
        for pair in pairs:
            found += self.by_pair.get(pair, ())
        for state in set().union(*pairs):
            found += self.by_state.get(state, ())
        for i, record in found:
            chosen[(type(record), record.id)] = (i, record)
        for n, record in enumerate(extra):
            key = (type(record), record.id)
            chosen[key] = (chosen[key][0] if key in chosen else self.size + n, record)
        records = [r for _, r in sorted(chosen.values(), key=lambda x: x[0])]
        return Dataset.from_records(self.info, records, routes=self.empty)

    @staticmethod
    def graph(dataset: Dataset) -> Any:
        """The graph of a dataset's structure, without its routes."""
        records = {kind: v for kind, v in dataset.records.items() if kind is not Route}
        empty = RouteTable(dataset.route_table.df.head(0))
        return Dataset(dataset.info, records, dataset.path, empty).to_networkx()


class _Judge:
    """Measures candidate actions on the pairs of States each can change, from step to
    step (:meth:`apply` the action chosen at each)."""

    def __init__(
        self,
        structure: _Structure,
        pairs: _Pairs,
        day: dt.date,
        undated: Undated | str,
    ) -> None:
        self.structure = structure
        #: the records of the actions chosen so far
        self.applied: list[Record] = []
        self.day = day
        self.undated = undated
        self.order = {key: n for n, key in enumerate(pairs)}
        self.by_where: dict[frozenset[str], list[_Pair]] = defaultdict(list)
        for p in pairs.values():
            self.by_where[p.where].append(p)
        #: the most an action could fill on a pair of States: every criterion not met;
        #: a channel (focal point, membership, local link) fills the operational channel
        #: only, an amendment the criteria of agreements only
        self.room: dict[str, dict[frozenset[str], int]] = {
            "all": {},
            "channel": {},
            "agreement": {},
        }
        for where in self.by_where:
            self._room(where)

    def _room(self, where: frozenset[str]) -> None:
        group = self.by_where[where]
        self.room["all"][where] = sum(p.weight * len(p.unmet) for p in group)
        self.room["channel"][where] = sum(p.weight for p in group if _CHANNEL in p.unmet)
        self.room["agreement"][where] = sum(p.weight * len(p.unmet - {_CHANNEL}) for p in group)

    def apply(self, action: Action) -> None:
        """The next step starts with the action's records applied and the pairs it
        changed decided again (each in its place)."""
        self.applied = [*self.applied, *action.records]
        for new in action.after_pairs.values():
            group = self.by_where[new.where]
            at = next(n for n, p in enumerate(group) if p.key == new.key)
            group[at] = new
        for where in {p.where for p in action.after_pairs.values()}:
            self._room(where)

    def bound(self, action: Action) -> int:
        """The most the action could fill (its gain is at most this)."""
        room = self.room[_FILLS.get(action.kind, "all")]
        return sum(map(room.__getitem__, room.keys() & action.reach))

    def best(self, candidates: list[Action]) -> Action | None:
        """The candidate of highest rank (:func:`_rank`) with a positive gain, measuring
        only those whose bound could still match the best measured."""
        bounds = [(self.bound(c), n, c) for n, c in enumerate(candidates)]
        bounds.sort(key=lambda x: x[0] / x[2].cost, reverse=True)
        best: tuple[tuple[float, int, int, tuple[str, ...], str], int, Action] | None = None
        for bound, n, c in bounds:
            if bound <= 0:
                break
            if best is not None and bound * best[2].cost < best[2].weight * c.cost:
                break
            c = self.measure(c)
            # the first of equal rank in the candidates' order wins, as max() would pick
            if c.weight > 0 and (best is None or (_rank(c), -n) > (best[0], -best[1])):
                best = (_rank(c), n, c)
        return best[2] if best else None

    def measure(self, candidate: Action) -> Action:
        """The candidate measured: its records applied to the records of the States it
        can change, those pairs decided again, and what it fills recorded (on a copy: a
        candidate is kept for the steps that follow)."""
        candidate.build()
        action = replace(candidate, weight=0, closes=[], routes=[], fills=[], after_pairs={})
        touched = [p for where in action.reach for p in self.by_where.get(where, ())]
        if not touched:
            return action
        records = [*self.applied, *action.records]
        G = self.structure.dataset({p.where for p in touched}, records).to_networkx()
        facts = Facts.from_graph(G)
        rules = TimeRules(G, self.day, undated=self.undated)
        rule = LinkRule(facts, rules)
        after = [_decide(rule, p) for p in touched]
        after.sort(key=lambda p: (p.sort_key(), self.order[p.key]))
        gain = 0
        routes: set[str] = set()
        olds = {p.key: p for p in touched}
        for new in after:
            old = olds[new.key]
            action.after_pairs[new.key] = new
            filled = sorted(new.met - old.met)
            delta = len(new.met) - len(old.met)
            if not filled and delta <= 0:
                continue
            gain += old.weight * delta
            routes.update(old.routes)
            action.fills.append(
                {
                    "subjects": list(new.key[0]),
                    "victims": list(new.key[1]),
                    "states": list(old.states),
                    "routes": list(old.routes),
                    "criteria": filled,
                    "weight": old.weight * delta,
                    "cases": old.volume or None,
                    "newly_linked": new.linked and not old.linked,
                    "linked_before": old.linked,
                    "linked_by": [
                        str(G.nodes[a].get("label", a)) for a in old.agreements if a in G
                    ],
                }
            )
            if new.linked and not old.linked:
                action.closes.append(new.key[0])
        action.weight = gain
        action.routes = sorted(routes)
        return action


def _decide(rule: LinkRule, pair: _Pair) -> _Pair:
    """The pair decided again by ``rule`` (as :func:`unlinked_routes` decides it: the
    link, then its criteria)."""
    a, b = pair.states
    link = rule.between(a, b, pair.victims, kinds=frozenset(LinkKind), purposes=pair.purposes)
    grade = grade_pair(
        rule.index,
        a,
        b,
        pair.victims,
        pair.purposes,
        stages=link.stages,
        kinds_found=link.kinds_found,
        mode=pair.mode,
    )
    linked = link.link_kind is not LinkKind.NONE
    children = not pair.victims or bool(pair.victims & CHILD_GROUPS)
    return replace(
        pair,
        met=frozenset(grade.met),
        unmet=frozenset(grade.missing) | frozenset(grade.unknown),
        linked=linked,
        agreements=tuple(e for e in link.evidence if e.startswith(f"{NodeKind.AGREEMENT}:")),
        severity=grade.severity(linked=linked, children=children),
        legal_basis=link.link_kind is LinkKind.LEGAL_BASIS,
    )


def _when(day: dt.date) -> FuzzyDate:
    return FuzzyDate(day.year, day.month, day.day)


def _joined(net: Network, state: str, day: dt.date) -> Network:
    """``net`` with ``state`` a member from ``day`` (the record an action that joins a
    network adds)."""
    data = net.model_dump(mode="json")
    data["members"] = [*data["members"], {"country": state, "joined": str(_when(day))}]
    return Network.model_validate(data)


def _pairs_of(ends: Iterable[str], others: Iterable[str]) -> frozenset[frozenset[str]]:
    """Every pair of two different States, one in ``ends``, one in ``others``."""
    others = set(others)
    return frozenset(frozenset((a, b)) for a in set(ends) for b in others if a != b)


def _new(
    kind: str,
    states: tuple[str, ...],
    target: str | None,
    why: str,
    make: Callable[[], list[Record]],
    *,
    reach: frozenset[frozenset[str]],
    records: int = 1,
    says: tuple[str, dict[str, Any]] | None = None,
) -> Action:
    # ``why`` is worded (:meth:`Action.word`) only for the actions a plan returns
    return Action(
        kind,
        states,
        target,
        0,
        [],
        [],
        why,
        cost=ACTION_COST[kind] * (records if kind in ("focal-point", "hotline") else 1),
        scope=frozenset(states),
        reach=reach,
        make=make,
        says=says,
    )


class _Candidates:
    """What the candidates of one step are read from: the dataset's records and graph,
    indexed once (networks that are channels, multilateral agreements in effect by
    member State, mechanisms by node, local mechanisms by route end)."""

    def __init__(
        self, dataset: Dataset, G: Any, rules: TimeRules, kept: dict[Any, Any] | None = None
    ) -> None:
        self.dataset = dataset
        #: sets of States worked out from sets of States, kept from step to step (most
        #: candidates of a step are those of the step before)
        self._kept = {} if kept is None else kept
        self.rules = rules
        self.facts = facts = Facts.from_graph(G)
        self.links = LinkIndex(facts, rules)
        self.channels = [
            net
            for net in dataset.networks
            if net.node_id in G
            and rules.exists(net.node_id)
            and is_channel(facts.attrs(net.node_id))
        ]
        #: State -> multilateral agreements in effect it is a party to on the day, by
        #: position in the dataset
        self.multilateral: dict[str, dict[int, Agreement]] = defaultdict(dict)
        #: the node ids of the multilateral agreements, by position
        self.agreement_ids: dict[int, str] = {}
        self.agreements = dataset.agreements
        for n, ag in enumerate(self.agreements):
            if ag.type is not AgreementKind.MULTILATERAL:
                continue
            target = self.agreement_ids[n] = ag.node_id
            if target not in G or not rules.agreement_effect(target).holds:
                continue
            for code in facts.members_of.get(target, {}):
                if facts.is_member(code, target, rules):
                    self.multilateral[code][n] = ag
        self._parties: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
        self.mechanisms = {m.node_id: m for m in dataset.mechanisms}
        self._local: dict[tuple[str, str], list[str]] = {}
        self._reach: dict[str, set[str]] = {}
        self._regions: dict[str, frozenset[str]] = {}
        self._subregion: dict[str, str | None] = {}
        self._networks = {net.node_id: net for net in dataset.networks}
        self._member: dict[tuple[str, str], bool] = {}
        self._exists: dict[str, bool] = {}
        self._designates: dict[str, bool] = {}
        self._fp: dict[tuple[str, str], bool] = {}
        self._joins: dict[tuple[str, int], tuple[bool, FuzzyDate | None]] = {}
        self._channels: dict[str, tuple[frozenset[int], frozenset[int]]] = {}

    def network(self, target: str) -> Network | None:
        """The record of a network, by node id."""
        return self._networks.get(target)

    def exists(self, target: str) -> bool:
        """:meth:`TimeRules.exists` (once per record)."""
        if target not in self._exists:
            self._exists[target] = self.rules.exists(target)
        return self._exists[target]

    def designates_in(self, target: str) -> bool:
        """:func:`_designates_in` (once per record)."""
        if target not in self._designates:
            self._designates[target] = _designates_in(self.facts, target)
        return self._designates[target]

    def member(self, state: str, target: str) -> bool:
        """:meth:`Facts.is_member` on the day (once per State and target)."""
        key = (state, target)
        if key not in self._member:
            self._member[key] = self.facts.is_member(state, target, self.rules)
        return self._member[key]

    def has_fp(self, state: str, target: str) -> bool:
        """Whether a State has a focal point designated in ``target`` on the day (once per
        State and target)."""
        key = (state, target)
        if key not in self._fp:
            self._fp[key] = _has_fp(self.facts, state, target, self.rules)
        return self._fp[key]

    def may_join(self, state: str, n: int) -> tuple[bool, FuzzyDate | None]:
        """:func:`_may_join` (once per State and agreement)."""
        key = (state, n)
        if key not in self._joins:
            self._joins[key] = _may_join(self, state, n)
        return self._joins[key]

    def channels_of(self, state: str) -> tuple[frozenset[int], frozenset[int]]:
        """The channel networks (by position in :attr:`channels`) a State is a member of
        on the day, and those where it also has a focal point (once per State)."""
        if state not in self._channels:
            member = frozenset(
                n for n, net in enumerate(self.channels) if self.member(state, net.node_id)
            )
            with_fp = frozenset(n for n in member if self.has_fp(state, self.channels[n].node_id))
            self._channels[state] = (member, with_fp)
        return self._channels[state]

    def in_region(self, state: str, target: str, members: Iterable[str]) -> bool:
        """:func:`in_region` for ``members``, the parties or members of ``target``
        (their sub-regions looked up once per target)."""
        if target not in self._regions:
            self._regions[target] = _regions(members)
        if state not in self._subregion:
            self._subregion[state] = subregion(state)
        return _in_regions(self._subregion[state], self._regions[target])

    def kept(self, make: Callable[..., frozenset[Any]], *args: Any) -> frozenset[Any]:
        """``make(*args)``, kept for the steps that follow."""
        key = (make, *args)
        if key not in self._kept:
            self._kept[key] = make(*args)
        return self._kept[key]  # type: ignore[no-any-return]

    def members(self, target: str) -> set[str]:
        """The States recorded in a network or agreement (any date)."""
        return set(self.facts.members_of.get(target, {}))

    def network_reach(self, target: str) -> set[str]:
        """The States a change in a network can concern: its recorded members and the
        recorded parties of agreements of the network (possible parties, see
        :func:`~coordgraph.analyses.routes.possible_agreements`)."""
        if target not in self._reach:
            out = self.members(target)
            for ag, region in self.links.incomplete:
                if target in region:
                    out |= self.members(ag)
            self._reach[target] = out
        return self._reach[target]

    def accession(self, n: int) -> tuple[frozenset[str], frozenset[str]]:
        """The parties of the ``n``-th agreement, and the States whose pairs with one
        acceding to it can change: its parties and, for an agreement of a network, the
        States of the network (:meth:`network_reach`)."""
        if n not in self._parties:
            ag = self.agreements[n]
            parties = frozenset(ag.party_codes)
            others = set(parties)
            if ag.network:
                others |= self.network_reach(f"{NodeKind.NETWORK}:{ag.network}")
            self._parties[n] = (parties, frozenset(others))
        return self._parties[n]

    def local(self, place: str, state: str) -> list[str]:
        key = (place, state)
        if key not in self._local:
            # a country only routes name is not in the graph of the structure: no
            # mechanism is recorded there
            self._local[key] = (
                self.links.local_mechanisms(place, state) if place in self.facts.G else []
            )
        return self._local[key]


#: a candidate as the routes of one pair of States give it: its key (kind, States,
#: network or agreement) and how to make it on a step's indexes (``make(index, *args)``)
_Key = tuple[str, tuple[str, ...], str | None]
_Spec = tuple[_Key, Callable[..., Action], tuple[Any, ...]]


class _Menu:
    """The candidates of each step of a plan.

    The candidates the route pairs of two States give are kept from step to step and
    made again only for the pairs of States the chosen action can change: those whose
    route pairs it changed, and those with a State recorded next to one of its records
    (:func:`_near`) before or after it is applied. Every pair's are made again when
    the action changes which records are incomplete or which networks are channels,
    or touches a record that amends or replaces another (and when not ``incremental``).
    A candidate two pairs of States give is the first pair's, in the order of the
    pairs, as when they are all made again.
    """

    def __init__(self, kinds: set[str], incremental: bool = True) -> None:
        self.kinds = kinds
        self.incremental = incremental
        #: per pair of States (in code order): its route pairs and the candidates they give
        self.specs: dict[tuple[str, str], tuple[list[_Pair], list[_Spec]]] = {}
        #: the candidate made of each key, and the spec it was made from (made again
        #: when another spec gives the key first)
        self.made: dict[_Key, tuple[_Spec, Action]] = {}
        #: the indexes of the last step, and the action chosen at it
        self.last: _Candidates | None = None
        self.chosen: Action | None = None

    def candidates(self, index: _Candidates, pairs: _Pairs) -> list[Action]:
        """Every candidate of the step, each once (the first made wins)."""
        changed = self._changed(index)
        by_states: dict[tuple[str, str], list[_Pair]] = defaultdict(list)
        for p in pairs.values():
            by_states[(min(p.states), max(p.states))].append(p)
        everyone = {state for p in pairs.values() for state in p.states}
        out: dict[_Key, Action] = {}
        for (a, b), group in sorted(by_states.items()):
            kept = self.specs.get((a, b))
            touched = changed is None or not changed.isdisjoint((a, b))
            if kept is None or touched or kept[0] != group:
                kept = (group, _specs(index, a, b, group, self.kinds, everyone))
                self.specs[(a, b)] = kept
            for spec in kept[1]:
                if spec[0] not in out:
                    out[spec[0]] = self._made(index, spec)
        if "provisions" in self.kinds:
            for action in _amendments(index, pairs):
                out.setdefault((action.kind, action.states, action.network), action)
        self.last, self.chosen = index, None
        return list(out.values())

    def _made(self, index: _Candidates, spec: _Spec) -> Action:
        """The candidate of a spec: the one made at an earlier step when it is the same
        spec (its pair of States was not made again), else made now."""
        made = self.made.get(spec[0])
        if made is None or made[0] is not spec:
            key, make, args = spec
            made = self.made[key] = (spec, make(index, *args))
        return made[1]

    def _changed(self, index: _Candidates) -> set[str] | None:
        """The States whose pairs may give other candidates now that the action chosen at
        the last step is applied (``None``: any)."""
        before, chosen = self.last, self.chosen
        if not self.incremental or before is None or chosen is None:
            return None
        if (before.links.incomplete, before.links.incomplete_networks) != (
            index.links.incomplete,
            index.links.incomplete_networks,
        ):
            return None
        if [n.node_id for n in before.channels] != [n.node_id for n in index.channels]:
            return None
        out = set(chosen.scope) | set(chosen.states)
        for record in chosen.records:
            for facts in (before.facts, index.facts):
                near = _near(facts, record.node_id)
                if near is None:
                    return None
                out |= near
        return out


def _near(facts: Facts, node: str) -> set[str] | None:
    """The States recorded next to a node of the structure: the States (and States of
    areas) it is linked to, and those of the records it is linked to (the members of a
    network, the parties of its agreements and the States of their focal points);
    ``None`` when it amends or replaces a record, or a record it (then what it decides
    reaches further). Sources are not followed (every record cites one)."""
    G = facts.G
    if node not in G:
        return set()
    out: set[str] = set()
    if any(
        key in (Relation.AMENDS, Relation.REPLACES)
        for edges in (G.succ[node], G.pred[node])
        for keys in edges.values()
        for key in keys
    ):
        return None
    for v in {*G.succ[node], *G.pred[node]}:
        kind = G.nodes[v].get("kind")
        if kind in (NodeKind.COUNTRY, NodeKind.AREA):
            out |= _state_at(facts, v)
        elif kind != NodeKind.SOURCE:
            for w in {*G.succ[v], *G.pred[v]}:
                out |= _state_at(facts, w)
    return out


def _state_at(facts: Facts, node: str) -> set[str]:
    """The State a country or area node is (or is in); none for another node."""
    kind = facts.G.nodes[node].get("kind")
    if kind == NodeKind.COUNTRY:
        return {node.partition(":")[2]}
    if kind == NodeKind.AREA and node in facts.area_country:
        return {facts.area_country[node]}
    return set()


def _specs(
    index: _Candidates,
    a: str,
    b: str,
    group: list[_Pair],
    kinds: set[str],
    everyone: set[str],
) -> list[_Spec]:
    """The candidates the route pairs of States ``a`` and ``b`` give, in order."""
    rules = index.rules
    out: list[_Spec] = []
    unmet = frozenset().union(*(p.unmet for p in group))
    legal = _legal_basis_only(index.facts, rules, group)
    # bound by a legal basis only: an arrangement under it, not a new treaty (an
    # online pair still needs an agreement on data access)
    if legal and "data_access" not in unmet:
        if "arrangement" in kinds and unmet:
            out.append((("arrangement", (a, b), None), _arrangement, (a, b, group, legal)))
    elif "agreement" in kinds and unmet & (_AGREEMENT_GAPS | {"data_access"}):
        out.append((("agreement", (a, b), None), _new_agreement, (a, b, group)))
    if "hotline" in kinds and REPORTING_CHANNEL in unmet:
        out += _hotlines(index, (a, b), everyone)
    if "database" in kinds and LAW_ENFORCEMENT_CHANNEL in unmet:
        out += _databases(index, a, b, everyone)
    if "operational_channel" in unmet:
        if "focal-point" in kinds:
            out += _designations(index, a, b)
        if "membership" in kinds:
            out += _memberships(index, a, b)
        if "local-link" in kinds and _local_ends(index, group, a, b):
            out.append((("local-link", (a, b), None), _local_link, (group, a, b)))
    if "join" in kinds and unmet & _AGREEMENT_GAPS:
        out += _accessions(index, a, b)
    return out


def in_region(state: str, members: Iterable[str]) -> bool:
    """Whether ``state`` may be proposed to join a body whose parties or members are
    ``members``: it lies in the sub-region of one of them (countryinfo's sub-regions).
    The sources record no eligibility of an agreement or network, so the region of its
    members stands for it; a State or members of no known sub-region pass."""
    return _in_regions(subregion(state), _regions(members))


def _regions(members: Iterable[str]) -> frozenset[str]:
    """The sub-regions of ``members`` (those of no known sub-region left out)."""
    return frozenset(r for m in members if (r := subregion(m)) is not None)


def _in_regions(mine: str | None, theirs: frozenset[str]) -> bool:
    return mine is None or not theirs or mine in theirs


def _new_agreement(index: _Candidates, a: str, b: str, group: list[_Pair]) -> Action:
    day = index.rules.as_of
    children = any(p.children for p in group)
    only_children = all(set(p.key[1]) <= CHILD_GROUPS for p in group)
    provisions: list[str] = []
    if any(p.mode != "online" for p in group):
        provisions += ["return_procedure", "victim_assistance"]
        if children:
            provisions += ["guardianship", "individual_case_assessment"]
    if any(p.mode != "physical" for p in group):
        # online routes: access to data and mutual legal assistance, not return
        provisions += ["information_exchange", "joint_investigation"]

    def make() -> list[Record]:
        return [
            Agreement(
                id=f"plan-{a}-{b}",
                name=f"proposed {a}-{b} agreement",
                type="bilateral",
                parties=[a, b],
                in_force=_when(day),
                scope="children" if only_children else "all_persons",
                exploitation=["all"],
                provisions=provisions,
                notes=_HYPOTHETICAL,
            )
        ]

    scope = "children" if only_children else "all_persons"
    return _new(
        "agreement",
        (a, b),
        None,
        "",
        make,
        reach=frozenset({frozenset((a, b))}),
        says=(
            "plan.agreement",
            {"a": (a,), "b": (b,), "scope": (scope,), "provisions": tuple(provisions)},
        ),
    )


def _legal(facts: Facts, node: str) -> bool:
    return agreement_link_kind(facts.attrs(node)) is LinkKind.LEGAL_BASIS


def _legal_basis_only(facts: Facts, rules: TimeRules, group: list[_Pair]) -> list[str]:
    """The legal bases that bind both States of the group on the day, when nothing
    operational links its pairs (empty otherwise; an instrument named only as a near
    miss, such as one State's accession still to come, is left out)."""
    if not all(p.legal_basis for p in group):
        return []
    a, b = group[0].states
    return sorted(
        {
            ag
            for p in group
            for ag in p.agreements
            if _legal(facts, ag) and facts.is_member(a, ag, rules) and facts.is_member(b, ag, rules)
        }
    )


def _arrangement(
    index: _Candidates, a: str, b: str, group: list[_Pair], legal: list[str]
) -> Action:
    """An operational arrangement under the legal basis that binds both States: an MoU
    naming focal points at both ends, with a return procedure and (child routes)
    guardianship and individual case assessment."""
    day = index.rules.as_of
    children = any(p.children for p in group)
    provisions = ["focal_points", "return_procedure", "victim_assistance"]
    if children:
        provisions += ["guardianship", "individual_case_assessment"]
    ag_id = f"plan-{a}-{b}"

    def make() -> list[Record]:
        mou = Agreement(
            id=ag_id,
            name=f"proposed {a}-{b} operational arrangement",
            type="bilateral",
            form="mou",
            parties=[a, b],
            signed=_when(day),
            scope="all_persons",
            exploitation=["all"],
            provisions=provisions,
            requires_focal_point=True,
            notes=_HYPOTHETICAL,
        )
        fps = [_focal_point(c, f"{NodeKind.AGREEMENT}:{ag_id}", day) for c in (a, b)]
        return [mou, *fps]

    names = ", ".join(ag.partition(":")[2] for ag in legal)
    return _new(
        "arrangement",
        (a, b),
        None,
        f"{a} and {b}, both bound by {names} (a legal basis only), sign an operational "
        f"arrangement under {'it' if len(legal) == 1 else 'them'}: focal points at both ends, "
        f"{', '.join(provisions[1:]).replace('_', ' ')} (an MoU, not a new treaty)",
        make,
        reach=frozenset({frozenset((a, b))}),
    )


def _hotlines(index: _Candidates, states: tuple[str, str], everyone: set[str]) -> list[_Spec]:
    """Reporting hotlines set up, together, in the States of an online pair that have
    none (a reporting channel needs one at each end)."""
    lacking = tuple(
        s for s in states if not channel_holders(index.facts, index.rules, s, REPORTING_CHANNEL)
    )
    if not lacking:
        return []
    return [(("hotline", lacking, None), _hotline, (lacking, states, everyone))]


def _hotline(
    index: _Candidates, lacking: tuple[str, ...], states: tuple[str, str], everyone: set[str]
) -> Action:
    day = index.rules.as_of

    def make() -> list[Record]:
        return [
            Mechanism(
                id=f"plan-hotline-{me}",
                name=f"proposed reporting hotline ({me})",
                type="hotline",
                level="national",
                country=me,
                valid_from=_when(day),
                notes=_HYPOTHETICAL,
            )
            for me in lacking
        ]

    action = _new(
        "hotline",
        lacking,
        None,
        "",
        make,
        reach=_pairs_of(lacking, everyone),
        records=len(lacking),
        says=(
            "plan.hotline.one" if len(lacking) == 1 else "plan.hotline.many",
            {"states": tuple(lacking)},
        ),
    )
    action.scope = frozenset(states)
    return action


def _databases(index: _Candidates, a: str, b: str, everyone: set[str]) -> list[_Spec]:
    """A State of an online pair joins a law-enforcement database the other end is
    connected to (one the dataset records)."""
    facts, rules = index.facts, index.rules
    out: list[_Spec] = []
    for me, other in ((a, b), (b, a)):
        if channel_holders(facts, rules, me, LAW_ENFORCEMENT_CHANNEL):
            continue
        for target in channel_holders(facts, rules, other, LAW_ENFORCEMENT_CHANNEL):
            if index.network(target) is not None:
                out.append((("database", (me,), target), _database, (me, other, target, everyone)))
    return out


def _database(index: _Candidates, me: str, other: str, target: str, everyone: set[str]) -> Action:
    net = index.network(target)
    assert net is not None
    day = index.rules.as_of

    def make() -> list[Record]:
        return [_joined(net, me, day)]

    action = _new(
        "database",
        (me,),
        target,
        "",
        make,
        reach=_pairs_of((me,), everyone),
        says=("plan.database", {"other": (other,), "me": (me,), "name": net.label}),
    )
    action.target_name = net.label
    return action


def _shared(index: _Candidates, a: str, b: str) -> list[str]:
    """The networks and agreements both States are in on the day, in id order."""
    return sorted(
        t
        for t in index.links.held(a) & index.links.held(b)
        if index.exists(t) and index.member(a, t) and index.member(b, t)
    )


def _has_fp(facts: Facts, state: str, target: str, rules: TimeRules) -> bool:
    return any(facts.designated(fp, rules) for fp in facts.focal_points_for(state, target))


def _focal_point(state: str, target: str, day: dt.date) -> FocalPoint:
    kind, _, rid = target.partition(":")
    where = {"network": rid} if kind == NodeKind.NETWORK else {"agreement": rid}
    return FocalPoint(
        id=f"plan-fp-{state}-{rid}",
        country=state,
        valid_from=_when(day),
        notes=_HYPOTHETICAL,
        **where,
    )


def _designations(index: _Candidates, a: str, b: str) -> list[_Spec]:
    out: list[_Spec] = []
    for target in _shared(index, a, b):
        if not index.designates_in(target):
            continue
        lacking = tuple(c for c in (a, b) if not index.has_fp(c, target))
        if lacking:
            out.append((("focal-point", lacking, target), _designation_in, (a, b, lacking, target)))
    return out


def _designates_in(facts: Facts, target: str) -> bool:
    """Whether focal points are designated in a network or agreement: not in a project
    or programme (not a channel), nor in a legal basis (the Palermo protocol)."""
    attrs = facts.attrs(target)
    if attrs.get("kind") == NodeKind.NETWORK and not is_channel(attrs):
        return False
    return not (attrs.get("kind") == NodeKind.AGREEMENT and _legal(facts, target))


def _designation_in(
    index: _Candidates, a: str, b: str, lacking: tuple[str, ...], target: str
) -> Action:
    """The States of ``lacking`` designate focal points in ``target``."""
    day = index.rules.as_of
    name = str(index.facts.attrs(target).get("label", target))

    def make() -> list[Record]:
        return [_focal_point(c, target, day) for c in lacking]

    action = _new(
        "focal-point",
        lacking,
        target,
        "",
        make,
        reach=_pairs_of(lacking, index.members(target)),
        records=len(lacking),
        says=(
            "plan.focal_point.one" if len(lacking) == 1 else "plan.focal_point.many",
            {"states": lacking, "name": name, "a": (a,), "b": (b,)},
        ),
    )
    action.target_name = name
    return action


def _memberships(index: _Candidates, a: str, b: str) -> list[_Spec]:
    """One State joins a channel network where the other is a member with a focal point
    (in the order of the networks, ``a`` first)."""
    out: list[_Spec] = []
    in_a, fp_a = index.channels_of(a)
    in_b, fp_b = index.channels_of(b)
    for n in sorted(fp_a | fp_b):
        target = index.channels[n].node_id
        for me, other, mine, theirs in ((a, b, in_a, fp_b), (b, a, in_b, fp_a)):
            if n in mine or n not in theirs:
                continue
            if not index.in_region(me, target, index.members(target)):
                continue
            out.append((("membership", (me,), target), _membership, (target, me, other)))
    return out


def _membership(index: _Candidates, target: str, me: str, other: str) -> Action:
    """``me`` joins network ``target``, where ``other`` has a focal point, and designates
    one."""
    net = index.network(target)
    assert net is not None
    day = index.rules.as_of

    def make() -> list[Record]:
        return [_joined(net, me, day), _focal_point(me, target, day)]

    action = _new(
        "membership",
        (me,),
        target,
        "",
        make,
        reach=_pairs_of((me,), index.network_reach(target) | {other}),
        says=("plan.membership", {"other": (other,), "me": (me,), "name": net.label}),
    )
    action.scope = frozenset((me, other))
    action.target_name = net.label
    return action


def _accessions(index: _Candidates, a: str, b: str) -> list[_Spec]:
    """One State accedes to a multilateral agreement in effect the other is party to (in
    the order of the agreements, ``a`` first; whether it may, once per State and
    agreement)."""
    out: list[_Spec] = []
    mine, theirs = index.multilateral.get(a, {}), index.multilateral.get(b, {})
    for n in sorted(mine.keys() | theirs.keys()):
        for me, other in ((a, b), (b, a)):
            if n not in (theirs if other == b else mine):
                continue
            joins, later = index.may_join(me, n)
            if joins:
                target = index.agreement_ids[n]
                out.append((("join", (me,), target), _accession, (n, me, other, later)))
    return out


def _accession(index: _Candidates, n: int, me: str, other: str, later: FuzzyDate | None) -> Action:
    """``me`` accedes to the ``n``-th agreement, to which ``other`` is party."""
    ag = index.agreements[n]
    parties, others = index.accession(n)
    day = index.rules.as_of

    def make() -> list[Record]:
        data = ag.model_dump(mode="json")
        when = str(_when(day))
        data["parties"] = [
            *(p for p in data["parties"] if p["country"] != me),
            {"country": me, "signed": when, "ratified": when},
        ]
        return [Agreement.model_validate(data)]

    words = {"me": (me,), "other": (other,), "name": ag.label}
    action = _new(
        "join",
        (me,),
        ag.node_id,
        "",
        make,
        says=("plan.join", words)
        if later is None
        else ("plan.join_later", {**words, "day": str(later)}),
        # only the pairs of the acceding State change
        reach=index.kept(_pairs_of, (me,), others),
    )
    action.scope = index.kept(frozenset.union, parties, (me,))
    action.target_name = ag.label
    return action


def _may_join(index: _Candidates, me: str, n: int) -> tuple[bool, FuzzyDate | None]:
    """Whether a State may be proposed to accede to the ``n``-th agreement (a
    multilateral agreement in effect), and the date it is recorded to become a party
    when that is after the day asked."""
    ag = index.agreements[n]
    target = index.agreement_ids[n]
    parties, _ = index.accession(n)
    # a State recorded as a party from a later date is proposed to accede by the
    # date asked, and the plan says when it is recorded to; one recorded with no
    # such date (a party, withdrawn, or known only by a bound) or that may be an
    # unrecorded party of an incomplete list is not: whether it is one is open
    later = _later_party(index, target, me)
    if later is None and (me in parties or not recorded_complete(index.facts, target)):
        return False, None
    if not index.in_region(me, f"parties:{target}", parties):
        return False, None
    if ag.network and _legal(index.facts, target):
        region = f"{NodeKind.NETWORK}:{ag.network}"
        if not index.facts.is_member(me, region, index.rules):
            return False, None  # a regional convention is for its region (CETS 197: Europe)
    return True, later


def _later_party(index: _Candidates, target: str, me: str) -> FuzzyDate | None:
    """The date a State is recorded to become a party to an agreement, when that is
    after the day asked (``None`` otherwise, and for a date known only by its bound)."""
    rules = index.rules
    link = index.facts.member_link(me, target)
    if link is None or rules.bound_pending(link) or rules.is_member(link, target)[0]:
        return None
    first, _ = rules.member_from(link)
    if first is None or first.before or first.started_by(rules.as_of):
        return None
    return first


def _local_ends(index: _Candidates, group: list[_Pair], a: str, b: str) -> tuple[str, str] | None:
    """The local mechanisms, one at each end of the route pairs of ``a`` and ``b``, that
    a local link would join (none when either State has none there)."""
    ends: dict[str, list[str]] = {a: [], b: []}
    for p in group:
        for place, state in zip(p.key[0], p.states, strict=True):
            if state in ends:
                ends[state] += index.local(place, state)
    if not (ends[a] and ends[b]):
        return None
    return sorted(ends[a])[0], sorted(ends[b])[0]


def _local_link(index: _Candidates, group: list[_Pair], a: str, b: str) -> Action:
    ends = _local_ends(index, group, a, b)
    assert ends is not None
    u, v = ends
    mech = index.mechanisms[u]

    def make() -> list[Record]:
        data = mech.model_dump(mode="json")
        data["coordinates_with"] = [*data.get("coordinates_with", []), v.partition(":")[2]]
        return [Mechanism.model_validate(data)]

    return _new(
        "local-link",
        (a, b),
        None,
        "",
        make,
        reach=frozenset({frozenset((a, b))}),
        says=(
            "plan.local_link",
            {"body": mech.label, "body2": str(index.facts.attrs(v).get("label", v))},
        ),
    )


def _amendments(index: _Candidates, pairs: _Pairs) -> list[Action]:
    needs: dict[str, set[str]] = defaultdict(set)
    for p in pairs.values():
        if p.legal_basis:
            continue  # no operational agreement to amend: see _arrangement
        for ag in p.agreements:
            if "child_specific_provisions" in p.unmet:
                needs[ag] |= {"guardianship", "individual_case_assessment"}
            if "return_procedure" in p.unmet:
                needs[ag].add("return_procedure")
            if "exploitation_covered" in p.unmet:
                needs[ag].add("all_forms")
    out = []
    by_id = {ag.node_id: ag for ag in index.dataset.agreements}
    for node, wanted in sorted(needs.items()):
        record = by_id.get(node)
        if record is None or _legal(index.facts, node):
            continue  # a legal basis (the Palermo protocol) is not amended for a region

        def make(record: Agreement = record, wanted: set[str] = wanted) -> list[Record]:
            data = record.model_dump(mode="json")
            have = [str(x) for x in data.get("provisions", [])]
            if "all_forms" in wanted:
                data["exploitation"] = ["all"]
            data["provisions"] = have + sorted(wanted - set(have) - {"all_forms"})
            return [Agreement.model_validate(data)]

        unchecked = not record.provisions or not record.exploitation
        out.append(
            _new(
                "provisions",
                record.party_codes,
                node,
                "",
                make,
                reach=_pairs_of(record.party_codes, record.party_codes),
                says=(
                    "plan.provisions.unchecked" if unchecked else "plan.provisions",
                    {"name": record.label, "provisions": tuple(sorted(wanted))},
                ),
            )
        )
        out[-1].target_name = record.label
    return out


def whatif(
    dataset: Dataset,
    records: Iterable[Record],
    *,
    as_of: dt.date | str | None = None,
    undated: Undated | str = Undated.ATTESTED,
) -> dict[str, list[Finding]]:
    """Findings of all three analyses before and after adding hypothetical records.

    Nothing is written: the dataset on disk is not touched.
    """
    from coordgraph.validate import validate_dataset

    after_ds = dataset.with_records(records)
    validate_dataset(after_ds)
    day = dataset.day_asked(as_of)
    return {
        "before": find_gaps(dataset.to_networkx(), as_of=day, undated=undated),
        "after": find_gaps(after_ds.to_networkx(), as_of=day, undated=undated),
    }


def timeline(
    dataset: Dataset, *, start: int, end: int, undated: Undated | str = Undated.ATTESTED
) -> list[dict[str, Any]]:
    """Per year: the share of route pairs (and of volume) linked by each kind of link,
    duplicate pairs, members missing focal points, and agreements taking effect.

    Each year is read on 31 December with the date rules of :mod:`coordgraph.time_rules`:
    only routes observed by then count, and an agreement takes effect in the year its
    entry into force (else signature, else earliest dated source) falls in. A year with
    no route pair has no share to give: ``linked_share`` is ``None`` and the shares by
    link are empty. ``linked_share`` counts operational links: a pair linked by a legal
    basis only (``legal_basis``) has its own share and is not counted as linked.
    """
    from coordgraph.analyses.context import Context

    G = dataset.to_networkx()
    rows = []
    # the graph's indexes built once; each year's date rules shared by its analyses
    base = Context.of(G, as_of=dt.date(start, 12, 31), undated=undated)
    effect = _taking_effect(dataset, base.rules)
    for year in range(start, end + 1):
        day = dt.date(year, 12, 31)
        ctx = base if year == start else base.on(day)
        routes = [
            f
            for f in unlinked_routes(G, as_of=day, undated=undated, context=ctx)
            if f.kind in (FindingKind.ROUTE_LINKED, FindingKind.ROUTE_UNLINKED)
        ]
        total = len(routes) or 1
        volume = sum(f.volume or 0 for f in routes) or 0
        share: dict[str, float] = defaultdict(float)
        vshare: dict[str, float] = defaultdict(float)
        for f in routes:
            k = str(f.link_kind or LinkKind.NONE)
            share[k] += 1 / total
            if volume:
                vshare[k] += (f.volume or 0) / volume
        events = sorted(effect.get(year, ()))
        rows.append(
            {
                "year": year,
                "route_pairs": len(routes),
                # a year with no route pair has no share: blank, never 100 % linked
                "linked_share": (
                    round(1 - share.get("none", 0.0) - share.get("legal_basis", 0.0), 4)
                    if routes
                    else None
                ),
                "share_by_link": {k: round(v, 4) for k, v in sorted(share.items())},
                "volume_share_by_link": {k: round(v, 4) for k, v in sorted(vshare.items())},
                "duplicate_pairs": len(
                    duplicated_mechanisms(G, as_of=day, undated=undated, context=ctx)
                ),
                "missing_focal_points": sum(
                    1
                    for f in missing_focal_points(G, as_of=day, undated=undated, context=ctx)
                    if f.kind is FindingKind.MEMBER_WITHOUT_FOCAL_POINT
                ),
                "agreements_taking_effect": events,
            }
        )
    return rows


def _taking_effect(dataset: Dataset, rules: TimeRules) -> dict[int | None, list[str]]:
    """The names of the dataset's agreements by the year each takes effect
    (:meth:`~coordgraph.time_rules.TimeRules.takes_effect`: from its records, whatever
    the day asked), asked once for the whole timeline."""
    out: dict[int | None, list[str]] = defaultdict(list)
    for a in dataset.agreements:
        out[rules.takes_effect(a.node_id)].append(a.label)
    return out


def plot_timeline(rows: list[dict[str, Any]], **kwargs: Any) -> tuple[Any, Any]:
    """Draw :func:`timeline` rows; see :func:`coordgraph.render.timeline.plot_timeline`."""
    from coordgraph.render.timeline import plot_timeline as draw

    return draw(rows, **kwargs)


# ----------------------------------------------------------------------------- structures

#: rough effort of setting up an expected structure, in the units of :data:`ACTION_COST`:
#: designating an office (a focal point, a hotline, a connection to a database, a
#: reporting channel) 1; a body that needs a mandate (a rapporteur, a referral
#: mechanism, a coordinating body) or a plan of action 2
DESIGNATE_COST = {
    "focal_point": 1,
    "agency": 1,
    "connection": 1,
    "reports_from": 1,
    "mechanism": 2,
    "plan": 2,
}
#: the structure findings a designation answers: none recorded (a data gap), recorded
#: absent or not working (policy gaps)
_TO_DESIGNATE = (
    "structures.not_recorded",
    "structures.recorded_absent",
    "structures.not_working",
    # a rapporteur that is the coordinating body: an independent one is set up beside it
    "structures.not_independent",
)


def designate_actions(
    dataset: Dataset,
    *,
    as_of: dt.date | str | None = None,
    top: int = 5,
    undated: Undated | str = Undated.ATTESTED,
    graph: Any = None,
    found: Iterable[Finding] | None = None,
) -> list[Action]:
    """Designating a structure a State is expected to have and lacks on the day (a
    rapporteur, a helpline, a focal point for other States, a referral mechanism: the
    ``structure_missing`` findings of :func:`~coordgraph.analyses.structure_gaps`), the
    ``top`` first: those the sources say are missing, not working or not independent
    (policy gaps) before those not recorded, then those that fill the most
    expectations (a structure and a profile that expects it) per unit of cost
    (:data:`DESIGNATE_COST`), then the States with the most route weight (recorded
    cases, else routes). One action sets up a structure that
    also shows the others it covers (a national referral mechanism with a procedure for
    children is a national referral mechanism). ``graph`` and ``found`` are as for
    :func:`plan_actions` (the route weights are read from ``found``)."""
    from coordgraph.analyses.structures import structure_gaps

    day = dataset.day_asked(as_of)
    G = dataset.to_networkx() if graph is None else graph
    lacking: dict[str, dict[str, Finding]] = defaultdict(dict)
    for f in structure_gaps(G, as_of=day, undated=undated):
        if f.rule in _TO_DESIGNATE:
            for name in f.details.get("structures") or [f.details["structure"]]:
                lacking[str(f.details["states"][0])][str(name)] = f
    weight = _state_weights(G, day, undated, found)
    ranked = []
    for state, structures in lacking.items():
        routes = weight.get(state, (0, ()))
        for name, covered in _covering(structures).items():
            action = _designation(G, state, name, covered, list(routes[1]))
            said = any(f.gap_type is not None and f.gap_type.value == "policy" for _, f in covered)
            key = (int(said), action.per_cost, routes[0], (state,), name)
            ranked.append((key, action))
    ranked.sort(key=lambda x: x[0], reverse=True)
    return [a for _, a in ranked[:top]]


def _covering(found: dict[str, Finding]) -> dict[str, list[tuple[str, Finding]]]:
    """The structures to set up in one State, each with those it also shows: a record
    that shows ``a`` shows ``b`` when it is shown the same way, by a type and at a level
    ``b`` accepts, with all ``b`` requires; the structures a record not working fails
    are one action (make it work, or replace it)."""
    from coordgraph.expectations import default_structures

    known = default_structures()

    def shows(a: str, b: str) -> bool:
        sa, sb = known.get(a), known.get(b)
        if sa is None or sb is None or sa.shown_by != sb.shown_by:
            return False
        return (
            set(sa.types) <= set(sb.types)
            and (not sb.levels or set(sa.levels) <= set(sb.levels))
            and set(sa.agency_types) <= set(sb.agency_types)
            and sa.function == sb.function
            and set(sb.requires) <= set(sa.requires)
        )

    def specific(n: str) -> tuple[int, int, str]:  # most required, fewest types first
        s = known.get(n)
        return (-len(s.requires), len(s.types), n) if s else (0, 0, n)

    names = sorted(found, key=specific)
    out: dict[str, list[tuple[str, Finding]]] = {}
    taken: set[str] = set()
    # a record recorded as not working: making it work answers every structure it fails
    for a in names:
        f = found[a]
        if a not in taken and f.rule == "structures.not_working":
            out[a] = [(b, found[b]) for b in names if found[b] is f]
            taken.update(b for b, _ in out[a])
    for a in names:
        if a in taken:
            continue
        out[a] = [(b, found[b]) for b in names if b not in taken and (b == a or shows(a, b))]
        taken.update(b for b, _ in out[a])
    return out


def _state_weights(
    G: Any, day: dt.date, undated: Undated | str, found: Iterable[Finding] | None = None
) -> dict[str, tuple[int, tuple[str, ...]]]:
    """Per State, the weight of the cross-border route pairs it is an end of (recorded
    cases, else routes) and those routes."""
    weight: dict[str, int] = defaultdict(int)
    routes: dict[str, list[str]] = defaultdict(list)
    seen: dict[str, set[str]] = defaultdict(set)
    for p in _pairs(G, day, False, undated, found=found).values():
        for state in p.states:
            weight[state] += p.weight
            new = [r for r in p.routes if r not in seen[state]]
            routes[state] += new
            seen[state].update(new)
    return {state: (w, tuple(routes[state])) for state, w in weight.items()}


def _designation(
    G: Any,
    state: str,
    name: str,
    covered: list[tuple[str, Finding]],
    routes: list[str],
) -> Action:
    """The action that sets up ``name`` in ``state``, filling every expectation of the
    structures it covers (each with the profiles that expect it, and what the records
    say today)."""
    from coordgraph.expectations import default_structures

    structure = default_structures().get(name)
    fills = [
        {
            "structure": b,
            "expected": _expected_label(f, b),
            "profiles": _expected_by(f, b),
            "status": str(f.details["status"]),
            "lacks": list(f.criteria_missing),
            "gap_type": str(f.gap_type) if f.gap_type else None,
            "basis": f.details.get("absence_basis"),
            "sources": list(f.sources),
        }
        for b, f in covered
    ]
    label = _expected_label(covered[0][1], name)
    return Action(
        "designate",
        (state,),
        None,
        sum(len(_expected_by(f, b)) for b, f in covered),  # the expectations it fills
        [],
        routes,
        f"{state} sets up {label}",
        cost=DESIGNATE_COST.get(structure.shown_by if structure else "", 2),
        fills=fills,
        says=_designation_says(G, state, label, covered[0][1]),
    )


def _designation_says(G: Any, state: str, label: str, f: Finding) -> tuple[str, dict[str, Any]]:
    """Why: the sources say it lacks one, its record is not working (make it work, or
    replace it), the one recorded is the coordinating body (set up one apart from it),
    or none is recorded (set one up, or record the one it has)."""
    status = str(f.details["status"])
    if status in ("not_working", "incomplete"):
        node = f.evidence[0] if f.evidence else ""
        name = str(G.nodes[node].get("label", node)) if node in G else node
        said = {"me": (state,), "name": name, "structure": label}
        key = "plan.designate.revive" if status == "not_working" else "plan.designate.apart"
        return key, said
    key = "plan.designate" if status == "recorded_absent" else "plan.designate.unrecorded"
    return key, {"me": (state,), "structure": label}


def _expected_by(f: Finding, name: str) -> list[str]:
    """The profiles that expect structure ``name`` (a finding about a record not working
    names several structures, each with its own)."""
    names = list(f.details.get("structures") or [f.details["structure"]])
    each = f.details.get("profiles_each")
    if each and name in names:
        return [str(p) for p in each[names.index(name)]]
    return [str(p) for p in f.details["profiles"]]


def _expected_label(f: Finding, name: str) -> str:
    names = list(f.details.get("structures") or [f.details["structure"]])
    labels = list(f.details.get("expected_each") or [f.details["expected"]])
    return str(labels[names.index(name)]) if name in names else str(f.details["expected"])
