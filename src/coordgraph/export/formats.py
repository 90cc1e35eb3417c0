"""The export formats."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from coordgraph.dates import FuzzyDate
from coordgraph.errors import ExportError
from coordgraph.io.atomic import atomic_write_bytes, atomic_write_text, check_target
from coordgraph.io.safe import safe_cell
from coordgraph.vocab import NodeKind, Relation

__all__ = [
    "FOLDER_FORMATS",
    "FORMATS",
    "WriteOptions",
    "flat_graph",
    "to_geojson",
    "to_kumu",
    "to_node_link",
    "write_export",
    "write_gexf",
    "write_graphml",
]

LIST_SEPARATOR = "|"


def _flat(value: Any) -> Any:
    if isinstance(value, FuzzyDate):
        return str(value)
    if isinstance(value, tuple | list | set | frozenset):
        return LIST_SEPARATOR.join(str(_flat(v)) for v in value)
    if isinstance(value, bool | int | float):
        return value
    return str(value)


def flat_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` whose values are strings, numbers or booleans.

    Dates become text with their precision (``2006-02``); lists become ``|``-joined text.
    """
    H = nx.MultiDiGraph(**{k: _flat(v) for k, v in G.graph.items()})
    for n, attrs in G.nodes(data=True):
        H.add_node(n, **{k: _flat(v) for k, v in attrs.items() if v is not None})
    for u, v, key, attrs in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **{k: _flat(x) for k, x in attrs.items() if x is not None})
    return H


def write_graphml(G: nx.MultiDiGraph, path: Path) -> None:
    """GraphML. Keeps every node, edge and attribute with its type (string, number,
    boolean); loses the list structure (``|``-joined) and date precision markers (dates
    are text such as ``2006-02``)."""
    buf = io.BytesIO()
    nx.write_graphml(flat_graph(G), buf, named_key_ids=True)
    atomic_write_bytes(path, buf.getvalue())


def write_gexf(G: nx.MultiDiGraph, path: Path) -> None:
    """GEXF 1.2 for Gephi, with ``start``/``end`` from each record's dates so the timeline
    works (agreements from entry into force, else signature). Loses what GraphML loses;
    start/end use the first day a date can mean."""
    H = flat_graph(G)
    for _, attrs in H.nodes(data=True):
        # networkx writes an ``id`` attribute as the GEXF node id: keep the graph's ids
        if "id" in attrs:
            attrs["record_id"] = attrs.pop("id")
    for n, attrs in G.nodes(data=True):
        start = attrs.get("in_force") or attrs.get("signed") or attrs.get("valid_from")
        end = attrs.get("valid_to")
        if isinstance(start, FuzzyDate):
            H.nodes[n]["start"] = start.start.isoformat()
        if isinstance(end, FuzzyDate):
            H.nodes[n]["end"] = end.end.isoformat()
    for _u, _v, _k, attrs in H.edges(keys=True, data=True):
        attrs.pop("start", None)
    buf = io.BytesIO()
    nx.write_gexf(H, buf, version="1.2draft")
    atomic_write_bytes(path, buf.getvalue())


def to_node_link(G: nx.MultiDiGraph) -> dict[str, Any]:
    """node-link JSON (``networkx.node_link_data`` with ``edges``); dates as text, lists
    as JSON lists, enums as their values. Each node's ``id`` is the graph id
    (``Agreement:alb-grc-2006``); the record's own id is kept as ``record_id``."""

    def plain(value: Any) -> Any:
        if isinstance(value, FuzzyDate):
            return str(value)
        if isinstance(value, tuple | list):
            return [plain(v) for v in value]
        if isinstance(value, bool | int | float | str) or value is None:
            return value
        return str(value)

    H = nx.MultiDiGraph(**G.graph)
    for n, attrs in G.nodes(data=True):
        # node_link_data writes the node id under "id": keep the record id beside it
        H.add_node(n, **{("record_id" if k == "id" else k): plain(v) for k, v in attrs.items()})
    for u, v, key, attrs in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **{k: plain(x) for k, x in attrs.items()})
    return nx.node_link_data(H, edges="edges")  # type: ignore[no-any-return]


def country_position(code: str) -> tuple[float, float] | None:
    """(longitude, latitude) of a country's centroid from the countryinfo package."""
    from coordgraph.render.geo import centroid

    return centroid(code)


def _place_point(G: nx.MultiDiGraph, node: str) -> tuple[float, float] | None:
    attrs = G.nodes[node]
    kind = attrs.get("kind")
    if kind == NodeKind.COUNTRY:
        return country_position(str(attrs.get("iso3", node.partition(":")[2])))
    if kind == NodeKind.AREA:
        for _, target, rel in G.out_edges(node, data="relation"):
            if rel == Relation.LOCATED_IN:
                return country_position(target.partition(":")[2])
    return None


