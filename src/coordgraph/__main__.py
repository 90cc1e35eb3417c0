"""The ``coordgraph`` console script (also ``python -m coordgraph``).

``coordgraph --help`` is answered from the help text click renders, kept in
:mod:`coordgraph._help`, without importing click or the library: Python's own start-up
is most of what is left, so asking for help stays about as quick as starting Python.
Everything else, and help at a terminal width with no kept rendering, goes to
:func:`coordgraph.cli.main`.
"""

from __future__ import annotations

import os
import sys

#: the arguments answered from the kept help text
HELP_ARGUMENTS = (["--help"], ["-h"])


def help_width() -> int:
    """The width click formats ``coordgraph --help`` to: the terminal's columns (or
    ``COLUMNS``; 80 when standard output is not a terminal), at most 100, minus 2, at
    least 50 -- what :class:`click.HelpFormatter` computes with ``shutil``, without
    importing it."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    if columns <= 0:
        columns = 80
    return max(min(columns, 100) - 2, 50)


def kept_help(arguments: list[str]) -> str | None:
    """The kept ``coordgraph --help`` text for these arguments at this terminal, if any."""
    if arguments not in HELP_ARGUMENTS:
        return None
    from coordgraph._help import HELP_BY_WIDTH

    return HELP_BY_WIDTH.get(help_width())


def main() -> None:
    """Print the kept help, or run the command (exit codes: ``coordgraph.cli.EXIT_CODES``)."""
    text = kept_help(sys.argv[1:])
    if text is None:
        from coordgraph.cli import main as run_command

        run_command()
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader went away (`coordgraph --help | head -3`)
        from coordgraph.cli import silence_stdout

        silence_stdout()
    sys.exit(0)


if __name__ == "__main__":
    main()
