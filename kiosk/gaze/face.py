"""Eye features from one camera frame: iris position in each eye, head pose, eye openness.

Uses mediapipe's face mesh with iris refinement (478 landmarks). Everything returned is
relative to the face itself (iris inside the eye box, pose from landmarks), so the gaze
model downstream sees numbers that change little when the person shifts in the chair.
Frames are only read here, never kept.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

# Landmark ids (mediapipe canonical face mesh). "Image-left" is the eye that appears on
# the left of an unmirrored camera image (the person's right eye).
_LEFT: dict[str, Any] = {
    "corner_a": 33,
    "corner_b": 133,
    "upper": 159,
    "lower": 145,
    "iris": 468,
    "ear": (33, 160, 158, 133, 153, 144),
}
_RIGHT: dict[str, Any] = {
    "corner_a": 362,
    "corner_b": 263,
    "upper": 386,
    "lower": 374,
    "iris": 473,
    "ear": (362, 385, 387, 263, 373, 380),
}
# A few stable points and a generic 3D face (mm, x right, y up, z towards camera) for pose.
# Depths behind the nose tip: halfway between an older generic model (eye corners 26 mm,
# mouth 24, chin 12.5) and the face mesh of a real face (astronaut(): 46, 41, 32). Too
# shallow a face makes every head turn look larger (1.75 times with the old model on that
# face), and the calibration then over-corrects head movement.
_POSE_IDS = (1, 152, 33, 263, 61, 291)
_MOUTH = (61, 291)  # mouth corners: with the eye corners, the head's own axes (head_axes)
_POSE_MODEL = np.array(
    [
        (0.0, 0.0, 0.0),  # nose tip
        (0.0, -68.0, -22.0),  # chin
        (-43.5, 32.7, -36.0),  # image-left eye outer corner
        (43.5, 32.7, -36.0),  # image-right eye outer corner
        (-30.0, -25.0, -32.5),  # mouth corner (image-left)
        (30.0, -25.0, -32.5),  # mouth corner (image-right)
    ],
    dtype=np.float64,
)

# Every point the kiosk reads (the eye contours too, for the old lid-relative feature): a
# recording may hold only these and null for the rest.
USED_LANDMARKS = tuple(
    sorted(
        set(_POSE_IDS)
        | set(range(468, 478))
        | {33, 7, 163, 144, 145, 153, 154, 155, 133, 246, 161, 160, 159, 158, 157, 173}
        | {263, 249, 390, 373, 374, 380, 381, 382, 362, 466, 388, 387, 386, 385, 384, 398}
    )
)

# Eye aspect ratio below this = closed, for a face whose own open-eye baseline is not known
# yet (a single still, the first frames). Open eyes measure 0.25-0.35, narrow or smiling
# ones down to about 0.15; closed lids 0.05-0.10. Once the tracker has seen a person for a
# moment it judges against their own baseline instead (kiosk.gaze.blink).
BLINK_EAR = 0.13
# Largest picture the face tracker is given: mediapipe crashes (SIGSEGV) on enormous
# frames, and a webcam never sends more than this.
MAX_FRAME_SIDE = 4096


class FaceMeshUnavailable(RuntimeError):
    """mediapipe could not be imported or its face model could not be loaded."""


class FrameTooLarge(ValueError):
    """A picture too large for the face tracker; the message is for people."""


@dataclass(frozen=True)
class EyeFeatures:
    """What one frame says about the eyes.

    Iris coordinates per eye: x is the fraction along the line from one eye corner to the
    other; y is the iris centre's offset from that corner line in eye widths (positive
    down the image). The corner line is fixed to the skull, so y follows vertical gaze;
    the lids, which also follow vertical gaze, do not enter it. NaN: that iris was not seen
    (glare on glasses, a point missing from a recording).
    """

    face: bool
    left_iris: tuple[float, float] = (0.5, 0.0)
    right_iris: tuple[float, float] = (0.5, 0.0)
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
    # Eyes closed judged against this person's own open-eye baseline (set by the tracker);
    # None: no baseline yet, the fixed BLINK_EAR decides.
    closed: bool | None = None
    # The iris and pose measured along the head's own axes (landmarks with depth); False:
    # in the image, the pose from a generic face or a recording's angles.
    head_frame: bool = False
    # The middle of each upper lid (159, 386) off its eye's corner line, in eye widths as
    # the iris y, the mean of the eyes seen; NaN when not measured. The upper lid follows
    # the eye up and down, and the face mesh places it far more steadily than the iris
    # (docs/decisions.md, "Gaze: real faces first").
    upper_lid: float = math.nan
    # The 478 face-mesh points (normalised x, y, z) this came from, for the session recorder
    # (landmarks only: images are never kept).
    landmarks: np.ndarray | None = field(default=None, compare=False, repr=False)

    @property
    def has_iris(self) -> bool:
        """At least one iris seen (enough for a gaze point)."""
        return self.face and not (math.isnan(self.left_iris[1]) and math.isnan(self.right_iris[1]))

    @property
    def eyes_open(self) -> bool:
        if not self.face:
            return False
        if self.closed is not None:
            return not self.closed
        return max(self.left_open, self.right_open) >= BLINK_EAR

    @property
    def blink(self) -> bool:
        """Face seen with both eyes closed (a blink, or eyes shut)."""
        return self.face and not self.eyes_open

    def as_check_json(self, frame: int, ms: float) -> dict:
        """The `--check` line for this frame."""
        out: dict = {"frame": frame, "face": self.face}
        if self.face:
            out["left_iris"] = _rounded(self.left_iris)
            out["right_iris"] = _rounded(self.right_iris)
            out["eyes_open"] = self.eyes_open
        else:
            out.update(left_iris=None, right_iris=None, eyes_open=False)
        out["ms"] = round(ms, 1)
        return out


def _rounded(point: tuple[float, float]) -> list[float] | None:
    return None if any(math.isnan(v) for v in point) else [round(v, 3) for v in point]


NO_FACE = EyeFeatures(face=False)
_NAN2 = (math.nan, math.nan)


def _seen(pts: np.ndarray, ids: tuple[int, ...] | list[int]) -> bool:
    return bool(np.isfinite(pts[list(ids)]).all())


def _iris_centre(pts: np.ndarray, centre_id: int) -> np.ndarray | None:
    """The iris centre point, or the mean of its four rim points when only those exist."""
    if _seen(pts, [centre_id]):
        return pts[centre_id]
    rim = pts[centre_id + 1 : centre_id + 5]
    rim = rim[np.isfinite(rim).all(axis=1)]
    return rim.mean(axis=0) if len(rim) >= 3 else None


def eye_position(pts: np.ndarray, eye: dict) -> tuple[float, float]:
    """Iris centre relative to the eye corners: (fraction along the corner line, offset
    from it in eye widths, positive down the image). NaN when a point is missing.

    Measured along the eye's own axis, so head roll does not leak into the numbers. On a
    real recording the offset correlated +0.93 with target height, where the iris place
    between the lids (`lid_relative_y`) gave -0.59 and +0.09: the lids follow the eye.
    """
    iris = _iris_centre(pts, eye["iris"])
    if iris is None or not _seen(pts, [eye["corner_a"], eye["corner_b"]]):
        return _NAN2
    a, b = pts[eye["corner_a"]], pts[eye["corner_b"]]
    axis = b - a
    length2 = float(axis @ axis) or 1e-9
    x = float((iris - a) @ axis) / length2
    normal = np.array([-axis[1], axis[0]]) / math.sqrt(length2)
    if normal[1] < 0:  # make the normal point down the image
        normal = -normal
    y = float((iris - a) @ normal) / math.sqrt(length2)
    return x, y


def head_axes(pts3: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The head's own right (x) and down (y) directions in the camera's 3D space, from
    landmarks with depth (x, y, z in pixels): x from one eye's corner midpoint to the
    other's, y from between the eyes towards the mouth's centre, made square to x. Fixed
    to the skull, so they turn with the head. None when a point or its depth is missing."""
    ids = [_LEFT["corner_a"], _LEFT["corner_b"], _RIGHT["corner_a"], _RIGHT["corner_b"], *_MOUTH]
    if pts3.shape[1] < 3 or not _seen(pts3, ids) or not pts3[ids, 2].any():
        return None  # no depth (all z 0: a recording without it)
    left = (pts3[_LEFT["corner_a"]] + pts3[_LEFT["corner_b"]]) / 2
    right = (pts3[_RIGHT["corner_a"]] + pts3[_RIGHT["corner_b"]]) / 2
    x = right - left
    x /= float(np.linalg.norm(x)) or 1e-9
    down = (pts3[_MOUTH[0]] + pts3[_MOUTH[1]]) / 2 - (left + right) / 2
    y = down - (down @ x) * x
    norm = float(np.linalg.norm(y))
    return (x, y / norm) if norm > 1e-9 else None


