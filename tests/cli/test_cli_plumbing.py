"""How commands are wired: each builds the graph once, and options reach the library
as one object."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import coordgraph.graph
from coordgraph.cli import cli


def _count_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    build = coordgraph.graph.build_graph

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return build(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(coordgraph.graph, "build_graph", counted)
    return calls


@pytest.mark.parametrize(
    "args",
    [
        ["gaps", "all", "--country", "ALB"],
        ["gaps", "routes", "--network", "rcm", "--as-of", "2008"],
        ["gaps", "all"],
        ["coverage", "--network", "rcm", "--as-of", "2008"],
        ["networks"],
    ],
)
def test_each_command_builds_the_graph_once(monkeypatch: pytest.MonkeyPatch, args) -> None:
    calls = _count_builds(monkeypatch)
    r = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert len(calls) == 1


def test_options_reach_the_library_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    """--undated, --include-disputed, --country and --network travel in one ReadOptions
    object to the analyses, not through the click context."""
    import coordgraph.analyses

    seen: list[dict[str, object]] = []

    def record(G: object, **kwargs: object) -> list[object]:
        seen.append(kwargs)
        return []

    monkeypatch.setattr(coordgraph.analyses, "find_gaps", record)
    args = ["gaps", "routes", "--undated", "always", "--country", "Moldova", "--network", "rcm"]
    r = CliRunner().invoke(cli, [*args, "--include-disputed"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert seen[0]["undated"] == "always"
    assert seen[0]["countries"] == ["MDA"]
    assert seen[0]["network"] == "rcm"


def test_levels_of_read_options() -> None:
    from coordgraph.cli.options import ReadOptions

    assert ReadOptions().levels == {"verified"}
    assert ReadOptions(include_disputed=True).levels == {"verified", "disputed"}
    assert ReadOptions(include_unverified=True).levels == {"verified", "unverified"}


def test_no_option_is_kept_in_the_click_context() -> None:
    """The context's ``meta`` holds only the files the command read (outputs never go
    there), not options."""
    from pathlib import Path

    import coordgraph.cli

    for path in Path(coordgraph.cli.__file__).parent.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "ctx.meta[" not in text, path.name
        assert text.count("meta.") == text.count('meta.get("coordgraph.inputs"') + text.count(
            'meta.setdefault("coordgraph.inputs"'
        ), path.name
