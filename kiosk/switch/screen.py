"""The scan rows of a core screen: its targets, placed where the layout draws them.

The core knows what can be chosen (`core.targets`), the layout knows where it is drawn;
scanning needs both. Rows are found on the 1920x1080 design grid: the layout scales every
rectangle per axis, so the rows, and their order, are the same at every window size.
"""

from __future__ import annotations

from kiosk import core
from kiosk.layout import DESIGN_H, DESIGN_W, compute_layout
from kiosk.switch.scanning import ScanGroup, ScanTarget, group_rows


def scan_groups(
    state: core.State, size: tuple[int, int] = (DESIGN_W, DESIGN_H)
) -> tuple[ScanGroup, ...]:
    """Every target of the current screen, in rows, with the rectangles the view draws."""
    targets = core.targets(state)
    layout = compute_layout(
        size, len(core.content_targets(state)), help_screen=core.screen_kind(state) == "help"
    )
    rects = layout.all_targets([t.id for t in targets])
    return group_rows(
        [ScanTarget(t.id, t.speech, rects[t.id], t.action) for t in targets if t.id in rects]
    )
