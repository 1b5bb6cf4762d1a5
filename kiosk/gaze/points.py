"""Where the eyes are: the point-source side of eye control.

As OptiKey keeps "where the user points" (IPointSource) apart from "when a choice happens"
(ITriggerSource), a point source here only says where the person looks and how their face
is: a `GazeSample` per main-loop step. Triggers (kiosk.gaze.triggers) turn samples, or a
press from elsewhere, into choices; any trigger works with any point source (the camera's
calibrated gaze, a replayed session, a simulated eye in the benchmarks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from kiosk.gaze.face import EyeFeatures

Point = tuple[float, float]


@dataclass(frozen=True)
class GazeSample:
    """One step of the point source."""

    time: float
    point: Point | None
    """Where the person looks, in screen px (calibrated and drift-corrected); None when
    there is no face, or no calibration yet."""
    frozen: bool = False
    """Eyes closed or head turned far away: timers hold (this is not looking elsewhere)."""
    eyes_closed: bool | None = None
    """Judged against this person's own open eyes; None without a tracked face."""
    frames: Sequence[tuple[float, EyeFeatures]] = field(default_factory=tuple)
    """Every camera frame since the previous sample (uncalibrated triggers use them)."""


class PointSource(Protocol):
    """Anything that says where the eyes are now."""

    def sample(self, now: float) -> GazeSample: ...
