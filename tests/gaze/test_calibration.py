"""Calibration fitting with a synthetic eye: nonlinear, noisy, with head movement."""

from __future__ import annotations

import numpy as np
import pytest

from kiosk.gaze.calibration import (
    CalibrationSession,
    GazeModel,
    ScreenGeometry,
    calibration_points,
    clean_samples,
    point_count,
)
from kiosk.gaze.face import NO_FACE
from tests.support.gaze_simulate import SyntheticEye, evaluate, run_calibration


def test_geometry_degrees():
    g = ScreenGeometry((1920, 1080), 24.0, 60.0)
    assert g.px_per_mm == pytest.approx(3.61, abs=0.01)
    assert g.deg_to_px(1.0) == pytest.approx(37.8, abs=0.2)
    assert g.px_to_deg(g.deg_to_px(2.5)) == pytest.approx(2.5)


def test_patterns():
    assert point_count("quick") == 5 and point_count("full") == 9 and point_count(13) == 13
    assert len(calibration_points(9, (1920, 1080))) == 9
    with pytest.raises(ValueError, match="not known"):
        point_count(7)


@pytest.mark.parametrize(
    "kind, still_deg, moved_deg", [("quick", 2.5, 3.0), ("full", 1.5, 2.0), (13, 1.5, 2.0)]
)
def test_calibration_recovers_screen_points(kind, still_deg, moved_deg):
    """Median error over 300 random points: head still, then moved by up to 3 cm and
    turned by up to 4 degrees (the model compensates using head pose and position)."""
    eye = SyntheticEye(seed=5)
    session = run_calibration(eye, kind)
    assert session.stage == "done" and session.accepted
    result = session.result
    assert result.points_used == point_count(kind)
    assert result.samples_dropped > 0  # blinks and outliers were dropped
    assert not result.is_poor
    still = evaluate(eye, session, move_mm=0, turn_deg=0)
    moved = evaluate(eye, session, move_mm=30, turn_deg=4)
    assert still["median_deg"] < still_deg
    assert moved["median_deg"] < moved_deg


def test_quick_calibration_takes_under_ten_seconds():
    eye = SyntheticEye(seed=2)
    session = run_calibration(eye, "quick", blink_rate_hz=0)
    assert session._now < 10.0


def test_no_face_fails_plainly():
    s = CalibrationSession((1920, 1080), "quick", start=0.0)
    t = 0.0
    while not s.finished and t < 30:
        s.update(t, [(t, NO_FACE)])
        t += 1 / 30
    assert s.stage == "failed" and s.result.model is None
    assert "could not see your eyes" in s.instruction


def test_poor_result_offers_repeat_and_repeat_can_be_chosen():
    eye = SyntheticEye(seed=4, iris_noise=0.08)  # ten times the noise
    s = CalibrationSession((1920, 1080), "quick", start=0.0, geometry=eye.geometry, poor_deg=1.0)
    t = 0.0
    while s.stage in ("calibrate", "validate") and t < 30:
        target = s.target()
        s.update(t, [(t, eye.features(target[:2]))])
        t += 1 / 30
    assert s.stage == "result" and s.result.is_poor
    assert "Repeat" in s.instruction
    assert set(s.result_targets()) == {"calib:repeat", "calib:done"}
    s.choose("calib:repeat")
    assert s.finished and s.wants_repeat


def test_good_result_is_accepted_after_a_moment():
    eye = SyntheticEye(seed=6)
    s = CalibrationSession((1920, 1080), "quick", start=0.0, geometry=eye.geometry)
    t = 0.0
    while s.stage in ("calibrate", "validate"):
        target = s.target()
        s.update(t, [(t, eye.features(target[:2]))])
        t += 1 / 30
    assert s.stage == "result" and not s.result.is_poor
    s.update(t + s.result_s + 0.1)
    assert s.stage == "done" and s.accepted


def test_target_moves_then_shrinks():
    s = CalibrationSession((1000, 500), "quick", start=0.0)
    x0, y0, r0 = s.target()
    s.update(s.move_s / 2)
    assert s.step == "move"
    s.update(s.move_s + s.settle_s / 2)
    assert s.step == "settle" and s.target()[2] < r0
    s.update(s.move_s + s.settle_s + 0.01)
    assert s.step == "collect" and s.target()[:2] == (500, 250)


def test_outliers_dropped():
    rng = np.random.default_rng(0)
    samples = [np.r_[0.5 + rng.normal(0, 0.003, 2), np.zeros(6)] for _ in range(20)]
    samples.append(np.r_[0.7, 0.5, np.zeros(6)])
    kept = clean_samples(samples)
    assert len(kept) == 20


