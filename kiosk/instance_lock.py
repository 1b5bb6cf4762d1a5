"""One kiosk at a time: a lock file in the data folder, held while the kiosk runs.

Two kiosks (the service and a manual `make run`) fought for the screen: the active window
changed 21 times in 20 s and keys went to whichever was in front. The second one now says
"the kiosk is already running (pid N)" on stderr and in the log, and exits with
ALREADY_RUNNING_EXIT_CODE, leaving the first untouched.

The lock is an OS lock on an open file (flock on Linux and macOS, msvcrt on Windows): it
ends with the process however it ends, even by SIGKILL or a power cut, so a stale file
never keeps the next start out. The file holds the holder's pid, for the message.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import IO

from kiosk.settings import data_dir

log = logging.getLogger("kiosk.app")


def lock_path() -> Path:
    return data_dir() / "kiosk.lock"


class InstanceLock:
    """`acquire()` is True when this process now holds the lock; `holder` names the other."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or lock_path()
        self.handle: IO[str] | None = None
        self.holder: int | None = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="ascii")  # noqa: SIM115 (held while running)
        if not _try_lock(handle):
            handle.seek(0)
            text = handle.read().strip()
            handle.close()
            self.holder = int(text) if text.isdigit() else None
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self.handle = handle
        return True

    def release(self) -> None:
        if self.handle is not None:
            self.handle.close()  # closing the file ends the lock
            self.handle = None


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


_HELD: list[InstanceLock] = []  # kept for the life of the process


def hold_or_explain(path: Path | None = None) -> bool:
    """Take the lock for this process; if another kiosk has it, say so (stderr and log)
    and return False."""
    lock = InstanceLock(path)
    try:
        acquired = lock.acquire()
    except OSError as error:  # a data folder that cannot be written must not stop the kiosk
        log.warning("the one-kiosk lock %s could not be made (%s)", lock.path, error)
        return True
    if acquired:
        _HELD.append(lock)
        return True
    who = f"pid {lock.holder}" if lock.holder else "another process"
    message = f"the kiosk is already running ({who}); this second start stops here"
    log.error("%s", message)
    print(message, file=sys.stderr)
    return False
