"""Shared fixtures. Server fixtures live in tests/neo4j/conftest.py."""

from __future__ import annotations

import os

import matplotlib
import pytest

matplotlib.use("Agg")
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def bundled():
    """The bundled default dataset (loaded once)."""
    import coordgraph

    return coordgraph.load()


@pytest.fixture(scope="session")
def bundled_graph(bundled):
    return bundled.to_networkx()
