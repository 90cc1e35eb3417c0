"""Regenerate every picture in the README and docs from the bundled datasets.

Run: python examples/make_figures.py   (writes docs/images/*.png)
"""

from __future__ import annotations

from pathlib import Path

import coordgraph
from coordgraph.render import plot_map, plot_network, plot_routes

OUT = Path(__file__).resolve().parent.parent / "docs" / "images"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    default = coordgraph.load()
    verified = default.only_verified().to_networkx()
    west = coordgraph.load("west-africa").only_verified().to_networkx()
    europe = coordgraph.load("europe").only_verified().to_networkx()
    figures = {
        "routes-2008.png": plot_routes(verified, as_of="2008-07")[0],
        "map-2008.png": plot_map(verified, as_of="2008-07")[0],
        "west-africa-routes-2019.png": plot_routes(west, as_of="2019")[0],
        "west-africa-map-2019.png": plot_map(west, as_of="2019")[0],
        "rcm-network-2008.png": plot_network(default.to_networkx(), network="rcm", as_of="2008")[0],
        "europe-nrem-2013.png": plot_network(europe, network="eu-nrem", as_of="2013")[0],
        "europe-nrem-2023.png": plot_network(europe, network="eu-nrem", as_of="2023")[0],
    }
    for name, fig in figures.items():
        fig.savefig(OUT / name, dpi=100)
        print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
