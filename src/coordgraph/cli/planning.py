"""plan and timeline."""

from __future__ import annotations

import datetime as dt

import click

from coordgraph.cli.diagrams import check_picture_path, save_figure
from coordgraph.cli.options import (
    ReadOptions,
    add_input,
    as_of_option,
    dataset_argument,
    day_of_dataset,
    format_option,
    load_dataset,
    output_option,
    read_options,
    stale_after_option,
    undated_option,
    unverified_option,
)
from coordgraph.cli.output import emit


@click.command()
@dataset_argument
@as_of_option
@click.option(
    "--top",
    default=5,
    show_default=True,
    type=click.IntRange(1, 100),
    help="How many route actions, and how many structures to set up (designate).",
)
@click.option(
    "--actions",
    default="local-link,focal-point,membership,provisions,join,arrangement,agreement,hotline,"
    "database,designate",
    show_default=True,
    help="Kinds of action to consider, comma-separated (costs: local-link 1, focal-point 1 "
    "per State designating, membership, provisions, join and arrangement 2, agreement 4; "
    "for online routes hotline 1 per State and database 1). An arrangement is an MoU with "
    "focal points under a legal basis both States are bound by (the Palermo protocol, CETS "
    "197), proposed instead of a new treaty. designate sets up a structure a State is "
    "expected to have and lacks (gaps structures): 1 for an office (a focal point, a "
    "hotline), 2 for a body with a mandate (a rapporteur, a referral mechanism) or a plan; "
    "ranked by the expectations it fills per cost, listed after the route actions.",
)
@click.option("--victims", type=click.Choice(["all", "children"]), default="all", show_default=True)
@click.option(
    "--what-if",
    "what_if",
    type=click.Path(exists=True, dir_okay=False),
    help="A YAML file of hypothetical records (same sections as a dataset): show the "
    "findings before and after adding them, without changing the dataset.",
)
@unverified_option
@undated_option
@stale_after_option
@format_option("table", ("table", "json", "markdown"))
@output_option
@read_options
def plan(
    dataset: str | None,
    as_of: dt.date | None,
    top: int,
    actions: str,
    victims: str,
    what_if: str | None,
    reading: ReadOptions,
    fmt: str,
    output: str,
) -> None:
    """Rank the actions that fill the most missing link criteria of cross-border route
    pairs per unit of cost, weighted by route volume (route count where none is
    recorded): linking two local mechanisms, designating focal points at both ends,
    joining a network, adding child-specific provisions or a return procedure to an
    agreement, acceding to a regional agreement, or a new bilateral agreement. Each
    action says which criteria it fills for which routes. Selection is greedy: each
    next action starts from the situation with the earlier ones done. Then the
    structures States are expected to have and lack (a rapporteur, a helpline, a
    referral mechanism, a focal point for other States), each with its cost and the
    expectations it fills.

    \b
    Example:
      coordgraph plan --top 5 --as-of 2008
      coordgraph plan west-africa --actions agreement --format json
      coordgraph plan --what-if alb-grc-in-force.yaml --as-of 2008-12
    """
    from coordgraph.analyses import unlinked_routes
    from coordgraph.cli.progress import stage
    from coordgraph.planning import designate_actions, plan_actions, whatif
    from coordgraph.text.tables import actions_text, whatif_text

    if what_if:
        add_input(what_if)
    ds = load_dataset(dataset, reading)
    day = day_of_dataset(ds, as_of)
    if what_if:
        from pathlib import Path

        from coordgraph.io.yamlfile import read_records

        result = whatif(ds, read_records(Path(what_if)), as_of=day, undated=reading.undated)
        emit(whatif_text(result["before"], result["after"], fmt), output)
        return
    kinds = [a.strip() for a in actions.split(",") if a.strip()]
    routes = [k for k in kinds if k != "designate"]
    try:
        with stage("choosing actions"):
            # the graph and the day's route pairs, once for the route actions and the
            # designations
            G = ds.to_networkx()
            found = unlinked_routes(G, as_of=day, undated=reading.undated)
            chosen = (
                plan_actions(
                    ds,
                    as_of=day,
                    top=top,
                    actions=routes,
                    children_only=victims == "children",
                    undated=reading.undated,
                    graph=G,
                    found=found,
                )
                if routes
                else []
            )
            if "designate" in kinds:
                chosen += designate_actions(
                    ds, as_of=day, top=top, undated=reading.undated, graph=G, found=found
                )
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--actions") from None
    emit(actions_text(chosen, fmt), output)


@click.command()
@dataset_argument
@click.option(
    "--from",
    "start",
    type=click.IntRange(1800, 2200),
    help="First year. Default: the first year any record carries a date for.",
)
@click.option(
    "--to",
    "end",
    type=click.IntRange(1800, 2200),
    help="Last year. Default: the year of --as-of (when not given, the date the dataset "
    "speaks for, else today).",
)
@as_of_option
@click.option(
    "-o", "--output", "picture", metavar="FILE", help="Also draw the chart (.png, .svg, .pdf)."
)
@unverified_option
@undated_option
@stale_after_option
@format_option("table", ("table", "json", "csv"))
@read_options
def timeline(
    dataset: str | None,
    start: int | None,
    end: int | None,
    as_of: dt.date | None,
    picture: str | None,
    reading: ReadOptions,
    fmt: str,
) -> None:
    """How coverage changed year by year: share of route pairs linked by each kind of
    link, duplicate pairs, members missing focal points, agreements taking effect.

    \b
    Example:
      coordgraph timeline west-africa -o timeline.png
      coordgraph timeline --from 2000 --to 2010 --format csv
    """
    from coordgraph.cli.progress import stage
    from coordgraph.planning import plot_timeline
    from coordgraph.planning import timeline as make
    from coordgraph.render.timeline import data_years
    from coordgraph.text.tables import timeline_text

    ds = load_dataset(dataset, reading)
    day = day_of_dataset(ds, as_of)
    span = data_years(ds)
    end = end if end is not None else day.year
    start = start if start is not None else (span[0] if span else end)
    if end < start:
        raise click.BadParameter(f"--to {end} is before --from {start}", param_hint="--to")
    if picture:
        check_picture_path(picture)
    with stage("counting year by year"):
        rows = make(ds, start=start, end=end, undated=reading.undated)
    if picture:
        save_figure(plot_timeline(rows, dataset=ds, as_of=day)[0], picture)
    emit(timeline_text(rows, fmt))
