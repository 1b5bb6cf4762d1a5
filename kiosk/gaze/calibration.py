"""Calibration: look at a moving target; fit a model from eye features to the screen.

Three parts, all pure (time passed in, no pygame, no threads):
- `ScreenGeometry`: px <-> degrees of visual angle from screen size and viewing distance.
- `GazeModel`: ridge regression (closed form, numpy) on polynomial terms of the iris
  position plus linear head-pose terms, so moderate head movement is compensated.
- `CalibrationSession`: the state machine behind the calibration screen: the target moves
  to each point and shrinks; samples are taken only after the eyes settle; blinks, frames
  without a face and outliers are dropped; then a validation step measures accuracy.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from kiosk.actions import CALIBRATION_DONE_TARGET, CALIBRATION_REPEAT_TARGET
from kiosk.gaze import words
from kiosk.gaze.face import EyeFeatures
from kiosk.layout import DESIGN_SIZE

# -- geometry ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ScreenGeometry:
    """Screen size in px, its diagonal in inches and the viewing distance in cm."""

    size: tuple[int, int] = DESIGN_SIZE
    diagonal_in: float = 24.0
    distance_cm: float = 60.0

    @property
    def px_per_mm(self) -> float:
        return math.hypot(*self.size) / (self.diagonal_in * 25.4)

    def px_to_deg(self, px: float) -> float:
        return math.degrees(math.atan(px / self.px_per_mm / (self.distance_cm * 10.0)))

    def deg_to_px(self, deg: float) -> float:
        return math.tan(math.radians(deg)) * self.distance_cm * 10.0 * self.px_per_mm


# -- point patterns ---------------------------------------------------------------------

_EDGE = 0.1  # points sit 10% in from the screen edges
_NEAR, _MID, _FAR = _EDGE, 0.5, 1 - _EDGE
# The middle, then the corners and edge midpoints clockwise from the top left.
_NINE = [
    (_MID, _MID),
    (_NEAR, _NEAR),
    (_MID, _NEAR),
    (_FAR, _NEAR),
    (_FAR, _MID),
    (_FAR, _FAR),
    (_MID, _FAR),
    (_NEAR, _FAR),
    (_NEAR, _MID),
]
_PATTERNS: dict[int, list[tuple[float, float]]] = {
    4: [(_NEAR, _NEAR), (_FAR, _NEAR), (_FAR, _FAR), (_NEAR, _FAR)],
    5: [(_MID, _MID), (_NEAR, _NEAR), (_FAR, _NEAR), (_FAR, _FAR), (_NEAR, _FAR)],
    9: _NINE,
    13: [*_NINE, (0.3, 0.3), (0.7, 0.3), (0.7, 0.7), (0.3, 0.7)],  # plus an inner square
}
_VALIDATION: dict[int, list[tuple[float, float]]] = {
    4: [(0.3, 0.35), (0.7, 0.65)],
    5: [(0.3, 0.35), (0.7, 0.65)],
    9: [(0.3, 0.3), (0.7, 0.3), (0.7, 0.7), (0.3, 0.7)],
    13: [(0.2, 0.5), (0.5, 0.25), (0.8, 0.5), (0.5, 0.75)],
}
KINDS = {"quick": 5, "full": 9}


def point_count(kind: str | int) -> int:
    """4, 5, 9 or 13 from a kind name ("quick", "full") or a number."""
    count = KINDS.get(kind, kind) if isinstance(kind, str) else kind
    if isinstance(count, str) and count.isdigit():
        count = int(count)
    if count not in _PATTERNS:
        raise ValueError(f"calibration '{kind}' is not known: use quick, full, 4, 5, 9 or 13")
    return int(count)


def calibration_points(kind: str | int, size: tuple[int, int]) -> list[tuple[float, float]]:
    w, h = size
    return [(fx * w, fy * h) for fx, fy in _PATTERNS[point_count(kind)]]


def validation_points(kind: str | int, size: tuple[int, int]) -> list[tuple[float, float]]:
    w, h = size
    return [(fx * w, fy * h) for fx, fy in _VALIDATION[point_count(kind)]]


# -- model ------------------------------------------------------------------------------

# Raw feature vector: each eye's iris x (along the corner line) and y (offset from the
# corner line, in eye widths; NaN when that iris was not seen), head yaw, pitch, roll
# (radians), head position x, y (mm, from the face's place in the image and its
# inter-ocular distance), log face scale (nearer or farther), the upper lids' offset from
# the corner lines (eye widths; NaN when not measured). The model combines the two
# eyes into one iris position (see GazeModel.iris). Fixed nominal spreads put the terms on
# a comparable footing for the ridge penalty without amplifying tiny calibration variation.
_EYES = 4  # left x, left y, right x, right y
_HEAD = slice(_EYES, _EYES + 6)  # yaw, pitch, roll, head x, head y, log scale
_NOMINAL = np.array([0.05, 0.025, 0.1, 0.1, 0.1, 20.0, 20.0, 0.1, 0.025])
_INTEROCULAR_MM = 63.0  # adult average; only sets the scale of head-position terms
FEATURES = 11
# How firmly the head terms keep to geometry (docs/decisions.md, "Gaze: head-frame eye
# features"): with the iris measured in the head's own frame and the pose from the same
# landmarks, geometry is right and holding to it is worth more than what 9 points teach.
# IMAGE_HEAD_PENALTY: the looser hold that suited the iris measured in the image (a head turn
# leaked into it), for landmarks without depth and for comparison.
HEAD_PENALTY = 3.0
IMAGE_HEAD_PENALTY = 0.1
# From 8 points the quadratic iris terms are held towards linear by this share of their
# spread: chosen on real eyes (docs/decisions.md, "Gaze: real faces first").
CURVE_SHRINK = 0.1


def head_penalty_for(features: Iterable[EyeFeatures]) -> float:
    """HEAD_PENALTY when every frame was measured in the head's own frame, else the looser
    IMAGE_HEAD_PENALTY (a recording without depth or without the points the head's axes
    need: on the one real set of that kind the firm prior cost 0.5 degrees)."""
    return HEAD_PENALTY if all(f.head_frame for f in features) else IMAGE_HEAD_PENALTY


def feature_vector(f: EyeFeatures) -> np.ndarray:
    fw, fh = f.frame_size
    mm_per_px = _INTEROCULAR_MM / max(f.scale * fw, 1e-6)
    # Unmirrored camera at the screen: moving to the screen's right moves the face left.
    head_x = -(f.face_center[0] - 0.5) * fw * mm_per_px
    head_y = (f.face_center[1] - 0.5) * fh * mm_per_px
    return np.array(
        [
            f.left_iris[0],
            f.left_iris[1],
            f.right_iris[0],
            f.right_iris[1],
            f.yaw,
            f.pitch,
            f.roll,
            head_x,
            head_y,
            math.log(max(f.scale, 1e-6)),
            f.upper_lid,
        ]
    )


@dataclass
class GazeModel:
    """Maps eye features to a screen point; fit by ridge regression in closed form.

    The iris terms (polynomial in the combined iris position) are learnt freely. The head
    terms are linear only and pulled towards what geometry says (turning the head by an
    angle moves the gaze by distance x tan(angle); moving the head sideways moves it by the
    same distance), because a short calibration sees too little head movement to learn
    them, yet people do move: so a 5-point calibration cannot blow up on them.
    """

    degree: int = 2
    geometry: ScreenGeometry = field(default_factory=ScreenGeometry)
    iris_penalty: float = 1e-3
    head_penalty: float = HEAD_PENALTY
    # The quadratic iris terms are pulled towards 0 (towards a linear map) by this share of
    # their own spread: a prior between linear and quadratic that does not depend on the
    # features' scale (docs/decisions.md, "Gaze: real faces first").
    curve_shrink: float = 0.0
    # The upper lid as a vertical term beside the iris (learnt freely, as the iris terms).
    upper_lid: bool = True
    _mean: np.ndarray | None = field(default=None, repr=False)
    _weights: np.ndarray | None = field(default=None, repr=False)
    _eye_gap: np.ndarray = field(default_factory=lambda: np.zeros(2), repr=False)

    @property
    def screen_size(self) -> tuple[int, int]:
        return self.geometry.size

    def iris(self, raw: np.ndarray) -> np.ndarray:
        """(n, 2) combined iris position: the mean of both eyes, or one eye corrected by
        the usual difference between the eyes when the other was not seen (glare)."""
        left, right = raw[:, 0:2], raw[:, 2:4]
        half = self._eye_gap / 2
        both = (left + right) / 2
        out = np.where(np.isnan(left), right + half, np.where(np.isnan(right), left - half, both))
        return out

    def _reduce(self, raw: np.ndarray) -> np.ndarray:
        if raw.shape[1] < FEATURES:  # rows made before the lid was measured: none seen
            raw = np.column_stack([raw, np.full((len(raw), FEATURES - raw.shape[1]), np.nan)])
        return np.column_stack([self.iris(raw), raw[:, _EYES:FEATURES]])

    def _design(self, raw: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        assert self._mean is not None
        z = (self._reduce(raw) - self._mean) / _NOMINAL
        ix, iy = z[:, 0], z[:, 1]
        iris = [ix, iy]
        if self.degree >= 2:
            iris += [ix * ix, iy * iy, ix * iy]
        if self.degree >= 3:
            iris += [ix**3, iy**3, ix * ix * iy, ix * iy * iy]
        curves = [
            max(self.iris_penalty, self.curve_shrink * float(np.mean(c * c))) for c in iris[2:]
        ]
        # A lid not measured (NaN) sits at the calibration's mean: it adds nothing.
        lid = [np.nan_to_num(z[:, -1])] if self.upper_lid else []
        head = [z[:, k] for k in range(2, 2 + 6)]
        columns = [np.ones(len(z))] + iris + lid + head
        penalties = (
            [0.0]
            + [self.iris_penalty] * 2
            + curves
            + [self.iris_penalty] * len(lid)
            + [self.head_penalty] * len(head)
        )
        # Prior weights (px per nominal unit) for yaw, pitch, roll, head x, head y, log scale.
        ppm, dist_mm = self.geometry.px_per_mm, self.geometry.distance_cm * 10.0
        turn = ppm * dist_mm * _NOMINAL[2]
        shift = ppm * _NOMINAL[5]
        prior = np.zeros((len(columns), 2))
        h0 = 1 + len(iris) + len(lid)
        prior[h0 + 0, 0] = turn
        prior[h0 + 1, 1] = turn
        prior[h0 + 3, 0] = shift
        prior[h0 + 4, 1] = shift
        return np.column_stack(columns), np.array(penalties), prior

    def fit(self, features: np.ndarray, points: np.ndarray) -> GazeModel:
        """Fit from raw feature vectors (n, FEATURES) and their screen points (n, 2)."""
        features, points = np.asarray(features, float), np.asarray(points, float)
        keep = ~np.isnan(features[:, 0:4]).all(axis=1)
        features, points = features[keep], points[keep]
        if len(features) < 3 or len(features) != len(points):
            raise ValueError("need at least three samples, each with a screen point")
        both = ~np.isnan(features[:, 0:4]).any(axis=1)
        if both.any():
            self._eye_gap = (features[both, 0:2] - features[both, 2:4]).mean(axis=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # no lid measured at all
            self._mean = np.nan_to_num(np.nanmean(self._reduce(features), axis=0))
        a, penalties, prior = self._design(features)
        n = len(a)
        # Ridge towards the prior: penalties compare with the variance of each (nominally
        # scaled) term, so a term that hardly varied during calibration keeps its prior.
        lhs = a.T @ a / n + np.diag(penalties)
        rhs = a.T @ points / n + np.diag(penalties) @ prior
        self._weights = np.linalg.solve(lhs, rhs)
        return self

    @property
    def fitted(self) -> bool:
        return self._weights is not None

    @property
    def head_reference(self) -> np.ndarray | None:
        """Mean head terms during calibration: yaw, pitch, roll, x mm, y mm, log scale."""
        return None if self._mean is None else self._mean[2 : 2 + 6].copy()

    @staticmethod
    def head_terms(f: EyeFeatures) -> np.ndarray:
        """The same head terms for one frame."""
        return feature_vector(f)[_HEAD]

    def predict_many(self, features: np.ndarray) -> np.ndarray:
        if self._weights is None:
            raise RuntimeError("the gaze model is not calibrated yet")
        a, _, _ = self._design(np.atleast_2d(np.asarray(features, float)))
        out = a @ self._weights
        w, h = self.screen_size
        # Keep the point near the screen: far-off points are noise, not intent.
        out[:, 0] = np.clip(out[:, 0], -0.1 * w, 1.1 * w)
        out[:, 1] = np.clip(out[:, 1], -0.1 * h, 1.1 * h)
        return out

    def predict(self, f: EyeFeatures) -> tuple[float, float] | None:
        """The screen point for these features, or None when neither iris was seen."""
        if not f.has_iris:
            return None
        x, y = self.predict_many(feature_vector(f)[None, :])[0]
        return float(x), float(y)


def fit_points(
    points: Sequence[tuple[tuple[float, float], Sequence[np.ndarray]]],
    geometry: ScreenGeometry,
    *,
    min_samples: int = 2,
    min_points: int = 3,
    degree: int | None = None,
    head_penalty: float = HEAD_PENALTY,
    curve_shrink: float = CURVE_SHRINK,
) -> tuple[GazeModel, int, int] | None:
    """Fit a model from (target, cleaned feature samples) per calibration point, as the live
    calibration and the replay of a recorded session both do: linear iris terms below 8
    points (a 5-point calibration cannot support more), from 8 quadratic ones held towards
    linear by `curve_shrink`. `degree` forces one.
    Returns (model, points used, samples used), or None when too few points had enough
    samples. `head_penalty`: GazeModel's."""
    xs: list[np.ndarray] = []
    ys: list[tuple[float, float]] = []
    used = 0
    for target, samples in points:
        if len(samples) >= min_samples:
            used += 1
            xs += list(samples)
            ys += [target] * len(samples)
    if used < min_points:
        return None
    if degree is None:
        degree = 2 if used >= 8 else 1
    model = GazeModel(
        degree=degree, geometry=geometry, head_penalty=head_penalty, curve_shrink=curve_shrink
    )
    model.fit(np.array(xs), np.array(ys))
    return model, used, len(xs)


