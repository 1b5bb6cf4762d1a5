"""Switch scanning in the core: the switch's messages and the scan timer, as handlers.

The scan state lives in `State.scan`; `kiosk.core.scanning` holds its rules. The rows to
scan are the screen's targets placed by the layout on the 1920x1080 design grid (the
layout scales each axis, so the rows and their order are the same at every window size).
A choice becomes the target's own action, applied like any other input's. The names the
highlight reaches are said quietly and politely: never over a phrase, help or a reading.
"""

from __future__ import annotations

from dataclasses import replace

import kiosk.core.scanning as scanning
from kiosk.actions import Press, Source
from kiosk.core.gaze_layout import choose_looked_at, looked_at_target
from kiosk.core.messages import (
    Effect,
    ScanTick,
    Speak,
    SpeakItem,
    SpeechKey,
    SpeechKind,
    SwitchChose,
    SwitchDown,
    SwitchPressed,
    SwitchUp,
)
from kiosk.core.registry import Result, on_message, update
from kiosk.core.scanning import Announce, Choose, Highlight, ScanEvent, ScanGroup, ScanTarget
from kiosk.core.screens import bar_targets, content_targets, screen_kind, targets
from kiosk.core.state import State
from kiosk.core.typing_keys import on_typing_screen, typing_layout
from kiosk.layout import DESIGN_H, DESIGN_W, compute_layout

QUIET = 0.6  # scanned names are said at this share of the kiosk's volume


def scan_groups(state: State) -> tuple[ScanGroup, ...]:
    """Every target of the current screen in scan rows: tile rows, then the control bar.
    Targets are named by their short tile labels, which fit in one scan step."""
    shown = targets(state)
    layout = compute_layout(
        (DESIGN_W, DESIGN_H),
        len(content_targets(state)),
        help_screen=screen_kind(state) == "help",
        gaze_layout=state.gaze_layout,
        bar_ids=tuple(t.id for t in bar_targets(state)),
    )
    if on_typing_screen(state):  # its keys in their grid, the predictions row first
        layout = typing_layout(state, (DESIGN_W, DESIGN_H))
    rects = layout.all_targets([t.id for t in shown])
    return scanning.group_rows(
        [ScanTarget(t.id, t.label, rects[t.id], t.action) for t in shown if t.id in rects]
    )


def scan_highlight(state: State) -> Highlight | None:
    """What the view draws highlighted (target ids; rectangles on the design grid)."""
    return scanning.highlight(state.scan, scan_groups(state))


def scan_needs_tick(state: State) -> bool:
    """Whether the shell should send ScanTick messages now (scanning runs, or is due to)."""
    scan = state.scan
    return scan.active or scan.down_since is not None or state.scan_config.always_on


def _after(state: State, scan: scanning.ScanState, events: list[ScanEvent]) -> Result:
    state = replace(state, scan=scan)
    effects: list[Effect] = []
    for event in events:
        if isinstance(event, Choose):
            state, more = update(state, event.action)
            effects += [SwitchChose(event.action), *more]
        elif isinstance(event, Announce) and state.reading != "reading":
            if not state.scan_config.speak_names and event.text != scanning.PAUSED_TEXT:
                continue
            volume = round(state.volume * QUIET, 2)
            item = SpeakItem(
                SpeechKey(state.reading_token), event.text, SpeechKind.ANNOUNCE, volume
            )
            effects.append(Speak((item,), polite=True))
    return state, effects


@on_message(ScanTick)
def _tick(state: State, message: ScanTick) -> Result:
    scan, events = scanning.tick(state.scan, state.scan_config, scan_groups(state), message.time)
    if scan == state.scan and not events:
        return state, []
    return _after(state, scan, events)


@on_message(SwitchDown)
def _down(state: State, message: SwitchDown) -> Result:
    scan, events = scanning.switch_down(
        state.scan, state.scan_config, scan_groups(state), message.time, message.role.value
    )
    return _after(state, scan, events)


def _confirms_look(state: State) -> bool:
    """A press while the eyes highlight a target (and no scan is under way) chooses it."""
    return not state.scan.active and looked_at_target(state) is not None


def _switch_confirms_look(state: State) -> Result:
    looked = looked_at_target(state)
    state, effects = choose_looked_at(state, Source.SWITCH)
    return state, [SwitchChose(Press(looked or "", Source.SWITCH)), *effects]


@on_message(SwitchUp)
def _up(state: State, message: SwitchUp) -> Result:
    down = state.scan.down_since
    if down is not None and _confirms_look(state):
        state = replace(state, scan=replace(state.scan, down_since=None))
        if message.time - down >= state.scan_config.min_press_s:
            return _switch_confirms_look(state)
        return state, []
    scan, events = scanning.switch_up(
        state.scan, state.scan_config, scan_groups(state), message.time
    )
    return _after(state, scan, events)


@on_message(SwitchPressed)
def _pressed(state: State, message: SwitchPressed) -> Result:
    if _confirms_look(state):
        return _switch_confirms_look(state)
    scan, events = scanning.press(
        state.scan, state.scan_config, scan_groups(state), message.time, message.role.value
    )
    return _after(state, scan, events)
