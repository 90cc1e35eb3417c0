"""plan and timeline."""

from __future__ import annotations

import datetime as dt
import json

import click

from coordgraph.cli.options import (
    add_input,
    as_of_option,
    dataset_argument,
    format_option,
    load_dataset,
    output_option,
    undated_choice,
    undated_option,
    unverified_option,
)
from coordgraph.cli.output import emit


@click.command()
@dataset_argument
@as_of_option
@click.option("--top", default=5, show_default=True, type=click.IntRange(1, 100))
@click.option(
    "--actions",
    default="local-link,focal-point,membership,provisions,join,agreement",
    show_default=True,
    help="Kinds of action to consider, comma-separated (costs: local-link 1, focal-point 1 "
    "per State designating, membership, provisions and join 2, agreement 4).",
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
@format_option("table", ("table", "json", "markdown"))
@output_option
def plan(
    dataset: str | None,
    as_of: dt.date | None,
    top: int,
    actions: str,
    victims: str,
    what_if: str | None,
    include_unverified: bool,
    fmt: str,
    output: str,
) -> None:
    """Rank the actions that fill the most missing link criteria of cross-border route
    pairs per unit of cost, weighted by route volume (route count where none is
    recorded): linking two local mechanisms, designating focal points at both ends,
    joining a network, adding child-specific provisions or a return procedure to an
    agreement, acceding to a regional agreement, or a new bilateral agreement. Each
    action says which criteria it fills for which routes. Selection is greedy: each
    next action starts from the situation with the earlier ones done.

    \b
    Example:
      coordgraph plan --top 5 --as-of 2008
      coordgraph plan west-africa --actions agreement --format json
      coordgraph plan --what-if alb-grc-in-force.yaml --as-of 2008-12
    """
    from coordgraph.cli.progress import stage
    from coordgraph.planning import plan_actions

    if what_if:
        add_input(what_if)
    ds = load_dataset(dataset, include_unverified=include_unverified)
    if what_if:
        emit(_whatif_text(ds, what_if, as_of, fmt), output)
        return
    kinds = [a.strip() for a in actions.split(",") if a.strip()]
    try:
        with stage("choosing actions"):
            chosen = plan_actions(
                ds,
                as_of=as_of,
                top=top,
                actions=kinds,
                children_only=victims == "children",
                undated=undated_choice(),
            )
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--actions") from None
    if fmt == "json":
        emit(json.dumps([a.to_dict() for a in chosen], indent=2, ensure_ascii=False) + "\n", output)
        return
    lines = (
        ["| # | action | cost | fills | why |", "|---|---|---|---|---|"]
        if fmt == "markdown"
        else []
    )
    for i, a in enumerate(chosen, 1):
        what = f"{a.kind} {'/'.join(a.states)}" + (
            f" in {a.network.partition(':')[2]}" if a.network else ""
        )
        grouped: dict[str, list[str]] = {}
        for f in a.to_dict()["fills"]:
            routes = grouped.setdefault(", ".join(f["criteria"]) or "criteria", [])
            routes.extend(
                r.partition(":")[2] for r in f["routes"] if r.partition(":")[2] not in routes
            )
        fills = "; ".join(f"{c} for {', '.join(r)}" for c, r in grouped.items())
        if fmt == "markdown":
            from coordgraph.io.safe import markdown_text as md

            lines.append(f"| {i} | {md(what)} | {a.cost} | {a.weight}: {md(fills)} | {md(a.why)} |")
        else:
            n = len(a.closes)
            linked = f", newly links {n} route pair{'s' if n > 1 else ''}" if n else ""
            lines.append(f"{i}. {what} (cost {a.cost}): fills {a.weight}{linked}")
            lines.append(f"   {a.why}")
            lines.append(f"   fills: {fills}")
    if not chosen:
        lines.append(
            "No action found: every link criterion of the cross-border route pairs is met, "
            "or none of these actions fills one."
        )
    emit("\n".join(lines) + "\n", output)


def _whatif_text(ds: object, path: str, as_of: dt.date | None, fmt: str) -> str:
    from pathlib import Path

    from pydantic import ValidationError

    from coordgraph.errors import DataError, Problem, ValidationFailed
    from coordgraph.io.yamlfile import read_yaml
    from coordgraph.model import SECTIONS
    from coordgraph.planning import whatif

    _, raws, problems = read_yaml(Path(path))
    records = []
    for raw in raws:
        try:
            records.append(SECTIONS[raw.section].model_validate(raw.data))
        except ValidationError as exc:
            problems.append(Problem(raw.file, raw.row, None, str(exc.errors()[0]["msg"])))
    if problems:
        raise ValidationFailed(problems)
    if not records:
        raise DataError(f"{path}: no records to add")
    result = whatif(ds, records, as_of=as_of, undated=undated_choice())  # type: ignore[arg-type]
    before = {f.key: f for f in result["before"]}
    after = {f.key: f for f in result["after"]}
    gone = [before[k] for k in before if k not in after]
    new = [after[k] for k in after if k not in before]
    if fmt == "json":
        return (
            json.dumps(
                {
                    "before_gaps": sum(f.is_gap for f in before.values()),
                    "after_gaps": sum(f.is_gap for f in after.values()),
                    "removed": [f.to_dict() for f in gone],
                    "added": [f.to_dict() for f in new],
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    lines = [
        f"gaps before: {sum(f.is_gap for f in before.values())}, "
        f"after: {sum(f.is_gap for f in after.values())}"
    ]
    from coordgraph.io.safe import markdown_text

    # text from data is never markup in Markdown; the table form prints it as is
    md = markdown_text if fmt == "markdown" else str
    lines += [f"- no longer: {md(f.message)}" for f in gone]
    lines += [f"+ now:       {md(f.message)}" for f in new]
    return "\n".join(lines) + "\n"


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
    help="Last year. Default: the year of --as-of (today when not given).",
)
@as_of_option
@click.option(
    "-o", "--output", "picture", metavar="FILE", help="Also draw the chart (.png, .svg, .pdf)."
)
@unverified_option
@undated_option
@format_option("table", ("table", "json", "csv"))
def timeline(
    dataset: str | None,
    start: int | None,
    end: int | None,
    as_of: dt.date | None,
    picture: str | None,
    include_unverified: bool,
    fmt: str,
) -> None:
    """How coverage changed year by year: share of route pairs linked by each kind of
    link, duplicate pairs, members missing focal points, agreements taking effect.

    \b
    Example:
      coordgraph timeline west-africa -o timeline.png
      coordgraph timeline --from 2000 --to 2010 --format csv
    """
    import csv
    import io

    from coordgraph.cli.progress import stage
    from coordgraph.dates import parse_as_of
    from coordgraph.planning import plot_timeline
    from coordgraph.planning import timeline as make
    from coordgraph.render.timeline import data_years

    day = parse_as_of(as_of)
    ds = load_dataset(dataset, include_unverified=include_unverified)
    span = data_years(ds)
    end = end if end is not None else day.year
    start = start if start is not None else (span[0] if span else end)
    if end < start:
        raise click.BadParameter(f"--to {end} is before --from {start}", param_hint="--to")
    if picture:
        from coordgraph.cli.diagrams import check_picture_path

        check_picture_path(picture)
    with stage("counting year by year"):
        rows = make(ds, start=start, end=end, undated=undated_choice())
    if picture:
        from coordgraph.cli.diagrams import save_figure

        save_figure(plot_timeline(rows, dataset=ds, as_of=day)[0], picture)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(
            [
                "year",
                "route_pairs",
                "linked_share",
                "duplicate_pairs",
                "missing_focal_points",
                "agreements_taking_effect",
            ]
        )
        for r in rows:
            w.writerow(
                [
                    r["year"],
                    r["route_pairs"],
                    "" if r["linked_share"] is None else r["linked_share"],
                    r["duplicate_pairs"],
                    r["missing_focal_points"],
                    len(r["agreements_taking_effect"]),
                ]
            )
        click.echo(buf.getvalue(), nl=False)
        return
    click.echo(
        f"{'year':>5} {'pairs':>6} {'linked':>7} {'dupes':>6} {'no FP':>6}  "
        "agreements taking effect"
    )
    for r in rows:
        click.echo(
            f"{r['year']:>5} {r['route_pairs']:>6} {_percent(r['linked_share']):>7} "
            f"{r['duplicate_pairs']:>6} {r['missing_focal_points']:>6}  "
            f"{'; '.join(r['agreements_taking_effect'])[:70]}"
        )


def _percent(share: float | None) -> str:
    """A share as a percentage; a dash for a year with no route pair (no share)."""
    return "-" if share is None else f"{100 * share:.0f}%"
