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
  and, for child routes, guardianship and individual case assessment; cost 4.

The value of a plan is the route weight times the criteria met, summed over pairs; an
action's gain is measured, not estimated: its hypothetical records are added to the
dataset in memory and the route analysis is rerun on the States concerned. Selection is
greedy on gain per unit of cost: each next action starts from the dataset with the
earlier ones applied. Weight is the recorded route volume, or the number of routes
where none is recorded.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from coordgraph.analyses import (
    duplicated_mechanisms,
    find_gaps,
    missing_focal_points,
    unlinked_routes,
)
from coordgraph.analyses.links import LinkIndex, is_channel
from coordgraph.dataset import Dataset
from coordgraph.dates import FuzzyDate, parse_as_of
from coordgraph.findings import Finding, FindingKind, LinkKind
from coordgraph.lookup import CHILD_GROUPS, Facts
from coordgraph.model import (
    AREA_PREFIX,
    Agreement,
    Area,
    FocalPoint,
    Mechanism,
    Network,
    Record,
    Route,
    place_kind,
)
from coordgraph.routes.table import RouteTable, stops_column
from coordgraph.time_rules import TimeRules, Undated
from coordgraph.vocab import AgreementKind, NodeKind

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

ACTIONS = ("local-link", "focal-point", "membership", "provisions", "join", "agreement")
#: rough effort: an administrative act 1, one treaty step (amendment, accession) 2,
#: negotiating, signing and bringing into force a new bilateral agreement 4
ACTION_COST = {
    "local-link": 1,
    "focal-point": 1,
    "membership": 2,
    "provisions": 2,
    "join": 2,
    "agreement": 4,
}
_AGREEMENT_GAPS = frozenset(
    {"in_force", "victims_covered", "exploitation_covered", "child_specific_provisions"}
)
_HYPOTHETICAL = "hypothetical (coordgraph plan)"


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
            "newly_linked_weight": sum(f["weight"] for f in self.fills if f["newly_linked"]),
            "fills": self.fills,
            "closes": [list(s) for s in self.closes],
            "routes": self.routes,
            "why": self.why,
        }


def _pairs(
    G: Any,
    day: dt.date,
    children_only: bool,
    undated: Undated | str,
    countries: Iterable[str] | None = None,
) -> dict[tuple[tuple[str, ...], tuple[str, ...]], _Pair]:
    out = {}
    for f in unlinked_routes(
        G, as_of=day, children_only=children_only, countries=countries, undated=undated
    ):
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
    day = parse_as_of(as_of)
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
    _all: bool = False,
) -> list[Action]:
    """The ``top`` actions, chosen greedily, that fill the most link criteria (weighted
    by route volume) per unit of cost; each says what it fills for which routes.

    Gaps, members and focal points are read on ``as_of`` with the date rules of
    :mod:`coordgraph.time_rules`, exactly as ``gaps`` reads them.
    """
    day = parse_as_of(as_of)
    kinds = set(actions)
    unknown = kinds - set(ACTIONS)
    if unknown:
        raise ValueError(f"unknown action {sorted(unknown)[0]!r}; choose from {', '.join(ACTIONS)}")
    current = dataset
    chosen: list[Action] = []
    while len(chosen) < top:
        G = current.to_networkx()
        pairs = _pairs(G, day, children_only, undated)
        rules = TimeRules(G, day, undated=undated)
        candidates = _candidates(current, G, pairs, rules, kinds)
        routes = _RoutesByState(current)
        for c in candidates:
            _measure(routes.keep(current, c.scope), c, pairs, day, children_only, undated)
        candidates = [c for c in candidates if c.weight > 0]
        if _all:
            return candidates
        if not candidates:
            break
        best = max(candidates, key=_rank)
        chosen.append(best)
        current = current.with_records(best.records)
    return chosen


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


