"""Logging to a rotating file in the data folder (size-capped) and to the console.

The log holds events in plain words for staff: what started, what failed and what to do,
the staff screen being used, content loaded. Never what a person said or showed, and no
per-visitor trail: what visitors open and read is only counted, per day (kiosk/usage.py).

The log folder is readable by its owner only (0700) and so are the files (0600): even
events are nobody else's business on a shared computer. A full disk costs one line on
the console, not a traceback for every log line.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import sys
from pathlib import Path
from typing import Any

from kiosk.settings import data_dir

LOG_BYTES = 1_000_000
LOG_BACKUPS = 4
FILE_MODE = 0o600
FOLDER_MODE = 0o700
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"  # to the second: events need no finer times


def log_dir() -> Path:
    return data_dir() / "logs"


def _private(path: Path, mode: int) -> None:
    try:
        os.chmod(path, mode)
    except OSError:
        pass  # not ours to change (another user's file, or a filesystem without modes)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are created 0600, and which survives a full disk quietly."""

    def __init__(self, path: Path, **kwargs: Any) -> None:
        self.failing = False  # the last write failed; said once on the console
        self.failures = 0
        super().__init__(path, **kwargs)

    def _open(self) -> io.TextIOWrapper:
        # Create with owner-only permissions (no window where the file is 0644), and tighten
        # a file an older version left readable to others.
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)
        stream = os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)
        assert isinstance(stream, io.TextIOWrapper)
        return stream

    def emit(self, record: logging.LogRecord) -> None:
        failures = self.failures
        super().emit(record)
        if self.failing and self.failures == failures:
            self.failing = False
            sys.stderr.write(f"the log file {self.baseFilename} can be written again\n")

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            super().handleError(record)
            return
        self.failures += 1
        if not self.failing:
            self.failing = True
            sys.stderr.write(
                f"the log file {self.baseFilename} cannot be written ({error.strerror or error}); "
                "log lines go to the console only until it can\n"
            )
        # The failed write may have left a half line in the buffer: drop it with the stream.
        stream, self.stream = self.stream, None
        try:
            if stream is not None:
                stream.close()
        except OSError:
            pass


def file_handler(path: Path) -> logging.Handler:
    """A log file that rotates at LOG_BYTES and keeps LOG_BACKUPS old files: at most ~5 MB."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    _private(path.parent, FOLDER_MODE)
    for old in path.parent.glob(path.name + "*"):
        _private(old, FILE_MODE)  # files an older version left 0644
    return PrivateRotatingFileHandler(
        path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )


def setup_logging(level: int = logging.INFO, to_file: bool = True) -> Path | None:
    root = logging.getLogger()
    if getattr(root, "_kiosk_configured", False):
        return None
    root.setLevel(level)
    formatter = logging.Formatter(LOG_FORMAT, DATE_FORMAT)
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(formatter)
    root.addHandler(console)
    path = None
    if to_file:
        try:
            path = log_dir() / "kiosk.log"
            handler = file_handler(path)
            handler.setFormatter(formatter)
            root.addHandler(handler)
        except OSError as error:
            root.warning("cannot write the log file (%s); logging to the console only", error)
            path = None
    root._kiosk_configured = True  # type: ignore[attr-defined]
    return path
