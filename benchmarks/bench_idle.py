"""Idle CPU: the real kiosk left alone on its home screen, as it is most of a clinic day.

    python benchmarks/bench_idle.py [--seconds 20] [--devices]

Starts `python -m kiosk.cli --windowed` headless (SDL dummy video and audio, or an X
display such as Xvfb's with --display :99) and reads its
CPU time from /proc/<pid>/stat in one-second windows after a warm-up. Prints the median
and p95 share of one core. Without --devices: no camera, no microphone (target under 5 %).
With --devices: the real gaze pipeline on a folder of camera frames (the astronaut image,
moved about) and the real voice pipeline on a real recording played in a loop as the
microphone (target under 60 % in all). Linux only (/proc).
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import percentile  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
SPEECH = ROOT.parent / "shared" / "realspeech"


def cpu_ticks(pid: int) -> int:
    """utime + stime of a process and its threads, in clock ticks."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def camera_folder(folder: Path) -> Path:
    import cv2

    from benchmarks.bench_gaze import astronaut_frames

    for number, frame in enumerate(astronaut_frames(30)):
        cv2.imwrite(str(folder / f"frame{number:03d}.png"), cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    return folder


def microphone_wav(path: Path) -> Path:
    """A minute of a waiting room: real spoken words from the shared recordings, with gaps."""
    clips = sorted((SPEECH / "speech_commands_v1_bed_cat_happy").rglob("*.wav"))[:20]
    frames = b""
    rate = 16000
    for clip in clips:
        with wave.open(str(clip)) as source:
            rate = source.getframerate()
            frames += source.readframes(source.getnframes()) + b"\0\0" * rate * 2
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)
    return path


def measure(args: argparse.Namespace, work: Path) -> list[float]:
    command = [sys.executable, "-m", "kiosk.cli", "--windowed", "--size", "1920x1080"]
    if args.devices:
        command += [
            "--camera",
            str(camera_folder(work)),
            "--microphone",
            str(microphone_wav(work / "room.wav")),
        ]
    else:
        command += ["--no-voice", "--no-gaze"]
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYTHONPATH=str(ROOT))
    if args.display:  # a real X server (Xvfb): drawing and flipping cost what they cost there
        del env["SDL_VIDEODRIVER"]
        env["DISPLAY"] = args.display
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    shares: list[float] = []
    try:
        time.sleep(args.warmup)
        if process.poll() is not None:
            raise SystemExit(f"the kiosk stopped: {process.stderr.read().decode()[-2000:]}")
        last_ticks, last_time = cpu_ticks(process.pid), time.monotonic()
        for _ in range(int(args.seconds)):
            time.sleep(1.0)
            ticks, now = cpu_ticks(process.pid), time.monotonic()
            shares.append((ticks - last_ticks) / TICKS / (now - last_time) * 100)
            last_ticks, last_time = ticks, now
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    return shares


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=8, help="seconds to let it start")
    parser.add_argument(
        "--devices", action="store_true", help="camera frames and a microphone recording"
    )
    parser.add_argument("--display", help="an X display (e.g. :99 from Xvfb) instead of SDL dummy")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-idle-") as work:
        shares = measure(args, Path(work))
    target = 60.0 if args.devices else 5.0
    what = "home screen, camera and microphone on" if args.devices else "home screen, no devices"
    median, p95 = statistics.median(shares), percentile(shares, 95)
    print(
        f"idle CPU, {what}: median {median:.1f} %, p95 {p95:.1f} % of one core over "
        f"{len(shares)} s (target under {target:g} %): {'yes' if p95 < target else 'NO'}"
    )
    return 0 if p95 < target else 1


if __name__ == "__main__":
    sys.exit(main())
