"""init and convert: templates to fill in, and moving a dataset between formats."""

from __future__ import annotations

import click

from coordgraph.cli.options import raw_cells_option
from coordgraph.cli.reports import template_lang_option

_TO = click.option(
    "--to",
    type=click.Choice(["yaml", "json", "csv", "xlsx"]),
    help="Write this format whatever the extension (default: from the extension; "
    "a name without one is a folder of CSV files).",
)
_OVERWRITE = click.option(
    "--overwrite",
    is_flag=True,
    help="Replace an existing file, or write into a non-empty folder (only files "
    "coordgraph wrote there are ever replaced). Never an input.",
)


@click.command()
@click.argument("path", metavar="DIR|FILE.xlsx")
@_TO
@_OVERWRITE
@raw_cells_option
@template_lang_option
def init(path: str, to: str | None, overwrite: bool, raw_cells: bool, lang: str) -> None:
    """Write an empty dataset to fill in: an Excel workbook or a folder of CSV files.

    The workbook has a README sheet, one sheet per kind of record, a comment on every
    column name saying what goes there, and drop-down lists for every vocabulary and for
    ids from other sheets (a focal point's network from the networks sheet). The folder
    has every table's header row and datapackage.json. Nothing existing is replaced
    (exit 2) unless --overwrite.

    \b
    Example:
      coordgraph init focal-points.xlsx      # fill it in Excel, then:
      coordgraph validate focal-points.xlsx
      coordgraph init my-data/               # the same as CSV files
      coordgraph init points-focaux.xlsx --lang fr   # README and comments in French
    """
    from pathlib import Path

    from coordgraph.io.convert import write_template
    from coordgraph.text.i18n import workbook_text

    fmt = write_template(
        Path(path),
        to=to,
        overwrite=overwrite,
        neutralise=not raw_cells,
        translate=None if lang == "en" else lambda text: workbook_text(text, lang),
    )
    what = "workbook" if fmt == "xlsx" else "folder of CSV files"
    click.echo(f"wrote an empty {what} to {path}; next: coordgraph validate {path}", err=True)


@click.command()
@click.argument("source", metavar="SRC")
@click.argument("target", metavar="DST")
@_TO
@_OVERWRITE
@click.option(
    "--inline",
    is_flag=True,
    help="Write the records of included datasets (the reference layer) into DST, merged, "
    "and drop the include (default: keep the include and write only SRC's own records).",
)
@raw_cells_option
def convert(
    source: str, target: str, to: str | None, overwrite: bool, inline: bool, raw_cells: bool
) -> None:
    """Convert a dataset between YAML, JSON, a folder of CSV files and an Excel workbook.

    SRC is anything other commands read (a file, a folder or a bundled dataset's name);
    it is validated first and nothing is written if it has problems. The format of DST
    comes from its extension (.yaml, .json, .xlsx; a folder for CSV) or --to. Every
    record and field is kept: converting back gives the same dataset. A dataset that
    includes another (``include: [reference]``) keeps its include, so DST follows the
    included dataset as it is updated; --inline writes a self-contained copy instead.

    \b
    Example:
      coordgraph convert west-africa west-africa.xlsx
      coordgraph convert my-data.xlsx my-data.yaml
      coordgraph convert my-data.yaml csv-folder/ --to csv
    """
    from pathlib import Path

    from coordgraph.cli.options import add_input
    from coordgraph.io.convert import convert as run
    from coordgraph.io.load import resolve_dataset_path

    add_input(resolve_dataset_path(source))
    dataset, fmt = run(
        source,
        Path(target),
        to=to,
        overwrite=overwrite,
        inline=inline,
        neutralise=not raw_cells,
    )
    click.echo(f"wrote {len(dataset)} records to {target} ({fmt})", err=True)
