"""Word prediction: completions, next words, the kiosk's own words, a broken list."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from kiosk.screens.typing import prediction as words
from kiosk.screens.typing.keys import FREQUENCY_ORDER

SHEET = "Riluzole is approved for ALS. The ALS clinic helps. Edaravone may slow ALS."
PHRASES = ["I need the bathroom", "I have an appointment", "Please help me"]


def model(path: Path = words.WORDS_FILE) -> words.WordModel:
    return words.build_model(words.load_word_list(path), [SHEET], PHRASES)


def test_the_shipped_list_is_read_whole_and_credited():
    word_list = words.load_word_list(words.WORDS_FILE)
    assert word_list.problem == "" and len(word_list.zipf) == 20000
    head = words.WORDS_FILE.read_text(encoding="utf-8").splitlines()[:3]
    assert "wordfreq" in head[1] and "CC BY-SA 4.0" in head[2]


def test_a_word_is_completed_from_its_first_letters():
    assert "pharmacy" in model().predict("Where is the pharm", 4)
    assert model().predict("I need the bath", 1) == ("bathroom",)


def test_the_fact_sheets_words_are_predicted_and_keep_their_capitals():
    m = model()
    assert "riluzole" in m.predict("I take ril", 4)
    assert "als" in m.predict("I have a", 5) or "als" in m.predict("I have al", 5)
    assert m.written_form("als") == "ALS" and m.written_form("i'm") == "I'm"
    assert m.written_form("clinic") == "clinic"


def test_the_next_word_follows_what_visitors_say():
    after_i = model().predict("I ", 5)
    assert "need" in after_i and "have" in after_i
    assert model().predict("", 5)[0] in ("i", "please")  # a visitor's first word


def test_context_is_the_word_before_and_the_unfinished_one():
    assert words.context("I need the ph") == ("the", "ph")
    assert words.context("Help me. Wh") == (words.START, "wh")
    assert words.context("") == (words.START, "")


def test_a_missing_list_leaves_the_kiosks_own_words_and_says_why(tmp_path):
    missing = model(tmp_path / "gone.tsv")
    assert "missing" in missing.problem and missing.available
    assert "riluzole" in missing.predict("ril", 3)
    assert "without the English word list" in words.describe(missing)


def test_a_broken_list_is_refused_in_plain_words(tmp_path):
    broken = tmp_path / "words.tsv"
    broken.write_bytes(b"\xff\xfe\x00garbage" * 50)
    assert "cannot be read" in words.load_word_list(broken).problem
    damaged = tmp_path / "damaged.tsv"
    damaged.write_text("the\t7.7\n" + "nonsense line\n" * 10, encoding="utf-8")
    assert "damaged" in words.load_word_list(damaged).problem


def test_no_words_at_all_means_no_predictions_and_says_the_letters_still_work(tmp_path):
    empty = words.build_model(words.load_word_list(tmp_path / "none.tsv"), [])
    assert empty.predict("I ne", 4) == ()
    assert "letters still work" in words.describe(empty)


def test_the_keys_letter_order_is_the_word_lists_commonest_first():
    counts: Counter[str] = Counter()
    for word, zipf in words.load_word_list(words.WORDS_FILE).zipf.items():
        for ch in word:
            if ch.isalpha():
                counts[ch] += 10**zipf
    assert "".join(c for c, _ in counts.most_common()) == FREQUENCY_ORDER


def test_the_general_english_model_ships_with_pocketsphinx_and_knows_what_follows():
    general, problem = words.load_general_model()
    assert general is not None, problem
    m = words.build_model(words.load_word_list(words.WORDS_FILE), [SHEET], PHRASES, general)
    assert {"mother", "wife", "daughter"} & set(m.predict("Can you call my ", 5))
    assert "need" in m.predict("Can I ", 5) or "have" in m.predict("Can I ", 5)
    assert "riluzole" in m.predict("I take ril", 5)  # the fact sheet's words still come up
    assert "general English model" in words.describe(m)


def test_the_two_words_before_are_the_context():
    assert words.context3("Can you call my da") == ("call", "my", "da")
    assert words.context3("Help. I ne") == (words.START, "i", "ne")
    assert words.context3("") == (words.START, words.START, "")
