"""Per-stage time and peak memory at 10k, 100k and 1M routes, and the targets of the
columnar route engine (issues #15 and #29), each with its measured value and met / not met.

Run: python benchmarks/run.py [--sizes 10000,100000,1000000] [--workdir DIR] [--scratch DIR]

For each size it reads (or writes, if missing) a synthetic dataset in ``WORKDIR/routes-N``
(CSV folder: N routes, 200 countries, 10k agreements, 5k mechanisms) and writes N synthetic
case records (CTDC-style) to ``SCRATCH/cases-N.csv``. Then, each in a fresh process so its
peak memory is its own, it measures:

* the floor: a raw ``pyarrow.csv.read_csv`` of routes.csv (and of the cases file),
  best of three;
* the yardstick: benchmarks/columnar_reference.py, the route rules as one columnar polars
  program reading the same folder (best of three);
* the pipeline: read + validate, build graph, every analysis of ``gaps all``, then the
  streaming exports (node-link JSON, GeoJSON, CSV folder) into SCRATCH;
* importing the case records into routes (``coordgraph import cases``' library call);
* ``coordgraph gaps all`` end to end, as a person runs it, at a pseudo-terminal: its wall
  time and the progress bars it drew;
* the commands whose cost is the structure (issue #29): ``coordgraph plan DIR --top 5``,
  ``coordgraph report DIR -o OUT`` and ``coordgraph explore DIR -o FILE``, each run by the
  command line's own entry point in a fresh process (time from the call to its return,
  peak RSS of that process).

Every stage's time and peak resident memory (RSS, the process's high-water mark after the
stage) is printed as a ratio to the raw parse measured in the same run. ``coordgraph
--help`` is timed against ``python -c pass``; ``--graph-server`` also runs
benchmarks/neo4j_load.py. Outputs written to SCRATCH are deleted after each size.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2015"
GIB = 1024.0  # MiB

#: the stages that make up "read + validate + build + all analyses" (those of ``gaps all``)
CORE = (
    "read + validate",
    "build graph",
    "unlinked routes",
    "local officials (rec 12.2.2)",
    "duplicated mechanisms",
    "missing focal points",
    "plans",
    "structures",
)

Row = dict[str, Any]


def _peak_mib() -> float:
    """This process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- stages, each run in its own process (``--stage KIND ARG...``) -------------------------


def _report(stage: str, seconds: float) -> None:
    """Print one finished stage as a JSON line at once, so a time limit keeps the rest."""
    print(json.dumps({"stage": stage, "seconds": seconds, "peak_mib": _peak_mib()}), flush=True)


def _timed(stage: str, fn: Callable[[], Any]) -> Any:
    t = time.perf_counter()
    value = fn()
    _report(stage, time.perf_counter() - t)
    return value


def raw_parse(path: Path) -> None:
    """The yardstick: pyarrow parses the CSV file as text, best of three."""
    import pyarrow.csv

    times = []
    for _ in range(3):
        t = time.perf_counter()
        table = pyarrow.csv.read_csv(path)
        times.append(time.perf_counter() - t)
        del table
    _report(f"raw pyarrow parse of {path.name}", min(times))


#: the name of the yardstick's stage
REFERENCE = "columnar reference script"


def reference(folder: Path) -> None:
    """The yardstick: benchmarks/columnar_reference.py on the folder, best of three."""
    import datetime as dt
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "columnar_reference", ROOT / "benchmarks" / "columnar_reference.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    day = dt.date(int(AS_OF), 12, 31)
    times = []
    for _ in range(3):
        t = time.perf_counter()
        found = script.unlinked(folder, day)
        times.append(time.perf_counter() - t)
        del found
    _report(REFERENCE, min(times))


#: the pipeline's stages, in order (a stage cut off by the time limit is reported as such)
PIPELINE = (*CORE, "export node-link JSON", "export GeoJSON", "export CSV folder")


