"""Audio in: the microphone (sounddevice, 16 kHz mono) and WAV files for tests and the CLI.

Audio exists only in memory: blocks go from the sound card to the listener's queue and
are dropped after decoding. Nothing is written anywhere.
"""

from __future__ import annotations

import logging
import math
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.timings import BLOCK_S
from kiosk.voice.types import SAMPLE_RATE
from kiosk.voice.vad import FRAME

log = logging.getLogger("kiosk.voice.audio")


class AudioFileError(ValueError):
    """A recording that cannot be read; the message names the file and the problem."""


def resample(audio: np.ndarray, rate_in: int, rate_out: int = SAMPLE_RATE) -> np.ndarray:
    """Resample float or int audio; low-pass first when going down so nothing aliases."""
    if rate_in == rate_out or len(audio) == 0:
        return audio.astype(np.float64)
    # windowed-sinc low-pass at the new Nyquist frequency when going down
    signal = _low_pass(audio.astype(np.float64), rate_in, rate_out)
    positions = np.arange(0, len(signal) * rate_out / rate_in) * rate_in / rate_out
    return np.interp(positions, np.arange(len(signal)), signal)


_PCM, _FLOAT, _EXTENSIBLE = 1, 3, 0xFFFE
_CONTEXT = 64  # samples either side a resampled block needs (the low-pass filter's reach)
# Sample rates a recording can have. A header outside them is damaged or made up: 100 MHz
# made each "1 s" block the whole file, and 4 GHz left under one sample to recognise.
MIN_RATE, MAX_RATE = 4_000, 384_000


@dataclass(frozen=True)
class WavFormat:
    channels: int
    rate: int
    width: int  # bytes per sample
    floating: bool  # IEEE float samples (format 3, or WAVE_FORMAT_EXTENSIBLE with float)
    data_offset: int
    frames: int

    @property
    def seconds(self) -> float:
        return self.frames / self.rate


