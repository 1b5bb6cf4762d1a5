"""The device contract: the one way in and the one way out for every input device.

A device (camera + gaze, microphone + voice, a switch, ...) lives at the edge:

- **in**: each frame the app calls `poll(now)` on the main thread; the device returns
  what it sensed as messages for the one queue: actions (`Press`, `Select`, `Do`) and
  reports (`NoticeChanged` for a plain-words problem, `Heard` for a caption,
  `Feedback` for a sound). Threads of its own hand their findings to `poll`.
- **out**: `status` is a small frozen value the view draws (camera on, dwell fills...).
- the app tells it what is on screen (`screen_changed`) and what the core asked of the
  devices (`request`, a `DeviceMode`), and closes it at exit.

A device never imports or touches the app, the view or pygame's display. Adding a device
is a class with these five methods and a status value, created in kiosk/input_devices.py
(keyboard, touch and switch: kiosk/shell/pygame_input.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from kiosk.core.messages import DeviceMode, Message
from kiosk.core.state import ScreenKind, Target
from kiosk.layout import Rect


@dataclass(frozen=True)
class Screen:
    """What a device needs to know about the screen now shown."""

    kind: ScreenKind
    targets: tuple[Target, ...]
    rects: Mapping[str, Rect]  # target id -> where it is (includes the gaze pause target)
    size: tuple[int, int]


@dataclass(frozen=True)
class GazeStatus:
    """What eye control shows: camera state, dwell fills, the calibration screen."""

    camera: str = "off"  # off | on | error | paused
    available: bool = False
    dwell: Mapping[str, float] = field(default_factory=dict)
    point: tuple[float, float] | None = None
    show_cursor: bool = False
    paused: bool = False
    face_lost: bool = False
    thumbnail: Any = None  # mirrored RGB camera image for "look at the screen"
    calibration: Any = None  # a gaze CalibrationSession while calibrating
    looked_at: str | None = None  # the target highlighted as looked at (look and confirm)
    confirm: tuple[str, tuple[float, float, float, float]] | None = None  # beside it: id, rect

    @property
    def calibrating(self) -> bool:
        return self.calibration is not None


@dataclass(frozen=True)
class VoiceStatus:
    state: str = "off"  # off | starting | listening | hearing | asleep | error


@dataclass(frozen=True)
class InputStatus:
    """Keyboard, touch and switch (kiosk/shell/pygame_input.py): always there; the
    problems are switch keys the settings name that do not exist."""

    problems: tuple[str, ...] = ()


DeviceStatus = GazeStatus | VoiceStatus | InputStatus


@runtime_checkable
class Device(Protocol):
    """One input device. See the module docstring for the rules."""

    name: str

    def start(self) -> None:
        """Start in the background; never block the main loop, never raise for a
        missing device (report it through `poll` instead)."""

    def poll(self, now: float) -> Sequence[Message]:
        """Main thread, every frame: the messages sensed since the last call."""

    @property
    def status(self) -> DeviceStatus:
        """A small frozen value the view draws (GazeStatus, VoiceStatus, ...)."""

    def screen_changed(self, screen: Screen) -> None:
        """The targets on screen changed (what can be said, where to look)."""

    def request(self, what: DeviceMode) -> None:
        """The core asked the devices for something (privacy, calibrate, ...);
        a device ignores what is not for it."""

    def close(self) -> None:
        """Stop threads and release the hardware."""
