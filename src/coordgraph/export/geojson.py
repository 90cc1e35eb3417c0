"""GeoJSON for QGIS and web maps, carrying the route analysis as of a date.

Positions and outlines come from the countryinfo package (see
:mod:`coordgraph.routes.places`); nothing is downloaded.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterator
from typing import IO, Any

import networkx as nx

from coordgraph.export.analysis import (
    Analysis,
    analyse,
    link_status,
    pair_id,
)
from coordgraph.lookup import state_of
from coordgraph.routes.detail import CHUNK_ROWS, place_nodes
from coordgraph.routes.table import route_node, routes_of, stops_column
from coordgraph.vocab import NodeKind

__all__ = ["country_feature_geometry", "place_point", "to_geojson", "write_geojson"]


def place_point(G: nx.MultiDiGraph, node: str) -> tuple[float, float] | None:
    """(longitude, latitude) of a country's centroid; an area sits at its country's; a
    place the graph does not hold has none."""
    from coordgraph.routes.places import centroid

    if node not in G:
        return None
    attrs = G.nodes[node]
    kind = attrs.get("kind")
    if kind == NodeKind.COUNTRY:
        return centroid(str(attrs.get("iso3", node.partition(":")[2])))
    if kind == NodeKind.AREA:
        state = state_of(G, node)
        return centroid(state) if state else None
    return None


def _ring_area(ring: list[tuple[float, float]]) -> float:
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))


def country_feature_geometry(code: str, *, outlines: bool) -> dict[str, Any] | None:
    """A MultiPolygon outline (``outlines=True``, when shipped) or the centroid Point."""
    from coordgraph.routes.places import centroid, outline

    if outlines:
        polygons = []
        for ring in outline(code):
            closed = ring if ring[0] == ring[-1] else [*ring, ring[0]]
            if len(closed) < 4:
                continue
            if _ring_area(closed) < 0:  # RFC 7946: exterior rings counterclockwise
                closed = closed[::-1]
            polygons.append([[list(p) for p in closed]])
        if polygons:
            return {"type": "MultiPolygon", "coordinates": polygons}
    point = centroid(code)
    return {"type": "Point", "coordinates": list(point)} if point else None


def _line(points: list[tuple[float, float] | None]) -> tuple[dict[str, Any] | None, bool]:
    known: list[list[float]] = []
    for p in points:
        if p is not None and (not known or known[-1] != list(p)):
            known.append(list(p))
    partial = any(p is None for p in points)
    if not known or (len(known) == 1 and partial):
        return None, partial
    if len(known) == 1:  # both ends in one State: an internal route
        return {"type": "Point", "coordinates": known[0]}, partial
    return {"type": "LineString", "coordinates": known}, partial


def _route_properties(analysis: Analysis, route: str, stops: list[str]) -> dict[str, Any]:
    props: dict[str, Any] = {"as_of": analysis.as_of.isoformat()}
    endpoint = analysis.route_status(route, stops[0], stops[-1]) if len(stops) > 1 else None
    if endpoint is not None:
        fields = analysis.fields(endpoint)
        for k in ("link_status", "link_kind", "severity", "finding", "near_misses", "rule"):
            props[k] = fields[k]
        props["evidence"] = fields["evidence"]
    else:
        props.update(link_status=None, link_kind=None, severity=None, finding=None)
    legs = analysis.legs(route)
    props["legs"] = [
        {"pair": pair_id(f), "places": list(f.subjects), "link_status": link_status(f)}
        for f in legs
    ]
    props["unlinked_legs"] = sum(1 for leg in props["legs"] if leg["link_status"] != "linked")
    return props


def _features(
    G: nx.MultiDiGraph,
    analysis: Analysis,
    *,
    outlines: bool,
    omitted: list[str],
    omitted_pairs: list[str],
) -> Iterator[dict[str, Any]]:
    """The features of :func:`to_geojson` one at a time (routes read from the table in
    chunks, in id order); routes and pairs without a geometry go to the two lists."""
    day = analysis.as_of.isoformat()
    for n, attrs in sorted(G.nodes(data=True)):
        if attrs.get("kind") != NodeKind.COUNTRY:
            continue
        code = str(attrs.get("iso3", n.partition(":")[2]))
        geometry = country_feature_geometry(code, outlines=outlines)
        if geometry is None:
            continue
        props = {"id": n, "kind": "Country", "iso3": code, "label": attrs.get("label")}
        props["as_of"] = day
        props.update(analysis.node_summary(n))
        yield {"type": "Feature", "geometry": geometry, "properties": props}
    table = routes_of(G)
    nodes = place_nodes(table)
    points = {node: place_point(G, node) for node in nodes.values()}
    columns = table.df.select("id", "name", stops_column(), "victims", "volume")
    for chunk in columns.sort("id").iter_slices(CHUNK_ROWS):
        for rid, name, places, victims, volume in chunk.iter_rows():
            n = route_node(rid)
            stops = [nodes[p] for p in places]
            geometry, partial = _line([points[v] for v in stops])
            if geometry is None:
                omitted.append(n)
                continue
            props = {
                "id": n,
                "kind": "Route",
                "label": name or rid,
                "stops": stops,
                "victims": list(victims or ()),
                "volume": volume,
                "partial": partial,
            }
            props.update(_route_properties(analysis, n, stops))
            yield {"type": "Feature", "geometry": geometry, "properties": props}
    for f in analysis.pairs:
        geometry, partial = _line([place_point(G, p) for p in f.subjects])
        if geometry is None:
            omitted_pairs.append(pair_id(f))
            continue
        label = " -> ".join(str(G.nodes[p].get("label", p)) if p in G else p for p in f.subjects)
        props = {
            "id": pair_id(f),
            "kind": "RoutePair",
            "label": label,
            "places": list(f.subjects),
        }
        props.update(analysis.fields(f))
        props["partial"] = partial
        yield {"type": "Feature", "geometry": geometry, "properties": props}


def to_geojson(
    G: nx.MultiDiGraph, *, as_of: dt.date | str | None = None, outlines: bool = False
) -> dict[str, Any]:
    """A FeatureCollection with the route analysis as of ``as_of`` (default today).

    * ``Country`` features: a Point at the centroid, or the outline as a MultiPolygon with
      ``outlines=True``; properties ``id``, ``iso3``, ``label``, ``as_of``,
      ``gap_findings``, ``highest_severity``, ``finding_kinds``, ``findings``.
    * ``Route`` features (every route of the graph's table, in id order): a LineString
      through the route's places (a Point for a route inside one State); properties
      ``id``, ``label``, ``stops``, ``victims``, ``volume``, ``partial``, and from the
      finding on its endpoint pair ``link_status`` (``linked``/``unlinked``/
      ``unresolved``), ``link_kind``, ``severity``, ``finding`` (the message),
      ``near_misses``, ``evidence``, ``as_of``; ``legs`` gives each leg's status and
      ``unlinked_legs`` how many legs are not linked.
    * ``RoutePair`` features: one per pair of places the analysis checked (endpoints and
      legs of every route), with every field of its finding, so a GIS can colour gaps.

    A place without a position is skipped and the geometry marked ``partial``; a route
    or pair with fewer than one placed stop beside unknown ones is listed in
    ``omitted_routes`` or ``omitted_pairs``. :func:`write_geojson` writes the same
    document without holding it.
    """
    analysis = analyse(G, as_of=as_of)
    omitted: list[str] = []
    omitted_pairs: list[str] = []
    features = list(
        _features(G, analysis, outlines=outlines, omitted=omitted, omitted_pairs=omitted_pairs)
    )
    return {
        "type": "FeatureCollection",
        "as_of": analysis.as_of.isoformat(),
        "features": features,
        "omitted_routes": omitted,
        "omitted_pairs": omitted_pairs,
    }


#: Features turned into text and written at a time.
_WRITE_BATCH = 2_000


def write_geojson(
    G: nx.MultiDiGraph,
    handle: IO[str],
    *,
    as_of: dt.date | str | None = None,
    outlines: bool = False,
) -> None:
    """Write :func:`to_geojson` to a text ``handle`` as ``json.dumps(ensure_ascii=False)``
    plus a newline would, streaming: features are turned into text a batch at a time and
    routes read from the table in chunks, so no document of a million routes is held."""
    analysis = analyse(G, as_of=as_of)
    omitted: list[str] = []
    omitted_pairs: list[str] = []
    day = json.dumps(analysis.as_of.isoformat())
    handle.write(f'{{"type": "FeatureCollection", "as_of": {day}, "features": [')
    batch: list[str] = []
    first = True
    for feature in _features(
        G, analysis, outlines=outlines, omitted=omitted, omitted_pairs=omitted_pairs
    ):
        batch.append(("" if first else ", ") + json.dumps(feature, ensure_ascii=False))
        first = False
        if len(batch) >= _WRITE_BATCH:
            handle.write("".join(batch))
            batch.clear()
    handle.write("".join(batch))
    handle.write(
        f'], "omitted_routes": {json.dumps(omitted, ensure_ascii=False)}, '
        f'"omitted_pairs": {json.dumps(omitted_pairs, ensure_ascii=False)}}}\n'
    )
