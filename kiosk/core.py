"""The pure core: navigation state and the rules that turn an action into a new state.

`update(state, message) -> (state, effects)` is the only way state changes. Messages
are the inputs' actions (kiosk.actions) plus a few reports from the shell (speech
progress, measured pages). Effects are plain data the shell carries out (speak, stop
speech, play a sound...). Nothing here touches pygame, threads or devices.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from kiosk.actions import Action, Command, Do, Press, Select, Source
from kiosk.content import FactSheet, Library, Section
from kiosk.document import Document, overview_document, section_document

ScreenKind = Literal["sheets", "home", "section", "reader", "help"]
ReadingState = Literal["idle", "reading", "paused"]

TILES_PER_SCREEN = 6
RATE_MIN, RATE_MAX, RATE_STEP = 100, 260, 20
VOLUME_MIN, VOLUME_MAX, VOLUME_STEP = 0.1, 1.0, 0.1

BAR_IDS = ("bar:back", "bar:home", "bar:read", "bar:prev", "bar:next", "bar:help")
HELP_TILE_IDS = (
    "help:slower",
    "help:faster",
    "help:softer",
    "help:louder",
    "help:calibrate",
    "help:privacy",
)


# ---------------------------------------------------------------- messages from the shell
@dataclass(frozen=True)
class PagesMeasured:
    """The view measured where each reader page starts (sentence indices) for a document."""

    document_key: tuple
    page_starts: tuple[int, ...]


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


Message = Action | PagesMeasured | SentenceStarted | ReadingFinished | SpeechFailed


# ---------------------------------------------------------------- effects for the shell
@dataclass(frozen=True)
class SpeakItem:
    key: tuple
    text: str
    kind: str  # "title" | "heading" | "paragraph" | "list_item" | "announce"


@dataclass(frozen=True)
class Speak:
    """Replace whatever is being said with these items."""

    items: tuple[SpeakItem, ...]


@dataclass(frozen=True)
class SpeechControl:
    what: Literal["stop", "pause", "resume"]


@dataclass(frozen=True)
class SetSpeech:
    rate_wpm: int
    volume: float


@dataclass(frozen=True)
class PlaySound:
    name: Literal["select", "error"]


@dataclass(frozen=True)
class DeviceRequest:
    """Ask the shell to change a device mode (calibrate gaze, voice sleep, privacy...)."""

    what: Literal[
        "calibrate",
        "voice sleep",
        "voice wake",
        "privacy on",
        "privacy off",
        "gaze pause toggle",
        "reset session",
    ]


@dataclass(frozen=True)
class Record:
    """A usage event for the log and the clinic's counts (never what a person said)."""

    event: str
    detail: str
    source: str


Effect = Speak | SpeechControl | SetSpeech | PlaySound | DeviceRequest | Record


# ---------------------------------------------------------------- targets on screen
@dataclass(frozen=True)
class Target:
    """Anything selectable on the current screen, by any input."""

    id: str
    number: int | None  # the number shown on a content tile, said by voice
    label: str
    action: Action
    spoken: str = ""  # what is said when it gets focus (defaults to label)

    @property
    def speech(self) -> str:
        return self.spoken or self.label


# ---------------------------------------------------------------- state
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
class State:
    library: Library
    place: Place
    history: tuple[Place, ...] = ()
    help_open: bool = False
    focus: str | None = None
    reading: ReadingState = "idle"
    reading_token: int = 0
    spoken_index: int | None = None  # sentence being spoken (highlighted)
    page_starts: dict = field(default_factory=dict)  # document key -> tuple of sentence indices
    rate_wpm: int = 165
    volume: float = 0.8
    caption: str = ""  # short feedback shown for a few seconds ("Speed: faster")
    last_spoken: str = ""  # for Repeat
    errors: tuple[str, ...] = ()  # staff-visible problems (content, devices)
    privacy: bool = False  # camera and microphone turned off by the person


def initial_state(library: Library, rate_wpm: int = 165, volume: float = 0.8) -> State:
    return State(
        library=library,
        place=_start_place(library),
        rate_wpm=rate_wpm,
        volume=volume,
        errors=tuple(str(e) for e in library.errors),
    )


def _start_place(library: Library) -> Place:
    if len(library.sheets) == 1:
        return Place("home", sheet=0)
    return Place("sheets")


