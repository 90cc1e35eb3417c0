"""GeoJSON for QGIS and web maps, carrying the route analysis as of a date.

Positions and outlines come from the countryinfo package (see
:mod:`coordgraph.routes.places`); nothing is downloaded.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

import networkx as nx

from coordgraph.bulk import paused_gc
from coordgraph.export.analysis import (
    Analysis,
    analyse,
    finding_fields,
    link_status,
    pair_id,
)
from coordgraph.lookup import state_of
from coordgraph.routes.detail import CHUNK_ROWS, place_nodes
from coordgraph.routes.table import route_node, routes_of, stops_column
from coordgraph.vocab import NodeKind

if TYPE_CHECKING:
    import polars as pl

    from coordgraph.routes.table import RouteTable

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


#: The endpoint fields a Route feature takes from the finding on its two ends.
_ENDPOINT_FIELDS = ("link_status", "link_kind", "severity", "finding", "near_misses", "rule")
#: What a Route feature says when no finding is on its two ends.
_NO_ENDPOINT = dict.fromkeys(("link_status", "link_kind", "severity", "finding"))


def _members(fields: dict[str, Any]) -> str:
    """``fields`` as the members of a JSON object (``"a": 1, "b": 2``), as
    ``json.dumps`` writes them inside a larger object."""
    return json.dumps(fields, ensure_ascii=False)[1:-1]


#: Lines through a sequence of places kept for routes that follow the same places.
_LINES_KEPT = 1 << 16


class _RouteTexts:
    """The pieces of text Route features share, each written once: the endpoint
    fields of a pair's finding, a pair as a leg, a line through a sequence of places."""

    def __init__(self, G: nx.MultiDiGraph, analysis: Analysis, nodes: dict[str, str]) -> None:
        self.analysis = analysis
        self.points = {node: place_point(G, node) for node in nodes.values()}
        self.status = [link_status(f) for f in analysis.pairs]
        self.legs = [
            json.dumps(
                {"pair": pair_id(f), "places": list(f.subjects), "link_status": link_status(f)},
                ensure_ascii=False,
            )
            for f in analysis.pairs
        ]
        self.no_endpoint = _members(_NO_ENDPOINT)
        self._endpoints: dict[int, str] = {}
        self._lines: dict[tuple[str, ...], tuple[str | None, bool]] = {}

    def endpoint(self, pair: int | None) -> str:
        if pair is None:
            return self.no_endpoint
        if pair not in self._endpoints:
            # the text is kept, not the fields (a million routes share 200k pairs)
            fields = finding_fields(self.analysis.pairs[pair])
            chosen = {k: fields[k] for k in _ENDPOINT_FIELDS}
            chosen["evidence"] = fields["evidence"]
            self._endpoints[pair] = _members(chosen)
        return self._endpoints[pair]

    def line(self, stops: tuple[str, ...]) -> tuple[str | None, bool]:
        if stops not in self._lines:
            geometry, partial = _line([self.points[v] for v in stops])
            text = json.dumps(geometry) if geometry is not None else None
            if len(self._lines) >= _LINES_KEPT:  # routes come in id order, not by stops
                self._lines.clear()
            self._lines[stops] = (text, partial)
        return self._lines[stops]

    def legs_of(self, pairs: list[int] | None) -> str:
        pairs = pairs or []
        unlinked = sum(1 for i in pairs if self.status[i] != "linked")
        items = ", ".join(self.legs[i] for i in pairs)
        return f'"legs": [{items}], "unlinked_legs": {unlinked}'


def _route_findings(analysis: Analysis, table: RouteTable, nodes: dict[str, str]) -> pl.DataFrame:
    """Per route of ``table`` (by id): ``node``, ``stops`` (node ids), ``endpoint`` (the
    index in ``analysis.pairs`` of the first finding that lists the route and is on its
    origin and destination, or null) and ``legs`` (the findings that list it and are a
    leg of some route, in pairs order), with ``name``, ``victims`` and ``volume``."""
    import polars as pl

    # places as integer codes: the endpoint test compares codes, not 2M pairs of texts
    codes = {node: i for i, node in enumerate(dict.fromkeys(nodes.values()))}
    place_codes = {place: codes[node] for place, node in nodes.items()}
    code = pl.UInt32
    pairs = analysis.pairs
    facts = pl.DataFrame(
        {
            "pair": pl.Series(range(len(pairs)), dtype=pl.UInt32),
            "a": [codes.get(f.subjects[0]) for f in pairs],
            "b": [codes.get(f.subjects[-1]) for f in pairs],
            "is_leg": [
                any(str(r).startswith("leg") for r in f.details.get("roles", ())) for f in pairs
            ],
        },
        schema={"pair": pl.UInt32, "a": pl.UInt32, "b": pl.UInt32, "is_leg": pl.Boolean},
    )
    route = pl.concat_str(pl.lit(route_node("")), pl.col("id"))  # route_node, column-wise
    routes = table.df.select(
        route.alias("node"),
        "id",
        "name",
        stops_column().list.eval(pl.element().replace_strict(nodes, return_dtype=pl.String)),
        "victims",
        "volume",
    )
    ends = table.df.select(
        route.alias("route"),
        stops_column().list.first().replace_strict(place_codes, return_dtype=code).alias("first"),
        stops_column().list.last().replace_strict(place_codes, return_dtype=code).alias("last"),
    )
    uses = analysis.route_pairs().join(facts, on="pair").join(ends, on="route")
    endpoint = (
        uses.filter((pl.col("a") == pl.col("first")) & (pl.col("b") == pl.col("last")))
        .group_by("route")
        .agg(pl.col("pair").min().alias("endpoint"))
    )
    legs = uses.filter(pl.col("is_leg")).group_by("route").agg(pl.col("pair").sort().alias("legs"))
    return (
        routes.join(endpoint, left_on="node", right_on="route", how="left")
        .join(legs, left_on="node", right_on="route", how="left")
        .sort("id")
    )


