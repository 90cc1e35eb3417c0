"""Writing command output: standard output, or a file written atomically (never over an
input of the command; see :mod:`coordgraph.io.atomic`)."""

from __future__ import annotations

from pathlib import Path

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


def want_bom(bom: bool | None, output: str | None) -> bool:
    """``--bom/--no-bom`` if given; otherwise a BOM in files (Excel opens them by
    double-click and needs it for accents) and none on standard output (read by programs)."""
    return (not to_stdout(output)) if bom is None else bom
