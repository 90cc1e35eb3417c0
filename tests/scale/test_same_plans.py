"""``plan`` proposes the same actions as before it measured candidates incrementally.

``data/plans-bundled.json`` holds, for each bundled dataset at four dates, the five
actions ``plan_actions`` chose and every candidate ``candidate_actions`` measured, as
written by the planner that reran the whole route analysis for every candidate and
every step (main at 3739236). Regenerate only for a deliberate change of meaning
(``python tests/scale/test_same_plans.py``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

import coordgraph
from coordgraph.analyses import unlinked_routes
from coordgraph.dataset import Dataset
from coordgraph.findings import FindingKind
from coordgraph.planning import candidate_actions, plan_actions
from coordgraph.synth import synthesize

GOLDEN = Path(__file__).parent / "data" / "plans-bundled.json"
DATES = ("2008", "2012", "2019", "2026")


def _dataset(name: str) -> Dataset:
    return (coordgraph.load() if name == "ecpat-2008" else coordgraph.load(name)).only_verified()


def plans(name: str) -> dict[str, Any]:
    ds = _dataset(name)
    out: dict[str, Any] = {}
    for as_of in DATES:
        out[f"{name}@{as_of}"] = [a.to_dict() for a in plan_actions(ds, as_of=as_of, top=5)]
        out[f"{name}@{as_of}:all"] = sorted(
            json.dumps(a.to_dict(), sort_keys=True) for a in candidate_actions(ds, as_of=as_of)
        )
    return out


@pytest.mark.parametrize("name", ["ecpat-2008", "europe", "west-africa"])
def test_bundled_plans_unchanged(name: str):
    golden = json.loads(GOLDEN.read_text())
    now = plans(name)
    for key, value in now.items():
        assert value == golden[key], key


def _value(ds: Dataset, as_of: str) -> int:
    total = 0
    for f in unlinked_routes(ds.to_networkx(), as_of=as_of):
        if f.kind in (FindingKind.ROUTE_LINKED, FindingKind.ROUTE_UNLINKED) and not f.details.get(
            "internal"
        ):
            total += (f.volume or len(f.details["routes"])) * len(f.criteria_met)
    return total


@pytest.mark.parametrize("seed", [3, 4])
def test_every_candidate_measured_as_a_full_rerun(seed: int):
    """Each candidate is measured on the pairs of States it can change only; applying its
    records to the whole dataset and rerunning the whole analysis gives the same gain."""
    ds = synthesize(countries=12, routes=150, agreements=40, mechanisms=24, seed=seed)
    before = _value(ds, "2016")
    candidates = candidate_actions(ds, as_of="2016")
    assert {c.kind for c in candidates} >= {"agreement", "join"}
    for c in candidates:
        assert _value(ds.with_records(c.records), "2016") - before == c.weight, c.to_dict()


if __name__ == "__main__":
    out: dict[str, Any] = {}
    for name in ("ecpat-2008", "europe", "west-africa"):
        out.update(plans(name))
    GOLDEN.write_text(json.dumps(out, indent=1, sort_keys=True))
    sys.exit(0)
