"""The :class:`Dataset`: every record of one dataset, validated and cross-referenced."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from coordgraph.dates import day_asked
from coordgraph.model import (
    RECORD_TYPES,
    ActionPlan,
    Agency,
    Agreement,
    Area,
    CountryInfo,
    Coverage,
    DatasetInfo,
    FocalPoint,
    Mechanism,
    Network,
    Record,
    Route,
    Source,
)
from coordgraph.verification import kept, routes_at_levels
from coordgraph.vocab import Verification

if TYPE_CHECKING:
    import networkx as nx

    from coordgraph.include import Inclusion
    from coordgraph.routes.table import RouteTable

__all__ = ["Dataset"]

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Dataset:
    """All records of a dataset, by kind.

    Build one with :func:`coordgraph.load` (which validates) or :meth:`from_records`.

    Routes may be held as a table only (``table``, what the column-wise CSV reader
    gives): a million routes are then never a million pydantic objects. Asking for
    them as records (:meth:`of`, :attr:`routes`, iterating) builds the records once, on
    first use; code that can should read :attr:`route_table` and iterate
    :meth:`structure` instead.
    """

    info: DatasetInfo
    records: dict[type[Record], tuple[Record, ...]] = field(default_factory=dict)
    path: Path | None = None
    #: The routes, when they are held as a table (then ``records`` has none).
    table: RouteTable | None = None
    #: What its ``include`` took in (see :mod:`coordgraph.include`); None without one.
    inclusion: Inclusion | None = None
    #: The staleness horizon in years its graphs carry (``G.graph["stale_after"]``), when
    #: a command was asked for one (``--stale-after``); None: the default of
    #: :mod:`coordgraph.time_rules`. Not part of the data: never written out.
    stale_after: float | None = None

    @classmethod
    def from_records(
        cls,
        info: DatasetInfo,
        records: Iterable[Record],
        *,
        path: Path | None = None,
        routes: RouteTable | None = None,
        inclusion: Inclusion | None = None,
    ) -> Dataset:
        """A dataset of ``records``; with ``routes``, the routes are that table (and
        ``records`` must hold none); ``inclusion`` is what its includes took in."""
        grouped: dict[type[Record], list[Record]] = {t: [] for t in RECORD_TYPES}
        for record in records:
            grouped[type(record)].append(record)
        if routes is not None and grouped.pop(Route):
            raise ValueError("routes are given both as records and as a table")
        return cls(info, {t: tuple(v) for t, v in grouped.items()}, path, routes, inclusion)

    def of(self, kind: type[R]) -> tuple[R, ...]:
        """Records of one kind, in file order."""
        if kind is Route and self.table is not None:
            return self._route_records  # type: ignore[return-value]
        return self.records.get(kind, ())  # type: ignore[return-value]

    @cached_property
    def _route_records(self) -> tuple[Route, ...]:
        assert self.table is not None
        return tuple(self.table.records())

    def __iter__(self) -> Iterator[Record]:
        for kind in RECORD_TYPES:
            yield from self.of(kind)

    def structure(self) -> Iterator[Record]:
        """Every record but the routes (the coordination structure), in schema order."""
        for kind in RECORD_TYPES:
            if kind is not Route:
                yield from self.records.get(kind, ())

    @property
    def route_count(self) -> int:
        """How many routes (without building records from a table)."""
        return len(self.table) if self.table is not None else len(self.records.get(Route, ()))

    def __len__(self) -> int:
        return sum(len(v) for k, v in self.records.items() if k is not Route) + self.route_count

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.of(Source)

    @property
    def countries(self) -> tuple[CountryInfo, ...]:
        return self.of(CountryInfo)

    @property
    def areas(self) -> tuple[Area, ...]:
        return self.of(Area)

    @property
    def agencies(self) -> tuple[Agency, ...]:
        return self.of(Agency)

    @property
    def networks(self) -> tuple[Network, ...]:
        return self.of(Network)

    @property
    def agreements(self) -> tuple[Agreement, ...]:
        return self.of(Agreement)

    @property
    def mechanisms(self) -> tuple[Mechanism, ...]:
        return self.of(Mechanism)

    @property
    def action_plans(self) -> tuple[ActionPlan, ...]:
        return self.of(ActionPlan)

    @property
    def focal_points(self) -> tuple[FocalPoint, ...]:
        return self.of(FocalPoint)

    def day_asked(self, as_of: object | None = None) -> dt.date:
        """The day to look at: ``as_of`` when given, else the date the dataset speaks
        for (``dataset.as_of``), else today (:func:`coordgraph.dates.day_asked`)."""
        return day_asked({"as_of": self.info.as_of}, as_of)

    @property
    def coverage(self) -> tuple[Coverage, ...]:
        """What the dataset claims to list completely (coverage statements)."""
        return self.of(Coverage)

    @property
    def routes(self) -> tuple[Route, ...]:
        return self.of(Route)

    @cached_property
    def route_table(self) -> RouteTable:
        """The routes as one table (see :mod:`coordgraph.routes.table`)."""
        from coordgraph.routes.table import RouteTable

        if self.table is not None:
            return self.table
        return RouteTable.from_records(self.of(Route))

    def country_codes(self) -> set[str]:
        """Every State any record refers to."""
        from coordgraph.graph import referenced_countries

        return referenced_countries(self)

    def with_records(self, records: Iterable[Record]) -> Dataset:
        """A new dataset with ``records`` added (a record with an existing id replaces it)."""
        records = list(records)
        as_table = self.table is not None and not any(isinstance(r, Route) for r in records)
        merged: dict[type[Record], dict[str, Record]] = {
            t: {r.id: r for r in self.of(t)} for t in RECORD_TYPES if not (as_table and t is Route)
        }
        for record in records:
            merged[type(record)][record.id] = record
        return Dataset(
            self.info,
            {t: tuple(v.values()) for t, v in merged.items()},
            self.path,
            self.table if as_table else None,
            self.inclusion,
            self.stale_after,
        )

    def only_verified(self) -> Dataset:
        """The verified records, without their unverified or disputed memberships or
        parties (what the command line analyses by default)."""
        return self.at_levels({str(Verification.VERIFIED)})

    def at_levels(self, levels: Iterable[str | Verification]) -> Dataset:
        """The records (and memberships, parties) whose verification is one of ``levels``.

        ``verified``, ``unverified`` and ``disputed`` are three levels: the command line
        keeps verified records, adds unverified ones with ``--include-unverified`` and
        disputed ones with ``--include-disputed``.
        """
        keep = frozenset(str(level) for level in levels)
        records: dict[type[Record], tuple[Record, ...]] = {}
        table = routes_at_levels(self.table, keep) if self.table is not None else None
        for kind, of_kind in self.records.items():
            out = []
            for record in of_kind:
                if not kept(record.verification, keep):
                    continue
                updates = {}
                for ref in record.REFS:
                    if ref.link:
                        links = getattr(record, ref.field)
                        kept_links = tuple(x for x in links if kept(x.verification, keep))
                        if len(kept_links) != len(links):
                            updates[ref.field] = kept_links
                out.append(record.model_copy(update=updates) if updates else record)
            records[kind] = tuple(out)
        return Dataset(self.info, records, self.path, table, self.inclusion, self.stale_after)

    def own(self) -> Dataset:
        """The dataset as written, without what its ``include`` took in: its own records
        (and routes) under the same ``dataset`` section, include kept. Itself when it
        includes nothing."""
        if self.inclusion is None:
            return self
        own = [*self.inclusion.own, *([] if self.table is not None else self.of(Route))]
        mine = Dataset.from_records(self.info, own, path=self.path, routes=self.table)
        return replace(mine, stale_after=self.stale_after)

    def inlined(self) -> Dataset:
        """The dataset with what it includes written in: every record, no ``include``."""
        if self.inclusion is None:
            return self
        info = self.info.model_copy(update={"include": ()})
        return Dataset(info, self.records, self.path, self.table, stale_after=self.stale_after)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The dataset as a typed :class:`networkx.MultiDiGraph` (see :mod:`coordgraph.graph`)."""
        from coordgraph.graph import build_graph

        return build_graph(self)
