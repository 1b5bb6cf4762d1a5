"""The input devices (gaze, voice), each following the contract in kiosk/device_contract.py.

Each starts in the background, turns what it senses into messages for the app's one
queue (returned by `poll`), reports a small frozen status the view draws, and keeps
trying to bring a lost device back (camera unplugged, microphone gone) without a
restart. None of them imports or touches the app.
"""

from __future__ import annotations

import collections
import logging
import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from kiosk.actions import GAZE_EDGE_TARGETS, GAZE_PAUSE_TARGET, Command, Do, Press, Source
from kiosk.core.messages import (
    CalibrationChanged,
    DeviceMode,
    Feedback,
    GazeLayoutChosen,
    GazeLookedAt,
    Heard,
    Message,
    NoticeChanged,
    Sound,
    SwitchPressed,
    Unsure,
)
from kiosk.core.words import GAZE_OFF_NOTICE, RECORDING_NOTICE, VOICE_OFF_NOTICE
from kiosk.device_contract import Device, DeviceStatus, GazeStatus, Screen, VoiceStatus
from kiosk.layout import DESIGN_SIZE, gaze_layout_named
from kiosk.settings import Settings
from kiosk.speech.protocol import Listening
from kiosk.switch.long_blink import LongBlinkConfig, LongBlinkSwitch
from kiosk.timings import INPUT_RETRY_S

if TYPE_CHECKING:
    from kiosk.gaze.tracker import GazeView

log = logging.getLogger("kiosk.input_devices")
RETRY_S = INPUT_RETRY_S

# Without a usable calibration, glances off the screen's edges move and use the focus
# (the same focus switch scanning and the keyboard move): right = next, left = previous,
# up = choose it. kiosk/gaze/edges.py explains the glances.
EDGE_COMMANDS = {
    GAZE_EDGE_TARGETS["right"]: Command.FOCUS_NEXT,
    GAZE_EDGE_TARGETS["left"]: Command.FOCUS_PREVIOUS,
    GAZE_EDGE_TARGETS["up"]: Command.ACTIVATE_FOCUS,
}


class GazeControl(Protocol):
    """What the gaze device needs of eye control (kiosk/gaze/tracker.py GazeController;
    tests pass small stand-ins with the same members)."""

    tracker: Any  # the camera's GazeTracker while it runs, None when stopped
    auto_calibrate: bool
    record_error: str | None  # a recording that could not be written, said once

    @property
    def calibrated(self) -> bool: ...

    @property
    def layout_name(self) -> str | None: ...

    def update(self, now: float) -> list[str]: ...

    def view(self) -> GazeView: ...

    def set_targets(
        self, rects: Mapping[str, tuple[float, float, float, float]], screen_size: tuple[int, int]
    ) -> None: ...

    def start_calibration(self) -> None: ...

    def cancel_calibration(self) -> bool: ...

    def toggle_pause(self) -> None: ...

    def looked_at_chosen(self, now: float) -> None: ...

    def selection_undone(self, now: float) -> None: ...

    def reset(self) -> None: ...


def _chosen(target_id: str) -> Message:
    """What a target chosen by the eyes means for the core."""
    if target_id == GAZE_PAUSE_TARGET:  # the controller pauses itself; say it was taken
        return Feedback(Sound.SELECT)
    if target_id in EDGE_COMMANDS:
        return Do(EDGE_COMMANDS[target_id], Source.GAZE)
    return Press(target_id, Source.GAZE)


