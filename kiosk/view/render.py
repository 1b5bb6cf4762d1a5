"""Drawing a State onto a pygame surface. Runs on the main thread only."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import lru_cache
from typing import Any

import pygame

from kiosk.actions import GAZE_PAUSE_TARGET
from kiosk.core.place import current_sheet
from kiosk.core.scanning import Highlight
from kiosk.core.screen import ScreenTable, screen_kind
from kiosk.core.state import State
from kiosk.core.switch import scan_highlight
from kiosk.core.tiles import paged_by_bar
from kiosk.core.words import EYES_PAUSED, NO_CONTENT, PAUSE_EYES, page_of, paged_by_bar_note
from kiosk.document import Document
from kiosk.layout import Layout, Rect
from kiosk.settings import DEFAULTS
from kiosk.textflow import FlowStyle, fit_document, paginate
from kiosk.view import overlays
from kiosk.view.drawing import Drawing
from kiosk.view.fonts import fit_lines, font, wrap
from kiosk.view.status import ViewStatus
from kiosk.view.theme import Theme


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


def kind_font(kind: str, px: int) -> pygame.font.Font:
    if kind == "title":
        return font(round(px * 1.15), True)
    if kind == "heading":
        return font(round(px * 1.08), True)
    return font(px)


@lru_cache(maxsize=20000)
def _measure_cached(kind: str, px: int, text: str) -> int:
    return kind_font(kind, px).size(text)[0]


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


class Renderer:
    """Draws the shown screen: the shared frame here, the body by the screen's Drawing."""

    def __init__(
        self,
        theme: Theme,
        screens: ScreenTable,
        drawings: Mapping[str, Drawing],
        text_scale: float = DEFAULTS.text_scale,
    ) -> None:
        self.theme = theme
        self.screens = screens
        self.drawings = dict(drawings)
        self.text_scale = text_scale
        self.help_overflow = False

    # -------------------------------------------------------------- entry point
    def draw(self, surface: pygame.Surface, state: State, status: ViewStatus) -> Layout:
        layout = self.screens.layout(state, surface.get_size(), self.text_scale)
        surface.fill(self.theme.background)
        drawing = self.drawings[status.shown_over or screen_kind(state)]
        if drawing.full_screen:
            drawing.body(self, surface, state, status, layout)
            return layout
        if drawing.own_header:
            drawing.body(self, surface, state, status, layout)
        else:
            self._draw_header(surface, state, status, layout)
            if not state.library.sheets and drawing.needs_content:
                self._draw_no_content(surface, state, layout)
            else:
                drawing.body(self, surface, state, status, layout)
        self._draw_bar(surface, state, status, layout)
        self._draw_caption(surface, state, status, layout, drawing)
        light = scan_highlight(state, self.screens)
        if light is not None:
            self._draw_scan(surface, state, light, layout, drawing)
        if status.face_lost and status.gaze_available and not status.gaze_paused:
            overlays.draw_face_lost(self.theme, surface, status, layout)
        if status.still_there:
            overlays.draw_still_there(self.theme, surface, status.still_there, layout)
        if status.gaze_looked_at is not None and status.calibration is None:
            shown = self.screens.targets(state)
            overlays.draw_looked_at(self.theme, surface, shown, status, layout)
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

    def _draw_caption(
        self,
        surface: pygame.Surface,
        state: State,
        status: ViewStatus,
        layout: Layout,
        drawing: Drawing,
    ) -> None:
        """A phrase just said across the screen where the screen shows them, else the
        feedback strip (a caption, a notice or the fact sheet's credit)."""
        prefix = drawing.said_prefix
        said = status.caption.removeprefix(prefix) if prefix else ""
        if prefix and status.caption.startswith(prefix) and said:
            overlays.draw_said(self.theme, surface, said, layout)
            if drawing.over_said is not None:
                drawing.over_said(self, surface, state, status, layout)
            return
        sheet = current_sheet(state) if self.screens.of(state).credit else None
        overlays.draw_feedback(self.theme, surface, sheet, status, layout)

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
        title = self.screens.title(state)
        subtitle = ""
        screen = self.screens.of(state)
        pages = screen.page_count(state)
        if pages > 1:
            shown = screen.page_shown(state)
            subtitle = page_of(shown + 1, pages)
            if screen.tiles is not None and paged_by_bar(state):
                # No "More" tile: say where the rest is.
                subtitle += paged_by_bar_note(last=shown + 1 >= pages)
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
        label = EYES_PAUSED if status.gaze_paused else PAUSE_EYES
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
        self,
        surface: pygame.Surface,
        state: State,
        light: Highlight,
        layout: Layout,
        drawing: Drawing,
    ) -> None:
        """The switch-scanning highlight: a thick dark-bright-dark frame around the row or
        tile, and a chosen-to-be tile drawn inverted (bright with dark text), so it shows by
        shape and brightness, not by colour alone. It never flashes."""
        shown = {t.id: t for t in self.screens.targets(state)}
        rects = layout.all_targets(list(shown))
        boxes = [pygame.Rect(rects[i]) for i in light.target_ids if i in rects]
        if not boxes:
            return
        if light.level == "target":
            target = shown[light.target_ids[0]]
            layout = drawing.chosen_tile(layout, target.label)
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

    def _draw_bar(
        self, surface: pygame.Surface, state: State, status: ViewStatus, layout: Layout
    ) -> None:
        for target in self.screens.bar_targets(state):
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
        for line in wrap(NO_CONTENT, face, w):
            self._text(surface, line, face, self.theme.text, (x, line_y))
            line_y += face.get_linesize()
