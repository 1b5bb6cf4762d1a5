"""The built-in engine: PocketSphinx with the US English model shipped in its wheel."""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from kiosk.voice.confidence import (
    POCKETSPHINX_CONFIDENCE,
    ConfidenceModel,
    Segment,
    utterance_features,
)
from kiosk.voice.signals import dither, pad_abrupt, pitched_frames, speech_span, voiced_frames
from kiosk.voice.types import SAMPLE_RATE, Recognition, RecognizerError
from kiosk.voice.verifier import Verifier
from kiosk.voice.verifier import load as load_verifier

log = logging.getLogger("kiosk.voice.engine")


def _log_prob(value: float) -> float:
    # The Python API returns exp(log score); tiny values underflow to 0.
    return math.log(value) if value > 0 else -745.0


def _segments(segs) -> list[Segment]:  # noqa: ANN001 - pocketsphinx types are untyped
    return [Segment(s.word, s.start_frame, s.end_frame, _log_prob(s.ascore)) for s in segs]


_FILLERS = {"<sil>", "(NULL)", "<s>", "</s>", "SIL", "[NOISE]", "+NSN+", "+SPN+"}


# Means and variances adapted to real speech (MAP on fit speakers of ../shared/realspeech:
# scripts/adapt_acoustic_model.py), used when present. Not shipped: measured, they did not
# improve the figures on report speakers once the verifier was refitted (see the script).
ADAPTED_MODEL = Path(__file__).parent / "data" / "acoustic"


