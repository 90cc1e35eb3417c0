"""Findings written for people at scale: one row per pair of States
(:func:`coordgraph.state_pairs.state_pairs`), the other findings as they are; and the
JSON forms, compact and streamed (``json``: one document; ``jsonl``: one object per
line), in both the pair form and the detailed form (every finding, as
:meth:`~coordgraph.findings.Finding.to_dict` gives it).

Each writer takes a text handle and writes as it goes, a row at a time, so a file of
tens of thousands of findings is never held as one string. The layouts are documented
in docs/findings.md.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import islice
from typing import IO, Any

from coordgraph.findings import Finding, Memo, jsonable
from coordgraph.io.safe import markdown_text, safe_cell
from coordgraph.state_pairs import PairTables, StatePair, pair_tables
from coordgraph.text.i18n import say
from coordgraph.text.wrap import wrap

__all__ = [
    "FINDINGS_SCHEMA_VERSION",
    "PAIR_CSV_COLUMNS",
    "document_head",
    "pair_row",
    "write_detail_json",
    "write_pairs_csv",
    "write_pairs_json",
    "write_pairs_markdown",
    "write_pairs_table",
    "write_pairs_text",
]

#: 2: ``gaps`` gives one row per pair of States by default (``pairs``, ``records``,
#: ``criteria``), every finding under ``--detail``; JSON is compact; ``form`` says which.
FINDINGS_SCHEMA_VERSION = 2

#: Columns the pair form's CSV adds after the detailed form's (docs/findings.md).
PAIR_CSV_COLUMNS = (
    "states",
    "names",
    "link_status",
    "routes",
    "findings",
    "worst_missing",
    "nearest_miss",
)

#: Characters gathered before each write when streaming.
_WRITE_CHARS = 1 << 16


#: compact JSON, text as it is (one encoder for every value written)
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_dumps = _ENCODER.encode


def pair_row(pair: StatePair, tables: PairTables, names: str | None = None) -> dict[str, Any]:
    """A pair as the JSON object of ``pairs`` (docs/findings.md)."""
    return {
        "states": list(pair.states),
        "names": names,
        "link_status": pair.link_status,
        "link_kind": str(pair.link_kind) if pair.link_kind else None,
        "severity": str(pair.severity),
        "gap_type": str(pair.gap_type) if pair.gap_type else None,
        "routes": pair.routes,
        "volume": pair.volume,
        "findings": pair.kinds,
        "worst_missing": pair.worst_missing,
        "nearest_miss": pair.nearest_miss,
        "rule": pair.rule,
        "message": pair.message,
        "near_misses": list(pair.near_misses),
        "evidence": list(pair.evidence),
        "sources": list(pair.sources),
        "criteria": tables.criteria_of(pair),
    }


def document_head(
    findings: Sequence[Finding], *, form: str, meta: Mapping[str, Any]
) -> dict[str, Any]:
    """What every JSON form starts with: version, form, the ``meta`` fields (dataset,
    as_of, analysis), counts by kind and the number of gaps."""
    counts = Counter(str(f.kind) for f in findings)
    return {
        "schema_version": FINDINGS_SCHEMA_VERSION,
        "form": form,
        **meta,
        "counts": dict(sorted(counts.items())),
        "gaps": sum(1 for f in findings if f.is_gap),
    }


def _stream_list(handle: IO[str], items: Iterable[str], *, sep: str) -> None:
    batch: list[str] = []
    size = 0
    first = True
    for text in items:
        batch.append(text if first else sep + text)
        size += len(text)
        first = False
        if size >= _WRITE_CHARS:
            handle.write("".join(batch))
            batch.clear()
            size = 0
    handle.write("".join(batch))


def _stream_array(handle: IO[str], items: Iterable[Any]) -> None:
    """``items`` as the inside of a JSON array (separated by commas), encoded a batch
    at a time (one encoder call per batch, not per item) and written about
    :data:`_WRITE_CHARS` at a time."""
    items = iter(items)
    size = 16
    first = True
    while batch := list(islice(items, size)):
        text = _dumps(batch)[1:-1]
        handle.write(text if first else "," + text)
        first = False
        size = max(1, min(4096, size * _WRITE_CHARS // max(len(text), 1)))


class _Detailed:
    """:meth:`~coordgraph.findings.Finding.to_dict` of finding after finding, each dict
    their details share (the dates of a record) converted once (:func:`jsonable`)."""

    def __init__(self) -> None:
        self.memo: Memo = {}

    def __call__(self, f: Finding) -> dict[str, Any]:
        d = f.to_dict(details=False)
        d["details"] = jsonable(f.details, memo=self.memo)
        return d


def write_detail_json(
    findings: Sequence[Finding], handle: IO[str], *, jsonl: bool, meta: Mapping[str, Any]
) -> None:
    """Every finding (``--detail``): one compact JSON document, or JSON Lines (a head
    line, then one ``{"type": "finding", ...}`` per finding)."""
    head = document_head(findings, form="detail", meta=meta)
    if jsonl:
        handle.write(_dumps({"type": "head", **head}) + "\n")
        detailed = _Detailed()
        _stream_list(
            handle, (_dumps({"type": "finding", **detailed(f)}) + "\n" for f in findings), sep=""
        )
        return
    handle.write(_dumps(head)[:-1] + ',"findings":[')
    _stream_array(handle, map(_Detailed(), findings))
    handle.write("]}\n")


def write_pairs_json(
    pairs: Sequence[StatePair],
    others: Sequence[Finding],
    handle: IO[str],
    *,
    jsonl: bool,
    meta: Mapping[str, Any],
    names: Mapping[tuple[str, str], str],
    findings: Sequence[Finding],
) -> None:
    """The pair form: the head, the shared tables (``records``: dates of each record a
    verdict rests on; ``criteria``: each distinct criterion verdict), the ``pairs`` by
    volume, then the other ``findings``. As JSON Lines: a head line, then one object per
    line with ``type`` ``record``, ``criterion``, ``pair`` or ``finding``."""
    tables = pair_tables(pairs, others)
    head = document_head(findings, form="pairs", meta=meta)
    rows = (pair_row(p, tables, names.get(p.states)) for p in pairs)
    if jsonl:
        handle.write(_dumps({"type": "head", **head}) + "\n")
        lines: Iterable[dict[str, Any]] = (
            *({"type": "record", "id": k, **v} for k, v in tables.records.items()),
            *({"type": "criterion", "id": k, **v} for k, v in tables.criteria.items()),
        )
        _stream_list(handle, (_dumps(x) + "\n" for x in lines), sep="")
        _stream_list(handle, (_dumps({"type": "pair", **r}) + "\n" for r in rows), sep="")
        _stream_list(
            handle,
            (_dumps({"type": "finding", **_without_dates(f)}) + "\n" for f in others),
            sep="",
        )
        return
    handle.write(_dumps(head)[:-1])
    handle.write(f',"records":{_dumps(tables.records)},"criteria":{_dumps(tables.criteria)}')
    handle.write(',"pairs":[')
    _stream_array(handle, rows)
    handle.write('],"findings":[')
    _stream_array(handle, map(_without_dates, others))
    handle.write("]}\n")


def _without_dates(f: Finding) -> dict[str, Any]:
    """A finding as :meth:`~coordgraph.findings.Finding.to_dict` gives it, its
    ``details.dates`` left to the ``records`` table (the same dates, once per record)."""
    d = f.to_dict(details=False)
    d["details"] = jsonable({k: v for k, v in f.details.items() if k != "dates"})
    return d


def _cell(value: Any, neutralise: bool) -> str:
    if isinstance(value, list | tuple):
        value = "|".join(str(v) for v in value)
    return safe_cell(value, neutralise=neutralise)


def write_pairs_csv(
    pairs: Sequence[StatePair],
    others: Sequence[Finding],
    handle: IO[str],
    *,
    columns: Sequence[str],
    neutralise: bool,
    as_of: str | None,
    names: Mapping[tuple[str, str], str],
) -> None:
    """The pair form as CSV: the detailed form's ``columns`` then
    :data:`PAIR_CSV_COLUMNS`; a pair is a row of kind ``state_pair``, each other
    finding a row as in the detailed form. Formula-like cells are made inert unless
    ``neutralise`` is false."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow([*columns, *PAIR_CSV_COLUMNS])
    for p in pairs:
        status = {name: str(c.get("status")) for name, c in p.criteria.items()}
        row = {
            "kind": "state_pair",
            "severity": str(p.severity),
            "rule": p.rule,
            "subjects": list(p.subjects),
            "link_kind": str(p.link_kind) if p.link_kind else None,
            "message": p.message,
            "near_misses": list(p.near_misses),
            "evidence": list(p.evidence),
            "sources": list(p.sources),
            "as_of": as_of,
            "volume": p.volume,
            "gap_type": str(p.gap_type) if p.gap_type else None,
            "criteria_met": [c for c, s in status.items() if s == "met"],
            "criteria_missing": [c for c, s in status.items() if s == "missing"],
            "criteria_unknown": [c for c, s in status.items() if s == "unknown"],
            "states": list(p.states),
            "names": names.get(p.states),
            "link_status": p.link_status,
            "routes": p.routes,
            "findings": [f"{k}:{n}" for k, n in p.kinds.items()],
            "worst_missing": p.worst_missing,
            "nearest_miss": p.nearest_miss,
        }
        writer.writerow([_cell(row.get(c), neutralise) for c in (*columns, *PAIR_CSV_COLUMNS)])
    for f in others:
        d = f.to_dict(details=False)  # details are no column
        writer.writerow(
            [_cell(d.get(c), neutralise) for c in columns]
            + ["", "", "", "", "", _cell(f.worst_missing, neutralise), ""]
        )


