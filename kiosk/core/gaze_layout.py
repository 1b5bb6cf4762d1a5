"""Eye control in the core: targets sized to the person's gaze accuracy, and look and
confirm (any trigger chooses the target the eyes highlight)."""

from __future__ import annotations

from dataclasses import replace

from kiosk.actions import GAZE_PAUSE_TARGET, Command, Do, Press, Source
from kiosk.core.messages import (
    DeviceMode,
    DeviceRequest,
    GazeLayoutChosen,
    GazeLookedAt,
    PlaySound,
    Sound,
)
from kiosk.core.screen import FollowUp, Result, ScreenTable
from kiosk.core.state import State
from kiosk.core.transitions import record
from kiosk.layout import gaze_layout_named


def gaze_layout_chosen(state: State, message: GazeLayoutChosen, screens: ScreenTable) -> Result:
    layout = gaze_layout_named(message.layout)
    if layout == state.gaze_layout:
        return state, []
    # Tiles are paged differently now: start the list from its first page.
    place = replace(state.place, tile_page=0)
    state = replace(state, gaze_layout=layout, place=place, focus=None, bar_page=0, help_page=0)
    return state, [record("gaze layout", layout, Source.GAZE)]


def looked_at(state: State, message: GazeLookedAt, screens: ScreenTable) -> Result:
    return replace(state, gaze_looked_at=message.target), []


def looked_at_target(state: State, screens: ScreenTable) -> str | None:
    """The highlighted target, when it is one the screen shows now."""
    looked = state.gaze_looked_at
    if looked == GAZE_PAUSE_TARGET or any(t.id == looked for t in screens.targets(state)):
        return looked
    return None


def choose_looked_at(state: State, source: Source, screens: ScreenTable) -> Result:
    """A trigger from elsewhere (a switch, a long blink, "this") chooses the highlighted
    target. The caller has checked that there is one."""
    looked = looked_at_target(state, screens)
    assert looked is not None
    state = replace(state, gaze_looked_at=None)  # the next choice needs a new look
    if looked == GAZE_PAUSE_TARGET:
        return state, [FollowUp(Do(Command.GAZE_PAUSE_TOGGLE, source))]
    return state, [DeviceRequest(DeviceMode.GAZE_CHOSEN), FollowUp(Press(looked, source))]


def confirm_look(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    # Accepted only while a tile is looked at: otherwise "yes" or "this" chooses nothing,
    # and the low sound says it was not taken.
    if looked_at_target(state, screens) is None:
        return state, [PlaySound(Sound.ERROR)]
    return choose_looked_at(state, source, screens)
