"""``plan`` makes again, at each step, only the candidates the action chosen last can
change (``planning._Menu``); the plans are those of making every candidate again at
every step."""

from __future__ import annotations

import pytest

import coordgraph
from coordgraph import planning
from coordgraph.dataset import Dataset
from coordgraph.planning import plan_actions
from coordgraph.synth import synthesize


def _bundled(name: str) -> Dataset:
    return (coordgraph.load() if name == "ecpat-2008" else coordgraph.load(name)).only_verified()


def _same_plans(ds: Dataset, as_of: str, actions: tuple[str, ...] = planning.ACTIONS) -> list[str]:
    kept = [a.to_dict() for a in plan_actions(ds, as_of=as_of, top=10, actions=actions)]
    again = plan_actions(ds, as_of=as_of, top=10, actions=actions, _rebuild=True)
    assert kept == [a.to_dict() for a in again]
    return [a["action"] for a in kept]


@pytest.mark.parametrize(
    ("name", "as_of"),
    [("ecpat-2008", "2008"), ("europe", "2026"), ("west-africa", "2008"), ("reference", "2026")],
)
def test_bundled_plans_as_when_every_candidate_is_made_again(name: str, as_of: str):
    for kinds in KINDS:
        _same_plans(_bundled(name), as_of, kinds)


#: the kinds of action the plans choose from: all, and without the accessions and
#: amendments that win most steps (so that the others are chosen and applied)
KINDS = [
    planning.ACTIONS,
    ("local-link", "focal-point", "membership", "agreement", "arrangement", "hotline"),
    ("membership", "database", "local-link"),
]


@pytest.mark.parametrize("kinds", KINDS)
@pytest.mark.parametrize("seed", [1, 3])
def test_synthetic_plans_as_when_every_candidate_is_made_again(seed: int, kinds: tuple[str, ...]):
    ds = synthesize(countries=40, routes=400, agreements=120, mechanisms=60, seed=seed)
    chosen = _same_plans(ds, "2016", kinds)
    assert len(chosen) > 1


def test_only_the_pairs_an_action_can_change_are_made_again(monkeypatch: pytest.MonkeyPatch):
    """The incremental path is taken: after the first step, fewer pairs of States have
    their candidates made again than there are pairs."""
    made: list[int] = []
    specs = planning._specs

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        made[-1] += 1
        return specs(*args, **kwargs)

    candidates = planning._Menu.candidates

    def step(self, index, pairs):  # type: ignore[no-untyped-def]
        made.append(0)
        return candidates(self, index, pairs)

    monkeypatch.setattr(planning, "_specs", counted)
    monkeypatch.setattr(planning._Menu, "candidates", step)
    ds = synthesize(countries=40, routes=400, agreements=120, mechanisms=60, seed=2)
    assert len(plan_actions(ds, as_of="2016", top=5)) == 5
    assert len(made) == 5
    assert all(n < made[0] for n in made[1:]), made


def _said(actions: list[planning.Action]) -> list[tuple[object, ...]]:
    return [
        (a.kind, a.states, a.network, a.says, a.why, a.reach, a.scope, a.target_name, a.cost)
        for a in actions
    ]


@pytest.mark.parametrize("seed", [2])
def test_each_step_has_the_candidates_of_making_them_all_again(
    seed: int, monkeypatch: pytest.MonkeyPatch
):
    """Not only the plan: every step's candidates, in order, are those of a full rebuild."""
    candidates = planning._Menu.candidates
    steps: list[int] = []

    def both(self, index, pairs):  # type: ignore[no-untyped-def]
        again = candidates(planning._Menu(self.kinds, incremental=False), index, pairs)
        kept = candidates(self, index, pairs)
        assert _said(kept) == _said(again)
        steps.append(len(kept))
        return kept

    monkeypatch.setattr(planning._Menu, "candidates", both)
    ds = synthesize(countries=40, routes=400, agreements=120, mechanisms=60, seed=seed)
    plan_actions(ds, as_of="2016", top=8)
    assert len(steps) == 8 and all(steps)
