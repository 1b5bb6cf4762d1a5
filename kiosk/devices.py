"""Adapters between the app's main loop and the input devices (gaze, voice).

Each adapter starts its device in the background, turns what the device reports into
actions on the app's queue and into plain-words status for the screen, and keeps
trying to bring a lost device back (camera unplugged, microphone gone) without a
restart. The app calls, every frame on the main thread: `poll(app, now)`; on a screen
change: `screen_changed(state, targets, rects, size)`; on a device request from the
core: `request(what)`; at exit: `close()`.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from kiosk.actions import Press, Source

if TYPE_CHECKING:
    from kiosk.app import App

log = logging.getLogger("kiosk.devices")
RETRY_S = 5.0


class GazeDevice:
    """Camera -> face mesh -> gaze point -> dwell, feeding Press actions to the app."""

    name = "gaze"

    def __init__(
        self, settings: Any, camera: str | None = None, tracker_factory: Any | None = None
    ) -> None:
        from kiosk.gaze.calibration import ScreenGeometry
        from kiosk.gaze.tracker import GazeController

        self.settings = settings
        self.camera = camera if camera is not None else settings.camera
        self._factory = tracker_factory or self._make_tracker
        geometry = ScreenGeometry(
            (1920, 1080), settings.screen_diagonal_in, settings.viewing_distance_cm
        )
        self.controller = GazeController(
            None,
            dwell_s=settings.dwell_s,
            glance_grace_s=settings.glance_grace_s,
            calibration_points=settings.calibration_points,
            geometry=geometry,
        )
        self.error: str | None = None
        self.privacy = False
        self._next_try = 0.0
        self._starting = False
        self._lock = threading.Lock()
        self._closed = False
        self._starter: threading.Thread | None = None
        self._rects: dict = {}
        self._size = (1920, 1080)
        self._extractor: Any = None  # one face mesh for the whole run (see FaceFeatureExtractor)

    def _shared_extractor(self) -> Any:
        if self._extractor is None:
            from kiosk.gaze.face import FaceFeatureExtractor

            self._extractor = FaceFeatureExtractor()
        return self._extractor

    def _make_tracker(self) -> Any:
        from kiosk.gaze.camera import FrameSource
        from kiosk.gaze.tracker import GazeTracker

        source = FrameSource(
            self.camera, self.settings.camera_width, self.settings.camera_height, loop=True
        )
        source.open()
        return GazeTracker(
            source, extractor_factory=self._shared_extractor, owns_extractor=False
        ).start()

    def _start_in_background(self) -> None:
        """Open camera and face mesh off the main thread (they take a second or two)."""
        if self._starting:
            return
        self._starting = True

        def start() -> None:
            try:
                tracker = self._factory()
            except Exception as error:  # CameraError, FaceMeshUnavailable, OpenCV failures
                message = str(error) or type(error).__name__
                with self._lock:
                    repeated, self.error = message == self.error, message
                # Said once; the same failure on every retry would bury the log for weeks.
                (log.debug if repeated else log.error)(
                    "eye gaze unavailable: %s (trying again every %.0f s)", message, RETRY_S
                )
            else:
                with self._lock:
                    if self._closed or self.privacy:  # turned off while it was starting
                        tracker.stop()
                        return
                    self.controller.tracker = tracker
                    self.controller.set_targets(self._rects, self._size)
                    self.error = None
                log.info("eye gaze started (camera %s)", self.camera)
            finally:
                self._starting = False

        self._starter = threading.Thread(target=start, name="gaze-start", daemon=True)
        self._starter.start()

    def start(self) -> None:
        self._start_in_background()

    def _stop_tracker(self) -> None:
        tracker = self.controller.tracker
        self.controller.tracker = None
        if tracker is not None:
            tracker.stop()

    def poll(self, app: App, now: float) -> None:
        with self._lock:
            tracker = self.controller.tracker
            error = self.error or (tracker.error if tracker is not None else None)
        if error and tracker is not None:
            log.error("eye gaze stopped: %s; trying again every %.0f s", error, RETRY_S)
            self._stop_tracker()
            self.error = error
            self._next_try = now + RETRY_S
        if tracker is None and not self.privacy and not self._starting and now >= self._next_try:
            if self.error:
                self._next_try = now + RETRY_S
            self._start_in_background()
        with self._lock:
            selected = self.controller.update(now)
            view = self.controller.view()
        for target_id in selected:
            if target_id == "gaze:pause":
                app.sounds.play("select")
                continue
            app.post(Press(target_id, Source.GAZE))
        status = app.status
        status.gaze_available = self.controller.tracker is not None and not self.privacy
        status.dwell = view.progress
        status.gaze_point = view.point
        status.show_gaze_cursor = bool(self.settings.gaze_cursor)
        status.gaze_paused = view.paused
        status.face_lost = view.face_lost and self.controller.calibrated
        status.thumbnail = view.thumbnail
        status.calibration = view.calibration
        if self.privacy:
            status.camera = "off"
            app.set_notice("gaze", None)
        elif self.error:
            status.camera = "error"
            app.set_notice("gaze", "Eye control is off right now. Voice and touch still work.")
        else:
            status.camera = ("paused" if view.paused else "on") if view.camera_on else "off"
            app.set_notice("gaze", None)

    def screen_changed(self, state: Any, targets: Any, rects: dict, size: tuple[int, int]) -> None:
        with self._lock:
            self._rects, self._size = dict(rects), size
            self.controller.set_targets(self._rects, size)

    def request(self, what: str) -> None:
        with self._lock:
            if what == "calibrate" and self.controller.tracker is not None:
                self.controller.start_calibration()
            elif what == "gaze pause toggle":
                self.controller.toggle_pause()
            elif what == "reset session":
                self.controller.reset()
                self.controller.auto_calibrate = True
                self.privacy = False
            elif what == "privacy on":
                self.privacy = True
                self.controller.reset()
                self._stop_tracker()
            elif what == "privacy off":
                self.privacy = False

    @property
    def calibrating(self) -> bool:
        return self.controller.calibrating

    def cancel_calibration(self) -> None:
        """A touch or key during calibration means this person does not want eye control
        now: give the screen back, keep any earlier model, and do not start it again by
        itself until the next person (they can still say "calibrate")."""
        with self._lock:
            controller = self.controller
            if controller.calibration is None:
                return
            controller.calibration = None
            controller._result_dwell = None
            if controller.tracker is not None:
                controller.tracker.set_model(controller._previous_model)
            controller.auto_calibrate = False
            controller.dwell.set_targets(self._rects)
        log.info("eye calibration cancelled by touch or key")

    def close(self) -> None:
        self._closed = True
        if self._starter is not None:
            self._starter.join(timeout=10)
        with self._lock:
            self._stop_tracker()
            if self._extractor is not None:
                self._extractor.close()
                self._extractor = None


class VoiceDevice:
    """Microphone -> voice activity -> recognizer restricted to this screen -> actions."""

    name = "voice"

    def __init__(self, app: App, listener_factory: Any | None = None) -> None:
        self.app = app
        self.listener = (listener_factory or self._make_listener)()
        self._caption_id = 0

    def _make_listener(self) -> Any:
        from kiosk.voice.engine import create_recognizer
        from kiosk.voice.listener import VoiceListener

        settings, app = self.app.settings, self.app

        def speaking() -> bool:  # read from the listener's thread; the player's flag is atomic
            player = app.speech
            return bool(player is not None and player.is_speaking)

        def recent_words(within_s: float) -> set[str]:
            player = app.speech
            return player.recent_words(within_s) if player is not None else set()

        return VoiceListener(
            lambda: create_recognizer(settings.voice_engine, settings.vosk_model),
            app.post,
            speaking,
            recent_words,
            **self._microphone_option(settings),
        )

    @staticmethod
    def _microphone_option(settings: Any) -> dict:
        """A device name or index from settings, or a WAV file played as the microphone."""
        choice = settings.microphone
        if not choice:
            return {}
        from kiosk.voice.audio import Microphone, WavMicrophone

        if choice.lower().endswith(".wav"):
            return {"microphone_factory": lambda callback: WavMicrophone(callback, choice)}
        device = int(choice) if choice.isdigit() else choice
        return {"microphone_factory": lambda callback: Microphone(callback, device=device)}

    def start(self) -> None:
        self.listener.start()

    def poll(self, app: App, now: float) -> None:
        status = self.listener.status()
        app.status.voice = status.state
        if status.caption and status.caption_id != self._caption_id:
            app.show_caption(status.caption, now)
        self._caption_id = status.caption_id
        app.set_notice("voice", status.message or None)

    def screen_changed(self, state: Any, targets: Any, rects: dict, size: tuple[int, int]) -> None:
        from kiosk import core

        self.listener.set_context(targets, core.screen_kind(state))

    def request(self, what: str) -> None:
        if what == "voice sleep":
            self.listener.sleep()
        elif what == "voice wake":
            self.listener.wake()
        elif what == "privacy on":
            self.listener.set_enabled(False)
        elif what in ("privacy off", "reset session"):
            self.listener.set_enabled(True)
            self.listener.wake()

    def close(self) -> None:
        self.listener.stop()


def start_devices(app: App) -> None:
    """Start the inputs the settings ask for; a device that cannot start is reported, not fatal."""
    if app.options.gaze:
        gaze = GazeDevice(app.settings, app.options.camera)
        gaze.start()
        app.gaze = gaze
    if app.options.voice:
        try:
            voice = VoiceDevice(app)
            voice.start()
        except Exception as error:  # a broken install must not stop the kiosk
            log.error("voice control unavailable: %s", error)
            app.status.voice = "error"
            app.set_notice("voice", "Voice control is off right now. Touch and eyes still work.")
        else:
            app.voice = voice
