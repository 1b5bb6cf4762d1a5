"""Targets sized to the measured gaze accuracy (issue 12): the core's layouts, their
geometry, and the gaze device asking for them; calibration-free glances drive the focus;
--record is off by default."""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from kiosk import core
from kiosk.actions import BAR_IDS, Command, Do, Source
from kiosk.app import parse_args
from kiosk.content import load_library
from kiosk.devices import RECORDING_NOTICE, GazeDevice
from kiosk.gaze.calibration import ScreenGeometry
from kiosk.gaze.layouts import candidate_layouts, choose_layout
from kiosk.layout import BAR_FOR_LAYOUT, compute_layout
from kiosk.settings import Settings


@pytest.fixture(scope="module")
def home():
    library = load_library(Path(__file__).resolve().parents[1] / "content")
    return core.demo_state(library, "home")


@pytest.mark.parametrize("layout, tiles, bar", [("large", 4, 4), ("halves", 2, 3)])
def test_poorer_accuracy_means_fewer_larger_targets(home, layout, tiles, bar):
    state, _ = core.update(home, core.GazeLayoutChosen(layout))
    assert state.gaze_layout == layout
    content = core.content_targets(state)
    assert len(content) == tiles and content[-1].label == "More", "the rest is paged"
    assert [t.id for t in core.bar_targets(state)] == list(BAR_FOR_LAYOUT[layout])
    rects = compute_layout((1920, 1080), tiles, gaze_layout=layout)
    usual = compute_layout((1920, 1080), 6)
    smallest = min(min(r[2:]) for r in (*rects.tiles, *rects.bar.values()))
    usual_smallest = min(min(r[2:]) for r in (*usual.tiles, *usual.bar.values()))
    assert smallest > usual_smallest, "no row of small controls along the edge"
    # Every entry is still reachable: Select(n) on the next page opens the right one.
    state, _ = core.update(state, Do(Command.NEXT_PAGE))
    assert state.place.tile_page == 1


def test_unknown_layouts_fall_back_and_the_next_person_starts_usual(home):
    state, _ = core.update(home, core.GazeLayoutChosen("nonsense"))
    assert state.gaze_layout == "tiles"
    state, _ = core.update(home, core.GazeLayoutChosen("halves"))
    state, _ = core.update(state, Do(Command.IDLE_RESET, Source.SYSTEM))
    assert state.gaze_layout == "tiles" and len(core.bar_targets(state)) == len(BAR_IDS)


def test_the_layout_follows_the_accuracy():
    g = ScreenGeometry((1920, 1080), 24.0, 60.0)
    names = [layout.name for layout in candidate_layouts(g)]
    assert names == ["tiles", "large", "halves", "edges"]
    assert choose_layout(1.5, g).name == "tiles"
    assert choose_layout(2.2, g).name == "large"
    assert choose_layout(3.0, g).name == "halves"
    assert choose_layout(6.0, g).name == "edges"


class StubController:
    """The gaze controller's app-facing surface, scripted."""

    def __init__(self) -> None:
        self.tracker = SimpleNamespace(error=None, stop=lambda: None)
        self.selected: list[str] = []
        self.layout_name: str | None = None
        self.record_error: str | None = None
        self.recording = False
        self.hint: str | None = None
        self.calibrated = True

    def update(self, now: float) -> list[str]:
        out, self.selected = self.selected, []
        return out

    def view(self):
        return SimpleNamespace(
            paused=False,
            camera_on=True,
            progress={},
            point=None,
            face_lost=False,
            thumbnail=None,
            calibration=None,
            position_hint=self.hint,
            recording=self.recording,
            eyes_closed=None,
        )

    def set_targets(self, rects, size) -> None:
        pass


def test_the_gaze_device_asks_for_the_layout_guides_and_shows_recording():
    gaze = GazeDevice(Settings(), "0", tracker_factory=lambda: None)
    stub = StubController()
    gaze.controller = stub  # type: ignore[assignment]
    now = time.monotonic()
    assert gaze.poll(now) == []
    stub.layout_name = "halves"
    assert gaze.poll(now) == [core.GazeLayoutChosen("halves")]
    assert gaze.poll(now) == [], "asked once, not every frame"
    stub.selected = ["gaze:edge-right", "gaze:edge-up", "gaze:edge-left"]
    assert gaze.poll(now) == [
        Do(Command.FOCUS_NEXT, Source.GAZE),
        Do(Command.ACTIVATE_FOCUS, Source.GAZE),
        Do(Command.FOCUS_PREVIOUS, Source.GAZE),
    ]
    stub.hint, stub.recording = "Please come a little closer", True
    assert gaze.poll(now) == [
        core.NoticeChanged("gaze position", "Please come a little closer"),
        core.NoticeChanged("gaze recording", RECORDING_NOTICE),
    ]
    stub.hint, stub.recording, stub.layout_name = None, False, None
    assert gaze.poll(now) == [
        core.GazeLayoutChosen("tiles"),
        core.NoticeChanged("gaze position", None),
        core.NoticeChanged("gaze recording", None),
    ]


def test_record_is_off_by_default_and_takes_a_file():
    assert parse_args([]).record is None
    assert parse_args(["--record", "/tmp/s.jsonl"]).record == "/tmp/s.jsonl"


@pytest.mark.parametrize("size", [(1024, 600), (1920, 1080)])
def test_help_says_how_to_use_the_eyes_without_calibration(home, size):
    import pygame

    from kiosk.view.render import Renderer, ViewStatus
    from kiosk.view.theme import DARK

    state, _ = core.update(home, core.GazeLayoutChosen("edges"))
    usual = len(core.content_targets(home))
    assert state.gaze_layout == "edges" and len(core.content_targets(state)) == usual
    state, _ = core.update(state, Do(Command.HELP))
    assert core.EDGE_GLANCE_HELP in core.help_text(state)
    assert core.EDGE_GLANCE_HELP not in core.help_text(replace_layout(state, "tiles"))
    pygame.display.init()
    pygame.font.init()
    renderer = Renderer(DARK)
    surface = pygame.Surface(size)
    renderer.draw(surface, state, ViewStatus(camera="on", gaze_available=True))
    assert not renderer.help_overflow


def replace_layout(state, layout):
    import dataclasses

    return dataclasses.replace(state, gaze_layout=layout)
