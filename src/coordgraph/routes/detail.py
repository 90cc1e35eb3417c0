"""Each route's detail as outputs show it, read from the route table, never from the graph.

The graph from :func:`coordgraph.build_graph` holds the coordination structure; the routes
are rows of its :class:`~coordgraph.routes.table.RouteTable` (:func:`routes_of`), and enter
the graph only aggregated per pair of places (DESIGN.md section 7). Exports, pictures,
the explorer and the report list routes one by one, as they always have: a ``Route``
node per route with its fields, a ``CITES`` relationship to each source it cites, a
``ROUTE_STOP`` relationship to each place in order (``order``, ``role``) and a
``ROUTE_LEG`` relationship between consecutive places (``route``, ``order``). This
module makes those from the table, in the order a graph that held them would list them
(every other node first, then the routes in file order, then the unknown places they
name), so an output is the same whether the graph carries route nodes or not.

Two shapes of the same thing:

* :func:`with_route_detail` - a copy of the graph with that detail in it, for outputs
  that are whole graphs in memory anyway (GraphML, GEXF, Kumu, the Cypher script);
* :func:`detail_nodes` and :func:`detail_edges` - generators of node-link items, chunk
  by chunk from the table, for outputs that stream a million routes (node-link JSON).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, get_args

import networkx as nx

from coordgraph.dates import FuzzyDate
from coordgraph.model import Citation, Route, node_id, place_node
from coordgraph.routes.table import RouteTable, route_node, route_stops, routes_of, stops_column
from coordgraph.vocab import NodeKind, Relation, StopRole

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "ROUTE_PAIR",
    "ROUTE_RELATIONS",
    "LegBlock",
    "RouteEdge",
    "detail_edge_blocks",
    "detail_edges",
    "detail_node_ids",
    "detail_nodes",
    "leg_edges",
    "place_nodes",
    "route_attributes",
    "route_citations",
    "route_dates",
    "route_edges",
    "route_labels",
    "route_sources",
    "route_stop_nodes",
    "route_volumes",
    "structure_edges",
    "structure_nodes",
    "with_route_detail",
]

#: Relation of the edges that join the two places of a route pair (the aggregate
#: :func:`~coordgraph.build_graph` adds, and the analysis edges exports add).
ROUTE_PAIR = "ROUTE_PAIR"

#: Relations that carry routes inside a graph: one route's stops and legs (a graph
#: built while routes were nodes) and the aggregate per pair of places. Outputs list
#: routes from the table instead (:func:`with_route_detail`), never these.
ROUTE_RELATIONS = frozenset({str(Relation.ROUTE_STOP), str(Relation.ROUTE_LEG), ROUTE_PAIR})

#: Rows read from the table at a time when streaming.
CHUNK_ROWS = 50_000


def _is_date(annotation: Any) -> bool:
    return annotation is FuzzyDate or any(_is_date(a) for a in get_args(annotation))


#: Route fields whose text is a date (typed back to :class:`FuzzyDate` on the node).
_DATE_FIELDS = frozenset(n for n, f in Route.model_fields.items() if _is_date(f.annotation))


@functools.lru_cache(maxsize=65_536)
def _date(text: str) -> FuzzyDate:
    return FuzzyDate.parse(text)


@functools.lru_cache(maxsize=65_536)
def _citation(text: str) -> Citation:
    return Citation.parse(text)


def route_attributes(row: dict[str, Any], *, plain: bool = False) -> dict[str, Any]:
    """A route's node attributes from its table row, as the graph builder gives a record
    (:func:`coordgraph.graph.node_attributes`): the fields that are set in model order,
    lists as tuples, dates as :class:`~coordgraph.dates.FuzzyDate`, then ``kind`` and
    ``label``. ``plain`` keeps the table's JSON values instead (lists, dates as text)."""
    out: dict[str, Any] = {}
    for name, value in row.items():
        if value is None or (isinstance(value, list) and not value):
            continue
        if plain:
            out[name] = value
        elif isinstance(value, list):
            out[name] = tuple(value)
        elif name in _DATE_FIELDS:
            out[name] = _date(value)
        else:
            out[name] = value
    out["kind"] = str(NodeKind.ROUTE)
    out["label"] = out.get("name") or row["id"]
    return out


def route_dates(table: RouteTable) -> set[FuzzyDate]:
    """Every distinct date a date field of a route holds (each parsed once)."""
    import polars as pl

    if not len(table) or not _DATE_FIELDS:
        return set()
    dates = pl.concat([table.df.get_column(name) for name in sorted(_DATE_FIELDS)])
    return {_date(text) for text in dates.drop_nulls().unique().to_list()}


