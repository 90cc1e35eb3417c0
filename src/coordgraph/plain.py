"""Findings in plain words: headings per kind, titles from names, extra fields generically.

Used by the terminal output of ``gaps`` (format ``text``) and by the report, so both say
the same thing the same way. Kinds and fields added later render through the generic
fallbacks (the kind's words, each extra field as ``name: value``).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from coordgraph.findings import Finding

__all__ = [
    "HEADINGS",
    "counts_line",
    "extra_fields",
    "heading",
    "rule_words",
    "subject_name",
    "title",
]

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
}

_BASE_FIELDS = {
    "kind",
    "rule",
    "severity",
    "subjects",
    "message",
    "evidence",
    "sources",
    "link_kind",
    "near_misses",
    "as_of",
    "volume",
    "details",
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
        if fld.name in _BASE_FIELDS:
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
