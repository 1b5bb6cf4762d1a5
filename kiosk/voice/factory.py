"""Choosing the engine the settings ask for."""

from __future__ import annotations

import logging

from kiosk.voice.types import Recognizer, RecognizerError

log = logging.getLogger("kiosk.voice.engine")

ENGINES = ("auto", "whisper", "vosk", "pocketsphinx")


def create_recognizer(engine: str = "auto", vosk_model: str = "") -> Recognizer:
    """The engine the settings ask for. "auto": Whisper when its model is installed (and
    is the pinned file), else Vosk when a Vosk model is installed, else the built-in
    PocketSphinx. Raises RecognizerError with a plain message."""
    if engine not in ENGINES:
        raise RecognizerError(
            f"unknown speech engine '{engine}' (use auto, whisper, vosk or pocketsphinx)"
        )
    if engine in ("auto", "whisper"):
        from kiosk.voice.whisper_engine import WhisperRecognizer

        try:
            return WhisperRecognizer()
        except RecognizerError as error:
            if engine == "whisper":
                raise
            log.warning("Whisper not usable (%s); trying the other engines", error)
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
                "or name a model folder in settings (vosk_model = ...)"
            )
    from kiosk.voice.pocketsphinx_engine import PocketSphinxRecognizer

    return PocketSphinxRecognizer()
