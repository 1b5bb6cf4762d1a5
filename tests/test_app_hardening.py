"""Issue 16 in the running app: exit codes, no invisible start, the window kept on screen."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pygame

from kiosk.app import App, Options
from kiosk.cli import main
from kiosk.device_contract import GazeStatus
from kiosk.settings import Settings
from kiosk.supervisor import (
    NO_DISPLAY_EXIT_CODE,
    STAFF_EXIT_CODE,
    TERMINATED_EXIT_CODE,
    WINDOW_HIDDEN_EXIT_CODE,
)
from kiosk.window_guard import GIVE_UP_AFTER_S
from tests.support import FakeClock

ROOT = Path(__file__).resolve().parent.parent
CTRL_SHIFT = pygame.KMOD_LCTRL | pygame.KMOD_LSHIFT


def test_a_staff_exit_has_its_own_exit_code(make_app):
    app = make_app()
    pygame.event.post(
        pygame.event.Event(pygame.KEYDOWN, key=pygame.K_q, mod=CTRL_SHIFT, unicode="")
    )
    app.step(time.monotonic())
    app.step(time.monotonic())
    assert not app.running and app.exit_code == STAFF_EXIT_CODE


def test_no_display_is_a_clear_error_not_an_invisible_start(monkeypatch, caplog):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main(["--no-voice", "--no-gaze"]) == NO_DISPLAY_EXIT_CODE
    assert "there is no display" in caplog.text and "DISPLAY" in caplog.text
    assert not pygame.display.get_init()  # no window was opened


def test_a_minimised_kiosk_is_restored_and_gives_up_if_it_stays_hidden():
    clock = FakeClock()
    app = App(Settings(), Options(voice=False, gaze=False), clock=clock)  # fullscreen kiosk
    try:
        assert app.window.guard_window and os.environ["SDL_VIDEO_MINIMIZE_ON_FOCUS_LOSS"] == "0"
        pygame.event.post(pygame.event.Event(pygame.WINDOWMINIMIZED))
        app.step(clock())
        assert app.window.window_guard.attempts == 1  # restored at once
        pygame.event.post(pygame.event.Event(pygame.WINDOWRESTORED))
        app.step(clock())
        assert app.window.window_guard.problem is None and app.running
        pygame.event.post(pygame.event.Event(pygame.WINDOWHIDDEN))
        for _ in range(int(GIVE_UP_AFTER_S) + 2):
            clock.advance(1.0)
            app.step(clock())
        assert not app.running and app.exit_code == WINDOW_HIDDEN_EXIT_CODE
    finally:
        app.close()


def test_a_window_for_testing_is_left_alone(make_app):
    app = make_app()
    assert not app.window.guard_window


def test_sigterm_from_outside_is_not_a_staff_exit(tmp_path):
    """Issue 16: SIGTERM made the kiosk exit 0, which the supervisor took for a staff exit."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(tmp_path))
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli", "--no-voice", "--no-gaze", "--size", "640x360"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        log = tmp_path / "handsfree-kiosk" / "logs" / "kiosk.log"
        while time.monotonic() < deadline and not (
            log.exists() and "kiosk started" in log.read_text()
        ):
            time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == TERMINATED_EXIT_CODE
    finally:
        if process.poll() is None:
            process.kill()


def test_the_sdl_window_handle_is_made_once_and_kept():
    """A handle made per raise and freed left a dangling pointer in SDL's window data: the
    next window event crashed the kiosk (SIGSEGV under openbox, in benchmarks/soak_wm.py)."""
    app = App(Settings(), Options(voice=False, gaze=False))
    try:
        assert app.window.sdl_window() is app.window.sdl_window()
    finally:
        app.close()


def test_the_last_good_content_stays_when_the_folder_vanishes(make_app, tmp_path):
    """Issue 16: removed or unmounted, the next reload or idle reset dropped every sheet."""
    import shutil

    from kiosk.actions import Command, Do, Source

    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copy(ROOT / "content" / "als.md", folder / "als.md")
    clock = FakeClock()
    app = make_app(content=folder, clock=clock, idle_timeout_s=15)
    sheets = app.state.library.sheets
    shutil.rmtree(folder)
    app.reload_content(force=True)
    assert app.state.library.sheets == sheets
    assert any("does not exist" in error for error in app.state.errors)
    folder.mkdir()  # an unmounted share leaves its empty mount point
    app.post(Do(Command.HELP, Source.KEYBOARD))
    app.step(clock())
    clock.advance(16)  # the idle reset reloads the content
    app.step(clock())
    app.step(clock())
    assert app.state.library.sheets == sheets


