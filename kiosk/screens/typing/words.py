"""Every sentence the typing screen shows or says."""

from __future__ import annotations

TITLE = "Type a message"
DELETE_WORD_LABEL = "Delete word"  # the other keys' labels are single words (keys.py)
PLACEHOLDER = "Type with the keys below, then choose Speak."
NO_PREDICTIONS = PLACEHOLDER + " (No word predictions today.)"
WIDEST_LINES_ABOVE = "99 lines above"  # the room kept for the note below
# The three keys that can be said (the person typing is usually the one who cannot speak,
# but a companion or a slurred "speak" may still help).
SAID = {"speak": ("speak", "say it"), "delete": ("delete",), "clear": ("clear",)}
# What a key says when it gets focus, by kind (a letter or word key says itself).
KEY_WORDS = {
    "space": "Space",
    "delete": "Delete a letter",
    "delete word": "Delete a word",
    "clear": "Clear the message",
    "speak": "Speak the message",
    "leave": "Back to the Talk board",
}
STOP_LABEL, STOP_SPOKEN = "Stop", "Stop speaking"  # the Speak key while the message is said
PAGE_KEY_WORDS = {"main": "Letters", "more": "More letters, marks, Clear and Back"}
MARK_WORDS = {".": "full stop", ",": "comma", "?": "question mark"}
FULL = "The message is full: speak it or clear it"
CLEARED = "Message cleared"
NOTHING_TO_SPEAK = "Type a message first, then choose Speak"
NOT_HERE = "That is not on this screen"


def said_here(speak: str, delete: str, clear: str, back: str) -> str:
    """Help's sentence on what can be said here (each phrase already quoted)."""
    return (
        f"Here you can say {speak}, {delete} or {clear} ({clear} on the More page), "
        f"or {back}. A keyboard types letters directly."
    )


def lines_above(count: int) -> str:
    return f"{count} line{'s' if count > 1 else ''} above"
