"""A PDF -> a Draft: pypdfium2 (PDFium, the PDF engine of Chrome) gives each character
with its font size, weight and position; lines are built from them, running headers,
footers and page numbers dropped, headings told by their size (or a bold line of their
own), list items by their bullet, paragraphs by the space above them."""

from __future__ import annotations

import ctypes
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from kiosk.sheet_import.draft import Draft, Piece, collapse, take_metadata
from kiosk.sheet_import.problems import ImportProblem

MAX_PAGES = 300  # a fact sheet is a few pages; a book is not a fact sheet
_BULLET = re.compile(r"^(?:[•▪◦●■‣∙]\s*|[-–*]\s+)")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.?!:\"”’)]$")
_BOLD_WEIGHT = 600


@dataclass
class Line:
    page: int
    text: str
    size: float  # the most common font size of its characters
    bold: bool  # (nearly) every letter bold
    lead: str  # the bold words it starts with ("Age:"), when only they are bold
    x: float  # left edge
    baseline: float  # from the page's bottom, in points
    top_of_page: bool = False
    bottom_of_page: bool = False


def read_pdf(data: bytes) -> Draft:
    """Raise ImportProblem with one plain line when the PDF cannot be imported."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise ImportProblem(
            f"the PDF cannot be opened ({error}): it may be damaged or protected by a password"
        ) from error
    try:
        if len(document) > MAX_PAGES:
            raise ImportProblem(
                f"the PDF has {len(document)} pages (a fact sheet has a few): is it the right file?"
            )
        lines: list[Line] = []
        draft = Draft()
        for number in range(len(document)):
            page = document[number]
            lines += _page_lines(page, number + 1)
            images = sum(1 for _ in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]))
            if images:
                draft.unplaced.append(
                    f"page {number + 1}: {images} image(s); any words in a picture are not "
                    "in the PDF's text, and the kiosk shows no images"
                )
            page.close()
        metadata = document.get_metadata_dict(skip_empty=True)
    finally:
        document.close()
    if sum(len(line.text) for line in lines) < 40:
        raise ImportProblem(
            "the PDF has no text to read (it is probably a scan, a picture of the pages): "
            "ask for the web page or a PDF with text, or type the sheet in"
        )
    lines = _without_running_lines(lines)
    _fill(draft, lines)
    draft.title = draft.title or collapse(metadata.get("Title", ""))
    draft.source = collapse(metadata.get("Author", ""))
    return draft


def _page_lines(page: object, number: int) -> list[Line]:
    """The page's lines, top to bottom, as PDFium orders its characters."""
    import pypdfium2.raw as raw

    textpage = page.get_textpage()  # type: ignore[attr-defined]
    handle = textpage.raw
    x, y = ctypes.c_double(), ctypes.c_double()
    lines: list[Line] = []
    chars: list[tuple[str, float, bool, float, float]] = []

    def close_line() -> None:
        if chars:
            line = _line(number, chars)
            if line.text:
                lines.append(line)
            chars.clear()

    for index in range(textpage.count_chars()):
        char = chr(raw.FPDFText_GetUnicode(handle, index))
        if char in "\r\n":
            close_line()
            continue
        if char in "\x02\xad" or raw.FPDFText_IsGenerated(handle, index) and char != " ":
            continue  # a soft hyphen at a line's end: the word goes on on the next line
        raw.FPDFText_GetCharOrigin(handle, index, x, y)
        size = round(raw.FPDFText_GetFontSize(handle, index), 1)
        bold = raw.FPDFText_GetFontWeight(handle, index) >= _BOLD_WEIGHT
        chars.append((char, size, bold, x.value, y.value))
    close_line()
    textpage.close()
    if lines:
        lines[0].top_of_page = True
        lines[-1].bottom_of_page = True
    return lines


def _line(page: int, chars: list[tuple[str, float, bool, float, float]]) -> Line:
    text = collapse("".join(c[0] for c in chars))
    letters = [c for c in chars if not c[0].isspace()]
    if not letters:
        return Line(page, "", 0.0, False, "", 0.0, 0.0)
    size = Counter(c[1] for c in letters).most_common(1)[0][0]
    bold_count = sum(1 for c in letters if c[2])
    lead = ""
    if 0 < bold_count < len(letters):
        start = next(i for i, c in enumerate(chars) if c[2])
        end = next(i for i in range(start, len(chars)) if not chars[i][2] and chars[i][0] != " ")
        if not _BULLET.sub("", "".join(c[0] for c in chars[:start])).strip():
            lead = collapse("".join(c[0] for c in chars[start:end]))
    return Line(
        page,
        text,
        size,
        bold_count >= 0.9 * len(letters),
        lead,
        min(c[3] for c in letters),
        statistics.median(c[4] for c in letters),
    )


