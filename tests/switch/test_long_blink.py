"""The long-blink switch: only a deliberate, long closure of the eyes is a press."""

from __future__ import annotations

import numpy as np
import pytest

from kiosk.switch.long_blink import LongBlinkConfig, LongBlinkSwitch
from tests.support import blink_model

FRAME = 1 / 30


def frames(*spans: tuple[str, float], start: float = 0.0) -> list[tuple[float, bool | None]]:
    """A 30 fps stream from spans like ("open", 1.0), ("closed", 0.8), ("lost", 0.5)."""
    value = {"open": False, "closed": True, "lost": None}
    out, t = [], start
    for kind, seconds in spans:
        for _ in range(round(seconds * 30)):
            out.append((t, value[kind]))
            t += FRAME
    return out


def press_times(stream, config: LongBlinkConfig | None = None) -> list[float]:
    switch = LongBlinkSwitch(config or LongBlinkConfig())
    return [t for t, closed in stream if switch.update(t, closed)]


@pytest.mark.parametrize("closed_s", [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
def test_ordinary_and_slow_blinks_never_press(closed_s):
    assert press_times(frames(("open", 1), ("closed", closed_s), ("open", 1))) == []


def test_a_long_blink_presses_once_while_the_eyes_are_still_closed():
    stream = frames(("open", 1), ("closed", 3.0), ("open", 1))
    times = press_times(stream)
    assert len(times) == 1
    assert times[0] - 1.0 == pytest.approx(0.8, abs=FRAME)


def test_the_threshold_is_adjustable():
    stream = frames(("open", 1), ("closed", 1.0), ("open", 1))
    assert press_times(stream, LongBlinkConfig(long_blink_s=1.2)) == []
    assert len(press_times(stream, LongBlinkConfig(long_blink_s=0.5))) == 1


def test_a_lost_face_never_counts_as_closed_eyes():
    assert press_times(frames(("open", 1), ("lost", 5), ("open", 1))) == []
    # Closed, then the face is lost for long: the closure ends there.
    assert press_times(frames(("closed", 0.5), ("lost", 1.0), ("closed", 0.5))) == []


def test_a_flicker_or_a_moment_without_a_face_inside_a_closure_is_bridged():
    flicker = frames(("open", 1), ("closed", 0.5), ("open", 2 * FRAME), ("closed", 0.4))
    assert len(press_times(flicker)) == 1
    lost = frames(("open", 1), ("closed", 0.4), ("lost", 0.2), ("closed", 0.4))
    assert len(press_times(lost)) == 1


def test_two_blinks_with_the_eyes_open_between_do_not_add_up():
    double = frames(("open", 1), ("closed", 0.45), ("open", 0.2), ("closed", 0.45), ("open", 1))
    assert press_times(double) == []


def test_after_a_press_the_eyes_must_open_and_rest_before_the_next():
    quick = frames(("closed", 1.0), ("open", 0.2), ("closed", 1.0), ("open", 1))
    assert len(press_times(quick)) == 1  # the second closure began inside the refractory time
    rested = frames(("closed", 1.0), ("open", 1.0), ("closed", 1.0), ("open", 1))
    assert len(press_times(rested)) == 2


def test_reset_forgets_a_closure_in_progress():
    switch = LongBlinkSwitch()
    for t, closed in frames(("closed", 0.6)):
        assert not switch.update(t, closed)
    switch.reset()
    assert switch.closed_for == 0.0
    assert not any(switch.update(0.6 + t, c) for t, c in frames(("closed", 0.5)))


def test_config_rejects_nonsense():
    with pytest.raises(ValueError):
        LongBlinkConfig(long_blink_s=0)
    with pytest.raises(ValueError):
        LongBlinkConfig(max_lost_s=-1)


def test_the_synthetic_eyelid_through_the_trackers_own_judgement():
    """The real detector on the modelled eyelid, judged closed by the tracker's EyeOpenness:
    no false press in three minutes of ordinary blinking (with slow and double blinks), and
    the deliberate 0.8-1.2 s blinks taken (the benchmark runs 300 + 100 minutes)."""
    rng = np.random.default_rng(3)
    person = blink_model.random_person(rng)
    calm = blink_model.blink_schedule(rng, 180)
    stream = blink_model.eyes_closed_stream(blink_model.openness_trace(rng, person, calm, 180))
    assert press_times(stream) == []
    asked = blink_model.blink_schedule(rng, 90, deliberate_every=(6.0, 9.0))
    got = press_times(
        blink_model.eyes_closed_stream(blink_model.openness_trace(rng, person, asked, 90))
    )
    wanted = [b for b in asked if b.deliberate]
    taken = [b for b in wanted if any(b.start <= t <= b.start + b.duration + 0.3 for t in got)]
    assert len(wanted) >= 10 and len(taken) >= len(wanted) - 1
    assert len(got) == len(taken)  # nothing else pressed


def test_the_model_blinks_as_specified():
    rng = np.random.default_rng(7)
    blinks = blink_model.blink_schedule(rng, 3600)
    durations = np.array([b.duration for b in blinks])
    assert 0.1 <= durations.min() and durations.max() <= 0.65
    assert 0.08 < np.mean(durations > 0.4) < 0.2  # slow blinks
    gaps = np.diff([b.start for b in blinks])
    assert np.median(gaps) == pytest.approx(4.5, abs=0.5)
    assert not any(b.deliberate for b in blinks)
