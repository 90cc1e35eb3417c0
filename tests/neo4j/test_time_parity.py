"""The date, evidence and verification rules give the same findings from the server.

One dataset holds every case of tests/analyses/test_time_rules.py (each on its own pair
of States); it is loaded into a real FalkorDB and the findings read back are compared
with the in-memory ones on both sides of every boundary, for each ``--undated`` choice
and each set of verification levels.
"""

from __future__ import annotations

import pytest

from coordgraph.analyses import coverage, find_gaps
from coordgraph.dataset import Dataset
from coordgraph.model import (
    ActionPlan,
    Agency,
    Agreement,
    Area,
    DatasetInfo,
    FocalPoint,
    Mechanism,
    Network,
    OwnProfile,
    Route,
    Source,
)
from coordgraph.neo4j import gaps_from_server, graph_from_server, load_graph
from coordgraph.verification import keep_levels

pytestmark = pytest.mark.server


def _body(id_, **kw):
    kw.setdefault("type", "coordinating_body")
    kw.setdefault("level", "national")
    kw.setdefault("scope", ["trafficking_in_persons"])
    return Mechanism(id=id_, **kw)


def cases() -> Dataset:
    records = [
        Source(id="s2005", title="Test source dated 2005", date="2005"),
        Source(id="s2008", title="Test source dated 2008", date="2008-07"),
        Source(id="snone", title="Test source with no date"),
        Source(id="late", title="Undated, cites 2021 documents", not_before="2021-04"),
        # undated agreement, attested 2005
        Route(id="r1", origin="FRA", destination="DEU", victims="children", valid_from="2000"),
        Agreement(
            id="undated",
            type="bilateral",
            parties=["FRA", "DEU"],
            scope="all_persons",
            sources=["s2008", "s2005"],
        ),
        # agreement with no dated source
        Route(id="r2", origin="FRA", destination="ITA", victims="children", valid_from="2000"),
        Agreement(
            id="nodate",
            type="bilateral",
            parties=["FRA", "ITA"],
            scope="all_persons",
            sources=["snone"],
        ),
        # not in force on 2008-07; draft 2017-04
        Route(id="r3", origin="ALB", destination="GRC", victims="girls", valid_from="2003"),
        Agreement(
            id="obs",
            type="bilateral",
            parties=["ALB", "GRC"],
            scope="children",
            signed="2006-02",
            not_in_force_on="2008-07",
        ),
        Route(id="r4", origin="BEN", destination="TGO", victims="boys", sources=["s2008"]),
        Agreement(
            id="draft",
            type="bilateral",
            parties=["BEN", "TGO"],
            scope="children",
            status="draft",
            drafted="2017-04",
        ),
        # joint commission meetings: possibly dormant past the horizon (#24)
        Route(id="r9", origin="MLI", destination="GIN", victims="children", valid_from="2005"),
        Agreement(
            id="met",
            type="bilateral",
            parties=["MLI", "GIN"],
            scope="children",
            signed="2005-06-16",
            meetings=["2006", "2008", "2010"],
        ),
        # party dates and a network joined late
        Route(id="r5", origin="ESP", destination="PRT", victims="children", valid_from="2000"),
        Network(
            id="net",
            type="intergovernmental",
            members=[{"country": "ESP"}, {"country": "PRT", "joined": "2010"}],
        ),
        Agreement(
            id="conv",
            type="multilateral",
            scope="all_persons",
            in_force="2005",
            network="net",
            parties=[
                {"country": "ESP", "ratified": "2004"},
                {"country": "PRT", "signed": "2005", "ratified": "2010", "withdrawn": "2015"},
            ],
        ),
        # a possible link (parties not recorded) and a project that is no channel
        Route(id="r6", origin="NPL", destination="IND", victims="girls", sources=["s2005"]),
        Network(id="region", type="intergovernmental", members=["NPL", "IND"]),
        Agreement(
            id="regional",
            type="multilateral",
            scope="women_and_children",
            signed="2002",
            network="region",
            parties_complete=False,
        ),
        Network(id="project", type="programme", members=["NPL", "IND"]),
        Agency(id="npl-agency", country="NPL"),
        FocalPoint(id="fp-npl", country="NPL", agency="npl-agency", network="project"),
        # a route whose period ended, a route known only from a late undated source
        Route(
            id="r7",
            origin="MDA",
            destination="RUS",
            victims="children",
            valid_from="2003",
            valid_to="2004",
        ),
        Route(id="r8", origin="PHL", destination="USA", victims="children", sources=["late"]),
        # disputed and unverified routes
        Route(
            id="r9",
            origin="MDA",
            destination="TUR",
            victims="girls",
            valid_from="2005",
            verification="disputed",
        ),
        Route(
            id="r10",
            origin="MDA",
            destination="UKR",
            victims="girls",
            valid_from="2005",
            verification="unverified",
        ),
        # structures: siblings, a replaced body, plans
        _body("tgo-old", country="TGO", valid_from="2002"),
        _body("tgo-new", country="TGO", valid_from="2023-02-14", replaces=["tgo-old"]),
        _body("tgo-other", country="TGO", type="task_force", valid_from="2002"),
        _body("gha-parent", country="GHA", valid_from="2005"),
        _body("gha-a", country="GHA", parent="gha-parent", valid_from="2006"),
        _body("gha-b", country="GHA", parent="gha-parent", valid_from="2006"),
        Area(id="fra-north", country="FRA", type="region"),
        ActionPlan(id="fra-national", country="FRA", scope=["csec"], valid_from="2001"),
        ActionPlan(
            id="fra-north-plan",
            country="FRA",
            area="fra-north",
            level="subnational",
            scope=["csec"],
            valid_from="2001",
        ),
        ActionPlan(
            id="shared",
            country="FRA",
            shared_with=["DEU"],
            scope=["csec"],
            valid_from="2003",
            valid_to="2006",
        ),
        ActionPlan(id="idn", country="IDN", scope=["csec"], adopted="2002", evaluated="2008"),
    ]
    return Dataset.from_records(DatasetInfo(name="time-cases", title="Date rule cases"), records)


