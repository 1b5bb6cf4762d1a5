"""Switch scanning: rows then targets, steady steps, presses that count, pause, restart."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kiosk import core, machine
from kiosk.actions import Command, Do, Press, Select, Source
from kiosk.content import load_library
from kiosk.core.scanning import (
    PAUSED_TEXT,
    Announce,
    Choose,
    ScanConfig,
    ScanGroup,
    ScanState,
    ScanTarget,
    group_rows,
    highlight,
    press,
    start,
    switch_down,
    switch_up,
    sync,
    tick,
)
from kiosk.layout import compute_layout
from kiosk.machine import scan_groups
from kiosk.screens.help import targets as help_targets

CONTENT = Path(__file__).resolve().parents[2] / "content"
AUTO = ScanConfig()


def grid(rows: int, cols: int, bar: int = 0) -> tuple[ScanGroup, ...]:
    """A screen of `rows` x `cols` tiles and a control bar of `bar` tiles."""
    targets = [
        ScanTarget(
            f"tile:{r * cols + c + 1}",
            f"T{r * cols + c + 1}",
            (c * 400, r * 300, 380, 280),
            Select(r * cols + c + 1),
        )
        for r in range(rows)
        for c in range(cols)
    ]
    targets += [
        ScanTarget(f"bar:{i}", f"B{i}", (i * 300, 900, 280, 200), Press(f"bar:{i}"))
        for i in range(bar)
    ]
    return group_rows(targets)


def chosen(events: list) -> list[Choose]:
    return [e for e in events if isinstance(e, Choose)]


def said(events: list) -> list[str]:
    return [e.text for e in events if isinstance(e, Announce)]


def tap(
    state: ScanState,
    groups,
    now: float,
    config: ScanConfig = AUTO,
    hold: float = 0.2,
    role="choose",
):
    """Press and release a switch; events of both edges."""
    state, a = switch_down(state, config, groups, now, role)
    state, b = switch_up(state, config, groups, now + hold)
    return state, a + b


@pytest.fixture(scope="module")
def library():
    return load_library(CONTENT)


# ---------------------------------------------------------------- rows
def test_rows_group_tiles_top_to_bottom_and_the_bar_last():
    groups = grid(2, 3, bar=6)
    assert [len(g.targets) for g in groups] == [3, 3, 6]
    assert [t.id for t in groups[0].targets] == ["tile:1", "tile:2", "tile:3"]
    assert groups[2].label == "Controls"
    assert groups[0].label == "Row 1"
    assert groups[1].rect == (0, 300, 1180, 280)


def test_real_screens_have_the_expected_rows(library):
    home = scan_groups(machine.demo_state(library, "home"))
    assert [len(g.targets) for g in home] == [4, 4, 6]  # six topics, Talk, Yes / No; the bar
    assert [t.id for t in home[2].targets] == list(core.BAR_IDS)
    help_rows = scan_groups(machine.demo_state(library, "help"))
    assert [t.id for t in help_rows[0].targets] == list(help_targets.HELP_TILE_IDS)
    assert len(help_rows) == 2
    reader = scan_groups(machine.demo_state(library, "reader"))
    assert len(reader) == 1 and len(reader[0].targets) == 6


def test_rows_are_the_same_at_any_window_size(library):
    """The core finds rows on the design grid; the view's own sizes give the same rows."""
    state = machine.demo_state(library, "home")
    ids = [[t.id for t in g.targets] for g in scan_groups(state)]
    shown = machine.targets(state)
    for size in ((1280, 720), (1024, 768), (3840, 2160)):
        rects = compute_layout(size, len(machine.content_targets(state))).all_targets(
            [t.id for t in shown]
        )
        rows = group_rows([ScanTarget(t.id, t.label, rects[t.id], t.action) for t in shown])
        assert [[t.id for t in g.targets] for g in rows] == ids