# -- session ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CalibrationResult:
    model: GazeModel | None
    accuracy_px: float  # mean distance between validation targets and measured gaze
    accuracy_deg: float
    points_used: int
    samples_used: int
    samples_dropped: int
    is_poor: bool
    message: str


@dataclass
class _PointData:
    target: tuple[float, float]
    samples: list[np.ndarray] = field(default_factory=list)
    dropped: int = 0


def clean_samples(samples: Sequence[np.ndarray], mad_k: float = 3.0) -> list[np.ndarray]:
    """Drop samples whose iris position is far from the point's median (glances, glitches)."""
    if len(samples) < 3:
        return list(samples)
    arr = np.array(samples)
    # Judge the mean of the eyes seen (one eye may be missing): glances move both.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a frame with neither iris
        iris = np.column_stack(
            [np.nanmean(arr[:, [0, 2]], axis=1), np.nanmean(arr[:, [1, 3]], axis=1)]
        )
    med = np.nanmedian(iris, axis=0)
    mad = np.nanmedian(np.abs(iris - med), axis=0) * 1.4826
    limit = np.maximum(mad_k * mad, 0.01)
    with np.errstate(invalid="ignore"):
        keep = np.all(np.abs(iris - med) <= limit, axis=1)
    return [s for s, k in zip(samples, keep, strict=True) if k]


