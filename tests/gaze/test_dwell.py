"""Dwell selection on generated gaze traces (time passed in, 60 updates a second)."""

from __future__ import annotations

import numpy as np
import pytest

from kiosk.gaze.dwell import PAUSE_TARGET, DwellSelector, distance_to_rect
from kiosk.layout import compute_layout

DT = 1 / 60


def screen_targets() -> dict[str, tuple]:
    layout = compute_layout((1920, 1080), 6)
    targets = {f"tile:{i + 1}": r for i, r in enumerate(layout.tiles)}
    targets.update(layout.bar)
    targets[PAUSE_TARGET] = layout.gaze_pause
    return targets


def centre(rect) -> tuple[float, float]:
    x, y, w, h = rect
    return x + w / 2, y + h / 2


def run(sel: DwellSelector, trace, t0: float = 0.0):
    """trace: iterable of (point | None, blink). Returns [(time, id)] of selections."""
    out, t = [], t0
    for point, blink in trace:
        chosen = sel.update(t, point, blink)
        if chosen:
            out.append((t, chosen))
        t += DT
    return out, t


def hold(point, seconds, blink=False):
    return [(point, blink)] * round(seconds / DT)


def test_distance_to_rect():
    assert distance_to_rect((5, 5), (0, 0, 10, 10)) == 0
    assert distance_to_rect((13, 14), (0, 0, 10, 10)) == pytest.approx(5)


def test_look_selects_after_lock_on_plus_dwell_once():
    t = screen_targets()
    sel = DwellSelector(t)
    got, _ = run(sel, hold(centre(t["tile:3"]), 1.3))
    assert got == []  # 0.2 lock-on + 1.2 fill not yet done
    got, _ = run(sel, hold(centre(t["tile:3"]), 0.2), t0=1.3)
    assert [g[1] for g in got] == ["tile:3"]
    assert got[0][0] == pytest.approx(1.4, abs=0.05)


def test_noisy_gaze_selects_the_intended_tile_every_time():
    targets = screen_targets()
    rng = np.random.default_rng(3)
    for name in ("tile:1", "tile:5", "bar:back", "bar:next", "bar:help", PAUSE_TARGET):
        sel = DwellSelector(targets)
        cx, cy = centre(targets[name])
        trace = [
            ((cx + rng.normal(0, 50), cy + rng.normal(0, 50)), False)
            for _ in range(round(2.0 / DT))
        ]
        got, _ = run(sel, trace)
        assert [g[1] for g in got] == [name]


def test_cooldown_prevents_a_double_selection_by_a_lingering_look():
    targets = screen_targets()
    sel = DwellSelector(targets, cooldown_s=1.0)
    got, _ = run(sel, hold(centre(targets["bar:next"]), 2.5))
    # 1.4 s to the first selection; cool-down 1.0 + lock-on 0.2 + 1.2 means no second by 2.5 s
    assert [g[1] for g in got] == ["bar:next"]
    got, _ = run(sel, hold(centre(targets["bar:next"]), 1.5), t0=2.5)
    assert [g[1] for g in got] == ["bar:next"]  # keeps looking: pages on, deliberately slow


def test_brief_glance_away_fades_instead_of_resetting():
    targets = screen_targets()
    sel = DwellSelector(targets)
    a, b = centre(targets["tile:1"]), centre(targets["tile:2"])
    trace = hold(a, 0.9) + hold(b, 0.15) + hold(a, 0.6)
    got, _ = run(sel, trace)
    assert [g[1] for g in got] == ["tile:1"]  # 0.7 s of fill kept through the glance
    # A long look away does reset: the same total time on tile 1 does not select.
    sel = DwellSelector(targets)
    got, _ = run(sel, hold(a, 0.9) + hold(b, 0.15) + hold((960, 1060), 1.0) + hold(a, 0.6))
    assert got == []