# ---------------------------------------------------------------- automatic scanning
def test_off_until_the_first_press_which_only_starts_scanning():
    groups = grid(2, 3, bar=6)
    state, events = tick(ScanState(), AUTO, groups, 10.0)
    assert not state.active and highlight(state, groups) is None and events == []
    state, events = tap(state, groups, 10.0)
    assert state.phase == "rows" and state.group == 0
    assert chosen(events) == [] and said(events) == ["Row 1"]
    assert highlight(state, groups).level == "row"


def test_rows_step_at_a_steady_beat_and_wrap():
    groups = grid(2, 3, bar=6)
    state, _ = start(ScanState(), AUTO, groups, 0.0)
    seen = []
    for frame in range(1, 200):  # 30 fps for 6.6 s
        state, events = tick(state, AUTO, groups, frame / 30)
        seen += [(round(frame / 30, 2), text) for text in said(events)]
    assert seen[:4] == [
        (1.5, "Row 2"),
        (3.0, "Controls"),
        (4.5, "Row 1"),
        (6.0, "Row 2"),
    ]


def test_press_enters_a_row_then_chooses_a_target_as_a_switch_action():
    groups = grid(2, 3, bar=6)
    state, _ = start(ScanState(), AUTO, groups, 0.0)
    state, _ = tick(state, AUTO, groups, 1.5)  # row 2
    state, events = tap(state, groups, 2.0)
    assert state.phase == "items" and said(events) == ["T4"]
    state, events = tick(state, AUTO, groups, 2.2 + 1.5)  # next target
    assert said(events) == ["T5"] and highlight(state, groups).target_ids == ("tile:5",)
    state, events = tap(state, groups, 4.0)
    assert chosen(events) == [Choose("tile:5", Select(5, Source.SWITCH))]
    assert state.phase == "rows" and state.group == 0  # restart from the top


def test_the_control_bar_is_scanned_linearly_after_the_rows():
    groups = grid(2, 3, bar=6)
    state, _ = start(ScanState(), AUTO, groups, 0.0)
    state, _ = tick(state, AUTO, groups, 1.5)
    state, _ = tick(state, AUTO, groups, 3.0)
    assert highlight(state, groups).target_ids == tuple(f"bar:{i}" for i in range(6))
    state, _ = tap(state, groups, 3.1)
    ids = [highlight(state, groups).target_ids[0]]
    t = 3.4
    for _ in range(5):
        t += 1.5
        state, _ = tick(state, AUTO, groups, t)
        ids.append(highlight(state, groups).target_ids[0])
    assert ids == [f"bar:{i}" for i in range(6)]


def test_end_of_a_row_goes_back_to_the_rows_at_that_row():
    groups = grid(2, 3, bar=6)
    state, _ = start(ScanState(), AUTO, groups, 0.0)
    state, _ = tap(state, groups, 0.5)  # enter row 1 at 0.7
    for t in (2.2, 3.7, 5.2):
        state, events = tick(state, AUTO, groups, t)
    assert state.phase == "rows" and state.group == 0 and said(events) == ["Row 1"]


def test_a_lone_row_is_scanned_target_by_target_from_the_start():
    groups = grid(0, 0, bar=6)
    state, events = start(ScanState(), AUTO, groups, 0.0)
    assert state.phase == "items" and said(events) == ["B0"]
    state, events = tap(state, groups, 0.3)
    assert chosen(events)[0].target_id == "bar:0"


def test_a_row_of_one_is_chosen_by_the_first_press():
    groups = grid(1, 1, bar=2)
    state, _ = start(ScanState(), AUTO, groups, 0.0)
    state, events = tap(state, groups, 0.3)
    assert chosen(events) == [Choose("tile:1", Select(1, Source.SWITCH))]


