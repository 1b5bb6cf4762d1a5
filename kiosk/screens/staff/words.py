"""The staff screen's sentences (its status lines are worded in lines.py; its buttons in
drawing.py)."""

from __future__ import annotations

TITLE = "Staff"
HEADING = "Staff screen"
PIN_PROMPT = "Type the staff PIN, then press Enter."
WRONG_PIN = "That PIN is not right. Try again."
PIN_AGAIN_TO_EXIT = "Type the staff PIN again to exit the kiosk, then press Enter."
NO_PIN_SET = (
    "Staff mode is closed: no staff PIN is set. Set one on this computer, not at this "
    "screen: run {command} in the kiosk's folder, then restart the kiosk."
)
PIN_UNREADABLE = (
    "Staff mode is locked: the staff PIN line of the settings file could not be used. "
    "Fix that line (the log names it), then restart the kiosk."
)
STATUS = "Status"
DONE = "Done"
RECENT_PROBLEMS = "Recent problems"
NO_PROBLEMS = "None."
CONTENT_RELOADED = "Content reloaded"
TEST_SENTENCE = "This is a test of the kiosk voice."
NO_HEADPHONES_SET = (
    "Headphones only is not possible: no headphones output is set. "
    "Put its name in headphones_output in the settings file."
)


def usage_saved(path: object) -> str:
    return f"Usage counts saved as CSV: {path}"


def usage_not_saved(error: object) -> str:
    return f"Usage counts could not be saved: {error}"


def headphones_not_found(error: object) -> str:
    return f"Headphones only: on, but the headphones were not found ({error})."


def headphones_only(on: bool, where: str) -> str:
    return f"Headphones only: {'on' if on else 'off'}. Speech plays through {where}."
