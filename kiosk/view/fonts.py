"""Fonts shipped with the kiosk (Atkinson Hyperlegible, SIL OFL), cached by size."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pygame

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
REGULAR = FONT_DIR / "AtkinsonHyperlegible-Regular.ttf"
BOLD = FONT_DIR / "AtkinsonHyperlegible-Bold.ttf"


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False) -> pygame.font.Font:
    path = BOLD if bold else REGULAR
    if path.exists():
        return pygame.font.Font(str(path), size)
    return pygame.font.Font(None, round(size * 1.3))  # pygame's own font if assets are missing


# Pathological content (one 200,000-character word) cost a core for ~50 s and 2 GB:
# pygame measured and rendered the whole string, to a surface millions of pixels wide, at
# every redraw. A label, title or notice is cut to MAX_SHOWN_CHARS before it is measured
# (more cannot be read on one screen anyway), and a "word" longer than any real one is
# broken where the line ends.
MAX_SHOWN_CHARS = 600
MAX_WORD_CHARS = 50


def bounded(text: str, limit: int = MAX_SHOWN_CHARS) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _pieces(word: str, face: pygame.font.Font, width: int) -> list[str]:
    """A word longer than MAX_WORD_CHARS, in pieces that each fit the width."""
    if len(word) <= MAX_WORD_CHARS:
        return [word]
    pieces: list[str] = []
    while word and face.size(word)[0] > width:
        low, high = 1, len(word)
        while low < high:  # the longest start of the word that fits
            middle = (low + high + 1) // 2
            if face.size(word[:middle])[0] <= width:
                low = middle
            else:
                high = middle - 1
        pieces.append(word[:low])
        word = word[low:]
    return pieces + ([word] if word else [])


def wrap(text: str, face: pygame.font.Font, width: int, limit: int = MAX_SHOWN_CHARS) -> list[str]:
    """Greedy word wrap for labels and notices (cut at `limit` characters)."""
    lines: list[str] = []
    current = ""
    words = [piece for word in bounded(text, limit).split() for piece in _pieces(word, face, width)]
    for word in words:
        candidate = f"{current} {word}".strip()
        if face.size(candidate)[0] <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def fit_lines(
    text: str, width: int, height: int, size: int, bold: bool = False, min_size: int = 14
) -> tuple[pygame.font.Font, list[str]]:
    """The largest font (up to size) at which text wraps into the box."""
    while True:
        face = font(size, bold)
        lines = wrap(text, face, width)
        too_wide = any(face.size(line)[0] > width for line in lines)
        if (len(lines) * face.get_linesize() <= height and not too_wide) or size <= min_size:
            return face, lines
        size = max(min_size, int(size * 0.9))
