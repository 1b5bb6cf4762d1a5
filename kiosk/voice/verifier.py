"""A second opinion on the words that matter most, learned from recordings of real people.

PocketSphinx's model hears real isolated words poorly: "yes" comes out as "next" or
"six" with as much confidence as a real "six". For the words a person says most (the
tile numbers and "stop") the kiosk keeps templates of those words as said by real
people (the fit speakers of ../shared/realspeech; scripts/fit_voice_verifier.py) and
compares what was heard with them: dynamic time warping over band-limited cepstra
(100-3800 Hz, so 8 kHz recordings compare like wide-band ones). How close the nearest
templates of the heard word are, and how much closer than those of any other command
word, go with the engine's own measures into a small logistic model. So does what a
classifier over a pretrained speech embedding (embedding.py) makes of the same audio: how
likely it is the heard word rather than another command or any other word.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kiosk.voice.embedding import EmbeddingUnavailable, SpeechEmbedding, WordClassifier

log = logging.getLogger("kiosk.voice")
SAMPLE_RATE = 16_000
DATA = Path(__file__).resolve().parent / "data" / "verifier.npz"
N_MEL = 24
N_CEPS = 12  # c1..c12 (c0, the loudness, is left out)
NEAREST = 3  # distance to a word: the mean over its nearest templates
FAR = 30.0  # the distance of a template that cannot be matched (typical: 5-15)


@functools.lru_cache(maxsize=4)
def _mel_filters(n_fft: int = 512, low: float = 100.0, high: float = 3800.0) -> np.ndarray:
    def mel(f: np.ndarray | float) -> np.ndarray:
        return 2595 * np.log10(1 + np.asarray(f) / 700)

    points = 700 * (10 ** (np.linspace(mel(low), mel(high), N_MEL + 2) / 2595) - 1)
    bins = np.fft.rfftfreq(n_fft, 1 / SAMPLE_RATE)
    filters = np.zeros((N_MEL, len(bins)))
    for i in range(N_MEL):
        left, centre, right = points[i : i + 3]
        rising = (bins - left) / (centre - left)
        falling = (right - bins) / (right - centre)
        filters[i] = np.clip(np.minimum(rising, falling), 0, None)
    return filters


@functools.lru_cache(maxsize=1)
def _dct() -> np.ndarray:
    n = np.arange(N_MEL)
    return np.cos(np.pi / N_MEL * (n + 0.5)[None, :] * np.arange(1, N_CEPS + 1)[:, None])


def cepstra(audio: np.ndarray, frame: int = 400, hop: int = 160) -> np.ndarray:
    """Mean-normalized band-limited cepstra, one row per 10 ms, of the frames within
    35 dB of the loudest (the word, not the silence around it)."""
    signal = audio.astype(np.float64)
    if len(signal) < frame:
        signal = np.pad(signal, (0, frame - len(signal)))
    signal = np.append(signal[0], signal[1:] - 0.97 * signal[:-1])
    count = 1 + (len(signal) - frame) // hop
    index = np.arange(frame)[None, :] + hop * np.arange(count)[:, None]
    frames = signal[index] * np.hamming(frame)
    power = np.abs(np.fft.rfft(frames, 512)) ** 2
    energy = power.sum(axis=1) + 1e-9
    keep = 10 * np.log10(energy) > 10 * np.log10(energy.max()) - 35
    first, last = np.flatnonzero(keep)[[0, -1]]
    logmel = np.log(power[first : last + 1] @ _mel_filters().T + 1e-3)
    ceps = logmel @ _dct().T
    return (ceps - ceps.mean(axis=0)).astype(np.float32)


def high_band(audio: np.ndarray, onset_frames: int = 12) -> dict[str, float]:
    """How much of the word's energy lies above 3.5 kHz, overall and in its first 120 ms
    (dB): "stop" starts with a hiss that "up" lacks, and the cepstra above stop at 3.8 kHz.
    In narrow-band (8 kHz) audio both are low and their difference is near 0."""
    count = len(audio) // 160
    if count < 2:
        return {"high_band_db": -60.0, "onset_emphasis_db": 0.0}
    frames = audio[: count * 160].astype(np.float64).reshape(count, 160)
    power = np.abs(np.fft.rfft(frames * np.hanning(160), 256)) ** 2
    total = power.sum(axis=1) + 1e-3
    high = power[:, np.fft.rfftfreq(256, 1 / SAMPLE_RATE) >= 3500].sum(axis=1) + 1e-3
    first = int(np.flatnonzero(total > total.max() * 10**-3)[0])
    onset = slice(first, first + onset_frames)
    word = 10 * np.log10(high.sum() / total.sum())
    start = 10 * np.log10(high[onset].sum() / total[onset].sum())
    return {"high_band_db": float(word), "onset_emphasis_db": float(start - word)}


def dtw_distances(query: np.ndarray, templates: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Distance of `query` (frames x ceps) to each template (padded array templates x
    frames x ceps, true lengths `lengths`): mean frame distance along the best path where
    each query frame advances the template by 0, 1 or 2 frames (a template is matched at
    any speed from half to far slower), both ends anchored. A template more than twice
    as long as the query cannot be reached and gets `FAR`. Vectorized over templates."""
    n = len(query)
    count, width, dims = templates.shape
    flat = templates.reshape(-1, dims).astype(np.float32)
    products = (flat @ query.T.astype(np.float32)).reshape(count, width, n)  # BLAS
    squares = (flat**2).sum(axis=-1).reshape(count, width, 1) + (query**2).sum(axis=-1)
    cost = np.sqrt(np.maximum(squares - 2 * products, 0)).transpose(2, 0, 1).copy()  # q t f
    total = np.full((count, width), np.inf, np.float32)
    total[:, 0] = cost[0, :, 0]
    best = np.empty_like(total)
    for i in range(1, n):
        best[:] = total
        np.minimum(best[:, 1:], total[:, :-1], out=best[:, 1:])
        np.minimum(best[:, 2:], total[:, :-2], out=best[:, 2:])
        np.add(best, cost[i], out=total)
    end = total[np.arange(count), lengths - 1] / (n + lengths)
    return np.minimum(np.nan_to_num(end, nan=FAR, posinf=FAR), FAR)


