"""Shared gaze test helpers: eyes closed or narrowed on real faces, landmarks of a still picture."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest


def close_eyes(frame: np.ndarray) -> np.ndarray:
    """Draw skin-coloured lids with a lash line over both eyes, found by the face mesh."""
    landmarks = eye_landmarks(frame)

    def pts(ids):
        return landmarks[list(ids)]

    out = frame.copy()
    cheek = pts([50])[0].astype(int)
    skin = tuple(int(v) for v in frame[cheek[1], cheek[0]])
    for ids in (
        (33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7),
        (362, 398, 384, 385, 386, 387, 388, 466, 263, 249, 390, 373, 374, 380, 381, 382),
    ):
        p = pts(ids)
        c = p.mean(axis=0)
        cv2.fillPoly(out, [((p - c) * 1.4 + c).astype(np.int32)], skin)
        a, b = pts([ids[0], ids[8]]).astype(int)
        cv2.line(out, tuple(map(int, a)), tuple(map(int, b)), (60, 40, 30), 2)
    return out


@pytest.fixture(scope="session")
def extractor():
    from kiosk.gaze.face import FaceFeatureExtractor

    ex = FaceFeatureExtractor(still_images=True)
    yield ex
    ex.close()


def eye_landmarks(frame: np.ndarray) -> np.ndarray:
    """The face mesh's 478 points (px) on a still picture."""
    import mediapipe as mp

    with mp.solutions.face_mesh.FaceMesh(
        static_image_mode=True, refine_landmarks=True, max_num_faces=1
    ) as mesh:
        result = mesh.process(frame)
    lm = result.multi_face_landmarks[0].landmark
    h, w = frame.shape[:2]
    return np.array([[p.x * w, p.y * h] for p in lm])


def narrow_eyes(frame: np.ndarray, factor: float) -> np.ndarray:
    """The same real face with each eye's opening squeezed to `factor` of its height (a
    narrow, smiling or drooping eye), by warping the picture around the eyes."""
    pts = eye_landmarks(frame)
    h, w = frame.shape[:2]
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    map_y = ys.copy()
    for a, b, up, low in ((33, 133, 159, 145), (362, 263, 386, 374)):
        cx, cy = (pts[a] + pts[b]) / 2
        half_w = abs(pts[b][0] - pts[a][0]) * 0.8
        half_h = abs(pts[low][1] - pts[up][1]) * 1.6
        # Sample from farther out near the eye's centre line: the lids come closer.
        dy = ys - cy
        wx = np.clip(1 - ((xs - cx) / half_w) ** 2, 0, 1)
        wy = np.clip(1 - (dy / half_h) ** 2, 0, 1)
        map_y += (dy / factor - dy) * wx * wy
    return cv2.remap(frame, xs, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def grace_hopper() -> np.ndarray:
    """Grace Hopper's portrait (US Navy, public domain), shipped with matplotlib."""
    import matplotlib

    path = Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg"
    return cv2.cvtColor(cv2.imread(str(path)), cv2.COLOR_BGR2RGB)
