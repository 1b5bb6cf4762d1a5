"""Text to audio samples with pyttsx3, without letting pyttsx3 play anything.

pyttsx3's `say()` plays through a blocking external player that cannot be interrupted,
so the kiosk asks the engine for samples and plays them itself (see player.py).

How the samples are obtained (pyttsx3 2.99):
- espeak-ng (Linux): pyttsx3 initialises libespeak-ng in "retrieval" mode, where the
  library hands every buffer of audio to a callback on its own thread. We install our own
  callback through pyttsx3's ctypes binding and collect the samples in memory. Each request
  carries its own id in espeak's `user_data`, so late buffers of an abandoned request can
  never end up in the next clip, and no file is ever written.
- SAPI5 (Windows), NSSpeechSynthesizer (macOS) and any other driver: `save_to_file()` to a
  fresh file in a private temporary folder, `runAndWait()`, then wait until the file is
  complete (its header agrees with its size and the size has stopped changing), read it
  and delete it at once. A new name per request means a late write can only ever reach a
  file nobody reads again.

pyttsx3 engines are not thread-safe and their event loop must not be shared between
threads, so one engine lives on one dedicated thread and every request is handed to it.
"""

from __future__ import annotations

import ctypes
import logging
import os
import queue
import shutil
import sys
import tempfile
import threading
import time
import uuid
import wave
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import numpy as np

from kiosk.settings import DEFAULT_SPEECH_RATE, SPEECH_RATE
from kiosk.speech.words import PYTTSX3_VOICES, no_speech_engine, pyttsx3_engine

log = logging.getLogger("kiosk.speech")

# The range and default live in the settings schema (one home for each fact).
MIN_RATE_WPM = int(SPEECH_RATE.low)
MAX_RATE_WPM = int(SPEECH_RATE.high)

T = TypeVar("T")


class SpeechUnavailable(RuntimeError):
    """No speech engine works on this machine; the message says what to install."""


class SynthesisFailed(RuntimeError):
    """One piece of text could not be turned into audio (the engine itself still works)."""


class SynthesisCancelled(SynthesisFailed):
    """The text being made was no longer wanted (an engine's cancel())."""


def clamp_rate(wpm: float) -> int:
    """Speech rate in words per minute, kept within what stays understandable."""
    try:
        value = int(round(float(wpm)))
    except (TypeError, ValueError, OverflowError):
        return DEFAULT_SPEECH_RATE
    return max(MIN_RATE_WPM, min(MAX_RATE_WPM, value))


@dataclass(frozen=True, eq=False)
class Clip:
    """Mono 16-bit audio."""

    samples: np.ndarray
    sample_rate: int
    text: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        samples = np.asarray(self.samples)
        if samples.ndim != 1:
            raise ValueError("a Clip holds mono audio: a one-dimensional array of samples")
        if samples.dtype != np.int16:
            raise ValueError(f"a Clip holds 16-bit samples, not {samples.dtype}")
        if self.sample_rate <= 0:
            raise ValueError(f"sample rate must be positive, not {self.sample_rate}")
        object.__setattr__(self, "samples", samples)

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return len(self.samples) / self.sample_rate

    def trimmed(self, threshold: int = 200, keep_ms: int = 15) -> Clip:
        """Without the engine's leading and trailing silence (keeping `keep_ms` of each),
        so the pauses between items are exactly the ones the player adds."""
        loud = np.flatnonzero(np.abs(self.samples.astype(np.int32)) > threshold)
        if loud.size == 0:
            return Clip(self.samples[:0], self.sample_rate, self.text)
        keep = int(self.sample_rate * keep_ms / 1000)
        start = max(0, int(loud[0]) - keep)
        stop = min(len(self.samples), int(loud[-1]) + 1 + keep)
        return Clip(self.samples[start:stop], self.sample_rate, self.text)


class Synthesizer(Protocol):
    def synthesize(self, text: str, speech_rate: int) -> Clip:
        """Audio for `text` spoken at `speech_rate` words per minute."""
        ...


