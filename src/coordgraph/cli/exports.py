"""export."""

from __future__ import annotations

import datetime as dt

import click

from coordgraph.cli.options import (
    ReadOptions,
    as_of_option,
    dataset_argument,
    dataset_graph,
    inputs,
    raw_cells_option,
    read_options,
    unverified_option,
)


@click.command()
@dataset_argument
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["graphml", "gexf", "json", "geojson", "kumu", "cypher"]),
    help="graphml/gexf for Gephi and yEd, json (node-link), geojson for GIS, "
    "kumu (an .xlsx workbook for Kumu's import), cypher (a script).",
)
@click.option("-o", "--output", required=True, metavar="PATH", help="The file to write.")
@as_of_option
@click.option(
    "--outlines",
    is_flag=True,
    help="geojson: countries as their outlines (MultiPolygon) instead of centre points.",
)
@unverified_option
@raw_cells_option
@read_options
def export(
    dataset: str | None,
    fmt: str,
    output: str,
    as_of: dt.date | None,
    outlines: bool,
    raw_cells: bool,
    reading: ReadOptions,
) -> None:
    """Write the graph for another tool. Written atomically: a failed export leaves no file.

    graphml, gexf, geojson and kumu carry the findings as of --as-of: each route pair's
    link status (linked, unlinked, unresolved), link kind, severity and message, and the
    gap findings of each State. GEXF edges carry start/end dates (memberships, parties,
    designations) so Gephi's timeline plays. What each format keeps and loses is in
    docs/exports.md.

    \b
    Example:
      coordgraph export --format gexf -o graph.gexf
      coordgraph export west-africa --format geojson --as-of 2019 -o routes.geojson
      coordgraph export west-africa --format geojson --outlines -o countries.geojson
      coordgraph export --format kumu --as-of 2008-07 -o kumu.xlsx
    """
    from pathlib import Path

    from coordgraph.cli.progress import stage
    from coordgraph.export import write_export

    G = dataset_graph(dataset, reading)
    if outlines and fmt != "geojson":
        raise click.UsageError("--outlines is for --format geojson")
    with stage(f"writing {fmt}"):
        write_export(
            G,
            fmt,
            Path(output),
            as_of=as_of,
            inputs=inputs(),
            outlines=outlines,
            neutralise=not raw_cells,
        )
    click.echo(f"wrote {output}", err=True)
