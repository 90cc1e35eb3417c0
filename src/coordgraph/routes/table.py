"""Routes as a table: one row per route, one column per field of the Route model.

A dataset can hold a million routes; as records (one pydantic object each) or as graph
nodes (a dict of dicts each) they cost too much time and memory. The coordination
structure stays a networkx graph; routes live here, in a polars DataFrame whose columns
are generated from :class:`coordgraph.model.Route`, and enter the graph aggregated
(see :mod:`coordgraph.graph`). Ask this table for one route's detail.

Column types follow the model: a tuple field is a list of strings, a count is an
integer, everything else (ids, places, dates, enumerations) is its text, exactly as the
record would serialise it. Citations are ``source[:locator]`` strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, get_args, get_origin

from coordgraph.model import Route
from coordgraph.vocab import NodeKind

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "PAIR_COLUMNS",
    "ROUTE_COLUMNS",
    "ROUTE_PLACES",
    "RouteTable",
    "cell_value",
    "route_node",
    "route_stops",
    "routes_of",
    "stops_column",
]

#: The fields that hold a route's places, in travel order, as the model declares them.
ROUTE_PLACES: tuple[str, str, str] = Route.PLACES


def route_stops(row: Mapping[str, Any]) -> tuple[str, ...]:
    """A route's stops in travel order: origin, transits, destination (``row``: a table
    row, or any mapping of the Route fields)."""
    first, middle, last = ROUTE_PLACES
    return (row[first], *(row[middle] or ()), row[last])


def stops_column() -> pl.Expr:
    """:func:`route_stops` as a polars expression over the route table: a list column
    named ``stops``."""
    import polars as pl

    first, middle, last = ROUTE_PLACES
    no_transits = pl.lit([], dtype=pl.List(pl.String))
    return pl.concat_list(pl.col(first), pl.col(middle).fill_null(no_transits), pl.col(last)).alias(
        "stops"
    )


#: The columns of :meth:`RouteTable.pairs`, in order.
PAIR_COLUMNS = ("a", "b", "victims", "endpoints", "legs", "routes", "volume", "volumes")


def _uses(coded: pl.DataFrame) -> pl.DataFrame:
    """Every use of a pair of places by a route: its two ends (``leg`` 0) and each
    consecutive leg of a route with transits (``leg`` 1, 2, ...), in route then leg
    order; places as integer codes."""
    import polars as pl

    keep = ("seq", "a", "b", "victims", "volume", "leg")
    ends = coded.select(
        "seq",
        pl.col("stops").list.first().alias("a"),
        pl.col("stops").list.last().alias("b"),
        "victims",
        "volume",
        pl.lit(0, pl.Int32).alias("leg"),
    )
    legs = (
        coded.filter(pl.col("stops").list.len() > 2)
        .with_columns(n=(pl.col("stops").list.len() - 1).cast(pl.Int32))
        .with_columns(
            pl.col("stops").list.head(pl.col("n")).alias("a"),
            pl.col("stops").list.tail(pl.col("n")).alias("b"),
            pl.int_ranges(1, pl.col("n") + 1, dtype=pl.Int32).alias("leg"),
        )
        .select(*keep)
        .explode("a", "b", "leg")
    )
    return pl.concat([ends, legs]).sort("seq", "leg")


def _pairs(table: RouteTable) -> pl.DataFrame:
    """:meth:`RouteTable.pairs`, worked out on integer codes of places and victims."""
    import polars as pl

    places = sorted(table.places())
    mapping = {place: code for code, place in enumerate(places)}
    victims = pl.col("victims").fill_null([]).list.unique().list.sort().list.join("|")
    coded = table.df.select(
        pl.int_range(pl.len(), dtype=pl.UInt32).alias("seq"),
        stops_column().list.eval(pl.element().replace_strict(mapping, return_dtype=pl.UInt32)),
        victims.alias("victims"),
        "volume",
    )
    uses = _uses(coded)
    key = ["a", "b", "victims"]
    once = uses.unique(subset=[*key, "seq"], keep="first", maintain_order=True)
    pairs = (
        uses.group_by(key, maintain_order=True)
        .agg(
            (pl.col("leg") == 0).sum().alias("endpoints"),
            (pl.col("leg") > 0).sum().alias("legs"),
        )
        .join(
            once.group_by(key).agg(
                pl.len().alias("routes"),
                pl.col("volume").sum().alias("volume"),
                pl.col("volume").count().alias("volumes"),
            ),
            on=key,
            how="left",
            maintain_order="left",
        )
    )
    decode = dict(enumerate(places))
    return pairs.with_columns(
        pl.col(end).replace_strict(decode, return_dtype=pl.String) for end in ("a", "b")
    ).select(PAIR_COLUMNS)


def route_node(route_id: str) -> str:
    """The id a route has in findings and exports: ``"Route:<id>"``."""
    return f"{NodeKind.ROUTE}:{route_id}"


def _column_kinds() -> dict[str, str]:
    """field -> ``list``, ``int`` or ``str``, read from the Route model's annotations."""
    out: dict[str, str] = {}
    for name, info in Route.model_fields.items():
        base: Any = info.annotation
        while get_origin(base) is not None and get_origin(base) is not tuple:
            # Optional[X] / X | None / Annotated[X, ...]: look at X
            base = next(a for a in get_args(base) if a is not type(None))
        if get_origin(base) is tuple:
            out[name] = "list"
        elif base is int:
            out[name] = "int"
        else:
            out[name] = "str"
    return out