# ---------------------------------------------------------------- queries
def screen_kind(state: State) -> ScreenKind:
    return "help" if state.help_open else state.place.screen


def current_sheet(state: State) -> FactSheet | None:
    if state.place.sheet is None:
        return None
    return state.library.sheets[state.place.sheet]


def current_section(state: State) -> Section | None:
    sheet = current_sheet(state)
    if sheet is None or not state.place.path:
        return None
    section = sheet.sections[state.place.path[0]]
    for index in state.place.path[1:]:
        section = section.subsections[index]
    return section


@dataclass(frozen=True)
class Entry:
    """One item of a tile list before paging."""

    label: str
    spoken: str
    opens: tuple  # ("sheet", i) | ("section", i) | ("overview",)


def _entries(state: State) -> list[Entry]:
    place = state.place
    if place.screen == "sheets":
        return [
            Entry(s.short_title or s.title, s.title, ("sheet", i))
            for i, s in enumerate(state.library.sheets)
        ]
    sheet = current_sheet(state)
    if sheet is None:
        return []
    if place.screen == "home":
        return [
            Entry(s.short_title or s.title, s.title, ("section", i))
            for i, s in enumerate(sheet.sections)
        ]
    if place.screen == "section":
        section = current_section(state)
        assert section is not None
        entries = []
        if section.blocks:
            entries.append(Entry("Overview", f"Overview of {section.title}", ("overview",)))
        entries += [
            Entry(s.short_title or s.title, s.title, ("section", i))
            for i, s in enumerate(section.subsections)
        ]
        return entries
    return []


def _tile_pages(entries: list[Entry]) -> list[list[Entry | None]]:
    """Split entries into screens of at most six tiles; None is the "More" tile."""
    if len(entries) <= TILES_PER_SCREEN:
        return [list(entries)]
    per_page = TILES_PER_SCREEN - 1
    pages: list[list[Entry | None]] = []
    for start in range(0, len(entries), per_page):
        pages.append(list(entries[start : start + per_page]) + [None])
    return pages


def tile_page_count(state: State) -> int:
    return len(_tile_pages(_entries(state)))


def content_targets(state: State) -> tuple[Target, ...]:
    """The numbered tiles of the current tile screen (not the control bar)."""
    if screen_kind(state) == "help":
        return _help_targets(state.privacy)
    pages = _tile_pages(_entries(state))
    page = pages[min(state.place.tile_page, len(pages) - 1)]
    targets = []
    for number, entry in enumerate(page, start=1):
        if entry is None:
            targets.append(Target("more", number, "More", Press("more"), "More topics"))
        else:
            targets.append(
                Target(
                    f"tile:{number}",
                    number,
                    entry.label,
                    Select(number),
                    f"{number}. {entry.spoken}",
                )
            )
    return tuple(targets)


_HELP_TILES = (
    ("help:slower", "Slower", Command.SLOWER),
    ("help:faster", "Faster", Command.FASTER),
    ("help:softer", "Softer", Command.SOFTER),
    ("help:louder", "Louder", Command.LOUDER),
    ("help:calibrate", "Calibrate eyes", Command.CALIBRATE),
    ("help:privacy", "Camera and mic off", Command.PRIVACY),
)
_PRIVACY_OFF_LABEL = "Camera and mic on"


def _help_targets(privacy: bool) -> tuple[Target, ...]:
    tiles = []
    for n, (tid, label, cmd) in enumerate(_HELP_TILES, start=1):
        if cmd is Command.PRIVACY and privacy:
            label = _PRIVACY_OFF_LABEL
        tiles.append(Target(tid, n, label, Do(cmd), f"{n}. {label}"))
    return tuple(tiles)


def bar_targets(state: State) -> tuple[Target, ...]:
    """The control bar: always the same six tiles in the same place."""
    read_label = (
        "Pause"
        if state.reading == "reading"
        else ("Continue" if state.reading == "paused" else "Read")
    )
    return (
        Target("bar:back", None, "Back", Do(Command.BACK), "Go back"),
        Target("bar:home", None, "Home", Do(Command.HOME), "Home"),
        Target("bar:read", None, read_label, Do(Command.READ_OR_PAUSE), read_label),
        Target("bar:prev", None, "Previous", Do(Command.PREVIOUS_PAGE), "Previous page"),
        Target("bar:next", None, "Next", Do(Command.NEXT_PAGE), "Next page"),
        Target(
            "bar:help",
            None,
            "Close help" if state.help_open else "Help",
            Do(Command.HELP),
            "Close help" if state.help_open else "Help",
        ),
    )


