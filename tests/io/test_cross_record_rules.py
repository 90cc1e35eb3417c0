"""Rules that span fields or records (validation pass two), each with its own message."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import coordgraph
from coordgraph.errors import ValidationFailed

BASE = {
    "dataset": {"name": "t", "title": "T"},
    "sources": [{"id": "s1", "title": "S"}],
    "networks": [{"id": "net", "members": ["ALB", {"country": "GRC", "joined": "2001"}]}],
    "agreements": [
        {
            "id": "alb-grc",
            "type": "bilateral",
            "parties": ["ALB", "GRC"],
            "signed": "2006",
            "scope": "children",
        }
    ],
    "focal_points": [{"id": "fp", "country": "ALB", "network": "net"}],
}


def _problems(tmp_path: Path, **changes: object) -> list[str]:
    data = yaml.safe_load(yaml.safe_dump(BASE))
    for key, value in changes.items():
        section, _, field = key.partition("__")
        if field:
            data[section][0][field] = value
        else:
            data[section] = value
    path = tmp_path / "dataset.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    try:
        coordgraph.load(path)
    except ValidationFailed as exc:
        return [f"{p.field}: {p.message}" for p in exc.problems]
    return []


def test_base_is_valid(tmp_path: Path) -> None:
    assert _problems(tmp_path) == []


def test_multilateral_with_one_party(tmp_path: Path) -> None:
    assert _problems(tmp_path, agreements__type="multilateral", agreements__parties=["ALB"]) == [
        "parties: a multilateral agreement has at least two parties; this one lists 1"
    ]
    assert (
        _problems(
            tmp_path,
            agreements__type="multilateral",
            agreements__parties=["ALB"],
            agreements__parties_complete=False,
        )
        == []
    )


def test_party_count_below_parties_listed(tmp_path: Path) -> None:
    assert _problems(tmp_path, agreements__party_count=1) == [
        "party_count: party_count (1) is less than the 2 parties listed"
    ]


def test_not_in_force_after_entry_into_force(tmp_path: Path) -> None:
    assert _problems(tmp_path, agreements__in_force="2007", agreements__not_in_force_on="2010") == [
        "not_in_force_on: not_in_force_on (2010) is on or after entry into force (2007), "
        "but no end is recorded"
    ]
    # Observed before entry into force, or after it ceased: both legitimate.
    assert (
        _problems(tmp_path, agreements__in_force="2007", agreements__not_in_force_on="2006") == []
    )
    assert (
        _problems(
            tmp_path,
            agreements__in_force="2007",
            agreements__valid_to="2009",
            agreements__not_in_force_on="2010",
        )
        == []
    )
    # Overlapping fuzzy dates (in force some time in 2007, not in force in June 2007): no problem.
    assert (
        _problems(tmp_path, agreements__in_force="2007", agreements__not_in_force_on="2007-06")
        == []
    )


def test_valid_to_before_signed(tmp_path: Path) -> None:
    assert _problems(tmp_path, agreements__valid_to="2005") == [
        "valid_to: valid_to (2005) is before signed (2006)"
    ]


def test_member_listed_twice(tmp_path: Path) -> None:
    assert _problems(tmp_path, networks__members=["ALB", "Albania", "GRC"]) == [
        "members.1: ALB is listed twice as a member of 'net' for the same period"
    ]
    rejoined = [
        {"country": "ALB", "joined": "2001", "left": "2003"},
        {"country": "ALB", "joined": "2005"},
        "GRC",
    ]
    assert _problems(tmp_path, networks__members=rejoined) == []


def test_agency_listed_twice(tmp_path: Path) -> None:
    assert _problems(
        tmp_path,
        agencies=[{"id": "a", "country": "ALB"}],
        mechanisms=[
            {
                "id": "m",
                "type": "coordinating_body",
                "level": "national",
                "country": "ALB",
                "members": ["a", "a"],
            }
        ],
    ) == ["members: a listed twice in members of 'm'"]


def test_focal_point_of_a_state_that_is_not_a_member(tmp_path: Path) -> None:
    problems = _problems(tmp_path, focal_points=[{"id": "fp", "country": "ITA", "network": "net"}])
    assert problems == ["network: focal point 'fp': ITA is not a member of network 'net'"]
    problems = _problems(
        tmp_path,
        focal_points=[{"id": "fp", "country": "GRC", "network": "net", "valid_to": "1999"}],
    )
    assert problems == [
        "network: focal point 'fp': GRC is not a member of network 'net' from … to 1999 "
        "(member 2001 to …)"
    ]
    problems = _problems(
        tmp_path, focal_points=[{"id": "fp", "country": "ITA", "agreement": "alb-grc"}]
    )
    assert problems == ["agreement: focal point 'fp': ITA is not a party to 'alb-grc'"]


def test_focal_point_when_members_are_not_all_listed(tmp_path: Path) -> None:
    assert (
        _problems(
            tmp_path,
            networks__members_complete=False,
            focal_points=[{"id": "fp", "country": "ITA", "network": "net"}],
        )
        == []
    )


@pytest.mark.parametrize(
    ("section", "field", "value", "expected"),
    [
        (
            "agreements",
            "parties",
            [{"country": "ALB", "sources": ["nosuch:1"]}, "GRC"],
            "parties.0.sources: 'alb-grc' cites Source 'nosuch' for ALB, which does not exist",
        ),
        (
            "networks",
            "members",
            ["ALB", {"country": "GRC", "sources": ["s2"]}],
            "members.1.sources: 'net' cites Source 's2' for GRC, which does not exist",
        ),
    ],
)
def test_citations_inside_parties_and_members(
    tmp_path: Path, section: str, field: str, value: object, expected: str
) -> None:
    assert _problems(tmp_path, **{f"{section}__{field}": value}) == [expected]


def test_two_country_records_for_one_code(tmp_path: Path) -> None:
    assert _problems(tmp_path, countries=[{"id": "ALB"}, {"id": "Albania"}]) == [
        "id: duplicate id 'Albania' in countries (the same country as 'ALB')"
    ]


def test_a_record_that_failed_is_not_reported_again_as_missing(tmp_path: Path) -> None:
    # The source's bad date is the one problem; citing it is not a second one.
    assert _problems(
        tmp_path,
        sources=[{"id": "s1", "title": "S", "date": "2006-02-30"}],
        agreements__sources=["s1"],
    ) == ["date: 2006-02 has no day 30 (it has 28 days)"]
