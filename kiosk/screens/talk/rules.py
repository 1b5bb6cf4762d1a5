"""The Talk board and the Yes / No screen: the kiosk speaks for a visitor who cannot.

Opening them is ordinary navigation (Back and Home work as everywhere). A chosen phrase
is said at once, at the Talk volume (never below the kiosk's volume), instead of whatever
was being said, and shown large for a few seconds (the caption "Said: ...", drawn across
the screen by the view) for a noisy room or a receptionist across it. Nothing said here is
logged: only a usage count, without the words.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.actions import Select, Source
from kiosk.core.messages import Speak, SpeakItem, SpeechKey, SpeechKind
from kiosk.core.navigation import select as select_tile
from kiosk.core.screen import Result, ScreenTable
from kiosk.core.state import State
from kiosk.core.transitions import record, stop_reading
from kiosk.core.words import SAID


def choose(state: State, select: Select, screens: ScreenTable) -> Result:
    """A phrase tile says its phrase; any other tile opens what it opens."""
    entries = screens.page_entries(state)
    index = select.number - 1
    entry = entries[index] if 0 <= index < len(entries) else None
    if entry is None or not entry.says:
        return select_tile(state, select, screens)
    return say(state, entry.says, select.source)


def say(state: State, text: str, source: Source) -> Result:
    """Say a phrase for the person, clearly and louder than the reading voice."""
    state, stop = stop_reading(state)
    token = state.reading_token + 1
    volume = max(state.volume, state.talk_volume)
    item = SpeakItem(SpeechKey(token), text, SpeechKind.ANNOUNCE, volume=volume)
    state = replace(state, reading_token=token, last_spoken=text, caption=SAID + text)
    return state, [*stop, Speak((item,)), record("say phrase", "", source)]
