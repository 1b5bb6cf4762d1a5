"""Keyboard, touch, mouse and the switch's key or button: pygame's events as a device.

Like voice and gaze it follows kiosk/device.py: each frame `poll` turns the window's
events into messages. Every key, touch or switch press a person makes arrives wrapped in
`HandInput` (it shows someone is there, and cancels an eye calibration instead of
acting; kiosk/core/presence.py). Staff keys and clicks go to the staff screen; window
events (close, resize, hidden, shown) go to the window.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Protocol

import pygame

from kiosk.actions import GAZE_PAUSE_TARGET, Command, Do, Press, Select, Source
from kiosk.core.messages import DeviceMode, HandInput, Message, SwitchDown, SwitchUp
from kiosk.core.state import State
from kiosk.core.typing_keys import keyboard_action, keyboard_types_space
from kiosk.device import InputStatus, Screen
from kiosk.layout import Rect, hit_test
from kiosk.settings import Settings
from kiosk.switch.inputs import SwitchInput
from kiosk.typing.keys import PREFIX as TYPING_PREFIX

KEYS: dict[int, Command] = {
    pygame.K_TAB: Command.FOCUS_NEXT,
    pygame.K_RIGHT: Command.FOCUS_NEXT,
    pygame.K_DOWN: Command.FOCUS_NEXT,
    pygame.K_LEFT: Command.FOCUS_PREVIOUS,
    pygame.K_UP: Command.FOCUS_PREVIOUS,
    pygame.K_RETURN: Command.ACTIVATE_FOCUS,
    pygame.K_KP_ENTER: Command.ACTIVATE_FOCUS,
    pygame.K_SPACE: Command.ACTIVATE_FOCUS,
    pygame.K_BACKSPACE: Command.BACK,
    pygame.K_HOME: Command.HOME,
    pygame.K_r: Command.READ,
    pygame.K_p: Command.PAUSE,
    pygame.K_s: Command.STOP,
    pygame.K_c: Command.RESUME,
    pygame.K_PAGEDOWN: Command.NEXT_PAGE,
    pygame.K_n: Command.NEXT_PAGE,
    pygame.K_PAGEUP: Command.PREVIOUS_PAGE,
    pygame.K_b: Command.PREVIOUS_PAGE,
    pygame.K_h: Command.HELP,
    pygame.K_F1: Command.HELP,
    pygame.K_EQUALS: Command.LOUDER,
    pygame.K_PLUS: Command.LOUDER,
    pygame.K_KP_PLUS: Command.LOUDER,
    pygame.K_MINUS: Command.SOFTER,
    pygame.K_KP_MINUS: Command.SOFTER,
    pygame.K_RIGHTBRACKET: Command.FASTER,
    pygame.K_LEFTBRACKET: Command.SLOWER,
    pygame.K_a: Command.REPEAT,
    pygame.K_k: Command.CALIBRATE,
    pygame.K_x: Command.PRIVACY,
    pygame.K_g: Command.GAZE_PAUSE_TOGGLE,
}

# Window events and the WindowGuard method each one calls.
WINDOW_EVENTS = {
    pygame.WINDOWMINIMIZED: "hidden",
    pygame.WINDOWHIDDEN: "hidden",
    pygame.WINDOWRESTORED: "shown",
    pygame.WINDOWSHOWN: "shown",
    pygame.WINDOWFOCUSLOST: "focus_lost",
    pygame.WINDOWFOCUSGAINED: "focus_gained",
}
EXPOSED = (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN)


class WindowEvents(Protocol):
    """Where the window's own events go (kiosk/shell/window.py)."""

    def close_requested(self) -> None: ...

    def exposed(self, resized: bool) -> None: ...

    def guard(self, what: str) -> None: ...

    def size(self) -> tuple[int, int]: ...


class Staff(Protocol):
    """The staff screen's side of the keyboard and mouse (kiosk/staff.py)."""

    @property
    def open(self) -> bool: ...

    def chord(self, exit_requested: bool) -> None: ...

    def key(self, event: pygame.event.Event) -> None: ...

    def click(self, pos: tuple[float, float], size: tuple[int, int]) -> None: ...