def pose_from_axes(axes: tuple[np.ndarray, np.ndarray]) -> tuple[float, float, float]:
    """Yaw, pitch, roll (radians, signed as in EyeFeatures) of the head's own axes: the
    same landmarks and depths the iris is measured with, so a head turn and the eye turn
    it causes are seen on one scale. (The generic 3D face behind `_head_pose` is deeper or
    shallower than the face at hand, and its angles larger or smaller: 1.3 times on the
    synthetic face.) The straight-ahead angles of a face are not 0; the calibration takes
    its own mean as the reference."""
    x_axis, y_axis = axes
    forward = np.cross(x_axis, y_axis)  # away from the camera for a face looking at it
    yaw = math.atan2(float(forward[0]), float(forward[2]))
    pitch = math.asin(max(-1.0, min(1.0, -float(forward[1]))))
    # Signed as `_head_pose` and the in-image fallback give it, as recordings hold it.
    roll = math.atan2(float(x_axis[1]), math.hypot(float(x_axis[0]), float(x_axis[2])))
    return yaw, pitch, roll


def eye_position_in_head(
    pts3: np.ndarray, eye: dict, axes: tuple[np.ndarray, np.ndarray]
) -> tuple[float, float]:
    """As `eye_position`, measured along the head's own axes in 3D instead of the image's:
    (fraction of the way from corner a to corner b along the head's x, offset of the iris
    from the corners' midpoint along the head's y in eye widths). A head turn or nod then
    changes the numbers only by what the eye itself turns, not by how the eye is seen."""
    iris = _iris_centre(pts3, eye["iris"])
    if iris is None or not _seen(pts3, [eye["corner_a"], eye["corner_b"]]):
        return _NAN2
    x_axis, y_axis = axes
    a, b = pts3[eye["corner_a"]], pts3[eye["corner_b"]]
    span = float((b - a) @ x_axis)
    if abs(span) < 1e-9:
        return _NAN2
    x = float((iris - a) @ x_axis) / span
    y = float((iris - (a + b) / 2) @ y_axis) / float(np.linalg.norm(b - a))
    return x, y


