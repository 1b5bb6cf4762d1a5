"""What every part of voice control shares: the audio format, what an engine made of an
utterance, the engine interface and its one error. No engine is imported here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

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
    # Rejected, but close enough that the same words heard again soon count (rules.py).
    repeatable: bool = False


class Recognizer(Protocol):
    name: str

    def set_phrases(self, phrases: Sequence[str]) -> None:
        """Restrict recognition to these phrases (lower-case words, single spaces)."""

    def decode(self, audio: np.ndarray) -> Recognition:
        """Decode one utterance (int16, 16 kHz, mono)."""

    def describe(self) -> str:
        """Engine and model in use, for diagnostics."""
