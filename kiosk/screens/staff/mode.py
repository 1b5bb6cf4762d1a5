"""Staff mode: the chord, the staff PIN, the staff screen's buttons, recent problems.

The PIN is never stored: the settings file holds its salted scrypt hash
(`staff_pin_hash`, see kiosk/pin.py). Staff mode fails closed:
- no PIN yet (a fresh install): the staff chords open nothing; they show, say and log
  that a PIN must be set on the computer itself (`python -m kiosk pin-hash`, which
  `make run` runs the first time), never at the kiosk's screen, where a visitor could
  choose it (a window for development, `--windowed` or `--size`, may skip this);
- a PIN line that could not be used: staff mode stays locked until the file is fixed;
- with a PIN, both exit and the staff screen ask for it first, and the screen's Exit
  button asks for it again. Wrong PINs meet growing delays and a lockout (shown, spoken,
  kept in the data folder across restarts, capped, and cleared by staff at the computer
  with `python -m kiosk unlock-staff`); the screen closes itself after STAFF_IDLE_S
  without a key.
"""

from __future__ import annotations

import collections
import logging
import time
from collections.abc import Callable
from pathlib import Path

import pygame

from kiosk.core.messages import Message, StaffButton, StaffPressed
from kiosk.pin import MAX_PIN_CHARS, UNREADABLE, PinLockout, hash_pin, pin_matches
from kiosk.screens.staff.drawing import STAFF_BUTTONS, StaffView, button_rects
from kiosk.screens.staff.words import (
    NO_PIN_SET,
    PIN_AGAIN_TO_EXIT,
    PIN_UNREADABLE,
    WRONG_PIN,
)
from kiosk.settings import Settings, data_dir, default_settings_path
from kiosk.timings import STAFF_IDLE_S

log = logging.getLogger("kiosk.screens.staff.mode")


__all__ = ["RECENT", "STAFF_IDLE_S", "StaffMode", "hash_pin", "pin_matches"]


def lockout_path() -> Path:
    return data_dir() / "staff-lockout.json"


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
        require_pin: bool = True,
        settings_path: Path | None = None,
        lockout_store: Path | None = None,
    ) -> None:
        self.settings = settings
        self.post = post
        self.clock = clock
        self.say = say  # speaks a message (lockouts are spoken as well as shown)
        self.view: StaffView | None = None
        self.exit_after_pin = False
        # False only for a development window: no PIN then means the chords alone.
        self.require_pin = require_pin
        # The settings file a PIN must be written to, named in the no-PIN message.
        self.settings_path = settings_path or default_settings_path()
        store = lockout_store if lockout_store is not None else lockout_path()
        self.lockout = PinLockout(clock, store=store)  # survives a restart
        self.last_activity = clock()
        if require_pin and not settings.staff_pin_hash:
            log.warning(
                "no staff PIN is set: the staff chords open nothing until one is set on "
                "this computer with `%s`",
                self.pin_hash_command,
            )

    @property
    def pin_hash_command(self) -> str:
        """The command that sets the PIN in the settings file this kiosk reads."""
        if self.settings_path == default_settings_path():
            return "python -m kiosk pin-hash"
        return f"python -m kiosk pin-hash --settings {self.settings_path}"

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
        if view.pin_needed and not view.pin_locked and not self.lockout.may_try():
            view.pin_message = self.lockout.state().message()

    @property
    def open(self) -> bool:
        return self.view is not None

    def chord(self, exit_requested: bool) -> None:
        """Ctrl+Shift+E (staff screen) or Ctrl+Shift+Q (exit)."""
        pin_hash = self.settings.staff_pin_hash
        if exit_requested and not pin_hash and not self.require_pin:
            log.info("staff exit chord pressed")
            self.post(StaffPressed(StaffButton.EXIT))
            return
        if self.open and not exit_requested:
            self.close()
            return
        if not pin_hash and not self.require_pin:
            self.view = StaffView()  # a development window: the staff screen, no PIN
            self.last_activity = self.clock()
            log.info("staff screen opened")
            return
        self.view = StaffView(pin_needed=True)
        self.exit_after_pin = exit_requested
        self.last_activity = self.clock()
        if not pin_hash:
            self.view.pin_locked = True
            self._refuse(NO_PIN_SET.format(command=self.pin_hash_command))  # shown and said
            log.warning("staff chord pressed with no staff PIN set: nothing opened")
            return
        if pin_hash == UNREADABLE:
            self.view.pin_locked = True
            self._refuse(PIN_UNREADABLE)
            log.warning("staff mode stays locked: the staff PIN line could not be used")
            return
        self.lockout.reload()  # `unlock-staff` may have cleared a lockout meanwhile
        if not self.lockout.may_try():
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
            pin_hash = self.settings.staff_pin_hash
            if not pin_hash:
                self._refuse(NO_PIN_SET.format(command=self.pin_hash_command))
                return
            if pin_hash == UNREADABLE:
                self._refuse(PIN_UNREADABLE)
                return
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
        elif (
            not view.pin_locked
            and event.unicode
            and event.unicode.isprintable()
            and len(view.pin_typed) < MAX_PIN_CHARS
        ):
            view.pin_typed += event.unicode

    def _refuse(self, message: str) -> None:
        """Show and say a message on the PIN screen (a refusal, or what to type next)."""
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