def pipeline(folder: Path, scratch: Path) -> None:
    """Read, build, analyse and export one dataset folder, timing every stage."""
    import coordgraph
    from coordgraph.analyses import (
        duplicated_mechanisms,
        missing_focal_points,
        plan_gaps,
        rec_12_2_2,
        structure_gaps,
        unlinked_routes,
    )
    from coordgraph.export import write_export
    from coordgraph.io.csvdir import write_csv_dir

    ds = _timed("read + validate", lambda: coordgraph.load(folder))
    G = _timed("build graph", ds.to_networkx)
    _timed("unlinked routes", lambda: unlinked_routes(G, as_of=AS_OF))
    _timed("local officials (rec 12.2.2)", lambda: rec_12_2_2(G, as_of=AS_OF))
    _timed("duplicated mechanisms", lambda: duplicated_mechanisms(G, as_of=AS_OF))
    _timed("missing focal points", lambda: missing_focal_points(G, as_of=AS_OF))
    _timed("plans", lambda: plan_gaps(G, as_of=AS_OF))
    _timed("structures", lambda: structure_gaps(G, as_of=AS_OF))
    _timed("export node-link JSON", lambda: write_export(G, "json", scratch / "graph.json"))
    _timed(
        "export GeoJSON",
        lambda: write_export(G, "geojson", scratch / "routes.geojson", as_of=AS_OF),
    )
    _timed("export CSV folder", lambda: write_csv_dir(ds, scratch / "csv"))


def import_cases(path: Path, scratch: Path) -> None:
    """Aggregate case records into routes and write them, as ``coordgraph import cases``."""
    from coordgraph.io.cases import routes_from_cases
    from coordgraph.io.csvdir import write_csv_dir

    ds = _timed("import cases: read + aggregate", lambda: routes_from_cases(path))
    _timed("import cases: write routes", lambda: write_csv_dir(ds, scratch / "case-routes"))


#: issue #29's commands: stage name -> the command line after ``coordgraph`` (DIR and OUT
#: stand for the dataset folder and the scratch folder)
COMMANDS = {
    "plan --top 5": ["plan", "DIR", "--top", "5"],
    "report": ["report", "DIR", "-o", "OUT/report"],
    "explore": ["explore", "DIR", "-o", "OUT/explorer.html"],
}


#: each command runs in a process of its own (:func:`_in_fresh_process`): one cut off by
#: the time limit was stopped, never "not reached"
COMMAND_PROCESSES = tuple((name,) for name in COMMANDS)


def command(folder: Path, scratch: Path, name: Path) -> None:
    """Run one of :data:`COMMANDS` as the command line runs it (standard output
    discarded)."""
    import contextlib
    import io

    from coordgraph.cli import cli

    argv = [a.replace("DIR", str(folder)).replace("OUT", str(scratch)) for a in COMMANDS[str(name)]]

    def run() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                cli.main(argv, prog_name="coordgraph", standalone_mode=False)
            except SystemExit as done:
                if done.code not in (0, 1, None):
                    raise

    _timed(str(name), run)


STAGES: dict[str, Callable[..., None]] = {
    "raw": raw_parse,
    "reference": reference,
    "pipeline": pipeline,
    "cases": import_cases,
    "command": command,
}


def _in_fresh_process(kind: str, *args: Path, limit: float) -> list[Row]:
    """Run stage ``kind`` in a new process: its finished stages, even if ``limit``
    seconds cut it off (the stage then running is missing from the list)."""
    proc = subprocess.Popen(
        [sys.executable, __file__, "--stage", kind, *map(str, args)],
        stdout=subprocess.PIPE,
        text=True,
    )
    rows: list[Row] = []

    def read() -> None:
        assert proc.stdout is not None
        rows.extend(json.loads(line) for line in proc.stdout if line.strip())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        proc.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    reader.join(timeout=10)
    if proc.returncode not in (0, -9):
        raise RuntimeError(f"stage {kind} failed with exit code {proc.returncode}")
    return rows


# -- synthetic case records -----------------------------------------------------------------

