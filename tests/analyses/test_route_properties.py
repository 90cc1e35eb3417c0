"""Properties of the route analysis on generated datasets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from coordgraph.analyses import unlinked_routes
from coordgraph.dataset import Dataset
from coordgraph.findings import FindingKind
from coordgraph.model import Agreement, DatasetInfo, Route

STATES = ["ALB", "GRC", "MKD", "BGR", "ROU", "MDA"]
INFO = DatasetInfo(name="generated", title="generated (test data)", synthetic=True)

pairs = st.tuples(st.sampled_from(STATES), st.sampled_from(STATES)).filter(lambda p: p[0] != p[1])
years = st.integers(min_value=1995, max_value=2015)


IDS = st.integers(0, 10**6)


@st.composite
def agreements(draw, idx=IDS):
    a, b = draw(pairs)
    signed = draw(years)
    end = draw(st.one_of(st.none(), st.integers(signed, 2020)))
    return Agreement(
        id=f"ag-{draw(idx)}",
        kind="bilateral",
        parties=[a, b],
        signed=str(signed),
        in_force=draw(st.one_of(st.none(), st.just(str(signed)))),
        valid_to=None if end is None else str(end),
        scope=draw(st.sampled_from(["children", "women_and_children", "all_persons"])),
    )


@st.composite
def datasets(draw):
    ags = draw(st.lists(agreements(), max_size=6, unique_by=lambda a: a.id))
    routes = [
        Route(
            id=f"r{i}",
            origin=a,
            destination=b,
            victims=draw(st.sampled_from(["girls", "boys", "women", "men", "children|adults"])),
        )
        for i, (a, b) in enumerate(draw(st.lists(pairs, min_size=1, max_size=6)))
    ]
    return Dataset.from_records(INFO, [*ags, *routes])


def _linked(ds, as_of):
    return {
        (f.subjects, tuple(f.details["victims"]))
        for f in unlinked_routes(ds.to_networkx(), as_of=as_of)
        if f.kind is FindingKind.ROUTE_LINKED
    }


@settings(max_examples=40, deadline=None)
@given(datasets(), agreements(), years)
def test_adding_an_agreement_in_force_never_unlinks_a_pair(ds, extra, year):
    before = _linked(ds, str(year))
    after = _linked(
        ds.with_records([extra.model_copy(update={"id": "extra-agreement"})]), str(year)
    )
    assert before <= after


@settings(max_examples=40, deadline=None)
@given(datasets(), years, st.integers(0, 10))
def test_moving_as_of_past_an_end_date_never_links_a_pair(ds, year, later):
    ends = [a.valid_to for a in ds.agreements if a.valid_to is not None]
    for end in ends:
        day_after_end = end.year + 1
        if day_after_end + later < year:
            continue
        at_end = _linked(ds, str(end.year))
        past = _linked(ds, str(day_after_end + later))
        # only agreements that started since the end date can link new pairs
        new_starts = any(a.signed is not None and a.signed.year > end.year for a in ds.agreements)
        if not new_starts:
            assert past <= at_end