def _no_engine_message(detail: str) -> str:
    if sys.platform.startswith("linux"):
        hint = "install espeak-ng (sudo apt-get install espeak-ng)"
    elif sys.platform == "darwin":
        hint = "check the system voices in System Settings > Accessibility > Spoken Content"
    else:
        hint = "check the Windows speech voices in Settings > Time & Language > Speech"
    return no_speech_engine(hint, detail)


class _EngineThread:
    """One thread that owns the pyttsx3 engine; everything engine-related runs on it."""

    def __init__(self, name: str) -> None:
        self._jobs: queue.Queue[tuple[Callable[[], Any], Future] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            work, future = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(work())
            except BaseException as error:  # handed to the caller, who decides
                future.set_exception(error)

    def call(self, work: Callable[[], T], timeout: float) -> T:
        future: Future = Future()
        self._jobs.put((work, future))
        return future.result(timeout=timeout)

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=2.0)


# libespeak-ng is one per process (pyttsx3 initialises it once and never again), so
# all in-memory captures in this process take turns.
_ESPEAK_LOCK = threading.Lock()


class _EspeakCapture:
    """Collects the audio libespeak-ng hands to its synthesis callback."""

    def __init__(self) -> None:
        from pyttsx3.drivers import _espeak

        self._espeak = _espeak
        self._job_id = 0
        self._chunks: list[bytes] = []
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._callback = _espeak.t_espeak_callback(self._on_synth)  # kept alive here
        try:
            self.sample_rate = int(_espeak.dll.espeak_ng_GetSampleRate())
        except (AttributeError, OSError):
            self.sample_rate = 22050  # espeak-ng's fixed rate; older espeak has no getter
        if self.sample_rate <= 0:
            self.sample_rate = 22050

    def _on_synth(self, wav: Any, numsamples: int, events: Any) -> int:
        # Runs on espeak's own thread. Every event list ends with a terminator that
        # carries the request's user_data, so the owner of each buffer is known.
        index = 0
        owner = None
        finished = False
        while True:
            event = events[index]
            owner = event.user_data
            if event.type == self._espeak.EVENT_LIST_TERMINATED:
                break
            if event.type == self._espeak.EVENT_MSG_TERMINATED:
                finished = True
            index += 1
        with self._lock:
            if owner != self._job_id:
                return 0  # a buffer from an abandoned request
            if numsamples > 0:
                self._chunks.append(ctypes.string_at(wav, numsamples * 2))
            if finished:
                self._done.set()
        return 0

    def synthesize(self, text: str, speech_rate: int, timeout: float) -> Clip:
        espeak = self._espeak
        with _ESPEAK_LOCK:
            with self._lock:
                self._job_id = (self._job_id % 1_000_000) + 1
                job_id = self._job_id
                self._chunks = []
                self._done.clear()
            # Another pyttsx3 engine in this process may have installed its own callback.
            espeak.cSetSynthCallback(self._callback)
            espeak.SetParameter(espeak.RATE, speech_rate, 0)
            espeak.SetParameter(espeak.VOLUME, 100, 0)  # full scale: volume is the player's
            data = text.encode("utf-8")
            result = espeak.cSynth(
                data,
                len(data) + 1,
                0,
                espeak.POS_CHARACTER,
                0,
                espeak.CHARS_UTF8 | espeak.ENDPAUSE,
                None,
                ctypes.c_void_p(job_id),
            )
            if result != espeak.EE_OK:
                raise SynthesisFailed(f"espeak-ng refused the text (error {result})")
            if not self._done.wait(timeout):
                espeak.Cancel()
                with self._lock:
                    self._job_id = 0
                raise SynthesisFailed(f"espeak-ng took longer than {timeout:.0f} s")
            with self._lock:
                audio = b"".join(self._chunks)
                self._chunks = []
                self._job_id = 0
        return Clip(np.frombuffer(audio, dtype="<i2").astype(np.int16), self.sample_rate, text)


