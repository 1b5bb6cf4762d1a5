"""Voice benchmark: accuracy, false accepts, latency and CPU of voice control.

    python benchmarks/bench_voice.py [--quick] [--engine auto|whisper|pocketsphinx|vosk]
                                     [--no-real|--real-only]

Headline: real speech (../shared/realspeech, tests/support/real_speech.py), "report"
speakers only, whom nothing was fitted on. The tile numbers the home screen offers (one
to eight: six fact-sheet tiles, Talk, Yes / No) and "stop" on the home screen, "stop" also
on the reader; every other word of the set (a number beyond the tiles too: "nine",
"zero") counts as a false accept when acted on, with the words no fit ever saw (held-out words)
reported apart. Conditions: as recorded, narrow-band (8 kHz), cut with no silence around
the word, and (Whisper) in the chatter of six other report speakers at 20, 15 and 10 dB,
and that chatter alone; PocketSphinx also in 10 dB babble of five. Latency on real speech is
end of speech to action: the listener decodes as the speech falls quiet, and acts when the
voice-activity hangover has ended too (`end_to_action_ms`, of the measured decode).
Decodes are cached in $TMPDIR/kiosk-voice-cache by a digest of the voice package.

Whisper (the default where its model is installed) is measured from its hearings of the
set (tests/support/whisper_hearings.py, cached in ~/.cache/kiosk-voice), judged by the
shipped rejection; its trade-off curve moves the rejection's bar. Its synthesized-voice
figures (Piper and espeak-ng; clean, babble, 8 kHz) cover "read", "help", "next page",
"go back", "home", the tile titles and sound-alike words (tests/support/synth_words.py).

Then the synthetic figures (espeak-ng, three voices, two rates, clean and in 10 dB
babble; every phrase of the home, section and reader screens), which cover the phrases
no recording holds ("next page", "go back", tile titles); out-of-vocabulary sentences
and noises; CPU of the listener thread fed real-time audio.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import percentile  # noqa: E402
from kiosk.voice.__main__ import screen_vocabulary  # noqa: E402
from kiosk.voice.factory import create_recognizer  # noqa: E402
from kiosk.voice.listener import VoiceListener  # noqa: E402
from kiosk.voice.rules import decide  # noqa: E402
from kiosk.voice.types import Recognition  # noqa: E402
from kiosk.voice.vad import FRAME, VadSettings  # noqa: E402
from tests.support import real_speech as R  # noqa: E402
from tests.support.speech_clips import (  # noqa: E402
    OUT_OF_VOCABULARY,
    RATES,
    VOICES,
    espeak,
    noise_only,
    placement_seed,
    room,
)

SCREENS = ("home", "section", "reader")
TARGETS = {"clean": 97.0, "babble 10 dB": 90.0}
REAL_ACCURACY_TARGET = 95.0
# Issue 33's targets per condition (as recorded, no silence around, 8 kHz; chatter of six
# other report speakers at 20, 15, 10 dB); issue 24's for the 10 dB babble of five.
REAL_TARGETS = {
    "clean": REAL_ACCURACY_TARGET,
    "tight": 90.0,
    "8 kHz": 93.0,
    "babble": 60.0,
    **dict(zip(R.CHATTER_CONDITIONS, (92.0, 85.0, 70.0))),
}
STOP_TARGET = 97.0  # "stop" right, as recorded and in 20 dB chatter
STOP_CONDITIONS = ("clean", R.CHATTER_CONDITIONS[0])
CHATTER_ALONE_TARGET = 1.0
REAL_FALSE_ACCEPT_TARGET = 2.0
LATENCY_TARGET_MS = 300  # end of speech -> action, p95 (issue 33)
TILE_ACTION = {w: f"select {n}" for n, w in enumerate(R.TILE_WORDS, 1)} | {"stop": "stop"}


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}% ({part}/{whole})" if whole else "   -"


def real_speech(engine: str, jobs: int) -> int:
    """Headline figures on real speech, report speakers; returns how many targets fail."""
    if R.realspeech_dir() is None:
        print("real speech: ../shared/realspeech not found; skipped")
        return 0
    print(f"\n=== REAL SPEECH ({engine}), report speakers only ===")
    rows = (
        whisper_rows(jobs) if engine == "whisper" else R.decode_set(engine, ("report",), jobs=jobs)
    )
    clips = {c.key: c for c in R.load_clips()}
    # per word and condition: [acted right, total] for commands, [acted on, total] others
    cells: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    groups: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    accepted: list[str] = []
    for row in rows:
        clip = clips[row["key"]]
        condition, screen = row["condition"], row["screen"]
        if clip.is_command:
            good = row["action"] == TILE_ACTION[clip.word]
            cell = cells[(clip.word, screen, condition)]
            cell[0] += good
            cell[1] += 1
            group = groups[(f"commands on {screen}", condition)]
            group[0] += good
            group[1] += 1
            continue
        if screen != "home":
            continue
        acted = row["action"] is not None
        word = clip.word + (" *" if clip.held_out_word else "")
        cells[(word, "home", condition)][0] += acted
        cells[(word, "home", condition)][1] += 1
        kind = "held-out words acted on" if clip.held_out_word else "seen words acted on"
        for name in (kind, "all unrelated acted on"):
            groups[(name, condition)][0] += acted
            groups[(name, condition)][1] += 1
        if acted:
            accepted.append(f"{condition}: {clip.word} -> '{row['heard']}' ({row['action']})")
    for condition in R.CHATTER_CONDITIONS:  # chatter: only the summary and the curve
        for key in [k for k in cells if k[2] == condition and k[0] not in TILE_ACTION]:
            del cells[key]
    shown = [c for c in R.CONDITIONS if any(k[2] == c for k in cells)]
    header = f"{'word':<20}{'screen':<8}" + "".join(f"{c:>20}" for c in shown)
    print("\nper word (commands: right action; other words: acted on; * = held-out word)")
    print(header)
    for word, screen in sorted(
        {(k[0], k[1]) for k in cells}, key=lambda k: (k[0] not in TILE_ACTION, k)
    ):
        line = "".join(f"{pct(*cells[(word, screen, c)]):>20}" for c in shown)
        print(f"{word:<20}{screen:<8}{line}")
    print("\nsummary" + " " * 29 + "".join(f"{c:>20}" for c in shown))
    failed = 0
    for name in (
        "commands on home",
        "commands on reader",
        "seen words acted on",
        "held-out words acted on",
        "all unrelated acted on",
    ):
        print(f"{name:<36}" + "".join(f"{pct(*groups[(name, c)]):>20}" for c in shown))
    failed += chatter_curve(groups, cells)
    for condition, target in REAL_TARGETS.items():
        right, total = groups[("commands on home", condition)]
        if not total:
            continue
        ok = 100 * right / max(1, total) >= target
        fa, n = groups[("all unrelated acted on", condition)]
        fa_ok = 100 * fa / max(1, n) <= REAL_FALSE_ACCEPT_TARGET
        held, held_n = groups[("held-out words acted on", condition)]
        held_ok = 100 * held / max(1, held_n) <= REAL_FALSE_ACCEPT_TARGET
        failed += (not ok) + (not fa_ok) + (not held_ok)
        print(
            f"target {condition}: commands >= {target:.0f}% "
            f"{'yes' if ok else 'NO'}; unrelated words <= {REAL_FALSE_ACCEPT_TARGET:.0f}% "
            f"{'yes' if fa_ok else 'NO'}; held-out words {'yes' if held_ok else 'NO'}"
        )
    for condition in STOP_CONDITIONS:
        right, total = cells[("stop", "home", condition)]
        if total:
            ok = 100 * right / total >= STOP_TARGET
            failed += not ok
            print(
                f"target stop {condition}: >= {STOP_TARGET:.0f}% {pct(right, total)} "
                f"{'yes' if ok else 'NO'}"
            )
    if engine == "pocketsphinx":
        real_tradeoff(rows, clips)
        said_twice(rows, clips)
    elif engine == "whisper":
        whisper_tradeoff(rows, clips)
        said_twice(rows, clips)
    lips_figures()
    failed += real_latency(engine, clips)
    print(f"\nunrelated words acted on ({len(accepted)}), first 20:")
    for line in accepted[:20]:
        print("  " + line)
    return failed


def chatter_curve(groups: dict, cells: dict) -> int:
    """Commands right, "stop" right and unrelated words acted on as the chatter of six other
    report speakers grows louder; chatter with no word in it acted on. Returns how many
    of those targets fail (the commands' own are checked with the other conditions)."""
    if not groups[("commands on home", R.CHATTER_CONDITIONS[0])][1]:
        return 0
    print("\nchatter curve, home screen (six other report speakers talking):")
    print(f"{'':12}{'commands right':>22}{'stop right':>22}{'unrelated acted on':>22}")
    for condition in R.CHATTER_CONDITIONS:
        print(
            f"{condition:<12}{pct(*groups[('commands on home', condition)]):>22}"
            f"{pct(*cells[('stop', 'home', condition)]):>22}"
            f"{pct(*groups[('all unrelated acted on', condition)]):>22}"
        )
    acted, alone = groups[("all unrelated acted on", R.CHATTER_ALONE)]
    ok = 100 * acted / max(1, alone) <= CHATTER_ALONE_TARGET
    print(
        f"chatter alone acted on: {pct(acted, alone)} (target <= {CHATTER_ALONE_TARGET:.0f}%) "
        f"{'yes' if ok else 'NO'}"
    )
    return int(not ok)


def lips_figures() -> None:
    """The lips (kiosk/voice/lips.py) on synthetic talking faces lined up with the report
    speakers' real commands (tests/support/talking_face.py; no real audio-visual
    recording was available): how often the face that said the command is seen talking,
    with the span holding the word, and how often a still face (the visitor listening
    while the room talks) is taken for talking. Weak lips (opening a quarter as wide)
    stand for a visitor whose lips barely move, as with bulbar ALS."""
    from kiosk.voice.lips import lip_verdict, mouth_opening
    from tests.support.talking_face import talking_face

    commands = [c for c in R.load_clips() if c.side == "report" and c.is_command]
    print("\nlips, synthetic faces lined up with report speakers' real commands:")
    for label, wide in (("typical lips", 0.45), ("weak lips", 0.12)):
        moving = held = 0
        for n, clip in enumerate(commands):
            audio = R.read(clip.path)
            times, faces = talking_face(audio, len(audio) / 16000, seed=n, wide_opening=wide)
            openings = [mouth_opening(f) for f in faces]
            verdict = lip_verdict(times, openings, 0.0, float(times[-1]))
            loud = np.flatnonzero(np.abs(audio) > 0.3 * np.abs(audio).max()) / 16000
            moving += verdict.state == "moving"
            held += (
                verdict.state == "moving" and verdict.start <= loud[0] and verdict.end >= loud[-1]
            )
        seen, holds = pct(moving, len(commands)), pct(held, len(commands))
        print(f"  {label}: seen talking {seen}, span holds the word {holds}")
    still = 0
    for n in range(200):
        times, faces = talking_face(None, 1.5, seed=n, rest_opening=0.02 if n % 2 else 0.3)
        openings = [mouth_opening(f) for f in faces]
        still += lip_verdict(times, openings, 0.0, 1.5).state == "still"
    print(f"  still faces (closed or resting open) taken as still: {pct(still, 200)}")


def said_twice(rows: list[dict], clips: dict) -> None:
    """A person not understood says it again: right within two tries, with and without
    taking a near miss said twice (kiosk/voice/rules.py), over every ordered pair of two
    takes of one word by one speaker (report speakers; few speakers recorded a word
    twice). The price: ordered pairs of unrelated words from one speaker acted on only
    because of the rule."""
    home = screen_vocabulary("home")

    def recognition(row: dict) -> Recognition:
        repeatable = bool(row.get("repeatable"))
        return Recognition(row["heard"], row["phrase"], row["confidence"], row["reason"],
                           repeatable=repeatable)  # fmt: skip

    print("\nsaid twice, report speakers, home screen (two takes of a word by one speaker):")
    shown = [c for c in dict.fromkeys(row["condition"] for row in rows) if c != R.CHATTER_ALONE]
    print(f"{'':34s}" + "".join(f"{c:>20s}" for c in shown))
    lines: dict[str, list[str]] = defaultdict(list)
    for condition in shown:
        by_speaker: dict[tuple[str, bool], list[tuple[str, dict]]] = defaultdict(list)
        for row in rows:
            if row["screen"] == "home" and row["condition"] == condition:
                clip = clips[row["key"]]
                by_speaker[clip.speaker, clip.is_command].append((clip.word, row))
        plain = rule = pairs = extra = chatter = 0
        for (speaker, is_command), takes in by_speaker.items():
            if speaker == "unknown":
                continue  # Picovoice clips: one speaker id for many people
            for (word_a, a), (word_b, b) in itertools.permutations(takes, 2):
                if is_command and word_a != word_b:
                    continue
                first = decide(recognition(a), home, set())
                near = recognition(a) if first.outcome == "almost" else None
                second = decide(recognition(b), home, set(), near)
                if is_command:
                    wanted = TILE_ACTION[word_a]
                    alone = decide(recognition(b), home, set())
                    pairs += 1
                    plain += wanted in (_name(first), _name(alone))
                    rule += wanted in (_name(first), _name(second))
                else:
                    chatter += 1
                    extra += second.outcome == "repeated" and first.action is None
        lines["right within two tries, as now"].append(pct(plain, pairs))
        lines["... a near miss said twice taken"].append(pct(rule, pairs))
        lines["unrelated pairs acted on by it"].append(f"{100 * extra / max(chatter, 1):.2f}%")
    for name, cells in lines.items():
        print(f"  {name:32s}" + "".join(f"{cell:>20s}" for cell in cells))


def whisper_rows(jobs: int) -> list[dict]:
    """Rows as R.decode_set gives them, from Whisper's cached hearings of the report
    speakers' clips, judged by the shipped rejection."""
    from kiosk.voice.whisper_engine import Rejection, judge
    from tests.support.whisper_hearings import (
        REPORT_CONDITIONS,
        chosen_clips,
        hear_set,
        hearing_of,
    )

    rejection = Rejection.load()
    vocabularies = {s: screen_vocabulary(s) for s in R.SCREENS}
    rows = []
    for row in hear_set(chosen_clips("report"), jobs=jobs, conditions=REPORT_CONDITIONS):
        vocabulary = vocabularies[row["screen"]]
        result = judge(hearing_of(row), set(vocabulary.phrases), rejection)
        rows.append(R.decision_row(row, result, vocabulary, row["ms"], row["seconds"]))
    return rows


def _tally(cell: list[int], clip, acted: bool, heard_action) -> None:
    """One hearing into a trade-off cell: [commands right, commands, others acted on, others]."""
    if clip.is_command:
        cell[0] += acted and heard_action == TILE_ACTION[clip.word]
        cell[1] += 1
    else:
        cell[2] += acted
        cell[3] += 1


def _curve_row(cells, conditions=R.CONDITIONS) -> str:
    """A trade-off curve's row: commands right and others acted on, per condition (%)."""
    text = ""
    for c in conditions:
        right, commands, acted_on, others = cells[c]
        text += f"{100 * right / max(1, commands):>11.1f}{100 * acted_on / max(1, others):>6.1f} "
    return text


def whisper_tradeoff(rows: list[dict], clips: dict) -> None:
    """Commands right against unrelated words acted on, report speakers, home screen, as
    the rejection's bar moves (a candidate is a whole allowed phrase; its probability is
    the stored confidence)."""
    from kiosk.voice.whisper_engine import Rejection

    shipped = Rejection.load().bar
    bars = sorted({0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, shipped})
    print(
        "\ntrade-off, report speakers, home screen: commands right / unrelated words acted on"
        "\n(Whisper rejection bar; * = shipped)"
    )
    from tests.support.whisper_hearings import REPORT_CONDITIONS

    shown = [c for c in REPORT_CONDITIONS if c != R.CHATTER_ALONE]
    print(" " * 8 + "".join(f"{c:>18}" for c in shown))
    for bar in bars:
        cells: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for row in rows:
            if row["screen"] != "home":
                continue
            clip, cell = clips[row["key"]], cells[row["condition"]]
            if not row["scores"]:  # no candidate, or the unprompted pass's phrase (no bar)
                acted = row["action"] is not None
            else:
                acted = row["heard_action"] is not None and row["confidence"] >= bar
            _tally(cell, clip, acted, row["heard_action"])
        text = _curve_row(cells, shown)
        print(f"{'*' if bar == shipped else ' '} {bar:.3f} {text}")


def synthesized_phrases(recognizer) -> None:
    """Piper and espeak-ng saying the commands no recording holds, the tile titles and
    sound-alike words, clean, in 10 dB babble and at 8 kHz (tests/support/synth_words.py)."""
    from tests.support import synth_words as S

    vocabulary = screen_vocabulary("home")
    recognizer.set_phrases(list(vocabulary.phrases))
    from kiosk.voice.vocabulary import spoken_words

    titles = [spoken_words(label) for label in vocabulary.labels.values()]
    cells: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for group, texts in (("commands", S.COMMANDS), ("tile titles", titles)):
        for text, voice, condition, audio in S.clips(list(texts)):
            action = decide(recognizer.decode(audio), vocabulary, set()).action
            right = action is not None and action == vocabulary.phrases[text]
            kind = "piper" if voice == "piper" else "espeak-ng"
            cells[(group, kind, condition)][0] += right
            cells[(group, kind, condition)][1] += 1
            if not right and condition == "clean":
                misses.append(f"{voice}: '{text}' -> {action.name if action else None}")
    for text, voice, condition, audio in S.clips(S.SOUND_ALIKES):
        result = recognizer.decode(audio)
        acted = decide(result, vocabulary, set()).action is not None
        kind = "piper" if voice == "piper" else "espeak-ng"
        cells[("sound-alikes acted on", kind, condition)][0] += acted
        cells[("sound-alikes acted on", kind, condition)][1] += 1
        if acted:
            misses.append(f"{voice} {condition}: '{text}' acted on as '{result.heard}'")
    print("\n=== SYNTHESIZED VOICES (Piper, espeak-ng; never the headline) ===")
    print(f"{'':<34}" + "".join(f"{c:>18}" for c in S.CONDITIONS))
    for group in ("commands", "tile titles", "sound-alikes acted on"):
        for kind in ("piper", "espeak-ng"):
            line = "".join(f"{pct(*cells[(group, kind, c)]):>18}" for c in S.CONDITIONS)
            print(f"{group + ' (' + kind + ')':<34}{line}")
    print(f"misses (clean) and sound-alikes acted on ({len(misses)}):")
    for line in misses[:30]:
        print("  " + line)


def _name(decision: Any) -> str | None:
    return decision.action.name if decision.action is not None else None


def real_tradeoff(rows: list[dict], clips: dict) -> None:
    """Commands right against unrelated words acted on, report speakers, home screen, at
    other operating points: recomputed from each decode's stored confidence (for a heard
    tile number or "stop" the verifier's probability, for other phrases the confidence
    model's), as the engine would decide at those bars. What the embedding alone named
    when nothing else was acted on (EMBEDDING_ALONE_BAR) counts at every point; a decode
    a stricter bar would reject counts as ignored, though the embedding alone might still
    take it, so stricter points are a little pessimistic."""
    from kiosk.voice.pocketsphinx_engine import PocketSphinxRecognizer as P
    from kiosk.voice.verifier import load

    shipped = load()
    if shipped is None:
        return
    scale = [0.5, 0.7, 0.8, 0.9, 0.95, 0.98]
    points = [
        (d, s, P.MIN_CONFIDENCE_WORD, P.MIN_CONFIDENCE_PHRASE) for d in scale for s in (0.9, 0.95)
    ]
    points += [
        (0.9, 0.95, w, p) for w, p in ((0.995, 0.98), (0.998, 0.9), (0.998, 0.98), (1.01, 0.95))
    ]
    current = (
        shipped.thresholds["one"],
        shipped.thresholds["stop"],
        P.MIN_CONFIDENCE_WORD,
        P.MIN_CONFIDENCE_PHRASE,
    )
    print(
        "\ntrade-off, report speakers, home screen: commands right / unrelated words acted on"
        "\n(digit bar, stop bar, single-word bar, several-word bar; * = shipped)"
    )
    print(" " * 28 + "".join(f"{c:>18}" for c in R.CONDITIONS))
    for point in sorted(set(points) | {current}):
        digit, stop, word, phrase = point
        cells: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for row in rows:
            if row["screen"] != "home":
                continue
            clip = clips[row["key"]]
            heard, cell = row["heard"], cells[row["condition"]]
            if not row["scores"]:  # rejected early, or named by the embedding alone
                acted = row["action"] is not None  # (its own bar, the same at every point)
            elif row["heard_action"] is None:
                acted = False
            elif heard in TILE_ACTION:
                acted = row["confidence"] >= (stop if heard == "stop" else digit)
            else:
                acted = row["confidence"] >= (word if " " not in heard else phrase)
            _tally(cell, clip, acted, row["heard_action"])
        text = _curve_row(cells)
        mark = "*" if point == current else " "
        print(f"{mark} {digit:.2f} {stop:.2f} {word:.3f} {phrase:.2f}  {text}")


def end_to_action_ms(decode_ms: float) -> float:
    """The listener decodes once the speech has been quiet for `early_frames` and acts
    when the hangover has also ended (kiosk/voice/listener.py): whichever comes last."""
    vad = VadSettings()
    hangover_ms = vad.hangover_frames * FRAME / 16
    return max(hangover_ms, vad.early_frames * FRAME / 16 + decode_ms)


def real_latency(engine: str, clips: dict) -> int:
    """End of speech -> action on the report speakers' commands as recorded, decoded one
    after another in this process: `end_to_action_ms` of the measured decode (and, for
    comparison, the hangover followed by the decode, as before the early decode)."""
    recognizer = create_recognizer(engine)
    vocabulary = screen_vocabulary("home")
    recognizer.set_phrases(list(vocabulary.phrases))
    decodes = []
    for clip in clips.values():
        if clip.side == "report" and clip.is_command:
            audio = R.condition_audio(clip, "clean")
            start = time.perf_counter()
            decide(recognizer.decode(audio), vocabulary, set())
            decodes.append((time.perf_counter() - start) * 1000)
    times = [end_to_action_ms(ms) for ms in decodes]
    hangover_ms = VadSettings().hangover_frames * FRAME / 16
    after_hangover = [hangover_ms + ms for ms in decodes]
    p95 = percentile(times, 95)
    print(
        f"\nreal speech, end of speech -> action ({len(times)} commands): median "
        f"{statistics.median(times):.0f} ms, p95 {p95:.0f} ms "
        f"(target p95 <= {LATENCY_TARGET_MS} ms)  {'yes' if p95 <= LATENCY_TARGET_MS else 'NO'}"
        f"\n  decode median {statistics.median(decodes):.0f} ms, p95 "
        f"{percentile(decodes, 95):.0f} ms; decoding only after the hangover it would be "
        f"median {statistics.median(after_hangover):.0f} ms, p95 "
        f"{percentile(after_hangover, 95):.0f} ms"
    )
    return int(p95 > LATENCY_TARGET_MS)


def accuracy(recognizer, quick: bool) -> tuple[dict, list[float], list[str]]:
    """Per (voice, rate, noise): [correct, total, decoded right before rejection]; also
    decode times and misses. The third count is the ceiling: what a perfect rejection
    test would let through."""
    table: dict[tuple[str, int, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    times, misses = [], []
    voices = VOICES[:2] if quick else VOICES
    seen: set[str] = set()
    for screen in SCREENS:
        vocabulary = screen_vocabulary(screen)
        recognizer.set_phrases(list(vocabulary.phrases))
        phrases = [p for p in vocabulary.phrases if p not in seen]
        seen.update(phrases)
        if quick:
            phrases = phrases[::3]
        for voice in voices:
            for rate in RATES:
                for phrase in phrases:
                    speech = espeak(phrase, voice, rate)
                    for noise, snr in (("clean", None), ("babble 10 dB", 10.0)):
                        audio = room(speech, snr, seed=placement_seed(phrase, voice, rate))
                        start = time.perf_counter()
                        result = recognizer.decode(audio)
                        times.append((time.perf_counter() - start) * 1000)
                        decision = decide(result, vocabulary, set())
                        expected = vocabulary.phrases[phrase].name
                        got = decision.action.name if decision.action else None
                        cell = table[(voice, rate, noise)]
                        cell[1] += 1
                        cell[0] += got == expected
                        decoded = vocabulary.action_for(result.heard)
                        cell[2] += decoded is not None and decoded.name == expected
                        if got != expected:
                            misses.append(
                                f"{noise}/{voice}/{rate}: '{phrase}' -> "
                                f"{result.heard!r} ({result.reason or got})"
                            )
    return table, times, misses


def false_accepts(recognizer, quick: bool) -> tuple[int, int, int, int, int, list[str]]:
    """Sentences acted on (clean), noises acted on, and sentences acted on in babble."""
    vocabulary = screen_vocabulary("home")
    recognizer.set_phrases(list(vocabulary.phrases))
    speech_fa = speech_n = babble_fa = 0
    accepted = []
    for voice in VOICES[:2] if quick else VOICES:
        for rate in RATES:
            for sentence in OUT_OF_VOCABULARY:
                speech = espeak(sentence, voice, rate)
                result = recognizer.decode(room(speech))
                speech_n += 1
                if decide(result, vocabulary, set()).action is not None:
                    speech_fa += 1
                    accepted.append(f"{voice}/{rate}: '{sentence}' -> '{result.heard}'")
                # A waiting room: the same sentence with other people talking.
                seed = placement_seed(sentence, voice, rate)
                result = recognizer.decode(room(speech, 10.0, seed=seed))
                if decide(result, vocabulary, set()).action is not None:
                    babble_fa += 1
                    accepted.append(f"in babble {voice}/{rate}: '{sentence}' -> '{result.heard}'")
    noise_fa = noise_n = 0
    for kind in ("babble", "cough", "knock"):
        for seed in range(5 if quick else 15):
            result = recognizer.decode(noise_only(kind, seed=seed))
            noise_n += 1
            if decide(result, vocabulary, set()).action is not None:
                noise_fa += 1
                accepted.append(f"noise {kind}: -> '{result.heard}'")
    return speech_fa, speech_n, noise_fa, noise_n, babble_fa, accepted


class StreamedMicrophone:
    """Stands in for the sound card: plays audio into the listener in real time."""

    def __init__(self, callback, audio: np.ndarray) -> None:
        self.callback, self.audio, self.failed = callback, audio, False
        self._stop = threading.Event()

    def start(self) -> None:
        threading.Thread(target=self._play, daemon=True).start()

    def _play(self) -> None:
        start, i = time.monotonic(), 0
        while not self._stop.is_set():
            block = np.resize(self.audio[i % len(self.audio) :][:FRAME], FRAME)
            self.callback(block)
            i += FRAME
            delay = start + i / 16000 - time.monotonic()
            if delay > 0:
                time.sleep(delay)

    def stop(self) -> None:
        self._stop.set()


def listening_cpu(recognizer, audio: np.ndarray, seconds: float) -> float:
    """Percent of one core used by the whole process while the listener hears `audio`."""
    vocabulary = screen_vocabulary("home")
    listener = VoiceListener(
        lambda: recognizer,
        lambda action: None,
        lambda: False,
        lambda s: set(),
        lambda cb: StreamedMicrophone(cb, audio),
    )
    listener.set_context([])  # the always-there commands
    recognizer.set_phrases(list(vocabulary.phrases))
    listener.start()
    time.sleep(1.0)
    cpu, wall = time.process_time(), time.monotonic()
    time.sleep(seconds)
    used = (time.process_time() - cpu) / (time.monotonic() - wall) * 100
    listener.stop()
    return used


def latency(recognizer, quick: bool) -> list[float]:
    """End of speech -> action, ms: `end_to_action_ms` of the measured decoding."""
    vocabulary = screen_vocabulary("home")
    recognizer.set_phrases(list(vocabulary.phrases))
    listener = VoiceListener(
        lambda: recognizer, lambda action: None, lambda: False, lambda s: set()
    )
    listener._recognizer = recognizer
    listener.set_context([])
    out = []
    phrases = [
        "next page",
        "go back",
        "number three",
        "diagnosis and treatment",
        "help me",
        "louder",
        "stop",
        "read this",
        "more information",
        "previous page",
    ]
    for voice in VOICES[:1] if quick else VOICES:
        for phrase in phrases:
            audio = room(espeak(phrase, voice, 160), seed=3)
            start = time.perf_counter()
            listener.handle_utterance(audio, kiosk_spoke=False)
            out.append(end_to_action_ms((time.perf_counter() - start) * 1000))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer clips (about 1 minute)")
    parser.add_argument(
        "--engine", default="auto", choices=["auto", "whisper", "pocketsphinx", "vosk"]
    )
    parser.add_argument("--no-real", action="store_true", help="synthetic figures only")
    parser.add_argument("--real-only", action="store_true", help="real-speech figures only")
    parser.add_argument("--jobs", type=int, default=2, help="processes decoding real speech")
    args = parser.parse_args()
    recognizer = create_recognizer(args.engine)
    engine = recognizer.name
    print(f"engine: {recognizer.describe()}")
    real_failed = 0 if args.no_real else real_speech(engine, args.jobs)
    if engine == "whisper" and not args.real_only:
        synthesized_phrases(recognizer)
    if args.real_only or (engine == "whisper" and args.quick):
        return 1 if real_failed else 0
    print("\n=== SYNTHETIC SPEECH (espeak-ng; not the headline) ===")

    table, times, misses = accuracy(recognizer, args.quick)
    print(
        f"\n{'voice':<16}{'rate':>6}  {'noise':<14}{'correct':>9}{'accuracy':>10}"
        f"{'decoded right':>15}"
    )
    by_noise: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for (voice, rate, noise), (ok, n, decoded) in sorted(table.items()):
        print(
            f"{voice:<16}{rate:>6}  {noise:<14}{ok:>5}/{n:<4}{100 * ok / n:>9.1f}%"
            f"{100 * decoded / n:>14.1f}%"
        )
        for i, value in enumerate((ok, n, decoded)):
            by_noise[noise][i] += value
    failed = 0
    print(
        "(decoded right: the phrase the decoder chose was right, before the rejection "
        "tests; no rejection test can do better)\n"
    )
    for noise, (ok, n, decoded) in by_noise.items():
        value = 100 * ok / n
        verdict = "yes" if value >= TARGETS[noise] else "NO"
        failed += verdict == "NO"
        print(
            f"accuracy {noise:<14}{value:6.1f}%  (target >= {TARGETS[noise]:.0f}%)  {verdict}"
            f"   decoded right {100 * decoded / n:.1f}%"
        )
    print(
        f"decode time per utterance: median {statistics.median(times):.0f} ms, "
        f"p95 {percentile(times, 95):.0f} ms"
    )

    speech_fa, speech_n, noise_fa, noise_n, babble_fa, accepted = false_accepts(
        recognizer, args.quick
    )
    fa = 100 * (speech_fa + noise_fa) / (speech_n + noise_n)
    print(
        f"false accepts: out-of-vocabulary speech {speech_fa}/{speech_n} "
        f"({100 * speech_fa / speech_n:.1f}%), noise {noise_fa}/{noise_n} "
        f"({100 * noise_fa / noise_n:.1f}%); all {fa:.1f}% (target <= 2%)  "
        f"{'yes' if fa <= 2 else 'NO'}"
    )
    failed += fa > 2
    print(
        f"the same sentences in 10 dB babble acted on: {babble_fa}/{speech_n} "
        f"({100 * babble_fa / speech_n:.1f}%; no target, a noisy waiting room)"
    )

    lat = latency(recognizer, args.quick)
    p95 = percentile(lat, 95)
    print(
        f"end of speech -> action: median {statistics.median(lat):.0f} ms, p95 {p95:.0f} ms "
        f"(target p95 <= {LATENCY_TARGET_MS} ms)  {'yes' if p95 <= LATENCY_TARGET_MS else 'NO'}"
    )
    failed += p95 > LATENCY_TARGET_MS

    seconds = 5.0 if args.quick else 15.0
    quiet = room(np.zeros(16000 * 3), seed=1) + np.random.default_rng(1).normal(
        0, 20, 16000 * 3 + 9600
    ).astype(np.int16)
    silence_cpu = listening_cpu(recognizer, quiet, seconds)
    talk = np.concatenate(
        [
            room(espeak(p, "en-us", 160), pad_s=0.6)
            for p in ("next page", "go back", "number three", "help me")
        ]
    )
    speech_cpu = listening_cpu(recognizer, talk, seconds)
    print(
        f"CPU listening to silence: {silence_cpu:.1f}% of one core (target < 15%)  "
        f"{'yes' if silence_cpu < 15 else 'NO'}"
    )
    print(f"CPU listening to commands: {speech_cpu:.1f}% of one core")
    failed += silence_cpu >= 15

    print(f"\nmisses ({len(misses)}), first 25:")
    for line in misses[:25]:
        print("  " + line)
    print(f"false accepts ({len(accepted)}), first 25:")
    for line in accepted[:25]:
        print("  " + line)
    return 1 if failed or real_failed else 0


if __name__ == "__main__":
    sys.exit(main())
