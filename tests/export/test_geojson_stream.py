"""GeoJSON for a large table: written a batch at a time, valid, one Route feature per
route, and each route's status read from the finding that lists it."""

from __future__ import annotations

import io
import json

import pytest

import coordgraph.export.geojson as geojson
from coordgraph.dataset import Dataset
from coordgraph.export import analyse
from coordgraph.export.analysis import link_status
from coordgraph.model import Agreement, CountryInfo, DatasetInfo, Party, Route, Source
from coordgraph.routes.table import routes_of
from coordgraph.synth import synthesize


class _Writes(io.StringIO):
    """A text handle that keeps every piece it is given."""

    def __init__(self) -> None:
        super().__init__()
        self.pieces: list[str] = []

    def write(self, text: str) -> int:
        self.pieces.append(text)
        return super().write(text)


def test_geojson_is_written_a_batch_at_a_time_and_stays_valid(monkeypatch):
    G = synthesize(countries=12, routes=400, agreements=30, mechanisms=20, seed=3).to_networkx()
    monkeypatch.setattr(geojson, "_WRITE_BATCH", 50)
    handle = _Writes()
    geojson.write_geojson(G, handle, as_of="2010")
    assert len(handle.pieces) > 400 // 50  # never the whole document in one write
    doc = json.loads(handle.getvalue())
    routes = [f for f in doc["features"] if f["properties"]["kind"] == "Route"]
    assert len(routes) + len(doc["omitted_routes"]) == len(routes_of(G)) == 400
    assert [f["properties"]["id"] for f in routes] == sorted(f["properties"]["id"] for f in routes)
    whole = json.dumps(geojson.to_geojson(G, as_of="2010"), ensure_ascii=False)
    assert handle.getvalue() == whole + "\n"


def _two_routes() -> Dataset:
    records = [
        Source(id="s", title="A study", date="2008"),
        *(CountryInfo(id=c) for c in ("ALB", "GRC", "MKD")),
        Agreement(
            id="alb-grc",
            name="ALB-GRC agreement",
            type="bilateral",
            scope="all_persons",
            parties=[Party(country="ALB"), Party(country="GRC")],
            signed="2006-02",
            in_force="2009-05",
            sources=["s"],
        ),
        # the same two ends: one straight, one through MKD (two legs, one linked)
        Route(id="r1", origin="ALB", destination="GRC", victims=["adults"], sources=["s"]),
        Route(
            id="r2",
            origin="ALB",
            transits=["MKD"],
            destination="GRC",
            victims=["adults"],
            sources=["s"],
        ),
    ]
    return Dataset.from_records(DatasetInfo(name="two", title="Two"), records)


@pytest.mark.parametrize("as_of", ["2008", "2010"])
def test_a_route_takes_its_ends_and_its_legs_from_the_findings_that_list_it(as_of):
    G = _two_routes().to_networkx()
    analysis = analyse(G, as_of=as_of)
    ends = next(f for f in analysis.pairs if f.subjects == ("Country:ALB", "Country:GRC"))
    doc = geojson.to_geojson(G, as_of=as_of)
    route = {f["properties"]["id"]: f["properties"] for f in doc["features"]}
    for rid in ("Route:r1", "Route:r2"):
        assert route[rid]["link_status"] == link_status(ends)
        assert route[rid]["finding"] == ends.message
    assert route["Route:r1"]["legs"] == []
    legs = route["Route:r2"]["legs"]
    assert [leg["places"] for leg in legs] == [
        ["Country:ALB", "Country:MKD"],
        ["Country:MKD", "Country:GRC"],
    ]
    assert route["Route:r2"]["unlinked_legs"] == sum(leg["link_status"] != "linked" for leg in legs)
    assert route["Route:r2"]["unlinked_legs"] == 2
