"""What an imported page or PDF holds, in order, and how it becomes a kiosk fact sheet.

Each reader (HTML, PDF, plain text) turns its file into a `Draft`: the title, the
publisher, the publication number and date where the file has them, the text as a list
of headings, paragraphs and list items (word for word), and what it could not place
(a table, an image's text). `to_markdown` writes the kiosk's Markdown from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

PieceKind = Literal["heading", "paragraph", "list_item"]
INTRO_SECTION = "Overview"  # the text before a page's first heading goes in a section so named

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "NIH Publication No. 25-NS-916", "Publication No 21-NS-5142", "Pub. No. 19-NS-2222"
PUBLICATION = re.compile(
    r"\b(?:Publication|Pub\.)\s+(?:No\.?|Number)\s*:?\s*([0-9]{2}-[A-Z]{1,4}-[0-9]{2,6}[A-Z]?)"
)
DATE = re.compile(rf"\b(?:\d{{1,2}}\s+)?(?:{_MONTHS})(?:\s+\d{{1,2}},)?\s+(?:19|20)\d\d\b")
# Words that, with a publication number or a date, make a line metadata, not text.
_METADATA_WORDS = re.compile(
    r"\b(?:NIH|NINDS|Publication|Pub|No|Updated|Last|updated|reviewed|Reviewed|Revised|"
    rf"revised|Date|Page|{_MONTHS})\b|[0-9]+|[·|.,:;\-–—]"
)


@dataclass(frozen=True)
class Piece:
    kind: PieceKind
    text: str  # word for word, whitespace collapsed
    level: int = 0  # a heading's level in its file: 1 is the largest
    lead: str = ""  # a list item's bold lead-in ("Age:"); `text` starts with it


@dataclass
class Draft:
    title: str = ""
    source: str = ""
    publication: str = ""
    date: str = ""
    pieces: list[Piece] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # "a table under 'Treating ALS' ..."
    notes: list[str] = field(default_factory=list)  # what staff should look at

    def words(self) -> int:
        return sum(len(piece.text.split()) for piece in self.pieces)


def collapse(text: str) -> str:
    return " ".join(text.split())


def metadata_line(text: str) -> tuple[str, str] | None:
    """(publication, date) when a line is only a publication number and/or a date
    ("NIH Publication No. 25-NS-916 · March 2025"), else None: such a line is not text."""
    publication, date = PUBLICATION.search(text), DATE.search(text)
    if not publication and not date:
        return None
    rest = PUBLICATION.sub(" ", text)
    rest = DATE.sub(" ", rest)
    if _METADATA_WORDS.sub(" ", rest).strip():
        return None
    return (publication.group(1) if publication else "", date.group(0) if date else "")


def take_metadata(draft: Draft, text: str) -> bool:
    """Fill the publication and date from a metadata line; True when the line was one."""
    found = metadata_line(text)
    if found is None:
        return False
    draft.publication = draft.publication or found[0]
    draft.date = draft.date or found[1]
    return True


# ---------------------------------------------------------------- writing Markdown
_INLINE_SPECIAL = re.compile(r"([\\`*\[\]<{}])")
_LINE_START = re.compile(r"^(#|[-+_]|\d{1,3}[.)]\s|>)")


def escape(text: str) -> str:
    """Text as the kiosk's Markdown shows it word for word (kiosk/content.py removes the
    backslashes): no stray bold, link, comment or heading markers."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    match = _LINE_START.match(text)
    if match:
        marker = match.group(1)
        at = len(marker.rstrip()) - 1 if marker[0].isdigit() else 0
        text = text[:at] + "\\" + text[at:]
    return text


def _levels(pieces: list[Piece]) -> dict[int, int]:
    """The file's heading levels -> the kiosk's: the largest two become sections (##) and
    subsections (###), every smaller one a heading within the text (####)."""
    found = sorted({p.level for p in pieces if p.kind == "heading"})
    return {level: min(2 + index, 4) for index, level in enumerate(found)}


def _placed(pieces: list[Piece]) -> list[tuple[int, Piece]]:
    """(kiosk heading level or 0, piece); a heading with no text under it before the next
    heading of its level or above is kept as a paragraph (the kiosk needs text under each)."""
    levels = _levels(pieces)
    placed = [(levels.get(p.level, 0) if p.kind == "heading" else 0, p) for p in pieces]
    out: list[tuple[int, Piece]] = []
    for index, (level, piece) in enumerate(placed):
        if level:
            following = placed[index + 1] if index + 1 < len(placed) else None
            empty = following is None or (following[0] and following[0] <= level)
            if empty:
                level = 0
                piece = Piece("paragraph", piece.text)
        out.append((level, piece))
    return out


class _TileNames:
    """Tiles on one screen need different names (they are said as voice commands): a
    heading met again on the same screen gets a numbered short name."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.sections: set[str] = set()
        self.subsections: set[str] = set()

    def short(self, level: int, title: str) -> str:
        if level == 2:
            self.subsections = set()
        if level == 4:
            return ""
        used = self.sections if level == 2 else self.subsections
        key = re.sub(r"[^\w ]", "", title.casefold()).strip()
        if key not in used:
            used.add(key)
            return ""
        number = 2
        while f"{key} {number}" in used:
            number += 1
        used.add(f"{key} {number}")
        self.draft.notes.append(
            f'"{title}" is a heading twice on one screen: its tile is named "{title} '
            f'{number}"; give it a better short name'
        )
        name = escape(title).replace('"', "'")
        return f' {{short="{name} {number}"}}'


def _front_matter(draft: Draft) -> list[str]:
    lines = ["---", f"title: {escape(draft.title)}", f"source: {escape(draft.source)}"]
    if draft.publication:
        lines.append(f"publication: {escape(draft.publication)}")
    if draft.date:
        lines.append(f"date: {escape(draft.date)}")
    return [*lines, "---", ""]


def to_markdown(draft: Draft) -> str:
    """The kiosk's Markdown for a draft: front matter, then sections from its headings."""
    lines = _front_matter(draft)
    placed = _placed(draft.pieces)
    section_open = False
    if placed and placed[0][0] != 2:
        lines += [f"## {INTRO_SECTION}", ""]
        section_open = True
        if placed[0][0] == 0:
            draft.notes.append(
                f'the text before the first heading is in a section named "{INTRO_SECTION}": '
                "rename it if you like"
            )
    previous_kind = ""
    names = _TileNames(draft)
    for level, piece in placed:
        if level and not section_open:
            level = 2  # a subsection never comes before its section
        if level:
            section_open = section_open or level == 2
            heading = f"{'#' * level} {escape(piece.text)}{names.short(level, piece.text)}"
            lines += ["", heading, ""]
        elif piece.kind == "list_item":
            if previous_kind != "list_item":
                lines.append("")
            lead = piece.lead
            text = piece.text
            if lead and text.startswith(lead):
                text = f"**{escape(lead)}**{escape(text[len(lead) :])}"
            else:
                text = escape(text)
            lines.append(f"- {text}")
        else:
            lines += ["", escape(piece.text), ""]
        previous_kind = piece.kind if not level else "heading"
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
