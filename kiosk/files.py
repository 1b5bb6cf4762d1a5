"""Files the kiosk keeps: written whole or not at all, readable by their owner only."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_open_for_writing = os.fdopen  # tests put a full disk here


def write_atomically(path: Path, text: str, mode: int = 0o600) -> None:
    """Write a whole file or nothing: a temporary file beside it (0600, as mkstemp makes it,
    unless `mode` says otherwise), synced, then renamed over it.

    A full disk or a power cut leaves the old file as it was, and the temporary file is
    removed when the write fails (one was left behind for every failed save before).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if mode != 0o600:
            os.chmod(temp, mode)
        with _open_for_writing(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
