"""Findings as text, in one place: a table and plain words for people, JSON and CSV for
scripts, Markdown for reports (:func:`format_findings`), and the pieces the report and
the terminal share to say a finding in plain words (:func:`heading`, :func:`title`,
:func:`extra_fields`, :func:`counts_line`).

:data:`FIELDS` lists every field of a :class:`~coordgraph.findings.Finding` once, in
the order of the CSV columns, with what each output does with it. Kinds and fields
added later render through generic fallbacks (the kind's words, each extra field as
``name: value``).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import textwrap
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from coordgraph.expectations import default_structures
from coordgraph.findings import Finding
from coordgraph.io.safe import markdown_text, safe_cell

__all__ = [
    "CSV_COLUMNS",
    "FIELDS",
    "FINDINGS_SCHEMA_VERSION",
    "HEADINGS",
    "counts_line",
    "extra_fields",
    "findings_document",
    "format_findings",
    "heading",
    "rule_words",
    "subject_name",
    "title",
]

FINDINGS_SCHEMA_VERSION = 1


class Field(NamedTuple):
    """A field of a finding and what the text outputs do with it."""

    name: str
    #: a column of ``--format csv`` (in the order of :data:`FIELDS`)
    csv: bool
    #: the plain-words layout shows it in its own place (heading, title, message,
    #: "nearly:", sources, rule); the others are listed as ``name: value`` when set
    laid_out: bool


#: Every field of a Finding, once: CSV columns first, in their (stable) order. JSON
#: holds every field (:meth:`Finding.to_dict`).
FIELDS: tuple[Field, ...] = (
    Field("kind", csv=True, laid_out=True),
    Field("severity", csv=True, laid_out=True),
    Field("rule", csv=True, laid_out=True),
    Field("subjects", csv=True, laid_out=True),
    Field("link_kind", csv=True, laid_out=True),
    Field("message", csv=True, laid_out=True),
    Field("near_misses", csv=True, laid_out=True),
    Field("evidence", csv=True, laid_out=True),
    Field("sources", csv=True, laid_out=True),
    Field("as_of", csv=True, laid_out=True),
    Field("volume", csv=True, laid_out=True),
    Field("gap_type", csv=True, laid_out=False),
    Field("details", csv=False, laid_out=True),
    Field("criteria_met", csv=True, laid_out=False),
    Field("criteria_missing", csv=True, laid_out=False),
    Field("criteria_unknown", csv=True, laid_out=False),
)

#: the columns of ``--format csv`` (docs/findings.md)
CSV_COLUMNS = tuple(f.name for f in FIELDS if f.csv)
_LAID_OUT = frozenset(f.name for f in FIELDS if f.laid_out)


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


# ----------------------------------------------------------------------------- plain words

#: kind -> (heading for a group, noun for one)
HEADINGS: dict[str, tuple[str, str, str]] = {
    "route_unlinked": (
        "Route pairs with no link",
        "route pair with no link",
        "route pairs with no link",
    ),
    "route_unresolved": (
        "Routes with an end the sources do not identify",
        "route with an unknown end",
        "routes with an unknown end",
    ),
    "route_linked": ("Route pairs that are linked", "linked route pair", "linked route pairs"),
    "duplicate_mechanisms": (
        "Coordinating bodies whose remits overlap",
        "pair of overlapping bodies",
        "pairs of overlapping bodies",
    ),
    "duplicate_action_plans": (
        "Plans of action that overlap",
        "pair of overlapping plans",
        "pairs of overlapping plans",
    ),
    "overlapping_networks": (
        "Regional networks that overlap",
        "pair of overlapping networks",
        "pairs of overlapping networks",
    ),
    "member_without_focal_point": (
        "Network members without a focal point",
        "member without a focal point",
        "members without a focal point",
    ),
    "endpoint_without_focal_point": (
        "States on routes without a focal point",
        "route State without a focal point",
        "route States without a focal point",
    ),
    "orphan_focal_point": (
        "Focal points for a network their State is not a member of",
        "focal point outside its network",
        "focal points outside their network",
    ),
    "plan_not_evaluated": (
        "Plans of action with no evaluation recorded",
        "plan with no evaluation recorded",
        "plans with no evaluation recorded",
    ),
    "plan_without_structure": (
        "Plans of action without a coordinating structure",
        "plan without a coordinating structure",
        "plans without a coordinating structure",
    ),
    "membership_incomplete": (
        "Networks whose member list is incomplete in the sources",
        "incomplete member list",
        "incomplete member lists",
    ),
    "structure_missing": (
        "Structures a State is expected to have that are missing or not recorded",
        "expected structure missing",
        "expected structures missing",
    ),
    "structure_incomplete": (
        "Expected structures that lack something asked of them",
        "expected structure incomplete",
        "expected structures incomplete",
    ),
    "structure_present": (
        "Expected structures that are present",
        "expected structure present",
        "expected structures present",
    ),
}


def heading(kind: str) -> str:
    words = str(kind).replace("_", " ")
    return HEADINGS.get(str(kind), (words.capitalize(), words, words))[0]


def noun(kind: str, n: int) -> str:
    words = str(kind).replace("_", " ")
    _, one, many = HEADINGS.get(str(kind), ("", words, words))
    return f"{n} {one if n == 1 else many}"


def subject_name(node: str) -> str:
    """A name a planner recognises for a graph node id."""
    kind, _, ident = node.partition(":")
    if kind == "Country":
        from coordgraph.countries import country_name

        try:
            return str(country_name(ident))
        except (KeyError, ValueError, LookupError):
            return ident
    if kind == "UnknownPlace":
        return ident or "an unidentified place"
    if kind == "Structure":
        known = default_structures().get(ident)
        return known.label if known else ident.replace("_", " ")
    return (ident or node).replace("-", " ").replace("_", " ")


def title(f: Finding, labels: Mapping[str, str] | None = None) -> str:
    """``Moldova -> Russian Federation`` for a route finding, names joined otherwise;
    ``labels`` (node id -> record name) names records other than countries."""
    names = [
        subject_name(s) if s.startswith("Country:") or not labels or s not in labels else labels[s]
        for s in f.subjects
    ]
    sep = " -> " if str(f.kind).startswith("route_") else ", "
    return sep.join(names)


def rule_words(rule: str) -> str:
    """The rule id as words (``routes.agreement_not_in_force`` -> ``agreement not in force``)."""
    return rule.rpartition(".")[2].replace("_", " ")


def extra_fields(f: Finding) -> list[tuple[str, Any]]:
    """Fields a Finding has beyond the base ones (added by later analyses), set ones only."""
    out: list[tuple[str, Any]] = []
    for fld in dataclasses.fields(f):
        if fld.name in _LAID_OUT:
            continue
        value = getattr(f, fld.name)
        if value in (None, (), [], {}, ""):
            continue
        if isinstance(value, list | tuple | set | frozenset):
            value = ", ".join(str(v) for v in value)
        out.append((fld.name.replace("_", " "), value))
    return out


def counts_line(findings: Sequence[Finding], **meta: Any) -> str:
    """One line: how many gaps, by severity and kind, on what date, in which dataset."""
    gaps = [f for f in findings if f.is_gap]
    sev = Counter(str(f.severity) for f in gaps)
    kinds = Counter(str(f.kind) for f in gaps)
    where = f" in {meta['dataset']}" if meta.get("dataset") else ""
    when = f" as of {meta['as_of']}" if meta.get("as_of") else ""
    if not gaps:
        linked = len(findings)
        extra = f" ({linked} linked route pairs listed)" if linked else ""
        return f"No gaps found{where}{when}{extra}."
    by_sev = ", ".join(f"{sev[s]} {s}" for s in ("high", "medium", "low") if sev[s])
    by_kind = "; ".join(noun(k, n) for k, n in kinds.most_common())
    return f"{len(gaps)} gaps{where}{when} ({by_sev}): {by_kind}."
