"""Voice inside the running app: a recording played as the microphone, real PocketSphinx,
through the action queue to the screen; privacy and sleep as the person sees them."""

from __future__ import annotations

import time

import numpy as np
import pytest

from kiosk import core, machine
from kiosk.app import App, Options
from kiosk.input_devices import VoiceDevice
from kiosk.settings import Settings
from tests.support.speech_clips import espeak, room, save_wav


def run_for(app: App, seconds: float, until=lambda: False) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not until():
        app.step(time.monotonic())
        time.sleep(1 / 60)


@pytest.fixture
def voice_app(tmp_path):
    def build(*phrases: str) -> App:
        speech = np.concatenate(
            [room(espeak(p, "en-us", 150), pad_s=0.8) for p in phrases]
            + [room(np.zeros(16000 * 30), pad_s=0)]
        )
        clip = save_wav(tmp_path / "said.wav", speech)
        settings = Settings(fullscreen=False, voice_engine="pocketsphinx", microphone=str(clip))
        app = App(settings, Options(size=(1920, 1080), voice=False, gaze=False))
        app.voice = VoiceDevice(app.settings, lambda: app.speech)
        app.voice.start()
        built.append(app)
        return app

    built: list[App] = []
    yield build
    for app in built:
        app.close()


def test_saying_a_tile_opens_it_and_shows_what_was_heard(voice_app):
    app = voice_app("open three")  # one the real-speech bars let through from espeak-ng
    run_for(app, 5, lambda: app.status.voice == "listening")
    assert app.status.voice == "listening"
    run_for(app, 10, lambda: core.screen_kind(app.state) != "home")
    assert core.screen_kind(app.state) == "section"
    assert machine.screen_title(app.state) == "How is ALS diagnosed and treated?"
    assert app.status.caption == "Heard: open three"


def test_stop_listening_sleeps_until_woken(voice_app):
    app = voice_app("stop listening")
    run_for(app, 10, lambda: app.status.voice == "asleep")
    assert app.status.voice == "asleep"
    app.post(core.Do(core.Command.WAKE_VOICE))
    run_for(app, 3, lambda: app.status.voice == "listening")
    assert app.status.voice == "listening"


def test_privacy_turns_the_microphone_off_until_the_next_person(voice_app):
    app = voice_app()
    run_for(app, 5, lambda: app.status.voice == "listening")
    app.post(core.Do(core.Command.PRIVACY))
    run_for(app, 3, lambda: app.status.voice == "off")
    assert app.status.voice == "off" and app.voice.listener._microphone is None
    app.post(core.Do(core.Command.IDLE_RESET))
    run_for(app, 5, lambda: app.status.voice == "listening")
    assert app.status.voice == "listening"


def test_a_missing_microphone_is_shown_and_other_inputs_work(tmp_path):
    settings = Settings(
        fullscreen=False, voice_engine="pocketsphinx", microphone=str(tmp_path / "unplugged.wav")
    )
    app = App(settings, Options(size=(1920, 1080), voice=False, gaze=False))
    app.voice = VoiceDevice(app.settings, lambda: app.speech)
    app.voice.start()
    try:
        run_for(app, 5, lambda: app.status.voice == "error")
        assert app.status.voice == "error"
        assert "Voice control is off right now" in " ".join(app.notices.values())
        app.post(core.Select(2))
        run_for(app, 0.3)
        assert core.screen_kind(app.state) == "section"
    finally:
        app.close()
