"""Build the typed graph: records become nodes, references become relationships.

Node ids are ``"{kind}:{id}"`` (``"Country:GRC"``, ``"Agreement:alb-grc-2006"``). Every
node has ``kind`` and ``label``; every edge has ``relation``, which is also its key
(a ``ROUTE_PAIR`` adds the victims to the key, as one pair of places can carry routes
for several groups). Kinds and relations are the Neo4j labels and relationship types.

The graph is the coordination structure (tens of thousands of nodes at most). Routes
are not nodes: they stay in the route table the graph carries (``G.graph["routes"]``,
read with :func:`coordgraph.routes.table.routes_of`) and enter the graph aggregated, one
``ROUTE_PAIR`` edge per pair of places and victims (:func:`add_route_pairs`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx

from coordgraph.bulk import paused_gc
from coordgraph.countries import country_name
from coordgraph.model import (
    UNKNOWN,
    Citation,
    CountryInfo,
    Link,
    Record,
    node_id,
    place_kind,
    place_node,
)
from coordgraph.validate import ref_values
from coordgraph.vocab import NodeKind, Relation

if TYPE_CHECKING:
    from coordgraph.dataset import Dataset
    from coordgraph.routes.table import RouteTable

__all__ = [
    "add_edges",
    "add_new_edges",
    "add_route_pairs",
    "build_graph",
    "node_attributes",
    "node_id",
    "place_node",
    "referenced_countries",
]


def referenced_countries(dataset: Dataset) -> set[str]:
    """Every country code any record of the dataset refers to."""
    codes: set[str] = {c.id for c in dataset.countries}
    for record in dataset.structure():
        for ref in record.REFS:
            if NodeKind.COUNTRY in ref.targets:
                codes.update(ref_values(record, ref))
    if dataset.route_count:
        places = dataset.route_table.places()
        codes.update(p for p in places if place_kind(p) is NodeKind.COUNTRY)
    return codes


@functools.cache
def _node_fields(cls: type[Record]) -> tuple[str, ...]:
    """The fields of a record class that become node attributes (links become edges)."""
    links = {ref.field for ref in cls.REFS if ref.link}
    return tuple(name for name in cls.model_fields if name not in links)


@functools.cache
def _link_fields(cls: type[Link]) -> tuple[tuple[str, Any], ...]:
    """(field, default) of a link class, its target left out."""
    fields = cls.model_fields
    return tuple((name, fields[name].default) for name in fields if name != cls.TARGET_FIELD)


def node_attributes(record: Record) -> dict[str, Any]:
    """A record's node attributes: its scalar and list fields (links become edges)."""
    attrs: dict[str, Any] = {}
    for name in _node_fields(type(record)):
        value = getattr(record, name)
        if value is None or value == ():
            continue
        if name == "sources":
            value = tuple(str(c) for c in value)
        attrs[name] = value
    attrs["kind"] = str(record.KIND)
    attrs["label"] = record.label
    return attrs


def _link_attrs(link: Link) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, default in _link_fields(type(link)):
        value = getattr(link, name)
        if value is None or value == () or value == default:
            continue
        cited = isinstance(value, tuple) and any(isinstance(c, Citation) for c in value)
        out[name] = tuple(str(c) for c in value) if cited else value
    return out


def build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """The dataset as a :class:`networkx.MultiDiGraph`.

    Examples
    --------
    >>> from coordgraph import load
    >>> G = build_graph(load())
    >>> G.nodes["Country:GRC"]["kind"]
    'Country'
    """
    G = nx.MultiDiGraph(name=dataset.info.name, title=dataset.info.title)
    G.graph["routes"] = dataset.route_table
    if dataset.info.as_of is not None:
        # the date the dataset speaks for: analyses default to it (dates.day_asked)
        G.graph["as_of"] = str(dataset.info.as_of)
    if dataset.stale_after is not None:
        # the staleness horizon a command was asked for: TimeRules default to it
        G.graph["stale_after"] = dataset.stale_after
    if dataset.info.expects:
        # expectation profiles applied to every State of the dataset (analyses.structures)
        G.graph["expects"] = tuple(dataset.info.expects)
    if dataset.info.profiles:
        G.graph["profiles"] = tuple(p.model_dump(mode="json") for p in dataset.info.profiles)
    info_by_code = {c.id: c for c in dataset.countries}
    for code in sorted(referenced_countries(dataset)):
        info: CountryInfo | None = info_by_code.get(code)
        attrs = node_attributes(info) if info else {"kind": str(NodeKind.COUNTRY), "id": code}
        attrs["label"] = info.name if info and info.name else country_name(code)
        attrs["iso3"] = code
        G.add_node(node_id(NodeKind.COUNTRY, code), **attrs)
    for record in dataset.structure():
        if isinstance(record, CountryInfo):
            continue
        G.add_node(record.node_id, **node_attributes(record))
    for record in dataset.structure():
        add_edges(G, record)
    add_route_pairs(G, dataset.route_table)
    return G


