"""Which gaze layout suits a person's measured accuracy: targets as large as their eyes need.

Pure arithmetic. The candidates are the kiosk's own screen layouts (kiosk.layout, by
`gaze_layout`), finest first; a layout suits an accuracy (mean error in degrees, from
validation) when the smallest half-side of its content tiles and controls is at least
SAFETY times that error. SAFETY 1.3 is what the dwell benchmark supports: 98 % correct
selections of 300x200 px tiles (half-side 2.6 degrees) with 2 degrees of error. At
1920x1080 on a 24-inch screen at 60 cm:
- "tiles": the usual screen (six content tiles, six 300x200 controls, the 320x200 eye
  pause target in the header's corner): up to 2.0 degrees;
- "large": four 936x266 content tiles a page; a bar of four 365x264 controls (the fourth,
  "More controls", shows the other three) and the eye pause target beside them: up to 2.7
  (the bar's height binds);
- "halves": two 936x448 content tiles a page, the same bar 364 px tall: up to 3.7 (the
  controls' width binds);
- "edges": beyond that, or without calibration: glances off the screen's edges move and
  use the focus (kiosk.gaze.edges).
Every target counts, the eye pause (and one-look recentre) target too.
A point belongs to the nearest rectangle (as the dwell selector assigns it), so the tiles of
a layout split the whole screen between them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.actions import tile_target
from kiosk.gaze.calibration import ScreenGeometry
from kiosk.gaze.dwell import PAUSE_TARGET, distance_to_rect
from kiosk.layout import FloatRect, float_rects

SAFETY = 1.3  # half a tile's smaller side over the mean error


@dataclass(frozen=True)
class GazeLayout:
    name: str
    rects: dict[str, FloatRect]
    max_error_deg: float  # the worst mean accuracy this layout is offered for

    def tile_of(self, point: tuple[float, float]) -> str | None:
        return nearest_rect(point, self.rects)


def nearest_rect(point: tuple[float, float], rects: Mapping[str, FloatRect]) -> str | None:
    """The id of the rectangle nearest to a point (0 inside it); None when there are none."""
    if not rects:
        return None
    return min(rects, key=lambda k: distance_to_rect(point, rects[k]))


def containing_rect(point: tuple[float, float], rects: Mapping[str, FloatRect]) -> str | None:
    """The id of the rectangle that contains a point, or None (a gap, or no rectangles)."""
    for key, rect in rects.items():
        if distance_to_rect(point, rect) == 0.0:
            return key
    return None


def grid_rects(
    size: tuple[int, int], cols: int, rows: int, gap: float = 20.0
) -> dict[str, FloatRect]:
    """A plain grid over the whole screen, cells named "cell:row,col"."""
    w, h = size
    cw, ch = (w - (cols + 1) * gap) / cols, (h - (rows + 1) * gap) / rows
    return {
        f"cell:{r},{c}": (gap + c * (cw + gap), gap + r * (ch + gap), cw, ch)
        for r in range(rows)
        for c in range(cols)
    }


def kiosk_rects(size: tuple[int, int], gaze_layout: str) -> dict[str, FloatRect]:
    """The kiosk's gaze targets on a tile screen in this layout: content tiles, the bar's
    first page and the pause target."""
    from kiosk.layout import TILES_FOR_LAYOUT, compute_layout, gaze_layout_named

    name = gaze_layout_named(gaze_layout)
    layout = compute_layout(size, TILES_FOR_LAYOUT[name], gaze_layout=name)
    rects: dict[str, FloatRect] = {tile_target(i + 1): r for i, r in enumerate(layout.tiles)}
    rects.update(layout.bar)
    rects[PAUSE_TARGET] = layout.gaze_pause
    return float_rects(rects)


def _limit(rects: Mapping[str, FloatRect], geometry: ScreenGeometry) -> float:
    half = min(min(r[2], r[3]) for r in rects.values()) / 2
    return geometry.px_to_deg(half) / SAFETY


def candidate_layouts(geometry: ScreenGeometry) -> list[GazeLayout]:
    """The layouts on offer for this screen, finest first."""
    out = []
    for name in ("tiles", "large", "halves"):  # "edges" has no tiles to size
        rects = kiosk_rects(geometry.size, name)
        out.append(GazeLayout(name, rects, _limit(rects, geometry)))
    out.append(GazeLayout("edges", {}, math.inf))
    return out


def choose_layout(accuracy_deg: float, geometry: ScreenGeometry) -> GazeLayout:
    """The finest layout whose targets are large enough for this accuracy."""
    for layout in candidate_layouts(geometry):
        if accuracy_deg <= layout.max_error_deg:
            return layout
    return candidate_layouts(geometry)[-1]
