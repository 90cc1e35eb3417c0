"""Route flows, maps and focal-point networks, drawn with matplotlib's object API.

Every function takes the graph first, draws on ``ax`` when given (a new figure
otherwise) and returns ``(fig, ax)``; none touches pyplot's global state or shows a
window. Link status comes from :func:`coordgraph.analyses.unlinked_routes`, so a picture
says what the analysis says.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

import networkx as nx
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Polygon

from coordgraph.analyses import coverage, unlinked_routes
from coordgraph.dates import parse_as_of
from coordgraph.findings import Finding, FindingKind, LinkKind
from coordgraph.render.geo import centroid, outline
from coordgraph.time_rules import TimeRules
from coordgraph.vocab import NodeKind, Relation

__all__ = ["STYLES", "plot_map", "plot_network", "plot_routes"]

#: status -> (label, colour, line style)
STYLES: dict[str, tuple[str, str, Any]] = {
    "bilateral_agreement": ("bilateral agreement in force", "#1b7837", "-"),
    "multilateral_agreement": ("multilateral agreement in force", "#5aae61", "-"),
    "focal_point_channel": ("focal-point channel", "#2166ac", "-"),
    "local": ("local link or mechanisms", "#762a83", "-"),
    "none": ("unlinked", "#d6604d", "--"),
    "unresolved": ("end not identified", "#878787", ":"),
}
_LOCAL = {LinkKind.LOCAL_LINK, LinkKind.LOCAL_MECHANISMS, LinkKind.NATIONAL_REFERRAL}


def _status(f: Finding) -> str:
    if f.kind is FindingKind.ROUTE_UNRESOLVED:
        return "unresolved"
    if f.link_kind is None or f.link_kind is LinkKind.NONE:
        return "none"
    if f.link_kind in _LOCAL:
        return "local"
    return str(f.link_kind)


_ORDER = list(STYLES)


def _pair_status(findings: list[Finding]) -> dict[tuple[str, str], str]:
    """The weakest status of each pair of places (a pair unlinked for some victims shows
    as unlinked)."""
    out: dict[tuple[str, str], str] = {}
    for f in findings:
        key = (f.subjects[0], f.subjects[1])
        status = _status(f)
        if key not in out or _ORDER.index(status) > _ORDER.index(out[key]):
            out[key] = status
    return out


def _new_axes(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is not None:
        fig = ax.figure
        assert isinstance(fig, Figure)
        return fig, ax
    fig = Figure(figsize=size, layout="constrained")
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.set(rect=(0, 0.05, 1, 0.95))  # type: ignore[call-arg]  # room for the footer
    return fig, fig.add_subplot()


def _label(G: nx.MultiDiGraph, n: str) -> str:
    return str(G.nodes[n].get("label", n.partition(":")[2]))


def _routes(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    stops: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for u, v, a in G.edges(data=True):
        if a.get("relation") == Relation.ROUTE_STOP:
            stops[u].append((int(a["order"]), v))
    return {r: [v for _, v in sorted(s)] for r, s in stops.items()}


def _legend(ax: Axes, used: Iterable[str], **kwargs: Any) -> None:
    handles = [
        Line2D(
            [0], [0], color=STYLES[s][1], linestyle=STYLES[s][2], linewidth=2, label=STYLES[s][0]
        )
        for s in STYLES
        if s in set(used)
    ]
    if handles:
        ax.legend(
            handles=handles, title="link as of the date", fontsize=8, title_fontsize=8, **kwargs
        )


def _footer(fig: Figure, G: nx.MultiDiGraph, routes: Iterable[str]) -> None:
    cites: list[str] = []
    for r in routes:
        for c in G.nodes[r].get("sources", ()):
            if str(c) not in cites:
                cites.append(str(c))
    if cites:
        text = "Sources: " + ", ".join(cites)
        fig.text(
            0.01,
            0.003,
            "\n".join(textwrap.wrap(text, 180)[:3]),
            fontsize=6,
            color="#555555",
            va="bottom",
            ha="left",
        )


def _select(
    G: nx.MultiDiGraph,
    as_of: dt.date,
    countries: Iterable[str] | None,
    network: str | None,
    children_only: bool,
) -> tuple[dict[str, list[str]], dict[tuple[str, str], str], dict[tuple[str, str], int]]:
    findings = unlinked_routes(
        G, as_of=as_of, countries=countries, network=network, children_only=children_only
    )
    status = _pair_status(findings)
    kept = {r for f in findings for r in f.details["routes"]}
    routes = {r: s for r, s in _routes(G).items() if r in kept}
    volume: dict[tuple[str, str], int] = defaultdict(int)
    for r, stops in routes.items():
        for a, b in pairwise(stops):
            volume[(a, b)] += int(G.nodes[r].get("volume") or 0)
    return routes, status, volume


def plot_routes(
    G: nx.MultiDiGraph,
    *,
    as_of: dt.date | str | None = None,
    countries: Iterable[str] | None = None,
    network: str | None = None,
    children_only: bool = False,
    ax: Axes | None = None,
) -> tuple[Figure, Axes]:
    """Layered flow: origins left, transits middle, destinations right; each leg coloured
    by its link as of ``as_of`` and as wide as its recorded volume.

    Examples
    --------
    >>> import coordgraph
    >>> fig, ax = plot_routes(coordgraph.load().to_networkx(), as_of="2008")
    """
    day = parse_as_of(as_of)
    routes, status, volume = _select(G, day, countries, network, children_only)
    columns: dict[int, set[str]] = defaultdict(set)
    for stops in routes.values():
        last = len(stops) - 1
        for i, s in enumerate(stops):
            columns[0 if i == 0 else 2 if i == last else 1].add(s)
    present = [c for c in (0, 1, 2) if columns[c]]
    rows = max((len(columns[c]) for c in present), default=1)
    fig, ax = _new_axes(ax, (11, max(4.0, 0.42 * rows + 2.2)))
    xs = {c: float(i) for i, c in enumerate(present)}
    pos: dict[tuple[str, int], tuple[float, float]] = {}
    for c in present:
        names = sorted(columns[c], key=lambda n: _label(G, n).lower())
        step = (rows - 1) / max(1, len(names) - 1) if len(names) > 1 else 0
        for i, n in enumerate(names):
            y = (rows - 1) / 2 if len(names) == 1 else rows - 1 - i * step
            pos[(n, c)] = (xs[c], y)
    top = max(volume.values(), default=0)
    used: set[str] = set()
    for stops in routes.values():
        last = len(stops) - 1
        cols = [0 if i == 0 else 2 if i == last else 1 for i in range(len(stops))]
        for i in range(last):
            a, b = stops[i], stops[i + 1]
            s = status.get((a, b), status.get((stops[0], stops[-1]), "none"))
            used.add(s)
            _, color, style = STYLES[s]
            width = 1.2 + (4.0 * volume[(a, b)] / top if top else 0.0)
            (x0, y0), (x1, y1) = pos[(a, cols[i])], pos[(b, cols[i + 1])]
            ax.add_patch(
                FancyArrowPatch(
                    (x0, y0),
                    (x1, y1),
                    arrowstyle="-|>",
                    mutation_scale=12,
                    color=color,
                    linestyle=style,
                    linewidth=width,
                    alpha=0.85,
                    shrinkA=6,
                    shrinkB=6,
                    connectionstyle="arc3,rad=0.04",
                )
            )
    for (n, c), (x, y) in pos.items():
        ha = "right" if c == 0 else "left" if c == 2 else "center"
        dx = -0.03 if c == 0 else 0.03 if c == 2 else 0.0
        ax.plot([x], [y], "o", color="#333333", markersize=5, zorder=3)
        text = _label(G, n)
        ax.text(
            x + dx,
            y + (0.22 if c == 1 else 0),
            text if len(text) <= 42 else text[:40] + "…",
            ha=ha,
            va="center",
            fontsize=8,
            zorder=4,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
        )
    headings = {0: "origin", 1: "transit", 2: "destination"}
    for c in present:
        ax.text(xs[c], rows - 0.2 + 0.6, headings[c], ha="center", fontsize=10, fontweight="bold")
    ax.set_xlim(-1.4, max(xs.values(), default=0) + 1.4)
    ax.set_ylim(-1.0, rows + 0.8)
    ax.set_axis_off()
    title = str(G.graph.get("title") or G.graph.get("name") or "routes")
    ax.set_title(f"{title}\nroutes and their links as of {day.isoformat()}", fontsize=11)
    _legend(ax, used, loc="lower center", bbox_to_anchor=(0.5, -0.02), ncol=3, frameon=False)
    _footer(fig, G, routes)
    return fig, ax


def plot_map(
    G: nx.MultiDiGraph,
    *,
    as_of: dt.date | str | None = None,
    countries: Iterable[str] | None = None,
    network: str | None = None,
    children_only: bool = False,
    ax: Axes | None = None,
) -> tuple[Figure, Axes]:
    """States at their geographic positions (outlines from the countryinfo package), route
    legs as arcs styled by link status; an end that is not identified is drawn as a
    dotted arc to a grey marker beside the known end."""
    day = parse_as_of(as_of)
    routes, status, volume = _select(G, day, countries, network, children_only)
    fig, ax = _new_axes(ax, (11, 7.5))

    def country_of(n: str) -> str:
        if G.nodes[n].get("kind") == NodeKind.AREA:
            for _, t, rel in G.out_edges(n, data="relation"):
                if rel == Relation.LOCATED_IN:
                    return str(t)
        return n

    # on a map an area is drawn at its State: internal legs become loops
    routes = {r: [country_of(n) for n in stops] for r, stops in routes.items()}
    status = {(country_of(a), country_of(b)): v for (a, b), v in status.items()}
    merged: dict[tuple[str, str], int] = defaultdict(int)
    for (a, b), v in volume.items():
        merged[(country_of(a), country_of(b))] += v
    volume = merged

    def where(n: str) -> tuple[float, float] | None:
        if G.nodes[n].get("kind") == NodeKind.COUNTRY:
            return centroid(str(G.nodes[n].get("iso3", n.partition(":")[2])))
        return None

    places = {n for s in routes.values() for n in s}
    located = {n: p for n in places if (p := where(n)) is not None}
    states = {G.nodes[n].get("iso3") for n in places if G.nodes[n].get("kind") == NodeKind.COUNTRY}
    for code in sorted(s for s in states if s):
        for ring in outline(code):
            ax.add_patch(Polygon(ring, closed=True, fc="#f2efe9", ec="#b8b0a2", lw=0.6, zorder=1))
    xs = [p[0] for p in located.values()] or [0.0]
    ys = [p[1] for p in located.values()] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 10.0)
    top = max(volume.values(), default=0)
    used: set[str] = set()
    unresolved_spots: dict[str, tuple[float, float]] = {}
    for stops in routes.values():
        for a, b in pairwise(stops):
            s = status.get((a, b), "none")
            pa, pb = located.get(a), located.get(b)
            if pa is None and pb is None:
                continue
            if pa is None or pb is None:
                s = "unresolved"
                known, unknown = (pb, a) if pa is None else (pa, b)
                assert known is not None
                spot = unresolved_spots.setdefault(
                    unknown,
                    (
                        known[0] + 0.08 * span,
                        known[1] + 0.06 * span * (1 + len(unresolved_spots) % 3),
                    ),
                )
                pa, pb = (spot, known) if pa is None else (known, spot)
            used.add(s)
            _, color, style = STYLES[s]
            width = 1.2 + (4.0 * volume[(a, b)] / top if top else 0.0)
            if pa == pb:
                ax.add_patch(
                    FancyArrowPatch(
                        pa,
                        (pa[0] + 0.02 * span, pa[1] + 0.02 * span),
                        color=color,
                        linestyle=style,
                        linewidth=width,
                        zorder=3,
                        connectionstyle="arc3,rad=1.5",
                        arrowstyle="-|>",
                        mutation_scale=10,
                    )
                )
                continue
            ax.add_patch(
                FancyArrowPatch(
                    pa,
                    pb,
                    arrowstyle="-|>",
                    mutation_scale=12,
                    color=color,
                    linestyle=style,
                    linewidth=width,
                    alpha=0.85,
                    zorder=3,
                    connectionstyle="arc3,rad=0.2",
                )
            )
    placed: list[tuple[float, float, float]] = []
    d = 0.015 * span
    for n, (x, y) in sorted(located.items(), key=lambda kv: (-kv[1][1], kv[1][0])):
        ax.plot([x], [y], "o", color="#333333", markersize=4, zorder=4)
        label = _label(G, n)
        width = 0.011 * span * len(label)
        options = [
            (0.0, d, "center", "bottom"),
            (d, 0.0, "left", "center"),
            (0.0, -d, "center", "top"),
            (-d, 0.0, "right", "center"),
        ]

        def clear(
            ox: float, oy: float, ha: str, x: float = x, y: float = y, width: float = width
        ) -> bool:
            left = x + ox - (width / 2 if ha == "center" else width if ha == "right" else 0)
            return all(
                abs(y + oy - py) > 0.03 * span or left + width < px - pw / 2 or left > px + pw / 2
                for px, py, pw in placed
            )

        ox, oy, ha, va = next((o for o in options if clear(o[0], o[1], o[2])), options[0])
        shift = width / 2 if ha == "left" else -width / 2 if ha == "right" else 0.0
        placed.append((x + ox + shift, y + oy, width))
        ax.text(
            x + ox,
            y + oy,
            label,
            fontsize=7,
            ha=ha,
            va=va,
            zorder=5,
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7},
        )
    for n, (x, y) in unresolved_spots.items():
        ax.plot([x], [y], "s", color=STYLES["unresolved"][1], markersize=6, zorder=4)
        ax.text(
            x,
            y + 0.012 * span,
            _label(G, n),
            fontsize=7,
            ha="center",
            va="bottom",
            color="#555555",
            style="italic",
            zorder=5,
        )
    allx = xs + [p[0] for p in unresolved_spots.values()]
    ally = ys + [p[1] for p in unresolved_spots.values()]
    pad = 0.12 * span
    ax.set_xlim(min(allx) - pad, max(allx) + pad)
    ax.set_ylim(min(ally) - pad, max(ally) + pad)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    title = str(G.graph.get("title") or G.graph.get("name") or "routes")
    ax.set_title(f"{title}\nroute map, links as of {day.isoformat()}", fontsize=11)
    _legend(ax, used, loc="lower left")
    missing = sorted(
        _label(G, n)
        for n in places
        if n not in located and G.nodes[n].get("kind") != NodeKind.UNKNOWN_PLACE
    )
    if missing:
        ax.text(
            0.99,
            0.01,
            "no position for: " + ", ".join(missing),
            transform=ax.transAxes,
            ha="right",
            fontsize=7,
            color="#555555",
        )
    _footer(fig, G, routes)
    return fig, ax


def plot_network(
    G: nx.MultiDiGraph,
    *,
    network: str,
    as_of: dt.date | str | None = None,
    ax: Axes | None = None,
) -> tuple[Figure, Axes]:
    """A regional body's focal-point network: members around a circle with their
    focal-point agencies, links between members coloured by kind; members with no focal
    point in red."""
    day = parse_as_of(as_of)
    cov = coverage(G, network=network, as_of=day)
    codes = list(cov.member_codes)
    fig, ax = _new_axes(ax, (9, 9))
    n = max(1, len(codes))
    pos = {
        c: (
            math.cos(2 * math.pi * i / n + math.pi / 2),
            math.sin(2 * math.pi * i / n + math.pi / 2),
        )
        for i, c in enumerate(codes)
    }
    used: set[str] = set()
    for (a, b), kind in sorted(cov.links.items()):
        s = "local" if kind in _LOCAL else str(kind)
        if s == "none":
            continue
        used.add(s)
        _, color, style = STYLES[s]
        ax.plot(
            [pos[a][0], pos[b][0]],
            [pos[a][1], pos[b][1]],
            color=color,
            linestyle=style,
            lw=1.6,
            alpha=0.8,
            zorder=1,
        )
    node = f"{NodeKind.NETWORK}:{network}"
    rules = TimeRules(G, day)
    for c in codes:
        x, y = pos[c]
        info = cov.members[c]
        ok = info["focal_point"] == "designated"
        ax.plot([x], [y], "o", markersize=14, color="#2166ac" if ok else "#d6604d", zorder=3)
        agencies = [
            _label(G, t)
            for fp in G.successors(f"{NodeKind.COUNTRY}:{c}")
            if G.nodes[fp].get("kind") == NodeKind.FOCAL_POINT
            and node in G.successors(fp)
            # only the designation in effect on the date, not an earlier or later one
            and G.nodes[fp].get("status", "designated") == "designated"
            and rules.exists(fp)
            for t in G.successors(fp)
            if G.nodes[t].get("kind") == NodeKind.AGENCY
        ]
        text = info["name"] + (
            "\n" + "\n".join(textwrap.wrap(agencies[0], 28))
            if agencies
            else f"\nfocal point {info['focal_point']}"
        )
        ax.text(
            x * 1.3,
            y * 1.3,
            text,
            ha="center",
            va="center",
            fontsize=7,
            color="#222222" if ok else "#b2182b",
        )
    ax.set_xlim(-1.7, 1.7)
    ax.set_ylim(-1.7, 1.7)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(
        f"{cov.label}: focal points and links as of {day.isoformat()}\n"
        f"{len(codes)} member States recorded; red = no focal point",
        fontsize=10,
    )
    handles = [
        Line2D([0], [0], marker="o", color="w", markerfacecolor=c, markersize=9, label=t)
        for c, t in (("#2166ac", "focal point designated"), ("#d6604d", "no focal point"))
    ]
    handles += [
        Line2D([0], [0], color=STYLES[s][1], linestyle=STYLES[s][2], label=STYLES[s][0])
        for s in STYLES
        if s in used
    ]
    ax.legend(handles=handles, loc="lower center", fontsize=7, ncol=2, frameon=False)
    return fig, ax
