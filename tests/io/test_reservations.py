"""Per-party reservations and declarations: text with its source, and what a reservation
excludes (a form of exploitation or a provision) as a checked, structured field."""

from __future__ import annotations

from pathlib import Path

import pytest

from coordgraph.errors import ValidationFailed
from coordgraph.io.convert import convert
from coordgraph.io.load import load

DATASET = """\
dataset: {name: res, title: Reservations}
sources:
  - {id: s1, title: A status page, url: "https://example.org/status"}
agreements:
  - id: a
    type: multilateral
    scope: all_persons
    exploitation: [sexual_exploitation, labour]
    provisions: [return_procedure, information_exchange]
    sources: [s1]
    parties:
      - {country: MDA, ratified: 2005, sources: [s1], PARTY}
      - {country: PRT, ratified: 2005, sources: [s1]}
"""


def _load(tmp_path: Path, party: str) -> object:
    path = tmp_path / "d.yaml"
    path.write_text(DATASET.replace("PARTY", party), encoding="utf-8")
    return load(path)


def test_a_reservation_with_what_it_excludes(tmp_path: Path) -> None:
    ds = _load(
        tmp_path,
        'reservations: "Does not apply Article 16 to ...", excludes: [labour, return_procedure], '
        'reservation_sources: ["s1:p. 3"], consent: acceptance',
    )
    party = ds.agreements[0].parties[0]  # type: ignore[attr-defined]
    assert party.excludes == ("labour", "return_procedure")
    assert [str(c) for c in party.reservation_sources] == ["s1:p. 3"]
    assert party.consent == "acceptance"


@pytest.mark.parametrize(
    ("party", "expected"),
    [
        (
            "excludes: [labour]",
            "d.yaml:12:parties.0: excludes needs the text it rests on",
        ),
        (
            'reservations: "x", excludes: [all]',
            "d.yaml:12:parties.0.excludes: 'all' is not a form of exploitation or a provision",
        ),
        (
            'reservations: "x", excludes: [begging]',
            "d.yaml:12:parties.0.excludes: MDA excludes 'begging', which 'a' does not cover "
            "(its forms of exploitation: labour, sexual_exploitation)",
        ),
        (
            'reservations: "x", excludes: [guardianship]',
            "d.yaml:12:parties.0.excludes: MDA excludes 'guardianship', which 'a' does not "
            "cover (its provisions: information_exchange, return_procedure)",
        ),
        (
            'reservations: "x", reservation_sources: [nope]',
            "d.yaml:12:parties.0.reservation_sources: 'a' cites Source 'nope' for MDA, which "
            "does not exist",
        ),
        (
            "reservation_sources: [s1]",
            "d.yaml:12:parties.0: reservation_sources cites a reservation that is not recorded",
        ),
    ],
)
def test_reservation_problems(tmp_path: Path, party: str, expected: str) -> None:
    with pytest.raises(ValidationFailed) as failed:
        _load(tmp_path, party)
    (problem,) = failed.value.problems
    assert str(problem).startswith(expected), str(problem)


def test_reservations_survive_every_format(tmp_path: Path) -> None:
    ds = _load(
        tmp_path,
        'reservations: "Art. 16 (labour)", declarations: "A declaration", '
        "excludes: [labour], reservation_sources: [s1]",
    )
    for target in ("csv-folder", "d.xlsx", "d.json"):
        convert(tmp_path / "d.yaml", tmp_path / target)
        assert load(tmp_path / target).agreements == ds.agreements  # type: ignore[attr-defined]


def test_the_party_edge_carries_the_reservation_as_text(tmp_path: Path) -> None:
    ds = _load(
        tmp_path, 'reservations: "Art. 16", excludes: [labour], reservation_sources: ["s1:p. 3"]'
    )
    G = ds.to_networkx()  # type: ignore[attr-defined]
    attrs = G.edges["Country:MDA", "Agreement:a", "PARTY_TO"]
    assert attrs["reservation_sources"] == ("s1:p. 3",)
    assert attrs["excludes"] == ("labour",) and attrs["reservations"] == "Art. 16"
