"""Write the corpus of broken (and tricky but valid) datasets: python tests/bad_inputs/make_corpus.py

Each case is a folder under cases/ holding a dataset (a YAML/JSON file or CSV files) and
the expectation is in manifest.json: valid, or the file, field and message substring
(and hint) of a problem that must be reported. ``open`` names the file to load when it is
not the folder (a workbook); ``warning`` marks a case that loads but must give that
warning (and fails with ``strict``). Deterministic: rerunning rewrites the same files.
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
    d = copy.deepcopy(BASE)  # a mechanism of a network works in no country
    d["mechanisms"][0].pop("country")
    d["mechanisms"][0]["network"] = "nonet"
    case("dangling-mechanisms-network", d,
         expect={"file": "dataset.yaml", "field": "network", "message": "Network 'nonet'"})
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
    mutate("volume-text", "routes", 0, "volume", "many", expect={"field": "volume", "message": "not a whole number"})
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
             {"file": "routes.csv", "row": 2, "field": "volume", "message": "'12,5' is not a whole number"})
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
    hand_written(csv_case)
    cross_record()
    integrity(csv_case)
    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
                                        encoding="utf-8")
    print(f"{len(manifest)} cases")


# Hand-written YAML: what a person types, unquoted. Line numbers below count from 1 in HAND.
HAND = """\
dataset: {name: hand, title: Hand-written case}
sources:
  - id: s1
    title: A source
networks:
  - id: net
    members: [ALB, GRC]
agreements:
  - id: alb-grc
    type: bilateral
    parties: [ALB, GRC]
    signed: 2006-02
    scope: children
routes:
  - id: r1
    origin: ALB
    destination: GRC
    volume: 12
