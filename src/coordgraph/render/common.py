"""What every picture shares: the figure class, title block, footer and text safety.

Every picture is a :class:`Figure` whose ``savefig`` keeps text as text in SVG
(``svg.fonttype: none``) and embeds TrueType fonts in PDF (``pdf.fonttype: 42``), so a
label can be edited in Inkscape or Illustrator and a PDF prints the same everywhere.
Names from datasets are drawn literally: mathtext is switched off on every text, so a
``$`` in a name is a dollar sign, not the start of a formula.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable
from typing import Any, NamedTuple

import matplotlib as mpl
import networkx as nx
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from coordgraph.errors import ExportError
from coordgraph.text.i18n import say

__all__ = [
    "SAVE_RC",
    "NothingToDraw",
    "Panels",
    "PictureFigure",
    "dataset_title",
    "finish",
    "finish_axes",
    "finish_picture",
    "inches",
    "new_figure",
    "panels",
    "source_line",
]

#: rcParams applied whenever a picture is saved.
SAVE_RC = {"svg.fonttype": "none", "pdf.fonttype": 42, "ps.fonttype": 42}


class NothingToDraw(ExportError):
    """The selection leaves nothing to draw (no routes, no members on the date)."""


class PictureFigure(Figure):
    """A matplotlib Figure whose ``savefig`` keeps text editable and fonts embedded."""

    def savefig(self, *args: Any, **kwargs: Any) -> None:
        with mpl.rc_context(SAVE_RC):  # type: ignore[arg-type]
            super().savefig(*args, **kwargs)


def new_figure(size: tuple[float, float]) -> PictureFigure:
    fig = PictureFigure(figsize=size)
    FigureCanvasAgg(fig)  # a canvas without pyplot, so text can be measured
    return fig


class Panels(NamedTuple):
    """Where a picture draws: its figure, the main drawing, the side panel (legends)
    and whether the figure is the picture's own (title and footer on the figure) or the
    caller's (title above and footer below the main drawing)."""

    fig: Figure
    ax: Axes
    side: Axes
    own: bool
    #: on the caller's axes, where the footer starts (a fraction of ``ax``'s height,
    #: below the side panel when that lies under ``ax``)
    footer_y: float = -0.01


Rect = tuple[float, float, float, float]


def panels(ax: Axes | None, size: tuple[float, float], main: Rect, side: Rect) -> Panels:
    """The panels of a picture (osmnx's convention): with ``ax`` None, a new figure of
    ``size`` inches with the main drawing at ``main`` and the side panel at ``side``
    (fractions of the figure); else ``ax`` on its own figure, with the side panel at
    ``side`` given in fractions of ``ax`` (it may lie outside ``ax``, beside it)."""
    if ax is None:
        fig = new_figure(size)
        return Panels(fig, fig.add_axes(main), fig.add_axes(side), True)
    root = ax.get_figure(root=True)
    assert isinstance(root, Figure)
    if not hasattr(root.canvas, "get_renderer"):
        FigureCanvasAgg(root)  # labels are placed by measuring text
    return Panels(root, ax, ax.inset_axes(side), False, min(-0.01, side[1] - 0.01))


def inches(ax: Axes) -> tuple[float, float]:
    """Width and height of ``ax`` in inches."""
    root = ax.get_figure(root=True)
    assert isinstance(root, Figure)
    box = ax.get_position()
    return box.width * root.get_figwidth(), box.height * root.get_figheight()


def dataset_title(G: nx.MultiDiGraph) -> str:
    return str(G.graph.get("title") or G.graph.get("name") or "coordgraph dataset")


def _sources_of(G: nx.MultiDiGraph, records: Iterable[str]) -> list[str]:
    """Source node ids cited by ``records`` (first citation order); a route's citations
    come from the graph's route table."""
    from coordgraph.routes.detail import route_citations

    records = list(records)
    routes = route_citations(G, records)
    out: list[str] = []
    for r in records:
        cited: Iterable[str]
        if r in routes:
            cited = routes[r]
        elif r in G:
            cited = G.nodes[r].get("sources", ()) or ()
        else:
            continue
        for c in cited:
            sid = f"Source:{str(c).partition(':')[0]}"
            if sid not in out:
                out.append(sid)
    return out


