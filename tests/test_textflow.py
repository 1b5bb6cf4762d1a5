"""Wrapping and pagination with a fixed-width font stand-in (no display needed)."""

from kiosk.content import Block
from kiosk.document import build_document
from kiosk.textflow import FlowStyle, fit_document, flow, page_height, paginate

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


# ------------------------------------------------------------------ long words, tall sentences
def one_paragraph(*sentences: str):
    block = Block("paragraph", " ".join(sentences), sentences, 1)
    return build_document(("t",), "Title", [(None, (block,))])


def test_a_word_wider_than_the_line_is_broken_between_characters():
    doc = one_paragraph("Go to " + "x" * 95 + " now.")
    lines = flow(doc, 0, len(doc.sentences), measure, 300, STYLE)
    assert all(
        seg.x + measure(line.kind, seg.text) <= 300 for line in lines for seg in line.segments
    )
    text = "".join(seg.text for line in lines[1:] for seg in line.segments).replace(" ", "")
    assert text == "Goto" + "x" * 95 + "now."


def test_a_sentence_taller_than_a_page_is_split_into_pieces_that_fit():
    long = "Alpha beta gamma delta, " * 20 + "the end."
    doc = fit_document(one_paragraph("Short one.", long), measure, 300, 150, STYLE)
    assert len(doc.sentences) > 3  # the long sentence became pieces
    joined = " ".join(s.text for s in doc.sentences[2:])
    assert joined == long.strip()
    assert all(s.block == 1 for s in doc.sentences[1:]) and not doc.sentences[2].first_in_block
    starts = paginate(doc, measure, 300, 150, STYLE)
    bounds = list(starts) + [len(doc.sentences)]
    for a, b in zip(bounds, bounds[1:]):
        assert page_height(doc, a, b, measure, 300, STYLE) <= 150
    # Cut after a comma, not in the middle of a clause.
    assert all(s.text.endswith(",") for s in doc.sentences[2:-1])


def test_a_document_that_fits_is_returned_unchanged():
    doc = document(3)
    assert fit_document(doc, measure, 300, 150, STYLE) is doc


class CountingMeasure:
    def __init__(self) -> None:
        self.calls = 0
        self.chars = 0

    def __call__(self, kind: str, text: str) -> int:
        self.calls += 1
        self.chars += len(text)
        return 10 * len(text)


def test_a_200000_character_word_costs_a_few_measurements_per_line():
    """Issue 16: such a word brought the screen to 1 fps and 1.5 GB. Now it is broken into
    pieces of a page each, with about a dozen short measurements per line."""
    counting = CountingMeasure()
    doc = fit_document(one_paragraph("A" * 200_000 + "."), counting, 300, 150, STYLE)
    lines_needed = 200_001 // 30
    assert counting.calls < 20 * lines_needed
    assert counting.chars < 60 * 200_001  # never re-measures the whole run per line
    assert "".join(s.text for s in doc.sentences[1:]) == "A" * 200_000 + "."
    starts = paginate(doc, counting, 300, 150, STYLE)
    bounds = list(starts) + [len(doc.sentences)]
    for a, b in zip(bounds, bounds[1:]):
        assert page_height(doc, a, b, measure, 300, STYLE) <= 150
