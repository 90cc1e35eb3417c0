"""Property tests: valid datasets round-trip; any single mutation gives a clean answer."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coordgraph
from coordgraph.errors import DataError, ValidationFailed
from coordgraph.io.csvdir import write_csv_dir
from coordgraph.synth import synthesize
from tests.bad_inputs.make_corpus import BASE


def _dump(ds):
    return sorted((type(r).__name__, r.model_dump_json()) for r in ds)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10_000))
def test_valid_dataset_round_trips_csv_yaml_graph_csv(tmp_path_factory, seed: int) -> None:
    tmp = tmp_path_factory.mktemp("rt")
    ds = synthesize(countries=8, routes=15, agreements=6, mechanisms=6, seed=seed)
    csv_dir = write_csv_dir(ds, tmp / "csv")
    from_csv = coordgraph.load(csv_dir)
    as_yaml = {
        "dataset": ds.info.model_dump(mode="json", exclude_none=True),
        **{
            cls.SECTION: [r.model_dump(mode="json", exclude_none=True) for r in from_csv.of(cls)]
            for cls in coordgraph.Dataset.from_records(ds.info, []).records
            if from_csv.of(cls)
        },
    }
    (tmp / "d.yaml").write_text(yaml.safe_dump(as_yaml, allow_unicode=True), encoding="utf-8")
    from_yaml = coordgraph.load(tmp / "d.yaml")
    again = coordgraph.load(write_csv_dir(from_yaml, tmp / "csv2"))
    assert _dump(ds) == _dump(from_csv) == _dump(from_yaml) == _dump(again)
    G = again.to_networkx()
    assert G.number_of_nodes() == ds.to_networkx().number_of_nodes()


VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 3000),
    st.text(max_size=12),
    st.sampled_from(
        [
            "GRC",
            "Grece",
            "2006-02",
            "2006-13",
            "<2004-07-22",
            "unknown",
            "area:x",
            "s1",
            "m1",
            "net",
            "min-a",
            "children",
            "bilateral",
            "=1+1",
            "'}) DETACH DELETE n //",
        ]
    ),
    st.lists(st.sampled_from(["ALB", "GRC", "XXX", "m1", "min-a", ""]), max_size=3),
)
SECTIONS = [k for k in BASE if k != "dataset"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(section=st.sampled_from(SECTIONS), data=st.data(), value=VALUES, drop=st.booleans())
def test_single_mutation_gives_valid_data_or_clean_errors(
    tmp_path_factory, section, data, value, drop
):
    doc = copy.deepcopy(BASE)
    records = doc[section]
    record = records[data.draw(st.integers(0, len(records) - 1))]
    field = data.draw(st.sampled_from([*sorted(record), "extra_field"]))
    if drop:
        record.pop(field, None)
    else:
        record[field] = value
    path: Path = tmp_path_factory.mktemp("mut") / "d.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    try:
        coordgraph.load(path)
    except ValidationFailed as exc:
        assert exc.problems
        assert all(p.file == "d.yaml" for p in exc.problems)
    except DataError:
        pass
