"""Foundation benchmarks: start-up, frame time while speaking, Read to first audio,
Stop to silence, resident memory. Real pyttsx3/espeak-ng speech, headless pygame.

    SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy python benchmarks/bench_app.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from benchmarks.common import percentile_table, rss_mb  # noqa: E402
from kiosk.actions import Command, Do, Select, Source  # noqa: E402
from kiosk.app import App, Options  # noqa: E402
from kiosk.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def start_to_first_frame(runs: int = 5) -> list[float]:
    """A fresh process each time: import, load content, open the window, draw once."""
    code = (
        "import time; t0 = time.perf_counter();"
        "from kiosk.app import App, Options; from kiosk.settings import Settings;"
        "app = App(Settings(), Options(size=(1920, 1080)));"
        "app.step(time.monotonic()); print(time.perf_counter() - t0); app.close()"
    )
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
        )
        del out
        times.append(time.perf_counter() - started)
    return times


def wait_for(app: App, condition, timeout: float = 5.0) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        app.step(time.monotonic())
        if condition():
            return time.perf_counter() - started
        time.sleep(0.001)
    raise TimeoutError("condition not reached")


def main() -> None:
    app = App(Settings(), Options(size=(1920, 1080)))
    memory_start = rss_mb()
    app.step(time.monotonic())
    # Open the first section's reader.
    app.post(Select(1, Source.KEYBOARD))
    app.step(time.monotonic())

    read_to_audio, stop_to_silence, frame_ms = [], [], []
    for _ in range(12):
        app.post(Do(Command.READ, Source.KEYBOARD))
        read_to_audio.append(wait_for(app, lambda: app.speech.is_speaking) * 1000)
        # Frames while speaking (synthesis runs ahead in the background).
        for _ in range(40):
            started = time.perf_counter()
            app.step(time.monotonic())
            frame_ms.append((time.perf_counter() - started) * 1000)
            time.sleep(max(0.0, 1 / 60 - (time.perf_counter() - started)))
        app.post(Do(Command.STOP, Source.KEYBOARD))
        stop_to_silence.append(wait_for(app, lambda: not app.speech.is_speaking) * 1000)
        app.step(time.monotonic())
    memory_end = rss_mb()
    app.close()

    first_frame = [t * 1000 for t in start_to_first_frame()]
    print(
        percentile_table(
            [
                ("start to first frame (ms, new process)", first_frame, 1500),
                ("frame time on reader while speaking (ms)", frame_ms, 16),
                ("Read to first audio sample (ms)", read_to_audio, 300),
                ("Stop to silence (ms)", stop_to_silence, 100),
            ]
        )
    )
    print(
        f"resident memory: {memory_start:.0f} MB at start, {memory_end:.0f} MB at end "
        f"(target under 300 MB)"
    )


if __name__ == "__main__":
    main()
