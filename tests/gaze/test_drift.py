"""Drift: a running offset from confirmed selections, one-look recentre, head guidance, and
the controller freezing dwell and recording sessions (fake tracker, synthetic face)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from kiosk.gaze.drift import DriftCorrector, head_guidance
from kiosk.gaze.face import features_from_landmarks
from kiosk.gaze.replay import read_session, replay
from kiosk.gaze.tracker import RECENTRE_TARGET, GazeController, GazeSnapshot
from tests.support.gaze_simulate import PEOPLE, SyntheticFace


def look(drift: DriftCorrector, point, t0: float, seconds: float = 1.0) -> float:
    t = t0
    while t < t0 + seconds:
        drift.observe(t, point)
        t += 1 / 30
    return t


def test_confirmed_selections_pull_the_offset_and_an_undo_takes_it_back():
    drift = DriftCorrector(rate=0.5)
    rect = (800, 400, 300, 200)  # centre (950, 500)
    t = look(drift, (950 + 40, 500), 0.0)
    drift.confirm(rect, t)
    assert np.allclose(drift.offset, 0), "within a quarter of the tile: people look at labels"
    t = look(drift, (950, 500 + 150), t)  # the gaze reads 150 px low
    drift.confirm(rect, t)
    assert drift.offset[1] == pytest.approx(-0.5 * (150 - 50))
    drift.undo()
    assert np.allclose(drift.offset, 0)


def test_recentre_sets_the_offset_from_one_look_and_is_capped():
    drift = DriftCorrector(max_offset_px=250)
    t = look(drift, (1000, 560), 0.0)
    assert drift.recentre((960, 540), t)
    assert drift.apply((1000, 560)) == pytest.approx((960, 540))
    t = look(drift, (1900, 1000), t + 5)
    drift.recentre((960, 540), t)
    assert math.hypot(*drift.offset) == pytest.approx(250)
    assert not DriftCorrector().recentre((0, 0), 10.0), "no recent gaze: nothing to learn"


def test_head_guidance_says_which_way_to_move():
    ref = np.zeros(6)
    assert head_guidance(ref, ref).hint is None
    cases = {
        (0, 0, 0, 0, 0, 0.3): "further back",
        (0, 0, 0, 0, 0, -0.3): "closer",
        (0, 0, 0, 80, 0, 0): "to your left",
        (0, 0, 0, -80, 0, 0): "to your right",
        (0.5, 0, 0, 0, 0, 0): "face the screen",
    }
    for terms, words in cases.items():
        g = head_guidance(np.array(terms, float), ref)
        assert g.hint is not None and words in g.hint
    assert not head_guidance(np.array([0.5, 0, 0, 0, 0, 0]), ref).trusted


# A quicker calibration (the same steps): the tests simulate every frame of it.
FAST = {"move_s": 0.25, "settle_s": 0.3, "collect_s": 0.4, "result_s": 0.3}
# A quick calibration that starts by itself, at FAST pace.
QUICK: dict = {"calibration_points": "quick", "auto_after_s": 0.1, "session_options": FAST}


class FollowingTracker:
    """A synthetic person (landmark level) who follows the calibration dot, through the real
    feature extraction; then looks wherever `gaze_at` says."""

    error = None

    def __init__(self, controller_ref: list) -> None:
        self.face = SyntheticFace(PEOPLE["normal"], seed=7)
        self.model = None
        self.now = 0.0
        self.gaze_at: tuple[float, float] = (960, 540)
        self.head = None
        self.recorder = None
        self.controller_ref = controller_ref
        self.source = type("S", (), {"width": 640, "height": 480})()
        self._features = None

    def set_model(self, model, refined: bool = False) -> None:
        self.model = model

    def set_recorder(self, recorder) -> None:
        self.recorder = recorder

    def _frame(self):
        controller = self.controller_ref[0]
        session = controller.calibration
        target = session.target() if session is not None else None
        point = target[:2] if target is not None else self.gaze_at
        lm = self.face.landmarks(point, head=self.head)
        f = features_from_landmarks(lm[:, :2] * [640, 480], 640, 480)
        return dataclasses.replace(f, landmarks=lm, closed=False)

    def drain_samples(self):
        f = self._features = self._frame()
        if self.recorder is not None:
            self.recorder(self.now, f)
        return [(self.now, f)]

    def snapshot(self, now: float = 0.0) -> GazeSnapshot:
        f = self._features or self._frame()
        point = self.model.predict(f) if self.model is not None else None
        return GazeSnapshot(
            self.now, f, point, False, 0.0, 30, 5, 6, 5, 6, None, 1, True, None, False
        )


def following_controller(targets: dict, **options) -> tuple[GazeController, FollowingTracker]:
    """A controller over a FollowingTracker, which looks where the controller's
    calibration asks (else at `gaze_at`), with `targets` on a 1920x1080 screen."""
    ref: list = []
    tracker = FollowingTracker(ref)
    controller = GazeController(tracker, **options)
    ref.append(controller)
    controller.set_targets(targets, (1920, 1080))
    return controller, tracker


def run(controller, tracker, start: float, seconds: float) -> tuple[float, list[str]]:
    t, chosen = start, []
    while t < start + seconds:
        tracker.now = t
        chosen += controller.update(t)
        t += 1 / 30
    return t, chosen


def test_recorded_calibration_replays_and_a_turned_head_freezes_dwell(tmp_path):
    controller, tracker = following_controller(
        {"tile:1": (660, 340, 600, 400), RECENTRE_TARGET: (0, 0, 300, 200)}, **QUICK
    )
    path = tmp_path / "session.jsonl"
    controller.start_recording(str(path))
    assert controller.recording and controller.view().recording
    t, _ = run(controller, tracker, 0.0, 8.5)
    controller.stop_recording()
    assert controller.calibrated and not controller.recording
    assert controller.layout_name in ("tiles", "large", "halves")
    header, frames = read_session(path)
    phases = {f.phase for f in frames}
    assert phases == {"calibration", "test"} and header.frame_px == (640, 480)
    assert replay(header, frames)["target_error_deg_mean"] < 3.0

    # Looking at the tile selects it; with the head turned far away, dwell freezes.
    tracker.gaze_at = (960, 540)
    t, chosen = run(controller, tracker, t, 3.0)
    assert chosen and chosen[0] == "tile:1"
    tracker.head = np.radians([35.0, 0.0, 0.0])
    t, chosen = run(controller, tracker, t, 4.0)
    view = controller.view()
    assert chosen == [] and not view.trusted
    assert view.position_hint is not None
    assert controller.status_text() == view.position_hint


def test_without_calibration_glances_off_the_edges_select():
    controller, tracker = following_controller({"tile:1": (660, 340, 600, 400)}, edges_only=True)
    rng = np.random.default_rng(1)
    t, chosen = 0.0, []
    for point, seconds in [(None, 5.0), ((-900, 540), 0.8), (None, 1.5), ((2820, 540), 0.8)]:
        end = t + seconds
        while t < end:
            tracker.gaze_at = point or (rng.uniform(0, 1920), rng.uniform(0, 1080))
            tracker.now = t
            chosen += controller.update(t)
            t += 1 / 30
    assert chosen == ["gaze:edge-left", "gaze:edge-right"]
    assert not controller.calibrating and controller.layout_name == "edges"
    assert "glance" in controller.status_text()


def test_record_to_writes_each_calibration_to_its_own_file(tmp_path):
    path = tmp_path / "site.jsonl"
    controller, tracker = following_controller(
        {"tile:1": (660, 340, 600, 400)}, record_to=str(path), **QUICK
    )
    t, _ = run(controller, tracker, 0.0, 8.5)
    assert path.exists() and not controller.recording, "closed when the calibration ended"
    controller.start_calibration(now=t)
    assert controller.recording
    run(controller, tracker, t, 8.5)
    second = tmp_path / "site-2.jsonl"
    assert second.exists()
    assert {f.phase for f in read_session(second)[1]} == {"calibration", "test"}


def test_looking_at_the_pause_tile_recentres():
    pause = (1600, 0, 320, 200)
    controller, tracker = following_controller(
        {"tile:1": (660, 340, 600, 400), "gaze:pause": pause}, **QUICK
    )
    t, _ = run(controller, tracker, 0.0, 8.5)
    assert controller.calibrated
    tracker.gaze_at = (1760, 100)
    t, chosen = run(controller, tracker, t, 2.5)
    assert chosen == ["gaze:pause"] and controller.paused
    look = controller.view().point  # corrected by the drift offset
    assert look is not None and math.hypot(look[0] - 1760, look[1] - 100) < 60
