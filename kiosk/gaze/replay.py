"""Recorded gaze sessions: write them from the live tracker, replay them through the kiosk.

A session file holds face-mesh landmarks only, never images. One JSON object per line:
- a header: {"screen_px": [w, h], "diagonal_in": d, "distance_cm": c, "frame_px": [w, h]};
- one line per camera frame: {"t": seconds, "target": [x, y] or null,
  "phase": "calibration" or "test", "landmarks": [[x, y, z], ...]} with the 478 points in
  normalised image coordinates (null for a point the recording lacks), and optionally
  "head": [yaw, pitch, roll] in degrees (yaw > 0 turned to the person's own right, pitch > 0
  tipped down, roll > 0 towards the right shoulder), used when the pose points are missing.

`replay()` runs the kiosk's own feature extraction, per-person blink detection, calibration
fit, One Euro filter and layout choice on a session: calibration frames are grouped by
target as the live calibration groups its samples, and test frames are scored. Frames in
the first SETTLE_S of each target (the eyes still travelling) and frames with the eyes closed
or no iris are not used, as live. Tile hits: a gaze point lands in the tile nearest to it
(the dwell selector's rule, so the tiles split the screen); a target that no tile contains
(one in the gap between the tiles and the control bar) has no right tile and is left out
of the hit shares (null when no target is in a tile, as in the calibration-free layout).
"""

from __future__ import annotations

import gzip
import json
import math
import numbers
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

import numpy as np

from kiosk.gaze.blink import EyeOpenness
from kiosk.gaze.calibration import (
    IMAGE_HEAD_PENALTY,
    ScreenGeometry,
    clean_samples,
    feature_vector,
    fit_points,
    head_penalty_for,
    outlier_points,
)
from kiosk.gaze.face import _LEFT, _RIGHT, EyeFeatures, features_from_landmarks, lid_relative_y
from kiosk.gaze.filters import OneEuroFilter2D
from kiosk.gaze.layouts import choose_layout, containing_rect, grid_rects, nearest_rect
from kiosk.timings import SETTLE_S

PHASES = ("calibration", "test")


class SessionError(ValueError):
    """A session file that cannot be replayed; the message names the line."""


@dataclass(frozen=True)
class Header:
    screen_px: tuple[int, int]
    diagonal_in: float
    distance_cm: float
    frame_px: tuple[int, int]

    @property
    def geometry(self) -> ScreenGeometry:
        return ScreenGeometry(self.screen_px, self.diagonal_in, self.distance_cm)

    def as_json(self) -> dict[str, Any]:
        return {
            "screen_px": list(self.screen_px),
            "diagonal_in": self.diagonal_in,
            "distance_cm": self.distance_cm,
            "frame_px": list(self.frame_px),
        }


@dataclass(frozen=True)
class Frame:
    t: float
    target: tuple[float, float] | None
    phase: str
    landmarks: np.ndarray  # (478, 3), NaN for missing points
    head: tuple[float, float, float] | None = None


# -- writing ------------------------------------------------------------------------------


def landmarks_json(landmarks: np.ndarray | None) -> list[list[float] | None]:
    """Landmarks as stored: [x, y, z] rounded to what the face mesh resolves, null if lost."""
    if landmarks is None:
        return [None] * 478
    points = np.asarray(landmarks, float)[:478]
    lost = np.isnan(points[:, :2]).any(axis=1).tolist()
    rounded = np.column_stack(
        (np.round(points[:, :2], 5), np.round(np.nan_to_num(points[:, 2], nan=0.0), 4))
    ).tolist()
    return [None if gone else point for gone, point in zip(lost, rounded, strict=True)]


def frame_json(
    t: float,
    target: tuple[float, float] | None,
    phase: str,
    landmarks: np.ndarray | None,
    head_deg: tuple[float, float, float] | None = None,
) -> dict[str, Any]:
    if phase not in PHASES:
        raise ValueError(f"phase must be one of {PHASES}, not {phase!r}")
    out: dict[str, Any] = {
        "t": round(float(t), 4),
        "target": None if target is None else [round(float(v), 1) for v in target],
        "phase": phase,
        "landmarks": landmarks_json(landmarks),
    }
    if head_deg is not None:
        out["head"] = [round(float(v), 2) for v in head_deg]
    return out