DATES = ["2001", "2004", "2005", "2008-07", "2008-08", "2009", "2010", "2016", "2018", "2021-04"]
#: staleness horizons asked of both paths (None: the default)
HORIZONS = [None, 2.0, 10.0]


def _dicts(findings):
    return [f.to_dict() for f in findings]


def test_every_date_rule_gives_identical_findings_from_the_server(conn):
    data = cases()
    G = data.to_networkx()
    load_graph(G, conn, replace=True)
    back = graph_from_server(conn)
    for undated in ("attested", "exclude", "always"):
        for levels in ({"verified"}, {"verified", "unverified"}, {"verified", "disputed"}):
            for day in DATES:
                memory = find_gaps(data.at_levels(levels).to_networkx(), as_of=day, undated=undated)
                server = find_gaps(keep_levels(back, levels), as_of=day, undated=undated)
                assert _dicts(server) == _dicts(memory), (undated, sorted(levels), day)
    for day in DATES:
        assert coverage(back, network="net", as_of=day).to_dict() == (
            coverage(G, network="net", as_of=day).to_dict()
        )


def test_server_gaps_keep_only_the_levels_asked(conn):
    data = cases()
    load_graph(data.to_networkx(), conn, replace=True)

    def ends(levels):
        return {
            tuple(f.details["states"])
            for f in gaps_from_server(conn, levels=levels, which=["routes"], as_of="2009")
        }

    assert ("MDA", "TUR") not in ends({"verified", "unverified"})
    assert ("MDA", "UKR") in ends({"verified", "unverified"})
    assert ("MDA", "TUR") in ends({"verified", "disputed"})
    assert ("MDA", "UKR") not in ends({"verified"})


def test_the_stale_rule_and_dormant_agreements_give_identical_findings(conn):
    """#24 item 9: the horizon asked for and the meetings read back give the same
    findings from the server, on both sides of every boundary."""
    data = cases()
    G = data.to_networkx()
    load_graph(G, conn, replace=True)
    back = graph_from_server(conn)
    dormant = set()
    for horizon in HORIZONS:
        for day in [*DATES, "2013", "2019"]:
            memory = find_gaps(G, as_of=day, stale_after=horizon)
            server = find_gaps(back, as_of=day, stale_after=horizon)
            assert _dicts(server) == _dicts(memory), (horizon, day)
            dormant |= {(horizon, day) for f in memory if "dormant" in f.details}
    # the cases cover both verdicts
    assert (None, "2019") in dormant and (None, "2013") not in dormant
    assert (10.0, "2019") not in dormant and (2.0, "2013") in dormant


