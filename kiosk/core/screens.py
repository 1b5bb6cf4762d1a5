"""Screen queries: what the current state shows (tiles, control bar, pages, titles, help).

Pure functions of the State; the view, the devices and the update rules all ask these.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kiosk.actions import MORE_TARGET, BarId, Command, Do, Press, Select
from kiosk.content import FactSheet, Section
from kiosk.core.state import ScreenKind, State, Target
from kiosk.document import Document, overview_document, section_document

TILES_PER_SCREEN = 6


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


def entries(state: State) -> list[Entry]:
    place = state.place
    if place.screen == "sheets":
        return [
            Entry(s.short_title or s.title, s.title, ("sheet", i))
            for i, s in enumerate(state.library.sheets)
        ]
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


def _tile_pages(entries: list[Entry]) -> list[list[Entry | None]]:
    """Split entries into screens of at most six tiles; None is the "More" tile."""
    if len(entries) <= TILES_PER_SCREEN:
        return [list(entries)]
    per_page = TILES_PER_SCREEN - 1
    pages: list[list[Entry | None]] = []
    for start in range(0, len(entries), per_page):
        pages.append(list(entries[start : start + per_page]) + [None])
    return pages


def tile_page_count(state: State) -> int:
    return len(_tile_pages(entries(state)))


def content_targets(state: State) -> tuple[Target, ...]:
    """The numbered tiles of the current tile screen (not the control bar)."""
    if screen_kind(state) == "help":
        return _help_targets(state.privacy)
    pages = _tile_pages(entries(state))
    page = pages[min(state.place.tile_page, len(pages) - 1)]
    targets = []
    for number, entry in enumerate(page, start=1):
        if entry is None:
            targets.append(Target(MORE_TARGET, number, "More", Press(MORE_TARGET), "More topics"))
        else:
            targets.append(
                Target(
                    f"tile:{number}",
                    number,
                    entry.label,
                    Select(number),
                    f"{number}. {entry.spoken}",
                )
            )
    return tuple(targets)


_HELP_TILES = (
    ("help:slower", "Slower", Command.SLOWER),
    ("help:faster", "Faster", Command.FASTER),
    ("help:softer", "Softer", Command.SOFTER),
    ("help:louder", "Louder", Command.LOUDER),
    ("help:calibrate", "Calibrate eyes", Command.CALIBRATE),
    ("help:privacy", "Camera and mic off", Command.PRIVACY),
)
HELP_TILE_IDS: tuple[str, ...] = tuple(tid for tid, _, _ in _HELP_TILES)
_PRIVACY_OFF_LABEL = "Camera and mic on"


def _help_targets(privacy: bool) -> tuple[Target, ...]:
    tiles = []
    for n, (tid, label, cmd) in enumerate(_HELP_TILES, start=1):
        if cmd is Command.PRIVACY and privacy:
            label = _PRIVACY_OFF_LABEL
        tiles.append(Target(tid, n, label, Do(cmd), f"{n}. {label}"))
    return tuple(tiles)


def bar_targets(state: State) -> tuple[Target, ...]:
    """The control bar: always the same six tiles in the same place."""
    read_label = (
        "Pause"
        if state.reading == "reading"
        else ("Continue" if state.reading == "paused" else "Read")
    )
    help_label = "Close help" if state.help_open else "Help"
    return (
        Target(BarId.BACK.value, None, "Back", Do(Command.BACK), "Go back"),
        Target(BarId.HOME.value, None, "Home", Do(Command.HOME), "Home"),
        Target(BarId.READ.value, None, read_label, Do(Command.READ_OR_PAUSE), read_label),
        Target(BarId.PREVIOUS.value, None, "Previous", Do(Command.PREVIOUS_PAGE), "Previous page"),
        Target(BarId.NEXT.value, None, "Next", Do(Command.NEXT_PAGE), "Next page"),
        Target(BarId.HELP.value, None, help_label, Do(Command.HELP), help_label),
    )


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
    if state.place.screen == "reader" and not state.help_open:
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
        return "Choose a topic"
    if kind == "home":
        sheet = current_sheet(state)
        return sheet.title if sheet else ""
    section = current_section(state)
    return section.title if section else ""


HELP_TEXT = (
    "Choose a tile by looking at it until it fills, saying its number or name, or touching it.",
    'Say "read", "pause", "stop", "next page", "go back" or "home".',
    "The tiles below change the voice, set up the eye tracking, or turn the camera and "
    "microphone off.",
    "Keys: arrows or Tab move, Enter chooses, R reads, P pauses, S stops, Backspace goes back.",
)


def help_text(state: State) -> tuple[str, ...]:
    """Help for the screen it was opened from: what can be said there."""
    below = replace(state, help_open=False)
    numbers = [t.number for t in content_targets(below) if t.number is not None]
    if numbers:
        names = ", ".join(f"\u201c{t.label.rstrip('?')}\u201d" for t in content_targets(below)[:2])
        said = (
            f"Here you can say a tile's number (\u201cnumber one\u201d to \u201cnumber "
            f"{_NUMBER_WORDS[max(numbers)]}\u201d) or its name ({names} ...), or "
            "\u201cread\u201d, \u201cnext page\u201d, \u201cgo back\u201d, \u201chome\u201d."
        )
    else:
        said = (
            "Here you can say \u201cread\u201d, \u201cpause\u201d, \u201cstop\u201d, "
            "\u201cnext page\u201d, \u201cprevious page\u201d, \u201cgo back\u201d or "
            "\u201chome\u201d."
        )
    return (HELP_TEXT[0], said, *HELP_TEXT[2:])


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six")


def help_speech(state: State) -> str:
    return " ".join(help_text(state))
