"""python -m kiosk.voice --wav: real files, real PocketSphinx, one JSON line per file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from tests.support.speech_clips import espeak, room, save_wav

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.voice", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_several_files_one_line_each(tmp_path):
    # a stereo 22.05 kHz file, as a phone or recorder might make, and a 16 kHz mono one
    # phrases the real-speech bars still let through from this synthesized voice
    speech = room(espeak("go back", "en-us", 150))
    stereo = np.repeat(
        np.interp(np.arange(0, len(speech), 16000 / 22050), np.arange(len(speech)), speech)[
            :, None
        ],
        2,
        axis=1,
    )
    first = save_wav(tmp_path / "back.wav", stereo.astype(np.int16).reshape(-1), 22050)
    with_stereo_header(first)
    second = save_wav(tmp_path / "three.wav", room(espeak("open three", "en-us", 150)))
    third = save_wav(tmp_path / "oov.wav", room(espeak("is this seat taken", "en-us", 150)))
    result = run(
        "--wav", str(first), str(second), str(third), "--screen", "home", "--engine", "pocketsphinx"
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["action"] for line in lines] == ["back", "select 3", None]
    assert lines[0]["heard"] == "go back" and 0 < lines[0]["confidence"] <= 1
    assert set(lines[2]) >= {"heard", "action", "confidence"}


def with_stereo_header(path: Path) -> None:
    """Rewrite the file as 2 channels (save_wav writes mono)."""
    import wave

    with wave.open(str(path)) as wav:
        frames, rate = wav.readframes(wav.getnframes()), wav.getframerate()
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(2)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(frames)


def run_here(capsys, *args: str) -> subprocess.CompletedProcess:
    """The same command in this process (a new Python per case cost a second or two)."""
    from kiosk.voice.__main__ import main

    code = main(list(args))
    out = capsys.readouterr()
    return subprocess.CompletedProcess(["kiosk.voice", *args], code, out.out, out.err)


def test_the_screen_decides_what_can_be_said(tmp_path, capsys):
    clip = save_wav(tmp_path / "three.wav", room(espeak("number three", "en-us", 150)))
    result = run_here(capsys, "--wav", str(clip), "--screen", "reader")
    assert json.loads(result.stdout)["action"] is None  # no tiles on the reader


def test_unreadable_files_are_named_and_fail(tmp_path, capsys):
    good = save_wav(tmp_path / "back.wav", room(espeak("go back", "en-us", 150)))
    (tmp_path / "broken.wav").write_text("not audio")
    result = run_here(capsys, "--wav", str(tmp_path / "broken.wav"), str(good))
    assert result.returncode == 1
    assert "broken.wav: not a readable WAV" in result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    # One line per file, in order (issue 20): the broken one says why, the good one decodes.
    assert "not a readable WAV" in lines[0]["error"] and lines[0]["file"].endswith("broken.wav")
    assert lines[1]["action"] == "back"  # the good file still decoded


def test_a_long_file_in_which_nothing_was_heard_still_has_its_line(tmp_path, capsys):
    """Issue 20: a file with no utterance printed nothing, so lines no longer matched files."""
    from kiosk.voice.__main__ import decode_files, screen_vocabulary
    from kiosk.voice.pocketsphinx_engine import PocketSphinxRecognizer

    quiet = np.random.default_rng(1).normal(0, 30, 16000 * 10).astype(np.int16)
    silent = save_wav(tmp_path / "silent.wav", quiet)
    spoken = save_wav(tmp_path / "back.wav", room(espeak("go back", "en-us", 150)))
    assert decode_files([silent, spoken], PocketSphinxRecognizer(), screen_vocabulary("home")) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["file"] for line in lines] == [str(silent), str(spoken)]
    assert lines[0]["utterances"] == 0 and lines[0]["action"] is None


def test_a_long_recording_gives_one_line_per_utterance(tmp_path, capsys):
    """A file longer than a command is streamed through voice-activity detection, block
    by block, as the kiosk hears a room: one JSON line per utterance, with its start."""
    from kiosk.voice.__main__ import decode_files, screen_vocabulary
    from kiosk.voice.pocketsphinx_engine import PocketSphinxRecognizer

    quiet = np.random.default_rng(0).normal(0, 30, 16000 * 4)
    parts = [quiet, room(espeak("stop reading", "en-us", 150)), quiet]
    parts += [room(espeak("go back", "en-us", 150)), quiet]
    path = save_wav(tmp_path / "session.wav", np.concatenate(parts).astype(np.int16))
    assert decode_files([path], PocketSphinxRecognizer(), screen_vocabulary("reader")) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["action"] for line in lines] == ["stop", "back"]
    assert 3.5 < lines[0]["start"] < 4.5 and lines[1]["start"] > 9
