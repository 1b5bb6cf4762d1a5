"""The update function: one message in, the new state and the effects out.

`Dispatch.update(state, message) -> (state, effects)` is the only way state changes. It is
built once at start-up (kiosk/machine.py) from three explicit tables: the screens
(kiosk/screens/table.py), the core's handlers of each message type and of each Command
(kiosk/core/handlers.py). A message goes to the shown screen's own rule for its type if it
has one, else to the core's. A handler returns follow-up messages (`FollowUp`) rather than
calling `update` itself; they are applied here, in order, each with the same rules as a
message from outside.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from kiosk.actions import Command, Do, Press, Select, Source
from kiosk.core.activity import polite_speech
from kiosk.core.messages import DeviceMode, DeviceRequest, Effect, Message, PlaySound, Sound
from kiosk.core.screen import CommandHandler, FollowUp, Handler, Outcome, Result, ScreenTable
from kiosk.core.state import State, screen_identity

# Inputs with no touch to feel: every action they send is answered with a sound.
HANDS_FREE = (Source.VOICE, Source.GAZE)


def wants_confirm_words(state: State) -> bool:
    """Chatter must not choose: "yes", "this" are heard only while a tile is framed by
    the eyes or the kiosk asks about a command it was unsure of."""
    return state.gaze_looked_at is not None or state.confirming is not None


class Dispatch:
    def __init__(
        self,
        screens: ScreenTable,
        messages: Mapping[type[Any], Handler],
        commands: Mapping[Command, CommandHandler],
    ) -> None:
        self.screens = screens
        self.messages = dict(messages)
        self.commands = dict(commands)

    def handled_commands(self) -> frozenset[Command]:
        return frozenset(self.commands)

    def handler(self, state: State, message: Message) -> Handler:
        """The shown screen's rule for this message type, else the core's."""
        own = self.screens.of(state).rules.get(type(message))
        if own is not None:
            return own
        if isinstance(message, Do):
            return self._do
        found = self.messages.get(type(message))
        if found is None:
            raise TypeError(f"no handler for {type(message).__name__}")
        return found

    def update(self, state: State, message: Message) -> tuple[State, list[Effect]]:
        """Apply one message. Unknown or impossible requests leave the state and say why."""
        if isinstance(message, Do | Select | Press):
            state = replace(state, caption="")  # an action's caption lasts until the next one
        handler = self.handler(state, message)
        screen, listening_for_yes = screen_identity(state), wants_confirm_words(state)
        state, outcomes = handler(state, message, self.screens)
        state, effects = self._follow(state, outcomes)
        if (state.bar_page or state.help_page) and screen_identity(state) != screen:
            # A new screen starts on the bar's first page (Back, Read, Next) and help on its own.
            state = replace(state, bar_page=0, help_page=0)
        if state.gaze_looked_at is not None and screen_identity(state) != screen:
            state = replace(state, gaze_looked_at=None)  # a new screen: nothing looked at yet
        if wants_confirm_words(state) != listening_for_yes:
            on = not listening_for_yes
            mode = DeviceMode.CONFIRM_WORDS_ON if on else DeviceMode.CONFIRM_WORDS_OFF
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

    def _follow(self, state: State, outcomes: list[Outcome]) -> tuple[State, list[Effect]]:
        """Apply the follow-up messages in order; their effects take their places."""
        effects: list[Effect] = []
        for outcome in outcomes:
            if isinstance(outcome, FollowUp):
                state, more = self.update(state, outcome.message)
                effects += more
            else:
                effects.append(outcome)
        return state, effects

    def _do(self, state: State, action: Do, screens: ScreenTable) -> Result:
        handler = self.commands.get(action.command)
        if handler is None:
            return replace(state, caption=f"'{action.command.value}' does nothing here"), []
        return handler(state, action.command, action.source, screens)
