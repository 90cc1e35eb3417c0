"""What the report says, before it is written: :class:`ReportContent`, filled by
:func:`coordgraph.report.build.report_content` and written by
:mod:`coordgraph.report.html` and :mod:`coordgraph.report.markdown`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from coordgraph.findings import Finding
from coordgraph.model import Source

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

    @property
    def line(self) -> str:
        return (
            f"Since {self.since.isoformat()}: {len(self.opened)} new gaps, {len(self.closed)} "
            f"closed ({self.then} then, {self.now} now)."
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

    def rule_number(self, rule: str) -> int:
        return self.rules.index(rule) + 1
