"""The real app, headless, driven by one switch: a key, a mouse button; the Talk board."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import pygame
import pytest

from kiosk import core, machine
from tests.support import FakeClock


class Player:
    """Records what the app asks to be said; `speaking` is set by the test."""

    def __init__(self) -> None:
        self.said: list[list[tuple[str, float | None]]] = []
        self.speaking = False

    @property
    def is_speaking(self) -> bool:
        return self.speaking

    def speak(self, items: Sequence[Any]) -> None:
        self.said.append([(item.text, item.volume) for item in items])
        self.speaking = True

    def update(self) -> list[Any]:
        return []

    def stop(self) -> None:
        self.speaking = False

    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def set_rate(self, wpm: int) -> None: ...
    def set_volume(self, volume: float) -> None: ...
    def close(self) -> None: ...


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def switch_app(make_app, clock):
    def make(**settings: Any):
        app = make_app(clock=clock, **settings)
        app.speech = Player()
        return app

    return make


def frame(app, clock: FakeClock, seconds: float = 1 / 30) -> None:
    clock.advance(seconds)
    app.step(clock())


def key(app, clock: FakeClock, code: int = pygame.K_SPACE, hold: float = 0.2) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=" "))
    frame(app, clock)
    frame(app, clock, hold)
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, mod=0))
    frame(app, clock)


def wait_for(app, clock: FakeClock, target_id: str, limit: float = 30.0) -> None:
    """Run frames until the scan highlight includes this target."""
    waited = 0.0
    while waited < limit:
        light = machine.scan_highlight(app.state)
        if light is not None and target_id in light.target_ids:
            return
        frame(app, clock)
        waited += 1 / 30
    raise AssertionError(f"{target_id} was never highlighted")


def choose(app, clock: FakeClock, target_id: str, press=key) -> None:
    """Two presses: one on the row, one on the target (one when the row is a lone one)."""
    while True:
        wait_for(app, clock, target_id)
        light = machine.scan_highlight(app.state)
        press(app, clock)
        if light is not None and light.level == "target":
            return


def test_space_starts_scanning_and_two_presses_open_the_talk_board(switch_app, clock):
    app = switch_app()
    assert machine.scan_highlight(app.state) is None
    key(app, clock)
    assert machine.scan_highlight(app.state).level == "row"
    assert app.speech.said[-1] == [("Row 1", pytest.approx(0.48))]
    choose(app, clock, "tile:7")
    assert core.screen_kind(app.state) == "talk"
    assert app.actions_by_input["switch"] >= 3


def test_a_phrase_is_said_louder_and_never_cut_off_by_scanned_names(switch_app, clock):
    app = switch_app()
    key(app, clock)
    choose(app, clock, "tile:7")
    app.speech.speaking = False
    choose(app, clock, "tile:3")
    assert app.speech.said[-1] == [("Please help me", 1.0)]
    heard = len(app.speech.said)
    for _ in range(3 * 30):  # three seconds of scanning while the phrase is still being said
        frame(app, clock)
    assert len(app.speech.said) == heard
    app.speech.speaking = False
    for _ in range(2 * 30):
        frame(app, clock)
    assert len(app.speech.said) > heard  # names again once it has been said


def test_the_right_mouse_button_is_a_switch_and_the_left_one_still_touches(switch_app, clock):
    app = switch_app()
    rects = app._target_rects()
    x, y, w, h = rects["tile:8"]

    def right_click(app, clock) -> None:
        for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            pygame.event.post(pygame.event.Event(kind, button=3, pos=(x + 5, y + 5)))
            frame(app, clock, 0.15)

    right_click(app, clock)
    assert app.state.scan.active and core.screen_kind(app.state) == "home"
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, button=1, pos=(x + 5, y + 5)))
    frame(app, clock)
    assert core.screen_kind(app.state) == "yesno"  # a touch on "Yes / No"


def test_a_switch_press_that_is_too_short_is_ignored(switch_app, clock):
    app = switch_app(scan_min_press_s=0.3)
    key(app, clock, hold=0.05)
    assert not app.state.scan.active


def test_a_key_name_that_means_nothing_is_reported_and_space_still_works(switch_app, clock):
    app = switch_app(switch_key="spacebar!")
    assert any("'switch_key'" in error for error in app.state.errors)
    key(app, clock)
    assert app.state.scan.active


def test_step_scanning_takes_a_second_key(switch_app, clock):
    app = switch_app(scan_mode="step")
    key(app, clock)
    key(app, clock, pygame.K_RETURN)  # moves: row 2
    assert machine.scan_highlight(app.state).target_ids[0] == "tile:5"


def test_nothing_said_on_the_talk_board_reaches_the_log(switch_app, clock, caplog):
    app = switch_app()
    caplog.set_level(logging.DEBUG, logger="kiosk")
    key(app, clock)
    choose(app, clock, "tile:7")
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_4, mod=0, unicode="4"))
    frame(app, clock)
    assert app.speech.said[-1][0][0] == "Please get the receptionist"
    assert "receptionist" not in caplog.text.lower()
    assert "select 4" not in caplog.text


def test_the_staff_screen_says_how_the_switch_is_set_up(switch_app, clock):
    app = switch_app(scan_mode="step", long_blink_switch=False)
    line = next(line for line in app._staff_lines() if line.startswith("Switch:"))
    assert line == (
        "Switch: key space (moves: return), mouse button right, long blink off; step "
        "scanning every 1.5 s, now off; Talk board: 8 phrases"
    )
