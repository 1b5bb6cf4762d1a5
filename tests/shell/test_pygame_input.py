"""Keyboard, touch and the switch as a device: pygame events in, HandInput messages out;
staff keys to the staff screen, window events to the window."""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame
import pytest

from kiosk.actions import GAZE_PAUSE_TARGET, Command, Do, Press, Select, Source
from kiosk.core.messages import HandInput, SwitchDown, SwitchRole, SwitchUp
from kiosk.device_contract import Device, Screen
from kiosk.settings import Settings
from kiosk.shell.pygame_input import PygameInput


@dataclass
class Staff:
    open: bool = False
    seen: list[object] = field(default_factory=list)

    def chord(self, exit_requested: bool) -> None:
        self.seen.append(("chord", exit_requested))

    def key(self, event: pygame.event.Event) -> None:
        self.seen.append(("key", event.key))

    def click(self, pos, size) -> None:
        self.seen.append(("click", pos))


@dataclass
class Window:
    seen: list[object] = field(default_factory=list)

    def close_requested(self) -> None:
        self.seen.append("close")

    def exposed(self, resized: bool) -> None:
        self.seen.append(("exposed", resized))

    def guard(self, what: str) -> None:
        self.seen.append(what)

    def size(self) -> tuple[int, int]:
        return (1000, 500)


@pytest.fixture
def device():
    pygame.display.init()
    pygame.event.clear()
    staff, window = Staff(), Window()
    yield PygameInput(Settings(), staff, window), staff, window
    pygame.event.clear()
    pygame.display.quit()


def post(*events: pygame.event.Event) -> None:
    for event in events:
        pygame.event.post(event)


def key(code: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode="")


def test_it_follows_the_device_contract(device):
    assert isinstance(device[0], Device)


def test_keys_become_hand_input_with_their_action(device):
    keys, _, _ = device
    post(key(pygame.K_3), key(pygame.K_n), key(pygame.K_TAB, pygame.KMOD_SHIFT), key(pygame.K_F12))
    assert keys.poll(5.0) == [
        HandInput(5.0, Select(3, Source.KEYBOARD)),
        HandInput(5.0, Do(Command.NEXT_PAGE, Source.KEYBOARD)),
        HandInput(5.0, Do(Command.FOCUS_PREVIOUS, Source.KEYBOARD)),
        HandInput(5.0, None),  # no action, but someone is there (and calibration stops)
    ]


def test_a_touch_presses_the_target_under_it(device):
    keys, _, _ = device
    rects = {"tile:1": (0, 0, 100, 100), GAZE_PAUSE_TARGET: (900, 0, 100, 100)}
    keys.screen_changed(Screen("home", (), rects, (1000, 500)))
    up = pygame.MOUSEBUTTONUP
    post(
        pygame.event.Event(up, button=1, pos=(50, 50)),
        pygame.event.Event(up, button=1, pos=(950, 50)),
        pygame.event.Event(up, button=1, pos=(500, 400)),
        pygame.event.Event(pygame.FINGERUP, x=0.01, y=0.02, finger_id=0, touch_id=0),
    )
    assert keys.poll(1.0) == [
        HandInput(1.0, Press("tile:1", Source.POINTER)),
        HandInput(1.0, Do(Command.GAZE_PAUSE_TOGGLE, Source.POINTER)),
        HandInput(1.0, None),
        HandInput(1.0, Press("tile:1", Source.POINTER)),
    ]


def test_the_switch_key_and_button_are_switch_presses(device):
    keys, _, _ = device
    post(
        key(pygame.K_SPACE),
        pygame.event.Event(pygame.KEYUP, key=pygame.K_SPACE, mod=0),
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=3, pos=(1, 1)),
    )
    assert keys.poll(2.0) == [
        HandInput(2.0, SwitchDown(2.0, SwitchRole.CHOOSE)),
        HandInput(2.0, SwitchUp(2.0)),
        HandInput(2.0, SwitchDown(2.0, SwitchRole.CHOOSE)),
    ]


def test_staff_keys_and_clicks_go_to_the_staff_screen(device):
    keys, staff, _ = device
    post(key(pygame.K_e, pygame.KMOD_LCTRL | pygame.KMOD_LSHIFT))
    assert keys.poll(0.0) == [] and staff.seen == [("chord", False)]
    staff.open = True
    post(key(pygame.K_2), pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=(5, 6)))
    assert keys.poll(0.0) == []
    assert staff.seen[1:] == [("key", pygame.K_2), ("click", (5, 6))]


def test_window_events_go_to_the_window(device):
    keys, _, window = device
    post(
        pygame.event.Event(pygame.QUIT),
        pygame.event.Event(pygame.VIDEORESIZE, size=(800, 600), w=800, h=600),
        pygame.event.Event(pygame.WINDOWMINIMIZED),
        pygame.event.Event(pygame.WINDOWRESTORED),
    )
    assert keys.poll(0.0) == []
    assert window.seen == ["close", ("exposed", True), "hidden", ("exposed", False), "shown"]
