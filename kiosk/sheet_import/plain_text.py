"""Plain text -> a Draft: blocks are separated by blank lines; the first line is the title;
a short line of its own without a full stop is a heading ("## " marks, if the text has
them, give the level; so does a table of contents; a block all in **bold** is a heading
within the text); bullet and numbered lines
are list items; wrapped lines join. Text copied out of a PDF brings more: a table of
contents (left out), the publisher's name at the top and again at the end (the source),
a paragraph broken by a page end (joined again), address lines (kept as lines), a phone
number printed under its name (joined with a colon), and Markdown links and bold from
converters (their text kept; a line that is one link is a list entry)."""

from __future__ import annotations

import re

from kiosk.content import inline_text
from kiosk.sheet_import.draft import Draft, Piece, collapse, take_metadata

_ITEM = re.compile(r"^\s*(?:[•▪◦●■‣∙]|[-*+–]|\d{1,3}[.)])\s+(.*)$")
_MARKED_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ENDS_SENTENCE = re.compile(r"[.!;:,\"”’]$")  # a question may be a heading
_CONTENTS_LINE = re.compile(r"^\S.*?(?:\.{2,}|\t)\s*\d{1,3}\s*$|^\d{1,3}$")
_CONTENTS_TITLE = re.compile(r"^(?:table of )?contents$", re.IGNORECASE)
_BOLD_BLOCK = re.compile(r"^\*\*([^*]+)\*\*$")
_LEAD = re.compile(r"^\*\*(.+?)\*\*")
_LINK_ONLY = re.compile(r"^\[[^\]]+\]\([^)]*\)$")  # a line that is one link: an entry of a list
_PHONE_ONLY = re.compile(r"^\+?\(?\d[\d\s().-]{6,}\d$")
MAX_HEADING_CHARS = 120
MAX_SHORT_LINE = 60  # address and contact lines are this short; wrapped text is longer


def _blocks(text: str) -> list[list[str]]:
    raw = [b for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]
    return [[line.strip() for line in block.split("\n") if line.strip()] for block in raw]


def _without_contents(blocks: list[list[str]], draft: Draft) -> tuple[list[list[str]], set[str]]:
    """Drop a table of contents (lines ending in a page number) and its title; return the
    headings it lists: they are the sections, other headings their subsections."""
    kept: list[list[str]] = []
    listed: set[str] = set()
    for lines in blocks:
        entries = [line for line in lines if _CONTENTS_LINE.match(line)]
        if len(lines) >= 3 and len(entries) >= len(lines) / 2:
            if kept and len(kept[-1]) == 1 and _CONTENTS_TITLE.match(kept[-1][0]):
                kept.pop()
            for line in lines:
                title = re.sub(r"(?:\.{2,}|\t)\s*\d{1,3}\s*$", "", line).strip(" .\t")
                if title and not title.isdigit():
                    listed.add(collapse(inline_text(title)))
            draft.notes.append("a table of contents was left out (the kiosk's tiles are one)")
            continue
        kept.append(lines)
    return kept, listed


def _without_masthead(blocks: list[list[str]], draft: Draft) -> list[list[str]]:
    """The publisher's name printed at the top and again later is the source, not text."""
    first = collapse(" ".join(blocks[0])) if blocks else ""
    again = [i for i, lines in enumerate(blocks[1:], 1) if collapse(" ".join(lines)) == first]
    if not again or _ENDS_SENTENCE.search(first) or len(first) > MAX_HEADING_CHARS:
        return blocks
    draft.source = draft.source or first
    return [lines for i, lines in enumerate(blocks) if i != 0 and i not in again]


def read_text(text: str) -> Draft:
    draft = Draft()
    blocks, sections = _without_contents(_blocks(text), draft)
    blocks = _without_masthead(blocks, draft)
    plain_level = 2  # without a table of contents every heading is a section
    for index, lines in enumerate(blocks):
        marked = _MARKED_HEADING.match(lines[0])
        bold = _BOLD_BLOCK.match(" ".join(lines))
        if len(lines) == 1 and marked:
            level, words = len(marked.group(1)), inline_text(marked.group(2))
            if level == 1 and not draft.title:
                draft.title = words
            else:
                draft.pieces.append(Piece("heading", words, level))
        elif index == 0 and len(lines) == 1 and not draft.title:
            draft.title = inline_text(lines[0])
        elif len(lines) == 1 and take_metadata(draft, lines[0]):
            continue
        elif len(lines) == 1 and _LINK_ONLY.match(lines[0]):
            draft.pieces.append(Piece("list_item", inline_text(lines[0])))
        elif len(lines) == 1 and _PHONE_ONLY.match(lines[0]) and draft.pieces:
            previous = draft.pieces[-1]  # a number printed beside or under its name
            draft.pieces[-1] = Piece(previous.kind, f"{previous.text}: {lines[0]}")
        elif bold and index + 1 < len(blocks):
            draft.pieces.append(Piece("heading", inline_text(bold.group(1)), 4))
        elif len(lines) == 1 and _is_heading(lines[0], index + 1 < len(blocks)):
            words = inline_text(lines[0])
            level = plain_level if not sections else 2 if words in sections else 3
            draft.pieces.append(Piece("heading", words, level))
        else:
            _block(lines, draft)
    if not sections and not any(_MARKED_HEADING.match(lines[0]) for lines in blocks):
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
        and not line[:1].islower()
    )


def _short_lines(lines: list[str]) -> bool:
    """An address or a list of names: three or more short lines, none ending a sentence."""
    return len(lines) >= 3 and all(
        len(line) <= MAX_SHORT_LINE and not _ENDS_SENTENCE.search(line) for line in lines[:-1]
    )


def _block(lines: list[str], draft: Draft) -> None:
    """Paragraph lines join; each bullet starts an item, and lines after it continue it."""
    if _short_lines(lines) and not any(_ITEM.match(line) for line in lines):
        for line in lines:
            draft.pieces.append(Piece("list_item", inline_text(line)))
        return
    current: list[str] = []
    kind = "paragraph"

    def flush() -> None:
        if not current:
            return
        raw = " ".join(current)
        words = inline_text(raw)
        previous = draft.pieces[-1] if draft.pieces else None
        if kind == "list_item":
            lead = _LEAD.match(raw)
            draft.pieces.append(
                Piece("list_item", words, lead=inline_text(lead.group(1)) if lead else "")
            )
        elif words[:1].islower() and previous is not None and previous.kind == "paragraph":
            draft.pieces[-1] = Piece("paragraph", f"{previous.text} {words}")  # a page ended
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
