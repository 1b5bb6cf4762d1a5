"""Switch scanning inside the pure core: messages in, state and effects out, no display."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kiosk import core, machine
from kiosk.actions import Command, Do, Source
from kiosk.content import load_library
from kiosk.core import (
    Record,
    ScanTick,
    Speak,
    SwitchDown,
    SwitchPressed,
    SwitchRole,
    SwitchUp,
)
from kiosk.core.scanning import PAUSED_TEXT, ScanConfig

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def home() -> core.State:
    return machine.demo_state(load_library(CONTENT), "home")


def tap(state: core.State, t: float, hold: float = 0.2) -> tuple[core.State, list]:
    state, a = machine.update(state, SwitchDown(t))
    state, b = machine.update(state, ScanTick(t + hold))
    state, c = machine.update(state, SwitchUp(t + hold))
    return state, a + b + c


def run(state: core.State, start: float, stop: float) -> tuple[core.State, list]:
    """Frames at 30 fps from start to stop; all the effects."""
    effects: list = []
    frames = round((stop - start) * 30)
    for k in range(1, frames + 1):
        state, more = machine.update(state, ScanTick(start + k / 30))
        effects += more
    return state, effects


def spoken(effects) -> list[tuple[str, float | None, bool]]:
    return [(i.text, i.volume, e.polite) for e in effects if isinstance(e, Speak) for i in e.items]


def test_nothing_runs_until_the_first_press(home):
    assert not core.scan_needs_tick(home)
    state, effects = machine.update(home, ScanTick(5.0))
    assert not state.scan.active and effects == []
    assert machine.scan_highlight(home) is None


def test_a_press_starts_scanning_and_names_are_said_quietly_and_politely(home):
    state, effects = tap(home, 0.0)
    assert core.scan_needs_tick(state)
    light = machine.scan_highlight(state)
    assert light.level == "row" and light.target_ids[:2] == ("tile:1", "tile:2")
    [(text, volume, polite)] = spoken(effects)
    assert text == "Row 1"  # short, so it is said within one step
    assert volume == pytest.approx(home.volume * 0.6) and polite


def test_two_presses_open_a_topic_through_the_real_core(home):
    state, _ = tap(home, 0.0)  # start: row 1 highlighted
    state, _ = tap(state, 0.5)  # into row 1: tile 1
    state, _ = run(state, 0.7, 0.7 + 1.5)  # tile 2
    assert machine.scan_highlight(state).target_ids == ("tile:2",)
    state, effects = tap(state, 2.5)
    assert core.screen_kind(state) == "section"  # "Who gets ALS?" has subsections
    assert any(isinstance(e, Record) and e.source == Source.SWITCH.value for e in effects)
    # The new screen is scanned from its top: its first row.
    assert machine.scan_highlight(state).target_ids == ("tile:1", "tile:2")
    assert spoken(effects)[-1][0] == "Row 1"


def test_every_action_is_reachable_on_the_help_screen_including_volume(home):
    state, _ = machine.update(home, Do(Command.HELP))
    state, _ = tap(state, 0.0)  # row of help tiles
    state, _ = tap(state, 0.3)  # Slower
    state, _ = run(state, 0.5, 0.5 + 3 * 1.5)  # Slower, Faster, Softer, Louder
    assert machine.scan_highlight(state).target_ids == ("help:louder",)
    state, effects = tap(state, 5.1)
    assert state.volume == pytest.approx(home.volume + 0.1)


def test_names_are_not_said_while_reading(home):
    reader = machine.demo_state(home.library, "reader")
    state, _ = machine.update(reader, Do(Command.READ))
    state, effects = tap(state, 0.0)
    assert state.reading == "reading" and spoken(effects) == []
    assert machine.scan_highlight(state).target_ids == ("bar:back",)


def test_speak_names_off_still_says_when_scanning_pauses(home):
    state = replace(home, scan_config=ScanConfig(speak_names=False, loops_before_pause=1))
    state, effects = tap(state, 0.0)
    assert spoken(effects) == []
    state, effects = run(state, 0.2, 0.2 + 3 * 1.5 + 0.1)
    assert [text for text, _, _ in spoken(effects)] == [PAUSED_TEXT]
    assert state.scan.phase == "paused" and machine.scan_highlight(state) is None


def test_always_on_scans_from_the_start_and_again_after_an_idle_reset(home):
    state = replace(home, scan_config=ScanConfig(always_on=True))
    assert core.scan_needs_tick(state)
    state, _ = machine.update(state, ScanTick(0.0))
    assert machine.scan_highlight(state) is not None
    state, _ = machine.update(state, Do(Command.IDLE_RESET))
    assert state.scan_config.always_on and not state.scan.active
    state, _ = machine.update(state, ScanTick(1.0))
    assert state.scan.active


def test_an_idle_reset_stops_scanning(home):
    state, _ = tap(home, 0.0)
    state, _ = machine.update(state, Do(Command.IDLE_RESET))
    assert not state.scan.active and not core.scan_needs_tick(state)


def test_a_long_blink_is_one_deliberate_press(home):
    state, _ = machine.update(home, SwitchPressed(0.0))
    assert state.scan.phase == "rows"
    state, _ = machine.update(state, SwitchPressed(0.5))
    assert state.scan.phase == "items"


def test_step_scanning_uses_two_switches(home):
    state = replace(home, scan_config=ScanConfig(mode="step"))
    state, _ = machine.update(state, SwitchPressed(0.0))
    state, _ = run(state, 0.0, 10.0)
    assert machine.scan_highlight(state).target_ids[0] == "tile:1"  # no timer
    state, _ = machine.update(state, SwitchPressed(10.0, SwitchRole.MOVE))
    assert machine.scan_highlight(state).target_ids[0] == "tile:5"  # row 2


def test_another_input_changing_the_screen_restarts_the_scan_at_its_top(home):
    state, _ = tap(home, 0.0)
    state, _ = run(state, 0.2, 0.2 + 2 * 1.5)  # the control bar
    assert machine.scan_highlight(state).target_ids[0] == "bar:back"
    state, _ = machine.update(state, Do(Command.HELP, Source.VOICE))
    state, _ = machine.update(state, ScanTick(3.4))
    assert machine.scan_highlight(state).target_ids[0] == "help:slower"
