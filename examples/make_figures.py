"""Regenerate every picture in the README and docs from the bundled datasets, for each
dataset at two dates.

Run: python examples/make_figures.py   (writes docs/images/*.png)
"""

from __future__ import annotations

from pathlib import Path

import coordgraph
from coordgraph.planning import timeline
from coordgraph.render import plot_map, plot_network, plot_routes, plot_timeline
from coordgraph.render.timeline import data_years

OUT = Path(__file__).resolve().parent.parent / "docs" / "images"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    ecpat = coordgraph.load()
    west = coordgraph.load("west-africa")
    europe = coordgraph.load("europe").only_verified().to_networkx()
    e, w = ecpat.only_verified().to_networkx(), west.only_verified().to_networkx()
    figures = {
        # the 2008 thematic paper at its publication, and with the later reports
        "map-2008.png": lambda: plot_map(e, as_of="2008-07"),
        "map-2022.png": lambda: plot_map(e, as_of="2022"),
        "routes-2008.png": lambda: plot_routes(e, as_of="2008-07"),
        "routes-2022.png": lambda: plot_routes(e, as_of="2022"),
        "rcm-network-2008.png": lambda: plot_network(
            ecpat.to_networkx(), network="rcm", as_of="2008"
        ),
        "ypp-network-2008.png": lambda: plot_network(e, network="ypp", as_of="2008"),
        # West and Central Africa: 2009 and 2019
        "west-africa-map-2009.png": lambda: plot_map(w, as_of="2009"),
        "west-africa-map-2019.png": lambda: plot_map(w, as_of="2019"),
        "west-africa-routes-2009.png": lambda: plot_routes(w, as_of="2009"),
        "west-africa-routes-2019.png": lambda: plot_routes(w, as_of="2019"),
        "lutrena-network-2009.png": lambda: plot_network(w, network="lutrena", as_of="2009"),
        "lutrena-network-2019.png": lambda: plot_network(w, network="lutrena", as_of="2019"),
        # Europe: the EU network of national rapporteurs before and after Croatia's accession
        "europe-nrem-2013.png": lambda: plot_network(europe, network="eu-nrem", as_of="2013"),
        "europe-nrem-2023.png": lambda: plot_network(europe, network="eu-nrem", as_of="2023"),
    }
    span = data_years(west)
    assert span is not None
    figures["timeline.png"] = lambda: plot_timeline(
        timeline(west, start=span[0], end=2023), dataset=west
    )
    espan = data_years(ecpat)
    assert espan is not None
    figures["timeline-ecpat-2008.png"] = lambda: plot_timeline(
        timeline(ecpat, start=espan[0], end=2008), dataset=ecpat
    )
    for name, draw in figures.items():
        fig, _ = draw()
        fig.savefig(OUT / name, dpi=100)
        print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
