"""Case-level data (one row per identified victim, CTDC-style) aggregated into routes.

Expected columns (rename with the ``columns`` argument or ``--column``):

================================  ==================================================
``citizenship``                   ISO 3166-1 alpha-2 code of the victim's citizenship
``CountryOfExploitation``         ISO alpha-2 code of the country of exploitation
``yearOfRegistration``            year the case was registered
``ageBroad``                      age group; values starting ``0``-``17`` or containing
                                  ``child``/``minor`` mean a child
``gender``                        ``Female``/``Male`` (anything else: not recorded)
``typeOfExploitConcatenated``     exploitation type(s), e.g. ``Sexual exploitation``
================================  ==================================================

Rows with the same origin, destination, year, victim group and purpose become one
route whose ``volume`` is the number of rows; routes below ``min_volume`` are dropped
(UNODC's flow convention counts a flow from 5 detected victims). Empty or unknown codes
become an unknown endpoint rather than being dropped.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coordgraph.countries import normalise_country
from coordgraph.dataset import Dataset
from coordgraph.dates import FuzzyDate
from coordgraph.errors import DataError
from coordgraph.model import DatasetInfo, Route, Source

if TYPE_CHECKING:
    import polars as pl

    from coordgraph.routes.table import RouteTable

__all__ = ["DEFAULT_COLUMNS", "routes_from_cases"]

DEFAULT_COLUMNS = {
    "origin": "citizenship",
    "destination": "CountryOfExploitation",
    "year": "yearOfRegistration",
    "age": "ageBroad",
    "sex": "gender",
    "purpose": "typeOfExploitConcatenated",
}
#: Largest case file read column-wise (a larger one is read row by row).
MAX_CASE_BYTES = 2_000_000_000
_PURPOSES = {
    "sexual": "sexual_exploitation",
    "labour": "labour",
    "labor": "labour",
    "domestic": "domestic_servitude",
    "marriage": "marriage",
    "begging": "begging",
    "adoption": "adoption",
    "crime": "criminal_activity",
    "criminal": "criminal_activity",
}


def _place(code: str, side: str) -> str:
    """A case's country as a route place; an unknown one says which end it is, so that a
    case with neither end recorded is not a route from a place to the same place."""
    text = code.strip()
    unknown = f"unknown: {side} not recorded"
    if not text or text.lower() in {"-99", "unknown", "na", "n/a", "00", "xx"}:
        return unknown
    try:
        return normalise_country(text)
    except ValueError:
        return unknown


def _victims(age: str, sex: str) -> str:
    a = age.strip().lower()
    first = re.match(r"\d+", a)
    child = first is not None and int(first.group(0)) < 18
    child = child or "child" in a or "minor" in a
    adult = bool(a) and not child and ("adult" in a or a[:1].isdigit())
    s = sex.strip().lower()
    if child:
        return {"female": "girls", "male": "boys"}.get(s, "children")
    if adult:
        return {"female": "women", "male": "men"}.get(s, "adults")
    return ""


def _purpose(text: str) -> str:
    low = text.lower()
    for key, value in _PURPOSES.items():
        if key in low:
            return value
    return "other" if low.strip() else "unknown"


def routes_from_cases(
    path: Path,
    *,
    min_volume: int = 1,
    columns: dict[str, str] | None = None,
    name: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Dataset:
    """Aggregate a case-level CSV into a dataset of routes with volumes.

    The file is read column-wise (each rule below applied once per distinct value or
    pair of values, the rows then counted by group), the routes held as a table; a file
    that is not plainly well-formed CSV is read row by row, with the same result.

    ``on_progress(done, total)`` is called as rows are read.
    """
    cols = {**DEFAULT_COLUMNS, **(columns or {})}
    source = Source(
        id="cases", title=f"Case-level records from {Path(path).name}", locator=str(path)
    )
    info = DatasetInfo(name=name or "cases", title=f"Routes aggregated from {Path(path).name}")
    groups = _groups_by_column(Path(path), cols, on_progress)
    table = None if groups is None else _route_table(groups, min_volume)
    if table is not None:
        return Dataset.from_records(info, [source], routes=table)
    if groups is None:
        counts = _groups_by_row(Path(path), cols, on_progress)
    else:  # a value the table refuses: let the records say which
        counts = Counter({key[:5]: key[5] for key in groups.iter_rows()})
    routes = [
        Route(
            id=f"cases-{i}",
            origin=o,
            destination=d,
            victims=v,
            purposes=p,
            valid_from=y or None,
            valid_to=y or None,
            volume=n,
            sources=("cases",),
        )
        for i, ((o, d, y, v, p), n) in enumerate(sorted(counts.items()))
        if n >= min_volume
    ]
    return Dataset.from_records(info, [source, *routes])


_KEY = ("origin", "destination", "year", "victims", "purpose")


def _groups_by_row(
    path: Path, cols: dict[str, str], on_progress: Callable[[int, int], None] | None
) -> Counter[tuple[str, str, str, str, str]]:
    """How many rows fall in each (origin, destination, year, victims, purpose)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            _check_columns(path, list(reader.fieldnames or []), cols)
            total = 0
            if on_progress is not None:
                with path.open(encoding="utf-8-sig", newline="") as count:
                    total = max(0, sum(1 for _ in count) - 1)
            counts: Counter[tuple[str, str, str, str, str]] = Counter()
            for done, row in enumerate(reader, start=1):
                counts[_key(row, cols, path, reader.line_num)] += 1
                if on_progress is not None and (done % 10000 == 0 or done == total):
                    on_progress(done, total)
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text; save it as CSV UTF-8") from None
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    return counts


