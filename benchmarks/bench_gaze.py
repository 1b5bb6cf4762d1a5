"""Eye-gaze benchmark: speed on real frames, selection accuracy and false selections.

Run: cd /work/main && SDL_VIDEODRIVER=dummy /tmp/venv/bin/python benchmarks/bench_gaze.py
(--quick for a shorter run). Prints median and p95 figures and checks them against targets:
>= 25 frames/s with the interface drawing, p95 < 20 ms per frame, >= 98% correct tile
selections at 2 degrees of gaze noise, <= 1 false selection per 5 minutes of reading.

Real eyes first (`--real`: 1-3 minutes, then the synthetic people, 4-8 minutes): the
real webcam sets in ../shared/realgaze through the kiosk's own calibration, filter and
layout choice, leaving one target out (kiosk.gaze.realsets: what each set measures, the
viewing geometry assumed), with the mapping rules the kiosk replaced; a confirmed choice's
refit on real eyes; real eyes against the synthetic people. `--typing-only`: words a
minute per gaze layout with look and confirm.
Speed uses the real face mesh on the astronaut photograph (skimage), moved about like a head.
Replay: real-style recorded sessions from the landmark-level synthetic face
(tests.support.gaze_simulate: lids that follow the eye, a head that turns,
narrow/hooded/drooping/smiling eyes, glasses glare, jitter as measured on the real face
mesh) through the kiosk's own replay path (`--replay-only` for just that part).
Refit (`--refit-only`): the hard synthetic people calibrate, then make 40 choices while
their posture drifts; the error and right tile over the choices, for the calibration alone,
the drift offset and the refit from confirmed choices (kiosk.gaze.refit).
Accuracy and reading use a simulated gaze trace (noise in degrees of visual angle on a
24-inch 1920x1080 screen at 60 cm) through the real One Euro filter and dwell selector.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from kiosk.gaze.calibration import ScreenGeometry  # noqa: E402
from kiosk.gaze.dwell import PAUSE_TARGET, DwellSelector  # noqa: E402
from kiosk.gaze.filters import OneEuroFilter2D  # noqa: E402
from kiosk.gaze.points import GazeSample  # noqa: E402
from kiosk.gaze.triggers import Trigger  # noqa: E402
from kiosk.layout import compute_layout  # noqa: E402
from kiosk.settings import DEFAULTS  # noqa: E402
from tests.support.gaze_simulate import SyntheticEye, evaluate, run_calibration  # noqa: E402

SIZE = (1920, 1080)
GEOMETRY = ScreenGeometry(SIZE, 24.0, 60.0)
CAMERA_HZ, UI_HZ = 30.0, 60.0


def astronaut_frames(n: int = 30) -> list[np.ndarray]:
    import cv2
    from skimage import data

    image = data.astronaut()
    frames = []
    for i in range(n):
        a = 2 * math.pi * i / n
        m = cv2.getRotationMatrix2D((226, 110), 6 * math.sin(a), 1.7 * (1 + 0.1 * math.cos(a)))
        m[0, 2] += 320 - 226 + 50 * math.sin(a)
        m[1, 2] += 240 - 110 + 20 * math.cos(2 * a)
        frames.append(cv2.warpAffine(image, m, (640, 480), borderMode=cv2.BORDER_REPLICATE))
    return frames


def pct(values, q) -> float:
    return float(np.percentile(values, q)) if len(values) else float("nan")


# -- speed --------------------------------------------------------------------------------


def bench_speed(seconds: float) -> dict[str, float]:
    import cv2
    import pygame

    from kiosk.gaze.calibration import GazeModel, feature_vector
    from kiosk.gaze.camera import FrameSource
    from kiosk.gaze.face import FaceFeatureExtractor
    from kiosk.gaze.tracker import GazeController, GazeTracker

    frames = astronaut_frames()
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, f in enumerate(frames):
            cv2.imwrite(f"{tmp}/f{i:03d}.png", cv2.cvtColor(f, cv2.COLOR_RGB2BGR))
        # A model fitted on real features (targets arbitrary) so every frame goes all the
        # way to a gaze point.
        with FaceFeatureExtractor(still_images=True) as ex:
            feats = np.array([feature_vector(ex.process(f)) for f in frames[:12]])
        rng = np.random.default_rng(0)
        model = GazeModel(degree=1, geometry=GEOMETRY).fit(
            feats, rng.uniform(0, 1, (len(feats), 2)) * SIZE
        )

        layout = compute_layout(SIZE, 6)
        targets = {f"tile:{i + 1}": r for i, r in enumerate(layout.tiles)}
        targets.update(layout.bar)
        targets[PAUSE_TARGET] = layout.gaze_pause

        for label, fps in (("camera_30fps", CAMERA_HZ), ("unpaced", 1000.0)):
            source = FrameSource(tmp, loop=True, fps=fps)
            tracker = GazeTracker(source, stats_window=100000).start()
            tracker.set_model(model)
            controller = GazeController(tracker, auto_calibrate=False)
            controller.set_targets(targets, SIZE)
            pygame.init()
            screen = pygame.display.set_mode(SIZE)
            font = pygame.font.Font(None, 60)
            clock = pygame.time.Clock()
            time.sleep(1.0)  # warm up: first frames load the model
            start_frames = tracker.snapshot().frames
            cpu0, wall0 = resource.getrusage(resource.RUSAGE_SELF), time.monotonic()
            ui_frames = 0
            while time.monotonic() - wall0 < seconds:
                controller.update(time.monotonic())
                view = controller.view()
                screen.fill((0, 0, 0))
                for tid, (x, y, w, h) in targets.items():
                    pygame.draw.rect(screen, (40, 40, 40), (x, y, w, h), border_radius=12)
                    fill = view.progress.get(tid, 0.0)
                    if fill:
                        pygame.draw.rect(screen, (0, 120, 215), (x, y + h - h * fill, w, h * fill))
                    screen.blit(font.render(tid, True, (255, 255, 255)), (x + 20, y + 20))
                if view.thumbnail is not None:
                    screen.blit(
                        pygame.surfarray.make_surface(view.thumbnail.swapaxes(0, 1)), (20, 20)
                    )
                pygame.display.flip()
                clock.tick(UI_HZ)
                ui_frames += 1
            wall = time.monotonic() - wall0
            cpu1 = resource.getrusage(resource.RUSAGE_SELF)
            frames_done = tracker.snapshot().frames - start_frames
            ms, latency = tracker.timings()
            tracker.stop()
            pygame.quit()
            cpu = (cpu1.ru_utime - cpu0.ru_utime + cpu1.ru_stime - cpu0.ru_stime) / wall * 100
            ms, latency = ms[-max(frames_done, 1) :], latency[-max(frames_done, 1) :]
            results[f"{label}_gaze_fps"] = frames_done / wall
            results[f"{label}_ui_fps"] = ui_frames / wall
            results[f"{label}_frame_ms_median"] = pct(ms, 50)
            results[f"{label}_frame_ms_p95"] = pct(ms, 95)
            results[f"{label}_capture_to_point_ms_median"] = pct(latency, 50)
            results[f"{label}_capture_to_point_ms_p95"] = pct(latency, 95)
            results[f"{label}_cpu_percent_of_one_core"] = cpu
    return results


# -- simulated gaze -----------------------------------------------------------------------


def layout_targets() -> tuple[dict[str, tuple], tuple]:
    layout = compute_layout(SIZE, 6)
    targets = {f"tile:{i + 1}": r for i, r in enumerate(layout.tiles)}
    targets.update(layout.bar)
    targets[PAUSE_TARGET] = layout.gaze_pause
    return targets, layout.body


class NoisyGaze:
    """Gaze error in degrees: a constant offset per trial (calibration error) plus jitter.

    Model "jitter": independent samples with RMS error `deg`.
    Model "offset+jitter": an offset of exactly `deg` in a random direction plus jitter of
    RMS deg/2 (the harder, more realistic case for a webcam).
    """

    def __init__(self, deg: float, model: str, rng: np.random.Generator) -> None:
        self.rng, self.px = rng, GEOMETRY.deg_to_px(deg)
        if model == "jitter":
            self.offset, self.sd = np.zeros(2), self.px / math.sqrt(2)
        else:
            a = rng.uniform(0, 2 * math.pi)
            self.offset = self.px * np.array([math.cos(a), math.sin(a)])
            self.sd = self.px / 2 / math.sqrt(2)

    def __call__(self, point) -> tuple[float, float]:
        p = np.asarray(point, float) + self.offset + self.rng.normal(0, self.sd, 2)
        return float(p[0]), float(p[1])


def simulate(selector: Trigger, fixations, noise: NoisyGaze, blink_rate_hz: float = 0.25, rng=None):
    """Play fixations [(point, seconds)] at 30 Hz camera / 60 Hz UI through any gaze
    trigger (kiosk.gaze.triggers). Yields (t, selection)."""
    rng = rng or noise.rng
    filt = OneEuroFilter2D()
    t, next_cam, point, blink_until = 0.0, 0.0, None, -1.0
    for target, seconds in fixations:
        end = t + seconds
        while t < end:
            if t >= next_cam:
                next_cam += 1 / CAMERA_HZ
                if rng.random() < blink_rate_hz / CAMERA_HZ:
                    blink_until = t + 0.15
                if t >= blink_until:
                    point = filt(t, noise(target))
            for chosen in selector.choose(GazeSample(t, point, t < blink_until)):
                yield t, chosen
            t += 1 / UI_HZ


def bench_accuracy(trials: int) -> dict[str, float]:
    targets, _ = layout_targets()
    names = list(targets)
    out: dict[str, float] = {}
    for model in ("jitter", "offset+jitter"):
        for deg in (1.0, 2.0, 4.0):
            rng = np.random.default_rng(int(deg * 10))
            correct = wrong = 0
            times = []
            for _ in range(trials):
                want = names[rng.integers(len(names))]
                x, y, w, h = targets[want]
                # People look near the label, not at the exact centre.
                look = (x + w * rng.uniform(0.3, 0.7), y + h * rng.uniform(0.3, 0.7))
                start = (rng.uniform(0, SIZE[0]), rng.uniform(0, SIZE[1]))
                selector = DwellSelector(targets)
                noise = NoisyGaze(deg, model, rng)
                got = None
                for t, chosen in simulate(selector, [(start, 0.3), (look, 5.0)], noise):
                    got = (t - 0.3, chosen)
                    break
                if got and got[1] == want:
                    correct += 1
                    times.append(got[0])
                elif got:
                    wrong += 1
            key = f"{model}_{deg:g}deg"
            out[f"{key}_correct_percent"] = 100 * correct / trials
            out[f"{key}_wrong_percent"] = 100 * wrong / trials
            out[f"{key}_mean_time_to_select_s"] = float(np.mean(times)) if times else math.nan
    return out


def reading_fixations(body, rng, minutes: float):
    """Free reading of the page body: ~250 ms fixations, 8-character saccades, some
    regressions, line returns; a glance at the page number now and then."""
    bx, by, bw, bh = body
    line_h = 44 * 1.5
    out, total = [], 0.0
    while total < minutes * 60:
        for line_y in np.arange(by + line_h / 2, by + bh - line_h / 2, line_h):
            x = bx + rng.uniform(20, 80)
            while x < bx + bw - 60:
                d = rng.lognormal(math.log(0.23), 0.3)
                out.append(((x, line_y), d))
                total += d
                x += rng.uniform(100, 200) if rng.random() > 0.12 else -rng.uniform(60, 150)
            if rng.random() < 0.05:  # look up at the title / page number
                out.append(((rng.uniform(200, 1000), 100), 0.4))
                total += 0.4
    return out


def menu_browsing_fixations(targets, rng, minutes: float, tiles: int | None = None):
    """Reading tile labels without choosing: 2-5 fixations on a tile, then another tile;
    for `minutes`, or over `tiles` tiles."""
    names = [n for n in targets if n != PAUSE_TARGET]
    out, total, last = [], 0.0, None
    while (total < minutes * 60) if tiles is None else (tiles > 0):
        if tiles is not None:
            tiles -= 1
        name = rng.choice([n for n in names if n != last])
        last = name
        x, y, w, h = targets[name]
        for _ in range(rng.integers(2, 6)):
            d = rng.lognormal(math.log(0.23), 0.3)
            out.append(((x + w * rng.uniform(0.1, 0.9), y + h * rng.uniform(0.3, 0.7)), d))
            total += d
    return out


def bench_reading(minutes: float) -> dict[str, float]:
    targets, body = layout_targets()
    reading_targets = {k: v for k, v in targets.items() if not k.startswith("tile:")}
    out: dict[str, float] = {}
    for deg in (2.0, 4.0):
        rng = np.random.default_rng(42)
        fix = reading_fixations(body, rng, minutes)
        count = sum(
            1
            for _ in simulate(
                DwellSelector(reading_targets), fix, NoisyGaze(deg, "offset+jitter", rng)
            )
        )
        out[f"reading_{deg:g}deg_false_per_5min"] = count / minutes * 5
        fix = menu_browsing_fixations(targets, rng, minutes)
        count = sum(
            1 for _ in simulate(DwellSelector(targets), fix, NoisyGaze(deg, "offset+jitter", rng))
        )
        out[f"menu_skimming_{deg:g}deg_false_per_5min"] = count / minutes * 5
    return out


# -- triggers: look and confirm against dwell -----------------------------------------------

REACTION_S = 0.25  # from the highlight appearing to the person acting on it
VOICE_S = 0.35 + 0.45  # a short word, then the recognizer's end of speech and decoding


def gaze_triggers(targets, deg: float) -> dict[str, Callable[[], Trigger]]:
    """The gaze triggers compared: dwell as it was, dwell growing with recent exits, look
    and confirm (its steady look sized to the error, as the kiosk sizes it after the
    calibration), and the highlight alone (a switch, blink or word confirms)."""
    from kiosk.gaze.confirm import ConfirmSelector, ConfirmSettings, steady_for_accuracy

    steady = ConfirmSettings(steady_px=steady_for_accuracy(GEOMETRY.deg_to_px(deg)))
    return {
        "dwell": lambda: DwellSelector(targets),
        "dwell_growing": lambda: DwellSelector(targets, exit_growth=0.5),
        "confirm": lambda: ConfirmSelector(targets, SIZE, steady),
        "look_only": lambda: ConfirmSelector(targets, SIZE, ConfirmSettings(show_confirm=False)),
    }


def intended_choice(trigger: Trigger, by: str, targets, want: str, noise: NoisyGaze, rng):
    """A person who means to choose `want`: looks at its label, and acts on what the screen
    shows. by = "gaze" (the trigger's own way: keep looking, or look at the confirm target
    once the tile is highlighted), "switch", "blink" or "voice" (once the tile is
    highlighted, press / close the eyes long / say "this"). Returns (seconds, chosen)."""
    from kiosk.gaze.confirm import ConfirmSelector

    x, y, w, h = targets[want]
    look = (x + w * rng.uniform(0.3, 0.7), y + h * rng.uniform(0.3, 0.7))
    # Browsing first: the labels of two other tiles are read, then the wanted one.
    others = {k: v for k, v in targets.items() if k != want}
    before = menu_browsing_fixations(others, rng, 0.0, tiles=2)
    filt = OneEuroFilter2D()
    t, next_cam, point = 0.0, 0.0, None
    for gaze, seconds in before:  # any choice made while browsing is a false one
        end = t + seconds
        while t < end:
            if t >= next_cam:
                next_cam += 1 / CAMERA_HZ
                point = filt(t, noise(gaze))
            for chosen in trigger.choose(GazeSample(t, point)):
                return None, chosen
            t += 1 / UI_HZ
    t0 = t
    seen_at: float | None = None  # when the person saw the right tile highlighted
    act_at: float | None = None  # when the press / word / blink lands
    closed_until = -1.0
    while t < t0 + 8.0:
        gaze = look
        highlighted = trigger.looked_at() == want
        if seen_at is None and highlighted:
            seen_at = t
        if seen_at is not None and t >= seen_at + REACTION_S:
            if by == "gaze" and isinstance(trigger, ConfirmSelector):
                shown = trigger.confirm_target()
                if shown is not None and trigger.looked_at() == want:
                    cx, cy, cw, ch = shown[1]
                    gaze = (cx + cw / 2, cy + ch / 2)
            elif by in ("switch", "voice") and act_at is None:
                act_at = seen_at + REACTION_S + (VOICE_S if by == "voice" else 0.0)
            elif by == "blink" and act_at is None:
                act_at = seen_at + REACTION_S + DEFAULTS.long_blink_s
                closed_until = act_at
        if t >= next_cam:
            next_cam += 1 / CAMERA_HZ
            if t >= closed_until:
                point = filt(t, noise(gaze))
        frozen = seen_at is not None and t < closed_until and by == "blink"
        for chosen in trigger.choose(GazeSample(t, point, frozen)):
            if by == "gaze":
                return t - t0, chosen
        if act_at is not None and t >= act_at:
            return t - t0, trigger.looked_at()
        t += 1 / UI_HZ
    return None, None


def bench_triggers(trials: int, minutes: float) -> dict[str, float]:
    """False selections while skimming the menu and reading, and the time to an intended
    choice (median, p95), for each gaze trigger and each way to confirm, at 2 and 4 degrees
    (offset + jitter)."""
    targets, body = layout_targets()
    reading_targets = {k: v for k, v in targets.items() if not k.startswith("tile:")}
    names = list(targets)
    out: dict[str, float] = {}
    # Five minutes per simulated person: each gets their own calibration offset (its
    # direction matters: towards where a confirm target appears, or away).
    people = max(1, round(minutes / 5))
    for name in gaze_triggers(targets, 2.0):
        for deg in (2.0, 4.0):
            make = gaze_triggers(targets, deg)[name]
            rng = np.random.default_rng(42)
            read = skim = 0
            for _ in range(people):
                reading = make()
                reading.set_targets(reading_targets)
                fix = reading_fixations(body, rng, 5.0)
                read += sum(1 for _ in simulate(reading, fix, NoisyGaze(deg, "offset+jitter", rng)))
                fix = menu_browsing_fixations(targets, rng, 5.0)
                skim += sum(1 for _ in simulate(make(), fix, NoisyGaze(deg, "offset+jitter", rng)))
            out[f"{name}_reading_{deg:g}deg_false_per_5min"] = read / people
            out[f"{name}_skimming_{deg:g}deg_false_per_5min"] = skim / people
        ways = ("switch", "blink", "voice") if name == "look_only" else ("gaze",)
        for by in ways:
            for deg in (2.0, 4.0):
                make = gaze_triggers(targets, deg)[name]
                rng = np.random.default_rng(int(deg * 10))
                times, right, wrong = [], 0, 0
                for _ in range(trials):
                    want = names[rng.integers(len(names))]
                    took, chosen = intended_choice(
                        make(), by, targets, want, NoisyGaze(deg, "offset+jitter", rng), rng
                    )
                    if chosen == want:
                        right += 1
                        times.append(took)
                    elif chosen is not None:
                        wrong += 1
                key = f"{name}_{by}_{deg:g}deg" if name == "look_only" else f"{name}_{deg:g}deg"
                out[f"{key}_choice_s_median"] = pct(times, 50)
                out[f"{key}_choice_s_p95"] = pct(times, 95)
                out[f"{key}_correct_percent"] = 100 * right / trials
                out[f"{key}_wrong_percent"] = 100 * wrong / trials
    return out


# -- real webcam gaze (../shared/realgaze) ------------------------------------------------


def _loo_rule_fit(points, geometry, head_penalty):
    """Commit dd4c76a's rule (issue 21), for comparison only: from 8 points, quadratic
    iris terms only when they predict each calibration point from the others better than
    linear ones (leave one point out)."""
    from kiosk.gaze.calibration import GazeModel

    kept = [(t, s) for t, s in points if len(s) >= 2]
    degree = 1
    if len(kept) >= 8:
        misses = {1: 0.0, 2: 0.0}
        for i, (target, samples) in enumerate(kept):
            rest = [p for j, p in enumerate(kept) if j != i]
            xs = np.array([s for _, group in rest for s in group])
            ys = np.array([t for t, group in rest for _ in group])
            for d in misses:
                guess = GazeModel(degree=d, geometry=geometry, head_penalty=head_penalty)
                guess.fit(xs, ys)
                mean = guess.predict_many(np.array(samples)).mean(axis=0)
                misses[d] += math.hypot(mean[0] - target[0], mean[1] - target[1])
        degree = 2 if misses[2] < misses[1] else 1
    return _forced_fit(degree)(points, geometry, head_penalty)


def _forced_fit(degree: int | None):
    """`degree` iris terms with no prior between them (None: quadratic from 8 points,
    linear below, the rule before dd4c76a)."""

    def fit(points, geometry, head_penalty):
        from kiosk.gaze.calibration import fit_points

        fitted = fit_points(
            points,
            geometry,
            min_samples=2,
            min_points=3,
            degree=degree,
            curve_shrink=0.0,
            head_penalty=head_penalty,
        )
        return None if fitted is None else fitted[0]

    return fit


def real_variants() -> dict[str, Callable]:
    """The kiosk's mapping, then the rules it replaced, on the same splits."""
    from kiosk.gaze.realsets import kiosk_fit

    return {
        "kiosk": kiosk_fit,
        "loo_rule": _loo_rule_fit,  # dd4c76a .. e9941ac
        "quadratic": _forced_fit(None),  # from 8 points: before dd4c76a (93a2b01's rule)
        "linear": _forced_fit(1),
    }


