"""Audio in: the microphone (sounddevice, 16 kHz mono) and WAV files for tests and the CLI.

Audio exists only in memory: blocks go from the sound card to the listener's queue and
are dropped after decoding. Nothing is written anywhere.
"""

from __future__ import annotations

import logging
import threading
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.voice.engine import SAMPLE_RATE
from kiosk.voice.vad import FRAME

log = logging.getLogger("kiosk.voice.audio")


class AudioFileError(ValueError):
    """A recording that cannot be read; the message names the file and the problem."""


def resample(audio: np.ndarray, rate_in: int, rate_out: int = SAMPLE_RATE) -> np.ndarray:
    """Resample float or int audio; low-pass first when going down so nothing aliases."""
    if rate_in == rate_out or len(audio) == 0:
        return audio.astype(np.float64)
    signal = audio.astype(np.float64)
    if rate_out < rate_in:  # windowed-sinc low-pass at the new Nyquist frequency
        cutoff = 0.5 * rate_out / rate_in
        taps = np.arange(-32, 33)
        kernel = 2 * cutoff * np.sinc(2 * cutoff * taps) * np.hamming(len(taps))
        signal = np.convolve(signal, kernel / kernel.sum(), mode="same")
    positions = np.arange(0, len(signal) * rate_out / rate_in) * rate_in / rate_out
    return np.interp(positions, np.arange(len(signal)), signal)


def load_wav(path: Path | str) -> np.ndarray:
    """Any PCM WAV (8/16/24/32-bit, any rate, mono or stereo) -> int16 mono at 16 kHz."""
    path = Path(path)
    try:
        with wave.open(str(path), "rb") as wav:
            channels, width, rate = wav.getnchannels(), wav.getsampwidth(), wav.getframerate()
            raw = wav.readframes(wav.getnframes())
    except FileNotFoundError as error:
        raise AudioFileError(f"{path}: no such file") from error
    except (wave.Error, EOFError, OSError) as error:
        raise AudioFileError(
            f"{path}: not a readable WAV recording ({error or type(error).__name__})"
        ) from error
    if width == 1:
        samples = (np.frombuffer(raw, np.uint8).astype(np.float64) - 128) * 256
    elif width == 2:
        samples = np.frombuffer(raw, "<i2").astype(np.float64)
    elif width == 3:
        bytes3 = np.frombuffer(raw, np.uint8).reshape(-1, 3)
        value = (
            bytes3[:, 0].astype(np.int32)
            | (bytes3[:, 1].astype(np.int32) << 8)
            | (bytes3[:, 2].astype(np.int32) << 16)
        )
        samples = (np.where(value >= 1 << 23, value - (1 << 24), value) / 256).astype(np.float64)
    elif width == 4:
        samples = np.frombuffer(raw, "<i4").astype(np.float64) / 65536
    else:
        raise AudioFileError(f"{path}: unsupported sample width {width} bytes")
    if len(samples) == 0:
        raise AudioFileError(f"{path}: the recording is empty")
    samples = samples[: len(samples) // channels * channels].reshape(-1, channels).mean(axis=1)
    return np.clip(resample(samples, rate), -32768, 32767).astype(np.int16)


class Microphone:
    """sounddevice input stream: 16 kHz mono int16, 30 ms blocks handed to `callback`.

    `device` is a name or index from settings; None means the system default.
    """

    def __init__(self, callback: Callable[[np.ndarray], None], device: Any = None) -> None:
        self._callback = callback
        self.device = device
        self._stream: Any = None
        self.failed = False  # set from the audio thread when the device goes away

    def start(self) -> None:
        import sounddevice

        def on_block(data: np.ndarray, frames: int, time: Any, status: Any) -> None:
            if status:  # overflows are harmless for commands
                log.debug("microphone status: %s", status)
            self._callback(data[:, 0].copy())

        def on_finished() -> None:
            self.failed = True

        try:
            self._stream = sounddevice.InputStream(
                samplerate=SAMPLE_RATE,
                channels=1,
                dtype="int16",
                blocksize=FRAME,
                device=self.device,
                callback=on_block,
                finished_callback=on_finished,
            )
            self._stream.start()
        except Exception as error:
            self._stream = None
            raise OSError(f"no microphone ({describe_audio_error(error)})") from error

    @property
    def active(self) -> bool:
        return self._stream is not None and bool(self._stream.active) and not self.failed

    def stop(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.stop()
                stream.close()
            except Exception as error:  # an unplugged device can fail to close; it is gone anyway
                log.debug("closing microphone: %s", error)


def describe_audio_error(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    if "PortAudio library not found" in text:
        return "the PortAudio library is missing: install libportaudio2"
    return text


class WavMicrophone:
    """A recording played in a loop, in real time, in place of a microphone: for
    demonstrations and tests (`run_kiosk.py --microphone FILE.wav`), like --camera PATH."""

    def __init__(self, callback: Callable[[np.ndarray], None], path: Path | str) -> None:
        self._callback = callback
        self._audio = load_wav(path)
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.failed = False

    def start(self) -> None:
        self._stopping.clear()
        self._thread = threading.Thread(target=self._play, name="wav-microphone", daemon=True)
        self._thread.start()

    def _play(self) -> None:
        started, sent = time.monotonic(), 0
        while not self._stopping.is_set():
            at = sent % len(self._audio)
            block = self._audio[at : at + FRAME]
            if len(block) < FRAME:
                block = np.concatenate([block, self._audio[: FRAME - len(block)]])
            self._callback(block)
            sent += FRAME
            self._stopping.wait(max(0.0, started + sent / SAMPLE_RATE - time.monotonic()))

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=1)
