"""Recordings of real people (../shared/realspeech beside the repository) for the voice
benchmark, the fitting scripts and the real-speech tests.

The set is split twice, both deterministically:
- by speaker: a speaker's clips are all "fit" (anything fitted may see them) or all
  "report" (only measured). crc32 of the 8-hex-digit speaker id decides; Picovoice clips
  have no speaker ids, so each file is its own speaker.
- by word, for the words that are not commands: the rejection is checked elsewhere on
  words this set does not hold, so some of its words are never shown to a fit
  (`HELD_OUT_WORDS`) and their false accepts are reported on their own.

Conditions a clip is measured in: as recorded ("clean"); in 10 dB babble of other
speakers of the same side ("babble"); narrow-band, as from an 8 kHz file ("8 kHz");
cut to the word with no silence around it ("tight"). A waiting room's chatter (issue 33):
six other speakers of the same side at 20, 15 and 10 dB below the word ("chatter 20 dB"
...), and that chatter with no word in it at all ("chatter alone").
"""

from __future__ import annotations

import csv
import functools
import hashlib
import os
import pickle
import tempfile
import time
import wave
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.voice.audio import resample

ROOT = Path(__file__).resolve().parents[2]
NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# The tile numbers the home screen offers (kiosk/core: six fact-sheet tiles, 7 "Talk",
# 8 "Yes / No"); a number beyond them ("nine", and "zero" always) is an unrelated word
# there. tests/voice/test_real_speech.py checks this against the real home screen.
HOME_TILES = 8
TILE_WORDS = NUMBER_WORDS[:HOME_TILES]
COMMAND_WORDS = (*TILE_WORDS, "stop")
# Words of the set that no fit ever sees (neither as a negative nor in babble), to measure
# how a rejection holds on words it does not know. Chosen to span the set's kinds: short
# and long, a digit beyond the tiles, wake words, a two-word name, toolkit phrases.
HELD_OUT_WORDS = frozenset(
    {"no", "right", "off", "bed", "nine", "zero", "jarvis", "computer", "snowboy", "view_glass"}
)
CONDITIONS = ("clean", "babble", "8 kHz", "tight")
BABBLE_SNR_DB = 10.0
CHATTER_SNRS_DB = (20, 15, 10)
CHATTER_CONDITIONS = tuple(f"chatter {snr} dB" for snr in CHATTER_SNRS_DB)
CHATTER_ALONE = "chatter alone"
CHATTER_TALKERS = 6


@dataclass(frozen=True)
class Clip:
    source: str
    word: str  # folder name: "three", "smart_mirror", "go_forward_ten_meters"
    speaker: str
    path: Path

    @property
    def side(self) -> str:
        """ "fit" or "report": which speakers a fit may learn from."""
        key = self.speaker if self.speaker != "unknown" else self.path.name
        if self.source == "toolkit_testdata":
            return "report"  # eight clips; never fitted on
        return "fit" if zlib.crc32(key.encode()) % 2 == 0 else "report"

    @property
    def is_command(self) -> bool:
        return self.word in COMMAND_WORDS

    @property
    def held_out_word(self) -> bool:
        """A word no fit sees: all toolkit phrases and `HELD_OUT_WORDS`."""
        return self.source == "toolkit_testdata" or self.word in HELD_OUT_WORDS

    @property
    def key(self) -> str:
        return f"{self.source}/{self.word}/{self.path.name}"


def _main_checkout(root: Path) -> Path:
    """A git worktree's .git is a file naming the main repository's .git/worktrees/NAME."""
    dot_git = root / ".git"
    if dot_git.is_file():
        text = dot_git.read_text(errors="replace").strip()
        if text.startswith("gitdir:"):
            return Path(text.split(":", 1)[1].strip()).parents[2]
    return root


def realspeech_dir() -> Path | None:
    """../shared/realspeech beside the repository (or its main checkout), or
    $KIOSK_REALSPEECH; None when absent."""
    candidates = [os.environ.get("KIOSK_REALSPEECH", "")]
    candidates += [str(r.parent / "shared" / "realspeech") for r in (ROOT, _main_checkout(ROOT))]
    for candidate in candidates:
        if candidate and (Path(candidate) / "manifest.csv").is_file():
            return Path(candidate)
    return None


