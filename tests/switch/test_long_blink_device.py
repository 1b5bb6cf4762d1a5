"""The gaze device turns a long blink into a switch press (and an ordinary one into none)."""

from __future__ import annotations

from typing import Any

from kiosk.core import DeviceMode, SwitchPressed
from kiosk.gaze.tracker import GazeView
from kiosk.input_devices import GazeDevice
from kiosk.settings import Settings


class Controller:
    """Stands in for the GazeController: the eyes-closed judgement frame by frame."""

    def __init__(self) -> None:
        self.tracker: Any = type("Tracker", (), {"error": None})()
        self.closed: bool | None = False
        self.calibration: Any = None
        self.layout_name: str | None = None
        self.record_error: str | None = None

    def update(self, now: float) -> list[str]:
        return []

    def view(self) -> GazeView:
        return GazeView(eyes_closed=self.closed, camera_on=True, calibration=self.calibration)

    def reset(self) -> None: ...


def device(**settings: Any) -> tuple[GazeDevice, Controller]:
    gaze = GazeDevice(Settings(**settings), "0", tracker_factory=lambda: None)
    controller = Controller()
    gaze.controller = controller  # type: ignore[assignment]
    gaze._starting = True  # no background start in this test
    return gaze, controller


def presses(gaze: GazeDevice, controller: Controller, spans, t: float = 0.0) -> list[float]:
    got = []
    for closed, seconds in spans:
        controller.closed = closed
        for _ in range(round(seconds * 60)):  # the app polls at 60 frames a second
            t += 1 / 60
            got += [m.time for m in gaze.poll(t) if isinstance(m, SwitchPressed)]
    return got


def test_a_long_blink_is_one_press_and_an_ordinary_one_none():
    gaze, controller = device()
    assert presses(gaze, controller, [(False, 1), (True, 0.3), (False, 1)]) == []
    got = presses(gaze, controller, [(False, 1), (True, 1.5), (False, 1)])
    assert len(got) == 1 and 1.75 < got[0] < 1.85


def test_no_presses_while_calibrating_or_when_turned_off():
    gaze, controller = device()
    controller.calibration = object()
    assert presses(gaze, controller, [(True, 2)]) == []
    gaze, controller = device(long_blink_switch=False)
    assert presses(gaze, controller, [(True, 2)]) == []


def test_the_threshold_comes_from_the_settings_and_a_reset_forgets_a_closure():
    gaze, controller = device(long_blink_s=1.5)
    assert presses(gaze, controller, [(True, 1.2), (False, 1)]) == []
    presses(gaze, controller, [(True, 1.0)])
    gaze.request(DeviceMode.RESET_SESSION)
    assert presses(gaze, controller, [(True, 1.0)], t=10.0) == []
