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
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import IO, Any, NamedTuple

from coordgraph.expectations import default_structures
from coordgraph.findings import Finding
from coordgraph.io.safe import markdown_text, safe_cell
from coordgraph.state_pairs import StatePair, state_pairs
from coordgraph.text.i18n import say
from coordgraph.text.locale_en import WORDS
from coordgraph.text.pairs import (
    FINDINGS_SCHEMA_VERSION,
    document_head,
    write_detail_json,
    write_pairs_csv,
    write_pairs_json,
    write_pairs_markdown,
    write_pairs_table,
    write_pairs_text,
)
from coordgraph.text.wrap import wrap

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
    "pair_names",
    "rule_words",
    "subject_name",
    "title",
    "write_findings",
]


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
    """The JSON document ``gaps --detail --format json`` prints (see docs/findings.md)."""
    return {
        **document_head(findings, form="detail", meta=meta),
        "findings": [f.to_dict() for f in findings],
    }


def _short(node: str) -> str:
    return node.partition(":")[2] or node


def format_findings(
    findings: Sequence[Finding], fmt: str, *, neutralise: bool = True, **meta: Any
) -> str:
    """:func:`write_findings` into a string."""
    buf = io.StringIO()
    write_findings(findings, fmt, buf, neutralise=neutralise, **meta)
    return buf.getvalue()


def pair_names(
    pairs: Sequence[StatePair], labels: Mapping[str, str] | None = None
) -> dict[tuple[str, str], str]:
    """``Moldova -> Russian Federation`` for each pair: its States by the names
    ``labels`` (node id -> name) gives them, else their ISO names."""
    labels = labels or {}
    return {
        p.states: " -> ".join(labels.get(n) or subject_name(n) for n in p.subjects) for p in pairs
    }


def write_findings(
    findings: Sequence[Finding],
    fmt: str,
    handle: IO[str],
    *,
    detail: bool = True,
    neutralise: bool = True,
    route_volumes: Mapping[str, int] | None = None,
    **meta: Any,
) -> None:
    """Write findings as ``fmt`` (json, jsonl, csv, markdown, text, table) to ``handle``
    as they are formatted. ``detail`` false gives the pair form: the route findings one
    row per pair of States (:func:`coordgraph.state_pairs.state_pairs`, each route's
    cases from ``route_volumes``), every other finding as it is. ``labels`` (node id ->
    record name), when given, names records and States; the other ``meta`` fields go
    into the JSON head and the table's closing line. CSV cells are formula-safe unless
    ``neutralise`` is false (:func:`coordgraph.io.safe.safe_cell`)."""
    labels = meta.pop("labels", None) or {}
    if detail:
        _write_detail(findings, fmt, handle, neutralise=neutralise, labels=labels, meta=meta)
        return
    pairs, others = state_pairs(findings, route_volumes=route_volumes)
    names = pair_names(pairs, labels)
    if fmt in ("json", "jsonl"):
        write_pairs_json(
            pairs, others, handle, jsonl=fmt == "jsonl", meta=meta, names=names, findings=findings
        )
    elif fmt == "csv":
        write_pairs_csv(
            pairs,
            others,
            handle,
            columns=CSV_COLUMNS,
            neutralise=neutralise,
            as_of=meta.get("as_of"),
            names=names,
        )
    elif fmt == "markdown":
        handle.write(_MD_HEAD)
        write_pairs_markdown(pairs, handle, names=names)
        handle.write(_markdown_rows(others))
    elif fmt == "text":
        handle.write(counts_line(findings, **meta) + "\n")
        write_pairs_text(pairs, handle, names=names)
        handle.write(_text_groups(others, labels))
    else:
        if not findings:
            handle.write("No findings.\n")
            return
        write_pairs_table(pairs, handle)
        handle.write(_table(others, meta, total=findings))


def _write_detail(
    findings: Sequence[Finding],
    fmt: str,
    handle: IO[str],
    *,
    neutralise: bool,
    labels: Mapping[str, str],
    meta: dict[str, Any],
) -> None:
    """Every finding in its own row (``--detail``)."""
    if fmt in ("json", "jsonl"):
        write_detail_json(findings, handle, jsonl=fmt == "jsonl", meta=meta)
    elif fmt == "csv":
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for f in findings:
            d = f.to_dict(details=False)  # details are no column
            writer.writerow(
                [
                    safe_cell(
                        "|".join(d[c]) if isinstance(d[c], list) else d[c], neutralise=neutralise
                    )
                    for c in CSV_COLUMNS
                ]
            )
    elif fmt == "markdown":
        handle.write(_MD_HEAD + _markdown_rows(findings))
    elif fmt == "text":
        handle.write(_text(findings, meta, dict(labels)))
    elif not findings:
        handle.write("No findings.\n")
    else:
        handle.write(_table(findings, meta, total=findings))


