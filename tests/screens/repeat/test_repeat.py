"""The Repeat screen (kiosk/screens/repeat): the last thing said, on one large tile that
says it again, reached from the Talk board once something has been said."""

from __future__ import annotations

import pygame

from kiosk import core, machine
from kiosk.actions import Command, Do, Press, Select, Source
from kiosk.core.messages import Speak
from kiosk.device_contract import GazeStatus
from kiosk.view.status import ViewStatus
from kiosk.view.theme import DARK


def _talk(library) -> core.State:
    home = machine.demo_state(library, "home")
    tile = next(t for t in machine.content_targets(home) if t.label == "Talk")
    return machine.update(home, Press(tile.id))[0]


def test_the_talk_board_offers_it_once_something_is_said(screen_library):
    talk = _talk(screen_library)
    assert "Repeat" not in [t.label for t in machine.content_targets(talk)]
    said, _ = machine.update(talk, Select(1, Source.VOICE))
    tiles = machine.content_targets(said)
    assert tiles[-1].label == "Repeat" and tiles[-1].number == len(tiles)


def test_it_shows_the_words_and_says_them_again_at_the_talk_volume(screen_library):
    said, _ = machine.update(_talk(screen_library), Select(1, Source.VOICE))
    repeat = next(t for t in machine.content_targets(said) if t.label == "Repeat")
    shown, _ = machine.update(said, Select(repeat.number, Source.GAZE))
    assert core.screen_kind(shown) == "repeat"
    assert machine.screen_title(shown) == "Repeat what I said"
    (tile,) = machine.content_targets(shown)
    assert tile.label == said.last_spoken
    again, effects = machine.update(shown, Select(1, Source.SWITCH))
    (item,) = next(e for e in effects if isinstance(e, Speak)).items
    assert item.text == said.last_spoken and item.volume == max(said.volume, said.talk_volume)
    assert again.caption == "Said: " + said.last_spoken
    back, _ = machine.update(again, Do(Command.BACK, Source.VOICE))
    assert core.screen_kind(back) == "talk"


def test_the_repeat_screen(snapshot, screen_library):
    said, _ = machine.update(_talk(screen_library), Select(2, Source.VOICE))
    repeat = next(t for t in machine.content_targets(said) if t.label == "Repeat")
    shown, _ = machine.update(said, Select(repeat.number, Source.GAZE))
    surface = pygame.Surface((1920, 1080))
    status = ViewStatus(voice="listening", gaze=GazeStatus(camera="on", available=True))
    machine.renderer(DARK).draw(surface, shown, status)
    snapshot(surface, "repeat-1920x1080")
