"""The core's presence rules: idle reset, "still there?", input during eye calibration and
polite speech, fed messages and checked on the state (no app, no clock)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kiosk import core, machine
from kiosk.actions import Command, Do, Select, Source
from kiosk.content import load_library
from kiosk.core.activity import Activity
from kiosk.core.messages import (
    CalibrationChanged,
    DeviceMode,
    DeviceRequest,
    HandInput,
    LogLine,
    Speak,
    SpeakingChanged,
    SpeakItem,
    SpeechKey,
    Tick,
)
from kiosk.timings import STILL_THERE_S

CONTENT = Path(__file__).resolve().parents[2] / "content"
TIMEOUT = 120.0


@pytest.fixture(scope="module")
def start() -> core.State:
    state = core.initial_state(load_library(CONTENT))
    return replace(state, activity=Activity(idle_timeout_s=TIMEOUT, last_input=0.0))


def opened(start: core.State) -> core.State:
    state, _ = machine.update(start, HandInput(0.0, Select(1, Source.KEYBOARD)))
    state, _ = machine.update(state, Tick(0.0))
    return state


def test_a_person_is_asked_before_the_reset_then_the_next_starts_afresh(start):
    state = opened(start)
    assert core.screen_kind(state) == "reader"
    state, _ = machine.update(state, Tick(TIMEOUT - STILL_THERE_S - 1))
    assert not state.activity.still_there
    state, _ = machine.update(state, Tick(TIMEOUT - STILL_THERE_S + 1))
    assert state.activity.still_there
    state, effects = machine.update(state, Tick(TIMEOUT + 1))
    assert state.place == start.place and not state.activity.still_there
    assert DeviceRequest(DeviceMode.RESET_SESSION) in effects
    assert any(isinstance(e, LogLine) and "idle for 120 s" in e.text for e in effects)


def test_any_input_or_a_face_on_the_screen_keeps_the_session(start):
    state = opened(start)
    state, _ = machine.update(state, Tick(TIMEOUT - 10, face_on_screen=True))
    assert not state.activity.still_there and state.activity.last_input == TIMEOUT - 10
    state, _ = machine.update(state, Do(Command.NEXT_PAGE, Source.VOICE))
    state, _ = machine.update(state, Tick(2 * TIMEOUT - 11))
    assert core.screen_kind(state) == "reader", "the voice command counted as input"
    state, _ = machine.update(state, Do(Command.NEXT_PAGE, Source.SYSTEM))
    state, _ = machine.update(state, Tick(3 * TIMEOUT))
    assert core.screen_kind(state) != "reader", "the kiosk's own actions do not"


def test_a_reading_is_never_cut_off_by_the_idle_reset(start):
    state = opened(start)
    state, _ = machine.update(state, Do(Command.READ, Source.KEYBOARD))
    state, _ = machine.update(state, Tick(10 * TIMEOUT))
    assert state.reading == "reading" and state.activity.last_input == 10 * TIMEOUT


def test_an_untouched_start_screen_is_never_reset_nor_asked(start):
    state, effects = machine.update(start, Tick(10 * TIMEOUT))
    assert effects == [] and not state.activity.still_there


def _changed_by_a_visitor(state: core.State, *commands: Command) -> core.State:
    for command in commands:
        state, _ = machine.update(state, HandInput(1.0, Do(command, Source.KEYBOARD)))
    state = replace(state, typing=replace(state.typing, text="secret message"))
    state, _ = machine.update(state, Tick(1.0))
    return state


def _left_alone(state: core.State) -> tuple[core.State, list]:
    state, _ = machine.update(state, Tick(1.0 + TIMEOUT - 5))
    assert state.activity.still_there, "the person is asked first, on every screen"
    return machine.update(state, Tick(1.0 + TIMEOUT + 1))


PER_PERSON = (Command.PRIVACY, Command.SLOWER, Command.SLOWER, Command.SOFTER, Command.SOFTER)


def test_a_visitor_who_leaves_on_the_first_screen_is_reset_for_the_next(start):
    """Privacy mode, the slowest speed, the lowest volume and a typed message set on the
    start screen do not pass to the next person (issue 30: the reset skipped it)."""
    state = _changed_by_a_visitor(start, *PER_PERSON)
    assert state.place == start.place and state.privacy
    assert state.speech_rate < start.speech_rate and state.volume < start.volume
    state, effects = _left_alone(state)
    assert DeviceRequest(DeviceMode.RESET_SESSION) in effects, "camera and mic come back"
    assert not state.privacy and state.typing.text == ""
    assert (state.speech_rate, state.volume) == (start.speech_rate, start.volume)
    assert not state.activity.visitor_seen
    state, effects = machine.update(state, Tick(1.0 + 10 * TIMEOUT))
    assert effects == [], "once reset, the untouched start screen is left alone"


@pytest.mark.parametrize("screen", ["home", "section", "reader", "help", "talk", "yesno", "typing"])
def test_the_reset_runs_from_every_screen(start, screen):
    state = start
    if screen == "help":
        state, _ = machine.update(state, HandInput(0.5, Do(Command.HELP, Source.KEYBOARD)))
        assert state.help_open
    elif screen != "home":
        state = replace(state, place=core.Place(screen, sheet=0, path=(0,)))
    state = _changed_by_a_visitor(state, Command.SLOWER, Command.SOFTER)
    state, effects = _left_alone(state)
    assert DeviceRequest(DeviceMode.RESET_SESSION) in effects
    assert state.place == start.place and not state.help_open
    assert state.typing.text == "" and state.speech_rate == start.speech_rate


def test_a_key_during_calibration_only_cancels_it(start):
    state, _ = machine.update(start, CalibrationChanged(True))
    state, effects = machine.update(state, HandInput(1.0, Select(1, Source.KEYBOARD)))
    assert effects == [DeviceRequest(DeviceMode.CANCEL_CALIBRATION)]
    assert state.place == start.place and state.activity.input_seen
    state, _ = machine.update(state, CalibrationChanged(False))
    state, _ = machine.update(state, HandInput(2.0, Select(1, Source.KEYBOARD)))
    assert core.screen_kind(state) == "reader"


def polite(text: str) -> Speak:
    return Speak((SpeakItem(SpeechKey(0), text, "announce"),), polite=True)


def test_polite_speech_never_cuts_off_other_speech():
    activity = Activity(speaking=True, speaking_politely=False)
    kept = core.activity.polite_speech(activity, [polite("Home")])
    assert kept == (activity, [])
    activity = replace(activity, speaking_politely=True)
    _, effects = core.activity.polite_speech(activity, [polite("Read")])
    assert effects == [polite("Read")], "a scanned name may replace another"
    _, effects = core.activity.polite_speech(Activity(), [polite("Back")])
    assert effects == [polite("Back")], "and is said when nothing else is"


def test_the_players_report_of_silence_lets_polite_speech_through(start):
    state, _ = machine.update(start, SpeakingChanged(True))
    assert state.activity.speaking
    state, _ = machine.update(state, SpeakingChanged(False))
    assert not state.activity.speaking
