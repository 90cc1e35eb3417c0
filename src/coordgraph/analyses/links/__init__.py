"""The link rule: what links two States (or two places in one State) on a day, and how
well it serves a route's victims.

* :mod:`~coordgraph.analyses.links.index`: :class:`LinkIndex`, what the rule looks up;
* :mod:`~coordgraph.analyses.links.agreements`: does an agreement link the pair;
* :mod:`~coordgraph.analyses.links.channels`: focal-point channels and local links;
* :mod:`~coordgraph.analyses.links.grading`: the link criteria of a pair;
* :mod:`~coordgraph.analyses.links.verdict`: :class:`LinkRule` (the answer for a pair)
  and what a route finding says about it.

:func:`coordgraph.analyses.unlinked_routes` applies the rule to every route pair.
"""

from __future__ import annotations

from coordgraph.analyses.links.channels import is_channel
from coordgraph.analyses.links.grading import (
    CHILD_PROVISIONS,
    CRITERIA,
    Criterion,
    Grade,
    Stage,
    Status,
    exploitation_status,
    grade_pair,
)
from coordgraph.analyses.links.index import LinkIndex
from coordgraph.analyses.links.verdict import LinkRule, PairLink, Verdict, Verdicts

__all__ = [
    "CHILD_PROVISIONS",
    "CRITERIA",
    "Criterion",
    "Grade",
    "LinkIndex",
    "LinkRule",
    "PairLink",
    "Stage",
    "Status",
    "Verdict",
    "Verdicts",
    "exploitation_status",
    "grade_pair",
    "is_channel",
]
