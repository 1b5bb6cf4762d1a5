"""The content loader: the real ALS fact sheet against its source, sentences, broken files."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from kiosk.content import (
    MAX_FILE_BYTES,
    ContentError,
    ContentFileError,
    FactSheet,
    Section,
    load_fact_sheet,
    load_library,
    parse_fact_sheet,
    split_sentences,
)

ROOT = Path(__file__).resolve().parent.parent
ALS = ROOT / "content" / "als.md"
DATA = Path(__file__).resolve().parent / "data" / "content"
SOURCE = ROOT.parent / "shared" / "source" / "ninds-als-fact-sheet.txt"
if not SOURCE.exists():  # CI clones beside shared/ too; fall back to the work tree's
    SOURCE = Path("/work/shared/source/ninds-als-fact-sheet.txt")
needs_source = pytest.mark.skipif(not SOURCE.exists(), reason="source text not available")

SECTIONS = [
    "What is amyotrophic lateral sclerosis (ALS)?",
    "Who is more likely to get ALS?",
    "How is ALS diagnosed and treated?",
    "What are the latest updates on ALS?",
    "How can I or my loved one help improve care for people with ALS?",
    "Where can I find more information about ALS?",
]
SUBSECTIONS = {
    SECTIONS[0]: [],
    SECTIONS[1]: ["Sporadic and familial ALS"],
    SECTIONS[2]: [
        "Diagnosing ALS",
        "Treating ALS",
        "Rehabilitation, therapy, and other support",
        "Caring for a person living with ALS",
    ],
    SECTIONS[3]: ["Cellular defects", "Stem cells", "Genetics and epigenetics", "Biomarkers"],
    SECTIONS[4]: [],
    SECTIONS[5]: [],
}
PHONES = {
    "ALS Therapy Development Institute": "617-441-7200",
    "Genetic and Rare Diseases (GARD) Information Center": "888-205-2311",
    "Eldercare Locator": "800-677-1116",
    "I AM ALS": "866-942-6257",
    "Les Turner ALS Foundation": "847-679-3311",
    "Muscular Dystrophy Association": "800-572-1717",
    "Project ALS": "212-420-7382",
    "The ALS Association": "800-782-4747",
}
# The page header and footer of the PDF, replaced by the front matter.
SOURCE_TAIL = (
    "National Institute of\nNeurological Disorders\nand Stroke\n\n"
    "Publication No. 25-NS-916\n\nMarch 2025"
)


@pytest.fixture(scope="module")
def als() -> FactSheet:
    return load_fact_sheet(ALS)


def flat(sheet: FactSheet) -> list[tuple[str, str]]:
    """(kind, text) of everything shown, in reading order: titles, blocks, subsections."""
    out: list[tuple[str, str]] = []

    def walk(section: Section, kind: str) -> None:
        out.append((kind, section.title))
        out.extend((b.kind, b.text) for b in section.blocks)
        for sub in section.subsections:
            walk(sub, "subsection")

    for section in sheet.sections:
        walk(section, "section")
    return out


def source_body() -> str:
    """The source's text after its table of contents, without the page header and footer."""
    text = SOURCE.read_text(encoding="utf-8")
    start = text.index(SECTIONS[0] + "\n\nAmyotrophic")
    body = text[start:].rstrip()
    assert body.endswith(SOURCE_TAIL)
    return body[: -len(SOURCE_TAIL)]


def plain(markdown: str) -> str:
    """Drop the Markdown of the source: link targets, escapes and bold markers."""
    markdown = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return markdown.replace("\\(", "(").replace("\\)", ")").replace("**", "")


