"""Options shared by several commands, defined once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("table", "json", "csv", "markdown")


def dataset_argument(f: F) -> F:
    return click.argument("dataset", required=False, metavar="[DATASET]")(f)


class AsOf(click.ParamType):  # type: ignore[type-arg]
    """A date to look at: YYYY, YYYY-MM or YYYY-MM-DD, read as its last day."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from coordgraph.dates import parse_as_of

        if isinstance(value, dt.date):
            return value
        try:
            return parse_as_of(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def as_of_option(f: F) -> F:
    return click.option(
        "--as-of",
        type=AsOf(),
        metavar="DATE",
        help="Look at the situation on this date: YYYY, YYYY-MM or YYYY-MM-DD "
        "(a year or month means its last day) or today. Default: the date the dataset "
        "speaks for (its as_of), else today.",
    )(f)


def overwrite_option(f: F) -> F:
    return click.option(
        "--overwrite",
        is_flag=True,
        help="Write into a non-empty folder coordgraph did not create. Only files "
        "coordgraph wrote there (listed in its .coordgraph-manifest.json) are ever replaced; "
        "nothing else is touched.",
    )(f)


def raw_cells_option(f: F) -> F:
    return click.option(
        "--raw-cells",
        is_flag=True,
        help="For programs, not people: write every cell exactly as the data holds it, "
        "without the apostrophe put before a cell starting with = + - @ (or an "
        "apostrophe) so that a spreadsheet never runs it as a formula (docs/outputs.md).",
    )(f)


def bom_option(f: F) -> F:
    return click.option(
        "--bom/--no-bom",
        default=None,
        help="Start CSV with a UTF-8 byte-order mark, which Excel needs to show accents "
        "right. Default: on for files written with -o, off on standard output.",
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


_DISPUTED = "coordgraph.include_disputed"


def _remember_disputed(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    ctx.meta[_DISPUTED] = bool(value)
    return value


def unverified_option(f: F) -> F:
    """``--include-unverified`` and ``--include-disputed``: each adds one verification level.

    The second is read by :func:`load_dataset` (and :func:`verification_levels`) from the
    command's context, so a command needs only the first as a parameter.
    """
    f = click.option(
        "--include-disputed",
        is_flag=True,
        expose_value=False,
        callback=_remember_disputed,
        help="Also use records marked disputed (a source contradicts them). "
        "Not included by --include-unverified.",
    )(f)
    return click.option(
        "--include-unverified",
        is_flag=True,
        help="Also use records marked unverified (default: verified only; disputed "
        "records need --include-disputed).",
    )(f)


def include_disputed() -> bool:
    """Whether the running command was given ``--include-disputed``."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.meta.get(_DISPUTED))


def verification_levels(include_unverified: bool) -> frozenset[str]:
    """The verification levels the running command asks for."""
    from coordgraph.verification import levels_from_flags

    return levels_from_flags(
        include_unverified=include_unverified, include_disputed=include_disputed()
    )


_UNDATED = "coordgraph.undated"


def _remember_undated(ctx: click.Context, _param: click.Parameter, value: str) -> str:
    ctx.meta[_UNDATED] = value
    return value


def undated_option(f: F) -> F:
    """``--undated attested|exclude|always``, read back with :func:`undated_choice`."""
    return click.option(
        "--undated",
        type=click.Choice(["attested", "exclude", "always"]),
        default="attested",
        show_default=True,
        expose_value=False,
        callback=_remember_undated,
        help="Records with no start date: attested = from their earliest dated source "
        "(with none, counted and marked 'start date not recorded'); exclude = as attested, "
        "but leave out those with no dated source; always = count on every date.",
    )(f)


def undated_choice() -> str:
    """The running command's ``--undated`` choice (``attested`` when it has none)."""
    ctx = click.get_current_context(silent=True)
    return str(ctx.meta.get(_UNDATED, "attested")) if ctx else "attested"


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
        default="-",
        show_default=True,
        metavar="FILE",
        help="Write to this file ('-' for standard output). Written atomically; never "
        "over an input.",
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


def add_input(path: str | Path) -> None:
    """Record a file or folder the running command reads: outputs never go there."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.find_root().meta.setdefault("coordgraph.inputs", []).append(Path(path))


def inputs() -> tuple[Path, ...]:
    """The inputs of the running command (see :func:`add_input`)."""
    ctx = click.get_current_context(silent=True)
    return tuple(ctx.find_root().meta.get("coordgraph.inputs", ())) if ctx else ()


def check_id_options(G: Any) -> None:
    """Check the ids the running command was given (--network, --agreement, --country)
    against graph ``G``: an id that names nothing is an error with a suggestion."""
    from coordgraph.ids import check_ids

    params = click.get_current_context().params
    network, agreement = params.get("network"), params.get("agreement")
    countries = normalise_countries(tuple(params.get("countries") or ()))
    if network or agreement or countries:
        check_ids(
            G,
            networks=[network] if network else [],
            agreements=[agreement] if agreement else [],
            countries=countries,
        )


def load_dataset(dataset: str | None, *, include_unverified: bool = True) -> Any:
    """Load and validate, keeping only the verification levels asked for (verified, plus
    unverified with ``--include-unverified``, plus disputed with ``--include-disputed``);
    then check the command's id options against it.

    A progress bar goes to standard error when this takes over a second at a terminal,
    unless ``coordgraph --quiet`` (see :mod:`coordgraph.cli.progress`).
    """
    from coordgraph.cli.progress import stage
    from coordgraph.io.load import load, resolve_dataset_path

    add_input(resolve_dataset_path(dataset))
    with stage("reading the dataset") as on_progress:
        ds = load(dataset, on_progress=on_progress)
        ds = ds.at_levels(verification_levels(include_unverified))
    params = click.get_current_context().params
    if params.get("network") or params.get("agreement") or params.get("countries"):
        check_id_options(graph_of(ds))
    return ds


def graph_of(ds: Any) -> Any:
    """Build dataset ``ds``'s graph, with a progress bar when that takes over a second."""
    from coordgraph.cli.progress import stage

    with stage("building the graph"):
        return ds.to_networkx()


def dataset_graph(dataset: str | None, *, include_unverified: bool = True) -> Any:
    """:func:`load_dataset`, then :func:`graph_of`: the graph most commands start from."""
    return graph_of(load_dataset(dataset, include_unverified=include_unverified))
