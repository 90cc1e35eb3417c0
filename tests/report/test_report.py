"""The meeting report: summary first, per State, per network; counts that agree with the
commands; names escaped; a real browser renders it and prints it to A4 without
horizontal overflow."""

from __future__ import annotations

import json
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
        ["report", "-o", str(out), "--as-of", "2008-07", "--since", "2004", "--include-unverified"],
        catch_exceptions=False,
    )
    assert r.exit_code == 0
    return out


def _html(d: Path) -> str:
    return (d / "report.html").read_text(encoding="utf-8")


def test_summary_first_then_states_then_networks(report_dir: Path):
    text = _html(report_dir)
    order = [
        text.index(s) for s in ("id='summary'", "Gaps by State", "<h2>Networks", "<h2>Sources")
    ]
    assert order == sorted(order)
    summary = text[text.index("id='summary'") : text.index("Gaps by State")]
    assert "The three most important gaps" in summary
    # plain words, not ids (Indonesia's two plans lead once absence is read open-world)
    assert "Plan of Action for the Eradication of Child Commercial Sexual Exploitation" in summary
    assert "idn-npa" not in summary
    assert "What changed." in summary and "Since 2004-12-31" in summary
    assert "<th>high</th><th>medium</th><th>low</th>" in summary


def test_html_is_self_contained_with_rules_as_footnotes(report_dir: Path):
    text = _html(report_dir)
    assert "<table class='findings'>" in text
    # nothing loaded from outside (a source's address may be a link to click, never a load)
    assert not re.search(r"(src=|<link[^>]*href=)['\"]https?://", text)
    assert "data:image/png;base64," in text
    assert "Regional Conference on Migration (11 members)" in text
    # the rule id is in a tooltip and a footnote, not in the finding's words
    assert re.search(r"<sup><a href='#rule-1' title='rule: routes\.", text)
    assert "<li id='rule-1'><code>routes." in text


def test_report_links_the_explorer_beside_it(report_dir: Path):
    text = (report_dir / "report.html").read_text(encoding="utf-8")
    assert "<a href='explorer.html'>" in text
    assert "(explorer.html)" in (report_dir / "report.md").read_text(encoding="utf-8")
    page = (report_dir / "explorer.html").read_text(encoding="utf-8")
    assert 'id="coordgraph-data"' in page
    assert '"as_of":"2008-07-31"' in page


def test_sources_carry_publisher_date_and_address(report_dir: Path):
    text = _html(report_dir)
    sources = text[text.index("<h2>Sources") :]
    assert "ECPAT International, 2008." in sources


def _cli_json(args: list[str]) -> dict:
    r = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return json.loads(r.output[r.output.index("{") :])


@pytest.mark.parametrize("verified_only", [True, False])
def test_counts_agree_with_summary_and_gaps(tmp_path: Path, verified_only: bool):
    extra = [] if verified_only else ["--include-unverified"]
    out = tmp_path / "rep"
    r = CliRunner().invoke(
        cli, ["report", "west-africa", "-o", str(out), "--as-of", "2019", *extra]
    )
    assert r.exit_code == 0, r.output
    text = _html(out)
    summary = _cli_json(["summary", "west-africa", "--format", "json"])
    gaps = _cli_json(["gaps", "all", "west-africa", "--as-of", "2019", "--format", "json", *extra])
    assert f"{summary['total_records']} records" in text
    assert f"{gaps['gaps']} gaps in west-africa as of 2019-12-31" in text
    md = (out / "report.md").read_text(encoding="utf-8")
    assert f"{gaps['gaps']} gaps in west-africa" in md


def test_names_with_markup_are_escaped(tmp_path: Path):
    data = tmp_path / "d.yaml"
    data.write_text(
        "dataset: {name: t, title: 'T <script>alert(1)</script> $5'}\n"
        "sources:\n  - {id: s, title: 'S <b>x</b>', publisher: 'P <i>', date: '2001'}\n"
        "areas:\n  - {id: a-1, name: '<script>alert(2)</script> $x$', country: MDA, sources: [s]}\n"
        "routes:\n  - {id: r, origin: area:a-1, destination: RUS, sources: [s]}\n",
        encoding="utf-8",
    )
    out = tmp_path / "rep"
    r = CliRunner().invoke(cli, ["report", str(data), "-o", str(out), "--as-of", "2008"])
    assert r.exit_code == 0, r.output
    for name in ("report.md", "report.html"):
        text = (out / name).read_text(encoding="utf-8")
        assert "<script>" not in text and "<i>" not in text
        assert "&lt;script&gt;alert(2)" in text


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _headless(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            _chromium() or "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            *args,
        ],
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    )


