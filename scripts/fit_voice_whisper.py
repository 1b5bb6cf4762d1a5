"""Fit Whisper's rejection (kiosk/voice/data/whisper_rejection.json) on real speech.

    nice -n 10 python scripts/fit_voice_whisper.py [--jobs 2] [--window 10] [--limit N]

1. The clips of ../shared/realspeech (fit speakers; with --hear-report the report
   speakers too; tests/support/real_speech.py) are heard by Whisper in FIT_CONDITIONS
   (REPORT_CONDITIONS) on the home screen, "stop" also on the reader: both transcripts
   and their scores (`Hearing`). Hearings are cached per clip in ~/.cache/kiosk-voice/
   (never in the repository) under a digest of what decides them (model, window,
   prompt, caps), and the cache is appended as it goes, so a run that is stopped
   resumes.
2. On fit speakers only, a logistic model over `FEATURES` is fitted, five folds by
   speaker; its out-of-fold probabilities give the trade-off curve, and the bar is the
   one with the most commands right while unrelated words acted on stay <= 2 % in every
   condition. Report speakers are never used here (benchmarks/bench_voice.py reports them).
"""

from __future__ import annotations

import argparse
import sys
import zlib
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.voice import whisper_engine as W  # noqa: E402
from tests.support import real_speech as R  # noqa: E402
from tests.support.whisper_hearings import (  # noqa: E402
    FIT_CONDITIONS,
    REPORT_CONDITIONS,
    chosen_clips,
    hear_set,
    hearing_of,
    screen_phrases,
)

FALSE_ACCEPT_LIMIT = 2.0


EXPECTED = {w: w for w in R.COMMAND_WORDS}


def candidates(
    rows: list[dict[str, Any]], clips: dict[str, R.Clip]
) -> tuple[np.ndarray, np.ndarray, list[dict[str, Any]]]:
    """Per row: its measures (NaN when the prompted transcript is no whole phrase), whether
    acting on its phrase is right (1), wrong (0), and a description."""
    allowed = {s: set(screen_phrases(s)) for s in R.SCREENS}
    x, right, about = [], [], []
    for row in rows:
        clip = clips[row["key"]]
        hearing = hearing_of(row)
        words = W.words_of(hearing.prompted)
        phrase, repeats = W.candidate(words, allowed[row["screen"]])
        measures = W.features(hearing, phrase, repeats, allowed[row["screen"]]) if phrase else []
        fallback = None
        if phrase is None:  # the unprompted pass's whole phrase, taken at every bar
            fallback = W.judge(hearing, allowed[row["screen"]]).phrase
        if phrase is None or W.vetoed(hearing, measures):
            x.append([np.nan] * len(W.FEATURES))
            right.append(0)
        else:
            x.append(measures)
            right.append(int(clip.is_command and W.same_meaning(phrase, clip.word)))
        about.append(
            {
                "clip": clip,
                "condition": row["condition"],
                "screen": row["screen"],
                "phrase": phrase or fallback,
                "fallback": fallback is not None,
                "ms": row["ms"],
            }
        )
    return np.array(x, float), np.array(right), about


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> W.Rejection:
    """Logistic regression by Newton's method on standardized measures."""
    mean, spread = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = np.c_[np.ones(len(x)), (x - mean) / spread]
    w = np.zeros(z.shape[1])
    penalty = np.diag([1e-3] + [l2] * (z.shape[1] - 1))
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(z @ w, -40, 40)))
        gradient = z.T @ (p - y) + penalty @ w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return W.Rejection(tuple(w), tuple(mean), tuple(spread), 0.5)


def out_of_fold(x: np.ndarray, y: np.ndarray, about: list[dict[str, Any]]) -> np.ndarray:
    """Each candidate's probability from a model fitted on the other speakers (5 folds)."""
    folds = np.array([zlib.crc32(a["clip"].speaker.encode()) % 5 for a in about])
    usable = ~np.isnan(x).any(axis=1)
    prob = np.full(len(x), -1.0)
    for fold in range(5):
        train = usable & (folds != fold)
        model = fit_logistic(x[train], y[train])
        for i in np.flatnonzero(usable & (folds == fold)):
            prob[i] = model.probability(x[i])
    return prob


