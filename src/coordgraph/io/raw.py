"""Pass one of loading: turn raw rows into records, collecting every problem."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from coordgraph.countries import normalise_country
from coordgraph.dataset import Dataset
from coordgraph.errors import Problem, ValidationFailed
from coordgraph.model import SECTIONS, CountryInfo, DatasetInfo, Record, Route
from coordgraph.validate import check_references, plausibility_warnings, route_problems
from coordgraph.vocab import NodeKind

if TYPE_CHECKING:
    from coordgraph.io.csvdir import ColumnarRoutes
    from coordgraph.routes.table import RouteTable

__all__ = ["RawRecord", "build_dataset"]


@dataclass
class RawRecord:
    """One record as read from a file, with where each part came from."""

    section: str
    data: dict[str, Any]
    file: str
    row: int | None
    field_rows: dict[str, int] = field(default_factory=dict)
    #: Where nested link rows came from: (field, index) -> (file, row).
    origins: dict[tuple[str, int], tuple[str, int | None]] = field(default_factory=dict)


def _location(raw: RawRecord, loc: tuple[int | str, ...]) -> tuple[str, int | None, str]:
    parts = [str(p) for p in loc]
    if len(loc) >= 2 and isinstance(loc[1], int) and (str(loc[0]), loc[1]) in raw.origins:
        file, row = raw.origins[(str(loc[0]), loc[1])]
        if file == raw.file:  # an item of a list in the same file: keep its index
            return file, row, ".".join(parts)
        # a row of a child table: the index means nothing there
        return file, row, ".".join([str(loc[0]), *parts[2:]]) if len(loc) > 2 else str(loc[0])
    name = ".".join(parts)
    top = str(loc[0]) if loc else ""
    row = raw.field_rows.get(top, raw.row)
    return raw.file, row, name


def _problems_from(raw: RawRecord, error: ValidationError) -> list[Problem]:
    problems = []
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        # Drop pydantic's internal step names ("function-after[...]") from the location.
        loc = tuple(p for p in loc if not (isinstance(p, str) and "[" in p))
        file, row, name = _location(raw, loc)
        message = str(err["msg"]).removeprefix("Value error, ")
        hint = None
        if "; " in message and any(k in message for k in ("did you mean", "use ", "two-letter")):
            message, _, hint = message.partition("; ")
        if err["type"] == "extra_forbidden":
            message = "unknown field"
            hint = _known_fields_hint(raw.section, str(loc[-1]) if loc else "")
        elif err["type"] == "missing":
            message = "required field is missing"
        problems.append(Problem(file, row, name or None, message, hint))
    return problems


def _known_fields_hint(section: str, name: str) -> str | None:
    import difflib

    cls = SECTIONS.get(section)
    if cls is None:
        return None
    close = difflib.get_close_matches(name, list(cls.model_fields), n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    return "known fields: " + ", ".join(cls.model_fields)


def _same_id(section: str, raw_id: str) -> str:
    """The id two records must not share: a country's code, however it is written."""
    if section == CountryInfo.SECTION and raw_id:
        try:
            return normalise_country(raw_id)
        except ValueError:
            return raw_id
    return raw_id


