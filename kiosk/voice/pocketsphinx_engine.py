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
    # The confidence a phrase needs. Chosen on voices, babble and sentences that neither
    # fitting nor the tests use (scripts/fit_voice_confidence.py --dev): the lowest value at
    # which every measure there is at least as good as with the fixed thresholds this model
    # replaced (clean 89.4 -> 92.6%, babble 71.6 -> 76.9%, sentences acted on 12.5 -> 9.1%,
    # in babble 11.4 -> 11.4%). Higher values trade commands for fewer false accepts.
    MIN_CONFIDENCE = 0.35
    # With the verifier, the bars for every other phrase. Measured on real words
    # (kiosk/testing/real_speech.py) with the eight-tile home screen, unrelated words acted
    # on through a phrase of several words, fit speakers, clean: 16.7% at 0.5, 5.7% at 0.8,
    # 2.4% at 0.9, 0.7% at 0.95, 0.2% at 0.98. Real single words do become phrases: "go" ->
    # "go home", "yes" -> "yes no" (tile 8), "happy" -> "help me". The price, synthesized
    # voices (no recording holds these phrases), clean, phrases of several words accepted:
    # 96% at 0.5, 92% at 0.8, 83% at 0.9, 74% at 0.95, 48% at 0.98. Single words at 0.995
    # let 2.8-3.9% of held-out real words through (report speakers: "no", "right", "off"
    # ...), at 0.998 1.5-1.9%. The operating point (scripts/fit_voice_verifier.py: fit
    # speakers, verifier out of fold, every unrelated-word figure <= 2%; then checked on
    # report speakers, held-out words included): verifier 0.9 for the digits and 0.95 for
    # "stop", single words 0.998, several 0.95. Report speakers: tile numbers and "stop"
    # 56% right, unrelated words acted on at most 1.7% in any condition.
    # A person who is ignored can say it again; a kiosk that acts on chatter is not used.
    MIN_CONFIDENCE_PHRASE = 0.95
    MIN_CONFIDENCE_WORD = 0.998
    # A tile number or "stop" the verifier rejected but gave at least this probability
    # counts when the same word is heard again soon with the same (kiosk/voice/rules.py):
    # an even chance each time (chosen so, not tuned). Report speakers, the same person
    # saying the word twice, right within two tries: clean 71.8 -> 77.7 %, 8 kHz 28.2 ->
    # 43.7 %, no silence 63.1 -> 64.1 %; pairs of unrelated words from one speaker acted
    # on because of it 0.0-0.2 % (benchmarks/bench_voice.py, "said twice").
    REPEAT_BAR = 0.5
    # When the first stage placed nothing (it heard no allowed phrase, or one it rejected),
    # the embedding's classifier alone (embedding.py) may still name a tile number or
    # "stop" the screen offers, if it is this sure and the utterance is no longer than a
    # word. Fit speakers out of fold (scripts/fit_voice_verifier.py), commands right /
    # other words acted on, clean: 70.5 / 1.8 % without it, 79.5 / 2.0 % at 0.99, 78.7 /
    # 1.8 % at 0.995; in babble 1.9 -> 21.3 / 15.9 %. 0.99 is the last bar within 2 % on
    # the fit's words; one step above it, because words no fit has seen pass more often.
    # Longer utterances are left alone (a sentence is not a tile number): 1.5 s kept out
    # most commands in babble, whose span is the whole 1.75 s; at 2 s, report speakers'
    # babble commands went 2.5 -> 15.3 % right, other words acted on 0.2 -> 1.0 % (the
    # fit speakers' figures above hold with no length limit at all).
    EMBEDDING_ALONE_BAR = 0.995
    EMBEDDING_ALONE_MAX_S = 2.0
    # Less sure (from 0.95), the word is still taken when its templates of real voices
    # (verifier.py) are closer than any other command's by this margin. Fit speakers out
    # of fold, at 0.995 alone -> with it: clean 78.7 -> 81.0 %, babble 15.9 -> 20.5 %,
    # 8 kHz 62.4 -> 68.6 %, other words acted on unchanged (1.8, 0.7, 1.1 -> 1.5 %).
    # Margin 0.5 had the most commands right within 2 % (babble at 2.0 %); one step above.
    EMBEDDING_ASSISTED_BAR = 0.95
    MIN_TEMPLATE_MARGIN = 1.0
    # The same for an utterance with too little voice for PocketSphinx to be asked (the
    # pitch and voicing tests below), at a higher bar: synthesized coughs come out as
    # "stop" at up to 0.89, and 1 in 150 stretches of babble at 0.996. On report speakers,
    # 9 commands said as recorded were stopped by those tests, 5 of them at 1.000.
    EMBEDDING_ALONE_UNVOICED_BAR = 0.999
    # Loudest moment over the noise at the utterance's edges. Held out: commands in 10 dB
    # babble rise 13 dB or more, babble alone at most 10 dB (the VAD itself asks for 9).
    MIN_RISE_DB = 12.0
    # Share of the speech span's 10 ms frames within 15 dB of its peak: synthesized
    # commands 0.16 or more, door knocks 0.06; 7 of 230 real commands (fit speakers) are
    # under 0.12, so the bar sits at 0.09.
    MIN_VOICED_SHARE = 0.09
    # 30 ms frames with a pitch (correlation 0.5, signals.pitched_frames): coughs 0; real
    # commands of fit speakers under 2: 8 of 230 (29 of 230 at correlation 0.6).
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
