"""Speech tests run headless: SDL's dummy audio driver stands in for the sound card."""

from __future__ import annotations

import os
import subprocess
import wave
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(scope="module")
def mixer():
    """pygame.mixer as the kiosk sets it up (22050 Hz, 16-bit, mono); one per module
    (closing SDL's audio takes 0.1 s)."""
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


def sox_stat(clip: Any, path: Path) -> dict[str, str]:
    """Write a synthesized clip to a WAV file and return what `sox FILE -n stat` measures."""
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(clip.sample_rate)
        wav.writeframes(clip.samples.tobytes())
    stat = subprocess.run(
        ["sox", str(path), "-n", "stat"], capture_output=True, text=True, check=True
    ).stderr
    return {
        line.split(":")[0].strip(): line.split(":")[1].strip()
        for line in stat.splitlines()
        if ":" in line
    }