def outlier_points(
    points: Sequence[tuple[tuple[float, float], Sequence[np.ndarray]]],
    frames: Sequence[int],
    geometry: ScreenGeometry,
    min_samples: int = 4,
    *,
    max_share: float = 0.34,
    min_error_deg: float = 3.5,
    ratio: float = 8.0,
) -> list[int]:
    """The calibration points to ask again, worst first: those with too few clean samples
    (eyes closed, face lost), too few of their frames kept (a glance away), or whose target
    the other points' fit misses by far more than it misses the others (the eyes or the head
    were elsewhere). At most `max_share` of the points, so a session is never all asked
    again; none when fewer than five points could be checked."""
    n = len(points)
    limit = max(1, int(n * max_share))
    bad: dict[int, float] = {}
    for i, ((_, samples), seen) in enumerate(zip(points, frames, strict=True)):
        if len(samples) < min_samples or len(samples) < 0.5 * seen:
            bad[i] = math.inf
    usable = [i for i in range(n) if i not in bad]

    def errors_deg(model: GazeModel, ids: list[int]) -> dict[int, float]:
        out = {}
        for i in ids:
            guess = model.predict_many(np.array(points[i][1])).mean(axis=0)
            target = points[i][0]
            out[i] = geometry.px_to_deg(math.hypot(guess[0] - target[0], guess[1] - target[1]))
        return out

    # Greedy: the suspect is the point without which the others fit best; it is an outlier
    # when the fit of the others misses it by far more than they miss themselves.
    while len(usable) >= 5 and len(bad) < limit:
        best: tuple[float, int, float] | None = None  # (others' error, point, its error)
        for i in usable:
            rest = [j for j in usable if j != i]
            fitted = fit_points(
                [points[j] for j in rest], geometry, min_samples=2, min_points=4, degree=1
            )
            if fitted is None:
                continue
            others = float(np.median(list(errors_deg(fitted[0], rest).values())))
            if best is None or others < best[0]:
                best = (others, i, errors_deg(fitted[0], [i])[i])
        if best is None:
            break
        others, worst, missed = best
        if missed < min_error_deg or missed < ratio * max(others, 0.3):
            break
        bad[worst] = missed
        usable.remove(worst)
    return sorted(bad, key=lambda i: -bad[i])[:limit]


