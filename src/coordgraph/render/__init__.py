"""Pictures: route flows, maps and focal-point networks as matplotlib (fig, ax)."""

from coordgraph.render.plots import plot_map, plot_network, plot_routes

__all__ = ["plot_map", "plot_network", "plot_routes"]
