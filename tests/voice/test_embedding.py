"""The speech embedding and its word classifier (kiosk/voice/embedding.py): the real
models on real recordings, their failures in plain words, and the fit."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from kiosk.voice import embedding as E
from kiosk.voice import verifier as V
from kiosk.voice.signals import pad_abrupt, speech_span
from tests.support import real_speech as R


@pytest.fixture(scope="module")
def model() -> E.SpeechEmbedding:
    return E.SpeechEmbedding()


def test_a_word_becomes_three_embeddings_the_same_every_time(model):
    rng = np.random.default_rng(1)
    word = (rng.normal(0, 3000, 8000) * np.hanning(8000)).astype(np.int16)
    first = model.features(word)
    assert first.shape == (E.FEATURES,) and np.isfinite(first).all()
    assert np.array_equal(first, model.features(word))
    assert not np.allclose(first, model.features(word, shift=4))  # a later window differs
    # a clip far shorter or longer than a window still gives every window
    assert model.features(word[:800]).shape == model.features(np.tile(word, 6)).shape


@pytest.mark.skipif(R.realspeech_dir() is None, reason="no ../shared/realspeech")
def test_the_shipped_classifier_names_real_people_s_command_words(model):
    """Report speakers (never fitted on), two takes of each command word as recorded: the
    classifier's most likely command is the word said for most of them."""
    shipped = V.load()
    assert shipped is not None and shipped.classifier is not None
    clips = [c for c in R.load_clips() if c.side == "report" and c.is_command]
    picked = [
        c
        for w in R.COMMAND_WORDS
        for c in sorted((c for c in clips if c.word == w), key=lambda c: c.key)[:2]
    ]
    right = 0
    for clip in picked:
        span = speech_span(pad_abrupt(R.condition_audio(clip, "clean")))[0]
        p = shipped.classifier.probabilities(model.features(span))
        assert p.shape == (len(R.COMMAND_WORDS) + 1,) and p.sum() == pytest.approx(1)
        right += shipped.classifier.classes[int(np.argmax(p[:-1]))] == clip.word
    assert right >= 0.7 * len(picked), f"{right} of {len(picked)}"


def test_a_missing_or_altered_model_file_is_named(tmp_path):
    with pytest.raises(E.EmbeddingUnavailable, match="melspectrogram.onnx is missing"):
        E.SpeechEmbedding(tmp_path)
    for name in E.PINNED_SHA256:
        shutil.copy(E.MODELS / name, tmp_path / name)
    (tmp_path / "embedding_model.onnx").write_bytes(b"not a model")
    with pytest.raises(E.EmbeddingUnavailable, match="SHA-256 differs"):
        E.SpeechEmbedding(tmp_path)


def test_a_verifier_whose_embedding_cannot_run_is_not_loaded(tmp_path, monkeypatch, caplog):
    classifier = E.WordClassifier(("one", "other"), np.zeros(2), np.ones(2), np.zeros((3, 2)))
    templates = {"one": V.pack_templates([np.ones((5, V.N_CEPS))])}
    model = {"template_margin": (0.0, 1.0, 1.0)}
    made = V.Verifier(("one",), templates, model, 0.0, {"one": 0.8}, classifier)
    V.save(tmp_path / "v.npz", made)

    def broken() -> E.SpeechEmbedding:
        raise E.EmbeddingUnavailable("the speech embedding file x is missing")

    monkeypatch.setattr(V, "shared_embedding", broken)
    assert V.load(tmp_path / "v.npz") is None
    assert "cannot run: the speech embedding file x is missing" in caplog.text
    monkeypatch.undo()
    loaded = V.load.__wrapped__(tmp_path / "v.npz")
    assert loaded is not None and loaded.classifier is not None
    assert loaded.classifier.classes == ("one", "other")
    assert np.array_equal(loaded.classifier.weights, classifier.weights)


def test_the_fit_separates_words_and_weighs_each_class_alike():
    rng = np.random.default_rng(0)
    centres = rng.normal(0, 3, (3, 8))
    labels = np.r_[np.zeros(200, int), np.ones(20, int), np.full(20, 2)]  # one class dominates
    x = centres[labels] + rng.normal(0, 1, (len(labels), 8))
    fitted = E.fit_classifier(x, labels, ("one", "two", "other"), l2=1.0)
    found = [int(np.argmax(fitted.probabilities(row))) for row in x]
    assert np.mean(np.array(found) == labels) > 0.95
    assert np.mean(np.array(found)[labels == 1] == 1) > 0.9  # the rare class is not lost
    assert fitted.logit(x[0], "one") > 0 > fitted.logit(x[0], "two")


class _SureOf:
    """Stands in for the verifier: its classifier is `sure` the word is "three"."""

    words = ("three", "stop")

    def __init__(self, sure: float, margin: float = 0.0) -> None:
        self.sure = sure
        self.margin = margin

    def classify(self, audio: np.ndarray) -> dict[str, float]:
        return {"three": self.sure, "stop": 1 - self.sure}

    def measures(self, audio: np.ndarray, word: str) -> dict[str, float]:
        return {"template_margin": self.margin}


