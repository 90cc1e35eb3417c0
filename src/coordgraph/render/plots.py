"""Route lists, maps and focal-point networks, drawn with matplotlib's object API.

Every function takes the graph first, draws on a new :class:`~coordgraph.render.common.
PictureFigure` and returns ``(fig, ax)`` with ``ax`` the main drawing; none touches
pyplot's global state or shows a window. Link status comes from
:func:`coordgraph.analyses.unlinked_routes`, so a picture says what the analysis says.
A selection that leaves nothing to draw raises :class:`~coordgraph.render.common.
NothingToDraw` with the reason.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Polygon

from coordgraph.analyses import coverage, unlinked_routes
from coordgraph.analyses.coverage import Coverage
from coordgraph.dates import day_asked
from coordgraph.findings import ROUTE_KINDS, Finding, FindingKind, LinkKind
from coordgraph.lookup import designated
from coordgraph.lookup import label as _label
from coordgraph.render.common import (
    NothingToDraw,
    Panels,
    dataset_title,
    finish_picture,
    inches,
    panels,
)
from coordgraph.render.labels import Label, place_labels
from coordgraph.routes.detail import route_stop_nodes, route_volumes
from coordgraph.routes.places import anchor, centroid, countries_in, outline
from coordgraph.text.i18n import say, state_name
from coordgraph.time_rules import TimeRules
from coordgraph.vocab import NodeKind, Relation

__all__ = ["FOCAL_STYLES", "STYLES", "plot_map", "plot_network", "plot_routes"]

#: status -> (label in English, colour, line style); a picture in another language
#: takes the label from the catalogue (``pic.style.<status>``)
STYLES: dict[str, tuple[str, str, Any]] = {
    s: (say("en", f"pic.style.{s}"), colour, dash)
    for s, colour, dash in (
        ("bilateral_agreement", "#1b7837", "-"),
        ("multilateral_agreement", "#5aae61", "-"),
        ("legal_basis", "#a6dba0", (0, (5, 2))),
        ("focal_point_channel", "#2166ac", "-"),
        ("local", "#762a83", "-"),
        ("none", "#d6604d", "--"),
        ("domestic", "#b35806", "-."),
        ("unresolved", "#878787", ":"),
    )
}

#: focal-point status (as coverage reports it) -> (legend text in English, colour);
#: another language takes it from ``pic.focal.<status>``
FOCAL_STYLES: dict[str, tuple[str, str]] = {
    s: (say("en", _key), colour)
    for s, _key, colour in (
        ("designated", "pic.focal.designated", "#2166ac"),
        ("not designated", "pic.focal.not_designated", "#d6604d"),
        ("not recorded", "pic.focal.not_recorded", "#bdbdbd"),
    )
}


def _style_word(status: str, lang: str) -> str:
    """A link status in ``lang``, on two lines past 42 characters (the side panel's
    width: the English words fit on one)."""
    return "\n".join(textwrap.wrap(say(lang, f"pic.style.{status}"), 42))


def _focal_word(status: str, lang: str) -> str:
    return say(lang, "pic.focal." + status.replace(" ", "_"))


def _name(G: nx.MultiDiGraph, n: str, lang: str) -> str:
    """A place's label; a State by its name in ``lang`` (data stays as recorded)."""
    code = _iso(G, n) if lang != "en" else None
    return state_name(code, lang) if code else _label(G, n)


_LOCAL = {LinkKind.LOCAL_LINK, LinkKind.LOCAL_MECHANISMS, LinkKind.NATIONAL_REFERRAL}
_ORDER = list(STYLES)


def _status(f: Finding) -> str:
    if f.kind is FindingKind.ROUTE_UNRESOLVED:
        return "unresolved"
    if f.link_kind is None or f.link_kind is LinkKind.NONE:
        return "none"
    if f.link_kind in _LOCAL:
        return "local"
    return str(f.link_kind)


def _short(text: str, n: int = 38) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


@dataclass
class _Selection:
    day: dt.date
    routes: dict[str, list[str]]
    leg_status: dict[str, list[str]]  # route -> status of each leg
    volume: dict[str, int]  # route -> recorded cases (0 when not recorded)
    findings: list[Finding] = field(default_factory=list)
    lang: str = "en"


def _select(
    G: nx.MultiDiGraph,
    as_of: dt.date | str | None,
    countries: Iterable[str] | None,
    network: str | None,
    children_only: bool,
    lang: str = "en",
    found: Iterable[Finding] | None = None,
) -> _Selection:
    day = day_asked(G.graph, as_of)
    if found is not None and not (countries or network or children_only):
        # the route findings of a run the caller made on the same day (find_gaps too)
        findings = [f for f in found if f.kind in ROUTE_KINDS]
    else:
        findings = unlinked_routes(
            G, as_of=day, countries=countries, network=network, children_only=children_only
        )
    pair: dict[tuple[str, str], str] = {}
    for f in findings:
        key = (f.subjects[0], f.subjects[1])
        s = _status(f)
        if key not in pair or _ORDER.index(s) > _ORDER.index(pair[key]):
            pair[key] = s
    kept = {r for f in findings for r in f.details.get("routes", ())}
    routes = {r: s for r, s in sorted(route_stop_nodes(G).items()) if r in kept}
    if not routes:
        what = ["routes"]
        if countries:
            what.append("touching " + ", ".join(sorted(countries)))
        if network:
            what.append(f"between members of {network}")
        if children_only:
            what.append("with child victims")
        raise NothingToDraw(
            f"nothing to draw: no {' '.join(what)} in the dataset as of {day.isoformat()}"
        )
    legs: dict[str, list[str]] = {}
    for r, stops in routes.items():
        whole = pair.get((stops[0], stops[-1]), "none")
        legs[r] = [_domestic(G, a, b, pair.get((a, b), whole)) for a, b in pairwise(stops)]
    volumes = route_volumes(G)
    volume = {r: volumes[r] for r in routes}
    return _Selection(day, routes, legs, volume, findings, lang)