class CalibrationSession:
    """Calibration as a state machine. Call `update(now, samples)` every frame.

    Stages: "calibrate" and "validate" (each point: "move" -> "settle" -> "collect"),
    then "result" (accuracy shown, repeat offered), then "done" or "failed".
    """

    POOR_DEG = 3.5  # worse than this and tiles may be confused: offer to repeat
    # Worse than this the model would select tiles at random: when nobody chooses on the
    # result screen it is dropped instead of taken (a chosen "Done" still takes it).
    UNUSABLE_DEG = 7.0
    RESULT_TARGETS = (CALIBRATION_REPEAT_TARGET, CALIBRATION_DONE_TARGET)

    def __init__(
        self,
        screen_size: tuple[int, int],
        kind: str | int = "quick",
        start: float = 0.0,
        geometry: ScreenGeometry | None = None,
        *,
        move_s: float = 0.4,
        settle_s: float = 0.35,
        collect_s: float = 0.55,
        extra_s: float = 1.0,
        min_samples: int = 4,
        result_s: float = 3.0,
        poor_result_s: float = 12.0,
        poor_deg: float | None = None,
        unusable_deg: float | None = None,
    ) -> None:
        self.size = screen_size
        self.count = point_count(kind)
        self.geometry = geometry or ScreenGeometry(size=screen_size)
        self.move_s, self.settle_s, self.collect_s = move_s, settle_s, collect_s
        self.extra_s, self.min_samples = extra_s, min_samples
        self.result_s, self.poor_result_s = result_s, poor_result_s
        self.poor_deg = self.POOR_DEG if poor_deg is None else poor_deg
        self.unusable_deg = self.UNUSABLE_DEG if unusable_deg is None else unusable_deg
        self._cal = [_PointData(p) for p in calibration_points(self.count, screen_size)]
        self._val = [_PointData(p) for p in validation_points(self.count, screen_size)]
        self.stage = "calibrate"
        self.step = "move"
        self.index = 0
        self._step_start = start
        self._from = (screen_size[0] / 2, screen_size[1] / 2)
        self._now = start
        self.result: CalibrationResult | None = None
        self.accepted = False
        # Points asked again once: their first samples were outliers (kiosk.gaze.outliers).
        self.reasked: list[int] = []
        self._queue: list[int] = []  # points still to ask again

    # -- what to show -----------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self.stage in ("done", "failed", "repeat")

    @property
    def max_radius(self) -> float:
        return max(24.0, min(self.size) * 0.045)

    def _points(self) -> list[_PointData]:
        return self._cal if self.stage == "calibrate" else self._val

    def goal(self) -> tuple[float, float] | None:
        """The point being calibrated or validated now (where the dot is heading)."""
        if self.stage not in ("calibrate", "validate"):
            return None
        return self._points()[self.index].target

    def target(self) -> tuple[float, float, float] | None:
        """Target centre and radius in px now, or None when no target is shown."""
        if self.stage not in ("calibrate", "validate"):
            return None
        goal = self._points()[self.index].target
        t = self._now - self._step_start
        big, small = self.max_radius, self.max_radius * 0.3
        if self.step == "move":
            k = min(1.0, t / self.move_s) if self.move_s > 0 else 1.0
            k = k * k * (3 - 2 * k)  # ease in and out: a smooth glide the eyes can follow
            return (
                self._from[0] + (goal[0] - self._from[0]) * k,
                self._from[1] + (goal[1] - self._from[1]) * k,
                big,
            )
        if self.step == "settle":
            k = min(1.0, t / self.settle_s) if self.settle_s > 0 else 1.0
            return (goal[0], goal[1], big + (small - big) * k)
        return (goal[0], goal[1], small)

    @property
    def reasking(self) -> bool:
        """A point is being asked again (its first look was a blink, a glance or a move)."""
        return self.stage == "calibrate" and bool(self.reasked) and self.index in self.reasked

    @property
    def instruction(self) -> str:
        if self.reasking:
            return words.LOOK_AGAIN
        if self.stage == "calibrate":
            return words.FOLLOW_THE_DOT
        if self.stage == "validate":
            return words.NOW_CHECKING
        if self.stage == "result" and self.result is not None:
            return self.result.message
        if self.stage == "failed" and self.result is not None:
            return self.result.message
        return words.CALIBRATION_FINISHED

    @property
    def progress(self) -> tuple[int, int]:
        """(points done, points in all) for a small progress line."""
        total = len(self._cal) + len(self.reasked) + len(self._val)
        if self.stage == "calibrate" and not self.reasked:
            return self.index, total
        if self.stage == "calibrate":
            return len(self._cal) + len(self.reasked) - len(self._queue) - 1, total
        done = len(self._cal) + len(self.reasked)
        return done + (self.index if self.stage == "validate" else len(self._val)), total

    def result_targets(self) -> dict[str, tuple[int, int, int, int]]:
        """The two gaze-selectable choices shown with the result: 806x367 px at 1920x1080,
        larger than the targets of every layout (kiosk.gaze.layouts), as the accuracy they
        must suit is the one just measured."""
        if self.stage != "result":
            return {}
        w, h = self.size
        bw, bh = round(w * 0.42), round(h * 0.34)
        y = round(h * 0.56)
        return {
            CALIBRATION_REPEAT_TARGET: (round(w * 0.05), y, bw, bh),
            CALIBRATION_DONE_TARGET: (round(w * 0.53), y, bw, bh),
        }

    # -- time and samples -------------------------------------------------------------
    def update(self, now: float, samples: Iterable[tuple[float, EyeFeatures]] = ()) -> None:
        """Advance to `now`; `samples` are (time, features) seen since the last call."""
        for t, f in samples:
            self._take(t, f)
        self._now = now
        while self._advance(now):
            pass

    def _take(self, t: float, f: EyeFeatures) -> None:
        if self.stage not in ("calibrate", "validate") or self.step != "collect":
            return
        if t < self._step_start:
            return  # seen before the eyes settled
        point = self._points()[self.index]
        if not f.face or f.blink or not f.has_iris:
            point.dropped += 1
            return
        point.samples.append(feature_vector(f))

    def _advance(self, now: float) -> bool:
        if self.stage == "result":
            limit = self.poor_result_s if self.result and self.result.is_poor else self.result_s
            if now - self._step_start >= limit:
                if self.result is not None and not self.result.accuracy_deg <= self.unusable_deg:
                    self.stage = "failed"
                else:
                    self.accept()
            return False
        if self.stage not in ("calibrate", "validate"):
            return False
        t = now - self._step_start
        if self.step == "move" and t >= self.move_s:
            self.step, self._step_start = "settle", self._step_start + self.move_s
            return True
        if self.step == "settle" and t >= self.settle_s:
            self.step, self._step_start = "collect", self._step_start + self.settle_s
            return True
        if self.step == "collect" and t >= self.collect_s:
            point = self._points()[self.index]
            # Not enough clean samples yet (blinks, face lost): wait a little longer.
            if len(point.samples) < self.min_samples and t < self.collect_s + self.extra_s:
                return False
            self._next_point(self._step_start + t)
            return True
        return False

    def _next_point(self, now: float) -> None:
        self._from = self._points()[self.index].target
        self.step, self._step_start = "move", now
        if self._queue:  # asking the outliers again
            self.index = self._queue.pop(0)
            return
        if not self.reasked or self.stage != "calibrate":
            self.index += 1
            if self.index < len(self._points()):
                return
        if self.stage == "calibrate":
            if not self.reasked and self._ask_outliers_again():
                return
            self._fit(now)
        else:
            self._validate(now)

    def _ask_outliers_again(self) -> bool:
        """Once per session: the points whose samples were a blink, a glance away or a head
        move are asked again (their samples dropped), the others kept."""
        again = outlier_points(
            [(p.target, clean_samples(p.samples)) for p in self._cal],
            [len(p.samples) + p.dropped for p in self._cal],
            self.geometry,
            self.min_samples,
        )
        if not again:
            return False
        for i in again:
            self._cal[i].samples, self._cal[i].dropped = [], 0
        self.reasked = list(again)
        self.index, self._queue = again[0], list(again[1:])
        return True

    def _fit(self, now: float) -> None:
        for p in self._cal:
            kept = clean_samples(p.samples)
            p.dropped += len(p.samples) - len(kept)
            p.samples = kept
        fitted = fit_points(
            [(p.target, p.samples) for p in self._cal],
            self.geometry,
            min_samples=max(2, self.min_samples // 2),
            min_points=3 if self.count <= 5 else 5,
        )
        if fitted is None:
            self._fail(now, words.EYES_NOT_SEEN)
            return
        self._model, self._points_used, self._samples_used = fitted
        self.stage, self.index, self.step, self._step_start = "validate", 0, "move", now

    def _validate(self, now: float) -> None:
        errors = []
        for p in self._val:
            kept = clean_samples(p.samples)
            if len(kept) >= 2:
                mean = self._model.predict_many(np.array(kept)).mean(axis=0)
                errors.append(math.hypot(mean[0] - p.target[0], mean[1] - p.target[1]))
        dropped = sum(p.dropped for p in self._cal + self._val)
        if errors:
            acc_px = float(np.mean(errors))
            acc_deg = self.geometry.px_to_deg(acc_px)
        else:
            acc_px = acc_deg = float("inf")
        poor = not acc_deg <= self.poor_deg
        if poor:
            message = words.accuracy_poor(acc_deg) if errors else words.ACCURACY_NOT_CHECKED
        else:
            message = words.accuracy_done(acc_deg, acc_px)
        self.result = CalibrationResult(
            self._model,
            acc_px,
            acc_deg,
            self._points_used,
            self._samples_used,
            dropped,
            poor,
            message,
        )
        self.stage, self._step_start = "result", now

    def _fail(self, now: float, message: str) -> None:
        dropped = sum(p.dropped for p in self._cal)
        self.result = CalibrationResult(
            None, float("inf"), float("inf"), 0, 0, dropped, True, message
        )
        self.stage, self._step_start = "failed", now

    # -- choices at the result --------------------------------------------------------
    def accept(self) -> None:
        if self.stage == "result":
            self.stage, self.accepted = "done", True

    def choose(self, target_id: str) -> None:
        """A choice made on the result screen ("calib:repeat" or "calib:done")."""
        if target_id == CALIBRATION_DONE_TARGET:
            self.accept()
        elif target_id == CALIBRATION_REPEAT_TARGET and self.stage == "result":
            self.stage = "repeat"  # the controller starts a fresh session

    @property
    def wants_repeat(self) -> bool:
        return self.stage == "repeat"

    def fitted_points(self) -> list[tuple[tuple[float, float], list[np.ndarray]]]:
        """The calibration points and the cleaned samples the model was fit from, kept with
        the model so the mapping can be refined from confirmed choices (kiosk.gaze.refit)."""
        return [(p.target, list(p.samples)) for p in self._cal]
