"""Property values to and from what a graph database stores (primitives and lists)."""

from __future__ import annotations

import functools
import re
from enum import Enum
from typing import TYPE_CHECKING, Any

from coordgraph.dates import FuzzyDate
from coordgraph.errors import BackendError
from coordgraph.model import RECORD_TYPES, Membership, Party
from coordgraph.neo4j.connection import Literal, escape_for_falkordb_bolt
from coordgraph.vocab import NodeKind, Relation

if TYPE_CHECKING:
    import polars as pl

__all__ = ["cypher_list", "escape_for_falkordb_bolt", "from_db", "to_db"]


#: Bolt integers are signed 64-bit
INT_MIN, INT_MAX = -(2**63), 2**63 - 1


def to_db(value: Any) -> Any:
    """A value as a Bolt-friendly primitive: dates keep their precision as text.

    An integer outside Bolt's signed 64-bit range raises
    :class:`~coordgraph.errors.BackendError` rather than overflowing in the driver.
    """
    if isinstance(value, int) and not isinstance(value, bool | Enum):
        if not INT_MIN <= value <= INT_MAX:
            raise BackendError(
                f"the number {value} is too large for a graph database (64-bit integers)"
            )
        return value
    if isinstance(value, FuzzyDate):
        return str(value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, tuple | list | set | frozenset):
        return [to_db(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _field_types(cls: type[Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, info in cls.model_fields.items():
        text = repr(info.annotation)
        if "FuzzyDate" in text:
            out[name] = "date"
        elif "tuple[" in text:
            out[name] = "tuple"
    return out


@functools.cache
def _node_types() -> dict[str, dict[str, str]]:
    types = {str(cls.KIND): _field_types(cls) for cls in RECORD_TYPES}
    types[str(NodeKind.COUNTRY)] = {**types[str(NodeKind.COUNTRY)], "sources": "tuple"}
    return types


@functools.cache
def _edge_types() -> dict[str, dict[str, str]]:
    return {
        str(Relation.PARTY_TO): _field_types(Party),
        str(Relation.MEMBER_OF): _field_types(Membership),
        str(Relation.CITES): {"locators": "tuple"},
    }


def _restore(props: dict[str, Any], types: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in props.items():
        kind = types.get(key)
        if kind == "date" and isinstance(value, str):
            out[key] = FuzzyDate.parse(value)
        elif isinstance(value, list):
            # the graph holds every list as a tuple (schema tuples, aggregates such as a
            # route pair's victims)
            out[key] = tuple(value)
        else:
            out[key] = value
    return out


def from_db(label: str, props: dict[str, Any], *, edge: bool = False) -> dict[str, Any]:
    """Restore the types the in-memory graph uses (dates, tuples) from stored properties."""
    table = _edge_types() if edge else _node_types()
    return _restore(props, table.get(label, {}))


_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def cypher_list(rows: pl.DataFrame) -> Literal:
    """``rows`` as one Cypher list literal of maps (one per row), written column-wise.

    What the native FalkorDB client does value by value (strings in double quotes with
    ``\\`` and ``"`` escaped, every other character as it is; null map entries left
    out), done by polars for a whole batch at once: a million routes are written in
    seconds instead of a minute.
    """
    import polars as pl

    row = _literal(pl.struct(pl.all()), pl.Struct(rows.schema))
    return Literal("[" + rows.select(row.str.join(",")).item() + "]")


def _literal(value: pl.Expr, dtype: Any) -> pl.Expr:
    """The Cypher text of each value of ``value`` (null stays null)."""
    import polars as pl

    if dtype == pl.String:
        escaped = value.str.replace_all("\\", "\\\\", literal=True).str.replace_all(
            '"', '\\"', literal=True
        )
        return pl.concat_str(pl.lit('"'), escaped, pl.lit('"'))
    if dtype.is_integer():
        return value.cast(pl.String)
    if dtype == pl.Boolean:
        return pl.when(value).then(pl.lit("true")).otherwise(pl.lit("false"))
    if isinstance(dtype, pl.List):
        items = _literal(pl.element(), dtype.inner).fill_null(pl.lit("null"))
        return pl.concat_str(pl.lit("["), value.list.eval(items).list.join(","), pl.lit("]"))
    if isinstance(dtype, pl.Struct):
        entries = []
        for field in dtype.fields:
            if not _IDENTIFIER.match(field.name):
                raise BackendError(f"{field.name!r} cannot be a property name")
            text = _literal(value.struct.field(field.name), field.dtype)
            entries.append(pl.concat_str(pl.lit(field.name + ":"), text))
        body = pl.concat_list(entries).list.drop_nulls().list.join(",")
        return pl.when(value.is_not_null()).then(pl.concat_str(pl.lit("{"), body, pl.lit("}")))
    raise BackendError(f"a column of type {dtype} cannot be sent to the server")
