"""The ``coordgraph`` command: a thin shell over the library.

Commands are imported only when run, so ``coordgraph --help`` stays fast.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any

import click

from coordgraph import __version__

__all__ = ["cli", "main"]

#: name -> (module:attribute, one-line help shown by ``coordgraph --help``)
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("coordgraph.cli.data:validate", "Check a dataset; list every problem at once."),
    "summary": ("coordgraph.cli.data:summary", "Counts, countries covered, sources and licences."),
    "schema": (
        "coordgraph.cli.data:schema",
        "Print the JSON Schema (or CSV data package) of the input format.",
    ),
    "datasets": ("coordgraph.cli.data:datasets", "List the bundled datasets."),
    "gaps": (
        "coordgraph.cli.gaps:gaps",
        "Find unlinked routes, duplicated mechanisms, missing focal points.",
    ),
    "coverage": (
        "coordgraph.cli.gaps:coverage_cmd",
        "A regional network's member x member link table.",
    ),
    "plan": (
        "coordgraph.cli.planning:plan",
        "Rank the actions that would close the most route gaps.",
    ),
    "timeline": ("coordgraph.cli.planning:timeline", "How coverage changed year by year."),
    "diagram": ("coordgraph.cli.diagrams:diagram", "Draw routes, a map or a focal-point network."),
    "export": (
        "coordgraph.cli.exports:export",
        "Write the graph as GraphML, GEXF, JSON, GeoJSON, Kumu or Cypher.",
    ),
    "explore": (
        "coordgraph.cli.explore:explore",
        "Write an interactive, offline HTML explorer with an as-of slider.",
    ),
    "report": ("coordgraph.cli.reports:report", "Write a meeting-ready HTML and Markdown report."),
    "neo4j": (
        "coordgraph.cli.neo4j:neo4j",
        "Load the graph into Neo4j and run the analyses there.",
    ),
    "synth": (
        "coordgraph.cli.scale:synth",
        "Generate a synthetic dataset for testing and benchmarks.",
    ),
    "import": ("coordgraph.cli.scale:import_group", "Import case-level data into routes."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self._available()))

    def _available(self) -> list[str]:
        out = []
        for name, (target, _) in COMMANDS.items():
            module = target.partition(":")[0]
            if importlib.util.find_spec(module) is not None:
                out.append(name)
        return out

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None or cmd_name not in COMMANDS:
            return command
        module_name, _, attr = COMMANDS[cmd_name][0].partition(":")
        if importlib.util.find_spec(module_name) is None:
            return None
        module = importlib.import_module(module_name)
        command = getattr(module, attr)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx) if name in COMMANDS]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        from coordgraph.errors import CoordgraphError, ValidationFailed

        try:
            return super().invoke(ctx)
        except ValidationFailed as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except CoordgraphError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="coordgraph")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
def cli(quiet: bool) -> None:
    """Map anti-trafficking coordination as a graph and find where it breaks down.

    Every command reads a DATASET: a YAML/JSON file, a folder of CSV files, or the
    name of a bundled dataset. Leave it out to use the bundled default (facts of the
    2008 thematic paper on child trafficking for sexual purposes).

    \b
    Start here:
      coordgraph summary              what is in the bundled dataset
      coordgraph gaps all             the three analyses, as of today
      coordgraph gaps routes --as-of 2008-07 --format json
    """


def main() -> None:
    """Console-script entry point."""
    sys.exit(cli.main(prog_name="coordgraph", standalone_mode=True))