def test_the_log_keeps_no_trail_of_what_a_visitor_did(make_app, caplog):
    """Issue 16: every section and command was logged with its time; counts are enough."""
    import logging

    from kiosk.actions import Command, Do, Select, Source

    caplog.set_level(logging.INFO)
    app = make_app()
    for message in (
        Select(1, Source.VOICE),
        Do(Command.READ, Source.KEYBOARD),
        Do(Command.HELP, Source.POINTER),
        Do(Command.BACK, Source.GAZE),
    ):
        app.post(message)
        app.step(time.monotonic())
    section = app.state.library.sheets[0].sections[0].title
    assert section not in caplog.text and "action" not in caplog.text
    assert sum(app.usage.counts.values()) >= 2  # counted instead


def test_notices_about_controls_never_contradict_each_other(make_app):
    """Issue 16: "Touch and eyes still work" was shown while the camera was down."""
    from kiosk.core import NoticeChanged

    app = make_app()
    app.devices.update({"voice": object(), "gaze": object()})  # both asked for
    app._apply(NoticeChanged("voice", "Voice control is off right now. Touch and eyes still work."))
    assert app._shown_notices() == ["Voice control is off right now. Eyes and touch still work."]
    app._apply(NoticeChanged("gaze", "Eye control is off right now. Voice and touch still work."))
    assert app._shown_notices() == ["Voice and eye control are off right now. Touch still works."]
    app._apply(NoticeChanged("sound", "Sound is not working right now. The text is still shown."))
    assert len(app._shown_notices()) == 2
    app.devices.clear()


def test_an_unchanging_screen_is_not_redrawn_every_frame(make_app):
    """Issue 16: the home screen redrew 60 times a second (99 % of a core under X)."""
    from kiosk.actions import Command, Do, Source
    from kiosk.app import REDRAW_S

    clock = FakeClock()
    app = make_app(clock=clock)
    before = app.draws
    for _ in range(120):  # two seconds at 60 frames a second, nothing happening
        clock.advance(1 / 60)
        app.step(clock())
    assert app.draws - before <= 2 * 2 / REDRAW_S  # the safety redraw only
    app.post(Do(Command.HELP, Source.KEYBOARD))
    clock.advance(1 / 60)
    app.step(clock())
    assert app.draws - before >= 1
    drawn = app.draws
    app.status.gaze = GazeStatus(dwell={"bar:home": 0.4})  # a dwell fill moves: every frame
    app._show_device_status = lambda: None  # keep the fake fill (no gaze device here)
    for _ in range(10):
        clock.advance(1 / 30)
        app.step(clock())
    assert app.draws - drawn == 10  # at the animation rate


def test_no_reader_page_runs_under_the_bars_at_the_largest_text(make_app):
    """Issue 16: at text_scale 2.0, 23 of 253 reader pages ran under the notice and control
    bars. The app now reads and shows over-tall sentences in pieces that fit."""
    from dataclasses import replace as change

    from kiosk import core, machine
    from kiosk.textflow import flow
    from kiosk.view.render import flow_style, measurer, reader_text_box

    app = make_app(size=(1024, 600), text_scale=2.0)
    sheet = app.state.library.sheets[0]
    pages = split = 0
    for number in range(len(sheet.sections)):
        app.state = change(app.state, place=core.Place("reader", 0, (number,)))
        app.step(time.monotonic())
        document = core.current_document(app.state)
        split += document.key in app.state.fitted
        layout = app.layout
        _, _, width, height = reader_text_box(layout)
        for page in range(machine.page_count(app.state)):
            start, stop = core.page_range(app.state, document, page)
            lines = flow(document, start, stop, measurer(layout), width, flow_style(layout))
            assert lines[-1].y + lines[-1].height <= height, (number, page)
            pages += 1
    assert split >= 1 and pages > 50
