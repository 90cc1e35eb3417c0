"""Writing output without ever losing what the user kept: one implementation for every
command that writes.

Rules (docs/outputs.md):

* A file is written beside its target under a temporary name and renamed over it only
  once complete (``os.replace``): a reader sees the old file or the new one, never half.
* Temporary names start with ``.coordgraph-tmp-<pid>-``; the process removes its own
  temporaries when it fails or is stopped (:func:`remove_temporaries`, called by the
  command line on SIGTERM and Ctrl-C), and any later write into the same folder sweeps
  those left by a process that no longer runs (killed with SIGKILL, power cut).
  Nothing else is ever swept.
* New files follow the umask (``0o666 & ~umask``); a replaced file keeps its mode.
* An output *folder* (:class:`OutputFolder`) records what it wrote in
  ``.coordgraph-manifest.json`` (name and SHA-256 of each file). A folder that exists,
  is not empty and has no manifest was not made by coordgraph: it is refused unless
  ``overwrite``; even then only files coordgraph wrote, and that still hold what it
  wrote, are replaced or removed. A file of the same name that coordgraph did not write
  (or that someone edited since) is never touched: the write is refused.
* Nothing is written over an input of the command, nor inside an input folder
  (:func:`check_target`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from coordgraph.errors import OutputError

__all__ = [
    "MANIFEST",
    "TMP_PREFIX",
    "OutputFolder",
    "atomic_write",
    "atomic_write_bytes",
    "atomic_write_text",
    "check_target",
    "remove_temporaries",
    "sweep_stale",
]

MANIFEST = ".coordgraph-manifest.json"
TMP_PREFIX = ".coordgraph-tmp-"
_TMP_RE = re.compile(r"^\.coordgraph-tmp-(\d+)-[0-9a-f]{8}-")
#: temporaries of a live process older than this are from a reused pid: swept too
STALE_AFTER_SECONDS = 24 * 3600

_LIVE: set[Path] = set()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _tmp_path(folder: Path, name: str) -> Path:
    return folder / f"{TMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-{name[:80]}"


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def remove_temporaries() -> None:
    """Remove every temporary file or folder this process has open (on SIGTERM/Ctrl-C)."""
    for path in list(_LIVE):
        _remove(path)
        _LIVE.discard(path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale(folder: Path) -> list[Path]:
    """Remove coordgraph temporaries in ``folder`` left by processes that are gone.

    Only names made by :func:`_tmp_path` are considered; returns what was removed.
    """
    removed: list[Path] = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = _TMP_RE.match(entry.name)
        if not match or entry in _LIVE:
            continue
        pid = int(match.group(1))
        try:
            age = now - entry.lstat().st_mtime
        except OSError:
            continue
        if pid != os.getpid() and (not _alive(pid) or age > STALE_AFTER_SECONDS):
            _remove(entry)
            removed.append(entry)
    return removed


def _cannot(path: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    return OutputError(f"cannot write {path}: {reason}")


def check_target(path: Path, *, inputs: Iterable[Path] = (), folder: bool = False) -> None:
    """Refuse an output path that is, or lies inside, an input of the command, or that
    is a folder where a file is expected (or the other way round)."""
    path = Path(path)
    try:
        _check_target(path, inputs, folder)
    except OSError as exc:  # a name too long, a loop of links...
        raise _cannot(path, exc) from None


def _check_target(path: Path, inputs: Iterable[Path], folder: bool) -> None:
    resolved = path.resolve()
    for item in inputs:
        source = Path(item).resolve()
        if resolved == source:
            raise OutputError(
                f"{path} is an input of this command; it is never written over "
                "(choose another output path)"
            )
        if source.is_dir() and resolved.is_relative_to(source):
            raise OutputError(
                f"{path} is inside the input folder {item}; outputs are never written "
                "into an input folder (choose another output path)"
            )
        if folder and source.is_relative_to(resolved) and resolved.is_dir():
            raise OutputError(
                f"{path} holds the input {item}; outputs are never written into a "
                "folder holding an input (choose another output folder)"
            )
    if folder and path.exists() and not path.is_dir():
        raise OutputError(f"{path} is a file; give a folder name for this output")
    if not folder and path.is_dir():
        raise OutputError(f"{path} is a folder; give a file name for this output")


def _prepare_parent(path: Path) -> None:
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"cannot write {path}: {parent} is not a folder") from None
    except OSError as exc:
        raise _cannot(path, exc) from None
    if not parent.is_dir():
        raise OutputError(f"cannot write {path}: {parent} is not a folder")


def _open_new(path: Path, binary: bool, **kwargs: Any) -> IO[Any]:
    """Create ``path`` (which must not exist) with the umask's permissions."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    return os.fdopen(fd, "wb" if binary else "w", **kwargs)


