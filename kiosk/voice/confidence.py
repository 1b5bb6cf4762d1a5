"""How sure PocketSphinx is of a phrase: a logistic model over acoustic evidence.

The grammar decoder forces every utterance onto some allowed phrase. Whether to believe
it is decided from what two decodes of the same audio say: the grammar's phrase and a
free phone loop (no vocabulary at all). Each measure alone separates commands from
chatter poorly; together, weighed by a logistic regression fitted on espeak-ng voices,
babble and sentences that neither the tests nor the benchmark use
(scripts/fit_voice_confidence.py), they do better on every measure than the fixed
thresholds they replace (figures in that script's docstring).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kiosk.voice.phones import broad_phone_error, edit_distance

FEATURES = (
    "llr",
    "worst_word_llr",
    "phone_error",
    "phone_error_in_phrase",
    "exact_phone_error_in_phrase",
    "log_frames_per_phone",
    "free_phones_per_phone",
    "phones_in_phrase_per_phone",
    "coverage",
    "log_phones",
    "rise_db",
    "voiced_share",
)


@dataclass(frozen=True)
class Segment:
    """A word of the grammar decode or a phone of the phone loop, in 10 ms frames."""

    label: str
    start: int
    end: int  # inclusive
    log_score: float  # acoustic log-likelihood, in the decoder's scaled units

    @property
    def frames(self) -> int:
        return max(1, self.end - self.start + 1)


def utterance_features(
    words: Sequence[Segment],
    phones: Sequence[Segment],
    expected: Sequence[str],
    rise_db: float,
    voiced: int,
    frames: int,
) -> dict[str, float]:
    """The measures the model weighs, for one phrase decoded from one utterance.

    `words`: the phrase's words as aligned by the grammar decoder; `phones`: what the
    phone loop heard over the same audio; `expected`: the phrase's dictionary phones;
    `rise_db`, `voiced`, `frames`: loudness over the noise, voiced and total 10 ms frames.
    """
    start, end = words[0].start, words[-1].end
    span = end - start + 1
    inside = [p for p in phones if p.start >= start - 3 and p.end <= end + 3]
    loop_score = sum(p.log_score for p in inside)
    phrase_score = sum(w.log_score for w in words)
    word_ratios = []
    for word in words:  # the worst-fitting word: chatter often fits all but one word
        under = [p for p in phones if word.start <= (p.start + p.end) / 2 <= word.end]
        word_ratios.append(1000 * (word.log_score - sum(p.log_score for p in under)) / word.frames)
    n = max(1, len(expected))
    heard_inside = [p.label for p in inside]
    return {
        # per-frame log-likelihood ratio of the phrase over free phones (x1000)
        "llr": 1000 * (phrase_score - loop_score) / span,
        "worst_word_llr": min(word_ratios),
        # phones heard freely against the phrase's own, by broad class and exactly
        "phone_error": broad_phone_error(expected, [p.label for p in phones]),
        "phone_error_in_phrase": broad_phone_error(expected, heard_inside),
        "exact_phone_error_in_phrase": edit_distance(expected, heard_inside) / n,
        # how much was said around and within the phrase, per phone of the phrase
        "log_frames_per_phone": math.log(span / n),
        "free_phones_per_phone": len(phones) / n,
        "phones_in_phrase_per_phone": len(heard_inside) / n,
        "coverage": span / max(1, voiced),  # the phrase's share of the voiced frames
        "log_phones": math.log(n),  # short phrases are the most easily matched by chance
        "rise_db": rise_db,
        "voiced_share": voiced / max(1, frames),
    }


@dataclass(frozen=True)
class ConfidenceModel:
    """p(the phrase is what was said) = sigmoid(bias + sum of weight * standardized value)."""

    bias: float
    terms: Mapping[str, tuple[float, float, float]]  # name -> (mean, spread, weight)

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(
            weight * (features[name] - mean) / spread
            for name, (mean, spread, weight) in self.terms.items()
        )
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


# Fitted by scripts/fit_voice_confidence.py (10 espeak-ng voices x 2 rates, its own babble
# and 34 everyday sentences, none of them the tests' or the benchmark's); paste its output
# here after refitting.
POCKETSPHINX_CONFIDENCE = ConfidenceModel(
    bias=0.452,
    terms={
        "llr": (-3.0404, 1.4589, 0.9274),
        "worst_word_llr": (-3.9996, 2.2581, 0.939),
        "phone_error": (0.5247, 0.3554, -0.49),
        "phone_error_in_phrase": (0.4641, 0.2057, -0.3362),
        "exact_phone_error_in_phrase": (0.7625, 0.2443, -0.9965),
        "log_frames_per_phone": (2.3853, 0.2849, -0.6114),
        "free_phones_per_phone": (0.9524, 0.4572, -1.9479),
        "phones_in_phrase_per_phone": (0.8329, 0.2691, 1.9949),
        "coverage": (1.4491, 0.3691, 0.2191),
        "log_phones": (1.9545, 0.4494, -0.1771),
        "rise_db": (34.8281, 17.2292, 0.0751),
        "voiced_share": (0.6003, 0.1392, 0.219),
    },
)