def test_blinks_and_face_loss_pause_the_fill_without_resetting():
    targets = screen_targets()
    sel = DwellSelector(targets)
    a = centre(targets["tile:4"])
    trace = hold(a, 0.8) + hold(a, 0.5, blink=True) + hold(None, 1.0) + hold(a, 0.8)
    got, end = run(sel, trace)
    assert [g[1] for g in got] == ["tile:4"]
    assert got[0][0] > 0.8 + 1.5  # the frozen time did not count
    # Frozen fill stays where it was.
    sel = DwellSelector(targets)
    run(sel, hold(a, 0.8))
    before = sel.progress()["tile:4"]
    run(sel, hold(None, 1.0) + hold(a, 0.3, blink=True), t0=0.8)
    assert sel.progress()["tile:4"] == pytest.approx(before)


def test_long_face_loss_starts_afresh():
    targets = screen_targets()
    sel = DwellSelector(targets, lost_reset_s=3.0)
    a = centre(targets["tile:4"])
    run(sel, hold(a, 1.0) + hold(None, 3.5))
    assert sel.progress()["tile:4"] == 0


def test_midas_touch_reading_makes_no_selection():
    """Reading lines of text in the page body, with noise, for five minutes."""
    layout = compute_layout((1920, 1080), 6)
    targets = dict(layout.bar)
    targets[PAUSE_TARGET] = layout.gaze_pause
    sel = DwellSelector(targets)
    rng = np.random.default_rng(7)
    bx, by, bw, bh = layout.body
    trace = []
    while len(trace) < 5 * 60 / DT:
        for line_y in np.linspace(by + 30, by + bh - 30, 10):
            for x in np.arange(bx + 40, bx + bw - 40, 120):  # fixations of about 250 ms
                p = (x + rng.normal(0, 40), line_y + rng.normal(0, 40))
                trace += hold(p, rng.uniform(0.18, 0.32))
    got, _ = run(sel, trace)
    assert got == []


def test_wandering_between_tiles_without_resting_makes_no_selection():
    targets = screen_targets()
    sel = DwellSelector(targets)
    rng = np.random.default_rng(11)
    names = [n for n in targets if n != PAUSE_TARGET]
    trace, last = [], None
    for _ in range(200):  # skimming tile labels: 0.3-0.8 s each, never resting 1.4 s
        name = rng.choice([n for n in names if n != last])
        last = name
        cx, cy = centre(targets[name])
        trace += hold((cx + rng.normal(0, 40), cy + rng.normal(0, 30)), rng.uniform(0.3, 0.8))
        trace += hold((rng.uniform(0, 1920), rng.uniform(0, 1080)), 0.1)
    got, _ = run(sel, trace)
    assert got == []


def test_pause_target_pauses_and_resumes():
    targets = screen_targets()
    sel = DwellSelector(targets)
    p, tile = centre(targets[PAUSE_TARGET]), centre(targets["tile:2"])
    got, t = run(sel, hold(p, 1.5))
    assert [g[1] for g in got] == [PAUSE_TARGET] and sel.paused
    got, t = run(sel, hold(tile, 5.0), t0=t)
    assert got == [] and sel.paused  # only the pause target is live while paused
    assert sel.progress()["tile:2"] == 0
    got, t = run(sel, hold(p, 1.5), t0=t)
    assert [g[1] for g in got] == [PAUSE_TARGET] and not sel.paused
    got, t = run(sel, hold(tile, 3.0), t0=t)  # after the cool-down
    assert [g[1] for g in got] == ["tile:2"]


def test_hysteresis_keeps_the_current_tile_near_its_edge():
    targets = {"a": (0, 0, 300, 200), "b": (320, 0, 300, 200)}
    sel = DwellSelector(targets, hysteresis_px=60, capture_px=40)
    sel.update(0.0, (150, 100))
    assert sel.current == "a"
    sel.update(0.02, (345, 100))  # 25 px into b, but within 60 px of a: stays on a
    assert sel.current == "a"
    sel.update(0.04, (400, 100))
    assert sel.current == "b"
    sel.update(0.06, (900, 900))  # far from everything
    assert sel.current is None


def test_set_targets_resets_fills():
    targets = screen_targets()
    sel = DwellSelector(targets)
    run(sel, hold(centre(targets["tile:1"]), 0.8))
    assert sel.progress()["tile:1"] > 0.3
    sel.set_targets(targets)
    assert max(sel.progress().values()) == 0


def test_bad_times_are_refused():
    with pytest.raises(ValueError):
        DwellSelector({}, dwell_s=0)
