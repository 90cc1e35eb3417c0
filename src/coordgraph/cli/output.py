"""Writing command output: standard output, or a file written atomically (never over an
input of the command; see :mod:`coordgraph.io.atomic`)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import click

from coordgraph.cli.options import inputs


def to_stdout(output: str | None) -> bool:
    return output in (None, "-")


def emit(text: str, output: str | None = "-", *, bom: bool = False) -> None:
    """Print ``text``, or write it to ``output``; ``bom`` starts it with a UTF-8
    byte-order mark (CSV for Excel)."""
    if to_stdout(output):
        click.echo(("\ufeff" if bom else "") + text, nl=False)
    else:
        from coordgraph.cli.progress import stage
        from coordgraph.io.atomic import atomic_write_text

        with stage(f"writing {Path(str(output)).name}"):
            atomic_write_text(Path(str(output)), text, inputs=inputs(), bom=bom)
        click.echo(f"wrote {output}", err=True)


def emit_stream(write: Callable[[IO[str]], None], output: str | None, *, bom: bool = False) -> None:
    """Like :func:`emit`, for output written as it is made: ``write`` is given the
    handle (standard output, or the temporary file renamed over ``output`` once
    ``write`` returns, so a failure leaves nothing)."""
    if to_stdout(output):
        stream = sys.stdout
        if bom:
            stream.write("\ufeff")
        write(stream)
        stream.flush()
        return
    from coordgraph.cli.progress import stage
    from coordgraph.io.atomic import atomic_write

    with (
        stage(f"writing {Path(str(output)).name}"),
        atomic_write(
            Path(str(output)),
            "w",
            inputs=inputs(),
            encoding="utf-8-sig" if bom else "utf-8",
            newline="",
        ) as handle,
    ):
        write(handle)
    click.echo(f"wrote {output}", err=True)


def want_bom(bom: bool | None, output: str | None) -> bool:
    """``--bom/--no-bom`` if given; otherwise a BOM in files (Excel opens them by
    double-click and needs it for accents) and none on standard output (read by programs)."""
    return (not to_stdout(output)) if bom is None else bom
