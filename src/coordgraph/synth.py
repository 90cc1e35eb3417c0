"""Synthetic datasets for tests and benchmarks: seeded, deterministic, labelled synthetic.

The structure imitates the real data: States in regional clusters with a network each
(some expecting focal points), bilateral agreements mostly inside clusters (some signed
but not in force, some expired, some for children only), a few multilateral ones,
national mechanisms with overlapping remits in some States, focal points for most but
not all members (some recorded as not designated), and routes mostly inside or between
neighbouring clusters, some internal between areas, a few with an unknown end.
Nothing in a synthetic dataset is a fact about the real world.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pycountry

from coordgraph.dataset import Dataset
from coordgraph.model import (
    ActionPlan,
    Agency,
    Agreement,
    Area,
    DatasetInfo,
    FocalPoint,
    Mechanism,
    Network,
    Record,
    Route,
    Source,
)

__all__ = ["missing_agreements", "synthesize", "synthetic_records"]

SOURCE = "synthetic"
_SCOPES = [
    ["trafficking_in_persons"],
    ["child_trafficking"],
    ["csec"],
    ["worst_forms_child_labour"],
    ["child_protection"],
    ["migrant_smuggling"],
]
_VICTIMS = ["girls", "boys", "children", "women", "men", "adults", "girls|women", "children|adults"]
_PURPOSES = ["sexual_exploitation", "labour", "begging", "domestic_servitude", "marriage"]


def _codes(n: int, rng: random.Random) -> list[str]:
    codes = sorted(c.alpha_3 for c in pycountry.countries)
    if n > len(codes):
        raise ValueError(f"at most {len(codes)} countries")
    return sorted(rng.sample(codes, n))


def synthetic_records(
    *,
    countries: int = 30,
    routes: int = 200,
    agreements: int = 40,
    mechanisms: int = 60,
    seed: int = 0,
    exact: bool = False,
) -> Iterator[Record]:
    """Yield the records of a synthetic dataset (streaming, for large sizes).

    Every tenth agreement is multilateral, the others bilateral, mostly inside a
    cluster. By default a bilateral pair drawn a second time is skipped, so fewer
    agreements than asked may come out (the datasets the tests were written against).
    With ``exact`` the pair is replaced by a pair without an agreement yet (in the same
    cluster if one is free, else anywhere), so exactly ``agreements`` come out unless
    every pair of States has one already (:func:`missing_agreements` says how many
    cannot be written and why).
    """
    rng = random.Random(seed)
    yield Source(id=SOURCE, title=f"coordgraph synthetic data (seed {seed})", synthetic=True)
    states = _codes(countries, rng)
    size = max(3, min(8, countries // 4 or 3))
    clusters = [states[i : i + size] for i in range(0, len(states), size)]
    # one random stream, drawn from in this order: the same seed gives the same records
    yield from _synthetic_networks(clusters, rng)
    yield from _synthetic_agencies(states)
    yield from _synthetic_agreements(states, clusters, agreements, exact, rng)
    yield from _synthetic_mechanisms(states, mechanisms, rng)
    for c in states[: max(1, countries // 3)]:
        yield ActionPlan(
            id=f"npa-{c}",
            country=c,
            scope=rng.choice(_SCOPES),
            adopted=str(rng.randint(2000, 2015)),
            sources=(SOURCE,),
        )
    yield from _synthetic_routes(states, clusters, routes, rng)


def _synthetic_networks(clusters: list[list[str]], rng: random.Random) -> Iterator[Record]:
    """A network per cluster of States (members joined 1995-2010), and for most members
    a focal point (designated, or recorded as not designated)."""
    cite = (SOURCE,)
    for i, cluster in enumerate(clusters):
        members = []
        for c in cluster:
            joined = str(rng.randint(1995, 2010))
            members.append({"country": c, "joined": joined})
        yield Network(
            id=f"net-{i}",
            name=f"Synthetic regional network {i}",
            type="intergovernmental" if i % 3 else "contact_point_network",
            scope=["child_trafficking"],
            members=members,
            requires_focal_point=i % 2 == 0,
            valid_from="1995",
            sources=cite,
        )
        for c in cluster:
            roll = rng.random()
            if roll < 0.6:
                yield FocalPoint(
                    id=f"fp-{c}-{i}",
                    country=c,
                    network=f"net-{i}",
                    valid_from=str(rng.randint(2000, 2015)),
                    sources=cite,
                )
            elif roll < 0.7:
                yield FocalPoint(
                    id=f"fp-{c}-{i}",
                    country=c,
                    network=f"net-{i}",
                    status="not_designated",
                    sources=cite,
                )


def _synthetic_agencies(states: list[str]) -> Iterator[Record]:
    """Two ministries and two areas (capital, border) per State."""
    cite = (SOURCE,)
    for c in states:
        yield Agency(id=f"min-{c}-justice", country=c, type="ministry", sources=cite)
        yield Agency(id=f"min-{c}-social", country=c, type="ministry", sources=cite)
        yield Area(id=f"{c.lower()}-capital", country=c, type="city", sources=cite)
        yield Area(id=f"{c.lower()}-border", country=c, type="border_area", sources=cite)


def _synthetic_agreements(
    states: list[str],
    clusters: list[list[str]],
    agreements: int,
    exact: bool,
    rng: random.Random,
) -> Iterator[Record]:
    """``agreements`` agreements (see :func:`synthetic_records` for ``exact``)."""
    cluster_of = {c: i for i, cl in enumerate(clusters) for c in cl}
    pairs: set[frozenset[str]] = set()
    for k in range(agreements):
        if k % 10 == 9 and len(states) >= 4:
            parties = rng.sample(states, rng.randint(3, min(8, len(states))))
            kind = "multilateral"
        else:
            a = rng.choice(states)
            pool = clusters[cluster_of[a]] if rng.random() < 0.8 else states
            others = [c for c in pool if c != a] or [c for c in states if c != a]
            b = rng.choice(others)
            if frozenset((a, b)) in pairs:
                free = _free_pair(a, pool, states, pairs, rng) if exact else None
                if free is None:
                    continue
                a, b = free
            pairs.add(frozenset((a, b)))
            parties = [a, b]
            kind = "bilateral"
        yield _synthetic_agreement(k, kind, parties, rng)


def _synthetic_agreement(k: int, kind: str, parties: list[str], rng: random.Random) -> Agreement:
    """The ``k``-th agreement among ``parties``: its dates and what it covers."""
    signed = rng.randint(1998, 2018)
    roll = rng.random()
    extra: dict[str, str] = {}
    if roll < 0.5:
        extra["in_force"] = str(signed + rng.randint(0, 2))
    elif roll < 0.65:
        extra["not_in_force_on"] = str(signed + 2)
    if rng.random() < 0.15:
        extra["valid_to"] = str(signed + rng.randint(3, 10))
    return Agreement(
        id=f"ag-{k}",
        type=kind,
        parties=parties,
        signed=str(signed),
        scope=rng.choice(["children", "women_and_children", "all_persons", "all_persons"]),
        form="mou" if rng.random() < 0.2 else "treaty",
        sources=(SOURCE,),
        # what it covers, drawn without touching the random stream (so earlier seeds
        # give the same records otherwise): a third each of all forms, one form, unknown
        exploitation=(["all"], [_PURPOSES[k % len(_PURPOSES)]], [])[k % 3],
        provisions=(["return_procedure", "guardianship"], ["information_exchange"], [])[
            k % 3 if k % 2 else (k + 1) % 3
        ],
        **extra,
    )


def _synthetic_mechanisms(
    states: list[str], mechanisms: int, rng: random.Random
) -> Iterator[Record]:
    """``mechanisms`` mechanisms, national or local, led by one of the State's ministries."""
    for k in range(mechanisms):
        c = rng.choice(states)
        level = rng.choice(["national", "national", "local"])
        yield Mechanism(
            id=f"mech-{k}",
            type=rng.choice(
                ["coordinating_body", "task_force", "referral_mechanism", "rapporteur"]
            ),
            level=level,
            country=c if level == "national" else None,
            area=f"{c.lower()}-{rng.choice(['capital', 'border'])}" if level == "local" else None,
            scope=rng.choice(_SCOPES),
            leads=[f"min-{c}-{rng.choice(['justice', 'social'])}"],
            valid_from=str(rng.randint(1998, 2015)),
            status=rng.choice(["active"] * 8 + ["not_functioning", "planned"]),
            sources=(SOURCE,),
        )


