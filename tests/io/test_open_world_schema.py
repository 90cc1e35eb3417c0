"""What the open-world rules read (DESIGN.md section 9): coverage statements, the function
of each body, bodies above and below each other, and the date a dataset speaks for."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import coordgraph
from coordgraph.errors import DataError, ValidationFailed
from coordgraph.io.convert import convert
from coordgraph.taxonomy import default_rules, rules_from_mapping
from coordgraph.vocab import BodyFunction, NodeKind, Relation

BASE = {
    "dataset": {"name": "t", "title": "T", "as_of": "2019-06"},
    "sources": [{"id": "s1", "title": "S", "url": "https://example.org/s1"}],
    "networks": [
        {"id": "net", "type": "contact_point_network", "members": ["ALB", "GRC"]},
        {"id": "watch", "type": "contact_point_network", "function": "monitoring"},
    ],
    "mechanisms": [
        {"id": "cim", "type": "coordinating_body", "level": "national", "country": "CIV"},
        {
            "id": "cns",
            "type": "monitoring_body",
            "level": "national",
            "country": "CIV",
            "oversees": ["cim"],
        },
        {
            "id": "unit",
            "type": "coordinating_body",
            "level": "national",
            "country": "CIV",
            "reports_to": ["cim"],
        },
    ],
    "coverage": [
        {
            "id": "bilaterals",
            "lists": "agreements",
            "types": ["bilateral"],
            "countries": ["ALB", "GRC"],
            "valid_from": "2000",
            "valid_to": "2019",
            "sources": ["s1:table 2"],
        }
    ],
}


def _write(tmp_path: Path, data: dict[str, object]) -> Path:
    path = tmp_path / "dataset.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _problems(tmp_path: Path, section: str, record: dict[str, object]) -> list[str]:
    data = yaml.safe_load(yaml.safe_dump(BASE))
    data[section] = [*data.get(section, []), record]
    try:
        coordgraph.load(_write(tmp_path, data))
    except ValidationFailed as exc:
        return [f"{p.field}: {p.message}" for p in exc.problems]
    return []


def test_the_base_loads_with_its_date_and_statement(tmp_path: Path) -> None:
    ds = coordgraph.load(_write(tmp_path, BASE))
    assert str(ds.info.as_of) == "2019-06"
    (statement,) = ds.coverage
    assert statement.lists == "agreements" and statement.countries == ("ALB", "GRC")


def test_coverage_statements_are_nodes_that_cover_their_states(tmp_path: Path) -> None:
    G = coordgraph.load(_write(tmp_path, BASE)).to_networkx()
    node = f"{NodeKind.COVERAGE}:bilaterals"
    assert G.nodes[node]["kind"] == NodeKind.COVERAGE
    covered = {v for _, v, k in G.out_edges(node, keys=True) if k == Relation.COVERS}
    assert covered == {"Country:ALB", "Country:GRC"}
    assert (node, "Source:s1") in G.edges()


def test_bodies_above_and_below_are_relationships(tmp_path: Path) -> None:
    G = coordgraph.load(_write(tmp_path, BASE)).to_networkx()
    assert G.has_edge("Mechanism:cns", "Mechanism:cim", key=Relation.OVERSEES)
    assert G.has_edge("Mechanism:unit", "Mechanism:cim", key=Relation.REPORTS_TO)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"id": "c", "lists": "agreements", "countries": ["ALB"]}, "cites the source"),
        ({"id": "c", "lists": "agreements", "sources": ["s1"]}, "names its countries"),
        (
            {"id": "c", "lists": "mechanisms", "types": ["bilateral"], "countries": ["ALB"],
             "sources": ["s1"]},
            "bilateral unknown",
        ),
        ({"id": "c", "lists": "everything", "countries": ["ALB"], "sources": ["s1"]}, "lists"),
        (
            {"id": "c", "lists": "agreements", "network": "nowhere", "sources": ["s1"]},
            "nowhere",
        ),
    ],
    ids=["no-source", "no-states", "wrong-type", "unknown-kind", "unknown-network"],
)  # fmt: skip
def test_a_coverage_statement_says_what_and_why(
    tmp_path: Path, record: dict[str, object], expected: str
) -> None:
    problems = _problems(tmp_path, "coverage", record)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize("field", ["reports_to", "oversees"])
def test_a_body_is_not_above_itself(tmp_path: Path, field: str) -> None:
    record = {"id": "m", "type": "task_force", "level": "national", "country": "CIV", field: ["m"]}
    assert any("cannot name itself" in p for p in _problems(tmp_path, "mechanisms", record))


def test_an_unknown_function_is_refused(tmp_path: Path) -> None:
    record = {"id": "n2", "function": "gossip"}
    assert any("function" in p for p in _problems(tmp_path, "networks", record))


def test_function_default_per_type_and_override_per_record(tmp_path: Path) -> None:
    G = coordgraph.load(_write(tmp_path, BASE)).to_networkx()
    rules = default_rules()
    assert rules.function_of(G.nodes["Network:net"]) == BodyFunction.COORDINATION
    assert rules.function_of(G.nodes["Network:watch"]) == BodyFunction.MONITORING
    assert rules.function_of(G.nodes["Mechanism:cns"]) == BodyFunction.MONITORING
    assert rules.is_operational(rules.function_of(G.nodes["Network:net"]))
    assert not rules.is_operational(rules.function_of(G.nodes["Network:watch"]))
    assert not rules.is_operational(None)
    assert rules.function_words("monitoring") == "monitoring and reporting"
    assert rules.function_words(None) == "function not recorded"


def test_duplicate_comparison_groups_follow_the_function_table() -> None:
    # the groups the duplicate rule compares are derived from the default functions
    assert default_rules().functions_of("rapporteur") == {"monitoring"}
    assert default_rules().functions_of("coordinating_body") == {"coordination"}
    assert default_rules().functions_of("specialised_unit") == frozenset()


@pytest.mark.parametrize(
    "data",
    [
        {"body_functions": {"gossip": {}}, "coordinating_network_kinds": []},
        {
            "body_functions": {"coordination": {"operational": True}},
            "default_functions": {"Mechanism": {"task_force": "gossip"}},
            "coordinating_network_kinds": [],
        },
        {"default_functions": {"Nothing": {}}, "coordinating_network_kinds": []},
    ],
    ids=["unknown-function", "unknown-default", "unknown-kind"],
)
def test_rules_yaml_is_checked(data: dict[str, object]) -> None:
    with pytest.raises(DataError, match=r"rules\.yaml"):
        rules_from_mapping(data)


@pytest.mark.parametrize("suffix", ["", ".xlsx"])
def test_the_new_fields_survive_conversion(tmp_path: Path, suffix: str) -> None:
    src = _write(tmp_path, BASE)
    out = tmp_path / f"converted{suffix}"
    convert(src, out)
    back = coordgraph.load(out)
    assert str(back.info.as_of) == "2019-06"
    assert [c.id for c in back.coverage] == ["bilaterals"]
    assert back.coverage[0].types == ("bilateral",)
    cns = next(m for m in back.mechanisms if m.id == "cns")
    assert cns.oversees == ("cim",)
    watch = next(n for n in back.networks if n.id == "watch")
    assert watch.function == BodyFunction.MONITORING


def test_bundled_datasets_declare_their_date_and_what_they_claim() -> None:
    dates = {name: str(coordgraph.load(name).info.as_of) for name in ("europe", "west-africa")}
    assert dates == {"europe": "2024-03", "west-africa": "2023-03"}
    assert str(coordgraph.load("ecpat-2008").info.as_of) == "2008-07"
    # the EU network of rapporteurs monitors and reports; it is not a channel for cases
    eu = coordgraph.load("europe").to_networkx()
    assert default_rules().function_of(eu.nodes["Network:eu-nrem"]) == BodyFunction.MONITORING
    assert eu.has_edge(
        "Mechanism:irl-ahtu-mechanism", "Mechanism:irl-high-level-group", key=Relation.REPORTS_TO
    )
    wa = coordgraph.load("west-africa").to_networkx()
    assert wa.has_edge("Mechanism:civ-cns", "Mechanism:civ-cim", key=Relation.OVERSEES)
