"""Dates that keep the precision their source gave: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

A source that says an agreement was signed "in 2006" must not be read as 1 January 2006.
:class:`FuzzyDate` keeps the precision and answers two questions: the first day the date
can mean (:attr:`FuzzyDate.start`) and the last (:attr:`FuzzyDate.end`). Analyses treat a
start (signed, in force, joined) as having happened by ``as_of`` when its first possible
day is on or before ``as_of``, and an end (expired, left) as having happened when its
last possible day is before ``as_of``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

__all__ = ["FuzzyDate", "Precision", "day_asked", "parse_as_of"]

#: Digits are ASCII digits: 2008 written in Arabic-Indic or full-width digits is not read
#: as 2008, since no file or option documents that.
_PATTERN = re.compile(r"^(<)?([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
PATTERN_TEXT = r"^<?[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
#: The forms ``--as-of`` takes (no "before" dates: a day to look at is a day).
_AS_OF = re.compile(r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$")


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


@dataclass(frozen=True, order=False)
class FuzzyDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None
    #: True for a date known only as "before" the given one (written ``<2004-07-22``).
    before: bool = False

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not between 01 and 12")
        if self.day is not None and self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(
                    f"{self.year:04d}-{self.month:02d} has no day {self.day} (it has {last} days)"
                )
        if not 1000 <= self.year <= 2999:
            raise ValueError(f"year {self.year} is out of range")

    @classmethod
    def parse(cls, value: object) -> FuzzyDate:
        """Read ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, a :class:`datetime.date` or an int year."""
        if isinstance(value, FuzzyDate):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(value)
        if not isinstance(value, str):
            raise ValueError(f"expected a date like 2006, 2006-02 or 2006-02-14, got {value!r}")
        return _date_in_text(value.strip())

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @functools.cached_property
    def start(self) -> dt.date:
        """The first day this date can mean.

        A "before" date has no known first day; it counts from the day before its bound,
        the last day it can mean, so nothing is taken to have happened earlier than known.
        """
        if self.before:
            return self.end
        return dt.date(self.year, self.month or 1, self.day or 1)

    @functools.cached_property
    def end(self) -> dt.date:
        """The last day this date can mean."""
        if self.before:
            return dt.date(self.year, self.month or 1, self.day or 1) - dt.timedelta(days=1)
        if self.day is not None and self.month is not None:
            return dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        text = ("<" if self.before else "") + f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __repr__(self) -> str:
        return f"FuzzyDate({str(self)!r})"

    def _key(self) -> tuple[dt.date, dt.date]:
        return (self.start, self.end)

    def __lt__(self, other: FuzzyDate) -> bool:
        return self._key() < other._key()

    def __le__(self, other: FuzzyDate) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: FuzzyDate) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: FuzzyDate) -> bool:
        return self._key() >= other._key()

    def started_by(self, as_of: dt.date) -> bool:
        """True when this date, taken as a start, has happened by ``as_of``."""
        return self.start <= as_of

    def ended_by(self, as_of: dt.date) -> bool:
        """True when this date, taken as an end, is wholly before ``as_of``."""
        return self.end < as_of

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(
                str, when_used="json-unless-none"
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": PATTERN_TEXT,
            "description": (
                "A date with the precision of its source: YYYY, YYYY-MM or YYYY-MM-DD; "
                "a leading '<' means 'before' (<2004-07-22)."
            ),
            "examples": ["2006", "2006-02", "2006-02-14"],
        }


@functools.lru_cache(maxsize=8192)
def _date_in_text(text: str) -> FuzzyDate:
    """The date a stripped text means (:meth:`FuzzyDate.parse`). Dates repeat across
    the rows of a dataset and a :class:`FuzzyDate` never changes, so each text is read
    once; a text that is no date raises every time it is asked."""
    match = _PATTERN.match(text)
    if not match:
        spelled = _spelled(text)
        if spelled is not None:
            return FuzzyDate(*spelled)
        raise ValueError(
            f"{text!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2006-02), "
            "or <DATE for 'before DATE'"
        )
    before, year, month, day = match.groups()
    return FuzzyDate(
        int(year), int(month) if month else None, int(day) if day else None, bool(before)
    )


#: Month names a spreadsheet user may type, in English and French (most of the States of
#: the bundled west-africa dataset write French), folded to lower case without accents.
_MONTHS: dict[str, int] = {
    **{
        name: number
        for number, names in enumerate(
            [
                ("january", "jan", "janvier", "janv"),
                ("february", "feb", "fevrier", "fev", "fevr"),
                ("march", "mar", "mars"),
                ("april", "apr", "avril", "avr"),
                ("may", "mai"),
                ("june", "jun", "juin"),
                ("july", "jul", "juillet", "juil"),
                ("august", "aug", "aout"),
                ("september", "sep", "sept", "septembre"),
                ("october", "oct", "octobre"),
                ("november", "nov", "novembre"),
                ("december", "dec", "decembre"),
            ],
            start=1,
        )
        for name in names
    }
}
_NUMERIC = re.compile(r"^([0-9]{1,4})[./-]([0-9]{1,4})(?:[./-]([0-9]{1,4}))?$")
_WORDS = re.compile(
    r"^(?:([0-9]{1,2})(?:er|st|nd|rd|th)?\s+)?([a-z]+)\.?\s+(?:([0-9]{1,2}),?\s+)?([0-9]{4})$"
)


def _spelled(text: str) -> tuple[int, int | None, int | None] | None:
    """Year, month and day of a common spelling of a date that can mean one day only
    (``March 2018``, ``12 mars 2018``, ``25.03.2015``, ``2015/03/25``, ``03/2018``);
    ``None`` when the text is no such spelling. A day and month that could be read
    either way (``12.03.2015``) raise an error that gives both ISO forms to write."""
    import unicodedata

    folded = "".join(
        ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch)
    )
    words = _WORDS.match(" ".join(folded.replace(",", ", ").split()))
    if words is not None:
        day_before, month_name, day_after, year = words.groups()
        month = _MONTHS.get(month_name)
        if month is None or (day_before and day_after):
            return None
        day = day_before or day_after
        return int(year), month, int(day) if day else None
    numeric = _NUMERIC.match(folded)
    if numeric is None:
        return None
    first, second, third = numeric.groups()
    if third is None:  # 03/2018 or 2018/03
        if len(second) == 4 or len(first) == 4:
            month_text, year_text = (first, second) if len(second) == 4 else (second, first)
            return int(year_text), int(month_text), None
        return None
    if len(first) == 4:  # 2015/03/25: year, month, day
        return int(first), int(second), int(third)
    if len(third) != 4:
        return None
    a, b, year_number = int(first), int(second), int(third)
    if a == b or b > 12 >= a or a > 12 >= b:
        day, month = (a, b) if b <= 12 < a or a == b else (b, a)
        return year_number, month, day
    raise ValueError(
        f"{text!r} could be {_iso(year_number, b, a)} or {_iso(year_number, a, b)}: write "
        f"the one meant ({_iso(year_number, b, a)} for {a} {calendar.month_name[b]} "
        f"{year_number}, {_iso(year_number, a, b)} for {b} {calendar.month_name[a]} "
        f"{year_number})"
    )


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_as_of(value: object | None, *, today: dt.date | None = None) -> dt.date:
    """The day an analysis looks at.

    ``None`` means today. A year or month means its last day: "as of 2008" is the state
    of things on 31 December 2008, "as of 2008-07" on 31 July 2008.
    """
    if value is None or (isinstance(value, str) and value.strip().lower() == "today"):
        return today or dt.date.today()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and not _AS_OF.match(value.strip()):
        raise ValueError(
            f"{value.strip()[:40]!r} is not a date to look at; write YYYY, YYYY-MM, "
            "YYYY-MM-DD or today (e.g. 2008-07)"
        )
    return FuzzyDate.parse(value).end


def day_asked(graph_attrs: Mapping[str, Any], as_of: object | None) -> dt.date:
    """The day an analysis of a dataset looks at: ``as_of`` when given (``"today"`` is
    today), else the date the dataset speaks for (its ``as_of``, carried by the graph as
    ``G.graph["as_of"]``), else today (DESIGN.md section 9: a dataset speaks for a date).

    Every command and library function that defaults a date asks this one rule."""
    if as_of is None and graph_attrs.get("as_of"):
        return parse_as_of(str(graph_attrs["as_of"]))
    return parse_as_of(as_of)