def _synthetic_routes(
    states: list[str], clusters: list[list[str]], routes: int, rng: random.Random
) -> Iterator[Record]:
    """``routes`` routes: mostly to a State of the same or the next cluster, some inside
    a State (border area to capital), some to a place not identified, a fifth of the
    cross-border ones through a transit State."""
    cluster_of = {c: i for i, cl in enumerate(clusters) for c in cl}
    for k in range(routes):
        a = rng.choice(states)
        roll = rng.random()
        if roll < 0.08:
            origin, destination = f"area:{a.lower()}-border", f"area:{a.lower()}-capital"
        elif roll < 0.11:
            origin, destination = a, "unknown: not identified"
        else:
            near = clusters[min(len(clusters) - 1, cluster_of[a] + rng.randint(0, 1))]
            destination = rng.choice([c for c in near if c != a] or [c for c in states if c != a])
            origin = a
        transits: list[str] = []
        cross_border = origin == a and not destination.startswith(("area:", "unknown"))
        if cross_border and rng.random() < 0.2:
            transits = [c for c in rng.sample(states, 1) if c not in (origin, destination)]
        yield Route(
            id=f"route-{k}",
            origin=origin,
            transits=transits,
            destination=destination,
            victims=rng.choice(_VICTIMS),
            purposes=rng.choice(_PURPOSES),
            volume=rng.randint(1, 200) if rng.random() < 0.7 else None,
            valid_from=str(rng.randint(2000, 2020)),
            sources=(SOURCE,),
        )


