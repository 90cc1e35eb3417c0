"""Routes validated column by column, with rules generated from the Route model.

A million routes validated one pydantic object at a time cost minutes. The same rules,
applied to columns, cost a fraction of a second, because a column of a million cells
holds few distinct values: a few hundred places, a few dozen dates, a handful of
victim groups. Each field's rule is generated from :class:`coordgraph.model.Route`:

* a field whose only checks are lengths and a pattern (``id``, ``name``, ``notes``:
  one value per route) is checked in one vectorised pass with the model's own length
  bounds and pattern (:data:`coordgraph.model.TEXT_PATTERNS`);
* every other field is validated once per distinct cell by a pydantic ``TypeAdapter``
  of the field's own annotation and metadata (the same country, place, date, citation
  and vocabulary validators a record runs), and the normalised value is mapped back
  onto every row (by a join; or, when every distinct cell is already written as its
  normalised value, by a plain split or cast of the column);
* the model's own rule across fields (the period in order,
  :func:`coordgraph.model.check_period`) runs once per distinct pair of dates.

These functions only say yes or no. They never word a problem: when any cell breaks a
rule the reader falls back to validating that file row by row, so every message is the
one a record gets (file, row, field, wording).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, get_args, get_origin

from annotated_types import MaxLen, MinLen
from pydantic import AfterValidator, ConfigDict, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from coordgraph.dates import FuzzyDate
from coordgraph.model import MULTI_SEPARATOR, TEXT_PATTERNS, Route, check_period
from coordgraph.routes.table import ROUTE_COLUMNS, RouteTable, cell_value

if TYPE_CHECKING:
    import polars as pl

__all__ = ["COLUMN_RULES", "ColumnRule", "route_table_from_text", "rules_cover_model"]

#: Model validators the column rules implement (the column reader refuses to run for a
#: Route model with others, so a new rule can never be skipped silently).
_MODEL_RULES = frozenset({"_period_in_order"})
#: Whether a record strips blanks around text before checking it.
_STRIP = bool(Route.model_config.get("str_strip_whitespace"))


@dataclass(frozen=True)
class ColumnRule:
    """How one column of routes is checked.

    ``pattern`` rules (``min_length``, ``max_length``, ``pattern``) run on the whole
    column at once; otherwise ``adapter`` validates each distinct cell. ``default`` is
    the cell of a route that leaves the field blank; ``required`` fields may not.
    """

    field: str
    kind: str
    required: bool
    default: Any
    adapter: TypeAdapter[Any] | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None


def _flatten(annotation: Any) -> tuple[Any, list[Any], bool]:
    """(base type, metadata, optional) of an annotation such as
    ``Optional[Annotated[str, Field(max_length=5000)]]``."""
    optional = False
    metadata: list[Any] = []
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            base, *extra = get_args(annotation)
            for item in extra:
                metadata.extend(item.metadata if isinstance(item, FieldInfo) else [item])
            annotation = base
        elif origin is not None and type(None) in get_args(annotation):
            optional = True
            (annotation,) = [a for a in get_args(annotation) if a is not type(None)]
        else:
            return annotation, metadata, optional


def _rule(name: str, info: FieldInfo) -> ColumnRule:
    base, metadata, _optional = _flatten(info.annotation)
    metadata = [*info.metadata, *metadata]
    default = None if info.is_required() else cell_value(info.get_default())
    required = info.is_required()
    if base is str and all(
        isinstance(m, MinLen | MaxLen)
        or (isinstance(m, AfterValidator) and m.func in TEXT_PATTERNS)
        for m in metadata
    ):
        patterns = [
            TEXT_PATTERNS[m.func].pattern for m in metadata if isinstance(m, AfterValidator)
        ]
        return ColumnRule(
            name,
            ROUTE_COLUMNS[name],
            required,
            default,
            min_length=next((m.min_length for m in metadata if isinstance(m, MinLen)), None),
            max_length=next((m.max_length for m in metadata if isinstance(m, MaxLen)), None),
            pattern=patterns[0] if len(patterns) == 1 else None,
        )
    config = ConfigDict(str_strip_whitespace=_STRIP)
    annotation: Any = info.annotation
    if info.metadata:
        annotation = Annotated[annotation, *info.metadata]
    adapter: TypeAdapter[Any] = TypeAdapter(annotation, config=config)
    return ColumnRule(name, ROUTE_COLUMNS[name], required, default, adapter=adapter)


@functools.cache
def _rules() -> dict[str, ColumnRule]:
    return {name: _rule(name, info) for name, info in Route.model_fields.items()}


class _Rules:
    """The rules of every Route column, generated from the model on first use."""

    def __getitem__(self, name: str) -> ColumnRule:
        return _rules()[name]

    def __iter__(self) -> Any:
        return iter(_rules().values())


#: The rule of each Route field, generated from the model (see :class:`ColumnRule`).
COLUMN_RULES = _Rules()


def rules_cover_model() -> bool:
    """Whether the column rules implement every check of the Route model.

    Field types and metadata are read from the model itself; what cannot be read is a
    validator across fields or on a field, so those must be the ones implemented here.
    """
    decorators = Route.__pydantic_decorators__
    return (
        set(decorators.model_validators) <= _MODEL_RULES
        and not decorators.field_validators
        and Route.model_config.get("extra") == "forbid"
        and all(
            info.validation_alias is None or info.validation_alias == name
            for name, info in Route.model_fields.items()
        )
    )


def route_table_from_text(text: pl.DataFrame, *, max_cell: int | None = None) -> RouteTable | None:
    """Validate routes given as text cells; the routes as a table, or ``None`` when any
    cell or row breaks a rule of the Route model (or looks odd enough to leave to the
    record path).

    ``text`` has one string column per field given (a subset of the Route fields), one
    row per route, cells as read (``None`` where empty). A cell of spaces and tabs is
    blank, as in a record; a cell that starts or ends with another blank character, or a
    one-value cell with a line break, is left to the record path (which characters count
    as blank differs between libraries). ``max_cell`` refuses longer cells.
    """
    import polars as pl

    if not rules_cover_model() or not set(text.columns) <= set(ROUTE_COLUMNS):
        return None
    columns: dict[str, pl.Series] = {}
    distinct: dict[str, list[Any]] = {}
    for rule in COLUMN_RULES:
        if rule.field not in text.columns:
            if rule.required:
                return None
            columns[rule.field] = _constant(rule.default, rule.kind, text.height)
            continue
        column = text.get_column(rule.field)
        if rule.adapter is None:
            checked = _by_pattern(rule, column, max_cell)
        else:
            checked = _by_value(rule, column, max_cell, distinct.setdefault(rule.field, []))
        if checked is None:
            return None
        columns[rule.field] = checked.alias(rule.field)
    table = pl.DataFrame(columns)
    if not _periods_in_order(table):
        return None
    out = RouteTable(table)
    for field, cells in distinct.items():
        items = (i for c in cells for i in c) if ROUTE_COLUMNS[field] == "list" else cells
        out.know_distinct(field, (i for i in items if i is not None))
    return out


def _constant(value: Any, kind: str, height: int) -> pl.Series:
    import polars as pl

    return pl.repeat(pl.lit(value, dtype=_dtype(kind)), height, eager=True)


def _dtype(kind: str) -> Any:
    import polars as pl

    return {"list": pl.List(pl.String), "int": pl.Int64, "str": pl.String}[kind]


def _odd(cell: str) -> bool:
    """A cell whose edge is a blank other than a space or a tab."""
    return any(c.isspace() and c not in " \t" for c in (cell[:1], cell[-1:]) if c)


def _by_pattern(rule: ColumnRule, column: pl.Series, max_cell: int | None) -> pl.Series | None:
    """A text column checked in one pass: lengths (in characters) and pattern."""
    import polars as pl

    if rule.pattern is None and column.drop_nulls().str.contains(r"^[^\S \t]|[^\S \t]$").any():
        return None  # the pattern, when there is one, refuses every blank
    if _STRIP:
        column = column.str.strip_chars(" \t")
    column = column.to_frame("v").select(pl.when(pl.col("v") != "").then(pl.col("v"))).to_series()
    if rule.required and column.null_count():
        return None
    values = column.drop_nulls()
    lengths = values.str.len_chars()
    if rule.min_length is not None and (lengths < rule.min_length).any():
        return None
    longest = rule.max_length if max_cell is None else min(rule.max_length or max_cell, max_cell)
    if longest is not None and (lengths > longest).any():
        return None
    if rule.pattern is not None and not values.str.contains(rule.pattern).all():
        return None
    if column.null_count() and rule.default is not None:
        return column.fill_null(rule.default)
    return column


def _by_value(
    rule: ColumnRule, column: pl.Series, max_cell: int | None, seen: list[Any]
) -> pl.Series | None:
    """A column validated once per distinct cell, the normalised value mapped back;
    ``seen`` gets every distinct cell of the result."""
    import polars as pl

    assert rule.adapter is not None
    if rule.required and column.null_count():
        return None
    distinct = column.drop_nulls().unique()
    cells: list[Any] = []
    distinct_text = distinct.to_list()
    for value in distinct_text:
        if _odd(value) or "\n" in value or "\r" in value:
            return None
        if max_cell is not None and len(value) >= max_cell:
            return None
        if not value.strip(" \t"):  # a blank cell: the field is left out
            if rule.required:
                return None
            cells.append(rule.default)
            continue
        try:
            cells.append(cell_value(rule.adapter.validate_python(value)))
        except (ValidationError, ValueError):
            return None
    seen.extend(cells)
    if column.null_count():
        seen.append(rule.default)
    dtype = _dtype(rule.kind)
    if all(_as_written(rule.kind, v, c) for v, c in zip(distinct_text, cells, strict=True)):
        out = _converted(rule.kind, column)  # already normalised: no lookup needed
    else:
        mapping = pl.DataFrame({"raw": distinct, "cell": pl.Series(cells, dtype=dtype)})
        out = (
            column.to_frame("raw")
            .join(mapping, on="raw", how="left", maintain_order="left")
            .get_column("cell")
        )
    if rule.default is not None and out.null_count():
        filled = pl.col("v").fill_null(pl.lit(rule.default, dtype=dtype))
        return out.to_frame("v").select(filled).to_series()
    return out


def _as_written(kind: str, text: str, cell: Any) -> bool:
    """Whether a cell's normalised value is what :func:`_converted` makes of its text."""
    if kind == "list":
        return bool(cell == text.split(MULTI_SEPARATOR))
    if kind == "int":
        return str(cell) == text
    return bool(cell == text)


def _converted(kind: str, column: pl.Series) -> pl.Series:
    """A text column as the column type: split into lists, or read as integers."""
    import polars as pl

    if kind == "list":
        return column.str.split(MULTI_SEPARATOR)
    if kind == "int":
        return column.cast(pl.Int64)
    return column


def _periods_in_order(table: pl.DataFrame) -> bool:
    """The model's rule across fields, once per distinct pair of dates."""
    pairs = table.select("valid_from", "valid_to").drop_nulls().unique()
    for start, end in pairs.iter_rows():
        try:
            check_period(FuzzyDate.parse(start), FuzzyDate.parse(end))
        except ValueError:
            return False
    return True