def to_geojson(G: nx.MultiDiGraph) -> dict[str, Any]:
    """A FeatureCollection: a Point per country (its centroid; areas sit at their
    country's point) and a LineString per route through its places (a Point for a route
    inside one State). A route with an unknown place, or a place without a known position,
    is drawn through the places that have one and marked ``"partial": true``; with fewer
    than two it is left out and listed in the collection's ``"omitted_routes"``."""
    features: list[dict[str, Any]] = []
    for n, attrs in sorted(G.nodes(data=True)):
        if attrs.get("kind") != NodeKind.COUNTRY:
            continue
        point = _place_point(G, n)
        if point is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": list(point)},
                "properties": {"id": n, "kind": "Country", "label": attrs.get("label")},
            }
        )
    omitted = []
    for n, attrs in sorted(G.nodes(data=True)):
        if attrs.get("kind") != NodeKind.ROUTE:
            continue
        stops = sorted(
            (a["order"], v)
            for _, v, a in G.out_edges(n, data=True)
            if a.get("relation") == Relation.ROUTE_STOP
        )
        points = [_place_point(G, v) for _, v in stops]
        known: list[list[float]] = []
        for p in points:
            if p is not None and (not known or known[-1] != list(p)):
                known.append(list(p))
        if not known or (len(known) == 1 and None in points):
            omitted.append(n)
            continue
        geometry: dict[str, Any] = (
            {"type": "LineString", "coordinates": known}
            if len(known) > 1
            else {"type": "Point", "coordinates": known[0]}  # an internal route
        )
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "id": n,
                    "kind": "Route",
                    "label": attrs.get("label"),
                    "stops": [v for _, v in stops],
                    "victims": [str(v) for v in attrs.get("victims", ())],
                    "volume": attrs.get("volume"),
                    "partial": len(known) < len(points),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features, "omitted_routes": omitted}


def to_kumu(G: nx.MultiDiGraph) -> dict[str, str]:
    """Kumu's spreadsheet import: ``elements.csv`` (Label, Type, Description, Tags, ID)
    and ``connections.csv`` (From, To, Type, Description). Cells are safe to open in a
    spreadsheet (a value starting with ``=``, ``+``, ``-``, ``@`` gets a leading ``'``).
    Loses everything but labels, kinds, sources and dates."""
    elements = io.StringIO()
    w = csv.writer(elements, lineterminator="\n")
    w.writerow(["Label", "Type", "Description", "Tags", "ID"])
    for n, attrs in sorted(G.nodes(data=True)):
        tags = [str(attrs.get("type", ""))] if attrs.get("type") else []
        desc = "; ".join(
            f"{k}: {_flat(attrs[k])}"
            for k in ("valid_from", "valid_to", "signed", "in_force", "scope", "sources")
            if attrs.get(k)
        )
        w.writerow(
            [
                safe_cell(x)
                for x in (attrs.get("label", n), attrs.get("kind"), desc, "|".join(tags), n)
            ]
        )
    connections = io.StringIO()
    w = csv.writer(connections, lineterminator="\n")
    w.writerow(["From", "To", "Type", "Description"])
    for u, v, attrs in sorted(
        G.edges(data=True), key=lambda e: (e[0], e[1], str(e[2].get("relation")))
    ):
        desc = "; ".join(f"{k}: {_flat(x)}" for k, x in sorted(attrs.items()) if k != "relation")
        w.writerow([safe_cell(x) for x in (u, v, attrs.get("relation"), desc)])
    return {"elements.csv": elements.getvalue(), "connections.csv": connections.getvalue()}


def _write_kumu(G: nx.MultiDiGraph, path: Path, options: WriteOptions) -> None:
    from coordgraph.io.atomic import OutputFolder

    with OutputFolder(
        path, overwrite=options.overwrite, command="export --format kumu", inputs=options.inputs
    ) as out:
        for name, text in to_kumu(G).items():
            out.write_text(name, text, bom=options.bom)


def _write_cypher(G: nx.MultiDiGraph, path: Path, options: WriteOptions) -> None:
    try:
        from coordgraph.neo4j.script import cypher_script
    except ImportError:
        raise ExportError("the cypher export needs coordgraph.neo4j") from None

    atomic_write_text(path, cypher_script(G), inputs=options.inputs)


@dataclass(frozen=True)
class WriteOptions:
    """How an export is written: ``overwrite`` lets a folder export (kumu) write into a
    non-empty folder coordgraph did not create; ``bom`` starts CSV files with a UTF-8
    byte-order mark (Excel needs it to read accents); ``inputs`` are never written over."""

    overwrite: bool = False
    bom: bool = True
    inputs: tuple[Path, ...] = ()


def _file(write: Callable[[nx.MultiDiGraph, Path], None]) -> Callable[..., None]:
    def run(G: nx.MultiDiGraph, path: Path, options: WriteOptions) -> None:
        check_target(path, inputs=options.inputs)
        write(G, path)

    return run


FORMATS: dict[str, Callable[[nx.MultiDiGraph, Path, WriteOptions], None]] = {
    "graphml": _file(write_graphml),
    "gexf": _file(write_gexf),
    "json": lambda G, p, o: atomic_write_text(
        p, json.dumps(to_node_link(G), indent=1, ensure_ascii=False) + "\n", inputs=o.inputs
    ),
    "geojson": lambda G, p, o: atomic_write_text(
        p, json.dumps(to_geojson(G), ensure_ascii=False) + "\n", inputs=o.inputs
    ),
    "kumu": _write_kumu,
    "cypher": _write_cypher,
}

#: formats that write a folder rather than one file
FOLDER_FORMATS = frozenset({"kumu"})


def write_export(
    G: nx.MultiDiGraph,
    fmt: str,
    path: Path,
    *,
    overwrite: bool = False,
    bom: bool = True,
    inputs: tuple[Path, ...] = (),
) -> Path:
    """Write ``G`` in ``fmt`` to ``path`` atomically (kumu writes a folder; see
    :class:`WriteOptions` and :class:`coordgraph.io.atomic.OutputFolder`)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    try:
        FORMATS[fmt](G, Path(path), WriteOptions(overwrite, bom, tuple(inputs)))
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    return Path(path)
