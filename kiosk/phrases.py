"""The phrase board ("Talk"): phrases the kiosk says aloud for a visitor who cannot speak.

Staff edit `content/phrases.md`, a small Markdown file:

    # Talk                                            <- the board's title
    <!-- a note for staff, not shown -->
    - Yes                                             <- one phrase per list item
    - Please wait, I'm slow to answer {short="Please wait"}

Each list item is one phrase, said aloud as written when its tile is chosen. A phrase too
long for a tile takes a shorter tile name in `{short="..."}` (the whole phrase is still
said). An indented line right under an item continues it.

Plain Python, no pygame. Problems are `ContentError`s naming the file and line, as for the
fact sheets; a broken line is left out and the rest of the board still works, and a file
that gives no phrase at all (missing, empty, unreadable) gives the built-in board.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kiosk.content import PHRASES_FILE as PHRASES_FILE  # the file name, in the content folder
from kiosk.content import ContentError, inline_text

MAX_FILE_BYTES = 256 * 1024  # a board is a few hundred bytes; anything this big is a mistake
MAX_PHRASES = 24
MAX_PHRASE_CHARS = 150  # said aloud in one breath, shown on one tile
MAX_LABEL_CHARS = 40  # what fits on a tile in large type
DEFAULT_TITLE = "Talk"
DEFAULT_PHRASES = (
    ("Yes", ""),
    ("No", ""),
    ("Please help me", ""),
    ("Please get the receptionist", "Get the receptionist"),
    ("I have an appointment", ""),
    ("Thank you", ""),
    ("Please wait, I'm slow to answer", "Please wait"),
    ("I need the bathroom", ""),
)


@dataclass(frozen=True)
class Phrase:
    text: str  # said aloud
    label: str  # shown on the tile and usable as a voice command
    line: int  # 1-based line in the file (0 for built-in phrases)


@dataclass(frozen=True)
class PhraseBoard:
    title: str
    phrases: tuple[Phrase, ...]
    errors: tuple[ContentError, ...] = ()
    path: Path | None = None  # None: the built-in board


def default_board(errors: tuple[ContentError, ...] = (), path: Path | None = None) -> PhraseBoard:
    phrases = tuple(Phrase(text, label or text, 0) for text, label in DEFAULT_PHRASES)
    return PhraseBoard(DEFAULT_TITLE, phrases, errors, path)


_TITLE = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$")
_HEADING = re.compile(r"^#{1,6}(?:[ \t]|$)")
_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+(.*)$|^[ \t]*[-*+][ \t]*$")
_SHORT = re.compile(
    r"^(.*?)[ \t]*\{[ \t]*short[ \t]*=[ \t]*(?:\"([^\"]*)\"|'([^']*)')[ \t]*\}[ \t]*$"
)
_BRACES = re.compile(r"\{[^{}]*\}[ \t]*$")


def _key(text: str) -> str:
    """What makes two phrases "the same" (case, punctuation and spacing ignored)."""
    return " ".join(re.sub(r"[^\w ]", " ", text.casefold()).split())


class _Parser:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.errors: list[ContentError] = []
        self.title = ""
        self.items: list[tuple[int, list[str]]] = []  # (line, raw pieces) per list item
        self.item_open = False  # the previous line was part of a list item

    def error(self, line: int, message: str) -> None:
        self.errors.append(ContentError(self.path, line, message))

    def parse(self, text: str) -> None:
        in_comment = 0
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for number, line in enumerate(lines, start=1):
            stripped = line.strip()
            if in_comment:
                in_comment = 0 if "-->" in stripped else in_comment
                continue
            if stripped.startswith("<!--"):
                in_comment = 0 if "-->" in stripped[4:] else number
                self.item_open = False
                continue
            if not stripped:
                self.item_open = False
                continue
            self.line(number, line, stripped)
        if in_comment:
            self.error(in_comment, 'the note "<!--" that starts here is never closed with "-->"')
        if not self.title:
            self.error(
                1, f'the file should start with the board\'s title, a line like "# {DEFAULT_TITLE}"'
            )

    def line(self, number: int, line: str, stripped: str) -> None:
        title = _TITLE.match(stripped)
        if title and not stripped.startswith("##"):
            self.item_open = False
            if self.title:
                self.error(
                    number,
                    f'the board already has a title ("{self.title}"): only one "# " line is used',
                )
            elif self.items:
                self.error(number, "the title must come before the phrases")
            else:
                self.title = inline_text(title.group(1)) or DEFAULT_TITLE
            return
        if _HEADING.match(stripped):
            self.item_open = False
            self.error(
                number,
                "headings are not used on the phrase board: write each phrase as a line "
                'starting with "- "',
            )
            return
        item = _ITEM.match(line)
        if item:
            self.items.append((number, [item.group(1) or ""]))
            self.item_open = True
            return
        if self.item_open and line[:1] in " \t":  # an indented line continues a phrase
            self.items[-1][1].append(stripped)
            return
        self.error(number, 'write each phrase as a list item: a line starting with "- "')

    def phrases(self) -> list[Phrase]:
        found: list[Phrase] = []
        seen: dict[str, Phrase] = {}
        for number, pieces in self.items:
            phrase = self.phrase(number, " ".join(pieces))
            if phrase is None:
                continue
            clash = seen.get(_key(phrase.text)) or seen.get(_key(phrase.label))
            if clash is not None:
                self.error(
                    number,
                    f'"{phrase.label}" is already on the board (line {clash.line}): '
                    "tiles need different names, since they are also said as voice commands",
                )
                continue
            if len(found) == MAX_PHRASES:
                self.error(
                    number,
                    f"the board holds at most {MAX_PHRASES} phrases: this one and the rest "
                    "are left out",
                )
                break
            seen[_key(phrase.text)] = seen[_key(phrase.label)] = phrase
            found.append(phrase)
        return found

    def phrase(self, number: int, raw: str) -> Phrase | None:
        label = ""
        short = _SHORT.match(raw)
        if short:
            raw = short.group(1)
            label = inline_text(short.group(2) if short.group(2) is not None else short.group(3))
            if not label:
                self.error(number, 'the tile name {short=""} is empty: write one or remove it')
                return None
        elif _BRACES.search(raw):
            self.error(
                number,
                'could not read the "{...}" after the phrase: write it as {short="Tile name"}',
            )
            return None
        text = inline_text(raw)
        if not text:
            self.error(number, "this list item has no phrase")
            return None
        if len(text) > MAX_PHRASE_CHARS:
            self.error(
                number,
                f"this phrase is {len(text)} characters long; keep it under "
                f"{MAX_PHRASE_CHARS}, since it is said in one go",
            )
            return None
        label = label or text
        if len(label) > MAX_LABEL_CHARS:
            self.error(
                number,
                f'"{label[:30]}..." is too long for a tile ({len(label)} characters, at most '
                f'{MAX_LABEL_CHARS}): add a shorter tile name, like {{short="{_suggest(text)}"}}',
            )
            return None
        return Phrase(text, label, number)


def _suggest(text: str) -> str:
    words, out = text.split(), ""
    for word in words:
        if len(out) + len(word) + 1 > MAX_LABEL_CHARS - 10:
            break
        out = f"{out} {word}".strip()
    return out.rstrip(",.;:")


def parse_phrases(text: str, path: Path) -> PhraseBoard:
    """The board in this text; problems are listed in `errors`, never raised."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        return default_board(
            (ContentError(path, 0, "the file is empty: the built-in phrases are used"),), path
        )
    parser = _Parser(path)
    parser.parse(text)
    phrases = parser.phrases()
    errors = tuple(sorted(parser.errors, key=lambda e: e.line))
    if not phrases:
        message = (
            'there are no phrases in it (lines starting with "- "): the built-in phrases are used'
        )
        return default_board(errors + (ContentError(path, 0, message),), path)
    return PhraseBoard(parser.title or DEFAULT_TITLE, tuple(phrases), errors, path)


