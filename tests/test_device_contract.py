"""Devices tested without an app: what they sense comes back from poll() as messages,
their state as a frozen status value."""

from __future__ import annotations

import dataclasses
import time

import pytest

from kiosk.actions import BarId, Press, Select, Source
from kiosk.core import DeviceMode, Heard, NoticeChanged
from kiosk.device_contract import Device, GazeStatus, Screen, VoiceStatus
from kiosk.gaze.camera import CameraError
from kiosk.input_devices import GazeDevice, VoiceDevice
from kiosk.settings import Settings


def test_a_failing_camera_is_one_notice_and_an_error_status():
    def factory():
        raise CameraError("Camera 0 not found")

    gaze = GazeDevice(Settings(), "0", tracker_factory=factory)
    assert isinstance(gaze, Device)
    gaze.start()
    gaze._starter.join(timeout=5)
    first = gaze.poll(time.monotonic())
    again = gaze.poll(time.monotonic())
    assert first == [
        NoticeChanged("gaze", "Eye control is off right now. Voice and touch still work.")
    ]
    assert again == [], "a notice is sent when it changes, not every frame"
    assert gaze.status.camera == "error" and not gaze.status.available
    with pytest.raises(dataclasses.FrozenInstanceError):
        gaze.status.camera = "on"  # type: ignore[misc]
    gaze.request(DeviceMode.PRIVACY_ON)
    assert gaze.poll(time.monotonic()) == [NoticeChanged("gaze", None)]
    assert gaze.status.camera == "off"
    gaze.close()


class FakeListener:
    """Stands in for VoiceListener: posts from 'its thread' and reports a status."""

    def __init__(self, post):
        self.post = post
        self.state, self.caption, self.caption_id, self.message = "listening", "", 0, ""
        self.context = None
        self.calls: list[str] = []

    def status(self):
        return self

    def set_context(self, targets, kind):
        self.context = (targets, kind)

    def start(self):
        self.calls.append("start")

    def sleep(self):
        self.calls.append("sleep")

    def wake(self):
        self.calls.append("wake")

    def set_enabled(self, on):
        self.calls.append(f"enabled {on}")

    def stop(self):
        self.calls.append("stop")


def test_voice_hands_over_what_was_heard_and_the_action_in_order():
    voice = VoiceDevice(Settings(), listener_factory=lambda: None)
    listener = voice.listener = FakeListener(voice._inbox.append)
    listener.caption, listener.caption_id = "Heard: number one", 1
    listener.post(Select(1, Source.VOICE))
    messages = voice.poll(0.0)
    assert messages == [Heard("Heard: number one"), Select(1, Source.VOICE)]
    assert voice.poll(0.0) == [] and voice.status == VoiceStatus("listening")
    listener.state, listener.message = "error", "Voice control is off right now."
    assert voice.poll(0.0) == [NoticeChanged("voice", "Voice control is off right now.")]
    voice.screen_changed(Screen("home", (), {}, (1920, 1080)))
    assert listener.context == ((), "home")
    voice.request(DeviceMode.VOICE_SLEEP)
    voice.request(DeviceMode.CALIBRATE)  # not for the microphone: ignored
    voice.request(DeviceMode.PRIVACY_OFF)
    assert listener.calls == ["sleep", "enabled True", "wake"]
    assert GazeStatus().camera == "off" and Press(BarId.NEXT.value).target == "bar:next"
