"""The real Piper engine with the bundled joe voice, and choosing an engine."""

from __future__ import annotations

import json
import logging
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest

from kiosk.speech.engines import create_synthesizer
from kiosk.speech.piper_synth import (
    PINNED_NATURAL_WPM,
    PINNED_SHA256,
    PiperSynthesizer,
    VoiceRejected,
    bundled_voice_path,
    check_hash,
    level,
    voice_files,
)
from kiosk.speech.spoken_text import speakable
from kiosk.speech.synth import Pyttsx3Synthesizer, SpeechUnavailable, SynthesisCancelled

from .conftest import sox_stat

SENTENCE = "ALS is progressive, meaning symptoms get worse over time."
# The fact sheet's second sentence (content/als.md), word for word.
OPENING = (
    "Motor neurons are the nerve cells in the brain and spinal cord that control voluntary "
    "muscle movement and breathing."
)


def rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2)))


def test_a_sentence_is_real_audible_unclipped_speech(piper_synth):
    clip = piper_synth.synthesize(speakable(SENTENCE), 165).trimmed()
    assert clip.sample_rate == 22050 and clip.samples.dtype == np.int16
    assert 2.6 < clip.duration < 4.4, clip.duration  # 9 words (+ A L S spelled) at 165 wpm
    assert rms(clip.samples) > 1500, "audible"
    assert np.abs(clip.samples.astype(np.int32)).max() <= 29200, "peak at -1 dBFS, never clipped"
    # Speech, not a tone: the level moves (syllables), with quiet gaps between words.
    # Piper draws fresh noise for every rendering, which moves the loud share by a few
    # points (0.29-0.36 seen on one sentence), so it is measured over three renderings.
    again = [piper_synth.synthesize(speakable(SENTENCE), 165).trimmed() for _ in range(2)]
    frame_rms = np.concatenate([_frame_rms(c.samples) for c in (clip, *again)])
    assert (frame_rms < 300).mean() > 0.05 and (frame_rms > 2000).mean() > 0.3