def add_route_pairs(G: nx.MultiDiGraph, table: RouteTable) -> None:
    """Add the routes of ``table`` to ``G`` aggregated: one ``ROUTE_PAIR`` edge per
    distinct (place, place, recorded victims), for each route's endpoints and each leg.

    Each edge carries ``victims`` (the recorded victims, sorted), ``routes`` (how many
    routes use the pair), ``endpoints`` and ``legs`` (how many uses are a route's two
    ends and how many one of its legs), and ``volume`` (the cases recorded on those
    routes, each route counted once) when recorded. Its key is
    ``ROUTE_PAIR:<victims joined by |>``. Places no other record names (``unknown``
    ends) become nodes here. The routes themselves stay in the table
    (:func:`coordgraph.routes.table.routes_of`).
    """
    relation = str(Relation.ROUTE_PAIR)
    pairs = table.pairs()
    nodes = {place: place_node(place) for place in table.places()}
    missing = {place for place, node in nodes.items() if node not in G}
    edges = []
    with paused_gc():
        for a, b, victims, endpoints, legs, routes, volume, volumes in pairs.iter_rows():
            for place in (a, b) if missing else ():
                if place in missing:  # a place no other record names: a node of its own
                    missing.discard(place)
                    label = place.partition(":")[2] or UNKNOWN
                    G.add_node(nodes[place], kind=str(place_kind(place)), id=label, label=label)
            attrs: dict[str, Any] = {
                "relation": relation,
                "victims": tuple(victims.split("|")) if victims else (),
                "routes": routes,
                "endpoints": endpoints,
                "legs": legs,
            }
            if volumes:
                attrs["volume"] = volume
            edges.append((nodes[a], nodes[b], f"{relation}:{victims}", attrs))
        add_new_edges(G, edges)


def add_new_edges(
    G: nx.MultiDiGraph, edges: Iterable[tuple[str, str, str, dict[str, Any]]]
) -> None:
    """Add edges ``(u, v, key, attributes)`` between nodes already in ``G``, in bulk:
    each attribute dict becomes the edge's own (not copied), and an edge already in
    ``G`` under the same key is replaced. What :meth:`networkx.MultiDiGraph.add_edge`
    does per edge, without its per-call checks, for the hundreds of thousands of route
    pairs of a large table."""
    succ, pred = G._succ, G._pred  # networkx's adjacency, written in bulk
    for u, v, key, attrs in edges:
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = G.edge_key_dict_factory()
        keys[key] = attrs
    nx._clear_cache(G)  # as add_edge does after a change


def add_edges(G: nx.MultiDiGraph, record: Record) -> None:
    """Add the edges ``record`` states (its references to other records, as their
    relations); the graph server's read-back adds them the same way."""
    here = record.node_id
    for ref in record.REFS:
        value = getattr(record, ref.field)
        if value is None:
            continue
        items: Iterable[Any] = value if isinstance(value, tuple) else (value,)
        if ref.relation is Relation.CITES:
            by_source: dict[str, list[str]] = {}
            for citation in items:
                assert isinstance(citation, Citation)
                by_source.setdefault(citation.source, [])
                if citation.locator:
                    by_source[citation.source].append(citation.locator)
            for source, locators in by_source.items():
                G.add_edge(
                    here,
                    node_id(NodeKind.SOURCE, source),
                    key=str(Relation.CITES),
                    relation=str(Relation.CITES),
                    locators=tuple(locators),
                )
            continue
        for item in items:
            if isinstance(item, Link):
                target_id = str(getattr(item, item.TARGET_FIELD))
                attrs = _link_attrs(item)
            else:
                target_id, attrs = str(item), {}
            kind = ref.targets[0] if len(ref.targets) == 1 else _kind_of(G, ref.targets, target_id)
            other = node_id(kind, target_id)
            src, dst = (other, here) if ref.inbound else (here, other)
            G.add_edge(src, dst, key=str(ref.relation), relation=str(ref.relation), **attrs)


def _kind_of(G: nx.MultiDiGraph, kinds: tuple[NodeKind, ...], target: str) -> NodeKind:
    for kind in kinds:
        if node_id(kind, target) in G:
            return kind
    return kinds[0]