def lid_relative_y(pts: np.ndarray, eye: dict) -> float:
    """The old vertical feature: iris between the upper (0) and lower (1) lid. Kept only so
    the benchmark can show it failing as it did on real eyes; the kiosk does not use it."""
    a, b = pts[eye["corner_a"]], pts[eye["corner_b"]]
    axis = b - a
    normal = np.array([-axis[1], axis[0]]) / (float(np.linalg.norm(axis)) or 1e-9)
    if normal[1] < 0:
        normal = -normal
    top = float((pts[eye["upper"]] - a) @ normal)
    bottom = float((pts[eye["lower"]] - a) @ normal)
    iris = _iris_centre(pts, eye["iris"])
    if iris is None or abs(bottom - top) < 1e-6:
        return math.nan
    return (float((iris - a) @ normal) - top) / (bottom - top)


def _aspect_ratio(pts: np.ndarray, ids: tuple[int, ...]) -> float:
    if not _seen(pts, ids):
        return math.nan
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
    ok, rvec, _ = cv2.solvePnP(model, image_pts, camera, np.zeros(4), flags=cv2.SOLVEPNP_ITERATIVE)
    if not ok:
        return 0.0, 0.0, 0.0
    rot, _ = cv2.Rodrigues(rvec)
    pitch = math.atan2(rot[2, 1], rot[2, 2])
    yaw = math.asin(max(-1.0, min(1.0, -rot[2, 0])))
    roll = math.atan2(rot[1, 0], rot[0, 0])
    return yaw, pitch, roll


def _eye(
    pts3: np.ndarray, eye: dict, axes: tuple[np.ndarray, np.ndarray] | None
) -> tuple[float, float]:
    return eye_position(pts3[:, :2], eye) if axes is None else eye_position_in_head(pts3, eye, axes)


