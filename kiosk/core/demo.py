"""Representative states of each screen kind, built from real content (CLIs and tests)."""

from __future__ import annotations

from dataclasses import replace

from kiosk.actions import Select
from kiosk.content import Library
from kiosk.core.registry import update
from kiosk.core.screens import current_sheet
from kiosk.core.state import Place, State, initial_state


def demo_state(library: Library, kind: str) -> State:
    """A representative state of a screen kind, built from real content (for CLIs and tests)."""
    state = initial_state(library)
    if kind in ("sheets", "home"):
        if kind == "home" and state.place.screen == "sheets":
            state, _ = update(state, Select(1))
        return state
    if state.place.screen == "sheets":
        state, _ = update(state, Select(1))
    sheet = current_sheet(state)
    assert sheet is not None
    with_subs = next((i for i, s in enumerate(sheet.sections) if s.subsections), 0)
    if kind == "section":
        return replace(state, place=Place("section", state.place.sheet, (with_subs,)))
    if kind == "reader":
        return replace(state, place=Place("reader", state.place.sheet, (0,)))
    if kind == "help":
        return replace(state, help_open=True)
    raise ValueError(f"unknown screen kind {kind!r}: use sheets, home, section, reader or help")