def curve(
    prob: np.ndarray, about: list[dict[str, Any]], bars: Iterable[float]
) -> list[tuple[float, dict[str, tuple[int, int, int, int]]]]:
    """Per bar and condition (home screen): commands right, commands, others acted on,
    others."""
    out = []
    for bar in bars:
        cells: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for p, a in zip(prob, about):
            if a["screen"] != "home":
                continue
            clip, cell = a["clip"], cells[a["condition"]]
            acted = a["fallback"] or p >= bar
            if clip.is_command:
                cell[0] += bool(acted and W.same_meaning(a["phrase"], clip.word))
                cell[1] += 1
            else:
                cell[2] += bool(acted)
                cell[3] += 1
        out.append((bar, {c: (v[0], v[1], v[2], v[3]) for c, v in cells.items()}))
    return out


def print_curve(points: list[tuple[float, dict[str, tuple[int, int, int, int]]]]) -> None:
    print("bar    " + "".join(f"{c:>22}" for c in FIT_CONDITIONS))
    for bar, cells in points:
        text = "".join(
            f"{100 * r / max(1, n):>12.1f}{100 * a / max(1, o):>8.1f}  "
            for r, n, a, o in (cells.get(c, (0, 0, 0, 0)) for c in FIT_CONDITIONS)
        )
        print(f"{bar:5.3f}  {text}")


def choose_unsure_bar(prob: np.ndarray, about: list[dict[str, Any]], bar: float) -> float:
    """The lowest probability below `bar` from which a rejected phrase is "unsure" (the
    kiosk asks about it, or takes it said twice) while unrelated words made unsure stay
    <= FALSE_ACCEPT_LIMIT % in every condition; above 1 (never) when none does."""
    for unsure in sorted({b for b in BARS if b < bar}):
        cells: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for p, a in zip(prob, about):
            if a["screen"] != "home" or a["fallback"]:
                continue
            cell = cells[a["condition"]]
            asked = bool(unsure <= p < bar)
            if a["clip"].is_command:
                cell[0] += asked and W.same_meaning(a["phrase"], a["clip"].word)
                cell[1] += 1
            else:
                cell[2] += asked
                cell[3] += 1
        if all(100 * c[2] / max(1, c[3]) <= FALSE_ACCEPT_LIMIT for c in cells.values()):
            print(
                f"unsure from {unsure}: commands asked about / unrelated words asked about "
                + ", ".join(
                    f"{k} {100 * c[0] / max(1, c[1]):.1f} / {100 * c[2] / max(1, c[3]):.1f} %"
                    for k, c in cells.items()
                )
            )
            return unsure
    return 2.0


BARS = (0.0, 0.1, 0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99, 0.995)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--window", type=float, default=W.WINDOW_S)
    parser.add_argument("--limit", type=int, default=0, help="at most N clips per word")
    parser.add_argument("--hear-report", action="store_true", help="also hear report speakers")
    parser.add_argument("--dry", action="store_true", help="print, do not write the model")
    args = parser.parse_args()
    clips = {c.key: c for c in R.load_clips()}
    fit = chosen_clips("fit", args.limit)
    rows = hear_set(fit, args.window, args.jobs, conditions=FIT_CONDITIONS)
    if args.hear_report:
        report = chosen_clips("report", args.limit)
        hear_set(report, args.window, args.jobs, conditions=REPORT_CONDITIONS)
    x, y, about = candidates(rows, clips)
    ms = [a["ms"] for a in about]
    print(
        f"fit speakers: {len(rows)} hearings; decode median {np.median(ms):.0f} ms, "
        f"p95 {np.percentile(ms, 95):.0f} ms"
    )
    prob = out_of_fold(x, y, about)
    print("\nout of fold, fit speakers, home screen: commands right % / unrelated acted on %")
    points = curve(prob, about, BARS)
    print_curve(points)
    safe = [  # the most commands right; of equals, the strictest bar
        (sum(c[0] for c in cells.values()), bar)
        for bar, cells in points
        if all(100 * a / max(1, o) <= FALSE_ACCEPT_LIMIT for _, _, a, o in cells.values())
    ]
    bar = max(safe)[1] if safe else BARS[-1]
    unsure_bar = choose_unsure_bar(prob, about, bar)
    usable = ~np.isnan(x).any(axis=1)
    model = fit_logistic(x[usable], y[usable])
    model = W.Rejection(model.weights, model.mean, model.spread, bar, unsure_bar)
    print(
        f"\nchosen bar {bar} (most commands right, unrelated <= {FALSE_ACCEPT_LIMIT} % in "
        f"every condition), unsure from {unsure_bar}; weights:"
    )
    for name, weight in zip(("bias", *W.FEATURES), model.weights):
        print(f"  {name:<20}{weight:+.3f}")
    if not args.dry:
        model.save(fitted_on=f"{len(rows)} hearings of fit speakers", window_s=args.window)
        print(f"wrote {W.REJECTION}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
