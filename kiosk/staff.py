"""Staff mode: the chord, the optional PIN, the staff screen's buttons, recent problems.

The PIN is never stored: the settings file holds its SHA-256 hash (`staff_pin_hash`),
made with `python -m kiosk pin-hash`. Without a PIN set, the chords alone open staff
mode; with one, both exit and the staff screen ask for it first.
"""

from __future__ import annotations

import collections
import hashlib
import hmac
import logging
import time
from typing import TYPE_CHECKING

import pygame

from kiosk import __version__, core
from kiosk.view.staff import STAFF_BUTTONS, StaffView, button_rects

if TYPE_CHECKING:
    from kiosk.app import App

log = logging.getLogger("kiosk.staff")


def hash_pin(pin: str) -> str:
    return hashlib.sha256(pin.strip().encode("utf-8")).hexdigest()


def pin_matches(pin: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_pin(pin), stored_hash.strip().lower())


class RecentProblems(logging.Handler):
    """Keeps the last warnings and errors for the staff screen (events only, by design)."""

    def __init__(self, size: int = 50) -> None:
        super().__init__(logging.WARNING)
        self.records: collections.deque[str] = collections.deque(maxlen=size)

    def emit(self, record: logging.LogRecord) -> None:
        stamp = time.strftime("%H:%M:%S", time.localtime(record.created))
        self.records.append(f"{stamp} {record.getMessage()}")


RECENT = RecentProblems()
logging.getLogger().addHandler(RECENT)


class StaffMode:
    """Open/closed state of staff mode and what its keys and buttons do."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.view: StaffView | None = None
        self.exit_after_pin = False

    @property
    def open(self) -> bool:
        return self.view is not None

    def chord(self, exit_requested: bool) -> None:
        """Ctrl+Shift+E (staff screen) or Ctrl+Shift+Q (exit)."""
        pin_hash = self.app.settings.staff_pin_hash
        if exit_requested and not pin_hash:
            log.info("staff exit chord pressed")
            self.app.running = False
            return
        if self.open and not exit_requested:
            self.close()
            return
        self.view = StaffView(pin_needed=bool(pin_hash))
        self.exit_after_pin = exit_requested
        log.info("staff screen opened")

    def close(self) -> None:
        self.view = None
        log.info("staff screen closed")

    def key(self, event: pygame.event.Event) -> None:
        view = self.view
        assert view is not None
        if event.key == pygame.K_ESCAPE:
            self.close()
        elif view.pin_needed:
            self._pin_key(event)
        elif pygame.K_1 <= event.key <= pygame.K_0 + len(STAFF_BUTTONS):
            self.press(STAFF_BUTTONS[event.key - pygame.K_1][0])

    def _pin_key(self, event: pygame.event.Event) -> None:
        view = self.view
        assert view is not None
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if pin_matches(view.pin_typed, self.app.settings.staff_pin_hash):
                view.pin_needed, view.pin_typed = False, ""
                log.info("staff PIN accepted")
                if self.exit_after_pin:
                    self.app.running = False
            else:
                view.pin_typed, view.pin_message = "", "That PIN is not right. Try again."
                log.warning("wrong staff PIN entered")
        elif event.key == pygame.K_BACKSPACE:
            view.pin_typed = view.pin_typed[:-1]
        elif event.unicode and event.unicode.isprintable() and len(view.pin_typed) < 32:
            view.pin_typed += event.unicode

    def click(self, pos: tuple[float, float]) -> None:
        if self.view is None or self.view.pin_needed:
            return
        for name, rect in button_rects(self.app.screen.get_size()).items():
            if rect.collidepoint(pos):
                self.press(name)

    def press(self, name: str) -> None:
        app = self.app
        log.info("staff button: %s", name)
        if name == "exit":
            app.running = False
        elif name == "close":
            self.close()
        elif name == "reload":
            app.reload_content(force=True)
            app.show_caption("Content reloaded")
        elif name == "test speech":
            if app.speech is not None:
                from kiosk.speech import SpeechItem

                app.speech.speak([SpeechItem(("staff",), "This is a test of the kiosk voice.")])
        elif name == "export usage":
            assert self.view is not None
            try:
                path = app.usage.export()
            except OSError as error:
                log.error("usage counts could not be exported: %s", error)
                self.view.message = f"Usage counts could not be saved: {error}"
            else:
                log.info("usage counts exported to %s", path)
                self.view.message = f"Usage counts saved as CSV: {path}"
        elif name == "recalibrate":
            self.close()
            app.post(core.Do(core.Command.CALIBRATE, core.Source.KEYBOARD))

    def refresh(self) -> None:
        """Fill in the status lines (called each frame while open)."""
        if self.view is None:
            return
        app = self.app
        status = app.status
        library = app.state.library
        sheets = ", ".join(f"{s.path.name} ({s.title})" for s in library.sheets) or "none"
        speech = (
            "not working"
            if app.speech is None
            else (
                f"ready, {app.state.rate_wpm} words a minute, volume {round(app.state.volume * 10)}"
                " of 10"
            )
        )
        self.view.lines = [
            f"Version {__version__}; window {app.screen.get_size()[0]}x"
            f"{app.screen.get_size()[1]}; running {int(time.monotonic() - app.started)} s; "
            f"{app.frames} frames drawn; {app.errors_handled} frame errors handled",
            "Actions since start: "
            + (
                ", ".join(
                    f"{source} {count}" for source, count in app.actions_by_input.most_common()
                )
                or "none"
            ),
            f"Content: {len(library.sheets)} sheet(s): {sheets}; "
            f"{len(app.state.errors)} problem(s)",
            f"Speech: {speech}",
            f"Voice control: {status.voice}",
            f"Camera and eye gaze: {status.camera}",
            f"Privacy mode: {'on' if app.state.privacy else 'off'}",
        ] + [f"Notice shown: {n}" for n in app.notices.values()]
        self.view.problems = list(app.state.errors) + list(RECENT.records)