class GazeDevice:
    """Camera -> face mesh -> gaze point -> dwell, feeding Press actions to the app."""

    name = "gaze"

    def __init__(
        self,
        settings: Settings,
        camera: str | None = None,
        tracker_factory: Callable[[], Any] | None = None,
        face_mesh: Any = None,
        record: str | None = None,
    ) -> None:
        """`face_mesh`: a FaceFeatureExtractor to use (and not close), e.g. shared by tests;
        by default the device makes one on first use and keeps it for the whole run.
        `record`: staff only, off by default: write each calibration and validation as a
        session file (landmarks only, never images; kiosk/gaze/replay.py)."""
        from kiosk.gaze.calibration import ScreenGeometry
        from kiosk.gaze.tracker import GazeController

        self.settings = settings
        self.camera = camera if camera is not None else settings.camera
        # Each frame's face landmarks for voice's lips (settings.lip_gate); None: not asked.
        self.face_sink: Callable[[float, Any], None] | None = None
        self._factory = tracker_factory or self._make_tracker
        geometry = ScreenGeometry(
            DESIGN_SIZE, settings.screen_diagonal_in, settings.viewing_distance_cm
        )
        self.controller: GazeControl = GazeController(
            None,
            dwell_s=settings.dwell_s,
            glance_grace_s=settings.glance_grace_s,
            calibration_points=settings.calibration_points,
            geometry=geometry,
            record_to=record,
            trigger=settings.gaze_trigger,
            confirm_s=settings.gaze_confirm_s,
        )
        self._looked_at: str | None = None
        self._layout = "tiles"
        self._hint: str | None = None
        self._recording_shown = False
        self.error: str | None = None
        self.privacy = False
        self._next_try = 0.0
        self._starting = False
        self._lock = threading.Lock()
        self._closed = False
        self._starter: threading.Thread | None = None
        self._rects: dict[str, Any] = {}
        self._size = DESIGN_SIZE
        self._status = GazeStatus()
        self._calibrating = False
        self._notice: str | None = None
        # one face mesh for the whole run (see FaceFeatureExtractor)
        self._extractor: Any = face_mesh
        self._owns_extractor = face_mesh is None
        # A long deliberate blink is a switch press (the tracker judges eyes closed against
        # this person's own open eyes).
        self.long_blink = (
            LongBlinkSwitch(LongBlinkConfig(long_blink_s=settings.long_blink_s))
            if settings.long_blink_switch
            else None
        )

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
        tracker = GazeTracker(
            source, extractor_factory=self._shared_extractor, owns_extractor=False
        )
        tracker.set_face_sink(self.face_sink)
        return tracker.start()

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

    def poll(self, now: float) -> list[Message]:
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
        messages: list[Message] = []
        if self.long_blink is not None:
            if view.calibration is not None:
                self.long_blink.reset()  # calibrating: the eyes follow a dot, no presses
            elif self.long_blink.update(now, view.eyes_closed):
                messages.append(SwitchPressed(now))
        messages += [_chosen(target_id) for target_id in selected]
        if view.looked_at != self._looked_at:  # a press or "this" chooses it (the core)
            self._looked_at = view.looked_at
            messages.append(GazeLookedAt(view.looked_at))
        messages += self._layout_and_guides(view)
        if (view.calibration is not None) != self._calibrating:
            self._calibrating = view.calibration is not None
            messages.append(CalibrationChanged(self._calibrating))
        notice = None
        if self.privacy:
            camera = "off"
        elif self.error:
            camera = "error"
            notice = GAZE_OFF_NOTICE
        else:
            camera = ("paused" if view.paused else "on") if view.camera_on else "off"
        self._status = GazeStatus(
            camera=camera,
            available=self.controller.tracker is not None and not self.privacy,
            dwell=view.progress,
            point=view.point,
            show_cursor=bool(self.settings.gaze_cursor),
            paused=view.paused,
            face_lost=view.face_lost and self.controller.calibrated,
            thumbnail=view.thumbnail,
            calibration=view.calibration,
            looked_at=view.looked_at,
            confirm=view.confirm,
        )
        if notice != self._notice:
            self._notice = notice
            messages.append(NoticeChanged(self.name, notice))
        return messages

    def _layout_and_guides(self, view: GazeView) -> list[Message]:
        """Targets sized to this person's accuracy; the position guide; recording shown."""
        out: list[Message] = []
        name = self.controller.layout_name
        layout = gaze_layout_named(name)
        if layout != self._layout:
            self._layout = layout
            log.info("gaze layout: %s (eye control measured %s)", layout, name)
            out.append(GazeLayoutChosen(layout))
        hint = view.position_hint if view.camera_on and not self.privacy else None
        if hint != self._hint:
            self._hint = hint
            out.append(NoticeChanged("gaze position", hint))
        recording = view.recording
        if recording != self._recording_shown:
            self._recording_shown = recording
            out.append(NoticeChanged("gaze recording", RECORDING_NOTICE if recording else None))
        error = self.controller.record_error
        if error:
            log.error("%s; recording is off", error)
            self.controller.record_error = None
        return out

    @property
    def status(self) -> GazeStatus:
        return self._status

    def screen_changed(self, screen: Screen) -> None:
        with self._lock:
            self._rects, self._size = dict(screen.rects), screen.size
            self.controller.set_targets(self._rects, screen.size)

    def request(self, what: DeviceMode) -> None:
        if what is DeviceMode.CANCEL_CALIBRATION:
            self._cancel_calibration()
            return
        with self._lock:
            if what is DeviceMode.CALIBRATE and self.controller.tracker is not None:
                self.controller.start_calibration()
            elif what is DeviceMode.GAZE_PAUSE_TOGGLE:
                self.controller.toggle_pause()
            elif what is DeviceMode.GAZE_CHOSEN:  # learn from the look (kiosk.gaze.refit)
                self.controller.looked_at_chosen(time.monotonic())
            elif what is DeviceMode.GAZE_BACK:
                self.controller.selection_undone(time.monotonic())
            elif what is DeviceMode.RESET_SESSION:
                if self.long_blink is not None:
                    self.long_blink.reset()
                self.controller.reset()
                self.controller.auto_calibrate = True
                self.privacy = False
            elif what is DeviceMode.PRIVACY_ON:
                self.privacy = True
                self.controller.reset()
                self._stop_tracker()
            elif what is DeviceMode.PRIVACY_OFF:
                self.privacy = False

    def _cancel_calibration(self) -> None:
        """A touch or key during calibration means this person does not want eye control
        now: give the screen back, keep any earlier model, and do not start it again by
        itself until the next person (they can still say "calibrate")."""
        with self._lock:
            cancelled = self.controller.cancel_calibration()
        if cancelled:
            log.info("eye calibration cancelled by touch or key")

    def close(self) -> None:
        self._closed = True
        if self._starter is not None:
            self._starter.join(timeout=10)
        with self._lock:
            self._stop_tracker()
            if self._extractor is not None and self._owns_extractor:
                self._extractor.close()
                self._extractor = None