def _domestic(G: nx.MultiDiGraph, a: str, b: str, status: str) -> str:
    """A leg within one State with no link is a domestic gap (a local link is
    missing), never drawn as a cross-border one."""
    if status == "none" and _country_of(G, a) == _country_of(G, b):
        return "domestic"
    return status


def _gap_count(sel: _Selection) -> str:
    """``35 routes, 23 with a leg across a border that has no link, 2 within one State
    with no local link``."""
    gaps = sum(1 for r in sel.leg_status.values() if "none" in r)
    domestic = sum(1 for r in sel.leg_status.values() if "domestic" in r and "none" not in r)
    return say(sel.lang, "pic.gap_count", routes=len(sel.routes), gaps=gaps) + (
        say(sel.lang, "pic.gap_count.domestic", n=domestic) if domestic else ""
    )


def _width(volume: int, top: int) -> float:
    return 1.0 + (4.0 * volume / top if top and volume else 0.0)


def _style_handles(used: Iterable[str], lang: str = "en") -> list[Line2D]:
    used = set(used)
    return [
        Line2D([0], [0], color=c, linestyle=ls, linewidth=2, label=_style_word(s, lang))
        for s, (_, c, ls) in STYLES.items()
        if s in used
    ]


def _cases(n: int, lang: str) -> str:
    return say(lang, "pic.cases.one" if n == 1 else "pic.cases.many", n=n)


