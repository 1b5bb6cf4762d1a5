"""The shell: the pygame main loop that feeds actions to the core and carries out effects.

Every input (keyboard, touch, voice, gaze) puts actions on one queue; each frame the
loop drains it through `core.update`, performs the returned effects, and draws. Only
this thread draws or touches pygame. Devices that fail are reported in plain words
and the rest keeps working; an error in one frame is logged and the kiosk goes on.
"""

from __future__ import annotations

import argparse
import collections
import logging
import os
import queue
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

import pygame

from kiosk import __version__, core
from kiosk.actions import GAZE_PAUSE_TARGET, Command, Do, Press, Select, Source
from kiosk.content import load_library, merge_reload
from kiosk.content_cache import load_with_cache, phrases_file
from kiosk.content_cache import remember as remember_content
from kiosk.core import (
    ContentLoaded,
    DeviceMode,
    DeviceRequest,
    Effect,
    Message,
    NoticeChanged,
    PagesMeasured,
    PlaySound,
    ReadingFinished,
    Record,
    RunTask,
    ScanTick,
    SentenceStarted,
    SetSpeech,
    ShellTask,
    Speak,
    SpeechControl,
    SpeechFailed,
    SpeechKey,
    State,
    SwitchDown,
)
from kiosk.core.rules import page_items
from kiosk.device import Device, GazeStatus, Screen, VoiceStatus
from kiosk.instance_lock import hold_or_explain
from kiosk.layout import Layout, Rect, hit_test
from kiosk.logs import setup_logging
from kiosk.notices import controls_notice
from kiosk.phrases import PhraseBoard, default_board, load_phrases
from kiosk.settings import Settings, content_dir, load_settings
from kiosk.sounds import SoundBank
from kiosk.speech import SpeechItem, create_player, pause_after_ms, speakable, speech_items
from kiosk.speech.lexicon import EMPTY, Lexicon, lexicon_for
from kiosk.speech.output import open_mixer
from kiosk.speech.prompts import PromptAnnouncer
from kiosk.speech.spoken_text import SHIPPED_LEXICON
from kiosk.staff import RECENT, StaffMode
from kiosk.supervisor import (
    ALREADY_RUNNING_EXIT_CODE,
    NO_DISPLAY_EXIT_CODE,
    STAFF_EXIT_CODE,
    TERMINATED_EXIT_CODE,
    WINDOW_HIDDEN_EXIT_CODE,
    display_problem,
)
from kiosk.switch.inputs import SwitchInput
from kiosk.switch.scanning import ScanConfig
from kiosk.usage import UsageCounter
from kiosk.view.render import Renderer, ViewStatus, fit_pages, forget_fonts, layout_for
from kiosk.view.staff import draw_staff
from kiosk.view.theme import THEMES
from kiosk.window_guard import WindowGuard, WindowKeeper

log = logging.getLogger("kiosk.app")

CAPTION_SECONDS = 4.0
REDRAW_S = 2.0  # an unchanged screen is still drawn this often (a safety net)
IDLE_FPS = 20  # loop rate once nothing has been drawn for a second
ANIMATION_FPS = 30  # a dwell fill or the calibration dot moves smoothly at this rate
STILL_THERE_S = 20.0  # asked this long before an idle reset
STILL_THERE = "Still there? Say anything, look at the screen, or touch it to keep going."
USAGE_SAVE_S = 300.0
DEVICE_RETRY_S = 10.0
STAFF_EXIT_HINT = "Ctrl+Shift+Q"

KEYS: dict[int, Command] = {
    pygame.K_TAB: Command.FOCUS_NEXT,
    pygame.K_RIGHT: Command.FOCUS_NEXT,
    pygame.K_DOWN: Command.FOCUS_NEXT,
    pygame.K_LEFT: Command.FOCUS_PREVIOUS,
    pygame.K_UP: Command.FOCUS_PREVIOUS,
    pygame.K_RETURN: Command.ACTIVATE_FOCUS,
    pygame.K_KP_ENTER: Command.ACTIVATE_FOCUS,
    pygame.K_SPACE: Command.ACTIVATE_FOCUS,
    pygame.K_BACKSPACE: Command.BACK,
    pygame.K_HOME: Command.HOME,
    pygame.K_r: Command.READ,
    pygame.K_p: Command.PAUSE,
    pygame.K_s: Command.STOP,
    pygame.K_c: Command.RESUME,
    pygame.K_PAGEDOWN: Command.NEXT_PAGE,
    pygame.K_n: Command.NEXT_PAGE,
    pygame.K_PAGEUP: Command.PREVIOUS_PAGE,
    pygame.K_b: Command.PREVIOUS_PAGE,
    pygame.K_h: Command.HELP,
    pygame.K_F1: Command.HELP,
    pygame.K_EQUALS: Command.LOUDER,
    pygame.K_PLUS: Command.LOUDER,
    pygame.K_KP_PLUS: Command.LOUDER,
    pygame.K_MINUS: Command.SOFTER,
    pygame.K_KP_MINUS: Command.SOFTER,
    pygame.K_RIGHTBRACKET: Command.FASTER,
    pygame.K_LEFTBRACKET: Command.SLOWER,
    pygame.K_a: Command.REPEAT,
    pygame.K_k: Command.CALIBRATE,
    pygame.K_x: Command.PRIVACY,
    pygame.K_g: Command.GAZE_PAUSE_TOGGLE,
}


