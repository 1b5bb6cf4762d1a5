"""Switch scanning: a highlight steps over the screen's targets; a switch press chooses.

Automatic scanning (the default) moves the highlight every `step_s`: first over the rows
of the screen (each row of tiles, then the control bar as one more row); a press enters
the highlighted row and the highlight then steps over its targets; a second press chooses
the highlighted target. A screen with one row only (the reader: just the control bar)
scans its targets straight away. After `loops_before_pause` passes without a press the
scan pauses; the next press starts it again from the top.

Step scanning moves the highlight only when the "move" switch is pressed; the "choose"
switch enters a row or chooses a target.

A key or button press counts once it has been held for `min_press_s` (shorter presses are
tremor or contact bounce), and it acts on what was highlighted when it began, so a step
that falls inside the press does not move the choice.

Pure: `ScanState` is a frozen value; every function takes the time and the screen's rows
and returns a new state plus events for the shell (say a name quietly, post an action).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

import kiosk.core.words as words
from kiosk.actions import BAR_PREFIX, Action, Source
from kiosk.layout import Rect
from kiosk.settings import DEFAULTS, Settings

ScanMode = Literal["auto", "step"]
Phase = Literal["off", "rows", "items", "paused"]
SwitchRole = Literal["choose", "move"]

PAUSED_TEXT = words.SCAN_PAUSED


@dataclass(frozen=True)
class ScanConfig:
    """How scanning behaves. The defaults live in the settings schema (kiosk.settings)."""

    mode: ScanMode = DEFAULTS.scan_mode  # type: ignore[assignment]
    step_s: float = DEFAULTS.scan_step_s  # time the highlight rests on each row or target
    min_press_s: float = DEFAULTS.scan_min_press_s  # shorter presses are tremor or bounce
    loops_before_pause: int = DEFAULTS.scan_pause_after_loops  # passes without a press
    restart_after_choice: bool = DEFAULTS.scan_restart_after_choice
    always_on: bool = DEFAULTS.scan_always_on  # scan from the start, not after a first press
    speak_names: bool = DEFAULTS.scan_speak_names  # say each row or target quietly

    def __post_init__(self) -> None:
        if self.mode not in ("auto", "step"):
            raise ValueError(f"scan mode must be 'auto' or 'step', not {self.mode!r}")
        if self.step_s <= 0 or self.min_press_s < 0 or self.loops_before_pause < 1:
            raise ValueError(
                "scan step must be positive, minimum press not negative, loops at least 1"
            )

    @classmethod
    def from_settings(cls, settings: Settings) -> ScanConfig:
        return cls(
            mode=settings.scan_mode,  # type: ignore[arg-type]
            step_s=settings.scan_step_s,
            min_press_s=settings.scan_min_press_s,
            loops_before_pause=settings.scan_pause_after_loops,
            restart_after_choice=settings.scan_restart_after_choice,
            always_on=settings.scan_always_on,
            speak_names=settings.scan_speak_names,
        )


@dataclass(frozen=True)
class ScanTarget:
    """One thing the switch can choose: where it is, what it is called, what it does."""

    id: str
    label: str  # said quietly when the highlight reaches it
    rect: Rect
    action: Action


@dataclass(frozen=True)
class ScanGroup:
    """A row of targets, highlighted as one in the row phase."""

    label: str
    targets: tuple[ScanTarget, ...]

    @property
    def rect(self) -> Rect:
        """The box around all the row's targets."""
        left = min(t.rect[0] for t in self.targets)
        top = min(t.rect[1] for t in self.targets)
        right = max(t.rect[0] + t.rect[2] for t in self.targets)
        bottom = max(t.rect[1] + t.rect[3] for t in self.targets)
        return (left, top, right - left, bottom - top)


