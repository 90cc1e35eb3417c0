"""`coordgraph --help` is quick: it imports no heavy library, and the top-level help is
printed from the kept rendering without importing click (see coordgraph.__main__)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from coordgraph.__main__ import help_width, kept_help
from coordgraph._help import HELP_BY_WIDTH
from coordgraph.cli import COMMANDS, cli

#: libraries that take longer to import than Python takes to start
HEAVY = ("polars", "networkx", "matplotlib", "pydantic", "pyarrow", "numpy")


def _run(*args: str, columns: int | None = None) -> tuple[str, set[str]]:
    """Run ``python -X importtime -m coordgraph ARGS``: its output and the top-level
    packages it imported."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = str(columns)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "coordgraph", *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    imported = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            imported.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return done.stdout, imported


def _click_help(width: int, *args: str) -> str:
    return (
        CliRunner()
        .invoke(cli, [*args, "--help"], prog_name="coordgraph", terminal_width=width)
        .output
    )


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_imports_neither_click_nor_any_heavy_library(flag):
    out, imported = _run(flag)
    assert out == _click_help(78)
    assert "click" not in imported
    assert not imported & set(HEAVY), sorted(imported & set(HEAVY))


def test_help_at_other_widths_is_clicks_own_and_still_light():
    out, imported = _run("--help", columns=90)
    assert out == _click_help(88)
    assert "click" in imported
    assert not imported & set(HEAVY), sorted(imported & set(HEAVY))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_help_imports_no_heavy_library(name):
    out, imported = _run(name, "--help")
    assert out.startswith(f"Usage: coordgraph {name}")
    assert not imported & set(HEAVY), sorted(imported & set(HEAVY))


@pytest.mark.parametrize("width", sorted(HELP_BY_WIDTH))
def test_kept_help_is_what_click_renders(width):
    assert HELP_BY_WIDTH[width] == _click_help(width)


@pytest.mark.parametrize("columns", [20, 60, 80, 90, 100, 101, 240])
def test_help_width_is_clicks(monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    expected = click.HelpFormatter(max_width=100).width
    assert help_width() == expected == max(min(shutil.get_terminal_size().columns, 100) - 2, 50)
    assert (kept_help(["--help"]) is not None) is (expected in HELP_BY_WIDTH)


def test_only_bare_help_is_kept():
    assert kept_help(["gaps", "--help"]) is None
    assert kept_help(["--help", "--version"]) is None
    assert kept_help([]) is None
