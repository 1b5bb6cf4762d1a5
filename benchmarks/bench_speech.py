"""Speech benchmarks with the real pyttsx3/espeak-ng engine and pygame's mixer (dummy
audio driver): speak() to first audio, stop() to silence, synthesis speed, and how long
the main loop's update() call takes while speech is being made.

    python benchmarks/bench_speech.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pygame  # noqa: E402

from benchmarks.common import percentile_table  # noqa: E402
from kiosk.speech import SpeechItem, SpeechPlayer, speakable  # noqa: E402
from kiosk.speech.player import ItemStarted  # noqa: E402
from kiosk.speech.synth import Pyttsx3Synthesizer  # noqa: E402

FRAME_S = 1 / 60  # the kiosk's main loop runs at 60 frames per second
RUNS = 20
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


def speak_to_first_audio(player: SpeechPlayer) -> tuple[list[float], list[float]]:
    """ms from speak() to the update() that starts the first clip, in a 60 fps loop;
    and the time each update() call took on the main thread while reading."""
    latencies, update_times = [], []
    items = [SpeechItem(i, text, 200) for i, text in enumerate(PAGE)]
    for _ in range(RUNS):
        started = time.perf_counter()
        player.speak(items)
        while True:
            before = time.perf_counter()
            events = player.update()
            update_times.append((time.perf_counter() - before) * 1000)
            if any(isinstance(e, ItemStarted) for e in events):
                latencies.append((time.perf_counter() - started) * 1000)
                break
            if time.perf_counter() - started > 5:
                raise RuntimeError("speech did not start within 5 s")
            time.sleep(FRAME_S)
        for _ in range(10):  # a few frames of reading while the worker synthesizes ahead
            time.sleep(FRAME_S)
            before = time.perf_counter()
            player.update()
            update_times.append((time.perf_counter() - before) * 1000)
        player.stop()
        time.sleep(0.05)
    return latencies, update_times


def stop_to_silence(player: SpeechPlayer) -> list[float]:
    """ms from stop() to the speech channel being silent, mid-sentence."""
    times = []
    for _ in range(RUNS):
        player.speak([SpeechItem(0, PAGE[0], 200)])
        deadline = time.perf_counter() + 5
        while not any(isinstance(e, ItemStarted) for e in player.update()):
            if time.perf_counter() > deadline:
                raise RuntimeError("speech did not start within 5 s")
            time.sleep(0.002)
        time.sleep(0.3)  # mid-sentence
        channel = player._channel
        started = time.perf_counter()
        player.stop()
        while channel.get_busy():
            time.sleep(0.0005)
        times.append((time.perf_counter() - started) * 1000)
    return times


def synthesis_speed(synth: Pyttsx3Synthesizer) -> tuple[list[float], list[float]]:
    """Per sentence: ms to synthesize, and ms of synthesis per second of audio."""
    times, factors = [], []
    for _ in range(RUNS // len(PAGE) + 1):
        for text in PAGE:
            started = time.perf_counter()
            clip = synth.synthesize(speakable(text), 165)
            elapsed = time.perf_counter() - started
            times.append(elapsed * 1000)
            factors.append(1000 * elapsed / clip.duration)
    return times, factors


def main() -> int:
    pygame.mixer.pre_init(22050, -16, 1, 1024)  # as the kiosk does
    pygame.mixer.init()
    frequency, _, _ = pygame.mixer.get_init()
    buffer_ms = 1024 / frequency * 1000

    started = time.perf_counter()
    synth = Pyttsx3Synthesizer()
    engine_start = [(time.perf_counter() - started) * 1000]
    player = SpeechPlayer(synth, rate_wpm=165, volume=0.8)
    try:
        first_audio, update_times = speak_to_first_audio(player)
        silence = stop_to_silence(player)
        synth_ms, rtf = synthesis_speed(synth)
    finally:
        player.close()
        pygame.mixer.quit()

    print(
        f"pyttsx3 {synth.driver} driver, {synth.mode} capture; mixer {frequency} Hz, "
        f"buffer 1024 samples = {buffer_ms:.0f} ms (the most the sound card lags the mixer)"
    )
    print(
        percentile_table(
            [
                ("engine start (ms)", engine_start, None),
                ("speak() to first audio started (ms)", first_audio, 300),
                ("  ... plus one mixer buffer (ms)", [v + buffer_ms for v in first_audio], 300),
                ("stop() to silent channel (ms)", silence, 100),
                ("  ... plus one mixer buffer (ms)", [v + buffer_ms for v in silence], 100),
                ("main-thread update() while reading (ms)", update_times, 16),
                ("synthesis per sentence (ms)", synth_ms, None),
                ("synthesis ms per s of audio (RTF x1000)", rtf, None),
            ]
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