def _without_running_lines(lines: list[Line]) -> list[Line]:
    """Drop page numbers and the headers and footers repeated on most pages."""
    pages = len({line.page for line in lines})

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.casefold())

    edges = Counter(key(line) for line in lines if line.top_of_page or line.bottom_of_page)
    repeated = {k for k, n in edges.items() if pages >= 2 and n >= max(2, pages // 2)}
    return [
        line
        for line in lines
        if not _PAGE_NUMBER.match(line.text)
        and not ((line.top_of_page or line.bottom_of_page) and key(line) in repeated)
    ]


def _fill(draft: Draft, lines: list[Line]) -> None:
    """Group lines into headings, paragraphs and list items."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    body_size = sizes.most_common(1)[0][0]
    heading_sizes = sorted({ln.size for ln in lines if ln.size > body_size * 1.05}, reverse=True)
    pitches = [
        a.baseline - b.baseline
        for a, b in zip(lines, lines[1:])
        if a.page == b.page and a.size == b.size == body_size and a.baseline > b.baseline
    ]
    pitch = statistics.median(pitches) if pitches else body_size * 1.4
    current: Piece | None = None
    item_x = 0.0
    previous: Line | None = None
    for line in lines:
        gap = previous is not None and _gap(previous, line, pitch)
        if line.size in heading_sizes or _bold_heading(line, body_size):
            level = _rank(line.size, heading_sizes)
            current = _heading(draft, current, line, level, gap)
        elif _BULLET.match(line.text):
            text = _BULLET.sub("", line.text)
            current = Piece("list_item", text, lead=line.lead if line.lead.endswith(":") else "")
            draft.pieces.append(current)
            item_x = line.x
        elif (
            current is not None
            and current.kind != "heading"
            and not gap
            and (current.kind == "paragraph" or line.x > item_x + 1)
        ):
            current = Piece(current.kind, _join(current.text, line.text), lead=current.lead)
            draft.pieces[-1] = current
        elif not take_metadata(draft, line.text):
            current = Piece("paragraph", line.text)
            draft.pieces.append(current)
        else:
            current = None
        previous = line


def _bold_heading(line: Line, body_size: float) -> bool:
    """A short bold line of its own at the body's size, not ending a sentence."""
    return (
        line.bold
        and line.size >= body_size
        and not _SENTENCE_END.search(line.text)
        and len(line.text) < 120
    )


def _rank(size: float, heading_sizes: list[float]) -> int:
    """1 for the largest heading size, then 2, ...; a bold body-size heading comes last."""
    return heading_sizes.index(size) + 1 if size in heading_sizes else len(heading_sizes) + 1


def _gap(previous: Line, line: Line, pitch: float) -> bool:
    """Whether a new block starts: more space than a line's above it, or a new page after
    a finished sentence."""
    if previous.page != line.page:
        return bool(_SENTENCE_END.search(previous.text))
    return previous.baseline - line.baseline > pitch * 1.25


def _heading(
    draft: Draft, current: Piece | None, line: Line, level: int, gap: bool
) -> Piece | None:
    """A heading line: the title (the first, largest), the next line of a long heading, or
    a new heading."""
    if current is not None and current.kind == "heading" and current.level == level and not gap:
        joined = Piece("heading", f"{current.text} {line.text}", level)
        draft.pieces[-1] = joined
        return joined
    if not draft.title and level == 1 and not draft.pieces:
        draft.title = line.text
        return None
    heading = Piece("heading", line.text, level)
    draft.pieces.append(heading)
    return heading


def _join(before: str, after: str) -> str:
    """Two lines of one paragraph: a word broken by a hyphen at the line's end is kept whole
    with its hyphen ("Low-" + "impact"); other lines are joined by a space."""
    if before.endswith("-") and not before.endswith(" -"):
        return before + after
    return f"{before} {after}"
