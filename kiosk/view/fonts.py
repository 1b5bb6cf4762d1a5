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


def wrap(text: str, face: pygame.font.Font, width: int) -> list[str]:
    """Greedy word wrap for labels and notices."""
    lines: list[str] = []
    current = ""
    for word in text.split():
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
