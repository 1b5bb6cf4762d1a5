"""Eyes closed against each person's own open eyes: real portraits (narrowed, smiling, with
glasses) and the landmark-level synthetic face (narrow, hooded, drooping lids, looking down)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from kiosk.gaze.blink import EyeOpenness
from kiosk.gaze.face import NO_FACE, features_from_landmarks
from tests.support.frames import face_frame
from tests.support.gaze_simulate import PEOPLE, SyntheticFace

from .conftest import close_eyes, grace_hopper, narrow_eyes

PORTRAITS = {"astronaut (smiling)": face_frame, "grace hopper (glasses)": grace_hopper}


@pytest.fixture(scope="module")
def portraits(extractor):
    """Each real portrait as it is and with its eyes squeezed to 55 % and 35 % of their
    height (narrow, smiling or drooping eyes), through the real face mesh."""
    out = {}
    for name, make in PORTRAITS.items():
        image = make()
        for factor in (1.0, 0.55, 0.35):
            frame = image if factor == 1.0 else narrow_eyes(image, factor)
            out[(name, factor)] = (frame, extractor.process(frame))
    return out


def test_open_eyes_on_real_portraits_are_open_even_narrowed(portraits):
    for key, (_, f) in portraits.items():
        assert f.face, key
        assert f.eyes_open and not f.blink, (key, f.left_open, f.right_open)


def test_a_person_with_narrow_eyes_is_never_closed_but_their_blink_is(portraits, extractor):
    """A few seconds of one narrow-eyed person (the real narrowed portrait, moved slightly
    frame to frame): the baseline is theirs, so no open frame reads closed; their closed
    eyes do."""
    rng = np.random.default_rng(0)
    for name in PORTRAITS:
        frame, _ = portraits[(name, 0.35)]
        openness = EyeOpenness()
        base = extractor.process(frame)
        for i in range(40):
            scale = 1 + rng.normal(0, 0.01)
            f = dataclasses.replace(
                base,
                left_open=base.left_open * scale * (1 + rng.normal(0, 0.03)),
                right_open=base.right_open * scale * (1 + rng.normal(0, 0.03)),
            )
            assert openness.update(i / 30, f) is False, (name, i)
    openness = EyeOpenness()
    open_f = extractor.process(face_frame())
    closed_f = extractor.process(close_eyes(face_frame()))
    for i in range(20):
        assert openness.update(i / 30, open_f) is False
    assert openness.update(1.0, closed_f) is True
    assert openness.update(1.1, open_f) is False


def session_openness(person_name: str, seconds: float = 20.0, seed: int = 0):
    """(closure, eyes_closed, looking_down) per frame for a synthetic person reading the
    screen top to bottom, blinking now and then."""
    face = SyntheticFace(PEOPLE[person_name], seed=seed)
    openness = EyeOpenness()
    rng = np.random.default_rng(seed)
    out = []
    t, blink_at = 0.0, 1.5
    while t < seconds:
        # Look around the whole screen, the lower half (lids lower) as much as the upper.
        point = (960 + 800 * np.sin(t * 0.7), 540 + 500 * np.sin(t * 0.23))
        k = (t - blink_at) / 0.2
        closure = float(np.sin(np.pi * k)) if 0 <= k <= 1 else 0.0
        if k > 1:
            blink_at = t + rng.uniform(2, 5)
        lm = face.landmarks(point, closure=closure)
        f = features_from_landmarks(lm[:, :2] * [640, 480], 640, 480)
        out.append((closure, openness.update(t, f), point[1] > 700))
        t += 1 / 30
    return out


@pytest.mark.parametrize("person", ["normal", "narrow", "hooded", "drooping", "smiling"])
def test_no_open_frame_reads_closed_and_blinks_are_caught(person):
    frames = session_openness(person)
    open_frames = [closed for closure, closed, _ in frames if closure == 0.0]
    down = [closed for closure, closed, down in frames if closure == 0.0 and down]
    shut = [closed for closure, closed, _ in frames if closure > 0.9]
    assert down, "the session looks down too"
    assert not any(open_frames), f"{sum(open_frames)} open frames read closed"
    assert shut and sum(shut) / len(shut) >= 0.9


def test_a_long_deliberate_closure_does_not_lower_the_baseline():
    face = SyntheticFace(PEOPLE["drooping"], seed=3)
    openness = EyeOpenness()
    t = 0.0

    def step(closure: float) -> bool | None:
        nonlocal t
        lm = face.landmarks((960, 540), closure=closure)
        t += 1 / 30
        return openness.update(t, features_from_landmarks(lm[:, :2] * [640, 480], 640, 480))

    assert not any(step(0.0) for _ in range(60))
    before = openness.baseline()
    assert all(step(1.0) for _ in range(90)), "three seconds shut read closed throughout"
    assert openness.baseline() == pytest.approx(before, rel=0.05)
    assert not any(step(0.0) for _ in range(30))


def test_no_face_is_none_and_a_long_absence_forgets_the_person():
    openness = EyeOpenness()
    face = SyntheticFace(PEOPLE["normal"], seed=1)
    for i in range(30):
        lm = face.landmarks((960, 540))
        openness.update(i / 30, features_from_landmarks(lm[:, :2] * [640, 480], 640, 480))
    assert openness.baseline() is not None
    assert openness.update(1.5, NO_FACE) is None
    assert openness.baseline() is not None, "a moment away keeps the baseline"
    assert openness.update(4.0, NO_FACE) is None
    assert openness.baseline() is None, "gone for seconds: the next face may be someone else"
