"""Write the corpus of broken (and tricky but valid) datasets: python tests/bad_inputs/make_corpus.py

Each case is a folder under cases/ holding a dataset (a YAML/JSON file or CSV files) and
the expectation is in manifest.json: valid, or the file, field and message substring
(and hint) of a problem that must be reported. Deterministic: rerunning rewrites the
same files.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"

BASE: dict[str, Any] = {
    "dataset": {"name": "case", "title": "Bad input case"},
    "sources": [{"id": "s1", "title": "A source"}],
    "areas": [{"id": "cri-san-jose", "name": "San José", "country": "CRI"}],
    "agencies": [
        {"id": "min-a", "name": "Ministry A", "country": "ALB", "type": "ministry"},
        {"id": "min-b", "name": "Ministry B", "country": "ALB", "type": "ministry"},
    ],
    "networks": [
        {"id": "net", "name": "Network", "members": ["ALB", {"country": "GRC", "joined": "2001"}],
         "requires_focal_point": True},
    ],
    "agreements": [
        {"id": "alb-grc", "type": "bilateral", "parties": ["ALB", "GRC"], "signed": "2006-02",
         "scope": "children", "sources": ["s1:10-12"]},
    ],
    "mechanisms": [
        {"id": "m1", "type": "coordinating_body", "level": "national", "country": "ALB",
         "scope": ["child_trafficking"], "leads": ["min-a"]},
        {"id": "m2", "type": "coordinating_body", "level": "subnational", "country": "ALB",
         "scope": ["child_trafficking"], "parent": "m1"},
    ],
    "action_plans": [{"id": "npa", "country": "ALB", "scope": ["child_trafficking"], "adopted": "2005"}],
    "focal_points": [{"id": "fp", "country": "ALB", "network": "net", "agency": "min-a"}],
    "routes": [{"id": "r1", "origin": "ALB", "destination": "GRC", "victims": ["girls"]}],
}

manifest: dict[str, dict[str, Any]] = {}


def case(name: str, data: Any, *, expect: dict[str, Any] | None, fmt: str = "yaml") -> None:
    folder = CASES / name
    folder.mkdir(parents=True)
    if fmt == "yaml":
        (folder / "dataset.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    elif fmt == "json":
        (folder / "dataset.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    manifest[name] = {"valid": expect is None, **(expect or {})}


def mutate(name: str, section: str, index: int, field: str, value: Any, *, expect: dict[str, Any] | None,
           file: str = "dataset.yaml") -> None:
    data = copy.deepcopy(BASE)
    if value is _DROP:
        data[section][index].pop(field, None)
    else:
        data[section][index][field] = value
    if expect is not None:
        expect = {"file": file, **expect}
    case(name, data, expect=expect)


_DROP = object()

BAD_COUNTRIES = {
    "unknown-code": ("GRX", "not a known country", "did you mean"),
    "typo-name": ("Grece", "not a known country", "did you mean GRC?"),
    "ambiguous-congo": ("Congo", "could be more than one country", "COG"),
    "ambiguous-korea": ("Korea", "could be more than one country", "KOR"),
    "unknown-alpha2": ("QQ", "not a known country", "alpha-2"),
    "numeric": ("300", "not a known country", None),
    "empty": ("", "a country is required", None),
    "lowercase-gibberish": ("zzz", "not a known country", None),
    "old-name-yugoslavia": ("Yugoslavia", "not a known country", None),
    "made-up-name": ("Atlantis", "not a known country", None),
    "four-letters": ("GREC", "not a known country", None),
    "with-punctuation": ("G.R.", "not a known country", None),
    "alpha3-not-iso": ("ALG", "not a known country", None),  # Algeria is DZA
    "whitespace": ("   ", "a country is required", None),
}
COUNTRY_FIELDS = [
    ("agreement-party", "agreements", 0, "parties", lambda v: ["ALB", v], "parties"),
    ("route-origin", "routes", 0, "origin", lambda v: v, "origin"),
    ("route-destination", "routes", 0, "destination", lambda v: v, "destination"),
    ("network-member", "networks", 0, "members", lambda v: ["ALB", v], "members"),
    ("focal-point-country", "focal_points", 0, "country", lambda v: v, "country"),
    ("mechanism-country", "mechanisms", 0, "country", lambda v: v, "country"),
    ("agency-country", "agencies", 0, "country", lambda v: v, "country"),
    ("area-country", "areas", 0, "country", lambda v: v, "country"),
]
BAD_DATES = {
    "month-13": ("2006-13", "month 13"),
    "feb-30": ("2006-02-30", "has no day 30"),
    "feb-29-non-leap": ("2005-02-29", "has no day 29"),
    "day-without-zero": ("2006-2-1", "is not a date"),
    "slashes": ("02/2006", "is not a date"),
    "words": ("February 2006", "is not a date"),
    "two-digit-year": ("06", "is not a date"),
    "year-out-of-range": ("0999", "out of range"),
    "empty-string": ("", "is not a date"),
    "iso-time": ("2006-02-01T10:00", "is not a date"),
    "month-00": ("2006-00", "month 0"),
    "day-32": ("2006-01-32", "has no day 32"),
}
DATE_FIELDS = [
    ("agreement-signed", "agreements", 0, "signed"),
    ("agreement-in-force", "agreements", 0, "in_force"),
    ("mechanism-valid-from", "mechanisms", 0, "valid_from"),
    ("plan-adopted", "action_plans", 0, "adopted"),
]


def build() -> None:
    if CASES.exists():
        shutil.rmtree(CASES)
    CASES.mkdir()
    case("valid-base", BASE, expect=None)
    for cname, (value, message, hint) in BAD_COUNTRIES.items():
        for fname, section, idx, field, wrap, report in COUNTRY_FIELDS:
            msg = message
            if section == "routes" and cname in ("empty", "whitespace"):
                msg = "a place is required"
            elif section == "routes" and cname == "lowercase-gibberish":
                msg = "neither a known country nor a known area"  # read as an area id
            expect = {"field": report, "message": msg, **({"hint": hint} if hint else {})}
            mutate(f"country-{cname}-{fname}", section, idx, field, wrap(value), expect=expect)
    for dname, (value, message) in BAD_DATES.items():
        for fname, section, idx, field in DATE_FIELDS:
            mutate(f"date-{dname}-{fname}", section, idx, field, value,
                   expect={"field": field, "message": message})
    # end before start
    d = copy.deepcopy(BASE)
    d["mechanisms"][0].update(valid_from="2005", valid_to="2001")
    case("order-mechanism-period", d, expect={"file": "dataset.yaml", "message": "is before valid_from"})
    d = copy.deepcopy(BASE)
    d["agreements"][0].update(signed="2006", in_force="2004")
    case("order-in-force-before-signed", d, expect={"file": "dataset.yaml", "message": "before signed"})
    d = copy.deepcopy(BASE)
    d["networks"][0]["members"] = [{"country": "ALB", "joined": "2005", "left": "2001"}]
    case("order-left-before-joined", d, expect={"file": "dataset.yaml", "message": "before joined"})
    d = copy.deepcopy(BASE)
    d["agreements"][0]["parties"] = [{"country": "ALB", "signed": "2006", "ratified": "2001"}, "GRC"]
    case("order-ratified-before-signed", d, expect={"file": "dataset.yaml", "message": "before signed"})
    # dangling references, one per reference field
    dangling = [
        ("mechanisms", 0, "leads", ["nobody"], "Agency 'nobody'"),
        ("mechanisms", 0, "members", ["nobody"], "Agency 'nobody'"),
        ("mechanisms", 1, "parent", "nothing", "Mechanism 'nothing'"),
        ("mechanisms", 0, "coordinates_with", ["nothing"], "Mechanism 'nothing'"),
        ("mechanisms", 0, "area", "nowhere", "Area 'nowhere'"),
        ("mechanisms", 0, "network", "nonet", "Network 'nonet'"),
        ("action_plans", 0, "leads", ["nobody"], "Agency 'nobody'"),
        ("action_plans", 0, "mechanism", "nothing", "Mechanism 'nothing'"),
        ("agreements", 0, "network", "nonet", "Network 'nonet'"),
        ("agreements", 0, "sources", ["missing:1-2"], "Source 'missing'"),
        ("focal_points", 0, "agency", "nobody", "Agency 'nobody'"),
        ("networks", 0, "agencies", ["nobody"], "Agency 'nobody'"),
        ("networks", 0, "secretariat", "nobody", "Agency 'nobody'"),
        ("networks", 0, "parent", "nonet", "Network 'nonet'"),
        ("agencies", 0, "parent", "nobody", "Agency 'nobody'"),
        ("routes", 0, "destination", "area:nowhere", "neither a known country nor a known area"),
        ("routes", 0, "transits", ["area:nowhere"], "neither a known country nor a known area"),
        ("routes", 0, "sources", ["nosource"], "Source 'nosource'"),
    ]
    for section, idx, field, value, message in dangling:
        mutate(f"dangling-{section}-{field}", section, idx, field, value,
               expect={"field": field, "message": message})
    d = copy.deepcopy(BASE)
    d["focal_points"][0] = {"id": "fp", "country": "ALB", "agreement": "no-agreement"}
    case("dangling-focal_points-agreement", d,
         expect={"file": "dataset.yaml", "field": "agreement", "message": "Agreement 'no-agreement'"})
    # duplicate ids
    for section in ("sources", "agencies", "networks", "agreements", "mechanisms", "routes", "areas"):
        d = copy.deepcopy(BASE)
        d[section].append(copy.deepcopy(d[section][0]))
        case(f"duplicate-id-{section}", d,
             expect={"file": "dataset.yaml", "field": "id", "message": "duplicate id"})
    # agreement shapes
    for n, parties in (("one", ["ALB"]), ("three", ["ALB", "GRC", "MKD"]), ("none", [])):
        mutate(f"bilateral-{n}-parties", "agreements", 0, "parties", parties,
               expect={"message": "exactly two parties"})
    mutate("party-twice", "agreements", 0, "parties", ["ALB", "Albania"],
           expect={"field": "parties", "message": "party listed twice"})
    mutate("bad-scope", "agreements", 0, "scope", "kids", expect={"field": "scope", "message": "Input should be"})
    mutate("bad-kind", "agreements", 0, "type", "trilateral", expect={"field": "type", "message": "Input should be"})
    mutate("missing-scope", "agreements", 0, "scope", _DROP, expect={"field": "scope", "message": "required field"})
    mutate("unknown-field", "agreements", 0, "sigend", "2006", expect={"field": "sigend", "message": "unknown field",
                                                                        "hint": "did you mean 'signed'?"})
    mutate("unknown-scope-tag", "mechanisms", 0, "scope", ["child_trafficing"],
           expect={"field": "scope", "message": "not a scope tag", "hint": "did you mean 'child_trafficking'?"})
    mutate("bad-level", "mechanisms", 0, "level", "federal", expect={"field": "level", "message": "Input should be"})
    mutate("negative-volume", "routes", 0, "volume", -5, expect={"field": "volume", "message": "greater than or equal"})
    mutate("volume-text", "routes", 0, "volume", "many", expect={"field": "volume", "message": "valid integer"})
    mutate("bad-victims", "routes", 0, "victims", ["kids"], expect={"field": "victims", "message": "Input should be"})
    mutate("bad-id", "routes", 0, "id", "has spaces", expect={"field": "id", "message": "not a valid id"})
    mutate("missing-id", "routes", 0, "id", _DROP, expect={"field": "id", "message": "required field"})
    mutate("focal-point-serves-both", "focal_points", 0, "agreement", "alb-grc",
           expect={"message": "exactly one of network or agreement"})
    mutate("plan-without-owner", "action_plans", 0, "country", _DROP,
           expect={"message": "exactly one of country or network"})
    mutate("very-long-notes", "routes", 0, "notes", "x" * 6000, expect={"field": "notes", "message": "at most 5000"})
    # cycles
    d = copy.deepcopy(BASE)
    d["mechanisms"][0]["parent"] = "m2"
    case("cycle-mechanisms", d, expect={"file": "dataset.yaml", "field": "parent", "message": "cycle"})
    d = copy.deepcopy(BASE)
    d["agencies"][0]["parent"] = "min-b"
    d["agencies"][1]["parent"] = "min-a"
    case("cycle-agencies", d, expect={"file": "dataset.yaml", "field": "parent", "message": "cycle"})
    d = copy.deepcopy(BASE)
    d["networks"][0]["parent"] = "net"
    case("cycle-network-self", d, expect={"file": "dataset.yaml", "field": "parent", "message": "cycle"})
    # tricky but valid values: must load unchanged
    for name, value in {
        "cypher-like": "x'}) DETACH DELETE n //",
        "formula-like": '=HYPERLINK("http://example.invalid","click")',
        "plus-formula": "+cmd|' /C calc'!A0",
        "unicode": "Côte d’Ivoire – ‘Comité’ 日本",
        "backslashes": "C:\\path\\to\\b",
    }.items():
        mutate(f"valid-{name}", "routes", 0, "name", value, expect=None)
        manifest[f"valid-{name}"]["name"] = value
    # whole-file problems
    def raw(name: str, filename: str, content: bytes, expect: dict[str, Any] | None) -> None:
        folder = CASES / name
        folder.mkdir()
        (folder / filename).write_bytes(content)
        manifest[name] = {"valid": expect is None, **(expect or {})}

    text = yaml.safe_dump(BASE, allow_unicode=True, sort_keys=False)
    raw("file-empty-yaml", "dataset.yaml", b"", {"file": "dataset.yaml", "message": "the file is empty"})
    raw("file-truncated-yaml", "dataset.yaml", text[: len(text) // 2].encode() + b"\n  - {id: [",
        {"file": "dataset.yaml", "message": "invalid YAML"})
    js = json.dumps(BASE)
    raw("file-truncated-json", "dataset.json", js[: len(js) // 2].encode(), {"file": "dataset.json", "message": "invalid"})
    raw("file-top-level-list", "dataset.yaml", b"- a\n- b\n", {"file": "dataset.yaml", "message": "expected a mapping"})
    raw("file-unknown-section", "dataset.yaml", b"treaties:\n  - id: x\n",
        {"file": "dataset.yaml", "message": "unknown section"})
    raw("file-section-not-list", "dataset.yaml", b"routes: {id: x}\n", {"file": "dataset.yaml", "message": "must be a list"})
    raw("file-record-not-mapping", "dataset.yaml", b"routes:\n  - just text\n",
        {"file": "dataset.yaml", "message": "must be a mapping"})
    raw("file-bom-yaml", "dataset.yaml", b"\xef\xbb\xbf" + text.encode(), None)
    raw("file-crlf-yaml", "dataset.yaml", text.replace("\n", "\r\n").encode(), None)
    raw("file-latin1-yaml", "dataset.yaml", text.encode("utf-8").replace("José".encode(), "José".encode("latin-1")),
        {"message": "not UTF-8"})
    case("file-json-valid", BASE, expect=None, fmt="json")
    # CSV folders
    def csv_case(name: str, files: dict[str, bytes], expect: dict[str, Any] | None) -> None:
        folder = CASES / name
        folder.mkdir()
        for fname, content in files.items():
            (folder / fname).write_bytes(content)
        manifest[name] = {"valid": expect is None, **(expect or {})}

    good = b"id,type,parties,scope,signed\nalb-grc,bilateral,ALB|GRC,children,2006-02\n"
    csv_case("csv-valid", {"agreements.csv": good}, None)
    csv_case("csv-bom", {"agreements.csv": b"\xef\xbb\xbf" + good}, None)
    csv_case("csv-crlf", {"agreements.csv": good.replace(b"\n", b"\r\n")}, None)
    csv_case("csv-kind-alias", {"agreements.csv": good.replace(b"type", b"kind")}, None)
    csv_case("csv-empty-file", {"agreements.csv": b""}, {"file": "agreements.csv", "message": "the file is empty"})
    csv_case("csv-semicolons", {"agreements.csv": good.replace(b",", b";")}, None)
    csv_case("csv-semicolons-sep-line", {"agreements.csv": b"sep=;\n" + good.replace(b",", b";")}, None)
    csv_case("csv-semicolons-unknown-column", {"agreements.csv": good.replace(b",", b";").replace(b"signed", b"date")},
             {"file": "agreements.csv", "message": "separated by ';'", "hint": "sep=;"})
    csv_case("csv-semicolons-decimal-comma",
             {"routes.csv": b"id;origin;destination;volume\nr1;ALB;GRC;12,5\n"},
             {"file": "routes.csv", "row": 2, "field": "volume", "message": "integer"})
    csv_case("csv-tabs", {"agreements.csv": good.replace(b",", b"\t")},
             {"file": "agreements.csv", "message": "separated by tab"})
    csv_case("csv-missing-column", {"agreements.csv": b"id,type,parties\nalb-grc,bilateral,ALB|GRC\n"},
             {"file": "agreements.csv", "field": "scope", "message": "required column is missing"})
    csv_case("csv-extra-column", {"agreements.csv": good.replace(b"signed\n", b"signed,colour\n").replace(b"2006-02\n", b"2006-02,red\n")},
             {"file": "agreements.csv", "field": "colour", "message": "unknown column"})
    csv_case("csv-short-row", {"agreements.csv": good + b"x,bilateral\n"},
             {"file": "agreements.csv", "row": 3, "message": "cells but the header has"})
    csv_case("csv-latin1", {"agreements.csv": "id,type,parties,scope,name\na,bilateral,ALB|GRC,children,Côte\n".encode("latin-1")},
             {"file": "agreements.csv", "message": "not UTF-8"})
    csv_case("csv-bad-country", {"agreements.csv": good.replace(b"ALB|GRC", b"ALB|GRX")},
             {"file": "agreements.csv", "row": 2, "message": "not a known country", "hint": "GRC"})
    csv_case("csv-unknown-table", {"agreements.csv": good, "treaties.csv": b"id\nx\n"},
             {"file": "treaties.csv", "message": "unknown table"})
    csv_case("csv-duplicate-header", {"agreements.csv": b"id,id,type,parties,scope\n"},
             {"file": "agreements.csv", "message": "column named twice"})
    csv_case("csv-child-table-dangling", {"agreements.csv": good, "agreement_parties.csv": b"agreement,country\nnone,ALB\n"},
             {"file": "agreement_parties.csv", "row": 2, "message": "is not an id"})
    csv_case("csv-child-table-bad-country", {"networks.csv": b"id\nnet\n", "network_members.csv": b"network,country,joined\nnet,GRX,2001\n"},
             {"file": "network_members.csv", "row": 2, "message": "not a known country"})
    csv_case("csv-formula-valid", {"sources.csv": b'id,title\ns,"=HYPERLINK(""http://x"")"\n'}, None)
    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
                                        encoding="utf-8")
    print(f"{len(manifest)} cases")


if __name__ == "__main__":
    build()
