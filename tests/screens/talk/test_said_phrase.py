"""Issue 20, point 5: what was said is shown, large, for a few seconds on Talk and Yes / No,
readable across the room; it is counted (never which phrase) and not spoken twice."""

from __future__ import annotations

import pygame
import pytest

from kiosk import core, machine
from kiosk.actions import Press, Source
from kiosk.core.messages import Record, Speak
from kiosk.device_contract import GazeStatus
from kiosk.speech.prompts import PromptAnnouncer
from kiosk.usage import UsageCounter
from kiosk.view.render import ViewStatus
from kiosk.view.theme import DARK

SIZE = (1920, 1080)


def _open(library, label: str) -> core.State:
    home = machine.demo_state(library, "home")
    tile = next(t for t in machine.content_targets(home) if t.label == label)
    state, _ = machine.update(home, Press(tile.id))
    return state


def _say(state: core.State, index: int) -> tuple[core.State, list]:
    tiles = machine.content_targets(state)
    return machine.update(state, Press(tiles[index].id, Source.GAZE))


def _draw(state: core.State) -> pygame.Surface:
    surface = pygame.Surface(SIZE)
    machine.renderer(DARK).draw(
        surface, state, ViewStatus(caption=state.caption, gaze=GazeStatus(available=True))
    )
    return surface


@pytest.mark.parametrize("board,index,name", [("Talk", 0, "talk"), ("Yes / No", 1, "yesno")])
def test_the_phrase_said_is_shown_large_across_the_screen(
    snapshot, screen_library, board, index, name
):
    state, effects = _say(_open(screen_library, board), index)
    said = next(e for e in effects if isinstance(e, Speak)).items[0].text
    assert state.caption == "Said: " + said
    surface = _draw(state)
    snapshot(surface, f"{name}-said-1920x1080")
    # Large: the lit letters of the band are far taller than body text (44 px).
    band = pygame.surfarray.array3d(surface)[:, 300:800].max(axis=2) > 200
    rows = band.any(axis=0).nonzero()[0]
    assert rows.size and rows.max() - rows.min() > 90


def test_the_phrase_goes_with_the_caption_and_is_not_spoken_again(screen_library):
    state, _ = _say(_open(screen_library, "Yes / No"), 0)
    announcer = PromptAnnouncer()
    assert announcer.update([state.caption], reading=False) == []
    moved, _ = machine.update(state, core.Do(core.Command.FOCUS_NEXT, Source.KEYBOARD))
    assert moved.caption == ""  # the next action ends it (the shell's timer: 4 s)


def test_talk_is_counted_without_the_words(screen_library, tmp_path):
    counter = UsageCounter(tmp_path / "usage.json")
    state = machine.demo_state(screen_library, "home")
    for label in ("Talk",):
        tile = next(t for t in machine.content_targets(state) if t.label == label)
        state, effects = machine.update(state, Press(tile.id, Source.POINTER))
        for effect in effects:
            if isinstance(effect, Record):
                counter.count(effect.event, effect.detail, effect.source)
    state, effects = _say(state, 2)
    for effect in effects:
        if isinstance(effect, Record):
            counter.count(effect.event, effect.detail, effect.source)
    events = {(row["event"], row["detail"]) for row in counter.rows()}
    assert ("open talk", "") in events and ("say phrase", "") in events
    assert all(state.last_spoken not in str(row) for row in counter.rows())