def group_rows(targets: Sequence[ScanTarget]) -> tuple[ScanGroup, ...]:
    """Rows of targets, top to bottom, each left to right.

    Targets whose vertical centres fall inside the first target of a row belong to that
    row, so the control bar (all of one height, on one line) becomes the last row.
    """
    rows: list[list[ScanTarget]] = []
    for target in sorted(targets, key=lambda t: (t.rect[1], t.rect[0])):
        centre = target.rect[1] + target.rect[3] / 2
        for row in rows:
            top, height = row[0].rect[1], row[0].rect[3]
            if top <= centre < top + height:
                row.append(target)
                break
        else:
            rows.append([target])
    groups = []
    for number, row in enumerate(rows, start=1):
        row.sort(key=lambda t: t.rect[0])
        if all(t.id.startswith(BAR_PREFIX) for t in row):
            label = "Controls"
        else:
            label = f"Row {number}"  # short: said within one step (the tiles are named next)
        groups.append(ScanGroup(label, tuple(row)))
    return tuple(groups)


@dataclass(frozen=True)
class Announce:
    """Say this quietly: the highlight has reached it (auditory scanning)."""

    text: str


@dataclass(frozen=True)
class Choose:
    """The switch chose a target: post this action."""

    target_id: str
    action: Action


ScanEvent = Announce | Choose


@dataclass(frozen=True)
class Highlight:
    """What to draw: a whole row (row phase) or one target."""

    rect: Rect
    target_ids: tuple[str, ...]
    level: Literal["row", "target"]


@dataclass(frozen=True)
class ScanState:
    phase: Phase = "off"
    group: int = 0
    item: int = 0
    loops: int = 0  # passes over the screen since the last press
    next_step_at: float = 0.0
    target_ids: tuple[str, ...] = ()  # the screen the indices refer to
    down_since: float | None = None  # a switch is held and has not counted yet
    down_role: SwitchRole = "choose"
    down_on: tuple[Phase, int, int] = ("off", 0, 0)  # what was highlighted when it went down

    @property
    def active(self) -> bool:
        return self.phase in ("rows", "items")


Result = tuple[ScanState, list[ScanEvent]]


# ---------------------------------------------------------------- queries
def highlight(state: ScanState, groups: Sequence[ScanGroup]) -> Highlight | None:
    """The row or target to draw highlighted, or None when scanning is off or paused."""
    if not state.active or not groups or _ids(groups) != state.target_ids:
        return None
    group = groups[min(state.group, len(groups) - 1)]
    if state.phase == "rows":
        return Highlight(group.rect, tuple(t.id for t in group.targets), "row")
    target = group.targets[min(state.item, len(group.targets) - 1)]
    return Highlight(target.rect, (target.id,), "target")


def _ids(groups: Sequence[ScanGroup]) -> tuple[str, ...]:
    return tuple(t.id for g in groups for t in g.targets)


def _spoken(state: ScanState, groups: Sequence[ScanGroup]) -> list[ScanEvent]:
    if state.phase == "paused":
        return [Announce(PAUSED_TEXT)]
    if not state.active or not groups:
        return []
    group = groups[state.group]
    if state.phase == "rows":
        return [Announce(group.label)]
    return [Announce(group.targets[state.item].label)]


# ---------------------------------------------------------------- transitions
def start(state: ScanState, config: ScanConfig, groups: Sequence[ScanGroup], now: float) -> Result:
    """Scanning on, highlight at the top (the first row, or the first target of a lone row)."""
    top: Phase = "rows" if len(groups) > 1 else "items"
    state = replace(
        state,
        phase=top,
        group=0,
        item=0,
        loops=0,
        next_step_at=now + config.step_s,
        target_ids=_ids(groups),
    )
    return state, _spoken(state, groups)


def sync(state: ScanState, config: ScanConfig, groups: Sequence[ScanGroup], now: float) -> Result:
    """The screen's targets changed (another screen, another page): start from its top."""
    if _ids(groups) == state.target_ids:
        return state, []
    if state.active:
        return start(state, config, groups, now)
    return replace(state, target_ids=_ids(groups), group=0, item=0), []


def tick(state: ScanState, config: ScanConfig, groups: Sequence[ScanGroup], now: float) -> Result:
    """Time passes: count a press held long enough; in automatic mode, step when due."""
    state, events = sync(state, config, groups, now)
    if config.always_on and state.phase == "off" and groups:
        state, more = start(state, config, groups, now)
        events += more
    if state.down_since is not None and now - state.down_since >= config.min_press_s:
        state, more = _count(state, config, groups, now)
        events += more
    if config.mode == "auto" and state.active and groups and now >= state.next_step_at:
        state, more = _advance(state, config, groups, now)
        events += more
    return state, events


