"""Whether the person in front of the kiosk is talking, and when: from the face mesh's
mouth opening, so that the room's voices are not taken for theirs.

The camera side (kiosk.gaze) already tracks the face; each frame's 478 landmarks give one
number here, the gap between the inner lips over the mouth's width. Talking moves the
lips several times a second; listening, smiling or a mouth at rest open does not move
them much. A pure decision over (time, opening) samples: `lip_verdict` says, for the time
an utterance took, whether the lips moved and over which span.

Only landmarks are kept (a few seconds of numbers), never images.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

# MediaPipe face mesh: inner upper and lower lip at the middle, inner mouth corners.
UPPER_LIP, LOWER_LIP, MOUTH_LEFT, MOUTH_RIGHT = 13, 14, 78, 308


def mouth_opening(landmarks: NDArray[np.floating]) -> float | None:
    """Gap between the inner lips over the mouth's width (0 closed, about 0.3-0.6 wide
    open); None for landmarks that do not hold a usable mouth."""
    points = np.asarray(landmarks, np.float64)
    if points.ndim != 2 or len(points) <= MOUTH_RIGHT:
        return None
    width = float(np.linalg.norm(points[MOUTH_RIGHT, :2] - points[MOUTH_LEFT, :2]))
    gap = float(np.linalg.norm(points[LOWER_LIP, :2] - points[UPPER_LIP, :2]))
    if not np.isfinite(width + gap) or width <= 1e-6:
        return None
    return gap / width


@dataclass(frozen=True)
class LipSettings:
    window_s: float = 0.25  # lip movement is measured over this long, centred on a frame
    moving: float = 0.04  # the opening's range in a window above this: the lips move
    margin_s: float = 0.2  # kept either side of the moving span (soft first consonants)
    min_face_share: float = 0.7  # of the utterance's time with a face seen, to judge at all
    min_rate_hz: float = 8.0  # fewer camera frames than this: no judgement


@dataclass(frozen=True)
class LipVerdict:
    """What the lips said about one stretch of time."""

    state: str  # "unknown" (no face, too few frames) | "still" | "moving"
    start: float = 0.0  # the span the lips moved in, margins included (state "moving")
    end: float = 0.0


def lip_verdict(
    times: Sequence[float],
    openings: Sequence[float | None],
    start: float,
    end: float,
    settings: LipSettings = LipSettings(),
) -> LipVerdict:
    """Did the lips move between `start` and `end` (seconds, the camera's clock), and when?
    `openings` hold None for frames without a face."""
    t = np.asarray(times, np.float64)
    seen = np.array([o is not None for o in openings], bool)
    half = settings.window_s / 2
    inside = (t >= start - half) & (t <= end + half)
    duration = max(end - start, 1e-3)
    face = t[inside & seen]
    if len(face) < settings.min_rate_hz * duration or (
        len(face) / max(1, int(inside.sum())) < settings.min_face_share
    ):
        return LipVerdict("unknown")
    value = np.array([o for o, s in zip(openings, seen) if s], np.float64)
    t_seen = t[seen]
    moving_at = []
    for now in t_seen[(t_seen >= start) & (t_seen <= end)]:
        window = value[np.abs(t_seen - now) <= half]
        if len(window) >= 2 and float(window.max() - window.min()) > settings.moving:
            moving_at.append(float(now))
    if not moving_at:
        return LipVerdict("still")
    return LipVerdict(
        "moving",
        max(start, moving_at[0] - settings.margin_s),
        min(end, moving_at[-1] + settings.margin_s),
    )


class LipActivity:
    """The last few seconds of mouth openings, fed by the camera thread, read by the voice
    thread. Thread-safe; memory bounded by `keep_s`."""

    def __init__(self, settings: LipSettings = LipSettings(), keep_s: float = 12.0) -> None:
        self.settings = settings
        self._keep_s = keep_s
        self._samples: deque[tuple[float, float | None]] = deque()
        self._lock = threading.Lock()

    def see(self, time: float, landmarks: NDArray[np.floating] | None) -> None:
        """One camera frame: its time and face-mesh landmarks (None: no face)."""
        opening = None if landmarks is None else mouth_opening(landmarks)
        with self._lock:
            self._samples.append((time, opening))
            while self._samples and self._samples[0][0] < time - self._keep_s:
                self._samples.popleft()

    def verdict(self, start: float, end: float) -> LipVerdict:
        with self._lock:
            samples = list(self._samples)
        if not samples:
            return LipVerdict("unknown")
        times, openings = zip(*samples)
        return lip_verdict(times, openings, start, end, self.settings)

    def clear(self) -> None:
        """Between visitors: nothing of the last face is kept."""
        with self._lock:
            self._samples.clear()
