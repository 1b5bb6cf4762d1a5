"""The Talk board (the staff's phrases, then a keyboard for anything else) and the
Yes / No screen, as the core sees them."""

from __future__ import annotations

from kiosk.actions import Select
from kiosk.core.screen import tile_screen
from kiosk.core.state import Place, State
from kiosk.core.tiles import Entry, TileList
from kiosk.screens.talk import words
from kiosk.screens.talk.rules import choose

PHRASES_PER_SCREEN = 8  # with Type a message five by two, >= 300x200 px


def phrase_entries(state: State) -> tuple[Entry, ...]:
    return tuple(Entry(p.label, p.text, says=p.text) for p in state.phrases.phrases)


def type_tile(state: State) -> tuple[Entry, ...]:
    """After the phrases: a keyboard to say anything else."""
    label, spoken = words.TYPE_TILE
    opens = Place("typing", sheet=state.place.sheet)
    return (Entry(label, spoken, opens, event=("open typing", "")),)


def answer_entries(state: State) -> tuple[Entry, ...]:
    return tuple(Entry(text, text, says=text) for text in words.YES_NO)


TALK = tile_screen(
    "talk",
    lambda state: state.phrases.title,
    TileList(phrase_entries, type_tile, fixed_first=True, per_screen=PHRASES_PER_SCREEN),
    rules={Select: choose},
    credit=False,  # the person's own words are not the fact sheet's
)

YES_NO = tile_screen(
    "yesno",
    lambda state: words.YES_NO_TITLE,
    TileList(answer_entries),
    rules={Select: choose},
    credit=False,
)