#: Column kind of each Route field (``list``, ``int`` or ``str``), in model order.
ROUTE_COLUMNS: dict[str, str] = _column_kinds()


def _schema() -> dict[str, Any]:
    import polars as pl

    types = {"list": pl.List(pl.String), "int": pl.Int64, "str": pl.String}
    return {name: types[kind] for name, kind in ROUTE_COLUMNS.items()}


def cell_value(value: Any) -> Any:
    """A field's value as its table cell: lists of text, integers, text or ``None``."""
    if value is None:
        return None
    if isinstance(value, tuple):
        return [str(v.value if hasattr(v, "value") else v) for v in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    return str(value.value if hasattr(value, "value") else value)


class RouteTable:
    """Every route of a dataset as one table (a :class:`polars.DataFrame`).

    Build one with :meth:`from_records` (small data, YAML) or let the CSV reader build
    it column-wise. Row order is file order.
    """

    def __init__(self, df: pl.DataFrame) -> None:
        self.df = df
        self._distinct: dict[str, list[str]] = {}

    @cached_property
    def _pairs(self) -> pl.DataFrame:
        return _pairs(self)

    def pairs(self) -> pl.DataFrame:
        """The routes aggregated by pair of places, one row per distinct (place ``a``,
        place ``b``, recorded ``victims``) over each route's two ends and each of its
        legs, in the order of first use (routes in table order, ends before legs).

        ``victims`` is the route's recorded victims, deduplicated, sorted and joined by
        ``|``; ``endpoints`` and ``legs`` count the uses that are a route's two ends and
        those that are one of its legs; ``routes`` counts the routes that use the pair
        and ``volume`` sums their cases, each route once (``volumes``: how many of them
        record a volume). Worked out once per table (on integer codes of the places)."""
        return self._pairs

    def volumes(self) -> dict[str, int]:
        """Cases recorded per route, by route node id (:func:`route_node`), for the
        routes that record them (:func:`coordgraph.state_pairs.state_pairs` counts each
        route of a pair of States once with it)."""
        import polars as pl

        df = self.df.filter(pl.col("volume").is_not_null())
        # route_node of every id at once: its id after the prefix route_node gives ""
        nodes = df.select(pl.concat_str(pl.lit(route_node("")), "id")).to_series().to_list()
        return dict(zip(nodes, df.get_column("volume").to_list(), strict=True))

    def distinct(self, field: str) -> list[str]:
        """The distinct values of a column (of its items, for a list column), in no
        particular order; worked out once per table."""
        import polars as pl

        if field not in self._distinct:
            column = self.df.get_column(field)
            if column.dtype == pl.List(pl.String):
                column = column.explode()
            self._distinct[field] = list(column.drop_nulls().unique().to_list())
        return self._distinct[field]

    def know_distinct(self, field: str, values: Iterable[str]) -> None:
        """Record a column's distinct values, known already to whoever built the table
        (the column-wise reader validates each distinct cell)."""
        self._distinct[field] = list(set(values))

    @classmethod
    def empty(cls) -> RouteTable:
        import polars as pl

        return cls(pl.DataFrame(schema=_schema()))

    @classmethod
    def from_records(cls, routes: Iterable[Route]) -> RouteTable:
        import polars as pl

        columns: dict[str, list[Any]] = {name: [] for name in ROUTE_COLUMNS}
        for route in routes:
            for name in ROUTE_COLUMNS:
                columns[name].append(cell_value(getattr(route, name)))
        return cls(pl.DataFrame(columns, schema=_schema()))

    def __len__(self) -> int:
        return self.df.height

    def __repr__(self) -> str:
        return f"<RouteTable: {len(self)} routes>"

    @cached_property
    def _index(self) -> dict[str, int]:
        return {rid: i for i, rid in enumerate(self.df.get_column("id").to_list())}

    def ids(self) -> list[str]:
        return list(self.df.get_column("id").to_list())

    def __contains__(self, route_id: object) -> bool:
        return route_id in self._index

    def row(self, route_id: str) -> dict[str, Any]:
        """One route's cells (``None`` and empty lists included)."""
        return dict(self.df.row(self._index[route_id], named=True))

    def stops(self, route_id: str) -> tuple[str, ...]:
        """The places of one route in order (:func:`route_stops`)."""
        return route_stops(self.row(route_id))

    def places(self) -> set[str]:
        """Every distinct place a route passes through (origin, transit, destination)."""
        return {p for f in ROUTE_PLACES for p in self.distinct(f)}

    def records(self) -> Iterator[Route]:
        """The routes as validated records (for small tables: writers, conversions)."""
        for row in self.df.iter_rows(named=True):
            yield Route.model_validate({k: v for k, v in row.items() if v not in (None, [])})

    def filter(self, mask: pl.Expr | pl.Series) -> RouteTable:
        return RouteTable(self.df.filter(mask))


def routes_of(G: Any) -> RouteTable:
    """The route table a graph from :func:`coordgraph.build_graph` carries
    (``G.graph["routes"]``); an empty table for a graph without one."""
    table = G.graph.get("routes")
    return table if isinstance(table, RouteTable) else RouteTable.empty()
