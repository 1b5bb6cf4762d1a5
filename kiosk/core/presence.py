"""Handlers for whether someone is there: input seen, "still there?", the idle reset
for the next person, hands during eye calibration, and the kiosk's own speaking."""

from __future__ import annotations

from dataclasses import replace

from kiosk.actions import Command, Do, Source
from kiosk.core.activity import Activity
from kiosk.core.messages import (
    CalibrationChanged,
    DeviceMode,
    DeviceRequest,
    HandInput,
    LogLine,
    SpeakingChanged,
    Tick,
)
from kiosk.core.screen import FollowUp, Result, ScreenTable
from kiosk.core.state import State, start_place
from kiosk.timings import STILL_THERE_S


def hand_input(state: State, message: HandInput, screens: ScreenTable) -> Result:
    """A touch or key during calibration means this person does not want eye control
    now: it cancels the calibration and does nothing else."""
    state = _set(state, replace(state.activity, input_seen=True))
    if state.activity.calibrating:
        return state, [DeviceRequest(DeviceMode.CANCEL_CALIBRATION)]
    if message.then is None:
        return state, []
    return state, [FollowUp(message.then)]


def calibration(state: State, message: CalibrationChanged, screens: ScreenTable) -> Result:
    return _set(state, replace(state.activity, calibrating=message.active)), []


def speaking(state: State, message: SpeakingChanged, screens: ScreenTable) -> Result:
    return _set(state, replace(state.activity, speaking=message.speaking)), []


def at_start(state: State) -> bool:
    return (
        state.place == start_place(state.library)
        and not state.help_open
        and state.reading == "idle"
    )


def tick(state: State, tick: Tick, screens: ScreenTable) -> Result:
    """The idle rules. Someone listening to a long section gives no input for minutes:
    the idle time only starts when the reading ends or is paused. Before a reset the
    person is asked "still there?" (WCAG 2.2.1); a face looking at the screen is someone
    still reading, as good as an answer. The reset runs on every screen, the first one
    included, once a person has given any input: privacy mode, speed or a typed message
    set on the start screen must not pass to the next person."""
    now, activity = tick.time, state.activity
    if activity.input_seen:
        activity = replace(activity, input_seen=False, last_input=now, visitor_seen=True)
    if state.reading == "reading":
        return _set(state, replace(activity, last_input=now, still_there=False)), []
    untouched = at_start(state) and not activity.visitor_seen
    timeout = activity.idle_timeout_s
    idle = now - activity.last_input
    if not untouched and idle >= max(timeout - STILL_THERE_S, timeout / 2):
        if tick.face_on_screen:
            return _set(state, replace(activity, last_input=now, still_there=False)), []
        activity = replace(activity, still_there=True)
    else:
        activity = replace(activity, still_there=False)
    if idle < timeout:
        return _set(state, activity), []
    activity = replace(activity, last_input=now, still_there=False, visitor_seen=False)
    state = _set(state, activity)
    if untouched:
        return state, []
    log = LogLine(f"idle for {timeout:.0f} s: back to the start for the next person")
    return state, [log, FollowUp(Do(Command.IDLE_RESET, Source.SYSTEM))]


def _set(state: State, activity: Activity) -> State:
    return state if activity == state.activity else replace(state, activity=activity)
