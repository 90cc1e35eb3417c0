"""Pictures: (fig, ax) out, labels that do not overlap, context countries, fanned routes,
focal-point colours, editable SVG text, embedded PDF fonts, literal names."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
from click.testing import CliRunner
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text

import coordgraph
from coordgraph.cli import cli
from coordgraph.render import NothingToDraw, plot_map, plot_network, plot_routes
from coordgraph.render.labels import LABEL_GID
from coordgraph.routes.places import anchor, centroid

DATES = {"ecpat-2008": ["2008-07", "2022"], "west-africa": ["2009", "2019"]}
CASES = [(name, day) for name, days in DATES.items() for day in days]


@pytest.fixture(scope="module")
def graphs():
    return {
        "ecpat-2008": coordgraph.load().only_verified().to_networkx(),
        "west-africa": coordgraph.load("west-africa").only_verified().to_networkx(),
    }


def _texts(fig: Figure) -> str:
    return "\n".join(t.get_text() for t in fig.findobj(Text))


@pytest.mark.parametrize("plot", [plot_routes, plot_map])
def test_route_pictures_have_title_date_sources_and_legend(graphs, plot):
    fig, ax = plot(graphs["ecpat-2008"], as_of="2008-07")
    assert isinstance(fig, Figure) and isinstance(ax, Axes)
    text = _texts(fig)
    assert "2008 thematic paper" in text  # the dataset's title
    assert "2008-07-31" in text
    assert "Sources: ECPAT International" in text  # publisher, not a bare id
    assert any(a.get_legend() is not None for a in fig.axes)
    assert plt.get_fignums() == []


@pytest.mark.parametrize(("name", "day"), CASES)
def test_map_labels_do_not_overlap(graphs, name, day):
    fig, ax = plot_map(graphs[name], as_of=day)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    labels = [t for t in ax.texts if t.get_gid() == LABEL_GID]
    assert len(labels) >= 5
    boxes = [Text.get_window_extent(t, renderer) for t in labels]
    frame = ax.get_window_extent(renderer)
    for (a, ta), (b, tb) in itertools.combinations(zip(boxes, labels, strict=True), 2):
        assert not a.overlaps(b), f"{ta.get_text()!r} overlaps {tb.get_text()!r}"
    for box, t in zip(boxes, labels, strict=True):
        assert frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1), t.get_text()


def test_map_draws_neighbours_for_context(graphs):
    _, ax = plot_map(graphs["west-africa"], as_of="2019")
    drawn = {p.get_gid() for p in ax.patches if p.get_gid()}
    # countries in view with no route of their own: drawn, not holes
    for code in ("DZA", "TCD", "CMR", "LBR", "SLE", "MRT"):
        assert f"country-{code}" in drawn


def test_routes_between_the_same_states_are_fanned_apart(graphs):
    _, ax = plot_map(graphs["west-africa"], as_of="2019")
    (legs,) = [c for c in ax.collections if c.get_gid() == "route-legs"]
    curves = [np.asarray(c) for c in legs.get_segments()]
    # group the curves by their two ends (pulled in a little from the points)
    groups: list[list[np.ndarray]] = []
    for c in curves:
        for g in groups:
            if np.allclose(g[0][0], c[0], atol=0.8) and np.allclose(g[0][-1], c[-1], atol=0.8):
                g.append(c)
                break
        else:
            groups.append([c])
    middles = [{tuple(np.round(c[len(c) // 2], 2)) for c in g} for g in groups]
    assert max(len(m) for m in middles) >= 3, "Mali -> Senegal has three routes: three curves"


def test_map_draws_each_kind_of_artist_as_one_collection(graphs):
    """However many legs, the map holds one collection of curves and one of heads."""
    _, ax = plot_map(graphs["west-africa"], as_of="2019")
    assert not [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    gids = [c.get_gid() for c in ax.collections]
    assert gids.count("route-legs") == 1 and gids.count("route-legs-heads") == 1
    (legs,) = [c for c in ax.collections if c.get_gid() == "route-legs"]
    assert len(legs.get_segments()) >= 30


def test_russia_is_drawn_on_the_side_of_its_routes():
    moldova = centroid("MDA")
    assert moldova is not None
    point = anchor("RUS", [moldova])
    assert point is not None
    assert point[0] < 60, "Russia's point should be in European Russia, not Siberia"
    assert centroid("RUS")[0] > 90  # type: ignore[index]  # the package's point: Siberia


def test_unlocated_places_are_listed_beside_the_map_not_on_it(graphs):
    fig, ax = plot_map(graphs["ecpat-2008"], as_of="2022")  # the online route is seen in 2021
    on_map = "\n".join(t.get_text() for t in ax.texts)
    assert "Western demand-side countries" not in on_map
    side = "\n".join(t.get_text() for a in fig.axes if a is not ax for t in a.texts)
    assert "Not on the map" in side and "Western demand-side countries" in side


def test_map_legend_explains_colour_dash_and_width(graphs):
    fig, _ = plot_map(graphs["west-africa"], as_of="2019")
    legends = [x for a in fig.axes for x in [a.get_legend(), *a.artists] if isinstance(x, Legend)]
    titles = [leg.get_title().get_text() for leg in legends]
    assert any("Colour and dash" in t for t in titles)
    assert any("Width" in t and "cases" in t for t in titles)


def test_route_rows_stay_readable_at_thirty_pairs(graphs):
    fig, ax = plot_routes(graphs["west-africa"], as_of="2019")
    # one row per distinct route, grouped by State of origin: legs are horizontal
    legs = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert len(legs) >= 30
    for p in legs:
        (x0, y0), (x1, y1) = p._posA_posB  # type: ignore[attr-defined]
        assert y0 == y1 and x1 > x0
    text = _texts(fig)
    assert "Burkina Faso" in text and "Togo" in text


def test_route_rows_beyond_the_cap_are_counted_not_drawn(graphs, monkeypatch):
    """A large dataset's route list draws the rows of the most cases and says how many
    more there are, so the picture stays a page, not thousands of rows."""
    import coordgraph.render.plots as plots

    sel = plots._select(graphs["west-africa"], "2019", None, None, False)
    rows = plots._route_rows(sel)
    monkeypatch.setattr(plots, "ROUTE_ROWS", 10)
    fig, ax = plot_routes(graphs["west-africa"], as_of="2019")
    drawn = {p._posA_posB[0][1] for p in ax.patches if isinstance(p, FancyArrowPatch)}  # type: ignore[attr-defined]
    assert len(drawn) == 10
    text = " ".join(_texts(fig).split())
    assert f"{len(rows)} distinct routes" in text
    assert f"the 10 with the most recorded cases drawn, {len(rows) - 10} more" in text
    heaviest = max(rows.values(), key=lambda r: r["volume"])
    assert f"{heaviest['volume']} cases" in text


def test_network_colours_members_by_focal_point_status(bundled):
    fig, _ = plot_network(bundled.to_networkx(), network="rcm", as_of="2008")
    text = _texts(fig)
    assert "focal point designated (0)" in text
    assert "not recorded in the sources (11)" in text
    assert "No focal point is recorded for any of the 11 members" in " ".join(text.split())
    assert plt.get_fignums() == []


def test_network_with_no_members_is_nothing_to_draw(bundled):
    with pytest.raises(NothingToDraw, match="no members"):
        plot_network(bundled.to_networkx(), network="uniap", as_of="2008")


def test_dollar_signs_and_markup_in_names_are_drawn_literally(graphs, tmp_path: Path):
    G = graphs["ecpat-2008"].copy()
    G.graph["title"] = "Costs $5 and $x^2$ {\\bf"
    G.nodes["Country:MDA"]["label"] = "Mol$dova $\\alpha$"
    for plot in (plot_map, plot_routes):
        fig, _ = plot(G, as_of="2008-07")
        for fmt in ("png", "svg", "pdf"):
            fig.savefig(io.BytesIO(), format=fmt)
        assert "Mol$dova $\\alpha$" in _texts(fig)


def test_svg_keeps_text_as_text_and_pdf_embeds_fonts(graphs):
    fig, _ = plot_map(graphs["west-africa"], as_of="2019")
    svg = io.BytesIO()
    fig.savefig(svg, format="svg")
    body = svg.getvalue().decode("utf-8")
    assert "<text" in body and "Burkina Faso" in body
    pdf = io.BytesIO()
    fig.savefig(pdf, format="pdf")
    assert b"/FontFile2" in pdf.getvalue()  # TrueType (Type 42) font embedded


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_cli_writes_each_format(tmp_path: Path, suffix: str):
    out = tmp_path / f"routes{suffix}"
    r = CliRunner().invoke(cli, ["diagram", "routes", "-o", str(out)], catch_exceptions=False)
    assert r.exit_code == 0
    assert out.stat().st_size > 1000


def test_cli_map_and_network(tmp_path: Path):
    runner = CliRunner()
    r = runner.invoke(cli, ["diagram", "map", "west-africa", "-o", str(tmp_path / "m.png")])
    assert r.exit_code == 0
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


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["diagram", "routes", "--country", "ISL"], "no routes touching ISL"),
        (["diagram", "map", "--network", "uniap"], "no routes between members of uniap"),
        (["diagram", "network", "--network", "uniap"], "has no members recorded"),
    ],
)
def test_nothing_to_draw_is_exit_2_with_the_reason(tmp_path: Path, args, reason):
    out = tmp_path / "x.png"
    r = CliRunner().invoke(cli, [*args, "-o", str(out)])
    assert r.exit_code == 2
    assert reason in r.output and "Traceback" not in r.output
    assert len(r.stderr.strip().splitlines()) == 2  # the date used (#24), then the reason
    assert r.stderr.startswith("as of ")
    assert not out.exists()


def test_bad_extension_is_a_clean_error(tmp_path: Path):
    r = CliRunner().invoke(cli, ["diagram", "routes", "-o", str(tmp_path / "x.jpg")])
    assert r.exit_code == 2
    assert "must end in" in r.output and "Traceback" not in r.output
    assert not list(tmp_path.iterdir())


def test_map_keeps_one_frame_across_dates(graphs):
    """Issue 27: two slides of one dataset line up: the frame is the dataset's extent."""
    frames = []
    for day in ("2008", "2019"):
        _, ax = plot_map(graphs["west-africa"], as_of=day)
        frames.append((ax.get_xlim(), ax.get_ylim()))
    assert frames[0] == frames[1]


