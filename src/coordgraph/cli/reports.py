"""report."""

from __future__ import annotations

import datetime as dt

import click

from coordgraph.cli.options import (
    as_of_option,
    dataset_argument,
    inputs,
    load_dataset,
    overwrite_option,
    unverified_option,
)


@click.command()
@dataset_argument
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="DIR",
    help="Folder to write: a new or empty one, or one an earlier report wrote.",
)
@overwrite_option
@as_of_option
@unverified_option
def report(
    dataset: str | None,
    output: str,
    overwrite: bool,
    as_of: dt.date | None,
    include_unverified: bool,
) -> None:
    """Write a meeting-ready report: report.html (one self-contained file, pictures
    embedded) and report.md, with the dataset's sources, the three analyses' findings
    with citations, each network's coverage table and the diagrams.

    \b
    Example:
      coordgraph report -o out/ --as-of 2008-07
      coordgraph report west-africa -o wa-report/
    """
    from pathlib import Path

    from coordgraph.report import write_report

    paths = write_report(
        load_dataset(dataset, include_unverified=include_unverified),
        Path(output),
        as_of=as_of,
        overwrite=overwrite,
        inputs=inputs(),
    )
    click.echo(f"wrote {paths['html']} and {paths['markdown']}", err=True)
