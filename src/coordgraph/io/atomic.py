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
* The manifest is input like any other: before anything is touched it is checked
  (:func:`read_manifest`). Every name it lists must be a plain file name coordgraph
  writes (:func:`check_output_name`: one component, no ``..``, no absolute path, an
  output suffix); an entry that is a symbolic link, or not a file, is never ours. A
  manifest that breaks these rules is refused (:class:`OutputError`, nothing changed).
* One writer per output folder at a time: :class:`OutputFolder` holds an exclusive
  lock (``flock``) on the folder while it decides and writes; a second writer waits up
  to ``wait`` seconds (``COORDGRAPH_LOCK_WAIT``, default 60), then stops with one line.
* Nothing is written over an input of the command, nor inside an input folder
  (:func:`check_target`).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from coordgraph import temporaries
from coordgraph.errors import DiskFull, OutputError

__all__ = [
    "MANIFEST",
    "TMP_PREFIX",
    "OutputFolder",
    "atomic_write",
    "atomic_write_bytes",
    "atomic_write_text",
    "cannot_write",
    "check_output_name",
    "check_target",
    "read_manifest",
    "remove_temporaries",
    "sweep_stale",
]

MANIFEST = ".coordgraph-manifest.json"
TMP_PREFIX = ".coordgraph-tmp-"
_TMP_RE = re.compile(r"^\.coordgraph-tmp-(\d+)-[0-9a-f]{8}-")
#: a file name an output folder may hold: one component, starting with a letter or digit
#: (so never ``.``, ``..``, a hidden name, a temporary or the manifest), with a suffix
#: coordgraph writes into folders
_OUTPUT_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.(csv|json|md|html|png)$")
#: a manifest larger than this was not written by coordgraph
_MANIFEST_MAX_BYTES = 16 << 20
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
#: seconds a writer waits for another writer of the same folder (COORDGRAPH_LOCK_WAIT)
LOCK_WAIT_SECONDS = 60.0
#: temporaries of a live process older than this are from a reused pid: swept too
STALE_AFTER_SECONDS = 24 * 3600

#: what this process must remove if it stops early (kept outside this package so the
#: command line's SIGTERM handler reaches it without importing)
_LIVE = temporaries.LIVE
_CREATED = temporaries.CREATED


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _tmp_path(folder: Path, name: str) -> Path:
    return folder / f"{TMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-{name[:80]}"


_remove = temporaries.remove
remove_temporaries = temporaries.remove_temporaries


def _remove_if_empty(folder: Path) -> None:
    """Remove a folder this process made, only while it is still empty."""
    with contextlib.suppress(OSError):
        folder.rmdir()


def _wait_for_lock(fd: int, path: Path, deadline: float, wait: float) -> None:
    """Take the exclusive lock on the open folder ``fd``, polling until ``deadline``."""
    pause = 0.02
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        except OSError as exc:
            if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
                return  # a file system without locks: write as before
            raise
        if time.monotonic() >= deadline:
            raise OutputError(
                f"{path} is being written by another coordgraph command; waited "
                f"{wait:g} s for it (COORDGRAPH_LOCK_WAIT): run again when it has "
                "finished, or choose another output folder"
            )
        time.sleep(pause)
        pause = min(pause * 2, 0.25)


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


#: errors that mean the device or the user's quota is full
_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} bytes"  # pragma: no cover


def _free(path: Path) -> int | None:
    """Free space on the device that holds ``path`` (or its nearest existing parent)."""
    for place in (path, *path.parents):
        with contextlib.suppress(OSError):
            if place.exists():
                return shutil.disk_usage(place).free
    return None


def cannot_write(
    path: Path, exc: OSError, *, needed: int | None = None, written: int | None = None
) -> OutputError:
    """The one-line error for an OS error while writing ``path``: a full device or quota
    is :class:`~coordgraph.errors.DiskFull` (exit 5) with the free space and, when known,
    the space the output needs (``needed``) or how much was written before the device
    filled (``written``); anything else (permission denied, read-only file system, name
    too long...) is :class:`~coordgraph.errors.OutputError` (exit 2)."""
    reason = exc.strerror or str(exc)
    if exc.errno in _FULL:
        free = _free(Path(path).parent)
        if free is not None and written:
            free += written  # what is free once the partial output is removed
        space = f"{_size(free)} free there" if free is not None else "free space unknown"
        if needed:
            space += f"; this output needs {_size(needed)}"
        elif written:
            space += f"; this output needs more than the {_size(written)} written when it filled"
        return DiskFull(
            f"cannot write {path}: {reason} ({space}); nothing was written: free some "
            "space or write elsewhere"
        )
    return OutputError(f"cannot write {path}: {reason}")


def _cannot(path: Path, exc: OSError) -> OutputError:
    return cannot_write(path, exc)


def _written(path: Path) -> int | None:
    """How much a temporary holds (for 'needs more than'), if it can be told."""
    try:
        return path.stat().st_size or None
    except OSError:
        return None


