"""Recognizers: one interface over PocketSphinx (built in) and Vosk (when a model is installed).

A recognizer is told the phrases that may be said now (`set_phrases`) and decodes one
utterance of 16 kHz mono int16 audio into a `Recognition`, or None. Both engines map
out-of-grammar speech onto some allowed phrase, often with full confidence, so a result
is kept only when it exactly matches an allowed phrase and passes the engine's own
rejection tests; the caller never sees partial results.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

log = logging.getLogger("kiosk.voice.engine")

SAMPLE_RATE = 16_000


class RecognizerError(RuntimeError):
    """The engine or its model cannot be loaded; the message says what to do, in plain words."""


@dataclass(frozen=True)
class Recognition:
    """What an engine made of one utterance."""

    heard: str  # the engine's words ("" when it heard nothing it could place)
    phrase: str | None  # the allowed phrase it matched exactly, or None when rejected
    confidence: float  # 0..1; how far the result cleared the rejection tests
    reason: str = ""  # why it was rejected, for benchmarks and debugging (never the audio)
    scores: tuple[float, ...] = ()  # the engine's rejection measures, for tuning


class Recognizer(Protocol):
    name: str

    def set_phrases(self, phrases: Sequence[str]) -> None:
        """Restrict recognition to these phrases (lower-case words, single spaces)."""

    def decode(self, audio: np.ndarray) -> Recognition:
        """Decode one utterance (int16, 16 kHz, mono)."""

    def describe(self) -> str:
        """Engine and model in use, for diagnostics."""


def dither(audio: np.ndarray, level_dbfs: float = -66.0) -> np.ndarray:
    """Add a faint, fixed noise floor. Digital silence (exact zeros, common in files and
    synthesized speech) breaks PocketSphinx's noise and mean estimates: on espeak-ng
    commands padded with zeros, accuracy fell from 97% to 54% (see the voice benchmark)."""
    rng = np.random.default_rng(len(audio))
    noise = rng.normal(0.0, 32768.0 * 10 ** (level_dbfs / 20), len(audio))
    return np.clip(audio.astype(np.float64) + noise, -32768, 32767).astype(np.int16)


def _log_prob(value: float) -> float:
    # The Python API returns exp(log score); tiny values underflow to 0.
    return math.log(value) if value > 0 else -745.0


_FILLERS = {"<sil>", "(NULL)", "<s>", "</s>", "SIL", "[NOISE]", "+NSN+", "+SPN+"}


class PocketSphinxRecognizer:
    """PocketSphinx with the US English model shipped in its wheel; no download needed.

    Rejection, measured on espeak-ng speech (benchmarks/bench_voice.py):
    - the final hypothesis must be a whole allowed phrase (partial paths are rejected);
    - log-likelihood ratio against an unconstrained phone loop over the same frames
      (the classic garbage model): an out-of-grammar utterance forced onto a phrase
      fits the phrase much worse than free phones do;
    - coverage: the phrase must account for most of the voiced frames, so a long
      sentence is not taken as the one short command inside it.
    """

    name = "pocketsphinx"
    MIN_LLR = -5.1  # per frame; in-grammar espeak speech: median -2.9, 1st percentile -5.0
    MIN_COVERAGE = 0.8  # matched span / voiced frames; in-grammar minimum 0.89

    def __init__(self) -> None:
        try:
            import pocketsphinx
            from pocketsphinx import Decoder, set_loglevel
        except ImportError as error:
            raise RecognizerError(f"PocketSphinx is not installed ({error})") from error
        set_loglevel("FATAL")
        model = Path(pocketsphinx.__file__).parent / "model" / "en-us"
        try:
            # topn 32 instead of 4: +5% on synthesized commands for ~10 ms more per utterance
            self._grammar = Decoder(lm=None, dither=True, topn=32, loglevel="FATAL")
            # the phone loop only scores, its words are not used: default topn keeps it fast
            self._phones = Decoder(lm=None, allphone=str(model / "en-us-phone.lm.bin"),
                                   dither=True, loglevel="FATAL")
        except Exception as error:
            raise RecognizerError(f"PocketSphinx could not load its model ({error})") from error
        self._lock = threading.Lock()
        self._phrases: tuple[str, ...] = ()
        self._known: set[str] = set()
        self._model = model

    def known_word(self, word: str) -> bool:
        return self._grammar.lookup_word(word) is not None

    def set_phrases(self, phrases: Sequence[str]) -> None:
        usable = tuple(dict.fromkeys(p for p in phrases
                                     if p and all(self.known_word(w) for w in p.split())))
        if usable == self._phrases:
            return
        if not usable:
            raise RecognizerError("no phrase of this screen can be said with this model")
        grammar = "#JSGF V1.0;\ngrammar kiosk;\npublic <command> = {};\n".format(
            " | ".join(usable))
        with self._lock:
            self._grammar.add_jsgf_string("kiosk", grammar)
            self._grammar.activate_search("kiosk")
            self._phrases = usable
            self._known = set(usable)

    @property
    def phrases(self) -> tuple[str, ...]:
        return self._phrases

    def _run(self, decoder, audio: bytes):  # noqa: ANN001 - pocketsphinx types are untyped
        decoder.start_utt()
        decoder.process_raw(audio, full_utt=True)
        decoder.end_utt()
        words = [s for s in (decoder.seg() or []) if s.word not in _FILLERS]
        hyp = decoder.hyp()
        return (hyp.hypstr if hyp else ""), words

    def decode(self, audio: np.ndarray) -> Recognition:
        raw = dither(audio).tobytes()
        with self._lock:
            heard, words = self._run(self._grammar, raw)
            if heard not in self._known:
                return Recognition(heard, None, 0.0, "not a whole allowed phrase")
            _, phones = self._run(self._phones, raw)
        start, end = words[0].start_frame, words[-1].end_frame
        span = end - start + 1
        phrase_score = sum(_log_prob(w.ascore) for w in words)
        loop_score = sum(_log_prob(p.ascore) for p in phones
                         if p.start_frame >= start - 3 and p.end_frame <= end + 3)
        llr = (phrase_score - loop_score) / span
        coverage = span / max(1, voiced_frames(audio))
        confidence = max(0.0, min(1.0, (llr - self.MIN_LLR) / abs(self.MIN_LLR)))
        scores = (llr, coverage)
        if llr < self.MIN_LLR:
            return Recognition(heard, None, confidence, f"poor fit (llr {llr:.1f})", scores)
        if coverage < self.MIN_COVERAGE:
            return Recognition(heard, None, confidence, f"covers {coverage:.0%} of the speech",
                               scores)
        return Recognition(heard, heard, round(confidence, 3), "", scores)

    def describe(self) -> str:
        return f"PocketSphinx (built-in US English model, {self._model})"


def voiced_frames(audio: np.ndarray, frame: int = 160, below_peak_db: float = 15.0) -> int:
    """10 ms frames within `below_peak_db` of the loudest one: the voiced part of an utterance."""
    count = len(audio) // frame
    if count == 0:
        return 0
    frames = audio[: count * frame].astype(np.float64).reshape(count, frame)
    energy = 10 * np.log10((frames**2).mean(axis=1) + 1e-9)
    return int((energy > energy.max() - below_peak_db).sum())


def create_recognizer(engine: str = "auto", vosk_model: str = "") -> Recognizer:
    """The engine the settings ask for. "auto": Vosk when a Vosk model is installed,
    else the built-in PocketSphinx. Raises RecognizerError with a plain message."""
    if engine not in ("auto", "vosk", "pocketsphinx"):
        raise RecognizerError(f"unknown speech engine '{engine}' (use vosk or pocketsphinx)")
    if engine in ("auto", "vosk"):
        from kiosk.voice.models import find_vosk_model

        folder = find_vosk_model(vosk_model)
        if folder is not None:
            from kiosk.voice.vosk_engine import VoskRecognizer

            try:
                return VoskRecognizer(folder)
            except RecognizerError as error:
                if engine == "vosk":
                    raise
                log.warning("Vosk model not usable, using PocketSphinx: %s", error)
        elif engine == "vosk":
            raise RecognizerError(
                "no Vosk model installed: run 'python -m kiosk models download vosk' "
                "or name a model folder in settings (vosk_model = ...)")
    return PocketSphinxRecognizer()