def route_sources(sources: list[str] | tuple[str, ...] | None) -> dict[str, list[str]]:
    """A route's citations per source id (first citation order), with their locators:
    one ``CITES`` relationship per source, as the graph builder makes for any record."""
    out: dict[str, list[str]] = {}
    for text in sources or ():
        citation = _citation(text)
        out.setdefault(citation.source, [])
        if citation.locator:
            out[citation.source].append(citation.locator)
    return out


def place_nodes(table: RouteTable) -> dict[str, str]:
    """Node id of every place the routes name (:func:`coordgraph.graph.place_node`),
    computed once per distinct place."""
    import polars as pl

    if not len(table):
        return {}
    df = table.df
    places = pl.concat(
        [
            df.get_column("origin"),
            df.get_column("destination"),
            df.get_column("transits").explode().drop_nulls(),
        ]
    ).unique()
    return {p: place_node(p) for p in places.to_list()}


def _stops_frame(table: RouteTable) -> pl.DataFrame:
    """``id`` and ``stops`` (origin, transits, destination) of every route, in order."""
    import polars as pl

    return table.df.select(
        pl.col("id"),
        stops_column(),
    )


def route_stop_nodes(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Route node id (``Route:<id>``) -> the node ids of its places in order, for every
    route of ``G``'s table, in file order."""
    table = routes_of(G)
    nodes = place_nodes(table)
    return {
        route_node(rid): [nodes[p] for p in stops] for rid, stops in _stops_frame(table).iter_rows()
    }


def route_labels(G: nx.MultiDiGraph) -> dict[str, str]:
    """Route node id -> its label (name, else id), for every route of ``G``'s table."""
    rows = routes_of(G).df.select("id", "name").iter_rows()
    return {route_node(rid): name or rid for rid, name in rows}


def route_volumes(G: nx.MultiDiGraph) -> dict[str, int]:
    """Route node id -> its recorded cases (0 when not recorded), for every route of
    ``G``'s table."""
    rows = routes_of(G).df.select("id", "volume").iter_rows()
    return {route_node(rid): volume or 0 for rid, volume in rows}


def route_citations(G: nx.MultiDiGraph, routes: Iterable[str]) -> dict[str, list[str]]:
    """Route node id -> its citations (``source[:locator]``), for the ``routes`` (node
    ids) of ``G``'s table; other ids are left out."""
    import polars as pl

    prefix = route_node("")
    wanted = [r.partition(":")[2] for r in routes if r.startswith(prefix)]
    if not wanted:
        return {}
    rows = routes_of(G).df.filter(pl.col("id").is_in(wanted)).select("id", "sources").iter_rows()
    return {route_node(rid): list(sources or ()) for rid, sources in rows}


def _added_places(G: nx.MultiDiGraph, table: RouteTable, nodes: dict[str, str]) -> list[str]:
    """Place nodes the routes name that are not structure (unknown places, and any
    place the graph lacks), in order of first mention (route, then stop): where the
    builder added them, after every route node."""
    keep = {n for n in nodes.values() if n in G and _is_structure_node(G.nodes[n])}
    added = [p for p, n in nodes.items() if n not in keep]
    if not added:
        return []
    stops = _stops_frame(table).get_column("stops").explode()
    seen = stops.filter(stops.is_in(added)).unique(maintain_order=True)
    return list(dict.fromkeys(nodes[p] for p in seen.to_list()))


def _is_structure_node(attrs: dict[str, Any]) -> bool:
    return attrs.get("kind") not in (NodeKind.ROUTE, NodeKind.UNKNOWN_PLACE)


def structure_nodes(G: nx.MultiDiGraph) -> list[str]:
    """The nodes of ``G`` that are not route detail (routes and the unknown places only
    routes name), in graph order."""
    return [n for n, attrs in G.nodes(data=True) if _is_structure_node(attrs)]


def structure_edges(
    G: nx.MultiDiGraph, u: str, keep: set[str] | dict[str, Any]
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """``u``'s relationships in ``G`` other than route detail, to nodes in ``keep``."""
    for _, v, key, attrs in G.out_edges(u, keys=True, data=True):
        if v in keep and attrs.get("relation") not in ROUTE_RELATIONS:
            yield u, v, key, attrs


@dataclass(frozen=True)
class RouteEdge:
    """One relationship of a route's detail, as the graph builder would add it."""

    u: str
    v: str
    key: str
    attrs: dict[str, Any]


def route_edges(route_id: str, stops: list[str], sources: dict[str, list[str]]) -> list[RouteEdge]:
    """One route's relationships in the order a graph that held them was built:
    ``CITES`` per source, then per stop its ``ROUTE_STOP`` and the ``ROUTE_LEG`` that
    ends there. ``stops`` are place node ids (:func:`route_stop_nodes`)."""
    here = route_node(route_id)
    out = [
        RouteEdge(
            here,
            node_id(NodeKind.SOURCE, source),
            str(Relation.CITES),
            {"relation": str(Relation.CITES), "locators": tuple(locators)},
        )
        for source, locators in sources.items()
    ]
    last = len(stops) - 1
    for order, place in enumerate(stops):
        role = (
            StopRole.ORIGIN
            if order == 0
            else StopRole.DESTINATION
            if order == last
            else StopRole.TRANSIT
        )
        out.append(
            RouteEdge(
                here,
                place,
                f"{Relation.ROUTE_STOP}:{order}",
                {"relation": str(Relation.ROUTE_STOP), "order": order, "role": str(role)},
            )
        )
        if order:
            out.append(
                RouteEdge(
                    stops[order - 1],
                    place,
                    f"{Relation.ROUTE_LEG}:{route_id}:{order}",
                    {"relation": str(Relation.ROUTE_LEG), "route": route_id, "order": order},
                )
            )
    return out


def _place_attrs(G: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    """A place node's attributes: the graph's, or what the builder gives a place no
    record describes."""
    if node in G:
        return dict(G.nodes[node])
    kind, _, label = node.partition(":")
    return {"kind": kind, "id": label, "label": label}


def _rows(table: RouteTable) -> Iterator[dict[str, Any]]:
    for chunk in table.df.iter_slices(CHUNK_ROWS):
        yield from chunk.iter_rows(named=True)


def with_route_detail(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` in which every route of its table is a ``Route`` node with its
    ``CITES``, ``ROUTE_STOP`` and ``ROUTE_LEG`` relationships, in the order the graph
    builder made them while routes were nodes; the aggregate ``ROUTE_PAIR`` edges are
    left out (they summarise what the routes now say one by one). ``G`` is unchanged;
    the copy shares its attribute values and carries the same route table."""
    table = routes_of(G)
    nodes = place_nodes(table)
    H = nx.MultiDiGraph(**G.graph)
    base = structure_nodes(G)
    for n in base:
        H.add_node(n, **G.nodes[n])
    keep = set(base)
    for u in base:
        for _, v, key, attrs in structure_edges(G, u, keep):
            H.add_edge(u, v, key=key, **attrs)
    for row in _rows(table):
        H.add_node(route_node(row["id"]), **route_attributes(row))
    for place in _added_places(G, table, nodes):
        H.add_node(place, **_place_attrs(G, place))
    for row in _rows(table):
        stops = [nodes[p] for p in route_stops(row)]
        for e in route_edges(row["id"], stops, route_sources(row["sources"])):
            H.add_edge(e.u, e.v, key=e.key, **e.attrs)
    return H


# ----------------------------------------------------------------------------- streaming


def _legs_frame(table: RouteTable, nodes: dict[str, str]) -> pl.DataFrame:
    """Every ``ROUTE_LEG`` as a row (``u``, ``v``, ``route``, ``order``, ``seq``), ``seq``
    being the order the builder added them in (route, then stop)."""
    import polars as pl

    stops = _stops_frame(table).with_row_index("r")
    longest = int(stops.get_column("stops").list.len().max() or 0)  # type: ignore[arg-type]
    parts = [
        stops.filter(pl.col("stops").list.len() > order).select(
            pl.col("stops").list.get(order - 1).alias("u"),
            pl.col("stops").list.get(order).alias("v"),
            pl.col("id").alias("route"),
            pl.lit(order, dtype=pl.Int64).alias("order"),
            (pl.col("r").cast(pl.Int64) * longest + order).alias("seq"),
        )
        for order in range(1, longest)
    ]
    if not parts:
        schema = {"u": pl.String, "v": pl.String, "route": pl.String, "order": pl.Int64}
        return pl.DataFrame(schema={**schema, "seq": pl.Int64})
    old, new = pl.Series(list(nodes), dtype=pl.String), pl.Series(list(nodes.values()))
    return (
        pl.concat(parts)
        .with_columns(
            pl.col("u").replace_strict(old, new, return_dtype=pl.String),
            pl.col("v").replace_strict(old, new, return_dtype=pl.String),
        )
        .sort("seq")
    )


Edge = tuple[str, str, str, dict[str, Any]]


@dataclass(frozen=True)
class LegBlock:
    """Consecutive ``ROUTE_LEG`` relationships from one place, in order: ``legs`` has
    columns ``v`` (target node), ``route`` (route id) and ``order`` (the stop it ends at).
    A writer can turn a block into text column-wise; :func:`leg_edges` gives its edges."""

    u: str
    legs: pl.DataFrame


def leg_edges(block: LegBlock) -> Iterator[Edge]:
    """The relationships of a :class:`LegBlock`, one at a time."""
    relation = str(Relation.ROUTE_LEG)
    for chunk in block.legs.iter_slices(CHUNK_ROWS):
        for v, route, order in chunk.select("v", "route", "order").iter_rows():
            key = f"{relation}:{route}:{order}"
            yield block.u, v, key, {"relation": relation, "route": route, "order": order}


def detail_node_ids(G: nx.MultiDiGraph) -> list[str]:
    """The node ids of :func:`with_route_detail` (``G``), in its order."""
    table = routes_of(G)
    ids = [route_node(rid) for rid in table.ids()]
    return [*structure_nodes(G), *ids, *_added_places(G, table, place_nodes(table))]


def detail_nodes(
    G: nx.MultiDiGraph, *, plain: bool = False
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every node of :func:`with_route_detail` (``G``), in its order, without building it:
    the structure, then the routes chunk by chunk from the table, then the places only
    routes name. ``plain`` gives routes' attributes as JSON values (see
    :func:`route_attributes`)."""
    table = routes_of(G)
    for n in structure_nodes(G):
        yield n, G.nodes[n]
    for row in _rows(table):
        yield route_node(row["id"]), route_attributes(row, plain=plain)
    for place in _added_places(G, table, place_nodes(table)):
        yield place, _place_attrs(G, place)


def detail_edges(G: nx.MultiDiGraph) -> Iterator[Edge]:
    """Every relationship of :func:`with_route_detail` (``G``), in its order, without
    building it (see :func:`detail_edge_blocks`)."""
    for item in detail_edge_blocks(G):
        if isinstance(item, LegBlock):
            yield from leg_edges(item)
        else:
            yield item


def _own_edges(route_id: str, stops: list[str], sources: dict[str, list[str]]) -> list[Edge]:
    """A route node's own relationships (``CITES``, ``ROUTE_STOP``) as networkx lists
    them: by target in the order first linked (a route can pass a place twice)."""
    here = route_node(route_id)
    mine = [e for e in route_edges(route_id, stops, sources) if e.u == here]
    if len({e.v for e in mine}) == len(mine):
        return [(e.u, e.v, e.key, e.attrs) for e in mine]
    return [
        (e.u, e.v, e.key, e.attrs)
        for v in dict.fromkeys(e.v for e in mine)
        for e in mine
        if e.v == v
    ]


def detail_edge_blocks(G: nx.MultiDiGraph) -> Iterator[Edge | LegBlock]:
    """The relationships of :func:`with_route_detail` (``G``) in its order, the legs
    from each place in :class:`LegBlock` runs, without building the graph.

    networkx lists edges by source node (node order), then by target in the order the
    target was first linked, then as added. The legs are one table sorted that way; a
    place's relationships in the structure were added before any leg, so their targets
    come first, each followed by the legs to it, then the targets only legs reach.
    """
    import polars as pl

    table = routes_of(G)
    nodes = place_nodes(table)
    base = structure_nodes(G)
    keep = set(base)
    by_u: dict[str, pl.DataFrame] = {}
    legs = _legs_frame(table, nodes)
    if legs.height:
        legs = legs.with_columns(pl.col("seq").min().over("u", "v").alias("first"))
        for key, group in legs.partition_by("u", as_dict=True, maintain_order=True).items():
            by_u[str(key[0])] = group.sort("first", "seq").select("v", "route", "order")
        del legs
    for u in base:
        own = list(structure_edges(G, u, keep))
        part = by_u.pop(u, None)
        if part is None:
            yield from own
            continue
        targets = list(dict.fromkeys(e[1] for e in own))
        reached = set(part.get_column("v").unique().to_list())
        for v in targets:
            yield from (e for e in own if e[1] == v)
            if v in reached:
                yield LegBlock(u, part.filter(pl.col("v") == v))
        shared = [v for v in targets if v in reached]
        rest = part.filter(~pl.col("v").is_in(shared)) if shared else part
        if rest.height:
            yield LegBlock(u, rest)
    columns = table.df.select("id", stops_column(), "sources")
    for chunk in columns.iter_slices(CHUNK_ROWS):
        for rid, places, sources in chunk.iter_rows():
            stops = [nodes[p] for p in places]
            yield from _own_edges(rid, stops, route_sources(sources))
    for u in _added_places(G, table, nodes):
        part = by_u.pop(u, None)
        if part is not None:
            yield LegBlock(u, part)