_CASE_COUNTRIES = (
    "AL",
    "BG",
    "BR",
    "CN",
    "DE",
    "ES",
    "FR",
    "GB",
    "GH",
    "GR",
    "ID",
    "IN",
    "IT",
    "KH",
    "LA",
    "MD",
    "MM",
    "MX",
    "NG",
    "NL",
    "NP",
    "PH",
    "PL",
    "RO",
    "RU",
    "TH",
    "UA",
    "US",
    "VN",
    "ZA",
    "-99",
)
_CASE_AGES = ("0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "")
_CASE_SEXES = ("Female", "Male", "")
_CASE_PURPOSES = (
    "Sexual exploitation",
    "Forced labour",
    "Domestic servitude",
    "Forced marriage",
    "Begging",
    "Sexual exploitation;Forced labour",
)


def write_cases(path: Path, n: int, *, seed: int) -> None:
    """Write ``n`` synthetic CTDC-style case records (one per victim) to ``path``."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(
            [
                "citizenship",
                "CountryOfExploitation",
                "yearOfRegistration",
                "ageBroad",
                "gender",
                "typeOfExploitConcatenated",
            ]
        )
        for _ in range(n):
            w.writerow(
                [
                    rng.choice(_CASE_COUNTRIES),
                    rng.choice(_CASE_COUNTRIES),
                    rng.randint(2002, 2020),
                    rng.choice(_CASE_AGES),
                    rng.choice(_CASE_SEXES),
                    rng.choice(_CASE_PURPOSES),
                ]
            )


# -- coordgraph gaps all, end to end at a terminal ------------------------------------------

_BAR = re.compile(r"^(?P<label>.+?)  \[[# ]+\](?:  +\d+%)?  (?P<seconds>[\d.]+) s$")


def gaps_at_a_terminal(folder: Path, scratch: Path, *, limit: float) -> Row:
    """Run ``coordgraph gaps all`` with standard error at a pseudo-terminal: wall time,
    the bars drawn (label, seconds, when each ended) and the longest stretch no bar
    covered. After ``limit`` seconds the run is stopped (``finished`` is then false)."""
    import pty

    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "120"}
    cmd = [
        sys.executable,
        "-m",
        "coordgraph",
        "gaps",
        "all",
        str(folder),
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "-o",
        str(scratch / "findings.json"),
    ]
    ended: list[tuple[float, str]] = []
    started = time.perf_counter()

    def read_terminal() -> None:
        pending = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                return
            if not chunk:
                return
            pending += chunk
            *lines, pending = pending.split(b"\n")
            now = time.perf_counter() - started
            ended.extend((now, line.decode("utf-8", "replace")) for line in lines)

    reader = threading.Thread(target=read_terminal, daemon=True)
    reader.start()
    proc = subprocess.Popen(
        cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower
    )
    try:
        proc.communicate(timeout=limit)
        finished = True
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        finished = False
    wall = time.perf_counter() - started
    written = scratch / "findings.json"
    output_mib = written.stat().st_size / 2**20 if written.exists() else 0.0
    os.close(follower)
    reader.join(timeout=5)
    os.close(leader)
    if finished and proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    bars: list[Row] = []
    for at, line in ended:
        m = _BAR.match(line.rstrip("\r").rsplit("\r", 1)[-1].strip())
        if m:
            bars.append({"label": m["label"], "seconds": float(m["seconds"]), "ended": at})
    covered = sorted((b["ended"] - b["seconds"], b["ended"]) for b in bars)
    uncovered, edge = 0.0, 0.0
    for start, end in covered:
        uncovered = max(uncovered, start - edge)
        edge = max(edge, end)
    uncovered = max(uncovered, wall - edge)
    return {
        "seconds": wall,
        "finished": finished,
        "bars": bars,
        "longest_uncovered": uncovered,
        "output_mib": output_mib,
    }


# -- coordgraph --help ----------------------------------------------------------------------


def help_ratio(runs: int = 21) -> tuple[float, float]:
    """Median wall time of ``python -c pass`` and of ``coordgraph --help``, runs interleaved."""
    script = Path(sys.executable).with_name("coordgraph")
    help_cmd = (
        [str(script), "--help"]
        if script.exists()
        else [sys.executable, "-m", "coordgraph", "--help"]
    )
    pass_cmd = [sys.executable, "-c", "pass"]
    times: dict[str, list[float]] = {"pass": [], "help": []}
    for _ in range(runs):
        for key, cmd in (("pass", pass_cmd), ("help", help_cmd)):
            t = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.PIPE, check=True)
            times[key].append(time.perf_counter() - t)
    return statistics.median(times["pass"]), statistics.median(times["help"])


# -- graph-server load ----------------------------------------------------------------------


def graph_server_rate() -> float | None:
    """The best native rows/s benchmarks/neo4j_load.py reports (its closing line), or None."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "neo4j_load.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    print(done.stdout)
    best = re.search(r"best (\d+(?:\.\d+)?) rows/s", done.stdout)
    return float(best.group(1)) if best else None


# -- report ---------------------------------------------------------------------------------


def _table(
    rows: list[Row],
    base: Row,
    *,
    processes: tuple[tuple[str, ...], ...] = (),
    limit: float = 0,
) -> list[str]:
    """Markdown rows: each stage as seconds and peak MiB, and both as ratios to ``base``.
    ``processes`` are the stages expected of each measuring process, in its order: in
    a process the time limit cut off, the first stage not finished was stopped at
    ``limit`` seconds and the ones after it were not reached."""
    out = ["| stage | seconds | x raw parse | peak MiB | x raw RSS |", "|---|---:|---:|---:|---:|"]
    for r in rows:
        out.append(
            f"| {r['stage']} | {r['seconds']:.2f} | {r['seconds'] / base['seconds']:.1f} "
            f"| {r['peak_mib']:,.0f} | {r['peak_mib'] / base['peak_mib']:.2f} |"
        )
    done = {r["stage"] for r in rows}
    for stages in processes:
        missing = [stage for stage in stages if stage not in done]
        for i, stage in enumerate(missing):
            what = f"stopped at the {limit:g} s limit" if i == 0 else "not reached"
            out.append(f"| {stage} | {what} | | | |")
    return out


def _met(ok: bool | None) -> str:
    return "not measured" if ok is None else ("**met**" if ok else "**not met**")


def measure_size(size: int, work: Path, scratch: Path, *, limit: float) -> Row:
    """Every measurement at one size; prints its tables."""
    folder = work / f"routes-{size}"
    if not (folder / "routes.csv").exists():
        from coordgraph.io.csvdir import write_csv_dir
        from coordgraph.synth import synthesize

        t = time.perf_counter()
        write_csv_dir(
            synthesize(
                countries=200,
                routes=size,
                agreements=10000,
                mechanisms=5000,
                seed=size,
                exact=True,
            ),
            folder,
        )
        print(f"({size:,} routes generated in {time.perf_counter() - t:.1f} s into {folder})")
    cases = scratch / f"cases-{size}.csv"
    if not cases.exists():
        write_cases(cases, size, seed=size)
    outputs = scratch / f"out-{size}"
    outputs.mkdir(parents=True, exist_ok=True)
    try:
        base = _in_fresh_process("raw", folder / "routes.csv", limit=limit)[0]
        yardstick = _in_fresh_process("reference", folder, limit=limit)
        rows = _in_fresh_process("pipeline", folder, outputs, limit=limit)
        cases_base = _in_fresh_process("raw", cases, limit=limit)[0]
        case_rows = _in_fresh_process("cases", cases, outputs, limit=limit)
        cli = gaps_at_a_terminal(folder, outputs, limit=limit)
        commands = []
        for name in COMMANDS:
            commands += _in_fresh_process("command", folder, outputs, Path(name), limit=limit)
    finally:
        shutil.rmtree(outputs, ignore_errors=True)
    core = [r for r in rows if r["stage"] in CORE]
    complete = len(core) == len(CORE)
    core_seconds = sum(r["seconds"] for r in core) if complete else None
    core_peak = max(r["peak_mib"] for r in core) if complete else None
    print(f"\n## {size:,} routes\n")
    print(
        "\n".join(
            _table([base, *yardstick, *rows], base, processes=((REFERENCE,), PIPELINE), limit=limit)
        )
    )
    if core_seconds is not None and core_peak is not None:
        print(
            f"| **read … all analyses** | **{core_seconds:.2f}** "
            f"| **{core_seconds / base['seconds']:.1f}** | **{core_peak:,.0f}** "
            f"| **{core_peak / base['peak_mib']:.2f}** |"
        )
    print(f"\n{size:,} case records:\n")
    case_stages = ("import cases: read + aggregate", "import cases: write routes")
    print(
        "\n".join(
            _table([cases_base, *case_rows], cases_base, processes=(case_stages,), limit=limit)
        )
    )
    bars = ", ".join(f"{b['label']} {b['seconds']:.1f} s" for b in cli["bars"]) or "none"
    print(
        f"\n`coordgraph gaps all` at a terminal: {cli['seconds']:.2f} s end to end"
        f"{'' if cli['finished'] else f' (stopped at the {limit:g} s limit)'}; "
        f"bars drawn: {bars}; longest stretch without a bar: "
        f"{cli['longest_uncovered']:.2f} s"
    )
    print(f"\nCommands whose cost is the structure, {size:,} routes:\n")
    print("\n".join(_table([base, *commands], base, processes=COMMAND_PROCESSES, limit=limit)))
    return {
        "size": size,
        "base": base,
        "commands": commands,
        "rows": rows,
        "reference": yardstick[0] if yardstick else None,
        "core_seconds": core_seconds,
        "core_peak_mib": core_peak,
        "cases_base": cases_base,
        "cases": case_rows,
        "cli": cli,
    }


def targets(
    results: dict[int, Row],
    help_: tuple[float, float],
    server: float | None,
    same_findings: bool | None,
) -> list[str]:
    """The issue's targets, each with what was measured and whether it is met."""
    out = ["| target | measured | met? |", "|---|---|---|"]
    big, mid = results.get(1_000_000), results.get(100_000)
    out += _reference_targets(big)
    if mid:
        core, wall = mid["core_seconds"], mid["cli"]["seconds"]
        out.append(
            "| 100k routes ≤ 2 s end to end: read + validate + build + all analyses "
            + (
                f"| **{core:.2f} s** | {_met(core <= 2)} |"
                if core
                else "| (stopped) | **not met** |"
            )
        )
        out.append(
            f"| 100k routes ≤ 2 s end to end: `coordgraph gaps all --format json -o FILE`, "
            f"process start to exit ({mid['cli']['output_mib']:,.0f} MiB of findings) "
            f"| **{wall:.2f} s** | {_met(wall <= 2)} |"
        )
    sizes = sorted(results)
    for small, large in itertools.pairwise(sizes):
        if large != 10 * small:
            continue
        a, b = results[small]["core_seconds"], results[large]["core_seconds"]
        if a is None or b is None:
            continue
        out.append(
            f"| 10x data ≤ 10x time ({small:,} → {large:,}) | {a:.2f} s → {b:.2f} s: "
            f"**{b / a:.1f}x** | {_met(b / a <= 10)} |"
        )
    out += _command_targets(results)
    py, hp = help_
    out.append(
        f"| `coordgraph --help` ≤ 4x `python -c pass` | {hp * 1000:.0f} ms vs "
        f"{py * 1000:.0f} ms: **{hp / py:.1f}x** | {_met(hp / py <= 4)} |"
    )
    finished = [size for size in sizes if results[size]["cli"]["finished"]]
    if finished:
        largest = results[finished[-1]]["cli"]
        gap = largest["longest_uncovered"]
        out.append(
            f"| a progress bar on every stage > 1 s at a terminal (`gaps all`, "
            f"{finished[-1]:,} routes) | {len(largest['bars'])} bars; longest stretch "
            f"without one **{gap:.2f} s** | {_met(gap <= 1)} |"
        )
    else:
        out.append("| a progress bar on every stage > 1 s | no run finished | not measured |")
    out.append(
        "| ≥ 50k rows/s graph-server load (falkordb:// native) | "
        + (f"**{server:,.0f} rows/s**" if server is not None else "not run (--graph-server)")
        + f" | {_met(None if server is None else server >= 50_000)} |"
    )
    out.append(
        "| findings at 10k routes identical before/after "
        "(tests/scale/test_same_findings.py) | "
        + {True: "passes", False: "**fails**", None: "not run"}[same_findings]
        + f" | {_met(same_findings)} |"
    )
    return out


def _reference_targets(big: Row | None) -> list[str]:
    """1M routes: read + validate + build + all analyses <= 2x the columnar reference
    script's time (issue #29; it replaces "3x the raw parse", which is below the floor
    even for that script), and <= 2 GiB."""
    what = "1M routes: read + validate + build + all analyses ≤ 2x the columnar reference script"
    if big is None:
        return [f"| {what}, ≤ 2 GiB | (1M not in --sizes) | not measured |"]
    if big["core_seconds"] is None:
        return [f"| {what} | did not finish within the time limit | **not met** |"]
    ref = big.get("reference")
    if ref is None:
        out = [f"| {what} | the reference script did not finish | not measured |"]
    else:
        ratio = big["core_seconds"] / ref["seconds"]
        out = [
            f"| {what} | {big['core_seconds']:.2f} s vs {ref['seconds']:.2f} s: "
            f"**{ratio:.1f}x** | {_met(ratio <= 2)} |"
        ]
    out.append(
        f"| 1M routes: peak RSS ≤ 2 GiB (read … analyses) "
        f"| **{big['core_peak_mib'] / GIB:.2f} GiB** | {_met(big['core_peak_mib'] <= 2 * GIB)} |"
    )
    return out


def _command_targets(results: dict[int, Row]) -> list[str]:
    """Issue #29: plan, report and explore at 100k routes with the world structure
    <= 60 s and <= 2 GiB each, and 10x data <= 10x time for each."""
    out = []
    done = {size: {r["stage"]: r for r in results[size].get("commands", [])} for size in results}
    mid = done.get(100_000)
    for name in COMMANDS:
        if mid is None:
            out.append(
                f"| `{name}` at 100k routes ≤ 60 s, ≤ 2 GiB | (100k not in --sizes) "
                "| not measured |"
            )
        elif name not in mid:
            out.append(
                f"| `{name}` at 100k routes ≤ 60 s, ≤ 2 GiB | did not finish within "
                "the time limit | **not met** |"
            )
        else:
            r = mid[name]
            out.append(
                f"| `{name}` at 100k routes ≤ 60 s, ≤ 2 GiB | **{r['seconds']:.1f} s, "
                f"{r['peak_mib'] / GIB:.2f} GiB** "
                f"| {_met(r['seconds'] <= 60 and r['peak_mib'] <= 2 * GIB)} |"
            )
        for small, large in itertools.pairwise(sorted(done)):
            a, b = done[small].get(name), done[large].get(name)
            if large != 10 * small or a is None or b is None:
                continue
            ratio = b["seconds"] / a["seconds"]
            out.append(
                f"| `{name}`: 10x data ≤ 10x time ({small:,} → {large:,}) | "
                f"{a['seconds']:.1f} s → {b['seconds']:.1f} s: **{ratio:.1f}x** "
                f"| {_met(ratio <= 10)} |"
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--workdir", default=None, help="where the routes-N folders are (read)")
    parser.add_argument("--scratch", default=None, help="where case files and outputs go")
    parser.add_argument(
        "--graph-server",
        action="store_true",
        help="also run benchmarks/neo4j_load.py (starts FalkorDB)",
    )
    parser.add_argument("--json", metavar="FILE", help="also write every number as JSON")
    parser.add_argument(
        "--limit",
        type=float,
        default=1800,
        metavar="SECONDS",
        help="stop a measuring process after this long; its unfinished stages say so",
    )
    parser.add_argument("--stage", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        kind, *paths = args.stage
        STAGES[kind](*map(Path, paths))
        return
    work = Path(args.workdir or tempfile.mkdtemp(prefix="coordgraph-bench-"))
    scratch = Path(args.scratch or tempfile.mkdtemp(prefix="coordgraph-bench-scratch-"))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"{_memory_gib():.0f} GiB, Python {platform.python_version()}"
    )
    results = {}
    for size in sorted(int(s) for s in args.sizes.split(",")):
        results[size] = measure_size(size, work, scratch, limit=args.limit)
    help_ = help_ratio()
    server = graph_server_rate() if args.graph_server else None
    same = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/scale/test_same_findings.py",
        ],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    print("\n## Targets\n")
    print("\n".join(targets(results, help_, server, same.returncode == 0)))
    if args.json:
        Path(args.json).write_text(
            json.dumps({"sizes": results, "help": help_, "graph_server": server}, indent=1),
            encoding="utf-8",
        )


def _memory_gib() -> float:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30


if __name__ == "__main__":
    main()
