"""Every command that reads a dataset at a date says first which date it used, and takes
the same staleness horizon (#24 items 5 and 7).

The date goes to standard error, so JSON and CSV on standard output stay parseable.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from coordgraph.cli import cli

OWN_DATE = "as of 2008-07-31: the date ecpat-2008 speaks for (its as_of; --as-of today for today)"


def _commands(tmp: Path) -> dict[str, list[str]]:
    """Each command that takes --as-of, on the bundled dataset (ecpat-2008, as_of 2008-07)."""
    return {
        "gaps": ["gaps", "all", "--format", "json"],
        "report": ["report", "-o", str(tmp / "rep")],
        "plan": ["plan", "--format", "json"],
        "diagram routes": ["diagram", "routes", "-o", str(tmp / "routes.png")],
        "diagram map": ["diagram", "map", "-o", str(tmp / "map.png")],
        "diagram network": ["diagram", "network", "--network", "rcm", "-o", str(tmp / "n.png")],
        "timeline": ["timeline", "--format", "csv"],
        "explore": ["explore", "-o", str(tmp / "x.html")],
        "coverage": ["coverage", "--network", "rcm", "--format", "json"],
    }


def run(args: list[str]):
    return CliRunner().invoke(cli, args, catch_exceptions=False)


@pytest.mark.parametrize(
    "name",
    [
        "gaps",
        "report",
        "plan",
        "diagram routes",
        "diagram map",
        "diagram network",
        "timeline",
        "explore",
        "coverage",
    ],
)
def test_each_command_says_first_which_date_it_used(tmp_path: Path, name: str) -> None:
    args = _commands(tmp_path)[name]
    r = run([*args, "--include-unverified"])
    assert r.exit_code == 0, r.output
    assert r.stderr.splitlines()[0] == OWN_DATE
    asked = run([*args, "--include-unverified", "--as-of", "2008-06"])
    assert asked.exit_code == 0, asked.output
    assert asked.stderr.splitlines()[0] == "as of 2008-06-30: the date asked (--as-of)"


def test_a_dataset_without_its_own_date_says_today(tmp_path: Path) -> None:
    import datetime as dt

    import yaml

    from coordgraph import load

    bundled = load().path
    assert bundled is not None
    doc = yaml.safe_load(Path(bundled).read_text(encoding="utf-8"))
    del doc["dataset"]["as_of"]
    path = tmp_path / "undated.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    r = run(["gaps", "plans", str(path), "--format", "json"])
    assert r.exit_code == 0, r.output
    today = dt.date.today().isoformat()
    assert r.stderr.splitlines()[0] == f"as of {today}: today (ecpat-2008 declares no as_of)"


def test_as_of_today_says_today() -> None:
    import datetime as dt

    r = run(["gaps", "plans", "--as-of", "today", "--format", "json"])
    today = dt.date.today().isoformat()
    assert r.stderr.splitlines()[0] == f"as of {today}: today (--as-of)"


def test_stdout_stays_parseable_with_the_date_on_stderr() -> None:
    r = run(["gaps", "all", "--format", "json"])
    assert json.loads(r.stdout)["as_of"] == "2008-07-31"
    r = run(["gaps", "all", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows and {row["as_of"] for row in rows} == {"2008-07-31"}


def test_timeline_ends_at_the_dataset_date_by_default() -> None:
    """It ended at today's year before, whatever date the dataset speaks for."""
    r = run(["timeline", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)[-1]["year"] == 2008


@pytest.mark.parametrize("bad", ["nan", "inf", "-1", "-0.5", "five"])
@pytest.mark.parametrize(
    "name",
    [
        "gaps",
        "report",
        "plan",
        "diagram routes",
        "diagram map",
        "diagram network",
        "timeline",
        "explore",
        "coverage",
    ],
)
def test_stale_after_is_one_rule_everywhere(tmp_path: Path, name: str, bad: str) -> None:
    r = run([*_commands(tmp_path)[name], "--stale-after", bad])
    assert r.exit_code == 2, r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("Error: Invalid value for '--stale-after'")
    assert "not a number of years" in lines[0]


def test_neo4j_gaps_takes_the_same_horizon_rule() -> None:
    """Refused before any server is asked."""
    r = run(["neo4j", "gaps", "all", "--stale-after", "nan", "--uri", "bolt://127.0.0.1:9"])
    assert r.exit_code == 2, r.output
    assert r.stderr.strip().splitlines() == [
        "Error: Invalid value for '--stale-after': 'nan' is not a number of years (a finite "
        "number, 0 or more)"
    ]


def test_stale_after_changes_the_verdict() -> None:
    """West Africa as of 2019: the Mali-Guinea agreement's commission last met in 2010,
    possibly dormant at 5 years, not at 10."""

    def dormant(*more: str) -> set[str]:
        r = run(
            [
                "gaps",
                "routes",
                "west-africa",
                "--as-of",
                "2019",
                "--format",
                "json",
                "--detail",
                *more,
            ]
        )
        assert r.exit_code == 0, r.output
        return {
            a for f in json.loads(r.stdout)["findings"] for a in f["details"].get("dormant", {})
        }

    assert dormant() == {"mli-gin-2005", "mli-civ-2000"}
    assert dormant("--stale-after", "10") == {"mli-civ-2000"}
    assert dormant("--stale-after", "20") == set()