def source_pieces() -> list[str]:
    """Each paragraph, list item, heading or line of the source body, whitespace collapsed."""
    blocks = [b for b in re.split(r"\n\s*\n", plain(source_body())) if b.strip()]
    # The PDF split one paragraph across a blank line ("...with ALS to" / "discover new genes").
    joined: list[str] = []
    for block in blocks:
        if (
            joined
            and block.strip()[0].islower()
            and not joined[-1].rstrip().endswith((".", ":", "?", "!"))
        ):
            joined[-1] += " " + block
        else:
            joined.append(block)
    pieces: list[str] = []
    for block in joined:
        lines = [line.strip() for line in block.strip().split("\n")]
        if all(line.startswith("- ") for line in lines):
            pieces.extend(line[2:] for line in lines)
        elif len(lines) > 1 and all(not line.endswith((".", "?", "!")) for line in lines):
            pieces.extend(lines)  # an address or a bold heading broken over lines
        else:
            pieces.append(" ".join(lines))
    return [" ".join(p.split()) for p in pieces]


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9']+", text)


# ---------------------------------------------------------------- the real ALS sheet
def test_front_matter(als):
    assert als.title == "Amyotrophic Lateral Sclerosis (ALS)"
    assert als.short_title == "ALS"
    assert als.source == (
        "National Institute of Neurological Disorders and Stroke (NINDS), "
        "National Institutes of Health (NIH)"
    )
    assert als.publication == "25-NS-916" and als.date == "March 2025"
    assert "public domain" in als.licence.lower()
    assert "25-NS-916" in als.credit and "NINDS" in als.credit


def test_six_sections_and_every_subsection_with_their_titles(als):
    assert [s.title for s in als.sections] == SECTIONS
    for section in als.sections:
        assert [sub.title for sub in section.subsections] == SUBSECTIONS[section.title]
        assert not any(sub.subsections for sub in section.subsections)
    rehab = als.sections[2].subsections[2]
    assert [b.text for b in rehab.blocks if b.kind == "heading"] == [
        "Support for physical function and daily life",
        "Speech and communication support",
        "Support for nutrition, breathing, and feeding",
    ]
    more = als.sections[5]
    assert [b.text for b in more.blocks if b.kind == "heading"] == [
        "Learn more about related topics",
        "Prepared by:",
    ]


def test_short_titles_are_tile_names(als):
    assert [s.short_title for s in als.sections] == [
        "What is ALS?",
        "Who gets ALS?",
        "Diagnosis and treatment",
        "Latest research",
        "Helping improve care",
        "More information",
    ]
    for section in als.sections:
        assert 2 <= len(section.short_title.split()) <= 4
        assert "{" not in section.title and "short" not in section.title
        for sub in section.subsections:
            assert sub.short_title and "{" not in sub.title
    assert als.sections[2].subsections[0].short_title == "Diagnosing ALS"  # default: the title


@needs_source
def test_every_source_paragraph_and_item_is_there_word_for_word_in_order(als):
    shown = [text for _, text in flat(als)]
    position = 0
    for piece in source_pieces():
        if piece in PHONES.values():
            continue  # checked with its organisation below
        while position < len(shown) and piece not in shown[position]:
            position += 1
        assert position < len(shown), f"missing or out of order: {piece!r}"
    # The paragraph the PDF split across lines is one paragraph again.
    assert any("thousands of people with ALS to discover new genes" in t for t in shown)


@needs_source
def test_no_words_added_or_lost(als):
    """The words shown are exactly the source's words (front matter and tile names aside)."""
    shown = " ".join(text for _, text in flat(als))
    assert words(shown) == words(plain(source_body()))


@needs_source
def test_source_list_items_are_list_items(als):
    items = [text for kind, text in flat(als) if kind == "list_item"]
    source_items = [
        " ".join(plain(line)[2:].split())
        for line in source_body().split("\n")
        if line.startswith("- ")
    ]
    assert source_items and all(item in items for item in source_items)
    assert items.index(source_items[0]) < items.index(source_items[-1])


def test_organisations_and_phone_numbers_are_a_list(als):
    more = als.sections[5]
    items = [b.text for b in more.blocks if b.kind == "list_item"]
    for organisation, phone in PHONES.items():
        assert f"{organisation}: {phone}" in items
    assert "MedlinePlus" in items and "National ALS Registry" in items
    assert "Motor Neuron Diseases" in items


