"""The built-in engine: PocketSphinx with the US English model shipped in its wheel."""

from __future__ import annotations

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
from kiosk.voice.types import Recognition, RecognizerError


def _log_prob(value: float) -> float:
    # The Python API returns exp(log score); tiny values underflow to 0.
    return math.log(value) if value > 0 else -745.0


def _segments(segs) -> list[Segment]:  # noqa: ANN001 - pocketsphinx types are untyped
    return [Segment(s.word, s.start_frame, s.end_frame, _log_prob(s.ascore)) for s in segs]


_FILLERS = {"<sil>", "(NULL)", "<s>", "</s>", "SIL", "[NOISE]", "+NSN+", "+SPN+"}


class PocketSphinxRecognizer:
    """PocketSphinx with the US English model shipped in its wheel; no download needed.

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
      at once ("hello there" onto "louder" fits tolerably, but its free phones differ).
    """

    name = "pocketsphinx"
    # The confidence a phrase needs. Chosen on voices, babble and sentences that neither
    # fitting nor the tests use (scripts/fit_voice_confidence.py --dev): the lowest value at
    # which every measure there is at least as good as with the fixed thresholds this model
    # replaced (clean 89.4 -> 92.6%, babble 71.6 -> 76.9%, sentences acted on 12.5 -> 9.1%,
    # in babble 11.4 -> 11.4%). Higher values trade commands for fewer false accepts.
    MIN_CONFIDENCE = 0.35
    # Loudest moment over the noise at the utterance's edges. Held out: commands in 10 dB
    # babble rise 13 dB or more, babble alone at most 10 dB (the VAD itself asks for 9).
    MIN_RISE_DB = 12.0
    # Share of the speech span's 10 ms frames within 15 dB of its peak: held-out commands
    # 0.16 or more (5th percentile 0.34), door knocks 0.06.
    MIN_VOICED_SHARE = 0.12
    # 30 ms frames with a pitch: held-out commands 3 or more (5th percentile 6), coughs 0.
    MIN_PITCHED_FRAMES = 2

    def __init__(self, confidence: ConfidenceModel = POCKETSPHINX_CONFIDENCE) -> None:
        self._confidence = confidence
        try:
            import pocketsphinx  # type: ignore[import-untyped]
            from pocketsphinx import Decoder, set_loglevel  # type: ignore[import-untyped]
        except ImportError as error:
            raise RecognizerError(f"PocketSphinx is not installed ({error})") from error
        set_loglevel("FATAL")
        model = Path(pocketsphinx.__file__).parent / "model" / "en-us"
        try:
            # topn 32 instead of 4: +5% on synthesized commands for ~10 ms more per utterance.
            # bestpath off: the lattice pass returned partial paths (on held-out voices 6% of
            # clean and a third of babble commands) and scores in other units than the
            # phone loop's; the Viterbi result always ends on a whole phrase and is faster.
            self._grammar = Decoder(lm=None, dither=True, topn=32, bestpath=False, loglevel="FATAL")
            # the phone loop only scores, its words are not used: default topn keeps it fast
            self._phones = Decoder(
                lm=None, allphone=str(model / "en-us-phone.lm.bin"), dither=True, loglevel="FATAL"
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
        if voiced < self.MIN_VOICED_SHARE * (len(audio) // 160):
            return Recognition("", None, 0.0, "too brief to be speech (a knock or a click)")
        if pitched_frames(audio) < self.MIN_PITCHED_FRAMES:
            return Recognition("", None, 0.0, "no voice in it (a cough or a rustle)")
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
        if confidence < self.MIN_CONFIDENCE:
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
        return f"PocketSphinx (built-in US English model, {self._model})"
