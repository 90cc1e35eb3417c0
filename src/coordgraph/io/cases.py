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

from coordgraph.countries import normalise_country
from coordgraph.dataset import Dataset
from coordgraph.errors import DataError
from coordgraph.model import DatasetInfo, Route, Source

__all__ = ["DEFAULT_COLUMNS", "routes_from_cases"]

DEFAULT_COLUMNS = {
    "origin": "citizenship",
    "destination": "CountryOfExploitation",
    "year": "yearOfRegistration",
    "age": "ageBroad",
    "sex": "gender",
    "purpose": "typeOfExploitConcatenated",
}
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


def _place(code: str) -> str:
    text = code.strip()
    if not text or text.lower() in {"-99", "unknown", "na", "n/a", "00", "xx"}:
        return "unknown: not recorded"
    try:
        return normalise_country(text)
    except ValueError:
        return "unknown: not recorded"


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

    ``on_progress(done, total)`` is called every 10,000 rows.
    """
    cols = {**DEFAULT_COLUMNS, **(columns or {})}
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [
                c
                for c in (cols["origin"], cols["destination"])
                if c not in (reader.fieldnames or [])
            ]
            if missing:
                raise DataError(
                    f"{path}: missing column(s) {', '.join(missing)}; "
                    f"found {', '.join(reader.fieldnames or [])} (rename with --column KEY=NAME)"
                )
            total = 0
            if on_progress is not None:
                with Path(path).open(encoding="utf-8-sig", newline="") as count:
                    total = max(0, sum(1 for _ in count) - 1)
            counts: Counter[tuple[str, str, str, str, str]] = Counter()
            for done, row in enumerate(reader, start=1):
                counts[_key(row, cols)] += 1
                if on_progress is not None and (done % 10000 == 0 or done == total):
                    on_progress(done, total)
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text; save it as CSV UTF-8") from None
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    source = Source(
        id="cases", title=f"Case-level records from {Path(path).name}", locator=str(path)
    )
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
    info = DatasetInfo(name=name or "cases", title=f"Routes aggregated from {Path(path).name}")
    return Dataset.from_records(info, [source, *routes])


def _key(row: dict[str, str], cols: dict[str, str]) -> tuple[str, str, str, str, str]:
    year = (row.get(cols["year"]) or "").strip()
    return (
        _place(row.get(cols["origin"]) or ""),
        _place(row.get(cols["destination"]) or ""),
        year if year.isdigit() and len(year) == 4 else "",
        _victims(row.get(cols["age"]) or "", row.get(cols["sex"]) or ""),
        _purpose(row.get(cols["purpose"]) or ""),
    )
