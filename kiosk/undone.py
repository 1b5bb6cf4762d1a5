"""An error rate from the field: how often a choice is taken back within a few seconds.

A choice made by one way in (voice, gaze, switch, touch, keyboard) and undone at once
(Back, "stop", Delete on the typing screen) was most likely not the one meant: counted
per way in, this is each input's error rate as the visitors live it. Only counts are
kept: no times, no sequences, no words, nothing said or shown.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kiosk import words
from kiosk.actions import Action, BarId, Command, Do, Press, Source
from kiosk.timings import UNDONE_WINDOW_S

CHOICE, UNDONE = "choice", "undone"  # the usage events (kiosk.usage)

_UNDO_COMMANDS = (Command.BACK, Command.STOP)
_UNDO_TARGETS = (BarId.BACK.value, "type:delete", "type:delete-word", "type:clear")
# Actions that are neither a choice nor its undoing: moving the focus, the kiosk's own.
_NOT_CHOICES = (
    Command.FOCUS_NEXT,
    Command.FOCUS_PREVIOUS,
    Command.IDLE_RESET,
    Command.HOME,
    Command.REPEAT,
    Command.HELP,
)


def is_undo(action: Action) -> bool:
    if isinstance(action, Do):
        return action.command in _UNDO_COMMANDS
    return isinstance(action, Press) and action.target in _UNDO_TARGETS


def is_choice(action: Action) -> bool:
    if action.source is Source.SYSTEM or is_undo(action):
        return False
    return not (isinstance(action, Do) and action.command in _NOT_CHOICES)


@dataclass
class _Pending:
    source: str
    at: float


class UndoneCounter:
    """Choices and undone choices since start, by the way in of the choice."""

    def __init__(self, window_s: float = UNDONE_WINDOW_S) -> None:
        self.window_s = window_s
        self.choices: Counter[str] = Counter()
        self.undone: Counter[str] = Counter()
        self._last: _Pending | None = None

    def note(self, action: Action, now: float) -> tuple[str, str] | None:
        """Count one action; returns the usage event it makes, (event, way in), if any.
        An undo is counted against the way in of the choice it takes back."""
        if is_undo(action):
            last, self._last = self._last, None
            if last is not None and now - last.at <= self.window_s:
                self.undone[last.source] += 1
                return UNDONE, last.source
            return None
        if not is_choice(action):
            return None
        self._last = _Pending(action.source.value, now)
        self.choices[action.source.value] += 1
        return CHOICE, action.source.value

    def rates(self) -> dict[str, tuple[int, int]]:
        """Undone and made, by way in, for every way in that made a choice."""
        return {way: (self.undone[way], made) for way, made in self.choices.most_common()}


def rate_line(rates: dict[str, tuple[int, int]]) -> str:
    """The staff screen's line: "voice 2 of 40 (5 %), gaze ..." or "no choices yet"."""
    parts = [
        f"{way} {undone} of {made} ({round(100 * undone / made)} %)"
        for way, (undone, made) in rates.items()
    ]
    return words.undone_line(f"{UNDONE_WINDOW_S:g} s", ", ".join(parts))
