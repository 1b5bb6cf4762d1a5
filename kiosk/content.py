"""Fact sheets: Markdown files in content/ parsed into sections, blocks and sentences.

A fact sheet is a UTF-8 Markdown file:

    ---
    title: Amyotrophic Lateral Sclerosis (ALS)
    short_title: ALS
    source: National Institute of ...
    publication: 25-NS-916
    date: March 2025
    licence: Public domain
    credit: Source: NINDS, NIH.
    ---

    ## What is ALS, in full? {short="What is ALS?"}     <- a section (a tile on the home screen)
    A paragraph. Lines until a blank line join into one paragraph.
    - a list item
    - **Lead-in:** a list item with a bold lead-in
    ### A subsection {short="Tile name"}              <- a tile inside its section
    #### A heading within the text                     <- shown and read inside the text

`title` and `source` are required in the front matter. `{short="..."}` gives the name shown
on a tile and said as a voice command; without it the heading itself is used. Links keep their
text only; `**bold**`, `*emphasis*` and backslash escapes are removed from the displayed text.
Numbered list items are shown as plain list items. Lines `<!-- like this -->` are staff notes
and are not shown.

Everything here is plain Python (no pygame): the core and the `check-content` command use it.
A broken file gives `ContentError`s naming the file and line, and never stops the other
sheets loading.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from kiosk import words

log = logging.getLogger("kiosk.content")

PHRASES_FILE = "phrases.md"  # the Talk board's phrases live beside the fact sheets
MAX_FILE_BYTES = 2 * 1024 * 1024  # a fact sheet is tens of kB; anything this big is a mistake
REQUIRED_FIELDS = ("title", "source")  # every sheet shows where its words come from
FRONT_MATTER_FIELDS = ("title", "short_title", "source", "publication", "date", "licence", "credit")
_FIELD_ALIASES = {"license": "licence", "short-title": "short_title", "shorttitle": "short_title"}

BlockKind = Literal["heading", "paragraph", "list_item"]


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str  # display text, markdown removed, whitespace collapsed to single spaces
    sentences: tuple[str, ...]  # " ".join(sentences) == text
    line: int  # 1-based line in the file where the block starts
    lead: str = ""  # bold lead-in such as "Age:"; text still starts with it


@dataclass(frozen=True)
class Section:
    title: str
    short_title: str  # the tile name; the title itself when the heading gives none
    blocks: tuple[Block, ...]  # the text before the first subsection
    subsections: tuple[Section, ...]
    line: int


@dataclass(frozen=True)
class FactSheet:
    path: Path
    title: str
    short_title: str
    source: str
    publication: str
    date: str
    credit: str
    sections: tuple[Section, ...]
    licence: str = ""


@dataclass(frozen=True)
class ContentError:
    path: Path
    line: int  # 1-based; 0 when the problem is with the whole file or folder
    message: str  # plain words for clinic staff

    def __str__(self) -> str:
        if self.line > 0:
            return f"{self.path.name}, line {self.line}: {self.message}"
        return f"{self.path.name}: {self.message}"


@dataclass(frozen=True)
class Library:
    sheets: tuple[FactSheet, ...]
    errors: tuple[ContentError, ...]
    # The folder itself is gone, unreadable or holds no fact sheets (removed, or a USB stick
    # or network share unmounted): a reload then keeps the last good sheets (`merge_reload`).
    folder_missing: bool = False


class ContentFileError(Exception):
    """A fact sheet that cannot be used; `error` is the first problem, `errors` all found."""

    def __init__(self, errors: ContentError | Iterable[ContentError]) -> None:
        found = (errors,) if isinstance(errors, ContentError) else tuple(errors)
        if not found:
            raise ValueError("ContentFileError needs at least one ContentError")
        self.errors: tuple[ContentError, ...] = found
        self.error: ContentError = found[0]
        super().__init__("\n".join(str(e) for e in found))


# ------------------------------------------------------------------------ sentences
# Words after which a full stop never ends a sentence.
_NEVER_END = {
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "st",
    "vs",
    "e.g",
    "i.e",
    "cf",
    "approx",
    "ca",
    "fig",
    "figs",
    "eg",
    "ie",
    "mt",
    "sgt",
    "gen",
    "rev",
    "hon",
    "gov",
    "sen",
    "rep",
}
# Words that abbreviate before a number: "No. 25-NS-916", "p. 4".
_BEFORE_NUMBER = {"no", "nos", "vol", "p", "pp", "ch", "art", "sec", "tel", "ext", "ph"}
# Words that may end a sentence or not ("in the U.S. It ..." vs "the U.S. Food ...").
_AMBIGUOUS = {"etc", "inc", "ltd", "co", "corp", "jr", "sr", "a.m", "p.m", "u.s", "u.k", "d.c"}
# After an ambiguous abbreviation, a sentence is taken to start only at one of these words.
_STARTERS = {
    "a",
    "an",
    "the",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "they",
    "there",
    "their",
    "he",
    "she",
    "we",
    "you",
    "i",
    "in",
    "on",
    "at",
    "for",
    "but",
    "and",
    "or",
    "so",
    "if",
    "when",
    "while",
    "as",
    "after",
    "before",
    "however",
    "also",
    "some",
    "many",
    "most",
    "all",
    "each",
    "one",
    "our",
    "his",
    "her",
    "what",
    "who",
    "how",
    "why",
    "where",
    "which",
    "to",
    "by",
    "with",
    "from",
    "about",
    "learn",
    "see",
    "visit",
    "call",
    "ask",
    "talk",
    "people",
}
_CANDIDATE = re.compile(r"([.?!\u2026]+)([\"'\u201d\u2019)\]]*) (?=(\S+))")
_OPENERS = "\"'\u201c\u2018([{"


def split_sentences(text: str) -> tuple[str, ...]:
    """Split text into sentences; " ".join(result) is the text with whitespace collapsed."""
    text = " ".join(text.split())
    if not text:
        return ()
    pieces: list[str] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        if _ends_sentence(text, match):
            pieces.append(text[start : match.end(2)])
            start = match.end()  # skip exactly the one space
    pieces.append(text[start:])
    return tuple(pieces)


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    punct, closers, next_word = match.group(1), match.group(2), match.group(3)
    first = next_word[0]
    if first.islower() or first in ",;:-\u2013\u2014)]}":
        return False  # a sentence does not start in lower case or with a comma
    if not (first.isupper() or first.isdigit() or first in _OPENERS or not first.isalpha()):
        return False
    if "?" in punct or "!" in punct or closers or len(punct) > 1:
        return True
    before = text[: match.start(1)]
    word = before.rsplit(" ", 1)[-1].lstrip(_OPENERS).lower()
    if not word:
        return True
    if word in _NEVER_END:
        return False
    if word in _BEFORE_NUMBER and first.isdigit():
        return False
    bare_next = next_word.lstrip(_OPENERS).rstrip(".,;:!?\"')\u201d\u2019").lower()
    is_initial = len(word) == 1 and word.isalpha()
    if word in _AMBIGUOUS or "." in word or is_initial:
        return bare_next in _STARTERS
    return True


# ------------------------------------------------------------------------ inline markdown
_ESCAPABLE = "\\`*_{}[]()#+-.!<>|\"'~"
_ESCAPE = re.compile(r"\\([" + re.escape(_ESCAPABLE) + r"])")
_PRIVATE = 0xE000  # escaped characters are parked in the private-use area while parsing
# [text](target) or ![alt](image); a target may hold one level of brackets and a "title"
_IMAGE_OR_LINK = re.compile(
    r"!?\[([^\[\]]*)\]\(([^()\s]*(?:\([^()]*\)[^()\s]*)*)(?:\s+\"[^\"]*\")?\)"
)
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_CODE = re.compile(r"`([^`]*)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_SPACES = re.compile(r"\s+")


def _protect(raw: str) -> str:
    return _ESCAPE.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), raw)


def _unprotect(text: str) -> str:
    return "".join(
        chr(ord(c) - _PRIVATE) if _PRIVATE <= ord(c) < _PRIVATE + 128 else c for c in text
    )


def _render(protected: str) -> str:
    """Display text from protected inline Markdown."""
    text = _CODE.sub(lambda m: _protect_all(m.group(1)), protected)
    text = _IMAGE_OR_LINK.sub(lambda m: m.group(1), text)
    text = _AUTOLINK.sub(lambda m: m.group(1), text)
    text = _BOLD.sub(lambda m: m.group(1), text)
    text = _EMPHASIS.sub(lambda m: m.group(1), text)
    return _SPACES.sub(" ", _unprotect(text)).strip()


def _protect_all(code: str) -> str:
    # Inline code is shown as typed: park every markdown character.
    return "".join(chr(_PRIVATE + ord(c)) if c in _ESCAPABLE else c for c in code)


def inline_text(raw: str) -> str:
    """Display text of one piece of inline Markdown (links, bold, escapes removed)."""
    return _render(_protect(raw))


# ------------------------------------------------------------------------ parsing
_HEADING = re.compile(r"^(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+(.*)$")
_NUMBERED = re.compile(r"^[ \t]*\d{1,3}[.)][ \t]+(.*)$")
_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FIELD = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_ATTRIBUTES = re.compile(r"^(.*?)[ \t]*\{([^{}]*)\}[ \t]*$")
_ATTRIBUTE = re.compile(r"[ \t]*([A-Za-z_]+)[ \t]*=[ \t]*(?:\"([^\"]*)\"|'([^']*)')[ \t]*")


@dataclass
class _SectionDraft:
    title: str
    short: str
    line: int
    level: int
    blocks: list[Block] = field(default_factory=list)
    subsections: list[_SectionDraft] = field(default_factory=list)


class _Parser:
    def __init__(self, text: str, path: Path) -> None:
        self.path = path
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.errors: list[ContentError] = []
        self.fields: dict[str, str] = {}
        self.field_lines: dict[str, int] = {}
        self.front_matter_end = 1  # line of the closing "---"
        self.sections: list[_SectionDraft] = []
        self.section: _SectionDraft | None = None
        self.subsection: _SectionDraft | None = None
        self.pending: list[tuple[int, str]] = []  # (line, raw text) of the block being read
        self.pending_kind: BlockKind = "paragraph"
        self.stray_text_reported = False
        self.truncated = False

    def error(self, line: int, message: str) -> None:
        self.errors.append(ContentError(self.path, line, message))

    # --- front matter
    def front_matter(self) -> int:
        """Read the front matter; return the index of the first body line."""
        if self.lines[0].strip() != "---":
            self.error(
                1,
                'the file must start with front matter: a line "---", then lines '
                'like "title: ...", then another "---"',
            )
            return 0
        for index in range(1, len(self.lines)):
            line = self.lines[index]
            number = index + 1
            if line.strip() == "---":
                self.front_matter_end = number
                self.check_fields()
                return index + 1
            if _HEADING.match(line):
                self.error(
                    1,
                    f"the front matter that starts here is not closed: add a line "
                    f'"---" before the heading on line {number}',
                )
                return index
            if not line.strip():
                continue
            match = _FIELD.match(line)
            if not match:
                self.error(number, 'this front matter line should look like "name: value"')
                continue
            name = match.group(1).lower()
            name = _FIELD_ALIASES.get(name, name)
            if name not in FRONT_MATTER_FIELDS:
                self.error(
                    number,
                    f'unknown front matter field "{match.group(1)}" (known '
                    f"fields: {', '.join(FRONT_MATTER_FIELDS)})",
                )
                continue
            if name in self.fields:
                self.error(number, f'the field "{name}" is given twice')
                continue
            value = match.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1].strip()
            self.fields[name] = inline_text(value)
            self.field_lines[name] = number
        self.error(
            1,
            'the front matter that starts here is never closed: add a line "---" '
            "after its last field",
        )
        return len(self.lines)

    def check_fields(self) -> None:
        for name in REQUIRED_FIELDS:
            if name not in self.fields:
                self.error(
                    self.front_matter_end,
                    f'the front matter has no {name}: add a line "{name}: ..." before this "---"',
                )
        for name, value in self.fields.items():
            if not value:
                self.error(self.field_lines[name], f"the {name} is empty")

    # --- body
    def body(self, start: int) -> None:
        in_comment = 0  # line where an open <!-- comment started
        for index in range(start, len(self.lines)):
            line = self.lines[index]
            number = index + 1
            stripped = line.strip()
            if in_comment:
                if "-->" in stripped:
                    in_comment = 0
                continue
            if stripped.startswith("<!--"):
                self.flush()
                if "-->" not in stripped[4:]:
                    in_comment = number
                continue
            if not stripped:
                self.flush()
                continue
            heading = _HEADING.match(line)
            if heading:
                self.flush()
                self.heading(number, len(heading.group(1)), heading.group(2) or "")
                continue
            if stripped.startswith("```") or stripped.startswith("~~~"):
                self.flush()
                self.error(
                    number,
                    "code blocks (```) are not used in fact sheets; write the text as a paragraph",
                )
                continue
            if _RULE.match(line):
                self.flush()  # a horizontal rule: nothing to show or read
                continue
            item = _BULLET.match(line) or _NUMBERED.match(line)
            if item:
                self.flush()
                self.pending_kind = "list_item"
                self.pending.append((number, item.group(1)))
                continue
            if stripped.startswith(">"):
                stripped = stripped.lstrip("> \t")  # a quote is shown as a plain paragraph
            self.pending.append((number, stripped))
        self.flush()
        if in_comment:
            self.error(in_comment, 'the note "<!--" that starts here is never closed with "-->"')
            self.truncated = True  # the rest of the file was swallowed: say only that
        self.close_section()

    def flush(self) -> None:
        if not self.pending:
            return
        pending, kind = self.pending, self.pending_kind
        self.pending, self.pending_kind = [], "paragraph"
        first_line = pending[0][0]
        protected = [(number, _protect(raw)) for number, raw in pending]
        self.bold_closed(protected)  # reported; the text is kept so no other errors follow
        joined = " ".join(raw for _, raw in protected)
        text = _render(joined).replace("**", "")  # "**" left only when a marker is unclosed
        if not text:
            if kind == "list_item":
                self.error(first_line, "this list item has no text")
            return
        lead = ""
        lead_match = re.match(r"\*\*(.+?)\*\*", joined)
        if lead_match:
            lead = _render(lead_match.group(1))
        self.add_block(Block(kind, text, split_sentences(text), first_line, lead))

    def bold_closed(self, protected: list[tuple[int, str]]) -> bool:
        open_line = 0
        for number, raw in protected:
            for _ in range(raw.count("**")):
                open_line = 0 if open_line else number
        if open_line:
            self.error(
                open_line,
                'a bold marker "**" here is never closed: add the closing "**" or remove it',
            )
            return False
        return True

    def add_block(self, block: Block) -> None:
        target = self.subsection or self.section
        if target is None:
            if not self.stray_text_reported:
                self.stray_text_reported = True
                self.error(
                    block.line,
                    "text comes before the first section: start a section "
                    'with a heading line "## Section title"',
                )
            return
        target.blocks.append(block)

    def heading(self, number: int, level: int, raw: str) -> None:
        protected = re.sub(r"[ \t]+#+$", "", _protect(raw))  # optional closing "##"
        short = ""
        attributes = _ATTRIBUTES.match(protected)
        if attributes:
            protected = attributes.group(1)
            short = self.short_attribute(number, level, attributes.group(2))
        self.bold_closed([(number, protected)])
        title = _render(protected).replace("**", "")
        if not title:
            self.error(number, "this heading has no text")
            return
        if level == 1:
            self.error(
                number,
                'use "## " for sections: the sheet\'s own title goes in the '
                'front matter as "title: ..."',
            )
        elif level == 2:
            self.close_section()
            self.section = _SectionDraft(title, short or title, number, 2)
        elif level == 3:
            if self.section is None:
                self.error(
                    number,
                    'a "###" subsection heading comes before any "##" section '
                    "heading: heading levels must not skip",
                )
                self.stray_text_reported = True  # its text is part of this problem
                return
            self.close_subsection()
            self.subsection = _SectionDraft(title, short or title, number, 3)
            self.section.subsections.append(self.subsection)
        elif level == 4:
            if self.section is None:
                self.error(
                    number,
                    'a "####" heading comes before any "##" section heading: '
                    "heading levels must not skip",
                )
                self.stray_text_reported = True
                return
            self.add_block(Block("heading", title, split_sentences(title), number))
        else:
            self.error(
                number,
                f'"{"#" * level}" headings are not used: use "##" for '
                'sections, "###" for subsections and "####" within the text',
            )

    def short_attribute(self, number: int, level: int, inside: str) -> str:
        position, short = 0, ""
        inside = _unprotect(inside)
        while position < len(inside):
            match = _ATTRIBUTE.match(inside, position)
            if not match or match.end() == position:
                self.error(
                    number,
                    'could not read the "{...}" after the heading: write it as {short="Tile name"}',
                )
                return ""
            name, value = (
                match.group(1),
                match.group(2) if match.group(2) is not None else match.group(3),
            )
            if name != "short":
                self.error(
                    number, f'unknown heading setting "{name}": only {{short="Tile name"}} is used'
                )
            elif not inline_text(value):
                self.error(number, 'the short name {short=""} is empty')
            elif level not in (2, 3):
                self.error(
                    number,
                    'a short name {short="..."} is only used on "##" and "###" '
                    "headings, which become tiles",
                )
            else:
                short = inline_text(value)
            position = match.end()
        return short

    def close_subsection(self) -> None:
        sub, self.subsection = self.subsection, None
        if sub is None:
            return
        if not sub.blocks and not self.truncated:
            self.error(sub.line, f'the subsection "{sub.title}" has no text under it')
        self.check_headings(sub.blocks)

    def close_section(self) -> None:
        self.close_subsection()
        section, self.section = self.section, None
        if section is None:
            return
        if not section.blocks and not section.subsections and not self.truncated:
            self.error(
                section.line,
                f'the section "{section.title}" has no text and no subsections under it',
            )
        self.check_headings(section.blocks)
        self.sections.append(section)

    def check_headings(self, blocks: list[Block]) -> None:
        for index, block in enumerate(blocks):
            if block.kind != "heading":
                continue
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if (following is None or following.kind == "heading") and not self.truncated:
                self.error(block.line, f'the heading "{block.text}" has no text under it')

    def check_names(self) -> None:
        """Tiles on one screen need different names: they are said as voice commands."""
        groups = [self.sections] + [s.subsections for s in self.sections]
        for group in groups:
            seen: dict[str, _SectionDraft] = {}
            for draft in group:
                key = re.sub(r"[^\w ]", "", draft.short.casefold()).strip()
                if key in seen:
                    self.error(
                        draft.line,
                        f"two tiles on the same screen would both be called "
                        f'"{draft.short}" (also line {seen[key].line}): '
                        'give one a different {short="..."}',
                    )
                else:
                    seen[key] = draft


def _freeze(draft: _SectionDraft) -> Section:
    return Section(
        draft.title,
        draft.short,
        tuple(draft.blocks),
        tuple(_freeze(sub) for sub in draft.subsections),
        draft.line,
    )


def _binary_line(text: str) -> int:
    """1-based line of the first character that marks binary data, or 0."""
    for index, char in enumerate(text):
        if char == "\x00" or (ord(char) < 32 and char not in "\t\n\r\f"):
            return text.count("\n", 0, index) + 1
    return 0


def parse_fact_sheet(text: str, path: Path) -> FactSheet:
    """Parse one fact sheet's text; raise ContentFileError listing every problem found."""
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark from some Windows editors
    if not text.strip():
        raise ContentFileError(ContentError(path, 0, "the file is empty"))
    binary_line = _binary_line(text)
    if binary_line:
        raise ContentFileError(
            ContentError(
                path,
                binary_line,
                "the file holds binary data, not text: is it really a Markdown fact sheet?",
            )
        )
    parser = _Parser(text, path)
    parser.body(parser.front_matter())
    parser.check_names()
    if not parser.sections and not parser.errors:
        parser.error(
            parser.front_matter_end,
            "there are no sections after the front matter: "
            'add a heading line "## Section title" with text '
            "under it",
        )
    if parser.errors:
        raise ContentFileError(sorted(parser.errors, key=lambda e: e.line))
    fields = parser.fields
    credit = fields.get("credit") or " ".join(
        part
        for part in (
            words.credit_source(fields["source"]),
            words.credit_publication(fields["publication"]) if fields.get("publication") else "",
            fields.get("date", ""),
        )
        if part
    )
    return FactSheet(
        path=path,
        title=fields["title"],
        short_title=fields.get("short_title", fields["title"]),
        source=fields["source"],
        publication=fields.get("publication", ""),
        date=fields.get("date", ""),
        credit=credit,
        sections=tuple(_freeze(s) for s in parser.sections),
        licence=fields.get("licence", ""),
    )