def test_model_refuses_too_little_data_and_predicting_before_fit():
    with pytest.raises(ValueError):
        GazeModel().fit(np.zeros((2, 8)), np.zeros((2, 2)))
    with pytest.raises(RuntimeError, match="not calibrated"):
        GazeModel().predict_many(np.zeros((1, 8)))


def _poor_session(noise: float, **options) -> tuple[CalibrationSession, float]:
    eye = SyntheticEye(seed=4, iris_noise=noise)
    s = CalibrationSession((1920, 1080), "quick", start=0.0, geometry=eye.geometry, **options)
    t = 0.0
    while s.stage in ("calibrate", "validate") and t < 30:
        s.update(t, [(t, eye.features(s.target()[:2]))])
        t += 1 / 30
    assert s.stage == "result" and s.result.is_poor
    return s, t


def test_an_unusable_result_nobody_chose_is_dropped_not_taken():
    s, t = _poor_session(0.08, poor_deg=1.0, unusable_deg=2.0)
    assert s.result.accuracy_deg > 2.0
    s.update(t + s.poor_result_s + 0.1)
    assert s.stage == "failed" and not s.accepted


def test_a_poor_but_usable_result_nobody_chose_is_taken():
    s, t = _poor_session(0.08, poor_deg=1.0, unusable_deg=90.0)
    s.update(t + s.poor_result_s + 0.1)
    assert s.stage == "done" and s.accepted


def test_a_point_looked_away_from_is_asked_again_and_the_others_kept():
    """Someone looks away during one point of a full calibration: only that point comes
    back, and the accuracy is what it would have been without the glance."""
    for seed in range(3):
        clean = run_calibration(SyntheticEye(seed=seed), "full")
        away = run_calibration(SyntheticEye(seed=seed), "full", look_away_at=2)
        assert clean.reasked == []
        assert away.reasked == [2]
        assert away.result is not None and clean.result is not None
        assert away.result.accuracy_deg < clean.result.accuracy_deg + 0.5


def test_asking_again_shows_once_more_and_counts_in_the_progress():
    from kiosk.gaze.calibration import CalibrationSession

    session = CalibrationSession((1920, 1080), "full")
    session._cal[3].samples = []  # as if the eyes were closed all through point 3
    session.stage, session.index = "calibrate", 8
    session.step = "collect"
    for p in session._cal:
        if p is not session._cal[3]:
            p.samples = [np.zeros(10)] * 6
    assert session._ask_outliers_again()
    assert session.reasked == [3] and session.index == 3
    assert session.reasking and session.instruction == "Once more, please: look at the dot"
    done, total = session.progress
    assert total == 9 + 1 + len(session._val) and done == 9


def test_the_curve_prior_lies_between_linear_and_quadratic():
    """From 8 points the quadratic iris terms are held towards linear by a share of their
    own spread: none gives the free quadratic fit, a very large share the linear one."""
    rng = np.random.default_rng(3)
    features = np.zeros((90, 10))
    features[:, 0:4] = rng.uniform(0.4, 0.6, (90, 4))
    iris = features[:, [0, 2]].mean(axis=1), features[:, [1, 3]].mean(axis=1)
    points = np.column_stack([4000 * iris[0] + 9000 * (iris[0] - 0.5) ** 2, 3000 * iris[1]])
    probe = features[:5]

    def predict(**kw):
        return GazeModel(**kw).fit(features, points).predict_many(probe)

    free, linear = predict(degree=2), predict(degree=1)
    assert np.allclose(predict(degree=2, curve_shrink=0.0), free)
    assert np.allclose(predict(degree=2, curve_shrink=1e9), linear, atol=1.0)
    middle = predict(degree=2, curve_shrink=0.1)
    assert not np.allclose(middle, free) and not np.allclose(middle, linear)


def test_the_firm_head_prior_only_for_features_measured_in_the_head_frame():
    from dataclasses import replace

    from kiosk.gaze.calibration import HEAD_PENALTY, IMAGE_HEAD_PENALTY, head_penalty_for
    from kiosk.gaze.face import EyeFeatures

    head = EyeFeatures(face=True, head_frame=True)
    image = replace(head, head_frame=False)
    assert head_penalty_for([head, head]) == HEAD_PENALTY
    assert head_penalty_for([head, image]) == IMAGE_HEAD_PENALTY
