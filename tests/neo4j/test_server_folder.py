"""A graph server the tests (or a command) start leaves no folder behind it made, and never
removes a folder it was given."""

from __future__ import annotations

from pathlib import Path

from tests.neo4j.conftest import start_server


def test_a_temporary_server_removes_its_own_folder() -> None:
    srv = start_server()
    folder = Path(srv.folder)
    assert folder.is_dir()
    srv.stop()
    assert not folder.exists()


def test_a_server_given_a_folder_leaves_it_and_its_files(tmp_path: Path) -> None:
    keep = tmp_path / "mine.txt"
    keep.write_text("the user's", encoding="utf-8")
    srv = start_server(data_dir=str(tmp_path))
    srv.stop()
    assert keep.read_text(encoding="utf-8") == "the user's"
