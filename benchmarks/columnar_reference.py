"""The yardstick of the route verdict (issue #29): the route rules written as one
columnar polars program, reading a CSV folder and writing the set of unlinked route
pairs.

Run: python benchmarks/columnar_reference.py DIR --as-of 2015 [-o unlinked.csv]

It stands alone (polars only, nothing of coordgraph) and is not the tool: it reads only
the columns the rules need and knows only what the synthetic datasets of
``coordgraph synth`` hold. Its rules, for every pair of places an observed route uses
(its endpoints and, with transits, each leg) and the route's victims and purposes:

* a route is observed from its ``valid_from`` (undated: always);
* two different States are linked by an agreement that has effect on the day (entry into
  force when recorded; else not when a draft or recorded as not in force; else from
  signature; undated: always; none after ``valid_to``), binds both then (a party from
  ratification, accession or succession, else signature, else the agreement's own
  start; none after withdrawal), whose scope covers the victims (none recorded: every
  group) and whose forms of exploitation, less what the two parties' reservations
  exclude, do not exclude every purpose of the route;
* or by a focal-point channel: both are members, on the day, of an operational network
  (or parties to an operational agreement) that exists then, each with a designated
  focal point in it then;
* two places in one State are linked by working local mechanisms in both (when both
  are areas) or a working national referral mechanism.

What it does not read (source dates, replacements, local links between mechanisms,
``<`` dates, verification levels, coverage statements) the synthetic datasets do not
hold. benchmarks/run.py times it as the yardstick; tests compare its unlinked set with
the tool's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import polars as pl

SEP = "|"
#: victims -> sex/age groups; the groups each agreement scope covers
GROUPS = {
    "girls": ["girls"],
    "boys": ["boys"],
    "children": ["girls", "boys"],
    "women": ["women"],
    "men": ["men"],
    "adults": ["women", "men"],
}
EVERY_GROUP = frozenset({"girls", "boys", "women", "men"})
SCOPES = {
    "children": frozenset({"girls", "boys"}),
    "women_and_children": frozenset({"girls", "boys", "women"}),
}
#: a form of exploitation also covers these purposes
IMPLIES = {
    "sexual_exploitation": {"sexual_exploitation", "online_sexual_exploitation"},
    "labour": {"labour", "domestic_servitude"},
}
EVERY_FORM = frozenset(
    {
        "sexual_exploitation",
        "online_sexual_exploitation",
        "labour",
        "domestic_servitude",
        "forced_marriage",
        "begging",
        "criminal_activities",
        "organ_removal",
        "child_soldiers",
        "illegal_adoption",
        "other",
    }
)
OPERATIONAL_TYPES = {"intergovernmental", "regional_process", "contact_point_network"}
OPERATIONAL_FUNCTIONS = {"coordination", "referral"}


def read(folder: Path, name: str, columns: list[str]) -> pl.DataFrame:
    """A table of the folder as text, with the columns asked (absent ones as nulls)."""
    path = folder / f"{name}.csv"
    if not path.exists():
        return pl.DataFrame({c: [] for c in columns}, schema=dict.fromkeys(columns, pl.String))
    df = pl.read_csv(path, infer_schema=False)
    return df.select(
        [pl.col(c) if c in df.columns else pl.lit(None, pl.String).alias(c) for c in columns]
    )


def first_day(c: str) -> pl.Expr:
    s = pl.col(c)
    n = s.str.len_chars()
    full = pl.when(n == 4).then(s + "-01-01").when(n == 7).then(s + "-01").otherwise(s)
    return full.str.to_date("%Y-%m-%d", strict=False)


def last_day(c: str) -> pl.Expr:
    s = pl.col(c)
    n = s.str.len_chars()
    month = (s + "-01").str.to_date("%Y-%m-%d", strict=False).dt.month_end()
    full = pl.when(n == 4).then((s + "-12-31").str.to_date("%Y-%m-%d", strict=False))
    return full.when(n == 7).then(month).otherwise(s.str.to_date("%Y-%m-%d", strict=False))


def by(c: str, day: dt.date) -> pl.Expr:
    """Started by the day (a missing date: always)."""
    return first_day(c).fill_null(day) <= day


def ended(c: str, day: dt.date) -> pl.Expr:
    return last_day(c).fill_null(day) < day


def route_pairs(folder: Path, day: dt.date) -> pl.DataFrame:
    """One row per distinct (place, place, victim groups) the observed routes use (their
    endpoints and each leg), with the States of both places and the union of the
    routes' purposes (``|``-joined keys)."""
    routes = read(
        folder, "routes", ["valid_from", "origin", "transits", "destination", "victims", "purposes"]
    ).filter(by("valid_from", day))
    groups = {
        v: SEP.join(sorted({g for x in v.split(SEP) if x for g in GROUPS.get(x, [])}))
        for v in routes["victims"].fill_null("").unique().to_list()
    }
    stops = pl.concat_list(
        pl.col("origin"), pl.col("transits").str.split(SEP).fill_null([]), pl.col("destination")
    )
    keys = routes.select(
        stops.alias("stops"),
        pl.col("victims").fill_null("").replace_strict(groups, return_dtype=pl.String),
        pl.col("purposes").fill_null(""),
    ).unique()
    n = pl.col("stops").list.len() - 1
    uses = pl.concat(
        [
            keys.select(
                pl.col("stops").list.first().alias("a"),
                pl.col("stops").list.last().alias("b"),
                "victims",
                "purposes",
            ),
            keys.filter(n > 1)
            .select(
                pl.col("stops").list.head(n).alias("a"),
                pl.col("stops").list.tail(n).alias("b"),
                "victims",
                "purposes",
            )
            .explode("a", "b"),
        ]
    )
    pairs = (
        uses.unique()
        .with_columns(pl.col("purposes").str.split(SEP))
        .explode("purposes")
        .group_by("a", "b", "victims")
        .agg(
            pl.col("purposes")
            .filter((pl.col("purposes") != "") & (pl.col("purposes") != "unknown"))
            .unique()
            .sort()
            .str.join(SEP)
        )
    )
    areas = read(folder, "areas", ["id", "country"])
    of_area = dict(zip(("area:" + areas["id"]).to_list(), areas["country"].to_list(), strict=True))
    places = pl.concat([pairs["a"], pairs["b"]]).unique().to_list()
    state = {
        p: of_area.get(p) if p.startswith("area:") else None if p.startswith("unknown") else p
        for p in places
    }
    return pairs.with_columns(
        pl.col("a").replace_strict(state, return_dtype=pl.String).alias("sa"),
        pl.col("b").replace_strict(state, return_dtype=pl.String).alias("sb"),
    ).filter(pl.col("sa").is_not_null() & pl.col("sb").is_not_null())


