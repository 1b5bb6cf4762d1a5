"""The sentences of the kiosk's top-level modules, ready for a second language: the staff
PIN's (shown on the staff screen, and asked by `python -m kiosk set-pin`), the fact
sheets' credit line, the staff screen's lines on the saved copy of the content and on
choices undone, and the diagnostics' summary. What every screen says is in
kiosk/core/words.py; a screen's own sentences in kiosk/screens/<name>/words.py."""

from __future__ import annotations

# ---------------------------------------------------------------- the staff PIN
PIN_NOT_TEXT = "That PIN could not be read as text (it is not valid UTF-8). Please type it again."
PIN_CONTROL_CHARACTERS = "A PIN may hold letters, digits and signs, but no control characters."
ASK_NEW_PIN = "Staff PIN (not shown): "
ASK_NEW_PIN_AGAIN = "The same PIN again: "


def pin_too_short(least: int) -> str:
    return f"Please choose a PIN of at least {least} characters."


def pin_too_long(most: int) -> str:
    return f"Please choose a PIN of at most {most} characters."


def staff_locked(minutes: int) -> str:
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many wrong PINs. Staff mode is locked for {minutes} {unit}."


def pin_wait(seconds: int) -> str:
    unit = "second" if seconds == 1 else "seconds"
    return f"That PIN is not right. Please wait {seconds} {unit} before trying again."


# ---------------------------------------------------------------- content
def credit_source(source: str) -> str:
    return f"Source: {source}."


def credit_publication(number: str) -> str:
    return f"Publication No. {number}."


def content_out_of_date(saved_when: str, names: str, reason: str) -> str:
    return (
        f"Content may be out of date: showing the copy saved {saved_when} of {names}, "
        f"because {reason}"
    )


FOLDER_NOT_READ = "the folder could not be read"


# ---------------------------------------------------------------- staff lines
def undone_line(window: str, parts: str) -> str:
    return f"Choices undone within {window}: " + (parts or "no choices yet")


# ---------------------------------------------------------------- diagnostics
ALL_PARTS_WORK = "All parts work."
PIPER_NOT_SPEAKING = "Piper was asked for but is not speaking"


def parts_need_attention(failed: int) -> str:
    return f"{failed} part(s) need attention."
