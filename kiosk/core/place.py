"""What the place points at: the fact sheet, the section, the document read and its pages."""

from __future__ import annotations

from kiosk.content import FactSheet, Section
from kiosk.core.state import State
from kiosk.document import Document, overview_document, section_document


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


def section_title(state: State) -> str:
    section = current_section(state)
    return section.title if section else ""


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
