"""The typing screen's rules: a key pressed by any input changes the message or the page.

Opened from the Talk board's "Type a message" tile (ordinary navigation: Back and Home
work as everywhere). The message is kept when the person leaves the screen and cleared
at the idle reset (a new session starts with an empty one). Speak says it at the Talk
volume, as the phrases are; like them it is never logged or stored: only counted.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.actions import Command, Do, Press, Source
from kiosk.core.messages import Effect, PlaySound, Sound, Speak, SpeakItem, SpeechKey, SpeechKind
from kiosk.core.registry import Result, record, update
from kiosk.core.rules import arrive, stop_reading, stop_speech
from kiosk.core.state import SAID, Place, State
from kiosk.core.typing_keys import SCREEN, key_of, predictions, saying_message
from kiosk.typing import message
from kiosk.typing.keys import MAIN, PREFIX, Key


def open_screen(state: State, source: Source) -> Result:
    state, stop = stop_reading(state)
    place = Place(SCREEN, sheet=state.place.sheet)
    effects: list[Effect] = [PlaySound(Sound.SELECT), record("open typing", "", source)]
    return arrive(state, place, push=True), stop + effects


def press(state: State, action: Press) -> Result:
    """A key of the typing screen, by id ("type:letter:e", "type:speak", ...)."""
    key = key_of(state, action.target)
    if key is None and action.source is Source.KEYBOARD:
        key = _typed(action.target)  # a keyboard types any letter, whatever page shows
    if key is None or state.place.screen != SCREEN:
        return replace(state, caption="That is not on this screen"), []
    return _KEY_RULES[key.kind](state, key, action.source)


def _typed(target: str) -> Key | None:
    kind, _, value = target.removeprefix(PREFIX).partition(":")
    if kind == "letter" and len(value) == 1:
        return Key("letter", value)
    if kind == "delete":
        return Key("delete")
    if kind == "space":
        return Key("space")
    if kind == "delete-word":
        return Key("delete word")
    return None


def _set_text(state: State, text: str, page: str = MAIN) -> State:
    return replace(state, typing=replace(state.typing, text=text, page=page))


def _letter(state: State, key: Key, source: Source) -> Result:
    text = message.add_letter(state.typing.text, key.value)
    if text == state.typing.text and len(text) >= message.MAX_MESSAGE_CHARS:
        return replace(state, caption="The message is full: speak it or clear it"), []
    return _set_text(state, text), []


def _word(state: State, key: Key, source: Source) -> Result:
    shown = predictions(state)
    index = int(key.value)
    if index >= len(shown):
        return state, []
    return _set_text(state, message.add_word(state.typing.text, shown[index])), []


def _space(state: State, key: Key, source: Source) -> Result:
    return _set_text(state, message.add_space(state.typing.text)), []


def _delete(state: State, key: Key, source: Source) -> Result:
    # On an empty message: nothing, quietly (the page stays as it is).
    if not state.typing.text:
        return state, []
    return _set_text(state, message.delete_letter(state.typing.text), state.typing.page), []


def _delete_word(state: State, key: Key, source: Source) -> Result:
    if not state.typing.text:
        return state, []
    return _set_text(state, message.delete_word(state.typing.text)), []


def _clear(state: State, key: Key, source: Source) -> Result:
    if not state.typing.text:
        return _set_text(state, ""), []
    return replace(_set_text(state, ""), caption="Message cleared"), []


def _page(state: State, key: Key, source: Source) -> Result:
    return replace(state, typing=replace(state.typing, page=key.value)), []


def _leave(state: State, key: Key, source: Source) -> Result:
    return update(state, Do(Command.BACK, source))


def _speak(state: State, key: Key, source: Source) -> Result:
    """Say the message, louder than the reading voice; a long one in pieces, so that the
    first is heard at once."""
    if saying_message(state):  # the key reads Stop while the message is said
        return stop_speech(state)
    text = state.typing.text.strip()
    if not text:
        return replace(state, caption="Type a message first, then choose Speak"), []
    state, stop = stop_reading(state)
    items = speak_items(state)
    # Shown large across the keys while it is said, as a Talk phrase is.
    state = replace(
        state, reading_token=state.reading_token + 1, last_spoken=text, caption=SAID + text
    )
    typing = replace(state.typing, page=MAIN, said_token=state.reading_token)
    return replace(state, typing=typing), stop + [Speak(items), record("say message", "", source)]


def speak_items(state: State) -> tuple[SpeakItem, ...]:
    """What Speak says: the message in pieces, at the Talk volume (never below the
    kiosk's), under the next reading token."""
    token = state.reading_token + 1
    volume = max(state.volume, state.talk_volume)
    return tuple(
        SpeakItem(SpeechKey(token, i), piece, SpeechKind.ANNOUNCE, volume=volume)
        for i, piece in enumerate(message.spoken_chunks(state.typing.text))
    )


def ahead_items(state: State) -> tuple[SpeakItem, ...]:
    """The message's first piece, for the shell to make before Speak is chosen (the
    message's words are new to the speech engine, and a long first piece takes longer to
    make than a person waits): only at a word's end, so not at every letter."""
    text = state.typing.text
    if state.place.screen != "typing" or state.help_open or not text.strip():
        return ()
    if text[-1] not in " " + message.PUNCTUATION:
        return ()
    return speak_items(state)[:1]


_KEY_RULES = {
    "letter": _letter,
    "word": _word,
    "space": _space,
    "delete": _delete,
    "delete word": _delete_word,
    "clear": _clear,
    "speak": _speak,
    "page": _page,
    "leave": _leave,
}
