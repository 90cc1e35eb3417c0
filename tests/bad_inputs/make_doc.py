"""Regenerate docs/bad-inputs.md from the corpus: python tests/bad_inputs/make_doc.py"""

from __future__ import annotations

import json
from datetime import date
from collections import defaultdict
from pathlib import Path

import coordgraph
from coordgraph.errors import DataError, Problem, ValidationFailed

HERE = Path(__file__).resolve().parent
DOC = HERE.parent.parent / "docs" / "bad-inputs.md"


READING = """\
## How files are read

- **YAML: every value is text.** The parser decides no types: `2020-02-30` is not turned
  into a timestamp, `02006` is not an octal number, `20:06` is not base 60, `true`, `yes`
  and `NO` are not booleans (`NO` stays Norway). The schema reads the text and says what is
  wrong: an impossible date, a count that is not written in digits. A boolean field takes
  `true`/`false` (also `yes`/`no`, as the schema reads them); a date field takes `YYYY`,
  `YYYY-MM` or `YYYY-MM-DD`; a count (`volume`, `member_count`, `party_count`) takes digits
  only, at most 1,000,000,000. An empty value, `~` or `null` means "not given".
- **YAML: what is refused.** An explicit tag (`!!int 12`, `!!python/...`, `!local`); a key
  given twice in one mapping, at any level (a second `routes:` would otherwise replace the
  first); merge keys (`<<`); a second document (`---`); a key that is a list or empty;
  an alias to no anchor or to a value that contains it; aliases that expand into more than
  100,000 values beyond those written (an "alias bomb"); nesting deeper than 40 levels; a
  value longer than 100,000 characters; control characters. Anchors and aliases within
  those bounds are read.
- **JSON is read as JSON**: numbers, `true`/`false` and `null` keep their JSON types; a key
  given twice, `NaN`, `Infinity` and numbers out of range are problems with their line.
- **CSV quoting is strict**: a quote that is never closed is a problem at the row where it
  opens (the rest of the file is not swallowed into one cell); a quoted cell running over
  several rows is a problem unless the column is free text (`name`, `notes`, `title`,
  `description`, ...); text after a closing quote, control characters and cells longer than
  131,072 characters are problems at their row.
- **One dataset per folder**: a folder holding `dataset.yaml` (or `.json`) and CSV files, or
  two dataset files, is refused as ambiguous; name the file to read it alone.
- **`datapackage.json`** is read as JSON; a descriptor that is not an object, or whose
  `name`, `title`, `licenses` or `coordgraph` entries have the wrong shape, is a problem at
  its line.
- **Size**: a YAML or JSON file larger than 32 MB and a CSV file larger than 200 MB are
  refused before they are read.
- **Line endings and byte-order marks**: `\n`, `\r\n` and old Mac `\r` line endings are
  read, with or without a UTF-8 byte-order mark, in YAML, JSON, CSV and case files.
- **Workbooks** (`docs/spreadsheets.md`): what Excel hides (hidden rows, rows hidden by a
  filter, hidden columns, hidden sheets) or never shows as a date (a serial shown as
  `####`, serial 60 shown as 1900-02-29) is a problem; reading stops at Excel's last row
  and column and at 10,000 empty rows (a later value is still found and reported); a part
  that unpacks to more than 100 times its packed size (and over 32 MB) is refused. A
  folder named like a file (`x.xlsx/`) is refused, not read as a folder of CSV files.
""".splitlines()

