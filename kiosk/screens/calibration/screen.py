"""Eye calibration, as the core sees it: shown over the visitor's screen while eye control
calibrates, chosen by looks of its own (kiosk/gaze/calibration.py), no targets of the
core's."""

from __future__ import annotations

from kiosk.core.screen import Screen
from kiosk.screens.calibration.words import TITLE

SCREEN = Screen("calibration", lambda state: TITLE, control_bar=False, credit=False)
