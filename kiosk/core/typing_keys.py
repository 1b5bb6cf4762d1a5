"""The typing screen's keys as targets: what each key shows and does, and where it is.

Pure queries of the State, asked by the screen queries (kiosk.core.screens), the view,
switch scanning and the cost model alike, so every input sees the same keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from kiosk.actions import Press
from kiosk.content import Library, Section
from kiosk.core.state import State, Target
from kiosk.layout import Layout
from kiosk.phrases import PhraseBoard
from kiosk.settings import DEFAULTS
from kiosk.typing import words
from kiosk.typing.geometry import typing_geometry
from kiosk.typing.keys import EYE, PREFIX, Key, Plan, plan_for
from kiosk.typing.message import Typing, sentence_start, unfinished_word

SCREEN: Final = "typing"
# The three keys that can be said (the person typing is usually the one who cannot speak,
# but a companion or a slurred "speak" may still help).
SAID = {"speak": ("speak", "say it"), "delete": ("delete",), "clear": ("clear",)}
STOP_LABEL, STOP_SPOKEN = "Stop", "Stop speaking"  # the Speak key while the message is said
_SPOKEN = {
    "space": "Space",
    "delete": "Delete a letter",
    "delete word": "Delete a word",
    "clear": "Clear the message",
    "speak": "Speak the message",
    "leave": "Back to the Talk board",
}


def on_typing_screen(state: State) -> bool:
    return state.place.screen == SCREEN and not state.help_open


def saying_message(state: State) -> bool:
    """The kiosk is saying the typed message out loud: its Speak key is then a Stop key,
    for touch, eyes and switch alike."""
    activity = state.activity
    said_now = state.typing.said_token == state.reading_token
    speaking = activity.speaking and not activity.speaking_politely
    return on_typing_screen(state) and said_now and speaking


def plan(state: State) -> Plan:
    return plan_for(state.gaze_layout, state.typing.order)


# ---------------------------------------------------------------- the word model
_models: dict[tuple[int, int], tuple[Library, PhraseBoard, words.WordModel]] = {}


def _section_texts(section: Section) -> list[str]:
    texts = [section.title] + [block.text for block in section.blocks]
    for sub in section.subsections:
        texts += _section_texts(sub)
    return texts


def word_model(state: State) -> words.WordModel:
    """The model for the content shown now: English words, the fact sheets' words and the
    Talk phrases (built once per content load)."""
    key = (id(state.library), id(state.phrases))
    found = _models.get(key)
    if found is not None:
        return found[2]
    texts: list[str] = []
    for sheet in state.library.sheets:
        texts.append(sheet.title)
        for section in sheet.sections:
            texts += _section_texts(section)
    spoken = [p.text for p in state.phrases.phrases]
    general, _ = _general_model()
    model = words.build_model(words.load_word_list(words.WORDS_FILE), texts, spoken, general)
    _models.clear()  # the objects are kept with the model, so their ids stay theirs
    _models[key] = (state.library, state.phrases, model)
    _shown.clear()  # keyed by the old model's id
    return model


@lru_cache(maxsize=1)
def _general_model() -> tuple[words.GeneralModel | None, str]:
    return words.load_general_model()


def warm_up() -> None:
    """Load the word list and the general English model (about half a second), so the
    typing screen opens at once: the shell calls this on a thread at start."""
    words.load_word_list(words.WORDS_FILE)
    _general_model()


def typing_staff_line(state: State) -> str:
    """The staff screen's line on typing: what prediction uses, or why it is off."""
    return words.describe(word_model(state))


def predictions(state: State) -> tuple[str, ...]:
    """The words offered now, written as they will be typed (capitals included)."""
    text = state.typing.text
    model = word_model(state)
    found = model.predict(text, plan(state).predictions)
    prefix = unfinished_word(text)
    start = sentence_start(text[: len(text) - len(prefix)])
    shown = []
    for word in found:
        written = model.written_form(word)
        shown.append(written[:1].upper() + written[1:] if start else written)
    return tuple(shown)


# ---------------------------------------------------------------- keys and targets
@dataclass(frozen=True)
class ShownKey:
    slot: int
    key: Key
    target: Target


# The keys shown for (word model, layout, typing state): asked for several times a frame
# (targets, layout, scanning), and the same until a key is pressed.
_shown: dict[tuple[int, str, Typing, bool], tuple[ShownKey, ...]] = {}
_SHOWN_KEPT = 64


