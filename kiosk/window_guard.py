"""Keeping the kiosk window on screen: what to do when it is hidden, minimised or covered.

Pure policy on an injectable clock (no pygame): the app tells it what the window reports
(events, and a poll of "is it shown") and each frame asks what to do now.

- Focus lost (a message box, an update dialog, the window manager's own popup took it):
  after RAISE_AFTER_S the kiosk raises itself and takes the focus back, again every
  RETRY_S while another window keeps it. Nobody at a kiosk needs another window on top.
- Hidden or minimised: restore it at once, then every RETRY_S.
- Still hidden after GIVE_UP_AFTER_S: give up, so the app exits with
  WINDOW_HIDDEN_EXIT_CODE and the supervisor starts a fresh, visible kiosk. A window that
  cannot be shown counts as a failure, never as a quiet black screen with a live process.

`WindowKeeper` below carries the guard's decisions out: through the X11 window manager
(kiosk/x11_window.py: every workspace, fullscreen, above, mapped, active) where there is
one, else through SDL's restore/show/focus. Under X11 the window's true state is polled
from the X server twice a second and SDL's shown/hidden events are not trusted: after a
desktop switch SDL went on calling an unmapped window shown.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from enum import Enum
from typing import Any

from kiosk.settings import DEFAULTS
from kiosk.timings import WINDOW_POLL_S, WINDOW_RAISE_AFTER_S, WINDOW_RETRY_S

log = logging.getLogger("kiosk.window")

RAISE_AFTER_S = WINDOW_RAISE_AFTER_S
RETRY_S = WINDOW_RETRY_S
# "back within a few seconds, or a fresh window from the supervisor" (settings.window_give_up_s)
GIVE_UP_AFTER_S = DEFAULTS.window_give_up_s
POLL_S = WINDOW_POLL_S


class WindowAction(Enum):
    NONE = "none"
    RAISE = "raise"  # bring to the front and take the focus
    RESTORE = "restore"  # un-minimise, show, make fullscreen again, then raise
    GIVE_UP = "give up"  # exit so the supervisor starts a new window


class WindowGuard:
    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        raise_after_s: float = RAISE_AFTER_S,
        retry_s: float = RETRY_S,
        give_up_after_s: float = GIVE_UP_AFTER_S,
    ) -> None:
        self.clock = clock
        self.raise_after_s = raise_after_s
        self.retry_s = retry_s
        self.give_up_after_s = give_up_after_s
        self.hidden_since: float | None = None
        self.unfocused_since: float | None = None
        self.last_attempt = -1e9
        self.attempts = 0  # restores and raises since the window was last fine
        self.poll_only = False  # True: only observe() says shown or hidden (X11 polls)
        self.hidden_reason: str | None = None

    # What the window reports.
    def hidden(self) -> None:
        if not self.poll_only:
            self._hidden()

    def shown(self) -> None:
        if not self.poll_only:
            self._shown()

    def _hidden(self) -> None:
        if self.hidden_since is None:
            self.hidden_since = self.clock()
            self.last_attempt = -1e9  # restore at once

    def _shown(self) -> None:
        self.hidden_since = None
        self.hidden_reason = None
        if self.unfocused_since is None:
            self.attempts = 0

    def focus_lost(self) -> None:
        if self.unfocused_since is None:
            self.unfocused_since = self.clock()

    def focus_gained(self) -> None:
        self.unfocused_since = None
        if self.hidden_since is None:
            self.attempts = 0

    def observe(self, shown: bool, reason: str | None = None) -> None:
        """A poll of the window's state, for when an event was missed."""
        if shown:
            self._shown()
        else:
            self._hidden()
            self.hidden_reason = reason or self.hidden_reason

    @property
    def problem(self) -> str | None:
        """Plain words for the log while something is wrong."""
        if self.hidden_since is not None:
            return self.hidden_reason or "the kiosk window was hidden or minimised"
        if self.unfocused_since is not None:
            return "another window took the focus"
        return None

    def due(self) -> WindowAction:
        """What to do now (call once a frame; returns NONE between attempts)."""
        now = self.clock()
        if self.hidden_since is not None:
            if now - self.hidden_since >= self.give_up_after_s:
                return WindowAction.GIVE_UP
            if now - self.last_attempt >= self.retry_s:
                self.last_attempt = now
                self.attempts += 1
                return WindowAction.RESTORE
            return WindowAction.NONE
        if self.unfocused_since is not None:
            waited = now - self.unfocused_since
            if waited >= self.raise_after_s and now - self.last_attempt >= self.retry_s:
                self.last_attempt = now
                self.attempts += 1
                return WindowAction.RAISE
        return WindowAction.NONE


class WindowKeeper:
    """Carries out the guard's decisions each frame; `tick()` is False when it gives up."""

    def __init__(
        self,
        guard: WindowGuard,
        sdl_window: Callable[[], Any],
        x11: Any = None,
        sdl_active: Callable[[], bool] | None = None,
    ) -> None:
        self.guard = guard
        self.sdl_window = sdl_window  # pygame._sdl2 Window, made once by the app
        self.x11 = x11  # an X11Window, or None
        self.sdl_active = sdl_active
        self.next_poll = -1e9
        guard.poll_only = x11 is not None
        if x11 is not None:
            x11.pin()  # on every workspace, fullscreen and above from the start

    def _poll(self) -> None:
        now = self.guard.clock()
        if self.x11 is not None:
            if now < self.next_poll:
                return
            self.next_poll = now + POLL_S
            try:
                problem = self.x11.problem()
            except Exception as error:  # the X connection broke: SDL's events again
                log.warning("the window can no longer be checked through X11 (%s)", error)
                self.x11, self.guard.poll_only = None, False
                return
            self.guard.observe(problem is None, problem)
        elif self.sdl_active is not None:
            self.guard.observe(self.sdl_active())

    def tick(self) -> bool:
        self._poll()
        action = self.guard.due()
        if action is WindowAction.NONE:
            return True
        if action is WindowAction.GIVE_UP:
            log.error(
                "%s and could not be shown again; exiting so the supervisor starts it afresh",
                self.guard.problem,
            )
            return False
        if self.guard.attempts == 1:
            log.warning("%s; bringing the kiosk back to the front", self.guard.problem)
        if self.x11 is not None:
            try:
                self.x11.pin()
                return True
            except Exception as error:
                log.warning("the window manager could not be asked (%s); using SDL", error)
                self.x11, self.guard.poll_only = None, False
        window = self.sdl_window()
        if action is WindowAction.RESTORE:
            window.restore()
            window.show()
        window.focus()  # raise it and take the keyboard back
        return True

    def close(self) -> None:
        if self.x11 is not None:
            self.x11.close()
