"""Which on-screen prompts are spoken, and when."""

from __future__ import annotations

from kiosk.speech.prompts import PromptAnnouncer

SORRY = 'Sorry, I didn\'t catch that. Try: "next page", "go back", "help"'
CAMERA = "Camera: not working"


def test_a_prompt_is_said_once_when_it_appears_and_again_if_it_returns():
    announcer = PromptAnnouncer()
    assert announcer.update([SORRY], reading=False) == [SORRY]
    assert announcer.update([SORRY], reading=False) == [], "not again while it stays"
    assert announcer.update([SORRY, CAMERA], reading=False) == [CAMERA]
    assert announcer.update([CAMERA], reading=False) == []
    assert announcer.update([SORRY, CAMERA], reading=False) == [SORRY], "back: said again"


def test_prompts_wait_for_a_reading_to_stop_and_are_dropped_if_gone():
    announcer = PromptAnnouncer()
    assert announcer.update([CAMERA], reading=True) == []
    assert announcer.update([CAMERA, "Volume 9 of 10"], reading=True) == []
    assert announcer.update([CAMERA], reading=True) == []
    assert announcer.update([CAMERA], reading=False) == [CAMERA], "still shown: said now"


def test_same_words_spaces_tidied_duplicates_and_blanks_ignored():
    announcer = PromptAnnouncer()
    assert announcer.update(["  Camera:\n not   working ", "", CAMERA], reading=False) == [CAMERA]


def test_heard_confirmations_are_not_spoken_back():
    announcer = PromptAnnouncer()
    assert announcer.update(["Heard: next page"], reading=False) == []


def test_prompts_off_says_nothing_and_forget_starts_afresh():
    announcer = PromptAnnouncer(enabled=False)
    assert announcer.update([SORRY], reading=False) == []
    announcer.enabled = True
    assert announcer.update([SORRY], reading=False) == [SORRY]
    announcer.forget()
    assert announcer.update([SORRY], reading=False) == [SORRY], "the next person hears it too"
