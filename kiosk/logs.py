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
            log_dir().mkdir(parents=True, exist_ok=True)
            path = log_dir() / "kiosk.log"
            handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
            handler.setFormatter(formatter)
            root.addHandler(handler)
        except OSError as error:
            root.warning("cannot write the log file (%s); logging to the console only", error)
            path = None
    root._kiosk_configured = True  # type: ignore[attr-defined]
    return path
