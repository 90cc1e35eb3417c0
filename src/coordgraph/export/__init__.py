"""Exports for other tools: GraphML, GEXF, node-link JSON, GeoJSON, Kumu, Cypher.

Exporters never change the graph they are given: they work on a copy whose values are
turned into what each format can hold. What each format loses is said in its docstring
and in docs/exports.md.
"""

from coordgraph.export.formats import (
    FORMATS,
    flat_graph,
    to_geojson,
    to_kumu,
    to_node_link,
    write_export,
    write_gexf,
    write_graphml,
)

__all__ = [
    "FORMATS",
    "flat_graph",
    "to_geojson",
    "to_kumu",
    "to_node_link",
    "write_export",
    "write_gexf",
    "write_graphml",
]