def bench_real(variants: bool = True) -> dict[str, float]:
    """The real sets through the kiosk's own path, leave one target out (see
    kiosk.gaze.realsets for what each set measures and the viewing geometry assumed).
    Each set's figures for the kiosk's mapping; with `variants`, the per-target error,
    right cell and edge glances again under the mapping rules it replaced."""
    from functools import partial

    from kiosk.gaze.calibration import outlier_points
    from kiosk.gaze.realsets import RealSetMissing, load_all, set_figures

    try:
        sessions = load_all()
    except RealSetMissing as exc:
        print(f"real sets skipped: {exc}")
        return {}
    out: dict[str, float] = {}
    t0 = time.process_time()
    for name, fit in real_variants().items():
        if name != "kiosk" and not variants:
            continue
        by_set = set_figures(sessions, fit, outlier_points if name == "kiosk" else None)
        for group, got in by_set.items():
            keys = (
                got
                if name == "kiosk"
                else ("target_error_deg_mean", "right_3x2_cell_share", "layout_edges_share")
            )
            out.update({f"real_{group}_{name}_{k}": got[k] for k in keys})
    old_rule = partial(outlier_points, ratio=3.0)  # before issue 32
    for group, got in set_figures(sessions, outliers=old_rule).items():
        out[f"real_{group}_outlier_rule_before_points_to_ask_again_share"] = got[
            "points_to_ask_again_share"
        ]
    out["real_cpu_seconds"] = time.process_time() - t0
    return out