@contextlib.contextmanager
def atomic_write(
    path: Path, mode: str = "w", *, inputs: Iterable[Path] = (), **kwargs: Any
) -> Iterator[IO[Any]]:
    """Open a temporary file next to ``path``; on success rename it over ``path``.

    ``mode`` is ``"w"`` (text; pass ``encoding``/``newline``) or ``"wb"``. Raises
    :class:`~coordgraph.errors.OutputError` when ``path`` cannot be written, is a folder,
    or is one of ``inputs``.
    """
    path = Path(path)
    check_target(path, inputs=inputs)
    if path.exists():
        real = path.resolve()
        if not real.is_file():
            # a device, pipe or socket (-o /dev/stdout): write through, never replace it
            try:
                handle = real.open(mode, **kwargs)
            except OSError as exc:
                raise _cannot(path, exc) from None
            with handle:
                yield handle
            return
        path = real  # through a symbolic link: replace the file, keep the link
    _prepare_parent(path)
    sweep_stale(path.parent)
    tmp = _tmp_path(path.parent, path.name)
    _LIVE.add(tmp)
    try:
        try:
            handle = _open_new(tmp, "b" in mode, **kwargs)
        except OSError as exc:
            raise _cannot(path, exc) from None
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            if path.is_file():
                tmp.chmod(path.stat().st_mode & 0o7777)
        try:
            tmp.replace(path)
        except OSError as exc:
            raise _cannot(path, exc) from None
    except BaseException:
        _remove(tmp)
        raise
    finally:
        _LIVE.discard(tmp)


def atomic_write_text(
    path: Path, text: str, *, inputs: Iterable[Path] = (), bom: bool = False
) -> None:
    """Write ``text`` as UTF-8 (with a byte-order mark if ``bom``), atomically."""
    with atomic_write(
        path, "w", inputs=inputs, encoding="utf-8-sig" if bom else "utf-8", newline=""
    ) as handle:
        handle.write(text)


def atomic_write_bytes(path: Path, data: bytes, *, inputs: Iterable[Path] = ()) -> None:
    with atomic_write(path, "wb", inputs=inputs) as handle:
        handle.write(data)


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _read_manifest(folder: Path) -> dict[str, list[str]] | None:
    """The files coordgraph wrote in ``folder`` (name -> accepted digests), or None."""
    try:
        doc = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = doc.get("files") if isinstance(doc, dict) else None
    if doc.get("tool") != "coordgraph" or not isinstance(files, dict):
        return None
    out: dict[str, list[str]] = {}
    for name, digests in files.items():
        if isinstance(name, str) and isinstance(digests, list):
            out[name] = [d for d in digests if isinstance(d, str)]
    return out


