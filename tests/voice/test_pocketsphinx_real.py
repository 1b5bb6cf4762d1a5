"""Real recognition: PocketSphinx on speech synthesized with espeak-ng.

Every command and tile title of every screen, three voices, two speaking rates, clean
and mixed with babble at 10 dB SNR. The thresholds here guard against regressions at
the level measured on this engine; benchmarks/bench_voice.py reports the figures
against the product targets.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kiosk import core
from kiosk.content import load_library
from kiosk.testing.speech_clips import OUT_OF_VOCABULARY, RATES, VOICES, espeak, noise_only, room
from kiosk.voice.pocketsphinx_engine import PocketSphinxRecognizer
from kiosk.voice.rules import decide
from kiosk.voice.signals import dither
from kiosk.voice.vocabulary import build_vocabulary

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def recognizer():
    return PocketSphinxRecognizer()


@pytest.fixture(scope="module")
def screens():
    library = load_library(ROOT / "content")
    return {
        kind: build_vocabulary(core.targets(core.demo_state(library, kind)))
        for kind in ("home", "section", "reader")
    }


@pytest.fixture(scope="module")
def results(recognizer, screens):
    """(noise, voice, rate, phrase) -> (expected action, action taken or None)."""
    out, seen = {}, set()
    for vocabulary in screens.values():
        recognizer.set_phrases(list(vocabulary.phrases))
        for phrase, action in vocabulary.phrases.items():
            if phrase in seen:
                continue
            seen.add(phrase)
            for voice in VOICES:
                for rate in RATES:
                    speech = espeak(phrase, voice, rate)
                    for noise, snr in (("clean", None), ("babble", 10.0)):
                        heard = recognizer.decode(room(speech, snr, seed=len(phrase) + rate))
                        taken = decide(heard, vocabulary, set()).action
                        out[(noise, voice, rate, phrase)] = (
                            action.name,
                            taken.name if taken else None,
                        )
    return out


def rate_of(results, noise: str, what) -> float:
    cells = [v for k, v in results.items() if k[0] == noise]
    return sum(what(expected, got) for expected, got in cells) / len(cells)


def test_every_phrase_of_every_screen_was_tried(results, screens):
    phrases = {k[3] for k in results}
    for vocabulary in screens.values():
        assert set(vocabulary.phrases) <= phrases
    assert Counter(k[0] for k in results)["clean"] == len(phrases) * len(VOICES) * len(RATES)


def test_clean_commands_are_recognized(results):
    assert rate_of(results, "clean", lambda e, g: e == g) >= 0.95  # measured 0.955


def test_commands_in_babble_are_recognized_or_rejected_never_confused(results):
    # In 10 dB babble of other voices most misses are rejections ("didn't catch that").
    # The confidence model trades some babble commands for far fewer false accepts.
    assert rate_of(results, "babble", lambda e, g: e == g) >= 0.78  # measured 0.790
    assert rate_of(results, "babble", lambda e, g: g is not None and g != e) <= 0.07  # 0.056


def test_wrong_actions_are_rare_on_clean_speech(results):
    assert rate_of(results, "clean", lambda e, g: g is not None and g != e) <= 0.015  # 0.005


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
    # measured 3 of 54 (9 before phone verification, 2 with fixed thresholds)
    assert len(accepted) <= 0.08 * len(OUT_OF_VOCABULARY) * len(VOICES), accepted


@pytest.mark.parametrize("kind", ["babble", "cough", "knock"])
def test_noise_alone_is_rejected(recognizer, screens, kind):
    vocabulary = screens["home"]
    recognizer.set_phrases(list(vocabulary.phrases))
    for seed in range(4):
        result = recognizer.decode(noise_only(kind, seed=seed))
        assert decide(result, vocabulary, set()).action is None, (kind, seed, result)


def test_digital_silence_gets_a_noise_floor():
    import numpy as np

    quiet = dither(np.zeros(16000, np.int16))
    assert 0 < np.abs(quiet).max() < 100  # about -66 dBFS: inaudible, but not zeros
