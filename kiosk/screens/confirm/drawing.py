"""Drawing the question: Yes and No as two large tiles under the question in the header
(the shared frame draws the header, the control bar and the status)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pygame

from kiosk.core.state import State
from kiosk.layout import Layout
from kiosk.view.drawing import Drawing, draw_tiles
from kiosk.view.status import ViewStatus


def big_labels(layout: Layout, label: str = "") -> Layout:
    """Two tiles that fill the body, with words to match."""
    return replace(layout, tile_px=layout.tile_px * 3)


def draw_answers(
    renderer: Any, surface: pygame.Surface, state: State, status: ViewStatus, layout: Layout
) -> None:
    draw_tiles(renderer, surface, state, status, big_labels(layout))


DRAWING = Drawing(draw_answers, chosen_tile=big_labels, needs_content=False)
