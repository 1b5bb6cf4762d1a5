"""Speech in the running kiosk: which engine speaks, prompts said as shown, "Still there?",
each person starting with the site's voice, Repeat, headphones only, pages made ahead."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest

from kiosk import core
from kiosk.actions import Command, Do, Select, Source
from kiosk.app import STILL_THERE, STILL_THERE_S
from kiosk.core import NoticeChanged, StaffButton, StaffPressed
from kiosk.device_contract import GazeStatus
from kiosk.speech.player import SpeechItem
from tests.support import FakeClock, run_for


@dataclass
class SpyPlayer:
    """Stands in for the speech player: notes what the app asks it to do."""

    said: list[str] = field(default_factory=list)
    ahead: list[str] = field(default_factory=list)
    speech: list[tuple[int, float]] = field(default_factory=list)
    engine_description: str = "Spy voice"
    is_speaking: bool = False

    def speak(self, items: list[SpeechItem]) -> None:
        self.said += [item.text for item in items]

    def append(self, items: list[SpeechItem]) -> None:
        self.said += [item.text for item in items]

    def synthesize_ahead(self, items: list[SpeechItem], count: int = 1) -> None:
        self.ahead += [item.text for item in items][:count]

    def set_rate(self, wpm: int) -> None:
        self.speech.append((wpm, -1.0))

    def set_volume(self, volume: float) -> None:
        self.speech[-1] = (self.speech[-1][0], volume)

    def update(self) -> list:
        return []

    def stop(self) -> None: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def close(self) -> None: ...


def spied(app) -> SpyPlayer:
    if app.speech is not None:
        app.speech.close()
    app.speech = SpyPlayer()
    return app.speech


def test_the_kiosk_speaks_with_piper_and_the_staff_screen_says_so(make_app):
    app = make_app()
    assert app.speech.engine_description == "Piper (voice en_US-joe-medium)"
    lines = app._staff_lines()
    assert "Speech: Piper (voice en_US-joe-medium); 165 words a minute, volume 8 of 10" in lines
    assert any(line.startswith("Sound output: the computer's default") for line in lines)


def test_pyttsx3_when_the_settings_ask_for_it(make_app):
    app = make_app(speech_engine="pyttsx3")
    assert app.speech.engine_description == "pyttsx3 (espeak-ng)"


def test_prompts_and_problems_on_screen_are_said_once_in_the_same_words(make_app):
    app = make_app()
    spy = spied(app)
    # (a voice or camera notice is reworded from both controls: app._shown_notices)
    app.post(NoticeChanged("sound", "Sound is not working right now"))
    for _ in range(3):
        app.step(app.clock())
    assert spy.said == ["Sound is not working right now"]
    app.post(Do(Command.SLEEP_VOICE, Source.KEYBOARD))
    app.step(app.clock())
    assert spy.said[-1] == 'Voice control is asleep. Say "kiosk, wake up"'


def test_prompts_off_are_shown_but_not_said(make_app):
    app = make_app(spoken_prompts=False)
    spy = spied(app)
    app.post(NoticeChanged("sound", "Sound is not working right now"))
    app.step(app.clock())
    assert app.status.notices == ["Sound is not working right now"] and spy.said == []


def test_still_there_is_asked_and_said_before_the_reset_and_any_input_keeps_the_session(
    make_app,
):
    clock = FakeClock()
    app = make_app(clock=clock)
    spy = spied(app)
    app.post(Select(1, Source.KEYBOARD))
    app.step(clock())
    idle = app.settings.idle_timeout_s
    ticks = {"clock": clock, "sleep": clock.sleep, "frame_s": 1.0}
    run_for(app, idle - STILL_THERE_S - 2, clock=clock, sleep=clock.sleep, frame_s=7)
    assert app.status.still_there == ""
    run_for(app, 3, **ticks)
    assert app.status.still_there == STILL_THERE and spy.said[-1] == STILL_THERE
    app.post(Do(Command.FOCUS_NEXT, Source.VOICE))  # "anything" said
    run_for(app, 2, **ticks)
    assert app.status.still_there == "" and core.screen_kind(app.state) == "reader"
    run_for(app, idle - STILL_THERE_S - 8, clock=clock, sleep=clock.sleep, frame_s=7)
    run_for(app, 10, **ticks)
    assert app.status.still_there == STILL_THERE
    assert run_for(app, STILL_THERE_S + 2, lambda: core.screen_kind(app.state) == "home", **ticks)
    assert app.status.still_there == ""


class LookingFace:
    """A gaze device that sees a face looking at the screen."""

    name = "gaze"
    status = GazeStatus(camera="on", available=True, point=(600.0, 300.0))

    def start(self) -> None: ...
    def poll(self, now: float) -> list:
        return []

    def screen_changed(self, screen) -> None: ...
    def request(self, what) -> None: ...
    def close(self) -> None: ...


def test_a_face_looking_at_the_screen_keeps_the_session(make_app):
    clock = FakeClock()
    app = make_app(clock=clock)
    spied(app)
    app.gaze = LookingFace()
    app.post(Select(1, Source.KEYBOARD))
    app.step(clock())
    run_for(app, app.settings.idle_timeout_s * 2, clock=clock, sleep=clock.sleep, frame_s=5.0)
    assert core.screen_kind(app.state) == "reader" and app.status.still_there == ""


def test_the_next_person_gets_the_sites_volume_and_speed(make_app):
    clock = FakeClock()
    app = make_app(clock=clock, speech_rate=140, volume=0.5)
    spy = spied(app)
    for command in (Command.LOUDER, Command.LOUDER, Command.FASTER):
        app.post(Do(command, Source.KEYBOARD))
    app.post(Select(1, Source.KEYBOARD))
    app.step(clock())
    assert spy.speech[-1] == (160, 0.7)
    run_for(app, app.settings.idle_timeout_s + 5, clock=clock, sleep=clock.sleep, frame_s=5.0)
    assert core.screen_kind(app.state) == "home"
    assert spy.speech[-1] == (140, 0.5) and (app.state.speech_rate, app.state.volume) == (140, 0.5)


def test_a_reader_page_has_its_first_sentence_made_before_anyone_asks(make_app):
    app = make_app()
    spy = spied(app)
    app.post(Select(1, Source.KEYBOARD))
    app.step(app.clock())
    document = core.current_document(app.state)
    assert spy.ahead == [document.sentences[0].text]
    app.step(app.clock())
    assert len(spy.ahead) == 1, "once per page"


@pytest.mark.parametrize("headphones", ["", "System audio output device"])
def test_headphones_only_from_the_staff_screen(make_app, headphones):
    app = make_app(headphones_output=headphones)
    app.staff.chord(exit_requested=False)
    app.post(StaffPressed(StaffButton.HEADPHONES))
    app.step(app.clock())
    message = app.staff.view.message
    if not headphones:
        assert message.startswith("Headphones only is not possible: no headphones output")
        assert not app.sound.headphones_only
        return
    assert message == "Headphones only: on. Speech plays through System audio output device."
    assert app.sound.headphones_only and app.speech is not None
    assert any(
        line.endswith("(headphones only); prompts spoken: yes") for line in app._staff_lines()
    )
    app.post(StaffPressed(StaffButton.HEADPHONES))
    app.step(app.clock())
    assert app.staff.view.message.startswith("Headphones only: off.")


def test_headphones_only_without_headphones_stays_silent(make_app):
    app = make_app(headphones_only=True, headphones_output="USB headset")
    assert app.notices.get("sound") == "Sound is not working right now. The text is still shown."
    import pygame

    assert pygame.mixer.get_init() is None, "never the loudspeaker"


class Calibrating(LookingFace):
    def __init__(self, instruction: str) -> None:
        self.status = GazeStatus(
            camera="on", available=True, calibration=SimpleNamespace(instruction=instruction)
        )


def test_calibration_instructions_and_staff_results_are_said(make_app):
    app = make_app()
    spy = spied(app)
    app.gaze = Calibrating("Follow the dot with your eyes")
    app.step(app.clock())
    app.gaze = Calibrating("Now checking: keep following the dot")
    app.step(app.clock())
    assert spy.said == ["Follow the dot with your eyes", "Now checking: keep following the dot"]
    app.gaze = None
    app.staff.chord(exit_requested=False)
    app.post(StaffPressed(StaffButton.HEADPHONES))
    app.step(app.clock())
    assert spy.said[-1].startswith("Headphones only is not possible")


def test_a_missing_headphone_output_is_reported_once_not_at_every_retry(make_app):
    clock = FakeClock()
    app = make_app(clock=clock, headphones_only=True, headphones_output="USB headset")
    run_for(app, 60, clock=clock, sleep=clock.sleep, frame_s=5.0)  # six retries
    problems = [e for e in app.state.errors if "USB headset" in e]
    assert problems == [
        'Sound output "USB headset" not found (outputs: 0: "System audio output device"); '
        "no sound until it is connected"
    ]
