"""Real recognition: PocketSphinx on speech synthesized with espeak-ng.

Real people are the yardstick (tests/voice/test_real_speech.py; the benchmark's headline).
Synthesized voices stand in for the phrases no recording holds ("next page", "go back",
tile titles): every phrase of every screen, said by one voice, must still be recognized
at the level measured, and never confused with another. The broad sweep (three voices,
two rates, clean and in 10 dB babble) is in benchmarks/bench_voice.py.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kiosk import machine
from kiosk.content import load_library
from kiosk.voice.pocketsphinx_engine import PocketSphinxRecognizer
from kiosk.voice.rules import decide
from kiosk.voice.signals import dither
from kiosk.voice.vocabulary import build_vocabulary
from tests.support.speech_clips import OUT_OF_VOCABULARY, VOICES, espeak, noise_only, room

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def recognizer():
    return PocketSphinxRecognizer()


@pytest.fixture(scope="module")
def screens():
    library = load_library(ROOT / "content")
    return {
        kind: build_vocabulary(machine.targets(machine.demo_state(library, kind)))
        for kind in ("home", "section", "reader")
    }


@pytest.fixture(scope="module")
def every_phrase(recognizer, screens):
    """phrase -> (expected action, action taken): each phrase of each screen once, en-us."""
    out = {}
    for vocabulary in screens.values():
        recognizer.set_phrases(list(vocabulary.phrases))
        for phrase, action in vocabulary.phrases.items():
            if phrase not in out:
                heard = recognizer.decode(room(espeak(phrase, "en-us", 160), seed=len(phrase)))
                taken = decide(heard, vocabulary, set()).action
                out[phrase] = (action.name, taken.name if taken else None)
    return out


def test_every_phrase_of_every_screen_is_recognized_or_rejected(every_phrase, screens):
    assert set().union(*(v.phrases for v in screens.values())) == set(every_phrase)
    right = sum(e == g for e, g in every_phrase.values())
    wrong = [(p, g) for p, (e, g) in every_phrase.items() if g is not None and g != e]
    # measured 19 of 66 with the real-speech bars (a synthesized voice is judged like a
    # real one and often falls short: see PocketSphinxRecognizer.MIN_CONFIDENCE_PHRASE)
    assert right >= 17, (right, len(every_phrase))
    assert not wrong  # never another action


def test_out_of_vocabulary_speech_is_mostly_rejected(recognizer, screens):
    vocabulary = screens["home"]
    recognizer.set_phrases(list(vocabulary.phrases))
    accepted = [
        s
        for s in OUT_OF_VOCABULARY
        for voice in VOICES
        if decide(recognizer.decode(room(espeak(s, voice, 160))), vocabulary, set()).action
        is not None
    ]
    # measured 0 of 54 with the real-speech bars (3 before; 9 before phone verification)
    assert len(accepted) <= 0.02 * len(OUT_OF_VOCABULARY) * len(VOICES), accepted


@pytest.mark.parametrize("kind", ["babble", "cough", "knock"])
def test_noise_alone_is_rejected(recognizer, screens, kind):
    vocabulary = screens["home"]
    recognizer.set_phrases(list(vocabulary.phrases))
    for seed in range(4):
        result = recognizer.decode(noise_only(kind, seed=seed))
        assert decide(result, vocabulary, set()).action is None, (kind, seed, result)


def test_digital_silence_gets_a_noise_floor():
    quiet = dither(np.zeros(16000, np.int16))
    assert 0 < np.abs(quiet).max() < 100  # about -66 dBFS: inaudible, but not zeros
