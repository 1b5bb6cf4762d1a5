"""Staff mode: chords, PIN, staff screen buttons, content reload keeping the last good file."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pygame
import pytest

from kiosk import core, machine
from kiosk.app import App
from kiosk.screens.staff.mode import hash_pin, pin_matches

CONTENT = Path(__file__).resolve().parent.parent / "content"
CTRL_SHIFT = pygame.KMOD_LCTRL | pygame.KMOD_LSHIFT


def key(app: App, code: int, mod: int = 0, text: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode=text))
    app.step(time.monotonic())


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copy(CONTENT / "als.md", folder / "als.md")
    return folder


@pytest.fixture
def staff_app(make_app, content):
    return lambda **settings: make_app(content=content, **settings)


def test_pin_is_stored_hashed():
    stored = hash_pin("2468")
    assert "2468" not in stored and stored.startswith("scrypt$")
    assert pin_matches("2468", stored) and not pin_matches("1357", stored)


def test_without_a_pin_the_chords_work_directly(staff_app, content):
    app = staff_app()
    key(app, pygame.K_e, CTRL_SHIFT)
    assert app.staff.open
    pixels = pygame.surfarray.array3d(pygame.display.get_surface())
    assert pixels.std() > 5, "staff screen is drawn"
    key(app, pygame.K_4)  # Close
    assert not app.staff.open
    key(app, pygame.K_q, CTRL_SHIFT)
    assert not app.running
    app.close()


def test_with_a_pin_exit_needs_it(staff_app, caplog, content):
    app = staff_app(staff_pin_hash=hash_pin("2468"))
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_q, CTRL_SHIFT)
    assert app.running and app.staff.open and app.staff.view.pin_needed
    for digit in "1111":
        key(app, pygame.K_1, text=digit)
    key(app, pygame.K_RETURN)
    assert app.running and "wrong staff PIN" in caplog.text
    assert "1111" not in caplog.text, "a PIN is never logged"
    for digit in "2468":
        key(app, getattr(pygame, f"K_{digit}"), text=digit)
    key(app, pygame.K_RETURN)
    assert not app.running
    app.close()


def test_staff_reload_keeps_the_last_good_version_of_a_broken_file(staff_app, content):
    app = staff_app()
    before = app.state.library.sheets[0]
    (content / "als.md").write_text("---\ntitle: broken\n")  # a bad edit
    (content / "extra.md").write_text(
        "---\ntitle: Extra sheet\nsource: Test\n---\n\n## Part one\n\nSome text.\n"
    )
    key(app, pygame.K_e, CTRL_SHIFT)
    key(app, pygame.K_2)  # Reload content
    library = app.state.library
    assert before in library.sheets, "the last good ALS sheet stays on screen"
    assert [s.title for s in library.sheets] == [before.title, "Extra sheet"]
    assert any("als.md" in e for e in app.state.errors)
    assert "content" in app.notices
    assert core.screen_kind(app.state) == "sheets"
    app.close()


def test_idle_reset_picks_up_edited_content(staff_app, content):
    app = staff_app()
    key(app, pygame.K_1)
    text = (content / "als.md").read_text().replace('{short="What is ALS?"}', '{short="About ALS"}')
    (content / "als.md").write_text(text)
    # Time passes (the idle time and a second more).
    app.step(time.monotonic() + app.settings.idle_timeout_s + 1)
    assert machine.content_targets(app.state)[0].label == "About ALS"
    app.close()


def test_usage_counts_are_exported_from_the_staff_screen(staff_app, content):
    app = staff_app()
    app.post(core.Select(1, core.Source.VOICE))
    app.step(time.monotonic())
    key(app, pygame.K_e, CTRL_SHIFT)
    key(app, pygame.K_5)  # Export usage counts
    message = app.staff.view.message
    assert message.startswith("Usage counts saved as CSV: ")
    exported = Path(message.split(": ", 1)[1])
    lines = exported.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "day,event,detail,input,count"
    assert any(",open section," in line and ",voice," in line for line in lines[1:])
    app.close()