def bench_real_refit() -> dict[str, float]:
    """The refit from confirmed choices and its guard on real eyes: in each session with
    9 targets, for every ordered pair of left-out targets, the first is a confirmed choice
    (its look labelled with its centre, a 300x200 target around it) and the second is
    scored, with the calibration's mapping and with the refit (when the guard keeps it).
    Mean paired change of the scored target's error (degrees; < 0: the refit helped) and
    the share of refits the guard refused, per set."""
    from kiosk.gaze.calibration import feature_vector, head_penalty_for
    from kiosk.gaze.realsets import (
        RealSetMissing,
        _usable,
        calibration_points,
        kiosk_fit,
        load_all,
        set_name,
        settled,
        test_looks,
    )
    from kiosk.gaze.refit import Refitter

    try:
        sessions = [s for s in load_all() if len(s.targets) >= 9]
    except RealSetMissing as exc:
        print(f"real sets skipped: {exc}")
        return {}
    changes: dict[str, list[float]] = {}
    refused: dict[str, list[bool]] = {}
    for session in sessions:
        geometry, group = session.geometry, set_name(session)
        per_deg = geometry.deg_to_px(1.0)
        for chosen in range(len(session.targets)):
            for scored in range(len(session.targets)):
                if scored == chosen:
                    continue
                keep = [i for i in range(len(session.targets)) if i not in (chosen, scored)]
                points = calibration_points(session, keep)
                frames = [f for i in keep for _, f in settled(session.targets[i][1]) if _usable(f)]
                model = kiosk_fit(points, geometry, head_penalty_for(frames))
                if model is None:
                    continue
                refitter = Refitter()
                refitter.start(model, points)
                (cx, cy), members = session.targets[chosen]
                look = np.array([feature_vector(f) for _, f in settled(members) if _usable(f)])
                kept = refitter.confirm(0.0, (cx - 150, cy - 100, 300, 200), look, None)
                refused.setdefault(group, []).append(not kept)
                target, scored_members = session.targets[scored]
                errors = []
                for mapping in (model, refitter.model):
                    got = test_looks(mapping, scored_members)
                    errors.append(float(np.hypot(*(got.mean(axis=0) - target))) / per_deg)
                changes.setdefault(group, []).append(errors[1] - errors[0])
    out: dict[str, float] = {}
    for group, values in changes.items():
        out[f"real_refit_{group}_pairs"] = float(len(values))
        out[f"real_refit_{group}_error_change_deg_mean"] = float(np.mean(values))
        out[f"real_refit_{group}_guard_refused_percent"] = 100 * float(np.mean(refused[group]))
    return out


