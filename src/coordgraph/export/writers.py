"""Writing the graph to files for other tools: GraphML, GEXF, node-link JSON, GeoJSON, a Kumu
workbook and a Cypher script, each written atomically (:func:`write_export`)."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from json.encoder import encode_basestring
from pathlib import Path
from typing import IO, Any

import networkx as nx

from coordgraph.dates import FuzzyDate
from coordgraph.errors import ExportError
from coordgraph.export.analysis import (
    Analysis,
    analyse,
    finding_fields,
    pair_id,
    xml_safe,
)
from coordgraph.export.geojson import to_geojson, write_geojson
from coordgraph.export.kumu import kumu_tables, kumu_workbook, write_kumu
from coordgraph.io.atomic import (
    atomic_write,
    atomic_write_bytes,
    atomic_write_text,
    cannot_write,
    check_target,
)
from coordgraph.routes.detail import (
    CHUNK_ROWS,
    ROUTE_PAIR,
    LegBlock,
    detail_edge_blocks,
    detail_edges,
    detail_nodes,
    leg_edges,
    with_route_detail,
)
from coordgraph.time_rules import TimeRules
from coordgraph.vocab import NodeKind, Relation

__all__ = [
    "ANALYSIS_FORMATS",
    "FORMATS",
    "ROUTE_PAIR",
    "WriteOptions",
    "analysis_graph",
    "flat_graph",
    "kumu_tables",
    "kumu_workbook",
    "to_geojson",
    "to_node_link",
    "write_export",
    "write_gexf",
    "write_graphml",
    "write_node_link",
]

LIST_SEPARATOR = "|"

#: Characters of text gathered before each write when streaming.
WRITE_BATCH_CHARS = 1 << 20


def _flat(value: Any) -> Any:
    if isinstance(value, FuzzyDate):
        return str(value)
    if isinstance(value, tuple | list | set | frozenset):
        return LIST_SEPARATOR.join(str(_flat(v)) for v in value)
    if isinstance(value, bool | int | float):
        return value
    return str(value)


def flat_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` with each route of its table as a node (see
    :func:`~coordgraph.routes.detail.with_route_detail`) whose values are strings,
    numbers or booleans.

    Dates become text with their precision (``2006-02``); lists become ``|``-joined text.
    """
    D = with_route_detail(G)
    H = nx.MultiDiGraph(**{k: _flat(v) for k, v in G.graph.items() if k != "routes"})
    for n, attrs in D.nodes(data=True):
        H.add_node(n, **{k: _flat(v) for k, v in attrs.items() if v is not None})
    for u, v, key, attrs in D.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **{k: _flat(x) for k, x in attrs.items() if x is not None})
    return H


def _xml_value(value: Any) -> Any:
    return xml_safe(value) if isinstance(value, str) else value


def analysis_graph(G: nx.MultiDiGraph, analysis: Analysis | None = None) -> nx.MultiDiGraph:
    """A flat copy of ``G`` (see :func:`flat_graph`) that carries the analysis: each node
    gets ``gap_findings``, ``highest_severity``, ``finding_kinds`` and ``findings``; each
    route pair gets a ``ROUTE_PAIR`` edge with its link status, link kind, severity,
    finding message, near misses, evidence and ``as_of``. Every text is XML-safe."""
    H = flat_graph(G)
    if analysis is not None:
        for n in H.nodes:
            summary = analysis.node_summary(n)
            if summary["gap_findings"]:
                H.nodes[n].update({k: _flat(v) for k, v in summary.items()})
        H.graph["as_of"] = analysis.as_of.isoformat()
        for f in analysis.pairs:
            a, b = f.subjects
            attrs = {k: _flat(v) for k, v in finding_fields(f).items() if v not in (None, [])}
            H.add_edge(a, b, key=pair_id(f), relation=ROUTE_PAIR, **attrs)
    safe = {n: xml_safe(str(n)) for n in H.nodes}
    out = nx.MultiDiGraph(**{xml_safe(k): _xml_value(v) for k, v in H.graph.items()})
    for n, attrs in H.nodes(data=True):
        out.add_node(safe[n], **{xml_safe(k): _xml_value(v) for k, v in attrs.items()})
    for u, v, key, attrs in H.edges(keys=True, data=True):
        out.add_edge(
            safe[u],
            safe[v],
            key=xml_safe(str(key)),
            **{xml_safe(k): _xml_value(x) for k, x in attrs.items()},
        )
    return out


