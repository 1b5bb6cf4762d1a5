"""Speech tests run headless: SDL's dummy audio driver stands in for the sound card."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture
def mixer():
    """pygame.mixer as the kiosk sets it up (22050 Hz, 16-bit, mono)."""
    pygame.mixer.pre_init(22050, -16, 1, 1024)
    pygame.mixer.init()
    yield pygame.mixer.get_init()
    pygame.mixer.quit()


@pytest.fixture(scope="session")
def real_synth():
    """The real pyttsx3 + espeak-ng synthesizer, shared: the engine is one per process."""
    from kiosk.speech.synth import Pyttsx3Synthesizer

    synth = Pyttsx3Synthesizer()
    yield synth
    synth.close()


@pytest.fixture(scope="session")
def piper_synth():
    """The real Piper synthesizer with the bundled voice, loaded once for the session."""
    from kiosk.speech.piper_synth import PiperSynthesizer

    return PiperSynthesizer()
