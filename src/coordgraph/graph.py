"""Build the typed graph: records become nodes, references become relationships.

Node ids are ``"{kind}:{id}"`` (``"Country:GRC"``, ``"Agreement:alb-grc-2006"``). Every
node has ``kind`` and ``label``; every edge has ``relation``, which is also its key
(route legs and stops add the route and order to the key, as one pair of places can
share many routes). Kinds and relations are the Neo4j labels and relationship types.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx

from coordgraph.countries import country_name
from coordgraph.model import (
    AREA_PREFIX,
    UNKNOWN,
    Citation,
    CountryInfo,
    Link,
    Record,
    Route,
    place_kind,
)
from coordgraph.validate import ref_values
from coordgraph.vocab import NodeKind, Relation, StopRole

if TYPE_CHECKING:
    from coordgraph.dataset import Dataset

__all__ = ["build_graph", "node_attributes", "node_id", "place_node", "referenced_countries"]


def node_id(kind: NodeKind | str, id_: str) -> str:
    """The graph node id of a record: ``"{kind}:{id}"``."""
    return f"{kind}:{id_}"


def place_node(place: str) -> str:
    """Node id of a normalised route place (country code, ``area:<id>`` or ``unknown``)."""
    kind = place_kind(place)
    if kind is NodeKind.AREA:
        return node_id(kind, place.removeprefix(AREA_PREFIX))
    if kind is NodeKind.UNKNOWN_PLACE:
        label = place.partition(":")[2] or UNKNOWN
        return node_id(kind, label)
    return node_id(kind, place)


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


def node_attributes(record: Record) -> dict[str, Any]:
    """A record's node attributes: its scalar and list fields (links become edges)."""
    links = {ref.field for ref in record.REFS if ref.link}
    attrs: dict[str, Any] = {}
    for name in type(record).model_fields:
        if name in links:
            continue
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
    for name in type(link).model_fields:
        if name == link.TARGET_FIELD:
            continue
        value = getattr(link, name)
        if value is None or value == () or value == type(link).model_fields[name].default:
            continue
        out[name] = tuple(str(c) for c in value) if name == "sources" else value
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
    routes = dataset.of(Route)  # route nodes: until routes enter the graph aggregated
    for route in routes:
        G.add_node(route.node_id, **node_attributes(route))
    for record in dataset.structure():
        _add_edges(G, record)
    for route in routes:
        _add_edges(G, route)
    return G


def _add_edges(G: nx.MultiDiGraph, record: Record) -> None:
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
    if isinstance(record, Route):
        _add_route(G, record)


def _kind_of(G: nx.MultiDiGraph, kinds: tuple[NodeKind, ...], target: str) -> NodeKind:
    for kind in kinds:
        if node_id(kind, target) in G:
            return kind
    return kinds[0]


def _add_route(G: nx.MultiDiGraph, route: Route) -> None:
    stops = route.stops
    last = len(stops) - 1
    for order, place in enumerate(stops):
        target = place_node(place)
        if target not in G:
            kind = place_kind(place)
            label = place.partition(":")[2] or "unknown"
            G.add_node(target, kind=str(kind), id=label, label=label)
        role = (
            StopRole.ORIGIN
            if order == 0
            else StopRole.DESTINATION
            if order == last
            else StopRole.TRANSIT
        )
        G.add_edge(
            route.node_id,
            target,
            key=f"{Relation.ROUTE_STOP}:{order}",
            relation=str(Relation.ROUTE_STOP),
            order=order,
            role=str(role),
        )
        if order:
            G.add_edge(
                place_node(stops[order - 1]),
                target,
                key=f"{Relation.ROUTE_LEG}:{route.id}:{order}",
                relation=str(Relation.ROUTE_LEG),
                route=route.id,
                order=order,
            )


def route_stops(G: nx.MultiDiGraph, route: str) -> list[str]:
    """The places of a route node in order: origin, transits, destination."""
    return [
        v
        for _, v in sorted(
            (int(a["order"]), v)
            for _, v, a in G.out_edges(route, data=True)
            if a.get("relation") == Relation.ROUTE_STOP
        )
    ]
