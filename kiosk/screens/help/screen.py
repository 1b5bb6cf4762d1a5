"""Help, as the core sees it: opened over any screen with a control bar."""

from __future__ import annotations

from kiosk.core.screen import Screen
from kiosk.screens.help.targets import help_page_count, help_targets
from kiosk.screens.help.words import TITLE, help_speech

SCREEN = Screen(
    "help",
    lambda state: TITLE,
    targets=help_targets,
    page_count=help_page_count,
    page_shown=lambda state: state.help_page,
    speech=help_speech,
)
