"""Asking when unsure (issue 33, item 2c): the listener was unsure of one command, the
kiosk asks "Next page? Say yes, or look at Yes." and shows Yes and No. Fed messages and
checked on the state and the effects (no app, no clock)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kiosk import core, machine
from kiosk.actions import (
    CONFIRM_NO_TARGET,
    CONFIRM_YES_TARGET,
    Command,
    Do,
    Press,
    Select,
    Source,
)
from kiosk.content import load_library
from kiosk.core.messages import (
    DeviceMode,
    DeviceRequest,
    GazeLookedAt,
    HandInput,
    PagesMeasured,
    PlaySound,
    ScanTick,
    Sound,
    Speak,
    SwitchDown,
    SwitchUp,
    Tick,
    Unsure,
)
from kiosk.settings import DEFAULTS

CONTENT = Path(__file__).resolve().parents[2] / "content"
NEXT = Do(Command.NEXT_PAGE, Source.VOICE)
THREE = Select(3, Source.VOICE)


@pytest.fixture(scope="module")
def home() -> core.State:
    return machine.demo_state(load_library(CONTENT), "home")


@pytest.fixture(scope="module")
def reader(home: core.State) -> core.State:
    state, _ = machine.update(home, Select(1, Source.KEYBOARD))
    document = core.current_document(state)
    assert document is not None
    state, _ = machine.update(state, PagesMeasured(document.key, (0, 2)))
    assert core.screen_kind(state) == "reader" and machine.page_count(state) == 2
    return state


def asked(state: core.State, action=THREE) -> tuple[core.State, list]:
    state, effects = machine.update(state, Unsure(action))
    assert state.confirming is not None and core.screen_kind(state) == "confirm"
    return state, effects


def said(effects: list) -> list[str]:
    return [item.text for e in effects if isinstance(e, Speak) for item in e.items]


def test_an_unsure_tile_number_is_asked_about_with_yes_and_no_shown(home):
    tile = machine.content_targets(home)[2]
    state, effects = asked(home)
    assert said(effects) == [f"Three, {tile.label}? Say yes, or look at Yes."]
    assert DeviceRequest(DeviceMode.CONFIRM_WORDS_ON) in effects  # "yes" and "no" heard
    assert machine.screen_title(state) == f"Three, {tile.label}? Say yes, or look at Yes."
    shown = [t.id for t in machine.targets(state)]
    assert shown[:2] == [CONFIRM_YES_TARGET, CONFIRM_NO_TARGET]
    yes, no = machine.content_targets(state)
    assert {"yes", "three", "number three"} <= set(yes.said) and "no" in no.said
    assert state.place == home.place  # nothing happened yet


def test_an_unsure_command_names_its_control(reader):
    state, effects = asked(reader, NEXT)
    assert said(effects) == ["Next page? Say yes, or look at Yes."]


def test_yes_by_voice_does_it_as_said_by_voice(home):
    state, _ = asked(home)
    state, effects = machine.update(state, Do(Command.CONFIRM_LOOK, Source.VOICE))
    assert state.confirming is None and core.screen_kind(state) == "section"
    assert state.place.path == (2,)  # tile three opened
    assert DeviceRequest(DeviceMode.CONFIRM_WORDS_OFF) in effects
    assert PlaySound(Sound.SELECT) in effects


def test_yes_said_as_its_word_or_the_number_again_presses_yes(home):
    state, _ = asked(home)
    for phrase in ("yes", "three"):
        yes = next(t for t in machine.content_targets(state) if phrase in t.said)
        opened, _ = machine.update(state, replace(yes.action, source=Source.VOICE))
        assert opened.confirming is None and opened.place.path == (2,)


@pytest.mark.parametrize("source", [Source.POINTER, Source.GAZE])
def test_yes_by_touch_or_the_eyes(home, source):
    state, _ = asked(home)
    state, _ = machine.update(state, HandInput(1.0, Press(CONFIRM_YES_TARGET, source)))
    assert state.confirming is None and state.place.path == (2,)


def test_yes_by_looking_at_it_and_saying_this(home):
    state, _ = asked(home)
    state, _ = machine.update(state, GazeLookedAt(CONFIRM_YES_TARGET))
    state, _ = machine.update(state, Do(Command.CONFIRM_LOOK, Source.VOICE))
    assert state.confirming is None and state.place.path == (2,)


def test_yes_by_one_switch_scanning(home):
    state, _ = asked(home)
    for t in (10.0, 10.5):  # start: the first row (Yes and No); into it: Yes; choose
        state, _ = machine.update(state, SwitchDown(t))
        state, _ = machine.update(state, ScanTick(t + 0.2))
        state, _ = machine.update(state, SwitchUp(t + 0.2))
    assert machine.scan_highlight(state).target_ids == (CONFIRM_YES_TARGET,)
    state, effects = machine.update(state, SwitchDown(11.0))
    state, _ = machine.update(state, ScanTick(11.2))
    state, _ = machine.update(state, SwitchUp(11.2))
    assert state.confirming is None and state.place.path == (2,)


def test_the_same_command_said_again_counts_as_yes(reader):
    state, _ = asked(reader, NEXT)
    state, _ = machine.update(state, NEXT)
    assert state.confirming is None and state.place.page == reader.place.page + 1


def test_no_drops_it_quietly(home):
    state, _ = asked(home)
    state, effects = machine.update(state, Press(CONFIRM_NO_TARGET, Source.VOICE))
    assert state.confirming is None and state.place == home.place
    assert not said(effects)
    assert DeviceRequest(DeviceMode.CONFIRM_WORDS_OFF) in effects


def test_the_deadline_drops_it(home):
    state, _ = asked(home)
    state, _ = machine.update(state, Tick(100.0))  # the wait starts here
    assert state.confirming is not None
    state, _ = machine.update(state, Tick(100.0 + DEFAULTS.voice_confirm_s - 0.1))
    assert state.confirming is not None
    state, effects = machine.update(state, Tick(100.0 + DEFAULTS.voice_confirm_s))
    assert state.confirming is None and state.place == home.place
    assert DeviceRequest(DeviceMode.CONFIRM_WORDS_OFF) in effects


def test_the_wait_is_the_setting(home):
    state, _ = asked(replace(home, voice_confirm_s=2.0))
    state, _ = machine.update(state, Tick(0.0))
    state, _ = machine.update(state, Tick(2.0))
    assert state.confirming is None


@pytest.mark.parametrize(
    "other",
    [Select(1, Source.KEYBOARD), Do(Command.HOME, Source.VOICE), Do(Command.BACK, Source.POINTER)],
)
def test_any_other_action_drops_it_and_happens(reader, other):
    state, _ = asked(reader, NEXT)
    expected, _ = machine.update(reader, other)
    state, _ = machine.update(state, other)
    assert state.confirming is None
    assert state.place == expected.place


def test_the_idle_reset_drops_it(reader):
    state, _ = asked(reader, NEXT)
    state, _ = machine.update(state, Do(Command.IDLE_RESET, Source.SYSTEM))
    assert state.confirming is None and state.place == core.start_place(state.library)


def test_moving_the_keyboard_focus_keeps_it(home):
    state, _ = asked(home)
    state, _ = machine.update(state, Do(Command.FOCUS_NEXT, Source.KEYBOARD))
    assert state.confirming is not None and state.focus == CONFIRM_YES_TARGET
    state, _ = machine.update(state, Do(Command.ACTIVATE_FOCUS, Source.KEYBOARD))
    assert state.confirming is None and state.place.path == (2,)


def test_stop_is_never_asked_about(reader):
    state, effects = machine.update(reader, Unsure(Do(Command.STOP, Source.VOICE)))
    assert state == reader and effects == []


def test_a_command_not_offered_on_this_screen_is_not_asked(home):
    for action in (Select(42, Source.VOICE), Do(Command.LOUDER, Source.VOICE)):
        state, effects = machine.update(home, Unsure(action))
        assert state == home and effects == []


def test_only_one_question_at_a_time(home):
    state, _ = asked(home)
    again, effects = machine.update(state, Unsure(Select(1, Source.VOICE)))
    assert again == state and effects == []