def build_dataset(
    info: DatasetInfo,
    raws: list[RawRecord],
    *,
    problems: list[Problem] | None = None,
    path: Path | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    routes: ColumnarRoutes | None = None,
    warnings: list[Problem] | None = None,
    strict: bool = False,
) -> Dataset:
    """Validate raw rows (pass one), then references and graph rules (pass two).

    ``routes`` is ``routes.csv`` read column-wise (:mod:`coordgraph.io.columnar`);
    its table is kept when the screen accepted the file and the rules across records
    hold for it too, and the file is read row by row otherwise, so every problem is
    worded as the record path words it.

    ``on_progress(done, total)`` is called every 1,000 rows (progress bars use it).
    When ``warnings`` is a list, what is valid but implausible
    (:func:`~coordgraph.validate.plausibility_warnings`) is added to it; ``strict``
    makes those problems.
    Raises :class:`~coordgraph.errors.ValidationFailed` with every problem at once.
    """
    found: list[Problem] = list(problems or [])
    records: list[Record] = []
    where: dict[tuple[str, str], RawRecord] = {}

    def validate(raws: list[RawRecord]) -> None:
        for done, raw in enumerate(raws, start=1):
            if on_progress is not None and (done % 1000 == 0 or done == len(raws)):
                on_progress(done, len(raws))
            record = _validate_one(raw, where, found)
            if record is not None:
                records.append(record)

    validate(raws)
    inclusion = None
    if info.include:
        from coordgraph.include import include_location, include_records

        def locate(record: Record, name: str | None, index: int | None) -> tuple[str, int | None]:
            raw = where.get((record.SECTION, record.id))
            if raw is None:
                return record.SECTION, None
            if name is not None and index is not None and (name, index) in raw.origins:
                return raw.origins[(name, index)]
            return raw.file, raw.field_rows.get(name, raw.row) if name else raw.row

        records, inclusion, more = include_records(
            info.include, records, base=path, locate=locate, include_line=include_location(path)
        )
        found.extend(more)
    table = None
    if routes is not None:
        candidate = routes.table()
        if candidate is not None and _routes_hold(candidate, where):
            table = candidate
        else:
            validate(routes.raw_records(found))
    dataset = Dataset.from_records(info, records, path=path, routes=table, inclusion=inclusion)
    places = {k: (v.file, v.row, v.field_rows) for k, v in where.items()}
    origins = {k: v.origins for k, v in where.items() if v.origins}
    found.extend(check_references(dataset, places, origins, routes_checked=table is not None))
    if warnings is not None or strict:
        doubts = plausibility_warnings(dataset, places, origins)
        if (
            table is not None
            and routes is not None
            and any(d.file == Route.SECTION and d.row is None for d in doubts)
        ):  # routes read column-wise have no rows yet: the record path gives them
            for raw in routes.raw_records([]):
                key = (raw.section, str(raw.data.get("id", "")).strip())
                places.setdefault(key, (raw.file, raw.row, raw.field_rows))
            doubts = plausibility_warnings(dataset, places, origins)
        if strict:
            found.extend(doubts)
        elif warnings is not None:
            warnings.extend(doubts)
    if found:
        raise ValidationFailed(found)
    return dataset


def _routes_hold(table: RouteTable, where: dict[tuple[str, str], RawRecord]) -> bool:
    """Whether routes read column-wise keep the rules across records: ids unique, and
    what :func:`~coordgraph.validate.route_problems` checks against the other tables."""
    if table.df.get_column("id").n_unique() != len(table):
        return False
    ids: dict[NodeKind, set[str]] = {}
    for section, raw_id in where:
        cls = SECTIONS.get(section)
        if cls is not None and raw_id:
            ids.setdefault(cls.KIND, set()).add(raw_id)
    return not route_problems(table, ids, lambda _route, _field: ("", None))


def _validate_one(
    raw: RawRecord, where: dict[tuple[str, str], RawRecord], found: list[Problem]
) -> Record | None:
    """One raw row as a record (``None`` when it has a problem, added to ``found``)."""
    cls = SECTIONS.get(raw.section)
    if cls is None:
        found.append(
            Problem(
                raw.file,
                raw.row,
                None,
                f"unknown section {raw.section!r}",
                "known sections: " + ", ".join(SECTIONS),
            )
        )
        return None
    raw_id = str(raw.data.get("id", "")).strip()
    key = (raw.section, _same_id(raw.section, raw_id))
    if raw_id and key in where:
        first = where[key]
        first_id = str(first.data.get("id", "")).strip()
        same = f" (the same country as {first_id!r})" if first_id != raw_id else ""
        found.append(
            Problem(
                raw.file,
                raw.field_rows.get("id", raw.row),
                "id",
                f"duplicate id {raw_id!r} in {raw.section}{same}",
                f"first used at {first.file}:{first.row}",
            )
        )
        return None
    if raw_id:
        where[key] = raw
    try:
        return cls.model_validate(raw.data)
    except ValidationError as exc:
        found.extend(_problems_from(raw, exc))
        return None