def _is_write_error(exc: OSError, tmp: Path) -> bool:
    """An error from writing to ``tmp`` (a handle's write, flush or close names no
    file), not one from something the writing code opened meanwhile."""
    return exc.filename is None or exc.filename == str(tmp)


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
        try:
            with handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            if not _is_write_error(exc, tmp):
                raise
            raise cannot_write(path, exc, written=_written(tmp)) from None
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
    try:
        with atomic_write(
            path, "w", inputs=inputs, encoding="utf-8-sig" if bom else "utf-8", newline=""
        ) as handle:
            handle.write(text)
    except DiskFull:
        full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        raise cannot_write(path, full, needed=len(text.encode("utf-8"))) from None


def atomic_write_bytes(path: Path, data: bytes, *, inputs: Iterable[Path] = ()) -> None:
    """Write ``data`` atomically."""
    try:
        with atomic_write(path, "wb", inputs=inputs) as handle:
            handle.write(data)
    except DiskFull:
        full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        raise cannot_write(path, full, needed=len(data)) from None


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with _open_nofollow(path) as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_output_name(name: str) -> bool:
    """Whether ``name`` is a file name coordgraph writes into an output folder: one
    plain component (no ``/``, ``\\``, ``..``, absolute path or hidden name) with an
    output suffix. The one rule for what :class:`OutputFolder` writes and for what a
    manifest may list."""
    return isinstance(name, str) and _OUTPUT_NAME_RE.fullmatch(name) is not None


def read_manifest(folder: Path) -> dict[str, list[str]] | None:
    """The files coordgraph wrote in ``folder`` (name -> accepted SHA-256 digests), or
    None when there is no manifest.

    A manifest is input: one that is a symbolic link or not a regular file, is not the
    JSON coordgraph writes, or lists anything but plain output file names with SHA-256
    digests raises :class:`~coordgraph.errors.OutputError` (before anything is touched).
    """
    path = Path(folder) / MANIFEST
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _cannot(path, exc) from None

    def refuse(why: str) -> OutputError:
        return OutputError(
            f"{path} is not a manifest coordgraph wrote ({why}); nothing was changed: "
            "remove it if this is your folder, or choose another output folder"
        )

    if not stat.S_ISREG(info.st_mode):
        raise refuse("a symbolic link or not a regular file")
    if info.st_size > _MANIFEST_MAX_BYTES:
        raise refuse(f"larger than {_MANIFEST_MAX_BYTES >> 20} MB")
    try:
        with _open_nofollow(path) as handle:
            doc = json.loads(handle.read(_MANIFEST_MAX_BYTES + 1).decode("utf-8"))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise refuse("a symbolic link") from None
        raise _cannot(path, exc) from None
    except ValueError:
        raise refuse("not JSON in UTF-8") from None
    if not isinstance(doc, dict) or doc.get("tool") != "coordgraph":
        raise refuse('no "tool": "coordgraph"')
    files = doc.get("files")
    if not isinstance(files, dict):
        raise refuse('no "files" mapping')
    out: dict[str, list[str]] = {}
    for name, digests in files.items():
        if not check_output_name(name):
            shown = json.dumps(name, ensure_ascii=True)[:120]
            raise refuse(
                f"it lists {shown}, which is not a plain file name coordgraph writes in its folder"
            )
        if not isinstance(digests, list) or not all(
            isinstance(d, str) and _SHA256_RE.fullmatch(d) for d in digests
        ):
            raise refuse(f"the digests of {name} are not SHA-256 hex strings")
        out[name] = list(digests)
    return out


def _open_nofollow(path: Path) -> IO[bytes]:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    return os.fdopen(fd, "rb")


def _lock_wait() -> float:
    text = os.environ.get("COORDGRAPH_LOCK_WAIT", "")
    try:
        value = float(text) if text.strip() else LOCK_WAIT_SECONDS
    except ValueError:
        raise OutputError(f"COORDGRAPH_LOCK_WAIT={text!r} is not a number of seconds") from None
    return max(value, 0.0)


