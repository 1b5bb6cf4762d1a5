"""Refining the calibration from the choices a person makes while using the kiosk.

Pure logic, time passed in. Each confirmed choice (any trigger) that is not undone is a
labelled point: the eye features of the look just before the confirmation, labelled with
a point in the chosen target. The mapping is fit again (the same closed-form ridge,
`GazeModel.fit`) on the calibration's samples plus the recent confirmed looks, so a
person's slump, nod or shifted glasses are learnt by the model itself, head terms
included, instead of by one screen offset.

Rules:
- a look is labelled with the centre of the chosen target: wrong for each look by where in
  the target the person looked, right on average, as the kiosk centres a tile's words.
  Labels made from the gaze estimate (moved into the target) carry the mapping's own
  error back into the fit and taught it little or the wrong thing (docs/decisions.md);
- a confirmed look weighs as much as one calibration point, and only the newest
  `max_looks` count, so a few confirmations cannot outweigh the calibration;
- guard: the refit is kept only if it still predicts the calibration points nearly as
  well as the calibration did (`max_worse_deg`) and moves none of them far
  (`max_shift_deg`); otherwise the mapping stays as it was;
- an undone choice (Back straight after it) is taken back: its look is removed and the
  mapping before it restored;
- `reset()` (a new calibration, the idle reset) forgets everything learnt.
"""

from __future__ import annotations

import copy
import math
import time
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from kiosk.actions import BarId
from kiosk.gaze.calibration import GazeModel, feature_vector
from kiosk.gaze.drift import DriftCorrector
from kiosk.gaze.face import EyeFeatures
from kiosk.gaze.layouts import nearest_rect
from kiosk.layout import FloatRect

Labelled = tuple[tuple[float, float], Sequence[NDArray[np.float64]]]  # (screen point, feature rows)


@dataclass(frozen=True)
class RefitSettings:
    # How a look is labelled: "inner" (the estimate moved into the middle of the target),
    # "nearest" (moved just inside the target) or "centre" (the target's centre).
    label: str = "centre"
    inner: float = 0.3  # the middle: from this share of the target's size to 1 minus it
    weight: float = 1.0  # one confirmed look weighs this many calibration points
    max_looks: int = 20  # the newest looks kept
    min_frames: int = 3  # fewer usable frames in the look: not learnt
    look_s: float = 0.6  # the look learnt: this long before it ended
    search_s: float = 2.5  # how far back to search for it (a long blink, a spoken word)
    max_worse_deg: float = 1.0  # guard: calibration points predicted at most this worse
    max_shift_deg: float = 3.0  # guard: and none of them moved further than this
    undo_s: float = 5.0  # a Back this soon after a choice undoes it


def label_point(
    rect: FloatRect, estimate: tuple[float, float] | None, how: str = "centre", inner: float = 0.3
) -> tuple[float, float]:
    """Where the person most likely looked in the chosen target `rect`, given the gaze
    estimate: the estimate moved into the target's middle ("inner"), just inside it
    ("nearest"), or the target's centre ("centre", or when there is no estimate)."""
    x, y, w, h = rect
    if how == "centre" or estimate is None:
        return x + w / 2, y + h / 2
    k = inner if how == "inner" else 0.0
    return (
        min(max(estimate[0], x + w * k), x + w * (1 - k)),
        min(max(estimate[1], y + h * k), y + h * (1 - k)),
    )


@dataclass(frozen=True)
class _Look:
    t: float
    features: NDArray[np.float64]  # (n, FEATURES) rows of the look
    label: tuple[float, float]
    before: GazeModel  # the mapping before this look was learnt (for undo)


