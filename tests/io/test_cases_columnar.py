"""Case records imported column-wise give the routes the row-by-row import gives."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from coordgraph.errors import DataError
from coordgraph.io import cases
from coordgraph.io.cases import routes_from_cases
from coordgraph.model import Route

HEADER = (
    "citizenship,CountryOfExploitation,yearOfRegistration,ageBroad,gender,typeOfExploitConcatenated"
)
CODES = ["AL", "GR", "gr", " TH ", "-99", "", "XX", "Greece", "unknown", "KOR", "00"]
AGES = ["0--8", "9--17", "18--20", "30--38", "", "Adult", "minor", "unknown", "17"]
SEXES = ["Female", "Male", "", "female", "other"]
YEARS = ["2016", "2002", "", "16", "20x6", " 2010 "]
PURPOSES = ["Sexual exploitation", "Forced labour", "", "Begging", "odd", "Labor;Sexual"]


def _random_rows(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [
        ",".join(
            [
                rng.choice(CODES),
                rng.choice(CODES),
                rng.choice(YEARS),
                rng.choice(AGES),
                rng.choice(SEXES),
                rng.choice(PURPOSES),
            ]
        )
        for _ in range(n)
    ]


FILES = {
    "random": "\n".join([HEADER, *_random_rows(3000, 1)]) + "\n",
    "quoted": HEADER + '\nAL,GR,2016,"0--8",Female,"Sexual exploitation, forced labour"\n',
    "blank-line": HEADER + "\nAL,GR,2016,0--8,Female,Begging\n\nAL,GR,2016,0--8,Female,Begging\n",
    "empty-cells-row": HEADER + "\n,,,,,\nAL,GR,2016,0--8,Female,Begging\n",
    "ragged": HEADER + "\nAL,GR,2016\nAL,GR,2016,0--8,Female,Begging,extra\n",
    "fewer-columns": "citizenship,CountryOfExploitation\nAL,GR\nAL,GR\nTH,\n",
    "crlf-bom": "\ufeff" + (HEADER + "\nAL,GR,2016,0--8,Female,Begging\n").replace("\n", "\r\n"),
    "header-only": HEADER + "\n",
    "spaced-header": " citizenship,CountryOfExploitation\nAL,GR\n",
}


def _both(tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch, **kw):
    file = tmp_path / "cases.csv"
    file.write_text(text, encoding="utf-8")
    out = []
    for by_row in (False, True):
        with monkeypatch.context() as m:
            if by_row:
                m.setattr(cases, "_groups_by_column", lambda *a: None)
            try:
                out.append(routes_from_cases(file, **kw))
            except DataError as exc:
                out.append(str(exc))
    return out


@pytest.mark.parametrize("name", sorted(FILES))
@pytest.mark.parametrize("min_volume", [1, 5])
def test_same_routes_both_ways(name: str, min_volume: int, tmp_path: Path, monkeypatch) -> None:
    fast, slow = _both(tmp_path, FILES[name], monkeypatch, min_volume=min_volume)
    if isinstance(slow, str):
        assert fast == slow
        return
    assert slow.table is None
    assert fast.route_table.df.equals(slow.route_table.df)
    assert fast.routes == slow.routes
    assert fast.sources == slow.sources


def test_a_plain_file_is_counted_column_wise(tmp_path: Path, monkeypatch) -> None:
    fast, _ = _both(tmp_path, FILES["random"], monkeypatch)
    assert fast.table is not None and fast.records.get(Route, ()) == ()
    assert sum(fast.route_table.df["volume"].to_list()) == 3000


def test_missing_column_and_missing_file(tmp_path: Path, monkeypatch) -> None:
    fast, slow = _both(tmp_path, "a,b\n1,2\n", monkeypatch)
    assert fast == slow and "missing column" in fast
    with pytest.raises(DataError, match="no such file"):
        routes_from_cases(tmp_path / "nope.csv")


def test_columns_can_be_renamed(tmp_path: Path, monkeypatch) -> None:
    text = "nationality,CountryOfExploitation\nAL,GR\nAL,GR\n"
    fast, slow = _both(tmp_path, text, monkeypatch, columns={"origin": "nationality"})
    assert fast.route_table.df.equals(slow.route_table.df)
    assert fast.routes[0].origin == "ALB" and fast.routes[0].volume == 2
