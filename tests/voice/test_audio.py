"""Reading recordings (any rate, width, channels) and the real microphone path."""

from __future__ import annotations

import wave
from pathlib import Path

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


def write_raw(path, data: bytes, rate: int, channels: int, bits: int, tag: int, sub: int = 0):
    """A WAV written by hand: format 1 (PCM), 3 (float) or 65534 (WAVE_FORMAT_EXTENSIBLE,
    with `sub` as the sub-format), which the wave module cannot write or read."""
    import struct

    align = channels * bits // 8
    fmt = struct.pack("<HHIIHH", tag, channels, rate, rate * align, align, bits)
    if tag == 0xFFFE:
        guid = struct.pack("<H", sub) + bytes.fromhex("000000001000800000aa00389b71")
        fmt += struct.pack("<HHI", 22, bits, 0) + guid
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"LIST" + struct.pack("<I", 4) + b"INFO"  # a chunk readers must skip
    body += b"data" + struct.pack("<I", len(data)) + data
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def test_float_and_extensible_files_are_read(tmp_path):
    signal = tone(48000) * 0.5  # half scale
    as_float = signal.astype("<f4").tobytes()
    for name, path in {
        "float": write_raw(tmp_path / "f.wav", as_float, 48000, 1, 32, 3),
        "extensible float": write_raw(tmp_path / "xf.wav", as_float, 48000, 1, 32, 0xFFFE, 3),
        "float64": write_raw(tmp_path / "d.wav", signal.astype("<f8").tobytes(), 48000, 1, 64, 3),
    }.items():
        audio = load_wav(path)
        assert abs(len(audio) - 8000) <= 2, name
        assert 15500 < np.abs(audio).max() < 17000, name  # 0.5 of full scale
    value = (tone(16000) * 4_000_000).astype("<i4")
    packed = np.frombuffer(value.tobytes(), np.uint8).reshape(-1, 4)[:, :3].tobytes()
    stereo24 = np.frombuffer(packed, np.uint8).reshape(-1, 3)
    stereo24 = np.repeat(stereo24, 2, axis=0).tobytes()  # left = right
    audio = load_wav(write_raw(tmp_path / "x24.wav", stereo24, 16000, 2, 24, 0xFFFE, 1))
    assert len(audio) == 8000 and 15000 < np.abs(audio).max() < 16000  # 4e6 / 256


def test_unsupported_encodings_are_named(tmp_path):
    path = write_raw(tmp_path / "alaw.wav", b"\0" * 100, 8000, 1, 8, 6)
    with pytest.raises(AudioFileError, match="alaw.wav: unsupported WAV encoding"):
        load_wav(path)


def test_blocks_are_the_whole_file_resampled(tmp_path):
    from kiosk.voice.audio import wav_blocks

    samples = (np.random.default_rng(1).normal(0, 3000, 44100 * 3)).astype("<i2")
    path = write(tmp_path / "n.wav", samples, 44100, 2, 1)
    whole = np.clip(resample(samples, 44100), -32768, 32767).astype(np.int16)
    blocks = list(wav_blocks(path, block_s=0.4))
    assert len(blocks) > 5
    assert np.array_equal(np.concatenate(blocks), whole)  # no seams between blocks


def test_a_long_recording_is_streamed_in_bounded_memory(tmp_path):
    """Two minutes at 48 kHz stereo 16-bit (23 MB on disk, 92 MB as float) are read
    block by block: the peak of what numpy allocates stays at a few MB, whatever the
    length (before, the file was read whole)."""
    import tracemalloc

    from kiosk.voice.audio import wav_blocks

    path = tmp_path / "long.wav"
    second = np.random.default_rng(2).normal(0, 300, (48000, 2)).astype("<i2").tobytes()
    minute = second * 60
    import struct

    data_len = len(minute) * 2
    fmt = struct.pack("<HHIIHH", 1, 2, 48000, 48000 * 4, 4, 16)
    with open(path, "wb") as out:
        out.write(b"RIFF" + struct.pack("<I", 36 + data_len) + b"WAVEfmt ")
        out.write(struct.pack("<I", 16) + fmt + b"data" + struct.pack("<I", data_len))
        out.write(minute * 2)
    del minute
    tracemalloc.start()
    try:
        total = sum(len(block) for block in wav_blocks(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert total == 16000 * 120
    assert peak < 6_000_000, peak


def made_up_rate(path, rate: int):
    """A real 16 kHz recording whose header claims another rate (wave refuses to write it)."""
    write(path, (tone(16000) * 20000).astype("<i2"), 16000, 2, 1)
    data = bytearray(path.read_bytes())
    data[24:28] = rate.to_bytes(4, "little")  # the fmt chunk's rate
    data[28:32] = (rate * 2 % 2**32).to_bytes(4, "little")  # and its bytes per second
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("rate", [4_000_000_000, 100_000_000, 1])
def test_a_header_with_a_made_up_rate_is_refused_in_plain_words(tmp_path, rate):
    """Issue 30, item 7: 4 GHz and 100 MHz headers used to reach the resampler."""
    with pytest.raises(AudioFileError, match=f"header says {rate:,} samples per second"):
        load_wav(made_up_rate(tmp_path / "odd.wav", rate))


def test_the_voice_tool_gives_one_line_per_file_with_a_made_up_rate(tmp_path):
    import json
    import subprocess
    import sys

    files = [made_up_rate(tmp_path / f"{r}.wav", r) for r in (4_000_000_000, 100_000_000)]
    result = subprocess.run(
        [sys.executable, "-m", "kiosk.voice", "--engine", "pocketsphinx", "--wav"]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["file"] for line in lines] == [str(f) for f in files]
    assert all("samples per second" in line["error"] for line in lines)
    assert result.stderr.count("error: ") == 2
