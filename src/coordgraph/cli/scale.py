"""synth and import cases."""

from __future__ import annotations

import click

from coordgraph.cli.options import add_input, inputs, overwrite_option, raw_cells_option


@click.command()
@click.option("--countries", default=30, show_default=True, type=click.IntRange(3, 240))
@click.option("--routes", default=200, show_default=True, type=click.IntRange(0))
@click.option("--agreements", default=40, show_default=True, type=click.IntRange(0))
@click.option("--mechanisms", default=60, show_default=True, type=click.IntRange(0))
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("-o", "--output", required=True, metavar="DIR", help="Folder to write (CSV dataset).")
@overwrite_option
@raw_cells_option
def synth(
    countries: int,
    routes: int,
    agreements: int,
    mechanisms: int,
    seed: int,
    output: str,
    overwrite: bool,
    raw_cells: bool,
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
        write_csv_dir(
            ds, Path(output), overwrite=overwrite, command="synth", neutralise=not raw_cells
        )
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
      coordgraph import treaty-status palermo.html --agreement palermo-protocol
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
@raw_cells_option
def cases_cmd(
    file: str,
    output: str,
    overwrite: bool,
    min_volume: int,
    columns: tuple[str, ...],
    raw_cells: bool,
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
            ds,
            Path(output),
            overwrite=overwrite,
            command="import cases",
            inputs=inputs(),
            neutralise=not raw_cells,
        )
    click.echo(f"wrote {ds.route_count} routes to {output}", err=True)


@import_group.command("treaty-status")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--agreement", required=True, metavar="ID", help="The agreement the table is the status of."
)
@click.option(
    "--dataset",
    metavar="DATASET",
    default=None,
    help="The dataset to compare with (and, with -o, to write with the table's parties); "
    "default: the bundled default dataset.",
)
@click.option(
    "-o",
    "--output",
    metavar="PATH",
    default=None,
    help="Write DATASET with the table's parties here (its own records, its include kept); "
    "without it nothing is written.",
)
@overwrite_option
@click.option(
    "--layout",
    type=click.Choice(["untc", "coe", "csv"]),
    default=None,
    help="untc: a UN Treaty Collection page; coe: a Council of Europe chart; csv: a CSV "
    "file (default: from the file).",
)
@click.option("--url", default=None, help="The page's address, when the saved file lacks it.")
@click.option(
    "--retrieved",
    metavar="YYYY-MM-DD",
    default=None,
    help="The day you saved the page, when it does not say what day its status is as at.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@raw_cells_option
def treaty_status_cmd(
    file: str,
    agreement: str,
    dataset: str | None,
    output: str | None,
    overwrite: bool,
    layout: str | None,
    url: str | None,
    retrieved: str | None,
    fmt: str,
    raw_cells: bool,
) -> None:
    """Read a depositary's status table that you saved (a UN Treaty Collection status
    page or a Council of Europe chart of signatures and ratifications, as HTML; or a CSV
    with country, signature and ratification columns) and say how its parties differ
    from what DATASET holds for agreement ID: States added, dates changed, withdrawals,
    and States the dataset lists that the table does not.

    Nothing is written without -o. With -o, DATASET is written there with the table's
    parties on the agreement, each citing the saved page (its address and its "status as
    at" date, or --url and --retrieved). A row that cannot be read is reported at
    FILE:ROW and nothing is written (exit 2).

    \b
    Example:
      coordgraph import treaty-status untc-palermo.html --agreement palermo-protocol
      coordgraph import treaty-status chart-197.html --agreement cets-197 \\
          --dataset europe -o europe-2026.yaml
    """
    import datetime as dt
    import json
    from pathlib import Path

    from coordgraph.cli.progress import stage
    from coordgraph.errors import UsageError
    from coordgraph.include import with_includes
    from coordgraph.io.convert import own_at, write_dataset
    from coordgraph.io.load import load, resolve_dataset_path
    from coordgraph.io.treaty_status import read_treaty_status
    from coordgraph.status_diff import apply, compare, diff_text, status_source

    try:
        day = dt.date.fromisoformat(retrieved) if retrieved is not None else None
    except ValueError:
        raise UsageError(f"--retrieved {retrieved!r} is not a date YYYY-MM-DD") from None
    origin = resolve_dataset_path(dataset)
    add_input(origin)
    add_input(file)
    table = read_treaty_status(Path(file), layout=layout, url=url)
    with stage("reading the dataset") as on_progress:
        ds = load(dataset, on_progress=on_progress)
    diff = compare(ds, agreement, table)
    click.echo(json.dumps(diff.as_dict(), indent=2) if fmt == "json" else diff_text(diff), nl=False)
    if output is None:
        click.echo("Nothing was written (give -o PATH to write the dataset).", err=True)
        return
    record = next(a for a in ds.agreements if a.id == agreement)
    source = status_source(table, agreement=record, url=url, retrieved=day)
    updated = apply(ds, agreement, table, source)
    with_includes(updated)  # the dataset written must be valid
    target = Path(output)
    write_dataset(
        own_at(updated, origin, target),
        target,
        overwrite=overwrite,
        inputs=inputs(),
        command="import treaty-status",
        neutralise=not raw_cells,
    )
    click.echo(f"wrote {updated.info.name} with {agreement}'s parties to {output}", err=True)