SpeechProbe = Callable[[], Listening | None]  # the speech player now in use, or None


class VoiceDevice:
    """Microphone -> voice activity -> recognizer restricted to this screen -> actions.

    `speech` returns the speech player (or None): the listener ignores the kiosk's own
    voice while it speaks."""

    name = "voice"

    def __init__(
        self,
        settings: Settings,
        speech: SpeechProbe = lambda: None,
        listener_factory: Callable[..., Any] | None = None,
    ) -> None:
        self.settings = settings
        self._speech = speech
        # The listener's thread hands its actions (and Unsure) over here; poll() passes them on.
        self._inbox: collections.deque[Message] = collections.deque()
        self.listener = (listener_factory or self._make_listener)()
        self._caption_id = 0
        self._notice: str | None = None
        self._status = VoiceStatus()

    def _make_listener(self) -> Any:
        from kiosk.voice import create_recognizer
        from kiosk.voice.lips import LipActivity
        from kiosk.voice.listener import VoiceListener

        settings, probe = self.settings, self._speech

        def speaking() -> bool:  # read from the listener's thread; the player's flag is atomic
            player = probe()
            return bool(player is not None and player.is_speaking)

        def recent_words(within_s: float) -> set[str]:
            player = probe()
            return player.recent_words(within_s) if player is not None else set()

        return VoiceListener(
            lambda: create_recognizer(settings.voice_engine, settings.vosk_model),
            self._inbox.append,
            speaking,
            recent_words,
            say_again_s=settings.say_again_s,
            lips=LipActivity() if settings.lip_gate else None,
            # the kiosk asks about a command it was unsure of (kiosk/core/confirm.py)
            on_unsure=lambda action: self._inbox.append(Unsure(action)),
            **self._microphone_option(settings),
        )

    @staticmethod
    def _microphone_option(settings: Settings) -> dict[str, Any]:
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

    def poll(self, now: float) -> list[Message]:
        status = self.listener.status()
        self._status = VoiceStatus(status.state)
        messages: list[Message] = []
        if status.caption and status.caption_id != self._caption_id:
            messages.append(Heard(status.caption))
        self._caption_id = status.caption_id
        while self._inbox:
            messages.append(self._inbox.popleft())
        notice = status.message or None
        if notice != self._notice:
            self._notice = notice
            messages.append(NoticeChanged(self.name, notice))
        return messages

    @property
    def status(self) -> VoiceStatus:
        return self._status

    def screen_changed(self, screen: Screen) -> None:
        self.listener.set_context(screen.targets, screen.kind)

    def request(self, what: DeviceMode) -> None:
        if what is DeviceMode.VOICE_SLEEP:
            self.listener.sleep()
        elif what is DeviceMode.VOICE_WAKE:
            self.listener.wake()
        elif what is DeviceMode.PRIVACY_ON:
            self.listener.set_enabled(False)
            self.forget_face()
        elif what in (DeviceMode.CONFIRM_WORDS_ON, DeviceMode.CONFIRM_WORDS_OFF):
            self.listener.set_confirm_words(what is DeviceMode.CONFIRM_WORDS_ON)
        elif what in (DeviceMode.PRIVACY_OFF, DeviceMode.RESET_SESSION):
            self.listener.set_enabled(True)
            self.listener.wake()
            self.forget_face()

    def forget_face(self) -> None:
        """Nothing of the last visitor's lips is kept (kiosk.voice.lips)."""
        lips = getattr(self.listener, "lips", None)
        if lips is not None:
            lips.clear()

    def close(self) -> None:
        self.listener.stop()