def bench_eyes(seeds: int) -> dict[str, float]:
    """Real eyes against the synthetic people, the same statistics of each
    (kiosk.gaze.realsets.eye_statistics): ruxailab's 9-target sessions with 20 frames or
    more a target, eyetrax, and the calibration phase of the hard and the ideal people."""
    from kiosk.gaze.realsets import RealSetMissing, eye_statistics, from_replay, load_all
    from kiosk.gaze.replay import session_from_json
    from tests.support.gaze_simulate import HARD_PEOPLE, IDEAL_PERSON, real_style_session

    groups = {}
    try:
        real = load_all()
    except RealSetMissing as exc:
        print(f"real sets skipped: {exc}")
        real = []
    groups["ruxailab_9_targets"] = [
        s for s in real if s.source == "ruxailab" and len(s.targets) >= 9 and s.frames >= 180
    ]
    groups["eyetrax"] = [s for s in real if s.source == "eyetrax"]
    for group, people in (("hard", HARD_PEOPLE), ("ideal", {"ideal": IDEAL_PERSON})):
        groups[group] = []
        for index, person in enumerate(people.values()):
            for seed in range(seeds):
                head, lines = real_style_session(person, seed=TUNING_SEED + 37 * index + seed)
                header, frames = session_from_json(head, enumerate(lines, 2))
                groups[group].append(from_replay(person.name, header, frames))
    out: dict[str, float] = {}
    for group, sessions in groups.items():
        if sessions:
            out.update({f"eyes_{group}_{k}": v for k, v in eye_statistics(sessions).items()})
    return out


