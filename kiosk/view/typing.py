"""Drawing the typing screen: the message, large, above a grid of large keys.

The message wraps and, when longer than its box, shows its last lines (the newest
words) with a line saying how many are above. Letters are drawn larger than words; the
control keys (Speak, Delete, Space ...) in the control bar's colour. Runs on the main
thread only, like the rest of the view.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pygame

from kiosk.core.state import State
from kiosk.core.typing_keys import ShownKey, predictions, shown_keys, word_model
from kiosk.layout import Layout
from kiosk.typing.message import MAX_MESSAGE_CHARS
from kiosk.view import overlays
from kiosk.view.fonts import font, wrap

PLACEHOLDER = "Type with the keys below, then choose Speak."
# A message that fits one line is shown as large as a Talk phrase (about 88 px at 1080p,
# readable across the room); a longer one in two lines at the message's own size.
ONE_LINE_SCALE = 1.7
_CONTROL_KINDS = ("space", "delete", "delete word", "clear", "speak", "leave", "page")


def message_font(px: int, height: int) -> pygame.font.Font:
    """The message's type: as large as asked, but two lines always fit the box."""
    face = font(px, True)
    while face.get_linesize() * 2 > height and px > 16:
        px -= 2
        face = font(px, True)
    return face


def key_layout(layout: Layout, label: str) -> Layout:
    """A lone letter or mark is drawn half as large again as a word."""
    return replace(layout, tile_px=round(layout.tile_px * 1.5)) if len(label) == 1 else layout


def message_lines(text: str, face: pygame.font.Font, width: int) -> list[str]:
    """The whole message wrapped (never cut short: its newest words are the last line)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += wrap(paragraph, face, width, limit=MAX_MESSAGE_CHARS) or [""]
    return lines


def message_face(text: str, px: int, inner: pygame.Rect, cursor_w: int) -> pygame.font.Font:
    """One line as large as a Talk phrase when the message fits it, else two lines."""
    large = font(round(px * ONE_LINE_SCALE), True)
    if text and large.get_linesize() <= inner.h:
        if len(message_lines(text, large, inner.w - 2 * cursor_w)) == 1:
            return large
    return message_font(px, inner.h)


def draw_typing(
    renderer: Any, surface: pygame.Surface, state: State, status: Any, layout: Layout
) -> None:
    """The message box and status (the header's place), and the keys."""
    theme = renderer.theme
    box = pygame.Rect(layout.title)
    radius = max(6, round(14 * layout.scale))
    pygame.draw.rect(surface, theme.background, box, border_radius=radius)
    pygame.draw.rect(
        surface,
        theme.tile_border,
        box,
        width=max(2, round(3 * layout.scale)),
        border_radius=radius,
    )
    pad = round(10 * layout.scale)
    inner = box.inflate(-2 * pad, -2 * pad)
    text = state.typing.text
    face = message_face(text, layout.title_px, inner, cursor_width(layout))
    if not text:
        hint = (
            PLACEHOLDER
            if word_model(state).available or predictions(state)
            else (PLACEHOLDER + " (No word predictions today.)")
        )
        small = font(max(14, round(layout.title_px * 0.8)))
        y = inner.y
        for line in wrap(hint, small, inner.w)[: max(1, inner.h // small.get_linesize())]:
            renderer._text(surface, line, small, theme.muted, (inner.x, y))
            y += small.get_linesize()
    else:
        _draw_message(renderer, surface, text, face, inner, layout)
    overlays.draw_status(renderer.theme, surface, status, layout)
    renderer._draw_gaze_pause(surface, status, layout)
    for shown, rect in zip(shown_keys(state), layout.tiles):
        _draw_key(renderer, surface, shown, rect, state, status, layout)


def draw_speak_key(
    renderer: Any, surface: pygame.Surface, state: State, status: Any, layout: Layout
) -> None:
    """The Speak key again, over the message shown large: while the message is said it is
    the Stop key, and must stay in sight for eyes and touch."""
    for shown, rect in zip(shown_keys(state), layout.tiles):
        if shown.key.kind == "speak":
            _draw_key(renderer, surface, shown, rect, state, status, layout)


def _draw_key(
    renderer: Any,
    surface: pygame.Surface,
    shown: ShownKey,
    rect: tuple[int, int, int, int],
    state: State,
    status: Any,
    layout: Layout,
) -> None:
    overlays.tile(
        renderer.theme,
        surface,
        rect,
        shown.target.label,
        None,
        status.dwell.get(shown.target.id, 0.0),
        state.focus == shown.target.id,
        key_layout(layout, shown.target.label),
        bar=shown.key.kind in _CONTROL_KINDS,
    )


def cursor_width(layout: Layout) -> int:
    return max(3, round(5 * layout.scale))


def _draw_message(
    renderer: Any,
    surface: pygame.Surface,
    text: str,
    face: pygame.font.Font,
    inner: pygame.Rect,
    layout: Layout,
) -> None:
    theme = renderer.theme
    cursor_w = cursor_width(layout)
    line_h = face.get_linesize()
    fits = max(1, inner.h // line_h)
    lines = message_lines(text, face, inner.w - 2 * cursor_w)
    note = font(max(14, round(layout.text_px * 0.6)), True)
    if len(lines) > fits:  # leave room for the note in the corner
        room = note.size("99 lines above")[0] + 24
        lines = message_lines(text, face, inner.w - 2 * cursor_w - room)
    above = max(0, len(lines) - fits)
    shown = lines[above:]
    if above:
        # The newest lines stay in view; a note in the corner counts the older ones.
        words = f"{above} line{'s' if above > 1 else ''} above"
        image = note.render(words, True, theme.tile_text)
        spot = image.get_rect(topright=(inner.right, inner.y - 2)).inflate(16, 4)
        pygame.draw.rect(surface, theme.tile, spot, border_radius=8)
        surface.blit(image, image.get_rect(center=spot.center))
    y = inner.y
    end = (inner.x, y)
    for line in shown:
        rect = renderer._text(surface, line, face, theme.text, (inner.x, y))
        end = (rect.right, y)
        y += line_h
    # The cursor: where the next letter goes (a steady bar, never blinking).
    x = end[0] + (face.size(" ")[0] if text.endswith(" ") and end[0] > inner.x else 2)
    pygame.draw.rect(surface, theme.focus, (x, end[1] + 4, cursor_w, line_h - 8))
