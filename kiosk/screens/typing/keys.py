"""The key plan: which keys each page of the typing screen shows, slot by slot.

Keys are never smaller than the gaze layout's targets (kiosk.screens.typing.geometry), so a
screen holds few of them: 24 in the usual layout (6 x 4), 15 in "large" (5 x 3), 10 in
"halves" (5 x 2). The last slot is always the eye pause. Word predictions fill the first
row (scanning reaches them first); the commonest letters have keys of their own, the rest
come one choice away ("More", or a group: choose a group, then a letter).

Letters are ordered by how often they are used in English (counted over the shipped word
list; tests/typing checks the order against it), which puts the likely letters on the
first page and, for one switch, early in the scan. `order="alphabet"` gives the same
plan in alphabetical order, for the cost model's comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kiosk.screens.typing.words import DELETE_WORD_LABEL

KeyKind = Literal[
    "letter", "word", "space", "delete", "delete word", "clear", "speak", "page", "leave"
]
PREFIX = "type:"
FREQUENCY_ORDER = "etaoinsrhlducmfygwpbvkjxqz"  # the word list's letters, commonest first
ALPHABET = "abcdefghijklmnopqrstuvwxyz"
MARKS = ".,?'-"
MAIN = "main"
EYE = "eye"  # the eye pause's slot (drawn and hit-tested by the shell, not a key)


@dataclass(frozen=True)
class Key:
    kind: KeyKind
    value: str = ""  # the letter, the prediction's index, or the page a page key opens
    label: str = ""

    @property
    def id(self) -> str:
        return f"{PREFIX}{self.kind.replace(' ', '-')}" + (f":{self.value}" if self.value else "")


Slots = tuple["Key | str | None", ...]


@dataclass(frozen=True)
class Plan:
    """The pages of one layout's keyboard. Each page lists its slots in reading order
    (left to right, top to bottom); None is an empty slot, EYE the eye pause."""

    columns: int
    rows: int
    predictions: int
    pages: dict[str, Slots]

    def page(self, name: str) -> Slots:
        return self.pages.get(name, self.pages[MAIN])


SPEAK = Key("speak", label="Speak")
DELETE = Key("delete", label="Delete")
DELETE_WORD = Key("delete word", label=DELETE_WORD_LABEL)
CLEAR = Key("clear", label="Clear")
SPACE = Key("space", label="Space")
LEAVE = Key("leave", label="Back")
LETTERS = Key("page", MAIN, "ABC")  # back to the first page


def letter(ch: str) -> Key:
    return Key("letter", ch, ch.upper())


def word(index: int) -> Key:
    return Key("word", str(index))


def group(name: str, members: str, label: str = "") -> Key:
    shown = label or " ".join(m.upper() for m in members)
    return Key("page", name, shown)


def _letters(order: str) -> str:
    return FREQUENCY_ORDER if order == "frequency" else ALPHABET


def _usual(order: str) -> Plan:
    """6 x 4: five predictions and Delete; Space and 14 letters, Speak, More; the More
    page has the other 12 letters and the marks, with Delete, Speak and the eye pause in
    the same places and ABC where More was."""
    letters = _letters(order)
    first, rest = letters[:14], letters[14:]
    words = tuple(word(i) for i in range(5))
    more = Key("page", "more", "More: " + " ".join(c.upper() for c in rest[:4]) + " \u2026")
    main: Slots = (
        *words, DELETE,
        SPACE, *map(letter, first[:5]),
        *map(letter, first[5:11]),
        *map(letter, first[11:14]), SPEAK, more, EYE,
    )  # fmt: skip
    second: Slots = (
        CLEAR, LEAVE, DELETE_WORD, letter("?"), SPACE, DELETE,
        letter("."), letter(","), letter("'"), *map(letter, rest[:3]),
        *map(letter, rest[3:9]),
        *map(letter, rest[9:12]), SPEAK, LETTERS, EYE,
    )  # fmt: skip
    return Plan(6, 4, 5, {MAIN: main, "more": second})


def _large(order: str) -> Plan:
    """5 x 3: three predictions; Space and four letters; three groups of eight and More."""
    letters = _letters(order)
    direct, rest = letters[:4], letters[4:]
    groups = [rest[0:8], rest[8:16], rest[16:] + "'-"]
    words = tuple(word(i) for i in range(3))
    main: Slots = (
        *words, SPEAK, DELETE,
        SPACE, *map(letter, direct),
        *(group(f"g{i + 1}", g) for i, g in enumerate(groups)),
        Key("page", "more", "More: . , ? Clear"), EYE,
    )  # fmt: skip
    pages: dict[str, Slots] = {MAIN: main}
    for i, members in enumerate(groups):
        keys = [letter(c) for c in members] + [None] * (8 - len(members))
        pages[f"g{i + 1}"] = (*words, SPEAK, DELETE, LETTERS, *keys, EYE)
    pages["more"] = (
        *words, SPEAK, DELETE,
        LETTERS, letter("."), letter(","), letter("?"), SPACE,
        CLEAR, LEAVE, DELETE_WORD, None, EYE,
    )  # fmt: skip
    return Plan(5, 3, 3, pages)


def _halves(order: str) -> Plan:
    """5 x 2: two predictions, Space, Speak, Delete; four groups of eight (the last with
    punctuation, Clear, Back and Delete word)."""
    letters = _letters(order)
    groups = [letters[0:8], letters[8:16], letters[16:24]]
    words = tuple(word(i) for i in range(2))
    last = [letter(c) for c in letters[24:]] + [
        letter("."),
        letter(","),
        letter("?"),
        CLEAR,
        LEAVE,
        DELETE_WORD,
    ]
    main: Slots = (
        *words, SPACE, SPEAK, DELETE,
        *(group(f"g{i + 1}", g) for i, g in enumerate(groups)),
        group("g4", "", " ".join(c.upper() for c in letters[24:]) + " . , ? Clear"),
        EYE,
    )  # fmt: skip
    pages: dict[str, Slots] = {MAIN: main}
    for i, members in enumerate(groups):
        pages[f"g{i + 1}"] = (LETTERS, *map(letter, members), EYE)
    pages["g4"] = (LETTERS, *last, EYE)
    return Plan(5, 2, 2, pages)


PLAN_FOR_LAYOUT = {"tiles": _usual, "large": _large, "halves": _halves, "edges": _halves}


def plan_for(gaze_layout: str, order: str = "frequency") -> Plan:
    """The keyboard for a gaze layout. Edge glances move a focus key by key, so they get
    the fewest keys (the "halves" plan)."""
    return PLAN_FOR_LAYOUT.get(gaze_layout, _usual)(order)