def targets(state: State) -> tuple[Target, ...]:
    """Everything selectable now, in focus order: content tiles, then the control bar."""
    return content_targets(state) + bar_targets(state)


def current_document(state: State) -> Document | None:
    if state.place.screen != "reader" or state.place.sheet is None:
        return None
    section = current_section(state)
    assert section is not None
    if state.place.overview:
        return overview_document(state.place.sheet, state.place.path, section)
    return section_document(state.place.sheet, state.place.path, section)


def page_starts(state: State, document: Document | None = None) -> tuple[int, ...]:
    document = document or current_document(state)
    if document is None:
        return (0,)
    return state.page_starts.get(document.key, (0,))


def page_count(state: State) -> int:
    if state.place.screen == "reader" and not state.help_open:
        return len(page_starts(state))
    return tile_page_count(state)


def page_range(state: State, document: Document, page: int) -> tuple[int, int]:
    starts = page_starts(state, document)
    page = max(0, min(page, len(starts) - 1))
    stop = starts[page + 1] if page + 1 < len(starts) else len(document.sentences)
    return starts[page], stop


def page_of_sentence(starts: tuple[int, ...], index: int) -> int:
    page = 0
    for number, start in enumerate(starts):
        if index >= start:
            page = number
    return page


def screen_title(state: State) -> str:
    kind = screen_kind(state)
    if kind == "help":
        return "Help"
    if kind == "sheets":
        return "Choose a topic"
    if kind == "home":
        sheet = current_sheet(state)
        return sheet.title if sheet else ""
    section = current_section(state)
    return section.title if section else ""


HELP_TEXT = (
    "Choose a tile by looking at it until it fills, saying its number or name, or touching it.",
    'Say "read", "pause", "stop", "next page", "go back" or "home".',
    "The tiles below change the voice, set up the eye tracking, or turn the camera and "
    "microphone off.",
    "Keys: arrows or Tab move, Enter chooses, R reads, P pauses, S stops, Backspace goes back.",
)


def help_text(state: State) -> tuple[str, ...]:
    """Help for the screen it was opened from: what can be said there."""
    below = replace(state, help_open=False)
    numbers = [t.number for t in content_targets(below) if t.number is not None]
    if numbers:
        names = ", ".join(f"\u201c{t.label.rstrip('?')}\u201d" for t in content_targets(below)[:2])
        said = (
            f"Here you can say a tile's number (\u201cnumber one\u201d to \u201cnumber "
            f"{_NUMBER_WORDS[max(numbers)]}\u201d) or its name ({names} ...), or "
            "\u201cread\u201d, \u201cnext page\u201d, \u201cgo back\u201d, \u201chome\u201d."
        )
    else:
        said = (
            "Here you can say \u201cread\u201d, \u201cpause\u201d, \u201cstop\u201d, "
            "\u201cnext page\u201d, \u201cprevious page\u201d, \u201cgo back\u201d or "
            "\u201chome\u201d."
        )
    return (HELP_TEXT[0], said, *HELP_TEXT[2:])


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six")


def help_speech(state: State) -> str:
    return " ".join(help_text(state))


def demo_state(library: Library, kind: str) -> State:
    """A representative state of a screen kind, built from real content (for CLIs and tests)."""
    state = initial_state(library)
    if kind in ("sheets", "home"):
        if kind == "home" and state.place.screen == "sheets":
            state, _ = update(state, Select(1))
        return state
    if state.place.screen == "sheets":
        state, _ = update(state, Select(1))
    sheet = current_sheet(state)
    assert sheet is not None
    with_subs = next((i for i, s in enumerate(sheet.sections) if s.subsections), 0)
    if kind == "section":
        return replace(state, place=Place("section", state.place.sheet, (with_subs,)))
    if kind == "reader":
        return replace(state, place=Place("reader", state.place.sheet, (0,)))
    if kind == "help":
        return replace(state, help_open=True)
    raise ValueError(f"unknown screen kind {kind!r}: use sheets, home, section, reader or help")