@pytest.fixture(scope="module")
def engine():
    from kiosk.voice.pocketsphinx_engine import PocketSphinxRecognizer

    return PocketSphinxRecognizer()


def test_the_embedding_alone_names_a_word_the_first_stage_did_not_place(engine, monkeypatch):
    from kiosk.voice.types import Recognition
    from tests.support.speech_clips import espeak

    word = np.clip(espeak("three") * 0.3, -32768, 32767).astype(np.int16)
    rejected = Recognition("tree", None, 0.0, "not a whole allowed phrase")
    monkeypatch.setattr(engine, "_judge", lambda *_: rejected)
    engine.set_phrases(["three", "stop", "go back"])
    bar = engine.EMBEDDING_ALONE_BAR
    monkeypatch.setattr(engine, "_verifier", _SureOf(bar))
    taken = engine.decode(word)
    assert (taken.heard, taken.phrase, taken.confidence) == ("three", "three", round(bar, 3))
    monkeypatch.setattr(engine, "_verifier", _SureOf(bar - 0.01))
    assert engine.decode(word) is rejected  # not sure enough: the first stage's answer
    monkeypatch.setattr(engine, "_verifier", _SureOf(bar))
    long = np.concatenate([word] * 4)  # longer than a word: a sentence, not a command
    assert len(long) > engine.EMBEDDING_ALONE_MAX_S * 16000
    assert engine.decode(long) is rejected
    engine.set_phrases(["stop", "go back"])  # a screen without tile three
    assert engine.decode(word) is rejected


def test_the_same_utterance_is_embedded_once(model, monkeypatch):
    """The verifier and the embedding-alone step ask about the same audio in turn."""
    calls: list[int] = []
    compute = model._compute

    def counted(speech: np.ndarray, shift: int) -> np.ndarray:
        calls.append(shift)
        return compute(speech, shift)

    monkeypatch.setattr(model, "_compute", counted)
    word = (np.random.default_rng(2).normal(0, 3000, 6000)).astype(np.int16)
    first = model.features(word)
    first[:] = 0  # a caller changing its copy changes nothing kept
    again = model.features(word)
    assert calls == [0] and np.abs(again).sum() > 0
    model.features(word, shift=4)
    model.features(word[:-160])
    assert calls == [0, 4, 0]


def test_a_sound_with_no_voice_needs_the_higher_bar(engine, monkeypatch):
    """Too little voice for PocketSphinx to be asked (a cough, a whispered "stop"): the
    embedding alone may still name the word, but only at EMBEDDING_ALONE_UNVOICED_BAR."""
    from tests.support.speech_clips import noise_only

    cough = noise_only("cough", seed=3)
    engine.set_phrases(["three", "stop"])
    monkeypatch.setattr(engine, "_verifier", _SureOf(engine.EMBEDDING_ALONE_BAR))
    assert engine.decode(cough).reason == "no voice in it (a cough or a rustle)"
    monkeypatch.setattr(engine, "_verifier", _SureOf(engine.EMBEDDING_ALONE_UNVOICED_BAR))
    assert engine.decode(cough).phrase == "three"
    monkeypatch.setattr(engine, "_verifier", None)
    assert engine.decode(cough).phrase is None


def test_the_real_classifier_does_not_take_synthetic_coughs_or_knocks(engine):
    from tests.support.speech_clips import noise_only

    engine.set_phrases(["three", "stop", "six"])
    for kind in ("cough", "knock"):
        for seed in range(20):
            assert engine.decode(noise_only(kind, seed=seed)).phrase is None, (kind, seed)


def test_a_less_sure_classifier_is_taken_when_the_templates_agree(engine, monkeypatch):
    from kiosk.voice.types import Recognition
    from tests.support.speech_clips import espeak, noise_only

    word = np.clip(espeak("three") * 0.3, -32768, 32767).astype(np.int16)
    rejected = Recognition("tree", None, 0.0, "not a whole allowed phrase")
    monkeypatch.setattr(engine, "_judge", lambda *_: rejected)
    engine.set_phrases(["three", "stop"])
    sure, margin = engine.EMBEDDING_ASSISTED_BAR, engine.MIN_TEMPLATE_MARGIN
    monkeypatch.setattr(engine, "_verifier", _SureOf(sure, margin))
    assert engine.decode(word).phrase == "three"
    monkeypatch.setattr(engine, "_verifier", _SureOf(sure, margin - 0.1))
    assert engine.decode(word) is rejected  # the templates do not agree enough
    monkeypatch.setattr(engine, "_verifier", _SureOf(sure - 0.01, margin + 5))
    assert engine.decode(word) is rejected  # the classifier is not sure enough
    monkeypatch.setattr(engine, "_verifier", _SureOf(0.998, margin + 5))
    assert engine.decode(noise_only("cough", seed=3)).phrase is None  # no voice: 0.999 alone
