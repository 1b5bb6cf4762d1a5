"""The core: actions in, states and effects out, for every screen and control."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kiosk import core, machine
from kiosk.actions import Command, Do, Press, Select, Source
from kiosk.content import Block, FactSheet, Library, Section, load_library
from kiosk.core import (
    ContentLoaded,
    DeviceRequest,
    PagesMeasured,
    PlaySound,
    ReadingFinished,
    SentenceStarted,
    SetSpeech,
    Speak,
    SpeechControl,
)
from kiosk.settings import SPEECH_RATE, VOLUME

CONTENT = Path(__file__).resolve().parents[2] / "content"


def para(text: str, line: int = 1) -> Block:
    return Block(
        "paragraph", text, tuple(s.strip() + "." for s in text.split(".") if s.strip()), line
    )


def section(
    title: str, *blocks: Block, subsections: tuple[Section, ...] = (), short: str = ""
) -> Section:
    return Section(title, short or title, tuple(blocks), subsections, 1)


def sheet(name: str, sections: list[Section]) -> FactSheet:
    return FactSheet(
        Path(f"{name}.md"),
        name,
        name,
        "Test source",
        "No. 1",
        "2025",
        f"Source: {name}",
        tuple(sections),
    )


def small_library(sheets: int = 1, sections: int = 3) -> Library:
    made = []
    for s in range(sheets):
        parts = [
            section(f"Section {i + 1}", para(f"Text {i + 1} one. Text {i + 1} two."))
            for i in range(sections)
        ]
        parts[1] = section(
            "Section 2",
            para("Intro here. More intro."),
            subsections=(
                section("Sub A", para("Alpha one. Alpha two.")),
                section("Sub B", para("Beta one. Beta two.")),
            ),
        )
        made.append(sheet(f"Sheet {s + 1}", parts))
    return Library(tuple(made), ())


def run(state, *messages):
    effects = []
    for message in messages:
        state, new = machine.update(state, message)
        effects.extend(new)
    return state, effects


def test_one_sheet_starts_on_its_sections():
    state = core.initial_state(small_library())
    assert core.screen_kind(state) == "home"
    labels = [t.label for t in machine.content_targets(state)]
    assert labels == ["Section 1", "Section 2", "Section 3", "Talk", "Yes / No"]
    assert [t.number for t in machine.content_targets(state)] == [1, 2, 3, 4, 5]


def test_several_sheets_start_with_a_list_of_sheets():
    state = core.initial_state(small_library(sheets=2))
    assert core.screen_kind(state) == "sheets"
    state, effects = run(state, Select(2, Source.VOICE))
    assert core.screen_kind(state) == "home"
    assert core.current_sheet(state).title == "Sheet 2"
    assert PlaySound("select") in effects
    state, _ = run(state, Do(Command.HOME))
    assert core.screen_kind(state) == "home", "Home on a sheet's start screen stays there"
    state, _ = run(state, Do(Command.BACK))
    assert core.screen_kind(state) == "sheets"


def test_section_without_subsections_opens_the_reader():
    state, _ = run(core.initial_state(small_library()), Select(1))
    assert core.screen_kind(state) == "reader"
    document = core.current_document(state)
    assert document.sentences[0].text == "Section 1"
    assert [s.text for s in document.sentences[1:]] == ["Text 1 one.", "Text 1 two."]


def test_section_with_subsections_shows_overview_and_subsection_tiles():
    state, _ = run(core.initial_state(small_library()), Select(2))
    assert core.screen_kind(state) == "section"
    assert [t.label for t in machine.content_targets(state)] == ["Overview", "Sub A", "Sub B"]
    overview, _ = run(state, Select(1))
    assert [s.text for s in core.current_document(overview).sentences] == [
        "Section 2",
        "Intro here.",
        "More intro.",
    ]
    sub, _ = run(state, Select(3))
    assert core.current_document(sub).title == "Sub B"
    back, _ = run(sub, Do(Command.BACK))
    assert core.screen_kind(back) == "section"
    home, _ = run(sub, Do(Command.HOME))
    assert core.screen_kind(home) == "home" and home.history == ()


def test_select_a_missing_tile_says_so():
    state, effects = run(core.initial_state(small_library()), Select(9))
    assert core.screen_kind(state) == "home"
    assert "no tile 9" in state.caption
    assert PlaySound("error") in effects


def test_more_than_six_tiles_are_paged_with_a_more_tile():
    state = core.initial_state(small_library(sections=9))
    tiles = machine.content_targets(state)
    assert len(tiles) == 8 and tiles[5].id == "more" and tiles[5].number == 6
    assert [t.label for t in tiles[6:]] == ["Talk", "Yes / No"]  # on every page
    assert machine.tile_page_count(state) == 2
    state, _ = run(state, Press("more", Source.GAZE))
    tiles = machine.content_targets(state)
    assert [t.label for t in tiles[:-3]] == ["Section 6", "Section 7", "Section 8", "Section 9"]
    state, _ = run(state, Select(2))
    assert core.current_document(state).title == "Section 7"


def test_next_and_previous_go_round_a_tile_list_and_read_says_the_page():
    state = core.initial_state(small_library(sections=9))
    assert machine.content_targets(state)[5].id == "more", "the usual layout keeps More"
    state, _ = run(state, Do(Command.NEXT_PAGE))
    assert state.place.tile_page == 1 and not state.caption
    state, _ = run(state, Do(Command.NEXT_PAGE))
    assert state.place.tile_page == 0 and state.caption == "Back to the first page, 1 of 2"
    state, _ = run(state, Do(Command.PREVIOUS_PAGE))
    assert state.place.tile_page == 1 and "last page" in state.caption
    state, effects = run(state, Do(Command.READ))
    said = next(e for e in effects if isinstance(e, Speak)).items[0].text
    assert said.startswith("Sheet 1. Page 2 of 2. 1. Section 6."), said
    one_page = core.initial_state(small_library())
    one_page, _ = run(one_page, Do(Command.NEXT_PAGE))
    assert one_page.caption == "There are no more pages"


def test_read_speaks_from_top_of_page_and_highlight_follows_audio():
    state, _ = run(core.initial_state(small_library()), Select(1))
    document = core.current_document(state)
    state, _ = run(state, PagesMeasured(document.key, (0, 2)))
    assert machine.page_count(state) == 2
    state, effects = run(state, Do(Command.READ))
    speak = next(e for e in effects if isinstance(e, Speak))
    assert [i.text for i in speak.items] == ["Section 1", "Text 1 one.", "Text 1 two."]
    assert state.reading == "reading" and state.spoken_index is None
    token = state.reading_token
    state, _ = run(state, SentenceStarted(token, 2))
    assert state.spoken_index == 2
    assert state.place.page == 1, "reading turns the page when the sentence on it starts"
    stale, _ = run(state, SentenceStarted(token - 1, 0))
    assert stale.spoken_index == 2, "events from an older reading are ignored"
    state, _ = run(state, ReadingFinished(token))
    assert state.reading == "idle" and state.spoken_index is None


def test_read_pause_resume_stop_cycle():
    state, _ = run(core.initial_state(small_library()), Select(1))
    state, effects = run(state, Do(Command.READ_OR_PAUSE))
    assert state.reading == "reading"
    assert next(t for t in machine.bar_targets(state) if t.id == "bar:read").label == "Pause"
    state, effects = run(state, Do(Command.READ_OR_PAUSE))
    assert state.reading == "paused" and SpeechControl("pause") in effects
    assert next(t for t in machine.bar_targets(state) if t.id == "bar:read").label == "Continue"
    state, effects = run(state, Do(Command.RESUME))
    assert state.reading == "reading" and SpeechControl("resume") in effects
    state, effects = run(state, Do(Command.STOP))
    assert state.reading == "idle" and SpeechControl("stop") in effects


def test_next_page_while_reading_reads_from_new_page():
    state, _ = run(core.initial_state(small_library()), Select(1))
    document = core.current_document(state)
    state, _ = run(state, PagesMeasured(document.key, (0, 2)), Do(Command.READ))
    state, effects = run(state, Do(Command.NEXT_PAGE))
    assert state.place.page == 1
    speak = next(e for e in effects if isinstance(e, Speak))
    assert [i.text for i in speak.items] == ["Text 1 two."]
    state, _ = run(state, Do(Command.NEXT_PAGE))
    assert state.caption == "This is the last page"
    state, _ = run(state, Do(Command.PREVIOUS_PAGE), Do(Command.PREVIOUS_PAGE))
    assert state.place.page == 0 and state.caption == "This is the first page"


def test_read_on_a_tile_screen_reads_the_tiles():
    state, effects = run(core.initial_state(small_library()), Do(Command.READ))
    speak = next(e for e in effects if isinstance(e, Speak))
    assert "1. Section 1" in speak.items[0].text and "3. Section 3" in speak.items[0].text


def test_rate_and_volume_stay_within_bounds():
    state = core.initial_state(small_library())
    for _ in range(20):
        state, effects = run(state, Do(Command.FASTER))
    assert (
        state.speech_rate == SPEECH_RATE.high
        and SetSpeech(SPEECH_RATE.high, state.volume) in effects
    )
    assert "fastest" in state.caption
    for _ in range(20):
        state, _ = run(state, Do(Command.SLOWER), Do(Command.SOFTER))
    assert state.speech_rate == SPEECH_RATE.low and state.volume == pytest.approx(VOLUME.low)
    state, _ = run(state, Do(Command.LOUDER))
    assert state.volume == pytest.approx(0.2)


def test_keyboard_focus_moves_and_speaks_tile_names():
    state = core.initial_state(small_library())
    state, effects = run(state, Do(Command.FOCUS_NEXT))
    assert state.focus == "tile:1"
    assert next(e for e in effects if isinstance(e, Speak)).items[0].text == "1. Section 1"
    state, _ = run(state, Do(Command.FOCUS_NEXT), Do(Command.FOCUS_PREVIOUS))
    assert state.focus == "tile:1"
    state, _ = run(state, Do(Command.FOCUS_PREVIOUS))
    assert state.focus == "bar:help", "focus wraps around to the control bar"
    state, _ = run(state, Do(Command.FOCUS_NEXT), Do(Command.FOCUS_NEXT))
    state, _ = run(state, Do(Command.ACTIVATE_FOCUS))
    assert core.screen_kind(state) == "section"


def test_help_opens_speaks_and_offers_tiles_for_every_setting():
    state = core.initial_state(small_library())
    state, effects = run(state, Do(Command.HELP))
    assert core.screen_kind(state) == "help"
    assert any(isinstance(e, Speak) for e in effects)
    labels = [t.label for t in machine.content_targets(state)]
    assert labels == [
        "Slower",
        "Faster",
        "Softer",
        "Louder",
        "Calibrate eyes",
        "Camera and mic off",
    ]
    state, effects = run(state, Select(2))
    assert state.speech_rate == 185 and core.screen_kind(state) == "help"
    state, effects = run(state, Select(5))
    assert DeviceRequest("calibrate") in effects and not state.help_open
    state, _ = run(state, Do(Command.HELP), Do(Command.BACK))
    assert core.screen_kind(state) == "home"


def test_every_bar_tile_does_something_on_every_screen():
    for kind in ("home", "section", "reader", "help"):
        library = small_library()
        state = machine.demo_state(library, kind)
        for target in machine.bar_targets(state):
            new, effects = machine.update(state, Press(target.id, Source.POINTER))
            assert new != state or effects, f"{target.id} did nothing on {kind}"


def test_idle_reset_returns_to_start_and_resets_devices():
    state, _ = run(
        core.initial_state(small_library()),
        Select(2),
        Select(2),
        Do(Command.READ),
        Do(Command.FASTER),
    )
    state, effects = run(state, Do(Command.IDLE_RESET))
    assert core.screen_kind(state) == "home" and state.history == ()
    assert state.reading == "idle"
    assert SpeechControl("stop") in effects and DeviceRequest("reset session") in effects


def test_idle_reset_brings_back_the_sites_volume_and_speed():
    """EN 301 549 5.1.3.13: the next person does not inherit a loud or fast voice."""
    state, _ = run(
        core.initial_state(small_library(), speech_rate=140, volume=0.5),
        Do(Command.LOUDER),
        Do(Command.LOUDER),
        Do(Command.FASTER),
    )
    assert (state.speech_rate, state.volume) == (160, 0.7)
    state, _ = run(state, ContentLoaded(state.library, ()))  # a reload keeps them
    assert (state.speech_rate, state.volume) == (160, 0.7)
    state, effects = run(state, Do(Command.IDLE_RESET))
    assert (state.speech_rate, state.volume) == (140, 0.5)
    assert SetSpeech(140, 0.5) in effects
    state, _ = run(state, Do(Command.FASTER), Do(Command.IDLE_RESET))
    assert state.speech_rate == 140, "the site's value, every time"


def reading(state, *started: int):
    """Read, with the player reporting these sentences as started."""
    state, _ = run(state, Do(Command.READ))
    for index in started:
        state, _ = run(state, SentenceStarted(state.reading_token, index))
    return state


def test_repeat_says_the_sentence_being_read_again_and_carries_on():
    state, _ = run(core.initial_state(small_library()), Select(1))
    state = reading(state, 0, 1)
    state, effects = run(state, Do(Command.REPEAT))
    speak = next(e for e in effects if isinstance(e, Speak))
    assert [i.text for i in speak.items] == ["Text 1 one.", "Text 1 two."], "from it, onward"
    assert state.reading == "reading"
    assert [i.key.sentence for i in speak.items] == [1, 2], "the highlight follows"


def test_repeat_after_the_reading_ended_says_the_last_sentence_read():
    state, _ = run(core.initial_state(small_library()), Select(1))
    state = reading(state, 0, 1, 2)
    state, _ = run(state, ReadingFinished(state.reading_token))
    state, effects = run(state, Do(Command.REPEAT))
    speak = next(e for e in effects if isinstance(e, Speak))
    assert [i.text for i in speak.items] == ["Text 1 two."]
    state, _ = run(state, Do(Command.STOP), Do(Command.BACK), Select(2))
    state, effects = run(state, Do(Command.REPEAT))
    speak = next(e for e in effects if isinstance(e, Speak))
    assert speak.items[0].key.sentence is None, "another section: the last thing said"


def test_repeat_says_the_last_thing_again():
    state = core.initial_state(small_library())
    state, _ = run(state, Do(Command.REPEAT))
    assert state.caption == "Nothing to repeat yet"
    state, _ = run(state, Do(Command.FOCUS_NEXT))
    state, effects = run(state, Do(Command.REPEAT))
    assert next(e for e in effects if isinstance(e, Speak)).items[0].text == "1. Section 1"


def test_privacy_and_voice_sleep_requests():
    state = core.initial_state(small_library())
    _, effects = run(state, Do(Command.PRIVACY))
    assert DeviceRequest("privacy on") in effects
    _, effects = run(state, Do(Command.SLEEP_VOICE))
    assert DeviceRequest("voice sleep") in effects
    _, effects = run(state, Do(Command.WAKE_VOICE))
    assert DeviceRequest("voice wake") in effects


def test_press_unknown_target_is_reported_not_crashed():
    state, effects = run(core.initial_state(small_library()), Press("bar:nothing"))
    assert state.caption == "That is not on this screen" and effects == []


def test_demo_states_on_real_content():
    library = load_library(CONTENT)
    assert library.sheets, library.errors
    for kind in ("home", "section", "reader", "help"):
        state = machine.demo_state(library, kind)
        assert core.screen_kind(state) == kind
        assert machine.targets(state)
    with pytest.raises(ValueError):
        machine.demo_state(library, "nowhere")


def test_whole_real_fact_sheet_is_reachable():
    """Every section and subsection of the ALS sheet can be opened and has text."""
    library = load_library(CONTENT)
    state = core.initial_state(library)
    opened = []

    def visit(state):
        for target in machine.content_targets(state):
            new, _ = machine.update(state, Select(target.number))
            if core.screen_kind(new) in ("talk", "yesno"):
                continue  # the phrase board: tested in test_talk.py
            if core.screen_kind(new) == "reader":
                document = core.current_document(new)
                assert len(document.sentences) > 1
                opened.append(document.title)
            else:
                visit(new)

    visit(state)
    sheet = library.sheets[0]
    titles = {s.title for s in sheet.sections if not s.subsections} | {
        sub.title for s in sheet.sections for sub in s.subsections
    }
    assert titles <= set(opened)
    assert {s.title for s in sheet.sections if s.blocks} <= set(opened), "overviews"


def test_read_on_a_section_screen_reads_the_whole_section():
    state, _ = run(core.initial_state(small_library()), Select(2))
    state, effects = run(state, Do(Command.READ))
    assert core.screen_kind(state) == "reader" and state.reading == "reading"
    speak = next(e for e in effects if isinstance(e, Speak))
    assert [i.text for i in speak.items] == [
        "Section 2",
        "Intro here.",
        "More intro.",
        "Sub A",
        "Alpha one.",
        "Alpha two.",
        "Sub B",
        "Beta one.",
        "Beta two.",
    ]
    state, _ = run(state, Do(Command.BACK))
    assert core.screen_kind(state) == "section"


def test_empty_library_has_no_tiles_but_a_bar():
    state = core.initial_state(Library((), ()))
    # Without any fact sheet the Talk board still works.
    assert [t.label for t in machine.content_targets(state)] == ["Talk", "Yes / No"]
    assert len(machine.bar_targets(state)) == 6
    state, _ = run(state, Do(Command.READ), Do(Command.HOME), Do(Command.BACK))
    assert core.screen_kind(state) == "sheets"


def test_page_of_sentence():
    assert core.page_of_sentence((0, 5, 9), 0) == 0
    assert core.page_of_sentence((0, 5, 9), 5) == 1
    assert core.page_of_sentence((0, 5, 9), 12) == 2


def test_speech_failure_is_shown_and_stops_reading():
    state, _ = run(core.initial_state(small_library()), Select(1), Do(Command.READ))
    state, _ = run(state, core.SpeechFailed("Reading aloud is not working"))
    assert state.reading == "idle" and state.caption == "Reading aloud is not working"
    assert replace(state, caption="") != state


def test_privacy_toggles_and_is_cleared_for_the_next_person():
    state = core.initial_state(small_library())
    state, effects = run(state, Do(Command.PRIVACY))
    assert state.privacy and DeviceRequest("privacy on") in effects
    state, _ = run(state, Do(Command.HELP))
    assert "Camera and mic on" in [t.label for t in machine.content_targets(state)]
    state, effects = run(state, Do(Command.PRIVACY))
    assert not state.privacy and DeviceRequest("privacy off") in effects
    state, _ = run(state, Do(Command.PRIVACY), Do(Command.IDLE_RESET))
    assert not state.privacy