def test_bold_lead_ins_and_no_markdown_left(als):
    who = als.sections[1]
    items = [b for b in who.blocks if b.kind == "list_item"]
    assert [b.lead for b in items] == ["Age:", "Biological sex:", "Race and ethnicity:"]
    assert items[0].text.startswith("Age: Although ALS can happen")
    for kind, text in flat(als):
        assert not re.search(r"\*\*|\]\(|\(#\)|\\|\{short", text), (kind, text)
        assert text == " ".join(text.split())
    assert any("ClinicalTrials.gov, a searchable database" in t for _, t in flat(als))


def test_sentences_rejoin_and_lines_point_at_the_text(als):
    lines = ALS.read_text(encoding="utf-8").split("\n")
    for section in als.sections:
        assert lines[section.line - 1].startswith("## ")
        for part in (section, *section.subsections):
            if part is not section:
                assert lines[part.line - 1].startswith("### " + part.title)
            for block in part.blocks:
                assert " ".join(block.sentences) == block.text
                assert all(s and s == s.strip() for s in block.sentences)
                assert block.text.split()[0].strip("*") in lines[block.line - 1]


def test_real_sentences_are_split_well(als):
    first = als.sections[0].blocks
    assert first[2].sentences == (
        "The U.S. Food and Drug Administration (FDA) has approved several drugs for ALS that may "
        "prolong survival, reduce the rate of decline, or help manage symptoms.",
        "But there's currently no known treatment that stops or reverses the progression of ALS.",
    )
    registry = als.sections[4].blocks[0].sentences
    assert registry[1].endswith("people with ALS in the U.S.")
    assert registry[2].startswith("It establishes information")


# ---------------------------------------------------------------- sentence splitting
@pytest.mark.parametrize(
    "text,expected",
    [
        ("One. Two.", ("One.", "Two.")),
        ("", ()),
        ("No full stop at the end", ("No full stop at the end",)),
        (
            "The U.S. Food and Drug Administration acts. Then",
            ("The U.S. Food and Drug Administration acts.", "Then"),
        ),
        (
            "Data from the U.S. It establishes facts.",
            ("Data from the U.S.", "It establishes facts."),
        ),
        ("Labs across the U.S. that supply tissue.", ("Labs across the U.S. that supply tissue.",)),
        ("Use tools, e.g. a cane. Then rest.", ("Use tools, e.g. a cane.", "Then rest.")),
        ("Some, i.e. Most. Done.", ("Some, i.e. Most.", "Done.")),
        ("Ask Dr. Smith today. Mr. Jones agrees.", ("Ask Dr. Smith today.", "Mr. Jones agrees.")),
        ("Publication No. 25-NS-916 is here.", ("Publication No. 25-NS-916 is here.",)),
        ("The answer was No. It was not.", ("The answer was No.", "It was not.")),
        (
            "About 1 in 10 survive. It took 3.5 years.",
            ("About 1 in 10 survive.", "It took 3.5 years."),
        ),
        ("It ended in 2024. 10 people came.", ("It ended in 2024.", "10 people came.")),
        ("Is it? Yes! (It is.) Done", ("Is it?", "Yes!", "(It is.)", "Done")),
        ('He said "stop." Then left.', ('He said "stop."', "Then left.")),
        ("Really?! Yes.", ("Really?!", "Yes.")),
        ("\u201cQuoted.\u201d Next.", ("\u201cQuoted.\u201d", "Next.")),
        ("See [the list.] Then go.", ("See [the list.]", "Then go.")),
        ("Wait... Then go.", ("Wait...", "Then go.")),
        ('Ends. "Quote starts" here.', ("Ends.", '"Quote starts" here.')),
        ("Written by J. K. Rowling. The end.", ("Written by J. K. Rowling.", "The end.")),
        ("Apples, pears, etc. The rest.", ("Apples, pears, etc.", "The rest.")),
        ("Apples, pears, etc. Are good.", ("Apples, pears, etc. Are good.",)),
        ("Spaces   and\nnew lines. Collapse.", ("Spaces and new lines.", "Collapse.")),
    ],
)
def test_sentence_splitting(text, expected):
    result = split_sentences(text)
    assert result == expected
    assert " ".join(result) == " ".join(text.split())


