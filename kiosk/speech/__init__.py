"""Speech output: display text made speakable, synthesized with Piper (or pyttsx3 when
Piper cannot be used), played by the kiosk.

player = create_player(speech_rate=165, volume=0.8)      # raises SpeechUnavailable
player.engine_description                              # "Piper (voice en_US-joe-medium)"
player.synthesize_ahead(speech_items(items))           # when a page is shown
player.speak(speech_items(items))                      # items with .key .text .kind
for event in player.update(): ...                      # every frame, main thread
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from kiosk.settings import DEFAULT_VOLUME
from kiosk.speech.engines import ENGINES, EngineChoice, create_synthesizer
from kiosk.speech.lexicon import LEXICON_FILE, Lexicon, LexiconError, load_lexicon
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
    DEFAULT_SPEECH_RATE,
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
    "DEFAULT_SPEECH_RATE",
    "MAX_RATE_WPM",
    "MIN_RATE_WPM",
    "PAUSE_AFTER_MS",
    "ENGINES",
    "LEXICON_FILE",
    "Clip",
    "EngineChoice",
    "Lexicon",
    "LexiconError",
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
    "create_synthesizer",
    "load_lexicon",
    "pause_after_ms",
    "speakable",
    "speech_items",
]


def create_player(
    speech_rate: int = DEFAULT_SPEECH_RATE,
    volume: float = DEFAULT_VOLUME,
    voice: str = "",
    mixer_available: bool = True,
    *,
    engine: str = "auto",
    piper_model: str = "",
    piper_model_sha256: str = "",
    lexicon: Lexicon | None = None,
) -> SpeechPlayer:
    """A player with a real engine: Piper when it works (engine "auto" or "piper"),
    pyttsx3 otherwise or when asked for ("pyttsx3"; `voice` is its voice). Its
    `engine_description` says which speaks. Raises SpeechUnavailable in plain words."""
    choice = create_synthesizer(engine, piper_model, piper_model_sha256, pyttsx3_voice=voice)
    player = SpeechPlayer(
        choice.synthesizer,
        speech_rate,
        volume,
        mixer_available,
        prepare=partial(speakable, lexicon=lexicon),
    )
    player.engine_description = choice.description
    return player


def speech_items(items: Iterable[Any]) -> list[SpeechItem]:
    """SpeechItems from anything with `key`, `text` and `kind` (e.g. core.SpeakItem):
    the pause after each follows its kind (heading, list item, sentence ...)."""
    return [
        SpeechItem(
            item.key,
            item.text,
            pause_after_ms(getattr(item, "kind", "")),
            getattr(item, "volume", None),
        )
        for item in items
    ]
