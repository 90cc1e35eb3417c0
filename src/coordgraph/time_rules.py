"""When a record counts: every rule about dates and evidence, in one place.

Each analysis, the coverage table, the action plan, the timeline, the diagrams and the
graph-server path ask this module, so a date means the same thing everywhere
(DESIGN.md section 8). The rules, in the words of the README's "How the rules read a
date":

* **Start.** A record counts from its recorded start (``valid_from``; for a plan
  ``valid_from`` or ``adopted``; for an agreement signature, entry into force or
  ``valid_from``). With no start recorded it counts from the date of its earliest dated
  source: it is *attested* then, and not assumed earlier. An undated source with a
  ``not_before`` date (the newest document it cites) counts from that date. With no
  dated source either, the ``undated`` choice decides: ``attested`` (the default) and
  ``always`` count it on every date, and the finding says "start date not recorded";
  ``exclude`` leaves it out. ``always`` also ignores attested dates (the behaviour
  before this module).
* **End.** A record ends on its ``valid_to``. With no end recorded it still counts, but
  when its newest source is more than :data:`STALE_AFTER_YEARS` years before the date
  asked, the finding says "last attested <date>".
* **Routes** are analysed only from their first observed date (``valid_from``, else
  attested); one whose observed period ended before the date asked is still reported,
  marked with its period.
* **Evidence ages** (DESIGN.md section 9). A route whose newest evidence (its
  ``valid_to``, else its start or its newest dated source) is more than the staleness
  horizon (``stale_after`` years, default :data:`STALE_AFTER_YEARS`) before the date
  asked is *stale*: a gap on it is a data gap that asks to re-check, not a current
  policy gap (:meth:`TimeRules.route_last_seen`, :meth:`TimeRules.is_stale`). The
  horizon is the one a command was asked for (``--stale-after``): given to
  :class:`TimeRules`, else carried by the graph (``G.graph["stale_after"]``, as the graph
  carries the dataset's date), else :data:`STALE_AFTER_YEARS`.
* **Possibly dormant.** An agreement whose joint commission or follow-up meetings are
  recorded (``meetings``), but none within the horizon before the date asked (and it
  was not itself made within the horizon), is *possibly dormant*: a link through it is
  a data gap that asks to re-check whether it still meets (:meth:`TimeRules.dormant`).
  An agreement with no meeting recorded is not judged: the sources are silent.
* **Observations.** ``not_in_force_on`` (and a draft's date) hold on their date: up to
  it the agreement is known not to be in force (a policy gap); after it, with no later
  entry into force or end recorded, its status is "unknown since <date>" (a data gap).
* **Parties and members.** A State is party from ratification, accession or succession
  (members from ``joined``); with only a signature, from signature unless entry into
  force is required; with no date of its own, from the agreement's or network's own start. It
  stops being one on ``withdrawn``/``left``. A date known only by its upper bound
  (``<2017-03-31``) counts from the day before the bound; before that day whether the
  State is already one is unknown (:meth:`TimeRules.bound_pending`): a near-miss on it is a
  data gap, and the list it is in is incomplete then.

Which records are read at all (verified, unverified, disputed) is decided before, by
:mod:`coordgraph.verification`.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import networkx as nx

from coordgraph.dates import FuzzyDate
from coordgraph.findings import Finding
from coordgraph.routes.table import RouteTable, route_node, routes_of
from coordgraph.vocab import NodeKind, Relation

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "STALE_AFTER_YEARS",
    "Basis",
    "Dormancy",
    "Effect",
    "EffectStatus",
    "RouteDates",
    "Start",
    "TimeRules",
    "Undated",
    "dated",
    "horizon",
]

#: Evidence older than this (newest source before the date asked, in years) is marked
#: "last attested <date>" in findings. Plans of action usually run three to five years;
#: a record not seen in a source for longer has outlived at least one planning cycle.
STALE_AFTER_YEARS = 5


class Undated(StrEnum):
    """What to do with a record whose start date is not recorded."""

    #: Count it from its earliest dated source; with none, count it and say so.
    ATTESTED = "attested"
    #: As ``attested``, but leave out a record with no dated source either.
    EXCLUDE = "exclude"
    #: Count every undated record on every date (and say so).
    ALWAYS = "always"


def horizon(value: object) -> float:
    """A staleness horizon in years, checked: a finite number, zero or more (a whole
    number as an ``int``).

    Raises :class:`ValueError` with a message a person can act on otherwise (``nan``,
    ``inf``, a negative number, text that is not a number).
    """
    try:
        years = float(str(value))
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a number of years") from None
    if not math.isfinite(years) or years < 0:
        raise ValueError(f"{value!r} is not a number of years (a finite number, 0 or more)")
    # a whole number stays one (findings say "years": 5, as they always have)
    return int(years) if years.is_integer() else years


def dated(value: Any) -> FuzzyDate | None:
    """A stored date (a :class:`FuzzyDate` or its text) as a :class:`FuzzyDate`."""
    if value is None or isinstance(value, FuzzyDate):
        return value
    return FuzzyDate.parse(value)


# ----------------------------------------------------------------------------- answers


class Basis(StrEnum):
    """How a record's start is known."""

    #: a date in the record
    RECORDED = "recorded"
    #: the date of its earliest dated source
    ATTESTED = "attested"
    #: neither
    NOT_RECORDED = "not_recorded"