class Refitter:
    """Keeps the calibration's samples with its model and refits from confirmed looks."""

    def __init__(self, settings: RefitSettings | None = None) -> None:
        self.settings = settings or RefitSettings()
        self.base: GazeModel | None = None
        self.model: GazeModel | None = None
        # (target, samples) of each calibration point
        self._points: list[tuple[NDArray[np.float64], NDArray[np.float64]]] = []
        self._per_point = 1
        self._looks: list[_Look] = []
        self._undoable = False
        self.refits = 0  # refits kept
        self.rejected = 0  # refits the guard refused
        self.last_fit_ms = 0.0

    @property
    def active(self) -> bool:
        return self.base is not None

    @property
    def looks(self) -> int:
        """Confirmed looks learnt and kept now."""
        return len(self._looks)

    def start(self, model: GazeModel, calibration: Sequence[Labelled]) -> None:
        """A new calibration: its model and the (target, samples) it was fit from. Anything
        learnt from an earlier person or calibration is dropped."""
        self.reset()
        points = [
            (np.asarray(target, float), np.asarray(samples, float))
            for target, samples in calibration
            if len(samples)
        ]
        if len(points) < 3:
            return  # nothing to refit from (a model made elsewhere): stay inactive
        self.base = self.model = model
        self._points = points
        self._per_point = max(1, round(float(np.median([len(s) for _, s in points]))))

    def reset(self) -> None:
        self.base = self.model = None
        self._points = []
        self._looks = []
        self._undoable = False
        self.refits = self.rejected = 0

    def confirm(
        self,
        t: float,
        rect: FloatRect,
        features: NDArray[np.float64] | None,
        estimate: tuple[float, float] | None,
    ) -> bool:
        """A choice of `rect` stood: `features` (n, FEATURES) are the look just before the
        confirmation (None: no look was found) and `estimate` where the kiosk placed that
        look (corrected). Returns True when the mapping changed (then use `model`)."""
        rows = np.asarray(features if features is not None else [], float)
        if self.model is None or rows.ndim != 2 or len(rows) < self.settings.min_frames:
            self._undoable = False
            return False
        s = self.settings
        look = _Look(t, rows, label_point(rect, estimate, s.label, s.inner), self.model)
        self._looks = [*self._looks, look][-s.max_looks :]
        self._undoable = True
        return self._refit()

    def undo(self, now: float) -> bool:
        """The last choice was undone: take its look back and restore the mapping from
        before it. Only the newest look, once, and only soon after it was made. Returns
        True when the mapping changed."""
        if not self._undoable or not self._looks or now - self._looks[-1].t > self.settings.undo_s:
            return False
        last = self._looks.pop()
        self._undoable = False
        changed = last.before is not self.model
        self.model = last.before
        return changed

    # -- fitting ------------------------------------------------------------------------
    def _refit(self) -> bool:
        assert self.base is not None
        start = time.perf_counter()
        xs = [samples for _, samples in self._points]
        ys = [np.tile(target, (len(samples), 1)) for target, samples in self._points]
        n = max(1, round(self.settings.weight * self._per_point))
        for look in self._looks:
            rows = np.resize(look.features, (n, look.features.shape[1]))
            xs.append(rows)
            ys.append(np.tile(np.asarray(look.label, float), (n, 1)))
        candidate = copy.copy(self.base).fit(np.vstack(xs), np.vstack(ys))
        kept = self._guard(candidate)
        self.last_fit_ms = (time.perf_counter() - start) * 1000.0
        if kept:
            self.model = candidate
            self.refits += 1
        else:
            self.rejected += 1
        return kept

    def _guard(self, candidate: GazeModel) -> bool:
        """Whether the candidate still predicts the calibration points about as well as the
        calibration's own model, and moves none of them far."""
        assert self.base is not None
        geometry = self.base.geometry
        worse, shift = 0.0, 0.0
        for target, samples in self._points:
            old = self.base.predict_many(samples).mean(axis=0)
            new = candidate.predict_many(samples).mean(axis=0)
            worse += float(np.hypot(*(new - target)) - np.hypot(*(old - target)))
            shift = max(shift, float(np.hypot(*(new - old))))
        worse_deg = geometry.px_to_deg(worse / len(self._points))
        return (
            worse_deg <= self.settings.max_worse_deg
            and geometry.px_to_deg(shift) <= self.settings.max_shift_deg
            and math.isfinite(worse_deg)
        )


