"""The report in French (``--lang fr``): every word of the interface in French, the data
as recorded; one catalogue of words per language with the same ids and params."""

from __future__ import annotations

import html
import re
import string
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import coordgraph
from coordgraph.cli import cli
from coordgraph.text import locale_en, locale_fr
from coordgraph.text.i18n import instrument_texts

#: words of English sentences that never occur in the French interface (nor in French)
_ENGLISH = re.compile(
    r"\b(the|and|of|is|are|not|no|with|by|has|have|recorded|linked|link|gap|gaps|route|"
    r"routes|since|severity|finding|findings|summary|network|networks|member|members|"
    r"missing|nearly|signed|agreement|agreements|none|changed|records|verified|countries|"
    r"covers|children|women|draft|status|unknown|nothing|attested|officials|overlap|"
    r"evaluation|effect|force|kind|State|States)\b"
)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple | set | frozenset):
        return [s for v in value for s in _strings(v)]
    return []


def _data_texts(name: str) -> list[str]:
    """Every text the dataset records (names, titles, notes, ids, addresses)."""
    ds = coordgraph.load(name)
    texts = _strings(ds.info.model_dump(mode="json"))
    texts += [s for record in ds for s in _strings(record.model_dump(mode="json"))]
    texts += [r.label for r in ds.routes]
    texts += instrument_texts()  # titles and citations of instruments, as written
    return sorted({t for t in texts if len(t) > 1}, key=len, reverse=True)


@pytest.fixture(scope="module")
def french(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fr") / "rapport"
    r = CliRunner().invoke(
        cli,
        [
            *("report", "west-africa", "-o", str(out), "--as-of", "2019", "--since", "2008"),
            *("--include-unverified", "--lang", "fr"),
        ],
        catch_exceptions=False,
    )
    assert r.exit_code == 0, r.output
    return out


def _visible_text(page: str) -> str:
    page = re.sub(r"<img[^>]*>", " ", page)
    page = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"title='[^']*'", " ", page)
    page = re.sub(r"<code>[^<]*</code>", " ", page)  # rule ids, in the annex: names
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_no_english_interface_string_in_the_french_report(french: Path):
    text = _visible_text((french / "report.html").read_text(encoding="utf-8"))
    assert "Synthèse" in text and "Lacunes par État" in text
    # addresses and the files beside the report are names, not words
    text = re.sub(r"https?://\S+|explorer\.html|docs/findings\.md", " ", text)
    for data in _data_texts("west-africa"):
        text = text.replace(data, " ")
    left = sorted({m.group(0) for m in _ENGLISH.finditer(text)})
    spots = [text[max(0, m.start() - 60) : m.end() + 60] for m in _ENGLISH.finditer(text)][:12]
    assert not left, (left, spots)


def test_french_markdown_says_the_same_in_french(french: Path):
    md = (french / "report.md").read_text(encoding="utf-8")
    assert "## Synthèse" in md and "## Lacunes par État" in md
    assert "aucun lien au 2019-12-31" in md
    assert "Sénégal" in md and "Guinée équatoriale" in md
    # criteria in words, never their ids
    assert "in_force" not in md and "victims_covered" not in md


def test_data_stays_as_recorded(french: Path):
    page = (french / "report.html").read_text(encoding="utf-8")
    # an agreement's name is the data's, in English as the source wrote it
    assert "Multilateral Cooperation Agreement to Combat Child Trafficking in West Africa" in page
    assert "<html lang='fr'>" in page


def test_catalogues_have_the_same_ids_and_params():
    fields = string.Formatter()

    def params(text: str) -> set[str]:
        return {name for _, name, _, _ in fields.parse(text) if name}

    for en, fr in ((locale_en.WORDS, locale_fr.WORDS), (locale_en.PHRASES, locale_fr.PHRASES)):
        assert set(en) == set(fr)
        for key, text in en.items():
            assert params(text) == params(fr[key]), key


def test_every_finding_message_of_west_africa_is_in_french():
    """A phrase an analysis writes that the catalogue lacks stays English: caught here
    before a report shows it."""
    from coordgraph.analyses import find_gaps
    from coordgraph.report.build import report_content

    data = _data_texts("west-africa")
    for day in ("2008", "2019"):
        content, G = report_content(coordgraph.load("west-africa"), as_of=day, lang="fr")
        for f in find_gaps(G, as_of=day):
            for part in (f.message, *f.near_misses):
                said = content.text(part)
                for d in data:
                    said = said.replace(d, " ")
                assert not _ENGLISH.search(said), (part, said)
