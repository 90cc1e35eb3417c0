"""The column-wise parts of the route verdict against small per-route and per-mechanism
reference implementations, on generated datasets: the pair's mode aggregated with its
pair (:func:`coordgraph.analyses.online.pair_mode`), and local mechanisms read from
their index by State and area, and the bodies in which two States may have a
focal-point channel (recommendation 12.2.2)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from coordgraph.analyses.links import LinkIndex
from coordgraph.analyses.route_pairs import route_pairs
from coordgraph.dataset import Dataset
from coordgraph.lookup import Facts, working
from coordgraph.model import Area, DatasetInfo, FocalPoint, Mechanism, Network, Route
from coordgraph.time_rules import TimeRules
from coordgraph.vocab import NodeKind

STATES = ["ALB", "GRC", "MKD", "BGR"]
AREAS = [f"{c.lower()}-{w}" for c in STATES for w in ("capital", "border")]
INFO = DatasetInfo(name="generated", title="generated (test data)", synthetic=True)
DAY = dt.date(2015, 12, 31)
places = st.sampled_from([*STATES, *(f"area:{a}" for a in AREAS)])


def _areas() -> list[Area]:
    return [Area(id=a, country=a[:3].upper(), type="city") for a in AREAS]


@st.composite
def routes(draw):  # type: ignore[no-untyped-def]
    out = []
    for i in range(draw(st.integers(1, 12))):
        stops = draw(st.lists(places, min_size=2, max_size=4))
        mode = draw(st.sampled_from(["physical", "online", "mixed", None]))
        out.append(
            Route(
                id=f"r{i}",
                origin=stops[0],
                transits=stops[1:-1],
                destination=stops[-1],
                victims=draw(st.sampled_from(["girls", "women", "children|adults", None])),
                valid_from=str(draw(st.integers(2000, 2020))),
                **({"mode": mode} if mode else {}),
            )
        )
    return out


def _mode(modes: set[str]) -> str:
    """The rule as it read each route's row: all online, online; any online or mixed,
    mixed; else physical."""
    if modes == {"online"}:
        return "online"
    return "mixed" if modes & {"online", "mixed"} else "physical"


@settings(max_examples=40, deadline=None)
@given(routes())
def test_the_pair_mode_is_the_rule_on_its_routes(records) -> None:  # type: ignore[no-untyped-def]
    G = Dataset.from_records(INFO, [*_areas(), *records]).to_networkx()
    by_id = {r.id: r for r in records}
    for pair in route_pairs(G, TimeRules(G, DAY)):
        modes = {by_id[r.partition(":")[2]].mode or "physical" for r in pair.routes}
        assert pair.mode == _mode({str(m) for m in modes})


@st.composite
def mechanisms(draw):  # type: ignore[no-untyped-def]
    out = []
    for i in range(draw(st.integers(0, 12))):
        level = draw(st.sampled_from(["local", "subnational", "national"]))
        at_area = draw(st.booleans())
        out.append(
            Mechanism(
                id=f"m{i}",
                type=draw(st.sampled_from(["coordinating_body", "referral_mechanism"])),
                level=level,
                country=None if at_area else draw(st.sampled_from(STATES)),
                area=draw(st.sampled_from(AREAS)) if at_area else None,
                status=draw(st.sampled_from(["active", "active", "planned", "not_functioning"])),
                valid_from=str(draw(st.integers(2000, 2020))),
            )
        )
    return out


@settings(max_examples=40, deadline=None)
@given(mechanisms())
def test_local_mechanisms_by_index_are_those_of_a_scan(records) -> None:  # type: ignore[no-untyped-def]
    G = Dataset.from_records(INFO, [*_areas(), *records]).to_networkx()
    rules = TimeRules(G, DAY)
    index = LinkIndex(Facts.from_graph(G), rules)
    for state in STATES:
        scanned = sorted(
            m
            for m, s in index.mech_state.items()
            if s == state and index.is_local(m) and working(rules, m)
        )
        assert index.local_mechanisms(f"{NodeKind.COUNTRY}:{state}", state) == scanned
    for area in AREAS:
        node = f"{NodeKind.AREA}:{area}"
        at = [m for m in index.local_by_area.get(node, []) if working(rules, m)]
        assert index.local_mechanisms(node, area[:3].upper()) == at


@st.composite
def channels(draw):  # type: ignore[no-untyped-def]
    """Networks with members (some joined late or left) and focal points (some not
    designated, some in a network their State is not a member of)."""
    nets = [f"n{i}" for i in range(draw(st.integers(1, 4)))]
    out: list[object] = []
    for net in nets:
        members = [
            {
                "country": c,
                "joined": str(draw(st.integers(2000, 2012))),
                **({"left": str(draw(st.integers(2013, 2020)))} if draw(st.booleans()) else {}),
            }
            for c in draw(st.lists(st.sampled_from(STATES), unique=True, max_size=4))
        ]
        out.append(Network(id=net, type="contact_point_network", members=members))
    for i in range(draw(st.integers(0, 10))):
        out.append(
            FocalPoint(
                id=f"fp{i}",
                country=draw(st.sampled_from(STATES)),
                network=draw(st.sampled_from(nets)),
                status=draw(st.sampled_from(["designated", "designated", "not_designated"])),
                valid_from=str(draw(st.integers(2000, 2020))),
            )
        )
    return out


@settings(max_examples=60, deadline=None)
@given(channels())
def test_common_bodies_with_focal_points_are_those_of_a_scan(records) -> None:  # type: ignore[no-untyped-def]
    G = Dataset.from_records(INFO, records).to_networkx()
    facts = Facts.from_graph(G)
    index = LinkIndex(facts, TimeRules(G, DAY))
    for a in STATES:
        for b in STATES:
            scanned = [
                t
                for t in index.common(a, b)
                if facts.focal_points_for(a, t) and facts.focal_points_for(b, t)
            ]
            assert index.common_with_focal_points(a, b) == scanned
