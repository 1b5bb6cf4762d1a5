"""Drawing the Repeat screen: its one tile, the words as large as the Yes / No screen's,
and the words shown across the screen again while they are said."""

from __future__ import annotations

from kiosk.core.words import SAID
from kiosk.screens.talk.drawing import YES_NO
from kiosk.view.drawing import Drawing

DRAWING = Drawing(YES_NO.body, said_prefix=SAID, chosen_tile=YES_NO.chosen_tile)