def test_map_extent_sets_the_frame(graphs, tmp_path: Path):
    _, ax = plot_map(graphs["west-africa"], as_of="2019", extent=(-20.0, -5.0, 20.0, 20.0))
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert x0 <= -20 and x1 >= 20 and y0 <= -5 and y1 >= 20
    assert x1 - x0 < 60  # not the dataset's frame, which reaches Italy
    text = _texts(ax.get_figure())
    assert "Italy (outside the map's extent)" in text
    out = tmp_path / "m.png"
    args = ["diagram", "map", "west-africa", "-o", str(out), "--as-of", "2019"]
    r = CliRunner().invoke(cli, [*args, "--extent", "-20,-5,20,20"])
    assert r.exit_code == 0 and out.exists(), r.output
    r = CliRunner().invoke(cli, [*args, "--extent", "20,-5,-20,20"])
    assert r.exit_code == 2 and "west must be less than east" in r.output


def test_domestic_routes_are_drawn_as_domestic_not_as_gaps(graphs):
    from coordgraph.render.plots import _select

    sel = _select(graphs["west-africa"], "2019", None, None, False)
    assert sel.leg_status["Route:gha-volta-internal"] == ["domestic"]
    assert sel.leg_status["Route:bfa-gold-sites-2011"] == ["domestic"]
    fig, _ = plot_map(graphs["west-africa"], as_of="2019")
    text = _texts(fig)
    assert "within one State, no local link" in text  # the legend
    assert "2 within one State with no local link" in text  # the subtitle


