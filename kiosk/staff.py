"""Staff mode: the chord, the optional PIN, the staff screen's buttons, recent problems.

The PIN is never stored: the settings file holds its salted scrypt hash
(`staff_pin_hash`, see kiosk/pin.py), made with `python -m kiosk pin-hash`. Without a PIN
set, the chords alone open staff mode; with one, both exit and the staff screen ask for it
first, and the screen's Exit button asks for it again. Wrong PINs meet growing delays and
a lockout (shown and spoken); the screen closes itself after STAFF_IDLE_S without a key.
"""

from __future__ import annotations

import collections
import logging
import time
from collections.abc import Callable

import pygame

from kiosk.core.messages import Message, StaffButton, StaffPressed
from kiosk.pin import PinLockout, hash_pin, pin_matches
from kiosk.settings import Settings
from kiosk.view.staff import STAFF_BUTTONS, StaffView, button_rects

log = logging.getLogger("kiosk.staff")


__all__ = ["RECENT", "STAFF_IDLE_S", "StaffMode", "hash_pin", "pin_matches"]

STAFF_IDLE_S = 60.0  # the staff screen closes after this long without a key or click
WRONG_PIN = "That PIN is not right. Try again."
PIN_AGAIN_TO_EXIT = "Type the staff PIN again to exit the kiosk, then press Enter."


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

    def __init__(
        self,
        settings: Settings,
        post: Callable[[Message], None],
        clock: Callable[[], float] = time.monotonic,
        say: Callable[[str], None] = lambda text: None,
    ) -> None:
        self.settings = settings
        self.post = post
        self.clock = clock
        self.say = say  # speaks a message (lockouts are spoken as well as shown)
        self.view: StaffView | None = None
        self.exit_after_pin = False
        self.lockout = PinLockout(clock)  # kept while the kiosk runs, open or closed
        self.last_activity = clock()

    @property
    def idle_limit_s(self) -> float:
        return min(STAFF_IDLE_S, self.settings.idle_timeout_s)

    def tick(self) -> None:
        """Each frame while open: close when left alone; keep a lockout's countdown current."""
        view = self.view
        if view is None:
            return
        if self.clock() - self.last_activity >= self.idle_limit_s:
            log.info("staff screen closed after %.0f s without use", self.idle_limit_s)
            self.view = None
            return
        if view.pin_needed and not self.lockout.may_try():
            view.pin_message = self.lockout.state().message()

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
        self.last_activity = self.clock()
        if pin_hash and not self.lockout.may_try():
            self._refuse(self.lockout.state().message())
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
        self.last_activity = self.clock()
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
            typed, view.pin_typed = view.pin_typed, ""
            if not self.lockout.may_try():  # refused unchecked while a delay runs
                self._refuse(self.lockout.state().message())
                return
            accepted, lockout = self.lockout.attempt(typed, self.settings.staff_pin_hash)
            if accepted:
                view.pin_needed, view.pin_message = False, ""
                log.info("staff PIN accepted")
                if self.exit_after_pin:
                    self.post(StaffPressed(StaffButton.EXIT))
                return
            log.warning("wrong staff PIN entered")
            if lockout.locked:
                log.warning(
                    "staff mode locked for %.0f s after repeated wrong PINs", lockout.wait_s
                )
            self._refuse(lockout.message() or WRONG_PIN)
        elif event.key == pygame.K_BACKSPACE:
            view.pin_typed = view.pin_typed[:-1]
        elif event.unicode and event.unicode.isprintable() and len(view.pin_typed) < 32:
            view.pin_typed += event.unicode

    def _refuse(self, message: str) -> None:
        assert self.view is not None
        self.view.pin_message = message
        self.say(message)

    def click(self, pos: tuple[float, float], size: tuple[int, int]) -> None:
        self.last_activity = self.clock()
        if self.view is None or self.view.pin_needed:
            return
        for name, rect in button_rects(size).items():
            if rect.collidepoint(pos):
                self.press(name)

    def press(self, name: str | StaffButton) -> None:
        button = StaffButton(name)
        log.info("staff button: %s", button.value)
        if button is StaffButton.EXIT and self.settings.staff_pin_hash and self.view is not None:
            # A visitor who finds the staff screen open must not end the kiosk with one touch.
            self.view.pin_needed, self.exit_after_pin = True, True
            self.view.pin_message = PIN_AGAIN_TO_EXIT
            return
        self.post(StaffPressed(button))