# Window events and the WindowGuard method each one calls.
_WINDOW_EVENTS = {
    pygame.WINDOWMINIMIZED: "hidden",
    pygame.WINDOWHIDDEN: "hidden",
    pygame.WINDOWRESTORED: "shown",
    pygame.WINDOWSHOWN: "shown",
    pygame.WINDOWFOCUSLOST: "focus_lost",
    pygame.WINDOWFOCUSGAINED: "focus_gained",
}


@dataclass
class Options:
    windowed: bool = False
    size: tuple[int, int] | None = None
    camera: str | None = None
    voice: bool = True
    gaze: bool = True
    record: str | None = None  # staff only: eye landmarks of each calibration to this file
    settings_path: Path | None = None  # where a staff PIN chosen at the kiosk is saved


class App:
    """One running kiosk. Devices are created by the factories so tests can swap them."""

    def __init__(
        self,
        settings: Settings,
        options: Options,
        speech_player: Any | None = None,
        voice: Any | None = None,
        gaze: Any | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.clock = clock  # monotonic seconds; tests pass a FakeClock
        self.options = options
        self.actions: queue.Queue[Message] = queue.Queue()
        self.running = True
        self.exit_code = 0  # STAFF_EXIT_CODE after a staff exit: see kiosk/supervisor.py
        self.closed = False
        # A fullscreen kiosk keeps its window shown and on top (kiosk/window_guard.py);
        # a window for testing (--windowed, --size, fullscreen = false) is left alone.
        self.window_guard = WindowGuard(clock)
        self.guard_window = not (options.windowed or options.size or not settings.fullscreen)
        self._window_handle: Any = None
        self.window_keeper: WindowKeeper | None = None  # made at the first frame
        self.status = ViewStatus()
        self.caption_until = 0.0
        self.last_input = clock()
        self.frames = 0
        self.draws = 0  # frames actually drawn: only when something changed or moves
        self._drawn: tuple = ()  # what the last drawn frame showed
        self._drawn_at = -1e9
        self._changed_at = -1e9  # when the screen last changed or moved
        self._expose = True  # the window must be drawn again (exposed, resized, restored)
        self.errors_handled = 0
        self.actions_by_input: collections.Counter[str] = collections.Counter()  # staff, soak
        self.layout: Layout | None = None
        self.measured: set[tuple] = set()
        self.last_targets: tuple = ()

        self.started = clock()
        self.staff = StaffMode(
            settings,
            self.post,
            clock=clock,
            say=self._say_to_staff,
            require_pin=not (options.windowed or options.size),  # issue 20: fails closed
            settings_path=options.settings_path,
        )
        self.usage = UsageCounter()
        self.usage_saved = self.started
        self.content_stamp = self._content_stamp()
        # The saved copy fills in a folder not mounted yet (issue 20: kiosk/content_cache.py).
        library, content_note = load_with_cache(content_dir(settings))
        self.content_note = content_note  # set while the saved copy is shown
        for error in library.errors:
            log.error("content problem: %s", error)
        self.state: State = core.initial_state(library, settings.speech_rate, settings.volume)
        self.switch = SwitchInput.from_settings(settings)
        phrases = self._load_phrases()
        self.state = replace(
            self.state,
            scan_config=ScanConfig.from_settings(settings),
            phrases=phrases,
            talk_volume=settings.talk_volume,
        )
        self.speaking_politely = False  # the speech now playing is a scanned name
        extra = tuple(settings.problems) + tuple(self.switch.problems)
        extra += tuple(str(e) for e in phrases.errors) + ((content_note,) if content_note else ())
        if extra:
            self.state = replace(self.state, errors=self.state.errors + extra)
        if library.errors or phrases.errors:
            self.set_notice("content", core.CONTENT_NOTICE)
        self.devices: dict[str, Device] = {}  # by name: "gaze", "voice", ...

        self.headphones_only = settings.headphones_only  # the staff screen can switch it
        self.sound_output = ""  # the output device in use ("" = the computer's default)
        self.screen = self._open_window()
        self.renderer = Renderer(THEMES.get(settings.theme, THEMES["dark"]), settings.text_scale)
        self.sounds = SoundBank()
        self.lexicon = self._load_lexicon()
        self.announcer = PromptAnnouncer(settings.spoken_prompts)
        self.ahead_page: tuple | None = None  # the reader page whose first sentence is made
        self.speech_factory = create_player
        self.next_retry = clock() + DEVICE_RETRY_S
        self.speech = speech_player if speech_player is not None else self._start_speech()
        if voice is not None:
            self.voice = voice
        if gaze is not None:
            self.gaze = gaze

    # -------------------------------------------------------------- devices by name
    @property
    def gaze(self) -> Any:
        return self.devices.get("gaze")

    @gaze.setter
    def gaze(self, device: Device | None) -> None:
        self._set_device("gaze", device)

    @property
    def voice(self) -> Any:
        return self.devices.get("voice")

    @voice.setter
    def voice(self, device: Device | None) -> None:
        self._set_device("voice", device)

    def _set_device(self, name: str, device: Device | None) -> None:
        if device is None:
            self.devices.pop(name, None)
        else:
            self.devices[name] = device
        self.last_targets = ()  # tell it what is on screen at the next frame

    def add_device(self, device: Device) -> None:
        self._set_device(device.name, device)

    def start_devices(self) -> None:
        """Start the inputs the settings and options ask for."""
        from kiosk.devices import create_devices

        for device in create_devices(
            self.settings,
            gaze=self.options.gaze,
            voice=self.options.voice,
            camera=self.options.camera,
            speech=lambda: self.speech,
            record=self.options.record,
        ):
            self.add_device(device)

    @property
    def notices(self) -> dict[str, str]:
        """Plain-words problems shown to the person, by topic (read-only view of the state)."""
        return dict(self.state.notices)

    # -------------------------------------------------------------- set-up
    def _open_window(self) -> pygame.Surface:
        # Another window taking the focus (a message box, an update dialog) must not
        # minimise the fullscreen kiosk: SDL does that by default, and nothing undid it.
        os.environ.setdefault("SDL_VIDEO_MINIMIZE_ON_FOCUS_LOSS", "0")
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption("Health information")
        try:
            self._open_sound()
        except pygame.error as error:
            log.error("no sound output (%s): text is shown but cannot be read aloud", error)
            self.set_notice("sound", "Sound is not working right now. The text is still shown.")
        if self.options.size:
            return pygame.display.set_mode(self.options.size)
        if self.options.windowed or not self.settings.fullscreen:
            return pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
        return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)

    def _open_sound(self) -> None:
        """Open the sound output the settings name: the headphones' only, when staff chose
        "headphones only" (then never the loudspeaker); raises pygame.error if none works."""
        settings = self.settings
        wanted = settings.headphones_output if self.headphones_only else settings.audio_output
        if self.headphones_only and not wanted.strip():
            raise pygame.error("headphones only, but no headphones_output is set")
        result = open_mixer(wanted, fallback=not self.headphones_only)
        self.sound_output = result.device
        if result.problem and result.problem not in self.state.errors:  # once, not per retry
            log.warning("sound output: %s", result.problem)
            self.state = replace(self.state, errors=self.state.errors + (result.problem,))
        if pygame.mixer.get_init() is None:
            raise pygame.error(result.problem or "no sound output")

    def _load_lexicon(self) -> Lexicon:
        lexicon, problem = lexicon_for(content_dir(self.settings), SHIPPED_LEXICON)
        if problem:
            log.error("%s", problem)
            self.state = replace(self.state, errors=self.state.errors + (problem,))
        return lexicon

    def _start_speech(self) -> Any | None:
        try:
            return self.speech_factory(
                self.settings.speech_rate,
                self.settings.volume,
                voice=self.settings.voice,
                mixer_available=pygame.mixer.get_init() is not None,
                engine=self.settings.speech_engine,
                piper_model=self.settings.piper_voice,
                piper_model_sha256=self.settings.piper_voice_sha256,
                lexicon=getattr(self, "lexicon", EMPTY),
            )
        except Exception as error:  # any engine failure: the kiosk still shows everything
            log.error("speech engine failed to start: %s", error)
            self.set_notice(
                "speech", "Reading aloud is not working right now. The text is still shown."
            )
            return None

    # -------------------------------------------------------------- the loop
    def run(self) -> None:
        clock = pygame.time.Clock()
        while self.running:
            self.step(self.clock())
            # Full frame rate while anything changes; a slower loop on a still screen still
            # answers a key, a touch or a voice command within IDLE_FPS's 50 ms.
            clock.tick(60 if self.clock() - self._changed_at < 1.0 else IDLE_FPS)
        self.close()

    def step(self, now: float) -> None:
        """One frame: events, speech, devices, actions, draw. Never raises."""
        try:
            self._pump_events(now)
            self._keep_window_shown()
            self.staff.tick()
            self._retry_devices(now)
            self._poll_speech()
            self._poll_devices(now)
            self._drain_actions(now)
            if core.scan_needs_tick(self.state):
                self._apply(ScanTick(now))
            self._check_idle(now)
            if now - self.usage_saved > USAGE_SAVE_S:
                self.usage_saved = now
                self.usage.save()
            self._sync_screen()
            self._refresh_status(now)
            if self._needs_draw(now):
                self._draw(now)
                self.draws += 1
        except Exception:  # one bad frame must not end the kiosk in front of a patient
            self.errors_handled += 1
            log.exception("error while handling a frame; returning to a working screen")
            self._recover()
        self.frames += 1

    def post(self, message: Message) -> None:
        """Thread-safe: any input may call this."""
        self.actions.put(message)

    def _recover(self) -> None:
        self._expose = True  # the failed frame may have drawn half a screen: draw it again
        try:
            if self.speech is not None:
                self.speech.stop()
        except Exception:
            log.exception("speech did not stop cleanly")
        self.state = core.fresh_session(self.state)

    # -------------------------------------------------------------- inputs
    def _pump_events(self, now: float) -> None:
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                if self.options.windowed or not self.settings.fullscreen:
                    self.running = False  # staff closing a test window
                continue  # fullscreen: window-manager close (Alt+F4) is refused
            switch = None if self.staff.open else self.switch.message(event, now)
            if switch is not None:
                self.last_input = now
                if not self._cancel_calibration():
                    if isinstance(switch, SwitchDown):
                        self.actions_by_input["switch"] += 1
                    self.post(switch)
            elif event.type == pygame.KEYDOWN:
                self._key(event, now)
            elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
                if self.staff.open:
                    self.staff.click(event.pos, self.screen.get_size())
                else:
                    self._touch(event.pos, now)
            elif event.type == pygame.FINGERUP:
                w, h = self.screen.get_size()
                self._touch((event.x * w, event.y * h), now)
            elif event.type == pygame.VIDEORESIZE:
                self.measured.clear()
                self._expose = True
            elif event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN):
                self._expose = True  # uncovered: its pixels must be drawn again
                if event.type in _WINDOW_EVENTS:
                    getattr(self.window_guard, _WINDOW_EVENTS[event.type])()
            elif event.type in _WINDOW_EVENTS:
                getattr(self.window_guard, _WINDOW_EVENTS[event.type])()

    def _say_to_staff(self, text: str) -> None:
        if self.speech is not None:
            from kiosk.speech import SpeechItem

            self.speech.speak([SpeechItem(("staff",), text)])

    def _sdl_window(self) -> Any:
        """The display's window as a pygame._sdl2 Window, made once and kept.

        pygame stores a pointer to this object in the SDL window; a second one made per call
        and then freed left that pointer dangling, and the next window event crashed the
        kiosk (SIGSEGV within a second of raising it, under openbox)."""
        if self._window_handle is None:
            from pygame._sdl2.video import Window

            self._window_handle = Window.from_display_module()
        return self._window_handle

    def _keep_window_shown(self) -> None:
        """Keep the fullscreen window shown (kiosk/window_guard.py); if it stays hidden,
        exit with code 11 so the supervisor starts a fresh one."""
        if not self.guard_window:
            return
        if self.window_keeper is None:
            from kiosk.x11_window import X11Window

            dummy = pygame.display.get_driver() in ("dummy", "offscreen")
            active = None if dummy else (lambda: bool(pygame.display.get_active()))
            x11 = None if dummy else X11Window.for_pygame()
            self.window_keeper = WindowKeeper(self.window_guard, self._sdl_window, x11, active)
        if not self.window_keeper.tick():
            self.exit_code = WINDOW_HIDDEN_EXIT_CODE
            self.running = False

    def _key(self, event: pygame.event.Event, now: float) -> None:
        mods = event.mod
        ctrl_shift = (mods & pygame.KMOD_CTRL) and (mods & pygame.KMOD_SHIFT)
        if ctrl_shift and event.key in (pygame.K_q, pygame.K_e):
            self.staff.chord(exit_requested=event.key == pygame.K_q)
            return
        if self.staff.open:
            self.staff.key(event)
            return
        self.last_input = now
        if self._cancel_calibration():
            return
        if event.key == pygame.K_TAB and mods & pygame.KMOD_SHIFT:
            self.post(Do(Command.FOCUS_PREVIOUS, Source.KEYBOARD))
            return
        if pygame.K_1 <= event.key <= pygame.K_9:
            self.post(Select(event.key - pygame.K_0, Source.KEYBOARD))
            return
        command = KEYS.get(event.key)
        if command is not None:
            self.post(Do(command, Source.KEYBOARD))

    def _cancel_calibration(self) -> bool:
        gaze = self.gaze
        if gaze is not None and isinstance(gaze.status, GazeStatus) and gaze.status.calibrating:
            gaze.request(DeviceMode.CANCEL_CALIBRATION)
            return True
        return False

    def _touch(self, pos: tuple[float, float], now: float) -> None:
        self.last_input = now
        if self.layout is None or self._cancel_calibration():
            return
        target_id = hit_test(self._target_rects(), pos)
        if target_id == GAZE_PAUSE_TARGET:
            self.post(Do(Command.GAZE_PAUSE_TOGGLE, Source.POINTER))
        elif target_id is not None:
            self.post(Press(target_id, Source.POINTER))

    def _target_rects(self) -> dict[str, Rect]:
        assert self.layout is not None
        rects = self.layout.all_targets([t.id for t in core.targets(self.state)])
        if self.status.gaze_available:
            rects[GAZE_PAUSE_TARGET] = self.layout.gaze_pause
        return rects

    # -------------------------------------------------------------- devices
    def _retry_devices(self, now: float) -> None:
        """Sound output and the speech engine are tried again while they are missing."""
        if now < self.next_retry:
            return
        self.next_retry = now + DEVICE_RETRY_S
        if pygame.mixer.get_init() is None:
            try:
                self._open_sound()
            except pygame.error:
                return
            log.info("sound output is back")
            self.set_notice("sound", None)
            self.sounds = SoundBank()
            if self.speech is not None:  # the old player holds channels of the old mixer
                self.speech.close()
                self.speech = None
        if self.speech is None:
            self.speech = self._start_speech()
            self.ahead_page = None  # the new player has made nothing ahead yet
            if self.speech is not None:
                log.info("speech engine is working again")
                self.set_notice("speech", None)

    def _poll_speech(self) -> None:
        if self.speech is None:
            return
        from kiosk.speech.player import ItemStarted, QueueFinished, SpeechError

        for event in self.speech.update():
            key = getattr(event, "key", None)
            if isinstance(event, ItemStarted) and isinstance(key, SpeechKey):
                if key.sentence is not None:
                    self._apply(SentenceStarted(key.token, key.sentence))
            elif isinstance(event, QueueFinished):
                self._apply(ReadingFinished(self.state.reading_token))
            elif isinstance(event, SpeechError):
                log.error("speech problem: %s", event.message)
                self.set_notice("speech", event.message)
                self._apply(SpeechFailed(event.message))

    def _poll_devices(self, now: float) -> None:
        """Each device's messages go on the one queue; its status is drawn."""
        for device in list(self.devices.values()):
            for message in device.poll(now):
                self.post(message)
        self._show_device_status()

    def _show_device_status(self) -> None:
        status = self.status
        gaze = self.gaze.status if self.gaze is not None else GazeStatus()
        voice = self.voice.status if self.voice is not None else None
        if isinstance(voice, VoiceStatus):
            status.voice = voice.state
        if isinstance(gaze, GazeStatus):
            status.gaze_available = gaze.available
            status.dwell = dict(gaze.dwell)
            status.gaze_point = gaze.point
            status.show_gaze_cursor = gaze.show_cursor
            status.gaze_paused = gaze.paused
            status.face_lost = gaze.face_lost
            status.thumbnail = gaze.thumbnail
            status.calibration = gaze.calibration
            if self.gaze is not None:
                status.camera = gaze.camera

    def set_notice(self, topic: str, message: str | None) -> None:
        """Show (or, with None, clear) a plain-words problem; main thread only."""
        self._apply(NoticeChanged(topic, message))

    def show_caption(self, text: str, now: float | None = None) -> None:
        self.status.caption = text
        self.caption_until = (now or self.clock()) + CAPTION_SECONDS

    # -------------------------------------------------------------- actions and effects
    def _drain_actions(self, now: float) -> None:
        while True:
            try:
                message = self.actions.get_nowait()
            except queue.Empty:
                return
            if not isinstance(message, Do | Select | Press):
                self._apply(message)
            else:
                action = message
                if action.source is not Source.SYSTEM:
                    self.last_input = now
                # Counted, not logged: a line per action, with its time, would be a trail
                # of what each visitor did (kiosk/logs.py says what the log holds).
                self.actions_by_input[action.source.value] += 1
                self._apply(action)
            if self.state.caption:
                self.show_caption(self.state.caption, now)

    def _apply(self, message: Message) -> list[Effect]:
        self.state, effects = core.update(self.state, message)
        for effect in effects:
            self._perform(effect)
        return effects

    def _perform(self, effect: Effect) -> None:
        if isinstance(effect, Speak):
            if self.speech is None:
                return
            from kiosk.speech import speech_items

            if effect.polite and self.speech.is_speaking and not self.speaking_politely:
                return  # a scanned name never cuts off a phrase, help or a reading
            self.speaking_politely = effect.polite
            self.speech.speak(speech_items(effect.items))
        elif isinstance(effect, SpeechControl):
            if self.speech is not None:
                getattr(self.speech, effect.what.value)()
        elif isinstance(effect, SetSpeech):
            if self.speech is not None:
                self.speech.set_rate(effect.rate_wpm)
                self.speech.set_volume(effect.volume)
        elif isinstance(effect, PlaySound):
            self.sounds.play(effect.name.value)
        elif isinstance(effect, DeviceRequest):
            self._device_request(effect.what)
        elif isinstance(effect, Record):
            self.usage.count(effect.event, effect.detail, effect.source)
        elif isinstance(effect, RunTask):
            self._run_task(effect.task)

    def _device_request(self, what: DeviceMode) -> None:
        if what is DeviceMode.RESET_SESSION:
            self.status.caption = ""
            self.reload_content()
        for device in list(self.devices.values()):
            device.request(what)
        gaze_asked = what in (DeviceMode.CALIBRATE, DeviceMode.GAZE_PAUSE_TOGGLE)
        if gaze_asked and self.gaze is None:
            self.show_caption("Eye control is not available on this kiosk")

    def _run_task(self, task: ShellTask) -> None:
        """Work the core asked for that needs files, the window or the speech engine."""
        if task is ShellTask.EXIT:
            self.exit_code = STAFF_EXIT_CODE  # the supervisor and systemd stop only on this
            self.running = False
        elif task is ShellTask.CLOSE_STAFF:
            self.staff.close()
        elif task is ShellTask.RELOAD_CONTENT:
            self.reload_content(force=True, caption="Content reloaded")
        elif task is ShellTask.TEST_SPEECH:
            if self.speech is not None:
                from kiosk.speech import SpeechItem

                self.speech.speak([SpeechItem(("staff",), "This is a test of the kiosk voice.")])
        elif task is ShellTask.TOGGLE_HEADPHONES:
            self.staff.show_message(self._toggle_headphones())
        elif task is ShellTask.EXPORT_USAGE:
            try:
                path = self.usage.export()
            except OSError as error:
                log.error("usage counts could not be exported: %s", error)
                self.staff.show_message(f"Usage counts could not be saved: {error}")
            else:
                log.info("usage counts exported to %s", path)
                self.staff.show_message(f"Usage counts saved as CSV: {path}")

    def _toggle_headphones(self) -> str:
        """Staff: speech through the headphones only, or back to the usual output."""
        wanted = not self.headphones_only
        if wanted and not self.settings.headphones_output.strip():
            return (
                "Headphones only is not possible: no headphones output is set. "
                "Put its name in headphones_output in the settings file."
            )
        if self.speech is not None:  # its channels belong to the mixer about to close
            self.speech.close()
            self.speech = None
        self.headphones_only = wanted
        try:
            self._open_sound()
        except pygame.error as error:
            log.error("sound output: %s", error)
            self.set_notice("sound", "Headphones are not connected. The text is still shown.")
            return f"Headphones only: on, but the headphones were not found ({error})."
        self.set_notice("sound", None)
        self.sounds = SoundBank()
        self.speech = self._start_speech()
        self.ahead_page = None
        where = self.sound_output or "the computer's default output"
        log.info("headphones only %s: sound through %s", "on" if wanted else "off", where)
        return f"Headphones only: {'on' if wanted else 'off'}. Speech plays through {where}."

    def _check_idle(self, now: float) -> None:
        if self.state.reading == "reading":
            # Someone listening to a long section gives no input for minutes: the idle
            # time only starts when the reading ends or is paused.
            self.last_input = now
            self.status.still_there = ""
            return
        at_start = (
            self.state.place == core.initial_state(self.state.library).place
            and not self.state.help_open
            and self.state.reading == "idle"
        )
        timeout = self.settings.idle_timeout_s
        idle = now - self.last_input
        if not at_start and idle >= max(timeout - STILL_THERE_S, timeout / 2):
            # WCAG 2.2.1: ask before ending the session; a face looking at the screen
            # is someone still reading, as good as an answer.
            if self._face_on_screen():
                self.last_input = now
                self.status.still_there = ""
                return
            self.status.still_there = STILL_THERE
        else:
            self.status.still_there = ""
        if idle < timeout:
            return
        self.last_input = now
        self.status.still_there = ""
        if not at_start:
            log.info(
                "idle for %.0f s: back to the start for the next person",
                self.settings.idle_timeout_s,
            )
            self._apply(Do(Command.IDLE_RESET, Source.SYSTEM))

    def _face_on_screen(self) -> bool:
        gaze = self.gaze.status if self.gaze is not None else None
        return (
            isinstance(gaze, GazeStatus)
            and gaze.available
            and not gaze.paused
            and not gaze.face_lost
            and gaze.point is not None
        )

    def _speak_prompts(self) -> None:
        """Every prompt and problem on screen is also said, once, in the same words."""
        status = self.status
        shown = [status.still_there, status.caption, *status.notices]
        if status.calibration is not None:
            shown.insert(0, str(getattr(status.calibration, "instruction", "")))
        if self.staff.view is not None:
            shown = [self.staff.view.message]
        busy = self.state.reading != "idle"
        for text in self.announcer.update(shown, reading=busy):
            if self.speech is not None:
                item = SpeechItem(
                    ("prompt", text), text, pause_after_ms("announce"), echo_words=False
                )
                self.speech.append([item])

    def _prepare_page(self) -> None:
        """Make the first sentence of the reader page shown now before anyone asks for it,
        so Read starts at once (a slow, natural voice needs a moment to make it)."""
        if self.speech is None or self.state.reading != "idle":
            return
        document = core.current_document(self.state)
        page = None if document is None else (document.key, self.state.place.page)
        if page == self.ahead_page:
            return
        self.ahead_page = page
        if page is not None:
            items = page_items(self.state, self.state.reading_token + 1)
            self.speech.synthesize_ahead(speech_items(items[:1]))

    # -------------------------------------------------------------- screen
    def _sync_screen(self) -> None:
        """Measure reader pages for this window and tell devices when targets change."""
        document = core.current_document(self.state)
        size = self.screen.get_size()
        self.layout = layout_for(self.state, size, self.renderer.text_scale)
        # Pages depend on the window and on the gaze layout (its control bar's height).
        if (
            document is not None
            and (key := (document.key, size, self.state.gaze_layout)) not in self.measured
        ):
            self.measured.add(key)
            # Measure the document as written, not as split for another window size.
            written = core.current_document(replace(self.state, fitted={}))
            assert written is not None
            fitted, starts = fit_pages(written, self.layout)
            split = fitted if fitted is not written else None
            self._apply(PagesMeasured(document.key, starts, split))
        self._prepare_page()
        current = core.targets(self.state)
        if current != self.last_targets:
            self.last_targets = current
            screen = Screen(core.screen_kind(self.state), current, self._target_rects(), size)
            for device in list(self.devices.values()):
                device.screen_changed(screen)

    def _shown_notices(self) -> list[str]:
        """The notices to show: the voice and eye-control ones become one, worded from both
        (each device's own said the other still worked, even when it did not)."""
        topics = dict(self.state.notices)
        working = {
            name: False if name in topics else (True if name in self.devices else None)
            for name in ("voice", "gaze")
        }
        shown = [text for topic, text in self.state.notices if topic not in working]
        controls = controls_notice(working)
        return shown + [controls] if controls else shown

    def _refresh_status(self, now: float) -> None:
        """Every frame, drawn or not: expire the caption, word the notices, and say the
        prompts that are new (a prompt is spoken even while nothing needs redrawing)."""
        if self.status.caption and now > self.caption_until:
            self.status.caption = ""
        self.status.notices = self._shown_notices()
        self._speak_prompts()

    def _needs_draw(self, now: float) -> bool:
        """Draw only when what is shown changed or something moves (idle cool).

        Redrawing 60 times a second kept a core busy all day on an unchanging home screen.
        Moving things are drawn every frame: a dwell fill, the gaze dot, calibration, the
        camera picture while the face is lost, and the staff screen (its clock). Anything
        else draws when its state changes, and at least every REDRAW_S as a safety net.
        """
        status = self.status
        moving = (
            self.staff.view is not None
            or status.calibration is not None
            or any(status.dwell.values())
            or (status.show_gaze_cursor and status.gaze_point is not None)
            or (status.face_lost and status.thumbnail is not None)
        )
        notice_turn = int(pygame.time.get_ticks() / 4000) if len(status.notices) > 1 else 0
        shown = (
            self.state,
            self.screen.get_size(),
            status.voice,
            status.camera,
            status.caption,
            status.still_there,
            tuple(status.notices),
            notice_turn,
            status.gaze_paused,
            status.gaze_available,
            status.face_lost,
        )
        changed = self._expose or shown != self._drawn
        if changed or moving:
            self._changed_at = now
        # (0.9: a frame that comes a hair early, by the clock's rounding, still draws)
        if not changed and now - self._drawn_at < (0.9 / ANIMATION_FPS if moving else REDRAW_S):
            return False
        self._drawn, self._drawn_at, self._expose = shown, now, False
        return True

    def _draw(self, now: float) -> None:
        if self.staff.view is not None:
            self.staff.view.lines = self._staff_lines()
            # Newest first, so the latest problem is never the one cut off at the bottom.
            self.staff.view.problems = list(reversed(RECENT.records)) + list(self.state.errors)
            draw_staff(self.screen, self.renderer.theme, self.staff.view)
        else:
            self.layout = self.renderer.draw(self.screen, self.state, self.status)
        pygame.display.flip()

    # -------------------------------------------------------------- content
    def _content_stamp(self) -> tuple:
        folder = content_dir(self.settings)
        try:
            return tuple(
                sorted(
                    (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.glob("*.md")
                )
            )
        except OSError:
            return ()

    def _staff_lines(self) -> list[str]:
        """The staff screen's status lines (filled in each frame while it is open)."""
        status, state = self.status, self.state
        library = state.library
        sheets = ", ".join(f"{s.path.name} ({s.title})" for s in library.sheets) or "none"
        speech = (
            "not working"
            if self.speech is None
            else f"{getattr(self.speech, 'engine_description', '') or 'ready'}; "
            f"{state.rate_wpm} words a minute, volume {round(state.volume * 10)} of 10"
        )
        output = self.sound_output or "the computer's default"
        if self.headphones_only:
            output += " (headphones only)"
        width, height = self.screen.get_size()
        by_input = ", ".join(f"{k} {n}" for k, n in self.actions_by_input.most_common())
        return [
            f"Version {__version__}; window {width}x{height}; "
            f"running {int(self.clock() - self.started)} s; "
            f"{self.frames} frames drawn; {self.errors_handled} frame errors handled",
            "Actions since start: " + (by_input or "none"),
            f"Content: {len(library.sheets)} sheet(s): {sheets}; {len(state.errors)} problem(s)"
            + ("; may be out of date (the saved copy)" if self.content_note else ""),
            f"Speech: {speech}",
            f"Sound output: {output}; prompts spoken: {'yes' if self.announcer.enabled else 'no'}",
            f"Voice control: {status.voice}",
            f"Camera and eye gaze: {status.camera}",
            f"Privacy mode: {'on' if state.privacy else 'off'}",
            self._switch_line(),
        ] + [f"Notice shown: {text}" for text in self._shown_notices()]  # as the visitor sees

    def reload_content(self, force: bool = False, caption: str = "") -> None:
        """Pick up edited fact sheets. A file that is now broken keeps its last good version
        on screen (and its problem is reported); new good files appear."""
        stamp = self._content_stamp()
        if stamp == self.content_stamp and not force:
            return
        self.content_stamp = stamp
        fresh = load_library(content_dir(self.settings))
        remember_content(content_dir(self.settings), fresh)  # on disk for the next start
        if fresh.sheets and not fresh.folder_missing:
            self.content_note = None  # the folder is back: its own sheets are shown
        # Broken files keep their last good version; a vanished or unmounted folder keeps
        # every sheet (kiosk/content.py merge_reload).
        library = merge_reload(self.state.library, fresh)
        sheets = library.sheets
        phrases = self._load_phrases()
        errors = tuple(str(e) for e in fresh.errors) + tuple(self.settings.problems)
        errors += tuple(self.switch.problems) + tuple(str(e) for e in phrases.errors)
        self._apply(ContentLoaded(library, errors, caption, phrases))
        self.lexicon = self._load_lexicon()
        if self.speech is not None and hasattr(self.speech, "set_prepare"):
            self.speech.set_prepare(partial(speakable, lexicon=self.lexicon))
        self.measured.clear()
        log.info("content loaded: %d sheet(s), %d problem(s)", len(sheets), len(fresh.errors))

    def _switch_line(self) -> str:
        """How the one-switch input is set up, for the staff screen."""
        settings, scan = self.settings, self.state.scan_config
        keys = settings.switch_key + (
            f" (moves: {settings.switch_move_key})" if scan.mode == "step" else ""
        )
        button = {0: "none", 1: "left", 2: "middle", 3: "right"}[settings.switch_mouse_button]
        blink = f"{settings.long_blink_s:g} s" if settings.long_blink_switch else "off"
        state = "scanning" if self.state.scan.active else self.state.scan.phase
        return (
            f"Switch: key {keys}, mouse button {button}, long blink {blink}; {scan.mode} "
            f"scanning every {scan.step_s:g} s, now {state}; "
            f"Talk board: {len(self.state.phrases.phrases)} phrases"
        )

    def _load_phrases(self) -> PhraseBoard:
        """The Talk board from the content folder; the built-in one when there is no file."""
        path = phrases_file(content_dir(self.settings))  # the saved copy while unmounted
        if not path.exists():
            return default_board()
        board = load_phrases(path)
        for error in board.errors:
            log.error("phrase board problem: %s", error)
        return board

    def close(self) -> None:
        """Stop devices and speech, save the counts, quit pygame. Safe to call twice."""
        if self.closed:
            return
        self.closed = True
        for device in [*self.devices.values(), self.speech]:
            if device is not None:
                try:
                    device.close()
                except Exception:
                    log.exception("device did not close cleanly")
        self.usage.save()
        if self.window_keeper is not None:
            self.window_keeper.close()
        forget_fonts()  # font objects must not outlive pygame.font
        pygame.quit()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="run_kiosk.py",
        description=("Hands-free health-information kiosk. Staff exit: " + STAFF_EXIT_HINT),
    )
    parser.add_argument("--windowed", action="store_true", help="run in a window (staff, testing)")
    parser.add_argument("--size", help="window size, e.g. 1920x1080")
    parser.add_argument("--settings", type=Path, help="settings file (TOML)")
    parser.add_argument("--content", type=Path, help="content folder (overrides settings)")
    parser.add_argument("--camera", help="camera index, or a video file / image folder")
    parser.add_argument(
        "--microphone",
        help="microphone name or index, or a WAV file to play "
        "as the microphone (demonstrations, tests)",
    )
    parser.add_argument("--no-voice", action="store_true", help="turn voice control off")
    parser.add_argument("--no-gaze", action="store_true", help="turn eye-gaze control off")
    parser.add_argument(
        "--record",
        metavar="FILE",
        help="staff only: record the eye landmarks (never pictures) of each calibration and "
        "its check to FILE, FILE-2, ... for `python -m kiosk.gaze --replay`; shown on screen",
    )
    parser.add_argument("--check", action="store_true", help="check every part and exit")
    return parser.parse_args(argv)


