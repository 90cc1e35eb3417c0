"""What the analyses of one graph on one day share, built once.

Every analysis reads the graph through :class:`~coordgraph.lookup.Facts` (the indexes
of the graph, whatever the day) and :class:`~coordgraph.time_rules.TimeRules` (the date
rules on the day asked, with what they have worked out cached). Built once and handed
to each analysis as ``context=``, they are indexed once per run instead of once per
analysis, and what one analysis works out (a record's start, an agreement's effect, the
indexes built with :meth:`Context.once`) another reads back::

    ctx = Context.of(G, as_of="2008-07")
    findings = unlinked_routes(G, context=ctx) + duplicated_mechanisms(G, context=ctx)

:meth:`Context.on` gives the context of another day on the same graph: the facts are
kept, the date rules are those of the new day (:meth:`TimeRules.on
<coordgraph.time_rules.TimeRules.on>`: what does not depend on the day is kept too; a
timeline asks the same graph about many days).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import networkx as nx

from coordgraph.dates import day_asked
from coordgraph.lookup import Facts
from coordgraph.time_rules import TimeRules, Undated, horizon

__all__ = ["Context", "context_for"]

_T = TypeVar("_T")


@dataclass
class Context:
    """The indexes and date rules every analysis of graph ``G`` on day ``rules.as_of``
    reads: build it with :meth:`of`, hand it to analyses as ``context=``.

    It is read, never changed, by the analyses, apart from caches (of the date rules,
    and of :meth:`once`), which give the same answers however often they are asked.
    """

    G: nx.MultiDiGraph
    facts: Facts
    rules: TimeRules
    _built: dict[Callable[..., Any], Any] = field(default_factory=dict, repr=False)

    @classmethod
    def of(
        cls,
        G: nx.MultiDiGraph,
        *,
        as_of: dt.date | str | None = None,
        undated: Undated | str = Undated.ATTESTED,
        stale_after: float | None = None,
    ) -> Context:
        """The context of ``G`` on the day asked (:func:`coordgraph.dates.day_asked`),
        dates read as ``undated`` and ``stale_after`` say (see
        :mod:`coordgraph.time_rules`)."""
        day = day_asked(G.graph, as_of)
        return cls(
            G, Facts.from_graph(G), TimeRules(G, day, undated=undated, stale_after=stale_after)
        )

    @property
    def day(self) -> dt.date:
        """The day asked."""
        return self.rules.as_of

    def on(self, as_of: dt.date | str | None) -> Context:
        """The context of the same graph on another day: the same facts, date rules of
        that day read as these are."""
        day = day_asked(self.G.graph, as_of)
        return Context(self.G, self.facts, self.rules.on(day))

    def once(self, build: Callable[[Facts, TimeRules], _T]) -> _T:
        """``build(facts, rules)``, built when first asked and then kept: an index
        several analyses read on this day, such as the link rule
        (``context.once(LinkRule)``, :class:`~coordgraph.analyses.links.LinkRule`, whose
        caches are keyed by everything a call may vary)."""
        found = self._built.get(build)
        if found is None:
            found = self._built[build] = build(self.facts, self.rules)
        return found


def context_for(
    G: nx.MultiDiGraph,
    context: Context | None,
    *,
    as_of: dt.date | str | None,
    undated: Undated | str,
    stale_after: float | None,
) -> Context:
    """The context an analysis called with these arguments reads: ``context`` when
    given, else one built for the call.

    A context given with an ``as_of``, ``undated`` or ``stale_after`` that says otherwise
    (another graph, another day, another reading of dates) is a mistake, not a choice:
    it raises ``ValueError``. ``as_of`` and ``stale_after`` left as ``None`` take the
    context's.
    """
    if context is None:
        return Context.of(G, as_of=as_of, undated=undated, stale_after=stale_after)
    rules = context.rules
    if context.G is not G:
        raise ValueError("context= was built for another graph")
    if as_of is not None and day_asked(G.graph, as_of) != rules.as_of:
        raise ValueError(f"context= is for {rules.as_of.isoformat()}, not {as_of}")
    if Undated(undated) is not rules.undated:
        raise ValueError(f"context= reads undated records as {rules.undated}, not {undated}")
    if stale_after is not None and horizon(stale_after) != rules.stale_after:
        raise ValueError(f"context= has a staleness horizon of {rules.stale_after} years")
    return context
