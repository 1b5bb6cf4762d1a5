"""Help's tiles: the voice's speed and volume, eye calibration, camera and mic off."""

from __future__ import annotations

import math

from kiosk.actions import Command, Do, HelpTile
from kiosk.core.state import State, Target
from kiosk.core.tiles import tiles_per_screen
from kiosk.layout import larger_targets
from kiosk.screens.help.words import PRIVACY_OFF_LABEL, TILE_LABELS

_HELP_TILES = (
    (HelpTile.SLOWER.value, Command.SLOWER),
    (HelpTile.FASTER.value, Command.FASTER),
    (HelpTile.SOFTER.value, Command.SOFTER),
    (HelpTile.LOUDER.value, Command.LOUDER),
    (HelpTile.CALIBRATE.value, Command.CALIBRATE),
    (HelpTile.PRIVACY.value, Command.PRIVACY),
)
HELP_TILE_IDS: tuple[str, ...] = tuple(tid for tid, _ in _HELP_TILES)


def help_page_count(state: State) -> int:
    """Help's pages: one in the usual layout (its text above a row of tiles); with larger
    targets its text, then its tiles a grid page at a time."""
    if not larger_targets(state.gaze_layout):
        return 1
    return 1 + math.ceil(len(_HELP_TILES) / tiles_per_screen(state))


def help_targets(state: State) -> tuple[Target, ...]:
    shown = list(_HELP_TILES)
    if larger_targets(state.gaze_layout):
        page = min(state.help_page, help_page_count(state) - 1)
        per = tiles_per_screen(state)
        shown = shown[(page - 1) * per : page * per] if page > 0 else []
    tiles = []
    for n, (tid, cmd) in enumerate(shown, start=1):
        label = TILE_LABELS[cmd]
        if cmd is Command.PRIVACY and state.privacy:
            label = PRIVACY_OFF_LABEL
        tiles.append(Target(tid, n, label, Do(cmd), f"{n}. {label}"))
    return tuple(tiles)
