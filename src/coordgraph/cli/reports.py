"""report."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from coordgraph.cli.options import (
    AsOf,
    ReadOptions,
    as_of_option,
    dataset_argument,
    day_of_dataset,
    inputs,
    load_dataset,
    overwrite_option,
    read_options,
    stale_after_option,
    unverified_option,
)

_LANG_HELP = (
    "Language of the headings, criteria, kinds of gap, severities and finding messages "
    "(fr: français); names and notes stay as the data records them."
)


def lang_option(f: Any, *, help_text: str = _LANG_HELP) -> Any:
    """``--lang``: the language of the words of an output (data stays as recorded)."""
    from coordgraph.text.i18n import LANGS

    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default="en",
        show_default=True,
        help=help_text,
    )(f)


def template_lang_option(f: Any) -> Any:
    """``--lang`` of ``init``: the language of a workbook's help."""
    return lang_option(
        f,
        help_text="Language of the workbook's README, column comments and drop-down messages "
        "(fr: français); column and sheet names stay as coordgraph reads them.",
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
@click.option(
    "--since",
    type=AsOf(),
    metavar="DATE",
    help="Also say what changed between this earlier date and --as-of (gaps opened and closed).",
)
@unverified_option
@stale_after_option
@lang_option
@click.option(
    "--full",
    is_flag=True,
    help="The full report: every gap (low severity too), each network's member x member "
    "table, every source and the rules behind the findings. Without it, the report is "
    "the meeting form: the gaps of medium or high severity, State by State.",
)
@read_options
def report(
    dataset: str | None,
    output: str,
    overwrite: bool,
    as_of: dt.date | None,
    since: dt.date | None,
    lang: str,
    full: bool,
    reading: ReadOptions,
) -> None:
    """Write a meeting-ready report: report.html (one self-contained file, pictures
    embedded, prints to A4) and report.md. It opens with a one-screen summary (gaps by
    kind and severity, the three most important in plain words, what changed since
    --since), then a page per State with gaps of medium or high severity (a pair told
    once, under its first State), the networks (coordinating ones first, those left out
    with why), the pictures, the actions that would close the most gaps and the sources
    cited. --full adds every gap of low severity, the member x member tables, every
    source and the rules behind the findings. Record counts are those of `coordgraph
    summary`; gap counts those of `coordgraph gaps all` with the same options, less the
    linked pairs that lack a criterion (listed under their States, not counted as gaps).

    \b
    Example:
      coordgraph report -o out/ --as-of 2008-07
      coordgraph report west-africa -o wa-report/ --as-of 2019 --since 2010
      coordgraph report west-africa -o rapport/ --as-of 2019 --lang fr
      coordgraph report west-africa -o annex/ --as-of 2019 --full
    """
    from dataclasses import replace
    from pathlib import Path

    from coordgraph.cli.progress import stage
    from coordgraph.report import write_report

    # every level asked for is read; the report itself marks or leaves out unverified ones
    ds = load_dataset(dataset, replace(reading, include_unverified=True))
    day = day_of_dataset(ds, as_of)
    with stage("writing the report"):
        paths = write_report(
            ds,
            Path(output),
            as_of=day,
            since=since,
            verified_only=not reading.include_unverified,
            overwrite=overwrite,
            inputs=inputs(),
            lang=lang,
            full=full,
        )
    click.echo(f"wrote {paths['html']} and {paths['markdown']}", err=True)
