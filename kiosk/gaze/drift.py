"""Keeping a calibration true while the person settles, slumps or the light changes.

Pure logic, time passed in:
- `DriftCorrector`: a running offset (screen px) added to every gaze point. A dwell selection
  the person did not undo is evidence of where they looked (the target), so the offset moves
  part of the way towards it; an undone one is taken back. A one-look "recentre" target sets
  the offset outright from the gaze points of that look.
- `head_guidance`: whether the head is still where it was during calibration (for a
  position guide: too near, too far, off-centre), and whether it has turned so far that
  tracking should not be trusted (dwell freezes).
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

import numpy as np

from kiosk.gaze import words
from kiosk.layout import FloatRect


class DriftCorrector:
    def __init__(
        self, rate: float = 0.3, max_offset_px: float = 250.0, window_s: float = 1.0
    ) -> None:
        self.rate, self.max_offset_px, self.window_s = rate, max_offset_px, window_s
        self.offset = np.zeros(2)
        self._recent: deque[tuple[float, float, float]] = deque(maxlen=240)
        self._before_last: np.ndarray | None = None

    def reset(self) -> None:
        self.offset = np.zeros(2)
        self._recent.clear()
        self._before_last = None

    def observe(self, t: float, point: tuple[float, float]) -> None:
        """A raw (uncorrected) gaze point seen at time t."""
        self._recent.append((t, float(point[0]), float(point[1])))

    def apply(self, point: tuple[float, float] | None) -> tuple[float, float] | None:
        if point is None:
            return None
        return float(point[0] + self.offset[0]), float(point[1] + self.offset[1])

    def _mean_look(self, until: float) -> np.ndarray | None:
        pts = [(x, y) for t, x, y in self._recent if until - self.window_s <= t <= until]
        return np.mean(pts, axis=0) if len(pts) >= 3 else None

    def _set(self, offset: np.ndarray) -> None:
        norm = float(np.hypot(*offset))
        if norm > self.max_offset_px:
            offset = offset * (self.max_offset_px / norm)
        self._before_last = self.offset.copy()
        self.offset = offset

    def confirm(self, rect: FloatRect, until: float) -> None:
        """A selection of `rect` ended at `until` and stood: learn from where the gaze was."""
        look = self._mean_look(until)
        if look is None:
            return
        x, y, w, h = rect
        centre = np.array([x + w / 2, y + h / 2])
        error = centre - (look + self.offset)
        # People look at a tile's label, not its exact centre: learn only the part of the
        # error beyond a quarter of the tile, and only part of the way.
        slack = np.array([w / 4, h / 4])
        beyond = np.sign(error) * np.maximum(np.abs(error) - slack, 0.0)
        if np.any(beyond):
            self._set(self.offset + self.rate * beyond)

    def absorb(self) -> None:
        """The mapping was refit from the confirmed looks (kiosk.gaze.refit) and now holds
        what the offset held: clear the offset (an undo brings it back with the old
        mapping), so the same error is not corrected twice."""
        if np.any(self.offset):
            self._before_last = self.offset.copy()
            self.offset = np.zeros(2)
        else:
            self._before_last = None

    def undo(self) -> None:
        """The last selection was undone (Back straight after it): forget what it taught."""
        if self._before_last is not None:
            self.offset, self._before_last = self._before_last, None

    def recentre(self, point: tuple[float, float], until: float) -> bool:
        """The person looked at a recentre target at `point`: set the offset from that look."""
        look = self._mean_look(until)
        if look is None:
            return False
        self._set(np.array(point, float) - look)
        return True


@dataclass(frozen=True)
class HeadGuidance:
    hint: str | None  # what to say: None when the head is inside the calibrated box
    trusted: bool  # False when the head has turned or moved too far for the calibration


def head_guidance(
    current: np.ndarray,
    calibrated: np.ndarray,
    *,
    move_mm: float = 60.0,
    scale_ratio: float = 1.2,
    turn_rad: float = math.radians(20.0),
) -> HeadGuidance:
    """Compare head terms (yaw, pitch, roll rad; x, y mm; log scale) with calibration.

    x is positive towards the screen's right as the person sees it, y down the image.
    """
    yaw, pitch, _, x, y, log_scale = (float(v) for v in current - calibrated)
    trusted = abs(yaw) <= turn_rad and abs(pitch) <= turn_rad
    hint = None
    if log_scale > math.log(scale_ratio):
        hint = words.SIT_FURTHER_BACK
    elif log_scale < -math.log(scale_ratio):
        hint = words.COME_CLOSER
    elif x > move_mm:
        hint = words.MOVE_LEFT
    elif x < -move_mm:
        hint = words.MOVE_RIGHT
    elif y > move_mm:
        hint = words.SIT_UP
    elif y < -move_mm:
        hint = words.SIT_LOWER
    elif not trusted:
        hint = words.FACE_THE_SCREEN
    return HeadGuidance(hint, trusted)
