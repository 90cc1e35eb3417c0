"""What the report says, before it is written: :class:`ReportContent`, filled by
:func:`coordgraph.report.build.report_content` and written by
:mod:`coordgraph.report.html` and :mod:`coordgraph.report.markdown`."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from coordgraph.findings import Finding, FindingKind, Severity
from coordgraph.model import Source
from coordgraph.text.findings import extra_fields, heading, noun, subject_name
from coordgraph.text.i18n import (
    action_words,
    instrument_texts,
    say,
    state_name,
    translate_message,
    value_word,
    words_of,
)

if TYPE_CHECKING:
    from coordgraph.analyses.coverage import Coverage
    from coordgraph.planning import Action

__all__ = ["Change", "ReportContent", "StateGaps", "StatePage"]

#: gaps opened (and closed) the --since paragraph names before "and N more"
_CHANGES_SHOWN = 8


class DataTexts:
    """Texts of a dataset (names as recorded), each filed under its rarest piece of three
    characters, so that those a message holds are found without testing each one: a text
    inside a message has all its pieces there."""

    def __init__(self, texts: Iterable[str]) -> None:
        unique = {t for t in texts if len(t) > 2}  # as translate_message masks them
        pieces = Counter(p for t in unique for p in _pieces(t))
        self.filed: dict[str, list[str]] = defaultdict(list)
        for t in unique:
            self.filed[min(_pieces(t), key=lambda p: (pieces[p], p))].append(t)

    def within(self, text: str) -> list[str]:
        """The texts that occur in ``text``."""
        return [t for p in _pieces(text) for t in self.filed.get(p, ()) if t in text]


def _pieces(text: str) -> set[str]:
    return {text[i : i + 3] for i in range(len(text) - 2)}


@dataclass
class Change:
    """The gaps opened and closed between an earlier date and the report's date."""

    since: dt.date
    opened: list[Finding]
    closed: list[Finding]
    then: int
    now: int

    def line(self, lang: str = "en") -> str:
        return say(
            lang,
            "report.changed.line",
            since=self.since.isoformat(),
            opened=len(self.opened),
            closed=len(self.closed),
            then=self.then,
            now=self.now,
        )


@dataclass
class StateGaps:
    """The gaps of one State (``code`` ``-`` for those tied to none)."""

    code: str
    name: str
    findings: list[Finding]
    #: what its expectation profiles ask of it: (structure, status, record or basis)
    expected: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class StatePage:
    """What the report shows of one State: findings told in full, findings told under
    another State (with its name), and the low-severity gaps left to the annex."""

    state: StateGaps
    told: list[Finding]
    elsewhere: list[tuple[Finding, str]]
    annex: list[Finding]

    @property
    def gaps(self) -> int:
        """The State's gaps (a linked pair that lacks a criterion is not one)."""
        return sum(1 for f in self.state.findings if f.kind is not FindingKind.ROUTE_LINKED)


