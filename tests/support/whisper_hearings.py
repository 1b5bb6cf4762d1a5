"""Whisper's hearings of the real-speech set (tests/support/real_speech.py), cached.

A hearing (kiosk/voice/whisper_engine.py `Hearing`) is what Whisper made of one clip in
one condition on one screen: both transcripts and their scores, before any decision. The
fit script and the voice benchmark judge the same hearings with different models and
bars, so they are decoded once: cached per clip in ~/.cache/kiosk-voice/ (never in the
repository), under a digest of what decides them (model, window, caps, each screen's
prompt), appended as they come so a stopped run resumes.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from kiosk.voice import whisper_engine as W
from kiosk.voice.whisper_model import MODEL_SHA256
from tests.support import real_speech as R

# Takes of a word that is not a command, per side: on two shared cores a hearing of every
# "yes" costs more than it tells (the set holds 250 of "yes" and 8 of "seven").
TAKES_PER_WORD = 30
# What Whisper is heard in: the fit (the old 10 dB babble of five gave way to chatter of
# six, issue 33) and the report (bench_voice), which adds the chatter curve.
# (Chatter joins the fit's hearings for the loudest-word margin only: three takes of each
# other word make 1 false accept 3.3 %, which would set the bar at 0.99 and cost a tenth
# of the commands as recorded.)
FIT_CONDITIONS = ("clean", "tight", "8 kHz")
REPORT_CONDITIONS = (*FIT_CONDITIONS, *R.CHATTER_CONDITIONS, R.CHATTER_ALONE)
CACHE = Path(os.environ.get("KIOSK_VOICE_CACHE", Path.home() / ".cache" / "kiosk-voice"))
_WORKER: dict[str, Any] = {}


def screen_phrases(screen: str) -> list[str]:
    from kiosk.voice.__main__ import screen_vocabulary

    return list(screen_vocabulary(screen).phrases)


def hearing_key(window_s: float) -> str:
    """What decides a hearing: the model, the window, caps, and each screen's prompt."""
    digest = hashlib.sha256(
        f"{MODEL_SHA256}|{window_s}|{W.MAX_AUDIO_S}|{W.EXTRA_TOKENS}|{W.NOISY_ROOM_RISE_DB}|{W.MIN_ROOM_CUT_S}|{W.ROOM_CUT_MARGIN_S}|v7".encode()
    )
    for screen in R.SCREENS:
        digest.update("|".join(screen_phrases(screen)).encode())
    return digest.hexdigest()[:12]


def _init(window_s: float) -> None:
    os.nice(10)
    recognizer = W.WhisperRecognizer(threads=1, window_s=window_s, rejection=W.HAND_RULE)
    _WORKER["recognizer"] = recognizer
    _WORKER["phrases"] = {s: screen_phrases(s) for s in R.SCREENS}
    clips = R.load_clips()
    _WORKER["pools"] = {side: R.babble_pool(clips, side) for side in ("fit", "report")}


def _hear(job: tuple[R.Clip, str, str]) -> dict[str, Any]:
    clip, condition, screen = job
    recognizer = _WORKER["recognizer"]
    recognizer.set_phrases(_WORKER["phrases"][screen])
    audio = R.condition_audio(clip, condition, _WORKER["pools"][clip.side])
    hearing = recognizer.hear(audio)
    return {"key": clip.key, "condition": condition, "screen": screen, **asdict(hearing)}


def jobs_for(
    clips: Iterable[R.Clip], conditions: Sequence[str] = R.CONDITIONS
) -> list[tuple[R.Clip, str, str]]:
    """Every clip as recorded on the home screen, "stop" also on the reader; in each other
    condition of `conditions`, every command and a few takes of each other word
    (R.condition_clips); "chatter alone": R.chatter_alone_clips."""
    clips = list(clips)
    work = []
    for condition in conditions:
        if condition == R.CHATTER_ALONE:
            work += [(c, condition, "home") for c in R.chatter_alone_clips(clips)]
        elif condition != "clean":
            work += [(c, condition, "home") for c in R.condition_clips(clips)]
        else:
            work += [(c, condition, "home") for c in clips]
            work += [(c, condition, "reader") for c in clips if c.word == "stop"]
    return work


def chosen_clips(side: str, limit: int = 0) -> list[R.Clip]:
    """A side's clips (the fit side without held-out words); a word that is not a command
    at most `TAKES_PER_WORD` times; `limit`: at most that many takes of any word."""
    taken: dict[str, int] = defaultdict(int)
    chosen = []
    for clip in sorted(R.load_clips(), key=lambda c: zlib.crc32(c.key.encode())):
        if clip.side != side or (side == "fit" and clip.held_out_word):
            continue
        taken[clip.word] += 1
        cap = limit or (0 if clip.is_command else TAKES_PER_WORD)
        if not cap or taken[clip.word] <= cap:
            chosen.append(clip)
    return chosen


def hear_set(
    clips: list[R.Clip],
    window_s: float = W.WINDOW_S,
    jobs: int = 2,
    progress: bool = True,
    conditions: Sequence[str] = R.CONDITIONS,
) -> list[dict[str, Any]]:
    """Hearings of these clips in every condition (`jobs_for`), cached or decoded now."""
    path = CACHE / f"whisper-hearings-{hearing_key(window_s)}.jsonl"
    done: dict[tuple[str, str, str], dict[str, Any]] = {}
    if path.is_file():
        for line in path.read_text().splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:  # a line cut off by a stopped run
                continue
            done[(row["key"], row["condition"], row["screen"])] = row
    wanted = jobs_for(clips, conditions)
    work = [j for j in wanted if (j[0].key, j[1], j[2]) not in done]
    if work:
        CACHE.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        with open(path, "a") as out, Pool(jobs, _init, (window_s,)) as pool:
            for n, row in enumerate(pool.imap_unordered(_hear, work, chunksize=8), 1):
                out.write(json.dumps(row) + "\n")
                done[(row["key"], row["condition"], row["screen"])] = row
                if progress and n % 500 == 0:
                    rate = n / (time.monotonic() - started)
                    print(f"  heard {n}/{len(work)} ({rate:.1f}/s)", flush=True)
    return [done[(c.key, cond, screen)] for c, cond, screen in wanted]


def hearing_of(row: dict[str, Any]) -> W.Hearing:
    return W.Hearing(**{k: row[k] for k in W.Hearing.__dataclass_fields__ if k in row})
