"""Drawing the reader: the page's lines, the sentence being read highlighted."""

from __future__ import annotations

from typing import Any

import pygame

from kiosk.core.place import current_document, page_range
from kiosk.core.state import State
from kiosk.document import Document
from kiosk.layout import Layout
from kiosk.textflow import Line, flow
from kiosk.view.drawing import Drawing
from kiosk.view.render import flow_style, kind_font, measurer, reader_text_box
from kiosk.view.status import ViewStatus


def draw_reader(
    renderer: Any, surface: pygame.Surface, state: State, status: ViewStatus, layout: Layout
) -> None:
    document = current_document(state)
    if document is None:
        return
    start, stop = page_range(state, document, state.place.page)
    x, y, width, _ = reader_text_box(layout)
    lines = flow(document, start, stop, measurer(layout), width, flow_style(layout))
    px = layout.text_px
    for line in lines:
        _draw_line(renderer, surface, line, document, state.spoken_index, (x, y), px)


def _draw_line(
    renderer: Any,
    surface: pygame.Surface,
    line: Line,
    document: Document,
    spoken: int | None,
    origin: tuple[int, int],
    px: int,
) -> None:
    theme = renderer.theme
    x, y = origin
    face = kind_font(line.kind, px)
    top = y + line.y + (line.height - face.get_linesize()) // 2
    if line.bullet:
        radius = max(3, px // 6)
        pygame.draw.circle(
            surface, theme.text, (x + px // 2, top + face.get_linesize() // 2), radius
        )
    for segment in line.segments:
        is_spoken = segment.sentence == spoken
        image = face.render(segment.text, True, theme.highlight_text if is_spoken else theme.text)
        if is_spoken:
            back = image.get_rect(topleft=(x + segment.x, top)).inflate(px // 3, 4)
            pygame.draw.rect(surface, theme.highlight, back, border_radius=6)
        surface.blit(image, (x + segment.x, top))


DRAWING = Drawing(draw_reader)