# ---------------------------------------------------------------- a good small sheet
def test_fixture_sheet_parts():
    sheet = load_fact_sheet(DATA / "good" / "sample.md")
    assert (sheet.title, sheet.short_title, sheet.source) == (
        "Sample Condition",
        "Sample",
        "Test Institute (TI)",
    )
    assert sheet.credit == "Source: Test Institute (TI). Publication No. 00-XX-000. January 2025"
    first, more = sheet.sections
    assert (first.title, first.short_title, first.line) == (
        "What is the sample condition?",
        "What is it?",
        12,
    )
    intro = first.blocks[0]
    assert intro.kind == "paragraph" and intro.line == 14
    assert intro.sentences == (
        "The sample condition affects the U.S. population.",
        "About 1 in 10 people get it, and it lasts 3.5 years on average.",
    )
    assert [(b.kind, b.lead, b.text) for b in first.blocks[1:]] == [
        ("list_item", "Age:", "Age: It happens at any age."),
        ("list_item", "Sex:", "Sex: Men and women alike."),
        ("list_item", "", "A second bullet style with a link and a real one."),
    ]
    living, help_ = first.subsections
    assert (living.title, living.short_title) == ("Living with it", "Daily life")
    assert [(b.kind, b.text) for b in living.blocks] == [
        ("paragraph", "Intro text before a heading."),
        ("heading", "Support at home"),
        ("paragraph", "Help is available (see below). Call now."),
        ("list_item", "A numbered item."),
    ]
    assert help_.short_title == "Getting help"
    assert help_.blocks[0].sentences == (
        "Ask a doctor, e.g. Dr. Smith.",
        "Publication No. 00-XX-000 has more.",
        "A second line of the same paragraph.",
    )
    assert [b.text for b in more.blocks] == ["Sample Association: 800-555-0100", "Sample Library"]
    assert more.short_title == more.title


def test_windows_line_endings_and_byte_order_mark_are_fine():
    text = (DATA / "good" / "sample.md").read_text(encoding="utf-8")
    sheet = parse_fact_sheet("\ufeff" + text.replace("\n", "\r\n"), Path("sample.md"))
    assert sheet == parse_fact_sheet(text, Path("sample.md"))


def test_markdown_details():
    text = (
        "---\ntitle: '**T**'\nsource: S\nlicense: PD\n---\n## Closed ##\n"
        "Text with `code*` and *emphasis* and a_b and 2 * 3 * 4.\n\n---\n\n"
        '> A quote.\n## C# and ![an image](x.png) {short="C sharp"}\nx <https://a.org>.\n'
    )
    sheet = parse_fact_sheet(text, Path("x.md"))
    assert (sheet.title, sheet.licence) == ("T", "PD")
    closed, sharp = sheet.sections
    assert closed.title == "Closed"
    assert [b.text for b in closed.blocks] == [
        "Text with code* and emphasis and a_b and 2 * 3 * 4.",
        "A quote.",
    ]
    assert (sharp.title, sharp.short_title) == ("C# and an image", "C sharp")
    assert sharp.blocks[0].text == "x https://a.org."


