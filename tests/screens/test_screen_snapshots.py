"""Screen snapshots: each screen rendered headless and compared with an approved PNG.

Approve new images after an intended change with UPDATE_SNAPSHOTS=1 (then look at them).
A failing comparison saves the actual image under snapshots/_actual/ beside the test.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pygame
import pytest

from kiosk import core, machine
from kiosk.actions import BAR_MORE_TARGET, Command, Do, Press
from kiosk.device_contract import GazeStatus
from kiosk.view.render import ViewStatus, measure_pages
from kiosk.view.theme import DARK, LIGHT

SIZES = [(1920, 1080), (1024, 600)]


def screen_state(
    screen_library, name: str, size: tuple[int, int], gaze_layout: str = "tiles"
) -> tuple[core.State, ViewStatus]:
    status = ViewStatus(voice="listening", gaze=GazeStatus(camera="on", available=True))
    if name == "home":
        state, _ = machine.update(
            machine.demo_state(screen_library, "home"), core.GazeLayoutChosen(gaze_layout)
        )
        return state, status
    if name == "talk":  # the phrase board, opened from the start screen's Talk tile
        home = machine.demo_state(screen_library, "home")
        talk = next(t for t in machine.content_targets(home) if t.label == "Talk")
        state, _ = machine.update(home, Press(talk.id))
        state, _ = machine.update(state, core.GazeLayoutChosen(gaze_layout))
        return state, status
    if name == "section":
        return machine.demo_state(screen_library, "section"), status
    if name == "help":
        return machine.demo_state(screen_library, "help"), status
    if name == "reader":
        state = machine.demo_state(screen_library, "reader")
        state, _ = machine.update(state, core.GazeLayoutChosen(gaze_layout))
        document = core.current_document(state)
        layout = machine.layout_for(state, size, 1.0)
        state, _ = machine.update(
            state, core.PagesMeasured(document.key, measure_pages(document, layout))
        )
        state, _ = machine.update(state, Do(Command.READ))
        state, _ = machine.update(state, core.SentenceStarted(state.reading_token, 3))
        status.caption = "Heard: read"
        status.gaze = replace(status.gaze, dwell={"bar:next": 0.6})
        return state, status
    raise ValueError(name)


def render(screen_library, name: str, size: tuple[int, int], theme=DARK) -> pygame.Surface:
    surface = pygame.Surface(size)
    state, status = screen_state(screen_library, name, size)
    machine.renderer(theme).draw(surface, state, status)
    return surface


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", ["home", "section", "reader", "help"])
def test_screen_matches_approved_snapshot(snapshot, screen_library, name, size):
    snapshot(render(screen_library, name, size), f"{name}-{size[0]}x{size[1]}")


def test_light_theme_home(snapshot, screen_library):
    snapshot(render(screen_library, "home", (1920, 1080), LIGHT), "home-light-1920x1080")


def test_reader_highlights_the_spoken_sentence(screen_library):
    """The highlight colour appears on the reader only while a sentence is spoken."""
    reading = pygame.surfarray.array3d(render(screen_library, "reader", (1920, 1080)))
    highlight = np.all(reading == np.array(DARK.highlight), axis=2).sum()
    assert highlight > 2000
    state, status = screen_state(screen_library, "reader", (1920, 1080))
    state, _ = machine.update(state, Do(Command.STOP))
    surface = pygame.Surface((1920, 1080))
    machine.renderer(DARK).draw(surface, state, status)
    quiet = np.all(pygame.surfarray.array3d(surface) == np.array(DARK.highlight), axis=2).sum()
    assert quiet < highlight / 10


def test_all_reader_pages_fit_at_small_and_large_sizes(screen_library):
    """No reader page's text runs into the control bar, at any supported size."""
    for size in [(1024, 600), (1920, 1080), (3840, 2160)]:
        state = machine.demo_state(screen_library, "home")
        sheet = core.current_sheet(state)
        for index in range(len(sheet.sections)):
            reader = replace(state, place=core.Place("reader", 0, (index,)))
            document = core.current_document(reader)
            layout = machine.layout_for(reader, size, 1.0)
            starts = measure_pages(document, layout)
            assert starts[0] == 0 and len(starts) >= 1
            assert list(starts) == sorted(set(starts))


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080), (3840, 2160)])
def test_help_text_is_never_cut(screen_library, size):
    renderer = machine.renderer(DARK)
    state, status = screen_state(screen_library, "help", size)
    renderer.draw(pygame.Surface(size), state, status)
    assert not renderer.help_overflow


