"""The routes an analysis looks at, read column-wise from the graph's route table.

Routes are a table (:mod:`coordgraph.routes.table`), not graph nodes. An analysis asks for
the routes observed on its date (:func:`observed_routes`: the rule is
:meth:`coordgraph.time_rules.TimeRules.route_observed`, evaluated once per distinct date
profile and joined back) and for their pairs of places (:func:`route_pairs`), one per
distinct (place, place, victims) with the routes that use it. Everything that depends
on a route's places or victims is computed once per distinct value (a few hundred
places, a handful of victim lists), so the work per pair is done once however many
routes share it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING, Any

from coordgraph.analyses.online import pair_mode
from coordgraph.lookup import CHILD_GROUPS, victim_groups
from coordgraph.model import place_node
from coordgraph.routes.table import routes_of, stops_column
from coordgraph.vocab import NodeKind

if TYPE_CHECKING:
    import networkx as nx
    import polars as pl

    from coordgraph.lookup import Facts
    from coordgraph.time_rules import TimeRules

__all__ = [
    "RoutePair",
    "endpoint_pairs",
    "first_route_per_state_pair",
    "key_groups",
    "merge_citations",
    "observed_routes",
    "route_pairs",
    "with_child_victims",
]

#: a victims key: the sex/age groups, sorted and joined (``""``: none recorded)
_GROUP_SEP = "|"
#: joins the items of a list cell into one key (no purpose or citation contains it)
_LIST_SEP = "\x1f"


def _groups_key(groups: Iterable[str]) -> str:
    return _GROUP_SEP.join(sorted(groups))


def key_groups(key: str) -> frozenset[str]:
    """The victim groups a victims key stands for."""
    return frozenset(key.split(_GROUP_SEP)) if key else frozenset()


def observed_routes(
    G: nx.MultiDiGraph, rules: TimeRules, *, children_only: bool = False
) -> pl.DataFrame:
    """The routes of ``G``'s table observed on the day ``rules`` looks at, in table order.

    Columns: ``seq`` (row in the table), ``node`` (``Route:<id>``), ``origin``,
    ``transits`` and ``destination`` as graph node ids of places, ``victims`` (a key of
    the sex/age groups, see :func:`key_groups`; with ``children_only`` only the child
    groups, and routes without any left out), ``purposes``, ``volume``, ``sources`` and
    ``period`` (``observed 2003-2004`` when the observed period has ended), ``stale``,
    ``last_seen`` and ``last_day`` (see :class:`~coordgraph.time_rules.RouteDates`), and
    ``mode`` as recorded.
    """
    import polars as pl

    table = routes_of(G)
    dates = rules.route_dates()
    df = table.df.with_columns(
        *(
            dates.frame.get_column(c)
            for c in ("observed", "period", "stale", "last_seen", "last_day")
        )
    ).with_row_index("seq")
    df = df.filter(pl.col("observed"))
    # per distinct value: victims as groups, places as node ids
    raw = df.get_column("victims").list.join(_GROUP_SEP).fill_null("")
    groups: dict[str, str] = {}
    for value in raw.unique().to_list():
        found = victim_groups(value.split(_GROUP_SEP) if value else ())
        if children_only:
            found = found & CHILD_GROUPS
            groups[value] = _groups_key(found) if found else "-"
        else:
            groups[value] = _groups_key(found)
    places = (
        pl.concat(
            [
                df.get_column("origin"),
                df.get_column("destination"),
                df.get_column("transits").explode(keep_nulls=False, empty_as_null=False),
            ]
        )
        .unique()
        .to_list()
    )
    nodes = {p: place_node(p) for p in places if p is not None}
    df = df.with_columns(victims=raw.replace_strict(groups, return_dtype=pl.String))
    if children_only:
        df = df.filter(pl.col("victims") != "-")
    return df.select(
        "seq",
        (pl.lit(f"{NodeKind.ROUTE}:") + pl.col("id")).alias("node"),
        pl.col("origin").replace_strict(nodes, return_dtype=pl.String),
        pl.col("transits")
        .fill_null([])
        .list.eval(pl.element().replace_strict(nodes, return_dtype=pl.String)),
        pl.col("destination").replace_strict(nodes, return_dtype=pl.String),
        "victims",
        pl.col("purposes").fill_null([]),
        "volume",
        pl.col("sources").fill_null([]),
        "period",
        "stale",
        "last_seen",
        "last_day",
        "mode",
    )


@dataclass(frozen=True)
class RoutePair:
    """One pair of places and victim groups, and the routes that use it.

    ``a`` and ``b`` are graph node ids of places; the pair is a route's endpoints or
    one of its legs (``roles``). ``routes`` are sorted route node ids; ``volume`` sums
    the recorded cases over the uses (``None`` when none is recorded); ``periods`` maps
    each route whose observed period has ended to ``observed <period>``, and
    ``all_ended`` says whether every route's has; ``citations`` are the routes'
    citations in route order, without repeats. ``all_stale`` says whether every route's
    newest evidence is older than the staleness horizon, and ``last_seen`` is the newest
    evidence of any of them (DESIGN.md section 9: evidence ages). ``mode`` is the pair's
    route mode (:func:`coordgraph.analyses.online.pair_mode`).
    """

    a: str
    b: str
    victims: frozenset[str]
    routes: list[str]
    roles: list[str]
    volume: int | None
    purposes: frozenset[str]
    periods: dict[str, str]
    all_ended: bool
    citations: tuple[str, ...]
    all_stale: bool = False
    last_seen: str | None = None
    mode: str = "physical"


def route_pairs(
    G: nx.MultiDiGraph, rules: TimeRules, *, children_only: bool = False
) -> list[RoutePair]:
    """The pairs of places to check, each with the routes (and roles) that use it.

    Each observed route uses its endpoint pair (role ``endpoints``) and, with transits,
    each consecutive leg (``leg 2 of 3``). Pairs come in the order of their first use
    (table order, endpoints before legs). Only routes observed by the day the rules
    look at are used (see :func:`observed_routes`).
    """
    import polars as pl

    routes = observed_routes(G, rules, children_only=children_only)
    # purposes and citations as the index of their distinct list: per pair, the union
    # is then taken over a few distinct lists
    purposes, routes = _distinct_lists(routes, "purposes")
    citations, routes = _distinct_lists(routes, "sources")
    # routes by their place in node order: a pair sorts its routes as numbers, and
    # every pair names a route with the same string
    routes = routes.with_columns((pl.col("node").rank("ordinal") - 1).cast(pl.UInt32).alias("rank"))
    in_order = routes.get_column("node").sort().to_list()
    pairs = _pair_frame(routes)
    # route nodes: one flat list, cut per pair
    flat = pairs.get_column("routes").explode().to_list()
    cuts = pairs.get_column("routes").list.len().cum_sum().to_list()
    any_ended = routes.get_column("period").null_count() < routes.height
    columns: list[Iterable[Any]] = [
        pairs.get_column(name).to_list()
        for name in (
            "a",
            "b",
            "victims",
            "roles",
            "volume",
            "volumes",
            "purposes",
            "citations",
            "all_stale",
            "last_seen",
            "mode",
        )
    ]
    if any_ended:
        columns += [pairs.get_column(n).to_list() for n in ("ended", "periods", "all_ended")]
    else:
        columns += [repeat(None), repeat(None), repeat(False)]
    victims: dict[str, frozenset[str]] = {}
    roles_of: dict[str, list[str]] = {}
    purpose_sets: dict[str, frozenset[str]] = {}
    cited: dict[str, tuple[str, ...]] = {}
    out: list[RoutePair] = []
    start = 0
    for cut, row in zip(cuts, zip(*columns, strict=False), strict=True):
        a, b, key, roles, volume, volumes, used, cites, all_stale, last_seen, mode = row[:11]
        ends_, periods, all_ended = row[11:]
        if key not in victims:
            victims[key] = key_groups(key)
        if roles not in roles_of:
            roles_of[roles] = roles.split(_LIST_SEP)
        if used not in purpose_sets:
            purpose_sets[used] = route_purposes(
                w for i in used.split(",") if i for w in purposes[int(i)]
            )
        if cites not in cited:
            cited[cites] = merge_citations(*(citations[int(i)] for i in cites.split(",") if i))
        out.append(
            RoutePair(
                a=a,
                b=b,
                victims=victims[key],
                routes=[in_order[i] for i in flat[start:cut]],
                roles=roles_of[roles],
                volume=volume if volumes else None,
                purposes=purpose_sets[used],
                periods=(
                    {in_order[i]: p for i, p in sorted(zip(ends_, periods, strict=True))}
                    if ends_
                    else {}
                ),
                all_ended=all_ended,
                citations=cited[cites],
                all_stale=all_stale,
                last_seen=last_seen,
                mode=mode,
            )
        )
        start = cut
    return out


def _pair_frame(routes: pl.DataFrame) -> pl.DataFrame:
    """One row per distinct (place, place, victims) the routes use, in order of first
    use: its endpoints (``leg`` 0) and, with transits, each consecutive leg; with the
    routes (as ranks), roles, summed volume, purposes and citations (as indexes of
    their distinct lists) and the observed periods that have ended."""
    import polars as pl

    ends = routes.select(
        "seq",
        pl.col("origin").alias("a"),
        pl.col("destination").alias("b"),
        pl.lit(0, pl.Int32).alias("leg"),
        pl.lit(0, pl.Int32).alias("n"),
    )
    legs = (
        routes.filter(pl.col("transits").list.len() > 0)
        .select(
            "seq",
            stops_column(),
        )
        .with_columns(n=(pl.col("stops").list.len() - 1).cast(pl.Int32))
        .select(
            "seq",
            pl.col("stops").list.head(pl.col("n")).alias("a"),
            pl.col("stops").list.tail(pl.col("n")).alias("b"),
            pl.int_ranges(1, pl.col("n") + 1, dtype=pl.Int32).alias("leg"),
            "n",
        )
        .explode("a", "b", "leg")
    )
    uses = (
        pl.concat([ends, legs])
        .sort("seq", "leg")
        .join(
            routes.select(
                "seq",
                "rank",
                "victims",
                "purposes",
                "volume",
                "sources",
                "period",
                "stale",
                "last_seen",
                "last_day",
                "mode",
            ),
            on="seq",
            how="left",
            maintain_order="left",
        )
    )
    ended = pl.col("period").is_not_null()
    role = (
        pl.when(pl.col("leg") == 0)
        .then(pl.lit("endpoints"))
        .otherwise(pl.format("leg {} of {}", "leg", "n"))
    )
    # small lists travel as one text each (few distinct values, read once each)
    return uses.group_by("a", "b", "victims", maintain_order=True).agg(
        pl.col("rank").unique().sort().alias("routes"),
        role.unique().sort().str.join(_LIST_SEP).alias("roles"),
        pl.col("volume").sum().alias("volume"),
        pl.col("volume").count().alias("volumes"),
        pl.col("purposes").unique().sort().cast(pl.String).str.join(",").alias("purposes"),
        pl.col("sources")
        .sort_by("rank")
        .unique(maintain_order=True)
        .cast(pl.String)
        .str.join(",")
        .alias("citations"),
        pl.col("rank").filter(ended).alias("ended"),
        pl.col("period").filter(ended).alias("periods"),
        ended.all().alias("all_ended"),
        pl.col("stale").all().alias("all_stale"),
        pl.col("last_seen").sort_by("last_day").last().alias("last_seen"),
        pair_mode(pl.col("mode")).alias("mode"),
    )


def _distinct_lists(routes: pl.DataFrame, column: str) -> tuple[list[list[str]], pl.DataFrame]:
    """The distinct lists of a list column, and the routes with the column replaced by
    the index of its list among them."""
    import polars as pl

    joined = routes.get_column(column).list.join(_LIST_SEP)
    distinct = joined.unique(maintain_order=True)
    index = pl.Series(column, range(len(distinct)), dtype=pl.UInt32)
    values = [v.split(_LIST_SEP) if v else [] for v in distinct.to_list()]
    return values, routes.with_columns(
        joined.replace_strict(distinct, index, return_dtype=pl.UInt32).alias(column)
    )


def endpoint_pairs(routes: pl.DataFrame) -> list[tuple[str, str, list[str], tuple[str, ...]]]:
    """Routes (from :func:`observed_routes`) grouped by (origin, destination), in order
    of first use: each pair of places with its sorted route nodes and their citations
    (in route order, without repeats)."""
    import polars as pl

    pairs = routes.group_by("origin", "destination", maintain_order=True).agg(
        pl.col("node").unique().sort().alias("routes"),
        pl.col("sources")
        .sort_by("node")
        .list.explode(keep_nulls=False, empty_as_null=False)
        .unique(maintain_order=True)
        .alias("citations"),
    )
    return [(a, b, nodes, tuple(cites)) for a, b, nodes, cites in pairs.iter_rows()]


def with_child_victims(routes: pl.DataFrame) -> pl.DataFrame:
    """The routes (from :func:`observed_routes`) that concern children: child victims
    recorded, or no victims recorded (any group may be concerned)."""
    import polars as pl

    keys = routes.get_column("victims").unique().to_list()
    child = [k for k in keys if not k or key_groups(k) & CHILD_GROUPS]
    return routes.filter(pl.col("victims").is_in(child))


def first_route_per_state_pair(
    G: nx.MultiDiGraph, facts: Facts, rules: TimeRules
) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """For each pair of different States at the two ends of an observed route (either
    way round), the first such route in table order: ``(route node, State of its
    origin, State of its destination, its citations)``, in order of first use."""
    import polars as pl

    routes = observed_routes(G, rules)
    places = pl.concat([routes.get_column("origin"), routes.get_column("destination")])
    states = {p: facts.state_of(p) for p in places.unique().to_list()}
    ends = (
        routes.select(
            "node",
            pl.col("origin").replace_strict(states, return_dtype=pl.String).alias("a"),
            pl.col("destination").replace_strict(states, return_dtype=pl.String).alias("b"),
            "sources",
        )
        .filter(
            pl.col("a").is_not_null() & pl.col("b").is_not_null() & (pl.col("a") != pl.col("b"))
        )
        .with_columns(lo=pl.min_horizontal("a", "b"), hi=pl.max_horizontal("a", "b"))
        .unique(subset=["lo", "hi"], keep="first", maintain_order=True)
    )
    return [
        (node, a, b, tuple(dict.fromkeys(cites)))
        for node, a, b, cites in ends.select("node", "a", "b", "sources").iter_rows()
    ]


def route_purposes(values: Iterable[Any]) -> frozenset[str]:
    """A route's recorded purposes, without ``unknown``."""
    return frozenset(str(v) for v in values or ()) - {"unknown"}


def merge_citations(*groups: Iterable[Any]) -> tuple[str, ...]:
    """Citations of several groups in order, without repeats (as :func:`cite` gives
    them for the nodes of all the groups in turn)."""
    out: dict[str, None] = {}
    for group in groups:
        for c in group:
            out.setdefault(str(c), None)
    return tuple(out)
