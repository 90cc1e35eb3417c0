"""The findings renderers share one field list (coordgraph.text.findings.FIELDS)."""

from __future__ import annotations

import dataclasses

from coordgraph.findings import Finding
from coordgraph.text.findings import CSV_COLUMNS, FIELDS


def test_every_finding_field_is_listed_once() -> None:
    """A field added to Finding must be listed, saying whether it is a CSV column and
    whether the plain-words layout shows it in its own place."""
    names = [f.name for f in FIELDS]
    assert sorted(names) == sorted(f.name for f in dataclasses.fields(Finding))
    assert len(set(names)) == len(names)


def test_csv_columns_stay_as_documented() -> None:
    assert CSV_COLUMNS == (
        "kind",
        "severity",
        "rule",
        "subjects",
        "link_kind",
        "message",
        "near_misses",
        "evidence",
        "sources",
        "as_of",
        "volume",
        "gap_type",
        "criteria_met",
        "criteria_missing",
        "criteria_unknown",
    )
