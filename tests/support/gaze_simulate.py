"""Synthetic eyes and faces for tests and benchmarks: screen points -> eye features.

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
from kiosk.gaze.face import USED_LANDMARKS, EyeFeatures


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
    iris_noise: float = 0.008  # std per eye, eye widths (about 1.3 degrees)
    pose_noise_rad: float = 0.01
    seed: int = 0
    gain_x: float = 0.35  # eye widths per radian of eye rotation (12 mm eyeball, 30 mm eye)
    gain_y: float = 0.35

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
        # the image's left. x: along the eye-corner line; y: offset from it in eye widths.
        # Nonlinear terms stand for the eyeball's curvature and the corners' placement.
        ix = 0.5 - self.gain_x * math.sin(ex) + 0.06 * math.sin(ex) ** 2
        iy = 0.02 + self.gain_y * math.sin(ey) + 0.04 * math.sin(ex) ** 2 - 0.05 * ey * ey
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
    look_away_at: int | None = None,
) -> CalibrationSession:
    """Drive a CalibrationSession with the synthetic eye following the target.

    The head sways slowly (a person sitting still, not a head in a vice), the eyes follow
    the target with a saccade latency, and blinks come at random. `look_away_at`: the
    first time that calibration point is shown, the person looks elsewhere (at someone
    walking by) instead.
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
        if (
            look_away_at is not None
            and session.stage == "calibrate"
            and session.index == look_away_at
            and not session.reasking
        ):
            looked = (eye.geometry.size[0] * 0.5, eye.geometry.size[1] * 1.4)
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
        if guess is None:
            continue
        errors.append(math.hypot(guess[0] - point[0], guess[1] - point[1]))
    err = np.array(errors)
    return {
        "median_px": float(np.median(err)),
        "p95_px": float(np.percentile(err, 95)),
        "median_deg": eye.geometry.px_to_deg(float(np.median(err))),
        "p95_deg": eye.geometry.px_to_deg(float(np.percentile(err, 95))),
    }


# -- a synthetic face at landmark level ---------------------------------------------------
#
# The feature-level SyntheticEye above scored 99 % while a real person missed by about 10
# degrees: it left out what real faces do. SyntheticFace produces the 478 face-mesh points
# themselves (from a real face's shape, tests.support.face_shape) so the kiosk's own feature
# extraction runs on them, with what a real recording showed:
# - the lids follow vertical gaze (the upper lid almost one to one), so the iris place
#   between the lids hardly moves with target height;
# - the head turns partly towards the target (9-12 degrees for lateral targets);
# - per-person eye shape: narrow, hooded, drooping (ptosis) lids, smiling lower lids;
# - glare on glasses: iris points dropped or pulled aside for a few frames;
# - frame-to-frame landmark jitter as measured on the real face mesh (below), times a
#   per-person factor for webcam light and compression, plus fixational eye movement.

# Landmark jitter, px standard deviation (x, y) at 74 px between the irises, measured by
# running the real face mesh (tracking mode) on 60 frames of the astronaut photograph with
# sensor noise (sigma 2-3 grey levels) and random sub-pixel shifts. Per point: iris centre
# 0.12, iris rim 0.15, eye corners 0.24, lids 0.29, all points 0.30; the whole mesh moves
# together by 0.10. The noise is not independent from point to point: the iris offset from
# the corner line varied by only 0.0034-0.005 eye widths (0.11-0.16 px) and the place along
# the line by 0.007-0.010, so the corners slide along the lid line (x) far more than across
# it (y). The table reproduces those feature-level figures; averaging many "rigid" points
# instead of the two corners made the real features noisier (0.006 vs 0.0035), not quieter,
# so the kiosk keeps the corner line. A still photo is the best case: a webcam adds blur
# and compression (Person.jitter).
MEASURED_JITTER_PX = {
    "iris": (0.10, 0.10),
    "iris_rim": (0.15, 0.15),
    "corners": (0.30, 0.08),
    "lids": (0.29, 0.29),
    "other": (0.30, 0.30),
}
MEASURED_COMMON_PX = 0.10
# Depth (z, in the same px as x) jitter on the same frames: eye corners 0.19-0.22, mouth
# 0.34. The real mesh gives no depth of its own to the iris: all five iris points carry the
# mean z of that eye's 16 contour points, exactly (measured: equal to 1e-9), so the iris
# seems to sit on the lids' surface whatever way the eye turns.
MEASURED_Z_JITTER_PX = 0.25
MEASURED_AT_IOD_PX = 74.0


