"""Synthesized voices saying what no recording of real people here holds: the commands
other than the tile numbers and "stop" ("read", "help", "next page", "go back", "home",
the tile titles) and words that sound like commands ("tree", "free", "won", "for",
"forward", "to", "ate", "sticks", "stock"; "on" is also in the real set).

Piper (the kiosk's own reading voice) and three espeak-ng voices; clean, in 10 dB babble
and narrow-band (8 kHz). Never a headline figure: synthesized speech misled this project
before (96 % on espeak-ng voices, 72 % on real people); reported apart.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import numpy as np

from kiosk.voice.audio import resample
from tests.support.real_speech import narrow_band
from tests.support.speech_clips import VOICES, espeak, placement_seed, room

COMMANDS = ("read", "help", "next page", "go back", "home")
SOUND_ALIKES = ("tree", "free", "on", "won", "for", "forward", "to", "ate", "sticks", "stock")
CONDITIONS = ("clean", "babble 10 dB", "8 kHz")
RATE_WPM = 160


@functools.lru_cache(maxsize=1)
def _piper() -> object | None:
    try:
        from kiosk.speech.piper_synth import PiperSynthesizer

        return PiperSynthesizer(threads=1)
    except Exception:  # Piper or its voice missing: espeak-ng voices only
        return None


@functools.lru_cache(maxsize=512)
def say(text: str, voice: str) -> np.ndarray:
    """`text` said by `voice` ("piper" or an espeak-ng voice), float samples at 16 kHz."""
    if voice == "piper":
        piper = _piper()
        if piper is None:
            raise RuntimeError("Piper is not available")
        clip = piper.synthesize(text, RATE_WPM)  # type: ignore[attr-defined]
        speech = resample(clip.samples.astype(np.float64), clip.sample_rate)
        speech.flags.writeable = False
        return speech
    return espeak(text, voice, RATE_WPM)


def voices() -> list[str]:
    return (["piper"] if _piper() is not None else []) + list(VOICES)


def in_condition(speech: np.ndarray, condition: str, seed: int) -> np.ndarray:
    if condition == "babble 10 dB":
        return room(speech, 10.0, seed=seed)
    audio = room(speech, seed=seed)
    if condition == "8 kHz":
        audio = np.clip(narrow_band(audio.astype(np.float64)), -32768, 32767).astype(np.int16)
    return audio


def clips(texts: tuple[str, ...] | list[str]) -> Iterator[tuple[str, str, str, np.ndarray]]:
    """(text, voice, condition, int16 audio at 16 kHz) for every voice and condition."""
    for voice in voices():
        for text in texts:
            speech = say(text, voice)
            for condition in CONDITIONS:
                seed = placement_seed(text, voice, RATE_WPM)
                yield text, voice, condition, in_condition(speech, condition, seed)
