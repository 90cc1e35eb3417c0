"""What this process must remove if it stops early: the temporary files and folders it
has open, and the output folders it made and has not filled yet.

:mod:`coordgraph.io.atomic` registers them here; the command line removes them on
SIGTERM, Ctrl-C or an error (:func:`remove_temporaries`). This module uses the standard
library only and the command line imports it before it installs its SIGTERM handler, so
the handler never imports anything: a signal that arrives while a module is half
imported can then never meet that half-made module.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

__all__ = ["CREATED", "LIVE", "remove", "remove_temporaries"]

#: temporary files and folders this process has open
LIVE: set[Path] = set()
#: output folders this process made and has not filled yet: removed if still empty
CREATED: set[Path] = set()


def remove(path: Path) -> None:
    """Remove a temporary of this process, as far as the system lets it (a read-only or
    vanished folder leaves nothing to remove): cleaning up never hides the real error."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def remove_temporaries() -> None:
    """Remove every temporary file or folder this process has open (on SIGTERM/Ctrl-C),
    and the output folders it made that are still empty."""
    for path in list(LIVE):
        remove(path)
        LIVE.discard(path)
    for path in list(CREATED):
        with contextlib.suppress(OSError):
            path.rmdir()  # only while it is still empty
        CREATED.discard(path)