def bench_typing_speed(trials: int) -> dict[str, float]:
    """Words a minute per gaze layout with the default trigger (look and confirm), issue
    32's item 5. Selections per character come from the typing cost model
    (benchmarks/typing_cost.py: the clinic messages typed through the real core in that
    layout).
    The time per selection comes from look-and-confirm choices of that layout's own targets
    at the worst accuracy it is offered for (offset+jitter noise): the mean time of an
    attempt (8 s when nothing was chosen), each wrong choice costing one more attempt
    (Back) and each failed one a retry: attempt x (1 + wrong) / right. "edges" are the
    cost model's glances (no screen point)."""
    from benchmarks.typing_cost import cost_of_messages, summary
    from kiosk.content import load_library
    from kiosk.gaze.confirm import ConfirmSelector, ConfirmSettings, steady_for_accuracy
    from kiosk.gaze.layouts import candidate_layouts

    root = Path(__file__).resolve().parents[1]
    text = (root / "benchmarks" / "data" / "clinic_messages.txt").read_text(encoding="utf-8")
    messages = [m.strip() for m in text.splitlines() if m.strip()]
    library = load_library(root / "content")
    out: dict[str, float] = {}
    for layout in candidate_layouts(GEOMETRY):
        costs = list(cost_of_messages(messages, library, "gaze", layout.name))  # type: ignore[arg-type]
        characters = sum(c.characters for c in costs)
        per_char = sum(c.selections for c in costs) / characters
        out[f"typing_{layout.name}_selections_per_character"] = per_char
        if layout.name == "edges":
            out["typing_edges_words_per_minute"] = summary(costs)["words_per_minute"]
            continue
        deg = layout.max_error_deg
        steady = ConfirmSettings(steady_px=steady_for_accuracy(GEOMETRY.deg_to_px(deg)))
        rng = np.random.default_rng(32)
        seconds, right, wrong = [], 0, 0
        for _ in range(trials):
            want = str(rng.choice(list(layout.rects)))
            trigger = ConfirmSelector(layout.rects, SIZE, steady)
            noise = NoisyGaze(deg, "offset+jitter", rng)
            took, chosen = intended_choice(trigger, "gaze", layout.rects, want, noise, rng)
            seconds.append(8.0 if took is None else took)
            right += chosen == want
            wrong += chosen is not None and chosen != want
        attempt = float(np.mean(seconds))
        share_right, share_wrong = right / trials, wrong / trials
        per_selection = attempt * (1 + share_wrong) / max(share_right, 1e-9)
        out[f"typing_{layout.name}_at_deg"] = deg
        out[f"typing_{layout.name}_choice_right_percent"] = 100 * share_right
        out[f"typing_{layout.name}_choice_wrong_percent"] = 100 * share_wrong
        out[f"typing_{layout.name}_seconds_per_selection"] = per_selection
        out[f"typing_{layout.name}_words_per_minute"] = 60 / (per_char * per_selection) / 5
    return out


# Seed sets of the synthetic people: the head-frame features and the head prior were chosen
# on TUNING_SEED sessions; KEPT_ASIDE_SEED sessions were not looked at until the choice was
# made ("fit on some people, report on others").
TUNING_SEED, KEPT_ASIDE_SEED = 700, 4000


def _people_figures(group: str, sessions: list[dict]) -> dict[str, float]:
    errors = np.array([got["target_error_deg_mean"] for got in sessions])
    hits = [got["target_tile_hit"] for got in sessions if got["target_tile_hit"] is not None]
    labels = [got["label"] for got in sessions if got["label"] is not None]
    chosen = [got["layout"] for got in sessions]
    halves = GEOMETRY_LAYOUT_LIMITS["halves"]
    out = {
        f"{group}_sessions": float(len(sessions)),
        f"{group}_target_error_deg_median": float(np.median(errors)),
        f"{group}_target_error_deg_mean": float(np.mean(errors)),
        f"{group}_target_error_deg_p95": pct(errors, 95),
        f"{group}_target_error_deg_horizontal_mean": float(
            np.mean([got["target_error_deg_h"] for got in sessions])
        ),
        f"{group}_target_error_deg_vertical_mean": float(
            np.mean([got["target_error_deg_v"] for got in sessions])
        ),
        f"{group}_above_halves_limit_percent": 100 * float(np.mean(errors > halves)),
        f"{group}_target_right_tile_percent_where_tiles": (
            100 * float(np.mean(hits)) if hits else math.nan
        ),
        f"{group}_label_look_right_tile_percent": (
            100 * float(np.mean(labels)) if labels else math.nan
        ),
    }
    for name in ("tiles", "large", "halves", "edges"):
        out[f"{group}_layout_{name}_percent"] = 100 * chosen.count(name) / len(chosen)
    out[f"{group}_calibration_points_to_ask_again_mean"] = float(
        np.mean([got["calibration_points_to_ask_again"] for got in sessions])
    )
    return out