RULES = """\
## Rules across fields and records (validation pass two)

| rule | message |
|---|---|
| a multilateral agreement lists fewer than two parties (unless `parties_complete: false`) | `a multilateral agreement has at least two parties; this one lists 1` |
| `party_count` is below the parties listed | `party_count (1) is less than the 2 parties listed` |
| `not_in_force_on` is on or after `in_force`, and no end (`valid_to`) is recorded on or before it | `not_in_force_on (2010) is on or after entry into force (2007), but no end is recorded` |
| `valid_to` before `signed` (also before `valid_from` or `in_force`, pass one) | `valid_to (2005) is before signed (2006-02)` |
| a State listed twice as a member of a network for overlapping periods (leaving and rejoining is fine) | `ALB is listed twice as a member of 'net' for the same period` |
| an agency listed twice in `leads`, `members`, `coordinates_with` or `agencies` | `min-a listed twice in leads of 'm1'` |
| a focal point for a network its State is not a member of at the focal point's dates, or for an agreement its State is not a party to (skipped when `members_complete`/`parties_complete` is false) | `focal point 'fp2': ITA is not a member of network 'net'` |
| a citation inside `parties` or `members` names no source | `'alb-grc' cites Source 'nosuch' for ALB, which does not exist` |
| two country records for one code (`ALB` and `Albania`) | `duplicate id 'Albania' in countries (the same country as 'ALB')` |
| `not_in_force_on` before `signed` | `not_in_force_on (2004) is before signed (2006-02): the agreement did not exist yet` |
| a plan `evaluated` before it was `adopted`, or adopted after its `valid_to` (pass one) | `evaluated (2004) is before adopted (2005-03)`; `adopted (2005-03) is after valid_to (2004), when the plan had ended` |
| `member_count` below the members listed | `member_count (1) is less than the 2 members listed` |
| a focal point whose agency belongs to another State (an agency of no State, an IGO, can serve any) | `focal point 'fp' of ALB: agency 'min-g' belongs to GRC` |
| a mechanism with both a country (or area) and a network (pass one), or with an area in another country | `a mechanism works in a country (or an area of it) or for a network, not both`; `mechanism 'nrm' works in ALB, but its area 'cri-san-jose' is in CRI` |
| a mechanism that `coordinates_with` itself (pass one) | `'nrm' coordinates with itself` |
| a source citing a source that does not exist | `'s1' refers to Source 's0', which does not exist` |
| a day written `YYYY-MM-DD` in notes, or in the dataset's title or description, that is no day of the calendar | `'2006-02-30' in the text is not a date (no such day); correct it` |
| a transit that is the route's origin or destination, also when one is a name and the other a code (unknown places are not compared) | `transit ALB is also the route's origin` |

Dates are written in ASCII digits: `٢٠٠٦` (Arabic-Indic) or `２００６` (full-width) is not
a date. `--as-of` takes `YYYY`, `YYYY-MM` or `YYYY-MM-DD` only (not `<2008`).

## Warnings: valid, but hardly what was meant

`coordgraph validate` prints these as `warning: FILE:ROW:FIELD: message` and exits 0;
`validate --strict` makes them problems (exit 2); no other command is held up by them.

| warning | message |
|---|---|
| a date that records what has happened is after today: a source's `date` or `not_before`, an agreement's `signed`, `not_in_force_on` or `drafted`, a party's `signed`, `ratified` or `acceded`, a plan's `adopted` or `evaluated`, a mechanism's `status_as_of` (ends, entry into force and withdrawal can be scheduled, and are not checked) | `signed (2099) is after today (TODAY)` |
| a route first observed (`valid_from`) after today: it is left out of today's findings | `valid_from (2090) is after today (TODAY): the route is left out of today's findings` |
| two ids of one kind that differ only by case (`min-a`, `MIN-A`) | `'MIN-A' and 'min-a' differ only by case: two records in agencies, or one written two ways?` |

`not_in_force_on` records that a source observed, on a date, that the agreement was not in
force. Before entry into force that is the ordinary case (a signed agreement awaiting
ratification). On or after entry into force it can only mean the agreement had ceased, so
the rule asks for the end to be recorded (`valid_to` on or before the observation); fuzzy
dates count as after only when every day they can mean is on or after the entry into force
(`in_force: 2007` with `not_in_force_on: 2007-06` is accepted). A record that failed pass one
is not reported again as a dangling reference by records that cite it.
""".splitlines()


def main() -> None:
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    groups: dict[str, list[str]] = defaultdict(list)
    for name in sorted(manifest):
        groups["-".join(name.split("-")[:2])].append(name)
    lines = [
        "# Bad input: what each mistake gets",
        "",
        f"Generated from the {len(manifest)} cases of `tests/bad_inputs/` by",
        "`python tests/bad_inputs/make_doc.py`. Every invalid case is reported with file, row",
        "(line) and field, exit code 2 and no traceback; valid-but-tricky cases (BOM, CRLF,",
        "values that look like Cypher or spreadsheet formulas) load unchanged.",
        "",
        *READING,
        "",
        *RULES,
        "",
        "## Every class of the corpus, one example each",
        "",
        "| class | cases | example | what coordgraph says |",
        "|---|---:|---|---|",
    ]
    for group, names in groups.items():
        name = names[0]
        folder = HERE / "cases" / name
        target = folder / manifest[name]["open"] if "open" in manifest[name] else folder
        warnings: list[Problem] = []
        try:
            coordgraph.load(target, warnings=warnings)
            said = f"loads, with warning: {warnings[0]}" if warnings else "loads (valid)"
        except ValidationFailed as exc:
            said = str(exc.problems[0])
        except DataError as exc:
            said = f"Error: {exc}".replace(str(folder) + "/", "").replace(str(folder), name)
        said = said.replace(str(date.today()), "TODAY").replace("|", "\\|")
        lines.append(f"| {group} | {len(names)} | `{name}` | {said} |")
    DOC.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
