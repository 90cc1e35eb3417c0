"""Findings at 10k routes are the same as before the columnar route engine.

``data/findings-10k.jsonl.gz`` was written by the engine that kept every route in the
networkx graph (main at 3a05ce4), from the synthetic dataset below read back from a CSV
folder. Any change to a finding's text, order, evidence, sources or details fails here;
a deliberate change of meaning regenerates the file (``python tests/scale/test_same_findings.py``).
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import coordgraph
from coordgraph.analyses import duplicated_mechanisms, missing_focal_points, unlinked_routes
from coordgraph.io.csvdir import write_csv_dir
from coordgraph.synth import synthesize

GOLDEN = Path(__file__).parent / "data" / "findings-10k.jsonl.gz"


def findings_10k(folder: Path) -> list[str]:
    ds = synthesize(countries=60, routes=10000, agreements=2000, mechanisms=1000, seed=10000)
    write_csv_dir(ds, folder)
    G = coordgraph.load(folder).to_networkx()
    out = []
    for as_of in ("2008", "2016-06-30"):
        for name, fn in (
            ("unlinked_routes", unlinked_routes),
            ("duplicated_mechanisms", duplicated_mechanisms),
            ("missing_focal_points", missing_focal_points),
        ):
            for f in fn(G, as_of=as_of):
                out.append({"analysis": name, "as_of": as_of, **f.to_dict()})
    for f in unlinked_routes(G, as_of="2016", children_only=True, undated="exclude"):
        out.append({"analysis": "unlinked_routes children exclude", "as_of": "2016", **f.to_dict()})
    return [json.dumps(o, sort_keys=True, default=str) for o in out]


def test_findings_at_10k_routes_unchanged(tmp_path: Path) -> None:
    expected = gzip.decompress(GOLDEN.read_bytes()).decode().splitlines()
    got = findings_10k(tmp_path / "ds")
    for i, (e, g) in enumerate(zip(expected, got, strict=False)):
        assert g == e, f"finding {i} differs\nexpected: {e[:2000]}\ngot:      {g[:2000]}"
    assert len(got) == len(expected)


if __name__ == "__main__":  # regenerate after a deliberate change of meaning
    import tempfile

    lines = findings_10k(Path(tempfile.mkdtemp()) / "ds")
    GOLDEN.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0))
    print(f"{len(lines)} findings written to {GOLDEN}", file=sys.stderr)