class SessionRecorder:
    """Writes a session file from live tracker frames: landmarks only, never images.

    Usage: `rec = SessionRecorder(path, header)`; for each processed frame,
    `rec.add(t, features, target, phase)`; `rec.close()`. Frames without a face are written
    with every landmark null, so the replay sees the face lost as it was.
    """

    def __init__(self, path: str | Path, header: Header) -> None:
        self.path = Path(path)
        self._file: IO[str] | None = self.path.open("w", encoding="utf-8")
        self._start: float | None = None
        self.frames = 0
        self._write(header.as_json())

    def _write(self, obj: dict[str, Any]) -> None:
        if self._file is None:
            raise ValueError(f"the session recording {self.path} is already closed")
        self._file.write(json.dumps(obj, separators=(",", ":")) + "\n")

    def add(
        self,
        t: float,
        features: EyeFeatures,
        target: tuple[float, float] | None,
        phase: str,
    ) -> None:
        if self._start is None:
            self._start = t
        head = None
        if features.face:
            head = tuple(math.degrees(a) for a in (features.yaw, features.pitch, features.roll))
        landmarks = features.landmarks if features.face else None
        self._write(frame_json(t - self._start, target, phase, landmarks, head))  # type: ignore[arg-type]
        self.frames += 1

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> SessionRecorder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_session(path: str | Path, header: Header, frames: Iterable[dict[str, Any]]) -> None:
    """Write a session from a header and frame objects (as `frame_json` makes them);
    gzip-compressed when the name ends in .gz."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as out:
        out.write(json.dumps(header.as_json(), separators=(",", ":")) + "\n")
        for frame in frames:
            out.write(json.dumps(frame, separators=(",", ":")) + "\n")


# -- reading ------------------------------------------------------------------------------


# A recording of a calibration and its check is a few MB (3.4 KB a frame); these caps keep
# a damaged or hostile file (a gzip that expands a thousandfold) to bounded time and memory.
MAX_SESSION_BYTES = 64 * 2**20  # about ten minutes of frames at 30 a second
MAX_LINE_BYTES = 2**20  # a frame of 478 points is under 40 KB at full precision
_CHUNK = 2**16


def _number(value: Any) -> float:
    """A finite JSON number (not a string, not true/false, not NaN); ValueError otherwise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{value!r} is not a number")
    if not math.isfinite(value):
        raise ValueError(f"{value!r} is not a finite number")
    return float(value)


def _pair(value: Any, what: str, line: int) -> tuple[float, float]:
    try:
        if not (isinstance(value, list) and len(value) == 2):
            raise ValueError("not two numbers")
        return _number(value[0]), _number(value[1])
    except ValueError:
        raise SessionError(f"line {line}: {what} must be [x, y] (two numbers)") from None


def _size(value: Any, what: str, line: int) -> tuple[int, int]:
    width, height = _pair(value, what, line)
    if not (1 <= width <= 100_000 and 1 <= height <= 100_000):
        raise SessionError(f"line {line}: {what} must be a width and height in pixels, not {value}")
    return int(width), int(height)


def _positive(head: dict[str, Any], name: str, unit: str, line: int) -> float:
    try:
        value = _number(head[name])
    except ValueError:
        raise SessionError(f"line {line}: {name} must be a number of {unit}") from None
    if value <= 0:
        raise SessionError(f"line {line}: {name} must be more than 0 {unit}, not {value:g}")
    return value


def _file_lines(read: Callable[[int], bytes]) -> Iterator[tuple[int, bytes]]:
    """The file's non-blank lines with their numbers, read a chunk at a time and stopped at
    MAX_SESSION_BYTES (counted after decompression) or a line longer than MAX_LINE_BYTES."""
    number, pending, total = 0, b"", 0
    while chunk := read(_CHUNK):
        total += len(chunk)
        if total > MAX_SESSION_BYTES:
            raise SessionError(
                f"it holds more than {MAX_SESSION_BYTES // 2**20} MB (a session is a few MB); "
                "not read further"
            )
        if not (pending + chunk).strip():  # blank lines: counted, not split one by one
            number += chunk.count(b"\n")
            pending = b""
            continue
        parts = (pending + chunk).split(b"\n")
        pending = parts.pop()
        if len(pending) > MAX_LINE_BYTES:
            raise SessionError(
                f"line {number + len(parts) + 1}: longer than {MAX_LINE_BYTES // 2**10} KB "
                "(a frame is a few KB): not a session file"
            )
        for part in parts:
            number += 1
            if part.strip():
                yield number, part
    if pending.strip():
        yield number + 1, pending


