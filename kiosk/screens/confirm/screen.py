"""The question over the screen: "Next page? Say yes, or look at Yes." with two targets,
Yes and No, that touch, the eyes, a switch and voice can choose.

Yes (or the command said again) does the command as said by voice; No, the deadline
(`settings.voice_confirm_s`, counted from the first Tick) or any other action drops the
question quietly, and that other action then happens as usual (Home, Back, the idle
reset). Moving the keyboard's focus does not drop it.
"""

from __future__ import annotations

from dataclasses import replace

import kiosk.core.words as core_words
from kiosk.actions import (
    CONFIRM_NO_TARGET,
    CONFIRM_YES_TARGET,
    NUMBER_WORDS,
    Action,
    Command,
    Do,
    Press,
    Select,
)
from kiosk.core import confirm, navigation, presence
from kiosk.core.gaze_layout import choose_looked_at, looked_at_target
from kiosk.core.messages import Tick
from kiosk.core.screen import FollowUp, Result, Screen, ScreenTable
from kiosk.core.state import Confirming, State, Target
from kiosk.screens.confirm import words

# Keys and switches move the focus to reach Yes or No: that is not another choice.
MOVES_FOCUS = {
    Command.FOCUS_NEXT: navigation.move_focus,
    Command.FOCUS_PREVIOUS: navigation.move_focus,
    Command.ACTIVATE_FOCUS: navigation.activate_focus,
}


def said_again(pending: Confirming | None) -> tuple[str, ...]:
    """A tile's number said again names Yes ("three", "number three"); a command said
    again comes as the command itself (always in the vocabulary)."""
    if pending is None or not isinstance(pending.action, Select):
        return ()
    number = pending.action.number
    if number >= len(NUMBER_WORDS):
        return ()
    said = NUMBER_WORDS[number]
    return (said, f"number {said}", f"open {said}")


def answers(state: State) -> tuple[Target, ...]:
    yes = Target(
        CONFIRM_YES_TARGET,
        None,
        words.YES[0],
        Press(CONFIRM_YES_TARGET),
        words.YES[1],
        said=words.YES_SAID + said_again(state.confirming),
    )
    no = Target(
        CONFIRM_NO_TARGET, None, words.NO[0], Press(CONFIRM_NO_TARGET), words.NO[1], words.NO_SAID
    )
    return (yes, no)


def question(state: State) -> str:
    """The header shows the whole question, as said: "Next page? Say yes, or look at Yes." """
    pending = state.confirming
    return core_words.unsure_prompt(pending.label) if pending is not None else ""


def otherwise(state: State, action: Action) -> Result:
    """Anything else: the question goes quietly, and the action happens as usual."""
    if confirm.same_again(state, action):
        return confirm.accept(state)
    return confirm.drop(state), [FollowUp(action)]


def pressed(state: State, press: Press, screens: ScreenTable) -> Result:
    if press.target == CONFIRM_YES_TARGET:
        return confirm.accept(state)
    if press.target == CONFIRM_NO_TARGET:
        return confirm.drop(state), []
    return otherwise(state, press)


def selected(state: State, select: Select, screens: ScreenTable) -> Result:
    return otherwise(state, select)


def command(state: State, do: Do, screens: ScreenTable) -> Result:
    move = MOVES_FOCUS.get(do.command)
    if move is not None:
        return move(state, do.command, do.source, screens)
    if do.command is Command.CONFIRM_LOOK:  # "yes": the look's target, else Yes
        if looked_at_target(state, screens) is not None:
            return choose_looked_at(state, do.source, screens)
        return confirm.accept(state)
    return otherwise(state, do)


def tick(state: State, message: Tick, screens: ScreenTable) -> Result:
    """The wait starts at the first Tick after asking; past it, the question goes."""
    pending = state.confirming
    if pending is not None and pending.deadline is None:
        deadline = message.time + state.voice_confirm_s
        state = replace(state, confirming=replace(pending, deadline=deadline))
    elif pending is not None and pending.deadline is not None and message.time >= pending.deadline:
        state = confirm.drop(state)
    return presence.tick(state, message, screens)


SCREEN = Screen(
    "confirm",
    question,
    targets=answers,
    rules={Press: pressed, Select: selected, Do: command, Tick: tick},
    credit=False,
    speech=lambda state, screens: question(state),
)
