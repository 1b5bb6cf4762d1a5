"""The gaze controller's own rules, with a stand-in tracker (no camera, no face mesh)."""

from __future__ import annotations

from kiosk.gaze.face import NO_FACE
from kiosk.gaze.tracker import GazeController, GazeSnapshot
from tests.support.gaze_simulate import SyntheticEye


class StillTracker:
    """A face that is there (or not) and never follows the dot: calibration is unusable."""

    error = None

    def __init__(self) -> None:
        self.model = None
        self.face = True
        self.now = 0.0
        self.features = SyntheticEye(seed=1).features((960, 540))

    def set_model(self, model, refined: bool = False) -> None:
        self.model = model

    def drain_samples(self):
        return [(self.now, self.features)] if self.face else []

    def snapshot(self, now: float = 0.0) -> GazeSnapshot:
        features = self.features if self.face else NO_FACE
        return GazeSnapshot(
            now, features, None, not self.face, 0.0, 30.0, 5.0, 6.0, 5.0, 6.0, None, 100, True, None
        )


def run(controller: GazeController, tracker: StillTracker, start: float, seconds: float):
    t = start
    while t < start + seconds:
        tracker.now = t
        controller.update(t)
        t += 1 / 30
    return t


def test_after_an_unusable_calibration_it_waits_for_the_face_to_come_back():
    tracker = StillTracker()
    controller = GazeController(
        tracker,
        auto_after_s=0.2,
        session_options={
            "move_s": 0.1,
            "settle_s": 0.1,
            "collect_s": 0.3,
            "result_s": 0.2,
            "poor_result_s": 0.2,
            "unusable_deg": 1.0,
        },
    )
    controller.set_targets({"tile:1": (0, 0, 900, 500)}, (1920, 1080))
    t = run(controller, tracker, 0.0, 0.5)
    assert controller.calibrating, "starts by itself when a face is seen"
    t = run(controller, tracker, t, 20.0)
    assert controller.last_result is not None and controller.last_result.is_poor
    assert not controller.calibrated, "an unusable model is not taken"
    assert not controller.calibrating, "and the moving dot does not come back by itself"
    tracker.face = False
    t = run(controller, tracker, t, 1.0)
    tracker.face = True
    run(controller, tracker, t, 0.5)
    assert controller.calibrating, "a face that left and came back starts afresh"