def test_map_labels_cover_no_other_state_in_the_dense_cluster(graphs):
    """West Africa 2019: Benin, Togo, Ghana and Burkina Faso sit close together."""
    fig, ax = plot_map(graphs["west-africa"], as_of="2019")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    labels = [t for t in ax.texts if t.get_gid() == LABEL_GID]
    (points,) = [ln for ln in ax.get_lines() if ln.get_marker() == "o"]
    dots = ax.transData.transform(np.column_stack(points.get_data()))
    for t in labels:
        box = Text.get_window_extent(t, renderer)
        inside = [d for d in dots if box.contains(*d)]
        assert not inside, f"{t.get_text()!r} covers a State's point"


@pytest.fixture(scope="module")
def thirty_members():
    """The EU network of rapporteurs (27 members in 2023) with three more members."""
    ds = coordgraph.load("europe")
    net = next(n for n in ds.networks if n.id == "eu-nrem")
    extra = [net.members[0].model_copy(update={"country": c}) for c in ("NOR", "ISL", "ALB")]
    grown = net.model_copy(update={"members": (*net.members, *extra)})
    return ds.with_records([grown]).to_networkx()


def test_network_diagram_shows_membership_readable_at_thirty(thirty_members):
    """Issue 27: the network at the centre, each member with its focal point and its
    designation status; no two labels overlap, none leaves the picture, no hairball."""
    fig, ax = plot_network(thirty_members, network="eu-nrem", as_of="2023")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    (hub,) = [t for t in ax.texts if t.get_gid() == "network"]
    assert "EU NREM" in hub.get_text() and "30 member States" in hub.get_text()
    labels = [t for t in ax.texts if str(t.get_gid()).startswith("member-")]
    assert len(labels) == 60  # a name and a focal point (or its absence) per member
    boxes = [t.get_window_extent(renderer) for t in labels]
    page = fig.bbox
    for (a, ta), (b, tb) in itertools.combinations(zip(boxes, labels, strict=True), 2):
        assert not a.overlaps(b), f"{ta.get_text()!r} overlaps {tb.get_text()!r}"
    for box, t in zip(boxes, labels, strict=True):
        assert page.contains(box.x0, box.y0) and page.contains(box.x1, box.y1), t.get_text()
    texts = [t.get_text() for t in labels]
    assert "Germany" in texts and "German Institute for Human Rights" in texts
    assert "no focal point recorded" in texts  # Norway, Iceland, Albania: not in the sources
    # one spoke per member, not a line per pair of members
    spokes = [ln for ln in ax.get_lines() if ln.get_marker() in ("None", "", None)]
    assert len(spokes) == 30
    text = _texts(fig)
    assert "focal point designated (27)" in text and "not recorded in the sources (3)" in text
    assert "Links among the members as of 2023-12-31 (435 pairs)" in " ".join(text.split())


