"""The cycle collector is paused only while an analysis makes its findings, and left
as the caller had it."""

from __future__ import annotations

import gc

import pytest

from coordgraph.bulk import paused_gc


def test_the_collector_is_paused_in_the_block_and_restored() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("an analysis that fails")
    assert gc.isenabled()


def test_a_caller_that_paused_it_keeps_it_paused() -> None:
    gc.disable()
    try:
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_route_analysis_leaves_the_collector_on(bundled_graph) -> None:
    from coordgraph.analyses import unlinked_routes

    assert unlinked_routes(bundled_graph, as_of="2015")
    assert gc.isenabled()
