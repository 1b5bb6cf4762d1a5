"""Draws the calibration screen from a CalibrationSession (main thread, plain pygame).

A large target glides to each point and shrinks while the eyes settle; one short line of
large text says what to do. Nothing flashes. After validation the accuracy is shown with
two large choices, Repeat and Done, that can be chosen by looking at them.
"""

from __future__ import annotations

from typing import Any

import pygame

from kiosk.actions import CALIBRATION_DONE_TARGET, CALIBRATION_REPEAT_TARGET
from kiosk.core.state import State
from kiosk.gaze.calibration import CalibrationSession
from kiosk.layout import Layout
from kiosk.view.drawing import Drawing
from kiosk.view.status import ViewStatus

_DEFAULTS = {
    "background": (0, 0, 0),
    "text": (255, 255, 255),
    "accent": (255, 214, 0),
    "tile": (30, 30, 30),
    "fill": (0, 120, 215),
}


def _colour(theme_colors: dict[str, tuple[int, int, int]], key: str) -> tuple[int, int, int]:
    red, green, blue = theme_colors.get(key, _DEFAULTS[key])
    return red, green, blue


def draw_calibration(
    surface: pygame.Surface,
    session: CalibrationSession,
    theme_colors: dict[str, tuple[int, int, int]],
    font_path: str | None = None,
    progress: dict[str, float] | None = None,
) -> None:
    """Draw the current calibration state. `progress` = dwell fills of the result choices."""
    w, h = surface.get_size()
    bg, fg = _colour(theme_colors, "background"), _colour(theme_colors, "text")
    accent = _colour(theme_colors, "accent")
    surface.fill(bg)
    size = max(24, round(h * 0.055))
    font = pygame.font.Font(font_path, size)

    def line(text: str, y: int, colour: tuple[int, int, int] = fg) -> None:
        image = font.render(text, True, colour)
        surface.blit(image, image.get_rect(midtop=(w // 2, y)))

    target = session.target()
    if target is not None:
        x, y, r = target
        # Keep the text out of the target's way: bottom when the dot is high, top otherwise.
        text_y = round(h * 0.8) if y < h * 0.5 else round(h * 0.12)
        line(session.instruction, text_y)
        done, total = session.progress
        # The count is text to read too: at least 40 px at 1080 lines, like body text.
        small = pygame.font.Font(font_path, max(18, round(h * 0.04)))
        step = small.render(f"{min(done + 1, total)} of {total}", True, fg)
        surface.blit(step, step.get_rect(midtop=(w // 2, text_y + size + 8)))
        _draw_dot(surface, (x, y, r), (bg, fg, accent), ring=session.reasking)
        return

    for i, text in enumerate(_wrap(session.instruction, font, w * 0.85)):
        line(text, round(h * 0.2) + i * (size + 12))
    if session.stage != "result":
        return
    fills = progress or {}
    labels = {CALIBRATION_REPEAT_TARGET: "Repeat", CALIBRATION_DONE_TARGET: "Done"}
    tile_bg, fill = _colour(theme_colors, "tile"), _colour(theme_colors, "fill")
    for target_id, (x, y, bw, bh) in session.result_targets().items():
        rect = pygame.Rect(x, y, bw, bh)
        pygame.draw.rect(surface, tile_bg, rect, border_radius=16)
        pygame.draw.rect(surface, fg, rect, width=4, border_radius=16)
        image = font.render(labels[target_id], True, fg)
        surface.blit(image, image.get_rect(center=rect.center))
        amount = max(0.0, min(1.0, fills.get(target_id, 0.0)))
        if amount > 0:
            # Dwell progress as on the kiosk's tiles: a bar filling along the bottom edge and
            # a bright border, so the label keeps its full contrast while the fill grows.
            bar_h = max(8, round(h * 0.024))
            pygame.draw.rect(
                surface,
                fill,
                pygame.Rect(x + 16, y + bh - bar_h - 8, round((bw - 32) * amount), bar_h),
                border_radius=bar_h // 2,
            )
            pygame.draw.rect(surface, fill, rect, width=8, border_radius=16)


def _draw_dot(
    surface: pygame.Surface,
    target: tuple[float, float, float],
    colours: tuple[tuple[int, int, int], ...],
    ring: bool,
) -> None:
    """The point to look at; a point asked again gets a steady ring ("this one once more")."""
    x, y, r = target
    bg, fg, accent = colours
    centre = (round(x), round(y))
    pygame.draw.circle(surface, accent, centre, max(4, round(r)))
    pygame.draw.circle(surface, bg, centre, max(2, round(r * 0.35)))
    pygame.draw.circle(surface, fg, centre, max(2, round(r * 0.12)))
    if ring:
        pygame.draw.circle(surface, fg, centre, max(8, round(r * 1.7)), width=4)


def _wrap(text: str, font: pygame.font.Font, width: float) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and font.size(trial)[0] > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + ([current] if current else [])


def draw_calibration_screen(
    renderer: Any, surface: pygame.Surface, state: State, status: ViewStatus, layout: Layout
) -> None:
    """The whole window while eye control calibrates, in the kiosk's theme."""
    from kiosk.view.fonts import BOLD

    theme = renderer.theme
    colors = {
        "background": theme.background,
        "text": theme.text,
        "accent": theme.focus,
        "tile": theme.tile,
        "fill": theme.dwell,
    }
    draw_calibration(surface, status.calibration, colors, str(BOLD), progress=dict(status.dwell))


DRAWING = Drawing(draw_calibration_screen, full_screen=True)
