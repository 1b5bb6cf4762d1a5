"""The Vosk engine: result handling with a stand-in, real decoding when a model is present."""

from __future__ import annotations

import json
import os

import pytest

from kiosk.voice.models import find_vosk_model
from kiosk.voice.vosk_engine import read_result

ALLOWED = {"next page", "go back", "number three"}


def result(text, confs):
    words = [{"word": w, "conf": c} for w, c in zip(text.split(), confs)]
    return json.dumps({"text": text, "result": words})


def test_an_exact_confident_phrase_is_kept():
    recognition = read_result(result("next page", [0.98, 0.91]), ALLOWED, 0.6)
    assert recognition.phrase == "next page" and recognition.confidence == 0.91


@pytest.mark.parametrize("text, confs, reason", [
    ("[unk] page", [0.9, 0.9], "unknown words"),
    ("next", [0.99], "not a whole allowed phrase"),
    ("go back", [0.99, 0.3], "low confidence"),
    ("", [], "nothing heard"),
])
def test_anything_else_is_rejected(text, confs, reason):
    recognition = read_result(result(text, confs), ALLOWED, 0.6)
    assert recognition.phrase is None and reason in recognition.reason


def test_broken_engine_output_is_rejected_not_raised():
    assert read_result("{not json", ALLOWED, 0.6).phrase is None


def test_real_vosk_decoding():
    folder = find_vosk_model(os.environ.get("KIOSK_VOSK_MODEL", ""))
    if folder is None:
        pytest.skip("no Vosk model installed: run 'python -m kiosk models download vosk' or "
                    "set KIOSK_VOSK_MODEL to a model folder to run this test")
    from kiosk.voice.vosk_engine import VoskRecognizer
    from voice.clips import espeak, room

    recognizer = VoskRecognizer(folder)
    recognizer.set_phrases(["next page", "go back", "number three", "help me"])
    assert recognizer.decode(room(espeak("next page", "en-us", 150))).phrase == "next page"
    oov = recognizer.decode(room(espeak("where is the bathroom please", "en-us", 150)))
    assert oov.phrase is None
