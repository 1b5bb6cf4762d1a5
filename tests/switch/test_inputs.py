"""Which window events are switch presses (keys and mouse buttons from the settings)."""

from __future__ import annotations

import pygame

from kiosk.core import SwitchDown, SwitchRole, SwitchUp
from kiosk.settings import Settings
from kiosk.switch.inputs import SwitchInput, key_code


def event(kind: int, **fields) -> pygame.event.Event:
    return pygame.event.Event(kind, **fields)


def test_key_names():
    assert key_code("space") == pygame.K_SPACE
    assert key_code(" Return ") == pygame.K_RETURN
    assert key_code("f5") == pygame.K_F5
    assert key_code("no such key") is None


def test_defaults_space_and_the_right_button():
    switch = SwitchInput.from_settings(Settings())
    assert switch.keys == {pygame.K_SPACE: SwitchRole.CHOOSE} and switch.problems == []
    down = switch.message(event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0), 1.0)
    assert down == SwitchDown(1.0, SwitchRole.CHOOSE)
    assert switch.message(event(pygame.KEYUP, key=pygame.K_SPACE, mod=0), 1.2) == SwitchUp(1.2)
    assert switch.message(event(pygame.MOUSEBUTTONDOWN, button=3, pos=(0, 0)), 2.0) == SwitchDown(
        2.0
    )
    assert switch.message(event(pygame.MOUSEBUTTONUP, button=1, pos=(0, 0)), 2.0) is None
    assert switch.message(event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0), 3.0) is None


def test_step_scanning_adds_the_move_key_and_chords_stay_the_staffs():
    switch = SwitchInput.from_settings(Settings(scan_mode="step", switch_key="f1"))
    assert switch.keys == {pygame.K_F1: SwitchRole.CHOOSE, pygame.K_RETURN: SwitchRole.MOVE}
    chord = event(pygame.KEYDOWN, key=pygame.K_F1, mod=pygame.KMOD_LCTRL)
    assert switch.message(chord, 0.0) is None


def test_a_bad_key_name_is_reported_and_the_default_used():
    switch = SwitchInput.from_settings(Settings(switch_key="spacebar!", switch_mouse_button=0))
    assert switch.keys == {pygame.K_SPACE: SwitchRole.CHOOSE}
    assert switch.problems == [
        "settings: 'switch_key' = 'spacebar!' is not a key name; using 'space'"
    ]
    assert switch.message(event(pygame.MOUSEBUTTONDOWN, button=3, pos=(0, 0)), 0.0) is None
