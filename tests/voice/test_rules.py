"""Acting on a recognition: accepted, rejected, echo of the kiosk's own voice (pure)."""

from __future__ import annotations

from kiosk.actions import Command, Do, Select, Source
from kiosk.voice.__main__ import screen_vocabulary
from kiosk.voice.rules import decide
from kiosk.voice.types import Recognition
from kiosk.voice.vocabulary import build_vocabulary

NORMAL = build_vocabulary([])
BARGE_IN = build_vocabulary([], mode="barge-in")
HOME = screen_vocabulary("home")  # eight numbered tiles


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


def _near_miss(words: str) -> Recognition:
    return Recognition(words, None, 0.6, "not like people saying it (0.60)", repeatable=True)


def test_a_near_miss_asks_for_the_word_again():
    decision = decide(_near_miss("three"), HOME, set())
    assert decision.action is None and decision.outcome == "almost"
    assert decision.caption == (
        "Did you say \u201cthree\u201d, Diagnosis and treatment? Say it again."
    )
    one = decide(_near_miss("one"), HOME, set()).caption
    assert one == "Did you say \u201cone\u201d, What is ALS? Say it again."


def test_a_near_miss_said_again_is_acted_on():
    decision = decide(_near_miss("three"), HOME, set(), near_miss=_near_miss("three"))
    assert decision.action == Select(3, Source.VOICE) and decision.outcome == "repeated"
    sure = decide(Recognition("three", "three", 0.95), HOME, set(), _near_miss("three"))
    assert sure.action == Select(3, Source.VOICE)


def test_two_different_near_misses_are_not_acted_on():
    decision = decide(_near_miss("four"), HOME, set(), near_miss=_near_miss("three"))
    assert decision.action is None and decision.outcome == "almost"
    plain = Recognition("three", None, 0.1, "not like people saying it (0.10)")
    assert decide(plain, HOME, set(), near_miss=_near_miss("three")).action is None


def test_near_misses_while_asleep_or_of_the_kiosks_own_words_do_nothing():
    asleep = build_vocabulary([], mode="asleep")
    assert decide(_near_miss("stop"), asleep, set(), _near_miss("stop")).action is None
    echo = decide(_near_miss("stop"), BARGE_IN, {"stop", "the"}, _near_miss("stop"))
    assert echo.action is None and echo.outcome == "echo"


def test_stop_said_twice_interrupts_the_reading_without_a_prompt_between():
    first = decide(_near_miss("stop"), BARGE_IN, {"muscle"})
    assert first.action is None and first.caption == "" and first.outcome == "almost"
    second = decide(_near_miss("stop"), BARGE_IN, {"muscle"}, near_miss=_near_miss("stop"))
    assert second.action == Do(Command.STOP, Source.VOICE)


def test_a_near_miss_of_stop_is_not_said_back():
    """The prompt is spoken: "Did you say stop?" would stop the kiosk's own prompt."""
    decision = decide(_near_miss("stop"), HOME, set())
    assert decision.outcome == "almost" and "stop" not in decision.caption.lower()
    assert decide(_near_miss("stop"), HOME, set(), _near_miss("stop")).action is not None
