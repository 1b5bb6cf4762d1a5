"""What the reader shows and reads: a section flattened into a sequence of sentences.

The reader pages through sentences and highlights one at a time, so a section (its
title, its blocks, and its subsections' titles and blocks) is flattened once into
`Sentence` values that remember which block they belong to and what kind it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.content import Block, FactSheet, Section


@dataclass(frozen=True)
class Sentence:
    text: str
    block: int  # index of the block this sentence belongs to within the document
    kind: str  # "title" | "heading" | "paragraph" | "list_item"
    first_in_block: bool
    lead: str = ""  # bold lead-in of the block, on its first sentence only


@dataclass(frozen=True)
class Document:
    """A readable unit: one section, one subsection, or a section's overview."""

    key: tuple  # identifies it (for page measurement and speech events)
    title: str
    sentences: tuple[Sentence, ...]

    def block_sentences(self, start: int, stop: int) -> list[list[int]]:
        """Group sentence indices [start, stop) by block, in order."""
        groups: list[list[int]] = []
        for index in range(start, stop):
            if groups and self.sentences[groups[-1][0]].block == self.sentences[index].block:
                groups[-1].append(index)
            else:
                groups.append([index])
        return groups


def _block_sentences(block_index: int, kind: str, block: Block) -> list[Sentence]:
    parts = block.sentences or (block.text,)
    return [
        Sentence(text, block_index, kind, i == 0, block.lead if i == 0 else "")
        for i, text in enumerate(parts)
        if text.strip()
    ]


def build_document(
    key: tuple, title: str, sections: list[tuple[str | None, tuple[Block, ...]]]
) -> Document:
    """Flatten (heading, blocks) parts under one title into a Document."""
    sentences: list[Sentence] = [Sentence(title, 0, "title", True)]
    block_index = 1
    for heading, blocks in sections:
        if heading:
            sentences.append(Sentence(heading, block_index, "heading", True))
            block_index += 1
        for block in blocks:
            sentences.extend(_block_sentences(block_index, block.kind, block))
            block_index += 1
    return Document(key, title, tuple(sentences))


def section_document(sheet_index: int, path: tuple[int, ...], section: Section) -> Document:
    """The whole of a section or subsection, its subsections included as headings."""
    parts: list[tuple[str | None, tuple[Block, ...]]] = [(None, section.blocks)]
    for sub in section.subsections:
        parts.append((sub.title, sub.blocks))
        for subsub in sub.subsections:
            parts.append((subsub.title, subsub.blocks))
    return build_document(("section", sheet_index, path), section.title, parts)


def overview_document(sheet_index: int, path: tuple[int, ...], section: Section) -> Document:
    """Only the text a section has before its first subsection."""
    return build_document(("overview", sheet_index, path), section.title, [(None, section.blocks)])


def credit_text(sheet: FactSheet) -> str:
    """The credit line shown under every fact sheet's screens."""
    return sheet.credit or f"Source: {sheet.source}. {sheet.publication} {sheet.date}".strip()
