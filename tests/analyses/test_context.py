"""One Context shared by the analyses of a run gives what each analysis gives alone."""

from __future__ import annotations

import pytest

from coordgraph.analyses import (
    ANALYSES,
    Context,
    duplicated_mechanisms,
    find_gaps,
    missing_focal_points,
    plan_gaps,
    rec_12_2_2,
    structure_gaps,
    unlinked_routes,
)
from coordgraph.analyses.links import LinkIndex


@pytest.mark.parametrize("as_of", ["2003-01", "2008-07", "2015"])
def test_a_shared_context_changes_no_finding(bundled_graph, as_of):
    G = bundled_graph
    ctx = Context.of(G, as_of=as_of)
    for analysis in (
        unlinked_routes,
        rec_12_2_2,
        duplicated_mechanisms,
        missing_focal_points,
        plan_gaps,
        structure_gaps,
    ):
        assert analysis(G, as_of=as_of, context=ctx) == analysis(G, as_of=as_of)
    one_by_one = [f for name in ANALYSES for f in find_gaps(G, which=[name], context=ctx)]
    assert sorted(one_by_one, key=lambda f: f.sort_key()) == find_gaps(G, as_of=as_of)


def test_a_context_that_says_otherwise_is_refused(bundled_graph):
    G = bundled_graph
    ctx = Context.of(G, as_of="2008-07")
    with pytest.raises(ValueError, match="context= is for 2008-07-31"):
        find_gaps(G, as_of="2012", context=ctx)
    with pytest.raises(ValueError, match="reads undated records as attested"):
        plan_gaps(G, undated="exclude", context=ctx)
    with pytest.raises(ValueError, match="another graph"):
        plan_gaps(G.copy(), context=ctx)


def test_another_day_keeps_the_facts_and_indexes_are_built_once(bundled_graph):
    ctx = Context.of(bundled_graph, as_of="2008-07", undated="exclude")
    later = ctx.on("2015")
    assert later.facts is ctx.facts
    assert (later.day.year, later.rules.undated) == (2015, ctx.rules.undated)
    assert ctx.once(LinkIndex) is ctx.once(LinkIndex)
    assert later.once(LinkIndex) is not ctx.once(LinkIndex)


@pytest.mark.parametrize("undated", ["attested", "exclude", "always"])
def test_another_day_gives_what_that_day_alone_gives(bundled_graph, undated):
    """:meth:`Context.on` shares what does not depend on the day (TimeRules.on); what
    one day worked out never leaks into another, going forward or back."""
    G = bundled_graph
    ctx = Context.of(G, as_of="2008-07", undated=undated)
    alone = find_gaps(G, as_of="2008-07", undated=undated)
    assert find_gaps(G, undated=undated, context=ctx) == alone
    for day in ("2015", "2001", "2008-07", "2024-06-30"):
        later = ctx.on(day)
        alone = find_gaps(G, as_of=day, undated=undated)
        assert find_gaps(G, undated=undated, context=later) == alone, day
        ctx = later
