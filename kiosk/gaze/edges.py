"""Calibration-free eye control: glance off the left, right or top edge of the screen.

For people whose calibration fails (or who would rather not calibrate), as Google's Look to
Speak does: the person looks well past the left or right edge of the screen, or above it,
for a moment and back. No screen point is needed, only a large change from where their
eyes and head rest while they read the screen, so it works without calibration and with
poor tracking.

How: the eye-in-head angle is estimated from the iris features with a generic gain (the
eyeball's radius over the eye's width), the head angle from the pose; their sum is the gaze
direction. Its resting value is the middle of the range it covered while the person looked
at the screen (a few seconds, running). A
glance is that direction beyond `threshold_deg` from rest, held `hold_s`, towards one side.
Pure: time passed in.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from kiosk.actions import GAZE_EDGE_TARGETS
from kiosk.gaze.face import EyeFeatures
from kiosk.gaze.points import GazeSample

GAIN_PER_RAD = 0.4  # iris shift in eye widths per radian of eye rotation (12 mm / 30 mm)
DIRECTIONS = ("left", "right", "up")
# What a glance off an edge of the screen chooses (the device turns them into focus moves).
EDGE_TARGETS = GAZE_EDGE_TARGETS


@dataclass(frozen=True)
class EdgeSettings:
    threshold_deg: float = 38.0
    """Beyond this from rest, sideways: the screen's edges at 60 cm measure about 30 degrees
    from the middle on the synthetic face, a glance 25 cm past an edge about 48."""
    up_share: float = 0.7
    """Upwards the limit is this share of it (the top edge is nearer: 14 degrees from the
    middle; a glance 16 cm above it, 29)."""
    hold_s: float = 0.35
    """...held this long (a glance, not a flick)."""
    rearm_s: float = 0.8
    """After a glance, the eyes must be back near rest this long before the next one."""
    rest_window: int = 300
    """Frames in the running rest position (10 s at 30 frames/s)."""


def gaze_angles(f: EyeFeatures) -> tuple[float, float] | None:
    """(horizontal, vertical) gaze direction in degrees, uncalibrated: horizontal > 0 to
    the person's right (the screen's right as they see it), vertical > 0 up."""
    if not f.has_iris:
        return None
    xs = [e[0] for e in (f.left_iris, f.right_iris) if not math.isnan(e[0])]
    ys = [e[1] for e in (f.left_iris, f.right_iris) if not math.isnan(e[1])]
    # Unmirrored camera: looking to one's right moves the iris towards the image's left.
    eye_h = -math.degrees((float(np.mean(xs)) - 0.5) / GAIN_PER_RAD)
    eye_v = -math.degrees(float(np.mean(ys)) / GAIN_PER_RAD)
    return eye_h + math.degrees(f.yaw), eye_v - math.degrees(f.pitch)


class EdgeGlance:
    """`update(t, features)` -> "left", "right", "up" once per glance, else None."""

    def __init__(self, settings: EdgeSettings | None = None) -> None:
        self.settings = settings or EdgeSettings()
        self._rest: deque[tuple[float, float]] = deque(maxlen=self.settings.rest_window)
        self._candidate: str | None = None
        self._since = 0.0
        self._armed = True
        self._calm_s = 0.0
        self._last_t: float | None = None

    def reset(self) -> None:
        self._rest.clear()
        self._candidate, self._armed, self._calm_s, self._last_t = None, True, 0.0, None

    # -- the Trigger interface (kiosk.gaze.triggers) ---------------------------------
    def set_targets(self, targets: Mapping[str, tuple[float, float, float, float]]) -> None:
        """Edge glances need no targets on the screen."""

    def choose(self, sample: GazeSample) -> list[str]:
        """Every camera frame since the last sample, in order: the edges glanced past."""
        chosen = []
        for t, f in sample.frames:
            where = self.update(t, f)
            if where is not None:
                chosen.append(EDGE_TARGETS[where])
        return chosen

    def progress(self) -> dict[str, float]:
        return {}

    def looked_at(self) -> str | None:
        return None

    def rest(self) -> tuple[float, float] | None:
        if len(self._rest) < 15:
            return None
        a = np.array(self._rest)
        # The middle of the range looked over, not the median: someone reading the right
        # half of the screen for a while has not moved the screen.
        low, high = np.percentile(a, 5, axis=0), np.percentile(a, 95, axis=0)
        return float(low[0] + high[0]) / 2, float(low[1] + high[1]) / 2

    def direction(self, h: float, v: float, holding: str | None = None) -> str | None:
        """Which edge this gaze direction is past, if any. A glance already under way
        (`holding`) keeps going while it stays past 90 % of the limit (noise at the edge of
        the limit must not cut it short)."""
        rest = self.rest()
        if rest is None:
            return None
        dh, dv = h - rest[0], v - rest[1]
        side = self.settings.threshold_deg
        up = side * self.settings.up_share
        if holding == "left" and dh <= -0.9 * side:
            return "left"
        if holding == "right" and dh >= 0.9 * side:
            return "right"
        if holding == "up" and dv >= 0.9 * up:
            return "up"
        if abs(dh) >= side and abs(dh) >= abs(dv):
            # The screen's left as the person sees it is their left: dh < 0.
            return "left" if dh < 0 else "right"
        if dv >= up:
            return "up"
        return None

    def update(self, t: float, f: EyeFeatures) -> str | None:
        dt = 0.0 if self._last_t is None else min(max(t - self._last_t, 0.0), 0.25)
        self._last_t = t
        angles = None if not f.face or f.blink else gaze_angles(f)
        if angles is None:
            self._candidate = None
            return None
        where = self.direction(*angles, holding=self._candidate)
        if where is None:
            self._rest.append(angles)  # looking at the screen: part of the rest position
            self._candidate = None
            self._calm_s += dt
            if self._calm_s >= self.settings.rearm_s:
                self._armed = True
            return None
        if where != self._candidate:
            self._candidate, self._since = where, t
            return None
        if t - self._since < self.settings.hold_s:
            return None  # a flick towards an edge does not count, nor does it break calm
        self._calm_s = 0.0
        if self._armed:
            self._armed = False
            return where
        return None