def test_network_diagram_draws_on_a_given_ax(thirty_members):
    fig = Figure()
    ax = fig.add_subplot()
    out_fig, out_ax = plot_network(thirty_members, network="eu-nrem", as_of="2023", ax=ax)
    assert out_fig is fig and out_ax is ax


def test_network_of_unverified_members_says_how_to_draw_them(tmp_path: Path):
    out = tmp_path / "rcm.png"
    args = ["diagram", "network", "--network", "rcm", "--as-of", "2008", "-o", str(out)]
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 2
    assert "no verified members" in r.output
    assert "11 unverified members are recorded: add --include-unverified" in r.output
    r = CliRunner().invoke(cli, [*args, "--include-unverified"])
    assert r.exit_code == 0 and out.exists()


def _overlaps(fig: Figure, ax: Axes) -> list[tuple[str, str]]:
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    labels = [t for t in ax.texts if t.get_gid() == LABEL_GID]
    assert len(labels) >= 5
    boxes = [(t.get_text(), Text.get_window_extent(t, renderer)) for t in labels]
    return [(a, b) for (a, x), (b, y) in itertools.combinations(boxes, 2) if x.overlaps(y)]


def test_two_maps_side_by_side_on_one_figure(graphs, tmp_path: Path):
    """osmnx's convention: given ``ax``, draw on it and return ``(its figure, ax)``;
    each map is shaped to its axes and places its labels without overlap."""
    fig = Figure(figsize=(20, 7.5))
    left, right = fig.subplots(
        1, 2, gridspec_kw={"left": 0.02, "right": 0.8, "wspace": 0.45, "top": 0.85}
    )
    f1, a1 = plot_map(graphs["west-africa"], as_of="2009", ax=left)
    f2, a2 = plot_map(graphs["west-africa"], as_of="2019", ax=right)
    assert (f1, a1, f2, a2) == (fig, left, fig, right)
    for ax, day in ((left, "2009-12-31"), (right, "2019-12-31")):
        assert any(str(p.get_gid()).startswith("country-") for p in ax.patches)
        assert day in ax.get_title()
        assert not _overlaps(fig, ax)
        # the legends in a panel of this map's own, beside it
        assert [a.get_legend() is not None for a in ax.child_axes] == [True]
    assert plt.get_fignums() == []
    fig.savefig(tmp_path / "two.png", dpi=50)


