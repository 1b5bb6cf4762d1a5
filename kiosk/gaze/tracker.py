"""From camera frames to dwell selections.

`GazeTracker` runs in its own thread: latest frame -> face mesh features -> calibrated,
One-Euro-filtered gaze point in screen px, plus face-lost state, frame rate, per-frame
timing and a small mirrored thumbnail. The main loop reads a thread-safe snapshot.

`GazeController` lives on the main thread: it combines snapshots with the calibration
session and the dwell selector, and tells the app which targets were selected and what the
view should draw. The calibration model lives only in memory; `reset()` drops it so the
next visitor starts fresh.
"""

from __future__ import annotations

import math
import statistics
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.actions import GAZE_RECENTRE_TARGET
from kiosk.gaze import words
from kiosk.gaze.blink import EyeOpenness
from kiosk.gaze.calibration import (
    CalibrationResult,
    CalibrationSession,
    GazeModel,
    ScreenGeometry,
    point_count,
)
from kiosk.gaze.camera import FrameSource
from kiosk.gaze.confirm import ConfirmSelector, ConfirmSettings, steady_for_accuracy
from kiosk.gaze.drift import DriftCorrector, HeadGuidance, head_guidance
from kiosk.gaze.dwell import DwellSelector
from kiosk.gaze.edges import EdgeGlance
from kiosk.gaze.face import NO_FACE, EyeFeatures, FaceFeatureExtractor
from kiosk.gaze.filters import OneEuroFilter2D
from kiosk.gaze.layouts import choose_layout
from kiosk.gaze.points import GazeSample
from kiosk.gaze.refit import ChoiceLearner
from kiosk.gaze.replay import Header, SessionRecorder
from kiosk.gaze.triggers import TileTrigger
from kiosk.layout import FloatRect
from kiosk.settings import DEFAULTS

THUMB_SIZE = (160, 120)
RECENTRE_TARGET = GAZE_RECENTRE_TARGET  # a one-look target: the gaze offset is set from it


@dataclass(frozen=True)
class GazeSnapshot:
    time: float  # monotonic time of the newest processed frame
    features: EyeFeatures
    point: tuple[float, float] | None  # filtered gaze point in screen px (None: uncalibrated)
    face_lost: bool  # no face for a moment: show "Please look at the screen"
    face_lost_s: float
    fps: float
    ms_median: float  # face mesh + model + filter, per frame
    ms_p95: float
    latency_ms_median: float  # from the frame's capture to its gaze point
    latency_ms_p95: float
    thumbnail: np.ndarray | None  # small mirrored RGB camera view
    frames: int
    running: bool
    error: str | None
    # Eyes closed, judged against this person's own open eyes (kiosk.gaze.blink): True or
    # False while a face is tracked, None when the face is lost or there is no tracking.
    # The long-blink switch consumes (time, eyes_closed).
    eyes_closed: bool | None = None


