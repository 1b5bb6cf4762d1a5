"""Fact sheets as data: Markdown files in content/ parsed into sections and sentences.

The format is a small, strict subset of Markdown so that staff can edit it safely:
front matter between `---` lines, `## ` sections, `### ` subsections, `#### ` headings
within the text, paragraphs, `- ` list items, `**bold**` lead-ins and `[text](link)`
(only the text is kept). A heading may end with `{short="..."}`, the short name shown
on its tile and said by voice. Problems are reported with file name and line; one
broken file never stops the others loading.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

log = logging.getLogger("kiosk.content")

BlockKind = Literal["heading", "paragraph", "list_item"]
MAX_FILE_BYTES = 2_000_000
REQUIRED_FIELDS = ("title", "source")
KNOWN_FIELDS = ("title", "short_title", "source", "publication", "date", "licence", "credit")


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str  # display text, Markdown removed
    sentences: tuple[str, ...]  # " ".join(sentences) == text
    line: int  # 1-based line in the file
    lead: str = ""  # bold lead-in such as "Age:" (text still starts with it)


@dataclass(frozen=True)
class Section:
    title: str
    short_title: str
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


@dataclass(frozen=True)
class ContentError:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        where = f", line {self.line}" if self.line else ""
        return f"{self.path.name}{where}: {self.message}"


@dataclass(frozen=True)
class Library:
    sheets: tuple[FactSheet, ...]
    errors: tuple[ContentError, ...]


class ContentFileError(Exception):
    def __init__(self, error: ContentError) -> None:
        super().__init__(str(error))
        self.error = error


# ---------------------------------------------------------------- sentences
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {"u.s", "e.g", "i.e", "dr", "mr", "mrs", "ms", "no", "vs", "etc", "st", "jr",
                  "sr", "inc", "ltd", "fig", "approx", "dept", "u.k", "a.m", "p.m"}
_SENTENCE_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+|$)""")


def split_sentences(text: str) -> tuple[str, ...]:
    """Split text at sentence ends, not at abbreviations, initials or decimal numbers."""
    text = " ".join(text.split())
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        before = text[start:match.start()].split()
        last_word = before[-1].lower().rstrip(".") if before else ""
        if match.group().startswith(".") and (last_word in _ABBREVIATIONS
                                              or re.fullmatch(r"[a-z]", last_word)):
            continue
        following = text[end:].lstrip()
        if following and following[0].islower():
            continue  # "e.g. something" or an unlisted abbreviation
        sentences.append(text[start:end].strip())
        start = end
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return tuple(sentences)


# ---------------------------------------------------------------- inline Markdown
_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
_SHORT = re.compile(r"""\s*\{short="([^"]*)"\}\s*$""")


def _inline(text: str, path: Path, line: int) -> tuple[str, str]:
    """Strip inline Markdown; return (plain text, bold lead-in)."""
    text = _LINK.sub(lambda m: m.group(1), text)
    text = text.replace("\\(", "(").replace("\\)", ")").replace("\\[", "[").replace("\\]", "]")
    if text.count("**") % 2:
        raise ContentFileError(ContentError(path, line, "a ** bold marker is not closed"))
    lead = ""
    match = re.match(r"\*\*(.+?)\*\*", text)
    if match:
        lead = match.group(1).strip()
    text = text.replace("**", "")
    return " ".join(text.split()), lead


# ---------------------------------------------------------------- parsing
def _front_matter(lines: list[str], path: Path) -> tuple[dict[str, str], int]:
    if not lines or lines[0].strip() != "---":
        raise ContentFileError(ContentError(
            path, 1, "the file must start with front matter: a line '---', then 'title: ...' "
            "and 'source: ...', then '---'"))
    fields: dict[str, str] = {}
    for number, raw in enumerate(lines[1:], start=2):
        line = raw.strip()
        if line == "---":
            for name in REQUIRED_FIELDS:
                if not fields.get(name):
                    raise ContentFileError(ContentError(
                        path, number, f"the front matter has no '{name}:' line"))
            return fields, number
        if line.startswith("#"):
            raise ContentFileError(ContentError(
                path, 1, f"the front matter is not closed: add a '---' line before line {number}"))
        if not line:
            continue
        if ":" not in line:
            raise ContentFileError(ContentError(
                path, number, f"front matter lines look like 'name: value', not {line!r}"))
        name, value = (part.strip() for part in line.split(":", 1))
        if name not in KNOWN_FIELDS:
            raise ContentFileError(ContentError(
                path, number, f"unknown front matter field '{name}' (known: "
                f"{', '.join(KNOWN_FIELDS)})"))
        fields[name] = value
    raise ContentFileError(ContentError(path, 1, "the front matter is not closed with '---'"))


@dataclass
class _Open:
    """A section being built while reading."""

    title: str
    short: str
    line: int
    blocks: list[Block]
    subsections: list[_Open]

    def freeze(self, path: Path) -> Section:
        if not self.blocks and not self.subsections:
            raise ContentFileError(ContentError(
                path, self.line, f"the section '{self.title}' has no text"))
        return Section(self.title, self.short or self.title, tuple(self.blocks),
                       tuple(s.freeze(path) for s in self.subsections), self.line)


