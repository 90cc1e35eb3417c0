"""Per-stage timings and peak memory at 10k, 100k and 1M routes.

Run: python benchmarks/run.py [--sizes 10000,100000,1000000] [--workdir DIR]

For each size it writes a synthetic dataset (CSV folder; +10k agreements, 5k mechanisms,
200 countries), then, in a fresh process so memory is measured per size, times: a raw
pyarrow parse of routes.csv (the yardstick), read + validate, build graph, each analysis
and a node-link JSON export; it prints a table with each time as a ratio to the raw parse
and the peak resident memory after each stage. It also times `coordgraph --help` against
`python -c pass`.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stages(folder: Path) -> list[dict[str, float | str]]:
    """Run every stage on one dataset folder (in this process)."""
    import pyarrow.csv

    import coordgraph
    from coordgraph.analyses import duplicated_mechanisms, missing_focal_points, unlinked_routes
    from coordgraph.export import to_node_link

    out: list[dict[str, float | str]] = []

    def timed(name: str, fn):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        value = fn()
        out.append({"stage": name, "seconds": time.perf_counter() - t, "peak_mib": _peak_mib()})
        return value

    timed("raw pyarrow parse of routes.csv", lambda: pyarrow.csv.read_csv(folder / "routes.csv"))
    ds = timed("read + validate", lambda: coordgraph.load(folder))
    G = timed("build graph", ds.to_networkx)
    timed("unlinked routes", lambda: unlinked_routes(G, as_of="2015"))
    timed("duplicated mechanisms", lambda: duplicated_mechanisms(G, as_of="2015"))
    timed("missing focal points", lambda: missing_focal_points(G, as_of="2015"))
    timed("export node-link JSON", lambda: json.dumps(to_node_link(G)))
    return out


def _help_ratio() -> tuple[float, float]:
    def median(cmd: list[str]) -> float:
        xs = []
        for _ in range(15):
            t = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
            xs.append(time.perf_counter() - t)
        return statistics.median(xs)

    exe = Path(sys.executable).with_name("coordgraph")
    return median([sys.executable, "-c", "pass"]), median([str(exe), "--help"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--workdir", default=None)
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(stages(Path(args.stage))))
        return
    from coordgraph.io.csvdir import write_csv_dir
    from coordgraph.synth import synthesize

    work = Path(args.workdir or tempfile.mkdtemp(prefix="coordgraph-bench-"))
    print(
        f"machine: {platform.processor() or platform.machine()}, {_cpus()} cores, "
        f"Python {platform.python_version()}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        folder = work / f"routes-{size}"
        if not (folder / "routes.csv").exists():
            t = time.perf_counter()
            write_csv_dir(
                synthesize(
                    countries=200, routes=size, agreements=10000, mechanisms=5000, seed=size
                ),
                folder,
            )
            print(f"\n{size:,} routes: generated in {time.perf_counter() - t:.1f} s ({folder})")
        result = subprocess.run(
            [sys.executable, __file__, "--stage", str(folder)],
            check=True,
            capture_output=True,
            text=True,
        )
        rows = json.loads(result.stdout)
        base = float(rows[0]["seconds"])
        print(f"\n{size:,} routes")
        print(f"{'stage':<34}{'seconds':>9}{'x raw parse':>13}{'peak MiB':>10}")
        for r in rows:
            print(
                f"{r['stage']:<34}{float(r['seconds']):>9.2f}{float(r['seconds']) / base:>13.1f}"
                f"{float(r['peak_mib']):>10.0f}"
            )
        core = sum(float(r["seconds"]) for r in rows[1:6])
        print(f"{'read..all three analyses':<34}{core:>9.2f}{core / base:>13.1f}")
    py, help_ = _help_ratio()
    print(
        f"\ncoordgraph --help {help_ * 1000:.0f} ms vs python -c pass {py * 1000:.0f} ms "
        f"({help_ / py:.1f}x)"
    )


def _cpus() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    main()
