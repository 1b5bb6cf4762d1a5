"""The help screen's spoken phrases are ones the recognizer accepts on the screen help was
opened from. Help takes them from the vocabulary's own lists (actions.COMMAND_PHRASES and
the typing keys' SAID); this test proves every phrase it quotes is understood there."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk import core, machine
from kiosk.actions import COMMAND_PHRASES, Command, Source, suggested_phrase
from kiosk.content import load_library
from kiosk.voice.vocabulary import build_vocabulary

ROOT = Path(__file__).resolve().parents[2]
QUOTED = re.compile(r"[\u201c\"]([^\u201d\"]+)[\u201d\"]")


@pytest.fixture(scope="module")
def library():
    return load_library(ROOT / "content")


def _typing_screen(library):
    state = machine.demo_state(library, "home")
    talk = next(t for t in machine.content_targets(state) if t.label == "Talk")
    state, _ = machine.update(state, talk.action)
    state, _ = machine.update(state, machine.content_targets(state)[-1].action)
    assert state.place.screen == "typing"
    return state


@pytest.mark.parametrize("kind", ["home", "section", "reader", "typing"])
def test_every_phrase_help_suggests_is_understood_there(library, kind):
    state = _typing_screen(library) if kind == "typing" else machine.demo_state(library, kind)
    vocabulary = build_vocabulary(machine.targets(state))
    lines = machine.help_text(state)
    quoted = [p for line in lines for p in QUOTED.findall(line) if not p.endswith("...")]
    phrases = [p.lower().rstrip(".") for p in quoted if p != "Next" and p != "More controls"]
    assert "go back" in phrases and ("read" in phrases or kind == "typing")
    unknown = [p for p in phrases if p not in vocabulary.phrases]
    if kind == "typing":  # help says "clear" is on the More page: it is understood there
        more = next(t for t in machine.targets(state) if t.id.endswith(":more"))
        on_more, _ = machine.update(state, more.action)
        unknown = [
            p for p in unknown if p not in build_vocabulary(machine.targets(on_more)).phrases
        ]
    tile_names = {t.label.rstrip("?").lower() for t in machine.content_targets(state)}
    assert [p for p in unknown if p not in tile_names] == []


def test_help_on_the_talk_board_names_its_ninth_tile_and_voice_understands_it(library):
    """The Talk board has nine tiles (Type a message): help once crashed past "eight"."""
    state = machine.demo_state(library, "home")
    talk = next(t for t in machine.content_targets(state) if t.label == "Talk")
    state, _ = machine.update(state, talk.action)
    ninth = machine.content_targets(state)[-1]
    assert ninth.number == 9
    assert any("\u201cnumber nine\u201d" in line for line in machine.help_text(state))
    heard = build_vocabulary(machine.targets(state)).action_for("number nine")
    assert heard == replace(ninth.action, source=Source.VOICE)


def test_each_command_s_suggested_phrase_is_one_voice_takes_for_it():
    vocabulary = build_vocabulary([], confirm_words=True)
    for command in COMMAND_PHRASES:
        phrase = suggested_phrase(command)
        assert phrase in COMMAND_PHRASES[command]
        assert vocabulary.action_for(phrase) == core.Do(command, Source.VOICE)
    assert suggested_phrase(Command.BACK) == "go back"