# ---------------------------------------------------------------- update
def update(state: State, message: Message) -> tuple[State, list[Effect]]:
    """Apply one message. Unknown or impossible requests leave the state and say why."""
    if isinstance(message, PagesMeasured):
        starts = dict(state.page_starts)
        starts[message.document_key] = message.page_starts or (0,)
        state = replace(state, page_starts=starts)
        if state.place.screen == "reader" and state.spoken_index is not None:
            page = page_of_sentence(starts[message.document_key], state.spoken_index)
            state = replace(state, place=replace(state.place, page=page))
        return _clamp_page(state), []
    if isinstance(message, SentenceStarted):
        return _sentence_started(state, message), []
    if isinstance(message, ReadingFinished):
        if message.token != state.reading_token or state.reading == "idle":
            return state, []
        return replace(state, reading="idle", spoken_index=None), []
    if isinstance(message, SpeechFailed):
        return replace(state, reading="idle", spoken_index=None, caption=message.message), []
    state = replace(state, caption="")
    if isinstance(message, Select):
        return _select(state, message)
    if isinstance(message, Press):
        return _press(state, message)
    return _command(state, message.command, message.source)


def _record(event: str, detail: str, source: Source) -> Record:
    return Record(event, detail, source.value)


def _press(state: State, press: Press) -> tuple[State, list[Effect]]:
    if press.target == "more":
        count = tile_page_count(state)
        place = replace(state.place, tile_page=(state.place.tile_page + 1) % count)
        return _arrive(state, place, push=False), [PlaySound("select")]
    for target in targets(state):
        if target.id == press.target:
            action = target.action
            if isinstance(action, Do):
                return update(state, Do(action.command, press.source))
            if isinstance(action, Select):
                return update(state, Select(action.number, press.source))
    return replace(state, caption="That is not on this screen"), []


def _select(state: State, select: Select) -> tuple[State, list[Effect]]:
    tiles = content_targets(state)
    target = next((t for t in tiles if t.number == select.number), None)
    if target is None:
        return replace(state, caption=f"There is no tile {select.number} here"), [
            PlaySound("error")
        ]
    if state.help_open or target.id == "more":
        return update(state, replace(target.action, source=select.source))
    entry = _entries(state)[_entry_index(state, select.number)]
    place = state.place
    effects: list[Effect] = [PlaySound("select")]
    if entry.opens[0] == "sheet":
        new_place = Place("home", sheet=entry.opens[1])
        sheet = state.library.sheets[entry.opens[1]]
        effects.append(_record("open sheet", sheet.title, select.source))
    elif entry.opens[0] == "overview":
        new_place = Place("reader", place.sheet, place.path, overview=True)
        effects.append(_record("open section", entry.spoken, select.source))
    else:
        path = place.path + (entry.opens[1],)
        new_place = Place("reader", place.sheet, path)
        probe = replace(state, place=Place("section", place.sheet, path))
        section = current_section(probe)
        if section is not None and section.subsections:
            new_place = Place("section", place.sheet, path)
        effects.append(_record("open section", entry.spoken, select.source))
    state, stop = _stop_reading(state)
    return _arrive(state, new_place, push=True), stop + effects


def _entry_index(state: State, number: int) -> int:
    per_page = TILES_PER_SCREEN if tile_page_count(state) == 1 else TILES_PER_SCREEN - 1
    return state.place.tile_page * per_page + number - 1


def _arrive(state: State, place: Place, push: bool) -> State:
    history = state.history + (state.place,) if push else state.history
    return replace(state, place=place, history=history, focus=None, help_open=False)


def _stop_reading(state: State) -> tuple[State, list[Effect]]:
    if state.reading == "idle" and state.spoken_index is None:
        return state, []
    token = state.reading_token + 1
    return (
        replace(state, reading="idle", spoken_index=None, reading_token=token),
        [SpeechControl("stop")],
    )


def _clamp_page(state: State) -> State:
    count = page_count(state) if not state.help_open else 1
    place = state.place
    if place.screen == "reader":
        page = max(0, min(place.page, count - 1))
        return replace(state, place=replace(place, page=page))
    page = max(0, min(place.tile_page, tile_page_count(state) - 1))
    return replace(state, place=replace(place, tile_page=page))


