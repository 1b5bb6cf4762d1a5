"""The typing screen in the core: open, type by any input, predict, speak, forget."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kiosk import core
from kiosk.actions import Command, Do, Press, Select, Source
from kiosk.content import load_library
from kiosk.core import PlaySound, Record, Speak, typing_keys
from kiosk.core.messages import SpeakingChanged
from kiosk.core.state import SAID
from kiosk.core.typing_keys import keyboard_action, predictions
from kiosk.typing import words
from kiosk.voice.vocabulary import build_vocabulary

CONTENT = Path(__file__).resolve().parent.parent.parent / "content"


@pytest.fixture(scope="module")
def home() -> core.State:
    return core.demo_state(load_library(CONTENT), "home")


@pytest.fixture
def typing(home) -> core.State:
    state, _ = core.update(home, Select(7, Source.GAZE))  # Talk
    state, effects = core.update(state, Select(9, Source.GAZE))  # Type a message
    assert core.screen_kind(state) == "typing" and core.screen_title(state) == "Type a message"
    assert Record("open typing", "", "gaze") in effects
    return state


def press(state, *ids: str, source=Source.GAZE):
    effects: list = []
    for target in ids:
        state, more = core.update(state, Press(target, source))
        effects += more
    return state, effects


def type_text(state, text: str, source=Source.KEYBOARD):
    for ch in text:
        target = "type:space" if ch == " " else f"type:letter:{ch}"
        state, _ = core.update(state, Press(target, source))
    return state


def said(effects) -> list[tuple[str, float | None]]:
    return [(i.text, i.volume) for e in effects if isinstance(e, Speak) for i in e.items]


def test_the_screen_shows_keys_and_no_control_bar(typing):
    labels = [t.label for t in core.targets(typing)]
    assert "Speak" in labels and "Delete" in labels and "E" in labels
    assert core.bar_targets(typing) == ()
    assert all(t.number is None for t in core.targets(typing))


def test_letters_on_the_first_page_type_and_rare_ones_are_one_page_away(typing):
    state, _ = press(typing, "type:letter:h", "type:letter:i")
    assert state.typing.text == "Hi"
    state, _ = press(state, "type:letter:y")
    assert state.typing.text == "Hi" and state.caption == "That is not on this screen"
    state, _ = press(state, "type:page:more", "type:letter:y")
    assert state.typing.text == "Hiy" and state.typing.page == "main"


def test_a_prediction_adds_the_word_and_a_space(typing):
    state = type_text(typing, "I need the bath")
    assert "bathroom" in predictions(state)
    word = next(t for t in core.targets(state) if t.label == "bathroom")
    state, _ = press(state, word.id)
    assert state.typing.text == "I need the bathroom "


def test_speak_says_the_whole_message_at_the_talk_volume_and_counts_only(typing):
    state = replace(type_text(typing, "My name is Maria."), volume=0.4, talk_volume=0.9)
    state, effects = press(state, "type:speak", source=Source.SWITCH)
    assert said(effects) == [("My name is Maria.", 0.9)]
    records = [e for e in effects if isinstance(e, Record)]
    assert records == [Record("say message", "", "switch")]
    assert "maria" not in repr(records).lower()
    assert state.typing.text == "My name is Maria. "  # kept, to say again or go on


def test_a_500_character_message_is_said_whole(typing):
    text = ("the pain is in my left arm and " * 17).strip()
    assert len(text) > 500
    state = replace(typing, typing=replace(typing.typing, text=text))
    _, effects = press(state, "type:speak")
    assert " ".join(t for t, _ in said(effects)) == text


def test_speak_with_nothing_typed_says_why(typing):
    state, effects = press(typing, "type:speak")
    assert said(effects) == [] and "Type a message first" in state.caption


def test_delete_on_an_empty_message_does_nothing_quietly(typing):
    state, effects = press(typing, "type:delete", source=Source.KEYBOARD)
    assert state == typing and effects == []


def test_delete_takes_a_letter_and_delete_word_a_word(typing):
    state = type_text(typing, "I need help")
    state, _ = press(state, "type:delete")
    assert state.typing.text == "I need hel"
    state, _ = press(state, "type:page:more", "type:delete-word")
    assert state.typing.text == "I need " and state.typing.page == "main"


def test_clear_empties_the_message(typing):
    state = type_text(typing, "hello")
    state, _ = press(state, "type:page:more", "type:clear")
    assert state.typing.text == "" and state.caption == "Message cleared"


def test_leaving_keeps_the_message_and_the_idle_reset_clears_it(typing):
    state = type_text(typing, "I am cold")
    state, _ = core.update(state, Do(Command.BACK))
    assert core.screen_kind(state) == "talk" and state.typing.text == "I am cold"
    state, _ = core.update(state, Select(9))
    assert state.typing.text == "I am cold"
    state, _ = core.update(state, Do(Command.IDLE_RESET))
    assert state.typing.text == "" and state.last_spoken == ""


def test_the_back_key_on_the_more_page_returns_to_the_talk_board(typing):
    state, _ = press(typing, "type:page:more", "type:leave")
    assert core.screen_kind(state) == "talk"


def test_a_keyboard_types_letters_directly_whatever_the_page(typing):
    assert keyboard_action(typing, "y", "y", False) == Press("type:letter:y", Source.KEYBOARD)
    assert keyboard_action(typing, "", "backspace", True) == Press(
        "type:delete-word", Source.KEYBOARD
    )
    assert keyboard_action(typing, "1", "1", False) is None
    state, _ = core.update(typing, keyboard_action(typing, "y", "y", False))
    assert state.typing.text == "Y"
    talk, _ = core.update(typing, Do(Command.BACK))
    assert keyboard_action(talk, "y", "y", False) is None  # elsewhere keys keep their use


def test_voice_can_say_speak_delete_and_clear_here_and_only_here(typing, home):
    vocabulary = build_vocabulary(core.targets(typing))
    assert vocabulary.action_for("speak") == Press("type:speak", Source.VOICE)
    assert vocabulary.action_for("delete") == Press("type:delete", Source.VOICE)
    more, _ = press(typing, "type:page:more")
    assert build_vocabulary(core.targets(more)).action_for("clear") == Press(
        "type:clear", Source.VOICE
    )
    assert build_vocabulary(core.targets(home)).action_for("speak") is None


def test_without_a_word_list_the_letters_still_work_and_staff_are_told(
    typing, monkeypatch, tmp_path
):
    monkeypatch.setattr(words, "WORDS_FILE", tmp_path / "missing.tsv")
    typing_keys._models.clear()
    try:
        state = type_text(typing, "I take ril")
        assert state.typing.text == "I take ril"
        assert "riluzole" in predictions(state)  # the fact sheet's own words still
        assert "missing" in typing_keys.typing_staff_line(state)
    finally:
        typing_keys._models.clear()


def test_switch_scanning_reaches_the_predictions_row_first(typing):
    state = type_text(typing, "I need")
    groups = core.scan_groups(state)
    assert [t.id for t in groups[0].targets][:2] == ["type:word:0", "type:word:1"]
    assert groups[-1].label != "Controls"  # no control bar here


def test_gaze_hands_free_presses_are_answered_with_a_sound(typing):
    _, effects = press(typing, "type:letter:e")
    assert PlaySound(core.Sound.SELECT) in effects


def test_help_here_says_what_can_be_said_here(typing):
    state, _ = core.update(typing, Do(Command.HELP))
    text = " ".join(core.help_text(state))
    assert "\u201cspeak\u201d" in text and "number one" not in text


def _saying(typing) -> core.State:
    state = type_text(typing, "I need a long rest now")
    state, effects = press(state, "type:speak")
    assert said(effects) and state.activity.speaking
    return state


def _speak_key(state) -> core.Target:
    return next(t for t in core.targets(state) if t.id == "type:speak")


@pytest.mark.parametrize("source", [Source.POINTER, Source.GAZE, Source.SWITCH])
def test_while_the_message_is_said_the_speak_key_stops_it_by_any_input(typing, source):
    state = _saying(typing)
    key = _speak_key(state)
    assert (key.label, key.speech) == ("Stop", "Stop speaking")
    state, effects = press(state, "type:speak", source=source)
    assert core.SpeechControl(core.SpeechCommand.STOP) in effects and not said(effects)
    state, _ = core.update(state, SpeakingChanged(False))
    assert _speak_key(state).label == "Speak", "the key is Speak again once quiet"


def test_voice_stop_and_home_stop_a_message_being_said(typing):
    state = _saying(typing)
    _, effects = core.update(state, Do(Command.STOP, Source.VOICE))
    assert core.SpeechControl(core.SpeechCommand.STOP) in effects
    home, effects = core.update(state, Do(Command.HOME, Source.GAZE))
    assert core.screen_kind(home) != "typing"
    assert core.SpeechControl(core.SpeechCommand.STOP) in effects


def test_the_message_said_is_shown_large_as_a_talk_phrase_is(typing):
    state = _saying(typing)
    assert state.caption == SAID + "I need a long rest now"
