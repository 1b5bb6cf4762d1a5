"""Settings: defaults for everything; bad values reported in plain words and replaced."""

from dataclasses import fields

import pytest

from kiosk.settings import Settings, load_settings, parse_settings


def test_missing_file_gives_defaults(tmp_path):
    assert load_settings(tmp_path / "none.toml") == Settings()


def test_good_values_are_used(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('theme = "light"\nidle_timeout_s = 60\n[gaze]\ndwell_s = 2.0\n')
    settings = load_settings(path)
    assert settings.theme == "light" and settings.idle_timeout_s == 60.0
    assert settings.dwell_s == 2.0 and settings.problems == ()


def test_broken_toml_is_reported_and_defaults_used(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("theme = = dark\n")
    settings = load_settings(path)
    assert settings.theme == "dark" and "could not be read" in settings.problems[0]


@pytest.mark.parametrize("key,value,words", [
    ("theme", "purple", "is not one of"),
    ("idle_timeout_s", -5, "outside"),
    ("dwell_s", 10, "outside"),
    ("volume", "loud", "should be a number"),
    ("fullscreen", "yes", "should be true or false"),
    ("speech_rate", 16.5, "should be a whole number"),
    ("calibration_points", 7, "is not one of"),
    ("speech_rate", True, "should be a whole number"),
])
def test_bad_values_fall_back_to_default_with_a_message(key, value, words):
    settings = parse_settings({key: value})
    assert getattr(settings, key) == getattr(Settings(), key)
    assert len(settings.problems) == 1 and words in settings.problems[0]
    assert key in settings.problems[0]


def test_unknown_keys_are_reported():
    settings = parse_settings({"themme": "light"})
    assert "unknown setting 'themme'" in settings.problems[0]


def test_every_setting_has_a_default():
    defaults = Settings()
    for field in fields(Settings):
        assert getattr(defaults, field.name) is not None
