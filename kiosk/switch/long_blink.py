"""A long, deliberate blink as a switch, for a person who can only move their eyes.

Input: the camera's per-frame verdict `(t, eyes_closed)`, where `eyes_closed` comes from
the tracker's per-person open-eye baseline and is None while no face is tracked. Output: a
switch press when the eyes have stayed closed for `long_blink_s` (0.8 s by default).

- An ordinary blink (0.1-0.4 s) or a slow one (up to about 0.6 s) ends before the
  threshold, so it never counts.
- The press fires while the eyes are still closed, the moment the threshold is reached,
  so the person knows to open them; holding them closed longer does not press again.
- A frame or two misread as open inside a closure (camera noise, a flutter of the lids)
  does not end it, nor does losing the face for a moment: gaps up to `max_gap_s` (open)
  and `max_lost_s` (no face) are bridged. Two blinks further apart never add up, and a
  longer loss of the face ends the closure and never counts as one.
- After a press the eyes must open, and `refractory_s` must pass, before the next one.

Pure: time is passed in; the same trace always gives the same presses.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.settings import DEFAULTS


@dataclass(frozen=True)
class LongBlinkConfig:
    long_blink_s: float = DEFAULTS.long_blink_s  # eyes closed this long = one switch press
    max_gap_s: float = 0.1  # frames read as open this short do not end a closure
    max_lost_s: float = 0.25  # nor does losing the face this briefly (it says nothing)
    refractory_s: float = 0.5  # after a press, nothing for this long after the eyes open

    def __post_init__(self) -> None:
        if self.long_blink_s <= 0 or min(self.max_gap_s, self.max_lost_s, self.refractory_s) < 0:
            raise ValueError("long blink time must be positive, the others not negative")


class LongBlinkSwitch:
    """Feed it every frame's verdict; `update` is True on the frame a long blink counts."""

    def __init__(self, config: LongBlinkConfig = LongBlinkConfig()) -> None:
        self.config = config
        self.reset()

    def reset(self) -> None:
        """Forget any closure in progress (a new visitor, recalibration, scanning off)."""
        self._closed_since: float | None = None  # first closed frame of this closure
        self._last_closed: float | None = None  # latest closed frame of this closure
        self._frame_s = 1 / 30  # measured frame interval, so a closure of n frames is n frames
        self._last_t: float | None = None
        self._pressed = False  # this closure has already pressed
        self._quiet_until = float("-inf")  # refractory period after a press

    @property
    def closed_for(self) -> float:
        """How long the current closure has lasted (0 when the eyes are open)."""
        if self._closed_since is None or self._last_closed is None:
            return 0.0
        return self._last_closed - self._closed_since + self._frame_s

    def update(self, t: float, eyes_closed: bool | None) -> bool:
        if self._last_t is not None and 0 < t - self._last_t < 0.5:
            # A running estimate of the frame interval: a closure seen on n frames lasted
            # about n intervals, not n - 1.
            self._frame_s += 0.05 * (t - self._last_t - self._frame_s)
        self._last_t = t
        if eyes_closed:
            return self._closed(t)
        gap = self.config.max_gap_s if eyes_closed is False else self.config.max_lost_s
        if self._last_closed is not None and t - self._last_closed <= gap:
            return False  # a short gap inside a closure: it goes on
        if self._pressed:
            self._quiet_until = t + self.config.refractory_s
        self._closed_since = self._last_closed = None
        self._pressed = False
        return False

    def _closed(self, t: float) -> bool:
        if self._closed_since is None:
            if t < self._quiet_until:
                return False  # too soon after the last press
            self._closed_since = t
        self._last_closed = t
        # Within half a frame is as close as the camera can tell.
        if self._pressed or self.closed_for < self.config.long_blink_s - self._frame_s / 2:
            return False
        self._pressed = True
        return True
