"""Routes in one place: the route table and its columns, a route's stops, route detail
for exports and pictures, and where places are on a map.

* :mod:`coordgraph.routes.table`: :class:`RouteTable` (one row per route) and
  :func:`routes_of` (the table a graph carries);
* :mod:`coordgraph.routes.columns`: the column rules generated from the ``Route`` model;
* :mod:`coordgraph.routes.detail`: route rows as nodes and edges for exports, and the
  per-route lookups the pictures, the explorer and the report share;
* :mod:`coordgraph.routes.places`: country positions and outlines.

Export, render, the explorer and the graph server depend on this package, not on each
other.
"""

from __future__ import annotations

from coordgraph.routes.table import ROUTE_COLUMNS, RouteTable, cell_value, route_node, routes_of

__all__ = ["ROUTE_COLUMNS", "RouteTable", "cell_value", "route_node", "routes_of"]
