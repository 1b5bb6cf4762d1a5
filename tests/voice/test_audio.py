"""Reading recordings (any rate, width, channels) and the real microphone path."""

from __future__ import annotations

import wave

import numpy as np
import pytest

from kiosk.voice.audio import AudioFileError, Microphone, load_wav, resample


def write(path, samples: np.ndarray, rate: int, width: int, channels: int):
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return path


def tone(rate: int, seconds: float = 0.5) -> np.ndarray:
    return np.sin(np.arange(int(rate * seconds)) * 2 * np.pi * 440 / rate)


@pytest.mark.parametrize("rate", [8000, 16000, 22050, 44100, 48000])
def test_any_rate_becomes_16_khz(tmp_path, rate):
    samples = (tone(rate) * 20000).astype("<i2")
    audio = load_wav(write(tmp_path / "a.wav", samples, rate, 2, 1))
    assert audio.dtype == np.int16 and abs(len(audio) - 8000) <= 2
    spectrum = np.abs(np.fft.rfft(audio.astype(float)))
    assert abs(np.argmax(spectrum) * 16000 / len(audio) - 440) < 5  # same pitch


def test_stereo_8_and_24_bit_files_are_read(tmp_path):
    stereo = np.repeat((tone(16000) * 20000).astype("<i2")[:, None], 2, axis=1)
    assert len(load_wav(write(tmp_path / "s.wav", stereo, 16000, 2, 2))) == 8000
    eight = ((tone(16000) * 100) + 128).astype(np.uint8)
    assert np.abs(load_wav(write(tmp_path / "e.wav", eight, 16000, 1, 1))).max() > 20000
    value = (tone(16000) * 2_000_000).astype("<i4")
    packed = np.frombuffer(value.tobytes(), np.uint8).reshape(-1, 4)[:, :3].copy()
    loud = load_wav(write(tmp_path / "t.wav", packed, 16000, 3, 1))
    assert 7000 < np.abs(loud).max() < 8500  # 2e6 / 256


def test_bad_files_say_what_is_wrong(tmp_path):
    (tmp_path / "junk.wav").write_bytes(b"this is not audio")
    with pytest.raises(AudioFileError, match="junk.wav: not a readable WAV"):
        load_wav(tmp_path / "junk.wav")
    with pytest.raises(AudioFileError, match="no such file"):
        load_wav(tmp_path / "missing.wav")
    with pytest.raises(AudioFileError, match="empty"):
        load_wav(write(tmp_path / "empty.wav", np.zeros(0, "<i2"), 16000, 2, 1))


def test_downsampling_removes_what_cannot_be_kept():
    high = np.sin(np.arange(44100) * 2 * np.pi * 10000 / 44100) * 10000  # above 8 kHz
    assert np.abs(resample(high, 44100)[200:-200]).max() < 1500


def test_the_real_microphone_path_reports_a_missing_device():
    """Runs sounddevice for real. With no sound card (CI) it must say so in plain words;
    with one, a stream opens and delivers 30 ms blocks."""
    blocks = []
    microphone = Microphone(blocks.append, device=None)
    try:
        microphone.start()
    except OSError as error:
        assert str(error).startswith("no microphone")
        return
    try:
        import time

        time.sleep(0.5)
        assert blocks and all(len(b) == 480 and b.dtype == np.int16 for b in blocks)
    finally:
        microphone.stop()
