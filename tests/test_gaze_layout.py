"""Targets sized to the measured gaze accuracy (issue 12): the core's layouts, their
geometry, and the gaze device asking for them; calibration-free glances drive the focus;
--record is off by default."""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from kiosk import core, machine
from kiosk.actions import BAR_IDS, BAR_MORE_TARGET, NUMBER_WORDS, Command, Do, Press, Source
from kiosk.cli import parse_args
from kiosk.content import load_library
from kiosk.device_contract import GazeStatus
from kiosk.gaze.calibration import ScreenGeometry
from kiosk.gaze.dwell import PAUSE_TARGET
from kiosk.gaze.layouts import SAFETY, candidate_layouts, choose_layout
from kiosk.input_devices import RECORDING_NOTICE, GazeDevice
from kiosk.layout import (
    GAZE_LAYOUTS,
    TILES_FOR_LAYOUT,
    bar_pages,
    compute_layout,
    larger_targets,
)
from kiosk.machine import SCREEN_TABLE
from kiosk.screens.help import targets as help_targets
from kiosk.screens.help import words as help_words
from kiosk.settings import Settings
from kiosk.voice.vocabulary import build_vocabulary, spoken_words


@pytest.fixture(scope="module")
def home():
    library = load_library(Path(__file__).resolve().parents[1] / "content")
    return machine.demo_state(library, "home")


@pytest.mark.parametrize("layout, tiles, bar", [("large", 4, 4), ("halves", 2, 4)])
def test_poorer_accuracy_means_fewer_larger_targets(home, layout, tiles, bar):
    state, _ = machine.update(home, core.GazeLayoutChosen(layout))
    assert state.gaze_layout == layout
    content = machine.content_targets(state)
    assert len(content) == tiles and all(t.id.startswith("tile:") for t in content)
    assert [t.id for t in machine.bar_targets(state)] == list(bar_pages(layout)[0])
    rects = compute_layout((1920, 1080), tiles, gaze_layout=layout)
    usual = compute_layout((1920, 1080), 6)
    smallest = min(min(r[2:]) for r in (*rects.tiles, *rects.bar.values()))
    usual_smallest = min(min(r[2:]) for r in (*usual.tiles, *usual.bar.values()))
    assert smallest > usual_smallest, "no row of small controls along the edge"
    state, _ = machine.update(state, Do(Command.NEXT_PAGE))
    assert state.place.tile_page == 1


def _walk_pages(state, command=Command.NEXT_PAGE, source=Source.GAZE):
    """The tile labels of each page from the one shown, turning with `command`."""
    pages = []
    for _ in range(machine.tile_page_count(state)):
        pages.append([t.label for t in machine.content_targets(state)])
        state, _ = machine.update(state, Do(command, source))
    return pages, state


