"""Choosing the engine the settings ask for."""

from __future__ import annotations

import logging

from kiosk.voice.types import Recognizer, RecognizerError

log = logging.getLogger("kiosk.voice.engine")


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
                "or name a model folder in settings (vosk_model = ...)"
            )
    from kiosk.voice.pocketsphinx_engine import PocketSphinxRecognizer

    return PocketSphinxRecognizer()
