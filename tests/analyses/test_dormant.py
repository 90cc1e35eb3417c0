"""Evidence ages (#24 item 5): the staleness horizon asked for counts everywhere, and an
agreement whose recorded meetings all lie beyond it is possibly dormant.

The facts are made up for the test (real ISO codes stand for "State A", "State B").
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from coordgraph.analyses import find_gaps, unlinked_routes
from coordgraph.dataset import Dataset
from coordgraph.findings import FindingKind, GapType, Severity
from coordgraph.model import Agreement, DatasetInfo, Route, Source
from coordgraph.time_rules import STALE_AFTER_YEARS, TimeRules, horizon

INFO = DatasetInfo(name="dormant-test", title="Test cases for possibly dormant agreements")
SOURCE = Source(id="s2010", title="A test source dated 2010", date="2010")
SEEN = Source(id="s2018", title="A test source dated 2018", date="2018")


def _data(**agreement: object) -> Dataset:
    agreement.setdefault("signed", "2005-06-16")
    return Dataset.from_records(
        INFO,
        [
            SOURCE,
            SEEN,
            # a route seen in 2018, so that only the agreement's age is in question
            Route(
                id="r",
                origin="MLI",
                destination="GIN",
                victims="children",
                valid_from="2011",
                sources=["s2018"],
            ),
            Agreement(
                id="mli-gin",
                type="bilateral",
                parties=["MLI", "GIN"],
                scope="children",
                sources=["s2010"],
                **agreement,
            ),
        ],
    )


def _route(findings):
    routes = (FindingKind.ROUTE_LINKED, FindingKind.ROUTE_UNLINKED)
    (f,) = [f for f in findings if f.kind in routes and f.details.get("states") == ["MLI", "GIN"]]
    return f


def test_meetings_all_older_than_the_horizon_make_the_link_possibly_dormant() -> None:
    G = _data(meetings=["2006", "2008", "2010"]).to_networkx()
    f = _route(unlinked_routes(G, as_of="2019"))
    assert f.kind is FindingKind.ROUTE_LINKED
    assert f.gap_type is GapType.DATA and f.severity is Severity.MEDIUM
    assert f.is_gap
    assert f.details["dormant"] == {"mli-gin": {"last_met": "2010", "since": "2010", "years": 5}}
    assert "possibly dormant: its joint commission last met 2010" in f.message
    assert "re-check whether it still meets" in f.message


def test_a_meeting_within_the_horizon_keeps_the_link() -> None:
    G = _data(meetings=["2006", "2008", "2010"]).to_networkx()
    f = _route(unlinked_routes(G, as_of="2013"))
    assert "dormant" not in f.details and not f.is_gap
    # a meeting after the date asked is not known on that day: 2008 is the last one then
    rules = TimeRules(G, dt.date(2009, 12, 31), stale_after=0.5)
    dormancy = rules.dormant("Agreement:mli-gin")
    assert dormancy is not None and str(dormancy.last_met) == "2008"


def test_the_horizon_decides() -> None:
    G = _data(meetings=["2010"]).to_networkx()
    assert "dormant" in _route(unlinked_routes(G, as_of="2019")).details
    assert "dormant" not in _route(unlinked_routes(G, as_of="2019", stale_after=10)).details
    assert "dormant" in _route(find_gaps(G, as_of="2019", stale_after=8)).details


def test_no_meeting_recorded_is_not_judged() -> None:
    """The sources are silent: an agreement with no meeting recorded is not called
    dormant (that would be absence read as a fact)."""
    G = _data().to_networkx()
    f = _route(unlinked_routes(G, as_of="2026"))
    assert "dormant" not in f.details
    assert TimeRules(G, dt.date(2026, 1, 1)).dormant("Agreement:mli-gin") is None


def test_meetings_only_later_count_from_the_agreement_itself() -> None:
    G = _data(meetings=["2020"]).to_networkx()
    rules = TimeRules(G, dt.date(2012, 12, 31))
    dormancy = rules.dormant("Agreement:mli-gin")
    assert dormancy is not None and dormancy.last_met is None
    assert str(dormancy.since) == "2005-06-16"
    assert "no meeting of its joint commission is recorded since 2005-06-16" in dormancy.phrase
    assert TimeRules(G, dt.date(2008, 12, 31)).dormant("Agreement:mli-gin") is None


def test_the_graph_carries_the_horizon_a_command_asked_for() -> None:
    data = _data(meetings=["2010"])
    assert TimeRules(data.to_networkx(), dt.date(2019, 1, 1)).stale_after == STALE_AFTER_YEARS
    wider = dataclasses.replace(data, stale_after=10.0)
    G = wider.to_networkx()
    assert G.graph["stale_after"] == 10.0
    assert TimeRules(G, dt.date(2019, 1, 1)).stale_after == 10.0
    assert "dormant" not in _route(find_gaps(G, as_of="2019")).details
    # the datasets derived from it keep it
    assert wider.at_levels({"verified"}).stale_after == 10.0
    assert wider.with_records([]).stale_after == 10.0


@pytest.mark.parametrize("bad", ["nan", "inf", "-inf", "-1", "five", ""])
def test_a_horizon_is_a_finite_number_of_years(bad: str) -> None:
    with pytest.raises(ValueError, match="not a number of years"):
        horizon(bad)
    assert horizon("2.5") == 2.5 and horizon(0) == 0.0


def test_west_africa_agreements_whose_commissions_last_met_long_ago() -> None:
    """The bundled joint-commission meetings (mli-gin-2005: 2006, 2008, 2010 per the
    article it cites; mli-civ-2000: August 2001 per IRIN): as of 2019 both links are
    possibly dormant; as of 2013 the Mali-Guinea one is not (it met in 2010)."""
    from coordgraph import load

    G = load("west-africa").only_verified().to_networkx()
    dormant_2019 = {
        a for f in unlinked_routes(G, as_of="2019") for a in f.details.get("dormant", {})
    }
    assert dormant_2019 == {"mli-gin-2005", "mli-civ-2000"}
    dormant_2013 = {
        a for f in unlinked_routes(G, as_of="2013") for a in f.details.get("dormant", {})
    }
    assert dormant_2013 == {"mli-civ-2000"}
