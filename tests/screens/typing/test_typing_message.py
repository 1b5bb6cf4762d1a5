"""Editing the message: capitals, words with their space, punctuation, deleting."""

from __future__ import annotations

from kiosk.screens.typing import message as m


def typed(text: str) -> str:
    out = ""
    for ch in text:
        out = m.add_space(out) if ch == " " else m.add_letter(out, ch)
    return out


def test_a_sentence_starts_with_a_capital_and_i_is_always_capital():
    assert typed("i need help. where is it") == "I need help. Where is it"
    assert typed("yes i am ") == "Yes I am "


def test_a_chosen_word_replaces_its_letters_and_brings_a_space():
    assert m.add_word("I need the ph", "pharmacy") == "I need the pharmacy "
    assert m.add_word("", "please") == "Please "


def test_punctuation_takes_the_place_of_the_space_before_it():
    assert m.add_letter("Where is the pharmacy ", "?") == "Where is the pharmacy? "
    assert m.add_letter("", ".") == ""  # nothing to end


def test_a_second_space_or_one_at_the_start_does_nothing():
    assert m.add_space("") == "" and m.add_space("Hi ") == "Hi "


def test_delete_on_an_empty_message_does_nothing():
    assert m.delete_letter("") == "" and m.delete_word("") == ""


def test_delete_word_removes_the_last_word_and_its_punctuation():
    assert m.delete_word("I need help. ") == "I need "
    assert m.delete_word("I need hel") == "I need "


def test_a_long_message_is_said_whole_in_short_pieces():
    text = ("my left arm hurts and " * 25).strip()  # 524 characters, no full stop
    pieces = m.spoken_chunks(text)
    assert " ".join(pieces) == text
    assert all(len(p) <= 160 for p in pieces) and len(pieces) >= 4
    assert m.spoken_chunks("Hello. Where is it?") == ("Hello.", "Where is it?")


def test_the_message_has_a_bound():
    full = "a" * m.MAX_MESSAGE_CHARS
    assert m.add_letter(full, "b") == full and m.add_space(full) == full
