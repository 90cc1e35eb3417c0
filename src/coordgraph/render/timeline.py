"""The timeline picture: the three measures year by year, as steps between whole years.

The rows come from :func:`coordgraph.planning.timeline` (one per year, measured on the
last day of the year); this module only draws them. A value holds for a whole year, so
each measure is a step, not a ramp between years.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from coordgraph.dataset import Dataset
from coordgraph.dates import FuzzyDate
from coordgraph.model import RECORD_TYPES, Route, Source
from coordgraph.render.common import NothingToDraw, finish, new_figure
from coordgraph.routes.detail import detail_node_ids, route_dates

__all__ = ["data_years", "plot_timeline"]

_KINDS = (
    ("bilateral_agreement", "bilateral agreement"),
    ("multilateral_agreement", "multilateral agreement"),
    ("legal_basis", "legal basis only"),
    ("focal_point_channel", "focal-point channel"),
    ("local_link", "local link"),
    ("local_mechanisms", "local mechanisms"),
    ("national_referral", "national referral"),
)

#: The map draws the three local kinds as one ("local"); stacked here, each gets its own
#: shade of that purple, from the same colour-blind safe scale (ColorBrewer PRGn) as the
#: three greens of the agreements: darkest the strongest.
_LOCAL_SHADES = {"local_mechanisms": "#9970ab", "national_referral": "#c2a5cf"}


def data_years(dataset: Dataset) -> tuple[int, int] | None:
    """The first and last year any record (other than a source) carries a date for;
    routes are read from the dataset's route table."""
    years = {d.start.year for d in route_dates(dataset.route_table)}
    for cls in RECORD_TYPES:
        if cls in (Source, Route):
            continue
        for record in dataset.of(cls):
            for name in cls.model_fields:
                value = getattr(record, name, None)
                if isinstance(value, FuzzyDate):
                    years.add(value.start.year)
    return (min(years), max(years)) if years else None


def _steps(ax: Axes, values: list[Any], edges: list[int], **kwargs: Any) -> None:
    """A value held for each whole year: a step line, never a ramp (a gap where a year
    has no value)."""
    ax.step(edges, [*values, values[-1]], where="post", **kwargs)


def _no_route_years(ax: Axes, rows: list[dict[str, Any]]) -> None:
    """Hatch the years with no route pair: blank, with a legend entry saying why."""
    blank = [int(r["year"]) for r in rows if r["linked_share"] is None]
    for i, year in enumerate(blank):
        ax.axvspan(
            year,
            year + 1,
            facecolor="none",
            edgecolor="#cccccc",
            hatch="///",
            linewidth=0,
            label="no route yet (blank)" if i == 0 else None,
        )


def _draw_share(share: Axes, rows: list[dict[str, Any]], edges: list[int]) -> None:
    """The share of route pairs linked, stacked by kind of link, with the years
    agreements took effect marked (and how many)."""
    from coordgraph.render.plots import STYLES

    base = [0.0] * len(rows)
    nan = float("nan")  # a year with no route pair is left blank
    for key, label in _KINDS:
        values = [
            nan if r["linked_share"] is None else 100 * float(r["share_by_link"].get(key, 0.0))
            for r in rows
        ]
        if not any(v == v and v for v in values):  # v == v: not a blank year
            continue
        colour = _LOCAL_SHADES.get(key) or STYLES.get(key, STYLES["local"])[1]
        share.stairs(
            [b + v for b, v in zip(base, values, strict=True)],
            edges,
            baseline=base,
            fill=True,
            color=colour,
            alpha=0.85,
            label=label,
        )
        base = [b + v for b, v in zip(base, values, strict=True)]
    _steps(
        share,
        [nan if r["linked_share"] is None else 100 * float(r["linked_share"]) for r in rows],
        edges,
        color="#222222",
        linewidth=1.4,
        label="all kinds (share linked)",
    )
    _no_route_years(share, rows)
    for r in rows:
        n = len(r.get("agreements_taking_effect") or [])
        if n:
            share.axvline(r["year"], color="#777777", linestyle=":", linewidth=1)
            share.text(r["year"] + 0.5, 101.5, str(n), ha="center", fontsize=7, color="#555555")
    share.set_ylim(0, 108)
    share.set_ylabel("route pairs linked (%)")
    share.legend(
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8,
        frameon=False,
        title="Linked by (stacked)",
        title_fontsize=8.5,
        alignment="left",
    )
    share.set_title(
        "Share of route pairs linked (dotted: a year agreements took effect, with how many)",
        fontsize=9,
        loc="left",
    )


