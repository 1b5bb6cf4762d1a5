"""How much of a sheet came back from an import: its sentences in order, and its headings.

Used by the tests and `scripts/import_diff.py` (the side-by-side summary in the report).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from kiosk.content import FactSheet, Section


def sentences(sheet: FactSheet) -> list[str]:
    """Every sentence the sheet shows, headings included, in reading order."""
    return [text for _, text in _walk(sheet.sections, 0)]


def headings(sheet: FactSheet) -> list[tuple[int, str]]:
    """(depth, title) of every section and subsection, in order."""
    return [(depth, text) for depth, text in _walk(sheet.sections, 0) if depth > 0]


def _walk(sections: tuple[Section, ...], depth: int) -> Iterator[tuple[int, str]]:
    for section in sections:
        yield depth + 1, section.title
        for block in section.blocks:
            for sentence in block.sentences:
                yield 0, sentence
        yield from _walk(section.subsections, depth + 1)


@dataclass(frozen=True)
class Comparison:
    original: int  # sentences in the original
    kept: int  # of them, found in the import in the same order
    missing: tuple[str, ...]  # original sentences not found in order
    added: tuple[str, ...]  # imported sentences the original does not have
    headings_same: bool

    @property
    def kept_share(self) -> float:
        return self.kept / self.original if self.original else 1.0


def compare(original: FactSheet, imported: FactSheet) -> Comparison:
    """The original's sentences found in the import in order (longest common run of
    matching sentences), word for word."""
    before, after = sentences(original), sentences(imported)
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    kept_a: set[int] = set()
    kept_b: set[int] = set()
    for block in matcher.get_matching_blocks():
        kept_a.update(range(block.a, block.a + block.size))
        kept_b.update(range(block.b, block.b + block.size))
    return Comparison(
        original=len(before),
        kept=len(kept_a),
        missing=tuple(s for i, s in enumerate(before) if i not in kept_a),
        added=tuple(s for i, s in enumerate(after) if i not in kept_b),
        headings_same=headings(original) == headings(imported),
    )
