"""Pictures in French: every word the picture itself writes (titles, legends, footers,
States' names) comes from the catalogue; names of bodies and agreements stay as recorded."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from matplotlib.figure import Figure
from matplotlib.text import Text

import coordgraph
from coordgraph.cli import cli
from coordgraph.render import plot_map, plot_network, plot_routes

#: English words of the pictures' own text, none of which a French picture may show
_ENGLISH = re.compile(
    r"Route map|Routes by State|Colour and dash|colour and dash|Width:|recorded cases|"
    r"cases not recorded|Situation as of|Drawn by|Sources:|member States|focal point designated|"
    r"not recorded in the sources|Links among|no focal point recorded|in force|pairs\b"
)


@pytest.fixture(scope="module")
def west_africa() -> nx.MultiDiGraph:
    return coordgraph.load("west-africa").to_networkx()


def _texts(fig: Figure) -> str:
    return "\n".join(t.get_text() for t in fig.findobj(Text))


def test_map_in_french(west_africa: nx.MultiDiGraph) -> None:
    text = _texts(plot_map(west_africa, as_of="2019", lang="fr")[0])
    assert "Carte des itinéraires : 35 itinéraires" in text
    assert "Couleur et tirets : lien au" in text and "Épaisseur : cas enregistrés" in text
    assert "Sénégal" in text and "Côte d'Ivoire" in text and "Guinée équatoriale" in text
    assert "Situation au 2019-12-31. Dessiné par coordgraph" in text
    assert not _ENGLISH.search(text), _ENGLISH.search(text)


def test_routes_in_french(west_africa: nx.MultiDiGraph) -> None:
    text = _texts(plot_routes(west_africa, as_of="2019", lang="fr")[0])
    assert "Itinéraires par État d'origine" in text and " cas" in text
    assert not _ENGLISH.search(text), _ENGLISH.search(text)


def test_network_in_french_keeps_the_body_as_recorded(west_africa: nx.MultiDiGraph) -> None:
    text = _texts(plot_network(west_africa, network="lutrena", as_of="2019", lang="fr")[0])
    assert "9 États membres" in text and "Point focal du membre" in text
    assert "aucun point focal enregistré" in text and "Bénin" in text
    # the body's name is data: as the source writes it
    assert "Combating the trafficking of children" in text
    assert not _ENGLISH.search(text), _ENGLISH.search(text)


def test_english_is_the_default(west_africa: nx.MultiDiGraph) -> None:
    text = _texts(plot_map(west_africa, as_of="2019")[0])
    assert "Route map: 35 routes" in text and "Senegal" in text


def test_diagram_command_takes_lang(tmp_path: Path) -> None:
    out = tmp_path / "réseau.png"
    r = CliRunner().invoke(
        cli,
        ["diagram", "network", "west-africa", "--network", "lutrena", "--lang", "fr", "-o", out],
    )
    assert r.exit_code == 0, r.output
    assert out.stat().st_size > 10_000
    bad = CliRunner().invoke(cli, ["diagram", "map", "west-africa", "--lang", "de", "-o", "x.png"])
    assert bad.exit_code == 2 and "'de' is not one of 'en', 'fr'" in bad.output
