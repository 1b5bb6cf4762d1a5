"""The pure core: navigation state and the rules that turn a message into a new state.

`update(state, message) -> (state, effects)` is the only way state changes. Nothing here
touches pygame, threads or devices. The modules, by concern:

- `state`: State, Place, Target, the start screen and a fresh session;
- `messages`: messages into the core (besides actions) and the typed effects out of it;
- `screens`: queries of what a state shows (tiles, control bar, pages, help text);
- `registry`: `update` and the handler registry (`@on_message`, `@on_command`);
- `navigation`, `reading`, `speech_settings`, `session`: one small handler per message
  or command. A new feature adds a handler module and imports it below.

`from kiosk.core import X` and `core.X` keep working for every public name.
"""

from __future__ import annotations

from kiosk.actions import BAR_IDS, Action, Command, Do, Press, Select, Source

# Handler modules register themselves on import; this order does not matter.
from kiosk.core import navigation, reading, session, speech_settings  # noqa: F401
from kiosk.core.demo import demo_state
from kiosk.core.messages import (
    ContentLoaded,
    DeviceMode,
    DeviceRequest,
    Effect,
    Feedback,
    Heard,
    Message,
    NoticeChanged,
    PagesMeasured,
    PlaySound,
    ReadingFinished,
    Record,
    Report,
    RunTask,
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
)
from kiosk.core.registry import Result, handled_commands, on_command, on_message, update
from kiosk.core.screens import (
    HELP_TEXT,
    HELP_TILE_IDS,
    TILES_PER_SCREEN,
    Entry,
    bar_targets,
    content_targets,
    current_document,
    current_section,
    current_sheet,
    help_speech,
    help_text,
    page_count,
    page_of_sentence,
    page_range,
    page_starts,
    screen_kind,
    screen_title,
    targets,
    tile_page_count,
)
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

__all__ = [
    "BAR_IDS",
    "CONTENT_NOTICE",
    "HELP_TEXT",
    "HELP_TILE_IDS",
    "TILES_PER_SCREEN",
    "Action",
    "Command",
    "ContentLoaded",
    "DeviceMode",
    "DeviceRequest",
    "Do",
    "Effect",
    "Entry",
    "Feedback",
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
    "ScreenKind",
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
    "Target",
    "bar_targets",
    "content_targets",
    "current_document",
    "current_section",
    "current_sheet",
    "demo_state",
    "fresh_session",
    "handled_commands",
    "help_speech",
    "help_text",
    "initial_state",
    "on_command",
    "on_message",
    "page_count",
    "page_of_sentence",
    "page_range",
    "page_starts",
    "screen_kind",
    "screen_title",
    "start_place",
    "targets",
    "tile_page_count",
    "update",
    "with_notice",
]