def test_the_server_carries_the_dataset_date(conn):
    """neo4j gaps defaults to the loaded dataset's as_of (it used today) and says so."""
    import dataclasses
    import json

    from click.testing import CliRunner

    from coordgraph.cli import cli

    data = cases()
    dated = dataclasses.replace(data, info=data.info.model_copy(update={"as_of": "2016"}))
    G = dated.to_networkx()
    load_graph(G, conn, replace=True)
    back = graph_from_server(conn)
    assert back.graph["as_of"] == "2016" and back.graph["name"] == "time-cases"
    assert _dicts(find_gaps(back)) == _dicts(find_gaps(G))
    assert _dicts(gaps_from_server(conn, levels={"verified"})) == _dicts(
        find_gaps(dated.only_verified().to_networkx())
    )
    r = CliRunner().invoke(cli, ["neo4j", "gaps", "all", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["as_of"] == "2016-12-31"
    said = r.stderr.splitlines()
    assert said[0].startswith("read dataset load-")
    assert said[1] == (
        "as of 2016-12-31: the date time-cases speaks for (its as_of; --as-of today for today)"
    )

    def dormant(*more: str) -> list[str]:
        r = CliRunner().invoke(
            cli,
            ["neo4j", "gaps", "routes", "--as-of", "2019", "--format", "json", "--detail", *more],
        )
        assert r.exit_code == 0, r.output
        assert "as of 2019-12-31: the date asked (--as-of)" in r.stderr
        return [
            a for f in json.loads(r.stdout)["findings"] for a in f["details"].get("dormant", {})
        ]

    assert dormant() == ["met"]
    assert dormant("--stale-after", "10") == []


def test_dataset_profiles_reach_the_structures_analysis_from_the_server(conn):
    """A dataset's own expectation profiles and those it applies to every State live on
    the graph, not on a record: the server keeps them beside its as_of, so `neo4j gaps
    structures` gives what `gaps structures` gives."""
    import dataclasses
    import warnings

    data = cases()
    info = data.info.model_copy(
        update={
            "expects": ("stockholm-yokohama", "own-test"),
            "profiles": (
                OwnProfile(
                    id="own-test",
                    name="A test profile",
                    expects=("focal_point_for_states",),
                    source="a test",
                    every_state=True,
                ),
            ),
        }
    )
    with warnings.catch_warnings():  # own profiles serialise as OwnProfile, no warning
        warnings.simplefilter("error")
        profiled = dataclasses.replace(data, info=DatasetInfo.model_validate(info.model_dump()))
    region = Network(
        id="region",
        type="intergovernmental",
        members=["NPL", "IND"],
        expects=["osce-nrm from 2005"],
    )
    profiled = profiled.with_records([region])
    G = profiled.to_networkx()
    _script_keeps_the_expectations(conn, G)
    assert G.graph["expects"] and G.graph["profiles"]
    load_graph(G, conn, replace=True)
    back = graph_from_server(conn)
    assert back.graph["expects"] == G.graph["expects"]
    assert back.graph["profiles"] == G.graph["profiles"]
    for day in ("2000", "2008-07", "2021-04"):
        memory = find_gaps(G, which=["structures"], as_of=day)
        assert any("own-test" in f.details.get("profiles", ()) for f in memory), day
        assert _dicts(find_gaps(back, which=["structures"], as_of=day)) == _dicts(memory)


def _script_keeps_the_expectations(conn, G) -> None:
    """The standalone Cypher script (`neo4j script`, `export --format cypher`), run on
    the server, leaves the meta node a load leaves: the dataset's expects and own
    profiles, and each network its expects (issue 26: the script lacked them)."""
    from coordgraph.neo4j import clear
    from coordgraph.neo4j.loader import dataset_facts
    from coordgraph.neo4j.script import cypher_script

    for statement in cypher_script(G).splitlines():
        if statement and not statement.startswith("//"):
            conn.run(statement.rstrip(";"))
    (meta,) = conn.run(
        "MATCH (m:CoordgraphMeta {id: 'current'}) "
        "RETURN m.name AS name, m.as_of AS as_of, m.expects AS expects, m.profiles AS profiles"
    )
    assert meta == dataset_facts(G)
    expects = {
        n.partition(":")[2]: list(a["expects"])
        for n, a in G.nodes(data=True)
        if a.get("kind") == "Network" and a.get("expects")
    }
    stored = conn.run(
        "MATCH (n:Network) WHERE n.expects IS NOT NULL RETURN n.id AS id, n.expects AS e"
    )
    assert {r["id"]: list(r["e"]) for r in stored} == expects
    clear(conn)
