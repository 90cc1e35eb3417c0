"""Pass two of validation: references between records and the rules of the graph.

Pass one (pydantic) checks each record alone: types, codes, dates, a bilateral agreement's
two parties. This pass checks what needs the whole dataset: every id a record points at
exists, no mechanism is its own ancestor, route areas exist, every citation names a source.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from coordgraph.errors import Problem, ValidationFailed
from coordgraph.model import (
    AREA_PREFIX,
    SECTIONS,
    Agency,
    Citation,
    Link,
    Mechanism,
    Network,
    Record,
    Ref,
    Route,
    place_kind,
)
from coordgraph.vocab import NodeKind

if TYPE_CHECKING:
    from coordgraph.dataset import Dataset

__all__ = ["check_references", "ref_values", "validate_dataset"]

_KIND_SECTION = {cls.KIND: section for section, cls in SECTIONS.items()}


def ref_values(record: Record, ref: Ref) -> list[str]:
    """The ids a reference field holds (a single id, a tuple, citations or link records)."""
    value = getattr(record, ref.field)
    if value is None:
        return []
    items: Iterable[object] = value if isinstance(value, tuple) else (value,)
    out: list[str] = []
    for item in items:
        if isinstance(item, Citation):
            out.append(item.source)
        elif isinstance(item, Link):
            out.append(str(getattr(item, item.TARGET_FIELD)))
        else:
            out.append(str(item))
    return out


Where = dict[tuple[str, str], tuple[str, int | None, dict[str, int]]]


def check_references(dataset: Dataset, where: Where | None = None) -> list[Problem]:
    """Every reference and graph-rule problem of a dataset (empty when it is sound)."""
    from coordgraph.taxonomy import default_taxonomy

    where = where or {}
    taxonomy = default_taxonomy()
    ids: dict[NodeKind, set[str]] = {
        cls.KIND: {r.id for r in dataset.of(cls)} for cls in SECTIONS.values()
    }
    problems: list[Problem] = []

    def at(record: Record, field: str | None = None) -> tuple[str, int | None]:
        file, row, rows = where.get((record.SECTION, record.id), (record.SECTION, None, {}))
        return file, rows.get(field, row) if field else row

    for record in dataset:
        file, row = at(record)
        for ref in record.REFS:
            file, row = at(record, ref.field)
            if ref.targets == (NodeKind.COUNTRY,):
                continue  # country codes were checked when the record was read
            known = set().union(*(ids.get(t, set()) for t in ref.targets))
            for value in ref_values(record, ref):
                if value not in known:
                    target = " or ".join(str(t) for t in ref.targets)
                    problems.append(
                        Problem(
                            file,
                            row,
                            ref.field,
                            f"{record.id!r} refers to {target} {value!r}, which does not exist",
                            _hint(value, known),
                        )
                    )
        if isinstance(record, Route):
            for field_name, places in (
                ("origin", [record.origin]),
                ("transits", list(record.transits)),
                ("destination", [record.destination]),
            ):
                file, row = at(record, field_name)
                for place in places:
                    if place.startswith(AREA_PREFIX):
                        area = place.removeprefix(AREA_PREFIX)
                        if area not in ids[NodeKind.AREA]:
                            problems.append(
                                Problem(
                                    file,
                                    row,
                                    field_name,
                                    f"{place!r} is neither a known country nor a known area",
                                    _hint(area, ids[NodeKind.AREA]),
                                )
                            )
            if (
                record.origin == record.destination
                and not record.transits
                and place_kind(record.origin) is not NodeKind.COUNTRY
            ):
                problems.append(
                    Problem(file, row, "destination", "a route must lead somewhere else")
                )
        scope = getattr(record, "scope", None)
        if isinstance(scope, tuple):
            file, row = at(record, "scope")
            for tag in scope:
                if tag not in taxonomy:
                    problems.append(
                        Problem(
                            file,
                            row,
                            "scope",
                            f"{tag!r} is not a scope tag of the taxonomy",
                            _hint(tag, set(taxonomy.includes)),
                        )
                    )
    for cls in (Mechanism, Network, Agency):
        problems.extend(_cycles(dataset.of(cls), at))
    return problems


def _cycles(records: tuple[Record, ...], at: object) -> list[Problem]:
    parent: dict[str, str | None] = {r.id: getattr(r, "parent", None) for r in records}
    by_id = {r.id: r for r in records}
    problems: list[Problem] = []
    reported: set[str] = set()
    for start in parent:
        seen: list[str] = []
        node: str | None = start
        while node is not None and node in parent and node not in seen:
            seen.append(node)
            node = parent[node]
        if node is not None and node in seen:
            cycle = seen[seen.index(node) :]
            if reported.isdisjoint(cycle):
                reported.update(cycle)
                first = by_id[min(cycle)]
                file, row = at(first, "parent")  # type: ignore[operator]
                chain = " -> ".join([*sorted(cycle), min(cycle)])
                problems.append(Problem(file, row, "parent", f"parent links form a cycle: {chain}"))
    return problems


def _hint(value: str, known: set[str]) -> str | None:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


def validate_dataset(dataset: Dataset) -> None:
    """Raise :class:`ValidationFailed` if a dataset built in code breaks a reference rule."""
    problems = check_references(dataset)
    if problems:
        raise ValidationFailed(problems)