def _width_handles(top: int, lang: str = "en") -> list[Line2D]:
    unknown = say(lang, "pic.cases.not_recorded")
    out = [Line2D([0], [0], color="#555555", linewidth=1.0, label=unknown)]
    if top:
        for v in sorted({max(1, top // 4), max(1, top // 2), top}):
            out.append(
                Line2D([0], [0], color="#555555", linewidth=_width(v, top), label=_cases(v, lang))
            )
    return out


def _side_legends(lax: Axes, sel: _Selection, used: set[str], extra: list[str]) -> None:
    """Colour/dash legend, width legend and the 'not on the map' box in a side panel."""
    lax.set_axis_off()
    top = max(sel.volume.values(), default=0)
    leg1 = lax.legend(
        handles=_style_handles(used, sel.lang),
        title=say(sel.lang, "pic.legend.colour", day=sel.day.isoformat()),
        loc="upper left",
        bbox_to_anchor=(0.0, 1.0),
        fontsize=8,
        title_fontsize=8.5,
        frameon=False,
        alignment="left",
    )
    lax.add_artist(leg1)
    lax.legend(
        handles=_width_handles(top, sel.lang),
        title=say(sel.lang, "pic.legend.width"),
        loc="upper left",
        bbox_to_anchor=(0.0, 0.66),
        fontsize=8,
        title_fontsize=8.5,
        frameon=False,
        alignment="left",
    )
    if extra:
        body = "\n".join(textwrap.fill(e, 42, subsequent_indent="   ") for e in extra[:14])
        if len(extra) > 14:
            body += "\n" + say(sel.lang, "pic.more", n=len(extra) - 14)
        lax.text(
            0.0,
            0.36,
            say(sel.lang, "pic.not_on_map") + "\n" + body,
            va="top",
            ha="left",
            fontsize=7.5,
            transform=lax.transAxes,
            bbox={"boxstyle": "round,pad=0.5", "fc": "#f7f7f7", "ec": "#bbbbbb"},
        )


# ----------------------------------------------------------------------------- map


def _country_of(G: nx.MultiDiGraph, n: str) -> str:
    if n in G and G.nodes[n].get("kind") == NodeKind.AREA:
        for _, t, rel in G.out_edges(n, data="relation"):
            if rel == Relation.LOCATED_IN:
                return str(t)
    return n


def _iso(G: nx.MultiDiGraph, n: str) -> str | None:
    if n in G and G.nodes[n].get("kind") == NodeKind.COUNTRY:
        return str(G.nodes[n].get("iso3", n.partition(":")[2]))
    return None


class _Arcs:
    """Curved arrows drawn as two collections, the curves and their heads, however many
    legs there are (one patch per leg does not scale to a world of routes).

    Each curve is the quadratic curve matplotlib's ``arc3`` connection draws (its middle
    control point off the chord by ``rad`` times the chord's length, in display units),
    its ends pulled in by ``shrink_a``/``shrink_b`` points, and a ``-|>`` head at the end
    sized by ``head`` as a ``mutation_scale``. The axes must not move afterwards (the map
    fixes its axes rectangle and limits first).
    """

    def __init__(self, ax: Axes) -> None:
        self.ax = ax
        self.px = ax.figure.dpi / 72  # pixels per point
        self.curves: list[Any] = []
        self.heads: list[Any] = []
        self.colors: list[str] = []
        self.widths: list[float] = []
        self.styles: list[Any] = []

    def add(
        self,
        a: tuple[float, float],
        b: tuple[float, float],
        *,
        rad: float,
        color: str,
        style: Any,
        width: float,
        shrink_a: float = 2,
        shrink_b: float = 2,
        head: float = 10,
    ) -> None:
        to_px = self.ax.transData
        (x1, y1), (x2, y2) = to_px.transform([a, b])
        mx, my, dx, dy = (x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1
        t = np.linspace(0.0, 1.0, 25)[:, None]
        pts = (
            (1 - t) ** 2 * np.array([x1, y1])
            + 2 * (1 - t) * t * np.array([mx + rad * dy, my - rad * dx])
            + t**2 * np.array([x2, y2])
        )
        length = 0.4 * head * self.px
        pts = _trim(pts, shrink_a * self.px, shrink_b * self.px)
        tip, before = pts[-1], _trim(pts, 0.0, length)[-1]
        along = tip - before
        norm = float(np.hypot(*along)) or 1.0
        ux, uy = along / norm
        half = 0.2 * head * self.px
        base = tip - length * np.array([ux, uy])
        triangle = [tip, base + half * np.array([-uy, ux]), base - half * np.array([-uy, ux])]
        back = to_px.inverted()
        self.curves.append(back.transform(_trim(pts, 0.0, length * 0.6)))
        self.heads.append(back.transform(np.array(triangle)))
        self.colors.append(color)
        self.widths.append(width)
        self.styles.append(style)

    def draw(self, *, alpha: float | None, zorder: float, gid: str) -> None:
        if not self.curves:
            return
        self.ax.add_collection(
            LineCollection(
                self.curves,
                colors=self.colors,
                linewidths=self.widths,
                linestyles=self.styles,
                alpha=alpha,
                zorder=zorder,
                gid=gid,
                capstyle="butt",
            ),
            autolim=False,
        )
        self.ax.add_collection(
            PolyCollection(
                self.heads,
                facecolors=self.colors,
                edgecolors=self.colors,
                linewidths=self.widths,
                alpha=alpha,
                zorder=zorder,
                gid=f"{gid}-heads",
            ),
            autolim=False,
        )


def _trim(pts: Any, start: float, end: float) -> Any:
    """A polyline with ``start`` and ``end`` pixels of its length cut off its ends."""
    seg = np.hypot(*np.diff(pts, axis=0).T)
    run = np.concatenate([[0.0], np.cumsum(seg)])
    total = float(run[-1])
    if total <= start + end:
        return pts
    keep = np.linspace(start, total - end, len(pts))
    return np.column_stack([np.interp(keep, run, pts[:, 0]), np.interp(keep, run, pts[:, 1])])


@dataclass
class _MapView:
    """The part of the world a map shows, and the size of its panel in inches."""

    x0: float
    x1: float
    y0: float
    y1: float
    span: float
    map_w: float
    map_h: float

    @classmethod
    def around(
        cls,
        pos: dict[str, tuple[float, float]],
        panel: tuple[float, float] | None,
        *,
        margin: bool = True,
    ) -> _MapView:
        """The points with a margin (none with ``margin`` false: an extent asked for),
        widened along whichever axis is short so the map fills its panel: ``panel``
        (width, height in inches), or with None a panel 8.6 inches wide and as high as the
        points need (4.6 to 7.6 inches)."""
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 12.0 if margin else 1.0)
        pad = 0.14 * span + 2.0 if margin else 0.0
        x0, x1 = min(xs) - pad, max(xs) + pad
        y0, y1 = max(min(ys) - pad, -85.0), min(max(ys) + pad, 85.0)
        ky = 1 / max(0.3, math.cos(math.radians((y0 + y1) / 2)))  # equirectangular stretch
        if panel is None:
            map_w = 8.6
            map_h = min(max(map_w * (y1 - y0) * ky / (x1 - x0), 4.6), 7.6)
        else:
            map_w, map_h = panel
        want = map_h / map_w
        have = (y1 - y0) * ky / (x1 - x0)
        if have < want:
            extra = ((x1 - x0) * want / ky - (y1 - y0)) / 2
            y0, y1 = y0 - extra, y1 + extra
        else:
            extra = ((y1 - y0) * ky / want - (x1 - x0)) / 2
            x0, x1 = x0 - extra, x1 + extra
        return cls(x0, x1, y0, y1, span, map_w, map_h)


#: inches above, below and beside (legends) the map on a map's own figure
_MAP_TOP, _MAP_BOTTOM, _MAP_SIDE = 0.85, 0.6, 3.0


def _map_panels(ax: Axes | None, view: _MapView) -> Panels:
    """The map's own figure (map, then legends on the right) or the caller's ``ax``
    with the legends in a panel 2.8 inches wide on its right."""
    map_w, map_h = view.map_w, view.map_h
    fig_w, fig_h = 0.15 + map_w + _MAP_SIDE, map_h + _MAP_TOP + _MAP_BOTTOM
    return panels(
        ax,
        (fig_w, fig_h),
        (0.15 / fig_w, _MAP_BOTTOM / fig_h, map_w / fig_w, map_h / fig_h),
        (
            ((0.3 + map_w) / fig_w, _MAP_BOTTOM / fig_h, (_MAP_SIDE - 0.2) / fig_w, map_h / fig_h)
            if ax is None
            else (1 + 0.15 / map_w, 0.0, (_MAP_SIDE - 0.2) / map_w, 1.0)
        ),
    )


def _state_points(G: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Where a map draws each State any route of the dataset touches, at any date: the
    same point at every date, so maps of one dataset at two dates line up."""
    routes = [[_country_of(G, n) for n in s] for s in route_stop_nodes(G).values()]
    states = sorted({n for s in routes for n in s if _iso(G, n)})
    partners: dict[str, set[str]] = defaultdict(set)
    for stops in routes:
        for a, b in pairwise(stops):
            partners[a].add(b)
            partners[b].add(a)
    return _map_positions(G, states, partners)


def _map_positions(
    G: nx.MultiDiGraph, states: list[str], partners: dict[str, set[str]]
) -> dict[str, tuple[float, float]]:
    """Each State at a point inside it, toward its partners for very large States."""
    ref = {n: p for n in states if (p := centroid(_iso(G, n) or "")) is not None}
    pos: dict[str, tuple[float, float]] = {}
    for n in states:
        toward = [ref[p] for p in partners[n] if p in ref and p != n]
        p = anchor(_iso(G, n) or "", toward)
        if p is not None:
            pos[n] = p
    return pos


def _draw_countries(ax: Axes, view: _MapView, involved: set[str | None]) -> None:
    """The sea, and every country in view: those on a route light, the others grey."""
    ax.set_xlim(view.x0, view.x1)
    ax.set_ylim(view.y0, view.y1)
    ax.set_facecolor("#dfe9f2")  # sea
    for code in countries_in((view.x0, view.y0, view.x1, view.y1)):
        fc, ec = ("#f4efe4", "#9c8f78") if code in involved else ("#ebebeb", "#c4c4c4")
        for ring in outline(code):
            ax.add_patch(
                Polygon(ring, closed=True, fc=fc, ec=ec, lw=0.5, zorder=1, gid=f"country-{code}")
            )


def _draw_legs(
    ax: Axes,
    routes: dict[str, list[str]],
    sel: _Selection,
    pos: dict[str, tuple[float, float]],
    span: float,
) -> set[str]:
    """One arc per route leg, legs between the same States fanned apart, a leg to a place
    with no location drawn to a '?'; all legs in one collection, all loops in another.
    Returns the link statuses drawn."""
    top = max(sel.volume.values(), default=0)
    used: set[str] = set()
    fan: dict[tuple[Any, Any], int] = defaultdict(int)
    legs, loops = _Arcs(ax), _Arcs(ax)
    unknown: list[tuple[float, float]] = []
    for r, stops in routes.items():
        for i, (a, b) in enumerate(pairwise(stops)):
            s = sel.leg_status[r][i]
            pa, pb = pos.get(a), pos.get(b)
            if pa is None and pb is None:
                continue
            if pa is None or pb is None:
                s = "unresolved"
                known = pb if pa is None else pa
                assert known is not None
                far = _unknown_end(known, fan, span)
                pa, pb = (far, known) if pa is None else (known, far)
                unknown.append(far)
            used.add(s)
            k = fan[(a, b)]
            fan[(a, b)] += 1
            arcs = loops if pa == pb else legs
            _add_leg(arcs, pa, pb, STYLES[s], _width(sel.volume[r], top), k, span)
    legs.draw(alpha=0.85, zorder=3, gid="route-legs")
    loops.draw(alpha=None, zorder=3, gid="route-loops")
    if unknown:
        ax.scatter(
            [p[0] for p in unknown],
            [p[1] for p in unknown],
            marker="$?$",
            s=36,
            color="#666666",
            zorder=4,
            gid="unknown-ends",
        )
    return used


def _unknown_end(
    known: tuple[float, float], fan: dict[tuple[Any, Any], int], span: float
) -> tuple[float, float]:
    """Where a '?' goes near ``known`` for a leg's end that has no location (several
    fanned around it)."""
    k = fan[("?", known)]
    fan[("?", known)] += 1
    ang = math.radians(115 + 25 * k)
    return (
        known[0] + 0.07 * span * math.cos(ang),
        known[1] + 0.07 * span * math.sin(ang),
    )


def _add_leg(
    arcs: _Arcs,
    pa: tuple[float, float],
    pb: tuple[float, float],
    style: tuple[str, str, Any],
    width: float,
    k: int,
    span: float,
) -> None:
    """The ``k``-th arc between two points (a loop when both are the same point)."""
    _, color, dash = style
    if pa == pb:
        size = 0.03 * span * (1 + 0.5 * k)
        arcs.add(
            (pa[0] - size / 2, pa[1] + 0.2 * size),
            (pa[0] + size / 2, pa[1] + 0.2 * size),
            rad=1.6,
            color=color,
            style=dash,
            width=width,
            head=9,
        )
        return
    arcs.add(
        pa,
        pb,
        rad=0.12 + 0.11 * (k % 6),
        color=color,
        style=dash,
        width=width,
        shrink_a=4,
        shrink_b=5,
        head=11,
    )


def _not_on_map(
    G: nx.MultiDiGraph,
    sel: _Selection,
    states: list[str],
    pos: dict[str, tuple[float, float]],
    outside: set[str],
) -> list[str]:
    """The places listed beside the map: unknown places (with the route's other stops),
    States outside the extent asked for, and States with no outline or position."""
    not_shown: list[str] = []
    for stops in sel.routes.values():
        for n in stops:
            if n in G and G.nodes[n].get("kind") == NodeKind.UNKNOWN_PLACE:
                others = ", ".join(_name(G, m, sel.lang) for m in stops if m != n)
                side = "pic.unknown.to" if stops[0] == n else "pic.unknown.from"
                text = say(sel.lang, side, place=_label(G, n), others=others)
                if text not in not_shown:
                    not_shown.append(text)
    for n in states:
        if n in outside:
            not_shown.append(say(sel.lang, "pic.outside_extent", place=_name(G, n, sel.lang)))
        elif n not in pos:
            not_shown.append(say(sel.lang, "pic.no_position", place=_name(G, n, sel.lang)))
    return not_shown


def _draw_places(
    ax: Axes,
    G: nx.MultiDiGraph,
    pos: dict[str, tuple[float, float]],
    partners: dict[str, set[str]],
    lang: str = "en",
) -> None:
    """A dot per State (one artist), then the labels, placed without overlap (busiest
    States first)."""
    ax.plot(
        [p[0] for p in pos.values()],
        [p[1] for p in pos.values()],
        "o",
        color="#222222",
        markersize=4.5,
        zorder=5,
        mec="white",
        mew=0.8,
        linestyle="none",
    )
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_color("#999999")
    order = sorted(pos, key=lambda n: (-len(partners[n]), _name(G, n, lang)))
    place_labels(
        ax,
        [Label(pos[n][0], pos[n][1], _short(_name(G, n, lang), 30)) for n in order],
        obstacles=list(pos.values()),
    )


def plot_map(
    G: nx.MultiDiGraph,
    *,
    as_of: dt.date | str | None = None,
    countries: Iterable[str] | None = None,
    network: str | None = None,
    children_only: bool = False,
    extent: tuple[float, float, float, float] | None = None,
    ax: Axes | None = None,
    lang: str = "en",
    found: Iterable[Finding] | None = None,
) -> tuple[Figure, Axes]:
    """Routes on a map: every country in view drawn for context (outlines shipped with the
    countryinfo package), each State of a route at a point inside it (toward its partners
    for very large States), one arc per route leg, legs between the same States fanned
    apart, legs within one State drawn as domestic, labels placed without overlap,
    places without a location listed beside the map; colour and dash say the link as of
    ``as_of``, width the recorded cases.

    The frame is ``extent`` (``west, south, east, north`` in degrees), by default every
    State any route of the dataset touches at any date, each at one point: maps of one
    dataset at two dates line up. States outside ``extent`` are listed beside the map.

    With ``ax`` (osmnx's convention) the map is drawn on it, shaped to its size, the
    legends in a panel to its right, the title above and the sources below it; place
    ``ax`` first, since the arcs are computed for where it is. Otherwise on a new figure.
    ``lang`` is the language of its words and of States' names (``en``, ``fr``).
    ``found``: the findings of :func:`~coordgraph.analyses.find_gaps` (or of
    :func:`unlinked_routes`) on ``G`` on the same day with no other option, when the
    caller has them (used without ``countries``, ``network`` or ``children_only``).

    Examples
    --------
    >>> import coordgraph
    >>> fig, ax = plot_map(coordgraph.load("west-africa").to_networkx(), as_of="2019")
    """
    sel = _select(G, as_of, countries, network, children_only, lang, found)
    # an area is drawn at its State; an unknown place is listed beside the map
    routes = {r: [_country_of(G, n) for n in s] for r, s in sel.routes.items()}
    states = sorted({n for s in routes.values() for n in s if _iso(G, n)})
    partners: dict[str, set[str]] = defaultdict(set)
    for stops in routes.values():
        for a, b in pairwise(stops):
            partners[a].add(b)
            partners[b].add(a)
    everywhere = _state_points(G)
    pos = {n: everywhere[n] for n in states if n in everywhere}
    if not pos:
        raise NothingToDraw(
            f"nothing to draw on a map: no route end has a known location as of "
            f"{sel.day.isoformat()}"
        )
    panel = None if ax is None else inches(ax)
    if extent is None:
        view = _MapView.around(everywhere, panel)
    else:
        corners = {"sw": (extent[0], extent[1]), "ne": (extent[2], extent[3])}
        view = _MapView.around(corners, panel, margin=False)
    outside = {
        n for n, p in pos.items() if not (view.x0 <= p[0] <= view.x1 and view.y0 <= p[1] <= view.y1)
    }
    pos = {n: p for n, p in pos.items() if n not in outside}
    drawing = _map_panels(ax, view)
    _draw_countries(drawing.ax, view, {_iso(G, n) for n in states})
    used = _draw_legs(drawing.ax, routes, sel, pos, view.span)
    not_shown = _not_on_map(G, sel, states, pos, outside)
    _draw_places(drawing.ax, G, pos, partners, lang)
    _side_legends(drawing.side, sel, used, not_shown)
    finish_picture(
        drawing,
        title=dataset_title(G),
        subtitle=say(lang, "pic.map.subtitle", gaps=_gap_count(sel), day=sel.day.isoformat()),
        day=sel.day,
        lang=lang,
        G=G,
        records=list(sel.routes),
        top=1 - 0.1 / (view.map_h + _MAP_TOP + _MAP_BOTTOM),
    )
    return drawing.fig, drawing.ax


# ----------------------------------------------------------------------------- routes


def _route_rows(sel: _Selection) -> dict[tuple[str, ...], dict[str, Any]]:
    """Routes with the same stops as one row: their routes, cases added, and per leg the
    weakest link status among them."""
    rows: dict[tuple[str, ...], dict[str, Any]] = {}
    for r, stops in sel.routes.items():
        key = tuple(stops)
        row = rows.setdefault(key, {"routes": [], "volume": 0, "legs": sel.leg_status[r]})
        row["routes"].append(r)
        row["volume"] += sel.volume[r]
        # the weakest leg status wins when routes share stops
        row["legs"] = [
            max(x, y, key=_ORDER.index) for x, y in zip(row["legs"], sel.leg_status[r], strict=True)
        ]
    return rows


#: the most rows a route list draws (those of the most cases): a page a person reads,
#: not every route of a large dataset
ROUTE_ROWS = 60


def _heaviest(
    rows: dict[tuple[str, ...], dict[str, Any]],
) -> dict[tuple[str, ...], dict[str, Any]]:
    """The :data:`ROUTE_ROWS` rows of the most recorded cases, then the most routes (all
    of them when there are no more)."""
    if len(rows) <= ROUTE_ROWS:
        return rows
    ranked = sorted(rows, key=lambda k: (-rows[k]["volume"], -len(rows[k]["routes"]), k))
    return {k: rows[k] for k in ranked[:ROUTE_ROWS]}


def _origin_groups(
    G: nx.MultiDiGraph, rows: Iterable[tuple[str, ...]], lang: str = "en"
) -> dict[str, list[tuple[str, ...]]]:
    """Rows by the name of their State of origin ("origin not identified" last)."""
    unknown = say(lang, "pic.origin_unknown")

    def group_of(stops: tuple[str, ...]) -> str:
        c = _country_of(G, stops[0])
        return _name(G, c, lang) if _iso(G, c) else unknown

    groups: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in rows:
        groups[group_of(key)].append(key)
    ordered = sorted(groups, key=lambda g: (g == unknown, g.lower()))
    return {g: groups[g] for g in ordered}


#: where a route row's arrow starts and ends (fractions of the drawing's width)
_X_FROM, _X_TO = 0.30, 0.70


def _draw_route_row(
    ax: Axes,
    G: nx.MultiDiGraph,
    stops: list[str],
    row: dict[str, Any],
    y: float,
    top: int,
    used: set[str],
    lang: str = "en",
) -> None:
    """One row: the origin on the left, an arrow per leg with transits on it, the
    destination on the right with the number of routes and cases."""
    n = len(stops)
    xs = [_X_FROM + (_X_TO - _X_FROM) * i / (n - 1) for i in range(n)]
    for i in range(n - 1):
        s = row["legs"][i]
        used.add(s)
        _, color, style = STYLES[s]
        ax.add_patch(
            FancyArrowPatch(
                (xs[i], y),
                (xs[i + 1], y),
                arrowstyle="-|>",
                mutation_scale=10,
                color=color,
                linestyle=style,
                linewidth=_width(row["volume"], top),
                shrinkA=3,
                shrinkB=3,
                zorder=3,
            )
        )
    for i, stop in enumerate(stops[1:-1], start=1):
        ax.plot([xs[i]], [y], "o", color="#333333", markersize=3.5, zorder=4)
        ax.text(
            xs[i],
            y + 0.28,
            _short(_name(G, stop, lang), 24),
            fontsize=6.5,
            ha="center",
            va="bottom",
            color="#444444",
        )
    origin = _short(_name(G, stops[0], lang), 48)
    ax.text(_X_FROM - 0.01, y, origin, fontsize=8, ha="right", va="center")
    n_routes = len(row["routes"])
    tail = []
    if n_routes > 1:
        tail.append(say(lang, "pic.routes.n", n=n_routes))
    if row["volume"]:
        tail.append(_cases(row["volume"], lang))
    dest = _short(_name(G, stops[-1], lang), 40) + (f"  ({', '.join(tail)})" if tail else "")
    ax.text(_X_TO + 0.01, y, dest, fontsize=8, ha="left", va="center")


def plot_routes(
    G: nx.MultiDiGraph,
    *,
    as_of: dt.date | str | None = None,
    countries: Iterable[str] | None = None,
    network: str | None = None,
    children_only: bool = False,
    ax: Axes | None = None,
    lang: str = "en",
    found: Iterable[Finding] | None = None,
) -> tuple[Figure, Axes]:
    """One row per distinct route (origin, transits, destination), grouped by State of
    origin, so nothing crosses however many pairs there are: each row is an arrow from
    the origin (left) to the destination (right), transits marked on it, coloured and
    dashed by its link as of ``as_of`` and as wide as its recorded cases; routes with the
    same stops share a row (their count and cases added). At most :data:`ROUTE_ROWS`
    rows are drawn, those of the most recorded cases; the subtitle says how many more
    there are (``coordgraph gaps routes`` lists every one).

    With ``ax`` the rows are drawn on it, the legend in a strip below it, the title
    above and the sources below that; otherwise on a new figure as tall as the rows need.
    ``lang`` is the language of its words and of States' names (``en``, ``fr``);
    ``found`` is as for :func:`plot_map`.

    Examples
    --------
    >>> import coordgraph
    >>> fig, ax = plot_routes(coordgraph.load().to_networkx(), as_of="2008")
    """
    sel = _select(G, as_of, countries, network, children_only, lang, found)
    every = _route_rows(sel)
    rows = _heaviest(every)
    groups = _origin_groups(G, rows, lang)
    fig_h = 2.0 + 0.27 * (len(rows) + len(groups))
    height = fig_h - 2.15 if ax is None else inches(ax)[1]
    drawing = panels(
        ax,
        (11.0, fig_h),
        (0.02, 1.3 / fig_h, 0.96, (fig_h - 2.15) / fig_h),
        (0.02, 0.85 / fig_h, 0.96, 0.3 / fig_h)
        if ax is None
        else (0, -0.75 / height, 1, 0.6 / height),
    )
    ax = drawing.ax
    top = max((row["volume"] for row in rows.values()), default=0)
    used: set[str] = set()
    y = 0.0
    for g, keys in groups.items():
        ax.text(0.0, y, g, fontsize=9, fontweight="bold", va="center", ha="left")
        ax.plot([0.0, 1.0], [y - 0.45, y - 0.45], color="#dddddd", lw=0.6)
        y -= 1
        for key in sorted(keys, key=lambda k: [_name(G, n, lang).lower() for n in k[1:]]):
            _draw_route_row(ax, G, list(key), rows[key], y, top, used, lang)
            y -= 1
    ax.set_xlim(0, 1)
    ax.set_ylim(y + 0.5, 0.7)
    ax.set_axis_off()
    drawing.side.set_axis_off()
    drawing.side.legend(
        handles=_style_handles(used, lang) + _width_handles(top, lang),
        loc="center",
        ncol=4,
        fontsize=7.5,
        frameon=False,
        title=say(lang, "pic.routes.legend", day=sel.day.isoformat()),
        title_fontsize=8,
    )
    gaps = sum(1 for row in every.values() if "none" in row["legs"])
    subtitle = say(lang, "pic.routes.subtitle", rows=len(every), gaps=gaps, day=sel.day.isoformat())
    if len(rows) < len(every):
        subtitle += say(lang, "pic.routes.heaviest", shown=len(rows), n=len(every) - len(rows))
    finish_picture(
        drawing,
        title=dataset_title(G),
        subtitle=subtitle,
        day=sel.day,
        lang=lang,
        G=G,
        records=list(sel.routes),
        top=1 - 0.08 / fig_h,
        width_chars=170,
    )
    return drawing.fig, drawing.ax


# ----------------------------------------------------------------------------- network


#: focal-point status -> what a member's label says when no agency is named
_NO_AGENCY = {
    "designated": "pic.no_agency.designated",
    "not designated": "pic.focal.not_designated",
}
#: focal-point status -> line style of the spoke from the network to the member
_SPOKES: dict[str, Any] = {"designated": "-", "not designated": "--", "not recorded": ":"}


def _focal_agencies(G: nx.MultiDiGraph, code: str, node: str, rules: TimeRules) -> list[str]:
    """The agencies a State designated as its focal point for network ``node``, as of
    the day of ``rules`` (not an earlier or later designation)."""
    return [
        _label(G, t)
        for fp in G.successors(f"{NodeKind.COUNTRY}:{code}")
        if G.nodes[fp].get("kind") == NodeKind.FOCAL_POINT
        and node in G.successors(fp)
        # only the designation in effect on the date, not an earlier or later one
        and designated(rules, fp)
        for t in G.successors(fp)
        if G.nodes[t].get("kind") == NodeKind.AGENCY
    ]


def _draw_members(
    ax: Axes, cov: Any, codes: list[str], labels: dict[str, tuple[str, str, bool]]
) -> dict[str, int]:
    """The members in two columns, each joined to the network in the middle by a spoke
    coloured and dashed by its focal-point status, labelled with its name and its
    focal-point agency; returns the count per status."""
    n = len(codes)
    rows = -(-n // 2)
    statuses: dict[str, int] = defaultdict(int)
    fontsize = 7.0 if n > 20 else 8.0
    for i, c in enumerate(codes):
        side = -1 if i < rows else 1
        x, y = 1.05 * side, (rows - 1) / 2 - (i % rows)
        info = cov.members[c]
        status = str(info["focal_point"])
        statuses[status] += 1
        colour = FOCAL_STYLES.get(status, FOCAL_STYLES["not recorded"])[1]
        ax.plot(
            [0.42 * side, x],
            [y * 0.25, y],
            color=colour,
            linestyle=_SPOKES.get(status, ":"),
            lw=1.3,
            alpha=0.9,
            zorder=1,
        )
        ax.plot([x], [y], "o", markersize=9, color=colour, mec="#444444", mew=0.6, zorder=3)
        name, detail, named = labels[c]
        for dy, text, weight in ((0.13, name, "bold"), (-0.15, detail, "normal")):
            ax.text(
                x + 0.1 * side,
                y + dy,
                text,
                ha="left" if side > 0 else "right",
                va="center",
                fontsize=fontsize,
                color="#222222" if named or weight == "bold" else "#666666",
                fontweight=weight,
                gid=f"member-{c}",
                zorder=4,
            )
    return statuses


def _draw_hub(ax: Axes, G: nx.MultiDiGraph, cov: Any, n: int, lang: str = "en") -> None:
    """The network in the middle: its acronym (or name) and how many members."""
    node = f"{NodeKind.NETWORK}:{cov.network}"
    acronym = G.nodes[node].get("acronym") if node in G else None
    lines = textwrap.wrap(str(acronym or cov.label), 22)
    hub = "\n".join(lines[:5]) + ("…" if len(lines) > 5 else "")
    ax.text(
        0,
        0,
        f"{hub}\n"
        + say(lang, "pic.hub.members" if cov.complete else "pic.hub.members_recorded", n=n),
        ha="center",
        va="center",
        fontsize=9,
        fontweight="bold",
        color="#222222",
        bbox={"boxstyle": "round,pad=0.7", "fc": "#f4efe4", "ec": "#9c8f78"},
        zorder=5,
        gid="network",
    )


def _network_side(
    lax: Axes, cov: Any, statuses: dict[str, int], n: int, day: dt.date, lang: str = "en"
) -> None:
    """The legend of a membership picture: focal-point status, the links among members
    counted by kind, and what the sources do not say."""
    lax.set_axis_off()
    handles: list[Any] = [
        Line2D(
            [0],
            [0],
            color=col,
            linestyle=_SPOKES[k],
            marker="o",
            markerfacecolor=col,
            markeredgecolor="#444444",
            markersize=8,
            label=f"{_focal_word(k, lang)} ({statuses.get(k, 0)})",
        )
        for k, (_, col) in FOCAL_STYLES.items()
    ]
    leg = lax.legend(
        handles=handles,
        loc="upper left",
        fontsize=8,
        title=say(lang, "pic.member_focal_point"),
        title_fontsize=8.5,
        frameon=False,
        alignment="left",
    )
    lax.add_artist(leg)
    counts: dict[str, int] = defaultdict(int)
    for kind in cov.links.values():
        s = "local" if kind in _LOCAL else str(kind)
        if s != "none":
            counts[s] += 1
    pairs = n * (n - 1) // 2
    lines = [say(lang, "pic.links_among", day=day.isoformat(), pairs=pairs)]
    lines += [
        "- " + say(lang, "pic.links_kind", kind=_style_word(s, lang), n=k)
        for s, k in sorted(counts.items())
    ]
    if not counts:
        lines.append("- " + say(lang, "pic.links_none"))
    known = statuses.get("designated", 0) + statuses.get("not designated", 0)
    if not known:
        lines += [
            "",
            *textwrap.wrap(say(lang, "pic.no_fp_any", n=n), 36),
        ]
    wrapped = [w for line in lines for w in (textwrap.wrap(line, 38) or [""])]
    lax.text(0.0, 0.62, "\n".join(wrapped), transform=lax.transAxes, va="top", fontsize=8)


#: inches per unit of a membership picture's drawing (members at 1.05 units from the middle)
_NETWORK_SCALE = 1.48


def _network_half_width(labels: dict[str, tuple[str, str, bool]]) -> float:
    """Half the width a membership drawing needs, in its units: the spokes, then the
    longest label (a name or a focal point) at a generous 0.62 em a character, so the
    picture is as wide as its labels and no wider."""
    points = 7.0 if len(labels) > 20 else 8.0
    longest = max(
        (len(t) for name, detail, _ in labels.values() for t in (name, detail)), default=0
    )
    return 1.15 + (longest * points * 0.62 / 72 + 0.15) / _NETWORK_SCALE


def _member_labels(
    G: nx.MultiDiGraph, cov: Any, codes: list[str], rules: TimeRules, lang: str
) -> dict[str, tuple[str, str, bool]]:
    """Per member: its name, its focal-point agency (or what is recorded of none), and
    whether an agency is named."""
    node = f"{NodeKind.NETWORK}:{cov.network}"
    out = {}
    for c in codes:
        info = cov.members[c]
        status = str(info["focal_point"])
        agencies = _focal_agencies(G, c, node, rules)
        detail = agencies[0] if agencies else say(lang, _NO_AGENCY.get(status, "pic.no_fp"))
        name = state_name(c, lang) if lang != "en" else str(info["name"])
        out[c] = (_short(name, 34), _short(detail, 50), bool(agencies))
    return out


def plot_network(
    G: nx.MultiDiGraph,
    *,
    network: str,
    as_of: dt.date | str | None = None,
    ax: Axes | None = None,
    lang: str = "en",
    covered: Coverage | None = None,
) -> tuple[Figure, Axes]:
    """A regional body's membership: the network in the middle, its member States in
    two columns around it, each joined to it by a spoke coloured and dashed by its
    focal-point status (designated, recorded as not designated, not recorded) and
    labelled with its name and focal-point agency. Links among members are counted
    beside the picture, not drawn pair by pair (a network whose members all share one
    agreement would be a complete graph: a hairball that says nothing). When the
    sources record no focal point the picture says so in words.

    With ``ax`` the membership is drawn on it, the legends in a panel to its right, the
    title above and the sources below it; otherwise on a new figure. ``lang`` is the
    language of its words and of States' names (``en``, ``fr``). ``covered`` is the
    network's :func:`~coordgraph.analyses.coverage` on the day, when the caller has it.

    Examples
    --------
    >>> import coordgraph
    >>> G = coordgraph.load("west-africa").to_networkx()
    >>> fig, ax = plot_network(G, network="lutrena", as_of="2019")
    """
    day = day_asked(G.graph, as_of)
    cov = coverage(G, network=network, as_of=day) if covered is None else covered
    codes = sorted(cov.member_codes, key=lambda c: str(cov.members[c]["name"]))
    if not codes:
        raise NothingToDraw(
            f"nothing to draw: network {network} has no members recorded as of {day.isoformat()}"
        )
    n = len(codes)
    rows = -(-n // 2)
    labels = _member_labels(G, cov, codes, TimeRules(G, day), lang)
    half = _network_half_width(labels)
    width, height = (
        2 * half * _NETWORK_SCALE + 3.4,
        max(5.5, rows * (0.46 if n > 20 else 0.55) + 2.1),
    )
    drawing = panels(
        ax,
        (max(width, 9.0), height),
        (0.1 / width, 0.9 / height, 2 * half * _NETWORK_SCALE / width, 1 - 1.9 / height),
        (1 - 3.1 / width, 0.9 / height, 3.0 / width, 1 - 1.9 / height)
        if ax is None
        else (1.01, 0.0, 1 / 3, 1.0),
    )
    ax = drawing.ax
    ax.set_xlim(-half, half)
    ax.set_ylim(-(rows + 1) / 2, (rows + 1) / 2)
    statuses = _draw_members(ax, cov, codes, labels)
    _draw_hub(ax, G, cov, n, lang)
    ax.set_axis_off()
    _network_side(drawing.side, cov, statuses, n, day, lang)
    node = f"{NodeKind.NETWORK}:{network}"
    finish_picture(
        drawing,
        title=dataset_title(G),
        subtitle=say(
            lang,
            "pic.network.subtitle" if cov.complete else "pic.network.subtitle_incomplete",
            network=cov.label,
            n=n,
            day=day.isoformat(),
        ),
        day=day,
        lang=lang,
        G=G,
        records=[node, *(f"{NodeKind.COUNTRY}:{c}" for c in codes)],
        width_chars=160,
    )
    return drawing.fig, drawing.ax
