"""Word wrapping and pagination of a Document, independent of pygame.

The view passes in a `measure(kind, text) -> width` function and line heights, so
the same code paginates for any font and window size and can be tested without a
display. Pages break only between sentences, so the spoken sentence is always
wholly on one page and the page turns exactly when its audio starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.document import Document

Measure = Callable[[str, str], int]  # (kind, text) -> width in px


@dataclass(frozen=True)
class Segment:
    sentence: int
    text: str
    x: int


@dataclass(frozen=True)
class Line:
    kind: str  # the block kind: "title" | "heading" | "paragraph" | "list_item"
    y: int
    height: int
    segments: tuple[Segment, ...]
    bullet: bool = False  # first line of a list item


@dataclass(frozen=True)
class FlowStyle:
    line_height: dict[str, int]  # per kind
    paragraph_gap: int
    list_indent: int


def flow(
    document: Document, start: int, stop: int, measure: Measure, width: int, style: FlowStyle
) -> list[Line]:
    """Lay out sentences [start, stop) as wrapped lines starting at y = 0."""
    lines: list[Line] = []
    y = 0
    for group in document.block_sentences(start, stop):
        first = document.sentences[group[0]]
        kind = first.kind
        indent = style.list_indent if kind == "list_item" else 0
        available = width - indent
        height = style.line_height.get(kind, style.line_height["paragraph"])
        space = measure(kind, " ")
        rows: list[list[Segment]] = [[]]  # the block's lines of segments
        x = 0
        if lines:
            y += style.paragraph_gap
        for index in group:
            run: list[str] = []
            run_x = x
            for word in document.sentences[index].text.split():
                candidate = " ".join(run + [word])
                if run_x + measure(kind, candidate) <= available or (not run and x == 0):
                    run.append(word)
                    continue
                if run:
                    rows[-1].append(Segment(index, " ".join(run), indent + run_x))
                rows.append([])
                run, run_x, x = [word], 0, 0
            if run:
                text = " ".join(run)
                rows[-1].append(Segment(index, text, indent + run_x))
                x = run_x + measure(kind, text) + space
        bullet = kind == "list_item" and first.first_in_block
        for number, row in enumerate(r for r in rows if r):
            lines.append(Line(kind, y, height, tuple(row), bullet and number == 0))
            y += height
    return lines


def paginate(
    document: Document, measure: Measure, width: int, height: int, style: FlowStyle
) -> tuple[int, ...]:
    """Sentence indices at which each page starts, filling pages with whole sentences."""
    starts = [0]
    index = 0
    count = len(document.sentences)
    while index < count:
        stop = index + 1
        # Grow the page sentence by sentence while it still fits.
        while stop < count and _height(document, index, stop + 1, measure, width, style) <= height:
            stop += 1
        if stop < count:
            starts.append(stop)
        index = stop
    return tuple(starts)


def _height(
    document: Document, start: int, stop: int, measure: Measure, width: int, style: FlowStyle
) -> int:
    lines = flow(document, start, stop, measure, width, style)
    return lines[-1].y + lines[-1].height if lines else 0
