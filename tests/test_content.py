"""The content loader: the real ALS fact sheet against its source, and broken files."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.content import (
    ContentFileError,
    load_fact_sheet,
    load_library,
    parse_fact_sheet,
    split_sentences,
)

ROOT = Path(__file__).resolve().parent.parent
ALS = ROOT / "content" / "als.md"
SOURCE = ROOT.parent / "shared" / "source" / "ninds-als-fact-sheet.txt"
if not SOURCE.exists():  # CI clones beside shared/ too; fall back to the work tree's
    SOURCE = Path("/work/shared/source/ninds-als-fact-sheet.txt")

GOOD = """---
title: Test sheet
source: Tester
---

## First section {short="First"}

One sentence. Two sentences.

- **Lead:** item text
"""


def words(text: str) -> list[str]:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("\\(", "(").replace("\\)", ")").replace("**", "")
    return re.findall(r"[A-Za-z0-9']+", text)


def sheet_text(sheet) -> list[str]:
    out: list[str] = []

    def walk(section):
        out.append(section.title)
        out.extend(block.text for block in section.blocks)
        for sub in section.subsections:
            walk(sub)

    for section in sheet.sections:
        walk(section)
    return out


def test_the_als_sheet_has_its_six_sections_and_every_subsection():
    sheet = load_fact_sheet(ALS)
    assert [s.title for s in sheet.sections] == [
        "What is amyotrophic lateral sclerosis (ALS)?",
        "Who is more likely to get ALS?",
        "How is ALS diagnosed and treated?",
        "What are the latest updates on ALS?",
        "How can I or my loved one help improve care for people with ALS?",
        "Where can I find more information about ALS?",
    ]
    subs = {s.title: [sub.title for sub in s.subsections] for s in sheet.sections}
    assert subs["Who is more likely to get ALS?"] == ["Sporadic and familial ALS"]
    assert subs["How is ALS diagnosed and treated?"] == [
        "Diagnosing ALS", "Treating ALS", "Rehabilitation, therapy, and other support",
        "Caring for a person living with ALS"]
    assert subs["What are the latest updates on ALS?"] == [
        "Cellular defects", "Stem cells", "Genetics and epigenetics", "Biomarkers"]
    rehab = sheet.sections[2].subsections[2]
    headings = [b.text for b in rehab.blocks if b.kind == "heading"]
    assert headings == ["Support for physical function and daily life",
                        "Speech and communication support",
                        "Support for nutrition, breathing, and feeding"]
    assert all(len(s.short_title) <= 28 for s in sheet.sections)
    assert sheet.publication == "25-NS-916" and sheet.date == "March 2025"
    assert "NINDS" in sheet.source and "NIH" in sheet.source


def test_the_als_sheet_keeps_the_source_wording():
    """Every word of the source body appears, in order, and nothing is added."""
    source = SOURCE.read_text(encoding="utf-8")
    body = source[source.index("What is amyotrophic lateral sclerosis (ALS)?\n\nAmyotrophic"):]
    body = body[: body.index("Prepared by:")]
    expected = words(body)
    sheet = load_fact_sheet(ALS)
    actual = words(" ".join(sheet_text(sheet)))
    # The sheet ends with "Prepared by" names, which the source has after the cut.
    prepared = actual.index("Prepared")
    assert actual[:prepared] == expected
    assert " ".join(actual[prepared:]).startswith("Prepared by Office of Neuroscience")


def test_lists_bold_leads_and_phone_numbers():
    sheet = load_fact_sheet(ALS)
    who = sheet.sections[1]
    items = [b for b in who.blocks if b.kind == "list_item"]
    assert [b.lead for b in items] == ["Age:", "Biological sex:", "Race and ethnicity:"]
    assert items[0].text.startswith("Age: Although ALS can happen")
    more = sheet.sections[5]
    phones = [b.text for b in more.blocks if re.search(r"\d{3}-\d{3}-\d{4}", b.text)]
    assert "ALS Therapy Development Institute: 617-441-7200" in phones
    assert len(phones) == 8
    assert all("(#)" not in b.text for s in sheet.sections for b in s.blocks)


def test_sentences_rejoin_to_the_text():
    sheet = load_fact_sheet(ALS)
    for section in sheet.sections:
        for block in section.blocks:
            assert " ".join(block.sentences) == block.text


@pytest.mark.parametrize("text,expected", [
    ("One. Two.", ("One.", "Two.")),
    ("Labs in the U.S. are busy. Next one.", ("Labs in the U.S. are busy.", "Next one.")),
    ("Use tools, e.g. a cane. Then rest.", ("Use tools, e.g. a cane.", "Then rest.")),
    ("Publication No. 25-NS-916 is here.", ("Publication No. 25-NS-916 is here.",)),
    ("About 1 in 10 survive. It took 3.5 years.", ("About 1 in 10 survive.",
                                                    "It took 3.5 years.")),
    ("Is it? Yes! (It is.) Done", ("Is it?", "Yes!", "(It is.)", "Done")),
    ('He said "stop." Then left.', ('He said "stop."', "Then left.")),
])
def test_sentence_splitting(text, expected):
    assert split_sentences(text) == expected


@pytest.mark.parametrize("text,line,words_in_message", [
    ("", 0, "empty"),
    ("## Section\n\nText.\n", 1, "front matter"),
    ("---\ntitle: T\n\n## S\n\nText.\n", 1, "not closed"),
    ("---\ntitle: T\n---\n\n## S\n\nText.\n", 3, "no 'source:'"),
    ("---\ntitle: T\nsource: S\ncolour: red\n---\n", 4, "unknown front matter field"),
    ("---\ntitle: T\nsource: S\n---\n\nText first.\n", 6, "before the first"),
    ("---\ntitle: T\nsource: S\n---\n\n### Sub\n\nText.\n", 6, "before any '## '"),
    ("---\ntitle: T\nsource: S\n---\n\n## S\n\nSome **bold text.\n", 8, "not closed"),
    ("---\ntitle: T\nsource: S\n---\n\n## Empty\n\n## Full\n\nText.\n", 6, "has no text"),
    ("---\ntitle: T\nsource: S\n---\n\nno sections at all\n", 6, "before the first"),
    ("---\ntitle: T\nsource: S\n---\n", 4, "no '## ' sections"),
    ("---\ntitle: T\nsource: S\n---\n\n## S\n\n##### Deep\n\nText.\n", 8, "not #####"),
])
def test_broken_files_name_the_line_and_the_problem(text, line, words_in_message):
    with pytest.raises(ContentFileError) as caught:
        parse_fact_sheet(text, Path("broken.md"))
    error = caught.value.error
    assert error.line == line and words_in_message in error.message, str(error)
    assert str(error).startswith("broken.md")


def test_binary_undecodable_and_huge_files(tmp_path):
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    latin = tmp_path / "latin.md"
    latin.write_bytes(GOOD.encode() + "caf\xe9\n".encode("latin-1"))
    huge = tmp_path / "huge.md"
    huge.write_text(GOOD + "x" * 2_100_000)
    library = load_library(tmp_path)
    messages = {e.path.name: (e.line, e.message) for e in library.errors}
    assert "not UTF-8" in messages["latin.md"][1] and messages["latin.md"][0] == 11
    assert "too large" in messages["huge.md"][1]
    assert "binary.md" in messages
    assert library.sheets == ()


def test_a_broken_file_does_not_stop_the_others(tmp_path, caplog):
    (tmp_path / "a.md").write_text(GOOD)
    (tmp_path / "b.md").write_text("---\ntitle: x\n")
    library = load_library(tmp_path)
    assert [s.title for s in library.sheets] == ["Test sheet"]
    assert [e.path.name for e in library.errors] == ["b.md"]
    assert "b.md" in caplog.text


def test_good_file_parts():
    sheet = parse_fact_sheet(GOOD, Path("good.md"))
    section = sheet.sections[0]
    assert section.short_title == "First" and section.title == "First section"
    assert section.blocks[0].sentences == ("One sentence.", "Two sentences.")
    assert section.blocks[1].kind == "list_item" and section.blocks[1].lead == "Lead:"
    assert section.blocks[1].text == "Lead: item text"


def test_empty_or_missing_folder(tmp_path):
    assert "no fact sheets" in load_library(tmp_path).errors[0].message
    assert load_library(tmp_path / "nope").errors


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)


def test_check_content_cli(tmp_path):
    ok = run_cli("check-content")
    assert ok.returncode == 0 and "als.md" in ok.stdout and "0 problem(s)" in ok.stdout
    (tmp_path / "good.md").write_text(GOOD)
    (tmp_path / "bad.md").write_text(GOOD.replace("One sentence.", "One **sentence."))
    bad = run_cli("check-content", str(tmp_path))
    assert bad.returncode == 1
    assert "PROBLEM bad.md, line 8: a ** bold marker is not closed" in bad.stdout
    assert "OK      good.md" in bad.stdout