@pytest.mark.parametrize("layout", ["large", "halves"])
@pytest.mark.parametrize("screen", ["home", "talk"])
def test_larger_layouts_give_every_tile_to_an_entry_and_the_bar_pages_them(home, layout, screen):
    """No "More" tile in the larger layouts: each page is full of entries (the last may
    have fewer), each entry once, in order; Next and Previous turn the pages and go round,
    as the "More" tile did."""
    state, _ = machine.update(home, core.GazeLayoutChosen(layout))
    if screen == "talk":
        talk = next(t for t in machine.content_targets(home) if t.label == "Talk")
        usual, _ = machine.update(home, Press(talk.id))
        state, _ = machine.update(usual, core.GazeLayoutChosen(layout))
        assert core.screen_kind(state) == "talk"
    per = TILES_FOR_LAYOUT[layout]
    tiles = SCREEN_TABLE.of(state).tiles
    assert tiles is not None
    every = [e.label for e in tiles.entries(state)]
    if screen == "home":
        every += [e.label for e in tiles.fixed(state)]
    else:  # the keyboard first, one look away
        every = [*(e.label for e in tiles.fixed(state)), *every]
    assert machine.tile_page_count(state) == -(-len(every) // per)
    pages, back_to_first = _walk_pages(state)
    assert [label for page in pages for label in page] == every, "each entry once, in order"
    assert all(len(page) == per for page in pages[:-1]) and "More" not in sum(pages, [])
    assert back_to_first.place.tile_page == 0 and "first page" in back_to_first.caption
    backwards, _ = _walk_pages(state, Command.PREVIOUS_PAGE)
    assert backwards == [pages[0], *reversed(pages[1:])], "Previous goes round the other way"


@pytest.mark.parametrize("layout", ["large", "halves"])
def test_numbers_on_each_page_are_what_voice_and_select_choose_there(home, layout):
    """Tiles are numbered from one on every page: the number drawn on a tile is the one
    said to choose it, and the vocabulary offers this page's numbers and names only."""
    state, _ = machine.update(home, core.GazeLayoutChosen(layout))
    per = TILES_FOR_LAYOUT[layout]
    for _ in range(machine.tile_page_count(state)):
        tiles = machine.content_targets(state)
        assert [t.number for t in tiles] == list(range(1, len(tiles) + 1))
        vocabulary = build_vocabulary(machine.targets(state))
        for tile in tiles:
            said = vocabulary.action_for(NUMBER_WORDS[tile.number])
            assert said is not None and said.number == tile.number
            assert vocabulary.action_for(spoken_words(tile.label)) == said
        assert vocabulary.action_for(NUMBER_WORDS[len(tiles) + 1]) is None
        assert vocabulary.action_for("next page") == Do(Command.NEXT_PAGE, Source.VOICE)
        assert vocabulary.action_for("previous page") == Do(Command.PREVIOUS_PAGE, Source.VOICE)
        last = tiles[-1]
        chosen, _ = machine.update(state, core.Select(last.number, Source.VOICE))
        assert chosen.place != state.place or chosen.last_spoken, f"{last.label} opens"
        assert len(tiles) <= per
        state, _ = machine.update(state, Do(Command.NEXT_PAGE, Source.VOICE))


@pytest.mark.parametrize("layout", ["large", "halves"])
def test_switch_scanning_reaches_every_entry_through_next(home, layout):
    """One switch: the scan rows hold this page's tiles and the bar's Next; choosing Next
    shows the following page."""
    state, _ = machine.update(home, core.GazeLayoutChosen(layout))
    seen = []
    for _ in range(machine.tile_page_count(state)):
        ids = [t.id for group in machine.scan_groups(state) for t in group.targets]
        assert "bar:next" in ids and "more" not in ids
        seen += [t.label for t in machine.content_targets(state)]
        state, _ = machine.update(state, Press("bar:next", Source.SWITCH))
    tiles = SCREEN_TABLE.of(state).tiles
    assert tiles is not None
    expected = [e.label for e in (*tiles.entries(state), *tiles.fixed(state))]
    assert seen == expected


def test_unknown_layouts_fall_back_and_the_next_person_starts_usual(home):
    state, _ = machine.update(home, core.GazeLayoutChosen("nonsense"))
    assert state.gaze_layout == "tiles"
    state, _ = machine.update(home, core.GazeLayoutChosen("halves"))
    state, _ = machine.update(state, Do(Command.IDLE_RESET, Source.SYSTEM))
    assert state.gaze_layout == "tiles" and len(machine.bar_targets(state)) == len(BAR_IDS)


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
            looked_at=None,
            confirm=None,
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

    from kiosk.view.render import ViewStatus
    from kiosk.view.theme import DARK

    state, _ = machine.update(home, core.GazeLayoutChosen("edges"))
    usual = len(machine.content_targets(home))
    assert state.gaze_layout == "edges" and len(machine.content_targets(state)) == usual
    state, _ = machine.update(state, Do(Command.HELP))
    assert help_words.EDGE_GLANCE_HELP in machine.help_text(state)
    assert help_words.EDGE_GLANCE_HELP not in machine.help_text(replace_layout(state, "tiles"))
    pygame.display.init()
    pygame.font.init()
    renderer = machine.renderer(DARK)
    surface = pygame.Surface(size)
    renderer.draw(surface, state, ViewStatus(gaze=GazeStatus(camera="on", available=True)))
    assert not renderer.help_overflow


def replace_layout(state, layout):
    import dataclasses

    return dataclasses.replace(state, gaze_layout=layout)


# ------------------------------------------------------------ every target sized to the layout
BAR_COMMANDS = {
    Command.BACK,
    Command.HOME,
    Command.READ_OR_PAUSE,
    Command.PREVIOUS_PAGE,
    Command.NEXT_PAGE,
    Command.HELP,
}


def _layout_state(home, layout, kind="home"):
    state = home if kind == "home" else machine.demo_state(home.library, kind)
    state, _ = machine.update(state, core.GazeLayoutChosen(layout))
    return state


def _bar_commands_within(state, presses):
    """The bar's commands seen after pressing "More controls" up to `presses` times."""
    seen = set()
    for _ in range(presses + 1):
        seen |= {t.action.command for t in machine.bar_targets(state) if isinstance(t.action, Do)}
        state, _ = machine.update(state, Press(BAR_MORE_TARGET, Source.GAZE))
    return seen


@pytest.mark.parametrize("layout", GAZE_LAYOUTS)
@pytest.mark.parametrize("kind", ["home", "reader", "help"])
def test_every_control_is_reachable_by_gaze_in_every_layout(home, layout, kind):
    state = _layout_state(home, layout, kind)
    presses = 1 if larger_targets(layout) else 0
    assert _bar_commands_within(state, presses) == BAR_COMMANDS
    if larger_targets(layout):
        bar = [t.id for t in machine.bar_targets(state)]
        assert len(bar) == 4 and bar[-1] == BAR_MORE_TARGET, "four large controls, More last"
        more = machine.bar_targets(state)[-1]
        assert "Home" in more.speech and "help" in more.speech.lower(), more.speech
        twice = state
        for _ in range(len(bar_pages(layout))):
            twice, _ = machine.update(twice, Press(BAR_MORE_TARGET))
        assert machine.bar_targets(twice) == machine.bar_targets(state), "More cycles back"
    else:
        state, _ = machine.update(state, Press(BAR_MORE_TARGET))
        assert state.caption == "That is not on this screen"


def test_the_bar_starts_on_its_first_page_on_each_new_screen(home):
    state = _layout_state(home, "halves", "reader")
    state, _ = machine.update(state, Press(BAR_MORE_TARGET, Source.GAZE))
    assert state.bar_page == 1
    # Turning the reader's pages is the same screen: Previous stays under the eyes.
    state, _ = machine.update(state, Do(Command.NEXT_PAGE))
    state, _ = machine.update(state, Press("bar:prev", Source.GAZE))
    assert state.bar_page == 1
    state, _ = machine.update(state, Press("bar:home", Source.GAZE))
    assert state.place.screen == "home" and state.bar_page == 0
    state, _ = machine.update(state, Press(BAR_MORE_TARGET))
    state, _ = machine.update(state, Press("bar:help"))
    assert state.help_open and state.bar_page == 0, "help opens with Back, Read, Next"


@pytest.mark.parametrize("layout", ["large", "halves"])
def test_help_with_larger_targets_pages_its_text_then_its_tiles(home, layout):
    state = _layout_state(home, layout, "help")
    per = TILES_FOR_LAYOUT[layout]
    assert help_targets.help_page_count(state) == 1 + -(-len(help_targets.HELP_TILE_IDS) // per)
    assert machine.content_targets(state) == (), "the first page is the help text"
    assert help_words.LARGER_TARGETS_HELP in machine.help_text(state)
    seen = []
    for page in range(1, help_targets.help_page_count(state)):
        state, _ = machine.update(state, Do(Command.NEXT_PAGE, Source.GAZE))
        if page == 1:  # a page's tile 1 is chosen by its number, like any tile
            slower, effects = machine.update(state, core.Select(1, Source.VOICE))
            assert slower.help_open and any(isinstance(e, core.SetSpeech) for e in effects)
        tiles = machine.content_targets(state)
        assert 0 < len(tiles) <= per and [t.number for t in tiles] == list(range(1, len(tiles) + 1))
        seen += [t.id for t in tiles]
    assert seen == list(help_targets.HELP_TILE_IDS), "each help tile once, in order"
    state, _ = machine.update(state, Do(Command.NEXT_PAGE))
    assert state.caption == "There are no more pages"
    closed, _ = machine.update(state, Do(Command.BACK))
    assert not closed.help_open and closed.help_page == 0


@pytest.mark.parametrize("layout", GAZE_LAYOUTS)
@pytest.mark.parametrize("kind", ["home", "help", "reader"])
def test_every_target_is_as_large_as_the_layout_needs_and_none_overlap(home, layout, kind):
    """At 1920x1080: content tiles, controls and the eye pause target are each at least the
    smallest side the layout is chosen for, with gaps between, and the pause target stays
    off the reading text and the tiles."""
    state = _layout_state(home, layout, kind)
    if kind == "help" and larger_targets(layout):
        state, _ = machine.update(state, Do(Command.NEXT_PAGE))
    size = (1920, 1080)
    geometry = compute_layout(
        size,
        len(machine.content_targets(state)),
        help_screen=state.help_open,
        gaze_layout=layout,
        bar_ids=tuple(t.id for t in machine.bar_targets(state)),
    )
    rects = geometry.all_targets([t.id for t in machine.targets(state)])
    assert set(rects) == {t.id for t in machine.targets(state)}, "every target has a place"
    rects[PAUSE_TARGET] = geometry.gaze_pause
    # The smallest side the layout's accuracy limit was worked out from (kiosk.gaze.layouts).
    offered = {c.name: c for c in candidate_layouts(ScreenGeometry(size, 24.0, 60.0))}
    needed = min(
        min(r[2:]) for r in offered["tiles" if layout == "edges" else layout].rects.values()
    )
    for target_id, (x, y, w, h) in rects.items():
        assert min(w, h) >= needed and w >= 300 and h >= 200, (target_id, w, h)
        assert 0 <= x and x + w <= 1920 and 0 <= y and y + h <= 1080
    for a, b in itertools.combinations(rects.values(), 2):
        assert _gap(a, b) >= 16, (a, b)
    assert _gap(geometry.gaze_pause, geometry.body) > 0, "never over the reading text"
    assert _gap(geometry.gaze_pause, geometry.feedback) > 0


def _gap(a, b) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return max(bx - (ax + aw), ax - (bx + bw), by - (ay + ah), ay - (by + bh))


def test_the_pause_target_counts_in_the_accuracy_each_layout_is_offered_for():
    g = ScreenGeometry((1920, 1080), 24.0, 60.0)
    for layout in candidate_layouts(g)[:-1]:
        pause = layout.rects[PAUSE_TARGET]
        assert g.px_to_deg(min(pause[2:]) / 2) / SAFETY >= layout.max_error_deg - 1e-9
        assert BAR_MORE_TARGET in layout.rects or layout.name == "tiles"
    limits = {layout.name: layout.max_error_deg for layout in candidate_layouts(g)}
    assert 2.0 <= limits["tiles"] < limits["large"] < limits["halves"]
    assert limits["large"] > 2.6 and limits["halves"] > 3.6, "from the 264 and 364 px sides"


def _smallest(rects) -> tuple[int, int]:
    """The narrowest width and the shortest height among some rectangles."""
    return min(r[2] for r in rects), min(r[3] for r in rects)


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_larger_layouts_are_larger_in_both_directions(size):
    """A layout for poorer accuracy has no target shorter or narrower than the finer one's
    (vertical gaze error is usually the worse): "large" beats the usual tiles in width and
    height, "halves" matches or beats "large" in each and has a longer smallest side. The
    content tiles fill the body: between them and the bar only the caption strip."""
    sizes = {}
    for name in ("tiles", "large", "halves"):
        layout = compute_layout(size, TILES_FOR_LAYOUT[name], gaze_layout=name)
        sizes[name] = {
            "content": _smallest(layout.tiles),
            "controls": _smallest([*layout.bar.values(), layout.gaze_pause]),
        }
        bar_top = min(r[1] for r in layout.bar.values())
        tiles_bottom = max(r[1] + r[3] for r in layout.tiles)
        body_bottom = layout.body[1] + layout.body[3]
        assert abs(tiles_bottom - body_bottom) <= 1, "the tiles fill the body (rounding apart)"
        strip_top, strip_bottom = layout.feedback[1], layout.feedback[1] + layout.feedback[3]
        assert tiles_bottom < strip_top and strip_bottom < bar_top
        spare = (32 if name == "tiles" else 24) * size[1] / 1080 + 1  # 8 px above the strip
        assert bar_top - tiles_bottom <= layout.feedback[3] + spare, "no band but the strip"
        assert layout.header[1] + layout.header[3] <= min(r[1] for r in layout.tiles)
    for kind in ("content", "controls"):
        (tw, th), (lw, lh), (hw, hh) = (sizes[n][kind] for n in ("tiles", "large", "halves"))
        assert tw < lw and th < lh, (kind, sizes)
        assert lw <= hw and lh <= hh and min(lw, lh) < min(hw, hh), (kind, sizes)
        assert tw * th * 1.25 < lw * lh < hw * hh, "clearly larger"


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 600)])
@pytest.mark.parametrize("layout", GAZE_LAYOUTS)
def test_the_header_keeps_a_line_of_title_above_the_page_line_at_any_text_size(
    screen_library, size, layout
):
    """The larger layouts' header is shorter (160 px, not 216): at the largest text size
    the page line must not push the title below its full size or over the page line."""
    from kiosk.view.fonts import font
    from kiosk.view.render import PAGE_LINE_HEIGHT, page_line_px

    for text_scale in (0.75, 1.0, 2.0):
        geometry = compute_layout(size, TILES_FOR_LAYOUT[layout], text_scale, gaze_layout=layout)
        px = page_line_px(geometry)
        title_line = font(geometry.title_px, True).get_linesize()
        assert title_line + round(px * PAGE_LINE_HEIGHT) <= geometry.title[3]
        if text_scale == 1.0 and size == (1920, 1080):
            assert px >= 40, "the page line is read like body text"