# ---------------------------------------------------------------- broken files
BROKEN = [
    ("unclosed_bold.md", 8, 'bold marker "**" here is never closed'),
    ("empty.md", 0, "the file is empty"),
    ("blank.md", 0, "the file is empty"),
    ("no_front_matter.md", 1, "must start with front matter"),
    (
        "unterminated_front_matter.md",
        1,
        'not closed: add a line "---" before the heading on line 5',
    ),
    ("unterminated_front_matter_only.md", 1, "never closed"),
    ("no_title.md", 3, "has no title"),
    ("empty_title.md", 2, "the title is empty"),
    ("no_source.md", 3, "has no source"),
    ("unknown_field.md", 4, 'unknown front matter field "colour"'),
    ("invalid_front_matter_line.md", 4, 'should look like "name: value"'),
    ("duplicate_field.md", 3, 'the field "title" is given twice'),
    ("no_sections.md", 4, "there are no sections"),
    ("text_before_section.md", 6, "text comes before the first section"),
    ("empty_section.md", 6, 'the section "Empty" has no text and no subsections'),
    ("empty_subsection.md", 10, 'the subsection "Empty sub" has no text'),
    ("skipped_level.md", 6, '"###" subsection heading comes before any "##"'),
    ("skipped_level_4.md", 6, '"####" heading comes before any "##"'),
    ("too_deep.md", 8, '"#####" headings are not used'),
    ("level_one.md", 6, 'use "## " for sections'),
    ("heading_without_text.md", 10, 'the heading "Lonely heading" has no text under it'),
    ("unknown_attribute.md", 6, 'unknown heading setting "colour"'),
    ("empty_short.md", 6, 'short name {short=""} is empty'),
    ("bad_attribute.md", 6, 'could not read the "{...}"'),
    ("duplicate_short.md", 10, 'would both be called "same!"'),
    ("code_block.md", 8, "code blocks"),
    ("unclosed_comment.md", 8, "never closed"),
    ("binary.md", 10, "binary data"),
    ("latin1.md", 8, "not valid UTF-8 text (byte 0xe9 at column 4)"),
    ("utf16.md", 1, "UTF-16"),
]


