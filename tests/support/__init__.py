"""Shared test doubles and helpers (used by tests/, benchmarks/ and scripts/, never by the kiosk).

- `run_for`: step a running app frame by frame until a condition holds or time is up;
- `FakeClock` (tests.support.clock): time that moves only when told to;
- `face_frame` / `write_frames` (tests.support.frames): real camera-like face images;
- speech clips (tests.support.speech_clips): espeak voices, babble and rooms;
- synthetic eyes and faces (tests.support.gaze_simulate, with a real face's shape in
  tests.support.face_shape): screen points -> eye features and landmarks.

Nothing here imports kiosk.app: the app is passed in (anything with `step(now)`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from tests.support.clock import FakeClock

__all__ = ["FakeClock", "Steppable", "run_for"]


class Steppable(Protocol):
    def step(self, now: float) -> None: ...


def run_for(
    app: Steppable,
    seconds: float,
    until: Callable[[], bool] = lambda: False,
    *,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    frame_s: float = 1 / 60,
) -> bool:
    """Run frames for up to `seconds` (of `clock`) or until `until()`; True if it held.

    With real devices (threads, camera, microphone) keep the real clock; for timing-only
    behaviour pass a FakeClock and its `sleep`, and no real time passes."""
    end = clock() + seconds
    while clock() < end:
        if until():
            return True
        app.step(clock())
        sleep(frame_s)
    return until()
