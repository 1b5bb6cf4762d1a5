"""The real face mesh on a real face photograph, moved about like a head would move."""

from __future__ import annotations

import math

import numpy as np
import pytest

from kiosk.gaze.face import BLINK_EAR, EyeFeatures
from tests.support.frames import face_frame

from .conftest import close_eyes

# Head movement stand-ins: shifts, nearer / farther, tilted (roll).
TRANSFORMS = [
    (0, 0, 1.0, 0),
    (60, 25, 1.0, 0),
    (-80, -30, 1.0, 0),
    (0, 0, 1.25, 0),
    (0, 0, 0.85, 0),
    (0, 0, 1.0, 10),
    (0, 0, 1.0, -10),
    (40, -20, 1.1, 6),
]


@pytest.fixture(scope="module")
def measured(extractor) -> list[EyeFeatures]:
    return [extractor.process(face_frame(*t)) for t in TRANSFORMS]


def test_face_found_with_open_eyes_in_every_pose(measured):
    for t, f in zip(TRANSFORMS, measured, strict=True):
        assert f.face, t
        assert f.eyes_open and not f.blink, t
        assert min(f.left_open, f.right_open) > BLINK_EAR + 0.05, t


def test_iris_features_stable_across_head_movement(measured):
    # The astronaut looks the same way in every frame, so the iris features must agree:
    # x (along the corner line) within 0.05 of the median, y (offset from the corner line,
    # in eye widths) within 0.02 (a twentieth of the eye's height).
    for name in ("left_iris", "right_iris"):
        values = np.array([getattr(f, name) for f in measured])
        assert np.all((values[:, 0] > 0.2) & (values[:, 0] < 0.8)), name
        assert np.all(np.abs(values[:, 1]) < 0.15), name
        deviation = np.abs(values - np.median(values, axis=0))
        assert deviation[:, 0].max() < 0.05, (name, values)
        assert deviation[:, 1].max() < 0.02, (name, values)


def test_head_position_scale_and_roll_follow_the_transform(measured):
    base = measured[0]
    moved = measured[1]  # shifted 60 px right, 25 px down
    assert moved.face_center[0] - base.face_center[0] == pytest.approx(60 / 640, abs=0.01)
    assert moved.face_center[1] - base.face_center[1] == pytest.approx(25 / 480, abs=0.01)
    assert measured[3].scale / base.scale == pytest.approx(1.25, rel=0.05)
    assert measured[4].scale / base.scale == pytest.approx(0.85, rel=0.05)
    # cv2 rotates counter-clockwise for positive angles: roll changes by about that much.
    assert math.degrees(measured[5].roll - base.roll) == pytest.approx(-10, abs=3)
    assert math.degrees(measured[6].roll - base.roll) == pytest.approx(10, abs=3)
    for f in measured:
        assert abs(math.degrees(f.yaw)) < 25 and abs(math.degrees(f.pitch)) < 30


def test_closed_eyes_are_a_blink(extractor):
    closed = extractor.process(close_eyes(face_frame()))
    assert closed.face
    assert closed.blink and not closed.eyes_open
    assert max(closed.left_open, closed.right_open) < BLINK_EAR


def test_no_face_in_an_empty_frame(extractor):
    f = extractor.process(np.full((480, 640, 3), 128, np.uint8))
    assert not f.face and not f.blink
    line = f.as_check_json(3, 2.0)
    assert line == {
        "frame": 3,
        "face": False,
        "left_iris": None,
        "right_iris": None,
        "eyes_open": False,
        "ms": 2.0,
    }


def test_bad_frame_is_a_clear_error(extractor):
    with pytest.raises(ValueError, match="RGB image"):
        extractor.process(np.zeros((480, 640), np.uint8))


def test_the_real_mesh_gives_the_iris_its_eye_contours_mean_depth(extractor):
    """What the synthetic face copies (tests.support.gaze_simulate): the face mesh has no
    depth of its own for the iris; its five points carry the mean z of the eye's contour."""
    lm = extractor.process(face_frame()).landmarks
    assert lm is not None
    contours = (
        (33, 7, 163, 144, 145, 153, 154, 155, 133, 246, 161, 160, 159, 158, 157, 173),
        (263, 249, 390, 373, 374, 380, 381, 382, 362, 466, 388, 387, 386, 385, 384, 398),
    )
    for iris, contour in zip((468, 473), contours, strict=True):
        mean = float(lm[list(contour), 2].mean())
        assert np.allclose(lm[iris : iris + 5, 2], mean, atol=1e-5)


def test_the_upper_lid_is_measured_like_the_iris_and_follows_the_gaze_down():
    """The synthetic face's lids follow the eye: looking lower moves the upper lid's
    offset from the corner line down (positive), as on the real eyetrax face."""
    import numpy as np

    from kiosk.gaze.calibration import ScreenGeometry
    from kiosk.gaze.face import features_from_landmarks
    from tests.support.gaze_simulate import IDEAL_PERSON, SyntheticFace

    face = SyntheticFace(IDEAL_PERSON, ScreenGeometry(), seed=4)
    scale = np.array([640, 480, 640])

    def lid(y: float) -> float:
        lm = face.landmarks((960, y), np.zeros(3), face.head_position(np.zeros(3)), noise=False)
        return features_from_landmarks(lm * scale, 640, 480).upper_lid

    assert lid(100) < lid(540) < lid(1000)