def test_routes_and_network_draw_on_given_axes(graphs, bundled_graph):
    fig = Figure(figsize=(22, 9))
    left, right = fig.subplots(1, 2, gridspec_kw={"wspace": 0.5, "right": 0.8})
    assert plot_routes(graphs["west-africa"], as_of="2019", ax=left) == (fig, left)
    assert plot_network(bundled_graph, network="rcm", as_of="2008", ax=right) == (fig, right)
    assert any(isinstance(p, FancyArrowPatch) for p in left.patches)
    assert "rcm" in right.get_title().lower() or "Regional Conference" in right.get_title()
    assert not fig.texts  # nothing written across the caller's figure


def test_labels_past_the_limit_are_placed_as_a_full_search_places_them(monkeypatch):
    """Past the limit a label is kept only next to its point, so its search stops at
    that distance: the same labels at the same places as a search of every radius."""
    from coordgraph.render import labels as placer
    from coordgraph.render.common import new_figure

    rng = np.random.default_rng(7)
    points = rng.normal(0, 1, size=(180, 2))
    names = [f"Place {i} {'x' * (i % 9)}" for i in range(len(points))]

    def placed() -> list[tuple[str, tuple[float, ...]]]:
        fig = new_figure((8, 6))
        ax = fig.add_axes((0.05, 0.05, 0.9, 0.9))
        ax.set_xlim(-4, 4)
        ax.set_ylim(-4, 4)
        texts = placer.place_labels(
            ax,
            [placer.Label(x, y, t) for (x, y), t in zip(points, names, strict=True)],
            obstacles=[tuple(p) for p in points],
        )
        renderer = fig.canvas.get_renderer()
        return [(t.get_text(), tuple(t.get_window_extent(renderer).bounds)) for t in texts]

    capped = placed()
    monkeypatch.setattr(placer, "_CLOSE", placer._RADII)
    assert capped == placed()
    assert placer.LABEL_LIMIT < len(capped) < len(points)


def test_arcs_of_the_same_shape_are_drawn_as_when_each_is_worked_out_alone():
    """Legs with the same ends and bend share one worked-out curve and head."""
    from coordgraph.render.common import new_figure
    from coordgraph.render.plots import _Arcs

    fig = new_figure((6, 4))
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    legs = [((1.0, 1.0), (8.0, 5.0), 0.12 + 0.11 * (k % 3)) for k in range(7)]
    shared = _Arcs(ax)
    for a, b, rad in legs:
        shared.add(a, b, rad=rad, color="#000000", style="-", width=1.0)
    assert len(shared.shapes) == 3
    for i, (a, b, rad) in enumerate(legs):
        alone = _Arcs(ax)
        alone.add(a, b, rad=rad, color="#000000", style="-", width=1.0)
        assert np.array_equal(alone.curves[0], shared.curves[i])
        assert np.array_equal(alone.heads[0], shared.heads[i])
