"""Fault injection: the speech engine and sound output fail and come back; bad settings.
The kiosk keeps running, says what is wrong in plain words, and recovers by itself."""

from __future__ import annotations

import time

import pygame
import pytest

from kiosk import core
from kiosk.actions import Command, Do, Select, Source
from kiosk.settings import load_settings
from kiosk.shell import speech_service
from kiosk.speech import SpeechUnavailable, create_player


def test_speech_engine_missing_then_back(monkeypatch, make_app):
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise SpeechUnavailable("No speech engine: install espeak-ng")
        return create_player(*args, **kwargs)

    monkeypatch.setattr(speech_service, "create_player", flaky)
    app = make_app(size=(1024, 600), step=False)
    try:
        app.sound.factory = flaky
        app.sound.next_retry = float("inf")  # no retry until the test asks (a slow machine)
        app.step(time.monotonic())
        assert app.speech is None
        assert "Reading aloud is not working" in app.notices["speech"]
        app.post(Select(1, Source.KEYBOARD))
        app.post(Do(Command.READ, Source.KEYBOARD))
        app.step(time.monotonic())
        assert core.screen_kind(app.state) == "reader", "everything else still works"
        app.sound.next_retry = 0
        app.step(time.monotonic())
        assert app.speech is not None and "speech" not in app.notices
        app.post(Do(Command.READ, Source.KEYBOARD))
        end = time.monotonic() + 10
        while time.monotonic() < end and not app.speech.is_speaking:
            app.step(time.monotonic())
        assert app.speech.is_speaking
    finally:
        app.close()


def test_sound_output_missing_then_back(monkeypatch, make_app):
    app = make_app(size=(1024, 600), step=False)
    try:
        pygame.mixer.quit()  # the audio device goes away
        app.set_notice("sound", "Sound is not working right now. The text is still shown.")
        app.sound.next_retry = 0
        app.step(time.monotonic())
        assert pygame.mixer.get_init() is not None, "sound output is tried again"
        assert "sound" not in app.notices and app.speech is not None
    finally:
        app.close()


@pytest.mark.parametrize(
    "text",
    [
        'theme = "neon"\nvolume = "max"\nidle_timeout_s = -1\ndwell_s = []\nfoo = 1\n',
        "this is not toml at all [[[",
        "\x00\x01\x02",
        'speech_rate = 9999\ncamera = 3\nfullscreen = "no"\n[gaze]\ncalibration_points = 2\n',
    ],
)
def test_kiosk_starts_with_nonsense_settings(tmp_path, text, make_app):
    path = tmp_path / "settings.toml"
    path.write_text(text)
    settings = load_settings(path)
    assert settings.problems, "each problem is reported"
    app = make_app(settings, size=(1024, 600))
    assert app.running and core.screen_kind(app.state) == "home"
    assert any(p in app.state.errors for p in settings.problems), "shown to staff"