def test_scanning_pauses_after_loops_without_a_press_and_a_press_restarts_it():
    groups = grid(2, 3, bar=6)
    config = ScanConfig(loops_before_pause=2)
    state, _ = start(ScanState(), config, groups, 0.0)
    t, texts = 0.0, []
    while state.phase != "paused" and t < 60:
        t += 0.5
        state, events = tick(state, config, groups, t)
        texts += said(events)
    assert t == pytest.approx(2 * 3 * 1.5)  # two loops of three rows
    assert texts[-1] == PAUSED_TEXT and highlight(state, groups) is None
    state, events = tick(state, config, groups, t + 100)
    assert state.phase == "paused" and events == []
    state, events = tap(state, groups, t + 100)
    assert state.phase == "rows" and state.group == 0 and chosen(events) == []


def test_a_press_resets_the_loop_count():
    groups = grid(2, 3, bar=6)
    config = ScanConfig(loops_before_pause=1)
    state, _ = start(ScanState(), config, groups, 0.0)
    state, _ = tick(state, config, groups, 1.5)
    state, _ = tick(state, config, groups, 3.0)  # bar
    state, _ = tap(state, groups, 3.2, config)  # into the bar
    for k in range(1, 6):
        state, _ = tick(state, config, groups, 3.4 + 1.5 * k)
    state, _ = tick(state, config, groups, 3.4 + 1.5 * 6)  # end of the bar: back to rows
    assert state.active


def test_restart_after_choice_off_keeps_the_highlight_for_repeated_choices():
    groups = grid(1, 3, bar=0)
    config = ScanConfig(restart_after_choice=False)
    state, _ = start(ScanState(), config, groups, 0.0)
    state, _ = tick(state, config, groups, 1.5)  # T2
    picks = []
    for t in (2.0, 2.5, 3.0):
        state, events = tap(state, groups, t, config, hold=0.15)
        picks += [c.target_id for c in chosen(events)]
    assert picks == ["tile:2", "tile:2", "tile:2"]


# ---------------------------------------------------------------- what counts as a press
def test_presses_shorter_than_the_minimum_are_ignored():
    groups = grid(2, 3, bar=6)
    config = ScanConfig(min_press_s=0.3)
    state, _ = start(ScanState(), config, groups, 0.0)
    for t in (0.2, 0.4, 0.6):  # tremor: three quick taps
        state, events = tap(state, groups, t, config, hold=0.05)
        assert events == []
    assert state.phase == "rows" and state.down_since is None


def test_a_held_press_counts_when_it_reaches_the_minimum_not_at_release():
    groups = grid(2, 3, bar=6)
    config = ScanConfig(min_press_s=0.3)
    state, _ = start(ScanState(), config, groups, 0.0)
    state, _ = switch_down(state, config, groups, 0.5)
    state, events = tick(state, config, groups, 0.7)
    assert state.phase == "rows"
    state, events = tick(state, config, groups, 0.8)
    assert state.phase == "items"
    state, events = switch_up(state, config, groups, 5.0)  # a long hold counts once
    assert events == [] and state.phase == "items"


def test_a_press_chooses_what_was_highlighted_when_it_began():
    groups = grid(2, 3, bar=6)
    config = ScanConfig(min_press_s=0.4)
    state, _ = start(ScanState(), config, groups, 0.0)
    state, _ = switch_down(state, config, groups, 1.3)  # row 1 is highlighted
    state, _ = tick(state, config, groups, 1.5)  # the step to row 2 falls inside the press
    state, _ = tick(state, config, groups, 1.75)
    assert state.phase == "items" and state.group == 0


def test_zero_minimum_counts_on_the_down_edge():
    groups = grid(2, 3, bar=6)
    config = ScanConfig(min_press_s=0.0)
    state, events = switch_down(ScanState(), config, groups, 0.0)
    assert state.active


def test_a_deliberate_press_such_as_a_long_blink_counts_at_once():
    groups = grid(2, 3, bar=6)
    state, _ = start(ScanState(), AUTO, groups, 0.0)
    state, _ = press(state, AUTO, groups, 0.1)
    state, events = press(state, AUTO, groups, 0.5)
    assert chosen(events)[0].target_id == "tile:1"


