"""Snapshots of the switch-scanning highlight on each screen, and of the Talk and Yes / No
screens. Approve new images with UPDATE_SNAPSHOTS=1 (then look at them)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pygame
import pytest

from kiosk import core, machine
from kiosk.actions import Select
from kiosk.core import scanning
from kiosk.device_contract import GazeStatus
from kiosk.view.render import ViewStatus, measure_pages
from kiosk.view.theme import DARK, LIGHT, contrast_ratio

SIZE = (1920, 1080)


def highlighted(state: core.State, phase: str, group: int, item: int = 0) -> core.State:
    groups = machine.scan_groups(state)
    scan, _ = scanning.start(scanning.ScanState(), state.scan_config, groups, 0.0)
    return replace(state, scan=replace(scan, phase=phase, group=group, item=item))


def measured(state: core.State) -> core.State:
    """The reader as the app shows it: its pages measured for this window."""
    document = core.current_document(state)
    starts = measure_pages(document, machine.layout_for(state, SIZE, 1.0))
    return machine.update(state, core.PagesMeasured(document.key, starts))[0]


def screen(screen_library, name: str) -> core.State:
    home = machine.demo_state(screen_library, "home")
    talk, _ = machine.update(home, Select(7))
    yes_no, _ = machine.update(home, Select(8))
    return {
        "home-row": highlighted(home, "rows", 1),
        "home-tile": highlighted(home, "items", 1, 2),
        "section-bar": highlighted(machine.demo_state(screen_library, "section"), "rows", 1),
        "reader-tile": highlighted(
            measured(machine.demo_state(screen_library, "reader")), "items", 0, 2
        ),
        "help-tile": highlighted(machine.demo_state(screen_library, "help"), "items", 0, 3),
        "talk": talk,
        "talk-tile": highlighted(talk, "items", 0, 2),
        "yesno": yes_no,
        "yesno-tile": highlighted(yes_no, "items", 0, 0),
    }[name]


def render(state: core.State, theme=DARK) -> pygame.Surface:
    surface = pygame.Surface(SIZE)
    status = ViewStatus(voice="listening", gaze=GazeStatus(camera="on", available=True))
    machine.renderer(theme).draw(surface, state, status)
    return surface


NAMES = [
    "home-row",
    "home-tile",
    "section-bar",
    "reader-tile",
    "help-tile",
    "talk",
    "talk-tile",
    "yesno",
    "yesno-tile",
]


@pytest.mark.parametrize("name", NAMES)
def test_switch_screens_match_approved_snapshots(snapshot, screen_library, name):
    snapshot(render(screen(screen_library, name)), f"switch-{name}-1920x1080", pixel_tolerance=0)


@pytest.mark.parametrize("theme", [DARK, LIGHT], ids=["dark", "light"])
def test_the_highlight_is_thick_and_high_contrast_on_both_themes(screen_library, theme):
    """Not colour alone: the highlighted tile turns bright with dark text (>= 7:1) and a
    frame at least 10 px thick surrounds it; the rest of the screen is unchanged."""
    plain = machine.demo_state(screen_library, "home")
    lit = highlighted(plain, "items", 0, 1)
    before = pygame.surfarray.array3d(render(plain, theme))
    after = pygame.surfarray.array3d(render(lit, theme))
    x, y, w, h = machine.scan_highlight(lit).rect
    assert contrast_ratio(theme.highlight_text, theme.highlight) >= 7
    inside = after[x + w // 2, y + h - 30]
    assert tuple(inside) == theme.highlight
    changed = np.any(before != after, axis=2)
    band = changed[x - 16 : x, y + h // 2]  # the frame's left edge, outside the tile
    assert band.sum() >= 10
    changed[x - 16 : x + w + 16, y - 16 : y + h + 16] = False
    assert not changed.any(), "nothing outside the highlighted tile and its frame changes"


@pytest.mark.parametrize("name", ["talk", "yesno"])
def test_the_fact_sheet_credit_is_not_shown_under_a_persons_own_words(screen_library, name):
    state = screen(screen_library, name)
    x, y, w, h = machine.layout_for(state, SIZE, 1.0).feedback
    strip = pygame.surfarray.array3d(render(state))[x : x + w, y : y + h]
    assert (strip == DARK.background).all(), "the feedback strip stays empty"
