"""The real-speech verifier's parts (kiosk/voice/verifier.py), the shipped model, and the
engine's use of it; what it achieves on real people is in test_real_speech.py."""

from __future__ import annotations

import numpy as np
import pytest

from kiosk.voice import verifier as V
from kiosk.voice.signals import pad_abrupt
from tests.support import real_speech as R


def tone(freq: float, seconds: float = 0.4, rate: int = 16000) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (8000 * np.sin(2 * np.pi * freq * t) * np.hanning(len(t))).astype(np.int16)


def test_cepstra_are_mean_normalized_frames_of_the_word():
    audio = np.concatenate([np.zeros(8000, np.int16), tone(300), np.zeros(8000, np.int16)])
    ceps = V.cepstra(audio)
    assert ceps.shape[1] == V.N_CEPS and 30 <= len(ceps) <= 42  # the 0.4 s tone, not silence
    assert np.allclose(ceps.mean(axis=0), 0, atol=1e-4)


def test_dtw_finds_the_same_word_at_another_speed_closest():
    slow_up = np.concatenate([tone(300, 0.3), tone(900, 0.3)])
    fast_up = np.concatenate([tone(300, 0.2), tone(900, 0.2)])
    down = np.concatenate([tone(900, 0.3), tone(300, 0.3)])
    padded, lengths = V.pack_templates([V.cepstra(fast_up), V.cepstra(down)])
    same, other = V.dtw_distances(V.cepstra(slow_up), padded, lengths)
    assert same < other
    assert V.dtw_distances(V.cepstra(fast_up), padded, lengths)[0] == pytest.approx(0, abs=0.01)


def test_a_template_too_long_to_reach_is_far():
    short = V.cepstra(tone(300, 0.1))
    padded, lengths = V.pack_templates([V.cepstra(tone(300, 1.0))])
    assert V.dtw_distances(short, padded, lengths)[0] == V.FAR


def test_a_hiss_at_the_start_shows_in_the_high_band():
    rng = np.random.default_rng(0)
    hiss = np.diff(rng.normal(0, 700, 2401)).astype(np.int16)  # high-passed noise, "s"
    stop = np.concatenate([hiss, tone(200, 0.3)])
    up = tone(200, 0.45)
    assert V.high_band(stop)["onset_emphasis_db"] > V.high_band(up)["onset_emphasis_db"] + 10


def test_save_and_load_keep_templates_model_and_thresholds(tmp_path):
    pairs = (("one", 300), ("stop", 500))
    templates = {w: V.pack_templates([V.cepstra(tone(f))]) for w, f in pairs}
    made = V.Verifier(("one", "stop"), templates, {"template_margin": (1.0, 2.0, 0.5)}, -0.3,
                      {"one": 0.8, "stop": 0.95})  # fmt: skip
    V.save(tmp_path / "v.npz", made)
    loaded = V.load(tmp_path / "v.npz")
    assert loaded is not None and loaded.words == ("one", "stop")
    assert loaded.thresholds == {"one": 0.8, "stop": 0.95} and loaded.bias == -0.3
    assert np.allclose(loaded.templates["stop"][0], templates["stop"][0], atol=0.02)
    assert V.load(tmp_path / "missing.npz") is None


def test_the_shipped_verifier_judges_the_tile_numbers_and_stop():
    shipped = V.load()
    assert shipped is not None
    # the tile numbers the home screen offers (one to eight) and "stop"
    assert set(shipped.words) == set(R.COMMAND_WORDS)
    assert {"seven", "eight"} <= set(shipped.words) and "nine" not in shipped.words
    assert all(0.5 <= t < 1 for t in shipped.thresholds.values())
    assert V.DATA.stat().st_size < 1_000_000
    # the margin over other words' templates counts for the word; the distance against
    weights = {name: weight for name, (_, _, weight) in shipped.model.items()}
    assert weights["template_margin"] > 0 and weights["template_distance"] < 0


def test_a_recording_cut_mid_word_gets_silence_on_that_side_only():
    loud = tone(300, 0.5)
    padded = pad_abrupt(loud[: len(loud) // 2])  # ends at the loudest point
    assert len(padded) == len(loud) // 2 + 4800
    assert np.abs(padded[-4800:]).max() < 100  # a faint floor, not speech
    quiet_edges = np.concatenate([np.zeros(4800, np.int16), loud, np.zeros(4800, np.int16)])
    assert len(pad_abrupt(quiet_edges)) == len(quiet_edges)


def test_a_missing_verifier_file_is_logged(monkeypatch, caplog):
    from kiosk.voice import pocketsphinx_engine

    monkeypatch.setattr(pocketsphinx_engine, "load_verifier", lambda: None)
    pocketsphinx_engine.PocketSphinxRecognizer()
    assert "verifier (kiosk/voice/data/) is missing or cannot run" in caplog.text