def _size(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"--size must look like 1920x1080, not {text!r}") from None
    return width, height


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_logging()
    settings = load_settings(args.settings)
    if args.content:
        settings = replace(settings, content_dir=str(args.content))
    if args.microphone:
        settings = replace(settings, microphone=args.microphone)
    if args.check:
        from kiosk.diagnostics import run_checks

        return run_checks(settings, camera=args.camera, settings_path=args.settings)
    problem = display_problem()
    if problem:  # never an invisible start on SDL's offscreen fallback
        log.error("the kiosk cannot start: %s", problem)
        return NO_DISPLAY_EXIT_CODE
    if not hold_or_explain():  # one kiosk at a time (issue 20: kiosk/instance_lock.py)
        return ALREADY_RUNNING_EXIT_CODE
    options = Options(
        windowed=args.windowed,
        size=_size(args.size),
        camera=args.camera,
        voice=not args.no_voice and settings.voice_control,
        gaze=not args.no_gaze and settings.gaze_control,
        record=args.record,
        settings_path=args.settings,
    )
    # The service manager's stop (SIGTERM) ends the kiosk cleanly; visitors have no signals.
    # Installed before SDL starts, so SDL does not turn it into a window-close event.
    stop: dict[str, App | None] = {"app": None}

    def on_terminate(signum: int, frame: Any) -> None:
        # Not a staff exit: the supervisor restarts the kiosk unless it was stopping it.
        log.info("stopped by the system (signal %d)", signum)
        running = stop["app"]
        if running is not None:
            running.exit_code = TERMINATED_EXIT_CODE
            running.running = False
        else:
            raise SystemExit(TERMINATED_EXIT_CODE)

    signal.signal(signal.SIGTERM, on_terminate)
    app = App(settings, options)
    stop["app"] = app
    app.start_devices()
    log.info("kiosk started (%dx%d); staff exit: %s", *app.screen.get_size(), STAFF_EXIT_HINT)
    app.run()
    return app.exit_code


if __name__ == "__main__":
    sys.exit(main())
