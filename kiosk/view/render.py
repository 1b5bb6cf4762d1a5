"""Drawing a State onto a pygame surface. Runs on the main thread only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import Any

import pygame

from kiosk import core
from kiosk.actions import GAZE_PAUSE_TARGET
from kiosk.core import State
from kiosk.core.scanning import Highlight
from kiosk.core.state import SAID
from kiosk.core.typing_keys import on_typing_screen, typing_layout
from kiosk.document import Document
from kiosk.layout import Layout, Rect, compute_layout
from kiosk.settings import DEFAULTS
from kiosk.textflow import FlowStyle, Line, fit_document, flow, paginate
from kiosk.view import overlays
from kiosk.view.fonts import fit_lines, font, wrap
from kiosk.view.status import ViewStatus
from kiosk.view.theme import Theme
from kiosk.view.typing import draw_speak_key, draw_typing, key_layout


def flow_style(layout: Layout) -> FlowStyle:
    px = layout.text_px
    return FlowStyle(
        line_height={
            "title": round(px * 1.5),
            "heading": round(px * 1.45),
            "paragraph": round(px * 1.32),
            "list_item": round(px * 1.32),
        },
        paragraph_gap=round(px * 0.55),
        list_indent=round(px * 1.3),
    )


def _kind_font(kind: str, px: int) -> pygame.font.Font:
    if kind == "title":
        return font(round(px * 1.15), True)
    if kind == "heading":
        return font(round(px * 1.08), True)
    return font(px)


@lru_cache(maxsize=20000)
def _measure_cached(kind: str, px: int, text: str) -> int:
    return _kind_font(kind, px).size(text)[0]


def forget_fonts() -> None:
    """Drop cached fonts and measurements (call before pygame.quit())."""
    _measure_cached.cache_clear()
    font.cache_clear()


def measurer(layout: Layout) -> Callable[[str, str], int]:
    px = layout.text_px
    return lambda kind, text: _measure_cached(kind, px, text)


def reader_text_box(layout: Layout) -> Rect:
    x, y, w, h = layout.body
    pad = round(12 * layout.scale)
    return (x + pad, y + pad, w - 2 * pad, h - 2 * pad)


def measure_pages(document: Document, layout: Layout) -> tuple[int, ...]:
    _, _, width, height = reader_text_box(layout)
    return paginate(document, measurer(layout), width, height, flow_style(layout))


def fit_pages(document: Document, layout: Layout) -> tuple[Document, tuple[int, ...]]:
    """The document with sentences too tall for one page split into pieces (the same
    document when none are), and where each of its pages starts: no page runs under the
    notice or control bar at any text size or window size."""
    _, _, width, height = reader_text_box(layout)
    measure, style = measurer(layout), flow_style(layout)
    fitted = fit_document(document, measure, width, height, style)
    return fitted, paginate(fitted, measure, width, height, style)


def layout_for(state: State, size: tuple[int, int], text_scale: float) -> Layout:
    if on_typing_screen(state):
        return typing_layout(state, size, text_scale)
    tiles = core.content_targets(state)
    return compute_layout(
        size,
        len(tiles),
        text_scale,
        help_screen=state.help_open,
        gaze_layout=state.gaze_layout,
        bar_ids=tuple(t.id for t in core.bar_targets(state)),
    )


PAGE_LINE_HEIGHT = 1.32  # the header's page line: its height over its type size


def page_line_px(layout: Layout) -> int:
    """The type size of the header's page line ("Page 1 of 2"): it follows the text size,
    but leaves the title a full line (the larger layouts' header is shorter, their eye
    pause target being in the bottom row)."""
    title_line = font(layout.title_px, True).get_linesize()
    room = int((layout.title[3] - title_line) / PAGE_LINE_HEIGHT)
    return min(round(layout.text_px * 0.9), room)


def _inverted(theme: Theme) -> Theme:
    """The colours of a scan-highlighted tile: the reading highlight's (>= 7:1)."""
    return replace(
        theme,
        tile=theme.highlight,
        bar_tile=theme.highlight,
        tile_text=theme.highlight_text,
        tile_border=theme.highlight_text,
    )


def _big_labels(layout: Layout) -> Layout:
    """The Yes / No screen: two tiles that fill the screen, with words to match."""
    return replace(layout, tile_px=layout.tile_px * 3, number_px=layout.number_px * 2)