def _route_feature_texts(
    G: nx.MultiDiGraph, analysis: Analysis, *, omitted: list[str]
) -> Iterator[str]:
    """Each route of the table as the text of its Route feature, in id order (see
    :func:`to_geojson`); a route without a geometry goes to ``omitted``."""
    table = routes_of(G)
    nodes = place_nodes(table)
    texts = _RouteTexts(G, analysis, nodes)
    day = analysis.as_of.isoformat()
    columns = ("node", "id", "name", "stops", "victims", "volume", "endpoint", "legs")
    rows = _route_findings(analysis, table, nodes).select(columns)
    for chunk in rows.iter_slices(CHUNK_ROWS):
        for n, rid, name, stops, victims, volume, endpoint, legs in chunk.iter_rows():
            geometry, partial = texts.line(tuple(stops))
            if geometry is None:
                omitted.append(n)
                continue
            own = {
                "id": n,
                "kind": "Route",
                "label": name or rid,
                "stops": stops,
                "victims": victims or [],
                "volume": volume,
                "partial": partial,
                "as_of": day,
            }
            yield (
                f'{{"type": "Feature", "geometry": {geometry}, "properties": {{{_members(own)}, '
                f"{texts.endpoint(endpoint)}, {texts.legs_of(legs)}}}}}"
            )


def _country_features(
    G: nx.MultiDiGraph, analysis: Analysis, *, outlines: bool
) -> Iterator[dict[str, Any]]:
    """A feature per country of the graph, in node id order."""
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


def _pair_features(
    G: nx.MultiDiGraph, analysis: Analysis, *, omitted_pairs: list[str]
) -> Iterator[dict[str, Any]]:
    """A feature per pair of places the analysis checked, in pair id order."""
    for f in analysis.pairs:
        geometry, partial = _line([place_point(G, p) for p in f.subjects])
        if geometry is None:
            omitted_pairs.append(pair_id(f))
            continue
        label = " -> ".join(str(G.nodes[p].get("label", p)) if p in G else p for p in f.subjects)
        props: dict[str, Any] = {
            "id": pair_id(f),
            "kind": "RoutePair",
            "label": label,
            "places": list(f.subjects),
        }
        props.update(finding_fields(f))
        props["partial"] = partial
        yield {"type": "Feature", "geometry": geometry, "properties": props}


def _feature_texts(
    G: nx.MultiDiGraph,
    analysis: Analysis,
    *,
    outlines: bool,
    omitted: list[str],
    omitted_pairs: list[str],
) -> Iterator[str]:
    """The features of :func:`to_geojson` one at a time, each as the text
    ``json.dumps(ensure_ascii=False)`` gives it: countries, then routes (read from the
    table in chunks, in id order), then pairs; routes and pairs without a geometry go
    to the two lists."""
    for feature in _country_features(G, analysis, outlines=outlines):
        yield json.dumps(feature, ensure_ascii=False)
    yield from _route_feature_texts(G, analysis, omitted=omitted)
    for feature in _pair_features(G, analysis, omitted_pairs=omitted_pairs):
        yield json.dumps(feature, ensure_ascii=False)


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
    features = [
        json.loads(text)
        for text in _feature_texts(
            G, analysis, outlines=outlines, omitted=omitted, omitted_pairs=omitted_pairs
        )
    ]
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
    with paused_gc():
        for text in _feature_texts(
            G, analysis, outlines=outlines, omitted=omitted, omitted_pairs=omitted_pairs
        ):
            batch.append(text if first else ", " + text)
            first = False
            if len(batch) >= _WRITE_BATCH:
                handle.write("".join(batch))
                batch.clear()
    handle.write("".join(batch))
    handle.write(
        f'], "omitted_routes": {json.dumps(omitted, ensure_ascii=False)}, '
        f'"omitted_pairs": {json.dumps(omitted_pairs, ensure_ascii=False)}}}\n'
    )
