"""Every sentence help shows or says: how to choose, and what can be said here."""

from __future__ import annotations

from dataclasses import replace

from kiosk.actions import NUMBER_WORDS, Command, suggested_phrase
from kiosk.core.screen import ScreenTable
from kiosk.core.state import State
from kiosk.core.words import quoted
from kiosk.layout import larger_targets

TITLE = "Help"
# The help tiles' labels, by command; Privacy's once the camera and microphone are off.
TILE_LABELS = {
    Command.SLOWER: "Slower",
    Command.FASTER: "Faster",
    Command.SOFTER: "Softer",
    Command.LOUDER: "Louder",
    Command.CALIBRATE: "Calibrate eyes",
    Command.PRIVACY: "Camera and mic off",
}
PRIVACY_OFF_LABEL = "Camera and mic on"

HELP_TEXT = (
    "Choose a tile: look at it, then at its Choose mark; or say its number or name; or touch it.",
    "The tiles below change the voice, set up the eye tracking, or turn the camera and "
    "microphone off.",
    "One switch (space bar, button, long blink): press, then press on your row and your tile.",
)

# Shown instead of the keys' line while eye control works without calibration.
EDGE_GLANCE_HELP = "Eyes: glance past the right edge to move on, the left to go back, up to choose."

# Instead of "the tiles below" where help's tiles have pages of their own.
LARGER_TARGETS_HELP = (
    "\u201cNext\u201d shows tiles that change the voice, set up the eye tracking, or turn the "
    "camera and microphone off. \u201cMore controls\u201d shows Home, Previous and Help."
)

# The commands help names, in its order; their phrases come from COMMAND_PHRASES, the
# vocabulary's own list.
_TILE_SCREEN_COMMANDS = (Command.READ, Command.NEXT_PAGE, Command.BACK, Command.HOME)
_READER_COMMANDS = (
    Command.READ,
    Command.PAUSE,
    Command.STOP,
    Command.NEXT_PAGE,
    Command.PREVIOUS_PAGE,
    Command.BACK,
    Command.HOME,
)


def _say(command: Command) -> str:
    return quoted(suggested_phrase(command))


def said_here(state: State, screens: ScreenTable) -> str:
    """What can be said on the screen below help: its own sentence if it has one, else a
    tile's number or name and the commands, or (no tiles) the reader's commands."""
    below = replace(state, help_open=False)
    own = screens.of(below).said_here
    if own is not None:
        return own(below)
    tiles = screens.content_targets(below)
    numbers = [t.number for t in tiles if t.number is not None]
    if numbers:
        names = ", ".join(quoted(t.label.rstrip("?")) for t in tiles[:2])
        first, last = (quoted(f"number {NUMBER_WORDS[n]}") for n in (1, max(numbers)))
        commands = ", ".join(_say(c) for c in _TILE_SCREEN_COMMANDS)
        return (
            f"Here you can say a tile's number ({first} to {last}) or its name "
            f"({names} ...), or {commands}."
        )
    *most, last_command = (_say(c) for c in _READER_COMMANDS)
    return f"Here you can say {', '.join(most)} or {last_command}."


def help_text(state: State, screens: ScreenTable) -> tuple[str, ...]:
    """Help for the screen it was opened from: what can be said there (and how the eyes
    choose when they could not be calibrated)."""
    rest = HELP_TEXT[1:]
    if state.gaze_layout == "edges":
        rest = (*HELP_TEXT[1:-1], EDGE_GLANCE_HELP)
    elif larger_targets(state.gaze_layout):
        rest = (LARGER_TARGETS_HELP, *HELP_TEXT[2:])
    return (HELP_TEXT[0], said_here(state, screens), *rest)


def help_speech(state: State, screens: ScreenTable) -> str:
    return " ".join(help_text(state, screens))