class Renderer:
    def __init__(self, theme: Theme, text_scale: float = DEFAULTS.text_scale) -> None:
        self.theme = theme
        self.text_scale = text_scale
        self.help_overflow = False

    # -------------------------------------------------------------- entry point
    def draw(self, surface: pygame.Surface, state: State, status: ViewStatus) -> Layout:
        layout = layout_for(state, surface.get_size(), self.text_scale)
        surface.fill(self.theme.background)
        if status.calibration is not None:
            overlays.draw_calibration_screen(self.theme, surface, status)
            return layout
        kind = core.screen_kind(state)
        if kind == "typing":  # the message takes the header's place (kiosk/view/typing.py)
            draw_typing(self, surface, state, status, layout)
        else:
            self._draw_header(surface, state, status, layout)
        if kind == "typing":
            pass
        elif not state.library.sheets and kind not in ("sheets", "talk", "yesno"):
            self._draw_no_content(surface, state, layout)
        elif kind == "reader":
            self._draw_reader(surface, state, layout)
        elif kind == "help":
            self._draw_help(surface, state, status, layout)
        else:
            self._draw_tiles(surface, state, status, layout)
        self._draw_bar(surface, state, status, layout)
        said = status.caption.removeprefix(SAID) if status.caption.startswith(SAID) else ""
        if said and kind in ("talk", "yesno", "typing"):
            overlays.draw_said(self.theme, surface, said, layout)
            if kind == "typing":
                draw_speak_key(self, surface, state, status, layout)
        else:
            overlays.draw_feedback(self.theme, surface, state, status, layout)
        light = core.scan_highlight(state)
        if light is not None:
            self._draw_scan(surface, state, light, layout)
        if status.face_lost and status.gaze_available and not status.gaze_paused:
            overlays.draw_face_lost(self.theme, surface, status, layout)
        if status.still_there:
            overlays.draw_still_there(self.theme, surface, status.still_there, layout)
        if status.gaze_looked_at is not None and status.calibration is None:
            overlays.draw_looked_at(self.theme, surface, state, status, layout)
        if status.show_gaze_cursor and status.gaze_point is not None:
            x, y = status.gaze_point
            pygame.draw.circle(
                surface,
                self.theme.dwell,
                (int(x), int(y)),
                max(6, round(18 * layout.scale)),
                width=4,
            )
        return layout

    # -------------------------------------------------------------- pieces
    def _text(
        self,
        surface: pygame.Surface,
        text: str,
        face: pygame.font.Font,
        color: Any,
        pos: tuple[int, int],
        center: bool = False,
    ) -> pygame.Rect:
        return overlays.blit_text(surface, text, face, color, pos, center)

    def _draw_header(
        self, surface: pygame.Surface, state: State, status: ViewStatus, layout: Layout
    ) -> None:
        theme = self.theme
        x, y, w, h = layout.title
        title = core.screen_title(state)
        subtitle = ""
        kind = core.screen_kind(state)
        pages = core.page_count(state)
        if kind == "reader" and pages > 1:
            subtitle = f"Page {state.place.page + 1} of {pages}"
        elif kind in ("home", "section", "sheets", "talk", "yesno") and pages > 1:
            subtitle = f"Page {state.place.tile_page + 1} of {pages}"
            if core.paged_by_bar(state):  # no "More" tile: say where the rest is
                last = state.place.tile_page + 1 >= pages
                subtitle += f", \u201cNext\u201d {'goes back to page 1' if last else 'shows more'}"
        elif kind == "help" and pages > 1:
            subtitle = f"Page {state.help_page + 1} of {pages}"
        sub_px = page_line_px(layout)
        sub_h = round(sub_px * PAGE_LINE_HEIGHT) if subtitle else 0
        face, lines = fit_lines(
            title,
            w,
            h - sub_h,
            layout.title_px,
            bold=True,
            min_size=max(16, round(30 * layout.scale)),
        )
        line_y = y + max(0, (h - sub_h - len(lines) * face.get_linesize()) // 2)
        for line in lines[:3]:
            self._text(surface, line, face, theme.text, (x, line_y))
            line_y += face.get_linesize()
        if subtitle:
            self._text(
                surface,
                subtitle,
                font(sub_px),
                theme.muted,
                (x, y + h - sub_h),
            )
        overlays.draw_status(self.theme, surface, status, layout)
        self._draw_gaze_pause(surface, status, layout)

    def _draw_gaze_pause(self, surface: pygame.Surface, status: ViewStatus, layout: Layout) -> None:
        if not status.gaze_available:
            return
        label = (
            "Eyes paused: look here to resume" if status.gaze_paused else "Look here to pause eyes"
        )
        overlays.tile(
            self.theme,
            surface,
            layout.gaze_pause,
            label,
            None,
            status.dwell.get(GAZE_PAUSE_TARGET, 0.0),
            False,
            layout,
            bar=True,
        )

    def _draw_scan(
        self, surface: pygame.Surface, state: State, light: Highlight, layout: Layout
    ) -> None:
        """The switch-scanning highlight: a thick dark-bright-dark frame around the row or
        tile, and a chosen-to-be tile drawn inverted (bright with dark text), so it shows by
        shape and brightness, not by colour alone. It never flashes."""
        shown = {t.id: t for t in core.targets(state)}
        rects = layout.all_targets(list(shown))
        boxes = [pygame.Rect(rects[i]) for i in light.target_ids if i in rects]
        if not boxes:
            return
        if light.level == "target":
            target = shown[light.target_ids[0]]
            if core.screen_kind(state) == "yesno":
                layout = _big_labels(layout)
            elif core.screen_kind(state) == "typing":
                layout = key_layout(layout, target.label)
            saved, self.theme = self.theme, _inverted(self.theme)
            try:
                overlays.tile(
                    self.theme,
                    surface,
                    rects[target.id],
                    target.label,
                    target.number,
                    0.0,
                    False,
                    layout,
                    bar=target.id in layout.bar,
                )
            finally:
                self.theme = saved
        box = boxes[0].unionall(boxes[1:])
        radius = max(6, round(18 * layout.scale)) + 6
        outside = max(6, round(14 * layout.scale))  # stays inside the 16 px margins and gaps
        dark = max(10, round(22 * layout.scale))
        bright = max(6, round(14 * layout.scale))
        pygame.draw.rect(
            surface,
            self.theme.highlight_text,
            box.inflate(2 * outside, 2 * outside),
            width=dark,
            border_radius=radius,
        )
        edge = outside - (dark - bright) // 2
        pygame.draw.rect(
            surface,
            self.theme.highlight,
            box.inflate(2 * edge, 2 * edge),
            width=bright,
            border_radius=radius,
        )

    def _draw_tiles(
        self, surface: pygame.Surface, state: State, status: ViewStatus, layout: Layout
    ) -> None:
        if core.screen_kind(state) == "yesno":
            layout = _big_labels(layout)
        for target, rect in zip(core.content_targets(state), layout.tiles):
            overlays.tile(
                self.theme,
                surface,
                rect,
                target.label,
                target.number,
                status.dwell.get(target.id, 0.0),
                state.focus == target.id,
                layout,
            )

    def _draw_reader(self, surface: pygame.Surface, state: State, layout: Layout) -> None:
        document = core.current_document(state)
        if document is None:
            return
        start, stop = core.page_range(state, document, state.place.page)
        x, y, width, _ = reader_text_box(layout)
        lines = flow(document, start, stop, measurer(layout), width, flow_style(layout))
        px = layout.text_px
        for line in lines:
            self._draw_line(surface, line, document, state.spoken_index, x, y, px)

    def _draw_line(
        self,
        surface: pygame.Surface,
        line: Line,
        document: Document,
        spoken: int | None,
        x: int,
        y: int,
        px: int,
    ) -> None:
        theme = self.theme
        face = _kind_font(line.kind, px)
        top = y + line.y + (line.height - face.get_linesize()) // 2
        if line.bullet:
            radius = max(3, px // 6)
            pygame.draw.circle(
                surface, theme.text, (x + px // 2, top + face.get_linesize() // 2), radius
            )
        for segment in line.segments:
            is_spoken = segment.sentence == spoken
            image = face.render(
                segment.text, True, theme.highlight_text if is_spoken else theme.text
            )
            if is_spoken:
                back = image.get_rect(topleft=(x + segment.x, top)).inflate(px // 3, 4)
                pygame.draw.rect(surface, theme.highlight, back, border_radius=6)
            surface.blit(image, (x + segment.x, top))

    def _draw_help(
        self, surface: pygame.Surface, state: State, status: ViewStatus, layout: Layout
    ) -> None:
        x, y, w, h = layout.help_text
        self.help_overflow = False
        if h <= 0:  # a page of help's tiles (larger targets): its text has its own page
            self._draw_tiles(surface, state, status, layout)
            return
        face = font(max(14, round(layout.text_px * 0.92)))
        paragraphs = core.help_text(state)
        lines = [
            (line, i) for i, paragraph in enumerate(paragraphs) for line in wrap(paragraph, face, w)
        ]
        gap = face.get_linesize() // 4
        needed = len(lines) * face.get_linesize() + (len(paragraphs) - 1) * gap
        self.help_overflow = needed > h  # checked by the tests: help must never be cut
        line_y, previous = y, 0
        for line, paragraph in lines:
            line_y += gap if paragraph != previous else 0
            previous = paragraph
            self._text(surface, line, face, self.theme.text, (x, line_y))
            line_y += face.get_linesize()
        self._draw_tiles(surface, state, status, layout)

    def _draw_bar(
        self, surface: pygame.Surface, state: State, status: ViewStatus, layout: Layout
    ) -> None:
        for target in core.bar_targets(state):
            overlays.tile(
                self.theme,
                surface,
                layout.bar[target.id],
                target.label,
                None,
                status.dwell.get(target.id, 0.0),
                state.focus == target.id,
                layout,
                bar=True,
            )

    def _draw_no_content(self, surface: pygame.Surface, state: State, layout: Layout) -> None:
        x, y, w, h = layout.body
        face = font(layout.text_px, True)
        line_y = y
        message = "No fact sheets could be loaded. Please tell the reception desk."
        for line in wrap(message, face, w):
            self._text(surface, line, face, self.theme.text, (x, line_y))
            line_y += face.get_linesize()
