"""The staff screen's status lines, filled in each frame while it is open."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk import __version__
from kiosk.core.state import State
from kiosk.core.typing_keys import typing_staff_line
from kiosk.settings import Settings
from kiosk.undone import rate_line

MOUSE_BUTTONS = {0: "none", 1: "left", 2: "middle", 3: "right"}


@dataclass(frozen=True)
class Running:
    """How the kiosk has run since it started."""

    size: tuple[int, int]
    seconds: int
    frames: int
    errors_handled: int
    actions_by_input: Counter[str]
    undone: dict[str, tuple[int, int]]  # undone and made choices, by input (kiosk.undone)


def staff_lines(
    state: State,
    settings: Settings,
    running: Running,
    sound: str,
    devices: tuple[str, str],
    shown: tuple[str | None, Sequence[str]],
) -> list[str]:
    """`sound`: the speech service's two lines; `devices`: voice's and the camera's
    states; `shown`: the saved-content note (None: the folder's own sheets are shown) and
    the notices as the visitor sees them."""
    from kiosk.voice.diagnostics import engine_in_use  # only when the staff screen is open

    voice, camera = devices
    content_note, notices = shown
    library = state.library
    sheets = ", ".join(f"{s.path.name} ({s.title})" for s in library.sheets) or "none"
    # Only the fact sheets' and the Talk board's own problems: a sound or settings problem
    # in state.errors is not the content's (they show under "Recent problems").
    content_problems = len(library.errors) + len(state.phrases.errors)
    width, height = running.size
    by_input = ", ".join(f"{k} {n}" for k, n in running.actions_by_input.most_common())
    return [
        f"Version {__version__}; window {width}x{height}; "
        f"running {running.seconds} s; "
        f"{running.frames} frames drawn; {running.errors_handled} frame errors handled",
        "Actions since start: " + (by_input or "none"),
        rate_line(running.undone),
        f"Content: {len(library.sheets)} sheet(s): {sheets}; {content_problems} problem(s)"
        + ("; may be out of date (the saved copy)" if content_note else ""),
        *sound.split("\n"),
        f"Voice control: {voice}; engine: {engine_in_use(settings)}",
        f"Camera and eye gaze: {camera}",
        f"Privacy mode: {'on' if state.privacy else 'off'}",
        switch_line(state, settings),
        typing_staff_line(state),
    ] + [f"Notice shown: {text}" for text in notices]


def switch_line(state: State, settings: Settings) -> str:
    """How the one-switch input is set up."""
    scan = state.scan_config
    keys = settings.switch_key + (
        f" (moves: {settings.switch_move_key})" if scan.mode == "step" else ""
    )
    button = MOUSE_BUTTONS[settings.switch_mouse_button]
    blink = f"{settings.long_blink_s:g} s" if settings.long_blink_switch else "off"
    now = "scanning" if state.scan.active else state.scan.phase
    return (
        f"Switch: key {keys}, mouse button {button}, long blink {blink}; {scan.mode} "
        f"scanning every {scan.step_s:g} s, now {now}; "
        f"Talk board: {len(state.phrases.phrases)} phrases"
    )
