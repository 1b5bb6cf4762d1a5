"""Eye features from one camera frame: iris position in each eye, head pose, eye openness.

Uses mediapipe's face mesh with iris refinement (478 landmarks). Everything returned is
relative to the face itself (iris inside the eye box, pose from landmarks), so the gaze
model downstream sees numbers that change little when the person shifts in the chair.
Frames are only read here, never kept.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

import numpy as np

# Landmark ids (mediapipe canonical face mesh). "Image-left" is the eye that appears on
# the left of an unmirrored camera image (the person's right eye).
_LEFT = {
    "corner_a": 33,
    "corner_b": 133,
    "upper": 159,
    "lower": 145,
    "iris": 468,
    "ear": (33, 160, 158, 133, 153, 144),
}
_RIGHT = {
    "corner_a": 362,
    "corner_b": 263,
    "upper": 386,
    "lower": 374,
    "iris": 473,
    "ear": (362, 385, 387, 263, 373, 380),
}
# A few stable points and a generic 3D face (mm, x right, y up, z towards camera) for pose.
_POSE_IDS = (1, 152, 33, 263, 61, 291)
_POSE_MODEL = np.array(
    [
        (0.0, 0.0, 0.0),  # nose tip
        (0.0, -63.6, -12.5),  # chin
        (-43.3, 32.7, -26.0),  # image-left eye outer corner
        (43.3, 32.7, -26.0),  # image-right eye outer corner
        (-28.9, -28.9, -24.1),  # mouth corner (image-left)
        (28.9, -28.9, -24.1),  # mouth corner (image-right)
    ],
    dtype=np.float64,
)

BLINK_EAR = 0.2  # eye aspect ratio below this = closed (open eyes measure about 0.3)


class FaceMeshUnavailable(RuntimeError):
    """mediapipe could not be imported or its face model could not be loaded."""


@dataclass(frozen=True)
class EyeFeatures:
    """What one frame says about the eyes. Coordinates of irises are in eye-box units."""

    face: bool
    left_iris: tuple[float, float] = (0.5, 0.5)
    right_iris: tuple[float, float] = (0.5, 0.5)
    left_open: float = 0.0  # eye aspect ratio
    right_open: float = 0.0
    face_center: tuple[float, float] = (0.5, 0.5)  # fraction of frame width / height
    scale: float = 0.0  # inter-ocular distance / frame width
    # Head rotation in radians, signed like screen axes as the person sees the screen (the
    # camera sits at the screen): yaw > 0 turned to the right, pitch > 0 tilted down.
    yaw: float = 0.0
    pitch: float = 0.0
    roll: float = 0.0
    frame_size: tuple[int, int] = (640, 480)

    @property
    def eyes_open(self) -> bool:
        return self.face and max(self.left_open, self.right_open) >= BLINK_EAR

    @property
    def blink(self) -> bool:
        """Face seen with both eyes closed (a blink, or eyes shut)."""
        return self.face and not self.eyes_open

    def as_check_json(self, frame: int, ms: float) -> dict:
        """The `--check` line for this frame."""
        out: dict = {"frame": frame, "face": self.face}
        if self.face:
            out["left_iris"] = [round(v, 3) for v in self.left_iris]
            out["right_iris"] = [round(v, 3) for v in self.right_iris]
            out["eyes_open"] = self.eyes_open
        else:
            out.update(left_iris=None, right_iris=None, eyes_open=False)
        out["ms"] = round(ms, 1)
        return out


NO_FACE = EyeFeatures(face=False)


def _eye_box_position(pts: np.ndarray, eye: dict) -> tuple[float, float]:
    """Iris centre in eye-box units: x along corner->corner, y from upper to lower lid.

    Measured along the eye's own axis, so head roll does not leak into the numbers.
    """
    a, b = pts[eye["corner_a"]], pts[eye["corner_b"]]
    axis = b - a
    length2 = float(axis @ axis) or 1e-9
    iris = pts[eye["iris"]]
    x = float((iris - a) @ axis) / length2
    normal = np.array([-axis[1], axis[0]]) / math.sqrt(length2)
    if normal[1] < 0:  # make the normal point down the image
        normal = -normal
    top = float((pts[eye["upper"]] - a) @ normal)
    bottom = float((pts[eye["lower"]] - a) @ normal)
    span = bottom - top
    y = (float((iris - a) @ normal) - top) / span if abs(span) > 1e-6 else 0.5
    return x, y


def _aspect_ratio(pts: np.ndarray, ids: tuple[int, ...]) -> float:
    p1, p2, p3, p4, p5, p6 = (pts[i] for i in ids)
    width = float(np.linalg.norm(p1 - p4)) or 1e-9
    return float(np.linalg.norm(p2 - p6) + np.linalg.norm(p3 - p5)) / (2.0 * width)


def _head_pose(pts: np.ndarray, width: int, height: int) -> tuple[float, float, float]:
    """Yaw, pitch, roll (radians) from a generic face model; 0 when facing the camera."""
    import cv2

    image_pts = np.array([pts[i] for i in _POSE_IDS], dtype=np.float64)
    focal = float(width)
    camera = np.array([[focal, 0, width / 2], [0, focal, height / 2], [0, 0, 1]], np.float64)
    # Image y runs down, model y runs up: flip the model so a frontal face gives ~0 angles.
    model = _POSE_MODEL * np.array([1.0, -1.0, -1.0])
    ok, rvec, _ = cv2.solvePnP(model, image_pts, camera, None, flags=cv2.SOLVEPNP_ITERATIVE)
    if not ok:
        return 0.0, 0.0, 0.0
    rot, _ = cv2.Rodrigues(rvec)
    pitch = math.atan2(rot[2, 1], rot[2, 2])
    yaw = math.asin(max(-1.0, min(1.0, -rot[2, 0])))
    roll = math.atan2(rot[1, 0], rot[0, 0])
    return yaw, pitch, roll


def features_from_landmarks(pts: np.ndarray, width: int, height: int) -> EyeFeatures:
    """Features from landmark pixel coordinates (shape (478, 2))."""
    left, right = _eye_box_position(pts, _LEFT), _eye_box_position(pts, _RIGHT)
    left_centre = (pts[_LEFT["corner_a"]] + pts[_LEFT["corner_b"]]) / 2
    right_centre = (pts[_RIGHT["corner_a"]] + pts[_RIGHT["corner_b"]]) / 2
    centre = (left_centre + right_centre) / 2
    yaw, pitch, roll = _head_pose(pts, width, height)
    return EyeFeatures(
        face=True,
        left_iris=left,
        right_iris=right,
        left_open=_aspect_ratio(pts, _LEFT["ear"]),
        right_open=_aspect_ratio(pts, _RIGHT["ear"]),
        face_center=(float(centre[0]) / width, float(centre[1]) / height),
        scale=float(np.linalg.norm(right_centre - left_centre)) / width,
        yaw=yaw,
        pitch=pitch,
        roll=roll,
        frame_size=(width, height),
    )


class FaceFeatureExtractor:
    """Runs the face mesh on RGB frames. Safe to share between threads (one frame at a time):
    the kiosk keeps one for its whole run, because each new mediapipe face mesh leaves about
    6 MB behind when closed, and the camera is stopped and started many times a day."""

    def __init__(self, still_images: bool = False) -> None:
        self._lock = threading.Lock()
        try:
            import mediapipe as mp

            self._mesh = mp.solutions.face_mesh.FaceMesh(
                static_image_mode=still_images,
                max_num_faces=1,
                refine_landmarks=True,
                min_detection_confidence=0.5,
                min_tracking_confidence=0.5,
            )
        except Exception as exc:  # import errors, missing model files, bad native libs
            raise FaceMeshUnavailable(
                f"the face tracker (mediapipe) could not start: {exc}. Gaze is off; "
                "voice, touch and keyboard still work"
            ) from exc

    def process(self, rgb: np.ndarray) -> EyeFeatures:
        """Features for one RGB uint8 frame (H, W, 3)."""
        if rgb.ndim != 3 or rgb.shape[2] != 3:
            raise ValueError(f"expected an RGB image, got an array of shape {rgb.shape}")
        height, width = rgb.shape[:2]
        with self._lock:
            result = self._mesh.process(np.ascontiguousarray(rgb))
        if not result.multi_face_landmarks:
            return NO_FACE
        landmarks = result.multi_face_landmarks[0].landmark
        if len(landmarks) < 478:
            raise FaceMeshUnavailable(
                "the face tracker gave no iris landmarks (refine_landmarks is needed)"
            )
        pts = np.array([(lm.x * width, lm.y * height) for lm in landmarks], dtype=np.float64)
        return features_from_landmarks(pts, width, height)

    def close(self) -> None:
        with self._lock:
            self._mesh.close()

    def __enter__(self) -> FaceFeatureExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
