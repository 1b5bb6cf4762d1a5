"""Word wrapping and pagination of a Document, independent of pygame.

The view passes in a `measure(kind, text) -> width` function and line heights, so
the same code paginates for any font and window size and can be tested without a
display. Pages break only between sentences, so the spoken sentence is always
wholly on one page and the page turns exactly when its audio starts.

Two guarantees keep text inside its box at every text size and window size:
- a word wider than a line (a long web address, or a 200,000-character run in a
  broken file) is broken between characters, so no line is wider than the box;
- `fit_document` splits a sentence too tall for one page into pieces that each fit
  (at a comma or semicolon when there is one, else between words), and `paginate`
  then never makes a page taller than the box. Pieces are read aloud one by one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from kiosk.document import Document, Sentence

Measure = Callable[[str, str], int]  # (kind, text) -> width in px

# Narrow characters used to bound how many characters can fit on a line.
_NARROW = ".,:;'|!il "
# Where a too-long sentence is best cut: after these, in this order of preference.
_CLAUSE_ENDS = ("; ", ": ", ", ", " \u2013 ", " \u2014 ", " - ")


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

    def height_of(self, kind: str) -> int:
        return self.line_height.get(kind, self.line_height["paragraph"])

    def indent_of(self, kind: str) -> int:
        return self.list_indent if kind == "list_item" else 0


def break_word(word: str, kind: str, measure: Measure, available: int) -> list[str]:
    """Cut a word wider than `available` into pieces that each fit (at least one character each).

    Binary search per piece over at most `cap` characters (the most that could fit if
    every character were as narrow as the narrowest), so a 200,000-character run costs
    about a dozen measurements per line, not one per character.
    """
    narrow = max(1, min(measure(kind, c) for c in _NARROW))
    cap = max(1, available // narrow + 1)
    pieces: list[str] = []
    start = 0
    while start < len(word):
        high = min(len(word) - start, cap)
        if measure(kind, word[start : start + high]) <= available:
            take = high
        else:
            low, take = 1, 1  # one character always goes, even if it alone is too wide
            while low < high:
                middle = (low + high) // 2
                if measure(kind, word[start : start + middle]) <= available:
                    take, low = middle, middle + 1
                else:
                    high = middle
        pieces.append(word[start : start + take])
        start += take
    return pieces


def flow(
    document: Document, start: int, stop: int, measure: Measure, width: int, style: FlowStyle
) -> list[Line]:
    """Lay out sentences [start, stop) as wrapped lines starting at y = 0."""
    lines: list[Line] = []
    y = 0
    for group in document.block_sentences(start, stop):
        first = document.sentences[group[0]]
        kind = first.kind
        indent = style.indent_of(kind)
        available = width - indent
        height = style.height_of(kind)
        space = measure(kind, " ")
        rows: list[list[Segment]] = [[]]  # the block's lines of segments
        x = 0
        if lines:
            y += style.paragraph_gap
        for index in group:
            run: list[str] = []
            run_x = x
            for word in document.sentences[index].text.split():
                if run_x + measure(kind, " ".join(run + [word])) <= available:
                    run.append(word)
                    continue
                if run or x > 0:  # start a new line for this word
                    if run:
                        rows[-1].append(Segment(index, " ".join(run), indent + run_x))
                    rows.append([])
                    run, run_x, x = [], 0, 0
                    if measure(kind, word) <= available:
                        run = [word]
                        continue
                # The word alone is wider than a line: break it between characters.
                pieces = break_word(word, kind, measure, available)
                for piece in pieces[:-1]:
                    rows[-1].append(Segment(index, piece, indent))
                    rows.append([])
                run = [pieces[-1]]
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
    """Sentence indices at which each page starts, filling pages with whole sentences.

    Every page fits in `height` when every sentence does on its own: pass the result of
    `fit_document` to be sure of that.
    """
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


def page_height(
    document: Document, start: int, stop: int, measure: Measure, width: int, style: FlowStyle
) -> int:
    """Height of sentences [start, stop) laid out as one page."""
    return _height(document, start, stop, measure, width, style)


def _height(
    document: Document, start: int, stop: int, measure: Measure, width: int, style: FlowStyle
) -> int:
    lines = flow(document, start, stop, measure, width, style)
    return lines[-1].y + lines[-1].height if lines else 0


# ------------------------------------------------------------------ sentences taller than a page
def fit_document(
    document: Document, measure: Measure, width: int, height: int, style: FlowStyle
) -> Document:
    """The document with every sentence too tall for one page split into pieces that fit.

    Returns the document itself when nothing needs splitting (the usual case), so its
    sentence indices stay those the rest of the kiosk knows. A piece keeps its sentence's
    block and kind; only the first piece is `first_in_block` and carries the lead-in.
    """
    sentences: list[Sentence] = []
    changed = False
    for index, sentence in enumerate(document.sentences):
        if _height(document, index, index + 1, measure, width, style) <= height:
            sentences.append(sentence)
            continue
        pieces = split_sentence(sentence.text, sentence.kind, measure, width, height, style)
        if len(pieces) == 1:
            sentences.append(sentence)  # one line taller than the page: nothing splits it
            continue
        changed = True
        sentences.append(replace(sentence, text=pieces[0]))
        sentences.extend(
            replace(sentence, text=piece, first_in_block=False, lead="") for piece in pieces[1:]
        )
    if not changed:
        return document
    return replace(document, sentences=tuple(sentences))


def split_sentence(
    text: str, kind: str, measure: Measure, width: int, height: int, style: FlowStyle
) -> list[str]:
    """Cut one sentence into pieces of at most a page's lines each, preferring clause ends."""
    text = " ".join(text.split())
    available = width - style.indent_of(kind)
    per_page = max(1, height // max(1, style.height_of(kind)))
    narrow = max(1, min(measure(kind, c) for c in _NARROW))
    line_chars = available // narrow + 1  # no line holds more characters than this
    pieces: list[str] = []
    rest = text
    while rest:
        # Wrap only a window of the rest: enough for a page and two lines more, so a
        # 200,000-character sentence is not re-wrapped whole for every piece.
        window = (per_page + 2) * line_chars
        while True:
            lines = wrap_text(rest[:window], kind, measure, available)
            if window >= len(rest) or len(lines) >= per_page + 2:
                break
            window *= 2  # zero-width characters: a line held more than line_chars
        if window >= len(rest) and len(lines) <= per_page:
            pieces.append(rest)
            break
        cut = _end_of_lines(rest, lines[:per_page])
        cut = _clause_cut(rest, cut)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return pieces


def wrap_text(text: str, kind: str, measure: Measure, available: int) -> list[str]:
    """Greedy wrap of one sentence alone, as `flow` wraps it; words too wide are broken."""
    lines: list[str] = []
    run: list[str] = []
    for word in text.split():
        if measure(kind, " ".join(run + [word])) <= available:
            run.append(word)
            continue
        if run:
            lines.append(" ".join(run))
            run = []
            if measure(kind, word) <= available:
                run = [word]
                continue
        pieces = break_word(word, kind, measure, available)
        lines.extend(pieces[:-1])
        run = [pieces[-1]]
    if run:
        lines.append(" ".join(run))
    return lines


def _end_of_lines(text: str, lines: list[str]) -> int:
    """Offset in text just after the given wrapped lines (which came from its start)."""
    position = 0
    for line in lines:
        for word in line.split(" "):
            while position < len(text) and text[position] == " ":
                position += 1
            position += len(word)
    return position


def _clause_cut(text: str, cut: int) -> int:
    """Move a cut back to the end of a clause in its second half, if there is one."""
    if cut >= len(text):
        return cut
    for mark in _CLAUSE_ENDS:
        at = text.rfind(mark, 0, cut)
        if at > cut // 2:
            return at + len(mark.rstrip())
    return cut
