"""What the report says, before it is written: :class:`ReportContent`, filled by
:func:`coordgraph.report.build.report_content` and written by
:mod:`coordgraph.report.html` and :mod:`coordgraph.report.markdown`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from coordgraph.findings import Finding
from coordgraph.model import Source
from coordgraph.text.findings import extra_fields, subject_name
from coordgraph.text.i18n import action_words, say, state_name, translate_message, words_of

if TYPE_CHECKING:
    from coordgraph.analyses.coverage import Coverage
    from coordgraph.planning import Action

__all__ = ["Change", "ReportContent", "StateGaps"]


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

    def text(self, message: str) -> str:
        """A finding's message or near miss in the report's language (names as recorded)."""
        data = [v for k, v in self.labels.items() if not k.startswith("Country:")]
        data += [k.partition(":")[2] for k in self.labels if not k.startswith("Country:")]
        return translate_message(message, self.lang, data=data, countries=self.country_codes)

    def action(self, action: Action) -> tuple[str, str]:
        """A planned action in the report's language: what it is, and why."""
        if action.says is None:
            return action.kind, action.why
        return action_words(action.kind, action.says, self.lang)

    def fields(self, f: Finding) -> list[tuple[str, str]]:
        """What a finding adds below its message, in plain words: the link criteria
        missing and not recorded, the kind of gap, then any field added later."""
        out = []
        if f.criteria_missing:
            out.append((self.say("criteria.missing"), self.words("criterion", f.criteria_missing)))
        if f.criteria_unknown:
            out.append((self.say("criteria.unknown"), self.words("criterion", f.criteria_unknown)))
        if f.gap_type is not None:
            out.append((self.say("gap_type.label"), self.say(f"gap_type.{f.gap_type}")))
        plain = {"criteria met", "criteria missing", "criteria unknown", "gap type"}
        out += [(k, str(v)) for k, v in extra_fields(f) if k not in plain]
        return out

    def name_of(self, f: Finding) -> str:
        """``Mali -> Senegal``: the finding's subjects by name, countries in the language."""
        names = [
            self.state(s.partition(":")[2])
            if s.startswith("Country:")
            else self.labels.get(s) or subject_name(s)
            for s in f.subjects
        ]
        return (" -> " if str(f.kind).startswith("route_") else ", ").join(names)
