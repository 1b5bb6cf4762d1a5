"""Every screen, by name: what the core sees of it and how the view draws it.

Adding a screen is a folder beside these (kiosk/screens/<name>/) and one line here.
"""

from __future__ import annotations

from kiosk.core.screen import Screen
from kiosk.screens.calibration import drawing as calibration_drawing
from kiosk.screens.calibration import screen as calibration
from kiosk.screens.confirm import drawing as confirm_drawing
from kiosk.screens.confirm import screen as confirm
from kiosk.screens.help import drawing as help_drawing
from kiosk.screens.help import screen as help
from kiosk.screens.home import screen as home
from kiosk.screens.reader import drawing as reader_drawing
from kiosk.screens.reader import screen as reader
from kiosk.screens.section import screen as section
from kiosk.screens.staff import drawing as staff_drawing
from kiosk.screens.staff import screen as staff
from kiosk.screens.talk import drawing as talk_drawing
from kiosk.screens.talk import screen as talk
from kiosk.screens.typing import drawing as typing_drawing
from kiosk.screens.typing import screen as typing
from kiosk.view.drawing import TILES, TOPICS, Drawing

SCREENS: dict[str, tuple[Screen, Drawing]] = {
    "sheets": (home.SHEETS, TOPICS),
    "home": (home.HOME, TILES),
    "section": (section.SCREEN, TILES),
    "reader": (reader.SCREEN, reader_drawing.DRAWING),
    "help": (help.SCREEN, help_drawing.DRAWING),
    "talk": (talk.TALK, talk_drawing.TALK),
    "yesno": (talk.YES_NO, talk_drawing.YES_NO),
    "typing": (typing.SCREEN, typing_drawing.DRAWING),
    "staff": (staff.SCREEN, staff_drawing.DRAWING),
    "calibration": (calibration.SCREEN, calibration_drawing.DRAWING),
    "confirm": (confirm.SCREEN, confirm_drawing.DRAWING),
}
