"""The core's handler tables, in one place: each message type, and each Command of a `Do`
action, to the one function that handles it. A screen's own rules come first
(kiosk/core/screen.py `Screen.rules`); kiosk/machine.py hands both to `Dispatch`.
"""

from __future__ import annotations

from typing import Any

from kiosk.actions import Command, Press, Select
from kiosk.core import (
    confirm,
    gaze_layout,
    navigation,
    presence,
    reading,
    session,
    speech_settings,
    switch,
)
from kiosk.core.messages import (
    CalibrationChanged,
    ContentLoaded,
    Feedback,
    GazeLayoutChosen,
    GazeLookedAt,
    HandInput,
    Heard,
    NoticeChanged,
    PagesMeasured,
    ProblemFound,
    ReadingFinished,
    ScanNameDue,
    ScanTick,
    SentenceStarted,
    SpeakingChanged,
    SpeechFailed,
    StaffPressed,
    StartAfresh,
    SwitchDown,
    SwitchPressed,
    SwitchUp,
    Tick,
    Unsure,
)
from kiosk.core.screen import CommandHandler, Handler

MESSAGE_HANDLERS: dict[type[Any], Handler] = {
    Press: navigation.press,
    Select: navigation.select,
    PagesMeasured: navigation.pages_measured,
    SentenceStarted: reading.sentence_started,
    ReadingFinished: reading.reading_finished,
    SpeechFailed: reading.speech_failed,
    NoticeChanged: session.notice,
    Heard: session.heard,
    ProblemFound: session.problem_found,
    StartAfresh: session.start_afresh,
    Feedback: session.feedback,
    ContentLoaded: session.content_loaded,
    StaffPressed: session.staff,
    GazeLayoutChosen: gaze_layout.gaze_layout_chosen,
    GazeLookedAt: gaze_layout.looked_at,
    ScanTick: switch.scan_tick,
    ScanNameDue: switch.name_due,
    SwitchDown: switch.switch_down,
    SwitchUp: switch.switch_up,
    SwitchPressed: switch.switch_pressed,
    HandInput: presence.hand_input,
    Tick: presence.tick,
    CalibrationChanged: presence.calibration,
    SpeakingChanged: presence.speaking,
    Unsure: confirm.unsure,
}

COMMAND_HANDLERS: dict[Command, CommandHandler] = {
    Command.HOME: navigation.home,
    Command.BACK: navigation.back,
    Command.HELP: navigation.toggle_help,
    Command.NEXT_PAGE: navigation.turn_page,
    Command.PREVIOUS_PAGE: navigation.turn_page,
    Command.FOCUS_NEXT: navigation.move_focus,
    Command.FOCUS_PREVIOUS: navigation.move_focus,
    Command.ACTIVATE_FOCUS: navigation.activate_focus,
    Command.READ: reading.read,
    Command.READ_OR_PAUSE: reading.read_or_pause,
    Command.PAUSE: reading.pause,
    Command.RESUME: reading.resume,
    Command.STOP: reading.stop,
    Command.REPEAT: reading.repeat,
    Command.FASTER: speech_settings.rate,
    Command.SLOWER: speech_settings.rate,
    Command.LOUDER: speech_settings.volume,
    Command.SOFTER: speech_settings.volume,
    Command.IDLE_RESET: session.idle_reset,
    Command.CALIBRATE: session.calibrate,
    Command.SLEEP_VOICE: session.sleep_voice,
    Command.WAKE_VOICE: session.wake_voice,
    Command.PRIVACY: session.privacy,
    Command.GAZE_PAUSE_TOGGLE: session.gaze_pause,
    Command.CONFIRM_LOOK: gaze_layout.confirm_look,
}
