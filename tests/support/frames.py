"""Real face frames for gaze tests, made from skimage's astronaut photograph."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from skimage import data

FRAME_W, FRAME_H = 640, 480
# Between the astronaut's eyes, in the original 512x512 image.
_FACE_CENTRE = (226.0, 110.0)


def face_frame(
    dx: float = 0.0, dy: float = 0.0, scale: float = 1.0, angle: float = 0.0
) -> np.ndarray:
    """A 640x480 RGB frame with the astronaut's face enlarged to webcam size (eyes about
    70 px apart), shifted, scaled and rotated (degrees) to stand for head movement."""
    image = data.astronaut()
    m = cv2.getRotationMatrix2D(_FACE_CENTRE, angle, 1.7 * scale)
    m[0, 2] += FRAME_W / 2 - _FACE_CENTRE[0] + dx
    m[1, 2] += FRAME_H / 2 - _FACE_CENTRE[1] + dy
    frame: np.ndarray = cv2.warpAffine(
        image, m, (FRAME_W, FRAME_H), borderMode=cv2.BORDER_REPLICATE
    )
    return frame


def write_frames(folder: Path, frames: list[np.ndarray]) -> Path:
    """Save frames as a folder of PNGs, which FrameSource plays as a camera."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, frame in enumerate(frames):
        cv2.imwrite(str(folder / f"frame{i:04d}.png"), cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    return folder
