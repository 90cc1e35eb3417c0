"""What a State is expected to have: expectation profiles, read as data.

DESIGN.md section 9, "Expectations are data". ``data/rules.yaml`` holds two tables:

* ``structures``: each expected structure (a focal point for other States, a national
  referral mechanism with a procedure for children, an independent rapporteur, ...) and
  how the records show it (``shown_by``: a focal point, a mechanism of some types and
  levels, a plan, an agency, a connection to a network of some function, a company
  reporting to the State's bodies), with what it must also have (``requires``);
* ``profiles``: an instrument's or a study's expectations: a name, the structures it
  expects (a list, or a mapping of each to the lines that ask for it), the source that
  sets them (a seed line, an article), from when, and whether
  it applies to every State (``every_state``) or only where a network or the dataset
  says so.

A network names the profiles that apply to its members (``expects``), a dataset the ones
that apply to every State it names and may define its own profiles; each application is
written ``name`` or ``name from YYYY-MM-DD``. The analysis that reads them is
:mod:`coordgraph.analyses.structures`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from coordgraph.dates import FuzzyDate
from coordgraph.errors import DataError

__all__ = [
    "REQUIREMENTS",
    "SHOWN_BY",
    "Application",
    "Profile",
    "Structure",
    "default_profiles",
    "default_structures",
    "parse_application",
    "profiles_from_mapping",
    "structures_from_mapping",
]

#: how a structure shows in the records (see data/rules.yaml)
SHOWN_BY = frozenset({"focal_point", "mechanism", "plan", "agency", "connection", "reports_from"})

#: what a structure may be required to have, and the record field each is read from
REQUIREMENTS: dict[str, str] = {
    "child_procedure": "child_procedure",
    "child_protection_tie": "child_protection_tie",
    "independent": "independent",
    "evaluated": "evaluated",
    "budget": "budget",
    "timetable": "timetable",
    "child_scope": "scope",
    "reaches_local": "reaches",
}

_APPLICATION = re.compile(
    r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:from\s+(\S+))?\s*"
    r"(?:except\s+([A-Za-z]{3}(?:\s*,\s*[A-Za-z]{3})*))?\s*$"
)


@dataclass(frozen=True)
class Structure:
    """One expected structure and how the records show it."""

    name: str
    label: str
    shown_by: str
    types: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    agency_types: tuple[str, ...] = ()
    function: str | None = None
    focal_point_of: str | None = None
    requires: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    """What an instrument or a study expects of a State, with its source."""

    name: str
    title: str
    expects: tuple[str, ...]
    source: str
    why: str = ""
    every_state: bool = False
    start: FuzzyDate | None = None
    #: structure -> the lines that ask for it, when the profile cites each one
    cites: Mapping[str, str] = field(default_factory=dict)

    def cite(self, structure: str) -> str:
        """The citation of one expectation: its own lines, else the profile's source."""
        return self.cites.get(structure) or self.source


@dataclass(frozen=True)
class Application:
    """A profile applied to some States from a date (``None``: from the profile's own)."""

    profile: str
    start: FuzzyDate | None = None
    #: States the profile does not apply to (Denmark for Directive 2011/36/EU)
    excepted: tuple[str, ...] = ()

    def __str__(self) -> str:
        text = self.profile if self.start is None else f"{self.profile} from {self.start}"
        return text + (f" except {', '.join(self.excepted)}" if self.excepted else "")


