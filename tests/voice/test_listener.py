"""The listener with a stand-in engine and microphone: barge-in, sleep, faults, privacy."""

from __future__ import annotations

import logging
import threading
import time

import numpy as np
import pytest

from kiosk import machine
from kiosk.actions import CONFIRM_NO_TARGET, CONFIRM_YES_TARGET, Command, Do, Press, Select, Source
from kiosk.core.messages import DeviceMode, DeviceRequest, Heard, Unsure
from kiosk.input_devices import VoiceDevice
from kiosk.settings import Settings
from kiosk.timings import REPEAT_WINDOW_S
from kiosk.voice.listener import VoiceListener
from kiosk.voice.types import Recognition, RecognizerError
from kiosk.voice.vad import FRAME

SPEECH = (np.sin(np.arange(16000 * 0.6) * 2 * np.pi * 220 / 16000) * 8000).astype(np.int16)


class ScriptedRecognizer:
    """Hears the next phrase of its script, and only if the screen offers it (as engines do)."""

    name = "scripted"

    def __init__(self, script: list[str]) -> None:
        self.script = list(script)
        self.phrases: list[str] = []

    def set_phrases(self, phrases):
        self.phrases = list(phrases)

    def decode(self, audio):
        said = self.script.pop(0) if self.script else ""
        return Recognition(said, said if said in self.phrases else None, 0.9)

    def describe(self):
        return "scripted"


class FakeMicrophone:
    """Feeds utterances (a tone between silences) on cue; can fail or be missing."""

    instances: list[FakeMicrophone] = []

    def __init__(self, callback, missing=False):
        self.callback, self.missing, self.failed, self.started = callback, missing, False, False
        FakeMicrophone.instances.append(self)

    def start(self):
        if self.missing:
            raise OSError("no microphone (device unavailable)")
        self.started = True
        threading.Thread(target=self._keepalive, daemon=True).start()

    def _keepalive(self):  # a real microphone sends blocks all the time, even in silence
        while self.started and not self.failed:
            self.callback(np.zeros(FRAME, np.int16) + 3)
            time.sleep(0.03)

    def say(self):
        audio = np.concatenate([np.zeros(4800, np.int16) + 3, SPEECH, np.zeros(9600, np.int16) + 3])
        for start in range(0, len(audio) - FRAME + 1, FRAME):
            self.callback(audio[start : start + FRAME])

    def stop(self):
        self.started = False


