"""A synthetic eye for tests and benchmarks: screen points -> eye features.

Not used by the kiosk itself. It stands for a person in front of the screen: the eyes
rotate towards a screen point from a head that can move and turn; the iris position in
the eye box is a nonlinear function of the eye-in-head angle, with noise; the head pose
and face position are what a camera above the screen would report. Calibration and dwell
are measured against it because real gaze data needs a real person.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from kiosk.gaze.calibration import CalibrationSession, ScreenGeometry
from kiosk.gaze.face import EyeFeatures


@dataclass(frozen=True)
class Head:
    """Head position (mm, from the nominal spot in front of the screen centre) and angles."""

    x: float = 0.0
    y: float = 0.0
    z: float = 0.0
    yaw: float = 0.0  # radians
    pitch: float = 0.0
    roll: float = 0.0


@dataclass
class SyntheticEye:
    geometry: ScreenGeometry = ScreenGeometry()
    iris_noise: float = 0.008  # std per eye, eye-box units (about 1.3 degrees)
    pose_noise_rad: float = 0.01
    seed: int = 0
    gain_x: float = 0.35  # eye-box units per radian of eye rotation
    gain_y: float = 0.25

    def __post_init__(self) -> None:
        self.rng = np.random.default_rng(self.seed)

    def screen_mm(self, point: tuple[float, float]) -> tuple[float, float]:
        w, h = self.geometry.size
        ppm = self.geometry.px_per_mm
        return (point[0] - w / 2) / ppm, (point[1] - h / 2) / ppm

    def features(
        self, point: tuple[float, float], head: Head = Head(), blink: bool = False
    ) -> EyeFeatures:
        """What the face tracker would report while this head looks at this screen point."""
        px, py = self.screen_mm(point)
        dist = self.geometry.distance_cm * 10.0 + head.z
        ex = math.atan2(px - head.x, dist) - head.yaw  # eye-in-head angles
        ey = math.atan2(py - head.y, dist) - head.pitch
        # The camera image is not mirrored: looking to the screen's right moves the iris to
        # the image's left. Nonlinear terms stand for the eyeball's curvature and lid shape.
        ix = 0.5 - self.gain_x * math.sin(ex) + 0.06 * math.sin(ex) ** 2
        iy = 0.5 + self.gain_y * math.sin(ey) + 0.15 * math.sin(ex) ** 2 - 0.05 * ey * ey
        n = self.rng.normal(0.0, self.iris_noise, 4)
        p = self.rng.normal(0.0, self.pose_noise_rad, 3)
        focal, fw, fh = 600.0, 640.0, 480.0
        camera_y = -self.geometry.size[1] / 2 / self.geometry.px_per_mm - 20.0
        openness = 0.08 if blink else 0.3
        return EyeFeatures(
            face=True,
            left_iris=(ix - 0.04 + n[0], iy + n[1]),
            right_iris=(ix + 0.04 + n[2], iy + n[3]),
            left_open=openness,
            right_open=openness,
            face_center=(
                0.5 - focal * head.x / dist / fw,
                0.5 + focal * (head.y - camera_y) / dist / fh - 0.5,
            ),
            scale=focal * 63.0 / dist / fw,
            yaw=head.yaw + p[0],
            pitch=head.pitch + p[1],
            roll=head.roll + p[2],
            frame_size=(int(fw), int(fh)),
        )


def random_head(rng: np.random.Generator, move_mm: float, turn_deg: float) -> Head:
    """A head displaced by up to `move_mm` and turned by up to `turn_deg`."""
    m = rng.uniform(-1, 1, 3) * move_mm
    a = np.radians(rng.uniform(-1, 1, 3) * turn_deg)
    return Head(m[0], m[1], m[2] * 1.5, a[0], a[1], a[2])


def run_calibration(
    eye: SyntheticEye,
    kind: str | int,
    *,
    sway_mm: float = 10.0,
    sway_deg: float = 1.5,
    blink_rate_hz: float = 0.3,
    fps: float = 30.0,
    latency_s: float = 0.2,
) -> CalibrationSession:
    """Drive a CalibrationSession with the synthetic eye following the target.

    The head sways slowly (a person sitting still, not a head in a vice), the eyes follow
    the target with a saccade latency, and blinks come at random.
    """
    rng = eye.rng
    session = CalibrationSession(eye.geometry.size, kind, start=0.0, geometry=eye.geometry)
    history: list[tuple[float, tuple[float, float]]] = []
    phase = rng.uniform(0, 2 * math.pi, 6)
    t, blink_until = 0.0, -1.0
    while not session.finished and t < 60.0:
        target = session.target()
        if target is not None:
            history.append((t, (target[0], target[1])))
        looked = next(
            (p for ts, p in reversed(history) if ts <= t - latency_s),
            history[0][1] if history else (eye.geometry.size[0] / 2, 0),
        )
        s = math.sin
        head = Head(
            sway_mm * s(0.4 * t + phase[0]),
            sway_mm * s(0.3 * t + phase[1]),
            sway_mm * s(0.2 * t + phase[2]),
            math.radians(sway_deg) * s(0.5 * t + phase[3]),
            math.radians(sway_deg) * s(0.35 * t + phase[4]),
            math.radians(sway_deg) * s(0.25 * t + phase[5]),
        )
        if rng.random() < blink_rate_hz / fps:
            blink_until = t + 0.15
        f = eye.features(looked, head, blink=t < blink_until)
        session.update(t, [(t, f)])
        if session.stage == "result":
            session.accept()
        t += 1.0 / fps
    return session


def evaluate(
    eye: SyntheticEye,
    session: CalibrationSession,
    *,
    trials: int = 300,
    move_mm: float = 30.0,
    turn_deg: float = 4.0,
) -> dict[str, float]:
    """Gaze error (px and degrees) of a calibrated model at random points and head poses."""
    if session.result is None or session.result.model is None:
        raise ValueError("the calibration did not produce a model")
    model = session.result.model
    w, h = eye.geometry.size
    errors = []
    quiet = replace(eye, iris_noise=0.0, pose_noise_rad=0.0)
    quiet.rng = eye.rng
    for _ in range(trials):
        point = (eye.rng.uniform(0.05, 0.95) * w, eye.rng.uniform(0.05, 0.95) * h)
        head = random_head(eye.rng, move_mm, turn_deg)
        guess = model.predict(quiet.features(point, head))
        errors.append(math.hypot(guess[0] - point[0], guess[1] - point[1]))
    err = np.array(errors)
    return {
        "median_px": float(np.median(err)),
        "p95_px": float(np.percentile(err, 95)),
        "median_deg": eye.geometry.px_to_deg(float(np.median(err))),
        "p95_deg": eye.geometry.px_to_deg(float(np.percentile(err, 95))),
    }
