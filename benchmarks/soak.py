"""Soak run: the real kiosk, headless, for as long as asked, driven by scripted random
actions from every input at a human-like pace, with real speech synthesis.

    SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy python benchmarks/soak.py --minutes 30

Keyboard and mouse arrive as real pygame events; voice and gaze arrive as the actions
their adapters post (Source.VOICE / Source.GAZE). With --camera PATH the real gaze pipeline
runs on recorded frames the whole time, and with --microphone FILE.wav the real voice
pipeline hears that recording in a loop. Idle resets happen as in a waiting
room. Prints frames drawn, actions handled, errors, and memory at start and end.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pygame  # noqa: E402

from benchmarks.common import rss_mb  # noqa: E402
from kiosk import core, machine  # noqa: E402
from kiosk.actions import Command, Do, Select, Source  # noqa: E402
from kiosk.app import App, Options  # noqa: E402
from kiosk.settings import Settings  # noqa: E402

KEYS = [
    pygame.K_TAB,
    pygame.K_RIGHT,
    pygame.K_LEFT,
    pygame.K_RETURN,
    pygame.K_SPACE,
    pygame.K_BACKSPACE,
    pygame.K_HOME,
    pygame.K_r,
    pygame.K_p,
    pygame.K_s,
    pygame.K_c,
    pygame.K_n,
    pygame.K_b,
    pygame.K_h,
    pygame.K_1,
    pygame.K_2,
    pygame.K_3,
    pygame.K_4,
    pygame.K_EQUALS,
    pygame.K_MINUS,
    pygame.K_LEFTBRACKET,
    pygame.K_RIGHTBRACKET,
    pygame.K_a,
    pygame.K_x,
]
VOICE = [
    Command.HOME,
    Command.BACK,
    Command.READ,
    Command.PAUSE,
    Command.RESUME,
    Command.STOP,
    Command.NEXT_PAGE,
    Command.PREVIOUS_PAGE,
    Command.LOUDER,
    Command.SOFTER,
    Command.FASTER,
    Command.SLOWER,
    Command.HELP,
    Command.REPEAT,
]


class ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0
        self.last = ""

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        self.last = record.getMessage()
        if self.count <= 3 and record.exc_info:  # the first few in full, to act on
            print(logging.Formatter().format(record), file=sys.stderr)


def random_input(app: App, rng: random.Random) -> str:
    kind = rng.choice(["key", "touch", "voice", "gaze"])
    if kind == "key":
        code = rng.choice(KEYS)
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=""))
    elif kind == "touch":
        rects = app._target_rects()
        target = rng.choice(list(rects))
        x, y, w, h = rects[target]
        pos = (x + rng.randrange(max(1, w)), y + rng.randrange(max(1, h)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=pos))
    elif kind == "voice":
        if rng.random() < 0.5:
            tiles = machine.content_targets(app.state)
            app.post(Select(rng.randint(1, max(1, len(tiles))), Source.VOICE))
        else:
            app.post(Do(rng.choice(VOICE), Source.VOICE))
    else:
        target = rng.choice([t.id for t in machine.targets(app.state)])
        app.post(core.Press(target, Source.GAZE))
    return kind


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=2.0)
    parser.add_argument("--camera", help="image folder or video for the real gaze pipeline")
    parser.add_argument(
        "--microphone",
        help="WAV file played in a loop as the microphone, for "
        "the real voice pipeline (microphone -> VAD -> recognizer -> actions)",
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    errors = ErrorCounter()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger().addHandler(errors)
    rng = random.Random(args.seed)
    settings = Settings(fullscreen=False, idle_timeout_s=45, microphone=args.microphone or "")
    app = App(
        settings,
        Options(
            size=(1920, 1080),
            voice=bool(args.microphone),
            gaze=bool(args.camera),
            camera=args.camera,
        ),
    )
    if args.camera or args.microphone:
        app.start_devices()
    app.step(time.monotonic())
    memory_first = rss_mb()
    peak = memory_first
    memory_start = None  # taken after a minute, once models and caches have warmed up
    by_minute: list[float] = []
    started = time.monotonic()
    end = started + args.minutes * 60
    next_action = started + 1.0
    counts: dict[str, int] = {}
    pause_until = 0.0
    next_report = started + 60
    next_sample = started + 1.0
    samples: list[float] = []  # RSS once a second during the current minute
    floors: list[float] = []  # each minute's lowest RSS: what stays, not a synthesis' peak
    clock = pygame.time.Clock()
    while time.monotonic() < end and app.running:
        now = time.monotonic()
        if now >= next_action and now >= pause_until:
            kind = random_input(app, rng)
            counts[kind] = counts.get(kind, 0) + 1
            next_action = now + rng.uniform(0.6, 4.0)  # a person's pace
            if rng.random() < 0.01:  # someone walks away: the idle reset comes
                pause_until = now + settings.idle_timeout_s + 2
        app.step(now)
        clock.tick(60)
        if now >= next_sample:
            next_sample += 1.0
            samples.append(rss_mb())
        if now >= next_report:
            next_report += 60
            if memory_start is None:
                memory_start = rss_mb()
            by_minute.append(rss_mb())
            floors.append(min(samples or [by_minute[-1]]))
            peak = max([peak, *samples])
            print(
                f"{(now - started) / 60:5.1f} min: {app.frames} frames, "
                f"{sum(counts.values())} actions, {app.errors_handled} frame errors, "
                f"{errors.count} errors logged, {rss_mb():.0f} MB "
                f"(this minute {floors[-1]:.0f} to {max(samples or [0]):.0f} MB)",
                flush=True,
            )
            samples = []
    memory_end = rss_mb()
    memory_start = memory_start or memory_first
    minutes = (time.monotonic() - started) / 60
    app.close()
    growth = (memory_end - memory_start) / memory_start * 100
    print(
        f"ran {minutes:.1f} min; frames drawn {app.frames}; actions handled "
        f"{sum(counts.values())} ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})"
    )
    print(
        "actions the kiosk handled, by input: "
        + ", ".join(f"{k} {v}" for k, v in sorted(app.actions_by_input.items()))
    )
    print(
        f"unhandled errors (frames recovered) {app.errors_handled}; errors logged "
        f"{errors.count}{' (last: ' + errors.last + ')' if errors.last else ''}"
    )
    print(
        f"resident memory {memory_first:.0f} MB at the first frame, {memory_start:.0f} MB "
        f"after the first minute, {memory_end:.0f} MB at end ({growth:+.1f} % since the "
        f"first minute; target under 5 %); highest {peak:.0f} MB (sampled each second)"
    )
    if len(floors) >= 3:
        # Speech synthesis makes and frees large arrays: RSS saws up and down by ~100 MB.
        # A leak raises the floor (each minute's lowest), which is compared after warm-up.
        growth_floor = (floors[-1] - floors[1]) / floors[1] * 100
        print(
            f"resident memory floor (each minute's lowest): {floors[1]:.0f} MB in minute 2 -> "
            f"{floors[-1]:.0f} MB in the last ({growth_floor:+.1f} %; target under 5 %); "
            "by minute: " + " ".join(f"{f:.0f}" for f in floors)
        )
    if len(by_minute) >= 4:
        # Caches fill for the first minutes; a leak keeps growing in the second half too.
        half = by_minute[len(by_minute) // 2]
        print(
            f"resident memory over the second half of the run: {half:.0f} MB -> "
            f"{memory_end:.0f} MB ({(memory_end - half) / half * 100:+.1f} %)"
        )
    return 0 if app.errors_handled == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