class EffectStatus(StrEnum):
    """What is known of an agreement's effect on a day."""

    #: it has effect
    IN_FORCE = "in_force"
    #: the sources say it has none (a policy gap)
    NOT_IN_FORCE = "not_in_force"
    #: the sources do not say (a data gap)
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Start:
    """When a record starts to count, and on what basis.

    ``basis``: see :class:`Basis`.
    """

    date: FuzzyDate | None
    basis: Basis

    @property
    def phrase(self) -> str:
        if self.basis is Basis.RECORDED:
            return f"from {self.date}"
        if self.basis is Basis.ATTESTED:
            return f"start date not recorded; attested {self.date}"
        return "start date not recorded"


@dataclass(frozen=True)
class Effect:
    """Whether an agreement has effect on a date, the phrase that says why, and what is
    known (:class:`EffectStatus`)."""

    holds: bool
    why: str
    status: EffectStatus


@dataclass(frozen=True)
class Dormancy:
    """An agreement that is possibly dormant on the day asked (:meth:`TimeRules.dormant`):
    its newest meeting recorded by then (``None``: none yet), the date the horizon is
    counted from (that meeting, else the agreement's start) and the horizon in years."""

    last_met: FuzzyDate | None
    since: FuzzyDate
    years: float

    @property
    def phrase(self) -> str:
        if self.last_met is None:
            what = f"no meeting of its joint commission is recorded since {self.since}"
        else:
            what = f"its joint commission last met {self.last_met} (as recorded)"
        return (
            f"possibly dormant: {what}, none within {self.years:g} years before the date "
            "asked; re-check whether it still meets before relying on it"
        )

    def details(self) -> dict[str, Any]:
        return {
            "last_met": str(self.last_met) if self.last_met else None,
            "since": str(self.since),
            "years": self.years,
        }


#: The fields that give a record's start, first recorded wins: a plan covers its years
#: (valid_from) and, without them, runs from adoption; an agreement exists from signature.
_START_FIELDS: dict[str, tuple[str, ...]] = {
    str(NodeKind.ACTION_PLAN): ("valid_from", "adopted"),
    str(NodeKind.AGREEMENT): ("signed", "in_force", "valid_from", "drafted"),
}
#: Kinds whose nodes are places or documents, not dated records of cooperation.
_TIMELESS = {
    str(NodeKind.COUNTRY),
    str(NodeKind.SOURCE),
    str(NodeKind.UNKNOWN_PLACE),
    str(NodeKind.AREA),
}
#: Kinds whose dates a finding does not note: the timeless ones, and agencies (cited as
#: who leads or holds a post, not as what is dated).
_UNDATED_KINDS = _TIMELESS | {str(NodeKind.AGENCY)}


#: The fields that give the start of a record's spell on a timeline, first recorded wins.
_SPELL_FIELDS: dict[str, tuple[str, ...]] = {
    str(NodeKind.ACTION_PLAN): ("valid_from", "adopted"),
    str(NodeKind.AGREEMENT): ("in_force", "signed", "valid_from"),
}
_NOT_IN_FORCE = EffectStatus.NOT_IN_FORCE
_UNKNOWN = EffectStatus.UNKNOWN

_EMPTY: dict[str, Any] = {}
_ROUTE_PREFIX = route_node("")
#: joins a route's citations into one key (no citation contains it)
_SEP = "\x1f"


def period(start: FuzzyDate | None, end: FuzzyDate | None) -> str:
    """``2003-2004`` for years; ``2006-05 to 2006-07`` when a month or day is known."""
    if start is None or end is None:
        return str(start or end or "")
    if start.month is None and end.month is None:
        return f"{start}-{end}"
    return f"{start} to {end}"


