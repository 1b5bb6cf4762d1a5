"""Recognizers: one interface over PocketSphinx (built in) and Vosk (when a model is installed).

A recognizer is told the phrases that may be said now (`set_phrases`) and decodes one
utterance of 16 kHz mono int16 audio into a `Recognition`, or None. Both engines map
out-of-grammar speech onto some allowed phrase, often with full confidence, so a result
is kept only when it exactly matches an allowed phrase and passes the engine's own
rejection tests; the caller never sees partial results.

This module only gathers the names from where they live, for code written against it:
kiosk/voice/types.py (shared types), signals.py (signal helpers), pocketsphinx_engine.py
and vosk_engine.py (one engine each), factory.py (create_recognizer). New code imports
from kiosk.voice or from those modules.
"""

from __future__ import annotations

from kiosk.voice.factory import create_recognizer
from kiosk.voice.pocketsphinx_engine import PocketSphinxRecognizer
from kiosk.voice.signals import dither, pad_abrupt, pitched_frames, speech_span, voiced_frames
from kiosk.voice.types import SAMPLE_RATE, Recognition, Recognizer, RecognizerError

__all__ = [
    "SAMPLE_RATE",
    "PocketSphinxRecognizer",
    "Recognition",
    "Recognizer",
    "RecognizerError",
    "create_recognizer",
    "dither",
    "pad_abrupt",
    "pitched_frames",
    "speech_span",
    "voiced_frames",
]
