"""Look and confirm in the core: a switch press, a long blink or a spoken "this" chooses the
target the eyes highlight, and "this" means nothing while no target is highlighted."""

from __future__ import annotations

from dataclasses import replace

from kiosk import core, machine
from kiosk.actions import GAZE_PAUSE_TARGET, Command, Do, Source
from kiosk.core.messages import (
    DeviceMode,
    DeviceRequest,
    GazeLookedAt,
    PlaySound,
    Sound,
    SwitchDown,
    SwitchUp,
)
from kiosk.voice.vocabulary import build_vocabulary


def home(screen_library):
    return machine.demo_state(screen_library, "home")


def opened(state) -> bool:
    return state.place.screen != "home" or state.place.sheet is not None


def test_a_switch_press_chooses_the_highlighted_tile_instead_of_starting_a_scan(screen_library):
    state = home(screen_library)
    first = machine.content_targets(state)[0]
    state, _ = machine.update(state, GazeLookedAt(first.id))
    expected, _ = machine.update(home(screen_library), first.action)
    state, _ = machine.update(state, core.SwitchPressed(1.0))
    assert not state.scan.active
    assert state.place == expected.place
    assert state.gaze_looked_at is None  # the next choice needs a new look


def test_a_switch_key_press_and_release_chooses_the_highlighted_tile(screen_library):
    state = home(screen_library)
    first = machine.content_targets(state)[0]
    expected, _ = machine.update(home(screen_library), first.action)
    state, _ = machine.update(state, GazeLookedAt(first.id))
    state, _ = machine.update(state, SwitchDown(1.0, core.SwitchRole.CHOOSE))
    state, _ = machine.update(state, SwitchUp(1.2))
    assert state.place == expected.place and not state.scan.active


def test_without_a_highlight_the_switch_still_starts_scanning(screen_library):
    state, _ = machine.update(home(screen_library), core.SwitchPressed(1.0))
    assert state.scan.active


def test_saying_this_chooses_the_highlighted_tile_and_means_nothing_otherwise(screen_library):
    state = home(screen_library)
    vocabulary = build_vocabulary(machine.targets(state), confirm_words=True)
    said = vocabulary.action_for("this")
    assert said == Do(Command.CONFIRM_LOOK, Source.VOICE)
    for word in ("open", "yes"):
        assert vocabulary.action_for(word) == said
    unchanged, effects = machine.update(state, said)
    assert replace(unchanged, activity=state.activity) == state  # someone is there, no more
    assert effects == [PlaySound(Sound.ERROR)]
    first = machine.content_targets(state)[0]
    expected, _ = machine.update(state, first.action)
    state, _ = machine.update(state, GazeLookedAt(first.id))
    state, _ = machine.update(state, said)
    assert state.place == expected.place


def test_a_new_screen_forgets_the_highlight(screen_library):
    state = home(screen_library)
    first = machine.content_targets(state)[0]
    state, _ = machine.update(state, GazeLookedAt(first.id))
    state, _ = machine.update(state, Do(Command.HELP, Source.VOICE))
    assert state.gaze_looked_at is None


def test_a_highlight_that_is_no_longer_on_the_screen_is_not_chosen(screen_library):
    state, _ = machine.update(home(screen_library), GazeLookedAt("tile:99"))
    after, effects = machine.update(state, Do(Command.CONFIRM_LOOK, Source.VOICE))
    assert replace(after, activity=state.activity) == state
    assert effects == [PlaySound(Sound.ERROR)]


def test_confirming_the_eye_pause_target_pauses_eye_control(screen_library):
    state, _ = machine.update(home(screen_library), GazeLookedAt(GAZE_PAUSE_TARGET))
    _, effects = machine.update(state, core.SwitchPressed(1.0))
    assert DeviceRequest(DeviceMode.GAZE_PAUSE_TOGGLE) in effects


def test_the_confirm_words_are_offered_to_voice_only_while_a_tile_is_framed(screen_library):
    """A waiting room says "yes" all day: unframed, it is not even listened for."""
    state = home(screen_library)
    assert build_vocabulary(machine.targets(state)).action_for("yes") is None
    first = machine.content_targets(state)[0]
    state, effects = machine.update(state, GazeLookedAt(first.id))
    assert DeviceRequest(DeviceMode.CONFIRM_WORDS_ON) in effects
    state, effects = machine.update(state, GazeLookedAt(first.id))
    assert not any(isinstance(e, DeviceRequest) for e in effects)  # no change, no request
    state, effects = machine.update(state, Do(Command.HELP, Source.VOICE))  # a new screen
    assert state.gaze_looked_at is None
    assert DeviceRequest(DeviceMode.CONFIRM_WORDS_OFF) in effects
