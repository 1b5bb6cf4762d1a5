"""The start screens, as the core sees them: the list of topics (fact sheets) when there
are several, and a fact sheet's sections; after them, Talk and Yes / No."""

from __future__ import annotations

from kiosk.core.place import current_sheet
from kiosk.core.screen import tile_screen
from kiosk.core.state import Place, State
from kiosk.core.tiles import Entry, TileList, section_entry
from kiosk.screens.home import words


def sheet_entries(state: State) -> tuple[Entry, ...]:
    return tuple(
        Entry(
            s.short_title or s.title, s.title, Place("home", sheet=i), event=("open sheet", s.title)
        )
        for i, s in enumerate(state.library.sheets)
    )


def section_entries(state: State) -> tuple[Entry, ...]:
    sheet = current_sheet(state)
    if sheet is None:
        return ()
    return tuple(section_entry(state, (i,), s) for i, s in enumerate(sheet.sections))


def talk_tiles(state: State) -> tuple[Entry, ...]:
    """On the start screen, after the topics: the phrase board and the Yes / No screen."""
    sheet = state.place.sheet
    return (
        Entry(*words.TALK_TILE, opens=Place("talk", sheet=sheet), event=("open talk", "")),
        Entry(*words.YES_NO_TILE, opens=Place("yesno", sheet=sheet), event=("open yesno", "")),
    )


def sheet_title(state: State) -> str:
    sheet = current_sheet(state)
    return sheet.title if sheet else ""


def sheets_title(state: State) -> str:
    return words.SHEETS_TITLE if state.library.sheets else words.NO_SHEETS_TITLE


SHEETS = tile_screen("sheets", sheets_title, TileList(sheet_entries, talk_tiles))
HOME = tile_screen("home", sheet_title, TileList(section_entries, talk_tiles))
