"""The help screen's spoken phrases are ones the recognizer accepts on the screen help was
opened from, each meaning what help says (the help text and the vocabulary are written
in two places: this test keeps them together)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk import core
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
