"""coordgraph: anti-trafficking coordination as a graph, and where it breaks down.

Load a dataset, build its graph and ask the three questions planners ask::

    >>> import coordgraph
    >>> ds = coordgraph.load()                    # the bundled default dataset
    >>> G = ds.to_networkx()
    >>> findings = coordgraph.find_gaps(G, as_of="2008-07")
"""

from __future__ import annotations

# typing is not imported at run time: it costs a quarter of `coordgraph --help`
# (mypy reads any name TYPE_CHECKING as true).
TYPE_CHECKING = False

__version__ = "0.1.0"

__all__ = [
    "CoordgraphError",
    "Dataset",
    "Finding",
    "ValidationFailed",
    "build_graph",
    "duplicated_mechanisms",
    "find_gaps",
    "load",
    "missing_focal_points",
    "state_pairs",
    "unlinked_routes",
    "validate_dataset",
]

_LAZY = {
    "load": "coordgraph.io.load",
    "Dataset": "coordgraph.dataset",
    "build_graph": "coordgraph.graph",
    "validate_dataset": "coordgraph.validate",
    "CoordgraphError": "coordgraph.errors",
    "ValidationFailed": "coordgraph.errors",
    "Finding": "coordgraph.findings",
    "find_gaps": "coordgraph.analyses",
    "unlinked_routes": "coordgraph.analyses",
    "duplicated_mechanisms": "coordgraph.analyses",
    "missing_focal_points": "coordgraph.analyses",
    "state_pairs": "coordgraph.state_pairs",
}

if TYPE_CHECKING:
    from typing import Any

    from coordgraph.analyses import (
        duplicated_mechanisms,
        find_gaps,
        missing_focal_points,
        unlinked_routes,
    )
    from coordgraph.dataset import Dataset
    from coordgraph.errors import CoordgraphError, ValidationFailed
    from coordgraph.findings import Finding
    from coordgraph.graph import build_graph
    from coordgraph.io.load import load
    from coordgraph.state_pairs import state_pairs
    from coordgraph.validate import validate_dataset


def __getattr__(name: str) -> Any:
    """Import the public API on first use, so ``import coordgraph`` stays fast."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'coordgraph' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