def parse_fact_sheet(text: str, path: Path) -> FactSheet:
    """Parse one fact sheet. Raises ContentFileError naming the file and line."""
    if "\x00" in text:
        raise ContentFileError(ContentError(path, 0, "this is not a text file"))
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise ContentFileError(ContentError(path, 0, "the file is empty"))
    fields, body_start = _front_matter(lines, path)

    sections: list[_Open] = []
    subsection: _Open | None = None
    paragraph: list[str] = []
    paragraph_line = 0
    kind: BlockKind = "paragraph"

    def target(number: int) -> list[Block]:
        if subsection is not None:
            return subsection.blocks
        if sections:
            return sections[-1].blocks
        raise ContentFileError(ContentError(
            path, number, "text before the first '## ' section heading"))

    def flush() -> None:
        nonlocal paragraph
        if not paragraph:
            return
        plain, lead = _inline(" ".join(paragraph), path, paragraph_line)
        if plain:
            target(paragraph_line).append(
                Block(kind, plain, split_sentences(plain), paragraph_line, lead))
        paragraph = []

    for number, raw in enumerate(lines[body_start:], start=body_start + 1):
        line = raw.rstrip()
        stripped = line.strip()
        heading = re.match(r"^(#{1,6})\s+(.*)$", stripped)
        if heading:
            flush()
            level, title_text = len(heading.group(1)), heading.group(2)
            short_match = _SHORT.search(title_text)
            short = short_match.group(1).strip() if short_match else ""
            title, _ = _inline(_SHORT.sub("", title_text), path, number)
            if not title:
                raise ContentFileError(ContentError(path, number, "a heading has no words"))
            if level == 2:
                if subsection is not None:
                    sections[-1].subsections.append(subsection)
                    subsection = None
                sections.append(_Open(title, short, number, [], []))
            elif level == 3:
                if not sections:
                    raise ContentFileError(ContentError(
                        path, number, "a '### ' subsection comes before any '## ' section"))
                if subsection is not None:
                    sections[-1].subsections.append(subsection)
                subsection = _Open(title, short, number, [], [])
            elif level == 4:
                target(number).append(Block("heading", title, (title,), number))
            else:
                raise ContentFileError(ContentError(
                    path, number, f"use '## ', '### ' or '#### ' headings, not {'#' * level}"))
            continue
        if not stripped:
            flush()
            continue
        if stripped.startswith(("- ", "* ")):
            flush()
            kind, paragraph, paragraph_line = "list_item", [stripped[2:]], number
            continue
        if not paragraph:
            kind, paragraph_line = "paragraph", number
        paragraph.append(stripped)
    flush()
    if subsection is not None:
        sections[-1].subsections.append(subsection)
    if not sections:
        raise ContentFileError(ContentError(path, body_start, "there are no '## ' sections"))
    title, _ = _inline(fields["title"], path, 2)
    credit = fields.get("credit") or " ".join(
        part for part in (f"Source: {fields['source']}.",
                          f"Publication No. {fields['publication']}." if fields.get(
                              "publication") else "",
                          fields.get("date", "")) if part)
    return FactSheet(path, title, fields.get("short_title") or title, fields["source"],
                     fields.get("publication", ""), fields.get("date", ""), credit,
                     tuple(s.freeze(path) for s in sections))


def load_fact_sheet(path: Path) -> FactSheet:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ContentFileError(ContentError(
                path, 0, f"the file is too large ({size // 1000} kB; the limit is "
                f"{MAX_FILE_BYTES // 1000} kB)"))
        data = path.read_bytes()
    except OSError as error:
        raise ContentFileError(ContentError(path, 0, f"the file cannot be read ({error.strerror})")
                               ) from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContentFileError(ContentError(
            path, line, "the file is not UTF-8 text (save it as UTF-8)")) from error
    return parse_fact_sheet(text, path)


def load_library(directory: Path) -> Library:
    """Every *.md fact sheet in a folder, sorted by file name. Never raises."""
    sheets: list[FactSheet] = []
    errors: list[ContentError] = []
    try:
        paths = sorted(p for p in Path(directory).glob("*.md") if p.is_file())
    except OSError as error:
        paths = []
        errors.append(ContentError(Path(directory), 0, f"the folder cannot be read ({error})"))
    if not paths and not errors:
        errors.append(ContentError(Path(directory), 0, "no fact sheets (*.md files) here"))
    for path in paths:
        try:
            sheets.append(load_fact_sheet(path))
        except ContentFileError as problem:
            errors.append(problem.error)
        except Exception as error:  # the loader's boundary: report, never crash the kiosk
            errors.append(ContentError(path, 0, f"unexpected problem: {error!r}"))
    for error in errors:
        log.error("content problem: %s", error)
    return Library(tuple(sheets), tuple(errors))
