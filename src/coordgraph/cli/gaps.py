"""gaps and coverage."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from typing import Any

import click

from coordgraph.bulk import paused_gc
from coordgraph.cli.options import (
    FORMATS,
    ReadOptions,
    as_of_option,
    bom_option,
    country_option,
    dataset_argument,
    dataset_graph,
    day_of_dataset,
    day_of_graph,
    format_option,
    graph_of,
    load_dataset,
    network_option,
    output_option,
    raw_cells_option,
    read_options,
    stale_after_option,
    undated_option,
    unverified_option,
)
from coordgraph.cli.output import emit, emit_stream, want_bom
from coordgraph.findings import Finding, LinkKind

#: what the progress bar says while each analysis runs
ANALYSIS_LABELS = {
    "routes": "unlinked routes",
    "duplicates": "duplicated mechanisms",
    "focal-points": "missing focal points",
    "plans": "plans of action",
    "structures": "expected structures",
}

WHICH = {
    "routes": ("routes",),
    "duplicates": ("duplicates",),
    "focal-points": ("focal-points",),
    "plans": ("plans",),
    "structures": ("structures",),
    "all": ("routes", "duplicates", "focal-points", "plans", "structures"),
}


def run_analyses(G: Any, *, which: tuple[str, ...], **options: Any) -> list[Finding]:
    """:func:`coordgraph.analyses.find_gaps` one analysis at a time, each under its own
    progress bar, all reading one :class:`~coordgraph.analyses.Context` (the graph's
    indexes and the date rules of the day, built once); the findings come out in the
    order ``find_gaps`` gives them all in."""
    from coordgraph.analyses import Context, find_gaps
    from coordgraph.cli.progress import stage
    from coordgraph.time_rules import Undated

    with stage("indexing the graph"):
        context = Context.of(
            G,
            as_of=options.get("as_of"),
            undated=options.get("undated", Undated.ATTESTED),
            stale_after=options.get("stale_after"),
        )
    findings: list[Finding] = []
    for analysis in which:
        with stage(ANALYSIS_LABELS[analysis]):
            findings += find_gaps(G, which=(analysis,), context=context, **options)
    return sorted(findings, key=Finding.sort_key)


def gaps_format_options(f: Any) -> Any:
    """``--format`` and ``--detail``, shared by ``gaps`` and ``neo4j gaps``."""
    f = click.option(
        "--detail",
        is_flag=True,
        help="Every finding in its own row (each pair of places and set of victims, "
        "each route of recommendation 12.2.2), as before version 2 of the findings "
        "layout. Default: the route findings one row per pair of States, by volume.",
    )(f)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", *FORMATS, "jsonl"]),
        default=None,
        help="Output format. Default: text (a summary line, then findings grouped by kind "
        "in plain words) when writing to a terminal; table otherwise. json (one compact "
        "document), jsonl (one JSON object per line) and csv are stable for scripts "
        "(docs/findings.md).",
    )(f)


@dataclass(frozen=True)
class OutputLayout:
    """How ``gaps`` writes its findings: format (None: text at a terminal, else
    table), every finding or one row per pair, where, BOM and formula-safe cells."""

    fmt: str | None
    detail: bool
    output: str
    bom: bool | None
    raw_cells: bool


def write_gaps(findings: list[Finding], G: Any, layout: OutputLayout, **meta: Any) -> None:
    """Write ``findings`` as ``layout`` says, streamed (:func:`emit_stream`); ``meta``
    (dataset, as_of, analysis) heads the JSON and closes the table."""
    from coordgraph.cli.progress import stage
    from coordgraph.routes.table import routes_of
    from coordgraph.text.findings import write_findings

    fmt = layout.fmt
    if fmt is None:
        fmt = "text" if layout.output in (None, "-") and sys.stdout.isatty() else "table"
    labels = {
        n: str(a.get("label"))
        for n, a in G.nodes(data=True)
        if a.get("label") and (fmt == "text" or a.get("kind") == "Country")
    }
    volumes = None if layout.detail else routes_of(G).volumes()

    def write(handle: Any) -> None:
        with stage("formatting the findings"), paused_gc():
            write_findings(
                findings,
                fmt,
                handle,
                detail=layout.detail,
                neutralise=not layout.raw_cells,
                route_volumes=volumes,
                labels=labels,
                **meta,
            )

    bom = fmt == "csv" and want_bom(layout.bom, layout.output)
    emit_stream(write, layout.output, bom=bom)


@click.command()
@click.argument("which", type=click.Choice(list(WHICH)))
@dataset_argument
@as_of_option
@country_option
@network_option
@click.option(
    "--link-kinds",
    metavar="KIND[,KIND]",
    help="Count only these kinds of link: "
    + ", ".join(k.value for k in LinkKind if k is not LinkKind.NONE)
    + ".",
)
@click.option(
    "--victims",
    type=click.Choice(["all", "children"]),
    default="all",
    show_default=True,
    help="children: consider only child victims of each route.",
)
@click.option(
    "--require-in-force",
    is_flag=True,
    help="Do not count agreements whose entry into force is not recorded (MoUs still count).",
)
@click.option(
    "--show-linked", is_flag=True, help="Also list route pairs that are linked (severity info)."
)
@click.option(
    "--profile",
    metavar="NAME|all",
    help="structures: only this expectation profile (data/rules.yaml or the dataset's "
    "own); all: every profile for every State the dataset names. Default: the profiles "
    "that apply (to every State, or to a network's members).",
)
@unverified_option
@undated_option
@stale_after_option
@gaps_format_options
@output_option
@bom_option
@raw_cells_option
@click.option(
    "--fail-on-gaps", is_flag=True, help="Exit 1 when any gap is found (for CI pipelines)."
)
@read_options
def gaps(
    which: str,
    dataset: str | None,
    as_of: dt.date | None,
    reading: ReadOptions,
    link_kinds: str | None,
    victims: str,
    require_in_force: bool,
    show_linked: bool,
    profile: str | None,
    fmt: str | None,
    detail: bool,
    output: str,
    bom: bool | None,
    raw_cells: bool,
    fail_on_gaps: bool,
) -> None:
    """Find where coordination breaks down: WHICH is routes, duplicates, focal-points,
    plans, structures or all.

    \b
    routes        each route's endpoints and legs: linked by an agreement in force,
                  a focal-point channel or a local link, or not; with near-misses
    duplicates    bodies, plans or regional initiatives whose remits overlap
    focal-points  members and route endpoint States with no focal point
    plans         plans of action with no evaluation or no coordinating structure
    structures    per State, each structure its expectation profiles ask for (a focal
                  point for other States, a referral mechanism, an independent
                  rapporteur, ...): present, recorded absent, or not recorded

    Agreements count from entry into force when recorded; an MoU, or an agreement whose
    entry into force is not recorded, from signature (each finding says which). A route
    counts from its first observed date; a record with no start date from its earliest
    dated source (--undated). Each gap says whether it is a policy gap or a data gap.
    Only verified records are used unless --include-unverified (and --include-disputed).

    \b
    Example:
      coordgraph gaps all
      coordgraph gaps routes --as-of 2008-07 --country ALB --format json
      coordgraph gaps routes west-africa --link-kinds bilateral_agreement --fail-on-gaps
      coordgraph gaps structures europe --as-of 2023
    """
    kinds = None
    if link_kinds:
        try:
            kinds = [LinkKind(k.strip()) for k in link_kinds.split(",") if k.strip()]
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--link-kinds") from None
    ds = load_dataset(dataset, reading)
    day = day_of_dataset(ds, as_of)
    G = graph_of(ds, reading)
    findings = run_analyses(
        G,
        which=WHICH[which],
        as_of=day,
        countries=list(reading.countries),
        network=reading.network,
        link_kinds=kinds,
        children_only=victims == "children",
        require_in_force=require_in_force,
        undated=reading.undated,
        profile=profile,
    )
    shown = findings if show_linked else [f for f in findings if f.is_gap]
    layout = OutputLayout(fmt, detail=detail, output=output, bom=bom, raw_cells=raw_cells)
    write_gaps(shown, G, layout, dataset=ds.info.name, as_of=day.isoformat(), analysis=which)
    if fail_on_gaps and any(f.is_gap for f in findings):
        raise click.exceptions.Exit(1)


@click.command("coverage")
@dataset_argument
@click.option(
    "--network", required=True, metavar="ID", help="The network (regional body) to look at."
)
@as_of_option
@unverified_option
@undated_option
@stale_after_option
@format_option("table", ("table", "json", "markdown"))
@output_option
@read_options
def coverage_cmd(
    dataset: str | None, as_of: dt.date | None, reading: ReadOptions, fmt: str, output: str
) -> None:
    """A regional body's view: member x member link kinds, and per member its focal
    point, national coordinating body and plan of action in effect.

    \b
    Example:
      coordgraph coverage --network rcm --as-of 2008
    """
    from coordgraph.analyses import coverage
    from coordgraph.cli.progress import stage
    from coordgraph.text.tables import coverage_text

    G = dataset_graph(dataset, reading)
    day = day_of_graph(G, as_of)
    with stage("coverage"):
        cov = coverage(G, network=str(reading.network), as_of=day, undated=reading.undated)
    emit(coverage_text(cov, fmt), output)
