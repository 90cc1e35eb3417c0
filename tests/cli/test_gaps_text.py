"""gaps for people at a terminal: a one-line summary, then findings grouped by kind under
plain headings; `--format table` (and the default in a pipe) unchanged for scripts."""

from __future__ import annotations

import os
import subprocess
import sys

from click.testing import CliRunner

from coordgraph.cli import cli


def _run(*args: str) -> str:
    r = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.stdout


def test_text_opens_with_one_line_summary_and_plain_headings():
    out = _run("gaps", "all", "--as-of", "2008-07", "--format", "text", "--detail")
    first = out.splitlines()[0]
    import json

    doc = json.loads(_run("gaps", "all", "--as-of", "2008-07", "--format", "json"))
    assert first.startswith(f"{doc['gaps']} gaps in ecpat-2008 as of 2008-07-31 (")
    assert "route_unlinked" not in first and "_" not in first.split(":")[0]
    # Moldova-Russia and Nepal-India are bound by the reference layer's conventions: linked,
    # a legal basis only (a data gap, medium)
    assert "\nRoute pairs with no link (3)\n" in out
    assert "\nRoute pairs that are linked (3)\n" in out
    assert "  Moldova -> Russian Federation  [medium]" in out  # a data gap (open world)
    assert "Northern border area of Costa Rica -> San José" in out  # record names, not ids
    assert "route_unlinked: MDA / RUS" not in out
    assert "rule: internal unlinked (routes.internal_unlinked)" in out
    assert "rule: legal basis" in out


def test_table_is_unchanged_and_stays_the_default_in_a_pipe():
    table = _run("gaps", "all", "--as-of", "2008-07", "--format", "table", "--detail")
    assert table.startswith("[MEDIUM] ")
    assert "[MEDIUM] route_linked: MDA / RUS  (data gap)" in table
    assert table.rstrip().endswith("as of 2008-07-31; dataset ecpat-2008")
    assert _run("gaps", "all", "--as-of", "2008-07", "--detail") == table


def test_text_is_the_default_at_a_terminal():
    import pty

    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "120"}
    code = "from coordgraph.cli import main; main()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "gaps", "routes", "--as-of", "2008-07", "--detail"],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    os.close(follower)  # the child holds the terminal; read until it closes it
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    assert proc.wait(timeout=120) == 0
    out = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    assert " gaps in ecpat-2008 as of 2008-07-31 (" in out.splitlines()[0]
    assert "Route pairs with no link" in out


def test_gaps_csv_has_the_criteria_columns() -> None:
    """Issue 27: the criteria a script filters on are columns of the CSV."""
    import csv
    import io

    r = CliRunner().invoke(
        cli, ["gaps", "routes", "--as-of", "2008", "--show-linked", "--format", "csv", "--detail"]
    )
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {"criteria_met", "criteria_missing", "criteria_unknown"} <= set(rows[0])
    linked = next(row for row in rows if row["kind"] == "route_linked")
    assert "in_force" in linked["criteria_met"].split("|")


def test_country_keeps_only_findings_about_that_state() -> None:
    """Issue 27: --country XKX lets no finding about networks Kosovo is not in through."""
    import json

    r = CliRunner().invoke(
        cli, ["gaps", "all", "--country", "XKX", "--as-of", "2008-07", "--format", "json"]
    )
    assert r.exit_code == 0, r.output
    findings = json.loads(r.stdout)["findings"]
    assert findings
    for f in findings:
        assert "XKX" in json.dumps(f["subjects"]) + json.dumps(f["details"]), f
    assert not [f for f in findings if f["kind"] == "membership_incomplete"]
