"""Warnings for `check-content` that need the real font: what loads but will not show well.

- a word too long for one line (it will be broken between letters on screen);
- characters the shipped font cannot draw (right-to-left scripts, Chinese, Japanese and
  Korean, emoji): pygame draws them as empty boxes, and `Font.metrics` returns None for them;
- a section so long that it needs more than a set number of pages to read.

Measured as the kiosk measures: the reader's text box from `kiosk.layout`, the fonts
from `kiosk.view.fonts`, pages from `kiosk.textflow`.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kiosk.content import Block, FactSheet, Section
from kiosk.layout import DESIGN_SIZE
from kiosk.settings import DEFAULTS

MAX_PAGES = 12  # a section longer than this is hard to follow on a kiosk
WORD_SCREEN = (1024, 600)  # the smallest screen the kiosk supports: the shortest lines
PAGE_SCREEN = DESIGN_SIZE  # the usual screen, for counting pages


@dataclass(frozen=True)
class Warning_:
    sheet: str  # file name
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.sheet}, line {self.line}: {self.message}"


def _script_hint(char: str) -> str:
    name = unicodedata.name(char, "")
    if unicodedata.bidirectional(char) in ("R", "AL"):
        return "right-to-left script"
    if any(word in name for word in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")):
        return "Chinese, Japanese or Korean"
    if unicodedata.category(char) == "So" or 0x1F000 <= ord(char) <= 0x1FAFF:
        return "symbol or emoji"
    return "not in the font"


def _describe(chars: list[str]) -> str:
    shown = ", ".join(f"'{c}' (U+{ord(c):04X}, {_script_hint(c)})" for c in chars[:5])
    more = f" and {len(chars) - 5} more" if len(chars) > 5 else ""
    return shown + more


def _blocks(section: Section) -> Iterator[tuple[int, str, Block | None]]:
    """(line, kind, block) for every heading and block of a section, subsections included."""
    yield section.line, "heading", None
    for block in section.blocks:
        yield block.line, block.kind, block
    for sub in section.subsections:
        yield from _blocks(sub)


def check_sheet(
    sheet: FactSheet, text_scale: float = DEFAULTS.text_scale, max_pages: int = MAX_PAGES
) -> list[Warning_]:
    """Warnings for one loaded sheet, in line order."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    pygame.font.init()
    warnings = _glyph_warnings(sheet)
    warnings += _long_word_warnings(sheet, text_scale)
    warnings += _page_warnings(sheet, text_scale, max_pages)
    return sorted(warnings, key=lambda w: w.line)


def _glyph_warnings(sheet: FactSheet) -> list[Warning_]:
    """Every character of every text the sheet shows, in both weights."""
    from kiosk.view.fonts import font

    regular, bold = font(40), font(40, True)
    texts: list[tuple[int, str]] = [
        (1, sheet.title),
        (1, sheet.short_title),
        (1, sheet.credit),
    ]
    for section in sheet.sections:
        for line, _, block in _blocks(section):
            texts.append((line, block.text if block else ""))
        texts.extend(_titles(section))
    reported: set[str] = set()
    warnings: list[Warning_] = []
    for line, text in texts:
        missing = [
            c
            for c in dict.fromkeys(text)
            if not c.isspace()
            and c not in reported
            and (not _can_draw(regular, c) or not _can_draw(bold, c))
        ]
        if missing:
            reported.update(missing)
            warnings.append(
                Warning_(
                    sheet.path.name,
                    line,
                    f"the font cannot draw {_describe(missing)}: they show as empty boxes",
                )
            )
    return warnings


def _long_word_warnings(sheet: FactSheet, text_scale: float) -> list[Warning_]:
    """Words too long for one line on the smallest screen at this text size."""
    from kiosk.layout import compute_layout
    from kiosk.view.render import flow_style, measurer, reader_text_box

    layout = compute_layout(WORD_SCREEN, 6, text_scale)
    _, _, width, _ = reader_text_box(layout)
    measure = measurer(layout)
    style = flow_style(layout)
    warnings: list[Warning_] = []
    for section in sheet.sections:
        for line, kind, block in _blocks(section):
            if block is None:
                continue
            available = width - style.indent_of(kind)
            for word in dict.fromkeys(block.text.split()):
                if len(word) > 15 and measure(kind, word) > available:
                    shown = word if len(word) <= 40 else word[:37] + "..."
                    warnings.append(
                        Warning_(
                            sheet.path.name,
                            line,
                            f'the word "{shown}" ({len(word)} characters) is too long for one '
                            f"line at text_scale {text_scale:g} on a {WORD_SCREEN[0]}x"
                            f"{WORD_SCREEN[1]} screen: it will be broken between letters",
                        )
                    )
    return warnings


def _page_warnings(sheet: FactSheet, text_scale: float, max_pages: int) -> list[Warning_]:
    """Sections that need too many pages on the usual screen."""
    from kiosk.layout import compute_layout
    from kiosk.textflow import fit_document, paginate
    from kiosk.view.render import flow_style, measurer, reader_text_box

    layout = compute_layout(PAGE_SCREEN, 6, text_scale)
    _, _, width, height = reader_text_box(layout)
    measure, style = measurer(layout), flow_style(layout)
    warnings: list[Warning_] = []
    for section, document in _readable(sheet.sections, ()):
        document = fit_document(document, measure, width, height, style)
        pages = len(paginate(document, measure, width, height, style))
        if pages > max_pages:
            warnings.append(
                Warning_(
                    sheet.path.name,
                    section.line,
                    f'the section "{section.title}" needs {pages} pages at text_scale '
                    f"{text_scale:g} (more than {max_pages}): consider splitting it into "
                    'subsections ("### ...")',
                )
            )
    return warnings


def _can_draw(face: Any, char: str) -> bool:
    """False for a character the font has no glyph for.

    pygame's `Font.metrics` gives None only for characters beyond U+FFFF (emoji); a missing
    Hebrew, Arabic or Chinese character gets the metrics of the font's "missing" box. So the
    character is also drawn and compared with that box (a private-use character no font
    for reading text has).
    """
    import pygame

    if face.metrics(char)[0] is None:
        return False
    white, black = (255, 255, 255), (0, 0, 0)
    box = pygame.image.tobytes(face.render("\ue000", False, white, black), "RGB")
    return pygame.image.tobytes(face.render(char, False, white, black), "RGB") != box


def _titles(section: Section) -> list[tuple[int, str]]:
    found = [(section.line, section.title), (section.line, section.short_title)]
    for sub in section.subsections:
        found.extend(_titles(sub))
    return found


def _readable(
    sections: tuple[Section, ...], path: tuple[int, ...]
) -> Iterator[tuple[Section, Any]]:
    """Every text the reader shows on its own: a section without subsections, or a section's
    text before its subsections (its overview) and each subsection."""
    from kiosk.document import overview_document, section_document

    for number, section in enumerate(sections):
        here = (*path, number)
        if section.subsections:
            if section.blocks:
                yield section, overview_document(0, here, section)
            yield from _readable(section.subsections, here)
        else:
            yield section, section_document(0, here, section)
