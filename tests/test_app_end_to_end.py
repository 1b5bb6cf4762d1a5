"""The real application, headless: driven by key and mouse events, with real speech.

SDL's dummy video and audio drivers stand in for the screen and the sound card; the
speech is really synthesized by pyttsx3/espeak-ng and really played through the mixer.
"""

from __future__ import annotations

import time

import numpy as np
import pygame
import pytest

from kiosk import core, machine
from kiosk.actions import Command, Do, Select, Source
from kiosk.app import CAPTION_SECONDS, App
from kiosk.settings import Settings
from tests.support import FakeClock, run_for


def press(app: App, key: int, mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=""))
    app.step(time.monotonic())


def click(app: App, target_id: str) -> None:
    x, y, w, h = app._target_rects()[target_id]
    pos = (x + w // 2, y + h // 2)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=pos))
    app.step(time.monotonic())


def run_until(app: App, condition, timeout: float = 10.0) -> bool:
    return run_for(app, timeout, condition, frame_s=0.01)


def screen_pixels(app: App) -> np.ndarray:
    return pygame.surfarray.array3d(pygame.display.get_surface())


@pytest.fixture
def app(make_app):
    return make_app()


def test_browse_by_keyboard_and_mouse_and_hear_it_read(app):
    assert core.screen_kind(app.state) == "home"
    assert len(machine.content_targets(app.state)) == 8  # six topics, Talk, Yes / No
    assert screen_pixels(app).std() > 10, "something is drawn"

    press(app, pygame.K_TAB)
    assert app.state.focus == "tile:1"
    assert run_until(app, lambda: app.speech.is_speaking), "focus speaks the tile's name"

    press(app, pygame.K_3)  # "How is ALS diagnosed and treated?" has subsections
    assert core.screen_kind(app.state) == "section"
    click(app, "tile:1")
    assert core.screen_kind(app.state) == "reader"
    document = core.current_document(app.state)
    assert document.title == "Diagnosing ALS"
    assert machine.page_count(app.state) >= 1

    press(app, pygame.K_r)
    assert app.state.reading == "reading"
    assert run_until(app, lambda: app.state.spoken_index is not None), "reading started"
    first = app.state.spoken_index
    assert run_until(app, lambda: app.state.spoken_index not in (None, first), timeout=20), (
        "the highlight moves on with the voice"
    )
    highlight = np.all(screen_pixels(app) == np.array(app.renderer.theme.highlight), axis=2)
    assert highlight.sum() > 500, "the spoken sentence is highlighted on screen"

    press(app, pygame.K_p)
    assert app.state.reading == "paused" and not app.speech.is_speaking
    press(app, pygame.K_c)
    assert app.state.reading == "reading"
    assert run_until(app, lambda: app.speech.is_speaking)
    press(app, pygame.K_s)
    assert app.state.reading == "idle"
    app.step(time.monotonic())
    assert not app.speech.is_speaking, "stop silences at once"

    press(app, pygame.K_BACKSPACE)
    assert core.screen_kind(app.state) == "section"
    click(app, "bar:home")
    assert core.screen_kind(app.state) == "home"


def test_escape_does_not_leave_but_the_staff_chord_does(make_app):
    app = make_app(Settings(fullscreen=True))
    press(app, pygame.K_ESCAPE)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    app.step(time.monotonic())
    assert app.running, "Escape and window close are refused in kiosk mode"
    press(app, pygame.K_q, pygame.KMOD_LCTRL | pygame.KMOD_LSHIFT)
    assert not app.running


def test_idle_reset_returns_to_start(app):
    press(app, pygame.K_1)
    assert core.screen_kind(app.state) == "reader"
    # Time passes (the idle time and a second more).
    app.step(time.monotonic() + app.settings.idle_timeout_s + 1)
    assert core.screen_kind(app.state) == "home"


def test_idle_reset_waits_while_the_kiosk_is_reading_aloud(app):
    press(app, pygame.K_1)
    press(app, pygame.K_r)
    assert app.state.reading == "reading"
    # A listener gives no input while the idle time (and a second more) passes.
    app.step(time.monotonic() + app.settings.idle_timeout_s + 1)
    assert core.screen_kind(app.state) == "reader" and app.state.reading == "reading"
    press(app, pygame.K_p)  # paused and left: the idle time runs again
    # Time passes (the idle time and a second more).
    app.step(time.monotonic() + app.settings.idle_timeout_s + 1)
    assert core.screen_kind(app.state) == "home"


def test_an_error_in_a_frame_is_logged_and_the_kiosk_goes_on(app, monkeypatch, caplog):
    press(app, pygame.K_1)

    def broken(*args, **kwargs):
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(app.renderer, "draw", broken)
    app.window.pacer.expose = True  # draw this frame although nothing changed
    app.step(time.monotonic())
    assert app.running and app.errors_handled == 1
    assert "error while handling a frame" in caplog.text
    monkeypatch.undo()
    app.step(time.monotonic())
    assert core.screen_kind(app.state) == "home", "back on a working screen"


def test_voice_and_gaze_actions_use_the_same_queue(app):
    app.post(Do(Command.HELP, Source.VOICE))
    app.step(time.monotonic())
    assert core.screen_kind(app.state) == "help"
    app.post(Do(Command.BACK, Source.GAZE))
    app.step(time.monotonic())
    assert core.screen_kind(app.state) == "home"


def test_captions_last_four_seconds_and_idle_reset_comes_on_time(make_app):
    """Timing behaviour on a fake clock: no real time passes."""
    clock = FakeClock()
    app = make_app(clock=clock)
    app.post(Do(Command.NEXT_PAGE, Source.KEYBOARD))  # on a one-page screen: a caption
    app.post(Select(1, Source.KEYBOARD))
    app.step(clock())
    caption = app.status.caption
    assert caption and core.screen_kind(app.state) == "reader"
    ticks = {"clock": clock, "sleep": clock.sleep, "frame_s": 0.25}
    run_for(app, CAPTION_SECONDS - 0.25, **ticks)
    assert app.status.caption == caption, "still shown just before its time is up"
    run_for(app, 1.0, **ticks)
    assert app.status.caption == ""
    idle = app.settings.idle_timeout_s
    run_for(app, idle - CAPTION_SECONDS - 1, clock=clock, sleep=clock.sleep, frame_s=5)
    assert core.screen_kind(app.state) == "reader", "not yet idle"
    assert run_for(app, 2, lambda: core.screen_kind(app.state) == "home", **ticks), (
        "back to the start once the idle time is up"
    )
