"""The kiosk window as the X11 window manager sees it, through EWMH (python-xlib).

SDL only hears of some of what a window manager does: after a desktop switch or "show
desktop" the kiosk window stayed unmapped for minutes while SDL still called it shown.
This asks the X server directly what is true of the window, and asks the window
manager (EWMH client messages, as a pager would) to put it back: on every workspace,
fullscreen, above the others, mapped and active, with "show desktop" off.

Linux with an X11 display only; `for_pygame()` returns None anywhere else (Windows,
Wayland without XWayland, SDL's dummy driver), and the SDL-only path is used.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger("kiosk.window")

ALL_DESKTOPS = 0xFFFFFFFF
_ADD, _REMOVE = 1, 0
_PAGER = 2  # EWMH source indication: a pager or taskbar acts for the user
_ICONIC = 3  # ICCCM WM_STATE
_WANTED_STATES = ("_NET_WM_STATE_FULLSCREEN", "_NET_WM_STATE_ABOVE", "_NET_WM_STATE_STICKY")


class X11Window:
    """One top-level client window, checked and pinned through the window manager."""

    def __init__(self, window_id: int, display_name: str | None = None) -> None:
        from Xlib import X, display

        self._X = X
        self.display = display.Display(display_name)
        self.root = self.display.screen().root
        self.window = self.display.create_resource_object("window", window_id)
        self._atoms: dict[str, int] = {}
        supported = self._property(self.root, "_NET_SUPPORTED")
        names = {self.display.get_atom_name(a) for a in supported} if supported else set()
        # Only what this window manager supports can be asked for (or missed).
        self.wanted = tuple(s for s in _WANTED_STATES if s in names) if names else ()
        # Seen on every workspace once: this window manager honours it, so a window on one
        # workspace only (openbox's Shift+Alt+Right sends it along) is to be put back.
        self.sticky_seen = False

    @classmethod
    def for_pygame(cls) -> X11Window | None:
        """The pygame display's window, when it is an X11 one and python-xlib is here."""
        try:
            import pygame

            if pygame.display.get_driver() != "x11":
                return None
            window_id = pygame.display.get_wm_info().get("window")
            if not window_id:
                return None
            return cls(int(window_id))
        except Exception as error:  # no Xlib, no connection: SDL's own calls still work
            log.info("window kept through SDL only (%s)", error)
            return None

    def close(self) -> None:
        try:
            self.display.close()
        except Exception:
            pass

    # ---------------------------------------------------------------- reading
    def _atom(self, name: str) -> int:
        if name not in self._atoms:
            self._atoms[name] = self.display.intern_atom(name)
        atom: int = self._atoms[name]
        return atom

    def _property(self, window: Any, name: str) -> list[int]:
        found = window.get_full_property(self._atom(name), self._X.AnyPropertyType)
        return list(found.value) if found is not None else []

    def states(self) -> set[str]:
        return {self.display.get_atom_name(a) for a in self._property(self.window, "_NET_WM_STATE")}

    def problem(self) -> str | None:
        """What is wrong with the window now, in plain words; None when it is on screen."""
        if self._property(self.root, "_NET_SHOWING_DESKTOP")[:1] == [1]:
            return "the window manager is showing the desktop"
        wm_state = self._property(self.window, "WM_STATE")
        states = self.states()
        if wm_state[:1] == [_ICONIC] or "_NET_WM_STATE_HIDDEN" in states:
            return "the kiosk window was minimised"
        desktop = self._property(self.window, "_NET_WM_DESKTOP")
        current = self._property(self.root, "_NET_CURRENT_DESKTOP")
        if desktop and current and desktop[0] not in (ALL_DESKTOPS, current[0]):
            return "the kiosk window was moved to another workspace"
        if desktop[:1] == [ALL_DESKTOPS]:
            self.sticky_seen = True
        elif desktop and self.sticky_seen:
            return "the kiosk window is on one workspace only, no longer on every one"
        if self.window.get_attributes().map_state != self._X.IsViewable:
            return "the kiosk window is not mapped (not on screen)"
        missing = [s for s in self.wanted if s not in states]
        if missing:
            words = ", ".join(s.removeprefix("_NET_WM_STATE_").lower() for s in missing)
            return f"the kiosk window is no longer {words}"
        if self.menu_holds_keyboard():
            return "a window manager menu is drawn over the kiosk, holding the keyboard"
        return None

    def _frame(self) -> Any:
        """The kiosk window's top-level ancestor: the window manager's frame around it."""
        window = self.window
        while True:
            parent = window.query_tree().parent
            if not parent or parent.id == self.root.id:
                return window
            window = parent

    def menu_holds_keyboard(self) -> bool:
        """Whether a window drawn over the kiosk holds the keyboard, as openbox's Alt+Space
        client menu does: it takes no focus (so no focus event tells), only a grab."""
        geometry = self.root.get_geometry()
        children = self.root.query_tree().children  # bottom to top
        frame = self._frame().id
        ids = [child.id for child in children]
        if frame not in ids:
            return False
        for child in children[ids.index(frame) + 1 :]:
            attributes = child.get_attributes()
            if attributes.map_state != self._X.IsViewable or attributes.override_redirect:
                continue
            box = child.get_geometry()
            if box.x + box.width <= 0 or box.y + box.height <= 0:
                continue
            if box.x >= geometry.width or box.y >= geometry.height:
                continue
            X = self._X
            grabbed = self.window.grab_keyboard(True, X.GrabModeAsync, X.GrabModeAsync, 0)
            if grabbed == X.GrabSuccess:
                self.display.ungrab_keyboard(X.CurrentTime)
                return False
            return True
        return False

    def close_menu(self) -> None:
        """Press Escape as the keyboard would (XTEST): the menu holding the keyboard closes.
        A client message or a synthetic event would be ignored by the grab."""
        from Xlib import XK
        from Xlib.ext import xtest

        code = self.display.keysym_to_keycode(XK.string_to_keysym("Escape"))
        xtest.fake_input(self.display, self._X.KeyPress, code)
        xtest.fake_input(self.display, self._X.KeyRelease, code)

    # ---------------------------------------------------------------- asking the WM
    def _send(self, window: Any, name: str, data: list[int]) -> None:
        from Xlib.protocol import event

        message = event.ClientMessage(
            window=window,
            client_type=self._atom(name),
            data=(32, (data + [0] * 5)[:5]),
        )
        mask = self._X.SubstructureRedirectMask | self._X.SubstructureNotifyMask
        self.root.send_event(message, event_mask=mask)

    def pin(self) -> None:
        """Ask for the window on every workspace, fullscreen, above, mapped and active."""
        X = self._X
        if self.menu_holds_keyboard():
            self.close_menu()
        if self._property(self.root, "_NET_SHOWING_DESKTOP")[:1] == [1]:
            self._send(self.root, "_NET_SHOWING_DESKTOP", [0])
        self._send(self.window, "_NET_WM_DESKTOP", [ALL_DESKTOPS, _PAGER])
        self._send(
            self.window, "_NET_WM_STATE", [_REMOVE, self._atom("_NET_WM_STATE_HIDDEN"), 0, _PAGER]
        )
        wanted = list(self.wanted)
        for first, second in zip(wanted[::2], wanted[1::2] + [""]):
            atoms = [self._atom(first), self._atom(second) if second else 0]
            self._send(self.window, "_NET_WM_STATE", [_ADD, *atoms, _PAGER])
        self.window.map()  # from Iconic, a map request asks to be Normal again (ICCCM)
        self._send(self.window, "_NET_ACTIVE_WINDOW", [_PAGER, X.CurrentTime, 0])
        self.window.raise_window()
        self.display.flush()