def parse_application(value: object) -> Application:
    """``osce-nrm``, ``osce-nrm from 2013-04-06``, ``art19 from 2013-04-06 except DNK``
    or ``{profile: osce-nrm, from: ..., except: [DNK]}``."""
    if isinstance(value, Application):
        return value
    if isinstance(value, Mapping):
        extra = set(value) - {"profile", "from", "except"}
        if extra or not isinstance(value.get("profile"), str):
            raise ValueError(
                "an expectation is a profile name, optionally with 'from' a date and "
                "'except' States"
            )
        start, excepted = value.get("from"), value.get("except") or ()
        if isinstance(excepted, str):
            excepted = [excepted]
        text = str(value["profile"]) + (f" from {start}" if start is not None else "")
        text += f" except {', '.join(str(c) for c in excepted)}" if excepted else ""
        return parse_application(text)
    if not isinstance(value, str):
        raise ValueError("an expectation is a profile name, optionally 'NAME from YYYY-MM-DD'")
    match = _APPLICATION.match(value)
    if match is None:
        raise ValueError(
            f"{value[:60]!r} is not an expectation: write a profile name, optionally "
            "followed by 'from YYYY-MM-DD'"
        )
    start = FuzzyDate.parse(match.group(2)) if match.group(2) else None
    excepted = tuple(c.strip().upper() for c in (match.group(3) or "").split(",") if c.strip())
    return Application(match.group(1), start, excepted)


def _strings(entry: Mapping[str, Any], key: str) -> tuple[str, ...]:
    raw = entry.get(key) or ()
    if isinstance(raw, str) or not isinstance(raw, Iterable):
        raise DataError(f"{key} must be a list")
    return tuple(str(x) for x in raw)


def structures_from_mapping(data: Mapping[str, Any]) -> dict[str, Structure]:
    """The ``structures`` table of rules.yaml, checked."""
    out: dict[str, Structure] = {}
    for name, entry in dict(data).items():
        shown_by = str(entry.get("shown_by"))
        if shown_by not in SHOWN_BY:
            raise DataError(
                f"rules.yaml: structure {name!r}: shown_by must be one of {sorted(SHOWN_BY)}"
            )
        requires = _strings(entry, "requires")
        unknown = [r for r in requires if r not in REQUIREMENTS]
        if unknown:
            raise DataError(f"rules.yaml: structure {name!r}: unknown requirement {unknown[0]!r}")
        out[str(name)] = Structure(
            str(name),
            str(entry.get("label", name)),
            shown_by,
            _strings(entry, "types"),
            _strings(entry, "levels"),
            _strings(entry, "agency_types"),
            None if entry.get("function") is None else str(entry["function"]),
            None if entry.get("focal_point_of") is None else str(entry["focal_point_of"]),
            requires,
        )
    return out


def profiles_from_mapping(
    data: Mapping[str, Any], structures: Mapping[str, Structure]
) -> dict[str, Profile]:
    """Profiles from a mapping (rules.yaml's ``profiles``, or a dataset's own), checked
    against the structures they expect."""
    out: dict[str, Profile] = {}
    for name, entry in dict(data).items():
        raw = entry.get("expects")
        cites = {str(k): str(v) for k, v in raw.items()} if isinstance(raw, Mapping) else {}
        expects = tuple(cites) if cites else _strings(entry, "expects")
        unknown = [s for s in expects if s not in structures]
        if unknown or not expects:
            raise DataError(
                f"profile {name!r}: expects "
                + (f"an unknown structure {unknown[0]!r}" if unknown else "nothing")
                + f" (known: {', '.join(sorted(structures))})"
            )
        if not entry.get("source"):
            raise DataError(f"profile {name!r}: cite the source of the expectation in source")
        start = entry.get("from")
        out[str(name)] = Profile(
            str(name),
            str(entry.get("name", name)),
            expects,
            str(entry["source"]),
            str(entry.get("why") or ""),
            bool(entry.get("every_state", False)),
            None if start is None else FuzzyDate.parse(str(start)),
            cites,
        )
    return out


def _rules_yaml() -> dict[str, Any]:
    text = (resources.files("coordgraph") / "data" / "rules.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@functools.cache
def default_structures() -> dict[str, Structure]:
    """The expected structures of data/rules.yaml."""
    return structures_from_mapping(_rules_yaml().get("structures") or {})


@functools.cache
def default_profiles() -> dict[str, Profile]:
    """The expectation profiles of data/rules.yaml."""
    return profiles_from_mapping(_rules_yaml().get("profiles") or {}, default_structures())
