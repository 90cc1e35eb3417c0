"""report."""

from __future__ import annotations

import click

from coordgraph.cli.options import as_of_option, dataset_argument, load_dataset, unverified_option


@click.command()
@dataset_argument
@click.option(
    "-o", "--output", required=True, metavar="DIR", help="Folder to write (replaced atomically)."
)
@as_of_option
@unverified_option
def report(dataset: str | None, output: str, as_of: str | None, include_unverified: bool) -> None:
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
        load_dataset(dataset, include_unverified=include_unverified), Path(output), as_of=as_of
    )
    click.echo(f"wrote {paths['html']} and {paths['markdown']}", err=True)
