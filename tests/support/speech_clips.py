"""Real speech for voice tests and the voice benchmark: espeak-ng commands, babble noise.

Synthesized in memory (espeak-ng --stdout), resampled to 16 kHz, padded with a faint
room-noise floor; babble is several espeak-ng voices reading the fact sheet at once.
"""

from __future__ import annotations

import functools
import io
import subprocess
import wave
import zlib
from pathlib import Path

import numpy as np

from kiosk.voice.audio import resample

VOICES = ("en-us", "en-us+klatt3", "en-us+michael")  # three US voices that differ audibly
RATES = (140, 180)  # words per minute: a slow and a brisk speaker
OUT_OF_VOCABULARY = (
    "where is the bathroom",
    "what time is it",
    "can you help me please",
    "my name is john",
    "the weather is nice today",
    "doctor smith is running late",
    "excuse me",
    "hello there",
    "turn on the television",
    "i am tired",
    "no thank you",
    "where is my wife",
    "is this seat taken",
    "the parking lot is full",
    "did you bring the forms",
    "my appointment is at ten",
    "could you pass the water",
    "the children are playing",
)
BABBLE_TEXT = (
    "Amyotrophic lateral sclerosis is a rare neurological disease that affects motor neurons.",
    "Early symptoms include muscle twitches in the arm, leg, shoulder, or tongue.",
    "Researchers are studying the role of genetics and the environment in the disease.",
    "Physical therapy and special equipment can help people stay independent.",
    "Most people with the disease live three to five years after symptoms first appear.",
)


@functools.lru_cache(maxsize=1024)
def espeak(text: str, voice: str = "en-us", rate: int = 160) -> np.ndarray:
    """espeak-ng speech as float samples at 16 kHz (read-only; kept in memory for the
    session, since tests and benchmarks say the same phrases many times)."""
    wav_bytes = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(rate), "--stdout", text],
        capture_output=True,
        check=True,
    ).stdout
    with wave.open(io.BytesIO(wav_bytes)) as wav:
        rate_in = wav.getframerate()
        samples = np.frombuffer(wav.readframes(wav.getnframes()), "<i2").astype(np.float64)
    speech = resample(samples, rate_in)
    speech.flags.writeable = False
    return speech


@functools.lru_cache(maxsize=4)
def babble_of(
    voices: tuple[str, ...], texts: tuple[str, ...], seconds: float = 12.0, shift: int = 7919
) -> np.ndarray:
    """Several voices reading `texts` at once, each started at another point; unit power."""
    length = int(seconds * 16000)
    mix = np.zeros(length)
    for n, voice in enumerate(voices):
        talk = np.concatenate([espeak(t, voice, 150 + 10 * n) for t in texts])
        talk = np.roll(np.resize(talk, length), n * shift)
        mix += talk / (np.sqrt(np.mean(talk**2)) + 1e-9)
    return mix / np.sqrt(np.mean(mix**2))


def babble(seconds: float = 12.0) -> np.ndarray:
    """Four voices talking over each other, like a waiting room."""
    return babble_of(("en-us", "en-us+f3", "en-gb", "en-us+m1"), BABBLE_TEXT, seconds)


def placement_seed(text: str, voice: str, rate: int) -> int:
    """The `room` seed for one clip: where its babble falls, the same on every run.
    crc32, not hash(): str hashes change every run (PYTHONHASHSEED), and with them the
    babble; on unchanged code babble accuracy moved 70.5% <-> 74.0% between runs."""
    return zlib.crc32(f"{text}|{voice}|{rate}".encode()) % 1000


def room(
    speech: np.ndarray,
    snr_db: float | None = None,
    seed: int = 0,
    pad_s: float = 0.3,
    noise: np.ndarray | None = None,
) -> np.ndarray:
    """Speech with silence around it in a room: a faint noise floor, and babble at
    `snr_db` (speech power over babble power, measured on the speech) when given;
    `noise`: another babble than the tests' own."""
    rng = np.random.default_rng(seed)
    pad = np.zeros(int(pad_s * 16000))
    signal = np.concatenate([pad, speech, pad])
    level = np.sqrt(np.mean(speech**2))
    signal = signal + rng.normal(0, level * 10 ** (-45 / 20), len(signal))
    if snr_db is not None:
        noise = babble() if noise is None else noise
        start = int(rng.integers(0, len(noise) - len(signal)))
        signal = signal + noise[start : start + len(signal)] * level * 10 ** (-snr_db / 20)
    peak = np.abs(signal).max()
    if peak > 30000:
        signal = signal * (30000 / peak)
    return signal.astype(np.int16)


def noise_only(kind: str, seconds: float = 1.5, seed: int = 0) -> np.ndarray:
    """Non-speech sounds a kiosk hears: babble alone, a cough-like burst, a door knock."""
    rng = np.random.default_rng(seed)
    n = int(seconds * 16000)
    if kind == "babble":
        start = int(rng.integers(0, len(babble()) - n))
        return (babble()[start : start + n] * 3000).astype(np.int16)
    if kind == "cough":
        burst = rng.normal(0, 1, n // 3) * np.exp(-np.linspace(0, 6, n // 3))
        burst = np.convolve(burst, np.ones(8) / 8, mode="same")
        out = np.concatenate([np.zeros(n // 3), burst, np.zeros(n - n // 3 - len(burst))])
        return (out / np.abs(out).max() * 12000 + rng.normal(0, 30, n)).astype(np.int16)
    if kind == "knock":
        out = rng.normal(0, 30, n)
        for at in (0.3, 0.55, 0.8):
            i = int(at * n)
            out[i : i + 800] += (
                15000
                * np.exp(-np.linspace(0, 8, 800))
                * np.sin(np.linspace(0, 2 * np.pi * 40, 800))
            )
        return out.astype(np.int16)
    raise ValueError(kind)


def save_wav(path: Path, audio: np.ndarray, rate: int = 16000) -> Path:
    """16-bit mono WAV, for tools that read files: the voice CLI's tests, SphinxTrain."""
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(audio.astype("<i2").tobytes())
    return path
