"""Load throughput into the test server (FalkorDB over Bolt) at several batch sizes.

Run: python benchmarks/neo4j_load.py [--routes 2000]
Starts its own server on free local ports; prints rows/s per batch size.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coordgraph.neo4j import clear, connect, load_graph
from coordgraph.synth import synthesize
from tests.neo4j.conftest import start_server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--routes", type=int, default=2000)
    parser.add_argument("--sizes", default="50,100,200,500,1000")
    args = parser.parse_args()
    G = synthesize(countries=60, routes=args.routes, agreements=300, mechanisms=200).to_networkx()
    rows = G.number_of_nodes() + G.number_of_edges()
    server = start_server()
    try:
        conn = connect(server.uri, "falkordb", "", timeout=5)
        print(f"graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} relationships")
        print(f"{'batch size':>10}  {'batches':>8}  {'seconds':>8}  {'rows/s':>8}")
        for size in (int(s) for s in args.sizes.split(",")):
            clear(conn)
            result = load_graph(G, conn, batch_size=size, replace=True)
            rate = rows / result.seconds
            print(f"{size:>10}  {result.batches:>8}  {result.seconds:>8.2f}  {rate:>8.0f}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