class _RoutesByState:
    """The routes that touch each State, so that an action is measured on a dataset with
    only the routes that can form a pair with an end in the States it concerns (the same
    pairs, with the same routes and volumes, as in the whole dataset). Read from the
    route table column-wise: the State of each distinct place is looked up once."""

    def __init__(self, dataset: Dataset) -> None:
        import polars as pl

        area_state = {a.id: a.country for a in dataset.of(Area)}
        table = dataset.route_table
        stops = table.df.select(
            pl.int_range(pl.len(), dtype=pl.UInt32).alias("row"),
            stops_column().alias("stop"),
        ).explode("stop")
        states: dict[str, str | None] = {}
        for stop in stops.get_column("stop").unique().to_list():
            kind = place_kind(stop)
            if kind is NodeKind.COUNTRY:
                states[stop] = stop
            elif kind is NodeKind.AREA:
                states[stop] = area_state.get(stop.removeprefix(AREA_PREFIX))
            else:
                states[stop] = None
        rows = (
            stops.with_columns(
                pl.col("stop").replace_strict(states, return_dtype=pl.String).alias("state")
            )
            .drop_nulls("state")
            .group_by("state")
            .agg(pl.col("row").unique())
        )
        self.by_state: dict[str, list[int]] = dict(rows.iter_rows())

    def keep(self, dataset: Dataset, states: frozenset[str]) -> Dataset:
        wanted = sorted({r for s in states for r in self.by_state.get(s, [])})
        records = {kind: v for kind, v in dataset.records.items() if kind is not Route}
        return Dataset(
            dataset.info, records, dataset.path, RouteTable(dataset.route_table.df[wanted])
        )


def _measure(
    dataset: Dataset,
    action: Action,
    pairs: dict[tuple[tuple[str, ...], tuple[str, ...]], _Pair],
    day: dt.date,
    children_only: bool,
    undated: Undated | str,
) -> None:
    """Apply the action's records in memory, rerun the analysis on the States concerned,
    and record what it fills."""
    after = _pairs(
        dataset.with_records(action.records).to_networkx(),
        day,
        children_only,
        undated,
        countries=sorted(action.scope),
    )
    gain = 0
    routes: set[str] = set()
    for key, new in after.items():
        old = pairs.get(key)
        if old is None:
            continue
        filled = sorted(new.met - old.met)
        delta = len(new.met) - len(old.met)
        if not filled and delta <= 0:
            continue
        gain += old.weight * delta
        routes.update(old.routes)
        action.fills.append(
            {
                "subjects": list(key[0]),
                "routes": list(old.routes),
                "criteria": filled,
                "weight": old.weight * delta,
                "newly_linked": new.linked and not old.linked,
            }
        )
        if new.linked and not old.linked:
            action.closes.append(key[0])
    action.weight = gain
    action.routes = sorted(routes)


def _when(day: dt.date) -> FuzzyDate:
    return FuzzyDate(day.year, day.month, day.day)


def _new(
    kind: str, states: tuple[str, ...], target: str | None, why: str, records: list[Record]
) -> Action:
    return Action(
        kind,
        states,
        target,
        0,
        [],
        [],
        why,
        records,
        ACTION_COST[kind] * (len(records) if kind == "focal-point" else 1),
        scope=frozenset(states),
    )


def _candidates(
    dataset: Dataset,
    G: Any,
    pairs: dict[tuple[tuple[str, ...], tuple[str, ...]], _Pair],
    rules: TimeRules,
    kinds: set[str],
) -> list[Action]:
    facts = Facts.from_graph(G)
    links = LinkIndex(facts, rules)
    out: dict[tuple[str, tuple[str, ...], str | None], Action] = {}

    def add(action: Action) -> None:
        out.setdefault((action.kind, action.states, action.network), action)

    by_states: dict[tuple[str, str], list[_Pair]] = defaultdict(list)
    for p in pairs.values():
        by_states[(min(p.states), max(p.states))].append(p)
    for (a, b), group in sorted(by_states.items()):
        unmet = frozenset().union(*(p.unmet for p in group))
        if "agreement" in kinds and unmet & _AGREEMENT_GAPS:
            add(_new_agreement(a, b, group, rules.as_of))
        if "operational_channel" in unmet:
            if "focal-point" in kinds:
                for action in _designations(facts, a, b, rules):
                    add(action)
            if "membership" in kinds:
                for action in _memberships(dataset, facts, a, b, rules):
                    add(action)
            if "local-link" in kinds:
                link = _local_link(dataset, facts, links, group, a, b)
                if link:
                    add(link)
        if "join" in kinds and unmet & _AGREEMENT_GAPS:
            for action in _accessions(dataset, facts, a, b, rules):
                add(action)
    if "provisions" in kinds:
        for action in _amendments(dataset, facts, pairs):
            add(action)
    return list(out.values())


