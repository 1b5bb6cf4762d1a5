"""Where the typing screen's message and keys go: a grid of equal keys under the message.

On the 1920x1080 design grid, with 16 px between keys:

    layout   keys          grid    message box
    tiles    301x200 px    6 x 4   1440x136 (two lines of 52 px type)
    large    365x264 px    5 x 3   1436x160
    halves   365x404 px    5 x 2   1436x160

so no key is smaller than the layout's own targets (kiosk.layout: >= 300x200 in the usual
layout, >= 364x264 "large", >= 364x364 "halves"). The feedback strip (captions, notices)
stays under the keys; the eye pause takes the grid's last slot.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.layout import DESIGN_H, DESIGN_W, FEEDBACK_H, MARGIN, Rect
from kiosk.screens.typing.keys import Plan
from kiosk.settings import DEFAULTS

KEY_H = {4: 200, 3: 264, 2: 404}  # by rows
STATUS_W = 420
MESSAGE_PX = 52  # the message's type at 1920x1080 (body text is 44)


@dataclass(frozen=True)
class TypingGeometry:
    message: Rect  # the message box
    status: Rect  # voice and camera status, top right
    slots: tuple[Rect, ...]  # the grid, in reading order
    feedback: Rect
    message_px: int


def typing_geometry(
    size: tuple[int, int], plan: Plan, text_scale: float = DEFAULTS.text_scale
) -> TypingGeometry:
    width, height = size
    sx, sy = width / DESIGN_W, height / DESIGN_H

    def place(x: float, y: float, w: float, h: float) -> Rect:
        left, top = round(x * sx), round(y * sy)
        return (left, top, round((x + w) * sx) - left, round((y + h) * sy) - top)

    key_h = KEY_H.get(plan.rows, 200)
    grid_h = plan.rows * key_h + (plan.rows - 1) * MARGIN
    strip = FEEDBACK_H  # 8 px, the 52 px strip, 4 px
    grid_y = DESIGN_H - strip - grid_h
    message_h = grid_y - 2 * MARGIN
    key_w = (DESIGN_W - 2 * MARGIN - (plan.columns - 1) * MARGIN) / plan.columns
    slots = tuple(
        place(MARGIN + c * (key_w + MARGIN), grid_y + r * (key_h + MARGIN), key_w, key_h)
        for r in range(plan.rows)
        for c in range(plan.columns)
    )
    status_x = DESIGN_W - MARGIN - STATUS_W
    message = place(MARGIN, MARGIN, status_x - 2 * MARGIN, message_h)
    status = place(status_x, MARGIN, STATUS_W, message_h)
    feedback = place(MARGIN, DESIGN_H - strip + 8, DESIGN_W - 2 * MARGIN, strip - 12)
    scale = min(sx, sy)
    px = max(16, round(MESSAGE_PX * scale * min(text_scale, 1.3)))
    return TypingGeometry(message, status, slots, feedback, px)
