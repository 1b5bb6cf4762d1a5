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
    ScanNameDue,
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
from kiosk.core.scanning import Choose, Highlight, ScanEvent, ScanGroup, ScanTarget
from kiosk.core.screen import FollowUp, Outcome, Result, ScreenTable
from kiosk.core.state import State
from kiosk.layout import DESIGN_H, DESIGN_W

QUIET = 0.6  # scanned names are said at this share of the kiosk's volume


def scan_groups(state: State, screens: ScreenTable) -> tuple[ScanGroup, ...]:
    """Every target of the current screen in scan rows: tile rows, then the control bar.
    Targets are named by their short tile labels, which fit in one scan step."""
    shown = screens.targets(state)
    layout = screens.layout(state, (DESIGN_W, DESIGN_H))
    rects = layout.all_targets([t.id for t in shown])
    return scanning.group_rows(
        [ScanTarget(t.id, t.label, rects[t.id], t.action) for t in shown if t.id in rects]
    )


def scan_highlight(state: State, screens: ScreenTable) -> Highlight | None:
    """What the view draws highlighted (target ids; rectangles on the design grid)."""
    return scanning.highlight(state.scan, scan_groups(state, screens))


def scan_needs_tick(state: State) -> bool:
    """Whether the shell should send ScanTick messages now (scanning runs, or is due to)."""
    scan = state.scan
    return scan.active or scan.down_since is not None or state.scan_config.always_on


def _after(state: State, scan: scanning.ScanState, events: list[ScanEvent]) -> Result:
    """A choice is the chosen target's own action; a name is said after it, in order."""
    outcomes: list[Outcome] = []
    for event in events:
        if isinstance(event, Choose):
            outcomes += [SwitchChose(event.action), FollowUp(event.action)]
        else:
            outcomes.append(FollowUp(ScanNameDue(event.text)))
    return replace(state, scan=scan), outcomes


def name_due(state: State, message: ScanNameDue, screens: ScreenTable) -> Result:
    if state.reading == "reading":
        return state, []
    if not state.scan_config.speak_names and message.text != scanning.PAUSED_TEXT:
        return state, []
    volume = round(state.volume * QUIET, 2)
    item = SpeakItem(SpeechKey(state.reading_token), message.text, SpeechKind.ANNOUNCE, volume)
    return state, [Speak((item,), polite=True)]


def scan_tick(state: State, message: ScanTick, screens: ScreenTable) -> Result:
    groups = scan_groups(state, screens)
    scan, events = scanning.tick(state.scan, state.scan_config, groups, message.time)
    if scan == state.scan and not events:
        return state, []
    return _after(state, scan, events)


def switch_down(state: State, message: SwitchDown, screens: ScreenTable) -> Result:
    scan, events = scanning.switch_down(
        state.scan,
        state.scan_config,
        scan_groups(state, screens),
        message.time,
        message.role.value,
    )
    return _after(state, scan, events)


def _confirms_look(state: State, screens: ScreenTable) -> bool:
    """A press while the eyes highlight a target (and no scan is under way) chooses it."""
    return not state.scan.active and looked_at_target(state, screens) is not None


def _switch_confirms_look(state: State, screens: ScreenTable) -> Result:
    looked = looked_at_target(state, screens)
    state, outcomes = choose_looked_at(state, Source.SWITCH, screens)
    return state, [SwitchChose(Press(looked or "", Source.SWITCH)), *outcomes]


def switch_up(state: State, message: SwitchUp, screens: ScreenTable) -> Result:
    down = state.scan.down_since
    if down is not None and _confirms_look(state, screens):
        state = replace(state, scan=replace(state.scan, down_since=None))
        if message.time - down >= state.scan_config.min_press_s:
            return _switch_confirms_look(state, screens)
        return state, []
    groups = scan_groups(state, screens)
    scan, events = scanning.switch_up(state.scan, state.scan_config, groups, message.time)
    return _after(state, scan, events)


def switch_pressed(state: State, message: SwitchPressed, screens: ScreenTable) -> Result:
    if _confirms_look(state, screens):
        return _switch_confirms_look(state, screens)
    scan, events = scanning.press(
        state.scan,
        state.scan_config,
        scan_groups(state, screens),
        message.time,
        message.role.value,
    )
    return _after(state, scan, events)