def load_fact_sheet(path: Path) -> FactSheet:
    """Read and parse one file; raise ContentFileError if it cannot be used."""

    def fail(line: int, message: str) -> ContentFileError:
        return ContentFileError(ContentError(path, line, message))

    try:
        if path.is_dir():
            raise fail(0, "this is a folder, not a fact sheet file")
        if not path.is_file():
            raise fail(0, "the file does not exist or is not a regular file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise fail(
                0,
                f"the file is too large ({size / 1e6:.1f} MB; a fact sheet is at "
                f"most {MAX_FILE_BYTES // (1024 * 1024)} MB): is it the right file?",
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise fail(0, f"the file cannot be read ({exc.strerror or exc})") from exc
    if len(data) > MAX_FILE_BYTES:
        raise fail(0, "the file is too large: is it the right file?")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail(1, "the file is saved as UTF-16: save it as UTF-8 text instead")
    if data.startswith(b"%PDF"):
        raise fail(1, "this is a PDF file, not a Markdown fact sheet")
    if b"\x00" in data:
        at = data.index(b"\x00")
        raise fail(
            data.count(b"\n", 0, at) + 1,
            "the file holds binary data, not text: is it really a Markdown fact sheet?",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        raise fail(
            data.count(b"\n", 0, exc.start) + 1,
            f"the file is not valid UTF-8 text (byte 0x{data[exc.start]:02x} at column "
            f"{exc.start - line_start + 1}): save it as UTF-8",
        ) from exc
    return parse_fact_sheet(text, path)


def load_library(directory: Path) -> Library:
    """Load every *.md fact sheet in a folder, sorted by file name; problems are collected."""
    directory = Path(directory)
    sheets: list[FactSheet] = []
    errors: list[ContentError] = []
    files: list[Path] = []
    folder_missing = True
    try:
        if not directory.exists():
            errors.append(
                ContentError(directory, 0, f"the content folder {directory} does not exist")
            )
        elif not directory.is_dir():
            errors.append(ContentError(directory, 0, f"{directory} is not a folder"))
        else:
            files = sorted(
                (
                    p
                    for p in directory.iterdir()
                    if p.suffix.lower() == ".md"
                    and not p.name.startswith(".")
                    and p.name.casefold() != PHRASES_FILE  # the Talk board (kiosk/phrases.py)
                ),
                key=lambda p: (p.name.casefold(), p.name),
            )
            if not files:
                errors.append(
                    ContentError(
                        directory, 0, f"there are no fact sheets (.md files) in {directory}"
                    )
                )
            else:
                folder_missing = False
    except OSError as exc:
        errors.append(
            ContentError(directory, 0, f"the content folder cannot be read ({exc.strerror or exc})")
        )
    for path in files:
        try:
            sheets.append(load_fact_sheet(path))
        except ContentFileError as exc:
            errors.extend(exc.errors)
        except Exception as exc:  # noqa: BLE001 - one odd file must not stop the others
            log.exception("unexpected problem loading %s", path)
            errors.append(
                ContentError(
                    path,
                    0,
                    f"could not be loaded because of an unexpected "
                    f"problem ({type(exc).__name__}: {exc})",
                )
            )
    for error in errors:
        log.warning("content problem: %s", error)
    if sheets:
        log.info("loaded %d fact sheet(s) from %s", len(sheets), directory)
    return Library(tuple(sheets), tuple(errors), folder_missing=folder_missing and not sheets)


def merge_reload(previous: Library, fresh: Library) -> Library:
    """The library to show after a reload: what loaded now, plus the last good version of
    every sheet that is now broken, and of every sheet when the whole folder is missing.

    Problems are kept (newest load's only) so staff see why; sheets are sorted by file name.
    """
    good = {sheet.path: sheet for sheet in previous.sheets}
    sheets = {sheet.path: sheet for sheet in fresh.sheets}
    if fresh.folder_missing:
        for path, sheet in good.items():
            sheets.setdefault(path, sheet)
    else:
        for error in fresh.errors:
            if error.path in good:
                sheets.setdefault(error.path, good[error.path])
    kept = len(sheets) - len(fresh.sheets)
    if kept:
        log.error(
            "content problem: %s; keeping the last good version of %d sheet(s) on screen",
            "; ".join(str(e) for e in fresh.errors) or "folder missing",
            kept,
        )
    ordered = sorted(
        sheets.values(), key=lambda sheet: (sheet.path.name.casefold(), sheet.path.name)
    )
    return Library(tuple(ordered), fresh.errors, fresh.folder_missing)
