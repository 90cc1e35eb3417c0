"""Options shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("table", "json", "csv", "markdown")


def dataset_argument(f: F) -> F:
    return click.argument("dataset", required=False, metavar="[DATASET]")(f)


def as_of_option(f: F) -> F:
    return click.option(
        "--as-of",
        metavar="DATE",
        help="Look at the situation on this date: YYYY, YYYY-MM or YYYY-MM-DD "
        "(a year or month means its last day). Default: today.",
    )(f)


def country_option(f: F) -> F:
    return click.option(
        "--country",
        "countries",
        multiple=True,
        metavar="ISO",
        help="Only findings about this State (repeatable; alpha-3, alpha-2 or name).",
    )(f)


def network_option(f: F) -> F:
    return click.option("--network", metavar="ID", help="Only this network's members.")(f)


def unverified_option(f: F) -> F:
    return click.option(
        "--include-unverified",
        is_flag=True,
        help="Also use records marked unverified or disputed (default: verified only).",
    )(f)


def format_option(default: str = "table", choices: tuple[str, ...] = FORMATS) -> Callable[[F], F]:
    def deco(f: F) -> F:
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(choices),
            default=default,
            show_default=True,
            help="Output format; json and csv are stable for scripts.",
        )(f)

    return deco


def output_option(f: F) -> F:
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, allow_dash=True),
        default="-",
        show_default=True,
        help="Write to this file ('-' for standard output). Written atomically.",
    )(f)


def normalise_countries(values: tuple[str, ...]) -> list[str]:
    from coordgraph.countries import normalise_country

    out = []
    for v in values:
        try:
            out.append(normalise_country(v))
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--country") from None
    return out


def load_dataset(dataset: str | None, *, include_unverified: bool = True) -> Any:
    """Load and validate, keeping only verified records unless asked otherwise.

    A progress bar goes to standard error for large datasets when it is a terminal,
    unless ``coordgraph --quiet``.
    """
    from coordgraph.cli.progress import bar_callback
    from coordgraph.io.load import load

    ds = load(dataset, on_progress=bar_callback("validating"))
    return ds if include_unverified else ds.only_verified()
