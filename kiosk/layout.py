"""Screen geometry: where every tile, the bar and the text go, for any window size.

Pure arithmetic, no pygame: the view draws these rectangles, touch and gaze hit-test
against them, so every input sees the same targets. Designed on a 1920x1080 grid and
scaled per axis; type scales with the smaller axis so it never overflows.

At 1920x1080 every gaze-selectable rectangle is at least 300x200 px with 16 px or
more between them (webcam gaze is off by 3-5 degrees; 300 px is about 8 degrees), and
larger in both directions in the layouts for poorer gaze accuracy:

    layout   content tiles   controls and eye pause
    tiles    616x264 (6)     301x200 (6), eye pause 320x200 in the header's corner
    large    936x266 (4)     364-365x264 (5 in the bottom row)
    halves   936x448 (2)     364-365x364 (5 in the bottom row)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, get_args

from kiosk.actions import BAR_IDS, BAR_MORE_TARGET, BarId
from kiosk.settings import DEFAULTS

# The screen's rectangles, x, y, width, height: Rect in whole pixels (text wraps to an
# int width); FloatRect where gaze points land (floats, and targets placed in between).
Rect = tuple[int, int, int, int]
FloatRect = tuple[float, float, float, float]


def float_rects(rects: Mapping[str, FloatRect]) -> dict[str, FloatRect]:
    """Targets as float rectangles (the screen gives ints; gaze points are floats)."""
    return {k: (float(v[0]), float(v[1]), float(v[2]), float(v[3])) for k, v in rects.items()}


DESIGN_W, DESIGN_H = 1920, 1080
DESIGN_SIZE = (DESIGN_W, DESIGN_H)  # the design grid every layout scales from
MARGIN = 16
GAP = 20
HEADER_H = 216
BAR_H = 200
FEEDBACK_H = 64  # under the body: 8 px, the 52 px strip (captions, notices, credit), 4 px
BODY_TEXT_PX = 44  # at 1920x1080 and text_scale 1 (>= 40 px, EN 301 549 on a 24-inch screen)

# Gaze layouts, chosen from the person's measured accuracy (kiosk.gaze.layouts): the usual
# screen; "large": four content tiles a page and taller controls; "halves": two content
# tiles a page and taller controls still. Fewer, larger targets when the eyes are tracked
# less precisely, never a row of small tiles along the edge. "edges": eye control without
# calibration (glances past the screen's edges move the focus): the usual screen.
GazeLayoutName = Literal["tiles", "large", "halves", "edges"]
GAZE_LAYOUTS: tuple[GazeLayoutName, ...] = get_args(GazeLayoutName)
_BY_NAME: dict[str | None, GazeLayoutName] = {name: name for name in GAZE_LAYOUTS}


def gaze_layout_named(name: str | None) -> GazeLayoutName:
    """The layout of this name; the usual "tiles" for None or a name it does not know."""
    return _BY_NAME.get(name, "tiles")


LARGER_LAYOUTS = ("large", "halves")  # the others show six controls, the eye pause in a corner
TILES_FOR_LAYOUT = {"tiles": 6, "large": 4, "halves": 2, "edges": 6}
# The control bar's pages. With larger targets the bar shows four controls at a time, the
# last one "More controls", which shows the other page in the same places: every control
# stays one or two looks away. The eye pause takes a fifth place of the same size.
_LARGE_BAR_PAGES = (
    (BarId.BACK.value, BarId.READ.value, BarId.NEXT.value, BAR_MORE_TARGET),
    (BarId.HOME.value, BarId.PREVIOUS.value, BarId.HELP.value, BAR_MORE_TARGET),
)
BAR_PAGES_FOR_LAYOUT: dict[str, tuple[tuple[str, ...], ...]] = {
    "tiles": (BAR_IDS,),
    "edges": (BAR_IDS,),
    "large": _LARGE_BAR_PAGES,
    "halves": _LARGE_BAR_PAGES,
}
# The larger layouts share the height between the content tiles and the bar so that every
# target is at least as large as the usual layout's in both directions. Their header holds
# only the title, the page line and the status (the eye pause is in the bar): 160 px, room
# for a line of title even at text_scale 2. "large": 2 x 266 px tiles over a 264 px bar;
# "halves": the bar as tall as its controls are wide (364 px; taller would not make the
# smallest side larger), the tiles the rest (448 px).
BAR_H_FOR_LAYOUT = {"tiles": BAR_H, "large": 264, "halves": 364, "edges": BAR_H}
HEADER_H_LARGER = 160


def bar_pages(gaze_layout: GazeLayoutName) -> tuple[tuple[str, ...], ...]:
    return BAR_PAGES_FOR_LAYOUT.get(gaze_layout, (BAR_IDS,))


def larger_targets(gaze_layout: GazeLayoutName) -> bool:
    """Whether this layout has fewer, larger targets: its bar is paged, and the eye pause
    target sits in the bar row as large as the controls (elsewhere it has the header's
    corner, 320x200 px like the usual controls)."""
    return gaze_layout in LARGER_LAYOUTS


@dataclass(frozen=True)
class Layout:
    size: tuple[int, int]
    scale: float  # type scale (smaller of the two axes)
    header: Rect
    title: Rect
    status: Rect
    gaze_pause: Rect
    body: Rect
    feedback: Rect
    bar: dict[str, Rect]  # the control bar's tiles shown now, by id
    tiles: tuple[Rect, ...]  # content tiles in number order
    help_text: Rect
    text_px: int  # body text size in px
    title_px: int
    tile_px: int  # tile label size
    number_px: int  # tile number size

    def all_targets(self, target_ids: list[str]) -> dict[str, Rect]:
        """Rectangles for the given target ids (content tiles by order, then bar ids)."""
        rects: dict[str, Rect] = {}
        tile_ids = [t for t in target_ids if t not in self.bar]
        for target_id, rect in zip(tile_ids, self.tiles):
            rects[target_id] = rect
        for target_id in target_ids:
            if target_id in self.bar:
                rects[target_id] = self.bar[target_id]
        return rects


def _grid(count: int) -> tuple[int, int]:
    """Columns and rows for a number of tiles (at most nine: the start screen's six topics
    with Talk and Yes / No; the Talk board's eight phrases and Type a message, five by two)."""
    return {0: (1, 1), 1: (1, 1), 2: (2, 1), 3: (3, 1), 4: (2, 2), 7: (4, 2), 8: (4, 2)}.get(
        count, (5, 2) if count == 9 else (3, 2)
    )


@dataclass(frozen=True)
class _Scale:
    """Design-grid (1920x1080) rectangles scaled to the window, each axis on its own."""

    sx: float
    sy: float

    def r(self, x: float, y: float, w: float, h: float) -> Rect:
        return (round(x * self.sx), round(y * self.sy), round(w * self.sx), round(h * self.sy))

    def edges(self, x: float, y: float, w: float, h: float) -> Rect:
        """As r(), rounding the edges rather than the size: rectangles 16 design px apart
        are exactly 16 px apart at 1920x1080, never 15."""
        left, top = round(x * self.sx), round(y * self.sy)
        return (left, top, round((x + w) * self.sx) - left, round((y + h) * self.sy) - top)


def _bar(
    g: _Scale, gaze_layout: GazeLayoutName, bar_ids: tuple[str, ...] | None
) -> tuple[dict[str, Rect], list[Rect], float]:
    """The control bar's targets shown, every slot of the bar, and the bar's top."""
    pages = bar_pages(gaze_layout)
    larger = larger_targets(gaze_layout)
    bar_h = BAR_H_FOR_LAYOUT.get(gaze_layout, BAR_H)
    bar_y = DESIGN_H - MARGIN - bar_h
    slots = len(pages[0]) + (1 if larger else 0)
    # Larger targets: the least gap the targets need (16 px), so the targets get the rest.
    spacing = MARGIN
    place = g.edges if larger else g.r
    bar_w = (DESIGN_W - 2 * MARGIN - (slots - 1) * spacing) / slots
    places = [place(MARGIN + i * (bar_w + spacing), bar_y, bar_w, bar_h) for i in range(slots)]
    place_of = {bid: i for page in pages for i, bid in enumerate(page)}
    shown = pages[0] if bar_ids is None else bar_ids
    return {bid: places[place_of[bid]] for bid in shown if bid in place_of}, places, bar_y


def _tiles(
    g: _Scale, tile_count: int, help_screen: bool, larger: bool, body_y: float, body_h: float
) -> tuple[Rect, tuple[Rect, ...]]:
    """The help text's box and the tiles."""
    help_text = g.r(MARGIN * 2, body_y, DESIGN_W - 4 * MARGIN, 0)
    if help_screen and larger and tile_count == 0:
        # Larger targets leave no room for the help text above a row of tiles: the text
        # has a page of its own, and the tiles follow on pages of the usual grid.
        return g.r(MARGIN * 2, body_y, DESIGN_W - 4 * MARGIN, body_h), ()
    if help_screen and not larger:
        # One row of tiles under a few lines of help text.
        row_h = 200
        text_h = body_h - row_h - GAP
        help_text = g.r(MARGIN * 2, body_y, DESIGN_W - 4 * MARGIN, text_h)
        row_y = body_y + text_h + GAP
        tile_w = (DESIGN_W - 2 * MARGIN - 5 * MARGIN) / 6
        return help_text, tuple(
            g.r(MARGIN + i * (tile_w + MARGIN), row_y, tile_w, row_h)
            for i in range(min(tile_count, 6))
        )
    gap = MARGIN if larger else GAP
    place = g.edges if larger else g.r
    cols, rows = _grid(tile_count)
    tile_w = (DESIGN_W - 2 * MARGIN - (cols - 1) * gap) / cols
    tile_h = (body_h - (rows - 1) * gap) / rows
    tiles = tuple(
        place(MARGIN + c * (tile_w + gap), body_y + row * (tile_h + gap), tile_w, tile_h)
        for row in range(rows)
        for c in range(cols)
    )[:tile_count]
    return help_text, tiles


def compute_layout(
    size: tuple[int, int],
    tile_count: int,
    text_scale: float = DEFAULTS.text_scale,
    help_screen: bool = False,
    gaze_layout: GazeLayoutName = "tiles",
    bar_ids: tuple[str, ...] | None = None,
) -> Layout:
    """Where everything goes. `bar_ids`: the control bar's page shown (its first page by
    default); on the help screen of a larger-target layout, no tiles means its text page."""
    width, height = size
    g = _Scale(width / DESIGN_W, height / DESIGN_H)
    scale = min(g.sx, g.sy)
    larger = larger_targets(gaze_layout)
    header_h = HEADER_H_LARGER if larger else HEADER_H
    bar, places, bar_y = _bar(g, gaze_layout, bar_ids)

    pause_w = 320
    corner = g.r(DESIGN_W - MARGIN - pause_w, MARGIN, pause_w, HEADER_H - MARGIN)
    status_w = 420
    status_x = DESIGN_W - MARGIN - status_w - (0 if larger else pause_w + GAP)

    body_y = header_h + MARGIN
    # The strip's 4 px below and a gap: 20 px (usual), 12 px (larger: 16 px to the bar).
    below = FEEDBACK_H + (MARGIN - 4 if larger else GAP)
    body_h = bar_y - below - body_y
    help_text, tiles = _tiles(g, tile_count, help_screen, larger, body_y, body_h)
    return Layout(
        size=size,
        scale=scale,
        header=g.r(0, 0, DESIGN_W, header_h),
        title=g.r(MARGIN * 2, MARGIN, status_x - GAP - 2 * MARGIN - MARGIN, header_h - MARGIN),
        status=g.r(status_x, MARGIN, status_w, header_h - MARGIN),
        gaze_pause=places[-1] if larger else corner,
        body=g.r(MARGIN * 2, body_y, DESIGN_W - 4 * MARGIN, body_h),
        feedback=g.r(MARGIN, body_y + body_h + 8, DESIGN_W - 2 * MARGIN, FEEDBACK_H - 12),
        bar=bar,
        tiles=tiles,
        help_text=help_text,
        text_px=max(14, round(BODY_TEXT_PX * scale * text_scale)),
        title_px=max(16, round(52 * scale)),
        tile_px=max(16, round(50 * scale * min(text_scale, 1.3))),
        number_px=max(18, round(72 * scale)),
    )


def hit_test(rects: dict[str, Rect], point: tuple[float, float]) -> str | None:
    """The target under a touch or click, if any."""
    px, py = point
    for target_id, (x, y, w, h) in rects.items():
        if x <= px < x + w and y <= py < y + h:
            return target_id
    return None
