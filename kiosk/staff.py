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
from collections.abc import Callable

import pygame

from kiosk.core.messages import Message, StaffButton, StaffPressed
from kiosk.settings import Settings
from kiosk.view.staff import STAFF_BUTTONS, StaffView, button_rects

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
    """Open/closed state of staff mode and what its keys and buttons do.

    What a button does is not done here: it posts a typed `StaffPressed` message on the
    app's one queue (`post`), and the core and the shell carry it out."""

    def __init__(self, settings: Settings, post: Callable[[Message], None]) -> None:
        self.settings = settings
        self.post = post
        self.view: StaffView | None = None
        self.exit_after_pin = False

    @property
    def open(self) -> bool:
        return self.view is not None

    def chord(self, exit_requested: bool) -> None:
        """Ctrl+Shift+E (staff screen) or Ctrl+Shift+Q (exit)."""
        pin_hash = self.settings.staff_pin_hash
        if exit_requested and not pin_hash:
            log.info("staff exit chord pressed")
            self.post(StaffPressed(StaffButton.EXIT))
            return
        if self.open and not exit_requested:
            self.close()
            return
        self.view = StaffView(pin_needed=bool(pin_hash))
        self.exit_after_pin = exit_requested
        log.info("staff screen opened")

    def close(self) -> None:
        if self.view is not None:
            self.view = None
            log.info("staff screen closed")

    def show_message(self, text: str) -> None:
        if self.view is not None:
            self.view.message = text

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
            if pin_matches(view.pin_typed, self.settings.staff_pin_hash):
                view.pin_needed, view.pin_typed = False, ""
                log.info("staff PIN accepted")
                if self.exit_after_pin:
                    self.post(StaffPressed(StaffButton.EXIT))
            else:
                view.pin_typed, view.pin_message = "", "That PIN is not right. Try again."
                log.warning("wrong staff PIN entered")
        elif event.key == pygame.K_BACKSPACE:
            view.pin_typed = view.pin_typed[:-1]
        elif event.unicode and event.unicode.isprintable() and len(view.pin_typed) < 32:
            view.pin_typed += event.unicode

    def click(self, pos: tuple[float, float], size: tuple[int, int]) -> None:
        if self.view is None or self.view.pin_needed:
            return
        for name, rect in button_rects(size).items():
            if rect.collidepoint(pos):
                self.press(name)

    def press(self, name: str | StaffButton) -> None:
        button = StaffButton(name)
        log.info("staff button: %s", button.value)
        self.post(StaffPressed(button))
