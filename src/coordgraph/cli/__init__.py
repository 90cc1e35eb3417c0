"""The ``coordgraph`` command: a thin shell over the library.

Commands are imported only when run, so ``coordgraph --help`` stays fast.
"""

from __future__ import annotations

import errno
import importlib
import importlib.util
import sys
from typing import Any

import click

from coordgraph import __version__, temporaries

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
    "networks": (
        "coordgraph.cli.data:networks",
        "List network, agreement and country ids to use with --network and --country.",
    ),
    "init": (
        "coordgraph.cli.sheets:init",
        "Write an empty dataset to fill in: an Excel workbook or CSV files.",
    ),
    "convert": (
        "coordgraph.cli.sheets:convert",
        "Convert a dataset between YAML, JSON, CSV files and Excel.",
    ),
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
        "Rank the actions that fill the most missing link criteria at least cost.",
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
    "import": (
        "coordgraph.cli.scale:import_group",
        "Import case-level data into routes, or a depositary's treaty status table.",
    ),
}


#: what each exit code means, for scripts and CI gates (also in README and docs/cli.md)
EXIT_CODES = {
    0: "ok",
    1: "gaps found (only with --fail-on-gaps)",
    2: "bad input or usage (invalid dataset, unknown id, refused output path)",
    3: "graph database unreachable, refusing or failing",
    4: "internal error (a bug: please report it)",
    5: "no space left on the device (disk or quota full) for an output",
    130: "interrupted (Ctrl-C)",
    143: "stopped by SIGTERM",
}
EXIT_INTERNAL = 4
#: OS errors that are the machine's state, not a bug: one line and exit 2 (5 when full)
_ENVIRONMENT_ERRORS = frozenset(
    {
        errno.ENOSPC,
        errno.EDQUOT,
        errno.EROFS,
        errno.EACCES,
        errno.EPERM,
        errno.ENAMETOOLONG,
        errno.EFBIG,
    }
)
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143
ISSUES = "the coordgraph issue tracker"


def _one_line(exc: BaseException | str) -> str:
    text = " ".join(str(exc).split())
    return text or (exc if isinstance(exc, str) else type(exc).__name__)


def silence_stdout() -> None:
    """Send what is still written to standard output nowhere: its reader went away."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


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
        """Run the command; turn every way it can end into one exit code (EXIT_CODES)."""
        # coordgraph.io (and with it pydantic) is imported only if a command fails, so
        # `coordgraph COMMAND --help` stays light
        from coordgraph.errors import CoordgraphError, ValidationFailed

        try:
            return super().invoke(ctx)
        except ValidationFailed as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except CoordgraphError as exc:
            click.echo(f"Error: {_one_line(exc)}", err=True)
            ctx.exit(exc.exit_code)
        except click.BadParameter as exc:
            # one line, like every other input error (no usage block)
            click.echo(f"Error: {_one_line(exc.format_message())}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            temporaries.remove_temporaries()
            click.echo("\nInterrupted; nothing half-written was left behind.", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            # the reader of standard output went away (`coordgraph ... | head`)
            silence_stdout()
            ctx.exit(0)
        except OSError as exc:
            # the system refused a write that no writer turned into its own error (a full
            # disk, a read-only file system...): an environment condition, never a bug
            from pathlib import Path

            if exc.errno not in _ENVIRONMENT_ERRORS:
                raise
            temporaries.remove_temporaries()
            from coordgraph.io.atomic import cannot_write

            error = cannot_write(Path(exc.filename or "an output"), exc)
            click.echo(f"Error: {_one_line(error)}", err=True)
            ctx.exit(error.exit_code)
        except Exception as exc:
            temporaries.remove_temporaries()
            if ctx.params.get("debug"):
                import traceback

                traceback.print_exc()
            click.echo(
                f"Error: internal error: {type(exc).__name__}: {_one_line(exc)} (please "
                f"report it, with the command you ran, at {ISSUES}; rerun with "
                "--debug for the traceback)",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="coordgraph")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
@click.option(
    "--debug", is_flag=True, help="On an internal error, show the traceback (for bug reports)."
)
def cli(quiet: bool, debug: bool) -> None:
    """Map anti-trafficking coordination as a graph and find where it breaks down.

    Every command reads a DATASET: a YAML/JSON file, an Excel workbook, a folder of CSV
    files, or the name of a bundled dataset. Leave it out to use the bundled default
    (facts of the 2008 thematic paper on child trafficking for sexual purposes).

    \b
    Start here:
      coordgraph summary              what is in the bundled dataset
      coordgraph gaps all             the three analyses, as of today
      coordgraph gaps routes --as-of 2008-07 --format json

    \b
    Exit codes: 0 ok, 1 gaps found (only with --fail-on-gaps), 2 bad input or
    usage, 3 graph database, 4 internal error, 5 disk full, 130 interrupted.
    """


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM: remove this process's temporary files, then exit 143. Nothing is imported
    here: the signal may arrive while a module is half imported."""
    temporaries.remove_temporaries()
    raise SystemExit(EXIT_TERMINATED)


def main() -> None:
    """Console-script entry point: SIGTERM cleans up like Ctrl-C; exit codes EXIT_CODES."""
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    try:
        code = cli.main(prog_name="coordgraph", standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except click.Abort:
        # Ctrl-C outside a command (at a prompt, while parsing)
        click.echo("\nInterrupted.", err=True)
        code = EXIT_INTERRUPTED
    exit_now(code if isinstance(code, int) else 0)


def exit_now(code: int) -> None:
    """Exit with ``code`` once standard output and error are flushed, without tearing
    the interpreter down: freeing a large dataset's graph and tables object by object
    takes seconds after the work is done (mypy exits the same way). Commands clean up
    after themselves (temporary files, connections) before they return."""
    import contextlib
    import os

    for stream in (sys.stdout, sys.stderr):
        # a reader that went away, or a closed stream: nothing more can be said
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
