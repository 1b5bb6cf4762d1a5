"""Lists of tiles: what a tile screen lists, and how the list is paged.

A tile screen (kiosk/screens/home, section, talk) gives a `TileList`: its entries, the
tiles that follow them on every page (Talk, Yes / No), and how many fit a page. Pure
functions of the State; the screens and the core's Select ask them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.actions import MORE_TARGET, Press, Select, tile_target
from kiosk.content import Section
from kiosk.core.state import Place, ScreenKind, State, Target
from kiosk.core.words import MORE_TILE, MORE_TILE_SPOKEN
from kiosk.layout import TILES_FOR_LAYOUT, larger_targets

TILES_PER_SCREEN = 6  # in the usual layout; fewer when gaze needs larger targets


@dataclass(frozen=True)
class Entry:
    """One item of a tile list before paging: where choosing it goes, or what it says."""

    label: str
    spoken: str
    opens: Place | None = None  # None: a phrase said for the person (`says`)
    says: str = ""
    event: tuple[str, str] = ("", "")  # the usage record of choosing it: event, detail


def _no_entries(state: State) -> tuple[Entry, ...]:
    return ()


@dataclass(frozen=True)
class TileList:
    entries: Callable[[State], tuple[Entry, ...]]
    # Tiles after the entries on every page (the start screen's Talk and Yes / No).
    fixed: Callable[[State], tuple[Entry, ...]] = _no_entries
    # With larger targets the list is paged by the control bar, the fixed tiles paged with
    # the entries: first (the Talk board's keyboard, one look away) or last.
    fixed_first: bool = False
    per_screen: int | None = None  # tiles a page in the usual layout (None: the layout's)


def tiles_per_screen(state: State) -> int:
    return TILES_FOR_LAYOUT.get(state.gaze_layout, TILES_PER_SCREEN)


def paged_by_bar(state: State) -> bool:
    """Whether a long tile list is paged by the control bar alone (Next, Previous) rather
    than by a "More" tile: with larger targets a page holds only two or four tiles, too few
    to give one of them to "More"."""
    return larger_targets(state.gaze_layout)


def _tile_pages(
    entries: list[Entry],
    per_screen: int = TILES_PER_SCREEN,
    fixed: tuple[Entry, ...] = (),
    more_tile: bool = True,
) -> list[list[Entry | None]]:
    """Split entries into screens of at most `per_screen` tiles; None is the "More" tile.
    `fixed` tiles (Talk, Yes / No) follow on every screen. Without `more_tile` every tile
    holds an entry and the control bar's Next and Previous turn the pages."""
    if len(entries) <= per_screen:
        return [[*entries, *fixed]]
    per_page = per_screen - 1 if more_tile else per_screen
    pages: list[list[Entry | None]] = []
    for start in range(0, len(entries), per_page):
        more: list[Entry | None] = [None] if more_tile else []
        pages.append(list(entries[start : start + per_page]) + more + list(fixed))
    return pages


def _pages(state: State, tiles: TileList) -> list[list[Entry | None]]:
    entries, fixed = list(tiles.entries(state)), tiles.fixed(state)
    per_screen = tiles_per_screen(state)  # fewer, larger tiles for poorer gaze accuracy
    if paged_by_bar(state):
        # Too few tiles a page to keep the fixed ones on each: they are paged with the rest.
        listed = [*fixed, *entries] if tiles.fixed_first else [*entries, *fixed]
        return _tile_pages(listed, per_screen, more_tile=False)
    return _tile_pages(entries, tiles.per_screen or per_screen, fixed)


def tile_page_count(state: State, tiles: TileList) -> int:
    return len(_pages(state, tiles))


def page_entries(state: State, tiles: TileList) -> list[Entry | None]:
    """The entries on the tile page shown now, in tile-number order (None: "More")."""
    pages = _pages(state, tiles)
    return pages[min(state.place.tile_page, len(pages) - 1)]


def tile_targets(state: State, tiles: TileList) -> tuple[Target, ...]:
    """The numbered tiles of the tile page shown now (not the control bar)."""
    targets = []
    for number, entry in enumerate(page_entries(state, tiles), start=1):
        if entry is None:
            more = Target(MORE_TARGET, number, MORE_TILE, Press(MORE_TARGET), MORE_TILE_SPOKEN)
            targets.append(more)
        else:
            targets.append(
                Target(
                    tile_target(number),
                    number,
                    entry.label,
                    Select(number),
                    f"{number}. {entry.spoken}",
                )
            )
    return tuple(targets)


def section_entry(state: State, path: tuple[int, ...], section: Section) -> Entry:
    """A section's tile: it opens the section's own tiles when it has subsections, else
    the reader."""
    screen: ScreenKind = "section" if section.subsections else "reader"
    label = section.short_title or section.title
    opens = Place(screen, state.place.sheet, path)
    return Entry(label, section.title, opens, event=("open section", section.title))
