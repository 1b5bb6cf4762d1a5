"""`python -m kiosk import`: the shipped sheet, published as a web page (two layouts), a PDF
and plain text (tests/data/sheet_import/, made by scripts/make_import_fixtures.py), comes
back word for word; bad files give one plain line and write nothing."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.__main__ import main as tools
from kiosk.content import load_fact_sheet, parse_fact_sheet
from kiosk.settings import PROJECT_DIR
from kiosk.sheet_import import ImportProblem, read_file, to_markdown
from kiosk.sheet_import.compare import compare
from kiosk.sheet_import.draft import Draft, Piece, metadata_line

DATA = Path(__file__).parent / "data" / "sheet_import"
# The real one: the text of NINDS's own publication 25-NS-916 (../shared/source).
SOURCE = PROJECT_DIR.parent / "shared" / "source" / "ninds-als-fact-sheet.txt"
if not SOURCE.exists():  # CI clones beside shared/ too; fall back to the work tree's
    SOURCE = Path("/work/shared/source/ninds-als-fact-sheet.txt")
ORIGINAL = load_fact_sheet(PROJECT_DIR / "content" / "als.md")
SITE_WORDS = (
    "Skip to main content",
    "Share this page",
    "Privacy Policy",
    "Research Funding",
    "Accept all cookies",
    "Health Topics A-Z",
    "Page 2",
    "Fact Sheet",
    "Primary Lateral Sclerosis",
    "Sign up for email",
)


def imported(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], *more: str
) -> tuple[Path, str]:
    out = tmp_path / "imported.md"
    code = tools(["import", str(DATA / name), "--out", str(out), *more])
    printed = capsys.readouterr().out
    assert code == 0, printed
    return out, printed


@pytest.mark.parametrize("name", ["als_page.html", "als_portal.html", "als.pdf"])
def test_the_shipped_sheet_comes_back_word_for_word(name, tmp_path, capsys):
    out, printed = imported(name, tmp_path, capsys)
    sheet = load_fact_sheet(out)
    comparison = compare(ORIGINAL, sheet)
    assert comparison.kept_share >= 0.98, comparison.missing
    assert comparison.added == ()  # nothing of the site around the text
    assert comparison.headings_same  # sections and subsections in place
    text = out.read_text(encoding="utf-8")
    for word in SITE_WORDS:
        assert word not in text
    assert (sheet.title, sheet.publication, sheet.date) == (
        ORIGINAL.title,
        "25-NS-916",
        "March 2025",
    )
    assert sheet.source == "National Institute of Neurological Disorders and Stroke"
    assert f"OK      {out}" in printed


def list_items(sheet) -> list[tuple[str, str]]:
    found = []
    for section in sheet.sections:
        for part in (section, *section.subsections):
            found += [(b.text, b.lead) for b in part.blocks if b.kind == "list_item"]
    return found


@pytest.mark.parametrize("name", ["als_page.html", "als_portal.html", "als.pdf"])
def test_lists_and_their_bold_lead_ins_are_kept(name, tmp_path, capsys):
    out, _ = imported(name, tmp_path, capsys)
    assert list_items(load_fact_sheet(out)) == list_items(ORIGINAL)


def test_a_table_and_an_image_are_named_not_dropped(tmp_path, capsys):
    _, printed = imported("als_portal.html", tmp_path, capsys)
    lines = [line for line in printed.splitlines() if line.startswith("NOT PLACED")]
    assert len(lines) == 2
    assert 'a table under "Treating ALS" (5 rows' in lines[0]
    assert "'Medicine | How it is taken'" in lines[0]
    assert "Drawing of a motor neuron linking the spinal cord to a muscle" in lines[1]


@pytest.mark.skipif(not SOURCE.exists(), reason="the NINDS source text is not available")
def test_the_real_ninds_text_comes_back_word_for_word(tmp_path, capsys):
    """Its table of contents, masthead, page breaks, links and phone lines handled."""
    out = tmp_path / "als.md"
    assert tools(["import", str(SOURCE), "--out", str(out)]) == 0, capsys.readouterr().out
    sheet = load_fact_sheet(out)
    comparison = compare(ORIGINAL, sheet)
    assert comparison.kept_share >= 0.98, comparison.missing
    assert comparison.added == ()
    assert (sheet.title, sheet.publication, sheet.date) == (
        ORIGINAL.title,
        "25-NS-916",
        "March 2025",
    )
    assert sheet.source == "National Institute of Neurological Disorders and Stroke"
    assert [s.title for s in sheet.sections][:3] == [s.title for s in ORIGINAL.sections][:3]
    assert "NOTE    a table of contents was left out" in capsys.readouterr().out


def test_plain_text_keeps_every_sentence_and_says_headings_are_flat(tmp_path, capsys):
    out, printed = imported("als.txt", tmp_path, capsys, "--source", "NINDS")
    comparison = compare(ORIGINAL, load_fact_sheet(out))
    assert comparison.missing == ()
    assert "NOTE    plain text has no heading levels" in printed


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("empty.html", b"", "empty.html is empty"),
        ("blank.txt", b"  \n\n \n", "holds only blank space"),
        (
            "not_found.html",
            b"<html><head><title>Page not found</title></head><body><nav><a href='/'>Home</a>"
            b"<a href='/a'>Health topics</a></nav><h1>Page not found</h1><p>Sorry, we cannot "
            b"find that page. Try the search box.</p><footer>Privacy</footer></body></html>",
            "does not look like a fact sheet",
        ),
        (
            "cut_off.html",
            (DATA / "als_page.html").read_bytes()[:9000],
            "the page is cut off before its end",
        ),
        ("garbage.html", b"<html>\x00\x01\x02\xff" * 500, "holds binary data"),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog", "the PDF cannot be opened"),
    ],
)
def test_bad_files_give_one_line_and_write_nothing(name, data, expected, tmp_path, capsys):
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / "content" / "new.md"
    assert tools(["import", str(source), "--out", str(out)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("PROBLEM ") and expected in printed[0], printed
    assert printed[1:] == ["Nothing was written."]
    assert not out.parent.exists()


def test_a_scanned_pdf_is_named_as_such(tmp_path, capsys):
    out = tmp_path / "new.md"
    assert tools(["import", str(DATA / "scanned.pdf"), "--out", str(out)]) == 1
    assert "no text to read (it is probably a scan" in capsys.readouterr().out
    assert not out.exists()


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to the test machine
    tracemalloc.start()
    with pytest.raises(ImportProblem, match=r"huge.pdf is 52.4 MB; .* at most 30 MB"):
        read_file(huge)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 1_000_000


def test_an_existing_sheet_is_kept_unless_forced(tmp_path, capsys):
    out = tmp_path / "als.md"
    out.write_text("mine", encoding="utf-8")
    assert tools(["import", str(DATA / "als.pdf"), "--out", str(out)]) == 1
    assert "already exists" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8") == "mine"
    assert tools(["import", str(DATA / "als.pdf"), "--out", str(out), "--force"]) == 0
    assert load_fact_sheet(out).title == ORIGINAL.title


def test_a_file_without_a_publisher_needs_source(tmp_path, capsys):
    text = (DATA / "als.txt").read_text(encoding="utf-8")
    source = tmp_path / "sheet.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "sheet.md"
    assert tools(["import", str(source), "--out", str(out)]) == 1
    assert 'name it with --source "Publisher name"' in capsys.readouterr().out
    assert not out.exists()
    assert tools(["import", str(source), "--out", str(out), "--source", "NINDS"]) == 0
    assert load_fact_sheet(out).source == "NINDS"


def test_metadata_lines_are_told_from_sentences():
    assert metadata_line("NIH Publication No. 25-NS-916 · March 2025") == (
        "25-NS-916",
        "March 2025",
    )
    assert metadata_line("Publication No. 25-NS-916. Updated March 2025.") == (
        "25-NS-916",
        "March 2025",
    )
    assert metadata_line("In March 2025, NINDS published strategic priorities.") is None


_TEXT = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=0x17F, exclude_categories=("Cs",)),
    min_size=1,
    max_size=60,
).map(lambda t: " ".join(t.split()))


@settings(max_examples=150, deadline=None)
@given(heading=_TEXT.filter(bool), paragraph=_TEXT.filter(bool), item=_TEXT.filter(bool))
def test_any_text_is_written_so_the_kiosk_shows_it_word_for_word(heading, paragraph, item):
    draft = Draft(
        title="Title",
        source="Source",
        pieces=[
            Piece("heading", heading, 2),
            Piece("paragraph", paragraph),
            Piece("list_item", item),
        ],
    )
    sheet = parse_fact_sheet(to_markdown(draft), Path("x.md"))
    section = sheet.sections[0]
    assert section.title == heading
    assert [b.text for b in section.blocks] == [paragraph, item]


def test_a_heading_twice_on_one_screen_gets_a_numbered_tile_name():
    words = "Enough words to be a paragraph of a sheet."
    draft = Draft(
        title="T",
        source="S",
        pieces=[
            Piece("heading", "Symptoms", 1),
            Piece("paragraph", words),
            Piece("heading", "Symptoms", 1),
            Piece("paragraph", words),
        ],
    )
    sheet = parse_fact_sheet(to_markdown(draft), Path("x.md"))
    assert [s.short_title for s in sheet.sections] == ["Symptoms", "Symptoms 2"]
    assert "its tile is named" in draft.notes[0]