def _draw_counts(dup: Axes, fp: Axes, rows: list[dict[str, Any]], edges: list[int]) -> None:
    """Duplicate pairs and members without a focal point, each a step line (or words
    when it is zero in every year)."""
    _steps(dup, [int(r["duplicate_pairs"]) for r in rows], edges, color="#8c510a", linewidth=1.6)
    dup.set_ylabel("pairs")
    dup.set_title("Duplicated coordination mechanisms (pairs)", fontsize=9, loc="left")
    _steps(
        fp,
        [int(r["missing_focal_points"]) for r in rows],
        edges,
        color="#b2182b",
        linewidth=1.6,
    )
    fp.set_ylabel("members")
    fp.set_title("Network members without a focal point", fontsize=9, loc="left")
    empty = {
        "duplicate_pairs": "none found in any year",
        # Zero can mean "every listed member has one" or "the sources list no members".
        "missing_focal_points": (
            "none found in any year\n(members that the sources do not list are not counted)"
        ),
    }
    for a, key in ((dup, "duplicate_pairs"), (fp, "missing_focal_points")):
        if not any(int(r[key]) for r in rows):
            a.text(
                0.5,
                0.5,
                empty[key],
                transform=a.transAxes,
                ha="center",
                va="center",
                fontsize=9,
                color="#777777",
            )
        a.yaxis.set_major_locator(MaxNLocator(integer=True))
        a.set_ylim(bottom=0, top=max(1.0, a.get_ylim()[1] * 1.1))


def plot_timeline(
    rows: list[dict[str, Any]],
    *,
    dataset: Dataset | None = None,
    as_of: dt.date | None = None,
) -> tuple[Figure, Axes]:
    """Three panels over the same whole years: the share of route pairs linked (stacked by
    kind of link, years agreements took effect marked), duplicate pairs, and members
    without focal points; titled with the dataset. Returns ``(fig, top_axes)``."""
    if not rows:
        raise NothingToDraw("nothing to draw: the timeline has no years")
    years = [int(r["year"]) for r in rows]
    edges = [*years, years[-1] + 1]
    fig = new_figure((10, 8.2))
    axes = fig.subplots(
        3, 1, sharex=True, gridspec_kw={"height_ratios": [2.2, 1, 1], "hspace": 0.18}
    )
    fig.subplots_adjust(left=0.08, right=0.78, top=0.88, bottom=0.16)
    share, dup, fp = axes
    _draw_share(share, rows, edges)
    _draw_counts(dup, fp, rows, edges)
    for a in axes:
        a.grid(axis="y", color="#eeeeee")
        a.set_xlim(edges[0], edges[-1])
    fp.xaxis.set_major_locator(MaxNLocator(integer=True))
    fp.set_xlabel("year (each value holds for the whole year, measured on 31 December)")
    name = dataset.info.title if dataset is not None else "coordgraph dataset"
    day = as_of or dt.date(years[-1], 12, 31)
    G = dataset.to_networkx() if dataset is not None else None
    finish(
        fig,
        title=name,
        subtitle=f"Coordination year by year, {years[0]}-{years[-1]}",
        day=day,
        G=G,
        records=[
            n for n in (detail_node_ids(G) if G is not None else ()) if not n.startswith("Source:")
        ],
        width_chars=170,
    )
    return fig, share
