"""The Vosk engine: used when a Vosk model is installed (see kiosk.voice.models)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.voice.engine import SAMPLE_RATE, Recognition, RecognizerError


def read_result(text: str, allowed: set[str], min_confidence: float) -> Recognition:
    """Turn Vosk's final JSON into a Recognition. Only a whole allowed phrase with no
    unknown word and every word's confidence high enough is kept."""
    try:
        result = json.loads(text or "{}")
    except json.JSONDecodeError:
        return Recognition("", None, 0.0, "unreadable engine result")
    heard = " ".join(str(result.get("text", "")).split())
    words = result.get("result") or []
    confidence = min((float(w.get("conf", 0.0)) for w in words), default=0.0)
    if not heard:
        return Recognition("", None, 0.0, "nothing heard")
    if "[unk]" in heard.split():
        return Recognition(heard, None, confidence, "unknown words")
    if heard not in allowed:
        return Recognition(heard, None, confidence, "not a whole allowed phrase")
    if confidence < min_confidence:
        return Recognition(heard, None, confidence, f"low confidence ({confidence:.2f})")
    return Recognition(heard, heard, round(confidence, 3))


class VoskRecognizer:
    name = "vosk"
    MIN_CONFIDENCE = 0.6

    def __init__(self, folder: Path) -> None:
        try:
            import vosk
        except ImportError as error:
            raise RecognizerError(f"Vosk is not installed ({error})") from error
        vosk.SetLogLevel(-1)
        try:
            self._model = vosk.Model(str(folder))
        except Exception as error:
            raise RecognizerError(f"the Vosk model in {folder} could not be loaded "
                                  f"({error})") from error
        self._vosk = vosk
        self.folder = folder
        self._allowed: set[str] = set()
        self._recognizer: Any = None

    def known_word(self, word: str) -> bool:
        return self._model.vosk_model_find_word(word) >= 0

    def set_phrases(self, phrases: Sequence[str]) -> None:
        usable = [p for p in dict.fromkeys(phrases) if all(self.known_word(w) for w in p.split())]
        if set(usable) == self._allowed and self._recognizer is not None:
            return
        if not usable:
            raise RecognizerError("no phrase of this screen can be said with this model")
        # "[unk]" is the unknown-word branch: out-of-grammar speech falls into it
        self._recognizer = self._vosk.KaldiRecognizer(self._model, SAMPLE_RATE,
                                                      json.dumps(usable + ["[unk]"]))
        self._recognizer.SetWords(True)
        self._allowed = set(usable)

    def decode(self, audio: np.ndarray) -> Recognition:
        if self._recognizer is None:
            raise RecognizerError("no phrases set")
        self._recognizer.AcceptWaveform(audio.astype("<i2").tobytes())
        return read_result(self._recognizer.FinalResult(), self._allowed, self.MIN_CONFIDENCE)

    def describe(self) -> str:
        return f"Vosk (model {self.folder})"
