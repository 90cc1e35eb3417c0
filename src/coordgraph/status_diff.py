"""A depositary's status table against what a dataset holds: the difference, and the
dataset with the table's parties written in.

``coordgraph import treaty-status`` reads a table (:mod:`coordgraph.io.treaty_status`),
then:

* :func:`compare` says, State by State, what the table adds (a State the dataset does
  not list), changes (a signature, ratification, accession or withdrawal date that
  differs, or that the table gives and the dataset does not), and withdraws (a
  withdrawal the table gives); States the dataset lists and the table does not are
  named too (a depositary lists every signatory, so they ask to be checked; they are
  never removed).
* :func:`apply` gives the dataset's own records (its ``include`` kept) with the
  agreement's parties set from the table, each citing a new source for the table (its
  address, its "status as at" date or the retrieval date). When the agreement comes
  from an included dataset (the reference layer), the dataset gets its own record of
  it holding the table's parties; the include rules then merge the two, this record
  winning, and ``validate`` lists where they disagree.

What a party's record holds beyond the table (notes, ``excludes``, its verification)
is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from coordgraph.countries import country_name
from coordgraph.dataset import Dataset
from coordgraph.errors import UsageError
from coordgraph.io.treaty_status import LAYOUTS, StatusRow, StatusTable
from coordgraph.model import Agreement, Citation, Party, Record, Source
from coordgraph.vocab import ConsentForm

__all__ = [
    "PartyChange",
    "StatusDiff",
    "apply",
    "compare",
    "diff_text",
    "status_source",
]

#: The party fields a status table speaks to.
_DATES = ("signed", "ratified", "acceded", "succeeded", "withdrawn")
#: Where the date of each form of consent is recorded (the others: ``ratified``).
_CONSENT_FIELD = {ConsentForm.ACCESSION: "acceded", ConsentForm.SUCCESSION: "succeeded"}


@dataclass(frozen=True)
class PartyChange:
    """One State's difference: ``kind`` is added, changed, withdrawn or not_listed;
    ``fields`` holds (field, dataset's value, table's value)."""

    country: str
    kind: str
    fields: tuple[tuple[str, str | None, str | None], ...] = ()
    row: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "name": country_name(self.country),
            "kind": self.kind,
            "row": self.row,
            "fields": [{"field": f, "dataset": a, "table": b} for f, a, b in self.fields],
        }


@dataclass(frozen=True)
class StatusDiff:
    """What a status table would change in one agreement of a dataset."""

    agreement: str
    dataset: str
    held_by: str
    table: StatusTable
    changes: tuple[PartyChange, ...]
    unchanged: int

    def of(self, kind: str) -> tuple[PartyChange, ...]:
        return tuple(c for c in self.changes if c.kind == kind)

    def as_dict(self) -> dict[str, Any]:
        return {
            "agreement": self.agreement,
            "dataset": self.dataset,
            "held_by": self.held_by,
            "file": self.table.file,
            "layout": self.table.layout,
            "status_as_at": str(self.table.status_as_at) if self.table.status_as_at else None,
            "url": self.table.url,
            "parties_in_table": len(self.table.parties),
            "changes": [c.as_dict() for c in self.changes],
            "unchanged": self.unchanged,
            "not_states": [{"row": r, "name": n} for r, n in self.table.not_states],
        }


def _fields(row: StatusRow) -> dict[str, Any]:
    """The party fields a table row gives."""
    out: dict[str, Any] = {"signed": row.signed, "ratified": None, "acceded": None}
    out["succeeded"] = None
    if row.consented is not None:
        key = _CONSENT_FIELD.get(row.consent, "ratified") if row.consent else "ratified"
        out[key] = row.consented
        out["consent"] = row.consent
    if row.withdrawn is not None:
        out["withdrawn"] = row.withdrawn
    return out


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _find(dataset: Dataset, agreement_id: str) -> Agreement:
    for agreement in dataset.agreements:
        if agreement.id == agreement_id:
            return agreement
    known = ", ".join(sorted(a.id for a in dataset.agreements)) or "none"
    raise UsageError(
        f"no agreement {agreement_id!r} in {dataset.info.name} (its agreements: {known})"
    )


def _held_by(dataset: Dataset, agreement_id: str) -> str:
    """Whose record of the agreement the dataset holds, in words."""
    inclusion = dataset.inclusion
    used = next((u for u in inclusion.used if u.id == agreement_id), None) if inclusion else None
    if used is None:
        return "its own record"
    if used.merged:
        return f"its own record merged with that of {used.include}, {used.status_text}"
    return f"the record of {used.include}, {used.status_text}"


def compare(dataset: Dataset, agreement_id: str, table: StatusTable) -> StatusDiff:
    """How ``table`` differs from the parties ``dataset`` records for ``agreement_id``."""
    agreement = _find(dataset, agreement_id)
    held = {p.country: p for p in agreement.parties}
    changes: list[PartyChange] = []
    unchanged = 0
    listed = set()
    for row in table.rows:
        listed.add(row.country)
        party = held.get(row.country)
        new = _fields(row)
        if party is None:
            shown = tuple((k, None, _text(v)) for k, v in new.items() if k in _DATES and v)
            if row.consent not in (None, ConsentForm.RATIFICATION):
                shown += (("as", None, str(row.consent)),)
            changes.append(PartyChange(row.country, "added", shown, row.row))
            continue
        diffs = tuple(
            (k, _text(getattr(party, k)), _text(new.get(k)))
            for k in _DATES
            if k in new and getattr(party, k) != new.get(k)
        )
        if row.withdrawn is not None and party.withdrawn != row.withdrawn:
            changes.append(PartyChange(row.country, "withdrawn", diffs, row.row))
        elif diffs:
            changes.append(PartyChange(row.country, "changed", diffs, row.row))
        else:
            unchanged += 1
    for country in held:
        if country not in listed:
            changes.append(PartyChange(country, "not_listed"))
    return StatusDiff(
        agreement_id,
        dataset.info.name,
        _held_by(dataset, agreement_id),
        table,
        tuple(changes),
        unchanged,
    )


def status_source(
    table: StatusTable,
    *,
    agreement: Agreement,
    url: str | None = None,
    retrieved: dt.date | None = None,
) -> Source:
    """The source that the imported parties cite: the saved table, with its address and
    its date (the page's "status as at" date, else the retrieval date).

    Raises :class:`~coordgraph.errors.UsageError` when the page carries neither an
    address nor a date and none is given.
    """
    address = url or table.url
    if not address:
        raise UsageError(
            f"{table.file} does not carry the page's address; give it with --url "
            "(a citation names where the table was read)"
        )
    date = table.status_as_at
    if date is None and retrieved is None:
        raise UsageError(
            f"{table.file} does not say which day its status is as at; give the day you "
            "saved it with --retrieved YYYY-MM-DD"
        )
    when = str(date) if date is not None else retrieved.isoformat()  # type: ignore[union-attr]
    slug = re.sub(r"[^a-z0-9]+", "-", agreement.id.lower()).strip("-")
    notes = (
        f"Read by coordgraph import treaty-status from {table.file} ({LAYOUTS[table.layout]})"
        + (f"; status as at {date}" if date is not None else "")
        + (f"; retrieved {retrieved.isoformat()}" if retrieved is not None else "")
        + "."
    )
    return Source(
        id=f"{slug}-status-{when}",
        title=table.title or f"Status of {agreement.label}",
        date=date if date is not None else retrieved,
        url=address,
        locator="status table, by State",
        notes=notes,
    )


def _updated(party: Party | None, row: StatusRow, citation: Citation) -> Party:
    """A party as the table gives it; what the table does not speak to is kept."""
    data: dict[str, Any] = party.model_dump(mode="json", exclude_defaults=True) if party else {}
    data["country"] = row.country
    new = _fields(row)
    changed = party is None or any(getattr(party, k) != new.get(k) for k in _DATES if k in new)
    for key in ("signed", "ratified", "acceded", "succeeded", "consent", "withdrawn"):
        if new.get(key) is not None:
            data[key] = new[key]
        elif key != "withdrawn":  # a table that does not show withdrawals keeps them
            data.pop(key, None)
    old = tuple(party.sources) if party else ()
    data["sources"] = (citation,) if changed else (*old, citation)
    if row.reservations or row.declarations:
        data["reservations"] = row.reservations or data.get("reservations")
        data["declarations"] = row.declarations or data.get("declarations")
        data["reservation_sources"] = (citation,)
    if row.notes:
        data["notes"] = row.notes if not data.get("notes") else f"{data['notes']} {row.notes}"
    return Party.model_validate(data)


def apply(dataset: Dataset, agreement_id: str, table: StatusTable, source: Source) -> Dataset:
    """``dataset``'s own records with ``agreement_id``'s parties set from ``table``, citing
    ``source`` (added to its sources); its ``include`` is kept."""
    merged = _find(dataset, agreement_id)
    own = dataset.own()
    records: list[Record] = list(own.structure())
    own_agreement = next(
        (r for r in records if isinstance(r, Agreement) and r.id == agreement_id), None
    )
    parties = {p.country: p for p in (own_agreement.parties if own_agreement else ())}
    updated: list[Party] = []
    listed = set()
    for row in table.rows:
        listed.add(row.country)
        citation = Citation(source.id, row.name)
        updated.append(_updated(parties.get(row.country), row, citation))
    updated.extend(p for c, p in parties.items() if c not in listed)
    if own_agreement is not None:
        cited = own_agreement.sources
        record = own_agreement.model_copy(
            update={
                "parties": tuple(updated),
                "sources": cited if Citation(source.id) in cited else (*cited, Citation(source.id)),
            }
        )
        record = Agreement.model_validate(record.model_dump(mode="json"))
        records = [record if r is own_agreement else r for r in records]
    else:
        record = Agreement(
            id=merged.id,
            name=merged.name,
            type=merged.type,
            scope=merged.scope,
            parties=tuple(updated),
            sources=(Citation(source.id),),
            notes=(
                f"Parties as the depositary's table gives them ({table.file}); the other "
                "facts of this agreement come from the included record."
            ),
        )
        records.append(record)
    if not any(isinstance(r, Source) and r.id == source.id for r in records):
        records.insert(0, source)
    routes = [] if dataset.table is not None else list(own.routes)
    return Dataset.from_records(
        own.info, [*records, *routes], path=dataset.path, routes=dataset.table
    )


def diff_text(diff: StatusDiff) -> str:
    """The difference as a person reads it."""
    table = diff.table
    status = f"status as at {table.status_as_at}" if table.status_as_at else "status date not given"
    lines = [
        f"{diff.agreement} in {diff.dataset} ({diff.held_by}) against {table.file} "
        f"({table.layout}, {status}; {len(table.parties)} parties, "
        f"{len(table.rows) - len(table.parties)} signatories only):"
    ]
    titles = (
        ("added", "added (in the table, not in the dataset)"),
        ("changed", "dates added or changed"),
        ("withdrawn", "withdrawn"),
        ("not_listed", "in the dataset, not in the table (kept; check them)"),
    )
    for kind, title in titles:
        items = diff.of(kind)
        lines.append(f"  {title}: {len(items)}")
        for change in items:
            where = f" (row {change.row})" if change.row is not None else ""
            detail = "; ".join(
                f"{name} {old} -> {new}" if old is not None else f"{name} {new}"
                for name, old, new in change.fields
            )
            lines.append(
                f"    {change.country} {country_name(change.country)}{where}"
                + (f": {detail}" if detail else "")
            )
    lines.append(f"  unchanged: {diff.unchanged}")
    if table.not_states:
        names = ", ".join(f"{name} (row {row})" for row, name in table.not_states)
        lines.append(f"  not States, not imported: {names}")
    return "\n".join(lines) + "\n"
