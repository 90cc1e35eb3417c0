"""The graph server stores exactly the text it was given: written over Bolt or through
the native client, any text reads back equal through both, and a dataset stored by an
older coordgraph with percent-encoded text is repaired by the next ``--replace`` load.
All against the real FalkorDB server the suite starts (tests/neo4j/conftest.py)."""

from __future__ import annotations

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordgraph.cli import cli
from coordgraph.errors import BackendError
from coordgraph.neo4j import clear, connect, graph_from_server, load_graph
from coordgraph.neo4j.convert import escape_for_falkordb_bolt

pytestmark = pytest.mark.server

#: characters that travel specially somewhere: quotes, escapes, the old percent-encoding,
#: Cypher punctuation, line breaks, right-to-left marks and text, emoji
_AWKWARD = [
    *"'\"\\%`{}[],:$;\n\t\r",
    "%27",
    "%25",
    "%5C",
    "\\'",
    "\\\\",
    "\\n",
    "\u202e",
    "\u200f",
    "עברית",
    "العربية",
    "😀",
    "👩🏽‍⚖️",
    "\u2019",
    "Côte d'Ivoire",
]
_ANY = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
texts = st.lists(st.one_of(st.sampled_from(_AWKWARD), _ANY), max_size=60).map("".join)
#: a long text (up to 5,000 characters, the schema's longest) of awkward characters
long_texts = st.builds(
    lambda unit, n: (unit * n)[:n],
    st.lists(st.sampled_from(_AWKWARD), min_size=1, max_size=6).map("".join),
    st.integers(min_value=1500, max_value=5000),
)


@pytest.fixture(scope="module")
def both(server):
    """A Bolt and a native connection to the same graph of the test server."""
    bolt = connect(server.uri, "falkordb", "")
    native = connect(f"falkordb://127.0.0.1:{server.port}", "falkordb", "")
    clear(bolt)
    yield bolt, native
    clear(bolt)
    native.close()


def _graph(values: list[str]) -> nx.MultiDiGraph:
    """A small graph holding ``values`` as a label, notes, a list item (its first 200
    characters: one list item travels in one message) and an edge's notes."""
    G = nx.MultiDiGraph()
    G.add_node("Country:AAA", kind="Country", label="A", iso3="AAA")
    for i, value in enumerate(values):
        node = f"Agreement:t{i}"
        G.add_node(node, kind="Agreement", label=value, notes=value, sources=(value[:200], "x"))
        G.add_edge(node, "Country:AAA", key="PARTY_TO", relation="PARTY_TO", notes=value)
    return G


def _stored(G: nx.MultiDiGraph) -> list[tuple[object, ...]]:
    """What a reader sees of each agreement: label, notes, sources, the edge's notes."""
    rows = []
    for node, attrs in sorted(G.nodes(data=True)):
        if attrs["kind"] != "Agreement":
            continue
        edge = next(iter(G.get_edge_data(node, "Country:AAA").values()))
        rows.append((attrs["label"], attrs["notes"], tuple(attrs["sources"]), edge["notes"]))
    return rows


def _round_trip(both, values: list[str]) -> None:
    bolt, native = both
    G = _graph(values)
    expected = _stored(G)
    for writer in (bolt, native):
        load_graph(G, writer, replace=True)
        for reader in (bolt, native):
            assert _stored(graph_from_server(reader)) == expected, (writer, reader)
        # what a Cypher user sees, read natively, is the text as given too
        rows = native.run("MATCH (a:Agreement) RETURN a.id AS id, a.notes AS notes")
        assert sorted(r["notes"] for r in rows) == sorted(values)


@settings(
    # each example is a load and two reads through each protocol (~1.8 s): twelve keep the
    # suite's time; the known hard cases are examples of their own below
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(values=st.lists(texts, min_size=1, max_size=4))
def test_any_text_reads_back_equal_through_both_protocols(both, values):
    _round_trip(both, values)


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(value=long_texts, short=texts)
def test_long_text_reads_back_equal_through_both_protocols(both, value, short):
    _round_trip(both, [value, short + value[:100]])


def test_the_cases_of_the_report_read_back_as_given(both):
    cases = [
        'it\'s a "quote"',
        "Ministry of Women's and Children's Affairs",
        "Côte d'Ivoire 100% a%20b",
        "C:\\new\\table \\' %27",
        "'" * 4800,
    ]
    _round_trip(both, cases)


def test_a_nul_character_is_refused_over_bolt_before_anything_is_sent(both):
    """FalkorDB's Bolt endpoint cuts text at a NUL and then stops answering (measured);
    the load fails with one line, nothing changed, and the server still answers."""
    bolt, native = both
    load_graph(_graph(["before"]), bolt, replace=True)
    with pytest.raises(BackendError, match="NUL character"):
        load_graph(_graph(["a\x00b"]), bolt, replace=True)
    assert _stored(graph_from_server(native))[0][0] == "before"
    assert escape_for_falkordb_bolt("x") == "x"


def _legacy_encode(value: object) -> object:
    """How coordgraph before this fix stored text sent to FalkorDB over Bolt."""
    if isinstance(value, str):
        return value.replace("%", "%25").replace("'", "%27").replace("\\", "%5C")
    if isinstance(value, list):
        return [_legacy_encode(v) for v in value]
    return value


def test_a_dataset_stored_percent_encoded_is_refused_then_repaired_by_replace(
    both, server, monkeypatch
):
    """A dataset as the old Bolt path left it (written here directly, natively): readers
    refuse it with a line that says to reload, a merging load refuses too, and the next
    ``--replace`` load leaves exactly the given text on the server."""
    bolt, native = both
    clear(bolt)
    text = "Ministry of Women's and Children's Affairs, 100% C:\\x"
    old = "load-legacy0000"
    native.run(
        "CREATE (:Agreement {id: 't0', dataset: $tag, label: $v, notes: $v, sources: $l})",
        tag=old,
        v=_legacy_encode(text),
        l=_legacy_encode([text, "x"]),
    )
    native.run(
        "MERGE (m:CoordgraphMeta {id: 'current'}) SET m.tag = $tag, m.layout = 2, "
        "m.switched_at = timestamp(), m.routes_in_graph = false",
        tag=old,
    )
    stored = native.run("MATCH (a:Agreement) RETURN a.notes AS v")
    assert stored == [{"v": "Ministry of Women%27s and Children%27s Affairs, 100%25 C:%5Cx"}]
    for reader in (bolt, native):
        with pytest.raises(BackendError, match=r"older coordgraph.*--replace"):
            graph_from_server(reader)
    with pytest.raises(BackendError, match=r"older coordgraph.*--replace"):
        load_graph(_graph([text]), bolt)  # a merge would leave encoded records
    monkeypatch.setenv("NEO4J_URI", server.uri)
    monkeypatch.setenv("NEO4J_USER", "falkordb")
    monkeypatch.setenv("NEO4J_PASSWORD", "")
    runner = CliRunner()
    refused = runner.invoke(cli, ["neo4j", "gaps", "all"])
    assert refused.exit_code == 3 and "--replace" in refused.output

    load_graph(_graph([text]), bolt, replace=True)
    for reader in (bolt, native):
        assert _stored(graph_from_server(reader)) == [(text, text, (text[:200], "x"), text)]
    leftovers = native.run(
        "MATCH (n) WHERE n.dataset = $tag OR n.notes CONTAINS '%27' RETURN count(n) AS c",
        tag=old,
    )
    assert leftovers == [{"c": 0}]
