"""Which gaze layout suits a person's measured accuracy: targets as large as their eyes need.

Pure arithmetic. Each candidate is a set of gaze-selectable rectangles; it suits an accuracy
(mean error in degrees, from validation) when the smallest half-side of its rectangles is at
least SAFETY times that error: a look anywhere in the middle half of a target then lands
inside it (people look at a label, not the exact centre). Finest first, at 1920x1080 on a
24-inch screen at 60 cm:
- "tiles": the kiosk's usual screen (six content tiles, the control bar, pause), 300x200 px
  targets: up to about 1.3 degrees;
- "3x2": six large tiles filling the screen, the controls paged in among them: about 3.4;
- "halves": two halves, paging through the rest: about 6;
- "edges": no calibration needed, glance off the left, right or top edge of the screen.
(Six large tiles rather than 2x2 quarters: as large, more choices per page, and no boundary
down the middle of the screen where people often look.)
A point belongs to the nearest rectangle (as the dwell selector assigns it), so the tiles of
a layout split the whole screen between them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.gaze.calibration import ScreenGeometry
from kiosk.gaze.dwell import Rect, distance_to_rect

SAFETY = 2.0  # half a tile's smaller side over the mean error


@dataclass(frozen=True)
class GazeLayout:
    name: str
    rects: dict[str, Rect]
    max_error_deg: float  # the worst mean accuracy this layout is offered for

    def tile_of(self, point: tuple[float, float]) -> str | None:
        return nearest_rect(point, self.rects)


def nearest_rect(point: tuple[float, float], rects: Mapping[str, Rect]) -> str | None:
    """The id of the rectangle nearest to a point (0 inside it); None when there are none."""
    if not rects:
        return None
    return min(rects, key=lambda k: distance_to_rect(point, rects[k]))


def containing_rect(point: tuple[float, float], rects: Mapping[str, Rect]) -> str | None:
    """The id of the rectangle that contains a point, or None (a gap, or no rectangles)."""
    for key, rect in rects.items():
        if distance_to_rect(point, rect) == 0.0:
            return key
    return None


def grid_rects(size: tuple[int, int], cols: int, rows: int, gap: float = 20.0) -> dict[str, Rect]:
    """A plain grid over the whole screen, cells named "cell:row,col"."""
    w, h = size
    cw, ch = (w - (cols + 1) * gap) / cols, (h - (rows + 1) * gap) / rows
    return {
        f"cell:{r},{c}": (gap + c * (cw + gap), gap + r * (ch + gap), cw, ch)
        for r in range(rows)
        for c in range(cols)
    }


def _usual_rects(size: tuple[int, int]) -> dict[str, Rect]:
    from kiosk.layout import compute_layout

    layout = compute_layout(size, 6)
    rects: dict[str, Rect] = {f"tile:{i + 1}": r for i, r in enumerate(layout.tiles)}
    rects.update(layout.bar)
    rects["gaze:pause"] = layout.gaze_pause
    return {k: tuple(map(float, v)) for k, v in rects.items()}  # type: ignore[misc]


def _limit(rects: Mapping[str, Rect], geometry: ScreenGeometry) -> float:
    half = min(min(r[2], r[3]) for r in rects.values()) / 2
    return geometry.px_to_deg(half) / SAFETY


def candidate_layouts(geometry: ScreenGeometry) -> list[GazeLayout]:
    """The layouts on offer for this screen, finest first."""
    size = geometry.size
    out = []
    for name, rects in (
        ("tiles", _usual_rects(size)),
        ("3x2", grid_rects(size, 3, 2)),
        ("halves", grid_rects(size, 2, 1)),
    ):
        out.append(GazeLayout(name, rects, _limit(rects, geometry)))
    out.append(GazeLayout("edges", {}, math.inf))
    return out


def choose_layout(accuracy_deg: float, geometry: ScreenGeometry) -> GazeLayout:
    """The finest layout whose targets are large enough for this accuracy."""
    for layout in candidate_layouts(geometry):
        if accuracy_deg <= layout.max_error_deg:
            return layout
    return candidate_layouts(geometry)[-1]
