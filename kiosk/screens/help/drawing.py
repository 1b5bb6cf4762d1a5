"""Drawing help: its text above its tiles (with larger targets, each on pages of its own)."""

from __future__ import annotations

from typing import Any

import pygame

from kiosk.core.state import State
from kiosk.layout import Layout
from kiosk.screens.help.words import help_text
from kiosk.view.drawing import Drawing, draw_tiles
from kiosk.view.fonts import font, wrap
from kiosk.view.status import ViewStatus


def draw_help(
    renderer: Any, surface: pygame.Surface, state: State, status: ViewStatus, layout: Layout
) -> None:
    x, y, w, h = layout.help_text
    renderer.help_overflow = False
    if h <= 0:  # a page of help's tiles (larger targets): its text has its own page
        draw_tiles(renderer, surface, state, status, layout)
        return
    face = font(max(14, round(layout.text_px * 0.92)))
    paragraphs = help_text(state, renderer.screens)
    lines = [
        (line, i) for i, paragraph in enumerate(paragraphs) for line in wrap(paragraph, face, w)
    ]
    gap = face.get_linesize() // 4
    needed = len(lines) * face.get_linesize() + (len(paragraphs) - 1) * gap
    renderer.help_overflow = needed > h  # checked by the tests: help must never be cut
    line_y, previous = y, 0
    for line, paragraph in lines:
        line_y += gap if paragraph != previous else 0
        previous = paragraph
        renderer._text(surface, line, face, renderer.theme.text, (x, line_y))
        line_y += face.get_linesize()
    draw_tiles(renderer, surface, state, status, layout)


DRAWING = Drawing(draw_help)
