"""Label placement without overlap, measured in display units.

A greedy placer: labels are taken in order (most important first); for each, candidate
positions around its point are tried at growing distances, and the first whose box
(measured with the renderer, not guessed from the number of characters) meets no placed
label, no point marker and stays inside the axes is kept. A label placed away from its
point gets a thin leader line. The axes must not move after placement (the map uses a
fixed axes rectangle and fixed limits), which is why this is done in display units.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.text import Text
from matplotlib.transforms import Bbox, ScaledTranslation

__all__ = ["LABEL_GID", "Label", "place_labels"]

LABEL_GID = "place-label"

#: Directions tried, in order: right, left, above, below, then the diagonals.
_DIRECTIONS = [0, 180, 90, 270, 45, 135, 315, 225, 20, 160, 340, 200, 67, 113, 293, 247]
_RADII = [5, 9, 15, 24, 36, 50, 66, 85, 110, 140, 175, 215, 260]
#: side of a cell of the grid the placed boxes are filed in (pixels)
_CELL = 48.0
#: past this many labels, one that cannot be placed clear of the others next to its
#: point (no leader line) is left out (the most important come first); the first ones
#: are all placed, as clear as possible
LABEL_LIMIT = 60
#: the farthest a label is placed without a leader line (pixels)
_NEAR = 15
#: the radii tried for a label past the limit: it is kept only this near its point
_CLOSE = [r for r in _RADII if r <= _NEAR]


class _Grid:
    """Placed boxes filed by the grid cells they cover, so that a candidate box is
    tested against the boxes near it only."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        self.boxes: list[Bbox] = []

    @staticmethod
    def _span(b: Bbox) -> tuple[range, range]:
        return (
            range(math.floor(b.x0 / _CELL), math.floor(b.x1 / _CELL) + 1),
            range(math.floor(b.y0 / _CELL), math.floor(b.y1 / _CELL) + 1),
        )

    def add(self, b: Bbox) -> None:
        n = len(self.boxes)
        self.boxes.append(b)
        xs, ys = self._span(b)
        for i in xs:
            for j in ys:
                self.cells[(i, j)].append(n)

    def hits(self, b: Bbox) -> int:
        """How many placed boxes ``b`` overlaps."""
        xs, ys = self._span(b)
        near: set[int] = set()
        for i in xs:
            for j in ys:
                near.update(self.cells.get((i, j), ()))
        return sum(1 for n in near if b.overlaps(self.boxes[n]))


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    weight: str = "normal"
    color: str = "#222222"
    prefer: float | None = None  # direction (degrees) to try first, e.g. away from a centre


def _box(cx: float, cy: float, w: float, h: float, angle: float, r: float) -> Bbox:
    """The label's box when placed at distance ``r`` (pixels) in direction ``angle``."""
    dx, dy = r * math.cos(math.radians(angle)), r * math.sin(math.radians(angle))
    x0 = cx + dx - (w / 2) * (1 - _sgn(dx))  # right of the point: box starts at the point
    y0 = cy + dy - (h / 2) * (1 - _sgn(dy))
    return Bbox.from_bounds(x0, y0, w, h)


def _sgn(v: float, eps: float = 1e-6) -> float:
    return 1.0 if v > eps else -1.0 if v < -eps else 0.0