GEOMETRY_LAYOUT_LIMITS: dict[str, float] = {}


def bench_people(seeds: int) -> dict[str, float]:
    """Synthetic webcam people as hard as the real recording (HARD_PEOPLE) first, on the
    seeds the choices were tuned on and on seeds kept aside, then the kind ideal person,
    each through the kiosk's own replay path: per-target error (median, mean, p95;
    horizontal and vertical), the share of calibrations worse than the "halves" limit,
    targets in the right tile of the layout chosen (and looks at tile middles), how often
    each layout is chosen, and the calibration points the kiosk would ask again. Each
    group again as before the head-frame features ("_image": the iris measured in the
    image, the looser head prior), from the same sessions."""
    from kiosk.gaze.layouts import candidate_layouts
    from kiosk.gaze.replay import label_look_hits, replay_looks, session_from_json, summarise
    from tests.support.gaze_simulate import HARD_PEOPLE, IDEAL_PERSON, real_style_session

    candidates = candidate_layouts(GEOMETRY)
    layouts = {layout.name: layout.rects for layout in candidates}
    GEOMETRY_LAYOUT_LIMITS.update({layout.name: layout.max_error_deg for layout in candidates})
    out: dict[str, float] = {}
    for group, people, base in (
        ("hard_tuning", HARD_PEOPLE, TUNING_SEED),
        ("hard_kept_aside", HARD_PEOPLE, KEPT_ASIDE_SEED),
        ("ideal", {"ideal": IDEAL_PERSON}, TUNING_SEED),
    ):
        runs: dict[bool, list[dict]] = {True: [], False: []}
        for index, person in enumerate(people.values()):
            for seed in range(seeds):
                head, lines = real_style_session(person, seed=base + 37 * index + seed)
                header, frames = session_from_json(head, enumerate(lines, 2))
                for head_frame in runs:
                    info: dict[str, int] = {}
                    looks = replay_looks(header, frames, "corner", info, head_frame=head_frame)
                    got = summarise(header.geometry, len(frames), looks, info)
                    got["label"] = label_look_hits(looks, layouts[got["layout"]])
                    runs[head_frame].append(got)
        out.update(_people_figures(group, runs[True]))
        out.update(_people_figures(f"{group}_image", runs[False]))
    return out


def bench_calibration(seeds: int) -> dict[str, float]:
    out: dict[str, float] = {}
    for kind in ("quick", "full", 13):
        still, moved, durations = [], [], []
        for seed in range(seeds):
            eye = SyntheticEye(seed=seed)
            session = run_calibration(eye, kind)
            durations.append(session._now)
            still.append(evaluate(eye, session, move_mm=0, turn_deg=0)["median_deg"])
            moved.append(evaluate(eye, session, move_mm=30, turn_deg=4)["median_deg"])
        out[f"calibration_{kind}_seconds"] = float(np.mean(durations))
        out[f"calibration_{kind}_median_error_deg_head_still"] = float(np.mean(still))
        out[f"calibration_{kind}_median_error_deg_head_moved_3cm_4deg"] = float(np.mean(moved))
    return out


def bench_replay(seeds: int) -> dict[str, float]:
    """Real-style sessions (9-point calibration, 11 test targets) from the landmark-level
    synthetic face, replayed through the kiosk's own path, per kind of person; with the old
    lid-relative vertical feature beside the kiosk's corner-line one.

    Beside the share of test targets in the right tile of the layout chosen, the same share
    in each layout (what another choice would have scored on these targets) and the share
    of looks at the middle of a tile (where its label is) that stay in it, from the same
    measured errors: the test targets sit at fixed places, some near the edge of a larger
    layout's controls, where any error of a degree or so leaves the tile."""
    from kiosk.gaze.layouts import candidate_layouts
    from kiosk.gaze.replay import (
        label_look_hits,
        replay,
        replay_looks,
        session_from_json,
        summarise,
        tile_hits,
    )
    from tests.support.gaze_simulate import PEOPLE, real_style_session

    layouts = {layout.name: layout for layout in candidate_layouts(GEOMETRY)}
    fixed = ("tiles", "large", "halves")
    out: dict[str, float] = {}
    all_target, all_hit, all_lid, all_label = [], [], [], []
    for index, (name, person) in enumerate(PEOPLE.items()):
        target, frame_err, hit, grid, lid, label = [], [], [], [], [], []
        by_layout: dict[str, list[float]] = {n: [] for n in fixed}
        chosen = []
        for seed in range(seeds):
            head, lines = real_style_session(person, seed=100 + 10 * index + seed)
            header, frames = session_from_json(head, enumerate(lines, 2))
            looks = replay_looks(header, frames)
            got = summarise(header.geometry, len(frames), looks)
            target.append(got["target_error_deg_mean"])
            frame_err.append(got["error_deg_median"])
            hit.append(got["target_tile_hit"] if got["target_tile_hit"] is not None else 0.0)
            grid.append(got["target_grid3x2_hit"])
            chosen.append(got["layout"])
            label.append(label_look_hits(looks, layouts[got["layout"]].rects) or 0.0)
            for n in fixed:
                by_layout[n].append(tile_hits(looks, layouts[n].rects) or 0.0)
            lid.append(replay(header, frames, vertical="lid")["target_error_deg_mean"])
        out[f"replay_{name}_target_error_deg_median"] = float(np.median(target))
        out[f"replay_{name}_target_error_deg_p95"] = pct(target, 95)
        out[f"replay_{name}_frame_error_deg_median"] = float(np.median(frame_err))
        out[f"replay_{name}_target_tile_hit_percent"] = 100 * float(np.mean(hit))
        for n in fixed:
            out[f"replay_{name}_target_tile_hit_percent_if_{n}"] = 100 * float(
                np.mean(by_layout[n])
            )
        out[f"replay_{name}_label_look_hit_percent"] = 100 * float(np.mean(label))
        out[f"replay_{name}_sessions_in_larger_layouts"] = float(
            sum(c in ("large", "halves") for c in chosen)
        )
        out[f"replay_{name}_target_grid3x2_hit_percent"] = 100 * float(np.mean(grid))
        out[f"replay_{name}_old_lid_feature_target_error_deg"] = float(np.median(lid))
        all_target += target
        all_hit += hit
        all_lid += lid
        all_label += label
    out["replay_all_target_error_deg_median"] = float(np.median(all_target))
    out["replay_all_target_error_deg_p95"] = pct(all_target, 95)
    out["replay_all_target_tile_hit_percent"] = 100 * float(np.mean(all_hit))
    out["replay_all_label_look_hit_percent"] = 100 * float(np.mean(all_label))
    out["replay_all_old_lid_feature_target_error_deg_median"] = float(np.median(all_lid))
    return out


