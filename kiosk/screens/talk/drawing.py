"""Drawing the Talk board and the Yes / No screen: tiles, and the phrase just said shown
across the screen (kiosk/view/overlays.py `draw_said`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pygame

from kiosk.core.state import State
from kiosk.core.words import SAID
from kiosk.layout import Layout
from kiosk.view.drawing import Drawing, draw_tiles
from kiosk.view.status import ViewStatus


def big_labels(layout: Layout, label: str = "") -> Layout:
    """The Yes / No screen: two tiles that fill the screen, with words to match."""
    return replace(layout, tile_px=layout.tile_px * 3, number_px=layout.number_px * 2)


def draw_answers(
    renderer: Any, surface: pygame.Surface, state: State, status: ViewStatus, layout: Layout
) -> None:
    draw_tiles(renderer, surface, state, status, big_labels(layout))


# Both work with no fact sheet loaded.
TALK = Drawing(draw_tiles, said_prefix=SAID, needs_content=False)
YES_NO = Drawing(draw_answers, said_prefix=SAID, chosen_tile=big_labels, needs_content=False)
