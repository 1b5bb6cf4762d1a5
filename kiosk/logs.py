"""Logging to a rotating file in the data folder (size-capped) and to the console.

The log holds events and actions in plain words for staff; never what a person said,
never images.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from kiosk.settings import data_dir

LOG_BYTES = 1_000_000
LOG_BACKUPS = 4


def log_dir() -> Path:
    return data_dir() / "logs"


def file_handler(path: Path) -> logging.Handler:
    """A log file that rotates at LOG_BYTES and keeps LOG_BACKUPS old files: at most ~5 MB."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return logging.handlers.RotatingFileHandler(
        path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )


def setup_logging(level: int = logging.INFO, to_file: bool = True) -> Path | None:
    root = logging.getLogger()
    if getattr(root, "_kiosk_configured", False):
        return None
    root.setLevel(level)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
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