def _sentence_started(state: State, message: SentenceStarted) -> State:
    if message.token != state.reading_token or state.reading == "idle":
        return state
    document = current_document(state)
    if document is None:
        return state
    page = page_of_sentence(page_starts(state, document), message.index)
    return replace(
        state,
        spoken_index=message.index,
        last_spoken=document.sentences[message.index].text,
        place=replace(state.place, page=page),
    )


def _read_items(state: State, source: Source = Source.SYSTEM) -> tuple[State, list[Effect]]:
    """Start reading: the reader from the top of its page; a tile screen reads its tiles."""
    token = state.reading_token + 1
    document = current_document(state)
    if document is None or state.help_open:
        text = _screen_speech(state)
        item = SpeakItem(("announce", token), text, "announce")
        return (
            replace(
                state, reading="idle", spoken_index=None, reading_token=token, last_spoken=text
            ),
            [Speak((item,))],
        )
    start, _ = page_range(state, document, state.place.page)
    items = tuple(
        SpeakItem(("sentence", token, i), document.sentences[i].text, document.sentences[i].kind)
        for i in range(start, len(document.sentences))
    )
    state = replace(state, reading="reading", reading_token=token, spoken_index=None)
    return state, [Speak(items), _record("read", document.title, source)]


def _read_section_or_items(state: State, source: Source) -> tuple[State, list[Effect]]:
    """Read on a section's tile screen reads the whole section, subsections included."""
    if state.place.screen == "section" and not state.help_open:
        place = Place("reader", state.place.sheet, state.place.path)
        state = _arrive(state, place, push=True)
    return _read_items(state, source)


def _screen_speech(state: State) -> str:
    if state.help_open:
        return help_speech(state)
    tiles = content_targets(state)
    names = ". ".join(t.speech for t in tiles)
    return f"{screen_title(state)}. {names}."


