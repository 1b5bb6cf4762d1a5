"""Small state transitions the handlers share: arrive somewhere, stop or start reading."""

from __future__ import annotations

from dataclasses import replace

from kiosk.actions import Source
from kiosk.core.messages import (
    Effect,
    Speak,
    SpeakItem,
    SpeechCommand,
    SpeechControl,
    SpeechKey,
    SpeechKind,
)
from kiosk.core.registry import record
from kiosk.core.screens import (
    content_targets,
    current_document,
    help_speech,
    page_count,
    page_range,
    screen_title,
    tile_page_count,
)
from kiosk.core.state import Place, State


def arrive(state: State, place: Place, push: bool) -> State:
    history = state.history + (state.place,) if push else state.history
    return replace(state, place=place, history=history, focus=None, help_open=False)


def stop_reading(state: State) -> tuple[State, list[Effect]]:
    if state.reading == "idle" and state.spoken_index is None:
        return state, []
    token = state.reading_token + 1
    return (
        replace(state, reading="idle", spoken_index=None, reading_token=token),
        [SpeechControl(SpeechCommand.STOP)],
    )


def stop_speech(state: State) -> tuple[State, list[Effect]]:
    """Stop a reading, or anything else the kiosk is saying out loud (a typed message, a
    phrase): Home and Back mean the person is done with what is being said."""
    state, stop = stop_reading(state)
    if stop or not state.activity.speaking:
        return state, stop
    return replace(state, reading_token=state.reading_token + 1), [
        SpeechControl(SpeechCommand.STOP)
    ]


def clamp_page(state: State) -> State:
    count = page_count(state) if not state.help_open else 1
    place = state.place
    if place.screen == "reader":
        page = max(0, min(place.page, count - 1))
        return replace(state, place=replace(place, page=page))
    page = max(0, min(place.tile_page, tile_page_count(state) - 1))
    return replace(state, place=replace(place, tile_page=page))


def page_items(state: State, token: int, start: int | None = None) -> tuple[SpeakItem, ...]:
    """What Read says on the reader: its sentences from the top of the page (or from
    `start`) to the end of the section. Empty on other screens."""
    document = current_document(state)
    if document is None or state.help_open:
        return ()
    if start is None:
        start, _ = page_range(state, document, state.place.page)
    start = max(0, min(start, len(document.sentences)))
    return tuple(
        SpeakItem(SpeechKey(token, i), document.sentences[i].text, document.sentences[i].kind)
        for i in range(start, len(document.sentences))
    )


def announce(state: State, text: str, remember: bool = True) -> tuple[State, list[Effect]]:
    """Say a short text (tile name, help, message) instead of whatever is being said."""
    token = state.reading_token + 1
    item = SpeakItem(SpeechKey(token), text, SpeechKind.ANNOUNCE)
    if remember:
        state = replace(state, last_spoken=text)
    return replace(state, reading_token=token), [Speak((item,))]


def screen_speech(state: State) -> str:
    if state.help_open:
        return help_speech(state)
    names = ". ".join(t.speech for t in content_targets(state))
    pages = tile_page_count(state) if state.place.screen != "reader" else 1
    where = f" Page {state.place.tile_page + 1} of {pages}." if pages > 1 else ""
    return f"{screen_title(state)}.{where} {names}."


def read_items(
    state: State, source: Source = Source.SYSTEM, start: int | None = None
) -> tuple[State, list[Effect]]:
    """Start reading: the reader from the top of its page (or from sentence `start`); a
    tile screen reads its tiles."""
    document = current_document(state)
    if document is None or state.help_open:
        state = replace(state, reading="idle", spoken_index=None)
        return announce(state, screen_speech(state))
    token = state.reading_token + 1
    items = page_items(state, token, start)
    state = replace(state, reading="reading", reading_token=token, spoken_index=None)
    return state, [Speak(items), record("read", document.title, source)]
