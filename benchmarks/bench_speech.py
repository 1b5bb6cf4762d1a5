"""Speech benchmarks, Piper and pyttsx3 side by side, real engines, pygame's mixer (dummy
audio driver), each engine in its own process so memory is its own:

- Read to first audio sample: speak() to the frame whose update() starts the first clip,
  in a 60 fps loop, plus one mixer buffer (the most the sound card lags the mixer).
  "made ahead": the page's first sentence was synthesized when the page was shown (the
  kiosk does this), then "read" came 1.5 s later. "cold": nothing made ahead.
- Stop to silence: stop() mid-sentence to the speech channel being silent (+ one buffer).
- Frame time while speaking: the real kiosk (App) on the reader page, reading aloud while
  the next sentences are synthesized in the background; each app.step() is one frame.
- Resident memory of that kiosk process, with the engine loaded and having spoken.

    python benchmarks/bench_speech.py                 # both engines
    python benchmarks/bench_speech.py --engine piper  # one, raw figures as JSON
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from benchmarks.common import percentile, rss_mb  # noqa: E402
from kiosk.speech import SpeechItem, SpeechPlayer, create_synthesizer  # noqa: E402
from kiosk.speech.player import ItemStarted  # noqa: E402

FRAME_S = 1 / 60  # the kiosk's main loop runs at 60 frames per second
MIXER_BUFFER = 1024
RUNS = 20
AHEAD_WAIT_S = 1.5  # page shown -> "read": faster than anyone says it
PAGE = [  # from the NINDS ALS fact sheet: a long first sentence is the worst case
    "Eventually, in people with ALS, the brain loses its ability to start and control "
    "voluntary movements such as walking, talking, chewing and other functions, as well "
    "as breathing.",
    "ALS is progressive, meaning symptoms get worse over time.",
    "As motor neurons degenerate and die, they stop sending messages to the muscles.",
    "This causes the muscles to weaken, start to twitch (fasciculations), and waste away "
    "(atrophy).",
    "Call the ALS Therapy Development Institute at 617-441-7200.",
    "Learn about clinical trials at ClinicalTrials.gov.",
]
TARGETS = {  # p95 targets (issue 13)
    "read_ahead_ms": 150,
    "stop_ms": 50,
    "frame_ms": 16,
    "rss_mb": 400,
}


def until_started(player: SpeechPlayer, started: float, timeout: float = 10.0) -> float:
    """Run update() at 60 fps until the first clip starts; ms since `started`."""
    while True:
        if any(isinstance(e, ItemStarted) for e in player.update()):
            return (time.perf_counter() - started) * 1000
        if time.perf_counter() - started > timeout:
            raise RuntimeError("speech did not start")
        time.sleep(FRAME_S)


def read_to_first_audio(player: SpeechPlayer, ahead: bool) -> list[float]:
    times = []
    for run in range(RUNS):
        player.stop()
        player.cache.clear()
        items = [SpeechItem((run, i), text, 200) for i, text in enumerate(PAGE)]
        if ahead:
            player.synthesize_ahead(items)
            time.sleep(AHEAD_WAIT_S)
        started = time.perf_counter()
        player.speak(items)
        times.append(until_started(player, started))
        time.sleep(0.2)
    player.stop()
    return times


def stop_to_silence(player: SpeechPlayer) -> list[float]:
    times = []
    for _ in range(RUNS):
        player.speak([SpeechItem(0, PAGE[1], 200)])
        until_started(player, time.perf_counter())
        time.sleep(0.3)  # mid-sentence
        channel = player._channel
        started = time.perf_counter()
        player.stop()
        while channel is not None and channel.get_busy():
            time.sleep(0.0005)
        times.append((time.perf_counter() - started) * 1000)
    return times


def frames(app, seconds: float) -> list[float]:
    """app.step() times in a 60 fps loop for `seconds`."""
    times: list[float] = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        started = time.perf_counter()
        app.step(time.monotonic())
        times.append((time.perf_counter() - started) * 1000)
        time.sleep(max(0.0, FRAME_S - (time.perf_counter() - started)))
    return times


def frames_while_speaking(
    engine: str, seconds: float = 12.0
) -> tuple[list[float], list[float], float, str]:
    """Frame times of the real kiosk reading the first section aloud, and on the same page
    silent (the machine's own noise); its memory after."""
    from kiosk.actions import Command, Do, Select, Source
    from kiosk.app import App, Options
    from kiosk.settings import Settings

    app = App(Settings(speech_engine=engine), Options(size=(1920, 1080)))
    description = getattr(app.speech, "engine_description", "")
    app.step(time.monotonic())
    app.post(Select(1, Source.KEYBOARD))
    app.step(time.monotonic())
    frame_ms: list[float] = []
    silent_ms: list[float] = []
    for _ in range(2):
        silent_ms += frames(app, seconds / 4)
        if app.speech is not None:
            app.speech.cache.clear()  # synthesis must happen while frames are drawn
        app.post(Do(Command.READ, Source.KEYBOARD))
        frame_ms += frames(app, seconds / 2)
        app.post(Do(Command.STOP, Source.KEYBOARD))
        app.step(time.monotonic())
    memory = rss_mb()
    app.close()
    return frame_ms, silent_ms, memory, description


def measure(engine: str) -> dict:
    pygame.mixer.pre_init(22050, -16, 1, MIXER_BUFFER)  # as the kiosk does
    pygame.mixer.init()
    started = time.perf_counter()
    synth, description = create_synthesizer(engine)
    engine_start = (time.perf_counter() - started) * 1000
    player = SpeechPlayer(synth, speech_rate=165, volume=0.8)
    try:
        ahead = read_to_first_audio(player, ahead=True)
        cold = read_to_first_audio(player, ahead=False)
        silence = stop_to_silence(player)
    finally:
        player.close()
        pygame.mixer.quit()
    frame_ms, silent_ms, memory, app_engine = frames_while_speaking(engine)
    buffer_ms = MIXER_BUFFER / 22050 * 1000
    return {
        "engine": description,
        "app_engine": app_engine,
        "engine_start_ms": [engine_start],
        "read_ahead_ms": [v + buffer_ms for v in ahead],
        "read_cold_ms": [v + buffer_ms for v in cold],
        "stop_ms": [v + buffer_ms for v in silence],
        "frame_ms": frame_ms,
        "silent_frame_ms": silent_ms,
        "rss_mb": [memory],
    }


ROWS = [
    ("engine start (ms)", "engine_start_ms"),
    ("Read to first audio, made ahead (ms)", "read_ahead_ms"),
    ("Read to first audio, cold (ms)", "read_cold_ms"),
    ("Stop to silence (ms)", "stop_ms"),
    ("frame time while speaking (ms)", "frame_ms"),
    ("  same page, silent (this machine's noise)", "silent_frame_ms"),
    ("resident memory, kiosk + engine (MB)", "rss_mb"),
]


def table(results: dict[str, dict]) -> str:
    engines = list(results)
    header = f"{'measurement':<40}" + "".join(
        f"{name + ' median':>16}{name + ' p95':>14}" for name in engines
    )
    lines = [header + f"{'target p95':>12}"]
    for label, key in ROWS:
        line = f"{label:<40}"
        for name in engines:
            values = results[name][key]
            line += f"{statistics.median(values):>16.1f}{percentile(values, 95):>14.1f}"
        target = TARGETS.get(key)
        verdicts = ""
        if target is not None:
            verdicts = " " + "/".join(
                "ok" if percentile(results[name][key], 95) <= target else "NO" for name in engines
            )
        lines.append(line + (f"{target:>12}" if target else f"{'':>12}") + verdicts)
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=("piper", "pyttsx3"))
    args = parser.parse_args()
    if args.engine:
        print(json.dumps(measure(args.engine)))
        return 0
    results = {}
    for engine in ("piper", "pyttsx3"):
        out = subprocess.run(
            [sys.executable, __file__, "--engine", engine],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
        results[engine] = json.loads(out.strip().splitlines()[-1])
    for engine, figures in results.items():
        print(f"{engine}: {figures['engine']} (in the kiosk: {figures['app_engine']})")
    print(
        f"n = {RUNS} reads and stops; {len(results['piper']['frame_ms'])} frames; "
        f"made ahead = first sentence synthesized {AHEAD_WAIT_S} s before Read; "
        f"audio figures include one {MIXER_BUFFER}-sample mixer buffer "
        f"({MIXER_BUFFER / 22050 * 1000:.0f} ms)"
    )
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
