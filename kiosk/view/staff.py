"""The staff screen: device status, version, content, recent problems, and staff buttons.

Reached with Ctrl+Shift+E (and the staff PIN when one is set). Buttons work by mouse
and by the number keys shown on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from kiosk.core.messages import StaffButton
from kiosk.view.fonts import font, wrap
from kiosk.view.theme import Theme

# The buttons' ids are the StaffButton values (one home, in kiosk/core/messages.py).
STAFF_BUTTONS: tuple[tuple[str, str], ...] = (
    (StaffButton.RECALIBRATE.value, "1  Recalibrate eyes"),
    (StaffButton.RELOAD.value, "2  Reload content"),
    (StaffButton.TEST_SPEECH.value, "3  Test speech"),
    (StaffButton.CLOSE.value, "4  Close this screen"),
    (StaffButton.EXPORT_USAGE.value, "5  Export usage counts"),
    (StaffButton.EXIT.value, "6  Exit the kiosk"),
    (StaffButton.HEADPHONES.value, "7  Headphones only on/off"),
)


@dataclass
class StaffView:
    """What the staff screen shows; the app fills it in."""

    lines: list[str] = field(default_factory=list)  # status, one line each
    problems: list[str] = field(default_factory=list)  # recent errors, newest first
    pin_needed: bool = False
    pin_typed: str = ""
    pin_message: str = ""
    pin_locked: bool = False  # no PIN can open it now (none set, or unusable): message says why
    message: str = ""  # what the last button did, e.g. where the usage counts were saved


def button_rects(size: tuple[int, int]) -> dict[str, pygame.Rect]:
    width, height = size
    scale = min(width / 1920, height / 1080)
    gap = round(20 * scale)
    count = len(STAFF_BUTTONS)
    button_w = min(round(290 * scale), (width - 2 * gap - (count - 1) * gap) // count)
    button_h = round(120 * scale)
    total = len(STAFF_BUTTONS) * button_w + (len(STAFF_BUTTONS) - 1) * gap
    x0 = (width - total) // 2
    y = height - button_h - round(30 * scale)
    return {
        name: pygame.Rect(x0 + i * (button_w + gap), y, button_w, button_h)
        for i, (name, _) in enumerate(STAFF_BUTTONS)
    }


def draw_staff(surface: pygame.Surface, theme: Theme, view: StaffView) -> None:
    width, height = surface.get_size()
    scale = min(width / 1920, height / 1080)
    surface.fill(theme.background)
    head = font(max(18, round(52 * scale)), True)
    body = font(max(14, round(32 * scale)))
    margin = round(40 * scale)
    surface.blit(head.render("Staff screen", True, theme.text), (margin, margin))
    y = margin + head.get_linesize() + round(10 * scale)
    if view.pin_needed:
        prompt = "" if view.pin_locked else "Type the staff PIN, then press Enter."
        for text in (prompt, view.pin_message, "*" * len(view.pin_typed)):
            for part in wrap(text, body, width - 2 * margin) if text else [""]:
                surface.blit(body.render(part, True, theme.text), (margin, y))
                y += body.get_linesize()
        return
    limit = button_rects((width, height))["close"].top - round(20 * scale)
    sections = [("Status", view.lines), ("Recent problems", view.problems[:8] or ["None."])]
    if view.message:
        sections.insert(0, ("Done", [view.message]))
    for title, lines in sections:
        surface.blit(
            font(max(16, round(38 * scale)), True).render(title, True, theme.text), (margin, y)
        )
        y += round(50 * scale)
        for line in lines:
            for part in wrap(line, body, width - 2 * margin):
                if y + body.get_linesize() > limit:
                    break
                surface.blit(body.render(part, True, theme.text), (margin, y))
                y += body.get_linesize()
        y += round(16 * scale)
    label_font = font(max(14, round(30 * scale)), True)
    labels = dict(STAFF_BUTTONS)
    for name, rect in button_rects((width, height)).items():
        pygame.draw.rect(surface, theme.bar_tile, rect, border_radius=12)
        pygame.draw.rect(surface, theme.tile_border, rect, width=3, border_radius=12)
        parts = wrap(labels[name], label_font, rect.w - 20)[:2]
        top = rect.centery - len(parts) * label_font.get_linesize() // 2
        for i, part in enumerate(parts):
            image = label_font.render(part, True, theme.tile_text)
            surface.blit(
                image, image.get_rect(midtop=(rect.centerx, top + i * label_font.get_linesize()))
            )