def write_graphml(G: nx.MultiDiGraph, path: Path, *, as_of: dt.date | str | None = None) -> None:
    """GraphML with the analysis as of ``as_of`` (see :func:`analysis_graph`). Keeps every
    node, edge and attribute with its type (string, number, boolean); loses the list
    structure (``|``-joined) and date precision markers (dates are text such as
    ``2006-02``). Characters XML cannot hold become U+FFFD."""
    buf = io.BytesIO()
    nx.write_graphml(analysis_graph(G, analyse(G, as_of=as_of)), buf, named_key_ids=True)
    atomic_write_bytes(path, buf.getvalue())


def write_gexf(G: nx.MultiDiGraph, path: Path, *, as_of: dt.date | str | None = None) -> None:
    """GEXF 1.2 for Gephi's timeline (``mode="dynamic"``, ``timeformat="date"``).

    Nodes hold from their record's dates (agreements from entry into force, else
    signature); memberships and parties from their own dates (joined, ratified,
    acceded, signed) until withdrawal or leaving, other relationships while both their
    ends hold (:meth:`~coordgraph.time_rules.TimeRules.link_spell`). Route-pair edges
    carry the findings as of ``as_of``. Edge ids are stable
    (``source>key>target``). Loses what GraphML loses; a start is the first day its date
    can mean, an end the last."""
    analysis = analyse(G, as_of=as_of)
    H = analysis_graph(G, analysis)
    D = with_route_detail(G)
    for _, attrs in H.nodes(data=True):
        # networkx writes an ``id`` attribute as the GEXF node id: keep the graph's ids
        if "id" in attrs:
            attrs["record_id"] = attrs.pop("id")
        for k in ("start", "end"):
            attrs.pop(k, None)
    for n, attrs in D.nodes(data=True):
        start, end = TimeRules.record_spell(attrs)
        if start is not None:
            H.nodes[xml_safe(n)]["start"] = start.start.isoformat()
        if end is not None:
            H.nodes[xml_safe(n)]["end"] = end.end.isoformat()
    for u, v, key, attrs in H.edges(keys=True, data=True):
        for k in ("start", "end", "type", "label", "weight", "id"):
            attrs.pop(k, None)
        attrs["id"] = f"{u}>{key}>{v}"
    for u, v, key, attrs in D.edges(keys=True, data=True):
        first, last = TimeRules.link_spell(D, u, v, attrs)
        edge = H.edges[xml_safe(u), xml_safe(v), xml_safe(str(key))]
        if first is not None:
            edge["start"] = first.isoformat()
        if last is not None:
            edge["end"] = last.isoformat()
    H.graph["mode"] = "dynamic"
    buf = io.BytesIO()
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", version="1.2draft")
    writer.add_graph(H)
    writer.graph_element.set("timeformat", "date")
    writer.write(buf)
    atomic_write_bytes(path, buf.getvalue())


