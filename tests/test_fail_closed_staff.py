"""Issue 20, point 1: the staff exit fails closed. Real settings files on disk, a real
fullscreen-configured App (headless), the real scrypt hash and the real lockout file."""

from __future__ import annotations

import codecs
import getpass
import logging
import os
import stat
import subprocess
import sys
import unicodedata
from pathlib import Path

import pygame
import pytest

from kiosk import pin
from kiosk.__main__ import main
from kiosk.app import App, Options
from kiosk.core.session import CONTENT_NOTICE
from kiosk.diagnostics import check_settings, check_staff_pin
from kiosk.pin import MAX_PIN_CHARS, UNREADABLE, PinLockout, hash_pin, pin_matches
from kiosk.screens.staff.mode import lockout_path
from kiosk.screens.staff.words import PIN_UNREADABLE
from kiosk.settings import Settings, default_settings_path, load_settings
from kiosk.supervisor import STAFF_EXIT_CODE
from tests.support import FakeClock

ROOT = Path(__file__).resolve().parent.parent
CTRL_SHIFT = pygame.KMOD_LCTRL | pygame.KMOD_LSHIFT
PIN = "2468"
STORED = hash_pin(PIN, n=2**4)


@pytest.fixture
def kiosk_app():
    """A kiosk as installed: fullscreen settings, no --windowed or --size (headless SDL)."""
    apps: list[App] = []

    def make(settings: Settings, settings_path: Path | None = None) -> App:
        clock = FakeClock()
        app = App(
            settings, Options(voice=False, gaze=False, settings_path=settings_path), clock=clock
        )
        app.said = []  # type: ignore[attr-defined]
        app.staff.say = app.said.append  # type: ignore[attr-defined]
        app.step(clock())
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.close()


def key(app: App, code: int, mod: int = 0, text: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode=text))
    app.step(app.clock())


def type_text(app: App, text: str) -> None:
    for char in text:
        key(app, pygame.K_a, text=char)  # the key code does not matter for typed text
    key(app, pygame.K_RETURN)


