"""The Repeat screen, as the core sees it: the last thing said for the person on one large
tile that says it again (as a Talk phrase is said), offered on the Talk board once
something has been said."""

from __future__ import annotations

from kiosk.actions import Select
from kiosk.core.screen import tile_screen
from kiosk.core.state import Place, State
from kiosk.core.tiles import Entry, TileList
from kiosk.screens.repeat import words
from kiosk.screens.talk.rules import choose

NAME = "repeat"


def last_said(state: State) -> tuple[Entry, ...]:
    text = state.last_spoken
    return (Entry(text, words.say_again(text), says=text),) if text else ()


def offered(state: State) -> Entry | None:
    """Its way in, on the Talk board, once there is something to repeat."""
    if not state.last_spoken:
        return None
    return Entry(*words.TILE, opens=Place(NAME, sheet=state.place.sheet))


SCREEN = tile_screen(
    NAME,
    lambda state: words.TITLE,
    TileList(last_said),
    rules={Select: choose},  # the tile says its words, as a Talk phrase
    offer=("talk", offered),
    credit=False,  # the person's own words are not the fact sheet's
)
