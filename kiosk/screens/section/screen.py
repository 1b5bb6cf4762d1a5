"""A section with subsections, as the core sees it: its overview (the section's own text,
if any), then a tile for each subsection."""

from __future__ import annotations

from kiosk.core.place import current_section, section_title
from kiosk.core.screen import tile_screen
from kiosk.core.state import Place, State
from kiosk.core.tiles import Entry, TileList, section_entry
from kiosk.screens.section import words


def section_entries(state: State) -> tuple[Entry, ...]:
    section = current_section(state)
    assert section is not None
    place = state.place
    entries = []
    if section.blocks:
        spoken = words.overview_of(section.title)
        overview = Place("reader", place.sheet, place.path, overview=True)
        entries.append(Entry(words.OVERVIEW, spoken, overview, event=("open section", spoken)))
    entries += [
        section_entry(state, place.path + (i,), s) for i, s in enumerate(section.subsections)
    ]
    return tuple(entries)


SCREEN = tile_screen("section", section_title, TileList(section_entries))
