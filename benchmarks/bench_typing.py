"""Typing benchmark: the cost model on the clinic messages, and Speak to first audio.

- Cost model (typing_cost): 60 messages a visitor might type in a clinic
  (benchmarks/data/clinic_messages.txt), typed through the real core key by key, for gaze
  in each layout, one switch, and for comparison without prediction and with the letters
  in alphabetical order. Selections per character and words per minute.
- Speak to first audio: the Speak key through the core (the same effect the kiosk
  carries out) to the frame whose update() starts the first clip, real Piper, pygame's
  mixer (dummy audio driver), plus one mixer buffer; each message new to the engine
  (nothing made ahead), median and p95.

    python benchmarks/bench_typing.py            # both
    python benchmarks/bench_typing.py --cost     # the cost model only (seconds)
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from benchmarks.common import percentile_table  # noqa: E402
from benchmarks.typing_cost import cost_of_messages, summary, typing_screen  # noqa: E402
from kiosk import machine  # noqa: E402
from kiosk.actions import Press, Source  # noqa: E402
from kiosk.content import load_library  # noqa: E402
from kiosk.core.messages import Speak  # noqa: E402
from kiosk.screens.typing.rules import ahead_items  # noqa: E402

MESSAGES = ROOT / "benchmarks" / "data" / "clinic_messages.txt"
MIXER_BUFFER = 1024
AHEAD_WAIT_S = 1.6  # the last word typed, then Speak chosen: one look and one dwell
FRAME_S = 1 / 60
# (label, input, layout, prediction, order, target: ("spc" <=, or "wpm" >=, value))
RUNS = [
    ("gaze, usual layout", "gaze", "tiles", True, "frequency", [("spc", 0.6), ("wpm", 8)]),
    ("gaze, usual, no prediction", "gaze", "tiles", False, "frequency", []),  # issue: ~1.1
    ("gaze, usual, alphabetical", "gaze", "tiles", True, "alphabet", []),
    ("gaze, large (groups)", "gaze", "large", True, "frequency", [("wpm", 4)]),
    ("gaze, large, alphabetical", "gaze", "large", True, "alphabet", []),
    ("gaze, halves (groups)", "gaze", "halves", True, "frequency", [("wpm", 4)]),
    ("gaze, halves, alphabetical", "gaze", "halves", True, "alphabet", []),
    ("gaze, edge glances", "gaze", "edges", True, "frequency", []),
    ("one switch, automatic scan", "switch", "tiles", True, "frequency", [("wpm", 2)]),
    ("one switch, alphabetical", "switch", "tiles", True, "alphabet", []),
]


def messages() -> list[str]:
    return [m.strip() for m in MESSAGES.read_text(encoding="utf-8").splitlines() if m.strip()]


def cost_table() -> str:
    library = load_library(ROOT / "content")
    lines = [f"{'setting':<30}{'sel/char':>10}{'wpm':>8}  targets"]
    for label, how, layout, words, order, targets in RUNS:
        figures = summary(list(cost_of_messages(messages(), library, how, layout, words, order)))
        verdicts = []
        for kind, value in targets:
            got = figures["selections_per_character" if kind == "spc" else "words_per_minute"]
            ok = got <= value if kind == "spc" else got >= value
            verdicts.append(f"{'<=' if kind == 'spc' else '>='}{value:g} {'ok' if ok else 'NO'}")
        lines.append(
            f"{label:<30}{figures['selections_per_character']:>10.3f}"
            f"{figures['words_per_minute']:>8.2f}  {', '.join(verdicts)}"
        )
    return "\n".join(lines)


def speak_to_first_audio(ahead: bool) -> list[float]:
    from kiosk.speech import SpeechPlayer, create_synthesizer, speech_items
    from kiosk.speech.player import ItemStarted

    pygame.mixer.pre_init(22050, -16, 1, MIXER_BUFFER)  # as the kiosk does
    pygame.mixer.init()
    synth, description = create_synthesizer("piper")
    player = SpeechPlayer(synth, speech_rate=165, volume=0.8)
    state = typing_screen(load_library(ROOT / "content"))
    times = []
    try:
        for text in messages():
            player.stop()
            player.cache.clear()
            typed = replace(state, typing=replace(state.typing, text=text + " ", page="main"))
            if ahead:  # as the kiosk does when the last word is typed, one choice before
                player.synthesize_ahead(speech_items(ahead_items(typed)))
                time.sleep(AHEAD_WAIT_S)
            started = time.perf_counter()
            _, effects = machine.update(typed, Press("type:speak", Source.GAZE))
            items = next(e for e in effects if isinstance(e, Speak)).items
            player.speak(speech_items(items))
            while not any(isinstance(e, ItemStarted) for e in player.update()):
                if time.perf_counter() - started > 10:
                    raise RuntimeError("speech did not start")
                time.sleep(FRAME_S)
            times.append((time.perf_counter() - started) * 1000 + MIXER_BUFFER / 22050 * 1000)
            time.sleep(0.2)
    finally:
        player.close()
        pygame.mixer.quit()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cost", action="store_true", help="the cost model only")
    args = parser.parse_args()
    print(
        f"{len(messages())} messages; gaze 1.2 s dwell + 0.4 s look a choice; "
        "switch 1.5 s a scan step; Speak counts as a choice"
    )
    print(cost_table())
    if not args.cost:
        rows = [
            ("Speak to first audio, made while typing (ms)", speak_to_first_audio(True), 300.0),
            ("Speak to first audio, cold (ms)", speak_to_first_audio(False), None),
        ]
        print(
            "Piper; made while typing = the message's first piece made when its last word "
            f"was typed, {AHEAD_WAIT_S} s before Speak; one {MIXER_BUFFER}-sample mixer "
            "buffer included"
        )
        print(percentile_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
