"""Asking when unsure: the listener was unsure of one command (between it and nothing),
so the kiosk asks ("Next page? Say yes, or look at Yes.") instead of acting or ignoring
it. The question's own rules, while it is shown, are the confirm screen's
(kiosk/screens/confirm/); here is how it starts and how it ends."""

from __future__ import annotations

from dataclasses import replace

import kiosk.core.words as words
from kiosk.actions import NUMBER_WORDS, Action, Command, Do, Select, Source
from kiosk.core.messages import Unsure
from kiosk.core.screen import FollowUp, Result, ScreenTable
from kiosk.core.state import Confirming, State, Target
from kiosk.core.transitions import announce, stop_reading


def as_voice(action: Action) -> Action:
    return replace(action, source=Source.VOICE)


def offered(state: State, action: Action, screens: ScreenTable) -> Target | None:
    """The target on the screen now that does `action` (None: it is not offered here)."""
    wanted = replace(action, source=Source.SYSTEM)
    return next((t for t in screens.targets(state) if t.action == wanted), None)


def spoken_label(target: Target) -> str:
    """ "Next page", "Three, Diagnosis and treatment": what the question names."""
    if target.number is not None and isinstance(target.action, Select):
        number = target.number
        said = NUMBER_WORDS[number] if number < len(NUMBER_WORDS) else str(number)
        return f"{said.capitalize()}, {target.label}"
    return target.speech


def unsure(state: State, message: Unsure, screens: ScreenTable) -> Result:
    """Ask about the command when nothing else is asked, it is offered here, and it is
    not "stop" (the kiosk would say "stop?" over what it was told to stop)."""
    action = message.action
    if state.confirming is not None or action == Do(Command.STOP, action.source):
        return state, []
    target = offered(state, action, screens)
    if target is None:
        return state, []
    label = spoken_label(target)
    state, stop = stop_reading(state)
    # The question takes the place of the listener's "Did you say ...? Say it again."
    pending = Confirming(as_voice(action), label)
    state = replace(state, confirming=pending, focus=None, caption="")
    state, speak = announce(state, words.unsure_prompt(label))
    return state, [*stop, *speak]


def accept(state: State) -> Result:
    """Yes: the command as if it had been heard clearly."""
    assert state.confirming is not None
    action = state.confirming.action
    return replace(state, confirming=None), [FollowUp(action)]


def drop(state: State) -> State:
    """No, the deadline or anything else: the question goes, quietly."""
    return replace(state, confirming=None) if state.confirming is not None else state


def same_again(state: State, action: Action) -> bool:
    """The command asked about, said again: it counts as yes."""
    pending = state.confirming
    return pending is not None and action.source is Source.VOICE and action == pending.action