class OutputFolder:
    """A folder of output files written safely; use as a context manager.

    >>> import tempfile
    >>> with OutputFolder(Path(tempfile.mkdtemp()) / "out", command="example") as out:
    ...     out.write_text("a.md", "hello\\n")
    >>> sorted(p.name for p in out.path.iterdir())
    ['.coordgraph-manifest.json', 'a.md']

    A new folder is built under a temporary name and renamed into place when complete.
    Into an existing folder each file is written to a temporary and renamed over its
    target once every file is complete; files of an earlier run that this run no longer
    writes are removed (only if still unchanged). While it is open the folder is locked:
    another ``OutputFolder`` of the same folder waits up to ``wait`` seconds
    (``COORDGRAPH_LOCK_WAIT``, default 60), then raises
    :class:`~coordgraph.errors.OutputError`. See the module docstring for what is
    refused.
    """

    def __init__(
        self,
        path: Path,
        *,
        overwrite: bool = False,
        command: str = "coordgraph",
        inputs: Iterable[Path] = (),
        wait: float | None = None,
    ) -> None:
        self.path = Path(path)
        self.overwrite = overwrite
        self.command = command
        self._inputs = tuple(inputs)
        self._wait = wait
        self._staging: Path | None = None
        self._temps: dict[str, Path] = {}
        self._owned: dict[str, list[str]] = {}
        self._lock_fd: int | None = None
        self._created = False

    # -- entering: lock the folder, then decide whether it may be written -------------
    def __enter__(self) -> OutputFolder:
        check_target(self.path, inputs=self._inputs, folder=True)
        _prepare_parent(self.path)
        self._lock()
        try:
            self._decide()
        except BaseException:
            self._unlock(failed=True)
            raise
        return self

    def _lock(self) -> None:
        """Make the folder if it is missing and hold an exclusive lock on it.

        The lock is taken on the folder itself; a writer that waited finds, once it holds
        the lock, whether the folder it locked is still the one at the path (a new folder
        is renamed over the empty one when complete) and starts again if not.
        """
        wait = _lock_wait() if self._wait is None else max(self._wait, 0.0)
        deadline = time.monotonic() + wait
        while True:
            created = False
            try:
                self.path.mkdir(mode=0o777)
                created = True
                _CREATED.add(self.path)
            except FileExistsError:
                if self.path.is_symlink() and not self.path.exists():
                    raise OutputError(
                        f"{self.path} is a symbolic link to {self.path.readlink()}, which "
                        "does not exist; make that folder first or choose another"
                    ) from None
            except OSError as exc:
                raise _cannot(self.path, exc) from None
            try:
                fd = os.open(self.path, os.O_RDONLY | os.O_DIRECTORY)
            except FileNotFoundError:
                if time.monotonic() >= deadline:
                    raise _cannot(self.path, FileNotFoundError(0, "removed meanwhile")) from None
                continue
            except OSError as exc:
                raise _cannot(self.path, exc) from None
            try:
                _wait_for_lock(fd, self.path, deadline, wait)
                same = os.path.samestat(os.fstat(fd), self.path.stat())
            except FileNotFoundError:
                same = False
            except BaseException:
                os.close(fd)
                if created:
                    _remove_if_empty(self.path)
                raise
            if same:
                self._lock_fd = fd
                self._created = created
                return
            os.close(fd)

    def _unlock(self, *, failed: bool) -> None:
        if failed and self._created:
            _remove_if_empty(self.path)
        _CREATED.discard(self.path)
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # releases the lock
            self._lock_fd = None

    def _decide(self) -> None:
        path = self.path
        try:
            entries = [p.name for p in path.iterdir() if not _TMP_RE.match(p.name)]
        except OSError as exc:
            raise _cannot(path, exc) from None
        if self._created and not entries:
            sweep_stale(path.parent)
            staging = _tmp_path(path.parent, path.name)
            _LIVE.add(staging)
            try:
                staging.mkdir(mode=0o777)
            except OSError as exc:
                _LIVE.discard(staging)
                raise _cannot(path, exc) from None
            self._staging = staging
            return
        manifest = read_manifest(path)
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

    def _is_ours(self, name: str) -> bool:
        """Whether ``name`` may be written or removed: absent, or a regular file (never a
        link) listed in the manifest that still holds what coordgraph wrote."""
        target = self.path / name
        try:
            info = target.lstat()
        except FileNotFoundError:
            return True
        if not stat.S_ISREG(info.st_mode) or name not in self._owned:
            return False
        try:
            return _digest(target) in self._owned[name]
        except OSError:
            return False

    @contextlib.contextmanager
    def open(self, name: str, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
        """Open ``name`` in the folder for writing (``"w"`` text or ``"wb"``)."""
        if not check_output_name(name) or name in self._temps:
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
        try:
            with handle:
                yield handle
        except OSError as exc:
            if not _is_write_error(exc, tmp):
                raise
            written = sum(_written(t) or 0 for t in self._temps.values())
            raise cannot_write(self.path / name, exc, written=written) from None

    def write_text(self, name: str, text: str, *, bom: bool = False) -> None:
        with self.open(name, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            fh.write(text)

    def write_bytes(self, name: str, data: bytes) -> None:
        with self.open(name, "wb") as handle:
            handle.write(data)

    # -- leaving: commit or clean up ---------------------------------------------------
    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        failed = True
        try:
            if exc_type is None:
                self._commit()
                failed = False
        finally:
            for tmp in self._temps.values():
                if self._staging is None:
                    _remove(tmp)
                    _LIVE.discard(tmp)
            if self._staging is not None:
                _remove(self._staging)
                _LIVE.discard(self._staging)
            self._unlock(failed=failed)

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
                try:
                    # over the empty folder this writer made and holds locked
                    self._staging.rename(self.path)
                except OSError as exc:
                    if exc.errno in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR):
                        raise OutputError(
                            f"{self.path} was filled by another program while it was "
                            "being written; nothing of this run was put in it"
                        ) from None
                    raise
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
