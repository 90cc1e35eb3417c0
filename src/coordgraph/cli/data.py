"""validate, summary, schema, datasets."""

from __future__ import annotations

import json

import click

from coordgraph.cli.options import dataset_argument, format_option, output_option
from coordgraph.cli.output import emit


@click.command()
@dataset_argument
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--strict",
    is_flag=True,
    help="Treat warnings (dates after today, ids that differ only by case) as problems.",
)
def validate(dataset: str | None, fmt: str, strict: bool) -> None:
    """Check DATASET and report every problem at once, as FILE:ROW:FIELD: message.

    What is valid but unlikely to be meant (a signature, a source or a route's first
    observation after today; ids that differ only by case) is a warning, which
    --strict makes a problem. Exits 0 when the dataset is valid, 2 when it is not.

    \b
    Example:
      coordgraph validate my-data/            # a folder of CSV files
      coordgraph validate west-africa         # a bundled dataset
      coordgraph validate my-data/ --strict   # warnings fail too
    """
    from coordgraph.cli.progress import stage
    from coordgraph.errors import Problem, ValidationFailed
    from coordgraph.io.load import load

    warnings: list[Problem] = []
    try:
        with stage("reading the dataset") as on_progress:
            ds = load(dataset, on_progress=on_progress, warnings=warnings, strict=strict)
    except ValidationFailed as exc:
        if fmt == "json":
            found = {"warnings": [p.as_dict() for p in warnings]} if warnings else {}
            click.echo(
                json.dumps(
                    {"valid": False, "problems": [p.as_dict() for p in exc.problems], **found},
                    indent=2,
                )
            )
            raise click.exceptions.Exit(2) from None
        for problem in warnings:
            click.echo(f"warning: {problem}")
        raise
    included = list(ds.inclusion.warnings) if ds.inclusion is not None else []
    if fmt == "json":
        every = [*included, *warnings]
        found = {"warnings": [p.as_dict() for p in every]} if every or ds.inclusion else {}
        click.echo(json.dumps({"valid": True, "records": len(ds), **found}))
        return
    from coordgraph.include import inclusion_text

    for warning in included:
        click.echo(f"warning: {warning}", err=True)
    for problem in warnings:
        click.echo(f"warning: {problem}")
    more = f", {len(warnings)} warning{'s' if len(warnings) > 1 else ''}" if warnings else ""
    click.echo(f"{ds.info.name}: valid ({len(ds)} records{inclusion_text(ds)}{more})")


@click.command()
@dataset_argument
@format_option("text", ("text", "json"))
@output_option
def summary(dataset: str | None, fmt: str, output: str) -> None:
    """Counts per kind of record, countries covered, sources and licences.

    \b
    Example:
      coordgraph summary
      coordgraph summary west-africa --format json
    """
    from coordgraph.cli.options import load_dataset
    from coordgraph.cli.progress import stage
    from coordgraph.summary import summarise, summary_text

    ds = load_dataset(dataset)
    with stage("counting"):
        data = summarise(ds)
    emit(
        json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        if fmt == "json"
        else summary_text(data),
        output,
    )


@click.command()
@click.option(
    "--datapackage", is_flag=True, help="Print the CSV layout as a Data Package descriptor instead."
)
@output_option
def schema(datapackage: bool, output: str) -> None:
    """Print the JSON Schema of the dataset format, generated from the models.

    \b
    Example:
      coordgraph schema > dataset.schema.json
      coordgraph schema --datapackage
    """
    if datapackage:
        from coordgraph.io.csvdir import datapackage as make
        from coordgraph.model import DatasetInfo

        doc = make(DatasetInfo(name="my-dataset", title="My dataset"))
    else:
        from coordgraph.summary import json_schema

        doc = json_schema()
    emit(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", output)


@click.command()
@format_option("text", ("text", "json"))
def datasets(fmt: str) -> None:
    """List the bundled datasets with their coverage and sources.

    Any command takes a bundled dataset by name, e.g. ``coordgraph gaps all west-africa``.
    """
    from coordgraph.summary import bundled_summaries
    from coordgraph.text.tables import datasets_text

    emit(datasets_text(bundled_summaries(), fmt))


@click.command()
@dataset_argument
@format_option("text", ("text", "json"))
def networks(dataset: str | None, fmt: str) -> None:
    """List the ids a command can be given: networks and agreements (with their names and
    how many States they bind) and countries, for --network, --agreement and --country.

    \b
    Example:
      coordgraph networks
      coordgraph networks west-africa --format json
    """
    from coordgraph.cli.options import dataset_graph
    from coordgraph.ids import list_ids
    from coordgraph.text.tables import ids_text

    emit(ids_text(list_ids(dataset_graph(dataset)), fmt))