def _pair_facts(p: StatePair, lang: str) -> str:
    """``unlinked: 12 routes, 340 cases`` in ``lang``."""
    status = say(lang, f"pairs.status.{p.link_status or 'none'}")
    facts = say(lang, f"pairs.routes.{_number(p.routes)}", n=p.routes)
    if p.volume is not None:
        facts += ", " + say(lang, f"pairs.cases.{_number(p.volume)}", n=p.volume)
    return say(lang, "pairs.facts", status=status, facts=facts)


def _number(n: int) -> str:
    return "one" if n == 1 else "many"


def write_pairs_text(
    pairs: Sequence[StatePair],
    handle: IO[str],
    *,
    names: Mapping[tuple[str, str], str],
    lang: str = "en",
) -> None:
    """The pairs for people at a terminal, largest volume first, each in a few lines:
    the two States, status, routes and cases; the most basic criterion missing and the
    nearest miss; the records and sources the verdict rests on."""
    if not pairs:
        return
    handle.write(f"\n{say(lang, 'pairs.heading', n=len(pairs))}\n")
    handle.write(f"({say(lang, 'pairs.detail')})\n\n")
    indent = {"initial_indent": "    ", "subsequent_indent": "      "}
    for p in pairs:
        lines = [f"  {names.get(p.states)}  [{say(lang, 'severity.' + str(p.severity))}]"]
        lines += wrap(_pair_facts(p, lang), 96, **indent)
        if p.worst_missing:
            missing = say(
                lang, "pairs.missing_first", criterion=say(lang, f"criterion.{p.worst_missing}")
            )
            lines += wrap(missing, 96, **indent)
        if p.nearest_miss:
            lines += wrap(say(lang, "pairs.nearly", miss=p.nearest_miss), 96, **indent)
        if p.evidence or p.sources:
            rests = say(lang, "pairs.rests_on", records=_records(p), sources=_few(p.sources))
            lines += wrap(rests, 96, **indent)
        handle.write("\n".join(lines) + "\n")