def _new_agreement(a: str, b: str, group: list[_Pair], day: dt.date) -> Action:
    children = any(p.children for p in group)
    only_children = all(set(p.key[1]) <= CHILD_GROUPS for p in group)
    provisions = ["return_procedure", "victim_assistance"]
    if children:
        provisions += ["guardianship", "individual_case_assessment"]
    record = Agreement(
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
    return _new(
        "agreement",
        (a, b),
        None,
        f"a new bilateral agreement between {a} and {b} in force, on "
        f"{'children' if only_children else 'all persons'}, covering all forms of "
        f"exploitation, with {', '.join(provisions).replace('_', ' ')}",
        [record],
    )


def _shared(facts: Facts, a: str, b: str, rules: TimeRules) -> list[str]:
    shared = (facts.memberships.get(a, {}).keys() | facts.parties.get(a, {}).keys()) & (
        facts.memberships.get(b, {}).keys() | facts.parties.get(b, {}).keys()
    )
    return sorted(
        t
        for t in shared
        if rules.exists(t) and facts.is_member(a, t, rules) and facts.is_member(b, t, rules)
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


def _designations(facts: Facts, a: str, b: str, rules: TimeRules) -> list[Action]:
    out = []
    day = rules.as_of
    for target in _shared(facts, a, b, rules):
        if facts.attrs(target).get("kind") == NodeKind.NETWORK and not is_channel(
            facts.attrs(target)
        ):
            continue  # a project or programme is not a channel to designate in
        lacking = tuple(c for c in (a, b) if not _has_fp(facts, c, target, rules))
        if not lacking:
            continue
        name = str(facts.attrs(target).get("label", target))
        out.append(
            _new(
                "focal-point",
                lacking,
                target,
                f"{' and '.join(lacking)} designate{'s' if len(lacking) == 1 else ''} a focal "
                f"point in {name}, so that {a} and {b} both have one there",
                [_focal_point(c, target, day) for c in lacking],
            )
        )
    return out


def _memberships(dataset: Dataset, facts: Facts, a: str, b: str, rules: TimeRules) -> list[Action]:
    out = []
    day = rules.as_of
    for net in dataset.networks:
        target = net.node_id
        if target not in facts.G or not rules.exists(target) or not is_channel(facts.attrs(target)):
            continue
        for me, other in ((a, b), (b, a)):
            if facts.is_member(me, target, rules) or not facts.is_member(other, target, rules):
                continue
            if not _has_fp(facts, other, target, rules):
                continue
            data = net.model_dump(mode="json")
            data["members"] = [*data["members"], {"country": me, "joined": str(_when(day))}]
            action = _new(
                "membership",
                (me,),
                target,
                f"{other} has a focal point in {net.label}; {me} joining it and designating "
                "one creates a focal-point channel",
                [Network.model_validate(data), _focal_point(me, target, day)],
            )
            action.scope = frozenset((me, other))
            out.append(action)
    return out


def _accessions(dataset: Dataset, facts: Facts, a: str, b: str, rules: TimeRules) -> list[Action]:
    out = []
    day = rules.as_of
    for ag in dataset.agreements:
        if ag.type is not AgreementKind.MULTILATERAL:
            continue
        target = ag.node_id
        if target not in facts.G or not rules.agreement_effect(target).holds:
            continue
        for me, other in ((a, b), (b, a)):
            if me in ag.party_codes or not facts.is_member(other, target, rules):
                continue
            data = ag.model_dump(mode="json")
            when = str(_when(day))
            data["parties"] = [*data["parties"], {"country": me, "signed": when, "ratified": when}]
            action = _new(
                "join",
                (me,),
                target,
                f"{me} accedes to {ag.label}, to which {other} is party",
                [Agreement.model_validate(data)],
            )
            action.scope = frozenset(ag.party_codes) | {me}
            out.append(action)
    return out


def _local_link(
    dataset: Dataset, facts: Facts, links: LinkIndex, group: list[_Pair], a: str, b: str
) -> Action | None:
    ends: dict[str, list[str]] = {a: [], b: []}
    for p in group:
        for place in p.key[0]:
            state = facts.state_of(place)
            if state in ends:
                ends[state] += links.local_mechanisms(place, state)
    if not (ends[a] and ends[b]):
        return None
    u, v = sorted(ends[a])[0], sorted(ends[b])[0]
    mech = next(m for m in dataset.of(Mechanism) if m.node_id == u)
    data = mech.model_dump(mode="json")
    data["coordinates_with"] = [*data.get("coordinates_with", []), v.partition(":")[2]]
    return _new(
        "local-link",
        (a, b),
        None,
        f"{mech.label} and {facts.attrs(v).get('label', v)} agree to work together directly "
        "(a local link, recommendation 12.2.2)",
        [Mechanism.model_validate(data)],
    )


def _amendments(
    dataset: Dataset, facts: Facts, pairs: dict[tuple[tuple[str, ...], tuple[str, ...]], _Pair]
) -> list[Action]:
    needs: dict[str, set[str]] = defaultdict(set)
    for p in pairs.values():
        for ag in p.agreements:
            if "child_specific_provisions" in p.unmet:
                needs[ag] |= {"guardianship", "individual_case_assessment"}
            if "return_procedure" in p.unmet:
                needs[ag].add("return_procedure")
            if "exploitation_covered" in p.unmet:
                needs[ag].add("all_forms")
    out = []
    by_id = {ag.node_id: ag for ag in dataset.agreements}
    for node, wanted in sorted(needs.items()):
        record = by_id.get(node)
        if record is None:
            continue
        data = record.model_dump(mode="json")
        have = [str(x) for x in data.get("provisions", [])]
        if "all_forms" in wanted:
            data["exploitation"] = ["all"]
        data["provisions"] = have + sorted(wanted - set(have) - {"all_forms"})
        names = ", ".join(
            "coverage of all forms of exploitation" if w == "all_forms" else w.replace("_", " ")
            for w in sorted(wanted)
        )
        caveat = (
            "; what it covers is not all recorded, so check its text first"
            if not record.provisions or not record.exploitation
            else ""
        )
        out.append(
            _new(
                "provisions",
                record.party_codes,
                node,
                f"{record.label} gains {names} (an amendment or protocol{caveat})",
                [Agreement.model_validate(data)],
            )
        )
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
    day = parse_as_of(as_of)
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
    entry into force (else signature, else earliest dated source) falls in.
    """
    G = dataset.to_networkx()
    rows = []
    for year in range(start, end + 1):
        day = dt.date(year, 12, 31)
        rules = TimeRules(G, day, undated=undated)
        routes = [
            f
            for f in unlinked_routes(G, as_of=day, undated=undated)
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
        events = sorted(
            a.label for a in dataset.agreements if rules.takes_effect(a.node_id) == year
        )
        rows.append(
            {
                "year": year,
                "route_pairs": len(routes),
                "linked_share": round(1 - share.get("none", 0.0), 4),
                "share_by_link": {k: round(v, 4) for k, v in sorted(share.items())},
                "volume_share_by_link": {k: round(v, 4) for k, v in sorted(vshare.items())},
                "duplicate_pairs": len(duplicated_mechanisms(G, as_of=day, undated=undated)),
                "missing_focal_points": sum(
                    1
                    for f in missing_focal_points(G, as_of=day, undated=undated)
                    if f.kind is FindingKind.MEMBER_WITHOUT_FOCAL_POINT
                ),
                "agreements_taking_effect": events,
            }
        )
    return rows


def plot_timeline(rows: list[dict[str, Any]], **kwargs: Any) -> tuple[Any, Any]:
    """Draw :func:`timeline` rows; see :func:`coordgraph.render.timeline.plot_timeline`."""
    from coordgraph.render.timeline import plot_timeline as draw

    return draw(rows, **kwargs)
