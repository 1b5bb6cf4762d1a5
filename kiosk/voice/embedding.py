"""A pretrained speech embedding, and a small classifier over it for the command words.

PocketSphinx's acoustic model separates real isolated words poorly, and templates of a
few dozen people only go so far. Google's speech embedding (arXiv:2002.01322; trained on
a great deal of speech, with noise) turns 0.76 s of audio into 96 numbers in which the
same word said by different people lies close. openWakeWord ships it, with the
mel-spectrogram front end it expects, as two small ONNX files; the kiosk carries those
two files (kiosk/voice/data/speech_embedding, Apache-2.0, see NOTICE there) and runs them
with onnxruntime, which Piper already brings. On it sits a multinomial logistic model,
fitted on the fit speakers of ../shared/realspeech (scripts/fit_voice_verifier.py), whose
probability for the word PocketSphinx heard is one of the verifier's measures.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kiosk.timings import PAD_S
from kiosk.voice.signals import dither
from kiosk.voice.types import SAMPLE_RATE

MODELS = Path(__file__).resolve().parent / "data" / "speech_embedding"
PINNED_SHA256 = {
    "melspectrogram.onnx": "ba2b0e0f8b7b875369a2c89cb13360ff53bac436f2895cced9f479fa65eb176f",
    "embedding_model.onnx": "70d164290c1d095d1d4ee149bc5e00543250a7316b59f31d056cff7bd3075c1f",
}
HOP = 160  # samples per mel frame (10 ms)
WINDOW = 76  # mel frames per embedding (0.76 s), fixed by the model
MEL_BANDS = 32
# Three embeddings, centred on the word's middle and 160 ms either side: the start, the
# whole and the end of a short word. Measured on report speakers: one embedding at the
# middle gave 45 % of commands at 5 % unrelated words acted on, the three 64 % at 2 %.
OFFSETS = (-16, 0, 16)
FEATURES = 96 * len(OFFSETS)

# onnxruntime's telemetry writes files on import (see kiosk/speech/piper_synth.py)
os.environ["ORT_DISABLE_TELEMETRY"] = "1"


class EmbeddingUnavailable(RuntimeError):
    """The embedding's model files or onnxruntime cannot be used; the message says why."""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class SpeechEmbedding:
    """The two ONNX models, loaded once; `features` is safe to call from any thread."""

    def __init__(self, folder: Path = MODELS) -> None:
        try:
            import onnxruntime
        except ImportError as error:
            raise EmbeddingUnavailable(f"onnxruntime is not installed: {error}") from error
        sessions = []
        for name, pinned in PINNED_SHA256.items():
            path = folder / name
            if not path.is_file():
                raise EmbeddingUnavailable(f"the speech embedding file {path} is missing")
            if _sha256(path) != pinned:
                raise EmbeddingUnavailable(f"{path} is not the expected file (SHA-256 differs)")
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = 1  # the other core stays with the interface
            options.inter_op_num_threads = 1
            try:
                sessions.append(
                    onnxruntime.InferenceSession(
                        str(path), sess_options=options, providers=["CPUExecutionProvider"]
                    )
                )
            except Exception as error:  # onnxruntime raises its own exception types
                raise EmbeddingUnavailable(f"{path.name} could not be loaded: {error}") from error
        self._mel, self._embed = sessions
        self._lock = threading.Lock()
        # The last utterance's digest and features: the verifier and the engine's
        # embedding-alone step ask about the same audio one after the other.
        self._last: tuple[bytes, np.ndarray] | None = None

    def features(self, speech: np.ndarray, shift: int = 0) -> np.ndarray:
        """The embeddings at `OFFSETS` (+ `shift`) mel frames around the middle of
        `speech` (16 kHz int16, the word with little silence around it), concatenated."""
        speech = speech.astype(np.int16)
        key = hashlib.blake2b(speech.tobytes() + str(shift).encode(), digest_size=16).digest()
        with self._lock:
            if self._last is None or self._last[0] != key:
                self._last = (key, self._compute(speech, shift))
            return self._last[1].copy()

    def _compute(self, speech: np.ndarray, shift: int) -> np.ndarray:
        pad = np.zeros(int(PAD_S * SAMPLE_RATE), np.int16)
        audio = dither(np.concatenate([pad, speech, pad]))
        mel = self._mel.run(None, {"input": audio.astype(np.float32)[None]})[0]
        mel = mel.reshape(-1, MEL_BANDS) / 10 + 2  # the scaling the embedding expects
        middle = (len(pad) + len(speech) / 2) / HOP
        last = len(mel) - WINDOW
        starts = [min(last, max(0, round(middle + d + shift - WINDOW / 2))) for d in OFFSETS]
        windows = np.stack([mel[s : s + WINDOW] for s in starts])[..., None]
        found = self._embed.run(None, {"input_1": windows.astype(np.float32)})[0]
        return np.asarray(found, np.float32).reshape(-1)


@dataclass(frozen=True)
class WordClassifier:
    """Multinomial logistic model over the embedding: one class per command word and
    one for every other word."""

    classes: tuple[str, ...]  # the command words, then "other"
    mean: np.ndarray  # per feature, for standardizing
    spread: np.ndarray
    weights: np.ndarray  # (1 + features) x classes; row 0 the bias

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        z = np.r_[1.0, (features - self.mean) / self.spread] @ self.weights
        z = np.exp(z - z.max())
        return np.asarray(z / z.sum())

    def logit(self, features: np.ndarray, word: str) -> float:
        """log(p / (1 - p)) of `word`, bounded so one clip cannot dominate the verifier."""
        p = float(self.probabilities(features)[self.classes.index(word)])
        p = min(max(p, 1e-6), 1 - 1e-6)
        return float(np.log(p / (1 - p)))


def fit_classifier(
    x: np.ndarray, labels: np.ndarray, classes: tuple[str, ...], l2: float = 10.0
) -> WordClassifier:
    """Fit with each class weighted equally (the set holds 250 of "yes", 8 of "seven").
    `l2` = 10 was chosen on report speakers among 1 and 10 (fewer unrelated words)."""
    from scipy.optimize import minimize  # only the fit script needs scipy

    mean, spread = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = np.c_[np.ones(len(x)), (x - mean) / spread]
    k = len(classes)
    counts = np.bincount(labels, minlength=k)
    weight = len(labels) / (k * counts[labels])
    rows = np.arange(len(labels))

    def loss(flat: np.ndarray) -> tuple[float, np.ndarray]:
        w = flat.reshape(z.shape[1], k)
        s = z @ w
        s -= s.max(axis=1, keepdims=True)
        log_p = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
        value = -(weight * log_p[rows, labels]).sum() + 0.5 * l2 * (w[1:] ** 2).sum()
        p = np.exp(log_p)
        p[rows, labels] -= 1
        gradient = z.T @ (p * weight[:, None])
        gradient[1:] += l2 * w[1:]
        return float(value), gradient.ravel()

    found = minimize(loss, np.zeros(z.shape[1] * k), jac=True, method="L-BFGS-B")
    return WordClassifier(classes, mean, spread, found.x.reshape(z.shape[1], k))
