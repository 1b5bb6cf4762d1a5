"""Refining the mapping from confirmed choices (kiosk.gaze.refit): the rules (labels, undo,
reset, the guard), the refit on a real calibration of a synthetic eye, the core telling eye
control about choices and Back, and the real path through the controller."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from kiosk import core, machine
from kiosk.actions import Command, Do, Source
from kiosk.core.messages import DeviceMode, DeviceRequest, GazeLookedAt
from kiosk.gaze.calibration import ScreenGeometry, feature_vector
from kiosk.gaze.drift import DriftCorrector
from kiosk.gaze.refit import ChoiceLearner, RefitSettings, Refitter, label_point
from tests.support.gaze_simulate import Head, SyntheticEye, run_calibration

from .test_drift import QUICK, following_controller, run

GEOMETRY = ScreenGeometry((1920, 1080), 24.0, 60.0)
SLUMPED = Head(x=15.0, y=45.0, z=20.0, pitch=math.radians(4.0))  # later in the session
TILES = [(x, y, 560.0, 380.0) for x in (60.0, 680.0, 1300.0) for y in (80.0, 620.0)]


@pytest.fixture(scope="module")
def calibrated():
    """A 9-point calibration of the feature-level synthetic eye: its model and samples."""
    eye = SyntheticEye(GEOMETRY, seed=3)
    session = run_calibration(eye, 9)
    assert session.result is not None and session.result.model is not None
    return eye, session.result.model, session.fitted_points()


def look(eye: SyntheticEye, point, head: Head = SLUMPED, frames: int = 12) -> np.ndarray:
    return np.array([feature_vector(eye.features(point, head)) for _ in range(frames)])


def error_px(model, eye: SyntheticEye, head: Head = SLUMPED) -> float:
    points = [
        (x + w * fx, y + h * fy) for x, y, w, h in TILES for fx in (0.35, 0.65) for fy in (0.4, 0.6)
    ]
    quiet = replace(eye, iris_noise=0.0, pose_noise_rad=0.0)
    quiet.rng = eye.rng
    guess = model.predict_many(np.array([feature_vector(quiet.features(p, head)) for p in points]))
    return float(np.mean(np.hypot(*(guess - np.array(points)).T)))


def centre(rect):
    return rect[0] + rect[2] / 2, rect[1] + rect[3] / 2


def test_labels_are_the_centre_or_the_estimate_moved_into_the_target():
    rect = (100.0, 100.0, 400.0, 200.0)
    assert label_point(rect, (90.0, 290.0), "centre") == (300.0, 200.0)
    assert label_point(rect, None, "inner") == (300.0, 200.0)
    assert label_point(rect, (90.0, 290.0), "nearest") == (100.0, 290.0)
    assert label_point(rect, (90.0, 290.0), "inner") == pytest.approx((220.0, 240.0))
    assert label_point(rect, (300.0, 210.0), "inner") == (300.0, 210.0)


def test_confirmed_looks_after_a_slump_bring_the_error_down(calibrated):
    eye, model, points = calibrated
    refit = Refitter()
    refit.start(model, points)
    before = error_px(model, eye)
    for i in range(12):
        rect = TILES[i % len(TILES)]
        assert refit.confirm(float(i), rect, look(eye, centre(rect)), None)
    assert refit.looks == 12 and refit.refits == 12
    after = error_px(refit.model, eye)
    assert after < 0.6 * before, (before, after)
    assert refit.last_fit_ms < 100.0


def test_an_undo_takes_the_last_look_back_once_and_only_soon_after(calibrated):
    eye, model, points = calibrated
    refit = Refitter(RefitSettings(undo_s=5.0))
    refit.start(model, points)
    refit.confirm(1.0, TILES[0], look(eye, centre(TILES[0])), None)
    first = refit.model
    assert first is not model
    refit.confirm(2.0, TILES[3], look(eye, centre(TILES[3])), None)
    assert refit.undo(3.0) and refit.model is first and refit.looks == 1
    assert not refit.undo(3.5), "only the newest look, once"
    assert refit.model is first
    refit.confirm(4.0, TILES[2], look(eye, centre(TILES[2])), None)
    assert not refit.undo(20.0), "long after the choice, Back is ordinary navigation"
    assert refit.looks == 2
    # A choice whose look was not found is not learnt, and an undo then takes nothing.
    assert not refit.confirm(21.0, TILES[1], None, None)
    assert not refit.undo(21.5) and refit.looks == 2


def test_a_new_calibration_or_the_idle_reset_forgets_what_was_learnt(calibrated):
    eye, model, points = calibrated
    refit = Refitter()
    refit.start(model, points)
    refit.confirm(1.0, TILES[0], look(eye, centre(TILES[0])), None)
    refit.start(model, points)  # a new calibration
    assert refit.looks == 0 and refit.model is model
    refit.confirm(2.0, TILES[0], look(eye, centre(TILES[0])), None)
    refit.reset()  # the next person
    assert not refit.active and refit.model is None and refit.looks == 0
    assert not refit.confirm(3.0, TILES[0], look(eye, centre(TILES[0])), None)


def test_the_guard_keeps_wrong_labels_from_wrecking_the_calibration(calibrated):
    """Ten choices confirmed on the wrong tile and never undone (the person looked at the
    top left, the kiosk learnt the bottom right): the guard refuses the refits that would
    move the calibration points, where without it the mapping is wrecked."""
    eye, model, points = calibrated
    guarded, unguarded = Refitter(), Refitter(RefitSettings(max_worse_deg=99, max_shift_deg=99))
    for refit in (guarded, unguarded):
        refit.start(model, points)
        for i in range(10):
            refit.confirm(float(i), TILES[5], look(eye, centre(TILES[0]), Head()), None)
    still = Head()
    assert guarded.rejected > 0
    assert error_px(guarded.model, eye, still) < error_px(model, eye, still) + GEOMETRY.deg_to_px(
        0.6
    )
    assert error_px(unguarded.model, eye, still) > 2 * error_px(guarded.model, eye, still)


def test_the_learner_refits_or_else_moves_the_offset_never_both(calibrated):
    eye, model, points = calibrated

    class Holder:
        def __init__(self) -> None:
            self.model = model

        def set_model(self, new, refined: bool = False) -> None:
            assert refined
            self.model = new

    holder, drift = Holder(), DriftCorrector()
    learner = ChoiceLearner(drift)
    targets = {f"tile:{i + 1}": rect for i, rect in enumerate(TILES)}
    learner.start(model, points)
    drift.offset = np.array([40.0, -30.0])  # what the offset had learnt before
    frames = [(i / 30, eye.features(centre(TILES[2]), SLUMPED)) for i in range(20)]
    learner.seen(frames, "tile:3", 0.6)
    assert learner.learn(holder, "tile:3", targets, 0.65)
    assert holder.model is learner.refit.model and not np.any(drift.offset)
    learner.undo(holder, 1.0)
    assert holder.model is model and drift.offset == pytest.approx([40.0, -30.0])
    assert learner.chosen_elsewhere(holder, 1.2, targets), "the highlight seen at 0.6 s"
    assert not learner.chosen_elsewhere(holder, 5.0, targets), "no highlight lately"


def test_the_core_tells_eye_control_of_choices_by_other_triggers_and_of_back(screen_library):
    state = machine.demo_state(screen_library, "home")
    first = machine.content_targets(state)[0]
    state, _ = machine.update(state, GazeLookedAt(first.id))
    state, effects = machine.update(state, core.SwitchPressed(1.0))
    assert DeviceRequest(DeviceMode.GAZE_CHOSEN) in effects
    state, effects = machine.update(state, Do(Command.BACK, Source.VOICE))
    assert DeviceRequest(DeviceMode.GAZE_BACK) in effects
    _, effects = machine.update(state, first.action)  # chosen by touch: nothing to learn
    assert DeviceRequest(DeviceMode.GAZE_CHOSEN) not in effects


def test_the_real_path_learns_from_a_dwell_choice_undoes_it_and_forgets_at_reset():
    """A synthetic person (landmark level, the kiosk's own feature extraction) calibrates
    through the controller, slumps, and chooses a tile by dwell: the mapping is refit from
    that look; Back straight after takes it back; the idle reset forgets it all."""
    controller, tracker = following_controller(
        {"tile:1": (660, 340, 600, 400), "tile:2": (0, 0, 500, 300)},
        **{**QUICK, "calibration_points": "full"},
    )
    t, _ = run(controller, tracker, 0.0, 14.0)
    assert controller.calibrated and controller.learner.refit.active
    calibration_model = tracker.model
    tracker.head = np.radians([2.0, 5.0, 0.0])  # nodded a little since the calibration
    tracker.gaze_at = (960, 540)
    chosen: list[str] = []
    while not chosen and t < 40.0:
        t, chosen = run(controller, tracker, t, 1 / 30)
    assert chosen == ["tile:1"]
    assert controller.learner.refit.refits == 1 and controller.learner.refit.looks == 1
    assert tracker.model is controller.learner.refit.model is not calibration_model
    controller.selection_undone(t + 0.5)
    assert tracker.model is calibration_model and controller.learner.refit.looks == 0
    t, chosen = run(controller, tracker, t, 3.0)
    assert chosen and controller.learner.refit.looks == len(chosen)
    controller.reset()
    assert not controller.learner.refit.active and tracker.model is None


def test_the_gaze_device_passes_choices_and_back_to_eye_control():
    from kiosk.input_devices import GazeDevice
    from kiosk.settings import Settings

    calls: list[tuple[str, float]] = []

    class Control:
        def looked_at_chosen(self, now: float) -> None:
            calls.append(("chosen", now))

        def selection_undone(self, now: float) -> None:
            calls.append(("undone", now))

    device = GazeDevice(Settings(), "0", tracker_factory=lambda: None)
    device.controller = Control()
    device.request(DeviceMode.GAZE_CHOSEN)
    device.request(DeviceMode.GAZE_BACK)
    assert [what for what, _ in calls] == ["chosen", "undone"]
    assert all(now > 0 for _, now in calls), "stamped with the frames' clock (monotonic)"
