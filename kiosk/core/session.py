"""Handlers for the session and the devices: idle reset, privacy, calibration, voice
sleep, device notices and feedback, content reloads and the staff screen's buttons."""

from __future__ import annotations

from dataclasses import replace

import kiosk.core.words as words
from kiosk.actions import Command, Do, Source
from kiosk.core.messages import (
    ContentLoaded,
    DeviceMode,
    DeviceRequest,
    Feedback,
    Heard,
    NoticeChanged,
    PlaySound,
    ProblemFound,
    RunTask,
    SetSpeech,
    ShellTask,
    SpeechCommand,
    SpeechControl,
    StaffButton,
    StaffPressed,
    StartAfresh,
)
from kiosk.core.screen import FollowUp, Result, ScreenTable
from kiosk.core.state import State, fresh_session, with_notice
from kiosk.core.transitions import record, stop_reading

CONTENT_NOTICE = words.CONTENT_NOTICE


def idle_reset(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    """The next person starts afresh, with the site's volume and speed (EN 301 549
    5.1.3.13: volume reset after each use), not the last person's loud or fast voice."""
    state = fresh_session(state)
    state = replace(state, speech_rate=state.site_speech_rate, volume=state.site_volume)
    return state, [
        SpeechControl(SpeechCommand.STOP),
        SetSpeech(state.speech_rate, state.volume),
        DeviceRequest(DeviceMode.RESET_SESSION),
        record("idle reset", "", source),
    ]


def calibrate(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    state, stop = stop_reading(state)
    return replace(state, help_open=False), [*stop, DeviceRequest(DeviceMode.CALIBRATE)]


def sleep_voice(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    return replace(state, caption=words.VOICE_ASLEEP), [DeviceRequest(DeviceMode.VOICE_SLEEP)]


def wake_voice(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    return replace(state, caption=words.VOICE_LISTENING), [DeviceRequest(DeviceMode.VOICE_WAKE)]


def privacy(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    if state.privacy:
        return (
            replace(state, privacy=False, caption=words.PRIVACY_OFF),
            [DeviceRequest(DeviceMode.PRIVACY_OFF)],
        )
    state, stop = stop_reading(state)
    return (
        replace(
            state,
            help_open=False,
            privacy=True,
            caption=words.PRIVACY_ON,
        ),
        [*stop, DeviceRequest(DeviceMode.PRIVACY_ON), record("privacy", "", source)],
    )


def gaze_pause(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    return state, [DeviceRequest(DeviceMode.GAZE_PAUSE_TOGGLE)]


def notice(state: State, message: NoticeChanged, screens: ScreenTable) -> Result:
    return with_notice(state, message.topic, message.text), []


def problem_found(state: State, message: ProblemFound, screens: ScreenTable) -> Result:
    if message.text in state.errors:  # once, not per retry
        return state, []
    return replace(state, errors=(*state.errors, message.text)), []


def start_afresh(state: State, message: StartAfresh, screens: ScreenTable) -> Result:
    return fresh_session(state), []


def heard(state: State, message: Heard, screens: ScreenTable) -> Result:
    return replace(state, caption=message.caption), []


def feedback(state: State, message: Feedback, screens: ScreenTable) -> Result:
    return state, [PlaySound(message.sound)]


def content_loaded(state: State, message: ContentLoaded, screens: ScreenTable) -> Result:
    state = fresh_session(state, message.library, message.errors)
    if message.phrases is not None:
        state = replace(state, phrases=message.phrases)
    if message.word_model is not None:
        state = replace(state, typing=replace(state.typing, word_model=message.word_model))
    broken = message.library.errors or state.phrases.errors
    state = with_notice(state, "content", CONTENT_NOTICE if broken else None)
    return replace(state, caption=message.caption), []


_STAFF_TASKS = {
    StaffButton.EXIT: ShellTask.EXIT,
    StaffButton.RELOAD: ShellTask.RELOAD_CONTENT,
    StaffButton.TEST_SPEECH: ShellTask.TEST_SPEECH,
    StaffButton.CLOSE: ShellTask.CLOSE_STAFF,
    StaffButton.EXPORT_USAGE: ShellTask.EXPORT_USAGE,
    StaffButton.HEADPHONES: ShellTask.TOGGLE_HEADPHONES,
}


def staff(state: State, message: StaffPressed, screens: ScreenTable) -> Result:
    if message.button is StaffButton.RECALIBRATE:
        return state, [
            RunTask(ShellTask.CLOSE_STAFF),
            FollowUp(Do(Command.CALIBRATE, Source.KEYBOARD)),
        ]
    return state, [RunTask(_STAFF_TASKS[message.button])]