@pytest.mark.parametrize("name,line,fragment", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_file_names_the_line_and_the_problem(name, line, fragment):
    path = DATA / "broken" / name
    with pytest.raises(ContentFileError) as caught:
        load_fact_sheet(path)
    error = caught.value.error
    assert (error.path, error.line) == (path, line), str(error)
    assert fragment in error.message, str(error)
    assert str(error).startswith(f"{name}, line {line}: " if line else f"{name}: ")
    assert error in caught.value.errors


def test_every_broken_fixture_is_covered():
    assert {p.name for p in (DATA / "broken").iterdir()} == {b[0] for b in BROKEN}


def test_several_problems_in_one_file_are_all_reported():
    text = (
        "---\ntitle: T\nsource: S\ncolour: red\n---\n\n## A\n\n## B\n\nSome **bold.\n\n##### Deep\n"
    )
    with pytest.raises(ContentFileError) as caught:
        parse_fact_sheet(text, Path("many.md"))
    assert [e.line for e in caught.value.errors] == [4, 7, 11, 13]


def test_huge_and_unreadable_files(tmp_path):
    huge = tmp_path / "huge.md"
    huge.write_bytes((DATA / "good" / "sample.md").read_bytes() + b"x" * MAX_FILE_BYTES)
    with pytest.raises(ContentFileError, match="too large"):
        load_fact_sheet(huge)
    with pytest.raises(ContentFileError, match="does not exist"):
        load_fact_sheet(tmp_path / "missing.md")
    folder = tmp_path / "folder.md"
    folder.mkdir()
    with pytest.raises(ContentFileError, match="is a folder"):
        load_fact_sheet(folder)


def test_content_error_wording():
    assert str(ContentError(Path("/x/als.md"), 12, "a problem")) == "als.md, line 12: a problem"
    assert str(ContentError(Path("/x/als.md"), 0, "a problem")) == "als.md: a problem"


# ---------------------------------------------------------------- the library
def test_a_broken_file_does_not_stop_the_good_one(caplog):
    with caplog.at_level(logging.WARNING, logger="kiosk.content"):
        library = load_library(DATA / "mixed")
    assert [s.title for s in library.sheets] == ["Good Sheet"]
    assert [(e.path.name, e.line) for e in library.errors] == [("b_broken.md", 8)]
    assert "b_broken.md, line 8" in caplog.text
    assert all(r.name == "kiosk.content" for r in caplog.records)


def test_library_sorted_by_file_name_and_skips_other_files(tmp_path):
    good = (DATA / "mixed" / "a_good.md").read_text(encoding="utf-8")
    for name in ("c.md", "a.md", "B.md"):
        (tmp_path / name).write_text(good.replace("Good Sheet", name), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a sheet")
    (tmp_path / ".hidden.md").write_text("not a sheet")
    library = load_library(tmp_path)
    assert [s.path.name for s in library.sheets] == ["a.md", "B.md", "c.md"]
    assert library.errors == ()


def test_all_broken_fixtures_together_never_raise():
    library = load_library(DATA / "broken")
    assert library.sheets == ()
    assert {e.path.name for e in library.errors} == {b[0] for b in BROKEN}


def test_empty_missing_or_not_a_folder(tmp_path):
    assert "no fact sheets" in load_library(tmp_path).errors[0].message
    missing = load_library(tmp_path / "nope")
    assert missing.sheets == () and "does not exist" in missing.errors[0].message
    a_file = tmp_path / "file"
    a_file.write_text("x")
    assert "not a folder" in load_library(a_file).errors[0].message


def test_unexpected_error_in_one_file_is_reported_not_raised(tmp_path, monkeypatch):
    import kiosk.content as content

    (tmp_path / "a.md").write_text("x")
    monkeypatch.setattr(
        content, "parse_fact_sheet", lambda text, path: (_ for _ in ()).throw(RuntimeError("boom"))
    )
    library = load_library(tmp_path)
    assert "unexpected problem" in library.errors[0].message


# ---------------------------------------------------------------- any input at all
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

MARKDOWNISH = st.lists(
    st.sampled_from(
        [
            "---",
            "title: T",
            "source: S",
            "short_title:",
            "## A",
            "### B",
            "#### C",
            "# D",
            "##### E",
            "- item",
            "* **Lead:** x",
            "1. one",
            "",
            "Text. More text.",
            "**open",
            "[link](#)",
            '## S {short="X"}',
            "## S {short=",
            "<!--",
            "-->",
            "```",
            "> quote",
            "\\(x\\)",
            "U.S. It",
            "\x00",
            "\ufeff",
            "\r",
            "\t",
            "e.g. Dr. No. 5",
        ]
    ),
    max_size=25,
).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), MARKDOWNISH))
def test_any_text_gives_a_sheet_or_content_errors(text):
    try:
        sheet = parse_fact_sheet(text, Path("fuzz.md"))
    except ContentFileError as problem:
        assert problem.errors and all(isinstance(e, ContentError) for e in problem.errors)
        assert all(e.line >= 0 and e.message for e in problem.errors)
        return
    for section in sheet.sections:
        for part in (section, *section.subsections):
            assert part.blocks or part.subsections
            for block in part.blocks:
                assert block.text and " ".join(block.sentences) == block.text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aA1 .?!\"')(e.gU.S\n")), max_size=80))
def test_sentences_always_rejoin(text):
    sentences = split_sentences(text)
    assert " ".join(sentences) == " ".join(text.split())
    assert all(s and s == s.strip() for s in sentences)


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=400),
        MARKDOWNISH.map(lambda text: text.encode("utf-8")),
        MARKDOWNISH.map(lambda text: text.encode("utf-16")),
        st.text(max_size=200).map(lambda text: text.encode("latin-1", "replace")),
    )
)
def test_any_bytes_on_disk_load_or_are_reported_never_raise(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "fuzz.md").write_bytes(data)
    library = load_library(folder)
    assert len(library.sheets) + len(library.errors) >= 1
    for error in library.errors:
        assert "fuzz.md" in str(error) and error.message
