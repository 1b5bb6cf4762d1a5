"""The help screen's spoken phrases are ones the recognizer accepts on the screen help was
opened from, each meaning what help says (the help text and the vocabulary are written
in two places: this test keeps them together)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk import core
from kiosk.actions import Source
from kiosk.content import load_library
from kiosk.voice.vocabulary import build_vocabulary

ROOT = Path(__file__).resolve().parents[2]
QUOTED = re.compile(r"[\u201c\"]([^\u201d\"]+)[\u201d\"]")


@pytest.fixture(scope="module")
def library():
    return load_library(ROOT / "content")


@pytest.mark.parametrize("kind", ["home", "section", "reader"])
def test_every_phrase_help_suggests_is_understood_there(library, kind):
    state = core.demo_state(library, kind)
    vocabulary = build_vocabulary(core.targets(state))
    lines = core.help_text(state)
    quoted = [p for line in lines for p in QUOTED.findall(line) if not p.endswith("...")]
    phrases = [p.lower().rstrip(".") for p in quoted if p != "Next" and p != "More controls"]
    assert "read" in phrases and "go back" in phrases
    unknown = [p for p in phrases if p not in vocabulary.phrases]
    tile_names = {t.label.rstrip("?").lower() for t in core.content_targets(state)}
    assert [p for p in unknown if p not in tile_names] == []


def test_help_on_the_talk_board_names_its_ninth_tile_and_voice_understands_it(library):
    """The Talk board has nine tiles (Type a message): help once crashed past "eight"."""
    state = core.demo_state(library, "home")
    talk = next(t for t in core.content_targets(state) if t.label == "Talk")
    state, _ = core.update(state, talk.action)
    ninth = core.content_targets(state)[-1]
    assert ninth.number == 9
    assert any("\u201cnumber nine\u201d" in line for line in core.help_text(state))
    heard = build_vocabulary(core.targets(state)).action_for("number nine")
    assert heard == replace(ninth.action, source=Source.VOICE)
