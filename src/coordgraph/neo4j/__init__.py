"""The Neo4j backend: load the graph over Bolt, read it back, run the same analyses.

Storage and retrieval run in the server through the ``.cypher`` files shipped in
``coordgraph/cypher/`` (also at the top of the repository); the dated, scope-aware rules
run in Python on the graph read back from the server, so both engines share one
implementation of the rules. Works with Neo4j 5 and with FalkorDB's Bolt endpoint.
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
