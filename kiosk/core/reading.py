"""Handlers for reading aloud: read, pause, continue, stop, repeat, speech progress."""

from __future__ import annotations

from dataclasses import replace

import kiosk.core.words as words
from kiosk.actions import Command, Source
from kiosk.core.messages import (
    ReadingFinished,
    SentenceStarted,
    SpeechCommand,
    SpeechControl,
    SpeechFailed,
)
from kiosk.core.place import current_document, page_of_sentence, page_starts
from kiosk.core.screen import Result, ScreenTable
from kiosk.core.state import Place, State
from kiosk.core.transitions import announce, arrive, read_items, stop_reading


def sentence_started(state: State, message: SentenceStarted, screens: ScreenTable) -> Result:
    if message.token != state.reading_token or state.reading == "idle":
        return state, []
    document = current_document(state)
    if document is None:
        return state, []
    page = page_of_sentence(page_starts(state, document), message.index)
    return replace(
        state,
        spoken_index=message.index,
        last_spoken=document.sentences[message.index].text,
        last_read=(document.key, message.index),
        place=replace(state.place, page=page),
    ), []


def reading_finished(state: State, message: ReadingFinished, screens: ScreenTable) -> Result:
    if message.token != state.reading_token or state.reading == "idle":
        return state, []
    return replace(state, reading="idle", spoken_index=None), []


def speech_failed(state: State, message: SpeechFailed, screens: ScreenTable) -> Result:
    return replace(state, reading="idle", spoken_index=None, caption=message.message), []


def _read_section_or_items(state: State, source: Source, screens: ScreenTable) -> Result:
    """Read on a section's tile screen reads the whole section, subsections included."""
    if state.place.screen == "section" and not state.help_open:
        place = Place("reader", state.place.sheet, state.place.path)
        state = arrive(state, place, push=True)
    state, effects = read_items(state, screens, source)
    return state, [*effects]


def read(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    return _read_section_or_items(state, source, screens)


def read_or_pause(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    if state.reading == "reading":
        return pause(state, Command.PAUSE, source, screens)
    if state.reading == "paused":
        return resume(state, Command.RESUME, source, screens)
    return _read_section_or_items(state, source, screens)


def pause(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    if state.reading != "reading":
        return replace(state, caption=words.NOTHING_READ), [SpeechControl(SpeechCommand.PAUSE)]
    return replace(state, reading="paused"), [SpeechControl(SpeechCommand.PAUSE)]


def resume(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    if state.reading == "paused":
        return replace(state, reading="reading"), [SpeechControl(SpeechCommand.RESUME)]
    state, effects = read_items(state, screens, source)
    return state, [*effects]


def stop(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    state, stopped = stop_reading(state)
    return state, [*(stopped or [SpeechControl(SpeechCommand.STOP)])]


def repeat(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    """The sentence being read, or the last one read on this page's section, again; then
    the reading carries on from there. Elsewhere: the last thing said, again."""
    document = current_document(state)
    index = state.spoken_index
    if index is None and document is not None and state.last_read is not None:
        key, last = state.last_read
        index = last if key == document.key else None
    if document is not None and index is not None and not state.help_open:
        state, effects = read_items(state, screens, source, start=index)
        return state, [*effects]
    if not state.last_spoken:
        return replace(state, caption=words.NOTHING_TO_REPEAT), []
    state = replace(state, reading="idle", spoken_index=None)
    state, effects = announce(state, state.last_spoken, remember=False)
    return state, [*effects]