#: the indent of every line under a finding's head in the text and table layouts
_INDENT = {"initial_indent": "    ", "subsequent_indent": "    "}

_MD_HEAD = "| severity | finding | why | sources |\n|---|---|---|---|\n"


def _markdown_rows(findings: Sequence[Finding]) -> str:
    lines = []
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
    return "".join(line + "\n" for line in lines)


def _text(findings: Sequence[Finding], meta: dict[str, Any], labels: dict[str, str]) -> str:
    """For people at a terminal: a one-line summary, then findings grouped by kind under
    a plain heading, each titled with names (``Moldova -> Russian Federation``)."""
    return counts_line(findings, **meta) + "\n" + _text_groups(findings, labels)


def _text_groups(findings: Sequence[Finding], labels: Mapping[str, str]) -> str:
    """The findings grouped by kind under a plain heading, most severe group first."""
    out: list[str] = []
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
            out.extend(wrap(f.message, 96, **_INDENT))
            for near in (n for n in f.near_misses if n not in f.message):
                out.extend(wrap("nearly: " + near, 96, **_INDENT))
            for name, value in extra_fields(f):
                out.extend(wrap(f"{name}: {value}", 96, **_INDENT))
            tail = f"rule: {rule_words(f.rule)} ({f.rule})"
            if f.sources:
                tail = "sources: " + ", ".join(f.sources) + "; " + tail
            out.extend(wrap(tail, 96, initial_indent="    ", subsequent_indent="      "))
    return "".join(line + "\n" for line in out)


def _md(text: str) -> str:
    return markdown_text(text)


def _table(findings: Sequence[Finding], meta: dict[str, Any], *, total: Sequence[Finding]) -> str:
    """Each of ``findings`` in a few lines, then a closing line that counts ``total``."""
    out: list[str] = []
    for f in findings:
        head = f"[{f.severity.upper():6}] {f.kind}: " + " / ".join(_short(s) for s in f.subjects)
        if f.gap_type:
            head += f"  ({f.gap_type} gap)"
        out.append(head)
        out.extend(wrap(f.message, 96, **_INDENT))
        if f.sources:
            out.extend(
                wrap(
                    "sources: " + ", ".join(f.sources),
                    96,
                    initial_indent="    ",
                    subsequent_indent="      ",
                )
            )
    counts = Counter(str(f.kind) for f in total)
    gaps = sum(1 for f in total if f.is_gap)
    out.append("")
    out.append(
        f"{len(total)} findings ({gaps} gaps): "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )
    if meta.get("as_of"):
        out.append(f"as of {meta['as_of']}; dataset {meta.get('dataset', '')}")
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------- plain words

#: kind -> (heading for a group, noun for one, noun for several), in English
#: (:data:`coordgraph.text.locale_en.WORDS`, the source of every language's words)
HEADINGS: dict[str, tuple[str, str, str]] = {
    key[len("kind.") :]: (text, WORDS[key + ".one"], WORDS[key + ".many"])
    for key, text in WORDS.items()
    if key.startswith("kind.") and key.count(".") == 1
}


def heading(kind: str, lang: str = "en") -> str:
    """The heading for a group of findings of ``kind`` in ``lang``."""
    if f"kind.{kind}" in WORDS:
        return say(lang, f"kind.{kind}")
    return str(kind).replace("_", " ").capitalize()


def noun(kind: str, n: int, lang: str = "en") -> str:
    """``n`` findings of ``kind`` in words (``3 route pairs with no link``)."""
    key = f"kind.{kind}.{'one' if n == 1 else 'many'}"
    return f"{n} {say(lang, key) if key in WORDS else str(kind).replace('_', ' ')}"


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


def counts_line(findings: Sequence[Finding], lang: str = "en", **meta: Any) -> str:
    """One line in ``lang``: how many gaps, by severity and kind, on what date, in which
    dataset."""
    gaps = [f for f in findings if f.is_gap]
    sev = Counter(str(f.severity) for f in gaps)
    kinds = Counter(str(f.kind) for f in gaps)
    where = say(lang, "counts.where", dataset=meta["dataset"]) if meta.get("dataset") else ""
    when = say(lang, "counts.when", day=meta["as_of"]) if meta.get("as_of") else ""
    if not gaps:
        extra = say(lang, "counts.none.linked", n=len(findings)) if findings else ""
        return say(lang, "counts.none", where=where, when=when, extra=extra)
    by_sev = ", ".join(
        f"{sev[s]} {say(lang, 'severity.' + s)}" for s in ("high", "medium", "low") if sev[s]
    )
    sep = " ; " if lang == "fr" else "; "
    by_kind = sep.join(noun(k, n, lang) for k, n in kinds.most_common())
    return say(
        lang,
        "counts.gaps",
        n=len(gaps),
        where=where,
        when=when,
        by_severity=by_sev,
        by_kind=by_kind,
    )