def shown_keys(state: State) -> tuple[ShownKey, ...]:
    """The keys on the page shown now, with their slots, in slot order. Prediction slots
    without a word are left empty."""
    key = (id(word_model(state)), state.gaze_layout, state.typing, saying_message(state))
    found = _shown.get(key)
    if found is None:
        found = _shown_keys(state)
        if len(_shown) >= _SHOWN_KEPT:
            _shown.clear()
        _shown[key] = found
    return found


def _shown_keys(state: State) -> tuple[ShownKey, ...]:
    words_now = predictions(state)
    shown = []
    for slot, key in enumerate(plan(state).page(state.typing.page)):
        if key is None or key == EYE or isinstance(key, str):
            continue
        label = key.label
        if key.kind == "word":
            index = int(key.value)
            if index >= len(words_now):
                continue
            label = words_now[index]
        spoken = _SPOKEN.get(key.kind, label)
        if key.kind == "speak" and saying_message(state):
            label, spoken = STOP_LABEL, STOP_SPOKEN
        if key.kind == "page":
            spoken = {"main": "Letters", "more": "More letters, marks, Clear and Back"}.get(
                key.value, f"Letters {key.label}"
            )
        elif key.kind == "letter":
            spoken = {".": "full stop", ",": "comma", "?": "question mark"}.get(
                key.value, key.value
            )
        target = Target(key.id, None, label, Press(key.id), spoken, said=SAID.get(key.kind, ()))
        shown.append(ShownKey(slot, key, target))
    return tuple(shown)


def typing_targets(state: State) -> tuple[Target, ...]:
    return tuple(k.target for k in shown_keys(state))


def key_of(state: State, target_id: str) -> Key | None:
    if not target_id.startswith(PREFIX):
        return None
    return next((k.key for k in shown_keys(state) if k.key.id == target_id), None)


def eye_slot(state: State) -> int:
    page = plan(state).page(state.typing.page)
    return page.index(EYE) if EYE in page else len(page) - 1


def typing_layout(
    state: State, size: tuple[int, int], text_scale: float = DEFAULTS.text_scale
) -> Layout:
    """The screen's layout in kiosk.layout's terms: the keys are its tiles (in target
    order), the message box its title, the eye pause its last slot; no control bar."""
    geometry = typing_geometry(size, plan(state), text_scale)
    _, height = size
    scale = min(size[0] / 1920, height / 1080)
    tiles = tuple(geometry.slots[k.slot] for k in shown_keys(state))
    x, y, w, h = geometry.message
    return Layout(
        size=size,
        scale=scale,
        header=(0, 0, size[0], y + h),
        title=geometry.message,
        status=geometry.status,
        gaze_pause=geometry.slots[eye_slot(state)],
        body=(x, geometry.slots[0][1], size[0] - 2 * x, height - geometry.slots[0][1]),
        feedback=geometry.feedback,
        bar={},
        tiles=tiles,
        help_text=(x, y, w, 0),
        text_px=geometry.message_px,
        title_px=geometry.message_px,
        tile_px=max(16, round(48 * scale * min(text_scale, 1.3))),
        number_px=max(18, round(72 * scale)),
    )


# ---------------------------------------------------------------- a keyboard's keys
KEYBOARD_MARKS = {".": ".", ",": ",", "?": "?", "'": "'", "-": "-", "!": "."}


def keyboard_types_space(state: State) -> bool:
    """Whether the space bar types a space rather than being the switch: on the typing
    screen while switch scanning has not been started (a switch user who came here by
    switch has it running or paused; a keyboard typist never started it), after a letter
    (where a space would do nothing, the press starts scanning as everywhere)."""
    text = state.typing.text
    return on_typing_screen(state) and state.scan.phase == "off" and text[-1:] not in ("", " ")


def keyboard_action(state: State, character: str, key_name: str, ctrl: bool) -> Press | None:
    """What a key of a physical keyboard does on the typing screen (None: not typing, or
    a key the kiosk's usual keys keep): letters and marks type, Backspace deletes (with
    Ctrl a word), Delete clears nothing (too easy to hit)."""
    from kiosk.actions import Source

    if not on_typing_screen(state):
        return None
    if key_name == "backspace":
        kind = "delete-word" if ctrl else "delete"
        return Press(f"{PREFIX}{kind}", Source.KEYBOARD)
    if ctrl or len(character) != 1:
        return None
    if character.isascii() and character.isalpha():
        return Press(f"{PREFIX}letter:{character}", Source.KEYBOARD)  # capitals kept
    if character in KEYBOARD_MARKS:
        return Press(f"{PREFIX}letter:{KEYBOARD_MARKS[character]}", Source.KEYBOARD)
    if character == " ":
        return Press(f"{PREFIX}space", Source.KEYBOARD)
    return None
