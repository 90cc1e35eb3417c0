"""Planning aids: which single action closes the most route gaps, what-if, and timelines.

:func:`plan_actions` ranks three kinds of action against the unlinked cross-border route
pairs of a date:

* ``agreement`` — a new bilateral agreement in force between the two States, covering
  all persons: links every unlinked pair of those two States;
* ``focal-point`` — a State designates a focal point in a network (or agreement) it
  already shares with the State at the other end; it links a pair only when the other
  State already has a focal point there (a focal-point channel needs both);
* ``membership`` — a State joins a network in which the other end has a focal point,
  and designates one ("join and designate").

Selection is greedy: each next action counts only the gaps the earlier ones left, so the
list of N actions is jointly good, and the effect of earlier designations (which can make
a later one close a pair) is counted. Weight is the recorded route volume, or the number
of routes where none is recorded.
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
from coordgraph.analyses._facts import Facts
from coordgraph.dataset import Dataset
from coordgraph.dates import FuzzyDate, parse_as_of
from coordgraph.findings import Finding, FindingKind, LinkKind
from coordgraph.model import Agreement, FocalPoint, Network, Record
from coordgraph.time_rules import TimeRules, Undated
from coordgraph.vocab import NodeKind

__all__ = ["ACTIONS", "Action", "candidate_actions", "plan_actions", "timeline", "whatif"]

ACTIONS = ("agreement", "focal-point", "membership")


@dataclass(frozen=True)
class _Gap:
    a: str
    b: str
    weight: int
    routes: tuple[str, ...]
    subjects: tuple[str, ...]


@dataclass
class Action:
    """One candidate action and what it would close."""

    kind: str
    states: tuple[str, ...]
    network: str | None
    weight: int
    closes: list[tuple[str, ...]]
    routes: list[str]
    why: str
    records: list[Record] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.kind,
            "states": list(self.states),
            "network": self.network,
            "newly_linked_weight": self.weight,
            "closes": [list(s) for s in self.closes],
            "routes": self.routes,
            "why": self.why,
        }


def _gaps(G: Any, day: dt.date, children_only: bool, undated: Undated | str) -> list[_Gap]:
    out = []
    for f in unlinked_routes(G, as_of=day, children_only=children_only, undated=undated):
        if f.kind is not FindingKind.ROUTE_UNLINKED or f.details.get("internal"):
            continue
        a, b = f.details["states"]
        routes = tuple(f.details["routes"])
        out.append(_Gap(a, b, f.volume if f.volume else len(routes), routes, f.subjects))
    return out


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
    """The ``top`` actions, chosen greedily, that newly link the most route weight.

    Gaps, members and focal points are read on ``as_of`` with the date rules of
    :mod:`coordgraph.time_rules`, exactly as ``gaps`` and ``coverage`` read them.
    """
    day = parse_as_of(as_of)
    kinds = set(actions)
    unknown = kinds - set(ACTIONS)
    if unknown:
        raise ValueError(f"unknown action {sorted(unknown)[0]!r}; choose from {', '.join(ACTIONS)}")
    G = dataset.to_networkx()
    facts = Facts.from_graph(G)
    rules = TimeRules(G, day, undated=undated)
    remaining = _gaps(G, day, children_only, undated)
    networks = sorted(n for n in facts.nodes(NodeKind.NETWORK) if rules.exists(n))
    members = {n: set(facts.active_members(n, rules)) for n in networks}
    has_fp = {
        (c, n)
        for n in networks
        for c in members[n]
        if any(facts.designated(fp, rules) for fp in facts.focal_points_for(c, n))
    }
    label = {n: str(G.nodes[n].get("label", n)) for n in networks}
    chosen: list[Action] = []
    while remaining and len(chosen) < top:
        candidates = _candidates(remaining, networks, members, has_fp, label, kinds)
        if not candidates:
            break
        if _all:
            for c in candidates:
                c.records = _records(dataset, c, day)
            return candidates
        best = max(
            candidates,
            key=lambda x: (
                x.weight,
                -len(x.states),
                x.kind == "focal-point",
                tuple(-ord(ch) for ch in "".join(x.states) + (x.network or "")),
            ),
        )
        best.records = _records(dataset, best, day)
        chosen.append(best)
        if best.network and best.kind in ("focal-point", "membership"):
            has_fp.add((best.states[0], best.network))
            members[best.network].add(best.states[0])
        closed = {tuple(s) for s in best.closes}
        remaining = [g for g in remaining if g.subjects not in closed]
    return chosen


def _candidates(
    remaining: list[_Gap],
    networks: list[str],
    members: dict[str, set[str]],
    has_fp: set[tuple[str, str]],
    label: dict[str, str],
    kinds: set[str],
) -> list[Action]:
    """Every single action that would close at least one remaining gap."""
    by_pair: dict[frozenset[str], list[_Gap]] = defaultdict(list)
    for g in remaining:
        by_pair[frozenset((g.a, g.b))].append(g)
    candidates: list[Action] = []
    if "agreement" in kinds:
        for pair, gaps in by_pair.items():
            a, b = sorted(pair)
            candidates.append(
                _action(
                    "agreement",
                    (a, b),
                    None,
                    gaps,
                    f"a bilateral agreement between {a} and {b} in force, "
                    "covering all persons, links these pairs",
                )
            )
    for n in networks:
        for pair, gaps in by_pair.items():
            a, b = sorted(pair)
            for me, other in ((a, b), (b, a)):
                if (other, n) not in has_fp or (me, n) in has_fp:
                    continue
                if me in members[n] and "focal-point" in kinds:
                    candidates.append(
                        _action(
                            "focal-point",
                            (me,),
                            n,
                            gaps,
                            f"{me} and {other} share {label[n]}; {other} has a "
                            f"focal point there, so designating one for {me} "
                            "creates a focal-point channel",
                        )
                    )
                elif me not in members[n] and other in members[n] and "membership" in kinds:
                    candidates.append(
                        _action(
                            "membership",
                            (me,),
                            n,
                            gaps,
                            f"{other} has a focal point in {label[n]}; {me} "
                            "joining it and designating one creates a "
                            "focal-point channel",
                        )
                    )
    return _merge(candidates)


def candidate_actions(
    dataset: Dataset,
    *,
    as_of: dt.date | str | None = None,
    actions: Iterable[str] = ACTIONS,
    children_only: bool = False,
    undated: Undated | str = Undated.ATTESTED,
) -> list[Action]:
    """Every single action considered at the first step, with its records (for checks)."""
    return plan_actions(
        dataset,
        as_of=as_of,
        top=1,
        actions=actions,
        children_only=children_only,
        undated=undated,
        _all=True,
    )


def _action(
    kind: str, states: tuple[str, ...], network: str | None, gaps: list[_Gap], why: str
) -> Action:
    return Action(
        kind,
        states,
        network,
        sum(g.weight for g in gaps),
        [g.subjects for g in gaps],
        sorted({r for g in gaps for r in g.routes}),
        why,
    )


def _merge(candidates: list[Action]) -> list[Action]:
    """One action per (kind, states, network), with the pairs it closes summed."""
    merged: dict[tuple[str, tuple[str, ...], str | None], Action] = {}
    for c in candidates:
        key = (c.kind, c.states, c.network)
        if key not in merged:
            merged[key] = Action(c.kind, c.states, c.network, 0, [], [], c.why)
        m = merged[key]
        new = [s for s in c.closes if s not in m.closes]
        m.closes.extend(new)
        m.routes = sorted(set(m.routes) | set(c.routes))
        m.weight += c.weight if new else 0
        if len(m.closes) > 1:
            m.why = c.why.split(";")[0] + f"; it links {len(m.closes)} route pairs"
    return list(merged.values())


def _records(dataset: Dataset, action: Action, day: dt.date) -> list[Record]:
    """The hypothetical records that carry out an action (for what-if checks)."""
    when = FuzzyDate(day.year, day.month, day.day)
    if action.kind == "agreement":
        a, b = action.states
        return [
            Agreement(
                id=f"plan-{a}-{b}",
                type="bilateral",
                parties=[a, b],
                in_force=when,
                scope="all_persons",
                notes="hypothetical (coordgraph plan)",
            )
        ]
    assert action.network is not None
    net_id = action.network.partition(":")[2]
    state = action.states[0]
    fp = FocalPoint(
        id=f"plan-fp-{state}-{net_id}",
        country=state,
        network=net_id,
        valid_from=when,
        notes="hypothetical (coordgraph plan)",
    )
    if action.kind == "focal-point":
        return [fp]
    net = next(n for n in dataset.networks if n.id == net_id)
    data = net.model_dump(mode="json")
    data["members"] = [*data["members"], {"country": state, "joined": str(when)}]
    return [Network.model_validate(data), fp]


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
            a.label for a in dataset.agreements if _takes_effect(rules, a.node_id) == year
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


def _takes_effect(rules: TimeRules, node: str) -> int | None:
    """The year an agreement takes effect: entry into force, else its start (signature,
    else its earliest dated source); ``None`` for a draft, one recorded as not in force
    without a later entry into force, or an undated one."""
    attrs = rules.attrs(node)
    if attrs.get("status") == "draft" or (
        attrs.get("not_in_force_on") is not None and attrs.get("in_force") is None
    ):
        return None
    in_force = attrs.get("in_force")
    if in_force is not None:
        return int(str(in_force).lstrip("<")[:4])
    start = rules.start(node)
    return start.date.year if start.date is not None else None


def plot_timeline(rows: list[dict[str, Any]], **kwargs: Any) -> tuple[Any, Any]:
    """Draw :func:`timeline` rows; see :func:`coordgraph.render.timeline.plot_timeline`."""
    from coordgraph.render.timeline import plot_timeline as draw

    return draw(rows, **kwargs)
