"""The reader, as the core sees it: a section's text in pages, read aloud from the top of
the page shown (its rules are the core's reading handlers, kiosk/core/reading.py)."""

from __future__ import annotations

from kiosk.core.messages import SpeakItem
from kiosk.core.place import page_starts, section_title
from kiosk.core.screen import Screen
from kiosk.core.state import State
from kiosk.core.transitions import page_items


def first_line(state: State) -> tuple[SpeakItem, ...]:
    """The page's first sentence, made before Read is chosen (a natural voice needs a
    moment to make it)."""
    return page_items(state, state.reading_token + 1)[:1]


SCREEN = Screen(
    "reader",
    section_title,
    page_count=lambda state: len(page_starts(state)),
    page_shown=lambda state: state.place.page,
    ahead=first_line,
)