def wav_format(path: Path | str) -> WavFormat:
    """Read a WAV header: PCM (8/16/24/32-bit), IEEE float (32/64-bit), plain or in
    WAVE_FORMAT_EXTENSIBLE (format 65534, as 24-bit and float recorders write)."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            riff = handle.read(12)
            if len(riff) < 12 or riff[:4] != b"RIFF" or riff[8:12] != b"WAVE":
                raise AudioFileError(f"{path}: not a readable WAV recording (no RIFF/WAVE header)")
            fmt: tuple[int, int, int, int, int] | None = None
            size = path.stat().st_size
            while True:
                header = handle.read(8)
                if len(header) < 8:
                    raise AudioFileError(f"{path}: not a readable WAV recording (no data chunk)")
                name, length = header[:4], struct.unpack("<I", header[4:])[0]
                if name == b"fmt ":
                    body = handle.read(length + (length & 1))
                    if len(body) < 16:
                        raise AudioFileError(f"{path}: not a readable WAV recording (short fmt)")
                    tag, channels, rate, _, align, bits = struct.unpack("<HHIIHH", body[:16])
                    if tag == _EXTENSIBLE and len(body) >= 26:
                        tag = struct.unpack("<H", body[24:26])[0]  # the sub-format GUID
                    fmt = (tag, channels, rate, align, bits)
                elif name == b"data":
                    if fmt is None:
                        raise AudioFileError(f"{path}: not a readable WAV recording (no fmt)")
                    offset = handle.tell()
                    if length in (0, 0xFFFFFFFF) or offset + length > size:
                        length = size - offset  # a stream's header, or a cut-off file
                    break
                else:
                    handle.seek(length + (length & 1), 1)
    except FileNotFoundError as error:
        raise AudioFileError(f"{path}: no such file") from error
    except (OSError, struct.error) as error:
        raise AudioFileError(f"{path}: not a readable WAV recording ({error})") from error
    tag, channels, rate, align, bits = fmt
    width = (bits + 7) // 8
    if channels < 1 or rate < 1 or align != width * channels:
        raise AudioFileError(f"{path}: not a readable WAV recording (inconsistent format)")
    if not MIN_RATE <= rate <= MAX_RATE:
        raise AudioFileError(
            f"{path}: not a readable WAV recording (its header says {rate:,} samples per "
            f"second; recordings have {MIN_RATE:,} to {MAX_RATE:,})"
        )
    if tag == _PCM and width not in (1, 2, 3, 4):
        raise AudioFileError(f"{path}: unsupported sample width {width} bytes")
    if tag == _FLOAT and width not in (4, 8):
        raise AudioFileError(f"{path}: unsupported float sample width {width} bytes")
    if tag not in (_PCM, _FLOAT):
        raise AudioFileError(f"{path}: unsupported WAV encoding (format {tag}); use PCM or float")
    return WavFormat(channels, rate, width, tag == _FLOAT, offset, length // align)


def _samples(raw: bytes, fmt: WavFormat) -> np.ndarray:
    """Raw frames -> mono float samples on the int16 scale."""
    if fmt.floating:
        samples = np.frombuffer(raw, "<f4" if fmt.width == 4 else "<f8").astype(np.float64)
        samples = np.nan_to_num(samples) * 32768
    elif fmt.width == 1:
        samples = (np.frombuffer(raw, np.uint8).astype(np.float64) - 128) * 256
    elif fmt.width == 2:
        samples = np.frombuffer(raw, "<i2").astype(np.float64)
    elif fmt.width == 3:
        bytes3 = np.frombuffer(raw, np.uint8).reshape(-1, 3).astype(np.int32)
        value = bytes3[:, 0] | (bytes3[:, 1] << 8) | (bytes3[:, 2] << 16)
        samples = np.where(value >= 1 << 23, value - (1 << 24), value) / 256
    else:
        samples = np.frombuffer(raw, "<i4").astype(np.float64) / 65536
    count = len(samples) // fmt.channels * fmt.channels
    return samples[:count].reshape(-1, fmt.channels).mean(axis=1)


def _raw_blocks(path: Path, fmt: WavFormat, frames: int) -> Iterator[np.ndarray]:
    with open(path, "rb") as handle:
        handle.seek(fmt.data_offset)
        left = fmt.frames
        while left > 0:
            raw = handle.read(min(left, frames) * fmt.width * fmt.channels)
            if not raw:
                return
            left -= len(raw) // (fmt.width * fmt.channels)
            yield _samples(raw, fmt)


def wav_blocks(path: Path | str, block_s: float = BLOCK_S) -> Iterator[np.ndarray]:
    """A WAV file as int16 mono 16 kHz blocks of about `block_s`, read and resampled a
    block at a time: a one-hour recording never sits in memory whole. The samples are the
    same as resampling the whole file at once."""
    path = Path(path)
    fmt = wav_format(path)
    if fmt.frames == 0:
        raise AudioFileError(f"{path}: the recording is empty")
    frames = max(4 * _CONTEXT, int(block_s * fmt.rate))
    ratio = SAMPLE_RATE / fmt.rate
    blocks = _raw_blocks(path, fmt, frames)
    previous = np.zeros(0)
    current = next(blocks, None)
    start = 0  # input index of `current`'s first sample
    while current is not None:
        following = next(blocks, None)
        ahead = following[:_CONTEXT] if following is not None else np.zeros(0)
        if fmt.rate == SAMPLE_RATE:
            out = current
        else:
            # the block with its neighbours' edges, so the filter sees across the seams
            window = np.concatenate([previous[-_CONTEXT:], current, ahead])
            offset = start - len(previous[-_CONTEXT:])
            filtered = _low_pass(window, fmt.rate)
            first = math.ceil(start * ratio - 1e-9)
            last = math.ceil((start + len(current)) * ratio - 1e-9)
            positions = np.arange(first, last) / ratio
            out = np.interp(positions, np.arange(len(window)) + offset, filtered)
        yield np.clip(out, -32768, 32767).astype(np.int16)
        start += len(current)
        previous, current = current, following


def _low_pass(signal: np.ndarray, rate_in: int, rate_out: int = SAMPLE_RATE) -> np.ndarray:
    if rate_out >= rate_in:
        return signal
    cutoff = 0.5 * rate_out / rate_in
    taps = np.arange(-32, 33)
    kernel = 2 * cutoff * np.sinc(2 * cutoff * taps) * np.hamming(len(taps))
    return np.convolve(signal, kernel / kernel.sum(), mode="same")


def load_wav(path: Path | str) -> np.ndarray:
    """A whole WAV file (PCM 8/16/24/32-bit or float, plain or extensible, any rate, any
    channels) -> int16 mono at 16 kHz. For long files use `wav_blocks`."""
    return np.concatenate(list(wav_blocks(path)))


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
