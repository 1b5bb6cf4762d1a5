"""Look and confirm: the tile looked at is highlighted, a short look at the confirm target
beside it chooses it, and a skim that lands there does not."""

from __future__ import annotations

import pygame
import pytest

from kiosk import machine
from kiosk.device_contract import GazeStatus
from kiosk.gaze.confirm import CONFIRM_SUFFIX, ConfirmSelector, ConfirmSettings, confirm_rect
from kiosk.gaze.dwell import PAUSE_TARGET
from kiosk.gaze.layouts import kiosk_rects
from kiosk.gaze.points import GazeSample
from kiosk.gaze.triggers import TileTrigger
from kiosk.view.render import ViewStatus
from kiosk.view.theme import DARK

SIZE = (1920, 1080)
TARGETS = kiosk_rects(SIZE, "tiles")


def centre(rect: tuple[float, float, float, float]) -> tuple[float, float]:
    return rect[0] + rect[2] / 2, rect[1] + rect[3] / 2


def look(selector: ConfirmSelector, point, start: float, seconds: float, step: float = 1 / 30):
    """Feed a steady look; returns (chosen ids, end time)."""
    chosen: list[str] = []
    t = start
    while t < start + seconds:
        chosen += selector.choose(GazeSample(t, point))
        t += step
    return chosen, t


def test_the_confirm_selector_is_a_tile_trigger():
    selector: TileTrigger = ConfirmSelector(TARGETS, SIZE)
    assert selector.looked_at() is None and selector.confirm_target() is None


def test_a_steady_look_highlights_the_tile_and_shows_its_confirm_target_beside_it():
    selector = ConfirmSelector(TARGETS, SIZE)
    chosen, _ = look(selector, centre(TARGETS["tile:2"]), 0.0, 0.5)
    assert chosen == []
    assert selector.looked_at() == "tile:2"
    shown = selector.confirm_target()
    assert shown is not None and shown[0] == "tile:2" + CONFIRM_SUFFIX
    x, y, w, h = shown[1]
    tile = TARGETS["tile:2"]
    assert (w, h) == (300, 200)  # the smallest gaze target the kiosk draws
    assert x + w / 2 == pytest.approx(tile[0] + tile[2] / 2)  # a tab on its bottom edge,
    assert y < tile[1] + tile[3] < y + h / 2  # mostly outside it


def test_looking_on_to_the_confirm_target_chooses_the_highlighted_tile():
    selector = ConfirmSelector(TARGETS, SIZE)
    _, t = look(selector, centre(TARGETS["tile:1"]), 0.0, 0.5)
    shown = selector.confirm_target()
    assert shown is not None
    chosen, t = look(selector, centre(shown[1]), t, 0.3)
    assert chosen == []
    assert 0.3 < selector.progress()[shown[0]] < 1.0
    chosen, _ = look(selector, centre(shown[1]), t, 0.6)
    assert chosen == ["tile:1"]
    assert selector.looked_at() is None  # cleared after a choice


def test_a_look_that_lands_on_the_confirm_target_from_elsewhere_chooses_nothing():
    selector = ConfirmSelector(TARGETS, SIZE)
    _, t = look(selector, centre(TARGETS["tile:1"]), 0.0, 0.5)
    shown = selector.confirm_target()
    assert shown is not None
    _, t = look(selector, centre(TARGETS["tile:5"]), t, 0.5)  # on to another tile first
    chosen, _ = look(selector, centre(shown[1]), t, 2.0)
    assert chosen == []


def test_reading_on_across_the_confirm_target_does_not_choose():
    """Fixations that move on by more than the steady distance start the look again."""
    selector = ConfirmSelector(TARGETS, SIZE, ConfirmSettings(confirm_s=0.6, steady_px=60))
    _, t = look(selector, centre(TARGETS["tile:1"]), 0.0, 0.5)
    shown = selector.confirm_target()
    assert shown is not None
    x, y, w, h = shown[1]
    chosen: list[str] = []
    for i in range(6):  # 0.25 s fixations, 90 px apart, all inside the confirm target
        got, t = look(selector, (x + 20 + 90 * (i % 3), y + h / 2), t, 0.25)
        chosen += got
    assert chosen == []