# -- refining the mapping from confirmed choices ------------------------------------------

REFIT_USES = 40  # choices each simulated person makes after the calibration
REFIT_ACCIDENTS = 0.1  # share of choices where a wrong tile is confirmed first, then undone


def _target_groups(rows, phase: str):
    """The replay's settled groups of one phase, (target, [(t, features)]), frames without
    an iris left out."""
    from kiosk.gaze.replay import target_groups

    return [
        (target, [(frame.t, f) for frame, f in members if f.face and not f.blink and f.has_iris])
        for target, members in target_groups(rows, phase)
    ]


class _Strategy:
    """One way of learning from confirmed choices, as the kiosk's controller does it: the
    calibration alone, the drift offset (kiosk.gaze.drift), or the refit (kiosk.gaze.refit)
    with the offset only when the guard refuses a refit."""

    def __init__(self, how: str, model, calibration, settings) -> None:
        from kiosk.gaze.drift import DriftCorrector
        from kiosk.gaze.refit import Refitter

        self.how, self.model = how, model
        self.drift = DriftCorrector()
        self.refit = Refitter(settings)
        if how.startswith("refit"):
            self.refit.start(model, calibration)

    def points(self, looks) -> np.ndarray:
        """Raw model points of a look's frames (the drift corrector observes them)."""
        from kiosk.gaze.calibration import feature_vector

        x = np.array([feature_vector(f) for _, f in looks])
        raw = self.model.predict_many(x)
        for (t, _), p in zip(looks, raw):
            self.drift.observe(t, (float(p[0]), float(p[1])))
        return raw + self.drift.offset

    def learn(self, rect, looks, estimate) -> None:
        from kiosk.gaze.calibration import feature_vector

        until = looks[-1][0]
        if self.how == "drift":
            self.drift.confirm(rect, until)
        elif self.how.startswith("refit"):
            window = [f for t, f in looks if t >= until - 0.6]
            x = np.array([feature_vector(f) for f in window])
            if self.refit.confirm(until, rect, x, estimate):
                self.model = self.refit.model
                self.drift.absorb()  # the mapping now holds what the offset held
            elif self.how.endswith("+drift"):
                self.drift.confirm(rect, until)

    def undo(self, now: float) -> None:
        if self.refit.undo(now):
            self.model = self.refit.model
        self.drift.undo()


def _refit_session(person, seed: int, rects, strategies: dict) -> dict[str, list]:
    """A person calibrates (9 points), then makes REFIT_USES choices of random targets,
    looking somewhere in the middle of each (where labels are); the posture drifts slowly
    all through. Each choice is confirmed on the tile the kiosk places the look in; a wrong
    one is undone (Back), and now and then a wrong tile is confirmed by accident first and
    undone. Per strategy: each choice's error (degrees) and whether its tile was right."""
    from kiosk.gaze.calibration import clean_samples, feature_vector, fit_points
    from kiosk.gaze.layouts import containing_rect, nearest_rect
    from kiosk.gaze.replay import frame_features, session_from_json
    from tests.support.gaze_simulate import real_style_session

    rng = np.random.default_rng(seed)
    names = list(rects)
    plan = []
    for _ in range(REFIT_USES):
        x, y, w, h = rects[names[rng.integers(len(names))]]
        plan.append((x + w * rng.uniform(0.3, 0.7), y + h * rng.uniform(0.3, 0.7)))
    accidents = rng.random(REFIT_USES) < REFIT_ACCIDENTS
    others = rng.integers(1, len(names), REFIT_USES)
    head, lines = real_style_session(
        person, seed=seed, test_targets=plan, seconds_per_target=1.8, only_used_points=True
    )
    header, frames = session_from_json(head, enumerate(lines, 2))
    rows = list(frame_features(frames, header))
    calibration = [
        (target, clean_samples([feature_vector(f) for _, f in looks]))
        for target, looks in _target_groups(rows, "calibration")
    ]
    fitted = fit_points(calibration, GEOMETRY, min_samples=2, min_points=3)
    if fitted is None:
        return {}
    uses = _target_groups(rows, "test")
    out: dict[str, list] = {name: [] for name in strategies}
    for name, settings in strategies.items():
        s = _Strategy(name.split(":")[0], fitted[0], calibration, settings)
        for i, (target, looks) in enumerate(uses):
            if len(looks) < 3:
                continue
            estimate = s.points(looks).mean(axis=0)
            est = (float(estimate[0]), float(estimate[1]))
            want = containing_rect(target, rects) or nearest_rect(target, rects)
            got = nearest_rect(est, rects)
            error = GEOMETRY.px_to_deg(float(np.hypot(*(estimate - np.asarray(target)))))
            out[name].append((i, error, got == want, s.refit.last_fit_ms))
            if accidents[i]:  # a wrong tile confirmed by accident, then Back
                wrong = names[(names.index(want) + others[i]) % len(names)]
                s.learn(rects[wrong], looks, est)
                s.undo(looks[-1][0] + 1.0)
            s.learn(rects[got], looks, est)
            if got != want:
                s.undo(looks[-1][0] + 1.0)
    return out


def refit_strategies() -> dict[str, object]:
    """The strategies compared: name -> RefitSettings (None for those without a refit)."""
    from dataclasses import replace

    from kiosk.gaze.refit import RefitSettings

    base = RefitSettings()
    return {
        "none": None,
        "drift": None,
        "refit": base,
        "refit+drift": base,
        "refit:weight2": replace(base, weight=2.0),
        "refit:looks40": replace(base, max_looks=40),
        "refit:inner": replace(base, label="inner"),
        "refit:nearest": replace(base, label="nearest"),
        "refit:unguarded": replace(base, max_worse_deg=99.0, max_shift_deg=99.0),
    }


