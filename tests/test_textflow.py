"""Wrapping and pagination with a fixed-width font stand-in (no display needed)."""

from kiosk.content import Block
from kiosk.document import build_document
from kiosk.textflow import FlowStyle, flow, paginate

STYLE = FlowStyle(
    line_height={"title": 30, "heading": 30, "paragraph": 20, "list_item": 20},
    paragraph_gap=10,
    list_indent=40,
)


def measure(kind: str, text: str) -> int:
    return 10 * len(text)


def document(n_paragraphs: int = 6):
    blocks = tuple(
        Block(
            "paragraph",
            f"Sentence {i} alpha beta gamma. Sentence {i} delta epsilon.",
            (f"Sentence {i} alpha beta gamma.", f"Sentence {i} delta epsilon."),
            i + 1,
        )
        for i in range(n_paragraphs)
    )
    items = (Block("list_item", "One item here.", ("One item here.",), 99),)
    return build_document(("t",), "Title", [(None, blocks), ("A heading", items)])


def test_lines_fit_the_width_and_keep_every_word():
    doc = document()
    lines = flow(doc, 0, len(doc.sentences), measure, 300, STYLE)
    for line in lines:
        right = max(seg.x + measure(line.kind, seg.text) for seg in line.segments)
        assert right <= 300 + (40 if line.kind == "list_item" else 0)
    words = " ".join(seg.text for line in lines for seg in line.segments).split()
    assert words == " ".join(s.text for s in doc.sentences).split()


def test_list_items_are_indented_with_a_bullet():
    doc = document(1)
    lines = flow(doc, 0, len(doc.sentences), measure, 300, STYLE)
    item = [line for line in lines if line.kind == "list_item"]
    assert item[0].bullet and item[0].segments[0].x == 40


def test_pages_hold_whole_sentences_and_fit():
    doc = document(8)
    starts = paginate(doc, measure, 300, 150, STYLE)
    assert starts[0] == 0 and list(starts) == sorted(set(starts)) and len(starts) > 2
    bounds = list(starts) + [len(doc.sentences)]
    for a, b in zip(bounds, bounds[1:]):
        lines = flow(doc, a, b, measure, 300, STYLE)
        assert lines[-1].y + lines[-1].height <= 150 or b - a == 1


def test_one_page_when_everything_fits():
    doc = document(1)
    assert paginate(doc, measure, 2000, 2000, STYLE) == (0,)