def test_the_highlight_stays_through_a_blink_and_goes_when_the_gaze_leaves():
    selector = ConfirmSelector(TARGETS, SIZE)
    _, t = look(selector, centre(TARGETS["tile:4"]), 0.0, 0.5)
    selector.choose(GazeSample(t, centre(TARGETS["tile:4"]), frozen=True))
    assert selector.looked_at() == "tile:4"
    _, t = look(selector, (960.0, 140.0), t, 2.0)  # the title: no target
    assert selector.looked_at() is None


def test_highlight_only_shows_no_confirm_target_and_never_chooses_by_itself():
    selector = ConfirmSelector(TARGETS, SIZE, ConfirmSettings(show_confirm=False))
    chosen, _ = look(selector, centre(TARGETS["tile:3"]), 0.0, 5.0)
    assert chosen == [] and selector.looked_at() == "tile:3"
    assert selector.confirm_target() is None


def test_confirming_the_pause_target_pauses_and_then_only_it_is_live():
    selector = ConfirmSelector(TARGETS, SIZE)
    _, t = look(selector, centre(TARGETS[PAUSE_TARGET]), 0.0, 0.5)
    shown = selector.confirm_target()
    assert shown is not None
    chosen, t = look(selector, centre(shown[1]), t, 1.0)
    assert chosen == [PAUSE_TARGET] and selector.paused
    look(selector, centre(TARGETS["tile:2"]), t + 1.0, 1.0)
    assert selector.looked_at() is None


def test_the_confirm_target_stays_on_the_screen():
    for rect in TARGETS.values():
        x, y, w, h = confirm_rect(rect, SIZE)
        assert 0 <= x and x + w <= SIZE[0] and 0 <= y and y + h <= SIZE[1]


def test_the_highlight_and_confirm_target_match_the_approved_snapshot(snapshot, screen_library):
    """The home screen while the eyes rest on tile 2: its frame in the dwell colour and the
    Choose target on its edge, its look half done."""
    state = machine.demo_state(screen_library, "home")
    layout = machine.layout_for(state, SIZE, 1.0)
    rects = layout.all_targets([t.id for t in machine.targets(state)])
    rects[PAUSE_TARGET] = layout.gaze_pause
    selector = ConfirmSelector(rects, SIZE)
    _, t = look(selector, centre(rects["tile:2"]), 0.0, 0.5)
    shown = selector.confirm_target()
    assert shown is not None
    look(selector, centre(shown[1]), t, 0.35)
    gaze = GazeStatus(
        camera="on",
        available=True,
        dwell=selector.progress(),
        looked_at=selector.looked_at(),
        confirm=selector.confirm_target(),
    )
    status = ViewStatus(voice="listening", gaze=gaze)
    surface = pygame.Surface(SIZE)
    machine.renderer(DARK).draw(surface, state, status)
    snapshot(surface, "gaze-look-and-confirm-1920x1080")


def test_the_look_that_chose_ended_on_the_tile_not_on_the_confirm_target():
    """The drift correction learns from the look at the tile, so the confirm selector says
    when that look ended (before the eyes went to Choose)."""
    selector = ConfirmSelector(TARGETS, SIZE)
    _, t = look(selector, centre(TARGETS["tile:1"]), 0.0, 0.5)
    left_tile = t - 1 / 30
    shown = selector.confirm_target()
    assert shown is not None
    chosen, _ = look(selector, centre(shown[1]), t, 1.0)
    assert chosen == ["tile:1"]
    ended = selector.look_ended()
    assert ended is not None and abs(ended - left_tile) < 0.05


def test_a_steady_look_may_wander_more_for_noisier_eyes():
    from kiosk.gaze.calibration import ScreenGeometry
    from kiosk.gaze.confirm import steady_for_accuracy

    geometry = ScreenGeometry()
    assert steady_for_accuracy(geometry.deg_to_px(1.0)) == 45.0
    assert steady_for_accuracy(geometry.deg_to_px(4.0)) > 1.5 * 45.0
