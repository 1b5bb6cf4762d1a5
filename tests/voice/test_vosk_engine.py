"""The Vosk engine: result handling with a stand-in, real decoding when a model is present."""

from __future__ import annotations

import json
import os
import sys
import types

import numpy as np
import pytest

from kiosk.voice.models import find_vosk_model
from kiosk.voice.types import RecognizerError
from kiosk.voice.vosk_engine import VoskRecognizer, read_result

ALLOWED = {"next page", "go back", "number three"}


def result(text, confs):
    words = [{"word": w, "conf": c} for w, c in zip(text.split(), confs)]
    return json.dumps({"text": text, "result": words})


def test_an_exact_confident_phrase_is_kept():
    recognition = read_result(result("next page", [0.98, 0.91]), ALLOWED, 0.6)
    assert recognition.phrase == "next page" and recognition.confidence == 0.91


@pytest.mark.parametrize(
    "text, confs, reason",
    [
        ("[unk] page", [0.9, 0.9], "unknown words"),
        ("next", [0.99], "not a whole allowed phrase"),
        ("go back", [0.99, 0.3], "low confidence"),
        ("", [], "nothing heard"),
    ],
)
def test_anything_else_is_rejected(text, confs, reason):
    recognition = read_result(result(text, confs), ALLOWED, 0.6)
    assert recognition.phrase is None and reason in recognition.reason


def test_broken_engine_output_is_rejected_not_raised():
    assert read_result("{not json", ALLOWED, 0.6).phrase is None
    assert read_result('["a list"]', ALLOWED, 0.6).phrase is None
    assert (
        read_result('{"text": "go back", "result": [{"conf": "x"}]}', ALLOWED, 0.6).phrase is None
    )


def test_a_phrase_without_word_confidences_is_not_trusted():
    assert read_result(json.dumps({"text": "go back"}), ALLOWED, 0.6).phrase is None


class FakeKaldi:
    """Stands in for vosk.KaldiRecognizer: replays a scripted final result, and offers a
    confident partial result that must never be used."""

    final = ""
    made: list = []

    def __init__(self, model, rate, grammar):
        self.rate, self.grammar, self.audio = rate, json.loads(grammar), b""
        FakeKaldi.made.append(self)

    def SetWords(self, on):  # noqa: N802 - vosk's name
        self.words = on

    def AcceptWaveform(self, data):  # noqa: N802
        self.audio += data
        return False

    def PartialResult(self):  # noqa: N802
        return json.dumps({"partial": "next page"})

    def FinalResult(self):  # noqa: N802
        return FakeKaldi.final


@pytest.fixture
def fake_vosk(monkeypatch):
    class Model:
        def __init__(self, path):
            if "broken" in path:
                raise Exception("Failed to create a model")

        def vosk_model_find_word(self, word):
            return -1 if word == "zyzzyva" else 7

    module = types.SimpleNamespace(
        Model=Model, KaldiRecognizer=FakeKaldi, SetLogLevel=lambda level: None
    )
    monkeypatch.setitem(sys.modules, "vosk", module)
    FakeKaldi.made = []
    return module


def test_the_grammar_holds_known_phrases_and_the_unknown_word_branch(fake_vosk, tmp_path):
    recognizer = VoskRecognizer(tmp_path)
    recognizer.set_phrases(["next page", "go back", "zyzzyva page", "next page"])
    kaldi = FakeKaldi.made[-1]
    assert kaldi.grammar == ["next page", "go back", "[unk]"] and kaldi.rate == 16000
    assert kaldi.words and recognizer.phrases == ("next page", "go back")
    recognizer.set_phrases(["next page", "go back"])
    assert len(FakeKaldi.made) == 1  # same screen vocabulary: recognizer kept
    with pytest.raises(RecognizerError, match="no phrase"):
        recognizer.set_phrases(["zyzzyva"])
    assert recognizer.describe() == f"Vosk (model {tmp_path})"


def test_decode_uses_only_the_final_result(fake_vosk, tmp_path):
    recognizer = VoskRecognizer(tmp_path)
    with pytest.raises(RecognizerError):
        recognizer.decode(np.zeros(1600, np.int16))
    recognizer.set_phrases(["next page", "go back"])
    audio = (np.arange(1600) % 200 - 100).astype(np.int16)
    FakeKaldi.final = result("next page", [0.95, 0.9])
    assert recognizer.decode(audio).phrase == "next page"
    assert FakeKaldi.made[-1].audio == audio.astype("<i2").tobytes()
    FakeKaldi.final = json.dumps({"text": ""})  # the partial said "next page": ignored
    assert recognizer.decode(audio).phrase is None
    FakeKaldi.final = result("next page", [0.95, 0.4])
    assert recognizer.decode(audio).reason == "low confidence (0.40)"
    FakeKaldi.final = result("[unk] [unk]", [1.0, 1.0])
    assert recognizer.decode(audio).reason == "unknown words"


def test_a_model_that_does_not_load_gives_a_plain_error(fake_vosk, tmp_path):
    with pytest.raises(RecognizerError, match="could not be loaded"):
        VoskRecognizer(tmp_path / "broken")


def test_real_vosk_decoding():
    folder = find_vosk_model(os.environ.get("KIOSK_VOSK_MODEL", ""))
    if folder is None:
        pytest.skip(
            "no Vosk model installed: run 'python -m kiosk models download vosk' or "
            "set KIOSK_VOSK_MODEL to a model folder to run this test"
        )
    from tests.support.speech_clips import espeak, room

    recognizer = VoskRecognizer(folder)
    recognizer.set_phrases(["next page", "go back", "number three", "help me"])
    assert recognizer.decode(room(espeak("next page", "en-us", 150))).phrase == "next page"
    oov = recognizer.decode(room(espeak("where is the bathroom please", "en-us", 150)))
    assert oov.phrase is None


def test_the_real_library_refuses_a_folder_that_only_looks_like_a_model(
    tmp_path, caplog, monkeypatch
):
    from kiosk.voice import whisper_model
    from kiosk.voice.factory import create_recognizer

    monkeypatch.setattr(whisper_model, "model_folder", lambda: None)  # "auto" skips Whisper

    folder = tmp_path / "copied-badly"
    (folder / "am").mkdir(parents=True)
    (folder / "am" / "final.mdl").write_bytes(os.urandom(1000))
    (folder / "conf").mkdir()
    with pytest.raises(RecognizerError, match="could not be loaded"):
        VoskRecognizer(folder)
    with pytest.raises(RecognizerError, match="could not be loaded"):
        create_recognizer("vosk", str(folder))
    assert create_recognizer("auto", str(folder)).name == "pocketsphinx"
    assert "Vosk model not usable" in caplog.text