def load_phrases(path: Path) -> PhraseBoard:
    """Read the phrase file; whatever is wrong with it, a usable board comes back."""
    data, problem = _read(path)
    if problem is not None:
        return default_board((problem,), path)
    return parse_phrases(data, path)


def _read(path: Path) -> tuple[str, ContentError | None]:
    def fail(line: int, message: str) -> tuple[str, ContentError]:
        return "", ContentError(path, line, f"{message}: the built-in phrases are used")

    try:
        if not path.is_file():
            return fail(0, "the phrase file does not exist or is not a file")
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return fail(0, f"the file cannot be read ({exc.strerror or exc})")
    if len(data) > MAX_FILE_BYTES:
        return fail(0, "the file is too large for a phrase board: is it the right file?")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return fail(1, "the file is saved as UTF-16: save it as UTF-8 text instead")
    if b"\x00" in data:
        at = data.index(b"\x00")
        return fail(data.count(b"\n", 0, at) + 1, "the file holds binary data, not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return fail(
            data.count(b"\n", 0, exc.start) + 1,
            "the file is not valid UTF-8 text: save it as UTF-8",
        )


def check_report(directory: Path) -> tuple[list[str], bool]:
    """Lines for `python -m kiosk check-content` about the Talk board, and whether it is fine."""
    path = Path(directory) / PHRASES_FILE
    if not path.exists():
        return [
            f"OK      {PHRASES_FILE}: none in this folder, the built-in Talk board is used"
        ], True
    board = load_phrases(path)
    lines = [f"PROBLEM {error}" for error in board.errors]
    if not board.errors:
        lines.append(f"OK      {PHRASES_FILE}: {board.title} ({len(board.phrases)} phrase(s))")
    return lines, not board.errors
