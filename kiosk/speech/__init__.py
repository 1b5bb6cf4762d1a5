"""Speech output: display text made speakable, synthesized with pyttsx3, played by the kiosk.

player = create_player(rate_wpm=165, volume=0.8)      # raises SpeechUnavailable
player.speak(speech_items(items))                      # items with .key .text .kind
for event in player.update(): ...                      # every frame, main thread
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kiosk.speech.player import (
    ItemFinished,
    ItemStarted,
    QueueFinished,
    SpeechError,
    SpeechEvent,
    SpeechItem,
    SpeechPlayer,
)
from kiosk.speech.spoken_text import PAUSE_AFTER_MS, pause_after_ms, speakable
from kiosk.speech.synth import (
    DEFAULT_RATE_WPM,
    MAX_RATE_WPM,
    MIN_RATE_WPM,
    Clip,
    Pyttsx3Synthesizer,
    SpeechUnavailable,
    SynthesisFailed,
    Synthesizer,
    clamp_rate,
)

__all__ = [
    "DEFAULT_RATE_WPM",
    "MAX_RATE_WPM",
    "MIN_RATE_WPM",
    "PAUSE_AFTER_MS",
    "Clip",
    "ItemFinished",
    "ItemStarted",
    "Pyttsx3Synthesizer",
    "QueueFinished",
    "SpeechError",
    "SpeechEvent",
    "SpeechItem",
    "SpeechPlayer",
    "SpeechUnavailable",
    "SynthesisFailed",
    "Synthesizer",
    "clamp_rate",
    "create_player",
    "pause_after_ms",
    "speakable",
    "speech_items",
]


def create_player(
    rate_wpm: int = DEFAULT_RATE_WPM,
    volume: float = 0.8,
    voice: str = "",
    mixer_available: bool = True,
) -> SpeechPlayer:
    """A player with the real pyttsx3 engine. Raises SpeechUnavailable in plain words."""
    return SpeechPlayer(Pyttsx3Synthesizer(voice=voice), rate_wpm, volume, mixer_available)


def speech_items(items: Iterable[Any]) -> list[SpeechItem]:
    """SpeechItems from anything with `key`, `text` and `kind` (e.g. core.SpeakItem):
    the pause after each follows its kind (heading, list item, sentence ...)."""
    return [
        SpeechItem(item.key, item.text, pause_after_ms(getattr(item, "kind", ""))) for item in items
    ]
