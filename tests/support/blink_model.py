"""A synthetic eyelid for tests and benchmarks of the long-blink switch. Not used by the kiosk.

There are no recordings of real visitors' eyelids to test on, so this model is built to be
at least as hard as what the literature and our webcam pipeline show:

- Spontaneous blinks every 3-6 s. How long the lids stay more than half closed is
  log-normal (median 0.2 s, clipped to 0.1-0.4 s), and 15 % are slow blinks of 0.4-0.65 s
  (tired eyes, droopy lids). 5 % come as double blinks, the second 0.1-0.25 s after the
  first (two short closures that must not add up).
- Deliberate long blinks by a person asked to hold their eyes closed for 0.8 s: they hold
  them 0.8-1.2 s, and one in ten flutters open for 30-90 ms in the middle.
- The lids close in 50-90 ms and open in 100-200 ms; a blink too short to close fully
  never reaches full closure.
- The measured openness (eye aspect ratio) has per-frame noise of 6 % of the open value,
  0.3 % wild frames, lower openness while the person looks down at the control bar
  (lids follow the gaze), a lower open value for droopy lids, frames dropped by the camera
  (2 %), the face lost for a frame or a few (0.2 % of frames) and turned away for 1-4 s
  about every 90 s.

`eyes_closed_stream` turns openness into the per-frame verdict the long-blink switch
reads, with the tracker's own per-person judgement (kiosk.gaze.blink.EyeOpenness).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

FPS = 30.0


@dataclass(frozen=True)
class Person:
    open_ear: float  # eye aspect ratio with the eyes open, looking straight ahead
    closed_ear: float  # with the lids shut
    noise: float  # per-frame noise of each eye, as a share of the open value


@dataclass(frozen=True)
class Blink:
    start: float  # the moment the lids pass half closed
    duration: float  # time the lids stay more than half closed
    deliberate: bool
    flutter: tuple[float, float] | None = None  # (start, length) of a brief opening inside


def random_person(rng: np.random.Generator) -> Person:
    open_ear = rng.uniform(0.2, 0.34)  # droopy lids at the low end
    return Person(open_ear, open_ear * rng.uniform(0.1, 0.3), 0.06)


def spontaneous_duration(rng: np.random.Generator) -> float:
    if rng.random() < 0.15:
        return float(rng.uniform(0.4, 0.65))
    return float(np.clip(rng.lognormal(math.log(0.2), 0.35), 0.1, 0.4))


def blink_schedule(
    rng: np.random.Generator, seconds: float, deliberate_every: tuple[float, float] | None = None
) -> list[Blink]:
    """Spontaneous blinks for `seconds`, and deliberate ones every few seconds if asked."""
    deliberate: list[Blink] = []
    if deliberate_every is not None:
        t = rng.uniform(*deliberate_every)
        while t < seconds - 3:
            duration = float(rng.uniform(0.8, 1.2))
            flutter = None
            if rng.random() < 0.1:
                flutter = (t + duration * rng.uniform(0.3, 0.6), float(rng.uniform(0.03, 0.09)))
            deliberate.append(Blink(t, duration, True, flutter))
            t += rng.uniform(*deliberate_every)
    blinks = list(deliberate)
    t = rng.uniform(1, 4)
    while t < seconds - 1:
        near = any(-1.5 < t - b.start < b.duration + 1.0 for b in deliberate)
        if not near:
            first = Blink(t, spontaneous_duration(rng), False)
            blinks.append(first)
            if rng.random() < 0.05:  # a double blink
                gap = rng.uniform(0.1, 0.25)
                blinks.append(Blink(t + first.duration + gap, spontaneous_duration(rng), False))
        t += rng.uniform(3.0, 6.0)
    return sorted(blinks, key=lambda b: b.start)


def _closure(t: np.ndarray, blink: Blink, close_s: float, open_s: float) -> np.ndarray:
    """Share of full closure (0 open, 1 shut); exactly 0.5 at the start and end of `duration`."""
    rising = (t - (blink.start - close_s / 2)) / close_s
    falling = ((blink.start + blink.duration + open_s / 2) - t) / open_s
    closure = np.clip(np.minimum(rising, falling), 0.0, 1.0)
    if blink.flutter is not None:
        start, length = blink.flutter
        closure = np.where((t >= start) & (t < start + length), 0.3, closure)
    return closure


Openness = tuple[float, float]  # eye aspect ratio of the left and the right eye


def openness_trace(
    rng: np.random.Generator, person: Person, blinks: list[Blink], seconds: float
) -> list[tuple[float, Openness | None]]:
    """(time, both eyes' aspect ratios or None when no face is found), at about 30 fps."""
    n = int(seconds * FPS)
    t = np.arange(n) / FPS + rng.normal(0, 0.003, n)  # camera timing jitter
    t[0] = max(t[0], 0.0)
    t = np.maximum.accumulate(t)
    closure = np.zeros(n)
    for blink in blinks:
        lo = np.searchsorted(t, blink.start - 0.3)
        hi = np.searchsorted(t, blink.start + blink.duration + 0.4)
        close_s, open_s = rng.uniform(0.05, 0.09), rng.uniform(0.1, 0.2)
        closure[lo:hi] = np.maximum(closure[lo:hi], _closure(t[lo:hi], blink, close_s, open_s))
    open_level = np.full(n, person.open_ear)
    k = 0.0
    while k < seconds:  # looking down at the control bar: the lids follow the eyes
        k += rng.uniform(8, 20)
        length = rng.uniform(1, 3)
        open_level[(t >= k) & (t < k + length)] *= rng.uniform(0.75, 0.85)
        k += length
    ear = open_level - (open_level - person.closed_ear) * closure
    eyes = np.stack([ear, ear], axis=1) + rng.normal(0, person.noise * person.open_ear, (n, 2))
    wild = rng.random(n) < 0.003
    eyes[wild] = rng.uniform(0, person.open_ear, (int(wild.sum()), 2))
    lost = np.zeros(n, dtype=bool)
    for start in np.flatnonzero(rng.random(n) < 0.002):
        lost[start : start + rng.integers(1, 6)] = True
    k = rng.uniform(30, 150)
    while k < seconds:  # turned away from the screen (not while blinking on purpose at it)
        end = k + rng.uniform(1, 4)
        if not any(b.deliberate and k - 1 < b.start < end + 1 for b in blinks):
            lost[(t >= k) & (t < end)] = True
        k += rng.uniform(30, 150)
    kept = rng.random(n) >= 0.02  # frames the camera dropped
    return [
        (float(time), None if gone else (float(pair[0]), float(pair[1])))
        for time, pair, gone, keep in zip(t, eyes, lost, kept)
        if keep
    ]


def eyes_closed_stream(
    trace: list[tuple[float, Openness | None]],
) -> list[tuple[float, bool | None]]:
    """Per-frame "eyes closed" as the tracker judges it: against this person's own open
    eyes (kiosk.gaze.blink.EyeOpenness); None while no face is found."""
    from kiosk.gaze.blink import EyeOpenness
    from kiosk.gaze.face import EyeFeatures

    judge = EyeOpenness()
    out: list[tuple[float, bool | None]] = []
    for t, eyes in trace:
        if eyes is None:
            out.append((t, judge.update(t, EyeFeatures(face=False))))
        else:
            features = EyeFeatures(face=True, left_open=eyes[0], right_open=eyes[1])
            out.append((t, judge.update(t, features)))
    return out
