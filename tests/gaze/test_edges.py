"""Calibration-free control: glances off the screen's edges, on the landmark-level face."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from kiosk.gaze.blink import EyeOpenness
from kiosk.gaze.edges import EdgeGlance
from kiosk.gaze.face import features_from_landmarks
from tests.support.gaze_simulate import PEOPLE, SyntheticFace


def drive(person: str, plan: list[tuple[tuple[float, float] | None, float]], seed: int = 0):
    """Play (point or None for 'reading around the screen', seconds) at 30 frames/s."""
    face = SyntheticFace(PEOPLE[person], seed=seed)
    rng = np.random.default_rng(seed)
    edges = EdgeGlance()
    openness = EyeOpenness()
    t, out = 0.0, []
    for point, seconds in plan:
        end = t + seconds
        while t < end:
            where = point
            if where is None:  # reading: a new fixation every quarter second
                if int(t * 4) != int((t - 1 / 30) * 4) or not out:
                    reading = (rng.uniform(0, 1920), rng.uniform(0, 1080))
                where = reading
            lm = face.landmarks(where)
            f = features_from_landmarks(lm[:, :2] * [640, 480], 640, 480)
            f = dataclasses.replace(f, closed=openness.update(t, f))  # as the tracker does
            got = edges.update(t, f)
            out.append((t, got))
            t += 1 / 30
    return [g for _, g in out if g is not None]


@pytest.mark.parametrize("person", ["normal", "drooping", "glasses"])
def test_reading_the_screen_never_glances_and_each_glance_counts_once(person):
    plan = [
        (None, 6.0),
        ((-900, 540), 0.8),  # 25 cm past the left edge (the person's left)
        (None, 1.5),
        ((2820, 540), 0.8),
        (None, 1.5),
        ((960, -600), 0.8),  # 16 cm above the top edge
        (None, 1.5),
    ]
    assert drive(person, plan) == ["left", "right", "up"]


def test_reading_alone_for_a_while_selects_nothing():
    assert drive("narrow", [(None, 12.0)], seed=3) == []
