"""Each input's error rate from the field: choices taken back within five seconds,
counted per way in, with nothing but counts kept (kiosk/undone.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pygame

from kiosk import core
from kiosk.actions import BarId, Command, Do, Press, Select, Source
from kiosk.content import load_library
from kiosk.core.messages import SwitchChose, SwitchPressed
from kiosk.testing import FakeClock
from kiosk.undone import UNDONE_WINDOW_S, UndoneCounter, rate_line
from kiosk.usage import UNDONE_RATE, UsageCounter

CONTENT = Path(__file__).resolve().parent.parent / "content"


def test_a_choice_taken_back_at_once_counts_against_the_input_that_made_it():
    counter = UndoneCounter()
    assert counter.note(Select(3, Source.GAZE), 10.0) == ("choice", "gaze")
    assert counter.note(Do(Command.BACK, Source.VOICE), 12.0) == ("undone", "gaze")
    assert counter.note(Select(2, Source.VOICE), 20.0) == ("choice", "voice")
    assert counter.note(Do(Command.STOP, Source.VOICE), 20.0 + UNDONE_WINDOW_S + 0.1) is None
    assert counter.note(Press("type:letter:e", Source.SWITCH), 30.0) == ("choice", "switch")
    assert counter.note(Press("type:delete", Source.SWITCH), 31.0) == ("undone", "switch")
    assert counter.note(Press(BarId.BACK.value, Source.POINTER), 32.0) is None, "once"
    assert counter.rates() == {"gaze": (1, 1), "voice": (0, 1), "switch": (1, 1)}
    line = rate_line(counter.rates())
    assert line == "Choices undone within 5 s: gaze 1 of 1 (100 %), voice 0 of 1 (0 %), " + (
        "switch 1 of 1 (100 %)"
    )


def test_moving_the_focus_and_the_kiosk_s_own_actions_are_not_choices():
    counter = UndoneCounter()
    for action in (Do(Command.FOCUS_NEXT, Source.SWITCH), Select(1, Source.SYSTEM)):
        assert counter.note(action, 1.0) is None
    assert counter.rates() == {}
    assert rate_line({}) == "Choices undone within 5 s: no choices yet"


def test_a_switch_choice_inside_scanning_is_reported_to_the_shell():
    state = core.demo_state(load_library(CONTENT), "home")
    chosen: list = []
    t = 0.0
    for _ in range(200):  # press to start, wait for a row, press, wait for a tile, press
        t += 0.5
        message = SwitchPressed(t) if int(t * 2) % 7 == 0 else core.ScanTick(t)
        state, effects = core.update(state, message)
        chosen += [e.action for e in effects if isinstance(e, SwitchChose)]
        if chosen:
            break
    assert chosen and chosen[0].source is Source.SWITCH


def test_the_export_gives_each_inputs_undone_rate_and_keeps_no_words(tmp_path):
    usage = UsageCounter(tmp_path / "usage.json")
    day = date(2026, 12, 8)
    for _ in range(4):
        usage.count("choice", "", "voice", day)
    usage.count("undone", "", "voice", day)
    rows = usage.to_csv().splitlines()
    assert f"2026-12-08,{UNDONE_RATE},,voice,25" in rows
    assert "2026-12-08,undone,,voice,1" in rows


def test_the_staff_screen_shows_the_rates_of_the_running_kiosk(make_app):
    clock = FakeClock()
    app = make_app(clock=clock, size=(1920, 1080))
    pygame.event.pump()
    app.post(Select(1, Source.GAZE))
    clock.advance(0.1)
    app.step(clock())
    app.post(Do(Command.BACK, Source.VOICE))
    clock.advance(1.0)
    app.step(clock())
    line = next(x for x in app._staff_lines() if x.startswith("Choices undone"))
    assert "gaze 1 of 1 (100 %)" in line and "voice" not in line
