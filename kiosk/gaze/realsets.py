"""Real webcam gaze sets (../shared/realgaze) replayed through the kiosk's own gaze path.

Two MIT-licensed sets of real people looking at known points (see their README):
- ruxailab: 40 calibration sessions of a web eye tracker, the two MediaPipe iris centres
  in camera pixels and the target in CSS pixels. No eye corners, no head pose: the iris
  positions are taken as the eye features with the head held still (each divided by the
  session's eye width, the median distance between the irises times 30/63), so these
  sessions test the mapping, the calibration's outlier rule, the filter and the layout
  choice on real iris noise; they cannot test the eye features themselves, and a head that
  moves shows up here as gaze error.
- eyetrax: one person, 9 targets, 161 MediaPipe landmarks already in the head's own frame
  (EyeTrax's axes: eye corner 33 to 263, nose tip to the top of the head) with the head's
  rotation. The kiosk's own feature code measures the iris on those landmarks (its
  head-frame eye features without the rotation to undo), and the head terms get the
  rotation converted to the kiosk's yaw, pitch and roll. EyeTrax removed the head's place
  and size, so the head-position terms see none.

Neither set has timestamps: frames are taken at 30 a second (EyeTrax captures for 1 s per
target, 22-30 frames). Screens: ruxailab's targets sit symmetrically in a browser viewport
(its width and height are the largest target plus the smallest), CSS pixels taken at their
nominal 1/96 inch; eyetrax's 1920x1200 screen as a 24-inch monitor; both seen from 60 cm.

Splits like the kiosk's test phase: leave one target out, calibrate on the others (the
kiosk's cleaning, outlier rule and fit), and score the left-out target through the One Euro
filter. Errors are measured in degrees on the recording's screen; the layout, its tiles and
the 3x2 grid are then judged on the kiosk's own screen (24 inches at 60 cm, 1920x1080):
each target at the same place on the screen as a share of its size, each gaze point off it
by the same angle.
"""

from __future__ import annotations

import csv
import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.gaze.blink import EyeOpenness
from kiosk.gaze.calibration import (
    HEAD_PENALTY,
    ScreenGeometry,
    clean_samples,
    feature_vector,
    fit_points,
    head_penalty_for,
)
from kiosk.gaze.face import EyeFeatures, features_from_landmarks, pose_from_axes
from kiosk.gaze.filters import OneEuroFilter2D
from kiosk.gaze.replay import TargetLooks, summarise
from kiosk.timings import SETTLE_S

FPS = 30.0
CSS_PX_PER_INCH = 96.0
DISTANCE_CM = 60.0
KIOSK_GEOMETRY = ScreenGeometry((1920, 1080), 24.0, 60.0)
_EYE_WIDTH_PER_IRIS_GAP = 30.0 / 63.0  # eye width over the distance between the pupils
MIN_FRAMES = 4  # a target with fewer frames cannot be a calibration point (the kiosk's 4)
_REPO = Path(__file__).resolve().parents[2]


def default_dir() -> Path:
    """shared/realgaze beside the repository (as CI has it), or beside a folder above it
    (a git worktree kept under the main clone's parent)."""
    for parent in _REPO.parents:
        candidate = parent / "shared" / "realgaze"
        if candidate.is_dir():
            return candidate
    return _REPO.parent / "shared" / "realgaze"


Point = tuple[float, float]
# (target, [(time, features)]) per target, in the order they were shown.
Targets = list[tuple[Point, list[tuple[float, EyeFeatures]]]]
# (calibration points, the recording's screen, the head prior its features call for)
Fitter = Callable[[Sequence[tuple[Point, Sequence[np.ndarray]]], ScreenGeometry, float], Any]


@dataclass(frozen=True)
class RealSession:
    name: str
    source: str  # "ruxailab" or "eyetrax"
    geometry: ScreenGeometry
    targets: Targets = field(repr=False)

    @property
    def frames(self) -> int:
        return sum(len(members) for _, members in self.targets)


class RealSetMissing(FileNotFoundError):
    """The real gaze sets are not beside the repository."""


def _check_dir(path: Path) -> None:
    if not path.is_dir():
        raise RealSetMissing(
            f"the real gaze sets are not at {path}: put shared/realgaze beside the repository"
        )