@pytest.mark.parametrize("layout", ["large", "halves"])
def test_switch_scanning_reaches_more_controls_where_it_is_drawn(home, layout):
    state = _layout_state(home, layout, "reader")
    controls = machine.scan_groups(state)[-1]
    assert [t.id for t in controls.targets] == [t.id for t in machine.bar_targets(state)]
    drawn = compute_layout((1920, 1080), 0, gaze_layout=layout).bar
    assert {t.id: t.rect for t in controls.targets} == drawn


def test_the_real_app_reaches_help_tiles_through_more_controls_in_halves(make_app):
    """The kiosk itself, headless, in the halves layout: touch (the same rectangles the
    gaze selector gets) finds More controls, Help, its next page and a help tile."""
    import pygame

    app = make_app(size=(1920, 1080))

    def click(target_id: str) -> None:
        rects = app._target_rects()
        assert set(rects) == {t.id for t in machine.targets(app.state)}
        x, y, w, h = rects[target_id]
        pos = (x + w // 2, y + h // 2)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=pos))
        app.step(time.monotonic())

    app.post(core.GazeLayoutChosen("halves"))
    app.step(time.monotonic())
    assert app.layout is not None and min(app.layout.bar[BAR_MORE_TARGET][2:]) >= 320
    click(BAR_MORE_TARGET)
    click("bar:help")
    assert core.screen_kind(app.state) == "help" and machine.content_targets(app.state) == ()
    click("bar:next")
    rate = app.state.speech_rate
    click("help:slower")
    assert app.state.speech_rate < rate and app.state.help_open
