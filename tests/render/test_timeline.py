"""The timeline picture: whole years, steps, the data's range through --as-of, three
measures, the dataset's title."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from matplotlib.text import Text

import coordgraph
from coordgraph.cli import cli
from coordgraph.planning import timeline
from coordgraph.render import plot_timeline
from coordgraph.render.timeline import data_years


def test_range_runs_from_the_data_through_the_as_of_year(tmp_path: Path):
    out = tmp_path / "t.png"
    r = CliRunner().invoke(
        cli, ["timeline", "west-africa", "--as-of", "2023", "--format", "json", "-o", str(out)]
    )
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output[r.output.index("[") :])
    first, _ = data_years(coordgraph.load("west-africa"))
    assert rows[0]["year"] == first
    assert rows[-1]["year"] == 2023  # Togo's 2023 commission is inside the range
    assert out.stat().st_size > 1000


def test_three_measures_as_steps_over_whole_years():
    ds = coordgraph.load("west-africa")
    rows = timeline(ds, start=2000, end=2023)
    fig, _ = plot_timeline(rows, dataset=ds)
    axes = fig.axes
    assert len(axes) == 3
    titles = " ".join(a.get_title(loc="left") for a in axes)
    assert "route pairs linked" in titles
    assert "Duplicated" in titles and "without a focal point" in titles
    # whole years on the axis
    fig.canvas.draw()
    ticks = [t for t in axes[-1].get_xticks() if 2000 <= t <= 2024]
    assert ticks and all(float(t).is_integer() for t in ticks)
    # a step line holds each value for a year: x runs 2000, 2000, 2001, 2001, ... (drawstyle)
    lines = [ln for a in axes for ln in a.get_lines() if ln.get_drawstyle() == "steps-post"]
    assert len(lines) >= 3
    texts = " ".join(t.get_text() for t in fig.findobj(Text))
    assert ds.info.title in texts and "Sources:" in texts


def test_years_with_no_route_are_blank_not_linked(tmp_path: Path):
    """Issue 27: no route pair, no share: JSON null, a dash in the table, a gap in the
    chart (never 100 % linked)."""
    ds = coordgraph.load("europe")
    rows = timeline(ds, start=1998, end=2004)
    empty = [r for r in rows if r["route_pairs"] == 0]
    assert empty and all(r["linked_share"] is None for r in empty)
    assert all(r["share_by_link"] == {} for r in empty)
    assert all(r["linked_share"] is not None for r in rows if r["route_pairs"])
    _fig, share = plot_timeline(rows, dataset=ds)
    (line,) = [ln for ln in share.get_lines() if ln.get_drawstyle() == "steps-post"]
    ys = line.get_ydata()
    assert all(y != y for y in ys[: len(empty)])  # NaN: nothing drawn for those years
    labels = share.get_legend_handles_labels()[1]
    assert "no route yet (blank)" in labels
    r = CliRunner().invoke(cli, ["timeline", "europe", "--from", "1998", "--to", "2004"])
    assert r.exit_code == 0
    assert " 1998      0       - " in r.output
    r = CliRunner().invoke(
        cli, ["timeline", "europe", "--from", "1998", "--to", "1999", "--format", "json"]
    )
    assert [row["linked_share"] for row in json.loads(r.stdout)] == [None, None]


def test_each_kind_of_link_has_its_own_colour():
    """Local link, local mechanisms and national referral were stacked in one purple:
    three bands a reader could not tell apart."""
    from matplotlib.colors import to_hex

    from coordgraph.render.timeline import _KINDS

    share = {key: 0.1 for key, _ in _KINDS}
    rows = [
        {
            "year": year,
            "linked_share": 0.7,
            "share_by_link": share,
            "duplicate_pairs": 0,
            "missing_focal_points": 0,
            "agreements_taking_effect": [],
        }
        for year in (2010, 2011)
    ]
    _, axes = plot_timeline(rows)
    legend = axes.get_legend()
    colours = {
        text.get_text(): to_hex(handle.get_facecolor())
        for text, handle in zip(legend.get_texts(), legend.legend_handles, strict=True)
        if text.get_text() in dict(_KINDS).values()
    }
    assert len(colours) == len(_KINDS)
    assert len(set(colours.values())) == len(_KINDS), colours
