"""The recognizer line of `run_kiosk.py --check`: which engine and model are in use."""

from __future__ import annotations

from typing import Any

import numpy as np

from kiosk.voice.engine import create_recognizer


def describe_recognizer(settings: Any) -> str:
    """Load the engine the settings ask for and decode a moment of silence with it.

    Raises RecognizerError (plain words) when it cannot load."""
    recognizer = create_recognizer(settings.voice_engine, settings.vosk_model)
    recognizer.set_phrases(["next page", "go back"])
    recognizer.decode(np.zeros(8000, np.int16))  # proves the model decodes, not just loads
    return f"{recognizer.describe()}; restricted to the phrases of each screen"
