"""The meeting report: self-contained HTML, Markdown, and a real browser render."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from coordgraph.cli import cli


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("r") / "report"
    r = CliRunner().invoke(
        cli,
        ["report", "-o", str(out), "--as-of", "2008-07", "--include-unverified"],
        catch_exceptions=False,
    )
    assert r.exit_code == 0
    return out


def test_html_is_self_contained_and_has_findings(report_dir: Path):
    text = (report_dir / "report.html").read_text(encoding="utf-8")
    assert "<table class='findings'>" in text
    assert "tp2008:" in text
    assert not re.search(r"(src|href)=['\"]https?://", text)
    assert "data:image/png;base64," in text
    assert "Coverage: Regional Conference on Migration" in text


def test_report_links_the_explorer_beside_it(report_dir: Path):
    text = (report_dir / "report.html").read_text(encoding="utf-8")
    assert "<a href='explorer.html'>" in text
    assert "(explorer.html)" in (report_dir / "report.md").read_text(encoding="utf-8")
    page = (report_dir / "explorer.html").read_text(encoding="utf-8")
    assert 'id="coordgraph-data"' in page
    assert '"as_of":"2008-07-31"' in page


def test_markdown_version(report_dir: Path):
    md = (report_dir / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# ")
    assert "| severity |" in md
    assert (report_dir / "routes.png").exists()


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
@pytest.mark.skipif(_chromium() is None, reason="no chromium binary (CI installs Debian's)")
def test_report_renders_in_headless_chromium(report_dir: Path, tmp_path: Path):
    import numpy as np
    from matplotlib.image import imread

    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1280,2000",
            (report_dir / "report.html").as_uri(),
        ],
        check=True,
        timeout=120,
        capture_output=True,
    )
    pixels = imread(shot)
    colours = np.unique(pixels.reshape(-1, pixels.shape[-1])[::97], axis=0)
    assert len(colours) > 20, "the screenshot is blank"
