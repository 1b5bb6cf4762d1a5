"""The staff screen, as the core sees it: shown over the visitor's screen by the shell
(kiosk/view/status.py `shown_over`), with keys of its own (kiosk/screens/staff/mode.py)
and no targets of the core's."""

from __future__ import annotations

from kiosk.core.screen import Screen
from kiosk.screens.staff.words import TITLE

SCREEN = Screen("staff", lambda state: TITLE, control_bar=False, credit=False)