REFIT_BLOCKS = ((0, 5), (5, 10), (10, 20), (20, 40))  # choices 1-5, 6-10, 11-20, 21-40


def bench_refit(seeds: int) -> dict[str, float]:
    """Refining the mapping from confirmed choices (issue 21): the hard synthetic people
    (then the ideal one) calibrate, then use the kiosk with slow posture drift. For the
    calibration alone, the drift offset alone and the refit (with its variants), over
    choices 1-5, 6-10, 11-20 and 21-40: each choice's error (median, degrees; the look's
    own landing error included), the change against the calibration alone on the same
    looks (mean, paired: the landing error cancels), and the right tile in the "tiles"
    layout; and the refit's time."""
    from kiosk.gaze.layouts import kiosk_rects
    from tests.support.gaze_simulate import HARD_PEOPLE, IDEAL_PERSON

    rects = kiosk_rects(SIZE, "tiles")
    strategies = refit_strategies()
    out: dict[str, float] = {}
    for group, people in (("hard", HARD_PEOPLE), ("ideal", {"ideal": IDEAL_PERSON})):
        got: dict[str, dict] = {name: {} for name in strategies}
        for index, person in enumerate(people.values()):
            for seed in range(seeds):
                part = _refit_session(person, 900 + 41 * index + seed, rects, strategies)
                for name, rows in part.items():
                    got[name].update({(index, seed, r[0]): r[1:] for r in rows})
        for name, rows in got.items():
            for lo, hi in REFIT_BLOCKS:
                keys = [k for k in rows if lo <= k[2] < hi]
                if not keys:
                    continue
                key = f"refit_{group}_{name}_choices{lo + 1}-{hi}"
                out[f"{key}_error_deg_median"] = float(np.median([rows[k][0] for k in keys]))
                change = [rows[k][0] - got["none"][k][0] for k in keys if k in got["none"]]
                out[f"{key}_change_deg_mean"] = float(np.mean(change))
                out[f"{key}_right_tile_percent"] = 100 * float(np.mean([rows[k][1] for k in keys]))
            times = [r[2] for r in rows.values() if r[2] > 0]
            if times:
                out[f"refit_{group}_{name}_fit_ms_median"] = pct(times, 50)
                out[f"refit_{group}_{name}_fit_ms_p95"] = pct(times, 95)
    return out


def _print_figures(figures: dict[str, float]) -> None:
    for key, value in figures.items():
        print(f"{key:58s} {value:10.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter run")
    parser.add_argument(
        "--triggers-only", action="store_true", help="only the comparison of triggers"
    )
    parser.add_argument(
        "--people-only", action="store_true", help="only the hard and the ideal synthetic people"
    )
    parser.add_argument(
        "--replay-only", action="store_true", help="only the replay of real-style sessions"
    )
    parser.add_argument(
        "--real",
        action="store_true",
        help="only the real webcam sets (../shared/realgaze), then the synthetic people",
    )
    parser.add_argument(
        "--typing-only",
        action="store_true",
        help="only words a minute per gaze layout with look and confirm",
    )
    parser.add_argument(
        "--refit-only",
        action="store_true",
        help="only refining the mapping from confirmed choices",
    )
    parser.add_argument(
        "--seeds",
        type=int,
        metavar="N",
        help="sessions per synthetic person (8; --quick 3); at most 37, where the people's "
        "seeds would meet",
    )
    args = parser.parse_args()
    seconds, trials, minutes, seeds = (5, 150, 10, 3) if args.quick else (15, 500, 60, 8)
    if args.seeds is not None:
        if not 1 <= args.seeds <= 37:
            parser.error("--seeds must be 1 to 37")
        seeds = args.seeds
    only = {
        args.refit_only: lambda: bench_refit(seeds),
        args.people_only: lambda: bench_people(seeds),
        args.triggers_only: lambda: bench_triggers(trials // 2, minutes),
        args.replay_only: lambda: bench_replay(seeds),
        args.typing_only: lambda: bench_typing_speed(trials // 5),
    }
    if args.real:
        for name, fn in (
            ("real webcam sets (../shared/realgaze)", bench_real),
            ("refit from a confirmed choice, on real eyes", bench_real_refit),
            ("real eyes against the synthetic people", lambda: bench_eyes(min(seeds, 3))),
            ("hard webcam people, then the ideal one", lambda: bench_people(seeds)),
        ):
            t0 = time.monotonic()
            part = fn()
            print(f"## {name} ({time.monotonic() - t0:.0f} s)")
            _print_figures(part)
            sys.stdout.flush()
        return 0
    if True in only:  # the first part asked for alone
        _print_figures(only[True]())
        return 0
    figures: dict[str, float] = {}
    for name, fn, arg in (
        ("real webcam sets (../shared/realgaze)", lambda _: bench_real(), None),
        ("speed", bench_speed, seconds),
        ("accuracy", bench_accuracy, trials),
        ("reading", bench_reading, minutes),
        ("triggers", lambda _: bench_triggers(trials // 2, minutes), None),
        ("hard webcam people, then the ideal one", bench_people, seeds),
        ("refining the mapping from confirmed choices", bench_refit, seeds),
        ("calibration", bench_calibration, seeds),
        ("replay of real-style sessions", bench_replay, seeds),
    ):
        t0 = time.monotonic()
        part = fn(arg)
        figures.update(part)
        print(f"## {name} ({time.monotonic() - t0:.0f} s)")
        _print_figures(part)
        sys.stdout.flush()
    checks = {
        ">= 25 frames/s with the interface drawing": figures["camera_30fps_gaze_fps"] >= 25,
        "p95 < 20 ms per frame (capture to gaze point)": figures[
            "camera_30fps_capture_to_point_ms_p95"
        ]
        < 20,
        ">= 98% correct at 2 degrees (offset+jitter)": figures["offset+jitter_2deg_correct_percent"]
        >= 98,
        "<= 1 false selection per 5 min of reading": figures["reading_2deg_false_per_5min"] <= 1,
        "replay: per-target error <= 3 degrees (p95 over people and seeds)": figures[
            "replay_all_target_error_deg_p95"
        ]
        <= 3,
        "replay: >= 95% of targets in the right tile": figures["replay_all_target_tile_hit_percent"]
        >= 95,
    }
    print("## targets")
    for text, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
