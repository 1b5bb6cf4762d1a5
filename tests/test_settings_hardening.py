"""Issue 16: settings faults that were silent. A plain PIN in staff_pin_hash, a misspelt
section, a missing or dangling --settings file, --check naming the wrong file, and
--check saying "OK display" with no display."""

from __future__ import annotations

import hashlib
import sys

import kiosk.diagnostics as diagnostics
from kiosk.cli import main
from kiosk.diagnostics import check_display, check_settings
from kiosk.pin import hash_pin, pin_matches
from kiosk.settings import load_settings, parse_settings


def test_a_plain_pin_in_the_settings_is_reported_and_opens_nothing():
    settings = parse_settings({"staff_pin_hash": "2468"}, origin="settings.toml")
    assert any("not a PIN hash" in p for p in settings.problems)
    assert settings.staff_pin_hash == "2468"  # kept: staff mode stays locked, not open
    assert not pin_matches("2468", settings.staff_pin_hash)


def test_a_real_hash_is_fine_and_an_old_one_is_reported():
    assert parse_settings({"staff_pin_hash": hash_pin("2468", n=16)}).problems == ()
    legacy = hashlib.sha256(b"2468").hexdigest()
    assert any("old unsalted" in p for p in parse_settings({"staff_pin_hash": legacy}).problems)


def test_a_misspelt_section_is_reported_and_its_settings_still_read():
    settings = parse_settings({"vioce": {"voice_control": False}}, origin="settings.toml")
    assert settings.voice_control is False
    assert settings.problems == (
        "settings.toml: unknown section [vioce] (did you mean [voice]?); the settings in it "
        "are still read",
    )
    assert parse_settings({"voice": {"voice_control": False}, "gaze": {}}).problems == ()


def test_a_missing_or_dangling_settings_file_named_on_purpose_is_a_problem(tmp_path):
    missing = load_settings(tmp_path / "nope.toml")
    assert "nope.toml does not exist" in missing.problems[0]
    link = tmp_path / "settings.toml"
    link.symlink_to(tmp_path / "gone.toml")
    assert "is a link to a file that does not exist" in load_settings(link).problems[0]


def test_check_names_the_file_it_was_given(tmp_path):
    named = tmp_path / "clinic.toml"
    named.write_text("text_scale = 9\n")
    check = check_settings(load_settings(named), named)
    assert not check.ok and str(named) in check.line()
    assert (
        str(tmp_path / "nope.toml")
        in check_settings(load_settings(tmp_path / "nope.toml"), tmp_path / "nope.toml").line()
    )


def test_check_settings_passes_the_file_through(monkeypatch, tmp_path):
    seen = {}
    monkeypatch.setattr(
        diagnostics,
        "run_checks",
        lambda settings, camera, settings_path: (
            seen.update(path=settings_path, problems=settings.problems) or 1
        ),
    )
    assert main(["--check", "--settings", str(tmp_path / "nope.toml")]) == 1
    assert seen["path"] == tmp_path / "nope.toml" and "does not exist" in seen["problems"][0]


def test_check_says_no_display_when_there_is_none(monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    check = check_display()
    assert not check.ok and check.required and "DISPLAY" in check.line()