@dataclass
class ReportContent:
    """What the report says, before it is written as HTML or Markdown.

    Every text here is as the data holds it: each renderer escapes it for its form.
    """

    day: dt.date
    dataset_name: str
    title: str
    synthetic: bool
    description: str | None
    #: the one-line count of gaps, by severity and kind
    headline: str
    #: per kind of gap (most first): its heading, the counts of high, medium, low, total
    kinds: list[tuple[str, list[int], int]]
    #: all gaps: counts of high, medium, low
    severities: list[int]
    gaps: int
    top: list[Finding]
    change: Change | None
    #: the closing line of the summary: records, verification, countries, sources, licences
    records: str
    total_records: int
    verified: int
    countries: int
    source_count: int
    scope: str
    licences: str
    states: list[StateGaps]
    networks: list[Coverage]
    actions: list[Action]
    pictures: dict[str, bytes]
    notes: list[str]
    sources: list[Source]
    #: rule ids in the order the findings first cite them (footnote numbers from 1)
    rules: list[str]
    labels: dict[str, str]
    #: the reference instruments the dataset includes (``summary['included']``)
    included: Any = None
    made_on: dt.date = field(default_factory=dt.date.today)
    #: the language of the interface's words (``en``, ``fr``); data stays as recorded
    lang: str = "en"
    #: English country name -> code, for the countries the findings may name
    country_codes: dict[str, str] = field(default_factory=dict)
    #: names as recorded besides the labels (acronyms, short names), never translated
    names: list[str] = field(default_factory=list)
    #: the annex too: every gap, the member x member tables, every source, the rules
    full: bool = False
    #: networks with no member shown: (name, word id of why, its params)
    left_out: list[tuple[str, str, dict[str, object]]] = field(default_factory=list)

    def state_pages(self) -> list[StatePage]:
        """One page per State with findings to tell, worst first: each finding told in
        full once, under the first State it concerns, and named under the others; in the
        meeting form (not ``full``), gaps of low severity are left to the annex and a
        State with nothing else gets no page (see :meth:`quiet_states`)."""
        pages: list[StatePage] = []
        told_under: dict[object, str] = {}
        for state in self.states:
            page = StatePage(state, [], [], [])
            for f in state.findings:
                if not self.full and f.severity.rank < Severity.MEDIUM.rank:
                    page.annex.append(f)
                elif f.key in told_under:
                    page.elsewhere.append((f, told_under[f.key]))
                else:
                    told_under[f.key] = state.name
                    page.told.append(f)
            pages.append(page)
        return [p for p in pages if p.told or p.elsewhere]

    def quiet_states(self) -> list[StatePage]:
        """States whose gaps are all of low severity (the meeting form gives them a line)."""
        shown = {p.state.code for p in self.state_pages()}
        return [StatePage(s, [], [], list(s.findings)) for s in self.states if s.code not in shown]

    def expected_rows(self, state: StateGaps) -> list[tuple[str, str, str]]:
        """What the State is expected to have and what the records show: every structure
        in the full form; in the meeting form those recorded absent, not working or
        lacking something (not those present, nor those the sources leave open)."""
        quiet = {self.say("expected.present"), self.say("expected.not_recorded")}
        return [r for r in state.expected if self.full or r[1] not in quiet]

    def state_head(self, page: StatePage) -> str:
        n = page.gaps
        key = "report.state.gap" if n == 1 else "report.state.gaps"
        return self.say(key, name=page.state.name, n=n)

    def page_lines(self, page: StatePage) -> list[str]:
        """The closing lines of a State's page: the findings told under another State,
        and (meeting form) how many gaps of low severity the annex lists."""
        under: dict[str, list[str]] = {}
        for f, where in page.elsewhere:
            names = under.setdefault(where, [])
            if self.name_of(f) not in names:
                names.append(self.name_of(f))
        lines = [
            self.say("report.elsewhere", state=where, names=", ".join(names))
            for where, names in under.items()
        ]
        if page.annex:
            kinds = Counter(str(f.kind) for f in page.annex)
            said = ", ".join(f"{noun(k, n, self.lang)}" for k, n in kinds.most_common())
            lines.append(self.say("report.low", n=len(page.annex), kinds=said))
        return lines

    def quiet_line(self) -> str:
        """The States whose gaps are all of low severity, with how many (meeting form)."""
        quiet = self.quiet_states()
        if not quiet:
            return ""
        names = ", ".join(f"{p.state.name} ({len(p.annex)})" for p in quiet)
        return self.say("report.quiet", names=names)

    def cited(self, f: Finding) -> str:
        """The sources a finding cites: every one in the full form; else the first three
        and how many more (the full report lists them)."""
        if self.full or len(f.sources) <= 3:
            return ", ".join(f.sources) or "-"
        more = self.say("plan.more_agreements", n=len(f.sources) - 3)
        return ", ".join(f.sources[:3]) + " " + more

    def shown_sources(self) -> list[Source]:
        """Every source in the full form; else those the findings told cite."""
        if self.full:
            return list(self.sources)
        cited = {
            c.partition(":")[0]
            for page in self.state_pages()
            for f in page.told
            for c in f.sources[:3]
        }
        return [s for s in self.sources if s.id in cited]

    def rule_number(self, rule: str) -> int:
        return self.rules.index(rule) + 1

    @property
    def colon(self) -> str:
        """``: `` in English, `` : `` in French (a space before the high punctuation)."""
        return " : " if self.lang == "fr" else ": "

    def say(self, key: str, /, **params: object) -> str:
        """The report's word ``key`` in its language."""
        return say(self.lang, key, **params)

    def words(self, prefix: str, values: tuple[str, ...] | list[str]) -> str:
        return words_of(self.lang, prefix, values)

    def state(self, code: str) -> str:
        return state_name(code, self.lang)

    @cached_property
    def _data(self) -> DataTexts:
        """The names as recorded a message may hold (kept as they are by :meth:`text`)."""
        data = [v for k, v in self.labels.items() if not k.startswith("Country:")]
        data += [k.partition(":")[2] for k in self.labels if not k.startswith("Country:")]
        data += instrument_texts()
        data += self.names
        return DataTexts(data)

    @cached_property
    def _said(self) -> dict[str, str]:
        return {}

    def text(self, message: str) -> str:
        """A finding's message or near miss in the report's language (names as recorded)."""
        if message not in self._said:
            said = translate_message(
                message, self.lang, data=self._data.within(message), countries=self.country_codes
            )
            self._said[message] = said.replace(" -> ", " → ")
        return self._said[message]

    def action(self, action: Action) -> tuple[str, str]:
        """A planned action in the report's language: what it is, and why."""
        if action.says is None:
            return action.kind, action.why
        return action_words(action.kind, action.says, self.lang)

    def twins(self, findings: list[Finding]) -> set[Finding]:
        """The findings of ``findings`` whose kind and name another one has too."""
        names = Counter((f.kind, self.name_of(f)) for f in findings)
        return {f for f in findings if names[f.kind, self.name_of(f)] > 1}

    def differs(self, f: Finding) -> str:
        """What sets a route finding apart from another of the same pair of places: its
        routes, victims and purposes."""
        d = f.details
        routes = [
            self.labels.get(str(r), str(r).partition(":")[2] or str(r)) for r in d.get("routes", ())
        ]
        parts = [
            (self.say("report.differs.routes"), ", ".join(routes)),
            (self.say("report.differs.victims"), self.values("victims", d.get("victims", ()))),
            (self.say("report.differs.purposes"), self.values("purposes", d.get("purposes", ()))),
        ]
        return "; ".join(f"{k}{self.colon}{v}" for k, v in parts if v)

    def values(self, kind: str, values: Iterable[object]) -> str:
        return ", ".join(value_word(self.lang, kind, str(v)) for v in values)

    def fields(self, f: Finding, *, twin: bool = False) -> list[tuple[str, str]]:
        """What a finding adds below its message, in plain words: how it differs from
        another of the same name (``twin``), the link criteria missing and not recorded,
        the kind of gap, then any field added later."""
        out = [(self.say("report.differs"), self.differs(f))] if twin else []
        if f.criteria_missing:
            out.append((self.say("criteria.missing"), self.words("criterion", f.criteria_missing)))
        if f.criteria_unknown:
            out.append((self.say("criteria.unknown"), self.words("criterion", f.criteria_unknown)))
        if f.gap_type is not None:
            out.append((self.say("gap_type.label"), self.say(f"gap_type.{f.gap_type}")))
        plain = {"criteria met", "criteria missing", "criteria unknown", "gap type"}
        out += [(k, str(v)) for k, v in extra_fields(f) if k not in plain]
        return out

    def message(self, f: Finding) -> str:
        """A finding's message in the report's language, less the names of the places it
        starts with when those are the finding's name (shown just before it)."""
        if not self.full and f.kind is FindingKind.ROUTE_LINKED:
            # the meeting form: what the link lacks is said below; by what, in the annex
            return self.say("report.linked_short")
        text, name = self.text(f.message), self.name_of(f)
        if text.startswith((name + " ", name + ":")):
            rest = text[len(name) :].lstrip(" :")
            return rest[:1].upper() + rest[1:]
        return text

    def change_items(self) -> list[str]:
        """What the --since paragraph lists, as plain text for a renderer to escape: up to
        eight gaps opened, then up to eight closed, each group ending with "and N more"."""
        if self.change is None:
            return []
        items: list[str] = []
        for key, group in (("new", self.change.opened), ("closed", self.change.closed)):
            word = self.say(f"report.changed.{key}")
            items += [
                f"{word}{self.colon}{self.name_of(f)} — {heading(str(f.kind), self.lang).lower()}"
                for f in group[:_CHANGES_SHOWN]
            ]
            if len(group) > _CHANGES_SHOWN:
                more = len(group) - _CHANGES_SHOWN
                items.append(self.say("report.changed.more", n=more, word=word))
        return items

    def name_of(self, f: Finding) -> str:
        """``Mali -> Senegal``: the finding's subjects by name, countries in the language."""
        names = [
            self.state(s.partition(":")[2])
            if s.startswith("Country:")
            else self.labels.get(s) or subject_name(s)
            for s in f.subjects
        ]
        return (" → " if str(f.kind).startswith(("route_", "local_")) else ", ").join(names)
