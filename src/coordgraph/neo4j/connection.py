"""One driver per server per process, with bounded waits and retries.

FalkorDB's Bolt endpoint stalls every second new connection after a client disconnects
(measured with neo4j driver 5.28 and 6.4): the connection-acquisition timeout bounds the
wait and a single retry with a fresh driver gets through. Real Neo4j never needs it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any, TypeVar

from coordgraph.errors import BackendError, BackendUnavailable, UsageError

__all__ = ["SCHEMES", "Connection", "check_uri", "connect", "cypher_file"]

#: the URI schemes of the neo4j driver: bolt (one server) and neo4j (routing), each
#: plain, +s (TLS) or +ssc (TLS, self-signed certificate)
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


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
    how = "write bolt://HOST:PORT (or neo4j://, bolt+s://, neo4j+s://)"
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
    if "@" in parts.netloc:
        raise UsageError(
            f"--uri {shown!r} carries a user or password; give the user with --user or "
            "NEO4J_USER and the password in NEO4J_PASSWORD only"
        )
    if not parts.hostname:
        raise UsageError(f"--uri {shown!r} names no host; {how}")
    if port == 0:
        raise UsageError(f"--uri {shown!r}: port 0 is not a server port")
    if parts.path not in ("", "/"):
        raise UsageError(
            f"--uri {shown!r}: a path is not part of a Bolt URI (choose the database with "
            "--database)"
        )
    if parts.fragment or (parts.query and not parts.scheme.lower().startswith("neo4j")):
        raise UsageError(
            f"--uri {shown!r}: only a neo4j:// URI takes a query (routing context); remove it"
        )
    return uri


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


@dataclass
class Connection:
    """A Bolt connection to Neo4j or FalkorDB (the password is never kept in messages)."""

    uri: str
    user: str
    password: str
    database: str | None = None
    timeout: float = 5.0
    _mangles: bool | None = None
    _connected: bool = False

    def __repr__(self) -> str:
        return f"Connection(uri={self.safe_uri!r}, user={self.user!r}, database={self.database!r})"

    @property
    def safe_uri(self) -> str:
        """The URI as it may be shown (no user or password in it)."""
        return _redact(self.uri)

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
    def mangles_strings(self) -> bool:
        """Whether the server alters string parameters (FalkorDB's Bolt endpoint does).

        Found out once by echoing a harmless backslash; see
        :func:`coordgraph.neo4j.convert.encode_strings`.
        """
        if self._mangles is None:
            probe = "coordgraph\\\\bprobe"
            echoed = self._raw("RETURN $v AS v", {"v": probe})[0]["v"]
            self._mangles = echoed != probe
        return self._mangles

    def _raw(self, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        def work(driver: Any) -> list[dict[str, Any]]:
            with driver.session(database=self.database) as session:
                return [record.data() for record in session.run(query, params)]

        return self._with_retry(work)

    def run(self, query: str, **params: Any) -> list[dict[str, Any]]:
        """Run one statement (in its own transaction) and return its records as dicts.

        String parameters and results are passed through as they are, except on a
        server that alters strings, where they travel percent-encoded.
        """
        if not self.mangles_strings:
            return self._raw(query, params)
        from coordgraph.neo4j.convert import decode_strings, encode_strings

        rows = self._raw(query, encode_strings(params))
        return [decode_strings(row) for row in rows]

    def _with_retry(self, work: Callable[[Any], T]) -> T:
        from neo4j.exceptions import (
            AuthError,
            ClientError,
            DriverError,
            Neo4jError,
            ServiceUnavailable,
            SessionExpired,
        )

        for attempt in range(1, ATTEMPTS + 1):
            try:
                result = work(self._driver(fresh=attempt > 1))
                self._connected = True
                return result
            except AuthError:
                raise BackendUnavailable(
                    f"the server at {self.safe_uri} refused the credentials of user {self.user!r}"
                ) from None
            except SessionExpired:
                if self.uri.lower().startswith("neo4j") and attempt == ATTEMPTS:
                    raise BackendUnavailable(
                        f"the server at {self.safe_uri} offers no routing table for a neo4j:// "
                        "URI (FalkorDB and single servers do not); use bolt://HOST:PORT"
                    ) from None
                if attempt == ATTEMPTS:
                    raise BackendUnavailable(
                        f"the server at {self.safe_uri} closed the session"
                    ) from None
            except (ServiceUnavailable, OSError, TimeoutError) as exc:
                if attempt == ATTEMPTS:
                    hint = (
                        "; a neo4j:// URI needs a routing cluster: for a single server or "
                        "FalkorDB use bolt://HOST:PORT"
                        if self.uri.lower().startswith("neo4j")
                        else ""
                    )
                    raise BackendUnavailable(
                        f"cannot reach a graph server at {self.safe_uri} "
                        f"({type(exc).__name__}){hint}"
                    ) from None
                log.debug("connection to %s failed once, retrying", self.safe_uri)
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
                    raise BackendUnavailable(
                        f"the server at {self.safe_uri} failed ({type(exc).__name__})"
                    ) from None
        raise AssertionError("unreachable")

    def close(self) -> None:
        driver = _DRIVERS.pop(_key(self.uri, self.user, self.password), None)
        if driver is not None:
            driver.close()


def connect(
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    *,
    database: str | None = None,
    timeout: float = 5.0,
) -> Connection:
    """A connection from arguments or ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``."""
    resolved_uri = check_uri(uri or os.environ.get("NEO4J_URI") or "bolt://localhost:7687")
    resolved_user = user or os.environ.get("NEO4J_USER") or "neo4j"
    secret = password if password is not None else os.environ.get("NEO4J_PASSWORD", "")
    return Connection(resolved_uri, resolved_user, secret, database, timeout)