def _decoded(number: int, line: bytes) -> Any:
    try:
        return json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        raise SessionError(f"line {number}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise SessionError(f"line {number}: not JSON ({exc.msg})") from exc
    except RecursionError:
        raise SessionError(f"line {number}: JSON nested too deeply") from None


def read_session(path: str | Path) -> tuple[Header, list[Frame]]:
    """Read and check a session file; SessionError names the line of any problem (the
    caller names the file). Time and memory are bounded whatever the file holds."""
    path = Path(path)
    frames: list[Frame] = []
    header: Header | None = None
    try:
        with gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb") as handle:
            for number, line in _file_lines(handle.read):
                obj = _decoded(number, line)
                if header is None:
                    header = session_from_json(obj, (), number)[0]
                else:
                    frames.append(_frame(obj, number))
    except (OSError, EOFError, zlib.error) as exc:
        raise SessionError(f"cannot be read ({getattr(exc, 'strerror', None) or exc})") from exc
    if header is None:
        raise SessionError("the file is empty")
    return header, frames


def session_from_json(
    head: Any, bodies: Iterable[tuple[int, Any]], head_line: int = 1
) -> tuple[Header, list[Frame]]:
    """A session from its decoded JSON lines: the header object and (line number, frame
    object) pairs, as a file holds them or a simulation makes them."""
    if (
        not isinstance(head, dict)
        or not {"screen_px", "diagonal_in", "distance_cm"} <= set(head)
        or "frame_px" not in head
    ):
        raise SessionError(
            f"line {head_line}: the header needs screen_px, diagonal_in, distance_cm, frame_px"
        )
    header = Header(
        _size(head["screen_px"], "screen_px", head_line),
        _positive(head, "diagonal_in", "inches", head_line),
        _positive(head, "distance_cm", "cm", head_line),
        _size(head["frame_px"], "frame_px", head_line),
    )
    return header, [_frame(obj, n) for n, obj in bodies]


def _frame(obj: Any, n: int) -> Frame:
    if not isinstance(obj, dict):
        raise SessionError(f"line {n}: a frame must be a JSON object")
    try:
        t = _number(obj["t"])
        phase = obj["phase"]
        raw = obj["landmarks"]
    except (KeyError, TypeError, ValueError) as exc:
        raise SessionError(f"line {n}: a frame needs t, phase and landmarks ({exc})") from exc
    if phase not in PHASES:
        raise SessionError(f"line {n}: phase must be 'calibration' or 'test', not {phase!r}")
    target = None if obj.get("target") is None else _pair(obj["target"], "target", n)
    if not isinstance(raw, list) or len(raw) < 468:
        raise SessionError(f"line {n}: landmarks must list the 478 face-mesh points")
    pts = np.full((478, 3), np.nan)
    for i, p in enumerate(raw[:478]):
        if p is None:
            continue
        try:
            if not isinstance(p, list) or len(p) < 2:
                raise ValueError("not a point")
            pts[i, : min(3, len(p))] = [_number(v) if v is not None else np.nan for v in p[:3]]
        except ValueError:
            raise SessionError(
                f"line {n}: landmark {i} must be [x, y, z] numbers or null"
            ) from None
    head = obj.get("head")
    head_deg = None
    if head is not None:
        try:
            if not (isinstance(head, list) and len(head) == 3):
                raise ValueError("not three numbers")
            head_deg = (_number(head[0]), _number(head[1]), _number(head[2]))
        except ValueError:
            raise SessionError(f"line {n}: head must be [yaw, pitch, roll] in degrees") from None
    return Frame(t, target, phase, pts, head_deg)


# -- replay -------------------------------------------------------------------------------


def frame_features(
    frames: Iterable[Frame], header: Header, vertical: str = "corner", depth: bool = True
) -> Iterator[tuple[Frame, EyeFeatures]]:
    """The kiosk's features for each frame, with its per-person eyes-closed judgement.

    `vertical="lid"` swaps in the old lid-relative vertical feature, only to show how it
    fails (the benchmark and the tests); the kiosk uses the corner-line offset.
    `depth=False` leaves the landmarks' z out (iris measured in the image, not in the
    head's frame), only for the benchmark's comparison; the kiosk uses it.
    """
    fw, fh = header.frame_px
    openness = EyeOpenness()
    scale = np.array([fw, fh, fw]) if depth else np.array([fw, fh])
    for frame in frames:
        pts = frame.landmarks[:, : len(scale)] * scale
        f = features_from_landmarks(pts, fw, fh, frame.head)
        f = replace(f, closed=openness.update(frame.t, f))
        if vertical == "lid" and f.face:
            f = replace(
                f,
                left_iris=(f.left_iris[0], lid_relative_y(pts[:, :2], _LEFT)),
                right_iris=(f.right_iris[0], lid_relative_y(pts[:, :2], _RIGHT)),
            )
        yield frame, f


def target_groups(
    rows: list[tuple[Frame, EyeFeatures]], phase: str
) -> list[tuple[tuple[float, float], list[tuple[Frame, EyeFeatures]]]]:
    """Consecutive frames of one phase with the same target, settling time skipped."""
    groups: list[tuple[tuple[float, float], list[tuple[Frame, EyeFeatures]]]] = []
    current: tuple[float, float] | None = None
    for frame, f in rows:
        if frame.phase != phase or frame.target is None:
            current = None
            continue
        if frame.target != current:
            current = frame.target
            groups.append((current, []))
        groups[-1][1].append((frame, f))
    settled = []
    for target, members in groups:
        start, end = members[0][0].t, members[-1][0].t
        skip = min(SETTLE_S, (end - start) / 2)
        settled.append((target, [(fr, f) for fr, f in members if fr.t >= start + skip]))
    return settled


def _usable(f: EyeFeatures) -> bool:
    return f.face and not f.blink and f.has_iris


TargetLooks = list[tuple[tuple[float, float], np.ndarray]]  # (target, (n, 2) gaze points)


def replay_looks(
    header: Header,
    frames: list[Frame],
    vertical: str = "corner",
    calibration_info: dict[str, int] | None = None,
    head_frame: bool = True,
) -> TargetLooks:
    """Calibrate on the calibration frames, then the filtered gaze points of each test
    target's settled frames, as the live path makes them (model -> One Euro filter).

    As live, a calibration point recorded twice (asked again) counts by its last look.
    `calibration_info`, when given, gets "reasked" (points recorded twice) and "outliers"
    (the points the kiosk would ask again now, kiosk.gaze.calibration.outlier_points; a
    recording cannot ask them, so they stay in the fit). `head_frame=False`: the iris
    measured in the image and the looser head prior of before (no depth used), only for
    the benchmark's comparison."""
    geometry = header.geometry
    rows = list(frame_features(frames, header, vertical, depth=head_frame))
    latest: dict[tuple[float, float], list[tuple[Frame, EyeFeatures]]] = {}
    groups = target_groups(rows, "calibration")
    for target, members in groups:
        latest[target] = members  # a point asked again: its last look counts
    calibration = [
        (target, clean_samples([feature_vector(f) for _, f in members if _usable(f)]))
        for target, members in latest.items()
    ]
    seen = [sum(1 for _, f in members if f.face) for members in latest.values()]
    outliers = outlier_points(calibration, seen, geometry, min_samples=4)
    if calibration_info is not None:
        calibration_info["reasked"] = len(groups) - len(latest)
        calibration_info["outliers"] = len(outliers)
    used = [f for _, members in latest.items() for _, f in members if _usable(f)]
    penalty = head_penalty_for(used) if head_frame else IMAGE_HEAD_PENALTY
    fitted = fit_points(calibration, geometry, min_samples=2, min_points=3, head_penalty=penalty)
    if fitted is None:
        raise SessionError("too few calibration targets with the eyes seen to fit a model")
    model = fitted[0]

    filt = OneEuroFilter2D()
    points: dict[int, tuple[float, float]] = {}
    for i, (frame, f) in enumerate(rows):
        if frame.phase == "test" and _usable(f):
            raw = model.predict(f)
            if raw is not None:
                points[i] = filt(frame.t, raw)
    index = {id(fr): i for i, (fr, _) in enumerate(rows)}
    per_target: TargetLooks = []
    for target, members in target_groups(rows, "test"):
        got = [points[index[id(fr)]] for fr, _ in members if index[id(fr)] in points]
        if got:
            per_target.append((target, np.array(got)))
    if not per_target:
        raise SessionError("no test frames with the eyes seen: nothing to score")
    return per_target


def target_errors_deg(per_target: TargetLooks, geometry: ScreenGeometry) -> np.ndarray:
    """Each test target's error: its mean gaze point's distance from it, in degrees."""
    return np.array(
        [
            geometry.px_to_deg(float(np.hypot(*(p.mean(axis=0) - np.asarray(target)))))
            for target, p in per_target
        ]
    )


def tile_hits(per_target: TargetLooks, rects: dict, by_frame: bool = False) -> float | None:
    """The share of test targets (or frames) whose gaze point lands in the tile containing
    the target; None when no target is in a tile."""
    scores = []
    for target, p in per_target:
        want = containing_rect(target, rects)
        if want is None:
            continue  # in a gap between tiles: no tile contains it
        looks = p if by_frame else p.mean(axis=0, keepdims=True)
        scores += [nearest_rect((float(x), float(y)), rects) == want for x, y in looks]
    return round(float(np.mean(scores)), 4) if scores else None


def label_look_hits(per_target: TargetLooks, rects: dict) -> float | None:
    """Where people really look, whatever the test targets were: each measured target error
    (mean gaze point minus target) added to points across the middle of every tile (0.3 to
    0.7 of its width and height, where its label is); the share that stays in that tile.
    It does not depend on where a recording's targets sit in the layout's tiles."""
    if not rects:
        return None
    errors = [p.mean(axis=0) - np.asarray(target) for target, p in per_target]
    spots = np.linspace(0.3, 0.7, 5)
    scores = []
    for key, (x, y, w, h) in rects.items():
        for fx in spots:
            for fy in spots:
                for ex, ey in errors:
                    look = (x + w * fx + float(ex), y + h * fy + float(ey))
                    scores.append(nearest_rect(look, rects) == key)
    return round(float(np.mean(scores)), 4)


def summarise(
    geometry: ScreenGeometry,
    frames: int,
    per_target: TargetLooks,
    calibration_info: dict[str, int] | None = None,
) -> dict[str, Any]:
    """The replay's figures (see the module's docstring and issue 12), with the mean
    horizontal and vertical error per target, and the calibration points asked again."""
    offsets = np.array([p.mean(axis=0) - np.asarray(t) for t, p in per_target])
    frame_err = np.concatenate(
        [
            [geometry.px_to_deg(float(d)) for d in np.hypot(*(p - np.asarray(t)).T)]
            for t, p in per_target
        ]
    )
    accuracy = float(np.mean(target_errors_deg(per_target, geometry)))
    layout = choose_layout(accuracy, geometry)
    grid = grid_rects(geometry.size, 3, 2)
    return {
        "frames": frames,
        "targets": len(per_target),
        "error_deg_mean": round(float(frame_err.mean()), 3),
        "error_deg_median": round(float(np.median(frame_err)), 3),
        "target_error_deg_mean": round(accuracy, 3),
        "frame_tile_hit": tile_hits(per_target, layout.rects, by_frame=True),
        "target_tile_hit": tile_hits(per_target, layout.rects),
        "target_grid3x2_hit": tile_hits(per_target, grid),
        "layout": layout.name,
        "target_error_deg_h": round(geometry.px_to_deg(float(np.abs(offsets[:, 0]).mean())), 3),
        "target_error_deg_v": round(geometry.px_to_deg(float(np.abs(offsets[:, 1]).mean())), 3),
        "calibration_points_reasked": (calibration_info or {}).get("reasked", 0),
        "calibration_points_to_ask_again": (calibration_info or {}).get("outliers", 0),
    }


def _half_missing(frame: Frame) -> bool:
    """A frame that is not a measurement (issue 20): a point with x but no y, or y but no
    x. (Whole points missing are fine: a face lost, or eyes closed, loses them.) Dropped,
    and counted."""
    xy = np.isnan(frame.landmarks[:, :2])
    return bool((xy[:, 0] != xy[:, 1]).any())


def replay(header: Header, frames: list[Frame], vertical: str = "corner") -> dict[str, Any]:
    """Figures for a recorded session (see the module's docstring and issue 12)."""
    kept = [frame for frame in frames if not _half_missing(frame)]
    info: dict[str, int] = {}
    looks = replay_looks(header, kept, vertical, info)
    figures = summarise(header.geometry, len(kept), looks, info)
    figures["frames_dropped"] = len(frames) - len(kept)
    return figures


def replay_file(path: str | Path) -> dict[str, Any]:
    header, frames = read_session(path)
    return replay(header, frames)
