"""Walk through docs/user-guide.md as a user would, and make its pictures.

Run: python examples/user_guide.py   (writes docs/images/guide-*.png, prints each step)

It runs the real ``coordgraph`` command for every step, and fills the workbook through
openpyxl the way a person types in Excel (dates as dates, numbers as numbers). The
records typed in are copied from the bundled ``west-africa`` dataset, so every fact in
the guide is cited there. Pictures of the sheets need LibreOffice (Debian package
``libreoffice-calc-nogui``) and ``pypdfium2`` (PyPI); the report picture needs Chromium.
Without them those pictures are skipped.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import openpyxl

import coordgraph

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
BOOK = "benin-togo-gabon.xlsx"
#: what the guide's user types in: records of the bundled west-africa dataset, by id
PICK = {
    "sources": [
        "togobreakingnews-2019",
        "mg-2006-05-09",
        "unicef-2009-11-14",
        "lanation-2018-10-04",
        "leconomiste-benin-2018",
        "lefaso-2017-04",
        "laguineenne-2023-03-16",
        "tip-2018-togo",
        "togo-officiel-2023-02",
    ],
    "agencies": ["tgo-labour", "tgo-territorial-administration"],
    "agreements": ["ben-gab-2018", "bfa-tgo-ben-draft-2017"],
    "mechanisms": ["tgo-cnarsevt", "tgo-cnltp"],
    "routes": ["tgo-ben-2019", "tgo-gab-2019", "ben-gab-2006", "ben-gab-2009-sea", "tgo-gab-2006"],
}


def run(*args: str, cwd: Path) -> str:
    """Run coordgraph as a user would; print and return what it says."""
    done = subprocess.run(
        ["coordgraph", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    text = (done.stdout + done.stderr).rstrip()
    print(f"$ coordgraph {' '.join(args)}\n{text}\n(exit {done.returncode})\n")
    return text


def typed(value: Any, field: str) -> tuple[Any, str | None]:
    """A value as a person types it in Excel, and the cell's number format."""
    if isinstance(value, list):
        return "|".join(str(v) for v in value), None
    if isinstance(value, str) and field in DATE_FIELDS and not value.startswith("<"):
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            return dt.datetime(*parts), "yyyy-mm-dd"
        if len(parts) == 2:
            return dt.datetime(parts[0], parts[1], 1), "mmm-yy"  # what Excel makes of 2006-02
        return parts[0], None  # a year is a number
    return value, None


DATE_FIELDS = {
    "date",
    "valid_from",
    "valid_to",
    "signed",
    "in_force",
    "not_in_force_on",
    "ratified",
    "joined",
    "left",
    "adopted",
    "evaluated",
    "status_as_of",
}


def fill(book: Path, *, mistakes: bool) -> None:
    """Type the picked records into the template (with two mistakes on the first try)."""
    source = coordgraph.load("west-africa")
    wb = openpyxl.load_workbook(book)
    info = wb["dataset"]
    info["B2"] = "benin-togo-gabon"
    info["B3"] = "Benin, Togo and Gabon: routes, agreements and committees"
    for section, ids in PICK.items():
        ws = wb[section]
        header = [c.value for c in ws[1]]
        records = {r.id: r for r in getattr(source, section)}
        for rid in ids:
            data = records[rid].model_dump(mode="json", exclude_defaults=True)
            if section == "agreements":
                parties = wb["agreement_parties"]
                p_header = [c.value for c in parties[1]]
                for party in data.pop("parties", []):
                    row = parties.max_row + 1
                    parties.cell(row, p_header.index("agreement") + 1, rid)
                    for key, value in party.items():
                        parties.cell(row, p_header.index(key) + 1, value)
            row = ws.max_row + 1
            for key, value in data.items():
                value, number_format = typed(value, key)
                cell = ws.cell(row, header.index(key) + 1, value)
                if number_format:
                    cell.number_format = number_format
    if mistakes:
        routes = wb["routes"]
        header = [c.value for c in routes[1]]
        routes.cell(3, header.index("destination") + 1, "Gabonn")
        routes.cell(4, header.index("sources") + 1, "mg-2006-05-9")
    wb.save(book)


def render_sheet(book: Path, sheet: str, png: Path, *, columns: str | None = None) -> None:
    """A picture of one sheet as a spreadsheet shows it (LibreOffice prints it to PDF)."""
    soffice = shutil.which("soffice")
    try:
        import pypdfium2 as pdfium
    except ImportError:
        pdfium = None
    if soffice is None or pdfium is None:
        print(f"skipped {png.name}: needs LibreOffice and pypdfium2")
        return
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "sheet.xlsx"
        wb = openpyxl.load_workbook(book)
        for ws in wb.worksheets:
            if ws.title != sheet:
                ws.sheet_state = "hidden"
        ws = wb[sheet]
        wb.active = wb.sheetnames.index(sheet)
        ws.page_setup.orientation = "landscape"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.print_options.gridLines = True
        ws.print_options.headings = True
        if columns:
            ws.print_area = columns
        wb.save(copy)
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(copy)],
            capture_output=True,
            timeout=180,
            check=True,
        )
        page = pdfium.PdfDocument(str(copy.with_suffix(".pdf")))[0]
        image = page.render(scale=2).to_pil().convert("RGB")
        from PIL import ImageOps

        box = ImageOps.invert(image).getbbox()
        if box:
            image = image.crop((box[0] - 10, box[1] - 10, box[2] + 10, box[3] + 10))
        image.save(png)
    print(f"wrote {png}")


def screenshot(html: Path, png: Path, *, size: str = "1100,1400") -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print(f"skipped {png.name}: needs Chromium")
        return
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--screenshot={png}",
            f"--window-size={size}",
            "--virtual-time-budget=10000",
            html.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    print(f"wrote {png}")


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        book = work / BOOK
        run("init", BOOK, cwd=work)
        render_sheet(book, "README", IMAGES / "guide-template-readme.png")
        render_sheet(book, "routes", IMAGES / "guide-template-routes.png", columns="A1:J4")
        fill(book, mistakes=True)
        run("validate", BOOK, cwd=work)
        book.unlink()
        run("init", BOOK, cwd=work)
        fill(book, mistakes=False)
        run("validate", BOOK, cwd=work)
        render_sheet(book, "routes", IMAGES / "guide-filled-routes.png", columns="A1:K6")
        run("gaps", "all", BOOK, "--as-of", "2023", cwd=work)
        run("diagram", "routes", BOOK, "--as-of", "2023", "-o", "routes.png", cwd=work)
        run("diagram", "map", BOOK, "--as-of", "2023", "-o", "map.png", cwd=work)
        for name in ("routes", "map"):
            if (work / f"{name}.png").exists():
                shutil.copy(work / f"{name}.png", IMAGES / f"guide-{name}-2023.png")
        run("report", BOOK, "--as-of", "2023", "-o", "report", cwd=work)
        if (work / "report" / "report.html").exists():
            screenshot(work / "report" / "report.html", IMAGES / "guide-report.png")
        run("export", BOOK, "--format", "kumu", "--as-of", "2023", "-o", "kumu.xlsx", cwd=work)
        if (work / "kumu.xlsx").exists():
            print("kumu.xlsx sheets:", openpyxl.load_workbook(work / "kumu.xlsx").sheetnames)
        run("explore", BOOK, "--as-of", "2023", "-o", "explorer.html", cwd=work)
        if (work / "explorer.html").exists():
            screenshot(work / "explorer.html", IMAGES / "guide-explorer.png", size="1400,900")
        run("convert", BOOK, "benin-togo-gabon.yaml", cwd=work)


if __name__ == "__main__":
    main()
