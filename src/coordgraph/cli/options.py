"""Options shared by several commands, defined once."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
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


class Years(click.ParamType):  # type: ignore[type-arg]
    """A number of years: finite, zero or more (``nan``, ``inf`` and negatives refused)."""

    name = "years"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from coordgraph.time_rules import horizon

        try:
            return horizon(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def stale_after_option(f: F) -> F:
    """``--stale-after YEARS`` (see :attr:`ReadOptions.stale_after`)."""
    return click.option(
        "--stale-after",
        type=Years(),
        metavar="YEARS",
        help="Staleness horizon: evidence older than this many years before the date "
        "asked makes a finding a data gap that asks to re-check, and an agreement whose "
        "recorded meetings are all older is possibly dormant. Default: 5.",
    )(f)


def day_used(as_of: dt.date | None, *, declared: object | None, name: str | None) -> dt.date:
    """The day a command looks at (``as_of`` when given, else the date the dataset
    speaks for, ``declared``, else today), said first on standard error so that JSON and
    CSV on standard output stay as they are: ``as of 2008-07-31: the date ecpat-2008
    speaks for (its as_of; --as-of today for today)``."""
    from coordgraph.dates import day_asked

    day = day_asked({"as_of": declared}, as_of)
    dataset = name or "the dataset"
    if as_of is not None:
        why = "today (--as-of)" if day == dt.date.today() else "the date asked (--as-of)"
    elif declared:
        why = f"the date {dataset} speaks for (its as_of; --as-of today for today)"
    else:
        why = f"today ({dataset} declares no as_of)"
    click.echo(f"as of {day.isoformat()}: {why}", err=True)
    return day


def day_of_dataset(ds: Any, as_of: dt.date | None) -> dt.date:
    """:func:`day_used` for a loaded dataset."""
    return day_used(as_of, declared=ds.info.as_of, name=ds.info.name)


def day_of_graph(G: Any, as_of: dt.date | None) -> dt.date:
    """:func:`day_used` for a graph (its ``as_of`` and ``name``)."""
    return day_used(as_of, declared=G.graph.get("as_of"), name=G.graph.get("name"))


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


def unverified_option(f: F) -> F:
    """``--include-unverified`` and ``--include-disputed``: each adds one verification level.

    A command given these (and :func:`undated_option`, :func:`country_option`,
    :func:`network_option`) takes them as one :class:`ReadOptions` argument ``reading``:
    put :func:`read_options` under the options.
    """
    f = click.option(
        "--include-disputed",
        is_flag=True,
        help="Also use records marked disputed (a source contradicts them). "
        "Not included by --include-unverified.",
    )(f)
    return click.option(
        "--include-unverified",
        is_flag=True,
        help="Also use records marked unverified (default: verified only; disputed "
        "records need --include-disputed).",
    )(f)


def undated_option(f: F) -> F:
    """``--undated attested|exclude|always`` (see :attr:`ReadOptions.undated`)."""
    return click.option(
        "--undated",
        type=click.Choice(["attested", "exclude", "always"]),
        default="attested",
        show_default=True,
        help="Records with no start date: attested = from their earliest dated source "
        "(with none, counted and marked 'start date not recorded'); exclude = as attested, "
        "but leave out those with no dated source; always = count on every date.",
    )(f)


@dataclass(frozen=True)
class ReadOptions:
    """What a command was asked about the records it reads, as one object.

    Attributes
    ----------
    include_unverified, include_disputed
        ``--include-unverified`` and ``--include-disputed``: each adds one level to the
        verified records every command reads (:attr:`levels`).
    undated
        ``--undated``: how records with no start date count.
    countries
        ``--country``, as ISO alpha-3 codes.
    network
        ``--network``, a network id.
    stale_after
        ``--stale-after``, the staleness horizon in years (None: the default, 5); the
        dataset and graphs the command reads carry it (``G.graph["stale_after"]``).
    """

    include_unverified: bool = False
    include_disputed: bool = False
    undated: str = "attested"
    countries: tuple[str, ...] = ()
    network: str | None = None
    stale_after: float | None = None

    @property
    def levels(self) -> frozenset[str]:
        """The verification levels asked for."""
        from coordgraph.verification import levels_from_flags

        return levels_from_flags(
            include_unverified=self.include_unverified, include_disputed=self.include_disputed
        )


def read_options(f: F) -> F:
    """Gather the options of :class:`ReadOptions` a command was given into one argument,
    ``reading``: put it below the command's option decorators (it is applied first)."""

    @functools.wraps(f)
    def command(**params: Any) -> Any:
        params["reading"] = ReadOptions(
            include_unverified=bool(params.pop("include_unverified", False)),
            include_disputed=bool(params.pop("include_disputed", False)),
            undated=str(params.pop("undated", "attested")),
            countries=tuple(normalise_countries(tuple(params.pop("countries", None) or ()))),
            network=params.pop("network", None),
            stale_after=params.pop("stale_after", None),
        )
        return f(**params)

    return command  # type: ignore[return-value]


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


def check_ids_given(G: Any, reading: ReadOptions) -> None:
    """Check the ids the command was given (``--network``, ``--country``) against graph
    ``G``: an id that names nothing is an error with a suggestion."""
    from coordgraph.ids import check_ids

    if reading.network or reading.countries:
        check_ids(
            G,
            networks=[reading.network] if reading.network else [],
            agreements=[],
            countries=list(reading.countries),
        )


def load_dataset(dataset: str | None, reading: ReadOptions | None = None) -> Any:
    """Load and validate, keeping only the verification levels ``reading`` asks for
    (verified, plus unverified with ``--include-unverified``, plus disputed with
    ``--include-disputed``; verified and unverified when ``reading`` is None).

    A progress bar goes to standard error when this takes over a second at a terminal,
    unless ``coordgraph --quiet`` (see :mod:`coordgraph.cli.progress`).
    """
    from coordgraph.cli.progress import stage
    from coordgraph.io.load import load, resolve_dataset_path

    if reading is None:
        reading = ReadOptions(include_unverified=True)
    add_input(resolve_dataset_path(dataset))
    with stage("reading the dataset") as on_progress:
        ds = load(dataset, on_progress=on_progress)
        return replace(ds.at_levels(reading.levels), stale_after=reading.stale_after)


def graph_of(ds: Any, reading: ReadOptions | None = None) -> Any:
    """Build dataset ``ds``'s graph, with a progress bar when that takes over a second;
    then check the ids ``reading`` holds against it."""
    from coordgraph.cli.progress import stage

    with stage("building the graph"):
        G = ds.to_networkx()
    if reading is not None:
        check_ids_given(G, reading)
    return G


def dataset_graph(dataset: str | None, reading: ReadOptions | None = None) -> Any:
    """:func:`load_dataset`, then :func:`graph_of`: the graph most commands start from,
    built once."""
    return graph_of(load_dataset(dataset, reading), reading)
