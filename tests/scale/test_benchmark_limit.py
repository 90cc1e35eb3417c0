"""The benchmark's tables (benchmarks/run.py) say what the time limit did: a command cut
off by ``--limit`` (each runs in a process of its own) was stopped, not skipped."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"


def _run():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("benchmark_run", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BASE = {"stage": "raw pyarrow parse of routes.csv", "seconds": 0.1, "peak_mib": 100.0}


def test_every_command_cut_off_by_a_tiny_limit_says_it_was_stopped(tmp_path: Path):
    run = _run()
    limit = 0.05  # too short to start Python, let alone a command
    commands = []
    for name in run.COMMANDS:
        commands += run._in_fresh_process(
            "command", Path("west-africa"), tmp_path, Path(name), limit=limit
        )
    assert commands == []
    table = run._table([BASE, *commands], BASE, processes=run.COMMAND_PROCESSES, limit=limit)
    for name in run.COMMANDS:
        assert f"| {name} | stopped at the 0.05 s limit | | | |" in table
    assert not any("not reached" in row for row in table)


def test_in_one_process_the_stages_after_the_stopped_one_were_not_reached():
    run = _run()
    done = {"stage": run.PIPELINE[0], "seconds": 1.0, "peak_mib": 200.0}
    table = run._table([BASE, done], BASE, processes=((run.REFERENCE,), run.PIPELINE), limit=150)
    assert f"| {run.REFERENCE} | stopped at the 150 s limit | | | |" in table
    assert f"| {run.PIPELINE[1]} | stopped at the 150 s limit | | | |" in table
    assert all(f"| {s} | not reached | | | |" in table for s in run.PIPELINE[2:])
