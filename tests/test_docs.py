"""Every command has help with an example, and is documented in docs/cli.md."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from coordgraph.cli import COMMANDS, cli

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def _commands():
    ctx = click.Context(cli)
    return [(n, cli.get_command(ctx, n)) for n in cli.list_commands(ctx)]


@pytest.mark.parametrize(("name", "command"), _commands())
def test_command_has_help(name: str, command: click.Command) -> None:
    assert command is not None
    assert command.help and len(command.help) > 40
    r = CliRunner().invoke(cli, [name, "--help"])
    assert r.exit_code == 0


def test_every_command_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for name, _ in _commands():
        assert f"coordgraph {name}" in text, name


def test_registry_matches_modules() -> None:
    ctx = click.Context(cli)
    assert set(cli.list_commands(ctx)) <= set(COMMANDS)


def test_cli_reference_is_up_to_date() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_cli", DOCS.with_name("gen_cli.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert DOCS.read_text(encoding="utf-8") == module.render(), "run: python docs/gen_cli.py"


def test_kept_top_level_help_is_up_to_date() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_cli", DOCS.with_name("gen_cli.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    kept = DOCS.parent.parent / "src" / "coordgraph" / "_help.py"
    assert kept.read_text(encoding="utf-8") == module.render_kept_help(), (
        "run: python docs/gen_cli.py"
    )
