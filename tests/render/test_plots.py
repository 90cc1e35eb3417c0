"""Diagrams: (fig, ax) out, files in each format, no pyplot state left behind."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from click.testing import CliRunner
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from coordgraph.cli import cli
from coordgraph.render import plot_map, plot_network, plot_routes


@pytest.mark.parametrize("plot", [plot_routes, plot_map])
def test_route_plots_return_figure_and_axes_with_legend(bundled_graph, plot):
    fig, ax = plot(bundled_graph, as_of="2008-07")
    assert isinstance(fig, Figure) and isinstance(ax, Axes)
    assert ax.get_legend() is not None
    assert "2008-07-31" in ax.get_title()
    assert plt.get_fignums() == []


def test_plot_draws_on_given_axes(bundled_graph):
    fig = Figure()
    ax = fig.add_subplot()
    got_fig, got_ax = plot_routes(bundled_graph, ax=ax, as_of="2008")
    assert got_ax is ax and got_fig is fig


def test_network_plot_highlights_missing_focal_points(bundled):
    _, ax = plot_network(bundled.to_networkx(), network="rcm", as_of="2008")
    assert "11 member States" in ax.get_title()
    assert plt.get_fignums() == []


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_cli_writes_each_format(tmp_path: Path, suffix: str):
    out = tmp_path / f"routes{suffix}"
    r = CliRunner().invoke(cli, ["diagram", "routes", "-o", str(out)], catch_exceptions=False)
    assert r.exit_code == 0
    assert out.stat().st_size > 1000


def test_cli_map_and_network(tmp_path: Path):
    runner = CliRunner()
    assert (
        runner.invoke(
            cli, ["diagram", "map", "west-africa", "-o", str(tmp_path / "m.png")]
        ).exit_code
        == 0
    )
    r = runner.invoke(
        cli,
        [
            "diagram",
            "network",
            "--network",
            "rcm",
            "--include-unverified",
            "-o",
            str(tmp_path / "n.png"),
        ],
    )
    assert r.exit_code == 0


def test_bad_extension_is_a_clean_error(tmp_path: Path):
    r = CliRunner().invoke(cli, ["diagram", "routes", "-o", str(tmp_path / "x.jpg")])
    assert r.exit_code == 2
    assert "must end in" in r.output and "Traceback" not in r.output
    assert not list(tmp_path.iterdir())
