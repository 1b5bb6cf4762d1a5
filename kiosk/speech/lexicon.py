"""The pronunciation lexicon: how the voice says words it would otherwise get wrong.

It is a small file staff can edit, `pronunciation.toml` in the content folder:

    spell = ["ALS", "NINDS"]          # initialisms read letter by letter (ALS's, ALSs too)

    [say]                              # word as written = how to say it, written as it sounds
    riluzole = "rillyuzole"

Words in [say] match whole words in any capitalisation; several words may be one entry.
A broken file is reported with its name and line (LexiconError), never half-applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import tomllib

from kiosk.speech.words import lexicon_not_used

LEXICON_FILE = "pronunciation.toml"
_LETTERS = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")


class LexiconError(ValueError):
    """The lexicon file cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Lexicon:
    spell: frozenset[str] = frozenset()
    say: tuple[tuple[str, str], ...] = ()  # (written, spoken), longest written first
    source: str = ""
    _pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.say:
            ordered = sorted(self.say, key=lambda pair: -len(pair[0]))
            object.__setattr__(self, "say", tuple(ordered))
            alternatives = "|".join(re.escape(written) for written, _ in ordered)
            pattern = re.compile(rf"(?<![\w'-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
            object.__setattr__(self, "_pattern", pattern)

    def respell(self, text: str) -> str:
        """Text with every [say] word replaced by how it is said."""
        if self._pattern is None:
            return text
        spoken = {written.lower(): said for written, said in self.say}
        return self._pattern.sub(lambda match: spoken[match.group(0).lower()], text)

    def __len__(self) -> int:
        return len(self.spell) + len(self.say)


EMPTY = Lexicon()


def _line_of(text: str, key: str) -> int:
    """The line a key is written on (for error messages); 0 when not found."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip().strip('"').strip("'")
        if stripped.startswith(key):
            return number
    return 0


def parse_lexicon(text: str, source: str = LEXICON_FILE) -> Lexicon:
    """A Lexicon from the file's text. Raises LexiconError naming the line that is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise LexiconError(f"{source}: not valid TOML: {error}") from error

    def problem(key: str, message: str) -> LexiconError:
        line = _line_of(text, key)
        where = f"{source}, line {line}" if line else source
        return LexiconError(f"{where}: {message}")

    unknown = sorted(set(data) - {"spell", "say"})
    if unknown:
        raise problem(
            unknown[0], f"unknown entry {unknown[0]!r}: only 'spell' and [say] belong here"
        )
    spell = data.get("spell", [])
    if not isinstance(spell, list) or not all(isinstance(item, str) for item in spell):
        raise problem("spell", 'spell must be a list of words in quotes, e.g. spell = ["ALS"]')
    for item in spell:
        if not _LETTERS.match(item):
            raise problem(
                "spell",
                f"{item!r} in spell is not an initialism (2 to 8 capital letters or digits, "
                "starting with a letter)",
            )
    say = data.get("say", {})
    if not isinstance(say, dict):
        raise problem("say", 'say must be a table: a line [say] and then word = "spoken form"')
    pairs: list[tuple[str, str]] = []
    for written, spoken in say.items():
        if not isinstance(spoken, str) or not spoken.strip():
            raise problem(written, f'{written!r} needs how to say it in quotes, e.g. = "..."')
        if not written.strip() or not re.search(r"\w", written):
            raise problem(written, f"{written!r} is not a word")
        pairs.append((" ".join(written.split()), " ".join(spoken.split())))
    lowered = [written.lower() for written, _ in pairs]
    duplicates = sorted({word for word in lowered if lowered.count(word) > 1})
    if duplicates:
        raise problem(duplicates[0], f"{duplicates[0]!r} is listed twice under [say]")
    return Lexicon(frozenset(spell), tuple(pairs), source)


def load_lexicon(path: Path) -> Lexicon:
    """The lexicon in `path`; an empty one when the file does not exist.
    Raises LexiconError (file name and line) when it exists but cannot be used."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Lexicon(source=str(path))
    except OSError as error:
        raise LexiconError(f"{path}: cannot be read: {error.strerror or error}") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LexiconError(f"{path}: is not UTF-8 text (save it as UTF-8)") from error
    return parse_lexicon(text, str(path))


def lexicon_for(content_dir: Path, shipped: Path) -> tuple[Lexicon, str]:
    """The lexicon to use with a content folder: its own pronunciation.toml, or the one
    shipped with the kiosk when it has none. With a problem in plain words ("" = none);
    a broken file gives an empty lexicon (the voice then reads words unaided)."""
    path = content_dir / LEXICON_FILE
    if not path.is_file():
        path = shipped
    try:
        return load_lexicon(path), ""
    except LexiconError as error:
        return EMPTY, lexicon_not_used(error)