def _frame_rms(samples: np.ndarray, frame: int = 220) -> np.ndarray:
    """The level of each 10 ms frame (220 samples at 22,050 Hz)."""
    frames = samples[: len(samples) // frame * frame].reshape(-1, frame).astype(float)
    return np.sqrt((frames**2).mean(axis=1))


def test_rate_goes_through_the_length_scale(piper_synth):
    short = "The disease is progressive."
    slow = piper_synth.synthesize(short, 100).trimmed().duration
    normal = piper_synth.synthesize(short, 165).trimmed().duration
    fast = piper_synth.synthesize(short, 260).trimmed().duration
    assert slow > normal > fast
    assert 1.3 < slow / normal < 1.9 and 1.2 < normal / fast < 1.8
    assert piper_synth.length_scale(10) == piper_synth.length_scale(100), "clamped"


def test_the_bundled_voice_uses_its_pinned_pace(piper_synth):
    """(The site-voice test below measures the same model: the pinned value holds.)"""
    assert piper_synth.natural_wpm == PINNED_NATURAL_WPM["en_US-joe-medium.onnx"]


def test_empty_text_and_the_engine_identity(piper_synth):
    assert piper_synth.synthesize("  ", 165).duration == 0
    assert piper_synth.engine == "piper"
    assert piper_synth.description == "Piper (voice en_US-joe-medium)"
    assert piper_synth.cache_key.startswith("piper:")


def test_levels_are_bounded_and_silence_stays_silent():
    loud = np.sin(np.linspace(0, 600, 22050)).astype(np.float32)  # full-scale tone
    assert np.abs(level(loud).astype(np.int32)).max() <= 29163
    assert not level(np.zeros(100, dtype=np.float32)).any()
    assert level(np.zeros(0, dtype=np.float32)).size == 0


def test_the_bundled_voice_is_pinned(piper_synth):
    assert bundled_voice_path().name in PINNED_SHA256
    assert piper_synth.sha256 == PINNED_SHA256[bundled_voice_path().name]


def test_a_checksum_mismatch_is_refused_with_a_clear_log_line(caplog):
    with caplog.at_level(logging.ERROR, logger="kiosk.speech"):
        with pytest.raises(VoiceRejected, match="does not match its checksum"):
            PiperSynthesizer(expected_sha256="0" * 64)
    assert "refused: its SHA-256 is" in caplog.text


def fake_voice(folder: Path, name: str, model: bytes = b"not a model") -> Path:
    """A voice's two files: `model` as the .onnx, and the real voice's .json beside it."""
    model_path = folder / name
    model_path.write_bytes(model)
    config = json.loads(bundled_voice_path().with_suffix(".onnx.json").read_text())
    (folder / f"{name}.json").write_text(json.dumps(config))
    return model_path


def test_a_replaced_file_under_a_pinned_name_is_refused(tmp_path, caplog):
    model = fake_voice(tmp_path, "en_US-joe-medium.onnx")
    with caplog.at_level(logging.ERROR, logger="kiosk.speech"):
        with pytest.raises(VoiceRejected, match="checksum"):
            PiperSynthesizer(model)
    assert str(model) in caplog.text


def test_a_site_voice_is_named_by_its_model_file_and_needs_its_json(tmp_path):
    model = tmp_path / "site-voice.onnx"
    model.write_bytes(b"x")
    with pytest.raises(SpeechUnavailable, match="has no site-voice.onnx.json beside it"):
        voice_files(model)
    with pytest.raises(SpeechUnavailable, match="not found"):
        voice_files(tmp_path / "missing.onnx")
    assert voice_files("")[0] == bundled_voice_path()


def test_a_site_voice_that_cannot_load_is_refused_in_plain_words(tmp_path):
    model = fake_voice(tmp_path, "broken.onnx")
    with pytest.raises(VoiceRejected, match="broken.onnx could not be loaded"):
        PiperSynthesizer(model)


@pytest.fixture
def portable(monkeypatch):
    """create_synthesizer's pyttsx3 fallback, one per test (closed afterwards)."""
    made: list[Pyttsx3Synthesizer] = []
    original = Pyttsx3Synthesizer.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(Pyttsx3Synthesizer, "__init__", init)
    yield made
    for synth in made:
        synth.close()


def test_a_missing_voice_falls_back_to_pyttsx3(tmp_path, portable):
    synth, description = create_synthesizer("auto", piper_model=str(tmp_path / "gone.onnx"))
    assert isinstance(synth, Pyttsx3Synthesizer)
    assert description.startswith("pyttsx3 (espeak-ng); Piper is not used: ")
    assert "gone.onnx" in description
    assert synth.synthesize("Hello.", 165).duration > 0.2, "the fallback really speaks"


def test_a_voice_that_fails_to_load_falls_back_to_pyttsx3(tmp_path, portable):
    model = fake_voice(tmp_path, "broken.onnx")
    synth, description = create_synthesizer("piper", piper_model=str(model))
    assert isinstance(synth, Pyttsx3Synthesizer) and "could not be loaded" in description


def test_pyttsx3_can_be_chosen_and_nonsense_means_auto(portable, piper_synth, monkeypatch):
    synth, description = create_synthesizer("pyttsx3")
    assert isinstance(synth, Pyttsx3Synthesizer) and description == "pyttsx3 (espeak-ng)"
    monkeypatch.setattr("kiosk.speech.engines.PiperSynthesizer", lambda *a, **k: piper_synth)
    monkeypatch.setattr("kiosk.speech.engines._PIPER_VOICES", {})
    synth, description = create_synthesizer("espeak please")
    assert synth is piper_synth and description == "Piper (voice en_US-joe-medium)"
    again, _ = create_synthesizer("piper")
    assert again is synth, "the voice is loaded once per process"


def test_no_engine_at_all_names_both_problems(tmp_path, monkeypatch):
    def no_pyttsx3(self, *args, **kwargs):
        raise SpeechUnavailable("No speech engine: install espeak-ng.")

    monkeypatch.setattr(Pyttsx3Synthesizer, "__init__", no_pyttsx3)
    with pytest.raises(SpeechUnavailable, match="espeak-ng.*Piper is not available either"):
        create_synthesizer("auto", piper_model=str(tmp_path / "gone.onnx"))


@pytest.mark.skipif(shutil.which("sox") is None, reason="sox not installed")
def test_the_fact_sheet_passes_sox_inspection(piper_synth, tmp_path):
    """Duration, level and no clipping of a sentence of the fact sheet, as sox measures them."""
    clip = piper_synth.synthesize(speakable(OPENING), 165)
    path = tmp_path / "als.wav"
    values = sox_stat(clip, path)
    words = len(OPENING.split())
    seconds = float(values["Length (seconds)"])
    assert 0.27 < seconds / words < 0.5, f"{seconds / words:.2f} s per word at 165 wpm"
    assert float(values["Maximum amplitude"]) < 0.95 and float(values["Minimum amplitude"]) > -0.95
    assert float(values["RMS     amplitude"]) > 0.05


def test_a_site_voice_named_in_settings_is_loaded_tried_and_can_be_pinned(tmp_path, caplog):
    """Any Piper voice a site installs: here the bundled model under another name."""
    model = tmp_path / "site-voice.onnx"
    model.symlink_to(bundled_voice_path())
    (tmp_path / "site-voice.onnx.json").write_bytes(
        bundled_voice_path().with_suffix(".onnx.json").read_bytes()
    )
    with caplog.at_level(logging.INFO, logger="kiosk.speech"):
        voice = PiperSynthesizer(model)
    assert voice.description == "Piper (voice site-voice)"
    assert f"has no pinned checksum; its SHA-256 is {voice.sha256}" in caplog.text
    assert voice.natural_wpm == pytest.approx(PINNED_NATURAL_WPM["en_US-joe-medium.onnx"], rel=0.03)
    assert check_hash(model, expected=voice.sha256.upper()) == voice.sha256, "pinned by settings"


def test_a_sentence_being_made_can_be_cancelled_at_once(piper_synth):
    text = speakable(
        "Eventually, in people with ALS, the brain loses its ability to start and control "
        "voluntary movements such as walking, talking, chewing and other functions."
    )
    timer = threading.Timer(0.1, piper_synth.cancel, args=(text,))
    timer.start()
    with pytest.raises(SynthesisCancelled):  # made whole, it would return a clip
        piper_synth.synthesize(text, 165)
    piper_synth.cancel("not being made")  # harmless
    assert piper_synth.synthesize("Still here.", 165).duration > 0.3
