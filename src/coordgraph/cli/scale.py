"""synth and import cases."""

from __future__ import annotations

import click

from coordgraph.cli.options import add_input, inputs, overwrite_option


@click.command()
@click.option("--countries", default=30, show_default=True, type=click.IntRange(3, 240))
@click.option("--routes", default=200, show_default=True, type=click.IntRange(0))
@click.option("--agreements", default=40, show_default=True, type=click.IntRange(0))
@click.option("--mechanisms", default=60, show_default=True, type=click.IntRange(0))
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("-o", "--output", required=True, metavar="DIR", help="Folder to write (CSV dataset).")
@overwrite_option
def synth(
    countries: int,
    routes: int,
    agreements: int,
    mechanisms: int,
    seed: int,
    output: str,
    overwrite: bool,
) -> None:
    """Generate a synthetic dataset (deterministic for a seed, labelled synthetic in its
    source and descriptor) in the CSV folder format, for tests and benchmarks.

    \b
    Example:
      coordgraph synth --routes 100000 --seed 1 -o synthetic/
      coordgraph gaps all synthetic/ --as-of 2015 --format json > findings.json
    """
    from pathlib import Path

    from coordgraph.cli.progress import stage
    from coordgraph.io.csvdir import write_csv_dir
    from coordgraph.synth import missing_agreements, synthesize

    with stage("generating"):
        ds = synthesize(
            countries=countries,
            routes=routes,
            agreements=agreements,
            mechanisms=mechanisms,
            seed=seed,
            exact=True,
        )
    with stage("writing"):
        write_csv_dir(ds, Path(output), overwrite=overwrite, command="synth")
    click.echo(f"wrote {len(ds)} synthetic records to {output}", err=True)
    short = missing_agreements(countries=countries, agreements=agreements)
    if short:
        click.echo(f"note: {short}", err=True)


@click.group("import")
def import_group() -> None:
    """Import data people already have into the dataset format.

    \b
    Example:
      coordgraph import cases ctdc_download.csv -o ctdc-routes/ --min-volume 5
    """


@import_group.command("cases")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, metavar="DIR", help="Folder to write (CSV dataset).")
@overwrite_option
@click.option(
    "--min-volume",
    default=1,
    show_default=True,
    type=click.IntRange(1),
    help="Drop routes with fewer cases (UNODC's flow convention uses 5).",
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="KEY=NAME",
    help="Column names if they differ: origin, destination, year, age, sex, purpose.",
)
def cases_cmd(
    file: str, output: str, overwrite: bool, min_volume: int, columns: tuple[str, ...]
) -> None:
    """Aggregate case-level records (CTDC-style: citizenship and country of exploitation
    as ISO alpha-2, year, age group, gender, type of exploitation) into routes with a
    volume per origin, destination, year, victims and purpose.

    CTDC's licence does not allow redistributing its data: download the global dataset
    from the Counter Trafficking Data Collaborative yourself and point this command at it.

    \b
    Example:
      coordgraph import cases ctdc.csv -o routes/ --min-volume 5
      coordgraph import cases mine.csv -o routes/ --column origin=nationality
    """
    from pathlib import Path

    from coordgraph.io.cases import routes_from_cases
    from coordgraph.io.csvdir import write_csv_dir

    mapping = {}
    for item in columns:
        key, _, name = item.partition("=")
        if not name:
            raise click.BadParameter(f"{item!r} is not KEY=NAME", param_hint="--column")
        mapping[key.strip()] = name.strip()
    from coordgraph.cli.progress import stage

    add_input(file)
    with stage("reading cases") as on_progress:
        ds = routes_from_cases(
            Path(file), min_volume=min_volume, columns=mapping, on_progress=on_progress
        )
    with stage("writing routes"):
        write_csv_dir(
            ds, Path(output), overwrite=overwrite, command="import cases", inputs=inputs()
        )
    click.echo(f"wrote {ds.route_count} routes to {output}", err=True)