def _few(items: Sequence[str], n: int = 3) -> str:
    """The first ``n`` items, and how many more."""
    shown = ", ".join(items[:n]) or "-"
    return shown + (f" (+{len(items) - n})" if len(items) > n else "")


def _records(p: StatePair) -> str:
    """The records the lead finding rests on, each with the date it counts from."""
    dates = p.lead.details.get("dates") or {}
    out = []
    for node in p.evidence:
        start = (dates.get(node) or {}).get("start")
        ident = node.partition(":")[2] or node
        out.append(f"{ident} ({start})" if start else ident)
    return _few(out)


def write_pairs_table(pairs: Sequence[StatePair], handle: IO[str]) -> None:
    """The pairs in the table layout: a head line per pair (its States, status, routes
    and cases), then its lead finding's message and first sources."""
    indent = {"initial_indent": "    ", "subsequent_indent": "    "}
    for p in pairs:
        head = f"[{p.severity.upper():6}] state_pair: " + " / ".join(p.states)
        head += f"  {p.link_status or 'local officials only'}, {p.routes} "
        head += "route" if p.routes == 1 else "routes"
        if p.volume is not None:
            head += f", {p.volume} cases"
        if p.gap_type:
            head += f"  ({p.gap_type} gap)"
        lines = [head, *wrap(p.message, 96, **indent)]
        if p.sources:
            lines += wrap("sources: " + _few(p.sources), 96, **indent)
        handle.write("\n".join(lines) + "\n")


def write_pairs_markdown(
    pairs: Sequence[StatePair], handle: IO[str], *, names: Mapping[tuple[str, str], str]
) -> None:
    """The pairs as rows of the Markdown table (severity, finding, why, sources)."""
    for p in pairs:
        what = f"{names.get(p.states)}: {_pair_facts(p, 'en')}"
        why = p.nearest_miss or p.rule
        cells = (str(p.severity), what, why, ", ".join(p.sources) or "-")
        handle.write("| " + " | ".join(markdown_text(c) for c in cells) + " |\n")
