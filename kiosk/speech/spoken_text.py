"""What the voice says for a piece of display text, and how long it pauses after it.

Speech engines read text written for the eye badly: "617-441-7200" becomes "six hundred
seventeen ...", "ALS" becomes the German word "als", "No. 25" becomes "no twenty-five".
`speakable` rewrites display text into text written for the ear. Everything here is a
pure function of its input so it can be tested without an engine.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path

from kiosk.speech.lexicon import EMPTY, LEXICON_FILE, Lexicon, LexiconError, load_lexicon

log = logging.getLogger("kiosk.speech")

# Silence after an item, by kind of text (milliseconds). A heading is followed by a
# longer breath than a list item, a list item by a longer one than a sentence.
PAUSE_AFTER_MS: dict[str, int] = {
    "title": 700,
    "heading": 600,
    "list_item": 350,
    "paragraph": 200,  # between sentences of running text
    "sentence": 200,
    "announce": 150,  # tile names and short messages
}
DEFAULT_PAUSE_MS = 200


def pause_after_ms(kind: str) -> int:
    """The silence that follows an item of this kind ("heading", "list_item" ...)."""
    return PAUSE_AFTER_MS.get(kind, DEFAULT_PAUSE_MS)


# The words voices get wrong live in the pronunciation lexicon (content/pronunciation.toml):
# initialisms to spell ("ALS" -> "A.L.S", not the word "als") and respellings.
SHIPPED_LEXICON = Path(__file__).resolve().parents[2] / "content" / LEXICON_FILE


@functools.cache
def shipped_lexicon() -> Lexicon:
    """The lexicon shipped in content/ (empty, with the problem logged, if it is broken)."""
    try:
        return load_lexicon(SHIPPED_LEXICON)
    except LexiconError as error:
        log.error("pronunciation lexicon not used: %s", error)
        return EMPTY


# Abbreviations read out in full. Keys are matched case-sensitively at word starts.
_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    (r"\be\.\s?g\.", "for example"),
    (r"\bi\.\s?e\.", "that is"),
    (r"\betc\.(?=\s+[A-Z]|\s*$)", "et cetera."),  # keep the full stop that ends a sentence
    (r"\betc\.", "et cetera"),
    (r"\bvs\.", "versus"),
    (r"\bapprox\.", "approximately"),
    (r"\bDr\.(?=\s+[A-Z])", "Doctor"),
    (r"\bMr\.(?=\s+[A-Z])", "Mister"),
    (r"\bSt\.(?=\s+[A-Z])", "Saint"),
    (r"\bNos?\.(?=\s*\d)", "Number"),
    (r"#(?=\d)", "Number "),
)

# North American phone numbers: 617-441-7200, (617) 441-7200, 617.441.7200,
# 1-800-572-1717, +1 800 572 1717. Area code required so plain numbers stay numbers.
_PHONE = re.compile(r"(?<![\w.-])(\+?1[\s.-])?\(?(\d{3})\)?[\s.-]?(\d{3})[\s.-](\d{4})(?![\w-])")
# Codes made of number and letter groups joined by hyphens: 25-NS-916, 20892-2540.
_CODE = re.compile(r"(?<![\w-])(?=[\w-]*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+(?![\w-])")
_URL = re.compile(
    r"(?:https?://)?(?:www\.)?((?:[A-Za-z0-9-]+\.)+(?:gov|org|com|net|edu|info|us|uk|io))"
    r"((?:/[\w./%-]*)?)(?![\w])"
)
_EMAIL = re.compile(r"\b([\w.+-]+)@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})\b")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_WORD_SLASH = re.compile(r"(?<=[A-Za-z])/(?=[A-Za-z])")
_INITIALISM = re.compile(r"\b([A-Z]{2,6})(\d*)('s|s)?\b")
_DASHES = re.compile(r"\s*[\u2014\u2013]\s*|\s+-{1,2}\s+")
_SPACES = re.compile(r"\s+")


def digits(number: str) -> str:
    """'7200' -> '7 2 0 0': one digit at a time."""
    return " ".join(ch for ch in number if ch.isdigit())


def spell(letters: str) -> str:
    """'NS' -> 'N.S': letters said one by one (no final dot, so no sentence pause)."""
    return ".".join(letters.upper())


def _phone(match: re.Match[str]) -> str:
    return ", ".join(digits(group) for group in match.groups() if group)


def _code(match: re.Match[str]) -> str:
    """25-NS-916 -> '2 5, N.S, 9 1 6'. Words in it (FTD-ALS, long-term) are left alone."""
    parts = match.group(0).split("-")
    spoken: list[str] = []
    for part in parts:
        if part.isdigit():
            spoken.append(digits(part))
        elif part.isalpha() and part.isupper() and len(part) <= 4:
            spoken.append(spell(part))
        elif part.isalpha():
            return match.group(0)  # an ordinary hyphenated word with a number in it
        else:
            spoken.append(part)
    return ", ".join(spoken)


def _url(match: re.Match[str]) -> str:
    """ClinicalTrials.gov -> 'Clinical Trials dot gov'; the path is read word by word."""
    host, path = match.group(1), match.group(2).strip("/")
    labels = [_CAMEL.sub(" ", label) for label in host.split(".")]
    spoken = " dot ".join(labels)
    if path:
        words = [w for w in re.split(r"[/._-]+", path) if w]
        spoken += " slash " + " slash ".join(words)
    return spoken


def _email(match: re.Match[str]) -> str:
    user, host = match.groups()
    return f"{user.replace('.', ' dot ')} at {host.replace('.', ' dot ')}"


def _initialism(match: re.Match[str], spelled: frozenset[str]) -> str:
    letters, number, suffix = match.group(1), match.group(2), match.group(3) or ""
    if letters + number not in spelled and letters not in spelled:
        return match.group(0)
    spoken = spell(letters) + (" " + digits(number) if number else "")
    return spoken + ("'s" if suffix else "")


def speakable(text: str, lexicon: Lexicon | None = None) -> str:
    """Rewrite display text into what the voice should say.

    Phone numbers digit by digit in three groups, codes like 25-NS-916 spelled, web
    addresses with "dot", abbreviations in full, the lexicon's initialisms spelled and its
    words respelled (the shipped lexicon when none is given), leftover Markdown removed.
    Text without any of these comes back unchanged (apart from spaces).
    """
    lexicon = shipped_lexicon() if lexicon is None else lexicon
    spoken = _MARKDOWN_LINK.sub(r"\1", text)
    spoken = _MARKDOWN_EMPHASIS.sub("", spoken)
    spoken = lexicon.respell(spoken)
    for pattern, replacement in _ABBREVIATIONS:
        spoken = re.sub(pattern, replacement, spoken)
    spoken = _EMAIL.sub(_email, spoken)
    spoken = _URL.sub(_url, spoken)
    spoken = _PHONE.sub(_phone, spoken)
    spoken = _CODE.sub(_code, spoken)
    spoken = spoken.replace("&", " and ")
    spoken = re.sub(r"\band/or\b", "and or", spoken)
    spoken = _WORD_SLASH.sub(" and ", spoken)
    spoken = _INITIALISM.sub(lambda match: _initialism(match, lexicon.spell), spoken)
    spoken = _DASHES.sub(", ", spoken)
    return _SPACES.sub(" ", spoken).strip()


# Where a long sentence may be cut: after , ; : (not inside a number read digit by digit,
# "6 1 7, 4 4 1"), and around brackets.
_CLAUSE_END = re.compile(r"(?<![0-9][,;:])(?<=[,;:])\s+|\s+(?=\()|(?<=\))\s+")


def clauses(text: str, max_words: int, min_words: int = 4) -> list[str]:
    """A long sentence cut at its commas, semicolons, colons and brackets into parts of
    about `max_words` words (none shorter than `min_words`), to be said one after the
    other. Text of `max_words` words or fewer, or with nowhere to cut, stays whole."""
    words = text.split()
    if max_words <= 0 or len(words) <= max_words:
        return [text]
    parts: list[str] = []
    current = ""
    for chunk in _CLAUSE_END.split(text):
        chunk = chunk.strip()
        if not chunk:
            continue
        joined = f"{current} {chunk}".strip()
        if current and len(current.split()) >= min_words and len(joined.split()) > max_words:
            parts.append(current)
            current = chunk
        else:
            current = joined
    if current:
        if parts and len(current.split()) < min_words:
            parts[-1] = f"{parts[-1]} {current}"
        else:
            parts.append(current)
    return parts


_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def spoken_words(text: str) -> set[str]:
    """The lower-case words a listener would hear for this (already spoken-form) text."""
    return set(_WORD.findall(text.lower().replace(".", " ")))