# Eye contours (image-left eye = the person's right eye): corners, then lid points in order
# from corner_a to corner_b.
@dataclass(frozen=True)
class _EyeIds:
    corners: tuple[int, int]
    upper: tuple[int, ...]
    lower: tuple[int, ...]
    upper_ring: tuple[int, ...]
    iris: int  # centre; the next four are its rim


_EYES = (
    _EyeIds(
        (33, 133),
        (246, 161, 160, 159, 158, 157, 173),
        (7, 163, 144, 145, 153, 154, 155),
        (247, 30, 29, 27, 28, 56, 190),
        468,
    ),
    _EyeIds(
        (263, 362),
        (466, 388, 387, 386, 385, 384, 398),
        (249, 390, 373, 374, 380, 381, 382),
        (467, 260, 259, 257, 258, 286, 414),
        473,
    ),
)
EYEBALL_MM = 10.5  # iris plane centre to eyeball centre (about 12 mm radius, iris 1.5 in)
FOCAL_PX, FRAME_PX = 600.0, (640, 480)  # a typical webcam (about 56 degrees across)


def face_shape_from_landmarks(landmarks: np.ndarray, width: int, height: int) -> np.ndarray:
    """Face-mesh landmarks of a photo (normalised x, y, z) -> a frontal face in mm."""
    lm = np.asarray(landmarks, float) * np.array([width, height, width])
    ex = lm[263] - lm[33]
    ex /= np.linalg.norm(ex)
    ey = lm[152] - lm[10]
    ey -= (ey @ ex) * ex
    ey /= np.linalg.norm(ey)
    rot = np.stack([ex, ey, np.cross(ex, ey)])
    origin = (lm[33] + lm[133] + lm[362] + lm[263]) / 4
    pts = (lm - origin) @ rot.T
    return pts * (63.0 / np.linalg.norm(pts[468] - pts[473]))


def rotation(yaw: float, pitch: float, roll: float) -> np.ndarray:
    """Head rotation in camera axes (x image right, y down, z away from the camera), signed
    as EyeFeatures: yaw > 0 turned to the person's right, pitch > 0 tipped down, roll > 0
    towards the right shoulder."""
    cy, sy = math.cos(yaw), math.sin(yaw)
    cp, sp = math.cos(pitch), math.sin(pitch)
    cr, sr = math.cos(-roll), math.sin(-roll)
    ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    rx = np.array([[1, 0, 0], [0, cp, -sp], [0, sp, cp]])
    rz = np.array([[cr, -sr, 0], [sr, cr, 0], [0, 0, 1]])
    return ry @ rx @ rz


@dataclass(frozen=True)
class Person:
    """One synthetic person: eye shape, how lids and head move, how noisy their tracking is."""

    name: str = "normal"
    open_upper: float = 1.0  # upper lid height, share of the photo's (narrow eyes < 1)
    open_lower: float = 1.0  # lower lid depth (smiling or puffy lower lids < 1)
    droop: tuple[float, float] = (0.0, 0.0)  # upper lid lowered, share of the opening, per eye
    # The upper lid moves this much of the iris's vertical move, the lower lid this much
    # (mostly on looking down). Set so that the iris place between the lids correlates with
    # target height about as weakly as on the real recording (-0.59 and +0.09), and the
    # opening stays nearly the same (real open eyes measured 0.25-0.27 throughout).
    lid_follow_upper: float = 1.05
    lid_follow_lower: float = 0.85
    head_follow_x: float = 0.55  # head turns this share of the target's angle sideways
    head_follow_y: float = 0.2
    jitter: float = 1.5  # times the jitter measured on a still photo (webcam light, blur)
    fixation_deg: float = 0.25  # eye's own fixational movement, sd per frame
    aim_deg: float = 0.6  # each fixation lands this far off the point asked for (sd)
    glare: float = 0.0  # share of frames with glare on one lens
    kappa_deg: tuple[float, float] = (1.5, 0.5)  # visual vs optical axis (calibrated away)
    distance_mm: float = 600.0
    eye_height_mm: float = 110.0  # eyes below the camera
    aim_v_ratio: float = 1.0  # vertical aim error over horizontal (lids hide the iris's top)
    # Posture drifts through a session: the head moves up to this far (mm) and turns up to
    # this much (degrees) from the calibration to the end, in a random direction and a
    # random share of it per session (some sessions barely move, some move a lot).
    posture_mm: float = 0.0
    posture_deg: float = 0.0
    # A share of the targets is looked at this far off (a glance at the last dot or past
    # the new one): the calibration points a kiosk would ask again.
    stray_share: float = 0.0
    stray_deg: float = 6.0


