"""The confidence model's measures and arithmetic, on hand-made alignments."""

from __future__ import annotations

import math

import pytest

from kiosk.voice.confidence import (
    FEATURES,
    POCKETSPHINX_CONFIDENCE,
    ConfidenceModel,
    Segment,
    utterance_features,
)

# "next page": N EH K S T  P EY JH, as the grammar decoder aligned it (frames 10-69)
WORDS = [Segment("next", 10, 39, -3000.0), Segment("page", 40, 69, -3000.0)]
EXPECTED = "N EH K S T P EY JH".split()


def loop(labels: list[str], score: float, start: int = 10, width: int = 7) -> list[Segment]:
    return [
        Segment(p, start + i * width, start + (i + 1) * width - 1, score)
        for i, p in enumerate(labels)
    ]


def test_features_are_the_models_inputs_in_order():
    features = utterance_features(WORDS, loop(EXPECTED, -700.0), EXPECTED, 20.0, 50, 100)
    assert tuple(features) == FEATURES
    assert all(math.isfinite(v) for v in features.values())


def test_a_phrase_the_free_phones_agree_with_scores_as_a_match():
    features = utterance_features(WORDS, loop(EXPECTED, -700.0), EXPECTED, 20.0, 50, 100)
    assert features["phone_error"] == 0
    assert features["exact_phone_error_in_phrase"] == 0
    # phrase -6000 over 60 frames against eight loop phones of -700 (-5600): -6.67 per frame
    assert features["llr"] == pytest.approx(1000 * (-6000 + 5600) / 60)
    assert features["coverage"] == pytest.approx(60 / 50)
    assert features["voiced_share"] == pytest.approx(0.5)


def test_other_sounds_raise_the_phone_errors():
    other = "HH EH L OW DH EH R".split()  # "hello there"
    features = utterance_features(WORDS, loop(other, -700.0), EXPECTED, 20.0, 50, 100)
    assert features["exact_phone_error_in_phrase"] > 0.5
    assert features["phone_error"] > 0


def test_the_worst_word_is_measured_on_its_own():
    # the loop fits the second word's frames far better than the phrase does
    phones = [Segment("N", 10, 39, -3000.0), Segment("P", 40, 69, -1000.0)]
    features = utterance_features(WORDS, phones, EXPECTED, 20.0, 50, 100)
    assert features["worst_word_llr"] == pytest.approx(1000 * (-3000 + 1000) / 30)
    assert features["worst_word_llr"] < features["llr"]


def test_probability_follows_the_weights_and_never_overflows():
    model = ConfidenceModel(bias=0.0, terms={"llr": (-3.0, 1.0, 2.0)})
    assert model.probability({"llr": -3.0}) == pytest.approx(0.5)
    assert model.probability({"llr": -1.0}) > model.probability({"llr": -5.0})
    assert model.probability({"llr": 1e9}) == pytest.approx(1.0)
    assert model.probability({"llr": -1e9}) == pytest.approx(0.0)


def test_the_shipped_model_weighs_every_measure_and_trusts_a_better_fit():
    assert set(POCKETSPHINX_CONFIDENCE.terms) == set(FEATURES)
    for name, (_, spread, weight) in POCKETSPHINX_CONFIDENCE.terms.items():
        assert spread > 0 and math.isfinite(weight), name
    # a phrase that fits better than free phones, overall and word by word, is trusted more
    assert POCKETSPHINX_CONFIDENCE.terms["llr"][2] > 0
    assert POCKETSPHINX_CONFIDENCE.terms["worst_word_llr"][2] > 0