def _read_complete_audio(path: str, deadline: float) -> Clip:
    """Wait until the engine has finished writing `path`, then read it as a mono Clip."""
    last_size = -1
    while True:
        size = os.path.getsize(path) if os.path.exists(path) else -1
        if size > 44 and size == last_size:
            try:
                return _read_audio_file(path)
            except (wave.Error, EOFError, ValueError):
                pass  # header not final yet
        if time.monotonic() > deadline:
            # A stalled machine may pass the deadline while the file is already whole:
            # one last read decides, not the clock alone.
            try:
                if size > 44 and os.path.getsize(path) == size:
                    return _read_audio_file(path)
            except (OSError, wave.Error, EOFError, ValueError):
                pass
            raise SynthesisFailed("the speech engine did not finish writing its audio in time")
        last_size = size
        time.sleep(0.02)


def _read_audio_file(path: str) -> Clip:
    """A complete WAV (or AIFF, which macOS writes) file as mono 16-bit samples."""
    try:
        with wave.open(path, "rb") as wav:
            params = wav.getparams()
            raw = wav.readframes(params.nframes)
            expected = params.nframes * params.sampwidth * params.nchannels
            if len(raw) < expected or params.nframes == 0:
                raise ValueError("incomplete audio file")
            width, channels, rate, big_endian = (
                params.sampwidth,
                params.nchannels,
                params.framerate,
                False,
            )
    except wave.Error:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            import aifc

        with aifc.open(path, "rb") as aiff:
            aiff_params = aiff.getparams()
            raw = aiff.readframes(aiff_params.nframes)
            if len(raw) < aiff_params.nframes * aiff_params.sampwidth * aiff_params.nchannels:
                raise ValueError("incomplete audio file") from None
            width, channels, rate, big_endian = (
                aiff_params.sampwidth,
                aiff_params.nchannels,
                aiff_params.framerate,
                True,
            )
    order = ">" if big_endian else "<"
    if width == 2:
        samples = np.frombuffer(raw, dtype=f"{order}i2").astype(np.float32)
    elif width == 1:
        samples = (np.frombuffer(raw, dtype=np.uint8).astype(np.float32) - 128) * 256
    elif width == 4:
        samples = np.frombuffer(raw, dtype=f"{order}i4").astype(np.float32) / 65536
    else:
        raise ValueError(f"unsupported sample width {width}")
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    return Clip(np.clip(samples, -32768, 32767).astype(np.int16), int(rate))