def _check_columns(path: Path, fieldnames: list[str], cols: dict[str, str]) -> None:
    missing = [c for c in (cols["origin"], cols["destination"]) if c not in fieldnames]
    if missing:
        raise DataError(
            f"{path}: missing column(s) {', '.join(missing)}; "
            f"found {', '.join(fieldnames)} (rename with --column KEY=NAME)"
        )


def _groups_by_column(
    path: Path, cols: dict[str, str], on_progress: Callable[[int, int], None] | None
) -> pl.DataFrame | None:
    """The same counts as :func:`_groups_by_row`, as a frame (the key columns and ``n``),
    or ``None`` when the file should be read row by row."""
    import polars as pl

    from coordgraph.io.columnar import text_columns

    if not path.is_file():
        raise DataError(f"{path}: no such file")
    with path.open("rb") as handle:  # the header, whatever ends its line (\n, \r\n or \r)
        head = re.split(rb"\r\n|\r|\n", handle.read(1 << 16), maxsplit=1)[0]
    first = head.decode("utf-8-sig", errors="replace")
    names = next(csv.reader([first]), [])
    if any(n != n.strip() for n in names):
        return None  # the row path matches names as written; keep its answer
    text = text_columns(path, max_bytes=MAX_CASE_BYTES)
    if text is None:
        return None
    _check_columns(path, text.columns, cols)
    if on_progress is not None:
        on_progress(0, text.height)

    def cell(key: str) -> pl.Expr:
        name = cols.get(key)
        return (pl.col(name) if name in text.columns else pl.lit(None)).cast(pl.String)

    raw = text.select(
        cell("origin").fill_null("").alias("o"),
        cell("destination").fill_null("").alias("d"),
        cell("year").fill_null("").alias("y"),
        cell("age").fill_null("").alias("a"),
        cell("sex").fill_null("").alias("s"),
        cell("purpose").fill_null("").alias("p"),
    )
    counted = raw.group_by("o", "d", "y", "a", "s", "p").len("n")
    origins = _mapping(counted, ["o"], lambda code: _place(code, "origin"))
    destinations = _mapping(counted, ["d"], lambda code: _place(code, "destination"))
    years = _mapping(counted, ["y"], _year)
    for value, year in years.items():
        if year is None:
            index = text.with_row_index("i").filter(cell("year") == value).get_column("i")
            _bad_year(path, cols["year"], value, int(index[0]) + 2 if len(index) else None)
    purposes = _mapping(counted, ["p"], _purpose)
    victims = pl.DataFrame(
        [(a, s, _victims(a, s)) for a, s in counted.select("a", "s").unique().iter_rows()],
        schema={"a": pl.String, "s": pl.String, "victims": pl.String},
        orient="row",
    )
    keyed = counted.join(victims, on=["a", "s"], how="left").select(
        pl.col("o").replace_strict(origins, return_dtype=pl.String).alias("origin"),
        pl.col("d").replace_strict(destinations, return_dtype=pl.String).alias("destination"),
        pl.col("y").replace_strict(years, return_dtype=pl.String).alias("year"),
        pl.col("victims"),
        pl.col("p").replace_strict(purposes, return_dtype=pl.String).alias("purpose"),
        pl.col("n"),
    )
    groups = keyed.group_by(*_KEY).agg(pl.col("n").sum()).sort(*_KEY)
    if on_progress is not None:
        on_progress(text.height, text.height)
    return groups


