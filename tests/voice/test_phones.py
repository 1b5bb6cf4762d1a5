"""Phone-sequence verification: the pure distance between phone strings."""

from __future__ import annotations

import pytest

from kiosk.voice.phones import BROAD_CLASS, broad_phone_error, edit_distance


def test_edit_distance_counts_insertions_deletions_and_substitutions():
    assert edit_distance([], []) == 0
    assert edit_distance("abc", "abc") == 0
    assert edit_distance("abc", "") == 3
    assert edit_distance("", "ab") == 2
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance(["L", "AW"], ["L", "AW", "D", "ER"]) == 2


def test_every_phone_of_the_model_has_a_broad_class():
    phones = (
        "AA AE AH AO AW AY B CH D DH EH ER EY F G HH IH IY JH K L M N NG OW OY P R S "
        "SH T TH UH UW V W Y Z ZH"
    ).split()
    assert set(BROAD_CLASS) == set(phones)
    assert BROAD_CLASS["IY"] == BROAD_CLASS["AA"]  # vowels are one class
    assert BROAD_CLASS["P"] == BROAD_CLASS["B"]
    assert BROAD_CLASS["S"] != BROAD_CLASS["T"]


def test_similar_sounds_are_forgiven_other_sounds_are_not():
    louder = "L AW D ER".split()
    assert broad_phone_error(louder, "L AW D ER".split()) == 0.0
    assert broad_phone_error(louder, "R AY T AH".split()) == 0.0  # same classes
    # "hello there" forced onto "louder": more and other phones
    assert broad_phone_error(louder, "HH AH L OW DH EH R".split()) == pytest.approx(1.0)
    assert broad_phone_error(louder, []) == 1.0


def test_unknown_symbols_stand_for_themselves_and_empty_expectations():
    assert broad_phone_error(["AA", "+NSN+"], ["IY", "+NSN+"]) == 0.0
    assert broad_phone_error([], []) == 0.0
    assert broad_phone_error([], ["AA"]) == 1.0
