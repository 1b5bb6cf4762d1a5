"""The Talk board and the Yes / No screen in the core: open, say, count, never log words."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kiosk import core
from kiosk.actions import Command, Do, Press, Select, Source
from kiosk.content import Library, load_library
from kiosk.core import ContentLoaded, PlaySound, Record, Speak
from kiosk.phrases import Phrase, PhraseBoard, default_board, parse_phrases

CONTENT = Path(__file__).resolve().parent.parent / "content"


@pytest.fixture(scope="module")
def home() -> core.State:
    return core.demo_state(load_library(CONTENT), "home")


def labels(state: core.State) -> list[str]:
    return [t.label for t in core.content_targets(state)]


def said(effects) -> list[tuple[str, float | None]]:
    return [(i.text, i.volume) for e in effects if isinstance(e, Speak) for i in e.items]


def test_the_home_screen_offers_talk_and_yes_no_after_the_topics(home):
    assert labels(home)[-2:] == ["Talk", "Yes / No"]
    assert [t.number for t in core.content_targets(home)][-2:] == [7, 8]


def test_talk_opens_the_board_and_a_phrase_is_said_louder(home):
    state, effects = core.update(home, Select(7, Source.GAZE))
    assert core.screen_kind(state) == "talk" and core.screen_title(state) == "Talk"
    assert labels(state) == [p.label for p in default_board().phrases] + ["Type a message"]
    assert PlaySound(core.Sound.SELECT) in effects
    quiet = replace(state, volume=0.5)
    quiet, effects = core.update(quiet, Press("tile:3", Source.SWITCH))
    assert said(effects) == [("Please help me", 1.0)]  # the Talk volume, above the reading
    assert core.screen_kind(quiet) == "talk"  # stays on the board for the next phrase
    loud = replace(state, volume=1.0, talk_volume=0.7)
    _, effects = core.update(loud, Select(7, Source.POINTER))
    assert said(effects) == [("Please wait, I'm slow to answer", 1.0)]  # never below


def test_nothing_said_is_recorded_beyond_a_count(home):
    state, effects = core.update(home, Select(7))
    state, more = core.update(state, Select(4, Source.VOICE))
    records = [e for e in effects + more if isinstance(e, Record)]
    assert [(r.event, r.detail) for r in records] == [("open talk", ""), ("say phrase", "")]
    assert all("receptionist" not in repr(r) for r in records)


def test_repeat_says_the_last_phrase_again(home):
    state, _ = core.update(home, Select(7))
    state, _ = core.update(state, Select(6))
    _, effects = core.update(state, Do(Command.REPEAT))
    assert said(effects)[0][0] == "Thank you"


def test_yes_no_is_one_step_from_home_and_fills_the_screen(home):
    state, _ = core.update(home, Select(8))
    assert core.screen_kind(state) == "yesno" and labels(state) == ["Yes", "No"]
    _, effects = core.update(state, Select(2, Source.SWITCH))
    assert said(effects) == [("No", 1.0)]
    from kiosk.layout import compute_layout

    layout = compute_layout((1920, 1080), 2)
    for _x, _y, w, h in layout.tiles:
        assert w >= 900 and h >= 500


def test_back_and_home_leave_the_board(home):
    state, _ = core.update(home, Select(7))
    back, _ = core.update(state, Do(Command.BACK))
    assert core.screen_kind(back) == "home"
    state, _ = core.update(state, Do(Command.HOME))
    assert core.screen_kind(state) == "home"


def test_opening_the_board_stops_a_reading(home):
    reader = core.demo_state(home.library, "reader")
    state, _ = core.update(reader, Do(Command.READ))
    state, _ = core.update(state, Do(Command.HOME))
    state, effects = core.update(state, Select(7))
    assert state.reading == "idle"


def test_a_long_board_is_paged_seven_at_a_time_with_the_keyboard_on_each_page(home):
    phrases = tuple(Phrase(f"Phrase {n}", f"Phrase {n}", n) for n in range(1, 12))
    state = replace(home, phrases=PhraseBoard("Talk", phrases))
    state, _ = core.update(state, Select(7))
    first = labels(state)
    assert len(first) == 9 and first[-2:] == ["More", "Type a message"]
    assert first[0] == "Phrase 1"
    state, _ = core.update(state, Press("more"))
    assert labels(state) == [
        "Phrase 8",
        "Phrase 9",
        "Phrase 10",
        "Phrase 11",
        "More",
        "Type a message",
    ]
    _, effects = core.update(state, Select(2))
    assert said(effects)[0][0] == "Phrase 9"


def test_the_board_works_without_any_fact_sheet():
    state = core.initial_state(Library((), ()))
    state, _ = core.update(state, Select(1))
    assert core.screen_kind(state) == "talk"


def test_reloaded_content_brings_the_staffs_edited_board(home):
    board = parse_phrases("# Say it\n- Hello\n- Goodbye\n", Path("phrases.md"))
    state, _ = core.update(home, ContentLoaded(home.library, (), "", board))
    state, _ = core.update(state, Select(7))
    assert core.screen_title(state) == "Say it" and labels(state) == [
        "Hello",
        "Goodbye",
        "Type a message",
    ]
    broken = parse_phrases("# Say it\nHello\n", Path("phrases.md"))
    state, _ = core.update(home, ContentLoaded(home.library, (), "", broken))
    assert dict(state.notices).get("content") == core.CONTENT_NOTICE


def test_an_idle_reset_keeps_the_board(home):
    board = parse_phrases("# Say it\n- Hello\n", Path("phrases.md"))
    state = replace(home, phrases=board, talk_volume=0.9)
    state, _ = core.update(state, Do(Command.IDLE_RESET))
    assert state.phrases == board and state.talk_volume == 0.9


def test_talk_yes_no_and_typing_work_with_no_content_at_all(tmp_path):
    """With the content folder missing and nothing saved, the start screen still offers
    Talk and Yes / No, and both hold their tiles (issue 30: they were blank)."""
    state = core.initial_state(load_library(tmp_path / "missing"))
    assert core.screen_kind(state) == "sheets" and labels(state) == ["Talk", "Yes / No"]
    assert "No fact sheets could be loaded" in core.screen_title(state)
    talk, _ = core.update(state, Select(1, Source.VOICE))
    assert core.screen_kind(talk) == "talk"
    assert labels(talk) == [p.label for p in default_board().phrases] + ["Type a message"]
    _, effects = core.update(talk, Select(3, Source.GAZE))
    assert said(effects) == [("Please help me", 1.0)]
    typing, _ = core.update(talk, Press(core.content_targets(talk)[-1].id, Source.SWITCH))
    assert core.screen_kind(typing) == "typing" and core.content_targets(typing)
    yesno, _ = core.update(state, Select(2, Source.POINTER))
    assert core.screen_kind(yesno) == "yesno" and labels(yesno) == ["Yes", "No"]


def test_talk_tiles_are_drawn_with_no_content(tmp_path):
    import pygame

    from kiosk.device import GazeStatus
    from kiosk.view.render import Renderer, ViewStatus, layout_for
    from kiosk.view.theme import DARK

    pygame.font.init()
    state = core.initial_state(load_library(tmp_path / "missing"))
    for opened in (state, core.update(state, Select(1, Source.VOICE))[0]):
        surface = pygame.Surface((1920, 1080))
        status = ViewStatus(voice="listening", gaze=GazeStatus(camera="on", available=True))
        Renderer(DARK).draw(surface, opened, status)
        targets = core.content_targets(opened)
        rects = layout_for(opened, (1920, 1080), 1.0).all_targets([t.id for t in targets])
        assert len(rects) == len(targets) >= 2
        for x, y, w, h in rects.values():  # each tile's face is drawn, not the background
            assert tuple(surface.get_at((x + w // 2, y + h - 8)))[:3] == DARK.tile
