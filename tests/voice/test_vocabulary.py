"""What can be said on each screen (pure, no audio)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import core, machine
from kiosk.actions import Command, Do, Select, Source
from kiosk.content import load_library
from kiosk.voice.vocabulary import COMMAND_PHRASES, build_vocabulary, spoken_words, syllables

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def library():
    return load_library(ROOT / "content")


def names(vocabulary) -> dict[str, str]:
    return {phrase: action.name for phrase, action in vocabulary.phrases.items()}


def test_labels_become_words_a_recognizer_knows():
    assert spoken_words("What is ALS?") == "what is a l s"
    assert spoken_words("Caring for someone with ALS") == "caring for someone with a l s"
    assert spoken_words("Page 2") == "page two"


def test_home_screen_offers_commands_numbers_and_titles(library):
    vocabulary = build_vocabulary(machine.targets(machine.demo_state(library, "home")))
    said = names(vocabulary)
    for phrase, action in {
        "next page": "next page",
        "go back": "back",
        "main menu": "home",
        "quiet": "stop",
        "number three": "select 3",
        "open three": "select 3",
        "three": "select 3",
        "diagnosis and treatment": "select 3",
        "treatment": "select 3",
        "more information": "select 6",
        "stop listening": "stop listening",
        "help": "help",
    }.items():
        assert said[phrase] == action, phrase
    assert all(a.source is Source.VOICE for a in vocabulary.phrases.values())


def test_every_one_syllable_command_has_a_longer_way_to_say_it():
    for command, phrases in COMMAND_PHRASES.items():
        if all(len(p.split()) == 1 and syllables(p) == 1 for p in phrases[:1]):
            assert any(len(p.split()) > 1 or syllables(p) > 1 for p in phrases), command


def test_the_vocabulary_follows_the_screen(library):
    home = names(build_vocabulary(machine.targets(machine.demo_state(library, "home"))))
    section = names(build_vocabulary(machine.targets(machine.demo_state(library, "section"))))
    reader = names(build_vocabulary(machine.targets(machine.demo_state(library, "reader"))))
    assert "latest research" in home and "latest research" not in section
    assert "overview" in section
    assert "number one" not in reader and "next page" in reader
    assert "diagnosis and treatment" not in reader


def test_a_word_shared_by_two_tiles_names_neither():
    targets = [
        core.Target("tile:1", 1, "Treating ALS", Select(1)),
        core.Target("tile:2", 2, "Treating children", Select(2)),
    ]
    said = names(build_vocabulary(targets))
    assert "children" in said and said["children"] == "select 2"
    assert "treating" not in said  # shared, so it would be a guess


def test_while_the_kiosk_speaks_only_interruptions_are_heard():
    vocabulary = build_vocabulary([], mode="barge-in")
    assert set(a.name for a in vocabulary.phrases.values()) == {"stop", "pause"}
    assert "quiet" in vocabulary.phrases and "next page" not in vocabulary.phrases


def test_asleep_only_the_wake_phrase_is_heard():
    vocabulary = build_vocabulary([], mode="asleep")
    assert set(vocabulary.phrases) >= {"kiosk wake up"}
    assert all(a == Do(Command.WAKE_VOICE, Source.VOICE) for a in vocabulary.phrases.values())
    assert vocabulary.suggestions() == ["kiosk wake up"]
