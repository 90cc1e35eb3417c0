"""Regenerate docs/cli.md from the commands' --help (run: python docs/gen_cli.py).

tests/test_docs.py fails when docs/cli.md is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

from coordgraph.cli import cli

HEADER = """# Command reference

Generated from `--help` by `python docs/gen_cli.py`; do not edit by hand.
Every command takes a DATASET (a YAML/JSON file, a folder of CSV files or the name of a
bundled dataset; the bundled default when left out).
"""


def _walk(group: click.Group, prefix: list[str]) -> list[list[str]]:
    ctx = click.Context(group)
    out: list[list[str]] = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None:
            continue
        out.append([*prefix, name])
        if isinstance(command, click.Group):
            out.extend(_walk(command, [*prefix, name]))
    return out


def render() -> str:
    runner = CliRunner()
    parts = [HEADER]
    top = runner.invoke(cli, ["--help"], prog_name="coordgraph", terminal_width=100)
    parts.append("## coordgraph\n\n```text\n" + top.output.rstrip() + "\n```\n")
    for path in _walk(cli, []):
        result = runner.invoke(cli, [*path, "--help"], prog_name="coordgraph", terminal_width=100)
        title = "coordgraph " + " ".join(path)
        text = result.output.rstrip()
        parts.append(f"## {title}\n\n```text\n{text}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    target = Path(__file__).with_name("cli.md")
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if target.read_text(encoding="utf-8") == text else 1)
    target.write_text(text, encoding="utf-8")