def source_line(G: nx.MultiDiGraph, records: Iterable[str], lang: str = "en") -> str:
    """``Sources: Publisher (years: n documents); ...`` for the records drawn."""
    by_publisher: dict[str, list[str]] = {}
    for sid in _sources_of(G, records):
        a = G.nodes[sid] if sid in G else {}
        publisher = str(a.get("publisher") or a.get("author") or a.get("title") or sid)
        date = a.get("date")
        year = str(date)[:4] if date else say(lang, "pic.no_date")
        by_publisher.setdefault(publisher, []).append(year)
    if not by_publisher:
        return say(lang, "pic.sources.none")
    parts = []
    for publisher, years in sorted(by_publisher.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        span = sorted(set(years))
        when = span[0] if len(span) == 1 else f"{span[0]}-{span[-1]}"
        docs = say(lang, "pic.sources.documents", n=len(years)) if len(years) > 1 else ""
        parts.append(f"{publisher} ({when}{docs})")
    return say(lang, "pic.sources", sources="; ".join(parts))


def finish(
    fig: Figure,
    *,
    title: str,
    subtitle: str,
    day: dt.date | None,
    G: nx.MultiDiGraph | None = None,
    records: Iterable[str] = (),
    top: float = 0.985,
    width_chars: int = 190,
    lang: str = "en",
) -> None:
    """Title block at the top, date and sources (with publisher) at the bottom; then
    switch mathtext off on every text of the figure."""
    fig.text(0.5, top, title, ha="center", va="top", fontsize=13, fontweight="bold")
    chars = int(fig.get_figwidth() * 11)
    fig.text(
        0.5,
        top - 0.3 / fig.get_figheight(),
        "\n".join(textwrap.wrap(subtitle, chars)[:2]),
        ha="center",
        va="top",
        fontsize=10,
        color="#333333",
    )
    footer = _footer(day, G, records, width_chars, lang)
    fig.text(0.01, 0.006, footer, fontsize=6.5, color="#555555", va="bottom", ha="left")
    literal_text(fig)


def _footer(
    day: dt.date | None,
    G: nx.MultiDiGraph | None,
    records: Iterable[str],
    width_chars: int,
    lang: str = "en",
) -> str:
    """The date, the sources (with publisher) of what is drawn, and the dataset's name."""
    lines = []
    if G is not None:
        lines = textwrap.wrap(source_line(G, records, lang), width_chars)
        if len(lines) > 3:
            lines = lines[:3]
            lines[-1] = lines[-1][: width_chars - 40] + " " + say(lang, "pic.sources.full_list")
    dated = say(lang, "pic.situation", day=day.isoformat()) + " " if day else ""
    name = str(G.graph.get("name", "")) if G is not None else ""
    lines.append(dated + say(lang, "pic.drawn_by", name=name))
    return "\n".join(lines)


def finish_axes(
    ax: Axes,
    *,
    title: str,
    subtitle: str,
    day: dt.date | None,
    G: nx.MultiDiGraph | None = None,
    records: Iterable[str] = (),
    width_chars: int = 110,
    footer_y: float = -0.01,
    lang: str = "en",
) -> None:
    """:func:`finish` for a picture drawn on the caller's axes: the title block above
    ``ax`` and the footer below it (from ``footer_y``, a fraction of its height), so
    several pictures can share one figure."""
    chars = max(40, int(inches(ax)[0] * 11))
    ax.set_title(
        title + "\n" + "\n".join(textwrap.wrap(subtitle, chars)[:2]), fontsize=9.5, loc="center"
    )
    ax.text(
        0.0,
        footer_y,
        _footer(day, G, records, width_chars, lang),
        transform=ax.transAxes,
        fontsize=6,
        color="#555555",
        va="top",
        ha="left",
    )
    literal_text(ax.get_figure(root=True))  # type: ignore[arg-type]


def finish_picture(panels: Panels, **kwargs: Any) -> None:
    """:func:`finish` on a picture's own figure, :func:`finish_axes` on the caller's
    axes (``top`` only applies to its own figure)."""
    if panels.own:
        finish(panels.fig, **kwargs)
    else:
        kwargs.pop("top", None)
        kwargs.pop("width_chars", None)
        finish_axes(panels.ax, footer_y=panels.footer_y, **kwargs)


def literal_text(fig: Figure) -> None:
    """Draw every text literally (no mathtext): ``$5 fund`` stays ``$5 fund``."""
    for t in fig.findobj(Text):
        assert isinstance(t, Text)
        t.set_parse_math(False)