def _runs(points: Sequence[Point]) -> list[tuple[Point, list[int]]]:
    """Consecutive frames with the same target: (target, frame indices)."""
    runs: list[tuple[Point, list[int]]] = []
    for i, point in enumerate(points):
        if not runs or runs[-1][0] != point:
            runs.append((point, []))
        runs[-1][1].append(i)
    return runs


def load_ruxailab(directory: Path | None = None) -> list[RealSession]:
    """The ruxailab sessions that can be split: at least five targets with MIN_FRAMES
    frames each. A session repeated under another name (the same numbers) counts once."""
    directory = (directory or default_dir()) / "ruxailab"
    _check_dir(directory)
    sessions, seen = [], set()
    for path in sorted(directory.glob("*fixed_train_data.csv")):
        rows = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
        digest = hashlib.sha1(rows.tobytes()).hexdigest()
        if digest in seen or rows.shape[1] != 6:
            continue
        seen.add(digest)
        targets = [(float(x), float(y)) for x, y in rows[:, 4:6]]
        runs = [(t, ids) for t, ids in _runs(targets) if len(ids) >= MIN_FRAMES]
        if len(runs) < 5:
            continue
        size = (
            round(max(t[0] for t in targets) + min(t[0] for t in targets)),
            round(max(t[1] for t in targets) + min(t[1] for t in targets)),
        )
        geometry = ScreenGeometry(size, math.hypot(*size) / CSS_PX_PER_INCH, DISTANCE_CM)
        eye_width = float(np.median(np.hypot(*(rows[:, 0:2] - rows[:, 2:4]).T)))
        eye_width *= _EYE_WIDTH_PER_IRIS_GAP
        name = path.name.removesuffix("fixed_train_data.csv").rstrip("_") or path.stem
        sessions.append(
            RealSession(
                name,
                "ruxailab",
                geometry,
                [(t, [_iris_frame(i, rows[i], eye_width) for i in ids]) for t, ids in runs],
            )
        )
    return sessions


def _iris_frame(index: int, row: np.ndarray, eye_width: float) -> tuple[float, EyeFeatures]:
    # The file's "right" iris is the one on the image's left: the kiosk's left eye.
    return index / FPS, EyeFeatures(
        face=True,
        left_iris=(row[2] / eye_width, row[3] / eye_width),
        right_iris=(row[0] / eye_width, row[1] / eye_width),
        left_open=0.3,
        right_open=0.3,
        face_center=(0.5, 0.5),
        scale=0.1,
    )


# The landmarks' pixel placement in a notional 640x480 frame: the head's frame scaled so
# the eye corners 33 and 263 are 100 px apart, upright (image y runs down).
_FRAME = (640, 480)
_PX_PER_UNIT = 100.0


def load_eyetrax(directory: Path | None = None) -> RealSession:
    directory = (directory or default_dir()) / "eyetrax"
    _check_dir(directory)
    ids = [int(v) for v in (directory / "feature_landmarks.txt").read_text().split()]
    with (directory / "calibration_data.csv").open(newline="") as table:
        rows = np.array([[float(v) for v in row] for row in list(csv.reader(table))[1:]])
    points = [(float(x), float(y)) for x, y in rows[:, 0:2]]
    landmarks = rows[:, 2 : 2 + 3 * len(ids)].reshape(len(rows), len(ids), 3)
    angles = rows[:, 2 + 3 * len(ids) :]
    openness = EyeOpenness()
    frames = []
    for i, (head, turn) in enumerate(zip(landmarks, angles, strict=True)):
        pts = np.full((478, 2), np.nan)
        pts[ids, 0] = _FRAME[0] / 2 + head[:, 0] * _PX_PER_UNIT
        pts[ids, 1] = _FRAME[1] / 2 - head[:, 1] * _PX_PER_UNIT
        f = features_from_landmarks(pts, *_FRAME, eyetrax_head_deg(*turn))
        frames.append((i / FPS, replace(f, closed=openness.update(i / FPS, f))))
    targets = [(t, [frames[i] for i in run]) for t, run in _runs(points)]
    geometry = ScreenGeometry((1920, 1200), 24.0, DISTANCE_CM)
    return RealSession("eyetrax", "eyetrax", geometry, targets)


