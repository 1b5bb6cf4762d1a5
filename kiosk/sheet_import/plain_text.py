"""Plain text -> a Draft: blocks are separated by blank lines; the first line is the title;
a short line of its own without a full stop is a heading ("## " marks, if the text has
them, give the level); bullet and numbered lines are list items; wrapped lines join."""

from __future__ import annotations

import re

from kiosk.sheet_import.draft import Draft, Piece, collapse, take_metadata

_ITEM = re.compile(r"^\s*(?:[•▪◦●■‣∙]|[-*+–]|\d{1,3}[.)])\s+(.*)$")
_MARKED_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ENDS_SENTENCE = re.compile(r"[.!;:,\"”’]$")  # a question may be a heading
MAX_HEADING_CHARS = 120


def read_text(text: str) -> Draft:
    draft = Draft()
    blocks = [b for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]
    for index, block in enumerate(blocks):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        marked = _MARKED_HEADING.match(lines[0])
        if len(lines) == 1 and marked:
            level, words = len(marked.group(1)), collapse(marked.group(2))
            if level == 1 and not draft.title:
                draft.title = words
            else:
                draft.pieces.append(Piece("heading", words, level))
        elif index == 0 and len(lines) == 1 and not draft.title:
            draft.title = collapse(lines[0])
        elif len(lines) == 1 and take_metadata(draft, lines[0]):
            continue
        elif len(lines) == 1 and _is_heading(lines[0], index + 1 < len(blocks)):
            draft.pieces.append(Piece("heading", collapse(lines[0]), 2))
        else:
            _block(lines, draft)
    if not any(_MARKED_HEADING.match(b.strip()) for b in blocks):
        draft.notes.append(
            "plain text has no heading levels: every heading became a section (##); "
            "make a subsection by changing its ## to ###"
        )
    return draft


def _is_heading(line: str, more_follows: bool) -> bool:
    return (
        more_follows
        and len(line) <= MAX_HEADING_CHARS
        and not _ENDS_SENTENCE.search(line)
        and not _ITEM.match(line)
    )


def _block(lines: list[str], draft: Draft) -> None:
    """Paragraph lines join; each bullet starts an item, and lines after it continue it."""
    current: list[str] = []
    kind = "paragraph"

    def flush() -> None:
        if current:
            words = collapse(" ".join(current))
            if kind == "list_item":
                draft.pieces.append(Piece("list_item", words))
            elif not take_metadata(draft, words):
                draft.pieces.append(Piece("paragraph", words))
            current.clear()

    for line in lines:
        item = _ITEM.match(line)
        if item:
            flush()
            kind = "list_item"
            current.append(item.group(1))
        else:
            current.append(line)
    flush()
