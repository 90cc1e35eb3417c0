"""The explorer: one offline HTML file whose findings are the library's, per date."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from coordgraph import load
from coordgraph.analyses import find_gaps
from coordgraph.cli import cli
from coordgraph.dataset import Dataset
from coordgraph.explorer import explorer_data, explorer_html, steps_for
from coordgraph.explorer.data import DATE_MARK, finding_text
from coordgraph.model import (
    Agreement,
    CountryInfo,
    DatasetInfo,
    FocalPoint,
    Membership,
    Network,
    Party,
    Route,
    Source,
)


def linked_from_2007(label: str = "Albania") -> nx.MultiDiGraph:
    """ALB -> GRC is linked from March 2007 (agreement in force); ALB -> ITA never is."""
    records = [
        Source(id="s", title="A study", date="2004"),
        CountryInfo(id="ALB", name=label),
        CountryInfo(id="GRC"),
        CountryInfo(id="ITA"),
        Agreement(
            id="alb-grc",
            name="ALB-GRC agreement",
            type="bilateral",
            scope="children",
            parties=[Party(country="ALB"), Party(country="GRC")],
            signed="2006-02",
            in_force="2007-03",
            sources=["s"],
        ),
        Network(
            id="net",
            name="A network",
            members=[Membership(country="ALB", joined="2005"), Membership(country="ITA")],
            requires_focal_point=True,
            sources=["s"],
        ),
        FocalPoint(id="ita-fp", country="ITA", network="net", valid_from="2009", sources=["s"]),
        Route(id="alb-grc", origin="ALB", destination="GRC", victims=["children"], sources=["s"]),
        Route(id="alb-ita", origin="ALB", destination="ITA", victims=["children"], sources=["s"]),
    ]
    return Dataset.from_records(DatasetInfo(name="tiny", title="Tiny"), records).to_networkx()


def _payload(page: str) -> dict[str, Any]:
    match = re.search(r'id="coordgraph-data">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def test_steps_are_the_years_in_the_data_up_to_the_date():
    import datetime as dt

    G = linked_from_2007()
    labels = [label for label, _ in steps_for(G, dt.date(2010, 12, 31))]
    assert labels == ["2004", "2005", "2006", "2007", "2009", "2010"]
    labels = [label for label, _ in steps_for(G, dt.date(2008, 7, 15))]
    assert labels == ["2004", "2005", "2006", "2007", "2008-07-15"]


def test_every_step_holds_exactly_the_findings_of_the_library():
    G = linked_from_2007()
    data = explorer_data(G, as_of="2010")
    assert data["steps"]
    for step in data["steps"]:
        day = step["as_of"]

        def shown(ids: list[int], day: str = day) -> list[list[str]]:
            return sorted(finding_text(data["findings"][i], day) for i in ids)

        assert shown(step["findings"]) == sorted(
            [f.message, *f.near_misses] for f in find_gaps(G, as_of=day)
        )
        assert shown(step["networks"]["net"]) == sorted(
            [f.message, *f.near_misses] for f in find_gaps(G, as_of=day, network="net")
        )
    # a finding repeated year after year, its date aside, is stored once
    stored = [f["message"] for f in data["findings"]]
    assert len(stored) == len(set(stored))
    assert any(DATE_MARK in m for m in stored)
    by_year = {s["label"]: s for s in data["steps"]}

    def status(year: str) -> str:
        for i in by_year[year]["findings"]:
            f = data["findings"][i]
            if f["subjects"] == ["Country:ALB", "Country:GRC"] and f["link_status"]:
                return str(f["link_status"])
        raise AssertionError(year)

    assert status("2006") == "unlinked"
    assert status("2007") == "linked"


def test_page_is_self_contained_and_names_cannot_break_out():
    nasty = "</script><script>alert(1)</script><!-- x"
    page = explorer_html(linked_from_2007(label=nasty), as_of="2010")
    # three inline scripts (plotly.js, the data, the page's own) that only their own end
    # tags close, and nothing loaded from elsewhere
    assert page.lower().count("</script") == 3
    assert "<!--" not in page
    markup = re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.S | re.I)
    assert not re.search(r"https?:|//", markup), "the page's markup refers to the network"
    assert "<link" not in markup.lower()
    assert "@import" not in markup
    data = _payload(page)
    assert data["labels"]["Country:ALB"] == nasty


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _run_chromium(url: str, tmp_path: Path, *extra: str, size: str = "1400,850") -> str:
    """Headless Chromium with every network request sent to a closed local port."""
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    result = subprocess.run(
        [
            str(_chromium()),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--proxy-server=127.0.0.1:9",
            f"--user-data-dir={profile}",
            f"--window-size={size}",
            "--hide-scrollbars",
            "--virtual-time-budget=10000",
            *extra,
            url,
        ],
        check=True,
        timeout=180,
        capture_output=True,
        text=True,
    )
    return result.stdout


def _page_requests(netlog: Path) -> list[str]:
    """URLs the page itself asked the network for (the browser's own background requests,
    whose initiator is "not an origin", are not the page's)."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    urls = []
    for event in log["events"]:
        params = event.get("params") or {}
        if (
            names.get(event["type"]) == "URL_REQUEST_START_JOB"
            and "url" in params
            and params.get("initiator") != "not an origin"
        ):
            urls.append(params["url"])
    return urls


needs_chromium = pytest.mark.skipif(
    _chromium() is None, reason="no chromium binary (CI installs Debian's)"
)


@pytest.mark.browser
@needs_chromium
def test_request_check_catches_a_page_that_uses_the_network(tmp_path: Path):
    probe = tmp_path / "probe.html"
    probe.write_text('<img src="http://probe.invalid/a.png">', encoding="utf-8")
    netlog = tmp_path / "net.json"
    _run_chromium(probe.as_uri(), tmp_path, f"--log-net-log={netlog}", "--dump-dom")
    assert "http://probe.invalid/a.png" in _page_requests(netlog)


@pytest.mark.browser
@needs_chromium
def test_explorer_renders_offline_and_the_slider_changes_the_state(tmp_path: Path):
    import numpy as np
    from matplotlib.image import imread

    page = tmp_path / "explorer.html"
    page.write_text(explorer_html(linked_from_2007(), as_of="2010"), encoding="utf-8")
    netlog = tmp_path / "net.json"
    doms = {}
    for year in ("2006", "2009"):
        doms[year] = _run_chromium(
            f"{page.as_uri()}#year={year}", tmp_path, f"--log-net-log={netlog}", "--dump-dom"
        )
        assert not [u for u in _page_requests(netlog) if not u.startswith("file:")]
    for year, dom in doms.items():
        assert 'data-ready="true"' in dom, "the page's script did not finish"
        assert f'data-year="{year}"' in dom
        assert f'<span id="asof">{year}-12-31</span>' in dom
        assert 'class="main-svg"' in dom, "plotly drew nothing"
    assert "linked as of 2009-12-31" in doms["2009"]
    assert "Albania -&gt; Greece (1 route) has no link as of 2006-12-31" in doms["2006"]

    shots = {}
    for year in ("2006", "2009"):
        shot = tmp_path / f"shot-{year}.png"
        _run_chromium(f"{page.as_uri()}#year={year}", tmp_path, f"--screenshot={shot}")
        shots[year] = imread(shot)
    a, b = shots["2006"], shots["2009"]
    assert a.shape == b.shape
    colours = np.unique(a.reshape(-1, a.shape[-1])[::53], axis=0)
    assert len(colours) > 20, "the screenshot is blank"
    changed = np.abs(a.astype(float) - b.astype(float)).sum(axis=-1) > 0.05
    assert changed.mean() > 0.002, "moving the slider changed nothing on screen"


@pytest.mark.browser
@needs_chromium
def test_a_click_on_a_finding_shows_its_evidence(tmp_path: Path):
    G = linked_from_2007()
    data = explorer_data(G, as_of="2010")
    last = data["steps"][-1]
    pair = ["Country:ALB", "Country:GRC"]
    (index,) = [
        i
        for i in last["findings"]
        if data["findings"][i]["subjects"] == pair and data["findings"][i]["link_status"]
    ]
    page = tmp_path / "explorer.html"
    page.write_text(explorer_html(G, as_of="2010"), encoding="utf-8")
    dom = _run_chromium(f"{page.as_uri()}#year=2010&finding={index}", tmp_path, "--dump-dom")
    assert 'class="finding sev-info selected"' in dom
    assert "Evidence: ALB-GRC agreement" in dom
    assert "Routes: " in dom


def test_cli_explore_writes_one_file_and_checks_the_date(tmp_path: Path):
    out = tmp_path / "e.html"
    r = CliRunner().invoke(cli, ["explore", "--as-of", "2008", "-o", str(out)])
    assert r.exit_code == 0, r.output
    data = _payload(out.read_text(encoding="utf-8"))
    assert data["steps"][-1]["label"] == "2008"
    assert [p.name for p in tmp_path.iterdir()] == ["e.html"]
    r = CliRunner().invoke(cli, ["explore", "--as-of", "2008-02-30", "-o", str(out)])
    assert r.exit_code == 2
    assert "--as-of" in r.output


@pytest.mark.parametrize("name", ["west-africa", "europe"])
def test_network_findings_are_those_find_gaps_gives_for_the_network(name: str):
    """Each step runs the analyses once and takes each network's findings from them;
    they are exactly what ``find_gaps(..., network=)`` gives, in its order."""
    G = load(name).only_verified().to_networkx()
    data = explorer_data(G, as_of="2024-06-30")
    checked = 0
    for step in data["steps"][-6:]:
        day = step["as_of"]
        for net, indices in step["networks"].items():
            want = [
                (str(f.kind), f.rule, list(f.subjects), [f.message, *f.near_misses])
                for f in find_gaps(G, as_of=day, network=net)
            ]
            got = [
                (x["kind"], x["rule"], x["subjects"], finding_text(x, day))
                for x in (data["findings"][i] for i in indices)
            ]
            assert got == want, (day, net)
            checked += len(want)
    assert checked


@pytest.mark.parametrize("name", ["west-africa", "europe"])
def test_every_stored_finding_of_every_list_is_the_one_find_gaps_gives(name: str):
    """Each finding is keyed once per step and its index reused by every network's list:
    at every step, the step's list and each network's are, item for item and field for
    field, what the page stores for ``find_gaps`` on that day (with ``network=``)."""
    from coordgraph.explorer.data import _finding

    G = load(name).only_verified().to_networkx()
    data = explorer_data(G, as_of="2024-06-30")
    lists = 0
    for step in data["steps"][-10:]:
        day = step["as_of"]
        for net, indices in [(None, step["findings"]), *step["networks"].items()]:
            want = [_finding(G, f, day) for f in find_gaps(G, as_of=day, network=net)]
            assert [data["findings"][i] for i in indices] == want, (day, net)
            lists += 1
    assert data["networks"] and lists == 10 * (1 + len(data["networks"]))


def test_basemap_and_names_not_codes():
    """Issue 27: every country in view is drawn (not only the dataset's), with names;
    the network panel names agreements and networks, never by id."""
    G = load("west-africa").to_networkx()
    data = explorer_data(G, as_of="2019")
    ours = {c["iso3"] for c in data["countries"]}
    around = {c["iso3"]: c["label"] for c in data["basemap"]}
    assert {"MRT", "DZA"} <= set(around) - ours  # Mauritania, Algeria: context only
    assert around["DZA"] == "Algeria"
    x0, y0, x1, y1 = data["view"]
    assert 1.3 < (x1 - x0) / (y1 - y0) < 1.5  # the shape of the map panel
    nodes = {n["id"]: n for n in data["network"]["nodes"]}
    for node in nodes.values():
        if node["kind"] in ("Agreement", "Network"):
            assert node["label"] != node["id"].partition(":")[2], node
    assert nodes["Network:lutrena"]["label"] == "LUTRENA"
    # the membership layout: States on a circle, bodies inside it
    states = [n for n in nodes.values() if n["kind"] == "Country"]
    assert all(abs((n["x"] ** 2 + n["y"] ** 2) ** 0.5 - 1) < 0.01 for n in states)
    bodies = [n for n in nodes.values() if n["kind"] in ("Agreement", "Network")]
    assert all((n["x"] ** 2 + n["y"] ** 2) ** 0.5 < 1 for n in bodies)


def test_the_network_panel_draws_the_states_of_the_data_and_counts_the_others():
    """#25 item 4: with the reference layer included, the panel drew every party to the
    Palermo protocol (187 States); it draws the States the data is about and keeps, per
    body, the spells of the others, so the page says how many it has on the day."""
    G = load("europe").to_networkx()
    data = explorer_data(G, as_of="2013")
    nodes = {n["id"]: n for n in data["network"]["nodes"]}
    drawn = {n for n, node in nodes.items() if node["kind"] == "Country"}
    assert drawn <= {c["id"] for c in data["countries"]}  # the States of the data
    assert "Country:JPN" not in drawn and {"Country:MDA", "Country:PRT"} <= drawn
    assert all({e["u"], e["v"]} <= set(nodes) for e in data["network"]["edges"])
    palermo = nodes["Agreement:palermo-protocol"]
    parties = [u for u, _ in G.in_edges("Agreement:palermo-protocol")]
    assert len(palermo["more"]) == sum(1 for u in parties if u not in drawn)
    # a spell is [first day, last day] as the timeline reads it: Japan's from 2017
    assert ["2017-07-11", None] in palermo["more"]
    assert "{n}" in data["words"]["ex.more_members"]


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("size", ["1400,900", "1400,2000"])
def test_a_year_with_no_step_opens_the_nearest_and_says_so(tmp_path: Path, size: str):
    """Issue 27: west-africa has no step in 2020; #year=2020 shows 2019 with a note; the
    map keeps its shape at any window height."""
    page = tmp_path / "explorer.html"
    # the file as written: the reference layer it includes has dates in 2020 (Nepal's
    # accession to the Palermo protocol), which would give 2020 a step
    own = load("west-africa").own()
    page.write_text(explorer_html(own.to_networkx(), as_of="2023"), "utf-8")
    assert "2020" not in [s["label"] for s in _payload(page.read_text("utf-8"))["steps"]]
    dom = _run_chromium(f"{page.as_uri()}#year=2020", tmp_path, "--dump-dom", size=size)
    assert 'data-ready="true"' in dom
    assert 'data-year="2019"' in dom
    assert "Nothing changes in 2020 in this dataset, so it has no step: showing 2019" in dom
    assert dom.count('class="annotation-arrow-g"') >= 20  # an arrowhead per route pair
    assert ">Benin<" in dom and ">BEN<" not in dom  # names, not codes
    (found,) = re.findall(r'data-map-size="(\d+)x(\d+)"', dom)
    width, height = int(found[0]), int(found[1])
    assert width > 400 and abs(width / height - 4 / 3) < 0.05, found
    shot = tmp_path / "shot.png"
    _run_chromium(f"{page.as_uri()}#year=2020", tmp_path, f"--screenshot={shot}", size=size)
    assert shot.stat().st_size > 20000


@pytest.mark.browser
@needs_chromium
def test_an_empty_panel_explains_itself(tmp_path: Path):
    """Before anything is recorded, the panels say why they are empty."""
    records = [
        Source(id="s", title="A study", date="2004"),
        CountryInfo(id="ALB"),
        Network(id="net", name="A network", valid_from="2005", sources=["s"]),
    ]
    G = Dataset.from_records(DatasetInfo(name="empty", title="Empty"), records).to_networkx()
    page = tmp_path / "explorer.html"
    page.write_text(explorer_html(G, as_of="2010"), encoding="utf-8")
    dom = _run_chromium(f"{page.as_uri()}#year=2010", tmp_path, "--dump-dom")
    assert 'data-ready="true"' in dom
    text = " ".join(re.sub(r"<[^>]+>", " ", dom).split())
    assert "No route pair recorded as of" in text
    assert "a gap in the data, not evidence that none exist" in text


def test_names_in_the_page_are_not_read_as_plotly_markup():
    """Plotly reads a few HTML tags in its texts: the page escapes what the data holds."""
    script = Path(__file__).resolve().parents[2] / "src/coordgraph/explorer/explorer.js"
    text = script.read_text(encoding="utf-8")
    assert "function inert(text)" in text
    for field in ("text: pts.map", "hovertext: pts.map", "hovertext: ns.map"):
        line = next(ln for ln in text.splitlines() if field in ln)
        assert "inert(" in line, line


def test_explorer_in_french_keeps_the_data_as_recorded():
    """Issue 27: --lang fr: the page's words, the findings' messages and the countries'
    names in French; the names of agreements and places as the sources wrote them."""
    G = load("west-africa").to_networkx()
    data = explorer_data(G, as_of="2019", lang="fr")
    assert data["words"]["ex.as_of"] == "Au"
    assert data["words"]["kind.route_unlinked"] == "Couples origine-destination sans lien"
    assert data["words"]["severity.medium"] == "moyenne"
    names = {c["iso3"]: c["label"] for c in data["countries"]}
    assert names["SEN"] == "Sénégal" and names["GNQ"] == "Guinée équatoriale"
    messages = " ".join(f["message"] for f in data["findings"])
    assert "aucun lien au" in messages and "has no link" not in messages
    assert "Multilateral Cooperation Agreement to Combat Child Trafficking" in messages
    page = explorer_html(G, as_of="2019", lang="fr")
    assert "<html lang='fr'>" in page and ">Réseau</label>" in page
    english = explorer_data(G, as_of="2019")
    assert english["words"]["ex.as_of"] == "As of"
    assert "has no link as of" in " ".join(f["message"] for f in english["findings"])


@pytest.mark.browser
@needs_chromium
def test_french_explorer_says_its_notes_in_french(tmp_path: Path):
    page = tmp_path / "explorateur.html"
    # the file as written, without the reference layer's steps (2020 has one there)
    G = load("west-africa").own().to_networkx()
    page.write_text(explorer_html(G, as_of="2023", lang="fr"), "utf-8")
    dom = _run_chromium(f"{page.as_uri()}#year=2020&finding=3", tmp_path, "--dump-dom")
    assert 'data-year="2019"' in dom
    assert "Rien ne change en 2020 dans ce jeu de données" in dom
    assert ">Sénégal<" in dom and "Constats : " in dom
    assert "Nothing changes" not in dom and "Findings:" not in dom


def test_each_step_holds_the_report_table_of_expected_structures_per_state():
    """Issue 26: the explorer has the report's expected-vs-present table, per State and
    per step, in the page's language; a row is stored once."""
    from coordgraph.analyses import structure_gaps
    from coordgraph.text.tables import expected_rows  # the report's rows

    G = load("ecpat-2008").to_networkx()
    for lang in ("en", "fr"):
        data = explorer_data(G, lang=lang)
        rows = data["expected_rows"]
        assert len({tuple(r) for r in rows}) == len(rows)
        last = data["steps"][-1]
        day = last["as_of"]
        want = expected_rows(G, structure_gaps(G, as_of=day), lang)
        got = {s: [tuple(rows[i][:3]) for i in ids] for s, ids in last["expected"].items()}
        assert got == want
        romania = [rows[i] for i in last["expected"]["ROU"]]
        assert sum(r[3] for r in romania) == len(romania)  # all missing, none present
        word = "not working" if lang == "en" else "ne fonctionne pas"
        assert [r[1] for r in romania].count(word) == 3


@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_state_chosen_shows_what_it_is_expected_to_have(tmp_path: Path, lang: str):
    page = tmp_path / "e.html"
    r = CliRunner().invoke(cli, ["explore", "ecpat-2008", "--lang", lang, "-o", str(page)])
    assert r.exit_code == 0, r.output
    dom = _run_chromium(f"{page.as_uri()}#year=2008-07-31&state=ROU", tmp_path, "--dump-dom")
    section = dom[dom.index('id="expected"') : dom.index("</section>")]
    title = "Expected structures: Romania" if lang == "en" else "Structures attendues : Roumanie"
    assert title in section
    assert section.count("<tr") == 1 + int(re.search(r'data-expected="(\d+)"', dom).group(1))
    assert "Victim referral system (Romania)" in section
    none = _run_chromium(f"{page.as_uri()}#year=2008-07-31", tmp_path, "--dump-dom")
    hint = "Choose a State" if lang == "en" else "Choisissez un État"
    assert hint in none[none.index('id="expected"') :]
