"""What the view knows of a screen's drawing: the interface each folder in kiosk/screens/
fills in (its `drawing.py`), and the tile grid that the tile screens share.

The renderer (kiosk/view/render.py) draws what every screen shares (header, control bar,
feedback strip, overlays) and hands the body to the shown screen's `Drawing`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pygame

from kiosk.core.state import State
from kiosk.layout import Layout
from kiosk.view import overlays
from kiosk.view.status import ViewStatus

# (renderer, surface, state, status, layout): the renderer gives the theme and the table.
Body = Callable[[Any, pygame.Surface, State, ViewStatus, Layout], None]


def same_layout(layout: Layout, label: str) -> Layout:
    return layout


@dataclass(frozen=True)
class Drawing:
    body: Body
    # Draws its own header (the typing screen's message box) in the header's place.
    own_header: bool = False
    # Draws the whole window (staff, calibration): nothing of the shared frame shows.
    full_screen: bool = False
    # A caption starting with this shows large across the screen (a phrase just said),
    # and what the screen keeps in sight over it.
    said_prefix: str | None = None
    over_said: Body | None = None
    # Drawn with no fact sheet loaded (Talk and Yes / No need none); else a plain notice.
    needs_content: bool = True
    # How the label of a tile chosen by switch scanning is sized, as on its own tile.
    chosen_tile: Callable[[Layout, str], Layout] = same_layout


def draw_tiles(
    renderer: Any, surface: pygame.Surface, state: State, status: ViewStatus, layout: Layout
) -> None:
    """The screen's numbered tiles in the layout's grid."""
    for target, rect in zip(renderer.screens.content_targets(state), layout.tiles):
        overlays.tile(
            renderer.theme,
            surface,
            rect,
            target.label,
            target.number,
            status.dwell.get(target.id, 0.0),
            state.focus == target.id,
            layout,
        )


TILES = Drawing(draw_tiles)
TOPICS = Drawing(draw_tiles, needs_content=False)  # says itself that there are none
