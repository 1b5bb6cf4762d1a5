"""Device adapters inside the running app: gaze from recorded frames to an action, and a
camera that fails and comes back without a restart."""

from __future__ import annotations

import dataclasses
import time

import pygame
import pytest

from kiosk import core
from kiosk import input_devices as devices
from kiosk.gaze.camera import CameraError
from kiosk.input_devices import GazeDevice
from kiosk.settings import limit as settings_limit
from tests.support import run_for
from tests.support.frames import face_frame, write_frames


@pytest.fixture
def app(make_app):
    return make_app(size=(1920, 1080), step=False)


@pytest.fixture(scope="module")
def face_mesh():
    """One face mesh for the module (about 1 s to make), as the kiosk keeps one per run."""
    from kiosk.gaze.face import FaceFeatureExtractor

    mesh = FaceFeatureExtractor()
    yield mesh
    mesh.close()


def test_gaze_from_camera_path_opens_the_tile_looked_at(app, tmp_path, face_mesh):
    folder = write_frames(tmp_path / "frames", [face_frame(dx=i % 3) for i in range(6)])
    # Dwell alone (a photo cannot look at the Choose target), at the shortest dwell the
    # settings allow: the path is the same, the wait shorter.
    settings = dataclasses.replace(
        app.settings, dwell_s=settings_limit("dwell_s").low, gaze_trigger="dwell"
    )
    gaze = GazeDevice(settings, str(folder), face_mesh=face_mesh)
    gaze.controller.auto_after_s = 0.3
    # A photo cannot follow the dot: its model is poor, so take it anyway to test the path.
    gaze.controller.session_options = {
        "move_s": 0.1,
        "settle_s": 0.1,
        "collect_s": 0.3,
        "result_s": 0.3,
        "poor_result_s": 0.3,
        "unusable_deg": 180.0,
    }
    app.gaze = gaze
    gaze.start()
    saw_calibration = False

    def opened() -> bool:
        nonlocal saw_calibration
        saw_calibration |= app.status.calibration is not None
        return core.screen_kind(app.state) != "home"

    run_for(app, 40, opened)
    assert saw_calibration, "calibration started by itself when a face was seen"
    assert app.status.camera in ("on", "paused")
    # The still face looks at the middle of the calibration points: one of the middle tiles
    # (a topic, or Talk / Yes / No since the start screen has eight tiles).
    assert core.screen_kind(app.state) in ("reader", "section", "talk", "yesno")


def test_a_camera_that_fails_is_reported_and_recovers(app, monkeypatch, caplog):
    monkeypatch.setattr(devices, "RETRY_S", 0.2)
    attempts = []

    class Tracker:
        error = None
        model = None

        def snapshot(self, now):
            raise AssertionError("not used")

        def stop(self):
            pass

    def factory():
        attempts.append(time.monotonic())
        if len(attempts) < 3:
            raise CameraError(
                "Camera 0 not found: gaze is off; voice, touch and keyboard still work"
            )
        return Tracker()

    gaze = GazeDevice(app.settings, "0", tracker_factory=factory)
    gaze.controller.update = lambda now: []
    app.gaze = gaze
    gaze.start()
    run_for(app, 1.0, lambda: app.status.camera == "error")
    assert app.status.camera == "error"
    assert any("Eye control is off" in n for n in app.notices.values())
    app.post(core.Select(1))
    app.step(time.monotonic())
    assert core.screen_kind(app.state) == "reader", "other inputs keep working"
    run_for(app, 3.0, lambda: len(attempts) >= 3 and gaze.error is None)
    app.step(time.monotonic())
    assert len(attempts) >= 3 and gaze.error is None
    assert "gaze" not in app.notices, "the notice goes when the camera is back"
    said = [
        r
        for r in caplog.records
        if "eye gaze unavailable" in r.getMessage() and r.levelname == "ERROR"
    ]
    assert len(said) == 1, "the same failure is logged once, not on every retry"


def test_privacy_turns_the_camera_off_until_the_next_person(app, tmp_path, face_mesh):
    folder = write_frames(tmp_path / "frames", [face_frame()] * 3)
    gaze = GazeDevice(app.settings, str(folder), face_mesh=face_mesh)
    gaze.controller.auto_calibrate = False
    app.gaze = gaze
    gaze.start()
    run_for(app, 5, lambda: app.status.camera == "on")
    assert app.status.camera == "on"
    face_mesh = gaze._extractor
    app.post(core.Do(core.Command.PRIVACY))
    off = lambda: app.status.camera == "off" and gaze.controller.tracker is None  # noqa: E731
    run_for(app, 5, off)  # at once on a quiet machine; a loaded one may need a few frames
    assert off()
    app.post(core.Do(core.Command.IDLE_RESET))
    run_for(app, 5, lambda: app.status.camera == "on")
    assert app.status.camera == "on"
    # mediapipe leaks memory for every face mesh made: the camera restarts, the mesh stays.
    assert face_mesh is not None and gaze._extractor is face_mesh


def test_a_key_during_calibration_cancels_it_and_does_nothing_else(app):
    class Tracker:
        error = None
        model = "the last person's model"

        def __init__(self):
            self.models = []

        def set_model(self, model, refined=False):
            self.models.append(model)

        def drain_samples(self):
            return []

        def stop(self):
            pass

    tracker = Tracker()
    gaze = GazeDevice(app.settings, "0", tracker_factory=lambda: tracker)
    gaze.controller.update = lambda now: []
    app.gaze = gaze
    gaze.start()
    gaze._starter.join(timeout=5)
    app.post(core.Do(core.Command.CALIBRATE))
    app.step(time.monotonic())
    app.step(time.monotonic())
    assert app.status.calibration is not None
    screen = core.screen_kind(app.state)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_1, mod=0, unicode="1"))
    app.step(time.monotonic())
    app.step(time.monotonic())
    assert gaze.controller.calibration is None and app.status.calibration is None
    assert tracker.models == ["the last person's model"], "the earlier model is kept"
    assert not gaze.controller.auto_calibrate, "and calibration does not start by itself"
    assert core.screen_kind(app.state) == screen, "the key only cancelled"


def test_with_lip_gate_the_camera_hands_the_lips_to_voice_and_a_reset_forgets_them(monkeypatch):
    from kiosk import input_devices
    from kiosk.core.messages import DeviceMode
    from kiosk.settings import Settings
    from kiosk.voice.lips import LipActivity

    class Listener:
        def __init__(self) -> None:
            self.lips = LipActivity()

        def see_face(self, t, landmarks) -> None:
            self.lips.see(t, landmarks)

        def start(self) -> None: ...
        def set_enabled(self, on) -> None: ...
        def wake(self) -> None: ...

    monkeypatch.setattr(input_devices.VoiceDevice, "_make_listener", lambda self: Listener())
    monkeypatch.setattr(input_devices.GazeDevice, "start", lambda self: None)
    for gate in (False, True):
        found = input_devices.create_devices(Settings(lip_gate=gate), gaze=True, voice=True)
        gaze, voice = found
        assert (gaze.face_sink is not None) is gate
    assert gaze.face_sink == voice.listener.see_face
    gaze.face_sink(1.0, None)
    assert voice.listener.lips.verdict(0.0, 2.0).state == "unknown"
    assert len(voice.listener.lips._samples) == 1
    voice.request(DeviceMode.RESET_SESSION)
    assert len(voice.listener.lips._samples) == 0, "nothing of the last visitor's face"