def agreement_links(folder: Path, day: dt.date) -> pl.DataFrame:
    """(State, State, agreement, scope, forms, excluded) for each agreement with effect
    that binds both on the day."""
    ags = read(
        folder,
        "agreements",
        [
            "id",
            "type",
            "signed",
            "in_force",
            "not_in_force_on",
            "status",
            "valid_to",
            "valid_from",
            "drafted",
            "scope",
            "exploitation",
            "function",
        ],
    )
    start = pl.coalesce(first_day("signed"), first_day("in_force"), first_day("valid_from"))
    effect = (
        pl.when(pl.col("in_force").is_not_null())
        .then(by("in_force", day))
        .when((pl.col("status") == "draft") | pl.col("not_in_force_on").is_not_null())
        .then(False)
        .otherwise(by("signed", day))
    ) & ~ended("valid_to", day)
    ags = ags.select(
        pl.col("id").alias("ag"),
        effect.alias("effect"),
        (pl.coalesce(start, first_day("drafted")).fill_null(day) <= day).alias("started"),
        pl.col("scope").fill_null("all_persons"),
        pl.col("exploitation").fill_null(""),
    )
    parties = read(
        folder,
        "agreement_parties",
        [
            "agreement",
            "country",
            "signed",
            "ratified",
            "acceded",
            "succeeded",
            "withdrawn",
            "excludes",
        ],
    )
    joined = pl.min_horizontal(first_day("ratified"), first_day("acceded"), first_day("succeeded"))
    parties = (
        parties.with_columns(joined.alias("first"), first_day("signed").alias("sig"))
        .join(ags, left_on="agreement", right_on="ag")
        .filter(pl.col("effect"))
        .filter(
            ~ended("withdrawn", day)
            & pl.when(pl.col("first").is_not_null())
            .then(pl.col("first") <= day)
            .when(pl.col("sig").is_not_null())
            .then(pl.col("sig") <= day)
            .otherwise(pl.col("started"))
        )
        .select("agreement", "country", pl.col("excludes").fill_null(""), "scope", "exploitation")
    )
    both = parties.join(
        parties.select("agreement", "country", "excludes"), on="agreement", suffix="_b"
    ).filter(pl.col("country") != pl.col("country_b"))
    return both.select(
        pl.col("country").alias("sa"),
        pl.col("country_b").alias("sb"),
        "scope",
        "exploitation",
        pl.concat_str("excludes", "excludes_b", separator=SEP).alias("excluded"),
    ).unique()


def forms_cover(forms: str, excluded: str, purposes: str) -> bool:
    """Whether forms (less exclusions) leave some purpose of the route covered."""
    have = set(forms.split(SEP)) - {""}
    gone = {p for e in excluded.split(SEP) if e for p in IMPLIES.get(e, {e})}
    if gone and (have & gone or ("all" in have and gone & EVERY_FORM)):
        have = (set(EVERY_FORM) if "all" in have else have) - gone or {"other"}
    wanted = set(purposes.split(SEP)) - {""}
    if "all" in have or not have or not wanted:
        return True
    return bool(wanted & {p for f in have for p in IMPLIES.get(f, {f})})