class RecentLooks:
    """The last few seconds of camera frames with the eyes seen, so that a confirmation
    can find the look at the chosen target just before it (for `Refitter.confirm`).
    Appending is all the camera path does; the search runs only at a confirmation."""

    def __init__(self, settings: RefitSettings | None = None, maxlen: int = 150) -> None:
        self.settings = settings or RefitSettings()
        self._frames: deque[tuple[float, EyeFeatures]] = deque(maxlen=maxlen)

    def add(self, frames: Iterable[tuple[float, EyeFeatures]]) -> None:
        for t, f in frames:
            if f.face and not f.blink and f.has_iris:
                self._frames.append((t, f))

    def clear(self) -> None:
        self._frames.clear()

    def look_at(
        self,
        chosen: str,
        targets: Mapping[str, FloatRect],
        model: GazeModel,
        offset: NDArray[np.float64],
        until: float,
    ) -> tuple[NDArray[np.float64], tuple[float, float]] | None:
        """(feature rows, mean corrected gaze point) of the last look at `chosen` ending by
        `until`: the frames whose corrected gaze point falls to that target (not a look at
        a confirm target beside it, nor at the eyes closed for a long blink), the last
        `look_s` of them. None when there was no such look."""
        s = self.settings
        frames = [(t, f) for t, f in self._frames if until - s.search_s <= t <= until]
        if not frames or chosen not in targets:
            return None
        rows = np.array([feature_vector(f) for _, f in frames])
        points = model.predict_many(rows) + offset
        on = [
            i
            for i, (x, y) in enumerate(points)
            if nearest_rect((float(x), float(y)), targets) == chosen
        ]
        if not on:
            return None
        end = frames[on[-1]][0]
        keep = [i for i in on if frames[i][0] >= end - s.look_s]
        mean = points[keep].mean(axis=0)
        return rows[keep], (float(mean[0]), float(mean[1]))


class ModelHolder(Protocol):
    """Where the mapping in use lives (the camera's GazeTracker)."""

    @property
    def model(self) -> GazeModel | None: ...

    def set_model(self, model: GazeModel | None, refined: bool = False) -> None: ...


class ChoiceLearner:
    """Eye control's side of learning from choices: the recent frames, the target last
    highlighted, and the refit with the drift offset as its fallback (never both: when a
    refit is kept the offset is cleared, as the mapping now holds that correction). A new
    mapping goes to the tracker (`refined`: its smoothing carries on). Runs once per
    choice, never per frame (`seen` only appends)."""

    def __init__(self, drift: DriftCorrector, settings: RefitSettings | None = None) -> None:
        self.drift = drift
        self.refit = Refitter(settings)
        self.looks = RecentLooks(self.refit.settings)
        self._highlight: tuple[str | None, float] = (None, -math.inf)

    def reset(self) -> None:
        """The idle reset or a new calibration: forget everything learnt, the offset too."""
        self.refit.reset()
        self.looks.clear()
        self.drift.reset()
        self._highlight = (None, -math.inf)

    def start(self, model: GazeModel | None, calibration: Sequence[Labelled]) -> None:
        """A new calibration was taken: learn afresh on top of it."""
        self.reset()
        if model is not None:
            self.refit.start(model, calibration)

    def seen(
        self, frames: Iterable[tuple[float, EyeFeatures]], looked_at: str | None, now: float
    ) -> None:
        """Each step: the frames since the last one, and the target highlighted now."""
        self.looks.add(frames)
        if looked_at is not None:
            self._highlight = (looked_at, now)

    def learn(
        self,
        tracker: ModelHolder | None,
        chosen: str,
        targets: Mapping[str, FloatRect],
        until: float,
    ) -> bool:
        """A choice of `chosen` stood, the look at it ended at `until`: refit from that
        look, or, when the guard refuses (or there is no refit), move the offset. Back is
        not learnt: straight after a choice it undoes that one. True when refit."""
        rect = targets.get(chosen)
        model = tracker.model if tracker is not None else None
        if tracker is None or model is None or rect is None or chosen == BarId.BACK.value:
            return False
        look = self.looks.look_at(chosen, targets, model, self.drift.offset, until)
        features, estimate = look if look is not None else (None, None)
        if self.refit.confirm(until, rect, features, estimate):
            self.drift.absorb()
            tracker.set_model(self.refit.model, refined=True)
            return True
        self.drift.confirm(rect, until)
        return False

    def chosen_elsewhere(
        self, tracker: ModelHolder | None, now: float, targets: Mapping[str, FloatRect]
    ) -> bool:
        """A trigger from elsewhere (a switch, a long blink, a spoken "this") chose the
        target highlighted a moment ago (the screen may have changed with the choice; the
        core toggles the pause target itself and does not send that here)."""
        chosen, seen = self._highlight
        if chosen is None or now - seen > 1.0:
            return False
        return self.learn(tracker, chosen, targets, now)

    def undo(self, tracker: ModelHolder | None, now: float) -> None:
        """Back straight after a choice: take back what its look taught."""
        if self.refit.undo(now) and tracker is not None:
            tracker.set_model(self.refit.model, refined=True)
        self.drift.undo()
