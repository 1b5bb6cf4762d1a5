"""Issue 16: no reader text under the notice or control bar, with the real font and the
whole shipped fact sheet, at the extremes of text size and screen size.

At text_scale 2.0, 27 of the sheet's sentences were taller than a page on their own, so
their pages ran under the bars. `fit_document` splits them; this checks every glyph.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from kiosk.content import load_library
from kiosk.document import Document, overview_document, section_document
from kiosk.layout import compute_layout
from kiosk.textflow import fit_document, flow, paginate
from kiosk.view.render import flow_style, forget_fonts, measurer, reader_text_box
from kiosk.view.render import kind_font as _kind_font

CONTENT = Path(__file__).resolve().parent.parent / "content"
SIZES = [(1024, 600), (1920, 1080), (3840, 2160), (3840, 600), (1024, 2160)]
SCALES = [0.75, 2.0]


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    pygame.font.init()
    library = load_library(CONTENT)
    found: list[Document] = []

    def walk(sheet_index, sections, path):
        for number, section in enumerate(sections):
            here = (*path, number)
            found.append(section_document(sheet_index, here, section))
            if section.subsections:
                found.append(overview_document(sheet_index, here, section))
            walk(sheet_index, section.subsections, here)

    for sheet_index, sheet in enumerate(library.sheets):
        walk(sheet_index, sheet.sections, ())
    assert len(found) >= 15
    yield found
    forget_fonts()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text_scale", SCALES)
def test_every_glyph_of_every_page_stays_inside_the_text_box(documents, size, text_scale):
    layout = compute_layout(size, 6, text_scale)
    _, _, width, height = reader_text_box(layout)
    style, measure = flow_style(layout), measurer(layout)
    pages = 0
    for original in documents:
        document = fit_document(original, measure, width, height, style)
        starts = list(paginate(document, measure, width, height, style))
        for start, stop in zip(starts, starts[1:] + [len(document.sentences)]):
            pages += 1
            for line in flow(document, start, stop, measure, width, style):
                face = _kind_font(line.kind, layout.text_px)
                # As the view draws it: centred in the line, the font's full height.
                top = line.y + (line.height - face.get_linesize()) // 2
                assert top >= 0 and top + face.get_height() <= height, (original.title, start)
                for segment in line.segments:
                    assert segment.x + face.size(segment.text)[0] <= width, segment.text
        words = " ".join(s.text for s in document.sentences).split()
        assert words == " ".join(s.text for s in original.sentences).split()
    assert pages >= len(documents)


def test_a_200000_character_word_fits_with_the_real_font():
    pygame.font.init()
    layout = compute_layout((1024, 600), 6, 2.0)
    _, _, width, height = reader_text_box(layout)
    style, measure = flow_style(layout), measurer(layout)
    from kiosk.content import Block
    from kiosk.document import build_document

    word = "W" * 200_000
    document = build_document(("w",), "Title", [(None, (Block("paragraph", word, (word,), 1),))])
    document = fit_document(document, measure, width, height, style)
    starts = list(paginate(document, measure, width, height, style))
    for start, stop in zip(starts, starts[1:] + [len(document.sentences)]):
        lines = flow(document, start, stop, measure, width, style)
        assert lines[-1].y + lines[-1].height <= height
    assert "".join(s.text for s in document.sentences[1:]) == word
    forget_fonts()