PEOPLE = {
    "normal": Person(),
    "narrow": Person(
        "narrow", open_upper=0.6, open_lower=0.7, lid_follow_lower=0.75, kappa_deg=(-1.0, 1.0)
    ),
    "hooded": Person("hooded", open_upper=0.75, droop=(0.3, 0.3), lid_follow_upper=1.1),
    "drooping": Person(
        "drooping", droop=(0.45, 0.3), lid_follow_upper=0.95, head_follow_y=0.35, jitter=2.0
    ),
    "glasses": Person("glasses", glare=0.08, jitter=2.0, kappa_deg=(2.5, -0.5)),
    "smiling": Person("smiling", open_lower=0.45, open_upper=0.85),
    # A dim room and a cheap webcam: three times the still-photo jitter, looser fixations,
    # lids that follow the eye even more, a head that turns more.
    "webcam": Person(
        "webcam",
        jitter=3.0,
        aim_deg=1.0,
        head_follow_x=0.6,
        lid_follow_upper=1.25,
        lid_follow_lower=1.0,
    ),
}

# As hard as the real webcam recording (issue 21: one real person, 36 splits: per-target
# error 3.3 degrees on average, 2.2 to 5.5; vertical 2.3 against horizontal 1.9; "edges"
# chosen in 13 of 36): fixations that land 1.45 degrees off the dot (1.85 times that up and
# down, where the lids hide the iris), and a posture that drifts through the session (up
# to 4 cm and 5 degrees, mostly slumping and nodding). Fitted to the real sets of issue 32
# (docs/decisions.md, "Gaze: real faces first"): landmark jitter 1.0 times the still
# photo's (real gaze points move 0.2-1.0 degrees frame to frame sideways; 3.0 gave 2.2)
# and 8 % of looks 6 degrees astray (with the outlier ratio at 5, 4 % of calibration points
# asked again, as on real ruxailab sessions; without, 1 %). Benchmarks report these people
# first, and the kind "ideal" one apart.
_HARD = Person(
    "hard",
    jitter=1.0,
    aim_deg=1.45,
    aim_v_ratio=1.85,
    posture_mm=40.0,
    posture_deg=5.0,
    stray_share=0.08,
)
HARD_PEOPLE = {
    "hard": replace(_HARD, head_follow_x=0.6, lid_follow_upper=1.25, lid_follow_lower=1.0),
    "hard-narrow": replace(
        _HARD,
        name="hard-narrow",
        open_upper=0.6,
        open_lower=0.7,
        lid_follow_upper=1.25,
        lid_follow_lower=0.9,
        kappa_deg=(-1.0, 1.0),
    ),
    "hard-glasses": replace(
        _HARD, name="hard-glasses", glare=0.08, kappa_deg=(2.5, -0.5), lid_follow_upper=1.25
    ),
}
IDEAL_PERSON = PEOPLE["normal"]  # the kind one: still, precise, a good camera


