"""Pictures: route rows, maps, focal-point networks and the timeline, as matplotlib figures."""

from coordgraph.render.common import NothingToDraw, PictureFigure
from coordgraph.render.plots import plot_map, plot_network, plot_routes
from coordgraph.render.timeline import plot_timeline

__all__ = [
    "NothingToDraw",
    "PictureFigure",
    "plot_map",
    "plot_network",
    "plot_routes",
    "plot_timeline",
]
