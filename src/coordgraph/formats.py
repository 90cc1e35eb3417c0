"""Findings as text: a table for people, JSON and CSV for scripts, Markdown for reports."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections import Counter
from collections.abc import Sequence
from typing import Any

from coordgraph.findings import Finding
from coordgraph.io.safe import markdown_text, safe_cell

__all__ = ["FINDINGS_SCHEMA_VERSION", "findings_document", "format_findings"]

FINDINGS_SCHEMA_VERSION = 1
CSV_COLUMNS = (
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
)


def findings_document(findings: Sequence[Finding], **meta: Any) -> dict[str, Any]:
    """The JSON document ``gaps --format json`` prints (see docs/findings.md)."""
    counts = Counter(str(f.kind) for f in findings)
    return {
        "schema_version": FINDINGS_SCHEMA_VERSION,
        **meta,
        "counts": dict(sorted(counts.items())),
        "gaps": sum(1 for f in findings if f.is_gap),
        "findings": [f.to_dict() for f in findings],
    }


def _short(node: str) -> str:
    return node.partition(":")[2] or node


def format_findings(
    findings: Sequence[Finding], fmt: str, *, neutralise: bool = True, **meta: Any
) -> str:
    """Findings as ``fmt`` (json, csv, markdown, text, table). ``labels`` (node id ->
    record name), when given, names records in the text format; the other ``meta``
    fields go into the JSON document and the table's closing line. CSV cells are
    formula-safe unless ``neutralise`` is false (:func:`coordgraph.io.safe.safe_cell`)."""
    labels = meta.pop("labels", None)
    if fmt == "json":
        return json.dumps(findings_document(findings, **meta), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for f in findings:
            d = f.to_dict()
            writer.writerow(
                [
                    safe_cell(
                        "|".join(d[c]) if isinstance(d[c], list) else d[c], neutralise=neutralise
                    )
                    for c in CSV_COLUMNS
                ]
            )
        return buf.getvalue()
    if fmt == "markdown":
        lines = ["| severity | finding | why | sources |", "|---|---|---|---|"]
        for f in findings:
            why = "<br>".join(map(_md, f.near_misses)) if f.near_misses else _md(f.rule)
            lines.append(
                "| {} | {} | {} | {} |".format(
                    f.severity,
                    _md(f.message),
                    why,
                    _md(", ".join(f.sources) or "-"),
                )
            )
        return "\n".join(lines) + "\n"
    if fmt == "text":
        return _text(findings, meta, labels or {})
    return _table(findings, meta)


def _text(findings: Sequence[Finding], meta: dict[str, Any], labels: dict[str, str]) -> str:
    """For people at a terminal: a one-line summary, then findings grouped by kind under
    a plain heading, each titled with names (``Moldova -> Russian Federation``)."""
    from coordgraph.plain import counts_line, extra_fields, heading, rule_words, title

    out = [counts_line(findings, **meta)]
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(str(f.kind), []).append(f)
    order = sorted(
        groups, key=lambda k: (not groups[k][0].is_gap, -max(f.severity.rank for f in groups[k]))
    )
    for kind in order:
        group = groups[kind]
        out += ["", f"{heading(kind)} ({len(group)})", ""]
        for f in group:
            out.append(f"  {title(f, labels)}  [{f.severity}]")
            wrap = {"width": 96, "initial_indent": "    ", "subsequent_indent": "    "}
            out.extend(textwrap.wrap(f.message, **wrap))  # type: ignore[arg-type]
            for near in (n for n in f.near_misses if n not in f.message):
                out.extend(textwrap.wrap("nearly: " + near, **wrap))  # type: ignore[arg-type]
            for name, value in extra_fields(f):
                out.extend(textwrap.wrap(f"{name}: {value}", **wrap))  # type: ignore[arg-type]
            tail = f"rule: {rule_words(f.rule)} ({f.rule})"
            if f.sources:
                tail = "sources: " + ", ".join(f.sources) + "; " + tail
            out.extend(textwrap.wrap(tail, 96, initial_indent="    ", subsequent_indent="      "))
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return markdown_text(text)


def _table(findings: Sequence[Finding], meta: dict[str, Any]) -> str:
    if not findings:
        return "No findings.\n"
    out: list[str] = []
    for f in findings:
        head = f"[{f.severity.upper():6}] {f.kind}: " + " / ".join(_short(s) for s in f.subjects)
        if f.gap_type:
            head += f"  ({f.gap_type} gap)"
        out.append(head)
        out.extend(textwrap.wrap(f.message, 96, initial_indent="    ", subsequent_indent="    "))
        if f.sources:
            out.extend(
                textwrap.wrap(
                    "sources: " + ", ".join(f.sources),
                    96,
                    initial_indent="    ",
                    subsequent_indent="      ",
                )
            )
    counts = Counter(str(f.kind) for f in findings)
    gaps = sum(1 for f in findings if f.is_gap)
    out.append("")
    out.append(
        f"{len(findings)} findings ({gaps} gaps): "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )
    if meta.get("as_of"):
        out.append(f"as of {meta['as_of']}; dataset {meta.get('dataset', '')}")
    return "\n".join(out) + "\n"
