"""Drawing a State onto a pygame surface. Runs on the main thread only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import numpy as np
import pygame

from kiosk import core
from kiosk.actions import GAZE_PAUSE_TARGET
from kiosk.core import State
from kiosk.core.talk import SAID
from kiosk.document import Document, credit_text
from kiosk.layout import Layout, Rect, compute_layout
from kiosk.switch.scanning import Highlight
from kiosk.textflow import FlowStyle, Line, fit_document, flow, paginate
from kiosk.view.fonts import bounded, fit_lines, font, wrap
from kiosk.view.theme import Theme


@dataclass
class ViewStatus:
    """What the shell knows beyond the core state: devices, feedback, dwell."""

    voice: str = "off"  # off | listening | hearing | asleep | error | starting
    camera: str = "off"  # off | on | error | paused
    caption: str = ""  # "Heard: next page" or "Sorry, I didn't catch that ..."
    notices: list[str] = field(default_factory=list)  # plain-words problems for the person
    dwell: dict[str, float] = field(default_factory=dict)
    gaze_point: tuple[float, float] | None = None
    show_gaze_cursor: bool = False
    gaze_paused: bool = False
    gaze_available: bool = False
    face_lost: bool = False
    thumbnail: np.ndarray | None = None  # mirrored RGB camera image for "look at the screen"
    calibration: Any = None  # a gaze CalibrationSession while calibrating
    still_there: str = ""  # "Still there? ..." shown before an idle reset


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
    def __init__(self, theme: Theme, text_scale: float = 1.0) -> None:
        self.theme = theme
        self.text_scale = text_scale
        self.help_overflow = False

    # -------------------------------------------------------------- entry point
    def draw(self, surface: pygame.Surface, state: State, status: ViewStatus) -> Layout:
        layout = layout_for(state, surface.get_size(), self.text_scale)
        surface.fill(self.theme.background)
        if status.calibration is not None:
            self._draw_calibration(surface, status)
            return layout
        self._draw_header(surface, state, status, layout)
        kind = core.screen_kind(state)
        if not state.library.sheets:
            self._draw_no_content(surface, state, layout)
        elif kind == "reader":
            self._draw_reader(surface, state, layout)
        elif kind == "help":
            self._draw_help(surface, state, status, layout)
        else:
            self._draw_tiles(surface, state, status, layout)
        self._draw_bar(surface, state, status, layout)
        said = status.caption.removeprefix(SAID) if status.caption.startswith(SAID) else ""
        if said and kind in ("talk", "yesno"):
            self._draw_said(surface, said, layout)
        else:
            self._draw_feedback(surface, state, status, layout)
        light = core.scan_highlight(state)
        if light is not None:
            self._draw_scan(surface, state, light, layout)
        if status.face_lost and status.gaze_available and not status.gaze_paused:
            self._draw_face_lost(surface, status, layout)
        if status.still_there:
            self._draw_still_there(surface, status.still_there, layout)
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
        color,
        pos: tuple[int, int],
        center: bool = False,
    ) -> pygame.Rect:
        image = face.render(bounded(text), True, color)
        rect = image.get_rect(center=pos) if center else image.get_rect(topleft=pos)
        surface.blit(image, rect)
        return rect

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
        self._draw_status(surface, status, layout)
        self._draw_gaze_pause(surface, status, layout)

    def _draw_status(self, surface: pygame.Surface, status: ViewStatus, layout: Layout) -> None:
        theme = self.theme
        x, y, w, h = layout.status
        px = max(14, round(40 * layout.scale))  # as large as body text
        face = font(px, True)
        voice_words = {
            "off": "Voice: off",
            "listening": "Voice: listening",
            "hearing": "Voice: hearing you",
            "asleep": "Voice: asleep",
            "error": "Voice: not working",
            "starting": "Voice: starting",
        }
        camera_words = {
            "off": "Camera: off",
            "on": "Camera: on",
            "error": "Camera: not working",
            "paused": "Camera: on, eyes paused",
        }
        rows = [
            (voice_words.get(status.voice, status.voice), status.voice in ("listening", "hearing")),
            (camera_words.get(status.camera, status.camera), status.camera in ("on", "paused")),
        ]
        row_h = h // 2
        for i, (words, active) in enumerate(rows):
            cy = y + i * row_h + row_h // 2
            radius = max(5, round(14 * layout.scale))
            if active:
                pygame.draw.circle(surface, theme.ok, (x + radius, cy), radius)
            else:
                pygame.draw.circle(surface, theme.muted, (x + radius, cy), radius, width=3)
            size = px
            label_face = face
            while label_face.size(words)[0] > w - 3 * radius and size > 14:
                size -= 2
                label_face = font(size, True)
            self._text(
                surface,
                words,
                label_face,
                theme.text,
                (x + 3 * radius, cy - label_face.get_height() // 2),
            )

    def _draw_gaze_pause(self, surface: pygame.Surface, status: ViewStatus, layout: Layout) -> None:
        if not status.gaze_available:
            return
        label = (
            "Eyes paused: look here to resume" if status.gaze_paused else "Look here to pause eyes"
        )
        self._tile(
            surface,
            layout.gaze_pause,
            label,
            None,
            status.dwell.get(GAZE_PAUSE_TARGET, 0.0),
            False,
            layout,
            bar=True,
        )

    def _tile(
        self,
        surface: pygame.Surface,
        rect: Rect,
        label: str,
        number: int | None,
        dwell: float,
        focused: bool,
        layout: Layout,
        bar: bool = False,
    ) -> None:
        theme = self.theme
        box = pygame.Rect(rect)
        radius = max(6, round(18 * layout.scale))
        pygame.draw.rect(surface, theme.bar_tile if bar else theme.tile, box, border_radius=radius)
        pygame.draw.rect(
            surface,
            theme.tile_border,
            box,
            width=max(2, round(3 * layout.scale)),
            border_radius=radius,
        )
        pad = round(18 * layout.scale)
        label_box = box.inflate(-2 * pad, -2 * pad)
        if number is not None:
            # Short tiles (the help row) get a smaller number, leaving room for two lines of
            # label at body-text size.
            number_face = font(min(layout.number_px, round(box.h * 0.28)), True)
            self._text(
                surface, str(number), number_face, theme.tile_text, (box.x + pad, box.y + pad // 2)
            )
            top = box.y + pad // 2 + number_face.get_linesize()
            label_box = pygame.Rect(box.x + pad, top, box.w - 2 * pad, box.bottom - pad - top)
        face, lines = fit_lines(
            label,
            label_box.w,
            label_box.h,
            layout.tile_px,
            bold=True,
            min_size=max(14, round(30 * layout.scale)),
        )
        total = len(lines) * face.get_linesize()
        line_y = label_box.y + max(0, (label_box.h - total) // 2)
        for line in lines:
            self._text(
                surface,
                line,
                face,
                theme.tile_text,
                (label_box.centerx, line_y + face.get_linesize() // 2),
                center=True,
            )
            line_y += face.get_linesize()
        if dwell > 0:
            # Dwell progress: a thick bar filling along the bottom edge, plus a bright border,
            # so the label keeps its full contrast while the fill grows.
            bar_h = max(8, round(26 * layout.scale))
            fill = pygame.Rect(
                box.x + radius,
                box.bottom - bar_h - round(6 * layout.scale),
                int((box.w - 2 * radius) * min(1.0, dwell)),
                bar_h,
            )
            pygame.draw.rect(surface, theme.dwell, fill, border_radius=bar_h // 2)
            pygame.draw.rect(
                surface,
                theme.dwell,
                box,
                width=max(3, round(6 * layout.scale)),
                border_radius=radius,
            )
        if focused:
            ring = box.inflate(round(12 * layout.scale), round(12 * layout.scale))
            pygame.draw.rect(
                surface,
                theme.focus,
                ring,
                width=max(4, round(8 * layout.scale)),
                border_radius=radius + 4,
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
            saved, self.theme = self.theme, _inverted(self.theme)
            try:
                self._tile(
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
            self._tile(
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
            self._tile(
                surface,
                layout.bar[target.id],
                target.label,
                None,
                status.dwell.get(target.id, 0.0),
                state.focus == target.id,
                layout,
                bar=True,
            )

    def _draw_feedback(
        self, surface: pygame.Surface, state: State, status: ViewStatus, layout: Layout
    ) -> None:
        """One strip under the body: what was understood, else a problem, else the credit."""
        theme = self.theme
        box = pygame.Rect(layout.feedback)
        # Captions, notices and the credit are read like body text: the same 40 px floor.
        size, bold = max(14, round(40 * layout.scale)), True
        smallest = max(14, round(34 * layout.scale))  # long captions shrink this far, no further
        if status.caption:
            text, fg, bg = status.caption, theme.tile_text, theme.tile
        elif status.notices:
            # Several problems take turns, four seconds each.
            index = int(pygame.time.get_ticks() / 4000) % len(status.notices)
            text, fg, bg = status.notices[index], theme.warning_text, theme.warning
        else:
            sheet = core.current_sheet(state)
            if sheet is None or core.screen_kind(state) in ("talk", "yesno"):
                return  # the person's own words are not the fact sheet's: no credit there
            text, fg, bg = credit_text(sheet), theme.muted, None
            bold = False
        if bg is not None:
            pygame.draw.rect(surface, bg, box, border_radius=10)
            pygame.draw.rect(surface, theme.tile_border, box, width=2, border_radius=10)
        text = bounded(text)
        face = font(size, bold)
        while face.size(text)[0] > box.w - 30 and size > smallest:
            size -= 2
            face = font(size, bold)
        line = text
        while face.size(line)[0] > box.w - 30 and len(line) > 10:
            line = line[: int(len(line) * 0.95)].rstrip() + "…"
        self._text(surface, line, face, fg, (box.x + 15, box.centery - face.get_linesize() // 2))

    def _draw_said(self, surface: pygame.Surface, text: str, layout: Layout) -> None:
        """The phrase just said, across the middle of the screen in letters about three
        times body size (some 130 px at 1080p: readable across a waiting room), for as long
        as the caption lasts. The tiles under it still answer touch, gaze and voice."""
        x, y, w, h = layout.body
        band_h = round(h * 0.62)
        band = pygame.Rect(x, y + (h - band_h) // 2, w, band_h)
        theme = self.theme
        pygame.draw.rect(surface, theme.background, band.inflate(16, 16), border_radius=18)
        pygame.draw.rect(surface, theme.tile, band, border_radius=18)
        pygame.draw.rect(surface, theme.focus, band, width=6, border_radius=18)
        pad = round(30 * layout.scale)
        size = round(layout.text_px * 3)
        face, lines = fit_lines(
            text, band.w - 2 * pad, band.h - 2 * pad, size, bold=True, min_size=layout.text_px
        )
        lines = lines[: max(1, (band.h - 2 * pad) // face.get_linesize())]
        top = band.centery - len(lines) * face.get_linesize() // 2
        for i, line in enumerate(lines):
            center = (band.centerx, top + i * face.get_linesize() + face.get_linesize() // 2)
            self._text(surface, line, face, theme.tile_text, center, center=True)

    def _draw_still_there(self, surface: pygame.Surface, text: str, layout: Layout) -> None:
        """The question before an idle reset: large, in the middle, over the page."""
        x, y, w, h = layout.body
        face = font(round(layout.text_px * 1.2), True)
        lines = wrap(text, face, round(w * 0.7) - 80)
        line_h, pad = face.get_linesize(), round(face.get_linesize() * 0.7)
        panel = pygame.Rect(0, 0, round(w * 0.7), len(lines) * line_h + 2 * pad)
        panel.center = (x + w // 2, y + h // 2)
        pygame.draw.rect(surface, self.theme.background, panel, border_radius=16)
        pygame.draw.rect(surface, self.theme.focus, panel, width=6, border_radius=16)
        top = panel.y + pad + line_h // 2
        for i, line in enumerate(lines):
            self._text(
                surface,
                line,
                face,
                self.theme.text,
                (panel.centerx, top + i * face.get_linesize()),
                center=True,
            )

    def _draw_face_lost(self, surface: pygame.Surface, status: ViewStatus, layout: Layout) -> None:
        x, y, w, h = layout.body
        panel = pygame.Rect(0, 0, round(w * 0.5), round(h * 0.8))
        panel.center = (x + w // 2, y + h // 2)
        pygame.draw.rect(surface, self.theme.background, panel, border_radius=16)
        pygame.draw.rect(surface, self.theme.focus, panel, width=6, border_radius=16)
        face = font(layout.text_px, True)
        self._text(
            surface,
            "Please look at the screen",
            face,
            self.theme.text,
            (panel.centerx, panel.y + face.get_linesize()),
            center=True,
        )
        if status.thumbnail is not None:
            image = pygame.surfarray.make_surface(
                np.ascontiguousarray(status.thumbnail.swapaxes(0, 1))
            )
            room = pygame.Rect(
                panel.x + 20,
                panel.y + 2 * face.get_linesize(),
                panel.w - 40,
                panel.h - 2 * face.get_linesize() - 20,
            )
            scale = min(room.w / image.get_width(), room.h / image.get_height())
            image = pygame.transform.smoothscale(
                image, (int(image.get_width() * scale), int(image.get_height() * scale))
            )
            surface.blit(image, image.get_rect(center=room.center))

    def _draw_calibration(self, surface: pygame.Surface, status: ViewStatus) -> None:
        from kiosk.gaze.calibration_screen import draw_calibration
        from kiosk.view.fonts import BOLD

        theme = self.theme
        colors = {
            "background": theme.background,
            "text": theme.text,
            "accent": theme.focus,
            "tile": theme.tile,
            "fill": theme.dwell,
        }
        draw_calibration(surface, status.calibration, colors, str(BOLD), progress=status.dwell)

    def _draw_no_content(self, surface: pygame.Surface, state: State, layout: Layout) -> None:
        x, y, w, h = layout.body
        face = font(layout.text_px, True)
        line_y = y
        message = "No fact sheets could be loaded. Please tell the reception desk."
        for line in wrap(message, face, w):
            self._text(surface, line, face, self.theme.text, (x, line_y))
            line_y += face.get_linesize()