def word_measures(
    near: Mapping[str, float], word: str, frames: int, band: Mapping[str, float]
) -> dict[str, float]:
    """The verifier's own measures, from the distance to each word's templates."""
    others = min(v for k, v in near.items() if k != word)
    is_stop = float(word == "stop")
    return {
        "template_distance": near[word],
        "template_margin": others - near[word],
        "log_frames": math.log(frames),
        **band,
        # "stop" begins with a hiss, the digits do not: its onset counts for it alone
        "is_stop": is_stop,
        "stop_onset_emphasis_db": is_stop * band["onset_emphasis_db"],
    }


@dataclass(frozen=True)
class Verifier:
    """Templates of each verified word and the logistic model over what they say."""

    words: tuple[str, ...]
    templates: Mapping[str, tuple[np.ndarray, np.ndarray]]  # word -> (padded, lengths)
    model: Mapping[str, tuple[float, float, float]]  # feature -> (mean, spread, weight)
    bias: float
    thresholds: Mapping[str, float]  # word -> the probability it needs
    classifier: WordClassifier | None = None  # over `embedding`; None: templates alone
    embedding: SpeechEmbedding | None = None

    def measures(self, audio: np.ndarray, word: str) -> dict[str, float]:
        """How close `audio` is to the templates of `word`, and to those of the others;
        and how sure the embedding's classifier is that it is `word`."""
        query = cepstra(audio)
        padded, lengths, owners = self._all_templates()
        found = dtw_distances(query, padded, lengths)  # every word's templates in one pass
        near = {
            name: float(np.sort(found[owners == i])[:NEAREST].mean())
            for i, name in enumerate(self.templates)
        }
        measures = word_measures(near, word, len(query), high_band(audio))
        if self.classifier is not None and self.embedding is not None:
            features = self.embedding.features(audio)
            measures["embedding_logit"] = self.classifier.logit(features, word)
        return measures

    @functools.cached_property
    def _stacked(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        sequences, owners = [], []
        for i, (padded, lengths) in enumerate(self.templates.values()):
            sequences += [padded[j, :n] for j, n in enumerate(lengths)]
            owners += [i] * len(lengths)
        return (*pack_templates(sequences), np.array(owners))

    def _all_templates(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self._stacked

    def classify(self, audio: np.ndarray) -> dict[str, float] | None:
        """The embedding classifier's probability of each verified word, or None when
        this verifier has no classifier."""
        if self.classifier is None or self.embedding is None:
            return None
        found = self.classifier.probabilities(self.embedding.features(audio))
        return {w: float(p) for w, p in zip(self.classifier.classes, found) if w in self.words}

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(
            weight * (features[name] - mean) / spread
            for name, (mean, spread, weight) in self.model.items()
        )
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def pack_templates(sequences: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    lengths = np.array([len(s) for s in sequences])
    padded = np.zeros((len(sequences), lengths.max(), N_CEPS), np.float32)
    for i, s in enumerate(sequences):
        padded[i, : len(s)] = s
    return padded, lengths


def save(path: Path, verifier: Verifier) -> None:
    arrays: dict[str, np.ndarray] = {}
    for word, (padded, lengths) in verifier.templates.items():
        arrays[f"t_{word}"] = np.concatenate([padded[i, :n] for i, n in enumerate(lengths)])
        arrays[f"n_{word}"] = lengths.astype(np.int32)
    names = sorted(verifier.model)
    arrays["model_names"] = np.array(names)
    arrays["model"] = np.array([verifier.model[n] for n in names], np.float64)
    arrays["bias"] = np.array([verifier.bias])
    arrays["threshold_words"] = np.array(sorted(verifier.thresholds))
    arrays["thresholds"] = np.array([verifier.thresholds[w] for w in sorted(verifier.thresholds)])
    if verifier.classifier is not None:
        arrays["embedding_classes"] = np.array(verifier.classifier.classes)
        arrays["embedding_mean"] = verifier.classifier.mean
        arrays["embedding_spread"] = verifier.classifier.spread
        arrays["embedding_weights"] = verifier.classifier.weights
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path, **{k: v.astype(np.float16) if k.startswith("t_") else v for k, v in arrays.items()}
    )


@functools.lru_cache(maxsize=1)
def shared_embedding() -> SpeechEmbedding:
    return SpeechEmbedding()


@functools.lru_cache(maxsize=2)
def load(path: Path = DATA) -> Verifier | None:
    """The shipped verifier, or None when its file or the speech embedding it needs is
    missing (then the engine's own confidence decides alone, and the log says why)."""
    if not path.is_file():
        return None
    with np.load(path) as data:
        words = tuple(sorted(k[2:] for k in data.files if k.startswith("t_")))
        templates = {}
        for word in words:
            lengths = data[f"n_{word}"].astype(np.int64)
            flat = data[f"t_{word}"].astype(np.float32)
            splits = np.split(flat, np.cumsum(lengths)[:-1])
            templates[word] = pack_templates(list(splits))
        model = {
            str(n): tuple(float(x) for x in row)
            for n, row in zip(data["model_names"], data["model"])
        }
        bias = float(data["bias"][0])
        thresholds = {str(w): float(t) for w, t in zip(data["threshold_words"], data["thresholds"])}
        classifier = None
        if "embedding_weights" in data.files:
            classifier = WordClassifier(
                tuple(str(c) for c in data["embedding_classes"]),
                data["embedding_mean"],
                data["embedding_spread"],
                data["embedding_weights"],
            )
    embedding = None
    if classifier is not None:
        try:
            embedding = shared_embedding()
        except EmbeddingUnavailable as error:
            log.error("the real-speech verifier cannot run: %s", error)
            return None
    return Verifier(
        words,
        templates,
        model,  # type: ignore[arg-type]
        bias,
        thresholds,
        classifier,
        embedding,
    )