def _mapping(frame: pl.DataFrame, names: list[str], rule: Callable[..., Any]) -> dict[Any, Any]:
    """A rule applied once per distinct value (or tuple of values) of some columns."""
    distinct = frame.select(names).unique().iter_rows()
    if len(names) == 1:
        return {row[0]: rule(row[0]) for row in distinct}
    return {row: rule(*row) for row in distinct}


def _year(text: str) -> str | None:
    """A case's year: the year, "" when none is recorded (not four digits), None when
    four digits name no year a date can have (0999)."""
    year = text.strip()
    if not (year.isascii() and year.isdigit() and len(year) == 4):
        return ""
    try:
        FuzzyDate.parse(year)
    except ValueError:
        return None
    return year


def _bad_year(path: Path, column: str, value: str, row: int | None) -> None:
    where = f"{path}:{row}:{column}" if row is not None else f"{path}:{column}"
    raise DataError(
        f"{where}: {value.strip()!r} is not a year a record can have (1000 to 2999); "
        "correct it, or clear it if the year is not known"
    )


def _route_table(groups: pl.DataFrame, min_volume: int) -> RouteTable | None:
    """The counted groups as routes (ids numbered over every group, as the records are)."""
    import polars as pl

    from coordgraph.routes.columns import route_table_from_text

    year = pl.when(pl.col("year") != "").then(pl.col("year"))
    text = (
        groups.with_row_index("i")
        .filter(pl.col("n") >= min_volume)
        .select(
            (pl.lit("cases-") + pl.col("i").cast(pl.String)).alias("id"),
            pl.lit("cases").alias("sources"),
            year.alias("valid_from"),
            year.alias("valid_to"),
            pl.col("origin"),
            pl.col("destination"),
            pl.when(pl.col("victims") != "").then(pl.col("victims")).alias("victims"),
            pl.col("purpose").alias("purposes"),
            pl.col("n").cast(pl.String).alias("volume"),
        )
    )
    return route_table_from_text(text)


def _key(
    row: dict[str, str], cols: dict[str, str], path: Path, number: int
) -> tuple[str, str, str, str, str]:
    year = _year(row.get(cols["year"]) or "")
    if year is None:
        _bad_year(path, cols["year"], row.get(cols["year"]) or "", number)
    return (
        _place(row.get(cols["origin"]) or "", "origin"),
        _place(row.get(cols["destination"]) or "", "destination"),
        year or "",
        _victims(row.get(cols["age"]) or "", row.get(cols["sex"]) or ""),
        _purpose(row.get(cols["purpose"]) or ""),
    )
