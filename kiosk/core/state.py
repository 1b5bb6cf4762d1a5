"""The core's state: where the person is, what is being read, what the screen says.

Everything is frozen. A new feature adds a field here (with a default) and a handler
module (kiosk/core/handlers.py) or a screen folder (kiosk/screens/).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field, replace
from typing import Literal

from kiosk.actions import Action
from kiosk.content import Library
from kiosk.core.activity import Activity
from kiosk.core.scanning import ScanConfig, ScanState
from kiosk.document import Document
from kiosk.layout import GazeLayoutName
from kiosk.phrases import PhraseBoard, default_board
from kiosk.screens.typing.message import Typing
from kiosk.settings import DEFAULT_SPEECH_RATE, DEFAULT_VOLUME, DEFAULTS

# A screen's name in the SCREENS table (kiosk/screens/table.py): "sheets", "home",
# "section", "reader", "help", "talk", "yesno", "typing" ... A new screen is a new name.
ScreenKind = str
ReadingState = Literal["idle", "reading", "paused"]
SAID = "Said: "  # the caption's prefix: the view shows the rest large; it is not re-spoken


@dataclass(frozen=True)
class Target:
    """Anything selectable on the current screen, by any input."""

    id: str
    number: int | None  # the number shown on a content tile, said by voice
    label: str
    action: Action
    spoken: str = ""  # what is said when it gets focus (defaults to label)
    said: tuple[str, ...] = ()  # voice phrases of an unnumbered target (typing's "speak")

    @property
    def speech(self) -> str:
        return self.spoken or self.label


@dataclass(frozen=True)
class Place:
    """Where the person is, without overlays: a screen and its position."""

    screen: ScreenKind
    sheet: int | None = None
    path: tuple[int, ...] = ()  # section index, then subsection index
    overview: bool = False  # reader shows only a section's text before its subsections
    tile_page: int = 0
    page: int = 0


@dataclass(frozen=True)
class Confirming:
    """A command the listener was unsure of, asked about: Yes does it (as said by
    voice), No, the deadline or any other action drops it (kiosk/core/confirm.py)."""

    action: Action
    label: str  # the target's spoken name: "Next page", "Three, Diagnosis and treatment"
    deadline: float | None = None  # the shell's clock; set by the first Tick after asking


@dataclass(frozen=True)
class State:
    library: Library
    place: Place
    history: tuple[Place, ...] = ()
    help_open: bool = False
    focus: str | None = None
    reading: ReadingState = "idle"
    reading_token: int = 0
    spoken_index: int | None = None  # sentence being spoken (highlighted)
    # document key -> tuple of sentence indices where each reader page starts
    page_starts: dict[Hashable, tuple[int, ...]] = field(default_factory=dict)
    # document key -> the document with over-tall sentences split to fit a page, if any were
    fitted: dict[Hashable, Document] = field(default_factory=dict)
    speech_rate: int = DEFAULT_SPEECH_RATE
    volume: float = DEFAULT_VOLUME
    # the site's speech settings: each new person starts with them (idle reset)
    site_speech_rate: int = DEFAULT_SPEECH_RATE
    site_volume: float = DEFAULT_VOLUME
    caption: str = ""  # short feedback shown for a few seconds ("Speed: faster")
    last_spoken: str = ""  # for Repeat
    last_read: tuple[Hashable, int] | None = None  # (document key, sentence) heard last
    errors: tuple[str, ...] = ()  # staff-visible problems (content, devices)
    privacy: bool = False  # camera and microphone turned off by the person
    # plain-words problems shown to the person, by topic ("gaze", "speech", ...), in order
    notices: tuple[tuple[str, str], ...] = ()
    # switch scanning: where the highlight is, and how it moves (from the settings)
    scan: ScanState = ScanState()
    scan_config: ScanConfig = ScanConfig()
    # the Talk board: the staff's phrases, said at a raised volume
    phrases: PhraseBoard = field(default_factory=default_board)
    talk_volume: float = DEFAULTS.talk_volume
    # targets sized to this person's measured gaze accuracy (kiosk.layout.GAZE_LAYOUTS)
    gaze_layout: GazeLayoutName = "tiles"
    # the target eye control highlights as looked at: a press or "this" chooses it
    gaze_looked_at: str | None = None
    # with larger targets: which page of the control bar shows (kiosk.layout.bar_pages),
    # and which page of help (its text first, then its tiles)
    bar_page: int = 0
    help_page: int = 0
    # the typing screen: the message and the keyboard's page (cleared with the session)
    typing: Typing = Typing()
    # input seen, "still there?", calibration and speaking (kiosk/core/activity.py)
    activity: Activity = Activity()
    # a command the kiosk asks about, and how long it waits for the answer (settings)
    confirming: Confirming | None = None
    voice_confirm_s: float = DEFAULTS.voice_confirm_s


def screen_identity(state: State) -> tuple[Hashable, ...]:
    """What makes a screen another screen (not turning its pages): where the control bar
    shows its first page again."""
    place = state.place
    asking = state.confirming is not None
    return (place.screen, place.sheet, place.path, place.overview, state.help_open, asking)


def start_place(library: Library) -> Place:
    if len(library.sheets) == 1:
        return Place("home", sheet=0)
    return Place("sheets")


def initial_state(
    library: Library, speech_rate: int = DEFAULT_SPEECH_RATE, volume: float = DEFAULT_VOLUME
) -> State:
    return State(
        library=library,
        place=start_place(library),
        speech_rate=speech_rate,
        volume=volume,
        site_speech_rate=speech_rate,
        site_volume=volume,
        errors=tuple(str(e) for e in library.errors),
    )


def fresh_session(
    state: State,
    library: Library | None = None,
    errors: tuple[str, ...] | None = None,
) -> State:
    """The start screen for the next person. Speech settings, device notices and staff
    problems carry over; measured pages too unless the content changed; a new reading
    token makes late speech reports from the last person harmless."""
    new_library = state.library if library is None else library
    fresh = initial_state(new_library, state.speech_rate, state.volume)
    return replace(
        fresh,
        site_speech_rate=state.site_speech_rate,
        site_volume=state.site_volume,
        page_starts=state.page_starts if library is None else {},
        fitted=state.fitted if library is None else {},
        reading_token=state.reading_token + 1,
        errors=state.errors if errors is None else errors,
        notices=state.notices,
        scan_config=state.scan_config,
        phrases=state.phrases,
        talk_volume=state.talk_volume,
        activity=state.activity,
        voice_confirm_s=state.voice_confirm_s,
        typing=Typing(word_model=state.typing.word_model),  # an empty message, same words
    )


def with_notice(state: State, topic: str, text: str | None) -> State:
    """Set (or clear, with None) the notice of one topic, keeping the others' order."""
    others = tuple((t, n) for t, n in state.notices if t != topic)
    if not text:
        return replace(state, notices=others) if others != state.notices else state
    if dict(state.notices).get(topic) == text:
        return state
    kept = tuple((t, text if t == topic else n) for t, n in state.notices)
    if topic in dict(state.notices):
        return replace(state, notices=kept)
    return replace(state, notices=state.notices + ((topic, text),))