@functools.lru_cache(maxsize=2)
def load_clips(folder: Path | None = None) -> tuple[Clip, ...]:
    folder = folder or realspeech_dir()
    if folder is None:
        raise FileNotFoundError("no ../shared/realspeech beside the repository")
    with open(folder / "manifest.csv", newline="") as handle:
        return tuple(
            Clip(row["source"], row["word"], row["speaker"], folder / row["path"])
            for row in csv.DictReader(handle)
        )


def read(path: Path) -> np.ndarray:
    """A clip of the set (16 kHz mono 16-bit) as float samples."""
    with wave.open(str(path), "rb") as wav:
        assert wav.getframerate() == 16000 and wav.getnchannels() == 1
        return np.frombuffer(wav.readframes(wav.getnframes()), "<i2").astype(np.float64)


def active_power(audio: np.ndarray, frame: int = 160, below_peak_db: float = 20.0) -> float:
    """Mean power of the 10 ms frames within `below_peak_db` of the loudest: the word's
    power, not diluted by the silence around it."""
    count = max(1, len(audio) // frame)
    frames = np.resize(audio.astype(np.float64), count * frame).reshape(count, frame)
    power = (frames**2).mean(axis=1) + 1e-9
    return float(power[power > power.max() * 10 ** (-below_peak_db / 10)].mean())


def babble_pool(clips: Iterable[Clip], side: str) -> list[Clip]:
    """Clips babble is made of: words of that side that are not commands and, for the fit
    side, not held out (a fit must not hear held-out words even as babble)."""
    return [
        c
        for c in clips
        if c.side == side
        and not c.is_command
        and c.source.startswith("speech_commands")
        and (side == "report" or not c.held_out_word)
    ]


def babble_for(clip: Clip, pool: Sequence[Clip], length: int, talkers: int = 5) -> np.ndarray:
    """`talkers` other speakers of the pool talking at once (each a run of their words at
    random offsets), unit power; the same for the same clip on every run."""
    rng = np.random.default_rng(zlib.crc32(clip.key.encode()))
    others = [c for c in pool if c.speaker != clip.speaker]
    mix = np.zeros(length)
    used: set[str] = {clip.speaker}
    for _ in range(talkers):
        while True:
            pick = others[int(rng.integers(len(others)))]
            if pick.speaker not in used:
                break
        used.add(pick.speaker)
        talk = [c for c in others if c.speaker == pick.speaker] or [pick]
        words = [read(talk[int(rng.integers(len(talk)))].path) for _ in range(3)]
        stream = np.concatenate([w / np.sqrt(active_power(w)) for w in words])
        stream = np.roll(np.resize(stream, length), int(rng.integers(length)))
        mix += stream
    return mix / np.sqrt(np.mean(mix**2) + 1e-12)


def tight(audio: np.ndarray, frame: int = 160, below_peak_db: float = 25.0) -> np.ndarray:
    """The word with no silence around it: from the first to the last 10 ms frame within
    `below_peak_db` of the loudest (a recording that starts and ends abruptly)."""
    count = len(audio) // frame
    power = (audio[: count * frame].reshape(count, frame) ** 2).mean(axis=1) + 1e-9
    loud = np.flatnonzero(power > power.max() * 10 ** (-below_peak_db / 10))
    return audio[loud[0] * frame : (loud[-1] + 1) * frame]


def narrow_band(audio: np.ndarray) -> np.ndarray:
    """As if recorded at 8 kHz and read back at 16 kHz (nothing above 4 kHz)."""
    return resample(resample(audio, 16000, 8000), 8000, 16000)


def _snr_of(condition: str) -> float:
    """ "chatter 15 dB" -> 15.0."""
    if condition not in CHATTER_CONDITIONS:
        raise ValueError(condition)
    return float(condition.split()[1])


def condition_clips(clips: Iterable[Clip], per_word: int = 3) -> list[Clip]:
    """The clips heard in a condition other than as recorded: every command, and at most
    `per_word` takes of each other word (their false accepts are measured mostly as
    recorded: on two shared cores every hearing counts)."""
    return capped(clips, per_word)


def capped(clips: Iterable[Clip], per_word: int) -> list[Clip]:
    """Every command, and at most `per_word` takes of each other word (by a hash of the
    file name, so the same on every run)."""
    taken: dict[str, int] = {}
    chosen = []
    for clip in sorted(clips, key=lambda c: zlib.crc32(c.key.encode())):
        taken[clip.word] = taken.get(clip.word, 0) + 1
        if clip.is_command or taken[clip.word] <= per_word:
            chosen.append(clip)
    return chosen


def chatter_alone_clips(clips: Iterable[Clip], count: int = 40) -> list[Clip]:
    """Whose chatter is heard with their word taken out: `count` non-command clips."""
    others = [c for c in clips if not c.is_command and c.source.startswith("speech_commands")]
    return sorted(others, key=lambda c: zlib.crc32(c.key.encode()) ^ 0x5A5A)[:count]


def condition_audio(
    clip: Clip, condition: str, pool: Sequence[Clip] = (), pad_s: float = 0.25
) -> np.ndarray:
    """The clip in one of `CONDITIONS`, as int16 at 16 kHz."""
    audio = read(clip.path)
    if condition == "babble" or condition.startswith("chatter"):
        pad = np.zeros(int(pad_s * 16000))
        speech = np.concatenate([pad, audio, pad])
        chatter = condition.startswith("chatter")
        noise = babble_for(clip, pool, len(speech), CHATTER_TALKERS if chatter else 5)
        snr = BABBLE_SNR_DB if condition in ("babble", CHATTER_ALONE) else _snr_of(condition)
        level = np.sqrt(active_power(audio)) * 10 ** (-snr / 20)
        audio = noise * level + (0 if condition == CHATTER_ALONE else speech)
        peak = np.abs(audio).max()
        if peak > 32000:
            audio = audio * (32000 / peak)
    elif condition == "8 kHz":
        audio = narrow_band(audio)
    elif condition == "tight":
        audio = tight(audio)
    elif condition != "clean":
        raise ValueError(condition)
    return np.clip(audio, -32768, 32767).astype(np.int16)


# ---------------------------------------------------------------- decoding the set, cached

CACHE = Path(os.environ.get("TMPDIR", tempfile.gettempdir())) / "kiosk-voice-cache"
SCREENS = ("home", "reader")
FIT_TAKES_PER_WORD = 60  # the home screen; the reader ("stop" applies on both)
_WORKER: dict[str, Any] = {}


def source_key(*parts: str) -> str:
    """A digest of everything that decides what the recognizer says (the voice package
    and its data, this module, the phrases the screens offer), so a cache is never stale."""
    from kiosk.voice.__main__ import screen_vocabulary

    digest = hashlib.sha256("|".join(parts).encode())
    for screen in SCREENS:  # the grammar: what the screens offer (kiosk/core) decides too
        digest.update(" | ".join(sorted(screen_vocabulary(screen).phrases)).encode())
    voice = ROOT / "kiosk" / "voice"
    for path in sorted([*voice.glob("*.py"), *(p for p in voice.rglob("data/*") if p.is_file())]):
        digest.update(path.name.encode() + path.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:12]


def _make_recognizer(engine: str, first_stage: bool, acoustic: Path | None = None) -> Any:
    if engine == "pocketsphinx" and first_stage:
        from kiosk.voice.pocketsphinx_engine import PocketSphinxRecognizer

        return PocketSphinxRecognizer(verifier=None, adapted=acoustic or False)
    from kiosk.voice.factory import create_recognizer

    return create_recognizer(engine)


def _init_worker(engine: str, first_stage: bool, acoustic: Path | None) -> None:
    os.nice(10)
    from kiosk.voice.__main__ import screen_vocabulary

    _WORKER["recognizer"] = _make_recognizer(engine, first_stage, acoustic)
    _WORKER["vocabularies"] = {s: screen_vocabulary(s) for s in SCREENS}
    clips = load_clips()
    _WORKER["pools"] = {side: babble_pool(clips, side) for side in ("fit", "report")}
    _WORKER["screen"] = None


def _decode_job(job: tuple[Clip, str, str]) -> dict[str, Any]:

    clip, condition, screen = job
    recognizer = _WORKER["recognizer"]
    vocabulary = _WORKER["vocabularies"][screen]
    if _WORKER["screen"] != screen:
        recognizer.set_phrases(list(vocabulary.phrases))
        _WORKER["screen"] = screen
    audio = condition_audio(clip, condition, _WORKER["pools"][clip.side])
    start = time.perf_counter()
    result = recognizer.decode(audio)
    ms = (time.perf_counter() - start) * 1000
    where = {"key": clip.key, "condition": condition, "screen": screen}
    return decision_row(where, result, vocabulary, ms, len(audio) / 16000)


def decision_row(
    where: dict[str, Any], result: Any, vocabulary: Any, ms: float, seconds: float
) -> dict[str, Any]:
    """One hearing as a row of decode_set: the clip (key, condition, screen), what the
    recognizer made of it, and what the kiosk's rules would do."""
    from kiosk.voice.rules import decide

    taken = decide(result, vocabulary, set()).action
    heard = vocabulary.action_for(result.heard)
    return {
        "key": where["key"],
        "condition": where["condition"],
        "screen": where["screen"],
        "heard": result.heard,
        "phrase": result.phrase,
        "action": taken.name if taken else None,
        "heard_action": heard.name if heard else None,
        "confidence": result.confidence,
        "reason": result.reason,
        "repeatable": result.repeatable,
        "scores": result.scores,
        "ms": ms,
        "seconds": seconds,
    }


def decode_set(
    engine: str = "pocketsphinx",
    sides: Sequence[str] = ("fit", "report"),
    first_stage: bool = False,
    jobs: int = 2,
    cache_key: str = "",
    progress: bool = True,
    fitting: bool = False,
    acoustic: Path | None = None,
    only: frozenset[str] | None = None,
) -> list[dict[str, Any]]:
    """Every clip of `sides` in every condition on the home screen, "stop" also on the
    reader: what the recognizer heard and did (rows of plain values). `first_stage`: the
    built-in engine without its real-speech verifier (what the verifier is fitted on).
    Cached in $TMPDIR/kiosk-voice-cache (never in the repository) under `cache_key`, by
    default a digest of the voice package's source and data. `fitting`: only what a fit
    may use (no held-out word), at most `FIT_TAKES_PER_WORD` takes of a word that is not
    a command (the set holds 250 of "yes" and 8 of "seven"). `acoustic`: with
    `first_stage`, a folder of adapted means and variances (none: the wheel's model).
    `only`: the keys of the clips to decode (all those chosen when None).
    """
    key = cache_key or source_key(engine, str(first_stage), str(fitting), *sides)
    kind = ("first-" if first_stage else "") + ("fitting-" if fitting else "")
    path = CACHE / f"{engine}-{kind}{'-'.join(sides)}-{key}.pkl"
    if path.is_file():
        with open(path, "rb") as handle:
            rows: list[dict[str, Any]] = pickle.load(handle)
            return rows
    clips = [c for c in load_clips() if c.side in sides]
    if fitting:
        clips = capped([c for c in clips if not c.held_out_word], FIT_TAKES_PER_WORD)
    if only is not None:  # after the fitting choice, so parts of a set add up to the whole
        clips = [c for c in clips if c.key in only]
    work = [(c, cond, "home") for cond in CONDITIONS for c in clips]
    work += [(c, cond, "reader") for cond in CONDITIONS for c in clips if c.word == "stop"]
    started = time.monotonic()
    rows = []
    with Pool(jobs, _init_worker, (engine, first_stage, acoustic)) as pool:
        for n, row in enumerate(pool.imap(_decode_job, work, chunksize=16)):
            rows.append(row)
            if progress and n % 1000 == 0:
                print(f"  decoded {n}/{len(work)} in {time.monotonic() - started:.0f} s")
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        pickle.dump(rows, handle)
    return rows


def ci_subset() -> list[tuple[Clip, str]]:
    """The small fixed set the test suite decodes (tests/voice/test_real_speech.py):
    report speakers only; per command word 4 takes as recorded, 2 of them also at 8 kHz,
    1 in babble and 1 with no silence around it; per other word 2 takes as recorded, and
    for every other word 1 in babble (babble decodes cost the most). Chosen by a hash of
    the file name, different speakers first."""
    chosen: list[tuple[Clip, str]] = []
    by_word: dict[str, list[Clip]] = {}
    for clip in load_clips():
        if clip.side == "report" and clip.source != "toolkit_testdata":
            by_word.setdefault(clip.word, []).append(clip)
    for n, (word, clips) in enumerate(sorted(by_word.items())):
        ordered = sorted(clips, key=lambda c: zlib.crc32(c.key.encode()))
        picked: list[Clip] = []
        for clip in ordered:  # one take per speaker first
            if all(p.speaker != clip.speaker or clip.speaker == "unknown" for p in picked):
                picked.append(clip)
        picked += [c for c in ordered if c not in picked]
        if word in COMMAND_WORDS:
            take = picked[:4]
            chosen += [(c, "clean") for c in take]
            chosen += [(c, "8 kHz") for c in take[:2]]
            chosen += [(take[0], "babble"), (take[1], "tight")]
        else:
            chosen += [(c, "clean") for c in picked[:2]]
            chosen += [(picked[0], "babble")] if n % 2 == 0 else []
    return chosen
