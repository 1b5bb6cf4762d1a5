"""The shell: the pygame main loop that wires the kiosk's services to the pure core.

Every input (keyboard and touch, voice, gaze) is a device whose messages go on one queue;
each frame the loop drains it through `machine.update`, hands the returned effects to the
effect interpreter (kiosk/shell/effects.py), and draws. Only this thread draws or touches
pygame. The services: the window (kiosk/shell/window.py), sound and speech
(kiosk/shell/speech_service.py), the content folder (kiosk/shell/content_watcher.py).
Devices that fail are reported in plain words and the rest keeps working; an error in
one frame is logged and the kiosk goes on. `main` is in kiosk/cli.py.
"""

from __future__ import annotations

import collections
import logging
import queue
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from pathlib import Path

import pygame

from kiosk import core, machine
from kiosk.actions import GAZE_PAUSE_TARGET, Action, Do, Press, Select
from kiosk.core.activity import STILL_THERE
from kiosk.core.messages import (
    DeviceMode,
    Effect,
    HandInput,
    Message,
    NoticeChanged,
    PagesMeasured,
    ProblemFound,
    ScanTick,
    ShellTask,
    StartAfresh,
    SwitchDown,
    Tick,
)
from kiosk.core.words import NO_EYE_CONTROL
from kiosk.device_contract import Device, GazeStatus, Screen, VoiceStatus
from kiosk.health import health_lines
from kiosk.layout import Layout, Rect
from kiosk.notices import shown_notices
from kiosk.screens.staff.lines import Running, staff_lines
from kiosk.screens.staff.mode import RECENT, StaffMode
from kiosk.settings import Settings
from kiosk.shell import effects, tasks
from kiosk.shell.content_watcher import ContentWatcher, first_state
from kiosk.shell.health_writer import HealthWriter, snapshot_of
from kiosk.shell.pygame_input import PygameInput
from kiosk.shell.speech_service import SpeechService
from kiosk.shell.window import Window, what_is_shown
from kiosk.speech.lexicon import Lexicon
from kiosk.speech.protocol import Speaker
from kiosk.supervisor import WINDOW_HIDDEN_EXIT_CODE
from kiosk.timings import CAPTION_S, REDRAW_S, STILL_THERE_S, USAGE_SAVE_S
from kiosk.timings import SOUND_RETRY_S as DEVICE_RETRY_S
from kiosk.undone import UndoneCounter
from kiosk.usage import UsageCounter
from kiosk.view.render import fit_pages, forget_fonts
from kiosk.view.status import ViewStatus
from kiosk.view.theme import DARK, THEMES

__all__ = ["App", "Options", "CAPTION_SECONDS", "DEVICE_RETRY_S", "REDRAW_S", "STILL_THERE_S"]

log = logging.getLogger("kiosk.app")