_PROBE = """<script>
window.addEventListener('load', function () {
  var right = 0, who = '';
  document.querySelectorAll('body *').forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.right > right) { right = r.right; who = el.tagName + '.' + el.className; }
  });
  var p = document.createElement('pre');
  p.id = 'layout';
  p.textContent = JSON.stringify({scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth, right: right, who: who});
  document.body.appendChild(p);
});
</script>"""


@pytest.mark.browser
@pytest.mark.skipif(_chromium() is None, reason="no chromium binary (CI installs Debian's)")
@pytest.mark.parametrize("dataset", ["ecpat-2008", "west-africa"])
def test_report_prints_to_a4_without_horizontal_overflow(tmp_path: Path, dataset: str):
    out = tmp_path / "rep"
    r = CliRunner().invoke(
        cli, ["report", dataset, "-o", str(out), "--as-of", "2019", "--include-unverified"]
    )
    assert r.exit_code == 0, r.output
    # 1. print to PDF: every page is A4 (595 x 842 points)
    pdf = tmp_path / "r.pdf"
    _headless(
        tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", (out / "report.html").as_uri()
    )
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert boxes, "no pages in the printed PDF"
    for w, h in boxes:
        assert abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2
    # 2. lay the page out with the print styles at the printable width of A4 (210 mm less
    #    12 mm margins each side = 186 mm = 703 CSS px) and measure: nothing sticks out
    html = (out / "report.html").read_text(encoding="utf-8")
    probe = out / "probe.html"
    probe.write_text(
        html.replace("@media print{", "@media all{").replace("</body>", _PROBE + "</body>"),
        encoding="utf-8",
    )
    dom = _headless(
        tmp_path,
        "--window-size=703,1000",
        "--virtual-time-budget=5000",
        "--dump-dom",
        probe.as_uri(),
    ).stdout
    found = re.search(r"<pre id=\"layout\">([^<]*)</pre>", dom)
    assert found, "the layout probe did not run"
    layout = json.loads(found.group(1).replace("&quot;", '"'))
    assert layout["scroll"] <= layout["client"], layout
    assert layout["right"] <= layout["client"] + 0.5, layout


@pytest.mark.browser
@pytest.mark.skipif(_chromium() is None, reason="no chromium binary (CI installs Debian's)")
def test_report_renders_in_headless_chromium(report_dir: Path, tmp_path: Path):
    import numpy as np
    from matplotlib.image import imread

    shot = tmp_path / "shot.png"
    _headless(
        tmp_path,
        f"--screenshot={shot}",
        "--window-size=1280,2000",
        (report_dir / "report.html").as_uri(),
    )
    pixels = imread(shot)
    colours = np.unique(pixels.reshape(-1, pixels.shape[-1])[::97], axis=0)
    assert len(colours) > 20, "the screenshot is blank"


def test_markdown_says_what_nearly_linked_a_pair_as_html_does(tmp_path: Path):
    """report.md left out the near misses report.html lists under a finding (a copy of
    the finding rows that had drifted)."""
    import html as html_lib

    import coordgraph
    from coordgraph.report import write_report

    paths = write_report(coordgraph.load("west-africa"), tmp_path / "r", as_of="2019")
    page = paths["html"].read_text(encoding="utf-8")
    md = paths["markdown"].read_text(encoding="utf-8")
    near = re.findall(r"<div class='fields'>nearly: (.*?)</div>", page)
    assert near
    for text in near:
        assert f"<br>nearly: {html_lib.escape(html_lib.unescape(text))}" in md.replace("\\|", "|")


def test_networks_only_the_reference_layer_holds_get_no_picture(report_dir: Path):
    # ecpat-2008 includes the reference layer: the EU and the OSCE come from it alone
    # (context), the Council of Europe is merged with the dataset's own record
    names = {p.name for p in report_dir.iterdir()}
    assert "network-eu.png" not in names and "network-ecowas.png" in names
    assert "Reference instruments used" in _html(report_dir)