# ------------------------------------------------------------ a settings file with errors
def test_a_typo_on_another_line_keeps_the_pin_and_every_readable_line(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text(
        f'theme = "light"\nvolume = 0,9\n[staff]\nstaff_pin_hash = "{STORED}"\n'
        "[gaze]\ndwell_s = 2.0\nspeech_rate = = 3\n",
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert settings.staff_pin_hash == STORED
    assert settings.theme == "light" and settings.dwell_s == 2.0
    assert settings.volume == Settings().volume
    problems = " | ".join(settings.problems)
    assert "settings.toml line 2 could not be read" in problems and "'volume'" in problems
    assert "line 7" in problems and "'speech_rate' keeps its default" in problems


def test_a_broken_pin_line_keeps_staff_mode_locked_and_the_log_says_so(tmp_path, kiosk_app, caplog):
    path = tmp_path / "settings.toml"
    path.write_text(f'volume = 0.5\nstaff_pin_hash = "{STORED}\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        settings = load_settings(path)
    assert settings.staff_pin_hash == UNREADABLE and settings.volume == 0.5
    assert "staff_pin_hash line could not be read, so staff mode stays locked" in caplog.text
    app = kiosk_app(settings, path)
    key(app, pygame.K_q, CTRL_SHIFT)  # exit chord: refused, no PIN can be typed that works
    assert app.running and app.staff.view is not None and app.staff.view.pin_needed
    assert app.staff.view.pin_message == PIN_UNREADABLE and PIN_UNREADABLE in app.said
    type_text(app, PIN)
    type_text(app, pin.UNREADABLE)
    key(app, pygame.K_q, CTRL_SHIFT)
    assert app.running and app.staff.view.pin_needed
    assert not pin_matches(PIN, UNREADABLE) and not pin_matches(UNREADABLE, UNREADABLE)
    assert check_staff_pin(settings).ok is False


@pytest.mark.parametrize(
    "line", ["staff_pin_hash = true", "staff_pin_hash = 1234", 'staff_pin_hash = "2468"']
)
def test_a_pin_line_of_the_wrong_kind_locks_rather_than_opens(tmp_path, line):
    path = tmp_path / "settings.toml"
    path.write_text(line + "\n", encoding="utf-8")
    settings = load_settings(path)
    assert settings.staff_pin_hash != "" and not pin_matches("2468", settings.staff_pin_hash)
    assert settings.problems


def test_an_unreadable_settings_file_locks_staff_mode(tmp_path):
    folder = tmp_path / "settings.toml"
    folder.mkdir()  # read_bytes fails on it (root reads any plain file, whatever its mode)
    settings = load_settings(folder)
    assert settings.staff_pin_hash == UNREADABLE
    assert "staff mode stays locked until the file can be read" in settings.problems[0]


def test_invalid_utf8_on_one_line_keeps_the_others(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_bytes(
        b'voice = "caf\xe9"\ntheme = "light"\nstaff_pin_hash = "' + STORED.encode() + b'"\n'
    )
    settings = load_settings(path)
    assert settings.theme == "light" and settings.staff_pin_hash == STORED
    assert "line 1 could not be read (it is not valid UTF-8 text)" in settings.problems[0]


# ------------------------------------------------------------ a fresh install
def test_a_fresh_install_opens_nothing_and_says_the_pin_is_set_on_the_computer(
    tmp_path, kiosk_app, caplog
):
    """Issue 30, item 2: a visitor used to choose the PIN here, then exit with code 10."""
    path = tmp_path / "settings.toml"
    path.write_text('theme = "dark"\n[voice]\nvoice_control = false\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        app = kiosk_app(load_settings(path), path)
    assert "no staff PIN is set" in caplog.text and f"--settings {path}" in caplog.text
    for chord in (pygame.K_q, pygame.K_e):
        key(app, chord, CTRL_SHIFT)
        assert app.running and app.staff.view is not None and app.staff.view.pin_locked
        assert "no staff PIN is set" in app.staff.view.pin_message
        assert "pin-hash" in app.staff.view.pin_message
        assert app.said[-1] == app.staff.view.pin_message  # type: ignore[attr-defined]
        for pin_typed in ("1357", "1357", ""):  # what choosing a PIN used to take
            type_text(app, pin_typed)
        app.step(app.clock())
        assert app.running and app.staff.view.pin_needed and app.staff.view.pin_typed == ""
        key(app, pygame.K_ESCAPE)
    assert "staff_pin_hash" not in path.read_text() and app.exit_code != STAFF_EXIT_CODE
    assert "staff chord pressed with no staff PIN set: nothing opened" in caplog.text


def test_a_fresh_install_without_a_settings_file_opens_nothing_either(kiosk_app):
    app = kiosk_app(Settings())
    key(app, pygame.K_e, CTRL_SHIFT)
    type_text(app, "4321")
    type_text(app, "4321")
    assert app.staff.view is not None and app.staff.view.pin_needed and app.running
    assert not default_settings_path().exists()


def test_check_reports_no_staff_pin_as_a_problem(tmp_path):
    result = check_staff_pin(load_settings(tmp_path / "absent.toml"))
    assert not result.ok and result.required and "no staff PIN" in result.line()
    path = tmp_path / "settings.toml"
    path.write_text(f'staff_pin_hash = "{STORED}"\n', encoding="utf-8")
    assert check_staff_pin(load_settings(path)).ok


def test_a_development_window_may_skip_the_pin(make_app):
    app = make_app()  # --size: a window for development
    key(app, pygame.K_q, CTRL_SHIFT)
    app.step(app.clock())
    assert not app.running and app.exit_code == STAFF_EXIT_CODE


# ------------------------------------------------------------ the lockout survives a restart
def test_a_lockout_survives_a_restart_and_is_kept_0600(tmp_path, kiosk_app):
    path = tmp_path / "settings.toml"
    path.write_text(f'staff_pin_hash = "{STORED}"\n', encoding="utf-8")
    first = kiosk_app(load_settings(path), path)
    key(first, pygame.K_e, CTRL_SHIFT)
    for _ in range(pin.LOCK_AFTER):
        type_text(first, "0000")
        first.clock.advance(100)  # type: ignore[attr-defined]
    assert first.staff.lockout.state().locked
    first.close()
    assert stat.S_IMODE(os.stat(lockout_path()).st_mode) == 0o600
    second = kiosk_app(load_settings(path), path)  # a restart: a new process clock
    key(second, pygame.K_e, CTRL_SHIFT)
    assert "Staff mode is locked" in second.staff.view.pin_message  # type: ignore[union-attr]
    type_text(second, PIN)  # even the right PIN waits
    assert second.staff.view.pin_needed  # type: ignore[union-attr]


def test_a_damaged_lockout_file_gives_no_fresh_tries(tmp_path):
    store = tmp_path / "lockout.json"
    store.write_text("{not json", encoding="utf-8")
    assert not pin.PinLockout(store=store).may_try()


# ------------------------------------------------------------ PINs as text
def test_composed_and_decomposed_unicode_pins_are_the_same_pin():
    composed = unicodedata.normalize("NFC", "café1")
    decomposed = unicodedata.normalize("NFD", "café1")
    assert composed != decomposed
    assert pin_matches(decomposed, hash_pin(composed, n=2**4))
    assert pin_matches(composed, hash_pin(decomposed, n=2**4))


def test_pin_hash_gives_a_clear_error_for_input_that_is_not_utf8():
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "pin-hash"],
        input=b"\xff\xfe12\n\xff\xfe12\n",
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1
    assert b"not valid UTF-8" in result.stdout and b"Traceback" not in result.stderr


def test_the_visitor_banner_no_longer_names_the_staff_chord():
    assert "Ctrl" not in CONTENT_NOTICE and "Shift" not in CONTENT_NOTICE


# ------------------------------------------------------------ issue 30, items 2-4
# No visitor can set or take the staff PIN, settings never fail open, and a lockout
# cannot keep staff out for good. Real files (BOM, UTF-16), the real `python -m kiosk`
# tools, a real headless kiosk and the real lockout file.
LINE = f'staff_pin_hash = "{STORED}"'


def answers(monkeypatch, *typed: str) -> None:
    given = iter(typed)
    monkeypatch.setattr(getpass, "getpass", lambda prompt: next(given))


# ------------------------------------------------------------ item 2: set on the computer
def test_pin_hash_writes_the_pin_into_the_settings_file_and_the_kiosk_takes_it(
    tmp_path, monkeypatch, kiosk_app
):
    path = tmp_path / "settings.toml"
    path.write_text('theme = "light"\n[staff]\nstaff_pin_hash = ""\n', encoding="utf-8")
    answers(monkeypatch, "1357", "1357")
    assert main(["pin-hash", "--settings", str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    assert text.count("staff_pin_hash") == 1 and "1357" not in text and "light" in text
    settings = load_settings(path)
    assert settings.problems == () and pin_matches("1357", settings.staff_pin_hash)
    app = kiosk_app(load_settings(path), path)
    key(app, pygame.K_q, CTRL_SHIFT)
    type_text(app, "1357")
    app.step(app.clock())
    assert not app.running and app.exit_code == STAFF_EXIT_CODE


def test_pin_hash_without_a_file_writes_the_kiosks_own(monkeypatch):
    answers(monkeypatch, "1357", "1357")
    assert main(["pin-hash"]) == 0
    assert pin_matches("1357", load_settings(default_settings_path()).staff_pin_hash)


def test_pin_hash_if_missing_asks_only_when_no_usable_pin_is_set(tmp_path, monkeypatch, capsys):
    path = tmp_path / "settings.toml"
    path.write_text(LINE + "\n", encoding="utf-8")
    answers(monkeypatch)  # any question would fail: nothing is asked
    assert main(["pin-hash", "--if-missing", "--settings", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == LINE + "\n"
    path.write_text('staff_pin_hash = ""\n', encoding="utf-8")
    answers(monkeypatch, "97531", "97531")
    assert main(["pin-hash", "--if-missing", "--settings", str(path)]) == 0
    assert "No usable staff PIN is set" in capsys.readouterr().out
    assert pin_matches("97531", load_settings(path).staff_pin_hash)


def test_make_run_asks_for_a_pin_only_from_a_terminal():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    run = makefile[makefile.index("\nrun:") : makefile.index("\nlint:")]
    assert "[ -t 0 ]" in run and "-m kiosk pin-hash --if-missing" in run


def test_check_says_when_no_pin_is_set(tmp_path):
    result = check_staff_pin(load_settings(tmp_path / "absent.toml"))
    assert result.line().startswith("PROBLEM staff PIN: no staff PIN is set")
    assert "pin-hash" in result.line()


# ------------------------------------------------------------ item 3: never fail open
@pytest.mark.parametrize(
    "encode",
    [
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        lambda text: text.encode("utf-16"),  # with its BOM, in this machine's order
        lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    ],
    ids=["utf-8-bom", "utf-16", "utf-16-le", "utf-16-be"],
)
def test_bom_and_utf16_files_keep_the_pin_on_their_first_line(tmp_path, encode):
    path = tmp_path / "settings.toml"
    path.write_bytes(encode(f'{LINE}\ntheme = "light"\n'))
    settings = load_settings(path)
    assert settings.problems == () and settings.staff_pin_hash == STORED
    assert settings.theme == "light"


def test_utf16_without_a_mark_is_refused_loudly_and_locks(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_bytes(f"{LINE}\n".encode("utf-16-le"))
    settings = load_settings(path)
    assert settings.staff_pin_hash == UNREADABLE and "NUL bytes" in settings.problems[0]
    assert not check_staff_pin(settings).ok


@pytest.mark.parametrize(
    "text, said",
    [
        (f'{LINE}\nstaff_pin_hash = ""\n', "given 2 times (lines 1, 2)"),
        (f'{LINE}\n[staff]\nstaff_pin_hash = ""\n', "given 2 times (lines 1, 3)"),
        (f'{LINE}\nstaff = {{ staff_pin_hash = "" }}\n', "given 2 times"),
        ('theme = "dark"\n[staff]\nstaff_pin_hash = ""\n', "staff_pin_hash is empty (line 3)"),
        ('staff_pin_hash = ""\n', "staff_pin_hash is empty (line 1)"),
        (f"{LINE}\n{LINE}\n", "given 2 times"),
    ],
    ids=["repeated-empty", "section-empty", "inline-table", "sectioned-empty", "empty", "twice"],
)
def test_a_repeated_or_empty_pin_line_is_a_problem_and_locks(tmp_path, kiosk_app, text, said):
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    settings = load_settings(path)
    assert settings.staff_pin_hash == UNREADABLE
    assert said in check_settings(settings, path).line()
    assert check_settings(settings, path).line().startswith("PROBLEM settings:")
    assert check_staff_pin(settings).line().startswith("PROBLEM staff PIN:")
    app = kiosk_app(load_settings(path), path)
    key(app, pygame.K_q, CTRL_SHIFT)
    type_text(app, PIN)
    app.step(app.clock())
    assert app.running and app.staff.view is not None and app.staff.view.pin_locked


def test_a_pin_line_under_a_staff_heading_alone_still_works(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text(f"[staff]\n{LINE}\n", encoding="utf-8")
    settings = load_settings(path)
    assert settings.problems == () and settings.staff_pin_hash == STORED


def test_the_pin_length_limit_is_one_constant_in_pin_hash_and_the_kiosk(
    tmp_path, monkeypatch, capsys, kiosk_app
):
    longest = "7" * MAX_PIN_CHARS
    answers(monkeypatch, longest + "7")
    path = tmp_path / "settings.toml"
    assert main(["pin-hash", "--settings", str(path)]) == 1
    assert f"at most {MAX_PIN_CHARS} characters" in capsys.readouterr().out
    answers(monkeypatch, longest, longest)
    assert main(["pin-hash", "--settings", str(path)]) == 0
    app = kiosk_app(load_settings(path), path)
    key(app, pygame.K_q, CTRL_SHIFT)
    type_text(app, longest + "77")  # keys past the limit are not kept
    app.step(app.clock())
    assert not app.running and app.exit_code == STAFF_EXIT_CODE


# ------------------------------------------------------------ item 4: lockout
def lock_out(app: App) -> None:
    key(app, pygame.K_e, CTRL_SHIFT)
    for _ in range(pin.LOCK_AFTER):
        type_text(app, "0000")
        app.clock.advance(60)  # type: ignore[attr-defined]
    assert app.staff.lockout.state().locked


def test_unlock_staff_clears_a_lockout_in_the_running_kiosk(tmp_path, kiosk_app, capsys):
    path = tmp_path / "settings.toml"
    path.write_text(LINE + "\n", encoding="utf-8")
    app = kiosk_app(load_settings(path), path)
    lock_out(app)
    key(app, pygame.K_ESCAPE)
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "unlock-staff"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0 and "Staff mode is unlocked" in result.stdout
    key(app, pygame.K_e, CTRL_SHIFT)  # the kiosk was not restarted
    assert "locked" not in app.staff.view.pin_message  # type: ignore[union-attr]
    type_text(app, PIN)
    assert app.staff.view is not None and not app.staff.view.pin_needed
    assert main(["unlock-staff"]) == 0
    assert "was not locked" in capsys.readouterr().out
    assert lockout_path().exists()


def test_the_right_pin_works_once_the_capped_lockout_is_over(tmp_path, kiosk_app):
    path = tmp_path / "settings.toml"
    path.write_text(LINE + "\n", encoding="utf-8")
    app = kiosk_app(load_settings(path), path)
    for _ in range(8):  # a visitor locks it again and again
        lock_out(app)
        app.clock.advance(app.staff.lockout.state().wait_s)  # type: ignore[attr-defined]
        key(app, pygame.K_ESCAPE)
    lock_out(app)
    assert app.staff.lockout.state().wait_s <= pin.MAX_LOCKOUT_S
    app.clock.advance(pin.MAX_LOCKOUT_S)  # type: ignore[attr-defined]
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_e, CTRL_SHIFT)
    type_text(app, PIN)
    assert app.staff.view is not None and not app.staff.view.pin_needed


def test_a_long_quiet_after_a_lockout_starts_the_doubling_again():
    now = [1000.0]
    lockout = PinLockout(lambda: now[0])
    for _ in range(3 * pin.LOCK_AFTER):
        state = lockout.failed()
        now[0] += state.wait_s
    assert state.wait_s == pin.MAX_LOCKOUT_S
    now[0] += pin.MAX_LOCKOUT_S
    for _ in range(pin.LOCK_AFTER):
        state = lockout.failed()
        now[0] += state.wait_s
    assert state.locked and state.wait_s == pin.LOCKOUT_S