class TimeRules:
    """The date rules for one graph on one day.

    Build one per analysis call: it indexes the dates of the sources once.

    Parameters
    ----------
    G
        A graph from :func:`coordgraph.build_graph` (or read back from the server).
    as_of
        The day asked about.
    undated
        What to do with records whose start is not recorded (see :class:`Undated`).
    stale_after
        The staleness horizon in years (default: ``G.graph["stale_after"]`` when the
        graph carries one, else :data:`STALE_AFTER_YEARS`).
    """

    def __init__(
        self,
        G: nx.MultiDiGraph,
        as_of: dt.date,
        *,
        undated: Undated | str = Undated.ATTESTED,
        stale_after: float | None = None,
    ) -> None:
        self.G = G
        self.undated = Undated(undated)
        #: the staleness horizon in years: older evidence asks to be re-checked (given,
        #: else the one the graph carries, else STALE_AFTER_YEARS)
        self.stale_after = horizon(
            G.graph.get("stale_after", STALE_AFTER_YEARS) if stale_after is None else stale_after
        )
        self._source_date: dict[str, FuzzyDate] = {}
        for n, a in G.nodes(data=True):
            if a.get("kind") == NodeKind.SOURCE:
                d = dated(a.get("date")) or dated(a.get("not_before"))
                if d is not None:
                    self._source_date[n.partition(":")[2]] = d
        self._attrs: dict[str, dict[str, Any]] = dict(G.nodes(data=True))
        self._dates_cache: dict[str, list[FuzzyDate]] = {}
        self._start_cache: dict[str, Start] = {}
        #: record -> the records that replace it
        self.replaced_by: dict[str, list[str]] = {}
        for u, v, rel in G.edges(data="relation"):
            if rel == Relation.REPLACES:
                self.replaced_by.setdefault(v, []).append(u)
        self._set_day(as_of)

    def _set_day(self, as_of: dt.date) -> None:
        """The day asked, and empty caches of what is worked out for that day. What
        ``__init__`` sets before does not depend on the day (:meth:`on` shares it)."""
        self.as_of = as_of
        self._noted_cache: dict[str, tuple[dict[str, Any], list[str]] | None] = {}
        self._route_dates: RouteDates | None = None
        self._effect_cache: dict[tuple[str, bool], Effect] = {}
        #: (id of the link, target, require_in_force) -> (the link, kept alive; answer)
        self._member_cache: dict[
            tuple[int, str, bool], tuple[dict[str, Any] | None, tuple[bool, str]]
        ] = {}

    def on(self, as_of: dt.date) -> TimeRules:
        """The same rules, records read the same way, on another day: what does not
        depend on the day (source dates, starts, replacements, worked out so far) is
        shared, not read from the graph again."""
        other = copy.copy(self)
        other._set_day(as_of)
        return other

    # ------------------------------------------------------------------ evidence

    def attrs(self, node: str) -> dict[str, Any]:
        return self._attrs.get(node, _EMPTY)

    def source_dates(self, node: str) -> list[FuzzyDate]:
        """Dates of the dated sources a record cites, oldest first."""
        if node not in self._dates_cache:
            self._dates_cache[node] = self.cited_dates(self.attrs(node).get("sources"))
        return self._dates_cache[node]

    def cited_dates(self, citations: Iterable[Any] | None) -> list[FuzzyDate]:
        """Dates of the dated sources among ``citations`` (``source[:locator]``), oldest
        first: what :meth:`source_dates` reads for a record with these citations."""
        found = set()
        for citation in citations or ():
            source = str(citation).partition(":")[0]
            if source in self._source_date:
                found.add(self._source_date[source])
        return sorted(found)

    def attested(self, node: str) -> FuzzyDate | None:
        """The date of the earliest dated source of a record (it existed by then)."""
        dates = self.source_dates(node)
        return dates[0] if dates else None

    def last_attested(self, node: str) -> FuzzyDate | None:
        """The date of the newest dated source of a record."""
        return _newest(self.source_dates(node))

    def stale(self, node: str) -> FuzzyDate | None:
        """The newest source date when it is more than STALE_AFTER_YEARS before as_of and
        the record has no recorded end; else ``None``."""
        return self._stale(self.attrs(node), self.source_dates(node))

    def _stale(self, attrs: dict[str, Any], dates: list[FuzzyDate]) -> FuzzyDate | None:
        if attrs.get("valid_to") is not None or attrs.get("kind") in _TIMELESS:
            return None
        last = _newest(dates)
        if last is None:
            return None
        return last if self.is_stale(last) else None

    def is_stale(self, last: FuzzyDate | None) -> bool:
        """Whether evidence last seen on ``last`` is older than the staleness horizon
        before the day asked (``None``: nothing dated, so not known to be stale)."""
        return last is not None and (self.as_of - last.end).days > 365.25 * self.stale_after

    def route_last_seen(self, attrs: dict[str, Any]) -> FuzzyDate | None:
        """The newest evidence of a route (its attributes): its ``valid_to``, else the
        newest of its start and its dated sources."""
        end = dated(attrs.get("valid_to"))
        if end is not None:
            return end
        dates = self.cited_dates(attrs.get("sources"))
        start = dated(attrs.get("valid_from"))
        if start is not None:
            dates = [*dates, start]
        return _newest(dates)

    # ------------------------------------------------------------------ records

    def start(self, node: str) -> Start:
        """When a record starts to count: recorded, attested or not recorded."""
        if node not in self._start_cache:
            self._start_cache[node] = self._start(node)
        return self._start_cache[node]

    def _start(self, node: str) -> Start:
        return self.start_from(self.attrs(node), self.source_dates(node))

    def start_from(self, attrs: dict[str, Any], dates: list[FuzzyDate] | None = None) -> Start:
        """The start rule on a record's attributes (``dates``: its source dates, read
        from ``attrs["sources"]`` when not given). :meth:`start` asks this for a node."""
        fields = _START_FIELDS.get(str(attrs.get("kind")), ("valid_from",))
        recorded = [d for d in (dated(attrs.get(f)) for f in fields) if d is not None]
        if recorded:
            return Start(recorded[0], Basis.RECORDED)
        if self.undated is not Undated.ALWAYS:
            if dates is None:
                dates = self.cited_dates(attrs.get("sources"))
            if dates:
                return Start(dates[0], Basis.ATTESTED)
        return Start(None, Basis.NOT_RECORDED)

    def started(self, node: str) -> bool:
        """Whether a record has started to count by the day asked."""
        return self.counts_from(self.start(node))

    def counts_from(self, start: Start) -> bool:
        """Whether a record with this start counts by the day asked (an unknown start
        counts unless ``undated`` is ``exclude``)."""
        if start.date is not None:
            return start.date.started_by(self.as_of)
        return self.undated is not Undated.EXCLUDE

    def ended(self, node: str) -> bool:
        """Whether a record has ended by the day asked: its recorded end is before it or,
        with no end recorded, a record that replaces it has started."""
        end = dated(self.attrs(node).get("valid_to"))
        if end is not None:
            return end.ended_by(self.as_of)
        return any(self._started_on_record(r) for r in self.replaced_by.get(node, ()))

    def _started_on_record(self, node: str) -> bool:
        start = self.start(node)
        return start.date is not None and start.date.started_by(self.as_of)

    def replaced_phrase(self, node: str) -> str | None:
        """``replaced by X (2023-02-14)`` when a started replacement ended this record."""
        if dated(self.attrs(node).get("valid_to")) is not None:
            return None
        for r in self.replaced_by.get(node, ()):
            if self._started_on_record(r):
                label = self.attrs(r).get("label", r)
                return f"replaced by {label} ({self.start(r).date})"
        return None

    def exists(self, node: str) -> bool:
        """Whether a record counts on the day asked (started and not ended)."""
        if node not in self.G:
            return False
        if self.attrs(node).get("kind") in _TIMELESS:
            return True
        return self.started(node) and not self.ended(node)

    def notes(self, node: str) -> list[str]:
        """What a finding resting on this record must say about its dates."""
        a = self.attrs(node)
        if a.get("kind") in _TIMELESS or node not in self.G:
            return []
        return self._notes(self.start(node), self.stale(node))

    @staticmethod
    def _notes(start: Start, stale: FuzzyDate | None) -> list[str]:
        out: list[str] = []
        if start.basis is Basis.NOT_RECORDED:
            out.append("start date not recorded")
        if stale is not None:
            out.append(f"last attested {stale}")
        return out

    def _dates_of(self, node: str) -> dict[str, Any]:
        """The date facts of a record, for a finding's details."""
        return _date_facts(self.start(node), self.last_attested(node), self.notes(node))

    def dates_from(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """The date facts of a record given by its attributes (as a finding's details
        give them for a node of the graph)."""
        dates = self.cited_dates(attrs.get("sources"))
        start = self.start_from(attrs, dates)
        notes = (
            [] if attrs.get("kind") in _TIMELESS else self._notes(start, self._stale(attrs, dates))
        )
        return _date_facts(start, _newest(dates), notes)

    def annotate(self, finding: Finding) -> Finding:
        """The finding with what its records' dates say: "start date not recorded",
        "last attested 2008" (in the message and under ``details["dates"]``)."""
        dates, said = self.date_notes(
            [*finding.subjects, *finding.evidence], finding.details.get("routes", ())
        )
        if not dates:
            return finding
        details = {**finding.details, "dates": dates}
        message = finding.message
        if said:
            message += " [dates: " + "; ".join(said) + "]"
        return replace(finding, message=message, details=details)

    def date_notes(
        self, nodes: Iterable[str], routes: Iterable[str] = ()
    ) -> tuple[dict[str, dict[str, Any]], list[str]]:
        """What :meth:`annotate` adds for a finding on these records and routes: the
        date facts of each (``details["dates"]``) and the phrases for its message."""
        dates: dict[str, dict[str, Any]] = {}
        said: list[str] = []
        for n in dict.fromkeys(nodes):
            noted = self._noted(n)
            if noted is None:
                continue
            dates[n], phrases = noted
            said.extend(phrases)
        if routes:
            route_noted = self.route_dates().noted
            for n in routes:
                if n in dates:
                    continue
                noted = route_noted(n)
                if noted is None:
                    continue
                dates[n], phrases = noted
                if phrases:
                    said.extend(phrases)
        return dates, said

    def _noted(self, node: str) -> tuple[dict[str, Any], list[str]] | None:
        """A record's date facts and the phrases a finding adds for it (cached)."""
        if node.startswith(_ROUTE_PREFIX):
            return self.route_dates().noted(node)
        if node not in self._noted_cache:
            a = self._attrs.get(node)
            if a is None or a.get("kind") in _UNDATED_KINDS:
                self._noted_cache[node] = None
            else:
                facts = self._dates_of(node)
                label = a.get("label", node)
                self._noted_cache[node] = (facts, [f"{label}: {n}" for n in facts["notes"]])
        return self._noted_cache[node]

    # ------------------------------------------------------------------ routes

    def route_dates(self) -> RouteDates:
        """The route rules on every route of the graph's route table (evaluated once per
        distinct date profile, then joined back to the routes; cached)."""
        if self._route_dates is None:
            self._route_dates = RouteDates(self, routes_of(self.G))
        return self._route_dates

    def route_observed(self, attrs: dict[str, Any]) -> bool:
        """Whether a route (its attributes) is observed by the day asked: from its first
        observed date, recorded or attested."""
        return self.counts_from(self.start_from(attrs))

    def route_period(self, attrs: dict[str, Any]) -> str | None:
        """``observed 2003-2004`` for a route (its attributes) whose observed period
        ended before as_of."""
        end = dated(attrs.get("valid_to"))
        if end is None or not end.ended_by(self.as_of):
            return None
        start = dated(attrs.get("valid_from"))
        if start is None or str(start) == str(end):
            return f"observed {end}"
        return f"observed {period(start, end)}"

    # ------------------------------------------------------------------ agreements

    def agreement_effect(self, node: str, *, require_in_force: bool = False) -> Effect:
        """Whether an agreement has effect on the day asked, and why.

        Entry into force counts when recorded. Otherwise an MoU counts from signature,
        and so does an agreement whose entry into force is not recorded (unless
        ``require_in_force``). A draft, or an agreement recorded as not in force on a
        date, does not count; after that date its status is unknown. With no date at
        all, the agreement counts from its earliest dated source (``undated``). It stops
        on its ``valid_to`` ("expired"), or when a record that replaces it has started
        ("replaced by ...").
        """
        key = (node, require_in_force)
        if key not in self._effect_cache:
            effect = self._recorded_effect(node, require_in_force=require_in_force)
            replaced = self.replaced_phrase(node)
            if effect.holds and replaced:
                effect = Effect(False, replaced, EffectStatus.NOT_IN_FORCE)
            self._effect_cache[key] = effect
        return self._effect_cache[key]

    def takes_effect(self, node: str) -> int | None:
        """The year an agreement takes effect, for timelines: entry into force, else its
        start (signature, else its earliest dated source); ``None`` for a draft, one
        recorded as not in force without a later entry into force, or an undated one."""
        attrs = self.attrs(node)
        if attrs.get("status") == "draft" or (
            attrs.get("not_in_force_on") is not None and attrs.get("in_force") is None
        ):
            return None
        in_force = attrs.get("in_force")
        if in_force is not None:
            return int(str(in_force).lstrip("<")[:4])
        start = self.start(node)
        return start.date.year if start.date is not None else None

    def _recorded_effect(self, node: str, *, require_in_force: bool) -> Effect:
        """:meth:`agreement_effect` from the agreement's own dates (replacement aside)."""
        attrs = self.attrs(node)
        as_of = self.as_of
        signed = dated(attrs.get("signed"))
        in_force = dated(attrs.get("in_force"))
        if in_force is not None:
            if not in_force.started_by(as_of):
                return Effect(False, f"enters into force only in {in_force}", _NOT_IN_FORCE)
            basis = f"in force since {in_force}"
        elif str(attrs.get("status", "adopted")) == "draft" or dated(attrs.get("not_in_force_on")):
            return self._observed_not_in_force(attrs, signed)
        elif signed is not None:
            if not signed.started_by(as_of):
                return Effect(False, f"not yet signed (signed {signed})", _NOT_IN_FORCE)
            if str(attrs.get("form", "unknown")) == "mou":
                basis = f"MoU signed {signed}, effective from signature"
            elif require_in_force:
                return Effect(False, f"signed {signed}; entry into force not recorded", _UNKNOWN)
            else:
                basis = f"signed {signed}; entry into force not recorded, counted from signature"
        elif require_in_force:
            return Effect(False, "no signature or entry-into-force date recorded", _UNKNOWN)
        else:
            start = self.start(node)
            if start.date is not None:
                if not start.date.started_by(as_of):
                    return Effect(
                        False, f"no dates recorded; not attested before {start.date}", _UNKNOWN
                    )
                basis = f"no dates recorded; attested {start.date}"
            elif self.undated is Undated.EXCLUDE:
                return Effect(
                    False, "start date not recorded (left out: --undated exclude)", _UNKNOWN
                )
            else:
                basis = "no dates recorded (start date not recorded)"
        ended = dated(attrs.get("valid_to"))
        if ended is not None and ended.ended_by(as_of):
            return Effect(False, f"expired {ended}", _NOT_IN_FORCE)
        return Effect(True, basis, EffectStatus.IN_FORCE)

    def _observed_not_in_force(self, attrs: dict[str, Any], signed: FuzzyDate | None) -> Effect:
        """A draft, or an agreement recorded as not in force on a date: known not to be in
        force up to that date, unknown after it."""
        not_in_force = dated(attrs.get("not_in_force_on"))
        draft = str(attrs.get("status", "adopted")) == "draft"
        what, when = (
            ("a draft", dated(attrs.get("drafted")) or not_in_force)
            if draft
            else ("recorded as not in force", not_in_force)
        )
        signed_text = f"signed {signed}, " if signed else ""
        if when is None:
            return Effect(False, f"{signed_text}{what} (undated)", _NOT_IN_FORCE)
        if when.ended_by(self.as_of):
            return Effect(
                False, f"{signed_text}{what} on {when}; status unknown since {when}", _UNKNOWN
            )
        if not when.started_by(self.as_of) and draft:
            return Effect(False, f"not yet drafted (a draft on {when})", _NOT_IN_FORCE)
        return Effect(False, f"{signed_text}{what} on {when}", _NOT_IN_FORCE)

    def dormant(self, node: str) -> Dormancy | None:
        """Whether an agreement is possibly dormant on the day asked.

        Only an agreement whose meetings are recorded (``meetings``: its joint
        commission's or follow-up body's) is judged. It is possibly dormant when its
        newest meeting on or before the day asked, else (no meeting yet) its own start,
        is older than the staleness horizon. ``None`` when it is not, or not judged.
        """
        attrs = self.attrs(node)
        recorded = [d for d in (dated(m) for m in attrs.get("meetings") or ()) if d is not None]
        if not recorded:
            return None
        held = [d for d in recorded if d.started_by(self.as_of)]
        last = _newest(held)
        since = last or self.start(node).date
        if since is None or not self.is_stale(since):
            return None
        return Dormancy(last, since, self.stale_after)

    # ------------------------------------------------------------------ parties, members

    @staticmethod
    def member_from(link: dict[str, Any]) -> tuple[FuzzyDate | None, bool]:
        """When a State becomes a party or member by its own dates, and whether that
        date is only a signature: the earliest of ``joined``, ``ratified``, ``acceded``
        and ``succeeded``; else ``signed`` (``True``); else ``None``."""
        joined = [
            d
            for d in (dated(link.get(f)) for f in ("joined", "ratified", "acceded", "succeeded"))
            if d is not None
        ]
        if joined:
            return min(joined, key=lambda d: d.start), False
        signed = dated(link.get("signed"))
        return signed, signed is not None

    @staticmethod
    def member_until(link: dict[str, Any]) -> FuzzyDate | None:
        """When a State stops being a party or member: ``withdrawn`` or ``left``."""
        return dated(link.get("withdrawn")) or dated(link.get("left"))

    def is_member(
        self,
        link: dict[str, Any] | None,
        target: str,
        *,
        require_in_force: bool = False,
    ) -> tuple[bool, str]:
        """Whether a party/membership link holds on the day asked, and a phrase.

        ``link`` is the PARTY_TO or MEMBER_OF edge's attributes (``None``: no link). A
        State is party from ratification, accession or succession (members from ``joined``); with
        only a signature, from signature unless entry into force is required; with no
        date of its own, from the agreement's or network's own start. It stops being one
        on ``withdrawn``/``left`` (:meth:`member_from`, :meth:`member_until`).
        """
        key = (id(link), target, require_in_force)
        if key not in self._member_cache:
            self._member_cache[key] = (
                link,
                self._is_member(link, target, require_in_force=require_in_force),
            )
        return self._member_cache[key][1]

    def _is_member(
        self, link: dict[str, Any] | None, target: str, *, require_in_force: bool
    ) -> tuple[bool, str]:
        if link is None:
            return False, "not recorded as a member or party"
        day = self.as_of
        end = self.member_until(link)
        if end is not None and end.ended_by(day):
            verb = "withdrew" if link.get("withdrawn") else "left"
            return False, f"{verb} {end}"
        first, signature_only = self.member_from(link)
        if self.bound_pending(link) and first is not None:
            what = "a member" if link.get("joined") else "a party"
            return False, f"{what} by {first.end} at the latest; since when is not recorded"
        if first is not None and not signature_only:
            if not first.started_by(day):
                verb = "joins" if link.get("joined") else "becomes a party"
                return False, f"{verb} only in {first}"
            verb = "member since" if link.get("joined") else "party since"
            return True, f"{verb} {first}"
        if first is not None:
            if not first.started_by(day):
                return False, f"signs only in {first}"
            if require_in_force:
                return False, f"signed {first}; ratification not recorded"
            return True, f"signed {first}; ratification not recorded, counted from signature"
        if not self.started(target):
            return False, f"{self.start(target).phrase}"
        return True, "own dates not recorded"

    def bound_pending(self, link: dict[str, Any] | None) -> bool:
        """Whether a party or membership is known only by an upper bound that has not
        passed on the day asked (``joined: <2000-09-11`` asked of 1999): the State may
        already be a member or party then, and the sources do not say. A near-miss that
        rests on it is a data gap, and a list holding it is incomplete on that day
        (:func:`coordgraph.analyses.absence.list_complete`)."""
        if link is None:
            return False
        first = self.member_from(link)[0]
        return first is not None and first.before and not first.started_by(self.as_of)

    # ------------------------------------------------------------------ spells

    @staticmethod
    def record_spell(attrs: dict[str, Any]) -> tuple[FuzzyDate | None, FuzzyDate | None]:
        """The recorded dates between which a record holds, for timelines (GEXF, Kumu,
        the explorer): an agreement from entry into force, else signature, else
        ``valid_from``; a plan from ``valid_from``, else adoption; any other record from
        ``valid_from``; until ``valid_to``. ``None`` where no date is recorded."""
        fields = _SPELL_FIELDS.get(str(attrs.get("kind")), ("valid_from",))
        start = next((d for d in (dated(attrs.get(f)) for f in fields) if d is not None), None)
        return start, dated(attrs.get("valid_to"))

    @classmethod
    def link_spell(
        cls, G: nx.MultiDiGraph, u: str, v: str, attrs: dict[str, Any]
    ) -> tuple[dt.date | None, dt.date | None]:
        """First and last day a relationship holds, for timelines.

        A party or membership counts from its own dates and ends on withdrawal or
        leaving (the dates :meth:`is_member` reads: :meth:`member_from`,
        :meth:`member_until`); a relationship with no date of its own holds while both
        records it joins hold (:meth:`record_spell`). A start is the first day its date
        can mean, an end the last.
        """
        own_start = cls.member_from(attrs)[0] or dated(attrs.get("valid_from"))
        own_end = cls.member_until(attrs) or dated(attrs.get("valid_to"))
        spells = [cls.record_spell(G.nodes[n]) for n in (u, v)]
        starts = [s.start for s, _ in spells if s is not None]
        ends = [e.end for _, e in spells if e is not None]
        start = own_start.start if own_start else (max(starts) if starts else None)
        end = own_end.end if own_end else (min(ends) if ends else None)
        return start, end


class RouteDates:
    """The route rules of one :class:`TimeRules` on every route of a route table.

    Routes are many and their dates few: the rules (:meth:`TimeRules.route_observed`,
    :meth:`TimeRules.route_period`, :meth:`TimeRules.dates_from`) are evaluated once per
    distinct *date profile* (first observed, last observed, citations) and joined back,
    so a million routes cost as much as their few distinct profiles.

    Attributes
    ----------
    frame
        One row per route, in table order: ``observed`` (counts on the day asked),
        ``period`` (``observed 2003-2004`` when its observed period has ended, else
        null), ``profile`` (the index of its date profile in ``facts``), ``stale``
        (its newest evidence is older than the staleness horizon), ``last_seen`` (that
        evidence, as text) and ``last_day`` (its last possible day, as an ordinal).
    facts
        The date facts of each profile, as :meth:`TimeRules.dates_from` gives them.
    """

    def __init__(self, rules: TimeRules, table: RouteTable) -> None:
        import polars as pl

        df = table.df
        keys = df.select(
            pl.col("valid_from").fill_null(""),
            pl.col("valid_to").fill_null(""),
            pl.col("sources").list.join(_SEP).fill_null("").alias("cites"),
        )
        profiles = keys.unique(maintain_order=True)
        observed: list[bool] = []
        periods: list[str | None] = []
        stale: list[bool] = []
        last_seen: list[str | None] = []
        last_day: list[int] = []
        self.facts: list[dict[str, Any]] = []
        for valid_from, valid_to, cites in profiles.iter_rows():
            attrs = {
                "kind": str(NodeKind.ROUTE),
                "valid_from": valid_from or None,
                "valid_to": valid_to or None,
                "sources": tuple(cites.split(_SEP)) if cites else (),
            }
            observed.append(rules.route_observed(attrs))
            periods.append(rules.route_period(attrs))
            last = rules.route_last_seen(attrs)
            stale.append(rules.is_stale(last))
            last_seen.append(str(last) if last else None)
            last_day.append(last.end.toordinal() if last else 0)
            self.facts.append(rules.dates_from(attrs))
        profiles = profiles.with_columns(
            profile=pl.int_range(pl.len(), dtype=pl.UInt32),
            observed=pl.Series(observed, dtype=pl.Boolean),
            period=pl.Series(periods, dtype=pl.String),
            stale=pl.Series(stale, dtype=pl.Boolean),
            last_seen=pl.Series(last_seen, dtype=pl.String),
            last_day=pl.Series(last_day, dtype=pl.Int64),
        )
        self.frame: pl.DataFrame = keys.join(
            profiles, on=["valid_from", "valid_to", "cites"], how="left", maintain_order="left"
        ).select("observed", "period", "profile", "stale", "last_seen", "last_day")
        self._table = table
        self._noted: dict[str, tuple[dict[str, Any], list[str]]] | None = None

    def noted(self, node: str) -> tuple[dict[str, Any], list[str]] | None:
        """A route's date facts and the phrases a finding adds for it (``None`` for a
        route not in the table)."""
        if self._noted is None:
            self._noted = self._all_noted()
        return self._noted.get(node)

    def _all_noted(self) -> dict[str, tuple[dict[str, Any], list[str]]]:
        import polars as pl

        df = self._table.df
        nodes = (_ROUTE_PREFIX + df.get_column("id")).to_list()
        profile = self.frame.get_column("profile")
        shared: list[tuple[dict[str, Any], list[str]]] = [(facts, []) for facts in self.facts]
        out = dict(zip(nodes, (shared[p] for p in profile.to_list()), strict=True))
        # routes whose dates need saying: phrases name the route (its name, else its id)
        said = [i for i, facts in enumerate(self.facts) if facts["notes"]]
        if said:
            rows = df.select(
                (_ROUTE_PREFIX + pl.col("id")).alias("node"),
                pl.coalesce(pl.col("name"), pl.col("id")).alias("label"),
                profile,
            ).filter(pl.col("profile").is_in(said))
            for node, label, p in rows.iter_rows():
                facts = self.facts[p]
                out[node] = (facts, [f"{label}: {n}" for n in facts["notes"]])
        return out


def _newest(dates: list[FuzzyDate]) -> FuzzyDate | None:
    return max(dates, key=lambda d: d.end) if dates else None


def _date_facts(start: Start, last: FuzzyDate | None, notes: list[str]) -> dict[str, Any]:
    return {
        "start": str(start.date) if start.date else None,
        "start_basis": str(start.basis),
        "last_attested": str(last) if last else None,
        "notes": notes,
    }
