"""Eyes closed or open, judged against each person's own open eyes.

A fixed eye-aspect-ratio threshold takes narrow, smiling or drooping eyes for closed (a
real smiling man read as closed at 0.2) and drops open eyes looking down (the lids follow
the eye: 1-4 % of open frames in a real recording fell under 0.2). So each eye's openness
is compared with a running high percentile of that eye's own recent values while the face
is tracked: the person's open-eye baseline, learnt in the first second and refreshed all
the time (calibration included). Closed frames are kept out of the baseline, so a long
deliberate closure (the long-blink switch) does not lower it. When the face has been gone
a while the baseline is forgotten: the next face may be someone else.

Pure: time passed in, no threads. The tracker runs one per camera.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

import numpy as np

from kiosk.gaze.face import BLINK_EAR, EyeFeatures


@dataclass(frozen=True)
class BlinkSettings:
    close_ratio: float = 0.5
    """An eye reads closed below this share of its open baseline (blinks measure about 0.3,
    open eyes looking down 0.7-0.8)."""
    open_ratio: float = 0.6
    """...and open again above this share (hysteresis: no flicker at the edge)."""
    percentile: float = 90.0
    """The baseline is this percentile of recent open values."""
    window: int = 300
    """How many recent open frames the baseline is taken over (10 s at 30 frames/s)."""
    min_frames: int = 8
    """Frames needed before the baseline is trusted; before that the fixed BLINK_EAR."""
    forget_after_s: float = 2.0
    """Face gone this long: forget the baseline (the next face may be someone else)."""


class EyeOpenness:
    """Per-person eyes-closed detector. `update(t, features)` -> True / False / None."""

    def __init__(self, settings: BlinkSettings | None = None) -> None:
        self.settings = settings or BlinkSettings()
        self._values: tuple[deque[float], deque[float]] = (
            deque(maxlen=self.settings.window),
            deque(maxlen=self.settings.window),
        )
        self._closed = False
        self._last_face_t: float | None = None

    def reset(self) -> None:
        for values in self._values:
            values.clear()
        self._closed = False

    def baseline(self) -> tuple[float, float] | None:
        """Each eye's open baseline (eye aspect ratio), or None while still learning."""
        s = self.settings
        if min(len(v) for v in self._values) < s.min_frames:
            return None
        left, right = self._values
        if len(left) == len(right):  # the usual case: both eyes at once, the same values
            both = np.percentile(np.array((left, right)), s.percentile, axis=1)
            return float(both[0]), float(both[1])
        return float(np.percentile(left, s.percentile)), float(np.percentile(right, s.percentile))

    def ratio(self, features: EyeFeatures) -> float | None:
        """Openness as a share of this person's baseline (mean of both eyes), or None."""
        base = self.baseline()
        if base is None or not features.face:
            return None
        shares = [
            value / b
            for value, b in zip((features.left_open, features.right_open), base, strict=True)
            if not math.isnan(value) and b > 1e-6
        ]
        return sum(shares) / len(shares) if shares else None

    def update(self, t: float, features: EyeFeatures) -> bool | None:
        """Closed (True), open (False), or None when there is no face."""
        s = self.settings
        if not features.face:
            if self._last_face_t is not None and t - self._last_face_t >= s.forget_after_s:
                self.reset()
                self._last_face_t = None
            return None
        self._last_face_t = t
        ratio = self.ratio(features)
        if ratio is None:
            values = [v for v in (features.left_open, features.right_open) if not math.isnan(v)]
            self._closed = bool(values) and max(values) < BLINK_EAR
        elif self._closed:
            self._closed = ratio < s.open_ratio
        else:
            self._closed = ratio < s.close_ratio
        if not self._closed:
            for history, value in zip(
                self._values, (features.left_open, features.right_open), strict=True
            ):
                if not math.isnan(value):
                    history.append(value)
        return self._closed