def eyetrax_head_deg(yaw: float, pitch: float, roll: float) -> tuple[float, float, float]:
    """EyeTrax's three angles (a z-y-x decomposition of its head axes in the camera's
    x right, y down, z away frame) as the kiosk's yaw, pitch and roll in degrees."""
    rotation = _rot_z(yaw) @ _rot_y(pitch) @ _rot_x(roll)
    right, up = rotation[:, 0], rotation[:, 1]
    kiosk = pose_from_axes((right, -up))  # the kiosk's y axis runs down the face
    return tuple(math.degrees(v) for v in kiosk)  # type: ignore[return-value]


def _rot_x(a: float) -> np.ndarray:
    c, s = math.cos(a), math.sin(a)
    return np.array([[1, 0, 0], [0, c, -s], [0, s, c]])


def _rot_y(a: float) -> np.ndarray:
    c, s = math.cos(a), math.sin(a)
    return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])


def _rot_z(a: float) -> np.ndarray:
    c, s = math.cos(a), math.sin(a)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


def load_all(directory: Path | None = None) -> list[RealSession]:
    return [*load_ruxailab(directory), load_eyetrax(directory)]


# -- replay -------------------------------------------------------------------------------


def _usable(f: EyeFeatures) -> bool:
    return f.face and not f.blink and f.has_iris


def settled(members: list[tuple[float, EyeFeatures]]) -> list[tuple[float, EyeFeatures]]:
    """A target's frames after the eyes' travel, as the kiosk's replay skips it."""
    start, end = members[0][0], members[-1][0]
    skip = min(SETTLE_S, (end - start) / 2)
    return [(t, f) for t, f in members if t >= start + skip]


def calibration_points(
    session: RealSession, keep: Sequence[int]
) -> list[tuple[Point, list[np.ndarray]]]:
    """The kiosk's cleaned calibration samples of these targets."""
    return [
        (
            session.targets[i][0],
            clean_samples(
                [feature_vector(f) for _, f in settled(session.targets[i][1]) if _usable(f)]
            ),
        )
        for i in keep
    ]


def kiosk_fit(
    points: Sequence[tuple[Point, Sequence[np.ndarray]]],
    geometry: ScreenGeometry,
    head_penalty: float = HEAD_PENALTY,
) -> Any:
    fitted = fit_points(points, geometry, min_samples=2, min_points=3, head_penalty=head_penalty)
    return None if fitted is None else fitted[0]


def test_looks(model: Any, members: list[tuple[float, EyeFeatures]]) -> np.ndarray:
    """The filtered gaze points of a test target's settled frames (model -> One Euro)."""
    filt = OneEuroFilter2D()
    got = []
    for t, f in members:
        if _usable(f):
            raw = model.predict(f)
            if raw is not None:
                got.append(filt(t, raw))
    # The filter runs from the target's first frame (as live, the eyes arrive moving);
    # the settled frames are scored.
    start = settled(members)[0][0]
    times = [t for t, f in members if _usable(f)]
    return np.array([p for p, t in zip(got, times, strict=True) if t >= start])


def on_kiosk_screen(looks: TargetLooks, geometry: ScreenGeometry) -> TargetLooks:
    """The same looks on the kiosk's screen: each target at the same share of the screen,
    each gaze point off it by the same angle (horizontally and vertically)."""
    w, h = geometry.size
    kw, kh = KIOSK_GEOMETRY.size
    out: TargetLooks = []
    for (tx, ty), points in looks:
        target = (tx / w * kw, ty / h * kh)
        off = points - np.array([tx, ty])
        deg = np.vectorize(geometry.px_to_deg)(off) if len(off) else off
        moved = np.vectorize(KIOSK_GEOMETRY.deg_to_px)(deg) if len(off) else off
        out.append((target, moved + np.array(target)))
    return out


