"""Privacy: while the kiosk runs with the camera and microphone on, nothing but the event
log and the usage counts is written under the data, cache, log or temporary folders, and the log
holds no pictures or sound."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

from tests.support.frames import face_frame, write_frames
from tests.support.speech_clips import espeak, room, save_wav

ROOT = Path(__file__).resolve().parent.parent


def files_under(*folders: Path) -> set[Path]:
    return {p for folder in folders for p in folder.rglob("*") if p.is_file()}


def test_camera_frames_and_sound_are_never_written(tmp_path):
    frames = write_frames(tmp_path / "frames", [face_frame(dx=i % 3) for i in range(6)])
    said = save_wav(
        tmp_path / "said.wav", room(espeak("where is the bathroom", "en-us", 150), pad_s=1.0)
    )
    data, cache, temp = tmp_path / "data", tmp_path / "cache", tmp_path / "tmp"
    for folder in (data, cache, temp):
        folder.mkdir()
    env = dict(
        os.environ,
        XDG_DATA_HOME=str(data),
        XDG_CACHE_HOME=str(cache),
        TMPDIR=str(temp),
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
    )
    before = files_under(data, cache, temp)
    process = subprocess.Popen(
        [
            sys.executable,
            "run_kiosk.py",
            "--windowed",
            "--size",
            "800x600",
            "--camera",
            str(frames),
            "--microphone",
            str(said),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    with wave.open(str(said)) as clip:
        said_s = clip.getnframes() / clip.getframerate()
    try:
        # Run until camera, face mesh and microphone are on, then long enough for the whole
        # recording to be heard and calibration to get under way (it starts 1 s after a face).
        markers = ("eye gaze started", "microphone on", "voice recognizer ready")
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline and process.poll() is None:
            if all(any(m in line for line in list(lines)) for m in markers):
                break
            time.sleep(0.05)
        time.sleep(said_s + 1.0)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        reader.join(timeout=10)
    output = "".join(lines)
    assert "eye gaze started" in output, output[-2000:]
    assert "microphone on" in output and "voice recognizer ready" in output, output[-2000:]
    written = files_under(data, cache, temp) - before
    allowed = {
        data / "handsfree-kiosk" / "logs" / "kiosk.log",
        data / "handsfree-kiosk" / "usage.json",
    }
    # matplotlib, imported by mediapipe, caches the list of installed fonts: no one's data.
    font_cache = {
        p for p in written if p.parent == cache / "matplotlib" and p.name.startswith("fontlist")
    }
    assert all(b'"ttflist"' in p.read_bytes() for p in font_cache)
    written -= font_cache
    # Issue 20: the one-kiosk lock (a pid) and the saved copy of the content folder (the
    # clinic's own fact sheets, for a start without the share): no one's data.
    allowed.add(data / "handsfree-kiosk" / "kiosk.lock")
    saved = data / "handsfree-kiosk" / "content-cache"
    shipped = {p.name for p in (ROOT / "content").iterdir()} | {".saved.json"}
    allowed |= {p for p in written if p.parent == saved and p.name in shipped}
    assert written <= allowed, sorted(str(p) for p in written - allowed)
    log_text = (data / "handsfree-kiosk" / "logs" / "kiosk.log").read_bytes()
    assert b"\x00" not in log_text and len(log_text) < 100_000
    assert b"bathroom" not in log_text  # what was said is never logged
    assert not any(p.suffix in {".png", ".jpg", ".wav", ".raw", ".npy"} for p in written)
