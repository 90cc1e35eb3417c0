"""Writing command output: standard output, or a file written atomically."""

from __future__ import annotations

from pathlib import Path

import click

from coordgraph.io.atomic import atomic_write_text


def emit(text: str, output: str | None = "-") -> None:
    if output in (None, "-"):
        click.echo(text, nl=False)
    else:
        atomic_write_text(Path(output), text)
        click.echo(f"wrote {output}", err=True)
