"""Messages into the core (besides the inputs' actions) and effects out of it.

Messages are plain frozen values: the inputs' actions (kiosk.actions) and reports from
the shell and the devices (speech progress, measured pages, a device's notice, what the
recognizer heard). Effects are plain data the shell carries out (speak, stop speech,
play a sound, change a device mode, count a usage event). Every kind of request is an
enum, never a string compared in several files.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from enum import Enum

from kiosk.actions import Action
from kiosk.content import Library
from kiosk.document import Document
from kiosk.layout import GazeLayoutName
from kiosk.phrases import PhraseBoard
from kiosk.screens.typing.prediction import WordModel


# ---------------------------------------------------------------- messages from the shell
@dataclass(frozen=True)
class PagesMeasured:
    """The view measured where each reader page starts (sentence indices) for a document."""

    document_key: Hashable
    page_starts: tuple[int, ...]
    # The document as measured when sentences too tall for one page had to be split into
    # pieces (kiosk/textflow.py fit_document); its page starts count those pieces.
    document: Document | None = None


@dataclass(frozen=True)
class SentenceStarted:
    """The speech player started playing the audio of this sentence."""

    token: int
    index: int


@dataclass(frozen=True)
class ReadingFinished:
    token: int


@dataclass(frozen=True)
class SpeechFailed:
    message: str


@dataclass(frozen=True)
class NoticeChanged:
    """A device or part of the shell has a plain-words problem to show (None = solved).

    `topic` names who reports it ("gaze", "voice", "speech", "sound", "content")."""

    topic: str
    text: str | None


@dataclass(frozen=True)
class Heard:
    """Feedback on what the recognizer understood ("Heard: next page") or did not."""

    caption: str


class Sound(str, Enum):
    SELECT = "select"
    ERROR = "error"


@dataclass(frozen=True)
class Feedback:
    """A device wants the person to hear that something was taken (e.g. gaze pause)."""

    sound: Sound


@dataclass(frozen=True)
class ContentLoaded:
    """The shell (re)loaded the fact sheets: start a fresh session on them."""

    library: Library
    errors: tuple[str, ...]
    caption: str = ""
    phrases: PhraseBoard | None = None  # the Talk board, reloaded with the fact sheets
    # The typing screen's word model for this content (None: keep the one there is).
    word_model: WordModel | None = None


class StaffButton(str, Enum):
    """The staff screen's buttons, in screen order (the value is the label's id)."""

    EXIT = "exit"
    RELOAD = "reload"
    TEST_SPEECH = "test speech"
    CLOSE = "close"
    EXPORT_USAGE = "export usage"
    RECALIBRATE = "recalibrate"
    HEADPHONES = "headphones"


@dataclass(frozen=True)
class StaffPressed:
    """A staff-screen button (or its number key) was pressed."""

    button: StaffButton


@dataclass(frozen=True)
class GazeLayoutChosen:
    """Eye control measured this person's accuracy and asks for targets that size:
    "tiles" (the usual screen), "large" or "halves" (kiosk.layout.GAZE_LAYOUTS)."""

    layout: GazeLayoutName


@dataclass(frozen=True)
class GazeLookedAt:
    """The target eye control highlights as looked at now (None: none). A switch press, a
    long blink or a spoken "this" chooses it (look and confirm, kiosk.gaze.confirm)."""

    target: str | None


class SwitchRole(str, Enum):
    """What a switch does: in automatic scanning every switch chooses; in step scanning
    one moves the highlight and the other chooses."""

    CHOOSE = "choose"
    MOVE = "move"


@dataclass(frozen=True)
class SwitchDown:
    """A switch (key, mouse button) closed at `time`; it counts once held long enough."""

    time: float
    role: SwitchRole = SwitchRole.CHOOSE


@dataclass(frozen=True)
class SwitchUp:
    time: float


@dataclass(frozen=True)
class SwitchPressed:
    """A press already known to be deliberate (a long blink): it counts at once."""

    time: float
    role: SwitchRole = SwitchRole.CHOOSE


@dataclass(frozen=True)
class ScanTick:
    """Time passes for switch scanning (the shell sends one per frame while it runs)."""

    time: float


@dataclass(frozen=True)
class ScanNameDue:
    """Switch scanning reached a row or a target whose name is said (a follow-up of the
    switch's messages, applied after any choice made before it)."""

    text: str


SwitchMessage = SwitchDown | SwitchUp | SwitchPressed | ScanTick | ScanNameDue


@dataclass(frozen=True)
class HandInput:
    """A person pressed a key, touched the screen or pressed a switch at `time`; `then`
    is what it asks for (None: a touch that hit no target). It shows someone is there,
    and during eye calibration it cancels the calibration instead of acting."""

    time: float
    then: Action | SwitchDown | SwitchUp | None = None


@dataclass(frozen=True)
class Tick:
    """Time passes (one per frame): the idle and "still there?" rules run on it.
    `face_on_screen`: eye control sees a face looking at the screen."""

    time: float
    face_on_screen: bool = False


@dataclass(frozen=True)
class ProblemFound:
    """A problem for the staff screen (sound output, the pronunciation list): kept once."""

    text: str


@dataclass(frozen=True)
class StartAfresh:
    """The shell recovered from an error in a frame: the start screen, a new session."""


@dataclass(frozen=True)
class CalibrationChanged:
    """Eye control started (True) or ended (False) a calibration."""

    active: bool


@dataclass(frozen=True)
class SpeakingChanged:
    """The speech player started (True) or stopped (False) making sound."""

    speaking: bool


@dataclass(frozen=True)
class Unsure:
    """The listener was unsure of this one command (between it and nothing): the kiosk
    may ask about it ("Next page? Say yes, or look at Yes.")."""

    action: Action


Report = (
    PagesMeasured
    | SentenceStarted
    | ReadingFinished
    | SpeechFailed
    | NoticeChanged
    | Heard
    | Feedback
    | ContentLoaded
    | StaffPressed
    | GazeLayoutChosen
    | GazeLookedAt
    | SwitchMessage
    | HandInput
    | Tick
    | CalibrationChanged
    | SpeakingChanged
    | ProblemFound
    | StartAfresh
    | Unsure
)
Message = Action | Report


# ---------------------------------------------------------------- effects for the shell
class SpeechKind(str, Enum):
    """How a spoken item is paced (the pause after it)."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    ANNOUNCE = "announce"


@dataclass(frozen=True)
class SpeechKey:
    """Which reading an item belongs to (token) and, for the reader, which sentence."""

    token: int
    sentence: int | None = None  # None: an announcement (tile name, help, message)


@dataclass(frozen=True)
class SpeakItem:
    key: SpeechKey
    text: str
    kind: SpeechKind | str
    volume: float | None = None  # None: the kiosk's volume; a phrase is said louder


@dataclass(frozen=True)
class Speak:
    """Replace whatever is being said with these items.

    `polite` speech (a scanned tile's name) is said only when nothing else is being said,
    so it never cuts off a phrase, the help text or a reading."""

    items: tuple[SpeakItem, ...]
    polite: bool = False


class SpeechCommand(str, Enum):
    """The value is the speech player's method name."""

    STOP = "stop"
    PAUSE = "pause"
    RESUME = "resume"


@dataclass(frozen=True)
class SpeechControl:
    what: SpeechCommand


@dataclass(frozen=True)
class SetSpeech:
    speech_rate: int
    volume: float


@dataclass(frozen=True)
class PlaySound:
    name: Sound


class DeviceMode(str, Enum):
    """What the shell asks the devices to do."""

    CALIBRATE = "calibrate"
    CANCEL_CALIBRATION = "cancel calibration"
    VOICE_SLEEP = "voice sleep"
    VOICE_WAKE = "voice wake"
    PRIVACY_ON = "privacy on"
    PRIVACY_OFF = "privacy off"
    GAZE_PAUSE_TOGGLE = "gaze pause toggle"
    RESET_SESSION = "reset session"
    # Look and confirm: "this", "open", "yes" are listened for only while a tile is framed.
    CONFIRM_WORDS_ON = "confirm words on"
    CONFIRM_WORDS_OFF = "confirm words off"
    # A trigger from elsewhere chose the target the eyes highlight, and Back (perhaps
    # undoing a choice just made): eye control learns from confirmed looks (kiosk.gaze.refit).
    GAZE_CHOSEN = "gaze chosen"
    GAZE_BACK = "gaze back"


@dataclass(frozen=True)
class DeviceRequest:
    """Ask the shell to change a device mode (calibrate gaze, voice sleep, privacy...)."""

    what: DeviceMode


@dataclass(frozen=True)
class Record:
    """A usage event for the log and the clinic's counts (never what a person said)."""

    event: str
    detail: str
    source: str


class ShellTask(str, Enum):
    """Work only the shell can do (files, the window, the speech engine)."""

    EXIT = "exit"
    RELOAD_CONTENT = "reload content"
    TEST_SPEECH = "test speech"
    EXPORT_USAGE = "export usage"
    CLOSE_STAFF = "close staff"
    TOGGLE_HEADPHONES = "toggle headphones"


@dataclass(frozen=True)
class RunTask:
    task: ShellTask


@dataclass(frozen=True)
class LogLine:
    """A plain-words line for the site's log (never what a person said or chose)."""

    text: str


@dataclass(frozen=True)
class SwitchChose:
    """One switch chose this action inside the core (scanning, or confirming a look), where
    the shell does not see it: the shell counts it as the switch's choice."""

    action: Action


Effect = (
    Speak
    | SpeechControl
    | SetSpeech
    | PlaySound
    | DeviceRequest
    | Record
    | RunTask
    | LogLine
    | SwitchChose
)