def replay_split(
    session: RealSession,
    test: Sequence[int],
    fitter: Fitter = kiosk_fit,
    outliers: Callable[..., list[int]] | None = None,
    drop_outliers: bool = False,
) -> dict[str, Any] | None:
    """Calibrate on every target but `test`, score the `test` targets; the figures of
    kiosk.gaze.replay.summarise on the kiosk's screen, plus each target's error in degrees
    on the recording's own screen ("offsets_deg"). None when the split cannot be fit.
    `outliers`: the kiosk's rule for points to ask again; a recording cannot ask, so with
    `drop_outliers` their look is left out of the fit (as the kiosk drops a point's first
    look when it asks again)."""
    keep = [i for i in range(len(session.targets)) if i not in test]
    points = calibration_points(session, keep)
    info: dict[str, int] = {}
    if outliers is not None:
        seen = [len(settled(session.targets[i][1])) for i in keep]
        asked = outliers(points, seen, session.geometry, MIN_FRAMES)
        info["outliers"] = len(asked)
        if drop_outliers:
            points = [p for k, p in enumerate(points) if k not in asked]
    penalty = head_penalty_for(
        f for i in keep for _, f in settled(session.targets[i][1]) if _usable(f)
    )
    model = fitter(points, session.geometry, penalty)
    if model is None:
        return None
    looks: TargetLooks = []
    for i in test:
        target, members = session.targets[i]
        got = test_looks(model, members)
        if len(got):
            looks.append((target, got))
    if not looks:
        return None
    figures = summarise(
        KIOSK_GEOMETRY, session.frames, on_kiosk_screen(looks, session.geometry), info
    )
    figures["degree"] = getattr(model, "degree", 0)
    figures["calibration_points"] = len(keep)
    figures["offsets_deg"] = [
        (
            math.copysign(session.geometry.px_to_deg(abs(dx)), dx),
            math.copysign(session.geometry.px_to_deg(abs(dy)), dy),
        )
        for (tx, ty), p in looks
        for dx, dy in [p.mean(axis=0) - np.array([tx, ty])]
    ]
    return figures


def leave_one_out(
    session: RealSession,
    fitter: Fitter = kiosk_fit,
    outliers: Callable[..., list[int]] | None = None,
    drop_outliers: bool = False,
) -> list[dict[str, Any]]:
    """One split per target: the others calibrate, it is scored."""
    splits = (
        replay_split(session, [i], fitter, outliers, drop_outliers)
        for i in range(len(session.targets))
    )
    return [s for s in splits if s is not None]


def tuning_group(session: RealSession) -> str:
    """ "tuning" or "report": ruxailab sessions by the first letter of their name (digits
    and a-m tune; the others, and eyetrax's person, only report). Names that begin alike
    (mask, mask2, mascara) stay on one side, as they may be one person."""
    first = session.name[:1].lower()
    if session.source == "ruxailab" and (first.isdigit() or "a" <= first <= "m"):
        return "tuning"
    return "report"


def set_name(session: RealSession) -> str:
    """The group a session is reported in: "eyetrax", "ruxailab_tuning", "ruxailab_report"."""
    return "eyetrax" if session.source == "eyetrax" else f"ruxailab_{tuning_group(session)}"


def _share(values: Sequence[Any]) -> float:
    known = [float(v) for v in values if v is not None]
    return float(np.mean(known)) if known else math.nan


def _asked_share(splits: Sequence[dict[str, Any]]) -> float:
    """The share of calibration points the kiosk would ask again, where it checks (from
    five points)."""
    checked = [s for s in splits if s["calibration_points"] >= 5]
    points = sum(s["calibration_points"] for s in checked)
    asked = sum(s.get("calibration_points_to_ask_again", 0) for s in checked)
    return asked / points if points else math.nan


def figures(splits: Sequence[dict[str, Any]]) -> dict[str, float]:
    """A group's figures over its splits: per-target error (degrees on the recording's
    screen: mean, median, p95, horizontal and vertical apart), test targets in the right
    cell of a 3x2 grid and in the right tile of the layout chosen, how often each layout is
    chosen, and the calibration points the kiosk would ask again."""
    errors = np.array([math.hypot(*o) for s in splits for o in s["offsets_deg"]])
    offsets = np.abs(np.array([o for s in splits for o in s["offsets_deg"]]))
    chosen = [s["layout"] for s in splits]
    out = {
        "splits": float(len(splits)),
        "target_error_deg_mean": float(errors.mean()),
        "target_error_deg_median": float(np.median(errors)),
        "target_error_deg_p95": float(np.percentile(errors, 95)),
        "target_error_deg_horizontal_mean": float(offsets[:, 0].mean()),
        "target_error_deg_vertical_mean": float(offsets[:, 1].mean()),
        "right_3x2_cell_share": _share([s["target_grid3x2_hit"] for s in splits]),
        "right_tile_share": _share([s["target_tile_hit"] for s in splits]),
        "points_to_ask_again_share": _asked_share(splits),
    }
    for name in ("tiles", "large", "halves", "edges"):
        out[f"layout_{name}_share"] = chosen.count(name) / len(chosen)
    return out


