"""The core's reports from the shell and devices: notices, captions, feedback, staff
buttons, reloaded content; and the sound that answers every hands-free action."""

from __future__ import annotations

from pathlib import Path

from kiosk import core, machine
from kiosk.actions import Command, Do, Source
from kiosk.content import load_library
from kiosk.core import (
    ContentLoaded,
    DeviceMode,
    DeviceRequest,
    Feedback,
    Heard,
    NoticeChanged,
    PlaySound,
    RunTask,
    ShellTask,
    Sound,
    StaffButton,
    StaffPressed,
)

CONTENT = Path(__file__).resolve().parents[2] / "content"


def start() -> core.State:
    return core.initial_state(load_library(CONTENT))


def test_notices_keep_their_order_and_go_when_solved():
    state = start()
    for topic, text in (("gaze", "Camera off"), ("voice", "Mic off"), ("gaze", "Camera gone")):
        state, effects = machine.update(state, NoticeChanged(topic, text))
        assert effects == []
    assert state.notices == (("gaze", "Camera gone"), ("voice", "Mic off"))
    state, _ = machine.update(state, NoticeChanged("gaze", None))
    assert state.notices == (("voice", "Mic off"),)


def test_a_fresh_session_keeps_notices_and_problems_but_not_the_last_persons_voice():
    state, _ = machine.update(start(), NoticeChanged("voice", "Mic off"))
    state, _ = machine.update(state, Do(Command.FASTER))
    state, effects = machine.update(state, Do(Command.IDLE_RESET))
    assert state.notices == (("voice", "Mic off"),) and state.speech_rate == 165
    assert DeviceRequest(DeviceMode.RESET_SESSION) in effects


def test_heard_is_a_caption_and_feedback_a_sound():
    state, effects = machine.update(start(), Heard("Heard: next page"))
    assert state.caption == "Heard: next page" and effects == []
    _, effects = machine.update(state, Feedback(Sound.SELECT))
    assert effects == [PlaySound(Sound.SELECT)]


def test_every_hands_free_action_is_answered_with_one_sound():
    state = start()
    for source in (Source.VOICE, Source.GAZE):
        _, effects = machine.update(state, Do(Command.STOP, source))
        assert effects.count(PlaySound(Sound.SELECT)) == 1
    _, effects = machine.update(state, Do(Command.STOP, Source.KEYBOARD))
    assert not any(isinstance(e, PlaySound) for e in effects)
    _, effects = machine.update(state, core.Select(1, Source.VOICE))  # makes its own sound
    assert len([e for e in effects if isinstance(e, PlaySound)]) == 1


def test_staff_buttons_become_shell_tasks():
    state = start()
    expected = {
        StaffButton.EXIT: ShellTask.EXIT,
        StaffButton.RELOAD: ShellTask.RELOAD_CONTENT,
        StaffButton.TEST_SPEECH: ShellTask.TEST_SPEECH,
        StaffButton.CLOSE: ShellTask.CLOSE_STAFF,
        StaffButton.EXPORT_USAGE: ShellTask.EXPORT_USAGE,
    }
    for button, task in expected.items():
        assert machine.update(state, StaffPressed(button))[1] == [RunTask(task)]
    _, effects = machine.update(state, StaffPressed(StaffButton.RECALIBRATE))
    assert effects[0] == RunTask(ShellTask.CLOSE_STAFF)
    assert DeviceRequest(DeviceMode.CALIBRATE) in effects


def test_reloaded_content_starts_a_fresh_session_with_its_notice(tmp_path):
    state, _ = machine.update(start(), core.Select(1))
    (tmp_path / "bad.md").write_text("---\ntitle: broken\n")
    library = load_library(tmp_path)
    errors = tuple(str(e) for e in library.errors)
    state, _ = machine.update(state, ContentLoaded(library, errors, "Content reloaded"))
    assert state.errors == errors and state.caption == "Content reloaded"
    assert dict(state.notices)["content"] == core.CONTENT_NOTICE
    assert state.history == () and state.page_starts == {}