class PygameInput:
    name = "input"

    def __init__(
        self,
        settings: Settings,
        staff: Staff,
        window: WindowEvents,
        state: Callable[[], State | None] = lambda: None,
    ) -> None:
        self.switch = SwitchInput.from_settings(settings)
        self.state = state  # read only: the typing screen's keyboard needs the message
        self.staff = staff
        self.window = window
        self._rects: Mapping[str, Rect] | None = None
        self._status = InputStatus(problems=tuple(self.switch.problems))
        # What the keyboard typed in this batch of events: the state read above has not
        # seen it yet, so a space right after a letter would read as the switch.
        self._typed_in_batch: str | None = ""  # None: deleted in this batch (ask the state)
        self._space_typed_down = False  # the space bar's press typed: its release does too

    # -------------------------------------------------------------- the contract
    def start(self) -> None:
        pass

    @property
    def status(self) -> InputStatus:
        return self._status

    def screen_changed(self, screen: Screen) -> None:
        self._rects = screen.rects

    def request(self, what: DeviceMode) -> None:
        pass

    def close(self) -> None:
        pass

    def poll(self, now: float) -> list[Message]:
        messages: list[Message] = []
        self._typed_in_batch = ""
        for event in pygame.event.get():
            message = self._message(event, now)
            if message is not None:
                messages.append(message)
                self._note_typed(message)
        return messages

    def _note_typed(self, message: Message) -> None:
        action = message.then if isinstance(message, HandInput) else None
        if not isinstance(action, Press) or self._typed_in_batch is None:
            return
        kind = action.target.removeprefix(TYPING_PREFIX)
        if kind.startswith("letter:"):
            self._typed_in_batch += kind.removeprefix("letter:")
        elif kind == "space":
            self._typed_in_batch += " "
        elif kind.startswith("delete"):
            self._typed_in_batch = None

    # -------------------------------------------------------------- events
    def _message(self, event: pygame.event.Event, now: float) -> Message | None:
        if event.type == pygame.QUIT:
            self.window.close_requested()
            return None
        switch = (
            None if self.staff.open or self._types_space(event) else self.switch.message(event, now)
        )
        if isinstance(switch, SwitchDown | SwitchUp):
            return HandInput(now, switch)
        if event.type == pygame.KEYDOWN:
            return self._key(event, now)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            if self.staff.open:
                self.staff.click(event.pos, self.window.size())
                return None
            return self._touch(event.pos, now)
        if event.type == pygame.FINGERUP:
            w, h = self.window.size()
            return self._touch((event.x * w, event.y * h), now)
        if event.type == pygame.VIDEORESIZE:
            self.window.exposed(resized=True)
        elif event.type in EXPOSED:
            self.window.exposed(resized=False)  # uncovered: its pixels must be drawn again
        if event.type in WINDOW_EVENTS:
            self.window.guard(WINDOW_EVENTS[event.type])
        return None

    def _types_space(self, event: pygame.event.Event) -> bool:
        """On the typing screen a keyboard's space bar types a space (not the switch), also
        right after a letter typed in the same batch of events; its release goes with it."""
        if event.type not in (pygame.KEYDOWN, pygame.KEYUP) or event.key != pygame.K_SPACE:
            return False
        if event.type == pygame.KEYUP:
            typed, self._space_typed_down = self._space_typed_down, False
            return typed
        state = self.state()
        if state is None:
            return False
        if self._typed_in_batch:
            text = state.typing.text + self._typed_in_batch
            state = replace(state, typing=replace(state.typing, text=text))
        self._space_typed_down = keyboard_types_space(state)
        return self._space_typed_down

    def _typed(self, event: pygame.event.Event) -> Press | None:
        """The typing screen: letters type, Backspace deletes."""
        state = self.state()
        if state is None:
            return None
        ctrl = bool(event.mod & pygame.KMOD_CTRL)
        return keyboard_action(state, event.unicode, pygame.key.name(event.key), ctrl)

    def _key(self, event: pygame.event.Event, now: float) -> Message | None:
        mods = event.mod
        ctrl_shift = (mods & pygame.KMOD_CTRL) and (mods & pygame.KMOD_SHIFT)
        if ctrl_shift and event.key in (pygame.K_q, pygame.K_e):
            self.staff.chord(exit_requested=event.key == pygame.K_q)
            return None
        if self.staff.open:
            self.staff.key(event)
            return None
        if event.key == pygame.K_TAB and mods & pygame.KMOD_SHIFT:
            return HandInput(now, Do(Command.FOCUS_PREVIOUS, Source.KEYBOARD))
        typed = self._typed(event)
        if typed is not None:
            return HandInput(now, typed)
        if pygame.K_1 <= event.key <= pygame.K_9:
            return HandInput(now, Select(event.key - pygame.K_0, Source.KEYBOARD))
        command = KEYS.get(event.key)
        return HandInput(now, None if command is None else Do(command, Source.KEYBOARD))

    def _touch(self, pos: tuple[float, float], now: float) -> Message:
        if self._rects is None:
            return HandInput(now, None)
        target_id = hit_test(dict(self._rects), pos)
        if target_id == GAZE_PAUSE_TARGET:
            return HandInput(now, Do(Command.GAZE_PAUSE_TOGGLE, Source.POINTER))
        if target_id is not None:
            return HandInput(now, Press(target_id, Source.POINTER))
        return HandInput(now, None)
