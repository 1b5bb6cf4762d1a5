"""Writes the kiosk's health file every 30 s into the `health_dir` of the settings (off
when it is empty), for node_exporter's textfile collector (deploy/README in README.md).

The file is written whole (kiosk/files.py: a temporary file, then a rename), so the
collector never reads half of it. At a clean exit it is written once more with
kiosk_up 0. A folder that cannot be written is logged once, and the kiosk goes on.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.files import write_atomically
from kiosk.health import HEALTH_FILE, DeviceHealth, HealthSnapshot, prometheus_text
from kiosk.settings import Settings
from kiosk.timings import HEALTH_INTERVAL_S

log = logging.getLogger("kiosk.health")
HEALTH_FILE_MODE = 0o644  # node_exporter runs as its own user: it must be able to read it


class LastError(logging.Handler):
    """The time of the last error logged anywhere in the kiosk (its words stay in the log)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.time = 0.0

    def emit(self, record: logging.LogRecord) -> None:
        self.time = record.created


LAST_ERROR = LastError()
logging.getLogger().addHandler(LAST_ERROR)


class HealthWriter:
    def __init__(self, settings: Settings, wall_clock: Callable[[], float] = time.time) -> None:
        folder = settings.health_dir.strip()
        self.path: Path | None = Path(folder).expanduser() / HEALTH_FILE if folder else None
        self.wall_clock = wall_clock
        self.start_time = wall_clock()
        self.next_at = 0.0  # the first frame writes it: present within a second of start
        self.failing = False

    def tick(self, now: float, snapshot: Callable[[], HealthSnapshot]) -> None:
        """Main thread, every frame: write the file when it is due."""
        if self.path is None or now < self.next_at:
            return
        self.next_at = now + HEALTH_INTERVAL_S
        self.write(snapshot)

    def write(self, snapshot: Callable[[], HealthSnapshot]) -> None:
        """Write the file now (nothing when it is off); never raises."""
        if self.path is None:
            return
        try:
            text = prometheus_text(snapshot())
            write_atomically(self.path, text, mode=HEALTH_FILE_MODE)
        except Exception as error:  # noqa: BLE001 - health must never stop the kiosk
            if not self.failing:  # once, not every 30 s
                log.error("the health file %s could not be written (%s)", self.path, error)
            self.failing = True
            return
        if self.failing:
            log.info("the health file %s is written again", self.path)
        self.failing = False


def _voice_health(app: Any) -> tuple[DeviceHealth, DeviceHealth]:
    """The speech recognizer and the microphone, from the voice device's state and notice."""
    enabled = app.voice is not None
    if not enabled:
        return DeviceHealth(False, "off"), DeviceHealth(False, "off")
    from kiosk.voice.diagnostics import engine_in_use

    state = app.status.voice  # off | starting | listening | hearing | asleep | error
    notice = app.notices.get("voice", "") or ""
    engine_broken = state == "error" and "recognizer" in notice
    microphone_broken = state == "error" and "microphone" in notice
    engine = "not working" if engine_broken else "starting" if state == "starting" else "working"
    if microphone_broken:
        microphone = "not working"
    elif engine_broken or state in ("starting", "off"):
        microphone = "unknown" if engine_broken else state
    else:
        microphone = "working"
    detail = engine_in_use(app.settings)[:80]
    return DeviceHealth(True, engine, detail), DeviceHealth(True, microphone)


def _speech_health(app: Any) -> DeviceHealth:
    import pygame

    player = app.sound.player
    if player is None:
        return DeviceHealth(True, "not working")
    if pygame.mixer.get_init() is None:
        return DeviceHealth(True, "no sound output")
    return DeviceHealth(True, "working", str(getattr(player, "engine_description", ""))[:80])


def _camera_health(app: Any) -> DeviceHealth:
    if app.gaze is None:
        return DeviceHealth(False, "off")
    camera = app.status.gaze.camera  # off | on | error | paused
    return DeviceHealth(True, {"error": "not working", "off": "starting"}.get(camera, camera))


def _newest_sheet(app: Any) -> float:
    newest = 0.0
    for sheet in app.state.library.sheets:
        try:
            newest = max(newest, sheet.path.stat().st_mtime)
        except OSError:
            continue  # a sheet shown from memory whose file has gone
    return newest


def snapshot_of(app: Any, writer: HealthWriter, up: bool = True) -> HealthSnapshot:
    """The running kiosk's health now (`app` is kiosk.app.App)."""
    engine, microphone = _voice_health(app)
    usage: Counter[tuple[str, str]] = Counter()
    for (_, event, _, source), count in app.usage.counts.items():
        usage[(event, source)] += count  # per event and input: never what was opened or said
    library = app.state.library
    return HealthSnapshot(
        version=__version__,
        start_time=writer.start_time,
        now=writer.wall_clock(),
        up=up,
        devices={
            "speech": _speech_health(app),
            "voice_engine": engine,
            "microphone": microphone,
            "camera": _camera_health(app),
        },
        sheets=len(library.sheets),
        content_problems=len(library.errors),
        content_newest=_newest_sheet(app),
        saved_copy=app.content.note is not None,
        problems=len(app.state.errors),
        last_error_time=LAST_ERROR.time,
        frame_errors=app.errors_handled,
        usage=usage,
        undone=app.undone.rates(),
    )
