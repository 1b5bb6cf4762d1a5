"""Every sentence the question over the screen shows or says (the question itself is
the core's, kiosk/core/words.py `unsure_prompt`: it is said before this screen shows)."""

from __future__ import annotations

YES = ("Yes", "Yes, do it")
NO = ("No", "No, do nothing")
YES_SAID = ("yes", "yes please")
NO_SAID = ("no", "no thanks")
