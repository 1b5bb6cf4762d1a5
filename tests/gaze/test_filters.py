from __future__ import annotations

import math

import numpy as np
import pytest

from kiosk.gaze.filters import OneEuroFilter2D


def test_steady_point_with_jitter_is_smoothed():
    rng = np.random.default_rng(1)
    f = OneEuroFilter2D()
    raw, out = [], []
    for i in range(300):
        p = (500 + rng.normal(0, 30), 400 + rng.normal(0, 30))
        raw.append(p)
        out.append(f(i / 30, p))
    raw_sd = np.std(np.array(raw[60:]), axis=0)
    out_sd = np.std(np.array(out[60:]), axis=0)
    assert np.all(out_sd < raw_sd / 2)
    assert np.allclose(np.mean(out[60:], axis=0), (500, 400), atol=15)


def test_a_jump_is_followed_quickly():
    f = OneEuroFilter2D()
    for i in range(30):
        f(i / 30, (200.0, 200.0))
    # A saccade to (1400, 800): within 150 ms the point is most of the way there.
    for i in range(30, 35):
        x, y = f(i / 30, (1400.0, 800.0))
    assert math.hypot(1400 - x, 800 - y) < 0.3 * math.hypot(1200, 600)


def test_old_timestamps_and_bad_parameters():
    f = OneEuroFilter2D()
    assert f(1.0, (10, 10)) == (10, 10)
    assert f(1.0, (50, 50)) == (10, 10)  # same time: nothing new
    f.reset()
    assert f(0.0, (50, 50)) == (50, 50)
    with pytest.raises(ValueError):
        OneEuroFilter2D(min_cutoff=0)