@pytest.mark.parametrize("layout", ["large", "halves"])
@pytest.mark.parametrize("name", ["home", "reader", "talk"])
def test_gaze_layouts_for_poorer_accuracy_match_approved_snapshots(
    snapshot, screen_library, name, layout
):
    """Fewer, larger targets when eye control measured poorer accuracy (issue 12); tile
    pages hold entries only, the header says the page and where Next goes."""
    state, status = screen_state(screen_library, name, (1920, 1080), layout)
    surface = pygame.Surface((1920, 1080))
    machine.renderer(DARK).draw(surface, state, status)
    snapshot(surface, f"{name}-{layout}-1920x1080")


def _larger_help(screen_library, layout: str, page: int) -> core.State:
    state, _ = machine.update(
        machine.demo_state(screen_library, "home"), core.GazeLayoutChosen(layout)
    )
    state, _ = machine.update(state, Do(Command.HELP))
    for _ in range(page):
        state, _ = machine.update(state, Do(Command.NEXT_PAGE))
    return state


@pytest.mark.parametrize("layout", ["large", "halves"])
@pytest.mark.parametrize("page", [0, 1], ids=["text", "tiles"])
def test_help_with_larger_targets_matches_approved_snapshots(
    snapshot, screen_library, layout, page
):
    """Help for poorer accuracy: its text on a page of its own, then its tiles in the
    layout's grid (issue 12)."""
    renderer = machine.renderer(DARK)
    surface = pygame.Surface((1920, 1080))
    status = ViewStatus(voice="listening", gaze=GazeStatus(camera="on", available=True))
    renderer.draw(surface, _larger_help(screen_library, layout, page), status)
    assert not renderer.help_overflow
    snapshot(surface, f"help-{layout}-{'tiles' if page else 'text'}-1920x1080")


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (3840, 2160)])
@pytest.mark.parametrize("layout", ["large", "halves"])
def test_help_text_with_larger_targets_is_never_cut(screen_library, size, layout):
    renderer = machine.renderer(DARK)
    status = ViewStatus(voice="listening", gaze=GazeStatus(camera="on", available=True))
    renderer.draw(pygame.Surface(size), _larger_help(screen_library, layout, 0), status)
    assert not renderer.help_overflow


def test_more_controls_match_approved_snapshot(snapshot, screen_library):
    """The bar's second page in the halves layout: Home, Previous, Help, More controls, with
    the eye pause target beside them, eyes paused."""
    state, status = screen_state(screen_library, "reader", (1920, 1080), "halves")
    state, _ = machine.update(state, Press(BAR_MORE_TARGET))
    status.gaze = replace(status.gaze, paused=True, dwell={"bar:more": 0.3})
    surface = pygame.Surface((1920, 1080))
    machine.renderer(DARK).draw(surface, state, status)
    snapshot(surface, "reader-halves-more-1920x1080")


def test_calibration_result_matches_approved_snapshot(snapshot, screen_library):
    """The choices after a calibration, as large as the largest layout's targets."""
    from kiosk.gaze.calibration import CalibrationResult, CalibrationSession

    session = CalibrationSession((1920, 1080), "quick", start=0.0)
    message = "Accuracy about 3.4 degrees: not good enough. Look at Repeat to try again."
    session.result = CalibrationResult(None, 130.0, 3.4, 9, 300, 0, True, message)
    session.stage = "result"
    surface = pygame.Surface((1920, 1080))
    machine.renderer(DARK).draw(
        surface,
        machine.demo_state(screen_library, "home"),
        ViewStatus(gaze=GazeStatus(calibration=session, dwell={"calib:repeat": 0.5})),
    )
    snapshot(surface, "calibration-result-1920x1080")
