from __future__ import annotations

import pytest

from kiosk.speech.spoken_text import (
    PAUSE_AFTER_MS,
    clauses,
    pause_after_ms,
    speakable,
    spoken_words,
)


@pytest.mark.parametrize(
    ("display", "spoken"),
    [
        ("617-441-7200", "6 1 7, 4 4 1, 7 2 0 0"),
        ("Call (617) 441-7200 today.", "Call 6 1 7, 4 4 1, 7 2 0 0 today."),
        ("617.441.7200", "6 1 7, 4 4 1, 7 2 0 0"),
        ("1-800-572-1717", "1, 8 0 0, 5 7 2, 1 7 1 7"),
        ("+1 800 572 1717", "1, 8 0 0, 5 7 2, 1 7 1 7"),
    ],
)
def test_phone_numbers_are_read_digit_by_digit(display, spoken):
    assert speakable(display) == spoken


@pytest.mark.parametrize(
    ("display", "spoken"),
    [
        ("Publication No. 25-NS-916", "Publication Number 2 5, N.S, 9 1 6"),
        ("Bethesda, Maryland 20892-2540", "Bethesda, Maryland 2 0 8 9 2, 2 5 4 0"),
        ("No. 5", "Number 5"),
        ("#3", "Number 3"),
    ],
)
def test_codes_and_numbers_are_spelled_sensibly(display, spoken):
    assert speakable(display) == spoken


@pytest.mark.parametrize(
    ("display", "spoken"),
    [
        ("at ClinicalTrials.gov, a database", "at Clinical Trials dot gov, a database"),
        ("[ClinicalTrials.gov](https://clinicaltrials.gov)", "Clinical Trials dot gov"),
        ("see https://www.ninds.nih.gov/health", "see ninds dot nih dot gov slash health"),
        ("write to help@ninds.nih.gov", "write to help at ninds dot nih dot gov"),
    ],
)
def test_web_addresses_are_speakable(display, spoken):
    assert speakable(display) == spoken


@pytest.mark.parametrize(
    ("display", "spoken"),
    [
        ("e.g. walking", "for example walking"),
        ("i.e. slowly", "that is slowly"),
        ("chewing, etc. Then", "chewing, et cetera. Then"),
        ("ALS is rare.", "A.L.S is rare."),
        ("NINDS's goals", "N.I.N.D.S's goals"),
        ("through an IV", "through an I.V"),
        ("the SOD1 gene", "the S.O.D 1 gene"),
        ("the FDA approved", "the FDA approved"),  # the engine spells it already
        ("sodium phenylbutyrate/taurursodiol", "sodium phenylbutyrate and taurursodiol"),
        ("twitch\u2014and", "twitch, and"),
        ("**Age:** Although", "Age: Although"),
        ("[I AM ALS](#)", "I AM A.L.S"),
    ],
)
def test_abbreviations_initialisms_and_markup(display, spoken):
    assert speakable(display) == spoken


@pytest.mark.parametrize(
    "plain",
    [
        "Motor neurons are the nerve cells in the brain and spinal cord.",
        "symptoms most commonly develop between the ages of 55 and 75.",
        "In 2021, a team of scientists led by the National Institutes of Health",
        "long-term, observational studies",
        "the U.S. Food and Drug Administration",
        "10% of all ALS cases".replace("ALS ", ""),
        "C9orf72",
        "No. It is not.",
        "",
    ],
)
def test_ordinary_text_is_left_alone(plain):
    assert speakable(plain) == plain


def test_pauses_follow_the_kind_of_text():
    assert pause_after_ms("heading") == 600
    assert pause_after_ms("list_item") == 350
    assert pause_after_ms("paragraph") == pause_after_ms("sentence") == 200
    assert pause_after_ms("title") >= pause_after_ms("heading") > pause_after_ms("list_item")
    assert pause_after_ms("something new") == 200
    assert all(value >= 0 for value in PAUSE_AFTER_MS.values())


def test_spoken_words_are_lower_case_words():
    assert spoken_words("Call 6 1 7. It's A.L.S!") == {"call", "6", "1", "7", "it's", "a", "l", "s"}


def test_whole_fact_sheet_contact_list():
    text = "The ALS Association 800-782-4747"
    assert speakable(text) == "The A.L.S Association 8 0 0, 7 8 2, 4 7 4 7"


def test_long_sentences_are_cut_into_clauses_but_never_inside_a_number():
    long = (
        "Eventually, in people with A.L.S, the brain loses its ability to start and control "
        "voluntary movements such as walking, talking, chewing and other functions, as well "
        "as breathing."
    )
    parts = clauses(long, 10)
    assert parts == [
        "Eventually, in people with A.L.S,",
        "the brain loses its ability to start and control voluntary movements such as walking,",
        "talking, chewing and other functions, as well as breathing.",
    ]
    assert " ".join(parts) == long
    phone = "Call the A.L.S Therapy Development Institute at 6 1 7, 4 4 1, 7 2 0 0."
    assert clauses(phone, 10) == [phone]
    assert clauses("to weaken, start to twitch (fasciculations), and waste away (atrophy).", 6) == [
        "to weaken, start to twitch (fasciculations),",
        "and waste away (atrophy).",
    ]
    assert clauses("Short, and sweet.", 10) == ["Short, and sweet."]
    assert clauses("one two three four five six seven eight nine ten eleven", 5) == [
        "one two three four five six seven eight nine ten eleven"
    ]
    assert clauses("anything at all", 0) == ["anything at all"]