def missing_agreements(*, countries: int, agreements: int) -> str | None:
    """Why ``synthetic_records(..., exact=True)`` writes fewer agreements than asked, or
    ``None`` when it writes them all: every tenth is multilateral, and the bilateral ones
    need distinct pairs of States."""
    bilateral = agreements - sum(1 for k in range(agreements) if k % 10 == 9 and countries >= 4)
    pairs = countries * (countries - 1) // 2
    if bilateral <= pairs:
        return None
    return (
        f"{bilateral - pairs} of the {agreements} agreements asked are not written: "
        f"{countries} countries make {pairs} pairs of States, one bilateral agreement each"
    )


def _free_pair(
    a: str, pool: list[str], states: list[str], pairs: set[frozenset[str]], rng: random.Random
) -> tuple[str, str] | None:
    """A pair of States with no bilateral agreement yet: ``a`` with a free partner in
    ``pool`` (its cluster), else with any free partner, else any free pair."""
    for candidates in (pool, states):
        free = [c for c in candidates if c != a and frozenset((a, c)) not in pairs]
        if free:
            return a, rng.choice(free)
    for x in rng.sample(states, len(states)):
        free = [c for c in states if c != x and frozenset((x, c)) not in pairs]
        if free:
            return x, rng.choice(free)
    return None


def synthesize(
    *,
    countries: int = 30,
    routes: int = 200,
    agreements: int = 40,
    mechanisms: int = 60,
    seed: int = 0,
    exact: bool = False,
) -> Dataset:
    """A synthetic :class:`Dataset` (``info.synthetic`` is true; every record cites a
    synthetic source).

    Examples
    --------
    >>> ds = synthesize(countries=10, routes=20, seed=1)
    >>> ds.info.synthetic, len(ds.routes)
    (True, 20)
    """
    info = DatasetInfo(
        name=f"synthetic-{seed}",
        title=f"Synthetic dataset (seed {seed}; not real facts)",
        synthetic=True,
        description="Generated by coordgraph.synth for tests and benchmarks.",
    )
    records = list(
        synthetic_records(
            countries=countries,
            routes=routes,
            agreements=agreements,
            mechanisms=mechanisms,
            seed=seed,
            exact=exact,
        )
    )
    return Dataset.from_records(info, records)
