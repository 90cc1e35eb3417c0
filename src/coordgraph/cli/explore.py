"""explore."""

from __future__ import annotations

import datetime as dt

import click

from coordgraph.cli.options import (
    ReadOptions,
    as_of_option,
    dataset_argument,
    dataset_graph,
    day_of_graph,
    inputs,
    read_options,
    stale_after_option,
    unverified_option,
)
from coordgraph.cli.reports import lang_option


@click.command()
@dataset_argument
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="FILE.html",
    help="The HTML file to write (written atomically).",
)
@as_of_option
@unverified_option
@stale_after_option
@lang_option
@read_options
def explore(
    dataset: str | None, output: str, as_of: dt.date | None, lang: str, reading: ReadOptions
) -> None:
    """Write an interactive explorer: one HTML file that works offline.

    The map of route pairs (linked, unlinked, unresolved), the focal-point network and
    the findings side by side. The slider moves through the years in the data, up to
    --as-of; the findings of every step are computed here, by the same analyses as
    'coordgraph gaps'. Filter by State, network and finding kind; click a finding to
    highlight its States, routes and evidence; a State chosen shows what it is expected
    to have and what the records show. Open the file in any browser; it makes no
    request to the network. Add '#year=2008' to its address to open it at a year,
    '#year=2008&state=ROU' on a State.

    \b
    Example:
      coordgraph explore -o explorer.html
      coordgraph explore west-africa --as-of 2019 -o west-africa.html
      coordgraph explore west-africa --as-of 2019 --lang fr -o afrique-ouest.html
    """
    from pathlib import Path

    from coordgraph.cli.progress import stage
    from coordgraph.explorer import write_explorer

    G = dataset_graph(dataset, reading)
    day = day_of_graph(G, as_of)
    with stage("writing the explorer"):
        path = write_explorer(G, Path(output), as_of=day, inputs=inputs(), lang=lang)
    click.echo(f"wrote {path}", err=True)
