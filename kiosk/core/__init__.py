"""The pure core: the kiosk's state and the rules that turn a message into a new state.

Nothing here touches pygame, threads or devices, and nothing here imports a screen: the
screens (kiosk/screens/) are handed in as a table. The modules, by concern:

- `state`: State, Place, Target, the start screen and a fresh session;
- `messages`: messages into the core (besides actions) and the typed effects out of it;
- `screen`: the Screen interface, the table of them and `FollowUp`;
- `dispatch`: `Dispatch.update`, built from the tables in `handlers` (kiosk/machine.py);
- `navigation`, `reading`, `speech_settings`, `session`, `presence`, `switch`,
  `gaze_layout`: one small handler per message or command;
- `place`, `tiles`, `control_bar`, `transitions`: what the handlers and screens share;
- `words`: what every screen says.

`update` and the queries of the screen shown (targets, title, pages) are kiosk.machine's.
"""

from __future__ import annotations

from kiosk.actions import BAR_IDS, Action, Command, Do, Press, Select, Source
from kiosk.core.messages import (
    ContentLoaded,
    DeviceMode,
    DeviceRequest,
    Effect,
    Feedback,
    GazeLayoutChosen,
    GazeLookedAt,
    Heard,
    Message,
    NoticeChanged,
    PagesMeasured,
    PlaySound,
    ReadingFinished,
    Record,
    Report,
    RunTask,
    ScanTick,
    SentenceStarted,
    SetSpeech,
    ShellTask,
    Sound,
    Speak,
    SpeakItem,
    SpeechCommand,
    SpeechControl,
    SpeechFailed,
    SpeechKey,
    SpeechKind,
    StaffButton,
    StaffPressed,
    SwitchDown,
    SwitchPressed,
    SwitchRole,
    SwitchUp,
)
from kiosk.core.place import (
    current_document,
    current_section,
    current_sheet,
    page_of_sentence,
    page_range,
    page_starts,
)
from kiosk.core.screen import FollowUp, Result, Screen, ScreenTable, screen_kind
from kiosk.core.session import CONTENT_NOTICE
from kiosk.core.state import (
    Place,
    ReadingState,
    ScreenKind,
    State,
    Target,
    fresh_session,
    initial_state,
    start_place,
    with_notice,
)
from kiosk.core.switch import scan_needs_tick
from kiosk.core.tiles import TILES_PER_SCREEN, Entry, paged_by_bar

__all__ = [
    "Action",
    "BAR_IDS",
    "CONTENT_NOTICE",
    "Command",
    "ContentLoaded",
    "DeviceMode",
    "DeviceRequest",
    "Do",
    "Effect",
    "Entry",
    "Feedback",
    "FollowUp",
    "GazeLayoutChosen",
    "GazeLookedAt",
    "Heard",
    "Message",
    "NoticeChanged",
    "PagesMeasured",
    "Place",
    "PlaySound",
    "Press",
    "ReadingFinished",
    "ReadingState",
    "Record",
    "Report",
    "Result",
    "RunTask",
    "ScanTick",
    "Screen",
    "ScreenKind",
    "ScreenTable",
    "Select",
    "SentenceStarted",
    "SetSpeech",
    "ShellTask",
    "Sound",
    "Source",
    "Speak",
    "SpeakItem",
    "SpeechCommand",
    "SpeechControl",
    "SpeechFailed",
    "SpeechKey",
    "SpeechKind",
    "StaffButton",
    "StaffPressed",
    "State",
    "SwitchDown",
    "SwitchPressed",
    "SwitchRole",
    "SwitchUp",
    "TILES_PER_SCREEN",
    "Target",
    "current_document",
    "current_section",
    "current_sheet",
    "fresh_session",
    "initial_state",
    "page_of_sentence",
    "page_range",
    "page_starts",
    "paged_by_bar",
    "scan_needs_tick",
    "screen_kind",
    "start_place",
    "with_notice",
]