class GazeTracker:
    """Frames -> features -> gaze point, in a thread."""

    def __init__(
        self,
        source: FrameSource,
        *,
        still_images: bool = False,
        lost_after_s: float = 0.3,
        stats_window: int = 120,
        extractor_factory: Callable[[], object] | None = None,
        owns_extractor: bool = True,
    ) -> None:
        self.source = source
        self.lost_after_s = lost_after_s
        self._factory = extractor_factory or (lambda: FaceFeatureExtractor(still_images))
        self._owns_extractor = owns_extractor  # False: a shared one, closed by its owner
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._model: GazeModel | None = None
        self._filter = OneEuroFilter2D()
        self._samples: deque[tuple[float, EyeFeatures]] = deque(maxlen=512)
        self._ms: deque[float] = deque(maxlen=stats_window)
        self._latency: deque[float] = deque(maxlen=stats_window)
        self._times: deque[float] = deque(maxlen=60)
        self._features = NO_FACE
        self._point: tuple[float, float] | None = None
        self._last_face_t: float | None = None
        self._last_t = 0.0
        self._thumb: np.ndarray | None = None
        self._thumb_t = 0.0
        self._frames = 0
        self._openness = EyeOpenness()
        self._recorder: Callable[[float, EyeFeatures], None] | None = None
        self._face_sink: Callable[[float, np.ndarray | None], None] | None = None
        self.error: str | None = None

    def start(self) -> GazeTracker:
        """Open the source and the face tracker; raises CameraError / FaceMeshUnavailable."""
        extractor = self._factory()
        if not self.source.started:
            self.source.start()
        self._thread = threading.Thread(
            target=self._run, args=(extractor,), name="gaze", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self.source.stop()
        if self._thread is not None:
            self._thread.join(timeout=3.0)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def set_model(self, model: GazeModel | None, refined: bool = False) -> None:
        """A new mapping. `refined`: the same person's mapping refit from their choices
        (kiosk.gaze.refit), close to the old one: the smoothing carries on."""
        with self._lock:
            self._model = model
            if not refined:
                self._filter.reset()
                self._point = None

    @property
    def model(self) -> GazeModel | None:
        return self._model

    def set_recorder(self, recorder: Callable[[float, EyeFeatures], None] | None) -> None:
        """Call `recorder(t, features)` for every processed frame (in the tracker's thread),
        e.g. `SessionRecorder.add` bound to the target shown; None stops it."""
        with self._lock:
            self._recorder = recorder

    def set_face_sink(self, sink: Callable[[float, np.ndarray | None], None] | None) -> None:
        """Call `sink(t, landmarks)` for every frame (in the tracker's thread): the face
        mesh's points in pixel proportions (x scaled by width over height), None with no
        face. Voice uses the lips (kiosk.voice.lips); no image is handed on."""
        with self._lock:
            self._face_sink = sink

    def _run(self, extractor: Any) -> None:
        import cv2

        seq = -1
        try:
            while not self._stop.is_set():
                got = self.source.wait_newer(seq, timeout=0.5)
                if got is None:
                    if self.source.ended:
                        break
                    continue
                seq, t, frame = got
                start = time.perf_counter()
                f = extractor.process(frame)
                f = replace(f, closed=self._openness.update(t, f))
                with self._lock:
                    model = self._model
                    point = self._point
                    recorder = self._recorder
                    if model is not None and f.face and not f.blink:
                        raw = model.predict(f)
                        if raw is not None:
                            point = self._filter(t, raw)
                if recorder is not None:
                    recorder(t, f)
                if self._face_sink is not None:
                    self._face_sink(t, _proportional(f))
                ms = (time.perf_counter() - start) * 1000.0
                thumb = None
                if t - self._thumb_t >= 0.1:  # ten a second is plenty for a positioning aid
                    thumb = cv2.flip(cv2.resize(frame, THUMB_SIZE, interpolation=cv2.INTER_AREA), 1)
                with self._lock:
                    self._features, self._point, self._last_t = f, point, t
                    if f.face:
                        self._last_face_t = t
                    self._samples.append((t, f))
                    self._ms.append(ms)
                    self._latency.append((time.monotonic() - t) * 1000.0)
                    self._times.append(t)
                    self._frames += 1
                    if thumb is not None:
                        self._thumb, self._thumb_t = thumb, t
            if self.source.error:
                self.error = self.source.error
        except Exception as exc:  # keep the kiosk alive; say what happened
            self.error = f"gaze tracking stopped ({exc}); voice, touch and keyboard still work"
        finally:
            close = getattr(extractor, "close", None)
            if close is not None and self._owns_extractor:
                close()

    def timings(self) -> tuple[list[float], list[float]]:
        """Recent per-frame processing and capture-to-point times in ms (for benchmarks)."""
        with self._lock:
            return list(self._ms), list(self._latency)

    def drain_samples(self) -> list[tuple[float, EyeFeatures]]:
        """All (time, features) since the last call, oldest first (for calibration)."""
        with self._lock:
            out = list(self._samples)
            self._samples.clear()
        return out

    def snapshot(self, now: float | None = None) -> GazeSnapshot:
        now = time.monotonic() if now is None else now
        with self._lock:
            ms = list(self._ms)
            latency = list(self._latency)
            times = list(self._times)
            last_face = self._last_face_t
            lost_s = now - last_face if last_face is not None else float("inf")
            stale = now - self._last_t > 1.0  # no frames lately counts as no face
            features = NO_FACE if stale else self._features
            fps = (
                (len(times) - 1) / (times[-1] - times[0])
                if len(times) > 1 and times[-1] > times[0]
                else 0.0
            )
            return GazeSnapshot(
                time=self._last_t,
                features=features,
                point=None if stale else self._point,
                face_lost=lost_s >= self.lost_after_s,
                face_lost_s=max(0.0, lost_s),
                fps=fps,
                ms_median=statistics.median(ms) if ms else 0.0,
                ms_p95=float(np.percentile(ms, 95)) if ms else 0.0,
                latency_ms_median=statistics.median(latency) if latency else 0.0,
                latency_ms_p95=float(np.percentile(latency, 95)) if latency else 0.0,
                thumbnail=self._thumb,
                frames=self._frames,
                running=self.running,
                error=self.error or self.source.error,
                eyes_closed=None if stale or not features.face else features.closed,
            )


@dataclass
class GazeView:
    """What the view draws for gaze, read once per frame on the main thread."""

    progress: dict[str, float] = field(default_factory=dict)
    point: tuple[float, float] | None = None
    face_lost: bool = False
    thumbnail: np.ndarray | None = None
    paused: bool = False
    camera_on: bool = False
    calibration: CalibrationSession | None = None
    status: str = ""
    eyes_closed: bool | None = None  # per-person judgement; None: no face / not tracking
    position_hint: str | None = None  # "Please come a little closer" etc.: head left the box
    trusted: bool = True  # False: dwell frozen (eyes closed, head turned far, face lost)
    recording: bool = False  # a session is being recorded (show it on screen)
    looked_at: str | None = None  # the target highlighted as looked at (look and confirm)
    confirm: tuple[str, FloatRect] | None = None  # the confirm target beside it: (id, rect)


class GazeController:
    """Main-thread glue: tracker snapshots + calibration + dwell -> selected target ids.

    `now` must come from time.monotonic() (the tracker stamps frames with it).
    """

    def __init__(
        self,
        tracker: GazeTracker | None,
        *,
        dwell_s: float = DEFAULTS.dwell_s,
        glance_grace_s: float = DEFAULTS.glance_grace_s,
        calibration_points: int | str = DEFAULTS.calibration_points,
        geometry: ScreenGeometry | None = None,
        auto_calibrate: bool = True,
        auto_after_s: float = 1.0,
        session_options: Mapping | None = None,
        edges_only: bool = False,
        record_to: str | None = None,
        trigger: str = "dwell",
        confirm_s: float = ConfirmSettings.confirm_s,
    ) -> None:
        self.tracker = tracker
        self.geometry = geometry or ScreenGeometry()
        self.default_kind = point_count(calibration_points)
        self.auto_calibrate, self.auto_after_s = auto_calibrate, auto_after_s
        self.session_options = dict(session_options or {})
        self.dwell = DwellSelector({}, dwell_s=dwell_s, glance_grace_s=glance_grace_s)
        # When a choice happens (kiosk.gaze.triggers): dwell alone, or look and confirm
        # (with or without the confirm target: a switch, long blink or word confirms).
        self.trigger: TileTrigger = (
            self.dwell
            if trigger == "dwell"
            else ConfirmSelector(
                {},
                self.geometry.size,
                ConfirmSettings(confirm_s=confirm_s, show_confirm=trigger == "confirm"),
            )
        )
        self._targets: dict[str, FloatRect] = {}
        self.calibration: CalibrationSession | None = None
        self._result_dwell: DwellSelector | None = None
        self._previous_model: GazeModel | None = None
        self._face_since: float | None = None
        # After a calibration that failed, do not start another by itself until the face has
        # gone and come back (a new person, or the same one settled anew): otherwise a person
        # whose eyes cannot be tracked would get the moving dot over and over.
        self._await_new_face = False
        self._snap: GazeSnapshot | None = None
        self.last_result: CalibrationResult | None = None
        self.drift = DriftCorrector()
        self.learner = ChoiceLearner(self.drift)  # confirmed choices refine the mapping
        self.edges = EdgeGlance()
        self.edges_only = edges_only  # calibration-free: glances off the screen's edges only
        # Staff only, off by default: record each calibration's landmarks (never images).
        self.record_to = record_to
        self.record_error: str | None = None
        self._sessions_recorded = 0
        self.recentre_target = RECENTRE_TARGET
        self._guidance = HeadGuidance(None, True)
        self._recorder: SessionRecorder | None = None
        self._record_target: tuple[float, float] | None = None
        self._record_phase = "test"

    # -- app-facing -------------------------------------------------------------------
    @property
    def available(self) -> bool:
        return self.tracker is not None and self.tracker.error is None

    @property
    def calibrated(self) -> bool:
        return self.tracker is not None and self.tracker.model is not None

    @property
    def calibrating(self) -> bool:
        return self.calibration is not None

    @property
    def paused(self) -> bool:
        return self.trigger.paused

    def toggle_pause(self) -> None:
        """Pause or resume gaze selection (voice or keyboard "gaze pause")."""
        self.trigger.set_paused(not self.trigger.paused)

    def set_targets(self, rects: Mapping[str, FloatRect], screen_size: tuple[int, int]) -> None:
        """The selectable targets of the screen now shown (resets dwell fills)."""
        size = (int(screen_size[0]), int(screen_size[1]))
        if size != tuple(self.geometry.size):
            self.geometry = ScreenGeometry(
                size, self.geometry.diagonal_in, self.geometry.distance_cm
            )
        self._targets = dict(rects)
        if isinstance(self.trigger, ConfirmSelector):
            self.trigger.set_screen(size)
        self.trigger.set_targets(self._targets)

    def start_calibration(self, kind: int | str | None = None, now: float | None = None) -> None:
        if self.tracker is None:
            return
        now = time.monotonic() if now is None else now
        if self.calibration is None:
            self._previous_model = self.tracker.model
        self.tracker.drain_samples()  # only samples from now on belong to this session
        self.drift.reset()
        self.calibration = CalibrationSession(
            self.geometry.size,
            self.default_kind if kind is None else kind,
            start=now,
            geometry=self.geometry,
            **self.session_options,
        )
        self._result_dwell = None
        if self.record_to is not None:
            self._record_next_session()

    def _record_next_session(self) -> None:
        """Each calibration (with its validation) goes to its own file: FILE, then
        FILE-2.jsonl, FILE-3.jsonl... A file that cannot be written turns recording off."""
        assert self.record_to is not None
        path = Path(self.record_to)
        if self._sessions_recorded:
            path = path.with_name(f"{path.stem}-{self._sessions_recorded + 1}{path.suffix}")
        try:
            self.start_recording(str(path))
        except OSError as exc:
            self.record_error = f"cannot record to {path}: {exc.strerror or exc}"
            self.record_to = None
            return
        self._sessions_recorded += 1

    def cancel_calibration(self) -> bool:
        """Give the screen back, keep any earlier model, and do not start calibrating by
        itself again until the next person. Returns False if nothing was being calibrated."""
        if self.calibration is None:
            return False
        self.calibration = None
        self._result_dwell = None
        self.stop_recording()
        if self.tracker is not None:
            self.tracker.set_model(self._previous_model)
        self.auto_calibrate = False
        self.trigger.set_targets(self._targets)
        return True

    def reset(self) -> None:
        """Idle reset: forget the calibration and any pause; the next person starts fresh."""
        self.calibration = None
        self._result_dwell = None
        self._previous_model = None
        self._face_since = None
        self._await_new_face = False
        self.last_result = None
        self.learner.reset()  # and the drift offset
        self.edges.reset()
        self._guidance = HeadGuidance(None, True)
        if self.tracker is not None:
            self.tracker.set_model(None)
        self.trigger.set_paused(False)
        if isinstance(self.trigger, ConfirmSelector):
            self.trigger.set_steady_px(ConfirmSettings.steady_px)
        self.trigger.set_targets(self._targets)

    def update(self, now: float) -> list[str]:
        """Advance to `now`; returns target ids selected by dwell (usually none)."""
        if self.tracker is None:
            return []
        snap = self._snap = self.tracker.snapshot(now)
        samples = self.tracker.drain_samples()
        face_now = snap.features.face and not snap.face_lost
        if face_now:
            self._face_since = self._face_since if self._face_since is not None else now
        else:
            self._face_since = None
            if snap.face_lost:
                self._await_new_face = False
        if self.calibration is not None:
            self._update_calibration(now, snap, samples)
            return []
        if self.tracker.model is None:
            if self.edges_only or self._await_new_face:
                # No calibration (by choice, or this person's failed): glances off the edges.
                return self.edges.choose(GazeSample(now, None, frames=samples))
            if (
                self.auto_calibrate
                and not self._await_new_face
                and self._face_since is not None
                and now - self._face_since >= self.auto_after_s
            ):
                self.start_calibration(now=now)
            return []
        sample = self._calibrated_sample(now, snap, samples)
        point = sample.point
        picked = self.trigger.choose(sample)
        self.learner.seen(samples, self.trigger.looked_at(), now)
        if not picked:
            return []
        chosen = picked[0]
        # A look at the recentre target, or at the pause / resume tile (a fixed place the
        # person looks at on purpose), sets the drift offset from that one look.
        # With look and confirm, the look at the tile ended before the look at Choose.
        until = min(snap.time, self.trigger.look_ended() or snap.time)
        if chosen in (self.recentre_target, self.trigger.pause_target) and point is not None:
            rect = self._targets.get(chosen)
            if rect is not None:
                self.drift.recentre((rect[0] + rect[2] / 2, rect[1] + rect[3] / 2), until)
        else:
            self.learner.learn(self.tracker, chosen, self._targets, until)
        return [chosen]

    def looked_at_chosen(self, now: float) -> None:
        """A switch, long blink or spoken "this" chose the highlighted target: learn."""
        if self._selecting:
            self.learner.chosen_elsewhere(self.tracker, now, self._targets)

    def _calibrated_sample(
        self, now: float, snap: GazeSnapshot, samples: list[tuple[float, EyeFeatures]]
    ) -> GazeSample:
        """The point source (kiosk.gaze.points): the calibrated, drift-corrected gaze point
        and whether the face can be trusted now."""
        raw = None if snap.face_lost or not snap.features.face else snap.point
        if raw is not None:
            self.drift.observe(snap.time, raw)
        point = self.drift.apply(raw)
        self._guidance = self._head_guidance(snap.features)
        # Low confidence freezes dwell like a blink: eyes closed, head turned far away.
        frozen = snap.features.blink or not self._guidance.trusted
        return GazeSample(now, point, frozen, snap.eyes_closed, samples)

    @property
    def layout_name(self) -> str | None:
        """The gaze layout this person's measured accuracy calls for (kiosk.gaze.layouts):
        "tiles", "large", "halves", or "edges" when there is no usable calibration; None
        while nobody has been calibrated yet."""
        if self.tracker is None:
            return None
        if self.tracker.model is None:
            return "edges" if self.edges_only or self._await_new_face else None
        result = self.last_result
        if result is None or not math.isfinite(result.accuracy_deg):
            return "halves"  # a model of unknown accuracy: the largest targets
        return choose_layout(result.accuracy_deg, self.geometry).name

    def _head_guidance(self, f: EyeFeatures) -> HeadGuidance:
        model = self.tracker.model if self.tracker is not None else None
        reference = model.head_reference if model is not None else None
        if reference is None or not f.face:
            return HeadGuidance(None, True)
        return head_guidance(GazeModel.head_terms(f), reference)

    def selection_undone(self, now: float) -> None:
        """Back straight after a choice: forget what its look taught (kiosk.gaze.refit)."""
        self.learner.undo(self.tracker, now)

    @property
    def eyes_closed(self) -> bool | None:
        """This frame's eyes-closed judgement (None: no face or no tracking)."""
        return self._snap.eyes_closed if self._snap is not None else None

    # -- recording (staff only, off by default) ---------------------------------------
    def start_recording(self, path: str, diagonal_in: float | None = None) -> None:
        """Record landmarks (never images) of calibration and validation to `path`, in the
        replay format (kiosk.gaze.replay). Raises OSError when the file cannot be written."""
        if self.tracker is None:
            raise RuntimeError("eye gaze is off: nothing to record")
        frame = (
            getattr(self.tracker.source, "width", 640),
            getattr(self.tracker.source, "height", 480),
        )
        header = Header(
            self.geometry.size,
            diagonal_in or self.geometry.diagonal_in,
            self.geometry.distance_cm,
            (int(frame[0]), int(frame[1])),
        )
        self.stop_recording()
        self._recorder = SessionRecorder(path, header)
        self.tracker.set_recorder(self._record_frame)

    def _record_frame(self, t: float, f: EyeFeatures) -> None:
        recorder = self._recorder
        if recorder is not None and self._record_target is not None:
            recorder.add(t, f, self._record_target, self._record_phase)

    def stop_recording(self) -> None:
        if self._recorder is None:
            return
        if self.tracker is not None:
            self.tracker.set_recorder(None)
        self._recorder.close()
        self._recorder = None

    @property
    def recording(self) -> bool:
        return self._recorder is not None

    def _update_record_target(self) -> None:
        """The target the person is asked to look at now (calibration or validation)."""
        session = self.calibration
        if session is None or session.stage not in ("calibrate", "validate"):
            self._record_target = None
            return
        self._record_target = session.goal()
        self._record_phase = "calibration" if session.stage == "calibrate" else "test"

    def _update_calibration(
        self, now: float, snap: GazeSnapshot, samples: list[tuple[float, EyeFeatures]]
    ) -> None:
        session, tracker = self.calibration, self.tracker
        if session is None or tracker is None:
            return
        session.update(now, samples)
        if self._recorder is not None:
            self._update_record_target()
        result = session.result
        if session.stage == "result" and result is not None:
            if self._result_dwell is None:
                tracker.set_model(result.model)  # so the choice can be looked at
                self._result_dwell = DwellSelector(
                    session.result_targets(), dwell_s=self.dwell.dwell_s, cooldown_s=0.0
                )
            point = None if snap.face_lost else tracker.snapshot(now).point
            chosen = self._result_dwell.update(now, point, snap.features.blink)
            if chosen:
                session.choose(chosen)
        if not session.finished:
            return
        self.last_result = session.result
        self.calibration = None
        self._result_dwell = None
        self.stop_recording()
        if session.wants_repeat:
            self.start_calibration(session.count, now)
            return
        if session.stage == "done" and session.result is not None:
            tracker.set_model(session.result.model)
            self.learner.start(session.result.model, session.fitted_points())
            if isinstance(self.trigger, ConfirmSelector) and math.isfinite(
                session.result.accuracy_px
            ):  # noisier eyes wander more within one steady look at Choose
                self.trigger.set_steady_px(steady_for_accuracy(session.result.accuracy_px))
        else:  # failed or unusable: keep whatever worked before
            tracker.set_model(self._previous_model)
            self._await_new_face = self._previous_model is None
        self.trigger.set_targets(self._targets)

    def view(self) -> GazeView:
        snap = self._snap
        progress = (
            self._result_dwell.progress()
            if self._result_dwell is not None
            else self.trigger.progress()
        )
        return GazeView(
            progress=progress,
            point=self.drift.apply(snap.point) if snap is not None else None,
            face_lost=bool(snap and snap.running and snap.face_lost),
            thumbnail=snap.thumbnail if snap is not None else None,
            paused=self.trigger.paused,
            camera_on=bool(snap and snap.running),
            calibration=self.calibration,
            status=self.status_text(),
            eyes_closed=snap.eyes_closed if snap is not None else None,
            position_hint=self._guidance.hint,
            trusted=bool(
                snap is not None
                and not snap.face_lost
                and snap.eyes_closed is False
                and self._guidance.trusted
            ),
            recording=self.recording,
            looked_at=None if not self._selecting else self.trigger.looked_at(),
            confirm=None if not self._selecting else self.trigger.confirm_target(),
        )

    @property
    def _selecting(self) -> bool:
        """Tracking with a model and not calibrating: a highlight means something."""
        return self.calibration is None and self.calibrated

    def status_text(self) -> str:
        if self.tracker is None:
            return words.GAZE_OFF
        snap = self._snap
        error = self.tracker.error or (snap.error if snap is not None else None)
        if error:
            return error
        if self.calibration is not None:
            return words.CALIBRATING
        if snap is not None and snap.running and snap.face_lost:
            return words.LOOK_AT_THE_SCREEN
        if self._guidance.hint is not None and self.tracker.model is not None:
            return self._guidance.hint
        if self.tracker.model is None:
            if self.layout_name == "edges":
                return words.GLANCE_PAST_AN_EDGE
            return words.LOOK_TO_START
        if self.trigger.paused:
            return words.GAZE_PAUSED
        return words.GAZE_ON


def _proportional(features: EyeFeatures) -> np.ndarray | None:
    """The frame's landmarks with x and y in the same units (x times width over height)."""
    if not features.face or features.landmarks is None:
        return None
    width, height = features.frame_size
    points = np.array(features.landmarks, dtype=np.float64)
    points[:, 0] *= width / max(1, height)
    return points
