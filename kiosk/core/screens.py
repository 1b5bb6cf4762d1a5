"""Screen queries: what the current state shows (tiles, control bar, pages, titles, help).

Pure functions of the State; the view, the devices and the update rules all ask these.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from kiosk.actions import (
    BAR_MORE_TARGET,
    MORE_TARGET,
    NUMBER_WORDS,
    BarId,
    Command,
    Do,
    HelpTile,
    Press,
    Select,
    suggested_phrase,
    tile_target,
)
from kiosk.content import FactSheet, Section
from kiosk.core.state import ScreenKind, State, Target
from kiosk.core.typing_keys import SAID, typing_targets
from kiosk.document import Document, overview_document, section_document
from kiosk.layout import TILES_FOR_LAYOUT, bar_pages, larger_targets

TILES_PER_SCREEN = 6  # in the usual layout; fewer when gaze needs larger targets


def tiles_per_screen(state: State) -> int:
    return TILES_FOR_LAYOUT.get(state.gaze_layout, TILES_PER_SCREEN)


def screen_kind(state: State) -> ScreenKind:
    return "help" if state.help_open else state.place.screen


def current_sheet(state: State) -> FactSheet | None:
    if state.place.sheet is None:
        return None
    return state.library.sheets[state.place.sheet]


def current_section(state: State) -> Section | None:
    sheet = current_sheet(state)
    if sheet is None or not state.place.path:
        return None
    section = sheet.sections[state.place.path[0]]
    for index in state.place.path[1:]:
        section = section.subsections[index]
    return section


@dataclass(frozen=True)
class Entry:
    """One item of a tile list before paging."""

    label: str
    spoken: str
    opens: tuple[str, int]  # ("sheet", i) | ("section", i) | ("overview", 0)


PHRASES_PER_SCREEN = 8  # the Talk board: with Type a message five by two, >= 300x200 px
YES_NO = ("Yes", "No")
NO_SHEETS_TITLE = "No fact sheets could be loaded. Talk and Yes / No still work."
# On the start screen, after the topics: the phrase board and the Yes / No screen.
TALK_TILES = (
    Entry("Talk", "Talk: the kiosk says a phrase for you", ("talk", 0)),
    Entry("Yes / No", "Yes or no", ("yesno", 0)),
)
# On the Talk board, after the phrases: a keyboard to say anything else.
TYPE_TILE = Entry("Type a message", "Type a message: the kiosk says what you type", ("typing", 0))


def entries(state: State) -> list[Entry]:
    place = state.place
    if place.screen == "sheets":
        return [
            Entry(s.short_title or s.title, s.title, ("sheet", i))
            for i, s in enumerate(state.library.sheets)
        ]
    # Talk and Yes / No need no fact sheet: they work with no content at all.
    if place.screen == "talk":
        return [Entry(p.label, p.text, ("phrase", i)) for i, p in enumerate(state.phrases.phrases)]
    if place.screen == "yesno":
        return [Entry(text, text, ("answer", i)) for i, text in enumerate(YES_NO)]
    sheet = current_sheet(state)
    if sheet is None:
        return []
    if place.screen == "home":
        return [
            Entry(s.short_title or s.title, s.title, ("section", i))
            for i, s in enumerate(sheet.sections)
        ]
    if place.screen == "section":
        section = current_section(state)
        assert section is not None
        entries = []
        if section.blocks:
            entries.append(Entry("Overview", f"Overview of {section.title}", ("overview", 0)))
        entries += [
            Entry(s.short_title or s.title, s.title, ("section", i))
            for i, s in enumerate(section.subsections)
        ]
        return entries
    return []


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


def paged_by_bar(state: State) -> bool:
    """Whether a long tile list is paged by the control bar alone (Next, Previous) rather
    than by a "More" tile: with larger targets a page holds only two or four tiles, too few
    to give one of them to "More"."""
    return larger_targets(state.gaze_layout)


def _pages(state: State) -> list[list[Entry | None]]:
    screen = state.place.screen
    per_screen = tiles_per_screen(state)  # fewer, larger tiles for poorer gaze accuracy
    if paged_by_bar(state):
        # Talk and Yes / No are paged with the topics: too few tiles a page to keep them.
        listed = [*entries(state), *TALK_TILES] if screen in ("home", "sheets") else entries(state)
        if screen == "talk":  # the keyboard first: one look away for anything not listed
            listed = [TYPE_TILE, *listed]
        return _tile_pages(listed, per_screen, more_tile=False)
    if screen in ("home", "sheets"):
        return _tile_pages(entries(state), per_screen, TALK_TILES)
    if screen == "talk":
        return _tile_pages(entries(state), PHRASES_PER_SCREEN, (TYPE_TILE,))
    return _tile_pages(entries(state), per_screen)


def tile_page_count(state: State) -> int:
    return len(_pages(state))


def page_entries(state: State) -> list[Entry | None]:
    """The entries on the tile page shown now, in tile-number order (None: "More")."""
    pages = _pages(state)
    return pages[min(state.place.tile_page, len(pages) - 1)]


def content_targets(state: State) -> tuple[Target, ...]:
    """The numbered tiles of the current tile screen (not the control bar)."""
    if screen_kind(state) == "help":
        return _help_targets(state)
    if screen_kind(state) == "typing":
        return typing_targets(state)
    page = page_entries(state)
    targets = []
    for number, entry in enumerate(page, start=1):
        if entry is None:
            targets.append(Target(MORE_TARGET, number, "More", Press(MORE_TARGET), "More topics"))
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


_HELP_TILES = (
    (HelpTile.SLOWER.value, "Slower", Command.SLOWER),
    (HelpTile.FASTER.value, "Faster", Command.FASTER),
    (HelpTile.SOFTER.value, "Softer", Command.SOFTER),
    (HelpTile.LOUDER.value, "Louder", Command.LOUDER),
    (HelpTile.CALIBRATE.value, "Calibrate eyes", Command.CALIBRATE),
    (HelpTile.PRIVACY.value, "Camera and mic off", Command.PRIVACY),
)
HELP_TILE_IDS: tuple[str, ...] = tuple(tid for tid, _, _ in _HELP_TILES)
_PRIVACY_OFF_LABEL = "Camera and mic on"


def help_page_count(state: State) -> int:
    """Help's pages: one in the usual layout (its text above a row of tiles); with larger
    targets its text, then its tiles a grid page at a time."""
    if not larger_targets(state.gaze_layout):
        return 1
    return 1 + math.ceil(len(_HELP_TILES) / tiles_per_screen(state))


def _help_targets(state: State) -> tuple[Target, ...]:
    shown = list(_HELP_TILES)
    if larger_targets(state.gaze_layout):
        page = min(state.help_page, help_page_count(state) - 1)
        per = tiles_per_screen(state)
        shown = shown[(page - 1) * per : page * per] if page > 0 else []
    tiles = []
    for n, (tid, label, cmd) in enumerate(shown, start=1):
        if cmd is Command.PRIVACY and state.privacy:
            label = _PRIVACY_OFF_LABEL
        tiles.append(Target(tid, n, label, Do(cmd), f"{n}. {label}"))
    return tuple(tiles)


def bar_targets(state: State) -> tuple[Target, ...]:
    """The control bar: the same tiles in the same places. With larger targets it shows
    four at a time, the last "More controls", which shows the others in their place."""
    if screen_kind(state) == "typing":
        return ()  # the keyboard has its own Back and Speak keys
    read_label = (
        "Pause"
        if state.reading == "reading"
        else ("Continue" if state.reading == "paused" else "Read")
    )
    help_label = "Close help" if state.help_open else "Help"
    every = {
        t.id: t
        for t in (
            Target(BarId.BACK.value, None, "Back", Do(Command.BACK), "Go back"),
            Target(BarId.HOME.value, None, "Home", Do(Command.HOME), "Home"),
            Target(BarId.READ.value, None, read_label, Do(Command.READ_OR_PAUSE), read_label),
            Target(
                BarId.PREVIOUS.value, None, "Previous", Do(Command.PREVIOUS_PAGE), "Previous page"
            ),
            Target(BarId.NEXT.value, None, "Next", Do(Command.NEXT_PAGE), "Next page"),
            Target(BarId.HELP.value, None, help_label, Do(Command.HELP), help_label),
        )
    }
    pages = bar_pages(state.gaze_layout)
    page = state.bar_page % len(pages)
    others = ", ".join(
        every[i].label for i in pages[(page + 1) % len(pages)] if i != BAR_MORE_TARGET
    )
    every[BAR_MORE_TARGET] = Target(
        BAR_MORE_TARGET, None, "More controls", Press(BAR_MORE_TARGET), f"More controls: {others}"
    )
    return tuple(every[i] for i in pages[page])


def targets(state: State) -> tuple[Target, ...]:
    """Everything selectable now, in focus order: content tiles, then the control bar."""
    return content_targets(state) + bar_targets(state)


def current_document(state: State) -> Document | None:
    if state.place.screen != "reader" or state.place.sheet is None:
        return None
    section = current_section(state)
    assert section is not None
    if state.place.overview:
        document = overview_document(state.place.sheet, state.place.path, section)
    else:
        document = section_document(state.place.sheet, state.place.path, section)
    # As measured for the screen: sentences too tall for a page come in pieces.
    return state.fitted.get(document.key, document)


def page_starts(state: State, document: Document | None = None) -> tuple[int, ...]:
    document = document or current_document(state)
    if document is None:
        return (0,)
    return state.page_starts.get(document.key, (0,))


def page_count(state: State) -> int:
    if state.help_open:
        return help_page_count(state)
    if state.place.screen == "reader":
        return len(page_starts(state))
    return tile_page_count(state)


def page_range(state: State, document: Document, page: int) -> tuple[int, int]:
    starts = page_starts(state, document)
    page = max(0, min(page, len(starts) - 1))
    stop = starts[page + 1] if page + 1 < len(starts) else len(document.sentences)
    return starts[page], stop


def page_of_sentence(starts: tuple[int, ...], index: int) -> int:
    page = 0
    for number, start in enumerate(starts):
        if index >= start:
            page = number
    return page


def screen_title(state: State) -> str:
    kind = screen_kind(state)
    if kind == "help":
        return "Help"
    if kind == "sheets":
        return "Choose a topic" if state.library.sheets else NO_SHEETS_TITLE
    if kind == "talk":
        return state.phrases.title
    if kind == "yesno":
        return "Yes or no"
    if kind == "typing":
        return "Type a message"
    if kind == "home":
        sheet = current_sheet(state)
        return sheet.title if sheet else ""
    section = current_section(state)
    return section.title if section else ""


HELP_TEXT = (
    "Choose a tile: look at it, then at its Choose mark; or say its number or name; or touch it.",
    "The tiles below change the voice, set up the eye tracking, or turn the camera and "
    "microphone off.",
    "One switch (space bar, button, long blink): press, then press on your row and your tile.",
)


# Shown instead of the keys' line while eye control works without calibration.
EDGE_GLANCE_HELP = "Eyes: glance past the right edge to move on, the left to go back, up to choose."


# Instead of "the tiles below" where help's tiles have pages of their own.
LARGER_TARGETS_HELP = (
    "\u201cNext\u201d shows tiles that change the voice, set up the eye tracking, or turn the "
    "camera and microphone off. \u201cMore controls\u201d shows Home, Previous and Help."
)


# The commands help names, in its order; their phrases come from COMMAND_PHRASES, the
# vocabulary's own list.
_TILE_SCREEN_COMMANDS = (Command.READ, Command.NEXT_PAGE, Command.BACK, Command.HOME)
_READER_COMMANDS = (
    Command.READ,
    Command.PAUSE,
    Command.STOP,
    Command.NEXT_PAGE,
    Command.PREVIOUS_PAGE,
    Command.BACK,
    Command.HOME,
)


def _quoted(phrase: str) -> str:
    return f"\u201c{phrase}\u201d"


def _say(command: Command) -> str:
    return _quoted(suggested_phrase(command))


def help_text(state: State) -> tuple[str, ...]:
    """Help for the screen it was opened from: what can be said there (and how the eyes
    choose when they could not be calibrated)."""
    below = replace(state, help_open=False)
    numbers = [t.number for t in content_targets(below) if t.number is not None]
    if below.place.screen == "typing":
        speak, delete, clear = (_quoted(SAID[kind][0]) for kind in ("speak", "delete", "clear"))
        said = (
            f"Here you can say {speak}, {delete} or {clear} ({clear} on the More page), "
            f"or {_say(Command.BACK)}. A keyboard types letters directly."
        )
    elif numbers:
        names = ", ".join(_quoted(t.label.rstrip("?")) for t in content_targets(below)[:2])
        first, last = (_quoted(f"number {NUMBER_WORDS[n]}") for n in (1, max(numbers)))
        commands = ", ".join(_say(c) for c in _TILE_SCREEN_COMMANDS)
        said = (
            f"Here you can say a tile's number ({first} to {last}) or its name "
            f"({names} ...), or {commands}."
        )
    else:
        *most, last_command = (_say(c) for c in _READER_COMMANDS)
        said = f"Here you can say {', '.join(most)} or {last_command}."
    rest = HELP_TEXT[1:]
    if state.gaze_layout == "edges":
        rest = (*HELP_TEXT[1:-1], EDGE_GLANCE_HELP)
    elif larger_targets(state.gaze_layout):
        rest = (LARGER_TARGETS_HELP, *HELP_TEXT[2:])
    return (HELP_TEXT[0], said, *rest)


def help_speech(state: State) -> str:
    return " ".join(help_text(state))
