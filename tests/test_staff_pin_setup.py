"""Issue 30, items 2-4: no visitor can set or take the staff PIN, settings never fail open,
and a lockout cannot keep staff out for good. Real settings files (BOM, UTF-16), the real
`python -m kiosk` tools, a real headless kiosk and the real lockout file."""

from __future__ import annotations

import codecs
import getpass
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from kiosk import pin
from kiosk.__main__ import main
from kiosk.app import App, Options
from kiosk.diagnostics import check_settings, check_staff_pin
from kiosk.pin import MAX_PIN_CHARS, UNREADABLE, PinLockout, hash_pin, pin_matches
from kiosk.settings import default_settings_path, load_settings
from kiosk.staff import lockout_path
from kiosk.supervisor import STAFF_EXIT_CODE
from kiosk.testing import FakeClock

ROOT = Path(__file__).resolve().parent.parent
CTRL_SHIFT = pygame.KMOD_LCTRL | pygame.KMOD_LSHIFT
PIN = "2468"
STORED = hash_pin(PIN, n=2**4)
LINE = f'staff_pin_hash = "{STORED}"'


@pytest.fixture
def kiosk(tmp_path):
    """A kiosk as installed (fullscreen settings, no --windowed or --size), headless."""
    apps: list[App] = []

    def make(path: Path) -> App:
        clock = FakeClock()
        options = Options(voice=False, gaze=False, settings_path=path)
        app = App(load_settings(path), options, clock=clock)
        app.step(clock())
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.close()


def key(app: App, code: int, mod: int = 0, text: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode=text))
    app.step(app.clock())


def type_line(app: App, text: str) -> None:
    for char in text:
        key(app, pygame.K_a, text=char)
    key(app, pygame.K_RETURN)


def answers(monkeypatch, *typed: str) -> None:
    given = iter(typed)
    monkeypatch.setattr(getpass, "getpass", lambda prompt: next(given))


# ------------------------------------------------------------ item 2: set on the computer
def test_pin_hash_writes_the_pin_into_the_settings_file_and_the_kiosk_takes_it(
    tmp_path, monkeypatch, kiosk
):
    path = tmp_path / "settings.toml"
    path.write_text('theme = "light"\n[staff]\nstaff_pin_hash = ""\n', encoding="utf-8")
    answers(monkeypatch, "1357", "1357")
    assert main(["pin-hash", "--settings", str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    assert text.count("staff_pin_hash") == 1 and "1357" not in text and "light" in text
    settings = load_settings(path)
    assert settings.problems == () and pin_matches("1357", settings.staff_pin_hash)
    app = kiosk(path)
    key(app, pygame.K_q, CTRL_SHIFT)
    type_line(app, "1357")
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
def test_a_repeated_or_empty_pin_line_is_a_problem_and_locks(tmp_path, kiosk, text, said):
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    settings = load_settings(path)
    assert settings.staff_pin_hash == UNREADABLE
    assert said in check_settings(settings, path).line()
    assert check_settings(settings, path).line().startswith("PROBLEM settings:")
    assert check_staff_pin(settings).line().startswith("PROBLEM staff PIN:")
    app = kiosk(path)
    key(app, pygame.K_q, CTRL_SHIFT)
    type_line(app, PIN)
    app.step(app.clock())
    assert app.running and app.staff.view is not None and app.staff.view.pin_locked


def test_a_pin_line_under_a_staff_heading_alone_still_works(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text(f"[staff]\n{LINE}\n", encoding="utf-8")
    settings = load_settings(path)
    assert settings.problems == () and settings.staff_pin_hash == STORED


def test_the_pin_length_limit_is_one_constant_in_pin_hash_and_the_kiosk(
    tmp_path, monkeypatch, capsys, kiosk
):
    longest = "7" * MAX_PIN_CHARS
    answers(monkeypatch, longest + "7")
    path = tmp_path / "settings.toml"
    assert main(["pin-hash", "--settings", str(path)]) == 1
    assert f"at most {MAX_PIN_CHARS} characters" in capsys.readouterr().out
    answers(monkeypatch, longest, longest)
    assert main(["pin-hash", "--settings", str(path)]) == 0
    app = kiosk(path)
    key(app, pygame.K_q, CTRL_SHIFT)
    type_line(app, longest + "77")  # keys past the limit are not kept
    app.step(app.clock())
    assert not app.running and app.exit_code == STAFF_EXIT_CODE


# ------------------------------------------------------------ item 4: lockout
def lock_out(app: App) -> None:
    key(app, pygame.K_e, CTRL_SHIFT)
    for _ in range(pin.LOCK_AFTER):
        type_line(app, "0000")
        app.clock.advance(60)  # type: ignore[attr-defined]
    assert app.staff.lockout.state().locked


def test_unlock_staff_clears_a_lockout_in_the_running_kiosk(tmp_path, kiosk, capsys):
    path = tmp_path / "settings.toml"
    path.write_text(LINE + "\n", encoding="utf-8")
    app = kiosk(path)
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
    type_line(app, PIN)
    assert app.staff.view is not None and not app.staff.view.pin_needed
    assert main(["unlock-staff"]) == 0
    assert "was not locked" in capsys.readouterr().out
    assert lockout_path().exists()


def test_the_right_pin_works_once_the_capped_lockout_is_over(tmp_path, kiosk):
    path = tmp_path / "settings.toml"
    path.write_text(LINE + "\n", encoding="utf-8")
    app = kiosk(path)
    for _ in range(8):  # a visitor locks it again and again
        lock_out(app)
        app.clock.advance(app.staff.lockout.state().wait_s)  # type: ignore[attr-defined]
        key(app, pygame.K_ESCAPE)
    lock_out(app)
    assert app.staff.lockout.state().wait_s <= pin.MAX_LOCKOUT_S
    app.clock.advance(pin.MAX_LOCKOUT_S)  # type: ignore[attr-defined]
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_e, CTRL_SHIFT)
    type_line(app, PIN)
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