class Pyttsx3Synthesizer:
    """The real synthesizer: pyttsx3 with the platform's engine, one engine thread.

    `capture` is "memory" (espeak-ng only), "file" (any driver) or "auto" (memory for
    espeak-ng, file otherwise). Raises SpeechUnavailable when no engine produces audio.
    """

    engine = "pyttsx3"

    def __init__(
        self,
        driver: str | None = None,
        voice: str = "",
        capture: str = "auto",
        timeout_s: float = 10.0,
    ) -> None:
        if capture not in ("auto", "memory", "file"):
            raise ValueError(f"capture must be 'auto', 'memory' or 'file', not {capture!r}")
        self._timeout_s = timeout_s
        self._voice = voice
        self._thread = _EngineThread("speech-engine")
        self._tmpdir: str | None = None
        self._engine: Any = None
        self._capture: _EspeakCapture | None = None
        self.driver = ""
        self.mode = ""
        try:
            self._thread.call(lambda: self._start(driver, voice, capture), timeout=20.0)
            probe = self.synthesize("Ready.", DEFAULT_SPEECH_RATE)
        except SpeechUnavailable:
            self.close()
            raise
        except Exception as error:
            self.close()
            raise SpeechUnavailable(
                _no_engine_message(str(error) or type(error).__name__)
            ) from error
        if probe.duration < 0.1 or not np.any(np.abs(probe.samples) > 200):
            self.close()
            raise SpeechUnavailable(_no_engine_message("the engine produced no sound"))
        log.info(
            "speech engine ready: pyttsx3 %s driver, %s capture, %d Hz",
            self.driver,
            self.mode,
            probe.sample_rate,
        )

    @property
    def cache_key(self) -> str:
        """Identifies the audio this engine makes (for the player's clip cache)."""
        return f"pyttsx3:{self.driver}:{self._voice}"

    @property
    def description(self) -> str:
        voices = PYTTSX3_VOICES.get(self.driver, self.driver or "system voice")
        return pyttsx3_engine(voices)

    # Runs on the engine thread.
    def _start(self, driver: str | None, voice: str, capture: str) -> None:
        try:
            import pyttsx3
        except ImportError as error:
            raise SpeechUnavailable(_no_engine_message(f"pyttsx3 is missing: {error}")) from error
        try:
            self._engine = pyttsx3.init(driver)
        except Exception as error:  # pyttsx3 raises RuntimeError, OSError, ImportError ...
            raise SpeechUnavailable(_no_engine_message(str(error))) from error
        self.driver = getattr(self._engine, "driver_name", driver or "")
        if voice:
            try:
                self._engine.setProperty("voice", voice)
            except Exception as error:
                log.warning("voice %r not available (%s); using the default voice", voice, error)
        if capture == "auto":
            capture = "memory" if self.driver == "espeak" else "file"
        if capture == "memory":
            if self.driver != "espeak":
                raise SpeechUnavailable("In-memory capture needs the espeak-ng driver")
            self._capture = _EspeakCapture()
        else:
            self._tmpdir = tempfile.mkdtemp(prefix="kiosk-speech-")  # private: mode 0700
        self.mode = capture

    def synthesize(self, text: str, speech_rate: int) -> Clip:
        """Audio for `text` at `speech_rate` (clamped to 100..260). Raises SynthesisFailed."""
        rate = clamp_rate(speech_rate)
        text = " ".join(str(text).split())
        if not text:
            rate_hz = self._capture.sample_rate if self._capture else 22050
            return Clip(np.zeros(0, dtype=np.int16), rate_hz, "")
        timeout = self._timeout_s + len(text) / 100
        try:
            return self._thread.call(
                lambda: self._synthesize_here(text, rate, timeout), timeout=timeout + 2.0
            )
        except SynthesisFailed:
            raise
        except TimeoutError as error:
            raise SynthesisFailed("the speech engine stopped responding") from error
        except Exception as error:
            raise SynthesisFailed(f"the speech engine failed: {error}") from error

    # Runs on the engine thread.
    def _synthesize_here(self, text: str, rate: int, timeout: float) -> Clip:
        if self._capture is not None:
            return self._capture.synthesize(text, rate, timeout)
        return self._synthesize_to_file(text, rate, timeout)

    def _synthesize_to_file(self, text: str, rate: int, timeout: float) -> Clip:
        assert self._tmpdir is not None
        engine = self._engine
        if self.driver == "espeak":
            # Our in-memory callback may have replaced the driver's: give it back.
            from pyttsx3.drivers import _espeak

            with _ESPEAK_LOCK:
                _espeak.SetSynthCallback(engine.proxy._driver._onSynth)
        suffix = ".aiff" if self.driver == "nsss" else ".wav"
        path = os.path.join(self._tmpdir, f"{uuid.uuid4().hex}{suffix}")
        try:
            engine.setProperty("rate", rate)
            engine.setProperty("volume", 1.0)
            engine.save_to_file(text, path)
            engine.runAndWait()  # may return before the file is complete
            clip = _read_complete_audio(path, time.monotonic() + timeout)
            return Clip(clip.samples, clip.sample_rate, text)
        finally:
            try:
                os.remove(path)
            except OSError:
                pass

    def close(self) -> None:
        """Stop the engine thread and remove the private temporary folder."""
        self._thread.close()
        if self._tmpdir:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None
