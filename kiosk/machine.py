"""The kiosk's rules put together, once, at start-up: the core's handler tables and the
screens' table bound into one `update`, and the queries every part asks of the screen
shown now (its targets, title, pages, layout). The shell, the tools and the tests use
these; the core itself is handed the table (kiosk/core/screen.py) and imports no screen.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.actions import Select
from kiosk.content import Library
from kiosk.core.dispatch import Dispatch
from kiosk.core.handlers import COMMAND_HANDLERS, MESSAGE_HANDLERS
from kiosk.core.place import current_sheet
from kiosk.core.scanning import Highlight, ScanGroup
from kiosk.core.screen import ScreenTable
from kiosk.core.state import Place, State, Target, initial_state
from kiosk.core.switch import scan_groups as _scan_groups
from kiosk.core.switch import scan_highlight as _scan_highlight
from kiosk.layout import Layout
from kiosk.screens.help.words import help_speech as _help_speech
from kiosk.screens.help.words import help_text as _help_text
from kiosk.screens.table import SCREENS
from kiosk.screens.typing.screen import with_word_model
from kiosk.settings import DEFAULTS
from kiosk.view.render import Renderer
from kiosk.view.theme import Theme

SCREEN_TABLE = ScreenTable({name: screen for name, (screen, _) in SCREENS.items()})
DRAWINGS = {name: drawing for name, (_, drawing) in SCREENS.items()}
DISPATCH = Dispatch(SCREEN_TABLE, MESSAGE_HANDLERS, COMMAND_HANDLERS)

update = DISPATCH.update
handled_commands = DISPATCH.handled_commands


def targets(state: State) -> tuple[Target, ...]:
    return SCREEN_TABLE.targets(state)


def content_targets(state: State) -> tuple[Target, ...]:
    return SCREEN_TABLE.content_targets(state)


def bar_targets(state: State) -> tuple[Target, ...]:
    return SCREEN_TABLE.bar_targets(state)


def screen_title(state: State) -> str:
    return SCREEN_TABLE.title(state)


def page_count(state: State) -> int:
    return SCREEN_TABLE.page_count(state)


def tile_page_count(state: State) -> int:
    return SCREEN_TABLE.tile_page_count(state)


def help_text(state: State) -> tuple[str, ...]:
    return _help_text(state, SCREEN_TABLE)


def help_speech(state: State) -> str:
    return _help_speech(state, SCREEN_TABLE)


def scan_groups(state: State) -> tuple[ScanGroup, ...]:
    return _scan_groups(state, SCREEN_TABLE)


def scan_highlight(state: State) -> Highlight | None:
    return _scan_highlight(state, SCREEN_TABLE)


def layout_for(
    state: State, size: tuple[int, int], text_scale: float = DEFAULTS.text_scale
) -> Layout:
    return SCREEN_TABLE.layout(state, size, text_scale)


def renderer(theme: Theme, text_scale: float = DEFAULTS.text_scale) -> Renderer:
    return Renderer(theme, SCREEN_TABLE, DRAWINGS, text_scale)


def demo_state(library: Library, kind: str) -> State:
    """A representative state of a screen kind, built from real content (for CLIs and tests),
    with the typing screen's word model handed in as the shell hands it in."""
    state = with_word_model(initial_state(library))
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
