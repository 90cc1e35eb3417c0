"""Online and mixed routes: the link criteria that fit them.

A route's ``mode`` is ``physical``, ``online`` or ``mixed`` (DESIGN.md section 2). On an
online route no child crosses the border: the abuse is ordered and watched from one
State and done in another (live streaming, 002:128, 003:67-70). What links the two ends
for such a child is not a return procedure or a guardian abroad, but (002:104, 138, 150,
156, 160; 003:77-80, 140-143):

``reporting_channel``
    a reporting hotline at each end (the structure ``reporting_hotline`` of
    ``data/rules.yaml``: a hotline mechanism or a hotline agency of the State);
``law_enforcement_channel``
    both States connected to a law-enforcement database such as INTERPOL's ICSE
    database (the structure ``icse_connection``: a member of, or an agency or mechanism
    connected to, a network whose function is ``law_enforcement_database``);
``data_access``
    an agreement in effect between both that provides for information exchange, joint
    investigation or law-enforcement cooperation (access to data, mutual legal
    assistance).

Each is met, or unknown when not recorded (a data gap): sources describe structures in
part, so a hotline or a connection not recorded is not known to be absent. On an online
pair the child-specific provisions and the return procedure do not apply; a mixed pair
(routes of both kinds, or a route recorded ``mixed``) is graded on both sets. The link
grading (:func:`coordgraph.analyses.links.grade_pair`) calls :func:`online_criteria` in
one place; the structures are looked up as :mod:`coordgraph.analyses.structures` looks
them up, so "has a hotline" means one thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from coordgraph.analyses.structures import Look
from coordgraph.expectations import default_structures
from coordgraph.lookup import Facts, label
from coordgraph.time_rules import TimeRules
from coordgraph.vocab import Mode

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "DATA_ACCESS",
    "LAW_ENFORCEMENT_CHANNEL",
    "NOT_FITTING",
    "ONLINE_CRITERIA",
    "ONLINE_MODES",
    "REPORTING_CHANNEL",
    "channel_holders",
    "online_criteria",
    "pair_mode",
]

REPORTING_CHANNEL = "reporting_channel"
LAW_ENFORCEMENT_CHANNEL = "law_enforcement_channel"
DATA_ACCESS = "data_access"
#: the online criteria, in order (most basic first), after the physical ones
ONLINE_CRITERIA = (REPORTING_CHANNEL, LAW_ENFORCEMENT_CHANNEL, DATA_ACCESS)
#: route modes graded on the online criteria
ONLINE_MODES = frozenset({str(Mode.ONLINE), str(Mode.MIXED)})
#: criteria that do not fit a pair whose routes are all online (no child is moved)
NOT_FITTING = ("child_specific_provisions", "return_procedure")

#: what an agreement must provide (or be for) to give access to data across the border
_DATA_PROVISIONS = frozenset({"information_exchange", "joint_investigation"})
_DATA_PURPOSES = frozenset({"information_exchange", "law_enforcement"})
#: structure of data/rules.yaml that shows each channel
_SHOWN_BY = {REPORTING_CHANNEL: "reporting_hotline", LAW_ENFORCEMENT_CHANNEL: "icse_connection"}
_WORDS = {
    REPORTING_CHANNEL: "a reporting hotline",
    LAW_ENFORCEMENT_CHANNEL: "a connection to a law-enforcement database (INTERPOL's ICSE)",
}

#: one lookup per graph and day (grading runs once per distinct pair)
_LOOKS: dict[int, tuple[Facts, TimeRules, Look]] = {}


def pair_mode(mode: pl.Expr) -> pl.Expr:
    """The mode of a pair from the modes of its routes, as an aggregation over them
    (``mode``: the routes' ``mode`` column, not recorded meaning physical): ``online``
    when all are online, ``physical`` when none is online or mixed, else ``mixed``."""
    import polars as pl

    mode = mode.fill_null(str(Mode.PHYSICAL))
    return (
        pl.when((mode == str(Mode.ONLINE)).all())
        .then(pl.lit(str(Mode.ONLINE)))
        .when(mode.is_in(sorted(ONLINE_MODES)).any())
        .then(pl.lit(str(Mode.MIXED)))
        .otherwise(pl.lit(str(Mode.PHYSICAL)))
    )


def _look(facts: Facts, rules: TimeRules) -> Look:
    key = id(rules)
    found = _LOOKS.get(key)
    if found is None or found[0] is not facts or found[1] is not rules:
        if len(_LOOKS) > 8:
            _LOOKS.clear()
        found = _LOOKS[key] = (facts, rules, Look(facts.G, facts, rules))
    return found[2]


def online_criteria(
    facts: Facts,
    rules: TimeRules,
    a: str,
    b: str,
    effective: Iterable[str],
) -> list[tuple[str, str, str]]:
    """The online criteria of a pair of States ``a`` and ``b``: ``(criterion, status,
    phrase)`` with status ``met`` or ``unknown``. ``effective``: the agreements that have
    effect and bind both on the day (the link rule's answer)."""
    out: list[tuple[str, str, str]] = []
    for criterion in _SHOWN_BY:
        found = {state: channel_holders(facts, rules, state, criterion) for state in (a, b)}
        lacking = [s for s in (a, b) if not found[s]]
        if lacking:
            out.append(
                (
                    criterion,
                    "unknown",
                    f"data gap: {_WORDS[criterion]} is not recorded in {', '.join(lacking)}",
                )
            )
        else:
            names = "; ".join(f"{s}: {label(facts.G, found[s][0])}" for s in (a, b))
            out.append((criterion, "met", names))
    out.append(_data_access(facts, effective))
    return out


def channel_holders(facts: Facts, rules: TimeRules, state: str, criterion: str) -> list[str]:
    """The records that give a State its end of an online channel on the day
    (``reporting_channel``: its working hotlines; ``law_enforcement_channel``: the
    databases it, or one of its agencies or mechanisms, is connected to)."""
    look = _look(facts, rules)
    shown = default_structures()[_SHOWN_BY[criterion]]
    if shown.shown_by == "connection":
        return [c.node for c in look.connections(state, shown)]
    return [c.node for c in look.records(state, shown) if c.works]


def _data_access(facts: Facts, effective: Iterable[str]) -> tuple[str, str, str]:
    for ag in effective:
        attrs: Mapping[str, Any] = facts.attrs(ag)
        provides = {str(p) for p in attrs.get("provisions", ()) or ()} & _DATA_PROVISIONS
        purposes = {str(p) for p in attrs.get("purposes", ()) or ()} & _DATA_PURPOSES
        if provides or purposes:
            what = ", ".join(sorted(provides | purposes)).replace("_", " ")
            return DATA_ACCESS, "met", f"{label(facts.G, ag)}: {what}"
    return (
        DATA_ACCESS,
        "unknown",
        "data gap: no agreement in effect providing for information exchange, joint "
        "investigation or law-enforcement cooperation (data access, mutual legal "
        "assistance) is recorded",
    )
