"""Which engine and model voice control uses: for `run_kiosk.py --check` and the staff screen."""

from __future__ import annotations

from typing import Any

import numpy as np

from kiosk.voice.factory import create_recognizer


def describe_recognizer(settings: Any) -> str:
    """Load the engine the settings ask for and decode a moment of silence with it: the
    recognizer line of `--check`. Raises RecognizerError (plain words) when it cannot load."""
    recognizer = create_recognizer(settings.voice_engine, settings.vosk_model)
    recognizer.set_phrases(["next page", "go back"])
    recognizer.decode(np.zeros(8000, np.int16))  # proves the model decodes, not just loads
    return f"{recognizer.describe()}; restricted to the phrases of each screen"


def engine_in_use(settings: Any) -> str:
    """The engine and model the settings lead to, without loading anything (cheap: for
    the staff screen), e.g. "Vosk, model vosk-model-small-en-us-0.15" or "PocketSphinx,
    built-in US English model (no Vosk model installed)"."""
    from kiosk.voice.models import find_vosk_model

    engine = settings.voice_engine
    folder = find_vosk_model(settings.vosk_model) if engine in ("auto", "vosk") else None
    if folder is not None:
        return f"Vosk, model {folder.name}"
    if engine == "vosk":
        return "Vosk asked for, but no Vosk model is installed"
    why = "chosen in settings" if engine == "pocketsphinx" else "no Vosk model installed"
    return f"PocketSphinx, built-in US English model ({why})"
