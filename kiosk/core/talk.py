"""The Talk board and the Yes / No screen: the kiosk speaks for a visitor who cannot.

Opening them is ordinary navigation (Back and Home work as everywhere). A chosen phrase
is said at once, at the Talk volume (never below the kiosk's volume), instead of whatever
was being said, and shown large for a few seconds (the caption "Said: ...", drawn across
the screen by the view) for a noisy room or a receptionist across it. Nothing said here is
logged: only a usage count, without the words.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.actions import Source
from kiosk.core.messages import Effect, PlaySound, Sound, Speak, SpeakItem, SpeechKey, SpeechKind
from kiosk.core.registry import Result, record
from kiosk.core.rules import arrive, stop_reading
from kiosk.core.screens import YES_NO, Entry
from kiosk.core.state import SAID, Place, State
from kiosk.core.typing_screen import open_screen as open_typing

OPENS = ("talk", "yesno", "phrase", "answer", "typing")  # the Entry kinds handled here


def choose(state: State, entry: Entry, source: Source) -> Result:
    kind = entry.opens[0]
    if kind == "typing":
        return open_typing(state, source)
    if kind in ("talk", "yesno"):
        state, stop = stop_reading(state)
        place = Place(kind, sheet=state.place.sheet)  # type: ignore[arg-type]
        effects: list[Effect] = [PlaySound(Sound.SELECT), record(f"open {kind}", "", source)]
        return arrive(state, place, push=True), stop + effects
    index = entry.opens[1]
    if kind == "answer":
        return say(state, YES_NO[index], source)
    return say(state, state.phrases.phrases[index].text, source)


def say(state: State, text: str, source: Source) -> Result:
    """Say a phrase for the person, clearly and louder than the reading voice."""
    state, stop = stop_reading(state)
    token = state.reading_token + 1
    volume = max(state.volume, state.talk_volume)
    item = SpeakItem(SpeechKey(token), text, SpeechKind.ANNOUNCE, volume=volume)
    state = replace(state, reading_token=token, last_spoken=text, caption=SAID + text)
    return state, stop + [Speak((item,)), record("say phrase", "", source)]
