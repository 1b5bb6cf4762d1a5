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
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import Enum

RAISE_AFTER_S = 1.0
RETRY_S = 2.0
GIVE_UP_AFTER_S = 20.0


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

    # What the window reports.
    def hidden(self) -> None:
        if self.hidden_since is None:
            self.hidden_since = self.clock()
            self.last_attempt = -1e9  # restore at once

    def shown(self) -> None:
        self.hidden_since = None
        if self.unfocused_since is None:
            self.attempts = 0

    def focus_lost(self) -> None:
        if self.unfocused_since is None:
            self.unfocused_since = self.clock()

    def focus_gained(self) -> None:
        self.unfocused_since = None
        if self.hidden_since is None:
            self.attempts = 0

    def observe(self, shown: bool) -> None:
        """A poll of the window's state, for when an event was missed."""
        if shown:
            self.shown()
        else:
            self.hidden()

    @property
    def problem(self) -> str | None:
        """Plain words for the log while something is wrong."""
        if self.hidden_since is not None:
            return "the kiosk window was hidden or minimised"
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
