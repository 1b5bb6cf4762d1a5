"""The pieces drawn over or around a screen's content: tiles (with their dwell fill and
focus ring), the device status, the feedback strip, "still there?", "please look at the
screen" and the calibration screen. Plain functions of a theme, a surface and a layout."""

from __future__ import annotations

from typing import Any

import numpy as np
import pygame

from kiosk.actions import GAZE_PAUSE_TARGET
from kiosk.content import FactSheet
from kiosk.core.state import Target
from kiosk.core.words import CHOOSE, LOOK_AT_SCREEN
from kiosk.document import credit_text
from kiosk.layout import Layout, Rect
from kiosk.view.fonts import bounded, fit_lines, font, wrap
from kiosk.view.status import ViewStatus
from kiosk.view.theme import Theme


def blit_text(
    surface: pygame.Surface,
    text: str,
    face: pygame.font.Font,
    color: Any,
    pos: tuple[int, int],
    center: bool = False,
) -> pygame.Rect:
    image = face.render(bounded(text), True, color)
    rect = image.get_rect(center=pos) if center else image.get_rect(topleft=pos)
    surface.blit(image, rect)
    return rect


def draw_status(theme: Theme, surface: pygame.Surface, status: ViewStatus, layout: Layout) -> None:
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
        blit_text(
            surface,
            words,
            label_face,
            theme.text,
            (x + 3 * radius, cy - label_face.get_height() // 2),
        )


def tile(
    theme: Theme,
    surface: pygame.Surface,
    rect: Rect,
    label: str,
    number: int | None,
    dwell: float,
    focused: bool,
    layout: Layout,
    bar: bool = False,
) -> None:
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
        blit_text(
            surface, str(number), number_face, theme.tile_text, (box.x + pad, box.y + pad // 2)
        )
        top = box.y + pad // 2 + number_face.get_linesize()
        label_box = pygame.Rect(box.x + pad, top, box.w - 2 * pad, box.bottom - pad - top)
    _tile_label(theme, surface, label, label_box, layout)
    _tile_marks(theme, surface, box, radius, dwell, focused, layout)


def _tile_label(
    theme: Theme, surface: pygame.Surface, label: str, label_box: pygame.Rect, layout: Layout
) -> None:
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
        blit_text(
            surface,
            line,
            face,
            theme.tile_text,
            (label_box.centerx, line_y + face.get_linesize() // 2),
            center=True,
        )
        line_y += face.get_linesize()


def _tile_marks(
    theme: Theme,
    surface: pygame.Surface,
    box: pygame.Rect,
    radius: int,
    dwell: float,
    focused: bool,
    layout: Layout,
) -> None:
    """The dwell fill and the focus ring."""
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


def draw_feedback(
    theme: Theme,
    surface: pygame.Surface,
    sheet: FactSheet | None,
    status: ViewStatus,
    layout: Layout,
) -> None:
    """One strip under the body: what was understood, else a problem, else the credit of
    the fact sheet shown (None: no credit here, under the person's own words)."""
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
        if sheet is None:
            return
        text, fg, bg = credit_text(sheet), theme.muted, None
        bold = False
    if bg is not None:
        pygame.draw.rect(surface, bg, box, border_radius=10)
        pygame.draw.rect(surface, theme.tile_border, box, width=2, border_radius=10)
    face = font(size, bold)
    while face.size(text)[0] > box.w - 30 and size > smallest:
        size -= 2
        text = bounded(text)
        face = font(size, bold)
    line = text
    while face.size(line)[0] > box.w - 30 and len(line) > 10:
        line = line[: int(len(line) * 0.95)].rstrip() + "…"
    blit_text(surface, line, face, fg, (box.x + 15, box.centery - face.get_linesize() // 2))


def draw_still_there(theme: Theme, surface: pygame.Surface, text: str, layout: Layout) -> None:
    """The question before an idle reset: large, in the middle, over the page."""
    x, y, w, h = layout.body
    face = font(round(layout.text_px * 1.2), True)
    lines = wrap(text, face, round(w * 0.7) - 80)
    line_h, pad = face.get_linesize(), round(face.get_linesize() * 0.7)
    panel = pygame.Rect(0, 0, round(w * 0.7), len(lines) * line_h + 2 * pad)
    panel.center = (x + w // 2, y + h // 2)
    pygame.draw.rect(surface, theme.background, panel, border_radius=16)
    pygame.draw.rect(surface, theme.focus, panel, width=6, border_radius=16)
    top = panel.y + pad + line_h // 2
    for i, line in enumerate(lines):
        blit_text(
            surface,
            line,
            face,
            theme.text,
            (panel.centerx, top + i * face.get_linesize()),
            center=True,
        )


def draw_face_lost(
    theme: Theme, surface: pygame.Surface, status: ViewStatus, layout: Layout
) -> None:
    x, y, w, h = layout.body
    panel = pygame.Rect(0, 0, round(w * 0.5), round(h * 0.8))
    panel.center = (x + w // 2, y + h // 2)
    pygame.draw.rect(surface, theme.background, panel, border_radius=16)
    pygame.draw.rect(surface, theme.focus, panel, width=6, border_radius=16)
    face = font(layout.text_px, True)
    blit_text(
        surface,
        LOOK_AT_SCREEN,
        face,
        theme.text,
        (panel.centerx, panel.y + face.get_linesize()),
        center=True,
    )
    if status.thumbnail is not None:
        image = pygame.surfarray.make_surface(np.ascontiguousarray(status.thumbnail.swapaxes(0, 1)))
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


def draw_looked_at(
    theme: Theme,
    surface: pygame.Surface,
    shown: tuple[Target, ...],
    status: ViewStatus,
    layout: Layout,
) -> None:
    """Look and confirm: a thick frame in the dwell colour around the target the eyes are on
    (before anything is chosen), and the Choose target beside it, with the progress of the
    look at it along its bottom edge."""
    rects = layout.all_targets([t.id for t in shown])
    rects[GAZE_PAUSE_TARGET] = layout.gaze_pause
    rect = rects.get(status.gaze_looked_at or "")
    if rect is None:
        return
    radius = max(6, round(18 * layout.scale))
    ring = pygame.Rect(rect).inflate(round(10 * layout.scale), round(10 * layout.scale))
    pygame.draw.rect(
        surface, theme.dwell, ring, width=max(5, round(10 * layout.scale)), border_radius=radius
    )
    if status.gaze_confirm is None:
        return
    confirm_id, confirm_rect = status.gaze_confirm
    box = pygame.Rect(confirm_rect)
    pygame.draw.rect(surface, theme.tile, box, border_radius=radius)
    pygame.draw.rect(
        surface, theme.dwell, box, width=max(5, round(10 * layout.scale)), border_radius=radius
    )
    face = font(layout.tile_px, True)
    blit_text(surface, CHOOSE, face, theme.tile_text, box.center, center=True)
    progress = status.dwell.get(confirm_id, 0.0)
    if progress > 0:
        bar_h = max(8, round(26 * layout.scale))
        fill = pygame.Rect(
            box.x + radius,
            box.bottom - bar_h - round(12 * layout.scale),
            int((box.w - 2 * radius) * min(1.0, progress)),
            bar_h,
        )
        pygame.draw.rect(surface, theme.dwell, fill, border_radius=bar_h // 2)


def draw_said(theme: Theme, surface: pygame.Surface, text: str, layout: Layout) -> None:
    """The phrase just said, across the middle of the screen in letters about three times
    body size (some 130 px at 1080p: readable across a waiting room), for as long as the
    caption lasts. The tiles under it still answer touch, gaze and voice."""
    x, y, w, h = layout.body
    band_h = round(h * 0.62)
    band = pygame.Rect(x, y + (h - band_h) // 2, w, band_h)
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
        blit_text(surface, line, face, theme.tile_text, center, center=True)