CAPTION_SECONDS = CAPTION_S
IDLE_FPS = 20  # loop rate once nothing has been drawn for a second


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
        speech_player: Speaker | None = None,
        voice: Device | None = None,
        gaze: Device | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.clock = clock  # monotonic seconds; tests pass a FakeClock
        self.options = options
        self.actions: queue.Queue[Message] = queue.Queue()
        self.running = True
        self.exit_code = 0  # STAFF_EXIT_CODE after a staff exit: see kiosk/supervisor.py
        self.closed = False
        self.status = ViewStatus()
        self.caption_until = 0.0
        self.frames = 0
        self.draws = 0  # frames actually drawn: only when something changed or moves
        self.errors_handled = 0
        self.actions_by_input: collections.Counter[str] = collections.Counter()  # staff, soak
        self.layout: Layout | None = None
        self.measured: set[Hashable] = set()
        self.last_screen: Hashable = ()
        self.started = self.usage_saved = clock()
        self.usage, self.undone = UsageCounter(), UndoneCounter()  # counts only, never words
        self.health = HealthWriter(settings)  # the health file, when settings name a folder
        self.devices: dict[str, Device] = {}  # by name: "gaze", "voice", ...
        self.staff = StaffMode(
            settings,
            self.post,
            clock=clock,
            say=self._say_to_staff,
            require_pin=not (options.windowed or options.size),  # fails closed: a PIN first
            settings_path=options.settings_path,
        )
        closable = bool(options.windowed or not settings.fullscreen)
        self.window = Window(
            clock,
            options.size,
            closable=closable,
            guarded=not (closable or options.size),
            on_close=self._close_requested,
            on_resize=self.measured.clear,
            give_up_after_s=settings.window_give_up_s,
        )
        self.input = PygameInput(settings, self.staff, self.window, lambda: self.state)
        self.content = ContentWatcher(settings)
        self.sound = SpeechService(settings, self.set_notice, self._add_problem)
        self.state = first_state(settings, self.content, self.input.status.problems, clock())
        self.window.init_display()
        self.sound.open()
        self.screen = self.window.open()
        self.renderer = machine.renderer(THEMES.get(settings.theme, DARK), settings.text_scale)
        self.sound.start(self._load_lexicon(), clock(), player=speech_player)
        if voice is not None:
            self.voice = voice
        if gaze is not None:
            self.gaze = gaze

    # -------------------------------------------------------------- devices by name
    @property
    def gaze(self) -> Device | None:
        return self.devices.get("gaze")

    @gaze.setter
    def gaze(self, device: Device | None) -> None:
        self._set_device("gaze", device)

    @property
    def voice(self) -> Device | None:
        return self.devices.get("voice")

    @voice.setter
    def voice(self, device: Device | None) -> None:
        self._set_device("voice", device)

    def _set_device(self, name: str, device: Device | None) -> None:
        if device is None:
            self.devices.pop(name, None)
        else:
            self.devices[name] = device
        self.last_screen = ()  # tell it what is on screen at the next frame

    def add_device(self, device: Device) -> None:
        self._set_device(device.name, device)

    def start_devices(self) -> None:
        """Start the inputs the settings and options ask for."""
        from kiosk.input_devices import create_devices

        for device in create_devices(
            self.settings,
            gaze=self.options.gaze,
            voice=self.options.voice,
            camera=self.options.camera,
            speech=lambda: self.speech,
            record=self.options.record,
        ):
            self.add_device(device)

    # -------------------------------------------------------------- kept for tests and tools
    @property
    def speech(self) -> Speaker | None:
        return self.sound.player

    @speech.setter
    def speech(self, player: Speaker | None) -> None:
        self.sound.player = player

    @property
    def last_input(self) -> float:
        return self.state.activity.last_input

    @property
    def notices(self) -> dict[str, str]:
        """Plain-words problems shown to the person, by topic (read-only view of the state)."""
        return dict(self.state.notices)

    # -------------------------------------------------------------- the loop
    def run(self) -> None:
        clock = pygame.time.Clock()
        while self.running:
            self.step(self.clock())
            # Full frame rate while anything changes; a slower loop on a still screen still
            # answers a key, a touch or a voice command within IDLE_FPS's 50 ms.
            recent = self.clock() - self.window.pacer.changed_at < 1.0
            clock.tick(60 if recent else IDLE_FPS)
        self.close()

    def step(self, now: float) -> None:
        """One frame: events, speech, devices, actions, draw. Never raises."""
        try:
            self._poll(self.input, now)
            if not self.window.keep_shown():
                self.stop(WINDOW_HIDDEN_EXIT_CODE)
            self.staff.tick()
            self.sound.retry(now)
            for message in self.sound.events(lambda: self.state.reading_token):
                self._apply(message)
            for device in list(self.devices.values()):
                self._poll(device, now)
            self._show_device_status()
            self._drain_actions(now)
            if core.scan_needs_tick(self.state):
                self._apply(ScanTick(now))
            self._apply(Tick(now, self._face_on_screen()))
            self.status.still_there = STILL_THERE if self.state.activity.still_there else ""
            if now - self.usage_saved > USAGE_SAVE_S:
                self.usage_saved = now
                self.usage.save()
            self.health.tick(now, lambda: snapshot_of(self, self.health))
            self._sync_screen()
            self._refresh_status(now)
            if self._needs_draw(now):
                self._draw()
                self.draws += 1
        except Exception:  # one bad frame must not end the kiosk in front of a patient
            self.errors_handled += 1
            log.exception("error while handling a frame; returning to a working screen")
            self._recover()
        self.frames += 1

    def post(self, message: Message) -> None:
        """Thread-safe: any input may call this."""
        self.actions.put(message)

    def stop(self, exit_code: int) -> None:
        self.exit_code = exit_code
        self.running = False

    def _close_requested(self) -> None:
        self.running = False

    def _recover(self) -> None:
        self.window.pacer.expose = True  # the failed frame may have drawn half a screen
        try:
            self.sound.stop()
        except Exception:
            log.exception("speech did not stop cleanly")
        self._apply(StartAfresh())

    def _poll(self, device: Device, now: float) -> None:
        for message in device.poll(now):
            self.post(message)

    def _say_to_staff(self, text: str) -> None:
        self.sound.say(text)

    def _add_problem(self, problem: str) -> None:
        if problem not in self.state.errors:  # logged once, not per retry
            log.warning("sound output: %s", problem)
        self._apply(ProblemFound(problem))

    def _load_lexicon(self) -> Lexicon:
        lexicon, problem = self.content.lexicon()
        if problem:
            self._apply(ProblemFound(problem))
        return lexicon

    # -------------------------------------------------------------- devices' status
    def _show_device_status(self) -> None:
        gaze, voice = self.gaze, self.voice
        status = gaze.status if gaze is not None else None
        self.status.gaze = status if isinstance(status, GazeStatus) else GazeStatus()
        if voice is not None and isinstance(voice.status, VoiceStatus):
            self.status.voice = voice.status.state

    def _face_on_screen(self) -> bool:
        gaze = self.status.gaze
        return gaze.available and not gaze.paused and not gaze.face_lost and gaze.point is not None

    def set_notice(self, topic: str, message: str | None) -> None:
        """Show (or, with None, clear) a plain-words problem; main thread only."""
        self._apply(NoticeChanged(topic, message))

    def show_caption(self, text: str, now: float | None = None) -> None:
        self.status.caption = text
        self.caption_until = (now or self.clock()) + CAPTION_SECONDS

    # -------------------------------------------------------------- messages and effects
    def _drain_actions(self, now: float) -> None:
        while True:
            try:
                message = self.actions.get_nowait()
            except queue.Empty:
                return
            self._count(message, now)
            self._apply(message)
            if self.state.caption:
                self.show_caption(self.state.caption, now)

    def note_choice(self, action: Action, now: float | None = None) -> None:
        """A choice or its undoing, for each input's error rate (kiosk/undone.py)."""
        made = self.undone.note(action, self.clock() if now is None else now)
        if made is not None:
            self.usage.count(made[0], "", made[1])

    def _count(self, message: Message, now: float) -> None:
        """Counted, not logged: a line per action, with its time, would be a trail of what
        each visitor did (kiosk/logs.py says what the log holds)."""
        if isinstance(message, HandInput):
            if self.state.activity.calibrating:
                return  # it only cancels the calibration
            if isinstance(message.then, SwitchDown):
                self.actions_by_input["switch"] += 1
                return
            message = message.then  # type: ignore[assignment]
        if isinstance(message, Do | Select | Press):
            self.actions_by_input[message.source.value] += 1
            self.note_choice(message, now)

    def _apply(self, message: Message) -> list[Effect]:
        self.state, done = machine.update(self.state, message)
        for effect in done:
            effects.perform(self, effect)
        return done

    def device_request(self, what: DeviceMode) -> None:
        if what is DeviceMode.RESET_SESSION:
            self.status.caption = ""
            self.reload_content()
        for device in list(self.devices.values()):
            device.request(what)
        gaze_asked = what in (DeviceMode.CALIBRATE, DeviceMode.GAZE_PAUSE_TOGGLE)
        if gaze_asked and self.gaze is None:
            self.show_caption(NO_EYE_CONTROL)

    def run_task(self, task: ShellTask) -> None:
        """Work the core asked for that needs files, the window or the speech engine."""
        tasks.TASKS[task](self)

    def reload_content(self, force: bool = False, caption: str = "") -> None:
        """Pick up edited fact sheets (kiosk/shell/content_watcher.py)."""
        if not self.content.changed() and not force:
            return
        problems = tuple(self.settings.problems) + self.input.status.problems
        self._apply(self.content.reload(self.state.library, caption, problems))
        self.sound.set_lexicon(self._load_lexicon())
        self.measured.clear()

    # -------------------------------------------------------------- screen
    def _target_rects(self) -> dict[str, Rect]:
        assert self.layout is not None
        rects = self.layout.all_targets([t.id for t in machine.targets(self.state)])
        if self.status.gaze.available:
            rects[GAZE_PAUSE_TARGET] = self.layout.gaze_pause
        return rects

    def _sync_screen(self) -> None:
        """Measure reader pages for this window and tell devices when targets change."""
        document = core.current_document(self.state)
        size = self.screen.get_size()
        self.layout = machine.layout_for(self.state, size, self.renderer.text_scale)
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
        self.sound.prepare_ahead(self.state, machine.SCREEN_TABLE.of(self.state).ahead)
        current = machine.targets(self.state)
        rects = self._target_rects()
        if (current, rects, size) != self.last_screen:
            self.last_screen = (current, rects, size)
            screen = Screen(core.screen_kind(self.state), current, rects, size)
            for device in [self.input, *self.devices.values()]:
                device.screen_changed(screen)

    def _shown_notices(self) -> list[str]:
        return shown_notices(self.state.notices, self.devices)

    def _refresh_status(self, now: float) -> None:
        """Every frame, drawn or not: expire the caption, word the notices, and say the
        prompts that are new (a prompt is spoken even while nothing needs redrawing)."""
        status = self.status
        if status.caption and now > self.caption_until:
            status.caption = ""
        status.notices = self._shown_notices()
        shown = [status.still_there, status.caption, *status.notices]
        if status.gaze.calibration is not None:
            shown.insert(0, str(getattr(status.gaze.calibration, "instruction", "")))
        if self.staff.view is not None:
            shown = [self.staff.view.message]
        self.sound.say_prompts(shown, reading=self.state.reading != "idle")

    def _needs_draw(self, now: float) -> bool:
        shown, moving = what_is_shown(self.state, self.status, self.screen.get_size())
        return self.window.pacer.needs_draw(now, shown, moving or self.staff.view is not None)

    def _draw(self) -> None:
        self.status.staff = self.staff.view
        if self.staff.view is not None:
            self.staff.view.lines = self._staff_lines()
            # Newest first, so the latest problem is never the one cut off at the bottom.
            self.staff.view.problems = list(reversed(RECENT.records)) + list(self.state.errors)
        self.layout = self.renderer.draw(self.screen, self.state, self.status)
        pygame.display.flip()

    def _staff_lines(self) -> list[str]:
        running = Running(
            self.screen.get_size(),
            int(self.clock() - self.started),
            self.frames,
            self.errors_handled,
            self.actions_by_input,
            self.undone.rates(),
        )
        sound = self.sound.description(self.state)
        devices = (self.status.voice, self.status.gaze.camera)
        shown = (self.content.note, self._shown_notices())  # as the visitor sees them
        lines = staff_lines(self.state, self.settings, running, sound, devices, shown)
        return lines + health_lines(snapshot_of(self, self.health))  # what IT's file says

    def close(self) -> None:
        """Stop devices and speech, save the counts, quit pygame. Safe to call twice."""
        if self.closed:
            return
        self.closed = True
        for device in [self.input, *self.devices.values()]:
            try:
                device.close()
            except Exception:
                log.exception("device did not close cleanly")
        self.usage.save()
        self.health.write(lambda: snapshot_of(self, self.health, up=False))  # kiosk_up 0
        self.sound.close()
        self.window.close()
        forget_fonts()  # font objects must not outlive pygame.font
        pygame.quit()
