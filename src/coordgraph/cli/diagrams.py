"""diagram routes|map|network."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import click

from coordgraph.cli.options import (
    ReadOptions,
    as_of_option,
    country_option,
    dataset_argument,
    dataset_graph,
    day_of_graph,
    read_options,
    stale_after_option,
    unverified_option,
)

SUFFIXES = (".png", ".svg", ".pdf")


def check_picture_path(output: str) -> Path:
    """Refuse early (before drawing) a picture path that cannot be used."""
    from coordgraph.cli.options import inputs
    from coordgraph.errors import ExportError
    from coordgraph.io.atomic import check_target

    path = Path(output)
    if path.suffix.lower() not in SUFFIXES:
        raise ExportError(f"{output}: the file name must end in {', '.join(SUFFIXES)}")
    check_target(path, inputs=inputs())
    return path


def save_figure(fig: Any, output: str, *, dpi: int = 130) -> None:
    """Write a figure atomically in the format its file name asks for."""
    from coordgraph.cli.options import inputs
    from coordgraph.io.atomic import atomic_write_bytes

    path = check_picture_path(output)
    buf = io.BytesIO()
    fig.savefig(buf, format=path.suffix.lower().lstrip("."), dpi=dpi)
    atomic_write_bytes(path, buf.getvalue(), inputs=inputs())
    click.echo(f"wrote {output}", err=True)


def _output(f: Any) -> Any:
    return click.option(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="Picture to write: .png, .svg or .pdf.",
    )(f)


@click.group()
def diagram() -> None:
    """Draw routes, a route map or a regional body's focal-point network.

    Legs are coloured and dashed by their link as of --as-of (agreement in force,
    focal-point channel, local link, no link, end not identified) and as wide as their
    recorded cases; every picture carries a title, the date and its sources with
    publisher. The format follows the file name: SVG keeps text as editable text, PDF
    embeds its fonts. A selection with nothing to draw exits 2 with the reason.

    \b
    Example:
      coordgraph diagram routes -o routes.png --as-of 2008-07
      coordgraph diagram map west-africa -o map.svg --country NGA
      coordgraph diagram network --network rcm --include-unverified -o rcm.pdf
    """


def _picture_lang(f: Any) -> Any:
    """``--lang`` of a picture: its legends, titles and States' names."""
    from coordgraph.cli.reports import lang_option

    return lang_option(
        f,
        help_text="Language of the picture's legends, titles and States' names "
        "(fr: français); names of bodies and agreements stay as the data records them.",
    )


def _route_options(f: Any) -> Any:
    f = click.option(
        "--victims",
        type=click.Choice(["all", "children"]),
        default="all",
        show_default=True,
        help="children: only routes with child victims.",
    )(f)
    f = click.option(
        "--network", metavar="ID", help="Only routes between members of this network."
    )(f)
    return country_option(f)


def _route_picture(
    plotter: str,
    dataset: str | None,
    output: str,
    as_of: dt.date | None,
    victims: str,
    reading: ReadOptions,
    **more: Any,
) -> None:
    """Load, draw routes with one of the route plotters, save."""
    from coordgraph import render
    from coordgraph.cli.progress import stage

    check_picture_path(output)
    G = dataset_graph(dataset, reading)
    day = day_of_graph(G, as_of)
    with stage("drawing"):
        fig, _ = getattr(render, plotter)(
            G,
            as_of=day,
            countries=list(reading.countries) or None,
            network=reading.network,
            children_only=victims == "children",
            **more,
        )
        save_figure(fig, output)


@diagram.command("routes")
@dataset_argument
@_output
@as_of_option
@_route_options
@_picture_lang
@unverified_option
@stale_after_option
@read_options
def routes_cmd(
    dataset: str | None,
    output: str,
    as_of: dt.date | None,
    victims: str,
    lang: str,
    reading: ReadOptions,
) -> None:
    """One row per route, grouped by State of origin: origin on the left, transits on
    the arrow, destination on the right, so 30 or more pairs stay readable.

    \b
    Example:
      coordgraph diagram routes -o routes.png --victims children
      coordgraph diagram routes west-africa --as-of 2019 --lang fr -o itineraires.png
    """
    _route_picture("plot_routes", dataset, output, as_of, victims, reading, lang=lang)


def _extent(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise click.BadParameter(
            f"{value!r}: give four numbers WEST,SOUTH,EAST,NORTH in degrees, e.g. -20,-5,20,20"
        ) from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise click.BadParameter(
            f"{value!r}: west must be less than east (-180 to 180) and south less than "
            "north (-90 to 90)"
        )
    return west, south, east, north


@diagram.command("map")
@dataset_argument
@_output
@as_of_option
@_route_options
@click.option(
    "--extent",
    callback=_extent,
    metavar="W,S,E,N",
    help="The frame in degrees (west,south,east,north); default: every State any route "
    "of the dataset touches, at any date, so maps at two dates line up.",
)
@_picture_lang
@unverified_option
@stale_after_option
@read_options
def map_cmd(
    dataset: str | None,
    output: str,
    as_of: dt.date | None,
    victims: str,
    extent: tuple[float, float, float, float] | None,
    lang: str,
    reading: ReadOptions,
) -> None:
    """Routes on a map: every country in view drawn (outlines shipped with the
    countryinfo package; nothing is downloaded), routes between the same States fanned
    apart, labels that do not overlap, places without a location listed beside the map.

    \b
    Example:
      coordgraph diagram map west-africa -o map.png --as-of 2019
      coordgraph diagram map west-africa -o map-2008.png --as-of 2008 --extent -20,-5,20,20
    """
    _route_picture("plot_map", dataset, output, as_of, victims, reading, extent=extent, lang=lang)


@diagram.command("network")
@dataset_argument
@click.option("--network", required=True, metavar="ID", help="The network (regional body).")
@_output
@as_of_option
@_picture_lang
@unverified_option
@stale_after_option
@read_options
def network_cmd(
    dataset: str | None, output: str, as_of: dt.date | None, lang: str, reading: ReadOptions
) -> None:
    """A regional body's members coloured by focal-point status (designated, recorded as
    not designated, not recorded), their focal-point agencies and the links among them;
    when nothing is recorded the picture says so.

    \b
    Example:
      coordgraph diagram network --network rcm --include-unverified -o rcm.png
      coordgraph diagram network west-africa --network lutrena --lang fr -o lutrena.png
    """
    from coordgraph.cli.progress import stage
    from coordgraph.render import NothingToDraw, plot_network

    check_picture_path(output)
    G = dataset_graph(dataset, reading)
    day = day_of_graph(G, as_of)
    with stage("drawing"):
        try:
            fig, _ = plot_network(G, network=str(reading.network), as_of=day, lang=lang)
        except NothingToDraw as exc:
            if reading.include_unverified:
                raise
            raise NothingToDraw(_unverified_hint(str(exc), dataset, reading, day)) from None
        save_figure(fig, output)


def _unverified_hint(
    reason: str, dataset: str | None, reading: ReadOptions, as_of: dt.date | None
) -> str:
    """The reason, and how to draw the members that were left out as unverified."""
    import dataclasses

    from coordgraph.analyses import coverage

    everyone = dataset_graph(dataset, dataclasses.replace(reading, include_unverified=True))
    count = len(coverage(everyone, network=str(reading.network), as_of=as_of).member_codes)
    if not count:
        return reason
    noun = "member is" if count == 1 else "members are"
    return (
        f"{reason.replace('no members recorded', 'no verified members')}; {count} unverified "
        f"{noun} recorded: add --include-unverified to draw them"
    )