class OutputFolder:
    """A folder of output files written safely; use as a context manager.

    >>> import tempfile
    >>> with OutputFolder(Path(tempfile.mkdtemp()) / "out", command="example") as out:
    ...     out.write_text("a.txt", "hello\\n")
    >>> sorted(p.name for p in out.path.iterdir())
    ['.coordgraph-manifest.json', 'a.txt']

    A new folder is built under a temporary name and renamed into place when complete.
    Into an existing folder each file is written to a temporary and renamed over its
    target once every file is complete; files of an earlier run that this run no longer
    writes are removed (only if still unchanged). See the module docstring for what is
    refused.
    """

    def __init__(
        self,
        path: Path,
        *,
        overwrite: bool = False,
        command: str = "coordgraph",
        inputs: Iterable[Path] = (),
    ) -> None:
        self.path = Path(path)
        self.overwrite = overwrite
        self.command = command
        self._inputs = tuple(inputs)
        self._staging: Path | None = None
        self._temps: dict[str, Path] = {}
        self._owned: dict[str, list[str]] = {}

    # -- entering: decide whether the folder may be written ---------------------------
    def __enter__(self) -> OutputFolder:
        path = self.path
        check_target(path, inputs=self._inputs, folder=True)
        if path.is_dir():
            try:
                entries = [p.name for p in path.iterdir() if not _TMP_RE.match(p.name)]
            except OSError as exc:
                raise _cannot(path, exc) from None
            manifest = _read_manifest(path)
            if entries and manifest is None and not self.overwrite:
                raise OutputError(
                    f"{path} is a folder that coordgraph did not create and it is not empty; "
                    "choose a new or empty folder, or add --overwrite to write beside its "
                    "files (only files coordgraph wrote are ever replaced)"
                )
            self._owned = manifest or {}
            if not os.access(path, os.W_OK):
                raise OutputError(f"cannot write {path}: permission denied")
            sweep_stale(path)
        else:
            _prepare_parent(path)
            sweep_stale(path.parent)
            staging = _tmp_path(path.parent, path.name)
            _LIVE.add(staging)
            try:
                staging.mkdir(mode=0o777)
            except OSError as exc:
                _LIVE.discard(staging)
                raise _cannot(path, exc) from None
            self._staging = staging
        return self

    def _is_ours(self, name: str) -> bool:
        target = self.path / name
        if not target.exists():
            return True
        if not target.is_file() or name not in self._owned:
            return False
        return _digest(target) in self._owned[name]

    @contextlib.contextmanager
    def open(self, name: str, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
        """Open ``name`` in the folder for writing (``"w"`` text or ``"wb"``)."""
        if "/" in name or "\\" in name or name in ("", ".", "..", MANIFEST) or name in self._temps:
            raise ValueError(f"not a plain output file name: {name!r}")
        if self._staging is not None:
            tmp = self._staging / name
        else:
            if not self._is_ours(name):
                raise OutputError(
                    f"{self.path / name} exists and was not written by coordgraph (or was "
                    "changed since); it is never replaced: move it away or choose another "
                    "folder"
                )
            tmp = _tmp_path(self.path, name)
            _LIVE.add(tmp)
        self._temps[name] = tmp
        try:
            handle = _open_new(tmp, "b" in mode, **kwargs)
        except OSError as exc:
            raise _cannot(self.path / name, exc) from None
        with handle:
            yield handle

    def write_text(self, name: str, text: str, *, bom: bool = False) -> None:
        with self.open(name, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            fh.write(text)

    def write_bytes(self, name: str, data: bytes) -> None:
        with self.open(name, "wb") as handle:
            handle.write(data)

    # -- leaving: commit or clean up ---------------------------------------------------
    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if exc_type is None:
                self._commit()
        finally:
            for tmp in self._temps.values():
                if self._staging is None:
                    _remove(tmp)
                    _LIVE.discard(tmp)
            if self._staging is not None:
                _remove(self._staging)
                _LIVE.discard(self._staging)

    def _manifest_text(self, files: dict[str, list[str]]) -> str:
        from coordgraph import __version__

        doc = {
            "tool": "coordgraph",
            "version": __version__,
            "command": self.command,
            "note": "files coordgraph wrote here; only these are ever replaced or removed",
            "files": {k: files[k] for k in sorted(files)},
        }
        return json.dumps(doc, indent=2) + "\n"

    def _write_manifest(self, folder: Path, files: dict[str, list[str]]) -> None:
        tmp = _tmp_path(folder, MANIFEST)
        _LIVE.add(tmp)
        try:
            with _open_new(tmp, False, encoding="utf-8", newline="") as handle:
                handle.write(self._manifest_text(files))
            tmp.replace(folder / MANIFEST)
        finally:
            _remove(tmp)
            _LIVE.discard(tmp)

    def _commit(self) -> None:
        new = {name: [_digest(tmp)] for name, tmp in self._temps.items()}
        try:
            if self._staging is not None:
                self._write_manifest(self._staging, new)
                if self.path.exists():
                    raise OutputError(f"{self.path} appeared while it was being written")
                self._staging.rename(self.path)
                self._staging = None
                return
            # while files are swapped both the old and the new content count as ours
            during = {k: list(v) for k, v in self._owned.items()}
            for name, digests in new.items():
                during[name] = during.get(name, []) + digests
            self._write_manifest(self.path, during)
            for name, tmp in self._temps.items():
                with contextlib.suppress(OSError):
                    target = self.path / name
                    if target.is_file():
                        tmp.chmod(target.stat().st_mode & 0o7777)
                tmp.replace(self.path / name)
            for name in set(self._owned) - set(new):
                if self._is_ours(name):
                    with contextlib.suppress(FileNotFoundError):
                        (self.path / name).unlink()
                else:
                    new[name] = []  # not ours any more: forget it, never delete it
            self._write_manifest(self.path, {k: v for k, v in new.items() if v})
        except OSError as exc:
            raise _cannot(self.path, exc) from None
