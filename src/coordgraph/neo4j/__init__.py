"""The graph-server backend: load the graph and its routes, read them back, run the same
analyses. Neo4j and FalkorDB over Bolt, FalkorDB also through its native client.

Storage and retrieval run in the server through the ``.cypher`` files shipped in
``coordgraph/cypher/`` (also at the top of the repository); the dated, scope-aware rules
run in Python on the graph (and route table) read back from the server, so both engines share
one implementation of the rules. Routes are stored as one ``:Route`` row each (stops as
a list), not as nodes and relationships per stop.
"""

from coordgraph.neo4j.connection import Connection, connect
from coordgraph.neo4j.loader import LoadResult, clear, counts, current_tag, load_graph
from coordgraph.neo4j.read import gaps_from_server, graph_from_server

__all__ = [
    "Connection",
    "LoadResult",
    "clear",
    "connect",
    "counts",
    "current_tag",
    "gaps_from_server",
    "graph_from_server",
    "load_graph",
]