"""


def hand(name: str, text: str, expect: dict[str, Any] | None, *, filename: str = "dataset.yaml",
         check: list[Any] | None = None) -> None:
    folder = CASES / name
    folder.mkdir()
    (folder / filename).write_bytes(text.encode("utf-8"))
    manifest[name] = {"valid": expect is None, **(expect or {}), **({"check": check} if check else {})}


def hand_edit(old: str, new: str) -> str:
    assert old in HAND, old
    return HAND.replace(old, new, 1)


def hand_written(csv_case: Any) -> None:
    y = {"file": "dataset.yaml"}
    hand("yaml-hand-valid", HAND, None, check=["routes", 0, "volume", 12])
    # YAML 1.1 types: the text reaches the schema
    hand("yaml-date-impossible-unquoted", hand_edit("signed: 2006-02", "signed: 2020-02-30"),
         {**y, "row": 12, "field": "signed", "message": "2020-02 has no day 30"})
    hand("yaml-date-timestamp-unquoted", hand_edit("signed: 2006-02", "signed: 2006-02-14 10:00:00"),
         {**y, "row": 12, "field": "signed", "message": "'2006-02-14 10:00:00' is not a date"})
    hand("yaml-date-octal-looking", hand_edit("signed: 2006-02", "signed: 02006"),
         {**y, "row": 12, "field": "signed", "message": "'02006' is not a date"})
    hand("yaml-date-sexagesimal", hand_edit("signed: 2006-02", "signed: 20:06"),
         {**y, "row": 12, "field": "signed", "message": "'20:06' is not a date"})
    hand("yaml-date-underscored", hand_edit("signed: 2006-02", "signed: 2_006"),
         {**y, "row": 12, "field": "signed", "message": "'2_006' is not a date"})
    hand("yaml-count-octal-looking-valid", hand_edit("volume: 12", "volume: 02006"), None,
         check=["routes", 0, "volume", 2006])
    hand("yaml-count-sexagesimal", hand_edit("volume: 12", "volume: 20:06"),
         {**y, "row": 18, "field": "volume", "message": "'20:06' is not a whole number"})
    hand("yaml-count-boolean", hand_edit("volume: 12", "volume: true"),
         {**y, "row": 18, "field": "volume", "message": "'true' is not a whole number"})
    hand("yaml-count-hex", hand_edit("volume: 12", "volume: 0x10"),
         {**y, "row": 18, "field": "volume", "message": "'0x10' is not a whole number"})
    hand("yaml-count-huge", hand_edit("volume: 12", "volume: 9223372036854775808"),
         {**y, "row": 18, "field": "volume", "message": "less than or equal to 1000000000"})
    hand("yaml-count-huge-member-count", hand_edit("    members: [ALB, GRC]", "    members: [ALB, GRC]\n    member_count: 100000000000000000000"),
         {**y, "row": 8, "field": "member_count", "message": "less than or equal to 1000000000"})
    hand("yaml-count-huge-party-count", hand_edit("    scope: children", "    scope: children\n    party_count: 10000000000"),
         {**y, "row": 14, "field": "party_count", "message": "less than or equal to 1000000000"})
    hand("yaml-name-octal-looking-valid", hand_edit("    volume: 12", "    volume: 12\n    name: 0777"), None,
         check=["routes", 0, "name", "0777"])
    hand("yaml-norway-and-no-valid", hand_edit("members: [ALB, GRC]", "members: [NO, ALB, GRC]\n    members_complete: no"),
         None, check=["networks", 0, "members_complete", False])
    hand("yaml-bool-word", hand_edit("    members: [ALB, GRC]", "    members: [ALB, GRC]\n    members_complete: maybe"),
         {**y, "row": 8, "field": "members_complete", "message": "valid boolean"})
    hand("yaml-citation-mapping-without-source", hand_edit("    volume: 12", "    volume: 12\n    sources:\n      - s1:10-12mechanisms:"),
         {**y, "row": 20, "field": "sources.0", "message": "a citation is a source id"})
    # explicit tags
    for tname, value, tag in (("int", "!!int '12'", "!!int"), ("float", "!!float 12", "!!float"),
                              ("python", "!!python/object/apply:os.system [echo]", "!!python/object/apply:os.system"),
                              ("custom", "!local 12", "!local"), ("str", "!!str 12", "!!str")):
        hand(f"yaml-tag-{tname}", hand_edit("volume: 12", f"volume: {value}"),
             {**y, "row": 18, "field": "volume", "message": f"explicit YAML tag {tag} is not read"})
    # anchors and aliases
    hand("yaml-alias-valid", hand_edit("    members: [ALB, GRC]", "    members: &pair [ALB, GRC]").replace(
        "parties: [ALB, GRC]", "parties: *pair"), None)
    bomb = HAND + "areas:\n  - id: a0\n    country: ALB\n    notes: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"    n{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 9) + "]\n" for k in range(1, 10))
    hand("yaml-alias-bomb", bomb, {**y, "row": 27, "message": "aliases expand into more values than the file holds"})
    hand("yaml-alias-recursive", HAND + "areas: &r\n  - *r\n",
         {**y, "row": 20, "field": "areas", "message": "refers to a value that contains it"})
    hand("yaml-alias-undefined", hand_edit("parties: [ALB, GRC]", "parties: *nothing"),
         {**y, "row": 11, "field": "parties", "message": "alias *nothing refers to no anchor"})
    hand("yaml-merge-key", hand_edit("    volume: 12", "    volume: 12\n    <<: {notes: x}"),
         {**y, "row": 19, "message": "YAML merge keys (<<) are not read"})
    # duplicate keys at every level
    hand("yaml-duplicate-section", HAND + "routes:\n  - {id: r2, origin: ALB, destination: ITA}\n",
         {**y, "row": 19, "field": "routes", "message": "'routes' is given twice in the same mapping (first at line 14)"})
    hand("yaml-duplicate-field", hand_edit("    origin: ALB", "    origin: ALB\n    origin: MKD"),
         {**y, "row": 17, "field": "origin", "message": "'origin' is given twice in the same mapping (first at line 16)"})
    hand("yaml-duplicate-nested", hand_edit("parties: [ALB, GRC]", "parties: [{country: ALB, country: MKD}, GRC]"),
         {**y, "row": 11, "field": "parties.0.country", "message": "'country' is given twice"})
    hand("yaml-duplicate-dataset-info", hand_edit("{name: hand, title: Hand-written case}", "{name: hand, title: A, title: B}"),
         {**y, "row": 1, "field": "dataset", "message": "'title' is given twice"})
    # file structure and hostile shapes
    hand("yaml-two-documents", HAND + "---\nroutes: []\n",
         {**y, "row": 19, "message": "more than one YAML document"})
    hand("yaml-deep-nesting", HAND + "areas:\n" + "".join("  " * k + "-\n" for k in range(1, 60)),
         {**y, "row": 59, "message": "nested more than 40 levels deep"})
    hand("yaml-deep-flow-nesting", HAND + "areas: " + "[" * 20000 + "]" * 20000 + "\n",
         {**y, "message": "invalid YAML"})
    hand("yaml-long-value", hand_edit("title: A source", "url: " + "x" * 150_000 + "\n    title: A source"),
         {**y, "row": 4, "field": "url", "message": "a value of 150000 characters; the limit is 100000"})
    hand("yaml-control-character", hand_edit("title: A source", "title: A\x07source"),
         {**y, "row": 4, "message": "U+0007 is not allowed"})
    hand("yaml-complex-key", hand_edit("    volume: 12", "    volume: 12\n    ? [a, b]\n    : x"),
         {**y, "row": 19, "message": "a list or mapping as a key is not a field name"})
    hand("yaml-empty-key", hand_edit("    volume: 12", "    volume: 12\n    ~: x"),
         {**y, "row": 19, "message": "an empty key is not a field name"})
    # JSON read as JSON
    j = {"file": "dataset.json"}
    js = json.dumps(BASE, indent=1)
    hand("json-duplicate-section", js[:-2] + ',\n "routes": []\n}', {**j, "field": "routes", "message": "'routes' is given twice"},
         filename="dataset.json")
    hand("json-duplicate-field", js.replace('"origin": "ALB",', '"origin": "ALB", "origin": "MKD",'),
         {**j, "field": "origin", "message": "'origin' is given twice"}, filename="dataset.json")
    hand("json-duplicate-nested", js.replace('"country": "GRC",', '"country": "GRC", "country": "ITA",'),
         {**j, "field": "members.1.country", "message": "'country' is given twice"}, filename="dataset.json")
    for value in ("NaN", "Infinity", "-Infinity"):
        hand(f"json-volume-{value.lower()}", js.replace('"victims"', f'"volume": {value},\n   "victims"'),
             {**j, "field": "volume", "message": f"{value} is not a JSON value"}, filename="dataset.json")
    hand("json-volume-out-of-range", js.replace('"victims"', '"volume": 1e400,\n   "victims"'),
         {**j, "field": "volume", "message": "the number 1e400 is out of range"}, filename="dataset.json")
    hand("json-volume-5000-digits", js.replace('"victims"', '"volume": ' + "1" * 5000 + ',\n   "victims"'),
         {**j, "field": "volume", "message": "a number of 5000 digits is too long"}, filename="dataset.json")
    hand("json-volume-boolean", js.replace('"victims"', '"volume": true,\n   "victims"'),
         {**j, "field": "volume", "message": "True is not a number"}, filename="dataset.json")
    hand("json-volume-float-valid", js.replace('"victims"', '"volume": 12.0,\n   "victims"'), None,
         filename="dataset.json", check=["routes", 0, "volume", 12])
    hand("json-deep-nesting", "[" * 100_000 + "]" * 100_000, {**j, "message": "nested too deeply"}, filename="dataset.json")
    hand("json-comment", "// notes\n" + js, {**j, "row": 1, "message": "invalid JSON"}, filename="dataset.json")
    # CSV quoting
    routes = "id,origin,destination\n" + "".join(f"r{k},ALB,GRC\n" for k in range(49))
    lines = routes.splitlines(keepends=True)
    c = {"file": "routes.csv"}
    csv_case("csv-unbalanced-quote", {"routes.csv": "".join([*lines[:3], 'r99,"ALB,GRC\n', *lines[3:]]).encode()},
             {**c, "row": 4, "message": "a quoted cell that starts on row 4 is never closed"})
    csv_case("csv-unbalanced-quote-last-row", {"routes.csv": (routes + 'r99,ALB,"GRC\n').encode()},
             {**c, "row": 51, "message": "a quoted cell that starts on row 51 is never closed"})
    csv_case("csv-quote-spans-rows", {"routes.csv": "".join([*lines[:3], 'r98,"ALB,GRC\n', *lines[3:10], 'r99,ALB",GRC\n', *lines[10:]]).encode()},
             {**c, "row": 4, "field": "origin", "message": "a quoted cell runs from row 4 to row 12"})
    csv_case("csv-junk-after-quote", {"routes.csv": (routes + 'r99,"ALB"x,GRC\n').encode()},
             {**c, "row": 51, "message": "',' expected after"})
    csv_case("csv-control-character", {"routes.csv": (routes + "r99,AL\x00B,GRC\n").encode()},
             {**c, "row": 51, "field": "origin", "message": "control character U+0000"})
    csv_case("csv-cell-too-long", {"routes.csv": (routes + "r99,ALB,GRC" + "x" * 200_000 + "\n").encode()},
             {**c, "row": 51, "message": "a cell longer than 131072 characters"})
    csv_case("csv-multiline-notes-valid", {"routes.csv": b'id,origin,destination,notes\nr1,ALB,GRC,"two\nlines"\n'}, None)
    # a folder with two datasets
    csv_case("folder-yaml-and-csv", {"dataset.yaml": HAND.encode(), "routes.csv": routes.encode()},
             {"message": "the folder holds more than one dataset (dataset.yaml, routes.csv)"})
    csv_case("folder-yaml-and-json", {"dataset.yaml": HAND.encode(), "dataset.json": js.encode()},
             {"message": "the folder holds more than one dataset (dataset.yaml, dataset.json)"})
    # malformed datapackage.json
    d = {"file": "datapackage.json"}
    for dname, text, expect in (
        ("invalid-json", "{name: x}", {"row": 1, "message": "invalid JSON"}),
        ("list", "[1, 2]", {"row": 1, "message": "expected a JSON object"}),
        ("licenses-text", '{\n "licenses": "CC-BY"\n}', {"row": 2, "field": "licenses", "message": "must be a list of objects"}),
        ("name-number", '{\n "name": 5\n}', {"row": 2, "field": "name", "message": "must be text"}),
        ("name-not-id", '{\n "name": "has spaces"\n}', {"row": 2, "field": "name", "message": "not a valid id"}),
        ("coordgraph-list", '{\n "coordgraph": []\n}', {"row": 2, "field": "coordgraph", "message": "must be an object"}),
        ("synthetic-text", '{\n "coordgraph": {"synthetic": "no"}\n}', {"row": 2, "field": "coordgraph", "message": "synthetic must be true or false"}),
        ("duplicate-key", '{"name": "a",\n "name": "b"}', {"row": 2, "field": "name", "message": "'name' is given twice"}),
        ("nan", '{\n "title": NaN\n}', {"row": 2, "field": "title", "message": "NaN is not a JSON value"}),
        ("empty", "", {"message": "the file is empty"}),
    ):
        csv_case(f"datapackage-{dname}", {"routes.csv": routes.encode(), "datapackage.json": text.encode()}, {**d, **expect})


def cross_record() -> None:
    y = {"file": "dataset.yaml"}

    def rule(name: str, change: Any, expect: dict[str, Any] | None) -> None:
        d = copy.deepcopy(BASE)
        change(d)
        case(name, d, expect=None if expect is None else {**y, **expect})

    multi = {"id": "multi", "type": "multilateral", "parties": ["ALB"], "scope": "children"}
    rule("rule-multilateral-one-party", lambda d: d["agreements"].append(multi),
         {"row": 40, "field": "parties", "message": "a multilateral agreement has at least two parties; this one lists 1"})
    rule("rule-multilateral-one-party-incomplete-valid",
         lambda d: d["agreements"].append({**multi, "parties_complete": False}), None)
    rule("rule-party-count-below-parties", lambda d: d["agreements"][0].update(party_count=1),
         {"row": 38, "field": "party_count", "message": "party_count (1) is less than the 2 parties listed"})
    rule("rule-not-in-force-after-in-force", lambda d: d["agreements"][0].update(in_force="2007", not_in_force_on="2010"),
         {"row": 39, "field": "not_in_force_on", "message": "is on or after entry into force (2007), but no end is recorded"})
    rule("rule-not-in-force-after-ceased-valid",
         lambda d: d["agreements"][0].update(in_force="2007", valid_to="2009", not_in_force_on="2010"), None)
    rule("rule-not-in-force-before-in-force-valid",
         lambda d: d["agreements"][0].update(in_force="2007", not_in_force_on="2006-06"), None)
    rule("rule-valid-to-before-signed", lambda d: d["agreements"][0].update(valid_to="2005"),
         {"row": 38, "field": "valid_to", "message": "valid_to (2005) is before signed (2006-02)"})
    rule("rule-member-twice", lambda d: d["networks"][0].update(members=["ALB", "Albania", "GRC"]),
         {"row": 25, "field": "members.1", "message": "ALB is listed twice as a member of 'net'"})
    rule("rule-member-rejoined-valid", lambda d: d["networks"][0].update(
        members=[{"country": "ALB", "joined": "2001", "left": "2003"}, {"country": "ALB", "joined": "2005"}, "GRC"]), None)
    rule("rule-agency-twice", lambda d: d["mechanisms"][0].update(leads=["min-a", "min-a"]),
         {"row": 45, "field": "leads", "message": "min-a listed twice in leads of 'm1'"})
    rule("rule-focal-point-not-member", lambda d: d["focal_points"].append({"id": "fp2", "country": "ITA", "network": "net"}),
         {"row": 67, "field": "network", "message": "focal point 'fp2': ITA is not a member of network 'net'"})
    rule("rule-focal-point-outside-membership",
         lambda d: d["focal_points"].append({"id": "fp2", "country": "GRC", "network": "net", "valid_to": "1999"}),
         {"row": 67, "field": "network", "message": "GRC is not a member of network 'net' from … to 1999 (member 2001 to …)"})
    rule("rule-focal-point-not-party",
         lambda d: d["focal_points"].append({"id": "fp2", "country": "ITA", "agreement": "alb-grc"}),
         {"row": 67, "field": "agreement", "message": "ITA is not a party to 'alb-grc'"})
    rule("rule-focal-point-members-incomplete-valid", lambda d: (
        d["networks"][0].update(members_complete=False),
        d["focal_points"].append({"id": "fp2", "country": "ITA", "network": "net"})), None)
    rule("rule-party-citation-missing",
         lambda d: d["agreements"][0].update(parties=[{"country": "ALB", "sources": ["nosuch:1"]}, "GRC"]),
         {"row": 32, "field": "parties.0.sources", "message": "'alb-grc' cites Source 'nosuch' for ALB, which does not exist"})
    rule("rule-member-citation-missing",
         lambda d: d["networks"][0].update(members=[{"country": "ALB", "sources": ["nosuch"]}, "GRC"]),
         {"row": 24, "field": "members.0.sources", "message": "'net' cites Source 'nosuch' for ALB, which does not exist"})
    rule("rule-country-twice", lambda d: d.update(countries=[{"id": "ALB"}, {"id": "Albania"}]),
         {"row": 73, "field": "id", "message": "duplicate id 'Albania' in countries (the same country as 'ALB')"})
    rule("rule-volume-huge", lambda d: d["routes"][0].update(volume=2**63),
         {"row": 71, "field": "volume", "message": "less than or equal to 1000000000"})



# Issue 28: rules across records, plausibility warnings, transits, line endings, and
# workbooks (what Excel hides or never shows, and small workbooks that unpack to a lot).
PLAN = """\
dataset: {name: plans, title: Plans written by hand}
action_plans:
  - id: npa-alb
    country: ALB
    adopted: 2005-03
    evaluated: 2004
    valid_to: 2008
