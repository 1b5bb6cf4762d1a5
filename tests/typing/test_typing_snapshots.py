"""The typing screen rendered headless and compared with approved PNGs: every gaze
layout, the More page, a group, a long message, a small window, and while scanning.
Approve after an intended change with UPDATE_SNAPSHOTS=1 (then look at them)."""

from __future__ import annotations

from dataclasses import replace

import pygame
import pytest

from kiosk import core
from kiosk.actions import Command, Do, Press, Select, Source
from kiosk.core.messages import GazeLayoutChosen, ScanTick, SwitchPressed
from kiosk.device import GazeStatus
from kiosk.typing.message import Typing
from kiosk.view.render import Renderer, ViewStatus
from kiosk.view.theme import DARK

LONG = (
    "I would like to tell the doctor that the pain started three weeks ago in my left "
    "arm, then moved to my shoulder and neck, and it is worse at night when I try to "
    "sleep on that side. I have tried the tablets the pharmacist gave me but they do not "
    "help much, and I am worried because my hands have become weaker and I drop things. "
    "My daughter will come at four to take me home, so please call her if I need to stay."
)


def typing_state(library, layout: str = "tiles", text: str = "I need the ph") -> core.State:
    state = core.demo_state(library, "home")
    state, _ = core.update(state, Select(7))
    state, _ = core.update(state, Select(9))
    state, _ = core.update(state, GazeLayoutChosen(layout))
    return replace(state, typing=Typing(text=text))


def draw(state, size=(1920, 1080), status: ViewStatus | None = None) -> pygame.Surface:
    surface = pygame.Surface(size)
    status = status or ViewStatus(voice="listening", gaze=GazeStatus(camera="on", available=True))
    Renderer(DARK).draw(surface, state, status)
    return surface


@pytest.mark.parametrize("layout", ["tiles", "large", "halves", "edges"])
def test_the_typing_screen_in_each_gaze_layout(snapshot, screen_library, layout):
    state = typing_state(screen_library, layout)
    status = ViewStatus(voice="listening", gaze=GazeStatus(camera="on", available=True))
    first = core.targets(state)[0].id
    if layout == "edges":
        state, _ = core.update(state, Do(Command.FOCUS_NEXT, Source.GAZE))  # glances move it
    else:
        status.gaze = replace(status.gaze, dwell={first: 0.6})
    snapshot(draw(state, status=status), f"typing-{layout}-1920x1080")


@pytest.mark.parametrize(("layout", "page"), [("tiles", "more"), ("large", "g1"), ("halves", "g4")])
def test_the_second_pages_and_letter_groups(snapshot, screen_library, layout, page):
    state = typing_state(screen_library, layout)
    state, _ = core.update(state, Press(f"type:page:{page}"))
    assert state.typing.page == page
    snapshot(draw(state), f"typing-{layout}-{page}-1920x1080")


def test_a_long_message_shows_its_last_lines_and_says_how_many_are_above(snapshot, screen_library):
    snapshot(draw(typing_state(screen_library, text=LONG)), "typing-long-1920x1080")


def test_an_empty_message_says_how_to_type(snapshot, screen_library):
    snapshot(draw(typing_state(screen_library, text="")), "typing-empty-1920x1080")


def test_a_small_window(snapshot, screen_library):
    snapshot(draw(typing_state(screen_library), (1024, 600)), "typing-1024x600")


def test_scanning_the_predictions_row_then_a_key(snapshot, screen_library):
    state = typing_state(screen_library)
    state, _ = core.update(state, SwitchPressed(0.0))  # starts the scan: the first row
    snapshot(draw(state), "switch-typing-row-1920x1080")
    state, _ = core.update(state, ScanTick(1.5))  # row 2
    state, _ = core.update(state, SwitchPressed(1.8))  # enter it: Space
    state, _ = core.update(state, ScanTick(3.3))  # E
    light = core.scan_highlight(state)
    assert light is not None and light.target_ids == ("type:letter:e",)
    snapshot(draw(state), "switch-typing-key-1920x1080")


def test_past_600_characters_the_box_shows_the_newest_text_and_a_short_one_is_large():
    import pygame

    from kiosk.view.fonts import font
    from kiosk.view.typing import message_face, message_lines

    pygame.font.init()
    face = font(52, True)
    text = " ".join(f"word{i}" for i in range(200))  # about 1,300 characters
    lines = message_lines(text, face, 1400)
    assert lines[-1].endswith("word199"), "the newest words are the last line shown"
    assert "…" not in "".join(lines)
    box = pygame.Rect(0, 0, 1400, 116)
    assert message_face("I need water", 52, box, 5).get_height() > 80  # as a Talk phrase
    assert message_face(text, 52, box, 5).get_linesize() * 2 <= box.h
