"""export."""

from __future__ import annotations

import click

from coordgraph.cli.options import (
    bom_option,
    dataset_argument,
    inputs,
    load_dataset,
    overwrite_option,
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
    "kumu (a folder with elements.csv and connections.csv), cypher (a script).",
)
@click.option("-o", "--output", required=True, metavar="PATH", help="File (a folder for kumu).")
@overwrite_option
@bom_option
@unverified_option
def export(
    dataset: str | None,
    fmt: str,
    output: str,
    overwrite: bool,
    bom: bool | None,
    include_unverified: bool,
) -> None:
    """Write the graph for another tool. Written atomically: a failed export leaves no file.

    What each format keeps and loses is in docs/exports.md: lists become '|'-joined text
    in GraphML, GEXF and Kumu; dates are text keeping their precision; GEXF nodes get
    start/end dates for Gephi's timeline.

    \b
    Example:
      coordgraph export --format gexf -o graph.gexf
      coordgraph export west-africa --format geojson -o routes.geojson
    """
    from pathlib import Path

    from coordgraph.export import write_export

    G = load_dataset(dataset, include_unverified=include_unverified).to_networkx()
    write_export(G, fmt, Path(output), overwrite=overwrite, bom=bom is not False, inputs=inputs())
    click.echo(f"wrote {output}", err=True)
