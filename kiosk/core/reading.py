"""Handlers for reading aloud: read, pause, continue, stop, repeat, speech progress."""

from __future__ import annotations

from dataclasses import replace

from kiosk.actions import Command, Source
from kiosk.core.messages import (
    ReadingFinished,
    SentenceStarted,
    SpeechCommand,
    SpeechControl,
    SpeechFailed,
)
from kiosk.core.registry import Result, on_command, on_message
from kiosk.core.rules import announce, arrive, read_items, stop_reading
from kiosk.core.screens import current_document, page_of_sentence, page_starts
from kiosk.core.state import Place, State


@on_message(SentenceStarted)
def _sentence_started(state: State, message: SentenceStarted) -> Result:
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


@on_message(ReadingFinished)
def _reading_finished(state: State, message: ReadingFinished) -> Result:
    if message.token != state.reading_token or state.reading == "idle":
        return state, []
    return replace(state, reading="idle", spoken_index=None), []


@on_message(SpeechFailed)
def _speech_failed(state: State, message: SpeechFailed) -> Result:
    return replace(state, reading="idle", spoken_index=None, caption=message.message), []


def _read_section_or_items(state: State, source: Source) -> Result:
    """Read on a section's tile screen reads the whole section, subsections included."""
    if state.place.screen == "section" and not state.help_open:
        place = Place("reader", state.place.sheet, state.place.path)
        state = arrive(state, place, push=True)
    return read_items(state, source)


@on_command(Command.READ)
def _read(state: State, command: Command, source: Source) -> Result:
    return _read_section_or_items(state, source)


@on_command(Command.READ_OR_PAUSE)
def _read_or_pause(state: State, command: Command, source: Source) -> Result:
    if state.reading == "reading":
        return _pause(state, Command.PAUSE, source)
    if state.reading == "paused":
        return _resume(state, Command.RESUME, source)
    return _read_section_or_items(state, source)


@on_command(Command.PAUSE)
def _pause(state: State, command: Command, source: Source) -> Result:
    if state.reading != "reading":
        return replace(state, caption="Nothing is being read"), [SpeechControl(SpeechCommand.PAUSE)]
    return replace(state, reading="paused"), [SpeechControl(SpeechCommand.PAUSE)]


@on_command(Command.RESUME)
def _resume(state: State, command: Command, source: Source) -> Result:
    if state.reading == "paused":
        return replace(state, reading="reading"), [SpeechControl(SpeechCommand.RESUME)]
    return read_items(state, source)


@on_command(Command.STOP)
def _stop(state: State, command: Command, source: Source) -> Result:
    state, stop = stop_reading(state)
    return state, stop or [SpeechControl(SpeechCommand.STOP)]


@on_command(Command.REPEAT)
def _repeat(state: State, command: Command, source: Source) -> Result:
    """The sentence being read, or the last one read on this page's section, again; then
    the reading carries on from there. Elsewhere: the last thing said, again."""
    document = current_document(state)
    index = state.spoken_index
    if index is None and document is not None and state.last_read is not None:
        key, last = state.last_read
        index = last if key == document.key else None
    if document is not None and index is not None and not state.help_open:
        return read_items(state, source, start=index)
    if not state.last_spoken:
        return replace(state, caption="Nothing to repeat yet"), []
    state = replace(state, reading="idle", spoken_index=None)
    return announce(state, state.last_spoken, remember=False)