def _command(state: State, command: Command, source: Source) -> tuple[State, list[Effect]]:
    place = state.place
    if command is Command.HOME:
        state, stop = _stop_reading(state)
        start = _start_place(state.library)
        if place.screen == "home" and start.screen == "sheets":
            start = place  # Home on a sheet's own start screen stays there
        if start == place and not state.help_open:
            return replace(state, caption="This is the home screen"), stop
        return replace(state, place=start, history=(), help_open=False, focus=None), stop
    if command is Command.BACK:
        if state.help_open:
            return replace(state, help_open=False, focus=None), []
        state, stop = _stop_reading(state)
        if not state.history:
            return replace(state, caption="This is the first screen"), stop
        return replace(state, place=state.history[-1], history=state.history[:-1], focus=None), stop
    if command is Command.HELP:
        if state.help_open:
            return replace(state, help_open=False, focus=None), []
        state, stop = _stop_reading(state)
        text = help_speech(state)
        token = state.reading_token + 1
        return (
            replace(state, help_open=True, focus=None, reading_token=token, last_spoken=text),
            stop
            + [
                Speak((SpeakItem(("announce", token), text, "announce"),)),
                _record("help", "", source),
            ],
        )
    if command in (Command.NEXT_PAGE, Command.PREVIOUS_PAGE):
        return _turn_page(state, 1 if command is Command.NEXT_PAGE else -1)
    if command is Command.READ:
        return _read_section_or_items(state, source)
    if command is Command.READ_OR_PAUSE:
        if state.reading == "reading":
            return _command(state, Command.PAUSE, source)
        if state.reading == "paused":
            return _command(state, Command.RESUME, source)
        return _read_section_or_items(state, source)
    if command is Command.PAUSE:
        if state.reading != "reading":
            return replace(state, caption="Nothing is being read"), [SpeechControl("pause")]
        return replace(state, reading="paused"), [SpeechControl("pause")]
    if command is Command.RESUME:
        if state.reading == "paused":
            return replace(state, reading="reading"), [SpeechControl("resume")]
        return _read_items(state, source)
    if command is Command.STOP:
        state, stop = _stop_reading(state)
        return state, stop or [SpeechControl("stop")]
    if command in (Command.FASTER, Command.SLOWER):
        step = RATE_STEP if command is Command.FASTER else -RATE_STEP
        rate = max(RATE_MIN, min(RATE_MAX, state.rate_wpm + step))
        word = "faster" if step > 0 else "slower"
        edge = "fastest" if step > 0 else "slowest"
        caption = f"Speaking {word}" if rate != state.rate_wpm else f"This is the {edge} speed"
        return replace(state, rate_wpm=rate, caption=caption), [SetSpeech(rate, state.volume)]
    if command in (Command.LOUDER, Command.SOFTER):
        step = VOLUME_STEP if command is Command.LOUDER else -VOLUME_STEP
        volume = round(max(VOLUME_MIN, min(VOLUME_MAX, state.volume + step)), 2)
        caption = f"Volume {round(volume * 10)} of 10"
        return replace(state, volume=volume, caption=caption), [SetSpeech(state.rate_wpm, volume)]
    if command is Command.REPEAT:
        if not state.last_spoken:
            return replace(state, caption="Nothing to repeat yet"), []
        token = state.reading_token + 1
        item = SpeakItem(("announce", token), state.last_spoken, "announce")
        return replace(state, reading="idle", spoken_index=None, reading_token=token), [
            Speak((item,))
        ]
    if command in (Command.FOCUS_NEXT, Command.FOCUS_PREVIOUS):
        return _move_focus(state, 1 if command is Command.FOCUS_NEXT else -1)
    if command is Command.ACTIVATE_FOCUS:
        target = next((t for t in targets(state) if t.id == state.focus), None)
        if target is None:
            return _move_focus(state, 1)
        return update(state, Press(target.id, source))
    if command is Command.IDLE_RESET:
        fresh = initial_state(state.library, state.rate_wpm, state.volume)
        fresh = replace(
            fresh,
            page_starts=state.page_starts,
            reading_token=state.reading_token + 1,
            errors=state.errors,
        )
        return fresh, [
            SpeechControl("stop"),
            DeviceRequest("reset session"),
            _record("idle reset", "", source),
        ]
    if command is Command.CALIBRATE:
        state, stop = _stop_reading(state)
        return replace(state, help_open=False), stop + [DeviceRequest("calibrate")]
    if command is Command.SLEEP_VOICE:
        return replace(state, caption='Voice control is asleep. Say "kiosk, wake up"'), [
            DeviceRequest("voice sleep")
        ]
    if command is Command.WAKE_VOICE:
        return replace(state, caption="Voice control is listening"), [DeviceRequest("voice wake")]
    if command is Command.PRIVACY:
        if state.privacy:
            return (
                replace(state, privacy=False, caption="Camera and microphone are on again"),
                [DeviceRequest("privacy off")],
            )
        state, stop = _stop_reading(state)
        return (
            replace(
                state,
                help_open=False,
                privacy=True,
                caption="Camera and microphone are off until the next person",
            ),
            stop + [DeviceRequest("privacy on"), _record("privacy", "", source)],
        )
    if command is Command.GAZE_PAUSE_TOGGLE:
        return state, [DeviceRequest("gaze pause toggle")]
    return replace(state, caption=f"'{command.value}' does nothing here"), []


def _turn_page(state: State, step: int) -> tuple[State, list[Effect]]:
    place = state.place
    if state.help_open:
        return replace(state, caption="Help has one page"), []
    if place.screen != "reader":
        count = tile_page_count(state)
        new = place.tile_page + step
        if not 0 <= new < count:
            return replace(state, caption="There are no more pages"), []
        return replace(state, place=replace(place, tile_page=new), focus=None), []
    count = page_count(state)
    new = place.page + step
    if not 0 <= new < count:
        edge = "last" if step > 0 else "first"
        return replace(state, caption=f"This is the {edge} page"), []
    was_reading = state.reading == "reading"
    state, stop = _stop_reading(state)
    state = replace(state, place=replace(place, page=new))
    if was_reading:  # keep reading from the top of the new page
        state, effects = _read_items(state)
        return state, effects
    return state, stop


def _move_focus(state: State, step: int) -> tuple[State, list[Effect]]:
    order = targets(state)
    ids = [t.id for t in order]
    if state.focus in ids:
        index = (ids.index(state.focus) + step) % len(ids)
    else:
        index = 0 if step > 0 else len(ids) - 1
    target = order[index]
    token = state.reading_token + 1
    effects: list[Effect] = []
    if state.reading == "reading":  # do not talk over the reading; the highlight still moves
        return replace(state, focus=target.id), effects
    item = SpeakItem(("announce", token), target.speech, "announce")
    return (
        replace(state, focus=target.id, reading_token=token, last_spoken=target.speech),
        [Speak((item,))],
    )