def set_figures(
    sessions: Sequence[RealSession],
    fitter: Fitter = kiosk_fit,
    outliers: Callable[..., list[int]] | None = None,
    drop_outliers: bool = False,
) -> dict[str, dict[str, float]]:
    """`figures` per set (set_name), every session split leave-one-target-out."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for session in sessions:
        splits = leave_one_out(session, fitter, outliers, drop_outliers)
        groups.setdefault(set_name(session), []).extend(splits)
    return {name: figures(splits) for name, splits in sorted(groups.items()) if splits}


def from_replay(name: str, header: Any, frames: Sequence[Any]) -> RealSession:
    """A recorded-style session's calibration phase (kiosk.gaze.replay format, such as
    the synthetic people's) as a RealSession, through the kiosk's own features."""
    from kiosk.gaze.replay import frame_features

    rows = [(frame, f) for frame, f in frame_features(frames, header)]
    points = [fr.target if fr.phase == "calibration" else None for fr, _ in rows]
    targets: Targets = []
    for target, run in _runs(points):  # type: ignore[arg-type]
        if target is not None:
            targets.append((target, [(rows[i][0].t, rows[i][1]) for i in run]))
    return RealSession(name, "synthetic", header.geometry, targets)


def eye_statistics(sessions: Sequence[RealSession]) -> dict[str, float]:
    """What a set's eyes are like, for fitting the synthetic people to real ones: each
    session's targets through a fit on all of them (the kiosk's), in degrees.
    - jitter: mean absolute frame-to-frame change of the gaze point, horizontal and
      vertical, over each target's second half;
    - settle: after a target appears, the frames until the gaze point first comes within
      the target's own noise (the median distance from its settled point over its second
      half) of that settled point, median over targets; and the distance at the first
      frame;
    - outliers: the share of calibration points the kiosk would ask again (all targets);
    - horizontal and vertical error, leave one target out."""
    jitter, settle, first = [], [], []
    asked = points = 0
    from kiosk.gaze.calibration import outlier_points

    for session in sessions:
        everything = range(len(session.targets))
        calibration = calibration_points(session, everything)
        penalty = head_penalty_for(f for _, m in session.targets for _, f in m if _usable(f))
        model = kiosk_fit(calibration, session.geometry, penalty)
        if model is None:
            continue
        seen = [len(settled(members)) for _, members in session.targets]
        asked += len(outlier_points(calibration, seen, session.geometry, MIN_FRAMES))
        points += len(calibration)
        per_deg = session.geometry.deg_to_px(1.0)
        for _, members in session.targets:
            got = [model.predict(f) for _, f in members if _usable(f)]
            track = np.array([p for p in got if p is not None]) / per_deg
            if len(track) < 8:
                continue
            late = track[len(track) // 2 :]
            jitter.append(np.abs(np.diff(late, axis=0)).mean(axis=0))
            rest = np.median(late, axis=0)
            distance = np.hypot(*(track - rest).T)
            noise = float(np.median(distance[len(track) // 2 :]))
            settle.append(int(np.argmax(distance <= noise)))
            first.append(float(distance[0]))
    splits = [s for session in sessions for s in leave_one_out(session)]
    offsets = np.abs(np.array([o for s in splits for o in s["offsets_deg"]]))
    spread = np.array(jitter)
    return {
        "jitter_deg_horizontal": float(spread[:, 0].mean()),
        "jitter_deg_vertical": float(spread[:, 1].mean()),
        "settle_frames_median": float(np.median(settle)),
        "first_frame_off_deg_median": float(np.median(first)),
        "outlier_points_share": asked / points if points else math.nan,
        "error_deg_horizontal_mean": float(offsets[:, 0].mean()),
        "error_deg_vertical_mean": float(offsets[:, 1].mean()),
    }
