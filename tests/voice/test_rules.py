"""Acting on a recognition: accepted, rejected, echo of the kiosk's own voice (pure)."""

from __future__ import annotations

from kiosk.actions import Command, Do, Source
from kiosk.voice.rules import decide
from kiosk.voice.types import Recognition
from kiosk.voice.vocabulary import build_vocabulary

NORMAL = build_vocabulary([])
BARGE_IN = build_vocabulary([], mode="barge-in")


def test_an_allowed_phrase_is_acted_on_with_a_caption():
    decision = decide(Recognition("next page", "next page", 0.8), NORMAL, set())
    assert decision.action == Do(Command.NEXT_PAGE, Source.VOICE)
    assert decision.caption == "Heard: next page"


def test_a_rejected_attempt_says_so_and_suggests_phrases():
    decision = decide(Recognition("what", None, 0.0, "partial"), NORMAL, set())
    assert decision.action is None and decision.outcome == "rejected"
    assert decision.caption.startswith("Sorry, I didn't catch that")
    assert "\u201cnext page\u201d" in decision.caption


def test_a_phrase_outside_the_current_vocabulary_is_not_acted_on():
    # the engine returned a phrase from another screen: not on offer here
    decision = decide(Recognition("next page", "next page", 0.9), BARGE_IN, set())
    assert decision.action is None and decision.caption == ""


def test_the_kiosks_own_words_are_ignored():
    words = {"you", "can", "stop", "the", "reading", "at", "any", "time"}
    decision = decide(Recognition("stop reading", "stop reading", 0.9), BARGE_IN, words)
    assert decision.action is None and decision.outcome == "echo"


def test_barge_in_works_when_the_word_was_not_being_said():
    words = {"muscle", "weakness", "is", "an", "early", "sign"}
    decision = decide(Recognition("stop", "stop", 0.9), BARGE_IN, words)
    assert decision.action == Do(Command.STOP, Source.VOICE)