# ---------------------------------------------------------------- step scanning
def test_step_scanning_moves_only_on_the_move_switch():
    groups = grid(2, 3, bar=6)
    config = ScanConfig(mode="step")
    state, _ = tap(ScanState(), groups, 0.0, config)  # starts
    state, events = tick(state, config, groups, 100.0)
    assert events == [] and state.group == 0  # no timer
    state, events = tap(state, groups, 101.0, config, role="move")
    assert said(events) == ["Row 2"]
    state, _ = tap(state, groups, 102.0, config, role="choose")
    state, _ = tap(state, groups, 103.0, config, role="move")
    state, events = tap(state, groups, 104.0, config, role="choose")
    assert chosen(events)[0].target_id == "tile:5"
    state, events = tick(state, config, groups, 1000.0)
    assert state.active  # step scanning never pauses on its own


# ---------------------------------------------------------------- screen changes
def test_a_new_screen_starts_scanning_at_its_top():
    home, bar_only = grid(2, 3, bar=6), grid(0, 0, bar=6)
    state, _ = start(ScanState(), AUTO, home, 0.0)
    state, _ = tick(state, AUTO, home, 1.5)
    state, events = tick(state, AUTO, bar_only, 1.6)
    assert state.phase == "items" and state.item == 0 and said(events) == ["B0"]
    assert highlight(state, bar_only).target_ids == ("bar:0",)


def test_a_new_screen_while_off_stays_off():
    state, events = sync(ScanState(), AUTO, grid(2, 3, bar=6), 0.0)
    assert not state.active and events == []


def test_highlight_is_none_for_stale_targets():
    home = grid(2, 3, bar=6)
    state, _ = start(ScanState(), AUTO, home, 0.0)
    assert highlight(state, grid(1, 2)) is None


def test_config_rejects_nonsense():
    for bad in (
        dict(step_s=0),
        dict(min_press_s=-1),
        dict(loops_before_pause=0),
        dict(mode="sideways"),
    ):
        with pytest.raises(ValueError):
            ScanConfig(**bad)


# ---------------------------------------------------------------- every action by one switch
@pytest.mark.parametrize("kind", ["home", "section", "reader", "help"])
def test_every_target_on_every_screen_is_reachable_by_one_switch(library, kind):
    """Drive the real core: scan to each target, press twice, and see the core act on it."""
    state = machine.demo_state(library, kind)
    groups = scan_groups(state)
    for target in machine.targets(state):
        scan, _ = start(ScanState(), AUTO, groups, 0.0)
        t, picked = 0.0, None
        while picked is None and t < 60:
            t += 1 / 30
            scan, events = tick(scan, AUTO, groups, t)
            light = highlight(scan, groups)
            if light and target.id in light.target_ids and scan.down_since is None:
                scan, events = tap(scan, groups, t, hold=0.15)
                t += 0.15
                picked = next((c for c in chosen(events)), None)
        assert picked is not None and picked.target_id == target.id, target.id
        assert picked.action.source is Source.SWITCH
        after, effects = machine.update(state, picked.action)
        assert after.caption != "That is not on this screen"


def test_volume_pause_and_help_are_reachable(library):
    help_ids = {t.id for g in scan_groups(machine.demo_state(library, "help")) for t in g.targets}
    assert {"help:louder", "help:softer", "bar:help"} <= help_ids
    reading = replace(machine.demo_state(library, "reader"), reading="reading")
    bar = {t.id: t for g in scan_groups(reading) for t in g.targets}
    assert bar["bar:read"].label == "Pause"
    assert bar["bar:read"].action == Do(Command.READ_OR_PAUSE)


def test_always_on_scans_without_a_first_press_and_a_pause_still_waits_for_one():
    groups = grid(2, 3, bar=6)
    config = ScanConfig(always_on=True, loops_before_pause=1)
    state, events = tick(ScanState(), config, groups, 0.0)
    assert state.phase == "rows" and said(events) == ["Row 1"]
    for t in (1.5, 3.0, 4.5):
        state, _ = tick(state, config, groups, t)
    assert state.phase == "paused"
    state, _ = tick(state, config, groups, 10.0)
    assert state.phase == "paused"