def _search(
    cx: float,
    cy: float,
    w: float,
    h: float,
    prefer: float | None,
    frame: Bbox,
    taken: _Grid,
    radii: list[int] = _RADII,
) -> tuple[tuple[Bbox, float, float] | None, tuple[int, Bbox, float, float] | None]:
    """The first box of ``w`` x ``h`` display pixels around the point (``cx``, ``cy``),
    nearest radius first (of ``radii``), inside ``frame`` and clear of every box taken:
    (box, angle, radius), or None; and the inside box that hit fewest taken boxes (hits
    first). Directions are the eight compass points, or near ``prefer`` (degrees) first."""
    best: tuple[int, Bbox, float, float] | None = None
    passes: list[list[float]] = [[float(a) for a in _DIRECTIONS]]
    if prefer is not None:
        p = prefer
        near = [p] + [p + sign * d for d in (15, 30, 50, 70) for sign in (1, -1)]
        passes = [near, [p + d for d in range(0, 360, 15)]]
    for directions in passes:
        for radius in radii:
            for angle in directions:
                b = _box(cx, cy, w, h, angle, radius)
                inside = (
                    b.x0 >= frame.x0 and b.x1 <= frame.x1 and b.y0 >= frame.y0 and b.y1 <= frame.y1
                )
                hits = taken.hits(b) if inside else 0
                if inside and hits == 0:
                    return (b, angle, radius), best
                if inside and (best is None or hits < best[0]):
                    best = (hits, b, angle, radius)
    return None, best


def place_labels(
    ax: Axes,
    labels: list[Label],
    *,
    obstacles: list[tuple[float, float]] = (),  # type: ignore[assignment]
    fontsize: float = 7.5,
    marker_px: float = 7.0,
    limit: int = LABEL_LIMIT,
) -> list[Text]:
    """Place ``labels`` on ``ax`` without overlap; returns the Text artists (gid
    ``place-label``). Past the first ``limit`` labels, one with no position clear of
    the others next to its point is left out."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    frame = ax.get_window_extent(renderer)
    pad = 2.0
    taken = _Grid()
    for ox, oy in obstacles:
        px, py = ax.transData.transform((ox, oy))
        taken.add(Bbox.from_bounds(px - marker_px / 2, py - marker_px / 2, marker_px, marker_px))
    out: list[Text] = []
    for rank, lab in enumerate(labels):
        probe = ax.text(
            0,
            0,
            lab.text,
            fontsize=fontsize,
            fontweight=lab.weight,
            ha="center",
            multialignment="center",
        )
        probe.set_parse_math(False)
        ext = probe.get_window_extent(renderer)
        probe.remove()
        w, h = ext.width + 2 * pad, ext.height + 2 * pad
        cx, cy = ax.transData.transform((lab.x, lab.y))
        # past the limit only a box next to the point is kept: with one pass of
        # directions (no preferred one), the search need not look farther
        capped = rank >= limit and lab.prefer is None
        chosen, best = _search(cx, cy, w, h, lab.prefer, frame, taken, _CLOSE if capped else _RADII)
        if rank >= limit and (chosen is None or chosen[2] > _NEAR):
            continue
        if chosen is None:
            if best is None:
                b = _box(cx, cy, w, h, 0, _RADII[0])
                chosen = (b, 0.0, _RADII[0])
            else:
                chosen = (best[1], best[2], best[3])
        b, _, r = chosen
        taken.add(b)
        # draw the text at the box's centre, in display offset from the data point
        bx, by = (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2
        dpi = fig.dpi
        offset = ScaledTranslation((bx - cx) / dpi, (by - cy) / dpi, fig.dpi_scale_trans)
        t = ax.text(
            lab.x,
            lab.y,
            lab.text,
            fontsize=fontsize,
            fontweight=lab.weight,
            color=lab.color,
            ha="center",
            va="center",
            multialignment="center",
            transform=ax.transData + offset,
            zorder=6,
            gid=LABEL_GID,
            bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.75},
        )
        t.set_parse_math(False)
        out.append(t)
        if r > _NEAR:
            # a leader from the point to the nearest edge of the box
            ex = min(max(cx, b.x0), b.x1)
            ey = min(max(cy, b.y0), b.y1)
            inv = ax.transData.inverted()
            (x0, y0), (x1, y1) = inv.transform((cx, cy)), inv.transform((ex, ey))
            ax.plot([x0, x1], [y0, y1], color="#777777", lw=0.6, zorder=5)
    return out
