"""The Vosk engine: used when a Vosk model is installed (see kiosk.voice.models).

Vosk in grammar mode forces any speech onto some allowed phrase, so the grammar gets an
"[unk]" branch that out-of-grammar words fall into, and a result is kept only when the
final (never partial) result is exactly an allowed phrase with every word confident.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.voice.types import SAMPLE_RATE, Recognition, RecognizerError
from kiosk.voice.words import vosk_description


def read_result(text: str, allowed: set[str], min_confidence: float) -> Recognition:
    """Turn Vosk's final JSON into a Recognition. Only a whole allowed phrase with no
    unknown word and every word's confidence high enough is kept."""
    try:
        result = json.loads(text or "{}")
        heard = " ".join(str(result.get("text", "")).split())
        words = result.get("result") or []
        confidence = min((float(w.get("conf", 0.0)) for w in words), default=0.0)
    except (json.JSONDecodeError, AttributeError, TypeError, ValueError):
        return Recognition("", None, 0.0, "unreadable engine result")
    if not heard:
        return Recognition("", None, 0.0, "nothing heard")
    if "[unk]" in heard.split():
        return Recognition(heard, None, confidence, "unknown words")
    if heard not in allowed:
        return Recognition(heard, None, confidence, "not a whole allowed phrase")
    if len(words) != len(heard.split()):
        return Recognition(heard, None, 0.0, "no word confidences")
    if confidence < min_confidence:
        return Recognition(heard, None, confidence, f"low confidence ({confidence:.2f})")
    return Recognition(heard, heard, round(confidence, 3))


class VoskRecognizer:
    """Vosk with a model folder (for example vosk-model-small-en-us-0.15)."""

    name = "vosk"
    MIN_CONFIDENCE = 0.6  # lowest per-word confidence accepted

    def __init__(self, folder: Path) -> None:
        try:
            import vosk
        except ImportError as error:
            raise RecognizerError(f"Vosk is not installed ({error})") from error
        vosk.SetLogLevel(-1)
        try:
            self._model = vosk.Model(str(folder))
        except Exception as error:  # vosk raises a bare Exception on a bad folder
            raise RecognizerError(
                f"the Vosk model in {folder} could not be loaded ({error})"
            ) from error
        self._vosk = vosk
        self.folder = folder
        self._lock = threading.Lock()  # decode (listener thread) vs set_phrases (screen change)
        self._phrases: tuple[str, ...] = ()
        self._allowed: set[str] = set()
        self._recognizer: Any = None

    def known_word(self, word: str) -> bool:
        # vosk 0.3.45 names it vosk_model_find_word; later versions may call it find_word
        find = getattr(self._model, "find_word", None) or self._model.vosk_model_find_word
        return find(word) >= 0

    def set_phrases(self, phrases: Sequence[str]) -> None:
        usable = tuple(
            dict.fromkeys(p for p in phrases if p and all(self.known_word(w) for w in p.split()))
        )
        if usable == self._phrases and self._recognizer is not None:
            return
        if not usable:
            raise RecognizerError("no phrase of this screen can be said with this model")
        # "[unk]" is the unknown-word branch: out-of-grammar speech falls into it
        recognizer = self._vosk.KaldiRecognizer(
            self._model, SAMPLE_RATE, json.dumps([*usable, "[unk]"])
        )
        recognizer.SetWords(True)
        with self._lock:
            self._recognizer = recognizer
            self._phrases = usable
            self._allowed = set(usable)

    @property
    def phrases(self) -> tuple[str, ...]:
        return self._phrases

    def decode(self, audio: np.ndarray) -> Recognition:
        with self._lock:
            if self._recognizer is None:
                raise RecognizerError("no phrases set")
            self._recognizer.AcceptWaveform(np.asarray(audio).astype("<i2").tobytes())
            # FinalResult ends the utterance (and resets the recognizer for the next one)
            return read_result(self._recognizer.FinalResult(), self._allowed, self.MIN_CONFIDENCE)

    def describe(self) -> str:
        return vosk_description(self.folder)
