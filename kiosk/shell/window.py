"""The kiosk's window: opening it, keeping a fullscreen kiosk shown, and drawing only
when something changed (kiosk/window_guard.py decides when to act)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Hashable
from dataclasses import replace
from typing import Any

import pygame

from kiosk.core.activity import Activity
from kiosk.core.state import State
from kiosk.core.words import WINDOW_TITLE
from kiosk.timings import REDRAW_S
from kiosk.view.status import ViewStatus
from kiosk.window_guard import GIVE_UP_AFTER_S, WindowGuard, WindowKeeper

log = logging.getLogger("kiosk.app")

ANIMATION_FPS = 30  # a dwell fill or the calibration dot moves smoothly at this rate
TEST_WINDOW = (1280, 720)  # --windowed, or fullscreen = false in the settings


class Window:
    """`size`: a fixed window size (--size); `closable`: a test window staff may close
    (a fullscreen kiosk refuses the window manager's close, Alt+F4); `guarded`: keep a
    fullscreen kiosk shown and on top, giving up (exit for the supervisor) after
    `give_up_after_s` hidden (settings.window_give_up_s)."""

    def __init__(
        self,
        clock: Callable[[], float],
        size: tuple[int, int] | None,
        closable: bool,
        guarded: bool,
        on_close: Callable[[], None],
        on_resize: Callable[[], None],
        give_up_after_s: float = GIVE_UP_AFTER_S,
    ) -> None:
        self.guard_window = guarded
        self.window_guard = WindowGuard(clock, give_up_after_s=give_up_after_s)
        self._size = size
        self._closable = closable
        self._on_close = on_close
        self._on_resize = on_resize
        self._handle: Any = None
        self.keeper: WindowKeeper | None = None  # made at the first frame
        self.surface: pygame.Surface | None = None
        self.pacer = FramePacer()

    def init_display(self) -> None:
        # Another window taking the focus (a message box, an update dialog) must not
        # minimise the fullscreen kiosk: SDL does that by default, and nothing undid it.
        os.environ.setdefault("SDL_VIDEO_MINIMIZE_ON_FOCUS_LOSS", "0")
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption(WINDOW_TITLE)

    def open(self) -> pygame.Surface:
        if self._size:
            self.surface = pygame.display.set_mode(self._size)
        elif self._closable:
            self.surface = pygame.display.set_mode(TEST_WINDOW, pygame.RESIZABLE)
        else:
            self.surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return self.surface

    # -------------------------------------------------------------- window events
    def close_requested(self) -> None:
        if self._closable:
            self._on_close()  # staff closing a test window

    def exposed(self, resized: bool) -> None:
        self.pacer.expose = True
        if resized:
            self._on_resize()

    def guard(self, what: str) -> None:
        getattr(self.window_guard, what)()

    def size(self) -> tuple[int, int]:
        assert self.surface is not None
        return self.surface.get_size()

    # -------------------------------------------------------------- kept shown
    def sdl_window(self) -> Any:
        """The display's window as a pygame._sdl2 Window, made once and kept.

        pygame stores a pointer to this object in the SDL window; a second one made per call
        and then freed left that pointer dangling, and the next window event crashed the
        kiosk (SIGSEGV within a second of raising it, under openbox)."""
        if self._handle is None:
            from pygame._sdl2.video import Window as SdlWindow

            self._handle = SdlWindow.from_display_module()
        return self._handle

    def keep_shown(self) -> bool:
        """Keep the fullscreen window shown, on every workspace and on top, through
        anything a window manager does (kiosk/window_guard.py, kiosk/x11_window.py). False:
        it stayed hidden, give up (exit 11: the supervisor starts a fresh kiosk)."""
        if not self.guard_window:
            return True
        if self.keeper is None:
            from kiosk.x11_window import X11Window

            dummy = pygame.display.get_driver() in ("dummy", "offscreen")
            active = None if dummy else (lambda: bool(pygame.display.get_active()))
            x11 = None if dummy else X11Window.for_pygame()
            self.keeper = WindowKeeper(self.window_guard, self.sdl_window, x11, active)
        return self.keeper.tick()

    def close(self) -> None:
        if self.keeper is not None:
            self.keeper.close()


def what_is_shown(state: State, status: ViewStatus, size: tuple[int, int]) -> tuple[Hashable, bool]:
    """What a drawn frame shows (to compare with the last one), and whether anything on
    it moves (a dwell fill, the gaze dot, calibration, the camera picture)."""
    gaze = status.gaze
    moving = (
        gaze.calibration is not None
        or any(gaze.dwell.values())
        or (gaze.show_cursor and gaze.point is not None)
        or (gaze.face_lost and gaze.thumbnail is not None)
    )
    notice_turn = int(pygame.time.get_ticks() / 4000) if len(status.notices) > 1 else 0
    shown = (
        replace(state, activity=Activity()),  # time passing is not a change
        size,
        status.voice,
        gaze.camera,
        status.caption,
        status.still_there,
        tuple(status.notices),
        notice_turn,
        gaze.paused,
        gaze.available,
        gaze.face_lost,
        gaze.confirm,
    )
    return shown, moving


class FramePacer:
    """Draw only when what is shown changed or something moves (idle cool).

    Redrawing 60 times a second kept a core busy all day on an unchanging home screen.
    Moving things are drawn every frame: a dwell fill, the gaze dot, calibration, the
    camera picture while the face is lost, and the staff screen (its clock). Anything
    else draws when its state changes, and at least every REDRAW_S as a safety net."""

    def __init__(self) -> None:
        self.expose = True  # the window must be drawn again (exposed, resized, restored)
        self.changed_at = -1e9  # when the screen last changed or moved
        self._drawn: Hashable = ()
        self._drawn_at = -1e9

    def needs_draw(self, now: float, shown: Hashable, moving: bool) -> bool:
        changed = self.expose or shown != self._drawn
        if changed or moving:
            self.changed_at = now
        # (0.9: a frame that comes a hair early, by the clock's rounding, still draws)
        if not changed and now - self._drawn_at < (0.9 / ANIMATION_FPS if moving else REDRAW_S):
            return False
        self._drawn, self._drawn_at, self.expose = shown, now, False
        return True
