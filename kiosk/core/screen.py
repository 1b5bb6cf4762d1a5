"""What the core knows of a screen: the interface each folder in kiosk/screens/ fills in,
and the table of them that the core is handed at start-up (kiosk/machine.py).

The core never imports a screen. It asks the table for the screen shown now
(`ScreenTable.of`) and that screen's title, targets, pages and rules. A handler takes the
table as its third argument, and returns the messages that follow from it (`FollowUp`)
instead of calling `update` again: `Dispatch.update` applies them in order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from kiosk.actions import Command, Source
from kiosk.core.control_bar import bar_targets
from kiosk.core.messages import Effect, Message, SpeakItem
from kiosk.core.state import ScreenKind, State, Target
from kiosk.core.tiles import Entry, TileList, page_entries, tile_page_count, tile_targets
from kiosk.layout import Layout, compute_layout
from kiosk.settings import DEFAULTS


@dataclass(frozen=True)
class FollowUp:
    """A message a handler's outcome leads to (a pressed tile's command, the idle reset
    after a long quiet): applied next, its effects taking this one's place."""

    message: Message


Outcome = Effect | FollowUp
Result = tuple[State, list[Outcome]]
Handler = Callable[[State, Any, "ScreenTable"], Result]
CommandHandler = Callable[[State, Command, Source, "ScreenTable"], Result]
LayoutFor = Callable[[State, tuple[int, int], float], Layout]


def _no_targets(state: State) -> tuple[Target, ...]:
    return ()


def _one_page(state: State) -> int:
    return 1


@dataclass(frozen=True)
class Screen:
    """One screen, as the core and the inputs see it (its drawing is the view's part)."""

    name: str
    title: Callable[[State], str]
    # Its own numbered tiles or keys (not the control bar), in focus order.
    targets: Callable[[State], tuple[Target, ...]] = _no_targets
    page_count: Callable[[State], int] = _one_page
    # Which of its pages shows now, from 0 (a tile list's page by default).
    page_shown: Callable[[State], int] = lambda state: state.place.tile_page
    # Message type -> handler, tried before the core's own (kiosk/core/handlers.py).
    rules: Mapping[type[Any], Handler] = field(default_factory=dict)
    # A list of tiles paged by "More" or the control bar (None: not a tile list).
    tiles: TileList | None = None
    control_bar: bool = True
    # Help's sentence on what can be said here (None: help words it from the tiles).
    said_here: Callable[[State], str] | None = None
    # Its own layout (None: kiosk.layout.compute_layout for its tiles and bar).
    layout: LayoutFor | None = None
    # What the shell makes ahead of a request to speak (the reader: its page's first line).
    ahead: Callable[[State], tuple[SpeakItem, ...]] = lambda state: ()
    # Whether the fact sheet's credit line shows here (not under a person's own words).
    credit: bool = True
    # What Read says here when there is nothing to read (None: its title and tiles).
    speech: Callable[[State, ScreenTable], str] | None = None
    # A tile this screen offers on another screen's list, to open it: (that screen's
    # name, the tile or None when it is not offered now). The table adds it at start-up.
    offer: tuple[str, Callable[[State], Entry | None]] | None = None


def tile_screen(name: str, title: Callable[[State], str], tiles: TileList, **more: Any) -> Screen:
    """A screen that is a list of tiles: its targets and pages come from the list."""
    return Screen(
        name,
        title,
        targets=lambda state: tile_targets(state, tiles),
        page_count=lambda state: tile_page_count(state, tiles),
        tiles=tiles,
        **more,
    )


def screen_kind(state: State) -> ScreenKind:
    """The name of the screen shown: a question over everything, help over whatever it
    was opened on."""
    if state.confirming is not None:
        return "confirm"
    return "help" if state.help_open else state.place.screen


def _with_offers(screens: dict[str, Screen]) -> dict[str, Screen]:
    """Each screen's offered tile put on the list it is offered on, after its own fixed
    tiles: a new screen adds its way in without an edit of the screen it is reached from."""
    for screen in list(screens.values()):
        if screen.offer is None:
            continue
        name, tile = screen.offer
        host = screens[name]
        assert host.tiles is not None, f"{screen.name} is offered on {name}, not a tile list"
        tiles = replace(host.tiles, fixed=_and_offered(host.tiles.fixed, tile))
        screens[name] = replace(
            host,
            tiles=tiles,
            targets=partial(tile_targets, tiles=tiles),
            page_count=partial(tile_page_count, tiles=tiles),
        )
    return screens


def _and_offered(
    fixed: Callable[[State], tuple[Entry, ...]], tile: Callable[[State], Entry | None]
) -> Callable[[State], tuple[Entry, ...]]:
    def tiles(state: State) -> tuple[Entry, ...]:
        offered = tile(state)
        return fixed(state) if offered is None else (*fixed(state), offered)

    return tiles


class ScreenTable:
    """The screens by name, and the queries every part asks of the one shown now."""

    def __init__(self, screens: Mapping[str, Screen]) -> None:
        self.screens = _with_offers(dict(screens))

    def of(self, state: State) -> Screen:
        return self.screens[screen_kind(state)]

    def below(self, state: State) -> Screen:
        """The screen help was opened on (the screen itself when help is closed)."""
        return self.screens[state.place.screen]

    def content_targets(self, state: State) -> tuple[Target, ...]:
        return self.of(state).targets(state)

    def bar_targets(self, state: State) -> tuple[Target, ...]:
        return bar_targets(state) if self.of(state).control_bar else ()

    def targets(self, state: State) -> tuple[Target, ...]:
        """Everything selectable now, in focus order: content tiles, then the control bar."""
        return self.content_targets(state) + self.bar_targets(state)

    def title(self, state: State) -> str:
        return self.of(state).title(state)

    def speech(self, state: State) -> str:
        """What the screen says when asked to read it: its title, page and tiles."""
        own = self.of(state).speech
        if own is not None:
            return own(state, self)
        names = ". ".join(t.speech for t in self.content_targets(state))
        pages = self.tile_page_count(state)
        where = f" Page {state.place.tile_page + 1} of {pages}." if pages > 1 else ""
        return f"{self.title(state)}.{where} {names}."

    def page_count(self, state: State) -> int:
        return self.of(state).page_count(state)

    def tile_page_count(self, state: State) -> int:
        """Pages of the tile list below help (1 where the screen is no tile list)."""
        tiles = self.below(state).tiles
        return 1 if tiles is None else tile_page_count(state, tiles)

    def page_entries(self, state: State) -> list[Entry | None]:
        tiles = self.below(state).tiles
        return [] if tiles is None else page_entries(state, tiles)

    def layout(
        self, state: State, size: tuple[int, int], text_scale: float = DEFAULTS.text_scale
    ) -> Layout:
        own = self.of(state).layout
        if own is not None:
            return own(state, size, text_scale)
        return compute_layout(
            size,
            len(self.content_targets(state)),
            text_scale,
            help_screen=state.help_open,
            gaze_layout=state.gaze_layout,
            bar_ids=tuple(t.id for t in self.bar_targets(state)),
        )