class SyntheticFace:
    """Face-mesh landmarks for a person looking at a screen point (see notes above)."""

    def __init__(
        self,
        person: Person | None = None,
        geometry: ScreenGeometry | None = None,
        seed: int = 0,
        shape: np.ndarray | None = None,
    ) -> None:
        from tests.support.face_shape import face_shape

        self.person = person or Person()
        self.geometry = geometry or ScreenGeometry()
        self.rng = np.random.default_rng(seed)
        self._z_rng = np.random.default_rng([seed, 1])
        self.shape = face_shape() if shape is None else np.asarray(shape, float)
        # Head pivot (neck) behind and below the eyes.
        self.pivot = np.array([0.0, 60.0, 95.0])
        self._jitter_sd = self._jitter_table()
        self._glare_left = 0  # frames of glare still to come, and on which eye
        self._glare_eye = 0
        self.head_angles = np.zeros(3)  # the head's present yaw, pitch, roll (smoothed)

    def _jitter_table(self) -> np.ndarray:
        sd = np.tile(np.array(MEASURED_JITTER_PX["other"]), (478, 1))
        for eye in _EYES:
            sd[list(eye.corners)] = MEASURED_JITTER_PX["corners"]
            sd[list(eye.upper + eye.lower)] = MEASURED_JITTER_PX["lids"]
            sd[eye.iris] = MEASURED_JITTER_PX["iris"]
            sd[eye.iris + 1 : eye.iris + 5] = MEASURED_JITTER_PX["iris_rim"]
        return sd * self.person.jitter

    # -- geometry -------------------------------------------------------------------------
    def screen_point_mm(self, point: tuple[float, float]) -> np.ndarray:
        """A screen point in camera space (mm): the camera sits centred above the screen."""
        w, _ = self.geometry.size
        ppm = self.geometry.px_per_mm
        return np.array([-(point[0] - w / 2) / ppm, point[1] / ppm + 10.0, 0.0])

    def head_position(self, sway: np.ndarray | None = None) -> np.ndarray:
        p = self.person
        base = np.array([0.0, p.eye_height_mm, p.distance_mm])
        return base if sway is None else base + sway

    def following_head(self, point: tuple[float, float]) -> np.ndarray:
        """Yaw, pitch, roll the head turns to when looking at this point (partly towards it)."""
        target = self.screen_point_mm(point)
        eyes = self.head_position()
        d = target - eyes
        yaw_to = math.atan2(-d[0], -d[2])  # turning right (yaw > 0) looks to image-left
        pitch_to = math.atan2(d[1], math.hypot(d[0], d[2]))
        # Straight ahead is the screen centre: the head turns partly from there.
        centre = self.screen_point_mm((self.geometry.size[0] / 2, self.geometry.size[1] / 2))
        c = centre - eyes
        yaw_c = math.atan2(-c[0], -c[2])
        pitch_c = math.atan2(c[1], math.hypot(c[0], c[2]))
        return np.array(
            [
                self.person.head_follow_x * (yaw_to - yaw_c),
                pitch_c + self.person.head_follow_y * (pitch_to - pitch_c),
                0.0,
            ]
        )

    def landmarks(
        self,
        point: tuple[float, float],
        head: np.ndarray | None = None,
        position: np.ndarray | None = None,
        closure: float = 0.0,
        noise: bool = True,
    ) -> np.ndarray:
        """(478, 3) normalised landmarks (NaN where a point is lost) while looking at `point`.

        `head`: yaw, pitch, roll (radians); `position`: head (between the eyes) in camera
        space, mm; `closure`: 0 open .. 1 lids shut.
        """
        p = self.person
        rng = self.rng
        head = self.following_head(point) if head is None else np.asarray(head, float)
        position = self.head_position() if position is None else np.asarray(position, float)
        rot = rotation(*head)
        pts = self.shape.copy()
        target = self.screen_point_mm(point)
        fix = np.radians(rng.normal(0.0, p.fixation_deg, 2)) if noise else np.zeros(2)
        for index, eye in enumerate(_EYES):
            iris_ids = list(range(eye.iris, eye.iris + 5))
            centre = pts[eye.iris] + np.array([0.0, 0.0, EYEBALL_MM])
            world_centre = position + self.pivot + rot @ (centre - self.pivot)
            d = rot.T @ (target - world_centre)
            d /= np.linalg.norm(d)
            yaw_e = math.atan2(-d[0], -d[2]) + math.radians(p.kappa_deg[0]) + fix[0]
            pitch_e = math.asin(max(-1.0, min(1.0, d[1]))) + math.radians(p.kappa_deg[1]) + fix[1]
            eye_rot = rotation(yaw_e, pitch_e, 0.0)
            pts[iris_ids] = centre + (pts[iris_ids] - centre) @ eye_rot.T
            self._lids(pts, eye, index, pts[eye.iris, 1] - self.shape[eye.iris, 1], closure)
        world = position + self.pivot + (pts - self.pivot) @ rot.T
        u = FOCAL_PX * world[:, 0] / world[:, 2] + FRAME_PX[0] / 2
        v = FOCAL_PX * world[:, 1] / world[:, 2] + FRAME_PX[1] / 2
        image = np.column_stack([u, v])
        if noise:
            iod = float(np.linalg.norm(image[468] - image[473]))
            k = iod / MEASURED_AT_IOD_PX
            image += rng.normal(0.0, 1.0, image.shape) * self._jitter_sd * k
            image += rng.normal(0.0, MEASURED_COMMON_PX * k * self.person.jitter, 2)
            self._apply_glare(image, iod)
        z = (world[:, 2] - position[2]) * FOCAL_PX / position[2]
        if noise:  # its own generator: the x, y draws stay as they were before z had noise
            iod = float(np.linalg.norm(image[468] - image[473]))
            z += self._z_rng.normal(0.0, MEASURED_Z_JITTER_PX, 478) * iod / MEASURED_AT_IOD_PX
        for eye in _EYES:  # as the real mesh: each iris point's z is its eye contour's mean
            z[eye.iris : eye.iris + 5] = z[list(eye.corners + eye.upper + eye.lower)].mean()
        return np.column_stack(
            [image[:, 0] / FRAME_PX[0], image[:, 1] / FRAME_PX[1], z / FRAME_PX[0]]
        )

    def _lids(
        self, pts: np.ndarray, eye: _EyeIds, index: int, iris_dy: float, closure: float
    ) -> None:
        """Shape and move the lids: per-person opening and droop, following the iris."""
        p = self.person
        a, b = self.shape[eye.corners[0]], self.shape[eye.corners[1]]

        def line_y(x: float) -> float:
            k = (x - a[0]) / (b[0] - a[0])
            return float(a[1] + k * (b[1] - a[1]))

        def profile(x: float) -> float:
            k = (x - a[0]) / (b[0] - a[0])
            return math.sin(math.pi * min(1.0, max(0.0, k)))

        uppers, lowers = list(eye.upper), list(eye.lower)
        for up, low in zip(uppers, lowers):
            for pid, is_upper in ((up, True), (low, False)):
                base = self.shape[pid]
                rel = base[1] - line_y(base[0])
                w = profile(base[0])
                rel *= p.open_upper if is_upper else p.open_lower
                follow = p.lid_follow_upper if is_upper else p.lid_follow_lower
                if not is_upper and iris_dy < 0:
                    follow *= 0.8  # the lower lid rises a little less than it falls
                rel += follow * iris_dy * w
                pts[pid, 1] = line_y(base[0]) + rel
        # Droop and closure: the upper lid comes down towards the lower one.
        for up, low in zip(uppers, lowers):
            gap = pts[low, 1] - pts[up, 1]
            shut = min(1.0, p.droop[index] + closure * (1.0 - p.droop[index]))
            pts[up, 1] += shut * gap * 0.97
        for ring, up in zip(eye.upper_ring, uppers):
            pts[ring, 1] += 0.5 * (pts[up, 1] - self.shape[up, 1])

    def _apply_glare(self, image: np.ndarray, iod: float) -> None:
        p = self.person
        if self._glare_left <= 0 and p.glare > 0 and self.rng.random() < p.glare / 4:
            self._glare_left = int(self.rng.integers(2, 7))  # glare lasts a few frames
            self._glare_eye = int(self.rng.integers(2))
        if self._glare_left <= 0:
            return
        self._glare_left -= 1
        ids = list(range(_EYES[self._glare_eye].iris, _EYES[self._glare_eye].iris + 5))
        if self.rng.random() < 0.5:
            image[ids] = np.nan  # the face mesh lost the iris
        else:  # pulled towards the reflection
            image[ids] += self.rng.normal(0.0, 0.06 * iod, 2)