class PocketSphinxRecognizer:
    """PocketSphinx with the US English model shipped in its wheel; no download needed.
    When `ADAPTED_MODEL` holds means and variances adapted to real voices
    (scripts/adapt_acoustic_model.py) they replace the wheel's; none ship, see that script.

    Rejection, tuned on espeak-ng voices and rates the tests do not use (the figures of
    benchmarks/bench_voice.py are on the tests' voices):
    - the utterance is first cut to the part that stands above the noise at its edges
      (`speech_span`), so talk around a command is not decoded as words; audio whose
      loudest moment hardly rises above that noise (babble alone), that is loud only
      in brief bursts (a knock) or that has no pitch (a cough) is not decoded at all;
    - the final hypothesis must be a whole allowed phrase (partial paths are rejected);
    - a confidence model (kiosk/voice/confidence.py) weighs what a free phone loop heard
      over the same audio against the phrase: the likelihood ratio of phrase over free
      phones (the classic garbage model), overall and for the worst-fitting word; the
      free phones against the phrase's own; how much was said around the phrase. An
      out-of-grammar sentence forced onto a command fits it worse on several of these
      at once ("hello there" onto "louder" fits tolerably, but its free phones differ);
    - on real people (../shared/realspeech) that model, fitted on synthesized voices,
      lets half of all unrelated words through ("yes" -> "next", "no" -> "go home"). So:
      the tile numbers and "stop" are judged by a verifier learned from real people
      (verifier.py), and every other phrase needs a far higher confidence: a single word
      higher still, since single real words are what chatter is made of (figures at
      MIN_CONFIDENCE_PHRASE).
    """

    name = "pocketsphinx"
    # The bars below were each chosen on fit speakers or held-out voices and checked on
    # report speakers; what was tried and the figures are in docs/decisions.md ("Voice:
    # PocketSphinx's bars"). A person who is ignored can say it again; a kiosk that acts
    # on chatter is not used.
    MIN_CONFIDENCE = 0.35  # a phrase's confidence (the confidence model alone)
    # With the verifier: every other phrase than tile numbers and "stop", and a single
    # word (single real words are what chatter is made of).
    MIN_CONFIDENCE_PHRASE = 0.95
    MIN_CONFIDENCE_WORD = 0.998
    # A tile number or "stop" the verifier rejected at least this sure counts when the
    # same word is heard again soon (kiosk/voice/rules.py): an even chance each time.
    REPEAT_BAR = 0.5
    # When the first stage placed nothing, the embedding's classifier alone may name a
    # tile number or "stop" this sure, in an utterance no longer than a word.
    EMBEDDING_ALONE_BAR = 0.995
    EMBEDDING_ALONE_MAX_S = 2.0
    # Less sure, when its templates of real voices are closer than any other command's.
    EMBEDDING_ASSISTED_BAR = 0.95
    MIN_TEMPLATE_MARGIN = 1.0
    # The same for an utterance with too little voice for PocketSphinx (coughs come out
    # as "stop" at up to 0.89).
    EMBEDDING_ALONE_UNVOICED_BAR = 0.999
    # Loudest moment over the noise at the utterance's edges (babble alone rises less).
    MIN_RISE_DB = 12.0
    # Share of the speech span's 10 ms frames within 15 dB of its peak (knocks are brief).
    MIN_VOICED_SHARE = 0.09
    # 30 ms frames with a pitch (correlation 0.5, signals.pitched_frames): coughs have none.
    MIN_PITCHED_FRAMES = 2

    def __init__(
        self,
        confidence: ConfidenceModel = POCKETSPHINX_CONFIDENCE,
        verifier: Verifier | None | bool = True,
        adapted: bool | Path = True,
    ) -> None:
        """`verifier`: True for the shipped real-speech verifier (kiosk/voice/verifier.py),
        None or False for none (the first stage alone), or a Verifier. `adapted`: use
        `ADAPTED_MODEL` when present, False never, or a folder holding means and variances."""
        self._confidence = confidence
        self._verifier = load_verifier() if verifier is True else (verifier or None)
        if verifier is True and self._verifier is None:
            log.warning(
                "the real-speech verifier (kiosk/voice/data/) is missing or cannot run: "
                "voice control will act on far more chatter; reinstall the kiosk"
            )
        try:
            import pocketsphinx
            from pocketsphinx import Decoder, set_loglevel
        except ImportError as error:
            raise RecognizerError(f"PocketSphinx is not installed ({error})") from error
        set_loglevel("FATAL")
        model = Path(pocketsphinx.__file__).parent / "model" / "en-us"
        folder = adapted if isinstance(adapted, Path) else ADAPTED_MODEL
        self._adapted = adapted is not False and (folder / "means").is_file()
        acoustic = (
            {"mean": str(folder / "means"), "var": str(folder / "variances")}
            if self._adapted
            else {}
        )
        try:
            # topn 32 instead of 4: +5% on synthesized commands for ~10 ms more per utterance.
            # bestpath off: the lattice pass returned partial paths (on held-out voices 6% of
            # clean and a third of babble commands) and scores in other units than the
            # phone loop's; the Viterbi result always ends on a whole phrase and is faster.
            self._grammar = Decoder(
                lm=None, dither=True, topn=32, bestpath=False, loglevel="FATAL", **acoustic
            )
            # the phone loop only scores, its words are not used: default topn keeps it fast
            self._phones = Decoder(
                lm=None,
                allphone=str(model / "en-us-phone.lm.bin"),
                dither=True,
                loglevel="FATAL",
                **acoustic,
            )
        except Exception as error:
            raise RecognizerError(f"PocketSphinx could not load its model ({error})") from error
        self._lock = threading.Lock()
        self._phrases: tuple[str, ...] = ()
        self._known: set[str] = set()
        self._pronunciations: dict[str, list[str]] = {}
        self._model = model

    def known_word(self, word: str) -> bool:
        return self._grammar.lookup_word(word) is not None

    def set_phrases(self, phrases: Sequence[str]) -> None:
        usable = tuple(
            dict.fromkeys(p for p in phrases if p and all(self.known_word(w) for w in p.split()))
        )
        if usable == self._phrases:
            return
        if not usable:
            raise RecognizerError("no phrase of this screen can be said with this model")
        grammar = "#JSGF V1.0;\ngrammar kiosk;\npublic <command> = {};\n".format(" | ".join(usable))
        with self._lock:
            self._grammar.add_jsgf_string("kiosk", grammar)
            self._grammar.activate_search("kiosk")
            self._phrases = usable
            self._known = set(usable)

    @property
    def phrases(self) -> tuple[str, ...]:
        return self._phrases

    def _pronunciation(self, word: str) -> list[str]:
        """Dictionary phones of a word as the decoder names it ("what(2)": a variant)."""
        if word not in self._pronunciations:
            self._pronunciations[word] = (self._grammar.lookup_word(word) or "").split()
        return self._pronunciations[word]

    def _run(self, decoder, audio: bytes):  # noqa: ANN001 - pocketsphinx types are untyped
        decoder.start_utt()
        decoder.process_raw(audio, full_utt=True)
        decoder.end_utt()
        words = [s for s in (decoder.seg() or []) if s.word not in _FILLERS]
        hyp = decoder.hyp()
        return (hyp.hypstr if hyp else ""), words

    def decode(self, audio: np.ndarray) -> Recognition:
        audio, rise = speech_span(pad_abrupt(audio))
        if rise < self.MIN_RISE_DB:
            return Recognition("", None, 0.0, f"nothing stands out of the noise ({rise:.0f} dB)")
        voiced = voiced_frames(audio)  # also the measure of coverage below
        unvoiced = ""
        if voiced < self.MIN_VOICED_SHARE * (len(audio) // 160):
            unvoiced = "too brief to be speech (a knock or a click)"
        elif pitched_frames(audio) < self.MIN_PITCHED_FRAMES:
            unvoiced = "no voice in it (a cough or a rustle)"
        if unvoiced:
            alone = self._embedding_alone(audio, self.EMBEDDING_ALONE_UNVOICED_BAR)
            return alone or Recognition("", None, 0.0, unvoiced)
        first = self._judge(audio, rise, voiced)
        if first.phrase is None:
            return self._embedding_alone(audio, self.EMBEDDING_ALONE_BAR, assisted=True) or first
        return first

    def _embedding_alone(
        self, audio: np.ndarray, bar: float, assisted: bool = False
    ) -> Recognition | None:
        """A tile number or "stop" the embedding's classifier is at least `bar` sure of
        (`assisted`: or `EMBEDDING_ASSISTED_BAR` sure, and the word's templates agree),
        when the first stage placed nothing; only for an utterance as short as a word."""
        verifier = self._verifier
        if verifier is None or len(audio) > self.EMBEDDING_ALONE_MAX_S * SAMPLE_RATE:
            return None
        allowed = [w for w in verifier.words if w in self._known]
        if not allowed:
            return None
        found = verifier.classify(audio)
        if found is None:
            return None
        word, sure = max(((w, found[w]) for w in allowed), key=lambda pair: pair[1])
        if sure >= bar:
            return Recognition(word, word, round(sure, 3), "", (), False)
        if assisted and sure >= self.EMBEDDING_ASSISTED_BAR:
            margin = verifier.measures(audio, word)["template_margin"]
            if margin >= self.MIN_TEMPLATE_MARGIN:
                return Recognition(word, word, round(sure, 3), "", (), False)
        return None

    def _judge(self, audio: np.ndarray, rise: float, voiced: int) -> Recognition:
        raw = dither(audio).tobytes()
        with self._lock:
            heard, words = self._run(self._grammar, raw)
            if heard not in self._known:
                return Recognition(heard, None, 0.0, "not a whole allowed phrase")
            _, phones = self._run(self._phones, raw)
            expected = [p for w in words for p in self._pronunciation(w.word)]
        features = utterance_features(
            _segments(words),
            _segments(phones),
            expected,
            rise_db=rise,
            voiced=voiced,
            frames=len(audio) // 160,
        )
        confidence = self._confidence.probability(features)
        scores = tuple(features.values())
        if self._verifier is not None and heard in self._verifier.words:
            # a single command word: real people's voices decide (see verifier.py)
            features.update(self._verifier.measures(audio, heard))
            sure = self._verifier.probability(features)
            if sure < self._verifier.thresholds[heard]:
                return Recognition(
                    heard,
                    None,
                    sure,
                    f"not like people saying it ({sure:.2f})",
                    scores,
                    repeatable=sure >= self.REPEAT_BAR,
                )
            return Recognition(heard, heard, round(sure, 3), "", scores)
        bar = self.MIN_CONFIDENCE
        if self._verifier is not None:  # real-speech bars (see MIN_CONFIDENCE_PHRASE)
            bar = self.MIN_CONFIDENCE_WORD if " " not in heard else self.MIN_CONFIDENCE_PHRASE
        if confidence < bar:
            return Recognition(
                heard,
                None,
                confidence,
                f"low confidence {confidence:.2f} (llr {features['llr']:.1f}, "
                f"phone error {features['phone_error']:.2f})",
                scores,
            )
        return Recognition(heard, heard, round(confidence, 3), "", scores)

    def describe(self) -> str:
        kind = "adapted to real speech" if self._adapted else "as shipped"
        if self._verifier is None:
            check = "no real-speech verifier"
        elif self._verifier.classifier is None:
            check = "real-speech verifier"
        else:
            check = "real-speech verifier with speech embedding"
        return f"PocketSphinx (built-in US English model {kind}, {check}, {self._model})"
