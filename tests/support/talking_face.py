"""Synthetic face-mesh landmarks of a face that talks in step with a real recording, or
keeps still while others talk: for measuring the lips' part of voice control
(kiosk/voice/lips.py). No real audio-visual recording of people was available; the
mouth here follows the recording's loudness, which real lips only roughly do.

The face is the real face shape of tests/support/face_shape.py; the lower lip and jaw
points move down as the mouth opens. Camera at `FPS`, landmark jitter as the face mesh
shows on a still face (about 0.3 % of the face's width per frame).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from kiosk.voice.lips import LOWER_LIP, MOUTH_LEFT, MOUTH_RIGHT
from tests.support.face_shape import face_shape

FPS = 30.0
# Lower lip (inner and outer) and chin points of the face mesh: they drop as the jaw opens.
_LOWER = (14, 87, 178, 88, 95, 317, 402, 318, 324, 17, 84, 314, 181, 405, 91, 321, 18, 200)
LIPS_LEAD_S = 0.1  # the mouth opens a little before the sound comes


def loudness_track(audio: NDArray[np.floating], fps: float = FPS) -> NDArray[np.float64]:
    """0..1 per camera frame: the recording's level, 0 at 40 dB below its loudest."""
    step = int(16000 / fps)
    count = max(1, len(audio) // step)
    frames = np.resize(np.asarray(audio, np.float64), count * step).reshape(count, step)
    level = 10 * np.log10((frames**2).mean(axis=1) + 1e-9)
    return np.asarray(np.clip((level - level.max() + 40.0) / 40.0, 0.0, 1.0))


def talking_face(
    audio: NDArray[np.floating] | None,
    seconds: float,
    seed: int = 0,
    rest_opening: float = 0.02,
    wide_opening: float = 0.45,
    fps: float = FPS,
) -> tuple[NDArray[np.float64], list[NDArray[np.float64]]]:
    """Frame times (from 0) and landmarks (478, 3) of a face whose mouth follows `audio`
    (16 kHz, the visitor's own voice alone, lined up with time 0), or keeps still
    (`audio` None) at `rest_opening` (a mouth that rests open: 0.2 or more)."""
    rng = np.random.default_rng(seed)
    count = int(seconds * fps)
    times = np.arange(count) / fps
    opening = np.full(count, rest_opening)
    if audio is not None:
        track = loudness_track(audio, fps)
        lead = int(round(LIPS_LEAD_S * fps))
        track = np.r_[track[lead:], np.zeros(lead)][:count]
        track = np.convolve(track, np.ones(3) / 3, mode="same")  # lips are slower than sound
        opening[: len(track)] += (wide_opening - rest_opening) * track**1.5
    base = face_shape().astype(np.float64)
    width = float(np.linalg.norm(base[MOUTH_RIGHT, :2] - base[MOUTH_LEFT, :2]))
    closed_gap = float(base[LOWER_LIP, 1] - base[13, 1])
    faces = []
    for value in opening:
        points = base.copy()
        points[list(_LOWER), 1] += value * width - closed_gap
        points += rng.normal(0.0, 0.003 * width, points.shape)
        faces.append(points)
    return times, faces
