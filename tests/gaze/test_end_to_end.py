"""The whole path, headless: image folder -> camera thread -> face mesh -> calibration ->
gaze point -> dwell -> selected target id -> the app's action."""

from __future__ import annotations

import time

from kiosk.actions import Press, Source
from kiosk.gaze.camera import FrameSource
from kiosk.gaze.tracker import GazeController, GazeTracker
from tests.support.frames import face_frame, write_frames


def test_camera_path_to_selected_target(tmp_path):
    folder = write_frames(tmp_path / "frames", [face_frame(dx=i % 3) for i in range(6)])
    tracker = GazeTracker(FrameSource(str(folder), loop=True, fps=30)).start()
    controller = GazeController(
        tracker,
        auto_calibrate=True,
        auto_after_s=0.3,
        # A photo cannot follow the dot: its model is poor, so take it anyway to test the path.
        session_options={
            "move_s": 0.1,
            "settle_s": 0.1,
            "collect_s": 0.3,
            "result_s": 0.3,
            "poor_result_s": 0.3,
            "unusable_deg": 180.0,
        },
    )
    # The astronaut keeps looking the same way, so her calibrated gaze point lands where
    # the calibration points average: the screen centre, inside "bar:read" here.
    controller.set_targets(
        {
            "bar:read": (660, 340, 600, 400),
            "bar:back": (0, 0, 300, 200),
            "gaze:pause": (1600, 0, 300, 200),
        },
        (1920, 1080),
    )
    selected: list[str] = []
    saw_calibration = False
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline and not selected:
            selected += controller.update(time.monotonic())
            saw_calibration |= controller.calibrating
            view = controller.view()
            time.sleep(1 / 60)
        snap = tracker.snapshot()
    finally:
        tracker.stop()
    assert saw_calibration and controller.calibrated
    assert controller.last_result is not None and controller.last_result.points_used == 5
    assert selected == ["bar:read"]
    assert Press(selected[0], Source.GAZE).name == "press bar:read"
    assert snap.frames > 30 and snap.fps > 10 and not snap.face_lost
    assert snap.eyes_closed is False, "open eyes, judged against her own baseline"
    assert view.camera_on and view.thumbnail is not None and view.thumbnail.shape == (120, 160, 3)
    controller.reset()
    assert not controller.calibrated


def test_no_face_shows_please_look_and_never_selects(tmp_path):
    import numpy as np

    folder = write_frames(tmp_path / "empty", [np.full((480, 640, 3), 90, np.uint8)] * 3)
    tracker = GazeTracker(FrameSource(str(folder), loop=True, fps=30)).start()
    controller = GazeController(tracker)
    controller.set_targets({"tile:1": (0, 0, 1920, 1080)}, (1920, 1080))
    try:
        end = time.monotonic() + 1.5
        got = []
        while time.monotonic() < end:
            got += controller.update(time.monotonic())
            time.sleep(1 / 60)
    finally:
        tracker.stop()
    assert got == [] and not controller.calibrating
    assert controller.view().face_lost
    assert tracker.snapshot().eyes_closed is None, "no face: the switch hears 'not tracking'"
    assert controller.status_text() == "Please look at the screen"


def test_the_lips_are_handed_to_voice_frame_by_frame_never_an_image(tmp_path):
    """settings.lip_gate: each frame's face landmarks, in the face's own proportions, go
    to voice's lips (kiosk.voice.lips), through the real camera thread and face mesh."""
    from kiosk.voice.lips import LipActivity, mouth_opening

    folder = write_frames(tmp_path / "frames", [face_frame(dx=i % 3) for i in range(4)])
    seen: list = []
    lips = LipActivity()

    def sink(t, landmarks):
        seen.append((t, landmarks))
        lips.see(t, landmarks)

    tracker = GazeTracker(FrameSource(str(folder), loop=True, fps=30))
    tracker.set_face_sink(sink)
    tracker.start()
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline and len(seen) < 12:
            time.sleep(0.05)
    finally:
        tracker.stop()
    faces = [points for _, points in seen if points is not None]
    assert len(faces) >= 12 and all(p.shape == (478, 3) for p in faces)
    openings = [mouth_opening(p) for p in faces]
    assert all(o is not None and 0.0 <= o < 0.2 for o in openings), openings  # closed mouth
    times = [t for t, _ in seen]
    assert lips.verdict(times[0], times[-1]).state in ("still", "unknown")