def _plain(value: Any) -> Any:
    if isinstance(value, FuzzyDate):
        return str(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    return str(value)


def _node_link_node(n: str, attrs: dict[str, Any]) -> dict[str, Any]:
    # node_link_data writes the node id under "id": keep the record id beside it
    out = {("record_id" if k == "id" else k): _plain(v) for k, v in attrs.items()}
    out["id"] = n
    return out


def _node_link_edge(u: str, v: str, key: str, attrs: dict[str, Any]) -> dict[str, Any]:
    return {**{k: _plain(x) for k, x in attrs.items()}, "source": u, "target": v, "key": key}


def _node_link_head(G: nx.MultiDiGraph) -> dict[str, Any]:
    return {
        "directed": True,
        "multigraph": True,
        "graph": {k: v for k, v in G.graph.items() if k != "routes"},
    }


def to_node_link(G: nx.MultiDiGraph) -> dict[str, Any]:
    """node-link JSON (``networkx.node_link_data`` with ``edges``) of ``G`` with each route
    of its table as a ``Route`` node (see
    :func:`~coordgraph.routes.detail.with_route_detail`); dates as text, lists as
    JSON lists, enums as their values. Each node's ``id`` is the graph id
    (``Agreement:alb-grc-2006``); the record's own id is kept as ``record_id``.
    :func:`write_node_link` writes the same document without holding it."""
    return {
        **_node_link_head(G),
        "nodes": [_node_link_node(n, a) for n, a in detail_nodes(G)],
        "edges": [_node_link_edge(*e) for e in detail_edges(G)],
    }


#: Where each node-link item sits: inside the document's list, at json's indent 1.
_PAD = "  "


def _scalar(value: Any) -> str | None:
    """``value`` as ``json.dumps(ensure_ascii=False)`` writes it, for a string, integer,
    boolean or None; None for anything else."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return int.__repr__(value)
    return None


def _item_text(item: dict[str, Any]) -> str:
    """One node-link item as ``json.dumps(indent=1, ensure_ascii=False)`` writes it inside
    the document's list. Items are flat (scalars and lists of scalars), which this writes
    directly, several times faster than json's indenting encoder; anything else is left
    to json."""
    inner = _PAD + " "
    parts = []
    for key, value in item.items():
        text = _scalar(value)
        if text is None and isinstance(value, list):
            cells = [_scalar(v) for v in value]
            if None not in cells:
                body = ",\n".join(f"{inner} {c}" for c in cells)
                text = f"[\n{body}\n{inner}]" if cells else "[]"
        if text is None:
            text = json.dumps(value, indent=1, ensure_ascii=False).replace("\n", "\n" + inner)
        parts.append(f"{inner}{encode_basestring(str(key))}: {text}")
    if not parts:
        return _PAD + "{}"
    return _PAD + "{\n" + ",\n".join(parts) + "\n" + _PAD + "}"


#: Route ids that need no escaping in JSON (the model's id pattern).
_PLAIN_ID = r"^[A-Za-z0-9._-]+$"


def _legs_text(block: LegBlock) -> Iterator[str]:
    """The node-link items of a :class:`LegBlock`, built column-wise a chunk at a time
    (each text holds several items joined as in the list); falls back to one item at a
    time for ids that would need escaping."""
    import polars as pl

    targets = block.legs.get_column("v").unique().to_list()
    encoded = (
        pl.Series(targets, dtype=pl.String),
        pl.Series([encode_basestring(v) for v in targets]),
    )
    relation = str(Relation.ROUTE_LEG)
    inner = _PAD + " "
    order = pl.col("order").cast(pl.String)
    text = pl.concat_str(
        pl.lit(f'{_PAD}{{\n{inner}"relation": {encode_basestring(relation)},\n{inner}"route": "'),
        pl.col("route"),
        pl.lit(f'",\n{inner}"order": '),
        order,
        pl.lit(f',\n{inner}"source": {encode_basestring(block.u)},\n{inner}"target": '),
        pl.col("v").replace_strict(*encoded, return_dtype=pl.String),
        pl.lit(f',\n{inner}"key": "{relation}:'),
        pl.col("route"),
        pl.lit(":"),
        order,
        pl.lit(f'"\n{_PAD}}}'),
    )
    for chunk in block.legs.iter_slices(CHUNK_ROWS):
        if chunk.get_column("route").str.contains(_PLAIN_ID).all():
            yield chunk.select(text.str.join(",\n")).item()
        else:
            yield ",\n".join(
                _item_text(_node_link_edge(*e)) for e in leg_edges(LegBlock(block.u, chunk))
            )


#: Attribute names of a route's stop and citation relationships, in order
#: (:func:`~coordgraph.routes.detail.route_edges`): these get a template.
_STOP_ATTRS = ("relation", "order", "role")
_CITES_ATTRS = ("relation", "locators")


def _edge_text(u: str, v: str, key: str, attrs: dict[str, Any]) -> str:
    """One relationship as :func:`_item_text` writes it; a route's stops and citations
    (most relationships of a large export) by template, the rest generically."""
    inner = _PAD + " "
    names = tuple(attrs)
    if names == _STOP_ATTRS and isinstance(attrs["order"], int):
        head = (
            f'{inner}"relation": {encode_basestring(attrs["relation"])},\n'
            f'{inner}"order": {int.__repr__(attrs["order"])},\n'
            f'{inner}"role": {encode_basestring(attrs["role"])},\n'
        )
    elif names == _CITES_ATTRS and all(isinstance(x, str) for x in attrs["locators"]):
        cells = ",\n".join(f"{inner} {encode_basestring(x)}" for x in attrs["locators"])
        locators = f"[\n{cells}\n{inner}]" if cells else "[]"
        head = (
            f'{inner}"relation": {encode_basestring(attrs["relation"])},\n'
            f'{inner}"locators": {locators},\n'
        )
    else:
        return _item_text(_node_link_edge(u, v, key, attrs))
    return (
        f'{_PAD}{{\n{head}{inner}"source": {encode_basestring(u)},\n'
        f'{inner}"target": {encode_basestring(v)},\n'
        f'{inner}"key": {encode_basestring(key)}\n{_PAD}}}'
    )


def _edge_texts(G: nx.MultiDiGraph) -> Iterator[str]:
    for item in detail_edge_blocks(G):
        if isinstance(item, LegBlock):
            yield from _legs_text(item)
        else:
            yield _edge_text(*item)


def _node_texts(G: nx.MultiDiGraph) -> Iterator[str]:
    route = str(NodeKind.ROUTE)
    for n, attrs in detail_nodes(G, plain=True):
        if attrs.get("kind") == route:  # from the table: JSON values already
            item = {("record_id" if k == "id" else k): v for k, v in attrs.items()}
            item["id"] = n
            yield _item_text(item)
        else:
            yield _item_text(_node_link_node(n, attrs))


def _write_list(handle: IO[str], texts: Iterator[str]) -> None:
    """Write the body of a JSON list from item texts (see :func:`_item_text`), a batch
    at a time, as ``json.dumps(indent=1)`` lays out a list of the document."""
    first = True
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(("\n" if first else ",\n") + text)
        first = False
        size += len(text)
        if size >= WRITE_BATCH_CHARS:
            handle.write("".join(batch))
            batch.clear()
            size = 0
    handle.write("".join(batch))
    if not first:
        handle.write("\n ")


def write_node_link(G: nx.MultiDiGraph, handle: IO[str]) -> None:
    """Write :func:`to_node_link` of ``G`` to a text ``handle`` as
    ``json.dumps(indent=1, ensure_ascii=False)`` plus a newline would, streaming: items
    are turned into text a batch at a time (the legs column-wise), routes read from the
    table in chunks, so a million routes never make one document in memory."""
    head = json.dumps(_node_link_head(G), indent=1, ensure_ascii=False)
    handle.write(head[:-2] + ',\n "nodes": [')
    _write_list(handle, _node_texts(G))
    handle.write('],\n "edges": [')
    _write_list(handle, _edge_texts(G))
    handle.write("]\n}\n")


@dataclass(frozen=True)
class WriteOptions:
    """How an export is written: ``as_of`` is the day whose findings it carries (default
    today); ``inputs`` are never written over; ``outlines`` draws countries as outlines
    in GeoJSON."""

    inputs: tuple[Path, ...] = ()
    as_of: dt.date | str | None = None
    outlines: bool = False
    neutralise: bool = True


def _write_kumu(G: nx.MultiDiGraph, path: Path, options: WriteOptions) -> None:
    with atomic_write(path, "wb", inputs=options.inputs) as handle:
        write_kumu(G, handle, as_of=options.as_of, neutralise=options.neutralise)


def _write_geojson(G: nx.MultiDiGraph, path: Path, options: WriteOptions) -> None:
    with atomic_write(path, "w", inputs=options.inputs, encoding="utf-8", newline="") as fh:
        write_geojson(G, fh, as_of=options.as_of, outlines=options.outlines)


def _write_json(G: nx.MultiDiGraph, path: Path, options: WriteOptions) -> None:
    with atomic_write(path, "w", inputs=options.inputs, encoding="utf-8", newline="") as fh:
        write_node_link(G, fh)


def _write_cypher(G: nx.MultiDiGraph, path: Path, options: WriteOptions) -> None:
    try:
        from coordgraph.neo4j.script import cypher_script
    except ImportError:
        raise ExportError("the cypher export needs coordgraph.neo4j") from None

    atomic_write_text(path, cypher_script(G), inputs=options.inputs)


def _xml(write: Callable[..., None]) -> Callable[[nx.MultiDiGraph, Path, WriteOptions], None]:
    def run(G: nx.MultiDiGraph, path: Path, options: WriteOptions) -> None:
        check_target(path, inputs=options.inputs)
        write(G, path, as_of=options.as_of)

    return run


#: Format name -> writer. ``graphml``, ``gexf``, ``geojson`` and ``kumu`` carry the
#: analysis as of the date given; ``json`` and ``cypher`` are the graph alone.
FORMATS: dict[str, Callable[[nx.MultiDiGraph, Path, WriteOptions], None]] = {
    "graphml": _xml(write_graphml),
    "gexf": _xml(write_gexf),
    "json": _write_json,
    "geojson": _write_geojson,
    "kumu": _write_kumu,
    "cypher": _write_cypher,
}

#: Formats that carry findings as of a date.
ANALYSIS_FORMATS = frozenset({"graphml", "gexf", "geojson", "kumu"})


def write_export(
    G: nx.MultiDiGraph,
    fmt: str,
    path: Path,
    *,
    as_of: dt.date | str | None = None,
    inputs: tuple[Path, ...] = (),
    outlines: bool = False,
    neutralise: bool = True,
) -> Path:
    """Write ``G`` in ``fmt`` to ``path`` atomically, with the analysis as of ``as_of``
    (default today) for the formats in :data:`ANALYSIS_FORMATS`; ``inputs`` are never
    written over; ``outlines`` gives GeoJSON countries as outlines; ``neutralise`` false
    leaves the Kumu workbook's formula-like cells as they are (see
    :class:`WriteOptions`)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt == "kumu" and Path(path).suffix.lower() != ".xlsx":
        raise ExportError(
            f"the kumu export is an Excel workbook; give a file name ending in .xlsx, not {path}"
        )
    try:
        FORMATS[fmt](G, Path(path), WriteOptions(tuple(inputs), as_of, outlines, neutralise))
    except OSError as exc:
        raise cannot_write(Path(path), exc) from None
    return Path(path)