VOICE_UNAVAILABLE = VOICE_OFF_NOTICE


class BrokenDevice:
    """Stands in for a device that could not even be created: it reports, once, that it
    is off, so the rest of the kiosk carries on."""

    def __init__(self, name: str, notice: str, status: DeviceStatus) -> None:
        self.name = name
        self._notice: str | None = notice
        self._status = status

    def start(self) -> None:
        pass

    def poll(self, now: float) -> list[Message]:
        if self._notice is None:
            return []
        notice, self._notice = self._notice, None
        return [NoticeChanged(self.name, notice)]

    @property
    def status(self) -> DeviceStatus:
        return self._status

    def screen_changed(self, screen: Screen) -> None:
        pass

    def request(self, what: DeviceMode) -> None:
        pass

    def close(self) -> None:
        pass


def create_devices(
    settings: Settings,
    *,
    gaze: bool,
    voice: bool,
    camera: str | None = None,
    speech: SpeechProbe = lambda: None,
    record: str | None = None,
) -> list[Device]:
    """Start the inputs asked for; a device that cannot start is reported, not fatal."""
    devices: list[Device] = []
    voice_device: Device | None = None
    if voice:
        try:
            voice_device = VoiceDevice(settings, speech)
        except Exception as error:  # a broken install must not stop the kiosk
            log.error("voice control unavailable: %s", error)
            voice_device = BrokenDevice("voice", VOICE_UNAVAILABLE, VoiceStatus("error"))
    if gaze:
        gaze_device = GazeDevice(settings, camera, record=record)
        if isinstance(voice_device, VoiceDevice) and settings.lip_gate:
            gaze_device.face_sink = voice_device.listener.see_face  # the lips, never images
        gaze_device.start()
        devices.append(gaze_device)
    if voice_device is not None:
        try:
            voice_device.start()
        except Exception as error:  # a broken install must not stop the kiosk
            log.error("voice control unavailable: %s", error)
            voice_device = BrokenDevice("voice", VOICE_UNAVAILABLE, VoiceStatus("error"))
        devices.append(voice_device)
    return devices