def channels(folder: Path, day: dt.date) -> pl.DataFrame:
    """(State, State) with designated focal points in an operational network both are
    members of on the day, or an operational agreement both are parties to."""
    nets = read(folder, "networks", ["id", "type", "function", "valid_from", "valid_to"])
    nets = nets.filter(
        by("valid_from", day)
        & ~ended("valid_to", day)
        & pl.coalesce(
            pl.col("function").is_in(OPERATIONAL_FUNCTIONS),
            pl.col("type").is_in(OPERATIONAL_TYPES),
        )
    )
    members = read(folder, "network_members", ["network", "country", "joined", "left"]).filter(
        by("joined", day) & ~ended("left", day) & pl.col("network").is_in(nets["id"].implode())
    )
    fps = read(
        folder, "focal_points", ["country", "network", "status", "valid_from", "valid_to"]
    ).filter(
        (pl.col("status").fill_null("designated") == "designated")
        & by("valid_from", day)
        & ~ended("valid_to", day)
    )
    held = members.join(fps.select("country", "network").unique(), on=["country", "network"])
    pairs = held.join(held, on="network", suffix="_b").filter(
        pl.col("country") != pl.col("country_b")
    )
    return pairs.select(pl.col("country").alias("sa"), pl.col("country_b").alias("sb")).unique()


def internal(folder: Path, day: dt.date, keys: pl.DataFrame) -> pl.DataFrame:
    mech = read(
        folder, "mechanisms", ["type", "level", "country", "area", "status", "valid_from"]
    ).with_columns(pl.lit(None, pl.String).alias("valid_to"))
    working = mech.filter(
        (pl.col("status").fill_null("active") == "active")
        & by("valid_from", day)
        & ~ended("valid_to", day)
    )
    nrm = working.filter(
        (pl.col("type") == "referral_mechanism") & (pl.col("level") == "national")
    )["country"]
    areas = ("area:" + working["area"].drop_nulls()).unique()
    both = pl.col("a").is_in(areas.implode()) & pl.col("b").is_in(areas.implode())
    return keys.filter(both | pl.col("sa").is_in(nrm.unique().implode()))


def unlinked(folder: Path, day: dt.date) -> pl.DataFrame:
    pairs = route_pairs(folder, day)
    cross = pairs.filter(pl.col("sa") != pl.col("sb"))
    states_keys = cross.select("sa", "sb", "victims", "purposes").unique()
    found = states_keys.join(agreement_links(folder, day), on=["sa", "sb"])
    scope_ok = {
        (s, v): (set(v.split(SEP)) - {""} or EVERY_GROUP) <= SCOPES.get(s, EVERY_GROUP)
        for s, v in found.select("scope", "victims").unique().iter_rows()
        if s != "unknown"
    }
    forms_ok = {
        k: forms_cover(*k)
        for k in found.select("exploitation", "excluded", "purposes").unique().iter_rows()
    }
    linked = found.filter(
        pl.struct("scope", "victims").map_elements(
            lambda r: scope_ok.get((r["scope"], r["victims"]), False), return_dtype=pl.Boolean
        )
        & pl.struct("exploitation", "excluded", "purposes").map_elements(
            lambda r: forms_ok[(r["exploitation"], r["excluded"], r["purposes"])],
            return_dtype=pl.Boolean,
        )
    ).select("sa", "sb", "victims", "purposes")
    linked_pairs = pl.concat(
        [
            cross.join(linked.unique(), on=["sa", "sb", "victims", "purposes"], how="semi"),
            cross.join(channels(folder, day), on=["sa", "sb"], how="semi"),
            internal(folder, day, pairs.filter(pl.col("sa") == pl.col("sb"))),
        ]
    ).select("a", "b", "victims", "purposes")
    return (
        pairs.join(linked_pairs, on=["a", "b", "victims", "purposes"], how="anti")
        .select("a", "b", "victims")
        .unique()
        .sort("a", "b", "victims")
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--as-of", default="2015", help="YYYY or YYYY-MM-DD (a year: 31 Dec)")
    parser.add_argument("-o", "--output", type=Path, help="write the unlinked set as CSV")
    args = parser.parse_args()
    text = args.as_of
    day = dt.date(int(text), 12, 31) if len(text) == 4 else dt.date.fromisoformat(text)
    t = time.perf_counter()
    out = unlinked(args.folder, day)
    if args.output:
        out.write_csv(args.output)
    print(
        f"{out.height} unlinked pairs of places and victims as of {day} "
        f"in {time.perf_counter() - t:.2f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
