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
@click.option(
    "--since",
    metavar="DATE",
    help="Also say what changed between this earlier date and --as-of (gaps opened and closed).",
)
@unverified_option
def report(
    dataset: str | None,
    output: str,
    as_of: str | None,
    since: str | None,
    include_unverified: bool,
) -> None:
    """Write a meeting-ready report: report.html (one self-contained file, pictures
    embedded, prints to A4) and report.md. It opens with a one-screen summary (gaps by
    kind and severity, the three most important in plain words, what changed since
    --since), then one section per State, one per network, the pictures, the sources with
    publisher, date and address, and the rules behind the findings as footnotes. Record
    counts are those of `coordgraph summary`; gap counts those of `coordgraph gaps all`
    with the same options.

    \b
    Example:
      coordgraph report -o out/ --as-of 2008-07
      coordgraph report west-africa -o wa-report/ --as-of 2019 --since 2010
    """
    from pathlib import Path

    from coordgraph.dates import parse_as_of
    from coordgraph.report import write_report

    for name, value in (("--as-of", as_of), ("--since", since)):
        try:
            parse_as_of(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint=name) from None
    paths = write_report(
        load_dataset(dataset, include_unverified=True),
        Path(output),
        as_of=as_of,
        since=since,
        verified_only=not include_unverified,
    )
    click.echo(f"wrote {paths['html']} and {paths['markdown']}", err=True)