# Test targets as fractions of the screen: like the real recording, 11 targets, none on the
# boundary of a 3x2 grid (the 3x2 cells' centres and five more well inside the cells).
TEST_TARGETS = (
    (1 / 6, 0.25),
    (0.5, 0.25),
    (5 / 6, 0.25),
    (1 / 6, 0.75),
    (0.5, 0.75),
    (5 / 6, 0.75),
    (0.25, 0.38),
    (0.75, 0.38),
    (0.5, 0.62),
    (0.1, 0.6),
    (0.9, 0.62),
)


def real_style_session(
    person: Person,
    seed: int = 0,
    geometry: ScreenGeometry | None = None,
    *,
    seconds_per_target: float = 1.5,
    test_targets: list[tuple[float, float]] | None = None,
    fps: float = 30.0,
    blink_rate_hz: float = 0.25,
    sway_mm: float = 8.0,
    sway_deg: float = 1.0,
    only_used_points: bool = False,
) -> tuple[dict, list[dict]]:
    """A recorded-style session (kiosk.gaze.replay format) from a synthetic person: the
    9-point calibration, then test targets; the eyes jump after a saccade latency, the head
    follows more slowly, the body sways, blinks come at random. `only_used_points`: null
    for every point the kiosk does not read (small files for tests)."""
    from kiosk.gaze.replay import Header, frame_json

    geometry = geometry or ScreenGeometry()
    face = SyntheticFace(person, geometry, seed=seed)
    rng = face.rng
    w, h = geometry.size
    header = Header(geometry.size, geometry.diagonal_in, geometry.distance_cm, FRAME_PX)
    plan = _session_plan(geometry, test_targets)
    phase_offsets = rng.uniform(0, 2 * math.pi, 6)
    drift_mm, drift_deg = _posture_drift(rng, person)
    session_s = seconds_per_target * len(plan)
    frames: list[dict] = []
    t, looked = 0.0, (w / 2, h / 2)
    head = face.following_head(looked)
    blink_start = -1.0
    dt = 1.0 / fps
    latency = 0.2 + rng.uniform(0, 0.1)
    ppd = geometry.deg_to_px(1.0)
    for target, phase in plan:
        start = t
        aim = _aim(rng, person, ppd)
        while t < start + seconds_per_target:
            if t - start >= latency:
                looked = (target[0] + aim[0], target[1] + aim[1])
            goal = face.following_head(looked)
            head = head + (goal - head) * min(1.0, dt / 0.35)  # the head follows in ~0.35 s
            s = [
                math.sin(f * t + o) for f, o in zip((0.4, 0.3, 0.2, 0.5, 0.35, 0.25), phase_offsets)
            ]
            progress = min(1.0, t / session_s)
            sway = np.array(s[:3]) * sway_mm + drift_mm * progress
            angles = head + np.radians(np.array(s[3:]) * sway_deg + drift_deg * progress)
            if rng.random() < blink_rate_hz * dt:
                blink_start = t
            closure = _eyelid_closure(t - blink_start)
            lm = face.landmarks(looked, angles, face.head_position(sway), closure=closure)
            if only_used_points:
                lm = _only_used(lm)
            frames.append(frame_json(t, target, phase, lm))
            t += dt
    return header.as_json(), frames


