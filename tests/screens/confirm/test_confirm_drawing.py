"""The question drawn at 1920x1080: the question in the header, Yes and No as two large
targets (>= 300x200 px) in the theme's tile colours (>= 7:1), in both themes."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from kiosk import core, machine
from kiosk.actions import CONFIRM_NO_TARGET, CONFIRM_YES_TARGET, Select, Source
from kiosk.core.messages import Unsure
from kiosk.device_contract import GazeStatus
from kiosk.view.render import ViewStatus
from kiosk.view.theme import DARK, LIGHT, contrast_ratio

SIZE = (1920, 1080)


def _asked(library) -> core.State:
    home = machine.demo_state(library, "home")
    state, _ = machine.update(home, Unsure(Select(3, Source.VOICE)))
    assert core.screen_kind(state) == "confirm"
    return state


@pytest.mark.parametrize("theme,name", [(DARK, "dark"), (LIGHT, "light")])
def test_the_question_is_drawn_with_two_large_answers(snapshot, screen_library, theme, name):
    state = _asked(screen_library)
    surface = pygame.Surface(SIZE)
    status = ViewStatus(gaze=GazeStatus(available=True))
    machine.renderer(theme).draw(surface, state, status)
    snapshot(surface, f"confirm-{name}-1920x1080")

    rects = machine.layout_for(state, SIZE).all_targets([t.id for t in machine.targets(state)])
    pixels = pygame.surfarray.array3d(surface)
    for target in (CONFIRM_YES_TARGET, CONFIRM_NO_TARGET):
        x, y, w, h = rects[target]
        assert w >= 300 and h >= 200, (target, w, h)
        inside = pixels[x + w // 2 - 150 : x + w // 2 + 150, y + 20 : y + h - 20].reshape(-1, 3)
        colours = {tuple(int(c) for c in p) for p in inside}
        assert theme.tile in colours and theme.tile_text in colours  # its label, on the tile
    assert contrast_ratio(theme.tile_text, theme.tile) >= 7.0
    # The question is written in the header, in the text colour.
    hx, hy, hw, hh = machine.layout_for(state, SIZE).title
    header = pixels[hx : hx + hw, hy : hy + hh].reshape(-1, 3)
    assert np.any(np.all(header == np.array(theme.text), axis=1))