def switch_down(
    state: ScanState,
    config: ScanConfig,
    groups: Sequence[ScanGroup],
    now: float,
    role: SwitchRole = "choose",
) -> Result:
    """A switch closed. It counts once held for `min_press_s` (at once when that is 0)."""
    return _close(state, config, groups, now, role, at_once=config.min_press_s <= 0)


def switch_up(
    state: ScanState, config: ScanConfig, groups: Sequence[ScanGroup], now: float
) -> Result:
    """A switch opened: a press that lasted long enough counts, a shorter one is ignored."""
    state, events = sync(state, config, groups, now)
    if state.down_since is None:
        return state, events
    if now - state.down_since >= config.min_press_s:
        state, more = _count(state, config, groups, now)
        return state, events + more
    return replace(state, down_since=None), events


def press(
    state: ScanState,
    config: ScanConfig,
    groups: Sequence[ScanGroup],
    now: float,
    role: SwitchRole = "choose",
) -> Result:
    """A press that is already known to be deliberate (a long blink): it counts at once."""
    return _close(state, config, groups, now, role, at_once=True)


def _close(
    state: ScanState,
    config: ScanConfig,
    groups: Sequence[ScanGroup],
    now: float,
    role: SwitchRole,
    at_once: bool,
) -> Result:
    """A switch closed on what is highlighted now; `at_once`: it counts without a hold."""
    state, events = sync(state, config, groups, now)
    if state.down_since is not None:
        return state, events  # a second switch while one is held: the first one wins
    state = replace(
        state, down_since=now, down_role=role, down_on=(state.phase, state.group, state.item)
    )
    if at_once:
        state, more = _count(state, config, groups, now)
        events += more
    return state, events


def _count(state: ScanState, config: ScanConfig, groups: Sequence[ScanGroup], now: float) -> Result:
    """The held press counts now; it acts on what was highlighted when it began."""
    role, (phase, group, item) = state.down_role, state.down_on
    state = replace(state, down_since=None, down_on=("off", 0, 0))
    if not groups:
        return state, []
    if not state.active or phase not in ("rows", "items"):
        return start(state, config, groups, now)  # the first press wakes scanning
    state = replace(state, loops=0)
    if config.mode == "step" and role == "move":
        return _advance(state, config, groups, now)
    if phase == "rows":
        row = groups[group]
        if len(row.targets) == 1:
            return _choose(state, config, groups, now, group, 0)
        state = replace(state, phase="items", group=group, item=0, next_step_at=now + config.step_s)
        return state, _spoken(state, groups)
    return _choose(state, config, groups, now, group, item)


def _choose(
    state: ScanState,
    config: ScanConfig,
    groups: Sequence[ScanGroup],
    now: float,
    group: int,
    item: int,
) -> Result:
    target = groups[group].targets[item]
    chosen = Choose(target.id, replace(target.action, source=Source.SWITCH))
    if config.restart_after_choice:
        # Back to the top without saying it: the screen answers the choice first.
        state, _ = start(state, config, groups, now)
    else:
        state = replace(
            state, phase="items", group=group, item=item, next_step_at=now + config.step_s
        )
    return state, [chosen]


def _advance(
    state: ScanState, config: ScanConfig, groups: Sequence[ScanGroup], now: float
) -> Result:
    """One step of the highlight; a full pass over the rows counts as a loop."""
    due = state.next_step_at + config.step_s
    next_step_at = due if due > now else now + config.step_s  # keep a steady beat
    if state.phase == "rows":
        group, loops = state.group + 1, state.loops
        if group >= len(groups):
            group, loops = 0, loops + 1
        state = replace(state, group=group, loops=loops, next_step_at=next_step_at)
    else:
        item = state.item + 1
        if item < len(groups[state.group].targets):
            state = replace(state, item=item, next_step_at=next_step_at)
        elif len(groups) > 1:  # end of the row: back to the rows, at this row
            state = replace(state, phase="rows", item=0, next_step_at=next_step_at)
        else:
            state = replace(state, item=0, loops=state.loops + 1, next_step_at=next_step_at)
    if config.mode == "auto" and state.loops >= config.loops_before_pause:
        state = replace(state, phase="paused", loops=0)
    return state, _spoken(state, groups)