def _aim(rng: np.random.Generator, person: Person, ppd: float) -> np.ndarray:
    """Where a look at a dot lands, px off it: people never look exactly at a dot, and now
    and then (`stray_share`) far off."""
    aim = rng.normal(0.0, person.aim_deg * ppd, 2)
    aim[1] *= person.aim_v_ratio
    if person.stray_share and rng.random() < person.stray_share:
        away = rng.uniform(0, 2 * math.pi)
        aim += person.stray_deg * ppd * np.array([math.cos(away), math.sin(away)])
    return aim


def _session_plan(
    geometry: ScreenGeometry, test_targets: list[tuple[float, float]] | None
) -> list[tuple[tuple[float, float], str]]:
    """The 9 calibration points, then the test targets, each with its phase."""
    from kiosk.gaze.calibration import calibration_points

    w, h = geometry.size
    if test_targets is None:
        test_targets = [(fx * w, fy * h) for fx, fy in TEST_TARGETS]
    plan = [(p, "calibration") for p in calibration_points(9, geometry.size)]
    return plan + [(p, "test") for p in test_targets]


def _posture_drift(rng: np.random.Generator, person: Person) -> tuple[np.ndarray, np.ndarray]:
    """A session's posture drift (mm, degrees): a direction and a share of the person's
    worst. People slump and nod more than they slide or turn sideways."""
    share = rng.uniform(0.0, 1.0) ** 0.7
    lean = np.array([0.7, 1.2, 1.0]) / math.sqrt(3)
    drift_mm = rng.normal(0.0, 1.0, 3) * lean * person.posture_mm * share
    drift_deg = rng.normal(0.0, 1.0, 3) * lean * person.posture_deg * share
    return drift_mm, drift_deg


def _eyelid_closure(since_blink_s: float) -> float:
    """How closed the lids are, 0-1, during a 0.15 s blink."""
    k = since_blink_s / 0.15
    return math.sin(math.pi * k) if 0 <= k <= 1 else 0.0


def _only_used(landmarks: np.ndarray) -> np.ndarray:
    """Null every landmark the kiosk does not read (small files for tests)."""
    kept = np.full_like(landmarks, np.nan)
    kept[list(USED_LANDMARKS)] = landmarks[list(USED_LANDMARKS)]
    return kept
