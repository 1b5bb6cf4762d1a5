"""The message being typed, and the edits the keys make on it.

Plain text. A sentence starts with a capital, "i" alone is "I", a chosen word brings its
space, and punctuation takes the place of the space before it ("pain ." is "pain. ").
Pure functions: text in, text out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_MESSAGE_CHARS = 2000  # far beyond what is typed by eye; a bound against a stuck key
PUNCTUATION = ".,?!"  # closes up to the word before it and brings a space
JOINERS = "'-"  # inside a word: no space before or after


def sentence_start(text: str) -> bool:
    """Whether the next word starts a sentence (the message's start, or after . ? !)."""
    stripped = text.rstrip()
    return not stripped or stripped[-1] in ".!?"


def _word_start(text: str) -> bool:
    return not text or text[-1] == " "


def add_letter(text: str, letter: str) -> str:
    if len(text) >= MAX_MESSAGE_CHARS:
        return text
    if letter in PUNCTUATION:
        return text.rstrip() + letter + " " if text.strip() else text
    if letter in JOINERS:
        return text + letter if text and text[-1] != " " else text
    if _word_start(text) and sentence_start(text):
        letter = letter.upper()
    return text + letter


def add_space(text: str) -> str:
    """A space ends the word; "i" becomes "I". A second space, or one at the start, does
    nothing."""
    if not text or text[-1] == " " or len(text) >= MAX_MESSAGE_CHARS:
        return text
    return _fix_i(text) + " "


def _fix_i(text: str) -> str:
    match = re.search(r"(?:^|(?<=\s))(i|i'm|i'll|i've|i'd)$", text)
    if match:
        return text[: match.start()] + "I" + match.group(1)[1:]
    return text


def unfinished_word(text: str) -> str:
    match = re.search(r"[A-Za-z'-]*$", text)
    return match.group(0) if match else ""


def add_word(text: str, word: str) -> str:
    """Put a chosen word in place of the letters typed of it, and a space after."""
    prefix = unfinished_word(text)
    base = text[: len(text) - len(prefix)]
    if sentence_start(base):
        word = word[:1].upper() + word[1:]
    if len(base) + len(word) + 1 > MAX_MESSAGE_CHARS:
        return text
    return base + word + " "


def delete_letter(text: str) -> str:
    """The last character; nothing, quietly, when the message is empty."""
    return text[:-1]


def delete_word(text: str) -> str:
    """The last word (with the space and punctuation after it)."""
    trimmed = text.rstrip(" ")
    trimmed = trimmed.rstrip(PUNCTUATION) if trimmed.endswith(tuple(PUNCTUATION)) else trimmed
    return trimmed[: len(trimmed) - len(unfinished_word(trimmed))]


def spoken_chunks(text: str, limit: int = 160) -> tuple[str, ...]:
    """The message in pieces to say one after another: its sentences, and a long sentence
    at commas or spaces, so the first piece is short and speech starts at once (a whole
    500-character message made in one go would keep the person waiting)."""
    pieces = [p.strip() for p in re.split(r"(?<=[.!?])\s+", text.strip()) if p.strip()]
    out: list[str] = []
    for piece in pieces:
        while len(piece) > limit:
            cut = piece.rfind(", ", 0, limit)
            cut = cut + 1 if cut > limit // 3 else piece.rfind(" ", 0, limit)
            if cut <= 0:
                cut = limit
            out.append(piece[:cut].strip())
            piece = piece[cut:].strip()
        if piece:
            out.append(piece)
    return tuple(out)


@dataclass(frozen=True)
class Typing:
    """The typing screen's state: the message, the keyboard page shown, the letter order.
    Kept when the person leaves the screen; a new session (idle reset) starts empty."""

    text: str = ""
    page: str = "main"
    order: str = "frequency"  # or "alphabet" (kiosk.typing.keys)
    said_token: int | None = None  # the reading token the message was last said under