def wait_for(condition, seconds=5.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def make_listener():
    made = []

    def build(script, speaking=lambda: False, words=lambda s: set(), mic=None, recognizer=None):
        posted: list = []
        FakeMicrophone.instances = []
        listener = VoiceListener(
            recognizer or (lambda: ScriptedRecognizer(script)),
            posted.append,
            speaking,
            words,
            mic or (lambda callback: FakeMicrophone(callback)),
        )
        targets = machine.targets(machine.demo_state(_library(), "home"))
        listener.set_context(targets, "home")
        listener.start()
        made.append(listener)
        assert wait_for(lambda: listener.status().state == "listening")
        return listener, posted

    yield build
    for listener in made:
        listener.stop()


def _library():
    from pathlib import Path

    from kiosk.content import load_library

    return load_library(Path(__file__).resolve().parents[2] / "content")


def say(listener):
    FakeMicrophone.instances[-1].say()


def test_a_command_becomes_an_action_and_a_caption(make_listener):
    listener, posted = make_listener(["number three"])
    say(listener)
    assert wait_for(lambda: posted)
    assert posted == [Select(3, Source.VOICE)]
    status = listener.status()
    assert status.caption == "Heard: number three" and status.caption_id == 1


def test_unknown_speech_is_rejected_with_suggestions(make_listener):
    listener, posted = make_listener(["hello there"])
    say(listener)
    assert wait_for(lambda: listener.status().caption_id == 1)
    assert posted == []
    assert listener.status().caption.startswith("Sorry, I didn't catch that")


def test_while_the_kiosk_speaks_only_stop_and_pause_are_taken(make_listener):
    listener, posted = make_listener(
        ["next page", "stop"], speaking=lambda: True, words=lambda s: {"muscle", "weakness"}
    )
    say(listener)
    time.sleep(0.5)
    say(listener)
    assert wait_for(lambda: posted)
    assert posted == [Do(Command.STOP, Source.VOICE)]


def test_the_kiosk_saying_stop_does_not_stop_itself(make_listener):
    listener, posted = make_listener(
        ["stop"], speaking=lambda: True, words=lambda s: {"you", "can", "stop", "any", "time"}
    )
    say(listener)
    assert wait_for(lambda: len(listener.decisions) == 1)
    assert posted == [] and listener.decisions[0].outcome == "echo"


def test_sleep_until_the_wake_phrase(make_listener):
    listener, posted = make_listener(["stop listening", "next page", "kiosk wake up", "next page"])
    say(listener)
    assert wait_for(lambda: listener.status().state == "asleep")
    say(listener)  # ignored while asleep
    time.sleep(0.3)
    say(listener)
    assert wait_for(lambda: len(posted) == 2)
    assert [a.name for a in posted] == ["stop listening", "wake up"]
    listener.wake()  # the core's "voice wake" request
    say(listener)
    assert wait_for(lambda: len(posted) == 3) and posted[2].name == "next page"


def test_no_microphone_is_reported_and_retried(make_listener, monkeypatch, caplog):
    monkeypatch.setattr("kiosk.voice.listener.MIC_RETRY_S", 0.2)
    attempts = []

    def mic(callback):
        attempts.append(1)
        return FakeMicrophone(callback, missing=len(attempts) < 3)

    posted: list = []
    listener = VoiceListener(
        lambda: ScriptedRecognizer(["go back"]), posted.append, lambda: False, lambda s: set(), mic
    )
    listener.set_context([], "reader")
    listener.start()
    try:
        assert wait_for(lambda: listener.status().state == "error")
        assert "no microphone" in listener.status().message
        assert wait_for(lambda: listener.status().state == "listening")
        assert listener.status().message == ""
        FakeMicrophone.instances[-1].say()
        assert wait_for(lambda: posted) and posted[0].name == "back"
    finally:
        listener.stop()
    warned = [
        r for r in caplog.records if "no microphone" in r.getMessage() and r.levelname == "WARNING"
    ]
    assert len(attempts) >= 3 and len(warned) == 1, "logged once, not on every retry"


def test_an_unplugged_microphone_comes_back(make_listener, monkeypatch):
    monkeypatch.setattr("kiosk.voice.listener.MIC_RETRY_S", 0.2)
    listener, posted = make_listener(["help"])
    FakeMicrophone.instances[-1].failed = True  # the sound card says the stream ended
    assert wait_for(lambda: listener.status().state == "error")
    assert "disconnected" in listener.status().message
    assert wait_for(lambda: listener.status().state == "listening")
    say(listener)
    assert wait_for(lambda: posted) and posted[0].name == "help"


def test_an_engine_that_fails_to_load_is_reported(caplog):
    def broken():
        raise RecognizerError("PocketSphinx could not load its model (test)")

    listener = VoiceListener(
        broken,
        lambda a: None,
        lambda: False,
        lambda s: set(),
        lambda callback: FakeMicrophone(callback),
    )
    listener.start()
    try:
        assert wait_for(lambda: listener.status().state == "error")
        assert "speech recognizer did not load" in listener.status().message
        assert "could not load its model" in caplog.text
    finally:
        listener.stop()


def test_privacy_turns_the_microphone_off(make_listener):
    listener, posted = make_listener(["next page"])
    mic = FakeMicrophone.instances[-1]
    listener.set_enabled(False)
    assert wait_for(lambda: listener.status().state == "off")
    assert not mic.started
    listener.set_enabled(True)
    assert wait_for(lambda: listener.status().state == "listening")
    say(listener)
    assert wait_for(lambda: posted)


def test_what_was_said_is_never_logged(make_listener, caplog):
    caplog.set_level(logging.DEBUG)
    listener, posted = make_listener(["where is the bathroom", "more information"])
    say(listener)
    assert wait_for(lambda: len(listener.decisions) == 1)
    say(listener)
    assert wait_for(lambda: posted)
    assert "bathroom" not in caplog.text
    assert "voice command: select 6" in caplog.text


class NearMissRecognizer(ScriptedRecognizer):
    """Hears each word of its script as a near miss (the verifier almost sure)."""

    def decode(self, audio):
        said = self.script.pop(0) if self.script else ""
        return Recognition(said, None, 0.6, "not like people saying it", repeatable=True)


def _near_miss_listener(now: list[float], posted: list, **options) -> VoiceListener:
    listener = VoiceListener(
        lambda: NearMissRecognizer(["three", "three", "five", "five"]),
        posted.append,
        lambda: False,
        lambda seconds: set(),
        lambda callback: FakeMicrophone(callback),
        clock=lambda: now[0],
        **options,
    )
    listener.set_context(machine.targets(machine.demo_state(_library(), "home")), "home")
    listener._recognizer = listener._make_recognizer()  # decoding without the thread
    return listener


def test_a_word_said_again_soon_after_a_near_miss_is_acted_on():
    now = [100.0]
    posted: list = []
    listener = _near_miss_listener(now, posted)
    first = listener.handle_utterance(SPEECH, kiosk_spoke=False)
    assert first.outcome == "almost" and posted == []
    now[0] += 3.0
    assert listener.handle_utterance(SPEECH, kiosk_spoke=False).outcome == "repeated"
    assert posted == [Select(3, Source.VOICE)]
    listener.handle_utterance(SPEECH, kiosk_spoke=False)  # "five", then too late
    now[0] += REPEAT_WINDOW_S + 0.5
    assert listener.handle_utterance(SPEECH, kiosk_spoke=False).outcome == "almost"
    assert posted == [Select(3, Source.VOICE)]


def test_say_again_can_be_turned_off_in_the_settings():
    now = [100.0]
    posted: list = []
    listener = _near_miss_listener(now, posted, say_again_s=0.0)
    first = listener.handle_utterance(SPEECH, kiosk_spoke=False)
    assert first.outcome == "rejected" and first.caption.startswith("Sorry")
    assert listener.handle_utterance(SPEECH, kiosk_spoke=False).action is None
    assert posted == []


def test_an_unsure_command_is_handed_on_for_the_screen_to_ask_about():
    """Between nothing and one command: the listener names the command it is unsure of
    ("unsure: select 3"), so the screen can ask "Three? Say yes, or look at Yes"."""
    now = [100.0]
    posted: list = []
    unsure: list = []
    listener = _near_miss_listener(now, posted, on_unsure=unsure.append)
    decision = listener.handle_utterance(SPEECH, kiosk_spoke=False)
    assert decision.outcome == "almost" and decision.unsure == Select(3, Source.VOICE)
    assert unsure == [Select(3, Source.VOICE)] and posted == []


def test_the_voice_device_hands_an_unsure_command_to_the_core_which_asks():
    """The device's own listener (not a stand-in): its unsure command comes out of
    poll() as Unsure, and the core asks about it (kiosk/core/confirm.py)."""
    device = VoiceDevice(Settings())
    listener = device.listener
    home = machine.demo_state(_library(), "home")
    listener.set_context(machine.targets(home), "home")
    listener._recognizer = NearMissRecognizer(["three"])  # decoding without the thread
    decision = listener.handle_utterance(SPEECH, kiosk_spoke=False)
    assert decision.unsure == Select(3, Source.VOICE) and decision.action is None
    messages = device.poll(0.0)
    assert [m for m in messages if isinstance(m, Unsure)] == [Unsure(Select(3, Source.VOICE))]
    assert any(isinstance(m, Heard) and m.caption.startswith("Did you say") for m in messages)
    state, effects = home, []
    for message in messages:  # the caption "Did you say ...?" first, then Unsure
        state, more = machine.update(state, message)
        effects += more
    assert state.confirming is not None and state.confirming.action == Select(3, Source.VOICE)
    assert state.caption == ""  # the question takes the place of "Say it again."
    assert DeviceRequest(DeviceMode.CONFIRM_WORDS_ON) in effects
    device.request(DeviceMode.CONFIRM_WORDS_ON)
    listener.set_context(machine.targets(state), "confirm")
    phrases = listener.vocabulary("normal").phrases
    assert phrases["yes"] == Do(Command.CONFIRM_LOOK, Source.VOICE)  # the look's, else Yes
    assert phrases["no"] == Press(CONFIRM_NO_TARGET, Source.VOICE)
    assert phrases["three"] == Press(CONFIRM_YES_TARGET, Source.VOICE)  # said again


class HeardLengths(ScriptedRecognizer):
    """Hears "stop" and keeps the length of every utterance it was given."""

    def __init__(self) -> None:
        super().__init__([])
        self.lengths: list[int] = []

    def decode(self, audio):
        self.lengths.append(len(audio))
        return Recognition("stop", "stop", 0.9)


def _lips_listener(recognizer, posted):
    from kiosk.voice.lips import LipActivity

    listener = VoiceListener(
        lambda: recognizer, posted.append, lambda: False, lambda s: set(), lips=LipActivity()
    )
    listener.set_context(machine.targets(machine.demo_state(_library(), "home")), "home")
    listener._recognizer = recognizer
    return listener


def test_speech_while_the_lips_in_front_are_still_is_someone_else_s():
    from tests.support.talking_face import talking_face

    recognizer, posted = HeardLengths(), []
    listener = _lips_listener(recognizer, posted)
    times, faces = talking_face(None, 2.0)
    for t, face in zip(times, faces):
        listener.see_face(100.0 + t, face)
    decision = listener.handle_utterance(SPEECH, kiosk_spoke=False, ended_at=101.9)
    assert decision.outcome == "ignored" and posted == [] and recognizer.lengths == []


def test_the_window_is_cut_to_when_the_lips_moved_and_kept_without_a_face():
    from tests.support.talking_face import talking_face

    recognizer, posted = HeardLengths(), []
    listener = _lips_listener(recognizer, posted)
    # 2 s heard; the visitor's own voice (a tone) from 1.0 to 1.6 s
    own = np.r_[np.zeros(16000), SPEECH, np.zeros(6400)].astype(np.int16)
    times, faces = talking_face(own, 2.0)
    for t, face in zip(times, faces):
        listener.see_face(100.0 + t, face)
    room = np.random.default_rng(0).normal(0, 2000, 32000).astype(np.int16)
    listener.handle_utterance(room, kiosk_spoke=False, ended_at=102.0)
    assert posted == [Do(Command.STOP, Source.VOICE)]
    assert 0.6 * 16000 <= recognizer.lengths[0] <= 1.5 * 16000  # the word and margins
    # no face seen: the camera cannot tell, the whole utterance is heard
    listener.lips.clear()
    listener.handle_utterance(room, kiosk_spoke=False, ended_at=103.0)
    assert recognizer.lengths[1] == 32000


def _stream(listener, *parts):
    audio = np.concatenate(parts).astype(np.int16)
    listener._listen(audio[: len(audio) // FRAME * FRAME], arrived=None)


def test_the_utterance_is_decoded_as_it_falls_quiet_and_acted_on_after_the_hangover():
    recognizer, posted = HeardLengths(), []
    listener = VoiceListener(lambda: recognizer, posted.append, lambda: False, lambda s: set())
    listener.set_context(machine.targets(machine.demo_state(_library(), "home")), "home")
    listener._recognizer = recognizer
    quiet = np.zeros(FRAME * 20, np.int16) + 3
    _stream(listener, quiet, SPEECH, np.zeros(FRAME * 4, np.int16) + 3)  # 120 ms of quiet
    assert len(recognizer.lengths) == 1 and posted == []  # decoded early, not acted on yet
    _stream(listener, np.zeros(FRAME * 10, np.int16) + 3)  # the hangover ends it
    assert len(recognizer.lengths) == 1 and posted == [Do(Command.STOP, Source.VOICE)]
    # a pause inside a phrase: the early decode is dropped and the whole is decoded
    _stream(listener, quiet, SPEECH, quiet[: FRAME * 4], SPEECH, quiet)
    assert len(recognizer.lengths) == 3 and recognizer.lengths[2] > recognizer.lengths[1]
    assert len(posted) == 2