def features_from_landmarks(
    pts: np.ndarray,
    width: int,
    height: int,
    head_deg: tuple[float, float, float] | None = None,
) -> EyeFeatures:
    """Features from landmark pixel coordinates (shape (478, 2), or (478, 3) with the face
    mesh's depth in the same pixels as x; NaN for missing points).

    With depth, the iris positions and the head pose are measured in the head's own frame
    (`head_axes`, `pose_from_axes`), so a head turn changes the iris numbers only by what
    the eye turns; without it, the iris in the image (`eye_position`) and the pose from a
    generic face (`_head_pose`).
    `head_deg` (yaw, pitch, roll in degrees, signed as in EyeFeatures) stands in for the
    head pose when the points it is computed from are missing.
    """
    pts3 = np.asarray(pts, dtype=np.float64)
    axes = head_axes(pts3) if pts3.ndim == 2 and pts3.shape[1] >= 3 else None
    pts = pts3[:, :2]
    corners = [_LEFT["corner_a"], _LEFT["corner_b"], _RIGHT["corner_a"], _RIGHT["corner_b"]]
    if not _seen(pts, corners):
        return NO_FACE
    left_centre = (pts[_LEFT["corner_a"]] + pts[_LEFT["corner_b"]]) / 2
    right_centre = (pts[_RIGHT["corner_a"]] + pts[_RIGHT["corner_b"]]) / 2
    centre = (left_centre + right_centre) / 2
    if axes is not None:
        yaw, pitch, roll = pose_from_axes(axes)
    elif _seen(pts, _POSE_IDS):
        yaw, pitch, roll = _head_pose(pts, width, height)
    elif head_deg is not None:
        yaw, pitch, roll = (math.radians(v) for v in head_deg)
    else:
        yaw = pitch = 0.0
        axis = right_centre - left_centre
        roll = math.atan2(float(axis[1]), float(axis[0]))
    return EyeFeatures(
        face=True,
        left_iris=_eye(pts3, _LEFT, axes),
        right_iris=_eye(pts3, _RIGHT, axes),
        left_open=_aspect_ratio(pts, _LEFT["ear"]),
        right_open=_aspect_ratio(pts, _RIGHT["ear"]),
        face_center=(float(centre[0]) / width, float(centre[1]) / height),
        scale=float(np.linalg.norm(right_centre - left_centre)) / width,
        yaw=yaw,
        pitch=pitch,
        roll=roll,
        frame_size=(width, height),
        head_frame=axes is not None,
        upper_lid=_upper_lid(pts3, axes),
    )


def _upper_lid(pts3: np.ndarray, axes: tuple[np.ndarray, np.ndarray] | None) -> float:
    """Both upper lids' offset from their corner lines (as `_eye` measures the iris)."""
    lids = [_eye(pts3, {**eye, "iris": eye["upper"]}, axes)[1] for eye in (_LEFT, _RIGHT)]
    seen = [v for v in lids if not math.isnan(v)]
    return float(np.mean(seen)) if seen else math.nan


def check_frame_size(shape: tuple[int, ...], name: str = "the picture") -> None:
    """Refuse a picture too large for the face tracker, in plain words."""
    height, width = shape[:2]
    if max(height, width) > MAX_FRAME_SIDE:
        raise FrameTooLarge(
            f"{name} is {width}x{height} pixels, too large for the face tracker "
            f"(at most {MAX_FRAME_SIDE} pixels a side); use a smaller picture or a camera"
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
        if max(height, width) > MAX_FRAME_SIDE:
            rgb = _downscaled(rgb)
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
        pts = np.array(
            [(lm.x * width, lm.y * height, lm.z * width) for lm in landmarks[:478]],
            dtype=np.float64,
        )
        features = features_from_landmarks(pts, width, height)
        normalised = np.array([(lm.x, lm.y, lm.z) for lm in landmarks[:478]], dtype=np.float32)
        return replace(features, landmarks=normalised)

    def close(self) -> None:
        with self._lock:
            self._mesh.close()

    def __enter__(self) -> FaceFeatureExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _downscaled(rgb: np.ndarray) -> np.ndarray:
    """A frame shrunk to MAX_FRAME_SIDE on its longer side (mediapipe crashes on huge ones)."""
    import cv2

    height, width = rgb.shape[:2]
    k = MAX_FRAME_SIDE / max(height, width)
    size = (max(1, round(width * k)), max(1, round(height * k)))
    return cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)
