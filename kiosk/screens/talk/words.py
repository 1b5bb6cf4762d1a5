"""Every sentence the Talk board and the Yes / No screen show or say (the phrases
themselves are the staff's, in the content folder: kiosk/phrases.py)."""

from __future__ import annotations

YES_NO_TITLE = "Yes or no"
YES_NO = ("Yes", "No")
TYPE_TILE = ("Type a message", "Type a message: the kiosk says what you type")
