"""Keys and mouse buttons as switches: which window events are switch presses.

The switch key (space by default) covers the USB switch interfaces that present
themselves as a key; the mouse button (the right one by default, so touch still works)
covers those that present themselves as a mouse. In step scanning a second key moves the
highlight; in automatic scanning that key keeps its usual meaning.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import pygame

from kiosk.core.messages import Message, SwitchDown, SwitchRole, SwitchUp
from kiosk.settings import DEFAULTS, Settings


def key_code(name: str) -> int | None:
    """pygame's code for a key name ("space", "return", "f5", "1"), None if unknown."""
    with warnings.catch_warnings():  # a name lookup: it needs no display, whatever it says
        warnings.simplefilter("ignore")
        try:
            return int(pygame.key.key_code(name.strip().lower()))
        except (ValueError, pygame.error):
            return None


@dataclass
class SwitchInput:
    keys: dict[int, SwitchRole] = field(default_factory=dict)
    mouse_button: int = 0  # 0: no mouse button is a switch
    problems: list[str] = field(default_factory=list)  # for the staff screen and the log

    @classmethod
    def from_settings(cls, settings: Settings) -> SwitchInput:
        found = cls(mouse_button=settings.switch_mouse_button)
        wanted = [("switch_key", settings.switch_key, SwitchRole.CHOOSE)]
        if settings.scan_mode == "step":
            wanted.append(("switch_move_key", settings.switch_move_key, SwitchRole.MOVE))
        for setting, name, role in wanted:
            code = None if "+" in name.strip("+") else key_code(name)
            if code is None:
                default = getattr(DEFAULTS, setting)
                what = (
                    "is a key combination, but a switch is one key (and Ctrl+Shift chords "
                    "are the staff's)"
                    if "+" in name.strip("+")
                    else "is not a key name"
                )
                found.problems.append(f"settings: '{setting}' = {name!r} {what}; using {default!r}")
                code = key_code(default)
            if code is not None:
                found.keys.setdefault(code, role)
        return found

    def message(self, event: pygame.event.Event, now: float) -> Message | None:
        """The switch message for this event, or None when it is not a switch."""
        if event.type in (pygame.KEYDOWN, pygame.KEYUP) and event.key in self.keys:
            if event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
                return None  # staff chords and the desktop's keys stay theirs
            if event.type == pygame.KEYDOWN:
                return SwitchDown(now, self.keys[event.key])
            return SwitchUp(now)
        is_button = event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)
        if is_button and self.mouse_button and event.button == self.mouse_button:
            if event.type == pygame.MOUSEBUTTONDOWN:
                return SwitchDown(now, SwitchRole.CHOOSE)
            return SwitchUp(now)
        return None