"""

MECHANISMS = """\
dataset: {name: mechanisms, title: Mechanisms written by hand}
areas:
  - {id: cri-san-jose, country: CRI}
mechanisms:
  - id: nrm
    type: referral_mechanism
    level: national
    country: ALB
    coordinates_with: [nrm]
"""


def integrity(csv_case: Any) -> None:
    y = {"file": "dataset.yaml"}

    def rule(name: str, change: Any, expect: dict[str, Any] | None) -> None:
        d = copy.deepcopy(BASE)
        change(d)
        case(name, d, expect=None if expect is None else {**y, **expect})

    # rules across fields and records
    rule("rule-not-in-force-before-signed", lambda d: d["agreements"][0].update(not_in_force_on="2004"),
         {"row": 38, "field": "not_in_force_on",
          "message": "not_in_force_on (2004) is before signed (2006-02): the agreement did not exist yet"})
    hand("rule-plan-evaluated-before-adopted", PLAN,
         {**y, "row": 3, "message": "evaluated (2004) is before adopted (2005-03)"})
    hand("rule-plan-adopted-after-valid-to", PLAN.replace("evaluated: 2004", "evaluated: 2006").replace(
        "valid_to: 2008", "valid_to: 2004"),
         {**y, "row": 3, "message": "adopted (2005-03) is after valid_to (2004), when the plan had ended"})
    hand("rule-member-count-below-members", hand_edit("    members: [ALB, GRC]", "    members: [ALB, GRC]\n    member_count: 1"),
         {**y, "row": 8, "field": "member_count", "message": "member_count (1) is less than the 2 members listed"})
    rule("rule-focal-point-agency-of-another-state", lambda d: (
        d["agencies"].append({"id": "min-g", "name": "G", "country": "GRC", "type": "ministry"}),
        d["focal_points"][0].update(agency="min-g")),
         {"field": "agency", "message": "focal point 'fp' of ALB: agency 'min-g' belongs to GRC"})
    rule("rule-mechanism-country-and-network", lambda d: d["mechanisms"][0].update(network="net"),
         {"row": 39, "message": "a mechanism works in a country (or an area of it) or for a network, not both"})
    hand("rule-mechanism-area-in-another-country", MECHANISMS.replace("coordinates_with: [nrm]", "area: cri-san-jose"),
         {**y, "row": 9, "field": "area",
          "message": "mechanism 'nrm' works in ALB, but its area 'cri-san-jose' is in CRI"})
    hand("rule-mechanism-coordinates-with-itself", MECHANISMS,
         {**y, "row": 5, "message": "'nrm' coordinates with itself"})
    hand("rule-source-cites-missing-source", hand_edit("    title: A source", "    title: A source\n    sources: [s0:12]"),
         {**y, "row": 5, "field": "sources", "message": "'s1' refers to Source 's0', which does not exist"})
    hand("rule-notes-impossible-date", hand_edit("    volume: 12", "    volume: 12\n    notes: seen 2006-02-30 in Tirana"),
         {**y, "row": 19, "field": "notes", "message": "'2006-02-30' in the text is not a date"})
    hand("rule-dataset-impossible-date", hand_edit("{name: hand, title: Hand-written case}",
                                                   "{name: hand, title: Hand-written case, description: as of 2006-02-30}"),
         {**y, "row": 1, "field": "dataset.description", "message": "'2006-02-30' in the text is not a date"})
    hand("rule-notes-dates-valid", hand_edit("    volume: 12", "    volume: 12\n    notes: seen 2008-02-29, 2006-02 and 2006"),
         None)
    hand("yaml-date-arabic-indic-digits", hand_edit("signed: 2006-02", "signed: \u0662\u0660\u0660\u0666-\u0660\u0662"),
         {**y, "row": 12, "field": "signed", "message": "is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"})
    hand("yaml-date-fullwidth-digits", hand_edit("signed: 2006-02", "signed: \uff12\uff10\uff10\uff16"),
         {**y, "row": 12, "field": "signed", "message": "is not a date"})
    # a transit that is an endpoint (also when one is a name and the other a code)
    hand("rule-transit-is-origin-by-name", hand_edit("    destination: GRC", "    transits: [Albania]\n    destination: GRC"),
         {**y, "row": 17, "field": "transits", "message": "transit ALB is also the route's origin"})
    hand("rule-transit-is-destination", hand_edit("    destination: GRC", "    transits: [MKD, GR]\n    destination: GRC"),
         {**y, "row": 17, "field": "transits", "message": "transit GRC is also the route's destination"})
    csv_case("rule-transit-is-origin-csv", {"routes.csv": b"id,origin,transits,destination\nr1,MDA,Moldova|UKR,RUS\n"},
             {"file": "routes.csv", "row": 2, "field": "transits", "message": "transit MDA is also the route's origin"})
    hand("rule-transit-unknown-valid", hand_edit("    origin: ALB", "    origin: unknown\n    transits: [unknown]"), None)
    # plausibility: loads, with a warning (a problem with strict)
    w = {**y, "warning": True}
    hand("warn-future-signature", hand_edit("signed: 2006-02", "signed: 2099"),
         {**w, "row": 12, "field": "signed", "message": "signed (2099) is after today"})
    hand("warn-future-source", hand_edit("    title: A source", "    title: A source\n    date: 2062-05"),
         {**w, "row": 5, "field": "date", "message": "date (2062-05) is after today"})
    hand("warn-future-observation", hand_edit("    volume: 12", "    volume: 12\n    valid_from: 2090"),
         {**w, "row": 19, "field": "valid_from", "message": "the route is left out of today's findings"})
    csv_case("warn-future-observation-csv", {"routes.csv": b"id,origin,destination,valid_from\nr1,ALB,GRC,2090\n"},
             {"file": "routes.csv", "row": 2, "field": "valid_from", "warning": True,
              "message": "valid_from (2090) is after today"})
    rule("warn-ids-differ-by-case", lambda d: d["agencies"].append(
        {"id": "MIN-A", "name": "Ministry A again", "country": "ALB", "type": "ministry"}),
         {"field": "id", "warning": True, "message": "'MIN-A' and 'min-a' differ only by case"})
    # line endings and byte-order marks
    text = yaml.safe_dump(BASE, allow_unicode=True, sort_keys=False).encode()
    csv_case("file-cr-only-yaml", {"dataset.yaml": text.replace(b"\n", b"\r")}, None)
    csv_case("file-bom-cr-only-yaml", {"dataset.yaml": b"\xef\xbb\xbf" + text.replace(b"\n", b"\r")}, None)
    csv_case("csv-cr-only", {"routes.csv": b"\xef\xbb\xbfid,origin,destination,notes\rr1,ALB,GRC,\"two\rlines\"\r"}, None)
    csv_case("folder-named-like.xlsx", {"routes.csv": b"id,origin,destination\nr1,ALB,GRC\n"},
             {"message": "a folder named like a .xlsx file"})
    workbooks()


def book_case(name: str, build: Any, expect: dict[str, Any] | None) -> None:
    """A case that is a workbook: built with openpyxl, or as raw zip and XML."""
    import openpyxl

    folder = CASES / name
    folder.mkdir()
    path = folder / "book.xlsx"
    if isinstance(build, bytes):
        path.write_bytes(build)
    else:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "routes"
        ws.append(["id", "origin", "destination", "volume"])
        for row in (["r1", "ALB", "GRC", 5], ["r2", "ALB", "ITA", 7], ["r3", "MKD", "GRC", 9]):
            ws.append(row)
        build(wb)
        wb.save(path)
        path.write_bytes(_repack(path.read_bytes()))
    manifest[name] = {"valid": expect is None, "open": "book.xlsx", **(expect or {})}


def _repack(data: bytes, parts: dict[str, bytes] | None = None) -> bytes:
    """A workbook's zip with fixed dates (in the zip and in docProps/core.xml), so that
    rerunning this script rewrites the same bytes; ``parts`` replace some parts."""
    import io
    import re
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in sorted(src.namelist()):
            body = (parts or {}).get(item, src.read(item))
            if item == "docProps/core.xml":
                body = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-01-01T00:00:00Z", body)
            info = zipfile.ZipInfo(item, date_time=(2026, 1, 1, 0, 0, 0))
            dst.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def _raw_book(sheet: bytes) -> bytes:
    """A one-sheet workbook whose sheet XML is given, packed at the highest level."""
    import io
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "routes"
    plain = io.BytesIO()
    wb.save(plain)
    return _repack(plain.getvalue(), {"xl/worksheets/sheet1.xml": sheet})


def _sheet(rows: bytes) -> bytes:
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    header = b"".join(b'<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (c, n)
                      for c, n in ((b"A", b"id"), (b"B", b"origin"), (b"C", b"destination")))
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}"><sheetData>'.encode()
            + b'<row r="1">' + header + b"</row>" + rows + b"</sheetData></worksheet>")


def _route(row: int, column: bytes = b"A") -> bytes:
    return (b'<row r="%d"><c r="%s%d" t="inlineStr"><is><t>r%d</t></is></c>' % (row, column, row, row)
            + b'<c r="B%d" t="inlineStr"><is><t>ALB</t></is></c>' % row
            + b'<c r="C%d" t="inlineStr"><is><t>GRC</t></is></c></row>' % row)


def workbooks() -> None:
    b = {"file": "book.xlsx"}

    def hide_rows(wb: Any) -> None:
        wb.active.row_dimensions[3].hidden = True
        wb.active.row_dimensions[4].hidden = True

    def filter_rows(wb: Any) -> None:
        ws = wb.active
        ws.auto_filter.ref = "A1:D4"
        ws.auto_filter.add_filter_column(1, ["MKD"])
        ws.row_dimensions[2].hidden = True
        ws.row_dimensions[3].hidden = True

    def hide_column(wb: Any) -> None:
        wb.active.column_dimensions["D"].hidden = True

    def date(serial: float) -> Any:
        def put(wb: Any) -> None:
            ws = wb.create_sheet("agreements")
            ws.append(["id", "type", "parties", "scope", "signed"])
            ws.append(["a", "bilateral", "ALB|GRC", "children", serial])
            ws["E2"].number_format = "yyyy-mm-dd"
        return put

    book_case("xlsx-valid", lambda wb: None, None)
    book_case("xlsx-hidden-rows", hide_rows,
              {**b, "row": 3, "message": "2 rows holding values are hidden (rows 3-4)", "hint": "Unhide"})
    book_case("xlsx-hidden-rows-autofilter", filter_rows,
              {**b, "row": 2, "message": "2 rows holding values are hidden by a filter (rows 2-3)",
               "hint": "clear the filter"})
    book_case("xlsx-hidden-column", hide_column,
              {**b, "row": 1, "field": "volume", "message": "column D (volume) is hidden"})
    book_case("xlsx-hidden-empty-column-valid", lambda wb: hide_column(wb) or wb.active.delete_cols(4), None)
    book_case("xlsx-date-serial-negative", date(-5),
              {**b, "row": 2, "message": "the date cell holds -5, which Excel shows as ####: not a date"})
    book_case("xlsx-date-serial-zero", date(0),
              {**b, "row": 2, "message": "the date cell holds 0, which Excel shows as ####"})
    book_case("xlsx-date-serial-60-leap-day", date(60),
              {**b, "row": 2, "message": "the date cell shows 1900-02-29, a day that never was"})
    book_case("xlsx-date-serial-61-valid", date(61), None)
    manifest["xlsx-date-serial-61-valid"]["check"] = ["agreements", 0, "signed", "1900-03-01"]
    book_case("xlsx-far-column", _raw_book(_sheet(b"".join(_route(r, b"XFD") for r in range(2, 202)))),
              {**b, "message": "more values in columns with no name in the header"})
    book_case("xlsx-values-after-empty-rows", _raw_book(_sheet(b"<row/>" * 12_000 + _route(12_050))),
              {**b, "row": 2, "message": "values after 10,000 empty rows"})
    book_case("xlsx-empty-rows-valid", _raw_book(_sheet(_route(2) + b"<row/>" * 12_000)), None)
    book_case("xlsx-empty-rows-bomb", _raw_book(_sheet(b"<row/>" * 6_000_000)),
              {**b, "message": "mostly blank space or empty rows, which coordgraph does not read"})
    book_case("xlsx-blank-space-bomb", _raw_book(_sheet(_route(2) + b" " * 40_000_000)),
              {**b, "message": "mostly blank space or empty rows, which coordgraph does not read"})
    book_case("xlsx-row-past-the-last", _raw_book(_sheet(_route(1_048_577))),
              {**b, "message": "rows past row 1,048,576, the last row of an Excel sheet"})

if __name__ == "__main__":
    build()
