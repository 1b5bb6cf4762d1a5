"""Targets sized to the person's gaze accuracy: the layout eye control asks for."""

from __future__ import annotations

from dataclasses import replace

from kiosk.core.messages import GazeLayoutChosen
from kiosk.core.registry import Result, on_message
from kiosk.core.state import State
from kiosk.layout import gaze_layout_named


@on_message(GazeLayoutChosen)
def _gaze_layout(state: State, message: GazeLayoutChosen) -> Result:
    layout = gaze_layout_named(message.layout)
    if layout == state.gaze_layout:
        return state, []
    # Tiles are paged differently now: start the list from its first page.
    place = replace(state.place, tile_page=0)
    return replace(state, gaze_layout=layout, place=place, focus=None, bar_page=0, help_page=0), []
