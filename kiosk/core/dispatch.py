"""The update function and its handler registry.

`update(state, message) -> (state, effects)` is the only way state changes. Each kind of
message, and each Command of a `Do` action, has one small handler registered here with
`@on_message(Kind)` or `@on_command(Command.X, ...)`. A new feature is a new handler
module imported in kiosk/core/__init__.py: no edit of a central `if` chain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from kiosk.actions import Command, Do, Press, Select, Source
from kiosk.core.activity import polite_speech
from kiosk.core.messages import (
    DeviceMode,
    DeviceRequest,
    Effect,
    Message,
    PlaySound,
    Record,
    Sound,
)
from kiosk.core.state import State, screen_identity

Result = tuple[State, list[Effect]]
CommandHandler = Callable[[State, Command, Source], Result]
M = TypeVar("M")

_MESSAGES: dict[type[Any], Callable[[State, Any], Result]] = {}
_COMMANDS: dict[Command, CommandHandler] = {}


def on_message(
    kind: type[M],
) -> Callable[[Callable[[State, M], Result]], Callable[[State, M], Result]]:
    """Register the handler of one message type (one handler per type)."""

    def register(handler: Callable[[State, M], Result]) -> Callable[[State, M], Result]:
        if kind in _MESSAGES:
            raise ValueError(f"{kind.__name__} already has a handler")
        _MESSAGES[kind] = handler
        return handler

    return register


def on_command(*commands: Command) -> Callable[[CommandHandler], CommandHandler]:
    """Register the handler of one or more commands (one handler per command)."""

    def register(handler: CommandHandler) -> CommandHandler:
        for command in commands:
            if command in _COMMANDS:
                raise ValueError(f"{command.value!r} already has a handler")
            _COMMANDS[command] = handler
        return handler

    return register


def handled_commands() -> frozenset[Command]:
    return frozenset(_COMMANDS)


def update(state: State, message: Message) -> Result:
    """Apply one message. Unknown or impossible requests leave the state and say why."""
    if isinstance(message, Do | Select | Press):
        state = replace(state, caption="")  # an action's caption lasts until the next one
    handler = _MESSAGES.get(type(message))
    if handler is None:
        raise TypeError(f"no handler for {type(message).__name__}")
    screen, framed = screen_identity(state), state.gaze_looked_at
    state, effects = handler(state, message)
    if (state.bar_page or state.help_page) and screen_identity(state) != screen:
        # A new screen starts on the bar's first page (Back, Read, Next) and help on its own.
        state = replace(state, bar_page=0, help_page=0)
    if state.gaze_looked_at is not None and screen_identity(state) != screen:
        state = replace(state, gaze_looked_at=None)  # a new screen: nothing looked at yet
    if (state.gaze_looked_at is None) != (framed is None):
        # Chatter must not choose: the confirm words are heard only while a tile is framed.
        framing = state.gaze_looked_at is not None
        mode = DeviceMode.CONFIRM_WORDS_ON if framing else DeviceMode.CONFIRM_WORDS_OFF
        effects = [*effects, DeviceRequest(mode)]
    action = message if isinstance(message, Do | Select | Press) else None
    if action is not None and action.source in HANDS_FREE:
        if not any(isinstance(e, PlaySound) for e in effects):
            effects = [*effects, PlaySound(Sound.SELECT)]  # a spoken or looked-at command
    activity, effects = polite_speech(state.activity, effects)
    if action is not None and action.source is not Source.SYSTEM:
        activity = replace(activity, input_seen=True)  # a person's action: someone is there
    if activity != state.activity:
        state = replace(state, activity=activity)
    return state, effects


# Inputs with no touch to feel: every action they send is answered with a sound.
HANDS_FREE = (Source.VOICE, Source.GAZE)


@on_message(Do)
def _do(state: State, action: Do) -> Result:
    handler = _COMMANDS.get(action.command)
    if handler is None:
        return replace(state, caption=f"'{action.command.value}' does nothing here"), []
    return handler(state, action.command, action.source)


def record(event: str, detail: str, source: Source) -> Record:
    return Record(event, detail, source.value)
