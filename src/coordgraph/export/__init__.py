"""Exports for other tools: GraphML, GEXF, node-link JSON, GeoJSON, Kumu, Cypher.

GraphML, GEXF, GeoJSON and Kumu carry the analysis as of a date (:func:`analyse`).

Exporters never change the graph they are given: they work on a copy whose values are
turned into what each format can hold. What each format loses is said in its docstring
and in docs/exports.md.
"""

from coordgraph.export.analysis import Analysis, analyse, data_years, link_status, pair_id
from coordgraph.export.writers import (
    ANALYSIS_FORMATS,
    FORMATS,
    analysis_graph,
    flat_graph,
    kumu_tables,
    kumu_workbook,
    to_geojson,
    to_node_link,
    write_export,
    write_gexf,
    write_graphml,
)

__all__ = [
    "ANALYSIS_FORMATS",
    "FORMATS",
    "Analysis",
    "analyse",
    "analysis_graph",
    "data_years",
    "flat_graph",
    "kumu_tables",
    "kumu_workbook",
    "link_status",
    "pair_id",
    "to_geojson",
    "to_node_link",
    "write_export",
    "write_gexf",
    "write_graphml",
]
