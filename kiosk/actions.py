"""Actions: the one language every input speaks.

Keyboard, touch, voice, gaze and switch all turn what the person did into one of
these plain values and put it on the action queue. The core decides what it means
on the current screen. `Action.name` is the stable, human-readable name used in
logs, usage counts and the command-line tools (for example "select 3").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum


class Source(str, Enum):
    """Which input produced an action (for usage counts and for feedback)."""

    KEYBOARD = "keyboard"
    POINTER = "touch"
    VOICE = "voice"
    GAZE = "gaze"
    SWITCH = "switch"
    SYSTEM = "system"


class Command(str, Enum):
    """Actions that need no argument. The value is the action's name."""

    BACK = "back"
    HOME = "home"
    READ = "read"  # read the current page / section aloud from the start of the page
    PAUSE = "pause"
    RESUME = "continue"
    STOP = "stop"
    READ_OR_PAUSE = "read or pause"  # the one Read / Pause control-bar tile
    NEXT_PAGE = "next page"
    PREVIOUS_PAGE = "previous page"
    LOUDER = "louder"
    SOFTER = "softer"
    FASTER = "faster"
    SLOWER = "slower"
    HELP = "help"
    REPEAT = "repeat"  # say again what was last said (tile name, help text, sentence)
    FOCUS_NEXT = "focus next"
    FOCUS_PREVIOUS = "focus previous"
    ACTIVATE_FOCUS = "activate focus"
    IDLE_RESET = "idle reset"
    CALIBRATE = "calibrate"
    SLEEP_VOICE = "stop listening"
    WAKE_VOICE = "wake up"
    PRIVACY = "privacy"
    GAZE_PAUSE_TOGGLE = "gaze pause"
    CONFIRM_LOOK = "choose looked at"  # "this": choose the tile the eyes highlight


@dataclass(frozen=True)
class Do:
    """A command-style action, e.g. Do(Command.NEXT_PAGE)."""

    command: Command
    source: Source = Source.SYSTEM

    @property
    def name(self) -> str:
        return self.command.value


@dataclass(frozen=True)
class Select:
    """Open the tile shown with this number on the current screen (1-based)."""

    number: int
    source: Source = Source.SYSTEM

    @property
    def name(self) -> str:
        return f"select {self.number}"


@dataclass(frozen=True)
class Press:
    """Activate a control-bar tile or other named target by its id (e.g. "bar:next")."""

    target: str
    source: Source = Source.SYSTEM

    @property
    def name(self) -> str:
        return f"press {self.target}"


Action = Do | Select | Press


# ---------------------------------------------------------------- target ids
# The ids of the fixed targets every input can press. Layout, core, view and the
# gaze package all name them from here (one home for each id).
class BarId(str, Enum):
    """The six control-bar tiles, left to right."""

    BACK = "bar:back"
    HOME = "bar:home"
    READ = "bar:read"
    PREVIOUS = "bar:prev"
    NEXT = "bar:next"
    HELP = "bar:help"


BAR_IDS: tuple[str, ...] = tuple(b.value for b in BarId)
MORE_TARGET = "more"  # the "More" tile that pages through a long tile list
# The control bar's own "More controls" tile: with larger targets the bar holds four
# controls at a time, and this shows the others in the same places (kiosk.layout).
BAR_MORE_TARGET = "bar:more"
GAZE_PAUSE_TARGET = "gaze:pause"  # the target that pauses / resumes eye control
GAZE_RECENTRE_TARGET = "gaze:recentre"  # a one-look target: the gaze offset is set from it
# Glances off the screen's edges (kiosk/gaze/edges.py), by edge.
GAZE_EDGE_TARGETS = {"left": "gaze:edge-left", "right": "gaze:edge-right", "up": "gaze:edge-up"}
# The calibration result screen's two choices.
CALIBRATION_REPEAT_TARGET = "calib:repeat"
CALIBRATION_DONE_TARGET = "calib:done"
# The two answers shown over the screen when the kiosk asks about a command it was
# unsure of ("Next page? Say yes, or look at Yes.").
CONFIRM_YES_TARGET = "confirm:yes"
CONFIRM_NO_TARGET = "confirm:no"
BAR_PREFIX = "bar:"  # every control-bar target's id starts so
TILE_PREFIX = "tile:"


def tile_target(number: int) -> str:
    """The id of the content tile with this number (1 = the first on the screen)."""
    return f"{TILE_PREFIX}{number}"


class HelpTile(str, Enum):
    """The help screen's row of settings tiles."""

    SLOWER = "help:slower"
    FASTER = "help:faster"
    SOFTER = "help:softer"
    LOUDER = "help:louder"
    CALIBRATE = "help:calibrate"
    PRIVACY = "help:privacy"


def parse_action_name(name: str, source: Source = Source.SYSTEM) -> Action:
    """Turn an action name ("select 3", "next page") back into an Action.

    Raises ValueError with a plain message for names that mean nothing.
    """
    text = " ".join(name.strip().lower().split())
    if text.startswith("select "):
        number = text.removeprefix("select ")
        if number.isdigit() and int(number) > 0:
            return Select(int(number), source)
        raise ValueError(f"'{name}' is not a tile number")
    if text.startswith("press "):
        return Press(text.removeprefix("press "), source)
    for command in Command:
        if command.value == text:
            return Do(command, source)
    raise ValueError(f"'{name}' is not an action the kiosk knows")


# A tile's number as it is said and shown in help ("number nine"): one home for the core's
# help text and the voice vocabulary.
NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)


# What can be said for each always-there command, with its natural synonyms: the one
# home of these phrases for the voice vocabulary and the help text.
COMMAND_PHRASES: Mapping[Command, tuple[str, ...]] = {
    Command.HOME: ("home", "go home", "main menu", "start again"),
    Command.BACK: ("back", "go back"),
    Command.READ: ("read", "read this"),
    Command.PAUSE: ("pause", "pause reading"),
    Command.STOP: ("stop", "stop reading", "quiet"),
    Command.RESUME: ("continue", "carry on"),
    Command.NEXT_PAGE: ("next page", "next"),
    Command.PREVIOUS_PAGE: ("previous page", "previous"),
    Command.LOUDER: ("louder", "volume up"),
    Command.SOFTER: ("softer", "volume down"),
    Command.SLOWER: ("slower", "slow down"),
    Command.FASTER: ("faster", "speed up"),
    Command.HELP: ("help", "help me"),
    Command.REPEAT: ("repeat", "say that again"),
    Command.CALIBRATE: ("calibrate", "calibrate eyes"),
    Command.PRIVACY: ("privacy", "camera off"),
    Command.SLEEP_VOICE: ("stop listening",),
    # Look and confirm: chooses the tile the eyes highlight; the core ignores it otherwise.
    Command.CONFIRM_LOOK: ("this", "open", "yes", "open this", "choose this"),
}
# While the kiosk speaks only these are listened for, so a person can always interrupt.
BARGE_IN: Mapping[Command, tuple[str, ...]] = {
    command: COMMAND_PHRASES[command] for command in (Command.STOP, Command.PAUSE)
}
WAKE_PHRASES = ("kiosk wake up", "wake up kiosk", "wake up")
# The phrase help suggests, where it is not the first: "go back" is two syllables, and
# one-syllable words are the most often confused.
_SUGGESTED: Mapping[Command, str] = {Command.BACK: "go back"}


def suggested_phrase(command: Command) -> str:
    """What help tells people to say for `command` ("go back" for BACK)."""
    return _SUGGESTED.get(command, COMMAND_PHRASES[command][0])
